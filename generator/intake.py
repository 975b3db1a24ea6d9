"""Intake: which content files get into a Pelican build, and why the others don't.

Every file under ``ARTICLE_PATHS`` either publishes or is on the build
report with a reason; no single file can stop the build. Content comes from
the web and from pasted PDFs, so every field of every file is hostile.
Signal handlers, all connected in ``generator.register()``:

- ``initialized`` → ``exclude_symlinked_folders``: folders that are
  symlinks (out of ``content/`` or in a loop) are added to Pelican's
  ``*_EXCLUDES``, so Pelican never walks them; autoescape is turned on for
  every template (``JINJA_ENVIRONMENT``).
- ``readers_init`` → ``wrap_readers``: each reader's output is cleaned
  before Pelican builds a content object: control characters removed,
  raw HTML sanitised (body and summary), a metadata key given twice
  reduced to its first value.
- ``article_generator_pretaxonomy`` → ``admit_articles`` and
  ``page_generator_finalized`` → ``admit_pages``: files with an error are
  taken out of Pelican's lists, addresses are checked (a Slug/Save_as
  that leaves its folder or lands on one of the plugin's pages is
  refused), two files with one address get unique slugs (reported), and
  every file Pelican skipped on its own is listed with a reason.

Only public Pelican API: signals, ``Readers.reader_classes``, content
attributes (``slug``, ``save_as``, ``url``, ``metadata``, ``status``).
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import stat
from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from pelican.readers import MarkdownReader
from pelican.urlwrappers import URLWrapper

from generator.model import Problem
from generator.read import (
    clean_control_chars,
    date_range_problem,
    file_checks,
    parse_date,
    plain_title,
    reading_problem,
    relative_path,
    sanitise_html,
    scan_content,
    split_metadata,
    year_range,
)

logger = logging.getLogger(__name__)

READ_PROBLEMS = "timeline_read_problems"

# Metadata that is one value; Pelican makes a list of a key given twice.
SINGLE_VALUED = ("title", "source", "source_url", "slug", "save_as", "url", "lang", "status")

# A slug is one or more path segments of letters, digits, '-', '_', '.',
# none starting with '.' (so never '..'): it can't climb out of its folder.
_SLUG = re.compile(r"[\w-][\w.-]*(?:/[\w-][\w.-]*)*")


# A language tag (BCP 47 shape): it goes into translated pages' addresses.
_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")

# File systems refuse longer names (255 bytes on most); a title-length slug must not reach them.
MAX_NAME_BYTES = 200
SLUG_LIMIT = 80


def short_slug(slug: str, limit: int = SLUG_LIMIT) -> str:
    """A slug cut to ``limit`` characters at a hyphen, each path segment on its own.

    >>> short_slug("killed-" * 30)[-13:], len(short_slug("killed-" * 30)) <= 80
    ('killed-killed', True)
    >>> short_slug("short-one")
    'short-one'
    """
    parts = []
    for part in slug.split("/"):
        if len(part) > limit:
            cut = part[:limit]
            part = (cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut).strip("-") or cut
        parts.append(part)
    return "/".join(parts)


# -- initialized --------------------------------------------------------------------------


def symlinked_folders(root: str) -> list[str]:
    """Folders under ``root`` that are symlinks (relative to ``root``), without following any.

    Pelican walks content with ``followlinks=True``: a link to ``.`` reads
    every article again at each level, a link out of ``content/`` publishes
    files from anywhere.
    """
    found: list[str] = []
    for dirpath, dirnames, _ in os.walk(root, followlinks=False):
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if os.path.islink(full):
                found.append(os.path.relpath(full, root).replace(os.sep, "/"))
    return sorted(found)


def exclude_symlinked_folders(pelican: Any) -> None:
    """Signal handler (``initialized``): never walk symlinked folders; autoescape on.

    Symlinked *files* are checked per file in ``admit_articles``.
    """
    settings = pelican.settings
    root = settings.get("PATH") or "."
    _READER_FAILURES.clear()
    links = symlinked_folders(root)
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
        current = list(settings.get(key) or [])
        settings[key] = current + [d for d in links if d not in current]
    # Titles, categories and tags are text: escape them on Pelican's pages too.
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    jinja["autoescape"] = True
    settings["JINJA_ENVIRONMENT"] = jinja


# -- readers_init -------------------------------------------------------------------------


def clean_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """Reader metadata made safe: first of duplicated single values, no control characters.

    >>> clean_metadata({"title": ["One\\x0c", "Two"], "summary": "<p>x<script>y</script></p>"})
    {'title': 'One', 'summary': '<p>x</p>'}
    """
    out: dict[str, Any] = {}
    for key, value in metadata.items():
        if key in SINGLE_VALUED and isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, list):
            value = [clean_wrapper(v) for v in value]
        value = clean_wrapper(value)
        if isinstance(value, str):
            value = clean_control_chars(value)
            if key in SINGLE_VALUED:
                value = value.strip()
        if key == "summary" and isinstance(value, str):
            value = sanitise_html(value)
        out[key] = value
    return out


def clean_wrapper(value: Any) -> Any:
    """A category, tag or author (Pelican's ``URLWrapper``) with a clean name and a slug short enough for a file name.

    Pelican makes these from the metadata before we see it; their names go into
    pages and feeds, their slugs into addresses. Anything else comes back as is.

    >>> from pelican.urlwrappers import Category
    >>> tag = clean_wrapper(Category("Aleppo\\x0c news\\ufffe " + "word " * 40, {}))
    >>> tag.name[:12], len(tag.slug) <= SLUG_LIMIT
    ('Aleppo  news', True)
    """
    if not isinstance(value, URLWrapper):
        return value
    name = clean_control_chars(value.name).strip()
    if name != value.name:
        value.name = name
    if len(value.slug) > SLUG_LIMIT:
        value.slug = short_slug(value.slug)
    return value


# Why a reader failed on a file (its path → the reason), for the build report; emptied at each build.
_READER_FAILURES: dict[str, str] = {}


def refused_file(source_path: str, root: str) -> str | None:
    """Why a content file must not be opened at all, or None.

    A device, pipe or socket never ends or blocks ("/dev/zero", a FIFO); a
    link out of the content folder reads files from anywhere.
    """
    try:
        mode = os.stat(source_path).st_mode
    except OSError as err:
        return f"cannot be read: {err.strerror}"
    if not stat.S_ISREG(mode):
        return "not a regular file (a device, pipe or socket): not read"
    real_root = os.path.realpath(root)
    if os.path.commonpath([real_root, os.path.realpath(source_path)]) != real_root:
        return "a link to a file outside the content folder: not read"
    return None


def too_slow_to_read(source_path: str) -> str | None:
    """Why a reader would take quadratic time over a content file (thousands of unclosed "[" or "<"), or None."""
    try:
        return reading_problem(Path(source_path).read_bytes().decode("utf-8", errors="replace"))
    except OSError:
        return None  # the reader says why it can't open it


def _reader_failure(err: BaseException) -> str:
    """The build report's reason for an exception a reader raised."""
    if isinstance(err, RecursionError):
        return "nested too deeply to read (lists, quotes or elements hundreds of levels deep): not published"
    return f"could not be read: {type(err).__name__}: {str(err)[:200]}"


def wrap_reader(cls: Any) -> Any:
    """A subclass of a Pelican reader whose ``read`` returns cleaned content and metadata.

    It keeps the class name: Pelican derives the ``reader`` metadata from it.
    """
    if getattr(cls, "_timeline_wrapped", False):
        return cls

    def read(self: Any, source_path: str) -> tuple[str, dict[str, Any]]:
        refused = refused_file(source_path, (getattr(self, "settings", None) or {}).get("PATH") or ".") or too_slow_to_read(source_path)
        if refused:
            _READER_FAILURES[os.path.abspath(source_path)] = refused
            raise OSError(refused)
        try:
            content, metadata = cls.read(self, source_path)
        except Exception as err:
            _READER_FAILURES[os.path.abspath(source_path)] = _reader_failure(err)
            raise
        if isinstance(content, str):
            content = sanitise_html(clean_control_chars(content))
        metadata = clean_metadata(metadata or {})
        if markdown:
            metadata[CHECKS] = _checks(source_path, year_range(getattr(self, "settings", None)))
        return content, metadata

    markdown = issubclass(cls, MarkdownReader)
    return type(cls.__name__, (cls,), {"read": read, "_timeline_wrapped": True, "__doc__": cls.__doc__})


# What ``read.file_checks`` found in a Markdown file Pelican read, kept in the metadata the reader returns:
# Pelican's content cache stores it with the rest, so a rebuild neither reads the file again nor loses the warnings.
CHECKS = "timeline_read_checks"


def _checks(source_path: str, years: tuple[int, int]) -> list[list[str]]:
    """``read.file_checks`` of a file Pelican has just read, as [reason, severity] lists."""
    try:
        raw = Path(source_path).read_bytes()
    except OSError as err:
        return [[f"cannot be read: {err.strerror}", "error"]]
    return [[reason, severity] for reason, severity in file_checks(raw, years, read_by_pelican=True)]


def wrap_readers(readers: Any) -> None:
    """Signal handler (``readers_init``): every reader's output is cleaned and sanitised.

    Not the no-op reader of static files: it opens nothing (``drop_refused_static`` checks what is copied).
    """
    from pelican.readers import BaseReader

    for ext, cls in list(readers.reader_classes.items()):
        if cls and cls.read is not BaseReader.read:
            readers.reader_classes[ext] = wrap_reader(cls)


# -- addresses ---------------------------------------------------------------------------


def reserved_addresses(settings: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """(exact files, folder prefixes) that pages of the plugin and of Pelican own.

    A ``*_SAVE_AS`` with a ``{placeholder}`` reserves the folder before the
    placeholder (``bulletins/{date}/index.html`` → ``bulletins/``); one
    without reserves the file. Articles' and pages' own patterns are not
    reserved: those are checked for collisions instead.

    >>> files, folders = reserved_addresses({})
    >>> "report/index.html" in files, "bulletins/" in folders, "index.html" in files
    (True, True, True)
    """
    from generator.settings import SETTINGS

    values: dict[str, Any] = {s.name: s.default for s in SETTINGS if not callable(s.default)}
    values.update({k: v for k, v in settings.items() if isinstance(k, str)})
    files: set[str] = set()
    folders: set[str] = set()
    for name, value in values.items():
        if not isinstance(value, str) or not value:
            continue
        if name.startswith(("ARTICLE_", "PAGE_", "DRAFT_")) or name.endswith(("_URL", "_PATH", "_PATHS")):
            continue
        if not (name.endswith(("_SAVE_AS", "_ATOM", "_RSS", "_JSON")) or name in {"TIMELINE_BULLETIN_FEED_JSON"}):
            continue
        _reserve(value, files, folders)
    for name in ("TIMELINE_EXPORT_PATH", "TIMELINE_SEARCH_BUNDLE", "THEME_STATIC_DIR"):
        value = values.get(name)
        if isinstance(value, str) and value.strip("/"):
            folders.add(value.strip("/") + "/")
    for path in values.get("STATIC_PATHS") or []:
        if isinstance(path, str) and path.strip("/"):
            folders.add(path.strip("/") + "/")
    return files, folders


def _reserve(pattern: str, files: set[str], folders: set[str]) -> None:
    pattern = pattern.lstrip("/")
    if "{" in pattern:
        head = pattern[: pattern.index("{")]
        if "/" in head:
            folders.add(head[: head.rindex("/") + 1])
    else:
        files.add(posixpath.normpath(pattern))


def own_folders(settings: Mapping[str, Any], kind: str) -> set[str]:
    """Folders a kind of content (``ARTICLE``/``PAGE``) is written into; "" when one pattern has none.

    >>> sorted(own_folders({"ARTICLE_SAVE_AS": "articles/{slug}/index.html",
    ...     "ARTICLE_LANG_SAVE_AS": "articles/{slug}-{lang}/index.html"}, "ARTICLE"))
    ['articles/', 'drafts/']
    """
    defaults = {
        f"{kind}_SAVE_AS": "{slug}.html", f"{kind}_LANG_SAVE_AS": "{slug}-{lang}.html",
        f"DRAFT_{'' if kind == 'ARTICLE' else kind + '_'}SAVE_AS": "drafts/{slug}.html",
        f"DRAFT_{'' if kind == 'ARTICLE' else kind + '_'}LANG_SAVE_AS": "drafts/{slug}-{lang}.html",
    }
    folders = set()
    for name, default in defaults.items():
        pattern = str(settings.get(name) or default).lstrip("/")
        head = pattern[: pattern.index("{")] if "{" in pattern else pattern
        folders.add(head[: head.rindex("/") + 1] if "/" in head else "")
    return folders


def address_problem(slug: Any, save_as: Any, files: set[str], folders: set[str]) -> str | None:
    """Why a content object's address is refused, or None.

    >>> files, folders = {"report/index.html", "index.html"}, {"bulletins/"}
    >>> address_problem("../report", "articles/../report/index.html", files, folders)
    "Slug '../report' is not a plain address (letters, digits, '-', '_', '.', '/' only; no '..')"
    >>> address_problem("ok", "bulletins/2016-12-23/index.html", files, folders)
    "address 'bulletins/2016-12-23/index.html' belongs to the plugin's pages"
    >>> address_problem("ok", "articles/ok/index.html", files, folders) is None
    True
    """
    if slug == "":
        return "empty Slug: no address can be made (give a Title or a Slug)"
    if isinstance(slug, str) and not _SLUG.fullmatch(slug):
        return f"Slug {slug[:60]!r} is not a plain address (letters, digits, '-', '_', '.', '/' only; no '..')"
    if not isinstance(save_as, str) or not save_as:
        return None
    if save_as.startswith(("/", "\\")) or "\\" in save_as:
        return f"address {save_as[:80]!r} is not inside the output folder"
    normal = posixpath.normpath(save_as)
    if normal == ".." or normal.startswith("../"):
        return f"address {save_as[:80]!r} is not inside the output folder"
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in normal.split("/")):
        return f"address {save_as[:80]!r}… has a folder or file name longer than {MAX_NAME_BYTES} bytes"
    if normal in files or any(normal.startswith(f) or normal + "/" == f for f in folders):
        return f"address {normal!r} belongs to the plugin's pages"
    return None


def unique_slugs(items: Iterable[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Items (key, address, slug) that share an address → {key: (new slug, first key)}.

    The item whose key sorts first keeps its address; the others get
    ``-2``, ``-3``… appended to their slug, in key order: the same files
    give the same addresses on every build. ``items`` are (sort key,
    address, slug); a suffixed slug never reuses a taken one.

    >>> unique_slugs([("b.md", "a/x/", "x"), ("a.md", "a/x/", "x"), ("c.md", "a/y/", "y")])
    {'b.md': ('x-2', 'a.md')}
    """
    items = sorted(items)
    by_address: dict[str, list[tuple[str, str]]] = defaultdict(list)
    taken = {slug for _, _, slug in items}
    for key, address, slug in items:
        by_address[address].append((key, slug))
    renamed: dict[str, tuple[str, str]] = {}
    for address in sorted(by_address):
        group = by_address[address]
        first_key = group[0][0]
        for key, slug in group[1:]:
            n = 2
            while f"{slug}-{n}" in taken:
                n += 1
            taken.add(f"{slug}-{n}")
            renamed[key] = (f"{slug}-{n}", first_key)
    return renamed


# -- which files are there ---------------------------------------------------------------


def content_files(root: str, paths: Iterable[str], excludes: Iterable[str], ignores: Iterable[str]) -> list[str]:
    """Every file under ``root``/``paths`` (relative to ``root``), links not followed.

    Excluded folders (Pelican's ``*_EXCLUDES``) are skipped except the
    symlinked ones, which are returned themselves so the report can name
    them.
    """
    import fnmatch

    excluded = {posixpath.normpath(e) for e in excludes}
    found: set[str] = set()
    for sub in list(paths) or [""]:
        base = os.path.join(root, sub) if sub else root
        if os.path.islink(base) or not os.path.isdir(base):
            continue
        for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
            rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
            keep = []
            for d in sorted(dirnames):
                rel = posixpath.normpath(posixpath.join(rel_dir, d))
                if os.path.islink(os.path.join(dirpath, d)):
                    found.add(rel)
                elif rel not in excluded and not any(fnmatch.fnmatch(d, i) for i in ignores):
                    keep.append(d)
            dirnames[:] = keep
            for f in filenames:
                if not any(fnmatch.fnmatch(f, i) for i in ignores):
                    found.add(posixpath.normpath(posixpath.join(rel_dir, f)))
    return sorted(found)


def link_problem(root: str, rel: str) -> str | None:
    """Why a symlink under ``root`` is not followed, or None for a plain file/folder."""
    full = os.path.join(root, rel)
    if not os.path.islink(full):
        return None
    target = os.readlink(full)
    if os.path.isdir(full):
        return f"symlinked folder (→ {target}) not followed: links in content/ can loop or leave it"
    if not os.path.exists(full):
        return f"dangling symlink (→ {target})"
    real_root = os.path.realpath(root)
    real = os.path.realpath(full)
    if os.path.commonpath([real_root, real]) != real_root:
        return f"symlink to a file outside the content folder (→ {target}) not followed"
    return None


def file_problem(root: str, rel: str, extensions: Iterable[str], years: tuple[int, int]) -> Problem | None:
    """Why Pelican did not read a file: our best reason, for the report."""
    path = relative_path(os.path.join(root, rel))
    if reason := link_problem(root, rel) or refused_file(os.path.join(root, rel), root):
        return Problem(path, "read", reason)
    ext = rel.rsplit(".", 1)[-1] if "." in posixpath.basename(rel) else ""
    exts = set(extensions)
    if ext and ext not in exts and ext.lower() in exts:
        return Problem(path, "read", f"extension .{ext} is not read (Pelican's readers take .{ext.lower()}); rename the file")
    if ext not in exts:
        return Problem(path, "read", f"not an article file (no reader for {'.' + ext if ext else 'files without an extension'}); ignored", "warning")
    return None


def raw_reason(full: str, years: tuple[int, int]) -> str | None:
    """For a Markdown file Pelican skipped: the first thing wrong in its metadata.

    ``Status: skip`` is not wrong; it is reported as a warning by the caller.
    """
    try:
        raw = Path(full).read_bytes()
        text = clean_control_chars(raw.decode("utf-8-sig"))
        metadata, _ = split_metadata(text)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return str(err)
    for key in ("date", "modified"):
        if key in metadata:
            try:
                parse_date(metadata[key])
            except ValueError as err:
                return f"{key.title()}: {err}"
    status = metadata.get("status", "published").strip().lower()
    if status == "skip":
        return "Status: skip; not published"
    if status not in {"published", "draft", "hidden"}:
        return f"Status {status!r} is not one of published, draft, hidden, skip"
    for key in ("save_as", "url"):
        if key in metadata and posixpath.normpath(metadata[key]).startswith(("../", "/")):
            return f"{key.title()} {metadata[key][:60]!r} is not inside the output folder"
    return None


# -- admission -------------------------------------------------------------------------


def _objects(generator: Any, attrs: Iterable[str]) -> list[Any]:
    out: list[Any] = []
    for attr in attrs:
        out.extend(getattr(generator, attr, None) or [])
    return out


def _content_problems(
    obj: Any, root: str, files: set[str], folders: set[str], years: tuple[int, int], dated: bool, inside: AbstractSet[str] = frozenset(),
) -> list[Problem]:
    """Checks on a content object Pelican built: title, date range, address."""
    path = relative_path(obj.source_path)
    problems: list[Problem] = []
    title = plain_title(getattr(obj, "title", ""))
    if not title:
        problems.append(Problem(path, "read", "empty Title"))
    date = getattr(obj, "date", None)
    if dated and date is not None:
        day = date.date() if hasattr(date, "date") else date
        if reason := date_range_problem(day, years):
            problems.append(Problem(path, "read", reason))
    try:
        save_as = obj.save_as
    except Exception as err:  # a broken URL pattern or metadata value
        save_as = None
        problems.append(Problem(path, "read", f"no address: {type(err).__name__}: {err}"))
    if reason := address_problem(getattr(obj, "slug", ""), save_as, files, folders):
        problems.append(Problem(path, "read", reason))
    elif inside and isinstance(save_as, str) and not posixpath.normpath(save_as).startswith(tuple(inside)):
        problems.append(Problem(path, "read", f"address {save_as[:80]!r} is outside {', '.join(sorted(inside))} (ARTICLE_SAVE_AS)"))
    lang = getattr(obj, "lang", None)
    if isinstance(lang, str) and not _LANG.fullmatch(lang):
        problems.append(Problem(path, "read", f"Lang {lang[:40]!r} is not a language tag (en, fr, pt-BR)"))
    status = getattr(obj, "status", "published")
    if status in {"draft", "hidden"} and not problems:
        problems.append(Problem(path, "read", f"Status: {status}; not in the timeline", "warning"))
    return problems


def admit(generator: Any, kinds: tuple[str, ...], paths_key: str, excludes_key: str, dated: bool) -> list[Problem]:
    """Check what one Pelican generator read; drop the bad, rename colliding slugs.

    Returns the problems for the build report (they are also added to the
    shared context under ``READ_PROBLEMS``).
    """
    settings = generator.settings
    root = settings.get("PATH") or "."
    years = year_range(settings)
    files, folders = reserved_addresses(settings)
    article_folders = own_folders(settings, "ARTICLE")
    if dated:  # an article stays in the articles' folders (when every pattern has one)
        inside = article_folders if "" not in article_folders else set()
    else:  # a page never lands among the articles
        folders |= {f for f in article_folders if f}
        inside = set()
    extensions = list(getattr(generator.readers, "extensions", []) or [])
    markdown_extensions = {ext for ext, cls in (getattr(generator.readers, "reader_classes", None) or {}).items()
                           if isinstance(cls, type) and issubclass(cls, MarkdownReader)}
    all_files = content_files(root, settings.get(paths_key) or [""], settings.get(excludes_key) or [], settings.get("IGNORE_FILES") or [])

    problems: list[Problem] = []
    objects = _objects(generator, kinds)
    read_paths = {relative_path(o.source_path) for o in objects}
    # A Markdown file Pelican read was checked as it was read (``CHECKS`` in its metadata); one it did not read is
    # scanned here, to say why.
    unread = [f for f in all_files if f.rsplit(".", 1)[-1] in markdown_extensions
              and refused_file(os.path.join(root, f), root) is None and not os.path.islink(os.path.join(root, f))
              and relative_path(os.path.join(root, f)) not in read_paths]
    problems += scan_content([os.path.join(root, f) for f in unread], years, dated=dated)
    for obj in objects:
        checks = obj.metadata.get(CHECKS)
        if isinstance(checks, list):
            problems += [Problem(relative_path(obj.source_path), "read", reason, severity) for reason, severity in checks]
        elif obj.source_path.rsplit(".", 1)[-1] in markdown_extensions:  # read by a reader we did not wrap
            problems += scan_content([obj.source_path], years, dated=dated)
    for obj in objects:
        slug = getattr(obj, "slug", None)
        if isinstance(slug, str) and short_slug(slug) != slug:
            obj.slug = short_slug(slug)
            if "slug" in obj.metadata:
                problems.append(Problem(relative_path(obj.source_path), "read", f"Slug shortened to {obj.slug!r}", "warning"))
        problems += _content_problems(obj, root, files, folders, years, dated, inside)

    reported = {p.path for p in problems if p.severity == "error"}
    for rel in all_files:
        path = relative_path(os.path.join(root, rel))
        if path in read_paths:
            if (reason := link_problem(root, rel)):
                problems.append(Problem(path, "read", reason))
            continue
        if path in reported:
            continue
        problem = file_problem(root, rel, extensions, years)
        if problem is None:
            reason = raw_reason(os.path.join(root, rel), years) if rel.rsplit(".", 1)[-1] in markdown_extensions else None
            reason = reason or _READER_FAILURES.get(os.path.abspath(os.path.join(root, rel)))
            problem = Problem(path, "read", reason or "Pelican could not read this file (its log line above says why)",
                              "warning" if reason and reason.startswith("Status: skip") else "error")
        problems.append(problem)

    broken = {p.path for p in problems if p.severity == "error"}
    for attr in kinds:
        kept = [o for o in getattr(generator, attr, None) or [] if relative_path(o.source_path) not in broken]
        setattr(generator, attr, kept)

    problems += _dedupe_addresses(generator, kinds)
    return problems


def _dedupe_addresses(generator: Any, kinds: tuple[str, ...]) -> list[Problem]:
    """Give each published object its own address; report who was renamed."""
    objects = _objects(generator, kinds)
    keyed = {}
    for obj in objects:
        try:
            save_as = posixpath.normpath(obj.save_as)
        except Exception:
            continue
        date = getattr(obj, "date", None)
        key = f"{date.isoformat() if date else ''}\x00{relative_path(obj.source_path)}"
        keyed[key] = (obj, save_as)
    renamed = unique_slugs((key, save_as, obj.slug) for key, (obj, save_as) in keyed.items())
    problems = []
    for key, (new_slug, first) in sorted(renamed.items()):
        obj = keyed[key][0]
        old = obj.save_as
        obj.slug = new_slug
        if obj.save_as == old:  # the address does not use the slug (Save_as given): refuse
            problems.append(Problem(relative_path(obj.source_path), "read",
                                    f"same address {old!r} as {first.split(chr(0))[1]}; not published"))
            for attr in kinds:
                setattr(generator, attr, [o for o in getattr(generator, attr, None) or [] if o is not obj])
            continue
        problems.append(Problem(relative_path(obj.source_path), "read",
                                f"same address as {first.split(chr(0))[1]}; published at {obj.url!r} instead", "warning"))
    return problems


def _record(generator: Any, problems: list[Problem]) -> None:
    context = generator.context
    existing = list(context.get(READ_PROBLEMS) or [])
    context[READ_PROBLEMS] = existing + problems  # logged with the rest by pipeline.log_summary


ARTICLE_KINDS = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations")
PAGE_KINDS = ("pages", "translations", "hidden_pages", "hidden_translations", "draft_pages", "draft_translations")


def admit_articles(article_generator: Any) -> None:
    """Signal handler (``article_generator_pretaxonomy``)."""
    _record(article_generator, admit(article_generator, ARTICLE_KINDS, "ARTICLE_PATHS", "ARTICLE_EXCLUDES", dated=True))


def admit_pages(page_generator: Any) -> None:
    """Signal handler (``page_generator_finalized``). Static files are checked here too: the report is made before
    Pelican's static generator runs (it runs last)."""
    problems = admit(page_generator, PAGE_KINDS, "PAGE_PATHS", "PAGE_EXCLUDES", dated=False)
    known = {(p.path, p.reason) for p in (page_generator.context.get(READ_PROBLEMS) or []) + problems}
    _record(page_generator, problems + [p for p in static_problems(page_generator.settings) if (p.path, p.reason) not in known])


def _static_refusal(root: str, full: str) -> str | None:
    """Why a static file must not be copied (a device, a pipe, a dangling link or one out of content/), or None."""
    return link_problem(root, os.path.relpath(full, root)) or refused_file(full, root)


def static_problems(settings: Mapping[str, Any]) -> list[Problem]:
    """The files under ``STATIC_PATHS`` that are not copied, each with why (``drop_refused_static`` leaves them out).

    Pelican copies a static file byte for byte: a link to /dev/zero would be copied for ever,
    a link out of content/ would publish whatever it points at (issue 11).
    """
    root = settings.get("PATH") or "."
    paths = [p for p in settings.get("STATIC_PATHS") or [] if isinstance(p, str)]
    folders = [p for p in paths if os.path.isdir(os.path.join(root, p)) and not os.path.islink(os.path.join(root, p))]
    files = [p for p in paths if p not in folders and os.path.lexists(os.path.join(root, p))]
    found = (content_files(root, folders, settings.get("STATIC_EXCLUDES") or [], settings.get("IGNORE_FILES") or [])
             if folders else [])
    problems = []
    for rel in sorted(set(found) | set(files)):
        full = os.path.join(root, rel)
        if reason := _static_refusal(root, full):
            problems.append(Problem(relative_path(full), "read", f"static file not copied: {reason}"))
    return problems


def drop_refused_static(static_generator: Any) -> None:
    """Signal handler (``static_generator_finalized``): Pelican never copies a file ``static_problems`` refuses.

    Also a file a ``{static}`` link names outside ``STATIC_PATHS`` (logged: the report is already made).
    """
    root = static_generator.settings.get("PATH") or "."
    kept = []
    for static in static_generator.staticfiles:
        full = os.path.join(root, static.source_path)
        if reason := _static_refusal(root, full):
            logger.warning("%s: static file not copied: %s", relative_path(full), reason)
        else:
            kept.append(static)
    static_generator.staticfiles = kept
    static_generator.context["staticfiles"] = kept
