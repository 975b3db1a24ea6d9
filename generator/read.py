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
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterable

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

    >>> sanitise_html('<p onclick="x()">Hi<script>alert(1)</script></p>')
    '<p>Hi</p>'
    """
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in {"td", "th"}:
            self.parts.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Rendered HTML → paragraphs of plain text separated by one blank line.

    >>> html_to_text("<p>One &amp; two.</p><p>Three\\n four.</p>")
    'One & two.\\n\\nThree four.'
    """
    parser = _TextExtractor()
    parser.feed(fragment)
    parser.close()
    raw = "".join(parser.parts)
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        line = re.sub(r"[ \t\r\f\v\n]+", " ", block).strip()
        line = re.sub(r"^\|\s*|\s*\|$", "", line) if line.startswith("|") else line
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def markdown_to_text(body: str) -> str:
    return html_to_text(markdown_lib.markdown(body, extensions=["tables"]))


# -- sentences ------------------------------------------------------------------

# Abbreviations after which a full stop does not end a sentence in news copy.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "sgt", "gov", "sen",
    "rep", "st", "mt", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.n",
    "u.k", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "approx", "est", "al",
}
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")


def split_sentences(text: str) -> list[Sentence]:
    """Split plain text into sentences, keeping offsets into ``text``.

    Paragraph breaks always end a sentence; a full stop ends one unless it
    follows a known abbreviation ("Gen.", "Aug.", "U.S.") or a single
    initial.

    >>> [s.text for s in split_sentences("Gen. Ali said so on Aug. 7. Then he left.")]
    ['Gen. Ali said so on Aug. 7.', 'Then he left.']
    """
    sentences: list[Sentence] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        p_start, p_text = para.start(), para.group()
        cursor = 0
        for match in _SENTENCE_END.finditer(p_text):
            word = re.search(r"([\w.]+)[.!?]*[\"'”’)\]]*$", p_text[cursor : match.end()])
            token = word.group(1).rstrip(".").lower() if word else ""
            if match.group().startswith(".") and (token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())):
                continue
            _append(sentences, p_text, p_start, cursor, match.end())
            cursor = match.end()
        _append(sentences, p_text, p_start, cursor, len(p_text))
    return sentences


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


def parse_date(value: str) -> dt.date:
    """A metadata date ("2016-12-23", "2016-12-23 10:30", "2016/12/23") → date.

    Raises ``ValueError`` with a readable message for anything else.
    """
    value = value.strip()
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$", value)
    if not m:
        raise ValueError(f"unparseable date {value!r} (expected YYYY-MM-DD)")
    return dt.date(int(m[1]), int(m[2]), int(m[3]))


def split_metadata(source: str) -> tuple[dict[str, str], str]:
    """Pelican-style Markdown: ``Key: value`` lines, a blank line, the body."""
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
        metadata[m[1].strip().lower()] = m[2].strip()
    return metadata, ""


def slugify(value: str) -> str:
    slug = re.sub(r"[^\w\s-]", "", value.lower()).strip()
    return re.sub(r"[\s_-]+", "-", slug)[:80] or "article"


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(f"not UTF-8: byte 0x{raw[err.start]:02x} at offset {err.start}") from None


def parse_source(raw: bytes, *, plain: bool = False) -> tuple[dict[str, str], str, dt.date | None]:
    """An article file's bytes → (metadata, body, publication date or None).

    Raises ``ValueError`` saying what an editor must fix: not UTF-8, empty,
    broken metadata, unparseable date, nothing after the metadata.
    """
    source = decode(raw)
    if not source.strip():
        raise ValueError("empty file")
    metadata, body = ({}, source) if plain else split_metadata(source)
    published = parse_date(metadata["date"]) if "date" in metadata else None
    if metadata and not body.strip():
        raise ValueError("no text after the metadata")
    return metadata, body, published


def read_article_file(path: str | os.PathLike, published: dt.date | None = None) -> tuple[Article | None, list[Problem]]:
    """Read a Markdown article (metadata gives the date) or a plain-text file.

    For plain text (``.txt`` or a file with no metadata block) ``published``
    must be given. Returns ``(None, [Problem])`` when the file can't be used.
    """
    p = str(path)
    try:
        metadata, body, dated = parse_source(Path(p).read_bytes(), plain=p.endswith(".txt"))
    except OSError as err:
        return None, [Problem(p, "read", f"cannot open: {err.strerror}")]
    except ValueError as err:
        return None, [Problem(p, "read", str(err))]
    published = dated or published
    if published is None:
        reason = "no Date metadata" if metadata else "plain text needs --published YYYY-MM-DD"
        return None, [Problem(p, "read", reason)]
    if p.endswith((".html", ".htm")):
        text = html_to_text(sanitise_html(body))
    elif metadata or p.endswith(".md"):
        text = markdown_to_text(body)
    else:
        text = html_to_text(html.escape(body).replace("\n\n", "<p>"))
    if not text.strip():
        return None, [Problem(p, "read", "no text")]
    title = metadata.get("title") or text.split("\n", 1)[0][:120]
    return (
        Article(
            path=p,
            slug=metadata.get("slug") or slugify(title),
            title=title,
            published=published,
            text=text,
            source=metadata.get("source"),
            source_url=metadata.get("source_url"),
        ),
        [],
    )


def article_from_pelican(article: Any) -> Article:
    """A Pelican ``Article`` (already read and rendered by Pelican) → ours."""
    meta = article.metadata
    date = article.date.date() if hasattr(article.date, "date") else article.date
    return Article(
        path=relative_path(article.source_path),
        slug=article.slug,
        title=html.unescape(re.sub(r"<[^>]+>", "", article.title)),
        published=date,
        text=html_to_text(article._content or ""),
        source=meta.get("source"),
        source_url=meta.get("source_url"),
        url=article.url,
    )


def relative_path(path: str, root: str | None = None) -> str:
    root = root or os.getcwd()
    try:
        rel = os.path.relpath(path, root)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


# What the sanitiser will take out of raw HTML: worth a warning to the editor.
UNSAFE_HTML = re.compile(r"<\s*(script|iframe|object|embed|style)\b|<[^>]*\son\w+\s*=|javascript:", re.I)


def scan_content(files: Iterable[str]) -> list[Problem]:
    """Check every article file the way an editor needs it explained.

    Pelican skips a bad file with a log line; we say which file and why, for
    the build report: not UTF-8, empty, broken metadata, no or bad date.
    """
    problems: list[Problem] = []
    for f in sorted(files):
        rel = relative_path(f)
        try:
            metadata, body, published = parse_source(Path(f).read_bytes())
            if published is None:
                raise ValueError("no Date metadata")
            if "title" not in metadata:
                raise ValueError("no Title metadata")
        except (OSError, ValueError) as err:
            problems.append(Problem(rel, "read", str(err)))
            continue
        if UNSAFE_HTML.search(body):
            problems.append(Problem(rel, "read", "unsafe HTML removed (scripts, event handlers or javascript: links)", "warning"))
    return problems
