"""Temporal tagger: find date/time expressions in news text and normalise them.

``find_timexes(text, reference)`` returns :class:`~generator.model.Timex`
objects whose ``value`` follows TimeML TIMEX3 (``2016-12-23``, ``2016-12``,
``2016-W51``, ``2016-12-22TNI``, ``P3D``, ``PRESENT_REF`` ...). ``reference``
is the article's publication date; relative expressions ("on Friday",
"yesterday", "last week") resolve against it, anaphoric ones ("the next day",
"two days later") against the last date the text mentioned.

How it works (HeidelTime-style, but small):

1. *Grammar*: a table of rules (``_RULES``), one record each: name,
   pattern, resolver, core token, whether its value is derived from another
   date, and examples as (text with the expression in [brackets], reference
   date, TIMEX3 value). Each finds candidate spans anywhere in the text. Some rules are *blockers*:
   they match things that look like dates but are not (prices, percentages,
   ages, phone numbers) and, being longer, win against the date reading.
2. *Selection*: overlapping candidates are resolved longest-first, giving
   non-overlapping spans.
3. *Resolution*: spans are normalised left to right by small resolver
   functions, so that anaphoric expressions can use the most recent date.
   A resolver may decline a span ("May" as a verb, "2000 troops"); the
   selection is then redone without it, so a shorter reading can win.

Weekdays and month names without a year are resolved around the reference
date, using the tense of the nearest verb ("said on Tuesday" looks back,
"will meet on Tuesday" looks forward); news with no cue looks back (same
day counts).

``event_date(timex)`` maps a timex to the ISO date an event is dated at and
its granularity; ``event_mod(timex)`` the part of that period it names.

Adding a pattern is one ``_rule(...)`` entry with its examples:
``tests/test_dates.py`` runs every rule's examples and checks that the core
scan loses none of the rule's matches (``core_scan_misses``).

Speed: every rule has a *core* token (a month name, "ago", a time unit);
the text is scanned once per distinct core, and full patterns are tried
only at the few word starts before each core hit (see ``_matches``).

dateparser is not used: its ``search_dates`` misreads running news text
(weekdays moved a week back, "may" and "(17)" taken for dates) and is ~20x
slower; ``bench/tempeval.py`` compares the two on TempEval-3.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

from generator import lexicons, needles
from generator.model import Granularity, Timex, TimexType

__all__ = ["find_timexes", "event_date", "date_order_for", "numeric_doubt"]

DateOrder = Literal["DMY", "MDY"]

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
_PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "dawn": "MO", "daybreak": "MO", "dusk": "EV", "nightfall": "NI",
}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# Regex fragments. Month and weekday names must be capitalised: "may" and
# "march" in lower case are verbs/nouns, never dates.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|"
    r"Oct\.|Nov\.|Dec\.|Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|"
    # Bare "Mar" is a surname or a verb unless a number follows ("Mar 15", "5th Mar 2012").
    r"Mar(?=\s+\d))(?![a-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d])"
_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_NUM = (
    rf"(?:\d+(?:\.\d+)?|{_NUMWORD}(?:[- ]{_NUMWORD})*|[Aa]n?|[Aa] few|(?:(?<=the next )|(?<=the past )|(?<=the last )|(?<=first ))few|"
    r"[Aa] couple of|(?:(?<=the next )|(?<=the past )|(?<=the last )|(?<=first ))couple of|[Ss]everal|[Ss]ome|[Mm]any|[Aa] dozen|"
    r"[Dd]ozens of|[Aa] hundred|[Aa]nother(?=\s+(?:second|minute|hour|day|week|month|quarter|year|decade)\b))"
)
# A count that cannot be a year: up to three digits, or words.
_NUMX = _NUM.replace(r"\d+(?:\.\d+)?", r"(?<![\d,.])\d{1,3}(?:\.\d+)?")
# An exact count, for shifts: "two days later" but not "a few days later".
_NUM_EXACT = rf"(?:\d{{1,3}}|{_NUMWORD}(?:[- ]{_NUMWORD})*|[Aa]n?|[Aa] couple of)"
_SPOKEN_YEAR = (
    r"(?:[Nn]ineteen|[Ee]ighteen)[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:[\s-]+(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?\b|[Tt]wo thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)?"
)
_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
# Quantity modifiers kept inside a duration's extent ("at least 72 hours");
# "about", "nearly", "only" ... stay outside, as in the TimeBank annotations.
_QUAL = r"(?:(?:at least|at most|more than|less than|fewer than|no more than|up to|nearly|almost) )"
_PART = r"(?:morning|afternoon|evening|night)"
_CLOCK_WORDS = r"(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve)"

_UNIT_CODE = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "Y", "century": "Y", "centurie": "Y",
}
_UNIT_MULT = {"fortnight": 2, "decade": 10, "century": 100, "centurie": 100}

# Tense cues around a weekday or month name. Future cues come first in the
# alternation, so "scheduled"/"expected" (usually about what is to come)
# count as future although they end in -ed.
_TENSE_CUE = needles.guarded(re.compile(  # guarded: read around every date, tried at each position (issue 11)
    r"\b(?:(?P<future>will|won't|shall|going to|is to|are to|(?<!than )expected|scheduled|plans? to|"
    r"planning|set (?:to|for)|due|next(?!\s+(?:to|day|morning|afternoon|evening|night)\b)|upcoming|intends?|would(?!-be\b)|expects?|expecting|forecasts|predicts|"
    # "promised to hold", not "agreed to the plan" (a noun after "to": no intent)
    r"(?P<intent>(?:promised|pledged|vowed|agreed|decided|planned|hoped|threatened|aimed) to"
    r"(?!\s+(?:the|a|an|its|his|her|their|our|this|that|these|those|any|all|some|it|them|him|[A-Z]\w*)\b))|"
    r"hopes? to|hoping|aims? to|until|till|as soon as|as early as|as late as|effective|payable|"
    # "the coming days", "in coming weeks", "a truce coming into force"; not "coming out to greet them"
    r"(?<=the )coming|coming(?=\s+(?:days?|weeks?|months?|years?|hours?|weekend|elections?|vote|summit|talks|meeting|up|into)\b)|"
    # a schedule told in the present: "the envoy arrives on Tuesday" (only before the
    # date: "10 June: the PM condemns ..." in a chronology is the historic present)
    r"(?P<present>arrives|begins|starts|opens|resumes|meets|travels|leaves|returns|closes|hosts|convenes|expires|"
    r"flies|visits"
    # the plural ("the two leaders meet on Monday"), not after "to", a negation or a modal
    r"|(?<!\bto )(?<!\bnot )(?<!n't )(?<!\bdid )(?<!\bdo )(?<!\bcould )(?<!\bmight )(?<!\bmay )(?<!\bcan )"
    r"(?<!\bshould )(?<!\bmust )(?:arrive|begin|resume|meet|convene|expire)))"
    r"|(?P<past>said|says|told|was|were|had|did|ago|last|since|began|came|went|took|met|held|left|"
    r"made|fell|gave|saw|found|fled|broke|brought|fought|struck|shot|won|lost|sent|spoke|led|rose|"
    r"ran|stood|threw|wrote|got|became|kept|thought|felt|paid|sold|bought|built|caught|drove|flew|"
    r"grew|knew|withdrew|overran|arose|began|sank|swept|spent|tore|woke|wore|"
    r"(?!(?:need|succeed|proceed|exceed|speed|feed|seed|bleed|indeed|breed|hundred|shed|sacred|"
    r"naked|wicked|kindred|rugged|aged|armed)\b)[a-z]{2,}ed))\b"
    r"|(?P<future2>'ll)\b"
))
# A sentence ends at . ! ? before a space, but not after an initial or a
# title ("Daniel P. Davison", "Mr. Schwarz") or a month abbreviation.
_SENTENCE_END = needles.guarded(re.compile(  # guarded: 16 lookbehinds at every position cost more than the scan (issue 11)
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJan)(?<!\bFeb)(?<!\bAug)"
    r"(?<!\bSept)(?<!\bSep)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\bGen)(?<!\bCol)(?<!\bLt)[.!?](?=\s)|\n"
))

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def _num(text: str) -> int | None:
    """Parse a count: ``"24"`` → 24, ``"twenty four"`` → 24, ``"a"`` → 1,
    ``"several"`` → None (unknown: TIMEX3 writes ``X``)."""
    s = text.lower().strip()
    if re.fullmatch(r"\d+", s):
        return int(s)
    if re.fullmatch(r"\d+\.\d+", s):
        f = float(s)
        return int(f) if f.is_integer() else None
    if s in ("a", "an", "one", "another"):
        return 1
    if s == "a dozen":
        return 12
    if s == "a hundred":
        return 100
    if s in ("a couple of", "couple of"):  # "a couple of weeks", "the past couple of days"
        return 2
    total = 0
    found = False
    last = 0  # the last word's value: a unit may follow a ten ("twenty-four"), nothing else
    for word in re.split(r"[- ]+", s):
        if word in _NUMBER_WORDS:
            value = _NUMBER_WORDS[word]
            if last and not (last >= 20 and last % 10 == 0 and value < 10) and not last >= 100:
                return None  # "two seven" (of "two seven-year terms") is no number
            total += value
            last = value
            found = True
        elif word == "hundred":
            total = max(total, 1) * 100
            last = 100
            found = True
        else:
            return None
    return total if found else None


def _month_of(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _duration(n: int | None, unit: str) -> str:
    """``(3, "day")`` → ``P3D``; ``(24, "hour")`` → ``PT24H``; unknown → ``PXY``."""
    unit = unit.lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    code = _UNIT_CODE[unit]
    amount = "X" if n is None else str(n * _UNIT_MULT.get(unit, 1))
    time = "T" if unit in ("second", "minute", "hour") else ""
    return f"P{time}{amount}{code}"


# --------------------------------------------------------------------------
# Resolution state
# --------------------------------------------------------------------------

_GRAN_RANK = {"day": 4, "week": 3, "month": 2, "quarter": 1, "year": 0}


@dataclass
class _State:
    """What resolvers need: the reference, the text and the dates so far."""

    text: str
    ref: dt.date
    date_order: DateOrder
    # (value, granularity, derived) of every resolved DATE/TIME, most recent
    # last; ``derived`` marks values computed from another date ("a year
    # earlier"), which must not become the anchor of the next shift.
    history: list[tuple[str, str, bool]] = field(default_factory=list)
    # where each of them ends in the text
    history_ends: list[int] = field(default_factory=list)
    # and where each starts
    history_starts: list[int] = field(default_factory=list)
    # where the dates that took their year from a frame (``frame_year``) start
    framed: set[int] = field(default_factory=set)

    def anchor(self, granularity: str, absolute: bool = False) -> str | None:
        """Most recent mentioned date at least as fine as ``granularity``
        (only dates the text gave directly when ``absolute``)."""
        need = _GRAN_RANK[granularity]
        for value, gran, derived in reversed(self.history):
            if absolute and derived:
                continue
            if _GRAN_RANK.get(gran, -1) >= need:
                return value
        return None

    def last_quarter(self) -> str | None:
        """The last quarter the text named directly ("the third quarter")."""
        for value, gran, derived in reversed(self.history):
            if gran == "quarter" and "Q" in value and not derived:
                return value
        return None

    def latest_complete_quarter(self) -> str:
        idx = self.ref.year * 4 + (self.ref.month - 1) // 3 - 1
        return f"{idx // 4:04d}-Q{idx % 4 + 1}"

    def anchor_day(self) -> dt.date:
        """The last day the text mentioned, or the reference date."""
        value = self.anchor("day")
        return dt.date.fromisoformat(value[:10]) if value else self.ref

    def clock_day(self, start: int, end: int) -> dt.date:
        """The day a clock time or part of the day without a date of its own falls on.

        The last day the text mentioned, unless that day came in an earlier
        sentence, lies after the reference, and this clause has a past verb
        ("the dollar surged in morning trade" after "a vote is due by
        Tuesday"): then the reference.
        """
        need = _GRAN_RANK["day"]
        for (value, gran, _), at in zip(reversed(self.history), reversed(self.history_ends)):
            if _GRAN_RANK.get(gran, -1) < need:
                continue
            day = dt.date.fromisoformat(value[:10])
            if day > self.ref and _SENTENCE_END.search(self.text, at, start):
                cue = self.tense_cue(start, end)[0]
                if cue is not None and cue.group("past"):
                    return self.ref
            return day
        return self.ref

    def frame_year(self, start: int, end: int) -> int | None:
        """The year a background passage is about, for a month or day written
        without one: the year of the last date the text gave, when that date
        opens this sentence or one of the two before ("In 2011, protests
        spread. In March, ..."), and the clause's tense agrees (a past year for a past
        clause, a coming one for a future clause). ``None`` when the last date
        is in the publication year, or is the start of a period up to now
        ("since 2011").
        """
        for k in range(len(self.history) - 1, -1, -1):
            value, gran, derived = self.history[k]
            if not derived and gran in _GRAN_RANK and value[:4].isdigit():
                break
        else:
            return None
        year = int(value[:4])
        at, stop = self.history_starts[k], self.history_ends[k]
        if year == self.ref.year or (value[:4] not in self.text[at:stop] and at not in self.framed):
            return None  # only a year the text wrote: "Jan. 2" read as next year's is no frame
        if _SINCE.search(self.text, max(0, at - 20), at):
            return None
        ends = len(list(_SENTENCE_END.finditer(self.text, stop, start)))
        if ends > 2 or _PARAGRAPH.search(self.text, stop, start):
            return None
        opening = self.text[max(0, at - 40):at]
        begun = _SENTENCE_END.search(opening) is not None or at < 40
        head = re.split(r"[.!?]\s|\n", opening)[-1] if begun else None
        if head is None or not _FRAME_HEAD.fullmatch(head.lstrip()):
            # "a program approved in 1987 ...": a year inside a clause frames nothing after it,
            # unless it dates the main clause of the sentence just before
            if ends != 1 or not self.main_clause_year(at, stop):
                return None
            cue = self.tense_cue(start, end)[0]
            if cue is not None and _REPORTING.fullmatch(cue.group()):
                return None  # "In addition, the firm reported third-quarter net ...": today's news again
        past = self.tense(start, end) == "past" or self.future_in_the_past(start, end)
        if (year < self.ref.year) != past:
            return None
        self.framed.add(start)
        return year

    def main_clause_year(self, at: int, stop: int) -> bool:
        """Whether the year at ``at:stop`` dates its sentence's one clause: "The firm was
        founded in 2009 by two brothers.", "Prices rose in 2011, analysts said." A past verb
        group, then "in"/"during" the year, then no other verb before the sentence ends
        (a reporting tail aside); nothing subordinate ("which", "after", "that") before it."""
        text = self.text
        lo = 0
        for m in _SENTENCE_END.finditer(text, max(0, at - 200), at):
            lo = m.end()
        clause = text[lo:at]
        if not _IN_BEFORE.search(clause) or _SUBORDINATE.search(clause):
            return False
        cues = [m for m in _TENSE_CUE.finditer(clause) if not (m.group("past") and _passive(clause, m))
                or m.group() in ("was", "were", "had")]
        if not cues or any(not c.group("past") for c in cues) or _REPORTING.fullmatch(cues[0].group()):
            return False
        if any(not _VERB_GAP.fullmatch(clause, a.end(), b.start()) for a, b in zip(cues, cues[1:])):
            return False  # two verbs: "a program approved in 1987" after the main one
        tail_end = _SENTENCE_END.search(text, stop)
        tail = text[stop:tail_end.start() if tail_end else len(text)]
        tail = _REPORTING_TAIL.sub("", tail)
        return len(tail) < 80 and not any(not _passive(tail, m) for m in _TENSE_CUE.finditer(tail))

    def future_in_the_past(self, start: int, end: int) -> bool:
        """Whether the clause looks ahead from a past time: "talks were due in
        November", "the vote would take place in May"."""
        cue, _ = self.tense_cue(start, end)
        if cue is None or not cue.group("future"):
            return False
        if cue.group() == "would" or _WAS_BEFORE.search(self.text, max(0, cue.start() - 12), cue.start()):
            return True
        # "the firm expected a recovery": the verb's own past, unless "is/are expected"
        return cue.group().endswith("ed") and not _IS_BEFORE.search(self.text, max(0, cue.start() - 12), cue.start())

    def tense_cue(self, start: int, end: int) -> tuple[re.Match[str] | None, bool]:
        """The tense cue of an expression's clause and whether it comes before it:
        the nearest one before it in its sentence, else the first one after it."""
        text = self.text
        lo = max(start - 120, 0)
        for m in _SENTENCE_END.finditer(text, lo, start):
            lo = m.end()
        last = None
        for m in _TENSE_CUE.finditer(text, lo, start):
            if not _passive(text, m):
                last = m
        if last is not None:
            return last, True
        stop = _SENTENCE_END.search(text, end, end + 160)
        for m in _TENSE_CUE.finditer(text, end, stop.start() if stop else end + 160):
            if not _passive(text, m) and not m.group("present"):
                return m, False
        return None, False

    def tense(self, start: int, end: int, intent: bool = True) -> str:
        """``"future"`` or ``"past"``: the nearest tense cue before the
        expression in its sentence, else the first one after it; ``"past"``
        when there is none (news mostly reports what happened).

        With ``intent`` false, "vowed to", "agreed to" ... count as the past
        verbs they are: for a weekday, the clause after them is too often
        another one ("vowed to retake the town after retreating on Thursday").
        """
        last, before = self.tense_cue(start, end)
        # "On Friday, the government agreed to pay": the agreeing is past;
        # only before the date ("agreed to meet on Friday") does it look ahead.
        if last is not None and last.group("intent") and not before:
            return "past"
        if last is not None and last.group("intent") and not intent:
            return "past"
        if last is None or last.group("past"):
            return "past"
        prior = _PRIOR_CLAUSE.search(self.text, last.end(), start) if before else None
        if prior and any(last.end() <= at <= prior.start() for at in self.history_ends):
            # "will make his debut on Sunday after joining on Wednesday": the
            # joining comes before the dated happening the future verb is about.
            return "past"
        return "future"


# What may come before a date that sets the time of what follows: "In 2011, ...",
# "Back in March 2010 ...", "During 2009 ...".
_FRAME_HEAD = re.compile(r"[\"“‘']?\s*(?:(?:(?:[Bb]ack\s+)?[Ii]n|[Dd]uring|[Tt]hroughout|[Bb]y|[Aa]t\s+the\s+end\s+of|"
                         r"[Ee]arly\s+in|[Ll]ate\s+in|[Ll]ater\s+in|[Ee]arlier\s+in)\s+)?")
_SINCE = re.compile(r"\bsince\s+(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)
# Words that make what follows a clause of its own (not the sentence's main one).
_SUBORDINATE = re.compile(r"\b(?:that|which|who|whom|whose|when|where|after|before|because|while|if|"
                          r"since|until|as|than|although|though|whether)\b|[:;(\"“]", re.IGNORECASE)
# What may stand between the words of one verb group: "was founded", "had been arrested",
# "was first elected", "were later released".
_VERB_GAP = re.compile(r"\s+(?:(?:been|not|never|first|later|also|already|then|[a-z]+ly)\s+){0,2}")
# ", analysts said" / ", the ministry said on Monday" after the dated clause.
_REPORTING_TAIL = re.compile(r",\s+(?:[\w'.-]+\s+){1,5}(?:said|says|told|reported|added)\b.*$", re.S)
_IS_BEFORE = re.compile(r"\b(?:is|are|be|been|being)\s+$|['’]s\s+$")
_WAS_BEFORE = re.compile(r"\b(?:was|were|had\s+been)\s+$")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


# A participle clause of what came first, between a future verb and the date.
_PRIOR_CLAUSE = re.compile(r"\b(?:after|since|having|following|upon)\s+(?:being\s+|been\s+)?[a-z]+(?:ing|ed)\b")

_BE_BEFORE = re.compile(r"\b(?:be|been|being)\s+$")


# A determiner before a participle makes it an adjective: "a still unspecified date", "the failed coup".
_ADJECTIVE_BEFORE = re.compile(
    r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+(?:(?:still|yet|newly|recently|[a-z]+ly)\s+)?$")


def _passive(text: str, cue: re.Match[str]) -> bool:
    """A participle after "be" ("would be completed") or a determiner ("a
    still unspecified date") is no past-tense cue."""
    if not cue.group("past"):
        return False
    if _BE_BEFORE.search(text, max(0, cue.start() - 8), cue.start()):
        return True
    return cue.group().endswith("ed") and bool(_ADJECTIVE_BEFORE.search(text, max(0, cue.start() - 30), cue.start()))


# (type, value) or (type, value, start, end) when the resolver narrows the span.
# A resolver may also split its span into several expressions, each with its
# own extent ("from [19] to [21 December]"): a list of (type, value, start, end).
Piece = tuple[TimexType, str, int, int]
Resolved = tuple[TimexType, str] | Piece | list[Piece] | None
Resolver = Callable[[re.Match[str], _State], Resolved]


def _weekday_date(state: _State, wd: int, start: int, end: int, mod: str | None) -> dt.date:
    """Resolve a weekday name around the reference date.

    >>> st = _State("", dt.date(2016, 12, 23), "DMY")
    >>> _weekday_date(st, 3, 0, 0, None)  # Thursday, in a Friday article
    datetime.date(2016, 12, 22)
    """
    ref = state.ref
    back = (ref.weekday() - wd) % 7
    fwd = (wd - ref.weekday()) % 7
    mod = " ".join((mod or "").lower().split())
    if mod == "the previous":
        return state.anchor_day() - dt.timedelta(days=(state.anchor_day().weekday() - wd) % 7 or 7)
    if mod == "the following":
        return state.anchor_day() + dt.timedelta(days=(wd - state.anchor_day().weekday()) % 7 or 7)
    if mod == "this coming":
        return ref + dt.timedelta(days=fwd or 7)
    if mod == "last":
        return ref - dt.timedelta(days=back or 7)
    if mod == "next":
        return ref + dt.timedelta(days=fwd or 7)
    if mod == "this":
        return ref + dt.timedelta(days=fwd)
    if mod in ("past", "this past"):
        return ref - dt.timedelta(days=back)
    if back == 0:
        return ref
    if _EXPECTED_BEFORE.search(state.text, max(0, start - 70), start):
        # "had been due to expire Friday": an expectation held before the telling and
        # overtaken since; its day is the nearer one, either side of publication.
        return ref - dt.timedelta(days=back) if back <= fwd else ref + dt.timedelta(days=fwd)
    planned = _PLANNED_FOR.search(state.text, max(0, start - 60), start)
    if planned and (_PLAN_BEFORE.search(state.text, max(0, planned.start() - 14), planned.start())
                    or _CALLED_OFF.match(state.text, end)):
        planned = None  # "as previously planned", "a rally planned for Friday was cancelled": a plan of the past
    if planned or state.tense(start, end, intent=False) == "future":
        return ref + dt.timedelta(days=fwd)
    return ref - dt.timedelta(days=back)


# An expectation in the past perfect: "had been due to expire (on) Friday", "who had been
# scheduled to meet on Sunday", within the weekday's clause.
_EXPECTED_BEFORE = re.compile(
    r"\bhad\s+(?:been\s+(?:due|scheduled|slated|set|expected|supposed|planned|meant)|"
    r"(?:planned|intended|hoped|expected))\s+(?:to|for)\b[^,.;:!?]{0,50}$")


# A plan told as over: made before ("as previously planned") or called off after the day.
_PLAN_BEFORE = re.compile(r"\b(?:previously|originally|initially|once)\s+$", re.IGNORECASE)
_CALLED_OFF = re.compile(
    r"(?:\s+(?:morning|afternoon|evening|night))?\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    r"(?:cancell?ed|called\s+off|postponed|scrapped|delayed|put\s+off|suspended)\b")


# A weekday something is called, planned or set for is ahead, whatever the
# verb's tense: "a march was called for Friday" in a Wednesday article,
# "activists have called for protests after Friday prayers".
_PLANNED_FOR = re.compile(
    r"\b(?:called\s+for|calling\s+for|calls\s+for|planned|scheduled|slated|set\s+for|announced\s+for|due)\b"
    r"(?:[^,.;:]{0,40}?\b(?:on|for|after|before))?\s+(?:this\s+|the\s+coming\s+)?$",
    re.IGNORECASE,
)


def _year_for_month_day(state: _State, month: int, day: int | None, start: int, end: int) -> int:
    """Year of a month (and day) written without one.

    The publication year, unless the tense says otherwise: a past-tense
    sentence about a later date means last year ("25 December" in an article
    of 2017-01-03 is 2016-12-25), a future-tense one about an earlier date
    means next year ("talks will resume on January 10" in December).
    """
    ref = state.ref
    framed = state.frame_year(start, end)
    if framed is not None:
        return framed
    mid = _safe_date(ref.year, month, day or 15) or dt.date(ref.year, month, 28)
    gap = (mid - ref).days  # > 0: later in the publication year
    if mid > ref and _SINCE_BEFORE.search(state.text, max(0, start - 20), start):
        return ref.year - 1  # "killed since March" in January: a start already past
    if day is None and month > ref.month and _past_in(state, start, end):
        return ref.year - 1
    if day is None and month < ref.month and _future_in(state, start, end):
        return ref.year + 1
    if gap > _YEAR_SHIFT_DAYS:
        # Eight months ahead: last year's, unless the sentence is about the future.
        return ref.year if state.tense(start, end) == "future" else ref.year - 1
    if gap > _YEAR_SHIFT_TENSE_DAYS and state.tense(start, end) == "past":
        return ref.year - 1
    # Far back in the year: next year's only when the sentence looks ahead
    # (news mostly reports the past: "protests erupted in March").
    if gap < -_YEAR_SHIFT_TENSE_DAYS and state.tense(start, end) == "future":
        return ref.year + 1
    return ref.year


_YEAR_SHIFT_DAYS = 240
_REPORTING = re.compile(r"said|says|told|suggested|reported|announced|stated|added|warned|claimed|argued|noted")
_THAT = re.compile(r"\b(?:that|which|who)\b")
_IN_BEFORE = re.compile(r"\b(?:in|during)\s+(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\b(?:since|back in)\s+(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)


# Between a past verb and a later "in <month>": a new clause or an infinitive.
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:that|which|who|when|where|and|but|or)\b|"
                           r"\bto\s+(?!(?:the|a|an|its|his|her|their|our|this|that|[A-Z]|\d))[a-z]+")


_DUE_IN = re.compile(
    r"\b(?:due|scheduled|slated|will\s+(?:be\s+)?\w+)\s+(?:in|for|by|until)\s+(?:early\s+|mid-?|late\s+)?$",
    re.IGNORECASE)


def _future_in(state: _State, start: int, end: int) -> bool:
    """Whether a month already over this year is the coming one: "talks are
    due in March", "the mission will end in February" in a November article."""
    return bool(_DUE_IN.search(state.text, max(0, start - 40), start))


def _past_in(state: _State, start: int, end: int) -> bool:
    """Whether a past verb just before places "in <month>" in the past:
    "protests began in March", "was arrested in May" in a January article
    (last year's), but not "suggested that a meeting in May" (too far: the
    meeting may be ahead) or "report back by November"."""
    if not _IN_BEFORE.search(state.text, max(0, start - 12), start):
        return False
    cue, before = state.tense_cue(start, end)
    if cue is None or not before or not cue.group("past") or cue.end() < start - 60:
        return False
    if cue.end() < start - 30 and _CLAUSE_BREAK.search(state.text, cue.end(), start):
        return False  # "wanted to visit Paris in December": the month belongs to the infinitive
    # "said a summit in May ...": what is said has a tense of its own
    return not _REPORTING.fullmatch(cue.group()) and not _THAT.search(state.text, cue.end(), start)
_YEAR_SHIFT_TENSE_DAYS = 120


def _granularity(value: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-(Q\d|H\d|SP|SU|FA|WI)", value):
        return "quarter"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return None


def _value_start(value: str) -> dt.date | None:
    """First day of the period a TIMEX3 date value names (None if not a date)."""
    gran = _granularity(value)
    year = int(value[:4]) if gran else 0
    if gran == "day":
        return dt.date.fromisoformat(value[:10])
    if gran == "week":
        return dt.date.fromisocalendar(year, int(value[6:8]), 1)
    if gran == "month":
        return dt.date(year, int(value[5:7]), 1)
    if gran == "quarter":
        part = value[5:]
        month = {"Q": lambda n: 3 * n - 2, "H": lambda n: 6 * n - 5}.get(part[0])
        if month and part[1:].isdigit():
            return dt.date(year, month(int(part[1:])), 1)
        return dt.date(year, _SEASON_START.get(part, 1) % 12 or 12, 1)
    if gran == "year":
        return dt.date(year, 1, 1)
    return None


def _shift_value(value: str, unit: str, n: int) -> str | None:
    """Move a TIMEX3 date value by ``n`` units, keeping its granularity.

    >>> _shift_value("1989-Q3", "year", -1)
    '1988-Q3'
    >>> _shift_value("2016-12-22", "day", 1)
    '2016-12-23'
    """
    unit = unit.lower().rstrip("s")
    gran = _granularity(value)
    if gran is None:
        return None
    year = int(value[:4])
    if gran == "day":
        d = dt.date.fromisoformat(value[:10])
        if unit == "day":
            return _iso(d + dt.timedelta(days=n))
        if unit == "week":
            return _iso(d + dt.timedelta(weeks=n))
        if unit in ("month", "year"):
            y, m = _shift_months(d.year, d.month, n * (12 if unit == "year" else 1))
            return _iso(_safe_date(y, m, d.day) or dt.date(y, m, 28))
        return None
    if gran == "week":
        if unit not in ("week", "year"):
            return None
        monday = dt.date.fromisocalendar(year, int(value[6:8]), 1)
        return _week(monday + dt.timedelta(weeks=n * (52 if unit == "year" else 1)))
    if gran == "month":
        if unit not in ("month", "year"):
            return None
        y, m = _shift_months(year, int(value[5:7]), n * (12 if unit == "year" else 1))
        return f"{y:04d}-{m:02d}"
    if gran == "quarter":
        if value[5] == "Q" and unit == "quarter":
            idx = year * 4 + int(value[6]) - 1 + n
            return f"{idx // 4:04d}-Q{idx % 4 + 1}"
        if unit != "year":
            return None
        return f"{year + n:04d}{value[4:]}"
    if unit != "year":
        return None
    return f"{year + n:04d}"


def _unit_value(unit: str, d: dt.date) -> str:
    """The value naming the ``unit`` containing ``d``: week → ``2016-W51``."""
    unit = unit.lower()
    if unit == "day":
        return _iso(d)
    if unit == "week":
        return _week(d)
    if unit == "weekend":
        return _week(d) + "-WE"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit in ("century",):
        return f"{d.year // 100:02d}"
    raise KeyError(unit)


def _shift_date(d: dt.date, unit: str, n: int) -> dt.date:
    unit = unit.lower()
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    if unit in ("month", "quarter", "year", "decade", "century"):
        months = n * {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
        y, m = _shift_months(d.year, d.month, months)
        return _safe_date(y, m, min(d.day, 28)) or dt.date(y, m, 1)
    raise KeyError(unit)


# --------------------------------------------------------------------------
# Resolvers, one per grammar rule
# --------------------------------------------------------------------------


def _g(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _with_part(d: dt.date, part: str | None) -> tuple[TimexType, str]:
    if part:
        return "TIME", f"{_iso(d)}T{_PARTS_OF_DAY[part.lower()]}"
    return "DATE", _iso(d)


# "the March 14 alliance", "the February 17 Revolution": dates that name groups.
_NAMED_AFTER_DATE = re.compile(
    r"\s+(?:alliance|coalition|movement|bloc|camp|revolution|brigade|brigades|martyrs|forces|group|"
    r"party|parties|youth|uprising)\b",
    re.IGNORECASE,
)


_NUMBER_AFTER_DATE = re.compile(r",?\s*\d{4,}(?![\d:])(?!\s*(?:GMT|UTC|hrs|hours|local)\b)")


def _r_month_day(m: re.Match[str], st: _State) -> Resolved:
    """"Aug. 7", "December 15, 2016", "15 December 2016", "the 15th of December".

    "09 February 12 07:00 GMT" (BBC pages) has a two-digit year.
    """
    if _NAMED_AFTER_DATE.match(st.text, m.end()):
        return None
    if not (_g(m, "year") or _g(m, "yy")) and _NUMBER_AFTER_DATE.match(st.text, m.end()):
        return None  # "31 December 9999", "May 5, 1066": a year we do not read; never guess one
    month = _month_of(m["month"] or m["month2"] if "month2" in m.re.groupindex else m["month"])
    day_text = m["day"] or (m["day2"] if "day2" in m.re.groupindex else None) or ""
    digits = re.match(r"\d+", day_text)
    day = int(digits.group()) if digits else _ordinal_day(day_text)
    year = _g(m, "year") or (f"20{m['yy']}" if _g(m, "yy") else None)
    y = int(year) if year else _year_for_month_day(st, month, day, m.start(), m.end())
    if not year and _g(m, "wd"):
        # "Monday, January 9": the year in which that day is a Monday, if the one
        # the tense gives is not
        wd = _WEEKDAYS[m["wd"].lower()]
        y = next((c for c in (y, y + 1, y - 1) if (_safe_date(c, month, day) or st.ref).weekday() == wd
                  and _safe_date(c, month, day)), y)
    d = _safe_date(y, month, day)
    if d is None:
        return None
    return _with_part(d, _g(m, "part"))


_UNIT_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TEEN_ORDINALS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                  "seventeenth", "eighteenth", "nineteenth")
# A day of the month in words: "the eighth of October", "March twenty-first".
_ORDINAL_DAY = (r"(?:(?:[Tt]wenty[- ]?)(?:" + "|".join(_UNIT_ORDINALS) + r")|[Tt]hirty[- ]?first|[Tt]wentieth|[Tt]hirtieth|"
                + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _TEEN_ORDINALS + _UNIT_ORDINALS) + r")\b")


def _ordinal_day(words: str) -> int:
    """ "eighth" → 8, "twenty-first" → 21, "Thirtieth" → 30."""
    w = words.lower().replace("-", " ").split()
    tens = {"twenty": 20, "thirty": 30}.get(w[0], 0) if len(w) > 1 else 0
    last = w[-1]
    if last in ("twentieth", "thirtieth"):
        return 20 if last == "twentieth" else 30
    if last in _TEEN_ORDINALS:
        return 10 + _TEEN_ORDINALS.index(last)
    return tens + 1 + _UNIT_ORDINALS.index(last)


# What joins the days of a range or list: "19-21", "19 to 21", "3 and 4", "from 1 through 5".
_RANGE_LINK = r"\s*(?:-|–|—|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"
# After "June 3 and 4", a lower-case word other than these makes the 4 a count ("4 soldiers").
_NOT_AFTER_DAY = (r"(?!(?:in|at|on|for|when|while|and|or|but|as|with|to|from|after|before|during|the|a|an|"
                  r"this|that|were|was|will|would|are|is|have|has|had)\b)[a-z]")
_DAY_IN_RANGE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")


def _r_day_range(m: re.Match[str], st: _State) -> Resolved:
    """"from 19 to 21 December", "between 3 and 5 May", "June 19-21", "on 3, 4 and 5 July":
    days of one month, each its own expression ("[19] to [21 December]", as TimeML
    tags them), all in the year the last one gets (written, or from the tense).
    """
    if _NAMED_AFTER_DATE.match(st.text, m.end()):
        return None
    if not _g(m, "year") and _NUMBER_AFTER_DATE.match(st.text, m.end()):
        return None
    month = _month_of(m["month"])
    days = [(int(re.match(r"\d+", d.group()).group()), m.start("days") + d.start(), m.start("days") + d.end())  # type: ignore[union-attr]
            for d in _DAY_IN_RANGE.finditer(m["days"])]
    if any(b <= a for (a, _, _), (b, _, _) in zip(days, days[1:])):
        return None  # "3 and 2 May": not a run of days
    year = int(m["year"]) if _g(m, "year") else _year_for_month_day(st, month, days[-1][0], m.start(), m.end())
    pieces: list[Piece] = []
    for k, (day, start, end) in enumerate(days):
        d = _safe_date(year, month, day)
        if d is None:
            return None
        if k == 0:
            start = m.start()  # "[June 19]-21", "from [the 19th] to"
        if k == len(days) - 1:
            end = m.end()  # "19 to [21 December 2012]", "June 19-[21, 2012]"
        pieces.append(("DATE", _iso(d), start, end))
    return pieces


def _spoken_year(words: str) -> int | None:
    """``"nineteen ninety-six"`` → 1996, ``"two thousand"`` → 2000 (broadcast transcripts)."""
    words = words.lower().replace("-", " ")
    if words.startswith("two thousand"):
        rest = words[len("two thousand"):].replace(" and ", " ").strip()
        n = _num(rest) if rest else 0
        return 2000 + n if n is not None and n < 100 else None
    head, _, rest = words.partition(" ")
    century = _NUMBER_WORDS.get(head)
    n = _num(rest.strip())
    if century is None or n is None or not 10 <= n < 100:
        return None
    return century * 100 + n


def _r_spoken_year(m: re.Match[str], st: _State) -> Resolved:
    """"nineteen ninety-six", "the year two thousand"."""
    year = _spoken_year(m["syear"])
    return ("DATE", f"{year:04d}") if year else None


def _r_month_year(m: re.Match[str], st: _State) -> Resolved:
    """"July 1997", "December of 2016", "January this year", "June last year"."""
    month = _month_of(m["month"])
    if _g(m, "syear"):
        year = _spoken_year(m["syear"])
        return ("DATE", f"{year:04d}-{month:02d}") if year else None
    if _g(m, "year"):
        return "DATE", f"{int(m['year']):04d}-{month:02d}"
    rel = m["rel"].lower()
    y = st.ref.year + {"this": 0, "last": -1, "next": 1}[rel]
    return "DATE", f"{y:04d}-{month:02d}"


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")
_MONTH_PREPOSITION = re.compile(
    r"\b(?:in|since|until|till|by|from|through|during|before|after|throughout)\s+$", re.IGNORECASE
)
_MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|of|since|until|till|by|from|to|through|during|before|after|"
    r"early|late|mid|last|next|this|each|every|between|and|or|that|throughout|for)"
    r"[\s-]+$|-$)",
    re.IGNORECASE,
)


def _r_month(m: re.Match[str], st: _State) -> Resolved:
    """"in December", "late November", "last April": a month without a day.

    "May"/"March" alone need a preposition or modifier before them: "May" at
    a sentence start is more often a verb, "March" a noun. So does a month
    followed by a capitalised word: "June Smith", "August Wilson" are people.
    """
    name = m["month"]
    if len(name.rstrip(".")) <= 4 and name.lower() not in ("may", "june", "july"):
        return None  # "Jan" alone is a first name more often than a month
    mod = (_g(m, "mod") or "").lower().strip()
    if not mod:
        before = st.text[max(0, m.start() - 20) : m.start()]
        if name.rstrip(".").lower() in ("may", "march", "mar") and not _MONTH_CONTEXT.search(before):
            return None
        if _NAME_AFTER.match(st.text, m.end()) and not _MONTH_PREPOSITION.search(before):
            return None
    month = _month_of(name)
    if mod.startswith("last"):
        # "last October" in May is five months back; "last February" in
        # March means a year and a month back (last month would be "last month").
        y = st.ref.year - 1 if month >= st.ref.month - 1 else st.ref.year
    elif mod.startswith("next"):
        y = st.ref.year + 1 if month <= st.ref.month else st.ref.year
    elif mod.startswith("this"):
        y = st.ref.year
    else:
        y = _year_for_month_day(st, month, None, m.start(), m.end())
    return "DATE", f"{y:04d}-{month:02d}"


_NUMERIC_DM = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})")
# Locales and countries that write all-numeric dates month first ("3/4/12" is March 4).
_MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "UM", "VI"})


def date_order_for(lang: str | None, default: DateOrder, country: str | None = None) -> DateOrder:
    """How an article writes all-numeric dates: from its ``Lang`` metadata's
    region ("en-US", "en_GB") or its source's country (ISO 3166 code) when
    known, else ``default`` (``TIMELINE_DATE_ORDER``).

    >>> date_order_for("en-US", "DMY"), date_order_for("en_GB", "MDY"), date_order_for("en", "MDY")
    ('MDY', 'DMY', 'MDY')
    >>> date_order_for(None, "DMY", country="us"), date_order_for("fr", "MDY")
    ('MDY', 'DMY')
    """
    region = None
    if lang:
        parts = re.split(r"[-_]", lang.strip())
        region = parts[1] if len(parts) > 1 and len(parts[1]) == 2 else None
        if region is None and parts[0].lower() not in ("en", ""):
            return "DMY"  # outside English, day-first is the rule for d/m/y numbers
    region = (region or country or "").upper()
    if not region:
        return default
    return "MDY" if region in _MONTH_FIRST else "DMY"


def numeric_doubt(text: str, value: str) -> str | None:
    """Why an all-numeric date may be misread: day and month could swap.

    >>> numeric_doubt("3/4/12", "2012-04-03")
    '“3/4/12” could be day/month or month/day; read as 2012-04-03'
    >>> numeric_doubt("15/4/12", "2012-04-15") is None, numeric_doubt("4/4/12", "2012-04-04") is None
    (True, True)
    """
    m = _NUMERIC_DM.fullmatch(text.strip())
    if m is None:
        return None
    a, b = int(m[1]), int(m[2])
    if a > 12 or b > 12 or a == b:
        return None
    return f"“{text.strip()}” could be day/month or month/day; read as {value}"


def _r_numeric(m: re.Match[str], st: _State) -> Resolved:
    """"12/15/2016", "15.12.2016", "2016-12-15"; ambiguous ones follow ``date_order``."""
    if _g(m, "iso_y"):
        d = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
        return ("DATE", _iso(d)) if d else None
    a, b, y = int(m["a"]), int(m["b"]), m["y"]
    year = int(y) if len(y) == 4 else 2000 + int(y) if int(y) < 50 else 1900 + int(y)
    if a > 12 and b <= 12:
        day, month = a, b
    elif b > 12 and a <= 12:
        month, day = a, b
    elif st.date_order == "MDY":
        month, day = a, b
    else:
        day, month = a, b
    d = _safe_date(year, month, day)
    return ("DATE", _iso(d)) if d else None


# "2000 troops", "about 1900 people": four digits that count, not date.
_COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:people|persons|troops|soldiers|civilians|fighters|militants|rebels|insurgents|refugees|"
    r"families|children|men|women|dead|casualties|deaths|killed|wounded|injured|homes|houses|buildings|"
    r"shells|rockets|missiles|mortars|rounds|bombs|barrels|tons|tonnes|dollars|euros|pounds|metres|meters|"
    r"kilometres|kilometers|km|miles|feet|votes|cases|members|workers|students|prisoners|detainees|"
    r"vehicles|tanks|trucks|units|times|shares|jobs|employees|sites|villages|attacks|violations|"
    r"strikes|airstrikes|flights|seats|calories|words|pages)\b"
)
# "Resolution 2042", "Highway 2010", "No. 1995": numbers that name things.
_LABEL_BEFORE = re.compile(
    r"\b(?:[Rr]esolutions?|No\.|[Nn]o|[Nn]umber|[Aa]rticle|[Ss]ection|[Cc]hapter|[Rr]oom|[Ff]light|[Hh]ighway|"
    r"[Rr]oute|[Rr]oad|[Bb]rigade|[Dd]ivision|[Bb]attalion|[Rr]egiment|[Ss]quadron|[Uu]nit|[Ii]tem|[Cc]ase|"
    r"[Bb]ill|[Dd]ecree|[Pp]age|[Pp]p?\.|[Bb]uilding|[Pp]latform|[Cc]heckpoint|[Kk]ilomet(?:re|er)s?|[Kk]m|#)\s*$"
)
_COUNT_QUALIFIER_BEFORE = re.compile(
    r"(?:about|some|nearly|almost|over|than|least|around|approximately|roughly|only|just|another|"
    r"additional|extra)\s+$",
    re.IGNORECASE,
)


def _r_year(m: re.Match[str], st: _State) -> Resolved:
    """"2011", "in 2011", "fiscal 1989", "mid-1996", "the end of 1990".

    A bare four-digit number followed by a count noun ("2000 troops") or
    after "about"/"more than" ("about 1800 were killed") is a count, not a
    year; "the 2012 elections" keeps its year.
    """
    if _g(m, "mod"):
        return "DATE", m["year"]
    if _COUNT_NOUN_AFTER.match(st.text, m.end()):
        return None
    if _LABEL_BEFORE.search(st.text, max(0, m.start() - 14), m.start()):
        return None
    if _COUNT_QUALIFIER_BEFORE.search(st.text, max(0, m.start() - 16), m.start()) and not st.text.startswith(
        (" to ", "-"), m.end()
    ):
        return None
    return "DATE", m["year"]


_SPOKEN_DECADES = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                   "seventies": 7, "eighties": 8, "nineties": 9}


def _r_decade(m: re.Match[str], st: _State) -> Resolved:
    """"the 1990s", "the early 1980s" → ``198`` (TIMEX3 writes a decade as three digits).

    "the nineties", "the '80s" are the last such decade before publication:
    "the nineties" in a 2016 article are the 1990s.
    """
    if _g(m, "dec"):
        return "DATE", m["dec"]
    digit = _SPOKEN_DECADES[m["word"].lower()] if _g(m, "word") else int(m["short"])
    century = st.ref.year // 100
    if century * 100 + digit * 10 > st.ref.year:
        century -= 1
    return "DATE", f"{century * 10 + digit:03d}"


def _r_century(m: re.Match[str], st: _State) -> Resolved:
    """"the 20th century" → ``19``."""
    n = int(re.match(r"\d+", m["cent"]).group())  # type: ignore[union-attr]
    return "DATE", f"{n - 1:02d}"


_PAREN_DATE = re.compile(rf"\s*\(\s*(?P<month>{_MONTH})\s*(?P<day>{_DAYNUM})\s*\)")


# A possessive weekday ("Saturday's", tokenised "Saturday 's") names what
# happened that day ("Saturday's attack", "will respond to Saturday's
# events"): the last one, whatever the clause's tense. Only a planned
# happening ("Sunday's vote", "Saturday's home game") may lie ahead, and the
# clause's tense decides.
_POSSESSIVE = re.compile(
    r" ?['’]s\s+(?:(?:[\w-]+\s+){0,3}?"
    r"(?P<scheduled>(?:meeting|summit|talks|conference|session|debate|hearing|vote|election|poll|referendum|"
    r"match|game|race|final|semi-final|tie|fixture|derby|grand prix|deadline|rally|march|protests?|"
    r"demonstrations?|prayers|funeral|ceremony|wedding|visit|trip|launch|release|report|speech|address|"
    r"anniversary|opener|showdown|encounter)\b))?",
    re.IGNORECASE,
)
_AHEAD_OF = re.compile(r"\b(?:ahead of|in the run-up to|in advance of|in preparation for)\s+$", re.IGNORECASE)


def _r_weekday(m: re.Match[str], st: _State) -> Resolved:
    """"Friday", "late Thursday", "Thursday night", "last Friday", "early Friday"."""
    wd = _WEEKDAYS[m["wd"].lower()]
    if _g(m, "wk"):
        if _g(m, "rel"):
            return None  # "last Friday next week": no such day; a shorter reading wins
        monday = st.ref - dt.timedelta(days=st.ref.weekday())
        shift = {"next": 7, "last": -7, "this": 0}[m["wk"]]
        return _with_part(monday + dt.timedelta(days=shift + wd), _g(m, "part"))
    rel = _g(m, "rel")
    possessive = _POSSESSIVE.match(st.text, m.end()) if rel is None and not _g(m, "part") else None
    if possessive and not possessive["scheduled"]:
        rel = "past"  # "Wednesday's ruling" is a ruling already made
    elif possessive and _AHEAD_OF.search(st.text, max(0, m.start() - 30), m.start()):
        rel = "this"  # "ahead of Sunday's vote": the coming one
    d = _weekday_date(st, wd, m.start(), m.end(), rel)
    paren = _PAREN_DATE.match(st.text, m.end()) if rel is None else None
    if paren:  # "Thursday (March 21)": the date in brackets says which Thursday
        month, day = _month_of(paren["month"]), int(paren["day"])
        named = _safe_date(_year_for_month_day(st, month, day, m.start(), m.end()), month, day)
        if named is not None and named.weekday() == wd:
            d = named
    return _with_part(d, _g(m, "part"))


def _r_time(m: re.Match[str], st: _State) -> Resolved:
    """"10:35 a.m.", "6 a.m. Thursday", "noon Friday", "23:00 GMT"."""
    if _g(m, "noon"):
        word = m["noon"].lower()
        # TIMEX3 writes midnight as the end of its day: "midnight Friday" is T24:00.
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
    elif _g(m, "h2"):
        hour, minute = int(m["h2"]), int(m["mi2"])
    elif _g(m, "h3"):
        hour, minute = int(m["h3"]) if m["h3"].isdigit() else _NUMBER_WORDS[m["h3"].lower()], 0
        if "morning" in m["dp"]:
            hour %= 12  # "12 in the morning" is midnight
        elif "night" in m["dp"] and hour == 12:
            hour = 24  # "12 at night": midnight, the end of the day (TIMEX3)
        elif hour < 12:
            hour += 12
    else:
        hour = int(m["h"])
        minute = int(m["mi"] or 0)
        ap = (_g(m, "ap") or "").lower().replace(".", "")
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return None
    # A clock time alone belongs to the day the passage is about.
    d = st.clock_day(m.start(), m.end())
    if _g(m, "month") or _g(m, "month2"):
        month = _month_of(m["month"] or m["month2"])
        day = int(re.match(r"\d+", m["day"] or m["day2"]).group())  # type: ignore[union-attr]
        d = _safe_date(_year_for_month_day(st, month, day, m.start(), m.end()), month, day) or d
    elif _g(m, "wd"):
        d = _weekday_date(st, _WEEKDAYS[m["wd"].lower()], m.start(), m.end(), None)
    elif _g(m, "rel"):
        d = st.ref + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[m["rel"].lower()])
    value = f"{_iso(d)}T{hour:02d}:{minute:02d}{_zone(m) or _restated_offset(m, hour, minute)}"
    if _g(m, "gh") and _g(m, "dpart"):
        # "10:35 a.m. (0735 GMT) Friday": the bracket parts the time from its day, two expressions
        close = st.text.index(")", m.end("gm"))
        return [("TIME", value, m.start(), close + 1), ("DATE", _iso(d), m.start("dpart"), m.end())]
    return "TIME", value


def _restated_offset(m: re.Match[str], hour: int, minute: int) -> str:
    """The zone of a local time restated in GMT ("10:35 a.m. (0735 GMT)": ``+03:00``):
    the difference, when it is a whole quarter hour between -12:00 and +14:00."""
    if not _g(m, "gh"):
        return ""
    diff = (hour * 60 + minute - int(m["gh"]) * 60 - int(m["gm"])) % 1440
    if diff > 14 * 60:
        diff -= 1440
    if diff % 15:
        return ""
    if diff == 0:
        return "Z"
    return f"{'-' if diff < 0 else '+'}{abs(diff) // 60:02d}:{abs(diff) % 60:02d}"


def _r_clock(m: re.Match[str], st: _State) -> Resolved:
    """"at 14:30" → that time on the day in question; "at 13:45 20th Jan 2012" on that date."""
    d: dt.date | None = st.clock_day(m.start(), m.end())
    if _g(m, "month"):
        month, day = _month_of(m["month"]), int(re.match(r"\d+", m["day"]).group())  # type: ignore[union-attr]
        year = int(m["year"]) if _g(m, "year") else _year_for_month_day(st, month, day, m.start(), m.end())
        d = _safe_date(year, month, day)
    return ("TIME", f"{_iso(d)}T{int(m['h']):02d}:{m['mi']}") if d else None


def _zone(m: re.Match[str]) -> str:
    """The TIMEX3 zone suffix of a clock time: ``Z`` for GMT/UTC, ``+03:00`` for
    "GMT+3". Regional abbreviations ("EST", "CET", "IST") are ambiguous or
    depend on daylight saving: the time stays local, as TimeBank writes it.
    """
    if not (_g(m, "zone") or _g(m, "pzone")):
        return ""
    sign, hours, minutes = (_g(m, "sign") or _g(m, "psign")), _g(m, "oh") or _g(m, "poh"), _g(m, "om") or _g(m, "pom")
    if not sign or (int(hours or 0) == 0 and int(minutes or 0) == 0):
        return "Z"
    return f"{'-' if sign in '-−' else '+'}{int(hours or 0):02d}:{minutes or '00'}"


def _r_deictic_day(m: re.Match[str], st: _State) -> Resolved:
    """"yesterday", "today", "late yesterday", "tomorrow morning", "tonight", "last night"."""
    word = m["word"].lower()
    part = _g(m, "part") or _g(m, "part0")
    if word == "tonight":
        return "TIME", f"{_iso(st.ref)}TNI"
    if word == "last night":
        return "TIME", f"{_iso(st.ref - dt.timedelta(days=1))}TNI"
    if word.startswith("this "):
        return "TIME", f"{_iso(st.ref)}T{_PARTS_OF_DAY[word[5:]]}"
    delta = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
    beyond = (_g(m, "beyond") or "").lower()
    if beyond and (word, beyond.split()[-1]) in (("yesterday", "before"), ("tomorrow", "after")):
        delta *= 2  # "the day before yesterday", "the day after tomorrow"
    elif beyond:
        return "DATE", _iso(st.ref + dt.timedelta(days=delta)), m.start("word"), m.end()
    return _with_part(st.ref + dt.timedelta(days=delta), part)


def _r_relative_unit(m: re.Match[str], st: _State) -> Resolved:
    """"last week", "this year", "earlier this month", "next year", "this weekend"."""
    if m["unit"][0].isupper() and m["rel"][0].isupper():
        return None  # "This Week with David Brinkley", "Next Year in Jerusalem": titles
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    delta = {"this": 0, "last": -1, "next": 1, "the coming": 1, "the current": 0,
             "the previous": -1, "the past": -1}.get(rel, 0)
    d = _shift_date(st.ref, unit, delta)
    return "DATE", _unit_value(unit, d)


def _r_in_the_unit(m: re.Match[str], st: _State) -> Resolved:
    """"later in the day", "earlier in the year": the unit of the date in question."""
    unit = m["unit"].lower()
    anchor = st.anchor(unit)
    start = _value_start(anchor) if anchor else None
    return "DATE", _unit_value(unit, start or st.ref)


def _r_boundary(m: re.Match[str], st: _State) -> Resolved:
    """"the start of the year", "the end of last month", "the end of 1990"."""
    if _g(m, "year"):
        return "DATE", m["year"]
    if _g(m, "month"):
        if not m["month"][0].isupper():
            return None
        month = _month_of(m["month"])
        return "DATE", f"{_year_for_month_day(st, month, None, m.start(), m.end()):04d}-{month:02d}"
    rel = (m["rel"] or "the").lower()
    unit = m["unit"].lower()
    delta = {"this": 0, "the": 0, "last": -1, "next": 1}[rel]
    return "DATE", _unit_value(unit, _shift_date(st.ref, unit, delta))


def _r_iso_week(m: re.Match[str], st: _State) -> Resolved:
    """"week 52 of 2015", "2015-W52", "week 2", "the week of March 6": ISO 8601 weeks
    (Monday first; week 1 holds the year's first Thursday).

    Without a year, the week's Thursday is placed like a date without one
    (tense and distance from publication). A week the year lacks ("week 53
    of 2016") is nothing.
    """
    if _g(m, "month"):
        month, day = _month_of(m["month"]), int(re.match(r"\d+", m["day"]).group())  # type: ignore[union-attr]
        year = int(m["dyear"]) if _g(m, "dyear") else _year_for_month_day(st, month, day, m.start(), m.end())
        d = _safe_date(year, month, day)
        return ("DATE", _week(d)) if d else None
    week = int(m["wn"] or m["iw"])
    if _g(m, "year") or _g(m, "iy"):
        year = int(m["year"] or m["iy"])
    else:
        guess = _iso_thursday(st.ref.isocalendar()[0], min(week, 52))
        if guess is None:  # "week 0"
            return None
        year = _year_for_month_day(st, guess.month, guess.day, m.start(), m.end())
    if _iso_thursday(year, week) is None:
        return None
    return "DATE", f"{year:04d}-W{week:02d}"


def _iso_thursday(year: int, week: int) -> dt.date | None:
    """The Thursday of ISO week ``week`` of ``year`` (None if the year has no such week).

    >>> _iso_thursday(2015, 53), _iso_thursday(2016, 53)
    (datetime.date(2015, 12, 31), None)
    """
    try:
        return dt.date.fromisocalendar(year, week, 4)
    except ValueError:
        return None


def _r_weekend(m: re.Match[str], st: _State) -> Resolved:
    """"the weekend", "this weekend", "last weekend" → ``2016-W51-WE``.

    "the weekend" is the one just gone in a past-tense sentence (or when the
    article appears on a weekend), else the coming one.
    """
    rel = (m["rel"] or "the").lower()
    ref = st.ref
    weekend = ref.weekday() >= 5
    if rel in ("last", "this past"):
        d = ref - dt.timedelta(days=7)
    elif rel == "next":
        d = ref + dt.timedelta(days=7)
    elif rel == "this" or weekend or st.tense(m.start(), m.end()) == "future":
        d = ref
    else:
        d = ref - dt.timedelta(days=7)
    return "DATE", _week(d) + "-WE"


def _r_ago(m: re.Match[str], st: _State) -> Resolved:
    """"two days ago" → the day; "six weeks ago" → the week; "years ago" → PAST_REF."""
    if _g(m, "units"):
        return "DATE", "PAST_REF"
    n = _num(m["n"])
    unit = m["unit"].lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    if n is None:
        return "DATE", "PAST_REF"
    if unit in ("hour", "minute", "second"):
        return "DATE", _iso(st.ref)
    if unit == "decade":
        n, unit = n * 10, "year"
    if unit == "fortnight":
        n, unit = n * 2, "week"
    if (_g(m, "half") or _g(m, "half2")) and unit in ("year", "month", "week"):
        # "three and a half years ago": dated in the next finer unit.
        back = _shift_date(st.ref, "month", -(12 * n + 6)) if unit == "year" else (
            _shift_date(st.ref, "month", -n) - dt.timedelta(days=15) if unit == "month"
            else st.ref - dt.timedelta(days=7 * n + 3))
        return "DATE", _unit_value({"year": "month", "month": "month", "week": "day"}[unit], back)
    if unit == "year" and n == 1:
        # "up from $2 million a year ago": the quarter just reported, a year back
        last_q = st.last_quarter()
        if last_q:
            return "DATE", _shift_value(last_q, "year", -n) or f"{st.ref.year - n:04d}"
    if unit == "century":
        return "DATE", f"{(st.ref.year - 100 * n) // 100:02d}"
    return "DATE", _unit_value(unit, _shift_date(st.ref, unit, -n))


def _r_anchored_shift(m: re.Match[str], st: _State) -> Resolved:
    """"two days later", "a day earlier", "a year earlier": against the last date."""
    n = _num(m["n"])
    unit = m["unit"].lower().rstrip("s")
    direction = m["dir"].lower()
    sign = -1 if direction in ("earlier", "before", "previously") else 1
    if n is None or unit not in ("day", "week", "month", "year"):
        return "DURATION", _duration(n, unit)
    if unit == "year":
        # "a year earlier" compares with the reporting quarter when there is
        # one, else with the year of the last date the text gave ("in the fall
        # of 2012 ... a year later": 2013), else with the publication year.
        given = st.anchor("year", absolute=True)
        quarter = st.last_quarter() if n == 1 else None
        anchor = quarter or (given[:4] if given else _unit_value("year", st.ref))
    else:
        given = st.anchor(unit, absolute=True)
        if given is None and sign > 0:
            # "Two months later, the chaos has subsided": with no date to
            # count from, "later" is the time of writing, not the future.
            return "DATE", _unit_value(unit, st.ref)
        anchor = given if given is not None else _unit_value(unit, st.ref)
    return "DATE", _shift_value(anchor, unit, sign * n) or _unit_value(
        unit, _shift_date(st.ref, unit, sign * n))


def _r_next_unit(m: re.Match[str], st: _State) -> Resolved:
    """"the next day", "the following week", "the previous year", "the day before"."""
    if _g(m, "unit2"):  # "the day before", "the year after"
        word = "previous" if m["word2"].lower() == "before" else "next"
        unit = m["unit2"].lower()
    else:
        word = (_g(m, "word") or "").lower()
        unit = m["unit"].lower()
    sign = -1 if word in ("previous", "preceding", "before", "prior") else 1
    if unit in ("morning", "evening", "night", "afternoon"):
        d = st.anchor_day() + dt.timedelta(days=sign)
        return "TIME", f"{_iso(d)}T{_PARTS_OF_DAY[unit]}"
    anchor = st.anchor(unit)
    start = _value_start(anchor) if anchor else st.ref
    # "the following year" after "May 22, 1995" is 1996, a year, not a day.
    return "DATE", _unit_value(unit, _shift_date(start or st.ref, unit, sign))


def _r_that_unit(m: re.Match[str], st: _State) -> Resolved:
    """"that day", "the same day", "earlier that day", "that evening", "later that year"."""
    unit = m["unit"].lower()
    if unit in _PARTS_OF_DAY:
        return "TIME", f"{_iso(st.anchor_day())}T{_PARTS_OF_DAY[unit]}"
    anchor = st.anchor(unit)  # at least as fine as the unit, so its start lies in it
    if unit == "quarter" and anchor is None:
        return None  # "footage from the same quarter" with no quarter named: a district
    start = _value_start(anchor) if anchor else None
    return "DATE", _unit_value(unit, start or st.ref)


def _r_duration(m: re.Match[str], st: _State) -> Resolved:
    """"two weeks", "the past 24 hours", "at least a week", "14-day".

    A bare "the" before a hyphenated adjective stays outside ("the
    [14-day] period"); "the [nine months]" keeps it.
    """
    n_text = _g(m, "n")
    if m["unit"].lower() == "second" and (n_text or "").lower() in ("a", "an", "one"):
        return None  # "for a second day": an ordinal, not a duration
    if _SOME_DAY.fullmatch(m.group()) and (
            _MODAL_BEFORE.search(st.text, max(0, m.start() - 12), m.start()) or _MODAL_AFTER.match(st.text, m.end())):
        return "DATE", "FUTURE_REF"  # "will one day return", "some day we will": a time to come, not a day long
    n = _num(n_text) if n_text else None
    if n_text and n is None and all(w.lower() in _NUMBER_WORDS for w in re.split(r"[- ]+", n_text)):
        # "two seven-year terms": two counts; the duration is the one next to its unit
        last = re.split(r"[- ]+", n_text)[-1]
        n = _num(last)
        if n is None:
            return None
        return "DURATION", _duration(n, m["unit"]), m.end("n") - len(last), m.end("unit")
    if _g(m, "lo") and _TENS_UNIT.fullmatch(m.group("lo") + "-" + (n_text or "")):
        n = _num(m["lo"] + " " + (n_text or ""))  # "twenty-four hours": one number, no range
    elif _g(m, "lo"):  # "two to three weeks": TimeBank keeps the lower bound
        n = _num(m["lo"])
    value = _duration(n, m["unit"])
    unit = m["unit"].lower()
    if n is None and n_text and re.fullmatch(r"\d+\.\d+", n_text) and unit not in _UNIT_MULT:
        # "9.88 seconds" → PT9.88S, "2.5 hours" → PT2.5H: TIMEX3 allows a decimal amount
        value = f"P{'T' if unit in ('second', 'minute', 'hour') else ''}{n_text}{_UNIT_CODE[unit]}"
    if (_g(m, "half") or _g(m, "half2")) and n is not None:
        value = _and_a_half(n, m["unit"])
    if m.group().lower().startswith("the ") and _g(m, "hy"):
        return "DURATION", value, m.start("n"), m.end()
    return "DURATION", value


_SOME_DAY = re.compile(r"(?i:one|some)\s+day")
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|to)\s+$|['’]ll\s+$")
_MODAL_AFTER = re.compile(r",?\s+(?:[A-Za-z]+\s+){1,2}(?:will|would|could|might|can|shall)\b|,?\s+[A-Za-z]+['’]ll\b")
# "twenty-four", "thirty six": a ten and a unit, read by the range pattern as "twenty to four"
_TENS_UNIT = re.compile(r"(?i:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-"
                        r"(?i:one|two|three|four|five|six|seven|eight|nine)")


# "an hour and 40 minutes": a unit and the next finer one make one duration.
_COMPOUND = {("year", "month"): "P{}Y{}M", ("week", "day"): None, ("day", "hour"): "P{}DT{}H",
             ("hour", "minute"): "PT{}H{}M", ("minute", "second"): "PT{}M{}S"}


def _r_duration_compound(m: re.Match[str], st: _State) -> Resolved:
    """"an hour and 40 minutes" → PT1H40M, "two years and three months" → P2Y3M,
    "one week and two days" → P9D; any other pair is no compound."""
    pair = (m["unit"].lower(), m["unit2"].lower())
    n, n2 = _num(m["n"]), _num(m["n2"])
    if pair not in _COMPOUND or n is None or n2 is None:
        return None
    shape = _COMPOUND[pair]
    return "DURATION", f"P{7 * n + n2}D" if shape is None else shape.format(n, n2)


# Half of a unit in the next finer one, as TimeBank writes it ("2 1/2 years" → P2Y6M).
_HALF_IN_FINER = {"year": "6M", "day": "T12H", "hour": "30M", "minute": "30S"}


def _and_a_half(n: int, unit: str) -> str:
    """``n`` and a half ``unit``s as a TIMEX3 duration.

    >>> _and_a_half(2, "months"), _and_a_half(2, "year"), _and_a_half(5, "hour"), _and_a_half(1, "decade")
    ('P2.5M', 'P2Y6M', 'PT5H30M', 'P15Y')
    """
    unit = unit.lower().rstrip("s")
    if unit in _HALF_IN_FINER:
        return _duration(n, unit) + _HALF_IN_FINER[unit]
    if unit in ("decade", "century", "centurie"):
        return f"P{(2 * n + 1) * _UNIT_MULT[unit] // 2}Y"
    if unit == "fortnight":
        return f"P{2 * n + 1}W"
    return f"P{n}.5{_UNIT_CODE[unit]}"  # month, week, quarter: no finer TIMEX3 unit divides them evenly


def _r_part_of_day(m: re.Match[str], st: _State) -> Resolved:
    """"in the morning", "by mid afternoon": that part of the day in question."""
    return "TIME", f"{_iso(st.clock_day(m.start(), m.end()))}T{_PARTS_OF_DAY[m['unit'].lower()]}"


def _r_overnight(m: re.Match[str], st: _State) -> Resolved:
    """"Airstrikes overnight killed 12": the night leading into the day in question.

    That day is the one named after it ("overnight and into Tuesday"), else the
    last day named in this sentence or the one before ("killed on Monday in an attack
    overnight": Sunday night), unless that day is ahead of publication; else
    publication day (the night before it). A night already named ("on Friday night
    ... continued overnight") or a day something went on from ("clashes on Thursday
    continued overnight") is that day's night.
    """
    into = _INTO_WEEKDAY.match(st.text, m.end())
    if into:
        wd = _WEEKDAYS[into["wd"].lower()]
        day = _weekday_date(st, wd, into.start("wd"), into.end("wd"), None)
        return "TIME", f"{_iso(day - dt.timedelta(days=1))}TNI"
    day = st.ref
    for (value, gran, _), at in zip(reversed(st.history), reversed(st.history_ends)):
        if _GRAN_RANK.get(gran, -1) < _GRAN_RANK["day"]:
            continue
        if _sentence_breaks(st.text, at, m.start()) <= 1:
            named = dt.date.fromisoformat(value[:10])
            if value.endswith("TNI") or _CONTINUED.search(st.text, max(0, m.start() - 30), m.start()):
                return "TIME", f"{_iso(named)}TNI"
            if named <= st.ref:
                day = named
        break
    return "TIME", f"{_iso(day - dt.timedelta(days=1))}TNI"


def _sentence_breaks(text: str, start: int, end: int) -> int:
    """How many sentence breaks lie between ``start`` and ``end``; a run of them with
    only spaces between (". \\n\\n") is one."""
    count, last = 0, -2
    for b in _SENTENCE_END.finditer(text, start, end):
        if not text[last:b.start()].isspace() and b.start() != last:
            count += 1
        last = b.end()
    return count


_INTO_WEEKDAY = re.compile(rf"\s+(?:and\s+)?into\s+(?:early\s+)?(?P<wd>{_WEEKDAY})")
_CONTINUED = re.compile(r"\b(?:continued|continuing|went\s+on|lasted|persisted|raged|carried\s+on)\s+(?:\w+\s+)?$")


def _r_duration_past(m: re.Match[str], st: _State) -> Resolved:
    """"the coming months" → PXM; "the past year" → the previous year.

    TimeBank annotates "the past year/month/week" as the previous calendar
    unit (a DATE), and so do we; with a plural ("the past months") or
    "coming"/"next" it is a duration.
    """
    if _g(m, "unit_ahead"):  # "the weeks ahead"
        return "DURATION", _duration(None, m["unit_ahead"].lower().rstrip("s"))
    unit = m["unit"].lower()
    if unit == "weekend":  # "the past weekend"
        return "DATE", _week(st.ref - dt.timedelta(days=7 if st.ref.weekday() < 5 else 0)) + "-WE"
    if unit.endswith("s"):
        return "DURATION", _duration(None, unit.rstrip("s"))
    rel = m.group().split()[1].lower()
    if unit in ("week", "month", "year") and rel in ("past", "last", "previous"):
        return "DATE", _unit_value(unit, _shift_date(st.ref, unit, -1))
    return "DURATION", _duration(1, unit)


def _r_fiscal_year(m: re.Match[str], st: _State) -> Resolved:
    """"the fiscal year", "the current fiscal year", "the full year", "the latest fiscal year"."""
    adj = (m["adj"] or "").lower()
    delta = {"latest": -1, "previous": -1, "prior": -1, "new": 1, "coming": 1}.get(adj, 0)
    return "DATE", f"{st.ref.year + delta:04d}"


def _r_quarter(m: re.Match[str], st: _State) -> Resolved:
    """"the third quarter", "fourth-quarter", "the first quarter of 2013", "the first half"."""
    ordinal = m["ord"].lower()
    kind = "H" if m["qh"].lower() == "half" else "Q"
    if _g(m, "year") or _g(m, "year0"):
        year = int(m["year"] or m["year0"])
    elif _g(m, "rel") and m["rel"].lower().startswith("year-"):
        year = None
    elif _g(m, "rel"):
        year = st.ref.year + {"this year's": 0, "last year's": -1, "next year's": 1}[m["rel"].lower()]
    elif _g(m, "rel2"):
        year = st.ref.year + {"this": 0, "last": -1, "next": 1}[m["rel2"].lower()]
    else:
        year = None
    if ordinal in ("final", "last"):
        n = 4 if kind == "Q" else 2
    else:
        found = _ORDINALS.get(ordinal)
        if found is None or (kind == "H" and found > 2):
            return None
        n = found
    if year is None:
        year = st.frame_year(m.start(), m.end())
    if year is None:
        months = 3 if kind == "Q" else 6
        start_month = (n - 1) * months + 1
        if st.tense(m.start(), m.end()) == "future":
            # "expects a recovery in the first quarter": the first one not over
            # before the latest complete one ("expects to report third-quarter
            # results" in October is the quarter just ended).
            y0, m0 = _shift_months(st.ref.year, st.ref.month, -months)
            year = st.ref.year - 1
            while (year, start_month + months - 1) < (y0, m0):
                year += 1
        else:
            year = st.ref.year if start_month <= st.ref.month else st.ref.year - 1
    if _g(m, "rel") and m["rel"].lower().startswith("year-"):
        year -= 1  # "the year-ago third quarter"
    value = f"{year:04d}-{kind}{n}"
    if _g(m, "the") and not _g(m, "rel") and not _g(m, "year0") and st.text[m.end("ord")] == "-":
        # "the [third-quarter] loss": the adjective alone is the timex.
        return "DATE", value, m.end("the"), m.end()
    return "DATE", value


def _r_quarter_code(m: re.Match[str], st: _State) -> Resolved:
    """"Q3 2012" → 2012-Q3, "H1 2013" → 2013-H1, "in Q3" → the quarter the tense gives."""
    code = m["code"] or m["code2"]
    kind, n = code[0], int(code[1])
    if kind == "H" and n > 2:
        return None
    if _g(m, "year"):
        return "DATE", f"{m['year']}-{kind}{n}"
    months = 3 if kind == "Q" else 6
    start_month = (n - 1) * months + 1
    year = st.ref.year if start_month <= st.ref.month else st.ref.year - 1
    if st.tense(m.start(), m.end()) == "future" and (year, start_month + months - 1) < (st.ref.year, st.ref.month):
        year += 1
    return "DATE", f"{year:04d}-{kind}{n}"


def _r_month_span(m: re.Match[str], st: _State) -> Resolved:
    """"the April-June quarter" → Q2, "the January-June period" → H1: a calendar
    quarter or half named by its months; any other span is left to the months."""
    first, last = _month_of(m["m1"]), _month_of(m["m2"])
    span = {(1, 3): "Q1", (4, 6): "Q2", (7, 9): "Q3", (10, 12): "Q4", (1, 6): "H1", (7, 12): "H2"}.get((first, last))
    if span is None:
        return None
    year = int(m["year"]) if _g(m, "year") else _year_for_month_day(st, last, None, m.start(), m.end())
    return "DATE", f"{year:04d}-{span}"


def _r_quarter_ref(m: re.Match[str], st: _State) -> Resolved:
    """"the latest quarter", "the quarter", "the year-ago quarter", "the 1988 period".

    Financial copy names a reporting quarter once and then refers back to
    it: "the quarter" is the last quarter named, "the latest quarter" the
    last complete one, "the year-earlier quarter" the same one a year before.
    """
    adj = (_g(m, "adj") or "").lower()
    if _g(m, "year"):
        last = st.last_quarter()
        if last is not None and m["noun"].lower() == "period":
            return "DATE", f"{m['year']}{last[4:]}"
        if m["noun"].lower() == "period":
            return "DATE", m["year"]
        return "DATE", f"{m['year']}-Q{last[6] if last else 'X'}"
    if _g(m, "qmonth"):
        # "the quarter ended Sept. 30": the calendar quarter of that month.
        month = _month_of(m["qmonth"])
        year = _year_for_month_day(st, month, None, m.start(), m.end())
        return "DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}"
    if adj in ("latest", "most recent", "just-ended", "recent"):
        return "DATE", st.latest_complete_quarter()
    if _DISTRICT_AFTER.match(st.text, m.end()) or (adj == "same" and st.last_quarter() is None):
        return None  # "the quarter of Qarabis", "footage from the same quarter": a district
    last = st.last_quarter() or st.latest_complete_quarter()
    if m["noun"].lower() == "period" and not adj:
        return None  # "the period" alone is too vague
    return "DATE", last


# "the old quarter of Homs", "the quarter of Qarabis": part of a town.
_DISTRICT_AFTER = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")


def _r_same_period(m: re.Match[str], st: _State) -> Resolved:
    """"the same period last year", "the corresponding period of 2010": the
    last period the text named (a half, quarter, month or year), a year back
    or in the year given. With none named, the reporting quarter (TimeBank's
    "the corresponding period last year" is 1988-Q3)."""
    named = [value for value, gran, derived in reversed(st.history) if not derived]
    anchor = (next((v for v in named if _granularity(v) == "quarter"), None)
              or next((v for v in named if _granularity(v) in ("month", "year")), None)
              or st.last_quarter() or st.latest_complete_quarter())
    if _g(m, "year"):
        return "DATE", f"{m['year']}{anchor[4:]}"
    if _g(m, "last"):
        return "DATE", f"{st.ref.year - 1:04d}{anchor[4:]}"
    return "DATE", anchor


def _r_year_adj(m: re.Match[str], st: _State) -> Resolved:
    """"year-earlier", "year-ago" as adjectives: the quarter (or year) a year back."""
    last = st.last_quarter()
    shifted = _shift_value(last, "year", -1) if last is not None else None
    return "DATE", shifted or f"{st.ref.year - 1:04d}"


def _r_quarter_ago(m: re.Match[str], st: _State) -> Resolved:
    """"the year-ago quarter", "the same period a year earlier": the reporting quarter, a year back."""
    shifted = _shift_value(st.last_quarter() or st.latest_complete_quarter(), "year", -1)
    return ("DATE", shifted) if shifted else None


_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+\s+$")
# "in the fall" is the season; "the fall" elsewhere is usually a city's or a price's.
_SEASON_FALL = re.compile(r"\b(?:in|during|by|until|over|through|this|last|next|since)\s+$", re.I)


def _r_season(m: re.Match[str], st: _State) -> Resolved:
    """"last fall" → ``1997-FA`` in an article of January 1998; "this summer"."""
    code = _SEASONS[m["season"].lower()]
    if m["season"][0].isupper() and _NAME_BEFORE.search(st.text, max(0, m.start("season") - 16), m.start("season")):
        return None  # "the Arab Spring of 2011": a name, not a season
    if _g(m, "year"):
        return "DATE", f"{m['year']}-{code}"
    rel = (_g(m, "rel") or "").lower()
    if not rel:
        return None  # "summer" alone
    if code == "FA" and rel in ("the", "the early", "the late") and not _SEASON_FALL.search(
        st.text, max(0, m.start() - 8), m.start()
    ) or st.text.startswith(" of ", m.end()):
        return None  # "the fall of Aleppo", "the spring of discontent"; but "in the fall"
    rel = rel or "this"
    year = st.ref.year
    started = st.ref.month >= _SEASON_START[code]
    ended = st.ref.month >= _SEASON_START[code] + 3
    if rel in ("last", "this past"):
        year = year if ended else year - 1
    elif rel == "next":
        year = year + 1 if started else year
    elif rel in ("the", "the early", "the late"):
        # "in the spring": the last one in a past-tense sentence, else the coming one.
        if st.tense(m.start(), m.end()) == "past":
            year = year if started else year - 1
        else:
            year = year + 1 if ended else year
    return "DATE", f"{year:04d}-{code}"


# Holidays: generator/lexicons/holidays.txt gives each one's names and the rule
# of its day (a fixed day, days from Easter, the Nth weekday of a month).
_DAY_RULE = re.compile(
    r"(?P<md>(?P<mm>[01]\d)-(?P<dd>[0-3]\d))"
    r"|easter(?P<offset>[+-]\d+)?|(?P<week>week of easter)"
    r"|(?:(?P<after>[a-z]+day) after )?(?P<nth>1st|2nd|3rd|4th|last) (?P<wd>[a-z]+day) of (?P<month>[a-z]+)"
)


@dataclass(frozen=True)
class _Holiday:
    name: str
    names: tuple[str, ...]
    rule: re.Match[str]

    def day(self, year: int) -> dt.date:
        """The holiday's day in ``year`` (for Holy Week, its Sunday)."""
        r = self.rule
        if r["md"]:
            return dt.date(year, int(r["mm"]), int(r["dd"]))
        if r["nth"] is None:
            return _easter(year) + dt.timedelta(days=int(r["offset"] or 0))
        month, wd = _MONTHS[r["month"]], _WEEKDAYS[r["wd"]]
        if r["nth"] == "last":
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            d = last - dt.timedelta(days=(last.weekday() - wd) % 7)
        else:
            first = dt.date(year, month, 1)
            d = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (int(r["nth"][0]) - 1))
        if r["after"]:
            d += dt.timedelta(days=(_WEEKDAYS[r["after"]] - d.weekday()) % 7 or 7)
        return d

    def value(self, year: int) -> str:
        return _week(self.day(year)) if self.rule["week"] else _iso(self.day(year))


def _holidays() -> tuple[_Holiday, ...]:
    out = []
    for name, keys in lexicons.sections("holidays"):
        rule = _DAY_RULE.fullmatch(keys["day"][0]) if len(keys.get("day", ())) == 1 else None
        if rule is None or not keys.get("name"):
            raise lexicons.LexiconError(f"holidays.txt: [{name}] needs one 'day' rule it can read and a 'name'")
        out.append(_Holiday(name, tuple(keys["name"]), rule))
    return tuple(out)


_HOLIDAY_LIST = _holidays()
_HOLIDAY_BY_NAME = {" ".join(n.replace("’", "'").split()): h for h in _HOLIDAY_LIST for n in h.names}
# Names as written, longest first; any apostrophe, any run of spaces.
_HOLIDAY_NAMES = "|".join(
    re.escape(n).replace("'", "['’]").replace("\\ ", r"\s+")
    for n in sorted(_HOLIDAY_BY_NAME, key=len, reverse=True)
)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday_gap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_gap) // 451
    month = (h + weekday_gap - 7 * m + 114) // 31
    day = (h + weekday_gap - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _r_holiday(m: re.Match[str], st: _State) -> Resolved:
    """"Christmas", "Thanksgiving 2015", "last Easter", "Labor Day": a holiday of
    ``holidays.txt`` in the year written, the last one before publication
    ("last"), the next after it ("next"), this year's ("this"), else the year
    the clause's tense gives for its day."""
    hol = _HOLIDAY_BY_NAME[" ".join(m["hol"].replace("’", "'").split())]
    rel = (_g(m, "rel") or "").lower()
    if _g(m, "year"):
        year = int(m["year"])
    elif rel == "last":
        year = st.ref.year if hol.day(st.ref.year) < st.ref else st.ref.year - 1
    elif rel == "next":
        year = st.ref.year if hol.day(st.ref.year) > st.ref else st.ref.year + 1
    elif rel == "this":
        year = st.ref.year
    else:
        guess = hol.day(st.ref.year)
        year = _year_for_month_day(st, guess.month, guess.day, m.start(), m.end())
    return "DATE", hol.value(year)


# Islamic and Jewish holidays move through the Gregorian year: their dates come
# from tables (generator/lexicons/hijri.json, Umm al-Qura; hebrew.json).
_LUNAR_NAMES = (
    (re.compile(r"rama[dz]h?an", re.I), ("ramadan",)),
    (re.compile(r"eid\W+(?:a|u|e)l?\W*(?:fitri?|saghir|sagheer)", re.I), ("eid al-fitr",)),
    (re.compile(r"eid\W+(?:a|u|e)l?\W*(?:adha|azha|kabir|kebir)", re.I), ("eid al-adha",)),
    (re.compile(r"eid", re.I), ("eid al-fitr", "eid al-adha")),
    (re.compile(r"ash(?:ou|o|u)ra", re.I), ("ashura",)),
    (re.compile(r"(?:islamic|hijri|muslim)\s+new\s+year", re.I), ("islamic new year",)),
    (re.compile(r"passover|pesach", re.I), ("passover",)),
    (re.compile(r"rosh\s+hashanah?|jewish\s+new\s+year", re.I), ("rosh hashanah",)),
    (re.compile(r"yom\s+kippur", re.I), ("yom kippur",)),
    (re.compile(r"c?hanukk?ah|chanukk?ah", re.I), ("hanukkah",)),
    (re.compile(r"purim", re.I), ("purim",)),
    (re.compile(r"sukkot|succot", re.I), ("sukkot",)),
)
# A bare "Eid" is the feast only after one of these ("during Eid", "the Eid holiday"), not a name ("Eid Ali").
_EID_BEFORE = re.compile(
    r"\b(?:the|during|for|on|before|after|of|since|until|over|throughout|at|ahead\s+of|by)\s+$", re.I)
# "Tariq Ramadan", "Ramadan Shallah": a family or given name, not the month.
_NAME_WORD_BEFORE = re.compile(r"\b(?!(?:During|In|Before|After|Since|Until|Ahead|Throughout|Over|For|By|The|This|Last|"
                               r"Next|Holy|Early|Late|Mid|At|On|Of|From)\b)[A-Z][a-z]+\s+$")


@cache
def _lunar_table() -> tuple[dict[str, tuple[dt.date, dt.date]], ...]:
    """Per Hijri or Hebrew year, each holiday's first and last day (one day for a feast)."""
    rows = []
    for name in ("hijri", "hebrew"):
        data = json.loads((lexicons.FOLDER / f"{name}.json").read_text(encoding="utf-8"))
        rows += [row for _, row in sorted(data["years"].items())]
    out = []
    for row in rows:
        entry = {}
        for name, days in row.items():
            first, last = (days, days) if isinstance(days, str) else days
            entry[name] = (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
        out.append(entry)
    return tuple(out)


def _majority_month(first: dt.date, last: dt.date) -> str:
    """The month holding most days of a period (Ramadan 2013-07-09..08-07 → 2013-07)."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}"
    in_first = (dt.date(first.year + first.month // 12, first.month % 12 + 1, 1) - first).days
    in_last = last.day
    d = first if in_first >= in_last else last
    return f"{d.year:04d}-{d.month:02d}"


def _r_lunar(m: re.Match[str], st: _State) -> Resolved:
    """"Ramadan", "Eid al-Fitr", "last Ramadan", "Eid al-Adha 2012", "the start of Ramadan", "Passover".

    A feast is its first day (Passover, Hanukkah too); Ramadan is the month
    holding most of it (no TIMEX3 value names a span across months), its
    start or end a day. Which
    year's: the one written, else the one under way at publication, else the
    next after it in a future clause, else the last before it.
    """
    hname = m["hname"]
    kinds = next(k for p, k in _LUNAR_NAMES if p.fullmatch(hname))
    if hname.lower() == "eid" and not _EID_BEFORE.search(st.text, max(0, m.start("hname") - 12), m.start("hname")):
        return None
    if hname.lower().startswith("rama") and (_NAME_WORD_BEFORE.search(st.text, max(0, m.start() - 20), m.start())
                                             or (not _g(m, "year") and _NAME_AFTER.match(st.text, m.end()))):
        return None
    spans = sorted(e[k] for e in _lunar_table() for k in kinds if k in e)
    ref = st.ref
    rel = (_g(m, "rel") or "").lower()
    year = int(m["year"]) if _g(m, "year") else None
    if year is None and not rel:
        year = st.frame_year(m.start(), m.end())
    if year is not None:
        found = [sp for sp in spans if sp[0].year == year or sp[1].year == year]
    elif rel == "last":
        found = [sp for sp in spans if sp[1] < ref][-1:]
    elif rel == "next":
        found = [sp for sp in spans if sp[0] > ref][:1]
    else:
        current = [sp for sp in spans if sp[0] <= ref <= sp[1] + dt.timedelta(days=2)]
        if current:
            found = current
        elif rel == "this" or st.tense(m.start(), m.end()) == "future":
            found = [sp for sp in spans if sp[0] > ref][:1]
        else:
            found = [sp for sp in spans if sp[0] <= ref][-1:]
    if not found:
        return None
    first, last = found[0]
    part = (_g(m, "part") or "").lower()
    if part and ("end" in part or "last" in part):
        return "DATE", _iso(last)
    if kinds == ("ramadan",) and not part:
        return "DATE", _majority_month(first, last)
    return "DATE", _iso(first)


_REF_WORDS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "recent years": "PAST_REF", "recent days": "PAST_REF", "recent weeks": "PAST_REF",
    "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
    # "in the near term": TimeBank's FUTURE_REF, like "the near future".
    "as soon as possible": "FUTURE_REF", "past years": "PAST_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "the nearer term": "FUTURE_REF", "the shorter term": "FUTURE_REF", "the longer term": "FUTURE_REF",
}


def _r_ref(m: re.Match[str], st: _State) -> Resolved:
    """"now" → PRESENT_REF, "recently" → PAST_REF, "the future" → FUTURE_REF."""
    words = " ".join(m["ref"].lower().split()).removeprefix("right ").removeprefix("more ")
    return "DATE", _REF_WORDS[words]


_SET_ADVERBS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D", "fortnightly": "P2W", "biweekly": "P2W",
    "semiannually": "P6M", "biannually": "P6M",
}


def _r_set(m: re.Match[str], st: _State) -> Resolved:
    """"daily" → P1D, "every week" → P1W, "each Thursday" → XXXX-WXX-4."""
    if _g(m, "set"):
        return "SET", _SET_ADVERBS[m["set"].lower()]
    unit = m["unit"].lower()
    if unit in _WEEKDAYS:
        part = f"T{_PARTS_OF_DAY[m['part'].lower()]}" if _g(m, "part") else ""
        return "SET", f"XXXX-WXX-{_WEEKDAYS[unit] + 1}{part}"
    if unit in _SEASONS:  # "every summer"
        return "SET", f"XXXX-{_SEASONS[unit]}"
    if unit[0].isdigit() or m["unit"][0].isupper():  # "each July"
        return "SET", f"XXXX-{_month_of(m['unit']):02d}"
    if unit in _PARTS_OF_DAY:
        return "SET", f"XXXX-XX-XXT{_PARTS_OF_DAY[unit]}"
    return "SET", _duration(1, unit)


def _r_weekdays(m: re.Match[str], st: _State) -> Resolved:
    """"on Fridays" → XXXX-WXX-5, "Tuesday nights" → XXXX-WXX-2TNI: every such day."""
    value = f"XXXX-WXX-{_WEEKDAYS[m['wd'].lower()] + 1}"
    if _g(m, "part"):
        value += f"T{_PARTS_OF_DAY[m['part'].lower()]}"
    return "SET", value


def _r_frequency(m: re.Match[str], st: _State) -> Resolved:
    """"twice a week" → P1W, "every two weeks" → P2W, "every other day" → P2D."""
    n = 2 if m["n"] == "other" else _num(m["n"]) if m["n"] else 1
    return "SET", _duration(n, m["unit"])


_HALVES = {"hour": "PT30M", "minute": "PT30S", "day": "PT12H", "year": "P6M",
           "decade": "P5Y", "century": "P50Y"}


def _r_duration_half(m: re.Match[str], st: _State) -> Resolved:
    """"half an hour" → PT30M, "half a century" → P50Y, "a quarter century" → P25Y."""
    if m["q"]:
        return "DURATION", "P25Y" if m["unit2"].lower() == "century" else "PT15M"
    return "DURATION", _HALVES[m["unit"].lower()]


def _r_duration_long(m: re.Match[str], st: _State) -> Resolved:
    """"decades-long" → PXY, "day-long" → P1D, "a two-year-long siege" → P2Y."""
    if m["n"]:
        n = _num(m["n"])
    else:
        n = None if m["unit_text"].lower().endswith("s") else 1
    return "DURATION", _duration(n, m["unit"])


def _r_plural_duration(m: re.Match[str], st: _State) -> Resolved:
    """"for years" → PXY, "months of talks" → PXM, "Days later" → PXD."""
    return "DURATION", _duration(None, m["unit"] or m["unit2"] or m["unit3"])


def _r_the_unit(m: re.Match[str], st: _State) -> Resolved:
    """"For the year" → the year in question; "for the week" → ``1989-WXX``.

    Which week a market report's "the week" is cannot be told from the
    phrase; TimeBank writes it as an unspecified week of the year.
    """
    day = st.anchor_day()
    if m["unit"].lower() == "week":
        return "DATE", f"{day.year:04d}-WXX"
    return "DATE", f"{day.year:04d}"


def _r_block(m: re.Match[str], st: _State) -> Resolved:
    """Prices, percentages, ages, phone numbers: look like dates, are not."""
    return None


# --------------------------------------------------------------------------
# Grammar
# --------------------------------------------------------------------------


# A rule's example: (text with the expression in [brackets], reference date
# "YYYY-MM-DD", expected TIMEX3 value; None for a blocker: nothing is found there).
Example = tuple[str, str, str | None]


@dataclass(frozen=True)
class _Rule:
    """One grammar rule: a named pattern, its resolver and its examples.

    ``core`` is the token every match must contain ("ago", a month name, a
    time unit ...). Scanning the text for the core and trying the full
    pattern only at the few word starts before it is several times faster
    than running every full pattern over the whole text, because a core
    begins with a literal the regex engine can skip to. A match may start
    at most ``_MAX_WORDS_BEFORE_CORE`` words before its core:
    :func:`core_scan_misses` finds matches that limit would lose, and the
    tests run it on every rule's examples.

    ``derived`` marks rules whose value is computed from another date ("a
    year earlier"): such values never anchor the next relative expression.
    ``examples`` are run by ``tests/test_dates.py``, one case each.
    ``doubt`` gives the reason a value may be wrong (``Timex.doubt``).
    """

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    core: re.Pattern[str] | None = None
    derived: bool = False
    examples: tuple[Example, ...] = ()
    doubt: Callable[[re.Match[str], str], str | None] | None = None


def _ci(*words: str) -> str:
    """``"day", "week"`` → ``"day|Day|week|Week"``: a literal alternation.

    Cores are case-sensitive on purpose: the regex engine scans for a plain
    literal alternation several times faster than for an IGNORECASE one.
    """
    return "|".join(f"{w}|{w[0].upper()}{w[1:]}|{w.upper()}" for w in words)


_UNIT_CORE = _ci("second", "minute", "hour", "day", "week", "fortnight", "month", "quarter",
                 "year", "decade", "centur")
# Cores shared by several rules are scanned once per text.
_QUARTER_CORE = _ci("quarter", "half", "period")
_DEICTIC_CORE = _ci("yesterday", "today", "tomorrow", "tonight", "night", "morning", "afternoon", "evening")


def _rule(
    name: str,
    pattern: str,
    resolve: Resolver,
    flags: int = 0,
    *,
    core: str | None = None,
    derived: bool = False,
    examples: tuple[Example, ...] = (),
    doubt: Callable[[re.Match[str], str], str | None] | None = None,
) -> _Rule:
    """A :class:`_Rule` from pattern sources (cores are case-sensitive: see :func:`_ci`)."""
    return _Rule(name, re.compile(pattern, flags), resolve, re.compile(core) if core else None, derived, examples,
                 doubt)


_I = re.IGNORECASE
_WD_PREFIX = rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?"
# A UTC offset after GMT/UTC: "+3", "-04:00", "+0530".
_OFFSET = r"(?P<sign>[+−-])\s*(?P<oh>[01]?\d)(?::?(?P<om>[0-5]\d))?\b"
_PART_SUFFIX = rf"(?:\s+(?P<part>{_PART}))?"
_FRI = "2016-12-23"  # the reference date of most examples (a Friday)

_RULES: tuple[_Rule, ...] = (
    # --- blockers: longer than the date reading they contain -------------
    _rule(
        "price",
        r"[$€£¥]\s?\d[\d,.]*(?:\s*(?:million|billion|trillion|m|bn)\b)?",
        _r_block,
        examples=(
            ("The fuel now costs [$2,016] a tonne.", _FRI, None),
        ),
    ),
    _rule(
        "percent",
        r"\b\d[\d,.]*\s*(?:%|percent\b|per cent\b|pct\b)",
        _r_block,
        core=r"%|percent|per cent|pct",
        examples=(
            ("Turnout reached [1998 percent] of the target, the count said.", _FRI, None),
        ),
    ),
    _rule(
        "age",
        rf"\b(?:\d+|{_NUMWORD}(?:[- ]{_NUMWORD})*)[- ](?:year|month|week|day)s?[- ]olds?\b",
        _r_block, _I,
        core=r"(?<=[- ])(?:olds?|OLDS?)\b",
        examples=(
            ("A [two-year-old] boy was hurt in the blast.", _FRI, None),
        ),
    ),
    _rule(
        "aged",
        r"\b(?:aged|ages)\s+\d+(?:\s+(?:and|to|-)\s+\d+)?",
        _r_block,
        core=r"age[sd]",
        examples=(
            ("Men [aged 2014] were stopped.", _FRI, None),
        ),
    ),
    _rule(
        "phone",
        r"(?:\+\d{1,3}[\s-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b",
        _r_block,
        core=r"\d{3}[\s.-]\d{4}",
        examples=(
            ("Call the hotline on [020 555 2016] for details.", _FRI, None),
        ),
    ),
    _rule(
        "bignum",
        r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b",
        _r_block,
        core=r"\d,\d\d\d",
        examples=(
            ("Some [2,011] families were moved.", _FRI, None),
        ),
    ),
    _rule(
        "score",
        # not inside an ISO date ("2016-12-15"): the core scan never tried there
        r"(?<!\d-)\b\d{1,2}-\d{1,2}\b(?!-)",
        _r_block,
        core=r"\d-\d",
        examples=(
            ("The home side won [12-11] on Sunday.", _FRI, None),
        ),
    ),
    # "$500 million a year", "four flights a week", "24 hours a day": rates, not times.
    _rule(
        "rate",
        r"(?:\d\S*|million|billion|thousand|dozen|hundreds|thousands|"
        r"(?!(?:as|was|has|is|this|its|his|us|less|unless|across|thus|perhaps)\s)[a-z]+s)\s+"
        r"(?:a|an|per)\s+(?:day|week|month|year|hour)\b(?!\s+(?:ago|earlier|later|before|after))",
        _r_block,
        core=_UNIT_CORE,
        examples=(
            ("The plant burns [two tonnes a day] of coal.", _FRI, None),
        ),
    ),
    # "Britain's Sunday Times", "Bloody Sunday": names, not days.
    _rule(
        "weekday_name",
        rf"\b(?:Bloody\s+Sunday|Black\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?P<wd>{_WEEKDAY})\s+"
        r"(?:Times|Telegraph|Express|Mirror|Herald|Mail|Post|Tribune|Independent|Observer|Sport|Star|Night\s+Football))\b",
        _r_block,
        core=r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
        examples=(
            ("He told Britain's [Sunday Times] that talks had failed.", _FRI, None),
        ),
    ),
    # "The World Tonight", "Russia Today", "the Today programme": a capitalised
    # Today/Tonight after a name or "the" is a title, not the day.
    _rule(
        "deictic_name",
        r"(?:\b[A-Z][\w'’]*|\bthe)\s+(?:Today|Tonight)\b",
        _r_block,
        core=r"Today|Tonight",
        examples=(
            ("She presents [The World Tonight] on the radio.", _FRI, None),
            ("He told the [Russia Today] channel that talks had failed.", _FRI, None),
            ("He told [the Today] programme that talks had failed.", _FRI, None),
        ),
    ),
    # "the 60 Minutes programme", "on 48 Hours": a number with a capitalised unit after a
    # lower-case word is a title, not a duration (a headline capitalises the word before too).
    _rule(
        "duration_name",
        r"(?<![\w-])[a-z]+,?\s+(?:the\s+)?(?:\d+|[A-Z][a-z]+)\s+(?:Seconds|Minutes|Hours|Days|Weeks|Months|Years)\b",
        _r_block,
        core=r"Seconds|Minutes|Hours|Days|Weeks|Months|Years",
        examples=(
            ("He [told the 60 Minutes] programme that talks had failed.", _FRI, None),
            ("Interviewed [on Seven Days], the minister denied it.", _FRI, None),
        ),
    ),
    # "the Hurriyet daily said", "Russia's Kommersant daily, ...": a newspaper, not a frequency.
    _rule(
        "daily_paper",
        r"\b[A-Z][\w'’-]*\s+(?:daily|weekly)(?=\s*[,.;:)]|\s+(?:newspaper|paper|said|says|reported|reports|wrote|"
        r"quoted|cited|also|added|predicts|predicted|claimed|published)\b)",
        _r_block,
        core=r"daily|weekly",
        examples=(
            ("The [Hurriyet daily] said on Monday that talks had failed.", _FRI, None),
            ("The Qods [daily], close to the government, denied it.", _FRI, None),
        ),
    ),
    # "5 percent year-on-year": a comparison, not a year.
    _rule(
        "versus_unit",
        r"\b(?:year|month|quarter|week)[- ](?:on|over|to)[- ](?:year|month|quarter|week)\b",
        _r_block, _I,
        core=_UNIT_CORE,
        examples=(
            ("Exports fell 2 percent [year-on-year] in the first quarter.", _FRI, None),
        ),
    ),
    # "three-quarters of", "more than a quarter of the votes": fractions, not quarters.
    _rule(
        "fraction",
        r"\b(?:(?:one|two|three)-quarters?"
        r"|(?:(?:more|less) than |about |nearly |almost |over |roughly |some )?a quarter"
        r"(?! of (?:the )?(?:year|century)\b)(?![\s-]+(?:century|hour)\b)"
        r"|quarter-to-quarter|quarter-point)\b",
        _r_block, _I,
        core=_QUARTER_CORE,
        examples=(
            ("Rebels hold [three-quarters] of the province.", _FRI, None),
        ),
    ),
    # --- absolute dates ---------------------------------------------------
    _rule(
        "month_day",
        rf"{_WD_PREFIX}(?P<month>{_MONTH})\s*(?P<day>{_DAYNUM})(?:\s?,?\s*(?P<year>{_YEAR}))?{_PART_SUFFIX}",
        _r_month_day,
        core=_MONTH,
        examples=(
            ("A truce was reached on [December 15].", _FRI, "2016-12-15"),
            ("The vote is set for [March 3, 2017].", _FRI, "2017-03-03"),
            # the weekday says which year: 9 January 2017 is a Monday
            ("Talks resume on [Monday, January 9].", _FRI, "2017-01-09"),
        ),
    ),
    _rule(
        "day_month",
        rf"{_WD_PREFIX}(?:the\s+)?(?<![\d.,])(?P<day>{_DAYNUM})(?:\s+of)?\s+(?P<month>{_MONTH})"
        rf"(?:,?\s*(?P<year>{_YEAR})|\s+(?P<yy>[0-4]\d)(?=\s+[0-2]\d:[0-5]\d))?",
        _r_month_day,
        core=_MONTH,
        examples=(
            ("Fighting resumed on [15 December].", _FRI, "2016-12-15"),
            ("Hundreds have been held since [15 March].", "2017-01-20", "2016-03-15"),
            ("The camp opened on [the 2nd of June 2014].", _FRI, "2014-06-02"),
        ),
    ),
    # a day in words: "on the eighth of October 2023", "since March twenty-first"
    _rule(
        "ordinal_day",
        rf"{_WD_PREFIX}(?:[Tt]he\s+(?P<day>{_ORDINAL_DAY})\s+of\s+(?P<month>{_MONTH})"
        rf"|(?P<month2>{_MONTH})\s+(?:the\s+)?(?P<day2>{_ORDINAL_DAY})(?![-\w]|\s+(?:round|time|half|quarter|phase|stage|wave|place)\b))"
        rf"(?:,?\s*(?P<year>{_YEAR}))?{_PART_SUFFIX}",
        _r_month_day,
        core=_MONTH,
        examples=(
            ("The toll has risen since [the eighth of October 2023].", "2024-10-16", "2023-10-08"),
            ("Voting is on [the twenty-first of March].", "2024-02-10", "2024-03-21"),
            ("The march is on [Sunday, March eighth].", "1998-03-05", "1998-03-08"),
        ),
    ),
    # "from 19 to 21 December", "between 3 and 5 May", "on 3, 4 and 5 July", "June 19-21, 2012":
    # days of one month, one expression each.
    _rule(
        "day_range",
        rf"(?:the\s+)?(?<![\d.,:/$-])(?P<days>{_DAYNUM}(?:\s*,\s*(?:the\s+)?{_DAYNUM})*,?{_RANGE_LINK}"
        rf"(?:the\s+)?{_DAYNUM})(?:\s+of)?\s+(?P<month>{_MONTH})(?:,?\s*(?P<year>{_YEAR}))?",
        _r_day_range,
        core=_MONTH,
        examples=(
            ("Fighting raged from [19] to 21 December.", _FRI, "2016-12-19"),
            ("Talks are set for [3] and 4 January.", _FRI, "2017-01-03"),
            ("Voting ran on [the 19th] to the 21st of April 2012.", _FRI, "2012-04-19"),
        ),
    ),
    _rule(
        "month_day_range",
        rf"(?P<month>{_MONTH})\s*(?P<days>{_DAYNUM}(?:\s*,\s*{_DAYNUM})*,?{_RANGE_LINK}{_DAYNUM})"
        rf"(?:,?\s*(?P<year>{_YEAR}))?(?!\s+{_NOT_AFTER_DAY})",
        _r_day_range,
        core=_MONTH,
        examples=(
            ("The fair ran [April 19]-21, 2012.", _FRI, "2012-04-19"),
            ("Polls open on [June 3] and 4.", "2017-05-20", "2017-06-03"),
        ),
    ),
    _rule(
        "month_year",
        rf"(?P<month>{_MONTH}),?\s+(?:of\s+)?(?:(?P<year>{_YEAR})|(?P<rel>this|last|next)\s+year|(?P<syear>{_SPOKEN_YEAR}))",
        _r_month_year,
        core=_MONTH,
        examples=(
            ("The siege began in [July 2012].", _FRI, "2012-07"),
            ("Elections were held in [June last year].", _FRI, "2015-06"),
        ),
    ),
    _rule(
        "spoken_year",
        rf"\b(?:[Tt]he\s+year\s+)?(?P<syear>{_SPOKEN_YEAR})",
        _r_spoken_year,
        core=_ci("nineteen", "eighteen", "two thousand"),
        examples=(
            ("It was founded in [nineteen ninety-six], the host said.", _FRI, "1996"),
        ),
    ),
    _rule(
        "fiscal_year",
        r"\b(?:[Tt]he\s+)?(?:(?P<adj>current|full|latest|previous|prior|new|coming)\s+(?P<fiscal>fiscal\s+)?"
        r"|(?P<fiscal2>fiscal\s+))year\b(?!-)",
        _r_fiscal_year,
        core=_UNIT_CORE,
        examples=(
            ("Profit fell in [the fiscal year], the firm said.", _FRI, "2016"),
        ),
    ),
    _rule(
        "year_end",
        r"\b(?:[Tt]he\s+)?year(?:[- ]|['’]s\s+)end\b",
        # "since year-end": the last one, already past
        lambda m, st: ("DATE", f"{st.ref.year - bool(_SINCE.search(st.text, max(0, m.start() - 12), m.start())):04d}-12-31"),
        core=_UNIT_CORE,
        examples=(
            ("The deal should close by [year-end].", _FRI, "2016-12-31"),
            ("The index is up 12% since [year-end].", "2016-10-20", "2015-12-31"),
        ),
    ),
    _rule(
        "month",
        rf"(?:(?P<mod>(?:[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier this|[Ll]ater this)"
        rf"[\s-]+|[Mm]id-))?(?P<month>{_MONTH})(?!\.?[\s-]*\d)",
        _r_month,
        core=_MONTH,
        examples=(
            ("Protests erupted in [March].", _FRI, "2016-03"),
            ("The offensive began in [late November].", _FRI, "2016-11"),
            # a month not begun yet, in January: a past verb just before or "since" makes it last year's
            ("The uprising began in [March], activists say.", "2017-01-20", "2016-03"),
            ("More than 500 people have died since [March].", "2017-01-20", "2016-03"),
            ("A referendum could be held in [March], he said.", "2017-01-20", "2017-03"),
            ("The panel said a summit of leaders in [May] could settle it.", "2017-01-20", "2017-05"),
            ("The inspectors must report back by [November].", "2016-09-12", "2016-11"),
            # a month already over this year, in a clause about what is due: the coming one
            ("New talks are due in [October], the envoy said.", "2016-12-20", "2017-10"),
            ("The mission will end in [September].", "2016-12-20", "2017-09"),
            ("The record was set in [October].", "2016-12-20", "2016-10"),
        ),
    ),
    _rule(
        "numeric",
        r"(?<![\d/.-])(?:(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<y>\d{4}|\d{2})(?!\d)"
        r"|(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d))(?![\d/.-]\d)",
        _r_numeric,
        core=r"\d[/.-]\d",
        examples=(
            ("The decree is dated [15/12/2016].", _FRI, "2016-12-15"),
            ("The file was updated on [2016-12-20].", _FRI, "2016-12-20"),
            ("The decree is dated [3/4/12].", _FRI, "2012-04-03"),  # DMY, the default order
        ),
        doubt=lambda m, value: numeric_doubt(m.group(), value),
    ),
    _rule(
        "year",
        rf"(?<![\d$€£.,:/#])(?<![^\d]-)(?:(?P<mod>[Ff]iscal\s+|[Mm]id-|[Ee]arly\s+|[Ll]ate\s+|"
        rf"[Tt]he\s+(?:end|start|beginning|middle)\s+of\s+|[Tt]he\s+year\s+|[Pp]ost-|[Pp]re-))?(?P<year>{_YEAR})"
        rf"(?![.,]\d|%|-(?!(?:1[6-9]|20)\d\d\b)\d)"
        # "until 1994 or later", "for 1990 and beyond": open-ended, same value
        rf"(?:\s+(?:or\s+(?:later|earlier|before|after)|and\s+beyond)\b)?",
        _r_year,
        core=r"(?:1[6-9]|20)\d\d(?!\d)",
        examples=(
            ("The war began in [2011].", _FRI, "2011"),
            ("Output recovered in [mid-2014].", _FRI, "2014"),
        ),
    ),
    _rule(
        "decade",
        r"(?:\b[Tt]he\s+)?(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?:\b(?P<dec>1[89]\d|20\d)0s\b"
        r"|(?<=[Tt]he )(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?P<word>twenties|thirties|forties|fifties|sixties|"
        r"seventies|eighties|nineties)\b|['’](?P<short>[1-9])0s\b)",
        _r_decade,
        core=r"\d0s|(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies\b",
        examples=(
            ("The town grew in [the 1990s].", _FRI, "199"),
        ),
    ),
    _rule(
        "century",
        r"(?:\b[Tt]he\s+)?\b(?P<cent>\d{1,2}(?:st|nd|rd|th))[\s-]+century\b",
        _r_century,
        core=_ci("century"),
        examples=(
            ("The mosque dates from [the 12th century].", _FRI, "11"),
        ),
    ),
    # --- weekdays, times of day ----------------------------------------
    _rule(
        "weekday",
        rf"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his(?:\s+coming|\s+past)?|[Tt]he\s+previous|[Tt]he\s+following)\s+)?"
        rf"(?P<wd>{_WEEKDAY})(?:\s+(?P<part>{_PART}))?"
        # "Friday next week", "Monday of last week": the day of that week
        rf"(?:,?\s+(?:of\s+)?(?P<wk>next|last|this)\s+week\b)?",
        _r_weekday,
        core=_WEEKDAY,
        examples=(
            ("Shells fell on [Thursday].", _FRI, "2016-12-22"),
            ("The envoys will meet on [Tuesday].", _FRI, "2016-12-27"),
            ("He spoke [this past Sunday].", _FRI, "2016-12-18"),
            # "the next day" tells a story: no future cue
            ("The next day, on [Tuesday], the army withdrew.", _FRI, "2016-12-20"),
            # a possessive names what happened, unless it is a planned happening
            ("The ministers will respond to [Saturday]'s attack on the convoy.", _FRI, "2016-12-17"),
            ("The ministers will respond to [Saturday] 's attack .", _FRI, "2016-12-17"),
            ("The club will be without its captain for [Sunday]'s home game.", _FRI, "2016-12-25"),
            ("Envoys held talks ahead of [Wednesday]'s summit.", _FRI, "2016-12-28"),
            # what came before the dated future happening
            ("The winger will play on Sunday after signing on [Wednesday] from a rival club.", _FRI, "2016-12-21"),
            ("He will meet the envoy after landing on [Tuesday].", _FRI, "2016-12-27"),
            # a schedule in the present tense
            ("The envoy arrives in the capital on [Tuesday].", _FRI, "2016-12-27"),
            ("On [Tuesday] the envoy arrives in the capital.", _FRI, "2016-12-20"),
        ),
    ),
    _rule(
        "time",
        rf"\b(?:(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.?|[ap]m\b|[AP]M\b)"
        rf"|(?<![\d.])(?P<h2>[01]?\d|2[0-3]):?(?P<mi2>[0-5]\d)(?=\s*(?:GMT|UTC|local time|hours|hrs)\b)"
        rf"|(?P<noon>noon|midnight|midday)"
        # "at 4 in the morning", "at eleven at night"
        rf"|(?<=\b[Aa]t )(?P<h3>1[0-2]|[1-9]|{_CLOCK_WORDS})(?:\s+o['’]clock)?\s+"
        rf"(?P<dp>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)\b)"
        # "10:35 a.m. (0735 GMT)", "3 a.m. local time (01:00 GMT)": the same instant in GMT
        rf"(?:(?:\s+local\s+time)?\s*\(\s*(?P<gh>[01]?\d|2[0-3]):?(?P<gm>[0-5]\d)\s*(?:GMT|UTC)\s*\)"
        rf"|\s*\(\s*(?P<pzone>GMT|UTC)\s*(?:{_OFFSET.replace('P<', 'P<p')})?\s*\)"
        rf"|\s+(?:(?P<zone>GMT|UTC)\b(?:\s*(?:{_OFFSET}))?|[A-Z]{{1,4}}T\b|local time))?"
        rf"(?:,?\s+(?:on\s+)?(?P<dpart>(?P<month>{_MONTH})\s*(?P<day>{_DAYNUM})|(?P<day2>{_DAYNUM})\s+(?P<month2>{_MONTH})"
        rf"|(?P<wd>{_WEEKDAY})|(?P<rel>yesterday|today|tomorrow)))?",
        _r_time,
        core=r"[ap]\.?m\b|[AP]M\b|:\d\d|\d\d\s*(?:GMT|UTC|hrs|hours)|noon|midnight|midday|Noon|Midnight|"
             r"in the (?:morning|afternoon|evening)|at night",
        examples=(
            ("The blast came at [10:35 a.m.] near the market.", _FRI, "2016-12-23T10:35"),
            ("The curfew starts at [23:00 GMT] tonight.", _FRI, "2016-12-23T23:00Z"),
            ("The flight left at [0600 UTC].", _FRI, "2016-12-23T06:00Z"),
            ("The blast came at [9:15 a.m. (GMT+3)].", _FRI, "2016-12-23T09:15+03:00"),
            ("The blast came at [10:35 a.m. (0735 GMT)] Thursday.", _FRI, "2016-12-22T10:35+03:00"),
            ("Polls close at [8 p.m. local time (01:00 GMT)].", _FRI, "2016-12-23T20:00-05:00"),
            ("Troops pull back on 10 December; the truce starts at [06:00 local time on 12 December].", _FRI,
             "2016-12-12T06:00"),
            ("Polls closed at [8 p.m. EST], officials said.", _FRI, "2016-12-23T20:00"),
            ("The convoy will leave at [4 in the morning].", _FRI, "2016-12-23T04:00"),
            ("The raid began at [eleven at night on Tuesday].", _FRI, "2016-12-20T23:00"),
        ),
    ),
    # "shells fell at 14:30", "until 06:00": a 24-hour clock time after a
    # preposition (without one, "12:30" may be a score, a ratio or a verse).
    _rule(
        "clock",
        r"(?:(?<=\b[Aa]t )|(?<=\b[Bb]y )|(?<=\bfrom )|(?<=\buntil )|(?<=\bbefore )|(?<=\bafter )|(?<=\bsince ))"
        r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b(?![:.,]\d|\s*(?:[ap]\.?m\b|[AP]M\b|GMT|UTC))"
        # "at 13:45 20th Jan 2012": the date that follows is the time's
        rf"(?:,?\s+(?:on\s+)?(?P<day>{_DAYNUM})\s+(?P<month>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?)?",
        _r_clock,
        core=r":\d\d",
        examples=(
            ("Shells hit the square at [14:30], witnesses said.", _FRI, "2016-12-23T14:30"),
            ("The talks were adjourned on 12 December; they resumed at [09:15].", _FRI, "2016-12-12T09:15"),
            ("A reader wrote at [13:45 20th Jan 2012]: no.", _FRI, "2012-01-20T13:45"),
        ),
    ),
    _rule(
        "deictic_day",
        rf"(?:\b(?:[Ll]ate|[Ee]arly|[Ee]arlier|[Ll]ater)\s+|\b(?P<beyond>[Tt]he\s+day\s+(?:before|after))\s+"
        # "mid-afternoon yesterday", "late morning today": the part first
        rf"|\b(?:(?:[Ll]ate|[Ee]arly)\s+|[Mm]id-?)?(?P<part0>{_PART})\s+(?=(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\b))?"
        rf"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|"
        rf"[Ll]ast night|[Tt]his (?:morning|afternoon|evening))\b(?:\s+(?P<part>{_PART}))?",
        _r_deictic_day,
        core=_DEICTIC_CORE,
        examples=(
            ("The ministry said [yesterday] that 12 died.", _FRI, "2016-12-22"),
            ("Talks resume [tomorrow morning].", _FRI, "2016-12-24TMO"),
            ("Shares were up at [mid-afternoon yesterday].", _FRI, "2016-12-22TAF"),
            ("Talks failed. [Today] the envoy flew home.", _FRI, "2016-12-23"),
            ("The blast came [the day before yesterday].", _FRI, "2016-12-21"),
            ("Talks resume [the day after tomorrow].", _FRI, "2016-12-25"),
        ),
    ),
    # --- relative to the reference ------------------------------------
    _rule(
        "relative_unit",
        r"\b(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?P<rel>this|last|next|the coming|the current)\s+"
        r"(?P<unit>week|month|year|quarter|decade|century)\b",
        _r_relative_unit, _I,
        core=_UNIT_CORE,
        examples=(
            ("Aid arrived [earlier this week].", _FRI, "2016-W51"),
            ("Prices rose [last month].", _FRI, "2016-11"),
        ),
    ),
    _rule(
        "in_the_unit",
        r"\b(?:earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year)\b",
        _r_in_the_unit, _I,
        core=_UNIT_CORE,
        examples=(
            ("Talks stalled on December 15 but resumed [later in the day].", _FRI, "2016-12-15"),
        ),
    ),
    _rule(
        "boundary",
        r"\bthe\s+(?:very\s+)?(?:start|beginning|end|middle|turn|close)\s+of\s+"
        rf"(?:(?P<rel>the|this|last|next)\s+(?P<unit>week|month|year|decade|century)\b|(?P<year>{_YEAR})|(?P<month>{_MONTH}))",
        _r_boundary, _I,
        core=rf"(?:{_ci('start', 'beginning', 'end', 'middle', 'turn', 'close')})\s+of\b",
        examples=(
            ("Troops will leave by [the end of next month].", _FRI, "2017-01"),
        ),
    ),
    _rule(
        "iso_week",
        rf"\b(?:(?:[Cc]alendar|ISO)\s+)?[Ww]eek\s+(?P<wn>0?[1-9]|[1-4]\d|5[0-3])\b(?!\s*[-–/.,:]\s*\d)"
        rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?|\b(?P<iy>{_YEAR})-?W(?P<iw>[0-5]\d)\b"
        # "the week of March 6": the ISO week holding that day
        rf"|\b[Tt]he\s+week\s+of\s+(?P<month>{_MONTH})\s*(?P<day>{_DAYNUM})(?:,?\s*(?P<dyear>{_YEAR}))?",
        _r_iso_week,
        core=r"[Ww]eek\s+(?:\d|of\s)|\dW\d|-W\d",
        examples=(
            ("Output resumed in [week 52 of 2015].", _FRI, "2015-W52"),
            ("The plant will reopen in [week 2].", _FRI, "2017-W02"),
            ("The plant closed in [week 50].", "2017-01-03", "2016-W50"),
            ("Deliveries slipped to [2020-W53].", _FRI, "2020-W53"),
            ("A hearing is set for [the week of January 2].", _FRI, "2017-W01"),
            ("Deliveries slipped to [week 53] of 2016.", _FRI, None),  # 2016 has 52 ISO weeks: the year alone
        ),
    ),
    _rule(
        "weekend",
        r"\b(?P<rel>the|this past|this|last|next)\s+weekend\b",
        _r_weekend, _I,
        core=_ci("weekend"),
        examples=(
            ("Clashes flared over [the weekend], residents said.", _FRI, "2016-W50-WE"),
        ),
    ),
    _rule(
        "part_of_day",
        r"(?:(?<=\bin )|(?<=\bduring )|(?<=\b[Bb]y )|(?<=\bat )|(?<=\buntil ))(?:the\s+)?"
        r"(?:[Mm]id[- ]?|[Ee]arly\s+|[Ll]ate\s+)?(?P<unit>morning|afternoon|evening)\b(?!\s+(?:of|after|before)\b)",
        _r_part_of_day,
        core=_ci("morning", "afternoon", "evening"),
        examples=(
            ("Sirens sounded in [the morning].", _FRI, "2016-12-23TMO"),
        ),
    ),
    _rule(
        "overnight",
        r"\b[Oo]vernight\b(?!\s+(?:stay|stays|bag|flight|flights|train|trains|success|sensation|trip|shift))",
        _r_overnight,
        core=_ci("overnight"),
        examples=(
            ("Airstrikes [overnight] killed 12 people.", _FRI, "2016-12-22TNI"),
            ("On Tuesday, monitors said 12 people died in raids [overnight].", _FRI, "2016-12-19TNI"),
            ("Shelling went on [overnight] and into Wednesday.", _FRI, "2016-12-20TNI"),
        ),
    ),
    _rule(
        "dawn",
        r"(?:(?<=\bat\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s))"
        r"(?P<unit>dawn|daybreak|dusk|nightfall)\b",
        lambda m, st: ("TIME", f"{_iso(st.clock_day(m.start(), m.end()))}T{_PARTS_OF_DAY[m['unit']]}"),
        core=_ci("dawn", "daybreak", "dusk", "nightfall"),
        examples=(
            ("The raid began at [dawn].", _FRI, "2016-12-23TMO"),
        ),
    ),
    _rule(
        "ago",
        rf"\b(?:(?:{_QUAL})?(?P<n>{_NUMX})(?P<half>\s+1/2|[\s-]and[\s-]a[\s-]half)?\s+(?P<unit>{_UNIT})s?"
        rf"(?P<half2>\s+and\s+a\s+half)?|(?P<units>years|months|weeks|days|hours|decades))\s+ago\b",
        _r_ago, _I,
        core=r"ago\b",
        derived=True,
        examples=(
            ("The town fell [two days ago].", _FRI, "2016-12-21"),
            ("The road was cut [six weeks ago].", _FRI, "2016-W45"),
            ("The troops withdrew [three and a half years ago].", "2016-05-18", "2012-11"),
            # only "a year ago" compares with the quarter just reported
            ("Profit rose in the third quarter from [a year ago].", _FRI, "2015-Q3"),
            ("Sales fell in the third quarter. [Fourteen years ago], the firm was small.", _FRI, "2002"),
        ),
    ),
    # --- anchored on the last date mentioned ----------------------------
    _rule(
        "anchored_shift",
        rf"\b(?P<n>{_NUM_EXACT})\s+(?P<unit>{_UNIT})s?\s+(?P<dir>later|earlier|afterwards?|before(?=\s*[,.;]))",
        _r_anchored_shift, _I,
        core=_ci("later", "earlier", "afterward", "before"),
        derived=True,
        examples=(
            ("The talks opened on May 2; [two days later] they collapsed.", _FRI, "2016-05-04"),
            ("Sales fell in the third quarter of 2012. [Two years later], the firm was sold.", _FRI, "2014"),
        ),
    ),
    _rule(
        "next_unit",
        r"\bthe\s+(?:(?P<word>next|following|previous|preceding|prior)\s+(?P<unit>day|week|month|year|morning|evening|night|afternoon)\b(?:\s+or\s+so\b)?"
        r"|(?P<unit2>day|night|week|month|year)\s+(?P<word2>before|after)(?=\s*[,.;]))",
        _r_next_unit, _I,
        core=_UNIT_CORE + "|" + _ci("morning", "afternoon", "evening", "night"),
        derived=True,
        examples=(
            ("The mayor was seized on June 3 and freed [the next day].", _FRI, "2016-06-04"),
        ),
    ),
    # "for a second day", "the third straight day of protests": the day reported on
    _rule(
        "nth_day",
        r"\b(?:[Tt]he|[Aa])\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))"
        r"\s+(?:(?:straight|consecutive|successive)\s+)?day\b(?!s|-)",
        lambda m, st: ("DATE", st.ref.isoformat()),
        core=_UNIT_CORE,
        derived=True,
        examples=(
            ("Clashes went on for [a second day] in the old city.", _FRI, _FRI),
        ),
    ),
    _rule(
        "that_unit",
        rf"\b(?:(?:earlier|later)\s+)?(?:that|the same)\s+(?P<unit>day|week|month|quarter|year|{_PART})\b",
        _r_that_unit, _I,
        core=rf"(?:{_ci('that', 'same')})\s",
        derived=True,
        examples=(
            ("A convoy left on June 3; [later that day] it was shelled.", _FRI, "2016-06-03"),
        ),
    ),
    # --- durations ------------------------------------------------------
    _rule(
        "duration",
        rf"\b(?:{_QUAL}|the\s+(?:past|last|next|previous|coming|first|final|following|remaining|latest)\s+|the\s+)?"
        rf"(?:between\s+)?(?:(?P<lo>{_NUMX})\s*(?:to|or|and|-|–)\s*)?"
        rf"(?P<n>{_NUMX})(?P<half>\s+1/2|[\s-]and[\s-]a[\s-]half)?"
        rf"(?:(?P<hy>-)|\s+(?:(?:more|straight|consecutive|successive|full|whole|long|additional|further|"
        rf"trading|business|working|school)\s+)?)"
        rf"(?P<unit>{_UNIT})s?\b(?!-old|\s+old)"
        rf"(?P<half2>\s+and\s+a\s+half\b)?(?:\s+or\s+so\b)?",
        _r_duration, _I,
        core=_UNIT_CORE,
        examples=(
            ("The siege lasted [five years].", _FRI, "P5Y"),
            ("No shells fell for [at least 72 hours].", _FRI, "PT72H"),
            ("He won the race in [9.88 seconds].", _FRI, "PT9.88S"),
            ("The vote count took [2.5 days].", _FRI, "P2.5D"),
            ("The monitors' mandate was extended for [another month].", _FRI, "P1M"),
        ),
    ),
    _rule(
        "duration_compound",
        rf"\b{_QUAL}?(?P<n>{_NUMX})\s+(?P<unit>year|week|day|hour|minute)s?\s+and\s+"
        rf"(?P<n2>{_NUMX})\s+(?P<unit2>month|day|hour|minute|second)s?\b",
        _r_duration_compound, _I,
        core=_UNIT_CORE,
        examples=(
            ("The hearing lasted [an hour and 40 minutes].", _FRI, "PT1H40M"),
            ("He was held for [two years and three months].", _FRI, "P2Y3M"),
            ("The march took [one week and two days].", _FRI, "P9D"),
            # a coarser unit after "and" is no compound: "[10 minutes] and 2 hours" are two
            ("The trips took [between 10 minutes] and 2 hours.", _FRI, "PT10M"),
        ),
    ),
    _rule(
        "duration_past",
        rf"\b(?:the\s+(?:past|last|coming|next|previous)|coming(?=\s+\w+s\b)|recent(?=\s+(?:months|quarters)))\s+"
        rf"(?P<unit>{_UNIT}s?|weekend)\b(?!\s+ago)"
        rf"|\bthe\s+(?P<unit_ahead>(?:days|weeks|months|years|decades))\s+ahead\b",
        _r_duration_past, _I,
        core=_UNIT_CORE,
        examples=(
            ("Hundreds fled in [the past year].", _FRI, "2015"),
            ("More talks are planned in [the coming months].", _FRI, "PXM"),
        ),
    ),
    _rule(
        "duration_plural",
        r"(?:(?:(?<=\b[Ff]or\s)|(?<=\bover\s)|(?<=\bin\s)|(?<=\b[Ww]ithin\s)|(?<=\bafter\s)|(?<=\btook\s)"
        r"|(?<=\btake\s)|(?<=\btakes\s)|(?<=\btaking\s)|(?<=\blasted\s)|(?<=\bspent\s)|(?<=\bfollows\s)|(?<=\bfollowed\s)|(?<=\b[Oo]ver the\s)|(?<=\b[Ii]n the\s))"
        r"(?:many\s+|several\s+|some\s+)?"
        r"(?P<unit>years|months|weeks|days|hours|minutes|decades|centuries)\b(?!\s+ago\b)"
        # "within weeks or months": one vague span, valued by its first unit
        r"(?:\s+or\s+(?:years|months|weeks|days|hours|decades)\b(?!\s+ago))?"
        r"|(?P<unit2>[Yy]ears|[Mm]onths|[Ww]eeks|[Dd]ecades"
        # "days of shelling" only as a stretch of time: never "the bloodiest days of the revolt"
        r"|(?:(?<=\bof\s)|(?<=\bamid\s)|(?<=\bduring\s)|(?<=\bdespite\s)|(?<=\bseen\s)|(?<=\bsaw\s)"
        r"|(?<=\bendured\s)|(?<=\bexperienced\s)|(?<=\bdescribed\s)|(?<![\w,] ))[Dd]ays)"
        r"(?=\s+of\s+(?!the\b|his\b|her\b|their\b|its\b|our\b|my\b|this\b|that\b))"
        # "came hours after the blast", "just days before the vote"; not "the days before" (a period, not a span)
        r"|(?<![,\d] )(?<!\b[Tt]he )(?<!\b[Tt]hose )(?<!\b[Tt]hese )(?<!\bfirst )(?<!\bfinal )(?<!\blast )"
        r"\b(?P<unit3>[Mm]inutes|[Hh]ours|[Dd]ays|[Ww]eeks|[Mm]onths|[Yy]ears|[Dd]ecades)(?=\s+(?:after|before|later|earlier)\b))",
        _r_plural_duration,
        core=_UNIT_CORE,
        examples=(
            ("The talks could take [years].", _FRI, "PXY"),
            ("The town fell after [weeks] of shelling.", _FRI, "PXW"),
            ("The strike came [hours] after the vote.", _FRI, "PTXH"),
            ("The jet crashed [minutes] after take-off.", _FRI, "PTXM"),
            ("Within [hours], the town fell.", _FRI, "PTXH"),
            ("The town has endured [days] of shelling.", _FRI, "PXD"),
        ),
    ),
    _rule(
        "duration_period",
        rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<n>{_NUMX})-(?P<unit>{_UNIT})\s+(?:period|term|span|stretch|window|timeframe)\b",
        lambda m, st: ("DURATION", _duration(_num(m["n"]), m["unit"])),
        core=_UNIT_CORE,
        examples=(
            ("Both sides agreed to [a 30-day period] of calm.", _FRI, "P30D"),
        ),
    ),
    _rule(
        "duration_half",
        r"\b(?:(?:[Hh]alf\s+an?|[Aa]\s+half)[\s-]+(?P<unit>hour|day|year|century|decade|minute)"
        r"|(?P<q>[Aa]\s+quarter)(?:\s+of\s+an?\s+|[\s-]+)(?P<unit2>century|hour))\b",
        _r_duration_half,
        core=_QUARTER_CORE,
        examples=(
            ("The shelling went on for [half an hour].", _FRI, "PT30M"),
            ("He spent [a quarter of a century] in exile.", _FRI, "P25Y"),
        ),
    ),
    _rule(
        "duration_long",
        rf"\b(?:(?P<n>{_NUMX})-)?(?P<unit_text>(?P<unit>{_UNIT})s?)-(?:long|old)\b",
        _r_duration_long,
        _I,
        core=r"-long|-old",
        examples=(
            ("The city's [decades-long] decline continued.", _FRI, "PXY"),
        ),
    ),
    # "For the year, sales rose": the year (week) in question, in financial
    # and market copy; "the year-ago quarter", "the year ended ..." are other rules'.
    _rule(
        "the_unit",
        r"(?:(?<=\b[Ff]or\s)|(?<=\bof\s)|(?<=\bduring\s)|(?<=\bthrough\s))[Tt]he\s+(?P<unit>week|year)\b"
        r"(?![-\w]|\s+(?:ago|earlier|before|after|ended|ending|to|of|in|that|when|which|\d))",
        _r_the_unit,
        core=_ci("week", "year"),
        examples=(
            ("For [the year], exports fell by a fifth.", _FRI, "2016"),
        ),
    ),
    _rule(
        "year_ended",
        r"\b[Tt]he\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending)\b)",
        lambda m, st: ("DURATION", "P1Y"),
        core=_UNIT_CORE,
        examples=(
            ("Revenue rose in [the year] ended June 30.", _FRI, "P1Y"),
        ),
    ),
    _rule(
        "quarter",
        rf"(?:\b(?P<the>[Tt]he\s+)?(?:(?P<rel>[Tt]his year's|[Ll]ast year's|[Nn]ext year's|year-ago|year-earlier)\s+)?"
        rf"(?:(?P<year0>{_YEAR})\s+)?(?:[Ff]iscal[\s-]+)?)?"
        rf"\b(?P<ord>[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th|[Ff]inal|[Ll]ast)[\s-]+"
        rf"(?P<qh>quarter|half)\b(?:\s+of\s+(?:[Ff]iscal\s+)?(?:(?P<year>{_YEAR})|(?P<rel2>last|this|next)\s+year\b))?",
        _r_quarter,
        core=_QUARTER_CORE,
        examples=(
            ("Profit fell in [the third quarter].", _FRI, "2016-Q3"),
            ("Sales rose in [the first half of 2015].", _FRI, "2015-H1"),
            ("Output fell in [the second half of last year].", _FRI, "2015-H2"),
            ("The firm expects a recovery in [the first quarter].", _FRI, "2017-Q1"),
            ("The firm expects a recovery in [the fourth quarter].", "2016-05-18", "2016-Q4"),
            ("The firm lost money in [the third quarter].", "2016-05-18", "2015-Q3"),
        ),
    ),
    _rule(
        "quarter_code",
        rf"\b(?:(?P<code>[QH][1-4])\s+(?:of\s+)?(?P<year>{_YEAR})"
        rf"|(?:(?<=\bin\s)|(?<=\bfor\s)|(?<=\bduring\s)|(?<=\bby\s))(?P<code2>[QH][1-4])\b)",
        _r_quarter_code,
        core=r"\b[QH][1-4]\b",
        examples=(
            ("Profit rose in [Q3 2012].", _FRI, "2012-Q3"),
            ("Sales fell in [H1 2013].", _FRI, "2013-H1"),
            ("Profit rose in [Q3], the firm said.", _FRI, "2016-Q3"),
            ("The firm expects a recovery in [Q1].", _FRI, "2017-Q1"),
        ),
    ),
    _rule(
        "month_span",
        rf"\b(?:[Tt]he\s+)?(?P<m1>{_MONTH})\s*[-–]\s*(?P<m2>{_MONTH})\s+(?:(?P<year>{_YEAR})\s+)?(?:quarter|period|half)\b",
        _r_month_span,
        core=_MONTH,
        examples=(
            ("The retailer swung to a loss in [the April-June quarter].", "2016-08-10", "2016-Q2"),
            ("Growth slowed in [the July-September period].", _FRI, "2016-Q3"),
            ("Exports rose in the [January]-May period.", _FRI, "2016-01"),
        ),
    ),
    _rule(
        "quarter_ref",
        rf"\b(?:the|this|its)\s+(?:(?P<adj>latest|current|most recent|just-ended|recent|same)\s+)?"
        rf"(?:(?P<year>{_YEAR})\s+)?(?:fiscal\s+)?(?P<noun>quarter|period)\b(?!\s+a\s+year|-)"
        rf"(?:(?=\s+(?:ended|ending)\s+(?P<qmonth>{_MONTH}))|)",
        _r_quarter_ref, _I,
        core=_QUARTER_CORE,
        examples=(
            ("Profit fell in the third quarter; in [the quarter], sales slid.", _FRI, "2016-Q3"),
            ("Shells hit [the quarter] of Bab Amr.", _FRI, None),
            ("Troops shelled the town. Footage from [the same quarter] showed bodies.", _FRI, None),
        ),
    ),
    _rule(
        "same_period",
        rf"\bthe\s+(?:same|corresponding|comparable)\s+period\b(?:\s+(?:(?P<last>last)\s+year\b|(?:of|in)\s+(?P<year>{_YEAR})))?",
        _r_same_period,
        core=_QUARTER_CORE,
        derived=True,
        examples=(
            ("Deaths rose in the first half of this year, up a third on [the same period last year].", _FRI,
             "2015-H1"),
            ("Deaths fell from the first half of 2015, up a third on [the same period last year].", _FRI, "2015-H1"),
            ("Exports fell in June from 181 in [the same period of 2015].", _FRI, "2015-06"),
            ("Profit rose in the third quarter; in [the same period], sales slid.", _FRI, "2016-Q3"),
        ),
    ),
    # The same, a year back: kept apart because its value is derived.
    _rule(
        "quarter_ago",
        r"\b(?:(?:the|its)\s+(?P<adj>year-ago|year-earlier|comparable|comparable year-ago|year-before|"
        r"prior-year|corresponding)\s+(?P<noun>quarter|period)\b|last year's\s+(?P<noun2>quarter|period)\b"
        r"|the\s+(?:same\s+)?(?P<noun3>quarter|period)\s+(?:a|one)\s+year\s+(?:ago|earlier|before|previously))",
        _r_quarter_ago,
        _I,
        core=_QUARTER_CORE,
        derived=True,
        examples=(
            ("Profit fell in the third quarter from [the year-ago quarter].", _FRI, "2015-Q3"),
            ("Sales in the first quarter beat [the same quarter a year before].", _FRI, "2015-Q1"),
        ),
    ),
    _rule(
        "year_adj",
        r"\b(?:year-earlier|year-ago)\b(?!\s+(?:quarter|period))",
        _r_year_adj, _I,
        core=_UNIT_CORE,
        derived=True,
        examples=(
            ("Profit fell in the third quarter, below the [year-earlier] level.", _FRI, "2015-Q3"),
        ),
    ),
    _rule(
        "season",
        rf"\b(?:(?P<rel>this past|this|last|next|early|late|earlier this|later this|the early|the late|the)\s+)?"
        rf"(?P<season>spring|summer|autumn|winter|fall)(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?\b",
        _r_season, _I,
        core=_ci("spring", "summer", "autumn", "winter", "fall"),
        examples=(
            ("The offensive stalled [last fall].", _FRI, "2016-FA"),
            ("The dam was finished in [the summer of 2012].", _FRI, "2012-SU"),
        ),
    ),
    _rule(
        "holiday",
        rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?\b(?P<hol>{_HOLIDAY_NAMES})(?:\s+(?P<year>(?:19|20)\d\d))?\b",
        _r_holiday,
        core=_HOLIDAY_NAMES,
        examples=(
            ("Families gathered on [Christmas Eve].", _FRI, "2016-12-24"),
            ("Polls open on [Election Day].", "2016-10-20", "2016-11-08"),
            ("Crowds marched on [Labor Day].", "2016-10-20", "2016-09-05"),
            ("The market was shut for [last Easter].", _FRI, "2016-03-27"),
        ),
    ),
    _rule(
        "lunar_holiday",
        r"(?P<part>[Tt]he\s+(?:start|beginning|first\s+day|end|last\s+day)\s+of\s+)?(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?"
        r"(?:(?:[Tt]he\s+)?(?:(?:holy|fasting|Muslim|Islamic)\s+)*month\s+of\s+)?"
        r"\b(?P<hname>Rama[dz]h?an|RAMADAN|Eid(?:[\s-]+(?:[Aa]l|[Uu]l|[Ee]l|[Ee])[\s-]*(?:Fitri?|Adha|Azha|Kabir|Kebir|Saghir|Sagheer)"
        r"|[\s-]+(?:al|ul|el)[\s-]*(?:Fitri?|Adha|Azha|Kabir|Kebir|Saghir|Sagheer|fitri?|adha|azha))?|Ash(?:ou|o|u)ra|"
        r"(?:Islamic|Hijri|Muslim|Jewish)\s+New\s+Year|Passover|Pesach|Rosh\s+Hashanah?|Yom\s+Kippur(?!\s+[Ww]ar)|"
        r"C?[Hh]anukk?ah|Purim|Sukkot|Succot)\b(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?",
        _r_lunar,
        # literals only: the scan for an alternation with optional parts was 7x slower
        core=r"holy month of Rama|fasting month of Rama|month of Rama|Ramad|Ramaz|RAMADAN|Eid|Ashura|Ashoura|Ashora|"
             r"Islamic New Year|Hijri New Year|Muslim New Year|Jewish New Year|Passover|Pesach|Rosh|Yom|Hanuk|hanuk|"
             r"Purim|Sukkot|Succot",
        examples=(
            ("The truce broke down during [Ramadan].", "2013-08-20", "2013-07"),
            ("Shops closed for [Eid al-Fitr].", "2013-08-20", "2013-08-08"),
            ("Talks will resume after [Eid al-Adha].", "2013-08-20", "2013-10-15"),
            ("Attacks rose in [the holy month of Ramadan 2012].", "2013-08-20", "2012-08"),
            ("Prices rose at [the start of Ramadan].", "2013-08-20", "2013-07-09"),
            ("Families gathered for [Passover].", "2013-04-10", "2013-03-26"),
        ),
    ),
    _rule(
        "ref",
        r"\b(?P<ref>(?:[Rr]ight\s+)?[Nn]ow|[Cc]urrently|(?:[Mm]ore\s+)?[Rr]ecently|[Aa]t present|[Nn]owadays|[Tt]hese days|[Tt]he present|"
        r"[Rr]ecently|[Rr]ecent (?:years|days|weeks)|[Tt]he near future|[Aa]s soon as possible|(?<!the )[Pp]ast years|"
        rf"[Tt]he future|[Tt]he past(?!\s+(?:\d|few\b|several\b|couple\b|many\b|{_NUMWORD}\b))|[Cc]urrent|[Tt]he (?:near|short|long)(?:er)? term)\b(?![-'’])",
        _r_ref,
        core=_ci("now", "current", "present", "days", "recent", "future", "past", "term", "possible"),
        examples=(
            ("The city is [now] quiet.", _FRI, "PRESENT_REF"),
            ("Talks are planned in [the near future].", _FRI, "FUTURE_REF"),
        ),
    ),
    _rule(
        "set",
        # "twice yearly": the count before the adverb is part of it
        rf"\b(?:(?:(?:once|twice|{_NUMWORD}\s+times)\s+)?"
        rf"(?P<set>daily|weekly|monthly|annually|yearly|hourly|nightly|fortnightly|biweekly|semiannually"
        rf"|biannually)\b(?!\s+[A-Z])"
        rf"|(?P<set2>[Ee]very|[Ee]ach)\s+(?P<unit>day|week|month|quarter|year|hour|{_WEEKDAY}|{_PART}|"
        rf"spring|summer|autumn|winter|January|February|March|April|May|June|July|August|September|"
        rf"October|November|December)\b(?:\s+(?P<part>{_PART})\b)?)",
        _r_set,
        core=_ci("daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "fortnightly", "biweekly",
                 "semiannually", "biannually", "every", "each"),
        examples=(
            ("The ministry issues a [daily] bulletin.", _FRI, "P1D"),
            ("Markets open [every Thursday].", _FRI, "XXXX-WXX-4"),
            ("The council meets [twice yearly].", _FRI, "P1Y"),
            ("The imam preaches [every Friday night].", _FRI, "XXXX-WXX-5TNI"),
        ),
    ),
    _rule(
        "weekends",
        r"\b[Ww]eekends\b",
        lambda m, st: ("SET", "XXXX-WXX-WE"),
        core=r"[Ww]eekends",
        examples=(
            ("The market is busiest at [weekends].", _FRI, "XXXX-WXX-WE"),
        ),
    ),
    _rule(
        "weekdays",
        rf"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:s\b|\s+(?P<part>{_PART})s\b)",
        _r_weekdays,
        core=r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday",
        examples=(
            ("The market is closed on [Fridays].", _FRI, "XXXX-WXX-5"),
        ),
    ),
    _rule(
        "frequency",
        rf"\b(?:(?P<freq>once|twice|{_NUMWORD}\s+times|\d+\s+times|(?:a\s+)?(?:couple|few)\s+(?:of\s+)?times"
        rf"|(?:several|many)\s+times)\s+(?:a|an|per|every|each)\s+"
        # "every two to three weeks": valued by the first number
        rf"|[Ee]very\s+(?P<n>{_NUMWORD}|\d+|other)\s+(?:(?:to|or)\s+(?:{_NUMWORD}|\d+)\s+)?)"
        rf"(?P<unit>day|week|month|year|hour|minute)s?\b",
        _r_frequency,
        core=_ci("once", "twice", "times", "every"),
        examples=(
            ("Convoys run [twice a week].", _FRI, "P1W"),
            ("Patrols pass [a couple of times a week].", _FRI, "P1W"),
            ("Aid arrives [every two to three weeks].", _FRI, "P2W"),
            ("A bus leaves [every 15 minutes].", _FRI, "PT15M"),
        ),
    ),
)

_RULES_BY_NAME = {rule.name: rule for rule in _RULES}


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


_MAX_WORDS_BEFORE_CORE = 6
_OPENERS = "(\"'“‘["


def _starts_before(text: str, pos: int) -> list[int]:
    """``pos`` and the starts of up to six words before it on the same line,
    farthest first: where a match containing the token at ``pos`` may begin."""
    starts = [pos]
    i = pos
    # The core may sit inside a token ("mid-1990s", "(17)"): its start too.
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    if j < i:
        starts.append(j)
        if text[j] in _OPENERS:
            starts.append(j + 1)
        i = j
    for _ in range(_MAX_WORDS_BEFORE_CORE):
        k = i
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k == i or k == 0 or pos - k > 60:
            break
        j = k
        while j > 0 and not text[j - 1].isspace():
            j -= 1
        starts.append(j)
        if text[j] in _OPENERS:
            starts.append(j + 1)
        i = j
    starts.reverse()
    return starts


def _matches(
    rule: _Rule,
    text: str,
    cores: dict[str, list[tuple[int, int]]],
    starts_cache: dict[int, list[int]],
) -> Iterator[re.Match[str]]:
    """Every match of ``rule`` in ``text`` (possibly overlapping).

    ``cores`` caches core positions and ``starts_cache`` candidate starts,
    both shared by the rules of one text.
    """
    if rule.core is None:
        yield from rule.pattern.finditer(text)
        return
    match = rule.pattern.match
    seen_end = -1
    spans = cores.get(rule.core.pattern)
    if spans is None:
        spans = cores[rule.core.pattern] = needles.spans(rule.core, text)  # by str.find where the core is only strings (issue 11)
    for cs, ce in spans:
        if ce <= seen_end:
            continue  # inside the last match already found
        starts = starts_cache.get(cs)
        if starts is None:
            starts = starts_cache[cs] = _starts_before(text, cs)
        for p in starts:
            m = match(text, p)
            if m is not None and m.end() >= ce:
                seen_end = m.end()
                yield m
                break


def core_scan_misses(rule: _Rule, text: str) -> list[str]:
    """Matches of ``rule`` in ``text`` that the core scan (:func:`_matches`)
    would not find: the pattern matches but its core is missing or more than
    ``_MAX_WORDS_BEFORE_CORE`` words after the match's start. Empty for a
    sound rule.

    >>> core_scan_misses(_RULES_BY_NAME["ago"], "It happened two days ago.")
    []
    """
    found = [m.span() for m in _matches(rule, text, {}, {})]
    return [
        m.group()
        for m in rule.pattern.finditer(text)
        if m.end() > m.start() and not any(s <= m.start() and m.end() <= e for s, e in found)
    ]


Candidate = tuple[int, int, int, re.Match[str]]  # start, end, rule index, match


def _candidates(text: str) -> list[Candidate]:
    """Every match of every rule, best first: longest, then earliest rule."""
    cands: list[Candidate] = []
    cores: dict[str, list[tuple[int, int]]] = {}
    starts: dict[int, list[int]] = {}
    for i, rule in enumerate(_RULES):
        for m in _matches(rule, text, cores, starts):
            if m.end() > m.start():
                cands.append((m.start(), m.end(), i, m))
    cands.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    return cands


def _select(cands: list[Candidate], size: int, rejected: set[int]) -> list[Candidate]:
    """Non-overlapping candidates, best first, skipping ``rejected`` ones; in text order."""
    taken: list[Candidate] = []
    occupied = bytearray(size + 1)
    for k, c in enumerate(cands):
        start, end = c[0], c[1]
        if k in rejected or any(occupied[start:end]):
            continue
        occupied[start:end] = b"\x01" * (end - start)
        taken.append(c)
    taken.sort(key=lambda c: c[0])
    return taken


# TIMEX3 ``mod`` from the words an expression starts with.
_MODS = (
    (re.compile(r"(?:early|earlier|the (?:very )?(?:start|beginning) of)\b", re.I), "START", ("DATE", "TIME")),
    (re.compile(r"(?:late|later|the (?:very )?(?:end|close) of)\b", re.I), "END", ("DATE", "TIME")),
    (re.compile(r"(?:mid\b|mid-|the middle of\b)", re.I), "MID", ("DATE", "TIME")),
    (re.compile(r"at least\b|no less than\b", re.I), "EQUAL_OR_MORE", ("DURATION",)),
    (re.compile(r"more than\b", re.I), "MORE_THAN", ("DURATION",)),
    (re.compile(r"(?:less|fewer) than\b", re.I), "LESS_THAN", ("DURATION",)),
    (re.compile(r"(?:at most|up to|no more than|nearly|almost)\b", re.I), "EQUAL_OR_LESS", ("DURATION",)),
)


def _mod(text: str, ttype: str) -> str | None:
    """The TIMEX3 ``mod`` of an expression: which part of its period it names.

    >>> _mod("early 2014", "DATE"), _mod("late 2009", "DATE"), _mod("the end of this month", "DATE")
    ('START', 'END', 'END')
    >>> _mod("mid-2014", "DATE"), _mod("at least a week", "DURATION"), _mod("2014", "DATE")
    ('MID', 'EQUAL_OR_MORE', None)
    """
    for pattern, mod, types in _MODS:
        if ttype in types and pattern.match(text):
            return mod
    return None


def _resolve(text: str, state: _State, chosen: list[Candidate]) -> tuple[list[Timex], list[Candidate]]:
    """Normalise the chosen spans left to right; also return those whose
    resolver declined ("May" as a verb), so that a shorter reading can win."""
    out: list[Timex] = []
    declined: list[Candidate] = []
    for cand in chosen:
        start, end, rule_idx, m = cand
        rule = _RULES[rule_idx]
        resolved = rule.resolve(m, state)
        if resolved is None:
            if rule.resolve is not _r_block:
                declined.append(cand)
            continue
        pieces: list[Piece]
        if isinstance(resolved, list):  # the resolver split the span
            pieces = resolved
        elif len(resolved) == 4:  # the resolver narrowed the extent
            pieces = [resolved]  # type: ignore[list-item]
        else:
            pieces = [(resolved[0], resolved[1], start, end)]
        for ttype, value, start, end in pieces:
            # Trim a trailing space or comma a pattern may have taken.
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            out.append(Timex(start=start, end=end, text=text[start:end], type=ttype, value=value,
                             mod=_mod(text[start:end], ttype), doubt=rule.doubt(m, value) if rule.doubt else None))
            gran = _granularity(value)
            if ttype in ("DATE", "TIME") and gran is not None:
                state.history.append((value, gran, rule.derived))
                state.history_ends.append(end)
                state.history_starts.append(start)
    return out, declined


def find_timexes(
    text: str, reference: dt.date, *, date_order: DateOrder = "DMY", years: tuple[int, int] | None = None
) -> list[Timex]:
    """Find and normalise the temporal expressions of ``text``.

    ``reference`` is the publication date; ``date_order`` decides
    all-numeric dates where both readings are valid ("03/04/2016").
    ``years`` (TIMELINE_YEAR_RANGE), when given, drops timexes outside those
    years (``outside_years``); ``events`` reports them. Returns timexes
    sorted by start, non-overlapping.

    >>> [t.value for t in find_timexes("Shells fell on Thursday.", dt.date(2016, 12, 23))]
    ['2016-12-22']
    >>> [t.value for t in find_timexes("He said it last week.", dt.date(2016, 12, 23))]
    ['2016-W50']
    """
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    out = list(_sentence_timexes(text, reference, date_order)) if len(text) <= _SENTENCE_CHARS else _tag(text, reference, date_order)
    if years is not None:
        return [t for t in out if not outside_years(t, years)]
    return out


# A sentence is tagged again for each count that reads its window (tallies): short texts are cached (issue 11).
_SENTENCE_CHARS = 2000


@lru_cache(maxsize=512)
def _sentence_timexes(text: str, reference: dt.date, date_order: DateOrder) -> tuple[Timex, ...]:
    return tuple(_tag(text, reference, date_order))


def _tag(text: str, reference: dt.date, date_order: DateOrder) -> list[Timex]:
    """``find_timexes`` without the cache and the year filter."""
    cands = _candidates(text)
    index = {id(c): k for k, c in enumerate(cands)}
    rejected: set[int] = set()
    for _ in range(4):
        state = _State(text=text, ref=reference, date_order=date_order)
        out, declined = _resolve(text, state, _select(cands, len(text), rejected))
        if not declined:
            break
        # A declined span may hide a valid shorter reading: drop it and redo.
        rejected.update(index[id(c)] for c in declined)
    return out


_VALUE_YEARS = re.compile(r"^(\d{2,4})(?!\d)")


def outside_years(timex: Timex, years: tuple[int, int]) -> bool:
    """Whether a timex's value lies wholly outside ``years`` (TIMELINE_YEAR_RANGE): a date the site
    can't place, reported rather than used. A decade ("209": the 2090s) or century ("19") counts
    when any of its years is inside; durations and values without a year never are outside.

    >>> [outside_years(Timex(0, 0, "", "DATE", v), (1900, 2100)) for v in ("1650-01-01", "2016-W50", "189", "190", "21", "P3D")]
    [True, False, True, False, False, False]
    """
    m = _VALUE_YEARS.match(timex.value or "")
    if m is None:
        return False
    digits = m[1]
    first = int(digits) * 10 ** (4 - len(digits))
    last = first + 10 ** (4 - len(digits)) - 1
    return last < years[0] or first > years[1]


_DECADE = re.compile(r"(\d{3})X?")
_CENTURY = re.compile(r"(\d{2})")


def event_date(timex: Timex) -> tuple[str, Granularity] | None:
    """The ISO date an event described with ``timex`` is dated at, and its granularity.

    >>> event_date(Timex(0, 8, "Thursday", "TIME", "2016-12-22TNI"))
    ('2016-12-22', 'day')
    >>> event_date(Timex(0, 4, "2016", "DATE", "2016"))
    ('2016', 'year')
    >>> event_date(Timex(0, 6, "3 days", "DURATION", "P3D")) is None
    True

    Seasons and halves are dated at their year; decades as ``"1990"`` with
    granularity ``decade``, centuries as ``"1900"`` / ``century``.
    """
    if timex.type not in ("DATE", "TIME"):
        return None
    v = timex.value
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", v):
        if v.endswith("TNI") and _OVERNIGHT_WORD.fullmatch(timex.text):
            # "killed overnight": the night leading into a day is dated by that day, as
            # "the night of 2-3 July" is by its second (the value names the night's first day)
            return _iso(dt.date.fromisoformat(v[:10]) + dt.timedelta(days=1)), "day"
        return v[:10], "day"
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", v):
        return v, "week"  # a weekend keeps its -WE: it is shown as its two days
    if re.fullmatch(r"\d{4}-\d{2}", v):
        return v, "month"
    if re.fullmatch(r"\d{4}-Q[1-4]", v):
        return v, "quarter"
    if re.fullmatch(r"\d{4}(-(H[12]|SP|SU|FA|WI))?", v):
        return v[:4], "year"
    if _DECADE.fullmatch(v):
        return v[:3] + "0", "decade"
    if _CENTURY.fullmatch(v):
        return v + "00", "century"
    return None


_OVERNIGHT_WORD = re.compile(r"(?i:overnight)")


# The parts of a period an event date keeps: the site reads them "early", "mid", "late".
PERIOD_PARTS = ("START", "MID", "END")


def event_mod(timex: Timex) -> str | None:
    """The part of a period longer than a day that ``timex`` names, for dating an event.

    >>> event_mod(Timex(0, 10, "early 2014", "DATE", "2014", mod="START"))
    'START'
    >>> event_mod(Timex(0, 21, "the end of this month", "DATE", "2014-05", mod="END"))
    'END'

    A day keeps no part ("late yesterday" is that day), nor does a duration:

    >>> event_mod(Timex(0, 14, "late yesterday", "DATE", "2014-05-06", mod="END")) is None
    True
    """
    resolved = event_date(timex)
    if resolved is None or resolved[1] == "day" or timex.mod not in PERIOD_PARTS:
        return None
    return timex.mod
