"""Figures benchmark: figures read from the bulletin corpus against its development gold.

Usage (from the repository root)::

    .venv/bin/python bench/figures.py [--split tune|tune-extra|tune-tls|tune+|untuned|report|both|all] [--errors N] [--half a|b]

Reads ``../shared/data/bulletins/corpus/`` at run time (never copied into the
repository), through ``bench/tallies.py``'s loaders: every text that
``gold/bulletins-dev.json`` annotates is run through the real extraction
(``generator.events.extract_article``, countries from ``INDEX.tsv``'s
``conflict`` as a user would set them). Split: Tune / Report families from
the end of the gold README. Tune on *tune*; the table to quote is *report* (printed only with ``--split report|both|all``; the default is *tune*).
``--errors`` lists tune-split errors only and refuses the report split.
Split *untuned*: ``bench/gold/figures-untuned.json``, figures with sources
annotated by reading 25 corpus texts whose family is in neither split
(Nigeria, India-Pakistan border, Ethiopia, Sri Lanka, OSCE, drone reports),
before the extraction was run on them. It stores no text: each figure points
at its number words by character offsets (``at``), and ``source_any`` lists
other sources accepted where the text leaves the speaker open. Nobody tunes
on it: ``--errors`` refuses it as it refuses *report*.
Split *tune-extra*: ``bench/gold/figures-tune-extra.json``, figures with sources
annotated the same way (offsets only, by reading, before the extraction ran on
them) in 22 corpus texts of *Tune* families that the dev gold does not cover:
more phrasings to tune on. It refuses a text of another family or one the dev
gold holds. Split *tune-tls*: ``bench/gold/figures-tune-tls.json``, figures
with sources annotated the same way in Timeline17 BBC Syria articles
(``../shared/data/tls/t17/SyrianCrisis_bbc``, the Tune half of the news prose;
offsets into the text as ``bench/tls.py`` builds it): wire-style news prose,
several voices per story. It refuses another topic (Reuters is held back).
``--split tune+`` prints tune, tune-extra, tune-tls and the three together.
``--half a|b`` keeps one half of the tune split, for cross-validation inside
it (develop a rule on one half, check it on the other, then swap): the tune
conflicts in alphabetical order go alternately to *a* and *b* (``tune_half``).

Only figures of people are scored (``FIGURE_METRICS``: the gold README's figures; incident and munition
counts such as ceasefire violations or shells are tallies only, scored by ``bench/tallies.py``).
Matching, per article: a read figure matches a gold figure of the same
metric and value (each gold figure at most once, in text order, preferring
the same subgroup, then the same source: when two sources give the same
number, a read figure takes the gold figure of its own source). Then, on matched pairs:

* ``source ok``: both unnamed, or sharing a content word
  (``bench/tallies.py``'s ``same_reporter``);
* ``span ok``: the read span (``day`` / ``period`` / ``cumulative``) is the
  gold ``span``;
* ``span+date ok``: span ok and its day right: for a ``day`` figure its
  own day (the event's date unless its clause names another day), for a
  period or running total ``period_end``, equal to the gold ``date`` (not scored when the gold date is null: texts without a
  known publication date);
* ``non-day as day``: gold period/running totals that were read as a day's
  number, i.e. would land in a day's key figures and charts (lower is
  better; the issue-9 defect).

Systems in the same run:

* ``naive``: every number in a sentence with a casualty word is a figure of
  the first metric word after it; span ``day``; no source (issue 9's
  "first number" baseline);
* ``before spans``: today's extraction with the span resolver switched off
  (figures keep only the old ``cumulative`` flag: frozen issue-9 baseline);
* ``ours``: today's extraction.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Iterator, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tallies as tally_bench  # noqa: E402  (bench/tallies.py: corpus loaders and reporter matching)
from generator import events  # noqa: E402
from generator.aggregate import figure_day, figure_span  # noqa: E402
from generator.model import Article  # noqa: E402
from generator.read import split_sentences  # noqa: E402

SPAN_KINDS = ("day", "period", "cumulative")


@dataclass(frozen=True)
class Read:
    """One figure as a system read it."""

    metric: str
    value: int
    subgroup: str | None
    source: str | None
    span: str
    date: str | None  # the event's day for a day figure, else period_end
    sentence: str


# -- systems ---------------------------------------------------------------------------------------


@contextmanager
def spans_off() -> Iterator[None]:
    """Extraction with the span resolver switched off (figures as before issue 9)."""
    saved = events.spans
    events.spans = SimpleNamespace(with_spans=lambda sentence, figures, *rest: tuple(figures), span_of=saved.span_of,
                                   align_tally=lambda tally, figures, *rest: tally, header_span=lambda *args: None)
    try:
        yield
    finally:
        events.spans = saved


def ours(article: Article, countries: list[str]) -> list[Read]:
    ext = events.extract_article(article, {"TIMELINE_COUNTRIES": countries})
    out, seen = [], set()
    for event in ext.events:
        for figure in event.figures:
            key = (event.start, id(figure))
            if key in seen:
                continue
            seen.add(key)
            span = figure_span(figure)
            date = figure_day(figure, event) if span == "day" else getattr(figure, "period_end", None)
            out.append(Read(figure.metric, figure.value, figure.subgroup, figure.attributed_to, span, date, event.sentence))
    return out


def before_spans(article: Article, countries: list[str]) -> list[Read]:
    with spans_off():
        return ours(article, countries)


_NAIVE_METRICS = (
    ("killed", r"killed|dead|died|deaths?|lives"),
    ("injured", r"injured|wounded|injuries|hurt"),
    ("displaced", r"displaced|fled|homeless"),
    ("evacuated", r"evacuated|departed|left"),
    ("missing", r"missing"),
    ("arrested", r"arrested|detained"),
)
_NAIVE_NUMBER = re.compile(r"(?<![\d.,:/-])\d{1,3}(?:,\d{3})+(?![\d])|(?<![\d.,:/-])\d+(?![\d.,:/])")
_NAIVE_WORDS = re.compile("|".join(f"(?P<{m}>\\b(?:{w})\\b)" for m, w in _NAIVE_METRICS), re.I)


def naive(article: Article, countries: list[str]) -> list[Read]:
    out = []
    for sentence in split_sentences(article.text):
        text = sentence.text
        for m in _NAIVE_NUMBER.finditer(text):
            value = int(m.group().replace(",", ""))
            if 1900 <= value <= 2100:
                continue
            word = _NAIVE_WORDS.search(text, m.end())
            if word is None:
                continue
            out.append(Read(word.lastgroup or "", value, None, None, "day", article.published.isoformat(), text))
    return out


SYSTEMS: dict[str, Callable[[Article, list[str]], list[Read]]] = {"naive": naive, "before spans": before_spans, "ours": ours}


# -- scoring ---------------------------------------------------------------------------------------


@dataclass
class Score:
    gold: int = 0
    read: int = 0
    matched: int = 0
    source: int = 0
    span: int = 0
    span_date: int = 0
    non_day_gold: int = 0
    non_day_as_day: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in SPAN_KINDS})  # kind → [right, matched]
    errors: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        pct = lambda a, b: f"{a / b:.0%}" if b else "–"  # noqa: E731
        kinds = " | ".join(pct(*self.by_kind[k]) + f" ({self.by_kind[k][1]})" for k in SPAN_KINDS)
        return (f"| {name} | {self.gold} | {self.read} | {pct(self.matched, self.read)} | {pct(self.matched, self.gold)} | "
                f"{pct(self.source, self.matched)} | {pct(self.span, self.matched)} | {pct(self.span_date, self.matched)} | "
                f"{kinds} | {self.non_day_as_day} / {self.non_day_gold} |")


HEADER = ("| system | gold figures | read | precision | recall | source ok | span ok | span+date ok | "
          "day ok (n) | period ok (n) | cumulative ok (n) | non-day as day / matched non-day |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|")


def same_source(read: str | None, gold: dict[str, Any]) -> bool:
    """The read source is the gold ``source`` or one of its ``source_any`` (``tallies.same_reporter``).

    >>> same_source(None, {"source": "officials", "source_any": [""]}), same_source("BSF", {"source": "officials"})
    (True, False)
    """
    return any(tally_bench.same_reporter(read, s) for s in [gold.get("source") or "", *gold.get("source_any", [])])


def quote_of(gold: dict[str, Any], text: str) -> str:
    """The gold figure's quote, or for offset-only gold (``at``) the text around its number words."""
    if "quote" in gold:
        return str(gold["quote"])
    start, end = gold["at"]
    return text[max(0, start - 60): end + 60].replace("\n", " ")


# What the gold calls a figure (gold README, convention 2 and its metric list): people counted, never incident,
# munition or materiel counts, which are tallies only. A read figure of another metric is not scored.
FIGURE_METRICS = frozenset({"killed", "injured", "casualties", "missing", "arrested", "kidnapped", "displaced",
                            "evacuated", "neutralized", "surrendered"})


def score_article(number: str, reads: list[Read], gold: dict[str, Any], score: Score, text: str = "") -> None:
    """Match one article's read figures of people (``FIGURE_METRICS``) against its gold figures.

    >>> s = Score()
    >>> score_article("x", [Read("killed", 3, None, "UN", "day", None, ""), Read("shells", 40, None, None, "day", None, "")],
    ...               {"figures": [{"metric": "killed", "value": 3, "source": "UN", "span": "day", "date": None}]}, s)
    >>> s.read, s.matched, s.source
    (1, 1, 1)
    """
    reads = [r for r in reads if r.metric in FIGURE_METRICS]
    golds = list(gold.get("figures") or [])
    score.gold += len(golds)
    score.read += len(reads)
    free = list(range(len(golds)))
    for r in reads:
        candidates = [i for i in free if golds[i]["metric"] == r.metric and golds[i]["value"] == r.value]
        if not candidates:
            score.errors.append(f"{number} FALSE {r.metric}={r.value} {r.span}: {r.sentence[:160]!r}")
            continue
        best = min(candidates, key=lambda i: ((golds[i].get("subgroup") or None) != r.subgroup, not same_source(r.source, golds[i])))
        free.remove(best)
        g = golds[best]
        score.matched += 1
        source_ok = same_source(r.source, g)
        span_ok = r.span == g["span"]
        date_ok = g.get("date") is None or r.date == g["date"]
        score.source += source_ok
        score.span += span_ok
        score.span_date += span_ok and date_ok
        if g["span"] in score.by_kind:
            score.by_kind[g["span"]][0] += span_ok
            score.by_kind[g["span"]][1] += 1
        if g["span"] != "day":
            score.non_day_gold += 1
            score.non_day_as_day += r.span == "day"
        if not (span_ok and date_ok):
            score.errors.append(f"{number} SPAN {r.metric}={r.value} read {r.span} {r.date} gold {g['span']} {g.get('date')}: {quote_of(g, text)[:160]!r}")
        if not source_ok:
            score.errors.append(f"{number} SOURCE {r.metric}={r.value} read {r.source!r} gold {g.get('source')!r}: {r.sentence[:200]!r}")
    for i in free:
        g = golds[i]
        score.errors.append(f"{number} MISSED {g['metric']}={g['value']} ({g['span']}): {quote_of(g, text)[:160]!r}")


def tune_half(conflicts: Sequence[str], half: str) -> set[str]:
    """The conflicts of one cross-validation half: alphabetical order, alternately *a* and *b*.

    >>> sorted(tune_half(["syria", "gaza", "donbas", "afghanistan"], "a"))
    ['afghanistan', 'gaza']
    """
    ordered = sorted(set(conflicts))
    return set(ordered[0 if half == "a" else 1 :: 2])


def run(split: str, system: Callable[[Article, list[str]], list[Read]], gold: dict[str, Any],
        index: dict[str, dict[str, str]], families: set[str], conflicts: set[str] | None = None) -> Score:
    score = Score()
    for number in sorted(gold):
        meta = index[number]
        if meta["family"] not in families or (conflicts is not None and meta["conflict"] not in conflicts):
            continue
        article = load_article(number, meta)
        countries = tally_bench.CONFLICT_COUNTRIES.get(meta["conflict"], ["SY"])
        score_article(number, system(article, countries), gold[number], score, article.text)
    return score


UNTUNED = ROOT / "bench" / "gold" / "figures-untuned.json"
EXTRA = ROOT / "bench" / "gold" / "figures-tune-extra.json"


def read_untuned(index: dict[str, dict[str, str]], split: dict[str, set[str]]) -> dict[str, Any]:
    """The untuned split's articles; refuses a text whose family is in the Tune or Report split."""
    articles: dict[str, Any] = json.loads(UNTUNED.read_text(encoding="utf-8"))["articles"]
    for number in articles:
        if index[number]["family"] in split["tune"] | split["report"]:
            raise SystemExit(f"{UNTUNED}: {number} is of family {index[number]['family']!r}, which a dev split holds")
    return articles


def read_extra(index: dict[str, dict[str, str]], split: dict[str, set[str]], gold: dict[str, Any]) -> dict[str, Any]:
    """The tune-extra split's articles; refuses a text outside the Tune families or one the dev gold annotates."""
    articles: dict[str, Any] = json.loads(EXTRA.read_text(encoding="utf-8"))["articles"]
    for number in articles:
        if index[number]["family"] not in split["tune"]:
            raise SystemExit(f"{EXTRA}: {number} is of family {index[number]['family']!r}, which is not a Tune family")
        if number in gold:
            raise SystemExit(f"{EXTRA}: {number} is annotated in the dev gold already")
    return articles


TLS_EXTRA = ROOT / "bench" / "gold" / "figures-tune-tls.json"
TLS_TUNE_TOPIC = "SyrianCrisis_bbc"  # the Tune half of Timeline17 Syria; Reuters is the Report half
TLS_FAMILY = "tls-bbc-news"


def read_tls_extra() -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """The tune-tls split's articles (keyed ``bbc-<id>``) and their index rows; refuses a topic other than the Tune half."""
    data = json.loads(TLS_EXTRA.read_text(encoding="utf-8"))
    if data.get("topic") != TLS_TUNE_TOPIC:
        raise SystemExit(f"{TLS_EXTRA}: topic {data.get('topic')!r} is not the Tune half {TLS_TUNE_TOPIC!r}")
    articles = {f"bbc-{doc_id}": article for doc_id, article in data["articles"].items()}
    rows = {key: {"family": TLS_FAMILY, "conflict": "syria", "tls_id": key[4:]} for key in articles}
    return articles, rows


def load_article(number: str, meta: dict[str, str]) -> Article:
    """A corpus text (``tallies.read_article``) or, for an index row with ``tls_id``, the Timeline17 BBC article."""
    if "tls_id" not in meta:
        return tally_bench.read_article(number, meta)
    import tls  # noqa: PLC0415  (bench/tls.py: Timeline17 loader, detokenizer)

    article = tls.to_article(TLS_TUNE_TOPIC, _tls_docs()[meta["tls_id"]])
    # the corpus has no headline: its first line is the lead, not a title (as bench/events_gold.py)
    return replace(article, title=f"{TLS_TUNE_TOPIC} {meta['tls_id']}")


_TLS_DOCS: dict[str, Any] = {}


def _tls_docs() -> dict[str, Any]:
    if not _TLS_DOCS:
        import tls  # noqa: PLC0415

        _TLS_DOCS.update({doc.id: doc for doc in tls.load_docs(TLS_TUNE_TOPIC)})
    return _TLS_DOCS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "tune-extra", "tune-tls", "tune+", "untuned", "report", "both", "all"), default="tune",
                        help="tune+ = tune, tune-extra, tune-tls and the three together; both = tune and report; all = tune, untuned and report")
    parser.add_argument("--errors", type=int, default=0, help="list N errors of ours (tune split only)")
    parser.add_argument("--half", choices=("a", "b"), help="one cross-validation half of the tune split (by conflict)")
    args = parser.parse_args(argv)
    tuned = ("tune", "tune-extra", "tune-tls", "tune+")
    if args.errors and args.split not in (*tuned, "both", "all"):
        print("refused: --errors is for the tune split only; the untuned and report splits are held back", file=sys.stderr)
        return 2
    if (args.errors or args.half) and args.split not in tuned:
        args.split = "tune"
    gold = json.loads(tally_bench.GOLD.read_text(encoding="utf-8"))["articles"]
    index = tally_bench.read_index()
    split = tally_bench.read_split()
    untuned = read_untuned(index, split)
    split["untuned"] = {index[n]["family"] for n in untuned}
    extra = read_extra(index, split, gold)
    news, rows = read_tls_extra()
    index.update(rows)
    split["tune-extra"] = split["tune"]
    split["tune-tls"] = {TLS_FAMILY}
    split["tune+"] = split["tune"] | {TLS_FAMILY}
    named = {"untuned": untuned, "tune-extra": extra, "tune-tls": news, "tune+": {**gold, **extra, **news}}
    names = {"both": ["tune", "report"], "all": ["tune", "untuned", "report"],
             "tune+": ["tune", "tune-extra", "tune-tls", "tune+"]}.get(args.split, [args.split])
    for name in names:
        articles = named.get(name, gold)
        conflicts = None
        if args.half:
            source = articles if name in ("untuned", "tune-tls") else gold  # tune-extra takes the Tune halves
            conflicts = tune_half([index[n]["conflict"] for n in source if index[n]["family"] in split[name]], args.half)
        texts = sum(1 for n in articles if index[n]["family"] in split[name] and (conflicts is None or index[n]["conflict"] in conflicts))
        half = f", half {args.half}: {', '.join(sorted(conflicts))}" if conflicts else ""
        print(f"\n## {name} split ({texts} texts, {len(split[name])} families{half})\n")
        print(HEADER)
        for label, system in SYSTEMS.items():
            score = run(name, system, articles, index, split[name], conflicts)
            print(score.row(label))
            if args.errors and name in tuned and name != "tune+" and label == "ours":
                kept = score.errors
                for line in kept[: args.errors]:
                    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
