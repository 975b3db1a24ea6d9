"""Publishing: ghp-import (as Pelican's `make github`) into a local bare repository, and the Pages workflow."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(*args: str, cwd: Path, env: dict) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def test_ghp_import_pushes_the_built_site_to_a_gh_pages_branch(tmp_path):
    from tests.test_site import pelican_build

    site = pelican_build(tmp_path / "output", TIMELINE_BUILD_REPORT_PUBLIC=False)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    bare = tmp_path / "remote.git"
    work = tmp_path / "work"
    git("init", "--bare", "-q", str(bare), cwd=tmp_path, env=env)
    git("init", "-q", str(work), cwd=tmp_path, env=env)
    git("remote", "add", "origin", str(bare), cwd=work, env=env)

    # what `make github` runs: ghp-import -m MSG -b gh-pages output --no-jekyll, then a push
    subprocess.run(
        [sys.executable, "-m", "ghp_import", "-m", "Generate Pelican site", "-b", "gh-pages", "--no-jekyll", "--push", str(site)],
        cwd=work, env=env, check=True, capture_output=True,
    )
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare, env=env).split()
    assert ".nojekyll" in files
    assert {"index.html", "timeline/index.html", "data/events.csv", "feeds/bulletins.atom.xml"} <= set(files)
    assert "report/index.html" not in files  # kept out of a published build
    assert git("show", "gh-pages:index.html", cwd=bare, env=env) == (site / "index.html").read_text(encoding="utf-8")
    assert git("log", "-1", "--format=%s", "gh-pages", cwd=bare, env=env).strip() == "Generate Pelican site"


def test_the_pages_workflow_builds_with_make_publish_and_deploys():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    from ruamel.yaml import YAML

    doc = YAML(typ="safe", pure=True).load(workflow)
    steps = doc["jobs"]["build"]["steps"]
    assert any(s.get("run") == "make publish" for s in steps)
    assert any(str(s.get("uses", "")).startswith("actions/upload-pages-artifact") and s["with"]["path"] == "output" for s in steps)
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in doc["jobs"]["deploy"]["steps"])
    assert doc["permissions"]["pages"] == "write"


def test_make_github_is_pelicans_recipe():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "github: publish" in makefile and "ghp-import -m" in makefile and "--no-jekyll" in makefile
    assert "git push origin $(GITHUB_PAGES_BRANCH)" in makefile
    assert any(line.startswith("ghp-import==") for line in (ROOT / "requirements.txt").read_text().splitlines())


def test_published_pages_have_a_canonical_address_opengraph_and_an_icon(published_site):
    from tests.conftest import PUBLISH_SITEURL

    html = (published_site / "bulletins" / "2016-12-23" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISH_SITEURL}/bulletins/2016-12-23/">' in html
    assert f'<meta property="og:url" content="{PUBLISH_SITEURL}/bulletins/2016-12-23/">' in html
    assert '<meta property="og:title" content="Bulletin, Friday 23 December 2016' in html
    # the description is the day in one line
    line = html.split('<p class="day-line">', 1)[1].split("</p>", 1)[0]
    assert f'<meta property="og:description" content="{line}">' in html
    assert 'rel="icon" href="' in html and (published_site / "theme" / "favicon.svg").exists()


def test_a_development_build_has_no_relative_canonical_address(built_site):
    html = (built_site / "bulletins" / "2016-12-23" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in html and 'og:url' not in html
    assert 'rel="icon"' in html
