"""Events told in the prose sections, and links between mentions of the same event.

A narrative event is a sentence of a prose paragraph that states when something happened, on a
day or in a month ("On June 4, 2020, French troops launched an operation in Talhandak ..."), and
names an actor, a place or a casualty figure. Background dates are not events: "Since 2020",
"As of September 2018", "Beginning in October 2011", "which was launched on August 1, 2014".
A sentence giving only "On March 24" takes its year from the paragraph's sentence before it
(``pipeline.fields.dates.find_date_mentions`` carries it over).

Each narrative record is compared with the timeline records (and the narrative records before
it) by date, places, actors, figures and wording; a strong enough match becomes a ``Link`` in
``links`` and its id goes to ``same_as``. Figures that differ between two linked mentions
(Radisson Blu: "injured six others" here, "wounding 14 others" there) are kept as conflicts for a
person to decide, never merged.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils
from spacy.language import Language

from pipeline.fields.dates import find_date_mentions, to_edtf
from pipeline.fields.event_type import body_span, sentence_spans
from pipeline.records import block_record, report_country, parse_blocks
from pipeline.schema import DateMention, DateValue, Link, Record
from pipeline.segment import Block, CleanText, Document
from pipeline.settings import Settings
from pipeline.tables import Tables, fold

# Words before a date that make it a bound or a background, not the day of an event:
# "Since 2020", "As of August 2023", "Beginning in October 2011", "until July 2022",
# "which was launched on August 1, 2014" (a relative clause about something else).
# "By" is not one: "By August 15, 2022, the last French unit left" is the day it happened.
_BACKGROUND_BEFORE = re.compile(
    r"(?:\bsince|\bas of|\bbeginning in|\bstarting in|\buntil|\bthrough|\bbefore|"
    r"\bwhich (?:was|were|had been) \w+(?: \w+)? (?:on|in))\s+(?:early |late |mid-?)?$",
    re.IGNORECASE,
)
# The date of an event is introduced as a time adverbial: "On June 4, 2020, ...", "in April 2012",
# "By August 15, 2022". A date used as a modifier names something else ("Niger's July 2023
# coup", "an August/September 2014 poll", "the November 2015 Bamako attack"), and "by" in the
# middle of a sentence is a deadline ("be reinstated by August 6", "withdraw ... by May 2024").
_INTRODUCER = re.compile(
    r"^\s*$|\b(?:on|in|during|that|of|from)\s+(?:(?:early|late|mid-?)\s*)?$|^by\s+$",
    re.IGNORECASE,
)
# ... unless the modified noun is itself the event: "A January 2019 report ... confirmed",
# "killed in a November 2018 French attack", "a September 12 incident".
_EVENT_NOUN = re.compile(
    r"\s+(?:[A-Z][\w.-]*\s+){0,2}(?:report|attack|incident|operation|raid|ambush|statement)s?\b"
)
# Polls and surveys are background, not events (guidelines, "Narrative events").
_POLL = re.compile(r"\b(?:polls?|polled|survey|percent)\b", re.IGNORECASE)
# A sentence is an event only if something happens in it: a verb in the past or present tense
# of an act, a statement or a decision. The prose of the report is in the past tense.
_HAPPENED = re.compile(
    r"\b\w+(?:ed|ew|ung|ook|ent|ame|ade|ought|old|ave|ote|aid|et|ost|eft|ut|ound|an|un|egan)\b"
)


@dataclass(frozen=True)
class EventSentence:
    """A sentence of a paragraph chosen as an event, and the date mention that dates it."""

    paragraph: Block
    start: int  # offsets in the paragraph's cleaned text
    end: int
    mention: DateMention


def find_event_sentences(paragraph: Block) -> list[EventSentence]:
    """The dated event sentences of one prose paragraph, in order.

    >>> from pipeline.segment import segment
    >>> doc = segment("T\\n\\nH\\n\\nOn June 4, 2020, French troops launched an operation in Talhandak. "
    ...               "Since 2012, Mali has struggled. (Sources: [The Hill](#))\\n")
    >>> [s.mention.evidence.text for s in find_event_sentences(doc.paragraphs[0])]
    ['June 4, 2020']
    """
    text = paragraph.text
    start, end = body_span(text)
    mentions = [m for m in find_date_mentions(text, None) if m.precision in ("day", "month")]
    events = []
    for s, e in sentence_spans(text, start, end):
        inside = [m for m in mentions if s <= m.evidence.start < e]
        if _POLL.search(text, s, e) or not _HAPPENED.search(text, s, e):
            continue
        for m in inside:
            before = text[max(s, m.evidence.start - 40) : m.evidence.start]
            if _BACKGROUND_BEFORE.search(before):
                continue
            attributive = not _INTRODUCER.search(text[s : m.evidence.start])
            if attributive and not (
                m.evidence.text.lower().startswith(("between", "from")) or _EVENT_NOUN.match(text, m.evidence.end)
            ):
                continue
            events.append(EventSentence(paragraph, s, e, m))
            break
    return events


def _sentence_block(event: EventSentence, n: int) -> Block:
    para = event.paragraph
    clean = CleanText(para.text[event.start : event.end], array("l", para.clean.offsets[event.start : event.end]))
    start, end = para.clean.raw_span(event.start, event.end)
    return Block("narrative", n, para.section, start, end, clean, None)


def _date_from(mention: DateMention, paragraph: Block, raw: str) -> DateValue:
    """The record's date from a mention found in the paragraph, its evidence mapped to raw."""
    start, end = paragraph.clean.raw_span(mention.evidence.start, mention.evidence.end)
    evidence = mention.evidence.model_copy(update={"start": start, "end": end, "text": raw[start:end]})
    return DateValue(
        start=mention.start, end=mention.end, precision=mention.precision,
        text=mention.evidence.text, edtf=to_edtf(mention.start, mention.end, mention.precision),
        evidence=evidence,
    )


def narrative_records(
    document: Document, report: str, nlp: Language, tables: Tables, settings: Settings
) -> list[Record]:
    """One record per dated event sentence of the prose sections (no ids yet)."""
    events = [e for p in document.paragraphs for e in find_event_sentences(p)]
    blocks = [_sentence_block(e, i + 1) for i, e in enumerate(events)]
    docs = parse_blocks(blocks, nlp, settings)
    records = []
    raw = document.raw
    country = report_country(document.title, report, tables, settings)
    for event, block, doc in zip(events, blocks, docs):
        # The sentence's own date mention dates it, its year carried over from the paragraph;
        # its sources are the outlets at the end of the paragraph.
        para = event.paragraph
        records.append(block_record(
            block, doc, raw, report, tables, settings, country,
            date=_date_from(event.mention, para, raw), sources_from=(para.start, para.end),
        ))
    return records


# --- linking ------------------------------------------------------------------------------------

# Weights of the evidence that two mentions tell the same event, set on the Mali gold's 15
# narrative-to-timeline links: a same-day match with a shared place or close wording reaches
# LINK_CUTOFF; a month-level date needs two more signals (place, actor, figure or wording).
W_SAME_DAY = 0.45
W_OVERLAP = 0.25
# An undated entry's bounds come from its neighbours, not its text: weaker evidence.
W_INFERRED_OVERLAP = 0.15
W_PLACE = 0.25
W_ACTOR = 0.15
W_FIGURE = 0.2
W_NEAR_FIGURE = 0.1
W_WORDS = 0.2
W_CLOSE_WORDS = 0.3
LINK_CUTOFF = 0.6
# token_set_ratio of the two texts above which the wording counts as shared, and as close.
WORDS_CUTOFF = 55.0
CLOSE_WORDS_CUTOFF = 75.0
# Two figures for the same victims within this ratio support a link ("more than 150" and "at
# least 157" for the Ogossagou massacre) while still being reported as a conflict.
NEAR_FIGURE_RATIO = 0.9


def _range(date: DateValue):
    """The days a record's date allows: stated, or the bounds its neighbours give."""
    if date.start and date.end:
        return date.start, date.end
    if date.not_before and date.not_after:
        return date.not_before, date.not_after
    return None


def link_score(a: Record, b: Record) -> tuple[float, list[str], list[str]]:
    """How strongly two records tell the same event: (score, reasons, conflicting figures).

    Dates must overlap (an undated entry's inferred bounds count); then shared places, actors,
    figures and wording add up.
    """
    ra, rb = _range(a.date), _range(b.date)
    if ra is None or rb is None or not (ra[0] <= rb[1] and rb[0] <= ra[1]):
        return 0.0, [], []
    reasons = []
    score = 0.0
    if a.date.precision == b.date.precision == "day" and a.date.start == b.date.start:
        score += W_SAME_DAY
        reasons.append(f"same day {a.date.start.isoformat()}")
    elif a.date.start is None or b.date.start is None:
        score += W_INFERRED_OVERLAP
        reasons.append("within the inferred dates of an undated entry")
    else:
        score += W_OVERLAP
        reasons.append("dates overlap")
    places = {fold(x.name) for x in a.locations} & {fold(x.name) for x in b.locations}
    if places:
        score += W_PLACE
        reasons.append("place " + ", ".join(sorted(places)))
    actors = {x.name for x in a.actors} & {x.name for x in b.actors}
    if actors:
        score += W_ACTOR
        reasons.append("actor " + ", ".join(sorted(actors)))
    conflicts = []
    for kind in ("killed", "injured", "kidnapped"):
        x, y = getattr(a, kind), getattr(b, kind)
        if x is None or y is None:
            continue
        if x == y and x > 0:
            score += W_FIGURE
            reasons.append(f"{kind} {x}")
        elif x != y:
            conflicts.append(f"{kind} {x} vs {y}")
            if min(x, y) >= NEAR_FIGURE_RATIO * max(x, y):
                score += W_NEAR_FIGURE
                reasons.append(f"{kind} close ({x}, {y})")
    words = fuzz.token_set_ratio(a.text, b.text, processor=utils.default_process)
    if words >= CLOSE_WORDS_CUTOFF:
        score += W_CLOSE_WORDS
        reasons.append(f"wording {words:.0f}")
    elif words >= WORDS_CUTOFF:
        score += W_WORDS
        reasons.append(f"wording {words:.0f}")
    return min(score, 1.0), reasons, conflicts


def link_records(narrative: Sequence[Record], others: Sequence[Record]) -> None:
    """Link each narrative record to the best-matching timeline record and to earlier narrative
    records that tell the same event; fill ``links`` and ``same_as`` in place."""
    for i, record in enumerate(narrative):
        candidates = list(others) + list(narrative[:i])
        best_timeline: tuple[float, Record, list[str], list[str]] | None = None
        links = []
        for other in candidates:
            score, reasons, conflicts = link_score(record, other)
            if score < LINK_CUTOFF:
                continue
            if other.kind == "timeline":
                if best_timeline is None or score > best_timeline[0]:
                    best_timeline = (score, other, reasons, conflicts)
            else:
                links.append(Link(id=other.id, score=round(score, 3), reasons=reasons, conflicts=conflicts))
        if best_timeline:
            score, other, reasons, conflicts = best_timeline
            links.insert(0, Link(id=other.id, score=round(score, 3), reasons=reasons, conflicts=conflicts))
        else:
            # Same event as an earlier narrative mention that is linked to the timeline: the
            # link carries over ("operation from March 23 until March 31, 2022" -> the Moura
            # mention before it -> the Moura timeline entry).
            inherited = _timeline_link_via(links, narrative[:i], {r.id for r in others})
            if inherited:
                links.insert(0, inherited)
        record.links = links
        record.same_as = [link.id for link in links]
        record.warnings.extend(
            f"conflict with {link.id}: {c}" for link in links for c in link.conflicts
        )


def _timeline_link_via(links: list[Link], earlier: Sequence[Record], timeline_ids: set[str]) -> Link | None:
    """The timeline link of the best-scored earlier narrative record this one is linked to."""
    by_id = {r.id: r for r in earlier}
    for link in sorted(links, key=lambda l: -l.score):
        other = by_id.get(link.id)
        first = other.links[0] if other and other.links else None
        if first and first.id in timeline_ids:
            score = round(min(link.score, first.score), 3)
            return Link(id=first.id, score=score, reasons=[f"via {other.id}", *link.reasons])
    return None
