"""A build step's results kept between builds, keyed by a digest of the step's inputs.

Grouping a day's events into incidents (``incidents.group``) is a pure
function of that day's events and tallies, and the most expensive step
after extraction: over a large archive, a rebuild after one new article
would group every day again for the one or two days that changed. A
``StepMemo`` keeps each day's result, keyed by ``digest.Encoder`` of the
inputs, so only changed days are computed.

Safe by construction, as the extraction cache is (``generator/cache.py``):

- the file records a *version*, a hash of the step's code (the module and
  every ``generator`` module it imports, found from their imports) and
  Python's version; another version and every entry is ignored;
- the file's first line is the SHA-256 of the rest: a truncated or altered
  file is ignored (and logged at debug), never served;
- values are JSON (``model.to_dict``) read back strictly and typed
  (``model.from_dict``), no pickle; an entry that does not decode is
  computed again;
- the file is replaced atomically and holds only the entries this build
  used, so it never grows with edits.

It lives in the extraction cache's folder (``TIMELINE_CACHE_PATH``); an
empty setting turns it off with that cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.cache import extraction_files, hash_versions
from generator.digest import Encoder
from generator.model import from_dict, to_dict
from generator.stored import read_json_object, write_json

logger = logging.getLogger(__name__)

SUFFIX = ".memo"  # not .json: the extraction cache removes the .json entries it did not use


@functools.cache
def step_version(module: str, libraries: tuple[str, ...] = ()) -> str:
    """A hash of a step's code: the module, what it imports from this package, the ``libraries`` it
    calls (their versions) and Python's version."""
    h = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    hash_versions(h, libraries)
    for path in extraction_files(module):
        h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


class StepMemo:
    """``key → value`` of one step (``name``), values of type ``kind``, in ``folder/name.memo``.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> memo = StepMemo(folder, "double", "generator.ids", list[int])
    >>> twice = memo.wrap(lambda xs: [2 * x for x in xs])
    >>> twice([1, 2]), memo.misses
    ([2, 4], 1)
    >>> memo.save()
    >>> again = StepMemo(folder, "double", "generator.ids", list[int])
    >>> again.wrap(lambda xs: [])([1, 2]), again.hits
    ([2, 4], 1)
    """

    def __init__(
        self, folder: str | os.PathLike | None, name: str, module: str, kind: Any, libraries: tuple[str, ...] = (),
    ) -> None:
        self.path = Path(folder) / f"{name}{SUFFIX}" if folder else None
        self.kind = kind
        self.version = step_version(module, libraries)
        self.encoder = Encoder()
        self.old = self._load()
        self.new: dict[str, Any] = {}
        self.hits = self.misses = 0

    def _load(self) -> dict[str, Any]:
        stored = read_json_object(self.path, checksum=True)
        if stored is None or stored.get("version") != self.version or not isinstance(stored.get("entries"), dict):
            return {}
        return stored["entries"]

    def wrap(self, step: Callable[..., Any]) -> Callable[..., Any]:
        """``step`` computed only for arguments not seen by the last build (or this one)."""
        def call(*args: Any) -> Any:
            key = self.encoder.digest(list(args))
            if key in self.new:
                self.hits += 1
                return from_dict(self.kind, self.new[key])
            stored = self.old.get(key)
            if stored is not None:
                try:
                    value = from_dict(self.kind, stored)
                except (ValueError, KeyError, TypeError, AttributeError) as err:
                    logger.debug("memo: entry %s of %s does not decode (%s); computed again", key, self.path, err)
                else:
                    self.hits += 1
                    self.new[key] = stored
                    return value
            self.misses += 1
            value = step(*args)
            self.new[key] = to_dict(value)
            return value

        return call

    def save(self) -> None:
        """Keep this build's entries (only those), atomically; an unwritable folder only costs time."""
        if self.path is None or (self.misses == 0 and len(self.new) == len(self.old)):
            return
        try:
            write_json(self.path, {"version": self.version, "entries": self.new}, checksum=True)
        except OSError as err:
            logger.info("memo: cannot write %s (%s); the next build computes it again", self.path, err)
