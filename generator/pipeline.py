"""The whole flow for a site build: Pelican articles → ``SiteData``.

read (``read.article_from_pelican``) → extract (``events.extract_article``,
one article at a time, cached by content hash) → aggregate
(``aggregate.aggregate``). Only ``site.py`` and the templates turn the
result into pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path
from typing import Any, Iterable, Mapping

from generator import aggregate, events
from generator.model import Article, Extraction, Problem, SiteData
from generator.read import article_from_pelican, relative_path, sanitise_html, scan_content
from generator.settings import resolve

# Bumped whenever extraction changes what it returns for the same text, so
# a stale cache can never show old results.
EXTRACTION_VERSION = "1"


def build_site_data(pelican_articles: Iterable[Any], settings: Mapping[str, Any], problems: Iterable[Problem] = ()) -> SiteData:
    """Extract and aggregate every published article.

    Each Pelican article also gets ``timeline_text`` (our ``Article``) and
    ``timeline_events`` (its events) for the article template, which
    highlights the sentences events came from.
    """
    config = resolve(settings)
    cache = ExtractionCache(config["TIMELINE_CACHE_PATH"], config)
    all_problems = list(problems)
    extractions: list[Extraction] = []
    for pelican_article in sorted(pelican_articles, key=lambda a: a.source_path):
        article = article_from_pelican(pelican_article)
        extraction = cache.get(article)
        if extraction is None:
            try:
                extraction = events.extract_article(article, settings)
            except Exception as err:  # one bad article must not stop the build
                all_problems.append(Problem(article.path, "extract", f"{type(err).__name__}: {err}"))
                continue
            cache.put(article, extraction)
        pelican_article.timeline_text = article
        pelican_article.timeline_events = list(extraction.events)
        extractions.append(extraction)
        all_problems.extend(extraction.problems)

    site_events, site_tallies, bulletins = aggregate.aggregate(extractions, config["TIMELINE_KEY_METRICS"])
    return SiteData(
        articles=[x.article for x in extractions],
        events=site_events,
        tallies=site_tallies,
        bulletins=bulletins,
        problems=sorted(set(all_problems), key=lambda p: (p.path, p.stage, p.reason)),
    )


class ExtractionCache:
    """Extraction results on disk, keyed by the article and the settings used.

    A rebuild after adding one article re-extracts only that article.
    Disabled when ``TIMELINE_CACHE_PATH`` is empty.
    """

    def __init__(self, path: str, config: Mapping[str, Any]) -> None:
        self.path = Path(path) if path else None
        relevant = {k: config[k] for k in sorted(config) if k.startswith("TIMELINE_") and k != "TIMELINE_CACHE_PATH"}
        self.salt = EXTRACTION_VERSION + json.dumps(relevant, sort_keys=True, default=str)

    def _key(self, article: Article) -> str:
        h = hashlib.sha256(self.salt.encode())
        h.update(pickle.dumps(article))
        return h.hexdigest()

    def get(self, article: Article) -> Extraction | None:
        if not self.path:
            return None
        f = self.path / f"{self._key(article)}.pickle"
        try:
            with open(f, "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            return None

    def put(self, article: Article, extraction: Extraction) -> None:
        if not self.path:
            return
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / f".{os.getpid()}.tmp"
        with open(tmp, "wb") as fh:
            pickle.dump(extraction, fh)
        tmp.replace(self.path / f"{self._key(article)}.pickle")


READ_PROBLEMS = "timeline_read_problems"


def drop_unreadable_articles(article_generator: Any) -> None:
    """Signal handler (``article_generator_pretaxonomy``).

    Scans every article file Pelican was given, records each problem in the
    shared context for the build report, and takes articles with an error
    out of Pelican's lists so a broken file is reported, never half-published.
    Sanitises the body of the rest: content from the web is untrusted.
    """
    context = article_generator.context
    files = _article_files(article_generator.settings)
    problems = scan_content(files)
    context[READ_PROBLEMS] = problems
    broken = {p.path for p in problems if p.severity == "error"}
    for attr in ("articles", "drafts", "hidden_articles"):
        kept = [a for a in getattr(article_generator, attr, []) if relative_path(a.source_path) not in broken]
        setattr(article_generator, attr, kept)
    for article in article_generator.articles:
        article._content = sanitise_html(article._content or "")
        if "summary" in article.metadata:
            article.metadata["summary"] = sanitise_html(article.metadata["summary"])
            article._summary = article.metadata["summary"]


def _article_files(settings: Mapping[str, Any]) -> list[str]:
    root = settings.get("PATH", "content")
    exts = tuple(f".{e}" for e in ("md", "markdown", "mkd", "mdown", "html", "htm"))
    files: list[str] = []
    for sub in settings.get("ARTICLE_PATHS") or [""]:
        base = os.path.join(root, sub)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            files.extend(os.path.join(dirpath, f) for f in sorted(filenames) if f.endswith(exts))
    return files
