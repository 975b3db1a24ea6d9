"""``tl`` in templates: every address and label a page needs, from one object.

Addresses come from ``urls.Addresses``; labels, provenance and the
memoised HTML of events are here. Site data is read through maps that note
each key a page looks up (``pagecache``), so a page's fingerprint covers
what it showed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from generator import charts, pagecache, summary
from generator import settings as plugin_settings
from generator.aggregate import figure_span, tally_span
from generator.model import (
    OTHER_PLACES,
    Article,
    Bulletin,
    Event,
    Incident,
    ReportedTotal,
    SiteData,
    Tally,
    own_reporting,
    source_label,
)
from generator.urls import Addresses, slug, tally_anchor
from generator.views import (
    bulletin_incidents,
    date_label,
    event_provinces,
    headline,
    html_datetime,
    humanise,
    label_from_table,
    number,
    place_names,
    qualified,
    span_label,
    total_span_text,
)

# Placeholders for the heading level and SITEURL in cached event HTML
# (Links.event_html); NUL never occurs in escaped article text.
_HL_SLOT = "\x00tl-hl\x00"

_ROOT_SLOT = "\x00tl-root\x00"


class Links(Addresses):
    """Every address and label the templates need, from one place.
    
    Available in all templates as ``tl``; addresses are relative to the
    site root, so templates write ``{{ SITEURL }}/{{ tl.bulletin_url(date) }}``.
    """

    other_places = OTHER_PLACES  # a tally's row for the places it does not name: no place page

    def __init__(self, settings: Mapping[str, Any], site: SiteData, bulletin_dates: Iterable[str] = ()) -> None:
        super().__init__(settings)
        self.metrics = plugin_settings.get(settings, "TIMELINE_METRICS")
        self.types = plugin_settings.get(settings, "TIMELINE_EVENT_TYPES")
        # An empty list is a choice (no key-figures box, no place charts), not a missing setting.
        self.key_metrics: list[str] = list(plugin_settings.get(settings, "TIMELINE_KEY_METRICS"))
        # Site data is looked up through maps that note each key a page reads (pagecache.Reads),
        # so a page's fingerprint covers exactly the articles, events and days it showed.
        self.reads = pagecache.Reads()
        self.articles: pagecache.RecordedMap = pagecache.RecordedMap("article", {a.slug: a for a in site.articles}, self.reads)
        self.events: pagecache.RecordedMap = pagecache.RecordedMap("event", {e.id: e for e in site.events}, self.reads)
        self.bulletin_dates = pagecache.RecordedMap("bulletin", dict.fromkeys(bulletin_dates, True), self.reads)
        self._labels: dict[tuple[str, str], str] = {}
        self._event_html: dict[tuple[str, bool], tuple[Event, str, bool, frozenset[tuple[str, str]]]] = {}
        self._memo: dict[tuple[Any, ...], tuple[Any, str, frozenset[tuple[str, str]]]] = {}

    # View helpers (generator/views.py, urls.py, model.py) templates call as tl.<name>: the functions themselves.
    html_datetime = staticmethod(html_datetime)
    date_label = staticmethod(date_label)
    tally_anchor = staticmethod(tally_anchor)
    slug = staticmethod(slug)
    provinces = staticmethod(event_provinces)
    place_names = staticmethod(place_names)
    number = staticmethod(number)
    headline = staticmethod(headline)
    source_label = staticmethod(source_label)
    own_reporting = staticmethod(own_reporting)
    total_span = staticmethod(total_span_text)

    def has_bulletin(self, date: str) -> bool:
        return date in self.bulletin_dates

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
            self._labels[key] = label_from_table(self.metrics, metric) or humanise(metric)
        return self._labels[key]

    def type_label(self, event_type: str) -> str:
        key = ("type", event_type)
        if key not in self._labels:
            self._labels[key] = label_from_table(self.types, event_type) or humanise(event_type)
        return self._labels[key]

    def day_line(self, bulletin: Bulletin) -> str:
        """The bulletin's one-line summary (``summary.day_line``), '' when it has no incident."""
        return self.memo(("day-line", bulletin.date), bulletin, lambda: summary.day_line(
            bulletin_incidents(bulletin), self.key_metrics, self.metric_label, self.type_label))

    def incident_title(self, incident: Incident) -> str:
        """One incident as a short title: its key figure, else what happened where."""
        return summary.incident_title(incident, self.key_metrics, self.metric_label, self.type_label)

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

    def span_note(self, event: Event) -> str:
        """For an entry that tells of a span, not its day (``Event.span``, issue 9): which span.

        "Tells of the running total, 31 Jul – 31 Aug 2016, not of that day alone."; "" for a day.
        """
        span = getattr(event, "span", "day")
        if span == "day":
            return ""
        days = span_label(getattr(event, "period_start", None), getattr(event, "period_end", None))
        what = f"the running total{', ' + days if days else ''}" if span == "cumulative" else (f"the days {days}" if days else "several days")
        return f"Tells of {what}, not of that day alone."

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

    def tally_when(self, tally: Tally) -> str:
        """A tally's day, or the days it covers when it counts more than one ("total over 12–13 Dec 2016")."""
        span = tally_span(tally)
        if span == "day":
            return tally.date
        days = span_label(getattr(tally, "period_start", None), getattr(tally, "period_end", None))
        return f"{'running total' if span == 'cumulative' else 'total'}{', ' + days if days else ' over several days'}"

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
