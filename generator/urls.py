"""Addresses: where every page of the site is written and how it is linked.

Each address is a setting (``TIMELINE_<PAGE>_URL`` / ``_SAVE_AS``, defaults in
``generator/settings.py``); ``Addresses`` fills them in for one page: a day,
a period, a place or type (and one year of it). Templates reach these
methods through ``tl`` (``links.Links``), feeds and the page table
(``pages.PAGES``) call them directly, so an address is built in one place.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Mapping
from typing import Any

from generator.exports import EXPORT_FILES, week_days
from generator.model import Event, Tally
from generator.settings import SETTINGS

# Defaults of every address and view setting, from the one settings table;
# pelican.conf.py overrides them (page_settings).
URL_DEFAULTS: dict[str, Any] = {s.name: s.default for s in SETTINGS if not callable(s.default)}

# The files generator/exports.py writes, as linked from every page's footer.
DATA_FILES = EXPORT_FILES


def page_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """URL/save-as and view settings: the plugin's defaults, overridden by Pelican's settings."""
    merged = dict(URL_DEFAULTS)
    for name in list(merged):
        if name in settings:
            merged[name] = settings[name]
    return merged


@functools.lru_cache(maxsize=4096)
def slug(value: str) -> str:
    """Address-safe form of a place or type name.

    >>> slug("Deir ez-Zor"), slug("al-Hasakah"), slug("armed_clash")
    ('deir-ez-zor', 'al-hasakah', 'armed-clash')
    """
    s = re.sub(r"[^\w\s-]", "", value.lower(), flags=re.ASCII).strip()
    return re.sub(r"[\s_-]+", "-", s).strip("-") or "unnamed"


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


def tally_anchor(tally: Tally) -> str:
    """Stable id of a tally table on its bulletin page (``t-`` and the tally's id)."""
    if tally.id:
        return f"t-{tally.id}"
    digest = hashlib.sha1(f"{tally.date}\x00{tally.metric}\x00{tally.article}\x00{tally.start}".encode()).hexdigest()
    return f"t-{digest[:10]}"


class Addresses:
    """The address (``*_url``, relative to the site root) and file (``*_save_as``) of every page."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = page_settings(settings)
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

    def page(self, address: str, fields: Mapping[str, str]) -> tuple[str, str]:
        """(url, save_as) of a page whose settings are ``<address>_URL`` (none: "") and ``<address>_SAVE_AS``.

        >>> Addresses({}).page("TIMELINE_PLACE_YEAR", {"slug": "idlib", "year": "2016"})
        ('places/idlib/2016/', 'places/idlib/2016/index.html')
        >>> Addresses({}).page("TIMELINE_HOME", {})
        ('', 'index.html')
        """
        url = self.settings.get(f"{address}_URL")
        return (url.format(**fields) if url else "", self._fmt(f"{address}_SAVE_AS", **fields))

    def bulletin_url(self, date: str) -> str:
        return self._fmt("TIMELINE_BULLETIN_URL", date=date)

    def bulletin_save_as(self, date: str) -> str:
        return self._fmt("TIMELINE_BULLETIN_SAVE_AS", date=date)

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

    def type_url(self, name: str, year: str | None = None) -> str:
        return self._named("TYPE", "URL", name, year)

    def type_save_as(self, name: str, year: str | None = None) -> str:
        return self._named("TYPE", "SAVE_AS", name, year)

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

    def metric_feed(self, metric: str) -> str:
        """A metric's Atom feed address; empty when metric feeds are switched off."""
        pattern = self.settings.get("TIMELINE_METRIC_FEED_ATOM")
        return pattern.format(slug=slug(metric)) if pattern else ""

    def bulletin_feed(self, kind: str = "atom") -> str:
        """The bulletins' feed address (``kind`` atom, rss or json); empty when that feed is switched off.

        >>> Addresses({"TIMELINE_BULLETIN_FEED_RSS": None}).bulletin_feed("rss"), Addresses({}).bulletin_feed("json")
        ('', 'feeds/bulletins.json')
        """
        return self.settings.get(f"TIMELINE_BULLETIN_FEED_{kind.upper()}") or ""

    def data_files(self) -> tuple[tuple[str, str], ...]:
        return DATA_FILES if self.settings.get("TIMELINE_EXPORT_PATH") else ()

    def data_url(self, name: str) -> str:
        return f"{self.settings['TIMELINE_EXPORT_PATH']}/{name}"
