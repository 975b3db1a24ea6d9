"""Every compiled regular expression of the package, for the backtracking checks (issue 11).

``all_patterns()`` walks each ``generator`` module's globals, and the values
they hold (rule records, tuples, dicts, dataclasses; a few levels deep), and
adds the patterns compiled at run time from the default metric table and
event types. Each comes with a name saying where it was found.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import generator


def _walk(value: Any, name: str, depth: int, seen: set[int]) -> Iterator[tuple[str, re.Pattern[str]]]:
    if id(value) in seen or depth > 4:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield name, value
        return
    if isinstance(value, dict):
        for key, item in list(value.items())[:2000]:
            yield from _walk(item, f"{name}[{key!r}]" if isinstance(key, (str, int)) else name, depth + 1, seen)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for i, item in enumerate(list(value)[:2000]):
            yield from _walk(item, f"{name}[{i}]", depth + 1, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _walk(getattr(value, field.name, None), f"{name}.{field.name}", depth + 1, seen)


def all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(where, pattern) for every distinct compiled str pattern in the package."""
    from generator import event_types, figures, tallies

    found: dict[tuple[str, int], tuple[str, re.Pattern[str]]] = {}
    seen: set[int] = set()
    modules = [importlib.import_module(f"generator.{m.name}") for m in pkgutil.iter_modules(generator.__path__) if m.name != "__main__"]
    extra = {
        "figures metric table": figures._table(figures.DEFAULT_METRICS),
        "tallies metric table": figures._table(tallies.tally_metrics(figures.DEFAULT_METRICS)),
    }
    extra["event types"] = event_types._compiled(event_types._key(event_types.DEFAULT_EVENT_TYPES))
    roots = [(f"{module.__name__}.{key}", value) for module in modules for key, value in vars(module).items() if not key.startswith("__")]
    roots += list(extra.items())
    for root, value in roots:
        for where, pattern in _walk(value, root, 0, seen):
            found.setdefault((pattern.pattern, pattern.flags), (where, pattern))
    return sorted(found.values(), key=lambda x: x[0])




# -- ambiguous quantifiers (the static half of the backtracking check) ----------------------------

_SAMPLES = " \t\naA1,.-()'_:;/\""


def _parsed(pattern: re.Pattern[str]) -> list:
    from re import _parser

    return list(_parser.parse(pattern.pattern, pattern.flags))


def _chars(op: Any, av: Any, flags: int) -> frozenset[str] | None:
    """Which sample characters a one-character item matches; None when it is not one character."""
    from re import _constants as c

    from generator.anchored import _sre_class

    if op is c.LITERAL:
        char = chr(av)
        return frozenset(x for x in _SAMPLES if x == char or (flags & re.I and x.lower() == char.lower()))
    if op is c.NOT_LITERAL:
        return frozenset(x for x in _SAMPLES if x != chr(av))
    if op is c.ANY:
        return frozenset(x for x in _SAMPLES if x != "\n" or flags & re.S)
    if op is c.IN:
        source = _sre_class(av)
        if source is None:
            return frozenset(_SAMPLES)  # unknown: assume the worst
        compiled = re.compile(source, flags & re.I)
        return frozenset(x for x in _SAMPLES if compiled.fullmatch(x))
    return None


def _run(item: tuple, flags: int) -> frozenset[str] | None:
    """The characters of an unbounded, backtracking repeat of one character (``\\s*``, ``[^,]+``); else None."""
    from re import _constants as c

    op, av = item
    if op not in (c.MAX_REPEAT, c.MIN_REPEAT) or av[1] != c.MAXREPEAT or len(av[2]) != 1:
        return None
    inner_op, inner_av = list(av[2])[0]
    return _chars(inner_op, inner_av, flags)


def _describe(chars: frozenset[str]) -> str:
    """
    >>> _describe(frozenset(" a1,"))
    'whitespace, letters, digits, ","'
    """
    names = [name for name, sample in (("whitespace", " \t\n"), ("letters", "aA"), ("digits", "1")) if chars & set(sample)]
    return ", ".join(names + [f'"{c}"' for c in sorted(chars) if c not in " \t\naA1"])


def _min_width(items: list) -> int:
    from re import _parser

    try:
        return _parser.SubPattern(_parser.State(), items).getwidth()[0]
    except Exception:  # noqa: BLE001 - a back reference: its width is unknown here, assume it consumes
        return 1


def ambiguous(pattern: re.Pattern[str]) -> list[str]:
    """Quantifiers that can split one run of characters in many ways, so that a failing match retries
    every split: polynomial or exponential time in the run's length.

    * three or more unbounded repeats over shared characters with only optional items between them
      (``\\s*,?\\s*\\(?\\s*``): each split of a run of spaces is tried, cubic per position;
    * an unbounded repeat whose body is an unbounded repeat and optional items (``(\\s*x?)*``,
      ``(?:a+)+``): exponential.

    Possessive repeats (``\\s*+``) never give back what they took, so they don't count.

    >>> ambiguous(re.compile(r"\\s*,?\\s*\\(?\\s*x")), ambiguous(re.compile(r"\\s*+,?\\s*+\\(?\\s*+x"))
    (['3 repeats over whitespace in a row'], [])
    >>> ambiguous(re.compile(r"(?:\\s*x?)*y"))
    ['nested repeats over whitespace']
    """
    found: list[str] = []
    _check(_parsed(pattern), pattern.flags, found)
    return found


def _check(items: list, flags: int, found: list[str]) -> None:
    from re import _constants as c

    chain: list[frozenset[str]] = []
    for op, av in items:
        run = _run((op, av), flags)
        if run is not None:
            shared = run & chain[-1] if chain else run
            chain = chain + [run] if chain and shared else [run]
            if len(chain) >= 3:
                common = frozenset.intersection(*chain)
                if common:
                    found.append(f"{len(chain)} repeats over {_describe(common)} in a row")
                    chain = []
        elif op in (c.AT, c.ASSERT, c.ASSERT_NOT) or (
            op not in (c.BRANCH, c.SUBPATTERN) and _min_width([(op, av)]) == 0
        ):
            pass  # optional or zero-width: the chain goes on
        else:
            chain = []
        # look inside
        if op is c.BRANCH:
            for branch in av[1]:
                _check(list(branch), flags, found)
        elif op is c.SUBPATTERN:
            _check(list(av[-1]), flags, found)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            _check(list(av[1]), flags, found)
        elif op is c.ATOMIC_GROUP:
            _check(list(av), flags, found)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            body = list(av[2])
            _check(body, flags, found)
            if op is not c.POSSESSIVE_REPEAT and av[1] == c.MAXREPEAT:
                _nested(body, flags, found)


def _nested(body: list, flags: int, found: list[str]) -> None:
    """An unbounded repeat's body that is one unbounded repeat plus optional items: exponential."""
    flat = body
    while len(flat) == 1 and flat[0][0] is __import__("re")._constants.SUBPATTERN:
        flat = list(flat[0][1][-1])
    runs = [(i, _run(item, flags)) for i, item in enumerate(flat)]
    runs = [(i, r) for i, r in runs if r]
    for i, run in runs:
        others = flat[:i] + flat[i + 1 :]
        if _min_width(others) == 0:
            found.append(f"nested repeats over {_describe(run)}")
            return


def flagged() -> list[tuple[str, str, list[str]]]:
    """(where, pattern, findings) for every pattern of the package with ambiguous quantifiers."""
    out = []
    for where, pattern in all_patterns():
        try:
            found = ambiguous(pattern)
        except Exception as err:  # noqa: BLE001 - report, don't hide
            found = [f"could not be checked: {err}"]
        if found:
            out.append((where, pattern.pattern, found))
    return out


if __name__ == "__main__":
    print(len(all_patterns()), "patterns")
    for where, source, found in flagged():
        print(f"{where}: {'; '.join(found)}: {source[:100]}")
