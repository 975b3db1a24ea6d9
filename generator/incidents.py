"""Incidents: the sentences of one day that report the same happening, as one entry.

Extraction gives one event per sentence, so one shelling told by three
outlets, each in two or three sentences, is six events. A bulletin shows
it once: an :class:`~generator.model.Incident` carries every member event,
all their figures side by side (never summed), every outlet and reporter.

**Linking rule.** Two events of the same day are one incident when they
come from the same sentence (a sentence split per place), or when

* their types are compatible (``TYPE_FAMILIES``: a shelling and a battle
  may be one fight; a deployment and a protest are not);
* their places do not differ: places below country level, the sentence's
  own or carried over from its context, overlap (``same_place``: the same
  place, or a place and the province it lies in); a sentence placed only
  in the country, or nowhere, fits any place;
* and something more ties them (``tie``: the shared words, each weighted
  by how rare it is among the day's sentences, ``word_weights``). In one
  article: the next event sentence carries the story on (not after
  "Meanwhile, ...", not a statement), or a tie of ``TIE_SAME_ARTICLE``.
  Across articles, both must name their own place (``TIE_COUNTRY`` for two
  country-wide reports: in practice a shared name): violence at the very
  same town or district told in like words, a figure of the same metric on
  both sides, or a tie of ``TIE_ACROSS``.

The thresholds were set on the tune days of ``bench/incidents.py``
(pairwise precision/recall against hand-labelled incident groups).

Links are transitive (single link): A–B and B–C make one incident.

**Order** (``rank``): an incident with a one-day figure (casualties, counts), or whose sentence
was read as a tally, comes first (``casualties``); then other happenings
(``event``); then incidents where every sentence only reports what
someone said, with no figure (``statement``). Within a rank, the larger
casualty figure first, then more outlets, then the earlier report.

Pure functions; the same events in any order give the same incidents.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from generator.event_types import DEFAULT_EVENT_TYPES, EventTypeRule, triggers
from generator.eventness import has_event_verb
from generator.model import Claim, Event, Figure, Incident, Place, Tally, own_reporting

# Types that can describe the same happening. A type not listed is its own family;
# ``other`` (no type word) fits any family.
TYPE_FAMILIES: tuple[frozenset[str], ...] = (
    # "Shells fell on the district" / "rebels attacked army posts" / "six civilians were executed"
    frozenset({"battles", "explosions_remote_violence", "violence_against_civilians"}),
    # "Protesters marched ..." / "the rally turned into a riot"
    frozenset({"protests", "riots"}),
)
ANY_TYPE = "other"

# Metrics whose figure makes an incident a casualty incident (ranked first).
CASUALTY_METRICS = frozenset({"killed", "injured", "wounded", "dead", "missing", "abducted", "arrested", "detained"})

RANKS = ("casualties", "event", "statement")

# A sentence that only says what someone said: a reporting verb, and a type that is
# no violence ("Assad said the victory opened the door to talks").
_REPORTING = re.compile(
    r"\b(?:said|says|told|added|stated|announced|declared|warned|urged|called on|insisted|denied|claimed|"
    r"accused|condemned|stressed|noted|argued|hoped|believes|believed|according to)\b",
    re.IGNORECASE,
)
_VIOLENT = frozenset({"battles", "explosions_remote_violence", "violence_against_civilians", "riots"})

# Words that tie nothing together: function words, reporting verbs, the war's usual cast.
STOP_WORDS = frozenset(
    """about above after again against also among another around because been before being between both
    but by could did does doing down during each either every few from further had has have having here
    into itself just least like many meanwhile more most much must near nearly other others over same
    several should since some such than that their them then there these they this those three through
    under until upon very were what when where which while will with within would your said says told added
    stated according reported reports report earlier later today yesterday friday saturday sunday monday
    tuesday wednesday thursday people syrian syria government forces rebels rebel opposition activists
    group groups officials official city town province region area areas country state news agency
    reuters president regime security military army troops observatory human rights monitor british
    based london russian russia defense defence ministry minister center centre turkish turkey american
    united nations spokesman statement""".split()
)
_WORD = re.compile(r"[a-z][a-z-]{3,}")


# -- the linking rule ------------------------------------------------------------------------


def types_compatible(a: str, b: str) -> bool:
    """Could events of these two types be one happening?

    >>> types_compatible("battles", "explosions_remote_violence"), types_compatible("protests", "strategic_developments")
    (True, False)
    >>> types_compatible("other", "humanitarian"), types_compatible("political", "political")
    (True, True)
    """
    if a == b or ANY_TYPE in (a, b):
        return True
    return any(a in family and b in family for family in TYPE_FAMILIES)


def _contains(outer: Place, inner: Place) -> bool:
    """``outer`` is the province ``inner`` lies in (named as a province, or its capital of the same name)."""
    return (
        outer.kind in ("admin1", "city")
        and inner.admin1 is not None
        and inner.admin1 == outer.name
        and inner.name != outer.name
    )


def same_place(a: Sequence[Place], b: Sequence[Place]) -> bool:
    """Do two events' places overlap: a place in common, or one lies in the other's province?

    A country alone overlaps only a country alone ("Syria" does not make
    every event in Syria one incident).

    >>> town = Place("al-Hamdaniya", "Aleppo", "SY", "district")
    >>> aleppo = Place("Aleppo", "Aleppo", "SY", "city")
    >>> hama = Place("Hama", "Hama", "SY", "admin1")
    >>> same_place([town], [aleppo]), same_place([town], [hama]), same_place([aleppo, hama], [hama])
    (True, False, True)
    """
    specific_a = [p for p in a if p.kind != "country"]
    specific_b = [p for p in b if p.kind != "country"]
    if not specific_a and not specific_b:
        return bool(a) and bool(b) and bool({p.country for p in a} & {p.country for p in b})
    for p in specific_a:
        for q in specific_b:
            if p.name == q.name or _contains(p, q) or _contains(q, p):
                return True
    return False


def lies_within(inner: Sequence[Place], outer: Sequence[Place]) -> bool:
    """Is every place of ``inner`` inside the wider scope of ``outer`` (and the scopes not the same)?

    The country holds every place below it; a province (or its capital of the
    same name) holds the towns and districts in it. A figure told for
    ``inner`` is then a part of one told for ``outer``: "six of them in the
    Damascus suburbs" of "24 were killed across Syria", not a rival count.

    >>> syria, hama = Place("Syria", None, "SY", "country"), Place("Hama", "Hama", "SY", "admin1")
    >>> town = Place("Kafr Zita", "Hama", "SY", "town")
    >>> lies_within([hama], [syria]), lies_within([town], [hama]), lies_within([hama], [hama]), lies_within([syria], [hama])
    (True, True, False, False)
    >>> lies_within([], [syria]), lies_within([hama], [])
    (False, False)
    """
    inside = [p for p in inner if p.kind != "country"]
    if not inside or len(inside) != len(inner) or not outer:
        return False
    wide = [p for p in outer if p.kind != "country"]
    if not wide:  # the country alone holds every place in it
        return all(any(p.country == q.country for q in outer) for p in inside)
    return all(any(_contains(q, p) for q in wide) for p in inside)


# A sentence opening with one of these turns to another happening ("Meanwhile, ...").
NEW_TOPIC = re.compile(r"^\W*(?:meanwhile|elsewhere|separately|in (?:a |an )?(?:separate|another|other)\b|in other\b|also on\b)",
                       re.IGNORECASE)


def _stem(word: str) -> str:
    """A crude stem, enough to match "shelled", "shells" and "shelling".

    >>> [_stem(w) for w in ("shelled", "shells", "shelling", "violations", "killed")]
    ['shell', 'shell', 'shell', 'violation', 'kill']
    """
    return re.sub(r"(?:ings?|ed|es|s)$", "", word) if len(word) > 5 else word


_NAME = re.compile(r"(?<=[\w,;:] )[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?")


def content_words(sentence: str, places: Iterable[Place] = ()) -> frozenset[str]:
    """The stems of a sentence's words that could tie it to another: no stop words, no place names.

    Names (a capitalised word inside the sentence: "Zhai", "Amnesty") are
    kept whole, with their capital (never stemmed).

    >>> sorted(content_words("A car bomb exploded near the Aleppo court, envoy Zhai said.", [Place("Aleppo", "Aleppo", "SY", "city", "Aleppo")]))
    ['Zhai', 'bomb', 'court', 'envoy', 'explod']
    """
    named = {w for p in places for n in (p.name, p.text) for w in _WORD.findall(n.lower())}
    names = {m.group() for m in _NAME.finditer(sentence) if m.group().lower() not in named and m.group().lower() not in STOP_WORDS}
    common = {_stem(w) for w in _WORD.findall(sentence.lower())
              if w not in STOP_WORDS and w not in named and w not in {n.lower() for n in names}}
    return frozenset(names | common)


def shared_words(a: frozenset[str], b: frozenset[str]) -> int:
    """How many content words two sentences share."""
    return len(a & b)


def word_weights(word_sets: Sequence[frozenset[str]]) -> dict[str, float]:
    """How much a shared word ties two of the day's sentences: rarer that day, stronger (``log((n + 1) / df)``).

    "resolution" in ten of the day's sentences ties little; a name in two ties much.

    >>> w = word_weights([frozenset({"vote", "zhai"}), frozenset({"vote", "zhai"}), frozenset({"vote"})])
    >>> round(w["vote"], 2), round(w["zhai"], 2)
    (0.29, 0.69)
    """
    df: dict[str, int] = {}
    for words in word_sets:
        for w in words:
            df[w] = df.get(w, 0) + 1
    n = len(word_sets)
    return {w: math.log((n + 1) / d) for w, d in df.items()}


def _metrics(event: Event) -> frozenset[str]:
    return frozenset(f.metric for f in event.figures)


def own_places(event: Event) -> tuple[Place, ...]:
    """The places the sentence names itself (not those carried over from the sentences before it)."""
    return tuple(p for p in event.places if p.text)


@dataclasses.dataclass(frozen=True, slots=True)
class _Node:
    """An event with what linking needs, computed once."""

    event: Event
    position: int  # index of the sentence among its article's events that day
    words: frozenset[str]
    metrics: frozenset[str]
    own: tuple[Place, ...]
    statement: bool
    new_topic: bool


def _continues(earlier: _Node, later: _Node, window: int = 1) -> bool:
    """Is ``later`` one of the next ``window`` event sentences of the same article, carrying on its story?"""
    return (earlier.event.article == later.event.article and 0 < later.position - earlier.position <= window
            and not later.new_topic and not later.statement and not earlier.statement)


# How strongly shared words must tie two sentences (sum of ``word_weights``), in one
# article and across articles.
TIE_SAME_ARTICLE = 5.0
TIE_ACROSS = 6.0


def _specific(node: _Node) -> tuple[Place, ...]:
    """The places below country level the sentence names itself."""
    return tuple(p for p in node.own if p.kind != "country")


def _where(node: _Node) -> tuple[Place, ...]:
    """The places below country level of the sentence, its own or carried over from its context."""
    return tuple(p for p in node.event.places if p.kind != "country")


def linked(a: _Node, b: _Node, weights: Mapping[str, float] | None = None) -> bool:
    """The linking rule of the module docstring, for two events of the same day (``a`` reported first)."""
    ea, eb = a.event, b.event
    if ea.article == eb.article and ea.start == eb.start:
        return True
    if not types_compatible(ea.type, eb.type):
        return False
    shared = a.words & b.words
    tie = sum((weights or {}).get(w, 1.0) for w in shared)
    specific_a, specific_b = _specific(a), _specific(b)
    where_a, where_b = _where(a), _where(b)
    if where_a and where_b and not same_place(where_a, where_b):
        return False  # each is placed (by its own words or its context), and the places differ
    if ea.article == eb.article:
        # one story: the next sentences carry it on, or it shares words
        return _continues(a, b, window=CONTINUE_WINDOW) or tie >= TIE_SAME_ARTICLE
    if not specific_a and not specific_b:
        return tie >= TIE_COUNTRY  # two country-wide reports: only strong words (names) tie them
    if not specific_a or not specific_b:
        return False
    if ea.type in _VIOLENT and eb.type in _VIOLENT and _same_named_place(specific_a, specific_b) and shared:
        return True  # violence at the very same place the same day, told in like words
    return bool(a.metrics & b.metrics) or tie >= TIE_ACROSS


TIE_COUNTRY = 8.0
CONTINUE_WINDOW = 1


def _same_named_place(a: Sequence[Place], b: Sequence[Place]) -> bool:
    """A place below province level named by both ("Sheikh Saeed" in both, not just "Aleppo province")."""
    return bool({p.name for p in a if p.kind not in ("admin1", "country")}
                & {p.name for p in b if p.kind not in ("admin1", "country")})


# -- grouping -----------------------------------------------------------------------------------


def _order(e: Event) -> tuple:
    return (e.date, e.article, e.start, e.id)


def _nodes(events: Sequence[Event]) -> list[_Node]:
    positions: dict[str, int] = {}
    nodes = []
    previous_sentence: dict[str, int] = {}
    for event in sorted(events, key=_order):
        # events split from one sentence share its position
        if previous_sentence.get(event.article) != event.start:
            positions[event.article] = positions.get(event.article, -1) + 1
            previous_sentence[event.article] = event.start
        nodes.append(_Node(event, positions[event.article], content_words(event.sentence, event.places), _metrics(event),
                           own_places(event), is_statement(event), bool(NEW_TOPIC.search(event.sentence))))
    return nodes


def clusters(events: Sequence[Event]) -> list[list[Event]]:
    """One day's events in groups, one per incident (single link over ``linked``), in report order.

    >>> from generator.model import Event
    >>> town = Place("al-Hamdaniya", "Aleppo", "SY", "district", "al-Hamdaniya")
    >>> e = lambda i, art, start, text, kind, places: Event(i, art, "2016-12-23", "day", None, text, start, start + 1, kind, places)
    >>> groups = clusters([
    ...     e("1", "a", 0, "Shells fell on the district of al-Hamdaniya.", "explosions_remote_violence", (town,)),
    ...     e("2", "a", 50, "Six people were killed there.", "other", ()),
    ...     e("3", "b", 0, "Mortar shells fell on al-Hamdaniya, killing three.", "explosions_remote_violence", (town,)),
    ...     e("4", "b", 60, "Protesters gathered in al-Hamdaniya.", "protests", (town,)),
    ... ])
    >>> [[x.id for x in g] for g in groups]
    [['1', '2', '3'], ['4']]
    """
    nodes = _nodes(events)
    weights = word_weights([n.words for n in nodes])
    groups = connected_groups(len(nodes), lambda i, j: nodes[i].event.date == nodes[j].event.date
                              and linked(nodes[i], nodes[j], weights))
    return sorted(([nodes[i].event for i in g] for g in groups), key=lambda g: _order(g[0]))


def connected_groups(count: int, link: Callable[[int, int], bool]) -> list[list[int]]:
    """Indices 0..count-1 grouped by single link (union-find over every pair ``i < j`` with ``link(i, j)``).

    >>> connected_groups(4, lambda i, j: j == i + 1 and i != 1)
    [[0, 1], [2, 3]]
    """
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(count):
        for j in range(i + 1, count):
            if link(i, j):
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values())


# -- what an incident shows ------------------------------------------------------------------------


def is_statement(event: Event, rules: Sequence[EventTypeRule] = DEFAULT_EVENT_TYPES) -> bool:
    """Does the sentence only report what someone said?

    A reporting verb, no figure, no violence, and no type word of the event
    that is itself a verb of happening: "the minister said the deployment
    was needed" (a noun, "deployment") is a statement; "the ministry said
    troops arrived" (a verb, "arrived") is not.

    >>> from generator.model import Event
    >>> said = Event("1", "a", "2016-12-23", "day", None, "The envoy said the truce was needed.", 0, 1, "strategic_developments")
    >>> did = dataclasses.replace(said, sentence="The envoy said troops arrived in the town.")
    >>> is_statement(said), is_statement(did), is_statement(dataclasses.replace(said, type="battles"))
    (True, False, False)
    """
    if event.figures or event.type in _VIOLENT or not _REPORTING.search(event.sentence):
        return False
    return not any(t == event.type and has_event_verb(words) for t, words in triggers(event.sentence, rules))


# Type shown for an incident: the most consequential of its members' types.
TYPE_PRECEDENCE = ("violence_against_civilians", "explosions_remote_violence", "battles", "riots", "protests",
                   "strategic_developments", "humanitarian", "political")


def incident_type(events: Sequence[Event]) -> str:
    """The most consequential type among the members (``TYPE_PRECEDENCE``), else the first member's."""
    types = {e.type for e in events}
    return next((t for t in TYPE_PRECEDENCE if t in types), events[0].type)


def _told(events: Sequence[Event], counted: Mapping[tuple[str, int], Sequence[Tally]]
          ) -> Iterable[tuple[Event, Figure, tuple[Place, ...]]]:
    """Each member's figures with the places they are told for; a sentence read as a tally tells its total.

    "The groups put the day's toll at 84; 25 died near a village, another 34
    elsewhere in Idlib and 14 in Homs": the tally's 84 over the places it
    lists (the country), not the entry 25 as a rival of the 84 (as the key
    figures read it).
    """
    told: set[tuple[str, int]] = set()
    for event in events:
        sentence = (event.article, event.start)
        tallies = counted.get(sentence, ())
        tallied = {t.metric for t in tallies}
        for figure in event.figures:
            if figure.metric not in tallied:
                yield event, figure, event.places
        if tallies and sentence not in told:
            told.add(sentence)
            country = next((p.country for p in event.places if p.country), "")
            for tally in tallies:
                if (getattr(tally, "span", None) or "day") == "day":
                    yield event, Figure(tally.metric, tally.total, attributed_to=tally.attributed_to), \
                        (Place(country, None, country, "country"),)


def _claims(events: Sequence[Event], counted: Mapping[tuple[str, int], Sequence[Tally]] | None = None) -> tuple[Claim, ...]:
    """The members' one-day figures, identical claims (source, metric, number, subgroup) once with all their events.

    Totals over several days and running totals are not the incident's: the
    bulletin lists them under the totals reported that day. Nor is a figure
    whose clause names another day ("269 were killed on Tuesday alone" in a
    sentence dated Monday): it counts on its own day, as the key figures do.
    ``counted`` maps a sentence (article, start) to the tallies read from it:
    its claim for their metric is the tally's total (``_told``).
    """
    merged: dict[tuple, Claim] = {}
    scopes: dict[tuple, tuple[Place, ...]] = {}  # the places each claim was first told for
    for event, figure, scope in _told(events, counted or {}):
        if (figure.span or "day") != "day" or figure.cumulative or getattr(figure, "day", None) not in (None, event.date):
            continue
        value = figure.value_max if figure.value_max and figure.value_max > figure.value else figure.value
        qualifier = f"between {figure.value} and" if value != figure.value else figure.qualifier
        key = (figure.metric, figure.subgroup or "", (figure.attributed_to or "").lower(), value, qualifier or "")
        places = tuple(dict.fromkeys(p.name for p in event.places))
        if key in merged:
            old = merged[key]
            merged[key] = dataclasses.replace(old, event_ids=old.event_ids + (event.id,),
                                              places=tuple(dict.fromkeys(old.places + places)),
                                              own_reporting=tuple(dict.fromkeys(old.own_reporting + own_reporting(figure, event))))
        else:
            merged[key] = Claim(figure.metric, value, qualifier, figure.attributed_to, figure.subgroup, (event.id,), places,
                                own_reporting(figure, event))
            scopes[key] = scope
    return tuple(dataclasses.replace(c, part=True) if _is_part(k, c, merged, scopes) else c for k, c in merged.items())


def _is_part(key: tuple, claim: Claim, claims: Mapping[tuple, Claim], scopes: Mapping[tuple, Sequence[Place]]) -> bool:
    """Is the claim a part of a wider one of the incident: its places inside the other's, its number no larger?"""
    return claim.subgroup is None and any(
        other.metric == claim.metric and other.subgroup is None and claim.value <= other.value
        and lies_within(scopes[key], scopes[k]) for k, other in claims.items() if k != key)


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def casualties(incident: Incident) -> int:
    """The incident's largest casualty figure (headline claims only), 0 when it has none."""
    return max((c.value for c in incident.figures if c.metric in CASUALTY_METRICS and not c.subgroup), default=0)


def lead_event(events: Sequence[Event]) -> Event:
    """The member that tells the incident best on its own: most figures, then naming its own place, then first.

    >>> from generator.model import Event, Figure
    >>> a = Event("a", "x", "2016-12-23", "day", None, "Shelling resumed.", 0, 1, "explosions_remote_violence")
    >>> b = dataclasses.replace(a, id="b", figures=(Figure("killed", 3),))
    >>> lead_event([a, b]).id
    'b'
    """
    return min(events, key=lambda e: (-len(e.figures), not own_places(e), events.index(e)))


def make_incident(events: Sequence[Event], tallied: frozenset[tuple[str, int]] = frozenset(),
                  tally_ids: Mapping[tuple[str, int], str] | None = None,
                  counted: Mapping[tuple[str, int], Sequence[Tally]] | None = None) -> Incident:
    """One incident from its member events (in report order).

    ``tallied`` holds the (article, sentence start) of sentences read as
    tallies; ``tally_ids`` maps them to the tallies' ids, ``counted`` to the
    tallies themselves (their totals are those sentences' claims).
    """
    places = [p for e in events for p in e.places]
    figures = _claims(events, counted)
    has_tally = any((e.article, e.start) in tallied for e in events)
    if has_tally or figures:
        rank = "casualties"
    elif all(is_statement(e) for e in events):
        rank = "statement"
    else:
        rank = "event"
    tallies = _unique((tally_ids or {}).get((e.article, e.start)) for e in events)
    return Incident(
        id=events[0].id,
        date=events[0].date,
        type=incident_type(events),
        rank=rank,
        places=_unique(p.name for p in places if p.kind != "country") or _unique(p.name for p in places),
        provinces=_unique(p.admin1 for p in places),
        event_ids=tuple(e.id for e in events),
        figures=figures,
        outlets=_unique(e.source for e in events),
        reporters=_unique(f.attributed_to for e in events for f in e.figures),
        articles=_unique(e.article for e in events),
        tally_ids=tallies,
        lead=lead_event(events).id,
    )


def sort_key(incident: Incident, first: Mapping[str, int]) -> tuple:
    """Consequence first: rank, the largest casualty figure, outlets, then report order."""
    return (RANKS.index(incident.rank), -casualties(incident), -len(incident.outlets), first[incident.id], incident.id)


def group(events: Sequence[Event], tallies: Sequence[Tally] = ()) -> list[Incident]:
    """A day's events as incidents, most consequential first.

    >>> group([])
    []
    """
    tally_ids: dict[tuple[str, int], str] = {}
    counted: dict[tuple[str, int], list[Tally]] = {}
    for tally in tallies:
        for source in tally.sources or ((tally.article, tally.start),):
            tally_ids.setdefault(source, tally.id or "")
            counted.setdefault(source, []).append(tally)
    tallied = frozenset(tally_ids)
    incidents = [make_incident(g, tallied, tally_ids, counted) for g in clusters(events)]
    first = {inc.id: n for n, inc in enumerate(incidents)}
    return sorted(incidents, key=lambda inc: sort_key(inc, first))


def by_province(incidents: Sequence[Incident], unlocated: str) -> list[tuple[str, list[Incident]]]:
    """Incidents under every province they name (so one may appear twice); unlocated last, under ``unlocated``.

    Within a province the bulletin's order (consequence) is kept.
    """
    groups: dict[str, list[Incident]] = {}
    for incident in incidents:
        for province in incident.provinces or (unlocated,):
            groups.setdefault(province, []).append(incident)
    names = sorted((n for n in groups if n != unlocated), key=str.lower)
    if unlocated in groups:
        names.append(unlocated)
    return [(n, groups[n]) for n in names]
