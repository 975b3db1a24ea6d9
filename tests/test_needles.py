"""Needles: a pattern skipped in a text lacking the words every match needs answers as the pattern would."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re

import pytest

import generator
from generator.needles import _FOLD, Needled, folded, has_digit, needles, needs_digit


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
    assert not Needled(compiled).absent("anything at all, 12 times")


@pytest.mark.parametrize("pattern, needed", [
    (r"\d+\s+in", True),
    (r"(?:at\s+least\s+)?[0-9]{1,3}(?:,\d{3})*", True),
    (r"(?:\d+|two)\s+killed", False),  # a branch needs no digit
    (r"\d*\s+killed", False),  # may be none
    (r"killed(?=\s+\d)", True),  # a lookahead reads the text too
    (r"killed(?!\s+\d)", False),
    (r"[\d,]+", False),  # a comma alone matches
    (r"[^\d]+", False),
    (r"(?i)no\.\s*5", True),  # a digit written out
])
def test_a_pattern_that_needs_a_digit_is_skipped_in_a_text_without_one(pattern, needed):
    compiled = re.compile(pattern)
    assert needs_digit(compiled) is needed
    assert Needled(compiled).absent("Talks resumed on Monday.") is (needed or needles(compiled) is not None)
    assert not Needled(compiled).absent("Talks resumed on Monday, 12 killed in Homs, no. 5 said.")


def test_the_digit_check_reads_digits_as_the_regex_engine_does():
    digits = {chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and re.match(r"\d", chr(c))}
    assert all(has_digit(f"on the {d}th") for d in digits)
    assert not any(has_digit(chr(c)) for c in range(0x2000) if chr(c) not in digits)


def test_a_pattern_needing_a_digit_answers_as_the_pattern_itself():
    rng = random.Random(5)
    patterns = [p for p in _generator_patterns() if needs_digit(p)]
    assert len(patterns) > 30
    for pattern in patterns:
        wrapped = Needled(pattern)
        for text in _texts_with_digits(pattern, rng):
            assert [m.span() for m in wrapped.finditer(text)] == [m.span() for m in pattern.finditer(text)], (pattern, text)
            assert bool(wrapped.search(text)) == bool(pattern.search(text)), (pattern, text)
            assert bool(wrapped.match(text)) == bool(pattern.match(text)), (pattern, text)


def test_the_fold_table_holds_every_character_ignorecase_takes_for_an_ascii_letter():
    letter = re.compile(r"[a-z]", re.I)
    special = {chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000 and letter.match(chr(c))}
    assert special == set(map(chr, _FOLD))
    assert all(folded(c) in "abcdefghijklmnopqrstuvwxyz" for c in special)


def _generator_patterns() -> list[re.Pattern[str]]:
    """Every module-level compiled pattern of generator/ (a needled one's own)."""
    found = []
    for info in pkgutil.iter_modules(generator.__path__):
        if info.name == "__main__":
            continue
        module = importlib.import_module(f"generator.{info.name}")
        for value in vars(module).values():
            value = value.regex if isinstance(value, Needled) else value
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append(value)
    return found


def _module_patterns() -> list[re.Pattern[str]]:
    return [p for p in _generator_patterns() if needles(p)]


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


def _texts_with_digits(pattern: re.Pattern[str], rng: random.Random) -> list[str]:
    """Texts of the pattern's literal runs and filler, with and without digits (ASCII and others)."""
    words = [text for text, _ in needles(pattern) or ()] + ["the", "on", "Monday", "May", "killed", "people", "and", "to",
                                                           "3", "12,000", "2016-12-23", "10:30", "٣", "(", ")", ",", "-", "no."]
    out = ["", "Talks resumed on Monday.", "nothing to see here."]
    for _ in range(30):
        out.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))))
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


# -- twins: an IGNORECASE pattern searched case-sensitively in the folded text -----------------------

from re import _constants as sre_constants  # noqa: E402
from re import _parser as sre_parser  # noqa: E402

from generator.needles import twin  # noqa: E402


def _literal_runs(pattern: re.Pattern[str]) -> list[str]:
    """Every run of two or more literal characters anywhere in the pattern: words its matches are made of."""
    runs: list[str] = []

    def walk(items) -> None:
        run = ""
        for op, av in items:
            if op is sre_constants.LITERAL:
                run += chr(av)
                continue
            if len(run) > 1:
                runs.append(run)
            run = ""
            if op is sre_constants.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op is sre_constants.SUBPATTERN:
                walk(av[3])
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
                walk(av[2])
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(av[1])
        if len(run) > 1:
            runs.append(run)

    walk(list(sre_parser.parse(pattern.pattern, pattern.flags)))
    return runs


def _twinned_patterns() -> list[re.Pattern[str]]:
    return [p for p in _generator_patterns() if twin(p) is not None]


_ODD = ["İ", "ı", "ſ", "\u212a", "ß", "Σ", "ς", "’", "“", "”", "–", "é", "Ä", "ǅ", "ﬃ", "\u0345", "1", "12,000", "(", ")", ",", ";",
        ".", "-", " ", "\n", "Monday", "the", "and", "said", "in", "on"]


def _case_texts(pattern: re.Pattern[str], rng: random.Random, count: int = 40) -> list[str]:
    """Texts of the pattern's own literal runs, filler and odd characters, in random case, spaced or glued."""
    words = _literal_runs(pattern) + _ODD
    out = []
    for _ in range(count):
        picked = []
        for _ in range(rng.randint(1, 10)):
            w = rng.choice(words)
            r = rng.random()
            picked.append(w.upper() if r < 0.25 else w.title() if r < 0.4 else w.swapcase() if r < 0.5 else w)
        out.append("".join(p + rng.choice([" ", " ", " ", "", ", ", "\n"]) for p in picked))
    return out


def _spans_and_groups(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def test_a_twinned_pattern_answers_as_the_pattern_itself():
    rng = random.Random(7)
    patterns = _twinned_patterns()
    assert len(patterns) > 100
    written = ["The Town Was SHELLED on Monday, İdlib’s council said.", "ſhelling hit the ＫIEV road", "nothing here",
               "Troops stormed the mosque; no one was hurt.", "“We will not leave,” he said."]
    for pattern in patterns:
        wrapped = Needled(pattern)
        for text in _case_texts(pattern, rng) + written + [""]:
            assert _spans_and_groups(wrapped.finditer(text)) == _spans_and_groups(pattern.finditer(text)), (pattern, text)
            for pos in (0, 1, len(text) // 2):
                ours, theirs = wrapped.search(text, pos), pattern.search(text, pos)
                assert (ours and (ours.span(), ours.groups())) == (theirs and (theirs.span(), theirs.groups())), (pattern, text, pos)
                assert bool(wrapped.match(text, pos)) == bool(pattern.match(text, pos)), (pattern, text, pos)
            assert bool(wrapped.fullmatch(text)) == bool(pattern.fullmatch(text)), (pattern, text)
            assert wrapped.sub("#", text) == pattern.sub("#", text), (pattern, text)
            assert wrapped.findall(text) == pattern.findall(text), (pattern, text)


@pytest.mark.parametrize("pattern", [
    r"(?-i:IS)\s+fighters",  # case switched inside
    r"(\w+)\s+\1",  # a back reference
    r"\bİdlib",  # a cased letter outside ASCII
    r"(?:no)?",  # may match empty
    r"^\s*shelled",  # anchored at the start: tried at one place, nothing to gain
])
def test_no_twin_where_it_could_differ(pattern):
    assert twin(re.compile(pattern, re.I)) is None


def test_folding_keeps_every_character_class_and_word_boundary():
    """The twin reads \\w, \\d, \\s and \\b in the folded text: folding never changes which class a character is in."""
    classes = [re.compile(c) for c in (r"\w", r"\d", r"\s", r"[^\W\d_]")]
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        low = char.lower() if code not in _FOLD else folded(char)
        if low == char or len(low) != 1:
            continue  # unchanged; or the twin is not used where folding changes the length
        for cls in classes:
            assert bool(cls.match(char)) == bool(cls.match(low)), (hex(code), cls.pattern)


# -- spans: a pattern that is only strings, found by str.find ----------------------------------------

from generator.needles import spans, strings  # noqa: E402


@pytest.mark.parametrize("pattern, text", [
    (r"a|ab", "ab abab"),  # the first alternative that matches wins, as in the engine
    (r"ab|a", "ab abab"),
    (r"\bday\b|days", "days, day; Monday"),
    (r"\Bday", "Monday today day"),
    (r"[Ww]eek(?:end)?s?", "Weekends weekend weeks WEEK"),
    (r"p\.?m\b", "5 p.m. 6 pm 7 pmx p.mm"),
    (r"aa", "aaaaa"),  # non-overlapping, from the left
])
def test_spans_answer_as_finditer(pattern, text):
    compiled = re.compile(pattern)
    assert strings(compiled) is not None
    assert spans(compiled, text, per_string=0) == [m.span() for m in compiled.finditer(text)]


def test_spans_of_every_date_core_answer_as_finditer():
    from generator import dates

    rng = random.Random(5)
    cores = {r.core.pattern: r.core for r in dates._RULES if r.core is not None}
    assert sum(strings(c) is not None for c in cores.values()) > 20
    written = "On Monday 3 March, two days later, the week's end: today, MONDAYS and mid-weekend at 5 p.m."
    for core in cores.values():
        words = [s for s, _, _ in strings(core) or ()] + _ODD + ["day", "Mon", "week", "5", "2016"]
        for _ in range(40):
            text = "".join(rng.choice(words) + rng.choice(["", " ", ",", "-", "s "]) for _ in range(rng.randint(1, 12)))
            assert spans(core, text, per_string=0) == [m.span() for m in core.finditer(text)], (core.pattern, text)
        assert spans(core, written, per_string=0) == [m.span() for m in core.finditer(written)], core.pattern
