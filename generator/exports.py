"""Data exports: the site's events and tallies as files analysts can load.

``write_exports`` writes into ``<output>/<TIMELINE_EXPORT_PATH>/``:

- ``events.csv`` / ``events.json``: one row per event, columns modelled on
  ACLED's export (``event_id``, ``event_date``, a precision code, ``admin1``,
  ``location``, ``fatalities`` as the most conservative claim ...), plus the
  provenance ACLED lacks: the article, the sentence and its offsets.
- ``tallies.csv`` / ``tallies.json``: one row per (tally, place).
- ``key_figures.csv`` / ``key_figures.json``: one row per (bulletin day,
  metric): the low–high range across sources and who claimed what.
- ``totals.csv`` / ``totals.json``: one row per total over more than one
  day (a period or a running total) and the day it was reported; never
  part of a day's key figures.
- ``incidents.csv`` / ``incidents.json``: one row per incident (the
  sentences of one day that report the same happening, ``incidents.py``)
  with its member ``event_ids``, figures side by side, outlets.
- ``timeline.json``: TimelineJS3 JSON (partial dates stay partial).
- ``events.ics``: day-precision events as all-day iCalendar events.
- ``schema.json``: the codebook, every column with its meaning.

The columns are declared once below (``EVENT_COLUMNS``, ``TALLY_COLUMNS``,
``KEY_FIGURE_COLUMNS``) and the tests check that every field of
``model.Event``/``model.Tally``/``model.KeyFigure`` is
exported, so a new model field cannot silently go missing from the data.
Every file is a pure function of ``SiteData`` and the settings: rows are
sorted and no wall-clock time appears (the ICS ``DTSTAMP`` is the source
article's publication date).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any
from urllib.parse import urlparse

import icalendar

from generator.aggregate import figure_span
from generator.cache import cache_folder
from generator.memo import StepMemo
from generator.model import Article, Bulletin, Claim, Event, Figure, Incident, KeyFigure, ReportedTotal, SiteData, Tally
from generator.settings import default
from generator.settings import get as setting

# Bump the major part when a column is removed or changes meaning, the minor
# part when one is added. Written into every JSON file and schema.json.
SCHEMA_VERSION = "2.7"  # 2.7: events.event_span/period_start/period_end (an entry telling of a span, not its day); 2.6: events.figure_sources (how each figure's source was found), totals.own_reporting; 2.5: a day figure of another day than its event's says which in the figures column (`day 2011-12-20`), counts on that day in key_figures and is left out of fatalities; 2.4: figures resolved to a span (day/period/cumulative with period_start/period_end: the figures column, totals); 2.3: incidents.csv/json; 2.0: key_figures.change compares the previous calendar day only; 2.1: tallies span/period_start/period_end, total-only tallies; 2.2: edited/edit_note/checked/doubts, tally_id, event_id from the sentence

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# How a figure's qualifier reads in the compact ``figures`` column.
QUALIFIER_SIGNS = {
    None: "=",
    "": "=",
    "at least": "≥",
    "no fewer than": "≥",
    "more than": ">",
    "over": ">",
    "nearly": "≈",
    "almost": "≈",
    "about": "≈",
    "around": "≈",
    "approximately": "≈",
    "some": "≈",
    "roughly": "≈",
    "up to": "≤",
    "as many as": "≤",
    "at most": "≤",
    "fewer than": "<",
    "less than": "<",
}


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a row needs besides its own record: articles by slug, the site URL."""

    articles: Mapping[str, Article]
    siteurl: str = ""
    type_labels: Mapping[str, str] = field(default_factory=dict)  # event type id -> the site's label

    def url(self, relative: str | None) -> str:
        return absolute_url(self.siteurl, relative) if relative else ""

    def type_label(self, type_id: str) -> str:
        """The site's label of an event type; a type with none, its id made readable."""
        return self.type_labels.get(type_id) or type_id.replace("_", " ").capitalize()

    def headline(self, event: Event) -> str:
        """"Shelling, air strikes and bombings in al-Hamdaniya": the type as the site labels it, and where.

        >>> from generator.model import Event, Place
        >>> e = Event("1", "a", "2016-12-23", "day", None, "s", 0, 1, "explosions_remote_violence", (Place("Jobar", "Damascus", "SY"),))
        >>> Lookup({}, type_labels={"explosions_remote_violence": "Shelling and bombings"}).headline(e), Lookup({}).headline(e)
        ('Shelling and bombings in Jobar', 'Explosions remote violence in Jobar')
        """
        kind = self.type_label(event.type)
        where = _joined(p.name for p in event.places)
        return f"{kind} in {where}" if where else kind


@dataclass(frozen=True, slots=True)
class Column:
    """One export column: its name, its meaning, where it comes from.

    ``fields`` names the model fields the column is derived from; the
    tests use it to prove every model field reaches the exports.
    """

    name: str
    help: str
    fields: tuple[str, ...]
    value: Callable[[Any, Lookup], Any]


# -- small formatting helpers (also used by feeds.py) -------------------------


def absolute_url(siteurl: str, url: str) -> str:
    """A site-relative URL made absolute when the site has an absolute address.

    >>> absolute_url("https://example.org/b", "bulletins/2016-12-23/")
    'https://example.org/b/bulletins/2016-12-23/'
    >>> absolute_url("", "bulletins/2016-12-23/")
    '/bulletins/2016-12-23/'
    >>> absolute_url("", "https://other.example/x")
    'https://other.example/x'
    """
    if urlparse(url).scheme:
        return url
    base = siteurl.rstrip("/") if urlparse(siteurl).scheme else ""
    return f"{base}/{url.lstrip('/')}"


def week_days(date: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO week (``2011-W28``) or its weekend (``2011-W28-WE``).

    >>> week_days("2011-W28"), week_days("2011-W28-WE"), week_days("2011-07")
    ((datetime.date(2011, 7, 11), datetime.date(2011, 7, 17)), (datetime.date(2011, 7, 16), datetime.date(2011, 7, 17)), None)
    """
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", date)
    if not m:
        return None
    try:
        first = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
    except ValueError:
        return None
    return first, dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 7)


def days_text(first: dt.date, last: dt.date) -> str:
    """A span of days, the shared parts said once.

    >>> days_text(dt.date(2011, 7, 16), dt.date(2011, 7, 17)), days_text(dt.date(2011, 6, 27), dt.date(2011, 7, 3))
    ('16–17 July 2011', '27 June – 3 July 2011')
    >>> days_text(dt.date(2014, 12, 29), dt.date(2015, 1, 4))
    '29 December 2014 – 4 January 2015'
    """
    if first.year != last.year:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year} – {last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]} – {last.day} {MONTHS[last.month - 1]} {last.year}"
    return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"


def week_text(date: str) -> str | None:
    """How a week or a weekend reads: as its days.

    >>> week_text("2011-W28-WE"), week_text("2011-W28"), week_text("2011-07-16")
    ('weekend of 16–17 July 2011', 'week of 11–17 July 2011', None)
    """
    days = week_days(date)
    if days is None:
        return None
    return f"{'weekend' if date.endswith('-WE') else 'week'} of {days_text(*days)}"


def date_parts(date: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) of an ISO date at any precision.

    Weeks map to their Monday (weekends to their Saturday) and quarters to
    their first month, so a partial date can still be placed on a calendar
    without inventing a day.

    >>> date_parts("2016-12-23"), date_parts("2016-12"), date_parts("2016")
    ((2016, 12, 23), (2016, 12, None), (2016, None, None))
    >>> date_parts("2016-W51"), date_parts("2016-W51-WE"), date_parts("2016-Q4")
    ((2016, 12, 19), (2016, 12, 24), (2016, 10, None))

    Decades and centuries (TIMEX3 ``199``/``201X``, ``19``) start at their first year:

    >>> date_parts("199"), date_parts("201X"), date_parts("19")
    ((1990, None, None), (2010, None, None), (1900, None, None))
    """
    found = re.match(r"\d*", date)  # always matches, maybe empty
    digits = found.group() if found else ""
    if len(digits) < 4:
        return int(digits or 0) * 10 ** (4 - len(digits)), None, None
    year = int(digits[:4])
    rest = date[5:]
    days = week_days(date)
    if days:
        return days[0].year, days[0].month, days[0].day
    if rest.startswith("Q") and rest[1:2].isdigit():
        return year, 3 * int(rest[1]) - 2, None
    bits = [int(b) for b in rest.split("-") if b.isdigit()]
    month = bits[0] if bits else None
    day = bits[1] if len(bits) > 1 else None
    return year, month, day


# How a part of a period reads before it: "early 2014", "mid-2014", "late May 2014".
PART_WORDS = {"START": "early ", "MID": "mid-", "END": "late "}
# Within one period: the whole period, then its early, middle and late parts.
PART_ORDER = {"START": 1, "MID": 2, "END": 3}


def part_of(text: str, mod: str | None) -> str:
    """``text`` (a period as it reads) preceded by the part of it named by a TIMEX3 ``mod``.

    >>> part_of("2014", "START"), part_of("May 2014", "END"), part_of("2014", "MID"), part_of("2014", None)
    ('early 2014', 'late May 2014', 'mid-2014', '2014')
    """
    return PART_WORDS.get(mod or "", "") + text


def display_date(date: str, mod: str | None = None) -> str:
    """A date at the precision the text gave it, with the part of the period it names.

    >>> display_date("2016-12-03"), display_date("2016-12"), display_date("2016"), display_date("2016-W51")
    ('3 December 2016', 'December 2016', '2016', 'week of 19–25 December 2016')
    >>> display_date("2014", "START"), display_date("2009-12", "END")
    ('early 2014', 'late December 2009')
    """
    return part_of(_display_date(date), mod)


def _display_date(date: str) -> str:
    if re.fullmatch(r"\d{2,3}X*", date):
        year = date_parts(date)[0]
        return f"the {year}s"
    week = week_text(date)
    if week:
        return week
    if date[5:6] == "Q":
        return f"{date[5:7]} {date[:4]}"
    year, month, day = date_parts(date)
    if month is None:
        return str(year)
    if day is None:
        return f"{MONTHS[month - 1]} {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def figure_text(figure: Figure) -> str:
    """One figure in the compact export form.

    >>> figure_text(Figure("killed", 6, attributed_to="Syrian Observatory"))
    'killed=6 (Syrian Observatory)'
    >>> figure_text(Figure("killed", 2, qualifier="at least", subgroup="children"))
    'killed[children]≥2'
    >>> figure_text(Figure("evacuated", 10, value_max=15, cumulative=True))
    'evacuated=10–15 cumulative'

    A total over more than one day says so, with its days when known
    (``cumulative 2016-07-31/2016-08-31``, ``period 2011-12-19/2011-12-20``);
    a day's count whose clause names another day than the event's says which:

    >>> figure_text(Figure("killed", 95, span="day", day="2011-12-20"))
    'killed=95 day 2011-12-20'
    """
    sign = QUALIFIER_SIGNS.get(figure.qualifier.lower() if figure.qualifier else None, f" {figure.qualifier} ")
    text = figure.metric
    if figure.subgroup:
        text += f"[{figure.subgroup}]"
    text += f"{sign}{figure.value}"
    if figure.value_max is not None:
        text += f"–{figure.value_max}"
    span = figure_span(figure)
    if span != "day":
        text += f" {span}"
        start, end = getattr(figure, "period_start", None), getattr(figure, "period_end", None)
        if start or end:
            text += f" {start or '..'}/{end or '..'}"
    elif getattr(figure, "day", None):
        text += f" day {figure.day}"
    if figure.attributed_to:
        text += f" ({figure.attributed_to.replace(';', ',')})"
    return text


def figures_text(figures: Iterable[Figure]) -> str:
    """All figures of an event, ``; ``-separated, in the order the text gives them."""
    return "; ".join(figure_text(f) for f in figures)


def fatalities(event: Event, metric: str = "killed") -> int | None:
    """The most conservative death toll an event reports (ACLED's rule).

    Sub-counts ("including two children"), totals over several days,
    running totals ("since the ceasefire began") and a count of another
    day than the event's ("... on Tuesday alone" in Monday's story) are not
    the event's toll and are left out.

    >>> e = Event("x", "a", "2016-12-23", "day", None, "s", 0, 1, "shelling",
    ...           figures=(Figure("killed", 8), Figure("killed", 6), Figure("killed", 2, subgroup="children")))
    >>> fatalities(e)
    6
    """
    values = [f.value for f in event.figures
              if f.metric == metric and not f.subgroup and figure_span(f) == "day" and not getattr(f, "day", None)]
    return min(values) if values else None


def _unique(values: Iterable[str | None]) -> list[str]:
    seen: list[str] = []
    for v in values:
        if v and v not in seen:
            seen.append(v)
    return seen


def _joined(values: Iterable[str | None]) -> str:
    return "; ".join(_unique(values))


def _published(lookup: Lookup, slug: str) -> str:
    article = lookup.articles.get(slug)
    return article.published.isoformat() if article else ""


# -- the columns ---------------------------------------------------------------

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "Stable id derived from the article and the sentence; the same sentence keeps it across builds.", ("id",), lambda e, _: e.id),
    Column("event_date", "ISO date at the precision the text gives: 2016-12-23, 2016-12 or 2016.", ("date",), lambda e, _: e.date),
    Column("date_precision", "day, week, month, quarter, year, decade or century.", ("granularity",), lambda e, _: e.granularity),
    Column("date_text", "The words the date was resolved from; empty when it fell back to the publication date.", ("date_text",), lambda e, _: e.date_text or ""),
    Column("date_mod", "The part of a longer period the text names (TIMEX3 mod): START ('early 2014'), MID ('mid-2014'), END ('late 2009', 'the end of this month'); empty for a whole period or a day.", ("date_mod",), lambda e, _: e.date_mod or ""),
    Column("event_type", "Event type from the configured typology (TIMELINE_EVENT_TYPES).", ("type",), lambda e, _: e.type),
    Column("admin1", "Province(s) of the places named, '; '-separated.", ("places",), lambda e, _: _joined(p.admin1 for p in e.places)),
    Column("location", "Places named in the sentence (gazetteer names), '; '-separated.", ("places",), lambda e, _: _joined(p.name for p in e.places)),
    Column("country", "ISO 3166-1 alpha-2 code(s) of the places.", ("places",), lambda e, _: _joined(p.country for p in e.places)),
    Column("actors", "Actors named in the sentence, '; '-separated.", ("actors",), lambda e, _: _joined(e.actors)),
    Column("figures", "Every figure with who reported it: metric[subgroup]{=,≥,>,≈,≤,<}value (source); '; '-separated.", ("figures",), lambda e, _: figures_text(e.figures)),
    Column("fatalities", "Lowest 'killed' figure reported for the event (ACLED's conservative rule); empty when none.", ("figures",), lambda e, _: fatalities(e)),
    Column("source", "The outlet that published the article.", ("source",), lambda e, _: e.source or ""),
    Column("source_url", "The original article's address.", ("source_url",), lambda e, _: e.source_url or ""),
    Column("article", "Slug of the article on this site.", ("article",), lambda e, _: e.article),
    Column("article_title", "Title of the article.", ("article_title",), lambda e, _: e.article_title or ""),
    Column("article_published", "Publication date of the article (relative dates are resolved against it).", (), lambda e, lk: _published(lk, e.article)),
    Column("article_url", "The article's page on this site, where the sentence is highlighted (absolute when SITEURL is set, else from the site root).", ("article_url",), lambda e, lk: lk.url(e.article_url)),
    Column("sentence", "The sentence the event was read from, verbatim.", ("sentence",), lambda e, _: e.sentence),
    Column("sentence_start", "Character offset of the sentence in the article's plain text.", ("start",), lambda e, _: e.start),
    Column("sentence_end", "End offset (exclusive) of the sentence.", ("end",), lambda e, _: e.end),
    Column("edited", "What an editor changed in content/corrections.yaml ('date; place; type; figure', or 'added' for an entry the text doesn't yield); empty when the entry is as extracted.", ("edited",), lambda e, _: "; ".join(e.edited)),
    Column("edit_note", "The editor's note for that correction or confirmation.", ("edit_note",), lambda e, _: e.edit_note or ""),
    Column("checked", "true when an editor confirmed the entry (checked: true in corrections.yaml).", ("checked",), lambda e, _: "true" if e.checked else "false"),
    Column("doubts", "Reasons a reviewer should look at the entry ('; '-separated, see `python -m generator review`); empty when none.", ("doubts",), lambda e, _: "; ".join(e.doubts)),
    Column("figure_sources", "How each figure's source was found, in the order of figures: named (in the sentence), earlier (the reporter named before it in the article), later (named after it, in the same report), outlet (the article names no reporter: the outlet's own reporting), editor (corrections.yaml); '; '-separated.", ("figures",), lambda e, _: "; ".join(f.source_basis or "" for f in e.figures)),
    Column("event_span", "day when the sentence tells of a happening of its day; period or cumulative when it only tells what went on over a span (\"Of the total, 221 were killed by air strikes\" after a running total): such an entry is not an incident of its day in the bulletins.", ("span",), lambda e, _: e.span),
    Column("period_start", "First day of that span (ISO, at the precision the text gives); empty for a day.", ("period_start",), lambda e, _: e.period_start or ""),
    Column("period_end", "Last day of that span; empty for a day.", ("period_end",), lambda e, _: e.period_end or ""),
)


@dataclass(frozen=True, slots=True)
class TallyRow:
    """One place of one tally: the unit of ``tallies.csv``."""

    tally: Tally
    place: str
    count: int


def _tally_url(row: TallyRow, lookup: Lookup) -> str:
    article = lookup.articles.get(row.tally.article)
    return lookup.url(article.url) if article else ""


def _tally_sources(tally: Tally) -> str:
    return "; ".join(f"{slug}@{start}" for slug, start in tally.sources)


TALLY_COLUMNS: tuple[Column, ...] = (
    Column("date", "Day the tally reports on (ISO).", ("date",), lambda r, _: r.tally.date),
    Column("metric", "What is counted (a TIMELINE_METRICS name).", ("metric",), lambda r, _: r.tally.metric),
    Column("place", "Place (usually a province) as named in the list.", ("by_place",), lambda r, _: r.place),
    Column("count", "Count for this place.", ("by_place",), lambda r, _: r.count),
    Column("total", "The stated total when there is one, else the sum over places.", ("total",), lambda r, _: r.tally.total),
    Column("stated_total", "The total as the text states it; empty when the text gives none. Differs from the sum when the report does not add up.", ("stated_total",), lambda r, _: r.tally.stated_total),
    Column("attributed_to", "Who reported the tally.", ("attributed_to",), lambda r, _: r.tally.attributed_to or ""),
    Column("article", "Slug of the article the tally was read from.", ("article",), lambda r, _: r.tally.article),
    Column("article_url", "That article's page on this site.", (), _tally_url),
    Column("sentence", "The sentence the tally was read from, verbatim.", ("sentence",), lambda r, _: r.tally.sentence),
    Column("sentence_start", "Character offset of the sentence in the article's plain text.", ("start",), lambda r, _: r.tally.start),
    Column("sentence_end", "End offset (exclusive) of the sentence.", ("end",), lambda r, _: r.tally.end),
    Column("sources", "Every article@offset that carried this same report ('; '-separated); it counts once.", ("sources",), lambda r, _: _tally_sources(r.tally)),
    Column("span", "What the count covers: day, period (a bounded span) or cumulative (since a start).", ("span",), lambda r, _: r.tally.span),
    Column("period_start", "First day a period or running total covers; empty for a day or when the text gives none.", ("period_start",), lambda r, _: r.tally.period_start),
    Column("period_end", "Last day a period or running total covers (also its date); empty for a day.", ("period_end",), lambda r, _: r.tally.period_end),
    Column("tally_id", "Stable id of the tally, from its article, sentence and metric (what corrections.yaml addresses).", ("id",), lambda r, _: r.tally.id),
    Column("edited", "What an editor changed ('date; by_place; total; source', or 'added'); empty when as extracted.", ("edited",), lambda r, _: "; ".join(r.tally.edited)),
    Column("edit_note", "The editor's note for that correction or confirmation.", ("edit_note",), lambda r, _: r.tally.edit_note or ""),
    Column("checked", "true when an editor confirmed the tally.", ("checked",), lambda r, _: "true" if r.tally.checked else "false"),
    Column("doubts", "Reasons a reviewer should look at the tally ('; '-separated); empty when none.", ("doubts",), lambda r, _: "; ".join(r.tally.doubts)),
)


@dataclass(frozen=True, slots=True)
class KeyFigureRow:
    """One metric of one day's bulletin: the unit of ``key_figures.csv``."""

    date: str
    key: KeyFigure


def _claim_text(claim: Claim) -> str:
    """``State television≥3`` — a claim in the compact form of the ``figures`` column."""
    sign = QUALIFIER_SIGNS.get(claim.qualifier.lower() if claim.qualifier else None, f" {claim.qualifier} ")
    who = (claim.attributed_to or "unattributed").replace(";", ",")
    subgroup = f"[{claim.subgroup}]" if claim.subgroup else ""
    return f"{who}{subgroup}{sign}{claim.value}"


KEY_FIGURE_COLUMNS: tuple[Column, ...] = (
    Column("date", "Day of the bulletin (ISO).", ("date",), lambda r, _: r.date),
    Column("metric", "What is counted (a TIMELINE_METRICS name).", ("metric",), lambda r, _: r.key.metric),
    Column("low", "Lowest figure any source gave for the day's incidents (claims are never summed across sources).", ("low",), lambda r, _: r.key.low),
    Column("high", "Highest figure any source gave.", ("high",), lambda r, _: r.key.high),
    Column("change", "high minus the previous calendar day's high for the metric, only when both days' figures are one number from the same single source over the same places; empty otherwise (never a comparison across gaps, years, sources or places).", ("change",), lambda r, _: r.key.change),
    Column("claims", "Who said what: source[subgroup]{=,≥,>,≈,≤,<}value, '; '-separated.", ("claims",), lambda r, _: "; ".join(_claim_text(c) for c in r.key.claims)),
    Column("event_ids", "Events the claims were read from ('; '-separated event_id values).", ("claims",), lambda r, _: "; ".join(dict.fromkeys(i for c in r.key.claims for i in c.event_ids))),
    Column("low_qualifier", "What the source said about low ('at least', 'up to', 'about'...); empty when exact.", ("low_qualifier",), lambda r, _: r.key.low_qualifier or ""),
    Column("high_qualifier", "What the source said about high; empty when exact.", ("high_qualifier",), lambda r, _: r.key.high_qualifier or ""),
)


@dataclass(frozen=True, slots=True)
class TotalRow:
    """One total reported on one bulletin day: the unit of ``totals.csv``."""

    date: str
    total: ReportedTotal


TOTAL_COLUMNS: tuple[Column, ...] = (
    Column("date", "Day the total was reported (the publication day of the report), ISO.", (), lambda r, _: r.date),
    Column("metric", "What is counted (a TIMELINE_METRICS name).", ("metric",), lambda r, _: r.total.metric),
    Column("value", "The number as reported (the lower end of a range).", ("value",), lambda r, _: r.total.value),
    Column("value_max", "Upper end when the report gives a range; empty otherwise.", ("value_max",), lambda r, _: r.total.value_max),
    Column("qualifier", "What the source said about the number ('at least', 'about' ...); empty when exact.", ("qualifier",), lambda r, _: r.total.qualifier or ""),
    Column("span", "period (a total over stated days) or cumulative (a running total since a start).", ("span",), lambda r, _: r.total.span),
    Column("period_start", "First day the total covers (ISO, at the precision the text gives); empty when not stated.", ("period_start",), lambda r, _: r.total.period_start or ""),
    Column("period_end", "Last day the total covers; empty when not stated.", ("period_end",), lambda r, _: r.total.period_end or ""),
    Column("attributed_to", "Who reported the total.", ("attributed_to",), lambda r, _: r.total.attributed_to or ""),
    Column("subgroup", "Sub-count ('children', 'civilians'); empty for the total itself.", ("subgroup",), lambda r, _: r.total.subgroup or ""),
    Column("places", "Places named in the sentence, '; '-separated.", ("places",), lambda r, _: _joined(r.total.places)),
    Column("event_ids", "Events (sentences) the total was read from, '; '-separated; one total said by several outlets is one row.", ("event_ids",), lambda r, _: "; ".join(r.total.event_ids)),
    Column("own_reporting", "Outlets whose own reporting the total is (their article names no reporter), '; '-separated; empty when a source is named.", ("own_reporting",), lambda r, _: _joined(r.total.own_reporting)),
)


def _claims_text(claims: Iterable[Claim]) -> str:
    return "; ".join(f"{c.metric}:{_claim_text(c)}" for c in claims)


INCIDENT_COLUMNS: tuple[Column, ...] = (
    Column("incident_id", "Id of the incident: the event_id of its first sentence (in article order).", ("id",), lambda i, _: i.id),
    Column("date", "Day of the incident (ISO); incidents are grouped within one bulletin day.", ("date",), lambda i, _: i.date),
    Column("rank", "Where a bulletin lists it: casualties (a figure or a tally), event, or statement (every sentence only reports what someone said).", ("rank",), lambda i, _: i.rank),
    Column("event_type", "The most consequential type among its events.", ("type",), lambda i, _: i.type),
    Column("admin1", "Every province it names, '; '-separated (the bulletin lists it under each).", ("provinces",), lambda i, _: _joined(i.provinces)),
    Column("location", "Places named by its sentences, '; '-separated.", ("places",), lambda i, _: _joined(i.places)),
    Column("figures", "Every figure of its sentences, side by side, never summed: metric:source[subgroup]{=,≥,>,≈,≤,<}value, '; '-separated.", ("figures",), lambda i, _: _claims_text(i.figures)),
    Column("outlets", "Outlets that reported it, '; '-separated.", ("outlets",), lambda i, _: _joined(i.outlets)),
    Column("reporters", "Who gave its figures, '; '-separated.", ("reporters",), lambda i, _: _joined(i.reporters)),
    Column("articles", "Slugs of the articles it was read from, '; '-separated.", ("articles",), lambda i, _: _joined(i.articles)),
    Column("event_ids", "Its member events (event_id values in events.csv), '; '-separated, in article order.", ("event_ids",), lambda i, _: "; ".join(i.event_ids)),
    Column("tally_ids", "Tallies read from its sentences (tally_id values in tallies.csv), '; '-separated.", ("tally_ids",), lambda i, _: "; ".join(i.tally_ids)),
    Column("lead_event_id", "The member event shown first on the bulletin: the one with the most figures, else the first naming its own place.", ("lead",), lambda i, _: i.lead),
)


def incident_rows(bulletins: Iterable[Bulletin]) -> list[Incident]:
    """Every bulletin's incidents, days in order, each day in the bulletin's order (consequence first)."""
    return [i for b in sorted(bulletins, key=lambda b: b.date) for i in b.incidents]


def total_rows(bulletins: Iterable[Bulletin]) -> list[TotalRow]:
    """One row per (day, total), days in order, totals in the bulletin's order."""
    return [TotalRow(b.date, t) for b in sorted(bulletins, key=lambda b: b.date) for t in b.totals]


def key_figure_rows(bulletins: Iterable[Bulletin]) -> list[KeyFigureRow]:
    """One row per (day, metric), days in order, metrics in the bulletin's order."""
    return [KeyFigureRow(b.date, k) for b in sorted(bulletins, key=lambda b: b.date) for k in b.key_figures]


def column_names(columns: Sequence[Column]) -> list[str]:
    return [c.name for c in columns]


def sorted_events(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.date, PART_ORDER.get(e.date_mod or "", 0), e.article, e.start, e.id))


def tally_rows(tallies: Iterable[Tally]) -> list[TallyRow]:
    """One row per place, tallies sorted, places in the order the text lists them."""
    ordered = sorted(tallies, key=lambda t: (t.date, t.metric, t.article, t.start))
    # a total with no breakdown ("reported two violations") is one row with an empty place
    return [TallyRow(t, place, count) for t in ordered for place, count in (t.by_place.items() or [("", t.total)])]


def rows(records: Iterable[Any], columns: Sequence[Column], lookup: Lookup) -> list[dict[str, Any]]:
    """Typed rows (ints stay ints, missing values are None) in column order."""
    out = []
    for record in records:
        row = {}
        for c in columns:
            value = c.value(record, lookup)
            row[c.name] = None if value == "" else value
        out.append(row)
    return out


# -- file formats ------------------------------------------------------------------


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CELL_MAX_CHARS = 32_767  # the most characters a spreadsheet cell holds (Excel, LibreOffice)
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def csv_cell(value: Any) -> Any:
    r"""A value as a CSV cell a spreadsheet will not run as a formula (OWASP).

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a leading
    single quote; numbers (ints, or text such as ``-5``) are left alone. Text
    longer than a spreadsheet cell holds (32,767 characters; a sentence of a
    pasted PDF can be longer) is cut there with '…', so it never spills into
    the next cells or breaks a reader's field limit.

    >>> csv_cell('=HYPERLINK("x")'), csv_cell("@SUM(A1)"), csv_cell(-5), csv_cell("-5"), csv_cell(None)
    ('\'=HYPERLINK("x")', "'@SUM(A1)", -5, '-5', '')
    >>> len(csv_cell("word " * 10000)), csv_cell("word " * 10000)[-2:]
    (32767, 'w…')
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        value = "'" + value
    if isinstance(value, str) and len(value) > CELL_MAX_CHARS:
        value = value[: CELL_MAX_CHARS - 1] + "…"
    return value


def to_csv(table: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    """RFC 4180 CSV: header row, CRLF line ends, empty cells for None, no formulas (``csv_cell``)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(column_names(columns))
    for row in table:
        writer.writerow([csv_cell(row[c.name]) for c in columns])
    return buf.getvalue()


def to_json(kind: str, table: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    document = {
        "schema_version": SCHEMA_VERSION,
        "columns": column_names(columns),
        kind: list(table),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def schema_document() -> dict[str, Any]:
    """The codebook: every column of every table with its meaning."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tables": {
            name: [{"name": c.name, "help": c.help} for c in columns]
            for name, columns in (("events", EVENT_COLUMNS), ("tallies", TALLY_COLUMNS), ("key_figures", KEY_FIGURE_COLUMNS),
                                  ("totals", TOTAL_COLUMNS), ("incidents", INCIDENT_COLUMNS))
        },
    }


def _span_days(event: Event) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the span an entry tells of (``Event.span`` not ``day``), when both are days.

    >>> e = Event("e", "a", "2016-08-31", "day", None, "s", 0, 1, "x", span="cumulative", period_start="2016-07-31", period_end="2016-08-31")
    >>> _span_days(e)
    (datetime.date(2016, 7, 31), datetime.date(2016, 8, 31))
    >>> _span_days(Event("e", "a", "2016-08-31", "day", None, "s", 0, 1, "x")) is None
    True
    """
    if event.span == "day" or not (event.period_start and event.period_end):
        return None
    try:
        first, last = dt.date.fromisoformat(event.period_start), dt.date.fromisoformat(event.period_end)
    except ValueError:  # a span the text gives only to the month or year
        return None
    return (first, last) if first <= last else None


def timeline_document(events: Sequence[Event], lookup: Lookup, title: str = "", subtitle: str = "") -> dict[str, Any]:
    """TimelineJS3 JSON: one slide per event; month/year events keep their precision.

    Groups are event types (TimelineJS draws one row per group), the
    ``unique_id`` is ``e-<event id>`` like the anchors on our pages.
    """
    slides = []
    for event in sorted_events(events):
        year, month, day = date_parts(event.date)
        start = {"year": str(year)}
        if month is not None:
            start["month"] = str(month)
        if day is not None and event.granularity == "day":
            start["day"] = str(day)
        shown = display_date(event.date, event.date_mod)
        span = _span_days(event)
        end = None
        if span:  # an entry telling of a span (Event.span) is drawn over it, not on its day
            start, end = ({"year": str(d.year), "month": str(d.month), "day": str(d.day)} for d in span)
            shown = f"{display_date(span[0].isoformat())} – {display_date(span[1].isoformat())}"
        headline = lookup.headline(event)
        text = f"<p>{escape(event.sentence)}</p>"
        figures = figures_text(event.figures)
        if figures:
            text += f"<p>{escape(figures)}</p>"
        if event.source or event.article_url:
            label = escape(event.source or event.article_title or event.article)
            href = escape(lookup.url(event.article_url) or event.source_url or "")
            text += f'<p>Source: <a href="{href}">{label}</a></p>'
        slide: dict[str, Any] = {
            "unique_id": f"e-{event.id}",
            "start_date": start,
            "display_date": shown,
            "text": {"headline": escape(headline), "text": text},
            "group": lookup.type_label(event.type),
        }
        if end:
            slide["end_date"] = end
        slides.append(slide)
    document: dict[str, Any] = {"events": slides}
    if title:
        document["title"] = {"text": {"headline": escape(title), "text": escape(subtitle)}}
    return document


# -- iCalendar -----------------------------------------------------------------------


def calendar_text(events: Sequence[Event], lookup: Lookup, name: str = "", vevent: Callable[..., str] | None = None) -> str:
    """All day-precision events as all-day VEVENTs, written by ``icalendar`` (an entry that
    tells of a span, ``Event.span``, covers its days).

    UIDs are the event ids at the site's host, so a calendar subscription
    updates an event instead of duplicating it; ``DTSTAMP`` is the source
    article's publication date, never the build time. Each VEVENT is
    ``vevent_text`` of its own inputs (``vevent`` may be the same kept
    between builds, ``memo.StepMemo``); icalendar writes a calendar as its
    own lines followed by each component's, so the text is the same.
    """
    host = urlparse(lookup.siteurl).hostname or "newstimeline.invalid"
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//newstimeline//conflict timeline//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    one = vevent or vevent_text
    body = "".join(
        one(event, _published(lookup, event.article), host, lookup.siteurl, lookup.type_label(event.type))
        for event in sorted_events(events)
    )
    text = calendar.to_ical(sorted=False).decode("utf-8")
    end = "END:VCALENDAR\r\n"
    assert text.endswith(end), text[-40:]
    return text[: -len(end)] + body + end


def vevent_text(event: Event, published: str, host: str, siteurl: str, type_label: str) -> str:
    """One event's VEVENT as icalendar writes it; "" for an event without a day (or an impossible one)."""
    if event.granularity != "day":
        return ""
    year, month, day = date_parts(event.date)
    if month is None or day is None:
        return ""
    try:
        start = dt.date(year, month, day)
        span = _span_days(event)
        if span:  # an entry telling of a span covers its days, not the day it was reported
            start = span[0]
        end = (span[1] if span else start) + dt.timedelta(days=1)
    except (ValueError, OverflowError):  # 9999-12-31 has no next day; an impossible date is not an event
        return ""
    stamp = dt.datetime.combine(dt.date.fromisoformat(published[:10]) if published else start, dt.time(), dt.timezone.utc)
    where = _joined(p.name for p in event.places)
    description = event.sentence
    if event.figures:
        description += "\n" + figures_text(event.figures)
    if event.source:
        description += f"\nSource: {event.source}"
    lookup = Lookup({}, siteurl, {event.type: type_label})
    entry = icalendar.Event()
    entry.add("uid", f"{event.id}@{host}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", start)
    entry.add("dtend", end)
    entry.add("summary", lookup.headline(event))
    entry.add("description", description)
    if where:
        entry.add("location", where)
    entry.add("categories", [type_label])
    url = lookup.url(event.article_url) or event.source_url
    if url and urlparse(url).scheme in {"http", "https"}:
        entry.add("url", url)
    return entry.to_ical(sorted=False).decode("utf-8")


# -- entry point -------------------------------------------------------------------------

# Every file write_exports writes, with the label the site's footer links it by.
EXPORT_FILES: tuple[tuple[str, str], ...] = (
    ("events.csv", "events (CSV)"),
    ("events.json", "events (JSON)"),
    ("tallies.csv", "tallies (CSV)"),
    ("tallies.json", "tallies (JSON)"),
    ("key_figures.csv", "key figures (CSV)"),
    ("key_figures.json", "key figures (JSON)"),
    ("totals.csv", "totals over several days (CSV)"),
    ("totals.json", "totals over several days (JSON)"),
    ("incidents.csv", "incidents (CSV)"),
    ("incidents.json", "incidents (JSON)"),
    ("timeline.json", "TimelineJS"),
    ("events.ics", "calendar (ICS)"),
    ("schema.json", "codebook"),
)


def export_folder(settings: Mapping[str, Any]) -> str:
    """The exports' folder in the output (``TIMELINE_EXPORT_PATH``).

    >>> export_folder({})
    'data'
    """
    return str(setting(settings, "TIMELINE_EXPORT_PATH") or default("TIMELINE_EXPORT_PATH"))


def write_exports(output_path: str, site_data: SiteData, settings: Mapping[str, Any]) -> None:
    """Write every export file (``EXPORT_FILES``) into ``<output_path>/<TIMELINE_EXPORT_PATH>/``."""
    folder = os.path.join(output_path, export_folder(settings))
    os.makedirs(folder, exist_ok=True)
    rules = setting(settings, "TIMELINE_EVENT_TYPES") or default("TIMELINE_EVENT_TYPES")
    lookup = Lookup({a.slug: a for a in site_data.articles}, settings.get("SITEURL") or "",
                    {str(r["id"]): str(r["label"]) for r in rules if r.get("label")})
    events = sorted_events(site_data.events)
    # Each VEVENT kept between builds: icalendar is the slowest writer here (~2 ms an event).
    # Without Pelican's CACHE_PATH (a direct call), nothing is kept.
    vevents = StepMemo(cache_folder(settings) if settings.get("CACHE_PATH") else None,
                       "calendar", "generator.exports", str, libraries=("icalendar",))
    event_table = rows(events, EVENT_COLUMNS, lookup)
    tally_table = rows(tally_rows(site_data.tallies), TALLY_COLUMNS, lookup)
    key_table = rows(key_figure_rows(site_data.bulletins), KEY_FIGURE_COLUMNS, lookup)
    total_table = rows(total_rows(site_data.bulletins), TOTAL_COLUMNS, lookup)
    incident_table = rows(incident_rows(site_data.bulletins), INCIDENT_COLUMNS, lookup)
    # Each file is built just before it is written, so only one is held at a time.
    files: dict[str, Callable[[], str]] = {
        "events.csv": lambda: to_csv(event_table, EVENT_COLUMNS),
        "events.json": lambda: to_json("events", event_table, EVENT_COLUMNS),
        "tallies.csv": lambda: to_csv(tally_table, TALLY_COLUMNS),
        "tallies.json": lambda: to_json("tallies", tally_table, TALLY_COLUMNS),
        "key_figures.csv": lambda: to_csv(key_table, KEY_FIGURE_COLUMNS),
        "key_figures.json": lambda: to_json("key_figures", key_table, KEY_FIGURE_COLUMNS),
        "totals.csv": lambda: to_csv(total_table, TOTAL_COLUMNS),
        "totals.json": lambda: to_json("totals", total_table, TOTAL_COLUMNS),
        "incidents.csv": lambda: to_csv(incident_table, INCIDENT_COLUMNS),
        "incidents.json": lambda: to_json("incidents", incident_table, INCIDENT_COLUMNS),
        "timeline.json": lambda: json.dumps(
            timeline_document(events, lookup, settings.get("SITENAME", ""), settings.get("SITESUBTITLE", "")),
            ensure_ascii=False, indent=1,
        ) + "\n",
        "events.ics": lambda: calendar_text(events, lookup, settings.get("SITENAME", ""), vevents.wrap(vevent_text)),
        "schema.json": lambda: json.dumps(schema_document(), ensure_ascii=False, indent=1) + "\n",
    }
    assert [name for name, _ in EXPORT_FILES] == list(files), "EXPORT_FILES and write_exports disagree"
    for name, build in files.items():
        # newline="" keeps CSV's and ICS's CRLF exactly as written.
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as fh:
            fh.write(build())
    vevents.save()
