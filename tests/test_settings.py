"""One configuration: `extract` reads the build's settings, and bad settings stop both, named."""

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.settings import SETTINGS, SettingsError, check, load, unknown_names, validate

ROOT = Path(__file__).resolve().parent.parent

# A Ukrainian site: country, an alias of the editor's own and one extra metric.
UA_CONF = f"""
PATH = "content"
ARTICLE_PATHS = ["articles"]
TIMEZONE = "UTC"
THEME = {str(ROOT / "theme")!r}
PLUGIN_PATHS = [{str(ROOT)!r}]
PLUGINS = ["generator"]
TIMELINE_SEARCH = False
TIMELINE_WORKERS = 1
from generator.figures import DEFAULT_METRICS
TIMELINE_COUNTRIES = ["UA"]
TIMELINE_PLACE_ALIASES = {{"Zlatoverkh": "Kramatorsk"}}
TIMELINE_METRICS = {{**DEFAULT_METRICS, "explosions": {{"label": "Explosions", "patterns": [r"explosions?"], "unit_nouns": [r"explosions?"]}}}}
"""

UA_ARTICLE = """Title: Night of shelling near the contact line
Date: 2021-03-08

Heavy shelling hit Zlatoverkh on 7 March, killing two civilians, the regional police said.

Monitors heard 14 explosions near Horlivka overnight.
"""


def _site(tmp_path: Path, conf: str = UA_CONF) -> Path:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "articles" / "night.md").write_text(UA_ARTICLE, encoding="utf-8")
    (tmp_path / "pelican.conf.py").write_text(textwrap.dedent(conf), encoding="utf-8")
    return tmp_path


def _extract(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "extract", *args], cwd=cwd, capture_output=True, text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def test_extract_reads_the_build_settings_and_agrees_with_the_site(tmp_path):
    site = _site(tmp_path)
    result = _extract(site, "content/articles/night.md", "--format", "json")
    assert result.returncode == 0, result.stderr
    extracted = json.loads(result.stdout)["articles"][0]["events"]
    places = {p["name"]: p["admin1"] for e in extracted for p in e["places"]}
    assert places.get("Kramatorsk") == "Donetska oblast"  # the editor's alias, in Ukraine
    assert ("explosions", 14) in {(f["metric"], f["value"]) for e in extracted for f in e["figures"]}

    build = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelican.conf.py", "-o", "out", "-q"],
        cwd=site, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert build.returncode == 0, build.stderr
    built = json.loads((site / "out" / "data" / "events.json").read_text(encoding="utf-8"))["events"]
    assert sorted((r["sentence"], r["location"], r["admin1"]) for r in built) == sorted(
        (e["sentence"], *((e["places"][0]["name"], e["places"][0]["admin1"]) if e["places"] else (None, None))) for e in extracted
    )
    assert any("explosions=14" in (r["figures"] or "") for r in built)


def test_settings_file_can_be_named_and_countries_override_it(tmp_path):
    site = _site(tmp_path)
    (site / "pelican.conf.py").rename(site / "ukraine.py")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    article = str(site / "content" / "articles" / "night.md")

    named = _extract(elsewhere, article, "-s", str(site / "ukraine.py"), "--format", "json")
    assert named.returncode == 0, named.stderr
    assert "Kramatorsk" in named.stdout

    overridden = _extract(elsewhere, article, "-s", str(site / "ukraine.py"), "--countries", "SY", "--format", "json")
    assert overridden.returncode == 0, overridden.stderr
    events = json.loads(overridden.stdout)["articles"][0]["events"]
    assert not any(p["country"] == "UA" for e in events for p in e["places"])


def test_a_missing_settings_file_is_a_usage_error(tmp_path):
    result = _extract(tmp_path, "x.md", "-s", str(tmp_path / "nowhere.py"))
    assert result.returncode == 2
    assert "nowhere.py" in result.stderr


@pytest.mark.parametrize(
    "name, value, words",
    [
        ("TIMELINE_COUNTRIES", ["UA", "ZZ"], "unknown country code 'ZZ'"),
        ("TIMELINE_COUNTRIES", "UA", "list of country codes"),
        ("TIMELINE_DATE_ORDER", "YMD", "'YMD' is not one of 'DMY', 'MDY'"),
        ("TIMELINE_METRICS", {"drone_attacks": {"label": "Drone attacks"}}, "metric 'drone_attacks' has no patterns"),
        ("TIMELINE_METRICS", {"arrests": {"label": "Arrests", "patterns": ["arrest(ed"]}}, "bad pattern"),
        ("TIMELINE_KEY_METRICS", ["killed", "looted"], "'looted' is not a metric"),
        ("TIMELINE_CHART_DAYS", 0, "at least 1"),
    ],
)
def test_each_bad_setting_is_an_error_naming_it(name, value, words):
    [problem] = validate({name: value})
    assert problem.startswith(name) and words in problem
    with pytest.raises(SettingsError, match=name):
        check({name: value})


def test_good_settings_pass_and_defaults_are_valid():
    assert validate({}) == []
    assert validate({"TIMELINE_COUNTRIES": ["ua", "IQ"], "TIMELINE_DATE_ORDER": "MDY"}) == []
    assert validate({s.name: s.default_value() for s in SETTINGS}) == []


def test_a_misspelt_setting_is_a_warning_with_the_likely_name():
    [warning] = unknown_names({"TIMELINE_COUNTRY": ["UA"], "SITENAME": "x"})
    assert "TIMELINE_COUNTRIES" in warning


def test_extract_refuses_bad_settings_naming_the_setting(tmp_path):
    site = _site(tmp_path, UA_CONF + '\nTIMELINE_DATE_ORDER = "YMD"\n')
    result = _extract(site, "content/articles/night.md")
    assert result.returncode == 2
    assert "TIMELINE_DATE_ORDER" in result.stderr and "YMD" in result.stderr


def test_the_build_stops_on_bad_settings_naming_the_setting(tmp_path):
    from pelican import Pelican
    from pelican.settings import read_settings

    site = _site(tmp_path, UA_CONF + '\nTIMELINE_COUNTRIES = ["UA", "XY"]\n')
    settings = read_settings(str(site / "pelican.conf.py"), override={"OUTPUT_PATH": str(site / "out")})
    with pytest.raises(SettingsError, match="TIMELINE_COUNTRIES.*'XY'"):
        Pelican(settings)


def test_load_without_a_file_gives_the_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load()["TIMELINE_COUNTRIES"] == ["SY"]
    assert load(overrides={"TIMELINE_COUNTRIES": ["UA"]})["TIMELINE_COUNTRIES"] == ["UA"]


UA_DAILY = """Title: Daily note of the regional administration
Date: 2024-05-12

Over the past day, the monitors recorded 11 explosions in the region: Horlivka 6, Kramatorsk 5.

Air defence destroyed 9 drones overnight: 5 over the Kursk region and 4 over the Belgorod region.

Two more civilians were wounded near Kramatorsk, the governor wrote.
"""


def test_a_ukrainian_site_reads_its_tallies_by_configuration_alone(tmp_path):
    """Countries and one extra metric in pelican.conf.py, no code: tallies, provinces of both countries, the report."""
    site = _site(tmp_path, UA_CONF + '\nTIMELINE_COUNTRIES = ["UA", "RU"]\n')
    (site / "content" / "articles" / "daily.md").write_text(UA_DAILY, encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelican.conf.py", "-o", "out", "-q"],
        cwd=site, capture_output=True, text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert build.returncode == 0, build.stderr
    rows = json.loads((site / "out" / "data" / "tallies.json").read_text(encoding="utf-8"))
    rows = rows.get("tallies", rows) if isinstance(rows, dict) else rows
    read = {(r["metric"], r["place"], r["count"], r["total"]) for r in rows}
    assert {("explosions", "Horlivka", 6, 11), ("explosions", "Kramatorsk", 5, 11)} <= read  # the site's own metric
    assert {("drones", "Kurskaya oblast'", 5, 9), ("drones", "Belgorodskaya oblast'", 4, 9)} <= read  # Russia's regions
    report = (site / "out" / "report" / "index.html").read_text(encoding="utf-8")
    warnings = dict(re.findall(r'<section aria-labelledby="(\w+)">(.*?)</section>', report, re.S))["warnings"]
    assert "Two more civilians were wounded near Kramatorsk" in warnings
