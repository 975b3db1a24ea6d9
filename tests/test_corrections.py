"""Corrections (content/corrections.yaml): ids that survive edits, every operation, stale and invalid items.

Sentences here are our own, shaped like wire copy; the founding article is
only read at run time (its events are found by a few words, never quoted).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from generator import corrections, ids
from generator.events import extract_article
from generator.model import Article, Extraction
from generator.read import read_article_file
from generator.settings import resolve

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "content" / "articles" / "2016-12-23-aleppo-attacked-again.md"

TEXT = (
    "Rebels shelled al-Hamdaniya in Aleppo on Tuesday, the Syrian Observatory for Human Rights said. "
    "The monitor said eight people, including three children, were killed. "
    "State media said at least five people died."
)


def article(text: str = TEXT, slug: str = "aleppo-test") -> Article:
    return Article(path=f"{slug}.md", slug=slug, title="Test", published=dt.date(2016, 12, 23), text=text, url=f"articles/{slug}/")


def extracted(text: str = TEXT, slug: str = "aleppo-test") -> Extraction:
    return extract_article(article(text, slug))


def event_with(x: Extraction, words: str):
    found = [e for e in x.events if words in e.sentence]
    assert found, f"no event with {words!r}"
    return found[0]


def run(x: Extraction | list[Extraction], yaml_text: str, complete: bool = True) -> corrections.Outcome:
    items, problems = corrections.parse(yaml_text, "corrections.yaml")
    assert problems == []
    extractions = x if isinstance(x, list) else [x]
    return corrections.apply(extractions, items, corrections.Context.from_settings(resolve({})), "corrections.yaml", complete)


# -- ids -----------------------------------------------------------------------------------


def test_event_ids_survive_a_paragraph_added_above_and_rewrapped_lines():
    before = extracted()
    after = extracted("Editor's note: updated with the monitor's figures.\n\n" + TEXT.replace("eight people, including", "eight people,\nincluding"))
    old = event_with(before, "eight people").id
    new = event_with(after, "eight people")
    assert new.start != event_with(before, "eight people").start  # the offset moved ...
    assert new.id == old  # ... the id did not


def test_the_same_sentence_twice_gets_two_ids_deterministically():
    text = "Rebels shelled Aleppo on Tuesday, killing four people. Rebels shelled Aleppo on Tuesday, killing four people."
    first, second = extracted(text).events, extracted(text).events
    assert len({e.id for e in first}) == len(first) == 2
    assert [e.id for e in first] == [e.id for e in second]
    assert first[0].id == ids.event_id("aleppo-test", first[0].sentence)


def test_tallies_get_stable_ids():
    text = "The ministry said 25 ceasefire violations were registered in Damascus (17), Aleppo (6) and Hama (2) provinces."
    [tally] = extracted(text).tallies
    assert tally.id.startswith("t") and len(tally.id) == 12
    [moved] = extracted("A first paragraph.\n\n" + text).tallies
    assert moved.id == tally.id


# -- parsing --------------------------------------------------------------------------------


def test_parse_keeps_ids_as_written_and_lines():
    items, problems = corrections.parse("# c\n- event: 12e456789012\n  checked: true\n- event: '007'\n  date: 2016-02-30\n")
    assert problems == []
    assert items[0].fields == {"event": "12e456789012", "checked": True} and items[0].line == 2
    assert items[1].fields["date"] == "2016-02-30" and items[1].line_of("date") == 5


@pytest.mark.parametrize("text, line", [("- event: [abc\n- event: x\n", 2), ("- event: x\n  note: \"open\n", 3), ("- {event: x\n", 2)])
def test_malformed_yaml_is_one_problem_with_file_and_line(text, line):
    items, problems = corrections.parse(text, "content/corrections.yaml")
    assert items == []
    [p] = problems
    assert p.path.startswith("content/corrections.yaml:") and p.reason.startswith("malformed YAML")
    assert int(p.path.rsplit(":", 1)[1]) <= line


def test_an_empty_or_comment_only_file_is_no_corrections():
    assert corrections.parse("# nothing yet\n") == ([], [])
    assert corrections.parse("") == ([], [])


def test_the_shipped_example_file_is_valid():
    items, problems = corrections.load(ROOT / "content" / "corrections.yaml")
    assert problems == []


# -- each operation ---------------------------------------------------------------------------


def test_date_place_type_and_figure_corrections_are_applied_and_marked():
    x = extracted()
    killed = event_with(x, "eight people")
    out = run(x, f"""
- event: {killed.id}
  date: 2016-12-20
  place: [Idlib]
  type: battles
  figures:
    - {{metric: killed, subgroup: null, value: 9, qualifier: at least, source: Local council}}
  note: council's later count
""")
    assert out.problems == []
    event = event_with(out.extractions[0], "eight people")
    assert (event.date, event.granularity, event.date_text) == ("2016-12-20", "day", None)
    assert [p.admin1 for p in event.places] == ["Idlib"]
    assert event.type == "battles"
    main = [f for f in event.figures if f.metric == "killed" and not f.subgroup]
    assert [(f.value, f.qualifier, f.attributed_to) for f in main] == [(9, "at least", "Local council")]
    assert [f.value for f in event.figures if f.subgroup] == [3]  # the other figure is untouched
    assert event.edited == ("date", "place", "type", "figure") and event.edit_note == "council's later count"
    assert [a.action for a in out.applied] == ["edited"]


def test_precision_cuts_a_day_to_its_month():
    x = extracted()
    e = event_with(x, "eight people")
    out = run(x, f"- event: {e.id}\n  date: 2016-12-20\n  precision: month\n")
    assert (event_with(out.extractions[0], "eight people").date, event_with(out.extractions[0], "eight people").granularity) == ("2016-12", "month")


def test_hide_removes_the_event_and_confirm_marks_it_checked():
    x = extracted()
    hidden, confirmed = event_with(x, "State media"), event_with(x, "eight people")
    out = run(x, f"- event: {hidden.id}\n  hide: duplicate of the monitor's figure\n- event: {confirmed.id}\n  checked: true\n  note: read against the release\n")
    events = out.extractions[0].events
    assert hidden.id not in {e.id for e in events}
    kept = event_with(out.extractions[0], "eight people")
    assert kept.checked and kept.edited == () and kept.edit_note == "read against the release"
    assert [(a.action, a.note) for a in out.applied] == [("hidden", "duplicate of the monitor's figure"), ("checked", "read against the release")]


def test_add_a_tally_and_an_event_with_their_article():
    x = extracted()
    out = run(x, """
- add: tally
  article: aleppo-test
  date: 2016-12-23
  metric: killed
  by_place: {Aleppo: 8, Idleb: 2}
  source: Syrian Observatory for Human Rights
  note: from the monitor's table
- add: event
  article: aleppo-test
  sentence: "State media said at least five people died."
  date: 2016-12-22
  type: violence_against_civilians
  place: Aleppo
""")
    assert out.problems == []
    [tally] = [t for t in out.extractions[0].tallies if "added" in t.edited]
    assert tally.by_place == {"Aleppo": 8, "Idlib": 2} and tally.total == 10 and tally.article == "aleppo-test"
    assert tally.attributed_to == "Syrian Observatory for Human Rights" and tally.id.startswith("t")
    [added] = [e for e in out.extractions[0].events if "added" in e.edited]
    assert added.start == TEXT.index("State media") and added.date == "2016-12-22" and added.type == "violence_against_civilians"
    assert added.id not in {e.id for e in x.events}


def test_a_tally_correction_applies_to_every_outlet_that_carried_it():
    text = "The ministry said 25 ceasefire violations were registered in Damascus (17), Aleppo (6) and Hama (2) provinces."
    a, b = extracted(text, "outlet-a"), extracted("Agency copy. " + text, "outlet-b")
    out = run([a, b], f"- tally: {a.tallies[0].id}\n  by_place: {{Damascus: 16, Aleppo: 6, Hama: 2}}\n  total: 24\n")
    assert [t.by_place["Damascus"] for x in out.extractions for t in x.tallies] == [16, 16]
    assert all(t.edited == ("by_place", "total") for x in out.extractions for t in x.tallies)


# -- refused items -------------------------------------------------------------------------------


@pytest.mark.parametrize("body, words", [
    ("date: 2016-02-30", "impossible date '2016-02-30'"),
    ("date: next week", "not a date"),
    ("place: [Atlantis]", "unknown place 'Atlantis'"),
    ("type: picnic", "unknown event type 'picnic'"),
    ("figures: [{metric: injured, value: 3}]", "no figure injured"),
    ("figures: [{metric: killed, value: 3}]", "2 figures match killed"),
    ("colour: red", "unknown field 'colour'"),
    ("hide: true", "hide needs a reason"),
])
def test_invalid_items_are_reported_with_line_and_reason_and_the_rest_applies(body, words):
    x = extracted()
    e = event_with(x, "eight people")
    other = event_with(x, "State media")
    out = run(x, f"- event: {other.id}\n  checked: true\n- event: {e.id}\n  {body}\n")
    [p] = out.problems
    assert p.path == "corrections.yaml:4" and p.stage == "corrections" and p.severity == "error"
    assert p.reason.startswith("invalid: ") and words in p.reason
    assert event_with(out.extractions[0], "State media").checked  # the build carries on
    assert event_with(out.extractions[0], "eight people") == e  # the invalid item changed nothing


def test_unknown_id_without_context_is_invalid():
    out = run(extracted(), "- event: abcdefabcdef\n  checked: true\n")
    [p] = out.problems
    assert p.path == "corrections.yaml:1" and "invalid: unknown event id 'abcdefabcdef'" in p.reason


def test_a_mistyped_id_for_a_sentence_still_there_says_its_real_id():
    x = extracted()
    e = event_with(x, "eight people")
    out = run(x, f"- event: 000000000000\n  article: aleppo-test\n  sentence: {json.dumps(e.sentence)}\n  checked: true\n")
    assert out.problems[0].reason.startswith("invalid:") and e.id in out.problems[0].reason


def test_stale_when_the_sentence_changed_or_the_article_is_gone():
    x = extracted()
    e = event_with(x, "eight people")
    edited = extracted(TEXT.replace("eight people", "nine people"))
    block = f"- event: {e.id}\n  article: aleppo-test\n  sentence: {json.dumps(e.sentence)}\n  checked: true\n"
    [changed] = run(edited, block).problems
    assert changed.severity == "warning" and changed.reason.startswith("stale: ")
    assert "no longer in aleppo-test" in changed.reason and e.sentence in changed.reason
    [gone] = run(extracted(slug="other-article"), block).problems
    assert gone.reason.startswith("stale: ") and "aleppo-test is no longer on the site" in gone.reason
    # extract on other files: out of scope, not stale
    assert run(extracted(slug="other-article"), block, complete=False).problems == []


def test_extract_cli_applies_corrections(tmp_path, capsys):
    from generator.cli import main

    x = extract_article(read_article_file(FOUNDING)[0])
    e = event_with(x, "State television")
    path = tmp_path / "corrections.yaml"
    path.write_text(f"- event: {e.id}\n  checked: true\n  note: seen\n- event: {e.id}\n  date: 2016-13-01\n", encoding="utf-8")
    status = main(["extract", str(FOUNDING), "--format", "json", "--corrections", str(path)])
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    [event] = [ev for ev in out["articles"][0]["events"] if ev["id"] == e.id]
    assert event["checked"] is True and event["edit_note"] == "seen"
    assert f"{path}:5: corrections: invalid: impossible date" in captured.err
    assert status == 1


# -- end to end: a real Pelican build of the founding article ------------------------------------------------


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    from tests.test_site import pelican_build

    base = tmp_path_factory.mktemp("corrected")
    content = base / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    shutil.copy(FOUNDING, content / "articles" / FOUNDING.name)
    x = extract_article(read_article_file(FOUNDING)[0])
    ev = {
        "date": event_with(x, "Airstrikes resumed"),
        "place": event_with(x, "late on Thursday"),
        "figure": event_with(x, "six people"),
        "hide": event_with(x, "After months of bombardment"),
        "confirm": event_with(x, "State television"),
    }
    assert not ev["place"].places
    yaml_text = f"""# corrections for the founding article
- event: "{ev['date'].id}"
  date: 2016-12-22
  note: strikes were on Thursday evening
- event: "{ev['place'].id}"
  place: [Aleppo]
  note: the city is Aleppo
- event: "{ev['figure'].id}"
  figures:
    - {{metric: killed, subgroup: null, value: 7, qualifier: at least}}
  note: monitor's evening update
- event: "{ev['hide'].id}"
  hide: background, not an event of the day
- event: "{ev['confirm'].id}"
  checked: true
  note: matches the broadcast
- add: tally
  article: aleppo-attacked-again
  date: 2016-12-23
  metric: injured
  by_place: {{Aleppo: 11, Hama: 4}}
  source: Syrian Observatory for Human Rights
  note: from the monitor's table
- event: "0123456789ab"
  article: aleppo-attacked-again
  sentence: "A sentence the article no longer has."
  checked: true
- event: "{ev['confirm'].id}"
  date: 2016-02-30
"""
    (content / "corrections.yaml").write_text(yaml_text, encoding="utf-8")
    out = pelican_build(base / "output", content=content)
    return out, ev


def _read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def test_corrections_show_on_the_bulletin_marked_as_edited(corrected_site):
    out, ev = corrected_site
    page = _read(out, "bulletins/2016-12-23/index.html")
    assert "at least 7 killed" in page
    assert "<strong>7</strong>" in page and "(edited by the editor)" in page and "(checked by the editor)" in page  # key-figure claims
    assert "Edited</strong> (figure)" in page and "monitor&#39;s evening update" in page
    assert "Checked by the editor</strong>: matches the broadcast" in page
    assert "Added by the editor" in page and "Injured by province" in page  # the added tally
    assert f'id="e-{ev["hide"].id}"' not in page
    assert f'id="e-{ev["date"].id}"' not in page
    moved = _read(out, "bulletins/2016-12-22/index.html")
    assert f'id="e-{ev["date"].id}"' in moved and "Dated by the editor." in moved


def test_corrections_show_on_the_timeline_and_place_pages(corrected_site):
    out, ev = corrected_site
    timeline = _read(out, "timeline/2016-12/index.html")
    assert "Edited</strong> (date)" in timeline and "Edited</strong> (place)" in timeline
    assert ev["place"].id in _read(out, "places/aleppo/index.html")
    assert f'id="e-{ev["hide"].id}"' not in timeline


def test_corrections_show_in_the_feeds(corrected_site):
    out, _ = corrected_site
    feed = _read(out, "feeds/bulletins.atom.xml")
    assert "Edited (figure)" in feed and "Checked by the editor: matches the broadcast" in feed
    assert "at least 7 killed" in feed


def test_corrections_show_in_the_csv(corrected_site):
    out, ev = corrected_site
    with open(out / "data" / "events.csv", encoding="utf-8", newline="") as fh:
        rows = {r["event_id"]: r for r in csv.DictReader(fh)}
    assert ev["hide"].id not in rows
    assert (rows[ev["figure"].id]["edited"], rows[ev["figure"].id]["edit_note"]) == ("figure", "monitor's evening update")
    assert rows[ev["date"].id]["event_date"] == "2016-12-22" and rows[ev["date"].id]["edited"] == "date"
    assert rows[ev["place"].id]["admin1"] == "Aleppo"
    assert rows[ev["confirm"].id]["checked"] == "true" and rows[ev["confirm"].id]["edited"] == ""
    with open(out / "data" / "tallies.csv", encoding="utf-8", newline="") as fh:
        tallies = [r for r in csv.DictReader(fh) if r["metric"] == "injured"]
    assert [(r["place"], r["count"], r["edited"]) for r in tallies] == [("Aleppo", "11", "added"), ("Hama", "4", "added")]


def test_stale_and_invalid_corrections_are_on_the_build_report(corrected_site):
    out, ev = corrected_site
    report = _read(out, "report/index.html")
    assert "corrections.yaml:24</code>" in report and "A sentence the article no longer has." in report
    assert 'class="stale"' in report
    assert "corrections.yaml:29</code>" in report and "impossible date" in report and 'class="invalid"' in report
    assert "background, not an event of the day" in report  # hidden, with its reason


def test_build_report_private_setting_keeps_it_out(tmp_path):
    from tests.test_site import pelican_build

    out = pelican_build(tmp_path / "out", TIMELINE_BUILD_REPORT_PUBLIC=False)
    assert not (out / "report" / "index.html").exists()
    assert "Build report" not in _read(out, "index.html")


def test_publishconf_keeps_the_build_report_out():
    import runpy

    conf = runpy.run_path(str(ROOT / "publishconf.py"))
    assert conf["TIMELINE_BUILD_REPORT_PUBLIC"] is False


def test_corrections_reach_the_search_index(corrected_site):
    import gzip

    from generator import search

    out, ev = corrected_site
    if search.pagefind_executable() is None or not (out / "pagefind").exists():
        pytest.skip("pagefind not installed")
    fragments = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in (out / "pagefind" / "fragment").glob("*.pf_fragment")]
    [bulletin] = [f for f in fragments if '"url":"/bulletins/2016-12-23/"' in f]
    assert "at least 7 killed" in bulletin and "Checked by the editor" in bulletin
    assert not any(ev["hide"].sentence[:40] in f for f in fragments if '"url":"/bulletins/' in f or '"url":"/timeline/' in f)
