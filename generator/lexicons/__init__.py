"""Lexicons as data files: word lists and patterns the extractors read, one file each.

See ``README.md`` beside this module for the files and how to add a
country or an event type. Two formats:

* ``<lexicon>.<country>.json`` (``areas.sy.json``): a JSON object, for
  country-specific name lists (``areas``, ``admin1_names``, ``aliases``);
* ``<lexicon>.txt`` (``event_types.txt``): ordered ``[sections]`` of
  ``key = value`` lines, for regular-expression tables. Values are written
  as they are (no escaping), ``pattern`` may repeat, ``#`` starts a comment
  line.

>>> parse_sections("# who\\n[Hezbollah]\\npattern = \\\\bHezbollah\\\\b\\npattern = \\\\bHizbollah\\\\b\\n")
[('Hezbollah', {'pattern': ['\\\\bHezbollah\\\\b', '\\\\bHizbollah\\\\b']})]
>>> sorted(countries("areas"))
['IL', 'LB', 'PS', 'SY', 'UA']
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent


class LexiconError(ValueError):
    """A lexicon file that cannot be read, with the file and line that say why."""


def parse_sections(text: str, *, source: str = "<text>") -> list[tuple[str, dict[str, list[str]]]]:
    """``[name]`` sections in file order, each with its keys' values in order."""
    sections: list[tuple[str, dict[str, list[str]]]] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            sections.append((line[1:-1].strip(), {}))
            continue
        key, eq, value = line.partition(" = ")
        if not eq or not sections:
            raise LexiconError(f"{source}:{n}: expected '[section]' or 'key = value', got {raw!r}")
        sections[-1][1].setdefault(key.strip(), []).append(value.strip())
    return sections


@cache
def sections(name: str) -> tuple[tuple[str, dict[str, list[str]]], ...]:
    """The sections of ``<name>.txt``, read once."""
    path = FOLDER / f"{name}.txt"
    return tuple(parse_sections(path.read_text(encoding="utf-8"), source=path.name))


@cache
def country_table(lexicon: str, country: str) -> dict[str, Any]:
    """``<lexicon>.<country>.json`` as a dict, or ``{}`` where the country has none."""
    path = FOLDER / f"{lexicon}.{country.lower()}.json"
    if not path.is_file():
        return {}
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise LexiconError(f"{path.name}: {err}") from err
    if not isinstance(table, dict):
        raise LexiconError(f"{path.name}: expected a JSON object")
    return table


def countries(lexicon: str) -> list[str]:
    """ISO codes of the countries that have a ``<lexicon>.<cc>.json`` file, sorted."""
    return sorted(p.name.split(".")[1].upper() for p in FOLDER.glob(f"{lexicon}.*.json"))
