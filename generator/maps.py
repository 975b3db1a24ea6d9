"""Static SVG maps, drawn at build time: a day's incidents as points on the country's outline.

No JavaScript and no tiles: the outline is Natural Earth's admin-0 polygon
(1:110m, public domain, packaged by ``countryinfo``; stored in the gazetteer
extracts by ``generator.gazetteers.build``), the points come from the
gazetteer (GeoNames coordinates: a town's own, a district's town's, a
province's largest town's). Each incident is a circle sized by its largest
casualty figure and linked to its entry on the page; an incident that names
several provinces is drawn once in each. ``point_list`` gives the same
points as an HTML list, the text alternative (the picture itself is hidden
from screen readers, whose users get the list).

A map is a pure function of its outline and points: fixed number formatting
and a fixed drawing order, so the same day always gives the same bytes.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from generator.model import Incident, Place

# (longitude, latitude) pairs of one ring of the outline
Ring = Sequence[Sequence[float]]
# (latitude, longitude)
LatLon = tuple[float, float]

# Kinds of place that are a point of their own, not a whole province or country.
_SPECIFIC = ("city", "district")


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One incident drawn at one place.

    ``label`` names the place ("al-Hamdaniya, Aleppo"), ``text`` says what
    happened ("3–6 killed in al-Hamdaniya, Aleppo (Observatory)"), ``href``
    is the incident's entry ("#i-abc"), ``size`` its largest casualty figure
    (0: none), ``exact`` whether the place is a town or district rather than
    only its province, ``rank`` the incident's rank (casualties, event,
    statement).
    """

    lat: float
    lon: float
    label: str
    text: str
    href: str
    size: int = 0
    exact: bool = True
    rank: str = "event"


def _fmt(x: float) -> str:
    text = f"{x:.1f}"
    return "0" if text == "-0.0" else text[:-2] if text.endswith(".0") else text


def radius(size: int) -> float:
    """Circle radius for a casualty figure: the area grows with the number, up to a cap.

    >>> radius(0), radius(1), radius(9), radius(10_000)
    (4.0, 6.0, 10.0, 22.0)
    """
    if size <= 0:
        return 4.0
    return min(22.0, 4.0 + 2.0 * math.sqrt(size))


@dataclass(frozen=True, slots=True)
class Frame:
    """Where (longitude, latitude) lands in a ``width`` × ``height`` picture.

    Equirectangular, with longitudes shrunk by the cosine of the middle
    latitude so a country keeps its shape; north up.
    """

    west: float
    north: float
    scale: float  # pixels per degree of latitude
    shrink: float  # cos(middle latitude)
    pad: float
    width: int
    height: int

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.pad + (lon - self.west) * self.shrink * self.scale, self.pad + (self.north - lat) * self.scale)


def frame(lonlats: Sequence[Sequence[float]], width: int = 400, max_height: int = 400, pad: int = 24) -> Frame:
    """The frame that fits every (longitude, latitude) in ``lonlats``, ``width`` wide, at most ``max_height`` high.

    >>> f = frame([(36.0, 33.0), (42.0, 37.0)])
    >>> f.width, f.height, [_fmt(v) for v in f.xy(36.0, 37.0)], [_fmt(v) for v in f.xy(42.0, 33.0)]
    (400, 335, ['24', '24'], ['376', '310.5'])
    """
    lons = [p[0] for p in lonlats]
    lats = [p[1] for p in lonlats]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    shrink = math.cos(math.radians((south + north) / 2))
    x_span = max((east - west) * shrink, 1e-6)
    y_span = max(north - south, 1e-6)
    scale = min((width - 2 * pad) / x_span, (max_height - 2 * pad) / y_span)
    height = math.ceil(y_span * scale + 2 * pad)
    return Frame(west, north, scale, shrink, pad, width, height)


def outline_path(rings: Sequence[Ring], f: Frame) -> str:
    """The outline as one SVG path, every ring closed (holes cut by ``fill-rule="evenodd"``).

    >>> outline_path([[(36, 33), (42, 33), (42, 37), (36, 33)]], frame([(36, 33), (42, 37)]))
    'M24 310.5L376 310.5L376 24Z'
    """
    parts = []
    for ring in rings:
        xy = [f.xy(lon, lat) for lon, lat in ring]
        if len(xy) > 1 and xy[0] == xy[-1]:
            xy = xy[:-1]
        if xy:
            parts.append("M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in xy) + "Z")
    return "".join(parts)


def incident_points(
    incident: Incident,
    lookup: Callable[[str], Place | None],
    point: Callable[[str], LatLon | None],
    text: str,
    href: str,
) -> list[MapPoint]:
    """Where one incident is drawn: in each province it names, its first town there, else the province.

    ``lookup`` and ``point`` are the gazetteer's (``Gazetteer.lookup``,
    ``Gazetteer.point``). An incident naming no province (only the
    country) gives no point.

    >>> from generator.places import Gazetteer
    >>> g = Gazetteer.for_countries(["SY"])
    >>> inc = Incident("a", "2016-12-23", "battles", "event", ("Aleppo", "Hama", "Rif Dimashq"), ("Aleppo", "Hama", "Rif Dimashq"), ())
    >>> [(p.label, p.exact) for p in incident_points(inc, g.lookup, g.point, "Clashes", "#i-a")]
    [('Aleppo', True), ('Hama', True), ('Rif Dimashq', False)]
    """
    from generator.incidents import casualties

    found = [(name, lookup(name)) for name in incident.places]
    out = []
    for province in incident.provinces:
        named = [(n, p) for n, p in found if p is not None and p.admin1 == province and p.kind in _SPECIFIC and point(n)]
        name, place = next((item for item in named if item[0] != province), named[0] if named else (province, None))
        where = point(name)
        if where is None:
            continue
        label = name if name == province else f"{name}, {province}"
        out.append(MapPoint(where[0], where[1], label, text, href, casualties(incident), place is not None, incident.rank))
    return out


def _draw_order(p: MapPoint) -> tuple:
    # biggest first, so small circles on top stay visible and clickable
    return (-p.size, p.rank, p.label, p.href)


# Golden angle: the k-th circle at one place goes round the first like seeds in a sunflower.
_GOLDEN = math.pi * (3 - math.sqrt(5))


def spread(k: int, step: float = 7.0) -> tuple[float, float]:
    """Offset of the k-th circle drawn at one place (0: the place itself), so each stays visible.

    >>> spread(0), [tuple(_fmt(v) for v in spread(k)) for k in (1, 2)]
    ((0.0, 0.0), [('-5.2', '4.7'), ('0.9', '-9.9')])
    """
    if k == 0:
        return (0.0, 0.0)
    distance = step * math.sqrt(k)
    return (distance * math.cos(k * _GOLDEN), distance * math.sin(k * _GOLDEN))


def incident_map(rings: Sequence[Ring], points: Sequence[MapPoint], title: str, map_id: str = "map") -> str:
    """The points on the outline as an inline SVG ('' when there is neither).

    Hidden from screen readers (``aria-hidden``; its links are out of the tab
    order): ``point_list`` is their version. Each circle links to its
    incident and has a tooltip.

    >>> svg = incident_map([[(36, 33), (42, 33), (42, 37), (36, 33)]], [MapPoint(36.2, 37.16, "Aleppo", "3 killed", "#i-a", 3)], "23 December", "m")
    >>> 'class="country" d="M24 310.5L376 310.5L376 24Z"' in svg, '<a href="#i-a" tabindex="-1">' in svg
    (True, True)
    >>> incident_map([], [], "Nothing")
    ''
    """
    lonlats = [pt for ring in rings for pt in ring] + [(p.lon, p.lat) for p in points]
    if not lonlats:
        return ""
    f = frame(lonlats)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="map" id="{escape(map_id)}" viewBox="0 0 {f.width} {f.height}" '
        f'width="{f.width}" height="{f.height}" aria-hidden="true" focusable="false">',
        f"<title>{escape(title)}</title>",
    ]
    path = outline_path(rings, f)
    if path:
        out.append(f'<path class="country" d="{path}" fill-rule="evenodd"/>')
    at_place: dict[tuple[float, float], list[MapPoint]] = {}
    circles = []
    for p in sorted(points, key=_draw_order):
        here = at_place.setdefault((p.lat, p.lon), [])
        dx, dy = spread(len(here))
        here.append(p)
        x, y = f.xy(p.lon, p.lat)
        kind = f"point rank-{p.rank}" + ("" if p.exact else " approximate")
        circles.append(
            f'<a href="{escape(p.href)}" tabindex="-1"><circle class="{escape(kind)}" cx="{_fmt(x + dx)}" cy="{_fmt(y + dy)}" '
            f'r="{_fmt(radius(p.size))}"><title>{escape(p.label)}: {escape(p.text)}</title></circle></a>'
        )
    out.extend(place_labels(at_place, f))
    out.extend(circles)
    out.append("</svg>")
    return "\n".join(out)


# Label text: 13 px, about 7.2 px a character (a box to keep labels apart, not a measurement).
_CHAR_WIDTH, _LABEL_HEIGHT = 7.2, 14.0


def place_labels(at_place: dict[tuple[float, float], list[MapPoint]], f: Frame) -> list[str]:
    """Town names beside their circles, busiest place first; a name that would cover a circle or another name is left out.

    A place is named as most of its points name it; the name goes right of its
    cluster of circles, else left.

    >>> f = frame([(36, 33), (42, 37)])
    >>> a, b = MapPoint(36.2, 37.16, "Aleppo", "x", "#i-a"), MapPoint(36.2, 37.16, "al-Hamdaniya, Aleppo", "y", "#i-b")
    >>> c = MapPoint(36.21, 37.17, "Anadan, Aleppo", "z", "#i-c")
    >>> [s.split(">")[1][:-6] for s in place_labels({(a.lat, a.lon): [b, a, a], (c.lat, c.lon): [c]}, f)]
    ['Aleppo']
    """
    clusters = []
    for (lat, lon), here in at_place.items():
        x, y = f.xy(lon, lat)
        names = Counter(p.label.split(", ")[0] for p in here)
        name = min(names, key=lambda n: (-names[n], n))
        reach = max(math.hypot(*spread(k)) + radius(p.size) for k, p in enumerate(here)) + 3
        clusters.append((-len(here), name, x, y, reach))
    taken = [(x - r, y - r, x + r, y + r) for _, _, x, y, r in clusters]
    out = []
    for _, name, x, y, reach in sorted(clusters):
        width = len(name) * _CHAR_WIDTH
        top, bottom = y - _LABEL_HEIGHT / 2, y + _LABEL_HEIGHT / 2
        for anchor, at, box in (("start", x + reach, (x + reach, top, x + reach + width, bottom)),
                                ("end", x - reach, (x - reach - width, top, x - reach, bottom))):
            inside = box[0] >= 0 and box[2] <= f.width
            if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                taken.append(box)
                out.append(f'<text class="place" x="{_fmt(at)}" y="{_fmt(y + 4.5)}" text-anchor="{anchor}">{escape(name)}</text>')
                break
    return out


def point_list(points: Sequence[MapPoint], unmapped: int = 0) -> str:
    """The map's text alternative: each place once, in page order, with links to its incidents.

    ``unmapped`` counts the incidents that named no place more precise than the country.

    >>> print(point_list([MapPoint(33.6, 36.4, "Rif Dimashq", "Shelling", "#i-b", exact=False),
    ...                   MapPoint(33.6, 36.4, "Rif Dimashq", "Clashes", "#i-c", exact=False)], unmapped=1))
    <ul class="map-points">
    <li>Rif Dimashq (province only): <a href="#i-b">Shelling</a>; <a href="#i-c">Clashes</a></li>
    </ul>
    <p class="map-unmapped">Not on the map: 1 incident that names no place within the country.</p>
    """
    by_place: dict[tuple[str, bool], list[MapPoint]] = {}
    for p in points:
        by_place.setdefault((p.label, p.exact), []).append(p)
    items = [
        f'<li>{escape(label)}{"" if exact else " (province only)"}: '
        + "; ".join(f'<a href="{escape(p.href)}">{escape(p.text)}</a>' for p in here)
        + "</li>"
        for (label, exact), here in by_place.items()
    ]
    out = ['<ul class="map-points">', *items, "</ul>"] if items else []
    if unmapped:
        noun = "incident that names" if unmapped == 1 else "incidents that name"
        out.append(f'<p class="map-unmapped">Not on the map: {unmapped} {noun} no place within the country.</p>')
    return "\n".join(out)
