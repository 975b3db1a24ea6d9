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

from generator import tallies

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
