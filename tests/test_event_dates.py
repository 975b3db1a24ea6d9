"""The date an event gets: its own words, the story it continues, never a period or a plan."""

import datetime as dt

from generator.events import extract_article
from generator.model import Article
from generator.read import markdown_to_text


def article(body, published="2013-05-18"):
    return Article(path="x.md", slug="x", title="X", published=dt.date.fromisoformat(published), text=markdown_to_text(body))


def dated(body, published="2013-05-18"):
    """First words of each event sentence → its date."""
    return {" ".join(e.sentence.split()[:2]): e.date for e in extract_article(article(body, published)).events}


def test_a_period_sentence_does_not_become_the_story_of_the_next_one():
    got = dated(
        "Soldiers stormed a village near Deir Hafer on Saturday, the monitor said. "
        "Some 80 people have been killed in the district in the past week. "
        "Troops also shelled a bakery in the nearby town, the group added."
    )
    assert got["Troops also"] == "2013-05-18"


def test_a_month_sentence_does_not_become_the_story_either():
    got = dated(
        "A car bomb hit a checkpoint in Latakia on Friday. "
        "The council met last month to discuss the truce. "
        "Two guards were wounded in the blast."
    )
    assert got["Two guards"] == "2013-05-17"


def test_a_planned_day_does_not_date_what_follows():
    got = dated(
        "Aid workers reached the eastern quarter on Saturday. "
        "A second convoy will travel to the old city tomorrow, the agency said. "
        "The first convoy delivered flour to two bakeries, the agency said."
    )
    assert got["The first"] == "2013-05-18"
