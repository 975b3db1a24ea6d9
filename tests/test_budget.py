"""Per-article limits (issue 11): an article over the length limit or the CPU-time budget is
published without events and reported, and the build goes on."""

import datetime as dt
from pathlib import Path

import pytest

from generator import events
from generator.cache import ExtractionCache
from generator.events import OVER_BUDGET, extract_article, timed_out
from generator.model import Article
from generator.pipeline import site_from_files
from generator.settings import resolve, validate

REPORT = "Shelling killed four civilians in Idlib on Monday, the health directorate said.\n\n"


def article(text: str = REPORT * 3, path: str = "long.md") -> Article:
    return Article(path=path, slug=Path(path).stem, title="Shelling in Idlib", published=dt.date(2016, 12, 23), text=text)


def test_an_article_over_the_length_limit_is_published_without_events():
    out = extract_article(article(), {"TIMELINE_ARTICLE_MAX_CHARS": 100})
    assert out.events == () and out.tallies == ()
    [problem] = out.problems
    assert (problem.path, problem.stage, problem.severity) == ("long.md", OVER_BUDGET, "warning")
    assert str(len(REPORT * 3)) in problem.reason and "TIMELINE_ARTICLE_MAX_CHARS" in problem.reason
    assert not timed_out(out)  # the length decides it: the same on every machine, so it may be cached


def test_under_the_limit_or_with_no_limit_events_are_found():
    assert extract_article(article(), {"TIMELINE_ARTICLE_MAX_CHARS": len(REPORT * 3)}).events
    assert extract_article(article(), {"TIMELINE_ARTICLE_MAX_CHARS": 0}).events


class Clock:
    """A CPU clock that advances one second each time it is read (while ``running``)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.running = True

    def __call__(self) -> float:
        self.now += 1.0 if self.running else 0.0
        return self.now


def test_an_article_over_the_time_budget_is_stopped_and_reported(monkeypatch):
    monkeypatch.setattr(events.time, "thread_time", Clock())
    out = extract_article(article(), {"TIMELINE_ARTICLE_TIME_BUDGET": 1.5})
    assert out.events == ()
    [problem] = out.problems
    assert problem.stage == OVER_BUDGET and "TIMELINE_ARTICLE_TIME_BUDGET" in problem.reason
    assert timed_out(out)


def test_no_time_budget_never_stops(monkeypatch):
    monkeypatch.setattr(events.time, "thread_time", Clock())
    assert extract_article(article(), {"TIMELINE_ARTICLE_TIME_BUDGET": 0}).events


def test_the_build_goes_on_and_a_timed_out_result_is_not_cached(tmp_path, monkeypatch):
    content = tmp_path / "content"
    content.mkdir()
    (content / "slow.md").write_text("Title: Slow\nDate: 2016-12-23\n\n" + REPORT * 3, encoding="utf-8")
    (content / "fine.md").write_text("Title: Fine\nDate: 2016-12-22\n\n" + REPORT, encoding="utf-8")
    settings = {"TIMELINE_CACHE_PATH": str(tmp_path / "cache"), "TIMELINE_ARTICLE_TIME_BUDGET": 2.5, "TIMELINE_CORRECTIONS": ""}
    clock = Clock()
    monkeypatch.setattr(events.time, "thread_time", clock)
    original = events._extract

    def extract(art, config, deadline):  # the clock runs only for the slow article
        clock.running = art.path.endswith("slow.md")
        return original(art, config, deadline)

    monkeypatch.setattr(events, "_extract", extract)
    site = site_from_files([str(content / "slow.md"), str(content / "fine.md")], settings)
    assert sorted(a.title for a in site.articles) == ["Fine", "Slow"]  # both published
    assert [e.article for e in site.events] and all(e.article == "fine" for e in site.events)
    assert [(Path(p.path).name, p.stage) for p in site.problems if p.stage == OVER_BUDGET] == [("slow.md", OVER_BUDGET)]
    cache = ExtractionCache(tmp_path / "cache", resolve(settings))
    slow, fine = sorted(site.articles, key=lambda a: a.title, reverse=True)
    assert cache.get(slow) is None and cache.get(fine) is not None


@pytest.mark.parametrize("value", [-1, "60", True, float("nan"), float("inf"), None])
def test_a_bad_time_budget_is_refused(value):
    assert any("TIMELINE_ARTICLE_TIME_BUDGET" in p for p in validate({"TIMELINE_ARTICLE_TIME_BUDGET": value}))


@pytest.mark.parametrize("value", [-1, 2.5, "1000", None])
def test_a_bad_length_limit_is_refused(value):
    assert any("TIMELINE_ARTICLE_MAX_CHARS" in p for p in validate({"TIMELINE_ARTICLE_MAX_CHARS": value}))


def test_good_limits_are_accepted():
    assert validate({"TIMELINE_ARTICLE_TIME_BUDGET": 0.5, "TIMELINE_ARTICLE_MAX_CHARS": 0}) == []
