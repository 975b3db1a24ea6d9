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

import bisect
import calendar
import dataclasses
import datetime as dt
import re
import sys
from dataclasses import dataclass
from typing import Iterable, Sequence

from generator.model import Figure, Tally, Timex
from generator.needles import needled

SPANS = ("day", "period", "cumulative", "unknown")


@dataclass(frozen=True, slots=True)
class Span:
    """The stretch of time a figure counts; ``day`` is the day a ``day`` span names, when its clause names one."""

    kind: str  # one of SPANS
    period_start: str | None = None
    period_end: str | None = None
    day: str | None = None


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
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_UNIT = r"(?:days?|nights?|weeks?|months?|years?|hours|fortnight)"
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|forty-eight|seventy-two|several|few)"

RULES: tuple[SpanRule, ...] = (
    SpanRule(
        "window-24h", "day", 5,
        re.compile(r"\b(?:in|over|during|within|for)\s+the\s+(?:(?:past|last|previous|preceding)\s+)?(?:24|twenty-four)\s+hours\b"
                   r"|\b(?:over|during|in)\s+the\s+(?:past|last)\s+day\b|\bovernight\b|\bduring\s+the\s+day\b", re.I),
        ("12 were killed in the past 24 hours", "shelling overnight killed three", "over the past day four died",
         "80 died in the 24 hours since noon on Friday"),
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
        re.compile(r"\b(?:death\s+)?(?:toll|tally|total|number\s+of\s+(?:dead|deaths|victims|casualties|fatalities|injured|wounded|injuries|displaced|(?:people|civilians)\s+(?:killed|injured|wounded|displaced)))\b[^,.;]{0,40}?"
                   r"\b(?:has|have|had)?\s*(?:risen|rose|rises|climbed|climbs|jumped|increased|reached|reaches|stands|stood|grew|hit|passed|surpassed|exceeded)\b"
                   r"|\b(?:bringing|brings|brought|raising|raises|raised|taking|takes|pushing|pushes|pushed)\s+(?:the\s+)?"
                   r"(?:overall\s+|total\s+|death\s+|cumulative\s+)?(?:total|toll|tally|number|count|figure)\b", re.I),
        ("the death toll has risen to 35", "bringing the total to 120", "which brings the toll to 90",
         "the number of injured reached 70"),
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
        # A running total up to a day with no start: "till June this year", "up to the 16th day of the war".
        # Not "up to 37 people" (a qualifier) nor "from 3 to 9 April" (a window: from-to).
        "until", "cumulative", 2,
        re.compile(r"(?<!\d\s)(?<!\d)\b(?:until|till|up\s+to|up\s+until)\s+(?=(?:the\s+)?(?:end\s+of\s+|mid-?|early\s+|late\s+)?"
                   r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?_MON|_MON|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\w+\s+day\s+of\s+the\b))".replace("_MON", _MON), re.I),
        ("14 have been killed till June this year", "up to the 20th day of the war, 900 had died",
         "until 12 March, 300 people were evacuated"),
        ("up to 37 people died", "from 4 until 6 March 200 fled"),
    ),
    SpanRule(
        # The conflict itself as the subject of a count: its toll so far ("the war left 5,400 injured",
        # "the conflict has resulted in the displacement of 11 million"). Weaker than any time word
        # ("the war killed 12 on Tuesday" is Tuesday's).
        "conflict-subject", "cumulative", 1,
        re.compile(r"\b(?:war|conflict|aggression|invasion|hostilities|insurgency)\b(?:\s+(?:in|between|against|on|with)\s+[^,;.]{0,40}?)?"
                   r"\s+(?:has\s+|have\s+|had\s+)?(?:now\s+|so\s+far\s+|already\s+)?"
                   r"(?:killed|left|resulted\s+in|caused|claimed|led\s+to|cost|displaced|uprooted)\b", re.I),
        ("the war left around 900 injured", "the conflict between the two armies has resulted in the displacement of 2 million"),
        ("shelling left 12 injured",),
    ),
    SpanRule(
        "n-units", "period", 4,
        re.compile(r"\b(?:in|over|during|within|for|after)\s+(?:the\s+)?(?:(?:past|last|previous|preceding|first)\s+)?(?!(?:24|twenty-four)\s+hours)" + _COUNT + r"\s+" + _UNIT + r"\b"
                   r"|\b(?:in|over|during|within)\s+(?:the\s+)?(?:past|last|previous|preceding)\s+(?:week|month|year|fortnight|weekend)\b"
                   r"|\b(?:during|in|over|for|within)\s+the\s+(?:specified|reporting|same|review|covered|given)\s+period\b"
                   r"|\b(?:two|three|four|five|six|seven|several|\d+)-day\b|\b(?:weekly|monthly|quarterly|yearly|annual)\b", re.I),
        ("almost 200 died in two days", "80 were killed during the past week", "over 48 hours 30 died",
         "40 were killed during the reporting period"),
        ("in the past 24 hours",),
    ),
    SpanRule(
        "from-to", "period", 4,
        re.compile(r"\b(?:from|between)\s+(?:the\s+)?(?:_MON\s+)?\d{1,2}(?:st|nd|rd|th)?\s*(?:(?:of\s+)?_MON\s*)?(?:to|and|until|till|through|-|–)\s*(?:the\s+)?(?:_MON\s+)?\d{1,2}(?!\d)".replace("_MON", _MON), re.I),
        ("from 12 to 13 December 300 left", "between 12 and 15 August 40 died", "between October 7 and 22, 40 died",
         "from 3 March to 9 April 50 fled"),
    ),
    SpanRule(
        # A count in the perfect with no time of its own is a running total: "the fighting has
        # killed 180", "1,300 people have been displaced", "35,000 had left". Weakest marker: any
        # time word of the clause ("have been killed on Monday") wins over it.
        "perfect", "cumulative", -1,
        # Active ("the fighting has killed", "has claimed") or leaving ("have fled", "have been displaced").
        # Not the passive news perfect of an incident ("90 have been killed in the town, activists said"),
        # nor "had" with anything but leaving (a backshifted "had been killed" in reported speech is the
        # incident's), nor a count tied to one incident ("have been killed in the strike").
        re.compile(r"(?:\b(?:has|have)\s+(?:now\s+|so\s+far\s+|already\s+|reportedly\s+)?"
                   r"(?:killed|died|left|fled|departed|claimed|cost|taken|documented|been\s+(?:displaced|evacuated|uprooted))"
                   r"|\bhad\s+(?:now\s+|already\s+)?(?:left|fled|departed|been\s+(?:evacuated|displaced|relocated)))\b"
                   r"(?![^,.;]{0,40}\b(?:in|by|during)\s+(?:the|an?|this|that|its)\s+(?:[\w-]+\s+){0,2}"
                   r"(?:attack|strike|airstrike|air\s+strike|blast|explosion|bombing|raid|shelling|ambush|incident|crash|assault|clash(?:es)?)\b)", re.I),
        ("the fighting has killed 180 people", "1,300 people have been displaced", "about 9,000 had departed"),
        ("ten people have been killed in the strike", "officials said six had been killed",
         "40 people have been killed in the town, activists said"),
    ),
    SpanRule(
        "all-told", "cumulative", 0,
        re.compile(r"\bin\s+total\b|\boverall\b|\baltogether\b|\ball\s+told\b|\bin\s+all\b", re.I),
        ("in total 831 men died",),
    ),
)

_FIRST_SINCE = needled(re.compile(r"\b(?:first|highest|lowest|worst|deadliest|biggest|largest|heaviest|most)\b[^,.;]{0,40}$", re.I))
# A clause boundary: a semicolon, a dash, or a comma (or "and") that opens a clause of its own
# ("..., while ...", ", bringing the toll to", ", and 20 have died since"). A comma around an
# apposition or a breakdown ("613 civilians, including 139 children, ...") is not one.
_BOUNDARY = re.compile(
    r";|\s[–—-]\s|\b(?:while|whereas|but)\b"
    r"|,\s*(?=(?:and\s+|which\s+|adding\s+|after\s+)?(?:bringing|brings|raising|raises|taking|takes|pushing|which|and|adding|after)\b)",
    re.I,
)
_JOINER = re.compile(r"^\s*(?:and|to|till|until|through|-|–)\s*$", re.I)
_FROM_BEFORE = re.compile(r"\b(?:from|between)\s+(?:the\s+)?$", re.I)
_TO_BEFORE = re.compile(r"\b(?:to|until|till|through)\s+(?:[^,;.]{0,15}\s)?$", re.I)
_SPEECH_TIME = re.compile(r"\b(?:said|says|reported|announced|stated|added|confirmed|told\s+[\w ]{1,25}?|revealed|tweeted|wrote)\s+(?:on\s+|late\s+|early\s+|on\s+the\s+)?$", re.I)
_SPEECH_AFTER = re.compile(r"(?:\s*+,\s++|\s++)(?:said|reported|announced|stated|confirmed)\b", re.I)
_AGO = re.compile(r"\bago\b", re.I)
_MIDNIGHT_BEFORE = re.compile(r"\b(?:00:00|0:00|midnight)\s+(?:on\s+)?(?:the\s+)?$", re.I)
_START_GLOSS = needled(re.compile(r"\b(?:when|as)\b[^;]{0,80}?\b(?:started|began|begun|launched|broke\s+out|erupted|invaded|took\s+effect)\b"
                          r"|\b(?:the\s+)?(?:start|beginning|outbreak|onset)\s+of\b", re.I))
_PAIR_LEAD = re.compile(r"\b(?:over|between|from|on|during)\s+(?:the\s+)?$", re.I)


def rule_markers(sentence: str, rules: Sequence[SpanRule] = RULES) -> list[Marker]:
    """Markers found by the rules, in text order.

    >>> [(m.rule, m.kind) for m in rule_markers("Six died on Tuesday, bringing the toll since the truce to 120.")]
    [('toll-rises', 'cumulative'), ('since', 'cumulative')]
    """
    out = []
    for rule in rules:
        for m in needled(rule.pattern).finditer(sentence):  # skipped where the sentence lacks its words (issue 11)
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
        if not (_DAY_VALUE.match(a.value) and _DAY_VALUE.match(b.value)):
            continue
        joined = _JOINER.match(sentence[a.end : b.start]) and _PAIR_LEAD.search(sentence, 0, a.start)
        # "from February 24, when the war began, to 00:00 on June 14"
        bounded = _FROM_BEFORE.search(sentence, max(0, a.start - 12), a.start) and _TO_BEFORE.search(sentence, a.end, b.start)
        if joined or bounded:
            first, last = sorted((a.value, b.value))
            if _MIDNIGHT_BEFORE.search(sentence, max(0, b.start - 20), b.start):  # "to 00:00 on June 14": through 13 June
                last = max(first, (dt.date.fromisoformat(last) - dt.timedelta(days=1)).isoformat())
            # "from February 24, when the war began, to ...": a window from a start event is a running total
            kind = "cumulative" if bounded and _START_GLOSS.search(sentence, a.end, b.start) else "period"
            out.append(Marker(kind, 4, a.start, b.end, first, last, "two-days"))
            used |= {i, i + 1}
    for i, t in enumerate(timexes):
        if i in used or t.type not in ("DATE", "DURATION"):
            continue
        if _SPEECH_TIME.search(sentence, max(0, t.start - 30), t.start) or _SPEECH_AFTER.match(sentence, t.end):
            continue  # "the ministry said on Saturday": when it was said, not what the count covers
        if _AGO.search(t.text):
            out.append(Marker("day", 2, t.start, t.end, rule="timex-ago"))  # "a week ago": one day, that far back
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
    """The date a DATE or TIME expression names ("midday on Friday" is that Friday)."""
    v = t.value.split("T")[0] if t.type == "TIME" else t.value
    return v if t.type in ("DATE", "TIME") and (_DAY_VALUE.match(v) or _MONTH_VALUE.match(v) or _YEAR_VALUE.match(v)) else None


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
    if r.rule == "until":  # "till June this year": up to the end of June (cut at the report's day)
        # "up to the 16th day of the war, Sunday 22 October": the day named, not the ordinal
        t = _after(r, [x for x in timexes if not _ORDINAL_DAY.match(x.text)])
        bounds = value_bounds(_date_value(t) or "") if t else None
        return dataclasses.replace(r, period_end=_clip(bounds[1], report) if bounds else end), t
    if r.rule == "from-to":
        return _from_to(r, sentence, timexes, end)
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
    inside = next((t for t in timexes if r.start <= t.start < r.end), None)
    if inside is not None and _DAY_VALUE.match(inside.value):  # "on Tuesday alone": that Tuesday
        return dataclasses.replace(r, period_start=inside.value, period_end=inside.value), inside
    return r, inside


def _with_day(value: str, day: int) -> str | None:
    try:
        return dt.date.fromisoformat(value).replace(day=day).isoformat()
    except ValueError:
        return None


_MONTH_AFTER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(" + _MON + r")", re.I)
_MONTH_NUMBERS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _in_month(first: str, month: str, day: int) -> str | None:
    """Day ``day`` of ``month`` on or after ``first`` (the next year when the month comes round again).

    >>> _in_month("2019-12-26", "January", 2)
    '2020-01-02'
    """
    start = dt.date.fromisoformat(first)
    number = _MONTH_NUMBERS[month[:3].lower()]
    for year in (start.year, start.year + 1):
        try:
            when = dt.date(year, number, day)
        except ValueError:
            return None
        if when >= start:
            return when.isoformat()
    return None


def _from_to(r: Marker, sentence: str, timexes: Sequence[Timex], end: str) -> tuple[Marker, Timex | None]:
    """Dates of "from 12 to 13 December", "between October 7 and 22", "from 3 March to 9 April".

    The days the tagger dated give the bounds; a bare day number takes the
    month of the dated one.
    """
    days = [t for t in timexes if r.start <= t.start <= r.end + 8 and _DAY_VALUE.match(t.value)]
    numbers = [int(n) for n in re.findall(r"(?<!\d)\d{1,2}(?!\d)", sentence[r.start : r.end])]
    if not days or not numbers:
        return dataclasses.replace(r, period_end=end), None
    if len(days) >= 2:
        first, last = days[0].value, days[1].value
    elif days[0].start - r.start < (r.end - r.start) // 2:  # "between October 7 and 22": the first is dated
        first, last = days[0].value, _with_day(days[0].value, numbers[-1])
        month = _MONTH_AFTER.search(sentence, r.start + (r.end - r.start) // 2, r.end + 12)
        if month:  # "from 26 January to 2 February": the last day has its own month
            last = _in_month(first, month.group(1), numbers[-1])
    else:  # "from 12 to 13 December": the last is dated
        first, last = _with_day(days[0].value, numbers[0]), days[0].value
    year = _YEAR_AFTER.match(sentence, r.end)
    if year:  # "between October 7 and 22, 2023": the year stated after the window is both days'
        first, last = (_in_year(d, int(year.group(1))) if d else None for d in (first, last))
    if first and last and first > last:
        first = None
    return dataclasses.replace(r, period_start=first, period_end=last or end), days[-1]


_ORDINAL_DAY = re.compile(r"(?:the\s+)?\d+(?:st|nd|rd|th)\s+day\b", re.I)
_YEAR_AFTER = re.compile(r",?\s*((?:19|20)\d\d)\b")


def _in_year(day: str, year: int) -> str | None:
    """``day`` in ``year`` (None for 29 February of a common year).

    >>> _in_year("1999-10-22", 2023)
    '2023-10-22'
    """
    try:
        return dt.date.fromisoformat(day).replace(year=year).isoformat()
    except ValueError:
        return None


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
    cover = _Cover()
    for r in out:
        cover.add(r.start, r.end)
    for m in timex_markers(sentence, timexes, report):
        if m.start not in taken and not cover.covers(m.start):  # not inside a marker kept so far
            out.append(m)
            cover.add(m.start, m.end)
    return sorted(out, key=lambda m: (m.start, -m.strength))


class _Cover:
    """Spans added one at a time, asked whether a position lies inside one (issue 11: every span was read for
    every time expression, quadratic in a sentence of many dates). Only the spans that start at most the
    longest span's length before the position can hold it.

    >>> cover = _Cover()
    >>> cover.add(10, 30); cover.add(2, 5)
    >>> cover.covers(3), cover.covers(5), cover.covers(29), cover.covers(30)
    (True, False, True, False)
    """

    __slots__ = ("spans", "longest")

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []  # sorted
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def covers(self, position: int) -> bool:
        last = bisect.bisect_right(self.spans, (position, sys.maxsize))  # spans starting at or before it
        first = bisect.bisect_left(self.spans, (position - self.longest, -sys.maxsize))
        return any(end > position for _, end in self.spans[first:last])


def resolve(markers: Sequence[Marker], starts: Sequence[int], offset: int, report: dt.date) -> Span | None:
    """The span of a figure at ``offset``: the strongest marker of its own clause, else of
    the nearest clause before it that has one; None when no clause up to it has a marker.
    """
    clause = _clause_of(starts, offset)
    by_clause: dict[int, list[Marker]] = {}
    for m in markers:
        by_clause.setdefault(_clause_of(starts, m.start), []).append(m)
    own = [c for c in by_clause if c <= clause]
    if not own:
        return None
    chosen = by_clause[max(own)]
    best = max(chosen, key=lambda m: (m.strength, m.kind == "cumulative", -abs(m.start - offset)))
    if best.kind == "day":
        named = best.period_start if best.period_start and best.period_start == best.period_end else None
        return Span("day", day=named)
    start, end = best.period_start, best.period_end
    if start is None:  # "bringing the toll since 31 July to 613", "monthly ... in September": another marker of the kind dates it
        dated = next((m for m in chosen if m.kind == best.kind and m.period_start), None)
        if dated is not None:
            start, end = dated.period_start, dated.period_end
    end = end or report.isoformat()
    if start and start == end:  # "eight times since early Thursday", reported on Thursday: that day's count
        return Span("day")
    return Span(best.kind, start, end)


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


# A sentence that opens as a breakdown of a total given before it: a list item ("- 395 including
# 92 children ..."), "Of the total, ...", "Among them ...", a "Label: N" line, a parenthesis, "They include".
_CONTINUES = re.compile(
    r"^\s*(?:[-•*–—]\s*|\(?\d{1,2}[.)]\s+(?=\D)|\("
    r"|(?:Of|Among)\s+(?:the|these|them|those|whom|this|that|which)\b"
    r"|(?:They|These|This|Those|The\s+dead|The\s+victims)\s+(?:include|included|includes|comprise|comprised|were)\b"
    r"|[A-Z][\w’'()-]*(?:\s+[\w’'()-]+){0,4}:\s*(?:about\s+|at\s+least\s+|some\s+)?\d)",
)


def continues_total(sentence: str) -> bool:
    """Does ``sentence`` open as a breakdown of a total given before it?

    >>> continues_total("- 40 including 9 children were killed in air raids."), continues_total("Of the total, 90 were children.")
    (True, True)
    >>> continues_total("Shelling killed 12 people in the town.")
    False
    """
    return bool(_CONTINUES.match(sentence))


# A sentence that states counts rather than tells a happening: "there were 91 deaths", "casualties
# numbered 1,400", "amounted to", "stood at", "... were in the city, with 4,000 deaths", "according to
# the UN's data". With no time words of its own it counts over the span of the total before it.
_QUAL = r"(?:(?:about|approximately|some|around|roughly|at\s+least|more\s+than|over|nearly|almost|an\s+estimated)\s+)?"
_STATES = needled(re.compile(
    r"\bthere\s+(?:were|are|was|is|have\s+been|had\s+been)\s+" + _QUAL + r"\d"
    r"|\b(?:numbered|number|numbers|amounted\s+to|amounts?\s+to|totall?ed|totals|stood\s+at|stands?\s+at)\s+" + _QUAL + r"\d"
    r"|\b(?:were|was|are|is)\b[^,;.]{0,60},?\s+with\s+" + _QUAL + r"\d[\d,.]*\s+(?:deaths|dead|fatalities|injuries|injured|wounded|casualties|victims)\b"
    r"|\baccording\s+to\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}(?:data|figures|statistics|records)\b",
    re.I,
))


_INCIDENT = needled(re.compile(
    r"\b(?:in|by|during|from|after)\s+(?:the\s+|an?\s+|this\s+|that\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:attacks?|strikes?|airstrikes?|air\s+strikes?|blasts?|explosions?|bombings?|raids?|shelling|ambush(?:es)?|incidents?"
    r"|crash(?:es)?|assaults?|clash(?:es)?)\b", re.I))


def states_count(sentence: str) -> bool:
    """Does ``sentence`` state counts (a state, not a happening)? A count tied to an
    incident ("there were 12 deaths in the strike") tells a happening.

    >>> states_count("In the north, there were 91 deaths and 700 injuries."), states_count("Losses numbered about 1,400 dead.")
    (True, True)
    >>> states_count("Shelling killed 12 people in the town."), states_count("There were 12 deaths in the strike.")
    (False, False)
    """
    return bool(_STATES.search(sentence)) and not _INCIDENT.search(sentence)


# Rules that can open a running-total context on their own, with no figure in the sentence
# ("Up to the 16th day of the war, Sunday 22 October, most casualties were on one side.").
_HEADER_RULES = frozenset({"since", "so-far", "overall-toll", "as-of", "until", "two-days"})
_HEADER_RULE_LIST = tuple(r for r in RULES if r.name in _HEADER_RULES)  # read on every sentence: only these (issue 11)


def header_span(sentence: str, timexes: Sequence[Timex], report: dt.date) -> Span | None:
    """The running total a sentence speaks of, whether or not it holds a figure: the span
    that the stated counts after it (:func:`states_count`) take. None when it names none.

    >>> t = [Timex(31, 41, "22 October", "DATE", "2023-10-22")]
    >>> header_span("Up to the 16th day of the war, 22 October, most casualties were on one side.", t, dt.date(2023, 10, 23))
    Span(kind='cumulative', period_start=None, period_end='2023-10-22', day=None)
    """
    if len(timexes) < 2:  # no "two-days" marker (it joins two time expressions): only the header rules can mark
        found = [_dated(r, sentence, timexes, report)[0] for r in rule_markers(sentence, _HEADER_RULE_LIST)]
    else:
        found = sentence_markers(sentence, timexes, report)
    markers = [m for m in found if m.kind == "cumulative" and m.rule in _HEADER_RULES]
    if not markers:
        return None
    best = max(markers, key=lambda m: (m.strength, m.start))
    return Span("cumulative", best.period_start, best.period_end or report.isoformat())


# "a day after <clause>", "two days after <clause>": what the clause tells happened that many days before
_DAYS_AFTER = re.compile(r"\b(?:(?P<one>a|one|the)\s+day|(?P<n>two|three|four|five|six|\d)\s+days)\s+after\b", re.I)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def days_after_clause(sentence: str, offset: int) -> int:
    """How many days before the sentence's day a count at ``offset`` lies, when it is inside a "a day
    after ..." clause (no clause break between: "A day after the raid, 12 died" is the sentence's day); else 0.

    >>> s = "Ministers met on Friday, a day after troops killed up to 20 people in the town."
    >>> days_after_clause(s, s.index("up to")), days_after_clause("A day after the raid, 12 people died.", 22)
    (1, 0)
    """
    found = None
    for m in _DAYS_AFTER.finditer(sentence, 0, offset):
        found = m
    if found is None or re.search(r"[,;:]", sentence[found.end() : offset]):
        return 0
    if found["one"]:
        return 1
    n = found["n"].lower()
    return int(n) if n.isdigit() else _SMALL[n]


def with_spans(sentence: str, figures: Iterable[Figure], timexes: Sequence[Timex], report: dt.date,
               previous: Span | None = None, day: dt.date | None = None) -> tuple[Figure, ...]:
    """The figures with their ``span``, ``period_start``/``period_end`` (and ``cumulative``) set.

    ``timexes`` are the sentence's time expressions with offsets relative to
    ``sentence``; ``report`` the day the sentence reports from (its event
    day, else the publication day). ``previous`` is the span of the last
    figure before this sentence, or of the running total a sentence after
    it spoke of (:func:`header_span`): a figure with no time words up to it takes
    it when the sentence is a breakdown of that total (:func:`continues_total`),
    or when it states counts (:func:`states_count`), else it is a day's.
    ``day`` is the sentence's own day when it has one
    (a story told the day after): a total the text does not close ("since
    31 July", "in two days") ends there rather than on ``report``.

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
    report = min(day, report) if day else report
    markers = sentence_markers(sentence, timexes, report)
    starts = clause_starts(sentence)
    out = []
    for figure, offset in zip(figures, figure_offsets(sentence, figures)):
        span = resolve(markers, starts, offset, report)
        if span is None:
            span = previous if previous is not None and (continues_total(sentence) or states_count(sentence)) else Span("day")
        own_day = span.day if span.kind == "day" and span.day != (day.isoformat() if day else None) else None
        back = days_after_clause(sentence, offset) if span.kind == "day" and span.day is None and day is not None else 0
        if back:  # "..., a day after forces killed up to 37": the count is of the day before the sentence's
            own_day = (day - dt.timedelta(days=back)).isoformat()  # type: ignore[operator]
        out.append(dataclasses.replace(figure, span=span.kind, period_start=span.period_start, period_end=span.period_end,
                                       cumulative=span.kind == "cumulative", day=own_day))
    return tuple(out)


def span_of(figure: Figure) -> Span:
    """A figure's span as a :class:`Span` (``day`` when not resolved)."""
    return Span(figure.span or ("cumulative" if figure.cumulative else "day"), figure.period_start, figure.period_end, figure.day)


def align_tally(tally: Tally, figures: Iterable[Figure], report: dt.date | None = None) -> Tally:
    """A day tally whose total is also a figure of its sentence read as a period or running
    total takes that span ("documented the deaths of 613 ... since 31 July" is one running
    total, whether read as a tally or a figure). A running total or period tally takes the
    end its figure names ("from 24 February, when ..., to 00:00 on 14 June", "Between 7 and
    22 October" as the spans read them), unless that end is only the ``report`` day; and the
    figure's reporter when the tally names none. A tally's own window is kept otherwise.

    >>> t = Tally(date="2016-08-31", metric="killed", article="a", start=0, end=9, sentence="...", by_place={}, total=613,
    ...           attributed_to=None)
    >>> f = Figure("killed", 613, span="cumulative", period_start="2016-07-31", period_end="2016-08-31")
    >>> (lambda x: (x.span, x.period_start, x.date))(align_tally(t, [f]))
    ('cumulative', '2016-07-31', '2016-08-31')
    """
    twin = next((f for f in figures if _same_count(f, tally) and not f.subgroup and f.span in ("period", "cumulative")), None)
    if twin is None:
        return tally
    if tally.span == "day" and twin.span == "cumulative" and tally.metric not in _TOLLS:
        return tally  # an incident count "as of 19:30 7 March" is that window's; the tally reader reads "since" itself
    if tally.span == "day":
        return dataclasses.replace(tally, span=twin.span, period_start=twin.period_start,
                                   period_end=twin.period_end or tally.date, date=twin.period_end or tally.date)
    changes: dict[str, object] = {}
    if (twin.period_end and _DAY.match(twin.period_end) and twin.period_end != tally.date
            and (report is None or twin.period_end != report.isoformat())):
        changes.update(span=twin.span, period_start=twin.period_start, period_end=twin.period_end, date=twin.period_end)
    if tally.attributed_to is None and twin.attributed_to and twin.source_basis in ("named", "earlier", "later"):
        changes["attributed_to"] = twin.attributed_to
    return dataclasses.replace(tally, **changes) if changes else tally


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ONE_TOLL = frozenset({"killed", "casualties"})
_TOLLS = frozenset({"killed", "injured", "casualties", "missing"})  # casualty tolls: a running total may be read as a figure only  # "9,983 civilian casualties" may be a figure of the killed


def _same_count(figure: Figure, tally: Tally) -> bool:
    return figure.value == tally.total and (figure.metric == tally.metric or {figure.metric, tally.metric} == _ONE_TOLL)
