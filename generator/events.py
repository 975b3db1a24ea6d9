"""Extract: one article → dated event entries and tallies.

Each sentence that says something happened (it has an event type, a figure
or a bulletin list) becomes an ``Event``: its date resolved from the
sentence's own time expression, places normalised to their province, event
type, actors, and figures with who reported them.

News copy often spreads one incident over several sentences:

    "... some militants shelled Aleppo ... on Friday. [...] The Observatory
    said six people, including two children, were killed."

The second sentence has neither date nor place. It carries the date of the
story it continues: the last event sentence of the report dated by its own
words (never a background clause's date: see ``anchors``), and its
``date_text`` names the expression the date came from. Place and event type
(when it has none of its own) come from the event just before it, within
``CARRY_SENTENCES`` sentences. With no dated sentence before it, an event
falls back to the publication date (``date_text=None``).

Which sentences are events at all is decided in ``eventness``: negations,
questions, credit lines, page furniture and standing facts are not.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Any, Mapping, Sequence

from generator import dates, event_types, eventness, figures, places, tallies
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
    # the story's date: the last event sentence dated by its own words
    story: tuple[str, str, str | None] | None = None


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


# A time expression in one of these clauses does not date the sentence's event:
# it starts a span ("since protests began in March") or recalls background
# ("the conflict, which began in 2011", "where the agency last week tried").
_BACKGROUND_CLAUSE = re.compile(
    r"(?:\bsince\b|,\s*(?:which|who|whose|where|when)\b|\b(?:which|who)\s+(?:had|has|have|began|started|erupted|broke)\b)[^,;:()]*$",
    re.IGNORECASE,
)


def anchors(sentence: Sentence, timexes: Sequence[Timex], published: Any) -> list[Timex]:
    """The time expressions of a sentence that may date its event.

    Left out: a page's date stamp at the start of the sentence, and
    expressions inside a "since ..." clause or a relative clause, which
    recall another period.

    >>> import datetime as dt
    >>> from generator.model import Sentence
    >>> text = "Shells hit the town on Monday in the war, which began in 2011."
    >>> s = Sentence(0, len(text), text)
    >>> [t.text for t in anchors(s, dates.find_timexes(text, dt.date(2016, 12, 14)), dt.date(2016, 12, 14))]
    ['Monday']
    """
    stamp = eventness.stamp_end(sentence.text)
    out = []
    for t in timexes:
        at = t.start - sentence.start
        if at < stamp:
            continue
        before = sentence.text[:at]
        if _BACKGROUND_CLAUSE.search(before):
            continue
        out.append(t)
    return out


def _day_dated(timexes: Sequence[Timex]) -> bool:
    for t in timexes:
        resolved = dates.event_date(t)
        if resolved and resolved[1] == "day":
            return True
    return False


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

        own = anchors(sentence, own, article.published)
        verdict = eventness.assess(sentence.text, title=article.title, dated=_day_dated(own))
        if not verdict.is_event:
            continue
        sentence_figures = figures.find_figures(sentence.text, metrics, attribution)
        # Negated clauses neither type the event nor make it one.
        event_type = event_types.classify(verdict.masked, type_rules)
        asserted = [f for f in sentence_figures if not f.text or f.text in verdict.masked]
        if event_type == "other" and not asserted and not sentence_tallies and not eventness.happening(verdict.masked, _day_dated(own) and not verdict.negated_main):
            continue

        event, context = _event(article, sentence, index, own, context, event_type, sentence_figures, gazetteer)
        events.append(event)

    return Extraction(article=article, events=tuple(events), tallies=tuple(tallies.merge_restatements(found_tallies)), problems=tuple(problems))


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
    story = context.story
    if resolved:
        date, granularity, date_text = resolved
        story = resolved
    elif story:
        # An undated sentence continues the story: it takes the date of the
        # last event sentence in the report that was dated by its own words
        # (never a background clause's date, which ``anchors`` left out).
        date, granularity, date_text = story
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
    return event, _Context(index, date, granularity, date_text, found_places, event_type, story)


def _with_path(problem: Problem, path: str) -> Problem:
    return problem if problem.path else Problem(path, problem.stage, problem.reason, problem.severity)

