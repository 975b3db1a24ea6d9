"""What counts as an event: structure (negation, tense, furniture), not one trigger word.

Every sentence here is written for the test, with the shape of ones seen in
reports.
"""

import datetime as dt

import pytest

from generator import eventness
from generator.event_types import classify
from generator.events import extract_article
from generator.model import Article


def article(text, published="2016-12-14", title="T"):
    return Article(path="x.md", slug="x", title=title, published=dt.date.fromisoformat(published), text=text)


def event_sentences(text, published="2016-12-14", title="T"):
    return [e.sentence for e in extract_article(article(text, published, title)).events]


@pytest.mark.parametrize(
    "sentence",
    [
        "Summarised from a field update by the relief agency, 9 March 2018.",
        "(Reporting by A. Writer in Amman; Editing by B. Editor)",
        "© Press agency 2016. All rights reserved.",
        "Views expressed in the comments are the readers' own.",
    ],
)
def test_credit_lines_and_furniture_are_not_events(sentence):
    assert eventness.furniture(sentence)
    assert event_sentences("Shells hit Homs on Monday, killing two people.\n\n" + sentence) == [
        "Shells hit Homs on Monday, killing two people."
    ]


def test_a_credit_line_with_a_date_is_not_the_days_only_event():
    text = "Adapted from a situation note by the relief office, 14 December 2016."
    assert event_sentences(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The coalition carried out no strikes near the dam on Tuesday.",
        "No new truce agreements were signed with villages during the day.",
        "Militants did not shell the town overnight.",
        "Neither side fired a shot along the front line.",
    ],
)
def test_negated_events_are_not_events(sentence):
    assert event_sentences(sentence) == []


def test_a_negated_side_clause_leaves_the_event():
    [event] = extract_article(article("A shell hit the school in Aleppo on Monday, causing damage but no casualties.")).events
    assert event.type == "explosions_remote_violence"


def test_no_fewer_than_is_not_a_negation():
    assert event_sentences("No fewer than 12 people were killed in Idlib on Monday.")


def test_questions_are_not_events():
    assert event_sentences("Who shelled the hospital in Hama on Monday?") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Turkey, alongside Russia, is a guarantor of the truce in Idlib.",
        "The province borders Turkey and is home to three million people.",
        "Loyalist gunners have shelled the old city throughout the war, which began in 2011.",
    ],
)
def test_standing_facts_and_background_are_not_events(sentence):
    assert event_sentences(sentence) == []


def test_a_hypothetical_is_not_an_event():
    assert event_sentences("The league might then consider sanctions against the government.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "A cargo plane crashed near the port of Latakia on Sunday.",
        "Gunfire was heard in the old quarter of Homs late on Friday.",
        "Tanks entered the town of Rastan at dawn on Monday.",
        "Hundreds of students marched through the centre of Hama on Friday.",
        "Police arrested 14 people in Daraa on Thursday.",
    ],
)
def test_happenings_without_a_casualty_figure_are_events(sentence):
    assert event_sentences(sentence) == [sentence]


def test_a_dated_statement_of_fact_is_an_event_of_type_other():
    [event] = extract_article(article("The governor said on Monday the main road to the airport reopened.")).events
    assert event.type == "other" and event.date == "2016-12-12"


def test_the_headline_repeated_as_the_first_line_is_not_a_second_event():
    title = "Shelling kills three in Hama"
    assert event_sentences(title + "\n\nShelling killed three people in Hama on Monday.", title=title) == [
        "Shelling killed three people in Hama on Monday."
    ]


def test_a_page_stamp_neither_dates_nor_makes_the_event():
    [event] = extract_article(article("11 March 17 09:40 GMT Protesters gathered outside the embassy in Beirut.", "2017-03-10")).events
    assert event.date == "2017-03-10"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Heavy snow fell on the capital overnight.", "other"),
        ("He recalled the first months of the uprising.", "other"),
        ("Bulldozers cleared the mountain road of snow near the camp.", "humanitarian"),
        ("The emirate recalled its ambassador from the capital.", "political"),
        ("The talks sought a political resolution to the crisis.", "political"),  # "talks", not "resolution"
        ("Diplomats said the draft resolution would be put to a vote.", "political"),
    ],
)
def test_narrowed_triggers(sentence, expected):
    assert classify(sentence) == expected


def test_weather_and_memories_are_not_events():
    assert event_sentences("Heavy snow fell on the capital. He recalled the first months of the uprising.") == []


def test_a_speakers_intention_in_the_first_person_is_not_an_event():
    assert event_sentences('The agency spokesman said: "Sadly we will not be able to reach the camp today."') == []


def test_a_first_person_report_of_what_happened_is_an_event():
    text = '"Over the past day our air defences shot down four drones near the port," the ministry said.'
    assert event_sentences(text) == [text]


def test_an_unreported_running_total_since_a_start_is_background():
    assert event_sentences("More than 900 people have died in the fighting since the siege began in May.") == []


def test_a_reported_running_total_is_an_event_of_the_report():
    text = "The monitoring group said on Monday that 900 people have died since the siege began in May."
    [event] = extract_article(article(text)).events
    assert event.date == "2016-12-12"


def test_a_reduced_relative_is_not_a_main_verb():
    assert not eventness.has_event_verb("Hopes for a settlement remain alive despite tensions stoked by the raids")


def test_a_negated_main_clause_with_only_its_consequence_is_not_an_event():
    assert event_sentences(
        "No new truce deals were signed over the past day, leaving the total at 812 villages, the centre said."
    ) == []


def test_a_negated_main_clause_contrasted_by_a_happening_is_an_event():
    text = "No one was hurt in Hama on Monday, but the shells damaged a school."
    assert event_sentences(text) == [text]


class _CountingSearch:
    """Stands in for a compiled pattern, counting its searches."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def search(self, *args):
        self.calls += 1
        return self.pattern.search(*args)


def test_blanking_many_negations_searches_each_clause_once(monkeypatch):
    # issue 11: "not ... not ... not" in one long clause searched to its end once per negation (quadratic)
    from generator import eventness

    counting = _CountingSearch(eventness._CLAUSE_END)
    monkeypatch.setattr(eventness, "_CLAUSE_END", counting)
    sentence = "Troops were not seen and not heard " * 400 + ", 3 people were killed; not one was found"
    masked = eventness.mask_negations(sentence)
    assert len(masked) == len(sentence) and masked.endswith(", 3 people were killed;" + " " * len(" not one was found"))
    assert counting.calls <= 3  # one per clause holding a negation


# -- a time of any grain makes a past happening an event (issue 9) ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("In 2018, the militia swore loyalty to a larger movement abroad.", "2018"),
        ("Earlier this month the ministry handed a list of 40 names to the envoy.", "2016-12"),
        ("The authorities allowed the inspectors into the port last week, promising them free access.", "2016-W49"),
    ],
)
def test_a_past_happening_at_a_named_week_month_or_year_is_an_event(sentence, date):
    [event] = extract_article(article(sentence)).events
    assert event.date == date


@pytest.mark.parametrize(
    "sentence",
    [
        "Last year civilian deaths remained close to their highest level.",  # a state, not a happening
        "Last month the envoy said the talks were useful.",  # only a reporting verb
    ],
)
def test_a_named_time_does_not_make_a_state_or_a_report_an_event(sentence):
    assert event_sentences(sentence) == []


def test_a_year_naming_a_document_dates_nothing_even_capitalised():
    [event] = extract_article(article("Troops shelled two villages on Monday, in breach of the 2003 Truce Accord.")).events
    assert event.date == "2016-12-12"
    assert [e.date for e in extract_article(article("The monitors urged both sides to honour the 2003 Truce Accord.")).events] == ["2016-12-14"]


def test_dismissed_is_a_happening_only_when_someone_loses_a_post():
    assert event_sentences("The opposition council dismissed the draft as a sham.") == []
    assert event_sentences("But the offer was dismissed by the exiled lawyer.") == []
    assert event_sentences("The president dismissed the governor of the province.") == ["The president dismissed the governor of the province."]


# -- happenings told by the shape of the verb group, not a trigger word (issue 9) ------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The old cleric, who is in his seventies, is said to have been beaten up.",  # hearsay about the past
        "Some of the guards went up on the roof and began firing their rifles at the crowd.",  # aspect + action
        "The police units continued to escort the convoys along the northern road.",
        "They were chanting against the governor during the visit of the monitors.",  # past progressive
        "An aid worker is reported to have been allowed into the besieged quarter.",
    ],
)
def test_happenings_by_the_shape_of_their_verb_group(sentence):
    assert event_sentences("Troops entered the town of Rastan on Monday. " + sentence)[1:] == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "He said the army was protecting the country from its enemies.",  # backshifted speech: a view
        "The old quarter was forbidding and dark.",  # an adjective in -ing
        "Its northern ally has continued to send arms to the government.",  # a habit over a period
        "The farmers were hoping for rain before the harvest.",
        "The mayor continued to insist that the town was calm.",  # only speech
    ],
)
def test_states_views_and_habits_are_not_happenings_by_shape(sentence):
    assert event_sentences(sentence) == []


def test_a_statement_of_a_running_toll_is_an_event_of_its_day():
    text = "Troops entered the town of Rastan on Monday. The envoy also said the death toll in the war now stands at 9,000 people."
    [_, event] = extract_article(article(text)).events
    assert event.date == "2016-12-12" and [f.value for f in event.figures] == [9000]


def test_what_a_recording_shows_people_doing_is_an_event():
    sentence = "Footage posted by activists shows dozens of people marching through the old market."
    assert event_sentences("Troops entered the town of Rastan on Monday. " + sentence)[1:] == [sentence]


def test_a_dated_statement_whose_content_is_negated_is_the_event_of_the_statement():
    [event] = extract_article(article("The ministry said on Thursday that the raid should not be seen as a provocation.")).events
    assert event.date == "2016-12-08"
    assert event_sentences("The ministry said no strikes were carried out in the province.") == []


def test_a_quote_closing_before_a_new_sentence_ends_the_negated_clause():
    text = 'It is not the army that fires on people" Two people were also killed in the centre of Hama, activists said.'
    assert event_sentences(text) == [text]
    # a word in scare quotes does not end the clause: the whole clause stays negated
    assert event_sentences('The authorities have not jammed "hostile" channels or blocked the internet in the province.') == []
