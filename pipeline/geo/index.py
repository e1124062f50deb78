"""The places a name can mean: the curated table first, the world gazetteer after.

The place fields ask ``PlaceIndex.rows(name)`` for every place a spelling can mean, as table rows
(``pipeline.tables.PlaceRow``), so that a curated row and a GeoNames place read alike:

- ``pipeline/data/places.csv`` holds the rows people curated for the reports they read (the Mali
  report's villages, their variants, the admin1 a report states): when a spelling is there, it
  decides, and the world gazetteer is not asked;
- otherwise every namesake the world gazetteer knows (``pipeline.geo.world``), most populous
  first, each row carrying its GeoNames id and population; choosing among them is the place
  field's work, with the text around the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.geo.base import Place
from pipeline.geo.world import WorldGazetteer
from pipeline.tables import PlaceRow, fold


def place_row(place: Place) -> PlaceRow:
    """A world place as a table row.

    >>> place_row(Place(id="geonames:1", name="Marte", kind="populated_place", country="NG",
    ...                 admin1="Borno", lat=12.36, lon=13.83, population=15707)).admin1
    'Borno'
    """
    return PlaceRow(name=place.name, kind=place.kind, admin1=place.admin1,
                    country=place.country or "ZZ", lat=place.lat, lon=place.lon,
                    source=f"world:{place.id}", note=None, population=place.population)


def place_index(tables) -> PlaceIndex:
    """The curated rows of ``tables`` with the shipped world gazetteer behind them (one index per
    loaded table).

    >>> from pipeline.tables import load_tables
    >>> [r.country for r in place_index(load_tables()).world_rows("Maiduguri")]
    ['NG']
    """
    key = id(tables.places)
    hit = _INDEXES.get(key)
    if hit is None or hit.curated is not tables.places:
        from pipeline.geo.world import shared_world

        hit = PlaceIndex(tables.places, shared_world())
        _INDEXES.clear()
        _INDEXES[key] = hit
    return hit


_INDEXES: dict[int, "PlaceIndex"] = {}


class PlaceIndex:
    """Curated rows, then the world's, for a spelling."""

    def __init__(self, curated: Sequence[PlaceRow], world: WorldGazetteer | None) -> None:
        self.curated = curated
        self.world = world
        self._cache: dict[str, tuple[PlaceRow, ...]] = {}

    def world_rows(self, name: str) -> tuple[PlaceRow, ...]:
        """The world gazetteer's namesakes of ``name`` as rows (none without a gazetteer)."""
        if self.world is None:
            return ()
        key = fold(name)
        if key not in self._cache:
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[key] = NamedRows(
                (place_row(p) for p in self.world.lookup(name) if p.country is not None), name)
        return self._cache[key]


class NamedRows(tuple):
    """World rows that remember the spelling they were looked up by."""

    def __new__(cls, rows, name: str):
        made = super().__new__(cls, rows)
        made.name = name
        return made
