"""Properties of import on arbitrary input (Hypothesis): never raises, dates stay in range, output reads back clean."""

from __future__ import annotations

import re

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from generator.importers import Draft, entry_date_or_reason, to_markdown  # noqa: E402
from generator.read import DEFAULT_YEAR_RANGE, parse_source  # noqa: E402

FIRST, LAST = DEFAULT_YEAR_RANGE
dates_like = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\A\d{1,4}-\d{1,2}-\d{1,2}\Z"),
    st.builds(lambda d, m, y: f"Mon, {d:02d} {m} {y:04d} 10:00:00 GMT", st.integers(0, 99),
              st.sampled_from(["Jan", "Feb", "Dec", "Foo"]), st.integers(0, 9999)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=dates_like)
def test_an_entry_date_is_in_range_or_reported(raw):
    date, why = entry_date_or_reason({"published": raw})
    if date is None:
        assert why
    else:
        assert FIRST <= date.year <= LAST and str(date.year) in raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=st.text(max_size=80), paragraphs=st.lists(st.text(min_size=1, max_size=120), min_size=1, max_size=4),
       source=st.one_of(st.none(), st.text(max_size=30)))
def test_an_imported_draft_reads_back_without_control_characters(title, paragraphs, source):
    import datetime as dt

    draft = Draft(title=title or "x", published=dt.date(2016, 12, 23), paragraphs=tuple(paragraphs), source=source,
                  source_url=None, origin="prop")
    text = to_markdown(draft, "2016-12-23-x")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    try:
        metadata, _, published = parse_source(text.encode("utf-8"))
    except ValueError as err:  # a body that is only markup characters may render to nothing
        assert "no text" in str(err)
        return
    assert published == dt.date(2016, 12, 23) and metadata["slug"] == "2016-12-23-x"


@settings(max_examples=400, deadline=None)
@given(slug=st.lists(st.sampled_from(list("ab./\\-_ %<>:é") + ["..", "../"]), max_size=12).map("".join))
def test_an_accepted_slug_never_leaves_the_articles_folder(slug):
    import posixpath

    from generator.intake import address_problem, reserved_addresses

    files, folders = reserved_addresses({"INDEX_SAVE_AS": "articles/index.html"})
    save_as = f"articles/{slug}/index.html"
    if address_problem(slug, save_as, files, folders) is None:
        normal = posixpath.normpath(save_as)
        assert normal.startswith("articles/") and normal != "articles/index.html" and ".." not in normal.split("/")
