"""``resolve_place``: the table row a spelling means, exact first (the hint country and the
most specific kind first), then fuzzy; and the small table lookups the judge needs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

from pipeline.tables import PlaceRow, cache_by_identity, fold

# Which row a bare spelling means when several share it ("Gao" town and region): the most
# specific kind first. Sites come last: their names are only ever their own.
_KIND_ORDER = ("town", "village", "commune", "cercle", "region", "area", "country", "site")
_REGION_KINDS = frozenset({"region", "area"})
# The note prefix places.csv gives areas wider than a country (pipeline/data/README.md).
_SUPRANATIONAL = "supranational"
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


def _rows_for(text: str, places: Sequence[PlaceRow]) -> tuple[PlaceRow, ...]:
    return _index(places).get(_key(text), ())


def _prefer(rows: Sequence[PlaceRow], country_hint: str | None, region: bool) -> PlaceRow | None:
    """The row a spelling means: the hint country first, then regions or points as context says."""
    if not rows:
        return None

    def rank(row: PlaceRow) -> tuple[int, int]:
        kind_rank = _KIND_ORDER.index(row.kind)
        if region and row.kind in _REGION_KINDS:
            kind_rank = -1
        return (0 if row.country == country_hint else 1, kind_rank)

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
    ('Sévaré', 'town', 'table')
    """
    rows = _rows_for(text, places)
    if rows:
        return _prefer(rows, country_hint, region=False), "table"
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


def _capital(region: PlaceRow, places: Sequence[PlaceRow]) -> PlaceRow | None:
    """The town that shares a spelling with a region: its capital (Gao, Bandiagara, Taoudenni)."""
    spellings = {fold(s) for s in region.spellings}
    for row in places:
        if row.kind != "town" or row.country != region.country:
            continue
        if spellings & {fold(s) for s in row.spellings}:
            return row
    return None


def _is_supranational(row: PlaceRow) -> bool:
    """Areas wider than a country (Sahel, Sahara, West Africa), marked so in places.csv's note."""
    return row.kind == "area" and (row.note or "").startswith(_SUPRANATIONAL)
