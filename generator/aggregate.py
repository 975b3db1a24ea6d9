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

**Key figures** – for each metric in ``key_metrics``, claims come from
tallies' totals and from events' figures (running totals left out; a
sentence whose list became a tally contributes the tally, not its figure
again). Headline numbers are grouped into *incidents*:

* claims from the same sentence, and all tallies of the metric (each a
  day-wide count by one monitor), are one incident;
* claims from the same article are one incident unless both name places
  and the places don't overlap;
* claims from different articles are one incident when their places
  overlap: same place, or one place is the other's province
  ("Aleppo" and "al-Hamdaniya, Aleppo"), or one is the whole country;
* a tally and an event claim are one incident when the event's places
  overlap the tally's places, or the event names none / only the country.

Within an incident, different sources are **never summed**: each source's
number is the largest it gave (for disjoint places it gave separately,
their sum), and the incident's range is ``low`` = the smallest source
number, ``high`` = the largest. Different incidents the same day are
added up: the day's ``low``/``high`` are the sums of the incidents'
lows/highs. Ranges ("10 to 15") count 10 towards ``low`` and 15 towards
``high``; qualifiers ("at least", "about") are shown, not computed with.
``change`` is this day's ``high`` minus the previous bulletin's ``high``
for the metric (``None`` when that bulletin has none).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from generator.model import Bulletin, Claim, Event, Extraction, Figure, KeyFigure, Place, Tally

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


# -- incidents ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """One claim with what clustering needs to know about where it came from."""

    claim: Claim
    low: int
    high: int
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
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if same_incident(items[i], items[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[_Item]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    return sorted((sorted(g, key=lambda x: x.order) for g in groups.values()), key=lambda g: g[0].order)


def _source_range(items: Sequence[_Item]) -> tuple[int, int]:
    """One source's number for an incident: the largest per sub-incident, summed over disjoint ones."""
    low = high = 0
    for sub in _clusters(items):
        low += max(x.low for x in sub)
        high += max(x.high for x in sub)
    return low, high


def incident_range(items: Sequence[_Item]) -> tuple[int, int]:
    """(low, high) across the sources of one incident – never a sum across sources."""
    by_source: dict[str, list[_Item]] = {}
    for item in items:
        by_source.setdefault((item.claim.attributed_to or "").lower(), []).append(item)
    ranges = [_source_range(group) for _, group in sorted(by_source.items())]
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


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
    )
    return claim, low, high


def _tally_places(tally: Tally) -> tuple[Place, ...]:
    return tuple(Place(name, name, "", "admin1", name) for name in tally.by_place)


def _items_for(metric: str, events: Sequence[Event], tallies: Sequence[Tally]) -> tuple[list[_Item], list[_Item]]:
    """Headline items and subgroup items of one metric on one day."""
    tallied = {s for t in tallies if t.metric == metric for s in (t.sources or ((t.article, t.start),))}
    by_sentence = {(e.article, e.start): e.id for e in events}
    headline: list[_Item] = []
    subgroups: list[_Item] = []
    for tally in tallies:
        if tally.metric != metric:
            continue
        sources = tally.sources or ((tally.article, tally.start),)
        claim = Claim(
            metric=metric,
            value=tally.total,
            qualifier=None,
            attributed_to=tally.attributed_to,
            subgroup=None,
            event_ids=tuple(sorted({by_sentence[s] for s in sources if s in by_sentence})),
            places=tuple(tally.by_place),
        )
        headline.append(_Item(claim, tally.total, tally.total, tally.article, tuple(sources), _tally_places(tally), True,
                              (tally.article, tally.start, 0)))
    for event in events:
        if (event.article, event.start) in tallied:
            continue
        for n, figure in enumerate(event.figures):
            if figure.metric != metric or figure.cumulative:
                continue
            claim, low, high = _figure_claim(figure, event)
            item = _Item(claim, low, high, event.article, ((event.article, event.start),), event.places, False,
                         (event.article, event.start, n + 1))
            (subgroups if figure.subgroup else headline).append(item)
    return headline, subgroups


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
            )
        else:
            merged[key] = c
            first_seen[key] = item.order
    # headline claims first, each group in the order the reports were read
    return [merged[k] for k in sorted(merged, key=lambda k: (k[3] is not None, first_seen[k], k[0] or "", k[1], k[2] or "", k[3] or ""))]


def key_figure(metric: str, events: Sequence[Event], tallies: Sequence[Tally]) -> KeyFigure | None:
    """A metric's key figure for one day's events and tallies (``change`` not set)."""
    headline, subgroups = _items_for(metric, events, tallies)
    if not headline:
        return None
    low = high = 0
    for incident in _clusters(headline):
        lo, hi = incident_range(incident)
        low, high = low + lo, high + hi
    return KeyFigure(metric=metric, low=low, high=high, claims=tuple(_merge_claims(headline + subgroups)))


# -- bulletins --------------------------------------------------------------------------------------


def _event_order(e: Event) -> tuple:
    return (e.date, e.article, e.start, e.id)


def build_bulletins(events: Sequence[Event], tallies: Sequence[Tally], key_metrics: Sequence[str]) -> list[Bulletin]:
    """One bulletin per day with day-granularity events or tallies, linked in date order."""
    day_events: dict[str, list[Event]] = {}
    for event in events:
        if event.granularity == "day" and _DAY.match(event.date):
            day_events.setdefault(event.date, []).append(event)
    day_tallies: dict[str, list[Tally]] = {}
    for tally in tallies:
        if _DAY.match(tally.date):
            day_tallies.setdefault(tally.date, []).append(tally)
    days = sorted(set(day_events) | set(day_tallies))
    bulletins: list[Bulletin] = []
    previous: Bulletin | None = None
    for day in days:
        todays_events = sorted(day_events.get(day, []), key=_event_order)
        todays_tallies = sorted(day_tallies.get(day, []), key=lambda t: (t.metric, -t.total, t.article, t.start))
        figures: list[KeyFigure] = []
        for metric in key_metrics:
            kf = key_figure(metric, todays_events, todays_tallies)
            if kf is None:
                continue
            before = next((k for k in previous.key_figures if k.metric == metric), None) if previous else None
            figures.append(dataclasses.replace(kf, change=kf.high - before.high if before else None))
        bulletin = Bulletin(date=day, events=todays_events, tallies=todays_tallies, key_figures=figures,
                            previous=previous.date if previous else None)
        if previous:
            previous.next = day
        bulletins.append(bulletin)
        previous = bulletin
    return bulletins


def aggregate(extractions: Sequence[Extraction], key_metrics: Sequence[str]) -> tuple[list[Event], list[Tally], list[Bulletin]]:
    """All events sorted by (date, article, start), tallies deduplicated, daily bulletins.

    >>> aggregate([], ["killed"])
    ([], [], [])
    """
    events = sorted((e for x in extractions for e in x.events), key=_event_order)
    tallies = dedupe_tallies(t for x in extractions for t in x.tallies)
    return events, tallies, build_bulletins(events, tallies, key_metrics)
