"""The output folder holds this build: pages an earlier build wrote and this one didn't are removed.

When an article turns bad (or is deleted), its page, the bulletins and
timeline months only it made, its place feeds and its search entries must
disappear from the site, not stay published from the last good build.

Every file Pelican's writer writes this build (pages through
``content_written``, feeds through ``feed_written``) is recorded; at
``finalized`` the files the *previous* build recorded and this one did not
are deleted, then the list is saved in ``output/.timeline-build.json`` for
the next build, and only then is the search index built, so it never
indexes a stale page. Files this plugin never wrote (a CNAME, another
plugin's sitemap, static files) are never touched. With Pelican's
``DELETE_OUTPUT_DIRECTORY = True`` the folder starts empty anyway.

Signal handlers, connected in ``generator.register()``::

    signals.content_written.connect(output.written)
    signals.feed_written.connect(output.written)
    signals.finalized.connect(output.finalized)   # prune, save the list, then search
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
from typing import Any, Iterable

logger = logging.getLogger(__name__)

MANIFEST = ".timeline-build.json"

# Files written since the last ``finalized`` (absolute paths). The writer's
# signals carry only the path, ``finalized`` only the Pelican object, so the
# set lives here; builds in one process run one after the other.
_WRITTEN: set[str] = set()


def started(pelican: Any) -> None:
    """Signal handler (``initialized``): a new build writes a new list."""
    _WRITTEN.clear()


def written(path: str, **_: Any) -> None:
    """Signal handler (``content_written``/``feed_written``): remember a file of this build."""
    _WRITTEN.add(os.path.abspath(path))


def relative_files(output_path: str, paths: Iterable[str]) -> list[str]:
    """Absolute paths → sorted paths relative to ``output_path``; anything outside is dropped.

    >>> relative_files("/site", ["/site/a/index.html", "/elsewhere/x", "/site/feeds/x.xml"])
    ['a/index.html', 'feeds/x.xml']
    """
    root = os.path.abspath(output_path)
    out = set()
    for p in paths:
        rel = os.path.relpath(os.path.abspath(p), root).replace(os.sep, "/")
        if rel != os.devnull and not rel.startswith("../") and rel != "..":
            out.add(rel)
    return sorted(out)


def load_manifest(output_path: str) -> list[str]:
    """The files the previous build wrote (relative paths); [] when there is no readable list."""
    try:
        with open(os.path.join(output_path, MANIFEST), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def stale_files(previous: Iterable[str], current: Iterable[str]) -> list[str]:
    """Files the previous build wrote and this one didn't, safe to delete (inside the output folder).

    >>> stale_files(["a/index.html", "b/index.html", "../x", "/etc/passwd"], ["a/index.html"])
    ['b/index.html']
    """
    keep = set(current)
    out = []
    for f in previous:
        normal = posixpath.normpath(f)
        if f in keep or normal.startswith(("../", "/")) or normal in {"..", "."} or normal == MANIFEST:
            continue
        out.append(normal)
    return sorted(set(out))


def prune(output_path: str, current: Iterable[str]) -> list[str]:
    """Delete the previous build's files this build did not write, and folders left empty.

    Returns what was deleted. The new list of files is written last
    (atomically), so an interrupted build prunes again next time.
    """
    current = sorted(current)
    removed = []
    for rel in stale_files(load_manifest(output_path), current):
        path = os.path.join(output_path, rel)
        if os.path.islink(path) or os.path.isfile(path):
            os.remove(path)
            removed.append(rel)
            _remove_empty_parents(output_path, os.path.dirname(path))
    tmp = os.path.join(output_path, MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump({"files": current}, fh, indent=0)
        fh.write("\n")
    os.replace(tmp, os.path.join(output_path, MANIFEST))
    return removed


def _remove_empty_parents(root: str, folder: str) -> None:
    root = os.path.abspath(root)
    folder = os.path.abspath(folder)
    while folder != root and folder.startswith(root + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


def finalized(pelican: Any) -> None:
    """Signal handler (``finalized``): remove stale pages, then build the search index."""
    from generator import search

    files = relative_files(pelican.output_path, _WRITTEN)
    _WRITTEN.clear()
    removed = prune(pelican.output_path, files)
    if removed:
        logger.warning("output: removed %d file(s) an earlier build wrote and this one did not", len(removed))
        for rel in removed:
            logger.info("output: removed %s", rel)
    search.finalized(pelican)
