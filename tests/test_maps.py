"""The bulletin map (generator/maps.py): incidents as points on the country's outline, and its text alternative."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import maps
from generator.model import Claim, Incident
from generator.places import Gazetteer, country_outline, read_gazetteer_file

SY = Gazetteer.for_countries(["SY"])


def _incident(iid: str, places: tuple[str, ...], provinces: tuple[str, ...], killed: int = 0, rank: str = "event") -> Incident:
    figures = (Claim("killed", killed, None, "a monitoring group", None, ()),) if killed else ()
    return Incident(iid, "2016-12-23", "battles", "casualties" if killed else rank, places, provinces, (iid,), figures)


def _points(*incidents: Incident) -> list[maps.MapPoint]:
    return [p for inc in incidents for p in maps.incident_points(inc, SY.lookup, SY.point, f"text {inc.id}", f"#i-{inc.id}")]


@pytest.mark.parametrize("code", ["SY", "UA", "YE", "IQ", "LY"])
def test_every_bundled_country_has_a_closed_outline_around_its_towns(code):
    rings = country_outline([code])
    assert rings and all(len(r) > 3 and r[0] == r[-1] for r in rings)
    lons = [p[0] for r in rings for p in r]
    lats = [p[1] for r in rings for p in r]
    capital = {"SY": "Damascus", "UA": "Kyiv", "YE": "Sanaa", "IQ": "Baghdad", "LY": "Tripoli"}[code]
    lat, lon = Gazetteer.for_countries([code]).point(capital)
    assert min(lons) < lon < max(lons) and min(lats) < lat < max(lats)


def test_gazetteer_points_for_towns_districts_and_provinces():
    aleppo = SY.point("Aleppo")
    assert aleppo is not None and 36 < aleppo[0] < 36.5 and 37 < aleppo[1] < 37.3
    assert SY.point("al-Hamdaniya") == aleppo  # a district lies at its town
    assert SY.point("Rif Dimashq") is not None  # a province at its largest town
    assert SY.point("Syria") is None  # the country is no point


def test_an_incident_is_drawn_in_each_province_it_names_at_its_town_there():
    inc = _incident("a", ("Maharda", "Rif Dimashq", "Aleppo"), ("Hama", "Rif Dimashq", "Aleppo"), killed=4)
    points = _points(inc)
    assert [(p.label, p.exact, p.size) for p in points] == [
        ("Maharda, Hama", True, 4), ("Rif Dimashq", False, 4), ("Aleppo", True, 4),
    ]
    assert {p.href for p in points} == {"#i-a"}


def test_an_incident_naming_only_the_country_has_no_point():
    assert _points(_incident("c", ("Syria",), ())) == []


def test_map_links_every_point_to_its_incident_and_the_list_names_the_same():
    incidents = [
        _incident("a", ("al-Hamdaniya", "Aleppo"), ("Aleppo",), killed=6),
        _incident("b", ("Aleppo",), ("Aleppo",), rank="statement"),
        _incident("c", ("Jobar",), ("Damascus",)),
    ]
    points = _points(*incidents)
    svg = maps.incident_map(country_outline(["SY"]), points, "Incidents of one day", "m")
    listed = maps.point_list(points, unmapped=1)
    svg_links = re.findall(r'<a href="(#i-\w+)" tabindex="-1"><circle', svg)
    assert sorted(svg_links) == ["#i-a", "#i-b", "#i-c"]
    assert sorted(re.findall(r'<a href="(#i-\w+)">', listed)) == ["#i-a", "#i-b", "#i-c"]
    assert 'aria-hidden="true"' in svg and "Not on the map: 1 incident" in listed
    # the biggest circle is drawn first, so the small ones on top stay clickable
    assert svg.index('href="#i-a"') < svg.index('href="#i-b"')
    assert maps.radius(6) > maps.radius(0)


def test_circles_at_one_place_do_not_hide_each_other():
    points = _points(*(_incident(f"x{n}", ("Idlib",), ("Idlib",)) for n in range(5)))
    svg = maps.incident_map(country_outline(["SY"]), points, "t")
    centres = re.findall(r'cx="([\d.]+)" cy="([\d.]+)"', svg)
    assert len(centres) == len(set(centres)) == 5


def test_map_is_byte_identical_whatever_order_the_points_come_in():
    points = _points(
        _incident("a", ("Maharda",), ("Hama",), killed=2), _incident("b", ("Hama",), ("Hama",)),
        _incident("c", ("Jobar",), ("Damascus",), killed=9),
    )
    outline = country_outline(["SY"])
    assert maps.incident_map(outline, points, "t") == maps.incident_map(outline, list(reversed(points)), "t")


def test_labels_keep_off_circles_and_each_other():
    points = _points(*(_incident(f"y{n}", (town,), (prov,))
                       for n, (town, prov) in enumerate([("Aleppo", "Aleppo"), ("Aleppo", "Aleppo"), ("Idlib", "Idlib"),
                                                         ("Maharda", "Hama"), ("Hama", "Hama"), ("Jobar", "Damascus")])))
    svg = maps.incident_map(country_outline(["SY"]), points, "t")
    labels = re.findall(r'<text class="place"[^>]*>([^<]+)</text>', svg)
    assert labels[0] == "Aleppo"  # the busiest place is named first
    assert len(labels) == len(set(labels))


def test_a_gazetteer_file_gives_its_villages_their_coordinates(tmp_path: Path):
    # one GeoNames-dump row written for the test: a village the bundled data lack
    row = ["9000001", "Tall Zaytun", "Tall Zaytun", "", "36.5123", "37.0456", "P", "PPL", "SY", "", "09",
           "", "", "", "120", "", "400", "Asia/Damascus", "2020-01-01"]
    dump = tmp_path / "SY.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    (place,) = read_gazetteer_file(str(dump))
    assert place.point == (36.512, 37.046)
    gazetteer = Gazetteer.for_countries(["SY"], files=[str(dump)])
    assert gazetteer.point("Tall Zaytun") == (36.512, 37.046)
