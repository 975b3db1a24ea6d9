"""The built site in a real browser: what a reader does, step by step.

Headless Chromium (Debian's ``chromium``) driven by Playwright opens the
demo site from a local ``http.server`` and follows a bulletin to one of
its events, to the sentence in the source article, and back; uses the
timeline filters; and runs a search. Every page must load without console
errors or failed requests to our own server. Screenshots of each step go
to ``tests/screenshots/`` (git-ignored) for a human to look at.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium() -> str | None:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".pagefind": "application/octet-stream", ".pf_meta": "application/octet-stream"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    """The built site on http://127.0.0.1:<free port>/, stopped after the module."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


class Reader:
    """A browser page that records console errors and failed requests to our server."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda err: self.errors.append(f"page error: {err} ({page.url})"))
        page.on("requestfailed", self._failed)
        page.on("response", lambda res: self.errors.append(f"HTTP {res.status}: {res.url}") if res.url.startswith(base) and res.status >= 400 else None)

    def _failed(self, req) -> None:
        if not req.url.startswith(self.base):
            return
        # The icon loads after the page; moving on to the next page cancels it (not an error: a 404 still is, below).
        if req.url.endswith("/favicon.svg") and "ERR_ABORTED" in (req.failure or ""):
            return
        self.errors.append(f"request failed: {req.url} ({req.failure})")

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        # Chromium asks every site for /favicon.ico; the theme has none, and that is no reader's problem.
        if where.endswith("/favicon.ico"):
            return
        self.errors.append(f"console {msg.type}: {msg.text} at {where or '?'} (page {self.page.url})")

    def open(self, path: str) -> None:
        self.page.goto(self.base + path.lstrip("/"))
        self.page.wait_for_load_state("load")

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def path(self) -> str:
        return "/" + self.page.url[len(self.base):]


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if not exe:
        if os.environ.get("CI") == "true":  # CI fails rather than skips (.ci/run installs it)
            pytest.fail("chromium not installed: .ci/run should have installed it")
        pytest.skip("chromium not installed: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed: pip install playwright")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def reader(browser, server) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15_000)
    r = Reader(page, server)
    try:
        yield r
    finally:
        context.close()
    assert not r.errors, "\n".join(r.errors)


def test_bulletin_to_event_to_article_and_back(reader):
    reader.open("bulletins/")
    reader.shot("01-bulletins-index")
    # Day links only: a long archive also links one page per year (bulletins/2016/).
    first = reader.page.locator("main a[href*='bulletins/2'][href*='-']").first
    first.click()
    reader.page.wait_for_load_state("load")
    bulletin = reader.path()
    assert re.search(r"/bulletins/\d{4}-\d{2}-\d{2}/$", bulletin), bulletin
    assert reader.page.locator("h1 time").count() == 1
    reader.shot("02-bulletin")

    event = reader.page.locator("article.event").first
    event_id = event.get_attribute("id")
    assert event_id and event_id.startswith("e-")
    # The event's own anchor: a shareable link to exactly this entry.
    reader.page.goto(reader.page.url.split("#")[0] + "#" + event_id)
    assert reader.page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == event_id
    quote = event.locator("blockquote p").inner_text().strip()
    assert quote

    source = event.locator(".from a").first
    source.click()
    reader.page.wait_for_load_state("load")
    assert "/articles/" in reader.path()
    anchor = reader.page.url.split("#")[1]
    assert anchor.startswith("s-")
    marked = reader.page.locator(f"mark#{anchor}")
    assert marked.count() == 1
    # The highlighted sentence on the article is the one the bulletin quoted.
    assert _squash(marked.inner_text()) in _squash(quote) or _squash(quote) in _squash(marked.inner_text())
    reader.shot("03-article-sentence")

    reader.page.go_back()
    reader.page.wait_for_load_state("load")
    assert reader.path().split("#")[0] == bulletin


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _busiest_month(site: Path) -> str:
    """The timeline page with the most events (the best test of the filters)."""
    pages = sorted(site.glob("timeline/*/index.html"))
    assert pages, "no timeline month pages"
    best = max(pages, key=lambda p: (p.read_text(encoding="utf-8").count('class="event"'), p.as_posix()))
    return best.parent.relative_to(site).as_posix() + "/"


def _join(reader: Reader, href: str) -> str:
    from urllib.parse import urljoin

    return urljoin(reader.page.url, href)


def test_timeline_filters_show_only_matching_events(reader, built_site):
    month = _busiest_month(built_site)
    reader.open(month)
    form = reader.page.locator("#filter")
    assert form.is_visible(), "filter.js should reveal the filter form"
    events = reader.page.locator(".filterable article.event")
    total = events.count()
    assert total > 0
    reader.shot("04-timeline-month")

    places = [v for v in reader.page.locator("#filter-place option").evaluate_all("os => os.map(o => o.value)") if v]
    on_page = set(" ".join(events.evaluate_all("es => es.map(e => e.dataset.places)")).split())
    place = next(p for p in places if p in on_page)
    reader.page.select_option("#filter-place", place)
    visible = reader.page.locator(".filterable article.event:not([hidden])")
    shown = visible.count()
    assert 0 < shown <= total
    for places_attr in visible.evaluate_all("es => es.map(e => e.dataset.places)"):
        assert place in places_attr.split()
    assert f"place={place}" in reader.page.url
    assert re.search(rf"Showing {shown} of {total}", reader.page.locator(".filter-status").inner_text())
    reader.shot("05-timeline-filtered-by-place")

    # A filtered view survives a reload: the state is in the address.
    reader.page.reload()
    reader.page.wait_for_load_state("load")
    assert reader.page.locator(".filterable article.event:not([hidden])").count() == shown

    types = [v for v in reader.page.locator("#filter-type option").evaluate_all("os => os.map(o => o.value)") if v]
    reader.page.select_option("#filter-place", "")
    some_type = reader.page.locator(".filterable article.event").first.get_attribute("data-type")
    assert some_type in types
    reader.page.select_option("#filter-type", some_type)
    for t in reader.page.locator(".filterable article.event:not([hidden])").evaluate_all("es => es.map(e => e.dataset.type)"):
        assert t == some_type
    reader.page.select_option("#filter-type", "")
    assert reader.page.locator(".filterable article.event:not([hidden])").count() == total


def test_search_finds_a_place_and_links_to_a_page_that_exists(reader):
    from generator.search import pagefind_executable

    if pagefind_executable() is None:
        pytest.skip("pagefind not installed: pip install 'pagefind[bin]'")
    reader.open("search/?q=Aleppo")
    results = reader.page.locator(".pagefind-ui__result")
    results.first.wait_for(state="visible")
    assert results.count() > 0
    reader.shot("06-search-aleppo")
    href = results.first.locator("a").first.get_attribute("href")
    reader.page.goto(_join(reader, href))
    reader.page.wait_for_load_state("load")
    assert "Aleppo" in reader.page.locator("main").inner_text()


# Pagefind's own API on the search page: each result's address, title, excerpt and sub-results (the UI drops
# a first sub-result at the page's own address, so they are dropped here too).
_SEARCH = """async q => {
  const pf = await import(new URL("../pagefind/pagefind.js", location.href).href);
  const found = await pf.search(q);
  return Promise.all(found.results.slice(0, 10).map(async r => {
    const d = await r.data();
    const subs = d.sub_results.filter((s, i) => !(i === 0 && s.url === d.url));
    return {url: d.url, title: d.meta.title, excerpt: d.excerpt, subs: subs.map(s => ({title: s.title, excerpt: s.excerpt}))};
  }));
}"""


@pytest.mark.parametrize("query", ["Idlib", "Aleppo", "shelling", "killed"])
def test_search_results_without_duplicates_or_hidden_text(reader, query):
    """Each page once, no page's sentence twice, no "[1] report 1" furniture, no sub-result named like its page."""
    from generator.search import pagefind_executable

    if pagefind_executable() is None:
        pytest.skip("pagefind not installed: pip install 'pagefind[bin]'")
    reader.open("search/")
    results = reader.page.evaluate(_SEARCH, query)
    assert results
    urls = [r["url"] for r in results]
    assert len(urls) == len(set(urls))
    excerpts = [re.sub(r"</?mark>", "", s["excerpt"]) for r in results for s in r["subs"]]
    assert len(excerpts) == len(set(excerpts)), "a sentence comes back twice"
    for r in results:
        # (the by-province table's "Total stated in the report | 84" is content, not a source link)
        assert not re.search(r"\[\d+\]|(?<!in the )\breport \d+[.;]", r["excerpt"] + " ".join(s["excerpt"] for s in r["subs"]))
        assert all(s["title"] != r["title"] for s in r["subs"])
    if query == "Idlib":
        assert urls[0].rstrip("/").endswith("places/idlib"), "the place page comes before its year pages and the rest"
    label = reader.page.locator("#search input").first
    label.wait_for(state="attached")
    assert label.get_attribute("aria-label")


@pytest.mark.parametrize("path", ["", "timeline/", "places/", "types/", "report/", "articles/", "about/"])
def test_main_pages_load_without_errors(reader, path):
    reader.open(path)
    assert reader.page.locator("main").count() == 1
    assert reader.page.locator("h1").count() >= 1
    reader.shot(f"page-{path.strip('/') or 'home'}")


def test_every_page_of_the_site_loads_cleanly(reader, built_site):
    """All HTML pages, in one browser tab: no console errors, no failed requests."""
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html") if "pagefind" not in p.parts)
    assert pages
    for rel in pages:
        reader.open(rel)


def _busiest_bulletin(site: Path) -> str:
    """The bulletin page with the most reports grouped into incidents."""
    pages = sorted(site.glob("bulletins/*-*-*/index.html"))
    assert pages, "no bulletin pages"
    best = max(pages, key=lambda p: (p.read_text(encoding="utf-8").count('class="event"'), p.as_posix()))
    return best.parent.relative_to(site).as_posix() + "/"


@pytest.mark.parametrize("width", [390, 1280])
def test_bulletin_reads_at_a_glance_on_phone_and_desktop(browser, server, built_site, width):
    """The day in one line first, one entry per incident, nothing wider than the screen; a folded report opens from its link."""
    context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15_000)
    reader = Reader(page, server)
    try:
        reader.open(_busiest_bulletin(built_site))
        line = page.locator("p.day-line")
        assert line.count() == 1 and line.inner_text().strip()
        assert line.bounding_box()["y"] < page.locator("#key-figures").bounding_box()["y"]
        incidents = page.locator("article.incident")
        reports = page.locator("article.incident article.event")
        assert 0 < incidents.count() < reports.count(), "reports of one incident are grouped"
        too_wide = page.evaluate(
            "w => [...document.querySelectorAll('article.incident, p.day-line')].filter(e => e.getBoundingClientRect().right > w + 1).length",
            width)
        assert too_wide == 0
        # the map: inside the screen, circles on the outline, one of them leads to its incident
        drawn = page.locator("svg.map")
        assert drawn.count() == 1 and drawn.bounding_box()["width"] <= width
        circle = page.locator("svg.map a").last
        target = circle.get_attribute("href")
        circle.click()
        assert page.url.endswith(target) and page.locator(target).is_visible()
        reader.shot(f"04-bulletin-map-{width}")
        folded = page.locator("details.more-reports article.event").first
        folded_id = folded.get_attribute("id")
        page.goto(page.url.split("#")[0] + "#" + folded_id)
        assert folded.is_visible(), "a link to a folded report opens it"
        reader.shot(f"04-bulletin-incidents-{width}")
    finally:
        context.close()
    assert not reader.errors, "\n".join(reader.errors)


# The phone check, run on each page in one tab: what overflows the page (not inside its own scrolling box), the
# rows the menu takes, and the smallest chart text as drawn (font size times the SVG's scale).
_PHONE_CHECK = """w => {
  const scrolls = e => e.parentElement && e.parentElement.closest('.table-scroll, nav ul');
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > w + 1 && !scrolls(e))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  const rows = new Set([...document.querySelectorAll('.site-header nav li')].map(li => Math.round(li.getBoundingClientRect().top)));
  const text = [...document.querySelectorAll('svg.chart text')].map(t => {
    const svg = t.ownerSVGElement;
    return parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  });
  return {scroll: document.documentElement.scrollWidth, wide, rows: rows.size, chartText: text.length ? Math.min(...text) : null};
}"""


def test_every_page_fits_a_phone(browser, server, built_site):
    """At 390 px: no page scrolls sideways (wide tables scroll in their own box), the menu is one row,
    chart text is drawn at 11 px or more, and the home page's heading is the news, not the site's name again."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(15_000)
    reader = Reader(page, server)
    problems: list[str] = []
    charts = 0
    try:
        pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html") if "pagefind" not in p.parts)
        for rel in pages:
            reader.open(rel)
            got = page.evaluate(_PHONE_CHECK, 390)
            if got["scroll"] > 390:
                problems.append(f"{rel}: page is {got['scroll']} px wide ({', '.join(got['wide']) or 'hidden content'})")
            if got["rows"] > 1:
                problems.append(f"{rel}: the menu takes {got['rows']} rows")
            if got["chartText"] is not None:
                charts += 1
                if got["chartText"] < 11:
                    problems.append(f"{rel}: chart text drawn at {got['chartText']:.1f} px")
        reader.open("")
        site_name = page.locator(".site-name").inner_text().strip()
        assert page.locator("main h1").inner_text().strip() != site_name
        reader.shot("07-home-390")
        reader.open("places/aleppo/")
        reader.shot("08-place-aleppo-390")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert charts > 0, "the demo has charts: the text-size check ran on none"
    assert not reader.errors, "\n".join(reader.errors)


def test_a_printed_bulletin_names_its_sources(browser, server, built_site):
    """On paper a "[1]" marker says which outlet and day it points to; on screen it stays a short marker."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    reader = Reader(page, server)
    try:
        reader.open(_busiest_bulletin(built_site))
        source = page.locator(".incident-figures .print-source").first
        assert not source.is_visible()
        page.emulate_media(media="print")
        assert source.is_visible()
        assert re.fullmatch(r" ?\(.+, \d{4}-\d{2}-\d{2}\)", source.inner_text())
        assert not page.locator("details.more-reports").first.is_visible(), "folded reports stay off paper"
    finally:
        context.close()
    assert not reader.errors, "\n".join(reader.errors)
