"""``resolve_place``: the row a spelling means: the curated table exact first (the hint country
and the most specific kind first), then fuzzy, then the world gazetteer's namesakes, chosen by the
countries the report and the entry name; and the small table lookups the judge needs.

``places`` is either the curated rows alone or a ``pipeline.geo.index.PlaceIndex``, which adds
the world gazetteer behind them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

from pipeline.geo.index import PlaceIndex
from pipeline.tables import PlaceRow, cache_by_identity, fold

# Which row a bare spelling means when several share it ("Gao" town and region): the most
# specific kind first. Sites come last: their names are only ever their own.
_KIND_ORDER = ("populated_place", "admin3", "admin2", "admin1", "area", "country", "site")
_REGION_KINDS = frozenset({"admin1", "area"})
# The note prefix places.csv gives areas wider than a country (pipeline/data/README.md).
_SUPRANATIONAL = "supranational"
# World rows carry their gazetteer id as their source.
_WORLD_SOURCES = ("world:",)
# A namesake this populous is taken without a hint country ("Karachi", "Baghdad", "Kabul");
# a smaller one in a country the report never names stays unresolved ("Boni" is Bonn's
# alternate name; "Woolwich" is a town in Maine too).
LARGE_PLACE = 100_000
# How many times more populous than a hint country's namesake a place elsewhere must be to be
# the one a bare name means ("Scotland", not Scotland, Pennsylvania).
FAMOUS_RATIO = 20
# Fuzzy matching of names shorter than this is noise: "Gao" is 86 from "Gaza".
_FUZZY_MIN_CHARS = 4
# From this length ratio on, WRatio scores the best partial match, which finds "Koro" inside
# "Koulikoro" (90) and "Kadji" inside "Kadji camp" (90): longer or shorter spellings are skipped.
_PARTIAL_RATIO = 1.5


@cache_by_identity
def _index(places: Sequence[PlaceRow]) -> dict[str, tuple[PlaceRow, ...]]:
    """Rows by folded spelling, most specific kind first (built once per table)."""
    grouped: dict[str, list[PlaceRow]] = {}
    for row in places:
        for spelling in row.spellings:
            grouped.setdefault(fold(spelling), []).append(row)
    return {
        key: tuple(sorted(rows, key=lambda r: _KIND_ORDER.index(r.kind)))
        for key, rows in grouped.items()
    }


def _key(text: str) -> str:
    """Folded lookup key of a span: no leading article, no possessive ("Mali’s" -> "mali")."""
    key = re.sub(r"^the\s+", "", fold(text))
    return re.sub(r"'s$", "", key)


def _curated(places) -> Sequence[PlaceRow]:
    return places.curated if isinstance(places, PlaceIndex) else places


def _rows_for(text: str, places) -> tuple[PlaceRow, ...]:
    """The curated rows of a spelling; the world's namesakes when the table has none."""
    rows = _index(_curated(places)).get(_key(text), ())
    if rows or not isinstance(places, PlaceIndex):
        return rows
    return _world_rows(text, places)


def _world_rows(text: str, index: PlaceIndex) -> tuple[PlaceRow, ...]:
    key = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return index.world_rows(re.sub(r"['’]s$", "", key))


def rows_name(rows: Sequence[PlaceRow]) -> str | None:
    """The spelling world rows were looked up by, when they say it (see ``PlaceIndex``)."""
    return getattr(rows, "name", None)


def hints_of(hint) -> tuple[str, ...]:
    """The hint countries, most likely first: one code, a sequence of codes, or None."""
    if hint is None:
        return ()
    return (hint,) if isinstance(hint, str) else tuple(hint)


def choose_world(rows: Sequence[PlaceRow], hints: Sequence[str],
                 region: bool = False, name: str | None = None) -> PlaceRow | None:
    """The namesake a world spelling means, or None when nothing decides it.

    A country named by its own name is the country whatever the hints ("Lebanon"), unless a
    hint country has a first-level division of that name. Otherwise a place whose own name is
    the spelling wins over one that only lists it among its alternate names ("Bangladesh" is the
    country, not an Armenian town once called so); then a namesake in a hint country (the
    earlier the hint, the stronger), a region when the text calls the place a region, the most
    specific kind (a town or district below a first-level division of its name in the same
    country only when it lies in it: "Nevada" is the state, "Kandahar" the city), the most
    populous. Without a namesake in a hint country, only a country or a large place
    (``LARGE_PLACE``) known by its own name is taken; otherwise the name stays unresolved rather
    than forced ("Save" of "Save the Children" is not Savé, Benin).
    """
    if not rows:
        return None
    key = fold(name) if name else None

    def own(row: PlaceRow) -> int:
        return 0 if key is None or fold(row.name) == key else 1

    # A country named by its own name is the country, whatever the hints: "Lebanon" in a
    # report about the United States is not Lebanon, Tennessee. Only a first-level division of
    # a hint country keeps its name ("Niger" in a report about Nigeria may be Niger State).
    country = next((r for r in rows if r.kind == "country" and not own(r)), None)
    if country is not None and not any(
        r.kind == "admin1" and r.country in hints and r.country != country.country for r in rows
    ):
        return country
    hinted = [r for r in rows if r.country in hints]
    pool = hinted or list(rows)
    # A town or district that shares its name with a first-level division it does not lie in is
    # the lesser reading: "Oregon" and "Nevada" are the states, not a town of Ohio or a county of
    # California; "Kandahar" and "Gombe" are the towns, capitals of the divisions of their name.
    divisions = {(r.country, fold(r.name)) for r in rows if r.kind == "admin1"}

    def rank(row: PlaceRow) -> tuple[int, int, float, int]:
        kind_rank: float = _KIND_ORDER.index(row.kind)
        if region and row.kind in _REGION_KINDS:
            kind_rank = -1
        elif (row.kind in ("populated_place", "admin2")
              and (row.country, fold(row.name)) in divisions
              and fold(row.admin1 or "") != fold(row.name)):
            kind_rank = _KIND_ORDER.index("admin1") + 0.5
        hint_rank = hints.index(row.country) if row.country in hints else len(hints)
        return (own(row), hint_rank, kind_rank, -row.population)

    best = min(pool, key=rank)
    if hinted:
        # A hint country's small town does not hide a place twenty times its size elsewhere:
        # "Scotland" in a report about the United States is not Scotland, Pennsylvania; "Moscow,
        # Idaho" names its state and is chosen by it (``_choose_namesakes``).
        famous = max((r for r in rows if not own(r)), key=lambda r: r.population, default=None)
        if famous is not None and famous.country not in hints and famous.population >= max(
            LARGE_PLACE, FAMOUS_RATIO * best.population
        ):
            return famous
        return best
    if best.kind == "country":
        return best
    # A large place is taken without a hint only by its own name: "Jima" (an alternate name of
    # Jimma, Ethiopia) in "the villages of Pandanguo, Jima, and Poromoko" is not Jimma.
    if best.population >= LARGE_PLACE and not own(best):
        return best
    return None


def _prefer(rows: Sequence[PlaceRow], country_hint, region: bool) -> PlaceRow | None:
    """The row a spelling means: the hint country first, then regions or points as context says.
    World rows (they carry a GeoNames source) are chosen by ``choose_world``."""
    if not rows:
        return None
    hints = hints_of(country_hint)
    if rows[0].source.startswith(_WORLD_SOURCES):
        return choose_world(rows, hints, region, rows_name(rows))

    def rank(row: PlaceRow) -> tuple[int, int]:
        kind_rank = _KIND_ORDER.index(row.kind)
        if region and row.kind in _REGION_KINDS:
            kind_rank = -1
        return (0 if row.country in hints[:1] else 1, kind_rank)

    return min(rows, key=rank)


def resolve_place(
    text: str,
    places: Sequence[PlaceRow],
    country_hint: str | None = None,
    cutoff: float = 90.0,
) -> tuple[PlaceRow, str] | None:
    """The table row a name means, and how it was found: ``"table"`` or ``"fuzzy:<score>"``.

    An exact match of the accent-folded name or a variant wins, in the hint country first and the
    most specific kind first (the town of Gao before the region). Failing that, the closest
    spelling of comparable length by rapidfuzz WRatio at ``cutoff`` or above.

    >>> from pipeline.tables import load_tables
    >>> row, method = resolve_place("Sèvre", load_tables().places, country_hint="ML")
    >>> row.name, row.kind, method
    ('Sévaré', 'populated_place', 'table')
    """
    curated = _curated(places)
    rows = _index(curated).get(_key(text), ())
    if rows:
        return _prefer(rows, country_hint, region=False), "table"
    found = _fuzzy(text, curated, country_hint, cutoff)
    if found is not None or not isinstance(places, PlaceIndex):
        return found
    row = choose_world(_world_rows(text, places), hints_of(country_hint), name=text)
    return (row, "gazetteer") if row is not None else None


def _fuzzy(text: str, places: Sequence[PlaceRow], country_hint, cutoff: float
           ) -> tuple[PlaceRow, str] | None:
    """The curated row whose spelling is closest to ``text``, at ``cutoff`` or above."""
    country_hint = next(iter(hints_of(country_hint)), None)
    key = _key(text)
    if len(key) < _FUZZY_MIN_CHARS:
        return None
    index = _index(places)
    comparable = [
        k for k in index if max(len(k), len(key)) < _PARTIAL_RATIO * min(len(k), len(key))
    ]
    hinted = [k for k in comparable if any(r.country == country_hint for r in index[k])]
    best: tuple[str, float] | None = None
    for choices in (hinted, comparable):
        if not choices:
            continue
        found = process.extractOne(
            key, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=cutoff
        )
        # The hint country's match stands unless another country's spelling scores higher.
        if found and (best is None or found[1] > best[1]):
            best = (found[0], found[1])
    if best is None:
        return None
    return _prefer(index[best[0]], country_hint, region=False), f"fuzzy:{best[1]:.0f}"


def _capital(region: PlaceRow, places) -> PlaceRow | None:
    """The town that shares a spelling with a region: its capital (Gao, Bandiagara, Taoudenni)."""
    spellings = {fold(s) for s in region.spellings}
    for row in _curated(places):
        if row.kind != "populated_place" or row.country != region.country:
            continue
        if spellings & {fold(s) for s in row.spellings}:
            return row
    return None


def _is_supranational(row: PlaceRow) -> bool:
    """Areas wider than a country (Sahel, Sahara, West Africa), marked so in places.csv's note."""
    return row.kind == "area" and (row.note or "").startswith(_SUPRANATIONAL)
