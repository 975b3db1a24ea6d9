"""Places: gazetteer built from pycountry + GeoNames, spellings, districts, event locations.

Sentences are the founding article's, or short ones written for these tests
in the style of conflict-monitor notes.
"""

from __future__ import annotations

import pytest

from generator import places
from generator.gazetteers.build import build_country, fold, map_admin1_codes
from generator.model import Place
from generator.places import Gazetteer, event_places, find_places, fuzzy_key, main_admin1, skeleton


@pytest.fixture(scope="module")
def sy() -> Gazetteer:
    return Gazetteer.for_countries(["SY"])


def names(found: list[Place]) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.admin1, p.kind) for p in found]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "A day after the last militants left their remaining pocket of territory in the city, the Syrian "
            "Observatory for Human Rights—a war monitor based in Britain—said about 10 shells fell in its "
            "southwestern al-Hamdaniya District.",
            [("al-Hamdaniya", "Aleppo", "district")],
        ),
        (
            "Military police of the Russian Ministry of Defense arrived at the Hmeymim air base in Latakia earlier on Friday.",
            [("Hmeymim", "Latakia", "district"), ("Latakia", "Latakia", "city")],
        ),
        (
            "Many of those who left are living as refugees in the areas to the west and south of Aleppo, including "
            "in Idlib Province where bulldozers were used to clear heavy snowfall on Friday morning.",
            [("Aleppo", "Aleppo", "city"), ("Idlib", "Idlib", "admin1")],
        ),
        (
            "“The division has marched from the Hmeymim air base to the city of Aleppo to perform duties as part of "
            "the Russian Center for Reconciliation in the Syrian Arab Republic,” the Russia Defense Ministry said.",
            [("Hmeymim", "Latakia", "district"), ("Aleppo", "Aleppo", "city")],
        ),
        (
            "“A total of 25 ceasefire violations by illegal militant groups have been registered in Damascus (17), "
            "Aleppo (6) and Hama (2) provinces,” the ministry said in its daily bulletin.",
            [("Damascus", "Damascus", "city"), ("Aleppo", "Aleppo", "city"), ("Hama", "Hama", "city")],
        ),
        ("Aleppo’s liberation “opened the door for political work in Syria”.", [("Aleppo", "Aleppo", "city"), ("Syria", None, "country")]),
    ],
)
def test_founding_article_places_resolve_to_their_province(sy, sentence, expected):
    assert names(event_places(sentence, sy)) == expected


@pytest.mark.parametrize(
    "spelling, admin1",
    [
        ("Halab", "Aleppo"),
        ("Hamah", "Hama"),
        ("Deir ez-Zor", "Deir ez-Zor"),
        ("Deir el-Zour", "Deir ez-Zor"),
        ("Dayr az Zawr", "Deir ez-Zor"),
        ("Deir ez Zor", "Deir ez-Zor"),
        ("Deir-ez-Zor", "Deir ez-Zor"),
        ("Daraa", "Daraa"),
        ("Deraa", "Daraa"),
        ("Dar'a", "Daraa"),
        ("Dara", "Daraa"),
        ("ar-Raqqah", "Raqqa"),
        ("Raqqa", "Raqqa"),
        ("Ar Raqqa", "Raqqa"),
        ("Idleb", "Idlib"),
        ("Lattakia", "Latakia"),
        ("Al-Ladhiqiyah", "Latakia"),
        ("Al Hasakeh", "Hasakah"),
        ("Al-Quneitra", "Quneitra"),
        ("As Sweida", "Sweida"),
        ("As-Suwayda", "Sweida"),
        ("Tartous", "Tartus"),
        ("Rural Damascus", "Rif Dimashq"),
        ("Damascus countryside", "Rif Dimashq"),
        ("Rif Dimashq", "Rif Dimashq"),
        ("Eastern Ghouta", "Rif Dimashq"),
        ("Douma", "Rif Dimashq"),
        ("Sheikh Maqsoud", "Aleppo"),
        ("Bustan al-Qasr", "Aleppo"),
        ("Jobar", "Damascus"),
        ("Qaboun", "Damascus"),
        ("Hmeymim", "Latakia"),
        ("Palmyra", "Homs"),
        ("Manbij", "Aleppo"),
        ("Al-Bab", "Aleppo"),
        ("Jisr al-Shughur", "Idlib"),
    ],
)
def test_spellings_and_districts_reach_the_canonical_province(sy, spelling, admin1):
    assert sy.admin1_of(spelling) == admin1


@pytest.mark.parametrize(
    "sentence, admin1",
    [
        # transliterations none of the tables spell this way, matched on consonants
        ("Clashes continued in Bseimah, Wadi Barada.", "Rif Dimashq"),
        ("Government forces shelled Tadaf and advanced on the town.", "Aleppo"),
        ("Rebels advanced in Hazrma town.", "Rif Dimashq"),
        ("The body of a fighter was found near Khan Shaykun.", "Idlib"),
    ],
)
def test_vowel_variants_of_known_names_are_found(sy, sentence, admin1):
    assert main_admin1(event_places(sentence, sy)) == admin1


@pytest.mark.parametrize(
    "sentence, admin1",
    [
        # front lines, bases and villages of the 2017 fighting that GeoNames' towns lack
        ("Government forces advanced towards the T4 airbase near Tayyas village.", "Homs"),
        ("Fighting went on around the Fourth Station east of the town.", "Homs"),
        ("Jaish al-Islam repelled an assault on the Qasmiyah front.", "Rif Dimashq"),
        ("Regime troops shelled Hosh al-Dawahirah overnight.", "Rif Dimashq"),
        ("Islamic State fighters attacked the 137th Brigade base.", "Deir ez-Zor"),
        ("Clashes erupted in al-Bogeleyyah and the Rasafa neighbourhood.", "Deir ez-Zor"),
        ("Rebels fought the Khalid ibn al-Walid Army in Sahem al-Golan.", "Daraa"),
        ("Rival factions clashed in Jabal al-Zawiyah.", "Idlib"),
        ("Turkish-backed rebels entered Baza'a after a day of fighting.", "Aleppo"),
        ("Kurdish forces took al-Mahmoudli village.", "Raqqa"),
        # "rural X" is the province; rural Damascus is the governorate around the city
        ("Pro-government militias clashed with rebels in rural Damascus.", "Rif Dimashq"),
        ("Clashes near the Damascus ring road and in rural Damascus.", "Rif Dimashq"),
    ],
)
def test_front_line_areas_reach_their_province(sy, sentence, admin1):
    assert main_admin1(event_places(sentence, sy)) == admin1


def test_acled_style_admin1_names_normalise_through_the_gazetteer(sy):
    acled = ["Aleppo", "Rural Damascus", "Hama", "Ar Raqqa", "Homs", "Dara", "Deir ez Zor", "Damascus",
             "Idleb", "Quneitra", "Al Hasakeh", "Lattakia", "As Sweida", "Tartous"]
    assert sorted(sy.admin1_of(n) for n in acled) == sorted(places.SY_ADMIN1_NAMES.values())


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("Shells hit Aleppo on Friday.", "city"),
        ("Shells hit Aleppo province on Friday.", "admin1"),
        ("Shells hit rural Aleppo on Friday.", "admin1"),
        ("Strikes hit the province of Aleppo.", "admin1"),
        ("Rebels advanced in the northern countryside of Aleppo.", "admin1"),
    ],
)
def test_city_and_province_of_the_same_name_differ_in_kind(sy, sentence, kind):
    [place] = find_places(sentence, sy)
    assert (place.name, place.admin1, place.kind) == ("Aleppo", "Aleppo", kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ahrar al-Sham and Jaysh al-Islam issued a joint statement.",
        "The Syrian Observatory for Human Rights said the toll had risen.",
        "The Damascus-based committee published its figures.",
        "The Aleppo Media Center posted a video.",
        "A report by Syria's Foreign Ministry denied it.",
        "Bab was the word he used; a mine and a camp and a crater were mentioned.",
        "the hama and homs spelled in lower case are not names",
    ],
)
def test_organisations_words_and_lowercase_are_not_event_places(sy, sentence):
    assert event_places(sentence, sy) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a surname that is also a village name
        ("The vice-president of the Red Crescent, Abdulrazak Jbeiro, was shot dead near Idlib.", ["Idlib"]),
        # the second word of a name we do not know
        ("Rebels repelled an attack on the Hosh Nasri front in Eastern Ghouta.", ["Eastern Ghouta"]),
        ("Tiger Forces captured Abu Jabbar town.", []),
        # a known word before "al-" and a capitalised word: the head of a longer name or a person
        ("Kurdish-led forces took Sabah al Khayr village.", []),
        ("Prime Minister Hamad bin Jassim al-Thani spoke in Doha.", []),
        ("Rebels shelled Samadaniyah al-Gharbiyah.", ["Samadaniyah"]),  # "western": the same place
        ("Clashes on the Homs-al-Salamiyah road near Hama.", ["Hama"]),
        ("Regime forces entered Afrin, al-Bab and Tal Rifaat.", ["Afrin", "Al Bab", "Tall Rifat"]),
        # number words and acronyms are no part of a name spelled by its consonants
        ("One IS fighter was killed in Deir ez-Zor.", ["Deir ez-Zor"]),
        # English "at" before a name is not the Arabic article
        ("Jaysh al-Islam fighters fired mortars at Jobar, Kabun and Barza.", ["Jobar", "Qaboun", "Barzeh"]),
        ("Syrian President Bashar al-Assad spoke in Damascus.", ["Damascus"]),
    ],
)
def test_people_and_unknown_longer_names_are_not_places(sy, sentence, expected):
    assert [p.name for p in event_places(sentence, sy)] == expected


@pytest.mark.parametrize(
    "sentence, admin1",
    [
        ("Regime forces shelled Soran, north of Aleppo.", "Aleppo"),
        ("Regime forces shelled Soran in Hama.", "Hama"),
    ],
)
def test_a_town_name_shared_by_two_provinces_follows_the_other_names(sy, sentence, admin1):
    assert {p.admin1 for p in event_places(sentence, sy)} == {admin1}


def test_english_at_stays_out_of_the_surface_form(sy):
    [place] = find_places("Mortars were fired at Jobar overnight.", sy)
    assert place.text == "Jobar"


def test_roads_name_their_ends_only_when_nothing_else_places_the_event(sy):
    near = "Clashes continued near the Aleppo-Damascus highway close to Douma."
    assert names(event_places(near, sy)) == [("Duma", "Rif Dimashq", "city")]
    only_road = "A fighter went missing on the Khan Shaykhun-Morek road."
    assert [p.admin1 for p in event_places(only_road, sy)] == ["Idlib", "Hama"]


def test_event_places_are_deduplicated_by_name_keeping_the_first_mention(sy):
    sentence = "Shells fell on Aleppo, then on Aleppo again, and on Hama."
    found = event_places(sentence, sy)
    assert [p.name for p in found] == ["Aleppo", "Hama"]
    assert found[0].start == sentence.index("Aleppo")


def test_offsets_point_at_the_surface_form(sy):
    sentence = "Clashes took place in Ar-Raqqa, Deir ez-Zour, Dar'a and the eastern Ghouta of Damascus."
    found = find_places(sentence, sy)
    assert [sentence[p.start : p.end] for p in found] == [p.text for p in found]
    assert [p.text for p in found] == ["Ar-Raqqa", "Deir ez-Zour", "Dar'a", "Ghouta", "Damascus"]


@pytest.mark.parametrize(
    "found, expected",
    [
        ([Place("Hazrama", "Rif Dimashq", "SY", "district"), Place("Damascus", "Damascus", "SY", "city")], "Rif Dimashq"),
        ([Place("Sweida", "Sweida", "SY", "city"), Place("Raqqa", "Raqqa", "SY", "admin1")], "Raqqa"),
        ([Place("Hama", "Hama", "SY", "city"), Place("Homs", "Homs", "SY", "city"), Place("Souran", "Hama", "SY", "district")], "Hama"),
        ([Place("Syria", None, "SY", "country")], None),
        ([], None),
    ],
)
def test_main_admin1_prefers_named_provinces_then_votes_then_specific_places(found, expected):
    assert main_admin1(found) == expected


def test_ukraine_works_by_changing_the_country_setting_only():
    ua = Gazetteer.for_countries(["UA"])
    found = find_places("Shelling hit Kharkiv and Mariupol, in Donetsk oblast, overnight.", ua)
    assert names(found) == [
        ("Kharkiv", "Kharkivska oblast", "city"),
        ("Mariupol", "Donetska oblast", "city"),
        ("Donetska oblast", "Donetska oblast", "admin1"),
    ]
    assert find_places("Shells fell on Aleppo.", ua) == []


def test_syrian_aliases_do_nothing_outside_syria():
    ye = Gazetteer.for_countries(["YE"])
    assert ye.admin1_of("Rural Damascus") is None
    assert ye.admin1_of("Aden") is not None


def test_configured_aliases_extend_the_gazetteer():
    custom = Gazetteer.for_countries(["SY"], {"Castle Hill": "Aleppo"})
    assert custom.admin1_of("Castle Hill") == "Aleppo"
    # the default tables are replaced, not merged: a default-only alias is gone
    assert custom.admin1_of("Rural Damascus") != "Rif Dimashq"
    assert custom.admin1_of("Hmeymim") == "Latakia"  # districts are not aliases: they stay
    # and the gazetteer is cached per (countries, aliases)
    assert Gazetteer.for_countries(["SY"], {"Castle Hill": "Aleppo"}) is custom
    assert Gazetteer.for_countries(["SY"], (("Castle Hill", "Aleppo"),)) is custom


def test_configured_areas_add_places_the_data_lack():
    custom = Gazetteer.for_countries(["SY"], areas={"Rif Dimashq": ["Hosh Nasri"], "Kharkiv": ["Saltivka"]})
    [place] = event_places("Rebels repelled an attack on the Hosh Nasri front.", custom)
    assert (place.name, place.admin1, place.kind) == ("Hosh Nasri", "Rif Dimashq", "district")
    one = Gazetteer.for_countries(["SY"], areas={"Rif Dimashq": "Hosh Nasri"})  # a string is one name
    assert one.admin1_of("Hosh Nasri") == "Rif Dimashq" and one.admin1_of("Hosh") is None
    assert custom.admin1_of("Saltivka") is None  # Kharkiv is not in Syria
    ua = Gazetteer.for_countries(["UA"], areas={"Kharkiv": ["Saltivka"]})
    assert ua.admin1_of("Saltivka") == "Kharkivska oblast"


def test_geonames_provinces_map_onto_every_syrian_iso_subdivision():
    data = build_country("SY")
    assert len(data["admin1"]) == 14
    assert set(data["geonames_admin1"].values()) == {a["code"] for a in data["admin1"]}
    assert data["geonames_admin1"]["09"] == "SY-HL"  # Aleppo
    assert data["geonames_admin1"]["08"] == "SY-RD"  # Rif Dimashq: the one left over


def test_province_codes_are_inferred_from_capital_names():
    subdivisions = [("XX-A", "Northshire"), ("XX-B", "Eastshire Oblast"), ("XX-C", "Rural Province")]
    cities = [
        {"geonameid": 1, "name": "Northshire", "alternatenames": [], "population": 900, "admin1code": "01"},
        {"geonameid": 2, "name": "Eastshir", "alternatenames": [], "population": 800, "admin1code": "02"},
        {"geonameid": 3, "name": "Smallville", "alternatenames": [], "population": 10, "admin1code": "03"},
    ]
    assert map_admin1_codes(subdivisions, cities) == {"01": "XX-A", "02": "XX-B", "03": "XX-C"}


@pytest.mark.parametrize(
    "function, pairs",
    [
        (fold, [("Ḩalab", "halab"), ("Dar‘ā", "dara"), ("Deir ez-Zor", "deir ez zor")]),
        (skeleton, [("Raqqah", "raqa"), ("Daraa", "dara"), ("Zour", "zur"), ("Hamah", "hama")]),
        (fuzzy_key, [("Bseimeh", "bsm"), ("Basimah", "bsm"), ("Shaykhun", "skn"), ("Elzeit", "zt"), ("Ein", "an"), ("Ayn", "an")]),
    ],
)
def test_spelling_keys(function, pairs):
    assert [function(a) for a, _ in pairs] == [b for _, b in pairs]
