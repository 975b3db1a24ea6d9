"""Read: any input → a clean ``model.Article`` (plain text + metadata).

Everything downstream points into ``Article.text`` by character offsets, so
this module decides once what "the text" of an article is: its Markdown (or
HTML) rendered and reduced to paragraphs of plain text separated by blank
lines. A file that cannot be read becomes a ``Problem`` (path, stage,
reason), never an exception that stops the build.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import markdown as markdown_lib
import nh3

from generator.model import Article, Problem, Sentence

# -- sanitising -------------------------------------------------------------

# Tags an article body may keep on our pages and in feeds; everything else
# (script, style, iframe, event handlers, javascript: links) is dropped.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li",
    "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "abbr": {"title"},
}


def sanitise_html(fragment: str) -> str:
    """Untrusted HTML → HTML safe to publish (nh3/ammonia allow-list).

    Character references to control characters (``&#x1b;``) come out as the
    characters themselves: they are removed after cleaning too.

    >>> sanitise_html('<p onclick="x()">Hi<script>alert(1)</script></p>')
    '<p>Hi</p>'
    >>> sanitise_html("<p>a&#x1b;b&#0;c</p>")
    '<p>ab\ufffdc</p>'
    """
    return clean_control_chars(nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ))


# -- hostile text: control characters, addresses ------------------------------

# C0 controls (but tab, newline, carriage return), DEL, C1 controls and the
# two non-characters XML refuses. Text pasted from PDFs carries form feeds,
# terminal output carries ESC sequences; none can go into XML or a page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Controls that stand for white space in the source (page break, vertical tab).
_SPACE_CONTROLS = re.compile(r"[\x0b\x0c\x85]")


def has_control_chars(text: str) -> bool:
    r"""True when ``text`` has a character ``clean_control_chars`` would remove.

    >>> has_control_chars("a\x0cb"), has_control_chars("a\tb\n")
    (True, False)
    """
    return bool(_CONTROL.search(text))


def clean_control_chars(text: str) -> str:
    r"""Text safe for XML and pages: page breaks become spaces, other controls go.

    ANSI colour codes (``ESC [ 31 m``) go as a whole, not just their ESC.

    >>> clean_control_chars("Nine\x0ckilled\x01 \x1b[31min\x1b[0m Homs\x00")
    'Nine killed in Homs'
    """
    if not _CONTROL.search(text):
        return text
    text = _ANSI_ESCAPE.sub("", text)
    return _CONTROL.sub("", _SPACE_CONTROLS.sub(" ", text))


_WEB_URL = re.compile(r"https?://[^\s<>\"']+", re.I)


def safe_url(value: object) -> str | None:
    """An http(s) address to link to, else None (``javascript:``, ``data:``, relative).

    >>> safe_url(" https://example.org/a "), safe_url("JaVaScRiPt:alert(1)"), safe_url("data:text/html,x")
    ('https://example.org/a', None, None)
    """
    if not isinstance(value, str):
        return None
    value = clean_control_chars(value).strip()
    return value if _WEB_URL.fullmatch(value) else None


# -- HTML → plain text --------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr",
}
_SKIP_TAGS = {"script", "style", "template", "noscript", "head"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.row_depth = 0  # inside <tr>: line breaks in the source are only formatting

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if tag == "tr":
            self.row_depth += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in {"td", "th"}:
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "tr":
            self.row_depth = max(0, self.row_depth - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data.replace("\n", " ") if self.row_depth else data)


def html_to_text(fragment: str) -> str:
    """Rendered HTML → paragraphs of plain text separated by one blank line.

    Line breaks inside a paragraph are kept (as one ``\\n``) where the
    document's structure puts them: before a list item or after one, around
    table rows, after a heading-like short line or a colon (see
    ``line_break_kept``); other line breaks are wrapping and become spaces.

    >>> html_to_text("<p>One &amp; two.</p><p>Three\\n four.</p>")
    'One & two.\\n\\nThree four.'
    >>> html_to_text("<p>Summary\\nThe Mission recorded 31 explosions in the region of Donetsk.</p>")
    'Summary\\nThe Mission recorded 31 explosions in the region of Donetsk.'
    """
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    raw = "".join(parser.parts)
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [_table_row(_clean_line(line)) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        paragraphs.append(_join_lines(lines, max(map(len, lines))))
    return "\n\n".join(paragraphs)


def _clean_line(line: str) -> str:
    """One line, its white space collapsed; tabs between cells (a pasted table) become " | "."""
    line = line.strip(" \t\r\f\v")
    if "\t" in line:
        line = re.sub(r"[ \r\f\v]*\t[ \t\r\f\v]*", " | ", line)
    return re.sub(r"[ \r\f\v]+", " ", line)


def _table_row(line: str) -> str:
    """A row rendered from ``<tr>`` or typed as ``| a | b |`` loses its outer pipes."""
    return re.sub(r"^\|\s*|\s*\|$", "", line) if line.startswith("|") else line


def _join_lines(lines: list[str], longest: int) -> str:
    parts = [lines[0]]
    for previous, line in zip(lines, lines[1:]):
        parts.append("\n" if line_break_kept(previous, line, longest) else " ")
        parts.append(line)
    return "".join(parts)


# -- line breaks that end a sentence ----------------------------------------------

# A list item: "- ", "* ", "• ", "1. ", "2) ", "(a) ", "a) ".
_LIST_ITEM = re.compile(r"(?:[-*+•‣◦▪●–—]\s|\(?\d{1,2}[.)]\s|\([a-z]\)\s|[a-z]\)\s)")
# A table row: cells separated by a pipe or a tab.
_TABLE_ROW = re.compile(r"\s\|\s|\t|^\||\|$")
# Words and marks after which a line certainly goes on: "... killed in\nHoms".
_JOINERS = frozenset(
    "a an the of in on at to for from by with and or but nor near into onto as that which who whom whose "
    "including between than its their his her our per via over under after before during against about".split()
)
_LAST_WORD = re.compile(r"(\w+)\W*$")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")


def _is_table_row(line: str) -> bool:
    return bool(_TABLE_ROW.search(line))


def _goes_on(previous: str, line: str) -> bool:
    """The break between two lines is wrapping: the next starts in lower case, the first ends mid-phrase."""
    first = line[0]
    if first.islower() or first in ",;:)]}%":
        return True
    if previous[-1] in ",;([-–—/&+":
        return True
    last = _LAST_WORD.search(previous[-40:])
    return bool(last and last.group(1).lower() in _JOINERS)


def line_break_kept(previous: str, line: str, longest: int) -> bool:
    """Does the document's structure end a sentence at the break between these two lines?

    Yes before a list item, around table rows, after a list item or a colon
    followed by a capital, and after a heading-like line: one much shorter
    than the block's longest line (``longest``), without final punctuation,
    followed by a capital. No when the text plainly goes on (lower case
    next, a comma or "in" before the break), and after a full stop, where
    the sentence splitter decides (abbreviations).

    >>> line_break_kept("Summary", "The Mission recorded 31 explosions.", 35)
    True
    >>> line_break_kept("The Mission recorded 31 explosions in", "Donetsk region.", 37)
    False
    >>> line_break_kept("The Turkish side registered 8 cases:", "- three in Idlib", 36)
    True
    """
    if _is_table_row(previous) or _is_table_row(line) or _LIST_ITEM.match(line):
        return True
    if _goes_on(previous, line) or _ENDS_SENTENCE.search(previous):
        return False
    if previous.endswith(":") or _LIST_ITEM.match(previous):
        return True
    return len(previous) < 0.6 * longest


def markdown_to_text(body: str) -> str:
    return html_to_text(markdown_lib.markdown(body, extensions=["tables"]))


# -- sources a reader would take quadratic time over ----------------------------------------
#
# Python-Markdown reads a link from each "[" by scanning ahead to its closing "]" (to the end of the
# paragraph when there is none), and Python's HTML parser reads a start tag from each "<x" or "<![" by
# scanning ahead to a ">": a few thousand unclosed ones make every read quadratic (5 KB of "[" takes
# 4 s, 20 KB a minute; the same for "<a " or "<![CDATA["). Their scans are counted here in one pass; a
# source whose scans pass both ``READ_STEPS_LIMIT`` and ``READ_STEPS_PER_CHAR`` times its length is refused
# with that reason (issue 11: no file can stall the build). Closed links and tags scan at most the source once.
READ_STEPS_LIMIT = 5_000_000
READ_STEPS_PER_CHAR = 20
_BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
_BRACKET = re.compile(r"[\[\]]")
_TAG_SCAN = re.compile(r"<(?:[A-Za-z]|!\[)|>")


def reading_cost(source: str) -> int:
    """How many characters the Markdown and HTML readers scan ahead over ``source``, counted in one pass.

    >>> reading_cost("A [link](https://example.org) and <b>bold</b>."), reading_cost("[" * 100) > 4000
    (7, True)
    """
    steps = 0
    for start, end in _blocks(source):
        pending: list[int] = []
        for m in _BRACKET.finditer(source, start, end):
            if m.group() == "[":
                pending.append(m.start())
            elif pending:
                steps += m.start() - pending.pop()
        steps += sum(end - at for at in pending)
    waiting, waiting_sum = 0, 0
    for m in _TAG_SCAN.finditer(source):
        if m.group() == ">":
            steps += waiting * m.start() - waiting_sum
            waiting, waiting_sum = 0, 0
        else:
            waiting, waiting_sum = waiting + 1, waiting_sum + m.start()
    return steps + waiting * len(source) - waiting_sum


def _blocks(source: str) -> Iterator[tuple[int, int]]:
    """The paragraphs of ``source`` (runs between blank lines) as offsets."""
    start = 0
    for m in _BLOCK_BREAK.finditer(source):
        yield start, m.start()
        start = m.end()
    yield start, len(source)


def reading_problem(source: str) -> str | None:
    """Why ``source`` is refused before a reader sees it, or None.

    >>> reading_problem("Shells hit [the market](https://example.org) on Monday.") is None
    True
    >>> reading_problem("[" * 5000)
    'thousands of unclosed "[" or "<" would take the Markdown and HTML readers quadratic time (12,502,500 characters scanned ahead): not read'
    """
    steps = reading_cost(source)
    if steps <= max(READ_STEPS_LIMIT, READ_STEPS_PER_CHAR * len(source)):
        return None
    return (f'thousands of unclosed "[" or "<" would take the Markdown and HTML readers quadratic time ({steps:,} characters '
            "scanned ahead): not read")


# -- sentences ------------------------------------------------------------------

# Abbreviations after which a full stop does not end a sentence in news copy.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "gov", "sen",
    "rep", "st", "mt", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.n",
    "u.k", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "approx", "est", "al",
}
# Possessive quantifiers and the look-behind keep this linear: a run of
# punctuation is tried once, from its first character.
# A stop and a space before a capital; a stop with no space between two words ("... lives.The report", a lost
# space in copied text: a lower-case word before, a capitalised one after); a bullet inside a line ("... • On 19 May").
_SENTENCE_END = re.compile(r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s+["'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2})\.(?=[A-Z][a-z]+\s)|\s(?=[•▪●]\s)""")
_LINE = re.compile(r"[^\n]+")


def split_sentences(text: str) -> list[Sentence]:
    """Split plain text into sentences, keeping offsets into ``text``.

    Paragraph breaks always end a sentence, and so does a line break unless
    the text plainly goes on across it (``line_break_continues``: lower
    case next, a comma or "in" before it, or a full stop the rules below
    judge): a heading, a list item, a table row is a sentence of its own. A
    full stop ends a sentence unless it follows a known abbreviation
    ("Gen.", "Aug.", "U.S.") or a single initial. Linear in the length of
    the text.

    >>> [s.text for s in split_sentences("Gen. Ali said so on Aug. 7. Then he left.")]
    ['Gen. Ali said so on Aug. 7.', 'Then he left.']
    >>> [s.text for s in split_sentences("Summary\\nThe Mission recorded 31 explosions.")]
    ['Summary', 'The Mission recorded 31 explosions.']
    >>> [s.text for s in split_sentences("Highlights • Two died on 3 May. • On 4 May, six were hurt.Aid came later.")]
    ['Highlights', '• Two died on 3 May.', '• On 4 May, six were hurt.', 'Aid came later.']
    """
    sentences: list[Sentence] = []
    for start, end in _segments(text):
        cursor = start
        for match in _SENTENCE_END.finditer(text, start, end):
            if match.group().startswith(".") and _abbreviation_before(text, match.start(), cursor):
                continue
            _append(sentences, text, 0, cursor, match.end())
            cursor = match.end()
        _append(sentences, text, 0, cursor, end)
    return sentences


def _segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of lines a sentence may cross: no blank line, no structural break."""
    segments: list[tuple[int, int]] = []
    seg_start = -1
    previous = ""
    previous_end = 0
    for line in _LINE.finditer(text):
        stripped = line.group().strip()
        if not stripped:
            continue
        if seg_start >= 0 and (text.count("\n", previous_end, line.start()) > 1 or not line_break_continues(previous, stripped)):
            segments.append((seg_start, previous_end))
            seg_start = -1
        if seg_start < 0:
            seg_start = line.start()
        previous, previous_end = stripped, line.end()
    if seg_start >= 0:
        segments.append((seg_start, previous_end))
    return segments


def line_break_continues(previous: str, line: str) -> bool:
    """A sentence may go on across this line break (both lines stripped, not empty).

    The narrow test for text that has already been read (``html_to_text``
    kept only structural breaks): lower case next, a comma or "in" before,
    or a full stop that the abbreviation rules judge; never before a list
    item or around a table row.

    >>> line_break_continues("Shelling killed two people in", "Horlivka on Sunday."), line_break_continues("Summary", "Shelling killed two.")
    (True, False)
    """
    if _is_table_row(previous) or _is_table_row(line) or _LIST_ITEM.match(line):
        return False
    return _goes_on(previous, line) or bool(_ENDS_SENTENCE.search(previous))


def _abbreviation_before(text: str, dot: int, low: int) -> bool:
    """The word before the full stop at ``dot`` is an abbreviation or an initial (looks back 40 characters at most)."""
    j = dot
    low = max(low, dot - 40)
    while j > low and (text[j - 1].isalnum() or text[j - 1] in "._"):
        j -= 1
    token = text[j:dot].rstrip(".").lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _append(out: list[Sentence], para: str, offset: int, start: int, end: int) -> None:
    chunk = para[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = offset + start + lead
    out.append(Sentence(start=s, end=s + len(stripped), text=stripped))


# -- files ----------------------------------------------------------------------

_META_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*):\s*(.*)$")

# Publication dates outside these years are refused (TIMELINE_YEAR_RANGE):
# an imported feed item dated 9999-12-31 or 0001-01-10 is a broken date,
# and would overflow calendar and chart arithmetic.
DEFAULT_YEAR_RANGE = (1900, 2100)

_DATE = re.compile(
    r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$",
    re.ASCII,  # '᠒000/1/1' is not a date an editor wrote
)


def parse_date(value: str) -> dt.date:
    """A metadata date ("2016-12-23", "2016-12-23 10:30", "2016/12/23") → date.

    Raises ``ValueError`` with a readable message for anything else,
    including trailing words ("2016-12-23 garbage"), which Pelican refuses.

    >>> parse_date("2016-12-23T10:30+02:00")
    datetime.date(2016, 12, 23)
    """
    value = value.strip()
    m = _DATE.match(value)
    if not m:
        raise ValueError(f"unparseable date {value!r} (expected YYYY-MM-DD)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as err:
        raise ValueError(f"impossible date {value!r}: {err}") from None


def year_range(settings: Any = None) -> tuple[int, int]:
    """(first, last) year accepted, from ``TIMELINE_YEAR_RANGE`` when it is set."""
    value = (settings or {}).get("TIMELINE_YEAR_RANGE") if hasattr(settings or {}, "get") else None
    if not value:
        return DEFAULT_YEAR_RANGE
    first, last = value
    return int(first), int(last)


def date_range_problem(date: dt.date, years: tuple[int, int] = DEFAULT_YEAR_RANGE) -> str | None:
    """Why a publication date is refused, or None.

    >>> date_range_problem(dt.date(9999, 12, 31))
    'date 9999-12-31 is outside the supported years 1900–2100 (TIMELINE_YEAR_RANGE)'
    """
    if years[0] <= date.year <= years[1]:
        return None
    return f"date {date.isoformat()} is outside the supported years {years[0]}–{years[1]} (TIMELINE_YEAR_RANGE)"


def split_metadata(source: str, duplicates: list[str] | None = None) -> tuple[dict[str, str], str]:
    """Pelican-style Markdown: ``Key: value`` lines, a blank line, the body.

    A key given twice keeps its first value, as Pelican does for the keys
    it checks; the repeated keys are appended to ``duplicates`` when given.

    >>> dups = []
    >>> split_metadata("Title: One\\nTitle: Two\\n\\nBody.", dups), dups
    (({'title': 'One'}, 'Body.'), ['title'])
    """
    metadata: dict[str, str] = {}
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if not line.strip():
            return metadata, "\n".join(lines[i + 1 :])
        m = _META_LINE.match(line)
        if not m:
            if i == 0:  # no metadata block at all
                return {}, source
            raise ValueError(f"broken metadata at line {i + 1}: {line.strip()[:60]!r}")
        key = m[1].strip().lower()
        if key in metadata:
            if duplicates is not None and key not in duplicates:
                duplicates.append(key)
            continue
        metadata[key] = m[2].strip()
    return metadata, ""


def slugify(value: str) -> str:
    slug = re.sub(r"[^\w\s-]", "", value.lower()).strip()
    return re.sub(r"[\s_-]+", "-", slug)[:80] or "article"


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8: byte 0x{raw[err.start]:02x} at offset {err.start}") from None


def parse_source(
    raw: bytes, *, plain: bool = False, notes: list[str] | None = None, years: tuple[int, int] = DEFAULT_YEAR_RANGE,
    dates: bool = True,
) -> tuple[dict[str, str], str, dt.date | None]:
    """An article file's bytes → (metadata, body, publication date or None).

    Raises ``ValueError`` saying what an editor must fix: not UTF-8, empty,
    broken metadata, unparseable date or one outside ``years``, nothing
    after the metadata. What was repaired on the way (control characters
    removed, a key given twice) is appended to ``notes`` when given.
    ``dates=False`` leaves the Date unread (None): another reader has read it.
    """
    source = decode(raw)
    if has_control_chars(source):
        source = clean_control_chars(source)
        if notes is not None:
            notes.append("control characters removed (form feeds, escape codes, NUL)")
    if not source.strip():
        raise ValueError("empty file")
    duplicates: list[str] = []
    if not plain and (reason := reading_problem(source)):
        raise ValueError(reason)
    metadata, body = ({}, source) if plain else split_metadata(source, duplicates)
    if duplicates and notes is not None:
        notes.append("metadata given twice, the first value is used: " + ", ".join(k.title() for k in duplicates))
    published = parse_date(metadata["date"]) if dates and "date" in metadata else None
    if published is not None and (reason := date_range_problem(published, years)):
        raise ValueError(reason)
    if metadata and not body.strip():
        raise ValueError("no text after the metadata")
    return metadata, body, published


def read_article_file(
    path: str | os.PathLike, published: dt.date | None = None, years: tuple[int, int] = DEFAULT_YEAR_RANGE,
) -> tuple[Article | None, list[Problem]]:
    """Read a Markdown article (metadata gives the date) or a plain-text file.

    For plain text (``.txt`` or a file with no metadata block) ``published``
    must be given. Returns ``(None, [Problem])`` when the file can't be used,
    else the article and any warnings (what was repaired on the way).
    """
    p = str(path)
    notes: list[str] = []
    try:
        metadata, body, dated = parse_source(Path(p).read_bytes(), plain=p.endswith(".txt"), notes=notes, years=years)
    except OSError as err:
        return None, [Problem(p, "read", f"cannot open: {err.strerror}")]
    except ValueError as err:
        return None, [Problem(p, "read", str(err))]
    published = dated or published
    if published is None:
        missing = "no Date metadata" if metadata else "plain text needs --published YYYY-MM-DD"
        return None, [Problem(p, "read", missing)]
    if reason := date_range_problem(published, years):
        return None, [Problem(p, "read", reason)]
    if "title" in metadata and not metadata["title"].strip():
        return None, [Problem(p, "read", "empty Title")]
    try:
        if p.endswith((".html", ".htm")):
            text = html_to_text(sanitise_html(body))
        elif metadata or p.endswith(".md"):
            text = markdown_to_text(body)
        else:
            text = html_to_text(html.escape(body).replace("\n\n", "<p>"))
    except RecursionError:  # the Markdown library recurses once per level of lists or quotes
        return None, [Problem(p, "read", "nested too deeply to read (lists, quotes or elements hundreds of levels deep)")]
    if not text.strip():
        return None, [Problem(p, "read", "no text")]
    title = metadata.get("title") or text.split("\n", 1)[0][:120]
    source_url = metadata.get("source_url")
    if source_url and not safe_url(source_url):
        notes.append(f"Source_url {source_url[:60]!r} is not an http(s) address; not linked")
    return (
        Article(
            path=p,
            slug=metadata.get("slug") or slugify(title),
            title=title,
            published=published,
            text=text,
            source=metadata.get("source"),
            source_url=safe_url(source_url),
            lang=metadata.get("lang"),
        ),
        [Problem(p, "read", note, "warning") for note in notes],
    )


def article_from_pelican(article: Any) -> Article:
    """A Pelican ``Article`` (already read and rendered by Pelican) → ours."""
    meta = article.metadata
    date = article.date.date() if hasattr(article.date, "date") else article.date
    return Article(
        path=relative_path(article.source_path),
        slug=article.slug,
        title=plain_title(article.title),
        published=date,
        text=html_to_text(article.get_content("") or ""),
        source=_first(meta.get("source")),
        source_url=safe_url(_first(meta.get("source_url"))),
        url=article.url,
        lang=_first(meta.get("lang")),
    )


def _first(value: Any) -> Any:
    """A metadata value given twice arrives as a list: the first one counts."""
    return value[0] if isinstance(value, list) and value else value


def plain_title(title: Any) -> str:
    """A Pelican title (a string, or a list when given twice) → plain text.

    >>> plain_title(["<b>One</b> &amp; two", "Second"])
    'One & two'
    """
    title = _first(title)
    return clean_control_chars(html.unescape(re.sub(r"<[^>]+>", "", str(title or "")))).strip()


def relative_path(path: str, root: str | None = None) -> str:
    root = root or os.getcwd()
    try:
        rel = os.path.relpath(path, root)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


# What the sanitiser will take out of raw HTML: worth a warning to the editor.
# ``javascript:``/``data:`` only count as an address (an attribute or a Markdown link), not in prose.
UNSAFE_HTML = re.compile(
    r"<\s*(script|iframe|object|embed|style)\b|<[^>]*\son\w+\s*="
    r"|(?:href|src)\s*=\s*[\"']?\s*(?:javascript|data|vbscript):|\]\(\s*(?:javascript|data|vbscript):",
    re.I,
)


def scan_content(files: Iterable[str], years: tuple[int, int] = DEFAULT_YEAR_RANGE, dated: bool = True) -> list[Problem]:
    """Check every article file the way an editor needs it explained.

    Pelican skips a bad file with a log line; we say which file and why, for
    the build report: not UTF-8, empty, broken metadata, no or bad date, a
    date outside the supported years, no or empty Title. Repairs (control
    characters removed, a key given twice, raw HTML sanitised) are warnings.
    ``dated=False`` (pages) does not ask for a Date.
    """
    problems: list[Problem] = []
    for f in sorted(files):
        rel = relative_path(f)
        try:
            raw = Path(f).read_bytes()
        except OSError as err:
            problems.append(Problem(rel, "read", str(err)))
            continue
        problems.extend(Problem(rel, "read", reason, severity) for reason, severity in file_checks(raw, years, dated))
    return problems


def file_checks(
    raw: bytes, years: tuple[int, int] = DEFAULT_YEAR_RANGE, dated: bool = True, read_by_pelican: bool = False,
) -> list[tuple[str, Literal["error", "warning"]]]:
    """What ``scan_content`` says about one Markdown file's bytes: (reason, severity) pairs.

    ``read_by_pelican``: Pelican has read the file, so its Date and Title were
    good enough for Pelican (any date format it parses, a title from the file
    name) and are checked on the article it made (``intake``), not here.

    >>> file_checks(b"Title: A\\nDate: 23 December 2016\\n\\nText.")
    [("unparseable date '23 December 2016' (expected YYYY-MM-DD)", 'error')]
    >>> file_checks(b"Title: A\\nDate: 23 December 2016\\nTitle: B\\n\\nText.", read_by_pelican=True)
    [('metadata given twice, the first value is used: Title', 'warning')]
    """
    notes: list[str] = []
    try:
        metadata, body, published = parse_source(raw, notes=notes, years=years, dates=not read_by_pelican)
        if not read_by_pelican:
            if published is None and dated:
                raise ValueError("no Date metadata")
            if "title" not in metadata:
                raise ValueError("no Title metadata")
            if not metadata["title"].strip():
                raise ValueError("empty Title")
    except ValueError as err:
        return [(str(err), "error")]
    checks: list[tuple[str, Literal["error", "warning"]]] = [(note, "warning") for note in notes]
    if UNSAFE_HTML.search(body) or any(UNSAFE_HTML.search(v) for k, v in metadata.items() if k != "source_url"):
        checks.append(("unsafe HTML removed (scripts, event handlers or javascript: links)", "warning"))
    source_url = metadata.get("source_url")
    if source_url and not safe_url(source_url):
        checks.append((f"Source_url {source_url[:60]!r} is not an http(s) address; not linked", "warning"))
    return checks
