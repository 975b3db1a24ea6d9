"""Review: reasons for doubt, ranking, paste-ready fixes, and the list shrinking as the editor decides."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import corrections, pipeline, review
from generator.model import Bulletin, Claim, Event, Figure, KeyFigure, Place, SiteData, Tally

ROOT = Path(__file__).resolve().parent.parent
ALEPPO = Place("Aleppo", "Aleppo", "SY", "city", "Aleppo", 0, 6)


def _event(i: str, sentence: str, date_text: str | None, figures=(), places=(ALEPPO,)) -> Event:
    return Event(i, "a", "2016-12-23", "day", date_text, sentence, 0, len(sentence), "attack", places=places, figures=figures)


def test_event_doubts_name_each_reason():
    inherited = _event("1", "The monitor said four people were killed.", "on Friday", (Figure("killed", 4),))
    texts = [d.text for d in review.event_doubts(inherited)]
    assert texts == ["date inherited from an earlier sentence (“on Friday”)", "figure killed = 4: no source named"]
    own = _event("2", "Shelling hit Aleppo on Friday.", "on Friday", (), ())
    assert [d.code for d in review.event_doubts(own)] == ["no_place"]
    ambiguous = review.event_doubts(_event("3", "Shelling hit Aleppo on Friday.", "on Friday"), lambda name: ["Aleppo", "Raqqa"])
    assert [d.text for d in ambiguous] == ["“Aleppo” also names a place in Raqqa (read as Aleppo)"]


def test_period_not_resolved_is_a_doubt():
    fig = Figure("killed", 250, attributed_to="Monitor", cumulative=True)
    assert [d.code for d in review.event_doubts(_event("1", "250 killed since the truce, on Friday.", "on Friday", (fig,)))] == ["period"]


def test_tally_doubts_and_conflicts():
    t = Tally("2016-12-23", "killed", 10, {"Aleppo": 6, "Atlantis": 2}, None, "a", "s", 0, 1, stated_total=10, id="t1")
    codes = [d.code for d in review.tally_doubts(t, known_place=lambda name: name != "Atlantis")]
    assert codes == ["total", "no_source", "unknown_place"]
    kf = KeyFigure("killed", 3, 6, (Claim("killed", 6, None, "Monitor", None, ("e1",)), Claim("killed", 3, "at least", "TV", None, ("e2",))))
    found = review.conflicts([Bulletin("2016-12-23", key_figures=[kf])])
    assert set(found) == {"e1", "e2"} and found["e1"][0].code == "conflict" and "Monitor: 6; TV: 3" in found["e1"][0].text


def test_a_part_of_a_wider_count_is_no_conflicting_source():
    # "Across the country 31 were killed, the network said"; "In Daraa nine died, residents said" (a part of the 31);
    # a rival count of the whole (TV: 40) still conflicts, and the part is not listed with the rivals
    part = Claim("killed", 9, None, "Residents", None, ("e2",), ("Daraa",), part=True)
    whole = Claim("killed", 31, None, "The network", None, ("e1",), ("Syria",))
    assert review.conflicts([Bulletin("2016-12-23", key_figures=[KeyFigure("killed", 31, 31, (whole, part))])]) == {}
    rival = Claim("killed", 40, None, "TV", None, ("e3",), ("Syria",))
    found = review.conflicts([Bulletin("2016-12-23", key_figures=[KeyFigure("killed", 31, 40, (whole, rival, part))])])
    assert "(The network: 31; TV: 40)" in found["e2"][0].text


def test_key_figures_and_tallies_outrank_background_events():
    background = _event("bg", "Talks resumed in Geneva, on Friday.", None, (), ())
    killed = _event("k", "Shelling killed 40 people in Aleppo.", None, (Figure("killed", 40, attributed_to="Monitor"),))
    tally = Tally("2016-12-23", "ceasefire_violations", 25, {"Aleppo": 20, "Hama": 4}, "Ministry", "a", "t", 0, 1, stated_total=25, id="t1")
    site = SiteData(events=[background, killed], tallies=[tally])
    reasons = {e.id: review.event_doubts(e) for e in site.events} | {"t1": review.tally_doubts(tally)}
    ranked = review.review_items(site, reasons, ["killed", "ceasefire_violations"])
    assert [i.id for i in ranked] == ["t1", "k", "bg"]
    assert ranked[0].score >= ranked[1].score >= ranked[2].score


def test_fix_blocks_parse_and_confirm_the_item():
    e = _event("0123456789ab", 'He said "four" were killed.', None, (Figure("killed", 4, "at least", None, "children"),))
    block = review.event_fix(e, ["no source"])
    items, problems = corrections.parse(block)
    assert problems == [] and items[0].fields["event"] == "0123456789ab" and items[0].fields["checked"] is True
    assert items[0].fields["sentence"] == e.sentence
    # uncommenting the fix lines gives a valid correction too
    uncommented = "\n".join(line.replace("# ", "", 1) if line.startswith("  # ") and ":" in line and "to fix" not in line else line for line in block.splitlines())
    items, problems = corrections.parse(uncommented)
    assert problems == [] and items[0].fields["figures"][0] == {"metric": "killed", "subgroup": "children", "was": 4, "value": 4, "qualifier": "at least", "source": None}


# -- the demo corpus -------------------------------------------------------------------------------


def _content_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "articles", content / "articles")
    return content


def _site(content: Path):
    paths = sorted(str(p) for p in (content / "articles").rglob("*.md"))
    return pipeline.site_from_files(paths, {"PATH": str(content), "TIMELINE_CACHE_PATH": ""})


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    content = _content_copy(tmp_path_factory.mktemp("demo"))
    return content, _site(content)


def test_review_lists_the_demo_corpus_ranked_with_paste_ready_fixes(demo):
    _, site = demo
    items = site.review
    assert len(items) >= 5
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)
    assert {i.kind for i in items} >= {"event", "tally"} or any(i.kind == "event" for i in items)
    for item in items:
        assert item.reasons and item.sentence
        parsed, problems = corrections.parse(item.fix)
        assert problems == [] and len(parsed) == 1
    top = items[0]
    assert top.score > min(i.score for i in items)
    # every event on the site carries its doubts (also in the exports' doubts column)
    doubted = {e.id for e in site.events if e.doubts}
    assert {i.id for i in items if i.kind == "event"} <= doubted


def test_a_confirmed_item_leaves_the_list(demo, tmp_path):
    content, site = demo
    first, second = site.review[0], site.review[1]
    (content / "corrections.yaml").write_text(first.fix + second.fix, encoding="utf-8")
    try:
        again = _site(content)
    finally:
        (content / "corrections.yaml").unlink()
    ids = [i.id for i in again.review]
    assert first.id not in ids and second.id not in ids
    assert len(again.review) == len(site.review) - 2
    assert [p for p in again.problems if p.stage == "corrections"] == []
    confirmed = [e for e in again.events if e.id in (first.id, second.id)] + [t for t in again.tallies if t.id in (first.id, second.id)]
    assert confirmed and all(x.checked for x in confirmed)


def test_review_cli_formats(tmp_path):
    settings = tmp_path / "conf.py"
    content = _content_copy(tmp_path)
    settings.write_text(f"PATH = {str(content)!r}\nARTICLE_PATHS = ['articles']\nTIMELINE_CACHE_PATH = ''\n", encoding="utf-8")
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "generator", "review", "--settings", str(settings), *args],
        capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout
    as_json = json.loads(run("--format", "json"))["items"]
    assert as_json and all({"id", "sentence", "reasons", "fix", "score"} <= set(i) for i in as_json)
    text = run()
    assert text.startswith(f"{len(as_json)} items to review") and as_json[0]["id"] in text and "Paste into content/corrections.yaml:" in text
    items, problems = corrections.parse(run("--format", "yaml"))
    assert problems == [] and len(items) == len(as_json)
    recent = json.loads(run("--format", "json", "--since", "2016-01-01"))["items"]
    assert recent and len(recent) < len(as_json) and all(i["date"] >= "2016" for i in recent)


def test_a_possible_tally_not_read_can_be_added_or_dismissed(tmp_path):
    import datetime as dt

    from generator.model import Article, Problem

    art = Article("x.md", "bulletin-x", "X", dt.date(2016, 9, 14), "Truce deals were signed with 4 more areas in Latakia (2) and Homs (2).")
    warning = Problem("x.md", "tallies", "possible tally not read: Truce deals were signed with 4 more areas in Latakia (2) and Homs (2).", "warning")
    site = SiteData(articles=[art], problems=[warning])
    [item] = review.review_items(site, {}, ["killed"])
    assert item.kind == "unread" and "sentence: \"Truce deals" in item.fix
    dismissal = "\n".join(line[2:] for line in item.fix.splitlines() if line.startswith("# -") or line.startswith("#  "))
    items, problems = corrections.parse(dismissal)
    assert problems == [] and items[0].fields == {"unread": item.id, "checked": True}
    outcome = corrections.apply([], items, corrections.Context(lambda n: None, frozenset(), frozenset()))
    site.corrections = outcome.applied
    assert review.review_items(site, {}, ["killed"]) == []
