"""What the token reader returns: a figure (``_Fig``), a figure attached to its casualty word
(``_Found``) and the items of a list of figures (``_Items``)."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.fields.casualties.numbers import _OPEN_BELOW
from pipeline.schema import CasualtyKind, Qualifier, VictimGroup


@dataclass
class _Fig:
    """A figure read from tokens: its token range, bounds and the people it counts."""

    start: int
    end: int
    low: int | None
    high: int | None
    qualifier: Qualifier
    noun: str | None = None
    group: VictimGroup = "unspecified"
    attacker: bool = False
    others: bool = False  # "others", "another", "12 of whom": the group of the figure before
    definite: bool = False  # "the two journalists": restates a figure told before
    ordinal: bool = False  # "A fourth peacekeeper": adds to the figures before
    person: bool = False
    of_whom: bool = False
    whole: _Fig | None = None  # the total this figure is a part of ("including six assailants")

    @property
    def value(self) -> int | None:
        """What the figure adds to a total: its lower bound, or its max for "up to"/"nearly"."""
        if self.qualifier in ("dozens", "several"):
            return None
        if self.low is not None:
            return self.low
        return self.high if self.qualifier in _OPEN_BELOW else None


@dataclass
class _Found:
    """A figure attached to its casualty word."""

    fig: _Fig
    kind: CasualtyKind
    shape: str
    span: tuple[int, int]  # tokens covering the figure and its word
    sentence: int
    part: bool = False
    claimed_by: str | None = None
    rival: bool = False
    clause: tuple[int, int] = (0, 0)
    apart: bool = False  # attackers counted in the figure were taken out of it
    batch: tuple[int, int] = (0, 0)  # the list the figure was read in (sentence, anchor)
    total: bool = False  # "In all, 137 pilgrims are killed": the entry's total for its kind


_Items = list[tuple[_Fig, bool]]  # figures of a list, each with "is a part of a total"
