"""Lexicon data files (generator/lexicons/): they read back as the tables the
extractors use, and adding a country or an event type is one data file edit."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from generator import event_types, lexicons, places
from generator.places import Gazetteer, event_places


@pytest.mark.parametrize("name", ["event_types", "actors", "media"])
def test_every_pattern_of_a_txt_lexicon_compiles(name):
    found = [p for _, keys in lexicons.sections(name) for p in keys.get("pattern", [])]
    assert found
    for pattern in found:
        re.compile(pattern, re.IGNORECASE)


def test_a_line_that_is_neither_section_nor_key_is_reported_with_file_and_line():
    with pytest.raises(lexicons.LexiconError, match=r"types\.txt:3: expected"):
        lexicons.parse_sections("[riots]\nlabel = Riots\npattern \\briot\n", source="types.txt")


def test_event_types_keep_their_order_and_the_other_type_comes_last():
    ids = [rule["id"] for rule in event_types.DEFAULT_EVENT_TYPES]
    assert ids[0] == ids[3] == "battles" and ids[-1] == "other"
    assert all(set(rule) == {"id", "label", "acled", "doc", "patterns"} for rule in event_types.DEFAULT_EVENT_TYPES)


def test_country_tables_are_found_by_file_name():
    assert set(places.COUNTRY_EXTRAS) == {"IL", "IQ", "LB", "LY", "PS", "SY", "UA"}
    assert places.COUNTRY_EXTRAS["SY"]["admin1_names"]["SY-HL"] == "Aleppo"
    assert all(isinstance(names, tuple) for names in places.SY_AREAS.values())


@pytest.fixture
def lexicon_copy(tmp_path, monkeypatch):
    """A copy of the lexicon folder that a test may add files to."""
    folder = tmp_path / "lexicons"
    shutil.copytree(lexicons.FOLDER, folder)
    monkeypatch.setattr(lexicons, "FOLDER", folder)
    lexicons.country_table.cache_clear()
    lexicons.sections.cache_clear()
    places._build.cache_clear()
    yield folder
    lexicons.country_table.cache_clear()
    lexicons.sections.cache_clear()
    places._build.cache_clear()


def test_adding_a_country_is_one_data_file(lexicon_copy, monkeypatch):
    sentence = "Clashes broke out in Dar Saad on Sunday."
    assert event_places(sentence, Gazetteer.for_countries(["YE"])) == []
    (lexicon_copy / "areas.ye.json").write_text(json.dumps({"Aden": ["Dar Saad"]}), encoding="utf-8")
    monkeypatch.setattr(places, "COUNTRY_EXTRAS", places._country_extras())
    places._build.cache_clear()
    found = event_places(sentence, Gazetteer.for_countries(["YE"]))
    assert [(p.text, p.kind) for p in found] == [("Dar Saad", "district")]
    assert found[0].admin1 == Gazetteer.for_countries(["YE"]).admin1_of("Aden")


def test_adding_an_event_type_is_one_section(lexicon_copy):
    text = (lexicon_copy / "event_types.txt").read_text(encoding="utf-8")
    section = "[sieges]\nlabel = Sieges\ndoc = A town cut off from supplies.\npattern = \\bbesieg(?:ed|ing)\\b\n\n"
    (lexicon_copy / "event_types.txt").write_text(text.replace("[other]", section + "[other]"), encoding="utf-8")
    rules = tuple(event_types._event_type(i, keys) for i, keys in lexicons.sections("event_types"))
    assert rules[-2] == {"id": "sieges", "label": "Sieges", "acled": None, "doc": "A town cut off from supplies.",
                         "patterns": [r"\bbesieg(?:ed|ing)\b"]}
    assert event_types.classify("Troops besieged the town for a week.", rules=rules) == "sieges"
