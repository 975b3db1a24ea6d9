"""Figures: numbers reported about a metric ("six people were killed"), and who reported them.

A *figure* is a number linked to a metric in one sentence. The link is one of:

* a **counted noun** of the metric right after the number: "about 10 shells",
  "25 ceasefire violations", "42 cases of ceasefire violations", "9,600 IDPs";
* a **trigger after** the number and its people-noun: "six people, including
  two children, were killed", "3 civilians were killed and 7 – injured",
  "35,000 people, mostly civilians, had departed";
* a **trigger before** it: "killing at least 10 people", "the death of 613
  civilians", "the death toll has risen to 35";
* "N times" after a trigger in the same clause: "the ceasefire was violated
  ... 39 times".

Groups of people joined to a linked figure share its verb: "killing six IS
members, one regime member and a Hezbollah member", "10 civilians died and 2
fighters", "2 rebels were killed along with a media activist" (each group is
its own figure; a group with a verb of its own – "and 4 were captured" – is
not added, nor a comma breakdown of "N people"). "A/an/another <person>"
counts one. An active verb counts its object, not its subject ("a sniper
killed a soldier" is one).

Speed: a sentence with none of the metric table's trigger or counted-noun
words (most sentences) is skipped by plain substring tests before any number
is parsed; numbers and links are memoised per sentence, since tallies read
the same sentence.

Triggers and counted nouns come from a configurable metric table
(``DEFAULT_METRICS``; override with ``TIMELINE_METRICS`` in pelican.conf.py),
so a new metric needs no code.

Numbers are read as digits ("35,000", "1.5 million") and words ("six",
"twenty-five", "a dozen", "two dozen", "half a dozen"). **Unquantified
amounts** ("dozens", "scores", "hundreds", "thousands", "several") give no
figure at all: like ACLED's fatality coding, we would rather show nothing
than invent a number (ACLED codes "dozens" as 12 only for fatalities and
flags it; we keep the sentence in the timeline but leave it out of counts).

Not figures: years, dates ("December 15", "15 December"), ordinals,
ages ("a 12-year-old"), times, percentages, money, durations and
bracketed bulletin counts ("Damascus (17)") – those belong to tallies.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from generator.anchored import Matches, Words, search_ending_at, word_width
from generator.attribution import AttributionContext, Source, find_attribution, source_of
from generator.model import Figure

# patterns searched in every sentence: found through their twins (issue 11)
from generator.needles import Needled, needled

# -- the metric table ------------------------------------------------------------

# name → {label, patterns (trigger regexes, case-insensitive), unit_nouns
# (nouns a number directly counts, regexes), idioms (regexes with "{N}" where
# the number stands: "claimed {N} lives"), key (shown in key figures by
# default)}. Triggers link a number of *people* to the metric; unit nouns
# are counted things and need no trigger.
DEFAULT_METRICS: dict[str, dict[str, Any]] = {
    "killed": {
        "label": "Killed",
        "patterns": [
            r"killed(?!\s+or\s+(?:wounded|injured))", r"killing", r"kills?", r"died", r"dying", r"dead", r"deaths?(?:\s+of)?", r"death\s+toll",
            r"toll", r"lost\s+their\s+lives?", r"(?:claimed|took)\s+the\s+lives?\s+of", r"perished", r"executed", r"slain", r"assassinated",
            # "were martyred", "the martyrdom of 30", "lost his life", "claimed lives of 710"
            r"martyred", r"martyrdom\s+of", r"lost\s+(?:his|her|its)\s+life", r"claimed\s+(?:the\s+)?lives\s+of",
            r"(?:murders?|killings?)\s+of",  # "the murders of more than 300 civilians"
            # "the bodies of two fighters were found": a body is a death (not "a UN body")
            r"bod(?:y|ies)\s+of",
        ],
        # "11 of the fatalities were in the north": a part of a toll given before
        "unit_nouns": [r"deaths?", r"fatalit(?:y|ies)", r"dead", r"bodies", r"martyrs", r"of\s+the\s+(?:fatalities|dead|deaths|deceased)"],
        # idioms that hold the number inside them, "{N}" where it stands
        "idioms": [
            r"(?:claimed|claiming|took|taking|cost|costing)\s+(?:the\s+)?{N}\s+(?:[\w-]+\s+)?lives",  # "claimed 9 lives"
            r"{N}\s+(?:[\w-]+\s+)?lives\s+(?:were|have\s+been|had\s+been|was|are)\s+(?:\w+ly\s+)?lost",  # "14 lives were lost"
            # "20 people would lose their lives", "13 of them were to lose their lives"
            r"{N}\s+(?:[\w-]+\s+){0,3}?(?:would|will|were\s+to|was\s+to|did)\s+(?:\w+ly\s+)?lose\s+their\s+lives(?!\s+(?:if|unless)\b)",
            # "the rebels lost 12 men" (an army "has lost N troops" is its killed and wounded: no idiom of death)
            r"(?<!has\s)(?<!have\s)(?<!had\s)\blost\s+{N}\s+(?:[\w-]+\s+)?(?:men|soldiers|fighters|members|officers|policemen|comrades|lives)",
        ],
        "key": True,
    },
    "injured": {
        "label": "Injured",
        # "a civilian suffered injuries", "21,048 people have sustained wounds"
        "patterns": [r"wounded", r"wounding", r"injured", r"injuring", r"hurt", r"injuries",
                     r"(?:suffered|sustained|received)\s+(?:\w+\s+)?(?:injuries|wounds)", r"injuries\s+to"],
        "unit_nouns": [r"injuries", r"wounded", r"of\s+the\s+(?:wounded|injured)"],
        "key": True,
    },
    "ceasefire_violations": {
        "label": "Ceasefire violations",
        "patterns": [
            r"(?:ceasefire|cease-fire|truce)\s+violations?",
            r"violations?\s+of\s+the\s+(?:ceasefire|cease-fire|truce)(?:\s+regime)?",
            r"violated\s+the\s+(?:ceasefire|cease-fire|truce)(?:\s+regime)?",
            r"(?:ceasefire|cease-fire|truce)(?:\s+regime)?\s+(?:was|has\s+been|had\s+been|were)\s+violated",
            r"breached\s+the\s+(?:ceasefire|cease-fire|truce)",
        ],
        # plain "violations" too ("25 violations in Aleppo (20)..."), but not "human rights violations"
        "unit_nouns": [r"(?:ceasefire|cease-fire|truce)\s+violations?", r"violations?\s+of\s+the\s+(?:ceasefire|cease-fire|truce)(?:\s+regime)?",
                       r"(?<!rights )violations"],
        "key": True,
    },
    "evacuated": {
        "label": "Evacuated",
        "patterns": [
            r"evacuated",
            # "35,000 people left the city", not "left 3 children" / "left 10 dead"
            r"left(?=\s*[.,;]|\s+(?:the|their|for|from|on|in|at|via|through|towards?|aboard|by|early|late|overnight|after|[A-Z]))",
            r"departed", r"bussed\s+out", r"bused\s+out", r"were\s+taken\s+out", r"evacuation\s+of"],
        "unit_nouns": [r"evacuees"],
        "key": True,
    },
    "shells": {
        "label": "Shells",
        "patterns": [r"shells?\s+(?:fell|landed|hit|struck)", r"mortar\s+rounds?", r"rockets?\s+(?:fell|landed|hit|struck)"],
        "unit_nouns": [r"(?:mortar\s+|artillery\s+|tank\s+)?shells", r"mortar\s+rounds", r"mortars", r"rockets", r"missiles", r"shell", r"rocket"],
        "key": False,
    },
    "airstrikes": {
        "label": "Airstrikes",
        "patterns": [r"air\s*strikes?", r"air-strikes?", r"air\s+raids?"],
        "unit_nouns": [r"air\s*strikes?", r"air-strikes?", r"air\s+raids?", r"raids", r"strikes"],
        "key": False,
    },
    "arrested": {
        "label": "Arrested",
        "patterns": [r"arrested", r"detained", r"arresting", r"detaining", r"taken\s+into\s+custody"],
        "unit_nouns": [r"arrests", r"detentions", r"detainees"],
        "key": False,
    },
    "displaced": {
        "label": "Displaced",
        "patterns": [r"displaced", r"fled", r"forced\s+(?:from|out\s+of)\s+their\s+homes", r"uprooted",
                     # "forced to leave their homes", "forced 1,000 people to flee their homes"
                     r"(?:forced\s+)?to\s+(?:flee|leave|abandon)\s+their\s+homes", r"displacement\s+of"],
        "unit_nouns": [r"IDPs", r"internally\s+displaced\s+(?:people|persons)", r"displaced\s+(?:people|persons)"],
        "key": False,
    },
    "casualties": {
        "label": "Casualties",
        # killed and wounded given as one number: "8,019 civilian casualties", "390 were killed or wounded"
        "patterns": [r"(?:killed|dead)\s+(?:or|and)\s+(?:wounded|injured)", r"casualties"],
        "unit_nouns": [r"casualties"],
        "key": False,
    },
    "missing": {
        "label": "Missing",
        # "14 people are still missing", "two fishermen went missing", "1,000 remain unaccounted for"
        "patterns": [r"missing", r"unaccounted\s+for"],
        "unit_nouns": [],
        "key": False,
    },
    "kidnapped": {
        "label": "Kidnapped",
        # "gunmen abducted 80 villagers", "the kidnapping of three teenagers", "two engineers were taken hostage"
        "patterns": [r"kidnapped", r"kidnapping(?:\s+of)?", r"abducted", r"abducting", r"abduction\s+of", r"taken\s+hostage",
                     r"took\s+(?:them\s+)?hostage"],
        "unit_nouns": [r"kidnappings?", r"abductions?"],  # "12 cases of kidnapping"
        "key": False,
    },
    "neutralized": {
        "label": "Neutralized",
        # a ministry's own word for killed, captured or surrendered: "five fighters were neutralized"
        "patterns": [r"neutrali[sz]ed", r"neutrali[sz]ing"],
        "unit_nouns": [],
        "key": False,
    },
}

# Nouns for people a trigger can count ("six *people* were killed").
PERSON_NOUNS = (
    "people", "persons", "person", "civilians", "civilian", "children", "child", "kids", "women", "woman",
    "men", "man", "soldiers", "soldier", "troops", "fighters", "fighter", "militants", "militant", "rebels",
    "rebel", "insurgents", "jihadists", "members", "member", "residents", "policemen", "police officers", "Taliban",
    "officers", "officer", "refugees", "families", "individuals", "protesters", "demonstrators", "gunmen",
    "combatants", "personnel", "servicemen", "others", "more", "casualties", "victims", "students",
    "workers", "journalists", "doctors", "medics", "staff", "citizens", "inhabitants", "villagers",
    "pilgrims", "passengers", "prisoners", "detainees", "terrorists", "guards", "recruits", "teenagers",
    "boys", "girls", "babies", "infants", "elderly", "patients", "volunteers", "migrants", "IDPs",
    "forces", "elements", "militiamen", "soliders", "bombers", "attackers", "assailants", "snipers", "jihadis",
    "loyalists", "defectors", "deserters", "conscripts", "operatives", "mercenaries", "suspects", "pilots", "crew", "crew members", "commanders", "leaders", "officials", "hostages", "captives", "prisoners of war", "POWs", "peacekeepers", "contractors",
)
# "A militant was killed", "killing a civilian": one person, coded as 1 (as ACLED does).
SINGULAR_PERSON_NOUNS = (
    "person", "civilian", "child", "woman", "man", "soldier", "fighter", "militant", "rebel", "member", "resident",
    "officer", "policeman", "commander", "boy", "girl", "baby", "infant", "doctor", "journalist", "son", "daughter",
    "brother", "sister", "wife", "husband", "father", "mother", "leader", "official", "guard", "pilot", "driver",
    "farmer", "shepherd", "teenager", "student", "worker", "volunteer", "activist", "jihadist", "insurgent",
    "gunman", "militiaman", "paramedic", "nurse", "teacher", "defector", "sniper", "cameraman", "photographer",
    "reporter", "colonel", "general", "lieutenant", "captain", "sergeant", "brigadier",
    "attacker", "assailant", "operative",
    "solider",  # a frequent misspelling in field reports
)
_SINGULAR = re.compile(
    r"\b(?:a|an|another)\s+" + r"(?:(?!(?:total|dozen|hundred|thousand|million|number|few|further|minimum|an?|the|another|and|or|of|by|to|was|were|is|are)\b)[\w'’-]+\s+){0,4}?"
    + r"(?:" + "|".join(SINGULAR_PERSON_NOUNS) + r")\b",
    re.I,
)
# A capitalised plural names people too: "12 Palestinians", "three Iraqis", "40 Houthis".
_DEMONYM = r"[A-Z][a-z]+(?:ians|ans|is|ds|s)(?<!us)(?<!ss)"

# Words that may follow a bare number ("six were killed", "7 – injured").
_BARE_FOLLOWERS = {
    "", ",", ".", ";", ":", "and", "or", "–", "-", "—", "in", "on", "at", "when", "as", "after",
    "during", "while", "including", "were", "was", "had", "have", "has", "are", "is", "more", "others",
    "other", "dead", "killed", "injured", "wounded", "died", "by", "from", "with", "since", "over",
    "among", "across", "last", "yesterday", "today", "overnight", "early", "late",
    "near", "outside", "inside", "displaced", "missing", "out",  # "wounded two near the ford", "1.4 million displaced", "15 out of 18"
}

QUALIFIERS: dict[str, str | None] = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "a minimum of": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "almost": "nearly", "nearly": "nearly", "close to": "nearly",
    "up to": "up to", "as many as": "up to", "at most": "up to", "fewer than": "fewer than",
    "less than": "fewer than", "a total of": None, "a further": None, "another": None, "an additional": None,
}

# -- numbers -------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WORD = r"(?:" + "|".join(sorted(list(_UNITS) + list(_SCALES), key=len, reverse=True)) + r")"
# the rest after a scale word in digits, as statements translated from Arabic write them: "three thousand and 412"
_AND_DIGITS = r"(?:(?:(?<=thousand)|(?<=million))\s+and\s+\d{1,3}(?![\d,.]))"
_WORDNUM = (
    r"(?:half\s+a\s+(?:dozen|million)|an?\s+(?:dozen|hundred|thousand|million)"
    rf"|{_WORD}(?:(?:[ \t]+|-|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+){_WORD})*(?:\s+dozen)?{_AND_DIGITS}?)"
)
_DIGITNUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?:\s+(?:million|thousand|billion){_AND_DIGITS}?)?"
_QUAL = r"(?:" + "|".join(sorted((re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS), key=len, reverse=True)) + r")"
_NUMBER = needled(re.compile(
    rf"(?:(?P<qual>\b{_QUAL})\s+)?(?:(?P<between>\bbetween)\s+)?"
    rf"(?P<num>(?<![\w.,/:$£€])(?<![A-Za-z]-){_DIGITNUM}(?![\w])(?!\.\d)(?!:\d)|\b{_WORDNUM}\b)",
    re.I,
))


def parse_number(text: str) -> int | None:
    """Digits or English number words → int; ``None`` when it isn't a number.

    >>> [parse_number(t) for t in ("35,000", "1.5 million", "twenty-five", "two dozen", "a hundred and five")]
    [35000, 1500000, 25, 24, 105]
    >>> [parse_number(t) for t in ("three thousand and 412", "14 thousand and 56")]
    [3412, 14056]
    """
    t = text.strip().lower().replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(million|thousand|billion))?", t)
    if m:
        value = float(m[1]) * (_SCALES[m[2]] if m[2] else 1)
        return int(round(value))
    if t == "half a dozen":
        return 6
    if t == "half a million":
        return 500_000
    tokens = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not tokens:
        return None
    total = current = 0
    seen = False
    for word in tokens:
        if word in ("a", "an"):
            current = 1
        elif word.isdigit() and (seen or not total):
            current += int(word)  # "three thousand and 412", "14 thousand and 56"
            seen = True
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word == "dozen":
            current = (current or 1) * 12
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in _SCALES:
            total += (current or 1) * _SCALES[word]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number in a sentence: span (qualifier included), value(s), qualifier."""

    start: int  # qualifier start, or number start
    num_start: int
    end: int
    value: int
    value_max: int | None
    qualifier: str | None
    text: str


_SKIP_BEFORE = needled(re.compile(
    rf"(?:{_MONTHS}\s*|[$£€]\s*|\bUS\$\s*|\b(?:No\.|number|Resolution|height|aged|Route|Highway|page|Article|"
    r"Chapter|Section|Channel|Brigade|Division|Regiment|Battalion|Unit|Flight|Su|F|MiG|T|S|item|point|km|kilometre)\s*-?|\d:)$",
    re.I,
))
_SKIP_AFTER = re.compile(
    rf"^(?:\s*(?:%|per\s*cent\b|percent\b)|\s*(?:of\s+)?{_MONTHS}(?!\w)|-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)[- ]old\b"
    r"|-[A-Za-z]|\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|km|kilometres?|kilometers?|miles?|metres?|meters?|kg|tons?|tonnes?"
    r"|mm|cm|millimet(?:re|er)s?|calib(?:re|er)"  # a calibre: "120 mm mortars" are no 120 shells
    r"|dollars?|euros?|pounds?|lira|liras|rubles?|roubles?|am|pm|a\.m\.|p\.m\.|GMT|o'clock|USD|EUR|SYP)\b|\s*\)|\s*[:/]\s*\d)",
    re.I,
)


# A year-like number is an amount when a qualifier precedes it and a plural noun follows within two
# words ("about 1850 rounds", "nearly 2010 mortar shells"); a year takes neither in that order, and
# "over 2014 their losses grew" (a determiner between) stays a year.
_COUNTED = re.compile(
    r"\s+(?:(?!(?:the|its|their|his|her|our|these|those|and|or|of|in|on)\b)[a-z]+\s+){0,2}?(?:[a-z]+[^s\W]s|people|children|men|women)\b")
_DIGIT = re.compile(r"\d")
# every number `_NUMBER` reads in words holds one of these ("fourteen" holds "four", "a dozen" "dozen")
_NUMBER_STEMS = tuple(sorted(
    w for w in [*_UNITS, *_SCALES, "dozen"] if not any(o != w and o in w for o in [*_UNITS, *_SCALES, "dozen"])
))


def may_have_number(sentence: str) -> bool:
    """Whether ``sentence`` may hold a number: a digit or a number word's stem (a cheap superset test).

    >>> may_have_number("Talks resumed on Monday."), may_have_number("Fourteen people died.")
    (False, True)
    """
    if _DIGIT.search(sentence):
        return True
    text = sentence.lower()
    return any(stem in text for stem in _NUMBER_STEMS)


# A numeric date: ISO "2016-05-01", "2016/05/01", day-first "30.04.2016" / "30/04/2016".
_IN_NUMERIC_DATE = re.compile(r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})\b")


def _inside_numeric_date(sentence: str, position: int) -> bool:
    """Is ``position`` inside a numeric date ("2016-05-01")?"""
    window = max(0, position - 11)
    return any(m.start() <= position < m.end() for m in _IN_NUMERIC_DATE.finditer(sentence, window, position + 11))


def find_numbers(sentence: str) -> list[NumberMention]:
    """Every quantity in ``sentence`` that could be a figure, ranges merged.

    Dates, years, ages, times, percentages, money and bracketed counts are
    left out.

    >>> [(m.value, m.value_max, m.qualifier) for m in find_numbers("between 10 and 15 people, about 3 children on 15 December 2016")]
    [(10, 15, None), (3, None, 'about')]
    """
    return list(_numbers(sentence))


@lru_cache(maxsize=256)
def _numbers(sentence: str) -> tuple[NumberMention, ...]:
    """`find_numbers`, cached: figures and tallies both read the numbers of a sentence."""
    raw: list[tuple[int, int, int, int, str | None, bool]] = []
    if not may_have_number(sentence):
        return ()
    for m in _NUMBER.finditer(sentence):
        num_text = m["num"]
        if num_text.lower() == "one" and (
            re.match(r"\s+(?:of|another|day|side|hand|way)\b", sentence[m.end():], re.I)
            or re.search(r"\b(?:no|any|every|some|the)\s*$", sentence[: m.start("num")], re.I)
        ):
            continue  # "one of", "no one", "the one": not a count
        value = parse_number(num_text)
        if value is None:
            continue
        ns, ne = m.start("num"), m.end("num")
        before, after = sentence[max(0, ns - 14) : ns], sentence[ne : ne + 24]
        if _SKIP_BEFORE.search(before) or _SKIP_AFTER.match(after):
            continue
        if before.endswith("(") and after.lstrip().startswith(")"):
            continue  # "Damascus (17)": a tally count
        if _inside_numeric_date(sentence, ns):
            continue  # " date 2016-05-01", "30.04.2016": a page's date stamp, never a count
        if re.fullmatch(r"1[89]\d\d|20\d\d|2100", num_text) and not (m["qual"] and _COUNTED.match(after)):
            continue  # a year, unless an amount of things ("about 1850 rounds")
        qual = m["qual"]
        q = QUALIFIERS.get(re.sub(r"\s+", " ", qual.lower())) if qual else None
        raw.append((m.start(), ns, ne, value, q, bool(m["between"])))
    out: list[NumberMention] = []
    i = 0
    while i < len(raw):
        start, ns, ne, value, q, between = raw[i]
        value_max = None
        if i + 1 < len(raw):
            nxt = raw[i + 1]
            gap = sentence[ne : nxt[0]]
            joiner = r"\s*(?:-|–|—|to|or|and)\s*" if between else r"\s*(?:-|–|—|to|or)\s*"
            if nxt[4] is None and re.fullmatch(joiner, gap, re.I) and nxt[3] > value:
                value_max, ne = nxt[3], nxt[2]
                i += 1
        out.append(NumberMention(start, ns, ne, value, value_max, q, sentence[start:ne]))
        i += 1
    return tuple(out)


# -- compiled metric table ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Metric:
    name: str
    trigger_after: re.Pattern[str]
    trigger_before: re.Pattern[str]
    trigger_any: re.Pattern[str]
    trigger_gap: re.Pattern[str]
    unit: re.Pattern[str] | None
    # a trigger anywhere after a position: `trigger_after` (slow: the filler before its trigger) can
    # only match where this finds something
    trigger_gate: re.Pattern[str] | None = None
    # a trigger's start, with nothing required after it (the leftmost is where any trigger match can start)
    trigger_start: re.Pattern[str] | None = None
    # idioms around the number: (text before it, "$"-anchored, or None; text after it, or None)
    idioms: tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None], ...] = ()


# "22 fighters of ISIS", "4 members of the regime and allied militias", "a colonel in the
# ranks of the regime forces": a short phrase saying whose people they were. It holds no
# digits (another count) and its "and" never starts a new clause ("and wounded 12",
# "and 6 soldiers", "and a civilian").
_OF_PHRASE = (
    r"\s++(?:of|from|for|with|in|within|among|belonging\s+to|affiliated\s+(?:with|to)|loyal\s+to)\s+(?:the\s+)?"
    r"(?:(?!\band\s+(?!allied\b)(?:\d|" + _WORD + r"\b|\w+(?:ed|ing)\b|an?\b|another\b|was\b|were\b|had\b|has\b|have\b|then\b))"
    # nor a verb or another count: "an activist in Homs has said the army has left", "families in Homs need
    # to be evacuated", "three children in one family"
    r"(?!\b(?:" + _WORD + r"|said|says|say|told|has|have|had|was|were|is|are|been|be|when|while|after|"
    r"before|as|but|to\s+be|to\s+have|need|needs|will|would|could|may|might|must|should|can)\b)"
    r"[^,;.:\d()]){1,80}?"
)

_FILLER = (
    # "Fifteen out of 18 were wounded": the part, not the whole restated
    r"(?:\s++out\s+of\s+(?:the\s+)?\d[\d,]*+)?"
    # "2 members of the Islamic State (IS) were killed": a short of/from phrase first
    r"(?:" + _OF_PHRASE + r")?"
    r"(?:\s++(?:and|or)\s++(?:" + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True)) + r"))?"  # "98 civilians and fighters were killed"
    r"(?:\s*+\([^()]{1,30}\))?"
    r"(?:\s*+[,–—-]?\s*+(?:\(\s*+)?(?:including|among\s+them|among\s+whom|of\s+whom|mostly|mainly|most\s+of\s+them|"
    r"many\s+of\s+them|all\s+of\s+them|all|both)\b[^;:]{0,120}?(?:,|\))?)?"
    r"(?:\s*+[-–—]+)?"
    r"(?:\s*+,(?=\s+(?:was|were)\s))?"  # "An opposition fighter from an unknown group, was killed"
    r"(?:\s++(?:who|that|which)(?=\s+(?:were|was|(?:had|have|has)\s+been|died|perished)\b))?"  # "11 members who had been killed"
    r"(?:\s*+[‘'“\"][^‘'’“”\"]{1,40}[’'”\"])?"  # a quoted name: "A Syrian colonel 'Ali X' was killed"
    r"(?:\s++(?:is|are|was|were)\s+(?:reported|said|believed|thought|understood)\s+to\s+have)?"  # "is reported to have died"
    r"(?:\s++(?:may|might|could|must|would)\s+have)?"  # a hedged past: "as many as 70 people may have died"
    r"(?:\s++(?:were|was|have|has|had|been|being|be|are|is|will|got|reportedly|also|allegedly|later|all|both|each|"
    r"may|might|could|would|must|"  # "as many as 30 people may have died"
    r"shot|slightly|seriously|critically|severely|badly|lightly|fatally|mortally|"
    r"subsequently|now|since|then|been|confirmed|found|reported|still|remain|remains|remained|went))*\s*"
)
# Words that may stand between a number and its noun ("two Syrian army
# soldiers", "10 artillery shells") – anything but verbs and function words,
# so "six people killed by shells" never counts shells.
_NP_STOP = (
    r"and(?=\s+(?:\d|" + _WORD + r"\b|(?:killed|killing|wounded|wounding|injured|injuring|abducted|kidnapped|arrested|detained|"
    r"displaced|left|leaving)\b))|by|in|on|at|of|were|was|is|are|had|has|have|or|from|to|with|who|that|which|as|after|when|during|"
    r"killed|wounded|injured|died|dead|fired|launched|hit|fell|said|people|civilians|persons|the|a|an|times"
)
_NP_MODIFIERS = rf"(?:(?!(?-i:{_NP_STOP})\b)[\w'’-]+(?:/[\w'’-]+)?\s+){{0,4}}?"  # "5 PKK/YPG members"  # case-sensitive: "27 IS members"


def _alternation(patterns: Any) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@lru_cache(maxsize=32)
def _compile(frozen: str) -> tuple[tuple[_Metric, ...], "_Cue"]:
    table = json.loads(frozen)
    compiled = []
    cues: list[str] = []
    for name, spec in table.items():
        for pattern in list(spec.get("patterns") or []) + list(spec.get("unit_nouns") or []):
            try:
                re.compile(pattern)
            except re.error as err:
                raise ValueError(f"TIMELINE_METRICS[{name!r}]: bad pattern {pattern!r}: {err}") from None
        triggers = _alternation(spec.get("patterns") or [])
        if not triggers:
            continue
        units = spec.get("unit_nouns") or []
        idioms = tuple(_idiom(name, idiom) for idiom in spec.get("idioms") or [])
        cues.extend(spec.get("patterns") or [])
        cues.extend(units)
        cues.extend(part for idiom in spec.get("idioms") or [] for part in idiom.split("{N}") if part.strip())
        compiled.append(
            _Metric(
                name=name,
                trigger_after=re.compile(rf"{_FILLER}(?P<trigger>{triggers})\b", re.I),
                trigger_before=re.compile(
                    rf"\b(?:{triggers})(?:\s+(?:a\s+total\s+of|an\s+estimated|the|its|their|his|her|another|a\s+further|of|"
                    rf"(?:(?:from|in)\s+[^,;]{{1,40}}?\s+)?(?:(?:has|had|have)\s+)?(?:(?:now|already|so\s+far|since|further|then)\s+)?"
                    rf"(?:risen|rose|climbed|jumped|increased|reached|stands|stood|hit|grew)(?:\s+(?:to|at))?|"
                    # "the death toll now is more than 120": a copula right after "toll" (not "the blast was 14")
                    rf"(?<=toll\s)(?:now\s+|currently\s+|so\s+far\s+)?(?:is|was)))?\s*$",
                    re.I,
                ),
                trigger_any=re.compile(rf"\b(?:{triggers})\b", re.I),
                trigger_gate=re.compile(rf"(?:{triggers})\b", re.I),
                # (a lookahead or "$" may see the end of a cut head differently: such triggers are never gated)
                trigger_start=None if re.search(r"\(\?[=!]|\$", triggers) else re.compile(rf"\b(?:{triggers})", re.I),
                trigger_gap=re.compile(rf"(?:{triggers})\b[^,;.]{{0,80}}?\b(?:to|at|of)\s*$", re.I),
                unit=re.compile(rf"^\s+(?:(?:cases|instances|incidents|counts)\s+of\s+)?{_NP_MODIFIERS}(?:{_alternation(units)})\b", re.I) if units else None,
                idioms=idioms,
            )
        )
    return tuple(compiled), _Cue.of(cues)


def _idiom(name: str, idiom: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    r"""An idiom's text before and after its "{N}", as patterns read around a number.

    >>> before, after = _idiom("killed", r"claimed\s+{N}\s+lives")
    >>> bool(before.search("The blast claimed ")), bool(after.match(" lives in all"))
    (True, True)
    """
    if idiom.count("{N}") != 1:
        raise ValueError(f"TIMELINE_METRICS[{name!r}]: idiom {idiom!r} must hold one {{N}} where the number stands")
    before, after = idiom.split("{N}")
    try:
        return (re.compile(rf"(?:{before.rstrip()})\s*$", re.I) if before.strip() else None,
                re.compile(rf"\s*(?:{after.lstrip()})\b", re.I) if after.strip() else None)
    except re.error as err:
        raise ValueError(f"TIMELINE_METRICS[{name!r}]: bad idiom {idiom!r}: {err}") from None


_LITERAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz-' ")


def _leading_literals(pattern: str) -> set[str] | None:
    r"""Lower-case words one of which any match of ``pattern`` must contain; None when unsure.

    >>> sorted(_leading_literals(r"(?:claimed|took)\s+the\s+lives?\s+of")), _leading_literals(r"kills?")
    (['claimed', 'took'], {'kill'})
    """
    depth, escaped = 0, False
    for i, c in enumerate(pattern):  # "killed|murdered": each alternative has its own word
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "|" and depth == 0:
            left, right = _leading_literals(pattern[:i]), _leading_literals(pattern[i + 1 :])
            return left | right if left and right else None
    p = re.sub(r"^\\b", "", pattern)
    p = re.sub(r"^\(\?<[!=][^()]*\)", "", p)  # a leading lookbehind constrains nothing we need
    group = re.match(r"\(\?:([^()]*)\)([?*])?", p)
    if group and group[2]:
        return _leading_literals(p[group.end() :])  # an optional group: the word after it
    if group:
        found: set[str] = set()
        for alternative in group[1].split("|"):
            words = _leading_literals(alternative)
            if not words:
                return None
            found |= words
        return found
    literal = ""
    i = 0
    while i < len(p):
        c = p[i].lower()
        if p.startswith("\\s+", i):
            literal, i = literal + " ", i + 3
            continue
        if c not in _LITERAL_CHARS or c == " ":
            break
        literal, i = literal + c, i + 1
    if i < len(p) and p[i] in "?*{" and literal:
        literal = literal[:-1]  # "kills?": the last letter is optional
    literal = literal.rstrip()
    return {literal} if len(literal) >= 3 else None


@dataclass(frozen=True, slots=True)
class _Cue:
    """A cheap test that a sentence may hold a figure: every figure needs a metric's trigger or
    counted noun, so a sentence with none of their leading words is skipped before any number is
    parsed (plain substring tests; patterns whose leading word can't be read are searched as
    regexes)."""

    single: tuple[str, ...]  # one-word literals, looked for in the lower-cased sentence
    spaced: tuple[str, ...]  # several words, looked for with whitespace collapsed
    rest: Needled | None

    @staticmethod
    def of(patterns: list[str]) -> "_Cue":
        words: set[str] = set()
        rest: list[str] = []
        for pattern in patterns:
            found = _leading_literals(pattern)
            if found:
                words |= found
            else:
                rest.append(pattern)
        # a shorter word covers every word that contains it
        kept = sorted(w for w in words if not any(o != w and o in w for o in words))
        return _Cue(
            tuple(w for w in kept if " " not in w),
            tuple(w for w in kept if " " in w),
            needled(re.compile(_alternation(rest), re.I)) if rest else None,  # searched in most sentences (issue 11)
        )

    def search(self, sentence: str) -> bool:
        key = (id(self), sentence)
        hit = _CUE_MEMO.get(key)
        if hit is not None and hit[0] is self:  # find_figures and find_tallies ask about the same sentence
            return hit[1]
        text = sentence.lower()
        found = (
            _any_in(self.single, text)
            or (bool(self.spaced) and _any_in(self.spaced, " ".join(text.split())))
            or bool(self.rest and self.rest.search(sentence))
        )
        if len(_CUE_MEMO) > 256:
            _CUE_MEMO.clear()
        _CUE_MEMO[key] = (self, found)
        return found


_CUE_MEMO: dict[tuple[int, str], tuple[_Cue, bool]] = {}


def _any_in(words: tuple[str, ...], text: str) -> bool:
    for w in words:  # a loop, not any(...): some hundred words per sentence, a generator costs more than the test
        if w in text:
            return True
    return False


# id(table) → (table, compiled, cue): a table object is compiled once (holding it keeps its id
# unique). Serialising the table per sentence cost more than finding the figures.
_TABLES: dict[int, tuple[Mapping[str, Any], tuple[_Metric, ...], "_Cue"]] = {}


def _table(metrics: Mapping[str, Any]) -> tuple[tuple[_Metric, ...], "_Cue"]:
    hit = _TABLES.get(id(metrics))
    if hit is not None and hit[0] is metrics:
        return hit[1], hit[2]
    compiled, cue = _compile(json.dumps(metrics, sort_keys=True, default=str))
    if len(_TABLES) >= 32:
        _TABLES.clear()
    _TABLES[id(metrics)] = (metrics, compiled, cue)
    return compiled, cue


def compile_metrics(metrics: Mapping[str, Any]) -> tuple[_Metric, ...]:
    """The metric table as compiled regexes (cached per table object and per content).

    A table is read once per object: to change the metrics, pass a new mapping
    rather than editing one already used.
    """
    return _table(metrics)[0]


def has_cue(sentence: str, metrics: Mapping[str, Any] = DEFAULT_METRICS) -> bool:
    """Whether ``sentence`` may name a metric's trigger or counted noun (if not, it holds no figure).

    >>> has_cue("Talks resumed in Geneva on Monday."), has_cue("Six people were killed.")
    (False, True)
    """
    return _table(metrics)[1].search(sentence)


def key_metric_names(metrics: Mapping[str, Any] = DEFAULT_METRICS) -> list[str]:
    """Metrics flagged ``key`` in the table, in table order."""
    return [name for name, spec in metrics.items() if spec.get("key")]


_PERSON_NP = re.compile(
    # "killing 3 of them": the people were named before
    r"^\s+of\s+(?:them|those)\b|"
    # greedy modifiers: the last people-noun wins ("5 rebel fighters", "3 Syrian Elite Forces fighters")
    r"^\s+(?:of\s+(?:the\s+)?)?" + _NP_MODIFIERS.rstrip("?") + r"(?:"
    + "|".join(sorted(PERSON_NOUNS + SINGULAR_PERSON_NOUNS, key=len, reverse=True)) + r"|(?-i:" + _DEMONYM + r"))\b"
    r"(?:\s+of\s+(?:the\s+|one\s+|a\s+)?(?:same\s+)?(?:family|household))?",
    re.I,
)
_TOLL_WORD = re.compile(r"\b(?:toll|total|tally|number|figure)\b", re.I)
# a toll word right before the trigger: "the number killed in Homs since Friday to 33", "the number of protesters killed at up to 37"
_TOLL_BEFORE = re.compile(r"\b(?:toll|total|tally|number|figure)\s+(?:of\s+)?(?:[\w-]+\s+){0,2}?$", re.I)
_TIMES = re.compile(r"^\s+(?:times|occasions)\b", re.I)  # "violated ... 39 times", "opened fire on 11 occasions"

# -- cumulative ----------------------------------------------------------------------------

_CUMULATIVE = needled(re.compile(
    r"\bsince\s+(?!then\b)(?:the\s+(?:start|beginning|outbreak|onset)\b|the\s+\d|\d|" + _MONTHS + r"|(?:the\s+)?(?:[\w'’-]+\s+){1,4}(?:began|begun|started|erupted|broke\s+out|took\s+effect|came\s+into\s+force|was\s+\w+ed|were\s+\w+ed)\b"
    r"|the\s+(?:ceasefire|truce|war|conflict|uprising|revolution|offensive|operation|campaign|battle|siege|fighting|agreement|deal)\b|(?:last|early|late|mid)\b|mid-|19\d\d|20\d\d|its\b|their\b)"
    r"|\bso\s+far\b(?!\s+(?:on\s+)?(?:today|this\s+(?:morning|afternoon|evening)|on\s+\w+day|\w+day))|\bto\s+date\b|\bin\s+total\b|\boverall\b|\bcumulative\b|\brunning\s+total\b"
    r"|\btoll\b[^,.;]{0,40}\b(?:risen|rose|climbed|jumped|increased|reached|stands|stood|grew)\b"
    r"|\bbringing\s+(?:the\s+)?(?:total|toll|number)|\braising\s+(?:the\s+)?(?:total|toll|number)"
    r"|\btotal\s+number\b[^,.;]{0,60}\b(?:reached|stands|stood|is\s+now|has\s+risen)",
    re.I,
))
_FIRST_SINCE = re.compile(r"\b(?:first|highest|lowest|worst|deadliest|biggest|largest)\b[^,.;]{0,40}$", re.I)


def cumulative_from(sentence: str) -> int | None:
    """Offset from which figures in ``sentence`` are running totals, or None.

    A marker counts from the start of its comma-clause to the end of the
    sentence, so "Six were killed, bringing the toll since the truce to 120"
    leaves "six" daily and makes 120 cumulative, while a leading "Since the
    ceasefire began, 300 people ..." covers the whole sentence.
    """
    for m in _CUMULATIVE.finditer(sentence):
        if m.group().lower().startswith("since") and _FIRST_SINCE.search(sentence[: m.start()]):
            continue  # "the first time since ...", not a running total
        # a comma inside "400,000" is not a clause boundary
        bounds = [b.end() for b in re.finditer(r"[,;](?!\d)", sentence[: m.start()])]
        return bounds[-1] if bounds else 0
    return None


# -- figures -----------------------------------------------------------------------------------

_SUBGROUP_INTRO = re.compile(
    r"^\s*+,?\s*+\(?\s*+(?:including|among\s+them|among\s+whom|of\s+whom|among\s+the\s+(?:dead|killed|wounded|injured)\s+(?:were|are))\s+",
    re.I,
)
_SUBGROUP_OF_THEM = re.compile(r"^\s*,\s*", re.I)
# the part of a total in one place: "six of them in the Damascus suburbs" (a place named: a capital word)
_OF_THEM_IN = re.compile(r"\s+of\s+(?:them|whom)\s+(?:were\s+|died\s+)?(?P<where>in\s+(?:the\s+)?(?=[^,;.]{0,40}?\b[A-Z])[^,;.()]{1,50}?)(?=\s*(?:[,;.)]|$))")


def _np_end(sentence: str, end: int) -> tuple[int, str | None]:
    """End of the people noun phrase after a number (or the number's end) and its text."""
    m = _PERSON_NP.match(sentence[end:])
    if m:
        return end + m.end(), m.group().strip()
    return end, None


# People the noun lists do not name, known by what happens to them: only the living are killed, wounded or
# abducted ("twelve farmers were killed", "killed four herders", "a porter was injured"); animals aside.
ANIMAL_NOUNS = ("donkey", "cow", "cattle", "sheep", "goat", "camel", "horse", "dog", "cat", "animal", "livestock",
                "chicken", "bird", "mule", "ox", "oxen", "buffalo", "pig", "head", "heads")
_ANY_NOUN = re.compile(r"\s+((?:[a-z][\w'’-]*\s+){0,2}?)([a-z][a-z'’-]*[a-z])\b")
_SUFFERED = r"(?:killed|injured|wounded|hurt|slain|abducted|kidnapped|executed|martyred|shot\s+dead|missing|neutrali[sz]ed|taken\s+hostage)"
_SUFFERED_AFTER = re.compile(
    rf"\s+(?:were|was|are|is|had\s+been|have\s+been|has\s+been|got|went|remain|remained)\s+(?:\w+ly\s+|still\s+)?{_SUFFERED}\b"
)
_SUFFERED_BEFORE = re.compile(
    r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|kidnapped|kidnapping|abducted|abducting|"
    r"executed|executing|neutrali[sz]ed|neutrali[sz]ing)\s+(?:(?:at\s+least|more\s+than|about|some|nearly|almost|up\s+to|around|another)\s+)?$"
)
# "a porter was injured": one person the noun lists do not name, known by what happened to them
_SINGULAR_SUFFERED = re.compile(
    r"\b(?:a|an)\s+(?:[a-z][\w'’-]*\s+){0,2}?[a-z]+(?=\s+(?:was|has\s+been|had\s+been|got|went)\s+(?:\w+ly\s+|still\s+)?"
    rf"{_SUFFERED}\b)", re.I)
_SUFFERED_WORD = re.compile(rf"\b{_SUFFERED}\b")
_ANIMAL_RE = re.compile(rf"^(?:{'|'.join(ANIMAL_NOUNS)})(?:s|es)?$")


def _unlisted_people(sentence: str, m: NumberMention, singular: bool) -> tuple[int, str | None]:
    """People a number counts though no noun list names them: the noun after the number (plural, or
    singular after "a") is what a casualty verb says was killed, wounded or abducted.

    >>> s = "Twelve farmers were killed and gunmen wounded two porters."
    >>> [(sentence[:n.end], _unlisted_people(s, n, False)[1]) for n in find_numbers(s) for sentence in [s]]
    [('Twelve', 'farmers'), ('Twelve farmers were killed and gunmen wounded two', 'porters')]
    """
    noun = _ANY_NOUN.match(sentence, m.end)
    if not noun:
        return m.end, None
    head = noun[2]
    if (head.endswith("s") or head.endswith("men")) == singular or _ANIMAL_RE.match(head) or head in _FUNCTION_HEADS:
        return m.end, None
    suffered = _SUFFERED_AFTER.match(sentence, noun.end()) or search_ending_at(_SUFFERED_BEFORE, sentence, m.start, Words(sentence))
    return (noun.end(), head) if suffered else (m.end, None)


_FUNCTION_HEADS = frozenset({"of", "and", "or", "the", "in", "on", "at", "to", "by", "for", "from", "with", "were", "was", "had",
                             "have", "has", "are", "is", "them", "those", "times", "more", "others", "people"})


def _bare(sentence: str, end: int) -> bool:
    nxt = re.match(r"\s*([\w]+|[^\w\s])?", sentence[end:])
    word = (nxt.group(1) or "") if nxt else ""
    return word.lower() in _BARE_FOLLOWERS


def _subgroups(sentence: str, after: int, mentions: list[NumberMention], used: set[int],
               listed_from: int | None = None) -> list[tuple[NumberMention, str, int]]:
    """Sub-counts right after a main figure: ", including two children (and 3 women)"; or those listed from ``listed_from``."""
    intro = _SUBGROUP_INTRO.match(sentence[after:]) if listed_from is None else None
    out: list[tuple[NumberMention, str, int]] = []
    first = bisect.bisect_left(mentions, after, key=lambda x: x.start)  # (mentions are in order)
    if intro or listed_from is not None:
        cursor = after + intro.end() if intro else listed_from
        for i in range(bisect.bisect_left(mentions, cursor, first, key=lambda x: x.start), len(mentions)):
            mention = mentions[i]
            if i in used or mention.start < cursor:
                continue
            if sentence[cursor : mention.start].strip(" ,") not in ("", "and"):
                break
            label = re.match(r"\s+((?:[\w'’-]+)(?:\s+(?!and\b|in\b|on\b|at\b|were\b|was\b|who\b|from\b|by\b|during\b|had\b|have\b)[\w'’-]+){0,2})", sentence[mention.end :])
            if not label:
                break
            words = label[1]
            if not _PERSON_NP.match(" " + words):
                break
            np = _PERSON_NP.match(" " + words)
            out.append((mention, np.group().strip(), mention.end + np.end() - 1 + (len(label.group()) - len(label.group().lstrip()))))
            used.add(i)
            cursor = mention.end + len(label.group())
        return out
    # "..., four of them children": the next number after a comma
    for i in range(first, len(mentions)):
        mention = mentions[i]
        if i in used or mention.start < after:
            continue
        if not re.search(r",\s*$", sentence[after : mention.start]):
            break
        of_them = re.match(r"\s+of\s+(?:them|whom)\s+(?:were\s+)?([\w'’-]+(?:\s+[\w'’-]+){0,3})", sentence[mention.end :])
        if of_them and _PERSON_NP.match(" " + of_them[1]):
            out.append((mention, _PERSON_NP.match(" " + of_them[1]).group().strip(), mention.end + of_them.end()))
            used.add(i)
        elif where := _OF_THEM_IN.match(sentence, mention.end):  # "..., six of them in the Damascus suburbs": a place's part
            out.append((mention, where["where"], where.end()))
            used.add(i)
        break
    return out


# where and when after a figure's verb, before its sub-counts: "70 people may have died in Hama on Monday, including ..."
_VERB_COMPLEMENT = re.compile(r"(?:\s+(?:in|near|at|on|across|around|throughout|inside|outside)\s+[^,;:.()\d]{1,40}?(?=,))?")


def _after_verb(sentence: str, np_end: int, metric: str, compiled: tuple[_Metric, ...]) -> int:
    """Where a figure's clause ends when its verb follows it ("N people were killed in P, including ..."); ``np_end`` else."""
    spec = next((m for m in compiled if m.name == metric), None)
    verb = spec.trigger_after.match(sentence, np_end) if spec is not None else None
    if verb is None:
        return np_end
    complement = _VERB_COMPLEMENT.match(sentence, verb.end())
    return complement.end() if complement else verb.end()


def locate_figures(sentence: str, metrics: Mapping[str, Any] = DEFAULT_METRICS) -> list[tuple[NumberMention, str | None]]:
    """Every number mention with the metric it counts (``None`` when it counts nothing).

    Offsets are in the mentions; tallies use this to find a list's stated
    total and to tell a violations list from a list of settlements.
    """
    compiled = compile_metrics(metrics)
    out: list[tuple[NumberMention, str | None]] = []
    for mention in find_numbers(sentence):
        found = _link(sentence, mention, compiled)
        out.append((mention, found[0] if found else None))
    return out


# "3 civilians and 2 soldiers", "4 members of the regime and 6 IS members"
_COORDINATION = re.compile(r"(?:" + _OF_PHRASE + r")?\s*(?:,|and|,\s*and)\s*", re.I)
# "... and 2 fighters", "..., along with a media activist", "in addition to 5 others"
_CONTINUATION = re.compile(
    r"(?:" + _OF_PHRASE + r")?\s*(?:,\s*)?(?:and|as\s+well\s+as|along\s+with|in\s+addition\s+to|together\s+with|plus|,)\s*", re.I
)
# a verb after the people that is not the metric's: "and 4 fighters were captured"
_OTHER_VERB = re.compile(r"\s+(?:(?:were|was|have\s+been|had\s+been|are|is)\s+)?(?:\w+ed|taken|held|seized)\b", re.I)


def _coordinated(sentence: str, mentions: list[NumberMention], i: int, compiled: tuple[_Metric, ...]) -> tuple[str, int] | None:
    """ "3 civilians and 2 soldiers were killed": the first count shares the second's metric."""
    np_end, np = _np_end(sentence, mentions[i].end)
    if np is None or i + 1 >= len(mentions):
        return None
    nxt = mentions[i + 1]
    if not _COORDINATION.fullmatch(sentence, np_end, nxt.start):
        return None
    found = _link(sentence, nxt, compiled) or _coordinated(sentence, mentions, i + 1, compiled)
    return (found[0], np_end) if found else None


# A singular person who speaks: "a nurse said", "an official told reporters" (not "a soldier reported missing").
_SPEAKS_AFTER = re.compile(r"\s+(?:has\s+|had\s+|also\s+|later\s+)?(?:said|says|told|added|stated|explained|recalled|described|"
                           r"confirmed|claimed|reported(?!\s+(?:dead|missing|killed|injured|wounded|hurt)\b))\b")
_OWNER_BEFORE = re.compile(
    r"\b(?:" + "|".join(SINGULAR_PERSON_NOUNS) + r"|family|members?|relatives?)\s+of\s+$", re.I
)


# A person and their relatives counted together: "a woman and her child" (2), "a man and his two sons" (3).
_FAMILY_GROUP = re.compile(
    r"\b(?:a|an|one)\s+(?:[\w'’-]+\s+){0,2}?(?:man|woman|father|mother|farmer|shepherd|teacher|doctor|driver)\s+and\s+"
    r"(?:his|her|their)\s+(?:(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?P<kin>children|child|sons?|daughters?|wife|husband|brothers?|sisters?|baby|babies|grandchildren|grandchild|"
    r"grandsons?|granddaughters?|nephews?|nieces?|mother|father|parents)\b",
    re.I,
)


def _family_groups(sentence: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """ "a woman and her five-year-old child" → one mention of 2; numbers inside the group are dropped.

    >>> [(m.value, m.text) for m in _family_groups("A man and his two sons were killed.", find_numbers("A man and his two sons were killed."))]
    [(3, 'A man and his two sons')]
    """
    groups = []
    for m in _FAMILY_GROUP.finditer(sentence):
        kin = m["kin"].lower()
        count = m["count"]
        relatives = parse_number(count) if count else (2 if kin in ("parents",) else 1)
        if relatives is None:
            continue
        groups.append(NumberMention(m.start(), m.start(), m.end(), 1 + relatives, None, None, m.group()))
    if not groups:
        return mentions
    kept = [x for x in mentions if not any(g.start <= x.start < g.end for g in groups)]
    return sorted(kept + groups, key=lambda x: x.start)


_OUT_OF = re.compile(r"\bout\s+of\s+(?:the\s+)?$")
# "One man was killed and another wounded": "another" alone is one more person
_ANOTHER_SUFFERED = re.compile(r"\band\s+(another)(?=\s+(?:(?:was|got)\s+)?(?:\w+ly\s+)?(?:injured|wounded|hurt|killed|died|missing|abducted|kidnapped)\b)")


def _with_singulars(sentence: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """Add "a/an <person>" (and "... and another wounded") as a count of one, where no number already covers it."""
    mentions = _family_groups(sentence, mentions)
    extra = [NumberMention(m.start(1), m.start(1), m.end(1), 1, None, None, m[1]) for m in _ANOTHER_SUFFERED.finditer(sentence)
             if "another" in sentence]
    words = Words(sentence)
    covered = _Spans((x.start, x.end) for x in mentions)
    listed = list(_SINGULAR.finditer(sentence))
    starts = {m.start() for m in listed}
    unlisted = [m for m in _SINGULAR_SUFFERED.finditer(sentence) if m.start() not in starts] if _SUFFERED_WORD.search(sentence) else []
    for m in sorted(listed + unlisted, key=lambda x: x.start()):
        if covered.touches(m.start(), m.end()):
            continue  # "as a result 1 fighter": the number is the count
        if search_ending_at(_OWNER_BEFORE, sentence, m.start(), words):
            continue  # "a son of a rebel commander": one person, named by a relation
        if _SPEAKS_AFTER.match(sentence, m.end()):
            continue  # "..., a nurse said, ...": the speaker, not a casualty
        article_end = m.start() + len(re.match(r"\w+", m.group()).group())
        extra.append(NumberMention(m.start(), m.start(), article_end, 1, None, None, sentence[m.start() : article_end]))
    return sorted(mentions + extra, key=lambda x: x.start) if extra else mentions


def find_figures(
    sentence: str,
    metrics: Mapping[str, Any] = DEFAULT_METRICS,
    context: AttributionContext | None = None,
) -> list[Figure]:
    """Every figure in ``sentence``, with its reporter and sub-counts.

    >>> [(f.metric, f.value, f.subgroup) for f in find_figures("The Observatory said six people, including two children, were killed.")]
    [('killed', 6, None), ('killed', 2, 'children')]
    """
    compiled, cue = _table(metrics)
    if not cue.search(sentence):
        return []
    mentions = _with_singulars(sentence, find_numbers(sentence))
    if not mentions:
        return []
    cumulative_start = cumulative_from(sentence)
    used: set[int] = set()
    out: list[Figure] = []
    for i, mention in enumerate(mentions):
        if i in used or _OUT_OF.search(sentence, max(0, mention.start - 16), mention.start):
            continue  # "15 out of 18 were wounded": the 18 restates a whole given before
        found = _link(sentence, mention, compiled) or _coordinated(sentence, mentions, i, compiled)
        if found is None:
            continue
        metric, np_end = found
        used.add(i)
        attributed = source_of(sentence, context, mention.start)
        cumulative = cumulative_start is not None and mention.start >= cumulative_start
        out.append(_figure(sentence, mention, metric, attributed, None, cumulative, np_end))
        cursor = np_end
        for sub, label, sub_end in _subgroups(sentence, np_end, mentions, used) or _subgroups(
                sentence, _after_verb(sentence, np_end, metric, compiled), mentions, used):
            out.append(_figure(sentence, sub, metric, attributed, label, cumulative, sub_end))
            cursor = max(cursor, sub_end)
        for j, more_end in _continued(sentence, mentions, i, cursor, metric, compiled, used) or _by_place(sentence, mentions, i, cursor, used):
            more = mentions[j]
            more_cumulative = cumulative_start is not None and more.start >= cumulative_start
            out.append(_figure(sentence, more, metric, attributed, None, more_cumulative, more_end))
    if _AMONG_CUE.search(sentence):
        for metric, sub, label, sub_end in _among_the(sentence, mentions, used):
            cumulative = cumulative_start is not None and sub.start >= cumulative_start
            out.append(_figure(sentence, sub, metric, source_of(sentence, context, sub.start), label, cumulative, sub_end))
    return out


# A toll's parts in a sentence of their own, its total given before: "Among the dead were 4 soldiers and two
# civilians", "The dead include at least 15 women": each a sub-count (a subgroup) of the metric named.
_AMONG_CUE = re.compile(r"\bamong\s+(?:the|those)\b|\bthe\s+(?:dead|wounded|injured)\s+includ", re.I)
_AMONG = re.compile(
    r"\b(?:among\s+(?:the|those)\s+(?:[\d,]+\s+)?(?P<among>dead|killed|wounded|injured|fatalities|deceased)\s+(?:were|are|was|is)"
    r"|the\s+(?P<include>dead|wounded|injured)\s+(?:include|includes|included))\s+",
    re.I,
)
_AMONG_METRIC = {"dead": "killed", "killed": "killed", "fatalities": "killed", "deceased": "killed", "wounded": "injured",
                 "injured": "injured"}


def _among_the(sentence: str, mentions: list[NumberMention], used: set[int]) -> list[tuple[str, NumberMention, str, int]]:
    """(metric, mention, subgroup, end) of each part listed after "among the dead were" / "the wounded include".

    >>> s = "Among the dead were 4 soldiers and two civilians, the police said."
    >>> [(metric, m.value, label) for metric, m, label, _ in _among_the(s, find_numbers(s), set())]
    [('killed', 4, 'soldiers'), ('killed', 2, 'civilians')]
    """
    out = []
    for m in _AMONG.finditer(sentence):
        metric = _AMONG_METRIC[(m["among"] or m["include"]).lower()]
        for sub, label, sub_end in _subgroups(sentence, m.start(), mentions, used, m.end()):
            out.append((metric, sub, label, sub_end))
    return out


# A figure tied to a place, then more numbers each tied to a place of its own: "5 people were killed in
# Hama, 3 in Homs and 2 in Idlib" (each number counts the first one's metric in its place).
_PLACE_OF_FIGURE = re.compile(r"[^,;.:()\d]{0,60}?\b(?:in|near|at)\s+(?:the\s+)?[A-Z]")
_PLACE_SEPARATOR = re.compile(r"[^;.:()\d]{0,60}?(?:,\s*(?:and\s+)?|\s+and\s+)")
_PLACE_OF_ITEM = re.compile(r"\s+(?:(?:were|was)\s+)?(?:in|near|at)\s+(?:the\s+)?[A-Z][\w'’-]*")
_VERB_IN_GAP = re.compile(r"\b(?:was|were|is|are|had|has|have|been|said|told|while|but|whereas)\b|\b[a-z]+ed\b")


def _by_place(sentence: str, mentions: list[NumberMention], i: int, cursor: int, used: set[int]) -> list[tuple[int, int]]:
    """Numbers after a figure tied to a place, each tied to a place of its own: (mention index, end of its place).

    >>> s = "Five people were killed in Hama, three in Homs and two in the Idlib countryside."
    >>> [find_numbers(s)[j].text for j, _ in _by_place(s, find_numbers(s), 0, 11, set())]
    ['three', 'two']
    >>> s = "Five people were killed in Hama, three days after 2 in Homs were wounded."
    >>> _by_place(s, find_numbers(s), 0, 11, set())
    []
    >>> s = "Five people were killed in Hama, 4 in Homs were wounded."
    >>> _by_place(s, find_numbers(s), 0, 11, set())
    []
    """
    if not _PLACE_OF_FIGURE.match(sentence, cursor):
        return []
    out: list[tuple[int, int]] = []
    end = cursor
    for j in range(i + 1, len(mentions)):
        nxt = mentions[j]
        if j in used or nxt.start < end:
            continue
        gap = _PLACE_SEPARATOR.fullmatch(sentence, end, nxt.start)
        if not gap or (out and _VERB_IN_GAP.search(sentence, end, nxt.start)):
            break
        place = _PLACE_OF_ITEM.match(sentence, nxt.end)
        rest = re.match(r"[^,;.]*", sentence[place.end() :]) if place else None
        if not place or (rest and _VERB_IN_GAP.search(rest.group())):
            break  # "..., 4 in Hama were wounded": that number has a verb of its own
        used.add(j)
        out.append((j, place.end()))
        end = place.end()
    return out


# Between a number and a metric word, at most this many words and no clause break, for the number to
# look like a figure: "7 were killed", "killing 7", "7 civilians died".
_NEAR = re.compile(r"^[^,;.()]*$")
NEAR_WORDS = 3
# a toll word no metric triggers on alone: "the blast took 9 civilian lives" (read by an idiom, or warned)
_LIVES = re.compile(r"\blives\b", re.I)


def unread_numbers(sentence: str, found: Sequence[Figure], metrics: Mapping[str, Any] = DEFAULT_METRICS) -> list[NumberMention]:
    """Numbers right next to a metric word that no figure was read from: worth a warning, never silently lost.

    >>> [m.text for m in unread_numbers("Killed: 7 in Idlib", [])]
    ['7']
    >>> [m.text for m in unread_numbers("Seven people were killed.", find_figures("Seven people were killed."))]
    []
    >>> [m.text for m in unread_numbers("Doctors said 40 lives hung on the fuel supply.", [])]
    ['40']
    """
    compiled, cue = _table(metrics)
    if not cue.search(sentence):
        return []
    numbers = find_numbers(sentence)
    if not numbers:
        return []  # most sentences: no trigger need be looked for (issue 11)
    where = {text: sentence.find(text) for text in {f.text for f in found if f.text}}
    read = _Spans((i, i + len(text)) for text, i in where.items() if i >= 0)
    values = {f.value for f in found}
    triggers = _Spans(itertools.chain(((t.start(), t.end()) for spec in compiled for t in spec.trigger_any.finditer(sentence)),
                                      (t.span() for t in _LIVES.finditer(sentence))))
    out = []
    for mention in numbers:
        if read.covers(mention.num_start) or mention.value in values:
            continue
        # the nearest trigger on each side decides: a farther one's gap holds the nearer one's (issue 11: not every trigger)
        after, before = triggers.first_from(mention.end), triggers.last_end_before(mention.end)
        gaps = ([sentence[mention.end : after]] if after is not None else []) + (
            [sentence[before : mention.start]] if before is not None else [])
        if any(_NEAR.match(gap) and len(gap.split()) <= NEAR_WORDS for gap in gaps):
            out.append(mention)
    return out


class _Spans:
    """Spans (start, end) of a sentence, asked by bisection: which cover a position, which is nearest.

    >>> spans = _Spans([(10, 14), (2, 5), (3, 12)])
    >>> spans.covers(11), spans.covers(14), spans.first_from(6), spans.first_from(11), spans.last_end_before(4)
    (True, False, 10, None, 12)
    """

    __slots__ = ("starts", "reach")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach = list(itertools.accumulate((b for _, b in ordered), max))  # farthest end so far

    def touches(self, start: int, end: int) -> bool:
        """Whether a span starts in [start, end) or spans ``start`` (issue 11: not every number for every 'a <person>').

        >>> [_Spans([(3, 5), (14, 20)]).touches(a, b) for a, b in ((0, 4), (5, 10), (15, 30), (0, 3))]
        [True, False, True, False]
        """
        i = bisect.bisect_left(self.starts, start)
        return (i < len(self.starts) and self.starts[i] < end) or self.covers(start)

    def covers(self, position: int) -> bool:
        """Whether a span has start <= position < end."""
        i = bisect.bisect_right(self.starts, position)
        return i > 0 and self.reach[i - 1] > position

    def first_from(self, position: int) -> int | None:
        """The first start at or after ``position``."""
        i = bisect.bisect_left(self.starts, position)
        return self.starts[i] if i < len(self.starts) else None

    def last_end_before(self, position: int) -> int | None:
        """The farthest end of the spans that start before ``position``."""
        i = bisect.bisect_left(self.starts, position)
        return self.reach[i - 1] if i else None


_GENERIC_TOTAL = re.compile(r"\b(?:people|persons|individuals)\s*$", re.I)


def _continued(sentence: str, mentions: list[NumberMention], i: int, cursor: int, metric: str,
               compiled: tuple[_Metric, ...], used: set[int]) -> list[tuple[int, int]]:
    """Further groups of people added to a figure: "killing six IS members, one regime member and a
    Hezbollah member", "10 civilians died and 2 fighters", "2 rebels were killed along with a media
    activist". Returns (mention index, end of its noun phrase); marks them used.

    A group that has its own verb ("and 4 fighters were captured", "and 7 wounded") is not added.
    """
    spec = next(m for m in compiled if m.name == metric)
    out: list[tuple[int, int]] = []
    for j in range(i + 1, len(mentions)):
        if j in used:
            continue
        nxt = mentions[j]
        starts = [cursor]
        verb = spec.trigger_after.match(sentence, cursor)
        if verb:
            starts.append(verb.end())
        joined = [start for start in starts if start <= nxt.start and _CONTINUATION.fullmatch(sentence, start, nxt.start)]
        if not joined:
            break
        if not out and _GENERIC_TOTAL.search(sentence, mentions[i].end, cursor) and all(
            sentence[start : nxt.start].strip() == "," for start in joined
        ):
            break  # "killing five people, two soldiers and three civilians": a breakdown of the five
        np_end, np = _np_end(sentence, nxt.end)
        if np is None or _link(sentence, nxt, compiled) is not None or _OTHER_VERB.match(sentence, np_end):
            break
        if np.lower().endswith(("casualties", "victims")):
            break  # "11,884 civilians killed and 2,159 casualties": casualties count the wounded too
        used.add(j)
        out.append((j, np_end))
        cursor = np_end
    return out


def _figure(sentence: str, m: NumberMention, metric: str, attributed: Source, subgroup: str | None,
            cumulative: bool, end: int) -> Figure:
    return Figure(
        metric=metric,
        value=m.value,
        qualifier=m.qualifier,
        attributed_to=attributed.name,
        source_basis=attributed.how,
        subgroup=subgroup,
        value_max=m.value_max,
        cumulative=cumulative,
        text=sentence[m.start : max(end, m.end)].strip(" ,"),
    )


# (id(compiled), sentence, mention) → (compiled, link): figures and tallies link the same numbers
_LINKS: dict[tuple[int, str, NumberMention], tuple[tuple[_Metric, ...], tuple[str, int] | None]] = {}


def _link(sentence: str, m: NumberMention, compiled: tuple[_Metric, ...]) -> tuple[str, int] | None:
    """Which metric a number counts, and where its noun phrase ends (or None); memoised."""
    key = (id(compiled), sentence, m)
    hit = _LINKS.get(key)
    if hit is not None and hit[0] is compiled:
        return hit[1]
    found = _link_uncached(sentence, m, compiled)
    if len(_LINKS) > 1024:
        _LINKS.clear()
    _LINKS[key] = (compiled, found)
    return found


def _link_uncached(sentence: str, m: NumberMention, compiled: tuple[_Metric, ...]) -> tuple[str, int] | None:
    # 0. an idiom around the number: "claimed 9 lives", "14 lives were lost", "lost 12 men"
    for metric in compiled:
        for before, after in metric.idioms:
            tail = after.match(sentence, m.end) if after is not None else None
            if (after is None or tail) and (before is None or before.search(sentence, 0, m.start)):
                return metric.name, tail.end() if tail else m.end
    rest = sentence[m.end :]
    if m.text.lower() in ("a", "an"):
        np_end, np = _np_end(sentence, m.end)
        if np is None:
            np_end, np = _unlisted_people(sentence, m, singular=True)
        return _link_people(sentence, m, compiled, np_end) if np else None
    # 1. a counted noun: "10 shells", "25 ceasefire violations"
    for metric in compiled:
        if metric.unit is not None:
            u = metric.unit.match(rest)
            if u:
                return metric.name, m.end + u.end()
    np_end, np = _np_end(sentence, m.end)
    if np is None:
        # "One citizen was killed"; not "five members of one family"
        one = m.value == 1 and not sentence.endswith(("of ", "of\t"), 0, m.start)
        np_end, np = _unlisted_people(sentence, m, singular=one)
    if np is None and not _bare(sentence, m.end):
        times = _TIMES.match(rest)
        if not times:
            return None
        scan = _scan(sentence, compiled)
        clause_start = _clause_start(scan, sentence, m.start)
        # "violated ... 39 times": the nearest trigger earlier in the clause
        best: tuple[int, str] | None = None
        for index, metric in enumerate(compiled):
            t = _any_matches(sentence, scan, index).last(clause_start + 1, m.start)
            if t is not None and (best is None or t.start() > best[0]):
                best = (t.start(), metric.name)
        return (best[1], m.end + times.end()) if best else None
    return _link_people(sentence, m, compiled, np_end)


# People right after the verb make it active ("gunmen killed two soldiers"), unlike "two soldiers
# killed"; a place does not ("300 families fled the village").
_OBJECT_AFTER = re.compile(
    r"\s+(?:(?:at\s+least|more\s+than|about|some|nearly|almost|up\s+to|around)\s+)?"
    r"(?:an?|another|his|her|their|its|the|several|many|dozens\s+of|scores\s+of|hundreds\s+of|\d[\d,]*|"
    + _WORD + r"(?:-" + _WORD + r")?)(?=\s)",
    re.I,
)


# Between a number's people and a verb after them, an auxiliary or a bracket makes the people what the verb tells of
# ("six people, including two children who had been abducted, were killed"); a plain phrase does not.
_PASSIVE_GAP = re.compile(r"\b(?:was|were|been|be|being|is|are|have|has|had|got|who|which|that)\b|[()]", re.I)


def _active(sentence: str, verb_end: int) -> bool:
    """Whether people come right after a verb ending at ``verb_end``: its object, so the verb is active."""
    if re.match(r"\s+(?:them|him)\b", sentence[verb_end:]):
        return True
    obj = _OBJECT_AFTER.match(sentence, verb_end)
    if not obj:
        return False
    if _PERSON_NP.match(sentence[obj.end() :]):
        return True
    noun = _ANY_NOUN.match(sentence, obj.end())  # "wounded two porters": people no list names
    return bool(noun and noun[2].endswith("s") and not _ANIMAL_RE.match(noun[2]) and noun[2] not in _FUNCTION_HEADS)


@dataclass(slots=True)
class _Scan:
    """What linking any number of one sentence asks of the whole sentence, found once (issue 11: one
    long sentence with many numbers must not be re-read for each number).

    ``first``: per metric, where its first trigger starts (None: nowhere; 0: unknown, its triggers look
    ahead). A trigger before a number (`trigger_before`, `trigger_any`) starts at or after it, so a
    metric whose first trigger starts after the number need not be searched for it.
    ``gates``: per metric, the last gate search (from, where it found a trigger or None): a later
    search from a position in between has the same answer.
    """

    compiled: tuple[_Metric, ...]
    first: tuple[int | None, ...]
    words: Words
    gates: list[tuple[int, int | None] | None]
    anys: list[Matches | None]
    marks: list[int] | None = None  # where the sentence's ',' and ';' are (clause starts), found when needed


_SCANS: dict[tuple[int, str], _Scan] = {}


def _scan(sentence: str, compiled: tuple[_Metric, ...]) -> _Scan:
    """The sentence's `_Scan`, memoised per sentence."""
    key = (id(compiled), sentence)
    hit = _SCANS.get(key)
    if hit is not None and hit.compiled is compiled:
        return hit
    starts = []
    for metric in compiled:
        if metric.trigger_start is None:
            starts.append(0)
            continue
        t = metric.trigger_start.search(sentence)
        starts.append(t.start() if t else None)
    if len(_SCANS) > 256:
        _SCANS.clear()
    scan = _Scan(compiled, tuple(starts), Words(sentence), [None] * len(compiled), [None] * len(compiled))
    _SCANS[key] = scan
    return scan


def _gate_open(sentence: str, scan: _Scan, index: int, pos: int) -> bool:
    """Whether metric ``index``'s gate finds a trigger at or after ``pos`` (``gate.search(sentence, pos)``)."""
    gate = scan.compiled[index].trigger_gate
    if gate is None:
        return True
    last = scan.gates[index]
    if last is not None and last[0] <= pos and (last[1] is None or pos <= last[1]):
        return last[1] is not None  # the trigger found from last[0] starts at or after pos; or none was
    found = gate.search(sentence, pos)
    scan.gates[index] = (pos, found.start() if found else None)
    return found is not None


def _any_matches(sentence: str, scan: _Scan, index: int) -> Matches:
    """Metric ``index``'s ``trigger_any`` matches over the sentence, found once."""
    found = scan.anys[index]
    if found is None:
        found = scan.anys[index] = Matches(scan.compiled[index].trigger_any, sentence, scan.words)
    return found


def _clause_start(scan: _Scan, sentence: str, end: int) -> int:
    """The last ',' or ';' before ``end`` (-1: none), by bisection on the sentence's marks."""
    if scan.marks is None:
        scan.marks = [i for i, c in enumerate(sentence) if c in ",;"]
    i = bisect.bisect_left(scan.marks, end)
    return scan.marks[i - 1] if i else -1


def _gap_triggers(sentence: str, scan: _Scan, index: int, end: int) -> list[re.Match[str]]:
    """The matches of ``trigger_any.finditer(sentence[:end])`` for metric ``index`` from which its
    `trigger_gap` (anchored at ``end``) can still reach ``end``."""
    metric = scan.compiled[index]
    found = _any_matches(sentence, scan, index)
    width = word_width(metric.trigger_gap)
    return found.finditer(0, end, scan.words.window_start(end, width) if width is not None else 0)


def _link_people(sentence: str, m: NumberMention, compiled: tuple[_Metric, ...], np_end: int) -> tuple[str, int] | None:
    """A number of people: the metric whose trigger follows or precedes it."""
    # 2. a trigger after: "six people ... were killed"
    best_after: tuple[int, str] | None = None
    scan = _scan(sentence, compiled)
    for index, metric in enumerate(compiled):
        if not _gate_open(sentence, scan, index, np_end):
            continue
        t = metric.trigger_after.match(sentence, np_end)
        if t and not _PASSIVE_GAP.search(sentence, np_end, t.start("trigger")) and _active(sentence, t.end()):
            # "a sniper killed a soldier", "killed four herders and wounded two porters", "100 troops from the
            # garrison abducted 80 villagers": not what they suffered
            continue
        if t and (best_after is None or t.end() < best_after[0]):
            best_after = (t.end(), metric.name)
    if best_after:
        return best_after[1], np_end
    # 3. a trigger before: "killing at least 10 people", "the death toll rose to 35"
    # only metrics named before the number can link it from there
    before = [index for index, at in enumerate(scan.first) if at is not None and at < m.start]
    for index in before:
        if search_ending_at(compiled[index].trigger_before, sentence, m.start, scan.words):
            return compiled[index].name, np_end
    # 4. a toll across a gap: "bringing the death toll since the truce began to 120"
    latest: tuple[int, str] | None = None
    for index in before:
        metric = compiled[index]
        for t in _gap_triggers(sentence, scan, index, m.start):
            gap = metric.trigger_gap.match(sentence, t.start(), m.start)
            if gap and (_TOLL_WORD.search(gap.group()) or _TOLL_BEFORE.search(sentence, max(0, t.start() - 60), t.start())) and (
                    latest is None or t.start() > latest[0]):
                latest = (t.start(), metric.name)
    return (latest[1], np_end) if latest else None
