"""Where a sentence's figures are: a toll with its breakdown, and areas named by who holds them (issue 9, places).

Every sentence here is ours, written in the shape of agency copy and situation reports.
"""

import datetime as dt

from generator.events import extract_article
from generator.model import Article
from generator.read import markdown_to_text


def article(body, published="2015-03-05"):
    return Article(path="x.md", slug="x", title="X", published=dt.date.fromisoformat(published), text=markdown_to_text(body))


def test_a_toll_stated_with_its_breakdown_is_one_event_and_no_entry_lands_in_the_wrong_province():
    # the first entry lies near a village the gazetteer does not know, the next "elsewhere in Hama": the tally
    # puts both in Hama; no event may give the village's 30 to Homs, the next place named
    x = extract_article(article(
        "Three rights groups put Monday's toll at 90, most of them in Hama province; the committees said 30 died near "
        "the village of Tell Zaytun, another 20 elsewhere in Hama province, 25 in Homs and 15 in other areas.", "2012-03-07"))
    [tally] = x.tallies
    assert tally.by_place == {"Hama": 50, "Homs": 25, "other": 15} and tally.stated_total == 90
    [event] = x.events
    assert {p.admin1 for p in event.places} == {"Hama", "Homs"}
    assert sorted(f.value for f in event.figures) == [30, 90]


def test_a_list_with_no_stated_total_still_gives_one_event_per_place():
    x = extract_article(article("In Hama, five people died on Monday, and in Homs three were killed, the monitor said.",
                                "2012-03-07"))
    by_value = {f.value: [p.admin1 for p in e.places] for e in x.events for f in e.figures}
    assert by_value == {5: ["Hama"], 3: ["Homs"]}


def test_areas_named_by_who_holds_them_take_the_province_not_the_places_of_the_sentence_before():
    x = extract_article(article(
        "As of 4 March, only Bustan al-Qasr, Sheikh Maqsoud and parts of Sukkari were still held by rebel groups, "
        "the agency said on Tuesday.\n\n"
        "Since 20 February, at least 12,400 displaced people have reached shelters in government-held areas, the agency said."))
    held, arrived = x.events
    assert {p.name for p in held.places} >= {"Sukkari"}
    assert [f.value for f in arrived.figures] == [12400]
    assert [(p.name, p.kind) for p in arrived.places] == [("Aleppo", "admin1")]  # the districts' province
    # a follow-up naming no scope of its own still continues the story's place
    x = extract_article(article("Shells fell on Sukkari on Tuesday, the agency said. Four people were wounded, it said."))
    assert [p.name for p in x.events[1].places] == ["Sukkari"]
