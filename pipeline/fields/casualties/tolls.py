"""Death tolls and lives: "The death toll later rises to 85", "The final death toll ... reached
152", "pegged the death count at 150", "The dead are 103", "claiming two lives". A toll is the
latest figure of the entry's dead (``parts._mark_tolls``)."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.fields.casualties.figures import _Fig, _Items
from pipeline.fields.casualties.reader import _Reader
from pipeline.fields.casualties.words import _COST, _LIVES, _PEOPLE
from pipeline.schema import CasualtyKind

_Attach = Callable[[_Items, CasualtyKind, str, tuple[int, int]], None]

# The verbs that give a toll its figure ("rises to 85", "reached 152", "stood at 30", "is 12").
_TOLL_VERBS = frozenset(
    "rose rises risen rising climbed climbs climbing reached reaches reaching stood stands "
    "standing hit hits jumped jumps increased increases went goes is was has had were are "
    "passed passes topped tops".split()
)
# "The dead are 103", "the dead numbered 44".
_DEAD_VERBS = frozenset("are were number numbered numbering total totalled totaled".split())
# How far after "toll" its verb may stand: "The final death toll from a massive truck bomb
# attack in the Iraqi town of Tal Afar earlier this week reached 152" (18 tokens).
_TOLL_REACH = 20


def _read_tolls(reader: _Reader, s: int, e: int, attach: _Attach) -> None:
    """Tolls, "the dead are N" and lives claimed in a sentence (tokens ``s`` to ``e``).

    >>> from pipeline.fields.casualties import find_casualties
    >>> [(c.min, c.evidence.text) for c in find_casualties("The dead are 103.")]
    [(103, 'The dead are 103')]
    """
    for t in range(s, e):
        if t in reader.consumed:
            continue
        low = reader.low(t)
        if low == "toll" or (low == "count" and reader.low(t - 1) in ("death", "body")):
            _read_toll(reader, t, s, e, attach)
        elif low == "dead" and reader.low(t - 1) == "the" and reader.low(t + 1) in _DEAD_VERBS:
            _attach_number(reader, t - 1, t + 2, s, e, attach, "toll")
        elif low in _COST:
            # "claiming two lives", "cost 20 lives"; "claims the lives of" is read as noun_of.
            num = reader.number(t + 1, e, s)
            if num is not None and reader.low(num[0]) in _LIVES:
                fig = _Fig(t + 1, num[0] + 1, num[1], num[2], num[3])
                attach([(fig, False)], "killed", "verb_object", (t, t + 1))
                reader.consumed.update(range(t, num[0] + 1))


def _read_toll(reader: _Reader, t: int, s: int, e: int, attach: _Attach) -> None:
    """"toll ... rose to 85", "death count at 150", "a death toll of 30"."""
    if reader.low(t + 1) in ("at", "of"):
        _attach_number(reader, t, t + 2, s, e, attach, "toll")
        return
    for j in range(t + 1, min(e, t + _TOLL_REACH)):
        if reader.low(j) in (";", ":") or reader.is_verb(j):
            return
        if reader.low(j) in _TOLL_VERBS:
            k = j + 1  # "has risen to 250", "reached 152", "stood at 30"
            while reader.low(k) in _TOLL_VERBS | {"to", "at", "up", "now", "later", "already"}:
                k += 1
            _attach_number(reader, t, k, s, e, attach, "toll")
            return


def _attach_number(
    reader: _Reader, t: int, k: int, s: int, e: int, attach: _Attach, shape: str
) -> None:
    num = reader.number(k, e, s)
    if num is None:
        return
    stop = num[0] + (reader.low(num[0]) in _PEOPLE)  # "rose to 85 people"
    attach([(_Fig(k, num[0], num[1], num[2], num[3]), False)], "killed", shape, (t, stop))
    reader.consumed.update(range(t, stop))
