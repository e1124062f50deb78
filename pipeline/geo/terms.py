"""The words reports use for divisions ("region", "province", "cercle", "local government area")
and the generic place kind each stands for, read from ``data/division_terms.csv``.

A term may mean different levels in different countries ("department" is first-level in
Colombia, second-level in France): a row with ``countries`` applies there, a row without applies
everywhere else.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TERMS_CSV = Path(__file__).resolve().parent.parent / "data" / "division_terms.csv"


@dataclass(frozen=True)
class DivisionTerm:
    term: str
    kind: str
    countries: frozenset[str]


@lru_cache(maxsize=1)
def division_terms(path: Path = TERMS_CSV) -> tuple[DivisionTerm, ...]:
    """Every row of the terms table, in file order."""
    with open(path, newline="", encoding="utf-8") as handle:
        return tuple(
            DivisionTerm(
                term=row["term"].strip().lower(),
                kind=row["kind"].strip(),
                countries=frozenset((row.get("countries") or "").split()),
            )
            for row in csv.DictReader(handle)
        )


def term_kind(term: str, country: str | None = None) -> str | None:
    """The kind of place ``term`` names in ``country`` (any country when None).

    >>> term_kind("department", "CO"), term_kind("department", "FR"), term_kind("Regions")
    ('admin1', 'admin2', 'admin1')
    """
    key = term.strip().lower()
    rows = [t for t in division_terms() if t.term == key]
    for row in rows:
        if country and country in row.countries:
            return row.kind
    for row in rows:
        if not row.countries:
            return row.kind
    return rows[0].kind if rows else None


def terms_of_kind(kind: str, everywhere: bool = False) -> tuple[str, ...]:
    """The terms naming ``kind`` somewhere (``everywhere``: in every country the table does not
    name otherwise), longest first, so a pattern tries "provinces" before "province".

    >>> terms_of_kind("admin1", everywhere=True)
    ('governorate', 'provinces', 'province', 'regions', 'region', 'states', 'state')
    """
    found = {
        t.term for t in division_terms() if t.kind == kind and not (everywhere and t.countries)
    }
    return tuple(sorted(found, key=lambda t: (-len(t), t)))


# A division named only by a compass point or a position ("North Central", "Eastern Province",
# "Far North", "Western Area"): a description in most reports, not a name to look up.
_GENERIC_DIVISION = re.compile(
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western|upper|lower|far|"
    r"north-?east|north-?west|south-?east|south-?west|northeastern|northwestern|southeastern|"
    r"southwestern|middle|coast|capital|western\s+area)\s*)+"
    r"(?:province|region|state|district|division|governorate|department|area|territory|zone)?"
)


def generic_division(folded: str) -> bool:
    """Whether a folded division name is only compass words and a division term.

    >>> generic_division("north central"), generic_division("north east zone"), generic_division("borno")
    (True, True, False)
    """
    return bool(_GENERIC_DIVISION.fullmatch(folded))
