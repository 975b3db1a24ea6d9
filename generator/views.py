"""View helpers: what the pages show, as pure functions of the site's data.

Labels (dates, numbers, spans), grouping (timeline periods and day groups,
a bulletin's incidents and reports), chart series and the highlighted text
of article pages. Nothing here knows an address (``urls``) or a template;
each can be tested without a Pelican build.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from generator import incidents
from generator.aggregate import tally_span
from generator.exports import PART_ORDER, part_of, week_days, week_text
from generator.model import Article, Bulletin, Event, Incident, KeyFigure, ReportedTotal, Tally
from generator.urls import period_key, tally_anchor

if TYPE_CHECKING:
    from generator.links import Links

# -- labels --------------------------------------------------------------------

UNLOCATED = "Place not stated"

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def humanise(name: str) -> str:
    """``ceasefire_violations`` → ``Ceasefire violations``."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def label_from_table(table: Any, name: str) -> str | None:
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


def period_label(key: str) -> str:
    """A timeline page's heading.

    >>> period_label("2016-12"), period_label("2011")
    ('December 2016', '2011')
    """
    if re.fullmatch(r"\d{4}-\d{2}", key):
        return f"{_MONTH_NAMES[int(key[5:7]) - 1]} {key[:4]}"
    return key


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
    (the list is the day's full breakdown); a tally that gives a total and
    lists no province says nothing of any one province; days without any
    tally are ``None``. If several sources tallied the same day, the highest is
    drawn (the table below the chart shows every source). Only one-day
    tallies are drawn, never a total over several days.
    """
    per_day: dict[str, int] = {}
    for t in tallies:
        if t.metric != metric or len(t.date) != 10 or tally_span(t) != "day" or not t.by_place:
            continue
        value = t.by_place.get(place, 0)
        per_day[t.date] = max(per_day.get(t.date, 0), value)
    return per_day


def place_day_figures(events: Sequence[Event], metrics: Sequence[str]) -> dict[tuple[str, str], dict[str, int]]:
    """(province, metric) → {day: the day's figure there}, from the reports of incidents in that province alone.

    The day's figure is the bulletin's own key-figure reading
    (``aggregate.key_figure``: one range per incident, conflicting sources
    never summed) over the events whose day figures count that day
    (``aggregate.counted_on``: "269 were killed on Tuesday alone" in a
    sentence dated Monday counts on Tuesday) and that name this province and
    no other, so a figure told for several provinces at once ("25 violations
    in 3 provinces") is given to none of them. Its ``high`` is drawn.
    """
    from generator.aggregate import counted_on, key_figure

    values: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for day, counted in counted_on(events).items():
        by_province: dict[str, list[Event]] = defaultdict(list)
        for event in counted:
            provinces = event_provinces(event)
            if len(provinces) == 1 and event.figures:
                by_province[provinces[0]].append(event)
        for province, todays in by_province.items():
            for metric in metrics:
                kf = key_figure(metric, todays, ())
                if kf is not None:
                    values[province, metric][day] = kf.high
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
        # a week or weekend reads as its days, never as its ISO code ("2011-W28-WE")
        when = week_text(event.date) or event.date
        hrefs.append((prefix + links.event_url(event), f"timeline: {links.type_label(event.type).lower()}, {when}"))
    for tally in tallies:
        for source_slug, start in tally.sources or ((tally.article, tally.start),):
            if source_slug != article.slug:
                continue
            end = tally.end if start == tally.start else start + len(tally.sentence)
            _, hrefs = by_start.setdefault(start, (end, []))
            hrefs.append((f"{prefix}{links.bulletin_url(tally.date)}#{tally_anchor(tally)}", f"bulletin table, {tally.date}"))
    return [Mark(start, end, tuple(hrefs)) for start, (end, hrefs) in sorted(by_start.items())]
