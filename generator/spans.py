"""Spans: what stretch of time each figure of a sentence counts.

A figure counts one of:

* ``day``: one day's number ("six were killed on Tuesday", "today", "in the
  past 24 hours", and by default a figure with no time words of its own: a
  report's numbers are the day's);
* ``period``: a total over stated days ("in two days", "over Monday and
  Tuesday", "from 12 to 13 December", "this week", "last month", "in
  August");
* ``cumulative``: a running total since a start ("since 31 July", "since
  the war began", "so far", "to date", "as of 14 December", "the death toll
  has risen to", "bringing the total to").

The decision is made from the sentence's structure, clause by clause. The
time words of the sentence (the rules below, and the time expressions the
tagger found, :func:`generator.dates.find_timexes`) are *markers*, each
with a kind and a strength. A marker speaks for the comma clause it stands
in and for the clauses after it until another marker; so in "Six were
killed on Tuesday, bringing the toll since the truce to 120" the six are
Tuesday's and the 120 a running total. Within one clause the strongest
marker wins: "the monitor said on Wednesday that 613 had been killed since
31 July" is a running total reported on Wednesday.

``period_start`` and ``period_end`` are ISO dates at the precision the text
gives ("2011-03" for "since March 2011"); ``period_end`` of a running total
or of a period that ends with the report is the reporting day. Both are
None for a day figure (its day is the event's date).

Pure functions; the rules are data (:data:`RULES`) with examples that the
tests check.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from generator.model import Figure, Timex

SPANS = ("day", "period", "cumulative", "unknown")


@dataclass(frozen=True, slots=True)
class Span:
    """The stretch of time a figure counts."""

    kind: str  # one of SPANS
    period_start: str | None = None
    period_end: str | None = None


@dataclass(frozen=True, slots=True)
class Marker:
    """A time cue found in a sentence: its kind, strength and bounds (``start``/``end`` in the sentence)."""

    kind: str
    strength: int
    start: int
    end: int
    period_start: str | None = None
    period_end: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class SpanRule:
    """A pattern that marks a span; ``strength`` ranks markers of one clause (higher wins)."""

    name: str
    kind: str
    strength: int
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()


_STARTERS = (
    r"start|beginning|outbreak|onset|war|conflict|uprising|revolt|revolution|ceasefire|cease-fire|truce|offensive|"
    r"operation|campaign|siege|fighting|escalation|hostilities|invasion|crisis|agreement|deal|evacuation|assault|"
    r"bombardment|protests|year"
)
_UNIT = r"(?:days?|nights?|weeks?|months?|years?|hours|fortnight)"
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty-eight|seventy-two|several|few)"

RULES: tuple[SpanRule, ...] = (
    SpanRule(
        "window-24h", "day", 5,
        re.compile(r"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous|preceding)\s+(?:24|twenty-four)\s+hours\b"
                   r"|\b(?:over|during|in)\s+the\s+(?:past|last)\s+day\b|\bovernight\b|\bduring\s+the\s+day\b", re.I),
        ("12 were killed in the past 24 hours", "shelling overnight killed three", "over the past day four died"),
    ),
    SpanRule(
        "alone", "day", 5,
        re.compile(r"\b(?:on\s+)?(?:today|yesterday|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\s+alone\b", re.I),
        ("269 were killed on Tuesday alone",),
    ),
    SpanRule(
        "since", "cumulative", 4,
        re.compile(
            r"\b(?:ever\s+)?since\s+(?!then\b|dawn\b|morning\b|early\s+morning\b)(?=(?:the\s+|a\s+|its\s+|their\s+|\d|mid|early|late|last|"
            r"January|February|March|April|May|June|July|August|September|October|November|December|"
            r"(?:[\w'’-]+\s+){0,5}(?:" + _STARTERS + r"|began|begun|started|erupted|broke\s+out|took\s+effect|came\s+into\s+force)\b))",
            re.I),
        ("613 were killed since the 31st of July", "since the start of the war 300,000 have died",
         "since the operation began 35,000 left", "300 have died since March 2011"),
        ("the first attack since the truce", "since dawn, shelling killed four"),
    ),
    SpanRule(
        "so-far", "cumulative", 4,
        re.compile(r"\bso\s+far\b(?!\s+(?:on\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening)|on\s+\w+day|\w+day))"
                   r"|\bto\s+date\b|\bthus\s+far\b|\bup\s+to\s+now\b|\buntil\s+now\b", re.I),
        ("so far 1,200 have been killed this year", "the toll to date is 40"),
        ("so far today eight died",),
    ),
    SpanRule(
        "toll-rises", "cumulative", 4,
        re.compile(r"\b(?:death\s+)?(?:toll|tally|total|number\s+of\s+(?:dead|deaths|victims|casualties|people\s+killed))\b[^,.;]{0,40}?"
                   r"\b(?:has|have|had)?\s*(?:risen|rose|rises|climbed|climbs|jumped|increased|reached|reaches|stands|stood|grew|hit|passed|surpassed|exceeded)\b"
                   r"|\b(?:bringing|brings|brought|raising|raises|raised|taking|takes|pushing|pushes|pushed)\s+(?:the\s+)?"
                   r"(?:overall\s+|total\s+|death\s+|cumulative\s+)?(?:total|toll|tally|number|count|figure)\b", re.I),
        ("the death toll has risen to 35", "bringing the total to 120", "which brings the toll to 90"),
    ),
    SpanRule(
        "overall-toll", "cumulative", 3,
        re.compile(r"\b(?:overall|cumulative|running|total)\s+(?:death\s+)?(?:toll|tally|count)\b|\bcumulative(?:ly)?\b", re.I),
        ("the overall toll is 4,000", "the cumulative number of victims is 100"),
    ),
    SpanRule(
        "throughout", "cumulative", 3,
        re.compile(r"\b(?:throughout|over|during|in)\s+the\s+(?:whole|entire|full|course\s+of\s+the)\s+(?:" + _STARTERS + r")\b", re.I),
        ("35,000 left over the whole operation",),
    ),
    SpanRule(
        "as-of", "cumulative", 2,
        re.compile(r"\bas\s+(?:of|at)\s+(?=(?:\d|the\s+\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday|mid|end|"
                   r"January|February|March|April|May|June|July|August|September|October|November|December))", re.I),
        ("as of 14 December 35,000 had been evacuated",),
    ),
    SpanRule(
        "n-units", "period", 4,
        re.compile(r"\b(?:in|over|during|within|for|after)\s+(?:the\s+)?(?:(?:past|last|previous|preceding|first)\s+)?(?!(?:24|twenty-four)\s+hours)" + _COUNT + r"\s+" + _UNIT + r"\b"
                   r"|\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|previous|preceding)\s+(?:week|month|year|fortnight|weekend)\b"
                   r"|\b(?:two|three|four|five|six|seven|several|\d+)-day\b|\b(?:weekly|monthly|quarterly|yearly|annual)\b", re.I),
        ("almost 200 died in two days", "80 were killed during the past week", "over 48 hours 30 died"),
        ("in the past 24 hours",),
    ),
    SpanRule(
        "from-to", "period", 4,
        re.compile(r"\b(?:from|between)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:(?:of\s+)?[A-Z][a-z]+\s+)?(?:to|and|until|till|through|-|–)\s+(?:the\s+)?\d{1,2}\b", re.I),
        ("from 12 to 13 December 300 left", "between 12 and 15 August 40 died"),
    ),
    SpanRule(
        "all-told", "cumulative", 0,
        re.compile(r"\bin\s+total\b|\boverall\b|\baltogether\b|\ball\s+told\b|\bin\s+all\b", re.I),
        ("in total 831 men died",),
    ),
)

_FIRST_SINCE = re.compile(r"\b(?:first|highest|lowest|worst|deadliest|biggest|largest|heaviest|most)\b[^,.;]{0,40}$", re.I)
# A clause boundary: a semicolon, a dash, or a comma (or "and") that opens a clause of its own
# ("..., while ...", ", bringing the toll to", ", and 20 have died since"). A comma around an
# apposition or a breakdown ("613 civilians, including 139 children, ...") is not one.
_BOUNDARY = re.compile(
    r";|\s[–—-]\s|\b(?:while|whereas|but)\b"
    r"|,\s*(?=(?:and\s+|which\s+|adding\s+|after\s+)?(?:bringing|brings|raising|raises|taking|takes|pushing|which|and|adding|after)\b)",
    re.I,
)
_JOINER = re.compile(r"^\s*(?:and|to|till|until|through|-|–)\s*$", re.I)
_PAIR_LEAD = re.compile(r"\b(?:over|between|from|on|during)\s+(?:the\s+)?$", re.I)


def rule_markers(sentence: str, rules: Sequence[SpanRule] = RULES) -> list[Marker]:
    """Markers found by the rules, in text order.

    >>> [(m.rule, m.kind) for m in rule_markers("Six died on Tuesday, bringing the toll since the truce to 120.")]
    [('toll-rises', 'cumulative'), ('since', 'cumulative')]
    """
    out = []
    for rule in rules:
        for m in rule.pattern.finditer(sentence):
            if rule.name == "since" and _FIRST_SINCE.search(sentence, 0, m.start()):
                continue  # "the first attack since the truce": not a running total
            out.append(Marker(rule.kind, rule.strength, m.start(), m.end(), rule=rule.name))
    return sorted(out, key=lambda m: (m.start, -m.strength))


# -- dates from time expressions ---------------------------------------------------------------

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_VALUE = re.compile(r"^\d{4}$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_DURATION = re.compile(r"^P(?:T(?P<h>\d+)H|(?P<n>\d+)(?P<u>[DWMY]))$")


def value_bounds(value: str) -> tuple[str, str] | None:
    """First and last day of a TIMEX3 date value, or None.

    >>> value_bounds("2016-07"), value_bounds("2016-W35"), value_bounds("2016-W34-WE")
    (('2016-07-01', '2016-07-31'), ('2016-08-29', '2016-09-04'), ('2016-08-27', '2016-08-28'))
    """
    if _DAY_VALUE.match(value):
        return value, value
    m = _MONTH_VALUE.match(value)
    if m:
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            return None
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    if _YEAR_VALUE.match(value):
        return f"{value}-01-01", f"{value}-12-31"
    m = _WEEK_VALUE.match(value)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        if m[3]:
            return (monday + dt.timedelta(days=5)).isoformat(), (monday + dt.timedelta(days=6)).isoformat()
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    return None


def duration_start(value: str, end: dt.date) -> str | None:
    """First day of a duration that ends on ``end`` ("P2D": the day before and ``end``).

    >>> duration_start("P2D", dt.date(2011, 12, 21)), duration_start("PT48H", dt.date(2011, 12, 21))
    ('2011-12-20', '2011-12-20')
    >>> duration_start("P3M", dt.date(2020, 5, 31))
    '2020-03-01'
    """
    m = _DURATION.match(value)
    if not m:
        return None
    if m["h"]:
        days = max(1, -(-int(m["h"]) // 24))
        return (end - dt.timedelta(days=days - 1)).isoformat()
    n, unit = int(m["n"]), m["u"]
    if unit in "DW":
        days = n * (7 if unit == "W" else 1)
        return (end - dt.timedelta(days=days - 1)).isoformat()
    months = n * (12 if unit == "Y" else 1)
    index = end.year * 12 + end.month - 1 - months
    year, month = index // 12, index % 12 + 1
    back = dt.date(year, month, min(end.day, calendar.monthrange(year, month)[1]))
    return (back + dt.timedelta(days=1)).isoformat()


def _clip(day: str, report: dt.date) -> str:
    return min(day, report.isoformat())


def timex_markers(sentence: str, timexes: Sequence[Timex], report: dt.date) -> list[Marker]:
    """Markers from the sentence's time expressions (offsets relative to ``sentence``).

    A day ("on Tuesday", "31 August") marks a day; a week, month or year
    ("this week", "last month", "in August") a period over it (cut at the
    report's day); a duration ("two days") a period ending on the report's
    day; two days joined by "and"/"to" ("over Monday and Tuesday") one period.
    """
    out: list[Marker] = []
    used: set[int] = set()
    for i, (a, b) in enumerate(zip(timexes, timexes[1:])):
        if (_DAY_VALUE.match(a.value) and _DAY_VALUE.match(b.value) and _JOINER.match(sentence[a.end : b.start])
                and _PAIR_LEAD.search(sentence, 0, a.start)):
            first, last = sorted((a.value, b.value))
            out.append(Marker("period", 4, a.start, b.end, first, last, "two-days"))
            used |= {i, i + 1}
    for i, t in enumerate(timexes):
        if i in used or t.type not in ("DATE", "DURATION"):
            continue
        if t.type == "DURATION":
            start = duration_start(t.value, report)
            if start is None:
                continue
            if start == report.isoformat():  # "the past 24 hours": one day
                out.append(Marker("day", 3, t.start, t.end, rule="timex-duration"))
            else:
                out.append(Marker("period", 3, t.start, t.end, start, report.isoformat(), "timex-duration"))
            continue
        bounds = value_bounds(t.value)
        if bounds is None:
            continue
        if bounds[0] == bounds[1]:
            out.append(Marker("day", 2, t.start, t.end, bounds[0], bounds[0], "timex-day"))
        else:
            out.append(Marker("period", 2, t.start, t.end, bounds[0], _clip(bounds[1], report), "timex-period"))
    return out


# -- choosing a figure's span ------------------------------------------------------------------


def clause_starts(sentence: str) -> list[int]:
    """Offsets where the sentence's clauses start (always 0 first).

    >>> s = "Six died on Tuesday, bringing the toll to 120."
    >>> clause_starts(s)
    [0, 21]
    """
    return [0, *[m.end() for m in _BOUNDARY.finditer(sentence)]]


def _clause_of(starts: Sequence[int], offset: int) -> int:
    return max(i for i, s in enumerate(starts) if s <= offset)


def _date_value(t: Timex) -> str | None:
    v = t.value
    return v if t.type == "DATE" and (_DAY_VALUE.match(v) or _MONTH_VALUE.match(v) or _YEAR_VALUE.match(v)) else None


def _after(marker: Marker, timexes: Sequence[Timex], reach: int = 60) -> Timex | None:
    """The first dated time expression inside a marker or starting within ``reach`` characters after it."""
    return next((t for t in timexes if marker.start <= t.start <= marker.end + reach and _date_value(t)), None)


def _dated(r: Marker, sentence: str, timexes: Sequence[Timex], report: dt.date) -> tuple[Marker, Timex | None]:
    """A rule marker with its period dates, and the time expression it took them from (if any)."""
    end = report.isoformat()
    if r.rule == "since":
        t = _after(r, timexes)
        return dataclasses.replace(r, period_start=_date_value(t) if t else None, period_end=end), t
    if r.rule == "as-of":
        t = _after(r, timexes, 20)
        day = t.value if t and _DAY_VALUE.match(t.value) else None
        return dataclasses.replace(r, period_end=min(day, end) if day else end), t
    if r.rule == "from-to":
        t = _after(r, timexes, 20)
        if t is None or not _DAY_VALUE.match(t.value):
            return dataclasses.replace(r, period_end=end), t
        first_day = int(re.search(r"\d{1,2}", sentence[r.start : r.end]).group())  # type: ignore[union-attr]
        try:
            first: str | None = dt.date.fromisoformat(t.value).replace(day=first_day).isoformat()
        except ValueError:
            first = None
        return dataclasses.replace(r, period_start=first, period_end=t.value), t
    if r.kind == "period":
        inside = next((t for t in timexes if r.start <= t.start < r.end), None)
        if inside is not None and inside.type == "DURATION":
            return dataclasses.replace(r, period_start=duration_start(inside.value, report), period_end=end), inside
        bounds = value_bounds(inside.value) if inside is not None else None
        if bounds:
            return dataclasses.replace(r, period_start=bounds[0], period_end=_clip(bounds[1], report)), inside
        return dataclasses.replace(r, period_end=end), inside
    if r.kind == "cumulative":
        return dataclasses.replace(r, period_end=end), None
    return r, next((t for t in timexes if r.start <= t.start < r.end), None)


def sentence_markers(sentence: str, timexes: Sequence[Timex], report: dt.date, rules: Sequence[SpanRule] = RULES) -> list[Marker]:
    """Every span marker of a sentence: rule markers (with their dates) and the time expressions not part of them.

    >>> t = [Timex(10, 26, "the 31st of July", "DATE", "2016-07-31")]
    >>> [(m.rule, m.period_start) for m in sentence_markers("600 since the 31st of July", t, dt.date(2016, 8, 31))]
    [('since', '2016-07-31')]
    """
    out, taken = [], set()
    for r in rule_markers(sentence, rules):
        marker, used = _dated(r, sentence, timexes, report)
        out.append(marker)
        if used is not None:
            taken.add(used.start)
    for m in timex_markers(sentence, timexes, report):
        inside_rule = any(r.start <= m.start < r.end for r in out)
        if m.start not in taken and not inside_rule:
            out.append(m)
    return sorted(out, key=lambda m: (m.start, -m.strength))


def resolve(markers: Sequence[Marker], starts: Sequence[int], offset: int, report: dt.date) -> Span:
    """The span of a figure at ``offset``: the strongest marker of its own clause, else of
    the nearest clause before it that has one, else ``day``.
    """
    clause = _clause_of(starts, offset)
    by_clause: dict[int, list[Marker]] = {}
    for m in markers:
        by_clause.setdefault(_clause_of(starts, m.start), []).append(m)
    own = [c for c in by_clause if c <= clause]
    if not own:
        return Span("day")
    chosen = by_clause[max(own)]
    best = max(chosen, key=lambda m: (m.strength, m.kind == "cumulative", -abs(m.start - offset)))
    if best.kind == "day":
        return Span("day")
    start, end = best.period_start, best.period_end
    if start is None:  # "bringing the toll since 31 July to 613": another marker of the kind dates it
        start = next((m.period_start for m in chosen if m.kind == best.kind and m.period_start), None)
    return Span(best.kind, start, end or report.isoformat())


def figure_offsets(sentence: str, figures: Sequence[Figure]) -> list[int]:
    """Where each figure's words start in ``sentence`` (searched in order; 0 when not found)."""
    out, cursor = [], 0
    for f in figures:
        at = sentence.find(f.text, cursor) if f.text else -1
        if at < 0 and f.text:
            at = sentence.find(f.text)
        out.append(max(at, 0))
        if at >= 0:
            cursor = at
    return out


def with_spans(sentence: str, figures: Iterable[Figure], timexes: Sequence[Timex], report: dt.date) -> tuple[Figure, ...]:
    """The figures with their ``span``, ``period_start``/``period_end`` (and ``cumulative``) set.

    ``timexes`` are the sentence's time expressions with offsets relative to
    ``sentence``; ``report`` the day the sentence reports from (its event
    day, else the publication day).

    >>> from generator.model import Figure
    >>> s = "Six people died on Tuesday, bringing the toll since 31 July to 613."
    >>> figs = [Figure("killed", 6, text="Six people"), Figure("killed", 613, text="613")]
    >>> t = [Timex(19, 26, "Tuesday", "DATE", "2016-08-30"), Timex(52, 59, "31 July", "DATE", "2016-07-31")]
    >>> [(f.value, f.span, f.period_start, f.period_end) for f in with_spans(s, figs, t, dt.date(2016, 8, 31))]
    [(6, 'day', None, None), (613, 'cumulative', '2016-07-31', '2016-08-31')]
    """
    figures = list(figures)
    if not figures:
        return ()
    markers = sentence_markers(sentence, timexes, report)
    starts = clause_starts(sentence)
    out = []
    for figure, offset in zip(figures, figure_offsets(sentence, figures)):
        span = resolve(markers, starts, offset, report)
        out.append(dataclasses.replace(figure, span=span.kind, period_start=span.period_start, period_end=span.period_end,
                                       cumulative=span.kind == "cumulative"))
    return tuple(out)
