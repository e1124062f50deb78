"""The gazetteer interface: what the place fields may ask about the world.

A ``Place`` has a generic kind, the same for every country: ``country``, ``admin1`` (a first-level
division: Mali's regions, Nigeria's states, Afghanistan's provinces), ``admin2`` (a second-level
division: Mali's cercles, Nigeria's local government areas, Afghanistan's districts),
``populated_place`` (a city, town or village), ``area`` (a named area that is no division: the
Sahel, Liptako, the Sinai) and ``site`` (a hotel, a camp, a mine). A country's own words for its
divisions ("cercle", "commune", "state", "province", "governorate") are aliases of these kinds
(``pipeline.geo.terms``), never kinds of their own.

Every gazetteer answers ``lookup(name)`` with every place that bears the name (all namesakes,
most populous first); choosing among them is the place field's work, with the text around the
name and the report's scope. A name the gazetteer does not know gives an empty list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

PlaceKind = Literal["country", "admin1", "admin2", "populated_place", "area", "site"]


@dataclass(frozen=True)
class Place:
    """One place of the world."""

    id: str  # stable: "geonames:2453866", "iso3166-2:NG-BO", "places.csv:Gao/town"
    name: str  # canonical English name
    kind: PlaceKind
    country: str | None  # ISO 3166-1 alpha-2; None for an area wider than a country
    admin1: str | None = None  # canonical name of the first-level division holding it
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    source: str = ""  # where the facts come from
    # For an admin1: the place whose coordinates stand in for the division (its capital or, when
    # the source names none, its most populous place).
    seat: str | None = None


class Gazetteer(Protocol):
    """What the place fields ask about the world."""

    def lookup(self, name: str) -> list[Place]:
        """Every place bearing ``name`` (case, accents and apostrophes folded), most populous
        first; [] for a name it does not know."""

    def country(self, code: str) -> Place | None:
        """The country of an ISO 3166-1 alpha-2 code."""

    def get(self, place_id: str) -> Place | None:
        """A place by its id."""
