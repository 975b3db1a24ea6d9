"""Pages rendered again only when their inputs changed (generator/pagecache.py).

The demo site is rebuilt in place after each change (an edited article, a
correction, a setting, a template), built again from nothing beside it, and the
two output folders are compared byte for byte: a fingerprint that missed an input would leave a stale page behind.
The articles below are our own sentences.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build
from jinja2 import UndefinedError

from generator import links, pagecache
from generator.model import Article, SiteData

ARTICLE = "2016-12-23-aleppo-attacked-again.md"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def counts(monkeypatch) -> list[tuple[int, int]]:
    """(rendered, kept) of each build's fingerprinted pages."""
    seen: list[tuple[int, int]] = []
    save = pagecache.PageCache.save

    def spy(self):
        seen.append((self.rendered, self.skipped))
        save(self)

    monkeypatch.setattr(pagecache.PageCache, "save", spy)
    return seen


class Site:
    """The demo site built in place after each change, and built clean (no page records) beside it."""

    def __init__(self, root: Path, counts: list[tuple[int, int]]) -> None:
        self.root, self.counts, self.clean_builds = root, counts, 0
        shutil.copytree(ROOT / "content", root / "content")
        self.settings = {"PATH": str(root / "content"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
                         "TIMELINE_CACHE_PATH": str(root / "extraction"), "TIMELINE_WORKERS": 1}
        self.site = build(root / "site", CACHE_PATH=str(root / "cache"), **self.settings)

    def rebuild(self, **extra) -> tuple[dict[str, bytes], dict[str, bytes], tuple[int, int]]:
        """(bytes before, bytes after, (rendered, kept)); fails unless a clean build gives the same bytes."""
        old = _tree(self.site)
        build(self.site, CACHE_PATH=str(self.root / "cache"), **self.settings, **extra)
        rendered_kept = self.counts[-1]
        self.clean_builds += 1
        clean = build(self.root / f"clean{self.clean_builds}", CACHE_PATH=str(self.root / f"cache{self.clean_builds}"),
                      **self.settings, **extra)
        new, fresh = _tree(self.site), _tree(clean)
        assert sorted(new) == sorted(fresh)
        assert [rel for rel in fresh if new[rel] != fresh[rel]] == []
        return old, new, rendered_kept


def test_an_incremental_build_is_byte_identical_to_a_clean_one(tmp_path, counts):
    site = Site(tmp_path, counts)
    bulletin = "bulletins/2016-12-23/index.html"

    old, new, (rendered, kept) = site.rebuild()  # nothing changed
    assert old == new and rendered == 0 and kept > 20

    path = tmp_path / "content" / "articles" / ARTICLE  # one article edited
    text = path.read_text(encoding="utf-8")
    assert "six people" in text
    path.write_text(text.replace("six people", "nine people"), encoding="utf-8")
    old, new, (rendered, kept) = site.rebuild()
    assert old[bulletin] != new[bulletin]
    assert 0 < rendered < kept  # only the pages that show it

    with open(site.site / "data" / "events.csv", encoding="utf-8") as fh:  # an editor's correction
        event_id = next(r["event_id"] for r in csv.DictReader(fh) if r["article"] == "aleppo-attacked-again" and r["figures"])
    with open(tmp_path / "content" / "corrections.yaml", "a", encoding="utf-8") as fh:
        fh.write(f'- event: "{event_id}"\n  hide: "a duplicate report"\n')
    old, new, (rendered, kept) = site.rebuild()
    assert old[bulletin] != new[bulletin] and 0 < rendered < kept

    old, new, (rendered, kept) = site.rebuild(SITESUBTITLE="Another subtitle")  # a setting: in every fingerprint
    assert old[bulletin] != new[bulletin] and kept == 0

    overrides = tmp_path / "overrides"  # a template
    overrides.mkdir()
    macros = (ROOT / "theme" / "templates" / "_macros.html").read_text(encoding="utf-8")
    assert 'class="event"' in macros
    (overrides / "_macros.html").write_text(macros.replace('class="event"', 'class="event entry"'), encoding="utf-8")
    old, new, (rendered, kept) = site.rebuild(SITESUBTITLE="Another subtitle", THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    assert old[bulletin] != new[bulletin] and kept == 0


def test_a_fingerprinted_page_cannot_read_site_wide_data(tmp_path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    page = (ROOT / "theme" / "templates" / "bulletin.html").read_text(encoding="utf-8")
    (overrides / "bulletin.html").write_text(page.replace("{% block content %}", "{% block content %}{{ timeline.events|length }}", 1), encoding="utf-8")
    with pytest.raises(UndefinedError, match="site-wide"):
        build(tmp_path / "site", THEME_TEMPLATES_OVERRIDES=[str(overrides)])


def test_a_reused_fragment_reports_what_it_read_to_every_page():
    """An event's HTML is rendered once; a second page reusing it still depends on the article it looked up."""
    import datetime as dt

    from generator.model import Event

    article = Article("a.md", "a1", "A title", dt.date(2016, 12, 23), "Text.")
    event = Event("e1", "a1", "2016-12-23", "day", None, "Text.", 0, 5, "shelling")
    tl = links.Links({}, SiteData(articles=[article], events=[event]), ["2016-12-23"])

    def render(ev, hl, show_date, root):
        return f"{tl.article(ev.article).title} {tl.has_bulletin(ev.date)}"

    with tl.reads.recording() as first:
        tl.event_html(render, event, 3, False, "..")
    with tl.reads.recording() as second:
        tl.event_html(render, event, 2, False, "../..")
    assert first == second == {("article", "a1"), ("bulletin", "2016-12-23")}
