"""Bulletin and place feeds, read back the way feed readers read them (feedparser)."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import feedparser
import pytest
from conftest import PUBLISH_SITEURL, sample_site_data
from pelican import signals
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from generator import feedids, feeds, settings
from generator.model import OTHER_PLACES, SiteData

SITEURL = PUBLISH_SITEURL


def write(output: Path, site_data: SiteData, **overrides) -> Path:
    """Write every feed of ``site_data`` into ``output`` with Pelican's own writer."""
    settings = {**DEFAULT_CONFIG, "TIMEZONE": "UTC", "SITEURL": SITEURL, "FEED_DOMAIN": SITEURL, **overrides}
    context = {k: settings[k] for k in ("SITENAME", "SITEURL", "FEED_DOMAIN", "TIMELINE_FEED_ID_DOMAIN") if k in settings}
    signals.feed_generated.connect(feedids.rewrite)  # as generator.register() does in a build
    context["SITESUBTITLE"] = "Daily bulletins"
    feeds.write_feeds(Writer(str(output), settings=settings), site_data, context, settings)
    return output


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path.name}: {parsed.get('bozo_exception')}"
    return parsed


FEED_FILES = [
    "feeds/bulletins.atom.xml",
    "feeds/bulletins.rss.xml",
    "feeds/places/aleppo.atom.xml",
    "feeds/places/aleppo.rss.xml",
    "feeds/places/homs.atom.xml",
    "feeds/places/rif-dimashq.rss.xml",
    "feeds/metrics/killed.atom.xml",
]


@pytest.mark.parametrize("name", FEED_FILES)
def test_every_feed_parses_without_errors(tmp_path, site_data, name):
    parsed = parse(write(tmp_path, site_data) / name)
    assert parsed.entries


def test_a_feed_address_set_empty_switches_that_feed_off(tmp_path, site_data):
    off = {"TIMELINE_BULLETIN_FEED_RSS": "", "TIMELINE_BULLETIN_FEED_JSON": None, "TIMELINE_PLACE_FEED_RSS": "",
           "TIMELINE_METRIC_FEED_ATOM": "", "TIMELINE_PLACE_FEED_ATOM": "where/{slug}.xml"}
    written = sorted(str(f.relative_to(tmp_path)) for f in write(tmp_path, site_data, **off).rglob("*") if f.is_file())
    assert "feeds/bulletins.atom.xml" in written and "where/aleppo.xml" in written
    assert [f for f in written if f.endswith((".rss.xml", ".json")) or "/metrics/" in f or "/places/" in f] == []


@pytest.mark.parametrize("name", ["feeds/bulletins.atom.xml", "feeds/bulletins.rss.xml"])
def test_bulletin_feeds_have_one_entry_per_day_newest_first(tmp_path, site_data, name):
    parsed = parse(write(tmp_path, site_data) / name)
    links = [e.link for e in parsed.entries]
    assert links == [f"{SITEURL}/bulletins/2016-12-23/", f"{SITEURL}/bulletins/2016-12-22/"]


@pytest.mark.parametrize("name", ["feeds/bulletins.atom.xml", "feeds/bulletins.rss.xml"])
def test_a_late_report_updates_an_entry_without_making_it_new(tmp_path, site_data_factory, name):
    before = parse(write(tmp_path / "before", site_data_factory()) / name)
    after = parse(write(tmp_path / "after", site_data_factory(extra_article=True)) / name)
    assert [e.id for e in after.entries] == [e.id for e in before.entries]
    assert [e.published_parsed for e in after.entries] == [e.published_parsed for e in before.entries]
    if name.endswith(".atom.xml"):
        revised = {e.link.rsplit("/", 2)[-2]: e.updated[:10] for e in after.entries}
        assert revised == {"2016-12-23": "2016-12-25", "2016-12-22": "2016-12-24"}


def test_bulletin_entries_are_titled_with_the_day_in_one_line(tmp_path, site_data):
    out = write(tmp_path, site_data)
    titles = [e.title for e in parse(out / "feeds/bulletins.atom.xml").entries]
    assert titles == [
        "6 to at least 8 killed in al-Hamdaniya, Aleppo (Syrian Observatory for Human Rights, State television)",
        "25 ceasefire violations in Damascus, Rif Dimashq (Russian Defence Ministry)",
    ]


def test_atom_dates_are_the_bulletin_day_and_the_latest_contributing_article(tmp_path, site_data):
    parsed = parse(write(tmp_path, site_data) / "feeds/bulletins.atom.xml")
    dates = [(e.published, e.updated) for e in parsed.entries]
    # 23 Dec: reported the same day; 22 Dec: reported by an article of the 24th.
    assert dates == [
        ("2016-12-23T00:00:00+00:00", "2016-12-23T00:00:00+00:00"),
        ("2016-12-22T00:00:00+00:00", "2016-12-24T00:00:00+00:00"),
    ]
    assert parsed.feed.updated == "2016-12-24T00:00:00+00:00"


@pytest.mark.parametrize("name", ["feeds/bulletins.atom.xml", "feeds/bulletins.rss.xml", "feeds/bulletins.json"])
@pytest.mark.parametrize("expected", [
    "Key figures",
    "6–8",
    "Syrian Observatory for Human Rights: 6",
    "State television: at least 8",
    "Militants shelled al-Hamdaniya",
    "&lt;b&gt;&amp; two&lt;/b&gt;",  # article text is text, never markup
    "<th scope=\"row\">Damascus</th><td>17</td>",
    "https://news.example/a1",
    f"{SITEURL}/articles/aleppo-attacked/",
])
def test_entries_carry_the_full_bulletin(tmp_path, site_data, name, expected):
    raw = (write(tmp_path, site_data) / name).read_text(encoding="utf-8")
    if name.endswith(".json"):
        content = "".join(item["content_html"] for item in json.loads(raw)["items"])
    else:
        parsed = parse(tmp_path / name)
        content = "".join(e.content[0].value if "content" in e else e.description for e in parsed.entries)
        # feedparser unescapes once; compare against the HTML as a reader renders it
    assert expected in content


def test_rss_carries_full_content_even_when_pelican_feeds_are_summary_only(tmp_path, site_data):
    parsed = parse(write(tmp_path, site_data, RSS_FEED_SUMMARY_ONLY=True) / "feeds/bulletins.rss.xml")
    assert "Militants shelled al-Hamdaniya" in parsed.entries[0].description


def test_summary_only_setting_keeps_the_key_figures_and_drops_the_body(tmp_path, site_data):
    parsed = parse(write(tmp_path, site_data, TIMELINE_BULLETIN_FEED_FULL_CONTENT=False) / "feeds/bulletins.atom.xml")
    first = parsed.entries[0]
    assert "Killed: 6–8" in first.content[0].value
    assert "Militants shelled" not in first.content[0].value


def test_summaries_give_the_key_figures(tmp_path, site_data):
    parsed = parse(write(tmp_path, site_data) / "feeds/bulletins.atom.xml")
    assert [e.summary for e in parsed.entries] == ["Killed: 6–8.", "Ceasefire violations: 25."]


def test_links_inside_content_are_absolute(tmp_path, site_data):
    raw = (write(tmp_path, site_data) / "feeds/bulletins.atom.xml").read_text(encoding="utf-8")
    hrefs = re.findall(r'href=&quot;(.*?)&quot;|href="(.*?)"', raw)
    targets = [a or b for a, b in hrefs]
    assert targets
    assert all(t.startswith(("https://", "http://")) for t in targets), targets


def test_place_feeds_list_each_incident_under_every_province_it_names(tmp_path, site_data):
    out = write(tmp_path, site_data)
    titles = {
        slug: [e.title for e in parse(out / f"feeds/places/{slug}.atom.xml").entries]
        for slug in ("aleppo", "homs", "rif-dimashq")
    }
    assert titles == {
        "aleppo": [
            # the day's incident, titled by its figures side by side
            "23 December 2016: 6 to at least 8 killed in al-Hamdaniya, Aleppo (Syrian Observatory for Human Rights, State television)",
            "22 December 2016: 6 ceasefire violations in Aleppo",  # its row of a tally
            "December 2016: Armed clash in Homs, Aleppo",
        ],
        "homs": ["December 2016: Armed clash in Homs, Aleppo"],
        "rif-dimashq": ["22 December 2016: 25 ceasefire violations in Damascus, Rif Dimashq (Russian Defence Ministry)"],
    }


def test_a_place_only_ever_counted_in_a_tally_still_has_a_feed(tmp_path, site_data):
    out = write(tmp_path, site_data)
    assert sorted(p.name for p in (out / "feeds/places").iterdir()) == [
        f"{slug}.{kind}.xml" for slug in ("aleppo", "damascus", "hama", "homs", "rif-dimashq") for kind in ("atom", "rss")
    ]
    [entry] = parse(out / "feeds/places/hama.atom.xml").entries
    assert entry.title == "22 December 2016: 2 ceasefire violations in Hama"
    assert entry.summary == "2 of 25 ceasefire violations, according to Russian Defence Ministry."
    assert entry.link.startswith(f"{SITEURL}/bulletins/2016-12-22/#t-")


def test_the_other_places_row_of_a_tally_is_no_place_and_has_no_feed(tmp_path, site_data):
    tallied = [dataclasses.replace(t, by_place={**t.by_place, OTHER_PLACES: 3}) for t in site_data.tallies]
    out = write(tmp_path, dataclasses.replace(site_data, tallies=tallied))
    assert sorted(p.name for p in (out / "feeds/places").iterdir()) == [
        f"{slug}.{kind}.xml" for slug in ("aleppo", "damascus", "hama", "homs", "rif-dimashq") for kind in ("atom", "rss")
    ]


def test_place_entries_link_day_incidents_to_their_bulletin_and_others_to_the_place(tmp_path, site_data):
    entries = parse(write(tmp_path, site_data) / "feeds/places/aleppo.atom.xml").entries
    assert [e.link for e in entries if "#e-" in e.link or "#i-" in e.link] == [
        f"{SITEURL}/bulletins/2016-12-23/#i-e1aaaaaaaaaa",
        f"{SITEURL}/places/aleppo/#e-e2bbbbbbbbbb",
    ]
    assert len({e.id for e in entries}) == len(entries)


def test_place_feed_titles_are_distinct(tmp_path, site_data):
    """Two unrelated happenings of one type, place and day get numbered titles, never the same one."""
    import dataclasses

    from generator import incidents
    from generator.model import Event, Place

    aleppo = Place("Aleppo", "Aleppo", "SY", "city", "Aleppo")
    extra = [
        Event("f1", "aleppo-attacked", "2016-12-23", "day", None, "Engineers reopened the water station in Aleppo.",
              300, 350, "strategic_developments", (aleppo,)),
        Event("f2", "ceasefire-violations", "2016-12-23", "day", None, "A prisoner swap was agreed for Aleppo.",
              300, 340, "strategic_developments", (aleppo,)),
    ]
    day23 = site_data.bulletins[1]
    events = day23.events + extra
    site_data.bulletins[1] = dataclasses.replace(day23, events=events, incidents=incidents.group(events, day23.tallies))
    site_data.events = site_data.events + extra
    titles = [e.title for e in parse(write(tmp_path, site_data) / "feeds/places/aleppo.atom.xml").entries]
    assert len(titles) == len(set(titles))
    assert "23 December 2016: Strategic developments in Aleppo (2)" in titles


def test_metric_feeds_give_each_days_range_and_every_claim(tmp_path, site_data):
    out = write(tmp_path, site_data)
    assert sorted(p.name for p in (out / "feeds/metrics").iterdir()) == ["ceasefire-violations.atom.xml", "killed.atom.xml"]
    [entry] = parse(out / "feeds/metrics/killed.atom.xml").entries
    assert entry.title == "Killed, 23 December 2016: 6–8"
    assert entry.link == f"{SITEURL}/bulletins/2016-12-23/#kf-killed"
    assert "Syrian Observatory for Human Rights: 6" in entry.content[0].value
    assert "State television: at least 8" in entry.content[0].value


def test_json_feed_uses_the_same_ids_as_atom(tmp_path, site_data):
    out = write(tmp_path, site_data)
    document = json.loads((out / "feeds/bulletins.json").read_text(encoding="utf-8"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    atom = parse(out / "feeds/bulletins.atom.xml")
    assert [i["id"] for i in document["items"]] == [e.id for e in atom.entries]
    assert [i["date_modified"] for i in document["items"]] == [e.updated for e in atom.entries]


def test_the_same_data_gives_byte_identical_feeds(tmp_path, site_data_factory):
    one = write(tmp_path / "one", site_data_factory())
    two = write(tmp_path / "two", site_data_factory())
    for path in sorted((one / "feeds").rglob("*.*")):
        assert path.read_bytes() == (two / path.relative_to(one)).read_bytes(), path.name


def test_an_empty_site_writes_no_feed_rather_than_one_stamped_with_the_clock(tmp_path):
    write(tmp_path, SiteData())
    assert not (tmp_path / "feeds").exists()


def aggregated_site() -> SiteData:
    """Two days through the real aggregation: a running total on the first, one day's toll on the second.

    Day one's report: "The monitor said 1,480 people had been killed in the
    province since the offensive began, and about 12,500 had fled." Day two's:
    "Shelling killed four people in the city on Tuesday, the monitor said."
    """
    import datetime as dt

    from generator.aggregate import aggregate
    from generator.model import Article, Event, Extraction, Figure, Place

    hama = Place("Hama", "Hama", "SY", "city", "Hama")
    arts = [Article(f"{d}.md", f"report-{d}", f"Report {d}", dt.date.fromisoformat(d), "text", source="Wire",
                    url=f"articles/report-{d}/") for d in ("2016-02-01", "2016-02-02")]
    running = Event("r1", arts[0].slug, "2016-02-01", "day", None, "The monitor said ...", 0, 20, "other",
                    places=(hama,), figures=(Figure("killed", 1480, attributed_to="Monitor", cumulative=True),
                                             Figure("displaced", 12500, qualifier="about", attributed_to="Monitor",
                                                    cumulative=True)))
    toll = Event("d2", arts[1].slug, "2016-02-02", "day", "on Tuesday", "Shelling killed four ...", 0, 20, "shelling",
                 places=(hama,), figures=(Figure("killed", 4, attributed_to="Monitor"),))
    events, tallies, bulletins = aggregate(
        [Extraction(arts[0], (running,)), Extraction(arts[1], (toll,))], ["killed", "displaced"])
    return SiteData(articles=arts, events=events, tallies=tallies, bulletins=bulletins)


def test_a_running_total_is_no_metric_feed_entry_and_no_change(tmp_path):
    out = write(tmp_path, aggregated_site())
    entries = parse(out / "feeds/metrics/killed.atom.xml").entries
    assert [e.title for e in entries] == ["Killed, 2 February 2016: 4"]  # never "Killed, 1 February 2016: 1480"
    bulletins = parse(out / "feeds/bulletins.atom.xml").entries
    assert bulletins[0].summary == "Killed: 4."  # no "(-1476)"
    assert not (out / "feeds/metrics/displaced.atom.xml").exists()


def test_bulletin_feed_shows_totals_reported_that_day_as_totals(tmp_path):
    out = write(tmp_path, aggregated_site())
    day_one = parse(out / "feeds/bulletins.atom.xml").entries[1]
    assert day_one.summary == ("Totals reported: 1,480 killed, running total (Monitor), "
                               "about 12,500 displaced, running total (Monitor).")
    content = day_one.content[0].value
    assert "<h2>Totals reported today</h2>" in content and "Key figures" not in content


# -- the demo site, built by Pelican ------------------------------------------------------


def _bulletin_days(site: Path) -> list[str]:
    return sorted((p.name for p in (site / "bulletins").iterdir() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.name)), reverse=True)


@pytest.mark.parametrize("name", ["bulletins.atom.xml", "bulletins.rss.xml"])
def test_built_feeds_have_one_entry_per_bulletin_page(published_site, name):
    parsed = parse(published_site / "feeds" / name)
    days = _bulletin_days(published_site)
    assert days
    assert [e.link for e in parsed.entries] == [f"{PUBLISH_SITEURL}/bulletins/{d}/" for d in days][: len(parsed.entries)]
    assert len(parsed.entries) == min(len(days), 100)


def test_built_bulletin_entries_are_dated_by_their_day_and_updated_no_earlier(published_site):
    for entry in parse(published_site / "feeds" / "bulletins.atom.xml").entries:
        day = entry.link.rstrip("/").rsplit("/", 1)[-1]
        assert entry.published[:10] == day
        assert entry.updated >= entry.published
        assert day in entry.id


def test_built_place_feeds_exist_for_every_place_page(published_site):
    pages = sorted(p.name for p in (published_site / "places").iterdir() if (p / "index.html").exists())
    place_feeds = sorted(p.name.split(".")[0] for p in (published_site / "feeds" / "places").glob("*.atom.xml"))
    assert place_feeds
    assert set(place_feeds) <= set(pages)
    for slug in place_feeds:
        parse(published_site / "feeds" / "places" / f"{slug}.atom.xml")
        parse(published_site / "feeds" / "places" / f"{slug}.rss.xml")


def test_pelicans_own_article_feed_is_still_written(built_site):
    assert parse(built_site / "feeds" / "all.atom.xml").entries


def test_two_builds_give_the_same_feed_ids_and_bytes(published_site, site_builder):
    again = site_builder("published-again", SITEURL=PUBLISH_SITEURL, FEED_DOMAIN=PUBLISH_SITEURL, RELATIVE_URLS=False)
    for path in sorted((published_site / "feeds").rglob("*.*")):
        assert path.read_bytes() == (again / path.relative_to(published_site)).read_bytes(), path.name


def _ids(site: Path) -> dict[str, tuple[str, list[str]]]:
    """Every Atom/RSS feed of a built site: its own id and its entries' ids."""
    out = {}
    for path in sorted((site / "feeds").rglob("*.xml")):
        parsed = parse(path)
        out[path.relative_to(site).as_posix()] = (parsed.feed.get("id", ""), [e.id for e in parsed.entries])
    return out


def test_feed_ids_never_say_none_without_siteurl(built_site):
    """make html has no SITEURL: ids still have a domain (localhost), each feed its own id, each entry a unique id."""
    ids = _ids(built_site)
    assert len(ids) > 5
    for name, (_own, entries) in ids.items():
        assert entries, name
        assert all(i.startswith("tag:localhost,") and "None" not in i for i in entries), (name, entries[:3])
        assert len(set(entries)) == len(entries), name
    atom_ids = [own for name, (own, _) in ids.items() if name.endswith(".atom.xml")]
    assert all(i.startswith("urn:uuid:") for i in atom_ids)
    assert len(set(atom_ids)) == len(atom_ids), "every feed has its own id"
    document = json.loads((built_site / "feeds/bulletins.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in document["items"]] == ids["feeds/bulletins.atom.xml"][1]


def test_published_feed_ids_are_the_development_ids_on_the_sites_domain(built_site, published_site):
    """Entry ids name the item's address relative to the site: publishing under a sub-path changes only the domain."""
    dev, published = _ids(built_site), _ids(published_site)
    host = PUBLISH_SITEURL.split("//")[1].split("/")[0]
    assert sorted(dev) == sorted(published)
    for name, (_, entries) in published.items():
        assert entries == [i.replace("tag:localhost,", f"tag:{host},", 1) for i in dev[name][1]], name


def test_the_id_domain_setting_names_every_id_and_is_checked(tmp_path, site_data):
    out = write(tmp_path, site_data, TIMELINE_FEED_ID_DOMAIN="news.example.net")
    atom = parse(out / "feeds/bulletins.atom.xml")
    assert atom.entries and all(e.id.startswith("tag:news.example.net,2016-12-2") for e in atom.entries)
    assert atom.entries[0].id == "tag:news.example.net,2016-12-23:bulletins/2016-12-23/"  # relative to the site: no /bulletin/
    problems = settings.validate({"TIMELINE_FEED_ID_DOMAIN": "https://news.example.net/"})
    assert len(problems) == 1 and problems[0].startswith("TIMELINE_FEED_ID_DOMAIN")
    assert settings.validate({"TIMELINE_FEED_ID_DOMAIN": "news.example.net"}) == []


def test_only_the_newest_feed_max_items_entries_are_made():
    site = sample_site_data(extra_article=True)
    tl = feeds.links_for(site, {})
    every = feeds.bulletin_items(site, {}, tl)
    newest = feeds.bulletin_items(site, {}, tl, limit=1)
    assert len(every) == 2 and [(i.url, i.title, i.modified) for i in newest] == [(i.url, i.title, i.modified) for i in every[:1]]
    metric = feeds.feed_metrics(site)[0]
    assert feeds.metric_items(metric, site, tl, limit=1)[0].url == feeds.metric_items(metric, site, tl)[0].url


def test_a_figure_the_outlet_reports_itself_is_shown_as_its_own_reporting(tmp_path):
    """"Two people were killed when a bus overturned," with nobody named in the whole article."""
    import datetime as dt

    from generator.aggregate import aggregate
    from generator.model import Article, Event, Extraction, Figure, Place

    homs = Place("Homs", "Homs", "SY", "city", "Homs")
    art = Article("a.md", "crash", "Crash", dt.date(2016, 3, 1), "text", source="Valley Gazette", url="articles/crash/")
    own = Event("o1", art.slug, "2016-03-01", "day", None, "Two people were killed ...", 0, 20, "other", places=(homs,),
                figures=(Figure("killed", 2, source_basis="outlet"), Figure("injured", 5)), source="Valley Gazette")
    events, tallies, bulletins = aggregate([Extraction(art, (own,))], ["killed", "injured"])
    out = write(tmp_path, SiteData(articles=(art,), events=events, tallies=tallies, bulletins=bulletins))
    content = parse(out / "feeds/bulletins.atom.xml").entries[0].content[0].value
    assert "outlet&#39;s own reporting (Valley Gazette): 2" in content or "outlet's own reporting (Valley Gazette): 2" in content
    assert "source not named: 5" in content  # no basis recorded: still not named
