"""Aggregate: every article's extraction → sorted events, deduplicated tallies, daily bulletins.

Pure functions with a deterministic order: the same extractions, in any
order, give the same result.

**Tallies** – one report carried by several outlets (or repeated in a
follow-up) counts once: tallies with the same date, metric, per-place
counts and total, whose reporters are compatible (equal, one unnamed, or
sharing a distinctive word: "Russian Defense Ministry" and "Russian Center
for reconciliation ..." are the same source; "Russian side" and "Turkish
side" are not) merge into one ``Tally`` whose ``sources`` lists every
(article, sentence start).

**Bulletins** – one per day that has a day-granularity event or a tally.
Events dated only to a month or year are on the timeline but on no day's
bulletin.

**Spans** – only figures that count one day (``figure_span`` is ``day``)
feed a day's key figures, and so its charts and metric feeds. A total over
several days ("in two days", "over Monday and Tuesday") or a running total
("since 31 July") is a ``ReportedTotal`` on the bulletin of the day it was
reported (the article's publication date): "613 killed, 31 Jul – 31 Aug".

**Key figures** – for each metric in ``key_metrics``, claims come from
tallies' totals and from events' day figures (a sentence whose list became
a tally contributes the tally, not its figure again). Headline numbers are
grouped into *incidents*:

* claims from the same sentence, and all tallies of the metric (each a
  day-wide count by one monitor), are one incident;
* claims from the same article are one incident unless both name places
  and the places don't overlap;
* claims from different articles are one incident when their places
  overlap: same place, or one place is the other's province
  ("Aleppo" and "al-Hamdaniya, Aleppo"), or one is the whole country;
* a tally and an event claim are one incident when the event's places
  overlap the tally's places, or the event names none / only the country.

A claim whose places lie inside another claim's wider scope, its number no
larger ("4 died in Hama" beside "24 were killed across Syria", or beside
the day's tally), is a *part* of that count (``Claim.part``): listed, and
no end of the range (``wholes_and_parts``).

Within an incident, different sources are **never summed**: each source's
number is the largest it gave (for disjoint places it gave separately,
their sum), and the incident's range is ``low`` = the smallest source
number, ``high`` = the largest. Different incidents the same day are
added up: the day's ``low``/``high`` are the sums of the incidents'
lows/highs. Ranges ("10 to 15") count 10 towards ``low`` and 15 towards
``high``. Qualifiers ("at least", "about") are kept with the numbers they
qualify (``low_qualifier``/``high_qualifier``): a sum with one "at least"
part is "at least" (``combine_qualifiers``).

**Change** – shown only when it means something: this day's ``high`` minus
the previous *calendar day's* ``high`` for the metric, when both days'
figures come from one and the same named source, cover the same places
(the same provinces; a tally or a national figure is the whole country),
are single numbers (not a range across sources) with the same qualifier.
Otherwise ``change`` is ``None`` and no comparison is shown: a gap of
days, another year, another source or another place are not "a change".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator import incidents
from generator.model import (
    OTHER_PLACES,
    Bulletin,
    Claim,
    Event,
    Extraction,
    Figure,
    Incident,
    KeyFigure,
    Place,
    ReportedTotal,
    Tally,
    own_reporting,
)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Words too common in reporter names to show two names are the same source.
_GENERIC_WORDS = frozenset(
    "the of for in and on a an side ministry center centre office agency news state television tv media "
    "official officials group forces army military committee council national local sources monitor "
    "defense defence reconciliation warring parties said government".split()
)


# -- tallies -----------------------------------------------------------------------------


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _GENERIC_WORDS}


def same_reporter(a: str | None, b: str | None) -> bool:
    """Could these two names be the same source?

    >>> same_reporter("Russian Defense Ministry", "Russian Center for reconciliation of the warring parties in Syria")
    True
    >>> same_reporter("Russian side", "Turkish side")
    False
    """
    if a is None or b is None or a.lower() == b.lower():
        return True
    return bool(_name_words(a) & _name_words(b))


def _tally_key(t: Tally) -> tuple:
    return (t.date, t.metric, tuple(sorted(t.by_place.items())), t.total)


def _tally_order(t: Tally) -> tuple:
    return (t.date, t.metric, t.article, t.start, t.end, t.attributed_to or "", tuple(t.by_place.items()))


def dedupe_tallies(tallies: Iterable[Tally]) -> list[Tally]:
    """One tally per report; ``sources`` lists every (article, start) that carried it.

    The first carrier in (date, metric, article, start) order is kept as the
    representative; a missing reporter or stated total is taken from another
    carrier.
    """
    clusters: list[list[Tally]] = []
    index: dict[tuple, list[int]] = {}
    for tally in sorted(tallies, key=_tally_order):
        key = _tally_key(tally)
        for i in index.get(key, []):
            if all(same_reporter(tally.attributed_to, other.attributed_to) for other in clusters[i]):
                clusters[i].append(tally)
                break
        else:
            index.setdefault(key, []).append(len(clusters))
            clusters.append([tally])
    merged = []
    for cluster in clusters:
        first = cluster[0]
        sources = sorted({s for t in cluster for s in (t.sources or ((t.article, t.start),))})
        reporter = first.attributed_to or next((t.attributed_to for t in cluster if t.attributed_to), None)
        stated = first.stated_total if first.stated_total is not None else next(
            (t.stated_total for t in cluster if t.stated_total is not None), None)
        merged.append(dataclasses.replace(first, sources=tuple(sources), attributed_to=reporter, stated_total=stated))
    return sorted(merged, key=_tally_order)


# -- spans and qualifiers ---------------------------------------------------------------------


def figure_span(figure: Figure) -> str:
    """What stretch of time a figure counts: ``day``, ``period`` or ``cumulative``.

    >>> figure_span(Figure("killed", 3)), figure_span(Figure("killed", 613, cumulative=True))
    ('day', 'cumulative')
    """
    span = getattr(figure, "span", None)
    if span:
        return str(span)
    return "cumulative" if figure.cumulative else "day"


def tally_span(tally: Tally) -> str:
    """A tally's span (``day`` unless extraction says otherwise)."""
    return str(getattr(tally, "span", None) or "day")


# Qualifiers that make a number a lower bound, or an upper bound; any other
# ("about", "some", "an estimated") makes it approximate.
LOWER_BOUND = frozenset({"at least", "more than", "over", "no fewer than", "no less than", "upwards of", "in excess of"})
UPPER_BOUND = frozenset({"up to", "as many as", "at most", "nearly", "almost", "fewer than", "less than", "under",
                         "no more than"})


def combine_qualifiers(qualifiers: Iterable[str | None]) -> str | None:
    """The qualifier of a sum of numbers that carry these qualifiers.

    An exact part does not change the others' qualifier; bounds of one
    direction stay a bound; anything mixed is only approximate.

    >>> combine_qualifiers([None, None]), combine_qualifiers([None, "up to"])
    (None, 'up to')
    >>> combine_qualifiers(["at least", "more than"]), combine_qualifiers(["nearly", "at least"])
    ('at least', 'about')
    """
    given = sorted({q.lower() for q in qualifiers if q})
    if not given:
        return None
    if len(given) == 1:
        return given[0]
    if all(q in LOWER_BOUND for q in given):
        return "at least"
    if all(q in UPPER_BOUND for q in given):
        return "up to"
    return "about"


def _extreme(pairs: Sequence[tuple[int, str | None]], pick: Callable[[Iterable[int]], int]) -> tuple[int, str | None]:
    """The smallest/largest number and its qualifier; an exact claim of that number wins a tie."""
    value = pick(v for v, _ in pairs)
    tied = [q for v, q in pairs if v == value]
    return value, None if any(q is None for q in tied) else combine_qualifiers(tied)


# -- incidents ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """One claim with what clustering needs to know about where it came from."""

    claim: Claim
    low: int
    high: int
    qualifier: str | None
    article: str
    sentences: tuple[tuple[str, int], ...]
    places: tuple[Place, ...]
    is_tally: bool
    order: tuple


def _places_overlap(a: Sequence[Place], b: Sequence[Place]) -> bool:
    for p in a:
        for q in b:
            if p.name == q.name:
                return True
            if p.admin1 and (p.admin1 == q.name and q.kind in ("admin1", "city")):
                return True
            if q.admin1 and (q.admin1 == p.name and p.kind in ("admin1", "city")):
                return True
            if (p.kind == "country" or q.kind == "country") and p.country == q.country:
                return True
    return False


def _only_country(places: Sequence[Place]) -> bool:
    return not places or all(p.kind == "country" for p in places)


def same_incident(a: _Item, b: _Item) -> bool:
    """The linking rule described in the module docstring."""
    if set(a.sentences) & set(b.sentences):
        return True
    if a.is_tally and b.is_tally:
        return True
    if a.is_tally or b.is_tally:
        event = b if a.is_tally else a
        tally = a if a.is_tally else b
        return _only_country(event.places) or _places_overlap(event.places, tally.places)
    if a.article == b.article and (not a.places or not b.places):
        return True
    return _places_overlap(a.places, b.places)


def _clusters(items: Sequence[_Item]) -> list[list[_Item]]:
    groups = incidents.connected_groups(len(items), lambda i, j: same_incident(items[i], items[j]))
    return sorted((sorted((items[i] for i in g), key=lambda x: x.order) for g in groups), key=lambda g: g[0].order)


# (low, low qualifier, high, high qualifier)
_Range = tuple[int, "str | None", int, "str | None"]


def _sum_ranges(ranges: Sequence[_Range]) -> _Range:
    return (sum(r[0] for r in ranges), combine_qualifiers(r[1] for r in ranges),
            sum(r[2] for r in ranges), combine_qualifiers(r[3] for r in ranges))


def _source_range(items: Sequence[_Item]) -> _Range:
    """One source's number for an incident: the largest per sub-incident, summed over disjoint ones."""
    parts = []
    for sub in _clusters(items):
        low, low_q = _extreme([(x.low, x.qualifier) for x in sub], max)
        high, high_q = _extreme([(x.high, x.qualifier) for x in sub], max)
        parts.append((low, low_q, high, high_q))
    return _sum_ranges(parts)


def incident_range(items: Sequence[_Item]) -> _Range:
    """(low, its qualifier, high, its qualifier) across the sources of one incident – never a sum across sources."""
    by_source: dict[str, list[_Item]] = {}
    for item in items:
        by_source.setdefault((item.claim.attributed_to or "").lower(), []).append(item)
    ranges = [_source_range(group) for _, group in sorted(by_source.items())]
    low, low_q = _extreme([(r[0], r[1]) for r in ranges], min)
    high, high_q = _extreme([(r[2], r[3]) for r in ranges], max)
    return low, low_q, high, high_q


# -- claims ---------------------------------------------------------------------------------------


def _figure_claim(figure: Figure, event: Event) -> tuple[Claim, int, int]:
    value, low, high, qualifier = figure.value, figure.value, figure.value, figure.qualifier
    if figure.value_max is not None and figure.value_max > figure.value:
        # shown as "between 10 and 15": the claim's value is the top of the range
        value, high = figure.value_max, figure.value_max
        qualifier = f"between {figure.value} and"
    claim = Claim(
        metric=figure.metric,
        value=value,
        qualifier=qualifier,
        attributed_to=figure.attributed_to,
        subgroup=figure.subgroup,
        event_ids=(event.id,),
        places=tuple(dict.fromkeys(p.name for p in event.places)),
        own_reporting=own_reporting(figure, event),
    )
    return claim, low, high


def _tally_places(tally: Tally) -> tuple[Place, ...]:
    return tuple(Place(name, name, "", "admin1", name) for name in tally.by_place if name != OTHER_PLACES)


def _items_for(metric: str, events: Sequence[Event], tallies: Sequence[Tally],
               counted: Sequence[Event] | None = None) -> tuple[list[_Item], list[_Item]]:
    """Headline items and subgroup items of one metric on one day.

    ``counted`` are the events whose day figures count on that day (:func:`counted_on`); ``events`` when None.
    """
    tallied = {s for t in tallies if t.metric == metric for s in (t.sources or ((t.article, t.start),))}
    by_sentence = {(e.article, e.start): e.id for e in events}
    headline: list[_Item] = []
    subgroups: list[_Item] = []
    for tally in tallies:
        if tally.metric != metric or tally_span(tally) != "day":
            continue
        sources = tally.sources or ((tally.article, tally.start),)
        claim = Claim(
            metric=metric,
            value=tally.total,
            qualifier=None,
            attributed_to=tally.attributed_to,
            subgroup=None,
            event_ids=tuple(sorted({by_sentence[s] for s in sources if s in by_sentence})),
            places=tuple(p for p in tally.by_place if p != OTHER_PLACES),
        )
        headline.append(_Item(claim, tally.total, tally.total, None, tally.article, tuple(sources), _tally_places(tally),
                              True, (tally.article, tally.start, 0)))
    for event in events if counted is None else counted:
        if (event.article, event.start) in tallied:
            continue
        for n, figure in enumerate(event.figures):
            if figure.metric != metric or figure_span(figure) != "day":
                continue
            claim, low, high = _figure_claim(figure, event)
            item = _Item(claim, low, high, figure.qualifier, event.article, ((event.article, event.start),),
                         event.places, False, (event.article, event.start, n + 1))
            (subgroups if figure.subgroup else headline).append(item)
    return headline, subgroups


def _part_of(a: _Item, b: _Item) -> bool:
    """Is ``a`` a part of ``b``: its places inside ``b``'s wider scope and its number no larger?

    A tally counts the day over the country, or over the provinces it lists.
    """
    if a.is_tally or a.high > b.high or not a.places or any(p.kind == "country" for p in a.places):
        return False
    if b.is_tally:
        listed = {p.name for p in b.places}
        return not listed or all((p.admin1 or p.name) in listed for p in a.places)
    return incidents.lies_within(a.places, b.places)


def wholes_and_parts(items: Sequence[_Item]) -> tuple[list[_Item], list[_Item]]:
    """The day's headline items, and those that are a part of another (claim marked ``part``).

    "4 died in Hama" beside "24 were killed across Syria", or beside a
    day's tally, is a part of that count, not a rival one: it is listed, and
    no end of the range.
    """
    wholes: list[_Item] = []
    parts: list[_Item] = []
    for item in items:
        if any(_part_of(item, other) for other in items if other is not item):
            parts.append(dataclasses.replace(item, claim=dataclasses.replace(item.claim, part=True)))
        else:
            wholes.append(item)
    return wholes, parts


def _merge_claims(items: Iterable[_Item]) -> list[Claim]:
    """Identical claims (same source, number, qualifier, subgroup) shown once with all their events."""
    merged: dict[tuple, Claim] = {}
    first_seen: dict[tuple, tuple] = {}
    for item in items:
        c = item.claim
        key = (c.attributed_to, c.value, c.qualifier, c.subgroup)
        if key in merged:
            old = merged[key]
            merged[key] = dataclasses.replace(
                old,
                event_ids=tuple(sorted(set(old.event_ids) | set(c.event_ids))),
                places=tuple(dict.fromkeys(old.places + c.places)),
                own_reporting=tuple(dict.fromkeys(old.own_reporting + c.own_reporting)),
                part=old.part and c.part,
            )
        else:
            merged[key] = c
            first_seen[key] = item.order
    # headline claims first, each group in the order the reports were read
    return [merged[k] for k in sorted(merged, key=lambda k: (k[3] is not None, first_seen[k], k[0] or "", k[1], k[2] or "", k[3] or ""))]


@dataclass(frozen=True, slots=True)
class Basis:
    """What a day's key figure stands on, to decide whether two days compare.

    ``sources`` are the distinct reporters (lower case, None when one is not
    named); ``scope`` the provinces covered (``country:*`` for a tally, a
    day-wide count over the country), None when a claim names no place.
    """

    sources: tuple[str | None, ...]
    scope: frozenset[str] | None
    exact: bool  # one number, not a range
    qualifier: str | None


def _item_scope(item: _Item) -> frozenset[str] | None:
    if item.is_tally:
        return frozenset({"country:*"})
    provinces = {p.admin1 or p.name for p in item.places if p.kind != "country"}
    if provinces:
        return frozenset(provinces)
    countries = {f"country:{p.country}" for p in item.places if p.kind == "country"}
    return frozenset(countries) if countries else None


def _basis(headline: Sequence[_Item], kf: KeyFigure) -> Basis:
    scopes = [_item_scope(x) for x in headline]
    scope = None if any(s is None for s in scopes) else frozenset().union(*scopes)  # type: ignore[arg-type]
    sources = tuple(sorted({(x.claim.attributed_to or "").lower() or None for x in headline}, key=lambda s: s or ""))
    return Basis(sources, scope, kf.low == kf.high and kf.low_qualifier == kf.high_qualifier, kf.high_qualifier)


def comparable(today: Basis, before: Basis) -> bool:
    """May today's number be shown as a change from the day before's?

    One named source on both days (the same one), the same places, single
    numbers with the same qualifier.
    """
    if len(today.sources) != 1 or len(before.sources) != 1 or None in today.sources + before.sources:
        return False
    return (
        same_reporter(today.sources[0], before.sources[0])
        and today.scope is not None and today.scope == before.scope
        and today.exact and before.exact and today.qualifier == before.qualifier
    )


def _key_figure_and_basis(metric: str, events: Sequence[Event], tallies: Sequence[Tally],
                          counted: Sequence[Event] | None = None) -> tuple[KeyFigure, Basis] | None:
    headline, subgroups = _items_for(metric, events, tallies, counted)
    if not headline:
        return None
    headline, parts = wholes_and_parts(headline)
    low, low_q, high, high_q = _sum_ranges([incident_range(incident) for incident in _clusters(headline)])
    kf = KeyFigure(metric=metric, low=low, high=high, claims=tuple(_merge_claims(headline + parts + subgroups)),
                   low_qualifier=low_q, high_qualifier=high_q)
    return kf, _basis(headline, kf)


def key_figure(metric: str, events: Sequence[Event], tallies: Sequence[Tally]) -> KeyFigure | None:
    """A metric's key figure for one day's events and tallies (``change`` not set)."""
    found = _key_figure_and_basis(metric, events, tallies)
    return found[0] if found else None


# -- totals over more than a day ---------------------------------------------------------------------


def _total_of(figure: Figure, event: Event) -> ReportedTotal:
    return ReportedTotal(
        metric=figure.metric,
        value=figure.value,
        qualifier=figure.qualifier,
        attributed_to=figure.attributed_to,
        subgroup=figure.subgroup,
        span=figure_span(figure),
        period_start=getattr(figure, "period_start", None),
        period_end=getattr(figure, "period_end", None),
        event_ids=(event.id,),
        places=tuple(dict.fromkeys(p.name for p in event.places)),
        value_max=figure.value_max,
        own_reporting=own_reporting(figure, event),
    )


def reported_totals(
    events: Iterable[Event], reported_on: Callable[[Event], str | None], metric_order: Sequence[str] = ()
) -> dict[str, list[ReportedTotal]]:
    """Day → the period and running totals reported that day, one entry per distinct total.

    ``reported_on(event)`` is the day the event's article was published.
    Totals of the ``metric_order`` metrics come first, in that order; the
    same total said in several sentences or outlets is one entry.
    """
    found: dict[str, dict[tuple, ReportedTotal]] = {}
    first: dict[tuple, tuple] = {}
    for event in sorted(events, key=_event_order):
        day = reported_on(event)
        if not day or not _DAY.match(day):
            continue
        for n, figure in enumerate(event.figures):
            if figure_span(figure) == "day":
                continue
            total = _total_of(figure, event)
            key = (day, total.metric, total.value, total.value_max, total.qualifier,
                   (total.attributed_to or "").lower(), total.subgroup, total.span, total.period_start, total.period_end)
            same_day = found.setdefault(day, {})
            if key in same_day:
                old = same_day[key]
                same_day[key] = dataclasses.replace(
                    old, event_ids=old.event_ids + (event.id,), places=tuple(dict.fromkeys(old.places + total.places)),
                    own_reporting=tuple(dict.fromkeys(old.own_reporting + total.own_reporting)))
            else:
                same_day[key] = total
                first[key] = (event.date, event.article, event.start, n)
    rank = {m: i for i, m in enumerate(metric_order)}

    def order(key: tuple) -> tuple:
        metric, subgroup = key[1], key[6]
        return (rank.get(metric, len(rank)), metric, subgroup is not None, first[key])

    return {day: [totals[k] for k in sorted(totals, key=order)] for day, totals in found.items()}


# -- bulletins --------------------------------------------------------------------------------------


def _event_order(e: Event) -> tuple:
    return (e.date, e.article, e.start, e.id)


def day_before(day: str) -> str:
    """The previous calendar day.

    >>> day_before("2017-01-01")
    '2016-12-31'
    """
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def figure_day(figure: Figure, event: Event) -> str | None:
    """The day a day figure counts: its own (``figure.day``) when its clause names one, else its event's.

    >>> e = Event(id="e", article="a", date="2011-12-19", granularity="day", date_text=None, sentence="", start=0, end=1,
    ...           type="shelling", places=(), figures=())
    >>> figure_day(Figure("killed", 250), e), figure_day(Figure("killed", 269, day="2011-12-20"), e)
    ('2011-12-19', '2011-12-20')
    """
    own = getattr(figure, "day", None)
    if own:
        return str(own)
    return event.date if event.granularity == "day" and _DAY.match(event.date) else None


def counted_on(events: Iterable[Event]) -> dict[str, list[Event]]:
    """Day → the events whose day figures count on it, each holding only that day's figures.

    An event whose figures all count its own day is kept as it is; "250 died
    over Monday and Tuesday, while another source said 269 were killed on
    Tuesday alone", dated Monday, gives Tuesday an event with the 269 only.
    Events with no day figure count nowhere.
    """
    out: dict[str, list[Event]] = {}
    for event in sorted(events, key=_event_order):
        days: dict[str, list[Figure]] = {}
        for figure in event.figures:
            if figure_span(figure) != "day":
                continue
            day = figure_day(figure, event)
            if day:
                days.setdefault(day, []).append(figure)
        for day, figures in days.items():
            whole = day == event.date and len(figures) == sum(figure_span(f) == "day" for f in event.figures)
            out.setdefault(day, []).append(event if whole else dataclasses.replace(event, figures=tuple(figures)))
    return out


def build_bulletins(
    events: Sequence[Event], tallies: Sequence[Tally], key_metrics: Sequence[str],
    published: Mapping[str, str] | None = None,
    group: Callable[[list[Event], list[Tally]], list[Incident]] = incidents.group,
) -> list[Bulletin]:
    """One bulletin per day with day-granularity events, tallies or reported totals, linked in date order.

    ``published`` maps an article slug to its publication day, the day its
    period and running totals were reported (an event's own day when the
    article is unknown). ``group`` makes a day's incidents: ``incidents.group``,
    or the same kept between builds (``memo.StepMemo``).
    """
    day_events: dict[str, list[Event]] = {}
    for event in events:
        # an event telling of a span ("Of the total, 221 were killed by air strikes") is no incident of
        # its day: its figures are listed with the totals reported that day
        if event.granularity == "day" and _DAY.match(event.date) and event.span == "day":
            day_events.setdefault(event.date, []).append(event)
    counted = counted_on(events)  # what the key figures count: each day figure on its own day
    day_tallies: dict[str, list[Tally]] = {}
    for tally in tallies:
        if _DAY.match(tally.date):
            day_tallies.setdefault(tally.date, []).append(tally)

    def reported_on(event: Event) -> str | None:
        if published and event.article in published:
            return published[event.article]
        return event.date if event.granularity == "day" else None

    totals = reported_totals(events, reported_on, key_metrics)
    days = sorted(set(day_events) | set(day_tallies) | set(totals) | set(counted))
    bulletins: list[Bulletin] = []
    bases: dict[tuple[str, str], tuple[KeyFigure, Basis]] = {}
    previous: Bulletin | None = None
    for day in days:
        todays_events = sorted(day_events.get(day, []), key=_event_order)
        todays_tallies = sorted(day_tallies.get(day, []), key=lambda t: (t.metric, -t.total, t.article, t.start))
        figures: list[KeyFigure] = []
        for metric in key_metrics:
            found = _key_figure_and_basis(metric, todays_events, todays_tallies, counted.get(day, []))
            if found is None:
                continue
            kf, basis = found
            bases[(day, metric)] = found
            before = bases.get((day_before(day), metric))
            if before and comparable(basis, before[1]):
                kf = dataclasses.replace(kf, change=kf.high - before[0].high)
            figures.append(kf)
        bulletin = Bulletin(date=day, events=todays_events, tallies=todays_tallies, key_figures=figures,
                            previous=previous.date if previous else None, totals=totals.get(day, []),
                            incidents=group(todays_events, todays_tallies))
        if previous:
            previous.next = day
        bulletins.append(bulletin)
        previous = bulletin
    return bulletins


def aggregate(
    extractions: Sequence[Extraction], key_metrics: Sequence[str],
    group: Callable[[list[Event], list[Tally]], list[Incident]] = incidents.group,
) -> tuple[list[Event], list[Tally], list[Bulletin]]:
    """All events sorted by (date, article, start), tallies deduplicated, daily bulletins.

    >>> aggregate([], ["killed"])
    ([], [], [])
    """
    events = sorted((e for x in extractions for e in x.events), key=_event_order)
    tallies = dedupe_tallies(t for x in extractions for t in x.tallies)
    published = {x.article.slug: x.article.published.isoformat() for x in extractions}
    return events, tallies, build_bulletins(events, tallies, key_metrics, published, group)
