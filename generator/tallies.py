"""Tallies: bulletin lists that count one metric per place for one day.

Shapes read (each list is a run of place–count pairs joined by commas,
"and" or semicolons):

* ``Idlib (9), Hama (4) and Homs (1) provinces``
* ``9 in the province of Idlib, four in the province of Hama``
* ``Damascus - 17; Aleppo - 6`` and ``Damascus: 17, Aleppo: 6``
* a Markdown/HTML table whose header names a place column and a count
  column (``| Province | Violations |``), given as one block of lines
  (see ``table_blocks``).

The metric is the one the list's stated total counts ("Monitors logged 25
*ceasefire violations*: Damascus (17) ..."), or, with no total, the
metric named nearest before the list. A list whose nearest number counts
something else ("4 inhabited areas in the Latakia (2) and Homs (2)
provinces" – settlements that joined a truce) is not a tally. Running
totals ("since the ceasefire began") never become daily tallies.

Dating: a daily bulletin ("over the past 24 hours", "during the day", "in
the past day", "daily bulletin") is dated by the bulletin's publication:
the weekday it says it was posted on ("posted ... on Friday", resolved to
the latest such day on or before publication), else the article's
publication date – never other dates in the text.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from typing import Any, Iterable, Mapping

from generator.figures import (
    DEFAULT_METRICS,
    AttributionContext,
    compile_metrics,
    cumulative_from,
    find_attribution,
    find_numbers,
    has_cue,
    may_have_number,
    locate_figures,
    parse_number,
)
from generator import lexicons
from generator.anchored import Words, search_ending_at
from generator.attribution import unnamed_source
from generator.model import OTHER_PLACES, Place, Problem, Tally
from generator.needles import guarded, needled

# -- tally-only metric synonyms ------------------------------------------------------
#
# Bulletins name what they count with nouns a casualty report never uses ("19 facts of
# firing", "cases of opening fire", "truce breaches", "explosions", "shelled ... 29 times").
# These entries are added to the configured ``TIMELINE_METRICS`` for reading tallies only
# (figures keep their own table): patterns and unit nouns of a metric the configuration
# already has are appended to its own; a metric it lacks is added whole. So a user's
# ``pelican.conf.py`` metric still works, and explosions and shelling incidents are
# shipped by default.
TALLY_METRICS: dict[str, dict[str, Any]] = {
    "ceasefire_violations": {
        "label": "Ceasefire violations",
        "patterns": [
            r"(?:cessation\s+of\s+hostilities|ceasefire\s+regime|regime\s+of\s+silence)\s+(?:was|has\s+been|had\s+been)\s+violated",
            r"violated\s+(?:the\s+)?(?:ceasefire|cease-fire|truce|cessation\s+of\s+hostilities|regime\s+of\s+silence)(?:\s+regime)?",
            r"violated\s+the\s+additional\s+measures", r"breaches?\s+of\s+the\s+(?:ceasefire|truce)",
        ],
        "unit_nouns": [
            r"(?:truce|ceasefire|cease-fire)\s+breaches", r"breaches", r"facts\s+of\s+(?:the\s+)?(?:opening\s+of\s+)?fir(?:e|ing)",
            r"cases\s+of\s+(?:the\s+)?(?:opening\s+of\s+)?fir(?:e|ing)", r"such\s+(?:cases|violations)", r"violations?", r"(?:unprovoked\s+)?ceasefire\s+violations",
            # a monitor's "10 incidents were registered" (not "shelling incidents", their own metric)
            r"(?<!shelling\s)(?<!security\s)(?<!traffic\s)incidents",
        ],
    },
    "explosions": {"label": "Explosions", "patterns": [r"explosions?", r"blasts?"], "unit_nouns": [r"explosions", r"blasts"]},
    "shelling_incidents": {
        "label": "Shelling incidents",
        "patterns": [r"shelled", r"shellings?", r"shelling\s+incidents?"],
        "unit_nouns": [r"shelling\s+incidents?", r"shellings", r"episodes\s+of\s+shelling", r"cases\s+of\s+shelling", r"shelling"],
    },
    "attacks": {
        "label": "Attacks",
        "patterns": [r"attacked", r"opened\s+fire", r"fired\s+on", r"massacres?"],
        "unit_nouns": [r"attacks", r"massacres", r"armed\s+provocations", r"attempts\s+(?:of|at)\s+infiltration", r"infiltration\s+attempts",
                       r"breaches\s+by\s+(?:gun)?fir(?:e|ing)"],
    },
    "drones": {"label": "Drones", "patterns": [r"drones", r"drone(?!\s+(?:launchers?|attacks?|strikes?|fire|systems?|units?|sirens?|alerts?|launch(?:es)?|debris|fragments?|parts?|barrages?|salvos?|shelling|threats?)\b)", r"UAVs?"], "unit_nouns": [r"drones?", r"UAVs?", r"unmanned\s+aerial\s+vehicles?"]},
    "rockets": {"label": "Rockets", "patterns": [r"rockets?\s+(?:were\s+)?(?:fired|launched)"], "unit_nouns": [r"rockets", r"rocket(?!\s+(?:launchers?|attacks?|strikes?|fire|systems?|units?|sirens?|alerts?|launch(?:es)?|debris|fragments?|parts?|barrages?|salvos?|shelling|threats?)\b)"]},
    "missiles": {"label": "Missiles", "patterns": [r"missiles?\s+(?:were\s+)?(?:fired|launched)"], "unit_nouns": [r"missiles", r"missile(?!\s+(?:launchers?|attacks?|strikes?|fire|systems?|units?|sirens?|alerts?|launch(?:es)?|debris|fragments?|parts?|barrages?|salvos?|shelling|threats?)\b)"]},
    "equipment_destroyed": {
        "label": "Equipment destroyed",
        "patterns": [r"tanks\s+destroyed"],
        "unit_nouns": [r"tanks", r"armou?red\s+(?:fighting\s+|combat\s+)?vehicles", r"vehicles\s+and\s+fuel\s+tanks", r"artillery\s+systems", r"multiple\s+launch\s+rocket\s+systems",
                       r"air\s+defen[cs]e\s+systems", r"aircraft", r"helicopters"],
    },
    # the items of an itemised truce-breach list (e.g. "violations comprised 8 acts of setting up new positions,
    # 40 movements and reinforcements, 2 infiltration attempts and 17 warplane sorties"): the gold convention's
    # extra metrics, with infiltration attempts and breaches by gunfire counted as attacks
    "fortifications": {"label": "Fortifications", "patterns": [r"fortifications?", r"(?:establishing|building|setting\s+up|erecting)\s+(?:new\s+)?(?:military\s+)?positions"],
                       "unit_nouns": [r"acts\s+of\s+(?:establishing|building|setting\s+up|erecting|digging)\s+(?:new\s+)?(?:military\s+)?(?:positions|fortifications|trenches|barricades)",
                                      r"(?:new\s+)?fortifications", r"new\s+military\s+positions"]},
    "reinforcements": {"label": "Reinforcements", "patterns": [r"reinforcements"],
                       "unit_nouns": [r"(?:military\s+|troop\s+)?movements\s+and\s+reinforcements", r"(?:military\s+)?reinforcements"]},
    "aircraft_sorties": {"label": "Aircraft sorties", "patterns": [r"sorties"], "unit_nouns": [r"sorties", r"(?:warplane|reconnaissance|spy)\s+(?:plane\s+)?flights"]},
    # small-arms shots are rounds fired, counted with the shells ("fired around 900 shots from small arms")
    "shells": {"label": "Shells", "patterns": [], "unit_nouns": [r"shots"]},
    "killed": {"label": "Killed", "patterns": [r"martyred", r"martyrdom\s+of"], "unit_nouns": [r"martyrs?"]},
    # killed and wounded as one number ("8,019 civilian casualties"), and the missing ("12 people missing")
    "casualties": {"label": "Casualties", "patterns": [r"casualties"], "unit_nouns": [r"(?:civilian\s+)?casualties"]},
    "missing": {"label": "Missing", "patterns": [r"missing", r"unaccounted\s+for"], "unit_nouns": []},
}
# Read before the configured table's own units ("10 rockets" is rockets, not shells).
_FIRST = ("rockets", "missiles", "drones", "explosions", "attacks")
# Counts the gold and the product keep as figures only, never as a total-only tally.
FIGURE_ONLY = frozenset({"displaced", "evacuated", "arrested", "kidnapped", "neutralized", "surrendered"})
# A zero count is a tally only for incidents ("recorded no ceasefire violations"), never for casualties.
_CASUALTY = frozenset({"killed", "injured", "casualties", "missing"})
# Metrics whose counts in one list are of different things, each a tally ("60 tanks, 120 armoured vehicles").
_EACH_TYPE = frozenset({"equipment_destroyed", "drones"})

_MERGED: dict[int, tuple[Mapping[str, Any], dict[str, dict[str, Any]]]] = {}


def tally_metrics(metrics: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The configured metrics with ``TALLY_METRICS`` added (memoised per table).

    >>> sorted(tally_metrics({"killed": {"patterns": ["killed"]}}))[:3]
    ['aircraft_sorties', 'attacks', 'casualties']
    """
    hit = _MERGED.get(id(metrics))
    if hit is not None and hit[0] is metrics:
        return hit[1]
    merged: dict[str, dict[str, Any]] = {name: dict(TALLY_METRICS[name]) for name in _FIRST if name not in metrics}
    for name, spec in metrics.items():
        extra = TALLY_METRICS.get(name)
        if extra:
            spec = {**spec, "patterns": list(spec.get("patterns") or []) + extra["patterns"],
                    "unit_nouns": list(spec.get("unit_nouns") or []) + extra["unit_nouns"]}
        merged[name] = dict(spec)
    for name, spec in TALLY_METRICS.items():
        merged.setdefault(name, dict(spec))
    _MERGED[id(metrics)] = (metrics, merged)
    return merged

_MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
_COUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:-\w+)?|thirty(?:-\w+)?|forty(?:-\w+)?|fifty(?:-\w+)?))"
_ANY_COUNT = re.compile(rf"\d|\b{_COUNT}\b", re.I)
# The shapes a place–count pair can take ("(17)", "- 17", ": 17", "17 ... in"): a sentence with
# none of them holds no list, and looking for places in it is the dearest step.
_PAIR_HINT = re.compile(
    # not a range of days ("the night of 2-3 July") nor a distance ("15 km north of the town in ...")
    # Each branch first looks ahead for the one character it can start with, before its other lookarounds:
    # searched at every position of most sentences, 4x faster, same matches (issue 11; tests/test_guards.py).
    rf"[(\[]\s*{_COUNT}(?:\s+(?:times|[a-z]+(?:\s+[a-z]+)?))?\s*[)\]]|(?=[-–—:=])(?<!\d)[-–—:=]\s*{_COUNT}\b"
    rf"|(?=[\dotfsen])(?<!\d[:.])\b{_COUNT}\s+(?!(?:km|kilomet(?:re|er)s?|met(?:re|er)s?|m|mm|cm|miles?)\b)(?:(?:of\s+)?[a-z][\w-]*\s+){{0,3}}?in\b"
    rf"|(?-i:(?=[A-Z]))(?!{_MONTH_NAMES}\b)(?-i:[A-Z])[\w'’-]*\s+\d{{1,3}}(?:,\d{{3}})*(?=\s*[,;.](?!\d)|\s+and\b|\s*$)",
    re.I,
)
# "Damascus 17, Aleppo 6 and Hama 2": a bare count right after the place, closed by a separator
# (never a year, "Hama 2016", nor the first number of a date or a range)
_AFTER_BARE = re.compile(r"\s+(?P<n>\d{1,3}(?:,\d{3})*)(?=\s*[,;.](?!\d)|\s+and\b|\s*$)")
_AFTER_BRACKET = re.compile(rf"\s*(?:(?:province|governorate|region|city|district|oblast)\s*)?[(\[]\s*(?P<n>{_COUNT})(?:\s+(?:times|[a-z]+(?:\s+[a-z]+)?))?\s*[)\]]", re.I)
_AFTER_DASH = re.compile(rf"\s*(?:(?:province|governorate|region)\s*)?(?:[-–—:]|=)\s*(?P<n>{_COUNT})\b(?!\s*(?:\)|%|per\s*cent|hours|days|years))", re.I)
_BEFORE_IN = re.compile(
    # "17 in Damascus", "six violations in Aleppo"; never a span of time ("in two days of violence in Syria")
    # "five - in the province of Hama" (a dash after the count), "5 over the territory of the Kursk region"
    # nor the group people belong to ("six members of one family were killed in Daraa")
    # nor a clock time ("at 19:30 in Aleppo") nor a calibre ("120 mm mortars ... in Aleppo")
    rf"(?<!\d[:.])(?P<n>\b{_COUNT})(?:\s*[-–—])?\s+(?!(?:days?|weeks?|months?|years?|hours?|decades?|nights?|famil(?:y|ies)|households?|clans?|tribes?"
    r"|mm|cm|millimet(?:re|er)s?|calib(?:re|er))\b)"
    rf"(?:(?:of\s+)?[a-z][\w-]*\s+){{0,3}}?(?:in|over)\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+)?)?"
    r"(?P<plural>(?:provinces?|governorates?|regions?|city|district|oblast)\s+of\s+)?$",
    re.I,
)
_SHARED_LINK = re.compile(r"\s*(?:,|and|&)\s*(?:the\s+)?$", re.I)
_SEPARATOR = re.compile(r"^(?:\s+(?:province|governorate|region|oblast|sector|direction|district)s?\b)?[\s,;]*(?:(?:and|as\s+well\s+as|&|plus)\b)?[\s,;]*(?:(?:another|a\s+further)\s+)?(?:(?:in\s+)?(?:the\s+)?(?:provinces?\s+of\s+)?)?$", re.I)
_DATE_TOKEN = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_FALLBACK_NAME = re.compile(r"(?P<name>\b[A-Z][\w'’]*(?:[-\s](?:al|el|ez|ad|as|ar|ash|an|[A-Z])[\w'’]*)*)\s*$")
_CONTINUES_LIST = re.compile(r"\b(?:another|a further)\s+$", re.I)
_OF_THEM_ENTRY = re.compile(rf"{_COUNT}\s+of\s+(?:them|whom)\b", re.I)
# A list's entry for the places it does not name: "11 in other areas", "and 4 elsewhere" (not "elsewhere in Hama").
_OTHER_ENTRY = re.compile(
    rf"(?P<n>\b{_COUNT})\s+(?:(?:more|others?|people|persons|civilians|died|were\s+killed|killed)\s+)?"
    r"(?:in\s+(?:other|several\s+other|various)\s+(?:areas|parts\s+of\s+the\s+country|provinces|governorates|regions|places|towns|cities|districts|localities)"
    r"|elsewhere(?!\s+(?:in|on|across|around|near)\b))\b",
    re.I,
)
# "another 34 elsewhere in Idlib": the entry before it lies in the same province
_ELSEWHERE_IN = re.compile(r"\belsewhere\s+in\b", re.I)
# the place of an entry the gazetteer does not know: "died near the village of X", "in the town of X"
_ENTRY_PLACE = re.compile(r"\b(?:in|near|at|around)\s+(?:the\s+(?:village|town|city|district|area|neighbou?rhood)\s+of\s+)?"
                          r"(?P<name>[A-Z][\w'’-]*(?:[-\s](?:al|el|ez|ad|as|ar|ash|an|[A-Z])[\w'’-]*)*)")
_PROVINCE_CONTEXT = re.compile(r"\b(?:provinces?|governorates?|regions?|oblasts?)\b", re.I)

_DAILY = guarded(re.compile(  # guarded: searched in most sentences (issue 11)
    r"\b(?:(?:over|during|in|within|for)\s+(?:the\s+)?(?:past|last|previous)\s+(?:24\s+hours|day|twenty-four\s+hours)"
    r"|during\s+the\s+day|in\s+the\s+past\s+day|past\s+24\s+hours|last\s+24\s+hours|daily\s+(?:news\s+)?(?:bulletin|report|briefing|update)"
    r"|per\s+day|(?:on|over)\s+the\s+day)\b",
    re.I,
))
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_POSTED_ON = re.compile(
    r"\b(?:bulletin|report|briefing|statement|said|says|posted|published|released|announced)\b[^.;]{0,90}?\bon\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.I,
)


def bulletin_date(sentence: str, published: dt.date | None, fallback: str) -> str:
    """The day a bulletin list reports on.

    A daily bulletin is dated by its publication: the weekday it says it
    was posted on, else ``published``. Any other list is dated by the first
    calendar day the sentence names ("on December 20", "on Friday"), else
    ``fallback`` – so a follow-up article repeating Friday's bulletin on
    Saturday still dates it Friday.

    >>> bulletin_date("25 violations were reported during the day, the center said in its bulletin posted on Monday.",
    ...               dt.date(2016, 11, 15), "2016-11-10")
    '2016-11-14'
    """
    if published is None:
        return fallback
    if _DAILY.search(sentence):
        posted = _POSTED_ON.search(sentence)
        if posted:
            weekday = _WEEKDAYS.index(posted["day"].lower())
            back = (published.weekday() - weekday) % 7
            return (published - dt.timedelta(days=back)).isoformat()
        return published.isoformat()
    return _named_day(sentence, published) or fallback


def _named_day(sentence: str, published: dt.date) -> str | None:
    """The first day-precise date in ``sentence`` ("on December 20", "on Friday")."""
    from generator import dates  # only for lists that are not daily bulletins

    for timex in dates.find_timexes(sentence, published):
        if _SINCE_BEFORE.search(sentence, 0, timex.start):
            continue  # "since 1 November" starts a running total: never its day
        resolved = dates.event_date(timex)
        if resolved and resolved[1] == "day":
            return _day_before(resolved[0]) if _at_midnight(sentence, timex) else resolved[0]
    return None


def _at_midnight(sentence: str, timex: Any) -> bool:
    """Whether a day is named at its first moment: a count up to "00:00 on June 14" (or "midnight on
    June 14", as monitors write it) closes June 13."""
    return bool(_AT_MIDNIGHT.match(timex.text) or _AT_MIDNIGHT.fullmatch(sentence[max(0, timex.start - 20) : timex.start].lstrip()))


_AT_MIDNIGHT = re.compile(r"(?:.*\s)?(?:00[:.]00|midnight)\s+(?:hrs\s+)?(?:on\s+)?", re.I)


def _places_in(text: str, gazetteer: Any) -> list[Place]:
    """Places named in ``text`` (a gazetteer may bring its own finder)."""
    finder = getattr(gazetteer, "find_places", None)
    if callable(finder):
        return list(finder(text))
    from generator.places import find_places

    return find_places(text, gazetteer)


def _place_key(place: Place, provinces: bool) -> str:
    """A list of provinces is keyed by province; a list of towns by town.

    "Aleppo (6)" in a list of provinces is the province (the city shares its
    name), but "Harasta (2)" stays Harasta even when the sentence mentions
    a province: summing towns into their province would hide the list.
    """
    if place.kind == "admin1":
        return place.admin1 or place.name
    if provinces and place.admin1 and place.name == place.admin1:
        return place.admin1
    return place.name


# -- places a count is tied to ----------------------------------------------------------
#
# Places joined only by "and" or commas ("in Donetsk and Luhansk regions", "over Bryansk and
# Bryansk region") share one count: two or three of them form a joint key in the text's own
# spelling (gold convention 6); a longer run is a list without counts, no breakdown at all.
_JOINT_LINK = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$", re.I)
_JOINT_TAIL = re.compile(r"\s+(?:provinces|governorates|regions|oblasts|districts)\b", re.I)
_JOINT_MAX = 3
# where a count happened: "in", "over", "across" before the place, with at most a few lower-case words between
# ("in the town of X", "in both X and Y", "in Libya's X"); "since the Hodeidah agreement" names no place of the count
_LOCATIVE = re.compile(r"\b(?i:in|over|across|near|around|at|within|throughout|of)\s+(?:(?:[a-z]+|[A-Z][\w-]*['’]s)\s+){0,3}$")


def joint_groups(sentence: str, places: list[Place], provinces: bool) -> list[tuple[int, str | None]]:
    """(start, key) of each run of places joined by "and"/commas; key None for a run too long to key.

    >>> from generator.places import Gazetteer
    >>> joint_groups("in Idlib and Hama provinces, and in Homs", _places_in(
    ...     "in Idlib and Hama provinces, and in Homs", Gazetteer.for_countries(["SY"])), True)
    [(3, 'Idlib and Hama'), (36, 'Homs')]
    """
    runs: list[list[Place]] = []
    for place in sorted(places, key=lambda p: p.start):
        if runs and _JOINT_LINK.match(sentence[runs[-1][-1].end : place.start]):
            runs[-1].append(place)
        else:
            runs.append([place])
    out: list[tuple[int, str | None]] = []
    for run in runs:
        if len(run) == 1:
            out.append((run[0].start, _place_key(run[0], provinces)))
        elif len(run) <= _JOINT_MAX:
            tail = _JOINT_TAIL.match(sentence, run[-1].end)
            text = sentence[run[0].start : tail.end() if tail else run[-1].end]
            out.append((run[0].start, _PLACE_WORDS.sub("", text)))
        else:
            out.append((run[0].start, None))
    return out


# (start, end, place key, count): one entry of a list
_Pair = tuple[int, int, str, int]


def find_pairs(sentence: str, gazetteer: Any) -> list[_Pair]:
    """Every place–count pair in ``sentence``, in order.

    >>> from generator.places import Gazetteer
    >>> [p[2:] for p in find_pairs("in Damascus (17), Aleppo (6) and Hama (2) provinces", Gazetteer.for_countries(["SY"]))]
    [('Damascus', 17), ('Aleppo', 6), ('Hama', 2)]
    >>> [p[2:] for p in find_pairs("25 violations: Damascus 17, Aleppo 6 and Hama 2.", Gazetteer.for_countries(["SY"]))]
    [('Damascus', 17), ('Aleppo', 6), ('Hama', 2)]
    """
    provinces = bool(_PROVINCE_CONTEXT.search(sentence))
    words = Words(sentence)
    pairs: list[_Pair] = []
    covered: list[tuple[int, int]] = []
    shared: tuple[int, int] | None = None  # (end, count) of "two in the provinces of Homs": the next "and Latakia" shares it
    for place in _places_in(sentence, gazetteer):
        if place.kind == "country":
            continue  # a national figure is a total, not a row of a by-province list
        key = _place_key(place, provinces)
        if shared and _SHARED_LINK.match(sentence, shared[0], place.start):
            pairs.append((place.start, place.end, key, shared[1]))
            covered.append((place.start, place.end))
            shared = (place.end, shared[1])
            continue
        shared = None
        m = _AFTER_BRACKET.match(sentence, place.end) or _AFTER_DASH.match(sentence, place.end) or _AFTER_BARE.match(sentence, place.end)
        if m:
            value = parse_number(m["n"])
            if value is not None:
                pairs.append((place.start, m.end(), key, value))
                covered.append((place.start, place.end))
            continue
        b = search_ending_at(_BEFORE_IN, sentence, place.start, words)
        if b:
            value = parse_number(b["n"])
            if value is not None:
                pairs.append((b.start(), place.end, key, value))
                covered.append((place.start, place.end))
                if b["plural"] and re.match(r"\w+s\b", b["plural"]):
                    shared = (place.end, value)
    for m in _OTHER_ENTRY.finditer(sentence):  # "11 in other areas": counted, under no place
        value = parse_number(m["n"])
        if value is not None:
            pairs.append((m.start(), m.end(), OTHER_PLACES, value))
    # a name the gazetteer doesn't know, in an unmistakable "Name (17)" shape
    for m in re.finditer(rf"\((?P<n>\d[\d,]*)\)", sentence):
        if any(s <= m.start() <= e + 30 and _AFTER_BRACKET.match(sentence, e) for s, e in covered):
            continue
        name = _FALLBACK_NAME.search(re.sub(r"\s+(?:province|governorate|region)\s*$", "", sentence[: m.start()].rstrip(), flags=re.I))
        if name and name["name"].lower() not in ("the", "a", "in", "and"):
            value = parse_number(m["n"])
            if value is not None:
                pairs.append((name.start("name"), m.end(), name["name"], value))
    return sorted(set(pairs))


def _groups(sentence: str, pairs: list[_Pair]) -> list[list[_Pair]]:
    """Pairs joined only by separators form one list."""
    groups: list[list[_Pair]] = []
    for pair in pairs:
        if groups and _SEPARATOR.match(sentence[groups[-1][-1][1] : pair[0]]):
            groups[-1].append(pair)
        else:
            groups.append([pair])
    return groups


def find_tallies(
    sentence: str,
    *,
    date: str,
    article: str,
    start: int,
    end: int,
    gazetteer: Any,
    metrics: Mapping[str, Any] = DEFAULT_METRICS,
    attributed_to: str | None = None,
    published: dt.date | None = None,
    context: AttributionContext | None = None,
    window: ReportWindow | None = None,
) -> tuple[list[Tally], list[Problem]]:
    """The bulletin lists in one sentence (or table block) as tallies.

    ``window`` is the article's reporting window so far: a count "during the
    specified period" or "until the end of the reporting period" takes it.

    ``date`` is the date to use when the text gives no daily-bulletin cue
    (normally the publication date); ``attributed_to`` the reporter when the
    list itself names none. A stated total that differs from the sum is kept
    (``total``/``stated_total``) and reported as a warning ``Problem`` with
    an empty path (the caller fills in the article's path).
    """
    metrics = tally_metrics(metrics)
    if window is not None and window.series is not None and _CORRESPONDING.search(sentence):
        return _corresponding(sentence, article, start, end, attributed_to, window), []
    reading, previous = previous_values(sentence)
    if previous:  # "2,414 (2,403) killed": read today's counts with the brackets blanked, then the previous report's
        found, problems = find_tallies(reading, date=date, article=article, start=start, end=end, gazetteer=gazetteer,
                                       metrics=metrics, attributed_to=attributed_to, published=published,
                                       context=context, window=window)
        found = [dataclasses.replace(t, sentence=sentence) for t in found]
        return found + previous_tallies(found, previous), [
            dataclasses.replace(p, reason=p.reason.replace(reading.strip(), sentence.strip())) for p in problems]
    table = "|" in sentence and "\n" in sentence.strip()
    if not table and not has_cue(sentence, metrics):
        # a list counts a metric, named by its total or next to it: most sentences name none, though a
        # munition the metrics do not name ("mortar bombs") may still look like a tally
        return [], _unread(sentence, metrics, gazetteer)
    if not may_have_number(sentence) and not _NO_COUNT.search(sentence):
        return [], []  # no number at all, no need to look for places
    if table:
        if not _ANY_COUNT.search(sentence):
            return [], []
        return _table_tallies(sentence, date, article, start, end, gazetteer, metrics, attributed_to, published)
    tallies, problems, used = _list_tallies(sentence, date, article, start, end, gazetteer, metrics, attributed_to, published, context)
    series, series_used = _month_series(sentence, article, start, end, metrics, attributed_to, published, used, window)
    tallies += series
    used |= series_used
    if _report_cue(sentence):
        mixed, mixed_used = _mixed_lists(sentence, date, article, start, end, gazetteer, metrics, attributed_to, published, context, used)
        tallies += mixed
        used |= mixed_used
        tallies += _total_tallies(sentence, date, article, start, end, gazetteer, metrics, attributed_to, published, context, used)
    else:
        shapes = prose_shapes(sentence, gazetteer)
        if shapes:
            tallies += _total_tallies(sentence, date, article, start, end, gazetteer, metrics, attributed_to, published, context,
                                      used, only=shapes)
    if not tallies:
        problems += _unread(sentence, metrics, gazetteer)
    if window is not None:
        if tallies:
            tallies = [window.applied(t, sentence, published) for t in tallies]
            window.counted.update(t.metric for t in tallies)
        tallies = window.placed(tallies, sentence, gazetteer)
    return tallies, problems


# -- a series of months ------------------------------------------------------------------
#
# Rules with examples:
#   "July saw 296 such violations, August 307, and September 292" -> three tallies, one per month; the first
#     month's count names the metric, a month without a year is the latest one on or before publication;
#   "The corresponding figures for 2018 were 13, 44, 102" (next) -> the same months of 2018, in order.
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_SERIES_HEAD = re.compile(
    rf"\b(?P<month>{_MONTHS})(?:\s+(?P<year>(?:19|20)\d\d))?\s+(?:saw|had|recorded|registered|witnessed|brought)\s+"
    r"(?:(?:about|some|over|more\s+than|nearly|around)\s+)?(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+))\b[^,;.]*")
_SERIES_NEXT = re.compile(
    rf"\s*,?\s*(?:and\s+|while\s+)?(?:in\s+)?(?P<month>{_MONTHS})(?:\s+(?P<year>(?:19|20)\d\d))?\s*(?:saw\s+|had\s+|[-–—:]\s*)?"
    r"(?:(?:about|some|over|more\s+than|nearly|around)\s+)?(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+))\b(?!\s*(?:,\s*)?(?:19|20)\d\d)(?:\s+(?:such\s+)?[a-z]+)?")
_CORRESPONDING = re.compile(
    r"\bcorresponding\s+(?:figures?|numbers?|counts?)\s+(?:for|in)\s+(?P<year>(?:19|20)\d\d)\s+(?:were|are|was|stood\s+at)\s+"
    r"(?P<counts>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s*(?:,|and|,\s*and)\s*(?:\d{1,3}(?:,\d{3})+|\d+))+)", re.I)


def _month_window(year: int, month: int) -> tuple[str, str]:
    return _whole(f"{year:04d}-{month:02d}")  # type: ignore[return-value]


def _series_tally(metric: str, value: int, year: int, month: int, reporter: str | None, article: str, sentence: str,
                  start: int, end: int) -> Tally:
    first, last = _month_window(year, month)
    return Tally(date=last, metric=metric, total=value, by_place={}, attributed_to=reporter, article=article, sentence=sentence,
                 start=start, end=end, stated_total=value, sources=((article, start),), span="period",
                 period_start=first, period_end=last)


def _month_series(
    sentence: str, article: str, start: int, end: int, metrics: Mapping[str, Any], attributed_to: str | None,
    published: dt.date | None, used: set[int], window: ReportWindow | None,
) -> tuple[list[Tally], set[int]]:
    """A series of two or more months' counts of one metric (see the rules above)."""
    head = _SERIES_HEAD.search(sentence)
    if head is None or published is None:
        return [], set()
    metric = next((metric for mention, metric in locate_figures(sentence, metrics) if mention.num_start == head.start("n")), None)
    if metric is None or metric in FIGURE_ONLY or head.start("n") in used:
        return [], set()
    entries = [head]
    for nxt in iter(lambda: _SERIES_NEXT.match(sentence, entries[-1].end()), None):
        entries.append(nxt)
    if len(entries) < 2:
        return [], set()
    year = next((int(e["year"]) for e in entries if e["year"]), None)
    months = [_MONTH_NUMBER[e["month"].lower()] for e in entries]
    if year is None:  # the latest such months on or before publication
        year = published.year if max(months) <= published.month else published.year - 1
    out = [_series_tally(metric, int(e["n"].replace(",", "")), year, month, attributed_to, article, sentence, start, end)
           for e, month in zip(entries, months)]
    if window is not None:
        window.series = (metric, tuple(months), year)
    return out, {e.start("n") for e in entries}


def _corresponding(sentence: str, article: str, start: int, end: int, attributed_to: str | None, window: ReportWindow) -> list[Tally]:
    """The same months of another year, in the order of the last series."""
    metric, months, _ = window.series  # type: ignore[misc]
    m = _CORRESPONDING.search(sentence)
    counts = [int(c.replace(",", "")) for c in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", m["counts"])]  # type: ignore[index]
    if len(counts) != len(months):
        return []
    year = int(m["year"])  # type: ignore[index]
    return [_series_tally(metric, value, year, month, attributed_to, article, sentence, start, end) for value, month in zip(counts, months)]


# -- previous values in brackets ----------------------------------------------------------
#
# A running update gives the previous report's value in brackets after today's. Rules with examples:
#   "1,210 (1,204) killed"                      -> 1,210 killed today, 1,204 killed in the previous report
#   "3,150 killed (3,131)"                      -> the same, the bracket after the counted noun
#   "7,120 civilians (while 7,088 the day before)"
# The bracket holds a number alone (or "while N the day before") right after a count or its noun of at
# most two lowercase words: "Idlib (4)" (a place) and "25 violations (17 in Damascus)" (a sub-count with a
# place) are no previous values. The previous report of a running update is the day before.
_PREVIOUS = re.compile(
    r"(?P<now>(?<![\d,.(])\d{1,3}(?:,\d{3})+|(?<![\d,.(])\d+)(?P<noun>(?:\s+(?!(?:in|of|at|on|near|from|to|and|or)\b)[a-z][a-z-]*){0,2})"
    r"\s*\((?:while\s+|against\s+|vs\.?\s+|up\s+from\s+)?(?P<was>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\s+(?:the\s+day\s+before|a\s+day\s+earlier|the\s+previous\s+day|previously|earlier|in\s+the\s+previous\s+report))?\s*\)"
)


@dataclasses.dataclass(frozen=True)
class PreviousValue:
    """A previous report's value in brackets: ``was`` beside today's ``now``."""

    now: int
    was: int


def previous_values(sentence: str) -> tuple[str, list[PreviousValue]]:
    """``sentence`` with previous values blanked (same length), and the values.

    >>> reading, values = previous_values("There were 1,210 (1,204) killed and 980 wounded (975).")
    >>> reading
    'There were 1,210         killed and 980 wounded      .'
    >>> values
    [PreviousValue(now=1210, was=1204), PreviousValue(now=980, was=975)]
    """
    if "(" not in sentence:  # every previous value is in brackets: most sentences have none (issue 11)
        return sentence, []
    values: list[PreviousValue] = []
    pieces: list[str] = []
    last = 0
    for m in _PREVIOUS.finditer(sentence):
        bracket = m.end("noun")
        pieces += [sentence[last:bracket], " " * (m.end() - bracket)]
        last = m.end()
        values.append(PreviousValue(int(m["now"].replace(",", "")), int(m["was"].replace(",", ""))))
    return "".join(pieces) + sentence[last:], values


def _day_before(day: str | None) -> str | None:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat() if day and _DAY_VALUE.match(day) else day


def previous_tallies(found: list[Tally], previous: list[PreviousValue]) -> list[Tally]:
    """The previous report's tallies: each bracketed value beside the total of a tally read today.

    A value whose count gave no tally is dropped here; the caller's "possible tally" check sees the
    sentence.
    """
    out: list[Tally] = []
    taken: set[int] = set()
    for value in previous:
        for i, tally in enumerate(found):
            if i in taken or tally.total != value.now:
                continue
            taken.add(i)
            by_place = {key: value.was for key in tally.by_place} if len(tally.by_place) == 1 else {}
            out.append(dataclasses.replace(
                tally, total=value.was, stated_total=value.was, by_place=by_place, date=_day_before(tally.date) or tally.date,
                period_end=_day_before(tally.period_end)))
            break
    return out


# -- the article's reporting window ------------------------------------------------------
#
# A report names its window once ("It covers the period of 1 February – 31 July 2023",
# "between the evenings of 2 and 4 July") and later counts refer to it. Rules with examples:
#   "... were killed during the specified period"          -> the window (period)
#   "from 00:01 on 27 July until the end of the reporting period, the mission has recorded
#    41,000 violations"                                      -> running total from 27 July to the window's end
_REFERS_TO_WINDOW = re.compile(
    r"\b(?:during|in|over|for|within|throughout)\s+the\s+(?:specified|reporting|same|covered|above|said)\s+period\b"
    r"|\buntil\s+the\s+end\s+of\s+the\s+reporting\s+period\b", re.I)
_UNTIL_WINDOW_END = re.compile(r"\buntil\s+the\s+end\s+of\s+the\s+reporting\s+period\b", re.I)
_OPENS_WITH_WINDOW = re.compile(r"\W*(?:between|from)\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|"
                                r"September|October|November|December|\d{1,2}\b)", re.I)
_WINDOW_GATE = needled(re.compile(r"\bperiod\b|\bbetween\s+the\s+(?:evenings|mornings|nights)\b|\bcover(?:s|ed|ing)\b", re.I))
# A monitor's window "between the evenings of 6 and 7 March" is the report's wherever the sentence names it:
# the counts of its later sentences and bullet points that name no time of their own are of that window too.
# "In the previous reporting period, it recorded 40 ...": the report's figure for the period before its own.
_PREVIOUS_PERIOD = re.compile(r"\b(?:in|during|over|for)\s+the\s+previous\s+(?:(?P<reporting>reporting\s+period)|24\s+hours|twenty-four\s+hours)\b",
                              re.I)
_MONITOR_WINDOW = re.compile(r"\bbetween\s+the\s+(?:evenings|mornings|nights)\s+of\b", re.I)


# "in the region", "over the region": the province a report named before (not "the region of X", not "regions")
_THE_REGION = re.compile(r"\b(?:in|over|across|throughout|within)\s+the\s+(?:region|province|oblast|governorate)\b(?!\s+of\b)", re.I)
_PROVINCE_WORD_AFTER = re.compile(r"\s+(?:region|province|oblast|governorate)\b", re.I)


@dataclasses.dataclass
class ReportWindow:
    """The last reporting window an article named (first and last day).

    >>> w = ReportWindow()
    >>> w.observe("The report covers the period of 1 March – 31 August 2019.", dt.date(2019, 9, 10))
    >>> (w.first, w.last)
    ('2019-03-01', '2019-08-31')
    """

    first: str | None = None
    last: str | None = None
    # the last province the article named as one ("Bryansk region"): "over the region" later points back to it
    region: str | None = None
    # the last series of months read: its metric, months and year ("July saw 296 ..., August 307")
    series: tuple[str, tuple[int, ...], int] | None = None
    framing: bool = False  # the window opened a sentence: it frames the counts after it that name no time
    counted: set[str] = dataclasses.field(default_factory=set)  # the metrics the report has counted so far

    def observe(self, sentence: str, published: dt.date | None) -> None:
        """Remember the window ``sentence`` names, if it names one (and does not just refer to one).

        A window that opens the sentence ("Between 7 and 22 October 2023, the war left ...") frames the
        report: a later count whose sentence names no time of its own covers it too.

        >>> w = ReportWindow()
        >>> w.observe("Between 7 and 22 October 2023, the fighting left 610 dead.", dt.date(2023, 11, 2))
        >>> (w.first, w.last, w.framing)
        ('2023-10-07', '2023-10-22', True)
        """
        opens = bool(_OPENS_WITH_WINDOW.match(sentence))
        if published is None or not (opens or _WINDOW_GATE.search(sentence)) or _REFERS_TO_WINDOW.search(sentence):
            return
        span, first, last, day = reading_window(sentence, published, "")
        monitor = bool(_MONITOR_WINDOW.search(sentence))
        if span == "period" and first and last:
            self.first, self.last, self.framing = first, last, opens or monitor
        elif span == "day" and monitor and day:  # "between the evenings of 6 and 7 March": one day's window
            self.first = self.last = day
            self.framing = True

    def placed(self, found: list[Tally], sentence: str, gazetteer: Any) -> list[Tally]:
        """``found`` with "in/over the region" read as the province named last; then remember this sentence's.

        >>> from generator.places import Gazetteer
        >>> w, g = ReportWindow(), Gazetteer.for_countries(["UA"])
        >>> w.placed([], "The governor of Kharkiv region spoke on television.", g)
        []
        >>> w.region
        'Kharkivska oblast'
        """
        if self.region and _THE_REGION.search(sentence):
            found = [dataclasses.replace(t, by_place={self.region: t.total}) if not t.by_place and t.span == "day" else t
                     for t in found]
        if _PROVINCE_CONTEXT.search(sentence):
            named = [p for p in _places_in(sentence, gazetteer)
                     if p.kind == "admin1" or p.kind != "country" and _PROVINCE_WORD_AFTER.match(sentence, p.end)]
            if named:
                self.region = _place_key(named[-1], True)
        return found

    @staticmethod
    def _timeless(sentence: str, published: dt.date) -> bool:
        """Whether ``sentence`` names no time a count could cover (no date, no daily cue, no period)."""
        if _DAILY.search(sentence) or _PERIOD.search(sentence) or _OVERNIGHT.search(sentence) or _AS_OF_MOMENT.search(sentence):
            return False
        from generator import dates  # only for sentences with a tally, once a framing window was named

        return not [t for t in dates.find_timexes(sentence, published) if t.type in ("DATE", "TIME")]

    def applied(self, tally: Tally, sentence: str, published: dt.date | None) -> Tally:
        """``tally`` dated by this window when its sentence refers to it.

        A count "in the previous reporting period" (or "in the previous 24 hours" once the report has
        counted the metric) is the previous report's: the day before this report's window.

        >>> w = ReportWindow()
        >>> w.observe("Between the evenings of 6 and 7 March, the mission recorded 31 violations.", dt.date(2019, 3, 8))
        >>> t = Tally("2019-03-08", "ceasefire_violations", 40, {}, "it", "a", "...", 0, 9)
        >>> w.applied(t, "In the previous reporting period, it recorded 40 violations.", dt.date(2019, 3, 8)).date
        '2019-03-06'
        """
        previous = _PREVIOUS_PERIOD.search(sentence)
        if previous and tally.span == "day" and (previous["reporting"] or tally.metric in self.counted):
            now = self.last if self.framing and self.first == self.last else tally.date
            return dataclasses.replace(tally, date=_day_before(now) or tally.date)
        if self.last is None:
            return tally
        if self.framing and published is not None and not _REFERS_TO_WINDOW.search(sentence) and self._timeless(sentence, published):
            if self.first == self.last:  # a monitor's one-day window: a day count of that day
                return tally if tally.span == "cumulative" else dataclasses.replace(tally, date=self.last)
            # a count under a window that opened the report: a running total runs to its end
            span = "cumulative" if tally.span == "cumulative" else "period"
            return dataclasses.replace(tally, span=span, period_start=tally.period_start or self.first, period_end=self.last,
                                       date=self.last)
        if tally.span == "cumulative" and not _UNTIL_WINDOW_END.search(sentence) or not _REFERS_TO_WINDOW.search(sentence):
            return tally
        until = _UNTIL_WINDOW_END.search(sentence)
        if until and published is not None:
            from generator import dates  # only for a running total up to the window's end

            days = [t.value for t in dates.find_timexes(sentence[: until.start()], published) if _DAY_VALUE.match(t.value)]
            return dataclasses.replace(tally, span="cumulative", period_start=days[-1] if days else None,
                                       period_end=self.last, date=self.last)
        return dataclasses.replace(tally, span="period", period_start=self.first, period_end=self.last, date=self.last)


def _list_tallies(
    sentence: str, date: str, article: str, start: int, end: int, gazetteer: Any, metrics: Mapping[str, Any],
    attributed_to: str | None, published: dt.date | None, context: AttributionContext | None,
) -> tuple[list[Tally], list[Problem], set[int]]:
    """The place–count lists of one sentence; also the offsets of the numbers they used."""
    used: set[int] = set()
    # (every pair shape below holds a count, so no separate test for one)
    hints = list(_PAIR_HINT.finditer(sentence))
    if not hints:
        return [], [], used
    if len(hints) == 1 and not any(not hints[0].start() <= m.num_start < hints[0].end() for m in find_numbers(sentence)):
        return [], [], used  # one pair and no stated total: a figure, never a list
    pairs = find_pairs(sentence, gazetteer)
    if not pairs:
        return [], [], used
    compiled = compile_metrics(metrics)
    located = locate_figures(sentence, metrics)
    cumulative_start = cumulative_from(sentence)
    groups = _groups(sentence, pairs)
    span, period_start, period_end, day = reading_window(sentence, published, date)
    tallies: list[Tally] = []
    problems: list[Problem] = []
    previous_end = 0
    words = Words(sentence)
    in_pairs = _Spans([(s, e) for s, e, _, _ in pairs])
    starts = [m.start for m, _ in located]  # increasing, and so are the numbers' own starts
    num_starts = [m.num_start for m, _ in located]
    for group in groups:
        g_start, g_end = group[0][0], group[-1][1]
        region_start = previous_end
        previous_end = g_end
        date_tokens = [d.span() for d in _DATE_TOKEN.finditer(sentence, region_start, g_start)]  # "2021-07-06", "19:30": no total
        numbers = [
            (m, metric) for m, metric in located[bisect.bisect_left(starts, region_start) : bisect.bisect_left(starts, g_start)]
            if not in_pairs.holds(m.num_start) and not any(a <= m.num_start < b for a, b in date_tokens)
        ]
        stated: int | None = None
        metric: str | None = None
        mention = None
        first_entry: tuple[str, int] | None = None
        if numbers:
            mention, metric = numbers[-1]
            if metric is None:
                continue  # the list counts something else (settlements, deliveries, ...)
            stated = mention.value
            if search_ending_at(_CONTINUES_LIST, sentence, g_start, words):
                # "30 died near X, another 20 elsewhere in Hama, 25 in Homs": the 30 is the first entry of the
                # list, not its total, and a stated total comes before it ("put the toll at 90; ... said 30 ...")
                first_entry = (_first_entry_place(sentence, mention.end, group[0], gazetteer), mention.value)
                used.add(mention.num_start)
                earlier = [(m, other) for m, other in numbers[:-1] if other == metric]
                mention = earlier[-1][0] if earlier else None
                stated = mention.value if mention is not None else None
        else:
            # "12 shells in Mariupol and 7 shells in Donetsk": the entries name it
            inside = [metric for m, metric in located[bisect.bisect_left(starts, g_start) : bisect.bisect_left(starts, g_end)] if metric]
            metric = inside[0] if inside else _nearest_trigger(sentence, region_start, g_start, g_end, compiled)
            if metric is None:
                continue
        if len(group) < 2 and stated is None:
            continue  # one "6 in Aleppo" is a figure, not a bulletin list
        if len(group) < 2 and _OF_THEM_ENTRY.match(sentence, group[0][0]):
            continue  # "31 were killed across the country, nine of them in Daraa": a part of a total, no breakdown
        in_group = _Spans([(s, e) for s, e, _, _ in group])
        nearby = located[bisect.bisect_left(num_starts, in_group.low) : bisect.bisect_left(num_starts, in_group.high)]
        entries = [(m, other) for m, other in nearby if in_group.holds(m.num_start)]
        if any(other is not None and other != metric for _, other in entries):
            continue  # "two were killed and eight injured in Kharkiv": the entry counts another metric
        used.update(m.num_start for m, _ in entries)
        by_place: dict[str, int] = {}
        for key, value in ([first_entry] if first_entry else []) + [(key, value) for _, _, key, value in group]:
            by_place[key] = by_place.get(key, 0) + value
        total_read = sum(by_place.values())
        if stated is not None and first_entry and stated < total_read:
            stated, mention = None, None  # a number smaller than its parts is no total of them
        if stated is not None and mention is not None:
            used.add(mention.num_start)
        if stated is not None and stated != total_read:
            problems.append(Problem(
                "", "tallies",
                f"{metric} on {day}: stated total {stated} but the places add up to {total_read}: {sentence.strip()}", "warning"))
        reporter = _recorded_by(sentence, mention.start if stated is not None and mention is not None else g_start, context, attributed_to) \
            or _group_reporter(sentence, context, g_start, attributed_to, len(groups))
        g_span = "cumulative" if cumulative_start is not None and cumulative_start <= g_start else span
        tallies.append(
            Tally(
                date=day,
                metric=metric,
                total=stated if stated is not None else total_read,
                by_place=by_place,
                attributed_to=reporter or attributed_to,
                article=article,
                sentence=sentence,
                start=start,
                end=end,
                stated_total=stated,
                sources=((article, start),),
                span=g_span,
                period_start=period_start if g_span == span else None,
                period_end=None if g_span == "day" else day,
            )
        )
    return tallies, problems, used


def _first_entry_place(sentence: str, after: int, first_pair: _Pair, gazetteer: Any) -> str:
    """The place of the entry a list continues with "another": the province of "another N elsewhere in P",
    else the province of the place the entry names ("near the village of X"), its own name when the
    gazetteer does not know it, else the other places."""
    if _ELSEWHERE_IN.search(sentence, first_pair[0], first_pair[1]):
        return first_pair[2]
    named = _ENTRY_PLACE.search(sentence, after, first_pair[0])
    if named is None:
        return OTHER_PLACES
    known = [p for p in _places_in(named["name"], gazetteer) if p.kind != "country"]
    return (known[0].admin1 or known[0].name) if known else named["name"]


class _Spans:
    """Whether a position lies in any of some (start, end) spans, by bisection (a long list of places
    and numbers must not compare every number with every place).

    >>> spans = _Spans([(10, 20), (12, 14), (30, 31)])
    >>> [spans.holds(x) for x in (9, 10, 19, 20, 30, 31)], spans.low, spans.high
    ([False, True, True, False, True, False], 10, 31)
    """

    __slots__ = ("starts", "reach", "low", "high")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the spans up to each
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)
        self.low = self.starts[0] if ordered else 0
        self.high = self.reach[-1] if ordered else 0

    def holds(self, x: int) -> bool:
        i = bisect.bisect_right(self.starts, x) - 1
        return i >= 0 and self.reach[i] > x


# -- lists whose entries count two metrics -----------------------------------------------
#
# "3 killed and 12 wounded in Idlib, 2 killed in Hama": each entry gives its counts, then
# "in" and its place; entries are joined by commas, "and", semicolons or "in addition to".
# Each metric becomes its own tally over the entries that count it. Examples:
#   "4 martyrs and 51 wounded in Tyre, 7 martyrs and 30 wounded in Nabatieh governorate,
#    in addition to 9 wounded in Baalbek-Hermel"  -> killed {Tyre 4, Nabatieh 7}, injured {... 3 places}
#   "two killed and five injured in the north, one killed in Hama" (a region named in words
#    the gazetteer doesn't know keeps the text's name: "north")
_MIXED_ENTRY = re.compile(
    rf"(?P<counts>\b{_COUNT}\s+[a-z]+(?:\s+(?:people|civilians|others|persons))?(?:\s*(?:,|and)\s+{_COUNT}\s+[a-z]+(?:\s+(?:people|civilians|others|persons))?)*)"
    r"\s+in\s+(?:the\s+)?(?:(?:province|governorate|region|district)\s+of\s+)?"
    r"(?P<place>[^,;.()]+?)(?=\s*(?:[,;.]|$|\band\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b|\bin\s+addition\b|\bas\s+well\b))",
    re.I,
)
# A side's territory is no place of a list: "in government-controlled territory", "in areas held by the rebels",
# "in territory under the control of ...". Each side's counts are tallies of their own, never summed.
_CONTROL_SIDE = re.compile(r"\b(?:[\w-]+-(?:controlled|held)|controlled\s+by|held\s+by|under\s+(?:the\s+)?(?:[\w-]+\s+){0,3}control)\b", re.I)
_MIXED_SEPARATOR = re.compile(r"^(?:\s+(?:province|governorate|region|oblast)s?\b)?[\s,;]*(?:(?:and|as\s+well\s+as|in\s+addition\s+to|plus|while)\b)?[\s,;]*$", re.I)
_PLACE_WORDS = re.compile(r"\s+(?:province|governorate)s?$", re.I)


def _mixed_lists(
    sentence: str, date: str, article: str, start: int, end: int, gazetteer: Any, metrics: Mapping[str, Any],
    attributed_to: str | None, published: dt.date | None, context: AttributionContext | None, used: set[int],
) -> tuple[list[Tally], set[int]]:
    """Lists whose entries count two metrics each ("3 killed and 5 wounded in Idlib, 2 killed in Hama")."""
    entries = [m for m in _MIXED_ENTRY.finditer(sentence) if not _SUBGROUP_BEFORE.search(sentence, 0, m.start())]
    if len(entries) < 2:
        return [], set()
    located = [(m, metric) for m, metric in locate_figures(sentence, metrics) if metric and m.num_start not in used]
    runs: list[list[tuple[re.Match[str], dict[str, tuple[int, int]]]]] = []
    for entry in entries:
        counts = {metric: (m.value, m.num_start) for m, metric in located if entry.start("counts") <= m.num_start < entry.end("counts")}
        if not counts or len(counts) != len(re.findall(rf"\b{_COUNT}\b", entry["counts"], re.I)):
            runs.append([])
            continue
        if runs and runs[-1] and _MIXED_SEPARATOR.match(sentence[runs[-1][-1][0].end() : entry.start()]):
            runs[-1].append((entry, counts))
        else:
            runs.append([(entry, counts)])
    out: list[Tally] = []
    taken: set[int] = set()
    for run in runs:
        metrics_in_run = list(dict.fromkeys(metric for _, counts in run for metric in counts))
        if len(run) < 2 or len(metrics_in_run) < 2:
            continue  # one metric per entry is an ordinary list; one entry is a figure
        if any(_CONTROL_SIDE.search(entry["place"]) for entry, _ in run):
            continue  # each side's territory: the counts are read one by one
        first = run[0][0].start()
        span, period_start, period_end, day = reading_window(sentence, published, date, first)
        reporter = (_recorded_by(sentence, first, context, attributed_to) or find_attribution(sentence, context, first)
                    or attributed_to or unnamed_source(sentence, context).name)
        for metric in metrics_in_run:
            by_place: dict[str, int] = {}
            for entry, counts in run:
                if metric in counts:
                    key = _mixed_place(entry["place"], gazetteer)
                    by_place[key] = by_place.get(key, 0) + counts[metric][0]
                    taken.add(counts[metric][1])
            out.append(Tally(
                date=day, metric=metric, total=sum(by_place.values()), by_place=by_place, attributed_to=reporter,
                article=article, sentence=sentence, start=start, end=end, stated_total=None, sources=((article, start),),
                span=span, period_start=period_start, period_end=period_end,
            ))
    return out, taken


def _mixed_place(text: str, gazetteer: Any) -> str:
    """An entry's place: the gazetteer's key when it knows it, else the text's own words."""
    found = [p for p in _places_in(text, gazetteer) if p.kind != "country"]
    if len(found) == 1:
        return _place_key(found[0], True)
    return _PLACE_WORDS.sub("", text.strip())


# -- totals without a list -------------------------------------------------------------

# A sentence that reports a count for a reporting window: a daily cue, a running total, a
# bounded period, or a monitor's "recorded"/"registered".
_REPORT_VERB = needled(re.compile(r"\b(?:recorded|registered|monitored|documented|observed|logged|counted)\b", re.I))
_PERIOD = needled(re.compile(
    r"\b(?:over|during|in|for|within)\s+the\s+(?:past|last|previous)\s+(?:(?:\d+|two|three|four|five|six|seven|ten|fourteen|thirty)\s+)?"
    r"(?:days|weeks?|months?|years?|(?:48|72|36)\s+hours)\b"
    r"|\b(?:last|this|past)\s+(?:week|month|year)\b|\b(?:in|during|over|within)\s+(?:one|a|a\s+single)\s+(?:week|month)\b|\bweekly\b|\bmonthly\b|\bquarterly\b"
    r"|\b(?:during|in|over)\s+the\s+(?:specified|reporting|same)\s+period\b"
    r"|\bbetween\s+the\s+(?:evenings|mornings|nights)\s+of\b"
    r"|\bfrom\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b[^.;]{0,40}?\b(?:to|till|until|through)\b"
    r"|\bin\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|20\d\d)\b(?!\s+\d)",
    re.I,
))
_EVENINGS = re.compile(
    r"\b(?i:between\s+the\s+(?:evenings|mornings|nights)\s+of)\s+(?P<a>\d{1,2})(?:\s+(?P<ma>[A-Z][a-z]+))?\s+and\s+(?P<b>\d{1,2})\s+(?P<mb>[A-Z][a-z]+)"
)
_AS_OF = re.compile(r"\bas\s+of\s+(?:\d{1,2}[:.]\d{2}\s+(?:on\s+)?)?(?P<d>\d{1,2})\s+(?P<m>[A-Z][a-z]+)")
_MONTH_NUMBER = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1)}
_SUBGROUP_BEFORE = re.compile(r"(?:including|among\s+them|of\s+whom|of\s+them|among\s+whom)\s+(?:at\s+least\s+|about\s+)?$", re.I)
_IN_BEFORE = re.compile(r"\b(?:in|across|over)\s+(?:the\s+)?$", re.I)
_CLAUSE_MARK = re.compile(r"[;:(]|,(?!\d{3})")
_NEW_REPORT = re.compile(r"\b(?:recorded|registered|reported|said|says|confirmed|counted|logged|while|whereas)\b", re.I)
_NO_COUNT = re.compile(r"\b(?:recorded|registered|reported|observed|monitored)\s+no\s+", re.I)


# A count "as of" a moment: an incident count's window ends then (a monitor's "as of 19:30 7 March"), a
# casualty toll is a running total up to then ("as of midnight on 3 May, there were 1,210 killed").
_AS_OF_MOMENT = re.compile(r"\bas\s+of\b", re.I)


# A casualty count stated as an aggregate – the toll of a war, not of one incident – is a running total.
# Rules with examples (each marks its comma-clause and what follows, as "since ..." does):
#   a war as the subject, in the perfect or with "resulted in": "the fighting in the capital has killed 187
#     people", "the war has claimed the lives of 710 fighters", "the conflict resulted in 6,100 deaths"
#   an army's losses in the perfect: "the enemy has lost about 900 troops, including 60 tanks, 120 armoured
#     vehicles and 45 artillery systems" (each type of equipment its own tally)
#   "the number of military equipment lost by the enemy, which includes 41,000 vehicles and fuel tanks"
#   a toll noun with a copula or a toll verb: "the number of injured reached 159", "the number of civilians
#     killed ... is 642", "civilian casualties ... amounted to 9,983", "casualties numbered 1,401 deaths",
#     "the wounded are over 1,600", "the dead civilians are nearly 760", "the wounded - over 2,400"
# One attack's toll has an attack as its subject ("the strike killed 12") and is no running total.
_WAR = r"(?:war|conflict|fighting|clashes|hostilities|aggression|offensive|invasion|violence|bombardment|bombing\s+campaign)"
# A toll stated as a predicate of its subject: the subject names the metric, the number follows its verb.
#   "the number of civilians killed in the region is 642"      -> killed 642
#   "civilian casualties from 24 February to 3 May amounted to 7,120 civilians" -> casualties 7,120
#   "the wounded are over 1,600", "the dead civilians are nearly 760", "the wounded - over 2,400"
_TOLL_PREDICATE = re.compile(
    r"(?P<subject>\b(?:(?:total\s+)?number|toll|tally)\s+of\s+[^.;:,\d]{1,100}?"
    r"|\b(?:casualties|deaths|fatalities)\b(?:[^.;]|\.(?=\d)){0,120}?"
    r"|(?P<people>\bthe\s+(?:[a-z]+\s+)?(?:dead|wounded|injured|killed|missing)(?:\s+(?:civilians|people|persons|soldiers|servicemen|troops))?\b))"
    r"\s*(?:has\s+|have\s+|had\s+)?(?:amounted\s+to|numbered|totall?ed|stood\s+at|stands\s+at|reached|rose\s+to|climbed\s+to|"
    r"risen\s+to|is|are|was|were|[-–—])\s+(?P<rounded>(?:over|nearly|about|around|almost|approximately|more\s+than|at\s+least|some)\s+)?"
    r"(?P<n>\d[\d,]*)",
    re.I,
)
_TOLL_SHAPE = needled(re.compile(
    rf"\b{_WAR}\b[^.;:]{{0,60}}?\b(?:has|have|had)\s+(?:\w+\s+)?(?:killed|claimed|left|wounded|injured)\b"
    rf"|\b{_WAR}\b[^.;:]{{0,40}}?\bresulted\s+in\b|\b(?:has|have)\s+(?:so\s+far\s+|now\s+)?lost\b"
    r"|\b(?:equipment|weapons|hardware)\s+lost\s+by\b|" + _TOLL_PREDICATE.pattern,
    re.I,
))


def toll_from(sentence: str) -> int | None:
    """Offset from which casualty counts in ``sentence`` are a war's running toll, or None.

    >>> toll_from("On Monday, the fighting in the capital has killed 187 people, a ministry spokesman said.")
    10
    >>> toll_from("An air strike on the market killed 12 people.") is None
    True
    """
    m = next((m for m in _TOLL_SHAPE.finditer(sentence) if m["subject"] is None or toll_subject(m)), None)
    if m is None:
        return None
    bounds = [b.end() for b in re.finditer(r"[,;](?!\d)", sentence[: m.start()])]
    return bounds[-1] if bounds else 0


# What makes a toll predicate one attack's toll or a list of who died, not a running total:
#   an incident in its subject: "the number of people wounded in the blast was 14", "deaths in the attack numbered 7";
#   a copula before people: "the dead were 3 soldiers and a child" (unlike "the wounded are over 1,600");
#   the dead or wounded as the subject with an exact count: "...; the wounded numbered 14" is one attack's
#     (a running toll of people is given rounded: "the wounded are over 1,600", "the dead are nearly 760").
_ONE_INCIDENT = re.compile(
    r"\b(?:in|from|of|by|during)\s+(?:the|this|that|an?|\w+'s)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:blast|attack|strike|airstrike|explosion|bombing|raid|ambush|incident|assault|crash|shooting|massacre)s?\b", re.I)
_COPULA = re.compile(r"\s*(?:is|are|was|were)\s", re.I)
_ENDS_COUNT = re.compile(r"\s*(?:[,.;:)]|$|(?:in|on|as|according|and|while|since|so|to|by|from|including)\b)", re.I)


def toll_subject(m: re.Match[str]) -> bool:
    """Whether a ``_TOLL_PREDICATE`` match states a running toll (see ``_ONE_INCIDENT``)."""
    if _ONE_INCIDENT.search(m["subject"]) or m["people"] and not m["rounded"]:
        return False
    verb = m.string[m.end("subject") : m.start("n")]
    return not _COPULA.match(verb) or bool(_ENDS_COUNT.match(m.string, m.end("n")))


# An army's personnel losses are its killed and wounded: "the enemy has lost about 900,100 troops".
_LOST_PEOPLE = re.compile(
    r"\b(?:has|have|had)\s+(?:so\s+far\s+|now\s+)?lost\s+(?:(?:about|around|over|nearly|more\s+than|some|approximately)\s+)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?:troops|personnel|servicemen|soldiers|fighters|men)\b", re.I)


def toll_predicates(sentence: str, metrics: Mapping[str, Any]) -> dict[int, str]:
    """Numbers a toll's subject names the metric of: ``{offset of the number: metric}``.

    The metric is the first one the subject names; a number with its own counted noun
    ("numbered 1,401 deaths") keeps that noun's metric.

    >>> toll_predicates("The number of civilians killed in the region is 642, while the wounded are over 1,600.", DEFAULT_METRICS)
    {48: 'killed', 80: 'injured'}
    """
    compiled = compile_metrics(metrics)
    out: dict[int, str] = {m.start("n"): "casualties" for m in _LOST_PEOPLE.finditer(sentence)}
    for m in _TOLL_PREDICATE.finditer(sentence):
        rest = sentence[m.end("n"):]
        if not toll_subject(m) or any(metric.unit is not None and metric.unit.match(rest) for metric in compiled):
            continue
        named = [(hit.start(), metric.name) for metric in compiled
                 for hit in [metric.trigger_any.search(m["subject"])] if hit is not None]
        if named:
            out[m.start("n")] = min(named)[1]
    return out


def _running_from(sentence: str, metric: str) -> int | None:
    """Where running totals of ``metric`` start: a cumulative marker, or a war's toll (an army's losses)."""
    start = cumulative_from(sentence)
    if metric in _CASUALTY or metric in _EACH_TYPE:
        toll = toll_from(sentence)
        if toll is not None and (start is None or toll < start):
            return toll
    return start


_OVERNIGHT = needled(re.compile(r"\bovernight\b|\b(?:during|in|on)\s+the\s+night\s+(?:of|to)\b", re.I))  # one night's count


def _report_cue(sentence: str) -> bool:
    return bool(_DAILY.search(sentence) or _PERIOD.search(sentence) or _REPORT_VERB.search(sentence) or _OVERNIGHT.search(sentence)
                or _AS_OF_MOMENT.search(sentence) or cumulative_from(sentence) is not None or _TOLL_SHAPE.search(sentence))


def _day_of(day: str, month: str | None, published: dt.date | None) -> str | None:
    number = _MONTH_NUMBER.get((month or "").lower())
    if number is None or published is None:
        return None
    try:
        when = dt.date(published.year, number, int(day))
    except ValueError:
        return None
    if when > published:  # a month and day without a year: the latest such day on or before publication
        try:
            when = when.replace(year=when.year - 1)
        except ValueError:
            return None
    return when.isoformat()


def reading_window(sentence: str, published: dt.date | None, fallback: str, position: int | None = None) -> tuple[str, str | None, str | None, str]:
    """What a count in ``sentence`` covers: ``(span, period_start, period_end, date)``.

    A monitoring mission's window dates the count, not the publication:

    >>> reading_window("It recorded 31 violations between the evenings of 6 and 7 March.", dt.date(2017, 3, 8), "2017-03-08")
    ('day', None, None, '2017-03-07')
    >>> reading_window("It recorded 80 violations between the evenings of 2 and 4 July.", dt.date(2017, 7, 5), "2017-07-05")
    ('period', '2017-07-02', '2017-07-04', '2017-07-04')
    >>> reading_window("Since the truce began, 120 violations were registered.", dt.date(2017, 7, 5), "2017-07-05")[0]
    'cumulative'
    """
    evenings = _EVENINGS.search(sentence)
    if evenings:
        last = _day_of(evenings["b"], evenings["mb"], published)
        first = _day_of(evenings["a"], evenings["ma"] or evenings["mb"], published)
        if last:
            if first and (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days > 1:
                return "period", first, last, last
            return "day", None, None, last
    as_of = _AS_OF.search(sentence)
    day = bulletin_date(sentence, published, fallback)
    if as_of:
        day = _day_of(as_of["d"], as_of["m"], published) or day
    since = cumulative_from(sentence)
    if since is not None:
        end = running_end(sentence, published) if published is not None and not as_of else None
        return "cumulative", _running_start(sentence, published, since if position is None else position), end or day, end or day
    named = named_period(sentence, published, position) if published is not None else None
    if named is not None:
        first, last = named
        if first == last:
            return "day", None, None, last
        return "period", first, last, last
    if not _DAILY.search(sentence) and _PERIOD.search(sentence):
        return "period", None, day, day
    return "day", None, None, day


def _running_start(sentence: str, published: dt.date | None, position: int) -> str | None:
    """The first day of a running total, read as a figure's span is read (``spans``): "since 1 November",
    "since the 1st of November"; None when the text names no day.

    >>> _running_start("The monitor said 412 were killed in Idlib since the 1st of November.", dt.date(2016, 12, 14), 17)
    '2016-11-01'
    """
    if published is None:
        return None
    from generator import dates, spans  # only for sentences with a running total

    markers = spans.sentence_markers(sentence, dates.find_timexes(sentence, published), published)
    span = spans.resolve(markers, spans.clause_starts(sentence), position, published)
    return span.period_start if span is not None and span.kind == "cumulative" else None


# the end a running total names: "to 00:00 on June 14", "until 9 March", "up to 30 May"
_RUNNING_END = re.compile(r"\b(?:to|until|till|through|up\s+to)\s+(?:(?:\d{1,2}[:.]\d{2}|midnight)\s+(?:hrs\s+)?(?:on\s+)?)?$", re.I)


def running_end(sentence: str, published: dt.date) -> str | None:
    """The last day a running total covers when the sentence names it, even past a clause
    that interrupts the range; "00:00 on D" closes D-1.

    >>> running_end("Casualties from 1 March, when the war began, to 00:00 on 14 May reached 900.", dt.date(2022, 5, 16))
    '2022-05-13'
    >>> running_end("Since 1 March, 900 were killed.", dt.date(2022, 5, 16)) is None
    True
    """
    from generator import dates  # only for sentences with a running total

    for timex in dates.find_timexes(sentence, published):
        if (timex.type == "DATE" and _DAY_VALUE.match(timex.value or "") and timex.value <= published.isoformat()
                and _RUNNING_END.search(sentence, 0, timex.start)):
            return _day_before(timex.value) if _at_midnight(sentence, timex) else timex.value
    return None


# A reporting window the text names, as rules with examples (the tagger resolves the dates):
#   a range of days: "from 1 January to 30 September 2017", "February 1 – July 31, 2023",
#     "from 18:00 on 5 May to 18:00 on 6 May" (one day's window: dated 6 May);
#   a whole year or month: "in 2018", "last year", "in September 2017", "during August",
#     "July saw 296 violations" (the month as the subject).
# A date inside "since ..." starts a running total and is no window.
_RANGE_LINK = re.compile(r"^\s*+,?\s*+(?:to|till|until|through|thru|and|[-–—])\s+(?:(?:\d{1,2}[:.]\d{2}|midnight|noon)\s+(?:hrs\s+)?(?:on\s+)?)?$", re.I)
_WINDOW_BEFORE = re.compile(r"\b(?:in|during|for|of|throughout|over)\s+(?:the\s+(?:whole\s+)?(?:year|month)(?:\s+of)?\s+)?$", re.I)
_WINDOW_SUBJECT = re.compile(r"\s+(?:was|saw|had|brought|recorded|registered)\b", re.I)  # "July saw 296 violations"
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?(?:start\s+of\s+|beginning\s+of\s+|end\s+of\s+)?$", re.I)
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_VALUE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")
_YEAR_VALUE = re.compile(r"^\d{4}$")


def _whole(value: str) -> tuple[str, str] | None:
    """First and last day of a TIMEX3 year or month value ("2017-09" -> 1 and 30 September)."""
    if _YEAR_VALUE.match(value):
        return f"{value}-01-01", f"{value}-12-31"
    m = _MONTH_VALUE.match(value)
    if m:
        first = dt.date(int(m["y"]), int(m["m"]), 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return first.isoformat(), last.isoformat()
    return None


_YEAR_WRITTEN = re.compile(r"\b\d{4}\b|'\d{2}\b")


def _in_year(day: dt.date, year: int) -> dt.date:
    return day.replace(year=year) if (day.month, day.day) != (2, 29) else dt.date(year, 2, 28)


def named_period(sentence: str, published: dt.date, position: int | None = None) -> tuple[str, str] | None:
    """The window a sentence names for a count: ``(first day, last day)``; a one-day window has first == last.

    >>> named_period("From 1 January to 30 September 2017, the mission documented 812 civilian casualties.", dt.date(2017, 10, 20))
    ('2017-01-01', '2017-09-30')
    >>> named_period("From 18:00 on 5 May to 18:00 on 6 May, 12 violations were recorded.", dt.date(2020, 5, 7))
    ('2020-05-06', '2020-05-06')
    >>> named_period("In 2018, 1,400 ceasefire violations were recorded.", dt.date(2019, 1, 5))
    ('2018-01-01', '2018-12-31')
    >>> s = "April was the deadliest month with 700 killed, with 450 dead in June."
    >>> named_period(s, dt.date(2012, 7, 2), s.index("450")), named_period(s, dt.date(2012, 7, 2), s.index("700"))
    (('2012-06-01', '2012-06-30'), ('2012-04-01', '2012-04-30'))
    >>> named_period("Since 2018, 1,400 ceasefire violations were recorded.", dt.date(2019, 1, 5)) is None
    True
    >>> named_period("Between 24 February and 15 May 2022, the office recorded 3,000 deaths.", dt.date(2023, 11, 1))
    ('2022-02-24', '2022-05-15')
    """
    from generator import dates  # only for sentences that hold a count

    timexes = [t for t in dates.find_timexes(sentence, published) if t.type == "DATE" and not t.mod]
    timexes = [t for t in timexes if not _SINCE_BEFORE.search(sentence, 0, t.start)]
    for a, b in zip(timexes, timexes[1:]):
        if _DAY_VALUE.match(a.value) and _DAY_VALUE.match(b.value) and _RANGE_LINK.match(sentence[a.end : b.start]):
            first, last = dt.date.fromisoformat(a.value), dt.date.fromisoformat(b.value)
            if not _YEAR_WRITTEN.search(a.text) and _YEAR_WRITTEN.search(b.text):
                # "between 24 February and 15 May 2022": the first day takes the year the range ends in
                first = _in_year(first, last.year)
                first = first if first < last else _in_year(first, last.year - 1)
            if 0 < (last - first).days <= 1 and re.search(r"\d[:.]\d{2}|midnight|noon", sentence[a.start - 20 if a.start > 20 else 0 : b.end]):
                return b.value, b.value  # a 24-hour window closing on the second day
            if first < last:
                return first.isoformat(), (_day_before(b.value) if _at_midnight(sentence, b) else b.value)
    wholes = [(t, _whole(t.value)) for t in timexes]
    wholes = [(t, w) for t, w in wholes if w and (_WINDOW_BEFORE.search(sentence, 0, t.start) or _WINDOW_SUBJECT.match(sentence, t.end)
                                                  or t.text.lower().startswith(("last", "past")))]
    if not wholes:
        return None
    at = len(sentence) if position is None else position
    left = max((sentence.rfind(c, 0, at) for c in ",;:"), default=-1) + 1
    stops = [i for i in (sentence.find(c, at) for c in ",;:") if i >= 0]
    right = min(stops) if stops else len(sentence)
    own = [(t, w) for t, w in wholes if left <= t.start < right] or wholes
    _, (first, last) = min(own, key=lambda tw: (abs(tw[0].start - at), -tw[0].start))
    if published is not None and first <= published.isoformat() < last:
        last = published.isoformat()  # "this year": the window so far
    return first, last


# "with A and B witnessing the most, 820 and 744 instances, respectively": places and counts in the same order
_RESPECTIVELY = re.compile(r",?\s*respectively\b", re.I)
_COUNT_RUN = re.compile(rf"(?P<run>(?<![\w,]){_COUNT}(?:\s*,\s*{_COUNT})*\s*,?\s*and\s+{_COUNT})(?:\s+[a-z]+){{0,3}}?$", re.I)


def respectively(sentence: str, gazetteer: Any, after: int, total: int, provinces: bool = False) -> dict[str, int]:
    """A "respectively" breakdown of the count at ``after``: places and counts paired in order; {} when none.

    The counts must be parts of ``total`` (each smaller, their sum not over it).

    >>> from generator.places import Gazetteer
    >>> s = "Of the 90 violations, Idlib and Hama saw the most, with 40 and 25 cases, respectively."
    >>> respectively(s, Gazetteer.for_countries(["SY"]), s.index("90"), 90, True)
    {'Idlib': 40, 'Hama': 25}
    """
    m = _RESPECTIVELY.search(sentence, after)
    if m is None:
        return {}
    run = _COUNT_RUN.search(sentence, after, m.start())
    if run is None:
        return {}
    values = [parse_number(n) for n in re.findall(rf"(?<![\w,]){_COUNT}\b", run["run"], re.I)]
    places = [p for p in _places_in(sentence[: run.start()], gazetteer) if p.kind != "country"]
    if len(places) < len(values) or any(v is None or v >= total for v in values) or sum(v or 0 for v in values) > total:
        return {}
    chosen = places[-len(values):]
    if not all(_JOINT_LINK.match(sentence[a.end : b.start]) for a, b in zip(chosen, chosen[1:])):
        return {}
    return {_place_key(p, provinces): v or 0 for p, v in zip(chosen, values)}


_OPENS_WITH_PLACE = re.compile(r"^\W*(?i:in|across|throughout|over)\s+(?:the\s+)?$")
_WITH_CLAUSE = re.compile(r",\s*with\b", re.I)


def _total_tallies(
    sentence: str, date: str, article: str, start: int, end: int, gazetteer: Any, metrics: Mapping[str, Any],
    attributed_to: str | None, published: dt.date | None, context: AttributionContext | None, used: set[int],
    only: Mapping[str, tuple[tuple[int, int, re.Pattern[str] | None], ...]] | None = None,
) -> list[Tally]:
    """Counts a report gives without a list: "reported two violations", "11 violations in Idlib".

    ``only``: with no report cue, the metrics a shape of ``PROSE_SHAPES`` reads, each
    with the spans of its verbs; a count must share a clause with one of them.

    Each number linked to a metric (not a figure-only one, not a sub-count of the same
    metric, not already a list's entry or total) is a tally; a zero count of incidents
    ("recorded no ceasefire violations") too. One place named in the count's clause
    gives a one-entry breakdown.
    """
    found: list[tuple[int, int, int, str]] = []  # (position, end of the count, value, metric)
    seen: dict[str, int] = {}
    date_tokens = [d.span() for d in _DATE_TOKEN.finditer(sentence)]
    predicated = toll_predicates(sentence, metrics) if _TOLL_SHAPE.search(sentence) else {}
    for mention, metric in locate_figures(sentence, metrics):
        metric = predicated.get(mention.num_start, metric)
        if metric is None or metric in FIGURE_ONLY or mention.num_start in used:
            continue
        if only is not None and not _in_clause_of(sentence, mention.num_start, mention.end, only.get(metric, ())) or excluded(sentence, metric):
            continue
        if any(a <= mention.num_start < b for a, b in date_tokens):
            continue  # a piece of "2021-05-12" or "19:30"
        if metric in seen and metric not in _EACH_TYPE:
            # "31 violations, including 12 in Hama", "3,055 dead: 955 civilians, 71 children ...": parts of
            # a count already read – unless a new report starts ("..., while the Turkish side registered 7")
            # or the count of another side's territory ("2,414 killed in government-controlled territory, and 169 killed in ...")
            if _SUBGROUP_BEFORE.search(sentence, 0, mention.start) or not (
                    _NEW_REPORT.search(sentence, seen[metric], mention.start) or _CONTROL_SIDE.search(sentence, seen[metric], mention.start)):
                continue
        seen[metric] = mention.end
        found.append((mention.start, mention.end, mention.value, metric))
    for m in _NO_COUNT.finditer(sentence):
        rest = " " + sentence[m.end():]
        for metric in compile_metrics(metrics):
            if metric.name not in _CASUALTY and metric.name not in FIGURE_ONLY and metric.unit is not None and metric.unit.match(rest):
                found.append((m.start(), m.end(), 0, metric.name))
                break
    if not found:
        return []
    places = [p for p in _places_in(sentence, gazetteer) if p.kind != "country"]
    provinces = bool(_PROVINCE_CONTEXT.search(sentence))
    groups = joint_groups(sentence, places, provinces)
    out: list[Tally] = []
    for position, count_end, value, metric in found:
        span, period_start, period_end, day = reading_window(sentence, published, date, position)
        clause_start = max((m.end() for m in _CLAUSE_MARK.finditer(sentence, 0, position)), default=0)
        stop = _CLAUSE_MARK.search(sentence, count_end)  # never the comma of "41,274"
        clause_end = stop.start() if stop else len(sentence)
        keys = list(dict.fromkeys(key for at, key in groups if clause_start <= at < clause_end and _LOCATIVE.search(sentence, 0, at)))
        if not keys and only is None:  # "In Donetsk region, between ..., the SMM recorded 261": the place the sentence opens with
            keys = list(dict.fromkeys(key for at, key in groups if at < position and _LOCATIVE.search(sentence, 0, at)))
        elif not keys:  # a count in prose keeps to its clause ("after sirens went off in X, we inform you that one rocket ..."),
            # but for a sentence that opens with its place ("In the north, there were 48 deaths") or a "with" clause that
            # counts what the clause before located ("casualties were mostly in the north, with 48 deaths")
            with_clause = _WITH_CLAUSE.match(sentence, clause_start - 1) if clause_start else None
            before = max((m.end() for m in _CLAUSE_MARK.finditer(sentence, 0, clause_start - 1)), default=0) if with_clause else None
            keys = list(dict.fromkeys(key for at, key in groups if at < position and (
                _OPENS_WITH_PLACE.match(sentence, 0, at) or before is not None and before <= at < clause_start
                and _LOCATIVE.search(sentence, 0, at))))
        cumulative_start = _running_from(sentence, metric)
        own_span = "cumulative" if cumulative_start is not None and cumulative_start <= position else ("day" if span == "cumulative" else span)
        if own_span == "day" and metric in _CASUALTY and _AS_OF_MOMENT.search(sentence) and not _DAILY.search(sentence):
            own_span = "cumulative"
        if own_span == "cumulative" and span != "cumulative" and published is not None:
            day = running_end(sentence, published) or day  # "casualties from 1 March, when ..., to 00:00 on 14 May amounted to"
        # a count with no reporter of its own is the article's current reporter's ("the governor said ...
        # Three more people were injured over the past day")
        reporter = (_recorded_by(sentence, position, context, attributed_to) or find_attribution(sentence, context, position)
                    or attributed_to or unnamed_source(sentence, context).name)
        out.append(Tally(
            date=day, metric=metric, total=value,
            by_place=respectively(sentence, gazetteer, position, value, provinces) or ({keys[0]: value} if len(keys) == 1 and keys[0] else {}),
            attributed_to=reporter, article=article, sentence=sentence, start=start, end=end, stated_total=value,
            sources=((article, start),), span=own_span,
            period_start=period_start if own_span == span else None, period_end=None if own_span == "day" else day,
        ))
    return out


# -- tallies with no report cue: shapes as data (lexicons/tally_shapes.txt) -----------------


@dataclasses.dataclass(frozen=True)
class ProseShape:
    """A tally stated with no report cue: its metrics, where its verb is, and its own examples."""

    name: str
    doc: str
    metrics: frozenset[str]
    verb: re.Pattern[str]
    examples: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    counters: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    excludes: bool = False  # kind = excludes: counts of ``metrics`` where ``verb`` matches are no tallies
    unit: re.Pattern[str] | None = None  # what must follow the count (within two words)
    province: bool = False  # the sentence must name a province as one


def _prose_shape(name: str, keys: dict[str, list[str]]) -> ProseShape:
    def example(line: str) -> tuple[str, tuple[tuple[str, int], ...]]:
        text, _, read = line.partition("=>")
        return text.strip(), tuple((metric, int(n)) for metric, n in (item.split() for item in read.split(";") if item.strip()))

    kind = " ".join(keys.get("kind", ["reads"]))
    if kind not in ("reads", "excludes"):
        raise lexicons.LexiconError(f"tally_shapes.txt [{name}]: kind must be 'reads' or 'excludes', not {kind!r}")
    return ProseShape(name, " ".join(keys.get("doc", [])), frozenset(" ".join(keys.get("metrics", [])).split()),
                      re.compile("|".join(f"(?:{p})" for p in keys.get("pattern", [])), re.I),
                      tuple(example(e) for e in keys.get("example", [])), tuple(example(c) for c in keys.get("counter", [])),
                      excludes=kind == "excludes",
                      unit=re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:" + "|".join(keys["unit"]) + ")", re.I) if keys.get("unit") else None,
                      province=keys.get("place") == ["province"])


PROSE_SHAPES: tuple[ProseShape, ...] = tuple(_prose_shape(name, keys) for name, keys in lexicons.sections("tally_shapes"))


def prose_shapes(sentence: str, gazetteer: Any = None) -> dict[str, tuple[tuple[int, int, re.Pattern[str] | None], ...]]:
    """The metrics ``PROSE_SHAPES`` read in a sentence with no report cue, each with its verbs' spans.

    >>> prose_shapes("Air defences shot down three drones.")["drones"]
    ((13, 22, None),)
    """
    out: dict[str, tuple[tuple[int, int, re.Pattern[str] | None], ...]] = {}
    for shape in PROSE_SHAPES:
        if shape.excludes:
            continue
        spans = tuple(m.span() for m in shape.verb.finditer(sentence))
        if spans and shape.province and not _names_province(sentence, gazetteer):
            continue
        if spans:
            for metric in shape.metrics:
                out[metric] = out.get(metric, ()) + tuple((a, b, shape.unit) for a, b in spans)
    return out


def _names_province(sentence: str, gazetteer: Any) -> bool:
    return gazetteer is not None and bool(_PROVINCE_CONTEXT.search(sentence)) and any(
        p.kind == "admin1" or p.kind != "country" and _PROVINCE_WORD_AFTER.match(sentence, p.end)
        for p in _places_in(sentence, gazetteer))


def excluded(sentence: str, metric: str) -> bool:
    """Whether a shape of kind "excludes" says counts of ``metric`` in ``sentence`` are no tallies.

    >>> excluded("US intelligence says the army has lost 9,000 troops.", "casualties"), excluded("The army has lost 9,000 troops.", "casualties")
    (True, False)
    """
    return any(shape.excludes and metric in shape.metrics and shape.verb.search(sentence) for shape in PROSE_SHAPES)


def _in_clause_of(sentence: str, position: int, end: int, spans: Iterable[tuple[int, int, re.Pattern[str] | None]]) -> bool:
    """Whether a verb at one of ``spans`` shares the count's clause (no ';', ':' or new report between),
    with the unit its shape asks for right after the count (``end``)."""
    for a, b, unit in spans:
        lo, hi = (b, position) if a < position else (position, a)
        if unit is not None and not unit.match(sentence, end):
            continue
        if not re.search(r"[;:]|\.\s", sentence[lo:hi]) and not _NEW_REPORT.search(sentence, lo, hi):
            return True
    return False


_TALLY_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:violations?|breaches|cases|incidents|facts|episodes|times|occasions|attacks|explosions|"
    r"shellings?|strikes|drones|shells|rounds|provocations)\b",
    re.I,
)


# Lose nothing silently: a sentence that gave no tally but looks like one is a "possible tally not
# read" warning with its sentence. It looks like one when it has
#   a daily-report cue and a count of a tally noun, or two or more place–count shapes
#     ("Over the past day the monitors registered 4 violations near the checkpoint");
#   with no cue at all:
#   an incident or munition count with a place or a span: such counts are tallies wherever they are
#     written ("four more drones were brought down over the region", "the army fired 12 shells at the
#     village on Monday night");
#   a casualty count with a place and a span ("three civilians were wounded in the region over the past
#     day"), or added to a toll given before ("Two more people were wounded", "another five died"): one
#     attack's count names neither and is a figure only ("the strike killed four people in the town");
#   place–count pairs: two or more places each with a count ("Kursk (3), Bryansk (2)").
_INCIDENT_NOUN = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:violations?|breaches|attacks|explosions|shellings?|(?:air\s*)?strikes|airstrikes|raids|"
    r"drones|UAVs|shells|rounds|mines|rockets|missiles|bombs|grenades|incidents|provocations|sorties)\b"
    r"|\s+(?:times|occasions)\b(?=.*?\b(?:since|over\s+the\s+past|during\s+the|in\s+the\s+past)\b)",
    re.I,
)
_CASUALTY_NOUN = re.compile(r"\s+(?:[\w-]+\s+){0,4}?(?:killed|dead|deaths|died|wounded|injured|injuries|casualties|victims)\b", re.I)
_ADDED = re.compile(r"\s+(?:more|other|further|additional)\b", re.I)
_ADDED_BEFORE = re.compile(r"\b(?:another|a\s+further)\s+$", re.I)
_SPAN = re.compile(r"\b(?:toll|tally|in\s+total|so\s+far|to\s+date|last\s+night|overnight|since)\b", re.I)


def _possible_tally(sentence: str, metrics: Mapping[str, Any], gazetteer: Any = None) -> bool:
    """Whether a sentence that gave no tally looks like one (the rules above)."""
    numbers = find_numbers(sentence)
    cue = bool(_DAILY.search(sentence) or _REPORT_VERB.search(sentence))
    if cue and any(_TALLY_NOUN.match(sentence, m.end) for m in numbers):
        return True
    pairs = len(_PAIR_HINT.findall(sentence))
    if cue and pairs >= 2:
        return True
    incident = [m for m in numbers if _INCIDENT_NOUN.match(sentence, m.end)]
    casualty = [m for m in numbers if _CASUALTY_NOUN.match(sentence, m.end)]
    if not (incident or casualty or pairs >= 2) or gazetteer is None:
        return False
    if any(_ADDED.match(sentence, m.end) or _ADDED_BEFORE.search(sentence, 0, m.num_start) for m in incident + casualty):
        return True  # "two more drones", "another five were wounded": a count added to one given before
    period = bool(_PERIOD.search(sentence) or _DAILY.search(sentence))
    span = period or bool(_SPAN.search(sentence) or _OVERNIGHT.search(sentence))
    if casualty and period or incident and span:
        return True
    return (pairs >= 2 or incident or casualty and span) and bool(_places_in(sentence, gazetteer))


def _unread(sentence: str, metrics: Mapping[str, Any], gazetteer: Any) -> list[Problem]:
    """The "possible tally not read" warning of a sentence that gave no tally, if it looks like one."""
    if not may_have_number(sentence) or not _possible_tally(sentence, metrics, gazetteer):
        return []
    return [Problem("", "tallies", f"possible tally not read: {sentence.strip()}", "warning")]


def drop_restated_warnings(problems: Iterable[Problem], found: Iterable[Tally]) -> list[Problem]:
    """``problems`` without the "possible tally not read" warnings whose every count is a tally read elsewhere.

    A headline that restates the body's count ("Monitors record 7 violations") loses nothing: the body's
    tally holds it. A warning with one count no tally holds stays.

    >>> warned = Problem("a.md", "tallies", "possible tally not read: Monitors log 7 violations in Hama.", "warning")
    >>> read = Tally(date="2016-12-23", metric="ceasefire_violations", total=7, by_place={"Hama": 7}, attributed_to=None,
    ...              article="a", sentence="The monitors recorded 7 violations: Hama 7.", start=0, end=43)
    >>> drop_restated_warnings([warned], [read]), drop_restated_warnings([warned], []) == [warned]
    ([], True)
    """
    counts = {n for t in found for n in (t.total, t.stated_total, *(t.by_place or {}).values()) if n is not None}
    kept = []
    for problem in problems:
        if problem.stage == "tallies" and problem.reason.startswith("possible tally not read: "):
            numbers = {m.value for m in find_numbers(problem.reason.removeprefix("possible tally not read: "))}
            if numbers and numbers <= counts:
                continue
        kept.append(problem)
    return kept


# -- who recorded a count --------------------------------------------------------------
#
# A monitor's count belongs to the subject of its recording verb, not to the ministry or
# outlet that relays it. Rules as data, each with the shape it reads:
#   "The Turkish side has registered 34 violations"            -> "Turkish side"
#   "..., while the SMM recorded 78 ceasefire violations"       -> "SMM"
#   "Russia within the framework of the commission recorded 19" -> "Russia"
#   "the ministry said it had registered 35 cases"              -> (pronoun: the caller's reporter)
_RECORDED_COUNT = re.compile(
    r"(?P<verb>(?:(?:has|have|had)\s+(?:also\s+)?)?(?:recorded|registered|monitored|documented|logged|counted|observed|confirmed))"
    r"\s+(?:a\s+total\s+of\s+|as\s+many\s+as\s+|about\s+|some\s+|at\s+least\s+|more\s+than\s+|over\s+|only\s+)?$",
    re.I,
)
# Where a subject starts: a quote, a clause mark, a dash between spaces, a contrast or a speech verb.
_SUBJECT_START = re.compile(r"[\"“”;:,]|(?<!\w)\((?![A-Z]{2,8}\))|\s[-–—]\s|\b(?:while|whereas|and|but|said|says|stated|added|reported|that)\b", re.I)
# Where the subject's head ends: its modifiers ("... commission reviewing issues related to ...").
_SUBJECT_TAIL = re.compile(
    r"\s+(?:to\s+consider|related|reviewing|monitoring|within|in|per|over|during|on|for|at|which|who|that|also)\b", re.I)
_SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "this", "its side", "the mission"})


def recorder(sentence: str, position: int) -> str | None:
    """The subject of the recording verb right before the count at ``position``.

    >>> s = "The Russian side registered 5 violations, while the Turkish side has recorded 7 violations."
    >>> recorder(s, s.index("5")), recorder(s, s.index("7"))
    ('Russian side', 'Turkish side')
    >>> s = "The ministry said it had registered 35 cases of firing."
    >>> recorder(s, s.index("35"))
    'Ministry'
    """
    verb = _RECORDED_COUNT.search(sentence, max(0, position - 60), position)
    if verb is None:
        return None
    head = sentence[max(0, verb.start() - 240) : verb.start()]
    subject, start = _subject(head)
    speech = _SPOKE_BEFORE.search(head, 0, start)
    if subject.lower() in _SUBJECT_PRONOUNS and speech:  # "the ministry said it had registered 35": the ministry
        subject, _ = _subject(head[: speech.start()])
    words = subject.split()
    if not words or len(words) > 16 or re.search(r"\d", subject):
        return None
    if subject.lower() in _SUBJECT_PRONOUNS or not (words[0][0].isupper() or words[0].lower() in ("the", "its", "our")):
        return None
    subject = re.sub(r"^the\s+", "", subject, flags=re.I)
    return subject[0].upper() + subject[1:]


_SPOKE_BEFORE = re.compile(r"\b(?:said|says|stated|added|reported|announced)(?:\s+that)?\s*$", re.I)


def _subject(head: str) -> tuple[str, int]:
    """The subject at the end of ``head`` (text up to a verb) and where it starts."""
    starts = [m.end() for m in _SUBJECT_START.finditer(head)]
    start = starts[-1] if starts else 0
    text = re.sub(r"\s*\([A-Z]{2,8}\)", "", head[start:])
    first_word = re.match(r"\s*(?:the\s+)?\S+", text, re.I)  # a modifier never cuts the head word ("the monitoring mission")
    tail = _SUBJECT_TAIL.search(text, first_word.end() if first_word else 0)
    return (text[: tail.start()] if tail else text).strip(" -–—"), start


# A sentence that credits the one before it: the reporter of the previous sentence's counts
# when that sentence named none. Rules as data, each with the shape it reads:
#   "This was reported by the head of the regional administration, Jane Roe."
#   "According to an outlet, this was announced by the governor on Telegram."
#   "John Doe, the head of the regional administration, said this in a post on Telegram."
_CREDIT_BACK = (
    re.compile(r"^(?:According\s+to\s+[^,]{1,60},\s+)?(?:this|that|it)\s+(?:information\s+)?(?:was|were|has\s+been)\s+"
               r"(?:reported|said|announced|stated|posted|written|confirmed)\s+(?:on\s+\w+\s+)?by\s+(?P<who>[^.;:]{3,160}?)"
               r"(?:\s+(?:on|in|via|at)\s+(?:Telegram|Facebook|X|Twitter|his|her|its|a|the)\b[^.]*)?\s*[.;]?$", re.I),
    re.compile(r"^(?P<who>[A-Z][^.;:]{2,160}?),?\s+(?:said|reported|announced|stated|wrote|posted|confirmed)\s+(?:this|that|it)"
               r"(?=\s*(?:[.,;]|$|\s(?:in|on|at|via|to|during|after|when|late|early|earlier|later)\b))"),
)


def credited_back(sentence: str) -> str | None:
    """Who a sentence says reported the sentence before it.

    >>> credited_back("This was reported by the head of the regional administration, Jane Roe.")
    'the head of the regional administration, Jane Roe'
    >>> credited_back("John Doe, the head of the regional administration, said this in a post on Telegram.")
    'John Doe, the head of the regional administration'
    >>> credited_back("The governor said the shelling went on all night.") is None
    True
    """
    text = sentence.strip()
    for rule in _CREDIT_BACK:
        m = rule.match(text)
        if m and not re.search(r"\d", m["who"]):
            return m["who"].strip(" ,")
    return None


def _recorded_by(sentence: str, position: int, context: AttributionContext | None, caller: str | None) -> str | None:
    """``recorder`` expanded: to the caller's name when that is its long form ("the ministry" said by
    the "Russian Defense Ministry"), else with what the article named before ("the SMM" -> its full name)."""
    name = recorder(sentence, position)
    if name is None:
        return None
    words = set(re.findall(r"[a-z]+", name.lower()))
    if caller and words <= set(re.findall(r"[a-z]+", caller.lower())):
        return caller
    return (context.resolve(name) if context is not None else None) or name


def _group_reporter(sentence: str, context: AttributionContext | None, position: int,
                    caller: str | None, n_groups: int) -> str | None:
    """Who reported one list: its own reporter, expanded to the caller's name when that is its long form."""
    own = find_attribution(sentence, context, position)
    if caller is None:
        return own
    if own is None or (context is None and n_groups == 1):
        return caller
    own_words = set(re.findall(r"[a-z]+", own.lower())) - {"the"}
    if context is None and own_words and own_words <= set(re.findall(r"[a-z]+", caller.lower())):
        return caller  # "Ministry" said by the caller's "Russian Defense Ministry"
    return own


def _nearest_trigger(sentence: str, region_start: int, g_start: int, g_end: int, compiled: Iterable[Any]) -> str | None:
    """The metric named nearest before the list, else right after it."""
    best: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for metric in compiled:
        for m in metric.trigger_any.finditer(sentence, region_start, g_start):
            if best is None or m.start() > best[0]:
                best = (m.start(), metric.name)
        m = metric.trigger_any.search(sentence, g_end)
        if m and (after is None or m.start() < after[0]):
            after = (m.start(), metric.name)
    if best:
        return best[1]
    return after[1] if after else None


# -- tables --------------------------------------------------------------------------

_PLACE_HEADER = re.compile(r"\b(?:provinces?|governorates?|regions?|places?|city|cities|areas?|districts?|locations?|oblasts?|settlements?|towns?|localit(?:y|ies)|country|countries|admin1)\b", re.I)
_TOTAL_ROW = re.compile(r"^\s*(?:total|all|overall|sum)\b", re.I)


def table_blocks(text: str) -> list[tuple[int, int, str]]:
    """Runs of at least two table rows ("a | b" lines) in an article's text.

    ``read.html_to_text`` renders each table row as its own paragraph with
    cells joined by " | "; extraction passes each block to ``find_tallies``.
    """
    blocks: list[tuple[int, int, str]] = []
    rows = [m for m in re.finditer(r"[^\n]+", text) if "|" in m.group()]
    run: list[re.Match[str]] = []
    for row in rows + [None]:  # type: ignore[list-item]
        if row is not None and run and re.fullmatch(r"\s*", text[run[-1].end() : row.start()]) and text[run[-1].end() : row.start()].count("\n") <= 2:
            run.append(row)
            continue
        if len(run) >= 2:
            blocks.append((run[0].start(), run[-1].end(), text[run[0].start() : run[-1].end()]))
        run = [row] if row is not None else []
    return blocks


# -- lists, one entry a line ------------------------------------------------------------
#
# A bulletin may list its counts one entry a line (Markdown bullets, rendered one paragraph each),
# after a line that introduces them. Rules with examples:
#   "Over the past day the monitors registered 12 violations:" then "* 7 in Aleppo", "* 5 in Hama"
#     -> read as "... 12 violations: 7 in Aleppo, 5 in Hama" (stated total 12)
#   "Ceasefire violations by province" (a heading) then "- Aleppo: 7", "- Hama: 3"
#     -> read as "Ceasefire violations by province: Aleppo: 7, Hama: 3"
# An entry line holds one place and one count and nothing else ("Aleppo (7)", "Aleppo – 7", "7 in Aleppo").
_NAME = r"[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|al|el|ad|ar|as|ash|an|of|the))*"
_LIST_ENTRY = re.compile(
    rf"[ \t]*(?:[-*•·][ \t]+)?(?:(?:the[ \t]+)?{_NAME}(?:[ \t]+(?:province|governorate|region|oblast|district))?[ \t]*"
    rf"(?:[:–—=-][ \t]*(?i:{_COUNT})|\([ \t]*(?i:{_COUNT})[ \t]*\))"
    rf"|(?i:{_COUNT})[ \t]+(?:[a-z]+[ \t]+){{0,2}}?(?:in|over)[ \t]+(?:the[ \t]+)?(?:(?:province|governorate|region)[ \t]+of[ \t]+)?{_NAME})"
    r"[ \t]*[.;,]?[ \t]*"
)
_BULLET = re.compile(r"[-*•·][ \t]+")


def list_blocks(text: str) -> list[tuple[int, int, str]]:
    r"""(start, end, reading) of each list given one entry a line, with the line that introduces it.

    The reading has the text's length (offsets stay true): line breaks and bullets become a colon
    after the introduction and commas between entries.

    >>> [b[2] for b in list_blocks("Violations by province\n\n- Aleppo: 7\n- Hama: 3\n\nThe truce held.")]
    ['Violations by province:   Aleppo: 7,  Hama: 3']
    """
    lines = [m for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    blocks: list[tuple[int, int, str]] = []
    i = 1
    while i < len(lines):
        j = i
        while j < len(lines) and _LIST_ENTRY.fullmatch(lines[j].group()):
            j += 1
        if j - i < 2 or _LIST_ENTRY.fullmatch(lines[i - 1].group()):
            i = max(j, i + 1)
            continue
        intro, run = lines[i - 1], lines[i:j]
        pieces = [intro.group().rstrip()]
        pieces.append(" " * (intro.end() - intro.start() - len(pieces[0])))
        for k, line in enumerate(run):
            gap = text[(run[k - 1] if k else intro).end() : line.start()]
            mark = ("," if k else ("" if pieces[0].endswith(":") else ":"))
            pieces.append((mark + " " * len(gap))[: len(gap)] if gap else "")
            entry = line.group()
            bullet = _BULLET.match(entry.lstrip())
            if bullet:
                lead = len(entry) - len(entry.lstrip())
                entry = " " * (lead + bullet.end()) + entry[lead + bullet.end():]
            pieces.append(entry.rstrip(" \t.;,") + " " * (len(entry) - len(entry.rstrip(" \t.;,"))))
        blocks.append((intro.start(), run[-1].end(), "".join(pieces)))
        i = j
    return blocks


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table_tallies(
    block: str, date: str, article: str, start: int, end: int, gazetteer: Any,
    metrics: Mapping[str, Any], attributed_to: str | None, published: dt.date | None,
) -> tuple[list[Tally], list[Problem]]:
    lines = [ln for ln in block.splitlines() if "|" in ln and not re.fullmatch(r"[\s|:\-]+", ln)]
    if len(lines) < 2:
        return [], []
    header, body = _cells(lines[0]), [_cells(ln) for ln in lines[1:]]
    place_col = next((i for i, h in enumerate(header) if _PLACE_HEADER.search(h)), None)
    if place_col is None:
        return [], []
    compiled = compile_metrics(metrics)
    columns: list[tuple[int, str]] = []
    for i, h in enumerate(header):
        if i == place_col:
            continue
        for metric in compiled:
            label = str(metrics[metric.name].get("label", ""))
            if metric.trigger_any.search(h) or (metric.unit and metric.unit.match(" " + h)) or (label and label.lower() == h.lower()):
                columns.append((i, metric.name))
                break
    day = bulletin_date(block, published, date)
    tallies: list[Tally] = []
    problems: list[Problem] = []
    for col, metric_name in columns:
        by_place: dict[str, int] = {}
        stated: int | None = None
        for row in body:
            if len(row) <= max(col, place_col):
                continue
            value = parse_number(row[col])
            if value is None:
                continue
            if _TOTAL_ROW.match(row[place_col]):
                stated = value
                continue
            found = _places_in(row[place_col], gazetteer)
            key = _place_key(found[0], True) if found else row[place_col]
            by_place[key] = by_place.get(key, 0) + value
        if not by_place:
            continue
        total_read = sum(by_place.values())
        if stated is not None and stated != total_read:
            problems.append(
                Problem("", "tallies", f"{metric_name} on {day}: table total {stated} but the rows add up to {total_read}", "warning")
            )
        span, period_start, period_end, day = reading_window(block, published, date)
        tallies.append(
            Tally(day, metric_name, stated if stated is not None else total_read, by_place, attributed_to, article,
                  block, start, end, stated, ((article, start),), span, period_start, period_end)
        )
    return tallies, problems


def _one_reporter(a: str | None, b: str | None) -> bool:
    """Two names of one reporter: equal, or one the other's acronym ("SMM", "Special Monitoring Mission").

    >>> _one_reporter("SMM", "Special Monitoring Mission"), _one_reporter("Russian side", "Turkish side")
    (True, False)
    """
    if a == b:
        return True
    if not a or not b:
        return False
    initials = {"".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()) for name in (a, b)}
    return a in initials or b in initials


def _same_body(a: str | None, b: str | None) -> bool:
    """One reporter named twice, or not named once: "Russia" and "Russia's Defense Ministry", "SMM" and its full name.

    >>> _same_body("Russia", "Russia’s Defense Ministry"), _same_body(None, "the Mission"), _same_body("Russia", "Turkey")
    (True, True, False)
    """
    if not a or not b or _one_reporter(a, b):
        return True
    short, long = sorted((re.sub(r"['’]s\b", "", name).split() for name in (a, b)), key=len)
    return long[: len(short)] == short


def combine_regions(found: list[Tally]) -> list[Tally]:
    """One report's per-region counts, given sentence by sentence, as one tally.

    A monitoring report often counts region by region: "In Donetsk region, ... the
    mission recorded 261 ceasefire violations ... In Luhansk region, ... it recorded 78".
    Incident counts (never casualties) of one metric, window and reporter, each tied
    to one different place in sentences that follow each other, become one tally
    whose breakdown holds each region (261 + 78 = 339). Each part's own sentence is
    the source of its entry.
    """
    out: list[Tally] = []
    for tally in found:
        # the last tally of this metric; tallies of other metrics may lie between ("including 58 explosions")
        at = next((i for i in range(len(out) - 1, -1, -1) if out[i].metric == tally.metric), None)
        run = out[at] if at is not None else None
        if (run is not None and at is not None and tally.metric not in _CASUALTY and len(tally.by_place) == 1 and run.by_place
                and run.metric == tally.metric and run.start < tally.start and run.sentence != tally.sentence
                and _report_cue(run.sentence) and _report_cue(tally.sentence)  # a monitor's report, not two statements
                and (run.date, run.span, run.period_start) == (tally.date, tally.span, tally.period_start)
                and _one_reporter(run.attributed_to, tally.attributed_to)
                and not set(tally.by_place) & set(run.by_place) and (run.stated_total is None or len(run.by_place) == 1)
                and sum(run.by_place.values()) == run.total):
            by_place = {**run.by_place, **tally.by_place}
            out[at] = dataclasses.replace(run, total=sum(by_place.values()), by_place=by_place, stated_total=None,
                                          sources=run.sources + tally.sources, end=tally.end)
            continue
        out.append(tally)
    return out


def merge_restatements(found: Iterable[Tally]) -> list[Tally]:
    """One article's tallies with restatements of one report folded into one.

    A lead that says "19 violations over the day" and a later sentence giving the
    same 19 by province are one report: the breakdown is kept (with the first
    reporter named) and the total-only restatement dropped. Tallies that differ in
    metric, total, date, span or breakdown all stay.
    """
    kept: list[Tally] = []
    first: list[int] = []  # where each kept tally first appeared: the output keeps the text's order
    combined = combine_regions(list(found))
    for at in sorted(range(len(combined)), key=lambda k: not combined[k].by_place):  # breakdowns first: restatements fold into them
        tally = combined[at]
        i = next((i for i, old in enumerate(kept) if _restates(old, tally)), None)
        if i is None:
            kept.append(tally)
            first.append(at)
            continue
        first[i] = min(first[i], at)
        old = kept[i]
        best = tally if (tally.by_place and not old.by_place) else old
        reporter = best.attributed_to or old.attributed_to or tally.attributed_to
        kept[i] = dataclasses.replace(best, attributed_to=reporter, date=min(old.date, tally.date))  # the statement's day
    return [kept[i] for i in sorted(range(len(kept)), key=first.__getitem__)]


_RESTATED_WITHIN = 7  # days: a headline dated by the report, its body by "said on Monday"


def _restates(old: Tally, new: Tally) -> bool:
    """Whether ``new`` restates ``old``: the same metric, total and span, no second breakdown, the same
    day or, for a day count, a headline dated by the report and its body by the statement's weekday."""
    if (old.metric, old.total, old.span) != (new.metric, new.total, new.span):
        return False
    if old.by_place and new.by_place and old.by_place != new.by_place:
        return False  # two different breakdowns of the same total: both stay
    if old.date == new.date:
        return True
    if old.span != "day" or not (old.date and new.date) or not _same_body(old.attributed_to, new.attributed_to):
        return False
    return abs((dt.date.fromisoformat(old.date) - dt.date.fromisoformat(new.date)).days) <= _RESTATED_WITHIN
