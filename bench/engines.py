"""Extraction engines over the same articles: serial, process pool, Dask local cluster.

Run from the repository root::

    .venv/bin/python bench/engines.py                 # N = 500 Timeline17 articles
    .venv/bin/python bench/engines.py --n 10000 --workers 2
    .venv/bin/python bench/engines.py --no-dateparser

Writes N articles (the Timeline17 Syria articles cycled, as ``bench/build.py``
does) into a temporary folder, then reads and extracts all of them three
ways in this process, each timed from the list of paths to the list of
results (a Dask cluster's start and stop included):

* **serial** – ``batch.extract_paths(engine="local")``, one process;
* **pool** – read, then ``pipeline.extract_many`` with ``--workers``
  processes (what the site build uses);
* **dask** – ``batch.extract_paths(engine="dask")`` on a local cluster of
  ``--workers`` processes.

Every engine's results must equal the serial ones (compared as JSON of the
dataclasses); a difference is printed and the exit status is 1. Then
dateparser's ``search_dates`` over the same bodies in one process, the
usual library answer to only one of our steps, gives the per-core yardstick.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from build import Corpus, parse_markdown_article, write_corpus  # noqa: E402
from timing import Stopwatch  # noqa: E402

from generator import batch  # noqa: E402
from generator.model import Problem, to_dict  # noqa: E402
from generator.pipeline import extract_many  # noqa: E402
from generator.read import read_article_file  # noqa: E402


def as_json(results: list) -> str:
    return json.dumps([[to_dict(x) if x else None, [to_dict(p) for p in probs]] for x, probs in results], ensure_ascii=False)


def pool(paths: list[str], workers: int) -> list:
    """Read in this process, extract in ``workers`` processes: the site build's path."""
    read = [read_article_file(p) for p in paths]
    articles = [a for a, _ in read if a is not None]
    extracted = iter(extract_many(articles, {}, workers=workers))
    out = []
    for article, problems in read:
        if article is None:
            out.append((None, list(problems)))
            continue
        result = next(extracted)
        out.append((None, [*problems, result]) if isinstance(result, Problem) else (result, list(problems)))
    return out


def dateparser_seconds(paths: list[str]) -> tuple[float, int]:
    from dateparser.search import search_dates

    found = 0
    with Stopwatch() as t:
        for path in paths:
            meta, body = parse_markdown_article(Path(path).read_text(encoding="utf-8"))
            base = dt.datetime.fromisoformat(meta["date"])
            found += len(search_dates(body, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}) or [])
    return t.seconds, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="number of articles")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for pool and dask")
    parser.add_argument("--no-dateparser", action="store_true")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="bench-engines-"))
    try:
        write_corpus(args.n, folder, Corpus("tls", 0, args.n))
        paths = sorted(str(p) for p in (folder / "articles").glob("*.md"))
        print(f"N={args.n} Timeline17 articles, {os.cpu_count()} CPUs, {args.workers} workers; load {os.getloadavg()[0]:.1f}", flush=True)
        timings, reference, failed = {}, None, False
        engines = {
            "serial": lambda: batch.extract_paths(paths, engine="local"),
            "pool": lambda: pool(paths, args.workers),
            "dask": lambda: batch.extract_paths(paths, engine="dask", workers=args.workers),
        }
        for name, run in engines.items():
            with Stopwatch() as t:
                results = run()
            timings[name] = t.seconds
            text = as_json(results)
            same = reference is None or text == reference
            reference = reference or text
            failed |= not same
            print(f"  {name:<7} {timings[name]:8.2f} s  {args.n / timings[name]:7.1f} articles/s"
                  + ("" if same else "  DIFFERS from serial"), flush=True)
        dp = None if args.no_dateparser else dateparser_seconds(paths)
        if dp:
            print(f"  dateparser search_dates {dp[0]:8.2f} s ({dp[1]} dates), one process", flush=True)
        print("\n| N | serial s | pool s | dask s | pool / serial | dask / pool | serial articles/s (1 core) "
              "| dateparser s (1 core) | serial / dateparser | same results |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        s, p, d = timings["serial"], timings["pool"], timings["dask"]
        print(f"| {args.n} | {s:.2f} | {p:.2f} | {d:.2f} | {p / s:.2f} | {d / p:.2f} | {args.n / s:.1f} "
              f"| {f'{dp[0]:.2f}' if dp else 'skipped'} | {f'{s / dp[0]:.2f}' if dp else 'n/a'} | {'yes' if not failed else 'NO'} |")
        print(f"load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
