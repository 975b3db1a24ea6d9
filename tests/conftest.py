"""Shared fixtures: the demo site built once per session, and a small hand-made ``SiteData``.

``built_site`` builds ``content/`` with ``pelican.conf.py`` exactly as
``make html`` does (relative URLs), into a temporary folder, once per test
session; ``published_site`` builds it as ``make publish`` does (absolute
URLs, what feed readers need). Both return the output folder as a ``Path``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import incidents
from generator.model import Article, Bulletin, Claim, Event, Figure, KeyFigure, Place, SiteData, Tally

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "pelican.conf.py"
PUBLISH_SITEURL = "https://example.org/bulletin"


def build(output: Path, **overrides: Any) -> Path:
    """Build the demo site into ``output`` with ``pelican.conf.py`` plus ``overrides``."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(CONF),
        override={
            "OUTPUT_PATH": str(output),
            "PATH": str(ROOT / "content"),
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT)],
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "TIMELINE_CACHE_PATH": "",
            "DELETE_OUTPUT_DIRECTORY": False,
            **overrides,
        },
    )
    # Pelican logs every file it writes; keep test output readable.
    logging.getLogger("pelican").setLevel(logging.WARNING)
    cwd = os.getcwd()
    os.chdir(ROOT)  # relative paths in the configuration are relative to the repository
    try:
        requested = {str(p) for p in settings.get("PLUGINS") or []}
        pelican = Pelican(settings)
        # Pelican logs a plugin that fails to register and builds without it;
        # a test of the plugin's output must fail loudly instead.
        missing = requested - {p.__name__ for p in pelican.plugins}
        if missing:
            raise RuntimeError(f"plugin(s) {sorted(missing)} failed to register; see the log above")
        pelican.run()
    finally:
        os.chdir(cwd)
    return output


@pytest.fixture(scope="session")
def site_builder(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """``site_builder(name, **overrides)`` builds the demo site into a fresh folder."""

    def _build(name: str, **overrides: Any) -> Path:
        return build(tmp_path_factory.mktemp(name), **overrides)

    return _build


@pytest.fixture(scope="session")
def built_site(site_builder: Callable[..., Path]) -> Path:
    """The demo site as ``make html`` builds it (relative URLs).

    ``TEST_BUILT_SITE=output`` reuses a site already built (e.g. by
    ``make html``) instead of building one: quicker when iterating on
    the reader-level tests.
    """
    existing = os.environ.get("TEST_BUILT_SITE")
    if existing:
        return Path(existing).resolve()
    return site_builder("site")


@pytest.fixture(scope="session")
def published_site(site_builder: Callable[..., Path]) -> Path:
    """The demo site as ``make publish`` builds it (absolute URLs in feeds)."""
    return site_builder("published", SITEURL=PUBLISH_SITEURL, FEED_DOMAIN=PUBLISH_SITEURL, RELATIVE_URLS=False)


# -- a small hand-made site: two articles, three days, two provinces ------------------------

ALEPPO = Place("Aleppo", "Aleppo", "SY", kind="city", text="Aleppo")
HAMDANIYA = Place("al-Hamdaniya", "Aleppo", "SY", kind="district", text="al-Hamdaniya")
HOMS = Place("Homs", "Homs", "SY", kind="city", text="Homs")
DAMASCUS = Place("Damascus", "Rif Dimashq", "SY", kind="admin1", text="Damascus")


def sample_site_data(extra_article: bool = False) -> SiteData:
    """A SiteData as the pipeline would hand it over; ``extra_article`` adds a late report.

    The late report (published 2016-12-25) adds an event to the 23 December
    bulletin: the revision case for feeds (the entry must keep its id and
    ``published`` date and only move ``updated``).
    """
    a1 = Article("content/articles/a1.md", "aleppo-attacked", "Aleppo attacked again", dt.date(2016, 12, 23),
                 "text", source="Sputnik", source_url="https://news.example/a1", url="articles/aleppo-attacked/")
    a2 = Article("content/articles/a2.md", "ceasefire-violations", "25 violations", dt.date(2016, 12, 24),
                 "text", source="TASS", source_url="https://news.example/a2", url="articles/ceasefire-violations/")
    a3 = Article("content/articles/a3.md", "late-report", "A late report", dt.date(2016, 12, 25),
                 "text", source="Late Wire", source_url="https://news.example/a3", url="articles/late-report/")
    e1 = Event("e1aaaaaaaaaa", a1.slug, "2016-12-23", "day", "on Friday",
               "Militants shelled al-Hamdaniya in Aleppo on Friday, killing six people <b>& two</b> children.",
               0, 90, "shelling", places=(HAMDANIYA,),
               figures=(Figure("killed", 6, attributed_to="Syrian Observatory for Human Rights"),
                        Figure("killed", 2, subgroup="children"),
                        Figure("killed", 8, qualifier="at least", attributed_to="State television")),
               actors=("militants",), source=a1.source, source_url=a1.source_url,
               article_url=a1.url, article_title=a1.title)
    e2 = Event("e2bbbbbbbbbb", a1.slug, "2016-12", "month", "in December",
               "Fighting in Homs and Aleppo continued through December.", 100, 150, "armed_clash",
               places=(HOMS, ALEPPO), source=a1.source, source_url=a1.source_url,
               article_url=a1.url, article_title=a1.title)
    e3 = Event("e3cccccccccc", a2.slug, "2016-12-22", "day", "on Thursday",
               "A total of 25 ceasefire violations were recorded on Thursday.", 0, 70, "ceasefire_violation",
               places=(DAMASCUS,), figures=(Figure("ceasefire_violations", 25, attributed_to="Russian Defence Ministry"),),
               source=a2.source, source_url=a2.source_url, article_url=a2.url, article_title=a2.title)
    e4 = Event("e4dddddddddd", a3.slug, "2016-12-23", "day", "on December 23",
               "An air strike hit a market in Aleppo on December 23.", 0, 55, "air_strike",
               places=(ALEPPO,), figures=(Figure("killed", 3, attributed_to="Civil Defence"),),
               source=a3.source, source_url=a3.source_url, article_url=a3.url, article_title=a3.title)
    tally = Tally("2016-12-22", "ceasefire_violations", 25, {"Damascus": 17, "Aleppo": 6, "Hama": 2},
                  "Russian Defence Ministry", a2.slug, "In Damascus (17), Aleppo (6) and Hama (2) provinces.",
                  71, 120, stated_total=25, sources=((a2.slug, 71),))
    killed = KeyFigure("killed", 6, 8, (
        Claim("killed", 6, None, "Syrian Observatory for Human Rights", None, (e1.id,), ("Aleppo",)),
        Claim("killed", 8, "at least", "State television", None, (e1.id,), ("Aleppo",)),
    ))
    articles = [a1, a2]
    events = [e3, e2, e1]
    day23 = Bulletin("2016-12-23", events=[e1], key_figures=[killed], previous="2016-12-22")
    if extra_article:
        articles.append(a3)
        events.append(e4)
        day23 = Bulletin("2016-12-23", events=[e1, e4], key_figures=[killed], previous="2016-12-22")
    day22 = Bulletin("2016-12-22", events=[e3], tallies=[tally],
                     key_figures=[KeyFigure("ceasefire_violations", 25, 25, (Claim("ceasefire_violations", 25, None, "Russian Defence Ministry", None, (e3.id,)),))],
                     next="2016-12-23")
    for bulletin in (day22, day23):
        bulletin.incidents = incidents.group(bulletin.events, bulletin.tallies)
    return SiteData(articles=articles, events=sorted(events, key=lambda e: (e.date, e.article, e.start)),
                    tallies=[tally], bulletins=[day22, day23])


@pytest.fixture
def site_data() -> SiteData:
    return sample_site_data()


@pytest.fixture
def site_data_factory() -> Callable[..., SiteData]:
    """``site_data_factory(extra_article=True)`` gives the sample site with a late report."""
    return sample_site_data
