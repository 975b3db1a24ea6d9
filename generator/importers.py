"""Import: feeds, saved web pages and pasted text → Pelican Markdown articles.

Editors get reports in whatever shape they arrive; ``python -m generator
import`` turns each into a file ``content/articles/YYYY-MM-DD-<slug>.md``
that the rest of the pipeline reads like a hand-written one::

    Title: Convoy reaches Idlib
    Date: 2016-12-15
    Source: Example Monitor
    Source_url: https://monitor.example.org/convoy-idlib
    Slug: 2016-12-15-convoy-reaches-idlib
    Summary: A convoy of buses reached Idlib province on Thursday.
    Category: reports

    A convoy of buses reached Idlib province on Thursday. ...

All input is untrusted: HTML is sanitised (``read.sanitise_html``) and
reduced to plain paragraphs, so the Markdown body never carries raw HTML,
and characters Markdown would read as markup are escaped. Output depends on
the input only (no clock), so importing the same file twice is a no-op.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from generator.model import Problem
from generator.read import (
    DEFAULT_YEAR_RANGE,
    clean_control_chars,
    date_range_problem,
    decode,
    html_to_text,
    parse_date,
    sanitise_html,
    slugify,
    split_sentences,
)

FEED_EXTENSIONS = (".xml", ".rss", ".atom")
HTML_EXTENSIONS = (".html", ".htm")
TEXT_EXTENSIONS = (".txt",)
CATEGORY = "reports"
SUMMARY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Draft:
    """One article ready to be written: metadata plus plain-text paragraphs.

    ``paragraphs`` are plain text (no markup); escaping for Markdown happens
    only in ``to_markdown``. ``origin`` is the input path, for messages.
    """

    title: str
    published: dt.date
    paragraphs: tuple[str, ...]
    source: str | None = None
    source_url: str | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one draft: ``written`` (or would be, in a dry run) or ``unchanged``."""

    path: str
    status: Literal["written", "unchanged"]


# -- text helpers ----------------------------------------------------------------


def clean_line(value: str | None) -> str:
    """A metadata value: tags dropped, entities decoded, one line, no ``<``/``>``.

    >>> clean_line("  Shelling <b>in</b>\\n Aleppo &amp; Idlib ")
    'Shelling in Aleppo & Idlib'
    """
    if not value:
        return ""
    text = clean_control_chars(html.unescape(re.sub(r"<[^>]*>", " ", clean_control_chars(value))))
    return re.sub(r"\s+", " ", text.replace("<", " ").replace(">", " ")).strip()


def safe_url(value: str | None) -> str | None:
    """Keep only an absolute http(s) URL with no spaces; anything else → None."""
    value = (value or "").strip()
    return value if re.fullmatch(r"https?://[^\s<>\"']+", value) else None


def html_paragraphs(fragment: str) -> tuple[str, ...]:
    """Untrusted HTML → sanitised plain-text paragraphs.

    >>> html_paragraphs('<p>One.</p><script>x()</script><p onclick="y()">Two <b>bold</b>.</p>')
    ('One.', 'Two bold.')
    """
    text = html_to_text(sanitise_html(fragment))
    return tuple(p for p in text.split("\n\n") if p.strip())


def text_paragraphs(text: str) -> tuple[str, ...]:
    """Pasted text → paragraphs: blank lines separate them, line breaks inside are spaces."""
    out = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        line = re.sub(r"\s+", " ", block).strip()
        if line:
            out.append(line)
    return tuple(out)


# Markdown reads these at the start of a paragraph as a heading, quote, list,
# rule or code; a backslash (or an entity for "<") makes them plain text again.
_LEADING = re.compile(r"^(#+|>|[-+*](?=\s|$)|[-*_]{3,}|\d+(?=[.)]\s|[.)]$))")
_INLINE = re.compile(r"([\\`*_\[\]])")


def escape_markdown(paragraph: str) -> str:
    r"""Plain text → a Markdown paragraph that renders back to the same text.

    Inline markup characters get a backslash, ``<`` and entity-looking ``&``
    become entities (so no raw HTML can appear), and a leading ``#``, ``>``,
    ``-``, ``+``, ``*`` or ``1.`` is escaped so it is not read as a block.

    >>> escape_markdown("1. Gen. *Ali* said <b> & snake_case")
    '1\\. Gen. \\*Ali\\* said &lt;b> & snake\\_case'
    >>> escape_markdown("# not a heading")
    '\\# not a heading'
    """
    text = re.sub(r"\s+", " ", paragraph).strip()
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = text.replace("<", "&lt;")
    text = _INLINE.sub(r"\\\1", text)
    m = _LEADING.match(text)
    if m:
        lead = m.group()
        if lead[0].isdigit():
            text = lead + "\\" + text[len(lead) :]
        elif lead[0] in "#>+-":
            text = "\\" + text
        # "*" and "_" runs were already escaped by _INLINE
    return text


def first_sentence(paragraphs: Sequence[str], limit: int = SUMMARY_LIMIT) -> str:
    """The first sentence of the text, cut at a word boundary to ``limit`` chars.

    >>> first_sentence(["Shelling hit Aleppo. Four were hurt."])
    'Shelling hit Aleppo.'
    """
    if not paragraphs:
        return ""
    sentences = split_sentences(paragraphs[0])
    sentence = sentences[0].text if sentences else paragraphs[0]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def to_markdown(draft: Draft, slug: str) -> str:
    """A draft → the Pelican Markdown file's text (metadata, blank line, body).

    Keys are ``Title, Date, Source, Source_url, Slug, Summary, Category`` –
    never ``URL``/``Save_as``, which Pelican reads as our own page's address.
    """
    meta = [("Title", clean_line(draft.title)), ("Date", draft.published.isoformat())]
    if clean_line(draft.source):
        meta.append(("Source", clean_line(draft.source)))
    if url := safe_url(draft.source_url):
        meta.append(("Source_url", url))
    meta.append(("Slug", slug))
    summary = first_sentence(draft.paragraphs)
    if summary:
        # Summary is a formatted field in Pelican (rendered as Markdown).
        meta.append(("Summary", escape_markdown(clean_line(summary))))
    meta.append(("Category", CATEGORY))
    head = "\n".join(f"{k}: {v}" for k, v in meta)
    # Control characters (form feeds from PDFs, NUL) can't go into a page or a feed.
    body = "\n\n".join(escape_markdown(clean_control_chars(p)) for p in draft.paragraphs)
    return f"{head}\n\n{body}\n"


# -- readers ------------------------------------------------------------------------


def entry_date(entry: dict, years: tuple[int, int] = DEFAULT_YEAR_RANGE) -> dt.date | None:
    """A feed entry's publication date, as the publisher's own calendar day.

    The raw string is read first so the day is not shifted by a conversion
    to UTC ("Fri, 23 Dec 2016 01:30:00 +0300" is the 23rd, not the 22nd);
    feedparser's parsed UTC tuple is the fallback. A date is only taken
    when its year and day are written in the raw string and the year is
    within ``years``: parsers turn "Mon, 01 Jan 0001" into 2001-01-01 and
    "2016-12-99" into 2016-12-01, and neither is what the feed said.
    """
    return entry_date_or_reason(entry, years)[0]


def entry_date_or_reason(entry: dict, years: tuple[int, int] = DEFAULT_YEAR_RANGE) -> tuple[dt.date | None, str]:
    """``(date, "")``, or ``(None, why)`` for an entry without a usable date."""
    reason = "no date"
    for key in ("published", "updated", "created"):
        raw = clean_control_chars(dict.get(entry, key) or "").strip()  # dict.get: no feedparser key fallbacks
        if not raw:
            continue
        candidates: list[dt.date] = []
        for parse in (email.utils.parsedate_to_datetime, lambda s: dt.datetime.fromisoformat(s.replace("Z", "+00:00"))):
            try:
                candidates.append(parse(raw).date())
                break
            except (TypeError, ValueError, IndexError, OverflowError):
                pass
        try:
            candidates.append(parse_date(raw))
        except ValueError:
            pass
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:
            try:
                candidates.append(dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday))
            except (ValueError, TypeError):
                pass
        for date in candidates:
            if _written_in(date, raw):
                problem = date_range_problem(date, years)
                if problem is None:
                    return date, ""
                reason = f"{key} {raw[:60]!r}: {problem}"
                break
        else:
            reason = f"{key} {raw[:60]!r} is not a date that can be read"
    return None, reason


def _written_in(date: dt.date, raw: str) -> bool:
    """True when ``raw`` spells ``date``'s year and day (not a parser's guess).

    >>> _written_in(dt.date(2001, 1, 1), "Mon, 01 Jan 0001"), _written_in(dt.date(2016, 12, 1), "2016-12-99")
    (False, False)
    >>> _written_in(dt.date(2016, 12, 23), "Fri, 23 Dec 2016 01:30:00 +0300")
    True
    """
    numbers = [int(n) for n in re.findall(r"\d+", raw, re.ASCII)]
    return date.year in numbers and date.day in numbers


def _entry_paragraphs(entry: dict) -> tuple[str, ...]:
    # Full content (Atom <content>, RSS content:encoded) beats the summary.
    details = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        details.append(entry["summary_detail"])
    for detail in details:
        value = detail.get("value") or ""
        if detail.get("type") == "text/plain":
            paragraphs = text_paragraphs(value)
        else:
            paragraphs = html_paragraphs(value)
        if paragraphs:
            return paragraphs
    return ()


def is_feed(raw: bytes) -> bool:
    """True when feedparser recognises the bytes as RSS or Atom with entries."""
    import feedparser

    parsed = feedparser.parse(raw)
    return bool(parsed.get("version")) and bool(parsed.entries)


def from_feed(path: str, raw: bytes, *, source: str | None = None) -> tuple[list[Draft], list[Problem]]:
    """An RSS/Atom feed → one draft per dated entry; undated entries are problems.

    ``source`` overrides the feed's title as the ``Source``.
    """
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.get("version") and not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "not an RSS or Atom feed")
        return [], [Problem(path, "import", f"not a feed: {reason}")]
    feed_title = clean_line(parsed.feed.get("title")) or None
    drafts: list[Draft] = []
    problems: list[Problem] = []
    for n, entry in enumerate(parsed.entries, 1):
        title = clean_line(entry.get("title"))
        label = repr(title) if title else f"#{n}"
        published, why = entry_date_or_reason(entry)
        if published is None:
            problems.append(Problem(path, "import", f"entry {label}: {why}"))
            continue
        paragraphs = _entry_paragraphs(entry)
        if not paragraphs:
            problems.append(Problem(path, "import", f"entry {label}: no text"))
            continue
        drafts.append(
            Draft(
                title=title or paragraphs[0][:120],
                published=published,
                paragraphs=paragraphs,
                source=source or feed_title,
                source_url=safe_url(entry.get("link")),
                origin=path,
            )
        )
    if not parsed.entries:
        problems.append(Problem(path, "import", "feed has no entries"))
    return drafts, problems


def from_text(
    path: str,
    raw: bytes,
    *,
    published: dt.date,
    title: str | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> tuple[list[Draft], list[Problem]]:
    """Pasted text → one draft. The first non-blank line is the title unless ``title`` is given."""
    try:
        text = decode(raw)
    except ValueError as err:
        return [], [Problem(path, "import", str(err))]
    if not title:
        lines = text.strip().split("\n", 1)
        title, text = lines[0].strip(), (lines[1] if len(lines) > 1 else "")
    paragraphs = text_paragraphs(text)
    if not paragraphs:
        return [], [Problem(path, "import", "no text after the title" if title else "no text")]
    return [Draft(title, published, paragraphs, source, source_url, path)], []


# Elements whose text is page furniture, never the report.
_FURNITURE = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "head", "svg", "button"}


class _PageParser(HTMLParser):
    """Stdlib fallback: paragraphs of <main>/<article>, else of the largest <p> block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip = 0
        self.title = ""
        self.meta: dict[str, str] = {}
        self.blocks: list[tuple[int, tuple[int, ...], str]] = []  # (in main/article, parent id path, text)
        self.current: list[str] | None = None
        self.in_title = False
        self.ids: list[int] = []
        self.counter = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = a.get("property") or a.get("name") or ""
            self.meta.setdefault(key.lower(), a.get("content", ""))
            return
        if tag in {"br", "img", "hr", "input", "link"}:
            return
        self.stack.append(tag)
        self.counter += 1
        self.ids.append(self.counter)
        if tag in _FURNITURE:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in {"p", "h1", "h2", "h3", "li", "blockquote"} and not self.skip and self.current is None:
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            self.ids.pop()
            if top in _FURNITURE:
                self.skip = max(0, self.skip - 1)
            if top == "title":
                self.in_title = False
            if top in {"p", "h1", "h2", "h3", "li", "blockquote"} and self.current is not None:
                text = re.sub(r"\s+", " ", "".join(self.current)).strip()
                if text:
                    inside = int("main" in self.stack or "article" in self.stack)
                    self.blocks.append((inside, tuple(self.ids), text))
                self.current = None
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif self.current is not None and not self.skip:
            self.current.append(data)


def fallback_extract(page: str) -> tuple[str, tuple[str, ...], dict[str, str]]:
    """A saved page → (title, paragraphs, metadata) without trafilatura.

    Takes the paragraphs inside <main>/<article>; without those, the <p>
    elements of the parent holding the most text.
    """
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    inside = [text for flag, _, text in parser.blocks if flag]
    if not inside:
        by_parent: dict[tuple[int, ...], list[str]] = {}
        for _, ids, text in parser.blocks:
            by_parent.setdefault(ids, []).append(text)
        inside = max(by_parent.values(), key=lambda ps: sum(map(len, ps)), default=[])
    meta = {
        "title": parser.meta.get("og:title") or parser.title,
        "date": parser.meta.get("article:published_time") or parser.meta.get("date") or "",
        "sitename": parser.meta.get("og:site_name") or "",
        "url": parser.meta.get("og:url") or "",
    }
    return clean_line(meta["title"]), tuple(inside), meta


def from_html(
    path: str,
    raw: bytes,
    *,
    published: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> tuple[list[Draft], list[Problem]]:
    """A saved web page → one draft, main text by trafilatura (stdlib fallback).

    Metadata comes from the page (title, date, site name, canonical URL);
    the arguments override it. No date on the page and none given → problem.
    """
    try:
        page: str | bytes = decode(raw)
    except ValueError as err:
        page, undecodable = raw, str(err)  # trafilatura detects a page's declared encoding itself
    try:
        import trafilatura
    except ImportError:  # not installed: a plainer extraction, same output shape
        if isinstance(page, bytes):
            return [], [Problem(path, "import", undecodable)]
        page_title, paragraphs, meta = fallback_extract(page)
    else:
        doc: Any = trafilatura.bare_extraction(  # a Document (no as_dict)
            page, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
        )
        if doc is None:
            return [], [Problem(path, "import", "no main text found in the page")]
        page_title = clean_line(doc.title)
        # trafilatura's text is plain, one block per line; sanitise anyway (it is untrusted).
        paragraphs = tuple(p for line in (doc.text or "").split("\n") for p in html_paragraphs(html.escape(line)))
        meta = {"date": doc.date or "", "sitename": doc.sitename or "", "url": doc.url or ""}
    title = clean_line(title) or page_title
    if paragraphs and title and clean_line(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]  # the headline repeated as the first block
    if not paragraphs:
        return [], [Problem(path, "import", "no main text found in the page")]
    if published is None and meta.get("date"):
        try:
            published = parse_date(meta["date"])
        except ValueError:
            published = None
    if published is None:
        return [], [Problem(path, "import", "no date (give --published YYYY-MM-DD)")]
    return [
        Draft(
            title=title or paragraphs[0][:120],
            published=published,
            paragraphs=paragraphs,
            source=source or meta.get("sitename") or None,
            source_url=source_url or safe_url(meta.get("url")),
            origin=path,
        )
    ], []


def kind_of(path: str, raw: bytes) -> Literal["feed", "html", "text"]:
    """Which reader a file needs: by extension, else feed if feedparser says so, else text."""
    lower = path.lower()
    if lower.endswith(FEED_EXTENSIONS):
        return "feed"
    if lower.endswith(HTML_EXTENSIONS):
        return "html"
    if lower.endswith(TEXT_EXTENSIONS):
        return "text"
    if is_feed(raw):
        return "feed"
    return "html" if re.search(rb"<html|<body|<p\b", raw[:4096], re.I) else "text"


def read_drafts(
    path: str,
    *,
    published: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    source_url: str | None = None,
) -> tuple[list[Draft], list[Problem]]:
    """Any one input file → drafts and problems (never raises for bad input).

    Feeds ignore ``published``, ``title`` and ``source_url`` (each entry has
    its own); plain text needs ``published``.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        return [], [Problem(path, "import", f"cannot open: {err.strerror}")]
    if not raw.strip():
        return [], [Problem(path, "import", "empty file")]
    kind = kind_of(path, raw)
    if kind == "feed":
        return from_feed(path, raw, source=source)
    if kind == "html":
        return from_html(path, raw, published=published, title=title, source=source, source_url=source_url)
    if published is None:
        return [], [Problem(path, "import", "plain text needs --published YYYY-MM-DD")]
    return from_text(path, raw, published=published, title=title, source=source, source_url=source_url)


# -- writing ---------------------------------------------------------------------------


def place(
    draft: Draft, into: str | os.PathLike, taken: dict[str, str] | None = None, next_n: dict[str, int] | None = None,
) -> tuple[str, str, Outcome]:
    """Choose the file for a draft: ``YYYY-MM-DD-<slug>.md``, then ``-2``, ``-3``...

    An existing file (or one planned earlier in this run, ``taken``) with
    different content is never overwritten; one with identical content means
    the draft is ``unchanged``. ``next_n`` remembers, per name, where the
    last draft of this run landed, so the k-th entry with one headline
    starts looking at ``-k``, not at ``-1``: naming is linear in the
    number of entries. Returns (path, markdown, outcome).
    """
    taken = taken if taken is not None else {}
    next_n = next_n if next_n is not None else {}
    base = f"{draft.published.isoformat()}-{slugify(clean_line(draft.title))}"
    n = next_n.get(base, 1)
    while True:
        stem = base if n == 1 else f"{base}-{n}"
        target = os.path.join(str(into), stem + ".md")
        text = to_markdown(draft, stem)
        existing = taken.get(target)
        if existing is None and os.path.lexists(target):
            try:
                existing = Path(target).read_text(encoding="utf-8", errors="replace")
            except OSError:  # a dangling link or a folder: never written over
                existing = ""
        if existing is None or existing == text:
            next_n[base] = n + 1
            return target, text, Outcome(target, "written" if existing is None else "unchanged")
        n += 1


def into_problem(into: str | os.PathLike) -> str | None:
    """Why ``--into`` can't take files, or None (it may not exist yet).

    >>> into_problem("/dev/null")
    "'/dev/null' is not a folder"
    """
    path = str(into)
    if os.path.islink(path) and not os.path.exists(path):
        return f"{path!r} is a dangling symlink (→ {os.readlink(path)})"
    if os.path.exists(path) and not os.path.isdir(path):
        return f"{path!r} is not a folder"
    return None


def write_drafts(
    drafts: Iterable[Draft], into: str | os.PathLike, *, dry_run: bool = False, problems: list[Problem] | None = None,
) -> list[Outcome]:
    """Write each draft to its own new file under ``into`` (nothing is written when ``dry_run``).

    A file that can't be written is a Problem (appended to ``problems``),
    never a traceback, and never stops the other drafts.
    """
    taken: dict[str, str] = {}
    next_n: dict[str, int] = {}
    outcomes = []
    for draft in drafts:
        target, text, outcome = place(draft, into, taken, next_n)
        taken[target] = text
        if outcome.status == "written" and not dry_run:
            try:
                os.makedirs(into, exist_ok=True)
                with open(target, "x", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
            except OSError as err:
                if problems is None:
                    raise
                problems.append(Problem(target, "import", f"cannot write: {err.strerror or err}"))
                continue
        outcomes.append(outcome)
    return outcomes


def import_paths(
    paths: Sequence[str],
    into: str | os.PathLike,
    *,
    published: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
    source_url: str | None = None,
    dry_run: bool = False,
) -> tuple[list[Outcome], list[Problem]]:
    """Import every input into ``into``; problems of one input never stop the others."""
    drafts: list[Draft] = []
    problems: list[Problem] = []
    if source_url and not safe_url(source_url):
        problems.append(Problem("--source-url", "import", f"{source_url!r} must be an http(s) URL; left out", "warning"))
        source_url = None
    if reason := into_problem(into):
        return [], problems + [Problem(str(into), "import", f"--into: {reason}")]
    for path in paths:
        found, trouble = read_drafts(path, published=published, title=title, source=source, source_url=source_url)
        problems.extend(trouble)
        for draft in found:
            if reason := date_range_problem(draft.published):
                problems.append(Problem(path, "import", f"{clean_line(draft.title)[:60]!r}: {reason}"))
            else:
                drafts.append(draft)
    return write_drafts(drafts, into, dry_run=dry_run, problems=problems), problems


__all__ = [
    "Draft",
    "Outcome",
    "escape_markdown",
    "fallback_extract",
    "first_sentence",
    "from_feed",
    "from_html",
    "from_text",
    "import_paths",
    "kind_of",
    "read_drafts",
    "to_markdown",
    "write_drafts",
]
