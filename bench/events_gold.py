"""Events benchmark: which sentences are events, and the date each gets.

Run from the repository root::

    .venv/bin/python bench/events_gold.py                  # Tune tables (develop here)
    .venv/bin/python bench/events_gold.py --errors 15      # also list Tune-split errors
    .venv/bin/python bench/events_gold.py --split both     # Tune and Report, to report

The Report split is printed only when asked for, so that tuning runs never show it.

``bench/figures.py`` imports :func:`run` and prints the same tables.

Data, read at run time and never copied into the repository:

* ``../shared/data/bulletins/corpus/gold/bulletins-dev.json``: the ``events``
  of 130 bulletin texts (a ``phrase`` quoted from the text, its ``date``
  and ``date_text``). A sentence of ours is a gold event sentence when a
  gold phrase starts in it. Split by phrasing family as the gold README
  suggests (Tune / Report, read from the README itself).
* ``bench/gold/events-untuned.json``: our own annotation of 33 corpus texts
  whose family is in neither split (``--split untuned``): every judged sentence
  by its offsets, with ``is_event`` and the happening's ``date`` (19 texts with
  a known publication date; the other 14 count for event precision/recall only). A check nobody
  tuned on; like Report, never look at its errors.
* ``bench/gold/tls-events.json``: our own annotation of Timeline17 Syria
  news articles (``../shared/data/tls/t17``), made by reading: for each
  article id, every sentence (by index in the corpus's own one-sentence-
  per-line split) with ``is_event`` and the ``date`` of the happening.
  No article text is stored. BBC articles are the Tune half, Reuters the
  Report half.

Measures, per split:

* **event sentences**: precision and recall of the sentences that become
  events (an ``Event`` starts in the sentence);
* **dates**: among gold events with a date, the share whose sentence became
  an event with exactly that date (day granularity); split into sentences
  with a date of their own in gold (``date_text`` inside the sentence) and
  **undated** sentences (the date comes from the story or the publication).

``--folds`` cuts the Tune split in two halves that share no conflict (bulletins:
whole conflicts, largest first, each to the half with fewer gold events so far;
TLS: the BBC articles in date order, alternately) and prints a row per half:
develop on one half, check that a rule carries to the other.

Baseline in the same run: every sentence with a digit or a time word is an
event, dated to its own first time expression, else to the publication date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import dates, events  # noqa: E402
from generator.model import Article, Sentence  # noqa: E402
from generator.read import split_sentences  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "bulletins" / "corpus"
GOLD = CORPUS / "gold" / "bulletins-dev.json"
TLS = ROOT.parent / "shared" / "data" / "tls" / "t17"
TLS_GOLD = ROOT / "bench" / "gold" / "tls-events.json"
UNTUNED_GOLD = ROOT / "bench" / "gold" / "events-untuned.json"


# -- splits ---------------------------------------------------------------------


def family_split(readme: Path = CORPUS / "gold" / "README.md") -> dict[str, set[str]]:
    """Tune / Report family names, read from the end of the gold README."""
    text = readme.read_text(encoding="utf-8")
    out: dict[str, set[str]] = {}
    for name in ("Tune", "Report"):
        m = re.search(r"\*\*%s\*\*[^\n]*\n(.*?)(?:\n\n|\Z)" % name, text, re.S)
        block = re.sub(r"\([^)]*\)", "", m.group(1)) if m else ""
        out[name.lower()] = {f.strip().rstrip(".") for f in block.split(",") if f.strip()}
    return out


def _index_column(name: str) -> dict[str, str]:
    """Text id → one column of ``corpus/INDEX.tsv`` (by header name)."""
    lines = (CORPUS / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
    col = lines[0].split("\t").index(name)
    return {cols[0]: cols[col] for cols in (line.split("\t") for line in lines[1:])}


def families() -> dict[str, str]:
    return _index_column("family")


def conflicts() -> dict[str, str]:
    return _index_column("conflict")


def fold_halves(docs: Sequence[GoldDoc]) -> dict[str, str]:
    """Tune text id → ``"tune-a"`` / ``"tune-b"``, two halves sharing no conflict.

    Bulletins: conflicts by gold-event count, largest first, each to the half
    with fewer events so far (ties to ``a``). TLS (one conflict, BBC): articles
    in publication order, alternately. Deterministic: depends on the gold only.
    """
    tune = [d for d in docs if d.split == "tune"]
    conf = conflicts()
    out: dict[str, str] = {}
    bulletin = [d for d in tune if d.id in conf and d.article.path.startswith("corpus/")]
    size: dict[str, int] = {}
    for d in bulletin:
        size[conf[d.id]] = size.get(conf[d.id], 0) + len(d.events)
    load = {"tune-a": 0, "tune-b": 0}
    half_of = {}
    for c in sorted(size, key=lambda c: (-size[c], c)):
        half = min(load, key=lambda h: (load[h], h))
        half_of[c] = half
        load[half] += size[c]
    for d in bulletin:
        out[d.id] = half_of[conf[d.id]]
    others = sorted((d for d in tune if d.id not in out), key=lambda d: (d.article.published, int(d.id)))
    for k, d in enumerate(others):
        out[d.id] = ("tune-a", "tune-b")[k % 2]
    return out


# -- gold items -----------------------------------------------------------------


@dataclass
class GoldDoc:
    """One text with its gold: which sentence indexes are events, and their dates."""

    id: str
    split: str
    article: Article
    known_date: bool
    sentences: list  # our Sentence split of article.text
    events: dict[int, tuple[str | None, bool]] = field(default_factory=dict)  # index → (date, has own date)
    not_events: set[int] = field(default_factory=set)  # sentences judged (TLS: all; bulletins: the rest)


def _body(raw: str) -> tuple[dict[str, str], str]:
    head, _, body = raw.partition("\n\n")
    meta = {}
    for line in head.splitlines():
        k, _, v = line.partition(":")
        meta[k.strip().lower()] = v.strip()
    return meta, body


def _sentence_at(sentences: Sequence, offset: int) -> int | None:
    for i, s in enumerate(sentences):
        if s.start <= offset < s.end:
            return i
    return None


def bulletin_docs() -> list[GoldDoc]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["articles"]
    split = family_split()
    fam = families()
    out = []
    for aid, g in sorted(gold.items()):
        f = fam.get(aid, "")
        which = "tune" if f in split["tune"] else "report" if f in split["report"] else None
        if which is None:
            continue
        meta, body = _body((CORPUS / "en" / f"{aid}.txt").read_text(encoding="utf-8"))
        published = g["published"]
        article = Article(
            path=f"corpus/{aid}", slug=f"b{aid}", title=meta.get("title", aid),
            published=dt.date.fromisoformat(published) if published else dt.date(2000, 1, 1), text=body,
        )
        sents = split_sentences(body)
        doc = GoldDoc(aid, which, article, bool(published), sents)
        for ev in g["events"]:
            at = body.find(ev["phrase"])
            if at < 0:
                continue
            i = _sentence_at(sents, at)
            if i is None:
                continue
            own = bool(ev["date_text"]) and ev["date_text"].lower() in sents[i].text.lower()
            doc.events.setdefault(i, (ev["date"], own))
        # Sentences quoting a gold figure or tally (and not an event phrase)
        # are left unjudged: the gold lists events "worth locating", not every
        # happening, and a count's sentence is often a happening too.
        counted = set()
        for item in g.get("figures", []) + g.get("tallies", []):
            at = body.find(item.get("quote") or "\x00")
            i = _sentence_at(sents, at) if at >= 0 else None
            if i is not None:
                counted.add(i)
        doc.not_events = set(range(len(sents))) - set(doc.events) - counted
        out.append(doc)
    return out


def untuned_docs() -> list[GoldDoc]:
    """The untuned check (``bench/gold/events-untuned.json``): corpus texts in families of neither split,
    every judged sentence by its offsets; a sentence of ours is judged when it holds a judged start."""
    if not UNTUNED_GOLD.exists():
        return []
    gold = json.loads(UNTUNED_GOLD.read_text(encoding="utf-8"))["articles"]
    out = []
    for aid, g in sorted(gold.items()):
        meta, body = _body((CORPUS / "en" / f"{aid}.txt").read_text(encoding="utf-8"))
        published = g["published"]  # null: the text's date is unknown; its sentences are judged, not dated
        article = Article(path=f"corpus/{aid}", slug=f"b{aid}", title=meta.get("title", aid),
                          published=dt.date.fromisoformat(published) if published else dt.date(2000, 1, 1), text=body)
        sents = split_sentences(body)
        doc = GoldDoc(aid, "untuned", article, bool(published), sents)
        for start, _end, is_event, date, own in g["sentences"]:
            i = _sentence_at(sents, start)
            if i is None:
                continue
            if is_event:
                doc.events.setdefault(i, (date, bool(own)))
            else:
                doc.not_events.add(i)
        doc.not_events -= set(doc.events)
        out.append(doc)
    return out


def tls_docs() -> list[GoldDoc]:
    if not TLS_GOLD.exists():
        return []
    sys.path.insert(0, str(ROOT / "bench"))
    import tls  # noqa: PLC0415

    gold = json.loads(TLS_GOLD.read_text(encoding="utf-8"))
    out = []
    for topic, which in (("SyrianCrisis_bbc", "tune"), ("SyrianCrisis_reuters", "report")):
        wanted = gold.get(topic, {})
        if not wanted:
            continue
        for doc in tls.load_docs(topic):
            if doc.id not in wanted:
                continue
            # the corpus has no headline: its first line is the lead, not a title
            article = replace(tls.to_article(topic, doc), title=f"{topic} {doc.id}")
            # judged unit: the corpus's own line (to_article joins lines with a blank line)
            lines, at = [], 0
            for line in doc.sentences:
                lines.append(Sentence(at, at + len(line), line))
                at += len(line) + 2
            g = GoldDoc(doc.id, which, article, True, lines)
            for i, is_event, date, own in wanted[doc.id]:
                if i >= len(lines):
                    continue
                if is_event:
                    g.events[i] = (date, bool(own))
                else:
                    g.not_events.add(i)
            out.append(g)
    return out


# -- systems --------------------------------------------------------------------


def ours(doc: GoldDoc) -> dict[int, str]:
    """Sentence index → date of the (first) event extracted from it."""
    ext = events.extract_article(doc.article)
    starts = {s.start: i for i, s in enumerate(doc.sentences)}
    out: dict[int, str] = {}
    for ev in ext.events:
        i = starts.get(ev.start)
        if i is None:
            i = _sentence_at(doc.sentences, ev.start)
        if i is not None and i not in out:
            out[i] = ev.date
    return out


_BASELINE_CUE = re.compile(r"\d|\b(?:today|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def baseline(doc: GoldDoc) -> dict[int, str]:
    """Every sentence with a number or a day word; its own first date, else publication."""
    timexes = dates.find_timexes(doc.article.text, doc.article.published)
    out = {}
    for i, s in enumerate(doc.sentences):
        if not _BASELINE_CUE.search(s.text):
            continue
        own = [t for t in timexes if s.start <= t.start and t.end <= s.end]
        d = events.sentence_date(own)
        out[i] = d[0] if d else doc.article.published.isoformat()
    return out


# -- scoring --------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dated: int = 0
    dated_ok: int = 0
    own: int = 0
    own_ok: int = 0
    undated: int = 0
    undated_ok: int = 0
    errors: list = field(default_factory=list)

    def row(self) -> tuple[float, ...]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        pct = lambda a, b: a / b if b else 0.0  # noqa: E731
        return (p, r, f, pct(self.dated_ok, self.dated), pct(self.own_ok, self.own), pct(self.undated_ok, self.undated))


def score(docs: Iterable[GoldDoc], system) -> Score:
    sc = Score()
    for doc in docs:
        pred = system(doc)
        judged = set(doc.events) | doc.not_events
        for i in sorted(judged):
            is_gold = i in doc.events
            is_pred = i in pred
            text = doc.sentences[i].text
            if is_gold and is_pred:
                sc.tp += 1
            elif is_pred:
                sc.fp += 1
                sc.errors.append(("FP", doc.id, i, text, pred[i], None))
            elif is_gold:
                sc.fn += 1
                sc.errors.append(("FN", doc.id, i, text, None, doc.events[i][0]))
            if is_gold and doc.known_date and doc.events[i][0]:
                gdate, own = doc.events[i]
                ok = pred.get(i) == gdate
                sc.dated += 1
                sc.dated_ok += ok
                if own:
                    sc.own += 1
                    sc.own_ok += ok
                else:
                    sc.undated += 1
                    sc.undated_ok += ok
                if is_pred and not ok:
                    sc.errors.append(("DATE", doc.id, i, text, pred.get(i), gdate))
    return sc


HEADER = ("set", "split", "system", "P", "R", "F1", "date acc", "own-date acc", "undated acc", "n gold")


def run(splits: Sequence[str] = ("report",)) -> list[tuple]:
    """Rows ``(set, split, system, P, R, F1, date, own, undated, n_gold)`` for the given splits.

    A split ``tune-a`` / ``tune-b`` is one half of Tune (:func:`fold_halves`).
    """
    sets = {"bulletins": bulletin_docs() + (untuned_docs() if "untuned" in splits else []), "tls": tls_docs()}
    rows = []
    for name, docs in sets.items():
        halves = fold_halves(docs)
        for split in splits:
            part = [d for d in docs if d.split == split or halves.get(d.id) == split]
            if not part:
                continue
            n_gold = sum(len(d.events) for d in part)
            for sys_name, system in (("baseline", baseline), ("ours", ours)):
                sc = score(part, system)
                rows.append((name, split, sys_name, *sc.row(), n_gold))
    return rows


def table(rows: Sequence[tuple]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in rows:
        cells = [str(c) if not isinstance(c, float) else f"{c:.1%}" for c in r]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print N Tune-split errors per kind (never Report)")
    ap.add_argument("--set", choices=("bulletins", "tls"), default=None)
    ap.add_argument("--split", choices=("tune", "report", "both", "untuned"), default="tune",
                    help="which split's tables to print (Report only to report, never while tuning; untuned: the check "
                         "on families of neither split, bench/gold/events-untuned.json, also never to tune on)")
    ap.add_argument("--folds", action="store_true",
                    help="Tune only, as two halves sharing no conflict (develop on one, check on the other)")
    ap.add_argument("--fold", choices=("a", "b"), default=None, help="with --errors: list errors of this Tune half only")
    args = ap.parse_args(argv)
    if args.folds and args.split != "tune":
        ap.error("--folds cuts the Tune split; run it with --split tune")
    if args.errors and args.split != "tune":
        ap.error("--errors lists Tune-split errors only; run it with --split tune")
    splits = ("tune", "report") if args.split == "both" else (args.split,)
    if args.folds:
        splits = ("tune-a", "tune-b")
    print(table(run(splits)))
    if args.errors:
        docs = bulletin_docs() if args.set != "tls" else []
        docs += tls_docs() if args.set != "bulletins" else []
        part = [d for d in docs if d.split == "tune"]
        if args.fold:
            halves = fold_halves(part)
            part = [d for d in part if halves[d.id] == "tune-" + args.fold]
        sc = score(part, ours)
        for kind in ("FP", "FN", "DATE"):
            shown = [e for e in sc.errors if e[0] == kind][: args.errors]
            for e in shown:
                print(f"{e[0]:4} {e[1]} #{e[2]} pred={e[4]} gold={e[5]} :: {e[3][:220]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
