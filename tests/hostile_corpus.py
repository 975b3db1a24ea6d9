"""A hostile corpus: every kind of bad or malicious input file, written into one content folder.

Each ``Case`` is a file (or a symlink) and what the build must do with it:
``"published"`` (its page exists, sanitised) or ``"reported"`` (it is not
published and the build report names it with a reason). The texts are made
up; their shapes follow what arrives from feeds, scrapers and pasted PDFs.

``write_corpus(folder)`` writes ``folder/articles/...`` and
``folder/pages/...``; tests/test_hostile.py builds it in one Pelican run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    path: str  # relative to the content folder
    data: bytes | None  # None: a symlink, see ``link``
    expect: str  # "published" or "reported"
    why: str
    link: str = ""  # symlink target (relative to the link's folder, or absolute with {outside}); FIFO: a named pipe


FIFO = "|fifo"


def place(case: Case, path: Path, outside: Path) -> None:
    """Write ``case`` at ``path``: its bytes, a symlink or a named pipe."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if case.link == FIFO:
        os.mkfifo(path)
    elif case.data is None:
        os.symlink(case.link.replace("{outside}", str(outside)), path)
    else:
        path.write_bytes(case.data)


def md(body: str, **meta: str) -> bytes:
    head = "".join(f"{k.replace('_', ' ') if k == 'x' else k}: {v}\n" for k, v in meta.items())
    return (head + "\n" + body).encode("utf-8")


GOOD_BODY = (
    "Five people were killed in Aleppo on Thursday when shells hit a market, the Observatory said.\n\n"
    "Militants &lt;img src=x onerror=alert(12)&gt; shelled Aleppo on Thursday, killing two people, "
    "&lt;script&gt;alert(13)&lt;/script&gt; the Observatory said.\n\n"
    "Three people were injured in Idlib on Thursday in an air strike, a local council said.\n"
)

SCRIPT = "<script>alert('xss')</script>"

CASES: tuple[Case, ...] = (
    # -- a clean baseline, so bulletins, feeds and exports have content
    Case("articles/good.md", md(GOOD_BODY, Title="Shelling kills five in Aleppo", Date="2016-12-23",
                                Source="Test <i onmouseover=alert(14)>Wire</i>", Source_url="https://example.org/good", Category="reports"),
         "published", "baseline"),
    # -- stored XSS through every metadata field Pelican's templates show
    Case("articles/xss-metadata.md", md(
        "Four people were killed in Hama on Thursday in clashes, the Observatory said.\n\n"
        "The text &lt;script&gt;alert(1)&lt;/script&gt; is quoted as words, not code.\n\n"
        f"{SCRIPT}\n\n<img src=x onerror=\"alert(2)\">\n\n"
        "A [link](javascript:alert(3)) and <a href=\"javascript:alert(4)\">another</a> and "
        "<a href=\"data:text/html,alert(5)\">a data link</a>.\n",
        Title=f"{SCRIPT} Clashes in Hama", Date="2016-12-23", Source="<b onmouseover=\"alert(6)\">Wire</b>",
        Source_url="javascript:alert(7)", Category=f"{SCRIPT}", Tags="<img src=x onerror=alert(8)>, plain",
        Summary=f"Summary {SCRIPT} <img src=x onerror=alert(9)>", Slug="xss-metadata"),
         "published", "script/handlers in Title, Source, Category, Tags, Summary, body"),
    Case("articles/data-url.md", md("Two people were killed in Homs on Thursday, medics said.\n",
                                    Title="Data URL source", Date="2016-12-23", Source="Wire",
                                    Source_url="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
         "published", "data: Source_url"),
    Case("articles/source-url-mixed-case.md", md("Two people were killed in Daraa on Thursday, medics said.\n",
                                                 Title="Mixed-case scheme", Date="2016-12-23", Source="Wire",
                                                 Source_url=" JaVaScRiPt:alert(10)"),
         "published", "JaVaScRiPt: Source_url with a leading space"),
    # -- CSV formula injection through text cells
    Case("articles/formula.md", md(
        "=HYPERLINK(\"http://evil.example\",\"x\") Six people were killed in Latakia on Thursday, the monitor said.\n\n"
        "+SUM(1,2) Seven people were injured in Latakia on Thursday, medics said.\n",
        Title="=HYPERLINK(\"http://evil.example\",\"click\")", Date="2016-12-23", Source="@SUM(A1:A2)",
        Source_url="https://example.org/formula"),
         "published", "cells starting with = + @"),
    Case("articles/formula-minus.md", md("-2+3 Eight people were killed in Raqqa on Thursday, the monitor said.\n",
                                         Title="-cmd|' /C calc'!A0", Date="2016-12-23", Source="\tTab Wire",
                                         Source_url="https://example.org/minus"),
         "published", "cells starting with - and tab"),
    # -- control characters (text pasted from PDFs, terminal escapes, NUL)
    Case("articles/control-chars.md", md(
        "Nine people were killed in Deir ez-Zor on Thursday,\x0c the Observatory said.\x01\n\n"
        "Shelling \x1b[31mhit\x1b[0m a school in Deir ez-Zor on Thursday\x00, a council said.\n",
        Title="Form\x0cfeed \x01title\x1b[0m", Date="2016-12-23", Source="PDF\x00 Wire"),
         "published", "\\x0c \\x01 \\x1b NUL in Title, Source and body"),
    # -- two outlets, one headline, no Slug
    Case("articles/same-title-a.md", md("Ten people were killed in Idlib on Thursday, rescuers said.\n",
                                        Title="Air strikes hit Idlib", Date="2016-12-23", Source="Wire A"),
         "published", "same Title as same-title-b"),
    Case("articles/same-title-b.md", md("Eleven people were killed in Idlib on Thursday, medics said.\n",
                                        Title="Air strikes hit Idlib", Date="2016-12-23", Source="Wire B"),
         "published", "same Title as same-title-a"),
    # -- Slugs and Save_as that land on the plugin's own pages or outside output/
    Case("articles/slug-report.md", md("Text.\n", Title="Slug to the report", Date="2016-12-23", Slug="../report"),
         "reported", "Slug ../report"),
    Case("articles/slug-bulletin.md", md("Text.\n", Title="Slug to a bulletin", Date="2016-12-23",
                                         Slug="../bulletins/2016-12-23"), "reported", "Slug ../bulletins/2016-12-23"),
    Case("articles/slug-index.md", md("Text.\n", Title="Slug to the home page", Date="2016-12-23",
                                      Slug="../index.html"), "reported", "Slug ../index.html"),
    Case("articles/slug-script.md", md("Text.\n", Title="Slug with markup", Date="2016-12-23",
                                       Slug="<script>x</script>"), "reported", "Slug with markup"),
    Case("articles/save-as-traversal.md", md("Text.\n", Title="Save_as outside", Date="2016-12-23",
                                             Save_as="../../outside.html"), "reported", "Save_as leaving output/"),
    Case("articles/save-as-feed.md", md("Text.\n", Title="Save_as on a feed", Date="2016-12-23",
                                        Save_as="feeds/bulletins.atom.xml", Url="feeds/bulletins.atom.xml"),
         "reported", "Save_as on the bulletin feed"),
    # -- metadata Pelican or our reader used to choke on
    Case("articles/duplicate-title.md", (
        b"Title: First title\nTitle: Second title\nDate: 2016-12-23\nSource: Wire\n\n"
        b"Twelve people were killed in Hama on Thursday, the monitor said.\n"),
         "published", "Title: twice (the first wins, with a warning)"),
    Case("articles/date-9999.md", md("Text about a far date.\n", Title="Far future", Date="9999-12-31"),
         "reported", "Date 9999-12-31"),
    Case("articles/date-0001.md", md("Text about an early date.\n", Title="Year one", Date="0001-01-10"),
         "reported", "Date 0001-01-10"),
    Case("articles/date-garbage.md", md("Text.\n", Title="Trailing garbage", Date="2016-12-23 garbage"),
         "reported", "Date with trailing garbage (Pelican skips it)"),
    Case("articles/status-bogus.md", md("Text.\n", Title="Bogus status", Date="2016-12-23", Status="bogus"),
         "reported", "Status: bogus (Pelican skips it)"),
    Case("articles/status-draft.md", md("Text.\n", Title="A draft", Date="2016-12-23", Status="draft"),
         "reported", "Status: draft (not published, listed)"),
    Case("articles/status-skip.md", md("Text.\n", Title="Skipped", Date="2016-12-23", Status="skip"),
         "reported", "Status: skip (not published, listed)"),
    Case("articles/UPPER.MD", md("Text.\n", Title="Upper-case extension", Date="2016-12-23"),
         "reported", "upper-case .MD (Pelican does not read it)"),
    Case("articles/empty-title.md", md("Thirteen people were killed in Homs on Thursday.\n", Title="", Date="2016-12-23"),
         "reported", "empty Title"),
    Case("articles/blank-title.md", md("Text.\n", Title="\x0c  \x01", Date="2016-12-23"),
         "reported", "Title of control characters only"),
    Case("articles/no-title.md", md("Text.\n", Date="2016-12-23"), "reported", "no Title"),
    Case("articles/broken-metadata.md", (
        b"Title: Broken metadata\nDate: 2016-12-22\nthis header line has no colon\nSource: Wire\n\nBody.\n"),
         "reported", "metadata line without a colon"),
    Case("articles/invalid-utf8.md", b"Title: Bad bytes\nDate: 2016-12-21\n\nA mangled dash \x96 and a lone \xff byte.\n",
         "reported", "not UTF-8"),
    Case("articles/no-date.md", md("Text.\n", Title="No date"), "reported", "no Date"),
    Case("articles/unparseable-date.md", md("Text.\n", Title="Unparseable date", Date="next Tuesday-ish"),
         "reported", "unparseable Date"),
    Case("articles/empty.md", b"", "reported", "empty file"),
    Case("articles/metadata-only.md", b"Title: Nothing else\nDate: 2016-12-23\n", "reported", "metadata, no body"),
    # -- a far-future date inside the text, in an otherwise good article
    Case("articles/far-timex.md", md("Fifteen people were killed in Homs on 31 December 9999, the monitor said.\n\n"
                                     "Two people were killed in Homs on 1 January 0001, medics said.\n",
                                     Title="Far dates in the text", Date="2016-12-23", Source="Wire"),
         "published", "timexes in years 9999 and 0001"),
    # -- more addresses and metadata Pelican reads
    Case("articles/long-title.md", md("Sixteen people were killed in Hama on Thursday, the monitor said.\n",
                                      Title="Killed " * 60, Date="2016-12-23", Source="Wire"),
         "published", "a 420-character Title (a slug longer than a file name may be)"),
    Case("articles/save-as-page.md", md("Text.\n", Title="Save_as on a page", Date="2016-12-23",
                                        Save_as="xss-page/index.html"), "reported", "Save_as on a page's address"),
    Case("articles/lang-traversal.md", md("Seventeen people were killed in Idlib on Thursday.\n", Title="Language escape",
                                          Date="2016-12-23", Lang="../../index"), "reported", "Lang that climbs out"),
    Case("articles/modified-garbage.md", md("Text.\n", Title="Bad modified", Date="2016-12-23", Modified="yesterday-ish"),
         "reported", "Modified that is not a date (Pelican skips it)"),
    Case("articles/status-capital.md", md("Text.\n", Title="Capital status", Date="2016-12-23", Status="Hidden"),
         "reported", "Status: Hidden (Pelican's statuses are lower case)"),
    Case("articles/hostile.html", (
        b"<html><head><title><script>alert(15)</script>HTML article</title>"
        b'<meta name="date" content="2016-12-23"><meta name="source" content="<b onclick=alert(16)>Wire</b>">'
        b'<meta name="source_url" content="javascript:alert(17)"></head><body>'
        b"<p>Eighteen people were killed in Homs on Thursday, medics said.</p>"
        b'<script>alert(18)</script><p><a href="javascript:alert(19)">x</a><img src=x onerror=alert(20)></p>'
        b"</body></html>"), "published", "an HTML article with script in title, meta and body"),
    # -- pages are read by Pelican too; their titles are in every page's navigation
    Case("pages/xss-page.md", md(f"{SCRIPT} Page body <img src=x onerror=alert(11)>.\n",
                                 Title=f"{SCRIPT}Page", Slug="xss-page"), "published", "page with script in Title"),
    # -- symlinks: a loop, a folder and a file outside content/, a dangling link
    Case("articles/loop", None, "reported", "symlink loop", link="."),
    Case("articles/outside-dir", None, "reported", "symlink to a folder outside content/", link="{outside}"),
    Case("articles/outside-file.md", None, "reported", "symlink to a file outside content/", link="{outside}/secret.md"),
    Case("articles/dangling.md", None, "reported", "dangling symlink", link="does-not-exist.md"),
)

# -- every metadata field and the body, each as hostile in every way we know (issue 11: treat every
# field of every file as hostile). The body always has one event, so the values reach bulletins, feeds
# and exports too.
VARIANTS: dict[str, str] = {
    "control": "PDF\x0c paste\x01 \x1b[31mred\x1b[0m\x00 end\x7f\x85",
    "huge": "Long-word " * 2000,
    "markup": '"><svg onload=alert(21)><script>alert(22)</script><a href="javascript:alert(23)">x</a>',
    "entities": "&lt;script&gt;alert(24)&lt;/script&gt; &#x3C;img src=x onerror=alert(25)&#x3E; &amp;lt;b&amp;gt;",
    "formula": '=HYPERLINK("http://evil.example","x")',
    "unicode": "\u202egnp.exe\u200b \ufeffzero width \ufffe\uffff noncharacters",
}
# Where a bad value can't make an address or a date, the file is reported; elsewhere it is published, cleaned.
FIELDS: dict[str, str] = {
    "Title": "published", "Category": "published", "Tags": "published", "Source": "published",
    "Source_url": "published", "Summary": "published", "Author": "published", "Slug": "reported", "Date": "reported",
    "body": "published",
}
EVENT = "Nineteen people were killed in Homs on Thursday in shelling, the monitor said."


def _field_case(field: str, variant: str, value: str) -> Case:
    meta = {"Title": f"Hostile {field} {variant}", "Date": "2016-12-23", "Source": "Wire",
            "Source_url": "https://example.org/field"}
    body = EVENT + "\n"
    if field == "body":
        body = f"{value}\n\n{EVENT} {value}\n\n{value}\n"
    elif field == "Tags" and variant == "huge":
        meta["Tags"] = ", ".join(f"tag{i} {value[:20]}" for i in range(300))
    else:
        meta[field] = value
    return Case(f"articles/field-{field.lower()}-{variant}.md", md(body, **meta), FIELDS[field],
                f"{variant} in {field}")


FIELD_CASES = tuple(_field_case(f, v, value) for f in FIELDS for v, value in VARIANTS.items())

_GOOD = md(EVENT + "\n", Title="Encoded file", Date="2016-12-23", Source="Wire")

# -- whole files: encodings, line ends, sizes, nesting, duplicated keys, odd links
FILE_CASES: tuple[Case, ...] = (
    Case("articles/bom.md", b"\xef\xbb\xbf" + _GOOD.replace(b"Encoded", b"BOM"), "published", "UTF-8 byte-order mark"),
    Case("articles/crlf.md", _GOOD.replace(b"Encoded", b"CRLF").replace(b"\n", b"\r\n"), "published", "CRLF line ends"),
    Case("articles/cr-only.md", _GOOD.replace(b"Encoded", b"CR").replace(b"\n", b"\r"), "published",
         "old Mac CR-only line ends"),
    Case("articles/utf16.md", "\ufeff".encode("utf-16-le") + _GOOD.decode().replace("Encoded", "UTF-16").encode("utf-16-le"),
         "reported", "UTF-16 with a byte-order mark"),
    Case("articles/latin1-meta.md", b"Title: Caf\xe9 bombing\nDate: 2016-12-23\n\n" + EVENT.encode() + b"\n",
         "reported", "Latin-1 byte in a metadata line"),
    Case("articles/nul-flood.md", md("\x00" * 5000 + EVENT + "\x00" * 5000 + "\n", Title="NUL flood", Date="2016-12-23"),
         "published", "10,000 NUL characters around the body"),
    Case("articles/giant-line.md", md("Shelling went on " * 12000 + EVENT + "\n", Title="One giant line",
                                      Date="2016-12-23"), "published", "a 200 KB body on one line"),
    Case("articles/deep-quotes.md", md(">" * 5000 + " " + EVENT + "\n", Title="Deep quotes", Date="2016-12-23"),
         "published", "5,000 nested block quotes"),
    Case("articles/deep-lists.md", md("".join("    " * i + "- item\n" for i in range(300)) + "\n" + EVENT + "\n",
                                      Title="Deep lists", Date="2016-12-23"), "reported",
         "300 nested list levels (Markdown's reader recurses: reported with that reason, the build goes on)"),
    Case("articles/deep-nesting.html", (
        b"<html><head><title>Deep page</title><meta name=\"date\" content=\"2016-12-23\"></head><body>"
        + b"<div>" * 20000 + EVENT.encode() + b"</div>" * 20000 + b"</body></html>"),
         "published", "a saved HTML page 20,000 elements deep"),
    Case("articles/unclosed.html", (
        b"<html><head><title>Unclosed page</title><meta name=\"date\" content=\"2016-12-23\"></head><body>"
        + b"<p><b><i><span>" * 3000 + EVENT.encode()), "published", "a saved HTML page with 12,000 unclosed tags"),
    Case("articles/html-entities.html", (
        b"<html><head><title>&lt;script&gt;alert(26)&lt;/script&gt;</title><meta name=\"date\" content=\"2016-12-23\">"
        b"</head><body><p>" + EVENT.encode() + b" &lt;img src=x onerror=alert(27)&gt; &#0; &#x1b; &#xD800;</p></body></html>"),
         "published", "entities for markup, NUL, escape and a surrogate in a saved page"),
    Case("articles/dup-date.md", (b"Title: Two dates\nDate: 2016-12-23\nDate: not a date\nSource: Wire\n\n"
                                  + EVENT.encode() + b"\n"), "published", "Date twice, the second garbage"),
    Case("articles/dup-slug.md", (b"Title: Two slugs\nDate: 2016-12-23\nSlug: dup-slug\nSlug: ../report\n\n"
                                  + EVENT.encode() + b"\n"), "published", "Slug twice, the second a traversal"),
    Case("articles/dup-source-url.md", (b"Title: Two URLs\nDate: 2016-12-23\nSource_url: https://example.org/a\n"
                                        b"Source_url: javascript:alert(28)\n\n" + EVENT.encode() + b"\n"),
         "published", "Source_url twice, the second javascript:"),
    Case("articles/dup-status.md", (b"Title: Two statuses\nDate: 2016-12-23\nStatus: published\nStatus: draft\n\n"
                                    + EVENT.encode() + b"\n"), "published", "Status twice"),
    Case("articles/dup-everything.md", (b"Title: A\nTitle: B\nSource: A\nSource: B\nTags: a\nTags: b\nCategory: a\n"
                                        b"Category: b\nDate: 2016-12-23\nDate: 2016-12-22\n\n" + EVENT.encode() + b"\n"),
         "published", "every key twice"),
    Case("articles/dev-zero.md", None, "reported", "symlink to /dev/zero (never ends)", link="/dev/zero"),
    Case("articles/link-chain.md", None, "reported", "symlink to a symlink out of content/", link="outside-file.md"),
    Case("articles/self-link.md", None, "reported", "symlink to itself", link="self-link.md"),
    Case("articles/pipe.md", None, "reported", "a named pipe (reading it blocks for ever)", link=FIFO),
    # shapes the readers take quadratic time over (Python-Markdown's links, the HTML parser's tags): refused with that reason
    Case("articles/unclosed-brackets.md", md("[" * 20000 + EVENT + "\n", Title="Unclosed brackets", Date="2016-12-23"),
         "reported", "20,000 unclosed '[' in one paragraph (Markdown scans to its end from each: minutes)"),
    Case("articles/nested-brackets.md", md("[" * 3000 + EVENT + "]" * 3000 + "\n", Title="Nested brackets", Date="2016-12-23"),
         "reported", "a link 3,000 brackets deep"),
    Case("articles/unclosed-tags.md", md("<a " * 10000 + EVENT + "\n", Title="Unclosed tags", Date="2016-12-23"),
         "reported", "10,000 unclosed '<a ' start tags (the HTML parser scans to the end from each)"),
    Case("articles/cdata.html", (b"<html><head><title>Marked sections</title><meta name=\"date\" content=\"2016-12-23\">"
                                 b"</head><body><p>" + b"<![CDATA[ " * 5000 + EVENT.encode() + b"</p></body></html>"),
         "reported", "5,000 unclosed <![CDATA[ sections in a saved page"),
    # big but linear shapes: published, in time proportional to their size
    Case("articles/list-10k.md", md("".join(f"- item {i} of the list\n" for i in range(10000)) + "\n" + EVENT + "\n",
                                    Title="Ten thousand items", Date="2016-12-23"), "published", "a 10,000-item list"),
    Case("articles/wide-table.md", md("| " + " | ".join(f"col {i}" for i in range(5000)) + " |\n|" + "---|" * 5000 + "\n| "
                                      + " | ".join(str(i) for i in range(5000)) + " |\n\n" + EVENT + "\n",
                                      Title="A table 5,000 columns wide", Date="2016-12-23"),
         "published", "a table of 5,000 columns on single lines"),
    Case("articles/long-table.md", md("| Province | Killed |\n|---|---|\n" + "".join(f"| Village {i} | {i % 9} |\n" for i in range(2000))
                                      + "\n" + EVENT + "\n", Title="A table 2,000 rows long", Date="2016-12-23"),
         "published", "a table of 2,000 rows"),
    Case("articles/long-url.md", md(f"[the report](https://example.org/{'a' * 100000}) <https://example.org/{'b' * 100000}> "
                                    + EVENT + "\n", Title="Very long URLs", Date="2016-12-23", Source="Wire",
                                    Source_url="https://example.org/" + "c" * 100000), "published",
         "100 KB URLs in Source_url, a link and an autolink"),
    Case("articles/bidi-numbers.md", md("\u202e12\u202c people were killed in Homs on \u2066Thursday\u2069; 1\u200b234 fled and "
                                        "5\u200d000 were hurt, \u200f7\ufeff8 houses burned, the monitor said.\n\n" + EVENT + "\n",
                                        Title="Bidi \u202econtrols\u202c in numbers", Date="2016-12-23", Source="Wire"),
         "published", "bidi controls and zero-width characters inside numbers and dates"),
    Case("articles/nested-emphasis.md", md("*_" * 3000 + EVENT + "_*" * 3000 + "\n", Title="Nested emphasis", Date="2016-12-23"),
         "published", "emphasis 6,000 levels deep"),
    Case("articles/reference-links.md", md("".join(f"[r{i}]: https://example.org/{i}\n" for i in range(5000)) + "\n"
                                           + "".join(f"[x{i}][r{i}] " for i in range(5000)) + EVENT + "\n",
                                           Title="Five thousand reference links", Date="2016-12-23"),
         "published", "5,000 reference links and their definitions"),
    # static files (STATIC_PATHS: images/) are copied byte for byte by Pelican
    Case("images/dev-zero.png", None, "reported", "static: symlink to /dev/zero (copied for ever)", link="/dev/zero"),
    Case("images/pipe.png", None, "reported", "static: a named pipe (copying it blocks for ever)", link=FIFO),
    Case("images/outside.png", None, "reported", "static: symlink to a file outside content/", link="{outside}/secret.md"),
    Case("images/dangling.png", None, "reported", "static: dangling symlink", link="missing.png"),
)

CASES = CASES + FIELD_CASES + FILE_CASES

# A clean article for builds of one case at a time (bench/hostile.py).
BASELINE = Case("articles/clean-baseline.md", md(
    "Five people were killed in Aleppo on Thursday when shells hit a market, the Observatory said.\n",
    Title="A clean report", Date="2016-12-23", Source="Clean Wire", Source_url="https://example.org/clean"),
    "published", "a clean article")

# The file the outside links point at: a valid article that must not be read.
OUTSIDE_FILES = {
    "secret.md": md("Fourteen people were killed in Aleppo on Thursday.\n", Title="Outside secret", Date="2016-12-23"),
}


def write_corpus(content: Path, outside: Path) -> list[Case]:
    """Write every case under ``content`` (and the link targets under ``outside``)."""
    outside.mkdir(parents=True, exist_ok=True)
    for name, data in OUTSIDE_FILES.items():
        (outside / name).write_bytes(data)
    for case in CASES:
        place(case, content / case.path, outside)
    return list(CASES)
