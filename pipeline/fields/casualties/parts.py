"""Deciding what a figure adds: the group of "others", acts of the forces, attackers taken out
of a total, the figures of later sentences that restate or break down an earlier total, and the
totals that tables, fields, tolls and summing sentences state."""

from __future__ import annotations

import re

from pipeline.fields.casualties.figures import _Fig, _Found
from pipeline.fields.casualties.reader import _Reader
from pipeline.fields.casualties.totals import _TOTAL_KEY
from pipeline.fields.casualties.words import (
    _ATTACKERS,
    _FORCES,
    _LATER_DAY,
    _NEW_EVENT,
    _OPERATION,
    _STATE_SUBJECTS,
    _STRIKE_OWNERS,
    _STRIKES,
)


def _state_act(reader: _Reader, s: int, e: int, found: list[_Found]) -> bool:
    """Whether the sentence (the entry's first, tokens ``s`` to ``e``) tells an act of state or
    foreign forces: an operation or raid of forces ("Allied French and Malian forces kills 20
    ISIS militants in an operation"), or a killing read with its object whose subject is forces
    or air strikes ("Nigerian troops killed two bandits", "Air strikes killed ..."), with no
    attackers among the subject's words ("Gunmen attack a police station, killing ..." is the
    gunmen's act; "Two soldiers killed in ambush" has no object).

    >>> from pipeline.fields.casualties import find_casualties, total_counts
    >>> totals = total_counts(find_casualties("Police officers killed two robbers in Suleja."))
    >>> totals["killed"], totals["perpetrators_killed"]
    (2, None)
    """
    text = reader.text[reader.toks[s].start : reader.toks[e - 1].end]
    if _OPERATION.search(text) and _FORCES.search(text):
        return True
    verbs = [
        f.span[0] for f in found
        if f.sentence == 0 and f.shape == "verb_object" and f.kind == "killed"
        and reader.active(f.span[0]) is not None
    ]
    if not verbs:
        return False
    t = min(verbs)
    subject = {reader.low(k) for k in range(s, t)}
    strikes = any(
        reader.low(k) in _STRIKES and reader.low(k - 1) in _STRIKE_OWNERS for k in range(s, t)
    )
    return bool(strikes or subject & _STATE_SUBJECTS) and not subject & _ATTACKERS and not (
        subject & {"attack", "attacks", "attacked", "ambush", "ambushed", "ambushes"}
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


def _split_parts(found: list[_Found]) -> None:
    """Parts that are not restatements of their total.

    Attackers counted inside a total are taken out of it: "Six people, including the attacker,
    died" is 5 killed and 1 attacker; "Nineteen people are killed, including six assailants" is
    13 and 6. A part of a vague total counts itself: "kill several militants including Yahia
    Abou Hamman" is at least 1 (GUIDELINES: a named person counts even inside a vague figure).

    >>> from pipeline.fields.casualties import find_casualties, total_counts
    >>> totals = total_counts(find_casualties("Six people, including the attacker, died."))
    >>> totals["killed"], totals["perpetrators_killed"]
    (5, 1)
    """
    wholes = {id(f.fig): f for f in found}
    for f in found:
        whole = wholes.get(id(f.fig.whole)) if f.fig.whole is not None else None
        value = f.fig.value
        if whole is None or not f.part or whole.kind != f.kind or value is None:
            continue
        if whole.fig.value is None:
            f.part = False
        elif f.fig.attacker and not whole.fig.attacker and whole.fig.value >= value:
            whole.fig.low = None if whole.fig.low is None else whole.fig.low - value
            whole.fig.high = None if whole.fig.high is None else whole.fig.high - value
            whole.apart, f.part = True, False


def _mark_parts(reader: _Reader, sentences: list[tuple[int, int]], found: list[_Found]) -> None:
    """Figures of later sentences that restate or break down an earlier total are parts.

    "The attacks kill at least 41. ... where 24 people were killed. Another 17 died in
    Gangafani 2.": 24 + 17 fit in the 41. A sentence that opens another incident ("That same
    day", "Also on July 25", "On December 4") or tells a later day ("A policewoman is killed just
    outside Paris the following day") starts afresh; an ordinal ("A fourth peacekeeper
    dies") always adds; a definite figure ("the two journalists") never does.
    """
    event, events = 0, []
    for s, e in sentences:
        start = reader.toks[s].start
        text = reader.text[start : reader.toks[e - 1].end]
        if events and (_NEW_EVENT.match(text) or _LATER_DAY.search(text)):
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
            # "At least nine others are killed at the Bab al-Sharji market": "others" first in
            # the later sentences add to the total before, like an ordinal.
            if f.fig.ordinal or f.fig.value is None or (f.fig.others and seen == 0):
                seen = base + 1
                continue
            seen += f.fig.value
            f.part = seen <= base


_TOTAL_SHAPES = frozenset({"field", "table_row"})
# A sentence that sums the entry up: "In all 137 pilgrims died and 310 were wounded", "In all,
# 137 pilgrims are killed".
_SUMS = re.compile(r"^(?:In all|In total|All told|Altogether|Overall)\b")


def _mark_sums(reader: _Reader, sentences: list[tuple[int, int]], found: list[_Found]) -> None:
    """The figures of a sentence that sums the entry up are its totals.

    >>> from pipeline.fields.casualties import find_casualties, total_counts
    >>> total_counts(find_casualties(
    ...     "Two suicide bombers strike in Hilla, killing 105 pilgrims. In all, 137 pilgrims are "
    ...     "killed and 310 are wounded."))["killed"]
    137
    """
    for f in found:
        start = reader.toks[sentences[f.sentence][0]].start
        f.total = f.total or bool(_SUMS.match(reader.text[start : start + 20]))


def _mark_totals(found: list[_Found]) -> None:
    """A table row's or a field block's figure, or a summing sentence's, is the entry's total
    for its kind: the figures its text tells are parts of it ("Dead : 307 ... killed at least
    299 US and French soldiers"; "Boko Haram 11 Boko Haram stormed the town ..., killing 11
    people"; "killing 105 pilgrims ... In all 137 pilgrims died"). Attackers stay apart.

    >>> from pipeline.fields.casualties import find_casualties, total_counts
    >>> total_counts(find_casualties(
    ...     "Attack on Beirut barracks Dead : 307 Injured : 161 Suicide attacks killed at least "
    ...     "299 US and French soldiers."))["killed"]
    307
    """
    def is_total(f: _Found) -> bool:
        return f.shape in _TOTAL_SHAPES or f.total

    totals = {
        _TOTAL_KEY.get(f.kind, f.kind) for f in found
        if is_total(f) and not f.part and not f.fig.attacker
    }
    for f in found:
        if not is_total(f) and _TOTAL_KEY.get(f.kind, f.kind) in totals:
            f.part = f.part or not f.fig.attacker


# Small numbers are often told twice for different people ("killing two policemen ... two
# civilians were also killed"): a restatement needs at least three.
_RESTATED = 3


def _mark_restated(found: list[_Found]) -> None:
    """A figure told again with the same number in another clause restates the first, as a
    lead repeats its headline: "43 Shias killed in Pakistan ... (TTP) gunned down 43 members of
    Shia community"; "Al-Shabaab kills nine people ... behead nine civilians ... nine civilians
    were killed". Figures of one list ("four in Gorey, four in Djamnati"), "others", ordinals
    and small numbers always count.

    >>> from pipeline.fields.casualties import find_casualties, total_counts
    >>> total_counts(find_casualties(
    ...     "43 Shias killed in Pakistan. Gunmen gunned down 43 members of Shia community."
    ... ))["killed"]
    43
    """
    for j, f in enumerate(found):
        value = f.fig.value
        if f.part or value is None or value < _RESTATED or f.fig.others or f.fig.ordinal:
            continue
        f.part = any(
            g.batch != f.batch and not g.part and g.fig.value == value
            and _TOTAL_KEY.get(g.kind, g.kind) == _TOTAL_KEY.get(f.kind, f.kind)
            and g.fig.attacker == f.fig.attacker
            and (g.fig.group == f.fig.group or "unspecified" in (g.fig.group, f.fig.group))
            for g in found[:j]
        )


def _mark_tolls(found: list[_Found]) -> None:
    """A death toll is the latest figure of the entry's dead: "killing 84 people. The death toll
    later rises to 85" is 85; "The final death toll ... reached 152 ... Officials had previously
    said 85 people died" is 152. The other figures of the dead become parts of the last toll;
    the attackers' deaths stay apart.

    >>> from pipeline.fields.casualties import find_casualties, total_counts
    >>> total_counts(find_casualties(
    ...     "A truck ploughs into crowds, killing 84 people. The death toll later rises to 85."
    ... ))["killed"]
    85
    """
    tolls = [f for f in found if f.shape == "toll" and not f.fig.attacker and not f.part]
    if not tolls:
        return
    for f in found:
        if f.kind == "killed" and not f.fig.attacker and f is not tolls[-1]:
            f.part = True
