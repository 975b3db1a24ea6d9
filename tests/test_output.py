"""The output folder reflects this build: what an earlier build wrote and this one didn't is removed."""

from __future__ import annotations

from pathlib import Path

from conftest import build

from generator import output

GOOD = """Title: Shelling in Aleppo
Date: 2016-12-23
Source: Wire

Five people were killed in Aleppo on Thursday when shells hit a market, the Observatory said.
"""

LATER = """Title: Air strike in Hama
{date}Source: Wire

Four people were killed in Hama on 14 March 2015 in an air strike, medics said.
"""


def _content(root: Path, later_dated: bool) -> Path:
    articles = root / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (articles / "good.md").write_text(GOOD, encoding="utf-8")
    (articles / "later.md").write_text(LATER.format(date="Date: 2015-03-15\n" if later_dated else ""), encoding="utf-8")
    return root


def test_pages_of_an_article_that_turned_bad_disappear(tmp_path):
    site = tmp_path / "output"
    content = _content(tmp_path / "content", later_dated=True)
    build(site, PATH=str(content), TIMELINE_WORKERS=1)
    (site / "CNAME").write_text("example.org\n")  # not ours: must stay
    its_pages = [
        "articles/air-strike-in-hama/index.html",
        "bulletins/2015-03-14/index.html",
        "timeline/2015-03/index.html",
        "places/hama/index.html",
        "feeds/places/hama.atom.xml",
    ]
    assert all((site / p).is_file() for p in its_pages), [p for p in its_pages if not (site / p).is_file()]

    _content(content, later_dated=False)  # the article loses its Date
    build(site, PATH=str(content), TIMELINE_WORKERS=1)
    assert [p for p in its_pages if (site / p).exists()] == []
    assert not (site / "places" / "hama").exists()  # folders left empty go too
    assert (site / "articles/shelling-in-aleppo/index.html").is_file() and (site / "bulletins/2016-12-22/index.html").is_file()
    assert (site / "CNAME").is_file()
    assert "later.md" in (site / "report/index.html").read_text(encoding="utf-8")


def test_only_files_of_the_previous_list_inside_the_folder_are_removed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("old")
    (tmp_path / "keep.html").write_text("new")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text("never")
    (tmp_path / output.MANIFEST).write_text('{"files": ["a/index.html", "keep.html", "../%s"]}' % outside.name)
    assert output.prune(str(tmp_path), ["keep.html"]) == ["a/index.html"]
    assert not (tmp_path / "a").exists() and (tmp_path / "keep.html").exists() and outside.exists()
    assert output.load_manifest(str(tmp_path)) == ["keep.html"]


def test_an_unreadable_list_removes_nothing(tmp_path):
    (tmp_path / "page.html").write_text("x")
    (tmp_path / output.MANIFEST).write_text("{not json")
    assert output.prune(str(tmp_path), []) == [] and (tmp_path / "page.html").exists()
