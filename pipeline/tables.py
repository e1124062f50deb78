"""Loaders for the data tables in ``pipeline/data``, each row through a row model.

People edit the CSV files; a bad row fails at load time with its file, line and column, e.g.
``places.csv:17 [admin1] Input should be a valid string``, and what to do about it.
"""

from __future__ import annotations

import csv
import hashlib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DATA_DIR = Path(__file__).parent / "data"

T = TypeVar("T", bound=BaseModel)


class TableError(ValueError):
    """A data table we own is broken: the message names the file, line and column."""


def strip_accents(text: str) -> str:
    """The text without its accents, case kept.

    >>> strip_accents("Sévaré, Ménaka")
    'Sevare, Menaka'
    """
    if text.isascii():
        return text  # nothing to decompose: the normal forms of ASCII text are the text
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(text: str) -> str:
    """Case- and accent-folded form of a name, for exact matching of variants.

    >>> fold("Sévaré"), fold("Ménaka")
    ('sevare', 'menaka')
    """
    return " ".join(strip_accents(text).replace("’", "'").casefold().split())


def cache_by_identity(fn):
    """Cache a one-argument function on the identity of its argument (a table's rows).

    ``functools.lru_cache`` would hash the whole tuple of frozen rows on every call, which cost a
    third of a second per Mali extraction; the tables are loaded once and never change.

    >>> calls = []
    >>> @cache_by_identity
    ... def count(rows):
    ...     calls.append(1)
    ...     return len(rows)
    >>> rows = (1, 2, 3)
    >>> count(rows), count(rows), len(calls)
    (3, 3, 1)
    """
    cache: dict[int, tuple[object, object]] = {}

    @wraps(fn)
    def cached(arg):
        hit = cache.get(id(arg))
        if hit is not None and hit[0] is arg:
            return hit[1]
        value = fn(arg)
        if len(cache) >= 8:
            cache.clear()
        cache[id(arg)] = (arg, value)
        return value

    return cached


def _none_if_blank(value):
    if isinstance(value, str) and not value.strip():
        return None
    return value


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return _none_if_blank(value)


ActorKind = Literal[
    "jihadist group",
    "armed group",
    "militia",
    "state force",
    "foreign force",
    "international force",
    "government body",
    "international body",
    "private military company",
    "court",
    "ngo",
    "company",
    "publisher",
]


class ActorRow(_Row):
    """One alias of an actor. The canonical name is also listed as an alias of itself."""

    name: str = Field(description="Canonical name, as records carry it.")
    alias: str = Field(description="A form the text may use: full name, acronym, spelling.")
    kind: ActorKind
    country: str | None = Field(
        default=None, min_length=2, max_length=2,
        description="ISO 3166-1 alpha-2 code of the state a force serves. The first state force "
        "of a country is its national army, which plain 'soldiers' in its events are; the first "
        "international force of a country is the U.N. mission there ('peacekeepers').",
    )
    parent: str | None = Field(default=None, description="Canonical name it merged into.")
    since: str | None = Field(
        default=None, description="When the merge or renaming happened (YYYY or YYYY-MM)."
    )
    note: str | None = None
    source: str = Field(description="Where the row's facts come from.")
    in_countries: str | None = Field(
        default=None,
        description="Space-separated ISO 3166-1 alpha-2 codes of the countries where the alias "
        "means this actor ('MZ' for 'al-Shabaab' = Ansar al-Sunna); empty: the alias holds anywhere.",
    )

    seat: str | None = Field(
        default=None, min_length=2, max_length=2,
        description="For courts and government bodies: ISO 3166-1 alpha-2 code of the country "
        "where the body sits. An event whose first sentence has the body as subject and names "
        "no place happened there.",
    )

    @field_validator("in_countries")
    @classmethod
    def _iso_codes(cls, value: str | None) -> str | None:
        if value is None:
            return None
        codes = value.split()
        bad = [c for c in codes if not (len(c) == 2 and c.isascii() and c.isalpha() and c.isupper())]
        if bad:
            raise ValueError(
                f"{bad[0]!r} is not an ISO 3166-1 alpha-2 code (two upper-case letters, "
                "space-separated)"
            )
        return " ".join(codes)


# Generic kinds, the same for every country (pipeline.geo.base): a country's own words for its
# divisions ("region", "cercle", "commune" in Mali) are in division_terms.csv.
PlaceKind = Literal[
    "country", "admin1", "admin2", "admin3", "populated_place", "area", "site"
]


class PlaceRow(_Row):
    """One place, with its spelling variants separated by '|'."""

    name: str = Field(description="Canonical name.")
    variants: str | None = Field(default=None, description="Other spellings, '|'-separated.")
    kind: PlaceKind
    admin1: str | None = Field(default=None, description="First-level region (canonical name).")
    country: str = Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2.")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    source: str = Field(description="Where the row's facts come from.")
    note: str | None = None
    # Set on rows made from the world gazetteer, never in places.csv: GeoNames' population
    # chooses among namesakes when nothing else does.
    population: int = Field(default=0, ge=0, exclude=True)

    @property
    def spellings(self) -> list[str]:
        extra = [v.strip() for v in (self.variants or "").split("|") if v.strip()]
        return [self.name, *extra]


def load_rows(path: Path, model: type[T]) -> list[T]:
    """Load a CSV table through ``model``; raise ``TableError`` naming the first bad row.

    >>> rows = load_rows(DATA_DIR / "actors.csv", ActorRow)
    >>> rows[0].name != ""
    True
    """
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as e:
        raise TableError(f"{path.name}: cannot read the table ({e.strerror})") from e
    rows: list[T] = []
    with handle:
        reader = csv.DictReader(handle)
        expected = set(model.model_fields)
        header = set(reader.fieldnames or [])
        if not expected >= header or not {
            k for k, f in model.model_fields.items() if f.is_required()
        } <= header:
            raise TableError(
                f"{path.name}:1 columns {sorted(header)} do not match {sorted(expected)}: "
                "fix the header line"
            )
        for row in reader:
            line = reader.line_num
            if None in row:
                raise TableError(f"{path.name}:{line} has more cells than the header: quote commas")
            try:
                rows.append(model.model_validate(row))
            except ValidationError as e:
                err = e.errors()[0]
                column = ".".join(str(p) for p in err["loc"])
                raise TableError(
                    f"{path.name}:{line} [{column}] {err['msg']}: fix the cell (got {row.get(column)!r})"
                ) from e
    return rows


@dataclass(frozen=True)
class Tables:
    """Every data table the pipeline reads, loaded and checked."""

    actors: tuple[ActorRow, ...]
    places: tuple[PlaceRow, ...]
    digest: dict[str, str]

    def actor_kinds(self) -> dict[str, str]:
        """Canonical name -> kind (the first row's), built once per loaded tables."""
        return _actor_kinds(self.actors)

    def force_of(self, country: str | None, kind: str) -> str | None:
        """The first force of ``kind`` serving ``country`` in the table, by canonical name.

        >>> t = load_tables()
        >>> t.force_of("ML", "state force"), t.force_of("ML", "international force")
        ('Malian Armed Forces', 'MINUSMA')
        """
        return _forces(self.actors).get((country, kind))


def _check_unique(rows, key, what: str, filename: str) -> None:
    seen: dict[str, int] = {}
    for i, row in enumerate(rows, start=2):
        k = key(row)
        if k in seen:
            raise TableError(f"{filename}:{i} duplicate {what} {k!r} (first on line {seen[k]})")
        seen[k] = i


@lru_cache(maxsize=4)
def load_tables(data_dir: Path = DATA_DIR, generate_forces: bool = True) -> Tables:
    """Load and check ``actors.csv`` and ``places.csv``.

    >>> t = load_tables()
    >>> any(r.alias == "GSIM" and r.name == "JNIM" for r in t.actors)
    True
    """
    actors = load_rows(data_dir / "actors.csv", ActorRow)
    places = load_rows(data_dir / "places.csv", PlaceRow)
    # An alias may repeat once per distinct in_countries value ("ADF" is the Allied Democratic
    # Forces anywhere, the Ambazonia Defence Forces in Cameroon).
    _check_unique(
        actors,
        lambda r: (fold(r.alias), " ".join(sorted((r.in_countries or "").split()))),
        "alias",
        "actors.csv",
    )
    _check_unique(places, lambda r: (fold(r.name), r.country, r.kind), "place", "places.csv")
    names = {r.name for r in actors}
    for i, row in enumerate(actors, start=2):
        if row.parent and row.parent not in names:
            raise TableError(f"actors.csv:{i} [parent] {row.parent!r} is not a canonical name")
    digest = {
        name: hashlib.sha256((data_dir / name).read_bytes()).hexdigest()
        for name in ("actors.csv", "places.csv", "demonyms.csv")
        if (data_dir / name).exists()
    }
    if generate_forces:
        # Every country's forces from its adjectives, after the curated rows (which win).
        from pipeline.geo.forces import force_rows
        from pipeline.geo.world import shared_world

        actors = actors + force_rows(actors, ActorRow, shared_world())
    return Tables(tuple(actors), tuple(places), digest)


@cache_by_identity
def _forces(actors: tuple[ActorRow, ...]) -> dict[tuple[str | None, str], str]:
    """(country, kind) -> the first row's name that is not a police force (``Tables.force_of``),
    read in one pass instead of one per entry."""
    forces: dict[tuple[str | None, str], str] = {}
    for row in actors:
        if "police" not in row.name.lower():
            forces.setdefault((row.country, row.kind), row.name)
    return forces


@cache_by_identity
def _actor_kinds(actors: tuple[ActorRow, ...]) -> dict[str, str]:
    return {row.name: row.kind for row in actors}
