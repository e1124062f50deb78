"""Figures that tell something other than the entry's event: another year's attack, a
period's statistic, an earlier event, the cause of an act that harmed no one."""

from __future__ import annotations

import re

from pipeline.fields.casualties.figures import _Found
from pipeline.fields.casualties.reader import _Reader
from pipeline.fields.casualties.tokens import _YEAR
from pipeline.fields.casualties.words import _WAR

# A statistic over a period, for the figures told after it: "During the previous two months,
# about 200 people were killed in several attacks on Shia communities"; "Between August 2015
# and October 2016, seven different posts were attacked across the country, slaying 15 and
# injuring 11". A figure before it is the entry's ("... kills 5, the deadliest attack in the
# past three years").
_PERIOD = re.compile(
    r"\b(?:during|in|over|within|for)\s+the\s+(?:previous|past|last|preceding)\s+(?:\w+\s+)?"
    r"(?:weeks|months|years|decades)\b"
    r"|\bbetween\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\s+and\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# An earlier event set apart by its distance in time: "Bombers kill 26 people ... one day
# after a Canadian diplomat and two civilians were killed in the same area".
_EARLIER = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|several|\d+)\s+"
    r"(?:days?|weeks?|months?|years?)\s+(?:after|before)\b",
    re.IGNORECASE,
)
# The cause of an act that harmed no one: "Residents of Lamu County held protests ... after
# four men were beheaded"; "CEP today released updated resources on Afghanistan following
# recent Taliban and ISIS attacks that left at least 32 people dead"; "The Malian government
# declared a nationwide state of emergency in November 2015, after two Islamists killed 20
# people". A cause told with its own day is the event the entry dates: "... called for
# 'credible investigations' after at least six people were killed in Kinshasa on Sunday". An
# adverb opens no cause: "Shortly after, Malian forces arrest three people".
_CAUSE = frozenset({"after", "following"})
_DAY = re.compile(
    r"\b(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday)\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2}\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b"
)


def _background(reader: _Reader, f: _Found, years: set[str]) -> bool:
    """A figure told with another year than the header's, in its own clause: "the October 4,
    2017, IS Sahel attack ..., which killed four U.S. soldiers"; "Dubois was kidnapped ... on
    April 8, 2021". The clause runs to the casualty words before and after the figure, so "AQIM
    executes the French citizen NGO worker abducted in December 2009" still counts."""
    lo, hi = f.clause
    return bool(years) and any(
        _YEAR.match(t.text) and t.text not in years for t in reader.toks[lo:hi]
    )


def _told_apart(
    reader: _Reader, sentences: list[tuple[int, int]], found: list[_Found]
) -> set[int]:
    """Positions (in ``found``) of the figures a war's toll, a period statistic, an earlier
    event or the cause of a harmless act tells.

    >>> from pipeline.fields.casualties import find_casualties
    >>> find_casualties("During the previous two months, about 200 people were killed.")
    []
    """
    dropped: set[int] = set()
    for n, (s, e) in enumerate(sentences):
        here = [(m, f) for m, f in enumerate(found) if f.sentence == n]
        if not here:
            continue
        start = reader.toks[s].start
        text = reader.text[start : reader.toks[e - 1].end]
        for m, f in here:
            lo, hi = f.clause
            clause = reader.text[reader.toks[lo].start : reader.toks[hi - 1].end]
            if _WAR.search(clause):
                dropped.add(m)  # "saw an estimated 100,000 people killed during the conflict"
        for marker in (_PERIOD.search(text), _EARLIER.search(text)):
            if marker:
                at = start + marker.start()
                dropped.update(m for m, f in here if reader.toks[f.fig.start].start > at)
        cause = next(
            (
                t for t in range(s + 2, e - 1)
                if reader.low(t) in _CAUSE and reader.low(t - 1) != "the"
                and reader.low(t + 1) not in ("day", "week") and reader.toks[t + 1].word
            ),
            None,
        )
        clause = reader.text[reader.toks[cause].start : reader.toks[e - 1].end] if cause else ""
        if cause and not any(f.fig.start < cause for _, f in here) and not _DAY.search(clause):
            dropped.update(m for m, _ in here)
    return dropped
