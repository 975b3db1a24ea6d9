"""Extract: does a sentence report an event at all?

A sentence reports an event when it says something happened, happens or is
planned at a time: "Troops stormed the town on Friday", "A march is called
for Sunday", "Gunfire was heard near the port". It does not when

* it is page furniture or a credit line ("Adapted from a situation report by
  the relief agency, 3 May 2019.", "(Reporting by ...; Editing by ...)",
  "© Photo agency");
* it is a question;
* its event words are negated ("The air force carried out no strikes",
  "No agreements were signed");
* it only recalls an earlier period or states a standing fact: no verb of
  its main clause is in a past, perfect, progressive or future form ("Russia
  is a guarantor of the truce", "The province borders Turkey");
* its only verbs are hypothetical ("The league might consider expelling it");
* it describes what has gone on over a whole period ("Rebels have shelled
  the city throughout the war"): background, not a happening.

Decided from the sentence's structure with small word lists, no trained
model: negated clauses are blanked (``masked``) so that the event words left
are the ones asserted, and verb groups are found from auxiliaries, a list of
irregular past forms and the ``-ed`` ending.

``assess`` returns a :class:`Verdict` with the masked text, which the
extractor classifies and reads figures from, so that a negated or background
clause neither types the event nor dates it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# The patterns searched in every sentence are needled: a case-sensitive twin finds where they match (issue 11).
from generator.needles import Needled, needled

# -- page furniture and credit lines -------------------------------------------------
#
# Each rule with an example of the shape it removes (the examples are ours).

FURNITURE: tuple[tuple[str, str], ...] = (
    # "Adapted from a situation report by the relief agency, 3 May 2019."
    (r"^\W*(?:paraphrased|adapted|translated|excerpted|summari[sz]ed|abridged|compiled|reproduced|republished)\s+(?:\w+\s+){0,2}?from\b", "credit line"),
    # "(Reporting by A. Writer; Editing by B. Editor)"
    (r"^\W*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b", "byline"),
    # "Source: the monitoring group" / "Photo: a news agency"
    (r"^\W*(?:sources?|photo(?:graph)?s?|images?|credits?|copyright|caption|file photo|read more|see also|related|share|tags?)\s*[:|]", "credit line"),
    (r"©|\(c\)\s*\d{4}|\ball rights reserved\b", "credit line"),
    # "By Jane Doe" alone on a line
    (r"^By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*$", "byline"),
    # comment sections and site boilerplate
    (r"\b(?:views expressed in the comments|this discussion is now closed|we welcome comments|click here|subscribe to)\b", "page furniture"),
)
_FURNITURE = tuple((re.compile(p, re.IGNORECASE if not p.startswith("^By") else 0), why) for p, why in FURNITURE)
# one pass (the rules say why): the rules anchored at the start are tried there only, the others through their needles (issue 11)
_ANY_FURNITURE_START = re.compile("|".join(f"(?:{p})" for p, _ in FURNITURE if p.startswith("^")), re.IGNORECASE)
_ANY_FURNITURE = needled(re.compile("|".join(f"(?:{p})" for p, _ in FURNITURE if not p.startswith("^")), re.IGNORECASE))

# -- negation -------------------------------------------------------------------------
#
# A negator blanks its clause: up to the next comma, semicolon, colon, dash,
# coordinating "but/while/whereas", or a closing quote before a new sentence
# ('... that fires on people" Two more were killed'; not scare quotes). "no fewer than", "not only", "no-fly"
# and "No. 5" are not negations.

_NEGATOR = needled(re.compile(
    r"\b(?:no(?!\s*(?:-|\.\s*\d|fewer|less|more|later|longer|sooner|doubt|one\s+knows)\b)(?!-)"
    r"|not(?!\s+(?:only|least|just|far|long|until|before|yet\s+clear))|never|nor|neither|none|nobody|nothing|without"
    r"|(?:did|does|do|was|were|is|are|has|have|had|could|would|will|can)n[’']t|cannot)\b",
    re.IGNORECASE,
))
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]|(?<=[\w.!?])[\"\u201d](?=\s+(?-i:[A-Z]))|\s-\s|\b(?:but|while|whereas|although|though|however|yet)\b", re.IGNORECASE)

# -- verb groups ------------------------------------------------------------------------

_IRREGULAR_PAST = frozenset(
    """was were had did said told went came took fell shot hit struck fled began broke fought gave left
    sent led ran won lost brought caught found heard kept rose spoke stood threw wrote swept set put cut
    spread met held saw made drove flew stole sought bought sold built burnt burned lit laid paid slew
    blew froze hid knew meant bore tore wore shook woke forbade arose overran overtook undertook withdrew
    withheld upheld beat bit bled bent bound brought clung crept dealt dug fed felt fought forgot fled
    grew hung hurt lay led leapt quit rang rode sank sang shone shut slid split sprang stuck stung strove
    swore swung taught thought understood wept wound became overcame retook drew rode sped""".split()
)
_IRREGULAR_PARTICIPLE = frozenset(
    """been done gone taken fallen shot hit struck fled begun broken fought given left sent led run won
    lost brought caught found heard kept risen spoken stood thrown written swept set put cut spread met
    held seen made driven flown stolen sought bought sold built burnt lit laid paid slain blown frozen
    hidden known meant borne torn worn shaken woken overrun overtaken undertaken withdrawn withheld
    upheld beaten bitten dealt dug fed felt grown hung hurt lain quit rung ridden sunk sung shone shut
    slid split sprung stuck stung sworn swung taught thought understood wept wound become overcome retaken drawn ridden""".split()
)
# "-ed" words that are adjectives or nouns far more often than verbs here
_NOT_VERBS = frozenset(
    """armed alleged united red bed need speed seed feed shed used hundred indeed based backed led so-called
    concerned interested detained wounded injured displaced deceased besieged beloved aged naked sacred
    wicked ragged rugged supposed limited advanced qualified varied talented
    succeed proceed exceed bleed breed heed deed creed greed weed""".split()
)
_BARE_LIKE_PRESENT = frozenset("set put cut hit hurt quit spread shut split".split())
_AUX_EVENT = re.compile(
    r"(?i:(?:was|were|had|did|been)\s+(?:\w+ly\s+|also\s+|reportedly\s+|then\s+|being\s+|been\s+)*(?:[a-z]{3,}ed|[a-z]{3,}ing|%s)\b)"
    r"|(?<=[Tt]here )(?:was|were|had been)\b"
    % "|".join(sorted({"been", "done", "gone", "taken", "fallen", "shot", "hit", "struck", "fled", "begun", "broken", "fought",
                      "given", "sent", "held", "seen", "made", "killed", "found", "heard", "brought", "caught", "lost", "won",
                      "thrown", "driven", "flown", "stolen", "burnt", "hidden", "beaten", "overrun", "withdrawn", "swept", "met", "led", "cut", "set", "put"}))
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_FINITE_AUX = needled(re.compile(
    r"\b(?:will|shall|'ll|is\s+(?:due\s+|set\s+|scheduled\s+|expected\s+)?to|are\s+(?:due\s+|set\s+|scheduled\s+|expected\s+)?to"
    r"|plans?\s+to|planned|scheduled|called\s+for|calls\s+for\s+\w+\s+to\s+(?:rally|march|protest|strike|gather)"
    r"|(?:is|are|am|was|were)\s+(?:\w+ly\s+|now\s+|still\s+|also\s+|already\s+|again\s+)?(?:being\s+)?\w+ing)\b",
    re.IGNORECASE,
))
_MODAL = needled(re.compile(r"\b(?:might|may|could|should|would|must|ought\s+to)\s+(?:not\s+|also\s+|well\s+|eventually\s+|yet\s+)?(\w+)", re.IGNORECASE))
# A present-tense "happening" verb: the video or witness present of news
# ("gunfire rings out", "demonstrators chant") is an event; "X is an ally" is not.
_PRESENT_HAPPENING = needled(re.compile(
    r"\b(?:rings?\s+out|rings?\s+through|erupts?|clash|clashes|march(?:es)?|chant|chants|opens?\s+fire|storms?|shells|"
    r"pounds?|enters?|arrives?|flee|flees|burns?|explodes?|kills|dies|crashes|meets|visits)\b",
    re.IGNORECASE,
))
_STAMP = re.compile(
    r"^\W*(?:(?:date\s+)?\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]+\s+\d{2,4}\s+\d{1,2}:\d{2}(?:\s*[A-Z]{2,4})?"
    r"|(?:[A-Z][a-z]+day,?\s+)?[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*(?:[A-Z]{2,4})?"
    r"|\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?)\b"
)


# A predicate spread over a whole period is background, not a happening:
# "Insurgents have shelled the city throughout the war", "has long been".
_HABITUAL = needled(re.compile(
    r"\b(?:throughout\s+the\s+(?:\w+\s+)?(?:conflict|war|crisis|uprising|years?|decades?)|for\s+(?:many\s+)?(?:years|decades|generations)"
    r"|over\s+the\s+(?:past\s+|last\s+)?(?:years|decades)|(?:has|have|had)\s+long\b|on\s+a\s+regular\s+basis|routinely|regularly|traditionally)\b",
    re.IGNORECASE,
))


# "More than 3,000 people have died since the protests began": a running
# total with nobody reporting it today is background; "the agency said ...
# have died since ..." is a report, and an event.
_RUNNING_SINCE = needled(re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|died)\b[^.;]*\bsince\b", re.IGNORECASE))
_REPORTED = needled(re.compile(r"\b(?:said|says|say|told|reported|reports|according\s+to|estimated?s?|announced|counted|recorded|registered|put\s+the)\b", re.IGNORECASE))
_REPORTING_VERB = needled(re.compile(r"\b(?:said|says|say|told|added|stated|noted|explained|insisted|stressed|claimed(?!\s+(?:responsibility|credit))|wrote)\b", re.IGNORECASE))
_QUOTE = re.compile(r"[\"“]([^\"”]*)(?:[\"”]|$)")
_QUOTE_END = re.compile(r"^([^\"“”]*)[\"”]\W*$")
_FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]urs?|us|I|[Mm]y|me)\b")


def _mask_first_person_quotes(sentence: str) -> str:
    """Blank quoted words in the first person: a speaker's view or intention
    ("we will not be able to enter today", "our thoughts are with ...") is
    not a report of what happened."""
    out = sentence
    tail = _QUOTE_END.match(sentence) if '"' in sentence or "”" in sentence else None  # the end of a quote opened earlier
    quotes = [(0, tail.end(1), tail.group(1))] if tail else [(m.start(), m.end(), m.group(1)) for m in _QUOTE.finditer(sentence)]
    for start, end, words in quotes:
        if _FIRST_PERSON.search(words) and not _has_past(words):
            out = out[:start] + " " * (end - start) + out[end:]
    return out


def mask_unasserted(sentence: str) -> str:
    """The sentence with negated clauses and first-person quoted intentions blanked (same length).

    >>> mask_unasserted('The agency said: "We will not be able to enter today (Saturday).').rstrip()
    'The agency said:'
    >>> mask_unasserted('We hope that tomorrow we will be able to reach them."').strip()
    '"'
    """
    return mask_negations(_mask_first_person_quotes(sentence))


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a sentence reports an event, why, and its asserted text.

    ``masked`` has the sentence's length; negated clauses are blanked with
    spaces, so offsets into it are offsets into the sentence.
    """

    is_event: bool
    reason: str
    masked: str
    has_verb: bool = False
    negated_main: bool = False  # the main clause itself is negated ("carried out no strikes")


def furniture(sentence: str) -> str | None:
    """Why a sentence is page furniture or a credit line, or ``None``.

    >>> furniture("Adapted from a field report by the relief agency, 3 May 2019.")
    'credit line'
    >>> furniture("(Reporting by A. Writer; Editing by B. Editor)")
    'byline'
    >>> furniture("Shells fell on the market on Monday.") is None
    True
    """
    if not _ANY_FURNITURE_START.match(sentence) and not _ANY_FURNITURE.search(sentence):
        return None
    for pattern, why in _FURNITURE:
        if pattern.search(sentence):
            return why
    return None


def stamp_end(sentence: str) -> int:
    """Length of a leading date/time stamp (" date 2021-10-30", "05 May 19 10:12 GMT"), else 0.

    A saved page's stamp says when the page was kept, not when anything happened.

    >>> s = "04 March 19 07:15 GMT Crowds gathered in the square."
    >>> s[stamp_end(s):].strip()
    'Crowds gathered in the square.'
    """
    m = _STAMP.match(sentence)
    return m.end() if m else 0


def is_question(sentence: str) -> bool:
    """A sentence that asks (ends with "?" outside a closing quote).

    >>> is_question("Who fired the shells?")
    True
    >>> is_question('He asked: "Who fired?" and left.')
    False
    """
    return sentence.rstrip(" \"'”’)").endswith("?")


@lru_cache(maxsize=256)
def mask_negations(sentence: str) -> str:
    """The sentence with every negated clause blanked out (same length; cached: a sentence is asked twice).

    >>> mask_negations("The air force carried out no strikes on the town.").rstrip()
    'The air force carried out'
    >>> mask_negations("A shell hit the school, causing damage but no casualties.").rstrip()
    'A shell hit the school, causing damage but'
    >>> mask_negations("No fewer than 12 people were killed.") == "No fewer than 12 people were killed."
    True
    """
    return _blank_clauses(sentence, _NEGATOR)


def _blank_clauses(sentence: str, opener: re.Pattern[str] | Needled) -> str:
    """Blank from each match of ``opener`` to the end of its clause (same length).

    Linear in the sentence however many openers it has (issue 11: "no " repeated
    was quadratic): a clause end found from one opener serves every later opener
    before it, and the text is rebuilt once.

    >>> _blank_clauses("a no b, c no d no e; f", _NEGATOR)
    'a     , c          ; f'
    """
    pieces: list[str] = []
    done = 0  # sentence[:done] is in pieces
    found_from, found = -1, None  # the last clause-end search: from where, what it found
    for m in opener.finditer(sentence):
        if found_from < 0 or (found is not None and m.end() > found.start()):
            found_from, found = m.end(), _CLAUSE_END.search(sentence, m.end())
        # else: no clause end lies between the last search's start and this opener's end: the same answer
        end = found.start() if found is not None else len(sentence)
        start = max(m.start(), done)
        if end > start:
            pieces += [sentence[done:start], " " * (end - start)]
            done = end
    return "".join(pieces) + sentence[done:] if pieces else sentence


# A concessive phrase ("despite tensions stoked by strikes", "in spite of the
# curfew") recalls circumstances: its participles are no happening.
_CONCESSIVE = needled(re.compile(r"\b(?:despite|in\s+spite\s+of|notwithstanding)\b", re.IGNORECASE))


def mask_concessive(sentence: str) -> str:
    """The sentence with every "despite ..." phrase blanked to its clause end (same length).

    >>> " ".join(mask_concessive("Talks go on, despite tensions stoked by strikes, the envoy says.").split())
    'Talks go on, , the envoy says.'
    >>> " ".join(mask_concessive("Despite the curfew, crowds marched to the square.").split())
    ', crowds marched to the square.'
    """
    return _blank_clauses(sentence, _CONCESSIVE)


# A non-restrictive relative clause (", which took part in the talks") describes
# a participant; its verb is not the sentence's own happening.
_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b", re.IGNORECASE)


def mask_relative(sentence: str) -> str:
    """The sentence with a final ", which/who ..." clause blanked (same length).

    Only a relative clause that ends the sentence: one between subject and
    verb with no closing comma ("Ten men, who were crossing the line were
    caught") would take the main verb with it.

    >>> " ".join(mask_relative("The province borders Turkey, which joined the truce talks.").split())
    'The province borders Turkey'
    >>> " ".join(mask_relative("Ten men, who were crossing the line were caught, the army said.").split())
    'Ten men, who were crossing the line were caught, the army said.'
    """
    last = None
    for m in _RELATIVE.finditer(sentence):
        last = m
    if last is None or _CLAUSE_END.search(sentence, last.end()):
        return sentence
    return sentence[: last.start()] + " " * (len(sentence) - last.start())


def _quoted_spans(sentence: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[\"“]([^\"”]*)(?:[\"”]|$)", sentence):
        spans.append((m.start(), m.end()))
    return spans


def has_event_verb(text: str) -> bool:
    """Whether ``text`` has a verb group in a past, perfect, progressive or future form.

    >>> has_event_verb("Troops stormed the mosque")
    True
    >>> has_event_verb("A march is called for Friday")
    True
    >>> has_event_verb("Russia is a guarantor of the truce and borders the province")
    False
    >>> has_event_verb("Gunfire rings out in the suburb")
    True
    """
    if _FINITE_AUX.search(text) or _PRESENT_HAPPENING.search(text) or _FOOTAGE.search(text):
        return True
    return _has_past(text)


def _has_past(text: str) -> bool:
    """A verb group in a past or perfect form ("stormed", "was killed", "have fled")."""
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if w in ("was", "were", "had", "did", "been"):
            # a copula or auxiliary alone ("the weather was cold") is no event;
            # "there were clashes", "was killed", "had been shelled" are
            if _AUX_EVENT.match(text, m.start()):
                return True
            continue
        if w in _BARE_LIKE_PRESENT:
            if re.search(r"\b(?:has|have|had|was|were|be|been)\s+(?:\w+\s+)?" + w + r"\b", text, re.IGNORECASE):
                return True
            continue
        if w in _IRREGULAR_PAST or w in _IRREGULAR_PARTICIPLE:
            return True
        if w.endswith("ed") and len(w) >= 4 and w not in _NOT_VERBS and "-" not in w and m.group()[0].islower():
            if text.startswith(" by ", m.end()):
                continue  # a reduced relative: "tensions stoked by the strikes"
            return True
    return False


_PRESENT_REPORT = needled(re.compile(r"\b(?:says|say|insists|believes|argues|thinks|warns)\b", re.IGNORECASE))
# a present or progressive verb group: "is trying", "are being attacked", "is stoked"; a present perfect
# ("forces have attacked a mosque") is the news lead's tense for a happening, and stays one
_PRESENT_GROUP = re.compile(r"\b(?:is|are|am)\s+(?:\w+ly\s+|also\s+|now\s+|still\s+|not\s+)*(?:being\s+)?[a-z]+\b", re.IGNORECASE)
_TIME_CUE = needled(re.compile(
    r"\b(?:today|yesterday|tonight|overnight|past|last|since|hours?|days?|weeks?|months?|mornings?|evenings?|nights?|\d{4})\b", re.IGNORECASE
))


_SINCE_AFTER = re.compile(r",\s*(?:after|since|because|following)\b.*", re.IGNORECASE | re.DOTALL)


def _analysis(masked: str) -> bool:
    """Someone's present-tense view of how things stand, with no happening in it.

    The main verb is a present reporting verb ("says", "insists"), what is
    reported is present or progressive, and no time is named: a
    correspondent's or a government's account, not an event. A past or
    present perfect verb ("forces have attacked a mosque, activists say"), a
    plan ("will meet"), a present happening ("troops storm the town") or a
    time ("in the past 24 hours") keeps the sentence an event.

    >>> _analysis("The league is trying to bring both sides to talks, says our correspondent.")
    True
    >>> _analysis("The officials say the army is fighting gangs who are being armed from abroad.")
    True
    >>> _analysis("Observers say anger is rising in the city, after police beat students in a raid.")
    True
    >>> _analysis("Police have attacked worshippers at a mosque in the capital, activists say.")
    False
    >>> _analysis("The ministry says 12 people were killed in the raid.")
    False
    >>> _analysis("The ministry says 12 people have been killed in the past 24 hours.")
    False
    >>> _analysis("Activists say troops storm the old quarter.")
    False
    """
    if not _PRESENT_REPORT.search(masked) or _TIME_CUE.search(masked):
        return False
    main = _SINCE_AFTER.sub(" ", masked)  # "sentiment is rising, after troops killed students": the cause is background
    rest = _PRESENT_GROUP.sub(" ", _PRESENT_REPORT.sub(" ", main))
    return not (_has_past(rest) or _FINITE_AUX.search(rest) or _PRESENT_HAPPENING.search(rest))


def _hypothetical_only(text: str) -> bool:
    """Every verb group is under a modal ("might consider", "could lead")."""
    modals = list(_MODAL.finditer(text))
    if not modals:
        return False
    rest = _MODAL.sub(" ", text)
    return not has_event_verb(rest)


def reports_count(sentence: str) -> bool:
    """Someone states a count ("Activists say the death toll now stands at 7,000", "The envoy said the
    toll had passed 9,000"): the statement is the event, even with no verb of happening in it.
    The caller checks that a figure was read from the sentence.

    >>> reports_count("Activists say the death toll now stands at more than 7,000.")
    True
    >>> reports_count("The death toll stands at 7,000.")
    False
    """
    return bool(_REPORTED.search(sentence))


def assess(sentence: str, *, title: str | None = None, dated: bool = False) -> Verdict:
    """Decide whether ``sentence`` can report an event, from its structure.

    ``dated``: the sentence has its own day-level time expression ("on
    Friday", "today"), which makes a present tense report an event ("On
    Friday, the league meets in Cairo").

    The caller still needs an event cue (a type trigger, a figure or a
    tally in ``masked``) before making an event.

    >>> assess("No new reconciliation agreements were signed during the day.").is_event
    False
    >>> assess("Did the army shell the town?").reason
    'question'
    >>> assess("Russia, with Turkey and Iran, is a guarantor of the truce.").reason
    'no event verb'
    >>> v = assess("Shells hit the old quarter overnight, but no one was hurt.")
    >>> v.is_event, v.masked.rstrip()
    (True, 'Shells hit the old quarter overnight, but')
    """
    text = sentence.strip()
    if title and text == title.strip():
        return Verdict(False, "headline repeated", sentence)
    why = furniture(text)
    if why:
        return Verdict(False, why, sentence)
    if is_question(text):
        return Verdict(False, "question", sentence)
    cut = stamp_end(sentence)
    unquoted = _mask_first_person_quotes(sentence[cut:])
    masked = mask_negations(unquoted)
    if masked == unquoted:
        # "Despite the shelling, no one was hurt" tells of the shelling: only an
        # affirmative sentence's concessive phrase is background
        masked = mask_concessive(masked)
    masked = " " * cut + masked
    if not masked.strip():
        return Verdict(False, "negated", masked)
    # "The spokesman said:" with the quote blanked out reports nothing
    verb = has_event_verb(_REPORTING_VERB.sub(" ", mask_relative(masked)))
    if not verb and not dated:
        if masked != sentence and has_event_verb(sentence):
            return Verdict(False, "negated", masked)
        return Verdict(False, "no event verb", masked)
    if verb and not dated and _hypothetical_only(masked):
        return Verdict(False, "hypothetical", masked)
    if not dated and _analysis(mask_relative(masked)):
        return Verdict(False, "analysis", masked)
    if not dated and (_HABITUAL.search(masked) or (_RUNNING_SINCE.search(masked) and not _REPORTED.search(masked))):
        return Verdict(False, "background", masked)
    negated_main = _negated_main(sentence[cut:])
    if negated_main and not _contrasted(masked):
        # "No agreements were signed, leaving the total at 74": what is left
        # after the negated main clause only describes its consequence
        return Verdict(False, "negated", masked, negated_main=True)
    return Verdict(True, "event", masked, has_verb=verb, negated_main=negated_main)


_QUOTE_CLOSE = r"[\"\u201d](?=\s+(?-i:[A-Z]))"  # a quote closing before a new sentence run on (its words may be blanked)
_CONTRAST = re.compile(r";|[,]\s*(?:but|while|whereas|however|although|though|yet)\b|\b(?:but|however)\b|" + _QUOTE_CLOSE, re.IGNORECASE)


def _contrasted(masked: str) -> bool:
    """After a negated main clause, a contrasting clause asserts something
    that happened: "No one was hurt, but the shells damaged a school"."""
    m = _CONTRAST.search(masked)
    return m is not None and has_event_verb(_REPORTING_VERB.sub(" ", masked[m.end():]))


def _negated_main(sentence: str) -> bool:
    """The first clause holds a negator ("The air force carried out no strikes, ...")."""
    m = _NEGATOR.search(sentence)
    if not m:
        return False
    first_end = _CLAUSE_END.search(sentence)
    if first_end is not None and m.start() >= first_end.start():
        return False
    # "Monitors reported 14 violations and found no confirmation of ...":
    # something was asserted before the negator
    if re.search(r"\band\b|\d", sentence[: m.start()]):
        return False
    # "The ministry said on Tuesday that the downing should not be seen as ...": the negation is what
    # was said; the main clause is the statement, which was made
    return not _SAID_THAT.search(sentence, 0, m.start())


_SAID_THAT = re.compile(r"\b(?:said|told\s+[\w ]{1,30}?|announced|stated|declared|insisted|wrote)\b[^,;:]*?\bthat\b", re.IGNORECASE)


# Verbs of happening with no event type of their own (type ``other``):
# crashes, entries, things heard, meetings held, announcements.
_HAPPENING = needled(re.compile(
    r"\b(?:crash(?:ed|es)?|collided|entered|heard|broke\s+out|erupted|took\s+place|occurred|happened|"
    r"burn(?:ed|t)|set\s+(?:fire|ablaze)|blocked|closed|reopened|opened|announced|declared|launched|"
    r"met|visited|held|issued|signed|adopted|approved|formed|appointed|urged|called\s+on|called\s+for|"
    r"condemned|submitted|vetoed|voted|released|freed|fled|left|returned|moved\s+into|swept|sealed|"
    r"gathered|mourned|buried|paraded|threw|thrown|hospitali[sz]ed|taken\s+to\s+hospital|disrupted|cut\s+off|"
    r"march(?:ed|es)?|chant(?:ed|s)?|rall(?:ied|y)|defected|deserted|sacked|dismissed\s+(?:from\s+|(?:the|a|an|its|his|her|their)\s+(?:\w+\s+)?(?:governor|minister|commander|chief|head|mayor|general|prosecutor|officials?|officers?)\b)|died|killed|wounded|injured|"
    r"hit|struck|attacked|targeted|damaged|destroyed|shot\s+down|downed|intercepted|lost\s+(?:his|her|their)\s+li(?:fe|ves)|patroll(?:ed|ing)|delivered|distributed|"
    r"will\s+(?:meet|hold|visit|travel|vote|march|gather|rally))\b",
    re.IGNORECASE,
))


def may_happen(sentence: str) -> bool:
    """Cheap test: a verb of happening occurs somewhere in the sentence."""
    return bool(_HAPPENING.search(sentence) or _SHAPES.search(sentence))


# Verbs of a state, not a happening: "deaths remained high in the first nine months of the year".
_STATIVE = needled(re.compile(r"\b(?:remained|stayed|seemed|appeared|looked|sounded|continued\s+to\s+be|used\s+to)\b", re.IGNORECASE))


# Happenings told by the shape of the verb group, whatever the verb (no trigger list):
# hearsay about the past ("is said to have been beaten"), an aspect verb over an action
# ("began firing", "continued to escort"), a past progressive ("were chanting").
_HEARSAY_PAST = re.compile(r"\b(?:is|are|was|were)\s+(?:said|reported|believed|thought|alleged|understood)\s+to\s+have\s+(?:been\s+)?[a-z]{3,}", re.IGNORECASE)
_ASPECT = re.compile(r"(?<!\bhas\s)(?<!\bhave\s)\b(?:began|started|continued|resumed|kept)\s+"
                     r"(?!(?:to\s+)?(?:be|have|argu|say|insist|deny|deni|claim|call|demand|urg|warn|hope|believ|think|press|push|suppl|host)\w*\b)"
                     r"(?:to\s+[a-z]{3,}|[a-z]{3,}ing\b)", re.IGNORECASE)
_PAST_PROGRESSIVE = re.compile(
    r"\b(?:was|were)\s+(?:\w+ly\s+|also\s+|then\s+)*(?!(?:trying|hoping|planning|expecting|considering|waiting|seeking|going|being|looking|working"
    r"|preparing|getting|thinking|wondering|wanting|living|staying|sleeping|making|having|doing|saying|telling|talking|asking|reporting"
    r"|adopting|pursuing|following|showing|playing|beginning|coming|happening|continuing|claiming|winning|losing|wearing|serving|managing)\b)[a-z]{3,}ing\b"
    r"(?!\s*(?:and\b|or\b|but\b|to\b|[,.;:\u2013\u2014-]|$))", re.IGNORECASE)  # "was forbidding and dark", "was compelling to read": adjectives
# reported speech: a progressive after "said"/"insisted" is often the speaker's present, backshifted ("said Syria was protecting its security")
_SPEECH_BEFORE = needled(re.compile(r"\b(?:said|says|say|saying|told|telling|insisted|added|admitted|claimed|suggested|described|believed|thought|felt|reported)\b", re.IGNORECASE))


# A recording that shows people doing something: what it shows happened ("Videos posted by activists
# show crowds marching", "A clip appears to show a man being beaten").
_FOOTAGE = needled(re.compile(
    r"\b(?:videos?|footage|clips?|images|pictures|photos|photographs)\b[^.;:]{0,60}?\b(?:shows?|showed|appears?\s+to\s+show|appeared\s+to\s+show)\s+"
    r"(?:\w+\s+){1,6}?(?:[a-z]{3,}ing|being\s+\w+)\b", re.IGNORECASE))


def shaped_happening(masked: str) -> bool:
    """A happening told by the shape of its verb group rather than its verb.

    >>> shaped_happening("The old cleric is said to have been beaten up")
    True
    >>> shaped_happening("Guards went up to the roof and began firing their rifles")
    True
    >>> shaped_happening("They were chanting against the governor during the visit")
    True
    >>> shaped_happening("A clip posted online shows students climbing onto a truck")
    True
    >>> shaped_happening("The envoy was hoping for a reply")
    False
    >>> shaped_happening("The violence continued"), shaped_happening("Its ally has continued to send arms")
    (False, False)
    >>> shaped_happening("He said the army was protecting the country"), shaped_happening("The army was still winning")
    (False, False)
    """
    if _HEARSAY_PAST.search(masked) or _ASPECT.search(masked) or _FOOTAGE.search(masked):
        return True
    m = _PAST_PROGRESSIVE.search(masked)
    return m is not None and not _SPEECH_BEFORE.search(masked, 0, m.start())


_SHAPES = needled(re.compile("|".join(f"(?:{p.pattern})" for p in (_HEARSAY_PAST, _ASPECT, _PAST_PROGRESSIVE, _FOOTAGE)), re.IGNORECASE))


def happening(masked: str, dated: bool, timed: bool = False) -> bool:
    """Whether a sentence with no event type or figure still reports something that happened.

    A verb of happening ("the plane crashed", "gunfire was heard", "the
    league will meet"), or any event verb when the sentence is dated by its
    own words ("On Friday the committee handed its report to the minister").
    ``timed``: the sentence names a time of its own at any grain (a week, a
    month, a year: "In 2019 the group pledged allegiance", "Earlier this
    month the ministry sent a list"): a past verb that is not only a
    reporting verb or a state ("remained") then tells what happened at it.

    >>> happening("A cargo plane crashed near the airport", False)
    True
    >>> happening("The committee handed its report to the minister", False)
    False
    >>> happening("On Friday the committee handed its report to the minister", True)
    True
    >>> happening("Last month the committee handed its report to the minister", False, timed=True)
    True
    >>> happening("Last year deaths remained near record levels", False, timed=True)
    False
    >>> happening("The critics dismissed the plan as a sham", False), happening("The president dismissed the governor", False)
    (False, True)
    """
    if _HAPPENING.search(masked) and has_event_verb(masked):
        return True
    if timed and _has_past(_STATIVE.sub(" ", _REPORTING_VERB.sub(" ", masked))):
        return True
    if shaped_happening(masked):
        return True
    return dated and has_event_verb(masked)
