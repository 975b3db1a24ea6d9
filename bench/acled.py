"""ACLED benchmark: places, fatalities and event types against ACLED's coding.

Run from the repository root::

    .venv/bin/python bench/acled.py            # train and test tables
    .venv/bin/python bench/acled.py --errors 20 # also print 20 train errors per task
    .venv/bin/python bench/acled.py --speed     # also time the extractors on the demo and TLS articles
    .venv/bin/python bench/acled.py --snapshot bench/results/before.json  # every extractor output
    .venv/bin/python bench/acled.py --compare bench/results/before.json   # ... unchanged since?

Data: ``../shared/data/acled/syria_battles_2017-01_to_2017-04.csv`` (3,143
ACLED "Battles" rows for Syria; see its SOURCE.md; never copied into the
repo). For each row we read only ``notes`` (ACLED's one-paragraph
description) and compare what the extractors find with ACLED's columns:

* **admin1** – ``places.main_admin1(places.event_places(notes))`` against
  ACLED's ``admin1``, both through the same gazetteer normalisation
  (``Gazetteer.admin1_of``: "Rural Damascus" → Rif Dimashq, "Dara" → Daraa);
* **fatalities** – ``figures.find_figures`` over the sentences of the notes,
  metric ``killed`` (not injured), the most conservative (lowest) figure as
  ACLED codes it; no figure → 0. Exact and within ±1 of ``fatalities``;
* **event type** – ``event_types.classify(notes)`` mapped through the
  typology's ``acled`` field, against ``event_type`` (all "Battles" here),
  with a confusion table of our type ids.

Split: event_date in January–February 2017 is **train** (the rows we looked
at while writing aliases, districts and triggers); March–April is **test**
(only reported). Baselines in the same run: admin1 = the first gazetteer
match in the notes, or the most frequent train admin1; fatalities = the first
number written in digits (0 when none); type = always "battles" is trivially
right on this Battles-only sample, so the baseline shown is a keyword-free
"other".

Results: stdout and ``bench/results/acled.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import timing  # bench/timing.py

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import event_types, places  # noqa: E402
from generator.read import split_sentences  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "acled" / "syria_battles_2017-01_to_2017-04.csv"
RESULTS = ROOT / "bench" / "results" / "acled.json"
TRAIN_MONTHS = {1, 2}

from generator.figures import DEFAULT_METRICS, find_figures  # noqa: E402

# ACLED's own coding remarks inside notes ("Unknown fatalities coded as 10",
# "Fatalities split between 2 events") restate the answer or depend on other
# rows: these rows are counted, and also reported apart.
_CODED = re.compile(r"\bcoded as\b|\bsplit between\b|\bsplit across\b", re.IGNORECASE)
_FIRST_NUMBER = re.compile(r"\b\d+\b")


def load_rows(path: Path = DATA) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def event_month(row: dict[str, str]) -> int:
    return dt.datetime.strptime(row["event_date"], "%d %B %Y").month


def predicted_admin1(notes: str, gazetteer: places.Gazetteer) -> str | None:
    return places.main_admin1(places.event_places(notes, gazetteer))


def first_match_admin1(notes: str, gazetteer: places.Gazetteer) -> str | None:
    return next((p.admin1 for p in places.find_places(notes, gazetteer) if p.admin1), None)


def predicted_fatalities(notes: str) -> int:
    """ACLED-style fatality count from the 'killed' figures in the notes; 0 when none.

    Within one source, figures for different groups add up ("3 civilians were
    killed ... and 1 rebel" is 4) while sub-counts ("including two children")
    do not; across sources (competing claims) the lowest total is kept, as
    ACLED codes the most conservative estimate. Tuned on train: summing beat
    taking the minimum by 0.6 points there.
    """
    totals: dict[str | None, int] = {}
    subcounts: list[int] = []
    for sentence in split_sentences(notes):
        for figure in find_figures(sentence.text, DEFAULT_METRICS):
            if figure.metric != "killed" or figure.cumulative:
                continue
            if figure.subgroup:
                subcounts.append(figure.value)
            else:
                totals[figure.attributed_to] = totals.get(figure.attributed_to, 0) + figure.value
    if totals:
        return min(totals.values())
    return min(subcounts) if subcounts else 0


def baseline_fatalities(notes: str) -> int:
    match = _FIRST_NUMBER.search(notes)
    return int(match.group()) if match else 0


def _share(hits: int, total: int) -> str:
    return f"{hits}/{total} = {100.0 * hits / total:.1f}%" if total else "n/a"


def evaluate(rows: list[dict[str, str]], gazetteer: places.Gazetteer, most_frequent: str | None) -> dict[str, Any]:
    result: dict[str, Any] = {"rows": len(rows)}
    admin1 = Counter()
    fatalities = Counter()
    types = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    errors: dict[str, list[str]] = {"admin1": [], "fatalities": [], "type": []}
    for row in rows:
        notes, gold_admin1 = row["notes"], gazetteer.admin1_of(row["admin1"])
        guess = predicted_admin1(notes, gazetteer)
        admin1["ours"] += guess == gold_admin1
        admin1["first_match"] += first_match_admin1(notes, gazetteer) == gold_admin1
        admin1["most_frequent"] += most_frequent == gold_admin1
        admin1["none_found"] += guess is None
        if guess != gold_admin1:
            errors["admin1"].append(f"{row['admin1']!r} got {guess!r}: {notes}")

        gold_dead = int(row["fatalities"] or 0)
        coded = bool(_CODED.search(notes))
        fatalities["coded_rows"] += coded
        base = baseline_fatalities(notes)
        fatalities["baseline_exact"] += base == gold_dead
        fatalities["baseline_within1"] += abs(base - gold_dead) <= 1
        dead = predicted_fatalities(notes)
        fatalities["exact"] += dead == gold_dead
        fatalities["within1"] += abs(dead - gold_dead) <= 1
        if not coded:
            fatalities["uncoded_exact"] += dead == gold_dead
        if dead != gold_dead:
            errors["fatalities"].append(f"{gold_dead} got {dead}: {notes}")

        type_id = event_types.classify(notes)
        confusion[(row["event_type"], type_id)] += 1
        types["ours"] += event_types.acled_event_type(type_id) == row["event_type"]
        types["baseline"] += row["event_type"] == "Other"
        if event_types.acled_event_type(type_id) != row["event_type"]:
            errors["type"].append(f"{row['event_type']} got {type_id}: {notes}")

    n = len(rows)
    result["admin1"] = {
        "ours": _share(admin1["ours"], n),
        "baseline_first_match": _share(admin1["first_match"], n),
        "baseline_most_frequent": _share(admin1["most_frequent"], n),
        "no_place_found": admin1["none_found"],
        "ours_where_a_place_was_found": _share(admin1["ours"], n - admin1["none_found"]),
    }
    result["fatalities"] = {
        "baseline_first_number_exact": _share(fatalities["baseline_exact"], n),
        "baseline_first_number_within1": _share(fatalities["baseline_within1"], n),
        "rows_with_acled_coding_remarks": fatalities["coded_rows"],
    }
    result["fatalities"].update(
        {
            "ours_exact": _share(fatalities["exact"], n),
            "ours_within1": _share(fatalities["within1"], n),
            "ours_exact_without_coding_remarks": _share(fatalities["uncoded_exact"], n - fatalities["coded_rows"]),
        }
    )
    result["type"] = {"ours": _share(types["ours"], n), "baseline_other": _share(types["baseline"], n)}
    result["confusion"] = {f"{gold} -> {ours}": count for (gold, ours), count in sorted(confusion.items())}
    result["_errors"] = errors
    return result


# The columns of an ACLED export that a gazetteer file needs (TIMELINE_GAZETTEER_FILES).
GAZETTEER_COLUMNS = ("country", "admin1", "admin2", "location", "latitude", "longitude")


def write_learned_gazetteer(rows: list[dict[str, str]], path: Path) -> Path:
    """The places of ``rows`` (the train months only) as an ACLED-export gazetteer file.

    What a user with ACLED data of past months would set as
    ``TIMELINE_GAZETTEER_FILES``: the benchmark learns villages from the
    train split this way and is scored on the test months, which it never sees.
    """
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=GAZETTEER_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row[c] for c in GAZETTEER_COLUMNS})
    return path


def admin1_accuracy(rows: list[dict[str, str]], gazetteer: places.Gazetteer, gold: places.Gazetteer) -> dict[str, Any]:
    """Province accuracy with ``gazetteer``; ACLED's admin1 normalised by ``gold`` (the same for every gazetteer compared)."""
    right = none = 0
    for row in rows:
        guess = predicted_admin1(row["notes"], gazetteer)
        right += guess == gold.admin1_of(row["admin1"])
        none += guess is None
    return {"ours": _share(right, len(rows)), "no_place_found": none}


def place_speed(rows: list[dict[str, str]], gazetteer: places.Gazetteer) -> float:
    sentences = [s.text for row in rows for s in split_sentences(row["notes"])]
    with timing.Stopwatch() as t:
        for sentence in sentences:
            places.event_places(sentence, gazetteer)
            event_types.classify(sentence)
    return len(sentences) / t.seconds


TLS_ARTICLES = ROOT.parent / "shared" / "data" / "tls" / "t17" / "SyrianCrisis_bbc" / "articles.jsonl"
DEMO_ARTICLES = ROOT / "content" / "articles"


def corpus_sentences() -> list[str]:
    """Sentences of the demo articles and of the TLS SyrianCrisis_bbc articles (read at run time)."""
    from generator.read import read_article_file

    texts = []
    for path in sorted(DEMO_ARTICLES.glob("*.md")):
        article, _ = read_article_file(path)
        if article is not None:
            texts.append(article.text)
    if TLS_ARTICLES.exists():
        with open(TLS_ARTICLES, encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return [s.text for text in texts for s in split_sentences(text)]


def corpus_speed(gazetteer: places.Gazetteer, repeats: int = 3) -> dict[str, Any]:
    """Milliseconds of CPU per sentence for what ``events.extract_article`` asks of each sentence.

    Best of ``repeats`` passes (the first pass also fills the per-word memos),
    and the cold start of the gazetteer in a fresh interpreter.
    """
    sentences = corpus_sentences()
    steps: dict[str, Callable[[str], Any]] = {
        "event_types.classify": event_types.classify,
        "places.event_places": lambda s: places.event_places(s, gazetteer),
        "event_types.find_actors": event_types.find_actors,
    }
    out: dict[str, Any] = {"sentences": len(sentences)}
    together = 0.0
    for name, step in steps.items():
        best = min(_cpu_seconds(step, sentences) for _ in range(repeats))
        out[name] = round(1e3 * best / max(1, len(sentences)), 4)
        together += best

    def all_three(sentence: str) -> None:  # as events.py calls them: actors are shared
        event_types.classify(sentence)
        places.event_places(sentence, gazetteer)
        event_types.find_actors(sentence)

    out["all three, one after the other"] = round(
        1e3 * min(_cpu_seconds(all_three, sentences) for _ in range(repeats)) / max(1, len(sentences)), 4
    )
    code = (
        "import time; t = time.perf_counter(); import generator.places as p; t1 = time.perf_counter(); "
        "p.Gazetteer.for_countries(('SY',), p.DEFAULT_ALIASES); "
        "print(round(t1 - t, 3), round(time.perf_counter() - t1, 3))"
    )
    printed = timing.output_of([sys.executable, "-c", code])
    if printed:
        imported, built = printed.split()
        out["cold import of generator.places (s)"] = float(imported)
        out["cold Gazetteer.for_countries(('SY',)) (s)"] = float(built)
    return out


def _cpu_seconds(step: Callable[[str], Any], sentences: list[str]) -> float:
    with timing.Stopwatch(cpu=True) as t:
        for sentence in sentences:
            step(sentence)
    return t.seconds


def extractor_outputs(gazetteer: places.Gazetteer) -> dict[str, Any]:
    """What the place and event-type extractors give for every sentence of the demo, TLS and ACLED texts.

    Keyed by a hash of the sentence (the texts themselves must not be copied
    anywhere), for checking that a change meant to be a pure speed-up changes
    no output: ``--snapshot before.json``, change the code, ``--compare before.json``.
    """
    import hashlib

    from generator.model import to_dict

    texts = corpus_sentences() + [row["notes"] for row in load_rows()]
    out: dict[str, Any] = {}
    for text in texts:
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        out[key] = {
            "find_places": to_dict(places.find_places(text, gazetteer)),
            "find_places_any_case": to_dict(places.find_places(text, gazetteer, cased=False)),
            "event_places": to_dict(places.event_places(text, gazetteer)),
            "classify": event_types.classify(text),
            "triggers": [list(t) for t in event_types.triggers(text)],
            "find_actors": list(event_types.find_actors(text)),
            "actor_spans": [list(s) for s in event_types.actor_spans(text)],
        }
    return out


def compare_outputs(path: Path, gazetteer: places.Gazetteer) -> int:
    """Number of sentences whose outputs differ from a ``--snapshot`` file (printed, first ten in detail)."""
    before = json.loads(path.read_text(encoding="utf-8"))
    now = extractor_outputs(gazetteer)
    keys = sorted(set(before) | set(now))
    differ = [k for k in keys if before.get(k) != now.get(k)]
    print(f"{len(keys)} sentences compared with {path}: {len(differ)} differ")
    for key in differ[:10]:
        old, new = before.get(key) or {}, now.get(key) or {}
        for field_name in sorted(set(old) | set(new)):
            if old.get(field_name) != new.get(field_name):
                print(f"  {key[:10]} {field_name}: {old.get(field_name)} -> {new.get(field_name)}")
    return len(differ)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many train errors per task")
    parser.add_argument("--split", choices=["train", "test"], default="train", help="split whose errors --errors prints (train only: test errors are never shown)")
    parser.add_argument("--speed", action="store_true", help="also time the extractors on the demo and TLS articles")
    parser.add_argument("--snapshot", type=Path, help="write every extractor output (keyed by sentence hash) to this file and stop")
    parser.add_argument("--compare", type=Path, help="compare every extractor output with a --snapshot file and stop")
    args = parser.parse_args(argv)
    if args.errors and args.split != "train":
        parser.error("--errors is for --split train only: the test months are reported, never looked into")
    if not DATA.exists():
        print(f"ACLED sample not found at {DATA}", file=sys.stderr)
        return 1
    if args.snapshot or args.compare:
        gazetteer = places.Gazetteer.for_countries(["SY"])
        if args.snapshot:
            outputs = extractor_outputs(gazetteer)
            args.snapshot.write_text(json.dumps(outputs, sort_keys=True) + "\n", encoding="utf-8")
            print(f"{len(outputs)} sentences' outputs written to {args.snapshot}")
            return 0
        return 1 if compare_outputs(args.compare, gazetteer) else 0
    rows = load_rows()
    gazetteer = places.Gazetteer.for_countries(["SY"])
    splits = {
        "train": [r for r in rows if event_month(r) in TRAIN_MONTHS],
        "test": [r for r in rows if event_month(r) not in TRAIN_MONTHS],
    }
    most_frequent = Counter(gazetteer.admin1_of(r["admin1"]) for r in splits["train"]).most_common(1)[0][0]
    unmapped = sorted({r["admin1"] for r in rows if gazetteer.admin1_of(r["admin1"]) is None})
    report: dict[str, Any] = {
        "data": str(DATA.name),
        "unmapped_acled_admin1": unmapped,
        "figures_commit": timing.git_revision("generator/figures.py"),
        "places_commit": timing.git_revision("generator/places.py"),
    }
    for name, subset in splits.items():
        report[name] = evaluate(subset, gazetteer, most_frequent)
    report["sentences_per_second"] = round(place_speed(rows, gazetteer))
    # A gazetteer learned from the train months only, through the file path a user would use.
    with tempfile.TemporaryDirectory() as folder:
        learned_file = write_learned_gazetteer(splits["train"], Path(folder) / "acled-train-months.csv")
        learned = places.Gazetteer.for_countries(["SY"], files=[str(learned_file)])
        report["learned_gazetteer"] = {
            name: {"bundled": admin1_accuracy(subset, gazetteer, gazetteer), "bundled + train file": admin1_accuracy(subset, learned, gazetteer)}
            for name, subset in splits.items()
        }

    for name in splits:
        part = report[name]
        print(f"== {name}: {part['rows']} rows ==")
        for task in ("admin1", "fatalities", "type"):
            for key, value in part[task].items():
                print(f"  {task:10s} {key:40s} {value}")
        print("  confusion (ACLED event_type -> our type id):")
        for key, count in part["confusion"].items():
            print(f"    {key:60s} {count}")
    print("province with a gazetteer learned from the train months (TIMELINE_GAZETTEER_FILES, ACLED export of Jan-Feb):")
    for name, part in report["learned_gazetteer"].items():
        for which, value in part.items():
            print(f"  {name:5s} {which:22s} {value['ours']:24s} no place found: {value['no_place_found']}")
    print(f"unmapped ACLED admin1 names: {unmapped or 'none'}")
    print(f"extractor versions: places {report['places_commit']}, figures {report['figures_commit']}")
    print(f"places + type speed: {report['sentences_per_second']} sentences/s")
    if args.speed:
        report["corpus_speed_ms_per_sentence"] = corpus_speed(gazetteer)
        print("speed on the demo and TLS articles (CPU ms per sentence, best of 3):")
        for key, value in report["corpus_speed_ms_per_sentence"].items():
            print(f"    {key:45s} {value}")

    if args.errors:
        for task, lines in report[args.split]["_errors"].items():
            print(f"-- {args.split} {task} errors ({len(lines)}) --")
            for line in lines[: args.errors]:
                print("   ", line)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    public = {k: ({kk: vv for kk, vv in v.items() if kk != "_errors"} if isinstance(v, dict) else v) for k, v in report.items()}
    RESULTS.write_text(json.dumps(public, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
