"""Needles: a pattern skipped in a text lacking the words every match needs answers as the pattern would."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re

import pytest

import generator
from generator.needles import _FOLD, Needled, folded, needles


@pytest.mark.parametrize("pattern, expected", [
    (r"\bshelled\b", {("shelled", False)}),
    (r"(?i)death\s+toll", {("death", True)}),
    (r"\b(?:killed|wounded)\b", {("killed", False), ("wounded", False)}),
    (r"as\s+of\s+(?=\d+\s+March)", {("March", False)}),  # a lookahead reads the text too
    (r"(?:the\s+)?army(?!\s+said)", {("army", False)}),
    (r"(?i:Aleppo)|Homs", {("aleppo", True), ("Homs", False)}),
    (r"(?:strikes?)+\s+on", {("strike", False)}),
])
def test_every_match_needs_one_of_the_strings_read(pattern, expected):
    assert needles(re.compile(pattern)) == frozenset(expected)


@pytest.mark.parametrize("pattern", [
    r"\d+\s+in",  # only "in": under three characters
    r"(?:killed|\d+)\s+in",  # a branch needs no literal: only "in" is left
    r"(?:shelled)?\s+\w+",  # optional
    r"(\w+)\s+\1",  # nothing literal
])
def test_short_or_missing_needles_mean_no_skipping(pattern):
    compiled = re.compile(pattern)
    assert needles(compiled) is None
    assert not Needled(compiled).absent("anything at all")


def test_the_fold_table_holds_every_character_ignorecase_takes_for_an_ascii_letter():
    letter = re.compile(r"[a-z]", re.I)
    special = {chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000 and letter.match(chr(c))}
    assert special == set(map(chr, _FOLD))
    assert all(folded(c) in "abcdefghijklmnopqrstuvwxyz" for c in special)


def _module_patterns() -> list[re.Pattern[str]]:
    found = []
    for info in pkgutil.iter_modules(generator.__path__):
        if info.name == "__main__":
            continue
        module = importlib.import_module(f"generator.{info.name}")
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str) and needles(value):
                found.append(value)
    return found


def _texts(pattern: re.Pattern[str], rng: random.Random) -> list[str]:
    """Texts made of the pattern's own needles, filler words and odd characters, in random case."""
    words = [text for text, _ in needles(pattern)] + ["the", "in", "3", "12,000", "on", "Monday", "and", "to", "said",
                                                      "(", ")", ",", "-", "’s", "İ", "ſ", "\u212a", "since", "toll"]
    out = []
    for _ in range(30):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 8))]
        text = " ".join(w.upper() if rng.random() < 0.2 else w.title() if rng.random() < 0.2 else w for w in picked)
        out.append(text)
    return out


def test_a_needled_pattern_answers_as_the_pattern_itself():
    rng = random.Random(11)
    patterns = _module_patterns()
    assert len(patterns) > 50
    for pattern in patterns:
        wrapped = Needled(pattern)
        for text in _texts(pattern, rng) + ["", "nothing to see here."]:
            assert [m.span() for m in wrapped.finditer(text)] == [m.span() for m in pattern.finditer(text)], (pattern, text)
            assert bool(wrapped.search(text)) == bool(pattern.search(text)), (pattern, text)
            assert bool(wrapped.match(text)) == bool(pattern.match(text)), (pattern, text)
            assert wrapped.sub("#", text) == pattern.sub("#", text), (pattern, text)
