"""Spans of figures: a day's count, a total over stated days, or a running total (issue 9).

Every sentence here is written for these tests, with the shapes bulletins use.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator import dates, figures, spans

REPORT = dt.date(2019, 3, 13)  # a Wednesday


def read(sentence: str, report: dt.date = REPORT) -> list[tuple[int, str, str | None, str | None]]:
    found = figures.find_figures(sentence)
    timexes = dates.find_timexes(sentence, report)
    return [(f.value, f.span, f.period_start, f.period_end) for f in spans.with_spans(sentence, found, timexes, report)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a day
        ("Shelling killed nine people in the village on Monday.", (9, "day", None, None)),
        ("Four soldiers were killed today, the army said.", (4, "day", None, None)),
        ("Eleven civilians were killed in the past 24 hours, the monitor said.", (11, "day", None, None)),
        ("The ministry said 14 people were wounded.", (14, "day", None, None)),
        # a period over stated days
        ("Nearly 150 people have died in three days of fighting, rescuers said on Wednesday.",
         (150, "period", "2019-03-11", "2019-03-13")),
        ("The council said 320 had died over Sunday and Monday.", (320, "period", "2019-03-10", "2019-03-11")),
        ("Some 70 fighters were killed this week, the group said.", (70, "period", "2019-03-11", "2019-03-13")),
        ("Last month 415 civilians were killed, the network said.", (415, "period", "2019-02-01", "2019-02-28")),
        ("From 4 to 6 March, 2,100 people fled the town.", (2100, "period", "2019-03-04", "2019-03-06")),
        # a running total
        ("The monitor said it had counted the deaths of 522 civilians in the province since the 9th of February.",
         (522, "cumulative", "2019-02-09", "2019-03-13")),
        ("More than 9,000 people have died since the start of the war, the agency said.",
         (9000, "cumulative", None, "2019-03-13")),
        ("So far 1,340 people have been evacuated from the district.", (1340, "cumulative", None, "2019-03-13")),
        ("The death toll from the floods has risen to 57.", (57, "cumulative", None, "2019-03-13")),
        ("As of 11 March, 48,000 people had been evacuated, the Red Crescent said.",
         (48000, "cumulative", None, "2019-03-11")),
    ],
)
def test_one_figure(sentence: str, expected: tuple) -> None:
    assert read(sentence)[0] == expected


def test_day_count_then_running_total_in_the_next_clause() -> None:
    got = read("Seven people were killed on Tuesday, bringing the toll since the truce to 212.")
    assert [(v, s) for v, s, _, _ in got] == [(7, "day"), (212, "cumulative")]


def test_two_sources_two_spans() -> None:
    got = read("The council said 140 had died over Monday and Tuesday, while a local activist said 95 were killed in the city on Tuesday alone.")
    assert [(v, s) for v, s, _, _ in got] == [(140, "period"), (95, "day")]


def test_breakdown_shares_its_totals_span() -> None:
    got = read("The group said it had recorded the deaths of 304 civilians, including 61 children, since 1 February.")
    assert [s for _, s, _, _ in got] == ["cumulative", "cumulative"]


def test_first_since_is_not_a_running_total() -> None:
    got = read("Five people were killed in the first air strike on the town since the truce.")
    assert got[0][1] == "day"


@pytest.mark.parametrize("rule", spans.RULES, ids=lambda r: r.name)
def test_rule_examples(rule: spans.SpanRule) -> None:
    for example in rule.examples:
        assert rule.pattern.search(example), example
    for example in rule.counter_examples:
        found = [m for m in spans.rule_markers(example) if m.rule == rule.name]
        assert not found, example


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Between February 3 and 9, the fighting killed some 120 people.", (120, "period", "2019-02-03", "2019-02-09")),
        ("From 20 February to 4 March, about 6,000 people fled the valley.", (6000, "period", "2019-02-20", "2019-03-04")),
        # a window from a start event is a running total; "to 00:00 on 10 February" ends with 9 February
        ("From January 1, when the offensive began, to 00:00 on February 10, 780 civilians were wounded.",
         (780, "cumulative", "2019-01-01", "2019-02-09")),
        ("From 3 January, when the offensive began, to 00:00 on 10 February 2019, 780 civilians were wounded.",
         (780, "cumulative", "2019-01-03", "2019-02-09")),
        ("From 3 January to 10 February, 780 civilians were wounded.", (780, "period", "2019-01-03", "2019-02-10")),
        # up to a day, with no start: a running total to then
        ("Officials said 23 soldiers have been killed and 61 wounded till February this year.",
         (23, "cumulative", None, "2019-02-28")),
        ("Until 9 March, 1,250 people were evacuated from the camp.", (1250, "cumulative", None, "2019-03-09")),
        ("Up to 37 people died when the ferry sank.", (37, "day", None, None)),
        # the conflict as the subject of a count: its toll so far; a time word of its own wins
        ("The war has left more than 3,000 people wounded in the region.", (3000, "cumulative", None, "2019-03-13")),
        ("The conflict between the two militias resulted in about 900 deaths.", (900, "cumulative", None, "2019-03-13")),
        ("The war killed 14 people in the border villages on Monday.", (14, "day", None, None)),
        # the year after a window's last day is both days'
        ("Between October 7 and 22, 2018, the fighting killed 430 people.", (430, "period", "2018-10-07", "2018-10-22")),
        # the day a statement was made is not what its count covers
        ("A health official said on Monday that the clashes have killed 73 people.", (73, "cumulative", None, "2019-03-13")),
        ("About 4,000 people had fled, the agency said.", (4000, "cumulative", None, "2019-03-13")),
        # a count of one incident, or backshifted speech, is the incident's day
        ("Police said nine people had been killed in the blast.", (9, "day", None, None)),
        ("At least 40 people have been killed in the village, residents said on Sunday.", (40, "day", None, None)),
        ("The monitor said 75 people had died in the 24 hours since noon on Tuesday.", (75, "day", None, None)),
        ("The mission confirmed that four men had been killed.", (4, "day", None, None)),
        # a window that starts and ends on the report's day is that day
        ("Eight soldiers were reportedly killed in the valley a week ago.", (8, "day", None, None)),
    ],
)
def test_more_shapes(sentence: str, expected: tuple) -> None:
    assert read(sentence)[0] == expected


def test_since_early_today_is_today() -> None:
    got = read("Gunmen violated the truce six times since early Wednesday, and two soldiers were wounded.")
    assert {s for _, s, _, _ in got} == {"day"}


def test_a_breakdown_takes_the_span_of_the_total_before_it() -> None:
    previous = spans.Span("period", "2019-02-01", "2019-02-28")
    for line in ("- 120 including 31 children were killed in air raids.", "Of the total, 48 were killed by shelling.",
                 "Civilian casualties: 302 people, including 77 children, were killed as follows:"):
        found = figures.find_figures(line)
        got = spans.with_spans(line, found, dates.find_timexes(line, REPORT), REPORT, previous)
        assert {(f.span, f.period_start, f.period_end) for f in got} == {("period", "2019-02-01", "2019-02-28")}, line


def test_a_new_story_sentence_does_not_inherit() -> None:
    line = "Shelling killed 12 people in the town."
    got = spans.with_spans(line, figures.find_figures(line), [], REPORT, spans.Span("cumulative", None, "2019-03-13"))
    assert got[0].span == "day"


def test_each_figure_gets_its_own_day() -> None:
    """Two days in one sentence: the total over both is a period, the one-day count names its day."""
    sentence = ("The council said 140 had died over Monday and Tuesday, while a local activist said "
                "95 were killed in the city on Tuesday alone.")
    found = spans.with_spans(sentence, figures.find_figures(sentence), dates.find_timexes(sentence, REPORT), REPORT,
                             day=dt.date(2019, 3, 11))
    assert [(f.value, f.span, f.day) for f in found] == [(140, "period", None), (95, "day", "2019-03-12")]


def test_a_figure_of_the_events_own_day_has_no_day_of_its_own() -> None:
    sentence = "Shelling killed nine people in the village on Monday."
    found = spans.with_spans(sentence, figures.find_figures(sentence), dates.find_timexes(sentence, REPORT), REPORT,
                             day=dt.date(2019, 3, 11))
    assert [(f.value, f.day) for f in found] == [(9, None)]


def read_after(previous: spans.Span, sentence: str) -> list[tuple[int, str, str | None]]:
    found = spans.with_spans(sentence, figures.find_figures(sentence), dates.find_timexes(sentence, REPORT), REPORT, previous)
    return [(f.value, f.span, f.period_end) for f in found]


RUNNING = spans.Span("cumulative", "2019-01-05", "2019-03-12")


@pytest.mark.parametrize("sentence", [
    "In the southern district, there were 57 deaths and 240 injuries.",
    "Soldiers' casualties numbered about 310 dead and 900 wounded.",
    "Most of the victims were in the capital, with approximately 1,200 deaths.",
    "According to the agency's data, some 400 men, 230 women and 51 children were killed.",
])
def test_a_stated_count_takes_the_running_total_before_it(sentence: str) -> None:
    assert {(s, end) for _, s, end in read_after(RUNNING, sentence)} == {("cumulative", "2019-03-12")}


@pytest.mark.parametrize("sentence", [
    "There were 12 deaths in the strike on the market.",  # tied to an incident
    "Shelling killed six people in the village, the monitor said.",  # a happening, not a state
    "In the south, there were 9 deaths on Monday.",  # a time of its own
])
def test_a_happening_does_not_inherit(sentence: str) -> None:
    assert {s for _, s, _ in read_after(RUNNING, sentence)} == {"day"}


def test_a_header_without_figures_opens_a_running_total() -> None:
    sentence = "Up to the 40th day of the offensive, 12 March, most of the casualties were civilians."
    span = spans.header_span(sentence, dates.find_timexes(sentence, REPORT), REPORT)
    assert span == spans.Span("cumulative", None, "2019-03-12")
    day_story = "Four people were killed in the market on Tuesday."
    assert spans.header_span(day_story, dates.find_timexes(day_story, REPORT), REPORT) is None


def test_the_cover_of_markers_answers_as_reading_every_marker():
    # issue 11: each time expression was checked against every marker kept so far (quadratic in many dates)
    import random

    rng = random.Random(5)
    for _ in range(200):
        cover, kept = spans._Cover(), []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 200)
            position = rng.randint(0, 220)
            assert cover.covers(position) == any(a <= position < b for a, b in kept)
            if rng.random() < 0.7:
                end = start + rng.randint(0, 40)
                cover.add(start, end)
                kept.append((start, end))
