"""TempEval-3 benchmark: generator.dates against dateparser's search_dates.

Usage::

    .venv/bin/python bench/tempeval.py [--split all|platinum|train|timebank|aquaint] [--errors N]

Reads the TimeML documents in ``../shared/data/tempeval3/<split>`` (relative
to the repository root; never copied into the repo): ``platinum`` is the test
set; ``train`` is TimeBank + AQUAINT, scored also by source (``timebank``,
``aquaint``) to see how rules written on one source carry to the other.
The default, ``all``, scores platinum and both sources in one run and ends
with a summary table. It strips the tags to get
the raw text with gold TIMEX3 offsets, runs both taggers with the document
creation time (DCT) as reference, and scores them the TempEval-3 way:

* strict match: identical extent; relaxed match: overlap (one-to-one);
* precision/recall/F1 for both, micro-averaged over all documents;
* value accuracy on relaxed matches (exact TIMEX3 value string), and
  value F1 = value accuracy x relaxed F1; also for gold DATEs only;
* throughput in characters per second (tagging only, parsing excluded;
  best of ``--repeats`` timing rounds, default 5, alternating the taggers).

``--errors N`` prints up to N value/extent errors of generator.dates, on
a train split only: with platinum or all (platinum is the test set, for
reporting, not for tuning) the script refuses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import Stopwatch  # noqa: E402  (bench/timing.py)

from generator.dates import find_timexes  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "tempeval3"

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Doc:
    name: str
    dct: dt.date
    text: str
    gold: list[Span]


def parse_tml(path: Path) -> Doc:
    """Raw text of <TEXT> with the gold TIMEX3 spans at their character offsets."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"(\d{4})-?(\d{2})-?(\d{2})", raw, re.S)
    if dct_m is None:
        raise ValueError(f"{path}: no DCT")
    dct = dt.date(int(dct_m[1]), int(dct_m[2]), int(dct_m[3]))
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body is None:
        raise ValueError(f"{path}: no TEXT")
    src = body.group(1)
    out: list[str] = []
    length = 0
    gold: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(src):
        chunk = html.unescape(src[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            start, attrs = open_timex
            gold.append(Span(start, length, attrs.get("type", ""), attrs.get("value", ""), ""))
            open_timex = None
    out.append(html.unescape(src[pos:]))
    text = "".join(out)
    gold = [Span(g.start, g.end, g.type, g.value, text[g.start : g.end]) for g in gold]
    return Doc(path.stem, dct, text, gold)


# Split name → folder under DATA.
SPLITS = {"platinum": "platinum", "train": "train", "timebank": "train/TimeBank", "aquaint": "train/AQUAINT"}


def load(split: str) -> list[Doc]:
    folder = DATA / SPLITS[split]
    files = sorted(folder.rglob("*.tml"))
    if not files:
        raise SystemExit(f"no .tml files under {folder}")
    return [parse_tml(f) for f in files]


def run_ours(doc: Doc) -> list[Span]:
    return [Span(t.start, t.end, t.type, t.value, t.text) for t in find_timexes(doc.text, doc.dct)]


def run_dateparser(doc: Doc) -> list[Span]:
    """search_dates over the document; found substrings mapped to offsets in order."""
    from dateparser.search import search_dates

    base = dt.datetime(doc.dct.year, doc.dct.month, doc.dct.day, 12, 0)
    found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    spans: list[Span] = []
    cursor = 0
    for sub, when in found:
        i = doc.text.find(sub, cursor)
        if i == -1:
            i = doc.text.find(sub)
            if i == -1:
                continue
        else:
            cursor = i + len(sub)
        spans.append(Span(i, i + len(sub), "DATE", when.date().isoformat(), sub))
    return spans


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    date_relaxed: int = 0
    date_value_ok: int = 0
    type_ok: int = 0
    chars: int = 0
    seconds: float = 0.0
    gold_by_type: dict[str, int] = field(default_factory=dict)
    found_by_type: dict[str, int] = field(default_factory=dict)
    value_ok_by_type: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self, n: int) -> tuple[float, float, float]:
        p = n / self.system if self.system else 0.0
        r = n / self.gold if self.gold else 0.0
        return p, r, self._f(p, r)

    def value_acc(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    def date_value_acc(self) -> float:
        return self.date_value_ok / self.date_relaxed if self.date_relaxed else 0.0


def match(gold: list[Span], system: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one relaxed alignment: each gold with the first unused overlapping system span
    (identical extents are paired first)."""
    used: set[int] = set()
    pairs: list[tuple[Span, Span]] = []
    pending = []
    for g in gold:
        for j, s in enumerate(system):
            if j not in used and s.start == g.start and s.end == g.end:
                used.add(j)
                pairs.append((g, s))
                break
        else:
            pending.append(g)
    for g in pending:
        for j, s in enumerate(system):
            if j not in used and s.start < g.end and g.start < s.end:
                used.add(j)
                pairs.append((g, s))
                break
    return pairs


def best_times(docs: list[Doc], taggers: list, repeats: int) -> list[float]:
    """Seconds each tagger takes over all documents: the best of ``repeats``
    rounds. Rounds alternate between the taggers so that both meet the same
    machine load (the ratio is then fair even on a busy, shared machine)."""
    best = [float("inf")] * len(taggers)
    for _ in range(repeats):
        for i, tagger in enumerate(taggers):
            with Stopwatch() as t:
                for doc in docs:
                    tagger(doc)
            best[i] = min(best[i], t.seconds)
    return best


def score(docs: list[Doc], tagger, score_: Score, errors: list[str] | None = None) -> Score:
    for doc in docs:
        system = tagger(doc)
        score_.chars += len(doc.text)
        score_.gold += len(doc.gold)
        for g in doc.gold:
            score_.gold_by_type[g.type] = score_.gold_by_type.get(g.type, 0) + 1
        score_.system += len(system)
        pairs = match(doc.gold, system)
        matched_sys = {(s.start, s.end) for _, s in pairs}
        for g, s in pairs:
            score_.relaxed += 1
            score_.strict += (g.start, g.end) == (s.start, s.end)
            score_.value_ok += g.value == s.value
            score_.type_ok += g.type == s.type
            score_.found_by_type[g.type] = score_.found_by_type.get(g.type, 0) + 1
            score_.value_ok_by_type[g.type] = score_.value_ok_by_type.get(g.type, 0) + (g.value == s.value)
            if g.type == "DATE":
                score_.date_relaxed += 1
                score_.date_value_ok += g.value == s.value
            if errors is not None and (g.value != s.value or (g.start, g.end) != (s.start, s.end)):
                errors.append(
                    f"{doc.name} dct={doc.dct} gold={g.text!r} {g.type} {g.value} | "
                    f"ours={s.text!r} {s.type} {s.value} | …{_ctx(doc.text, g.start, g.end)}…"
                )
        if errors is not None:
            matched_gold = {(g.start, g.end) for g, _ in pairs}
            for g in doc.gold:
                if (g.start, g.end) not in matched_gold:
                    errors.append(f"{doc.name} MISSED {g.text!r} {g.type} {g.value} | …{_ctx(doc.text, g.start, g.end)}…")
            for s in system:
                if (s.start, s.end) not in matched_sys:
                    errors.append(f"{doc.name} SPURIOUS {s.text!r} {s.type} {s.value} | …{_ctx(doc.text, s.start, s.end)}…")
    return score_


def _ctx(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 60) : start] + "[" + text[start:end] + "]" + text[end : end + 40]).replace("\n", " ")


def table(rows: list[tuple[str, Score]]) -> str:
    head = ["metric", *[name for name, _ in rows]]
    lines: list[list[str]] = []

    def add(label: str, fn) -> None:
        lines.append([label, *[fn(s) for _, s in rows]])

    pct = lambda x: f"{100 * x:.1f}"  # noqa: E731
    add("gold timexes", lambda s: str(s.gold))
    add("system timexes", lambda s: str(s.system))
    add("strict P", lambda s: pct(s.prf(s.strict)[0]))
    add("strict R", lambda s: pct(s.prf(s.strict)[1]))
    add("strict F1", lambda s: pct(s.prf(s.strict)[2]))
    add("relaxed P", lambda s: pct(s.prf(s.relaxed)[0]))
    add("relaxed R", lambda s: pct(s.prf(s.relaxed)[1]))
    add("relaxed F1", lambda s: pct(s.prf(s.relaxed)[2]))
    add("value accuracy", lambda s: pct(s.value_acc()))
    add("value F1", lambda s: pct(s.value_acc() * s.prf(s.relaxed)[2]))
    add("DATE value accuracy", lambda s: pct(s.date_value_acc()))
    add("type accuracy", lambda s: pct(s.type_ok / s.relaxed if s.relaxed else 0))
    for ttype in ("DATE", "DURATION", "TIME", "SET"):
        add(f"relaxed R, gold {ttype}", lambda s, t=ttype: (
            f"{100 * s.found_by_type.get(t, 0) / s.gold_by_type[t]:.1f}" if s.gold_by_type.get(t) else "-"))
    for ttype in ("DURATION", "TIME", "SET"):
        add(f"value accuracy, gold {ttype}", lambda s, t=ttype: (
            f"{100 * s.value_ok_by_type.get(t, 0) / s.found_by_type[t]:.1f}" if s.found_by_type.get(t) else "-"))
    add("chars/s", lambda s: f"{s.chars / s.seconds:,.0f}" if s.seconds else "-")
    widths = [max(len(r[i]) for r in [head, *lines]) for i in range(len(head))]
    fmt = lambda r: "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([fmt(head), sep, *map(fmt, lines)])


def run_split(split: str, args: argparse.Namespace, repeats: int) -> list[tuple[str, Score]]:
    """Score (and time) both taggers on one split; print its table."""
    docs = load(split)
    errors: list[str] | None = [] if args.errors else None
    # Warm up both (imports, regex compilation) so timing measures tagging only.
    run_ours(docs[0])
    ours = score(docs, run_ours, Score(), errors)
    rows = [("generator.dates", ours)]
    taggers = [run_ours]
    if not args.no_dateparser:
        warnings.filterwarnings("ignore")
        run_dateparser(docs[0])
        rows.append(("dateparser search_dates", score(docs, run_dateparser, Score())))
        taggers.append(run_dateparser)
    for (_, row), seconds in zip(rows, best_times(docs, taggers, repeats)):
        row.seconds = seconds
    print(f"TempEval-3 {split}: {len(docs)} documents, {sum(len(d.text) for d in docs):,} chars\n")
    print(table(rows))
    if len(rows) == 2 and rows[1][1].seconds and ours.seconds:
        print(f"\nthroughput ratio generator.dates / dateparser: {speed_ratio(rows):.0f}x")
    if errors:
        print(f"\n{len(errors)} errors (first {args.errors}):")
        for line in errors[: args.errors]:
            print(" ", line)
    print()
    return rows


def speed_ratio(rows: list[tuple[str, Score]]) -> float:
    ours, other = rows[0][1], rows[1][1]
    return (ours.chars / ours.seconds) / (other.chars / other.seconds)


def summary(results: dict[str, list[tuple[str, Score]]]) -> str:
    """One line per split: the figures the issue's targets are stated in."""
    pct = lambda x: f"{100 * x:.1f}"  # noqa: E731
    head = "| split | value F1 | strict F1 | value accuracy | DATE value accuracy | x dateparser |"
    lines = [head, "|---|--:|--:|--:|--:|--:|"]
    for split, rows in results.items():
        s = rows[0][1]
        ratio = f"{speed_ratio(rows):.0f}" if len(rows) == 2 and rows[1][1].seconds and s.seconds else "-"
        lines.append(
            f"| {split} | {pct(s.value_acc() * s.prf(s.relaxed)[2])} | {pct(s.prf(s.strict)[2])} | "
            f"{pct(s.value_acc())} | {pct(s.date_value_acc())} | {ratio} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["all", *SPLITS], default="all",
                    help="all (default): platinum, timebank and aquaint in one run")
    ap.add_argument("--errors", type=int, default=0, help="print N errors of generator.dates")
    ap.add_argument("--no-dateparser", action="store_true", help="skip the dateparser run")
    ap.add_argument("--repeats", type=int, default=5,
                    help="timing rounds on platinum; the best of each tagger counts (default 5; "
                         "the larger train splits are timed once)")
    args = ap.parse_args(argv)
    if args.errors and args.split in ("platinum", "all"):
        ap.error("--errors is for a train split only: platinum is the test set, reported, never looked into")
    splits = ["platinum", "timebank", "aquaint"] if args.split == "all" else [args.split]
    results = {}
    for split in splits:
        results[split] = run_split(split, args, args.repeats if split == "platinum" else 1)
    if len(results) > 1:
        print("Summary (generator.dates; TimeBank and AQUAINT: each is the held-out half when rules are "
              "written from the other's errors)\n")
        print(summary(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
