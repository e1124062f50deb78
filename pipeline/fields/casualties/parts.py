"""Deciding what a figure adds: background figures dropped, the group of "others", and the
figures of later sentences that restate or break down an earlier total."""

from __future__ import annotations

from pipeline.fields.casualties.reader import _Fig, _Found, _Reader
from pipeline.fields.casualties.tokens import _YEAR
from pipeline.fields.casualties.totals import _TOTAL_KEY
from pipeline.fields.casualties.words import _NEW_EVENT


def _background(reader: _Reader, f: _Found, years: set[str]) -> bool:
    """A figure told with another year than the header's, in its own clause: "the October 4,
    2017, IS Sahel attack ..., which killed four U.S. soldiers"; "Dubois was kidnapped ... on
    April 8, 2021". The clause runs to the casualty words before and after the figure, so "AQIM
    executes the French citizen NGO worker abducted in December 2009" still counts."""
    lo, hi = f.clause
    return bool(years) and any(
        _YEAR.match(t.text) and t.text not in years for t in reader.toks[lo:hi]
    )


def _set_groups(found: list[_Found], *, operation: bool) -> None:
    """"others" and "another" take the group of the figure before them in the sentence; no
    one is a perpetrator in an operation against the militants."""
    previous: _Fig | None = None
    sentence = -1
    for f in found:
        if f.sentence != sentence:
            previous, sentence = None, f.sentence
        if f.fig.others and f.fig.noun is None and previous is not None:
            f.fig.group, f.fig.attacker = previous.group, previous.attacker
        if operation:
            f.fig.attacker = False
        previous = f.fig


def _mark_parts(reader: _Reader, sentences: list[tuple[int, int]], found: list[_Found]) -> None:
    """Figures of later sentences that restate or break down an earlier total are parts.

    "The attacks kill at least 41. ... where 24 people were killed. Another 17 died in
    Gangafani 2.": 24 + 17 fit in the 41. A sentence that opens another incident ("That same
    day", "Also on July 25", "On December 4") starts afresh; an ordinal ("A fourth peacekeeper
    dies") always adds; a definite figure ("the two journalists") never does.
    """
    event, events = 0, []
    for s, _ in sentences:
        start = reader.toks[s].start
        if events and _NEW_EVENT.match(reader.text[start : start + 40]):
            event += 1
        events.append(event)
    groups: dict[tuple, list[_Found]] = {}
    for f in found:
        f.part = f.part or f.fig.definite
        key = (events[f.sentence], _TOTAL_KEY.get(f.kind, f.kind), f.fig.attacker)
        groups.setdefault(key, []).append(f)
    for figures in groups.values():
        first = figures[0].sentence
        values = [f.fig.value for f in figures if f.sentence == first and not (f.part or f.rival)]
        if not values or None in values:
            continue
        base, seen = sum(values), 0  # type: ignore[arg-type]
        for f in figures:
            if f.sentence == first or f.part or f.rival:
                continue
            if f.fig.ordinal or f.fig.value is None:
                seen = base + 1
                continue
            seen += f.fig.value
            f.part = seen <= base
