"""Event types (ACLED-style typology) and actors.

Sentences are the founding article's, or short ones written for these tests
in the style of conflict-monitor notes.
"""

from __future__ import annotations

import pytest

from generator.event_types import (
    DEFAULT_EVENT_TYPES,
    acled_event_type,
    classify,
    event_type_label,
    find_actors,
    triggers,
)
from generator.settings import resolve


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the founding article
        ("As Syrian President Bashar al-Assad and his allies said the insurgents’ withdrawal from the city could pave "
         "the way toward a political solution for the country, some militants shelled Aleppo and airstrikes resumed "
         "around the city on Friday.", "explosions_remote_violence"),
        ("A day after the last militants left their remaining pocket of territory in the city, the Syrian Observatory "
         "for Human Rights said about 10 shells fell in its southwestern al-Hamdaniya District.", "explosions_remote_violence"),
        ("Airstrikes resumed in militant-held areas of the countryside near Aleppo on Friday for the first time since "
         "the end of the evacuation operation.", "explosions_remote_violence"),
        ("A Russian military police battalion has arrived in the newly liberated Aleppo to provide security to "
         "humanitarian aid workers and Russian sappers.", "strategic_developments"),
        ("Meanwhile, the Russian Defense Ministry said ceasefire violations were registered in three Syrian provinces.",
         "strategic_developments"),
        ("The Russian specialists are now sweeping the area for landmines, while providing humanitarian and medical aid "
         "to returning residents.", "strategic_developments"),
        ("Many of those who left are living as refugees in the areas to the west and south of Aleppo, including in Idlib "
         "Province where bulldozers were used to clear heavy snowfall on Friday morning.", "humanitarian"),
        ("The International Committee of the Red Cross said about 35,000 people, mostly civilians, had departed.", "humanitarian"),
        ("Assad also thanked Russia and Putin for helping bring freedom to Syria’s second city.", "other"),
        # written in the style of monitor notes
        ("Government forces clashed with rebels on the southern edge of the town; no casualties were reported.", "battles"),
        ("Amid heavy shelling of the area, regime forces fought the Islamic State near the airbase.", "battles"),
        ("Rebels regained control of the hill after a night of fighting.", "battles"),
        ("The SDF captured two villages north of the city.", "battles"),
        ("Rebel factions and government troops exchanged artillery fire across the front line.", "battles"),
        ("Gunmen attacked an army checkpoint at the entrance of the town.", "battles"),
        ("Two militants were killed by an army unit west of the town.", "battles"),
        ("Government forces took the town from the Islamic State on Sunday.", "battles"),
        ("Kurdish-led forces advance towards the dam from the north.", "battles"),
        ("Gunmen assassinated a local commander outside his home.", "battles"),
        ("Villagers found the bodies of two fighters near the road.", "battles"),
        ("A car bomb exploded near a market, killing four people.", "explosions_remote_violence"),
        ("Barrel bombs were dropped on the eastern neighbourhoods.", "explosions_remote_violence"),
        ("An IED planted by the road hit a military truck.", "explosions_remote_violence"),
        ("A suicide bombing struck the bus station.", "explosions_remote_violence"),
        ("The group executed three men accused of spying.", "violence_against_civilians"),
        ("Unknown gunmen abducted a local council member.", "violence_against_civilians"),
        ("Hundreds of residents protested against the siege in the main square.", "protests"),
        ("Rioters set fire to the municipal building.", "riots"),
        ("A truce was agreed for the southern districts.", "strategic_developments"),
        ("Security forces arrested twelve people in a raid.", "strategic_developments"),
        ("Government troops withdrew from the northern outskirts.", "strategic_developments"),
        ("The last left the city late on Thursday for countryside immediately to the west.", "strategic_developments"),
        ("An aid convoy reached the besieged town on Monday.", "humanitarian"),
    ],
)
def test_sentences_get_the_first_matching_type(sentence, expected):
    assert classify(sentence) == expected, triggers(sentence)


def test_battles_win_over_shelling_inside_a_battle_as_acled_codes_it():
    sentence = "Under heavy army shelling of the valley, loyalist units fought a militia near the dam."
    assert {t for t, _ in triggers(sentence)} >= {"battles", "explosions_remote_violence"}
    assert classify(sentence) == "battles"


@pytest.mark.parametrize(
    "type_id, label, acled",
    [
        ("battles", "Battles", "Battles"),
        ("explosions_remote_violence", "Shelling, air strikes and bombings", "Explosions/Remote violence"),
        ("violence_against_civilians", "Violence against civilians", "Violence against civilians"),
        ("protests", "Protests", "Protests"),
        ("riots", "Riots", "Riots"),
        ("strategic_developments", "Strategic developments", "Strategic developments"),
        ("humanitarian", "Humanitarian", None),
        ("other", "Other", None),
        ("not_a_type", "Not a type", None),
    ],
)
def test_labels_and_acled_mapping(type_id, label, acled):
    assert event_type_label(type_id) == label
    assert acled_event_type(type_id) == acled


def test_every_rule_is_documented_and_ids_are_snake_case():
    for rule in DEFAULT_EVENT_TYPES:
        assert rule["id"] == rule["id"].lower() and " " not in rule["id"]
        assert rule["label"] and rule["doc"]
    assert DEFAULT_EVENT_TYPES[-1]["id"] == "other"


def test_the_typology_is_the_settings_default_and_can_be_replaced():
    assert resolve({})["TIMELINE_EVENT_TYPES"] is DEFAULT_EVENT_TYPES
    custom = [
        {"id": "drone_attack", "label": "Drone attacks", "acled": "Explosions/Remote violence", "patterns": [r"\bdrones?\b"]},
        {"id": "other", "label": "Other", "acled": None, "patterns": []},
    ]
    rules = resolve({"TIMELINE_EVENT_TYPES": custom})["TIMELINE_EVENT_TYPES"]
    assert classify("Drones hit an oil depot overnight.", rules) == "drone_attack"
    assert classify("Troops clashed near the bridge.", rules) == "other"
    assert event_type_label("drone_attack", rules) == "Drone attacks"


def test_case_sensitive_parts_keep_acronyms_apart_from_words():
    assert classify("An IED hit the convoy.") == "explosions_remote_violence"
    assert classify("The lied-about figures were denied.") == "other"


@pytest.mark.parametrize(
    "sentence, actors",
    [
        ("QSD clashed with the Islamic State near Tabqa.", ("Syrian Democratic Forces", "Islamic State")),
        ("Syrian Democratic Forces backed by the US-led coalition advanced on ISIS positions.",
         ("Syrian Democratic Forces", "US-led coalition", "Islamic State")),
        ("A Russian military police battalion has arrived in the newly liberated Aleppo.", ("Russian military police",)),
        ("Insurgents seeking to oust Assad have shelled government-controlled areas of Aleppo.", ("insurgents",)),
        ("The Syrian army, backed by Hezbollah, fought Jabhat Fateh al-Sham and the Free Syrian Army.",
         ("Syrian government forces", "Hezbollah", "Jabhat Fateh al-Sham", "Free Syrian Army")),
        ("Turkish troops and Euphrates Shield factions shelled IS in al-Bab.",
         ("Turkish forces", "Operation Euphrates Shield", "Islamic State")),
        ("Jaysh al-Islam and the Rahman Corps fought HTS in Eastern Ghouta.",
         ("Jaysh al-Islam", "Faylaq al-Rahman", "Hayat Tahrir al-Sham")),
        ("Some militants shelled Aleppo; the rebels denied it.", ("militants", "rebels")),
        ("It is what it is.", ()),
    ],
)
def test_actors_are_normalised_in_order_of_first_mention(sentence, actors):
    assert find_actors(sentence) == actors


# Sentences where a shortcut could go wrong: triggers glued to punctuation,
# acronyms beside ordinary words, hyphenated and curly-quoted names, a word
# with a non-ASCII letter, overlapping actor names.
_TRICKY = [
    "Rebels re-took the hill; the army retook it a day later.",
    "IS fighters and ISIS-linked cells, it is said, attacked Hay’at Tahrir al-Sham.",
    "The Syrian Democratic Forces (SDF) and Syrian forces clashed.",
    "Şanlıurfa's governor said an İED exploded near Idlib.",
    "air-strikes, airstrikes and air strikes hit the town of al-Nusra's fighters.",
    "Counter-attacks repulsed; snipers sniped; mortars fell.",
    "Nothing happened today.",
    "",
]


@pytest.mark.parametrize("sentence", _TRICKY)
def test_fast_matching_gives_what_the_whole_patterns_give(sentence):
    from generator import event_types

    matcher = event_types._rules_matcher(DEFAULT_EVENT_TYPES)
    expected_type = next((t for t, p in matcher.full if p is not None and p.search(sentence)), "other")
    assert classify(sentence) == expected_type
    table = tuple((name, tuple(p)) for name, p in event_types.DEFAULT_ACTORS.items())
    pattern, names = event_types._actor_pattern(table)
    expected_actors = [(m.start(), m.end(), names[int(m.lastgroup[1:])]) for m in pattern.finditer(sentence)]
    assert event_types._find_actor_matches(sentence, event_types.DEFAULT_ACTORS) == expected_actors
    assert [(t, w) for t, w in triggers(sentence)] == [
        (t, m.group()) for t, p in matcher.full if p is not None for m in p.finditer(sentence)
    ]


def test_triggers_without_a_known_first_word_are_still_tried():
    rules = [{"id": "oil", "label": "Oil", "acled": None, "patterns": [r"(?:crude )?oil\w*", r"\bpipe(?:line)?s?\b"]}]
    assert classify("The wells of petroleum-oilfields burned.", rules) == "oil"
    assert classify("A pipeline burst.", rules) == "oil"
    assert classify("Nothing burned.", rules) == "other"


@pytest.mark.parametrize(
    "pattern, beginnings",
    [
        (r"\b(?:re)?captur(?:ed|es)\b", {"capt", "reca"}),
        (r"\b(?-i:IS)\b", {"is"}),
        (r"\bal[- ]Nusra", {"al"}),
        (r"\bair ?strikes?\b", {"air", "airs"}),
        (r"\bmassacre[ds]?\b", {"mass"}),
        (r"(?:\S+\s+){1,4}town", None),  # no word boundary first: always tried
        (r"\b\w+ town", None),  # no letters to read
    ],
)
def test_trigger_beginnings_are_read_off_the_pattern(pattern, beginnings):
    from generator.event_types import _beginnings

    found = _beginnings(pattern)
    assert (set(found) if found is not None else None) == beginnings


@pytest.mark.parametrize(
    "sentence",
    [
        "The Arab League suspended Syria's membership on Saturday.",
        "The U.N. Security Council failed to agree on a resolution condemning the crackdown.",
        "The European Union imposed new sanctions on Syrian officials.",
        "Kofi Annan was named joint special envoy for Syria.",
        "Syrians voted in a referendum on a new constitution.",
    ],
)
def test_diplomatic_and_political_news_is_a_political_development(sentence):
    assert classify(sentence) == "political"


def test_fighting_outranks_politics_in_the_same_sentence():
    assert classify("Clashes erupted in Homs as talks stalled in Geneva.") == "battles"
