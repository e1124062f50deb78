"""``resolve_actor``: the table row a name refers to, exact first, then fuzzy."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

from pipeline.tables import ActorRow, cache_by_identity, fold

# "JNIM", "CSP-DPA", "U.N.", "G5": an acronym is matched exactly or not at all ("ISGS" must not
# fuzzily become "ISIS").
_ACRONYM = re.compile(r"[A-Z][A-Z0-9.\-]+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def resolve_actor(
    text: str, actors: Sequence[ActorRow], cutoff: float = 90.0
) -> tuple[ActorRow, str] | None:
    """The table row a name refers to, and how it was matched ('table' or 'fuzzy:<score>').

    Exact match on the case- and accent-folded alias first, then rapidfuzz's token_sort_ratio for
    spelling variants. token_sort_ratio, not WRatio: WRatio scores a part of a name as high as the
    name ("French" vs "French troops", "Mali" vs "Malian army", "Islamic State" vs "Islamic State
    in the Sahel" all score 90), while the report's variants are whole-name respellings
    ("Ansaroul Islam" / "Ansarul Islam" 96, "al-Murabitoun" / "Al-Mourabitoun" 96), which
    token_sort_ratio keeps and the partial names it rejects (63, 53, 67). Acronyms are exact only.

    >>> from pipeline.tables import load_tables
    >>> row, how = resolve_actor("Group to Support Islam and Muslims", load_tables().actors)
    >>> row.name, how
    ('JNIM', 'table')
    """
    name = _ARTICLE.sub("", text.strip())
    if not name:
        return None
    index, aliases = _alias_index(tuple(actors))
    hit = index.get(fold(name))
    if hit is not None:
        return hit, "table"
    if _ACRONYM.fullmatch(name):
        return None
    best = process.extractOne(
        name, aliases, scorer=fuzz.token_sort_ratio, processor=utils.default_process,
        score_cutoff=cutoff,
    )
    if best is None:
        return None
    _, score, key = best
    return index[key], f"fuzzy:{score:.0f}"


@cache_by_identity
def _alias_index(actors: tuple[ActorRow, ...]) -> tuple[dict[str, ActorRow], dict[str, str]]:
    index: dict[str, ActorRow] = {}
    for row in actors:
        index.setdefault(fold(row.alias), row)
    # Fuzzy choices exclude acronyms: "ISGS" must not be the closest spelling of "ISIS".
    choices = {key: row.alias for key, row in index.items() if not _ACRONYM.fullmatch(row.alias)}
    return index, choices
