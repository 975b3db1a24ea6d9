"""Which sentences are events: background phrases, negated and first-person dates (issue 9)."""

import datetime as dt

from generator import eventness
from generator.events import extract_article
from generator.model import Article


def events_of(text, published="2014-03-08"):
    a = Article(path="x.md", slug="x", title="X", published=dt.date.fromisoformat(published), text=text)
    return [e.sentence for e in extract_article(a).events]


def test_a_despite_phrase_in_an_affirmative_sentence_is_background():
    assert not eventness.assess("Talks on a new truce stay on track, despite fears fuelled by shelling blamed on the army, our envoy says.").is_event
    assert eventness.assess("Despite the curfew, crowds marched to the square.").is_event


def test_despite_before_a_negated_main_clause_tells_of_the_happening():
    got = events_of("The governor said that despite a heavy rocket attack overnight, no one was hurt in the city.")
    assert len(got) == 1


def test_a_day_in_a_negated_clause_does_not_make_a_sentence_dated():
    assert events_of('A Red Crescent official said: "Sadly we will not be able to enter the old quarter today (Saturday) to evacuate the wounded.') == []


def test_the_end_of_a_quote_in_the_first_person_is_an_intention():
    assert events_of("We keep talking to both sides, hoping that tomorrow we will be able to enter the old quarter to evacuate the wounded.\"") == []


def test_a_deadline_is_no_date_of_a_happening():
    assert events_of("The envoy says the league wants both sides at the table, with a deadline of Monday for the plan.") == []


def test_a_final_relative_clause_is_not_the_sentence_s_happening():
    assert not eventness.assess("The district borders the lake, which rebels crossed in boats.").is_event
    assert eventness.assess("Six guards, who were manning the gate were shot dead, the police said.").is_event


def test_claiming_responsibility_is_a_happening_not_a_reporting_verb():
    assert eventness.assess("A militant group has claimed responsibility for the bombing, which began at dawn.").is_event


def test_a_present_account_of_how_things_stand_is_no_event():
    text = (
        "Police have attacked worshippers at a mosque in the old city, activists say. "
        "The regional bloc is still trying to bring both camps to the table, says our correspondent in the capital."
    )
    got = events_of(text)
    assert got == ["Police have attacked worshippers at a mosque in the old city, activists say."]


def test_drones_shot_down_are_a_happening():
    assert events_of("Air defence units shot down three drones over the border district, the governor said.") != []
    assert events_of("Another two drones were downed over the lake.") != []
