"""Where a build's time goes: one Pelican build in this process, a timer around each phase.

    .venv/bin/python bench/phases.py --sizes 500            # first, +1, nothing changed at N = 500
    .venv/bin/python bench/phases.py --sizes 500 --keep     # keep the folder to look at the output

For each N it writes the Timeline17 corpus (``bench/build.py``'s ``Corpus``)
into a temporary folder, then runs three builds with every cache on, each
in a fresh child process (``--child``): *first* (empty caches), *+1* (one
new article added) and *same* (nothing changed). In the child, the
functions named in ``PHASES`` are wrapped before Pelican loads the plugin,
and the wall and CPU seconds (``time.perf_counter``, ``time.process_time``
of this process; a subprocess's CPU, Pagefind's, is counted from
``RUSAGE_CHILDREN``) spent inside each are printed as a table. Phases nest
(``build_site_data`` holds the extraction cache's load), so the rows do not
add up to the whole; ``whole build`` is ``Pelican.run``.

The numbers measure this machine at this moment: on a shared machine
compare CPU seconds, not wall seconds, and rows of one run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build as bench_build  # noqa: E402  (bench/build.py)

REPO = Path(__file__).resolve().parent.parent

# (label, module, attribute path): the functions timed, in the order the table lists them.
PHASES: list[tuple[str, str, str]] = [
    ("whole build", "pelican", "Pelican.run"),
    ("Pelican: read articles", "pelican.generators", "ArticlesGenerator.generate_context"),
    ("  intake: admit articles", "generator.intake", "admit_articles"),
    ("Pelican: read pages", "pelican.generators", "PagesGenerator.generate_context"),
    ("  intake: admit pages", "generator.intake", "admit_pages"),
    ("ours: build_site_data", "generator.pipeline", "build_site_data"),
    ("  read article_from_pelican", "generator.pipeline", "article_from_pelican"),
    ("  extraction cache get", "generator.cache", "ExtractionCache.get"),
    ("  extract", "generator.pipeline", "extract_many"),
    ("  finish", "generator.pipeline", "finish"),
    ("    corrections", "generator.corrections", "apply_file"),
    ("    aggregate", "generator.aggregate", "aggregate"),
    ("    review", "generator.review", "review_site"),
    ("  cache prune", "generator.cache", "ExtractionCache.prune"),
    ("ours: article html", "generator.site", "TimelineGenerator._attach_article_html"),
    ("ours: generate_output", "generator.site", "TimelineGenerator.generate_output"),
    ("  page cache start", "generator.site", "TimelineGenerator._start_page_cache"),
    ("  feeds", "generator.feeds", "write_feeds"),
    ("  exports", "generator.exports", "write_exports"),
    ("  page cache save", "generator.pagecache", "PageCache.save"),
    ("Pelican: article pages", "pelican.generators", "ArticlesGenerator.generate_output"),
    ("Pelican: pages", "pelican.generators", "PagesGenerator.generate_output"),
    ("Pelican: static", "pelican.generators", "StaticGenerator.generate_output"),
    ("output: finalized", "generator.output", "finalized"),
    ("  digests", "generator.output", "keep_unchanged"),
    ("  search", "generator.search", "finalized"),
]

_TOTALS: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
_ACTIVE: dict[str, int] = defaultdict(int)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its wall, CPU and child-process CPU seconds added to ``label`` (outermost call only)."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _ACTIVE[label]:
            return func(*args, **kwargs)
        _ACTIVE[label] += 1
        w, c, k = time.perf_counter(), time.process_time(), _children_cpu()
        try:
            return func(*args, **kwargs)
        finally:
            row = _TOTALS[label]
            row[0] += time.perf_counter() - w
            row[1] += time.process_time() - c
            row[2] += _children_cpu() - k
            row[3] += 1
            _ACTIVE[label] -= 1

    wrapper.__wrapped__ = func  # type: ignore[attr-defined]
    wrapper.__name__ = getattr(func, "__name__", label)
    return wrapper


def install() -> None:
    """Wrap every function of ``PHASES`` (before Pelican imports the plugin and connects its signals)."""
    sys.path.insert(0, str(REPO))
    for label, module_name, attr in PHASES:
        module = importlib.import_module(module_name)
        owner: Any = module
        *parents, name = attr.split(".")
        for p in parents:
            owner = getattr(owner, p)
        setattr(owner, name, timed(label, getattr(owner, name)))


def child(settings: str, content: str, output: str, report: str) -> int:
    install()
    from pelican import Pelican
    from pelican.settings import read_settings

    config = read_settings(settings, override={"PATH": content, "OUTPUT_PATH": output})
    Pelican(config).run()
    rows = [(label, *_TOTALS[label]) for label, _, _ in PHASES if label in _TOTALS]
    Path(report).write_text(json.dumps(rows), encoding="utf-8")
    return 0


def run_build(folder: Path, settings: Path, name: str) -> list[tuple[str, float, float, float, int]]:
    report = folder / f"phases-{name}.json"
    log = folder / f"log-{name}.txt"
    cmd = [sys.executable, __file__, "--child", str(settings), str(folder / "content"), str(folder / "out"), str(report)]
    with open(log, "w", encoding="utf-8") as fh:
        done = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, env={**os.environ, **bench_build.CHILD_ENV}, check=False)
    if done.returncode != 0 or not report.exists():
        print(log.read_text(encoding="utf-8", errors="replace")[-3000:])
        raise SystemExit(f"{name}: build failed (log {log})")
    return [tuple(r) for r in json.loads(report.read_text(encoding="utf-8"))]


def table(n: int, builds: dict[str, list[tuple[str, float, float, float, int]]]) -> str:
    names = list(builds)
    lines = [f"N = {n}: wall s / CPU s (+ child CPU s) per phase",
             "| phase | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    labels = [label for label, _, _ in PHASES]
    by_build = {b: {r[0]: r for r in rows} for b, rows in builds.items()}
    for label in labels:
        cells = []
        for b in names:
            r = by_build[b].get(label)
            cells.append("" if r is None else f"{r[1]:.2f} / {r[2]:.2f}" + (f" (+{r[3]:.2f})" if r[3] >= 0.01 else ""))
        if any(cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--child":
        return child(*args[1:5])
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500])
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (printed)")
    parser.add_argument("--workers", type=int, default=None, help="TIMELINE_WORKERS (default: as shipped)")
    opts = parser.parse_args(args)
    for n in opts.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"phases-{n}-"))
        corpus = bench_build.Corpus("tls", 0, n)
        bench_build.write_corpus(n, folder / "content", corpus)
        settings = bench_build.settings_file(folder, folder / "content", folder / "out", True, opts.workers, warm=True)
        builds = {}
        print(f"N = {n}, load average {os.getloadavg()[0]:.1f}, folder {folder}", flush=True)
        for name, new in (("first", None), ("+1", n), ("same", None)):
            if new is not None:
                bench_build.write_article(folder / "content", new, corpus.article(new))
            started = time.perf_counter()
            builds[name] = run_build(folder, settings, name)
            print(f"  {name}: {time.perf_counter() - started:.1f} s wall (child process)", flush=True)
        print(table(n, builds), flush=True)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
        if not opts.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
