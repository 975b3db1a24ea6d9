"""Every dataclass of the model goes to JSON and back unchanged (issue 11): the extraction cache
and the JSON exports rely on ``to_dict`` / ``from_dict`` being inverses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import model

DATACLASSES = sorted(
    (value for value in vars(model).values()
     if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__),
    key=lambda kind: kind.__name__,
)

# plain values JSON keeps as they are; model fields typed Any hold what the pipeline puts there later
st.register_type_strategy(dt.date, st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
text = st.text(max_size=12)


def strategy(kind: type) -> st.SearchStrategy:
    hints = typing.get_type_hints(kind)
    fields = {}
    for field in dataclasses.fields(kind):
        hint = hints[field.name]
        if hint is typing.Any or typing.get_args(hint) == (typing.Any,):
            fields[field.name] = st.just(field.default_factory() if field.default_factory is not dataclasses.MISSING else None)
        elif hint is str:
            fields[field.name] = text
        else:
            fields[field.name] = st.from_type(hint)
    return st.builds(kind, **fields)


def test_the_model_has_its_dataclasses():
    names = {kind.__name__ for kind in DATACLASSES}
    assert {"Timex", "Place", "Figure", "Problem", "Article", "Event", "Tally", "Extraction", "Incident", "Bulletin", "SiteData"} <= names


@pytest.mark.parametrize("kind", DATACLASSES, ids=lambda kind: kind.__name__)
def test_every_dataclass_goes_to_json_and_back(kind):
    containers = {"Bulletin", "SiteData", "Extraction"}  # they hold every other dataclass: fewer, larger examples
    @settings(max_examples=6 if kind.__name__ in containers else 25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(strategy(kind))
    def round_trip(value):
        data = json.loads(json.dumps(model.to_dict(value)))
        assert model.from_dict(kind, data) == value

    round_trip()
