"""Stable record ids: an entry keeps its id when a report is re-run after the report was updated.

A new record's own id is its content id (``content_id``: its date and words).
When the previous run of the same report is known, each new record is first aligned to one of
the previous records (``match_records``) and inherits that record's id, so a corrected figure, a
respelled place or an added source leaves the id as it was. A new entry keeps its content id,
unless that id was already held by a different entry of the previous run: it then gets a suffix
("-2", "-3" ...), so an id never names two different entries.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process, utils

from pipeline.schema import Record

_ID_TEXT = re.compile(r"[^a-z0-9]+")

# Texts are compared with token_sort_ratio after utils.default_process. Cutoffs measured on the
# 193 timeline entries of raw/mali.txt (cleaned texts, date header included):
# - two different entries score at most 77.8 ("October 6, 2019: A vehicle hits an improvised
#   explosive device in Aguelhok ..." vs "October 3, 2021: A convoy carrying U.N. peacekeepers
#   hits an improvised explosive device ..."), while an entry with one word changed scores at
#   least 91.8 against itself, and with one source added at least 95.6. 85 sits between.
TEXT_CUTOFF = 85.0
# - two different entries with the same date score at most 60.3 (the two "June 13, 2020" convoy
#   ambushes), while an entry with a whole sentence added still scores at least 83.1. When the
#   dates are equal, 70 is enough.
SAME_DATE_CUTOFF = 70.0
# Unknown dates sort after every known distance when pairs tie on text.
_NO_DISTANCE = 10**6


def content_id(report: str, record: Record) -> str:
    """An id derived from the entry's date and words: same content, same id.

    >>> from pipeline.schema import DateValue, TextSpan
    >>> r = Record(id="", report="mali", section="s", kind="timeline", text="Gunmen attack Gao.",
    ...     span=TextSpan(start=0, end=1), date=DateValue(start=None, end=None, precision=None, text=None),
    ...     country=None, locations=[], actors=[], killed=None, injured=None, kidnapped=None,
    ...     casualties=[], sources=[], event_type=None)
    >>> content_id("mali", r)
    'mali-undated-d93e172a'
    """
    words = _ID_TEXT.sub(" ", record.text.lower()).split()
    digest = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()[:8]
    day = record.date.start.strftime("%Y%m%d") if record.date.start else "undated"
    prefix = "n-" if record.kind == "narrative" else ""
    return f"{report}-{prefix}{day}-{digest}"


def _date_distance(a: Record, b: Record) -> int:
    if a.date.start is None or b.date.start is None:
        return _NO_DISTANCE
    return abs((a.date.start - b.date.start).days)


def _shared_places(a: Record, b: Record) -> int:
    names = {loc.name.casefold() for loc in a.locations}
    return sum(1 for loc in b.locations if loc.name.casefold() in names)


def match_records(old: Sequence[Record], new: Sequence[Record]) -> list[tuple[int, int]]:
    """Pair old and new records one to one by content: same kind, similar text, close dates.

    Best pairs first: higher text similarity, then closer dates, then more shared places, then
    report order. Returns ``(old_index, new_index)`` pairs sorted by new index.

    >>> from pipeline.schema import DateValue, TextSpan
    >>> def entry(text):
    ...     return Record(id="", report="mali", section="s", kind="timeline", text=text,
    ...         span=TextSpan(start=0, end=1), country=None, locations=[], actors=[],
    ...         date=DateValue(start=None, end=None, precision=None, text=None), killed=None,
    ...         injured=None, kidnapped=None, casualties=[], sources=[], event_type=None)
    >>> old = [entry("Gunmen kill nine soldiers near Sevare. Source: Reuters"), entry("A bomb hits Kidal.")]
    >>> match_records(old, [entry("A bomb hits Kidal."), entry("Gunmen kill nine soldiers near Sévaré. Source: Reuters")])
    [(1, 0), (0, 1)]
    """
    pairs: dict[int, int] = {}
    used_old: set[int] = set()
    _pair_same_words(old, new, pairs, used_old)
    candidates: list[tuple[float, int, int, int, int]] = []
    for kind in sorted({r.kind for r in old} & {r.kind for r in new}):
        old_index = [i for i, r in enumerate(old) if r.kind == kind and i not in used_old]
        new_index = [j for j, r in enumerate(new) if r.kind == kind and j not in pairs]
        if not old_index or not new_index:
            continue
        matrix = process.cdist(
            [old[i].text for i in old_index],
            [new[j].text for j in new_index],
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=SAME_DATE_CUTOFF,
        )
        for a, b in zip(*matrix.nonzero()):
            i, j = old_index[a], new_index[b]
            score = float(matrix[a, b])
            distance = _date_distance(old[i], new[j])
            if score < TEXT_CUTOFF and distance != 0:
                continue
            candidates.append((-score, distance, -_shared_places(old[i], new[j]), i, j))
    candidates.sort()
    for _, _, _, i, j in candidates:
        if i not in used_old and j not in pairs:
            pairs[j] = i
            used_old.add(i)
    return sorted(((i, j) for j, i in pairs.items()), key=lambda pair: pair[1])


def _pair_same_words(old: Sequence[Record], new: Sequence[Record], pairs: dict[int, int],
                     used_old: set[int]) -> None:
    """Pair, in place, the records whose words are the same (a score of 100, the best there is),
    in the order ``match_records`` takes its best pairs: closer dates, more shared places, report
    order. Only records with the same words are compared here, so an unchanged report is aligned
    in linear time and the comparison of every pair is left to the records that changed."""
    groups: dict[tuple[str, str], tuple[list[int], list[int]]] = {}
    for index, records in ((0, old), (1, new)):
        for k, record in enumerate(records):
            groups.setdefault((record.kind, _sorted_words(record.text)), ([], []))[index].append(k)
    candidates: list[tuple[int, int, int, int]] = []
    for old_index, new_index in groups.values():
        for i in old_index:
            for j in new_index:
                candidates.append(
                    (_date_distance(old[i], new[j]), -_shared_places(old[i], new[j]), i, j))
    candidates.sort()
    for _, _, i, j in candidates:
        if i not in used_old and j not in pairs:
            pairs[j] = i
            used_old.add(i)


def _sorted_words(text: str) -> str:
    """The text as ``fuzz.token_sort_ratio`` compares it: processed, its words sorted."""
    return " ".join(sorted(utils.default_process(text).split()))


def assign_ids(records: list[Record], report: str, previous: list[Record] | None) -> None:
    """Give every record its stable id, in place.

    Without ``previous``: the content id, with "-2", "-3" ... for repeated entries. With the
    previous run's records of the same report: an aligned record inherits its previous id; any
    other record gets its content id, suffixed when a previous record already held it. Ids named
    in ``same_as`` are rewritten to match.

    >>> from pipeline.schema import DateValue, TextSpan
    >>> def entry(text):
    ...     return Record(id="", report="mali", section="s", kind="timeline", text=text,
    ...         span=TextSpan(start=0, end=1), country=None, locations=[], actors=[],
    ...         date=DateValue(start=None, end=None, precision=None, text=None), killed=None,
    ...         injured=None, kidnapped=None, casualties=[], sources=[], event_type=None)
    >>> old = [entry("Gunmen kill nine soldiers in Gao. Source: Reuters")]
    >>> assign_ids(old, "mali", None)
    >>> new = [entry("A bomb hits Kidal."), entry("Gunmen kill eleven soldiers in Gao. Source: Reuters")]
    >>> assign_ids(new, "mali", old)
    >>> [r.id for r in old], [r.id for r in new]
    (['mali-undated-a6028ddf'], ['mali-undated-555a38c5', 'mali-undated-a6028ddf'])
    """
    previous = previous or []
    final: list[str | None] = [None] * len(records)
    taken = {r.id for r in previous}
    for i, j in match_records(previous, records):
        final[j] = previous[i].id
    assigned: set[str] = set()
    for j, record in enumerate(records):
        # A previous file holding one id twice must not give it to two new records.
        if final[j] is not None and final[j] not in assigned:
            assigned.add(final[j])
            continue
        base = content_id(report, record)
        candidate, n = base, 1
        while candidate in taken or candidate in assigned:
            n += 1
            candidate = f"{base}-{n}"
        final[j] = candidate
        assigned.add(candidate)
    renamed = {record.id: new_id for record, new_id in zip(records, final) if record.id}
    for record, new_id in zip(records, final):
        record.id = new_id
    for record in records:
        if record.same_as:
            record.same_as = [renamed.get(x, x) for x in record.same_as]
