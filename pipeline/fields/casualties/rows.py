"""Figures that tables and field blocks give: a block's fields ("Dead : Over 336", "Killed :
329", "Casualties: 26 killed, 17 injured") and a table row's count cells ("| Mass shooting | 3
| 7 |", "Gombe City, Gombe Suspected Boko Haram 20 60 the explosive went off ..."). A row or a
block states the entry's total for its kind; ``parts._mark_totals`` makes the figures of the
row's own text parts of it."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.fields.casualties.figures import _Fig, _Items
from pipeline.fields.casualties.numbers import _DIGITS, parse_number
from pipeline.fields.casualties.reader import _Reader
from pipeline.fields.casualties.tokens import _MONTHS, _YEAR
from pipeline.fields.casualties.words import (
    _MONTH_ABBREVIATIONS,
    _PARTICLES,
    _PASSIVE,
    _STATES,
)
from pipeline.schema import CasualtyKind

_Attach = Callable[[_Items, CasualtyKind, str, tuple[int, int]], None]

# Field labels of a block and what they count ("Dead : 307", "Injured : 161"); "Casualties" opens
# a list of figures each with its own word ("Casualties: 175 killed (including 9 attackers), over
# 300 injured").
_FIELDS: dict[str, CasualtyKind] = {
    "dead": "killed", "killed": "killed", "deaths": "killed", "fatalities": "killed",
    "injured": "injured", "wounded": "injured", "injuries": "injured",
    "kidnapped": "kidnapped", "abducted": "kidnapped", "hostages": "kidnapped",
}
# A table's count columns stand in this order: the dead, then the injured ("Date Location
# Perpetrator Dead Injured ...", Wikipedia's "| Date | Type | Dead | Injured |", ACLED's and
# GTD's fatalities before injuries).
_COLUMNS: tuple[CasualtyKind, ...] = ("killed", "injured")


def _read_rows(reader: _Reader, s: int, e: int, attach: _Attach) -> None:
    """The field and table figures of a sentence (tokens ``s`` to ``e``).

    >>> from pipeline.fields.casualties import find_casualties
    >>> [(c.kind, c.min, c.evidence.method) for c in find_casualties(
    ...     "| Mass shooting | 3 | 7 | Tel Aviv, Israel |")]
    [('killed', 3, 'rule:table_row'), ('injured', 7, 'rule:table_row')]
    """
    for t in range(s, e - 2):
        if reader.toks[t].cap and reader.low(t + 1) == ":" and t not in reader.consumed:
            if reader.low(t) == "casualties":
                _read_casualties(reader, t, e, s, attach)
            elif reader.low(t) in _FIELDS:
                _read_field(reader, t, e, s, attach)
    if s == 0:
        for n, k in enumerate(_count_cells(reader, e)):
            value = parse_number(reader.toks[k].text)
            if value is not None:
                attach([(_Fig(k, k + 1, *value), False)], _COLUMNS[n], "table_row", (k, k + 1))
                reader.consumed.add(k)


def _read_field(reader: _Reader, t: int, e: int, s: int, attach: _Attach) -> None:
    """"Dead : Over 336": the figure after a field label; "Injured : not known" and "Injured :
    No survivors" give none."""
    num = reader.number(t + 2, e, s)
    if num is None:
        return
    fig = _Fig(t + 2, num[0], num[1], num[2], num[3])
    attach([(fig, False)], _FIELDS[reader.low(t)], "field", (t, t + 2))
    reader.consumed.update(range(t, num[0]))


def _read_casualties(reader: _Reader, t: int, e: int, s: int, attach: _Attach) -> None:
    """"Casualties: 40 CRPF personnel killed, 35 injured": figures each with its word, the
    parts in brackets ("175 killed (including 9 attackers)") kept as parts."""
    k = t + 2
    while k < e:
        fig = reader.figure(k, e, s, bare=True, person=False)
        word = reader.low(fig.end) if fig is not None else ""
        kind = _STATES.get(word) or _PASSIVE.get(word)
        if fig is None or kind is None:
            return
        items: _Items = [(fig, False)]
        stop = fig.end + 1
        if reader.low(stop) == "(" and reader.low(stop + 1) == "including":
            sub = reader.read_list(stop + 2, e, s, passive=True)
            if sub is not None and reader.low(sub[1]) == ")":
                for part, _ in sub[0]:
                    part.whole = fig
                    items.append((part, True))
                stop = sub[1] + 1
        attach(items, kind, "field", (fig.start, fig.end + 1))
        reader.consumed.update(range(t, stop))
        if reader.low(stop) != ",":
            return
        k = stop + 1


def _count_cells(reader: _Reader, e: int) -> list[int]:
    """The count cells of a table row that opens the entry, as token positions.

    With cell bars, the cells that hold only a number after the row's first text cell ("| Mass
    shooting | 3 | 7 | Tel Aviv, Israel |"); without them, the one or two numbers between the
    row's leading name cells and its description ("Potiskum, Yobe Suspected Boko Haram 1 A water
    vendor has died ..."), where nothing before the numbers but names and commas stands.
    """
    toks = reader.toks
    if e and toks[0].text == "|":
        bars = [i for i in range(e) if toks[i].text == "|"] + [e]
        cells = [(a + 1, b) for a, b in zip(bars, bars[1:]) if b > a + 1]
        counts: list[int] = []
        for start, stop in cells[1:]:
            if stop - start == 1 and _DIGITS.fullmatch(toks[start].text):
                counts.append(start)
            elif counts:
                break
        return counts[: len(_COLUMNS)]
    i = 0
    while i < e and (
        (toks[i].cap and toks[i].word) or toks[i].text == "," or toks[i].low in _PARTICLES
    ):
        i += 1
    if i < 2 or not any(toks[j].word for j in range(i)):
        return []
    counts = []
    while i < e and len(counts) < len(_COLUMNS) and _DIGITS.fullmatch(toks[i].text):
        if _YEAR.match(toks[i].text) or reader.low(i + 1) in _MONTH_ABBREVIATIONS | _MONTHS:
            return []  # a year or a date: "Notably, Boko Haram 17 Jan raided Makilwe village"
        counts.append(i)
        i += 1
    # The description opens like a sentence, with a capital or an article ("1 A water vendor
    # has died", "20 60 the explosive went off", "100 135 Gunmen set off three bombs"); a
    # number in a name goes on in lower case ("United Airlines Flight 93 crashed") and a field
    # label after it ends a title ("Air India Flight 182 Killed : 329").
    if not counts or i >= e or not toks[i].word or reader.low(i + 1) == ":":
        return []
    if not (toks[i].cap or reader.low(i) in ("the", "a", "an")):
        return []
    return counts
