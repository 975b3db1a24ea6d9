"""The plugin's settings: one table of (name, default, help), Pelican style.

Every setting can be overridden in ``pelican.conf.py`` with an UPPER_CASE
name. ``resolve(settings)`` returns the merged values; tables whose defaults
live next to the code that uses them (metrics, event types, place aliases)
are imported from there, so the default and its consumer never drift.
"""

from __future__ import annotations

import difflib
import os
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

# A check takes the setting's value (and all resolved values) and returns
# what is wrong with it, or None.
Check = Callable[[Any, Mapping[str, Any]], "str | None"]


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any  # a value, or a zero-argument callable for defaults that live in another module
    help: str
    check: Check | None = None  # see ``validate``; None: any value is accepted

    def default_value(self) -> Any:
        return self.default() if callable(self.default) else self.default


class SettingsError(ValueError):
    """Bad settings: every problem, each naming its setting. Stops the build and ``extract``."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("bad settings: " + "; ".join(problems))


# -- checks (small, one per kind of value) ------------------------------------


def _country_codes(value: Any, _: Mapping[str, Any]) -> str | None:
    """
    >>> _country_codes(["UA", "XX"], {})
    "unknown country code 'XX' (expected ISO 3166-1 alpha-2 codes such as 'SY', 'UA', 'IQ')"
    """
    import pycountry

    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
        return f"expected a non-empty list of country codes such as ['SY'], got {value!r}"
    for code in value:
        if not isinstance(code, str) or len(code) != 2 or pycountry.countries.get(alpha_2=code.upper()) is None:
            return f"unknown country code {code!r} (expected ISO 3166-1 alpha-2 codes such as 'SY', 'UA', 'IQ')"
    return None


def _one_of(*allowed: str) -> Check:
    def check(value: Any, _: Mapping[str, Any]) -> str | None:
        return None if value in allowed else f"{value!r} is not one of {', '.join(repr(a) for a in allowed)}"

    return check


def _int_at_least(low: int) -> Check:
    def check(value: Any, _: Mapping[str, Any]) -> str | None:
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= low
        return None if ok else f"expected a whole number of at least {low}, got {value!r}"

    return check


def _metrics_table(value: Any, _: Mapping[str, Any]) -> str | None:
    """Every metric needs a label-able name and at least one pattern that compiles.

    >>> _metrics_table({"explosions": {"label": "Explosions"}}, {})
    "metric 'explosions' has no patterns: give 'patterns', a list of regular expressions"
    """
    if not isinstance(value, Mapping) or not value:
        return f"expected a dict {{name: {{'label': ..., 'patterns': [...]}}}}, got {type(value).__name__}"
    for name, spec in value.items():
        if not isinstance(spec, Mapping):
            return f"metric {name!r} must be a dict with 'label' and 'patterns', got {spec!r}"
        patterns = spec.get("patterns")
        if isinstance(patterns, str):
            patterns = [patterns]
        if not patterns:
            return f"metric {name!r} has no patterns: give 'patterns', a list of regular expressions"
        for pattern in [*patterns, *(spec.get("unit_nouns") or [])]:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as err:
                return f"metric {name!r}: bad pattern {pattern!r}: {err}"
    return None


def _key_metrics(value: Any, config: Mapping[str, Any]) -> str | None:
    if not isinstance(value, (list, tuple)):
        return f"expected a list of metric names, got {value!r}"
    metrics = config.get("TIMELINE_METRICS")
    known = set(metrics) if isinstance(metrics, Mapping) else set()
    unknown = [m for m in value if m not in known]
    return f"{unknown[0]!r} is not a metric of TIMELINE_METRICS" if unknown and known else None


def _mapping_of_names(value: Any, _: Mapping[str, Any]) -> str | None:
    if not isinstance(value, Mapping):
        return f"expected a dict, got {type(value).__name__}"
    for key, target in value.items():
        names = [target] if isinstance(target, str) else target
        if not isinstance(key, str) or not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
            return f"entry {key!r}: {target!r} is not a name (or list of names)"
    return None


def _source_countries(value: Any, _: Mapping[str, Any]) -> str | None:
    """
    >>> _source_countries({"AP": "USA"}, {})
    "entry 'AP': 'USA' is not a two-letter country code"
    """
    if not isinstance(value, Mapping):
        return f"expected a dict, got {type(value).__name__}"
    for key, code in value.items():
        if not isinstance(key, str) or not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2}", code):
            return f"entry {key!r}: {code!r} is not a two-letter country code"
    return None


def _year_range(value: Any, _: Mapping[str, Any]) -> str | None:
    ok = isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(y, int) for y in value) and value[0] <= value[1]
    return None if ok else f"expected [first_year, last_year], got {value!r}"


def _seconds(value: Any, _: Mapping[str, Any]) -> str | None:
    """
    >>> _seconds(-1, {})
    'expected a number of seconds of at least 0 (0: no budget), got -1'
    """
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and value == value and value != float("inf")
    return None if ok else f"expected a number of seconds of at least 0 (0: no budget), got {value!r}"


def _gazetteer_files(value: Any, config: Mapping[str, Any]) -> str | None:
    if isinstance(value, (str, os.PathLike)) or not isinstance(value, (list, tuple)):
        return f"expected a list of file paths, got {value!r}"
    from generator.places import gazetteer_file_format

    for path in value:
        if not Path(path).is_file():
            return f"{str(path)!r}: no such file (GeoNames country dump .txt or ACLED export .csv)"
        try:
            gazetteer_file_format(str(path))
        except (OSError, ValueError) as err:
            return str(err)
    return None


def _flag(value: Any, _: Mapping[str, Any]) -> str | None:
    """
    >>> _flag("no", {})
    "expected True or False, got 'no'"
    """
    return None if isinstance(value, bool) else f"expected True or False, got {value!r}"


def _text(*, empty_ok: bool, none_ok: bool = False) -> Check:
    def check(value: Any, _: Mapping[str, Any]) -> str | None:
        if value is None and none_ok:
            return None
        if isinstance(value, str) and (value or empty_ok):
            return None
        return f"expected {'a' if empty_ok else 'a non-empty'} string{' or None' if none_ok else ''}, got {value!r}"

    return check


def template_fields(template: str) -> list[str]:
    """The ``{names}`` of an address template, in order.

    >>> template_fields("places/{slug}/{year}/index.html")
    ['slug', 'year']
    """
    return [field for _, field, _, _ in string.Formatter().parse(template) if field is not None]


def _address(default: str, *, none_ok: bool) -> Check:
    """An address template: a string whose ``{fields}`` are exactly its default's.

    "" switches the page or feed off, as in Pelican; feeds accept None too.

    >>> _address("places/{slug}/", none_ok=False)("places/{name}/", {})
    "uses {name}, which is not known here; give a template with {slug}, as in 'places/{slug}/'"
    >>> _address("places/{slug}/", none_ok=False)("places/", {})
    "needs {slug}, as in 'places/{slug}/' (without it every page gets the same address)"
    """
    wanted = template_fields(default)

    def check(value: Any, config: Mapping[str, Any]) -> str | None:
        if value == "" or (value is None and none_ok):
            return None
        problem = _text(empty_ok=True, none_ok=none_ok)(value, config)
        if problem:
            return problem
        try:
            fields = template_fields(value)
        except ValueError as err:
            return f"not a template: {err}"
        unknown = [f for f in fields if f not in wanted]
        if unknown:
            known = f"a template with {', '.join('{' + w + '}' for w in wanted)}" if wanted else "a plain path"
            return f"uses {{{unknown[0]}}}, which is not known here; give {known}, as in {default!r}"
        missing = [f for f in wanted if f not in fields]
        if missing:
            return f"needs {{{missing[0]}}}, as in {default!r} (without it every page gets the same address)"
        return None

    return check


def _event_types_table(value: Any, _: Mapping[str, Any]) -> str | None:
    """Ordered rules, each a dict with an ``id`` and a list of patterns that compile.

    >>> _event_types_table([{"id": "riots", "patterns": ["(riot"]}], {})
    "rule 1 ('riots'): bad pattern '(riot': missing ), unterminated subpattern at position 0"
    """
    if isinstance(value, (str, Mapping)) or not isinstance(value, (list, tuple)) or not value:
        return f"expected a list of rules [{{'id': ..., 'label': ..., 'patterns': [...]}}, ...], got {type(value).__name__}"
    for n, rule in enumerate(value, 1):
        if not isinstance(rule, Mapping) or not isinstance(rule.get("id"), str) or not rule.get("id"):
            return f"rule {n} must be a dict with an 'id' (a string), got {_short(rule)}"
        patterns = rule.get("patterns") or []
        if isinstance(patterns, str) or not isinstance(patterns, (list, tuple)):
            return f"rule {n} ({rule['id']!r}): 'patterns' must be a list of regular expressions"
        for pattern in patterns:
            try:
                re.compile(pattern, re.IGNORECASE)
            except (re.error, TypeError) as err:
                return f"rule {n} ({rule['id']!r}): bad pattern {pattern!r}: {err}"
    return None


def _metrics() -> Any:
    from generator.figures import DEFAULT_METRICS

    return DEFAULT_METRICS


def _event_types() -> Any:
    from generator.event_types import DEFAULT_EVENT_TYPES

    return DEFAULT_EVENT_TYPES


def _aliases() -> Any:
    from generator.places import DEFAULT_ALIASES

    return DEFAULT_ALIASES


def _feed_id_domain(value: Any, config: Mapping[str, Any]) -> str | None:
    from .feedids import check_domain

    return check_domain(value, config)


SETTINGS: tuple[Setting, ...] = (
    Setting("TIMELINE_COUNTRIES", ["SY"], "ISO 3166-1 alpha-2 codes of the countries whose provinces and towns are recognised.", _country_codes),
    Setting("TIMELINE_PLACE_ALIASES", _aliases, "Extra spellings: {alias: canonical gazetteer name}, e.g. {'Halab': 'Aleppo'}.", _mapping_of_names),
    Setting("TIMELINE_PLACE_AREAS", {}, "Places the gazetteer lacks, by the town or province they lie in: {'Rif Dimashq': ['Hosh Nasri']}.", _mapping_of_names),
    Setting("TIMELINE_GAZETTEER_FILES", [], "Your own gazetteers: GeoNames country dumps (.txt) or ACLED exports (.csv), read to place villages.", _gazetteer_files),
    Setting("TIMELINE_METRICS", _metrics, "Metrics counted in figures and tallies: {name: {label, patterns, ...}}.", _metrics_table),
    Setting("TIMELINE_EVENT_TYPES", _event_types, "Event typology: ordered rules mapping trigger words to event types.", _event_types_table),
    Setting("TIMELINE_KEY_METRICS", ["killed", "injured", "ceasefire_violations", "evacuated"], "Metrics shown in each bulletin's key-figures box, in this order.", _key_metrics),
    Setting("TIMELINE_DATE_ORDER", "DMY", "How to read all-numeric dates such as 05/06/2016: DMY or MDY.", _one_of("DMY", "MDY")),
    Setting("TIMELINE_SOURCE_COUNTRIES", {}, "Country (ISO 3166-1 alpha-2) of each source, {'AP': 'US'}: how its all-numeric dates are read when the article has no Lang region.", _source_countries),
    Setting("TIMELINE_CHART_DAYS", 30, "Days shown in the bulletin charts.", _int_at_least(1)),
    Setting("TIMELINE_WORKERS", 0, "Processes that extract articles in parallel: 0 = one per CPU, 1 = none.", _int_at_least(0)),
    Setting("TIMELINE_CACHE_PATH", "{CACHE_PATH}/timeline", "Folder for extraction results (generator/cache.py); {CACHE_PATH} is Pelican's cache folder; empty disables the cache."),
    Setting("TIMELINE_ARTICLE_MAX_CHARS", 1_000_000, "Longer articles are published without events and reported (deterministic); 0 = no limit.", _int_at_least(0)),
    Setting("TIMELINE_ARTICLE_TIME_BUDGET", 60, "Seconds of CPU time one article's extraction may take; over it, published without events and reported; 0 = no budget.", _seconds),
    Setting("TIMELINE_YEAR_RANGE", [1900, 2100], "First and last year of a publication date; files dated outside are refused and reported.", _year_range),
    Setting("TIMELINE_PLACE_CHART_DAYS", 90, "Days shown in the charts and map of a place page (charts reach further back when the page lists older tallies).", _int_at_least(1)),
    Setting("TIMELINE_HOME_BULLETINS", 7, "Recent bulletins listed on the home page.", _int_at_least(0)),
    Setting("TIMELINE_HOME_SAVE_AS", "index.html", "The home page: the latest bulletin."),
    Setting("TIMELINE_BULLETIN_URL", "bulletins/{date}/", "URL of a day's bulletin."),
    Setting("TIMELINE_BULLETIN_SAVE_AS", "bulletins/{date}/index.html", "Where a day's bulletin is written."),
    Setting("TIMELINE_BULLETINS_INDEX_URL", "bulletins/", "URL of the list of all bulletins."),
    Setting("TIMELINE_BULLETINS_INDEX_SAVE_AS", "bulletins/index.html", "The list of all bulletins."),
    Setting("TIMELINE_BULLETINS_YEAR_URL", "bulletins/{year}/", "URL of one year's bulletins (long archives)."),
    Setting("TIMELINE_BULLETINS_YEAR_SAVE_AS", "bulletins/{year}/index.html", "Where one year's bulletin list is written."),
    Setting("TIMELINE_URL", "timeline/", "URL of the timeline index."),
    Setting("TIMELINE_SAVE_AS", "timeline/index.html", "The timeline index."),
    Setting("TIMELINE_PERIOD_URL", "timeline/{period}/", "URL of one month of the timeline (or a year, for year-dated events)."),
    Setting("TIMELINE_PERIOD_SAVE_AS", "timeline/{period}/index.html", "Where one period of the timeline is written."),
    Setting("TIMELINE_PLACE_URL", "places/{slug}/", "URL of a place page."),
    Setting("TIMELINE_PLACE_SAVE_AS", "places/{slug}/index.html", "Where a place page is written."),
    Setting("TIMELINE_PLACE_YEAR_URL", "places/{slug}/{year}/", "URL of one year of a place page."),
    Setting("TIMELINE_PLACE_YEAR_SAVE_AS", "places/{slug}/{year}/index.html", "Where one year of a place page is written."),
    Setting("TIMELINE_PLACES_INDEX_URL", "places/", "URL of the list of places."),
    Setting("TIMELINE_PLACES_INDEX_SAVE_AS", "places/index.html", "The list of places."),
    Setting("TIMELINE_TYPE_URL", "types/{slug}/", "URL of an event-type page."),
    Setting("TIMELINE_TYPE_SAVE_AS", "types/{slug}/index.html", "Where an event-type page is written."),
    Setting("TIMELINE_TYPE_YEAR_URL", "types/{slug}/{year}/", "URL of one year of an event-type page."),
    Setting("TIMELINE_TYPE_YEAR_SAVE_AS", "types/{slug}/{year}/index.html", "Where one year of an event-type page is written."),
    Setting("TIMELINE_TYPES_INDEX_URL", "types/", "URL of the list of event types."),
    Setting("TIMELINE_TYPES_INDEX_SAVE_AS", "types/index.html", "The list of event types."),
    Setting("TIMELINE_BUILD_REPORT_URL", "report/", "URL of the build report."),
    Setting("TIMELINE_BUILD_REPORT_SAVE_AS", "report/index.html", "The build report: what was read, what failed and why."),
    Setting("TIMELINE_BUILD_REPORT_PUBLIC", True, "False keeps the build report (and its review list) out of the navigation and out of the build; publishconf.py sets it."),
    Setting("TIMELINE_CORRECTIONS", "corrections.yaml", "The editor's corrections file, relative to PATH (content/); empty disables corrections."),
    Setting("TIMELINE_BULLETIN_FEED_ATOM", "feeds/bulletins.atom.xml", "Atom feed of daily bulletins."),
    Setting("TIMELINE_BULLETIN_FEED_RSS", "feeds/bulletins.rss.xml", "RSS 2.0 feed of daily bulletins."),
    Setting("TIMELINE_BULLETIN_FEED_JSON", "feeds/bulletins.json", "JSON Feed of daily bulletins."),
    Setting("TIMELINE_BULLETIN_FEED_FULL_CONTENT", True, "Feeds carry each bulletin in full; False: key figures only."),
    Setting("TIMELINE_PLACE_FEED_ATOM", "feeds/places/{slug}.atom.xml", "Atom feed of each place's events and tallies."),
    Setting("TIMELINE_PLACE_FEED_RSS", "feeds/places/{slug}.rss.xml", "RSS 2.0 feed of each place's events and tallies."),
    Setting("TIMELINE_METRIC_FEED_ATOM", "feeds/metrics/{slug}.atom.xml", "Atom feed of each key metric, day by day."),
    Setting("TIMELINE_FEED_ID_DOMAIN", "", "Domain in every feed id (tag:<domain>,<date>:<path>); empty: the host of SITEURL or FEED_DOMAIN, else localhost. Set it to keep ids when the site moves.", _feed_id_domain),
    Setting("TIMELINE_EXPORT_PATH", "data", "Folder of the CSV/JSON/ICS exports."),
    Setting("TIMELINE_SEARCH", True, "Build a static full-text search index with Pagefind (when installed)."),
    Setting("TIMELINE_SEARCH_GLOB", "{bulletins/**/*,articles/**/*,places/*/index,*/index}.html", "Pages Pagefind indexes (a place's year pages are not: they repeat its overview, bulletins and reports)."),
    Setting("TIMELINE_SEARCH_ROOT", "main", "The element of each page that is indexed."),
    Setting("TIMELINE_SEARCH_BUNDLE", "pagefind", "Folder of the search index in output/."),
    Setting("SEARCH_URL", "search/", "URL of the search page."),
    Setting("SEARCH_SAVE_AS", "search/index.html", "Where the search page is written."),
)


# Checks the table leaves out, by kind of value: on/off flags, names and
# folders, and addresses (templates whose {fields} must be their default's).
_FLAGS = ("TIMELINE_BUILD_REPORT_PUBLIC", "TIMELINE_BULLETIN_FEED_FULL_CONTENT", "TIMELINE_SEARCH")
_TEXTS: dict[str, Check] = {
    "TIMELINE_CACHE_PATH": _text(empty_ok=True),
    "TIMELINE_CORRECTIONS": _text(empty_ok=True, none_ok=True),
    "TIMELINE_EXPORT_PATH": _text(empty_ok=True),
    "TIMELINE_SEARCH_GLOB": _text(empty_ok=False),
    "TIMELINE_SEARCH_ROOT": _text(empty_ok=False),
    "TIMELINE_SEARCH_BUNDLE": _text(empty_ok=False),
}


def _default_check(setting: Setting) -> Check | None:
    if setting.name in _FLAGS:
        return _flag
    if setting.name in _TEXTS:
        return _TEXTS[setting.name]
    if setting.name.endswith(("_URL", "_SAVE_AS")) or "_FEED_" in setting.name:
        return _address(setting.default, none_ok="_FEED_" in setting.name)
    return None


SETTINGS = tuple(s if s.check else replace(s, check=_default_check(s)) for s in SETTINGS)
_BY_NAME = {s.name: s for s in SETTINGS}


def resolve(settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults overlaid with whatever ``settings`` (Pelican's dict) sets.

    >>> resolve({"TIMELINE_COUNTRIES": ["UA"]})["TIMELINE_COUNTRIES"]
    ['UA']
    """
    settings = settings or {}
    return {s.name: settings[s.name] if s.name in settings else s.default_value() for s in SETTINGS}


def default(name: str) -> Any:
    """The table's default for one setting, for code that reads settings one by one.

    >>> default("TIMELINE_SEARCH_ROOT")
    'main'
    """
    return _BY_NAME[name].default_value()


def get(settings: Mapping[str, Any], name: str) -> Any:
    """One setting: ``settings``' own value, else the table's default.

    >>> get({"TIMELINE_SEARCH_ROOT": "article"}, "TIMELINE_SEARCH_ROOT"), get({}, "SEARCH_URL")
    ('article', 'search/')
    """
    return settings[name] if name in settings else default(name)


def documented_names() -> list[str]:
    return [s.name for s in SETTINGS]


def validate(settings: Mapping[str, Any] | None = None) -> list[str]:
    """What is wrong with ``settings``: one message per bad setting, naming it.

    Checks are part of the table (``Setting.check``), so a new setting
    brings its own.

    >>> validate({"TIMELINE_DATE_ORDER": "YMD"})
    ["TIMELINE_DATE_ORDER = 'YMD': 'YMD' is not one of 'DMY', 'MDY'"]
    """
    settings = settings or {}
    config = resolve(settings)
    problems = []
    for s in SETTINGS:
        if s.check is None or s.name not in settings:
            continue  # defaults are right by construction
        reason = s.check(config[s.name], config)
        if reason:
            problems.append(f"{s.name} = {_short(config[s.name])}: {reason}")
    return problems


def unknown_names(settings: Mapping[str, Any] | None = None) -> list[str]:
    """Warnings for ``TIMELINE_*`` names no setting has: a typo is otherwise ignored silently.

    >>> unknown_names({"TIMELINE_COUNTRY": ["UA"]})
    ['TIMELINE_COUNTRY: unknown setting, ignored (did you mean TIMELINE_COUNTRIES?)']
    """
    known = documented_names()
    out = []
    for name in sorted(settings or {}):
        if name.startswith("TIMELINE_") and name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            out.append(f"{name}: unknown setting, ignored" + (f" (did you mean {close[0]}?)" if close else ""))
    return out


def check(settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The resolved settings, or ``SettingsError`` listing every bad one."""
    problems = validate(settings)
    if problems:
        raise SettingsError(problems)
    return resolve(settings)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# Names before every plugin setting took the TIMELINE_ prefix (2026-12), so that
# none can collide with Pelican's or another plugin's. Still read, with a warning,
# for one release. SEARCH_URL/SEARCH_SAVE_AS keep their names: Pelican itself
# reads <NAME>_URL/<NAME>_SAVE_AS of a direct template.
RENAMED = {
    old: "TIMELINE_" + ("EXPORT_PATH" if old == "DATA_EXPORT_PATH" else old)
    for old in (
        "HOME_SAVE_AS", "BULLETIN_URL", "BULLETIN_SAVE_AS", "BULLETINS_INDEX_URL", "BULLETINS_INDEX_SAVE_AS",
        "BULLETINS_YEAR_URL", "BULLETINS_YEAR_SAVE_AS", "PLACE_URL", "PLACE_SAVE_AS", "PLACE_YEAR_URL",
        "PLACE_YEAR_SAVE_AS", "PLACES_INDEX_URL", "PLACES_INDEX_SAVE_AS", "TYPE_URL", "TYPE_SAVE_AS", "TYPE_YEAR_URL",
        "TYPE_YEAR_SAVE_AS", "TYPES_INDEX_URL", "TYPES_INDEX_SAVE_AS", "BUILD_REPORT_URL", "BUILD_REPORT_SAVE_AS",
        "BUILD_REPORT_PUBLIC", "DATA_EXPORT_PATH", "BULLETIN_FEED_ATOM", "BULLETIN_FEED_RSS", "BULLETIN_FEED_JSON",
        "BULLETIN_FEED_FULL_CONTENT", "PLACE_FEED_ATOM", "PLACE_FEED_RSS", "METRIC_FEED_ATOM",
    )
}


def adopt_old_names(settings: dict[str, Any]) -> list[str]:
    """Move values set under a name from before the TIMELINE_ prefix to the new name; one warning each.

    The new name wins when both are set.

    >>> conf = {"PLACE_URL": "where/{slug}/"}
    >>> adopt_old_names(conf), conf
    (['PLACE_URL is now TIMELINE_PLACE_URL: read this time, rename it in pelican.conf.py'], {'TIMELINE_PLACE_URL': 'where/{slug}/'})
    """
    warnings = []
    for old, new in RENAMED.items():
        if old in settings:
            value = settings.pop(old)
            settings.setdefault(new, value)
            warnings.append(f"{old} is now {new}: read this time, rename it in pelican.conf.py")
    return warnings


def check_pelican(pelican: Any) -> None:
    """``signals.initialized``: stop the build on bad settings, before any file is read."""
    import logging

    for warning in [*adopt_old_names(pelican.settings), *unknown_names(pelican.settings)]:
        logging.getLogger(__name__).warning("%s", warning)
    check(pelican.settings)


SETTINGS_FILE = "pelican.conf.py"


def load(
    path: str | os.PathLike | None = None, overrides: Mapping[str, Any] | None = None, warnings: list[str] | None = None,
) -> dict[str, Any]:
    """The settings a build in this folder would use, for ``extract``.

    Reads ``path`` (or ``pelican.conf.py`` in the current folder when it
    exists) with Pelican's own reader, applies ``overrides`` (command-line
    options), checks the result and returns the resolved values. Raises
    ``SettingsError`` for bad values and ``FileNotFoundError`` for a
    missing ``path``; unknown ``TIMELINE_*`` names go to ``warnings``.
    """
    from pelican.settings import get_settings_from_file

    if path is None and Path(SETTINGS_FILE).is_file():
        path = SETTINGS_FILE
    raw: dict[str, Any] = {}
    if path is not None:
        if not Path(path).is_file():
            raise FileNotFoundError(f"{path}: no such settings file")
        raw = {k: v for k, v in get_settings_from_file(str(path)).items() if k.isupper()}
    raw.update(overrides or {})
    renamed = adopt_old_names(raw)
    if warnings is not None:
        warnings.extend([*renamed, *unknown_names(raw)])
    return check(raw)
