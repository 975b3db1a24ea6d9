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


def test_the_day_something_was_said_does_not_date_what_happened():
    got = dated("The health office announced on Saturday the toll of an air raid on a clinic late Friday, saying six died.")
    assert list(got.values()) == ["2013-05-17"]


def test_a_dateline_dates_the_sentence_only_when_nothing_else_does():
    first = extract_article(article("TARTUS, May 18 (Wire) -- The navy said on Saturday that a drone hit a fuel depot on Thursday.", "2013-05-19"))
    second = extract_article(article("TARTUS, May 18 (Wire) -- Two drones hit a fuel depot near the port.", "2013-05-19"))
    assert [(e.date, e.date_text) for e in first.events] == [("2013-05-16", "Thursday")]
    assert [(e.date, e.date_text) for e in second.events] == [("2013-05-18", "May 18")]


def test_a_document_date_dates_its_sentence_but_not_the_story():
    got = dated(
        "Troops shelled Kafr Nabl on Thursday. "
        "Forty groups still back the truce agreement of 12 March, the centre said. "
        "Rebels said two fighters were killed in the shelling."
    )
    assert got["Rebels said"] == "2013-05-16"


def test_a_night_named_by_its_two_days_is_dated_by_the_second():
    got = dated("In the night of 16-17 May, the enemy fired 40 mortar shells at the border posts.")
    assert list(got.values()) == ["2013-05-17"]
    got = dated("Overnight May 15-16, gunmen shelled two villages. A school was damaged, the ministry said.")
    assert set(got.values()) == {"2013-05-16"}


def test_evening_to_morning_is_dated_by_the_morning():
    got = dated("Militants fired 20 rockets at the town from Thursday evening to Friday morning, the army said.")
    assert list(got.values()) == ["2013-05-17"]


def test_during_the_day_is_the_day_the_report_speaks_of():
    got = dated(
        "The ministry said on Thursday that it recorded 14 truce violations. "
        "During the day, troops took control of two villages, it said."
    )
    assert got["During the"] == "2013-05-16"
    assert dated("During the day, troops took control of two villages.") == {"During the": "2013-05-18"}


def test_a_short_parenthesis_does_not_hide_a_background_clause():
    got = dated(
        "Rockets hit the old quarter on Saturday. "
        "Snipers also fired on Deraa, where the Red Crescent (SARC) last week tried to reach the wounded."
    )
    assert got["Snipers also"] == "2013-05-18"


def test_news_that_comes_a_day_after_another_happening_is_dated_to_it():
    got = dated(
        "Shelling hit the market in Maarat on Saturday. "
        "The shelling comes a day after rebels stormed an army post outside the town."
    )
    assert got["The shelling"] == "2013-05-17"
    assert dated("The raid came two days after gunmen ambushed a patrol near the border.") == {"The raid": "2013-05-16"}


def test_a_verb_with_an_irregular_past_makes_an_event():
    assert list(dated("The ministry said that its forces retook the district centre.").values()) == ["2013-05-18"]


def test_a_date_inside_the_object_of_a_reaction_dates_the_earlier_happening_not_the_sentence():
    got = dated(
        "Gunmen shelled a market in the old quarter on Saturday, the monitor said. "
        "The shelling came as Ankara sent a sharp warning to Damascus over the downing of a drone last week. "
        "Hundreds marched in the port city to mourn a fisherman shot by a sniper on Tuesday."
    )
    assert got["The shelling"] == "2013-05-18"
    assert got["Hundreds marched"] == "2013-05-18"


def test_a_reported_happening_keeps_its_own_day():
    got = dated("Activists reported the killing of four farmers near the dam on Thursday.")
    assert list(got.values()) == ["2013-05-16"]


def test_a_year_used_as_an_adjective_does_not_date_the_sentence():
    got = dated(
        "Border guards fired mortars across the frontier on Friday, the army said. "
        "The firing breached the 1999 truce accord between the two sides, officers said."
    )
    assert got["The firing"] == "2013-05-17"


def test_days_listed_under_one_month_date_the_happening_by_the_first():
    got = dated("Monitors heard bursts of gunfire near the pumping station on the mornings of 9 and 10 May.")
    assert list(got.values()) == ["2013-05-09"]


def test_a_past_before_midnight_is_the_evening_before_the_report_and_not_its_story():
    got = dated(
        "In the northern sector, shelling mostly hit army posts near the quarry before midnight. "
        "Six more blasts were heard in the southern sector, the staff said."
    )
    assert got["In the"] == "2013-05-17"
    assert got["Six more"] == "2013-05-18"


def test_news_that_came_a_day_after_counts_back_from_its_own_day():
    got = dated("The Thursday sit-in at the port came a day after dockers walked out over unpaid wages.")
    assert list(got.values()) == ["2013-05-15"]


# -- shapes of issue 9 (this session) ---------------------------------------------------------------


def test_a_possessive_week_names_the_happening_told_earlier_and_takes_its_day():
    got = dated(
        "The envoy said on Friday that militants must be behind two car bomb attacks in the capital on 10 May. "
        "Crowds gathered in the main square on Friday. "
        "Last week's car bomb attacks in the capital killed 55 people and wounded 370."
    )
    assert got["The envoy"] == "2013-05-17"  # the attacks on 10 May are what he spoke about, not the day he spoke
    assert got["Last week's"] == "2013-05-10"


def test_a_possessive_week_with_no_day_named_keeps_the_week():
    got = dated("Crowds gathered in the main square on Friday. Last week's car bomb attacks in the capital killed 55 people.")
    assert got["Last week's"] == "2013-W19"


def test_a_recalled_happening_does_not_become_the_story_of_the_next_sentence():
    got = dated(
        "Two car bombs exploded in the capital on 10 May. "
        "Gunmen stormed a checkpoint near the airport on Friday. "
        "Last week's car bomb attacks killed 55 people. "
        "Officials blamed foreign fighters for the raid, which killed four guards."
    )
    assert got["Last week's"] == "2013-05-10"
    assert got["Officials blamed"] == "2013-05-17"


def test_protests_called_for_after_friday_prayers_are_the_coming_friday():
    # published on a Thursday: the call is for tomorrow, and it dates nothing after it
    got = dated(
        "Troops entered the town of Rastan on Monday. "
        "Opposition groups have called for mass rallies across the country after Friday prayers. "
        "The governor welcomed the move.",
        published="2013-05-16",
    )
    assert got["Opposition groups"] == "2013-05-17"


def test_a_window_of_days_is_dated_by_its_end():
    got = dated(
        "From 12 to 13 May, at least 1,900 displaced people reached the shelter in the west of the city. "
        "Between Monday and Wednesday, 40 people were killed in the district, the monitor said."
    )
    assert got["From 12"] == "2013-05-13"
    assert got["Between Monday"] == "2013-05-15"


def test_the_breakdown_of_a_running_total_tells_of_its_span_not_its_day():
    text = (
        "The monitor said on Wednesday it had recorded the deaths of 410 civilians in the city since the 2nd of April. "
        "Air raids, artillery and rockets caused the deaths, according to the monitor. "
        "Of the total, 150 civilians were killed by air strikes on the eastern quarters, the group said. "
        "On Tuesday a car bomb killed six people near the port."
    )
    got = {" ".join(e.sentence.split()[:2]): (e.date, e.span, e.period_start, e.period_end)
           for e in extract_article(article(text, "2013-05-01")).events}
    assert got["The monitor"] == ("2013-05-01", "day", None, None)  # the statement is the day's
    assert got["Air raids,"] == ("2013-05-01", "cumulative", "2013-04-02", "2013-05-01")
    assert got["Of the"] == ("2013-05-01", "cumulative", "2013-04-02", "2013-05-01")
    assert got["On Tuesday"] == ("2013-04-30", "day", None, None)


def framed(title, body, published):
    art = Article(path="x.md", slug="x", title=title, published=dt.date.fromisoformat(published), text=markdown_to_text(body))
    return {" ".join(e.sentence.split()[:2]): (e.date, e.date_text) for e in extract_article(art).events}


def test_a_daily_report_carries_its_covered_day_past_a_background_date():
    # news prose would carry 1 March 2015 to the last two lines; a daily report lists its own day
    got = framed(
        "Monitors record 9 truce violations in past 24 hours",
        "The commission registered nine truce violations in the past 24 hours, the ministry said on Sunday. "
        "Both sides are bound by the truce that came into force on 1 March 2015. "
        "So far, 312 villages have joined the truce. "
        "Gunmen fired mortars at two checkpoints near the river.",
        "2016-06-12",
    )
    assert got["So far,"][0] == "2016-06-12"
    assert got["Gunmen fired"][0] == "2016-06-12"


def test_news_prose_still_continues_the_story_of_a_named_day():
    got = framed(
        "Troops storm a village",
        "Troops stormed a village near the river on 1 June. Gunmen fired mortars at two checkpoints nearby.",
        "2016-06-12",
    )
    assert got["Gunmen fired"][0] == "2016-06-01"


def test_the_day_named_with_the_cue_is_the_covered_day_not_the_statement_day():
    got = framed(
        "Ceasefire violated five times over past day",
        "Militants violated the ceasefire five times over the past day, the headquarters said. "
        "\"Over the past day, on May 9, five violations were recorded.\" "
        "The headquarters said on Thursday morning that a drone dropped a grenade near the mine. "
        "Near the station, militants fired from grenade launchers.",
        "2018-05-10",
    )
    assert got["Militants violated"][0] == "2018-05-09"
    assert got["Near the"] == ("2018-05-09", "May 9")


def test_a_title_date_is_the_day_of_the_undated_lines_before_any_dated_one():
    got = framed(
        "Flash Update No. 4, 11-12 March 2020",
        "Some 2,000 people fled the villages east of the city. Shelling damaged two schools and a clinic.",
        "2020-03-13",
    )
    assert got["Some 2,000"] == ("2020-03-12", "12 March 2020")
    assert got["Shelling damaged"][0] == "2020-03-12"


def test_a_title_date_far_from_publication_or_after_since_is_not_the_report_day():
    got = framed("Toll of the offensive since 7 March", "Shelling damaged two schools and a clinic.", "2020-03-13")
    assert got["Shelling damaged"] == ("2020-03-13", None)


def test_a_lead_told_before_its_day_takes_the_day_the_next_sentence_names():
    got = dated(
        "Gunmen killed nine farmers in a raid on a hamlet near the border, police said. "
        "The raid came late on Thursday, when the farmers were returning from the market.",
    )
    assert got["Gunmen killed"] == "2013-05-16"


def test_a_lead_takes_no_statement_or_background_day_from_the_next_sentence():
    said = dated(
        "Gunmen killed nine farmers in a raid on a hamlet near the border. "
        "Police said on Friday that the gunmen fled into the forest.",
    )
    old = dated(
        "Gunmen killed nine farmers in a raid on a hamlet near the border. "
        "A truce signed on 2 March 2013 has broken down in the district.",
    )
    assert said["Gunmen killed"] == "2013-05-17"  # the day the report was stated (its frame), not a happening's
    assert old["Gunmen killed"] == "2013-05-18"


def test_a_day_heading_dates_the_undated_lines_under_it():
    body = (
        "The army listed the shelling it recorded this week.\n\n"
        "14 May:\n\n"
        "Mortar rounds damaged two houses in the north of the town.\n\n"
        "Situation on 16 May\n\n"
        "A drone dropped a grenade on a checkpoint near the bridge.\n\n"
        "09:12 17.05.2013\n\n"
        "Snipers fired at a farm on the edge of the village.\n"
    )
    got = dated(body)
    assert got["Mortar rounds"] == "2013-05-14"
    assert got["A drone"] == "2013-05-16"
    assert got["Snipers fired"] == "2013-05-16"  # a time stamp is no heading


def test_a_summary_s_undated_lines_tell_of_its_period_not_of_one_day():
    art = Article(path="x.md", slug="x", title="Border guards log 120 truce breaches in one week",
                  published=dt.date(2013, 5, 18), text=markdown_to_text(
                      "The other side broke the truce 120 times in one week and fired 900 rounds. "
                      "Mortar crews shelled two villages near the ridge, wounding three soldiers. "
                      "On Friday, a sniper killed a farmer near the river."))
    got = {" ".join(e.sentence.split()[:2]): e for e in extract_article(art).events}
    mortar = got["Mortar crews"]
    assert (mortar.span, mortar.period_start, mortar.period_end) == ("period", "2013-05-12", "2013-05-18")
    assert all(f.span == "period" for f in mortar.figures) and mortar.figures
    assert (got["On Friday,"].date, got["On Friday,"].span) == ("2013-05-17", "day")


def test_a_window_between_the_evenings_of_two_days_is_dated_by_its_end():
    got = dated("Between the evenings of 14 and 16 May, the monitors recorded 230 explosions near the plant.")
    assert list(got.values()) == ["2013-05-16"]


def test_a_since_clause_with_its_own_day_is_a_second_earlier_event():
    x = extract_article(article("Shelling has killed 40 people in Hama since the truce came into force on 2 May, the ministry said.",
                                "2013-05-18"))
    assert [(e.date, e.figures != ()) for e in x.events] == [("2013-05-18", True), ("2013-05-02", False)]
    assert x.events[1].date_text == "2 May" and x.events[0].id != x.events[1].id


def test_a_since_time_or_month_gives_no_second_event():
    for text in ("Shelling has killed 40 people in Hama since midday on Monday, the ministry said.",
                 "Shelling has killed 40 people in Hama since the unrest began last March, the ministry said."):
        assert len(extract_article(article(text)).events) == 1, text


def test_a_since_happening_is_told_even_when_its_sentence_tells_only_a_state():
    x = extract_article(article("The town has been calm since the truce came into force on 2 May.", "2013-05-18"))
    assert [(e.date, e.date_text) for e in x.events] == [("2013-05-02", "2 May")]
    y = extract_article(article("Shelling of the villages has grown since the 9 May air raid on the depot.", "2013-05-18"))
    assert "2013-05-09" in [e.date for e in y.events]
