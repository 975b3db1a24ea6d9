"""Timeline-summarisation (TLS) benchmark on the Timeline17 Syria topics.

Usage::

    .venv/bin/python bench/tls.py [--workers N] [--dateparser-every N] [--no-dateparser]

Reads ``../shared/data/tls/t17/SyrianCrisis_{bbc,reuters}`` (relative to the
repository root; never copied into the repo), detokenizes the PTB-tokenized
input articles, runs our extraction (``generator.pipeline.extract_many``)
and builds, for every gold timeline, a timeline of k dates (k = number of
gold dates) with up to L sentences per date (L = mean gold sentences per
date, rounded, as news-tls does). Scored as in Gholipour Ghalandari & Ifrim
(2020, news-tls):

* Date F1: selected dates vs gold dates, exact day match.
* ROUGE-1 F, two variants (tokenizer: ``rouge-score`` 0.1.2, Porter stemmed):
  - concat: all selected sentences of the timeline against all gold
    summaries, as one text each;
  - date-aligned: unigram overlap counted only between the summaries of the
    *same* date (clipped counts), precision over all our tokens, recall over
    all gold tokens (tilse's "agreement" variant: a wrong date scores 0).

Three systems, same date range, same k, same sentence selector:

* ``ours``: a date's score is the number of distinct articles with an event
  dated to that day by an explicit expression (``granularity == "day"`` and
  ``date_text`` not None); candidate sentences are those events' sentences.
* ``pubdate``: no extraction; a date's score is the number of articles
  published that day; candidates are all sentences of those articles.
* ``dateparser``: ``dateparser.search.search_dates`` per sentence with
  ``RELATIVE_BASE`` = publication date (noon); a date's score is the number
  of distinct articles with a sentence it resolves to that day; candidates
  are those sentences.

Candidate dates are restricted to the gold timeline's first..last date, as
news-tls restricts the input to the gold time span. Ties are broken by the
number of sentences, then the earlier date, so the run is deterministic.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import math
import multiprocessing
import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import Stopwatch  # noqa: E402  (bench/timing.py)

from generator.model import Article, Extraction  # noqa: E402
from generator.pipeline import extract_many  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "tls" / "t17"
TOPICS = ("SyrianCrisis_bbc", "SyrianCrisis_reuters")

# -- reading -------------------------------------------------------------------

_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]}]|''|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]|``) ")


def detokenize(line: str) -> str:
    """One PTB-tokenized sentence back to plain text.

    PTB marks opening quotes ``` `` ``` and closing ones ``''``, so each
    can be glued to its word before both become ``"``.

    >>> detokenize("Rights groups -LRB- say -RRB- `` 200 '' were killed , 20 % in Deraa 's suburbs .")
    'Rights groups (say) "200" were killed, 20% in Deraa\\'s suburbs.'
    """
    text = " ".join(_PTB.get(t, t) for t in line.split())
    text = _NO_SPACE_BEFORE.sub("", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return text.replace("``", '"').replace("''", '"')


@dataclass(frozen=True)
class Doc:
    id: str
    published: dt.date
    sentences: tuple[str, ...]  # detokenized, one per input line


def load_docs(topic: str) -> list[Doc]:
    docs = []
    with open(DATA / topic / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            sents = tuple(s for s in (detokenize(x) for x in rec["text"].split("\n")) if s)
            docs.append(Doc(rec["id"], dt.date.fromisoformat(rec["date"]), sents))
    return docs


def load_timelines(topic: str) -> list[tuple[str, dict[str, list[str]]]]:
    out = []
    with open(DATA / topic / "timelines.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            entries: dict[str, list[str]] = {}
            for date, sents in rec["entries"]:
                entries.setdefault(date, []).extend(detokenize(s) for s in sents)
            out.append((rec["name"], entries))
    return out


def to_article(topic: str, doc: Doc) -> Article:
    # A blank line between the given sentences keeps the corpus's own split.
    return Article(
        path=f"tls/{topic}/{doc.id}", slug=f"{topic}-{doc.id}", title=doc.sentences[0] if doc.sentences else doc.id,
        published=doc.published, text="\n\n".join(doc.sentences),
    )


# -- candidates: date → {article id: [sentences]} ----------------------------------

Candidates = dict[str, dict[str, list[str]]]


def ours_candidates(extractions: Sequence[Extraction], explicit_only: bool = True) -> Candidates:
    """Events dated to a day, grouped by date and article."""
    cands: Candidates = {}
    for ex in extractions:
        for ev in ex.events:
            if ev.granularity != "day" or (explicit_only and ev.date_text is None):
                continue
            cands.setdefault(ev.date, {}).setdefault(ex.article.slug, []).append(ev.sentence)
    return cands


def pubdate_candidates(docs: Sequence[Doc]) -> Candidates:
    cands: Candidates = {}
    for d in docs:
        cands.setdefault(d.published.isoformat(), {})[d.id] = list(d.sentences)
    return cands


def dateparser_doc(doc: Doc) -> list[tuple[str, str]]:
    """(ISO day, sentence) for every date search_dates finds in the article."""
    from dateparser.search import search_dates

    base = dt.datetime.combine(doc.published, dt.time(12))
    out = []
    for sent in doc.sentences:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = search_dates(sent, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        for _text, when in found:
            out.append((when.date().isoformat(), sent))
    return out


def dateparser_candidates(docs: Sequence[Doc], found: Sequence[list[tuple[str, str]]]) -> Candidates:
    cands: Candidates = {}
    for d, hits in zip(docs, found):
        for day, sent in hits:
            lst = cands.setdefault(day, {}).setdefault(d.id, [])
            if sent not in lst:
                lst.append(sent)
    return cands


# -- timeline construction ------------------------------------------------------------

_STOP = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been has have had it its "
    "this that these those he she they his her their them said says say will would also not than after "
    "before over into about which who there more".split()
)


def rank_dates(cands: Candidates, first: str, last: str, k: int) -> list[str]:
    """Top-k days in [first, last] by number of distinct articles, then sentences, then earlier."""
    scored = [
        (-len(per_article), -sum(len(v) for v in per_article.values()), day)
        for day, per_article in cands.items()
        if first <= day <= last
    ]
    return sorted(d for *_, d in sorted(scored)[:k])


def select_sentences(per_article: Mapping[str, list[str]], n: int, tokenize: Callable[[str], list[str]]) -> list[str]:
    """The n most-reported sentences of one date.

    A word's weight is the number of distinct articles on that date that use
    it; a sentence scores the sum of its distinct content words' weights over
    sqrt(their number), so the sentence most articles agree on comes first
    without favouring very long or very short ones. A sentence sharing more
    than half its words with one already chosen is skipped.
    """
    words_of: dict[str, set[str]] = {}
    df: collections.Counter[str] = collections.Counter()
    for art in sorted(per_article):
        seen: set[str] = set()
        for s in per_article[art]:
            if s not in words_of:
                words_of[s] = {w for w in tokenize(s) if w not in _STOP}
            seen |= words_of[s]
        df.update(seen)
    ranked = sorted(
        (s for s in words_of if len(words_of[s]) >= 4),
        key=lambda s: (-sum(df[w] for w in words_of[s]) / math.sqrt(len(words_of[s])), s),
    )
    chosen: list[str] = []
    for s in ranked:
        if len(chosen) >= n:
            break
        if any(len(words_of[s] & words_of[c]) > 0.5 * len(words_of[s]) for c in chosen):
            continue
        chosen.append(s)
    return chosen


def build_timeline(cands: Candidates, gold: Mapping[str, list[str]], tokenize: Callable[[str], list[str]]) -> dict[str, list[str]]:
    days = sorted(gold)
    k = len(days)
    per_date = max(1, round(sum(len(v) for v in gold.values()) / k))
    return {d: select_sentences(cands[d], per_date, tokenize) for d in rank_dates(cands, days[0], days[-1], k)}


# -- metrics -----------------------------------------------------------------------------


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def date_prf(pred: Iterable[str], gold: Iterable[str]) -> tuple[float, float, float]:
    p, g = set(pred), set(gold)
    return prf(len(p & g), len(p), len(g))


def _counts(texts: Iterable[str], tokenize: Callable[[str], list[str]]) -> collections.Counter[str]:
    c: collections.Counter[str] = collections.Counter()
    for t in texts:
        c.update(tokenize(t))
    return c


def rouge1_concat(pred: Mapping[str, list[str]], gold: Mapping[str, list[str]], tokenize: Callable[[str], list[str]]) -> float:
    """ROUGE-1 F of all our sentences against all gold sentences, dates ignored."""
    a = _counts((s for v in pred.values() for s in v), tokenize)
    b = _counts((s for v in gold.values() for s in v), tokenize)
    return prf(sum((a & b).values()), sum(a.values()), sum(b.values()))[2]


def rouge1_aligned(pred: Mapping[str, list[str]], gold: Mapping[str, list[str]], tokenize: Callable[[str], list[str]]) -> float:
    """ROUGE-1 F counting overlap only between summaries of the same day.

    >>> tok = str.split
    >>> round(rouge1_aligned({"d1": ["a b"], "d2": ["c d"]}, {"d1": ["a x"], "d3": ["c d"]}, tok), 3)
    0.25
    """
    overlap = 0
    for day in set(pred) & set(gold):
        overlap += sum((_counts(pred[day], tokenize) & _counts(gold[day], tokenize)).values())
    n_pred = sum(sum(_counts(v, tokenize).values()) for v in pred.values())
    n_gold = sum(sum(_counts(v, tokenize).values()) for v in gold.values())
    return prf(overlap, n_pred, n_gold)[2]


def make_tokenizer() -> tuple[Callable[[str], list[str]], str]:
    """rouge-score's tokenizer (lowercase, alphanumerics, Porter stemmer) if installed."""
    try:
        from rouge_score import tokenizers  # type: ignore[import-not-found]

        tok = tokenizers.DefaultTokenizer(use_stemmer=True)
        cache: dict[str, list[str]] = {}

        def tokenize(text: str) -> list[str]:
            if text not in cache:
                cache[text] = tok.tokenize(text)
            return cache[text]

        return tokenize, "rouge-score DefaultTokenizer(use_stemmer=True)"
    except ImportError:
        return (lambda t: re.findall(r"[a-z0-9]+", t.lower())), "lowercase alphanumerics, no stemming (rouge-score not installed)"


# -- run ---------------------------------------------------------------------------------


def _dp_job(doc: Doc) -> list[tuple[str, str]]:
    return dateparser_doc(doc)


def run_dateparser(docs: Sequence[Doc], workers: int) -> list[list[tuple[str, str]]]:
    if workers <= 1:
        return [dateparser_doc(d) for d in docs]
    dateparser_doc(docs[0])  # warm up (imports, language data) before forking
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return pool.map(_dp_job, docs, chunksize=max(1, len(docs) // (workers * 8)))


def fmt_row(cells: Sequence[object], widths: Sequence[int]) -> str:
    return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=0, help="processes for both extractors (0: one per CPU)")
    ap.add_argument("--dateparser-every", type=int, default=1,
                    help="run dateparser on every N-th article only (deterministic subset; 1 = all)")
    ap.add_argument("--no-dateparser", action="store_true")
    ap.add_argument("--json", help="also write the results here (e.g. bench/results/tls.json)")
    args = ap.parse_args(argv)
    workers = args.workers or os.cpu_count() or 1
    tokenize, tok_name = make_tokenizer()

    rows: list[tuple[str, str, str, tuple[float, ...]]] = []
    speed: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0, 0.0])  # articles, seconds, chars
    subset_rows: list[tuple[str, str, str, tuple[float, ...]]] = []
    stats: list[str] = []
    for topic in TOPICS:
        docs = load_docs(topic)
        timelines = load_timelines(topic)
        articles = [to_article(topic, d) for d in docs]
        chars = sum(len(a.text) for a in articles)

        with Stopwatch() as t:
            results = extract_many(articles, {}, workers=workers)
        t_ours = t.seconds
        extractions = [r for r in results if isinstance(r, Extraction)]
        failed = len(results) - len(extractions)
        s = speed["ours"]
        s[0] += len(articles)
        s[1] += t_ours
        s[2] += chars
        n_events = sum(len(x.events) for x in extractions)
        n_explicit = sum(1 for x in extractions for e in x.events if e.granularity == "day" and e.date_text)
        stats.append(f"{topic}: {len(docs)} articles, {chars:,} chars, {n_events} events "
                     f"({n_explicit} dated to a day by an explicit expression), {failed} failed")

        systems: dict[str, Candidates] = {
            "ours": ours_candidates(extractions),
            "ours+fallback": ours_candidates(extractions, explicit_only=False),
            "pubdate": pubdate_candidates(docs),
        }
        subset_systems: dict[str, Candidates] = {}
        if not args.no_dateparser:
            sub = docs[:: args.dateparser_every]
            with Stopwatch() as t:
                found = run_dateparser(sub, workers)
            t_dp = t.seconds
            s = speed["dateparser"]
            s[0] += len(sub)
            s[1] += t_dp
            s[2] += sum(len("\n\n".join(d.sentences)) for d in sub)
            dp = dateparser_candidates(sub, found)
            if args.dateparser_every == 1:
                systems["dateparser"] = dp
            else:
                ids = {f"{topic}-{d.id}" for d in sub}
                subset_systems = {
                    "ours": ours_candidates([x for x in extractions if x.article.slug in ids]),
                    "pubdate": pubdate_candidates(sub),
                    "dateparser": dp,
                }

        for name, gold in timelines:
            for target, table in ((rows, systems), (subset_rows, subset_systems)):
                for sys_name, cands in table.items():
                    tl = build_timeline(cands, gold, tokenize)
                    p, r, f = date_prf(tl, gold)
                    # Ceiling: gold dates that have any candidate at all (any score).
                    cover = len(set(gold) & set(cands)) / len(gold)
                    target.append((topic, name, sys_name, (p, r, f, rouge1_concat(tl, gold, tokenize),
                                                           rouge1_aligned(tl, gold, tokenize), cover, len(tl), len(gold))))

    print(f"Timeline17 Syria topics, tokenizer: {tok_name}, workers: {workers}")
    for line in stats:
        print("  " + line)
    headers = ("topic", "timeline", "system", "date P", "date R", "date F1", "R-1 concat F", "R-1 aligned F", "gold dates covered", "dates", "gold")
    widths = (20, 8, 13, 6, 6, 7, 12, 13, 18, 5, 4)

    def table(title: str, data: list[tuple[str, str, str, tuple[float, ...]]]) -> None:
        print(f"\n{title}\n")
        print(fmt_row(headers, widths))
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for topic, name, sys_name, m in data:
            print(fmt_row((topic, name, sys_name, *(f"{x:.3f}" for x in m[:6]), m[6], m[7]), widths))
        by_sys: dict[str, list[tuple[float, ...]]] = collections.defaultdict(list)
        for _t, _n, sys_name, m in data:
            by_sys[sys_name].append(m)
        for sys_name, ms in by_sys.items():
            mean = [sum(m[i] for m in ms) / len(ms) for i in range(6)]
            print(fmt_row((f"mean of {len(ms)} timelines", "", sys_name, *(f"{x:.3f}" for x in mean), "", ""), widths))

    table("All articles", rows)
    if subset_rows:
        table(f"Every {args.dateparser_every}th article (dateparser subset)", subset_rows)
    print("\nExtraction throughput (wall clock, same run, same worker count):")
    for sys_name, (n, secs, ch) in speed.items():
        print(f"  {sys_name:10s} {n:5.0f} articles in {secs:7.1f} s = {n / secs:7.1f} articles/s ({ch / secs:,.0f} chars/s)")
    if "ours" in speed and "dateparser" in speed:
        o, d = speed["ours"], speed["dateparser"]
        print(f"  ratio ours / dateparser (articles/s): {(o[0] / o[1]) / (d[0] / d[1]):.1f}x")
    if args.json:
        out = {
            "tokenizer": tok_name, "workers": workers, "dateparser_every": args.dateparser_every,
            "rows": [dict(zip(headers, (t, n, s, *m))) for t, n, s, m in rows],
            "subset_rows": [dict(zip(headers, (t, n, s, *m))) for t, n, s, m in subset_rows],
        }
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
