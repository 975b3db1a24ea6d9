"""Extract: one article → dated event entries and tallies.

Each sentence that says something happened (it has an event type, a figure
or a bulletin list) becomes an ``Event``: its date resolved from the
sentence's own time expression, places normalised to their province, event
type, actors, and figures with who reported them.

News copy often spreads one incident over several sentences:

    "... some militants shelled Aleppo ... on Friday. [...] The Observatory
    said six people, including two children, were killed."

The second sentence has neither date nor place; it inherits both (and the
event type, when it has none of its own) from the event just before it (within ``CARRY_SENTENCES`` sentences), and its
``date_text`` names the expression the date came from. With nothing to
inherit, an event falls back to the publication date (``date_text=None``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from generator import dates, event_types, figures, places, tallies
from generator.model import Article, Event, Extraction, Place, Problem, Sentence, Tally, Timex
from generator.read import split_sentences
from generator.settings import resolve

# How far back (in sentences) a sentence without its own date or place may
# borrow them from the previous event: far enough for "X happened on Friday.
# The Observatory said six were killed.", short enough not to drift.
CARRY_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class _Context:
    """What the previous event established, for the sentences that follow."""

    index: int = -10
    date: str | None = None
    granularity: str = "day"
    date_text: str | None = None
    places: tuple[Place, ...] = ()
    type: str = "other"


def event_id(article_slug: str, start: int, sentence: str) -> str:
    """Stable id: the same sentence of the same article keeps its id across builds."""
    digest = hashlib.sha1(f"{article_slug}\x00{start}\x00{sentence}".encode()).hexdigest()
    return digest[:12]


def sentence_date(timexes: Sequence[Timex]) -> tuple[str, str, str] | None:
    """The first time expression in a sentence that names a calendar date.

    Returns ``(iso_date, granularity, expression)``; durations ("for five
    years"), sets and vague references ("now") don't date an event.
    """
    for timex in timexes:
        resolved = dates.event_date(timex)
        if resolved:
            return resolved[0], resolved[1], timex.text
    return None


def extract_article(article: Article, settings: Mapping[str, Any] | None = None) -> Extraction:
    """Run every extractor over one article. Pure: same article, same result."""
    config = resolve(settings)
    # An editor's aliases add to the shipped spellings; they never replace them.
    aliases = {**places.DEFAULT_ALIASES, **(config["TIMELINE_PLACE_ALIASES"] or {})}
    gazetteer = places.Gazetteer.for_countries(
        tuple(config["TIMELINE_COUNTRIES"]), aliases, areas=config["TIMELINE_PLACE_AREAS"] or None
    )
    metrics = config["TIMELINE_METRICS"]
    type_rules = config["TIMELINE_EVENT_TYPES"]
    published = article.published.isoformat()

    timexes = dates.find_timexes(article.text, article.published, date_order=config["TIMELINE_DATE_ORDER"])
    attribution = figures.AttributionContext()
    events: list[Event] = []
    found_tallies = []
    problems: list[Problem] = []
    context = _Context()

    def tallies_in(text: str, start: int, end: int, reporter: str | None = None) -> list[Tally]:
        found, tally_problems = tallies.find_tallies(
            text,
            date=published,
            article=article.slug,
            start=start,
            end=end,
            gazetteer=gazetteer,
            metrics=metrics,
            attributed_to=figures.find_attribution(text, attribution) or reporter,
            published=article.published,
            context=attribution,
        )
        found_tallies.extend(found)
        problems.extend(_with_path(p, article.path) for p in tally_problems)
        return found

    # A table reaches us one row per line; its rows are only a tally together.
    tables = {start: (end, block) for start, end, block in tallies.table_blocks(article.text)}
    table_end = 0

    for index, sentence in enumerate(split_sentences(article.text)):
        attribution.observe(sentence.text)
        if sentence.start in tables:
            table_end, block = tables[sentence.start]
            tallies_in(block, sentence.start, table_end, attribution.last_reporter)
        if table_end and sentence.start < table_end:
            continue  # a table row is part of the table's tally, not an event of its own
        own = [t for t in timexes if sentence.start <= t.start and t.end <= sentence.end]
        sentence_tallies = tallies_in(sentence.text, sentence.start, sentence.end)

        sentence_figures = figures.find_figures(sentence.text, metrics, attribution)
        event_type = event_types.classify(sentence.text, type_rules)
        if event_type == "other" and not sentence_figures and not sentence_tallies:
            continue

        event, context = _event(article, sentence, index, own, context, event_type, sentence_figures, gazetteer)
        events.append(event)

    return Extraction(article=article, events=tuple(events), tallies=tuple(found_tallies), problems=tuple(problems))


def _event(
    article: Article,
    sentence: Sentence,
    index: int,
    own_timexes: Sequence[Timex],
    context: _Context,
    event_type: str,
    sentence_figures: Sequence[Any],
    gazetteer: Any,
) -> tuple[Event, _Context]:
    near = index - context.index <= CARRY_SENTENCES
    resolved = sentence_date(own_timexes)
    if resolved:
        date, granularity, date_text = resolved
    elif near and context.date:
        date, granularity, date_text = context.date, context.granularity, context.date_text
    else:
        date, granularity, date_text = article.published.isoformat(), "day", None

    found_places = tuple(places.event_places(sentence.text, gazetteer))
    if not found_places and near and not resolved:
        # Carried over: the place is not named in this sentence, so its span
        # (surface form and offsets, which pointed into the previous one) is empty.
        found_places = tuple(replace(p, text="", start=0, end=0) for p in context.places)
    # "The Observatory said six people were killed." reports on the incident
    # just described, so it takes that incident's type.
    if event_type == "other" and near and not resolved:
        event_type = context.type

    event = Event(
        id=event_id(article.slug, sentence.start, sentence.text),
        article=article.slug,
        date=date,
        granularity=granularity,  # type: ignore[arg-type]
        date_text=date_text,
        sentence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        type=event_type,
        places=found_places,
        figures=tuple(sentence_figures),
        actors=tuple(event_types.find_actors(sentence.text)),
        source=article.source,
        source_url=article.source_url,
        article_url=article.url,
        article_title=article.title,
    )
    return event, _Context(index, date, granularity, date_text, found_places, event_type)


def _with_path(problem: Problem, path: str) -> Problem:
    return problem if problem.path else Problem(path, problem.stage, problem.reason, problem.severity)

