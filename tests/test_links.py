"""Every internal link and resource on every page of the built site resolves.

Walks each ``*.html`` file of the demo site (built as ``make html`` builds
it, with relative URLs), collects ``href``/``src`` values, and checks that
the target file exists and, for links with a ``#fragment``, that the
target page has an element with that id. External links are not fetched.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

LINK_ATTRIBUTES = {"href", "src", "cite", "action", "poster", "data"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript", "ftp"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.links.append((tag, value.strip()))
            elif name == "srcset":
                self.links.extend((tag, part.strip().split(" ")[0]) for part in value.split(",") if part.strip())
            elif name in ("id", "name") and tag != "meta":
                self.ids.add(value)


@cache
def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_url(site: Path, page: Path) -> str:
    """The URL path a file is served at: ``/bulletins/2016-12-23/index.html``."""
    return "/" + page.relative_to(site).as_posix()


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """(target file, fragment) of an internal link, None for external ones.

    >>> resolve(Path("/s"), Path("/s/a/index.html"), "../b/#x")
    (PosixPath('/s/b/index.html'), 'x')
    >>> resolve(Path("/s"), Path("/s/a/index.html"), "https://example.org/") is None
    True
    """
    parts = urlsplit(url)
    if parts.scheme in EXTERNAL_SCHEMES or parts.netloc or url.startswith("//"):
        return None
    base = posixpath.dirname(page_url(site, page))
    path = unquote(parts.path)
    target = posixpath.normpath(posixpath.join(base, path)) if path else page_url(site, page)
    if path.endswith("/") and not target.endswith("/"):
        target += "/"
    file = site / target.lstrip("/")
    if target.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, parts.fragment


def internal_links(site: Path) -> dict[str, list[tuple[Path, str, str]]]:
    """Page (relative path) → [(target file, fragment, url as written)]."""
    out: dict[str, list[tuple[Path, str, str]]] = defaultdict(list)
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.relative_to(site).parts:
            continue
        for _tag, url in parse(page).links:
            resolved = resolve(site, page, url)
            if resolved:
                out[page.relative_to(site).as_posix()].append((*resolved, url))
    return out


def test_the_site_has_pages_and_links(built_site):
    links = internal_links(built_site)
    assert len(links) >= 10
    assert sum(len(v) for v in links.values()) >= 100


def test_every_internal_link_points_to_a_file_that_exists(built_site):
    broken = sorted(
        f"{page} → {url}"
        for page, targets in internal_links(built_site).items()
        for target, _fragment, url in targets
        if not target.resolve().is_relative_to(built_site.resolve()) or not target.exists()
    )
    assert not broken, f"{len(broken)} broken links, e.g.:\n" + "\n".join(broken[:30])


def test_every_fragment_names_an_element_on_its_target_page(built_site):
    broken = sorted(
        f"{page} → {url}"
        for page, targets in internal_links(built_site).items()
        for target, fragment, url in targets
        if fragment and target.suffix == ".html" and target.exists() and unquote(fragment) not in parse(target).ids
    )
    assert not broken, f"{len(broken)} links to missing anchors, e.g.:\n" + "\n".join(broken[:30])


@pytest.mark.parametrize("required", [
    "index.html",
    "bulletins/index.html",
    "timeline/index.html",
    "places/index.html",
    "report/index.html",
    "feeds/bulletins.atom.xml",
    "feeds/bulletins.rss.xml",
    "feeds/all.atom.xml",
    "data/events.csv",
    "data/timeline.json",
])
def test_the_documented_addresses_exist(built_site, required):
    assert (built_site / required).exists()


def test_the_search_page_and_its_bundle_exist(built_site):
    from generator.search import pagefind_executable

    if pagefind_executable() is None:
        pytest.skip("pagefind not installed: pip install 'pagefind[bin]'")
    assert (built_site / "search" / "index.html").exists()
    assert (built_site / "pagefind" / "pagefind-ui.js").exists()
    assert (built_site / "pagefind" / "pagefind-entry.json").exists()


def test_no_page_links_to_an_absolute_path_on_the_local_disk(built_site):
    """With relative URLs the site must work from any folder: no ``/...`` or ``file:`` links."""
    offenders = sorted(
        f"{page.relative_to(built_site)} → {url}"
        for page in built_site.rglob("*.html")
        if "pagefind" not in page.relative_to(built_site).parts
        for _tag, url in parse(page).links
        if url.startswith("file:") or (url.startswith("/") and not url.startswith("//"))
    )
    assert not offenders, "\n".join(offenders[:30])
