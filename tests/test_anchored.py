"""generator.anchored: windowed searches find what the search of the whole prefix finds (issue 11)."""

import random
import re
import sys

from generator import figures, tallies
from generator.anchored import SPACES, Matches, Words, match_width, search_ending_at, word_width

# pieces of our own sentences, with long words, runs of spaces and numbers glued to words
PIECES = ["killed", "killing at least", "the death toll rose to", "toll since the truce began to", "in", "Aleppo",
          "12", "4,500", "five", "people", ",", ";", "   ", "\t", "civilians", "wounded", "were", "another",
          "a further", "province of", "x" * 300, "died5", "(3)", "displaced", "evacuated from", "arrested",
          # 'left' counts the evacuated only before what its lookahead reads ('left the city', 'left.', 'left Homs')
          "left", "left the", "left.", "left Homs", "left,", "times", "3 times"]


def sentences(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 80))) for _ in range(n)]


def anchored_patterns() -> list[re.Pattern[str]]:
    compiled, _ = figures._table(figures.DEFAULT_METRICS)
    out = [m.trigger_before for m in compiled] + [m.trigger_gap for m in compiled]
    return out + [tallies._BEFORE_IN, tallies._CONTINUES_LIST]


def test_spaces_are_what_backslash_s_matches():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert SPACES == "".join(re.findall(r"\s", every))


def test_widths():
    assert word_width(re.compile(r"\bkilling\s+at\s+least\s*$")) == 14
    assert word_width(re.compile(r"killed[^,]*$")) is None  # may cross any number of words
    assert word_width(re.compile(r"\d+(?:,\d{3})*\s+in\s*$")) == 4  # a run without spaces is one word
    assert word_width(re.compile(r"in$", re.M)) is None
    assert match_width(re.compile(r"x*")) is None  # may match empty
    assert match_width(re.compile(r"left(?=\s+[A-Z])")) == 5  # what the lookahead reads counts (a word per character, at most)
    assert match_width(re.compile(r"left(?=[^.]*\.)")) is None  # a lookahead reading on without bound
    assert all(word_width(p) is not None for p in anchored_patterns())


def test_window_starts_where_a_match_can_still_reach_the_end():
    words = Words("one two  three four")
    assert words.window_start(19, 1) == 14  # from the space before "four", only "four" is reachable
    assert words.window_start(19, 9) == 0


def test_search_ending_at_is_the_whole_prefix_search():
    for pattern in anchored_patterns():
        for text in sentences(15, 1):
            words = Words(text)
            for end in range(0, len(text) + 1, 7):
                fast = search_ending_at(pattern, text, end, words)
                slow = pattern.search(text[:end])
                assert (fast and fast.span()) == (slow and slow.span()), (pattern.pattern, text, end)


def windows(seed: int):
    """(metric, text, Matches, pos, end, every match of finditer(text, pos, end)) over our sentences."""
    compiled, _ = figures._table(figures.DEFAULT_METRICS)
    for metric in compiled:
        for text in sentences(10, seed):
            found = Matches(metric.trigger_any, text, Words(text))
            for end in range(0, len(text) + 1, 11):
                for pos in (0, end // 4, end // 2):
                    yield metric.name, text, found, pos, end, list(metric.trigger_any.finditer(text, pos, end))


def test_matches_are_finditer_over_the_window():
    for name, text, found, pos, end, every in windows(2):
        for since in (0, end // 2):
            fast = [m.span() for m in found.finditer(pos, end, since)]
            assert fast == [m.span() for m in every if m.start() >= max(pos, since)], (name, text, pos, end, since)


def test_last_is_the_last_of_finditer_over_the_window():
    for name, text, found, pos, end, every in windows(3):
        last = found.last(pos, end)
        assert (last and last.span()) == (every[-1].span() if every else None), (name, text, pos, end)
