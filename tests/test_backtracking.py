"""No pattern of the package can split one run of characters in many ways (issue 11).

A failing match retries every split of a run between ambiguous quantifiers:
``\\s*,?\\s*\\(?\\s*x`` on a run of spaces is cubic per position, ``(\\s*x?)*``
exponential. ``bench/patterns.py`` finds every compiled pattern and flags
such quantifiers statically; ``bench/backtracking.py`` times every pattern on
pathological strings (runs of spaces, digits, letters, punctuation), which a
test must not do.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from patterns import all_patterns, ambiguous, flagged  # noqa: E402


def test_the_check_flags_ambiguous_quantifiers():
    assert ambiguous(re.compile(r"^\s*,?\s*\(?\s*(?:including|among)\s+"))  # three runs of spaces in a row
    assert ambiguous(re.compile(r"(?:\s*x?)*y"))  # nested: exponential
    assert ambiguous(re.compile(r"(?:[a-z]+)+!"))
    assert not ambiguous(re.compile(r"^\s*+,?\s*+\(?\s*+(?:including|among)\s+"))  # possessive: one way only
    assert not ambiguous(re.compile(r"\s*,\s*\(\s*x"))  # the runs are separated by required characters
    assert not ambiguous(re.compile(r"(?:\s+\w+)*"))  # each repeat needs a space then a word


def test_the_package_has_many_patterns():
    assert len(all_patterns()) > 300  # the collector still finds the rule tables


def test_no_pattern_of_the_package_has_ambiguous_quantifiers():
    assert flagged() == []
