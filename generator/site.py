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

The modules of the site: ``urls`` (every address), ``views`` (labels,
grouping, chart series: pure functions of ``SiteData``, tested without a
Pelican build), ``links`` (``tl`` in templates) and this one, the Generator.
"""

from __future__ import annotations

import functools
import logging
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from markupsafe import Markup
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from generator import exports, incidents, intake, maps, output, pagecache
from generator import settings as plugin_settings
from generator.links import Links
from generator.model import Article, Bulletin, Event, Incident, ReportedTotal, SiteData, Tally
from generator.urls import slug
from generator.views import (
    UNLOCATED,
    article_marks,
    bulletin_incidents,
    bulletin_reports,
    days_ending,
    document_headings,
    event_provinces,
    headline_values,
    highlight_html,
    incident_entries,
    key_metric_series,
    outlets,
    period_label,
    periods,
    place_day_figures,
    place_tally_days,
    split_by_year,
    window_days,
    years_index,
)

logger = logging.getLogger(__name__)


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
