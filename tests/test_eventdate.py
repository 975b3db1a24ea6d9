"""Rule examples of generator/eventdate.py: each rule's own sentences."""

import datetime as dt

import pytest

from generator import dates, eventdate


def _bracketed(example):
    start = example.index("[")
    end = example.index("]") - 1
    return example.replace("[", "").replace("]", ""), start, end


@pytest.mark.parametrize("rule", eventdate.ROLES, ids=lambda r: r.name)
def test_role_examples(rule):
    for example, applies in rule.examples:
        text, start, end = _bracketed(example)
        assert (eventdate.role_of(text, start, end, (rule,)) == rule.role) is applies, example


@pytest.mark.parametrize("night", eventdate.NIGHTS, ids=lambda n: n.name)
def test_night_examples(night):
    for text, day in night.examples:
        assert eventdate.night_day(text, dt.date(2021, 7, 6))[0] == day, text


def test_report_day_words_never_take_a_later_day():
    assert eventdate.pick("He died the day after.", 0, [], dt.date(2021, 7, 6)) is None


@pytest.mark.parametrize("cue", eventdate.FRAME_CUES, ids=lambda c: c.name)
def test_frame_cue_examples(cue):
    for text, daily in cue.examples:
        assert bool(cue.pattern.search(text)) is daily, text


@pytest.mark.parametrize("rule", eventdate.SINCE_RULES, ids=lambda r: r.name)
def test_since_rule_examples(rule):
    for text, names in rule.examples:
        found = eventdate.since_happening(text, 0, dates.find_timexes(text, dt.date(2016, 5, 9)), dt.date(2016, 5, 9), (rule,))
        assert (found is not None) is names, text
