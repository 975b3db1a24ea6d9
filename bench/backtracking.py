"""Catastrophic backtracking check: every compiled pattern of the package on pathological strings (issue 11).

    .venv/bin/python bench/backtracking.py              # n = 1,000 and 4,000 characters
    .venv/bin/python bench/backtracking.py --n 2000 --top 30

For each pattern (``bench/patterns.py``) and each string family (long runs
of spaces, digits, letters, capitals, punctuation, brackets, and mixes that
keep a pattern half-matching: "a a a", "1, 1, 1", "A. A. A."), times
``pattern.match`` at the string's start on n and 4n characters (CPU time):
the cost of trying one position, which a search pays at every position. A
pattern whose quantifiers can't split a run in many ways grows at most 4x
(it reads the run, maybe once more backing off); nested or adjacent
quantifiers over the same characters (``(\\s+x?)*``, ``\\s*\\s+``) grow 16x
or more, or hit the guard (``--guard`` seconds, an alarm; the regex engine
checks signals). Prints the slowest (pattern, string) pairs with their
growth; the in-run baseline is ``re.search(r"x", text)`` on the same 4n
string (one plain scan of every position).
Exit status 1 when a pair hits the guard or takes more than ``--limit``
seconds at 4n.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from patterns import all_patterns  # noqa: E402
from timing import Stopwatch  # noqa: E402  (bench/timing.py)

FAMILIES: dict[str, str] = {
    "spaces": " ",
    "tabs and newlines": " \t\n",
    "digits": "1",
    "letters": "a",
    "capitals": "A",
    "full stops": ".",
    "commas": ",",
    "hyphens": "-",
    "quotes": "'",
    "open brackets": "(",
    "words": "a ",
    "capitalised words": "Aa ",
    "initials": "A. ",
    "number list": "1, ",
    "digit groups": "1,000 ",
    "hyphenated": "a-",
    "dates": "1/1/",
    "colons": "1:1 ",
}


class Guard(Exception):
    pass


def _alarm(signum, frame):  # noqa: ANN001
    raise Guard


def timed(pattern, text: str, guard: float) -> float | None:  # noqa: ANN001
    signal.setitimer(signal.ITIMER_REAL, guard)
    try:
        with Stopwatch(cpu=True) as t:
            pattern.match(text)
    except Guard:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return t.seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--guard", type=float, default=5.0, help="seconds before one search is abandoned")
    parser.add_argument("--limit", type=float, default=0.05, help="seconds at 4n that count as a failure (or a tenth of it, growing over 8x)")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    import re

    patterns = all_patterns()
    rows = []
    failures = 0
    for family, unit in FAMILIES.items():
        small = (unit * (args.n // len(unit) + 1))[: args.n]
        large = (unit * (4 * args.n // len(unit) + 1))[: 4 * args.n]
        for where, pattern in patterns:
            t4 = timed(pattern, large, args.guard)
            if t4 is None:
                rows.append((float("inf"), where, pattern.pattern, family, None, None))
                failures += 1
                continue
            if t4 < 0.002:
                continue
            t1 = timed(pattern, small, args.guard) or 1e-6
            rows.append((t4, where, pattern.pattern, family, t1, t4 / max(t1, 1e-6)))
            failures += t4 > args.limit or (t4 / max(t1, 1e-6) > 8 and t4 > args.limit / 10)
    baseline = timed(re.compile("x"), "a" * 4 * args.n, args.guard)
    print(f"{len(patterns)} patterns x {len(FAMILIES)} string families, n = {args.n} / 4n = {4 * args.n} characters; "
          f"baseline plain scan at 4n: {baseline * 1e6:.0f} us")
    print("| pattern (where) | strings | n | 4n | 4n/n |")
    print("| --- | --- | --- | --- | --- |")
    for t4, where, source, family, t1, ratio in sorted(rows, key=lambda r: r[0], reverse=True)[: args.top]:
        shown = source if len(source) <= 60 else source[:57] + "..."
        if t1 is None:
            print(f"| `{shown}` ({where}) | {family} | - | over {args.guard:g} s | - |")
        else:
            print(f"| `{shown}` ({where}) | {family} | {t1 * 1000:.1f} ms | {t4 * 1000:.1f} ms | {ratio:.1f} |")
    print(f"{failures} (pattern, strings) pairs over {args.limit:g} s at 4n, or over {args.limit / 10:g} s growing over 8x, or over the guard")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
