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

Untouched files keep their modification time: each file's SHA-256 and
modification time are kept in Pelican's cache folder (``CACHE_PATH``, one
file per output folder; not in the output, which stays byte-identical from
build to build), and a file this build wrote with the same bytes as last
time gets its old modification time back, so ``rsync`` or a ``gh-pages``
push uploads only what changed. Without that record (a first build, a
cleared cache) every file counts as changed. The search index is rebuilt
only when a page this build wrote changed (``search.finalized``).

Signal handlers, connected in ``generator.register()``::

    signals.content_written.connect(output.written)
    signals.feed_written.connect(output.written)
    signals.finalized.connect(output.finalized)   # prune, save the list, then search
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

from generator.stored import read_json_object, write_json

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


def written_files() -> set[str]:
    """The files written so far this build (absolute paths), a copy."""
    return set(_WRITTEN)


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


def digests_path(output_path: str, cache_path: str) -> str:
    """Where the digests of the files written into ``output_path`` are kept (in ``cache_path``)."""
    key = hashlib.sha256(os.path.abspath(output_path).encode()).hexdigest()[:16]
    return os.path.join(cache_path, f"timeline-output-{key}.json")


def load_digests(path: str) -> dict[str, tuple[str, int]]:
    """What the previous build wrote: {relative path: (SHA-256, modification time in ns)}; {} when unreadable."""
    digests = read_json_object(path) or {}
    return {
        rel: (entry[0], entry[1]) for rel, entry in digests.items()
        if isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str) and type(entry[1]) is int
    }


def file_digest(path: str) -> str:
    """SHA-256 of a file's bytes ("" when it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return hashlib.sha256(fh.read()).hexdigest()
    except OSError:
        return ""


def output_files(output_path: str, skip: str = "") -> list[str]:
    """Every regular file in the output folder (relative paths), except those under ``skip``.

    Pelican copies the theme's static files again at every build, and the
    exports are written directly, so all files are looked at, not only the
    pages of this build's list.
    """
    root = os.path.abspath(output_path)
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        if rel_dir == ".":
            dirnames[:] = [d for d in dirnames if d != skip]
        for name in filenames:
            full = os.path.join(dirpath, name)
            if not os.path.islink(full):
                found.append(name if rel_dir == "." else f"{rel_dir}/{name}")
    return sorted(found)


def keep_unchanged(output_path: str, files: Iterable[str], previous: Mapping[str, tuple[str, int]]) -> tuple[dict[str, tuple[str, int]], list[str]]:
    """Give each file written again with the same bytes its previous modification time back.

    Returns the digests to save ({path: (SHA-256, mtime ns)}) and the files
    whose bytes are new or changed. A file without a previous digest counts
    as changed.
    """
    digests: dict[str, tuple[str, int]] = {}
    changed = []
    for rel in files:
        path = os.path.join(output_path, rel)
        digest = file_digest(path)
        if not digest or os.path.islink(path):
            continue
        old = previous.get(rel)
        if old and old[0] == digest:
            os.utime(path, ns=(os.stat(path).st_atime_ns, old[1]))
            digests[rel] = old
        else:
            changed.append(rel)
            digests[rel] = (digest, os.stat(path).st_mtime_ns)
    return digests, changed


def pages_digest(digests: Mapping[str, tuple[str, int]]) -> str:
    """One hash of every written HTML page's path and bytes: equal when no page changed.

    >>> pages_digest({"a/index.html": ("d1", 5), "f.xml": ("d2", 6)}) == pages_digest({"a/index.html": ("d1", 7)})
    True
    """
    h = hashlib.sha256()
    for rel in sorted(digests):
        if rel.endswith(".html"):
            h.update(f"{rel}\0{digests[rel][0]}\n".encode())
    return h.hexdigest()


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


def save_digests(path: str, digests: Mapping[str, tuple[str, int]]) -> None:
    """Write the digests for the next build (atomically); a cache that cannot be written only costs mtimes."""
    try:
        write_json(path, {rel: list(d) for rel, d in sorted(digests.items())})
    except OSError as err:
        logger.info("output: cannot write %s (%s); the next build rewrites every modification time", path, err)


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
    record = digests_path(pelican.output_path, pelican.settings.get("CACHE_PATH") or "cache")
    present = output_files(pelican.output_path, skip=search.bundle_folder(pelican.settings))
    digests, changed = keep_unchanged(pelican.output_path, present, load_digests(record))
    save_digests(record, digests)
    logger.info("output: %d of %d files changed; the others keep their modification time", len(changed), len(present))
    if removed:
        logger.warning("output: removed %d file(s) an earlier build wrote and this one did not", len(removed))
        for rel in removed:
            logger.info("output: removed %s", rel)
    search.finalized(pelican, pages_digest(digests))
