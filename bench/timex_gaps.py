"""Where generator.dates misses time expressions, without looking at the test set.

Usage::

    .venv/bin/python bench/timex_gaps.py gold --split timebank|aquaint [--types DURATION,SET] [--top N]
    .venv/bin/python bench/timex_gaps.py cues [--top N] [--examples K]

``gold`` lists the gold TIMEX3 of one TempEval-3 *train* source that no
expression of ours overlaps, grouped by shape (lower case, digits as ``9``,
number words as ``N``): the forms worth a rule, with how often each occurs.
Develop on one source, then run the other to see whether the fix carries
(issue 16's cross-source split). Platinum is refused: it is the test set.

``cues`` needs no annotation: in the Timeline17 Syria articles
(``../shared/data/tls/t17/*/articles.jsonl``, unseen by the rules) it counts
words that usually belong to a duration or a set (time units, "every",
"daily", "a year", plural weekdays ...) *outside* every expression we tag,
grouped by the cue and the word on each side, with examples. Most hits are
not time expressions ("the day", "Defence Minister"); the counts say which
shapes deserve a look, and the examples show whether they are durations or
sets the tagger should have found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generator.dates import _NUMWORD, find_timexes  # noqa: E402

TLS = ROOT.parent / "shared" / "data" / "tls" / "t17"

_NUMBER = re.compile(rf"\b(?:{_NUMWORD}|a few|several)(?:-{_NUMWORD})?\b", re.I)

# Words that usually belong to a duration or a set: "for three weeks", "every Friday", "twice a day".
_CUE_WORDS = (
    "seconds? minutes? hours? days? nights? weeks? weekends? fortnights? months? years? decades? centuries century"
    " quarters? daily nightly hourly weekly monthly yearly annually annual biannual every each per twice"
    " (?:mon|tues|wednes|thurs|fri|satur|sun)days"
)
CUES = re.compile(r"\b(?:" + "|".join(_CUE_WORDS.split()) + r")\b", re.I)


def shape(text: str) -> str:
    """A form with its numbers generalised, to group look-alike expressions.

    >>> shape("the past 18 months"), shape("Two and a half years")
    ('the past 9 months', 'N and a half years')
    """
    return re.sub(r"\d+", "9", _NUMBER.sub("N", text.lower()))


def covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the (sorted) spans."""
    return any(s < end and start < e for s, e in spans)


def gold_gaps(split: str, types: set[str]) -> tuple[Counter[str], dict[str, str], int]:
    """Missed gold expressions of ``types`` by shape, one example each, and the number of gold ones."""
    import tempeval

    if split not in ("timebank", "aquaint", "train"):
        raise SystemExit("gold gaps are for a train split (timebank, aquaint, train); platinum is the test set")
    counts: Counter[str] = Counter()
    example: dict[str, str] = {}
    total = 0
    for doc in tempeval.load(split):
        ours = [(t.start, t.end) for t in find_timexes(doc.text, doc.dct)]
        for g in doc.gold:
            if g.type not in types:
                continue
            total += 1
            if covered(ours, g.start, g.end):
                continue
            key = f"{g.type} {shape(g.text)}"
            counts[key] += 1
            example.setdefault(key, f"{g.value} | …{tempeval._ctx(doc.text, g.start, g.end)}…")
    return counts, example, total


def tls_articles() -> list[tuple[dt.date, str]]:
    """(publication date, text) of every Timeline17 Syria article, in file order."""
    out = []
    for path in sorted(TLS.glob("*/articles.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                out.append((dt.date.fromisoformat(record["date"]), record["text"]))
    return out


def cue_gaps(articles: list[tuple[dt.date, str]]) -> tuple[Counter[str], dict[str, list[str]], Counter[str]]:
    """Cue words outside our expressions, as 'before CUE after' shapes with examples; and per cue."""
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    per_cue: Counter[str] = Counter()
    for published, text in articles:
        ours = sorted((t.start, t.end) for t in find_timexes(text, published))
        for m in CUES.finditer(text):
            if covered(ours, m.start(), m.end()):
                continue
            before = re.findall(r"[\w'-]+", text[max(0, m.start() - 40) : m.start()])[-1:]
            after = re.findall(r"[\w'-]+", text[m.end() : m.end() + 30])[:1]
            key = shape(" ".join([*before, m.group(), *after]))
            counts[key] += 1
            per_cue[m.group().lower()] += 1
            if len(examples[key]) < 3:
                examples[key].append(text[max(0, m.start() - 60) : m.end() + 40].replace("\n", " "))
    return counts, examples, per_cue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    gold = sub.add_parser("gold")
    gold.add_argument("--split", required=True)
    gold.add_argument("--types", default="DURATION,SET")
    gold.add_argument("--top", type=int, default=40)
    cues = sub.add_parser("cues")
    cues.add_argument("--top", type=int, default=60)
    cues.add_argument("--examples", type=int, default=2)
    args = parser.parse_args(argv)
    if args.mode == "gold":
        counts, example, total = gold_gaps(args.split, set(args.types.split(",")))
        missed = sum(counts.values())
        print(f"{args.split}: {missed} of {total} gold {args.types} expressions missed ({100 * missed / max(total, 1):.1f}%)")
        for key, n in counts.most_common(args.top):
            print(f"{n:4d}  {key:40s}  {example[key]}")
        return 0
    counts, examples, per_cue = cue_gaps(tls_articles())
    print("cue words outside our expressions:", ", ".join(f"{c} {n}" for c, n in per_cue.most_common(25)))
    for key, n in counts.most_common(args.top):
        print(f"{n:4d}  {key}")
        for ex in examples[key][: args.examples]:
            print(f"        …{ex}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
