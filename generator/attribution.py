"""Attribution: who reported a figure ("..., the Observatory said"), read from the sentence's structure.

A reporter is the subject of a reporting verb (said, reported, told,
announced, claimed, ...), the object of "according to X", or the agent of
"recorded by X". Which reporter a figure belongs to depends on where it is:

* an intro before it ("X said six were killed") owns what follows up to the
  next reporter;
* a trailing reporter (", X said.") owns the clause before it;
* a clause boundary (";", "while", "whereas") starts a new speaker's clause.

A reference to a reporter named earlier ("the group", "it", "the monitor")
resolves through ``AttributionContext``, which the caller feeds every
sentence of the article in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from . import eventness, lexicons
from .anchored import Matches, Words
from .needles import needled

# Reporting verbs, each with the shape it reads. A verb counts only with a subject that can speak
# (``_is_speaker``) and not in the passive ("were reported" names nobody).
REPORTING_VERBS: tuple[tuple[str, str], ...] = (
    (r"said|says|say", "the Observatory said six died / six died, the Observatory said"),
    (r"reads", "\"... six soldiers were wounded,\" the statement reads"),
    (r"reported|reports", "state news agency SANA reported"),
    # not a performative with its object ("Iraq declared victory over the group", "the army announced a curfew"): no report
    (r"(?:announced|declared)(?!\s+(?:victory|war|independence|martial\s+law|an?\s+(?:curfew|state\s+of|end\s+to|truce|ceasefire))\b)"
     r"|stated|added|confirmed|noted|wrote|tweeted|posted", "the ministry announced that ..."),
    # not "claimed the lives of six" (a death), nor "claimed responsibility for" (a deed, not a count)
    (r"(?:claimed|claims|claim)(?!\s+(?:the\s+)?(?:li(?:fe|ves)|responsibility)\b)", "the group claimed its fighters killed 14"),
    (r"(?:issued|released|published)\s+a\s+statement(?:\s+saying)?", "the ministry earlier issued a statement that ..."),
    (r"revealed|warned|estimated|estimates|estimate|documented|recorded|registered|counted|identified", "the mission documented 40 deaths"),
    (r"indicated|explained|stressed|emphasi[sz]ed|elaborated|specified|underlined|pointed\s+out",
     "the police indicated in a statement that ... / the governor stressed that ... / the spokesman elaborated"),
    (r"told\s+(?:the\s+)?(?:[A-Z][\w.]*\s*)+|told\s+(?:reporters|journalists|the\s+(?:press|media|agency|station|channel|newspaper))|"
     r"told\s+(?:the\s+|a\s+|an\s+|our\s+|this\s+)?(?:[\w-]+\s+){0,2}?(?:radio|television|tv|agency|newspaper|paper|channel|station|"
     r"broadcaster|website|outlet|media|daily|correspondent|reporters?|journalists?|news\s*men)\b",
     "a resident told Reuters / the mayor told reporters / the chief told state radio / locals told our correspondent"),
    (r"put\s+(?:the|its|their|[A-Z][\w]*[’']s|\w+day[’']s)\s+(?:death\s+)?(?:toll|number|figure|count)"
     r"(?:\s+of\s+(?:[\w-]+\s+){1,2}?(?:killed|dead|wounded|injured|displaced))?\s+at",
     "two groups put Tuesday's toll at 84 / a doctor put the number of marchers killed at up to 20"),
    (r"(?:revised|raised|lowered|updated|revises|raises|lowers|updates)(?:\s+(?:sharply|again|(?:up|down)(?:ward)?s?))*"
     r"\s+(?:the|its|their)\s+(?:death\s+)?(?:toll|number|figure|count)\b",
     "the authorities revised the toll down to 253 / the ministry raised its death toll to 40 / "
     "the government sharply revised downward the toll"),
)
_SPEECH = "|".join(pattern for pattern, _ in REPORTING_VERBS)
_SPEECH_RE = re.compile(rf"(?<![\w-])(?:{_SPEECH})\b")  # not "UK-registered"
# "was reported", "who said": no speaker before the verb. "has said", "had reported" are active.
_AUX_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|being|who|which|that)\s*$", re.I)
_TRAIL_AFTER = re.compile(  # read with .match(sentence, pos): no "^"
    r"\s*(?:[.!?\"”’']|$|,|in\s+(?:its|a|an|the|his|her|their)\b|(?:on\s+)?\w+day\b|on\s+(?:its|the|his|her)\b|late\b|earlier\b|"
    r"yesterday\b|today\b|later\b|at\s+a\b|during\b|via\b|citing\b|quoting\b)",
    re.I,
)
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "the bulletin", "the statement", "the report", "a statement",
             "the center", "the centre", "its statement", "the release", "a spokesman", "the spokesman"}
_GENERIC_REPORTERS = re.compile(
    r"^(?:(?:state|official|local|pro-government|opposition|government|syrian|russian|turkish|israeli|iraqi|iranian|ukrainian|"
    r"rebel)\s+)*(?:television|tv|media|news\s+agency|agency|radio|activists?|witnesses|residents|officials?|medics|doctors|"
    r"rescuers|sources|monitors?|observatory|ministry|army|military|police|spokesman|spokeswoman|spokesperson|hospital\s+officials?|"
    r"security\s+sources|health\s+officials?|rescue\s+workers|paramedics|governor|mayor)$",
    re.I,
)
# Head nouns of a reporter phrase that may be written in lower case ("state news agency SANA", "residents").
REPORTER_HEADS = (
    # people
    "resident|local|witness|activist|medic|doctor|nurse|paramedic|rescuer|survivor|relative|family|families|"
    "analyst|journalist|correspondent|reporter|spokes(?:man|woman|person)|spokesmen|spokeswomen|leader|minister|president|"
    "envoy|ambassador|diplomat|commander|chief|head|director|official|representative|officer|governor|mayor|lawmaker|"
    "member|monitor|observer|expert|investigator|worker|volunteer|imam|priest|cleric|elder|source|"
    # bodies
    "television|tv|media|news|agency|agencies|radio|channel|station|newspaper|daily|website|outlet|broadcaster|"
    "observatory|ministry|ministries|army|military|police|militia|hospital|authority|authorities|administration|office|"
    "service|command|group|organi[sz]ation|network|mission|committee|council|coalition|alliance|side|forces|government|"
    "department|headquarters|bureau|watchdog|rebels|militants|opposition|regime|movement|party|union|association|body|"
    "bodies|team|unit|centre|center|commission|board|statement|report|tally|count|data|figures|estimate|"
    "Kremlin|Pentagon|state"
)
# Head nouns of a phrase that is counted, never a speaker ("the number of victims recorded", "20 violations registered").
COUNTED_HEADS = (
    "number|numbers|toll|tolls|total|totals|figure|figures|victims|casualties|deaths|dead|people|persons|civilians|"
    "violations|incidents|attacks|cases|shells|rockets|missiles|strikes|bodies|fatalities|injuries|breaches|times"
)
# A definite reference to a reporter named before: "the group said", "the monitor said".
REFERENCE_HEADS = ("group", "monitoring group", "monitor", "war monitor", "watchdog", "organization", "organisation",
                   "network", "body", "mission", "center", "centre", "rights group", "source")
_REPORTER_HEAD_RE = re.compile(rf"^(?:{REPORTER_HEADS})(?:s|es)?$", re.I)
_COUNTED_HEAD_RE = re.compile(rf"^(?:{COUNTED_HEADS})$", re.I)
# Words that are never a reporter's name on their own: "said Wednesday", "(AP)" datelines are handled apart.
_NOT_NAMES = re.compile(
    r"^(?:(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|yesterday|tonight|"
    r"(?:this|last|on)\s+\w+|january|february|march|april|may|june|july|august|september|october|november|december)$",
    re.I,
)
# "According to preliminary figures from the interior ministry", "according to confirmed UN data": the body, not the document.
_DOCUMENT_OF = re.compile(
    r"^(?:(?:the|a|an|its|their|his|her)\s+)?(?:(?:latest|preliminary|confirmed|official|initial|updated|new|final|daily|provisional)\s+)*"
    r"(?:(?:figures|data|statistics|estimates?|tally|count|report|reports|information|numbers|testimony|accounts?)\s+(?:from|of)|"
    r"(?-i:[A-Z]{2,6}\s+)?(?:figures|data|statistics|estimates?|tally|count|report|reports|information|numbers|reply|response)\s+"
    r"(?:by|released\s+by|issued\s+by))\s+",
    re.I,
)
_DOCUMENT_AFTER = re.compile(
    r"^(?:(?:latest|preliminary|confirmed|official|initial|updated|new|final|daily|provisional)\s++)*+(.*?\S)\s++"
    r"(?:figures|data|statistics|estimates?|tally|count|reports?|information|numbers)$",
    re.I,
)
_FUNCTION_WORDS = {"to", "of", "by", "for", "from", "with", "the", "a", "an", "and", "or", "in", "on", "at", "as", "than"}
_DOCUMENT_ALONE = re.compile(r"^(?:the|this|that|its|their)\s+(?:report|statement|bulletin|data|figures|statistics|numbers|estimates?|"
                             r"tally|count|release|update)$", re.I)
_POSSESSIVE_PRONOUN = re.compile(r"^(?:its|their|his|her)\b", re.I)
# A news-agency dateline opening a sentence: "KABUL (AP) —", "TRIPOLI, Libya (Reuters) -", "MOSUL, Iraq —".
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w .'-]{1,30}?)?\s*(?:\(\s*[\w .,/&-]{1,30}\)\s*(?:[-—–]+|:)?|[-—–]+|:)\s+"
)
_VERBISH = re.compile(
    r"\b(?:was|were|is|are|had|has|have|left|after|when|which|who|while|because|if|as|than|been|be|did|do|does)\b",
    re.I,
)
# ", a farmer from the village," is an appositive; ", a medic said," is a speaker (", a medic said, citing ...")
_APPOSITIVE = re.compile(rf"[—–]\s*[^—–]{{1,80}}?\s*[—–]|\s[-]\s[^-]{{1,60}}?\s[-]\s|,\s+(?:a|an)\s+(?![^,]*?(?<![\w-])(?:{_SPEECH})\b)[^,]{{1,70}},")
_ORG_WORDS = (
    "Observatory|Ministry|Center|Centre|Committee|Council|Agency|Office|Organization|Organisation|Commission|"
    "Army|Forces|Force|Command|Cross|Crescent|Network|Union|Nations|Television|TV|Watch|Service|Services|"
    "Coalition|Group|Front|Helmets|News|Authority|Department|Government|Police|Defense|Defence|Monitor|Bureau|"
    "Federation|Institute|Mission|Programme|Program|Fund|Frontieres|Frontières|Amnesty|UNICEF|UNHCR|OCHA|WHO|"
    "Reuters|AFP|AP|SANA|TASS|Sputnik|Interfax|RIA|Xinhua|Anadolu|Rights|Headquarters|Staff|Brigade|Movement|Party"
)
_NAME_RUN = re.compile(
    r"\b(?:[A-Z][\w’'.&-]*|al-\w+)(?:\s+(?:(?:of|for|the|and|on|de|du|al|el|in)\s+)*(?:[A-Z][\w’'.&-]*|al-\w+))*"
)
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z]{2,8})\s*\)")
_NORMALISE = {"centre": "center", "defence": "defense", "organisation": "organization", "programme": "program"}
_NO_EXPAND = {"army", "military", "government", "police", "rebels", "opposition", "regime", "coalition"}
_STOPWORDS = {"the", "a", "an", "of", "for", "and", "on", "in", "its", "de", "du", "al", "el", "'s", "’s"}


@lru_cache(maxsize=4096)
def _words(name: str) -> tuple[str, ...]:
    """Content words of a name, normalised (cached: asked for every known name at each lookup)."""
    return tuple(
        _NORMALISE.get(w, w)
        for w in re.findall(r"[\w-]+", name.lower().replace("’s", "").replace("'s", ""))
        if w not in _STOPWORDS
    )


_ORG_RE = re.compile(rf"\b(?:{_ORG_WORDS})\b")


_DAY_TIME = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?|"
             r"today|yesterday|tonight|overnight")
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_MONTH_DAY = rf"{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?"
# A time before the reporter is not part of its name: "On Wednesday the group said".
_LEADING_TIME = re.compile(
    rf"^(?:(?:late|early|earlier|later)\s+)?(?:on\s+|during\s+the\s+|over\s+the\s+)?(?:{_DAY_TIME}|{_MONTH_DAY}|(?:this|last|past)\s+(?:day|24\s+hours|week|month|morning|"
    r"afternoon|evening|night)|in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december))\b[\s,]*",
    re.I,
)

# ... and neither is a time or a medium after it: "The ministry on Thursday said", "the governor earlier today said",
# "the spokesman in a Twitter statement said".
_TRAILING_TIME = re.compile(
    rf"(?:\s+(?:on|late|early|earlier|later|also))*\s+(?:{_DAY_TIME}|{_MONTH_DAY}|"
    r"in\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|post|message|tweet|briefing|interview|update))$",
    re.I,
)

_ADJECTIVAL = re.compile(r"^(?:[a-z]+(?:al|an|ese|ish|ic)|state|regional|local|senior|deputy|chief|health|defen[cs]e|foreign|interior)$")


@lru_cache(maxsize=4096)
def _clean_name(name: str) -> str:
    name = re.sub(r"\s*\([A-Z][A-Za-z&.-]{1,10}\)", "", name)  # "Mission (SMM)": the acronym is known apart
    name = re.sub(r"\s+", " ", name).strip(" ,;:\"“”'’()•·*")
    name = re.sub(r"^[-–—]\s+", "", name)  # a list item's marker ("- The mission recorded ...")
    name = re.sub(r"(?<=[a-z]{2})\.$", "", name)  # "... Human Rights." ends a sentence, "U.S." keeps its stop
    name = re.sub(r"^(?:(?:and|but|while|whereas|although|though|meanwhile|however|also|now|then|separately|where|when|as|after|"
                  r"because|since|in\s+addition)\b[\s,]*)+", "", name, flags=re.I)
    name = _LEADING_TIME.sub("", name)
    name = re.sub(r"^(?:[A-Z][\w'’-]*\s+){1,3}(?=The\s)", "", name)  # "Baghdad The Israeli army": a dateline run in
    timed = _TRAILING_TIME.search(name) if " " in name else None
    if timed and all(w[0].isupper() or w in _FUNCTION_WORDS or _REPORTER_HEAD_RE.match(w) or _ADJECTIVAL.match(w) or w[-2:] in ("'s", "’s")
                     for w in name[: timed.start()].split()):
        name = name[: timed.start()]  # only after a plain name, never after a clause ("X will visit Y on Tuesday")
    name = re.sub(r"^(?:its|their|his|her)\s+(?!(?:report|statement|data|figures|statistics|numbers|estimates?|tally|count|bulletin|"
                  r"release|update)\b)", "", name)
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    name = re.sub(r"(?:’s|'s)$", "", name)
    return name.strip()


@lru_cache(maxsize=1 << 14)
def _organisations(sentence: str) -> tuple[tuple[str, str | None], ...]:
    """The runs of capitalised words in ``sentence`` that name an organisation, each with the acronym
    bracketed after it (cached: ``for_article`` and the main pass read every sentence).

    >>> _organisations("The Syrian Observatory for Human Rights (SOHR) and Red Crescent said so.")
    (('The Syrian Observatory for Human Rights', 'SOHR'), ('Red Crescent', None))
    """
    found = []
    for m in _NAME_RUN.finditer(sentence):
        run = m.group()
        if len(run.split()) >= 2 and _ORG_RE.search(run):
            acro = _ACRONYM_AFTER.match(sentence, m.end())
            found.append((run, acro[1] if acro else None))
    return tuple(found)


class AttributionContext:
    """What an article has named so far, to expand short references.

    >>> ctx = AttributionContext()
    >>> ctx.observe("the Syrian Observatory for Human Rights said about 10 shells fell.")
    >>> ctx.resolve("the Observatory")
    'Syrian Observatory for Human Rights'
    """

    def __init__(self) -> None:
        # name -> its content words, oldest first; a re-mention moves a name to the end
        self.names: dict[str, tuple[str, ...]] = {}
        # content word -> the names that contain it, in the same order: a lookup reads only these
        self._by_word: dict[str, dict[str, None]] = {}
        self.acronyms: dict[str, str] = {}
        self.last_reporter: str | None = None
        self.last_person: str | None = None  # the last reporter who is a person: whom "he said" / "she added" names
        self.last_body: str | None = None  # the last reporter who is no person: whom "it said" names
        self.first_reporter: str | None = None  # the first reporter the whole article names (``for_article``)
        self.moved_on = False  # a sentence opened another incident: no reporter carries into it until one is named
        self.quoted_by: dict[str, _Reporter] = {}  # a sentence inside a quote → who the quote's closing names
        self.introduced: dict[str, tuple[str, str]] = {}  # "a watchdog said" → the body the next sentence names
        self.voices = 1  # how many different reporters the whole article names, up to two (``for_article``; media aside)
        self.next_named: dict[str, str] = {}  # a sentence naming nobody → the next reporter the article names after it
        self.in_paragraph = False  # the last reporter was named in the current paragraph
        self.named_just_before = False  # the last sentence named or mentioned the last reporter

    @classmethod
    def for_article(cls, sentences: Iterable[str]) -> AttributionContext:
        """A context that knows the first reporter the article names, for sentences before it.

        A statement passed on by an outlet often opens with the figures and names its author
        later ("Two people were killed ... ", "... the governor wrote on Telegram").

        >>> ctx = AttributionContext.for_article(["Two people died.", "The governor's office said so."])
        >>> ctx.first_reporter, ctx.last_reporter
        ("Governor's office", None)
        """
        sentences = list(sentences)
        ahead = cls()
        first = None
        voices: list[str] = []
        waiting: list[str] = []  # sentences that name nobody since the last one that named a reporter
        next_named: dict[str, str] = {}
        for sentence in sentences:
            ahead.observe(sentence)
            first = first or ahead.last_reporter
            named = ahead.last_reporter if _reporters(sentence) else None
            if named is None:
                waiting.append(sentence)
                continue
            next_named.update((w, named) for w in waiting)
            waiting = []
            # only one voice or several matters: counting stops at two (else each new name was compared with every
            # voice so far, quadratic in a long article's reporters; issue 11)
            if len(voices) < 2 and not is_medium(named) and not any(_one_voice(named, v) for v in voices):
                voices.append(named)
        context = cls()
        context.first_reporter = first
        context.voices = len(voices)
        context.next_named = next_named
        context.quoted_by = quote_owners(sentences)
        context.introduced = introduced_bodies(sentences)
        return context

    def _add(self, name: str) -> None:
        name = _clean_name(name)
        if len(_words(name)) < 1:
            return
        words = self.names.pop(name, None) or _words(name)
        self.names[name] = words
        for w in words:
            holders = self._by_word.setdefault(w, {})
            holders.pop(name, None)
            holders[name] = None
        initials = "".join(w[0] for w in _words(name) if w[0].isalpha()).upper()
        if len(initials) >= 2:
            self.acronyms.setdefault(initials, name)

    def observe(self, sentence: str, new_paragraph: bool = False) -> None:
        """Remember organisations named in ``sentence`` and its reporter (``new_paragraph``: it opens a paragraph)."""
        if new_paragraph:
            # a body's statement goes on into the next paragraph right after the body is named or mentioned
            # ("According to the General Staff, ...", "The Observatory does not count ..."); a person's words do not
            self.in_paragraph = self.named_just_before and bool(self.last_reporter) and not is_person(self.last_reporter or "")
        for run, acronym in _organisations(sentence):
            self._add(run)
            if acronym:
                self.acronyms[acronym] = _clean_name(run)
        reporters = _reporters(sentence)
        for r in reporters:
            if len(_words(r.name)) >= 2 and r.name.lower() not in _PRONOUNS and not _GENERIC_REPORTERS.match(_clean_name(r.name)):
                self._add(r.name)
        named = None
        if reporters:
            # the sentence's own reporter, as a figure at its end would get it: the innermost,
            # not the outlet that carried it ("X said this on Telegram, Ukrinform reports")
            named = find_attribution(sentence, self)
            if named:
                self.last_reporter = named
                self.in_paragraph = True
                self.first_reporter = self.first_reporter or named
                if is_person(named):
                    self.last_person = named
                else:
                    self.last_body = named
        author = None if named else heading_author(sentence)
        if author:
            self._add(author)
            self.last_reporter = named = self.resolve(author) or author
            self.in_paragraph = True
            self.first_reporter = self.first_reporter or named
        if opens_new_incident(sentence) and not named:
            self.last_reporter, self.moved_on = None, True
        self.named_just_before = bool(named) or _mentions(sentence, self.last_reporter)

    def _latest_with(self, short: tuple[str, ...]) -> str | None:
        """The most recent name with more words than ``short`` and every word of it.

        Reads only the names holding the rarest of those words (most recent
        first), so a lookup does not grow with every name the article has made.
        """
        pools = [self._by_word.get(w) for w in short]
        if not all(pools):
            return None
        for known in reversed(min(pools, key=len)):  # type: ignore[arg-type]
            long = self.names[known]
            if len(long) > len(short) and all(w in long for w in short):
                return known
        return None

    def resolve(self, name: str) -> str | None:
        """A reference ("the Observatory", "the ministry", "SOHR") → the fullest name seen.

        Pronouns and documents ("it", "the bulletin") resolve to the last
        reporter. Unknown names come back cleaned ("the Observatory" →
        "Observatory"); nothing known → ``None`` for pronouns.
        """
        cleaned = _clean_name(name)
        if not cleaned:
            return None
        lowered = cleaned.lower()
        is_center = lowered in ("center", "centre")  # "the center" is a reference, not a pronoun
        if not is_center and (name.strip().lower() in _PRONOUNS or lowered in _PRONOUNS or f"the {lowered}" in _PRONOUNS):
            if lowered in ("he", "she") and self.last_person and not is_person(self.last_reporter or ""):
                return self.last_person  # "Musa said ...; the police said ...; he said": a person, not the police
            if lowered == "it" and self.last_body and is_person(self.last_reporter or ""):
                return self.last_body  # "the ministry said ...; Musa said ...; it said": a body, not Musa
            return self.last_reporter
        if cleaned.upper() == cleaned and re.fullmatch(r"[A-Z.]{2,8}", cleaned):
            # "UN" is not "UN Security Council": acronyms expand only by their initials
            return self.acronyms.get(cleaned, cleaned)
        short = _words(cleaned)
        if short and not (len(short) == 1 and short[0] in _NO_EXPAND):
            # "the army" is rarely the "Free Syrian Army" named earlier, so single generic words stay
            known = self._latest_with(short)
            if known:
                return known
        # "the UK-registered organization", "the Britain-based monitor"; not "another rights group"
        definite = (cleaned.split()[-1] in REFERENCE_HEADS
                    and not re.match(r"^(?:another|other|a\s+second|second)\b", cleaned, re.I)
                    and not any(w[0].isupper() and "-" not in w for w in cleaned.split()))  # "the UN mission" is a name
        if _DOCUMENT_ALONE.match(name.strip()):
            return self.last_reporter  # "according to the data": the last reporter's, or nobody named yet
        if self.last_reporter and (lowered in REFERENCE_HEADS or definite or _POSSESSIVE_PRONOUN.match(cleaned)):
            # "the group said", "according to their data": the reporter named before
            return self.last_reporter
        return _display(cleaned)


# Person heads by meaning (the ones ``_PERSON_SUFFIX`` does not catch) and titles before a name.
_PERSON_HEADS = re.compile(r"^(?:resident|local|witness|activist|medic|doctor|nurse|paramedic|rescuer|survivor|relative|analyst|"
                           r"journalist|correspondent|spokes(?:man|woman|person)|leader|minister|president|envoy|ambassador|"
                           r"diplomat|commander|chief|head|director|official|representative|officer|governor|mayor|lawmaker|"
                           r"member|expert|investigator|worker|volunteer|imam|priest|cleric|elder|source|villager|farmer|"
                           r"secretary|general|colonel|captain|major|inspector|superintendent|administrator|councillor|"
                           r"councilor|chairman|chairperson|deputy|adviser|advisor|aide|student|teacher|man|woman|mother|"
                           r"father|son|daughter|brother|sister|husband|wife|guard|soldier|fighter|militant)$", re.I)
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Maj|Capt|Lt|Sgt|Brig|Prof|Sheikh)\.?\s+[A-Z]")
_PERSONAL_NAME = re.compile(r"(?:^|\s)[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3}$")


def is_person(name: str) -> bool:
    """Is this reporter one person, whom "he"/"she" can name: a person noun ("a local official",
    "the army spokesman"), a title ("Mr Singh") or a personal name ("Ali Musa"), never a body or a group.

    >>> [is_person(n) for n in ("Militia commander Ali Musa", "Mr Singh", "army spokesman", "village elder")]
    [True, True, True, True]
    >>> [is_person(n) for n in ("Army", "Pakistan Rangers", "residents", "Syrian Observatory for Human Rights", "United Nations")]
    [False, False, False, False, False]
    """
    name = name.strip()
    if not name:
        return False
    head = re.sub(r"[’']s$", "", _head(name)).strip("()")
    if head[:1].islower():
        return bool(_PERSON_HEADS.match(head) or (_PERSON_SUFFIX.match(head) and not head.endswith("s")))
    if _TITLE.search(name):
        return True
    if _ORG_RE.search(name) or head.endswith("s") or head.isupper():
        return False
    return bool(_PERSONAL_NAME.search(name))


def _mentions(sentence: str, reporter: str | None) -> bool:
    """Does the sentence mention the reporter by an organisation word or acronym of its name ("The Observatory
    does not count the missing" after the Syrian Observatory for Human Rights)?

    >>> _mentions("The Observatory does not count the missing.", "Syrian Observatory for Human Rights")
    True
    >>> _mentions("The observatory tower was hit.", "Syrian Observatory for Human Rights"), _mentions("Two died.", None)
    (False, False)
    """
    if not reporter:
        return False
    return any(w in sentence and re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", sentence) for w in _marks(reporter))


@lru_cache(maxsize=512)
def _marks(reporter: str) -> tuple[str, ...]:
    """The organisation words and acronyms of a reporter's name (cached: asked once per sentence)."""
    return tuple(w for w in re.findall(r"[\w'’-]+", reporter) if _ORG_RE.fullmatch(w) or (len(w) >= 2 and w.isupper()))


def _one_voice(a: str, b: str) -> bool:
    """Do two reporter names name one voice: one's words all in the other's, a shared proper word, or an acronym?

    >>> _one_voice("Inter-Services Public Relations", "Director General ISPR Major General Babar Iftikhar")
    True
    >>> _one_voice("Regional governor", "Pro-Russian separatists"), _one_voice("Health Ministry", "Defence Ministry")
    (False, False)
    """
    wa, wb = set(_words(a)), set(_words(b))
    if not wa or not wb:
        return False
    if wa <= wb or wb <= wa:
        return True
    proper = {w for w in re.findall(r"[A-Z][\w'’-]*", a) if not _REPORTER_HEAD_RE.match(w) and not _ORG_RE.fullmatch(w)}
    if any(w in re.findall(r"[A-Z][\w'’-]*", b) for w in proper):
        return True
    return _acronym_in(a, b) or _acronym_in(b, a)


def _acronym_in(short: str, long: str) -> bool:
    """Is an all-capitals word of ``short`` the initials of ``long``'s capitalised words (in order)?"""
    initials = "".join(w[0] for part in re.findall(r"[A-Za-z][\w]*", long) for w in part.split("-") if w[:1].isupper())
    for acronym in re.findall(r"\b[A-Z]{2,}\b", short):
        rest = iter(initials)
        if all(c in rest for c in acronym):
            return True
    return False


def _display(name: str) -> str:
    """First letter up, the rest as written: "state television" → "State television"."""
    return name[0].upper() + name[1:] if name else name


@dataclass(frozen=True, slots=True)
class _Reporter:
    name: str
    start: int  # where the reporter phrase starts
    anchor: int  # where the content it introduces starts (intro) or the phrase itself (others)
    kind: str  # intro | trail | according | agent
    indefinite: bool = False  # "a military source said", "according to one activist group": someone new, unnamed


_INDEFINITE = re.compile(r"\s*(?:a|an|one)\s", re.I)


def _cut_at_lowercase(name: str) -> str:
    """ "UN UN denied access" → "UN UN": a capitalised name ends at its first lowercase content word.

    >>> _cut_at_lowercase("UN UN denied access"), _cut_at_lowercase("Lebanese health Ministry")
    ('UN UN', 'Lebanese health Ministry')
    """
    words = name.split()
    if words and words[0].lower() == "the":
        return "the " + _cut_at_lowercase(" ".join(words[1:])) if len(words) > 1 else name
    if not words or not words[0][0].isupper():
        return name
    for i, w in enumerate(words[1:], 1):
        if w[0].islower() and w.lower() not in _STOPWORDS and not _REPORTER_HEAD_RE.match(w):
            if i + 1 < len(words) and _ORG_RE.fullmatch(words[i + 1]) and _ADJECTIVAL.match(w):
                continue  # "the Lebanese health Ministry": the name goes on to its head
            return " ".join(words[:i])
    return name


# How far back, in words, a reporter phrase can reach before its verb. Real ones stop at a clause break
# long before; the bound keeps a sentence of thousands of words without one linear (issue 11).
_REACH = 50


class _Scan:
    """A sentence read for all its speech verbs: a long one's words and clause breaks are found once (issue 11).

    >>> text = "Residents, rescuers and the ministry said"
    >>> _Scan(text, text).last_break(37), _Scan(text * 20, text * 20).last_break(37)
    (22, 22)
    """

    __slots__ = ("sentence", "masked", "_words", "_breaks")
    LONG = 400  # characters: a shorter sentence is searched again for each verb, cheaper than indexing it

    def __init__(self, sentence: str, masked: str) -> None:
        self.sentence, self.masked = sentence, masked
        self._words: Words | None = None
        self._breaks: tuple[Matches, Matches] | None = None

    def words(self) -> Words:
        if self._words is None:
            self._words = Words(self.masked)
        return self._words

    def last_break(self, end: int) -> int:
        """Where the last clause break before ``end`` ends, minus one (-1: none)."""
        if len(self.masked) <= self.LONG:
            return max((m.end() - 1 for p in (_CUT, _BOUNDARY) for m in p.finditer(self.masked, 0, end)), default=-1)
        if self._breaks is None:
            self._breaks = Matches(_CUT, self.masked, self.words()), Matches(_BOUNDARY, self.masked, self.words())
        found = [m.end() - 1 for m in (b.last(0, end) for b in self._breaks) if m is not None]
        return max(found, default=-1)

    def reach(self, end: int, since: int) -> int:
        """Where a phrase ending at ``end`` starts: at ``since``, or ``_REACH`` words before ``end`` if that is later."""
        if end - since < 2 * _REACH:  # fewer characters than that many words take
            return since
        return max(since, self.words().window_start(end, _REACH))


def _rstrip_end(text: str, end: int, chars: str | None = None) -> int:
    """``len(text[:end].rstrip(chars))`` without copying ``text[:end]``.

    >>> _rstrip_end("the group ,, said", 13, None), _rstrip_end("the group ,, said", 12, ","), _rstrip_end("   ", 3)
    (12, 10, 0)
    """
    while end and (text[end - 1] in chars if chars else text[end - 1].isspace()):
        end -= 1
    return end


_PERFECT = re.compile(
    r"(?:\s(?:has|have|had))?(?:\s(?:officially|also|later|previously|earlier|separately|initially|again|already|publicly|"
    r"reportedly|allegedly|recently|repeatedly|famously|quickly|sharply|formally|subsequently|finally|further|additionally))?\s*$"
)
_MODIFIER = re.compile(r"\s*(?!the\b|a\b|an\b)[a-z]")


def _np_before(scan: _Scan, verb_start: int) -> tuple[str, int] | None:
    """The noun phrase right before a speech verb: the reporter."""
    masked = scan.masked
    # a match is at most 17 characters before the trailing spaces ("\shad\srepeatedly")
    perfect = _PERFECT.search(masked, max(0, _rstrip_end(masked, verb_start) - 20), verb_start)
    if perfect and perfect.group().strip():
        # "the press office has reported": the auxiliary is part of the verb
        verb_start = perfect.start()
    end = _rstrip_end(masked, verb_start)
    if end and masked[end - 1] == ",":
        # "Another group, the Local Coordination Committees, put the toll at 30": the appositive names it;
        # "The Ministry of Health, run by the government, reported" and "Activists in Homs, the third
        # largest city, said": the appositive is no speaker, the name is before it
        end = _rstrip_end(masked, _rstrip_end(masked, end, ","))
        comma = masked.rfind(",", 0, end)
        modifier = comma > 0 and _MODIFIER.match(masked, comma + 1, verb_start)
        appositive = None if modifier else _np_ending(scan, end)
        if appositive is None and comma > 0:
            return _np_ending(scan, comma)
        if appositive is not None and comma > 0:
            return _named_with_title(scan, comma, appositive)
        return appositive
    return _np_ending(scan, verb_start)


def _named_with_title(scan: _Scan, comma: int, appositive: tuple[str, int]) -> tuple[str, int]:
    """ "Ali Musa, the head of the district council, said": the person's name with the title, not the title alone.

    >>> s = "Ali Musa, the head of the district council, said two died."
    >>> _np_before(_Scan(s, s), s.index("said"))
    ('Ali Musa, head of the district council', 0)
    >>> s = "Another group, the Local Coordination Committees, put the toll at 30."
    >>> _np_before(_Scan(s, s), s.index("put"))
    ('Local Coordination Committees', 15)
    """
    title = appositive[0]
    if not re.match(r"[a-z]", title) and not title.lower().startswith(("head", "chief")):
        return appositive  # the appositive is itself a name ("the Local Coordination Committees")
    before = _np_ending(scan, comma)
    if before is None or not _PERSONAL_NAME.fullmatch(" " + before[0]) or _ORG_RE.search(before[0]):
        return appositive
    head = re.sub(r"[’']s$", "", _head(title))
    if not _PERSON_HEADS.match(head):
        return appositive
    return f"{before[0]}, {title[0].lower() + title[1:]}", before[1]


_CUT = re.compile(r"[,;:“”\"(—–]|\s-\s|--")
_BOUNDARY = re.compile(r"\b(?:that|while|whereas|but)\b|\band\b(?=\s+(?:the|a|an)\b|\s+[a-z])")


def _np_ending(scan: _Scan, verb_start: int) -> tuple[str, int] | None:
    """The reporter phrase that ends at ``verb_start``: back to the last clause break before it (at most ``_REACH`` words)."""
    masked, sentence = scan.masked, scan.sentence
    cut = scan.last_break(verb_start)
    start = scan.reach(verb_start, cut + 1)
    if _SPEECH_RE.search(masked, start, verb_start):
        # "X said on Wednesday it had documented ...": this verb is inside what X said (its "that" left out), so X,
        # the speaker of the verb before, is the reporter; the phrase never reaches back over that verb
        return None
    if start >= verb_start or masked[start:verb_start].isspace():
        return None
    text = sentence[start:verb_start]
    text = _APPOSITIVE.sub(" ", text)
    candidate = _clean_name(text)
    if not candidate:
        return None
    if len(candidate.split()) > 12 or _VERBISH.search(candidate):
        # "A day after ... left the city, the X said": take the trailing name
        runs = list(_NAME_RUN.finditer(text))
        if not runs or runs[-1].end() < len(text.rstrip()) - 1:
            return None
        candidate = _clean_name(runs[-1].group())
        start = start + runs[-1].start()
    candidate, start = _coordinated_speaker(scan, candidate, start, cut)
    if not _is_speaker(candidate, text):
        return None
    return candidate, start + (len(text) - len(text.lstrip()))


def _body_of(name: str) -> str:
    """The body behind a document named after "according to".

    >>> _body_of("preliminary figures from the interior ministry"), _body_of("confirmed UN data"), _body_of("their data")
    ('interior ministry', 'UN', 'their data')
    """
    if _DOCUMENT_ALONE.match(name.strip()):
        return name.strip()  # "according to the report": the reporter whose report it is
    name = _clean_name(name)
    if _POSSESSIVE_PRONOUN.match(name):
        return name  # "their data": a reference, resolved to the last reporter
    stripped = _DOCUMENT_OF.sub("", name)
    if stripped == name:
        after = _DOCUMENT_AFTER.match(name)
        stripped = after[1] if after and _is_speaker(after[1], after[1]) else name  # not "unconfirmed reports" → "unconfirmed"
    return _clean_name(stripped)


_HEAD_ENDS = re.compile(r"^(?:of|for|in|at|on|from|with|to|by|under|near|inside|outside|who|which|that)$", re.I)
_PARTICIPLE = re.compile(r"^[a-z]+(?:ed|ing)$")  # ends the head only before a preposition: "methods used by"
# Person nouns by their ending: "cleric", "refugees", "protester", "lawyer", "activist", "guardian".
_PERSON_SUFFIX = re.compile(r"^(?!(?:error|order|border|number|matter|letter|paper|water|power|sector|corridor|center|centre|"
                            r"quarter|chapter|theater|theatre|register|disaster|shelter|calendar|container)s?$)"
                            r"[a-z]+(?:er|or|ist|ian|ee|man|men|woman|women)s?$")


def _head(candidate: str) -> str:
    """The head noun of a phrase: the word before its first preposition or participle, else the last word.

    >>> _head("press office of the army command"), _head("Two monitoring groups"), _head("methods used by the militants")
    ('office', 'groups', 'methods')
    >>> _head("United Nations"), _head("armed group based in the north")
    ('Nations', 'group')
    """
    words = candidate.split()
    for i, word in enumerate(words[1:], 1):
        reduced_relative = _PARTICIPLE.match(word) and i + 1 < len(words) and _HEAD_ENDS.match(words[i + 1])
        if _HEAD_ENDS.match(word) or reduced_relative:
            return words[i - 1]
    return words[-1] if words else ""


def _is_speaker(candidate: str, text: str) -> bool:
    """Can this phrase be who reported? A name, a pronoun, or a reporting body; never a counted thing or a day.

    >>> _is_speaker("state news agency SANA", "state news agency SANA"), _is_speaker("number of victims", "The number of victims")
    (True, False)
    """
    if not candidate or _NOT_NAMES.match(candidate):
        return False
    words = candidate.split()
    if any(_COUNTED_HEAD_RE.match(re.sub(r"[’']s$", "", w)) for w in (_head(candidate), words[-1])) or re.match(r"^\d", candidate):
        return False  # "the number of victims recorded", "most of the casualties recorded"
    if words[-1].lower() in _FUNCTION_WORDS or words[0].lower() in ("no", "none", "nobody", "according", "compared"):
        return False  # "According to confirmed ...", "no independent source confirmed"
    head = re.sub(r"[’']s$", "", _head(candidate)).strip("()")
    # a name ("Reuters", "Kyrylenko", "SANA"), a pronoun, or a head that can report ("residents", "the ministry")
    return bool(re.search(r"[A-Z]", head) or candidate.lower() in _PRONOUNS or _REPORTER_HEAD_RE.match(head)
                or _PERSON_SUFFIX.match(head))


_SUBORDINATOR = re.compile(r"\b(?:as|after|when|because|since|although|though)\s+", re.I)


_AND_END = re.compile(r"\band\s*$")


def _coordinated_speaker(scan: _Scan, candidate: str, start: int, cut: int) -> tuple[str, int]:
    """ "residents and rescue workers said": the reporter phrase reaches back over "and" to a speaker.

    Only when what precedes "and" (back to the last comma) is itself a short speaker phrase.
    """
    masked, sentence = scan.masked, scan.sentence
    before_end = _rstrip_end(masked, cut + 1)
    if (not _AND_END.search(masked, max(0, before_end - 3), before_end)
            and not _AND_END.search(masked, scan.reach(start, 0), start)):
        return candidate, start
    head_end = _rstrip_end(masked, start)
    if head_end < 3 or not masked.startswith("and", head_end - 3, head_end):
        return candidate, start
    left_end = head_end - 3
    reach = scan.reach(left_end, 0)
    left_start = max(masked.rfind(c, reach, left_end) for c in ",;:“”\"(") + 1
    if not left_start and reach:
        return candidate, start  # no comma within reach: no short phrase before "and"
    # "killing five people as the police and other witnesses said": the speakers start after "as"
    sub_clause = list(_SUBORDINATOR.finditer(masked, left_start, left_end))
    if sub_clause:
        left_start = sub_clause[-1].end()
    left = _clean_name(sentence[left_start:left_end])
    if (not left or len(left.split()) > 4 or _VERBISH.search(left) or re.search(r"\b[a-z]+ed\b", left)
            or not _is_speaker(left, sentence[left_start:left_end])):  # not "the vacuum emboldened residents and ..."
        return candidate, start
    return f"{left} and {candidate}", left_start


# Words without which a sentence names no reporter (the phrases `_reporters` reads).
# "reports", "claims", "estimates" are nouns, not verbs, after a modifier or a preposition: "unconfirmed reports
# that", "after TV reports that", "confirmed media reports", "amid claims". "State TV reports that" stays a verb.
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:unconfirmed|confirmed|conflicting|unverified|initial|early|earlier|first|latest|recent|several|many|numerous|"
    r"multiple|such|these|those|separate|other|some|no)(?:\s+[\w-]+)?|\b(?:news|media|press)"
    r"|\b(?:after|following|amid|despite|of|on|from|to|denied|dismissed|cited)\s+(?:the\s+)?[\w-]+)\s+$",
    re.I,
)
_REPORTER_CUE = re.compile(rf"\b(?:{_SPEECH})\b|\b(?:[Aa]ccording\s+to|citing|quoting|cited\s+by|quoted|[Pp]er|observed\s+by)\b")


_INVERTED = re.compile(r"\s+((?:the\s+)?[A-Za-z][^,.;:\"“”]{1,80}?)\s*(?:[.,;]|$|\bin\s|\bon\s)")


@lru_cache(maxsize=1 << 14)
def _reporters(sentence: str) -> tuple[_Reporter, ...]:
    """Every reporter phrase in ``sentence``, in order (cached: asked once per figure, and
    ``for_article`` reads every sentence before the main pass does, so the cache holds a long article)."""
    if not _REPORTER_CUE.search(sentence):
        return ()
    masked = _APPOSITIVE.sub(lambda m: " " * len(m.group()), sentence)
    # a dateline is the outlet's office, never a reporter: blank it, ending in a clause break
    masked = _DATELINE.sub(lambda m: " " * (len(m.group()) - 1) + ";", masked, count=1)
    stamp = eventness.stamp_end(masked)  # a saved page's " date 2021-10-30" is no part of a name either
    if stamp:
        masked = " " * (stamp - 1) + ";" + masked[stamp:]
    # "the Joint Force Operation (JFO) headquarters said": an acronym in brackets is part of the name, no break
    masked = _BRACKETED_ACRONYM.sub(lambda m: f" {m[1]} ", masked)
    scan = _Scan(sentence, masked)
    found: list[_Reporter] = []
    for m in _SPEECH_RE.finditer(masked):
        before = _rstrip_end(masked, m.start())  # the end of the word before the verb
        # only the last word before the verb matters ("was reported"): search just there
        if _AUX_BEFORE.search(masked, max(0, before - 8), m.start()):
            relative = _relative_speaker(masked, sentence, m.start())  # "spoke to residents who said that ..."
            if relative:
                found.append(_Reporter(relative[0], relative[1], m.end(), "intro", bool(_INDEFINITE.match(sentence, relative[1]))))
            continue
        if m.group() in ("reports", "claims", "estimates") and _NOUN_BEFORE.search(masked, max(0, m.start() - 60), m.start()):
            continue  # "after unconfirmed TV reports that": a noun, nobody reports
        if m.group().endswith("ed") and _BY_AFTER.match(masked, m.end()):
            continue  # "footage posted on YouTube by activists showed": a participle; its agent is read apart
        # inverted: ', said the ministry.' / '” said X.'
        inv = _INVERTED.match(sentence, m.end())
        if inv and masked[before - 1 : before] in (",", "”", '"') and m.group() in ("said", "says", "reported", "added", "stated", "told"):
            name = _clean_name(_cut_at_lowercase(inv[1]))
            if name and len(name.split()) <= 8 and not re.search(r"\d", name) and _is_speaker(name, inv[1]):
                found.append(_Reporter(name, m.start(), m.start(), "trail", bool(_INDEFINITE.match(inv[1]))))
                continue
        np = _np_before(scan, m.start())
        if not np:
            continue
        name, np_start = np
        kind = "trail" if _TRAIL_AFTER.match(sentence, m.end()) else "intro"
        found.append(_Reporter(name, np_start, m.end() if kind == "intro" else np_start, kind,
                               bool(_INDEFINITE.match(sentence, np_start))))
    for m in _ACCORDING.finditer(sentence) if _ACCORDING_CUE.search(sentence) else ():
        if re.match(r"(?:our|my|we|us)\b", m[1], re.I):
            continue  # "according to our information," X said: the quoted speaker is X
        citing = m.group().startswith(("citing", "quoting"))
        body = _body_of(m[1])
        if not (_is_speaker(body, m[1]) or _DOCUMENT_ALONE.match(body) or _POSSESSIVE_PRONOUN.match(body)
                or _INFO_ONLY.match(_clean_name(body))):
            continue  # "citing a counting error", "according to the peace accords": a basis, not a speaker
        found.append(_Reporter(_titled(body, sentence, m.end()), m.start(), m.start(), "citing" if citing else "according",
                               bool(_INDEFINITE.match(m[1]))))
    for m in _QUOTED_AS.finditer(sentence) if "quoted" in sentence else ():
        found.append(_Reporter(_clean_name(m[1]), m.start(), m.end(), "intro", bool(_INDEFINITE.match(m[1]))))
    for m in _AGENT.finditer(sentence) if "by" in sentence else ():
        found.append(_Reporter(_clean_name(m[1]), m.start(), m.start(), "agent"))
    return tuple(sorted(found, key=lambda r: (r.start, r.kind)))


_NAME_AFTER = re.compile(r"\s*,\s+([A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3})\s*,")


def _titled(body: str, sentence: str, end: int) -> str:
    """ "according to the head of the council, Ali Musa, ...": the person named after the title, with it.

    >>> s = "According to the head of the village council, Ali Musa, two died."
    >>> _titled("head of the village council", s, s.index(","))
    'Ali Musa, head of the village council'
    >>> s = "According to the ministry, Two died."
    >>> _titled("ministry", s, s.index(","))
    'ministry'
    """
    named = _NAME_AFTER.match(sentence, end)
    if not named or not _PERSON_HEADS.match(re.sub(r"[’']s$", "", _head(body))):
        return body
    return f"{named[1]}, {body[0].lower() + body[1:]}"


_ACCORDING_CUE = re.compile(r"\b(?:[Aa]ccording|citing|quoting|cited|quoted|[Pp]er)\b")
# "according to a U.N. estimate": a full stop after a single capital is an initial's, not the name's end
_ACCORDING = re.compile(r"\b(?:[Aa]ccording\s+to|citing|quoting|cited\s+by|quoted\s+by|[Pp]er(?=\s+(?:the\s+)?[A-Z]))\s+((?:the\s+)?[A-Za-z](?:[^,.;:\"“”()]|(?<=\b[A-Z])\.){1,80}?)(?=\s*(?:[,;:()\"“”]|(?<!\b[A-Z])\.|\.\s*$|$|\bon\s+\w+day\b|\b(?:released|published|issued|compiled)\b(?!\s+by\b)|\b(?:from\s+)?(?:earlier\s+)?(?:last|this|that)\s+(?:week|month|year)\b|\bwho\b|\bwhich\b|\bas\s+saying\b))")
_WHO_BEFORE = re.compile(r"((?:[\w'’-]+\s+){1,6}?)who\s+(?:(?:also|had|have|has)\s+)*$")
_NOT_IN_SPEAKER = re.compile(r"^(?:to|with|in|on|at|of|from|by|for|about|among|and|or|spoke|talked|interviewed|met|quoted|visited|"
                             r"said|told|asked|according|including|than)$", re.I)


def _relative_speaker(masked: str, sentence: str, verb_start: int) -> tuple[str, int] | None:
    """The speaker a relative clause hangs on: "the mission spoke to residents who said ..." → residents.

    >>> s = "The monitors spoke to residents who said that two children died."
    >>> _relative_speaker(s, s, s.index("said"))
    ('residents', 22)
    >>> s = "Shells hit the houses, which were empty, who said so."
    >>> _relative_speaker(s, s, s.index("said")) is None
    True
    """
    m = _WHO_BEFORE.search(masked, max(0, verb_start - 80), verb_start)
    if not m:
        return None
    words = m[1].split()
    start = m.start(1)
    cut = max((i for i, w in enumerate(words) if _NOT_IN_SPEAKER.match(w) or _VERBISH.fullmatch(w)), default=-1)
    kept = words[cut + 1 :]
    if not kept or "," in " ".join(kept):
        return None
    offset = start + len(" ".join(words[: cut + 1])) + (1 if cut >= 0 else 0)
    name = _clean_name(" ".join(kept))
    return (name, offset) if name and _is_speaker(name, " ".join(kept)) else None


_BRACKETED_ACRONYM = re.compile(r"\(([A-Z][A-Za-z&.-]{1,10})\)")
_BY_AFTER = re.compile(r"\s+(?:(?:on|in|at|to|via)\s+(?:the\s+)?[\w.-]+\s+|(?!(?:a|an|the|its|their|his|her|that|this)\b)[a-z]+\s+)?by\b")
_QUOTED_AS = re.compile(r"\bquoted\s+(?!by\b)((?:the\s+|an?\s+)?[A-Za-z][^,.;:]{1,60}?)\s+as\s+saying\b")
_AGENT = re.compile(r"\b(?:registered|recorded|reported|documented|counted|observed)\s+by\s+((?:the\s+)?[A-Za-z][\w’'-]*(?:\.[A-Za-z]{2,4}\b)?(?:\s+[\w’'-]+){0,10}?)(?=\s+(?:in|on|at|during|over|within|across|for|and|while|since|until|between|from|as\s+of)\b|\s*[,.;:]|$)")


_CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bwhereas\b|,\s+and\s+the\b")

# Where a sentence that names no reporter is the outlet's own reporting, not the last reporter's
# (each with the shape it reads; checked on many outlets' texts, not one family):
# - hearsay the outlet does not pin on anyone: "nine guards were reportedly shot", "scores were
#   reported dead", "unverified reports said ...";
# - background from an earlier period, which the reporter of today's figures did not give:
#   "Last year a similar raid on the camp left 30 dead", "two weeks ago, four herders died"
#   (but not a running total "since last month" or a span "over the last week").
_HEARSAY = needled(re.compile(
    r"\breportedly\b|\b(?:was|were|been|is|are)\s+(?:\w+ly\s+)?reported\s+(?!by\b)(?:to\s+(?:be|have)\s+)?\w+|"
    r"\b(?:unconfirmed|unverified|conflicting)\s+(?:\w+\s+)?reports?\b",
    re.I,
))
_EARLIER_PERIOD = needled(re.compile(
    r"(?<!since )(?<!over )(?<!in )(?<!during )(?<!within )(?<!for )(?<!of )(?<!the )(?<!past )"
    r"\b(?:last\s+(?:week|month|year)|(?:a|one|two|three|four|five|six|\d+)\s+(?:weeks?|months?|years?)\s+ago|"
    r"earlier\s+(?:this|that)\s+(?:week|month|year))\b",
    re.I,
))
# A sentence that opens another incident: what the last reporter said does not cover it, nor what follows
# until a reporter is named again ("In a separate attack on Friday, ...", "Separately, ...",
# "In another incident, ..."). "Elsewhere" is not one: a monitor's round-up goes on with it.
_NEW_INCIDENT = re.compile(
    r"^\W*(?:(?:meanwhile|also|and)\W+)?(?:separately\b|in\s+(?:a\s+separate|another|an\s+unrelated)\s+"
    r"(?:\w+\s+){0,2}?(?:attack|incident|strike|raid|development|case|clash|shelling|bombing|blast|explosion|assault)s?\b)",
    re.I,
)


# "since the uprising began in March last year", "since protests started four months ago": a running total's start
_SINCE_BEFORE = re.compile(r"\bsince\b[^;]*$|\b(?:january|february|march|april|may|june|july|august|september|october|"
                           r"november|december)\s+$", re.I)


@lru_cache(maxsize=512)
def outlets_own(sentence: str) -> bool:
    """Does a sentence without a reporter of its own speak in the outlet's voice (hearsay, or an earlier period)?

    Cached: asked once per figure, and it reads the whole sentence (issue 11).

    >>> outlets_own("Nine soldiers were reportedly killed in the ambush."), outlets_own("A month ago, two guards died there.")
    (True, True)
    >>> outlets_own("Since last month, 300 people have been killed."), outlets_own("Four people died on Monday.")
    (False, False)
    """
    return bool(_HEARSAY.search(sentence) or any(
        not _SINCE_BEFORE.search(sentence, 0, m.start()) for m in _EARLIER_PERIOD.finditer(sentence)))


def opens_new_incident(sentence: str) -> bool:
    """Does the sentence open another incident than the one reported so far?

    >>> opens_new_incident("In a separate attack on Friday, a drone hit the market."), opens_new_incident("Separately, two died.")
    (True, True)
    >>> opens_new_incident("Elsewhere in the province, three people were wounded.")
    False
    """
    return bool(_NEW_INCIDENT.match(sentence))


# "according to intelligence, ...": what is known, not who said it (the sentence's speaker, or the last one, says it)
_INFO_ONLY = re.compile(r"^(?:(?:preliminary|available|unofficial|initial|latest|new)\s+)?(?:intelligence|information|data)$", re.I)


def find_attribution(sentence: str, context: AttributionContext | None = None, position: int | None = None) -> str | None:
    """Who reported what is said at ``position`` (default: the sentence's innermost reporter).

    The innermost reporter wins over the outlet that carried it:

    >>> find_attribution("State television said at least three people died, Reuters reported.")
    'State television'

    Order of preference: an agent in the same clause ("registered by the
    Turkish side"), the nearest "X said ..." before the position, "according
    to X", then a trailing ", X said." A short name is expanded with
    ``context`` ("the Observatory" → "Syrian Observatory for Human Rights").
    """
    reporters = _reporters(sentence)
    if not reporters:
        return None
    pos = len(sentence) if position is None else position
    chosen: _Reporter | None = None
    clause_start = max([0] + [m.end() for m in _CLAUSE_BREAK.finditer(sentence[:pos])])
    clause_end_m = _CLAUSE_BREAK.search(sentence[pos:])
    clause_end = pos + clause_end_m.start() if clause_end_m else len(sentence)
    agents = [r for r in reporters if r.kind == "agent" and clause_start <= r.start < clause_end]
    intros = [r for r in reporters if r.kind == "intro" and r.anchor <= pos]
    according = [r for r in reporters if r.kind == "according" and not _INFO_ONLY.match(_clean_name(r.name))]
    trails = [r for r in reporters if r.kind == "trail"]
    citing = [r for r in reporters if r.kind == "citing"]
    if not according and not (agents or intros or trails):
        according = citing  # "..., citing local officials." with no speaker of its own
    if agents:
        chosen = agents[0]
    elif intros:
        chosen = max(intros, key=lambda r: r.anchor)
    elif according:
        chosen = min(according, key=lambda r: abs(r.start - pos))
    elif trails:
        after = [r for r in trails if r.start >= pos]
        chosen = after[0] if after else trails[-1]
    if chosen is None:
        return None
    if chosen.kind == "according" and _POSSESSIVE_PRONOUN.match(chosen.name):
        group = _antecedent(sentence, chosen.start, plural=chosen.name.lower().startswith("their"))
        if group:  # "the town held by the rebels - according to their data": the rebels'
            return context.resolve(group) if context is not None else _display(group)
    if chosen.kind != "citing" and is_medium(_clean_name(chosen.name)):
        # "AFP reported, citing aid workers": a medium passes on who it cites (a speaker citing its basis keeps it)
        relayed = [r for r in citing if r.start > chosen.start and not _CLAUSE_BREAK.search(sentence, chosen.start, r.start)]
        chosen = relayed[0] if relayed else chosen
    if context is not None:
        if chosen.indefinite:
            lead = context.introduced.get(sentence)
            return lead[1] if lead and lead[0] == chosen.name else _display(_clean_name(chosen.name))
        return context.resolve(chosen.name)
    cleaned = _clean_name(chosen.name)
    if cleaned.lower() in _PRONOUNS or chosen.name.lower() in _PRONOUNS:
        return None
    return _display(cleaned) or None


def _media_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = dict(lexicons.sections("media"))
    names = re.compile("|".join(table["name"]["pattern"]))
    heads = re.compile(rf"(?:{'|'.join(table['head']['pattern'])})$", re.I)
    return names, heads


_MEDIA_NAMES, _MEDIA_HEADS = _media_patterns()


def is_medium(name: str) -> bool:
    """Is this reporter a news medium (``lexicons/media.txt``): one that passes on what others say?

    >>> is_medium("AFP"), is_medium("state television"), is_medium("Kyiv Post newspaper"), is_medium("aid workers")
    (True, True, True, False)
    >>> is_medium("UN refugee agency"), is_medium("Syrian Network for Human Rights")
    (False, False)
    """
    words = name.split()
    return bool(words) and bool(_MEDIA_NAMES.search(name) or _MEDIA_HEADS.search(" ".join(words[-2:])))


_GROUP_BEFORE = re.compile(r"((?:(?:[A-Z][\w'’]*|[a-z]+-[A-Z][\w]*|[a-z]+(?:al|an|ese|ish|ic))\s+){0,3})([A-Za-z]+)[\s,—–-]*$")


def _antecedent(sentence: str, end: int, plural: bool) -> str | None:
    """The group a possessive ("their data", "its figures") points back to in the same sentence: the reporter
    noun right before the "according to" phrase, as in "a town held by pro-Russian separatists - according to
    their data" (plural for "their", singular for "its"); ``None`` when another word stands between.

    >>> _antecedent("Two died in Malo, which is held by the rebels - according to their data", 47, True)
    'rebels'
    >>> _antecedent("A village under the control of pro-Kyiv forces, according to their figures", 48, True)
    'pro-Kyiv forces'
    >>> _antecedent("Two people were killed, according to their data", 24, True) is None
    True
    """
    m = _GROUP_BEFORE.search(sentence, max(0, end - 80), end)
    if not m:
        return None
    head = m[2]
    if _COUNTED_HEAD_RE.match(head) or head.lower() in _FUNCTION_WORDS or plural != head.endswith("s"):
        return None
    if not (_REPORTER_HEAD_RE.match(head) or _PERSON_SUFFIX.match(head) or re.fullmatch(r"militants|separatists|insurgents", head, re.I)):
        return None
    return (m[1] + head).strip()


# A heading that names its document's author: "Statement by the X", "Spot report by the Y (SMM), 7 May: ...".
# A heading has no full stop at its end; the author's name ends at a comma, colon, bracket or a topic ("on ...").
_HEADING_AUTHOR = re.compile(
    r"^\W*(?:[A-Za-z-]+\s+){0,2}?(?:statement|briefing|report|update|communiqu[eé]|release|address|message|"
    r"announcement|bulletin|summary)\s+(by|of|from)\s+(?:the\s+)?([A-Z][^,:;.()\n]{2,100}?)"
    r"(?=\s+(?:on|about|regarding|concerning|at)\s|\s*[,:(–—]|\s*$)",
    re.I,
)


def heading_author(sentence: str) -> str | None:
    """The author a heading names, or ``None`` for any other sentence.

    >>> heading_author("Joint statement by the Valley Relief Committee on the flood"), heading_author("Statement by the mayor.")
    ('Valley Relief Committee', None)
    >>> heading_author("Latest update from the health ministry"), heading_author("Report from Riverton")
    ('Health ministry', None)
    """
    if sentence.rstrip()[-1:] in (".", "!", "?"):
        return None
    m = _HEADING_AUTHOR.match(sentence)
    if not m:
        return None
    name = _clean_name(m[2])
    if m[1].lower() == "from" and not _REPORTER_HEAD_RE.match(_head(name)):
        return None  # "Report from Aleppo": a place, not an author
    return _display(name) if name and _is_speaker(name, m[2]) else None


# A lead that describes a body ("..., a watchdog said.") and names it in the next sentence ("..., said the
# Syrian Observatory for Human Rights."): non-governmental bodies only, named by an organisation's name, never
# a person ("a rights group said" then "Rami Abdelrahman, head of ..., said") nor a state body.
_BODY_HEADS = re.compile(r"^(?:watchdog|monitor|group|organi[sz]ation|ngo|observatory|network)s?$", re.I)
_BODY_WORDS = needled(re.compile(r"watchdog|monitor|group|organi[sz]ation|ngo|observatory|network", re.I))  # _BODY_HEADS' words
_STATE_WORDS = re.compile(r"\b(?:Ministry|Army|Forces?|Command|Government|Police|Defen[cs]e|Brigade|Staff|Headquarters|Military)\b")


def introduced_bodies(sentences: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Sentences whose speaker is an indefinite body → (that speaker, the body the next sentence names).

    >>> introduced_bodies(["Ten people died in the flood, a monitoring group said.",
    ...                    "The Delta Rights Network said rescue teams were still searching."])
    {'Ten people died in the flood, a monitoring group said.': ('monitoring group', 'Delta Rights Network')}
    """
    found: dict[str, tuple[str, str]] = {}
    for sentence, following in zip(sentences, sentences[1:]):
        if not _BODY_WORDS.search(sentence):
            continue  # the head of a lead is a word of the sentence: without one, no reporter is read (issue 11)
        leads = [r for r in _reporters(sentence) if r.indefinite and _BODY_HEADS.match(_head(_clean_name(r.name)))]
        if not leads:
            continue
        named = [_clean_name(r.name) for r in _reporters(following) if not r.indefinite]
        bodies = [n for n in named if n[:1].isupper() and _ORG_RE.search(n) and not _STATE_WORDS.search(n)]
        if bodies:
            found[sentence] = (leads[-1].name, _display(bodies[0]))
    return found


# A quotation over several sentences: “...”, «...» or "..." (and TLS's `` ... ''), at most this many sentences long.
_OPENING = re.compile(r"“|«|``|(?:^|(?<=[\s(:,—–-]))\"(?=\S)")
_CLOSING = re.compile(r"”|»|''|(?<=\S)\"(?=[\s,.;:)—–-]|$)")
QUOTE_SENTENCES = 8


def quote_owners(sentences: Sequence[str]) -> dict[str, _Reporter]:
    """Sentences inside a quotation that spans several sentences → the reporter named after it closes.

    A statement quoted at length names its author only at the end ("“... Two more people
    were wounded,” the governor wrote."): the figures in its first sentences are the author's.

    >>> owners = quote_owners(["“Shelling hit the port at dawn.", "Three dockers died,” the harbour master said.", "It rained."])
    >>> {s: r.name for s, r in owners.items()}
    {'“Shelling hit the port at dawn.': 'harbour master'}
    """
    owners: dict[str, _Reporter] = {}
    inside: list[str] = []
    for sentence in sentences:
        opens, closes = list(_OPENING.finditer(sentence)), list(_CLOSING.finditer(sentence))
        if inside:
            if closes and (not opens or closes[-1].start() > opens[-1].start()):
                after = [r for r in _reporters(sentence) if r.start >= closes[-1].end()]
                if after:
                    owners.update((s, after[0]) for s in inside)
                inside = []
            elif len(inside) < QUOTE_SENTENCES:
                inside.append(sentence)
            else:
                inside = []
        elif opens and (not closes or opens[-1].start() > closes[-1].start()):
            inside = [sentence]  # opens a quotation that does not close in the sentence
    return owners


@dataclass(frozen=True, slots=True)
class Source:
    """Who reported a figure and how we know it.

    ``how`` is ``"named"`` when the sentence names the reporter (or refers to
    one named before: "the group said", "it added"), ``"earlier"`` when the
    sentence names nobody and continues the report of the last reporter named
    in the article, ``"later"`` when it comes before the article's first
    reporter (a statement that names its author after the figures), and
    ``"outlet"`` when the article names nobody: the sentence is the outlet's
    own reporting and ``name`` is ``None``.
    """

    name: str | None
    how: str  # named | earlier | later | outlet


def source_of(sentence: str, context: AttributionContext | None = None, position: int | None = None) -> Source:
    """The reporter of what is said at ``position``, falling back to the last one named in the article.

    >>> ctx = AttributionContext()
    >>> ctx.observe("The Kherson regional administration said the city was shelled 40 times.")
    >>> source_of("Three people were killed.", ctx)
    Source(name='Kherson regional administration', how='earlier')
    >>> source_of("Three people were killed.")
    Source(name=None, how='outlet')
    """
    named = find_attribution(sentence, context, position)
    return Source(named, "named") if named else unnamed_source(sentence, context)


def unnamed_source(sentence: str, context: AttributionContext | None) -> Source:
    """Whose words a sentence that names no reporter of its own carries: the same decision for figures and tallies.

    The outlet's own for hearsay and background (``outlets_own``); else the speaker a long quote
    names after it closes; else the last reporter named; else, before any, the first the article names.

    >>> ctx = AttributionContext()
    >>> ctx.observe("The district office said shells hit the school.")
    >>> unnamed_source("Two pupils were hurt.", ctx), unnamed_source("Two pupils were reportedly hurt.", ctx)
    (Source(name='District office', how='earlier'), Source(name=None, how='outlet'))
    """
    if context is None or outlets_own(sentence):
        return Source(None, "outlet")
    owner = context.quoted_by.get(sentence)
    if owner is not None:
        name = _display(_clean_name(owner.name)) if owner.indefinite else context.resolve(owner.name)
        if name:
            return Source(name, "later")
    if context.last_reporter and (context.in_paragraph or context.voices < 2
                                  or _one_voice(context.next_named.get(sentence) or "", context.last_reporter)):
        # a single statement carries on to its end; in a story that quotes several voices, a speaker's
        # words carry to the end of their paragraph, or on to where the same speaker is named again;
        # what else follows is the outlet's narrative
        return Source(context.last_reporter, "earlier")
    if context.last_reporter:
        return Source(None, "outlet")
    if context.first_reporter and not context.moved_on:
        return Source(context.first_reporter, "later")
    return Source(None, "outlet")
