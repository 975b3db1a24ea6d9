"""Pelican's content cache: a rebuild from it is byte-identical, and a changed reader or setting reloads."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from conftest import build

from generator import intake, readcache


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _pelican(tmp_path: Path, **settings) -> SimpleNamespace:
    return SimpleNamespace(settings={"CACHE_PATH": str(tmp_path), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, **settings})


def test_the_cache_is_loaded_only_after_a_build_with_the_same_stamp(tmp_path):
    first = _pelican(tmp_path)
    readcache.check_stamp(first)
    assert first.settings["LOAD_CONTENT_CACHE"] is False  # no stamp yet: read everything
    readcache.save_stamp(first)
    again = _pelican(tmp_path)
    readcache.check_stamp(again)
    assert again.settings["LOAD_CONTENT_CACHE"] is True
    readcache.save_stamp(again)
    changed = _pelican(tmp_path, MARKDOWN={"extensions": ["toc"]})
    readcache.check_stamp(changed)
    assert changed.settings["LOAD_CONTENT_CACHE"] is False
    assert not (tmp_path / readcache.STAMP).exists()  # until this build succeeds, no stamp vouches for the cache


def test_edited_reading_code_changes_the_stamp(monkeypatch, tmp_path):
    before = readcache.reader_stamp({})
    intake = tmp_path / "intake.py"
    intake.write_text("# another sanitiser\n")
    monkeypatch.setattr(readcache, "extraction_files", lambda root: [intake])
    assert readcache.reader_stamp({}) != before
    assert readcache.reader_stamp({"ON_SAVE": lambda: None}) == readcache.reader_stamp({})  # functions are left out


def test_a_rebuild_from_pelicans_content_cache_is_byte_identical(tmp_path, built_site, monkeypatch):
    caches = {"CACHE_PATH": str(tmp_path / "cache"), "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "TIMELINE_WORKERS": 1}
    cold = build(tmp_path / "cold", **caches)
    assert (tmp_path / "cache" / readcache.STAMP).is_file() and any((tmp_path / "cache").glob("*Readers*"))
    parsed = []
    real = intake.sanitise_html
    monkeypatch.setattr(intake, "sanitise_html", lambda html: parsed.append(1) or real(html))
    warm = build(tmp_path / "warm", **caches)
    assert parsed == []  # every file came from the cache
    assert _tree(warm) == _tree(cold) == _tree(built_site)


def test_make_publish_keeps_its_own_reading_cache_and_shares_extraction(tmp_path):
    """Alternating `make html` and `make publish` must not make each build read every file again."""
    import runpy

    from generator.cache import cache_folder

    root = Path(__file__).resolve().parents[1]
    html = runpy.run_path(str(root / "pelican.conf.py"))
    publish = runpy.run_path(str(root / "publishconf.py"))
    html_cache = Path(html.get("CACHE_PATH", root / "cache"))
    assert Path(publish["CACHE_PATH"]) != html_cache
    assert readcache.reader_stamp(html) != readcache.reader_stamp(publish)  # SITEURL differs: one stamp each
    assert cache_folder(publish) == cache_folder({**html, "CACHE_PATH": str(html_cache)})
