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

_SPEECH = (
    r"said|says|say|reported|reports|announced|stated|added|confirmed|claimed|estimated|documented|"
    r"recorded|registered|counted|noted|wrote|tweeted|told\s+(?:the\s+)?(?:[A-Z][\w.]*\s*)+|declared|put\s+the\s+(?:death\s+)?(?:toll|number|figure)\s+at"
)
_SPEECH_RE = re.compile(rf"\b(?:{_SPEECH})\b")
_AUX_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|being|has|have|had|who|which|that)\s*$", re.I)
_TRAIL_AFTER = re.compile(
    r"^\s*(?:[.!?\"”’']|$|,|in\s+(?:its|a|an|the|his|her|their)\b|on\s+\w+day|on\s+(?:its|the|his|her)\b|late\b|earlier\b|"
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
_VERBISH = re.compile(
    r"\b(?:was|were|is|are|had|has|have|left|after|when|which|who|while|because|if|as|than|been|be|did|do|does)\b",
    re.I,
)
_APPOSITIVE = re.compile(r"[—–]\s*[^—–]{1,80}?\s*[—–]|\s[-]\s[^-]{1,60}?\s[-]\s|,\s+(?:a|an)\s+[^,]{1,70},")
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
_ACRONYM_AFTER = re.compile(r"\(\s*([A-Z]{2,8})\s*\)")
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


@lru_cache(maxsize=4096)
def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,;:\"“”'’()")
    name = re.sub(r"^(?:(?:and|but|while|whereas|meanwhile|however|also|now|then|separately|where|when|as|after|in\s+addition)\b[\s,]*)+", "", name, flags=re.I)
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    name = re.sub(r"(?:’s|'s)$", "", name)
    return name.strip()


class AttributionContext:
    """What an article has named so far, to expand short references.

    >>> ctx = AttributionContext()
    >>> ctx.observe("the Syrian Observatory for Human Rights said about 10 shells fell.")
    >>> ctx.resolve("the Observatory")
    'Syrian Observatory for Human Rights'
    """

    def __init__(self) -> None:
        self.names: list[str] = []  # oldest first; a re-mention moves a name to the end
        self.acronyms: dict[str, str] = {}
        self.last_reporter: str | None = None

    def _add(self, name: str) -> None:
        name = _clean_name(name)
        if len(_words(name)) < 1:
            return
        if name in self.names:
            self.names.remove(name)
        self.names.append(name)
        initials = "".join(w[0] for w in _words(name) if w[0].isalpha()).upper()
        if len(initials) >= 2:
            self.acronyms.setdefault(initials, name)

    def observe(self, sentence: str) -> None:
        """Remember organisations named in ``sentence`` and its reporter."""
        for m in _NAME_RUN.finditer(sentence):
            run = m.group()
            words = run.split()
            if len(words) >= 2 and _ORG_RE.search(run):
                self._add(run)
                acro = _ACRONYM_AFTER.match(sentence[m.end() :].lstrip())
                if acro:
                    self.acronyms[acro[1]] = _clean_name(run)
        reporters = _reporters(sentence)
        for r in reporters:
            if len(_words(r.name)) >= 2 and r.name.lower() not in _PRONOUNS and not _GENERIC_REPORTERS.match(_clean_name(r.name)):
                self._add(r.name)
        if reporters:
            named = [self.resolve(r.name) for r in reporters]
            named = [n for n in named if n]
            if named:
                self.last_reporter = named[-1]

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
        is_center = lowered in ("center", "centre")
        if not is_center and (name.strip().lower() in _PRONOUNS or lowered in _PRONOUNS or f"the {lowered}" in _PRONOUNS):
            return self.last_reporter
        if cleaned.upper() == cleaned and re.fullmatch(r"[A-Z.]{2,8}", cleaned):
            # "UN" is not "UN Security Council": acronyms expand only by their initials
            return self.acronyms.get(cleaned, cleaned)
        short = _words(cleaned)
        if short and not (len(short) == 1 and short[0] in _NO_EXPAND):
            # "the army" is rarely the "Free Syrian Army" named earlier, so single generic words stay
            for known in reversed(self.names):  # most recent first
                long = _words(known)
                if len(long) > len(short) and all(w in long for w in short):
                    return known
        if is_center and self.last_reporter:
            return self.last_reporter
        return _display(cleaned)


def _display(name: str) -> str:
    """First letter up, the rest as written: "state television" → "State television"."""
    return name[0].upper() + name[1:] if name else name


@dataclass(frozen=True, slots=True)
class _Reporter:
    name: str
    start: int  # where the reporter phrase starts
    anchor: int  # where the content it introduces starts (intro) or the phrase itself (others)
    kind: str  # intro | trail | according | agent


def _cut_at_lowercase(name: str) -> str:
    """ "UN UN denied access" → "UN UN": a capitalised name ends at its first lowercase content word."""
    words = name.split()
    if words and words[0].lower() == "the":
        return "the " + _cut_at_lowercase(" ".join(words[1:])) if len(words) > 1 else name
    if not words or not words[0][0].isupper():
        return name
    for i, w in enumerate(words[1:], 1):
        if w[0].islower() and w.lower() not in _STOPWORDS and w.lower() not in ("news", "agency", "television", "media", "side", "ministry", "forces", "office"):
            return " ".join(words[:i])
    return name


def _np_before(masked: str, sentence: str, verb_start: int) -> tuple[str, int] | None:
    """The noun phrase right before a speech verb: the reporter."""
    head = masked[:verb_start]
    if head.rstrip().endswith(","):
        # "Another group, the Local Coordination Committees, put the toll at 30": the appositive names it
        head = head[: head.rstrip().rstrip(",").rstrip().__len__()]
        verb_start = len(head)
    cut = max(head.rfind(c) for c in ",;:“”\"(")
    boundary = r"\b(?:that|while|whereas|but)\b|\band\b(?=\s+(?:the|a|an)\b|\s+[a-z])"
    cut = max(cut, max((m.end() - 1 for m in re.finditer(boundary, head)), default=-1))
    start = cut + 1
    segment = head[start:]
    if not segment.strip():
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
    if not candidate or not (candidate[0].isupper() or candidate.lower() in _PRONOUNS or _GENERIC_REPORTERS.match(candidate)
                             or text.strip().lower().startswith(("the ", "a ", "an "))):
        return None
    return candidate, start + (len(text) - len(text.lstrip()))


# Words without which a sentence names no reporter (the phrases `_reporters` reads).
_REPORTER_CUE = re.compile(rf"\b(?:{_SPEECH})\b|\b(?:according\s+to|citing|cited\s+by|quoted|per|observed\s+by)\b")


@lru_cache(maxsize=512)
def _reporters(sentence: str) -> tuple[_Reporter, ...]:
    """Every reporter phrase in ``sentence``, in order (cached: asked once per figure)."""
    if not _REPORTER_CUE.search(sentence):
        return ()
    masked = _APPOSITIVE.sub(lambda m: " " * len(m.group()), sentence)
    found: list[_Reporter] = []
    for m in _SPEECH_RE.finditer(masked):
        # only the last word before the verb matters ("was reported"): search just there
        if _AUX_BEFORE.search(masked, max(0, len(masked[: m.start()].rstrip()) - 8), m.start()):
            continue
        after = sentence[m.end() :]
        # inverted: ', said the ministry.' / '” said X.'
        inv = re.match(r"\s+((?:the\s+)?[A-Za-z][^,.;:\"“”]{1,80}?)\s*(?:[.,;]|$|\bin\s|\bon\s)", after)
        if inv and masked[: m.start()].rstrip()[-1:] in (",", "”", '"') and m.group() in ("said", "says", "reported", "added", "stated", "told"):
            name = _clean_name(_cut_at_lowercase(inv[1]))
            if name and len(name.split()) <= 8 and not re.search(r"\d", name) and (name[0].isupper() or inv[1].lower().startswith("the ")):
                found.append(_Reporter(name, m.start(), m.start(), "trail"))
                continue
        np = _np_before(masked, sentence, m.start())
        if not np:
            continue
        name, np_start = np
        kind = "trail" if _TRAIL_AFTER.match(after) else "intro"
        found.append(_Reporter(name, np_start, m.end() if kind == "intro" else np_start, kind))
    for m in _ACCORDING.finditer(sentence) if _ACCORDING_CUE.search(sentence) else ():
        found.append(_Reporter(_clean_name(m[1]), m.start(), m.start(), "according"))
    for m in _QUOTED_AS.finditer(sentence) if "quoted" in sentence else ():
        found.append(_Reporter(_clean_name(m[1]), m.start(), m.end(), "intro"))
    for m in _AGENT.finditer(sentence) if "by" in sentence else ():
        found.append(_Reporter(_clean_name(m[1]), m.start(), m.start(), "agent"))
    return tuple(sorted(found, key=lambda r: (r.start, r.kind)))


_ACCORDING_CUE = re.compile(r"\b(?:according|citing|cited|quoted|per)\b")
_ACCORDING = re.compile(r"\b(?:according\s+to|citing|cited\s+by|quoted\s+by|per)\s+((?:the\s+)?[A-Za-z][^,.;:\"“”()]{1,80}?)(?=\s*(?:[,.;:()\"“”]|$|\bon\s+\w+day\b|\bwho\b|\bwhich\b|\bas\s+saying\b))")
_QUOTED_AS = re.compile(r"\bquoted\s+((?:the\s+)?[A-Z][^,.;:]{1,60}?)\s+as\s+saying\b")
_AGENT = re.compile(r"\b(?:registered|recorded|reported|documented|counted|observed)\s+by\s+((?:the\s+)?[A-Za-z][\w’'-]*(?:\s+[\w’'-]+){0,6}?)(?=\s+(?:in|on|at|during|over|within|across|for|and|while)\b|\s*[,.;:]|$)")


_CLAUSE_BREAK = re.compile(r";|\bwhile\b|\bwhereas\b|,\s+and\s+the\b")


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
    according = [r for r in reporters if r.kind == "according"]
    trails = [r for r in reporters if r.kind == "trail"]
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
    if context is not None:
        return context.resolve(chosen.name)
    cleaned = _clean_name(chosen.name)
    if cleaned.lower() in _PRONOUNS or chosen.name.lower() in _PRONOUNS:
        return None
    return _display(cleaned) or None
