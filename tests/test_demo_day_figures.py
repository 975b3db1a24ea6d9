"""Issue 9, Done when: a bulletin's key figures and charts hold only day figures, on their own day.

Walks the built demo site: every key figure of every bulletin (``key_figures.json``) must stand on a
figure that counts that one day (``events.json`` figures, ``tallies.json`` rows), never a period or
running total, and every chart (bulletin and place pages) draws only such numbers on that day.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

# "killed[children]≥2", "killed=269 day 2011-12-20 (Activist)", "killed=613 cumulative 2016-07-31/2016-08-31 (X)"
_FIGURE = re.compile(
    r"^(?P<metric>[a-z_]+)(?:\[(?P<sub>[^\]]+)\])?(?P<sign>=|≥|>|≈|≤|<| [^0-9]+ )(?P<value>\d+)(?:–(?P<max>\d+))?"
    r"(?: (?P<span>period|cumulative) \S+| day (?P<day>\d{4}-\d{2}-\d{2}))?(?: \((?P<who>.*)\))?$"
)
# "Activists[army deserters] between 60 and 70", "Hospital official≤37", "LCC=24"
_CLAIM = re.compile(r"^(?P<who>.*?)(?:\[(?P<sub>[^\]]+)\])?(?:=|≥|>|≈|≤|<| between \d+ and | [^0-9=]+ )(?P<value>\d+)$")


def _rows(site: Path, name: str) -> list[dict[str, Any]]:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))[name]


def _figures(event: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for text in filter(None, (event["figures"] or "").split("; ")):
        m = _FIGURE.match(text)
        assert m, f"figure not in the export form: {text!r}"
        found.append(m.groupdict())
    return found


def test_every_key_figure_of_every_bulletin_is_a_day_figure_of_that_day(built_site: Path) -> None:
    events = {e["event_id"]: e for e in _rows(built_site, "events")}
    tallies = _rows(built_site, "tallies")
    key_figures = _rows(built_site, "key_figures")
    assert key_figures
    for kf in key_figures:
        day, metric = kf["date"], kf["metric"]
        ids = [i for i in (kf["event_ids"] or "").split("; ") if i]
        for claim_text in kf["claims"].split("; "):
            claim = _CLAIM.match(claim_text)
            assert claim, claim_text
            value, sub = int(claim["value"]), claim["sub"]
            backing: list[tuple[str, str | None]] = []  # (span, day) of each figure that could be this claim
            for eid in ids:
                event = events[eid]
                for f in _figures(event):
                    if f["metric"] == metric and f["sub"] == sub and value in {int(f["value"]), int(f["max"] or -1)}:
                        own_day = f["day"] or (event["event_date"] if event["date_precision"] == "day" else None)
                        backing.append((f["span"] or "day", own_day))
            if sub is None:
                backing += [(t["span"], t["date"]) for t in tallies
                            if t["metric"] == metric and t["total"] == value and t["date"] == day]
            assert backing, f"{day} {metric}: claim {claim_text!r} stands on no figure of its events or tallies"
            assert ("day", day) in backing, f"{day} {metric}: {claim_text!r} is no day figure of {day}: {backing}"


def _chart_tables(html: str) -> list[tuple[str, list[tuple[str, int]]]]:
    tables = []
    for caption, body in re.findall(r'<table class="data-table">\s*<caption>([^<]*)</caption>(.*?)</table>', html, re.S):
        points = [(d, int(v.replace(",", ""))) for d, v in re.findall(r'<th scope="row">([\d-]+)</th><td>([\d,]+)</td>', body)]
        tables.append((caption, points))
    return tables


def test_bulletin_charts_draw_only_the_key_figures_of_their_days(built_site: Path) -> None:
    highs = {(k["date"], k["metric"]): k["high"] for k in _rows(built_site, "key_figures")}
    labels = {m.replace("_", " ").capitalize(): m for _, m in highs}
    pages = sorted((built_site / "bulletins").glob("????-??-??/index.html"))
    assert pages
    drawn = 0
    for page in pages:
        for caption, points in _chart_tables(page.read_text(encoding="utf-8")):
            metric = labels[caption.split(":")[0]]
            for day, value in points:
                assert highs.get((day, metric)) == value, f"{page.parent.name}: {caption}: {day} {value}"
                drawn += 1
    assert drawn


def test_place_charts_draw_day_figures_on_their_own_day(built_site: Path) -> None:
    """A place chart "from reports of incidents there" draws on a day only what was counted on that day there."""
    events = _rows(built_site, "events")
    per_day: dict[tuple[str, str, str], set[int]] = defaultdict(set)  # (province, metric, day) -> values counted
    for event in events:
        provinces = [p for p in (event["admin1"] or "").split("; ") if p]
        for f in _figures(event):
            if (f["span"] or "day") == "day" and len(provinces) == 1:
                own_day = f["day"] or event["event_date"]
                per_day[provinces[0], f["metric"], own_day].add(int(f["max"] or f["value"]))
    charted = 0
    for page in sorted((built_site / "places").glob("*/index.html")):
        for caption, points in _chart_tables(page.read_text(encoding="utf-8")):
            m = re.match(r"(.+) in (.+), by day \(from reports of incidents there\)", caption)
            if not m:
                continue
            metric = m.group(1).lower().replace(" ", "_")
            for day, value in points:
                assert value in per_day.get((m.group(2), metric, day), set()), \
                    f"{page.parent.name}: {caption}: {day} draws {value}, no day figure of that day there"
                charted += 1
    assert charted
