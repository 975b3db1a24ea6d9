"""One settings source: extract and the build read the same values, and every
setting is checked with a message that names it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pelican.settings import read_settings

from generator import search, settings
from generator.settings import SETTINGS, load, resolve, validate

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("conf", ["pelican.conf.py", "publishconf.py"])
def test_extract_reads_the_settings_the_build_reads(conf, monkeypatch):
    monkeypatch.chdir(ROOT)
    build = resolve(read_settings(conf))  # what Pelican hands the plugin
    extract = load(conf)  # what `python -m generator extract -s FILE` uses
    assert {s.name: extract[s.name] for s in SETTINGS} == {s.name: build[s.name] for s in SETTINGS}


def test_every_setting_has_a_check_and_its_default_passes_it():
    assert [s.name for s in SETTINGS if s.check is None] == []
    assert validate(resolve({})) == []


@pytest.mark.parametrize(
    "name, value, says",
    [
        ("TIMELINE_PLACE_URL", "places/{name}/", "uses {name}"),
        ("TIMELINE_BULLETIN_SAVE_AS", "bulletins/index.html", "needs {date}"),
        ("TIMELINE_HOME_SAVE_AS", "{date}.html", "a plain path"),
        ("TIMELINE_PLACE_FEED_ATOM", 3, "expected a string or None"),
        ("TIMELINE_SEARCH", "yes", "expected True or False"),
        ("TIMELINE_SEARCH_ROOT", "", "non-empty string"),
        ("TIMELINE_EVENT_TYPES", {"id": "riots"}, "expected a list of rules"),
        ("TIMELINE_EVENT_TYPES", [{"id": "riots", "patterns": ["(riot"]}], "bad pattern"),
    ],
)
def test_a_bad_value_is_reported_with_its_setting(name, value, says):
    problems = validate({name: value})
    assert len(problems) == 1 and problems[0].startswith(f"{name} = ") and says in problems[0]


@pytest.mark.parametrize(
    "name, value",
    [("TIMELINE_PLACE_FEED_RSS", None), ("TIMELINE_PLACE_FEED_RSS", ""), ("TIMELINE_BUILD_REPORT_SAVE_AS", ""), ("TIMELINE_CORRECTIONS", None),
     ("TIMELINE_PLACE_YEAR_URL", "where/{year}/{slug}.html"), ("TIMELINE_EXPORT_PATH", "")],
)
def test_switching_off_and_reordering_fields_is_accepted(name, value):
    assert validate({name: value}) == []


def test_search_reads_its_defaults_from_the_settings_table():
    for name in ("TIMELINE_SEARCH", "TIMELINE_SEARCH_GLOB", "TIMELINE_SEARCH_ROOT", "SEARCH_URL", "SEARCH_SAVE_AS"):
        assert search.setting({}, name) == settings.default(name)
    assert not hasattr(search, "DEFAULTS")


# `settings.get("TIMELINE_X", fallback)`: a second default, which drifts from the table's.
_FALLBACK = re.compile(r"""\.get\(\s*["'](?:TIMELINE|SEARCH)_\w+["']\s*,""")


@pytest.mark.parametrize("path", sorted((ROOT / "generator").glob("*.py")), ids=lambda p: p.name)
def test_defaults_live_in_the_settings_table_only(path):
    if path.name == "settings.py":
        return
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"^\w*DEFAULTS\s*[:=](?!.*\bSETTINGS\b)", text, re.M), "a table of setting defaults outside settings.py"
    assert [m.group() for m in _FALLBACK.finditer(text)] == [], "read it with settings.get(settings, name)"


def test_a_feed_address_left_unset_is_the_tables():
    from generator import feeds

    assert not hasattr(feeds, "DEFAULTS")
    assert feeds.setting({}, "TIMELINE_PLACE_FEED_ATOM") == settings.default("TIMELINE_PLACE_FEED_ATOM")
    assert feeds.setting({"TIMELINE_PLACE_FEED_ATOM": ""}, "TIMELINE_PLACE_FEED_ATOM") == ""  # switched off


def test_a_setting_under_its_name_from_before_the_prefix_is_read_with_a_warning(tmp_path):
    conf = tmp_path / "pelican.conf.py"
    conf.write_text('PLACE_URL = "where/{slug}/"\nTIMELINE_TYPE_URL = "kinds/{slug}/"\nTYPE_URL = "ignored/{slug}/"\n')
    warnings: list[str] = []
    values = load(conf, warnings=warnings)
    assert values["TIMELINE_PLACE_URL"] == "where/{slug}/"
    assert values["TIMELINE_TYPE_URL"] == "kinds/{slug}/"  # the new name wins
    assert sorted(w.split(" ")[0] for w in warnings) == ["PLACE_URL", "TYPE_URL"]
