"""Dates outside TIMELINE_YEAR_RANGE are reported and never used (issue 11): "12/31/9999",
"1 January 1650", "200 years ago" give no event date; a five-digit year is no year at all."""

import datetime as dt

import pytest

from generator.dates import find_timexes, outside_years
from generator.events import extract_article
from generator.model import Article, Timex

PUBLISHED = dt.date(2016, 12, 23)
YEARS = (1900, 2100)


def article(text: str) -> Article:
    return Article(path="far.md", slug="far", title="Far dates", published=PUBLISHED, text=text)


@pytest.mark.parametrize("text", [
    "Talks were set for 12/31/9999.", "A deal signed on 10/01/0001 was void.", "A fort was taken on 1 January 1650.",
    "The town was founded in 1700.", "The quarrel began 200 years ago.", "Records from 1 Jan 1899 survive.",
])
def test_the_tagger_drops_dates_outside_the_years(text):
    assert find_timexes(text, PUBLISHED)  # read ...
    assert find_timexes(text, PUBLISHED, years=YEARS) == []  # ... but outside the site's years


def test_a_five_digit_year_is_not_read_as_its_first_four_digits():
    assert [t.value for t in find_timexes("Files dated 31/12/99999 were corrupt.", PUBLISHED)] == []
    assert [t.value for t in find_timexes("Files dated 31/12/2015 were corrupt.", PUBLISHED)] == ["2015-12-31"]


def test_unreadable_years_are_never_guessed():
    for text in ("Shells fell on 31 December 9999.", "It happened on 0001-01-10.", "On Dec 31, 9999 they met."):
        assert find_timexes(text, PUBLISHED) == [], text


@pytest.mark.parametrize("value, outside", [
    ("1650-01-01", True), ("9999-12-31T10:00", True), ("2101", True), ("2016-W50", False), ("2100-12", False),
    ("189", True), ("190", False), ("21", False), ("P3D", False), ("PRESENT_REF", False),
])
def test_outside_years(value, outside):
    assert outside_years(Timex(0, 1, "x", "DATE", value), YEARS) is outside


def test_a_sentence_dated_only_outside_the_years_gives_no_event_and_is_reported():
    out = extract_article(article("Shelling killed two civilians in Hama on 12/31/9999."))
    assert out.events == ()
    [problem] = [p for p in out.problems if p.stage == "dates"]
    assert "9999-12-31" in problem.reason and "TIMELINE_YEAR_RANGE" in problem.reason and "Hama" in problem.reason
    assert problem.path == "far.md"


def test_a_far_date_beside_a_usable_one_is_reported_and_the_event_keeps_its_own_date():
    out = extract_article(article("On Monday, shelling killed three people in Idlib near a citadel built on 1 January 1650."))
    assert [e.date for e in out.events] == ["2016-12-19"]
    assert any("1650-01-01" in p.reason and "not used as a date" in p.reason for p in out.problems)


def test_a_wider_year_range_dates_the_event():
    text = "A siege ended on 1 January 1650 when 300 defenders were killed in Aleppo."
    assert extract_article(article(text)).events == ()
    wide = extract_article(article(text), {"TIMELINE_YEAR_RANGE": [1600, 2100]})
    assert [e.date for e in wide.events] == ["1650-01-01"]


def test_event_dates_stay_in_range():
    text = " ".join([
        "Shells killed 4 people in Homs on 31/12/99999.", "Fighting in 1066 killed 2 in Hama.",
        "On 5 May 0001 a blast killed 6 in Idlib.", "A car bomb killed 9 in Aleppo on 9999-12-31.",
        "Gunmen killed 3 in Daraa 300 years ago.", "An airstrike killed 7 in Raqqa on Tuesday.",
    ])
    for event in extract_article(article(text)).events:
        assert YEARS[0] <= int(event.date[:4]) <= YEARS[1], event
