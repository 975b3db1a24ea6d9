"""Data exports: documented columns, formats readers can load, byte-identical rebuilds."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from generator import exports
from generator.model import Event, Figure, Incident, KeyFigure, ReportedTotal, SiteData, Tally

SITEURL = "https://example.org/bulletin"
FILES = [
    "events.csv", "events.json", "tallies.csv", "tallies.json", "key_figures.csv", "key_figures.json",
    "totals.csv", "totals.json", "incidents.csv", "incidents.json", "timeline.json", "events.ics", "schema.json",
]
TABLES = [("events", exports.EVENT_COLUMNS), ("tallies", exports.TALLY_COLUMNS), ("key_figures", exports.KEY_FIGURE_COLUMNS),
          ("incidents", exports.INCIDENT_COLUMNS)]


def write(output: Path, site_data: SiteData, **settings) -> Path:
    exports.write_exports(str(output), site_data, {"SITEURL": SITEURL, "SITENAME": "Test site", **settings})
    return output / settings.get("TIMELINE_EXPORT_PATH", "data")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("model, columns", [(Event, exports.EVENT_COLUMNS), (Tally, exports.TALLY_COLUMNS), (KeyFigure, exports.KEY_FIGURE_COLUMNS),
                                            (ReportedTotal, exports.TOTAL_COLUMNS), (Incident, exports.INCIDENT_COLUMNS)])
def test_every_model_field_reaches_the_exports(model, columns):
    covered = {f for c in columns for f in c.fields}
    assert {f.name for f in dataclasses.fields(model)} <= covered


@pytest.mark.parametrize("columns", [c for _, c in TABLES])
def test_every_column_is_documented_once(columns):
    names = exports.column_names(columns)
    assert len(names) == len(set(names))
    assert all(c.help.strip() for c in columns)


@pytest.mark.parametrize("name, columns", [(f"{stem}.csv", c) for stem, c in TABLES])
def test_csv_header_is_the_documented_columns(tmp_path, site_data, name, columns):
    with open(write(tmp_path, site_data) / name, encoding="utf-8", newline="") as fh:
        assert next(csv.reader(fh)) == exports.column_names(columns)


@pytest.mark.parametrize("stem", [stem for stem, _ in TABLES])
def test_json_rows_match_csv_rows(tmp_path, site_data, stem):
    folder = write(tmp_path, site_data)
    document = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    assert document["schema_version"] == exports.SCHEMA_VERSION
    as_text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in document[stem]]
    assert as_text == read_csv(folder / f"{stem}.csv")
    assert document["columns"] == list(as_text[0])


def test_event_rows_are_sorted_by_date_and_keep_partial_dates(tmp_path, site_data):
    rows = read_csv(write(tmp_path, site_data) / "events.csv")
    assert [(r["event_date"], r["date_precision"]) for r in rows] == [
        ("2016-12", "month"), ("2016-12-22", "day"), ("2016-12-23", "day"),
    ]


@pytest.mark.parametrize("column, expected", [
    ("event_id", "e1aaaaaaaaaa"),
    ("date_text", "on Friday"),
    ("admin1", "Aleppo"),
    ("location", "al-Hamdaniya"),
    ("country", "SY"),
    ("actors", "militants"),
    ("figures", "killed=6 (Syrian Observatory for Human Rights); killed[children]=2; killed≥8 (State television)"),
    ("fatalities", "6"),  # the lowest claim; the children are part of it, not added
    ("article_url", f"{SITEURL}/articles/aleppo-attacked/"),
    ("article_published", "2016-12-23"),
    ("sentence_start", "0"),
    ("sentence_end", "90"),
])
def test_event_columns_hold_what_the_codebook_says(tmp_path, site_data, column, expected):
    row = next(r for r in read_csv(write(tmp_path, site_data) / "events.csv") if r["event_id"] == "e1aaaaaaaaaa")
    assert row[column] == expected


def test_an_event_in_two_provinces_lists_both(tmp_path, site_data):
    row = next(r for r in read_csv(write(tmp_path, site_data) / "events.csv") if r["event_id"] == "e2bbbbbbbbbb")
    assert (row["admin1"], row["location"], row["fatalities"]) == ("Homs; Aleppo", "Homs; Aleppo", "")


def test_tallies_have_one_row_per_place_in_the_order_of_the_text(tmp_path, site_data):
    rows = read_csv(write(tmp_path, site_data) / "tallies.csv")
    assert [(r["place"], r["count"], r["total"], r["stated_total"]) for r in rows] == [
        ("Damascus", "17", "25", "25"), ("Aleppo", "6", "25", "25"), ("Hama", "2", "25", "25"),
    ]
    assert rows[0]["sources"] == "ceasefire-violations@71"
    assert rows[0]["article_url"] == f"{SITEURL}/articles/ceasefire-violations/"


def test_timeline_json_is_timelinejs_shaped(tmp_path, site_data):
    document = json.loads((write(tmp_path, site_data) / "timeline.json").read_text(encoding="utf-8"))
    assert document["title"]["text"]["headline"] == "Test site"
    slides = document["events"]
    assert [s["start_date"] for s in slides] == [
        {"year": "2016", "month": "12"},
        {"year": "2016", "month": "12", "day": "22"},
        {"year": "2016", "month": "12", "day": "23"},
    ]
    assert [s["display_date"] for s in slides] == ["December 2016", "22 December 2016", "23 December 2016"]
    for slide in slides:
        assert set(slide) == {"unique_id", "start_date", "display_date", "text", "group"}
        assert slide["unique_id"].startswith("e-")
        assert slide["text"]["headline"] and slide["text"]["text"].startswith("<p>")
    # Article text is escaped: TimelineJS renders ``text`` as HTML.
    assert "&lt;b&gt;&amp; two&lt;/b&gt;" in slides[2]["text"]["text"]


def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_ics_is_well_formed(tmp_path, site_data):
    raw = (write(tmp_path, site_data) / "events.ics").read_bytes()
    text = raw.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # only CRLF line ends
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 2  # the month event is not a day
    for required in ("UID:", "DTSTAMP:", "DTSTART;VALUE=DATE:", "DTEND;VALUE=DATE:", "SUMMARY:"):
        assert sum(line.startswith(required) for line in lines) == 2, required


def test_ics_events_are_all_day_with_stable_uids_and_data_derived_stamps(tmp_path, site_data):
    lines = unfold((write(tmp_path, site_data) / "events.ics").read_bytes().decode("utf-8"))
    first = lines[lines.index("BEGIN:VEVENT"): lines.index("END:VEVENT")]
    assert "UID:e3cccccccccc@example.org" in first
    assert "DTSTART;VALUE=DATE:20161222" in first and "DTEND;VALUE=DATE:20161223" in first
    assert "DTSTAMP:20161224T000000Z" in first  # the article's publication date, not the build time
    assert "LOCATION:Damascus" in first


def _calendar_of(site_data: SiteData, sentence: str) -> list[str]:
    """The unfolded VEVENT lines of the sample's first day event, with another sentence."""
    day = next(e for e in site_data.events if e.granularity == "day")
    lookup = exports.Lookup({a.slug: a for a in site_data.articles}, "")
    text = exports.calendar_text([dataclasses.replace(day, sentence=sentence, figures=(), source="")], lookup)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    return unfold(text)


def test_an_entry_telling_of_a_span_is_drawn_over_its_days_in_timelinejs_and_ics(site_data):
    day = next(e for e in site_data.events if e.granularity == "day")
    month = dataclasses.replace(day, span="cumulative", period_start="2016-11-20", period_end="2016-12-22")
    lookup = exports.Lookup({a.slug: a for a in site_data.articles}, "")
    [slide] = exports.timeline_document([month], lookup)["events"]
    assert (slide["start_date"], slide["end_date"]) == ({"year": "2016", "month": "11", "day": "20"},
                                                        {"year": "2016", "month": "12", "day": "22"})
    assert slide["display_date"] == "20 November 2016 – 22 December 2016"
    lines = unfold(exports.calendar_text([month], lookup))
    assert "DTSTART;VALUE=DATE:20161120" in lines and "DTEND;VALUE=DATE:20161223" in lines
    [plain] = exports.timeline_document([day], lookup)["events"]
    assert "end_date" not in plain


def test_ics_text_is_escaped(site_data):
    lines = _calendar_of(site_data, "Shelling hit Aleppo; two died, \\ one was hurt.\nMore later.")
    assert "DESCRIPTION:Shelling hit Aleppo\\; two died\\, \\\\ one was hurt.\\nMore later." in lines


def test_ics_folding_never_splits_a_character_or_an_escape(site_data):
    text = exports.calendar_text(
        [dataclasses.replace(next(e for e in site_data.events if e.granularity == "day"), sentence="é" * 60 + ",;" * 40)],
        exports.Lookup({a.slug: a for a in site_data.articles}, ""),
    )
    assert text.encode("utf-8").decode("utf-8") == text  # every fold falls between characters
    assert not any(line.endswith("\\") for line in text.split("\r\n"))  # "\\," stays on one line
    assert any(line.startswith("DESCRIPTION:" + "é" * 60 + "\\,\\;") for line in unfold(text))


@pytest.mark.parametrize("qualifier, sign", [(None, "="), ("at least", "≥"), ("more than", ">"), ("about", "≈"), ("up to", "≤"), ("roughly twice", " roughly twice ")])
def test_figure_qualifiers_have_compact_signs(qualifier, sign):
    assert exports.figure_text(Figure("killed", 5, qualifier=qualifier)) == f"killed{sign}5"


def test_exports_are_byte_identical_across_runs_and_input_order(tmp_path, site_data_factory):
    one = write(tmp_path / "one", site_data_factory())
    shuffled = site_data_factory()
    shuffled.events.reverse()
    shuffled.tallies.reverse()
    shuffled.articles.reverse()
    two = write(tmp_path / "two", shuffled)
    for name in FILES:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_export_folder_follows_the_setting(tmp_path, site_data):
    folder = write(tmp_path, site_data, TIMELINE_EXPORT_PATH="downloads")
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)


def test_an_empty_site_still_gets_headers_and_an_empty_calendar(tmp_path):
    folder = write(tmp_path, SiteData())
    assert read_csv(folder / "events.csv") == []
    assert (folder / "events.csv").read_text(encoding="utf-8").startswith("event_id,event_date,")
    assert json.loads((folder / "timeline.json").read_text(encoding="utf-8"))["events"] == []
    assert "BEGIN:VEVENT" not in (folder / "events.ics").read_text(encoding="utf-8")


@pytest.mark.parametrize("stem, columns", TABLES)
def test_schema_json_documents_every_table(stem, columns):
    document = exports.schema_document()
    assert document["schema_version"] == exports.SCHEMA_VERSION
    assert [c["name"] for c in document["tables"][stem]] == exports.column_names(columns)


def test_key_figures_keep_every_claim_and_the_range(tmp_path, site_data):
    rows = read_csv(write(tmp_path, site_data) / "key_figures.csv")
    assert [(r["date"], r["metric"], r["low"], r["high"], r["claims"]) for r in rows] == [
        ("2016-12-22", "ceasefire_violations", "25", "25", "Russian Defence Ministry=25"),
        ("2016-12-23", "killed", "6", "8", "Syrian Observatory for Human Rights=6; State television≥8"),
    ]
    assert rows[1]["event_ids"] == "e1aaaaaaaaaa"
    assert rows[1]["change"] == ""  # no change computed: not a zero


# -- the demo site, built by Pelican ----------------------------------------------------------


def test_built_site_has_every_export(built_site):
    folder = built_site / "data"
    assert sorted(p.name for p in folder.iterdir()) >= sorted(FILES)
    events = read_csv(folder / "events.csv")
    assert events, "the demo corpus has events"
    assert len({r["event_id"] for r in events}) == len(events)
    timeline = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))
    assert len(timeline["events"]) == len(events)


def test_built_timeline_and_calendar_use_the_sites_type_labels(built_site):
    from generator.event_types import DEFAULT_EVENT_TYPES

    labels = tuple(str(r["label"]) for r in DEFAULT_EVENT_TYPES)
    timeline = json.loads((built_site / "data" / "timeline.json").read_text(encoding="utf-8"))
    headlines = [e["text"]["headline"] for e in timeline["events"]]
    assert headlines and all(h.startswith(labels) for h in headlines)
    calendar = (built_site / "data" / "events.ics").read_text(encoding="utf-8")
    assert "remote violence" not in calendar.lower() and "SUMMARY:Shelling\\, air strikes and bombings" in calendar


def test_built_incidents_hold_every_day_event_once(built_site):
    """Each event dated to a day that tells of its day is a member of exactly one incident of that day;
    an entry telling of a span (the breakdown of a running total) is in none (issue 9)."""
    events = read_csv(built_site / "data" / "events.csv")
    incidents = read_csv(built_site / "data" / "incidents.csv")
    members = [(i["date"], e) for i in incidents for e in i["event_ids"].split("; ")]
    assert len(members) == len(set(members))
    assert sorted(members) == sorted((e["event_date"], e["event_id"]) for e in events
                                     if e["date_precision"] == "day" and e["event_span"] == "day")
    assert any(e["event_span"] == "cumulative" and e["period_start"] == "2016-07-31" for e in events), "the demo's monthly toll"
    assert len(incidents) < len(members), "the demo has incidents told in several sentences"


def test_built_event_rows_point_back_into_their_articles(built_site):
    """Every sentence in the export is where its offsets say, in an article we published."""
    rows = read_csv(built_site / "data" / "events.csv")
    for row in rows:
        assert int(row["sentence_start"]) < int(row["sentence_end"])
        assert row["article_url"].startswith("/articles/") or row["article_url"].startswith("articles/")
        assert (built_site / row["article_url"].strip("/") / "index.html").exists(), row["article_url"]


def test_totals_over_several_days_are_their_own_table_and_no_days_key_figure(tmp_path):
    # "The monitor said 2,310 people had been killed in the province since 1 March" (reported 30 March),
    # and on 31 March "Shelling killed five people in the town, the monitor said".
    import datetime as dt

    from generator.aggregate import aggregate
    from generator.model import Article, Extraction

    arts = [Article(f"{d}.md", f"r-{d}", "r", dt.date.fromisoformat(d), "t") for d in ("2017-03-30", "2017-03-31")]
    running = Event("run", arts[0].slug, "2017-03-30", "day", None, "s", 0, 9, "other",
                    figures=(Figure("killed", 2310, attributed_to="Monitor", cumulative=True),))
    day = Event("day", arts[1].slug, "2017-03-31", "day", None, "s", 0, 9, "shelling",
                figures=(Figure("killed", 5, attributed_to="Monitor"),))
    events, tallies, bulletins = aggregate([Extraction(arts[0], (running,)), Extraction(arts[1], (day,))], ["killed"])
    folder = write(tmp_path, SiteData(articles=arts, events=events, tallies=tallies, bulletins=bulletins))
    totals = read_csv(folder / "totals.csv")
    assert [(r["date"], r["metric"], r["value"], r["span"], r["attributed_to"], r["event_ids"]) for r in totals] == [
        ("2017-03-30", "killed", "2310", "cumulative", "Monitor", "run")]  # plain digits in CSV
    keys = read_csv(folder / "key_figures.csv")
    assert [(r["date"], r["high"], r["change"]) for r in keys] == [("2017-03-31", "5", "")]
    events_csv = read_csv(folder / "events.csv")
    assert [r["figures"] for r in events_csv] == ["killed=2310 cumulative (Monitor)", "killed=5 (Monitor)"]
    assert [r["fatalities"] for r in events_csv] == ["", "5"]
    document = json.loads((folder / "totals.json").read_text(encoding="utf-8"))
    assert document["totals"][0]["value"] == 2310


def test_a_part_of_a_period_is_exported_and_reads_early_or_late(tmp_path, site_data):
    month = next(e for e in site_data.events if e.granularity == "month")
    data = dataclasses.replace(site_data, events=[dataclasses.replace(month, date_mod="END") if e is month else e
                                                  for e in site_data.events])
    folder = write(tmp_path, data)
    rows = read_csv(folder / "events.csv")
    assert [r["date_mod"] for r in rows if r["date_precision"] == "month"] == ["END"]
    assert {r["date_mod"] for r in rows if r["date_precision"] == "day"} == {""}
    slides = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))["events"]
    assert slides[0]["display_date"] == "late December 2016"


def test_a_months_toll_is_no_incident_of_its_day_and_its_entries_say_their_span(built_site):
    """Issue 9, end to end: the demo's monthly toll (613 since 31 July, reported 31 August) is no
    shelling incident of 31 August, and the entries that only tell of the month say so."""
    bulletin = (built_site / "bulletins" / "2016-08-31" / "index.html").read_text(encoding="utf-8")
    assert "Shelling, air strikes and bombings in Aleppo" not in bulletin
    assert bulletin.count('<circle class="point') == 1  # the Observatory's statement only
    timeline = (built_site / "timeline" / "2016-08" / "index.html").read_text(encoding="utf-8")
    assert timeline.count("Tells of the running total, 31 Jul – 31 Aug 2016, not of that day alone.") == 2
    feed = (built_site / "feeds" / "places" / "aleppo.rss.xml").read_text(encoding="utf-8")
    assert "Tells of the running total, 27 Nov – 13 Dec 2016, not of that day alone." in feed  # OCHA's 39,250 since 27 Nov


def test_a_total_that_lists_no_province_is_no_total_that_differs(built_site):
    """The 613 lists no province: neither the bulletin, its feed nor the build report says the
    provinces "add up to 0", and its source is the Observatory, not "... said on Wednesday it"."""
    bulletin = (built_site / "bulletins" / "2016-08-31" / "index.html").read_text(encoding="utf-8")
    feed = (built_site / "feeds" / "bulletins.atom.xml").read_text(encoding="utf-8")
    report = (built_site / "report" / "index.html").read_text(encoding="utf-8")
    assert "Stated total differs" not in bulletin and "add up to 0" not in feed and "add up to 0" not in report
    assert "according to Syrian Observatory for Human Rights</" in bulletin and "said on Wednesday it</" not in bulletin
    # its table says there is no breakdown rather than "Total of provinces listed 0"
    tally = bulletin[bulletin.index('<figure class="tally"'):]
    tally = tally[:tally.index("</figure>")]
    assert "The report gives no breakdown by province." in tally and "Total of provinces listed" not in tally


def test_a_total_that_lists_no_province_draws_no_zero_on_place_charts():
    """A total with no province list says nothing of any one province: the place chart leaves the
    day out instead of drawing 0 there, while a list that leaves the province out still means 0."""
    from generator.model import Tally
    from generator.views import place_tally_days

    def tally(day: str, by_place: dict[str, int], total: int) -> Tally:
        return Tally(day, "killed", total, by_place, None, "a", "s", 0, 1, stated_total=total)

    tallies = [tally("2020-03-01", {}, 40), tally("2020-03-02", {"Hama": 5}, 5), tally("2020-03-03", {"Homs": 2, "Hama": 1}, 3)]
    assert place_tally_days(tallies, "Homs", "killed") == {"2020-03-02": 0, "2020-03-03": 2}
