"""Incidents: one entry per happening, within an article and across outlets; ordered by consequence.

Every sentence here is ours, written in the shape of agency copy.
"""

import dataclasses

import pytest

from generator import incidents
from generator.model import Event, Figure, Place, Tally

DAY = "2017-03-04"
ALEPPO = Place("Aleppo", "Aleppo", "SY", "city", "Aleppo")
SHEIKH_SAEED = Place("Sheikh Saeed", "Aleppo", "SY", "district", "Sheikh Saeed")
SHEIKH_SAEED_CARRIED = Place("Sheikh Saeed", "Aleppo", "SY", "district")  # named in an earlier sentence
HAMA_PROVINCE = Place("Hama", "Hama", "SY", "admin1", "Hama province")
HAMA = Place("Hama", "Hama", "SY", "city", "Hama")
IDLIB = Place("Idlib", "Idlib", "SY", "admin1", "Idlib")
DARAA = Place("Daraa", "Daraa", "SY", "city", "Daraa")
SYRIA = Place("Syria", None, "SY", "country", "Syria")


def ev(id, article, start, sentence, type, places=(), figures=(), source=None, date=DAY):
    return Event(id, article, date, "day", None, sentence, start, start + len(sentence), type,
                 tuple(places), tuple(figures), source=source)


def killed(n, who, qualifier=None):
    return Figure("killed", n, qualifier=qualifier, attributed_to=who)


def ids(groups):
    return [[e.id for e in g] for g in groups]


# One shelling told by two outlets, a protest elsewhere the same day, a statement.
SHELLING_A = [
    ev("a1", "wire", 0, "Rockets slammed into the Sheikh Saeed district of Aleppo on Saturday morning.",
       "explosions_remote_violence", [SHEIKH_SAEED, ALEPPO], source="Wire"),
    ev("a2", "wire", 90, "The monitoring group said five people were killed.", "other", [SHEIKH_SAEED_CARRIED],
       [killed(5, "monitoring group")], source="Wire"),
    ev("a3", "wire", 160, "Meanwhile, hundreds of protesters rallied in Daraa against the price of bread.", "protests",
       [DARAA], source="Wire"),
]
SHELLING_B = [
    ev("b1", "daily", 0, "Official media said rocket fire by insurgents killed at least eight people in Sheikh Saeed.",
       "explosions_remote_violence", [SHEIKH_SAEED], [killed(8, "official media", "at least")], source="Daily"),
    ev("b2", "daily", 120, "The foreign minister said a political settlement remained the only way forward.",
       "political", [SYRIA], source="Daily"),
]


def test_one_shelling_from_two_outlets_is_one_incident_with_both_figures():
    found = incidents.group(SHELLING_A + SHELLING_B)
    first = found[0]
    assert first.event_ids == ("b1", "a1", "a2")  # articles in slug order
    assert first.rank == "casualties"
    assert first.outlets == ("Daily", "Wire")
    assert [(c.value, c.qualifier, c.attributed_to) for c in first.figures] == [
        (8, "at least", "official media"), (5, None, "monitoring group")]
    assert first.provinces == ("Aleppo",)


def test_bulletin_order_is_casualties_then_events_then_statements():
    found = incidents.group(SHELLING_A + SHELLING_B)
    assert [(i.event_ids, i.rank) for i in found] == [
        (("b1", "a1", "a2"), "casualties"), (("a3",), "event"), (("b2",), "statement")]


def test_a_new_topic_opening_does_not_continue_the_story():
    # "Meanwhile, ..." right after the shelling names another happening
    assert ["a3"] in ids(incidents.clusters(SHELLING_A))


@pytest.mark.parametrize("a, b, same", [
    # the same district in two outlets, both counting deaths
    (ev("x", "p", 0, "Shells hit Sheikh Saeed, killing three.", "explosions_remote_violence", [SHEIKH_SAEED], [killed(3, "a")]),
     ev("y", "q", 0, "Three civilians died when mortars fell on Sheikh Saeed.", "explosions_remote_violence", [SHEIKH_SAEED], [killed(3, "b")]), True),
    # a district and its province, same metric: compatible places
    (ev("x", "p", 0, "Shells hit Sheikh Saeed, killing three.", "explosions_remote_violence", [SHEIKH_SAEED], [killed(3, "a")]),
     ev("y", "q", 0, "Four people were killed by shelling in Aleppo.", "explosions_remote_violence", [ALEPPO], [killed(4, "b")]), True),
    # another province the same day
    (ev("x", "p", 0, "Shells hit Sheikh Saeed, killing three.", "explosions_remote_violence", [SHEIKH_SAEED], [killed(3, "a")]),
     ev("y", "q", 0, "Shells hit a market in Hama, killing three.", "explosions_remote_violence", [HAMA], [killed(3, "b")]), False),
    # same place, incompatible types: a protest is not the shelling
    (ev("x", "p", 0, "Shells hit Sheikh Saeed, killing three.", "explosions_remote_violence", [SHEIKH_SAEED], [killed(3, "a")]),
     ev("y", "q", 0, "Residents of Sheikh Saeed protested against the shelling.", "protests", [SHEIKH_SAEED]), False),
    # same place, same type, nothing else in common across outlets
    (ev("x", "p", 0, "Troops deployed to Hama to guard the power station.", "strategic_developments", [HAMA]),
     ev("y", "q", 0, "A prisoner exchange was agreed for Hama.", "strategic_developments", [HAMA]), False),
    # only the country in common is no link
    (ev("x", "p", 0, "The army said it arrested smugglers near the border of Syria.", "strategic_developments", [SYRIA]),
     ev("y", "q", 0, "A ceasefire was agreed in Idlib.", "strategic_developments", [IDLIB]), False),
    # another day is never the same incident
    (ev("x", "p", 0, "Shells hit Sheikh Saeed, killing three.", "explosions_remote_violence", [SHEIKH_SAEED], [killed(3, "a")]),
     ev("y", "q", 0, "Shells hit Sheikh Saeed, killing three.", "explosions_remote_violence", [SHEIKH_SAEED], [killed(3, "a")],
        date="2017-03-05"), False),
])
def test_pairs(a, b, same):
    assert (len(incidents.clusters([a, b])) == 1) is same


def test_a_sentence_split_per_place_stays_one_incident():
    text = "Gunmen shelled Sheikh Saeed and villages of Hama province, the centre said."
    a = ev("s1", "p", 0, text, "explosions_remote_violence", [SHEIKH_SAEED])
    b = ev("s2", "p", 0, text, "explosions_remote_violence", [HAMA_PROVINCE])
    [only] = incidents.group([a, b])
    assert only.provinces == ("Aleppo", "Hama")
    assert incidents.by_province([only], "Place not stated") == [("Aleppo", [only]), ("Hama", [only])]


def test_a_tally_sentence_ranks_first_and_names_its_tally():
    listing = ev("t1", "p", 0, "Truce breaches were recorded in Hama (4) and Idlib (2), the centre said.",
                 "strategic_developments", [HAMA_PROVINCE, IDLIB])
    other = ev("t2", "q", 0, "Aid trucks reached Daraa.", "humanitarian", [DARAA])
    tally = Tally(DAY, "ceasefire_violations", 6, {"Hama": 4, "Idlib": 2}, "centre", "p", listing.sentence, 0, 10,
                  id="tabc")
    found = incidents.group([other, listing], [tally])
    assert [(i.event_ids, i.rank, i.tally_ids) for i in found] == [(("t1",), "casualties", ("tabc",)), (("t2",), "event", ())]


def test_order_does_not_depend_on_input_order():
    events = SHELLING_A + SHELLING_B
    assert incidents.group(events) == incidents.group(list(reversed(events)))


def test_a_figure_told_of_another_day_is_no_claim_of_the_incident():
    # dated Friday by its first clause; the 41 counts on Saturday alone, so Friday's headline must not show it
    friday = "2017-03-03"
    two_days = Figure("killed", 70, attributed_to="a council", span="period")
    saturday_alone = Figure("killed", 41, attributed_to="a medic", day=DAY)
    event = ev("c1", "wire", 0, "A council said 70 died over Friday and Saturday, while a medic said 41 died in Idlib "
               "on Saturday alone.", "other", [IDLIB], [two_days, saturday_alone], date=friday)
    [incident] = incidents.group([event])
    assert incident.figures == ()
    [same_day] = incidents.group([dataclasses.replace(event, date=DAY)])
    assert [c.value for c in same_day.figures] == [41]


def test_a_national_count_heads_the_day_line_with_its_parts_left_out():
    # "Across the country, 31 were killed on Thursday, the network said, nine of them in Daraa.
    #  In Hama, five died in shelling, and in Idlib two were shot, the network said."
    from generator.summary import day_line

    national = "Across the country, 31 were killed on Thursday, the network said, nine of them in Daraa."
    local = "In Hama, five died in shelling, and in Idlib two were shot, the network said."
    events = [  # each sentence split by place, as extraction does (one start per sentence)
        ev("n1", "wire", 0, national, "battles", [SYRIA], [killed(31, "The network")]),
        ev("n2", "wire", 0, national, "battles", [DARAA], [killed(9, "The network")]),
        ev("n3", "wire", 90, local, "explosions_remote_violence", [HAMA], [killed(5, "The network")]),
        ev("n4", "wire", 90, local, "battles", [IDLIB], [killed(2, "The network")]),
    ]
    [incident] = incidents.group(events)
    assert sorted((c.value, c.part) for c in incident.figures) == [(2, True), (5, True), (9, True), (31, False)]
    assert day_line([incident], ["killed"], lambda m: m.capitalize(), str) == "31 killed in Syria (The network)"


def test_a_sentence_read_as_a_tally_tells_its_total_not_its_entries():
    # "Three rights groups put Monday's toll at 90; the committees said 30 died near a hamlet, another 20 elsewhere
    #  in Hama and 25 in Daraa": the tally's 90, not the entry 30 as a rival of the 90 ("30–90 killed")
    sentence = ("Three rights groups put Monday's toll at 90; the committees said 30 died near a hamlet, "
                "another 20 elsewhere in Hama and 25 in Daraa.")
    events = [
        ev("t1", "wire", 0, sentence, "other", [], [killed(90, "Three rights groups")]),
        ev("t2", "wire", 0, sentence, "other", [HAMA, DARAA], [killed(30, "The committees")]),
    ]
    toll = Tally(DAY, "killed", 90, {"Hama": 50, "Daraa": 25}, "The committees", "wire", sentence, 0, len(sentence),
                 stated_total=90, sources=(("wire", 0),))
    [incident] = incidents.group(events, [toll])
    assert [(c.metric, c.value, c.attributed_to) for c in incident.figures] == [("killed", 90, "The committees")]
    from generator.summary import day_line

    assert day_line([incident], ["killed"], lambda m: m.capitalize(), str) == "90 killed in 2 provinces (The committees)"
