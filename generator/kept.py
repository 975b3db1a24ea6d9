"""Files made from the site's data alone, written again only when what they are made from changed.

The data exports (``exports.write_exports``) and the feeds
(``feeds.write_feeds``) are functions of the site's data, the settings and
the code, nothing else. When a rebuild changes none of these, making them
again would give the same bytes; at ten thousand articles that is seconds
of serialising for nothing.

Each group of files is recorded with one key (``key``: the digest of the
site's inputs, ``SiteData.inputs``, and of the settings, templates and code,
``pagecache.shared_digest``) and the SHA-256 of every file it wrote. A
group is kept only when the key is the same and every file still has its
recorded bytes; a deleted, edited or half-written file, a missing record
or an unknown key (a setting with no stable text, a timed-out extraction)
means the group is written again. The record lives in Pelican's cache
folder (``timeline-kept-<output>.json``), never in the output.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from generator.output import file_digest
from generator.stored import read_json_object, write_json

logger = logging.getLogger(__name__)

RECORD_VERSION = 1


def records_path(output_path: str, cache_path: str) -> Path:
    """Where the groups written into ``output_path`` are recorded (in ``cache_path``)."""
    key = hashlib.sha256(os.path.abspath(output_path).encode()).hexdigest()[:16]
    return Path(cache_path) / f"timeline-kept-{key}.json"


def key(*parts: str) -> str:
    """One key from the digests a group is made from; "" (never kept) when one of them is unknown.

    >>> key("a", "b") == key("a", "b"), key("a", "") == "", key("a", "b") == key("ab", "")
    (True, True, False)
    """
    if not all(parts):
        return ""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class KeptFiles:
    """The groups of files the last build wrote, and this build's.

    >>> import tempfile
    >>> out, cache = tempfile.mkdtemp(), tempfile.mkdtemp()
    >>> kept = KeptFiles(records_path(out, cache), out)
    >>> _ = Path(out, "a.json").write_text("[1]")
    >>> kept.fresh("exports", "k1") is None
    True
    >>> kept.written("exports", "k1", ["a.json"], signalled=["a.json"]); kept.save()
    >>> KeptFiles(records_path(out, cache), out).fresh("exports", "k1")
    ['a.json']
    >>> _ = Path(out, "a.json").write_text("[2]")  # edited since: written again
    >>> KeptFiles(records_path(out, cache), out).fresh("exports", "k1") is None
    True
    """

    def __init__(self, path: Path | None, output_path: str) -> None:
        self.path, self.output_path = path, output_path
        self.old = self._load()
        self.new: dict[str, dict[str, object]] = {}

    def _load(self) -> dict[str, dict[str, object]]:
        data = read_json_object(self.path)
        if data is None or data.get("version") != RECORD_VERSION or not isinstance(data.get("groups"), dict):
            return {}
        return {k: v for k, v in data["groups"].items() if isinstance(v, dict)}

    def fresh(self, group: str, key: str) -> list[str] | None:
        """When the files of ``group`` were made from ``key`` and are intact, those of them Pelican's writer
        announced (``signalled``, relative paths), to announce again; else None."""
        old = self.old.get(group)
        if not key or old is None or old.get("key") != key or not isinstance(old.get("files"), dict):
            return None
        files = old["files"]
        assert isinstance(files, dict)
        for rel, sha in files.items():
            if not isinstance(sha, str) or not sha or file_digest(os.path.join(self.output_path, rel)) != sha:
                return None
        self.new[group] = old
        signalled = old.get("signalled")
        return sorted(f for f in signalled if isinstance(f, str) and f in files) if isinstance(signalled, list) else []

    def written(self, group: str, key: str, files: Iterable[str], signalled: Iterable[str] = ()) -> None:
        """Record the files ``group`` just wrote from ``key``, ``signalled`` those of them Pelican's writer
        announced (``content_written``/``feed_written``); nothing is recorded for an unknown key."""
        if not key:
            return
        digests = {rel: file_digest(os.path.join(self.output_path, rel)) for rel in sorted(set(files))}
        if all(digests.values()):
            self.new[group] = {"key": key, "files": digests, "signalled": sorted(set(signalled) & set(digests))}

    def save(self) -> None:
        """Keep this build's groups (only those), atomically; an unwritable folder only costs time."""
        if self.path is None:
            return
        try:
            write_json(self.path, {"version": RECORD_VERSION, "groups": self.new})
        except OSError as err:
            logger.info("kept: cannot write %s (%s); the next build writes the exports and feeds again", self.path, err)
