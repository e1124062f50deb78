"""One record per event: the ``--dedupe`` option of every export."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.schema import Record


def dedupe_records(records: Sequence[Record]) -> list[Record]:
    """One record per event: drop a record whose ``same_as`` names a record kept before it, or
    that a kept record's ``same_as`` names (a link written on one side only still counts).

    Report order decides which copy stays (timeline entries come before the narrative events
    that retell them), so the kept record is the dated timeline entry.

    >>> from pipeline.exports.common import probe_record
    >>> a = probe_record().model_copy(update={"id": "a"})
    >>> b = probe_record().model_copy(update={"id": "b", "same_as": ["a"]})
    >>> [r.id for r in dedupe_records([a, b])]
    ['a']
    """
    kept: list[Record] = []
    kept_ids: set[str] = set()
    named_by_kept: set[str] = set()
    for record in records:
        if record.id in named_by_kept or kept_ids.intersection(record.same_as):
            continue
        kept.append(record)
        kept_ids.add(record.id)
        named_by_kept.update(record.same_as)
    return kept
