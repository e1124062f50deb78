"""Places: where an entry's event happened, the other places it names, and the event's country.

spaCy finds the spans: the entity ruler labels every spelling of ``places.csv`` ``PLACE`` (and the
actors' names ``ACTOR``, which win over a place inside them by being longer); context patterns
("the village of X", "X, central Mali") and the statistical NER (``GPE``/``LOC``) find the names
the table does not know. This module decides, with the labelling guidelines
(tests/gold/GUIDELINES.md, "Locations" and "Country"):

- which table row a span means: "Gao" is the town unless the text says "Gao region" or "the
  region of Gao"; "Timbuktu" after "Niafounke district in" is the region holding Niafounke;
- which places are the event's: those of the entry's heading ("Houston, July 7, 2016: ...",
  "Potiskum, Yobe ..."), of the first sentence, of a sentence opening another incident ("That
  same day ... in Kayes", "On May 3, ..."), of a tally sentence ("The attacks kill four in
  Gorey"), and both ends of "between X and Y"; a later sentence gives the town of an event its
  first sentences place only in a country or a division ("a mosque in northern Burkina Faso was
  attacked ... the Grand Mosque in Salmossi"). The rest goes to ``mentioned_places``, as do
  destinations ("heading toward a refugee camp in Mauritania"), where hostages were once taken
  ("who had been kidnapped ... in Timbuktu"), reference points ("Kwala, north of Bamako",
  "Fafi School, 95 km from Garissa"), the ends of a flight, where people come from, sites (a
  hotel, a camp; their town when named after it: "Leytonstone station"), vessels ("the tanker
  Limburg"), countries and vague areas ("the Sahel", "South Kashmir");
- the most specific level only: a region is dropped when a place inside it is a location
  ("Aguelhok, in Mali's northern Kidal region" is Aguelhok), a city when its quarter is ("the
  Sadriya quarter of central Baghdad" is Sadriya);
- ``geo_precision`` as ACLED uses it: 1 the place, 2 near it or a district, 3 a region alone
  (its capital's coordinates stand in).

The "Sources:" tail of an entry never yields a place ("Voice of America", "France 24").
Evidence offsets are local to the text the functions receive. A list titled after one town
("attacks in the Afghan capital") places the entries that name none: ``frame``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.fields.places.context import _ATTACHED, _in_name
from pipeline.fields.places.country import event_country
from pipeline.fields.places.judge import _judge, _location
from pipeline.fields.places.mentions import _collect, _in_list, _is_container
from pipeline.fields.places.resolve import (
    _WORLD_SOURCES, _rows_for, choose_world, hints_of, resolve_place,
)
from pipeline.geo.index import place_index
from pipeline.schema import Location
from pipeline.settings import Settings
from pipeline.tables import Tables, fold
from pipeline.text import body_span

__all__ = ["event_country", "find_places", "resolve_place"]


def find_places(
    doc: Doc, tables: Tables, settings: Settings, *, country_hint: str | None = None,
    body: tuple[int, int] | None = None,
) -> tuple[list[Location], list[Location]]:
    """The event's locations and the other places an entry names, from its spaCy Doc.

    ``country_hint`` decides between rows of the same spelling in two countries. ``body`` is
    where the entry's narrative lies: its outlet list never yields a place.

    >>> from pipeline.nlp import build_nlp
    >>> from pipeline.tables import load_tables
    >>> nlp, _ = build_nlp()
    >>> doc = nlp("October 3, 2016: Unidentified assailants target a camp hosting a U.N. "
    ...     "peacekeeping mission in Aguelhok, in Mali's northern Kidal region. Source: News24")
    >>> locations, mentioned = find_places(doc, load_tables(), Settings(), country_hint="ML")
    >>> [(p.name, p.geo_precision) for p in locations], [p.name for p in mentioned]
    ([('Aguelhok', 1)], ['Mali', 'Kidal'])
    """
    text = doc.text
    places = place_index(tables)
    body_end = (body_span(text) if body is None else body)[1]
    mentions = [
        m
        for m in _collect(doc, places, country_hint, settings.fuzzy_cutoff)
        if m.start < body_end and not _in_name(text, m.start, m.end)
    ]
    _choose_namesakes(text, mentions, places, country_hint)
    # An unknown name takes its country from the words after it: "in Dembo, central Mali".
    for m, nxt in zip(mentions, mentions[1:]):
        if m.row is None and nxt.row is not None and nxt.row.kind == "country":
            if _ATTACHED.match(text[m.end : nxt.start]):
                m.country = nxt.row.country
    events = _judge(text, mentions, places)
    locations = [_location(m, text, places, as_event=True) for m in events]
    mentioned: list[Location] = []
    seen = {fold(loc.name) for loc in locations}
    chosen = {id(e) for e in events}
    for m in mentions:
        if id(m) in chosen:
            continue
        loc = _location(m, text, places, as_event=False)
        if fold(loc.name) not in seen:
            seen.add(fold(loc.name))
            mentioned.append(loc)
    return locations, mentioned


def _choose_namesakes(text: str, mentions: list, places, country_hint) -> None:
    """Choose among a world name's namesakes the way a reader does: by the division or country
    named next to it ("Potiskum, Yobe State", "Zeleved, Cameroon", "Marte, Borno"), then by the
    countries the entry names, then by the report's countries (the hint), then by population.
    A name the curated table knows is left as the table decided."""
    hints = hints_of(country_hint)
    named = [m.row.country for m in mentions if m.row is not None and m.row.kind == "country"]
    entry_hints = tuple(dict.fromkeys([*named, *hints]))
    for i, m in enumerate(mentions):
        if m.fixed:
            continue
        rows = _rows_for(m.text, places)
        if not rows or not rows[0].source.startswith(_WORLD_SOURCES):
            continue
        container = _container_after(text, mentions, i)
        if container is not None:
            # A second-level division holds places of its country (rows carry no admin2); a
            # city whose division bears its name holds the places of that division.
            keys = {fold(container.name), *(fold(s) for s in container.spellings)}
            if container.kind == "populated_place":
                keys.add(fold(container.admin1 or ""))
            inside = [r for r in rows if r.country == container.country and r is not container
                      and (container.kind in ("country", "admin2")
                           or fold(r.admin1 or "") in keys)]
            if inside:
                m.row = choose_world(inside, (container.country,), name=m.text)
                continue
            if m.method != "table" and m.row is not None and m.row.kind != "country":
                # "Baga, Nigeria": no Baga of Nigeria in the gazetteer; not the Baga of Spain.
                m.row, m.kind = None, m.kind or "populated_place"
                continue
        chosen = choose_world(rows, entry_hints, name=m.text)
        if chosen is not None:
            m.row = chosen


def _container_after(text: str, mentions: list, i: int):
    """The division or country named right after mention ``i`` as its container ("Marte,
    Borno"; "Zeleved, Cameroon"; "Imam Sahib district, Kunduz")."""
    m = mentions[i]
    for nxt in mentions[i + 1 : i + 3]:
        if nxt.row is None or not _is_container(nxt.row):
            continue
        if _ATTACHED.match(text[m.end : nxt.start]) and (
            nxt.row.kind == "country" or not _in_list(text, nxt, mentions)
        ):
            return nxt.row  # not in a list: "Lashkar Gah, Kandahar and Herat" are three towns
        break
    return None
