"""Incremental publishing: a rebuild after one new article is byte-identical to a clean build,
files it did not change keep their modification time, and an unchanged site is not re-indexed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import ROOT, build

from generator import search

NEW = """Title: Shelling near a bakery in Hama
Date: 2016-12-24
Source: Wire

Three people were killed in Hama on Saturday when shells hit a bakery queue, medics said.
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_adding_an_article_rewrites_only_what_changed(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    caches = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True,
              "LOAD_CONTENT_CACHE": True, "TIMELINE_CACHE_PATH": "{CACHE_PATH}/timeline", "TIMELINE_WORKERS": 1}
    site = build(tmp_path / "site", **caches)
    old_bytes = _tree(site)
    old = {rel: mtime - 10**9 for rel, mtime in _mtimes(site).items()}  # a second earlier: any rewrite shows
    for rel, mtime in old.items():
        os.utime(site / rel, ns=(mtime, mtime))
    # the build's own record of modification times (in CACHE_PATH) moves with them
    [record] = (tmp_path / "cache").glob("timeline-output-*.json")
    text = record.read_text(encoding="utf-8")
    for mtime in old.values():
        text = text.replace(f"{mtime + 10**9}", f"{mtime}")
    record.write_text(text, encoding="utf-8")

    (content / "articles" / "2016-12-24-bakery.md").write_text(NEW, encoding="utf-8")
    build(site, **caches)
    clean = build(tmp_path / "clean", **{**caches, "CACHE_PATH": str(tmp_path / "fresh-cache")})
    assert _tree(site) == _tree(clean)

    new_bytes, new_times = _tree(site), _mtimes(site)
    same = [rel for rel in new_bytes if old_bytes.get(rel) == new_bytes[rel] and rel in old]
    assert same and [rel for rel in same if new_times[rel] != old[rel]] == [], [rel for rel in same if new_times[rel] != old[rel]]
    changed = [rel for rel in new_bytes if old_bytes.get(rel) != new_bytes[rel]]
    assert "articles/shelling-near-a-bakery-in-hama/index.html" in changed
    assert all(new_times[rel] > old.get(rel, 0) for rel in changed if rel in old)

    calls = []
    monkeypatch.setattr(search, "index_site", lambda *a, **k: calls.append(a) or True)
    build(site, **caches)  # nothing changed
    assert calls == [] and _tree(site) == _tree(clean)


def test_exports_and_feeds_are_made_again_only_when_their_inputs_changed(tmp_path, monkeypatch):
    from generator import exports, feeds

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    caches = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True,
              "LOAD_CONTENT_CACHE": True, "TIMELINE_CACHE_PATH": "{CACHE_PATH}/timeline", "TIMELINE_WORKERS": 1}
    site = build(tmp_path / "site", **caches)
    first = _tree(site)
    made: list[str] = []
    real_exports, real_feeds = exports.write_exports, feeds.write_feeds
    monkeypatch.setattr(exports, "write_exports", lambda *a, **k: made.append("exports") or real_exports(*a, **k))
    monkeypatch.setattr(feeds, "write_feeds", lambda *a, **k: made.append("feeds") or real_feeds(*a, **k))

    build(site, **caches)  # nothing changed: neither is made, every file is still there with its bytes
    assert made == [] and _tree(site) == first

    (site / "data" / "events.json").write_text("{}", encoding="utf-8")  # an edited export is made again
    (site / "feeds" / "bulletins.atom.xml").unlink()  # and a deleted feed
    build(site, **caches)
    assert made == ["feeds", "exports"] and _tree(site) == first

    made.clear()
    build(site, **{**caches, "SITENAME": "Another name"})  # a setting: both made again
    assert made == ["feeds", "exports"]

    made.clear()
    (content / "articles" / "2016-12-24-bakery.md").write_text(NEW, encoding="utf-8")  # the data: both made again
    build(site, **{**caches, "SITENAME": "Another name"})
    assert made == ["feeds", "exports"]
    assert b"bakery" in (site / "data" / "events.json").read_bytes()
