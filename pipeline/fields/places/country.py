"""``event_country``: the country where the event happened, and the words that say so."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.fields.places.context import (
    _BACKGROUND_BEFORE,
    _BORDER_BEFORE,
    _COMPASS,
    _DESTINATION_BEFORE,
    _INTENT_BEFORE,
    _sentences,
    heading_start,
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


# An aircraft attacked in flight: "tries to down Detroit-bound US airliner", "a bomb exploded
# aboard the plane".
_IN_THE_AIR = re.compile(
    r"\b(?:down|bring\s+down|blow\s+up|bomb(?:ed|ing)?|hijack(?:ed|ing|s)?)\s+(?:a|an|the)?\s*"
    r"(?:[\w-]+\s+){0,3}(?:airliner|aircraft|plane|jet|jetliner|flight)\b"
    r"|\b(?:aboard|on\s+board)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}(?:airliner|aircraft|plane|"
    r"jet|jetliner|flight)\b",
    re.IGNORECASE,
)
# A field block's location: "Location : Atlantic Ocean South of Ireland Date : June 23, 1985".
_LOCATION_FIELD = re.compile(r"\bLocation\s*:\s*(?P<value>.{1,80}?)(?=\s+[A-Z][a-z]+\s*:|$)")
# An entry headed by a country: "April 24: Bangladesh More than 500 people die ...", "26-Dec
# Northern Cameroon Boko Haram 30 ...", "07 June 2017 Somalia-based terrorist group ...", "Mali
# hotel" (a title alone).
_HEADING_AFTER = re.compile(
    r"^(?:\s*$|\s*[:–—]|-based\b|\s+[A-Z]|\s+(?:hotel|attacks?|bombings?|siege|massacre|"
    r"shootings?)\s*$)"
)
_HEADING_BEFORE = re.compile(rf"^(?i:{_COMPASS}\s+)?$")


def _field_or_heading_country(text: str, mentioned: Sequence[Location]):
    """The country a field block's "Location :" names, or the country an entry's heading names
    right after its date."""
    field = _LOCATION_FIELD.search(text)
    countries = [p for p in mentioned if p.kind == "country"
                 and text[p.evidence.start : p.evidence.end] == p.evidence.text]
    if field:
        for place in countries:
            if field.start("value") <= place.evidence.start < field.end("value"):
                ev = place.evidence.model_copy(update={"method": "rule:in_country"})
                return place.country, ev
    start = heading_start(text)
    for place in countries:
        ev = place.evidence
        if ev.start < start or not _HEADING_BEFORE.match(text[start : ev.start]):
            continue
        if _HEADING_AFTER.match(text[ev.end :]):
            return place.country, ev.model_copy(update={"method": "rule:in_country"})
    return None


def event_country(
    locations: Sequence[Location],
    mentioned: Sequence[Location],
    text: str,
    report_country: str | None,
    actors: Sequence[ActorRow] = (),
) -> tuple[str | None, Evidence | None]:
    """ISO code of the country where the event happened, and the words that say so.

    In order (guidelines, "Country"): the country of the first event location; the seat of the
    body that acts ("A U.S. federal court" is US, "The International Criminal Court" NL); the
    country a field block's "Location :" names ("Location : Atlantic Ocean South of Ireland") or
    an entry's heading names ("April 24: Bangladesh More than 500 people die"); a country the
    first sentence puts the event in ("a beach resort in Côte d'Ivoire"), unless it is where
    hostages were once taken, a destination or a border; else the report's own country, without
    evidence. ``text`` is the text ``find_places`` read: evidence offsets are local to it;
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
    found = _field_or_heading_country(text, mentioned)
    if found is not None:
        return found
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
        if _DESTINATION_BEFORE.search(before) or _INTENT_BEFORE.search(before[-160:]):
            continue
        return place.country, ev.model_copy(update={"method": "rule:in_country"})
    # An attack on an aircraft in flight that names no place and no country has none
    # (guidelines, "Country in other reports"): "tries to down a Detroit-bound airliner".
    if _IN_THE_AIR.search(first) and not any(p.country for p in mentioned):
        return None, None
    return report_country, None
