"""Render: ``SiteData`` → the site's pages, as a Pelican generator.

Pelican runs ``generate_context`` of every generator first (its own
``ArticlesGenerator`` has filled ``context["articles"]`` by then), and
``generate_output`` afterwards, so extraction happens once in
``TimelineGenerator.generate_context`` and every page — ours and Pelican's
article pages — sees the result through the shared context.

Pages written (each address is a setting, see ``URL_DEFAULTS``):

=====================  ===============================  =====================
page                   default address                  template
=====================  ===============================  =====================
home                   ``index.html``                   ``home.html``
daily bulletin         ``bulletins/{date}/``            ``bulletin.html``
bulletins by month     ``bulletins/``                   ``bulletins.html``
bulletins of a year    ``bulletins/{year}/``            ``bulletins.html``
timeline index         ``timeline/``                    ``timeline.html``
timeline of a period   ``timeline/{period}/``           ``timeline_month.html``
place                  ``places/{slug}/``               ``place.html``
place, one year        ``places/{slug}/{year}/``        ``place.html``
all places             ``places/``                      ``places.html``
event type             ``types/{slug}/``                ``type.html``
event type, one year   ``types/{slug}/{year}/``         ``type.html``
all event types        ``types/``                       ``types.html``
build report           ``report/``                      ``report.html``
=====================  ===============================  =====================

Place and type pages covering more than one year are split: the overview
shows the latest year and links one page per year.

A *period* is a month (``2016-12``) or, for events dated only to a year,
the year (``2016``): an event is never put on a day the text did not give.
The view helpers here are pure functions of ``SiteData`` so they can be
tested without a Pelican build.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, ClassVar, Iterable, Mapping, Sequence

from markupsafe import Markup, escape
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from generator import charts, exports, incidents, intake, maps, output, pagecache, summary
from generator import settings as plugin_settings
from generator.aggregate import figure_span, tally_span
from generator.exports import EXPORT_FILES, PART_ORDER, part_of, week_days, week_text
from generator.model import (
    Article,
    Bulletin,
    Event,
    Incident,
    KeyFigure,
    ReportedTotal,
    SiteData,
    Tally,
    own_reporting,
    source_label,
)
from generator.settings import SETTINGS

logger = logging.getLogger(__name__)

# Defaults of every address and view setting, from the one settings table;
# pelican.conf.py overrides them (page_settings).
URL_DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS if not callable(s.default)}

UNLOCATED = "Place not stated"

# The files generator/exports.py writes, as linked from every page's footer.
DATA_FILES = EXPORT_FILES

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
# Placeholders for the heading level and SITEURL in cached event HTML
# (Links.event_html); NUL never occurs in escaped article text.
_HL_SLOT = "\x00tl-hl\x00"
_ROOT_SLOT = "\x00tl-root\x00"

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def page_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """URL/save-as and view settings: the plugin's defaults, overridden by Pelican's settings."""
    merged = dict(URL_DEFAULTS)
    for name in list(merged):
        if name in settings:
            merged[name] = settings[name]
    return merged


# -- labels --------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def slug(value: str) -> str:
    """Address-safe form of a place or type name.

    >>> slug("Deir ez-Zor"), slug("al-Hasakah"), slug("armed_clash")
    ('deir-ez-zor', 'al-hasakah', 'armed-clash')
    """
    s = re.sub(r"[^\w\s-]", "", value.lower(), flags=re.ASCII).strip()
    return re.sub(r"[\s_-]+", "-", s).strip("-") or "unnamed"


def humanise(name: str) -> str:
    """``ceasefire_violations`` → ``Ceasefire violations``."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _label_from_table(table: Any, name: str) -> str | None:
    """Find ``label`` for ``name`` in a settings table (a mapping or a list of rules)."""
    entry: Any = None
    if isinstance(table, Mapping):
        entry = table.get(name)
    elif isinstance(table, (list, tuple)):
        for rule in table:
            if isinstance(rule, Mapping):
                rule_name = rule.get("id") or rule.get("type") or rule.get("name")
            else:
                rule_name = getattr(rule, "id", None) or getattr(rule, "type", None)
            if rule_name == name:
                entry = rule
                break
    if isinstance(entry, Mapping):
        return entry.get("label")
    return getattr(entry, "label", None) if entry is not None else None


def date_label(date: str, granularity: str = "day", mod: str | None = None) -> str:
    """How a (possibly partial) ISO date reads on a page.

    >>> date_label("2016-12-23")
    'Friday 23 December 2016'
    >>> date_label("2016-12", "month"), date_label("2011", "year")
    ('December 2016 (month)', '2011 (year)')

    Weeks and weekends read as their days:

    >>> date_label("2011-W28-WE", "week"), date_label("2011-W28", "week")
    ('weekend of 16–17 July 2011', 'week of 11–17 July 2011')

    A part of a period (TIMEX3 ``mod``, ``Event.date_mod``) reads before it:

    >>> date_label("2014", "year", "START"), date_label("2016-12", "month", "END")
    ('early 2014 (year)', 'late December 2016 (month)')
    """
    week = week_text(date)
    if week:
        return part_of(week, mod)
    try:
        if granularity == "day" and len(date) == 10:
            d = dt.date.fromisoformat(date)
            return f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"
        if re.fullmatch(r"\d{4}-\d{2}", date):
            return f"{part_of(_MONTH_NAMES[int(date[5:7]) - 1] + ' ' + date[:4], mod)} ({granularity})"
    except (ValueError, IndexError):
        pass
    return f"{part_of(date, mod)} ({granularity})"


def number(value: int) -> str:
    """A count as pages and feeds write it: with thousands separators.

    (CSV and JSON exports keep plain digits.)

    >>> number(35000), number(613), number(-1250)
    ('35,000', '613', '-1,250')
    """
    return f"{value:,}"


_SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short_date(date: str, with_year: bool = True) -> str:
    """``2016-07-31`` → ``31 Jul 2016``; partial dates keep their precision."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date or "")
    if not m:
        return date
    year, month, day = m.groups()
    parts = [str(int(day))] if day else []
    if month:
        parts.append(_SHORT_MONTHS[int(month) - 1])
    if with_year or not month:
        parts.append(year)
    return " ".join(parts)


def span_label(start: str | None, end: str | None) -> str:
    """The days a total covers, compactly.

    >>> span_label("2016-07-31", "2016-08-31"), span_label("2016-12-12", "2016-12-13")
    ('31 Jul – 31 Aug 2016', '12–13 Dec 2016')
    >>> span_label("2011", "2016-12-23"), span_label(None, "2016-08-31"), span_label("2016-07-31", None)
    ('2011 – 23 Dec 2016', 'to 31 Aug 2016', 'since 31 Jul 2016')
    """
    if start and end:
        if start == end:
            return _short_date(start)
        if len(start) == len(end) == 10 and start[:4] == end[:4]:
            if start[:7] == end[:7]:
                return f"{int(start[8:])}–{_short_date(end)}"
            return f"{_short_date(start, with_year=False)} – {_short_date(end)}"
        return f"{_short_date(start)} – {_short_date(end)}"
    if end:
        return f"to {_short_date(end)}"
    if start:
        return f"since {_short_date(start)}"
    return ""


def qualified(value: int, qualifier: str | None) -> str:
    """A number with what the source said about it.

    >>> qualified(35000, "about"), qualified(3, None)
    ('about 35,000', '3')
    """
    return f"{qualifier} {number(value)}" if qualifier else number(value)


def headline(kf: KeyFigure) -> str:
    """A key figure's headline as the sources said it: qualifiers kept, range when sources differ.

    >>> headline(KeyFigure("killed", 37, 37, (), high_qualifier="up to", low_qualifier="up to"))
    'up to 37'
    >>> headline(KeyFigure("killed", 3, 6, (), low_qualifier="at least")), headline(KeyFigure("killed", 3, 6, ()))
    ('at least 3 to 6', '3–6')
    """
    if kf.low == kf.high and kf.low_qualifier == kf.high_qualifier:
        return qualified(kf.high, kf.high_qualifier)
    if kf.low_qualifier or kf.high_qualifier:
        return f"{qualified(kf.low, kf.low_qualifier)} to {qualified(kf.high, kf.high_qualifier)}"
    return f"{number(kf.low)}–{number(kf.high)}"


def total_span_text(total: ReportedTotal) -> str:
    """When a reported total counts: "31 Jul – 31 Aug 2016" (running totals say so).

    >>> t = ReportedTotal("killed", 613, None, "Observatory", None, "cumulative", "2016-07-31", "2016-08-31", ("e",))
    >>> total_span_text(t)
    'running total, 31 Jul – 31 Aug 2016'
    """
    days = span_label(total.period_start, total.period_end)
    if total.span == "cumulative":
        return f"running total, {days}" if days else "running total"
    return days or "over several days"


def html_datetime(date: str) -> str:
    """A date value as HTML's ``<time datetime>`` accepts it (a weekend as its week).

    >>> html_datetime("2011-W28-WE"), html_datetime("2016-12-23"), html_datetime("2016-Q4"), html_datetime("199")
    ('2011-W28', '2016-12-23', '2016', '199')
    """
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", date):
        return date
    if week_days(date):
        return date[:8]
    m = re.match(r"\d{4}", date)
    return m.group() if m else date


def period_key(date: str) -> str:
    """The timeline page an event date belongs on: its month, else its year.

    A week is listed in the month of its Thursday (the month holding most of
    its days, as ISO 8601 assigns weeks to years); a weekend in the month of
    its Saturday.

    >>> period_key("2016-12-23"), period_key("2016-12"), period_key("2016"), period_key("2016-W51")
    ('2016-12', '2016-12', '2016', '2016-12')
    >>> period_key("2016-W48"), period_key("2016-W48-WE"), period_key("2015-W53")
    ('2016-12', '2016-12', '2015-12')
    """
    days = week_days(date)
    if days:
        first, last = days
        anchor = first + dt.timedelta(days=3) if (last - first).days == 6 else first
        return anchor.isoformat()[:7]
    if re.match(r"\d{4}-\d{2}(?:-|$)", date):
        return date[:7]
    m = re.match(r"\d{4}", date)
    return m.group() if m else date


def period_label(key: str) -> str:
    """A timeline page's heading.

    >>> period_label("2016-12"), period_label("2011")
    ('December 2016', '2011')
    """
    if re.fullmatch(r"\d{4}-\d{2}", key):
        return f"{_MONTH_NAMES[int(key[5:7]) - 1]} {key[:4]}"
    return key


def tally_anchor(tally: Tally) -> str:
    """Stable id of a tally table on its bulletin page (``t-`` and the tally's id)."""
    if tally.id:
        return f"t-{tally.id}"
    digest = hashlib.sha1(f"{tally.date}\x00{tally.metric}\x00{tally.article}\x00{tally.start}".encode()).hexdigest()
    return f"t-{digest[:10]}"


def event_provinces(event: Event) -> list[str]:
    """The distinct provinces an event names, in order of mention."""
    seen: list[str] = []
    for place in event.places:
        if place.admin1 and place.admin1 not in seen:
            seen.append(place.admin1)
    return seen


def place_names(event: Event) -> list[str]:
    """Distinct place names as written in the gazetteer (towns first mention order)."""
    seen: list[str] = []
    for place in event.places:
        if place.name not in seen:
            seen.append(place.name)
    return seen


# -- grouping --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayGroup:
    """Events sharing one date value (a day, or a whole month/year)."""

    date: str
    granularity: str
    label: str
    anchor: str
    events: tuple[Event, ...]
    mod: str | None = None  # the part of the period ("early 2014": START), see Event.date_mod


@dataclass(frozen=True, slots=True)
class Period:
    """One timeline page: a month, or a year for year-dated events."""

    key: str
    label: str
    groups: tuple[DayGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(g.events) for g in self.groups)

    @property
    def year(self) -> str:
        return self.key[:4]

    @property
    def is_year(self) -> bool:
        return len(self.key) == 4


def date_order(date: str, mod: str | None = None) -> tuple[str, int, int, str]:
    """Sort key of a date value of any precision (sorted newest first on pages).

    A week or weekend sorts by its last day, just below that day; a month
    below all its days and weeks; a year below its months.

    >>> sorted(["2011-07-16", "2011-W28", "2011-07-18", "2011-07", "2011-07-17", "2011-W28-WE"], key=date_order, reverse=True)
    ['2011-07-18', '2011-07-17', '2011-W28-WE', '2011-W28', '2011-07-16', '2011-07']

    Parts of one period (``mod``) sort late, middle, early, then the whole period:

    >>> keys = [("2014", None), ("2014", "START"), ("2014", "END"), ("2014", "MID")]
    >>> sorted(keys, key=lambda k: date_order(*k), reverse=True)
    [('2014', 'END'), ('2014', 'MID'), ('2014', 'START'), ('2014', None)]
    """
    part = PART_ORDER.get(mod or "", 0)
    days = week_days(date)
    if days:
        return days[1].isoformat(), -1 if date.endswith("-WE") else -2, part, date
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date, 0, part, date
    if re.fullmatch(r"\d{4}-\d{2}", date):
        return f"{date}-01", -3, part, date
    return f"{period_key(date)[:4]}-01-01", -4, part, date


def group_by_date(events: Iterable[Event]) -> list[DayGroup]:
    """Events grouped by their date value, newest first.

    Within a month a coarser date sorts after its days ("2016-12-23" >
    "2016-12"), so month-only events close the month instead of being
    put on a day; a week sorts just below its last day (``date_order``).
    Within a group the input order is kept.
    """
    groups: dict[tuple[str, str | None], list[Event]] = defaultdict(list)
    for event in events:
        groups[event.date, event.date_mod].append(event)
    out = []
    for date, mod in sorted(groups, key=lambda key: date_order(*key), reverse=True):
        evs = groups[date, mod]
        granularity = evs[0].granularity
        anchor = f"d-{date}" + (f"-{mod.lower()}" if mod else "")
        out.append(DayGroup(date, granularity, date_label(date, granularity, mod), anchor, tuple(evs), mod))
    return out


def periods(events: Iterable[Event]) -> list[Period]:
    """Events split into timeline pages, newest period first.

    >>> from generator.model import Event
    >>> e = lambda i, d, g: Event(i, "a", d, g, None, "s", 0, 1, "attack")
    >>> [(p.key, [g.date for g in p.groups]) for p in periods([e("1", "2016-12-23", "day"), e("2", "2016-12", "month"), e("3", "2016", "year")])]
    [('2016-12', ['2016-12-23', '2016-12']), ('2016', ['2016'])]
    """
    by_period: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_period[period_key(event.date)].append(event)
    # "2016-12" sorts before "2016" reversed, i.e. months of a year come
    # before the year-only page: same rule as days before their month.
    return [Period(k, period_label(k), tuple(group_by_date(by_period[k]))) for k in sorted(by_period, reverse=True)]


def years_index(all_periods: Sequence[Period]) -> list[tuple[str, list[Period]]]:
    """Periods grouped by year, newest year first (for the archive navigation)."""
    years: dict[str, list[Period]] = defaultdict(list)
    for p in all_periods:
        years[p.year].append(p)
    return [(y, years[y]) for y in sorted(years, reverse=True)]


def bulletin_incidents(bulletin: Bulletin) -> list[Incident]:
    """The bulletin's incidents (grouped here when the bulletin was built without them)."""
    return bulletin.incidents or incidents.group(bulletin.events, bulletin.tallies)


@dataclass(frozen=True, slots=True)
class IncidentEntry:
    """One incident as its bulletin lists it: its reports, the lead first, each once."""

    incident: Incident
    reports: tuple[Event, ...]


def incident_entries(day_incidents: Iterable[Incident], events: Iterable[Event]) -> list[IncidentEntry]:
    """Each incident with the events it was grouped from (ids not among ``events`` are left out).

    >>> from generator.model import Event, Incident
    >>> e = lambda i: Event(i, "a", "2016-12-23", "day", None, "s", 0, 1, "attack")
    >>> inc = Incident("1", "2016-12-23", "attack", "event", (), (), ("1", "2", "9"), lead="2")
    >>> [[r.id for r in entry.reports] for entry in incident_entries([inc], [e("1"), e("2")])]
    [['2', '1']]
    """
    by_id = {e.id: e for e in events}
    out = []
    for inc in day_incidents:
        reports: list[Event] = []
        for event_id in (inc.lead, *inc.event_ids):
            event = by_id.get(event_id)
            if event is not None and event not in reports:
                reports.append(event)
        out.append(IncidentEntry(inc, tuple(reports)))
    return out


def bulletin_reports(bulletin: Bulletin) -> list[str]:
    """The articles a bulletin is made from: those of its events, then its tallies' sources, each once."""
    slugs = list(dict.fromkeys(e.article for e in bulletin.events))
    for tally in bulletin.tallies:
        for source_slug, _ in tally.sources or ((tally.article, tally.start),):
            if source_slug not in slugs:
                slugs.append(source_slug)
    return slugs


def outlets(article_slugs: Iterable[str], articles: Mapping[str, Article]) -> list[str]:
    """The publications of these articles, each once, in alphabetical order (case ignored).

    >>> a = lambda slug, source: Article(f"{slug}.md", slug, "t", dt.date(2016, 12, 23), "", source=source)
    >>> outlets(["x", "y", "z", "w"], {"x": a("x", "Reuters"), "y": a("y", "AFP"), "z": a("z", "afp"), "w": a("w", "")})
    ['AFP', 'afp', 'Reuters']
    """
    found: list[str] = []
    for article_slug in sorted(article_slugs, key=str.lower):
        article = articles.get(article_slug)
        if article is not None and article.source and article.source not in found:
            found.append(article.source)
    return sorted(found, key=str.lower)


def group_by_province(events: Iterable[Event]) -> list[tuple[str, list[Event]]]:
    """A bulletin's events by (first named) province; unlocated events last."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        provinces = event_provinces(event)
        groups[provinces[0] if provinces else UNLOCATED].append(event)
    names = sorted((n for n in groups if n != UNLOCATED), key=str.lower)
    if UNLOCATED in groups:
        names.append(UNLOCATED)
    return [(n, groups[n]) for n in names]


# -- series for charts --------------------------------------------------------------


def days_ending(end: str, days: int) -> list[str]:
    """The ``days`` calendar days ending at ``end``.

    >>> days_ending("2016-03-01", 3)
    ['2016-02-28', '2016-02-29', '2016-03-01']
    """
    last = dt.date.fromisoformat(end)
    return [(last - dt.timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1)]


def headline_values(bulletins: Sequence[Bulletin]) -> dict[str, dict[str, int]]:
    """metric → {day: the day's headline value (its ``high``)}, computed once per build."""
    values: dict[str, dict[str, int]] = defaultdict(dict)
    for b in bulletins:
        for kf in b.key_figures:
            values[kf.metric][b.date] = kf.high
    return dict(values)


def key_metric_series(
    bulletins: Sequence[Bulletin], metric: str, end: str, days: int,
    headlines: Mapping[str, Mapping[str, int]] | None = None,
) -> list[tuple[str, int | None]]:
    """The metric's headline value (the day's ``high``) for the ``days`` ending at ``end``.

    Days without a bulletin, or whose bulletin has no figure for the
    metric, are ``None``: nothing reported is not the same as zero. Pass
    ``headlines`` (from ``headline_values``) when drawing many charts, so
    each chart costs ``days`` look-ups instead of a pass over every bulletin.
    """
    values = (headlines if headlines is not None else headline_values(bulletins)).get(metric, {})
    return [(d, values.get(d)) for d in days_ending(end, days)]


def split_by_year(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Events by the year of their date (year-only dates included), order kept."""
    years: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        years[period_key(event.date)[:4]].append(event)
    return dict(years)


def day_window(per_day: Mapping[str, int], days: int, since: str | None = None) -> list[tuple[str, int | None]]:
    """``per_day`` as chart points: the ``days`` days ending at its last day, reaching back to ``since``.

    ``since`` is the first day a table under the chart lists, so the chart
    never leaves out a value that table shows; days with no value are None.
    A window never starts before the first value.

    >>> day_window({"2016-12-20": 6, "2016-12-22": 4}, 2)
    [('2016-12-21', None), ('2016-12-22', 4)]
    >>> day_window({"2016-12-20": 6, "2016-12-22": 4}, 2, since="2016-01-01")[0]
    ('2016-12-20', 6)
    >>> day_window({}, 5)
    []
    """
    return [(d, per_day.get(d)) for d in window_days(per_day, days, since)]


def window_days(valued: Iterable[str], days: int, since: str | None = None) -> list[str]:
    """The days a chart of values on the ``valued`` days spans (``day_window``); several series can share it.

    >>> window_days(["2016-12-20", "2016-12-22"], 5)
    ['2016-12-20', '2016-12-21', '2016-12-22']
    """
    ordered = sorted(valued)
    if not ordered:
        return []
    first, last = ordered[0], ordered[-1]
    start = max(first, min(since, last) if since else last)
    wanted = max(days, (dt.date.fromisoformat(last) - dt.date.fromisoformat(start)).days + 1)
    span = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
    return days_ending(last, min(wanted, span))


def place_tally_series(tallies: Sequence[Tally], place: str, metric: str, days: int,
                       since: str | None = None) -> list[tuple[str, int | None]]:
    """``place_tally_days`` as chart points, last ``days`` days (back to ``since``)."""
    return day_window(place_tally_days(tallies, place, metric), days, since)


def place_tally_days(tallies: Sequence[Tally], place: str, metric: str) -> dict[str, int]:
    """A province's daily count of ``metric`` from bulletin tallies.

    A tally that lists other provinces but not this one counts as 0 for it
    (the list is the day's full breakdown); days without any tally are
    ``None``. If several sources tallied the same day, the highest is
    drawn (the table below the chart shows every source). Only one-day
    tallies are drawn, never a total over several days.
    """
    per_day: dict[str, int] = {}
    for t in tallies:
        if t.metric != metric or len(t.date) != 10 or tally_span(t) != "day":
            continue
        value = t.by_place.get(place, 0)
        per_day[t.date] = max(per_day.get(t.date, 0), value)
    return per_day


def place_day_figures(bulletins: Sequence[Bulletin], metrics: Sequence[str]) -> dict[tuple[str, str], dict[str, int]]:
    """(province, metric) → {day: the day's figure there}, from the reports of incidents in that province alone.

    The day's figure is the bulletin's own key-figure reading
    (``aggregate.key_figure``: one range per incident, conflicting sources
    never summed) over the day's events that name this province and no
    other, so a figure told for several provinces at once ("25 violations
    in 3 provinces") is given to none of them. Its ``high`` is drawn.
    """
    from generator.aggregate import key_figure

    values: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for b in bulletins:
        if len(b.date) != 10:
            continue
        by_province: dict[str, list[Event]] = defaultdict(list)
        for event in b.events:
            provinces = event_provinces(event)
            if len(provinces) == 1 and event.figures:
                by_province[provinces[0]].append(event)
        for province, events in by_province.items():
            for metric in metrics:
                kf = key_figure(metric, events, ())
                if kf is not None:
                    values[province, metric][b.date] = kf.high
    return dict(values)


# -- article pages: source text with event sentences highlighted ------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span of an article's text and where it leads."""

    start: int
    end: int
    links: tuple[tuple[str, str], ...]  # (href, label)


_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.S | re.I)


def document_headings(html: str) -> dict[str, int]:
    """The headings of an article's rendered body: their text as ``Article.text`` has it → level on the page.

    The page's own ``h1`` is the article's title, so a heading of level 1
    or 2 becomes ``h2``, any lower one ``h3``.

    >>> document_headings("<h2 id='mp'>Russian <em>police</em> in\\nAleppo</h2><p>Text.</p><h4>Later</h4>")
    {'Russian police in Aleppo': 2, 'Later': 3}
    """
    from generator.read import html_to_text

    out: dict[str, int] = {}
    for level, inner in _HEADING.findall(html or ""):
        text = " ".join(html_to_text(inner).split())
        if text:
            out.setdefault(text, 2 if int(level) <= 2 else 3)
    return out


def highlight_html(text: str, marks: Sequence[Mark], headings: Mapping[str, int] | None = None) -> Markup:
    """Plain article text → paragraphs with ``<mark id="s-<start>">`` spans.

    Offsets are into ``text`` (``Article.text``); paragraphs are separated
    by blank lines. A mark's id is its sentence start, the anchor every
    provenance link on the site points to. Overlapping marks keep the first.
    A paragraph that is one of the article's ``headings`` (``document_headings``)
    is that heading again.

    >>> str(highlight_html("A <b>. B happened.\\n\\nC.", [Mark(7, 18, (("/t#e-1", "timeline"),))]))
    '<p>A &lt;b&gt;. <mark id="s-7">B happened.</mark> <a class="to-timeline" href="/t#e-1">timeline</a></p>\\n<p>C.</p>'
    >>> str(highlight_html("Police in Aleppo\\n\\nThey arrived.", [], {"Police in Aleppo": 2}))
    '<h2>Police in Aleppo</h2>\\n<p>They arrived.</p>'
    """
    ordered: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end)):
        if mark.end > mark.start and (not ordered or mark.start >= ordered[-1].end):
            ordered.append(mark)
    out: list[str] = []
    for para in re.finditer(r"[^\n](?:[^\n]|\n(?![ \t]*\n))*", text):
        p_start, p_end = para.start(), para.end()
        cursor = p_start
        parts: list[str] = []
        for mark in ordered:
            if mark.end <= p_start or mark.start >= p_end:
                continue
            s, e = max(mark.start, p_start), min(mark.end, p_end)
            parts.append(str(escape(text[cursor:s])))
            ident = f' id="s-{mark.start}"' if s == mark.start else ""
            parts.append(f"<mark{ident}>{escape(text[s:e])}</mark>")
            if e == mark.end:
                parts.extend(
                    f' <a class="to-timeline" href="{escape(href)}">{escape(label)}</a>' for href, label in mark.links
                )
            cursor = e
        parts.append(str(escape(text[cursor:p_end])))
        level = (headings or {}).get(" ".join(text[p_start:p_end].split()))
        tag = f"h{level}" if level else "p"
        out.append(f"<{tag}>{''.join(parts).strip()}</{tag}>")
    return Markup("\n".join(out))


# -- links and labels for templates ------------------------------------------------------


class Links:
    """Every address and label the templates need, from one place.

    Available in all templates as ``tl``; addresses are relative to the
    site root, so templates write ``{{ SITEURL }}/{{ tl.bulletin_url(date) }}``.
    """

    def __init__(self, settings: Mapping[str, Any], site: SiteData, bulletin_dates: Iterable[str] = ()) -> None:
        self.settings = page_settings(settings)
        self.metrics = plugin_settings.get(settings, "TIMELINE_METRICS")
        self.types = plugin_settings.get(settings, "TIMELINE_EVENT_TYPES")
        self.key_metrics: list[str] = list(settings.get("TIMELINE_KEY_METRICS") or plugin_settings.default("TIMELINE_KEY_METRICS"))
        # Site data is looked up through maps that note each key a page reads (pagecache.Reads),
        # so a page's fingerprint covers exactly the articles, events and days it showed.
        self.reads = pagecache.Reads()
        self.articles: pagecache.RecordedMap = pagecache.RecordedMap("article", {a.slug: a for a in site.articles}, self.reads)
        self.events: pagecache.RecordedMap = pagecache.RecordedMap("event", {e.id: e for e in site.events}, self.reads)
        self.bulletin_dates = pagecache.RecordedMap("bulletin", dict.fromkeys(bulletin_dates, True), self.reads)
        self._labels: dict[tuple[str, str], str] = {}
        self._event_html: dict[tuple[str, bool], tuple[Event, str, bool, frozenset[tuple[str, str]]]] = {}
        self._memo: dict[tuple[Any, ...], tuple[Any, str, frozenset[tuple[str, str]]]] = {}
        self.articles_index = self._articles_index(settings)

    def _articles_index(self, settings: Mapping[str, Any]) -> str | None:
        """Where Pelican's list of articles lives, unless our home page replaced it."""
        if settings.get("INDEX_URL"):
            return str(settings["INDEX_URL"])
        save_as = str(settings.get("INDEX_SAVE_AS", "index.html"))
        if not save_as or save_as == self.settings["TIMELINE_HOME_SAVE_AS"]:
            return None
        return save_as[: -len("index.html")] if save_as.endswith("/index.html") else save_as

    def setting(self, name: str) -> Any:
        return self.settings.get(name)

    def _fmt(self, name: str, **values: str) -> str:
        return self.settings[name].format(**values)

    def bulletin_url(self, date: str) -> str:
        return self._fmt("TIMELINE_BULLETIN_URL", date=date)

    def bulletin_save_as(self, date: str) -> str:
        return self._fmt("TIMELINE_BULLETIN_SAVE_AS", date=date)

    def has_bulletin(self, date: str) -> bool:
        return date in self.bulletin_dates

    def period_url(self, key: str) -> str:
        return self._fmt("TIMELINE_PERIOD_URL", period=key)

    def period_save_as(self, key: str) -> str:
        return self._fmt("TIMELINE_PERIOD_SAVE_AS", period=key)

    def event_url(self, event: Event) -> str:
        """The event's entry on its timeline page."""
        return f"{self.period_url(period_key(event.date))}#e-{event.id}"

    def _named(self, kind: str, suffix: str, name: str, year: str | None) -> str:
        """Address of a place or type page (``kind`` PLACE/TYPE), or of one year of it."""
        if year:
            return self._fmt(f"TIMELINE_{kind}_YEAR_{suffix}", slug=slug(name), year=year)
        return self._fmt(f"TIMELINE_{kind}_{suffix}", slug=slug(name))

    def place_url(self, name: str, year: str | None = None) -> str:
        return self._named("PLACE", "URL", name, year)

    def place_save_as(self, name: str, year: str | None = None) -> str:
        return self._named("PLACE", "SAVE_AS", name, year)

    def bulletins_year_url(self, year: str | None) -> str:
        return self._fmt("TIMELINE_BULLETINS_YEAR_URL", year=year) if year else self.settings["TIMELINE_BULLETINS_INDEX_URL"]

    def bulletins_year_save_as(self, year: str) -> str:
        return self._fmt("TIMELINE_BULLETINS_YEAR_SAVE_AS", year=year)

    def place_year_url_for(self, name: str) -> Callable[[str | None], str]:
        """``year → address`` of a place's pages (None: its overview), for templates."""
        return lambda year: self.place_url(name, year)

    def type_year_url_for(self, name: str) -> Callable[[str | None], str]:
        return lambda year: self.type_url(name, year)

    def place_feed(self, name: str, kind: str = "atom") -> str:
        """A place's feed address (``kind`` atom or rss); empty when that feed is switched off."""
        pattern = self.settings.get("TIMELINE_PLACE_FEED_RSS" if kind == "rss" else "TIMELINE_PLACE_FEED_ATOM")
        return pattern.format(slug=slug(name)) if pattern else ""

    def data_files(self) -> tuple[tuple[str, str], ...]:
        return DATA_FILES if self.settings.get("TIMELINE_EXPORT_PATH") else ()

    def data_url(self, name: str) -> str:
        return f"{self.settings['TIMELINE_EXPORT_PATH']}/{name}"

    def type_url(self, name: str, year: str | None = None) -> str:
        return self._named("TYPE", "URL", name, year)

    def type_save_as(self, name: str, year: str | None = None) -> str:
        return self._named("TYPE", "SAVE_AS", name, year)

    def article(self, article_slug: str) -> Article | None:
        return self.articles.get(article_slug)

    def article_url(self, article_slug: str) -> str:
        article = self.articles.get(article_slug)
        return (article.url or "") if article else ""

    def sentence_url(self, article_slug: str, start: int) -> str:
        """Provenance link: the highlighted sentence on our copy of the article."""
        return f"{self.article_url(article_slug)}#s-{start}"

    def event_html(self, render: Callable[..., str], event: Event, hl: int, show_date: bool, siteurl: str) -> Markup:
        """``render(event, hl, show_date, siteurl)``, rendered once per event and reused.

        An event is shown on its bulletin, its timeline page, the pages of
        every place it names and its type page, at different heading levels
        and page depths (``siteurl`` is ``../..`` or ``../../..`` with
        relative URLs). Its HTML depends on nothing else (addresses come from
        this object, fixed for the build), so it is rendered once with
        placeholders for those two and they are filled in per page. The
        cached event is kept and compared, so two different events sharing
        an id never share HTML.
        """
        key = (event.id, bool(show_date))
        cached = self._event_html.get(key)
        if cached is None or not (cached[0] is event or cached[0] == event):
            if "\\x00" in repr(event):  # text with NULs could hold a placeholder
                return Markup(render(event, hl, show_date, siteurl))
            with self.reads.recording() as keys:
                html = render(event, _HL_SLOT, show_date, _ROOT_SLOT)
            cached = (event, str(html), isinstance(html, Markup), frozenset(keys))
            self._event_html[key] = cached
        else:
            self.reads.replay(cached[3])  # the pages reusing it read what its rendering read
        _, template, escaped, _ = cached
        root = str(escape(siteurl)) if escaped else str(siteurl)
        return Markup(template.replace(_HL_SLOT, str(hl)).replace(_ROOT_SLOT, root))

    def memo(self, key: tuple[Any, ...], owner: Any, compute: Callable[[], str]) -> str:
        """``compute()`` once per ``key`` and ``owner`` (compared, so equal keys of different objects never mix)."""
        cached = self._memo.get(key)
        if cached is not None and (cached[0] is owner or cached[0] == owner):
            self.reads.replay(cached[2])
            return cached[1]
        with self.reads.recording() as keys:
            value = compute()
        self._memo[key] = (owner, value, frozenset(keys))
        return value

    def metric_label(self, metric: str) -> str:
        key = ("metric", metric)
        if key not in self._labels:  # called for every figure on every page
            self._labels[key] = _label_from_table(self.metrics, metric) or humanise(metric)
        return self._labels[key]

    def type_label(self, event_type: str) -> str:
        key = ("type", event_type)
        if key not in self._labels:
            self._labels[key] = _label_from_table(self.types, event_type) or humanise(event_type)
        return self._labels[key]

    def html_datetime(self, date: str) -> str:
        return html_datetime(date)

    def date_label(self, date: str, granularity: str = "day", mod: str | None = None) -> str:
        return date_label(date, granularity, mod)

    def tally_anchor(self, tally: Tally) -> str:
        return tally_anchor(tally)

    def slug(self, name: str) -> str:
        return slug(name)

    def provinces(self, event: Event) -> list[str]:
        return event_provinces(event)

    def day_line(self, bulletin: Bulletin) -> str:
        """The bulletin's one-line summary (``summary.day_line``), '' when it has no incident."""
        return self.memo(("day-line", bulletin.date), bulletin, lambda: summary.day_line(
            bulletin_incidents(bulletin), self.key_metrics, self.metric_label, self.type_label))

    def incident_title(self, incident: Incident) -> str:
        """One incident as a short title: its key figure, else what happened where."""
        return summary.incident_title(incident, self.key_metrics, self.metric_label, self.type_label)

    def place_names(self, event: Event) -> list[str]:
        return place_names(event)

    def figure_text(self, figure: Any) -> str:
        """"at least 6 killed (children)" — the figure as a short phrase.

        A total over several days says which: "613 killed (running total,
        31 Jul – 31 Aug 2016)", "250 killed (19–20 Dec 2011)".
        """
        value = f"{number(figure.value)}–{number(figure.value_max)}" if figure.value_max else number(figure.value)
        parts = [figure.qualifier, value, self.metric_label(figure.metric).lower()]
        text = " ".join(p for p in parts if p)
        if figure.subgroup:
            text += f" ({figure.subgroup})"
        span = figure_span(figure)
        if span != "day":
            days = span_label(getattr(figure, "period_start", None), getattr(figure, "period_end", None))
            if span == "cumulative":
                text += f" (running total{', ' + days if days else ''})"
            else:
                text += f" ({days or 'over several days'})"
        return text

    def number(self, value: int) -> str:
        return number(value)

    def day_before(self, date: str) -> str:
        return (dt.date.fromisoformat(date) - dt.timedelta(days=1)).isoformat()

    def event_sentence_url(self, event_id: str) -> str:
        """The highlighted sentence an event was read from (empty for an unknown id)."""
        event = self.events.get(event_id)
        return self.sentence_url(event.article, event.start) if event else ""

    def event_source(self, event_id: str) -> str:
        """Who published the report an event was read from, and when (a printed bulletin's marker
        says it, since a reader of paper cannot follow "[1]"): "Reuters, 2016-12-23"; "" if unknown."""
        event = self.events.get(event_id)
        article = self.articles.get(event.article) if event else None
        if article is None:
            return ""
        return f"{article.source or article.title}, {article.published.isoformat()}"

    def editorial(self, event_ids: Iterable[str]) -> str:
        """A key-figure claim's editor mark: ``edited`` when any event it comes from was
        corrected or added, ``checked`` when all were confirmed, else ``""``."""
        events = [self.events[i] for i in event_ids if i in self.events]
        if any(e.edited for e in events):
            return "edited"
        return "checked" if events and all(e.checked for e in events) else ""

    def headline(self, kf: KeyFigure) -> str:
        return headline(kf)

    def tally_when(self, tally: Tally) -> str:
        """A tally's day, or the days it covers when it counts more than one ("total over 12–13 Dec 2016")."""
        span = tally_span(tally)
        if span == "day":
            return tally.date
        days = span_label(getattr(tally, "period_start", None), getattr(tally, "period_end", None))
        return f"{'running total' if span == 'cumulative' else 'total'}{', ' + days if days else ' over several days'}"

    def source_label(self, attributed_to: str | None, own: Sequence[str] = ()) -> str:
        """Who said a figure: the reporter, "outlet's own reporting (<outlet>)" or "source not named"."""
        return source_label(attributed_to, own)

    def own_reporting(self, figure: Any, event: Event) -> tuple[str, ...]:
        """The outlet, when the figure is its own reporting (``model.own_reporting``)."""
        return own_reporting(figure, event)

    def total_span(self, total: ReportedTotal) -> str:
        return total_span_text(total)

    def total_text(self, total: ReportedTotal) -> str:
        """"613 killed (children), running total, 31 Jul – 31 Aug 2016"."""
        value = qualified(total.value, total.qualifier)
        if total.value_max:
            value += f"–{number(total.value_max)}"
        text = f"{value} {self.metric_label(total.metric).lower()}"
        if total.subgroup:
            text += f" ({total.subgroup})"
        return f"{text}, {total_span_text(total)}"

    def chart(self, points: Sequence[tuple[str, int | None]], title: str, chart_id: str, y_label: str = "") -> Markup:
        return Markup(charts.line_chart(points, title, chart_id=chart_id, y_label=y_label))

    def chart_table(self, points: Sequence[tuple[str, int | None]], caption: str, value_label: str) -> Markup:
        return Markup(charts.data_table(points, caption, value_label))


def article_marks(
    article: Article, events: Sequence[Event], tallies: Sequence[Tally], links: Links, siteurl: str = ""
) -> list[Mark]:
    """Marks for one article: its event sentences and the tally sentences it carried.

    ``siteurl`` prefixes every link (``../..`` with relative URLs): the
    marks are rendered once, before Pelican knows which page they land on.
    """
    prefix = f"{siteurl}/" if siteurl else ""
    by_start: dict[int, tuple[int, list[tuple[str, str]]]] = {}
    for event in sorted(events, key=lambda e: (e.start, e.id)):
        end, hrefs = by_start.setdefault(event.start, (event.end, []))
        hrefs.append((prefix + links.event_url(event), f"timeline: {links.type_label(event.type).lower()}, {event.date}"))
    for tally in tallies:
        for source_slug, start in tally.sources or ((tally.article, tally.start),):
            if source_slug != article.slug:
                continue
            end = tally.end if start == tally.start else start + len(tally.sentence)
            _, hrefs = by_start.setdefault(start, (end, []))
            hrefs.append((f"{prefix}{links.bulletin_url(tally.date)}#{tally_anchor(tally)}", f"bulletin table, {tally.date}"))
    return [Mark(start, end, tuple(hrefs)) for start, (end, hrefs) in sorted(by_start.items())]


# -- the generator -----------------------------------------------------------------------


class TimelineGenerator(Generator):
    """Extracts events from Pelican's articles and writes the timeline pages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Article text comes from the web: escape by default in our templates;
        # trusted HTML (charts, highlighted text) is passed in as Markup.
        self.env.autoescape = True
        self.site: SiteData = SiteData()
        self.links: Links | None = None
        self._headlines: dict[str, dict[str, int]] = {}
        self.page_cache: pagecache.PageCache | None = None
        self._page_context: dict[str, Any] = {}

    #: What turns Pelican's articles into the site's data; None means
    #: ``pipeline.build_site_data``. Tests set a hand-written one here.
    site_builder: ClassVar[Callable[..., SiteData] | None] = None

    def generate_context(self) -> None:
        from generator import pipeline  # imported late: pipeline loads every extraction module

        articles = self.context.get("articles", [])
        read_problems = self.context.get(intake.READ_PROBLEMS, [])
        build = self.site_builder or pipeline.build_site_data
        self.site = build(articles, self.settings, problems=read_problems)
        self.links = Links(self.settings, self.site, (b.date for b in self.site.bulletins))
        self._headlines = headline_values(self.site.bulletins)
        self.context["timeline"] = self.site
        self.context["tl"] = self.links
        self.context["timeline_latest_bulletin"] = self.site.bulletins[-1] if self.site.bulletins else None
        self._attach_article_html(articles)

    def _attach_article_html(self, articles: Iterable[Any]) -> None:
        """Give each Pelican article its highlighted text for article.html."""
        assert self.links is not None
        tallies_by_article: dict[str, list[Tally]] = defaultdict(list)
        for tally in self.site.tallies:
            for source_slug, _ in tally.sources or ((tally.article, tally.start),):
                if tally not in tallies_by_article[source_slug]:
                    tallies_by_article[source_slug].append(tally)
        for pelican_article in articles:
            text: Article | None = getattr(pelican_article, "timeline_text", None)
            if text is None:
                continue
            events = getattr(pelican_article, "timeline_events", [])
            if self.settings.get("RELATIVE_URLS"):
                siteurl = path_to_url(get_relative_path(pelican_article.save_as))
            else:
                siteurl = self.settings.get("SITEURL", "")
            marks = article_marks(text, events, tallies_by_article.get(text.slug, []), self.links, siteurl)
            headings = document_headings(str(getattr(pelican_article, "content", "") or ""))
            pelican_article.timeline_html = highlight_html(text.text, marks, headings)
            pelican_article.timeline_event_count = len(events)

    # -- output ---------------------------------------------------------------------

    def _write(
        self, writer: Any, save_as: str, template: str, page_url: str, override: bool = False,
        fingerprint: bool = False, **kwargs: Any,
    ) -> None:
        """Render and write one page; a ``fingerprint`` page only when its inputs changed (``pagecache``)."""
        def write(context: Mapping[str, Any]) -> None:
            writer.write_file(
                save_as,
                self.get_template(template),
                context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                override_output=override,
                page_url=page_url,
                **kwargs,
            )

        if not fingerprint or self.page_cache is None or self.links is None:
            write(self.context)
            return
        base = self.page_cache.base(template, save_as, page_url, kwargs)
        if self.page_cache.fresh(save_as, base):
            output.written(os.path.join(self.output_path, save_as))  # kept: not stale
            return
        with self.links.reads.recording() as keys:
            write(self._page_context)
        self.page_cache.written(save_as, base, keys)

    def _start_page_cache(self) -> pagecache.PageCache:
        """The fingerprints of the last build's pages; none to use when a setting has no stable encoding."""
        assert self.links is not None
        links = self.links
        self._page_context = pagecache.restricted_context(self.context)
        try:
            code = sorted(Path(__file__).resolve().parent.rglob("*.py"))
            shared: str | None = pagecache.shared_digest(self.env, self.context, self.context.get("pages", []), code)
        except pagecache.Unstable as err:
            logger.info("pages: every page is rendered this build (%s)", err)
            shared = None
        maps = {"article": links.articles, "event": links.events, "bulletin": links.bulletin_dates}
        path = pagecache.records_path(self.output_path, self.settings.get("CACHE_PATH") or "cache")
        return pagecache.PageCache(path, self.output_path, shared, lambda kind, key: maps[kind].current(key))

    def generate_output(self, writer: Any) -> None:
        assert self.links is not None
        links, site, s = self.links, self.site, self.links.settings
        all_periods = periods(site.events)
        by_year = years_index(all_periods)
        bulletins = site.bulletins
        key_metrics = list(s["TIMELINE_KEY_METRICS"])
        self.page_cache = self._start_page_cache()

        # Home: Pelican's index.html is written first (ArticlesGenerator runs
        # before plugin generators); ours replaces it if both use index.html.
        recent = list(reversed(bulletins[-int(s["TIMELINE_HOME_BULLETINS"]):])) if bulletins else []
        latest = bulletins[-1] if bulletins else None
        self._write(
            writer, s["TIMELINE_HOME_SAVE_AS"], "home", "", override=True,
            bulletin=latest, recent_bulletins=recent, periods_by_year=by_year,
            charts=self._bulletin_charts(latest, key_metrics) if latest else [],
        )

        articles = {a.slug: a for a in site.articles}
        for b in bulletins:
            day_incidents = self._incidents_by_day[b.date]
            reports = bulletin_reports(b)
            self._write(
                writer, links.bulletin_save_as(b.date), "bulletin", links.bulletin_url(b.date), fingerprint=True,
                bulletin=b, incidents=day_incidents, incident_places=incidents.by_province(day_incidents, UNLOCATED),
                incident_entries=incident_entries(day_incidents, b.events),
                report_count=len(reports), outlets=outlets(reports, articles),
                charts=self._bulletin_charts(b, key_metrics),
                incident_map=self._incident_map(day_incidents, f"Incidents of {b.date} on the map", "incident-map"),
            )
        self._write_bulletin_index(writer, bulletins)

        places = self._places()
        types = sorted({e.type for e in site.events})
        self._write(
            writer, s["TIMELINE_SAVE_AS"], "timeline", s["TIMELINE_URL"],
            periods_by_year=by_year, latest_period=all_periods[0] if all_periods else None,
            place_names=sorted(places, key=str.lower), type_names=types,
        )
        for i, period in enumerate(all_periods):
            self._write(
                writer, links.period_save_as(period.key), "timeline_month", links.period_url(period.key), fingerprint=True,
                period=period,
                newer=all_periods[i - 1] if i > 0 else None,
                older=all_periods[i + 1] if i + 1 < len(all_periods) else None,
                place_names=sorted(places, key=str.lower), type_names=types,
            )

        for name in sorted(places, key=str.lower):
            self._write_split_by_year(
                writer, "place", places[name], self._place_tallies(name),
                lambda year, n=name: links.place_save_as(n, year), lambda year, n=name: links.place_url(n, year),
                place=name, place_charts=self._place_charts(name, self._listed_since(places[name], self._place_tallies(name))),
                place_totals=self._place_totals(name), place_map=self._place_map(name),
            )
        self._write(
            writer, s["TIMELINE_PLACES_INDEX_SAVE_AS"], "places", s["TIMELINE_PLACES_INDEX_URL"],
            places=[(n, len(places[n])) for n in sorted(places, key=str.lower)],
        )
        for t in types:
            self._write_split_by_year(
                writer, "type", [e for e in site.events if e.type == t], [],
                lambda year, t=t: links.type_save_as(t, year), lambda year, t=t: links.type_url(t, year),
                event_type=t,
            )
        self._write(
            writer, s["TIMELINE_TYPES_INDEX_SAVE_AS"], "types", s["TIMELINE_TYPES_INDEX_URL"],
            types=[(t, sum(1 for e in site.events if e.type == t)) for t in types],
        )

        if s["TIMELINE_BUILD_REPORT_PUBLIC"] and s["TIMELINE_BUILD_REPORT_SAVE_AS"]:
            self._write(
                writer, s["TIMELINE_BUILD_REPORT_SAVE_AS"], "report", s["TIMELINE_BUILD_REPORT_URL"],
                **build_report(site),
            )

        from generator.feeds import write_feeds  # imported late: feeds imports this module

        write_feeds(writer, site, self.context, self.settings)
        exports.write_exports(self.output_path, site, self.settings)
        self.page_cache.save()
        logger.info("pages: %d rendered, %d unchanged and kept", self.page_cache.rendered, self.page_cache.skipped)

    def _write_bulletin_index(self, writer: Any, bulletins: Sequence[Bulletin]) -> None:
        """``bulletins/``: by month; over several years the latest year, one page per year."""
        assert self.links is not None
        s = self.links.settings
        by_year: dict[str, list[Bulletin]] = defaultdict(list)
        for b in bulletins:
            by_year[b.date[:4]].append(b)
        years = sorted(by_year, reverse=True)
        year_counts = [(y, len(by_year[y])) for y in years] if len(years) > 1 else []

        def months(items: Sequence[Bulletin]) -> list[tuple[str, list[Bulletin]]]:
            grouped: dict[str, list[Bulletin]] = defaultdict(list)
            for b in items:
                grouped[b.date[:7]].append(b)
            return [(period_label(m), list(reversed(grouped[m]))) for m in sorted(grouped, reverse=True)]

        shown = years[0] if year_counts else None
        self._write(
            writer, s["TIMELINE_BULLETINS_INDEX_SAVE_AS"], "bulletins", s["TIMELINE_BULLETINS_INDEX_URL"],
            bulletin_months=months(by_year[shown] if shown else bulletins), year=None, shown_year=shown,
            years=year_counts, bulletin_count=len(bulletins),
        )
        for year in years if year_counts else []:
            self._write(
                writer, self.links.bulletins_year_save_as(year), "bulletins", self.links.bulletins_year_url(year),
                bulletin_months=months(by_year[year]), year=year, shown_year=year,
                years=year_counts, bulletin_count=len(bulletins),
            )

    @staticmethod
    def _listed_since(events: Sequence[Event], tallies: Sequence[Tally]) -> str | None:
        """The first day of the tallies a place page's overview lists (its latest year's, when split by year)."""
        years = sorted(set(split_by_year(events)) | {t.date[:4] for t in tallies}, reverse=True)
        shown = years[0] if len(years) > 1 else None
        listed = [t.date for t in tallies if len(t.date) == 10 and (not shown or t.date.startswith(shown))]
        return min(listed) if listed else None

    def _write_split_by_year(
        self, writer: Any, template: str, events: Sequence[Event], tallies: Sequence[Tally],
        save_as: Callable[[str | None], str], url: Callable[[str | None], str], **kwargs: Any,
    ) -> None:
        """A place or type page; over several years, one page per year plus an overview.

        The overview (``year=None``) shows the latest year and links the
        others, so a ten-year archive never makes one page of every event.
        """
        by_year = split_by_year(events)
        years = sorted(set(by_year) | {t.date[:4] for t in tallies}, reverse=True)
        year_counts = [(y, len(by_year.get(y, []))) for y in years]
        split = len(years) > 1
        shown = years[0] if split else None

        def page(year: str | None, shown_year: str | None, **extra: Any) -> dict[str, Any]:
            evs = by_year.get(shown_year, []) if shown_year else list(events)
            return dict(
                year=year, shown_year=shown_year, years=year_counts if split else [],
                page_periods=periods(evs), event_count=len(events), shown_count=len(evs),
                page_tallies=[t for t in tallies if not shown_year or t.date.startswith(shown_year)],
                **kwargs, **extra,
            )

        self._write(writer, save_as(None), template, url(None), fingerprint=True, **page(None, shown))
        if split:
            for year in years:
                self._write(writer, save_as(year), template, url(year), fingerprint=True, **page(year, year))

    # -- page data -------------------------------------------------------------------------

    def _places(self) -> dict[str, list[Event]]:
        """Province → its events (every province an event names), plus provinces only tallied."""
        places: dict[str, list[Event]] = defaultdict(list)
        for event in self.site.events:
            for province in event_provinces(event):
                places[province].append(event)
        for tally in self.site.tallies:
            for province in tally.by_place:
                places.setdefault(province, [])
        return dict(places)

    def _bulletin_charts(self, bulletin: Bulletin, metrics: Sequence[str]) -> list[dict[str, Any]]:
        assert self.links is not None
        days = int(self.links.settings["TIMELINE_CHART_DAYS"])
        out = []
        for metric in metrics:
            points = key_metric_series(self.site.bulletins, metric, bulletin.date, days, self._headlines)
            if all(v is None for _, v in points):
                continue
            label = self.links.metric_label(metric)
            title = f"{label}: daily headline figure, {days} days to {bulletin.date}"
            out.append({
                "metric": metric,
                "caption": f"{label}, last {days} days",
                "svg": self.links.chart(points, title, f"chart-{slug(metric)}", label),
                "table": self.links.chart_table(points, title, label),
            })
        return out

    @functools.cached_property
    def _map_data(self) -> tuple[Any, list[list[list[float]]]]:
        """The site's gazetteer and its countries' outline, read once per build."""
        from generator import places

        s = self.settings
        aliases = {**places.DEFAULT_ALIASES, **(s.get("TIMELINE_PLACE_ALIASES") or {})}
        countries = tuple(s.get("TIMELINE_COUNTRIES") or plugin_settings.default("TIMELINE_COUNTRIES"))
        gazetteer = places.Gazetteer.for_countries(
            countries, aliases, areas=s.get("TIMELINE_PLACE_AREAS") or None, files=s.get("TIMELINE_GAZETTEER_FILES") or None
        )
        return gazetteer, places.country_outline(countries)

    def _incident_map(
        self, day_incidents: Sequence[Incident], title: str, map_id: str,
        href: Callable[[Incident], str] = lambda inc: f"#i-{inc.id}",
        text: Callable[[Incident], str] | None = None, province: str | None = None,
    ) -> dict[str, Markup] | None:
        """The incidents as points on the country (``maps``) and the same points as a list; None without either.

        ``href`` links a circle to its incident's entry, ``text`` says what
        happened (the incident's feed title), ``province`` keeps only the
        points drawn in that province.
        """
        assert self.links is not None
        gazetteer, outline = self._map_data
        say = text or self.links.incident_title
        points: list[maps.MapPoint] = []
        unmapped = 0
        for inc in day_incidents:
            found = maps.incident_points(inc, gazetteer.lookup, gazetteer.point, say(inc), href(inc))
            if province is not None:
                found = [p for p in found if p.label == province or p.label.endswith(f", {province}")]
            points.extend(found)
            unmapped += not found and province is None
        if not points:
            return None
        return {"svg": Markup(maps.incident_map(outline, points, title, map_id)), "list": Markup(maps.point_list(points, unmapped))}

    def _place_tallies(self, place: str) -> list[Tally]:
        return sorted(
            (t for t in self.site.tallies if place in t.by_place),
            key=lambda t: (t.date, t.metric, t.article, t.start),
            reverse=True,
        )

    def _place_totals(self, place: str) -> list[tuple[str, ReportedTotal]]:
        """(day reported, total) for every period or running total whose report names the province, newest first."""
        assert self.links is not None
        found = []
        for bulletin in self.site.bulletins:
            for total in bulletin.totals:
                events = [self.links.events[i] for i in total.event_ids if i in self.links.events]
                if any(place in event_provinces(e) for e in events):
                    found.append((bulletin.date, total))
        return list(reversed(found))

    @functools.cached_property
    def _incidents_by_day(self) -> dict[str, list[Incident]]:
        return {b.date: bulletin_incidents(b) for b in self.site.bulletins}

    def _place_map(self, place: str) -> dict[str, Markup] | None:
        """The province's incidents of its last ``TIMELINE_PLACE_CHART_DAYS`` days with any, on the map.

        Each circle links to the incident on its bulletin (addresses from the
        place's overview page, the only page that shows the map).
        """
        assert self.links is not None
        links = self.links
        days = [d for d, incs in self._incidents_by_day.items() if len(d) == 10 and any(place in i.provinces for i in incs)]
        if not days:
            return None
        window = set(days_ending(max(days), int(links.settings["TIMELINE_PLACE_CHART_DAYS"])))
        chosen = [i for d in sorted(set(days) & window, reverse=True) for i in self._incidents_by_day[d] if place in i.provinces]
        if self.settings.get("RELATIVE_URLS"):
            root = path_to_url(get_relative_path(links.place_save_as(place, None)))
        else:
            root = str(self.settings.get("SITEURL", ""))
        return self._incident_map(
            chosen, f"Incidents in {place}, {min(window & set(days))} to {max(days)}", "place-map",
            href=lambda inc: f"{root}/{links.bulletin_url(inc.date)}#i-{inc.id}",
            text=lambda inc: f"{inc.date}: {links.incident_title(inc)}", province=place,
        )

    @functools.cached_property
    def _place_figures(self) -> dict[tuple[str, str], dict[str, int]]:
        assert self.links is not None
        return place_day_figures(self.site.bulletins, self.links.key_metrics)

    def _place_charts(self, place: str, since: str | None = None) -> list[dict[str, Any]]:
        """The place's daily figures (key metrics, from reports), then its tallies, by day.

        Each chart reaches back to ``since``, the first day of the tallies the
        page lists under it.
        """
        assert self.links is not None
        days = int(self.links.settings["TIMELINE_PLACE_CHART_DAYS"])
        out = []
        series = [
            (metric, "reported", self._place_figures.get((place, metric), {})) for metric in self.links.key_metrics
        ] + [
            (metric, "tallied", place_tally_days(self.site.tallies, place, metric))
            for metric in sorted({t.metric for t in self.site.tallies if place in t.by_place})
        ]
        # one window for all the place's charts, so their dates line up
        window = window_days({d for _, _, per_day in series for d in per_day}, days, since)
        for metric, kind, per_day in series:
            points: list[tuple[str, int | None]] = [(d, per_day.get(d)) for d in window]
            if all(v is None for _, v in points):
                continue
            label = self.links.metric_label(metric)
            where = "from reports of incidents there" if kind == "reported" else "from bulletin tallies"
            title = f"{label} in {place}, by day ({where})"
            out.append({
                "metric": metric,
                "caption": f"{label} in {place}, by day, {points[0][0]} to {points[-1][0]} ({where})",
                "svg": self.links.chart(points, title, f"chart-{slug(metric)}" if kind == "tallied" else f"chart-reported-{slug(metric)}", label),
                "table": self.links.chart_table(points, title, label),
            })
        return out


def build_report(site: SiteData) -> dict[str, Any]:
    """What the build report shows: articles read, errors, warnings, totals that differ."""
    events_per_article: dict[str, int] = defaultdict(int)
    for event in site.events:
        events_per_article[event.article] += 1
    mismatched = [
        t for t in site.tallies if t.stated_total is not None and t.stated_total != sum(t.by_place.values())
    ]
    return {
        "report_articles": sorted(site.articles, key=lambda a: a.path),
        "events_per_article": dict(events_per_article),
        "report_errors": [p for p in site.problems if p.severity == "error" and p.stage != "corrections"],
        "report_warnings": [p for p in site.problems if p.severity != "error" and p.stage != "corrections"],
        "report_mismatched": sorted(mismatched, key=lambda t: (t.date, t.metric, t.article, t.start)),
        "report_corrections": list(site.corrections),
        "report_corrections_refused": [p for p in site.problems if p.stage == "corrections"],
        "report_review": list(site.review),
    }


def get_generators(pelican_object: Any) -> type:
    """``signals.get_generators`` handler: add our generator to Pelican's."""
    return TimelineGenerator
