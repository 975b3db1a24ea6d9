"""Render: ``SiteData`` → the site's pages, as a Pelican generator.

Pelican runs ``generate_context`` of every generator first (its own
``ArticlesGenerator`` has filled ``context["articles"]`` by then), and
``generate_output`` afterwards, so extraction happens once in
``TimelineGenerator.generate_context`` and every page — ours and Pelican's
article pages — sees the result through the shared context.

``generate_output`` writes every page of the table ``pages.PAGES`` (each
kind's address settings, view model and template), then the feeds
(``feeds``) and the data exports (``exports``).

The modules of the site: ``urls`` (every address), ``views`` (labels,
grouping, chart series: pure functions of ``SiteData``, tested without a
Pelican build), ``links`` (``tl`` in templates), ``pages`` (the page kinds
and their view models) and this one, the Generator.
"""

from __future__ import annotations

import logging
import os
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from generator import exports, feeds, intake, kept, output, pagecache, pages
from generator.links import Links
from generator.model import Article, SiteData, Tally
from generator.views import article_marks, document_headings, highlight_html

logger = logging.getLogger(__name__)


# -- the generator -----------------------------------------------------------------------

class TimelineGenerator(Generator):
    """Extracts events from Pelican's articles and writes the timeline pages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Article text comes from the web: escape by default in our templates;
        # trusted HTML (charts, highlighted text) is passed in as Markup.
        self.env.autoescape = True
        self.site: SiteData = SiteData()
        self.links: Links | None = None
        self.page_cache: pagecache.PageCache | None = None
        self._page_context: dict[str, Any] = {}

    #: What turns Pelican's articles into the site's data; None means
    #: ``pipeline.build_site_data``. Tests set a hand-written one here.
    site_builder: ClassVar[Callable[..., SiteData] | None] = None

    def generate_context(self) -> None:
        from generator import pipeline  # imported late: pipeline loads every extraction module

        articles = self.context.get("articles", [])
        read_problems = self.context.get(intake.READ_PROBLEMS, [])
        build = self.site_builder or pipeline.build_site_data
        self.site = build(articles, self.settings, problems=read_problems)
        self.links = Links(self.settings, self.site, (b.date for b in self.site.bulletins))
        self.context["timeline"] = self.site
        self.context["tl"] = self.links
        self.context["timeline_latest_bulletin"] = self.site.bulletins[-1] if self.site.bulletins else None
        self._attach_article_html(articles)

    def _attach_article_html(self, articles: Iterable[Any]) -> None:
        """Give each Pelican article its highlighted text for article.html."""
        assert self.links is not None
        tallies_by_article: dict[str, list[Tally]] = defaultdict(list)
        for tally in self.site.tallies:
            for source_slug, _ in tally.sources or ((tally.article, tally.start),):
                if tally not in tallies_by_article[source_slug]:
                    tallies_by_article[source_slug].append(tally)
        for pelican_article in articles:
            text: Article | None = getattr(pelican_article, "timeline_text", None)
            if text is None:
                continue
            events = getattr(pelican_article, "timeline_events", [])
            if self.settings.get("RELATIVE_URLS"):
                siteurl = path_to_url(get_relative_path(pelican_article.save_as))
            else:
                siteurl = self.settings.get("SITEURL", "")
            marks = article_marks(text, events, tallies_by_article.get(text.slug, []), self.links, siteurl)
            headings = document_headings(str(getattr(pelican_article, "content", "") or ""))
            pelican_article.timeline_html = highlight_html(text.text, marks, headings)
            pelican_article.timeline_event_count = len(events)

    # -- output ---------------------------------------------------------------------

    def _write(
        self, writer: Any, save_as: str, template: str, page_url: str, override: bool = False,
        fingerprint: bool = False, **kwargs: Any,
    ) -> None:
        """Render and write one page; a ``fingerprint`` page only when its inputs changed (``pagecache``)."""
        def write(context: Mapping[str, Any]) -> None:
            writer.write_file(
                save_as,
                self.get_template(template),
                context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                override_output=override,
                page_url=page_url,
                **kwargs,
            )

        if not fingerprint or self.page_cache is None or self.links is None:
            write(self.context)
            return
        base = self.page_cache.base(template, save_as, page_url, kwargs)
        if self.page_cache.fresh(save_as, base):
            output.written(os.path.join(self.output_path, save_as))  # kept: not stale
            return
        with self.links.reads.recording() as keys:
            write(self._page_context)
        self.page_cache.written(save_as, base, keys)

    def _start_page_cache(self) -> pagecache.PageCache:
        """The fingerprints of the last build's pages; none to use when a setting has no stable encoding."""
        assert self.links is not None
        links = self.links
        self._page_context = pagecache.restricted_context(self.context)
        try:
            code = sorted(Path(__file__).resolve().parent.rglob("*.py"))
            shared: str | None = pagecache.shared_digest(self.env, self.context, self.context.get("pages", []), code)
        except pagecache.Unstable as err:
            logger.info("pages: every page is rendered this build (%s)", err)
            shared = None
        maps = {"article": links.articles, "event": links.events, "bulletin": links.bulletin_dates}
        path = pagecache.records_path(self.output_path, self.settings.get("CACHE_PATH") or "cache")
        return pagecache.PageCache(path, self.output_path, shared, lambda kind, key: maps[kind].current(key))

    def generate_output(self, writer: Any) -> None:
        """Every page of ``pages.PAGES``, then the feeds and the data exports."""
        assert self.links is not None
        self.page_cache = self._start_page_cache()
        view = pages.SiteView(self.site, self.links, self.settings)
        for kind in pages.PAGES:
            if not self.links.settings[f"{kind.address}_SAVE_AS"]:
                continue  # "" switches a page off, as in Pelican
            for page in kind.view(view):
                url, save_as = self.links.page(kind.address, page.fields)
                self._write(
                    writer, save_as, kind.template, url, override=kind.override, fingerprint=kind.fingerprint, **page.values
                )

        self._write_data_files(writer)
        self.page_cache.save()
        logger.info("pages: %d rendered, %d unchanged and kept", self.page_cache.rendered, self.page_cache.skipped)

    def _write_data_files(self, writer: Any) -> None:
        """The feeds and the exports, each group kept when it is made from the same inputs as last build (``kept``)."""
        assert self.page_cache is not None
        record = kept.KeptFiles(
            kept.records_path(self.output_path, self.settings.get("CACHE_PATH") or "cache"), self.output_path)
        base = kept.key(self.site.inputs, self.page_cache.shared or "", _library_versions())
        groups: list[tuple[str, Callable[[], Iterable[str]]]] = [
            ("feeds", lambda: feeds.write_feeds(writer, self.site, self.context, self.settings)),
            ("exports", self._exports),
        ]
        for group, write in groups:
            key = kept.key(base, group)
            signalled = record.fresh(group, key)
            if signalled is None:
                before = output.written_files()
                files = list(write())
                announced = output.written_files() - before
                record.written(group, key, files, [f for f in files if os.path.abspath(os.path.join(self.output_path, f)) in announced])
                continue
            logger.info("%s: made from the same data, settings and code as the last build; kept", group)
            for rel in signalled:  # on the list of this build's files (``output``), as if written again
                output.written(os.path.join(self.output_path, rel))
        record.save()

    def _exports(self) -> list[str]:
        exports.write_exports(self.output_path, self.site, self.settings)
        folder = exports.export_folder(self.settings)
        return [posixpath.join(folder, name) for name, _ in exports.EXPORT_FILES]


def _library_versions() -> str:
    """The versions of the libraries that write the feeds and the calendar."""
    import hashlib

    from generator.cache import hash_versions

    h = hashlib.sha256()
    hash_versions(h, ("feedgenerator", "icalendar"))
    return h.hexdigest()


def get_generators(pelican_object: Any) -> type:
    """``signals.get_generators`` handler: add our generator to Pelican's."""
    return TimelineGenerator
