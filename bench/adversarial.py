"""How extraction time grows with input size, on adversarial and normal shapes (issue 11).

    .venv/bin/python bench/adversarial.py                  # default sizes
    .venv/bin/python bench/adversarial.py --scale 0.25     # quicker, smaller inputs
    .venv/bin/python bench/adversarial.py --cap 60         # stop a shape once one size takes > 60 s
    .venv/bin/python bench/adversarial.py --repeat 3       # each time the fastest of 3 runs (a loaded machine)

For each shape, builds texts of n, 2n and 4n characters, runs read
(``read.markdown_to_text``) then ``events.extract_article`` on one core, and
prints the CPU time (``time.process_time``: other processes on a shared
machine don't count) and the ratio to the n time. Linear growth gives ratios near
2 and 4. With ``--repeat k`` each time (dateparser's too) is the fastest of k
runs: on a loaded machine one run can be 15 % off, and the fastest is the
least disturbed. Where it makes sense, dateparser's ``search_dates`` on the same text
is timed in the same run as a baseline. Normal prose is built at run time from
the Timeline17 input documents in /work/shared/data/tls (cycled); nothing from
them is stored here. Target (issue 11): linear growth, 1 MB of prose
extracted in under 2 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from timing import Stopwatch  # noqa: E402  (bench/timing.py)

from generator import read  # noqa: E402
from generator.events import extract_article  # noqa: E402
from generator.model import Article  # noqa: E402

TLS = Path("/work/shared/data/tls/t17")
PUBLISHED = dt.date(2016, 12, 23)
# the per-article limits would stop the larger sizes: this measures extraction itself
NO_LIMITS = {"TIMELINE_ARTICLE_MAX_CHARS": 0, "TIMELINE_ARTICLE_TIME_BUDGET": 0}


def repeat(unit: str) -> Callable[[int], str]:
    def build(size: int) -> str:
        return (unit * (size // len(unit) + 1))[:size]
    return build


def prose(size: int) -> str:
    """Real news prose, paragraphs of the TLS input documents cycled to ``size`` characters."""
    paragraphs: list[str] = []
    total = 0
    files = sorted(TLS.glob("*/InputDocs/*/*.txt"))
    if not files:
        raise SystemExit(f"no TLS texts under {TLS}")
    while total < size:
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace").strip()
            if text:
                paragraphs.append(text)
                total += len(text) + 2
            if total >= size:
                break
    return "\n\n".join(paragraphs)[:size]


def number_list(size: int) -> str:
    return "Casualties: " + repeat("12, 7, 300, 4,500, ")(size) + "."


def many_dates(size: int) -> str:
    return repeat("on 3 March 2016, on Monday, last week, 12/04/2015, in May 2014, ")(size)


def long_word(size: int) -> str:
    return "The " + "a" * size + " killed 5 in Aleppo."


def deep_brackets(size: int) -> str:
    half = size // 2
    return "(" * half + "killed 5 in Aleppo" + ")" * half + "."


SHAPES: list[tuple[str, Callable[[int], str], int, bool]] = [
    # name, builder, n in characters at scale 1, dateparser baseline?
    ('one sentence of "killed 5 in Aleppo " repeated', repeat("killed 5 in Aleppo "), 12_500, True),
    ('"A. " repeated', repeat("A. "), 25_000, False),
    ('one sentence of "a soldier was killed " repeated', repeat("a soldier was killed "), 12_500, False),
    ('one sentence of "killed 3 times in Aleppo " repeated', repeat("killed 3 times in Aleppo "), 12_500, False),
    ('one sentence of "not killed 5 " repeated', repeat("not killed 5 "), 12_500, False),
    ("normal prose (TLS texts cycled)", prose, 1_000_000, True),
    ("one long list of numbers", number_list, 25_000, False),
    ("many date expressions", many_dates, 25_000, True),
    ("one very long word", long_word, 100_000, False),
    ("deeply nested brackets", deep_brackets, 25_000, False),
]


def extract(text: str) -> float:
    """CPU seconds of this process (read + extract): on a shared machine wall time also counts other processes."""
    with Stopwatch(cpu=True) as t:
        plain = read.markdown_to_text(text)
        article = Article(path="bench.md", slug="bench", title="Bench", published=PUBLISHED, text=plain)
        extract_article(article, NO_LIMITS)
    return t.seconds


def dateparser_time(text: str) -> float | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    with Stopwatch(cpu=True) as t:
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": dt.datetime(2016, 12, 23)})
    return t.seconds


def kb(size: int) -> str:
    return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size / 1000:g} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by this")
    parser.add_argument("--cap", type=float, default=120.0, help="skip larger sizes of a shape once one run exceeds this many seconds")
    parser.add_argument("--no-dateparser", action="store_true", help="skip the dateparser baseline")
    parser.add_argument("--only", help="run only shapes whose name contains this")
    parser.add_argument("--repeat", type=int, default=1, help="time each run this many times and keep the fastest (at least 1)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    extract("Warm-up: 3 people were killed in Aleppo on Monday.")  # gazetteer and models load once, outside the timings
    print("| input (CPU seconds) | n | 2n | 4n | 4n/n | dateparser search_dates at n |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, build, n, baseline in SHAPES:
        if args.only and args.only not in name:
            continue
        n = max(100, int(n * args.scale))
        cells: list[str] = []
        first: float | None = None
        last: float | None = None
        for factor in (1, 2, 4):
            if last is not None and last > args.cap:
                cells.append("skipped")
                continue
            text = build(n * factor)
            last = min(extract(text) for _ in range(args.repeat))
            first = first if first is not None else last
            cells.append(f"{kb(len(text))}: {last:.2f} s (×{last / first:.1f})" if first else f"{kb(len(text))}: {last:.2f} s")
        ratio = f"{last / first:.1f}" if first and cells[-1] != "skipped" and last is not None else "-"
        base = "-"
        if baseline and not args.no_dateparser:
            text = build(n)
            runs = [dateparser_time(text) for _ in range(args.repeat)]
            seconds = None if None in runs else min(t for t in runs if t is not None)
            base = f"{seconds:.2f} s" if seconds is not None else "not installed"
        print(f"| {name} | {' | '.join(cells)} | {ratio} | {base} |", flush=True)


if __name__ == "__main__":
    main()
