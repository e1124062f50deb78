"""Glue: a segmented report and its spaCy docs -> validated ``Record`` objects.

The field extractors in ``pipeline.fields`` see only the cleaned text of one entry and return
values whose evidence offsets are local to that text; this module maps every offset back to the
raw report file (through ``CleanText.raw_span``) so that ``raw[start:end]`` is the evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.fields import actors as actor_field
from pipeline.fields import casualties as casualty_field
from pipeline.fields import dates as date_field
from pipeline.fields import event_type as event_field
from pipeline.fields import places as place_field
from pipeline.fields.sources import find_sources, source_name
from pipeline.schema import DateValue, Evidence, Record, TextSpan
from pipeline.segment import Block, CleanText, Document
from pipeline.settings import Settings
from pipeline.tables import Tables, fold

def _to_raw(value, clean: CleanText, raw: str):
    """Rewrite every Evidence inside ``value`` from cleaned-text offsets to raw-file offsets."""
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


def report_country(title: str | None, report: str, tables: Tables, settings: Settings) -> str | None:
    """The report's own country: from the settings by slug, else the country its title names
    ("Mali: Extremism and Terrorism" -> ML), looked up in the places table.

    >>> from pipeline.tables import load_tables
    >>> report_country("Niger: Extremism and Terrorism", "niger", load_tables(), Settings())
    'NE'
    """
    if report in settings.report_countries:
        return settings.report_countries[report]
    if not title:
        return None
    subject = fold(title.split(":")[0])
    for row in tables.places:
        if row.kind == "country" and any(fold(s) == subject for s in row.spellings):
            return row.country
    return None


def block_record(
    block: Block, doc: Doc, raw: str, report: str, tables: Tables, settings: Settings,
    country_of_report: str | None = None, *, date: DateValue | None = None,
    sources_from: tuple[int, int] | None = None,
) -> Record:
    """Extract every field of one timeline entry (or narrative sentence) into a Record.

    A narrative sentence passes its ``date`` (evidence already in raw offsets: its year comes
    from the paragraph) and ``sources_from``, the raw range of its paragraph, whose outlets it
    shares; an entry reads both from its own text.
    """
    text = block.text
    header = block.header.text if block.header else None
    local_date = date_field.entry_date(header, text, settings) if date is None else None
    casualties = casualty_field.find_casualties(text)
    totals = casualty_field.total_counts(casualties)
    locations, mentioned = place_field.find_places(
        doc, tables, settings, country_hint=country_of_report
    )
    country, country_evidence = place_field.event_country(locations, mentioned, text, country_of_report)
    # Plain "soldiers" and "peacekeepers" are the forces of the country the event happened in.
    actors, description, description_evidence = actor_field.find_actors(
        doc, tables, settings,
        home_force=tables.force_of(country, "state force"),
        un_mission=tables.force_of(country, "international force"),
    )
    event_type, event_evidence = event_field.classify_event(text)

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
        section=block.section,
        kind=block.kind,
        text=text,
        span=TextSpan(start=block.start, end=block.end),
        date=local_date or DateValue(start=None, end=None, precision=None, text=None),
        country=country,
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
    record = _to_raw(local, block.clean, raw)
    if date is not None:
        record.date = date
    # Sources are read from the raw text, where link brackets delimit each outlet's name.
    start, end = sources_from or (block.start, block.end)
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


def parse_blocks(blocks: list[Block], nlp: Language, settings: Settings) -> Iterator[Doc]:
    """spaCy docs of the blocks' cleaned texts, each cut to what spaCy accepts.

    >>> from pipeline.nlp import build_nlp
    >>> from pipeline.segment import segment
    >>> nlp, _ = build_nlp()
    >>> entries = segment("Mali\\n\\n- **May 2, 2017:** Gunmen attack Gao.").entries
    >>> [d.text for d in parse_blocks(entries, nlp, Settings())]
    ['May 2, 2017: Gunmen attack Gao.']
    """
    limit = min(settings.max_spacy_chars, nlp.max_length)
    return nlp.pipe((b.text[:limit] for b in blocks), batch_size=settings.batch_size)


def extract_blocks(
    blocks: list[Block],
    raw: str,
    report: str,
    nlp: Language,
    tables: Tables,
    settings: Settings,
    country_of_report: str | None = None,
) -> Iterator[Record]:
    """Run the spaCy pipeline over the blocks' cleaned texts (in batches) and build records."""
    docs: Iterable[Doc] = parse_blocks(blocks, nlp, settings)
    for block, doc in zip(blocks, docs):
        yield block_record(block, doc, raw, report, tables, settings, country_of_report)


def extract_document(
    document: Document, report: str, nlp: Language, tables: Tables, settings: Settings
) -> list[Record]:
    """Every timeline record of a segmented report, in report order, with date bounds (no ids:
    ``pipeline.ids.assign_ids`` gives them, knowing the previous run)."""
    country = report_country(document.title, report, tables, settings)
    records = list(
        extract_blocks(document.entries, document.raw, report, nlp, tables, settings, country)
    )
    bounded = date_field.infer_bounds([r.date for r in records])
    for record, date in zip(records, bounded):
        record.date = date
    return records
