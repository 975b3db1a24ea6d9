"""Static search: the Pagefind index, built offline from the written pages."""

from __future__ import annotations

import filecmp
import gzip
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import search

needs_pagefind = pytest.mark.skipif(search.pagefind_executable() is None, reason="pagefind not installed: pip install 'pagefind[bin]'")

PAGES = {
    "bulletins/2016-12-23/index.html": "Shelling hit al-Hamdaniya in Aleppo.",
    "articles/aleppo-attacked/index.html": "Syria calls for peace talks as Aleppo attacked again.",
    "places/aleppo/index.html": "Aleppo: 27 events.",
    "about/index.html": "About this site.",
    "timeline/2016-12/index.html": "Shelling hit al-Hamdaniya in Aleppo.",  # a repeat: not indexed
    "types/shelling/index.html": "Shelling hit al-Hamdaniya in Aleppo.",  # a repeat: not indexed
}


def make_site(root: Path) -> Path:
    for rel, text in PAGES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html lang="en"><body><nav>Home Bulletins</nav><main><h1>{rel}</h1><p>{text}</p></main></body></html>', encoding="utf-8")
    return root


def indexed_pages(site: Path) -> int:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


@needs_pagefind
def test_index_covers_bulletins_articles_places_and_pages_but_not_repeats(tmp_path):
    site = make_site(tmp_path)
    assert search.index_site(str(site))
    assert indexed_pages(site) == 4


@needs_pagefind
def test_the_index_is_byte_identical_across_builds_and_reindexing(tmp_path):
    one, two = make_site(tmp_path / "one"), make_site(tmp_path / "two")
    assert search.index_site(str(one)) and search.index_site(str(two)) and search.index_site(str(two))
    cmp = filecmp.dircmp(one / "pagefind", two / "pagefind")
    assert not cmp.left_only and not cmp.right_only and not cmp.diff_files
    for sub in ("fragment", "index"):
        assert sorted(p.name for p in (one / "pagefind" / sub).iterdir()) == sorted(p.name for p in (two / "pagefind" / sub).iterdir())
        assert all((one / "pagefind" / sub / p.name).read_bytes() == p.read_bytes() for p in (two / "pagefind" / sub).iterdir())


@needs_pagefind
def test_a_site_with_nothing_to_index_is_reported_not_raised(tmp_path):
    assert search.index_site(str(tmp_path)) is False


def test_without_pagefind_the_build_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    assert search.index_site(str(make_site(tmp_path))) is False
    assert not (tmp_path / "pagefind").exists()


@pytest.mark.parametrize("enabled, has_template, expected", [
    (True, True, ["index", "archives", "search"]),
    (False, True, ["index", "archives"]),
    (True, False, ["index", "archives"]),
])
def test_the_search_page_is_added_only_when_on_and_the_theme_has_it(tmp_path, monkeypatch, enabled, has_template, expected):
    monkeypatch.setattr(search, "pagefind_executable", lambda: "/usr/bin/true")
    (tmp_path / "templates").mkdir()
    if has_template:
        (tmp_path / "templates" / "search.html").write_text("x")
    defaults = ["index", "archives"]
    settings = {"THEME": str(tmp_path), "DIRECT_TEMPLATES": defaults, "TIMELINE_SEARCH": enabled}
    search.initialized(SimpleNamespace(settings=settings))
    assert settings["DIRECT_TEMPLATES"] == expected
    assert defaults == ["index", "archives"]  # Pelican's default list is not mutated
    assert ("SEARCH_SAVE_AS" in settings) == (expected[-1] == "search")


def test_no_search_page_without_pagefind(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "search.html").write_text("x")
    settings = {"THEME": str(tmp_path), "DIRECT_TEMPLATES": ["index"]}
    search.initialized(SimpleNamespace(settings=settings))
    assert settings["DIRECT_TEMPLATES"] == ["index"]


@needs_pagefind
def test_built_site_has_a_search_page_and_an_index(built_site):
    assert (built_site / "search" / "index.html").exists()
    assert indexed_pages(built_site) >= 10


def indexed_urls(site: Path) -> set[str]:
    """The URL of every page in a written bundle (each fragment is gzipped "pagefind_dcd" + JSON)."""
    urls = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.loads(data)["url"])
    return urls


@needs_pagefind
def test_the_build_report_is_not_indexed(built_site):
    """The report repeats every problem sentence (8 MB at 500 articles): no search hit, no indexing time."""
    assert (built_site / "report" / "index.html").exists()
    urls = indexed_urls(built_site)
    assert len(urls) == indexed_pages(built_site)
    assert any(url.startswith("/bulletins/") for url in urls)
    assert not any(url.startswith("/report/") for url in urls)


def test_an_index_with_empty_files_fails_the_build(tmp_path, monkeypatch):
    """A full disk leaves zero-byte files while Pagefind exits 0: that must not end in "Done"."""
    site = make_site(tmp_path)

    def fake_pagefind(command, **_):
        bundle = site / "pagefind"
        (bundle / "fragment").mkdir(parents=True)
        (bundle / "pagefind-entry.json").write_text("{}")
        (bundle / "fragment" / "en_1.pf_fragment").write_bytes(b"")
        return SimpleNamespace(returncode=0, stdout="", stderr="")

    monkeypatch.setattr(search, "pagefind_executable", lambda: "/usr/bin/true")
    monkeypatch.setattr(search.subprocess, "run", fake_pagefind)
    with pytest.raises(search.SearchIndexError, match="en_1.pf_fragment is empty"):
        search.index_site(str(site))
    assert search.bundle_problems(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere' / 'pagefind-entry.json'} is missing"]


def test_pagefind_failing_on_a_site_with_pages_fails_the_build(tmp_path, monkeypatch):
    site = make_site(tmp_path)
    monkeypatch.setattr(search, "pagefind_executable", lambda: "/usr/bin/true")
    monkeypatch.setattr(search.subprocess, "run", lambda command, **_: SimpleNamespace(returncode=1, stdout="", stderr="No space left on device"))
    with pytest.raises(search.SearchIndexError, match="No space left"):
        search.index_site(str(site))
