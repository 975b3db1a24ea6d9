"""Static full-text search: a Pagefind index built after Pelican has written the site.

Pagefind (https://pagefind.app) indexes the written HTML into a folder of
small hashed files plus a WebAssembly search engine; the browser fetches
only the parts a query needs, so search works from any static host with no
server. The binary ships inside the PyPI package ``pagefind[bin]`` and runs
offline. The same pages give byte-identical index files.

Wiring (in ``generator.register()``)::

    signals.initialized.connect(search.initialized)   # adds the search/ page
    signals.finalized.connect(output.finalized)       # removes stale pages, then search.finalized indexes

What is indexed (``TIMELINE_SEARCH_GLOB``): bulletins, source articles,
place pages and top-level pages (about, methodology, ...), not the
timeline months or type pages, which repeat the same events, nor the
build report (``data-pagefind-ignore`` on its ``<main>``: it repeats every
problem sentence, took a third of Pagefind's CPU time at 500 articles and
matched nearly every query); only the
``<main>`` element of each page (``TIMELINE_SEARCH_ROOT``), so navigation
text does not match every page. Set ``TIMELINE_SEARCH = False`` to build
without search; without the ``pagefind`` package the build still succeeds
and the search page says search is unavailable.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.settings import default, get

logger = logging.getLogger(__name__)

# Indexing the demo site takes well under a second; a hung binary must not hang the build.
TIMEOUT_SECONDS = 300


def setting(settings: Mapping[str, Any], name: str) -> Any:
    """A search setting, with its default from the settings table (generator/settings.py)."""
    return get(settings, name)


def pagefind_executable() -> str | None:
    """Path of the Pagefind binary shipped by ``pagefind_bin``, or None if not installed."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return str(get_executable().absolute())
    except FileNotFoundError:
        return None


def index_command(output_path: str, settings: Mapping[str, Any] | None = None) -> list[str] | None:
    """The Pagefind command line for a site folder (None when Pagefind is missing).

    >>> cmd = index_command("output", {})
    >>> cmd is None or cmd[1:5] == ["--site", "output", "--output-subdir", "pagefind"]
    True
    """
    exe = pagefind_executable()
    if exe is None:
        return None
    settings = settings or {}
    return [
        exe,
        "--site", output_path,
        "--output-subdir", setting(settings, "TIMELINE_SEARCH_BUNDLE"),
        "--glob", setting(settings, "TIMELINE_SEARCH_GLOB"),
        "--root-selector", setting(settings, "TIMELINE_SEARCH_ROOT"),
        "--force-language", str(settings.get("DEFAULT_LANG") or "en"),
        "--quiet",
    ]


def index_site(output_path: str, settings: Mapping[str, Any] | None = None) -> bool:
    """Build the search index into ``<output_path>/pagefind/``; True when it was built.

    The previous bundle is removed first: Pagefind names its files by
    content hash, and stale files would make two builds of the same site
    differ. Pagefind missing or not starting is logged (a site without
    search is better than no site); Pagefind failing or leaving an empty or
    incomplete index raises ``SearchIndexError`` (a write error, such as a
    full disk, must fail the build).
    """
    settings = settings or {}
    command = index_command(output_path, settings)
    if command is None:
        logger.warning("search: the pagefind package is not installed (pip install 'pagefind[bin]'); site built without a search index")
        return False
    bundle = Path(output_path) / setting(settings, "TIMELINE_SEARCH_BUNDLE")
    before = _bundle_files(bundle)
    if bundle.is_dir() and (bundle / "pagefind-entry.json").exists():
        shutil.rmtree(bundle)
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        logger.error("search: pagefind could not run: %s", err)
        return False
    if result.returncode != 0 and not any(Path(output_path).rglob("*.html")):
        logger.error("search: nothing to index in %s: %s", output_path, (result.stderr or result.stdout).strip()[-500:])
        return False
    if result.returncode != 0:
        raise SearchIndexError(
            f"search: pagefind failed (exit {result.returncode}): {(result.stderr or result.stdout).strip()[-2000:]}"
        )
    broken = bundle_problems(bundle)
    if broken:
        raise SearchIndexError(f"search: the index in {bundle} is incomplete (disk full?): {'; '.join(broken[:5])}")
    # Pagefind rewrites every file; those with the same bytes as before keep their modification time.
    from generator.output import keep_unchanged

    keep_unchanged(str(bundle), sorted(_bundle_files(bundle)), before)
    return True


def _bundle_files(bundle: Path) -> dict[str, tuple[str, int]]:
    """{path in the bundle: (SHA-256, modification time in ns)} of an existing bundle."""
    from generator.output import file_digest

    if not bundle.is_dir():
        return {}
    return {
        p.relative_to(bundle).as_posix(): (file_digest(str(p)), p.stat().st_mtime_ns)
        for p in sorted(bundle.rglob("*")) if p.is_file() and not p.is_symlink()
    }


class SearchIndexError(OSError):
    """Pagefind ran but its index is missing or has empty files: the build must fail, not say "Done"."""


def bundle_problems(bundle: str | os.PathLike) -> list[str]:
    """What is wrong with a written Pagefind bundle: no entry file, or empty files.

    A full disk leaves zero-byte files behind while Pagefind exits 0; a
    search page over such an index finds nothing, silently.
    """
    bundle = Path(bundle)
    if not (bundle / "pagefind-entry.json").is_file():
        return [f"{bundle / 'pagefind-entry.json'} is missing"]
    empty = sorted(str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_file() and p.stat().st_size == 0)
    return [f"{name} is empty" for name in empty]


def _theme_has_search_page(settings: Mapping[str, Any]) -> bool:
    theme = settings.get("THEME") or ""
    return os.path.exists(os.path.join(theme, "templates", "search.html"))


def initialized(pelican: Any) -> None:
    """Signal handler (``initialized``): render ``search.html`` as a direct template.

    Only when search is on, the theme has the template and Pagefind is
    installed: a search page without its index would only show an error.
    Another theme without the template still builds. ``SEARCH_SAVE_AS``/``SEARCH_URL`` can be
    set in ``pelican.conf.py`` like any Pelican direct template.
    """
    settings = pelican.settings
    if not setting(settings, "TIMELINE_SEARCH") or not _theme_has_search_page(settings):
        return
    if pagefind_executable() is None:
        logger.warning("search: the pagefind package is not installed (pip install 'pagefind[bin]'); no search page")
        return
    templates = list(settings.get("DIRECT_TEMPLATES") or [])
    if "search" not in templates:
        # A new list: Pelican's default list object may be shared with DEFAULT_CONFIG.
        settings["DIRECT_TEMPLATES"] = [*templates, "search"]
    settings.setdefault("SEARCH_SAVE_AS", default("SEARCH_SAVE_AS"))
    settings.setdefault("SEARCH_URL", default("SEARCH_URL"))


STAMP = "timeline-search.stamp"


def bundle_folder(settings: Mapping[str, Any]) -> str:
    """The search index's folder in the output (``TIMELINE_SEARCH_BUNDLE``)."""
    return str(setting(settings, "TIMELINE_SEARCH_BUNDLE"))


def search_stamp(pages: str, command: list[str]) -> str:
    """What the index was built from: the pages' hash, the command and Pagefind's version."""
    try:
        from importlib.metadata import version

        pagefind = version("pagefind")
    except Exception:  # not installed as a distribution: the command still names the binary
        pagefind = "-"
    return hashlib.sha256("\0".join([pages, pagefind, *command]).encode()).hexdigest()


def finalized(pelican: Any, pages: str | None = None) -> None:
    """Called by ``output.finalized``: index the written site, unless no page changed.

    ``pages`` is the hash of every page this build wrote (``output.pages_digest``).
    When it, the command and Pagefind's version match the stamp the last index
    left in ``CACHE_PATH`` and that index is complete, indexing again would give
    the same files, so it is skipped. The stamp is removed before indexing and
    written after it succeeds, so a failed index is never taken for a good one.
    """
    settings = pelican.settings
    if not setting(settings, "TIMELINE_SEARCH"):
        return
    command = index_command(pelican.output_path, settings)
    stamp_path = Path(settings.get("CACHE_PATH") or "cache") / STAMP
    stamp = search_stamp(pages, command) if pages and command else None
    bundle = Path(pelican.output_path) / setting(settings, "TIMELINE_SEARCH_BUNDLE")
    if stamp and _read(stamp_path) == stamp and not bundle_problems(bundle):
        logger.info("search: no page changed; the index in %s is kept", bundle)
        return
    stamp_path.unlink(missing_ok=True)
    if index_site(pelican.output_path, settings) and stamp:
        try:
            stamp_path.parent.mkdir(parents=True, exist_ok=True)
            stamp_path.write_text(stamp + "\n", encoding="ascii")
        except OSError as err:
            logger.info("search: cannot write %s (%s); the next build indexes again", stamp_path, err)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.search OUTPUT``: (re)index an already built site."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m generator.search OUTPUT_DIR", file=sys.stderr)
        return 2
    try:
        return 0 if index_site(args[0]) else 1
    except SearchIndexError as err:
        print(err, file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
