"""The site: real Pelican builds of a small fixture folder, checked page by page.

Two kinds of build:

* ``rendered`` sets a hand-written site builder (``hand_site_data``) that
  returns a fixed ``SiteData`` for the three fixture articles, so every
  page can be checked for exact content whatever extraction finds;
* ``extracted`` runs the real pipeline over the same articles (the
  end-to-end check: what extraction finds reaches the pages).

Both build twice and require byte-identical output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import filecmp
import logging
import re
import types
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from generator import links, pages, site, urls, views
from generator.model import (
    Article,
    Bulletin,
    Claim,
    Event,
    Figure,
    KeyFigure,
    Place,
    Problem,
    ReportedTotal,
    SiteData,
    Tally,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"


def pelican_build(output: Path, content: Path = FIXTURE, **overrides: Any) -> Path:
    """``Pelican(read_settings(...)).run()`` on a content folder (the fixture's by default), into ``output``."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        None,
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "ARTICLE_PATHS": ["articles"],
            "PAGE_PATHS": ["pages"],
            "THEME": str(ROOT / "theme"),
            "PLUGIN_PATHS": [str(ROOT)],
            "PLUGINS": ["generator"],
            "SITENAME": "Test bulletin",
            "SITEURL": "",
            "RELATIVE_URLS": True,
            "TIMEZONE": "UTC",
            "ARTICLE_URL": "articles/{slug}/",
            "ARTICLE_SAVE_AS": "articles/{slug}/index.html",
            "PAGE_URL": "{slug}/",
            "PAGE_SAVE_AS": "{slug}/index.html",
            "INDEX_SAVE_AS": "articles/index.html",
            "ARCHIVES_SAVE_AS": "archives/index.html",
            "CATEGORY_URL": "category/{slug}/",
            "CATEGORY_SAVE_AS": "category/{slug}/index.html",
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "DELETE_OUTPUT_DIRECTORY": False,
            "TIMELINE_CACHE_PATH": "",
            **overrides,
        },
    )
    logging.getLogger("pelican").setLevel(logging.WARNING)
    Pelican(settings).run()
    return output


def read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ (or exist on one side only) between two output folders."""
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    diff = sorted(set(files_a) ^ set(files_b))
    diff += [f for f in files_a if f in files_b and not filecmp.cmp(a / f, b / f, shallow=False)]
    return diff


# -- the hand-written pipeline -------------------------------------------------------------

ALEPPO_DISTRICT = Place("al-Hamdaniya", "Aleppo", "SY", kind="district", text="al-Hamdaniya")
ALEPPO = Place("Aleppo", "Aleppo", "SY", kind="city", text="Aleppo")
JOBAR = Place("Jobar", "Damascus", "SY", kind="district", text="Jobar")
MAARAT = Place("Maarat al-Numan", "Idlib", "SY", kind="city", text="Maarat al-Numan")
RECONCILIATION = "Russian reconciliation centre"


def _event(article: Article, sentence_prefix: str, date: str, granularity: str, date_text: str | None,
           event_type: str, places: tuple[Place, ...] = (), figures: tuple[Figure, ...] = ()) -> Event:
    start = article.text.index(sentence_prefix)
    end = article.text.index(".", start) + 1
    sentence = article.text[start:end]
    return Event(
        f"{article.slug[:6]}{start:06d}", article.slug, date, granularity, date_text, sentence, start, end,
        event_type, places=places, figures=figures, source=article.source, source_url=article.source_url,
        article_url=article.url, article_title=article.title,
    )


def _tally(article: Article, date: str, total: int, by_place: dict[str, int], stated: int | None) -> Tally:
    start = article.text.index("The reconciliation centre said")
    end = article.text.index(".", start) + 1
    return Tally(date, "ceasefire_violations", total, by_place, RECONCILIATION, article.slug,
                 article.text[start:end], start, end, stated_total=stated, sources=((article.slug, start),))


def hand_site_data(pelican_articles: Any, settings: Any, problems: Any = ()) -> SiteData:
    """What a perfect pipeline would return for the fixture articles."""
    from generator.read import article_from_pelican

    by_slug = {a.slug: a for a in pelican_articles}
    art = {slug: article_from_pelican(a) for slug, a in by_slug.items()}
    shelling, truce, idlib = (art["aleppo-shelling-2016-12-22"], art["truce-violations-2016-12-23"],
                              art["idlib-airstrike-2016-12-24"])
    e_shell = _event(shelling, "Militants shelled", "2016-12-22", "day", "on Thursday", "shelling",
                     (ALEPPO_DISTRICT,), (Figure("killed", 3, attributed_to="Syrian Observatory for Human Rights",
                                                 subgroup="civilians"),
                                          Figure("injured", 12, attributed_to="Syrian Observatory for Human Rights")))
    e_sana = _event(shelling, "The state news agency", "2016-12-22", "day", "on Thursday", "shelling",
                    (ALEPPO_DISTRICT,), (Figure("killed", 5, attributed_to="SANA"),))
    e_month = _event(shelling, "Earlier in December", "2016-12", "month", "Earlier in December", "displacement",
                     (ALEPPO,))
    e_2015 = _event(shelling, "The same district", "2015", "year", "in 2015", "shelling", (ALEPPO_DISTRICT,))
    e_truce = _event(truce, "The Russian reconciliation", "2016-12-23", "day", "on Friday", "ceasefire_violation",
                     (), (Figure("ceasefire_violations", 25, attributed_to=RECONCILIATION),))
    e_jobar = _event(truce, "Mortar fire", "2016-12-23", "day", "on Friday", "shelling", (JOBAR,))
    e_idlib = _event(idlib, "An air strike", "2016-12-24", "day", "on Saturday", "air_strike", (MAARAT,),
                     (Figure("killed", 7, qualifier="at least", attributed_to="Civil Defence"),))
    t23 = Tally("2016-12-23", "ceasefire_violations", 25, {"Damascus": 17, "Aleppo": 6, "Hama": 2}, RECONCILIATION,
                truce.slug, e_truce.sentence, e_truce.start, e_truce.end, stated_total=25,
                sources=((truce.slug, e_truce.start),))
    t24 = _tally(idlib, "2016-12-24", 30, {"Damascus": 20, "Aleppo": 6}, 30)
    killed22 = KeyFigure("killed", 3, 5, (
        Claim("killed", 3, None, "Syrian Observatory for Human Rights", "civilians", (e_shell.id,), ("Aleppo",)),
        Claim("killed", 5, None, "SANA", None, (e_sana.id,), ("Aleppo",)),
    ))
    injured22 = KeyFigure("injured", 12, 12, (
        Claim("injured", 12, None, "Syrian Observatory for Human Rights", None, (e_shell.id,), ("Aleppo",)),))
    cv23 = KeyFigure("ceasefire_violations", 25, 25, (
        Claim("ceasefire_violations", 25, None, RECONCILIATION, None, (e_truce.id,)),))
    killed24 = KeyFigure("killed", 7, 7, (
        Claim("killed", 7, "at least", "Civil Defence", None, (e_idlib.id,), ("Idlib",)),),
        low_qualifier="at least", high_qualifier="at least")  # no change: another source, another place
    cv24 = KeyFigure("ceasefire_violations", 30, 30, (
        Claim("ceasefire_violations", 30, None, RECONCILIATION, None, ()),), change=5)
    bulletins = [
        Bulletin("2016-12-22", [e_shell, e_sana], [], [killed22, injured22], None, "2016-12-23",
                 totals=[ReportedTotal("killed", 1250, "more than", "Syrian Observatory for Human Rights", None,
                                       "cumulative", "2016-11-15", "2016-12-22", (e_shell.id,), ("Aleppo",))]),
        Bulletin("2016-12-23", [e_truce, e_jobar], [t23], [cv23], "2016-12-22", "2016-12-24"),
        Bulletin("2016-12-24", [e_idlib], [t24], [killed24, cv24], "2016-12-23", None),
    ]
    events = sorted([e_shell, e_sana, e_2015, e_month, e_truce, e_jobar, e_idlib], key=lambda e: (e.date, e.article, e.start))
    for slug, pelican_article in by_slug.items():
        pelican_article.timeline_text = art[slug]
        pelican_article.timeline_events = [e for e in events if e.article == slug]
    return SiteData(
        articles=sorted(art.values(), key=lambda a: a.path),
        events=events,
        tallies=[t23, t24],
        bulletins=bulletins,
        problems=list(problems) + [
            Problem("articles/broken.md", "read", "not UTF-8: byte 0xff at offset 3"),
            Problem(idlib.path, "tallies", "stated total 30 differs from the sum 26", "warning"),
        ],
    )


def use_hand_pipeline(mp: pytest.MonkeyPatch) -> None:
    """Build the site data with ``hand_site_data`` instead of the extraction pipeline."""
    mp.setattr(site.TimelineGenerator, "site_builder", staticmethod(hand_site_data))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture site built twice with the hand pipeline."""
    mp = pytest.MonkeyPatch()
    use_hand_pipeline(mp)
    try:
        first = pelican_build(tmp_path_factory.mktemp("rendered"))
        second = pelican_build(tmp_path_factory.mktemp("rendered-again"))
    finally:
        mp.undo()
    return first, second


# -- pages exist ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "articles/index.html",
        "bulletins/index.html",
        "bulletins/2016-12-22/index.html",
        "bulletins/2016-12-23/index.html",
        "bulletins/2016-12-24/index.html",
        "timeline/index.html",
        "timeline/2016-12/index.html",
        "places/index.html",
        "places/aleppo/index.html",
        "places/damascus/index.html",
        "places/hama/index.html",
        "places/idlib/index.html",
        "places/aleppo/2015/index.html",
        "places/aleppo/2016/index.html",
        "timeline/2015/index.html",
        "types/shelling/2015/index.html",
        "types/index.html",
        "types/shelling/index.html",
        "types/air-strike/index.html",
        "report/index.html",
        "articles/aleppo-shelling-2016-12-22/index.html",
        "about/index.html",
        "archives/index.html",
        "theme/css/site.css",
        "theme/css/print.css",
        "theme/js/filter.js",
    ],
)
def test_every_page_is_written(rendered, page):
    assert (rendered[0] / page).is_file()


def test_building_twice_gives_byte_identical_output(rendered):
    assert same_tree(*rendered) == []


# -- home ---------------------------------------------------------------------------------------

def test_home_page_shows_the_latest_bulletin_key_figures_first(rendered):
    html = read(rendered[0], "index.html")
    assert "Latest bulletin" in html and 'href="./bulletins/2016-12-24/"' in html
    assert html.index('class="key-figures"') < html.index("Recent bulletins")
    assert re.search(r'<p class="kf-value">at least 7</p>', html)
    # claims link to the events on the bulletin page, not to the home page
    assert "./bulletins/2016-12-24/#e-" in html
    assert '<a href="./articles/">Source reports</a>' in html  # Pelican's list moved away...
    assert "<h1>Source reports</h1>" in read(rendered[0], "articles/index.html")  # ...and is still built


# -- bulletin ---------------------------------------------------------------------------------------

def test_bulletin_states_its_reporting_window_and_neighbours(rendered):
    html = read(rendered[0], "bulletins/2016-12-23/index.html")
    assert "<h1><time datetime=\"2016-12-23\">Friday 23 December 2016</time></h1>" in html
    assert "Reporting window:" in html and "from 1 report by Example Agency" in html
    assert 'rel="prev" href="../../bulletins/2016-12-22/"' in html
    assert 'rel="next" href="../../bulletins/2016-12-24/"' in html


def test_bulletin_key_figures_show_range_claims_and_change(rendered):
    day22 = read(rendered[0], "bulletins/2016-12-22/index.html")
    assert '<p class="kf-value">3–5<span class="visually-hidden"> (range across sources)</span></p>' in day22
    assert "Syrian Observatory for Human Rights" in day22 and "SANA" in day22
    assert 'class="kf-change"' not in day22  # nothing to compare with: nothing is said
    day24 = read(rendered[0], "bulletins/2016-12-24/index.html")
    # ceasefire violations 25 → 30, same source, the day before
    assert "5 more than the day before, Friday 23 December 2016 (same source and places)" in day24
    # killed: at least 7 in Idlib (Civil Defence) is not compared with 3–5 in Aleppo two days earlier
    assert day24.count('class="kf-change"') == 1
    assert '<p class="kf-value">at least 7</p>' in day24
    assert day24.index('id="key-figures"') < day24.index('id="by-province"') < day24.index('id="events"')


def test_bulletin_shows_totals_reported_that_day_apart_from_the_key_figures(rendered):
    html = read(rendered[0], "bulletins/2016-12-22/index.html")
    block = html[html.index('<section class="totals"'):]
    block = block[:block.index("</section>")]
    assert "<h2 id=\"totals\">Totals reported today</h2>" in block
    assert "<strong>more than 1,250 killed, running total, 15 Nov – 22 Dec 2016</strong> — Syrian Observatory for Human Rights; Aleppo" in block
    assert 'href="../../articles/aleppo-shelling-2016-12-22/#s-' in block  # back to the sentence
    key_figures = html[html.index('id="key-figures"'):html.index('<section class="totals"')]
    assert "1,250" not in key_figures
    assert html.index('id="key-figures"') < html.index('id="totals"') < html.index('id="events"')


def test_place_page_lists_running_totals_as_totals(rendered):
    html = read(rendered[0], "places/aleppo/index.html")
    table = html[html.index('<table class="place-totals">'):]
    table = table[:table.index("</table>")]
    assert '<a href="../../bulletins/2016-12-22/#totals">2016-12-22</a>' in table
    assert '<td class="num">more than 1,250</td>' in table
    assert "<td>running total, 15 Nov – 22 Dec 2016</td>" in table
    assert "place-totals" not in read(rendered[0], "places/hama/index.html")


def test_bulletin_province_table_has_caption_scopes_total_and_source(rendered):
    html = read(rendered[0], "bulletins/2016-12-23/index.html")
    start = html.index('<figure class="tally"')
    table = html[start:html.index("</figure>", start)]
    assert "<caption>Ceasefire violations by province, 2016-12-23 — according to Russian reconciliation centre</caption>" in table
    assert '<th scope="row"><a href="../../places/damascus/">Damascus</a></th><td class="num">17</td>' in table
    assert '<th scope="row">Total of provinces listed</th><td class="num">25</td>' in table
    assert "Stated total differs" not in table
    assert 'href="../../articles/truce-violations-2016-12-23/#s-0"' in table


def test_bulletin_flags_a_stated_total_that_differs_from_the_sum(rendered):
    html = read(rendered[0], "bulletins/2016-12-24/index.html")
    assert "Stated total differs:</strong> the report gives 30, but the provinces it lists add up to 26" in html
    assert '<tr class="differs">' in html


def test_bulletin_opens_with_the_day_in_one_line(rendered):
    html = read(rendered[0], "bulletins/2016-12-24/index.html")
    line = re.search(r'<p class="day-line">(.*?)</p>', html).group(1)
    assert line.count("; ") <= 2 and "killed" in line
    assert html.index('class="day-line"') < html.index('id="key-figures"')


def test_bulletin_incidents_with_quote_and_sources_and_a_place_index(rendered):
    html = read(rendered[0], "bulletins/2016-12-22/index.html")
    assert '<article class="incident rank-casualties"' in html
    assert '<a href="../../places/aleppo/">Aleppo</a>:' in html  # the incidents-by-place index
    assert "killing three civilians and wounding 12 others" in html  # the quoted sentence
    assert "3 killed (civilians) — <span class=\"by\">according to Syrian Observatory for Human Rights" in html
    assert 'href="https://example.org/news/2016/12/22/aleppo-shelling" rel="nofollow noopener" data-pagefind-ignore>original' in html
    assert "Dated from “on Thursday”." in html


def test_bulletin_map_links_each_circle_to_an_incident_and_lists_the_same_places(rendered):
    html = read(rendered[0], "bulletins/2016-12-22/index.html")
    svg = re.search(r'<svg[^>]*class="map".*?</svg>', html, re.S).group(0)
    drawn = set(re.findall(r'<a href="#(i-[^"]+)" tabindex="-1"><circle', svg))
    listed = set(re.findall(r'<a href="#(i-[^"]+)">', re.search(r'<ul class="map-points">.*?</ul>', html, re.S).group(0)))
    assert drawn and drawn == listed
    assert all(f'id="{i}"' in html for i in drawn)
    assert '<path class="country"' in svg and 'aria-hidden="true"' in svg


def test_bulletin_has_an_accessible_chart_with_a_data_table(rendered):
    html = read(rendered[0], "bulletins/2016-12-24/index.html")
    assert 'role="img" aria-labelledby="chart-killed-title chart-killed-desc"' in html
    assert "<summary>Data table</summary>" in html
    assert '<tr><th scope="row">2016-12-22</th><td>5</td></tr>' in html  # killed, high of 3–5


@pytest.mark.parametrize(
    "page, current",
    [
        ("index.html", 'href="./" aria-current="page">Home</a>'),
        ("timeline/index.html", 'href="../timeline/" aria-current="page">Timeline</a>'),
        ("bulletins/2016-12-23/index.html", 'href="../../bulletins/" aria-current="true">Bulletins</a>'),
        ("places/aleppo/2015/index.html", 'href="../../../places/" aria-current="true">Places</a>'),
    ],
)
def test_navigation_marks_the_current_section(rendered, page, current):
    html = read(rendered[0], page)
    assert current in html and html.count("aria-current=") == 1 + ('aria-current="page">2015' in html)


def test_bulletins_index_lists_days_by_month(rendered):
    html = read(rendered[0], "bulletins/index.html")
    assert "<h2 id=\"m-1\">December 2016</h2>" in html
    assert html.index("2016-12-24") < html.index("2016-12-22")  # newest first


# -- timeline --------------------------------------------------------------------------------------------

def test_timeline_month_page_lists_days_newest_first_and_month_only_events_apart(rendered):
    html = read(rendered[0], "timeline/2016-12/index.html")
    days = re.findall(r'<section class="day" id="d-([\d-]+)"', html)
    assert days == ["2016-12-24", "2016-12-23", "2016-12-22", "2016-12"]
    assert "December 2016 (month)" in html  # never put on a made-up day
    assert re.search(r'<article class="event" id="e-aleppo\d+" data-type="displacement" data-places="aleppo">', html)


def test_timeline_index_links_every_month_and_loads_the_filter(rendered):
    html = read(rendered[0], "timeline/index.html")
    assert 'href="../timeline/2016-12/">December 2016</a> <span class="count">(6)</span>' in html
    assert '<form class="filter" id="filter" hidden' in html
    assert "theme/js/filter.js" in html
    assert 'Browse by <a href="../places/">place</a>' in html  # the no-JS route


@pytest.mark.parametrize(
    "page, shown, hidden",
    [
        ("places/aleppo/index.html", ["Militants shelled", "Earlier in December"], ["The same district"]),
        ("places/aleppo/2015/index.html", ["The same district"], ["Militants shelled"]),
        ("places/aleppo/2016/index.html", ["Militants shelled"], ["The same district"]),
        ("types/shelling/index.html", ["Mortar fire"], ["The same district"]),
        ("types/shelling/2015/index.html", ["The same district"], ["Mortar fire"]),
    ],
)
def test_place_and_type_pages_over_several_years_are_split_by_year(rendered, page, shown, hidden):
    html = read(rendered[0], page)
    assert all(text in html for text in shown)
    assert not any(text in html for text in hidden)
    assert '<nav class="years" aria-label="Years">' in html


def test_a_single_year_place_has_no_year_pages(rendered):
    assert not (rendered[0] / "places" / "idlib" / "2016").exists()
    assert '<nav class="years"' not in read(rendered[0], "places/idlib/index.html")


def test_year_only_events_get_a_year_page_never_a_day(rendered):
    html = read(rendered[0], "timeline/2015/index.html")
    assert "<h1>Events dated only to 2015</h1>" in html
    assert re.findall(r'<section class="day" id="d-([\d-]+)"', html) == ["2015"]
    assert "2015 (year)" in html


def test_type_page_lists_only_its_events(rendered):
    html = read(rendered[0], "types/air-strike/index.html")
    assert "An air strike hit a market" in html and "Mortar fire" not in html


# -- places ------------------------------------------------------------------------------------------------

def test_place_page_has_timeline_tally_chart_and_feed(rendered):
    html = read(rendered[0], "places/damascus/index.html")
    assert "<h1>Damascus</h1>" in html
    assert "Mortar fire hit the Jobar district" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html
    assert "<title id=\"chart-ceasefire-violations-title\">Ceasefire violations in Damascus" in html
    assert 'href="../../feeds/places/damascus.atom.xml"' in html
    assert '<link rel="alternate" type="application/atom+xml" href="../../feeds/places/damascus.atom.xml"' in html


# -- article pages and provenance --------------------------------------------------------------------

def test_article_page_highlights_event_sentences_linked_to_the_timeline(rendered):
    html = read(rendered[0], "articles/aleppo-shelling-2016-12-22/index.html")
    assert '<mark id="s-0">Militants shelled the al-Hamdaniya district' in html
    assert '<a class="to-timeline" href="../../timeline/2016-12/#e-aleppo000000">' in html
    assert "Example Wire" in html and "https://example.org/news/2016/12/22/aleppo-shelling" in html
    assert '<time datetime="2016-12-22">' in html


def test_tally_sentence_on_an_article_page_links_to_its_bulletin_table(rendered):
    html = read(rendered[0], "articles/idlib-airstrike-2016-12-24/index.html")
    assert re.search(r'<a class="to-timeline" href="\.\./\.\./bulletins/2016-12-24/#t-[0-9a-f]{10}">bulletin table', html)


def test_every_event_on_a_bulletin_links_back_to_its_sentence(rendered):
    html = read(rendered[0], "bulletins/2016-12-22/index.html")
    events = re.findall(r'<article class="event".*?</article>', html, flags=re.S)
    assert len(events) == 2
    assert all(re.search(r'href="\.\./\.\./articles/[\w-]+/#s-\d+"', e) for e in events)


# -- report ------------------------------------------------------------------------------------------------

def test_report_lists_articles_errors_and_warnings(rendered):
    html = read(rendered[0], "report/index.html")
    assert "<strong>3</strong> articles read" in html
    assert "<code>articles/broken.md</code></th><td>read</td><td>not UTF-8: byte 0xff at offset 3</td>" in html
    assert "stated total 30 differs from the sum 26" in html
    assert "Totals that don’t add up" in html


# -- untrusted text stays text ------------------------------------------------------------------------

def test_templates_escape_untrusted_sentences():
    """Autoescaping is on in our generator; a sentence with markup is shown, not run."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True)
    article = Article("a.md", "a", "T", dt.date(2016, 12, 23), "x", source="<b>Wire</b>", url="articles/a/")
    event = Event("e1", "a", "2016-12-23", "day", None, "<script>alert(1)</script> happened.", 0, 10, "attack")
    tl = links.Links({}, SiteData(articles=[article], events=[event]), ["2016-12-23"])
    macros = env.get_template("_macros.html").make_module({"tl": tl, "SITEURL": "."})
    html = str(macros.event_entry(event, 3))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Wire&lt;/b&gt;" in html


# -- end to end: the real pipeline --------------------------------------------------------------------

@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    assert site.TimelineGenerator.site_builder is None  # the real pipeline
    return (pelican_build(tmp_path_factory.mktemp("extracted")),
            pelican_build(tmp_path_factory.mktemp("extracted-again")))


def test_real_pipeline_build_is_byte_identical(extracted):
    assert same_tree(*extracted) == []


def test_real_pipeline_fills_bulletin_table_and_highlights(extracted):
    out = extracted[0]
    html = read(out, "bulletins/2016-12-23/index.html")
    assert "Ceasefire violations by province" in html or "by province" in html
    assert re.search(r'<th scope="row"><a href="[./]*places/damascus/">Damascus</a></th><td class="num">17</td>', html)
    article = read(out, "articles/truce-violations-2016-12-23/index.html")
    assert '<mark id="s-0">' in article
    assert (out / "timeline" / "2016-12" / "index.html").is_file()
    assert "Reconciliation centre reports 25 truce violations" in read(out, "report/index.html")


# -- the page table ----------------------------------------------------------------------------

def test_every_page_kind_has_its_address_settings_and_its_template():
    from generator.settings import documented_names

    names = documented_names()
    for kind in pages.PAGES:
        assert f"{kind.address}_SAVE_AS" in names, kind.name
        assert f"{kind.address}_URL" in names or kind.name == "home", kind.name  # the home page has no address of its own
        assert (ROOT / "theme" / "templates" / f"{kind.template}.html").is_file(), kind.name


def test_the_table_in_the_pages_docstring_is_the_page_table():
    from generator.settings import default

    rows = re.findall(r"^(\w[\w ,]*?)\s{2,}``(\S+)``\s+``(\w+)\.html``$", pages.__doc__ or "", re.M)
    table = [(k.name, default(f"{k.address}_URL") if k.name != "home" else default(f"{k.address}_SAVE_AS"), k.template)
             for k in pages.PAGES]
    assert rows == table


# -- pure view helpers (no Pelican) --------------------------------------------------------------------

def _ev(ident: str, date: str, granularity: str = "day", places: tuple[Place, ...] = (), event_type: str = "attack",
        start: int = 0) -> Event:
    return Event(ident, "a", date, granularity, None, f"Sentence {ident}.", start, start + 10, event_type, places=places)


@pytest.mark.parametrize(
    "date, key",
    [("2016-12-23", "2016-12"), ("2016-12", "2016-12"), ("2016", "2016"), ("2016-W51", "2016-12"), ("2016-Q4", "2016"),
     ("2011-W28-WE", "2011-07"), ("2014-W01", "2014-01"), ("2015-W53", "2015-12")],
)
def test_events_go_on_the_page_of_their_month_or_else_their_year(date, key):
    assert urls.period_key(date) == key


def test_weeks_and_weekends_are_listed_in_their_month_as_their_days():
    events = [_ev("sat", "2011-W28-WE", "week"), _ev("wk", "2011-W28", "week"), _ev("d18", "2011-07-18"),
              _ev("d16", "2011-07-16"), _ev("m", "2011-07", "month"), _ev("y", "2011", "year")]
    got = [(p.key, [(g.label, [e.id for e in g.events]) for g in p.groups]) for p in views.periods(events)]
    assert got == [
        ("2011-07", [("Monday 18 July 2011", ["d18"]), ("weekend of 16–17 July 2011", ["sat"]),
                     ("week of 11–17 July 2011", ["wk"]), ("Saturday 16 July 2011", ["d16"]),
                     ("July 2011 (month)", ["m"])]),
        ("2011", [("2011 (year)", ["y"])]),
    ]


def test_parts_of_a_period_read_early_mid_late_and_sort_within_it():
    def ev(ident: str, date: str, granularity: str, mod: str | None) -> Event:
        return Event(ident, "a", date, granularity, None, f"Sentence {ident}.", 0, 10, "attack", date_mod=mod)

    events = [ev("y", "2014", "year", None), ev("early", "2014", "year", "START"), ev("late", "2014", "year", "END"),
              ev("mid", "2014", "year", "MID"), ev("dec", "2014-12", "month", "END"), ev("d", "2014-12-30", "day", None)]
    got = [(p.key, [(g.label, g.anchor, [e.id for e in g.events]) for g in p.groups]) for p in views.periods(events)]
    assert got == [
        ("2014-12", [("Tuesday 30 December 2014", "d-2014-12-30", ["d"]),
                     ("late December 2014 (month)", "d-2014-12-end", ["dec"])]),
        ("2014", [("late 2014 (year)", "d-2014-end", ["late"]), ("mid-2014 (year)", "d-2014-mid", ["mid"]),
                  ("early 2014 (year)", "d-2014-start", ["early"]), ("2014 (year)", "d-2014", ["y"])]),
    ]


def test_a_week_across_two_months_reads_as_its_days_and_goes_in_the_month_of_most_of_them():
    assert views.date_label("2011-W26", "week") == "week of 27 June – 3 July 2011"
    assert urls.period_key("2011-W26") == "2011-06"  # Thursday 30 June


def test_periods_keep_month_and_year_only_events_at_their_precision():
    events = [_ev("1", "2016-12-23"), _ev("2", "2016-12", "month"), _ev("3", "2016-11-02"), _ev("4", "2016", "year"),
              _ev("5", "2016-12-23")]
    got = [(p.key, p.label, [(g.date, g.label, [e.id for e in g.events]) for g in p.groups]) for p in views.periods(events)]
    assert got == [
        ("2016-12", "December 2016", [("2016-12-23", "Friday 23 December 2016", ["1", "5"]),
                                      ("2016-12", "December 2016 (month)", ["2"])]),
        ("2016-11", "November 2016", [("2016-11-02", "Wednesday 2 November 2016", ["3"])]),
        ("2016", "2016", [("2016", "2016 (year)", ["4"])]),
    ]


def test_years_index_puts_months_before_the_year_only_page():
    ps = views.periods([_ev("1", "2016-12-23"), _ev("2", "2016", "year"), _ev("3", "2015-01-01")])
    assert [(y, [p.key for p in items]) for y, items in views.years_index(ps)] == [("2016", ["2016-12", "2016"]), ("2015", ["2015-01"])]


def test_bulletin_events_group_by_first_province_with_unlocated_last():
    homs = Place("Homs", "Homs", "SY")
    events = [_ev("1", "2016-12-23", places=(homs, ALEPPO)), _ev("2", "2016-12-23"), _ev("3", "2016-12-23", places=(ALEPPO,))]
    assert [(name, [e.id for e in evs]) for name, evs in views.group_by_province(events)] == [
        ("Aleppo", ["3"]), ("Homs", ["1"]), (views.UNLOCATED, ["2"])]


def test_a_bulletin_counts_the_reports_of_its_events_and_of_its_tallies_once_each():
    e1, e2 = _ev("1", "2016-12-23"), dataclasses.replace(_ev("2", "2016-12-23"), article="b")
    tally = Tally("2016-12-23", "killed", 3, {"Homs": 3}, None, "a", "s", 0, 1, sources=(("c", 0), ("a", 5)))
    slugs = views.bulletin_reports(Bulletin("2016-12-23", events=[e1, e2, e1], tallies=[tally]))
    assert slugs == ["a", "b", "c"]
    day = lambda slug, source: Article(f"{slug}.md", slug, "t", dt.date(2016, 12, 23), "", source=source)  # noqa: E731
    assert views.outlets(slugs, {"a": day("a", "Reuters"), "b": day("b", "AFP"), "c": day("c", "Reuters")}) == ["AFP", "Reuters"]


def test_key_metric_series_leaves_days_without_a_figure_empty_not_zero():
    b1 = Bulletin("2016-12-21", key_figures=[KeyFigure("killed", 3, 5, ())])
    b2 = Bulletin("2016-12-23", key_figures=[KeyFigure("injured", 2, 2, ())])
    assert views.key_metric_series([b1, b2], "killed", "2016-12-23", 4) == [
        ("2016-12-20", None), ("2016-12-21", 5), ("2016-12-22", None), ("2016-12-23", None)]


def test_place_series_counts_an_unlisted_province_as_zero_and_a_day_without_tally_as_missing():
    def t(date: str, by_place: dict[str, int]) -> Tally:
        return Tally(date, "ceasefire_violations", sum(by_place.values()), by_place, None, "a", "s", 0, 1)

    tallies = [t("2016-12-20", {"Aleppo": 6, "Hama": 2}), t("2016-12-22", {"Hama": 1}),
               t("2016-12-22", {"Aleppo": 4}), t("2016-12-23", {"Damascus": 9})]
    assert views.place_tally_series(tallies, "Aleppo", "ceasefire_violations", 10) == [
        ("2016-12-20", 6), ("2016-12-21", None), ("2016-12-22", 4), ("2016-12-23", 0)]
    assert views.place_tally_series(tallies, "Aleppo", "killed", 10) == []
    assert len(views.place_tally_series(tallies, "Aleppo", "ceasefire_violations", 2)) == 2


def test_place_map_links_each_circle_to_the_incident_on_its_bulletin(rendered):
    page = rendered[0] / "places/aleppo/index.html"
    html = page.read_text(encoding="utf-8")
    svg = re.search(r'<svg[^>]*class="map".*?</svg>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"#]+)#(i-[^"]+)" tabindex="-1">', svg)
    assert links
    for address, anchor in links:
        target = (page.parent / address / "index.html").resolve()
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8")
    assert "/2015/" not in html or 'class="map"' not in read(rendered[0], "places/aleppo/2015/index.html")


def test_place_day_figures_come_from_incidents_of_that_province_alone():
    def e(eid: str, places: tuple[Place, ...], killed: int) -> Event:
        return Event(eid, "a", "2016-12-23", "day", None, "A sentence.", 0, 10, "shelling",
                     figures=(Figure("killed", killed, attributed_to="a monitor"),), places=places)

    aleppo = Place("Aleppo", "Aleppo", "SY")
    hama = Place("Hama", "Hama", "SY")
    assert views.place_day_figures([e("x", (aleppo,), 4), e("y", (aleppo, hama), 30)], ["killed"]) == \
        {("Aleppo", "killed"): {"2016-12-23": 4}}


def test_a_place_chart_draws_a_figure_on_the_day_its_clause_names():
    # "The council said 140 died over Friday and Saturday, while a doctor said 95 were killed in Hama on Saturday
    # alone": the sentence is dated Friday, the 95 counts on Saturday, in Hama's chart as in the key figures
    hama = Place("Hama", "Hama", "SY")
    event = Event("z", "a", "2014-03-07", "day", "Friday", "A sentence.", 0, 10, "shelling", places=(hama,),
                  figures=(Figure("killed", 95, attributed_to="a doctor", day="2014-03-08"),
                           Figure("killed", 140, attributed_to="the council", span="period",
                                  period_start="2014-03-07", period_end="2014-03-08")))
    assert views.place_day_figures([event], ["killed"]) == {("Hama", "killed"): {"2014-03-08": 95}}


def test_place_chart_window_reaches_every_tally_listed_under_it():
    per_day = {"2016-03-01": 2, "2016-12-23": 5}
    points = views.day_window(per_day, 30, since="2016-03-01")
    assert points[0] == ("2016-03-01", 2) and points[-1] == ("2016-12-23", 5)
    assert len(views.day_window(per_day, 30)) == 30


@pytest.mark.parametrize("page", ["places/aleppo/index.html", "places/damascus/index.html"])
def test_place_page_charts_cover_the_days_its_tallies_table_lists(rendered, page):
    html = read(rendered[0], page)
    table = re.search(r'<table class="place-tallies">.*?</table>', html, re.S)
    listed = re.findall(r'<th scope="row"><a [^>]*>(\d{4}-\d\d-\d\d)</a></th>', table.group(0)) if table else []
    spans = re.findall(r"by day, (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d) \(from bulletin tallies\)", html)
    assert spans or not listed
    for first, last in spans:
        assert all(first <= day <= last for day in listed)


@pytest.mark.parametrize(
    "text, marks, expected",
    [
        ("One. Two.", [], "<p>One. Two.</p>"),
        ("One. Two.", [views.Mark(5, 9, ())], '<p>One. <mark id="s-5">Two.</mark></p>'),
        ("A & B.\n\nC < D.", [views.Mark(8, 14, (("x#e-1", "timeline"),))],
         '<p>A &amp; B.</p>\n<p><mark id="s-8">C &lt; D.</mark> <a class="to-timeline" href="x#e-1">timeline</a></p>'),
        # overlapping marks: the second is dropped rather than nesting <mark>s
        ("One two three.", [views.Mark(0, 7, ()), views.Mark(4, 14, ())], '<p><mark id="s-0">One two</mark> three.</p>'),
        # a mark running over a paragraph break is closed and reopened, its id only on the first part
        ("Ab.\n\nCd.", [views.Mark(0, 8, ())], '<p><mark id="s-0">Ab.</mark></p>\n<p><mark>Cd.</mark></p>'),
    ],
)
def test_highlighting_marks_sentences_by_offset_and_escapes_the_rest(text, marks, expected):
    assert str(views.highlight_html(text, marks)) == expected


def test_article_marks_merge_an_event_and_a_tally_on_the_same_sentence():
    article = Article("a.md", "a", "T", dt.date(2016, 12, 23), "The centre counted 25 violations.", url="articles/a/")
    event = Event("e1", "a", "2016-12-23", "day", None, article.text, 0, len(article.text), "ceasefire_violation")
    tally = Tally("2016-12-23", "ceasefire_violations", 25, {"Damascus": 25}, None, "a", article.text, 0,
                  len(article.text), sources=(("a", 0), ("other", 7)))
    tl = links.Links({}, SiteData(articles=[article], events=[event]), ["2016-12-23"])
    marks = views.article_marks(article, [event], [tally], tl, "../..")
    assert len(marks) == 1 and marks[0].start == 0
    assert [href for href, _ in marks[0].links] == [
        "../../timeline/2016-12/#e-e1", f"../../bulletins/2016-12-23/#{urls.tally_anchor(tally)}"]


def test_the_link_from_an_article_to_a_weekend_event_reads_as_its_days():
    article = Article("a.md", "a", "T", dt.date(2011, 7, 19), "Guns fired at the weekend.", url="articles/a/")
    weekend = Event("e1", "a", "2011-W28-WE", "week", "the weekend", article.text, 0, len(article.text), "battles")
    tl = links.Links({}, SiteData(articles=[article], events=[weekend]), [])
    [mark] = views.article_marks(article, [weekend], [], tl)
    assert [label for _, label in mark.links] == ["timeline: battles, weekend of 16–17 July 2011"]


@pytest.mark.parametrize(
    "settings, method, arg, expected",
    [
        ({}, "bulletin_url", "2016-12-23", "bulletins/2016-12-23/"),
        ({"TIMELINE_BULLETIN_URL": "daily/{date}.html"}, "bulletin_url", "2016-12-23", "daily/2016-12-23.html"),
        ({}, "place_url", "Deir ez-Zor", "places/deir-ez-zor/"),
        ({}, "place_feed", "Deir ez-Zor", "feeds/places/deir-ez-zor.atom.xml"),
        ({"TIMELINE_PLACE_FEED_ATOM": None}, "place_feed", "Hama", ""),
        ({}, "type_url", "air_strike", "types/air-strike/"),
        ({}, "bulletins_year_url", "2016", "bulletins/2016/"),
        ({}, "bulletins_year_url", None, "bulletins/"),
        ({"TIMELINE_PERIOD_URL": "when/{period}.html"}, "period_url", "2016-12", "when/2016-12.html"),
        ({}, "metric_label", "ceasefire_violations", "Ceasefire violations"),
        ({"TIMELINE_METRICS": {"killed": {"label": "Deaths"}}}, "metric_label", "killed", "Deaths"),
        ({"TIMELINE_EVENT_TYPES": [{"type": "air_strike", "label": "Air raid"}]}, "type_label", "air_strike", "Air raid"),
        ({"TIMELINE_EVENT_TYPES": ({"id": "battles", "label": "Battles"},)}, "type_label", "battles", "Battles"),
        ({"TIMELINE_EVENT_TYPES": ()}, "type_label", "explosions_remote_violence", "Explosions remote violence"),
    ],
)
def test_addresses_and_labels_follow_the_settings(settings, method, arg, expected):
    assert getattr(links.Links(settings, SiteData()), method)(arg) == expected


@pytest.mark.parametrize(
    "settings, expected",
    [
        ({"INDEX_SAVE_AS": "articles/index.html"}, "articles/"),
        ({"INDEX_SAVE_AS": "index.html"}, None),  # our home page took its place
        ({"INDEX_SAVE_AS": "reports.html"}, "reports.html"),
        ({"INDEX_SAVE_AS": "index.html", "INDEX_URL": "all/"}, "all/"),
    ],
)
def test_link_to_pelicans_article_list_follows_index_save_as(settings, expected):
    assert links.Links(settings, SiteData()).articles_index == expected


def test_figure_text_reads_like_the_report():
    tl = links.Links({}, SiteData())
    assert tl.figure_text(Figure("killed", 6, qualifier="at least", subgroup="children")) == "at least 6 killed (children)"
    assert tl.figure_text(Figure("injured", 10, value_max=15)) == "10–15 injured"
    assert tl.figure_text(Figure("killed", 300, cumulative=True)) == "300 killed (running total)"
    assert tl.figure_text(Figure("displaced", 35000, qualifier="about")) == "about 35,000 displaced"
    period = types.SimpleNamespace(metric="killed", value=250, value_max=None, qualifier=None, subgroup=None,
                                   cumulative=False, span="period", period_start="2013-05-06", period_end="2013-05-07")
    assert tl.figure_text(period) == "250 killed (6–7 May 2013)"
    since = types.SimpleNamespace(**{**vars(period), "span": "cumulative", "period_start": "2013-04-01",
                                     "period_end": "2013-05-07", "value": 1400})
    assert tl.figure_text(since) == "1,400 killed (running total, 1 Apr – 7 May 2013)"


@pytest.mark.parametrize(
    "low, low_q, high, high_q, expected",
    [
        (37, "up to", 37, "up to", "up to 37"),
        (35000, "about", 35000, "about", "about 35,000"),
        (3, "at least", 6, None, "at least 3 to 6"),
        (1200, None, 39250, None, "1,200–39,250"),
        (7, None, 7, None, "7"),
    ],
)
def test_headlines_keep_what_the_sources_said(low, low_q, high, high_q, expected):
    assert views.headline(KeyFigure("killed", low, high, (), low_qualifier=low_q, high_qualifier=high_q)) == expected


@pytest.mark.parametrize(
    "start, end, span, expected",
    [
        ("2016-07-31", "2016-08-31", "cumulative", "running total, 31 Jul – 31 Aug 2016"),
        ("2011-12-19", "2011-12-20", "period", "19–20 Dec 2011"),
        ("2016-12-30", "2017-01-02", "period", "30 Dec 2016 – 2 Jan 2017"),
        (None, None, "period", "over several days"),
        ("2011", None, "cumulative", "running total, since 2011"),
    ],
)
def test_a_total_says_which_days_it_counts(start, end, span, expected):
    total = ReportedTotal("killed", 250, None, "Council", None, span, start, end, ("e",))
    assert views.total_span_text(total) == expected


def test_build_report_separates_errors_warnings_and_totals_that_differ():
    ok = Tally("2016-12-23", "m", 3, {"A": 1, "B": 2}, None, "a", "s", 0, 1, stated_total=3)
    off = Tally("2016-12-24", "m", 5, {"A": 1, "B": 2}, None, "a", "s", 0, 1, stated_total=5)
    data = SiteData(tallies=[ok, off], problems=[Problem("x.md", "read", "empty"), Problem("y.md", "tallies", "w", "warning")])
    report = pages.build_report(data)
    assert [p.path for p in report["report_errors"]] == ["x.md"]
    assert [p.path for p in report["report_warnings"]] == ["y.md"]
    assert report["report_mismatched"] == [off]


def test_custom_addresses_move_the_pages(tmp_path):
    mp = pytest.MonkeyPatch()
    use_hand_pipeline(mp)
    try:
        # PLACE_*: the names from before the TIMELINE_ prefix are still read (settings.RENAMED)
        out = pelican_build(tmp_path, TIMELINE_BULLETIN_URL="daily/{date}.html", TIMELINE_BULLETIN_SAVE_AS="daily/{date}.html",
                            PLACE_URL="where/{slug}.html", PLACE_SAVE_AS="where/{slug}.html")
    finally:
        mp.undo()
    assert (out / "daily" / "2016-12-23.html").is_file() and not (out / "bulletins" / "2016-12-23").exists()
    assert 'href="../where/damascus.html">Damascus</a>' in read(out, "daily/2016-12-23.html")


def _place_charts(out: Path) -> int:
    return sum(p.read_text(encoding="utf-8").count('<figure class="chart-block">') for p in (out / "places").rglob("index.html"))


def test_zero_and_empty_settings_mean_none_not_the_default(tmp_path):
    # TIMELINE_HOME_BULLETINS = 0 once listed every bulletin (bulletins[-0:]), and
    # TIMELINE_KEY_METRICS = [] fell back to the default metrics on place pages.
    mp = pytest.MonkeyPatch()
    use_hand_pipeline(mp)
    try:
        default = pelican_build(tmp_path / "default")
        none = pelican_build(tmp_path / "none", TIMELINE_HOME_BULLETINS=0, TIMELINE_KEY_METRICS=[])
    finally:
        mp.undo()
    assert '<section aria-labelledby="recent">' in read(default, "index.html")
    assert '<section aria-labelledby="recent">' not in read(none, "index.html")
    # place pages chart the key metrics from reports, then every tallied metric
    assert _place_charts(default) > _place_charts(none) > 0


# -- structure of every page: unique ids, headings that don't skip levels ---------------------------

class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.headings: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if ident:
            self.ids.append(ident)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def _html_pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "theme" not in p.parts)


def test_every_page_has_unique_ids_one_h1_and_no_skipped_heading_levels(rendered):
    problems = []
    for page in _html_pages(rendered[0]):
        s = _Structure()
        s.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(rendered[0]).as_posix()
        dupes = sorted({i for i in s.ids if s.ids.count(i) > 1})
        if dupes:
            problems.append(f"{rel}: duplicate ids {dupes}")
        if s.headings.count(1) != 1 or s.headings[:1] != [1]:
            problems.append(f"{rel}: h1 count {s.headings.count(1)}")
        skips = [(a, b) for a, b in zip(s.headings, s.headings[1:]) if b > a + 1]
        if skips:
            problems.append(f"{rel}: heading jumps {skips}")
    assert problems == []


# -- colour contrast of the theme (WCAG AA: 4.5:1 for text) -------------------------------------------

def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio. >>> round(contrast("#000000", "#ffffff"), 1) == 21.0"""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


CSS_VARS = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", (ROOT / "theme/static/css/site.css").read_text()))


@pytest.mark.parametrize(
    "foreground, background",
    [
        ("text", "bg"), ("muted", "bg"), ("link", "bg"), ("accent", "bg"),
        ("text", "panel"), ("muted", "panel"), ("link", "panel"), ("accent", "panel"),
        ("text", "mark"), ("warn", "warn-bg"), ("link", "warn-bg"),
    ],
)
def test_theme_text_colours_meet_wcag_aa(foreground, background):
    assert contrast(CSS_VARS[foreground], CSS_VARS[background]) >= 4.5


@pytest.mark.parametrize("foreground, background", [("#ffffff", "#14213d"), ("#dfe6f3", "#14213d"), ("#333333", "#ffffff")])
def test_header_and_chart_text_meet_wcag_aa(foreground, background):
    css = (ROOT / "theme/static/css/site.css").read_text()
    assert foreground.lower() in css.lower() and background.lower() in css.lower()
    assert contrast(foreground, background) >= 4.5


def test_an_empty_content_folder_still_builds_every_index_page(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    out = pelican_build(tmp_path / "out", content)
    for page in ("index.html", "bulletins/index.html", "timeline/index.html", "places/index.html",
                 "types/index.html", "report/index.html"):
        assert (out / page).is_file(), page
    assert "No bulletins yet" in read(out, "index.html")
    assert "<strong>0</strong> articles read" in read(out, "report/index.html")


# -- headings in an article's text ------------------------------------------------------------------


def test_an_article_heading_is_a_heading_again_with_its_sentences_still_marked():
    text = "Shelling resumed in the east on Friday.\n\nPolice units reach the city\n\nA convoy of 40 vehicles arrived, the ministry said."
    headings = views.document_headings("<p>Shelling resumed in the east on Friday.</p><h2>Police units reach the city</h2><p>...</p>")
    start = text.index("A convoy")
    html = str(views.highlight_html(text, [views.Mark(start, len(text), (("#e-1", "timeline"),))], headings))
    assert "<h2>Police units reach the city</h2>" in html
    assert f'<p><mark id="s-{start}">A convoy of 40 vehicles arrived, the ministry said.</mark>' in html
    assert html.count("<h2>") == 1


def test_markdown_headings_of_the_demo_articles_render_as_headings(built_site):
    checked = 0
    for source in sorted(Path("content/articles").glob("*.md")):
        lines = source.read_text(encoding="utf-8").splitlines()
        slug = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("Slug:")), None)
        titles = [line.lstrip("#").strip() for line in lines if re.match(r"#{1,3} ", line)]
        page = built_site / "articles" / str(slug) / "index.html"
        if not titles or not page.exists():
            continue
        body = page.read_text(encoding="utf-8").split('<div class="article-text">', 1)[1]
        for title in titles:
            assert re.search(r"<h[23]>" + re.escape(str(escape(title))) + r"</h[23]>", body), title
            checked += 1
    assert checked


# -- reading: Pelican's own reading decides the Date and Title ----------------------------------------


def test_a_date_pelican_reads_is_published_and_a_file_it_does_not_read_is_explained(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "articles" / "written-date.md").write_text(
        "Title: Shelling in Hama\nDate: 23 December 2016\nSource: Wire\nSource: Other\n\n"
        "Four people were killed in Hama on Friday when shells hit a market, medics said.\n", encoding="utf-8")
    (content / "articles" / "no-date.md").write_text(
        "Title: Undated\n\nTwo people were wounded in Idlib on Friday, a doctor said.\n", encoding="utf-8")
    out = pelican_build(tmp_path / "out", content)
    report = read(out, "report/index.html")
    assert (out / "bulletins" / "2016-12-23" / "index.html").is_file()  # Pelican's reading of the date is used
    assert "Hama" in read(out, "bulletins/2016-12-23/index.html")
    assert "metadata given twice, the first value is used: Source" in report  # checked while Pelican read it
    assert "no-date.md" in report and "no Date metadata" in report  # not read by Pelican: said why
    assert "unparseable date" not in report
