"""What a document says of the place of all its entries: a list titled after one city.

"A look at recent attacks in the Afghan capital", "A Timeline of Major Attacks in Kabul Over the
Last Year": the title or the introduction before the first entry places every entry. The
guidelines ("Locations in other reports") make that place the location of the entries that name
no place of their own: "Nov. 12: Suicide attacker strikes American convoy" is in Kabul.

Only a town is a frame: a list titled after a country ("History of deadly attacks in Iraq")
already gives its country to every entry (``pipeline.scope``), and a country is no location.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.fields.places.resolve import choose_world
from pipeline.geo.countries import countries_of_demonym
from pipeline.geo.index import place_index, place_row
from pipeline.geo.world import shared_world
from pipeline.schema import Evidence, Location, Record
from pipeline.tables import Tables

_ATTACKS = r"(?i:attacks?|bombings?|blasts?|explosions?|shootings?|violence|incidents?)"
_NAME = r"[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){0,2}"
# Words that make a line the list's frame: "A look at recent attacks in ...", "CHRONOLOGY:
# Attacks in ...", "Factbox-Major Attacks On ...", "Following are the most deadly attacks in ...".
# A news peg before the list ("The death toll from Saturday's bomb attack in Baghdad") is none.
_LIST = r"(?i:timeline|chronology|list|look\s+at|factbox|following\s+are|here\s+is|recap)"
_IN = rf"\b{_ATTACKS}\s+(?i:in\s+and\s+around|in|on)\s+(?:(?i:the)\s+)?"
_LEAD = rf"{_LIST}\b[^\n.]{{0,60}}?{_IN}"
# "attacks in the Afghan capital", "Major Attacks On Afghan Capital"
_CAPITAL = re.compile(rf"{_LEAD}(?P<demonym>[A-Z][\w'’]+)\s+(?i:capital)\b")
# "A Timeline of Major Attacks in Kabul Over the Last Year"
_IN_PLACE = re.compile(rf"{_LEAD}(?P<name>{_NAME})")
# The title needs no list word: "Attacks in the Afghan capital".
_TITLE_CAPITAL = re.compile(rf"{_IN}(?P<demonym>[A-Z][\w'’]+)\s+(?i:capital)\b")
_TITLE_IN_PLACE = re.compile(rf"{_IN}(?P<name>{_NAME})")
_OWN_PLACE_KINDS = frozenset({"populated_place", "admin1", "admin2", "admin3"})
# The part of the document read: before the first entry, at most this many characters.
_PREAMBLE = 3000


def list_place(document, tables: Tables) -> Location | None:
    """The town a list's title or introduction places every entry in, with its words.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.detect import segment
    >>> from pipeline.tables import load_tables
    >>> text = ("Attacks in the Afghan capital\\n\\n- May 2, 2011: A bomb kills two."
    ...         "\\n- May 9, 2011: Gunmen kill a guard.")
    >>> place = list_place(segment(source_from_text(text, Path("k.txt"), "0")), load_tables())
    >>> place.name, place.country, place.evidence.text
    ('Kabul', 'AF', 'Afghan capital')
    """
    if not document.entries:
        return None
    end = min(document.entries[0].start, _PREAMBLE)
    preamble = document.raw[:end]
    title = document.title or ""
    at = preamble.find(title) if title else -1
    if at >= 0:
        found = _place_of(preamble, _TITLE_CAPITAL, _TITLE_IN_PLACE, tables, at, at + len(title))
        if found is not None:
            return found
    return _place_of(preamble, _CAPITAL, _IN_PLACE, tables, 0, len(preamble))


def _place_of(preamble: str, capital_pattern: re.Pattern, place_pattern: re.Pattern,
              tables: Tables, start: int, end: int) -> Location | None:
    """The capital or the town ``preamble[start:end]`` frames the list with."""
    for m in capital_pattern.finditer(preamble, start, end):
        codes = countries_of_demonym(m.group("demonym"))
        capital = shared_world().capital(codes[0]) if len(codes) == 1 else None
        if capital is not None:
            begin = m.start("demonym")
            words = preamble[begin : m.end()]
            return _frame(place_row(capital), words, begin, words)
    for m in place_pattern.finditer(preamble, start, end):
        found = _town(m.group("name"), tables)
        if found is not None:
            row, head = found
            return _frame(row, head, m.start("name"), head)
    return None


def _town(name: str, tables: Tables):
    """The town a title's words mean, the longest name first ("Kabul Over the Last Year" is
    Kabul): a populated place the gazetteer knows by its own name."""
    words = name.split()
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        rows = [r for r in place_index(tables).world_rows(head) if r.kind == "populated_place"]
        row = choose_world(rows, (), name=head)
        if row is not None:
            return row, head
    return None


def _frame(row, words: str, start: int, text: str) -> Location:
    return Location(
        text=text, name=row.name, kind=row.kind, admin1=row.admin1, country=row.country,
        lat=row.lat, lon=row.lon, geo_precision=1,
        evidence=Evidence(text=words, start=start, end=start + len(words),
                          method="rule:list-place"),
    )


def place_entries(records: Sequence[Record], place: Location | None) -> None:
    """Give the list's town to its timeline entries that name no place of their own, and its
    country to those whose country was only the report's."""
    if place is None:
        return
    for record in records:
        if record.kind != "timeline" or record.locations:
            continue
        if any(p.kind in _OWN_PLACE_KINDS for p in record.mentioned_places):
            continue  # the entry names a town of its own, even if not as the event's
        if record.country_source not in (None, "report") and record.country != place.country:
            continue  # the entry puts its event in another country ("a U.S. federal court")
        record.locations.append(place)
        if record.country_source in (None, "report"):
            record.country = place.country
            record.country_source = "place"
            record.evidence["country"] = [place.evidence]
