"""Collecting the spans that may name a place: the entity ruler's ``PLACE`` spans, the context
patterns, then the statistical NER's ``GPE`` / ``LOC``; table rows resolved, nothing judged."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.fields.places.context import (
    _CALENDAR_WORD,
    _CONTEXT_KINDS,
    _CONTEXT_RULES,
    _DETERMINER,
    _KIND_WORD_OF,
    _LOCATIVE_BEFORE,
    _SPLIT_NAMES,
    _is_region_context,
    _overlaps,
)
from pipeline.fields.places.resolve import (
    _REGION_KINDS, _WORLD_SOURCES, _prefer, _rows_for, resolve_place,
)
from pipeline.nlp import ACTOR, PLACE
from pipeline.tables import PlaceRow


@dataclass
class _Mention:
    """A span that may name a place, before it is judged."""

    start: int
    end: int
    text: str
    row: PlaceRow | None  # None: a name the table does not know
    method: str
    kind: str | None = None  # from context when the table does not know the place
    admin1: str | None = None  # from context when the table does not know the place
    country: str | None = None  # from context when the table does not know the place
    sentence: int = 0
    as_region: bool = False  # the spelling means the region here ("Mopti region")
    contained: bool = False  # a region named as the container of a place before it
    near: bool = False  # "near X", "outside X", "southwest of X"


def _collect(
    doc: Doc, places: Sequence[PlaceRow], hint: str | None, cutoff: float
) -> list[_Mention]:
    """Every span that may name a place, table rows resolved, in text order."""
    text = doc.text
    mentions: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ == ACTOR:
            taken.append((ent.start_char, ent.end_char))
            # A body named after its seat keeps the seat as a place: "A Bamako court begins the
            # trial" (the actor table knows "Bamako court"), "A U.S. federal court charges".
            for k in range(len(ent) - 1, 0, -1):
                head = ent[:k]
                rows = _rows_for(head.text, places)
                # Only a country, a division or a curated place is a seat: "Save" of "Save the
                # Children", "Liberation" of "Liberation Tigers" are not.
                rows = tuple(r for r in rows if not r.source.startswith(_WORLD_SOURCES)
                             or r.kind in ("country", "admin1"))
                row = _prefer(rows, hint, region=False)
                if row is not None:
                    mentions.append(
                        _Mention(head.start_char, head.end_char, head.text, row, "table")
                    )
                    break
        elif ent.label_ == PLACE:
            region = _is_region_context(text, ent.start_char, ent.end_char)
            row = _prefer(_rows_for(ent.text, places), hint, region)
            if row is not None:
                mention = _Mention(ent.start_char, ent.end_char, ent.text, row, "table")
                mention.as_region = region and row.kind in _REGION_KINDS
            else:
                mention = _resolve_mention(
                    ent.start_char, ent.end_char, ent.text, places, hint, cutoff, "table"
                )
            mentions.append(mention)
            taken.append((ent.start_char, ent.end_char))
        elif ent.label_ == "DATE":
            # The other labels of the small model are not trusted to exclude a name: it calls
            # villages NORP, ORG or PERSON ("the village of Aguelhok", "between Koro and Bankass").
            taken.append((ent.start_char, ent.end_char))

    for rule_id, pattern in _CONTEXT_RULES:
        for m in pattern.finditer(text):
            kind = _context_kind(m)
            for start, end in _rule_names(m):
                name = _strip_possessive(text[start:end])
                end = start + len(name)
                if _overlaps(start, end, taken) or not _plausible_name(name):
                    continue
                mention = _resolve_mention(
                    start, end, name, places, hint, cutoff, f"rule:{rule_id}"
                )
                mention.kind = mention.kind or kind
                mentions.append(mention)
                taken.append((start, end))

    # The statistical NER last: the rules cut names more exactly ("Bouka Were", not "Bouka").
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or _overlaps(ent.start_char, ent.end_char, taken):
            continue
        # The small model calls "JNIM" and "Dogon" GPE: keep only capitalised words the text puts
        # in a place slot ("in X", "near X").
        if ent.text.isupper() or not ent.text[:1].isupper():
            continue
        if not _LOCATIVE_BEFORE.search(text[max(0, ent.start_char - 40) : ent.start_char]):
            continue
        mentions.append(
            _resolve_mention(ent.start_char, ent.end_char, ent.text, places, hint, cutoff, "ner")
        )
        taken.append((ent.start_char, ent.end_char))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _rule_names(m: re.Match) -> list[tuple[int, int]]:
    """The name spans a context rule matched: each name of a list, or both ends of a route."""
    spans: list[tuple[int, int]] = []
    for group in ("names", "a", "b"):
        if group not in m.re.groupindex or not m.group(group):
            continue
        if group != "names":
            spans.append((m.start(group), m.end(group)))
            continue
        offset, names, pos = m.start(group), m.group(group), 0
        for sep in _SPLIT_NAMES.finditer(names):
            spans.append((offset + pos, offset + sep.start()))
            pos = sep.end()
        spans.append((offset + pos, offset + len(names)))
    return [(s, e) for s, e in spans if e > s]


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip())


def _plausible_name(name: str) -> bool:
    """Not a date, a determiner or an abbreviation: "U" of "near U.N.-owned villas"."""
    if len(name) < 3 or name.isupper():
        return False
    return not (_CALENDAR_WORD.match(name) or _DETERMINER.match(name))


def _context_kind(m: re.Match) -> str | None:
    """The kind a context rule gives an unknown name: "Segue village" a village, "Guire district"
    a cercle, "the town of Kadji" a town."""
    if "kind" in m.re.groupindex and m.group("kind"):
        return _CONTEXT_KINDS.get(m.group("kind").lower())
    found = _KIND_WORD_OF.search(m.group(0))
    return _CONTEXT_KINDS.get(found.group(1).lower()) if found else None


def _resolve_mention(start, end, name, places, hint, cutoff, method) -> _Mention:
    """A mention of a name found outside the ruler: a table row when fuzzy matching finds one."""
    found = resolve_place(name, places, hint, cutoff)
    if found is None:
        return _Mention(start, end, name, None, method)
    row, how = found
    return _Mention(start, end, name, row, how)
