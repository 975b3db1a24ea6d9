"""Extraction over a whole collection: in this process, or on a Dask cluster.

``python -m generator extract --engine dask [--scheduler ADDRESS] [--workers N]
[--parquet FILE] PATH...`` reads and extracts every file as a Dask task:
on a local cluster of ``N`` worker processes (default: one per CPU), or on
the cluster whose scheduler is at ``ADDRESS`` (``tcp://host:8786``; its
workers need this package installed, as ``pip install -e .`` gives). Dask
is the engine: this module only maps one pure function, ``read_and_extract``,
over the paths and gathers the results in the order of the paths, so the
JSON printed is the same as a run with ``--engine local`` (the default).

``--parquet FILE`` also writes the events as a Parquet table for analysts,
with the columns of the site's ``events.csv`` export (``exports.EVENT_COLUMNS``).

>>> [r[0].article.title for r in extract_paths([], engine="local")]
[]
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import Any

from generator.model import Extraction, Problem
from generator.read import DEFAULT_YEAR_RANGE, read_article_file

Result = tuple["Extraction | None", list[Problem]]
ENGINES = ("local", "dask")


def read_and_extract(
    path: str, published: dt.date | None = None, years: tuple[int, int] = DEFAULT_YEAR_RANGE, settings: Mapping[str, Any] | None = None,
) -> Result:
    """One file → (its extraction or None, the problems found reading or extracting it). Pure."""
    from generator.pipeline import extract_one

    article, problems = read_article_file(path, published, years=years)
    if article is None:
        return None, list(problems)
    result = extract_one(article, settings or {})
    if isinstance(result, Problem):
        return None, [*problems, result]
    return result, list(problems)


def extract_paths(
    paths: Sequence[str], published: dt.date | None = None, years: tuple[int, int] = DEFAULT_YEAR_RANGE,
    settings: Mapping[str, Any] | None = None, engine: str = "local", scheduler: str | None = None, workers: int = 0,
) -> list[Result]:
    """``read_and_extract`` for every path, in the order of ``paths``, with the chosen engine."""
    settings = dict(settings or {})
    if engine == "local" or not paths:
        return [read_and_extract(p, published, years, settings) for p in paths]
    if engine != "dask":
        raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")
    return _on_dask(list(paths), published, years, settings, scheduler, workers or os.cpu_count() or 1)


def _on_dask(
    paths: list[str], published: dt.date | None, years: tuple[int, int], settings: dict[str, Any], scheduler: str | None, workers: int,
) -> list[Result]:
    """The paths as a Dask bag, mapped on a local cluster or the one at ``scheduler``; results in order."""
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    partitions = max(1, min(len(paths), workers * 4))
    if scheduler:
        client, cluster = Client(scheduler), None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.from_sequence(paths, npartitions=partitions)
        return bag.map(read_and_extract, published=published, years=years, settings=settings).compute(scheduler=client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def write_parquet(extractions: Sequence[Extraction], path: str) -> int:
    """The events of ``extractions`` as a Parquet table (the ``events.csv`` columns); returns the row count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from generator.exports import EVENT_COLUMNS, Lookup, column_names, rows, sorted_events

    lookup = Lookup({x.article.slug: x.article for x in extractions})
    table = rows(sorted_events(e for x in extractions for e in x.events), EVENT_COLUMNS, lookup)
    names = column_names(EVENT_COLUMNS)
    columns = {name: [row[name] for row in table] for name in names}
    pq.write_table(pa.table(columns) if table else pa.table({n: pa.array([], pa.string()) for n in names}), path)
    return len(table)
