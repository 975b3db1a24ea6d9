"""The data model: what flows from articles to pages.

read → extract → aggregate → render. Each stage takes and returns these
dataclasses; none of them knows about Pelican. The JSON and CSV export
schemas are derived from their fields (see ``exports.py``), so adding a
field here is a schema change: document it in the README's schema table.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal["day", "week", "month", "quarter", "year", "decade", "century"]


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression found in text, normalised as a TimeML TIMEX3 value.

    ``start``/``end`` are character offsets into the text given to the tagger
    (end exclusive). ``value`` follows TIMEX3: ``2016-12-23``, ``2016-12``,
    ``2016``, ``2016-W51``, ``2016-12-22TNI``, ``P3D``, ``PRESENT_REF`` ...
    ``mod`` is TIMEX3's modifier when the text names part of the period:
    ``START`` ("early 2014"), ``MID`` ("mid-2014"), ``END`` ("late 2009",
    "the end of this month"); None otherwise. ``doubt`` says why the value
    may be wrong ("3/4/12": day and month could be swapped); None otherwise.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    doubt: str | None = None

    def shifted(self, offset: int) -> Timex:
        """The expression with its offsets ``offset`` characters earlier (into a sentence of the text).

        ``dataclasses.replace`` costs more than the sentence's other work here (issue 11).

        >>> Timex(30, 36, "Monday", "DATE", "2016-12-19").shifted(20)
        Timex(start=10, end=16, text='Monday', type='DATE', value='2016-12-19', mod=None, doubt=None)
        """
        return Timex(self.start - offset, self.end - offset, self.text, self.type, self.value, self.mod, self.doubt)


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in a sentence, resolved to its first-level subdivision.

    ``name`` is the canonical gazetteer name ("al-Hamdaniya"), ``admin1`` the
    province it lies in ("Aleppo"), ``country`` an ISO 3166-1 alpha-2 code.
    ``kind`` says what matched: ``admin1`` (a province named as such),
    ``city``, ``district`` or ``country``. ``text`` is the surface form and
    ``start``/``end`` its offsets in the sentence.
    """

    name: str
    admin1: str | None
    country: str
    kind: str = "city"
    text: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Figure:
    """A number reported about a metric, with who reported it.

    "The Observatory said six people, including two children, were killed"
    gives ``Figure("killed", 6, attributed_to="Syrian Observatory for Human
    Rights")`` and a sub-count ``Figure("killed", 2, subgroup="children")``.
    ``value_max`` is set for ranges ("between 10 and 15"); ``cumulative`` for
    running totals ("since the ceasefire began"), which never enter a daily
    tally.

    ``span`` says what stretch of time the number counts (``generator/spans.py``):
    ``day``, ``period`` (a total over stated days: "in two days", "last month")
    or ``cumulative`` (since a start: "since 31 July"); ``None`` when not
    resolved (read as ``cumulative`` or ``day`` from the flag). ``period_start``
    and ``period_end`` are ISO dates at the precision the text gives, None
    for a day figure or when the text gives no bound. ``day`` is the ISO day a
    ``day`` figure counts when its own clause names one ("269 were killed on
    Tuesday alone" after "250 died over Monday and Tuesday"): None when it
    counts the event's day.

    ``source_basis`` says how ``attributed_to`` was found (``generator/attribution.py``):
    ``named`` in the sentence ("the Observatory said"), ``earlier`` (carried
    from the last reporter named before), ``later`` (named after the figures,
    as statements that sign off at the end do), ``outlet`` (the article names
    no reporter: the outlet reports it itself, ``attributed_to`` is None) or
    ``editor`` (set in ``content/corrections.yaml``); None when not recorded.
    """

    metric: str
    value: int
    qualifier: str | None = None  # "at least", "about", "more than", "up to"
    attributed_to: str | None = None
    subgroup: str | None = None  # "children", "civilians"
    value_max: int | None = None
    cumulative: bool = False
    text: str = ""  # the words the figure was read from ("at least three people")
    span: str | None = None  # "day" | "period" | "cumulative" | "unknown"
    period_start: str | None = None
    period_end: str | None = None
    day: str | None = None
    source_basis: str | None = None  # named | earlier | later | outlet | editor


def own_reporting(figure: Figure, event: Event) -> tuple[str, ...]:
    """The outlet, when ``figure`` is its own reporting (its article names no reporter).

    >>> e = Event("e", "a", "2016-12-01", "day", None, "Three people were killed.", 0, 25, "attack", source="Daily Courier")
    >>> own_reporting(Figure("killed", 3, source_basis="outlet"), e), own_reporting(Figure("killed", 3), e)
    (('Daily Courier',), ())
    """
    if figure.attributed_to or figure.source_basis != "outlet" or not event.source:
        return ()
    return (event.source,)


def source_label(attributed_to: str | None, own: Sequence[str] = ()) -> str:
    """Who said a figure, for a reader: the reporter, the outlet's own reporting, or that it's not named.

    >>> source_label("UN OCHA"), source_label(None, ("Daily Courier",)), source_label(None)
    ('UN OCHA', "outlet's own reporting (Daily Courier)", 'source not named')
    """
    if attributed_to:
        return attributed_to
    return f"outlet's own reporting ({', '.join(own)})" if own else "source not named"


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input, reported on the build report.

    ``stage`` is where it was found (read, dates, tallies, ...);
    ``severity`` is ``error`` (the article was not published) or ``warning``
    (it was, but a reader should know, e.g. a total that does not add up).
    """

    path: str
    stage: str
    reason: str
    severity: Literal["error", "warning"] = "error"


@dataclass(frozen=True, slots=True)
class Article:
    """One report, read and cleaned: the unit everything else points back to.

    ``text`` is the plain text all offsets refer to. ``url`` is the page of
    the article on our site (relative to SITEURL); ``source_url`` the
    original publication.
    """

    path: str
    slug: str
    title: str
    published: dt.date
    text: str
    source: str | None = None
    source_url: str | None = None
    url: str | None = None
    # ``Lang`` metadata ("en-US", "en_GB"): decides how "3/4/12" is read.
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article with its character offsets in ``Article.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event entry: a sentence that says something happened.

    ``date`` is ISO at the granularity the text gives (``2016-12-23``,
    ``2016-12`` or ``2016``); ``date_text`` the expression it was resolved
    from, or ``None`` when it falls back to the publication date.
    ``date_mod`` is the part of a period longer than a day the text names
    (TIMEX3 ``mod``: ``START`` for "early 2014", ``MID`` for "mid-2014",
    ``END`` for "late 2009" or "the end of this month"); None for the whole
    period or a day.
    """

    id: str
    article: str  # Article.slug
    date: str
    granularity: Granularity
    date_text: str | None
    sentence: str
    start: int
    end: int
    type: str
    places: tuple[Place, ...] = ()
    figures: tuple[Figure, ...] = ()
    actors: tuple[str, ...] = ()
    source: str | None = None
    source_url: str | None = None
    article_url: str | None = None
    article_title: str | None = None
    # An editor's decisions (content/corrections.yaml, generator/corrections.py):
    # what was changed ("date", "place", "type", "figure", "added"), their note,
    # whether they confirmed the entry; and why a reviewer should look (review.py).
    edited: tuple[str, ...] = ()
    edit_note: str | None = None
    checked: bool = False
    doubts: tuple[str, ...] = ()
    date_mod: str | None = None
    # The stretch of time the sentence tells of (issue 9): ``day`` for a happening of its day;
    # ``period`` or ``cumulative`` when it only tells what went on over a span ("Of the total, 221
    # were killed by air strikes", after a running total since 31 July): such an event is not its
    # day's incident. ``period_start``/``period_end`` as on its figures (generator/spans.py).
    span: str = "day"
    period_start: str | None = None
    period_end: str | None = None


# The key of a list's entry for the places it does not name ("11 in other areas", "another 5 elsewhere"):
# counted in the tally, never a place of its own (no place page, feed or map point).
OTHER_PLACES = "other"


@dataclass(frozen=True, slots=True)
class Tally:
    """A count of one metric per place (or a total alone) for one reporting period.

    Read from a bulletin list such as "A total of 25 ceasefire violations
    ... in Damascus (17), Aleppo (6) and Hama (2) provinces". ``total`` is
    the stated total when there is one, else the sum; ``stated_total`` keeps
    what the text said so a mismatch stays visible. ``by_place`` is ordered
    as in the text. ``sources`` lists every (article slug, sentence start)
    that carried this same report, so one report from several outlets
    counts once but every outlet is shown.
    """

    date: str
    metric: str
    total: int
    by_place: dict[str, int]
    attributed_to: str | None
    article: str
    sentence: str
    start: int
    end: int
    stated_total: int | None = None
    sources: tuple[tuple[str, int], ...] = ()
    # What the count covers: ``day`` (one day or night, ``date``), ``period`` (a bounded span: a week,
    # "between the evenings of 2 and 4 July") or ``cumulative`` (since a start event); for the last two
    # ``date`` is the last day covered and ``period_end``; ``period_start`` is None when the text gives
    # no start. The same names as a figure's span fields.
    span: str = "day"
    period_start: str | None = None
    period_end: str | None = None
    # Stable id from the article and the sentence (tallies.tally_id); editors'
    # decisions and reasons for doubt, as on Event.
    id: str = ""
    edited: tuple[str, ...] = ()
    edit_note: str | None = None
    checked: bool = False
    doubts: tuple[str, ...] = ()

    @property
    def places_differ(self) -> bool:
        """The places listed add up to another number than the stated total.

        A tally that gives a total and lists no place differs from nothing:

        >>> t = Tally("2016-08-31", "killed", 61, {}, None, "a", "s", 0, 1, stated_total=61)
        >>> t.places_differ, dataclasses.replace(t, by_place={"Aleppo": 50}).places_differ
        (False, True)
        """
        return bool(self.by_place) and self.stated_total is not None and self.stated_total != sum(self.by_place.values())


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in one article."""

    article: Article
    events: tuple[Event, ...] = ()
    tallies: tuple[Tally, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One source's figure for a metric on a day, kept apart from the others.

    ``own_reporting`` lists the outlets whose own reporting the figure is
    (no reporter named in their article: ``Figure.source_basis == "outlet"``);
    empty when a source is named or not known.
    """

    metric: str
    value: int
    qualifier: str | None
    attributed_to: str | None
    subgroup: str | None
    event_ids: tuple[str, ...]
    places: tuple[str, ...] = ()
    own_reporting: tuple[str, ...] = ()
    part: bool = False  # a part of a wider count of the day ("6 in Hama" beside "24 across the country"): no range end


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A metric's headline number for a day: the claims and their range.

    Conflicting claims are never summed: ``low``/``high`` give the range
    across sources for the same incident cluster, and ``claims`` who said what.
    Only one-day figures count (never a period or running total).
    ``low_qualifier``/``high_qualifier`` keep what the sources said about
    those numbers ("up to", "at least", "about"; None when exact), so a
    headline reads "up to 37", not "37".
    ``change`` is ``high`` minus the previous *calendar day's* ``high`` for
    the same metric, from the same single source, over the same places, both
    exact or equally qualified; otherwise None (no comparison is shown).
    """

    metric: str
    low: int
    high: int
    claims: tuple[Claim, ...]
    change: int | None = None
    low_qualifier: str | None = None
    high_qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class ReportedTotal:
    """A total over more than one day, shown on the bulletin of the day it was reported.

    "613 civilians killed since 31 July", said on 31 August, is a
    ``cumulative`` total (``period_start`` 2016-07-31, ``period_end``
    2016-08-31); "250 died over Monday and Tuesday" a ``period`` total. It
    never enters a day's key figures or charts. Identical totals from several
    sentences or outlets are one entry listing all their ``event_ids``.
    """

    metric: str
    value: int
    qualifier: str | None
    attributed_to: str | None
    subgroup: str | None
    span: str  # "period" or "cumulative"
    period_start: str | None
    period_end: str | None
    event_ids: tuple[str, ...]
    places: tuple[str, ...] = ()
    value_max: int | None = None
    own_reporting: tuple[str, ...] = ()  # as in Claim


@dataclass(frozen=True, slots=True)
class Incident:
    """One happening on one day: every sentence that reports it, from every outlet.

    Grouped by ``incidents.group`` (same day, compatible type, overlapping
    places, something more in common). ``id`` is the first member event's
    id. ``rank`` orders a bulletin: ``casualties`` (a figure, or a
    sentence read as a tally), ``event``, ``statement`` (every sentence only
    reports what someone said). ``figures`` are all the members' one-day
    figures as claims, conflicting ones side by side, never summed; ``outlets`` the
    publications, ``reporters`` who gave the figures; ``provinces`` every
    province named (the incident is listed under each); ``lead`` the
    member that tells it best on its own (shown first).
    """

    id: str
    date: str
    type: str
    rank: str
    places: tuple[str, ...]
    provinces: tuple[str, ...]
    event_ids: tuple[str, ...]
    figures: tuple[Claim, ...] = ()
    outlets: tuple[str, ...] = ()
    reporters: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    tally_ids: tuple[str, ...] = ()
    lead: str = ""  # the member event shown first: the one with the most figures, else the first naming a place


@dataclass(slots=True)
class Bulletin:
    """One day's bulletin: key figures, tallies, events, totals reported that day, neighbours.

    ``incidents`` are the day's events grouped per happening, most
    consequential first (``incidents.group``).
    """

    date: str
    events: list[Event] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    previous: str | None = None
    next: str | None = None
    totals: list[ReportedTotal] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)


def to_dict(obj: Any) -> Any:
    """Dataclass → plain JSON-ready structure (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


def from_dict(kind: Any, data: Any) -> Any:
    """Plain JSON structure → ``kind``: the inverse of ``to_dict`` for the model's types.

    Strict: a missing or unknown field, a wrong type or a value outside a
    ``Literal`` raises ``KeyError``, ``TypeError`` or ``ValueError`` (the
    extraction cache treats that as a corrupt entry). One decoder per type
    is built once (``_decoder``), so reading many entries stays cheap.

    >>> from_dict(Place, {"name": "Aleppo", "admin1": "Aleppo", "country": "SY", "kind": "admin1",
    ...                   "text": "Aleppo", "start": 0, "end": 6})
    Place(name='Aleppo', admin1='Aleppo', country='SY', kind='admin1', text='Aleppo', start=0, end=6)
    >>> from_dict(tuple[tuple[str, int], ...], [["a1", 0]])
    (('a1', 0),)
    """
    return _decoder(kind)(data)


def _expect(data: Any, kind: type) -> Any:
    if type(data) is not kind:
        raise TypeError(f"expected {kind.__name__}, got {data!r:.60}")
    return data


@functools.cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """The function that reads a JSON value as ``kind`` (see ``from_dict``)."""
    if kind is Any:
        return lambda data: data
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(kind)]
        names = {name for name, _ in fields}

        def read_dataclass(data: Any) -> Any:
            _expect(data, dict)
            if len(data) != len(fields) or not names.issuperset(data):
                raise KeyError(f"{kind.__name__}: fields {sorted(data)} are not {sorted(names)}")
            return kind(**{name: read(data[name]) for name, read in fields})

        return read_dataclass
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        [inner] = [a for a in args if a is not type(None)]  # only Optional[X] occurs in the model
        read_inner = _decoder(inner)
        return lambda data: None if data is None else read_inner(data)
    if origin is Literal:
        allowed = frozenset(args)

        def read_literal(data: Any) -> Any:
            if not isinstance(data, str) or data not in allowed:
                raise ValueError(f"{data!r:.60} is not one of {sorted(allowed)}")
            return data

        return read_literal
    if origin is list:
        read_item = _decoder(args[0])
        return lambda data: [read_item(x) for x in _expect(data, list)]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        read_item = _decoder(args[0])
        return lambda data: tuple([read_item(x) for x in _expect(data, list)])
    if origin is tuple:
        readers = [_decoder(a) for a in args]

        def read_pair(data: Any) -> tuple[Any, ...]:
            if len(_expect(data, list)) != len(readers):
                raise ValueError(f"expected {len(readers)} items, got {len(data)}")
            return tuple([read(x) for read, x in zip(readers, data)])

        return read_pair
    if origin is dict:
        read_key, read_value = _decoder(args[0]), _decoder(args[1])
        return lambda data: {read_key(k): read_value(v) for k, v in _expect(data, dict).items()}
    if kind in (dt.date, dt.datetime):
        return lambda data: kind.fromisoformat(_expect(data, str))
    if kind in (str, int, bool):
        return lambda data: _expect(data, kind)
    raise TypeError(f"no decoder for {kind}")


@dataclass(slots=True)
class SiteData:
    """What the pipeline hands to the renderer: all of the site's content.

    ``events`` are sorted by (date, article, start); ``tallies`` are
    deduplicated (one report carried by several outlets counts once);
    ``bulletins`` are sorted by date with previous/next filled in.
    """

    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    bulletins: list[Bulletin] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    corrections: list[Any] = field(default_factory=list)  # corrections.Applied: what the editor's file did
    review: list[Any] = field(default_factory=list)  # review.ReviewItem: what to look at before publishing
    # A digest of everything this data was made from (``pipeline.inputs_digest``); "" when unknown.
    inputs: str = ""
