"""Event types and actors: what kind of thing a sentence reports, and who did it.

The typology follows ACLED's six event types (Battles, Explosions/Remote
violence, Violence against civilians, Protests, Riots, Strategic
developments), plus two of our own that news timelines need and ACLED does
not code: ``humanitarian`` (evacuations, aid, refugees) and ``other``.

Rules are tried in order and the first rule with a matching trigger wins;
a type may have more than one rule (``battles`` has strong cues first and
weak ones after the one-sided types). The order encodes ACLED's merging rules:

* ``battles`` first: shelling or air strikes during a clash are part of the
  battle ("Amid regime shelling, regime forces clashed with IS" is Battles);
* ``explosions_remote_violence`` next: one-sided strikes with no clash;
* ``violence_against_civilians``: executions, massacres, abductions;
* ``battles`` again, weak cues: armed people attacked or killed with no
  weapon named ("rebels attacked regime positions", "a militant was killed");
* ``protests`` then ``riots``;
* ``strategic_developments``: agreements (ceasefires, truces, evacuation
  deals), deployments and arrivals, withdrawals, arrests, demining. Reports of
  *ceasefire violations* ("25 ceasefire violations were registered") are
  coded here too: they say a truce is being broken without describing an
  engagement between two armed groups, which ACLED would need for Battles;
* ``humanitarian``: evacuation, aid convoys, refugees, displacement,
  clearing roads of snow or rubble (no ACLED type);
* ``other``: anything else.

Override with the ``TIMELINE_EVENT_TYPES`` setting: a list of dicts with the
same keys (``id``, ``label``, ``acled``, ``patterns``, ``doc``), in order.
Patterns are regular expressions matched case-insensitively; write
``(?-i:...)`` for a case-sensitive part (acronyms such as ``IS``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from generator import lexicons
from generator.needles import Needled, needled

try:  # the regular-expression parser, to read where a trigger can start
    import re._constants as _sre_constants
    import re._parser as _sre_parser
except ImportError:  # Python < 3.11
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parser  # type: ignore[no-redef]

_LITERAL, _IN, _SUBPATTERN, _BRANCH, _AT = (
    _sre_constants.LITERAL, _sre_constants.IN, _sre_constants.SUBPATTERN, _sre_constants.BRANCH, _sre_constants.AT,
)
_REPEATS = (_sre_constants.MAX_REPEAT, _sre_constants.MIN_REPEAT)
_AT_BOUNDARY, _AT_NON_BOUNDARY = _sre_constants.AT_BOUNDARY, _sre_constants.AT_NON_BOUNDARY

EventTypeRule = Mapping[str, Any]



def _event_type(type_id: str, keys: Mapping[str, list[str]]) -> dict[str, Any]:
    """A rule of ``lexicons/event_types.txt`` as the dict settings use.

    >>> _event_type("riots", {"label": ["Riots"], "pattern": [r"\\briot"]})
    {'id': 'riots', 'label': 'Riots', 'acled': None, 'doc': '', 'patterns': ['\\\\briot']}
    """
    one = {k: v[-1] for k, v in keys.items()}
    return {"id": type_id, "label": one.get("label", type_id), "acled": one.get("acled"), "doc": one.get("doc", ""),
            "patterns": list(keys.get("pattern", []))}


# The typology's rules, in order: generator/lexicons/event_types.txt.
DEFAULT_EVENT_TYPES: tuple[dict[str, Any], ...] = tuple(
    _event_type(type_id, keys) for type_id, keys in lexicons.sections("event_types")
)


@lru_cache(maxsize=32)
def _compiled(rules_key: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern[str] | None], ...]:
    out = []
    for type_id, patterns in rules_key:
        out.append((type_id, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None))
    return tuple(out)


def _key(rules: Sequence[EventTypeRule]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((str(r["id"]), tuple(r.get("patterns") or ())) for r in rules)


# --- Fast matching -----------------------------------------------------------
#
# Python's ``re`` tries every alternative of a big ``\b...|\b...`` pattern at
# every character, about 5 µs per alternative per sentence. Almost every
# trigger starts with a word boundary and a literal ("\bclash", "\bair ?strike"),
# so a match needs a word beginning with those letters. Each pattern is split
# into its top-level alternatives, and each alternative gets the set of
# lower-case word beginnings (up to 4 letters) it can start with, read off its
# parsed form. Per sentence, one ``findall`` collects the word beginnings; only
# alternatives whose beginning occurs are tried, and only where that word
# starts (``Pattern.match`` at a position). The results are those of the big
# pattern: an alternative without a known beginning is always tried with
# ``search``, and a sentence with non-ASCII words takes the plain path (case
# folding beyond ASCII is left to ``re``).

_KEY_LENGTH = 4
_WORD_BEGINNINGS = re.compile(r"(\w{1,%d})\w*" % _KEY_LENGTH)
_MAX_KEYS = 64


def _split_alternatives(pattern: str) -> list[str]:
    """Top-level alternatives of a regular expression: ``a|(b|c)`` → ``a``, ``(b|c)``.

    >>> _split_alternatives(r"\\bfight(?:ing|s)?\\b|\\bfought\\b|[|]x")
    ['\\\\bfight(?:ing|s)?\\\\b', '\\\\bfought\\\\b', '[|]x']
    """
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1
            if pattern[i : i + 1] == "^":
                i += 1
            if pattern[i : i + 1] == "]":  # "[]...]": a literal bracket first
                i += 1
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _beginnings(pattern: str) -> frozenset[str] | None:
    """Lower-case beginnings (up to ``_KEY_LENGTH`` letters) of the word where a match must start.

    None when the pattern does not start with ``\\b`` and two word letters,
    or when its beginnings cannot be read off (classes, ``\\S``...).

    >>> sorted(_beginnings(r"\\b(?:re)?captur(?:ed|es)\\b"))
    ['capt', 'reca']
    >>> sorted(_beginnings(r"\\b(?-i:IS)\\b|\\bal[- ]Nusra"))
    ['al', 'is']
    >>> _beginnings(r"(?:\\S+\\s+){1,4}town") is None
    True
    """
    try:
        parsed = _sre_parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    items = tuple(parsed.data)
    if not items or items[0] != (_AT, _AT_BOUNDARY):
        return None
    keys = _walk(items[1:], "")
    if keys is None or not keys or len(keys) > _MAX_KEYS:
        return None
    out = set()
    for key, complete in keys:
        # a short beginning is usable only when the word ends there ("IS", "al-")
        if len(key) < 2 or (len(key) < _KEY_LENGTH and not complete):
            return None
        out.add(key)
    return frozenset(out)


def _walk(items: tuple[Any, ...], acc: str) -> set[tuple[str, bool]] | None:
    """(beginning, word ends there) pairs for a parsed sequence; None when unknowable."""
    if len(acc) >= _KEY_LENGTH:
        return {(acc[:_KEY_LENGTH], False)}
    if not items:
        return {(acc, False)}
    op, av = items[0]
    rest = items[1:]
    if op is _LITERAL:
        char = chr(av)
        if not (char.isalnum() or char == "_"):
            return {(acc, True)}  # the word ends here
        if not char.isascii():
            return None  # case folding beyond ASCII is left to ``re``
        return _walk(rest, acc + char.lower())
    if op is _IN:
        if not all(o is _LITERAL for o, _ in av):
            return {(acc, False)}
        return _union(_walk(((_LITERAL, c),) + rest, acc) for _, c in av)
    if op is _SUBPATTERN:
        return _walk(tuple(av[-1].data) + rest, acc)
    if op is _BRANCH:
        return _union(_walk(tuple(alt.data) + rest, acc) for alt in av[1])
    if op in _REPEATS:
        low, high, item = av
        options = [_walk(rest, acc)] if low == 0 else []
        if high == 1:
            options.append(_walk(tuple(item.data) + rest, acc))
        else:  # once, then unknown: the beginning may be shorter, never wrong
            options.append(_walk(tuple(item.data), acc))
        return _union(options)
    if op is _AT:
        if av == _AT_BOUNDARY:
            return {(acc, True)} if acc else _walk(rest, acc)
        return _walk(rest, acc) if av == _AT_NON_BOUNDARY else {(acc, False)}
    return {(acc, False)}


def _union(parts: Iterable[set[tuple[str, bool]] | None]) -> set[tuple[str, bool]] | None:
    out: set[tuple[str, bool]] = set()
    for part in parts:
        if part is None:
            return None
        out |= part
        if len(out) > _MAX_KEYS:
            return None
    return out


@dataclass(frozen=True, slots=True)
class _Alternative:
    label: str  # the type id or actor name it belongs to
    pattern: re.Pattern[str] | Needled  # unkeyed: skipped where the sentence lacks its words (issue 11)
    keys: frozenset[str] | None  # word beginnings; None: always tried with search


@dataclass(frozen=True, slots=True)
class _Matcher:
    """One table of patterns, split into alternatives indexed by word beginning."""

    full: tuple[tuple[str, re.Pattern[str] | None], ...]  # (label, whole pattern) in order
    alternatives: tuple[_Alternative, ...]  # in table order
    by_key: dict[str, tuple[int, ...]]
    unkeyed: tuple[int, ...]
    keys: frozenset[str]


def _matcher(table: tuple[tuple[str, tuple[str, ...]], ...]) -> _Matcher:
    full: list[tuple[str, re.Pattern[str] | None]] = []
    alternatives: list[_Alternative] = []
    by_key: dict[str, list[int]] = {}
    unkeyed: list[int] = []
    for label, patterns in table:
        full.append((label, re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None))
        for pattern in patterns:
            parts = _split_alternatives(pattern)
            try:
                compiled = [re.compile(part, re.IGNORECASE) for part in parts]
            except re.error:  # e.g. a group referred to across "|": keep the pattern whole
                parts, compiled = [pattern], [re.compile(pattern, re.IGNORECASE)]
            if any(c.groups for c in compiled) and len(parts) > 1:
                parts, compiled = [pattern], [re.compile(pattern, re.IGNORECASE)]
            for part, regex in zip(parts, compiled):
                keys = _beginnings(part)
                index = len(alternatives)
                alternatives.append(_Alternative(label, regex if keys is not None else needled(regex), keys))
                if keys is None:
                    unkeyed.append(index)
                else:
                    for key in keys:
                        by_key.setdefault(key, []).append(index)
    return _Matcher(
        tuple(full),
        tuple(alternatives),
        {k: tuple(v) for k, v in by_key.items()},
        tuple(unkeyed),
        frozenset(by_key),
    )


@lru_cache(maxsize=256)
def _sentence_words(sentence: str) -> tuple[str, frozenset[str]] | None:
    """The lower-cased sentence and its words' beginnings; None when a word is not ASCII."""
    if not sentence.isascii():
        return None
    lowered = sentence.lower()
    return lowered, frozenset(_WORD_BEGINNINGS.findall(lowered))


def _starts(lowered: str, key: str) -> list[int]:
    """Offsets of the words of ``lowered`` (ASCII) that begin with ``key``."""
    out = []
    i = lowered.find(key)
    while i >= 0:
        if i == 0 or not (lowered[i - 1].isalnum() or lowered[i - 1] == "_"):
            out.append(i)
        i = lowered.find(key, i + 1)
    return out


def _candidates(matcher: _Matcher, sentence: str) -> dict[int, list[int]] | None:
    """Alternative index → word offsets where it may match; None: use the whole patterns."""
    words = _sentence_words(sentence)
    if words is None:
        return None
    lowered, beginnings = words
    found: dict[int, list[int]] = {}
    for key in beginnings & matcher.keys:
        starts = _starts(lowered, key)
        for index in matcher.by_key[key]:
            found.setdefault(index, []).extend(starts)
    return found


_RULE_MATCHERS: dict[int, tuple[Sequence[EventTypeRule], _Matcher]] = {}


def _rules_matcher(rules: Sequence[EventTypeRule]) -> _Matcher:
    """The matcher of a typology, remembered per table object (a few at a time).

    A table is read once: to change the rules, pass a new table.
    """
    cached = _RULE_MATCHERS.get(id(rules))
    if cached is None or cached[0] is not rules:
        if len(_RULE_MATCHERS) >= 8:
            _RULE_MATCHERS.clear()
        cached = (rules, _type_matcher(_key(rules)))
        _RULE_MATCHERS[id(rules)] = cached
    return cached[1]


@lru_cache(maxsize=32)
def _type_matcher(rules_key: tuple[tuple[str, tuple[str, ...]], ...]) -> _Matcher:
    return _matcher(rules_key)


def classify(sentence: str, rules: Sequence[EventTypeRule] = DEFAULT_EVENT_TYPES) -> str:
    """The id of the first event type whose trigger occurs in ``sentence``.

    >>> classify("Regime forces clashed with IS amid heavy shelling.")
    'battles'
    >>> classify("About 10 shells fell in the al-Hamdaniya district.")
    'explosions_remote_violence'
    >>> classify("A total of 25 ceasefire violations have been registered.")
    'strategic_developments'
    """
    matcher = _rules_matcher(rules)
    words = _sentence_words(sentence)
    if words is None:
        for type_id, pattern in matcher.full:
            if pattern is not None and pattern.search(sentence):
                return type_id
        return "other"
    lowered, beginnings = words
    hits = beginnings & matcher.keys
    indices = set(matcher.unkeyed)
    for key in hits:
        indices.update(matcher.by_key[key])
    # alternatives are numbered in rule order, so the first that matches is the first rule's
    alternatives = matcher.alternatives
    starts: dict[str, list[int]] = {}
    for index in sorted(indices):
        alternative = alternatives[index]
        if alternative.keys is None:
            if alternative.pattern.search(sentence):
                return alternative.label
            continue
        match = alternative.pattern.match
        for key in alternative.keys & hits:
            offsets = starts.get(key)
            if offsets is None:
                offsets = starts[key] = _starts(lowered, key)
            for offset in offsets:
                if match(sentence, offset):
                    return alternative.label
    return "other"


def triggers(sentence: str, rules: Sequence[EventTypeRule] = DEFAULT_EVENT_TYPES) -> list[tuple[str, str]]:
    """Every (type id, matched words) in the sentence, for explaining a decision."""
    found: list[tuple[str, str]] = []
    for type_id, pattern in _compiled(_key(rules)):
        if pattern is not None:
            found.extend((type_id, m.group()) for m in pattern.finditer(sentence))
    return found


def _rule(type_id: str, rules: Sequence[EventTypeRule]) -> EventTypeRule | None:
    return next((r for r in rules if r["id"] == type_id), None)


def event_type_label(type_id: str, rules: Sequence[EventTypeRule] = DEFAULT_EVENT_TYPES) -> str:
    """Human label of a type id; unknown ids are shown with underscores as spaces."""
    rule = _rule(type_id, rules)
    return str(rule["label"]) if rule and rule.get("label") else type_id.replace("_", " ").capitalize()


def acled_event_type(type_id: str, rules: Sequence[EventTypeRule] = DEFAULT_EVENT_TYPES) -> str | None:
    """ACLED's event_type for one of ours, or None where ACLED has no equivalent."""
    rule = _rule(type_id, rules)
    return rule.get("acled") if rule else None


# Actors: normalised name → patterns, from generator/lexicons/actors.txt (its
# header says how overlaps are settled).
DEFAULT_ACTORS: dict[str, list[str]] = {name: list(keys.get("pattern", [])) for name, keys in lexicons.sections("actors")}


@lru_cache(maxsize=8)
def _actor_pattern(table_key: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One alternation of all actors, a named group each: one pass over the sentence.

    Where two actors' patterns could match at the same position, the one
    listed first in the table wins, so list specific names before general ones.
    """
    names = tuple(name for name, _ in table_key)
    body = "|".join(f"(?P<a{i}>{'|'.join(f'(?:{p})' for p in pats)})" for i, (_, pats) in enumerate(table_key) if pats)
    return re.compile(body, re.IGNORECASE), names


_TABLE_KEYS: dict[int, tuple[Mapping[str, Sequence[str]], tuple[tuple[str, tuple[str, ...]], ...], _Matcher]] = {}


# (sentence, table, matches) of the last call, replaced as one tuple so threads never mix two
_LAST_ACTORS: list[tuple[Any, Any, tuple[tuple[int, int, str], ...]]] = [(None, None, ())]


def _actor_matches(sentence: str, actors: Mapping[str, Sequence[str]]) -> list[tuple[int, int, str]]:
    """(start, end, actor name) of every actor named, in text order.

    ``event_places`` and ``find_actors`` both ask this of the same sentence,
    one after the other: the last answer is kept.
    """
    last_sentence, last_actors, last_found = _LAST_ACTORS[0]
    if last_actors is actors and last_sentence == sentence:
        return list(last_found)
    found = _find_actor_matches(sentence, actors)
    _LAST_ACTORS[0] = (sentence, actors, tuple(found))
    return found


def _find_actor_matches(sentence: str, actors: Mapping[str, Sequence[str]]) -> list[tuple[int, int, str]]:
    cached = _TABLE_KEYS.get(id(actors))
    if cached is None or cached[0] is not actors:
        if len(_TABLE_KEYS) >= 8:
            _TABLE_KEYS.clear()
        table_key = tuple((name, tuple(p)) for name, p in actors.items())
        cached = (actors, table_key, _actor_matcher(table_key))
        _TABLE_KEYS[id(actors)] = cached
    matcher = cached[2]
    candidates = None if matcher.unkeyed else _candidates(matcher, sentence)
    if candidates is None:
        pattern, names = _actor_pattern(cached[1])
        return [(m.start(), m.end(), names[int(m.lastgroup[1:])]) for m in pattern.finditer(sentence)]  # type: ignore[index]
    # What ``finditer`` over the one alternation gives: leftmost match first, at one
    # position the first alternative in table order, then on from its end.
    at: dict[int, list[int]] = {}
    for index, starts in candidates.items():
        for start in starts:
            at.setdefault(start, []).append(index)
    out: list[tuple[int, int, str]] = []
    end = 0
    for start in sorted(at):
        if start < end:
            continue
        for index in sorted(at[start]):
            alternative = matcher.alternatives[index]
            m = alternative.pattern.match(sentence, start)
            if m:
                out.append((start, m.end(), alternative.label))
                end = m.end()
                break
    return out


@lru_cache(maxsize=8)
def _actor_matcher(table_key: tuple[tuple[str, tuple[str, ...]], ...]) -> _Matcher:
    return _matcher(table_key)


def find_actors(sentence: str, actors: Mapping[str, Sequence[str]] = DEFAULT_ACTORS) -> tuple[str, ...]:
    """Normalised names of the actors a sentence names, in order of first mention.

    >>> find_actors("QSD clashed with the Islamic State near Tabqa.")
    ('Syrian Democratic Forces', 'Islamic State')
    """
    seen: list[str] = []
    for _, _, name in _actor_matches(sentence, actors):
        if name not in seen:
            seen.append(name)
    return tuple(seen)


def actor_spans(sentence: str, actors: Mapping[str, Sequence[str]] = DEFAULT_ACTORS) -> list[tuple[int, int]]:
    """Character spans of actor names, so a place inside one ("Ahrar al-Sham") is not a location."""
    return [(s, e) for s, e, _ in _actor_matches(sentence, actors)]
