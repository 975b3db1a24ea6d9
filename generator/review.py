"""Review: what an editor should look at before publishing, most consequential first.

Every event and tally carries its reasons for doubt (``doubts``), figures'
doubts included ("figure killed = 6: no source named"):

* the date was only inherited from an earlier sentence, or taken from the
  publication date;
* no place was found, or a place name matches places in two provinces, or a
  tally lists a place the gazetteer doesn't know;
* a tally's stated total doesn't match the sum of its places;
* sources conflict: the day's key figure for the metric is a range, because
  sources gave different numbers for the same incident;
* a figure or tally has no source;
* a total over several days whose period could not be resolved;
* a sentence looked like a tally but could not be read (a warning from
  extraction, on the build report).

``review_items`` ranks what is left after the editor's decisions (an
edited or checked item leaves the list): a key figure or a tally outranks
a background event, a bigger number a smaller one, a conflict a missing
date. Each item carries the exact YAML block to paste into
``content/corrections.yaml`` to confirm it (or, uncommenting lines, fix it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator import dates, ids
from generator.aggregate import figure_span, tally_span
from generator.model import OTHER_PLACES, Article, Bulletin, Event, Figure, Place, Problem, SiteData, Tally

# What each reason adds to an item's weight: consequences for a reader first.
REASON_WEIGHT = {
    "conflict": 30,
    "total": 30,
    "unread": 25,
    "no_source": 12,
    "period": 15,
    "ambiguous": 10,
    "unknown_place": 10,
    "publication_date": 10,
    "inherited": 5,
    "no_place": 4,
}


@dataclass(frozen=True, slots=True)
class Doubt:
    code: str
    text: str


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One thing to look at: what it is, why, and the block that settles it."""

    kind: str  # event, tally or unread (a possible tally extraction could not read)
    id: str
    date: str
    article: str
    start: int
    sentence: str
    reasons: tuple[str, ...]
    score: int
    fix: str  # YAML to paste into corrections.yaml

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


# -- doubts -----------------------------------------------------------------------------


def _fig(f: Figure) -> str:
    sub = f" ({f.subgroup})" if f.subgroup else ""
    return f"figure {f.metric}{sub} = {f.value}"


def event_doubts(event: Event, homonyms: Callable[[str], list[str]] = lambda name: []) -> list[Doubt]:
    """An event's own reasons for doubt (conflicts between sources come from ``conflicts``).

    >>> e = Event("x", "a", "2016-12-23", "day", None, "Six were killed.", 0, 16, "attack",
    ...           figures=(Figure("killed", 6),))
    >>> [d.text for d in event_doubts(e)]
    ['date taken from the publication date', 'no place found (not named, or not in the gazetteer)', 'figure killed = 6: no source named']
    """
    out = []
    if event.date_text is None:
        out.append(Doubt("publication_date", "date taken from the publication date"))
    elif ids.normalised(event.date_text).lower() not in ids.normalised(event.sentence).lower():
        out.append(Doubt("inherited", f"date inherited from an earlier sentence (“{event.date_text}”)"))
    if event.date_text and (why := dates.numeric_doubt(event.date_text, event.date)):
        out.append(Doubt("date_order", why))  # "3/4/12": day and month could swap
    if not event.places:
        out.append(Doubt("no_place", "no place found (not named, or not in the gazetteer)"))
    for place in event.places:
        others = [p for p in homonyms(place.text or place.name) if p != place.admin1]
        if others:
            out.append(Doubt("ambiguous", f"“{place.text or place.name}” also names a place in {', '.join(others)} (read as {place.admin1})"))
    for f in event.figures:
        if not f.attributed_to:
            out.append(Doubt("no_source", f"{_fig(f)}: no source named"))
        if figure_span(f) != "day" and not getattr(f, "period_start", None) and not getattr(f, "period_end", None):
            out.append(Doubt("period", f"{_fig(f)}: a total over several days whose period was not resolved"))
    return out


def tally_doubts(tally: Tally, known_place: Callable[[str], bool] = lambda name: True) -> list[Doubt]:
    """A tally's own reasons for doubt.

    >>> t = Tally("2016-12-23", "killed", 9, {"Aleppo": 6, "Hama": 2}, None, "a", "s", 0, 1, stated_total=9)
    >>> [d.text for d in tally_doubts(t)]
    ['stated total 9 but the places add up to 8', 'no source named']

    The row of the other places ("11 in other areas") is no place to look up:

    >>> t = Tally("2016-12-23", "killed", 9, {"Aleppo": 6, OTHER_PLACES: 3}, "the monitor", "a", "s", 0, 1)
    >>> tally_doubts(t, known_place=lambda name: name == "Aleppo")
    []
    """
    out = []
    if tally.places_differ:
        out.append(Doubt("total", f"stated total {tally.stated_total} but the places add up to {sum(tally.by_place.values())}"))
    if not tally.attributed_to:
        out.append(Doubt("no_source", "no source named"))
    for name in tally.by_place:
        if name != OTHER_PLACES and not known_place(name):
            out.append(Doubt("unknown_place", f"“{name}” is not in the gazetteer"))
    if tally_span(tally) != "day" and not getattr(tally, "period_start", None) and not getattr(tally, "period_end", None):
        out.append(Doubt("period", "a total over several days whose period was not resolved"))
    return out


def conflicts(bulletins: Iterable[Bulletin]) -> dict[str, list[Doubt]]:
    """event id → "sources conflict" doubts, from key figures whose sources disagree."""
    out: dict[str, list[Doubt]] = defaultdict(list)
    for b in bulletins:
        for kf in b.key_figures:
            # a part of a wider count ("4 in Hama" beside "24 across Syria") is no rival of it
            rivals = [c for c in kf.claims if not c.subgroup and not c.part]
            sources = {c.attributed_to for c in rivals}
            if kf.low == kf.high or len(sources) < 2:
                continue
            said = "; ".join(f"{c.attributed_to or 'unattributed'}: {c.value}" for c in rivals)
            doubt = Doubt("conflict", f"sources conflict on {kf.metric} for {b.date} ({said})")
            for c in kf.claims:
                for event_id in c.event_ids:
                    if doubt not in out[event_id]:
                        out[event_id].append(doubt)
    return out


# -- annotate the site ----------------------------------------------------------------------


def annotate(site: SiteData, homonyms: Callable[[str], list[str]], known_place: Callable[[str], bool]) -> dict[str, list[Doubt]]:
    """Give every event and tally of ``site`` its ``doubts`` (in place); return them by id.

    Bulletins hold the same events and tallies, so they are replaced there too.
    """
    conflict = conflicts(site.bulletins)
    reasons: dict[str, list[Doubt]] = {}
    new_events: dict[str, Event] = {}
    for e in site.events:
        found = event_doubts(e, homonyms) + conflict.get(e.id, [])
        reasons[e.id] = found
        new_events[e.id] = dataclasses.replace(e, doubts=tuple(d.text for d in found)) if found else e
    tally_conflict = _tally_conflicts(site.bulletins)
    new_tallies: dict[int, Tally] = {}
    for t in site.tallies:
        found = tally_doubts(t, known_place) + tally_conflict.get((t.date, t.metric), [])
        reasons[t.id or f"{t.article}@{t.start}"] = found
        new_tallies[id(t)] = dataclasses.replace(t, doubts=tuple(d.text for d in found)) if found else t
    site.events = [new_events[e.id] for e in site.events]
    site.tallies = [new_tallies.get(id(t), t) for t in site.tallies]
    for b in site.bulletins:
        b.events = [new_events.get(e.id, e) for e in b.events]
        b.tallies = [new_tallies.get(id(t), t) for t in b.tallies]
    return reasons


def _tally_conflicts(bulletins: Iterable[Bulletin]) -> dict[tuple[str, str], list[Doubt]]:
    """(day, metric) → a conflict doubt when a tally's key figure is a range across sources."""
    out: dict[tuple[str, str], list[Doubt]] = {}
    for b in bulletins:
        tallied = {t.metric for t in b.tallies}
        for kf in b.key_figures:
            if kf.metric in tallied and kf.low != kf.high and len({c.attributed_to for c in kf.claims}) > 1:
                said = "; ".join(f"{c.attributed_to or 'unattributed'}: {c.value}" for c in kf.claims)
                out[(b.date, kf.metric)] = [Doubt("conflict", f"sources conflict on {kf.metric} for {b.date} ({said})")]
    return out


# -- ranking and fixes ------------------------------------------------------------------------------


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML).

    >>> _quote('He said "six".')
    '"He said \\\\"six\\\\"."'
    """
    return json.dumps(text, ensure_ascii=False)


def _places_yaml(places: Sequence[Place]) -> str:
    names = list(dict.fromkeys(p.name for p in places))
    return "[" + ", ".join(_quote(n) for n in names) + "]"


def event_fix(event: Event, reasons: Sequence[str]) -> str:
    """The block that confirms (or, uncommented, fixes) an event."""
    lines = [
        f"- event: {_quote(event.id)}",
        f"  article: {_quote(event.article)}",
        f"  sentence: {_quote(ids.normalised(event.sentence))}",
        "  # to fix, uncomment and edit what is wrong (and remove 'checked' if you only fix):",
        f"  # date: {_quote(event.date)}",
        f"  # place: {_places_yaml(event.places)}",
        f"  # type: {_quote(event.type)}",
    ]
    if event.figures:
        lines.append("  # figures:")
        for f in event.figures:
            sub = f", subgroup: {_quote(f.subgroup)}" if f.subgroup else ""
            qual = _quote(f.qualifier) if f.qualifier else "null"
            src = _quote(f.attributed_to) if f.attributed_to else "null"
            lines.append(f"  #   - {{metric: {f.metric}{sub}, was: {f.value}, value: {f.value}, qualifier: {qual}, source: {src}}}")
    lines.append("  # hide: \"why it should not be published\"")
    lines.append("  checked: true")
    lines.append('  note: ""   # your note, shown with the entry')
    return "\n".join(lines) + "\n"


def tally_fix(tally: Tally, reasons: Sequence[str]) -> str:
    by_place = ", ".join(f"{_quote(k)}: {v}" for k, v in tally.by_place.items())
    lines = [
        f"- tally: {_quote(tally.id)}",
        f"  article: {_quote(tally.article)}",
        f"  sentence: {_quote(ids.normalised(tally.sentence))}",
        "  # to fix, uncomment and edit:",
        f"  # date: {_quote(tally.date)}",
        f"  # by_place: {{{by_place}}}",
        f"  # total: {tally.total}",
        f"  # source: {_quote(tally.attributed_to) if tally.attributed_to else 'null'}",
        "  # hide: \"why it should not be published\"",
        "  checked: true",
        '  note: ""   # your note, shown with the entry',
    ]
    return "\n".join(lines) + "\n"


UNREAD_PREFIX = "possible tally not read: "


def unread_sentence(problem: Problem) -> str:
    """The sentence a "possible tally not read" warning quotes ("" when it quotes none)."""
    return problem.reason[len(UNREAD_PREFIX):].strip() if problem.reason.startswith(UNREAD_PREFIX) else ""


def unread_fix(article: Article, problem: Problem, metrics: Sequence[str] = ()) -> str:
    """An ``add: tally`` block for a sentence extraction could not read: the numbers are the editor's to give."""
    sentence = unread_sentence(problem)
    lines = ["- add: tally", f"  article: {_quote(article.slug)}"]
    lines.append(f"  sentence: {_quote(sentence)}" if sentence else f"  # {problem.reason}".replace("\n", " "))
    lines += [
        f"  date: {_quote(article.published.isoformat())}",
        f"  metric: \"\"        # fill in: {', '.join(metrics) or 'a TIMELINE_METRICS name'}",
        "  by_place: {}       # fill in: {Province: count, ...}",
        "  source: null",
        "  note: \"read by the editor\"",
        "# or, when the sentence holds no tally, paste this instead:",
        f"# - unread: {_quote(unread_id(article, problem))}",
        "#   checked: true",
    ]
    return "\n".join(lines) + "\n"


def unread_id(article: Article, problem: Problem) -> str:
    """Stable id of a "possible tally not read" warning: the article and a hash of its text."""
    return f"{article.slug}#{hashlib.sha1(problem.reason.encode()).hexdigest()[:8]}"


def _magnitude(values: Iterable[int]) -> int:
    biggest = max(values, default=0)
    return int(5 * math.log10(biggest + 1))


def event_score(event: Event, doubts: Sequence[Doubt], key_metrics: Sequence[str]) -> int:
    """Background events (no figure) score low; a key metric's day figure high; reasons add up."""
    if any(f.metric in key_metrics and figure_span(f) == "day" for f in event.figures):
        base = 60
    elif event.figures:
        base = 40
    else:
        base = 0
    return base + _magnitude(f.value for f in event.figures) + sum(REASON_WEIGHT.get(d.code, 5) for d in doubts)


def tally_score(tally: Tally, doubts: Sequence[Doubt], key_metrics: Sequence[str]) -> int:
    base = 70 if tally.metric in key_metrics else 50
    return base + _magnitude([tally.total]) + sum(REASON_WEIGHT.get(d.code, 5) for d in doubts)


def _since(date: str, since: str | None) -> bool:
    return not since or date >= since[: len(date)]


def unread_problems(site: SiteData) -> list[tuple[Article, Problem]]:
    """Warnings of sentences that looked like a tally but could not be read, with their article."""
    by_path = {a.path: a for a in site.articles}
    out = []
    for p in site.problems:
        text = p.reason.lower()
        if p.stage == "tallies" and p.severity == "warning" and ("not read" in text or "possible tally" in text):
            article = by_path.get(p.path)
            if article is not None:
                out.append((article, p))
    return out


def review_items(
    site: SiteData, reasons: Mapping[str, Sequence[Doubt]], key_metrics: Sequence[str], since: str | None = None,
    metrics: Sequence[str] = (),
) -> list[ReviewItem]:
    """Items with doubts the editor has not settled, most consequential first.

    An edited or checked item has been decided and leaves the list.
    """
    items: list[ReviewItem] = []
    for e in site.events:
        doubts = reasons.get(e.id, [])
        if not doubts or e.edited or e.checked or not _since(e.date, since):
            continue
        texts = [d.text for d in doubts]
        items.append(ReviewItem("event", e.id, e.date, e.article, e.start, e.sentence, tuple(texts),
                                event_score(e, doubts, key_metrics), event_fix(e, texts)))
    for t in site.tallies:
        doubts = reasons.get(t.id or f"{t.article}@{t.start}", [])
        if not doubts or t.edited or t.checked or not _since(t.date, since):
            continue
        texts = [d.text for d in doubts]
        items.append(ReviewItem("tally", t.id, t.date, t.article, t.start, t.sentence, tuple(texts),
                                tally_score(t, doubts, key_metrics), tally_fix(t, texts)))
    added = {(t.article, ids.normalised(t.sentence)) for t in site.tallies if "added" in t.edited}
    dismissed = {a.id for a in site.corrections if getattr(a, "kind", "") == "unread"}
    for article, problem in unread_problems(site):
        date = article.published.isoformat()
        if not _since(date, since) or (article.slug, ids.normalised(unread_sentence(problem))) in added:
            continue  # the editor added the tally it holds
        if unread_id(article, problem) in dismissed:
            continue
        items.append(ReviewItem("unread", unread_id(article, problem), date, article.slug, 0, problem.reason,
                                ("a possible tally was not read",), 60 + REASON_WEIGHT["unread"],
                                unread_fix(article, problem, metrics)))
    return sorted(items, key=lambda i: (-i.score, _newest_first(i.date), i.kind, i.id))


def _newest_first(date: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in date)


def review_site(site: SiteData, config: Mapping[str, Any]) -> list[ReviewItem]:
    """Annotate ``site`` with doubts (in place) and return its review list."""
    from generator import places

    gazetteer = places.Gazetteer.for_settings(config)
    reasons = annotate(site, gazetteer.homonym_provinces, lambda name: gazetteer.lookup(name) is not None)
    return review_items(site, reasons, list(config["TIMELINE_KEY_METRICS"]), metrics=sorted(config["TIMELINE_METRICS"] or ()))


# -- output -------------------------------------------------------------------------------------


def as_text(items: Sequence[ReviewItem]) -> str:
    if not items:
        return "Nothing to review: every item is settled or without doubt.\n"
    out = [f"{len(items)} item{'s' if len(items) != 1 else ''} to review, most consequential first.\n"]
    for n, item in enumerate(items, 1):
        out.append(f"## {n}. {item.kind} {item.id}  ({item.date}, {item.article})")
        out.append(f"   “{ids.normalised(item.sentence)}”")
        out.extend(f"   - {r}" for r in item.reasons)
        out.append("   Paste into content/corrections.yaml:")
        out.append(item.fix.rstrip("\n"))
        out.append("")
    return "\n".join(out) + "\n"


def as_json(items: Sequence[ReviewItem]) -> str:
    return json.dumps({"items": [i.as_dict() for i in items]}, ensure_ascii=False, indent=2) + "\n"


def as_yaml(items: Sequence[ReviewItem]) -> str:
    """Every fix block in rank order: a corrections file ready to edit."""
    out = ["# Review list: confirm or fix each item, then paste into content/corrections.yaml", ""]
    for n, item in enumerate(items, 1):
        out.append(f"# {n}. {item.kind} ({item.date}): " + "; ".join(item.reasons).replace("\n", " "))
        out.append(item.fix)
    return "\n".join(out)
