r"""Skipping a regex search in a text that lacks every word a match needs (issue 11).

Extraction searches most of its patterns in every sentence, and most sentences
hold none of the words a pattern looks for. ``needles(pattern)`` reads, from
the pattern's parse tree, literal strings such that every match holds at
least one of them (or in the text around it, for a lookaround); ``Needled``
wraps a compiled pattern and answers "no match" at once for a text holding
none of them, the way the pattern itself would (same matches otherwise).

How the strings are read (each rule keeps "every match holds one"):

* a run of literal characters is one string ("killed" in ``\bkilled\b``);
* a sequence needs what any one of its items needs: the item with the
  longest shortest string is taken;
* an alternation needs one of what each branch needs (none if a branch
  needs nothing);
* a group, a repeat of at least once, a positive lookaround: what its body needs;
* under IGNORECASE only ASCII characters are read, matched against the text
  folded to lower case (and the four characters IGNORECASE matches with an
  ASCII letter: "İ", "ı", "ſ", the Kelvin sign), so case never hides a match.

Strings shorter than three characters are not worth a check (unless they hold a
character outside ASCII, such as "©"): the pattern is then searched as it is.

A pattern every match of which holds a decimal digit (``\d``, ``[0-9]``, a digit
written out) *needs a digit*: ``Needled`` answers "no match" at once in a text
without one (most sentences of prose hold none), before any string is looked for.

A pattern under IGNORECASE also gets a *twin*: the same pattern compiled
case-sensitively, its letters lower-cased, searched in the folded text
(``folded``: same length, same offsets). Python's regex engine scans a
case-insensitive pattern position by position, lowering each character; the
twin lets it skip ahead to the characters a match can begin with, several
times faster. The twin only finds where the match is: the match returned is
the pattern's own, made at that offset in the text itself (same groups, same
case). A pattern the twin can't copy exactly (flags switched inside it, back
references, cased non-ASCII letters, a match that may be empty) has none;
nor does one anchored at the start of the text, which is fast as it is.

>>> sorted(needles(re.compile(r"\b(?:killed|died)\s+in\b", re.I)))
[('died', True), ('killed', True)]
>>> needles(re.compile(r"\d+\s+\w+")) is None
True
>>> pattern = Needled(re.compile(r"\bshell(?:ed|ing)\b", re.I))
>>> pattern.search("Nothing here.") is None, pattern.search("SHELLING hit it").group()
(True, 'SHELLING')
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

try:  # the standard library's own regex parser and compiler (private, stable since 3.11); without them, no needles
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - other Pythons
    _sre = _sre_parse = _sre_compile = None

_MIN_LENGTH = 3
_MAX_NEEDLES = 40
# Non-ASCII characters that IGNORECASE matches with an ASCII letter (tests/test_needles.py checks every code point).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

Needle = tuple[str, bool]  # (literal, read in the folded text)


@lru_cache(maxsize=256)
def folded(text: str) -> str:
    """``text`` lower-cased, with the characters IGNORECASE takes for ASCII letters made those letters (cached).

    >>> folded("KILLED in İdlib")
    'killed in idlib'
    """
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


@lru_cache(maxsize=1024)
def needles(pattern: re.Pattern[str]) -> frozenset[Needle] | None:
    """Literal strings one of which every match of ``pattern`` holds (or the text around it); None if none worth checking."""
    if _sre_parse is None or not isinstance(pattern.pattern, str):
        return None
    try:
        items = list(_sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # noqa: BLE001 - a pattern the parser can't read is searched as it is
        return None
    found = _sequence(items, bool(pattern.flags & re.IGNORECASE))
    if not found or not all(_worth(text) for text, _ in found):
        return None
    return frozenset(found)


def _worth(needle: str) -> bool:
    """A string rare enough to look for: three characters or more, or one outside ASCII ("©")."""
    return len(needle) >= _MIN_LENGTH or not needle.isascii()


@lru_cache(maxsize=1024)
def needs_digit(pattern: re.Pattern[str]) -> bool:
    r"""Whether every match of ``pattern`` holds a decimal digit (or the text around it, for a lookaround).

    >>> needs_digit(re.compile(r"(?:at\s+least\s+)?\d+\s+(?:people|civilians)")), needs_digit(re.compile(r"\d*\s+people"))
    (True, False)
    >>> needs_digit(re.compile(r"(?:\d+|two|three)\s+killed")), needs_digit(re.compile(r"(?<=[0-9]\s)killed"))
    (False, True)
    """
    if _sre_parse is None or not isinstance(pattern.pattern, str):
        return False
    try:
        return _digit_in(list(_sre_parse.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - a pattern the parser can't read is searched as it is
        return False


def _digit_in(items: Any) -> bool:
    """Whether a sequence of parsed items holds a decimal digit in every match: one of its items does."""
    for op, av in items:
        if op is _sre.LITERAL:
            if chr(av).isdecimal():
                return True
        elif op is _sre.IN:
            if av and all(_digit_member(kind, value) for kind, value in av):
                return True
        elif op is _sre.SUBPATTERN:
            if _digit_in(av[3]):
                return True
        elif op is _sre.ATOMIC_GROUP:
            if _digit_in(av):
                return True
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            if av[0] >= 1 and _digit_in(av[2]):
                return True
        elif op is _sre.ASSERT:  # a positive lookahead or lookbehind: what it reads is in the text too
            if _digit_in(av[1]):
                return True
        elif op is _sre.BRANCH:
            if all(_digit_in(branch) for branch in av[1]):
                return True
    return False


def _digit_member(kind: Any, value: Any) -> bool:
    """Whether a member of a character class matches decimal digits only."""
    if kind is _sre.LITERAL:
        return chr(value).isdecimal()
    if kind is _sre.RANGE:
        return all(chr(c).isdecimal() for c in range(value[0], value[1] + 1))
    return kind is _sre.CATEGORY and value is _sre.CATEGORY_DIGIT


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=256)
def has_digit(text: str) -> bool:
    r"""Whether ``text`` holds a decimal digit (what ``\d`` matches; cached: every needled pattern asks).

    >>> has_digit("Talks resumed on Monday."), has_digit("Six died on 3 May."), has_digit("Tres muertos el ٣ de mayo")
    (False, True, True)
    """
    return _DIGIT.search(text) is not None


def _score(found: set[Needle]) -> tuple[int, int]:
    return min(len(text) for text, _ in found), -len(found)


def _sequence(items: list, ignore: bool) -> set[Needle] | None:
    """What a sequence of parsed items needs: the best of its literal runs and of its items' needs."""
    options: list[set[Needle]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL and (not ignore or av < 128):
            run.append(chr(av).lower() if ignore else chr(av))
            continue
        if run:
            options.append({("".join(run), ignore)})
            run = []
        need = _item(op, av, ignore)
        if need:
            options.append(need)
    if run:
        options.append({("".join(run), ignore)})
    return max(options, key=_score, default=None)


def _item(op: Any, av: Any, ignore: bool) -> set[Needle] | None:
    if op is _sre.SUBPATTERN:
        _, add, remove, body = av
        inner = (ignore or bool(add & _sre.SRE_FLAG_IGNORECASE)) and not remove & _sre.SRE_FLAG_IGNORECASE
        return _sequence(list(body), inner)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(list(av), ignore)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, body = av
        return _sequence(list(body), ignore) if low >= 1 else None
    if op is _sre.ASSERT:  # a positive lookahead or lookbehind: what it reads is in the text too
        return _sequence(list(av[1]), ignore)
    if op is _sre.BRANCH:
        out: set[Needle] = set()
        for branch in av[1]:
            need = _sequence(list(branch), ignore)
            if not need:
                return None
            out |= need
            if len(out) > _MAX_NEEDLES:
                return None
        return out
    return None  # classes, anchors, negative lookarounds, back references: no literal needed


@lru_cache(maxsize=1024)
def twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""``pattern`` (under IGNORECASE) compiled case-sensitively for the folded text, or None.

    >>> twin(re.compile(r"\bShell(?:ed|ing)\b", re.I)).search("the town was shelled").span()
    (13, 20)
    >>> twin(re.compile("(?-i:IS) fighters", re.I)) is None, twin(re.compile("shelled")) is None
    (True, True)
    """
    if _sre_compile is None or not isinstance(pattern.pattern, str) or not pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
        if tree.data[:1] in ([(_sre.AT, _sre.AT_BEGINNING)], [(_sre.AT, _sre.AT_BEGINNING_STRING)]):
            return None  # anchored at the start: the pattern itself tries one place only, a twin costs more
        if tree.getwidth()[0] == 0 or not _lower(tree):
            return None
        tree.state.flags &= ~re.IGNORECASE
        _guard(tree)
        return _sre_compile.compile(tree, pattern.flags & ~re.IGNORECASE)
    except Exception:  # noqa: BLE001 - a pattern the parser can't read keeps no twin
        return None


# -- a first-character guard ------------------------------------------------------------------
#
# The regex engine skips ahead quickly only when a pattern starts with a literal or a class. One that
# starts with lookbehinds, a word boundary or an alternation of words is tried in full at every position
# of the text ("(?<!\bMr)(?<!\bDr)...[.!?]" runs sixteen lookbehinds at each character). Every match
# starts with one of a few characters, read from the pattern's parse tree; a lookahead for them in front
# fails at once elsewhere: same matches, often several times faster.

def _first_class(items: Any) -> tuple[list[tuple[Any, Any]], bool] | None:
    """The class members a match of a parsed sequence can start with, and whether it may be empty;
    None when any character may start it (a negated class, "." , a back reference, a flag switched inside)."""
    out: list[tuple[Any, Any]] = []
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: the next item reads the first character
        if op is _sre.LITERAL:
            out.append((_sre.LITERAL, av))
            return out, False
        if op is _sre.IN:
            if any(kind not in (_sre.LITERAL, _sre.RANGE, _sre.CATEGORY) for kind, _ in av):
                return None  # a negated class matches nearly anything
            out.extend(av)
            return out, False
        if op is _sre.SUBPATTERN:
            if (av[1] | av[2]) & _sre.SRE_FLAG_IGNORECASE:
                return None
            inner = _first_class(av[3])
        elif op is _sre.ATOMIC_GROUP:
            inner = _first_class(av)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            inner = _first_class(av[2])
            if inner is not None and av[0] == 0:
                inner = (inner[0], True)
        elif op is _sre.BRANCH:
            members: list[tuple[Any, Any]] = []
            empty = False
            for branch in av[1]:
                found = _first_class(branch)
                if found is None:
                    return None
                members += found[0]
                empty = empty or found[1]
            inner = (members, empty)
        else:
            return None
        if inner is None:
            return None
        out += inner[0]
        if not inner[1]:
            return out, False
    return out, True


def _guard(tree: Any) -> bool:
    r"""Put a lookahead for the characters every match starts with in front of a parsed pattern (in place).

    Only a selective guard is worth its test: none when a match may be empty or start with any character
    of a category (``\s``, ``\w``, ``\d``).
    """
    found = _first_class(tree.data)
    if found is None or found[1] or not found[0] or any(kind is _sre.CATEGORY for kind, _ in found[0]):
        return False
    members = list(dict.fromkeys(found[0]))
    tree.data.insert(0, (_sre.ASSERT, (1, _sre_parse.SubPattern(tree.state, [(_sre.IN, members)]))))
    return True


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""``pattern`` with a lookahead for the characters its matches start with in front (same matches), or
    ``pattern`` itself when no selective guard exists. For a pattern searched at every position of many texts.

    >>> end = guarded(re.compile(r"(?<!\bMr)(?<!\bDr)[.!?](?=\s)"))
    >>> end.pattern[:12], [m.start() for m in end.finditer("Mr. Li left. Dr. Ma said so! Yes.")]
    ('(?=[\\.\\!\\?])', [11, 27])
    >>> guarded(re.compile(r"\s+killed")).pattern
    '\\s+killed'
    """
    if _sre_parse is None or not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
        return pattern
    try:
        found = _first_class(_sre_parse.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # noqa: BLE001 - a pattern the parser can't read is kept as it is
        return pattern
    if found is None or found[1] or not found[0] or any(kind is _sre.CATEGORY for kind, _ in found[0]):
        return pattern
    members = []
    for kind, value in dict.fromkeys(found[0]):
        if kind is _sre.LITERAL:
            members.append(_in_class(value))
        else:
            members.append(f"{_in_class(value[0])}-{_in_class(value[1])}")
    try:
        return re.compile(f"(?=[{''.join(members)}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. global flags written inside the pattern
        return pattern


def _in_class(code: int) -> str:
    """One character written inside a character class."""
    char = chr(code)
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char) or (char if char.isalnum() else "\\" + char)


def _lowered(code: int) -> int | None:
    """A literal's code in the folded text: ASCII lower-cased; an uncased character as it is; else None."""
    if code < 128:
        return ord(chr(code).lower())
    char = chr(code)
    return code if char.lower() == char == char.upper() and char not in _FOLDED_TO_ASCII else None


_FOLDED_TO_ASCII = "".join(map(chr, _FOLD))


def _lower(items: Any) -> bool:
    """Lower-case the literals of a parsed pattern in place; False where the twin could differ."""
    data = items.data if hasattr(items, "data") else items
    for k, (op, av) in enumerate(data):
        if op in (_sre.LITERAL, _sre.NOT_LITERAL):
            code = _lowered(av)
            if code is None:
                return False
            data[k] = (op, code)
        elif op is _sre.IN:
            extra = []
            for kind, value in av:
                if kind is _sre.LITERAL:
                    code = _lowered(value)
                    if code is None:
                        return False
                    extra.append((kind, code))
                elif kind is _sre.RANGE:
                    low, high = value
                    if any(_lowered(c) is None for c in range(max(low, 128), high + 1)):
                        return False
                    extra += [(_sre.LITERAL, ord(chr(c).lower())) for c in range(low, min(high, 127) + 1) if chr(c).isupper()]
                elif kind not in (_sre.NEGATE, _sre.CATEGORY):
                    return False
            av.extend(extra)  # what an upper-case member stood for, in the folded text (a negated class too)
        elif op is _sre.BRANCH:
            if not all(_lower(branch) for branch in av[1]):
                return False
        elif op is _sre.SUBPATTERN:
            if (av[1] | av[2]) & _sre.SRE_FLAG_IGNORECASE or not _lower(av[3]):
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            if not _lower(av[2]):
                return False
        elif op is _sre.ATOMIC_GROUP:
            if not _lower(av):
                return False
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if not _lower(av[1]):
                return False
        elif op not in (_sre.ANY, _sre.AT, _sre.CATEGORY):
            return False  # back references and anything else: no twin
    return True


class Needled:
    r"""A compiled pattern that skips texts lacking all its needles, and searches by its twin where it has one.

    Answers ``search``, ``match``, ``fullmatch``, ``finditer``, ``findall``
    and ``sub`` exactly as the pattern does (the matches are the pattern's
    own); anything else is the pattern's.

    >>> toll = Needled(re.compile("death toll"))
    >>> toll.sub("X", "no match here"), list(toll.finditer("the death toll rose")), toll.pattern
    ('no match here', [<re.Match object; span=(4, 14), match='death toll'>], 'death toll')
    >>> list(Needled(re.compile(r"\bshell(?:s|ed)\b", re.I)).finditer("Shells fell; SHELLED twice"))
    [<re.Match object; span=(0, 6), match='Shells'>, <re.Match object; span=(13, 20), match='SHELLED'>]
    """

    __slots__ = ("regex", "plain", "lowered", "twin", "digit")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        found = needles(regex)
        self.plain = tuple(text for text, fold in found or () if not fold)
        self.lowered = tuple(text for text, fold in found or () if fold)
        if found is None:
            self.plain, self.lowered = ("",), ()  # "" is in every text: always searched
        self.twin = twin(regex)
        self.digit = needs_digit(regex)

    def absent(self, text: str) -> bool:
        """Whether ``text`` lacks a digit the pattern needs, or holds none of the needles: no match can exist."""
        if self.digit and not has_digit(text):
            return True
        for needle in self.plain:  # loops, not any(...): asked ~30 times per sentence, a generator costs more than the test
            if needle in text:
                return False
        if self.lowered:
            low = folded(text)
            for needle in self.lowered:
                if needle in low:
                    return False
        return True

    def _folded(self, text: str) -> str | None:
        """The text the twin reads (None: no twin, or folding changed the length, so search the text itself)."""
        if self.twin is None:
            return None
        low = folded(text)
        return low if len(low) == len(text) else None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.absent(text):
            return None
        low = self._folded(text)
        if low is None:
            return self.regex.search(text, pos, endpos)
        found = self.twin.search(low, pos, endpos)  # type: ignore[union-attr]
        return None if found is None else self.regex.match(text, found.start(), endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.absent(text):
            return None
        low = self._folded(text)
        if low is not None and self.twin.match(low, pos, endpos) is None:  # type: ignore[union-attr]
            return None
        return self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self.absent(text):
            return None
        low = self._folded(text)
        if low is not None and self.twin.fullmatch(low, pos, endpos) is None:  # type: ignore[union-attr]
            return None
        return self.regex.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        if self.absent(text):
            return iter(())
        low = self._folded(text)
        if low is None:
            return self.regex.finditer(text, pos, endpos)
        return self._rematched(text, self.twin.finditer(low, pos, endpos), endpos)  # type: ignore[union-attr]

    def _rematched(self, text: str, found: Iterator[re.Match[str]], endpos: int) -> Iterator[re.Match[str]]:
        """The pattern's own match at each place the twin found one (a twin never matches empty)."""
        match = self.regex.match
        for m in found:
            own = match(text, m.start(), endpos)
            if own is not None:
                yield own

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return [] if self.search(text, pos, endpos) is None else self.regex.findall(text, pos, endpos)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return text if self.search(text) is None else self.regex.sub(repl, text, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)


# id(pattern) → (pattern, its Needled): a compiled pattern's hash reads its whole program each time (CPython
# does not keep it), so a rule table asking for its patterns' Needled on every sentence paid more for the
# cache key than for the search it skipped (issue 11). Holding the pattern keeps its id unique.
_BY_ID: dict[int, tuple[re.Pattern[str], Needled]] = {}


def needled(pattern: re.Pattern[str]) -> Needled:
    """The ``Needled`` of a compiled pattern, made once (for patterns kept in rule tables).

    >>> needled(re.compile("since")) is needled(re.compile("since"))
    True
    """
    hit = _BY_ID.get(id(pattern))
    if hit is not None and hit[0] is pattern:
        return hit[1]
    made = _needled(pattern)
    if len(_BY_ID) >= 4096:
        _BY_ID.clear()
    _BY_ID[id(pattern)] = (pattern, made)
    return made


@lru_cache(maxsize=1024)
def _needled(pattern: re.Pattern[str]) -> Needled:
    """One ``Needled`` for equal patterns (compiled apart)."""
    return Needled(pattern)


# -- patterns that are only a list of strings --------------------------------------------------------

_MAX_STRINGS = 2000
Alternative = tuple[str, tuple[int, ...], tuple[int, ...]]  # the string, offsets needing \b, offsets needing \B


@lru_cache(maxsize=256)
def strings(pattern: re.Pattern[str]) -> tuple[Alternative, ...] | None:
    r"""The strings ``pattern`` matches, in the order the regex engine tries them, when it is only that.

    Literals, alternations, classes of single characters, optional parts and word boundaries
    (``\b``, ``\B``, kept as the offsets where they must hold); anything else (repeats,
    lookarounds, categories, flags), a string that may be empty, or over 2,000 strings: None.

    >>> strings(re.compile(r"[Ww]eekends?\b"))
    (('Weekends', (8,), ()), ('Weekend', (7,), ()), ('weekends', (8,), ()), ('weekend', (7,), ()))
    >>> strings(re.compile(r"\d+ days")) is None
    True
    """
    if _sre_parse is None or not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    try:
        found = _strings(list(_sre_parse.parse(pattern.pattern, pattern.flags)))
    except Exception:  # noqa: BLE001 - a pattern the parser can't read is searched as it is
        return None
    if found is None or any(not text for text, _, _ in found):
        return None
    return tuple(found)


def _strings(items: list) -> list[Alternative] | None:
    out: list[Alternative] = [("", (), ())]
    for op, av in items:
        options: list[Alternative] | None
        if op is _sre.LITERAL:
            options = [(chr(av), (), ())]
        elif op is _sre.IN:
            chars = []
            for kind, value in av:
                if kind is _sre.LITERAL:
                    chars.append(chr(value))
                elif kind is _sre.RANGE and value[1] - value[0] < 64:
                    chars += map(chr, range(value[0], value[1] + 1))
                else:
                    return None
            options = [(c, (), ()) for c in chars]
        elif op is _sre.AT and av in (_sre.AT_BOUNDARY, _sre.AT_NON_BOUNDARY):
            options = [("", (0,), ()) if av is _sre.AT_BOUNDARY else ("", (), (0,))]
        elif op is _sre.BRANCH:
            options = []
            for branch in av[1]:
                more = _strings(list(branch))
                if more is None:
                    return None
                options += more
        elif op is _sre.SUBPATTERN and not av[1] and not av[2]:
            options = _strings(list(av[3]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            body = _strings(list(av[2]))
            if body is None:
                return None
            options = [*body, ("", (), ())] if op is _sre.MAX_REPEAT else [("", (), ()), *body]
        else:
            return None
        if options is None:
            return None
        out = [(a + b, sa + tuple(len(a) + o for o in sb), na + tuple(len(a) + o for o in nb))
               for a, sa, na in out for b, sb, nb in options]
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _word_at(text: str, i: int) -> bool:
    if 0 <= i < len(text):
        c = text[i]
        return c.isalnum() or c == "_"
    return False


@lru_cache(maxsize=256)
def _rooted(found: tuple[Alternative, ...]) -> tuple[tuple[str, tuple[tuple[int, str, tuple[int, ...], tuple[int, ...]], ...]], ...] | None:
    """The strings of ``found`` grouped under their shortest prefix in the folded text (its *root*), each
    group's strings in the engine's order with their rank; None if folding changes a string's length.

    A root is found once in the folded text and each hit checked against its strings, so "day", "Day",
    "DAY", "days" and "daylight" cost one scan, not five.

    >>> _rooted(strings(re.compile(r"[Dd]ays?|DAY")))
    (('day', ((0, 'Days', (), ()), (1, 'Day', (), ()), (2, 'days', (), ()), (3, 'day', (), ()), (4, 'DAY', (), ()))),)
    """
    lowered = [text.translate(_FOLD).lower() for text, _, _ in found]
    if any(len(low) != len(text) for low, (text, _, _) in zip(lowered, found)):
        return None
    roots: list[str] = []
    for low in sorted(set(lowered), key=len):
        if not any(low.startswith(root) for root in roots):
            roots.append(low)
    groups: dict[str, list[tuple[int, str, tuple[int, ...], tuple[int, ...]]]] = {root: [] for root in roots}
    for rank, (low, (text, bounds, inner)) in enumerate(zip(lowered, found)):
        root = next(root for root in roots if low.startswith(root))
        groups[root].append((rank, text, bounds, inner))
    return tuple((root, tuple(members)) for root, members in groups.items())


_PLANS: dict[int, tuple[re.Pattern[str], tuple[Alternative, ...] | None, Any]] = {}  # id(pattern) → its strings and roots


def _plan(pattern: re.Pattern[str]) -> tuple[tuple[Alternative, ...] | None, Any]:
    """``strings(pattern)`` and their ``_rooted`` groups, remembered by the pattern's id (see ``_BY_ID``)."""
    hit = _PLANS.get(id(pattern))
    if hit is not None and hit[0] is pattern:
        return hit[1], hit[2]
    found = strings(pattern)
    rooted = _rooted(found) if found is not None else None
    if len(_PLANS) >= 1024:
        _PLANS.clear()
    _PLANS[id(pattern)] = (pattern, found, rooted)
    return found, rooted


def spans(pattern: re.Pattern[str], text: str, per_string: int = 50) -> list[tuple[int, int]]:
    r"""``[m.span() for m in pattern.finditer(text)]``, by ``str.find`` where the pattern is only strings.

    A regex scan reads every position of the text once per pattern; finding each string is
    the C loop of ``str.find``, many times faster over a long text (issue 11: the date tagger
    scans a whole article once per rule core). The text is folded to lower case once and each
    root (``_rooted``) found in it once: a hit is then checked against the strings themselves.

    >>> spans(re.compile(r"\b(?:day|days|Monday)\b"), "Monday, two days a day")
    [(0, 6), (12, 16), (19, 22)]
    """
    found, rooted = _plan(pattern)
    if found is None or len(text) < per_string * len(found):  # a short text: one regex scan costs less than a find per string
        return [m.span() for m in pattern.finditer(text)]
    low = folded(text) if rooted is not None else ""  # once per text (cached): every core of the date tagger reads it
    first: dict[int, tuple[int, int]] = {}  # start -> (rank, end) of the first string in the engine's order that matches there
    if rooted is not None and len(low) == len(text):
        for root, members in rooted:
            at = low.find(root)
            while at >= 0:
                for rank, string, bounds, inner in members:
                    if text.startswith(string, at) and _bounded(text, at, bounds, inner):
                        if at not in first or first[at][0] > rank:
                            first[at] = (rank, at + len(string))
                        break  # members are in the engine's order: the first that matches here wins in this group
                at = low.find(root, at + 1)
    else:
        for rank, (string, bounds, inner) in enumerate(found):
            at = text.find(string)
            while at >= 0:
                if at not in first and _bounded(text, at, bounds, inner):
                    first[at] = (rank, at + len(string))
                at = text.find(string, at + 1)
    out = []
    end = 0
    for start in sorted(first):
        if start >= end:
            end = first[start][1]
            out.append((start, end))
    return out


def _bounded(text: str, at: int, bounds: tuple[int, ...], inner: tuple[int, ...]) -> bool:
    """Whether the word boundaries (``\\b`` at ``bounds``) and non-boundaries (``\\B`` at ``inner``) of a string found at ``at`` hold."""
    return all(_word_at(text, at + o - 1) != _word_at(text, at + o) for o in bounds) \
        and all(_word_at(text, at + o - 1) == _word_at(text, at + o) for o in inner)
