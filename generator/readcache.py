"""Pelican's content cache, loaded only while what filled it is unchanged.

``pelican.conf.py`` turns on Pelican's reader cache (``CACHE_CONTENT``,
``LOAD_CONTENT_CACHE``): a rebuild parses only the files whose modification
time changed. Pelican does not notice when what *reads* those files
changes: our cleaning and sanitising (``intake.py``, ``read.py``), the
Markdown or nh3 version, or a setting such as ``MARKDOWN``. A stale cache
would then publish yesterday's reading of an unchanged file.

So each build compares a stamp of those (``reader_stamp``) with the one the
last successful build left in ``CACHE_PATH``. When they differ, or there is
none, this build does not load the cache (Pelican reads every file and
saves a fresh cache) and the stamp is removed until the build succeeds
(``finalized`` writes the new one), so a build that stops half-way never
leaves a stale cache behind a fresh stamp.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.cache import extraction_files, hash_versions

logger = logging.getLogger(__name__)

STAMP = "timeline-readers.stamp"
# Where reading starts: the reader wrappers; every generator module they import is included.
READER_MODULE = "generator.intake"
READER_LIBRARIES = ("pelican", "Markdown", "nh3", "docutils", "Pygments", "ftfy")
# Settings about where and whether output and caches go: they never change how a file reads.
NOT_READING = frozenset({
    "OUTPUT_PATH", "DELETE_OUTPUT_DIRECTORY", "OUTPUT_RETENTION", "WRITE_SELECTED",
    "CACHE_PATH", "CACHE_CONTENT", "LOAD_CONTENT_CACHE",
})


def _plain(value: Any) -> bool:
    """True for values whose JSON text is stable from build to build (no object addresses)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def reader_stamp(settings: Mapping[str, Any]) -> str:
    """A hash of the reading code, library versions and every plain setting.

    Any setting counts (conservative: a changed SITEURL reloads too, which is
    why ``publishconf.py`` keeps its own ``CACHE_PATH``) except
    ``NOT_READING``; values that are not plain data (functions, classes) are
    left out, since their text changes from run to run.

    >>> reader_stamp({"MARKDOWN": {"a": 1}}) != reader_stamp({"MARKDOWN": {"a": 2}})
    True
    """
    h = hashlib.sha256()
    hash_versions(h, READER_LIBRARIES)
    for path in extraction_files(READER_MODULE):
        h.update(path.name.encode() + b"\n" + hashlib.sha256(path.read_bytes()).digest())
    plain = {k: v for k, v in sorted(settings.items()) if k.isupper() and k not in NOT_READING and _plain(v)}
    h.update(json.dumps(plain, sort_keys=True, default=repr).encode())
    return h.hexdigest()


def _stamp_path(settings: Mapping[str, Any]) -> Path:
    return Path(settings.get("CACHE_PATH") or "cache") / STAMP


# The stamp of each running build, taken at ``initialized`` (settings change during a build).
_taken: dict[int, str] = {}


def check_stamp(pelican: Any) -> None:
    """``signals.initialized``: load Pelican's content cache only when the stamp matches."""
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT") and not settings.get("LOAD_CONTENT_CACHE"):
        return
    stamp = _taken[id(settings)] = reader_stamp(settings)
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    path = _stamp_path(settings)
    try:
        saved = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        saved = ""
    if saved == stamp:
        return
    settings["LOAD_CONTENT_CACHE"] = False
    path.unlink(missing_ok=True)
    if saved:
        logger.info("timeline: reading code, libraries or settings changed since the content cache was saved; every file is read again")


def save_stamp(pelican: Any) -> None:
    """``signals.finalized``: the build succeeded, so the cache Pelican saved matches the stamp."""
    settings = pelican.settings
    stamp = _taken.pop(id(settings), None)
    if not settings.get("CACHE_CONTENT") or stamp is None:
        return
    path = _stamp_path(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{STAMP}.{os.getpid()}")
        tmp.write_text(stamp + "\n", encoding="ascii")
        os.replace(tmp, path)
    except OSError as err:
        logger.warning("timeline: cannot write %s (%s); the next build reads every file", path, err)
