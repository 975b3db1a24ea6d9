"""The site's pages: one table of page kinds, each with its address, view model and template.

Every page the plugin writes is one entry of ``PAGES``:

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

An entry names the settings of its address (``<address>_URL`` and
``<address>_SAVE_AS``, defaults in ``generator/settings.py``), its template,
and its view model: a method of ``SiteView`` that yields one ``Page`` per
page, the values of the address's ``{fields}`` and everything the template
shows, computed here so that templates only display. A new page is a new
entry, a setting pair, a method and a template.

Place and type pages covering more than one year are split: the overview
shows the latest year and links one page per year.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from pelican.utils import get_relative_path, path_to_url

from generator import incidents, maps
from generator import settings as plugin_settings
from generator.links import Links
from generator.model import OTHER_PLACES, Bulletin, Event, Incident, ReportedTotal, SiteData, Tally
from generator.urls import slug
from generator.views import (
    UNLOCATED,
    bulletin_incidents,
    bulletin_reports,
    days_ending,
    event_provinces,
    headline_values,
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


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a kind: the ``{fields}`` of its address and its template's values."""

    fields: Mapping[str, str]
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PageKind:
    """A kind of page: what it is, where it goes, what builds its view and what displays it."""

    name: str
    address: str  # settings <address>_URL (none for the home page: "") and <address>_SAVE_AS
    template: str
    view: Callable[[SiteView], Iterator[Page]]
    # Rendered only when its inputs changed (``pagecache``); site-wide pages always render.
    fingerprint: bool = True
    # Replaces a file Pelican wrote to the same address (the home page, over Pelican's index.html).
    override: bool = False


class SiteView:
    """The view models of every page, from the site's data (one per build).

    ``settings`` are Pelican's (for SITEURL, RELATIVE_URLS and the map's
    gazetteer), ``links`` the ``tl`` the templates get.
    """

    def __init__(self, site: SiteData, links: Links, settings: Mapping[str, Any]) -> None:
        self.site, self.links, self.settings = site, links, settings
        self.s = links.settings  # addresses and view settings, with their defaults
        self.all_periods = periods(site.events)
        self.by_year = years_index(self.all_periods)
        self.places = self._places()
        self.place_order = sorted(self.places, key=str.lower)
        self.types = sorted({e.type for e in site.events})
        self._headlines = headline_values(site.bulletins)

    # -- one method per page kind (PAGES) ---------------------------------------------------

    def home(self) -> Iterator[Page]:
        """The latest bulletin and the recent ones. Pelican's index.html is written first
        (ArticlesGenerator runs before plugin generators); ours replaces it if both use index.html."""
        bulletins = self.site.bulletins
        shown = int(self.s["TIMELINE_HOME_BULLETINS"])
        # bulletins[-0:] is every bulletin: 0 must list none.
        recent = list(reversed(bulletins[len(bulletins) - shown:])) if shown else []
        latest = bulletins[-1] if bulletins else None
        yield Page({}, dict(
            bulletin=latest, recent_bulletins=recent, periods_by_year=self.by_year,
            charts=self._bulletin_charts(latest) if latest else [],
        ))

    def bulletins(self) -> Iterator[Page]:
        articles = {a.slug: a for a in self.site.articles}
        for b in self.site.bulletins:
            day_incidents = self._incidents_by_day[b.date]
            reports = bulletin_reports(b)
            yield Page({"date": b.date}, dict(
                bulletin=b, incidents=day_incidents, incident_places=incidents.by_province(day_incidents, UNLOCATED),
                incident_entries=incident_entries(day_incidents, b.events),
                report_count=len(reports), outlets=outlets(reports, articles),
                charts=self._bulletin_charts(b),
                incident_map=self._incident_map(day_incidents, f"Incidents of {b.date} on the map", "incident-map"),
            ))

    def bulletin_index(self) -> Iterator[Page]:
        """``bulletins/``: by month; over several years the latest year (``bulletin_years``: one page per year)."""
        by_year, year_counts = self._bulletins_by_year
        shown = year_counts[0][0] if year_counts else None
        yield Page({}, dict(
            bulletin_months=self._bulletin_months(by_year[shown] if shown else self.site.bulletins),
            year=None, shown_year=shown, years=year_counts, bulletin_count=len(self.site.bulletins),
        ))

    def bulletin_years(self) -> Iterator[Page]:
        by_year, year_counts = self._bulletins_by_year
        for year, _ in year_counts:
            yield Page({"year": year}, dict(
                bulletin_months=self._bulletin_months(by_year[year]), year=year, shown_year=year,
                years=year_counts, bulletin_count=len(self.site.bulletins),
            ))

    def timeline_index(self) -> Iterator[Page]:
        yield Page({}, dict(
            periods_by_year=self.by_year, latest_period=self.all_periods[0] if self.all_periods else None,
            place_names=self.place_order, type_names=self.types,
        ))

    def timeline_periods(self) -> Iterator[Page]:
        all_periods = self.all_periods
        for i, period in enumerate(all_periods):
            yield Page({"period": period.key}, dict(
                period=period,
                newer=all_periods[i - 1] if i > 0 else None,
                older=all_periods[i + 1] if i + 1 < len(all_periods) else None,
                place_names=self.place_order, type_names=self.types,
            ))

    def place_overviews(self) -> Iterator[Page]:
        """A place's page: its latest year when its events span several (``place_years``), with charts, totals and map."""
        for name in self.place_order:
            events, tallies = self.places[name], self._place_tallies(name)
            values = year_page(events, tallies, None)
            listed_since = min((t.date for t in values["page_tallies"] if len(t.date) == 10), default=None)
            yield Page({"slug": slug(name)}, dict(
                values, place=name, place_charts=self._place_charts(name, listed_since),
                place_totals=self._place_totals(name), place_map=self._place_map(name),
            ))

    def place_years(self) -> Iterator[Page]:
        for name in self.place_order:
            events, tallies = self.places[name], self._place_tallies(name)
            split = by_year(events, tallies)
            for year, _ in split[1]:
                values = year_page(events, tallies, year, split)
                # the overview alone shows charts, totals and the map
                yield Page({"slug": slug(name), "year": year}, dict(values, place=name, place_charts=[], place_totals=[], place_map=None))

    def places_index(self) -> Iterator[Page]:
        yield Page({}, dict(places=[(n, len(self.places[n])) for n in self.place_order]))

    def type_overviews(self) -> Iterator[Page]:
        for t in self.types:
            yield Page({"slug": slug(t)}, dict(year_page(self._type_events(t), [], None), event_type=t))

    def type_years(self) -> Iterator[Page]:
        for t in self.types:
            events = self._type_events(t)
            split = by_year(events, [])
            for year, _ in split[1]:
                yield Page({"slug": slug(t), "year": year}, dict(year_page(events, [], year, split), event_type=t))

    def types_index(self) -> Iterator[Page]:
        yield Page({}, dict(types=[(t, sum(1 for e in self.site.events if e.type == t)) for t in self.types]))

    def report(self) -> Iterator[Page]:
        """The build report, unless ``TIMELINE_BUILD_REPORT_PUBLIC`` keeps it out."""
        if self.s["TIMELINE_BUILD_REPORT_PUBLIC"]:
            yield Page({}, build_report(self.site))

    # -- parts of pages ---------------------------------------------------------------------

    @functools.cached_property
    def _bulletins_by_year(self) -> tuple[dict[str, list[Bulletin]], list[tuple[str, int]]]:
        """Bulletins by year, and (year, count) newest first when there are several years (else [])."""
        by_year: dict[str, list[Bulletin]] = defaultdict(list)
        for b in self.site.bulletins:
            by_year[b.date[:4]].append(b)
        years = sorted(by_year, reverse=True)
        return by_year, [(y, len(by_year[y])) for y in years] if len(years) > 1 else []

    @staticmethod
    def _bulletin_months(items: Sequence[Bulletin]) -> list[tuple[str, list[Bulletin]]]:
        grouped: dict[str, list[Bulletin]] = defaultdict(list)
        for b in items:
            grouped[b.date[:7]].append(b)
        return [(period_label(m), list(reversed(grouped[m]))) for m in sorted(grouped, reverse=True)]

    def _type_events(self, event_type: str) -> list[Event]:
        return [e for e in self.site.events if e.type == event_type]

    def _places(self) -> dict[str, list[Event]]:
        """Province → its events (every province an event names), plus provinces only tallied."""
        places: dict[str, list[Event]] = defaultdict(list)
        for event in self.site.events:
            for province in event_provinces(event):
                places[province].append(event)
        for tally in self.site.tallies:
            for province in tally.by_place:
                if province != OTHER_PLACES:  # "11 in other areas" has no page
                    places.setdefault(province, [])
        return dict(places)

    def _bulletin_charts(self, bulletin: Bulletin) -> list[dict[str, Any]]:
        days = int(self.s["TIMELINE_CHART_DAYS"])
        out = []
        for metric in self.s["TIMELINE_KEY_METRICS"]:
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
        countries = tuple(s.get("TIMELINE_COUNTRIES") or plugin_settings.default("TIMELINE_COUNTRIES"))
        gazetteer = places.Gazetteer.for_settings(s, countries)
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
        links = self.links
        days = [d for d, incs in self._incidents_by_day.items() if len(d) == 10 and any(place in i.provinces for i in incs)]
        if not days:
            return None
        window = set(days_ending(max(days), int(self.s["TIMELINE_PLACE_CHART_DAYS"])))
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
        return place_day_figures(self.site.events, self.links.key_metrics)

    def _place_charts(self, place: str, since: str | None = None) -> list[dict[str, Any]]:
        """The place's daily figures (key metrics, from reports), then its tallies, by day.

        Each chart reaches back to ``since``, the first day of the tallies the
        page lists under it.
        """
        days = int(self.s["TIMELINE_PLACE_CHART_DAYS"])
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


def by_year(events: Sequence[Event], tallies: Sequence[Tally]) -> tuple[dict[str, list[Event]], list[tuple[str, int]]]:
    """A place or type page's events by year, and (year, events) newest first when it spans several years (else [])."""
    events_by_year = split_by_year(events)
    years = sorted(set(events_by_year) | {t.date[:4] for t in tallies}, reverse=True)
    return events_by_year, [(y, len(events_by_year.get(y, []))) for y in years] if len(years) > 1 else []


def year_page(
    events: Sequence[Event], tallies: Sequence[Tally], year: str | None,
    split: tuple[dict[str, list[Event]], list[tuple[str, int]]] | None = None,
) -> dict[str, Any]:
    """The values of a place or type page; ``year`` None is its overview, which shows the latest year
    when the events span several, so a ten-year archive never makes one page of every event.
    ``split`` is ``by_year(events, tallies)`` when the caller has it."""
    events_by_year, year_counts = split or by_year(events, tallies)
    shown = year or (year_counts[0][0] if year_counts else None)
    shown_events = events_by_year.get(shown, []) if shown else list(events)
    return dict(
        year=year, shown_year=shown, years=year_counts,
        page_periods=periods(shown_events), event_count=len(events), shown_count=len(shown_events),
        page_tallies=[t for t in tallies if not shown or t.date.startswith(shown)],
    )


def build_report(site: SiteData) -> dict[str, Any]:
    """What the build report shows: articles read, errors, warnings, totals that differ."""
    events_per_article: dict[str, int] = defaultdict(int)
    for event in site.events:
        events_per_article[event.article] += 1
    mismatched = [t for t in site.tallies if t.places_differ]
    return {
        "report_articles": sorted(site.articles, key=lambda a: a.path),
        "events_per_article": dict(events_per_article),
        "report_errors": [p for p in site.problems if p.severity == "error" and p.stage != "corrections"],
        "report_warnings": [p for p in site.problems if p.severity != "error" and p.stage != "corrections"],
        "report_mismatched": sorted(mismatched, key=lambda t: (t.date, t.metric, t.article, t.start)),
        "report_corrections": list(site.corrections),
        # (file and line, status, reason): a refusal's reason is "<status>: <why>"
        "report_corrections_refused": [
            (p.path, *p.reason.partition(": ")[::2]) for p in site.problems if p.stage == "corrections"
        ],
        "report_review": list(site.review),
    }


PAGES: tuple[PageKind, ...] = (
    PageKind("home", "TIMELINE_HOME", "home", SiteView.home, fingerprint=False, override=True),
    PageKind("daily bulletin", "TIMELINE_BULLETIN", "bulletin", SiteView.bulletins),
    PageKind("bulletins by month", "TIMELINE_BULLETINS_INDEX", "bulletins", SiteView.bulletin_index, fingerprint=False),
    PageKind("bulletins of a year", "TIMELINE_BULLETINS_YEAR", "bulletins", SiteView.bulletin_years, fingerprint=False),
    PageKind("timeline index", "TIMELINE", "timeline", SiteView.timeline_index, fingerprint=False),
    PageKind("timeline of a period", "TIMELINE_PERIOD", "timeline_month", SiteView.timeline_periods),
    PageKind("place", "TIMELINE_PLACE", "place", SiteView.place_overviews),
    PageKind("place, one year", "TIMELINE_PLACE_YEAR", "place", SiteView.place_years),
    PageKind("all places", "TIMELINE_PLACES_INDEX", "places", SiteView.places_index, fingerprint=False),
    PageKind("event type", "TIMELINE_TYPE", "type", SiteView.type_overviews),
    PageKind("event type, one year", "TIMELINE_TYPE_YEAR", "type", SiteView.type_years),
    PageKind("all event types", "TIMELINE_TYPES_INDEX", "types", SiteView.types_index, fingerprint=False),
    PageKind("build report", "TIMELINE_BUILD_REPORT", "report", SiteView.report, fingerprint=False),
)
