"""Stable ids for events and tallies: derived from the sentence, never from an offset.

An editor's correction (``content/corrections.yaml``) points at an event or
a tally by its id, so the id must survive edits elsewhere in the article:
a paragraph added above shifts every offset but changes no id. It is a
hash of the article's slug and the sentence with its whitespace collapsed
(re-wrapping a line changes nothing), plus the metric for a tally.

The same sentence twice in one article gets distinct ids, deterministically:
the first keeps the plain hash, the n-th (n ≥ 2) hashes its rank too.

>>> event_id("aleppo", "Six people  were\\nkilled.") == event_id("aleppo", "Six people were killed.")
True
>>> event_id("aleppo", "Six people were killed.") != event_id("aleppo", "Six people were killed.", 2)
True
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from generator.model import Event, Tally

T = TypeVar("T", Event, Tally)


def normalised(sentence: str) -> str:
    """The sentence as ids see it: whitespace runs collapsed to one space, ends trimmed."""
    return " ".join(sentence.split())


def event_id(article_slug: str, sentence: str, rank: int = 1) -> str:
    """Twelve hex digits from the article and the sentence (``rank``: its n-th occurrence)."""
    key = f"{article_slug}\x00{normalised(sentence)}" + (f"\x00{rank}" if rank > 1 else "")
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def tally_id(article_slug: str, sentence: str, metric: str, rank: int = 1) -> str:
    """A tally's id: ``t`` and eleven hex digits from the article, the sentence and the metric."""
    key = f"tally\x00{article_slug}\x00{normalised(sentence)}\x00{metric}" + (f"\x00{rank}" if rank > 1 else "")
    return "t" + hashlib.sha1(key.encode()).hexdigest()[:11]


def with_event_ids(events: Sequence[Event]) -> list[Event]:
    """Events of one article (in text order) with their ids; repeated sentences ranked."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for event in events:
        key = (event.article, normalised(event.sentence))
        seen[key] += 1
        eid = event_id(event.article, event.sentence, seen[key])
        out.append(event if eid == event.id else dataclasses.replace(event, id=eid))  # most already have it (issue 11)
    return out


def with_tally_ids(tallies: Sequence[Tally]) -> list[Tally]:
    """Tallies of one article (in text order) with their ids."""
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for tally in tallies:
        key = (tally.article, normalised(tally.sentence), tally.metric)
        seen[key] += 1
        out.append(dataclasses.replace(tally, id=tally_id(tally.article, tally.sentence, tally.metric, seen[key])))
    return out
