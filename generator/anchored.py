r"""Searching for a pattern that must end at a given position, in time that does not grow with the text before it.

Extraction asks, for each number in a sentence, whether a pattern anchored with
``$`` matches the text before the number ("killing at least |10 people",
"the death toll rose to |35"). Searching ``sentence[:start]`` from its
beginning reads the whole prefix for every number: quadratic on one long
sentence with many numbers (issue 11). A match that ends at ``start`` can only
begin a bounded distance before it, counted in *words* (runs of non-space
characters): one character touches at most one word, an unbounded run of
whitespace (``\s*``) none, an unbounded run of non-space characters
(``[\w-]*``) at most one. So the search starts at the first position from
which a match could still reach ``start``, and finds the same match as the
search of the whole prefix:

* ``pattern.search(text, lo, end)`` behaves as the search of ``text[:end]``
  restricted to matches starting at or after ``lo`` (``\b`` and lookbehinds
  still see the text before ``lo``);
* no match of a ``$``-anchored pattern can start before ``lo``: it would touch
  more words than the pattern can.

Patterns whose reach can't be bounded this way (``.*``, ``[^,]*``, back
references) are searched over the whole prefix, as before.

>>> pattern = re.compile(r"\bkilling(?:\s+at\s+least)?\s*$")
>>> word_width(pattern)
14
>>> text = "killing 3 " * 1000 + "killing at least 10"
>>> words = Words(text)
>>> end = len(text) - 2
>>> search_ending_at(pattern, text, end, words).start() == pattern.search(text[:end]).start()
True
>>> words.window_start(end, 14) > end - 100
True
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

try:  # the standard library's own regex parser (private, stable since 3.11); without it, no windows
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Pythons
    _sre = _sre_parse = None

_WORD = re.compile(r"\S+")


@lru_cache(maxsize=512)
def word_width(pattern: re.Pattern[str]) -> int | None:
    r"""Most words a match of ``pattern`` can touch, for a pattern ending in ``$``; None when unbounded or not anchored.

    >>> word_width(re.compile(r"\b(?:died|death\s+toll)\s+of\s*$")), word_width(re.compile(r"(?:of\s+)?[a-z][\w-]*\s+in\s*$"))
    (11, 6)
    >>> word_width(re.compile(r"died[^,]*$")), word_width(re.compile(r"\bkilled"))  # unbounded; not anchored at the end
    (None, None)
    """
    items = _parse(pattern)
    if not items or items[-1] != (_sre.AT, _sre.AT_END):
        return None
    return _width(items, lookahead=True)


@lru_cache(maxsize=512)
def match_width(pattern: re.Pattern[str]) -> int | None:
    r"""Most words a match of ``pattern`` can touch, with what its lookaheads read, when no match is
    empty (a match then reads only that and one character either side); else None.

    >>> match_width(re.compile(r"\b(?:killed|death\s+toll)\b")), match_width(re.compile(r"killed(?!\s+by)"))
    (9, 8)
    >>> match_width(re.compile(r"left(?=[^,]*,)"))  # a lookahead that may read on without end
    """
    items = _parse(pattern)
    if not items or _sre_parse.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0:
        return None
    return _width(items, lookahead=False)


def _parse(pattern: re.Pattern[str]) -> list | None:
    if _sre_parse is None or pattern.flags & re.MULTILINE:  # "$" before every newline: no single end
        return None
    try:
        return list(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - a pattern the parser can't read is searched whole
        return None


def _width(items: list, lookahead: bool) -> int | None:
    total = 0
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN, _sre.CATEGORY):
            total += 0 if _only_spaces([(op, av)]) else 1
        elif op is _sre.AT:
            continue  # zero width
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if av[0] > 0 and not lookahead:
                # a lookahead reads past the match: count what it reads, so a window that cuts it is searched again
                inner = _width(list(av[1]), lookahead)
                if inner is None:
                    return None
                total += inner
            continue  # consumes nothing
        elif op is _sre.BRANCH:
            widths = [_width(list(branch), lookahead) for branch in av[1]]
            known = [w for w in widths if w is not None]
            if len(known) < len(widths):
                return None
            total += max(known, default=0)
        elif op in (_sre.SUBPATTERN, _sre.ATOMIC_GROUP):
            inner = _width(list(av[-1] if op is _sre.SUBPATTERN else av), lookahead)
            if inner is None:
                return None
            total += inner
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            sub = list(sub)
            if high == _sre.MAXREPEAT:
                if _only_spaces(sub):
                    continue  # a run of whitespace lies between words
                if _no_spaces(sub):
                    total += 1  # a run of non-space characters lies within one word
                    continue
                return None
            inner = _width(sub, lookahead)
            if inner is None:
                return None
            total += high * inner
        else:  # back references, conditionals: no bound
            return None
    return total


def _class_matches_space(items: list) -> bool | None:
    """Whether a one-character item matches some whitespace character; None when it is not one character class."""
    if len(items) != 1:
        return None
    op, av = items[0]
    if op is _sre.LITERAL:
        return chr(av).isspace()
    if op is _sre.NOT_LITERAL or op is _sre.ANY:
        return True
    if op is _sre.IN:
        pattern = _sre_class(av)
        return None if pattern is None else re.search(pattern, SPACES) is not None
    return None


def _sre_class(av: list) -> str | None:
    """A character class rebuilt from parsed class items, to test characters with; None for what it can't rebuild."""
    parts = []
    negate = False
    for kind, value in av:
        if kind is _sre.NEGATE:
            negate = True
        elif kind is _sre.LITERAL:
            parts.append(re.escape(chr(value)))
        elif kind is _sre.RANGE:
            parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif kind is _sre.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            return None
    return f"[{'^' if negate else ''}{''.join(parts)}]" if parts else None


_CATEGORIES = {} if _sre is None else {
    _sre.CATEGORY_SPACE: r"\s", _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W", _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D",
}


def _only_spaces(items: list) -> bool:
    r"""Whether ``items`` is one character class that matches whitespace only (``\s``, ``[ \t]``)."""
    if len(items) == 1 and items[0][0] is _sre.CATEGORY:
        return items[0][1] is _sre.CATEGORY_SPACE
    if len(items) == 1 and items[0][0] is _sre.IN and all(
        (kind is _sre.CATEGORY and value is _sre.CATEGORY_SPACE) or (kind is _sre.LITERAL and chr(value).isspace())
        for kind, value in items[0][1]
    ):
        return True
    return len(items) == 1 and items[0][0] is _sre.LITERAL and chr(items[0][1]).isspace()


def _no_spaces(items: list) -> bool:
    r"""Whether nothing in ``items`` ever matches whitespace (``[\w-]``, ``\d``, ``(?:,\d{3})``), so a run of them lies within one word."""
    for op, av in items:
        if op is _sre.AT or op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.CATEGORY:
            if av not in (_sre.CATEGORY_NOT_SPACE, _sre.CATEGORY_WORD, _sre.CATEGORY_DIGIT):
                return False
        elif op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.ANY, _sre.IN):
            if _class_matches_space([(op, av)]) is not False:
                return False
        elif op is _sre.BRANCH:
            if not all(_no_spaces(list(branch)) for branch in av[1]):
                return False
        elif op in (_sre.SUBPATTERN, _sre.ATOMIC_GROUP):
            if not _no_spaces(list(av[-1] if op is _sre.SUBPATTERN else av)):
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            if not _no_spaces(list(av[2])):
                return False
        else:
            return False
    return True


# Every character ``\s`` matches in a str pattern (``str.isspace``; tests/test_anchored.py checks the list)
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


class Words:
    """Where the words (runs of non-space characters) of a text start and end, to find how far back a bounded match can start."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str) -> None:
        found = list(_WORD.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def window_start(self, end: int, width: int) -> int:
        """The first position from which a match ending at ``end`` that touches at most ``width`` words can start.

        The words before ``end`` are 0..k-1; a match from ``p`` touches those
        ending after ``p``, so touching at most ``width`` of them it starts at
        or after the end of word k-1-width.

        >>> Words("ab   cd ef gh").window_start(13, 2)
        7
        >>> Words("ab   cd ef gh").window_start(12, 2), Words("ab").window_start(2, 5)
        (7, 0)
        """
        before = bisect.bisect_left(self.starts, end)
        too_far = before - width - 1
        return self.ends[too_far] if too_far >= 0 else 0


def search_ending_at(pattern: re.Pattern[str], text: str, end: int, words: Words | None) -> re.Match[str] | None:
    """``pattern.search(text[:end])`` for a ``$``-anchored pattern, reading only the window where a match can start.

    No match can start before the window, so the leftmost match in the
    window is the leftmost match of the whole search: the same match.
    """
    width = word_width(pattern)
    if width is None or words is None:
        return pattern.search(text, 0, end)
    return pattern.search(text, words.window_start(end, width), end)


class Matches:
    r"""The matches ``pattern.finditer(text, pos, end)`` gives, for many windows ending near each other's ends.

    The matches over the whole text are found once. A window's matches are the
    whole-text matches that start in it before ``window_start(end, width)``
    (they cannot reach ``end``, so cutting the text there changes none of
    them), then a fresh search over the short tail. Where the pattern can't be
    bounded (it may match empty, or has unbounded items) or a
    whole-text match straddles ``pos``, the window is searched whole.

    >>> text = "the toll rose, " * 500 + "the toll since March rose to"
    >>> found = Matches(re.compile(r"\btoll\b"), text, Words(text))
    >>> [m.start() for m in found.finditer(0, len(text), 7000)] == [m.start() for m in re.finditer(r"\btoll\b", text) if m.start() >= 7000]
    True
    """

    __slots__ = ("pattern", "text", "words", "width", "matches", "starts")

    def __init__(self, pattern: re.Pattern[str], text: str, words: Words) -> None:
        self.pattern, self.text, self.words = pattern, text, words
        self.width = match_width(pattern)
        self.matches = list(pattern.finditer(text)) if self.width is not None else []
        self.starts = [m.start() for m in self.matches]

    def finditer(self, pos: int, end: int, since: int = 0) -> list[re.Match[str]]:
        """``list(pattern.finditer(text, pos, end))``, keeping only the matches that start at or after ``since``."""
        since = max(pos, since)
        first = bisect.bisect_left(self.starts, pos)
        if self.width is None or (first > 0 and self.matches[first - 1].end() > pos):
            # unbounded, or a match straddles the window's start: search the window whole
            return [m for m in self.pattern.finditer(self.text, pos, end) if m.start() >= since]
        cut = max(since, self.words.window_start(end, self.width))
        last = bisect.bisect_left(self.starts, cut, first)  # matches[first:last] start in [pos, cut)
        resume = max(cut, self.matches[last - 1].end()) if last > first else cut
        kept = self.matches[bisect.bisect_left(self.starts, since, first, last) : last]
        return kept + list(self.pattern.finditer(self.text, resume, end))

    def last(self, pos: int, end: int) -> re.Match[str] | None:
        """The last of ``pattern.finditer(text, pos, end)``, or None, without listing the others.

        >>> text = "shelled, shelled again and shelled 3 times"
        >>> Matches(re.compile(r"\\bshelled\\b"), text, Words(text)).last(9, 35).start()
        27
        """
        first = bisect.bisect_left(self.starts, pos)
        if self.width is None or (first > 0 and self.matches[first - 1].end() > pos):
            found = None
            for found in self.pattern.finditer(self.text, pos, end):  # noqa: B007 - the last one is wanted
                pass
            return found
        cut = max(pos, self.words.window_start(end, self.width))
        last = bisect.bisect_left(self.starts, cut, first)
        resume = max(cut, self.matches[last - 1].end()) if last > first else cut
        tail = None
        for tail in self.pattern.finditer(self.text, resume, end):  # noqa: B007
            pass
        return tail if tail is not None else (self.matches[last - 1] if last > first else None)
