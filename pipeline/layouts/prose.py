"""Prose: the paragraphs no list layout claimed, and the dated events told in them.

A narrative event is a sentence of a prose paragraph that states when something happened, on a
day or in a month ("On June 4, 2020, French troops launched an operation in Talhandak ..."), and
names an actor, a place or a casualty figure. Background dates are not events: "Since 2020",
"As of September 2018", "Beginning in October 2011", "which was launched on August 1, 2014".
A sentence giving only "On March 24" takes its year from the paragraph's sentence before it
(``pipeline.fields.dates.find_date_mentions`` carries it over).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from pipeline.fields.dates import find_date_mentions
from pipeline.layouts.base import Entry, Section, section_for
from pipeline.readers.base import SourceText
from pipeline.schema import DateMention
from pipeline.settings import Settings
from pipeline.text import body_span, clean, split_sentences as sentence_spans


NAME = "prose"

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
    r"|\b(?:shot|hit|struck|fled|led|held|fell|broke|blew|threw|drove|swept|won|slain|died|dead)\b"
)
# A date right before the verb is the day of the act in news-agency shorthand: "Assailants 14 Jan
# killed uncle of prominent politician", "Electoral commission 9 Jan warned that ...".
_VERB_AFTER = re.compile(
    r"\s+(?:reportedly\s+|allegedly\s+)?(?:\w+(?:ed|ew|ook|ought|aid|ave)|shot|hit|struck|set"
    r"|launched|stormed|fled|held|led|took|began|said|warned)\b"
)
# Mentions that date an event without a day of the calendar: a weekday, "today", "yesterday".
# Unresolved without the document's date, they still make the sentence an event.
_DAY_WORDS = ("rule:weekday", "rule:today", "rule:yesterday", "rule:next_day")
# Where a second event of the same sentence starts: "... killing policeman, and 20 Jan stormed
# ruling All Progressives Congress meeting ..."; "..., while another seven died on Sunday ...".
_CLAUSE_BREAK = re.compile(r",\s+(?:and|while)\s+|;\s+")


def _event_sentences(paragraph: Entry, reference: dt.date | None = None
                     ) -> list[tuple[int, int, DateMention]]:
    """The dated event sentences of one prose paragraph, in order: (start, end, date mention),
    offsets in the paragraph's cleaned text."""
    text = paragraph.text
    start, end = body_span(text)
    mentions = [m for m in find_date_mentions(text, _anchor(paragraph, reference),
                                              carry_first=True)
                if m.precision in ("day", "month") or m.evidence.method in _DAY_WORDS]
    events = []
    for s, e in sentence_spans(text, start, end):
        if _POLL.search(text, s, e) or not _HAPPENED.search(text, s, e):
            continue
        dating = [m for m in mentions if s <= m.evidence.start < e and _dates_event(text, s, m)]
        if not dating:
            continue
        # Only a day (or a weekday) opens a second event: "launched in January of 2013, and
        # Operation Barkhane, which replaced Operation Serval in August 2014" is one.
        dating = dating[:1] + [m for m in dating[1:]
                               if m.precision == "day" or m.evidence.method in _DAY_WORDS]
        # A sentence that tells two dated acts is two events, cut where the second one's
        # clause begins.
        cut = s
        for i, m in enumerate(dating):
            nxt = dating[i + 1] if i + 1 < len(dating) else None
            stop = e
            if nxt is not None:
                breaks = [b for b in _CLAUSE_BREAK.finditer(text, m.evidence.end, nxt.evidence.start)]
                if not breaks:
                    continue
                stop = breaks[-1].start()
            events.append((cut, stop, m))
            cut = breaks[-1].end() if nxt is not None else e
            if nxt is None:
                break
    return events


def _dates_event(text: str, s: int, m: DateMention) -> bool:
    """Whether a date mention dates the act of its sentence (not a background, not a modifier)."""
    before = text[max(s, m.evidence.start - 40) : m.evidence.start]
    if _BACKGROUND_BEFORE.search(before):
        return False
    if m.evidence.method in _DAY_WORDS:
        return True
    if _INTRODUCER.search(text[s : m.evidence.start]):
        return True
    if m.evidence.text.lower().startswith(("between", "from")) or _EVENT_NOUN.match(text, m.evidence.end):
        return True
    return m.precision == "day" and bool(_VERB_AFTER.match(text, m.evidence.end))



def find_paragraphs(source: SourceText, sections: list[Section], settings: Settings,
                    claimed: list[tuple[int, int]]) -> list[Entry]:
    """The paragraphs outside the claimed ranges, as narrative entries in text order.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> src = source_from_text("T\\n\\nOn May 2, 2017, gunmen attacked Gao.", Path("x.txt"), "0")
    >>> [p.text for p in find_paragraphs(src, find_sections(src), Settings(), [])]
    ['On May 2, 2017, gunmen attacked Gao.']
    """
    paragraphs: list[Entry] = []
    for block in source.blocks:
        if block.kind != "paragraph" or any(block.start < e and s < block.end for s, e in claimed):
            continue
        cleaned = clean(source.text, block.start, block.end, page_header=source.page_header)
        start, end = body_span(cleaned.text, "")
        paragraphs.append(Entry(
            "narrative", len(paragraphs) + 1,
            section_for(block.start, "narrative", sections, settings),
            block.start, block.end, cleaned, None, NAME, start, end,
        ))
    return paragraphs


def _anchor(paragraph: Entry, reference: dt.date | None) -> dt.date | None:
    """What a paragraph's dates without a year count from: the document's date, or the middle of
    the year a heading above it gives (None for neither: the year of the date stated before)."""
    if reference is not None and (paragraph.year is None or paragraph.year.rule == "dateline"):
        return reference
    if paragraph.year is not None:
        return dt.date(paragraph.year.year, 7, 2)
    return None


def find_events(paragraphs: list[Entry], reference: dt.date | None = None) -> list[Entry]:
    """The dated event sentences of the prose paragraphs, each a narrative entry that carries
    the date mention dating it and its paragraph's source range (whose outlets it shares).

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> src = source_from_text("T\\n\\nH\\n\\nOn June 4, 2020, French troops launched an operation "
    ...     "in Talhandak. Since 2012, Mali has struggled. (Sources: [The Hill](#))\\n", Path("x.txt"), "0")
    >>> [(e.text, e.date_mention.edtf) for e in find_events(find_paragraphs(src, find_sections(src), Settings(), []))]
    [('On June 4, 2020, French troops launched an operation in Talhandak.', '2020-06-04')]
    """
    events: list[Entry] = []
    for para in paragraphs:
        for s, e, mention in _event_sentences(para, reference):
            if mention.evidence.end > e:
                continue
            cleaned = para.clean.slice(s, e)
            start, end = para.clean.raw_span(s, e)
            # The mention's offsets, local to the sentence like every offset of the entry.
            local = mention.evidence.model_copy(
                update={"start": mention.evidence.start - s, "end": mention.evidence.end - s})
            events.append(replace(
                para, n=len(events) + 1, start=start, end=end, clean=cleaned, body_start=0,
                body_end=None, date_mention=mention.model_copy(update={"evidence": local}),
                paragraph_span=(para.start, para.end),
            ))
    return events
