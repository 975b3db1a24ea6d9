"""Gazetteer: common words are no towns, fuzzy matches need evidence, other countries'
cities find their province, and a site's own gazetteer files place villages."""

import datetime as dt

import pytest

from generator.events import extract_article
from generator.model import Article
from generator.places import Gazetteer, event_places, find_places, read_gazetteer_file
from generator.settings import validate


def names(text, gazetteer):
    return [(p.name, p.admin1) for p in find_places(text, gazetteer)]


@pytest.mark.parametrize("word", ["Summary", "Update", "Highlights", "Background", "Latest", "Victory", "Peace"])
def test_capitalised_common_words_never_become_towns(word):
    for country in ("UA", "SY", "IQ", "LY"):
        g = Gazetteer.for_countries([country])
        assert names(f"{word}", g) == []
        assert names(f"{word} of the day: quiet along the line.", g) == []


def test_a_heading_word_is_not_read_as_a_town_in_a_ukrainian_report():
    text = "Summary\n\nThe monitors counted 17 explosions near Svitlodarsk."
    article = Article(path="r.md", slug="r", title="R", published=dt.date(2021, 3, 8), text=text)
    x = extract_article(article, {"TIMELINE_COUNTRIES": ["UA"]})
    assert {(p.text, p.admin1) for e in x.events for p in e.places} == {("Svitlodarsk", "Donetska oblast")}


def test_a_fuzzy_match_needs_a_place_cue():
    g = Gazetteer.for_countries(["SY"])
    # "Bsaimeh" only resembles Basimah (Rif Dimashq): after "village of" it is the village ...
    assert names("Troops reached the village of Bsaimeh at dawn.", g) == [("Basimah", "Rif Dimashq")]
    assert names("Government shelling hit Bsaimeh.", g) == [("Basimah", "Rif Dimashq")]
    # ... at the head of a sentence with nothing to say it is a place, it is not
    assert names("Bsaimeh told reporters the talks had failed.", g) == []


@pytest.mark.parametrize(
    "country, town, province",
    [
        ("IQ", "Mosul", "Nineveh"), ("IQ", "Tikrit", "Salah al-Din"), ("IQ", "Baqubah", "Diyala"),
        ("IQ", "Ramadi", "Anbar"), ("IQ", "Erbil", "Erbil"),
        ("LY", "Misrata", "Misrata"), ("LY", "Ajdabiya", "Al Wahat"), ("LY", "al-Bayda", "Jabal al Akhdar"),
        ("UA", "Horlivka", "Donetska oblast"), ("UA", "Avdiivka", "Donetska oblast"),
        ("UA", "Popasna", "Luhanska oblast"), ("UA", "Pisky", "Donetska oblast"),
        ("UA", "Pervomaisk", "Luhanska oblast"), ("UA", "Kalynove", "Luhanska oblast"),
        # GeoNames lists "Slov'iansk" among Nikopol's spellings; the official spelling is the Donetsk city (aliases.ua.json)
        ("UA", "Sloviansk", "Donetska oblast"), ("UA", "Slovyansk", "Donetska oblast"), ("UA", "Kramatorsk", "Donetska oblast"),
        ("LB", "Tyre", "South Lebanon"), ("LB", "Zahle", "Bekaa"), ("LB", "Tripoli", "North Lebanon"),
        ("LB", "Baalbek", "Baalbek-Hermel"), ("LB", "Marjayoun", "Nabatieh"),
        ("LB IL", "Sderot", "Southern District"), ("LB IL", "Haifa", "Haifa"), ("LB IL", "Tel Aviv", "Tel Aviv District"),
        # the West Bank is one region in GeoNames' data, which put every town of it in Hebron's governorate
        ("PS IL", "Ramallah", "Ramallah"), ("PS IL", "Jenin", "Jenin"), ("PS IL", "Nablus", "Nablus"),
        ("PS IL", "Hebron", "Hebron"), ("PS IL", "Khan Younis", "Khan Yunis"), ("PS IL", "Jabalia", "North Gaza"),
        # Russia's oblasts are named by adjectives ("Kurskaya"): matched by their seats, capitals.ru.json
        ("UA RU", "Kursk", "Kurskaya oblast'"), ("UA RU", "Sudzha", "Kurskaya oblast'"),
        ("UA RU", "Belgorod", "Belgorodskaya oblast'"), ("UA RU", "Shebekino", "Belgorodskaya oblast'"),
        ("UA RU", "Bryansk", "Bryanskaya oblast'"), ("UA RU", "Taganrog", "Rostovskaya oblast'"),
        ("UA RU", "Krasnodar", "Krasnodarskiy kray"), ("UA RU", "Pyatigorsk", "Stavropol'skiy kray"),
    ],
)
def test_big_cities_of_other_countries_resolve_to_their_province(country, town, province):
    g = Gazetteer.for_countries(country.split())
    [place] = event_places(f"Artillery fire was reported near {town} on Tuesday.", g)
    assert place.admin1 == province


def test_each_russian_subject_takes_its_own_geonames_code():
    from generator.gazetteers import build

    cities = [c for c in build._all_cities().values() if c.get("countrycode") == "RU"]
    subjects = build.first_level_subdivisions("RU")
    mapping = build.map_admin1_codes(subjects, cities)
    assert len(mapping) == len(set(mapping.values())) == len(subjects)
    seat = {c["name"]: mapping.get(c["admin1code"]) for c in cities}
    assert (seat["Kursk"], seat["Rostov-on-Don"], seat["Stavropol"]) == ("RU-KRS", "RU-ROS", "RU-STA")


def test_a_town_placed_by_the_area_tables_keeps_its_own_point():
    g = Gazetteer.for_countries(["PS"])
    assert g.point("Ramallah") != g.point("Jenin") and g.point("Ramallah") is not None


def test_provinces_of_other_countries_are_named_readably():
    g = Gazetteer.for_countries(["IQ"])
    assert g.admin1_of("Nineveh province") == "Nineveh"
    assert g.admin1_of("Salahuddin") in (None, "Salah al-Din")  # a spelling we do not know is not guessed elsewhere


@pytest.mark.parametrize("spelling, province", [
    ("Bekaa governorate", "Bekaa"), ("the Beqaa", "Bekaa"), ("Nabatiyeh", "Nabatieh"), ("Nabatieh governorate", "Nabatieh"),
    ("Baalbek-Hermel governorate", "Baalbek-Hermel"), ("Mount Lebanon", "Mount Lebanon"),
])
def test_lebanese_governorates_are_read_with_israel_on_too(spelling, province):
    # with IL on, "Bekaa" once went to a village in northern Israel named alike
    g = Gazetteer.for_countries(["LB", "IL"])
    assert g.admin1_of(spelling) == province


# -- gazetteer files -------------------------------------------------------------------

# Two made-up villages in GeoNames' dump format (19 tab-separated columns;
# Ukraine's admin1 code 05 is Donetsk oblast, 14 Luhansk oblast) and one
# feature that is not a populated place (class T, a hill).
GEONAMES_ROWS = [
    ["9900001", "Zorianivka", "Zorianivka", "Zoryanivka,Zorjanivka", "48.1", "37.9", "P", "PPL", "UA", "", "05", "", "", "", "310", "", "200", "Europe/Kyiv", "2024-01-01"],
    ["9900002", "Tykhovody", "Tykhovody", "", "48.6", "39.1", "P", "PPL", "UA", "", "14", "", "", "", "0", "", "150", "Europe/Kyiv", "2024-01-01"],
    ["9900003", "Mohyla Vysoka", "Mohyla Vysoka", "", "48.2", "38.0", "T", "HLL", "UA", "", "05", "", "", "", "0", "", "290", "Europe/Kyiv", "2024-01-01"],
]

ACLED_CSV = """event_id_cnty,event_date,country,admin1,admin2,location,latitude,longitude,notes
SYR1,01 January 2017,Syria,Idleb,Ariha,Kafr Zabadin,35.8,36.6,x
SYR2,02 January 2017,Syria,Rural Damascus,Duma,Marj Sultaniyeh,33.5,36.4,x
SYR3,03 January 2017,Syria,Rural Damascus,Duma,Marj Sultaniyeh,33.5,36.4,x
SYR4,04 January 2017,Syria,Damascus,Damascus,Damascus - Harat Qasabin,33.5,36.3,x
"""


@pytest.fixture
def geonames_file(tmp_path):
    path = tmp_path / "UA.txt"
    path.write_text("".join("\t".join(row) + "\n" for row in GEONAMES_ROWS), encoding="utf-8")
    return str(path)


@pytest.fixture
def acled_file(tmp_path):
    path = tmp_path / "acled-export.csv"
    path.write_text(ACLED_CSV, encoding="utf-8")
    return str(path)


def test_a_geonames_country_dump_places_its_villages(geonames_file):
    assert [p.name for p in read_gazetteer_file(geonames_file)] == ["Zorianivka", "Tykhovody"]
    plain = Gazetteer.for_countries(["UA"])
    assert names("Shelling hit Tykhovody overnight.", plain) == []
    g = Gazetteer.for_countries(["UA"], files=[geonames_file])
    assert names("Shelling hit Tykhovody overnight.", g) == [("Tykhovody", "Luhanska oblast")]
    assert names("Two houses burned in Zoryanivka.", g) == [("Zorianivka", "Donetska oblast")]
    assert "Mohyla Vysoka" not in {n for n, _ in names("Fire from Mohyla Vysoka.", g)}  # a hill, not a populated place


def test_an_acled_export_places_its_locations(acled_file):
    g = Gazetteer.for_countries(["SY"], files=[acled_file])
    assert names("Clashes broke out in Kafr Zabadin.", g) == [("Kafr Zabadin", "Idlib")]
    assert names("Shells fell on Marj Sultaniyeh.", g) == [("Marj Sultaniyeh", "Rif Dimashq")]
    assert names("A raid in Harat Qasabin.", g) == [("Harat Qasabin", "Damascus")]
    # another country's gazetteer takes nothing from a Syrian export
    assert names("Clashes broke out in Kafr Zabadin.", Gazetteer.for_countries(["UA"], files=[acled_file])) == []


def test_gazetteer_files_reach_extraction_through_the_setting(acled_file):
    article = Article(path="a.md", slug="a", title="A", published=dt.date(2017, 3, 2),
                      text="Rebels shelled Kafr Zabadin on Wednesday, killing three fighters.")
    plain = extract_article(article, {})
    assert not [p for e in plain.events for p in e.places]
    x = extract_article(article, {"TIMELINE_GAZETTEER_FILES": [acled_file]})
    assert [(p.name, p.admin1) for e in x.events for p in e.places] == [("Kafr Zabadin", "Idlib")]


def test_a_file_that_is_no_gazetteer_is_a_settings_error(tmp_path):
    bad = tmp_path / "notes.csv"
    bad.write_text("date,text\n2017-01-01,hello\n", encoding="utf-8")
    [problem] = validate({"TIMELINE_GAZETTEER_FILES": [str(bad)]})
    assert problem.startswith("TIMELINE_GAZETTEER_FILES") and "not a gazetteer file" in problem
    [missing] = validate({"TIMELINE_GAZETTEER_FILES": [str(tmp_path / "gone.txt")]})
    assert "no such file" in missing


def test_an_edited_gazetteer_file_invalidates_the_extraction_cache(tmp_path, acled_file):
    from generator.pipeline import ExtractionCache, extract_many
    from generator.settings import resolve

    article = Article(path="a.md", slug="a", title="A", published=dt.date(2017, 3, 2),
                      text="Rebels shelled Kafr Zabadin on Wednesday.")
    config = resolve({"TIMELINE_GAZETTEER_FILES": [acled_file]})
    [extraction] = extract_many([article], config, workers=1)
    cache = ExtractionCache(str(tmp_path / "cache"), config)
    cache.put(article, extraction)
    assert ExtractionCache(str(tmp_path / "cache"), config).get(article) == extraction
    with open(acled_file, "a", encoding="utf-8") as handle:
        handle.write("SYR5,05 January 2017,Syria,Hama,Hama,Tall Wardan,35.1,36.7,x\n")
    assert ExtractionCache(str(tmp_path / "cache"), config).get(article) is None


def test_corrections_know_the_villages_of_a_gazetteer_file(acled_file):
    """A correction naming a village found only in the site's gazetteer file is accepted."""
    from generator import corrections
    from generator.settings import resolve

    plain = corrections.Context.from_settings(resolve({}))
    assert plain.lookup_place("Kafr Zabadin") is None
    config = resolve({"TIMELINE_GAZETTEER_FILES": [acled_file]})
    with_file = corrections.Context.from_settings(config)
    assert with_file.lookup_place("Kafr Zabadin") is not None
    assert Gazetteer.for_settings(config).lookup("Kafr Zabadin") is not None
