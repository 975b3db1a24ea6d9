"""Sentence → event: inheritance of date, place and type; tables as tallies."""

import datetime as dt

import pytest

from generator.events import extract_article
from generator.model import Article
from generator.read import markdown_to_text


def article(body, published="2016-09-14"):
    return Article(path="x.md", slug="x", title="X", published=dt.date.fromisoformat(published), text=markdown_to_text(body))


def test_a_markdown_table_becomes_one_attributed_tally_and_no_row_events():
    x = extract_article(article(
        "The Russian Defense Ministry said ceasefire violations were registered during the day:\n\n"
        "| Province | Ceasefire violations |\n|---|---|\n| Aleppo | 20 |\n| Hama | 8 |\n| Daraa | 2 |\n"
    ))
    [tally] = x.tallies
    assert tally.by_place == {"Aleppo": 20, "Hama": 8, "Daraa": 2} and tally.total == 30
    assert tally.attributed_to == "Russian Defense Ministry"
    assert not any("|" in e.sentence for e in x.events)


def test_a_follow_up_sentence_inherits_date_place_and_type_of_the_incident():
    x = extract_article(article(
        "Government forces shelled the town of Douma on Tuesday, activists said. "
        "Four people were killed, the Observatory said.", "2016-09-15"
    ))
    shelling, casualties = x.events
    assert shelling.date == "2016-09-13" and casualties.date == "2016-09-13"
    assert casualties.date_text == "Tuesday"
    assert casualties.type == shelling.type
    assert [p.name for p in casualties.places] == [p.name for p in shelling.places]


def test_an_undated_sentence_carries_the_date_of_the_story_it_continues():
    x = extract_article(article(
        "Clashes erupted in Homs on Monday. The weather was cold. Officials gave no details. "
        "Later, rebels shelled a checkpoint in Hama.", "2016-09-14"
    ))
    late = [e for e in x.events if "checkpoint" in e.sentence][0]
    assert late.date == "2016-09-12" and late.date_text == "Monday"


def test_a_named_part_of_a_period_is_kept_on_the_event():
    x = extract_article(article(
        "Rebels seized the dam early last year, the army said. "
        "Talks on the pipeline collapsed at the end of this month's first round in Geneva. "
        "Shelling hit Homs on Monday.", "2016-09-14"
    ))
    seized, talks, shelling = x.events
    assert (seized.date, seized.granularity, seized.date_mod) == ("2015", "year", "START")
    assert (talks.date, talks.date_mod) == ("2016-09", "END")
    assert (shelling.date, shelling.date_mod) == ("2016-09-12", None)


def test_an_event_with_no_dated_sentence_before_it_falls_back_to_publication_day():
    x = extract_article(article("Rebels shelled a checkpoint in Hama. Clashes erupted in Homs on Monday.", "2016-09-14"))
    early = [e for e in x.events if "checkpoint" in e.sentence][0]
    assert early.date == "2016-09-14" and early.date_text is None


def test_a_background_clause_never_dates_the_sentence_or_the_story():
    x = extract_article(article(
        "Warplanes bombed a market in Idlib on Tuesday. "
        "The war, which began in 2011, has emptied the town of half its people. "
        "Rescuers pulled four bodies from the rubble.", "2016-09-15"
    ))
    dates = {e.sentence.split()[0]: e.date for e in x.events}
    assert dates["Rescuers"] == "2016-09-13"
    assert all(not d.startswith("2011") for d in dates.values())


def test_sentences_with_nothing_to_report_are_not_events():
    x = extract_article(article("The weather was cold. Officials gave no details for weeks."))
    assert x.events == ()


def test_an_editor_can_add_a_village_the_gazetteer_lacks():
    text = "Government forces shelled Umm Qasab village on Monday."
    without = extract_article(article(text))
    with_area = extract_article(article(text), {"TIMELINE_PLACE_AREAS": {"Hama": ["Umm Qasab"]}})
    assert "Hama" not in {p.admin1 for e in without.events for p in e.places}
    assert {p.admin1 for e in with_area.events for p in e.places} == {"Hama"}


def test_a_carried_over_place_has_an_empty_span_in_its_own_sentence():
    """"Shelling hit Aleppo on Friday. Six people were killed." The second
    sentence takes Aleppo from the first, but its offsets must not point
    into the first sentence: every place's span reads back its text."""
    import datetime as dt

    from generator.events import extract_article
    from generator.model import Article

    text = "Militants shelled a market in Aleppo on Friday. The monitor said six people were killed."
    article = Article("a.md", "a", "A", dt.date(2016, 12, 23), text)
    events = extract_article(article).events
    assert len(events) == 2 and events[1].places and events[1].places[0].name == "Aleppo"
    for event in events:
        for place in event.places:
            assert event.sentence[place.start : place.end] == place.text


def test_two_place_clauses_give_two_events_each_with_its_figures():
    x = extract_article(article(
        "In Idlib, five people died in an air raid on Monday, and in Hama three civilians were killed by a mine.", "2016-09-14"
    ))
    by_place = {e.places[0].admin1: e for e in x.events}
    assert set(by_place) == {"Idlib", "Hama"}
    assert [f.value for f in by_place["Idlib"].figures] == [5]
    assert [f.value for f in by_place["Hama"].figures] == [3]
    assert len({e.id for e in x.events}) == 2 and all(e.start == 0 for e in x.events)


def test_a_national_total_with_a_local_part_keeps_the_total_at_national_scope():
    x = extract_article(article(
        "Across Syria, 31 people were killed on Tuesday, the activists said, nine of them in clashes in Daraa.", "2016-09-14"
    ))
    national = [e for e in x.events if any(f.value == 31 for f in e.figures)]
    assert [p.name for p in national[0].places] == ["Syria"]
    assert any("Daraa" in {p.admin1 for p in e.places} for e in x.events)


@pytest.mark.parametrize("opening", ["Nationwide,", "Across the country,", "Throughout the country,"])
def test_a_national_total_named_without_the_country_stays_national_and_its_part_keeps_its_place(opening):
    x = extract_article(article(f"{opening} 27 people were killed on Monday, eight of them in Homs, the monitor said.", "2016-09-14"))
    by_value = {f.value: e for e in x.events for f in e.figures}
    assert [p.name for p in by_value[27].places] == ["Syria"]
    assert [p.admin1 for p in by_value[8].places] == ["Homs"] and by_value[8].figures[0].subgroup == "in Homs"
    assert x.tallies == ()  # a part of a national total is no by-province list


def test_a_figure_takes_no_place_from_the_other_speakers_clause():
    x = extract_article(article(
        "The opposition council said 140 had died over the weekend, while activist Sami Nour said 52 people had been killed in Homs "
        "on Sunday alone.", "2016-09-14"))
    by_value = {f.value: e for e in x.events for f in e.figures}
    assert by_value[140].places == () and [p.admin1 for p in by_value[52].places] == ["Homs"]
    assert by_value[140].figures[0].attributed_to != by_value[52].figures[0].attributed_to


def test_a_count_a_day_before_the_sentences_day_is_dated_that_day():
    x = extract_article(article("Ministers met in Paris on Friday, a day after troops killed up to 20 people in Homs.", "2016-09-17"))
    [figure] = [f for e in x.events for f in e.figures]
    assert (figure.value, figure.qualifier, figure.day) == (20, "up to", "2016-09-15")
    x = extract_article(article("A day after the raid on Homs, 12 people died there on Friday.", "2016-09-17"))
    assert [f.day for e in x.events for f in e.figures] == [None]  # the main clause's count is the sentence's day


def test_a_follow_up_borrows_the_story_place_not_an_origin_named_in_passing():
    x = extract_article(Article(
        path="x.md", slug="x", title="Engineers start work in Aleppo", published=dt.date(2016, 12, 23),
        text=(
            "Russian engineers reached Aleppo on Thursday. "
            "The unit flew from the Hmeymim base in Latakia to Aleppo on Friday. "
            "The engineers are now sweeping the streets for landmines, the ministry added."
        ),
    ))
    follow = [e for e in x.events if "now sweeping" in e.sentence][0]
    assert {p.admin1 for p in follow.places} == {"Aleppo"}


def test_a_sentence_with_its_own_plural_scope_borrows_no_place():
    x = extract_article(article(
        "Shells hit Aleppo on Monday. Later, the ministry said truce violations were recorded in four provinces.",
    ))
    scoped = [e for e in x.events if "four provinces" in e.sentence][0]
    assert scoped.places == ()


def test_a_resolution_number_never_dates_an_event():
    x = extract_article(article(
        "The council met on Tuesday to discuss resolution 2118. Diplomats said the draft was vetoed.", "2016-09-15"
    ))
    assert x.events and all(e.date == "2016-09-13" for e in x.events)


def test_coordinated_clauses_each_with_a_verb_and_a_place_are_split():
    x = extract_article(article(
        "Rebels shelled the old fort twice in Latakia province, and the village of Tell was shelled in Daraa province.",
    ))
    assert sorted(p.admin1 for e in x.events for p in e.places if p.kind != "country") == ["Daraa", "Latakia"]
    assert len(x.events) == 2


def test_a_list_of_places_is_not_split():
    x = extract_article(article("Militants fired mortars at Jobar, Qaboun, and Barzeh on Monday."))
    assert len(x.events) == 1


def test_counts_stated_after_a_running_total_header_are_running_totals():
    """A sitrep: a header sentence with no figure opens the running total, the stated counts after it share it."""
    x = extract_article(article(
        "Up to the 30th day of the offensive, Monday 12 September, most casualties were in the north. "
        "In the coastal district, there were 64 deaths and 310 injuries. "
        "Four people were killed in an air strike on a market in Idlib on Tuesday.", "2016-09-14"
    ))
    spans = {f.value: (f.span, f.period_end) for e in x.events for f in e.figures}
    assert spans[64] == ("cumulative", "2016-09-12") and spans[310] == ("cumulative", "2016-09-12")
    assert spans[4] == ("day", None)


def test_a_figure_in_a_sentence_that_is_no_event_goes_on_the_report():
    """Lose nothing silently: a casualty number in a sentence not read as an event is a warning with its sentence."""
    x = extract_article(article(
        "Shelling hit the market in Idlib on Tuesday, killing four people. "
        "Were all of the 210 people killed in the province civilians?", "2016-09-14"
    ))
    warned = [p for p in x.problems if "not read as an event" in p.reason]
    assert len(warned) == 1 and warned[0].severity == "warning"
    assert "(question; killed=210)" in warned[0].reason and "people killed in the province civilians?" in warned[0].reason
    assert all("210" not in e.sentence for e in x.events)


def test_a_sentence_without_figures_that_is_no_event_gives_no_warning():
    x = extract_article(article("Did the army shell the town? Officials would not say.", "2016-09-14"))
    assert not [p for p in x.problems if "not read as an event" in p.reason]
