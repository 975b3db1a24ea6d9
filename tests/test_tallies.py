"""Tallies: bulletin lists of per-place counts, their metric, date, total and reporter."""

import dataclasses
import datetime as dt

import pytest

from generator.figures import AttributionContext
from generator.model import Place, Tally
from generator.places import Gazetteer
from generator.tallies import bulletin_date, find_pairs, find_tallies, table_blocks

FRIDAY = dt.date(2016, 12, 23)


@pytest.fixture(scope="module")
def syria():
    return Gazetteer.for_countries(["SY"])


def tallies_of(sentence, gazetteer, **kwargs):
    options = {"date": FRIDAY.isoformat(), "article": "a", "start": 0, "end": len(sentence),
               "gazetteer": gazetteer, "published": FRIDAY}
    options.update(kwargs)
    return find_tallies(sentence, **options)


@pytest.mark.parametrize(
    "sentence, metric, total, by_place",
    [
        # counts in brackets after each province, total stated first
        ("“In all, 25 ceasefire violations by armed groups were logged in Damascus (17), "
         "Aleppo (6) and Hama (2) provinces,” the ministry's daily note said.",
         "ceasefire_violations", 25, {"Damascus": 17, "Aleppo": 6, "Hama": 2}),
        # "N in the province of X, M in the province of Y"
        ("Monitors counted 23 ceasefire violations across Syria during the day, of them 14 in the province "
         "of Idlib, seven in the province of Latakia, and two more in the province of Homs, according to the center.",
         "ceasefire_violations", 23, {"Idlib": 14, "Latakia": 7, "Homs": 2}),
        # "by province:" then bracketed counts
        ("In the last 24 hours the monitors logged 39 cases of ceasefire violations, by province: "
         "Hama (11), Aleppo (9), Idlib (7), Damascus (6), Daraa (4) and Latakia (2).",
         "ceasefire_violations", 39, {"Hama": 11, "Aleppo": 9, "Idlib": 7, "Damascus": 6, "Daraa": 4, "Latakia": 2}),
        ("Ceasefire violations over the past 24 hours: Damascus - 17; Aleppo - 6; Hama - 2.",
         "ceasefire_violations", 25, {"Damascus": 17, "Aleppo": 6, "Hama": 2}),
        ("The truce was violated in the provinces of Aleppo (20), Hama (8) and Idlib (3) in the past day.",
         "ceasefire_violations", 31, {"Aleppo": 20, "Hama": 8, "Idlib": 3}),
        ("Shelling killed civilians in the past day: Aleppo: 4, Idlib: 2.", "killed", 6, {"Aleppo": 4, "Idlib": 2}),
        # no stated total: the first entry's own noun names the metric
        ("During the day, 6 people were killed in Aleppo and 2 in Homs, the Observatory said.", "killed", 8, {"Aleppo": 6, "Homs": 2}),
        ("The ceasefire was violated in Aleppo (4 times) and Latakia (2 times) during the day.",
         "ceasefire_violations", 6, {"Aleppo": 4, "Latakia": 2}),
        ("Over the past day, 12 ceasefire violations were recorded: 7 in Idlib, 3 in Latakia and 2 in Hama.",
         "ceasefire_violations", 12, {"Idlib": 7, "Latakia": 3, "Hama": 2}),
        ("Ceasefire violations in the past day: Aleppo province – 20, Hama province – 8.",
         "ceasefire_violations", 28, {"Aleppo": 20, "Hama": 8}),
        ("Over the past day there were 20 ceasefire violations in Aleppo, 8 in Hama and 3 in Idlib.",
         "ceasefire_violations", 31, {"Aleppo": 20, "Hama": 8, "Idlib": 3}),
        ("The ceasefire was violated 28 times in the past day: Aleppo province (20 times), Hama province (8 times).",
         "ceasefire_violations", 28, {"Aleppo": 20, "Hama": 8}),
        # an alias resolves to the canonical province
        ("The ceasefire was violated 20 times in Rural Damascus (12) and Daraa (8) over the day.",
         "ceasefire_violations", 20, {"Rif Dimashq": 12, "Daraa": 8}),
    ],
)
def test_bulletin_lists_become_tallies(syria, sentence, metric, total, by_place):
    tallies, problems = tallies_of(sentence, syria)
    assert problems == []
    [tally] = tallies
    assert (tally.metric, tally.total, tally.by_place) == (metric, total, by_place)
    assert tally.start == 0 and tally.end == len(sentence) and tally.article == "a"
    assert list(tally.by_place) == list(by_place)  # ordered as in the text
    assert tally.date == "2016-12-23"
    assert tally.sources == (("a", 0),)


@pytest.mark.parametrize(
    "sentence",
    [
        # settlements that joined a truce
        "Over the past day, elders of 5 villages in the Homs (3) and Hama (2) provinces signed up to the truce.",
        # humanitarian deliveries
        "Humanitarian deliveries were made to Aleppo (3) and Homs (2) during the day.",
        # districts cleared
        "Troops cleared 12 districts in Aleppo (9) and Homs (3) in the past day.",
        # places without counts
        "Talks continued with armed groups in the provinces of Homs, Hama, Aleppo and Quneitra.",
        # a lone figure is not a list
        "Six killed in Aleppo.",
        # a span of time and a national total, not a count per place
        "Almost 200 people have died in two days of violence in Syria, activists said on Wednesday.",
    ],
)
def test_lists_of_other_things_are_not_tallies(syria, sentence):
    tallies, problems = tallies_of(sentence, syria)
    assert tallies == []
    assert all(p.reason.startswith("possible tally not read") for p in problems)


def test_a_running_total_is_a_cumulative_tally_never_a_day():
    [tally], _ = tallies_of("Since the truce began, 240 ceasefire violations have been logged in Hama (150) and Idlib (90).", syria_gazetteer())
    assert (tally.total, tally.by_place, tally.span, tally.period_end) == (240, {"Hama": 150, "Idlib": 90}, "cumulative", "2016-12-23")


def syria_gazetteer():
    return Gazetteer.for_countries(["SY"])


def test_a_total_that_does_not_add_up_is_a_warning_and_both_numbers_are_kept(syria):
    sentence = "A total of 30 ceasefire violations were registered in Damascus (17), Aleppo (6) and Hama (2) provinces."
    [tally], [problem] = tallies_of(sentence, syria)
    assert (tally.total, tally.stated_total, sum(tally.by_place.values())) == (30, 30, 25)
    assert (problem.stage, problem.severity) == ("tallies", "warning")
    assert "30" in problem.reason and "25" in problem.reason


def test_without_a_stated_total_the_total_is_the_sum(syria):
    [tally], _ = tallies_of("Ceasefire violations were registered in Damascus (17), Aleppo (6) and Hama (2) provinces.", syria)
    assert (tally.total, tally.stated_total) == (25, None)


def test_counts_from_different_monitors_stay_separate(syria):
    sentence = ("The Russian side registered 25 violations in Aleppo (20) and Hama (5) over the past 24 hours, "
                "while the Turkish side registered 8 violations in Idlib (5) and Latakia (3).")
    tallies, problems = tallies_of(sentence, syria)
    assert problems == []
    assert [(t.attributed_to, t.total, t.by_place) for t in tallies] == [
        ("Russian side", 25, {"Aleppo": 20, "Hama": 5}),
        ("Turkish side", 8, {"Idlib": 5, "Latakia": 3}),
    ]


def test_reporter_short_name_resolves_through_the_article_context(syria):
    context = AttributionContext()
    context.observe("Meanwhile, the Russian Defense Ministry said ceasefire violations were registered in three provinces.")
    sentence = "“A total of 25 ceasefire violations have been registered in Damascus (17), Aleppo (6) and Hama (2) provinces,” the ministry said."
    [tally], _ = tallies_of(sentence, syria, context=context)
    assert tally.attributed_to == "Russian Defense Ministry"


def test_callers_attribution_is_used_when_the_list_names_no_reporter(syria):
    [tally], _ = tallies_of("Violations of the ceasefire: Aleppo (4), Hama (2).", syria, attributed_to="Russian Center")
    assert tally.attributed_to == "Russian Center"


@pytest.mark.parametrize(
    "sentence, published, fallback, expected",
    [
        ("25 violations were reported during the day, the center said in its bulletin posted on Friday.", FRIDAY, "2016-12-20", "2016-12-23"),
        ("The ceasefire was violated 39 times over the last 24 hours, the center said in its daily bulletin published on Monday.",
         dt.date(2016, 11, 15), "2016-11-15", "2016-11-14"),
        ("Within last 24 hours, 42 violations were registered; a ceasefire was reached on December 15.", dt.date(2016, 12, 23), "2016-12-15", "2016-12-23"),
        ("Violations were registered in Aleppo (4) and Hama (2) on December 20.", FRIDAY, "2016-12-23", "2016-12-20"),
        ("On Thursday, the ministry said violations were registered in Aleppo (4) and Hama (2).", FRIDAY, "2016-12-23", "2016-12-22"),
        ("Violations were registered in Aleppo (4) and Hama (2).", FRIDAY, "2016-12-23", "2016-12-23"),
    ],
)
def test_daily_bulletins_are_dated_by_their_publication(sentence, published, fallback, expected):
    assert bulletin_date(sentence, published, fallback) == expected


def test_daily_tally_ignores_other_dates_in_the_sentence(syria):
    sentence = "In the past day, 9 ceasefire violations were registered in Aleppo (6) and Hama (3), the first since December 15."
    [tally], _ = tallies_of(sentence, syria, date="2016-12-15")
    assert tally.date == "2016-12-23"


def test_markdown_table_with_place_and_count_columns(syria):
    block = "| Province | Ceasefire violations |\n|---|---|\n| Damascus | 17 |\n| Aleppo | 6 |\n| Hama | 2 |\n| Total | 25 |"
    [tally], problems = tallies_of(block, syria)
    assert problems == []
    assert (tally.metric, tally.total, tally.stated_total, tally.by_place) == (
        "ceasefire_violations", 25, 25, {"Damascus": 17, "Aleppo": 6, "Hama": 2})


def test_table_rendered_to_text_has_one_tally_per_metric_column(syria):
    text = "Casualties by governorate.\n\nGovernorate | Killed | Injured\n\nAleppo | 6 | 10\n\nIdlib | 3 | 4\n\nThe end."
    [(start, end, block)] = table_blocks(text)
    assert text[start:end] == block and block.startswith("Governorate")
    tallies, _ = tallies_of(block, syria)
    assert [(t.metric, t.by_place) for t in tallies] == [("killed", {"Aleppo": 6, "Idlib": 3}), ("injured", {"Aleppo": 10, "Idlib": 4})]


def test_a_table_without_a_place_column_is_not_a_tally(syria):
    assert tallies_of("| Week | Killed |\n|---|---|\n| 1 | 6 |\n| 2 | 3 |", syria) == ([], [])


def test_a_stand_in_gazetteer_can_bring_its_own_place_finder():
    class TwoPlaces:
        def find_places(self, text):
            out = []
            for name in ("Mariupol", "Donetsk"):
                i = text.find(name)
                if i >= 0:
                    out.append(Place(name, name + " Oblast", "UA", "city", name, i, i + len(name)))
            return sorted(out, key=lambda p: p.start)

    [tally], _ = tallies_of("Shelling was reported in the past day, with 12 shells in Mariupol and 7 shells in Donetsk.", TwoPlaces())
    assert tally.by_place == {"Mariupol": 12, "Donetsk": 7}


def test_pairs_keep_text_order_and_offsets(syria):
    sentence = "registered in Damascus (17), Aleppo (6)"
    pairs = find_pairs(sentence, syria)
    assert [(sentence[s:e], key, n) for s, e, key, n in pairs] == [("Damascus (17)", "Damascus", 17), ("Aleppo (6)", "Aleppo", 6)]


def test_each_monitor_keeps_its_own_reporter_even_when_the_caller_passes_one(syria):
    sentence = ("The ministry registered 25 violations in Aleppo (20) and Hama (5) over the past 24 hours, "
                "while the Turkish side registered 8 violations in Idlib (5) and Latakia (3).")
    tallies, _ = tallies_of(sentence, syria, attributed_to="Russian Defense Ministry")
    assert [t.attributed_to for t in tallies] == ["Russian Defense Ministry", "Turkish side"]


def test_towns_in_a_province_stay_towns(syria):
    sentence = "In the province of Damascus, the ceasefire was violated in the past day in Jobar (3), Harasta (2) and Douma (1)."
    [tally], _ = tallies_of(sentence, syria)
    assert tally.by_place == {"Jobar": 3, "Harasta": 2, "Duma": 1}


@pytest.mark.parametrize(
    "sentence",
    [
        "Aid reached Damascus (17), Aleppo (6) and Hama (2) on Friday.",  # no metric named: not a tally
        "Shells fell in Aleppo (12) on Friday.",  # one place and no separate total
        "Talks on Aleppo resumed in Geneva.",  # no number at all
    ],
)
def test_sentences_that_cannot_hold_a_list_give_no_tally(sentence, syria):
    tallies, problems = tallies_of(sentence, syria)
    assert tallies == []
    # places each with a count are still shown to the editor: the metric may be one the site has not set up
    assert [p.reason for p in problems] == ([f"possible tally not read: {sentence}"] if sentence.startswith("Aid") else [])


@pytest.mark.parametrize(
    "sentence, by_place, stated",
    [
        # "another N elsewhere in P": the entry before it lies in P too; "in other areas" is the other places' row;
        # the toll put in the clause before is the stated total
        ("Three rights groups put Monday's toll at 90, most of them in Hama province; the committees said 30 died near "
         "the village of Kafr Nabudah, another 20 elsewhere in Hama province, 25 in Homs and 15 in other areas.",
         {"Hama": 50, "Homs": 25, "other": 15}, 90),
        # no total stated: the entries are the list
        ("The network said 8 were shot dead near the hamlet of Deir Sunbul, another 5 elsewhere in Idlib, "
         "3 in Daraa and 2 in other provinces.", {"Idlib": 13, "Daraa": 3, "other": 2}, None),
        # a first entry named by a town the gazetteer knows goes to its province; "elsewhere" alone is the other row
        ("Monitors said 12 died near the town of Kafr Zita, another 9 in Homs and 4 elsewhere.",
         {"Hama": 12, "Homs": 9, "other": 4}, None),
    ],
)
def test_a_number_continued_by_another_is_a_list_entry_not_the_total(syria, sentence, by_place, stated):
    [tally], problems = tallies_of(sentence, syria)
    assert problems == []
    assert tally.by_place == by_place and tally.stated_total == stated
    assert tally.total == (stated if stated is not None else sum(by_place.values()))


def test_parts_that_do_not_reach_the_stated_total_are_warned_with_the_sentence(syria):
    sentence = ("Two monitoring groups put Sunday's toll at 70; the network said 20 died near the village of Tal Hadya, "
                "another 15 elsewhere in Aleppo province and 10 in Idlib.")
    [tally], [problem] = tallies_of(sentence, syria)
    assert tally.by_place == {"Aleppo": 35, "Idlib": 10} and tally.stated_total == 70 and tally.places_differ
    assert problem.severity == "warning" and "stated total 70" in problem.reason and "add up to 45" in problem.reason
    assert sentence in problem.reason


@pytest.mark.parametrize(
    "sentence, reporters",
    [
        # each side's recording verb names its own reporter, whoever relays the report
        ("The western delegation of the joint truce panel has registered 11 cases of firing: six in Aleppo and five in Hama, "
         "while the eastern delegation recorded 4 violations in Idlib (3) and Latakia (1), the ministry said in its note.",
         ["Western delegation of the joint truce panel", "Eastern delegation"]),
        # a long subject keeps its head and drops what follows it
        ("“The northern team of the observer group monitoring the truce recorded 9 facts of firing in the provinces: "
         "Idlib – 5, Hama – 4”, the bulletin said.", ["Northern team of the observer group"]),
    ],
)
def test_the_subject_of_the_recording_verb_reports_the_count(syria, sentence, reporters):
    tallies, _ = tallies_of(sentence, syria, attributed_to="Defence Ministry")
    assert [t.attributed_to for t in tallies] == reporters


def test_a_pronoun_subject_is_the_speaker_before_it(syria):
    sentence = "The defence ministry said it had registered 13 cases of firing, namely 8 in the province of Aleppo and 5 in Hama."
    [tally], _ = tallies_of(sentence, syria)
    assert tally.attributed_to == "Defence ministry"


@pytest.mark.parametrize(
    "sentence, who",
    [
        ("This was reported by the head of the district administration, Ivan Petrenko.", "the head of the district administration, Ivan Petrenko"),
        ("According to a local outlet, this was announced by the regional governor on Telegram.", "the regional governor"),
        ("Maria Kovalenko, the head of the regional council, said this in a post on Facebook.", "Maria Kovalenko, the head of the regional council"),
        ("The governor said this week's shelling was the heaviest.", None),
        ("This was reported at 10:00 by 3 outlets.", None),
    ],
)
def test_a_sentence_can_credit_the_one_before_it(sentence, who):
    from generator.tallies import credited_back

    assert credited_back(sentence) == who


def test_extraction_credits_a_reporterless_toll_to_the_next_sentences_reporter():
    from generator.events import extract_article
    from generator.model import Article

    text = ("Four people were killed and nine injured in Kharkiv region over the past day.\n\n"
            "This was reported by the head of the regional administration, Ivan Petrenko.")
    article = Article(path="a.md", slug="a", title="Day in the region", published=FRIDAY, text=text)
    tallies = extract_article(article, {"TIMELINE_COUNTRIES": ["UA"]}).tallies
    assert sorted((t.metric, t.total) for t in tallies) == [("injured", 9), ("killed", 4)]
    assert all(t.attributed_to.endswith("Ivan Petrenko") for t in tallies)


@pytest.mark.parametrize(
    "sentence, published, expected",
    [
        # a range of days
        ("From 1 March to 31 August 2019, the mission documented 640 civilians killed.", dt.date(2019, 9, 10),
         ("period", "2019-03-01", "2019-08-31", "2019-08-31")),
        ("The report covers March 1 – June 30, 2021, when monitors recorded 1,210 ceasefire violations.", dt.date(2021, 7, 15),
         ("period", "2021-03-01", "2021-06-30", "2021-06-30")),
        # a 24-hour window between two clock times is the day it closes on
        ("From 18:00 on 5 May to 18:00 on 6 May, observers recorded 12 ceasefire violations.", dt.date(2020, 5, 7),
         ("day", None, None, "2020-05-06")),
        # a whole year or month
        ("In 2018, the army recorded 900 ceasefire violations along the line.", dt.date(2019, 1, 4),
         ("period", "2018-01-01", "2018-12-31", "2018-12-31")),
        ("Monitors registered 77 ceasefire violations last year.", dt.date(2020, 2, 3),
         ("period", "2019-01-01", "2019-12-31", "2019-12-31")),
        ("The observatory documented 3,100 people killed in March 2016.", dt.date(2016, 4, 2),
         ("period", "2016-03-01", "2016-03-31", "2016-03-31")),
    ],
)
def test_a_named_window_dates_the_tally_by_its_last_day(syria, sentence, published, expected):
    tallies, _ = tallies_of(sentence, syria, published=published, date=published.isoformat())
    assert tallies
    assert {(t.span, t.period_start, t.period_end, t.date) for t in tallies} == {expected}


def test_each_count_takes_the_month_of_its_own_clause(syria):
    sentence = "April was the worst month, with 700 people killed, while 450 people were killed in June, the observatory documented."
    tallies, _ = tallies_of(sentence, syria, published=dt.date(2012, 7, 2), date="2012-07-02")
    assert sorted((t.total, t.date) for t in tallies) == [(450, "2012-06-30"), (700, "2012-04-30")]


def test_a_date_after_since_starts_a_running_total_not_a_window(syria):
    [tally], _ = tallies_of("Since 2018, monitors have recorded 1,400 ceasefire violations.", syria, published=dt.date(2019, 1, 5), date="2019-01-05")
    assert (tally.span, tally.date) == ("cumulative", "2019-01-05")


@pytest.mark.parametrize(
    "sentence",
    [
        "The observatory said 530 people had been killed in Hama since 3 October.",
        "The observatory said 530 people had been killed in Hama since the 3rd of October.",
        "Since October 3, the observatory has documented the deaths of 530 people in Hama.",
    ],
)
def test_a_running_total_since_a_day_starts_that_day_and_ends_on_the_report(syria, sentence):
    # read as a figure's span is read: the day after "since" is the start, never the tally's own day
    [tally], _ = tallies_of(sentence, syria, published=dt.date(2019, 11, 20), date="2019-11-20")
    assert (tally.total, tally.span, tally.period_start, tally.period_end, tally.date) == (
        530, "cumulative", "2019-10-03", "2019-11-20", "2019-11-20")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # two metrics per entry, the last entry with one
        ("Over the past day the ministry recorded 3 killed and 5 wounded in Idlib, 2 killed and 1 wounded in Hama, and 4 wounded in Homs.",
         {("killed", 5, (("Idlib", 3), ("Hama", 2))), ("injured", 10, (("Idlib", 5), ("Hama", 1), ("Homs", 4)))}),
        # nouns of the toll ("martyrs"), "in addition to" between entries, a province word after the name
        ("The toll registered during the last 24 hours included 6 martyrs and 20 wounded in Aleppo province, "
         "in addition to 1 martyr and 7 wounded in Latakia province.",
         {("killed", 7, (("Aleppo", 6), ("Latakia", 1))), ("injured", 27, (("Aleppo", 20), ("Latakia", 7)))}),
    ],
)
def test_lists_whose_entries_count_two_metrics_give_one_tally_per_metric(syria, sentence, expected):
    tallies, _ = tallies_of(sentence, syria)
    assert {(t.metric, t.total, tuple(t.by_place.items())) for t in tallies} == expected


def test_one_entry_with_two_metrics_is_no_list(syria):
    tallies, _ = tallies_of("Over the past day the ministry recorded 3 killed and 5 wounded in Idlib.", syria)
    assert all(not t.by_place or len(t.by_place) == 1 for t in tallies)


def test_region_counts_given_sentence_by_sentence_make_one_tally():
    from generator.events import extract_article
    from generator.model import Article

    text = ("In Donetsk region, between the evenings of 9 and 10 May, the Special Monitoring Mission (SMM) recorded 120 ceasefire violations, "
            "including 40 explosions.\n\n"
            "In Luhansk region, between the evenings of 9 and 10 May, the SMM recorded 35 ceasefire violations, including 5 explosions.")
    article = Article(path="a.md", slug="a", title="Daily report", published=dt.date(2021, 5, 11), text=text)
    tallies = extract_article(article, {"TIMELINE_COUNTRIES": ["UA"]}).tallies
    assert sorted((t.metric, t.total, sorted(t.by_place.values()), t.date) for t in tallies) == [
        ("ceasefire_violations", 155, [35, 120], "2021-05-10"),
        ("explosions", 45, [5, 40], "2021-05-10"),
    ]
    assert {t.attributed_to for t in tallies} == {"Special Monitoring Mission"}


def test_casualties_by_region_in_separate_sentences_stay_separate():
    from generator.events import extract_article
    from generator.model import Article

    text = ("Over the past day, 3 civilians were killed in Donetsk region, the governor said.\n\n"
            "Over the past day, 2 civilians were killed in Kharkiv region, the governor said.")
    article = Article(path="a.md", slug="a", title="Daily report", published=dt.date(2022, 9, 2), text=text)
    tallies = extract_article(article, {"TIMELINE_COUNTRIES": ["UA"]}).tallies
    assert sorted(t.total for t in tallies if t.metric == "killed") == [2, 3]


def test_a_date_stamp_before_a_list_is_not_its_total():
    sentence = "2021-05-12 The mission recorded 150 ceasefire violations in Donetsk region and 42 in Luhansk region over the past day."
    [tally], _ = tallies_of(sentence, Gazetteer.for_countries(["UA"]))
    assert (tally.total, sorted(tally.by_place.values())) == (192, [42, 150])


def test_a_count_during_the_specified_period_takes_the_reports_window():
    from generator.events import extract_article
    from generator.model import Article

    text = ("The mission presented its periodic report, which covers the period of 1 March – 31 August 2019.\n\n"
            "According to the head of the mission, 640 civilians were killed and 1,900 wounded during the specified period.")
    article = Article(path="a.md", slug="a", title="Periodic report", published=dt.date(2019, 9, 20), text=text)
    tallies = extract_article(article, {"TIMELINE_COUNTRIES": ["UA"]}).tallies
    assert sorted((t.metric, t.total, t.span, t.period_start, t.date) for t in tallies) == [
        ("injured", 1900, "period", "2019-03-01", "2019-08-31"),
        ("killed", 640, "period", "2019-03-01", "2019-08-31"),
    ]


def test_a_running_total_until_the_end_of_the_reporting_period_ends_with_the_window():
    from generator.events import extract_article
    from generator.model import Article

    text = ("In Donetsk region, between the evenings of 9 and 11 May, the mission recorded 120 ceasefire violations.\n\n"
            "From 00:01 on 3 February 2021 until the end of the reporting period, the mission has recorded 9,500 ceasefire violations.")
    article = Article(path="a.md", slug="a", title="Report", published=dt.date(2021, 5, 12), text=text)
    tallies = extract_article(article, {"TIMELINE_COUNTRIES": ["UA"]}).tallies
    [running] = [t for t in tallies if t.total == 9500]
    assert (running.span, running.period_start, running.period_end, running.date) == ("cumulative", "2021-02-03", "2021-05-11", "2021-05-11")


# Every shape issue 10 lists, in sentences written for this test: (gazetteer countries, sentence, metric, total, places).
ISSUE_SHAPES = [
    # a dash after the count
    (["SY"], "The center registered 20 violations over the past day, including 13 in the province of Idlib, four - in the province "
             "of Hama, three - in the province of Latakia.", "ceasefire_violations", 20, {"Idlib": 13, "Hama": 4, "Latakia": 3}),
    # counts in words, in brackets
    (["SY"], "The Russian side registered 9 cases of firing in the provinces of Aleppo (five), Hama (three) and Idlib (one).",
     "ceasefire_violations", 9, {"Aleppo": 5, "Hama": 3, "Idlib": 1}),
    # square brackets
    (["SY"], "Over the past day, ceasefire violations were registered in Aleppo [6] and Hama [2] provinces.",
     "ceasefire_violations", 8, {"Aleppo": 6, "Hama": 2}),
    # one count shared by two provinces is that count in each
    (["SY"], "The Turkish side registered 10 such cases – four in Idlib, two in the provinces of Aleppo and Hama, two in Latakia.",
     "ceasefire_violations", 10, {"Idlib": 4, "Aleppo": 2, "Hama": 2, "Latakia": 2}),
    # the metric named by another noun
    (["SY"], "Over the past day, as many as 22 episodes of shelling were recorded, including 15 in the province of Idlib and 7 in Aleppo.",
     "shelling_incidents", 22, {"Idlib": 15, "Aleppo": 7}),
    # a total only, and one province's count
    (["SY"], "The Turkish side reported three violations over the past day.", "ceasefire_violations", 3, {}),
    (["SY"], "Monitors registered 14 violations in Idlib over the past day.", "ceasefire_violations", 14, {"Idlib": 14}),
    # a list with no stated total: the first entry is an entry
    (["SY"], "Over the past day, 5 breaches were recorded in Aleppo, 3 in Hama and 1 in Homs.",
     "ceasefire_violations", 9, {"Aleppo": 5, "Hama": 3, "Homs": 1}),
    # a total and a colon list of another country's regions
    (["UA", "RU"], "Air defence systems destroyed 12 drones overnight: 5 over the territory of the Kursk region, 4 over the Bryansk "
                   "region, 3 over the Belgorod region.", "drones", 12, None),
    # "N times"
    (["UA"], "Over the past day, the enemy violated the ceasefire 9 times in Donetsk region.", "ceasefire_violations", 9, None),
    # monitoring-mission style, a zero count, and a window "as of"
    (["UA"], "The Mission recorded 45 ceasefire violations in Donetsk region, including 20 explosions.", "ceasefire_violations", 45, None),
    (["UA"], "The Mission recorded no ceasefire violations in Luhansk region.", "ceasefire_violations", 0, None),
]


@pytest.mark.parametrize("countries, sentence, metric, total, by_place", ISSUE_SHAPES)
def test_every_shape_of_issue_10_is_read(countries, sentence, metric, total, by_place):
    tallies, _ = tallies_of(sentence, Gazetteer.for_countries(countries), published=dt.date(2019, 6, 14), date="2019-06-14")
    [tally] = [t for t in tallies if t.metric == metric]
    assert tally.total == total
    if by_place is not None:
        assert tally.by_place == by_place
    else:
        assert sum(tally.by_place.values()) == total and len(tally.by_place) == (3 if metric == "drones" else 1)


def test_a_window_as_of_an_evening_dates_the_count():
    sentence = "As of 19:30 11 March, the Mission recorded 17 ceasefire violations in Luhansk region."
    [tally], _ = tallies_of(sentence, Gazetteer.for_countries(["UA"]), published=dt.date(2019, 3, 13), date="2019-03-13")
    assert (tally.total, tally.date) == (17, "2019-03-11")


def test_counts_on_n_occasions():
    [tally], _ = tallies_of("During the day the militants opened fire on 11 occasions, the headquarters reported.",
                            Gazetteer.for_countries(["UA"]))
    assert (tally.metric, tally.total) == ("attacks", 11)


def test_a_possible_tally_not_read_reaches_the_build_report_with_its_sentence():
    from generator import pages, pipeline
    from generator.events import extract_article
    from generator.model import Article

    unread = "Over the past day, the monitors registered ceasefire violations at checkpoint alpha - 4 and checkpoint beta - 2."
    text = "Shelling went on near the front.\n\n" + unread
    article = Article(path="b.md", slug="b", title="Daily note", published=FRIDAY, text=text)
    extraction = extract_article(article, {"TIMELINE_COUNTRIES": ["SY"]})
    assert extraction.tallies == ()
    data = pipeline.finish([extraction], extraction.problems, {"TIMELINE_COUNTRIES": ["SY"]})
    warnings = pages.build_report(data)["report_warnings"]
    assert [(p.path, p.stage) for p in warnings if p.reason == f"possible tally not read: {unread}"] == [("b.md", "tallies")]


def test_a_list_of_front_sectors_with_another_between_entries():
    sentence = ("In all, the militants mounted 40 attacks over the past day, including 30 in the Donetsk sector, "
                "six in the Luhansk sector and another four in the Mariupol sector, the spokesman said.")
    [tally], _ = tallies_of(sentence, Gazetteer.for_countries(["UA"]))
    assert (tally.metric, tally.total, list(tally.by_place.values())) == ("attacks", 40, [30, 6, 4])


def test_previous_values_in_brackets_are_the_previous_reports_tallies():
    sentence = ("The UN said that in Kharkiv region, as of midnight on May 3, there were 1,210 (1,204) killed and "
                "980 wounded (975) in government-controlled territory, and 120 (118) killed in territory held by the separatists.")
    found, problems = tallies_of(sentence, Gazetteer.for_countries(["UA"]), published=dt.date(2019, 5, 4), date="2019-05-04")
    read = sorted((t.metric, t.total, t.date, t.span) for t in found)
    # "as of midnight on May 3" closes May 2; the bracket is the report before, May 1
    assert read == [("injured", 975, "2019-05-01", "cumulative"), ("injured", 980, "2019-05-02", "cumulative"),
                    ("killed", 118, "2019-05-01", "cumulative"), ("killed", 120, "2019-05-02", "cumulative"),
                    ("killed", 1204, "2019-05-01", "cumulative"), ("killed", 1210, "2019-05-02", "cumulative")]
    assert problems == [] and all(t.sentence == sentence for t in found)


def test_a_bracket_after_a_place_is_a_sub_count_not_a_previous_value(syria):
    [tally], _ = tallies_of("Over the past day there were 20 violations in Aleppo (12) and Hama (8).", syria)
    assert (tally.total, tally.by_place) == (20, {"Aleppo": 12, "Hama": 8})


WAR_TOLLS = [
    # a war as the subject, in the perfect
    (["LY"], "A health ministry spokesman said on Saturday that the recent fighting in the capital Tripoli has killed 190 people "
             "and left 1,020 others wounded.", [("killed", 190), ("injured", 1020)]),
    (["LY"], "In addition to the fatalities, the clashes have wounded 401 people.", [("injured", 401)]),
    # a toll noun with a toll verb or a copula; the subject names the metric
    (["LY"], "The ministry gave the toll of the clashes in Tripoli, where the number of injured reached 150, 58 deaths and "
             "10 people missing.", [("injured", 150), ("killed", 58), ("missing", 10)]),
    (["UA"], "According to Kyiv, the number of civilians killed in the parts of Donetsk region under Ukrainian control is 640, "
             "while the wounded are over 1,500.", [("killed", 640), ("injured", 1500)]),
    (["UA"], "On the separatist side, the dead civilians are nearly 700 and the wounded - over 2,100.", [("killed", 700), ("injured", 2100)]),
    (["PS", "IL"], "Israeli casualties numbered approximately 1,300 deaths and 4,500 injuries.", [("killed", 1300), ("injured", 4500)]),
    (["UA"], "Civilian casualties from 24 February to 00:00 on 3 May amounted to 7,120 civilians, including 3,150 killed, the office said.",
     [("casualties", 7120), ("killed", 3150)]),
]


@pytest.mark.parametrize("countries, sentence, expected", WAR_TOLLS)
def test_a_wars_toll_in_prose_is_a_running_total(countries, sentence, expected):
    found, _ = tallies_of(sentence, Gazetteer.for_countries(countries), published=dt.date(2019, 6, 14), date="2019-06-14")
    assert [(t.metric, t.total) for t in found] == expected
    assert {t.span for t in found} == {"cumulative"}


@pytest.mark.parametrize("sentence", [
    "An air strike on the market killed 12 people on Monday, the Observatory said.",
    "The number of people wounded in the blast was 14, police said.",
    "The dead were 3 soldiers and a child.",
    "Deaths in the attack numbered 7, the ministry said.",
])
def test_one_attacks_toll_is_no_running_total(syria, sentence):
    assert tallies_of(sentence, syria)[0] == []


def test_a_count_up_to_midnight_closes_the_day_before():
    sentence = "Civilian casualties from 24 February to 00:00 on 3 May amounted to 7,120 civilians, the office said."
    [tally], _ = tallies_of(sentence, Gazetteer.for_countries(["UA"]), published=dt.date(2019, 5, 4), date="2019-05-04")
    assert (tally.date, tally.period_end) == ("2019-05-02", "2019-05-02")


def test_the_wounded_with_an_exact_count_after_an_attack_are_that_attacks(syria):
    assert tallies_of("A shell hit the school on Monday; the wounded numbered 9.", syria)[0] == []


def _read_in_order(sentences, countries, published):
    from generator.tallies import ReportWindow

    window, read = ReportWindow(), []
    for sentence in sentences:
        window.observe(sentence, published)
        read += tallies_of(sentence, Gazetteer.for_countries(countries), published=published, date=published.isoformat(),
                           window=window)[0]
    return read


def test_a_series_of_months_and_the_corresponding_figures_of_another_year():
    read = _read_in_order(["Shelling rose sharply. June saw 1,210 such violations, July 198, and August 305.",
                           "The corresponding figures for 2018 were 20, 31, 77."], ["IN", "PK"], dt.date(2019, 10, 21))
    assert [(t.metric, t.total, t.period_start, t.date) for t in read] == [
        ("ceasefire_violations", 1210, "2019-06-01", "2019-06-30"), ("ceasefire_violations", 198, "2019-07-01", "2019-07-31"),
        ("ceasefire_violations", 305, "2019-08-01", "2019-08-31"), ("ceasefire_violations", 20, "2018-06-01", "2018-06-30"),
        ("ceasefire_violations", 31, "2018-07-01", "2018-07-31"), ("ceasefire_violations", 77, "2018-08-01", "2018-08-31")]


def test_an_armys_losses_are_one_running_tally_per_type_of_equipment():
    read = _read_in_order(["According to the General Staff, the enemy has lost about 900,100 troops, including 9,500 tanks, "
                           "19,800 armoured fighting vehicles and 30,100 drones.",
                           "The scale shows in the number of equipment lost by the enemy, which includes 41,000 vehicles and "
                           "fuel tanks, 21,500 artillery systems, and 1,210 multiple launch rocket systems."], ["UA"], dt.date(2025, 6, 1))
    assert [(t.metric, t.total) for t in read] == [
        ("casualties", 900100), ("equipment_destroyed", 9500), ("equipment_destroyed", 19800), ("drones", 30100),
        ("equipment_destroyed", 41000), ("equipment_destroyed", 21500), ("equipment_destroyed", 1210)]
    assert {t.span for t in read} == {"cumulative"}


@pytest.mark.parametrize("sentence", [
    "The SMM recorded ceasefire violations on the night of 4-5 May near the village of Alpha (12 km east of the town) and on 6-7 May.",
    "The monitors recorded explosions 6 km north of the plant in the evening and 3 km south of the bridge in the morning.",
])
def test_day_ranges_and_distances_raise_no_possible_tally_warning(sentence):
    assert tallies_of(sentence, Gazetteer.for_countries(["UA"])) == ([], [])


def test_a_count_without_its_own_reporter_takes_the_same_source_as_a_figure(syria):
    """Hearsay and background are the outlet's own for tallies too, not the last reporter's."""
    for sentence, reporter in [
        ("Over the past day, 5 people were killed and 8 wounded in Hama, 1 killed and 2 wounded in Homs.", "Relief office"),
        ("Over the past day, 5 people were reportedly killed and 8 wounded in Hama, 1 killed and 2 wounded in Homs.", None),
        ("The fighting in the hills has killed 1,400 people since May.", "Relief office"),
        ("Last year the fighting in the hills killed 1,400 people.", None),
    ]:
        context = AttributionContext()
        context.observe("The relief office said shells hit the bakery.")
        tallies, _ = tallies_of(sentence, syria, context=context)
        assert tallies and {t.attributed_to for t in tallies} == {reporter}, sentence


@pytest.mark.parametrize("countries, sentence, by_place", [
    # one combined count over two places joined by "and": one joint key in the text's spelling
    (["UA"], "Since 1 June the Mission has recorded 12,310 ceasefire violations in both Donetsk and Luhansk regions "
             "(including 4,020 explosions).", {"Donetsk and Luhansk regions": 12310}),
    (["SY"], "Over the past day 14 ceasefire violations were registered in Idlib and Hama provinces.", {"Idlib and Hama": 14}),
    # the place sentence opens with, then another clause: the joint key still holds
    (["UA"], "The agency said that in Donetsk and Luhansk regions, as of midnight on 2 May, there were 1,210 killed.",
     {"Donetsk and Luhansk regions": 1210}),
    # a longer run of places is a list without counts: no breakdown
    (["SY"], "Over the past day 30 ceasefire violations were registered in Idlib, Hama, Latakia and Aleppo.", {}),
    # a place that names an agreement, not where the count happened
    (["YE"], "The militia has committed 905 violations since the Hodeidah agreement took effect, the agency said.", {}),
    # "in Libya's Tripoli": a possessive before the place is still where it happened
    (["LY"], "An official said the fighting in Libya's Tripoli has killed 140 people so far.", {"Tripoli": 140}),
])
def test_a_count_tied_to_places_joined_by_and_has_one_joint_key(countries, sentence, by_place):
    first = tallies_of(sentence, Gazetteer.for_countries(countries))[0][0]  # the count in question comes first
    assert first.by_place == by_place


def test_a_running_total_to_midnight_past_an_interrupting_clause_ends_the_day_before():
    sentence = ("Civilian casualties from 1 March, when the offensive began, to 00:00 on 14 May amounted to 2,310 "
                "(while 2,290 the day before), the monitors said on Monday.")
    read, _ = tallies_of(sentence, Gazetteer.for_countries(["UA"]), published=dt.date(2022, 5, 16), date="2022-05-16")
    assert [(t.total, t.span, t.date) for t in read] == [(2310, "cumulative", "2022-05-13"), (2290, "cumulative", "2022-05-12")]


def test_a_running_tally_takes_the_end_and_reporter_its_figure_names_but_not_the_report_day():
    from generator.model import Figure, Tally
    from generator.spans import align_tally

    tally = Tally(date="2023-05-01", metric="casualties", article="a", start=0, end=9, sentence="...", by_place={},
                  total=5200, attributed_to=None, span="cumulative", period_end="2023-05-01")
    named = Figure("killed", 5200, span="period", period_start="2023-04-02", period_end="2023-04-20",
                   attributed_to="the relief office", source_basis="later")
    aligned = align_tally(tally, [named], dt.date(2023, 5, 3))
    assert (aligned.span, aligned.date, aligned.attributed_to) == ("period", "2023-04-20", "the relief office")
    report_day = dataclasses.replace(named, period_end="2023-05-03", attributed_to=None)
    assert align_tally(tally, [report_day], dt.date(2023, 5, 3)) is tally


@pytest.mark.parametrize("sentence, by_place", [
    # the place the sentence opens with, capitalised or after "of": the count's place
    ("In Donetsk region, over the past day, the monitors recorded 41 ceasefire violations.", {"Donetska oblast": 41}),
    ("As a result of shelling of the Kherson region, four people were killed over the past day.", {"Khersonska oblast": 4}),
    # the comma of a thousand is no clause boundary: the place after the next count still belongs to the clause
    ("Overall, 1,204 civilians have been killed and 3,310 injured in Donetsk region since the invasion.", {"Donetska oblast": 1204}),
])
def test_a_count_takes_the_place_its_sentence_opens_with(sentence, by_place):
    first = tallies_of(sentence, Gazetteer.for_countries(["UA"]))[0][0]
    assert first.by_place == by_place


def test_a_headline_its_body_and_the_breakdown_of_one_count_are_one_tally():
    from generator.model import Tally
    from generator.tallies import merge_restatements

    def tally(date, by_place, reporter):
        return Tally(date=date, metric="ceasefire_violations", article="a", start=0, end=9, sentence="...",
                     by_place=by_place, total=6, attributed_to=reporter)

    headline = tally("2021-03-10", {}, "Russia")  # dated by the report
    body = tally("2021-03-08", {}, "Russia's Defence Ministry")  # "said on Monday that six violations ..."
    breakdown = tally("2021-03-10", {"Idlib": 4, "Hama": 2}, None)
    [one] = merge_restatements([headline, body, breakdown])
    assert (one.by_place, one.date, one.attributed_to) == ({"Idlib": 4, "Hama": 2}, "2021-03-08", "Russia")
    other_side = tally("2021-03-08", {}, "Turkey")
    assert len(merge_restatements([headline, other_side])) == 2


@pytest.mark.parametrize("sentence, expected", [
    ("The enemy violated the ceasefire more than 120 times in one week and fired around 640 shots from small arms, the ministry said.",
     [("ceasefire_violations", 120), ("shells", 640)]),
    ("Overnight, the adversary violated the ceasefire along the line of contact 40 times, firing over 300 shots at the posts.",
     [("ceasefire_violations", 40), ("shells", 300)]),
])
def test_a_week_or_a_night_of_violations_and_shots_fired(sentence, expected):
    read, _ = tallies_of(sentence, Gazetteer.for_countries(["AZ", "AM"]))
    assert [(t.metric, t.total) for t in read] == expected


# -- tallies stated with no report cue: every shape's own examples (generator/lexicons/tally_shapes.txt) -----

@pytest.mark.parametrize("shape", __import__("generator.tallies", fromlist=["PROSE_SHAPES"]).PROSE_SHAPES, ids=lambda s: s.name)
def test_every_prose_shape_reads_its_examples_and_not_its_counters(shape):
    gazetteer = Gazetteer.for_countries(["UA", "RU"])
    assert shape.examples and shape.counters and shape.doc
    for sentence, expected in shape.examples:
        tallies, _ = tallies_of(sentence, gazetteer)
        assert [(t.metric, t.total) for t in tallies if t.metric in shape.metrics] == list(expected), sentence
    for sentence, expected in shape.counters:
        tallies, _ = tallies_of(sentence, gazetteer)
        assert [(t.metric, t.total) for t in tallies if t.metric in shape.metrics] == list(expected), sentence


def test_the_region_points_back_to_the_province_named_before():
    from generator.tallies import ReportWindow

    gazetteer, window = Gazetteer.for_countries(["UA", "RU"]), ReportWindow()
    first = "Over the past day air defences destroyed three drones over the Kursk region, the governor wrote."
    later = "In the evening he added that two more drones were shot down over the region."
    [one], _ = tallies_of(first, gazetteer, window=window)
    [two], _ = tallies_of(later, gazetteer, window=window)
    assert (one.total, two.total) == (3, 2)
    assert two.by_place == {one_key: 2 for one_key in one.by_place}
    # "the region of X" names its own place; a sentence before any province names none
    [alone], _ = tallies_of(later, gazetteer, window=ReportWindow())
    assert alone.by_place == {}


def test_two_statements_of_one_day_in_prose_stay_two_tallies():
    from generator.tallies import merge_restatements

    text = ["Air defences shot down two drones over Kursk and the Kursk region, the governor said.",
            "Earlier in the day he said that four drones were destroyed in the Belgorod region during the day."]
    found = [t for sentence in text for t in tallies_of(sentence, Gazetteer.for_countries(["UA", "RU"]),
                                                        start=text.index(sentence))[0]]
    assert sorted(t.total for t in merge_restatements(found)) == [2, 4]


@pytest.mark.parametrize("sentence, by_place", [
    # a sentence that opens with its place, and a "with" clause counting what the clause before located
    ("In Hama, there were 48 deaths and 310 injuries.", {"Hama": 48}),
    ("The casualties were mostly in Idlib, with approximately 1,207 deaths and 3,980 injuries.", {"Idlib": 1207}),
    # a place inside an opening clause is not where the count is
    ("After sirens sounded in Latakia, the army said that militants fired four rockets toward the coast.", {}),
])
def test_a_count_in_prose_takes_the_place_of_its_own_clause(syria, sentence, by_place):
    tallies, _ = tallies_of(sentence, syria)
    assert tallies[0].by_place == by_place


@pytest.mark.parametrize(
    "sentence",
    [
        # the family people belong to is no place entry
        "Six members of one family were killed in Daraa on Tuesday, activists said.",
        "Four members of one family died in Hama when a shell hit their house, and 3 in Homs, the centre said.",
        # a calibre is no count of shells
        "Government forces fired 120 mm mortars at villages in Aleppo province over the past day, the monitor said.",
        "Over the past 24 hours the centre recorded that 82-mm mortars were fired at Idlib from Hama.",
        # clock times are no counts
        "Over the past day, the monitors registered shelling at 19:30 in Aleppo and at 21:15 in Hama.",
        "During the day the centre registered firing from 23.40 in Latakia until dawn.",
    ],
)
def test_distractors_give_no_tally_and_no_warning(syria, sentence):
    tallies, problems = tallies_of(sentence, syria)
    assert tallies == []
    # "and 3 in Homs" is a count with a place the reader cannot tie to a total: it may be listed as a
    # possible tally (issue 10: lose nothing silently), never as "Hama 1" for "one family"
    assert [p.reason for p in problems] in ([], [f"possible tally not read: {sentence}"])
    assert "3 in Homs" in sentence or problems == []


@pytest.mark.parametrize(
    "sentence, metric, by_place",
    [
        # "incidents" is a monitor's noun for what it counts
        ("Over the past 24 hours, 10 incidents were registered in Aleppo (6) and Homs (4), the centre said.",
         "ceasefire_violations", {"Aleppo": 6, "Homs": 4}),
        ("During the day the monitors logged 7 incidents: 5 in Idlib and 2 in Latakia.", "ceasefire_violations", {"Idlib": 5, "Latakia": 2}),
        # shelling incidents stay their own metric
        ("Over the past day, 11 shelling incidents were recorded in Idlib (8) and Hama (3).", "shelling_incidents", {"Idlib": 8, "Hama": 3}),
    ],
)
def test_incidents_are_counted(syria, sentence, metric, by_place):
    [tally], _ = tallies_of(sentence, syria)
    assert (tally.metric, tally.by_place, tally.total) == (metric, by_place, sum(by_place.values()))


@pytest.mark.parametrize(
    "text, metric, total, by_place",
    [
        # Markdown bullets rendered one paragraph each, after a line with the stated total
        ("Over the past day the monitors registered 9 violations:\n\n6 in Aleppo\n\n2 in Hama\n\n1 in Idlib\n\nThe truce held elsewhere.",
         "ceasefire_violations", 9, {"Aleppo": 6, "Hama": 2, "Idlib": 1}),
        # under a heading, "place: count" items, bullets kept in plain text
        ("The centre issued its note.\n\nShelling incidents by province\n- Daraa: 4\n- Hama (2)\n- Latakia – 1\n\nNo other incidents were reported.",
         "shelling_incidents", 7, {"Daraa": 4, "Hama": 2, "Latakia": 1}),
    ],
)
def test_a_list_given_one_entry_a_line_is_one_tally_and_its_lines_no_events(text, metric, total, by_place):
    from generator.events import extract_article
    from generator.model import Article

    extraction = extract_article(Article(path="a.md", slug="a", title="Daily note", published=FRIDAY, text=text), {"TIMELINE_COUNTRIES": ["SY"]})
    [tally] = extraction.tallies
    assert (tally.metric, tally.total, tally.by_place) == (metric, total, by_place)
    assert not [e for e in extraction.events if e.sentence.strip().rstrip(".").endswith(tuple(by_place))]


# -- lose nothing silently: cue-less sentences that look like tallies --------------------------------

@pytest.mark.parametrize("countries, sentence", [
    # a count added to one given before
    (["UA", "RU"], "Four more drones were brought down over the border district, the governor wrote."),
    (["UA"], "Another three residents were wounded, she added."),
    # an incident count with a place, or with a span
    (["UA"], "The positions near Avdiivka came under 9 attacks, the staff said."),
    (["UA"], "The separatists have breached the truce four times since Monday, the envoy said."),
    # a munition no metric names
    (["SY"], "Rebels hit the old quarter of Aleppo with six heavy mortar bombs."),
])
def test_a_cue_less_sentence_that_looks_like_a_tally_is_warned_about(countries, sentence):
    tallies, problems = tallies_of(sentence, Gazetteer.for_countries(countries))
    assert tallies == []
    assert [p.reason for p in problems] == [f"possible tally not read: {sentence}"]


@pytest.mark.parametrize("sentence", [
    "The strike killed four people in the town of Saraqib, police said.",  # one attack's toll: a figure only
    "Two people were killed in an air strike on Idlib on Tuesday.",
    "A 120 mm mortar hit the school in Aleppo.",  # a calibre
    "He visited Aleppo three times last year.",  # "times" with no span of a report
    "Five of the wounded were taken to hospitals in Hama.",
    "The 53rd brigade moved two kilometres towards Hama in 2016.",
])
def test_sentences_that_only_look_a_little_like_tallies_are_not_warned_about(syria, sentence):
    assert tallies_of(sentence, syria) == ([], [])


def test_a_headline_restating_a_count_read_in_the_body_is_not_warned_about():
    from generator.events import extract_article
    from generator.model import Article

    text = ("Monitors note 7 attacks on Kramatorsk\n\n"
            "Over the past day, the monitors recorded 7 attacks: Kramatorsk 4, Sloviansk 3.\n\n"
            "Another 12 mortar bombs hit the outskirts of Kramatorsk overnight.")
    article = Article(path="k.md", slug="k", title="Daily note", published=FRIDAY, text=text)
    extraction = extract_article(article, {"TIMELINE_COUNTRIES": ["UA"]})
    assert [t.total for t in extraction.tallies] == [7]
    unread = [p.reason for p in extraction.problems if p.reason.startswith("possible tally not read")]
    assert unread == ["possible tally not read: Another 12 mortar bombs hit the outskirts of Kramatorsk overnight."]


def test_a_cue_less_possible_tally_is_listed_on_the_built_report_page(tmp_path):
    import re

    from tests.conftest import build

    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    unread = "Two more villagers were wounded near Saraqib, the medics wrote."
    (content / "articles" / "idlib-note.md").write_text(
        "Title: Idlib evening note\nDate: 2016-12-23\n\nShelling went on near the front.\n\n" + unread + "\n", encoding="utf-8")
    site = build(tmp_path / "output", PATH=str(content), TIMELINE_COUNTRIES=["SY"])
    html = (site / "report" / "index.html").read_text(encoding="utf-8")
    sections = dict(re.findall(r'<section aria-labelledby="(\w+)">(.*?)</section>', html, re.S))
    assert "possible tally not read" in sections["warnings"]
    assert "Two more villagers were wounded near Saraqib" in sections["warnings"]
    assert "idlib-note.md" in sections["warnings"]


def test_a_window_opening_the_report_dates_the_later_tolls_that_name_no_time():
    from generator.events import extract_article
    from generator.model import Article

    text = ("Between 3 and 19 March 2021, the fighting in the region left some 930 dead and 2,400 wounded, the agency said.\n"
            "Most of the victims were in the north, with about 610 deaths and 1,500 injuries.\n"
            "On 20 March, 14 people were killed in the north.")
    article = Article(path="w.md", slug="w", title="Toll", published=dt.date(2021, 4, 2), text=text)
    read = {(t.metric, t.total): (t.date, t.period_start) for t in extract_article(article, {"TIMELINE_COUNTRIES": ["SY"]}).tallies}
    assert read[("killed", 610)] == read[("injured", 1500)] == ("2021-03-19", "2021-03-03")
    assert read.get(("killed", 14), ("2021-03-20",))[0] == "2021-03-20"  # a day of its own keeps it


def test_a_range_whose_year_is_written_once_takes_it_for_both_ends():
    from generator.tallies import named_period

    assert named_period("Between 24 February and 15 May 2022, monitors recorded 300 deaths.", dt.date(2023, 11, 1)) == (
        "2022-02-24", "2022-05-15")
    assert named_period("From 20 December to 5 January 2017, 30 violations were recorded.", dt.date(2017, 1, 9)) == (
        "2016-12-20", "2017-01-05")


def _extracted(text: str, countries: list[str], published: dt.date) -> list[Tally]:
    from generator.events import extract_article
    from generator.model import Article

    article = Article(path="m.md", slug="m", title="Monitors' report", published=published, text=text)
    return list(extract_article(article, {"TIMELINE_COUNTRIES": countries}).tallies)


def test_a_monitor_window_dates_the_counts_of_the_later_bullet_points():
    text = ("Between the evenings of 14 and 15 April, the mission recorded 52 ceasefire violations in Donetsk region, including 18 explosions.\n\n"
            "- In Luhansk region, the mission recorded 23 ceasefire violations, including 4 explosions.\n"
            "- The mission recorded no ceasefire violations in Kharkiv region.")
    read = {t.metric: (t.total, t.by_place, t.date, t.span) for t in _extracted(text, ["UA"], dt.date(2020, 4, 16))}
    assert read["ceasefire_violations"] == (75, {"Donetska oblast": 52, "Luhanska oblast": 23, "Kharkivska oblast": 0}, "2020-04-15", "day")
    assert read["explosions"] == (22, {"Donetska oblast": 18, "Luhanska oblast": 4}, "2020-04-15", "day")


def test_a_count_of_the_previous_reporting_period_is_the_day_before():
    text = ("The mission recorded 38 ceasefire violations in Luhansk region, including 7 explosions. "
            "In the previous reporting period, it recorded 51 ceasefire violations in the region.")
    read = sorted((t.metric, t.total, t.by_place, t.date) for t in _extracted(text, ["UA"], dt.date(2020, 4, 16)))
    assert read == [("ceasefire_violations", 38, {"Luhanska oblast": 38}, "2020-04-16"),
                    ("ceasefire_violations", 51, {"Luhanska oblast": 51}, "2020-04-15"),
                    ("explosions", 7, {"Luhanska oblast": 7}, "2020-04-16")]
    # "in the previous 24 hours" is the previous report's only once the report has counted the metric
    first = _extracted("In the previous 24 hours, the mission recorded 12 ceasefire violations in Luhansk region.", ["UA"],
                       dt.date(2020, 4, 16))
    assert [(t.total, t.date) for t in first] == [(12, "2020-04-16")]


def test_an_incident_count_as_of_an_evening_is_that_windows_day_not_a_running_total():
    [tally] = _extracted("As of 19:30 11 March, the Mission recorded 17 ceasefire violations in Luhansk region.", ["UA"],
                         dt.date(2019, 3, 13))
    assert (tally.total, tally.date, tally.span) == (17, "2019-03-11", "day")
