"""The day in one line: a bulletin's top incidents as one sentence a reader takes in at a glance.

"25 ceasefire violations in 3 provinces (Russian Defense Ministry); 3–6
killed in al-Hamdaniya, Aleppo (Syrian Observatory for Human Rights, State
television)". Built from the bulletin's incidents in their order
(consequence first): each incident with a figure of a key metric gives
its number (the range across its sources, never a sum), where, and who
said it; a day with no such figure names its first incidents by type and
place. The line opens the bulletin page and is the title of its feed entry.

The same phrases title place-feed entries (``incident_title``), and
``distinct`` numbers any titles that would still repeat, so a feed never
shows two identical titles.

Pure functions of the incidents and label lookups; no page knows about them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from generator.aggregate import same_reporter
from generator.model import Claim, Incident

Label = Callable[[str], str]

# The type of a sentence no type rule matched (event_types: "other"): named by where it was reported.
UNTYPED = "other"

# How many incidents the line names, and the longest line before it stops adding.
MAX_PARTS = 3
MAX_LENGTH = 240


def _number(value: int) -> str:
    return f"{value:,}"


def count_phrase(claims: Sequence[Claim], label: str) -> str:
    """One metric of one incident: the range across sources, with the qualifier of a lone number.

    The ends of a range keep their qualifiers too, as the key figures do
    (``views.headline``): "at least 3" and "6" read "at least 3 to 6".

    >>> c = lambda v, q=None: Claim("killed", v, q, "x", None, ())
    >>> count_phrase([c(6), c(3, "at least")], "Killed"), count_phrase([c(3, "at least")], "Killed")
    ('at least 3 to 6 killed', 'at least 3 killed')
    >>> count_phrase([c(25)], "Ceasefire violations"), count_phrase([c(6), c(8)], "Killed")
    ('25 ceasefire violations', '6–8 killed')
    """
    values = sorted({c.value for c in claims})

    def said(value: int) -> str:
        qualifiers = {c.qualifier for c in claims if c.value == value}
        qualifier = next(iter(qualifiers)) if len(qualifiers) == 1 else None
        return f"{qualifier} {_number(value)}" if qualifier else _number(value)

    low, high = said(values[0]), said(values[-1])
    if len(values) == 1:
        number = high
    elif low == _number(values[0]) and high == _number(values[-1]):
        number = f"{low}–{high}"
    else:
        number = f"{low} to {high}"
    return f"{number} {label.lower()}"


def where_phrase(incident: Incident) -> str:
    """Where, as briefly as the places allow: a town with its province, a province, or how many provinces.

    >>> i = lambda places, provinces: Incident("i", "2016-12-23", "battles", "event", places, provinces, ())
    >>> where_phrase(i(("Aleppo", "al-Hamdaniya"), ("Aleppo",))), where_phrase(i(("Hama",), ("Hama",)))
    ('in al-Hamdaniya, Aleppo', 'in Hama')
    >>> where_phrase(i(("Damascus", "Aleppo", "Hama"), ("Damascus", "Aleppo", "Hama"))), where_phrase(i((), ()))
    ('in 3 provinces', '')
    """
    if len(incident.provinces) > 1:
        return f"in {len(incident.provinces)} provinces"
    if incident.provinces:
        province = incident.provinces[0]
        town = next((p for p in incident.places if p != province), None)
        return f"in {town}, {province}" if town else f"in {province}"
    return f"in {incident.places[0]}" if incident.places else ""


def distinct_sources(names: Iterable[str | None]) -> list[str]:
    """Named sources once each; two names of one source (``aggregate.same_reporter``) keep the first.

    >>> distinct_sources(["Russian Defense Ministry", None, "Russian Center for reconciliation", "State television"])
    ['Russian Defense Ministry', 'State television']
    """
    kept: list[str] = []
    for name in names:
        if name and not any(same_reporter(name, k) for k in kept):
            kept.append(name)
    return kept


def figure_phrase(incident: Incident, metrics: Sequence[str], metric_label: Label) -> str | None:
    """The incident's first key metric (in ``metrics`` order) as "3–6 killed in X (sources)"; None without one."""
    for metric in metrics:
        claims = [c for c in incident.figures if c.metric == metric and not c.subgroup and not c.part]
        if claims:
            sources = distinct_sources(c.attributed_to for c in claims)
            named = list(dict.fromkeys(p for c in claims for p in c.places))
            # "24 were killed across Syria" in an incident of three provinces: the count's own place
            where = f"in {', '.join(named)}" if named and not set(named) & set(incident.places) else where_phrase(incident)
            said = f" ({', '.join(sources)})" if sources else ""
            return f"{count_phrase(claims, metric_label(metric))}{' ' + where if where else ''}{said}"
    return None


def incident_phrase(incident: Incident, type_label: Label) -> str:
    """What happened where, without a figure: "Strategic developments in Aleppo"; untyped: "Reports from Syria".

    >>> i = Incident("i", "2016-12-23", "other", "event", ("Syria",), (), ())
    >>> incident_phrase(i, str), incident_phrase(Incident("j", "2016-12-23", "protests", "event", ("Syria",), (), ()), str.capitalize)
    ('Reports from Syria', 'Protests in Syria')
    """
    where = where_phrase(incident)
    if incident.type == UNTYPED:
        return f"Reports {where.replace('in ', 'from ', 1)}" if where else "Reports"
    return f"{type_label(incident.type)}{' ' + where if where else ''}"


def day_line(incidents: Sequence[Incident], metrics: Sequence[str], metric_label: Label, type_label: Label) -> str:
    """The bulletin's one-line summary ('' when it has no incident).

    Incidents with a key figure first, in the bulletin's order; without any,
    the first incidents by type and place.

    >>> a = Incident("a", "2016-12-23", "strategic_developments", "casualties", ("Damascus", "Aleppo"), ("Damascus", "Aleppo"),
    ...              (), (Claim("ceasefire_violations", 25, None, "the ministry", None, ()),))
    >>> b = Incident("b", "2016-12-23", "battles", "casualties", ("Aleppo", "al-Hamdaniya"), ("Aleppo",), (),
    ...              (Claim("killed", 6, None, "the monitor", None, ()), Claim("killed", 3, "at least", "state TV", None, ())))
    >>> day_line([a, b], ["killed", "ceasefire_violations"], lambda m: m.replace("_", " "), str)
    '25 ceasefire violations in 2 provinces (the ministry); at least 3 to 6 killed in al-Hamdaniya, Aleppo (the monitor, state TV)'
    """
    parts = [p for p in (figure_phrase(i, metrics, metric_label) for i in incidents) if p]
    if not parts:
        parts = [incident_phrase(i, type_label) for i in incidents if i.rank != "statement"] or \
                [incident_phrase(i, type_label) for i in incidents]
    parts = list(dict.fromkeys(parts))  # two protests in one town are one phrase
    line = ""
    for part in parts[:MAX_PARTS]:
        candidate = f"{line}; {part}" if line else part
        if line and len(candidate) > MAX_LENGTH:
            break
        line = candidate
    return line


def incident_title(incident: Incident, metrics: Sequence[str], metric_label: Label, type_label: Label) -> str:
    """A feed title for one incident: its figure phrase, else what happened where."""
    return figure_phrase(incident, metrics, metric_label) or incident_phrase(incident, type_label)


def distinct(titles: Iterable[str]) -> list[str]:
    """The titles with a repeat numbered ("… (2)"), so no two are the same.

    >>> distinct(["Shelling in Hama", "Shelling in Hama", "Protests in Daraa"])
    ['Shelling in Hama', 'Shelling in Hama (2)', 'Protests in Daraa']
    """
    seen: dict[str, int] = {}
    out = []
    for title in titles:
        seen[title] = seen.get(title, 0) + 1
        out.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    return out
