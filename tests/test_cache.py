"""The extraction cache: a hit is exactly what extraction would give; anything changed or damaged misses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import shutil
from pathlib import Path

import pytest
from conftest import build

from generator import cache, pipeline
from generator.cache import EXTRACTION_SETTINGS, ExtractionCache, cache_folder, code_version, extraction_files
from generator.model import Article, Extraction, from_dict, to_dict
from generator.pipeline import extract_many
from generator.settings import resolve

ROOT = Path(__file__).resolve().parent.parent

REPORT = Article(
    path="articles/market.md",
    slug="market",
    title="Shelling near a market in Aleppo",
    published=dt.date(2016, 12, 23),
    text=(
        "At least five people were killed and 12 injured in Aleppo on Thursday when shells hit a market, "
        "the Observatory said.\n\nA total of 9 ceasefire violations were recorded in Aleppo (6) and Hama (3) provinces "
        "on 22 December, the monitoring centre said."
    ),
    source="Wire",
    source_url="https://example.org/market",
)


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    [result] = extract_many([REPORT], {}, workers=1)
    assert isinstance(result, Extraction) and result.events and result.tallies
    return result


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def test_an_entry_reads_back_equal_to_what_was_stored(tmp_path, extraction):
    store = ExtractionCache(tmp_path, resolve({}))
    assert store.get(REPORT) is None
    store.put(REPORT, extraction)
    assert store.get(REPORT) == extraction
    assert to_dict(from_dict(Extraction, to_dict(extraction))) == to_dict(extraction)
    assert (store.hits, store.misses) == (1, 1)
    [entry] = entries(tmp_path)
    assert b"pickle" not in entry.read_bytes() and entry.read_bytes()[64:65] == b"\n"  # checksum line, then JSON
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed into place


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # half-written
        lambda b: b.replace(b"Aleppo", b"Aleppx", 1),  # one byte changed: the checksum no longer matches
        lambda b: b"",
        lambda b: cache.checksummed(b'{"key": "x", "extraction": {}}'),  # valid checksum, wrong content
    ],
    ids=["truncated", "altered", "empty", "wrong-key"],
)
def test_a_corrupt_entry_is_reported_and_rebuilt_never_served(tmp_path, extraction, caplog, damage):
    store = ExtractionCache(tmp_path, resolve({}))
    store.put(REPORT, extraction)
    [entry] = entries(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))
    with caplog.at_level(logging.DEBUG, logger="generator.cache"):
        assert store.get(REPORT) is None
    assert store.rebuilt == 1 and "unreadable" in caplog.text and "articles/market.md" in caplog.text
    store.put(REPORT, extraction)
    assert store.get(REPORT) == extraction


def test_an_entry_whose_fields_do_not_fit_the_model_is_corrupt(tmp_path, extraction):
    store = ExtractionCache(tmp_path, resolve({}))
    data = to_dict(extraction)
    data["events"][0]["granularity"] = "fortnight"  # not a Granularity
    payload = f'{{"key": "{store.key(REPORT)}", "extraction": {__import__("json").dumps(data)}}}'.encode()
    (tmp_path / f"{store.key(REPORT)}.json").write_bytes(cache.checksummed(payload))
    assert store.get(REPORT) is None and store.rebuilt == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda a: dataclasses.replace(a, text=a.text.replace("five", "six")),
        lambda a: dataclasses.replace(a, published=dt.date(2016, 12, 24)),
        lambda a: dataclasses.replace(a, title="Shells on a market"),
    ],
    ids=["text", "date", "title"],
)
def test_a_changed_article_misses(tmp_path, extraction, change):
    store = ExtractionCache(tmp_path, resolve({}))
    store.put(REPORT, extraction)
    assert store.get(change(REPORT)) is None


@pytest.mark.parametrize(
    "setting",
    [
        {"TIMELINE_DATE_ORDER": "MDY"},
        {"TIMELINE_COUNTRIES": ["SY", "IQ"]},
        {"TIMELINE_PLACE_ALIASES": {"Halab": "Aleppo"}},
        {"TIMELINE_PLACE_AREAS": {"Aleppo": ["Kafr Example"]}},
    ],
)
def test_a_changed_extraction_setting_misses(tmp_path, extraction, setting):
    ExtractionCache(tmp_path, resolve({})).put(REPORT, extraction)
    assert ExtractionCache(tmp_path, resolve(setting)).get(REPORT) is None


def test_reordered_metrics_miss_but_a_setting_extraction_does_not_read_hits(tmp_path, extraction):
    ExtractionCache(tmp_path, resolve({})).put(REPORT, extraction)
    metrics = resolve({})["TIMELINE_METRICS"]
    reordered = dict(reversed(list(metrics.items())))  # which metric is tried first can change a result
    assert ExtractionCache(tmp_path, resolve({"TIMELINE_METRICS": reordered})).get(REPORT) is None
    unrelated = {"TIMELINE_CHART_DAYS": 7, "TIMELINE_WORKERS": 1, "TIMELINE_BULLETIN_URL": "days/{date}/"}
    assert ExtractionCache(tmp_path, resolve(unrelated)).get(REPORT) == extraction


def test_extraction_reads_no_setting_outside_the_key():
    sources = [p for p in extraction_files() if p.suffix == ".py" and p.name not in {"settings.py", "cache.py"}]
    read = {name for p in sources for name in re.findall(r"\b(TIMELINE_[A-Z_]+)\b", p.read_text(encoding="utf-8"))}
    # a result cut short by TIMELINE_ARTICLE_TIME_BUDGET is never cached, and a complete one doesn't depend on it
    outside = {"TIMELINE_ARTICLE_TIME_BUDGET"}
    assert read - outside <= set(EXTRACTION_SETTINGS), read - set(EXTRACTION_SETTINGS)


def test_the_code_version_covers_every_extraction_module_and_the_gazetteers():
    names = {p.name for p in extraction_files()}
    assert {"events.py", "dates.py", "figures.py", "tallies.py", "places.py", "model.py", "cache.py", "sy.json"} <= names
    assert {"event_types.txt", "areas.sy.json"} <= names  # the lexicons (generator/lexicons/)
    paths = {p.relative_to(cache.PACKAGE).as_posix() for p in extraction_files()}
    assert not {"site.py", "feeds.py", "__init__.py"} & paths  # rendering changes keep the cache


def test_an_edited_extraction_module_changes_the_code_version(tmp_path, monkeypatch):
    copy = tmp_path / "generator"
    shutil.copytree(cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    before = code_version.__wrapped__()
    assert before == code_version()  # the copy hashes like the original
    figures = copy / "figures.py"
    figures.write_text(figures.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert code_version.__wrapped__() != before
    site = copy / "site.py"
    edited = code_version.__wrapped__()
    site.write_text(site.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert code_version.__wrapped__() == edited


def test_a_changed_code_version_misses(tmp_path, extraction, monkeypatch):
    ExtractionCache(tmp_path, resolve({})).put(REPORT, extraction)
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    assert ExtractionCache(tmp_path, resolve({})).get(REPORT) is None


def test_the_cache_lives_in_pelicans_cache_folder_unless_set():
    assert cache_folder({"CACHE_PATH": "/srv/cache"}) == Path("/srv/cache/timeline")
    assert cache_folder({"CACHE_PATH": "/srv/cache", "TIMELINE_CACHE_PATH": "/tmp/x"}) == Path("/tmp/x")
    assert cache_folder({"TIMELINE_CACHE_PATH": ""}) is None


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_site_built_from_the_cache_is_byte_identical(tmp_path, monkeypatch, built_site):
    store = tmp_path / "cache"
    cold = build(tmp_path / "cold", CACHE_PATH=str(store), TIMELINE_CACHE_PATH="{CACHE_PATH}/timeline", TIMELINE_WORKERS=1)
    assert entries(store / "timeline")

    def never(article, settings):
        raise AssertionError(f"{article.path} extracted again")

    monkeypatch.setattr(pipeline, "extract_one", never)  # a miss would become a Problem on the report
    warm = build(tmp_path / "warm", CACHE_PATH=str(store), TIMELINE_CACHE_PATH="{CACHE_PATH}/timeline", TIMELINE_WORKERS=1)
    assert _tree(warm) == _tree(cold) == _tree(built_site)


def test_entries_a_build_did_not_use_are_pruned(tmp_path, extraction):
    old = ExtractionCache(tmp_path, resolve({}))
    old.put(dataclasses.replace(REPORT, text=REPORT.text + " An earlier wording."), extraction)
    old.put(REPORT, extraction)
    build = ExtractionCache(tmp_path, resolve({}))
    assert build.get(REPORT) == extraction  # the only article of this build
    assert build.prune() == 1
    assert [p.stem for p in entries(tmp_path)] == [build.key(REPORT)]
