"""Deciding which mentions are the event's locations: the event's sentences, background cut
away, regions named as containers, the most specific level only; and each place's value with
its ``geo_precision``."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.fields.places.context import (
    _ATTACHED,
    _BACKGROUND_BEFORE,
    _BETWEEN,
    _BORDER_BEFORE,
    _DESTINATION_BEFORE,
    _IN_BEFORE,
    _NEAR_BEFORE,
    _PUBLICATION,
    _REFERENCE_BEFORE,
    _SUB_EVENT,
    _TALLY,
    _is_region_context,
    _sentence_of,
    _sentences,
)
from pipeline.fields.places.mentions import _Mention
from pipeline.fields.places.resolve import _REGION_KINDS, _capital, _is_supranational, _rows_for
from pipeline.schema import Evidence, Location
from pipeline.tables import PlaceRow, fold


def _kind(m: _Mention) -> str | None:
    if m.as_region:
        return "admin1"
    return m.row.kind if m.row else m.kind


def _admin1(m: _Mention) -> str | None:
    return m.row.admin1 if m.row else m.admin1


def _region_row(m: _Mention, places: Sequence[PlaceRow]) -> PlaceRow | None:
    """The region or area row a mention stands for, when it stands for one."""
    if m.row is not None and m.row.kind in _REGION_KINDS:
        return m.row
    if m.as_region:
        return next((r for r in _rows_for(m.text, places) if r.kind in _REGION_KINDS), None)
    return None


def _event_sentences(text: str, spans: list[tuple[int, int]], mentions) -> set[int]:
    """Sentences whose places are the event's: the first, and those opening another incident of
    the same day (with the sentence after it when it names no place: "That same day, unidentified
    gunmen attack a convoy belonging to MINUSMA. The convoy was traveling from Kidal to Gao")."""
    chosen = {0}
    with_place = {m.sentence for m in mentions if _kind(m) != "country"}
    for i, (start, end) in enumerate(spans):
        if _SUB_EVENT.match(text[start:end]):
            chosen.add(i)
            if i not in with_place:
                chosen.add(i + 1)
    return chosen


def _candidates(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """The mentions that stand where the event's places stand, background cut away."""
    spans = _sentences(text)
    for m in mentions:
        m.sentence = _sentence_of(spans, m.start)
        m.near = bool(_NEAR_BEFORE.search(text[max(0, m.start - 40) : m.start]))
    if _PUBLICATION.match(text[spans[0][0] : spans[0][1]]):
        return []
    chosen = _event_sentences(text, spans, mentions)
    route_ends = {m.start(g) for m in _BETWEEN.finditer(text) for g in ("a", "b")}
    out = []
    for m in mentions:
        s_start, s_end = spans[m.sentence]
        before = text[s_start : m.start]
        on_route = m.start in route_ends
        eligible = (
            m.sentence in chosen
            or on_route
            or (_TALLY.match(text[s_start:s_end]) and _IN_BEFORE.search(before))
        )
        if not eligible or (_DESTINATION_BEFORE.search(before) and not on_route):
            continue
        if _BACKGROUND_BEFORE.search(before) or _REFERENCE_BEFORE.search(before[-30:]):
            continue
        if _BORDER_BEFORE.search(before[-60:]):
            continue
        out.append(m)
    return out


def _mark_containers(text: str, candidates: list[_Mention], places: Sequence[PlaceRow]) -> None:
    """Mark the regions named as containers of a place before them, and give unknown places
    their region: "Niafounke district in Timbuktu" is the region of Timbuktu, "Bambara-Maoude,
    Timbuktu" too, "Hombori municipality, in Douentza region" the region of Douentza,
    "Gaganfani and Yono, two ethnic Dogon villages in the Mopti region" the region of Mopti."""
    for i, m in enumerate(candidates):
        before = [p for p in candidates[:i] if p.sentence == m.sentence and _kind(p) != "country"]
        regions = [r for r in _rows_for(m.text, places) if r.kind in _REGION_KINDS]
        # The nearest place before it, a country in between ("Mali's") not breaking the link.
        prev = before[-1] if before else None
        if prev is not None and _kind(prev) not in _REGION_KINDS:
            if _ATTACHED.match(text[prev.end : m.start]) and (
                _kind(m) in _REGION_KINDS
                or any(r.name == _admin1(prev) for r in regions)
                # An unknown place has no admin1 to compare: a region name after it contains it.
                or (prev.row is None and regions)
            ):
                m.as_region = m.contained = True
                m.near = False
        if _kind(m) in _REGION_KINDS and any(p.row is None for p in before):
            m.contained = True
        if m.contained:
            region = _region_row(m, places)
            for p in before:
                if p.row is None and region is not None:
                    p.admin1 = p.admin1 or region.admin1 or region.name
                    p.country = p.country or region.country


def _judge(text: str, mentions: list[_Mention], places: Sequence[PlaceRow]) -> list[_Mention]:
    """The mentions that are event locations, most specific level only, each place once."""
    candidates = _candidates(text, mentions)
    _mark_containers(text, candidates, places)
    locations: list[_Mention] = []
    for m in candidates:
        if m.contained or _kind(m) in ("country", "site"):
            continue
        if m.row is not None and m.row.kind == "area" and (
            _is_supranational(m.row) or not _is_region_context(text, m.start, m.end)
        ):
            # "the Sahel", "Azawad": vague. "Liptako region" is a place (the guidelines' example);
            # "Africa's Sahel region" is not.
            continue
        locations.append(m)

    # A region goes when a place inside it is also a location, in any sentence.
    inner = {_admin1(m) for m in locations if _kind(m) not in _REGION_KINDS}
    unique: list[_Mention] = []
    seen: set[str] = set()
    for m in locations:
        region = _region_row(m, places) if _kind(m) in _REGION_KINDS else None
        if region is not None and region.name in inner:
            continue
        key = fold(m.row.name if m.row else m.text)
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique


def _location(m: _Mention, text: str, places: Sequence[PlaceRow], as_event: bool) -> Location:
    row = _region_row(m, places) or m.row
    kind = row.kind if row else m.kind
    lat = row.lat if row else None
    lon = row.lon if row else None
    precision = None
    if as_event:
        if kind in _REGION_KINDS:
            precision = 3
            capital = _capital(row, places) if row is not None and row.kind == "admin1" else None
            lat, lon = (capital.lat, capital.lon) if capital else (None, None)
        elif kind == "admin2" or m.near:  # a district; a commune is the place itself
            precision = 2
        else:
            precision = 1
    return Location(
        text=m.text,
        name=row.name if row else m.text,
        kind=kind,
        admin1=row.admin1 if row else m.admin1,
        country=row.country if row else m.country,
        lat=lat,
        lon=lon,
        geo_precision=precision,
        evidence=Evidence(text=text[m.start : m.end], start=m.start, end=m.end, method=m.method),
    )
