"""Country names and ISO 3166-1 numeric codes for the ACLED and GTD exports.

pycountry gives both for every alpha-2 code a record carries; the name is its common name where
it has one (the short name people write), else its ISO name. Where ACLED and GTD write a country
otherwise (ISO's "Côte d'Ivoire" is their "Ivory Coast"), ``pipeline/data/country_names.csv``
holds the name to export, one row per country, with the reason in its ``source`` column.
"""

from __future__ import annotations

from functools import cache

import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator

from pipeline.tables import DATA_DIR, TableError, load_rows

COUNTRY_NAMES = DATA_DIR / "country_names.csv"


def _iso_country(code: str | None):
    # pycountry ignores case; records carry upper-case codes, and a code in any other case was
    # never a country here (it is exported as written, with no numeric code).
    country = pycountry.countries.get(alpha_2=code) if code else None
    return country if country is not None and country.alpha_2 == code else None


class CountryNameRow(BaseModel):
    """One country whose exported name is not pycountry's."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    code: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code.")
    name: str = Field(min_length=1, description="The name the ACLED and GTD exports write.")
    source: str = Field(min_length=1, description="Whose name it is, and why not pycountry's.")

    @field_validator("code")
    @classmethod
    def _known_code(cls, code: str) -> str:
        if _iso_country(code) is None:
            raise ValueError(f"{code} is not an ISO 3166-1 alpha-2 code pycountry knows")
        return code


@cache
def country_name_rows() -> tuple[CountryNameRow, ...]:
    """The rows of ``country_names.csv``, checked: known codes, one row per code.

    >>> all(row.name and row.source for row in country_name_rows())
    True
    """
    rows = load_rows(COUNTRY_NAMES, CountryNameRow)
    first_line: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        if row.code in first_line:
            raise TableError(
                f"{COUNTRY_NAMES.name}:{line} duplicate code {row.code!r} "
                f"(first on line {first_line[row.code]}): keep one row"
            )
        first_line[row.code] = line
    return tuple(rows)


@cache
def _overrides() -> dict[str, str]:
    return {row.code: row.name for row in country_name_rows()}


def country_name(code: str | None) -> str | None:
    """The country's name as ACLED and GTD write it; the code itself when pycountry does not
    know it.

    >>> row = country_name_rows()[0]
    >>> row.code, country_name(row.code), country_name(None)
    ('CI', 'Ivory Coast', None)
    """
    if code is None:
        return None
    if code in _overrides():
        return _overrides()[code]
    country = _iso_country(code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def country_number(code: str | None) -> int | None:
    """The ISO 3166-1 numeric code of an alpha-2 code (ACLED's ``iso``); None when unknown.

    >>> country_number(country_name_rows()[0].code), country_number(None)
    (384, None)
    """
    country = _iso_country(code)
    return int(country.numeric) if country is not None else None
