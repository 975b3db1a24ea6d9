"""Extraction over a collection: the Dask engine on a local cluster gives what a local run gives."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from generator import batch
from generator.exports import EVENT_COLUMNS, column_names
from generator.model import to_dict

ARTICLES = sorted(str(p) for p in (Path(__file__).resolve().parent.parent / "content" / "articles").glob("*.md"))


def _plain(results):
    return [(to_dict(x) if x else None, [to_dict(p) for p in problems]) for x, problems in results]


def test_dask_on_a_local_cluster_gives_the_local_results_in_order(tmp_path):
    bad = tmp_path / "undated.md"
    bad.write_text("Title: No date here\n\nTwo people were killed in Homs on Monday, medics said.\n", encoding="utf-8")
    paths = [*ARTICLES[:5], str(bad), *ARTICLES[5:8]]
    local = batch.extract_paths(paths, engine="local")
    on_dask = batch.extract_paths(paths, engine="dask", workers=2)
    assert _plain(on_dask) == _plain(local)
    assert local[5][0] is None and local[5][1]  # the undated file is a problem, in its place
    assert sum(len(x.events) for x, _ in local if x) > 0


def test_the_parquet_table_has_the_events_csv_columns(tmp_path):
    results = batch.extract_paths(ARTICLES[:3], engine="local")
    extractions = [x for x, _ in results if x]
    count = batch.write_parquet(extractions, str(tmp_path / "events.parquet"))
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.column_names == column_names(EVENT_COLUMNS)
    assert count == table.num_rows == sum(len(x.events) for x in extractions) > 0
