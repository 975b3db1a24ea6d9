"""Corrections: an editor's decisions, kept in ``content/corrections.yaml``, applied after extraction.

Extraction is never perfect and a bulletin goes out under an editor's
name, so the editor has the last word, in a file that survives rebuilds
and re-imports (the article's text, a quote, is never edited). The file is
a YAML list; each item addresses one event or tally by its stable id
(``generator.ids``: derived from the sentence, so it survives edits
elsewhere in the article) or adds one the text doesn't yield::

    - event: 3f1c2a9b8d7e          # an event_id, as on the site and in events.csv
      article: aleppo-attacked-again    # what it pointed at (review writes these):
      sentence: "The Observatory said six people were killed."  # lets a build tell stale from mistyped
      date: 2016-12-22             # ISO; precision from its shape, or say `precision: month`
      place: [Aleppo]              # gazetteer names; [] for none
      type: shelling               # an event type id
      figures:                     # pick a figure by metric (and subgroup / was), change it
        - metric: killed
          was: 6
          value: 7
          qualifier: at least      # null for an exact number
          source: Syrian Observatory for Human Rights
      checked: true                # confirmed as read
      hide: duplicate of another report   # hidden everywhere, with the reason (listed on the build report)
      note: Observatory's evening update   # shown with the entry, in exports' edit_note
    - tally: t0a1b2c3d4e5f         # a tally id (tallies.csv tally_id)
      by_place: {Damascus: 17, Aleppo: 6, Hama: 2}
      total: 25
    - add: event                   # an event the text doesn't yield, from an article
      article: aleppo-attacked-again
      sentence: "..."              # optional; when given it must be in the article
      date: 2016-12-23
      ...
    - add: tally
      article: ..., date: ..., metric: killed, by_place: {Aleppo: 3}, source: ...
    - unread: mod-bulletin#3d5a90bb  # a "possible tally not read" that holds no tally
      checked: true

Corrections are applied to the extractions (so the extraction cache stays
valid) before aggregation, in ``apply``: everything downstream (bulletins,
timeline, place pages, feeds, exports, search) sees the corrected items,
marked ``edited`` (what changed) with the editor's ``edit_note``, or
``checked``. A tally correction applies to every outlet that carried the
same report (they count once).

Nothing is dropped silently. An item whose target is gone (the article was
removed, or the sentence changed) is **stale**; an item that cannot be
applied (unknown id, impossible date, unknown place or type, a figure that
isn't there, unknown field) is **invalid**; a file that isn't YAML is
**malformed**. Each becomes a ``Problem`` with the file and line, on the
build report and in ``extract``'s output, and the build goes on without
that item.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import ids
from generator.model import Event, Extraction, Figure, Place, Problem, Tally
from generator.settings import get as setting

STAGE = "corrections"

EVENT_FIELDS = {"event", "article", "sentence", "date", "precision", "place", "type", "figures", "checked", "hide", "note"}
TALLY_FIELDS = {"tally", "article", "sentence", "date", "metric", "by_place", "total", "source", "checked", "hide", "note"}
ADD_EVENT_FIELDS = {"add", "article", "sentence", "date", "precision", "place", "type", "figures", "note", "checked"}
ADD_TALLY_FIELDS = {"add", "article", "sentence", "date", "metric", "by_place", "total", "source", "note", "checked"}
FIGURE_SELECT = {"metric", "subgroup", "was"}
FIGURE_CHANGE = {"value", "value_max", "qualifier", "source", "span", "period_start", "period_end", "remove", "add"}
SPANS = ("day", "period", "cumulative")


class Invalid(ValueError):
    """One item can't be applied; ``line`` points at the offending value."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.line = line


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of the file: its fields (plain values) and the line of each."""

    line: int
    fields: dict[str, Any]
    lines: dict[str, int]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


@dataclass(frozen=True, slots=True)
class Applied:
    """What one item did, for the build report: ``action`` is edited, checked, hidden or added."""

    action: str
    kind: str  # event or tally
    id: str
    line: int
    article: str
    sentence: str
    note: str | None = None


@dataclass(slots=True)
class Outcome:
    """The corrected extractions, what was applied and what was refused (as Problems)."""

    extractions: list[Extraction]
    applied: list[Applied] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# -- reading ------------------------------------------------------------------------


def _scalar(node: Any) -> Any:
    """A scalar node's value, typed by the YAML resolver's tag; dates stay text (we check them)."""
    tag = node.tag.rsplit(":", 1)[-1]
    text = node.value
    if tag == "null":
        return None
    if tag == "bool":
        return text.lower() in ("true", "yes", "on")
    if tag == "int":
        try:
            return int(text.replace("_", ""), 0)
        except ValueError:
            return text
    if tag == "float":
        return text  # ids such as 12e456789012 must stay text; no float is meaningful here
    return text


def _plain(node: Any) -> Any:
    kind = type(node).__name__
    if kind == "MappingNode":
        return {str(_plain(k)): _plain(v) for k, v in node.value}
    if kind == "SequenceNode":
        return [_plain(v) for v in node.value]
    return _scalar(node)


def parse(text: str, path: str = "corrections.yaml") -> tuple[list[Item], list[Problem]]:
    """The file's items, and a Problem for each part that isn't a usable item.

    Ids are kept as written (``012345678901`` stays text); line numbers are 1-based.

    >>> items, problems = parse("- event: 012345678901\\n  checked: true\\n")
    >>> items[0].fields, items[0].line, problems
    ({'event': '012345678901', 'checked': True}, 1, [])
    >>> parse("- event: [x\\n")[1][0].reason.startswith("malformed YAML")
    True
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        root = YAML(typ="safe", pure=True).compose(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        return [], [Problem(f"{path}:{line}", STAGE, f"malformed YAML: {err.problem or err.context}")]
    except YAMLError as err:
        return [], [Problem(path, STAGE, f"malformed YAML: {err}")]
    if root is None:
        return [], []
    if type(root).__name__ != "SequenceNode":
        return [], [Problem(f"{path}:{root.start_mark.line + 1}", STAGE, "invalid: the file must be a list of items ('- event: ...')")]
    items, problems = [], []
    for node in root.value:
        line = node.start_mark.line + 1
        if type(node).__name__ != "MappingNode":
            problems.append(Problem(f"{path}:{line}", STAGE, "invalid: an item must be a mapping ('event: <id>' and fields)"))
            continue
        fields: dict[str, Any] = {}
        lines: dict[str, int] = {}
        duplicate = None
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in fields:
                duplicate = (key, key_node.start_mark.line + 1)
            raw_id = key in ("event", "tally") and type(value_node).__name__ == "ScalarNode"
            fields[key] = str(value_node.value) if raw_id else _plain(value_node)
            lines[key] = value_node.start_mark.line + 1
        if duplicate:
            problems.append(Problem(f"{path}:{duplicate[1]}", STAGE, f"invalid: '{duplicate[0]}' given twice in one item"))
            continue
        items.append(Item(line, fields, lines))
    return items, problems


def load(path: str | Path) -> tuple[list[Item], list[Problem]]:
    """``parse`` of a file; a missing file is no corrections, an unreadable one a Problem."""
    p = Path(path)
    if not p.is_file():
        return [], []
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return [], [Problem(str(path), STAGE, f"unreadable: {err}")]
    return parse(text, str(path))


# -- values ---------------------------------------------------------------------------

_DATE_SHAPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"\d{4}-W\d{2}"), "week"),
    (re.compile(r"\d{4}-\d{2}"), "month"),
    (re.compile(r"\d{4}"), "year"),
)


def check_date(value: Any, precision: Any = None) -> tuple[str, str]:
    """An editor's date → (ISO date, precision); ``Invalid`` for impossible ones.

    >>> check_date("2016-12-22"), check_date("2016-12"), check_date("2016-12-22", "month")
    (('2016-12-22', 'day'), ('2016-12', 'month'), ('2016-12', 'month'))
    >>> check_date("2016-02-30")
    Traceback (most recent call last):
    ...
    generator.corrections.Invalid: impossible date '2016-02-30' (day is out of range for month)
    """
    text = str(value).strip()
    shape = next((g for pattern, g in _DATE_SHAPES if pattern.fullmatch(text)), None)
    if shape is None:
        raise Invalid(f"not a date: {text!r} (expected YYYY-MM-DD, YYYY-MM, YYYY or YYYY-Www)")
    try:
        if shape == "day":
            dt.date.fromisoformat(text)
        elif shape == "month":
            dt.date(int(text[:4]), int(text[5:7]), 1)
        elif shape == "week":
            dt.date.fromisocalendar(int(text[:4]), int(text[6:8]), 1)
    except ValueError as err:
        raise Invalid(f"impossible date {text!r} ({err})") from None
    if precision in (None, shape):
        return text, shape
    cut = {"month": 7, "year": 4}.get(str(precision))
    if cut and shape in ("day", "month") and len(text) > cut:
        return text[:cut], str(precision)
    raise Invalid(f"precision {precision!r} does not fit the date {text!r}")


def _text(value: Any, what: str) -> str:
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
        raise Invalid(f"{what} must be text")
    return str(value).strip()


def _count(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"{what} must be a whole number ≥ 0, not {value!r}")
    return value


# -- the world a correction is checked against ------------------------------------------


@dataclass(slots=True)
class Context:
    """What the items are checked against: the gazetteer, the known types and metrics."""

    lookup_place: Callable[[str], Place | None]
    event_types: frozenset[str]
    metrics: frozenset[str]
    countries: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, config: Mapping[str, Any]) -> Context:
        from generator import places

        gazetteer = places.Gazetteer.for_settings(config)
        types = {"other"}
        for rule in config["TIMELINE_EVENT_TYPES"] or ():
            name = rule.get("id") or rule.get("type") if isinstance(rule, Mapping) else getattr(rule, "id", None) or getattr(rule, "type", None)
            if name:
                types.add(str(name))
        return cls(gazetteer.lookup, frozenset(types), frozenset(config["TIMELINE_METRICS"] or ()), tuple(config["TIMELINE_COUNTRIES"]))

    def place(self, name: Any) -> Place:
        text = _text(name, "a place")
        found = self.lookup_place(text)
        if found is None:
            raise Invalid(f"unknown place {text!r} (not in the gazetteer of {', '.join(self.countries) or 'the active countries'})")
        return Place(found.name, found.admin1, found.country, found.kind)

    def places(self, value: Any) -> tuple[Place, ...]:
        names = [] if value is None else value if isinstance(value, list) else [value]
        return tuple(self.place(n) for n in names)

    def province(self, name: Any) -> str:
        place = self.place(name)
        return place.admin1 or place.name

    def event_type(self, value: Any) -> str:
        text = _text(value, "type")
        if text not in self.event_types:
            raise Invalid(f"unknown event type {text!r} (known: {', '.join(sorted(self.event_types))})")
        return text

    def metric(self, value: Any) -> str:
        text = _text(value, "metric")
        if text not in self.metrics:
            raise Invalid(f"unknown metric {text!r} (known: {', '.join(sorted(self.metrics))})")
        return text


# -- applying -----------------------------------------------------------------------------


def _note(item: Item) -> str | None:
    note = item.get("note")
    return None if note is None or note == "" else _text(note, "note")


def _merge_note(old: str | None, new: str | None) -> str | None:
    if not new or new == old:
        return old
    return f"{old} / {new}" if old else new


def _edited(old: tuple[str, ...], changes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*old, *changes)))


def _unknown_fields(item: Item, allowed: set[str]) -> None:
    extra = sorted(set(item.fields) - allowed)
    if extra:
        raise Invalid(f"unknown field {extra[0]!r} (allowed: {', '.join(sorted(allowed))})", item.line_of(extra[0]))


def _hide_reason(item: Item) -> str | None:
    if "hide" not in item.fields or item.get("hide") is False:
        return None
    reason = item.get("hide")
    if reason is True or reason is None or not str(reason).strip():
        raise Invalid("hide needs a reason: 'hide: duplicate of ...'", item.line_of("hide"))
    return str(reason).strip()


def _checked(item: Item) -> bool:
    value = item.get("checked", False)
    if not isinstance(value, bool):
        raise Invalid("checked must be true or false", item.line_of("checked"))
    return value


def _figure_changes(fig: Figure, spec: Mapping[str, Any]) -> Figure:
    changes: dict[str, Any] = {}
    if "value" in spec:
        changes["value"] = _count(spec["value"], "value")
    if "value_max" in spec:
        changes["value_max"] = None if spec["value_max"] is None else _count(spec["value_max"], "value_max")
    if "qualifier" in spec:
        changes["qualifier"] = None if spec["qualifier"] is None else _text(spec["qualifier"], "qualifier")
    if "source" in spec:
        changes["attributed_to"] = None if spec["source"] is None else _text(spec["source"], "source")
        changes["source_basis"] = "editor"
    names = {f.name for f in dataclasses.fields(Figure)}
    if "span" in spec:
        span = spec["span"]
        if span not in SPANS:
            raise Invalid(f"span must be one of {', '.join(SPANS)}, not {span!r}")
        changes["cumulative"] = span == "cumulative"
        if "span" in names:
            changes["span"] = span
        elif span == "period":
            raise Invalid("span 'period' needs figures with span fields (not in this version)")
    for bound in ("period_start", "period_end"):
        if bound in spec:
            if bound not in names:
                raise Invalid(f"{bound} is not a figure field in this version")
            changes[bound] = None if spec[bound] is None else check_date(spec[bound])[0]
    return dataclasses.replace(fig, **changes)


def _apply_figures(event: Event, specs: Any, ctx: Context) -> tuple[Figure, ...]:
    if not isinstance(specs, list):
        raise Invalid("figures must be a list of '- metric: ...' items")
    figures = list(event.figures)
    for spec in specs:
        if not isinstance(spec, dict):
            raise Invalid("each figure must be a mapping with at least 'metric'")
        extra = sorted(set(spec) - FIGURE_SELECT - FIGURE_CHANGE)
        if extra:
            raise Invalid(f"unknown figure field {extra[0]!r}")
        metric = ctx.metric(spec.get("metric"))
        if spec.get("add"):
            if "value" not in spec:
                raise Invalid("a new figure needs a value")
            figures.append(_figure_changes(Figure(metric, 0), spec))
            continue
        matches = [
            i for i, f in enumerate(figures)
            if f.metric == metric
            and ("subgroup" not in spec or (f.subgroup or None) == (spec["subgroup"] or None))
            and ("was" not in spec or f.value == spec["was"])
        ]
        if not matches:
            what = f"{metric}" + (f" ({spec['subgroup']})" if spec.get("subgroup") else "") + (f" = {spec['was']}" if "was" in spec else "")
            have = "; ".join(f"{f.metric}{f' ({f.subgroup})' if f.subgroup else ''} = {f.value}" for f in figures) or "none"
            raise Invalid(f"no figure {what} in this event (it has: {have}); to add one say 'add: true'")
        if len(matches) > 1:
            raise Invalid(f"{len(matches)} figures match {metric}: say which with 'subgroup:' or 'was: <current value>'")
        if spec.get("remove"):
            del figures[matches[0]]
        else:
            figures[matches[0]] = _figure_changes(figures[matches[0]], spec)
    return tuple(figures)


def correct_event(event: Event, item: Item, ctx: Context) -> tuple[Event, list[str]]:
    """The event with the item's changes; the names of what changed."""
    changes: dict[str, Any] = {}
    edited: list[str] = []
    if "date" in item.fields or "precision" in item.fields:
        try:
            date, precision = check_date(item.get("date", event.date), item.get("precision"))
        except Invalid as err:
            raise Invalid(str(err), item.line_of("date")) from None
        changes.update(date=date, granularity=precision, date_text=None, date_mod=None)
        edited.append("date")
    if "place" in item.fields:
        try:
            changes["places"] = ctx.places(item.get("place"))
        except Invalid as err:
            raise Invalid(str(err), item.line_of("place")) from None
        edited.append("place")
    if "type" in item.fields:
        try:
            changes["type"] = ctx.event_type(item.get("type"))
        except Invalid as err:
            raise Invalid(str(err), item.line_of("type")) from None
        edited.append("type")
    if "figures" in item.fields:
        try:
            changes["figures"] = _apply_figures(event, item.get("figures"), ctx)
        except Invalid as err:
            raise Invalid(str(err), item.line_of("figures")) from None
        edited.append("figure")
    checked = _checked(item)
    note = _note(item)
    corrected = dataclasses.replace(
        event, **changes,
        edited=_edited(event.edited, edited),
        edit_note=_merge_note(event.edit_note, note),
        checked=event.checked or checked,
    )
    return corrected, edited


def correct_tally(tally: Tally, item: Item, ctx: Context) -> tuple[Tally, list[str]]:
    changes: dict[str, Any] = {}
    edited: list[str] = []
    if "date" in item.fields:
        try:
            date, precision = check_date(item.get("date"))
        except Invalid as err:
            raise Invalid(str(err), item.line_of("date")) from None
        if precision != "day":
            raise Invalid("a tally counts one day: give YYYY-MM-DD", item.line_of("date"))
        changes["date"] = date
        edited.append("date")
    if "metric" in item.fields:
        try:
            changes["metric"] = ctx.metric(item.get("metric"))
        except Invalid as err:
            raise Invalid(str(err), item.line_of("metric")) from None
        edited.append("metric")
    if "by_place" in item.fields:
        changes["by_place"] = _by_place(item, ctx)
        edited.append("by_place")
    if "total" in item.fields:
        try:
            total = _count(item.get("total"), "total")
        except Invalid as err:
            raise Invalid(str(err), item.line_of("total")) from None
        changes.update(total=total, stated_total=total)
        edited.append("total")
    elif "by_place" in item.fields:
        changes["total"] = sum(changes["by_place"].values())
        changes["stated_total"] = None
    if "source" in item.fields:
        changes["attributed_to"] = None if item.get("source") is None else _text(item.get("source"), "source")
        edited.append("source")
    corrected = dataclasses.replace(
        tally, **changes,
        edited=_edited(tally.edited, edited),
        edit_note=_merge_note(tally.edit_note, _note(item)),
        checked=tally.checked or _checked(item),
    )
    return corrected, edited


def _by_place(item: Item, ctx: Context) -> dict[str, int]:
    value = item.get("by_place")
    line = item.line_of("by_place")
    if not isinstance(value, dict) or not value:
        raise Invalid("by_place must be a mapping of place: count ({Aleppo: 6, Hama: 2})", line)
    out: dict[str, int] = {}
    try:
        for name, count in value.items():
            place = ctx.place(name)
            key = place.admin1 if place.kind == "admin1" or place.name == place.admin1 else place.name
            out[key or place.name] = out.get(key or place.name, 0) + _count(count, f"the count of {name}")
    except Invalid as err:
        raise Invalid(str(err), line) from None
    return out


def _locate(text: str, sentence: str | None) -> tuple[int, int, str]:
    """Where an editor's quoted sentence is in the article (whitespace-insensitive)."""
    if not sentence:
        return 0, 0, ""
    words = [re.escape(w) for w in str(sentence).split()]
    m = re.search(r"\s+".join(words), text) if words else None
    if not m:
        raise Invalid("the sentence is not in that article (quote it exactly, or leave 'sentence' out)")
    return m.start(), m.end(), m.group()


def _added_id(prefix: str, *parts: Any) -> str:
    return prefix + hashlib.sha1("\x00".join(map(str, ("added", *parts))).encode()).hexdigest()[: 12 - len(prefix)]


def _tally_key(t: Tally) -> tuple:
    return (t.date, t.metric, tuple(sorted(t.by_place.items())), t.total)


class _Book:
    """Where each event and tally is among the extractions, and what was removed."""

    def __init__(self, extractions: Sequence[Extraction]) -> None:
        self.extractions = list(extractions)
        self.events: dict[str, tuple[int, int]] = {}
        self.tallies: dict[str, tuple[int, int]] = {}
        self.articles = {x.article.slug: i for i, x in enumerate(self.extractions)}
        self.tally_lists: list[list[Tally | None]] = [list(x.tallies) for x in self.extractions]
        self.event_lists_opt: list[list[Event | None]] = [list(x.events) for x in self.extractions]
        for i, x in enumerate(self.extractions):
            for j, e in enumerate(x.events):
                self.events.setdefault(e.id, (i, j))
            for j, t in enumerate(x.tallies):
                if t.id:
                    self.tallies.setdefault(t.id, (i, j))
        self.added_events: dict[int, list[Event]] = {}
        self.added_tallies: dict[int, list[Tally]] = {}

    def result(self) -> list[Extraction]:
        out = []
        for i, x in enumerate(self.extractions):
            events = [e for e in self.event_lists_opt[i] if e is not None] + self.added_events.get(i, [])
            tallies = [t for t in self.tally_lists[i] if t is not None] + self.added_tallies.get(i, [])
            out.append(dataclasses.replace(x, events=tuple(events), tallies=tuple(tallies)))
        return out


def _gone(kind: str, target: str, item: Item, book: _Book) -> tuple[str, str]:
    """("stale"|"invalid", reason) for an item whose id matches nothing."""
    article = item.get("article")
    sentence = item.get("sentence")
    pointed = f" (it pointed at {article!s}" + (f": “{sentence}”" if sentence else "") + ")" if article else ""
    if article is None:
        return "invalid", f"unknown {kind} id {target!r}: no {kind} has it (ids are on the site and in the exports)"
    if str(article) not in book.articles:
        return "stale", f"{kind} {target}: the article {article} is no longer on the site{pointed}"
    x = book.extractions[book.articles[str(article)]]
    if sentence:
        norm = ids.normalised(str(sentence))
        items = x.events if kind == "event" else x.tallies
        now = [e.id for e in items if ids.normalised(e.sentence) == norm]
        if now:
            return "invalid", f"unknown {kind} id {target!r}: that sentence's {kind} id is {now[0]}"
        if norm in ids.normalised(x.article.text):
            return "stale", f"{kind} {target}: the sentence is still in {article} but no longer read as {'an event' if kind == 'event' else 'a tally'}{pointed}"
    return "stale", f"{kind} {target}: the sentence is no longer in {article} (the article changed){pointed}"


def apply(
    extractions: Sequence[Extraction],
    items: Sequence[Item],
    ctx: Context,
    path: str = "corrections.yaml",
    complete: bool = True,
) -> Outcome:
    """Apply every usable item, in file order; refuse the rest with a Problem each.

    ``complete`` says the extractions are the whole site: only then can an
    item for an article not among them be called stale (``extract`` on a
    few files passes False and skips items for other articles).
    """
    book = _Book(extractions)
    outcome = Outcome(extractions=[])

    def refuse(status: str, reason: str, line: int) -> None:
        severity = "warning" if status == "stale" else "error"
        outcome.problems.append(Problem(f"{path}:{line}", STAGE, f"{status}: {reason}", severity))  # type: ignore[arg-type]

    for item in items:
        article = item.get("article")
        in_scope = complete or (article is not None and str(article) in book.articles)
        try:
            if "event" in item.fields:
                if in_scope or str(item.get("event")) in book.events:
                    _event_item(item, book, ctx, outcome, refuse)
            elif "tally" in item.fields:
                if in_scope or str(item.get("tally")) in book.tallies:
                    _tally_item(item, book, ctx, outcome, refuse)
            elif "unread" in item.fields:
                # "I looked at that possible tally; there is nothing to add": review drops it.
                _unknown_fields(item, {"unread", "article", "sentence", "checked", "note"})
                if not _checked(item):
                    raise Invalid("an 'unread' item says 'checked: true'", item.line)
                outcome.applied.append(Applied("checked", "unread", str(item.get("unread")), item.line,
                                               str(article or ""), str(item.get("sentence") or ""), _note(item)))
            elif "add" in item.fields:
                if not complete and not in_scope:
                    continue
                _add_item(item, book, ctx, outcome)
            else:
                raise Invalid("an item starts with 'event: <id>', 'tally: <id>', 'unread: <id>' or 'add: event|tally'")
        except Invalid as err:
            refuse("invalid", str(err), err.line or item.line)
    outcome.extractions = book.result()
    return outcome


def _event_item(item: Item, book: _Book, ctx: Context, outcome: Outcome, refuse: Callable[[str, str, int], None]) -> None:
    _unknown_fields(item, EVENT_FIELDS)
    target = str(item.get("event"))
    where = book.events.get(target)
    if where is None:
        status, why = _gone("event", target, item, book)
        refuse(status, why, item.line_of("event"))
        return
    i, j = where
    event = book.event_lists_opt[i][j]
    if event is None:
        raise Invalid(f"event {target} is already hidden by an earlier item", item.line_of("event"))
    reason = _hide_reason(item)
    corrected, edited = correct_event(event, item, ctx)
    note = _note(item)
    if reason:
        book.event_lists_opt[i][j] = None
        outcome.applied.append(Applied("hidden", "event", target, item.line, event.article, event.sentence, reason))
        return
    book.event_lists_opt[i][j] = corrected
    action = "edited" if edited else "checked" if corrected.checked else "noted"
    outcome.applied.append(Applied(action, "event", target, item.line, event.article, event.sentence, note))


def _tally_item(item: Item, book: _Book, ctx: Context, outcome: Outcome, refuse: Callable[[str, str, int], None]) -> None:
    _unknown_fields(item, TALLY_FIELDS)
    target = str(item.get("tally"))
    where = book.tallies.get(target)
    if where is None:
        status, why = _gone("tally", target, item, book)
        refuse(status, why, item.line_of("tally"))
        return
    i, j = where
    tally = book.tally_lists[i][j]
    if tally is None:
        raise Invalid(f"tally {target} is already hidden by an earlier item", item.line_of("tally"))
    reason = _hide_reason(item)
    corrected, edited = correct_tally(tally, item, ctx)
    # The same report carried by other outlets counts once: correct every copy.
    key = _tally_key(tally)
    from generator.aggregate import same_reporter

    for tallies in book.tally_lists:
        for b, other in enumerate(tallies):
            if other is None or not (other is tally or (_tally_key(other) == key and same_reporter(other.attributed_to, tally.attributed_to))):
                continue
            if reason:
                tallies[b] = None
            else:
                copy, _ = correct_tally(other, item, ctx)
                tallies[b] = copy
    action = "hidden" if reason else "edited" if edited else "checked" if corrected.checked else "noted"
    outcome.applied.append(Applied(action, "tally", target, item.line, tally.article, tally.sentence, reason or _note(item)))


def _add_item(item: Item, book: _Book, ctx: Context, outcome: Outcome) -> None:
    kind = item.get("add")
    if kind not in ("event", "tally"):
        raise Invalid("add must be 'event' or 'tally'", item.line_of("add"))
    _unknown_fields(item, ADD_EVENT_FIELDS if kind == "event" else ADD_TALLY_FIELDS)
    slug = item.get("article")
    if slug is None:
        raise Invalid("an added item needs the article it comes from ('article: <slug>')", item.line)
    if str(slug) not in book.articles:
        raise Invalid(f"unknown article {slug!r} (give its slug, as in its address)", item.line_of("article"))
    i = book.articles[str(slug)]
    article = book.extractions[i].article
    try:
        start, end, sentence = _locate(article.text, item.get("sentence"))
    except Invalid as err:
        raise Invalid(str(err), item.line_of("sentence")) from None
    if "date" not in item.fields:
        raise Invalid("an added item needs a date", item.line)
    note = _note(item)
    if kind == "event":
        try:
            date, precision = check_date(item.get("date"), item.get("precision"))
        except Invalid as err:
            raise Invalid(str(err), item.line_of("date")) from None
        base = Event(
            id="", article=article.slug, date=date, granularity=precision, date_text=None,  # type: ignore[arg-type]
            sentence=sentence, start=start, end=end, type="other",
            source=article.source, source_url=article.source_url, article_url=article.url, article_title=article.title,
        )
        fields = {k: v for k, v in item.fields.items() if k not in ("date", "precision")}
        event, _ = correct_event(base, Item(item.line, fields, item.lines), ctx)
        event = dataclasses.replace(
            event, id=_added_id("", article.slug, sentence, date, event.type, item.line if not sentence else ""),
            edited=("added",), checked=event.checked,
        )
        book.added_events.setdefault(i, []).append(event)
        outcome.applied.append(Applied("added", "event", event.id, item.line, article.slug, sentence, note))
        return
    for needed in ("metric", "by_place"):
        if needed not in item.fields:
            raise Invalid(f"an added tally needs '{needed}'", item.line)
    base_tally = Tally(
        date=str(item.get("date")), metric="", total=0, by_place={}, attributed_to=None, article=article.slug,
        sentence=sentence, start=start, end=end, sources=((article.slug, start),),
    )
    tally, _ = correct_tally(base_tally, item, ctx)
    tally = dataclasses.replace(tally, id=_added_id("t", article.slug, sentence, tally.date, tally.metric), edited=("added",))
    book.added_tallies.setdefault(i, []).append(tally)
    outcome.applied.append(Applied("added", "tally", tally.id, item.line, article.slug, sentence, note))


def apply_file(
    extractions: Sequence[Extraction], path: str | Path, config: Mapping[str, Any], complete: bool = True
) -> Outcome:
    """``load`` + ``apply``: the one call the pipeline and ``extract`` make."""
    items, problems = load(path)
    if not items:
        return Outcome(extractions=list(extractions), problems=problems)
    outcome = apply(extractions, items, Context.from_settings(config), str(path), complete)
    outcome.problems[:0] = problems
    return outcome


def corrections_path(settings: Mapping[str, Any]) -> str:
    """Where the site's corrections file is: ``TIMELINE_CORRECTIONS`` under Pelican's ``PATH``."""
    name = setting(settings, "TIMELINE_CORRECTIONS")
    if not name:
        return ""
    p = Path(name)
    return str(p if p.is_absolute() else Path(settings.get("PATH", "content")) / p)
