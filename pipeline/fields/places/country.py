"""``event_country``: the country where the event happened, and the words that say so."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.fields.places.context import (
    _BACKGROUND_BEFORE,
    _BORDER_BEFORE,
    _DESTINATION_BEFORE,
    _sentences,
)
from pipeline.schema import Evidence, Location
from pipeline.tables import ActorRow, cache_by_identity, fold

# An event told with a body as the first sentence's subject: "A U.S. federal court charges ...",
# "The U.S. Department of the Treasury designates ...", "The International Criminal Court (ICC)
# convicts". Which bodies, and their seats, are the actor table's ``seat`` column.
_OPENING = r"^(?:[^:]{0,40}:\s*)?(?:(?:The|A|An)\s+)?"


@cache_by_identity
def _seats(actors: tuple[ActorRow, ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    seat = {fold(r.alias): r.seat for r in actors if r.seat}
    if not seat:
        return None, {}
    forms = sorted({r.alias for r in actors if r.seat}, key=len, reverse=True)
    alternatives = "|".join(re.escape(f) for f in forms)
    return re.compile(rf"{_OPENING}(?P<body>{alternatives})(?![\w-])"), seat


# "attack a beach resort in Côte d'Ivoire", "AQIM militants in Mali kidnap ...", "are released
# in Mali": the country the first sentence puts the event in.
_COUNTRY_IN_BEFORE = re.compile(
    r"\b(?:in|into|inside)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE
)


def event_country(
    locations: Sequence[Location],
    mentioned: Sequence[Location],
    text: str,
    report_country: str | None,
    actors: Sequence[ActorRow] = (),
) -> tuple[str | None, Evidence | None]:
    """ISO code of the country where the event happened, and the words that say so.

    In order (guidelines, "Country"): the country of the first event location; the seat of the
    body that acts ("A U.S. federal court" is US, "The International Criminal Court" NL); a
    country the first sentence puts the event in ("a beach resort in Côte d'Ivoire"), unless it is
    where hostages were once taken, a destination or a border; else the report's own country,
    without evidence. ``text`` is the text ``find_places`` read: evidence offsets are local to it;
    ``actors`` is the actor table, whose ``seat`` column places the bodies.

    >>> ev = Evidence(text="Côte d'Ivoire", start=48, end=61, method="table")
    >>> ci = Location(text="Côte d'Ivoire", name="Côte d'Ivoire", kind="country", admin1=None,
    ...     country="CI", lat=None, lon=None, evidence=ev)
    >>> text = "March 13, 2016: Gunmen attack a beach resort in Côte d'Ivoire."
    >>> event_country([], [ci], text, "ML")[0]
    'CI'
    """
    for loc in locations:
        if loc.country:
            ev = loc.evidence
            return loc.country, ev.model_copy(update={"method": "rule:location_country"})
    first_start, first_end = _sentences(text)[0]
    first = text[first_start:first_end]
    pattern, seat = _seats(tuple(actors))
    m = pattern.match(first) if pattern is not None else None
    if m:
        start, end = first_start + m.start("body"), first_start + m.end("body")
        return seat[fold(m.group("body"))], Evidence(
            text=text[start:end], start=start, end=end, method="rule:body_seat"
        )
    for place in mentioned:
        ev = place.evidence
        if place.kind != "country" or not first_start <= ev.start < first_end:
            continue
        if text[ev.start : ev.end] != ev.text:
            continue
        before = text[first_start : ev.start]
        if not _COUNTRY_IN_BEFORE.search(before[-30:]):
            continue
        if _BACKGROUND_BEFORE.search(before) or _BORDER_BEFORE.search(before[-60:]):
            continue
        if _DESTINATION_BEFORE.search(before):
            continue
        return place.country, ev.model_copy(update={"method": "rule:in_country"})
    return report_country, None
