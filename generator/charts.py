"""Static SVG charts, drawn at build time: no JavaScript, readable in print and feeds.

A chart is a pure function of its points: the same series always gives the
same bytes (fixed number formatting, ids derived from the caller's ``chart_id``).
Every chart carries a ``<title>``/``<desc>`` text alternative, and
``data_table`` renders the same points as an HTML table for readers who
cannot see the picture.

Points are ``(label, value)`` pairs in display order, one per x position;
``value`` is ``None`` where nothing was reported, which leaves a gap in the
line rather than a made-up zero. Numbers read as on the rest of the site,
with thousands separators (35,000).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from html import escape

Point = tuple[str, "int | None"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def nice_step(maximum: float, target_ticks: int = 4) -> int:
    """The smallest 1–2–5 × 10^k integer step giving at most ``target_ticks`` intervals.

    >>> nice_step(25), nice_step(3), nice_step(0), nice_step(1074)
    (10, 1, 1, 500)
    """
    if maximum <= 0:
        return 1
    raw = maximum / target_ticks
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for multiple in (1, 2, 5, 10):
        step = multiple * magnitude
        if step >= raw:
            return max(1, int(step))
    return max(1, int(10 * magnitude))  # pragma: no cover - loop always returns


def y_ticks(maximum: float) -> list[int]:
    """Integer tick values from 0 to a round number at or above ``maximum``.

    >>> y_ticks(25)
    [0, 10, 20, 30]
    >>> y_ticks(0)
    [0, 1]
    """
    step = nice_step(maximum)
    top = max(step, math.ceil(maximum / step) * step)
    return list(range(0, top + 1, step))


def tick_label(value: int) -> str:
    """Axis numbers short enough for the margin: 1,500 but 40k and 1.5M.

    >>> tick_label(0), tick_label(1500), tick_label(40000), tick_label(12500), tick_label(1500000)
    ('0', '1,500', '40k', '12.5k', '1.5M')
    """
    for size, suffix in ((1_000_000, "M"), (10_000, "k")):
        if value >= size:
            unit = size if suffix == "M" else 1000
            return f"{value / unit:.1f}".removesuffix(".0") + suffix
    return f"{value:,}"


def short_date(label: str) -> str:
    """ISO date → "23 Dec" (month → "Dec 2016"); anything else unchanged.

    >>> short_date("2016-12-23"), short_date("2016-12"), short_date("week 3")
    ('23 Dec', 'Dec 2016', 'week 3')
    """
    try:
        if len(label) == 10:
            d = dt.date.fromisoformat(label)
            return f"{d.day} {_MONTHS[d.month - 1]}"
        if len(label) == 7 and label[4] == "-":
            return f"{_MONTHS[int(label[5:7]) - 1]} {label[:4]}"
    except (ValueError, IndexError):
        pass
    return label


def _fmt(x: float) -> str:
    # One decimal is plenty at screen resolution and keeps output stable.
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _x_label_indexes(n: int) -> list[int]:
    """First, last and up to three evenly spaced positions between them."""
    if n <= 0:
        return []
    if n <= 5:
        return list(range(n))
    return sorted({round(i * (n - 1) / 4) for i in range(5)})


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def describe(points: Sequence[Point], unit: str = "") -> str:
    """A one-sentence text alternative: span, reported days, peak and last value.

    >>> describe([("2016-12-22", 3), ("2016-12-23", None), ("2016-12-24", 7)], "violations")
    '3 days from 2016-12-22 to 2016-12-24; values reported on 2 days; highest 7 violations on 2016-12-24; latest 7 violations on 2016-12-24.'
    >>> describe([("2016-12-22", 35000)], "evacuated")
    '1 day from 2016-12-22 to 2016-12-22; values reported on 1 day; highest 35,000 evacuated on 2016-12-22; latest 35,000 evacuated on 2016-12-22.'
    """
    if not points:
        return "No data."
    known = [(label, value) for label, value in points if value is not None]
    unit = f" {unit}" if unit else ""
    span = f"{_days(len(points))} from {points[0][0]} to {points[-1][0]}"
    if not known:
        return f"{span}; nothing reported."
    peak_label, peak = max(known, key=lambda p: (p[1], p[0]))
    last_label, last = known[-1]
    return (
        f"{span}; values reported on {_days(len(known))}; highest {peak:,}{unit} on {peak_label}; "
        f"latest {last:,}{unit} on {last_label}."
    )


def line_chart(
    points: Sequence[Point],
    title: str,
    *,
    chart_id: str = "chart",
    y_label: str = "",
    desc: str | None = None,
    width: int = 400,
    height: int = 200,
) -> str:
    """An accessible inline SVG line chart of ``points`` (deterministic output).

    The y axis starts at zero (counts are never shown on a truncated axis);
    the x axis spaces points evenly and labels the first, last and a few
    dates in between. ``None`` values break the line; isolated values still
    get a dot, so a single reported day is visible.

    >>> svg = line_chart([("2016-12-22", 2), ("2016-12-23", 25)], "Violations", chart_id="v")
    >>> svg.startswith('<svg') and '<title id="v-title">Violations</title>' in svg
    True
    """
    left, right, top, bottom = 44, 14, 12, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for _, v in points if v is not None]
    ticks = y_ticks(max(values) if values else 0)
    y_top = ticks[-1]
    n = len(points)

    def x_at(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y_at(v: float) -> float:
        return top + plot_h - (v / y_top) * plot_h

    description = desc if desc is not None else describe(points, y_label)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]
    # Grid and y axis labels.
    for t in ticks:
        y = _fmt(y_at(t))
        out.append(f'<line class="grid" x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}"/>')
        out.append(f'<text class="tick" x="{left - 6}" y="{y}" text-anchor="end" dominant-baseline="middle">{tick_label(t)}</text>')
    # Axes.
    out.append(f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>')
    out.append(f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"/>')
    for i in _x_label_indexes(n):
        x = _fmt(x_at(i))
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
        out.append(f'<line class="axis" x1="{x}" y1="{top + plot_h}" x2="{x}" y2="{top + plot_h + 4}"/>')
        out.append(
            f'<text class="tick" x="{x}" y="{top + plot_h + 16}" text-anchor="{anchor}">{escape(short_date(points[i][0]))}</text>'
        )
    out.append(f'<text class="axis-label" x="{left + plot_w / 2:.0f}" y="{height - 4}" text-anchor="middle">Date</text>')
    if y_label:
        out.append(
            f'<text class="axis-label" x="12" y="{top + plot_h / 2:.0f}" text-anchor="middle" '
            f'transform="rotate(-90 12 {top + plot_h / 2:.0f})">{escape(y_label)}</text>'
        )
    # The line: one polyline per run of consecutive known values.
    run: list[str] = []
    runs: list[list[str]] = []
    for i, (_, v) in enumerate(points):
        if v is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(f"{_fmt(x_at(i))},{_fmt(y_at(v))}")
    if run:
        runs.append(run)
    for r in runs:
        if len(r) > 1:
            out.append(f'<polyline class="line" fill="none" points="{" ".join(r)}"/>')
    for i, (label, v) in enumerate(points):
        if v is not None:
            out.append(
                f'<circle class="dot" cx="{_fmt(x_at(i))}" cy="{_fmt(y_at(v))}" r="3">'
                f"<title>{escape(label)}: {v:,}</title></circle>"
            )
    if not values:
        out.append(
            f'<text class="empty" x="{left + plot_w / 2:.0f}" y="{top + plot_h / 2:.0f}" text-anchor="middle">Nothing reported</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def data_table(points: Sequence[Point], caption: str, value_label: str = "Value", *, skip_empty: bool = True) -> str:
    """The chart's points as an HTML table (the non-visual alternative).

    Days with nothing reported are left out unless ``skip_empty`` is false;
    they are shown as "—" then, never as 0.

    >>> print(data_table([("2016-12-22", 2), ("2016-12-23", None)], "Violations"))
    <table class="data-table">
    <caption>Violations</caption>
    <thead><tr><th scope="col">Date</th><th scope="col">Value</th></tr></thead>
    <tbody>
    <tr><th scope="row">2016-12-22</th><td>2</td></tr>
    </tbody>
    </table>
    """
    rows = [
        f'<tr><th scope="row">{escape(label)}</th><td>{"—" if v is None else f"{v:,}"}</td></tr>'
        for label, v in points
        if v is not None or not skip_empty
    ]
    if not rows:
        rows = ['<tr><td colspan="2">Nothing reported in this period.</td></tr>']
    return "\n".join(
        [
            '<table class="data-table">',
            f"<caption>{escape(caption)}</caption>",
            f'<thead><tr><th scope="col">Date</th><th scope="col">{escape(value_label)}</th></tr></thead>',
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    )
