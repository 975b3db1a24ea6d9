"""Tallies: bulletin lists that count one metric per place for one day.

Shapes read (each list is a run of place–count pairs joined by commas,
"and" or semicolons):

* ``Idlib (9), Hama (4) and Homs (1) provinces``
* ``9 in the province of Idlib, four in the province of Hama``
* ``Damascus - 17; Aleppo - 6`` and ``Damascus: 17, Aleppo: 6``
* a Markdown/HTML table whose header names a place column and a count
  column (``| Province | Violations |``), given as one block of lines
  (see ``table_blocks``).

The metric is the one the list's stated total counts ("Monitors logged 25
*ceasefire violations*: Damascus (17) ..."), or, with no total, the
metric named nearest before the list. A list whose nearest number counts
something else ("4 inhabited areas in the Latakia (2) and Homs (2)
provinces" – settlements that joined a truce) is not a tally. Running
totals ("since the ceasefire began") never become daily tallies.

Dating: a daily bulletin ("over the past 24 hours", "during the day", "in
the past day", "daily bulletin") is dated by the bulletin's publication:
the weekday it says it was posted on ("posted ... on Friday", resolved to
the latest such day on or before publication), else the article's
publication date – never other dates in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from generator.figures import (
    DEFAULT_METRICS,
    AttributionContext,
    compile_metrics,
    cumulative_from,
    find_attribution,
    find_numbers,
    has_cue,
    locate_figures,
    may_have_number,
    parse_number,
)
from generator.model import Place, Problem, Tally

_COUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:-\w+)?|thirty(?:-\w+)?|forty(?:-\w+)?|fifty(?:-\w+)?))"
_ANY_COUNT = re.compile(rf"\d|\b{_COUNT}\b", re.I)
# The shapes a place–count pair can take ("(17)", "- 17", ": 17", "17 ... in"): a sentence with
# none of them holds no list, and looking for places in it is the dearest step.
_PAIR_HINT = re.compile(
    rf"\(\s*{_COUNT}(?:\s+times)?\s*\)|[-–—:=]\s*{_COUNT}\b|\b{_COUNT}\s+(?:(?:of\s+)?[a-z][\w-]*\s+){{0,3}}?in\b",
    re.I,
)
_AFTER_BRACKET = re.compile(rf"^\s*(?:(?:province|governorate|region|city|district|oblast)\s*)?\(\s*(?P<n>{_COUNT})(?:\s+times)?\s*\)", re.I)
_AFTER_DASH = re.compile(rf"^\s*(?:(?:province|governorate|region)\s*)?(?:[-–—:]|=)\s*(?P<n>{_COUNT})\b(?!\s*(?:\)|%|per\s*cent|hours|days|years))", re.I)
_BEFORE_IN = re.compile(
    # "17 in Damascus", "six violations in Aleppo"; never a span of time ("in two days of violence in Syria")
    rf"(?P<n>\b{_COUNT})\s+(?!(?:days?|weeks?|months?|years?|hours?|decades?|nights?)\b)"
    rf"(?:(?:of\s+)?[a-z][\w-]*\s+){{0,3}}?in\s+(?:the\s+)?"
    r"(?:(?:provinces?|governorates?|regions?|city|district|oblast)\s+of\s+)?$",
    re.I,
)
_SEPARATOR = re.compile(r"^[\s,;]*(?:(?:and|as\s+well\s+as|&|plus)\b)?[\s,;]*(?:(?:in\s+)?(?:the\s+)?(?:provinces?\s+of\s+)?)?$", re.I)
_FALLBACK_NAME = re.compile(r"(?P<name>\b[A-Z][\w'’]*(?:[-\s](?:al|el|ez|ad|as|ar|ash|an|[A-Z])[\w'’]*)*)\s*$")
_CONTINUES_LIST = re.compile(r"\b(?:another|a further)\s+$", re.I)
_PROVINCE_CONTEXT = re.compile(r"\b(?:provinces?|governorates?|regions?|oblasts?)\b", re.I)

_DAILY = re.compile(
    r"\b(?:(?:over|during|in|within|for)\s+(?:the\s+)?(?:past|last|previous)\s+(?:24\s+hours|day|twenty-four\s+hours)"
    r"|during\s+the\s+day|in\s+the\s+past\s+day|past\s+24\s+hours|last\s+24\s+hours|daily\s+(?:news\s+)?(?:bulletin|report|briefing|update)"
    r"|per\s+day|(?:on|over)\s+the\s+day)\b",
    re.I,
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_POSTED_ON = re.compile(
    r"\b(?:bulletin|report|briefing|statement|said|says|posted|published|released|announced)\b[^.;]{0,90}?\bon\s+(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.I,
)


def bulletin_date(sentence: str, published: dt.date | None, fallback: str) -> str:
    """The day a bulletin list reports on.

    A daily bulletin is dated by its publication: the weekday it says it
    was posted on, else ``published``. Any other list is dated by the first
    calendar day the sentence names ("on December 20", "on Friday"), else
    ``fallback`` – so a follow-up article repeating Friday's bulletin on
    Saturday still dates it Friday.

    >>> bulletin_date("25 violations were reported during the day, the center said in its bulletin posted on Monday.",
    ...               dt.date(2016, 11, 15), "2016-11-10")
    '2016-11-14'
    """
    if published is None:
        return fallback
    if _DAILY.search(sentence):
        posted = _POSTED_ON.search(sentence)
        if posted:
            weekday = _WEEKDAYS.index(posted["day"].lower())
            back = (published.weekday() - weekday) % 7
            return (published - dt.timedelta(days=back)).isoformat()
        return published.isoformat()
    return _named_day(sentence, published) or fallback


def _named_day(sentence: str, published: dt.date) -> str | None:
    """The first day-precise date in ``sentence`` ("on December 20", "on Friday")."""
    from generator import dates  # only for lists that are not daily bulletins

    for timex in dates.find_timexes(sentence, published):
        resolved = dates.event_date(timex)
        if resolved and resolved[1] == "day":
            return resolved[0]
    return None


def _places_in(text: str, gazetteer: Any) -> list[Place]:
    """Places named in ``text`` (a gazetteer may bring its own finder)."""
    finder = getattr(gazetteer, "find_places", None)
    if callable(finder):
        return list(finder(text))
    from generator.places import find_places

    return find_places(text, gazetteer)


def _place_key(place: Place, provinces: bool) -> str:
    """A list of provinces is keyed by province; a list of towns by town.

    "Aleppo (6)" in a list of provinces is the province (the city shares its
    name), but "Harasta (2)" stays Harasta even when the sentence mentions
    a province: summing towns into their province would hide the list.
    """
    if place.kind == "admin1":
        return place.admin1 or place.name
    if provinces and place.admin1 and place.name == place.admin1:
        return place.admin1
    return place.name


# (start, end, place key, count): one entry of a list
_Pair = tuple[int, int, str, int]


def find_pairs(sentence: str, gazetteer: Any) -> list[_Pair]:
    """Every place–count pair in ``sentence``, in order.

    >>> from generator.places import Gazetteer
    >>> [p[2:] for p in find_pairs("in Damascus (17), Aleppo (6) and Hama (2) provinces", Gazetteer.for_countries(["SY"]))]
    [('Damascus', 17), ('Aleppo', 6), ('Hama', 2)]
    """
    provinces = bool(_PROVINCE_CONTEXT.search(sentence))
    pairs: list[_Pair] = []
    covered: list[tuple[int, int]] = []
    for place in _places_in(sentence, gazetteer):
        if place.kind == "country":
            continue  # a national figure is a total, not a row of a by-province list
        key = _place_key(place, provinces)
        after = sentence[place.end :]
        m = _AFTER_BRACKET.match(after) or _AFTER_DASH.match(after)
        if m:
            value = parse_number(m["n"])
            if value is not None:
                pairs.append((place.start, place.end + m.end(), key, value))
                covered.append((place.start, place.end))
            continue
        b = _BEFORE_IN.search(sentence[: place.start])
        if b:
            value = parse_number(b["n"])
            if value is not None:
                pairs.append((b.start(), place.end, key, value))
                covered.append((place.start, place.end))
    # a name the gazetteer doesn't know, in an unmistakable "Name (17)" shape
    for m in re.finditer(r"\((?P<n>\d[\d,]*)\)", sentence):
        if any(s <= m.start() <= e + 30 and _AFTER_BRACKET.match(sentence[e:]) for s, e in covered):
            continue
        name = _FALLBACK_NAME.search(re.sub(r"\s+(?:province|governorate|region)\s*$", "", sentence[: m.start()].rstrip(), flags=re.I))
        if name and name["name"].lower() not in ("the", "a", "in", "and"):
            value = parse_number(m["n"])
            if value is not None:
                pairs.append((name.start("name"), m.end(), name["name"], value))
    return sorted(set(pairs))


def _groups(sentence: str, pairs: list[_Pair]) -> list[list[_Pair]]:
    """Pairs joined only by separators form one list."""
    groups: list[list[_Pair]] = []
    for pair in pairs:
        if groups and _SEPARATOR.match(sentence[groups[-1][-1][1] : pair[0]]):
            groups[-1].append(pair)
        else:
            groups.append([pair])
    return groups


def find_tallies(
    sentence: str,
    *,
    date: str,
    article: str,
    start: int,
    end: int,
    gazetteer: Any,
    metrics: Mapping[str, Any] = DEFAULT_METRICS,
    attributed_to: str | None = None,
    published: dt.date | None = None,
    context: AttributionContext | None = None,
) -> tuple[list[Tally], list[Problem]]:
    """The bulletin lists in one sentence (or table block) as tallies.

    ``date`` is the date to use when the text gives no daily-bulletin cue
    (normally the publication date); ``attributed_to`` the reporter when the
    list itself names none. A stated total that differs from the sum is kept
    (``total``/``stated_total``) and reported as a warning ``Problem`` with
    an empty path (the caller fills in the article's path).
    """
    table = "|" in sentence and "\n" in sentence.strip()
    if not table and not has_cue(sentence, metrics):
        return [], []  # a list counts a metric, named by its total or next to it: most sentences name none
    if not may_have_number(sentence):
        return [], []  # no number at all, no need to look for places
    if table:
        if not _ANY_COUNT.search(sentence):
            return [], []
        return _table_tallies(sentence, date, article, start, end, gazetteer, metrics, attributed_to, published)
    # (every pair shape below holds a count, so no separate test for one)
    hints = list(_PAIR_HINT.finditer(sentence))
    if not hints:
        return [], []
    if len(hints) == 1 and not any(not hints[0].start() <= m.num_start < hints[0].end() for m in find_numbers(sentence)):
        return [], []  # one pair and no stated total: a figure, never a list
    pairs = find_pairs(sentence, gazetteer)
    if not pairs:
        return [], []
    compiled = compile_metrics(metrics)
    located = locate_figures(sentence, metrics)
    cumulative_start = cumulative_from(sentence)
    groups = _groups(sentence, pairs)
    day = bulletin_date(sentence, published, date)
    tallies: list[Tally] = []
    problems: list[Problem] = []
    previous_end = 0
    for group in groups:
        g_start, g_end = group[0][0], group[-1][1]
        region_start = previous_end
        previous_end = g_end
        in_pairs = [(s, e) for s, e, _, _ in pairs]
        numbers = [
            (m, metric) for m, metric in located
            if region_start <= m.start < g_start and not any(s <= m.num_start < e for s, e in in_pairs)
        ]
        stated: int | None = None
        metric: str | None = None
        if numbers:
            mention, metric = numbers[-1]
            if metric is None:
                continue  # the list counts something else (settlements, deliveries, ...)
            stated = mention.value
            if cumulative_start is not None and mention.start >= cumulative_start:
                continue
            if _CONTINUES_LIST.search(sentence, 0, g_start):
                # "25 died near X, another 34 in Idlib, 14 in Homs": the 25 is
                # the first entry of the list (a place we don't know), not its total
                stated = None
        else:
            # "12 shells in Mariupol and 7 shells in Donetsk": the entries name it
            inside = [metric for m, metric in located if metric and g_start <= m.start < g_end]
            metric = inside[0] if inside else _nearest_trigger(sentence, region_start, g_start, g_end, compiled)
            if metric is None:
                continue
        if cumulative_start is not None and cumulative_start <= g_start:
            continue  # a running total, never a daily tally
        if len(group) < 2 and stated is None:
            continue  # one "6 in Aleppo" is a figure, not a bulletin list
        by_place: dict[str, int] = {}
        for _, _, key, value in group:
            by_place[key] = by_place.get(key, 0) + value
        total_read = sum(by_place.values())
        if stated is not None and stated != total_read:
            problems.append(
                Problem("", "tallies", f"{metric} on {day}: stated total {stated} but the places add up to {total_read}", "warning")
            )
        reporter = _group_reporter(sentence, context, g_start, attributed_to, len(groups))
        tallies.append(
            Tally(
                date=day,
                metric=metric,
                total=stated if stated is not None else total_read,
                by_place=by_place,
                attributed_to=reporter or attributed_to,
                article=article,
                sentence=sentence,
                start=start,
                end=end,
                stated_total=stated,
                sources=((article, start),),
            )
        )
    return tallies, problems


def _group_reporter(sentence: str, context: AttributionContext | None, position: int,
                    caller: str | None, n_groups: int) -> str | None:
    """Who reported one list: its own reporter, expanded to the caller's name when that is its long form."""
    own = find_attribution(sentence, context, position)
    if caller is None:
        return own
    if own is None or (context is None and n_groups == 1):
        return caller
    own_words = set(re.findall(r"[a-z]+", own.lower())) - {"the"}
    if context is None and own_words and own_words <= set(re.findall(r"[a-z]+", caller.lower())):
        return caller  # "Ministry" said by the caller's "Russian Defense Ministry"
    return own


def _nearest_trigger(sentence: str, region_start: int, g_start: int, g_end: int, compiled: Iterable[Any]) -> str | None:
    """The metric named nearest before the list, else right after it."""
    best: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for metric in compiled:
        for m in metric.trigger_any.finditer(sentence, region_start, g_start):
            if best is None or m.start() > best[0]:
                best = (m.start(), metric.name)
        m = metric.trigger_any.search(sentence, g_end)
        if m and (after is None or m.start() < after[0]):
            after = (m.start(), metric.name)
    if best:
        return best[1]
    return after[1] if after else None


# -- tables --------------------------------------------------------------------------

_PLACE_HEADER = re.compile(r"\b(?:provinces?|governorates?|regions?|places?|city|cities|areas?|districts?|locations?|oblasts?|settlements?|towns?|localit(?:y|ies)|country|countries|admin1)\b", re.I)
_TOTAL_ROW = re.compile(r"^\s*(?:total|all|overall|sum)\b", re.I)


def table_blocks(text: str) -> list[tuple[int, int, str]]:
    """Runs of at least two table rows ("a | b" lines) in an article's text.

    ``read.html_to_text`` renders each table row as its own paragraph with
    cells joined by " | "; extraction passes each block to ``find_tallies``.
    """
    blocks: list[tuple[int, int, str]] = []
    rows = [m for m in re.finditer(r"[^\n]+", text) if "|" in m.group()]
    run: list[re.Match[str]] = []
    for row in rows + [None]:  # type: ignore[list-item]
        if row is not None and run and re.fullmatch(r"\s*", text[run[-1].end() : row.start()]) and text[run[-1].end() : row.start()].count("\n") <= 2:
            run.append(row)
            continue
        if len(run) >= 2:
            blocks.append((run[0].start(), run[-1].end(), text[run[0].start() : run[-1].end()]))
        run = [row] if row is not None else []
    return blocks


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table_tallies(
    block: str, date: str, article: str, start: int, end: int, gazetteer: Any,
    metrics: Mapping[str, Any], attributed_to: str | None, published: dt.date | None,
) -> tuple[list[Tally], list[Problem]]:
    lines = [ln for ln in block.splitlines() if "|" in ln and not re.fullmatch(r"[\s|:\-]+", ln)]
    if len(lines) < 2:
        return [], []
    header, body = _cells(lines[0]), [_cells(ln) for ln in lines[1:]]
    place_col = next((i for i, h in enumerate(header) if _PLACE_HEADER.search(h)), None)
    if place_col is None:
        return [], []
    compiled = compile_metrics(metrics)
    columns: list[tuple[int, str]] = []
    for i, h in enumerate(header):
        if i == place_col:
            continue
        for metric in compiled:
            label = str(metrics[metric.name].get("label", ""))
            if metric.trigger_any.search(h) or (metric.unit and metric.unit.match(" " + h)) or (label and label.lower() == h.lower()):
                columns.append((i, metric.name))
                break
    day = bulletin_date(block, published, date)
    tallies: list[Tally] = []
    problems: list[Problem] = []
    for col, metric_name in columns:
        by_place: dict[str, int] = {}
        stated: int | None = None
        for row in body:
            if len(row) <= max(col, place_col):
                continue
            value = parse_number(row[col])
            if value is None:
                continue
            if _TOTAL_ROW.match(row[place_col]):
                stated = value
                continue
            found = _places_in(row[place_col], gazetteer)
            key = _place_key(found[0], True) if found else row[place_col]
            by_place[key] = by_place.get(key, 0) + value
        if not by_place:
            continue
        total_read = sum(by_place.values())
        if stated is not None and stated != total_read:
            problems.append(
                Problem("", "tallies", f"{metric_name} on {day}: table total {stated} but the rows add up to {total_read}", "warning")
            )
        tallies.append(
            Tally(day, metric_name, stated if stated is not None else total_read, by_place, attributed_to, article,
                  block, start, end, stated, ((article, start),))
        )
    return tallies, problems
