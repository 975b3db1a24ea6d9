"""The build pipeline: parallel extraction and the cache change nothing but speed."""

import dataclasses
import json
from pathlib import Path

from generator.model import Problem, to_dict
from generator.pipeline import PARALLEL_THRESHOLD, ExtractionCache, extract_many, finish
from generator.read import read_article_file
from generator.settings import resolve

CONTENT = Path(__file__).parent.parent / "content" / "articles"


def corpus(n):
    base = [a for a, _ in (read_article_file(p) for p in sorted(CONTENT.glob("*.md"))) if a]
    return [dataclasses.replace(base[i % len(base)], slug=f"a{i}", path=f"a{i}.md") for i in range(n)]


def test_parallel_extraction_gives_the_same_result_as_serial():
    articles = corpus(PARALLEL_THRESHOLD + 6)
    parallel, serial = extract_many(articles, {}, workers=2), extract_many(articles, {}, workers=1)
    assert parallel == serial
    # what the pages are rendered from, as bytes: events, tallies, bulletins, problems, in the same order
    site_bytes = [json.dumps(to_dict(finish(results, [], {})), ensure_ascii=False).encode() for results in (parallel, serial)]
    assert site_bytes[0] == site_bytes[1]


def test_an_article_that_breaks_extraction_becomes_a_problem(monkeypatch):
    from generator import events

    def boom(article, settings):
        raise RuntimeError("bad pattern")

    monkeypatch.setattr(events, "extract_article", boom)
    [result] = extract_many(corpus(1), {}, workers=1)
    assert result == Problem("a0.md", "extract", "RuntimeError: bad pattern")


def test_cache_returns_what_was_stored_and_misses_when_settings_change(tmp_path):
    [article] = corpus(1)
    [extraction] = extract_many([article], {}, workers=1)
    cache = ExtractionCache(str(tmp_path), resolve({}))
    assert cache.get(article) is None
    cache.put(article, extraction)
    assert cache.get(article) == extraction
    other = ExtractionCache(str(tmp_path), resolve({"TIMELINE_COUNTRIES": ["UA"]}))
    assert other.get(article) is None
