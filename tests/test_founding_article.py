"""The founding article (Sputnik, Friday 2016-12-23) end to end through extraction.

Everything the tool must get right is in it: relative dates, competing
figures from two sources, and a ceasefire bulletin by province.
"""

from pathlib import Path

import pytest

from generator.events import extract_article
from generator.read import read_article_file

SEED = Path(__file__).parent.parent / "content" / "articles" / "2016-12-23-aleppo-attacked-again.md"


@pytest.fixture(scope="module")
def extraction():
    article, problems = read_article_file(SEED)
    assert problems == []
    return extract_article(article)


def event_with(extraction, words):
    matches = [e for e in extraction.events if words in e.sentence]
    assert matches, f"no event from the sentence with {words!r}"
    return matches[0]


def test_ceasefire_violations_are_tallied_by_province_for_the_bulletin_day(extraction):
    [tally] = [t for t in extraction.tallies if t.metric == "ceasefire_violations"]
    assert tally.date == "2016-12-23"
    assert tally.total == 25 and tally.stated_total in (25, None)
    assert tally.by_place == {"Damascus": 17, "Aleppo": 6, "Hama": 2}
    assert "Defense Ministry" in (tally.attributed_to or "")


def test_shelling_of_al_hamdaniya_is_placed_in_aleppo_on_friday(extraction):
    event = event_with(extraction, "al-Hamdaniya")
    assert event.date == "2016-12-23"
    assert any(p.admin1 == "Aleppo" and "Hamdaniya" in p.name for p in event.places)


def test_competing_death_tolls_keep_their_sources(extraction):
    killed = [f for e in extraction.events for f in e.figures if f.metric == "killed" and not f.subgroup]
    by_source = {f.attributed_to: (f.value, f.qualifier) for f in killed}
    assert by_source["Syrian Observatory for Human Rights"] == (6, None)
    assert by_source["State television"][0] == 3 and by_source["State television"][1] == "at least"
    children = [f for e in extraction.events for f in e.figures if f.subgroup == "children"]
    assert [(f.metric, f.value) for f in children] == [("killed", 2)]


def test_casualty_sentences_inherit_the_date_and_place_of_the_shelling(extraction):
    event = event_with(extraction, "The Observatory said six people")
    assert event.date == "2016-12-23"
    assert {p.admin1 for p in event.places} == {"Aleppo"}


@pytest.mark.parametrize(
    "words, date, date_text",
    [
        ("a local ceasefire was reached on December 15", "2016-12-15", "December 15"),
        ("The last left the city late on Thursday", "2016-12-22", "Thursday"),
        ("bulldozers were used to clear heavy snowfall", "2016-12-23", "Friday morning"),
        ("Airstrikes resumed in militant-held areas", "2016-12-23", "Friday"),
    ],
)
def test_relative_dates_resolve_against_friday_publication(extraction, words, date, date_text):
    event = event_with(extraction, words)
    assert event.date == date
    assert date_text in (event.date_text or "")


def test_snow_clearing_is_placed_in_idlib(extraction):
    event = event_with(extraction, "bulldozers were used")
    assert "Idlib" in {p.admin1 for p in event.places}


def test_a_background_clause_about_the_conflict_start_is_no_2011_event(extraction):
    """ "... have shelled [the city] throughout the conflict, which began in 2011"
    recalls the whole war: it is background, not a shelling dated 2011."""
    assert not [e for e in extraction.events if "which began in 2011" in e.sentence]
    assert not [e for e in extraction.events if e.date.startswith("2011")]


def test_bracketed_bulletin_counts_are_not_dates(extraction):
    event = event_with(extraction, "Damascus (17)")
    assert event.date == "2016-12-23"
    assert event.date_text is None or "17" not in event.date_text


def test_every_event_points_back_to_its_sentence(extraction):
    text = extraction.article.text
    for e in extraction.events:
        assert text[e.start : e.end] == e.sentence
