"""Render a page again only when something it shows changed.

After one article is added to a large archive, most bulletins, timeline
months, place and type pages come out byte for byte as before. Rendering
them is most of a rebuild, so each of those pages gets a fingerprint of
everything it is made from, and a page whose fingerprint and output file
are unchanged is neither rendered nor written (its file keeps its bytes and
modification time).

A wrong fingerprint would publish a stale page, so it is built from the
inputs themselves, never from a guess about what a change touches:

- ``shared``: every template the theme environment can load, this
  package's code, the Pelican/Jinja/MarkupSafe versions, every setting
  (a function setting by its source text; ``NOT_SHOWN`` lists the few about
  where files are kept) and the site's Pelican pages
  (the navigation lists them). Any change re-renders every page.
- ``base``: the page's template name, address and every value passed to
  it (bulletins, events, charts...), encoded field by field (``digest``).
- ``reads``: what the page looked up in the site while it rendered, through
  ``Links`` (``tl`` in templates): an article's metadata, an event by id,
  whether a day has a bulletin. ``Reads`` records each key; the next build
  looks the same keys up again and compares their digests. Rendering is
  deterministic, so a page whose template, values and looked-up keys are
  unchanged reads the same keys and renders the same bytes.

Pages rendered this way get only the settings, ``pages`` and ``tl`` from
Pelican's context (``restricted_context``); the site-wide objects
(``timeline``, ``articles``, ...) raise if a template touches them, so a
template can never depend on data outside its fingerprint without the build
failing loudly. Site-wide pages (home, indexes, report) always render.

The records live in Pelican's cache folder (``timeline-pages-<key>.json``,
not in the output). Each holds the SHA-256 of the bytes the page was
written with, and a page is skipped only when its file still has them, so
a deleted, edited or half-written output file is rendered again, and a
build that stopped half-way can never leave a stale record behind a new
file.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined

from generator.cache import hash_versions
from generator.digest import Encoder, Unstable
from generator.output import file_digest
from generator.stored import read_json_object, write_json

logger = logging.getLogger(__name__)

RECORD_VERSION = 1
# Settings about where and how the build keeps its files, never about what a page shows (the
# first build of a folder turns LOAD_CONTENT_CACHE off, parallel extraction equals serial).
NOT_SHOWN = frozenset({
    "OUTPUT_PATH", "DELETE_OUTPUT_DIRECTORY", "OUTPUT_RETENTION", "WRITE_SELECTED", "CACHE_PATH",
    "CACHE_CONTENT", "LOAD_CONTENT_CACHE", "CHECK_MODIFIED_METHOD", "CONTENT_CACHING_LAYER", "GZIP_CACHE",
    "TIMELINE_CACHE_PATH", "TIMELINE_WORKERS",
})
LIBRARIES = ("pelican", "Jinja2", "MarkupSafe")


# -- what a page looked up ----------------------------------------------------------------


class Reads:
    """The keys of site data looked up while rendering, innermost recording first.

    >>> r = Reads()
    >>> with r.recording() as keys:
    ...     r.add("article", "a1")
    ...     with r.recording() as inner:
    ...         r.add("event", "e1")
    >>> sorted(keys), sorted(inner)
    ([('article', 'a1'), ('event', 'e1')], [('event', 'e1')])
    """

    def __init__(self) -> None:
        self._stack: list[set[tuple[str, str]]] = []

    def add(self, kind: str, key: str) -> None:
        for keys in self._stack:
            keys.add((kind, key))

    def replay(self, keys: Iterable[tuple[str, str]]) -> None:
        """Keys a cached fragment looked up when it was computed, for every page that reuses it."""
        for keys_now in self._stack:
            keys_now.update(keys)

    class _Recording:
        def __init__(self, stack: list[set[tuple[str, str]]]) -> None:
            self.stack = stack
            self.keys: set[tuple[str, str]] = set()

        def __enter__(self) -> set[tuple[str, str]]:
            self.stack.append(self.keys)
            return self.keys

        def __exit__(self, *exc: Any) -> None:
            for i in range(len(self.stack) - 1, -1, -1):  # by identity: two recordings may hold equal sets
                if self.stack[i] is self.keys:
                    del self.stack[i]
                    break

    def recording(self) -> Reads._Recording:
        return Reads._Recording(self._stack)


class RecordedMap(Mapping[str, Any]):
    """A read-only mapping that notes every key looked up (``kind``, key) in ``reads``.

    Walking the whole mapping (``len``, iteration) notes (``kind``, ``*``): a
    page that does it depends on every entry.

    >>> reads = Reads()
    >>> m = RecordedMap("article", {"a": 1}, reads)
    >>> with reads.recording() as keys:
    ...     _ = m.get("a"), "b" in m
    >>> sorted(keys)
    [('article', 'a'), ('article', 'b')]
    """

    def __init__(self, kind: str, data: Mapping[str, Any], reads: Reads) -> None:
        self.kind, self._data, self._reads = kind, dict(data), reads

    def __getitem__(self, key: str) -> Any:
        self._reads.add(self.kind, key)
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        self._reads.add(self.kind, str(key))
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        self._reads.add(self.kind, key)
        return self._data.get(key, default)

    def __iter__(self) -> Iterator[str]:
        self._reads.add(self.kind, "*")
        return iter(self._data)

    def __len__(self) -> int:
        self._reads.add(self.kind, "*")
        return len(self._data)

    def current(self, key: str) -> Any:
        """The value behind a key, without noting it: what the fingerprint check compares."""
        return self._data if key == "*" else self._data.get(key)


# -- the page records ---------------------------------------------------------------------


def shared_digest(env: Any, settings: Mapping[str, Any], pages: Iterable[Any], code_files: Iterable[Path]) -> str:
    """Everything every fingerprinted page depends on (see the module docstring).

    Raises ``Unstable`` when a setting or page has no stable encoding: then
    no page is skipped this build.
    """
    enc = Encoder()
    h = hashlib.sha256(f"pages v{RECORD_VERSION}\n".encode())
    hash_versions(h, LIBRARIES)
    for path in sorted(code_files):
        h.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    for name in sorted(env.list_templates()):
        source = env.loader.get_source(env, name)[0]
        h.update(f"T{name}\0".encode() + hashlib.sha256(source.encode()).digest())
    for attr in ("filters", "tests", "globals"):
        for name in sorted(getattr(env, attr)):
            value = getattr(env, attr)[name]
            h.update(f"{attr}:{name}\0".encode())
            try:
                h.update(bytes.fromhex(enc.digest(value)) if _own(value) else type(value).__qualname__.encode())
            except Unstable as err:
                raise Unstable(f"Jinja {attr} {name}: {err}") from err
    for key in sorted(k for k in settings if k.isupper() and k not in NOT_SHOWN):
        try:
            h.update(key.encode() + b"=" + bytes.fromhex(enc.digest(settings[key])))
        except Unstable as err:
            raise Unstable(f"setting {key}: {err}") from err
    for page in pages:
        h.update(bytes.fromhex(enc.digest([
            page.url, page.save_as, page.title, page.content,
            {str(k): _metadata(v) for k, v in sorted(page.metadata.items())},
        ])))
    return h.hexdigest()


def _metadata(value: Any) -> Any:
    """A Pelican metadata value as plain data: a category, tag or author by kind, name and address."""
    if isinstance(value, (list, tuple)):
        return [_metadata(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "slug") and hasattr(value, "name"):  # Pelican's URLWrapper
        return [type(value).__qualname__, str(value.name), str(value.slug), str(getattr(value, "url", ""))]
    return value


def _own(value: Any) -> bool:
    """A filter/test/global from settings or a plugin (hashed by source), not one of Jinja's or Pelican's (versioned)."""
    module = getattr(getattr(value, "func", value), "__module__", "") or ""  # a partial: its function's
    return not module.startswith(("jinja2", "pelican", "markupsafe", "builtins"))


def records_path(output_path: str, cache_path: str) -> Path:
    key = hashlib.sha256(os.path.abspath(output_path).encode()).hexdigest()[:16]
    return Path(cache_path) / f"timeline-pages-{key}.json"


class PageCache:
    """The fingerprints of the last build's pages, and this build's.

    ``lookup(kind, key)`` gives the current value behind a key a page read.
    """

    def __init__(self, path: Path | None, output_path: str, shared: str | None, lookup: Callable[[str, str], Any]) -> None:
        self.path, self.output_path, self.shared, self.lookup = path, output_path, shared, lookup
        self.encoder = Encoder()
        self.old: dict[str, dict[str, Any]] = self._load() if shared else {}
        self.new: dict[str, dict[str, Any]] = {}
        self.skipped = self.rendered = 0
        self._values: dict[tuple[str, str], str] = {}

    def _load(self) -> dict[str, dict[str, Any]]:
        data = read_json_object(self.path)
        if data is None or data.get("shared") != self.shared or not isinstance(data.get("pages"), dict):
            return {}
        return {k: v for k, v in data["pages"].items() if isinstance(v, dict)}

    def base(self, template: str, save_as: str, page_url: str, values: Mapping[str, Any]) -> str | None:
        """The fingerprint of a page's own inputs; None when a value has no stable encoding (always render)."""
        if self.shared is None:
            return None
        try:
            return self.encoder.digest([self.shared, template, save_as, page_url, dict(values)])
        except Unstable as err:
            logger.debug("pages: %s is always rendered: %s", save_as, err)
            return None

    def reads_digest(self, keys: Iterable[Iterable[str]]) -> str:
        """The current values behind the keys a page read, in one digest."""
        h = hashlib.sha256()
        for kind, key in sorted(tuple(k) for k in keys):
            value = self._values.get((kind, key))
            if value is None:
                value = self._values[(kind, key)] = self.encoder.digest(self.lookup(kind, key))
            h.update(f"{kind}\0{key}\0{value}\n".encode())
        return h.hexdigest()

    def fresh(self, save_as: str, base: str | None) -> bool:
        """True when the page last written at ``save_as`` came from the same inputs and its file is intact."""
        old = self.old.get(save_as)
        if base is None or old is None or old.get("base") != base:
            return False
        reads = old.get("reads")
        if not isinstance(reads, list) or not all(isinstance(k, list) and len(k) == 2 for k in reads):
            return False
        try:
            if old.get("reads_digest") != self.reads_digest(reads):
                return False
        except Unstable:
            return False
        sha = old.get("sha")
        if not sha or file_digest(os.path.join(self.output_path, save_as)) != sha:
            return False
        self.new[save_as] = old
        self.skipped += 1
        return True

    def written(self, save_as: str, base: str | None, reads: set[tuple[str, str]]) -> None:
        """Record a page just rendered and written."""
        self.rendered += 1
        if base is None:
            return
        try:
            digest = self.reads_digest(reads)
        except Unstable:
            return
        sha = file_digest(os.path.join(self.output_path, save_as))
        if sha:
            self.new[save_as] = {"base": base, "reads": sorted([list(k) for k in reads]), "reads_digest": digest, "sha": sha}

    def save(self) -> None:
        if self.path is None or self.shared is None:
            return
        try:
            write_json(self.path, {"shared": self.shared, "pages": self.new})
        except OSError as err:
            logger.info("pages: cannot write %s (%s); the next build renders every page", self.path, err)


def restricted_context(context: Mapping[str, Any], allowed: Iterable[str] = ("pages", "tl", "localsiteurl")) -> dict[str, Any]:
    """The context a fingerprinted page renders with: settings, ``allowed`` and nothing site-wide.

    (``localsiteurl`` is the page's own root, which Pelican's writer sets from its address.)

    Every other lower-case name raises when a template uses it, naming the
    way out (pass the value to the page, so it enters the fingerprint).

    >>> ctx = restricted_context({"SITENAME": "x", "tl": 1, "timeline": 2})
    >>> ctx["SITENAME"], ctx["tl"]
    ('x', 1)
    >>> str(ctx["timeline"])
    Traceback (most recent call last):
    ...
    jinja2.exceptions.UndefinedError: ...
    """
    keep = set(allowed)
    out: dict[str, Any] = {}
    for key, value in context.items():
        if key.isupper() or key in keep:
            out[key] = value
        else:
            out[key] = StrictUndefined(
                hint=f"'{key}' is site-wide: a fingerprinted page (generator/pagecache.py) may only use what is "
                     f"passed to it, the settings, 'pages' and 'tl'", name=key)
    return out
