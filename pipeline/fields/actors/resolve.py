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
    text: str, actors: Sequence[ActorRow], cutoff: float = 90.0, country: str | None = None
) -> tuple[ActorRow, str] | None:
    """The table row a name refers to, and how it was matched ('table' or 'fuzzy:<score>').

    Exact match on the case- and accent-folded alias first, then rapidfuzz's token_sort_ratio for
    spelling variants. token_sort_ratio, not WRatio: WRatio scores a part of a name as high as the
    name ("French" vs "French troops", "Mali" vs "Malian army", "Islamic State" vs "Islamic State
    in the Sahel" all score 90), while the report's variants are whole-name respellings
    ("Ansaroul Islam" / "Ansarul Islam" 96, "al-Murabitoun" / "Al-Mourabitoun" 96), which
    token_sort_ratio keeps and the partial names it rejects (63, 53, 67). Acronyms are exact only.

    ``country`` (ISO 3166-1 alpha-2, the event's) chooses among rows sharing an alias: the row
    whose ``in_countries`` holds it, else the row that holds anywhere.

    >>> from pipeline.tables import load_tables
    >>> row, how = resolve_actor("Group to Support Islam and Muslims", load_tables().actors)
    >>> row.name, how
    ('JNIM', 'table')
    >>> resolve_actor("ADF", load_tables().actors)[0].name
    'ADF'
    >>> resolve_actor("ADF", load_tables().actors, country="CM")[0].name
    'Ambazonia Defence Forces'
    """
    name = _ARTICLE.sub("", text.strip())
    if not name:
        return None
    index, aliases = _alias_index(tuple(actors))
    hit = index.get(fold(name))
    if hit is not None:
        return _pick(hit, country), "table"
    if _ACRONYM.fullmatch(name):
        return None
    if cutoff >= 100:
        # A score of 100 is the same words in any order: one lookup, not a pass over every alias.
        key = _sorted_index(tuple(actors)).get(_sorted_words(name))
        return (_pick(index[key], country), "fuzzy:100") if key is not None else None
    memo = _fuzzy_memo(tuple(actors))
    found = memo.get((name, cutoff), _UNSEEN)
    if found is _UNSEEN:
        best = process.extractOne(
            name, aliases, scorer=fuzz.token_sort_ratio, processor=utils.default_process,
            score_cutoff=cutoff,
        )
        if len(memo) >= _MEMO_SIZE:
            memo.clear()  # bounded: a hostile report's names never hold memory for long
        found = memo[(name, cutoff)] = None if best is None else (best[2], best[1])
    if found is None:
        return None
    key, score = found
    return _pick(index[key], country), f"fuzzy:{score:.0f}"


_UNSEEN = object()
_MEMO_SIZE = 50_000


@cache_by_identity
def _fuzzy_memo(actors: tuple[ActorRow, ...]) -> dict:
    """(name, cutoff) -> the alias key and score rapidfuzz chose, per loaded table: the names
    of a report repeat, and one search goes over every alias."""
    return {}


def ambiguous_alias(text: str, actors: Sequence[ActorRow]) -> bool:
    """Whether ``text`` is an alias of more than one row (one per set of countries)."""
    rows = _alias_index(tuple(actors))[0].get(fold(_ARTICLE.sub("", text.strip())))
    return rows is not None and len(rows) > 1


def _pick(rows: tuple[ActorRow, ...], country: str | None) -> ActorRow:
    """The row an alias means in ``country``: the one restricted to it, else the unrestricted
    one, else the first."""
    if country:
        for row in rows:
            if row.in_countries and country in row.in_countries.split():
                return row
    for row in rows:
        if not row.in_countries:
            return row
    return rows[0]


@cache_by_identity
def _alias_index(
    actors: tuple[ActorRow, ...],
) -> tuple[dict[str, tuple[ActorRow, ...]], dict[str, str]]:
    grouped: dict[str, list[ActorRow]] = {}
    for row in actors:
        grouped.setdefault(fold(row.alias), []).append(row)
    index = {key: tuple(rows) for key, rows in grouped.items()}
    # Fuzzy choices exclude acronyms: "ISGS" must not be the closest spelling of "ISIS".
    choices = {
        key: rows[0].alias for key, rows in index.items() if not _ACRONYM.fullmatch(rows[0].alias)
    }
    return index, choices


def _sorted_words(text: str) -> str:
    """What token_sort_ratio compares: the processed words, sorted."""
    return " ".join(sorted(utils.default_process(text).split()))


@cache_by_identity
def _sorted_index(actors: tuple[ActorRow, ...]) -> dict[str, str]:
    """Each alias's sorted words -> its key in the alias index, the first alias in the order
    rapidfuzz would try them (so the row a score of 100 chose is the row found here)."""
    _, choices = _alias_index(actors)
    out: dict[str, str] = {}
    for key, alias in choices.items():
        out.setdefault(_sorted_words(alias), key)
    return out
