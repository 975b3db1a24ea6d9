"""The hostile corpus (tests/hostile_corpus.py) built in one Pelican run.

The build must succeed; every file must be published or named on the build
report; no live script, event handler or javascript:/data: address may
reach any output file (HTML, XML, JSON, CSV, ICS); CSV text cells never
start a formula.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import build
from hostile_corpus import CASES, write_corpus

# The theme's own scripts; anything else in a page is injected.
OWN_SCRIPTS = ("/theme/js/filter.js", "/pagefind/pagefind-ui.js")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "srcset", "data"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    write_corpus(root / "content", root / "outside")
    return build(root / "output", PATH=str(root / "content"), TIMELINE_WORKERS=1)


def bad_url(value: str) -> bool:
    """javascript:, data:, vbscript: (any case, with spaces or controls in front)."""
    v = re.sub(r"[\x00-\x20]+", "", value).lower()
    return v.startswith(("javascript:", "data:", "vbscript:"))


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and value and bad_url(value):
                self.findings.append(f"{tag} {name}={value[:40]!r}")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if src and not src.endswith(OWN_SCRIPTS):
                self.findings.append(f"script src={src!r}")
            self.in_script = True
        if tag in {"iframe", "object", "embed", "base", "meta"} and tag != "meta":
            self.findings.append(f"<{tag}>")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "refresh":
            self.findings.append("meta refresh")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert" in data:
            self.findings.append(f"inline script {data.strip()[:40]!r}")


def html_findings(markup: str) -> list[str]:
    audit = _Audit()
    audit.feed(markup)
    audit.close()
    return audit.findings


def xml_findings(text: str) -> list[str]:
    findings = []
    root = ET.fromstring(text)
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        for name, value in el.attrib.items():
            if name.rsplit("}", 1)[-1] in URL_ATTRIBUTES and bad_url(value):
                findings.append(f"{tag} {name}={value[:40]!r}")
        if el.get("type") == "html" or tag == "description":
            findings += html_findings(el.text or "")
        if tag in {"link", "guid", "id"} and el.text and bad_url(el.text):
            findings.append(f"{tag} {el.text[:40]!r}")
    return findings


HTML_JSON_KEYS = {"content_html", "text", "headline"}


def json_findings(value: object, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in json_findings(v, k)]
    if isinstance(value, list):
        return [f for v in value for f in json_findings(v, key)]
    if isinstance(value, str):
        found = html_findings(value) if key in HTML_JSON_KEYS else []
        if (key.endswith("url") or key == "id") and bad_url(value):
            found.append(f"{key}={value[:40]!r}")
        return found
    return []


def formula_cell(cell: str) -> bool:
    """A cell a spreadsheet would run (OWASP CSV injection): =, +, -, @, tab, CR first; numbers are fine."""
    if not cell or cell[0] not in "=+-@\t\r":
        return False
    return not re.fullmatch(r"[-+]?\d+(\.\d+)?", cell)


def csv_findings(text: str) -> list[str]:
    findings = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if formula_cell(cell):
                findings.append(f"formula cell {cell[:40]!r}")
            if bad_url(cell):
                findings.append(f"url cell {cell[:40]!r}")
    return findings


def ics_findings(text: str) -> list[str]:
    unfolded = text.replace("\r\n ", "")
    return [line for line in unfolded.splitlines() if line.startswith("URL:") and not re.match(r"URL:https?://", line)]


def audit_file(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        return html_findings(text)
    if path.suffix == ".xml":
        return xml_findings(text)
    if path.suffix == ".json":
        return json_findings(json.loads(text))
    if path.suffix == ".csv":
        return csv_findings(text)
    if path.suffix == ".ics":
        return ics_findings(text)
    return []


def output_files(site: Path) -> list[Path]:
    skip = {"pagefind", "theme"}  # the search engine's own files and the theme's static files
    return sorted(p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] not in skip)


def test_the_build_succeeds_and_writes_the_usual_pages(hostile_site):
    for page in ("index.html", "report/index.html", "feeds/bulletins.atom.xml", "data/events.csv", "data/events.ics"):
        assert (hostile_site / page).is_file(), page


def test_nothing_live_reaches_any_output_file(hostile_site):
    findings = {}
    for path in output_files(hostile_site):
        found = audit_file(path)
        if found:
            findings[str(path.relative_to(hostile_site))] = found[:5]
    assert findings == {}


def test_the_auditor_catches_what_it_looks_for():
    """The checks above would fail on the attacks they guard against."""
    assert html_findings('<p onclick="x()">a</p>') and html_findings('<a href=" JavaScript:alert(1)">a</a>')
    assert html_findings("<script>alert(1)</script>") and not html_findings("<p>&lt;script&gt;alert(1)</p>")
    assert xml_findings('<feed><summary type="html">&lt;script&gt;alert(1)&lt;/script&gt;</summary></feed>')
    assert csv_findings('a,b\r\n"=HYPERLINK(""x"")",-5\r\n') == ["formula cell '=HYPERLINK(\"x\")'"]
    assert ics_findings("URL:javascript:alert(1)\r\n")


def _report_sections(site: Path) -> dict[str, str]:
    html = (site / "report" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section aria-labelledby="(\w+)">(.*?)</section>', html, re.S)
    return dict(sections)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.path)
def test_every_file_is_published_or_reported(hostile_site, case):
    sections = _report_sections(hostile_site)
    if case.path.startswith("pages/"):  # pages are not articles: published means their page exists
        slug = case.path.rsplit("/", 1)[-1].removesuffix(".md")
        assert (hostile_site / slug / "index.html").is_file() == (case.expect == "published")
        assert f"/{case.path}</code>" not in sections["errors"]
        return
    listed_as = {name for name, body in sections.items() if f"/{case.path}</code>" in body}
    if case.expect == "published":
        assert "read" in listed_as and "errors" not in listed_as, (case.why, listed_as)
    else:
        assert listed_as & {"errors", "warnings"} and "read" not in listed_as, (case.why, listed_as)


def test_the_report_never_claims_every_file_was_read(hostile_site):
    html = (hostile_site / "report" / "index.html").read_text(encoding="utf-8")
    assert "every file was read" not in html


def test_nothing_outside_content_is_published(hostile_site):
    for path in output_files(hostile_site):
        assert "Outside secret" not in path.read_text(encoding="utf-8", errors="replace"), path
        assert "Fourteen people" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_reserved_addresses_keep_their_own_pages(hostile_site):
    report = (hostile_site / "report" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Build report</h1>" in report
    assert not (hostile_site.parent / "outside.html").exists()
    assert b"<feed" in (hostile_site / "feeds" / "bulletins.atom.xml").read_bytes()


def test_same_title_articles_get_two_addresses(hostile_site):
    a = hostile_site / "articles" / "air-strikes-hit-idlib" / "index.html"
    b = hostile_site / "articles" / "air-strikes-hit-idlib-2" / "index.html"
    assert "Wire A" in a.read_text(encoding="utf-8") and "Wire B" in b.read_text(encoding="utf-8")


def test_control_characters_never_reach_output(hostile_site):
    for path in output_files(hostile_site):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text), path


def test_titles_are_text_on_pelican_pages(hostile_site):
    page = (hostile_site / "articles" / "xss-metadata" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page or "alert(&#39;xss&#39;)" in page
    assert os.path.exists(hostile_site / "articles" / "index.html")


@pytest.mark.parametrize("case", [c for c in CASES if c.data is not None], ids=lambda c: c.path)
def test_extract_reads_or_reports_every_file_without_a_traceback(tmp_path, capsys, case):
    from generator.cli import main

    path = tmp_path / case.path.replace("/", "_")
    path.write_bytes(case.data)
    status = main(["extract", str(path), "--format", "json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    if status == 2:  # usage: a file without metadata is plain text, which needs --published
        assert "--published" in out.err
    else:
        assert status in (0, 1)
        json.loads(out.out)


def test_a_calendar_never_overflows_on_the_last_day_of_year_9999():
    from dataclasses import replace

    from conftest import sample_site_data

    from generator.exports import Lookup, calendar_text

    site = sample_site_data()
    far = replace(site.events[0], date="9999-12-31")
    text = calendar_text([far, site.events[2]], Lookup({a.slug: a for a in site.articles}, ""))
    assert text.count("BEGIN:VEVENT") == 1


def test_static_files_are_copied_except_devices_pipes_and_links_out(tmp_path):
    # issue 11: Pelican copies STATIC_PATHS byte for byte; a link to /dev/zero was read by a reader and stopped the build
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "a.md").write_text("Title: A\nDate: 2016-12-23\n\nTwo people were killed in Homs on Friday.\n")
    (content / "images").mkdir()
    (content / "images" / "map.png").write_bytes(b"\x89PNG not really")
    os.symlink("/dev/zero", content / "images" / "zero.png")
    os.mkfifo(content / "images" / "pipe.png")
    site = build(tmp_path / "output", PATH=str(content), TIMELINE_WORKERS=1, TIMELINE_SEARCH=False)
    assert (site / "images" / "map.png").read_bytes() == b"\x89PNG not really"
    assert not (site / "images" / "zero.png").exists() and not (site / "images" / "pipe.png").exists()
    errors = _report_sections(site)["errors"]
    assert "/images/zero.png</code>" in errors and "/images/pipe.png</code>" in errors and "static file not copied" in errors
