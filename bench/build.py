"""Build benchmark: what does the timeline plugin cost on top of Pelican?

Run from the repository root::

    .venv/bin/python bench/build.py                 # N = 500 and 2000
    .venv/bin/python bench/build.py --sizes 200     # a quick look
    .venv/bin/python bench/build.py --no-dateparser # skip the second baseline

For each size N it writes N synthetic articles into a temporary folder by
recombining sentences of the demo corpus (``content/articles``, without
``problems/``) under seeded random dates, then builds them twice in fresh
child processes:

* **plain** – Pelican with ``PLUGINS = []`` (the cost of any Pelican site);
* **ours**  – ``pelican.conf.py`` as shipped (the plugin on), with only
  ``PATH``/``OUTPUT_PATH`` and cache locations overridden.

Wall time is the best of k runs (``--repeats``; default 3 for N <= 500 and 1
above) and peak memory is the child's own ``ru_maxrss`` (from ``os.wait4``,
so one child's peak never leaks into another's). Optionally a third child
runs ``dateparser.search.search_dates`` over the same texts, a baseline for
"just finding the dates with the usual library".

Results go to stdout as a table and to ``bench/results/build.json``
(``bench/results/`` is git-ignored). The script never fails silently: a build
that exits non-zero, cannot load the plugin, or produces no bulletin pages is
reported as FAILED with the last lines of its log, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import timing  # bench/timing.py

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content" / "articles"
CONF = REPO / "pelican.conf.py"
RESULTS = REPO / "bench" / "results"

# Same environment as `make html`, so a build here is the build users run
# (COLUMNS only widens the log, so failures are readable in the report).
CHILD_ENV = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "0", "LC_ALL": "C.UTF-8", "COLUMNS": "200"}

# Synthetic articles are dated inside this window; the window grows with N
# (see `date_span_days`) so that a day holds a handful of reports, as in a
# real news archive, instead of all N landing on one bulletin.
FIRST_DAY = dt.date(2016, 1, 1)

SENTENCE_END = re.compile(r"(?<=[.!?])[”\"']?\s+(?=[A-Z“\"(])")


# --------------------------------------------------------------------------
# Corpus: read the demo articles, generate N synthetic ones
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoArticle:
    """A demo article reduced to what the generator recombines."""

    title: str
    source: str
    category: str
    sentences: tuple[str, ...]


def parse_markdown_article(text: str) -> tuple[dict[str, str], str]:
    """Split a Pelican Markdown file into (metadata, body).

    The header is the leading block of ``Key: value`` lines up to the first
    blank line, as Pelican's Markdown reader sees it.

    >>> parse_markdown_article("Title: A\\nDate: 2016-12-23\\n\\nBody.")
    ({'title': 'A', 'date': '2016-12-23'}, 'Body.')
    """
    head, _, body = text.partition("\n\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip().lower()] = value.strip()
    return meta, body.strip()


def body_sentences(body: str) -> tuple[str, ...]:
    """The article's prose sentences: headings and the paraphrase credit line dropped.

    >>> body_sentences("## Head\\n\\nOne thing. Two things.\\n\\n*Paraphrased from X.*")
    ('One thing.', 'Two things.')
    """
    out: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body):
        paragraph = " ".join(paragraph.split())
        if not paragraph or paragraph.startswith("#") or paragraph.startswith("*Paraphrased"):
            continue
        out.extend(s.strip() for s in SENTENCE_END.split(paragraph) if s.strip())
    return tuple(out)


def load_demo_corpus(folder: Path = CONTENT) -> list[DemoArticle]:
    """Every readable demo article directly in ``folder`` (``problems/`` is a subfolder, so skipped)."""
    articles = []
    for path in sorted(folder.glob("*.md")):
        meta, body = parse_markdown_article(path.read_text(encoding="utf-8"))
        sentences = body_sentences(body)
        if meta.get("date") and sentences:
            articles.append(
                DemoArticle(
                    title=meta.get("title", path.stem),
                    source=meta.get("source", "Unknown"),
                    category=meta.get("category", "reports"),
                    sentences=sentences,
                )
            )
    return articles


def date_span_days(n: int) -> int:
    """Days the synthetic dates spread over: about four reports a day, at least a month."""
    return max(30, n // 4)


def synthetic_article(i: int, rng: random.Random, corpus: list[DemoArticle], span: int) -> str:
    """One recombined article as Pelican Markdown (deterministic given ``rng``'s state).

    Sentences are drawn whole (never cut) from random demo articles, so every
    bulletin list, figure and attribution stays well-formed; relative dates
    ("on Friday") are then resolved against the new publication date.
    """
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
    donor = rng.choice(corpus)
    n_sentences = rng.randint(3, 10)
    picked = [rng.choice(rng.choice(corpus).sentences) for _ in range(n_sentences)]
    paragraphs: list[str] = []
    while picked:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(picked[:take]))
        picked = picked[take:]
    header = [
        f"Title: {donor.title} ({i:05d})",
        f"Date: {date.isoformat()}",
        f"Source: {donor.source}",
        f"Source_url: https://example.org/bench/{i:05d}",
        f"Category: {donor.category}",
        f"Slug: bench-{i:05d}",
        f"Summary: {paragraphs[0][:150]}",
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"


def tls_docs() -> list[tuple[str, str, tuple[str, ...]]]:
    """The Timeline17 Syria articles (BBC then Reuters) as (id, publication date, sentences)."""
    sys.path.insert(0, str(REPO / "bench"))
    from tls import TOPICS, load_docs  # detokenized as bench/tls.py reads them

    return [(f"{topic}-{d.id}", d.published.isoformat(), d.sentences) for topic in TOPICS for d in load_docs(topic) if d.sentences]


def tls_article(i: int, docs: list[tuple[str, str, tuple[str, ...]]]) -> str:
    """Article ``i`` of a corpus that cycles through ``docs``: copy ``i // len(docs)`` of one real article.

    The text and publication date are the real ones; the title (its first
    sentence) and slug get the number, so every copy is its own page.
    Sentences are grouped three to a paragraph, in their order.
    """
    doc_id, date, sentences = docs[i % len(docs)]
    title = " ".join(sentences[0].split())[:90]
    paragraphs = [" ".join(sentences[k : k + 3]) for k in range(0, len(sentences), 3)]
    header = [
        f"Title: {title} ({i:05d})",
        f"Date: {date}",
        "Source: Timeline17",
        f"Source_url: https://example.org/t17/{doc_id}",
        "Category: reports",
        f"Slug: bench-{i:05d}",
    ]
    return "\n".join(header) + "\n\n" + "\n\n".join(paragraphs) + "\n"


class Corpus:
    """Article ``i`` as Pelican Markdown, the same text for the same (kind, seed, n, i)."""

    def __init__(self, kind: str, seed: int, n: int) -> None:
        self.kind = kind
        if kind == "tls":
            self.docs = tls_docs()
        else:
            self.demo = load_demo_corpus()
            self.rng = random.Random(f"{seed}:{n}")  # drawn in order: article i after articles 0..i-1
            self.span = date_span_days(n)

    def article(self, i: int) -> str:
        return tls_article(i, self.docs) if self.kind == "tls" else synthetic_article(i, self.rng, self.demo, self.span)

    def describe(self) -> str:
        if self.kind == "tls":
            return f"Timeline17 Syria corpus: {len(self.docs)} real articles, cycled to reach N"
        return f"demo corpus: {len(self.demo)} articles, {sum(len(a.sentences) for a in self.demo)} sentences, recombined"


def write_article(folder: Path, i: int, text: str) -> Path:
    path = folder / "articles" / f"bench-{i:05d}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_corpus(n: int, folder: Path, corpus: Corpus) -> list[tuple[str, str]]:
    """Write N articles to ``folder/articles``; return (date, body) pairs for the dateparser baseline."""
    texts = []
    for i in range(n):
        text = corpus.article(i)
        write_article(folder, i, text)
        meta, body = parse_markdown_article(text)
        texts.append((meta["date"], body))
    return texts


# --------------------------------------------------------------------------
# Builds in child processes
# --------------------------------------------------------------------------


@dataclass
class Run:
    """One child process: wall seconds, peak RSS, how it ended."""

    seconds: float
    peak_mb: float
    returncode: int
    tree_mb: float = 0.0  # sampled peak of the summed PSS of the child and its descendants
    log_tail: str = ""
    problem: str | None = None
    files: int = 0
    extracted: int | None = None  # warm plugin builds: extraction cache entries written by this run


@dataclass
class Measure:
    """The best of k runs of one configuration at one size."""

    label: str
    n: int
    runs: list[Run] = field(default_factory=list)

    @property
    def failed(self) -> str | None:
        return next((r.problem for r in self.runs if r.problem), None)

    @property
    def best_seconds(self) -> float | None:
        return None if self.failed or not self.runs else min(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float | None:
        return None if self.failed or not self.runs else max(r.peak_mb for r in self.runs)

    @property
    def tree_mb(self) -> float | None:
        return None if self.failed or not self.runs else max(r.tree_mb for r in self.runs)


def settings_file(folder: Path, content: Path, output: Path, plugin: bool, workers: int | None = None, warm: bool = False) -> Path:
    """A settings module that loads the shipped pelican.conf.py and overrides paths only.

    Relative paths in the shipped file (THEME, PLUGIN_PATHS) are anchored at
    the repository, since Pelican resolves them against the settings file,
    which here lives in a temp folder. Cold builds (``warm=False``) turn
    every cache off, so repeats measure the same work. Warm builds turn on
    Pelican's content cache (``CACHE_CONTENT``, ``LOAD_CONTENT_CACHE``) for
    both, keep the output folder, and leave our extraction cache at its
    default (``{CACHE_PATH}/timeline``): what a rebuild costs.
    """
    name = ("plugin" if plugin else "plain") + ("_warm" if warm else "")
    path = folder / f"settings_{name}.py"
    lines = [
        "import os as _os",
        f"_REPO = {str(REPO)!r}",
        f"exec(compile(open({str(CONF)!r}, encoding='utf-8').read(), {str(CONF)!r}, 'exec'))",
        "PATH = " + repr(str(content)),
        "OUTPUT_PATH = " + repr(str(output)),
        "THEME = THEME if _os.path.isabs(THEME) else _os.path.join(_REPO, THEME)",
        "PLUGIN_PATHS = [p if _os.path.isabs(p) else _os.path.join(_REPO, p) for p in PLUGIN_PATHS]",
        "CACHE_PATH = " + repr(str(folder / f"cache_{name}")),
    ]
    if warm:
        lines += ["LOAD_CONTENT_CACHE = True", "CACHE_CONTENT = True", "DELETE_OUTPUT_DIRECTORY = False"]
    else:  # cold extraction every run: the cost of a first build
        lines += ["TIMELINE_CACHE_PATH = ''", "LOAD_CONTENT_CACHE = False", "CACHE_CONTENT = False", "DELETE_OUTPUT_DIRECTORY = True"]
    if not plugin:
        lines.append("PLUGINS = []")
    elif workers is not None:
        lines.append(f"TIMELINE_WORKERS = {workers:d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_child(cmd: list[str], log: Path) -> Run:
    """Run one child in the build environment (``CHILD_ENV``), timed and with its peak memory (``timing.run_child``)."""
    child = timing.run_child(cmd, log, env=CHILD_ENV)
    return Run(seconds=child.seconds, peak_mb=child.peak_mb, returncode=child.returncode,
               tree_mb=child.tree_mb, log_tail=child.log_tail)


def plugin_marker(conf: Path = CONF) -> str:
    """The top folder the plugin writes bulletins to (from TIMELINE_BULLETIN_SAVE_AS), to prove it ran."""
    namespace: dict[str, object] = {}
    try:
        exec(compile(conf.read_text(encoding="utf-8"), str(conf), "exec"), namespace)
    except Exception:  # a broken conf shows up as a failed build anyway
        pass
    save_as = str(namespace.get("TIMELINE_BULLETIN_SAVE_AS") or "bulletins/{date}/index.html")
    return save_as.split("/", 1)[0]


def check_build(run: Run, output: Path, log: Path, plugin: bool) -> Run:
    """Turn a finished build into a verdict: anything that is not a real build is a failure.

    Pelican only logs a plugin that fails to import and carries on, so a
    zero exit status alone would time a plain build and call it ours.
    """
    text = log.read_text(encoding="utf-8", errors="replace")
    run.files = sum(1 for p in output.rglob("*") if p.is_file()) if output.exists() else 0
    if run.returncode != 0:
        run.problem = f"exit status {run.returncode}"
    elif "Traceback (most recent call last)" in text:
        run.problem = "traceback in log"
    elif plugin and "Cannot load plugin" in text:
        run.problem = "Pelican could not load the plugin"
    elif plugin and not (output / plugin_marker()).is_dir():
        run.problem = f"plugin ran but wrote no {plugin_marker()}/ folder"
    elif run.files == 0:
        run.problem = "no output files"
    return run


def build(n: int, folder: Path, plugin: bool, repeats: int, workers: int | None = None) -> Measure:
    """Build the N-article corpus in ``folder`` k times with the plugin on or off."""
    label = "ours" if plugin else "plain"
    measure = Measure(label, n)
    settings = settings_file(folder, folder / "content", folder / f"out_{label}", plugin, workers)
    cmd = [sys.executable, "-m", "pelican", str(folder / "content"), "-o", str(folder / f"out_{label}"), "-s", str(settings)]
    for _ in range(repeats):
        log = folder / f"log_{label}.txt"
        run = check_build(run_child(cmd, log), folder / f"out_{label}", log, plugin)
        measure.runs.append(run)
        print(f"  N={n:<5} {label:<6} {run.seconds:7.2f} s  {run.peak_mb:7.1f} MB  tree {run.tree_mb:7.1f} MB  {run.files} files"
              + (f"  FAILED: {run.problem}" if run.problem else ""), flush=True)
        if run.problem:
            break
    return measure


def cache_entries_since(folder: Path, since: float) -> int:
    """Extraction cache entries (``*.json``) written at or after ``since`` (a ``time.time()``)."""
    return sum(1 for p in folder.glob("*.json") if p.stat().st_mtime >= since)


def rebuilds(n: int, folder: Path, repeats: int, corpus: Corpus, workers: int | None = None) -> dict[str, Measure]:
    """The rebuild cost with every cache on, plain and ours in turn at each step.

    Steps: ``first`` (empty caches and output folder: the cold build plus
    writing the caches), ``added`` (best of ``repeats`` rebuilds, each after
    adding one new article ``n + r`` to the site built just before) and
    ``same`` (nothing changed). Both builds see the same content at every
    step. Run after the cold builds: the added articles stay in
    ``folder/content``. For ours, ``Run.extracted`` counts the extraction
    cache entries the run wrote, to show that adding one article extracts one.
    Returns measures named ``"plain first"``, ``"ours added"``, ...
    """
    commands = {}
    for plugin in (False, True):
        label = "ours" if plugin else "plain"
        out = folder / f"out_{label}_warm"
        settings = settings_file(folder, folder / "content", out, plugin, workers if plugin else None, warm=True)
        commands[label] = (plugin, out, [sys.executable, "-m", "pelican", str(folder / "content"), "-o", str(out), "-s", str(settings)])
    entries = folder / "cache_plugin_warm" / "timeline"
    measures = {f"{label} {kind}": Measure(f"{label} {kind}", n) for kind in ("first", "added", "same") for label in commands}
    plan = [("first", None)] + [("added", n + r) for r in range(repeats)] + [("same", None)]
    for kind, new in plan:
        if new is not None:
            write_article(folder / "content", new, corpus.article(new))
        for label, (plugin, out, cmd) in commands.items():
            log = folder / f"log_{label}_warm.txt"
            since = time.time() - 0.01
            run = check_build(run_child(cmd, log), out, log, plugin)
            if plugin:
                run.extracted = cache_entries_since(entries, since) if entries.is_dir() else 0
            measures[f"{label} {kind}"].runs.append(run)
            print(f"  N={n:<5} {label:<6} {kind:<6} {run.seconds:7.2f} s  {run.peak_mb:7.1f} MB  tree {run.tree_mb:7.1f} MB"
                  + (f"  extracted {run.extracted}" if run.extracted is not None else "")
                  + (f"  FAILED: {run.problem}" if run.problem else ""), flush=True)
            if run.problem:
                return measures
    return measures


DATEPARSER_CHILD = r"""
import json, resource, sys, time
import datetime as dt
texts = json.load(open(sys.argv[1], encoding="utf-8"))
t0 = time.perf_counter()
from dateparser.search import search_dates
t1 = time.perf_counter()
found = 0
for date, body in texts:
    base = dt.datetime.fromisoformat(date)
    hits = search_dates(body, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    found += len(hits or [])
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "search_s": t2 - t1, "found": found}))
"""


PIPELINE_CHILD = r"""
import glob, json, sys, time
sys.path.insert(0, sys.argv[2])  # the repository, as Pelican's PLUGIN_PATHS does
t0 = time.perf_counter()
from generator import aggregate, events, read
from generator.settings import resolve
t1 = time.perf_counter()
config = resolve({})
extractions = []
for path in sorted(glob.glob(sys.argv[1] + "/*.md")):
    article, problems = read.read_article_file(path)
    if article is not None:
        extractions.append(events.extract_article(article, config))
t2 = time.perf_counter()
site_events, tallies, bulletins = aggregate.aggregate(extractions, config["TIMELINE_KEY_METRICS"])
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "extract_s": t2 - t1, "aggregate_s": t3 - t2,
                  "events": len(site_events), "tallies": len(tallies), "bulletins": len(bulletins)}))
"""


def pipeline_only(folder: Path, n: int) -> Measure:
    """read → extract → aggregate over the same files, without Pelican: splits "ours" into
    our pipeline and the rest (Pelican plus the plugin's page writing)."""
    script = folder / "pipeline_child.py"
    script.write_text(PIPELINE_CHILD, encoding="utf-8")
    log = folder / "log_pipeline.txt"
    run = run_child([sys.executable, str(script), str(folder / "content" / "articles"), str(REPO)], log)
    if run.returncode != 0:
        run.problem = f"exit status {run.returncode}"
    detail = ""
    try:
        s = json.loads(log.read_text().strip().splitlines()[-1])
        detail = (f"  (import {s['import_s']:.2f} s, extract {s['extract_s']:.2f} s, aggregate {s['aggregate_s']:.2f} s;"
                  f" {s['events']} events, {s['tallies']} tallies, {s['bulletins']} bulletins)")
    except (ValueError, IndexError, KeyError):
        pass
    print(f"  N={n:<5} pipeline {run.seconds:7.2f} s  {run.peak_mb:7.1f} MB{detail}"
          + (f"  FAILED: {run.problem}" if run.problem else ""), flush=True)
    return Measure("pipeline", n, [run])


def dateparser_baseline(texts: list[tuple[str, str]], folder: Path) -> Measure:
    """search_dates over every article body, in its own child (one run: it is the slow part)."""
    data = folder / "texts.json"
    data.write_text(json.dumps(texts), encoding="utf-8")
    script = folder / "dateparser_child.py"
    script.write_text(DATEPARSER_CHILD, encoding="utf-8")
    log = folder / "log_dateparser.txt"
    run = run_child([sys.executable, str(script), str(data)], log)
    if run.returncode != 0:
        run.problem = f"exit status {run.returncode}"
    measure = Measure("dateparser", len(texts), [run])
    detail = ""
    try:
        stats = json.loads(log.read_text().strip().splitlines()[-1])
        detail = f"  (import {stats['import_s']:.2f} s, search {stats['search_s']:.2f} s, {stats['found']} dates)"
    except (ValueError, IndexError, KeyError):
        pass
    print(f"  N={len(texts):<5} dateparser {run.seconds:7.2f} s  {run.peak_mb:7.1f} MB{detail}"
          + (f"  FAILED: {run.problem}" if run.problem else ""), flush=True)
    return measure


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b else "n/a"


def fmt(x: float | None, spec: str) -> str:
    return format(x, spec) if x is not None else "FAILED"


def table(rows: list[dict[str, Measure]]) -> str:
    """The results as a Markdown table (one line per N)."""
    head = ("| N | plain s | ours s | ratio | plain peak MB | ours peak MB | ratio | ours tree MB "
            "| ours ms/article | pipeline s | dateparser s | ours / dateparser |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for row in rows:
        plain, ours, dp, pipe = row["plain"], row["ours"], row.get("dateparser"), row.get("pipeline")
        dp_s = dp.best_seconds if dp else None
        per = ours.best_seconds * 1000 / ours.n if ours.best_seconds is not None else None
        lines.append(
            f"| {plain.n} | {fmt(plain.best_seconds, '.2f')} | {fmt(ours.best_seconds, '.2f')} "
            f"| {ratio(ours.best_seconds, plain.best_seconds)} | {fmt(plain.peak_mb, '.0f')} "
            f"| {fmt(ours.peak_mb, '.0f')} | {ratio(ours.peak_mb, plain.peak_mb)} | {fmt(ours.tree_mb, '.0f')} | {fmt(per, '.1f')} "
            f"| {fmt(pipe.best_seconds, '.2f') if pipe else 'skipped'} "
            f"| {fmt(dp_s, '.2f') if dp else 'skipped'} | {ratio(ours.best_seconds, dp_s) if dp else 'n/a'} |"
        )
    return "\n".join(lines)


def rebuild_table(rows: list[dict[str, Measure]]) -> str:
    """Cold and warm builds side by side, ratios ours / plain from the same run."""
    head = ("| N | plain cold s | ours cold s | ratio | ours first (caches on) s | plain +1 s | ours +1 s | ratio "
            "| ours extracted on +1 | plain unchanged s | ours unchanged s | ratio | plain / ours peak MB (+1) |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for row in rows:
        if "ours added" not in row:
            continue
        pc, oc, of = row["plain"], row["ours"], row["ours first"]
        pa, oa, ps, os_ = row["plain added"], row["ours added"], row["plain same"], row["ours same"]
        extracted = sorted({r.extracted for r in oa.runs if r.extracted is not None})
        lines.append(
            f"| {pc.n} | {fmt(pc.best_seconds, '.2f')} | {fmt(oc.best_seconds, '.2f')} | {ratio(oc.best_seconds, pc.best_seconds)} "
            f"| {fmt(of.best_seconds, '.2f')} | {fmt(pa.best_seconds, '.2f')} | {fmt(oa.best_seconds, '.2f')} "
            f"| {ratio(oa.best_seconds, pa.best_seconds)} | {', '.join(map(str, extracted)) or 'n/a'} "
            f"| {fmt(ps.best_seconds, '.2f')} | {fmt(os_.best_seconds, '.2f')} | {ratio(os_.best_seconds, ps.best_seconds)} "
            f"| {fmt(pa.peak_mb, '.0f')} / {fmt(oa.peak_mb, '.0f')} |"
        )
    return "\n".join(lines)


def default_repeats(n: int) -> int:
    """Best of 3 for small corpora, 1 for large ones (keeps a full run under ~10 min on 2 cores)."""
    return 3 if n <= 500 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000], help="corpus sizes N")
    parser.add_argument("--repeats", type=int, default=None, help="runs per build (default: 3 if N<=500 else 1)")
    parser.add_argument("--seed", type=int, default=20161223, help="seed for the synthetic corpus")
    parser.add_argument("--workers", type=int, default=None,
                        help="TIMELINE_WORKERS for the plugin build (default: as in pelican.conf.py; 1 = no worker processes)")
    parser.add_argument("--no-pipeline", action="store_true", help="skip the pipeline-only (no Pelican) run")
    parser.add_argument("--no-dateparser", action="store_true", help="skip the dateparser baseline")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the rebuilds with caches on (one article added, nothing changed)")
    parser.add_argument("--corpus", choices=("tls", "demo"), default="tls",
                        help="tls: the Timeline17 Syria articles (../shared/data/tls), cycled to reach N; demo: content/articles recombined")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders (printed)")
    parser.add_argument("--json", type=Path, default=RESULTS / "build.json", help="where to write results")
    args = parser.parse_args(argv)

    if args.corpus == "demo" and not load_demo_corpus():
        print(f"no demo articles in {CONTENT}", file=sys.stderr)
        return 2
    info = timing.machine()
    info["timeline_workers"] = args.workers
    info["corpus"] = args.corpus
    print(f"{Corpus(args.corpus, args.seed, 0).describe()}; "
          f"{info['cpus']} CPUs, Python {info['python']}, Pelican {info['pelican']}, commit {info['git']}")

    rows: list[dict[str, Measure]] = []
    for n in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"bench-build-{n}-"))
        try:
            corpus = Corpus(args.corpus, args.seed, n)
            texts = write_corpus(n, folder / "content", corpus)
            k = args.repeats or default_repeats(n)
            row = {"plain": build(n, folder, plugin=False, repeats=k), "ours": build(n, folder, plugin=True, repeats=k, workers=args.workers)}
            if not args.no_pipeline:
                row["pipeline"] = pipeline_only(folder, n)
            if not args.no_dateparser:
                row["dateparser"] = dateparser_baseline(texts, folder)
            if not args.no_rebuild:  # last: it adds articles to the content folder
                row.update(rebuilds(n, folder, k, corpus, args.workers))
            rows.append(row)
            for m in row.values():
                if m.failed:
                    print(f"\n{m.label} build FAILED at N={n}: {m.failed}\n--- last log lines ---\n{m.runs[-1].log_tail}\n")
        finally:
            if args.keep:
                print(f"  kept {folder}")
            else:
                shutil.rmtree(folder, ignore_errors=True)

    print()
    print(table(rows))
    if not args.no_rebuild:
        print()
        print(rebuild_table(rows))
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nmachine: {info['cpus']} CPUs, {info['platform']}; load average {info['loadavg_at_start']} at start, "
          f"{load} at end (other work on the machine slows every column alike, but adds noise); wall time = best of k runs, "
          "peak = child's ru_maxrss; each build in a fresh process")

    args.json.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "machine": info,
        "seed": args.seed,
        "results": [
            {label: {"n": m.n, "best_seconds": m.best_seconds, "peak_mb": m.peak_mb, "failed": m.failed,
                     "runs": [asdict(r) | {"log_tail": None} for r in m.runs]} for label, m in row.items()}
            for row in rows
        ],
    }
    args.json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"results: {args.json}")
    return 1 if any(m.failed for row in rows for m in row.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
