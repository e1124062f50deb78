"""Glue: a segmented report, its scope and its spaCy docs -> validated ``Record`` objects.

The field extractors in ``pipeline.fields`` see only the cleaned text of one entry (and where its
narrative lies) and return values whose evidence offsets are local to that text; this module maps
every offset back to the source text (through ``CleanText.raw_span``) so that
``source[start:end]`` is the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import framing
from pipeline.fields import actors as actor_field
from pipeline.fields import casualties as casualty_field
from pipeline.fields import dates as date_field
from pipeline.fields import event_type as event_field
from pipeline.fields import places as place_field
from pipeline.fields.places import frame as place_frame
from pipeline.fields.sources import find_sources, source_name
from pipeline.layouts.base import Document, Entry
from pipeline.schema import DateMention, DateValue, Evidence, Record, TextSpan
from pipeline.nlp import ACTOR
from pipeline.scope import Scope, section_country
from pipeline.settings import Settings
from pipeline.tables import Tables
from pipeline.text import CleanText


def _to_raw(value, clean: CleanText, raw: str):
    """Rewrite every Evidence inside ``value`` from cleaned-text offsets to source offsets."""
    if isinstance(value, Evidence):
        start, end = clean.raw_span(value.start, value.end)
        return value.model_copy(update={"start": start, "end": end, "text": raw[start:end]})
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            if isinstance(item, (BaseModel, list, dict)):
                updates[name] = _to_raw(item, clean, raw)
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        return [_to_raw(v, clean, raw) for v in value]
    if isinstance(value, dict):
        return {k: _to_raw(v, clean, raw) for k, v in value.items()}
    return value


def _event_date(mention: DateMention) -> DateValue:
    """A narrative event's date from the mention that dates it (offsets still local)."""
    return DateValue(
        start=mention.start, end=mention.end, precision=mention.precision,
        text=mention.evidence.text,
        edtf=date_field.to_edtf(mention.start, mention.end, mention.precision),
        evidence=mention.evidence,
    )


# The rule behind the event country, as the record names it (schema: Record.country_source).
_COUNTRY_SOURCES = {
    "rule:location_country": "place",
    "rule:body_seat": "body",
    "rule:in_country": "text",
}


def _country_source(country: str | None, evidence: Evidence | None,
                    heading: str | None = None) -> str | None:
    if country is None:
        return None
    if evidence is None:
        return "heading" if heading is not None and country == heading else "report"
    return _COUNTRY_SOURCES[evidence.method]


def entry_record(entry: Entry, doc: Doc, raw: str, report: str, tables: Tables, scope: Scope,
                 settings: Settings, reference=None, groups_before: tuple[str, ...] = ()) -> Record:
    """Extract every field of one timeline entry (or narrative event) into a Record.

    A narrative event is dated by the mention that made it an event (its year carried over from
    its paragraph) and shares its paragraph's outlets; a timeline entry reads both from its own
    text.
    """
    text = entry.text
    body = entry.body
    if entry.date_mention is not None:
        local_date = _event_date(entry.date_mention)
    else:
        header = entry.header.text if entry.header else None
        year = (entry.year.year, entry.year.rule) if entry.year else None
        loose = entry.header is not None and entry.header.separator == ""
        local_date = date_field.entry_date(header, text, settings, year=year, reference=reference,
                                           loose=loose)
    casualties = casualty_field.find_casualties(text, body)
    totals = casualty_field.total_counts(casualties)
    locations, mentioned = place_field.find_places(
        doc, tables, settings, country_hint=scope.countries or None, body=body
    )
    # Under a heading that is a country's name ("CAMEROON" in a regional brief) the fallback is
    # that country, not the report's.
    heading_country = section_country(entry.section)
    country, country_evidence = place_field.event_country(
        locations, mentioned, text, heading_country or scope.country, tables.actors
    )
    # Plain "soldiers" and "peacekeepers" are the forces of the country the event happened in.
    actors, description, description_evidence = actor_field.find_actors(
        doc, tables, settings,
        home_force=tables.force_of(country, "state force"),
        un_mission=tables.force_of(country, "international force"),
        body=body,
        country=country,
        document_group=_one_group(groups_before, tables, country) or scope.group,
    )
    event_type, event_evidence = event_field.classify_event(text, body)

    evidence: dict[str, list[Evidence]] = {}
    for key, ev in (
        ("country", country_evidence),
        ("event_type", event_evidence),
        ("perpetrator_description", description_evidence),
    ):
        if ev is not None:
            evidence[key] = [ev]
    local = Record(
        id="",
        report=report,
        section=entry.section,
        kind=entry.kind,
        text=text,
        span=TextSpan(start=entry.start, end=entry.end),
        date=local_date,
        country=country,
        country_source=_country_source(country, country_evidence, heading_country),
        locations=locations,
        mentioned_places=mentioned,
        actors=actors,
        perpetrator_description=description,
        killed=totals["killed"],
        injured=totals["injured"],
        kidnapped=totals["kidnapped"],
        perpetrators_killed=totals["perpetrators_killed"],
        casualties=casualties,
        disputed=totals["disputed"],
        sources=[],
        event_type=event_type,
        evidence=evidence,
    )
    record = _to_raw(local, entry.clean, raw)
    # Sources are read from the source text, where link brackets delimit each outlet's name.
    start, end = entry.paragraph_span or (entry.start, entry.end)
    found = find_sources(raw[start:end])
    source_evidence = [
        ev.model_copy(update={"start": ev.start + start, "end": ev.end + start}) for ev in found
    ]
    if source_evidence:
        record.evidence["sources"] = source_evidence
    record.sources = [source_name(ev) for ev in found]
    if len(doc.text) < len(text):
        record.warnings.append(
            f"the entry has {len(text):,} characters: places and actors were read from its "
            f"first {len(doc.text):,} only"
        )
    return record


def parse_entries(entries: list[Entry], nlp: Language, settings: Settings) -> Iterator[Doc]:
    """spaCy docs of the entries' cleaned texts, each cut to what spaCy accepts.

    >>> from pathlib import Path
    >>> from pipeline.nlp import build_nlp
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.detect import segment
    >>> nlp, _ = build_nlp()
    >>> doc = segment(source_from_text("Mali\\n\\n- **May 2, 2017:** Gunmen attack Gao.", Path("m.txt"), "0"))
    >>> [d.text for d in parse_entries(doc.entries, nlp, Settings())]
    ['May 2, 2017: Gunmen attack Gao.']
    """
    limit = min(settings.max_spacy_chars, nlp.max_length)
    return nlp.pipe((e.text[:limit] for e in entries), batch_size=settings.batch_size)


def extract_entries(entries: list[Entry], raw: str, report: str, nlp: Language, tables: Tables,
                    scope: Scope, settings: Settings, reference=None) -> list[Record]:
    """Run the spaCy pipeline over the entries' cleaned texts (in batches) and build records."""
    docs = parse_entries(entries, nlp, settings)
    return [entry_record(e, doc, raw, report, tables, scope, settings, reference,
                         _groups_before(e, raw, nlp, tables))
            for e, doc in zip(entries, docs)]


def _one_group(spellings: tuple[str, ...], tables: Tables, country: str | None) -> str | None:
    """The one group the spellings name in the event's country, else None."""
    names = {hit[0].name for text in spellings
             if (hit := actor_field.resolve_actor(text, tables.actors, 100.0, country))}
    return names.pop() if len(names) == 1 else None


# The words "the group" can point back with (``actors.mentions._the_group``).
_GROUP_WORD = re.compile(r"\b(?:group|organi[sz]ation)\b", re.IGNORECASE)


def _groups_before(entry: Entry, raw: str, nlp: Language, tables: Tables) -> tuple[str, ...]:
    """The spellings of the armed groups a narrative event's paragraph names before the event
    ("In January 2020, Al-Shabaab had warned Kenya ... A few days later, fighters from the Somali
    terror organization attacked"): what "the group" of the event can point back to. Read by the
    entity ruler alone, on the paragraph's words before the event (at most 2,000 characters)."""
    if entry.paragraph_span is None or entry.start <= entry.paragraph_span[0]:
        return ()
    if not _GROUP_WORD.search(entry.text):
        return ()  # no "group" to point back with: the paragraph is not read
    before = raw[max(entry.paragraph_span[0], entry.start - 2000): entry.start]
    ruler = nlp.get_pipe("entity_ruler") if "entity_ruler" in nlp.pipe_names else None
    if ruler is None:
        return ()
    kinds = tables.actor_kinds()
    doc = ruler(nlp.make_doc(before))
    return tuple(e.text for e in doc.ents
                 if e.label_ == ACTOR and kinds.get(e.ent_id_) in framing.GROUP_KINDS)


def extract_document(document: Document, report: str, nlp: Language, tables: Tables,
                     scope: Scope, settings: Settings) -> list[Record]:
    """Every record of a segmented report: its timeline entries in report order, with date
    bounds, then its narrative events (no ids: ``pipeline.ids.assign_ids`` gives them, knowing
    the previous run)."""
    raw = document.raw
    timeline = extract_entries(document.entries, raw, report, nlp, tables, scope, settings,
                               document.reference)
    bounded = date_field.infer_bounds([r.date for r in timeline])
    for record, date in zip(timeline, bounded):
        record.date = date
    # A list titled after one group: its entries without a perpetrator of their own are
    # attributed to it (pipeline.framing).
    framing.attribute_to_list_group(timeline, framing.list_group(document, tables))
    # A list titled after one city: its entries without a place of their own are placed there.
    place_frame.place_entries(timeline, place_frame.list_place(document, tables))
    narrative = extract_entries(document.events, raw, report, nlp, tables, scope, settings)
    # An opening claim of a series of attacks: the attacks the prose tells after it.
    framing.attribute_to_series_claim(narrative, framing.series_claim(document, tables))
    return timeline + narrative
