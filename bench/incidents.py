"""Incident grouping against hand-labelled incident groups (Timeline17 Syria, ``bench/gold/tls-incidents.json``).

Usage::

    .venv/bin/python bench/incidents.py [--split tune|report|all] [--errors]

For each labelled day, the articles of the topic are read and extracted
(``generator.pipeline.extract_many``, as ``bench/tls.py`` does), the events
dated to that day are grouped by ``generator.incidents.clusters``, and each
event line gets its incident. Scored **pairwise** over the labelled lines
(``none`` lines left out):

* precision: of the line pairs we put in one incident, the share the
  annotator put in one incident;
* recall: of the line pairs the annotator put in one incident, the share we
  put in one incident.

Baselines in the same run, on the same lines: ``sentence`` (one entry per
sentence: what bulletins showed before incidents), ``province`` (one entry
per day and first province, the old bulletin's "by place" sections),
``article`` (one entry per article and day).

``--errors`` prints the wrong pairs, for the tune split only (the report
split is never inspected).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tls  # noqa: E402

from generator import incidents  # noqa: E402
from generator.model import Event, Problem  # noqa: E402
from generator.pipeline import extract_many  # noqa: E402
from generator.settings import resolve  # noqa: E402

GOLD = ROOT / "bench" / "gold" / "tls-incidents.json"

Line = tuple[str, int]  # (article id, line index)


def line_of(event: Event, text: str) -> int:
    """The corpus line an event's sentence is on (articles are lines joined by blank lines)."""
    return text.count("\n\n", 0, event.start)


def day_events(topic: str, day: str, article_ids: set[str] | None = None) -> tuple[list[Event], dict[str, str]]:
    """Events dated to ``day`` in the topic's articles, and each article's text by slug."""
    docs = [d for d in tls.load_docs(topic) if article_ids is None or d.id in article_ids]
    articles = [tls.to_article(topic, d) for d in docs]
    config = {k: v for k, v in resolve({}).items() if k.startswith("TIMELINE_")}
    events, texts = [], {}
    for result in extract_many(articles, config, workers=1):
        if isinstance(result, Problem):
            continue
        texts[result.article.slug] = result.article.text
        events.extend(e for e in result.events if e.granularity == "day" and e.date == day)
    return events, texts


def assign(groups: Sequence[Sequence[Event]], texts: Mapping[str, str]) -> dict[Line, int]:
    """Line → group number (a line split into several events takes its first event's group)."""
    out: dict[Line, int] = {}
    for n, group in enumerate(groups):
        for event in group:
            key = (event.article.rsplit("-", 1)[-1], line_of(event, texts[event.article]))
            out.setdefault(key, n)
    return out


def pairs(assignment: Mapping[Line, object], lines: Sequence[Line]) -> set[tuple[Line, Line]]:
    """Pairs of ``lines`` (sorted) that share a group."""
    present = sorted(x for x in lines if x in assignment)
    return {(a, b) for a, b in itertools.combinations(present, 2) if assignment[a] == assignment[b]}


def by_key(events: Sequence[Event], key: Callable[[Event], object]) -> list[list[Event]]:
    groups: dict[object, list[Event]] = {}
    for event in sorted(events, key=lambda e: (e.article, e.start)):
        groups.setdefault(key(event), []).append(event)
    return list(groups.values())


def _first_province(event: Event) -> object:
    provinces = [p.admin1 for p in event.places if p.admin1]
    return provinces[0] if provinces else None


SYSTEMS: dict[str, Callable[[Sequence[Event]], list[list[Event]]]] = {
    "incidents": lambda events: incidents.clusters(events),
    "sentence": lambda events: by_key(events, lambda e: (e.article, e.start)),
    "province": lambda events: by_key(events, _first_province),
    "article": lambda events: by_key(events, lambda e: e.article),
}


def score(found: set, gold: set) -> tuple[float, float, float]:
    tp = len(found & gold)
    p = tp / len(found) if found else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "report", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="print wrong pairs (tune days only)")
    args = parser.parse_args(argv)
    gold_doc = json.loads(GOLD.read_text(encoding="utf-8"))
    totals: dict[tuple[str, str], list[set]] = {}
    print(f"{'day':<34} {'system':<10} {'entries':>7} {'P':>6} {'R':>6} {'F1':>6}  (pairs found/gold)")
    for day in gold_doc["days"]:
        if args.split != "all" and day["split"] != args.split:
            continue
        labels = {(art, int(i)): lab for art, lines in day["labels"].items() for i, lab in lines.items()}
        scored = sorted(k for k, v in labels.items() if v != "none")
        gold_pairs = pairs({k: labels[k] for k in scored}, scored)
        events, texts = day_events(day["topic"], day["date"])
        for name, system in SYSTEMS.items():
            groups = system(events)
            assignment = assign(groups, texts)
            unlabelled = sorted(set(assignment) - set(labels))
            found = pairs(assignment, scored)
            p, r, f = score(found, gold_pairs)
            tag = f"{day['topic'].split('_')[1]} {day['date']} ({day['split']})"
            print(f"{tag:<34} {name:<10} {len(groups):>7} {p:>6.3f} {r:>6.3f} {f:>6.3f}  ({len(found)}/{len(gold_pairs)})"
                  + (f" unlabelled lines: {len(unlabelled)}" if unlabelled and name == "incidents" else ""))
            sums = totals.setdefault((day["split"], name), [set(), set()])
            sums[0] |= {(day["date"], x) for x in found}
            sums[1] |= {(day["date"], x) for x in gold_pairs}
            if args.errors and name == "incidents" and day["split"] == "tune":
                by_line = {(e.article.rsplit("-", 1)[-1], line_of(e, texts[e.article])): e.sentence for e in events}
                for a, b in sorted(found - gold_pairs):
                    print(f"  FP {a} {labels[a]} ~ {b} {labels[b]}\n     {by_line[a][:100]}\n     {by_line[b][:100]}")
                for a, b in sorted(gold_pairs - found):
                    print(f"  FN {a} ~ {b} ({labels[a]})\n     {by_line.get(a, '(not extracted)')[:100]}\n     {by_line.get(b, '(not extracted)')[:100]}")
    print()
    for (split, name), (found, gold) in sorted(totals.items()):
        p, r, f = score(found, gold)
        print(f"{split:<8} {name:<10} P={p:.3f} R={r:.3f} F1={f:.3f} (pairs found {len(found)}, gold {len(gold)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
