"""Extract: which of a sentence's time expressions dates its event.

A news sentence often holds several dates, and the first is not always the
happening's:

* the **statement** day: "The ministry announced on Tuesday the toll of the
  strike late Monday" happened on Monday, was said on Tuesday;
* a **dateline**: "HAMA, May 3 (Agency) -- ..." says where and when the
  copy was filed;
* a **nominal** date that names a document or an accord: "the truce
  agreement of 27 February remains in force" does not date anything that
  happened in the sentence.

``pick`` orders the sentence's candidate expressions: happenings first, then
statement days, then datelines (a sentence whose only date is "said on
Tuesday" still happened by Tuesday, and a dateline is the filing day);
a nominal date comes last, and never becomes the date of the story that
the undated sentences after it continue.

"The attack comes a day after troops stormed the town": the sentence tells
of the storming, a day before the report's day.

A night named by its two days ("overnight 26-27 December", "the night of
2-3 July", "from Friday evening to Saturday morning") is dated by its
second day, the morning the report counts it on. "During the day" and
"over the past 24 hours" in a daily report are the report's own day.
Days listed under one month ("on the mornings of 3 and 4 July") date the
happening by the first; a past "before midnight" with no day of its own is
the evening before the report's day.

A date inside a noun phrase the sentence is about ("warned Syria over the
downing of a jet last week", "to mourn a protester killed on Friday", "the
2003 ceasefire understanding") is an ``argument``: it never dates the
sentence, which carries the story's day.

Rules are data (``ROLES``, ``ARGUMENTS``, ``NIGHTS``, ``DAY_LIST``,
``REPORT_DAY``), each with examples that the tests run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator import dates, spans
from generator.model import Timex
from generator.needles import needled  # searched in every event sentence (issue 11)

_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"


@dataclass(frozen=True, slots=True)
class Role:
    """A rule giving a time expression a role other than the happening's.

    ``before`` is searched in the sentence text up to the expression (it ends
    with ``$``); ``after`` is matched at the text right after it. Both must
    hold when given. Examples are sentences with the expression in
    [brackets], and whether the rule applies to it.
    """

    name: str
    role: str  # "statement" | "dateline" | "nominal" | "argument" | "window start"
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    examples: tuple[tuple[str, bool], ...]
    expression: re.Pattern[str] | None = None  # matched at the expression's own text, when given


_SAY = r"(?:said|says|reported|announced|stated|added|confirmed|revealed|tweeted|wrote|declared|claimed|published|posted|issued|told\s+[\w ]{1,25}?)"

ROLES: tuple[Role, ...] = (
    Role(
        "said-on", "statement",
        re.compile(r"\b" + _SAY + r"\s+(?:on\s+(?:the\s+)?|late\s+|early\s+|in\s+a\s+statement\s+on\s+)?$", re.I),
        None,
        (("The health office announced on [Tuesday] the toll of the strike late Monday.", True),
         ("Two shells hit the port, the navy said [Friday].", True),
         ("Gunmen stormed the village on [Friday].", False)),
    ),
    Role(
        "on-day-said", "statement",
        None,
        re.compile(r"\s+(?:" + _SAY + r")\b", re.I),
        (("The governor on [Sunday] said that three houses burned overnight.", True),
         ("Rebels shelled the town on [Sunday], the governor said.", False)),
    ),
    Role(
        # "HAMA, May 3 (Agency) -- ", "KYIV, 4 June. /Agency/. ", "ADEN, Jan. 8 (XYZ) – "
        "dateline", "dateline",
        re.compile(r"^\W*+(?:[A-Z][\w.'’-]*+[ ,]++){1,4}$"),
        re.compile(r"(?:,?\s*\d{4})?[.,]?\s*+(?:\([^()]{1,40}\)|/[^/]{1,20}/|[A-Z]{3,}\b)?\s*+[.,]?\s*+(?:--|[-–—/.])"),
        (("HAMA, [May 3] (Agency) -- Rebels shelled the town on Friday.", True),
         ("KYIV, [4 June]. /Agency/. Drones hit a depot.", True),
         ("Rebels shelled Hama on [May 3] -- the army said.", False)),
    ),
    Role(
        # "From 12 to 13 December, 1,950 people reached the shelter": a window is dated by its end,
        # the day its count or its happening is complete (as a night is by its second day)
        "window-start", "window start",
        re.compile(r"\b(?:from|between)\s+(?:the\s+)?(?:(?:evenings?|mornings?|nights?|afternoons?)\s+of\s+(?:the\s+)?)?$", re.I),
        re.compile(r"\s*(?:to|until|till|through|and|-|\u2013)\s*(?:the\s+)?(?:\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|" + _MONTH + r")", re.I),
        (("From [12] to 13 December, at least 1,950 people reached the shelter.", True),
         ("Between the evenings of [2] and 4 May, monitors counted 90 blasts.", True),
         ("Between [Monday] and Wednesday, 40 people were killed in the district.", True),
         ("Rebels shelled the town from [Monday], the army said.", False),
         ("The envoy flew in from [Monday's] talks to the capital.", False)),
    ),
    Role(
        "document-of", "nominal",
        re.compile(r"\b(?:deadlines?|agreements?|accords?|memorandum|resolutions?|decrees?|deals?|truces?|ceasefires?|cease-fires?"
                   r"|treaty|protocols?|declarations?|understanding|arrangements?|decisions?|laws?)\s+(?:of|dated|signed\s+on)\s+(?:the\s+)?$", re.I),
        None,
        (("The number of groups committed to the truce agreement of [February 27] remains 143.", True),
         ("The league set the regime a deadline of [Monday] to pull back its tanks.", True),
         ("The truce was agreed on [February 27].", False)),
    ),
)


# -- dates of a noun phrase inside the sentence, not of its main verb ----------------
#
# "Turkey warned Syria over the downing of a jet last week": the warning is the
# sentence's happening, the week dates the downing, a noun phrase the warning
# is about. So does "to mourn a protester killed on Friday" (a reduced relative:
# noun + participle) and "the 2003 ceasefire understanding" (a year used as an
# adjective). Such a date is an ``argument``: it never dates the sentence, which
# carries the story's day instead. The phrase must hang on a word that is not a
# reporting verb: "activists reported the killing of five on Monday" tells of
# the killing, and keeps Monday.

_NOT_NOUN = r"(?:was|were|been|being|be|is|are|am|had|has|have|having|who|which|that|and|or|but|not|also|then|he|she|they|it|we|you)"
_NOUN_WORD = r"(?:(?!" + _NOT_NOUN + r"\b)[\w'’-]+\s+)"
_PARTICIPLE = (r"(?:(?!(?:hundr|ne|spe|se|bre|ste|b|r|sh|fe|w)ed\b)\w{2,}ed|taken|given|beaten|stolen|driven|broken|hidden|shown|thrown|blown"
               r"|torn|shot|hit|held|caught|struck|slain|hurt|seen|found|sent|brought|left|lost)")
_ABOUT = r"(?:over|about|against|for|after|following)"  # what a reaction is to, never a reporting verb
_DETERMINER = (r"(?:the|a|an|its|their|his|her|this|that|these|two|three|four|five|six|seven|eight|nine|ten|\d[\d,]*"
               r"|dozens\s+of|hundreds\s+of|scores\s+of)")
_LINK = r"\s+(?:on\s+(?:the\s+)?|in\s+|during\s+(?:the\s+)?)?$"  # between the phrase and its date

ARGUMENTS: tuple[Role, ...] = (
    Role(
        "action-noun-of",  # "over the downing of a jet last week", "after the shooting down of the plane on Friday"
        "argument",
        re.compile(r"\b" + _ABOUT + r"\s+(?:the|a|an|its|their|his|her|this)\s+(?:[\w'’-]+\s+)?"
                   r"(?!(?:meet|build|morn|even|begin|wedd|brief|hear|gather|sitt|ceil|open|end|head|rul|sett|spr|k|th|r|s)ing\b)\w+ing(?:\s+down)?\s+of\s+[^,;:()]{1,40}?" + _LINK, re.I),
        None,
        (("Turkey issued a warning to Syria over the downing of a jet [last week].", True),
         ("Crowds rallied after the killing of a teenager by police on [Friday].", True),
         ("Activists reported the killing of five people on [Monday].", False),
         ("Troops began the shelling of the town on [Monday].", False)),
    ),
    Role(
        "event-noun-phrase",  # "militants must be behind two car bomb attacks in the capital on 10 May"
        "argument",
        re.compile(r"\b(?:behind|over|about|condemn(?:ed|ing|s)?|denounc(?:ed|ing|es))\s+(?:the|a|an|its|their|this|these|those|" + _DETERMINER + r")\s+"
                   r"(?:[\w'’-]+\s+){0,4}?(?:attacks?|bombings?|blasts?|explosions?|killings?|massacres?|strikes?|raids?|shootings?|assassinations?)"
                   r"(?:\s+(?:in|on|near|at|against)\s+(?:the\s+)?[^,;:()]{1,30}?)?" + _LINK, re.I),
        None,
        (("The envoy said militants must be behind two car bomb attacks in the capital on [10 May].", True),
         ("Ministers condemned the strikes on the hospital on [Monday].", True),
         ("Two car bomb attacks hit the capital on [10 May].", False),
         ("Rebels carried out three attacks on the town on [Monday].", False)),
    ),
    Role(
        "reduced-relative",  # "to mourn a protester killed on Friday", "a vigil for those shot last week"
        "argument",
        re.compile(r"\b(?:to\s+(?:mourn|bury|honou?r|commemorate|remember|avenge|free|release|find|identify|rescue|evacuate)"
                   r"|mourn(?:ed|ing|s)?|buried|burying|honou?r(?:ed|ing|s)?|over|about|against|for)\s+"
                   r"(?:those|" + _DETERMINER + r"\s+" + _NOUN_WORD + r"{1,3}?)" + _PARTICIPLE + r"(?:\s+(?:dead|down|up))?"
                   r"(?:\s+(?:in|near|at|by|outside|inside)\s+[^,;:()]{1,30}?)?" + _LINK, re.I),
        None,
        (("Thousands marched to mourn a protester killed by police on [Friday].", True),
         ("Relatives held a vigil for those shot in the square [last week].", True),
         ("Two people were killed in the square on [Friday].", False),
         ("Protesters gathered in the square on [Friday].", False),
         ("The charity held a party for the children on [Friday].", False),
         ("Troops returned after the rebels fled on [Monday].", False)),
    ),
    Role(
        "decision-to",  # "at Syria's decision to shoot down the jet last Friday"
        "argument",
        re.compile(r"\b(?:" + _ABOUT + r"|at|of)\s+(?:\w+(?:'s|’s)|the|its|their|his|her)\s+(?:decision|move|attempt|bid|failure|refusal)\s+to\s+\w+"
                   r"(?:\s+(?:down|up|off|out))?\s+[^,;:()]{1,40}?" + _LINK, re.I),
        None,
        (("Ankara spoke of its rage at Syria's decision to shoot down the jet [last Friday].", True),
         ("The council decided to lift the ban on [Monday].", False)),
    ),
    Role(
        "year-as-adjective",  # "the 2003 ceasefire understanding", "a November 2003 accord"
        "argument",
        re.compile("".join(r"(?<!\b%s\s)" % w for w in ("in", "during", "at", "on", "by", "until", "till", "since", "before", "after", "from", "through"))
                   + r"\b(?:the|a|an|its|their|this|that)\s+$", re.I),
        re.compile(r"\s+(?i:(?!(?:and|or|to|was|were|is|are|has|had|have|will|would|of|in|on|at|for|by|when|as|which|that|who)\b)[a-z][\w-]*)"),
        (("The shelling violates the [2003] ceasefire understanding, officials said.", True),
         ("They urged both sides to respect the [2003] Ceasefire Understanding.", True),
         ("Both sides breached the [November 2003] ceasefire agreement.", True),
         ("In the [2014] elections, turnout was low.", False),
         ("Rebels shelled the town in [2003] and again in 2004.", False)),
        re.compile(r"(?:(?:" + _MONTH + r")\s+)?\d{4}$", re.I),
    ),
)


def role_of(sentence: str, start: int, end: int, roles: Sequence[Role] = ROLES + ARGUMENTS) -> str:
    """The role of the expression at ``sentence[start:end]``: ``happening`` unless a rule says otherwise.

    >>> s = "The office announced on Tuesday the toll of the strike late Monday."
    >>> role_of(s, 24, 31), role_of(s, 55, 66)
    ('statement', 'happening')
    """
    head = sentence[max(0, start - 80) : start]
    for rule in roles:
        if rule.expression is not None and not rule.expression.match(sentence, start, end):
            continue
        if rule.before is not None and not rule.before.search(head if rule.role != "dateline" else sentence[:start]):
            continue
        if rule.after is not None and not rule.after.match(sentence, end):
            continue
        return rule.role
    return "happening"


_RANK = {"happening": 0, "window start": 1, "statement": 2, "dateline": 3, "nominal": 4, "argument": 5}


def ranked(sentence: str, offset: int, timexes: Sequence[Timex]) -> list[tuple[Timex, str]]:
    """The expressions with their roles, happenings first (a stable order otherwise).

    ``offset`` is the sentence's start in the text the timexes point into.
    A nominal date comes last: it dates a sentence with no other date, but
    never the story after it.
    """
    roles = [role_of(sentence, t.start - offset, t.end - offset) for t in timexes]
    order = sorted(range(len(timexes)), key=lambda i: (_RANK[roles[i]], i))
    return [(timexes[i], roles[i]) for i in order]


# -- nights named by their two days ------------------------------------------------

@dataclass(frozen=True, slots=True)
class Night:
    """A night (or an evening-to-morning span) named by two days; dated by the second."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, str], ...]  # (text, day of its second date with publication 2021-07-06)


NIGHTS: tuple[Night, ...] = (
    Night(
        "night-of-days",  # "the night of 2-3 July", "overnight December 26-27", "in the night of 14 to 15 August"
        re.compile(r"\b(?:overnight(?:\s+on)?|nights?\s+of|(?:evenings?|nights?)\s+from)\s+(?:the\s+)?"
                   r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|into|and)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>" + _MONTH + r")"
                   r"|(?P<m2>" + _MONTH + r")\.?\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|into|and)\s*(?P<d4>\d{1,2})\b)", re.I),
        (("during the night of 2-3 July", "2021-07-03"), ("Overnight December 26-27, the enemy fired", "2020-12-27"),
         ("in the night of 14 to 15 June", "2021-06-15")),
    ),
)

# "from Friday evening to Saturday morning": two parts of days, the second in the morning
_EVENING_TO_MORNING = re.compile(r"\b(?:from|between)\s+(?:late\s+)?$", re.I)
_TO = re.compile(r"\s*+(?:to|until|till|into|and)\s+(?:early\s+)?$", re.I)


def night_day(sentence: str, published: dt.date, timexes: Sequence[Timex] = ()) -> tuple[str, str] | None:
    """The second day of a night named by its two days, and the words, or ``None``.

    The year is the tagger's, read on that day when it is among ``timexes``;
    else the latest such day on or before ``published``.

    >>> night_day("Overnight December 26-27, the enemy fired 850 shots.", dt.date(2016, 12, 27))
    ('2016-12-27', 'Overnight December 26-27')
    >>> night_day("Shells fell on the night of 2-3 July.", dt.date(2021, 7, 6))
    ('2021-07-03', 'night of 2-3 July')
    >>> night_day("Shells fell on the night of 2-3 July.", dt.date(2021, 7, 2), [Timex(30, 36, "3 July", "DATE", "2021-07-03")])
    ('2021-07-03', 'night of 2-3 July')
    """
    for night in NIGHTS:
        m = night.pattern.search(sentence)
        if not m:
            continue
        name, second = m["m1"] or m["m2"], int(m["d2"] or m["d4"])
        month = dates._month_of(name.rstrip(".").lower()[:3])
        told = [t.value[:10] for t in timexes if t.value[:10].endswith(f"-{month:02d}-{second:02d}")]
        day = told[0] if told else _latest_day(name, second, published)
        return (day, m.group()) if day else None
    return None


def _latest_day(month_name: str, day: int, published: dt.date) -> str | None:
    """The latest ``day month`` on or before ``published`` (gold convention 4), or ``None`` if no such day.

    >>> _latest_day("Dec", 27, dt.date(2017, 1, 2)), _latest_day("July", 31, dt.date(2021, 7, 6))
    ('2016-12-27', '2020-07-31')
    """
    month = dates._month_of(month_name.rstrip(".").lower()[:3])
    year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


DAY_LIST = needled(re.compile(
    r"(?<!\bbetween\s)(?<!\bfrom\s)(?<!\bbetween\sthe\s)(?<!\bfrom\sthe\s)\b(?:(?:mornings|evenings|afternoons|days)\s+of\s+|on\s+)(?:the\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:\s*,\s*\d{1,2}(?:st|nd|rd|th)?)*,?\s+and\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + _MONTH + r")", re.I
))
"""Days listed under one month ("on the mornings of 3 and 4 July", "on 3, 4 and 5 July"): the happening began on the first.

The tagger reads only the last day with its month ("4 July"), so the list is read here.

>>> DAY_LIST.search("Shots were heard near the bridge on the mornings of 3 and 4 July.")["d1"]
'3'
>>> DAY_LIST.search("Drones hit the depot on 3, 4 and 5 July.")["d1"]
'3'
>>> DAY_LIST.search("Drones hit the depot on 4 July and again on 6 July.") is None
True
>>> DAY_LIST.search("Between the evenings of 2 and 4 July, monitors saw 60 explosions.") is None
True
"""


def first_listed_day(sentence: str, published: dt.date, timexes: Sequence[Timex] = ()) -> tuple[str, str] | None:
    """The first day of a list of days under one month, and the words, or ``None``.

    The year is the tagger's, read on the list's last day when it is among
    ``timexes``; else the latest such day on or before ``published``.

    >>> first_listed_day("Violations occurred on the mornings of 3 and 4 July.", dt.date(2021, 7, 6))
    ('2021-07-03', 'mornings of 3 and 4 July')
    >>> first_listed_day("Shots on 3 and 4 July.", dt.date(2021, 6, 1), [Timex(15, 21, "4 July", "DATE", "2021-07-04")])
    ('2021-07-03', '3 and 4 July')
    """
    m = DAY_LIST.search(sentence)
    if not m:
        return None
    month = dates._month_of(m["m"].rstrip(".").lower()[:3])
    years = [t.value[:4] for t in timexes if re.match(r"\d{4}-%02d-\d\d" % month, t.value)]
    day = f"{years[0]}-{month:02d}-{int(m['d1']):02d}" if years else _latest_day(m["m"], int(m["d1"]), published)
    return (day, re.sub(r"^on\s+", "", m.group(), flags=re.I)) if day else None


def evening_to_morning(sentence: str, offset: int, timexes: Sequence[Timex]) -> Timex | None:
    """In "from Friday evening to Saturday morning", the morning's expression.

    >>> ts = [Timex(5, 19, "Friday evening", "TIME", "2021-04-23TEV"), Timex(23, 39, "Saturday morning", "TIME", "2021-04-24TMO")]
    >>> evening_to_morning("from Friday evening to Saturday morning", 0, ts).text
    'Saturday morning'
    """
    for a, b in zip(timexes, timexes[1:]):
        if not (a.value.endswith(("TEV", "TNI")) and b.value.endswith(("TMO", "TNI"))):
            continue
        if _EVENING_TO_MORNING.search(sentence[max(0, a.start - offset - 20) : a.start - offset]) and _TO.search(sentence[a.end - offset : b.start - offset]):
            return b
    return None


# -- the report's own day ------------------------------------------------------------

REPORT_DAY = re.compile(
    r"\b(?:during|throughout|over|in|within)\s+the\s+(?:past\s+|last\s+)?(?:day|24\s+hours|twenty-four\s+hours)\b", re.I
)
"""A daily report's "during the day", "over the past 24 hours": the report's own day.

>>> bool(REPORT_DAY.search("During the day, troops gained control of an area."))
True
>>> bool(REPORT_DAY.search("During the day on 4 July, shelling went on."))
True
>>> bool(REPORT_DAY.search("He died the day after."))
False
"""


BEFORE_MIDNIGHT = re.compile(r"\b(?:before|until|till|up\s+to)\s+$", re.I)
"""A bare "midnight" these words lead to, in a sentence told in the past, is the last midnight
before the report's day: the happening was the evening before ("attacks went on before midnight"
in a morning report of 29 May happened on 28 May).

>>> bool(BEFORE_MIDNIGHT.search("Attacks went on until shortly before "))
True
"""
_FUTURE = re.compile(r"\b(?:will|shall|would|is\s+due|are\s+due|expected|plans?\s+to|going\s+to)\b|'ll\b", re.I)


def _last_midnight(sentence: str, offset: int, timex: Timex, report_day: dt.date) -> str | None:
    """The day before the report's, for a bare past "before midnight"; else ``None``.

    >>> s = "Attacks focused on the suburb before midnight."
    >>> t = Timex(s.index("midnight"), s.index("midnight") + 8, "midnight", "TIME", "2017-05-29T24:00")
    >>> _last_midnight(s, 0, t, dt.date(2017, 5, 29))
    '2017-05-28'
    >>> _last_midnight(s.replace("focused", "will focus"), -5, t, dt.date(2017, 5, 29)) is None
    True
    """
    head = sentence[: timex.start - offset]
    if timex.text.lower() != "midnight" or _FUTURE.search(sentence):
        return None
    if not BEFORE_MIDNIGHT.search(re.sub(r"\b(?:shortly|just|well|long|right)\s+(?=before\b)", "", head)):
        return None
    return (report_day - dt.timedelta(days=1)).isoformat()


DAYS_AFTER = needled(re.compile(
    r"\b(?:came|comes|come|follows|followed)\s+(?:just\s+|only\s+)?(?P<n>a|one|two|three|four|five|six|[1-6])\s+days?\s+after\b", re.I
))
"""News that "comes a day after" another happening: that happening is the sentence's, N days before the report's day.

>>> DAYS_AFTER.search("The shelling came two days after rebels stormed the base.")["n"]
'two'
>>> DAYS_AFTER.search("Two days after the raid, the town was quiet.") is None
True
"""
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _days(m: re.Match[str]) -> int:
    return _COUNT.get(m["n"].lower()) or int(m["n"])


def _days_before(sentence: str, offset: int, timex: Timex, resolved: tuple[str, str]) -> str | None:
    """For "the Friday protests came a day after students rallied": the day before the subject's own day.

    The sentence tells of the earlier happening; the subject's date (before
    "came") is the reference the days count back from.

    >>> s = "The Friday protests came a day after students held a rally."
    >>> _days_before(s, 0, Timex(4, 10, "Friday", "DATE", "2012-05-18"), ("2012-05-18", "day"))
    '2012-05-17'
    >>> _days_before("Students rallied on Friday.", 0, Timex(19, 25, "Friday", "DATE", "2012-05-18"), ("2012-05-18", "day"))
    >>> _days_before("Friday's raid, which came a day after the vote, drew protests.", 0, Timex(0, 6, "Friday", "DATE", "2012-05-18"), ("2012-05-18", "day"))
    """
    m = DAYS_AFTER.search(sentence)
    if not m or resolved[1] != "day" or timex.end - offset > m.start():
        return None
    if re.search(r"\b(?:which|who|that)\b", sentence[timex.end - offset : m.start()]):
        return None  # "Friday's bloodshed, which came a day after ..., brought condemnation": not the main verb
    return (dt.date.fromisoformat(resolved[0]) - dt.timedelta(days=_days(m))).isoformat()


NOT_STORY = frozenset({"nominal", "before midnight", "known happening"})
"""Roles whose date never becomes the story's day: a document's date, and the evening before a
report whose story is still the report's day ("attacks went on before midnight. Five blasts were
heard during the night" is the night into the report's day)."""


@dataclass(frozen=True, slots=True)
class Dated:
    """The date of a sentence's event and where it came from."""

    date: str
    granularity: str
    text: str  # the words it came from
    role: str  # "happening" | "statement" | "dateline" | "nominal" | "night" | "first listed day" | "before midnight"
    # | "days after" | "report day" | "known happening"
    mod: str | None = None  # the part of the period named ("early 2014": START), dates.event_mod


# -- a known happening named by its period ---------------------------------------------

POSSESSIVE_PERIOD = re.compile(r"\b(?:last|this|past|previous)\s+(?:week|month)(?:'s|’s)\s*$|^(?:last|this|past|previous)\s+(?:week|month)(?:'s|’s)", re.I)
"""A period in the possessive before what happened in it ("Last week's bombings killed 55"): the
phrase names a happening the report has already told of, so it is dated by the day the report gave
it, when an earlier sentence named one day inside that period.

>>> bool(POSSESSIVE_PERIOD.search("Last week's bombings"))
True
>>> bool(POSSESSIVE_PERIOD.search("last week"))
False
"""


def _in_period(day: str, period: str, granularity: str) -> bool:
    """Whether the ISO ``day`` lies inside the week (``2012-W19``) or month (``2012-05``) ``period``.

    >>> _in_period("2012-05-10", "2012-W19", "week"), _in_period("2012-05-10", "2012-04", "month")
    (True, False)
    """
    d = dt.date.fromisoformat(day)
    if granularity == "week":
        year, week = d.isocalendar()[:2]
        return period[:8] == f"{year}-W{week:02d}"
    return granularity == "month" and day[:7] == period


def known_day(sentence: str, offset: int, timex: Timex, dated: Dated, earlier_days: Sequence[str]) -> str | None:
    """For a possessive period ("last week's attacks"), the latest earlier-named day inside it, or ``None``.

    >>> s = "Last week's car bomb attacks killed 55 people."
    >>> t = Timex(0, 11, "Last week's", "DATE", "2012-W19")
    >>> d = Dated("2012-W19", "week", "Last week's", "happening")
    >>> known_day(s, 0, t, d, ["2012-05-18", "2012-05-10"]), known_day(s, 0, t, d, ["2012-05-18"])
    ('2012-05-10', None)
    """
    if dated.granularity not in ("week", "month") or dated.role != "happening":
        return None
    words = sentence[timex.start - offset : timex.end - offset + 2]
    if not POSSESSIVE_PERIOD.search(words):
        return None
    inside = [d for d in earlier_days if len(d) == 10 and _in_period(d, dated.date, dated.granularity)]
    return max(inside) if inside else None


def pick(sentence: str, offset: int, timexes: Sequence[Timex], report_day: dt.date, earlier_days: Sequence[str] = ()) -> Dated | None:
    """The date of the sentence's event, or ``None``.

    ``timexes`` are the sentence's anchors (background clauses already left
    out), with offsets into the text the sentence starts at ``offset`` in.
    ``report_day`` is the day the report speaks of: the story's day when
    an earlier sentence gave it ("the ministry said on Wednesday"), else the
    publication day; "during the past 24 hours" is that day.

    >>> s = "The ministry said on Tuesday that a strike late Monday killed four."
    >>> ts = dates.find_timexes(s, dt.date(2024, 10, 22))
    >>> pick(s, 0, ts, dt.date(2024, 10, 22))
    Dated(date='2024-10-21', granularity='day', text='Monday', role='happening', mod=None)
    >>> pick("During the day, troops took two villages.", 0, [], dt.date(2017, 4, 29)).date
    '2017-04-29'
    """
    night = night_day(sentence, report_day, timexes)
    if night:
        return Dated(night[0], "day", night[1], "night")
    listed = first_listed_day(sentence, report_day, timexes)
    if listed:
        return Dated(listed[0], "day", listed[1], "first listed day")
    morning = evening_to_morning(sentence, offset, timexes)
    order = ranked(sentence, offset, timexes)
    if morning is not None:
        order = [(morning, "night"), *((t, r) for t, r in order if t is not morning)]
    for timex, role in order:
        if role == "argument":
            continue
        midnight = _last_midnight(sentence, offset, timex, report_day)
        if midnight:
            return Dated(midnight, "day", timex.text, "before midnight")
        resolved = dates.event_date(timex)
        if resolved:
            earlier = _days_before(sentence, offset, timex, resolved)
            if earlier:
                return Dated(earlier, "day", timex.text, "days after")
            found = Dated(resolved[0], resolved[1], timex.text, role, dates.event_mod(timex))
            day = known_day(sentence, offset, timex, found, earlier_days)
            return Dated(day, "day", timex.text, "known happening") if day else found
    m = DAYS_AFTER.search(sentence)
    if m:
        return Dated((report_day - dt.timedelta(days=_days(m))).isoformat(), "day", m.group(), "days after")
    m = REPORT_DAY.search(sentence)
    if m:
        return Dated(report_day.isoformat(), "day", m.group(), "report day")
    return None


# -- the report's frame: the day a bulletin's undated sentences belong to ------------------
#
# News prose continues a story: an undated sentence takes the day of the last
# sentence dated by its own words. A daily bulletin is built otherwise: it says
# once, in its title or lead, which day it covers ("over the past 24 hours",
# "in past day", "since the beginning of the day"), and everything it lists
# without a date of its own happened in that day. A date it names further down
# for another day ("the truce that came into force on 30 December", "on Sunday
# one soldier was killed") dates its own sentence only: the next undated line is
# the report's day again, not that day's. The covered day is the day named with
# the cue ("Over the past day, on 10 February, ..."), else the day the report was
# stated ("the ministry said on Monday that ... over the past 24 hours"), else a
# day in the title ("Flash Update No. 3, 13 October"), else the publication day.


@dataclass(frozen=True, slots=True)
class FrameCue:
    """Words by which a report says, in its title or lead, that it covers one day."""

    name: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, bool], ...]  # (title or lead sentence, whether it is a daily report's)


FRAME_CUES: tuple[FrameCue, ...] = (
    FrameCue(
        "past-day",  # "in the past 24 hours", "over past day", "within last 24 hours", "last day"
        re.compile(r"\b(?:(?:during|over|in|within|for)\s+)?(?:the\s+)?(?:past|last|previous)\s+(?:day|24\s*hours|twenty-four\s+hours|24-hour\s+period)\b"
                   r"(?!\s+(?:of|before|after)\b)", re.I),
        (("Guards report 5 truce breaches in past day", True),
         ("No one hurt on the front line last day", True),
         ("Within last 24 hours, monitors noted three cases.", True),
         ("Talks broke down on the last day of the summit.", False)),
    ),
    FrameCue(
        "the-day",  # "during the day", "for the day", "over this day", "in one day", "per day"
        re.compile(r"\b(?:(?:during|throughout|over|for)\s+(?:the|this)|in\s+(?:one|a\s+single))\s+day\b(?!\s+(?:of|before|after|when|that)\b)"
                   r"|^(?!.*\b(?:average|rate)\b).*?\bper\s+day\b", re.I),
        (("Border guards report four truce breaches in one day", True),
         ("Monitors logged 12 breaches along the front for the day", True),
         ("The mission counted 7 shelling cases in the north per day", True),
         ("During the day, the army took back a hill.", True),
         ("The guns fell silent during the day of the funeral.", False),
         ("The camp took in an average of 300 people per day.", False)),
    ),
    FrameCue(
        "day-start",  # "since the beginning of the day", "since day-start on 21 December", "since midnight"
        re.compile(r"\bsince\s+(?:(?:the\s+)?(?:beginning|start)\s+of\s+(?:the|this)\s+(?:current\s+)?day|day-start|midnight)\b", re.I),
        (("Since day-start on 3 May, as of 6:00, two shellings were logged.", True),
         ("Officials say the town came under fire twice since midnight", True),
         ("Fighting has gone on since the start of the war.", False)),
    ),
    FrameCue(
        "overnight",  # "militants fire mortars 10 times overnight"
        re.compile(r"\bovernight\b", re.I),
        (("Army: gunmen shelled the outpost six times overnight", True),
         ("Overnight May 3-4, the other side fired 40 rounds.", True),
         ("Protests went on for a week.", False)),
    ),
)

# the report's lead: the body's sentences that start in its first LEAD_CHARS characters (a saved page
# often opens with a site name, a time stamp and the title again), at most LEAD_SENTENCES of them
LEAD_CHARS = 800
LEAD_SENTENCES = 8
# a title's day further than this from the publication day is not the day the report covers
TITLE_DAYS = 3


def frame_cue(text: str) -> FrameCue | None:
    """The first cue by which ``text`` says it reports one day, or ``None``.

    >>> frame_cue("Russia registers 27 ceasefire breaches over past 24 hours").name
    'past-day'
    >>> frame_cue("Rebels shelled the town on Friday.") is None
    True
    """
    for cue in FRAME_CUES:
        if cue.pattern.search(text):
            return cue
    return None


@dataclass(frozen=True, slots=True)
class Frame:
    """What a report says of the time it covers: its day, and whether it is a daily report."""

    day: dt.date
    text: str | None = None  # the words the day came from (None: the publication day)
    daily: bool = False
    # a summary's period stated once at the top ("in one week (15-21 March)", "between 7 and 22 October"):
    # its first and last day; its undated lines tell of that period, not of one day
    period: tuple[str, str] | None = None

    def story(self, day: str) -> bool:
        """Whether a sentence dated ``day`` by its own words continues the report (its day or the night before).

        In a daily report an earlier or later day named in passing dates its
        own sentence only; in news prose (``daily`` false) every past day does.

        >>> f = Frame(dt.date(2021, 2, 10), "on February 10", daily=True)
        >>> f.story("2021-02-10"), f.story("2021-02-09"), f.story("2021-02-11"), f.story("2016-12-30")
        (True, True, False, False)
        >>> Frame(dt.date(2021, 2, 10)).story("2016-12-30")
        True
        """
        if not self.daily:
            return True
        return (self.day - dt.timedelta(days=1)).isoformat() <= day <= self.day.isoformat()


_OPEN_END = re.compile(r"\b(?:since|from|until|till|to)\s+(?:the\s+)?$", re.I)


def _sentence_day(text: str, timexes: Sequence[Timex], report_day: dt.date, offset: int = 0) -> Dated | None:
    """The day a lead sentence is dated to, when it names one (never a "since", "from" or "until" day)."""
    kept = [t for t in timexes if not _OPEN_END.search(text[max(0, t.start - offset - 12) : t.start - offset])]
    found = pick(text, offset, kept, report_day)
    return found if found is not None and found.granularity == "day" and found.role not in ("nominal", "report day") else None


def _title_day(title: str, published: dt.date) -> tuple[dt.date, str] | None:
    """The day a title dates its report to: the last day it names ("19-20 October" is the 20th), within
    ``TITLE_DAYS`` before publication; never a "since", "from" or "until" day.

    >>> _title_day("Flash Update #8: 19-20 October 2019", dt.date(2019, 10, 20))
    (datetime.date(2019, 10, 20), '20 October 2019')
    >>> _title_day("Toll of the offensive since October 7", dt.date(2019, 10, 8)) is None
    True
    """
    night = night_day(title, published)
    days = [(dt.date.fromisoformat(night[0]), night[1])] if night else []
    for t in dates.find_timexes(title, published):
        resolved = dates.event_date(t)
        if resolved and resolved[1] == "day" and not _OPEN_END.search(title[max(0, t.start - 12) : t.start]):
            days.append((dt.date.fromisoformat(resolved[0]), t.text))
    days = [d for d in days if 0 <= (published - d[0]).days <= TITLE_DAYS]
    return max(days, key=lambda d: d[0]) if days else None


# the span rules that state a summary's period, and how long it may be (a weekend to a month); the
# period is the text's scope only after a preposition of time ("in one week", "between 7 and 20 March")
_SCOPE_WORD = r"(?:in|over|during|within|for|between|from|throughout)"
_SCOPE_BEFORE = re.compile(r"\b" + _SCOPE_WORD + r"\s+(?:the\s+)?(?:(?:past|last|previous)\s+)?$", re.I)
_SCOPE_OPENS = re.compile(r"\s*" + _SCOPE_WORD + r"\b", re.I)
PERIOD_RULES = frozenset({"n-units", "from-to", "timex-duration"})
PERIOD_DAYS = (2, 31)


def summary_period(text: str, timexes: Sequence[Timex], published: dt.date) -> tuple[str, str, str] | None:
    """The period a summary's title or lead says it covers: ``(first day, last day, words)``, or ``None``.

    It ends within ``TITLE_DAYS`` before publication and lasts ``PERIOD_DAYS``;
    ``timexes`` have offsets into ``text``.

    >>> pub = dt.date(2021, 3, 21)
    >>> t = "Guards logged 90 truce breaches in one week"
    >>> summary_period(t, dates.find_timexes(t, pub), pub)
    ('2021-03-15', '2021-03-21', 'one week')
    >>> t = "Between 7 and 20 March, the monitors logged 400 breaches."
    >>> summary_period(t, dates.find_timexes(t, pub), pub)[:2]
    ('2021-03-07', '2021-03-20')
    >>> t = "Troops announced a 5-day pause in the fighting."
    >>> summary_period(t, dates.find_timexes(t, pub), pub) is None
    True
    >>> t = "The army said 9 soldiers were killed on Friday."
    >>> summary_period(t, dates.find_timexes(t, pub), pub) is None
    True
    """
    for m in spans.sentence_markers(text, timexes, published):
        if m.kind != "period" or m.rule not in PERIOD_RULES or not m.period_start or not m.period_end:
            continue
        if not (_SCOPE_OPENS.match(text, m.start) or _SCOPE_BEFORE.search(text[max(0, m.start - 20) : m.start])):
            continue  # "a 5-day pause in the fighting": a period named, not the one the text covers
        first, last = dt.date.fromisoformat(m.period_start), dt.date.fromisoformat(m.period_end)
        if PERIOD_DAYS[0] <= (last - first).days + 1 <= PERIOD_DAYS[1] and 0 <= (published - last).days <= TITLE_DAYS:
            return m.period_start, m.period_end, text[m.start : m.end]
    return None


def report_frame(title: str, lead: Sequence[tuple[str, int, Sequence[Timex]]], published: dt.date) -> Frame:
    """The frame of a report from its title and lead (``(sentence, offset, its anchors)``, the body's first sentences).

    >>> pub = dt.date(2021, 2, 11)
    >>> text = "Over the past day, on February 10, seven violations were recorded."
    >>> report_frame("Ceasefire violated seven times over past day", [(text, 0, dates.find_timexes(text, pub))], pub)
    Frame(day=datetime.date(2021, 2, 10), text='February 10', daily=True, period=None)
    >>> title = "Flash Update No. 3, 10 February 2021"
    >>> report_frame(title, [], pub)
    Frame(day=datetime.date(2021, 2, 10), text='10 February 2021', daily=False, period=None)
    >>> report_frame("Troops shell the town", [], pub)
    Frame(day=datetime.date(2021, 2, 11), text=None, daily=False, period=None)
    """
    titled = _title_day(title or "", published)
    frame = Frame(*titled) if titled else Frame(published)
    daily = frame_cue(title or "") is not None
    if not daily and titled is None:  # a title's day is the report's day, not a summary's end
        summary = summary_period(title or "", dates.find_timexes(title or "", published), published)
        for text, offset, timexes in lead if summary is None else ():
            summary = summary_period(text, [t.shifted(offset) for t in timexes], published)
            if summary is not None or frame_cue(text) is not None:
                break
        if summary is not None:
            return Frame(dt.date.fromisoformat(summary[1]), summary[2], period=summary[:2])
    statement = None  # the first day the lead says the report was stated on ("the ministry said on Thursday")
    for text, offset, timexes in lead:
        cue = frame_cue(text) is not None
        named = _sentence_day(text, timexes, frame.day, offset)
        if named is not None and not 0 <= (published - dt.date.fromisoformat(named.date)).days <= TITLE_DAYS:
            named = None
        if cue and named is not None:
            return Frame(dt.date.fromisoformat(named.date), named.text, True)  # the first cue naming its day
        daily = daily or cue
        if named is not None and named.role == "statement" and statement is None:
            statement = Frame(dt.date.fromisoformat(named.date), named.text)
    frame = statement or frame
    return Frame(frame.day, frame.text, daily)


# -- a lead told before its day ------------------------------------------------------------
#
# "Gunmen killed 12 villagers in the north, police said. The attack came late on
# Sunday, when ...": the lead tells the happening, the next sentence its day. An
# undated sentence with no story before it takes the day the next LEAD_AHEAD
# sentences first name, when that sentence names it for a happening (not a
# statement's, a document's or a background clause's day) and it lies within
# LEAD_DAYS before the report's day, and when that sentence points back to what
# the lead told ("The attack ...", "It ...", "The gunmen ..."): "Clashes erupted
# in Homs on Monday" after a lead on Hama is another happening. Else the lead
# keeps the report's day.

LEAD_AHEAD = 2
LEAD_DAYS = 2
POINTS_BACK = re.compile(r"^\W*(?:the|this|that|these|those|it|they|he|she|both)\b", re.I)
"""A sentence opening on a definite or pronoun subject, which tells more of what was just told.

>>> bool(POINTS_BACK.match("The raid came late on Sunday.")), bool(POINTS_BACK.match("Clashes erupted in Homs on Monday."))
(True, False)
"""


def lead_day(later: Sequence[tuple[str, int, Sequence[Timex]]], frame: Frame) -> Dated | None:
    """The happening day the sentences after an undated lead first name, or ``None``.

    ``later``: the next sentences as ``(text, offset, their dating anchors)``.

    >>> pub = dt.date(2019, 5, 14)
    >>> nxt = "The attack came late on Sunday in a village near the river."
    >>> lead_day([(nxt, 0, dates.find_timexes(nxt, pub))], Frame(pub)).date
    '2019-05-12'
    >>> said = "Police said on Monday that the gunmen fled."
    >>> lead_day([(said, 0, dates.find_timexes(said, pub)), (nxt, 50, [t.shifted(-50) for t in dates.find_timexes(nxt, pub)])], Frame(pub)) is None
    True
    >>> old = "The truce came into force on 2 March."
    >>> lead_day([(old, 0, dates.find_timexes(old, pub))], Frame(pub)) is None
    True
    """
    for text, offset, timexes in later:
        found = pick(text, offset, timexes, frame.day)
        if found is None:
            continue
        if found.granularity != "day" or found.role not in ("happening", "night") or not POINTS_BACK.match(text):
            return None
        days = (frame.day - dt.date.fromisoformat(found.date)).days
        return found if 0 <= days <= LEAD_DAYS else None
    return None


# -- a day heading over the lines below it -------------------------------------------------
#
# A report listing several days puts each under a heading line: "4 March:",
# "Situation on 5 March 2022", "Monday, 6 March". The heading is no event, but
# the undated lines under it happened on its day: it becomes the story's day,
# as a dated event sentence would. A page's time stamp ("09:42 11.02.2021", a
# clock time) and a day outside the report's fortnight are no heading.

HEADING_WORDS = re.compile(
    r"^[\W_]*(?:(?:daily\s+)?(?:situation|report|update|summary|overview|briefing|bulletin|incidents|events|developments|chronology)"
    r"(?:\s+(?:on|of|for|as\s+of|dated))?|on|for|as\s+of)?[\W_]*$", re.I)
"""What a day heading may hold besides its date: a label and a preposition (the date blanked out).

>>> [bool(HEADING_WORDS.match(s)) for s in ("  :", "Situation on  ", "On  :", "Troops shelled the town on  ")]
[True, True, True, False]
"""
HEADING_DAYS = 14
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?![.]\d)|\b(?:GMT|UTC|EEST|EET|CET|CEST|MSK|[ap]\.?m\.?)\b", re.I)
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.I)


def heading_day(line: str, offset: int, timexes: Sequence[Timex], frame: Frame) -> Dated | None:
    """The day of a heading line (a line of its own, given with its time expressions), or ``None``.

    >>> pub = dt.date(2022, 3, 7)
    >>> def day(line):
    ...     found = heading_day(line, 0, dates.find_timexes(line, pub), Frame(pub))
    ...     return found.date if found else None
    >>> day("5 March:"), day("Situation on 5 March 2022"), day("Saturday, 5 March")
    ('2022-03-05', '2022-03-05', '2022-03-05')
    >>> day("09:42 05.03.2022"), day("Troops shelled the town on 5 March."), day("5 January 2022")
    (None, None, None)
    """
    if len(line) > 60 or _CLOCK.search(line):
        return None
    days = [t for t in timexes if (resolved := dates.event_date(t)) and resolved[1] == "day"]
    if not days:
        return None
    blanked = line
    for t in timexes:
        blanked = blanked[: t.start - offset] + " " * (t.end - t.start) + blanked[t.end - offset :]
    if not HEADING_WORDS.match(_WEEKDAY.sub(" ", blanked)):
        return None
    day = dates.event_date(days[-1])[0]  # type: ignore[index]
    if not 0 <= (frame.day - dt.date.fromisoformat(day)).days <= HEADING_DAYS:
        return None
    return Dated(day, "day", days[-1].text, "heading")


# -- "since <happening> on <day>": a second, earlier event --------------------------------
#
# "Monitors logged 300 breaches since the truce came into force on 2 March" tells of
# two happenings: the count (the sentence's event) and, in its "since" clause, the
# truce coming into force on its own day. That clause is an event of its own, dated
# by its day: a clause with its own past verb ("the fighting flared on Friday", "the
# border was closed on 3 May") or an action noun ("the start of the offensive on 2
# May"). A time alone ("since midday on Monday", "since the beginning of the day"),
# a statement ("since the league said on Monday that"), a month or a year ("since the
# unrest began last March") are no such event.

@dataclass(frozen=True, slots=True)
class SinceRule:
    """A shape of "since" clause that names an earlier happening; examples: (sentence, whether it names one)."""

    name: str
    pattern: re.Pattern[str]  # searched in the sentence; group "what" is the happening's words
    examples: tuple[tuple[str, bool], ...]


_NOT_HAPPENING = r"(?!(?:said|says|announced|reported|stated|added|claimed|told|noted|wrote|tweeted)\b)"
SINCE_RULES: tuple[SinceRule, ...] = (
    SinceRule(
        "since-clause",  # "since the truce came into force on 2 March", "since the border was closed on Friday"
        re.compile(r"\bsince\s+(?P<what>(?:the|a|an|its|their|his|her|this|[A-Z][\w'’-]*)\b[^,;:()]{0,80}?\b" + _NOT_HAPPENING
                   + r"(?:\w{3,}ed|began|begun|broke(?:\s+out)?|came\s+into\s+(?:force|effect)|took\s+effect|went\s+into\s+effect|fell|struck|rose|won|fled|left|stood\s+down)\b"
                   r"[^,;:()]{0,60})", re.I),
        (("Monitors logged 300 breaches since the truce came into force on 2 March.", True),
         ("Rebels have shelled the town daily since the border was closed on Friday.", True),
         ("Prices have doubled since the league said on Monday that it would act.", False),
         ("Two shells fell since midday on Monday.", False)),
    ),
    SinceRule(
        "since-start-of",  # "since the start of the offensive on 2 May"
        re.compile(r"\bsince\s+(?P<what>(?:the\s+)?(?:start|beginning|outbreak|onset|launch|signing)\s+of\s+(?!(?:the\s+)?(?:day|week|month|year|current|fasting)\b)"
                   r"[^,;:()]{1,80})", re.I),
        (("Since the start of the offensive on 2 May, 40,000 people have fled.", True),
         ("Since the beginning of the day, three shellings were logged.", False)),
    ),
    SinceRule(
        "since-dated-noun",  # "since the 3 May air raid", "since Monday's bombing", "since the 9 April truce"
        re.compile(r"\bsince\s+(?P<what>(?:the\s+|last\s+)?[^,;:()]{0,30}?\b(?:attacks?|battle|strikes?|air\s*raids?|raids?|bombings?|blasts?"
                   r"|explosions?|massacre|coup|invasion|offensive|ceasefire|cease-fire|truce|agreement|accord|deal|election|vote|clashes"
                   r"|shooting|assault|uprising|ambush)\b)", re.I),
        (("Breaches have grown since the 3 May air raid on the depot.", True),
         ("Schools stayed shut since Monday's bombing of the market.", True),
         ("Shelling has gone on since the truce.", False)),
    ),
)


def since_happening(sentence: str, offset: int, timexes: Sequence[Timex], report_day: dt.date,
                    rules: Sequence[SinceRule] = SINCE_RULES) -> tuple[int, int, Dated] | None:
    """The earlier happening a sentence's "since" clause names, with its day: ``(start, end, dated)`` in the sentence, or ``None``.

    ``timexes`` are all the sentence's expressions (the "since" clause's too), offsets into the text at ``offset``.

    >>> s = "Monitors logged 300 breaches since the truce came into force on 2 March."
    >>> found = since_happening(s, 0, dates.find_timexes(s, dt.date(2016, 3, 8)), dt.date(2016, 3, 8))
    >>> s[found[0] : found[1]], found[2].date
    ('the truce came into force on 2 March', '2016-03-02')
    >>> s = "Breaches grew since the 27 February air battle over the line."
    >>> found = since_happening(s, 0, dates.find_timexes(s, dt.date(2020, 1, 26)), dt.date(2020, 1, 26))
    >>> s[found[0] : found[1]], found[2].date
    ('the 27 February air battle', '2019-02-27')
    >>> s = "Prices rose since the unrest began last March."
    >>> since_happening(s, 0, dates.find_timexes(s, dt.date(2012, 1, 8)), dt.date(2012, 1, 8)) is None
    True
    """
    for rule in rules:
        for m in rule.pattern.finditer(sentence):
            start, end = m.span("what")
            end = start + len(sentence[start:end].rstrip(" .!?\"'”’"))
            inside = [t for t in timexes if start <= t.start - offset < end]  # "on Dec. 18, 2018" may run past a comma
            if not inside:
                continue
            found = pick(sentence, offset, inside, report_day)
            if found is None or found.granularity != "day" or found.role not in ("happening", "night"):
                continue
            if found.date > report_day.isoformat() and not re.search(r"\b\d{4}\b", found.text):
                # what a "since" names is past: a month and day read ahead ("since the February 27 battle",
                # told in January) is last year's
                month, day = int(found.date[5:7]), int(found.date[8:10])
                year = report_day.year if (month, day) <= (report_day.month, report_day.day) else report_day.year - 1
                found = Dated(f"{year:04d}-{month:02d}-{day:02d}", found.granularity, found.text, found.role, found.mod)
            if found is None or found.date > report_day.isoformat():
                continue
            # the happening's words end with its day ("the mission began on 26 December", not what follows it)
            # or with the noun its day is part of ("the 9 May air raid")
            last = max((t.end - offset for t in inside if t.text == found.text), default=end)
            return start, max(last, end) if rule.name == "since-dated-noun" else last, found
    return None
