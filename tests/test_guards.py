"""Patterns whose branches first look ahead for the one character they can start with (issue 11).

A branch that opens with lookbehinds or a word boundary is tried in full at every position of a
sentence; a one-character lookahead in front (``(?=[-–—:=])``, ``(?-i:(?=[A-Z]))``) fails at once
where that character is absent. The guard must never drop a match: without its guards, each
pattern below matches the same spans on texts made of its own words, numbers and odd characters.
"""

from __future__ import annotations

import random
import re

import pytest

from generator import dates, tallies
from generator.needles import guarded

# a one-character-class lookahead, alone or inside a case-sensitive group: the guards
_GUARD = re.compile(r"\(\?-i:\(\?=\[[^\]]*\]\)\)|\(\?=\[[^\]]*\]\)")
GUARDED = {"tallies._PAIR_HINT": tallies._PAIR_HINT}
_ODD = ["(", ")", "[", "]", "-", "–", "—", ":", "=", ",", ";", ".", "1", "12", "4,500", "2:30", "1.5", "2016", "İ", "ſ", "\u212a",
        "é", "\n", "km", "x"]


def _pieces(pattern: str) -> list[str]:
    words = sorted(set(re.findall(r"[A-Za-z]{2,}", pattern)))
    return words + [w.capitalize() for w in words] + [w.upper() for w in words[:40]] + _ODD


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_a_guarded_pattern_matches_as_it_would_without_its_guards(name):
    guarded = GUARDED[name]
    plain = re.compile(_GUARD.sub("", guarded.pattern), guarded.flags)
    assert plain.pattern != guarded.pattern, "no guard found: drop the pattern from GUARDED"
    pieces = _pieces(guarded.pattern)
    rng = random.Random(11)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", ", "]) for _ in range(rng.randint(1, 14)))
        assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_the_guards_keep_the_matches_of_written_sentences():
    plain = re.compile(_GUARD.sub("", tallies._PAIR_HINT.pattern), tallies._PAIR_HINT.flags)
    for text in ("Shelling hit Idlib (12), Hama (3) and Homs - five.", "Four people died in Daraa, 2 in Homs.",
                 "At 10:30 in the morning, Aleppo 17, Hama 2 and Homs 4.", "Fifteen km north of the town in May 2016."):
        assert [m.span() for m in tallies._PAIR_HINT.finditer(text)] == [m.span() for m in plain.finditer(text)], text


# -- needles.guarded: the guard read from the pattern's parse tree -------------------------------------

def _module_patterns() -> list[re.Pattern[str]]:
    from test_needles import _generator_patterns

    return [p for p in _generator_patterns() if not p.flags & re.VERBOSE]


def test_a_pattern_guarded_from_its_parse_tree_matches_as_itself():
    from test_needles import _case_texts

    rng = random.Random(3)
    guarded_ones = [(p, guarded(p)) for p in _module_patterns()]
    guarded_ones = [(p, g) for p, g in guarded_ones if g is not p]
    assert len(guarded_ones) > 100
    for pattern, guard in guarded_ones:
        for text in _case_texts(pattern, rng, 20) + ["Mr. Li left. Dr. Ma said so! Yes.\nNext", ""]:
            assert [(m.span(), m.groups()) for m in guard.finditer(text)] == [(m.span(), m.groups()) for m in pattern.finditer(text)], \
                (pattern.pattern, text)


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<!\bMr)[.!?](?=\s)|\n", True),  # lookbehinds first: guarded by [.!?\n]
    (r"\b(?:killed|died)\b", True),
    (r"\s+killed", False),  # a category first: no selective guard
    (r"[^,]+army", False),  # a negated class: nearly any character
    (r"(?:a|b)?", False),  # may match empty
    (r"(?i:Aleppo)|Homs", False),  # a flag switched inside
])
def test_a_guard_is_made_only_where_it_is_selective(pattern, expected):
    compiled = re.compile(pattern)
    assert (guarded(compiled) is not compiled) == expected


def test_the_guarded_module_patterns_keep_their_matches():
    for pattern in (dates._SENTENCE_END, dates._TENSE_CUE, tallies._DAILY):
        assert pattern.pattern.startswith("(?=["), pattern.pattern[:40]
        plain = re.compile(pattern.pattern[pattern.pattern.index("])(?:") + 5 : -1], pattern.flags)
        for text in ("He left at 5 p.m. on Sunday. Talks will resume next week.", "Mr. Li said so! Dr. Ma agreed.\nThen",
                     "Over the past 24 hours, the daily report said 12 died.", "They are expected to meet; it was planned."):
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], text
