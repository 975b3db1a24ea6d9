"""The plugin's settings: one table of (name, default, help), Pelican style.

Every setting can be overridden in ``pelican.conf.py`` with an UPPER_CASE
name. ``resolve(settings)`` returns the merged values; tables whose defaults
live next to the code that uses them (metrics, event types, place aliases)
are imported from there, so the default and its consumer never drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any  # a value, or a zero-argument callable for defaults that live in another module
    help: str

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default


def _metrics() -> Any:
    from generator.figures import DEFAULT_METRICS

    return DEFAULT_METRICS


def _event_types() -> Any:
    from generator.event_types import DEFAULT_EVENT_TYPES

    return DEFAULT_EVENT_TYPES


def _aliases() -> Any:
    from generator.places import DEFAULT_ALIASES

    return DEFAULT_ALIASES


SETTINGS: tuple[Setting, ...] = (
    Setting("TIMELINE_COUNTRIES", ["SY"], "ISO 3166-1 alpha-2 codes of the countries whose provinces and towns are recognised."),
    Setting("TIMELINE_PLACE_ALIASES", _aliases, "Extra spellings: {alias: canonical gazetteer name}, e.g. {'Halab': 'Aleppo'}."),
    Setting("TIMELINE_PLACE_AREAS", {}, "Places the gazetteer lacks, by the town or province they lie in: {'Rif Dimashq': ['Hosh Nasri']}."),
    Setting("TIMELINE_METRICS", _metrics, "Metrics counted in figures and tallies: {name: {label, patterns, ...}}."),
    Setting("TIMELINE_EVENT_TYPES", _event_types, "Event typology: ordered rules mapping trigger words to event types."),
    Setting("TIMELINE_KEY_METRICS", ["killed", "injured", "ceasefire_violations", "evacuated"], "Metrics shown in each bulletin's key-figures box, in this order."),
    Setting("TIMELINE_DATE_ORDER", "DMY", "How to read all-numeric dates such as 05/06/2016: DMY or MDY."),
    Setting("TIMELINE_CHART_DAYS", 30, "Days shown in the bulletin charts."),
    Setting("TIMELINE_WORKERS", 0, "Processes that extract articles in parallel: 0 = one per CPU, 1 = none."),
    Setting("TIMELINE_CACHE_PATH", "", "Folder for extraction results keyed by content hash; empty disables the cache."),
    Setting("TIMELINE_YEAR_RANGE", [1900, 2100], "First and last year of a publication date; files dated outside are refused and reported."),
    Setting("TIMELINE_PLACE_CHART_DAYS", 90, "Days shown in the charts of a place page."),
    Setting("TIMELINE_HOME_BULLETINS", 7, "Recent bulletins listed on the home page."),
    Setting("HOME_SAVE_AS", "index.html", "The home page: the latest bulletin."),
    Setting("BULLETIN_URL", "bulletins/{date}/", "URL of a day's bulletin."),
    Setting("BULLETIN_SAVE_AS", "bulletins/{date}/index.html", "Where a day's bulletin is written."),
    Setting("BULLETINS_INDEX_URL", "bulletins/", "URL of the list of all bulletins."),
    Setting("BULLETINS_INDEX_SAVE_AS", "bulletins/index.html", "The list of all bulletins."),
    Setting("BULLETINS_YEAR_URL", "bulletins/{year}/", "URL of one year's bulletins (long archives)."),
    Setting("BULLETINS_YEAR_SAVE_AS", "bulletins/{year}/index.html", "Where one year's bulletin list is written."),
    Setting("TIMELINE_URL", "timeline/", "URL of the timeline index."),
    Setting("TIMELINE_SAVE_AS", "timeline/index.html", "The timeline index."),
    Setting("TIMELINE_PERIOD_URL", "timeline/{period}/", "URL of one month of the timeline (or a year, for year-dated events)."),
    Setting("TIMELINE_PERIOD_SAVE_AS", "timeline/{period}/index.html", "Where one period of the timeline is written."),
    Setting("PLACE_URL", "places/{slug}/", "URL of a place page."),
    Setting("PLACE_SAVE_AS", "places/{slug}/index.html", "Where a place page is written."),
    Setting("PLACE_YEAR_URL", "places/{slug}/{year}/", "URL of one year of a place page."),
    Setting("PLACE_YEAR_SAVE_AS", "places/{slug}/{year}/index.html", "Where one year of a place page is written."),
    Setting("PLACES_INDEX_URL", "places/", "URL of the list of places."),
    Setting("PLACES_INDEX_SAVE_AS", "places/index.html", "The list of places."),
    Setting("TYPE_URL", "types/{slug}/", "URL of an event-type page."),
    Setting("TYPE_SAVE_AS", "types/{slug}/index.html", "Where an event-type page is written."),
    Setting("TYPE_YEAR_URL", "types/{slug}/{year}/", "URL of one year of an event-type page."),
    Setting("TYPE_YEAR_SAVE_AS", "types/{slug}/{year}/index.html", "Where one year of an event-type page is written."),
    Setting("TYPES_INDEX_URL", "types/", "URL of the list of event types."),
    Setting("TYPES_INDEX_SAVE_AS", "types/index.html", "The list of event types."),
    Setting("BUILD_REPORT_URL", "report/", "URL of the build report."),
    Setting("BUILD_REPORT_SAVE_AS", "report/index.html", "The build report: what was read, what failed and why."),
    Setting("BULLETIN_FEED_ATOM", "feeds/bulletins.atom.xml", "Atom feed of daily bulletins."),
    Setting("BULLETIN_FEED_RSS", "feeds/bulletins.rss.xml", "RSS 2.0 feed of daily bulletins."),
    Setting("BULLETIN_FEED_JSON", "feeds/bulletins.json", "JSON Feed of daily bulletins."),
    Setting("BULLETIN_FEED_FULL_CONTENT", True, "Feeds carry each bulletin in full; False: key figures only."),
    Setting("PLACE_FEED_ATOM", "feeds/places/{slug}.atom.xml", "Atom feed of each place's events and tallies."),
    Setting("PLACE_FEED_RSS", "feeds/places/{slug}.rss.xml", "RSS 2.0 feed of each place's events and tallies."),
    Setting("METRIC_FEED_ATOM", "feeds/metrics/{slug}.atom.xml", "Atom feed of each key metric, day by day."),
    Setting("DATA_EXPORT_PATH", "data", "Folder of the CSV/JSON/ICS exports."),
    Setting("TIMELINE_SEARCH", True, "Build a static full-text search index with Pagefind (when installed)."),
    Setting("TIMELINE_SEARCH_GLOB", "{bulletins/**/*,articles/**/*,places/**/*,*/index}.html", "Pages Pagefind indexes."),
    Setting("TIMELINE_SEARCH_ROOT", "main", "The element of each page that is indexed."),
    Setting("TIMELINE_SEARCH_BUNDLE", "pagefind", "Folder of the search index in output/."),
    Setting("SEARCH_URL", "search/", "URL of the search page."),
    Setting("SEARCH_SAVE_AS", "search/index.html", "Where the search page is written."),
)


def resolve(settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults overlaid with whatever ``settings`` (Pelican's dict) sets.

    >>> resolve({"TIMELINE_COUNTRIES": ["UA"]})["TIMELINE_COUNTRIES"]
    ['UA']
    """
    settings = settings or {}
    return {s.name: settings[s.name] if s.name in settings else s.default_value() for s in SETTINGS}


def documented_names() -> list[str]:
    return [s.name for s in SETTINGS]


