"""Build-time SVG charts: accessible, deterministic, honest about missing days."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.charts import data_table, describe, line_chart, nice_step, short_date, tick_label, y_ticks

SVG = "{http://www.w3.org/2000/svg}"
POINTS = [("2016-12-20", 4), ("2016-12-21", None), ("2016-12-22", 25), ("2016-12-23", 17), ("2016-12-24", None)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.mark.parametrize(
    "maximum, ticks",
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (25, [0, 10, 20, 30]),
        (30, [0, 10, 20, 30]),
        (1074, [0, 500, 1000, 1500]),
    ],
)
def test_y_axis_starts_at_zero_and_ends_on_a_round_number_at_or_above_the_peak(maximum, ticks):
    assert y_ticks(maximum) == ticks
    assert ticks[-1] >= maximum


@pytest.mark.parametrize("maximum", [0.5, 2, 9, 11, 99, 101, 12345])
def test_tick_steps_are_whole_numbers_giving_at_most_four_intervals(maximum):
    step = nice_step(maximum)
    assert isinstance(step, int) and step >= 1
    assert maximum / step <= 4 or step == 1


@pytest.mark.parametrize(
    "label, expected",
    [("2016-12-23", "23 Dec"), ("2016-01-01", "1 Jan"), ("2016-12", "Dec 2016"), ("2016-13-01", "2016-13-01"), ("W51", "W51")],
)
def test_axis_dates_are_short_and_bad_dates_are_left_as_written(label, expected):
    assert short_date(label) == expected


def test_chart_is_valid_svg_with_title_and_description_for_screen_readers():
    root = parse(line_chart(POINTS, "Killed per day", chart_id="k", y_label="Killed"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "k-title k-desc"
    assert root.find(f"{SVG}title").text == "Killed per day"
    desc = root.find(f"{SVG}desc").text
    assert "values reported on 3 days" in desc and "highest 25 Killed on 2016-12-22" in desc


def test_missing_days_break_the_line_instead_of_dropping_to_zero():
    root = parse(line_chart(POINTS, "t"))
    lines = root.findall(f"{SVG}polyline")
    dots = root.findall(f"{SVG}circle")
    # 4 | gap | 25, 17 | gap : one isolated dot, one two-point segment
    assert len(lines) == 1 and len(lines[0].get("points").split()) == 2
    assert [d.find(f"{SVG}title").text for d in dots] == ["2016-12-20: 4", "2016-12-22: 25", "2016-12-23: 17"]


def test_point_heights_are_proportional_to_values_on_a_zero_based_axis():
    root = parse(line_chart([("a", 0), ("b", 10), ("c", 20)], "t", height=200))
    ys = [float(c.get("cy")) for c in root.findall(f"{SVG}circle")]
    assert ys[0] - ys[1] == pytest.approx(ys[1] - ys[2])  # 0→10 and 10→20 are the same distance
    assert max(ys) == pytest.approx(200 - 42)  # zero sits on the x axis


def test_axes_are_labelled_with_dates_and_the_metric():
    svg = line_chart(POINTS, "t", y_label="Ceasefire violations")
    labels = re.findall(r'<text class="tick"[^>]*>([^<]+)</text>', svg)
    assert "20 Dec" in labels and "24 Dec" in labels and "0" in labels
    assert ">Date</text>" in svg and ">Ceasefire violations</text>" in svg


def test_a_chart_with_nothing_reported_says_so():
    svg = line_chart([("2016-12-20", None), ("2016-12-21", None)], "t")
    assert "Nothing reported" in svg and "<circle" not in svg
    assert describe([("2016-12-20", None)]) == "1 day from 2016-12-20 to 2016-12-20; nothing reported."


def test_single_point_is_centred_and_visible():
    root = parse(line_chart([("2016-12-23", 5)], "t", width=200))
    circle = root.find(f"{SVG}circle")
    assert circle is not None and float(circle.get("cx")) == pytest.approx(44 + (200 - 44 - 14) / 2)


def test_text_is_escaped():
    svg = line_chart([("<d>", 1)], 'Killed & "injured" <b>', chart_id="x")
    root = parse(svg)  # would raise on unescaped markup
    assert root.find(f"{SVG}title").text == 'Killed & "injured" <b>'


def test_same_points_give_byte_identical_svg():
    assert line_chart(list(POINTS), "t", chart_id="a") == line_chart(list(POINTS), "t", chart_id="a")


@pytest.mark.parametrize(
    "skip_empty, rows",
    [(True, ["2016-12-20", "2016-12-22", "2016-12-23"]), (False, [p[0] for p in POINTS])],
)
def test_data_table_lists_reported_days_and_never_shows_a_gap_as_zero(skip_empty, rows):
    html = data_table(POINTS, "Killed", "Killed", skip_empty=skip_empty)
    assert re.findall(r'<th scope="row">([^<]+)</th>', html) == rows
    assert "<td>0</td>" not in html
    assert ("<td>—</td>" in html) is (not skip_empty)
    assert '<caption>Killed</caption>' in html and '<th scope="col">Date</th>' in html


def test_data_table_for_an_empty_series_says_nothing_was_reported():
    assert "Nothing reported in this period." in data_table([("2016-12-20", None)], "c")


@pytest.mark.parametrize(
    "value, label",
    [(0, "0"), (999, "999"), (1500, "1,500"), (9999, "9,999"), (10000, "10k"), (12500, "12.5k"), (2000000, "2M")],
)
def test_large_axis_numbers_are_shortened_to_fit_the_margin(value, label):
    assert tick_label(value) == label


def test_chart_numbers_have_thousands_separators_like_the_pages():
    points = [("2016-12-21", 1250), ("2016-12-22", 35000)]
    svg = line_chart(points, "Evacuated", chart_id="ev")
    assert "<title>2016-12-22: 35,000</title>" in svg
    assert "highest 35,000 on 2016-12-22" in svg
    assert "<td>1,250</td>" in data_table(points, "Evacuated")
