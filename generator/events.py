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
falls back to the day the report covers (``eventdate.report_frame``: the day
named in its title or lead, else the publication date, ``date_text=None``).
A daily report ("over the past 24 hours" in its title or lead) lists its own
day: a day it names in passing outside that day and the night before ("the
truce that came into force on 30 December") dates its own sentence only.

Which sentences are events at all is decided in ``eventness``: negations,
questions, credit lines, page furniture and standing facts are not.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from generator import dates, event_types, eventdate, eventness, figures, ids, places, spans, tallies
from generator.model import Article, Event, Extraction, Place, Problem, Sentence, Tally, Timex
from generator.needles import needled
from generator.read import split_sentences, year_range
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
    story: tuple[str, str, str | None, str | None] | None = None
    own_date: bool = False  # the event's sentence gave its date in its own words


def event_id(article_slug: str, start: int, sentence: str) -> str:
    """Stable id: the same sentence of the same article keeps its id across builds.

    ``start`` is ignored (kept for callers): the id comes from the sentence,
    so it survives edits elsewhere in the article (``generator.ids``).
    """
    return ids.event_id(article_slug, sentence)


def sentence_date(timexes: Sequence[Timex]) -> tuple[str, str, str, str | None] | None:
    """The first time expression in a sentence that names a calendar date.

    Returns ``(iso_date, granularity, expression, mod)``, ``mod`` the part of
    the period named ("early 2014": ``START``, see ``dates.event_mod``);
    durations ("for five years"), sets and vague references ("now") don't
    date an event.
    """
    for timex in timexes:
        resolved = dates.event_date(timex)
        if resolved:
            return resolved[0], resolved[1], timex.text, dates.event_mod(timex)
    return None


# A time expression in one of these clauses does not date the sentence's event:
# it starts a span ("since protests began in March") or recalls background
# ("the conflict, which began in 2011", "where the agency last week tried").
_BACKGROUND_CLAUSE = re.compile(
    r"(?:\bsince\b|,\s*(?:which|who|whose|where|when)\b|\b(?:which|who)\s+(?:had|has|have|began|started|erupted|broke)\b)[^,;:()]*$",
    re.IGNORECASE,
)


_CLAUSE_STOP = re.compile(r"[,;:()]")
_PARENTHESIS = re.compile(r"\([^()]{1,40}\)")


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
    >>> text = "Shells hit Homs, where the Red Cross (ICRC) last week tried to reach the wounded."
    >>> s = Sentence(0, len(text), text)
    >>> anchors(s, dates.find_timexes(text, dt.date(2012, 6, 26)), dt.date(2012, 6, 26))
    []
    """
    if not timexes:
        return []  # most sentences (issue 11)
    stamp = eventness.stamp_end(sentence.text)
    # the clause can only begin at or after the last ,;:() before a timex (its tail
    # excludes them), so only that tail is searched: linear, not per-timex prefixes
    # a short parenthesis ("the Red Cross (ICRC) last week") does not end the clause around it
    text = _PARENTHESIS.sub(lambda m: " " * len(m.group()), sentence.text)
    stops = [m.start() for m in _CLAUSE_STOP.finditer(text)]
    out = []
    for t in timexes:
        at = t.start - sentence.start
        if at < stamp:
            continue
        k = bisect.bisect_left(stops, at) - 1
        before = text[stops[k] if k >= 0 else 0 : at]
        if _BACKGROUND_CLAUSE.search(before):
            continue
        out.append(t)
    return out


# A sentence that gives its own scope, or opens a new thread, borrows no place:
# "violations were registered in three provinces", "Meanwhile, ...".
_OWN_SCOPE = needled(re.compile(
    r"\b(?:in|across|over)\s+(?:\w+\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+)\s+(?:\w+\s+)?"
    r"(?:provinces|governorates|regions|districts|cities|towns|areas)\b|\bacross\s+the\s+country\b|\bnationwide\b"
    r"|^\W*(?:meanwhile|elsewhere|separately|in\s+other\s+news)\b",
    re.IGNORECASE,
))
# "shelters in government-held areas" after "only A and B were still held by rebels": areas named by the
# side that holds them are another part of the story's province, not the places of the sentence before
_HELD_AREAS = needled(re.compile(
    r"\b(?:government|regime|army|rebel|opposition|militant|insurgent|state)[-\s](?:held|controlled)\s+"
    r"(?:areas|parts|territory|territories|districts|neighbou?rhoods|zones)\b",
    re.IGNORECASE,
))


def _province_of(carried: Sequence[Place]) -> tuple[Place, ...]:
    """The province-wide places among ``carried`` (a province, a city), else the provinces its places lie in."""
    wide = tuple(p for p in carried if p.kind in ("admin1", "city"))
    if wide:
        return wide
    return tuple(Place(a, a, c, "admin1") for a, c in dict.fromkeys((p.admin1, p.country) for p in carried if p.admin1))


def _story_subset(carried: Sequence[Place], story_places: Counter[str] | None) -> tuple[Place, ...]:
    """Of the places a sentence would borrow, those of the report's main story.

    "The division drove from the air base in Latakia to Aleppo. [...] The
    specialists are now sweeping the area." in a report about Aleppo: the
    second sentence is in Aleppo, not Latakia.
    """
    if not story_places or len(carried) < 2:
        return tuple(carried)
    top = max(story_places.values())
    main = {a for a, n in story_places.items() if n == top}
    kept = tuple(p for p in carried if p.admin1 in main)
    return kept or tuple(carried)


# Clause starts where a sentence turns to another place: "In Hama, ...,
# and in Homs ...", "...; in Idlib ...", ", six of them in the suburbs".
_PLACE_CLAUSE = re.compile(
    r"(?:^|[,;]\s*(?:and\s+|while\s+|whereas\s+)?|\s(?:and|while|whereas)\s+)(?=(?:in|across)\s+(?:the\s+)?[A-Z])"
    r"|,\s*(?=(?:\w+\s+)?(?:of\s+them|of\s+whom)\b)"
)


# a second speaker's clause: ", while activist X said ...", "; whereas the ministry put ..."
_OTHER_SPEAKER = re.compile(r"[,;]\s*(?:while|whereas)\s+(?=[^,;]{0,80}?\b(?:said|says|reported|put|told|counted|recorded)\b)")


_COORDINATED = re.compile(r"[,;]\s*(?:and|while|whereas)\s+(?!in\s+[A-Z])|;\s*(?!and\b)")


def _clause_at(sentence: str, at: int) -> str:
    end = re.search(r"[,;]", sentence[at:])
    return sentence[at : at + end.start()] if end else sentence[at:]


def place_clauses(sentence: str, found: Sequence[Place]) -> list[tuple[int, int]]:
    """Spans of a sentence that each speak of their own place, or ``[]``.

    >>> from generator.model import Place
    >>> s = "In Hama, four people died, and in Homs two were killed."
    >>> ps = [Place("Hama", "Hama", "SY", text="Hama", start=3, end=7), Place("Homs", "Homs", "SY", text="Homs", start=34, end=38)]
    >>> [s[a:b] for a, b in place_clauses(s, ps)]
    ['In Hama, four people died,', ' and in Homs two were killed.']
    """
    starts = sorted({m.start() if m.start() == 0 else m.start() + (1 if sentence[m.start()] in ",;" else 0) for m in _PLACE_CLAUSE.finditer(sentence)})
    # ", and the village was shelled in Daraa": a coordinated clause with its own verb
    starts += [m.start() + 1 for m in _COORDINATED.finditer(sentence) if eventness.has_event_verb(_clause_at(sentence, m.end()))]
    starts = sorted({a for a in starts if a == 0 or sentence[a:].lstrip(" ,;")})
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    spans = [(a, b) for a, b in zip(starts, [*starts[1:], len(sentence)])]
    with_place = [(a, b) for a, b in spans if any(a <= p.start < b for p in found if p.text)]
    if len(with_place) == 1:
        # "X said 250 had died, while Y said 269 were killed in Idlib": the other speaker's place is not X's
        cut = next((m.start() for m in _OTHER_SPEAKER.finditer(sentence)), None)
        if cut is not None and len({p.start >= cut for p in found if p.text}) == 1:
            return [(0, cut), (cut, len(sentence))]
    if len(with_place) < 2:
        return []
    # clauses without a place of their own belong to the clause before them
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and not any(a <= p.start < b for p in found if p.text):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def split_by_place(event: Event) -> list[Event]:
    """One event per place clause: "In Hama, four died, and in Homs two were
    killed" gives Hama (4) and Homs (2); "Across the country 24 were killed,
    six of them in the suburbs" gives the national 24 and the suburbs' part,
    each with its own scope. Figures go to the clause their words are in.
    """
    spans = place_clauses(event.sentence, event.places)
    if not spans:
        return [event]
    out = []
    for n, (a, b) in enumerate(spans):
        where = tuple(p for p in event.places if a <= p.start < b)
        figs = tuple(f for f in event.figures if f.text and a <= event.sentence.find(f.text, a) < b)
        eid = event.id if n == 0 else event_id(event.article, event.start + a, event.sentence)
        out.append(replace(event, id=eid, places=where, figures=figs))
    # a figure whose words were not found stays with the first clause
    placed = {id(f) for e in out for f in e.figures}
    rest = tuple(f for f in event.figures if id(f) not in placed)
    if rest:
        out[0] = replace(out[0], figures=out[0].figures + rest)
    return out


def _asserted(timexes: Sequence[Timex], sentence: Sentence, masked: str) -> list[Timex]:
    """The time expressions outside the clauses ``eventness`` blanked out."""
    return [t for t in timexes if masked[t.start - sentence.start : t.end - sentence.start].strip()]


def _dating(sentence: Sentence, timexes: Sequence[Timex]) -> list[Timex]:
    """The anchors that can make a sentence dated: not in a negated clause or a first-person
    quoted intention ("we will not be able to enter today (Saturday)"), and not a document's or
    deadline's date ("a deadline of Monday").

    >>> text = "The agency said it will not be able to enter the town today."
    >>> _dating(Sentence(0, len(text), text), dates.find_timexes(text, dt.date(2012, 2, 25)))
    []
    """
    if not timexes:
        return []  # most sentences: nothing to mask for (issue 11)
    masked = eventness.mask_unasserted(sentence.text)
    out = []
    for t in timexes:
        a, b = t.start - sentence.start, t.end - sentence.start
        if masked[a:b].strip() and eventdate.role_of(sentence.text, a, b) != "nominal":
            out.append(t)
    return out


def _own_line(text: str, sentences: Sequence[Sentence], index: int) -> bool:
    """Whether sentence ``index`` is a line of its own (a line break, or the text's edge, on both sides)."""
    before = text[sentences[index - 1].end if index else 0 : sentences[index].start]
    after = text[sentences[index].end : sentences[index + 1].start if index + 1 < len(sentences) else len(text)]
    return (index == 0 or "\n" in before) and (index + 1 == len(sentences) or "\n" in after)


def _day_dated(timexes: Sequence[Timex]) -> bool:
    for t in timexes:
        resolved = dates.event_date(t)
        if resolved and resolved[1] == "day":
            return True
    return False


def _timed(sentence: Sentence, timexes: Sequence[Timex]) -> bool:
    """Whether the sentence names a time of its own for what it tells (a day, week, month or year),
    not one inside a noun phrase it is about ("over the downing of a jet last week")."""
    for t in timexes:
        if dates.event_date(t) and eventdate.role_of(sentence.text, t.start - sentence.start, t.end - sentence.start) != "argument":
            return True
    return False


def _within(timexes: Sequence[Timex], starts: list[int], order: list[int], start: int, end: int) -> list[Timex]:
    """The timexes lying inside [start, end], in their original order: a bisect on
    ``starts`` (timex starts sorted, ``order`` their indexes) instead of comparing every
    sentence with every date expression (issue 11: quadratic on long articles).
    """
    low = bisect.bisect_left(starts, start)
    high = bisect.bisect_right(starts, end)
    picked = sorted(order[k] for k in range(low, high) if timexes[order[k]].end <= end)
    return [timexes[i] for i in picked]


# "Last week's attacks": a period in the possessive, which eventdate.known_day dates by a day named earlier
_POSSESSIVE = needled(re.compile(r"\b(?:week|month)(?:'s|’s)", re.IGNORECASE))


# how many of the days named before a sentence a possessive period looks back over: the happening it
# names was told shortly before, and a bound keeps long articles linear (issue 11)
EARLIER_DAYS = 50


def _named_days(timexes: Sequence[Timex], order: list[int]) -> tuple[list[int], list[str]]:
    """The starts and ISO days of the time expressions that name one day, in text order."""
    starts, days = [], []
    for i in order:
        resolved = dates.event_date(timexes[i])
        if resolved and resolved[1] == "day":
            starts.append(timexes[i].start)
            days.append(resolved[0])
    return starts, days


def _earlier_days(named: tuple[list[int], list[str]], sentence: Sentence) -> list[str]:
    """The last ``EARLIER_DAYS`` days named before ``sentence``, in text order."""
    k = bisect.bisect_left(named[0], sentence.start)
    return named[1][max(0, k - EARLIER_DAYS) : k]


# Words pointing back to the casualties of a total just given: "caused the deaths", "of the total", "among them"
_POINTS_BACK = re.compile(r"\b(?:the|these|those)\s+(?:deaths|dead|victims|killings|casualties|toll|total|fatalities)\b|\b(?:of|among)\s+(?:them|whom)\b",
                          re.IGNORECASE)


def told_span(event: Event) -> tuple[str, str | None, str | None] | None:
    """The one span all of an event's figures count, when it is not a day: ``(kind, start, end)``."""
    found = {(sp.kind, sp.period_start, sp.period_end) for sp in map(spans.span_of, event.figures)}
    if len(found) != 1:
        return None
    told = found.pop()
    return None if told[0] == "day" else told


def period_event(event: Event, own_date: bool, masked: str, before: tuple[str, str | None, str | None] | None) -> Event:
    """The event marked as telling of a span, when its sentence does not tell of one day.

    A sentence with no date of its own whose figures are all totals over one
    span ("Of the total, 221 were killed by air strikes", after a running total
    since 31 July), or with no figure that points back to the total just given
    (``before``: "Warplanes and shelling caused the deaths, the monitor said"),
    tells what went on over that span: it takes the span, and is no incident of
    its day.

    >>> from generator.model import Figure
    >>> run = Figure("killed", 221, span="cumulative", period_start="2016-07-31", period_end="2016-08-31")
    >>> e = Event("e", "a", "2016-08-31", "day", None, "Of the total, 221 were killed by air strikes.", 0, 45, "x", figures=(run,))
    >>> p = period_event(e, False, e.sentence, None); (p.span, p.period_start, p.period_end)
    ('cumulative', '2016-07-31', '2016-08-31')
    >>> period_event(e, True, e.sentence, None).span  # "on Wednesday": a day's report
    'day'
    >>> c = Event("c", "a", "2016-08-31", "day", None, "Shelling caused the deaths, the monitor said.", 50, 95, "x")
    >>> period_event(c, False, c.sentence, told_span(e)).span, period_event(c, False, c.sentence, None).span
    ('cumulative', 'day')
    """
    if own_date:
        return event
    told = told_span(event) if event.figures else before if _POINTS_BACK.search(masked) else None
    if told is None:
        return event
    return replace(event, span=told[0], period_start=told[1], period_end=told[2])


def _day_of(event: Event) -> dt.date | None:
    """An event's day, when it is dated to one."""
    return dt.date.fromisoformat(event.date) if event.granularity == "day" and len(event.date) == 10 else None


# The stage of the problem that says an article was published without events: over
# TIMELINE_ARTICLE_MAX_CHARS or TIMELINE_ARTICLE_TIME_BUDGET (the time one is not cached).
OVER_BUDGET = "budget"


class _OverBudget(Exception):
    """Extraction of an article used up its CPU-time budget."""


@dataclass(slots=True)
class _Deadline:
    """A CPU-time budget for one article, checked between sentences (``time.thread_time``: CPU time of
    this thread, so other processes on a loaded machine don't use it up). ``seconds=0``: no budget."""

    seconds: float
    start: float = 0.0

    def __post_init__(self) -> None:
        self.start = time.thread_time()

    def check(self) -> None:
        if self.seconds and time.thread_time() - self.start > self.seconds:
            raise _OverBudget(f"{_TIMED_OUT} after {self.seconds:g} s of CPU time (TIMELINE_ARTICLE_TIME_BUDGET)")


_TIMED_OUT = "extraction stopped"


def timed_out(extraction: Extraction) -> bool:
    """Whether the time budget cut this extraction short: the one result that depends on the machine, never cached."""
    return any(p.stage == OVER_BUDGET and p.reason.startswith(_TIMED_OUT) for p in extraction.problems)


def extract_article(article: Article, settings: Mapping[str, Any] | None = None) -> Extraction:
    """Run every extractor over one article. Pure: same article, same result.

    An article longer than ``TIMELINE_ARTICLE_MAX_CHARS`` characters, or whose
    extraction takes more than ``TIMELINE_ARTICLE_TIME_BUDGET`` seconds of CPU
    time, comes back with no events or tallies and a warning: it is published,
    and the build goes on. The length limit is the deterministic guard (same
    text, same decision on any machine); the time budget is a last resort for
    what the length limit lets through, and only it depends on the machine.

    >>> from datetime import date
    >>> long = Article(path="a.md", slug="a", title="A", published=date(2016, 12, 23), text="6 people were killed. " * 10)
    >>> out = extract_article(long, {"TIMELINE_ARTICLE_MAX_CHARS": 100})
    >>> out.events, out.problems[0].stage, out.problems[0].reason
    ((), 'budget', 'article text is 220 characters, over TIMELINE_ARTICLE_MAX_CHARS (100): published without events')
    """
    config = resolve(settings)
    limit = config["TIMELINE_ARTICLE_MAX_CHARS"]
    if limit and len(article.text) > limit:
        reason = f"article text is {len(article.text)} characters, over TIMELINE_ARTICLE_MAX_CHARS ({limit}): published without events"
        return _without_events(article, reason)
    try:
        return _extract(article, config, _Deadline(config["TIMELINE_ARTICLE_TIME_BUDGET"]))
    except _OverBudget as err:
        return _without_events(article, f"{err}: published without events")


def _far_date(path: str, timex: Timex, years: tuple[int, int], sentence: str, used: bool) -> Problem:
    """The report line for a date outside TIMELINE_YEAR_RANGE, with its sentence."""
    what = "not used as a date" if used else "the sentence gives no event"
    return Problem(path, "dates", f"{timex.text!r} reads as {timex.value}, outside the years {years[0]}–{years[1]} "
                   f"(TIMELINE_YEAR_RANGE): {what}: {sentence.strip()}", "warning")


def _without_events(article: Article, reason: str) -> Extraction:
    return Extraction(article=article, events=(), tallies=(), problems=(Problem(article.path, OVER_BUDGET, reason, "warning"),))


def _extract(article: Article, config: Mapping[str, Any], deadline: _Deadline) -> Extraction:
    """`extract_article` within ``deadline``."""
    gazetteer = places.Gazetteer.for_settings(config)
    metrics = config["TIMELINE_METRICS"]
    type_rules = config["TIMELINE_EVENT_TYPES"]
    published = article.published.isoformat()

    # "3/4/12": the article's own locale (Lang metadata), else its source's country, else the site's order.
    date_order = dates.date_order_for(article.lang, config["TIMELINE_DATE_ORDER"],
                                      country=(config["TIMELINE_SOURCE_COUNTRIES"] or {}).get(article.source or ""))
    every = dates.find_timexes(article.text, article.published, date_order=date_order)
    # dates outside TIMELINE_YEAR_RANGE ("1 January 1650", "12/31/9999") are reported, never used
    years = year_range(config)
    timexes = [t for t in every if not dates.outside_years(t, years)]
    far = [t for t in every if dates.outside_years(t, years)]
    far_starts = [t.start for t in far]
    order = sorted(range(len(timexes)), key=lambda i: timexes[i].start)
    starts = [timexes[i].start for i in order]
    sentences = split_sentences(article.text)  # once: the look-ahead for the first reporter and the main pass
    attribution = figures.AttributionContext.for_article(s.text for s in sentences)
    events: list[Event] = []
    found_tallies = []
    unattributed: list[Tally] = []  # the last sentence's tallies, when it named no reporter
    window = tallies.ReportWindow()  # the reporting window the article named last
    problems: list[Problem] = []
    context = _Context()
    covered: tuple[int, tuple[str, str | None, str | None]] | None = None  # the last total over a span, and its sentence
    last_span = None  # the span of the last figure read: a breakdown after it ("- 40 including ...") shares it
    # where the report's story happens: provinces named in its title and events so far
    story_places: Counter[str] = Counter()
    story_places.update(p.admin1 for p in places.event_places(article.title or "", gazetteer) if p.admin1)

    def tallies_in(text: str, start: int, end: int, reporter: str | None = None) -> list[Tally]:
        credit = tallies.credited_back(text) if unattributed else None  # read only when counts wait for a reporter
        if credit and unattributed:  # "This was reported by the governor": the counts just before are the governor's
            credited = {id(t) for t in unattributed}
            found_tallies[:] = [replace(t, attributed_to=attribution.resolve(credit) or credit) if id(t) in credited else t
                                for t in found_tallies]
        unattributed.clear()
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
            window=window,
        )
        found_tallies.extend(found)
        if found and figures.find_attribution(text) is None:
            unattributed.extend(found)
        problems.extend(_with_path(p, article.path) for p in tally_problems)
        return found

    # A table reaches us one row per line; its rows are only a tally together.
    named: tuple[list[int], list[str]] | None = None  # days named in the article, read at the first possessive period
    tables = {start: (end, block) for start, end, block in tallies.table_blocks(article.text)}
    table_end = 0
    table_starts: set[int] = set()  # the sentences read as table rows
    # A list given one entry a line is read with the line introducing it; its entry lines are no events.
    lists = {start: (end, block) for start, end, block in tallies.list_blocks(article.text)}
    list_entries = (0, 0)
    frame = eventdate.report_frame(article.title or "", [
        (s.text, s.start, anchors(s, _within(timexes, starts, order, s.start, s.end), article.published))
        for s in sentences[: eventdate.LEAD_SENTENCES] if s.start < eventdate.LEAD_CHARS], article.published)

    def ahead(index: int) -> eventdate.Dated | None:
        """The day the sentences after ``index`` first name for a happening (``eventdate.lead_day``)."""
        later = []
        for s in sentences[index + 1 : index + 1 + eventdate.LEAD_AHEAD]:
            later.append((s.text, s.start, _dating(s, anchors(s, _within(timexes, starts, order, s.start, s.end), article.published))))
        return eventdate.lead_day(later, frame)

    for index, sentence in enumerate(sentences):
        deadline.check()
        # a line break before the sentence opens a paragraph (a quoted speaker's words end with theirs)
        attribution.observe(sentence.text, new_paragraph="\n" in article.text[sentences[index - 1].end if index else 0 : sentence.start])
        window.observe(sentence.text, article.published)
        if sentence.start in tables:
            table_end, block = tables[sentence.start]
            tallies_in(block, sentence.start, table_end, attribution.last_reporter)
        if table_end and sentence.start < table_end:
            table_starts.add(sentence.start)
            continue  # a table row is part of the table's tally, not an event of its own
        if list_entries[0] <= sentence.start < list_entries[1]:
            table_starts.add(sentence.start)
            continue  # an entry of the list read with its introduction
        listed = lists.get(sentence.start)
        if listed:
            list_entries = (sentence.end, listed[0])
        own = _within(timexes, starts, order, sentence.start, sentence.end)
        lost = far[bisect.bisect_left(far_starts, sentence.start) : bisect.bisect_left(far_starts, sentence.end)]
        if lost:
            problems.extend(_far_date(article.path, t, years, sentence.text, used=bool(own)) for t in lost)
            if not own:
                continue  # its only dates lie outside the site's years: no event, never a wrong date
        every_timex = own  # spans read "since 31 July" too, which anchors leave out
        relative = [t.shifted(sentence.start) for t in every_timex]
        # "Up to the 16th day of the war, ...": the counts stated after it are running totals
        last_span = spans.header_span(sentence.text, relative, article.published) or last_span
        sentence_tallies = (tallies_in(listed[1], sentence.start, listed[0], attribution.last_reporter) if listed
                            else tallies_in(sentence.text, sentence.start, sentence.end))

        if own and _own_line(article.text, sentences, index):
            heading = eventdate.heading_day(sentence.text, sentence.start, own, frame)
            if heading is not None and frame.story(heading.date):  # "5 March:" over the lines of that day
                context = replace(context, story=(heading.date, "day", heading.text, None))
        own = anchors(sentence, own, article.published)
        dating = _dating(sentence, own)
        dated = _day_dated(dating)
        full_type = event_types.classify(sentence.text, type_rules)
        if (full_type == "other" and not sentence_tallies and not dated and not _timed(sentence, dating)
                and not eventness.may_happen(sentence.text) and not figures.has_cue(sentence.text, metrics)):
            continue  # nothing here could make an event: skip the structural checks
        verdict = eventness.assess(sentence.text, title=article.title, dated=dated)
        if verdict.reason in STATED and figures.has_cue(sentence.text, metrics) and eventness.reports_count(sentence.text):
            # "Activists say the death toll now stands at 7,000": the statement of a count is the event
            if figures.find_figures(sentence.text, metrics, attribution):
                verdict = replace(verdict, is_event=True, reason="event")
        if not verdict.is_event:
            if verdict.reason in TOLD_NOT_EVENT and figures.has_cue(sentence.text, metrics):
                problems.extend(_not_an_event(article.path, sentence.text, verdict.reason,
                                              figures.find_figures(sentence.text, metrics, attribution)))
            continue
        sentence_figures = figures.find_figures(sentence.text, metrics, attribution)
        if not sentence_tallies:
            problems.extend(_unread(article.path, sentence.text, sentence_figures, metrics))
        # Negated clauses neither type the event nor make it one.
        event_type = full_type if verdict.masked == sentence.text else event_types.classify(verdict.masked, type_rules)
        asserted = [f for f in sentence_figures if not f.text or f.text in verdict.masked]
        if event_type == "other" and not asserted and not sentence_tallies and not eventness.happening(
                verdict.masked, _day_dated(_asserted(own, sentence, verdict.masked)) and not verdict.negated_main,
                timed=_timed(sentence, _asserted(dating, sentence, verdict.masked)) and not verdict.negated_main):
            problems.extend(_not_an_event(article.path, sentence.text, "negated or quoted", sentence_figures))
            continue

        if _POSSESSIVE.search(sentence.text) and named is None:
            named = _named_days(timexes, order)
        earlier = _earlier_days(named, sentence) if named is not None and _POSSESSIVE.search(sentence.text) else ()
        event, context = _event(article, sentence, index, own, context, event_type, sentence_figures, gazetteer, story_places, earlier,
                                frame, ahead)
        event = replace(event, figures=spans.with_spans(
            sentence.text, event.figures, relative, article.published, last_span, _day_of(event)))
        if event.span == "period" and event.figures:  # a summary's line: its counts without a time of their own are the period's
            event = replace(event, figures=tuple(
                replace(f, span="period", period_start=event.period_start, period_end=event.period_end, cumulative=False)
                if f.span == "day" and not f.day else f for f in event.figures))
        if event.figures:
            last_span = spans.span_of(event.figures[-1])
        event = period_event(event, context.own_date, verdict.masked,
                             covered[1] if covered and index - covered[0] <= CARRY_SENTENCES else None)
        if event.figures or (context.own_date and event.granularity == "day"):  # a total just given, for what points back to it
            told = told_span(event)
            covered = (index, told) if told else None
        for tally in sentence_tallies:
            aligned = spans.align_tally(tally, event.figures, article.published)
            if aligned is not tally:
                found_tallies[next(i for i, t in enumerate(found_tallies) if t is tally)] = aligned
        # a toll stated with its breakdown ("put the toll at 84; 25 died near a village, another 34 elsewhere in
        # Idlib and 14 in Homs") is one event: its places' counts are its tally's, not clauses of their own
        stated = any(t.stated_total is not None for t in sentence_tallies)
        for part in [event] if stated else split_by_place(event):
            events.append(part)
            story_places.update(p.admin1 for p in part.places if p.admin1 and p.text)

    events = _with_since_events(article, sentences, timexes, starts, order, events, frame, gazetteer, type_rules, table_starts)
    return Extraction(
        article=article,
        events=tuple(ids.with_event_ids(events)),  # repeated sentences get distinct ids
        tallies=tuple(ids.with_tally_ids(tallies.merge_restatements(found_tallies))),
        problems=tuple(tallies.drop_restated_warnings(problems, found_tallies)),
    )


# Why a sentence that tells something is still no event (eventness.assess's reasons). A figure in
# one is reported, never dropped silently; a repeated headline or page furniture is not.
# Verdicts that a reported count overrides: nothing happens in the sentence but the statement.
STATED = frozenset({"no event verb", "analysis"})

TOLD_NOT_EVENT = frozenset({"question", "negated", "no event verb", "hypothetical", "background"})


def _not_an_event(path: str, sentence: str, reason: str, found: Sequence[Any]) -> list[Problem]:
    """A warning for figures read in a sentence that is no event, with why and the sentence.

    >>> from generator.model import Figure
    >>> [p.reason for p in _not_an_event("a.md", "Civilians, at 2,100, were most of those killed.", "no event verb",
    ...                                  [Figure("killed", 2100)])]
    ['figure in a sentence not read as an event (no event verb; killed=2100): Civilians, at 2,100, were most of those killed.']
    """
    if not found:
        return []
    listed = ", ".join(f"{f.metric}={f.value}" for f in found)
    return [Problem(path, "figures", f"figure in a sentence not read as an event ({reason}; {listed}): {sentence.strip()}", "warning")]


def _unread(path: str, sentence: str, found: Sequence[Any], metrics: Any) -> list[Problem]:
    """A warning for numbers next to a metric word that gave no figure, with the sentence."""
    unread = figures.unread_numbers(sentence, found, metrics)
    if not unread:
        return []
    numbers = ", ".join(repr(m.text) for m in unread)
    return [Problem(path, "figures", f"possible figure not read ({numbers}): {sentence.strip()}", "warning")]


def _event(
    article: Article,
    sentence: Sentence,
    index: int,
    own_timexes: Sequence[Timex],
    context: _Context,
    event_type: str,
    sentence_figures: Sequence[Any],
    gazetteer: Any,
    story_places: Counter[str] | None = None,
    earlier_days: Sequence[str] = (),
    frame: eventdate.Frame | None = None,
    ahead: Callable[[int], eventdate.Dated | None] | None = None,
) -> tuple[Event, _Context]:
    near = index - context.index <= CARRY_SENTENCES
    story = context.story
    summary: tuple[str, str] | None = None
    frame = frame or eventdate.Frame(article.published)
    report_day = dt.date.fromisoformat(story[0]) if story and story[1] == "day" else frame.day
    picked = eventdate.pick(sentence.text, sentence.start, own_timexes, report_day, earlier_days)
    resolved = (picked.date, picked.granularity, picked.text, picked.mod) if picked else None
    if resolved:
        date, granularity, date_text, date_mod = resolved
        if _story_date(resolved, article.published) and picked.role not in eventdate.NOT_STORY and frame.story(picked.date):
            story = resolved
    elif story:
        # An undated sentence continues the story: it takes the date of the
        # last event sentence in the report that was dated by its own words
        # (never a background clause's date, which ``anchors`` left out).
        date, granularity, date_text, date_mod = story
    elif (told := ahead(index) if ahead else None) is not None:
        # a lead before the day it tells of: "Gunmen killed 12 villagers, police said. The attack
        # came late on Sunday." The next sentences name the happening's day (eventdate.lead_day)
        date, granularity, date_text, date_mod = told.date, "day", told.text, None
    else:
        # the day the report covers: its title's or lead's, else the publication day; a summary's
        # line tells of the period stated at its top (``frame.period``), ending that day
        date, granularity, date_text, date_mod = frame.day.isoformat(), "day", frame.text, None
        summary = frame.period

    found_places = tuple(places.event_places(sentence.text, gazetteer))
    if not found_places and near and not resolved and not _OWN_SCOPE.search(sentence.text):
        # Carried over: the place is not named in this sentence, so its span
        # (surface form and offsets, which pointed into the previous one) is empty.
        carried = _story_subset(context.places, story_places)
        if _HELD_AREAS.search(sentence.text):
            carried = _province_of(carried)
        found_places = tuple(replace(p, text="", start=0, end=0) for p in carried)
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
        date_mod=date_mod,
    )
    if summary is not None:
        event = replace(event, span="period", period_start=summary[0], period_end=summary[1])
    return event, _Context(index, date, granularity, date_text, found_places, event_type, story, own_date=resolved is not None)


_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)


def _with_since_events(article: Article, sentences: Sequence[Sentence], timexes: Sequence[Timex], starts: list[int], order: list[int],
                       events: list[Event], frame: eventdate.Frame, gazetteer: Any, type_rules: Any, table_rows: set[int]) -> list[Event]:
    """The events, with after each sentence's the earlier happening its "since" clause names on its own day
    ("since the truce came into force on 2 March": ``eventdate.since_happening``).

    Whether or not the sentence is an event itself ("Breaches have grown since the truce came into force on
    2 March" tells of a state, but the truce's coming into force happened): the happening is told either
    way. Not in page furniture, a repeated headline or a table row. The new event tells no count (the
    sentence's figures are its running total's) and keeps the places named inside the clause.
    """
    by_start: dict[int, Event] = {}
    for e in events:
        by_start.setdefault(e.start, e)
    found = []
    for sentence in sentences:
        if sentence.start in table_rows or not _SINCE.search(sentence.text):
            continue
        told = by_start.get(sentence.start)
        report = (_day_of(told) if told else None) or frame.day
        own = _within(timexes, starts, order, sentence.start, sentence.end)
        since = eventdate.since_happening(sentence.text, sentence.start, own, report)
        if since is None or eventness.furniture(sentence.text.strip()) or sentence.text.strip() == (article.title or "").strip():
            continue
        start, end, dated = since
        clause = sentence.text[start:end]
        where = tuple(replace(p, start=p.start + start, end=p.end + start) for p in places.event_places(clause, gazetteer))
        found.append(Event(
            id=event_id(article.slug, sentence.start, sentence.text), article=article.slug, date=dated.date, granularity="day",
            date_text=dated.text, sentence=sentence.text, start=sentence.start, end=sentence.end,
            type=event_types.classify(clause, type_rules), places=where, actors=tuple(event_types.find_actors(clause)),
            source=article.source, source_url=article.source_url, article_url=article.url, article_title=article.title))
    if not found:
        return events
    return sorted(events + found, key=lambda e: e.start)  # stable: a sentence's own events before its earlier happening


def _story_date(resolved: tuple[str, str, str, str | None], published: dt.date) -> bool:
    """Whether a sentence's own date becomes the story's date for the undated sentences after it.

    Only a day in the past of the report does: a week, month or year ("more
    than 100 have been killed in the past week", "vetoed last month") recalls
    a period, and a day after publication ("tomorrow we hope to enter") is a
    plan, so neither is the day the next sentence continues.

    >>> _story_date(("2012-02-24", "day", "on Friday", None), dt.date(2012, 2, 25))
    True
    >>> _story_date(("2012-02-26", "day", "tomorrow", None), dt.date(2012, 2, 25))
    False
    >>> _story_date(("2011-10", "month", "last month", None), dt.date(2011, 11, 6))
    False
    """
    date, granularity = resolved[:2]
    return granularity == "day" and date <= published.isoformat()


def _with_path(problem: Problem, path: str) -> Problem:
    return problem if problem.path else Problem(path, problem.stage, problem.reason, problem.severity)

