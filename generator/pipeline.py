"""The whole flow for a site build: Pelican articles → ``SiteData``.

read (``read.article_from_pelican``) → extract (``events.extract_article``,
one article at a time, cached on disk by ``cache.ExtractionCache``) → aggregate
(``aggregate.aggregate``). Only the site modules (``site``, ``pages``,
``views``, ``links``, ``urls``) and the templates turn the result into pages.
"""

from __future__ import annotations

import functools
import json
import logging
import multiprocessing
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from generator import aggregate, corrections, events, incidents, review
from generator.cache import ExtractionCache, cache_folder
from generator.memo import StepMemo
from generator.model import Article, Extraction, Incident, Problem, SiteData
from generator.read import article_from_pelican
from generator.settings import resolve

logger = logging.getLogger(__name__)

# Below this many articles a process pool costs more than it saves.
PARALLEL_THRESHOLD = 64


def build_site_data(pelican_articles: Iterable[Any], settings: Mapping[str, Any], problems: Iterable[Problem] = ()) -> SiteData:
    """Extract and aggregate every published article.

    Each Pelican article also gets ``timeline_text`` (our ``Article``) and
    ``timeline_events`` (its events) for the article template, which
    highlights the sentences events came from.
    """
    config = resolve(settings)
    cache = ExtractionCache(cache_folder(settings), config)
    all_problems = list(problems)
    # Only our own settings travel to worker processes (Pelican's hold functions).
    ours = {k: v for k, v in config.items() if k.startswith("TIMELINE_")}

    pelican_articles = sorted(pelican_articles, key=lambda a: a.source_path)
    articles = [article_from_pelican(a) for a in pelican_articles]
    keys = [cache.key(a) for a in articles]
    results: list[Extraction | Problem | None] = [cache.get(a, k) for a, k in zip(articles, keys)]
    todo = [i for i, r in enumerate(results) if r is None]
    timed_out = False
    for i, result in zip(todo, extract_many([articles[i] for i in todo], ours, config["TIMELINE_WORKERS"])):
        results[i] = result
        if isinstance(result, Extraction) and events.timed_out(result):
            timed_out = True
        elif isinstance(result, Extraction):
            cache.put(articles[i], result, keys[i])
    if cache.path:
        logger.info("timeline: %d articles from the extraction cache, %d extracted (%d cache entries were unreadable, %d unused removed)",
                    cache.hits, len(todo), cache.rebuilt, cache.prune())

    extracted: list[tuple[Any, Extraction]] = []
    for pelican_article, outcome in zip(pelican_articles, results):
        if isinstance(outcome, Problem):
            all_problems.append(outcome)
            continue
        assert outcome is not None
        extracted.append((pelican_article, outcome))
        all_problems.extend(outcome.problems)

    site = finish([x for _, x in extracted], all_problems, settings)
    # A timed-out extraction depends on the machine's speed: the data is then not a function of its inputs.
    site.inputs = "" if timed_out else inputs_digest(keys, problems, settings)
    by_article: dict[str, list[Any]] = {}
    for event in site.events:  # corrected: hidden events are not highlighted, added ones are
        by_article.setdefault(event.article, []).append(event)
    for pelican_article, result in extracted:
        pelican_article.timeline_text = result.article
        pelican_article.timeline_events = sorted(by_article.get(result.article.slug, []), key=lambda e: (e.start, e.id))
    log_summary(site)
    return site


def inputs_digest(article_keys: Iterable[str], problems: Iterable[Problem], settings: Mapping[str, Any]) -> str:
    """A digest of everything ``build_site_data`` makes the site's data from.

    Each article's extraction cache key (its every field, the extraction
    settings and code), the reading problems, the editor's corrections file,
    every ``TIMELINE_`` setting and the code of the steps after extraction
    (``memo.step_version`` of this module: corrections, aggregation,
    incidents, review). Equal digests, equal ``SiteData``: what is made from
    the data alone (the exports, the feeds) need not be made again.
    A setting with no stable text (a function) gives a new digest every build.

    >>> inputs_digest(["k1"], [], {}) == inputs_digest(["k1"], [], {}), inputs_digest(["k1"], [], {}) == inputs_digest(["k2"], [], {})
    (True, False)
    """
    import hashlib

    from generator.memo import step_version
    from generator.output import file_digest

    config = resolve(settings)
    h = hashlib.sha256(b"site inputs v1\n" + step_version(__name__).encode() + b"\n")
    for key in article_keys:
        h.update(key.encode() + b"\n")
    for p in sorted(set(problems), key=lambda p: (p.path, p.stage, p.reason, p.severity)):
        h.update(repr((p.path, p.stage, p.reason, p.severity)).encode() + b"\n")
    path = corrections.corrections_path(settings)
    h.update(f"corrections {path}\0{file_digest(path) if path else ''}\n".encode())
    ours = {k: v for k, v in config.items() if k.startswith("TIMELINE_") and k not in {"TIMELINE_WORKERS", "TIMELINE_CACHE_PATH"}}
    h.update(json.dumps(ours, sort_keys=True, default=repr, ensure_ascii=False).encode())
    return h.hexdigest()


def finish(extractions: Sequence[Extraction], problems: Iterable[Problem], settings: Mapping[str, Any]) -> SiteData:
    """Extractions → ``SiteData``: the editor's corrections, aggregation, the review list.

    Corrections come after the cache (which keeps what the text says) and
    before aggregation, so every page, feed, export and ``review`` sees them.
    """
    config = resolve(settings)
    corrected = corrections.apply_file(extractions, corrections.corrections_path(settings), config)
    all_problems = [*problems, *corrected.problems]
    memo = StepMemo(cache_folder(settings), "incidents", "generator.incidents", list[Incident])
    site_events, site_tallies, bulletins = aggregate.aggregate(
        corrected.extractions, config["TIMELINE_KEY_METRICS"], group=memo.wrap(incidents.group))
    memo.save()
    site = SiteData(
        articles=[x.article for x in corrected.extractions],
        events=site_events,
        tallies=site_tallies,
        bulletins=bulletins,
        problems=sorted(set(all_problems), key=lambda p: (p.path, p.stage, p.reason)),
        corrections=corrected.applied,
    )
    site.review = review.review_site(site, config)
    return site


def site_from_files(paths: Sequence[str], settings: Mapping[str, Any]) -> SiteData:
    """The site's data from article files, without Pelican (``python -m generator review``)."""
    from generator.read import read_article_file

    config = resolve(settings)
    articles, problems = [], []
    for path in sorted(paths):
        article, read_problems = read_article_file(path)
        problems.extend(read_problems)
        if article is not None:
            articles.append(article)
    ours = {k: v for k, v in config.items() if k.startswith("TIMELINE_")}
    cache = ExtractionCache(cache_folder(settings), config)
    extractions = []
    for article in articles:
        result = cache.get(article) or extract_one(article, ours)
        if isinstance(result, Problem):
            problems.append(result)
            continue
        if not events.timed_out(result):
            cache.put(article, result)
        extractions.append(result)
        problems.extend(result.problems)
    return finish(extractions, problems, settings)


def log_summary(site: SiteData) -> None:
    """The build's own account, in Pelican's log: counts, then every problem.

    The same list is on the build report page; an editor running ``make
    html`` should not have to open it to learn a file was left out.
    """
    errors = [p for p in site.problems if p.severity == "error"]
    logger.info(
        "timeline: %d articles, %d events, %d tallies, %d bulletins; %d not published, %d warnings",
        len(site.articles), len(site.events), len(site.tallies), len(site.bulletins),
        len(errors), len(site.problems) - len(errors),
    )
    for p in site.problems:
        log = logger.error if p.severity == "error" else logger.warning
        log("%s: %s: %s", p.path, p.stage, p.reason)
    if site.corrections or site.review:
        logger.info(
            "timeline: %d corrections applied; %d items to review (python -m generator review)",
            len(site.corrections), len(site.review),
        )


def extract_one(article: Article, settings: Mapping[str, Any]) -> Extraction | Problem:
    """Extraction of one article, or the Problem that stopped it.

    One bad article must not stop the build, so any error becomes a record
    for the build report.
    """
    try:
        return events.extract_article(article, settings)
    except Exception as err:
        return Problem(article.path, "extract", f"{type(err).__name__}: {err}")


def extract_many(articles: Sequence[Article], settings: Mapping[str, Any], workers: int = 0) -> list[Extraction | Problem]:
    """Extract articles in order, in parallel processes when it pays off.

    Extraction is a pure function of (article, settings), so the result is
    the same whatever the number of workers; ``workers=0`` means one per CPU,
    ``1`` keeps everything in this process. The first article is extracted
    here, so forked workers inherit the warmed-up gazetteer and patterns.
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(articles) < PARALLEL_THRESHOLD:
        return [extract_one(a, settings) for a in articles]
    first = extract_one(articles[0], settings)
    job = functools.partial(extract_one, settings=settings)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        rest = pool.map(job, articles[1:], chunksize=max(1, len(articles) // (workers * 8)))
    return [first, *rest]
