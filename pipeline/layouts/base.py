"""What a layout finder proposes: entries with their date, body and sources spans, and sections.

A finder reads a ``SourceText`` and proposes the timeline entries of the layout it knows, with
how well that layout fits the document (``Proposal.fit``); ``pipeline.layouts.detect`` chooses
or mixes the proposals. An ``Entry`` carries everything later stages need to know about where
things are, so no field looks for the date header or the sources tail again:

- ``clean``: the entry's cleaned text (markup, page headers and list markers removed) with the
  offset of every character in the source text;
- ``header``: the words of its date as the entry opens with it, in source offsets;
- ``body_start`` / ``body_end``: where its narrative lies in the cleaned text, after the date
  header and before the outlet list;
- ``year``: for a date without a year, the year the document gives it and the rule that did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.readers.base import SourceText
from pipeline.settings import Settings
from pipeline.text import CleanText, DateHeader, body_span, clean


@dataclass(frozen=True)
class Header:
    """The date an entry opens with; ``text`` is its words, ``start``/``end`` source offsets."""

    text: str
    start: int
    end: int
    # What follows the date: ":" "-" "—" ..., "" when a title or the text follows it with no
    # separator ("December 2011 Damascus bombings - On 23 December 2011, ...").
    separator: str = ":"


@dataclass(frozen=True)
class YearContext:
    """The year a date without one takes from the document, and the rule that chose it
    ("year_heading", "neighbours", "dateline", "title")."""

    year: int
    rule: str


@dataclass(frozen=True)
class Section:
    """A heading and the source range it governs (up to the next heading)."""

    title: str
    start: int
    end: int
    heading_start: int


@dataclass(frozen=True)
class Entry:
    """A timeline entry, or a narrative paragraph or sentence."""

    kind: str  # "timeline" or "narrative"
    n: int  # 1-based position among the entries of its kind
    section: str
    start: int  # source offsets of the whole entry (page headers inside it included)
    end: int
    clean: CleanText
    header: Header | None = None
    layout: str = "prose"
    body_start: int = 0  # in the cleaned text
    body_end: int | None = None  # in the cleaned text; None: to its end
    year: YearContext | None = None
    # A narrative event: the date mention that dates it (offsets in its paragraph's cleaned text)
    # and its paragraph's source range, whose outlets it shares.
    date_mention: object | None = None
    paragraph_span: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        return self.clean.text

    @property
    def body(self) -> tuple[int, int]:
        """The narrative part of the cleaned text: after the date header, before the sources."""
        return self.body_start, len(self.clean.text) if self.body_end is None else self.body_end


@dataclass(frozen=True)
class Proposal:
    """A finder's entries for a document and how well its layout fits (0 to 1)."""

    layout: str
    entries: list[Entry]
    fit: float
    # Source ranges the entries cover: other finders do not propose entries inside them.
    claimed: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    """A report read and segmented: its entries, its prose paragraphs, what was noticed."""

    source: SourceText
    title: str | None
    sections: list[Section]
    entries: list[Entry]
    paragraphs: list[Entry]
    events: list[Entry]
    warnings: list[str]
    layouts: dict[str, int] = field(default_factory=dict)  # entries per layout found
    # The document's own date, when it states one before its entries (a dateline, the period
    # of an update, a stored copy's URL date): weekdays and dates without a year count from it.
    reference: object | None = None

    @property
    def raw(self) -> str:
        return self.source.text


def find_sections(source: SourceText) -> list[Section]:
    """The sections of a document: an introduction, then one per heading line."""
    text = source.text
    headings = [k for k, line in enumerate(source.lines) if line.kind == "heading"]
    sections: list[Section] = []
    first_text = next((k for k, line in enumerate(source.lines)
                       if line.kind not in ("blank", "metadata")), 0)
    lines = source.lines
    # The introduction starts after the title line (there is none when the text opens with a
    # bullet).
    intro_start = lines[first_text].end + 1 if lines and source.title else 0
    if not headings or lines[headings[0]].start > intro_start:
        end = lines[headings[0]].start if headings else len(text)
        sections.append(Section("Introduction", intro_start, end, intro_start))
    for i, k in enumerate(headings):
        start = lines[k].start
        end = lines[headings[i + 1]].start if i + 1 < len(headings) else len(text)
        sections.append(Section(text[lines[k].start : lines[k].end].strip(), lines[k].end + 1,
                                end, start))
    return sections


def section_for(pos: int, kind: str, sections: list[Section], settings: Settings) -> str:
    """The heading governing ``pos``. Timeline entries belong to the incident section even when a
    sub-heading ("La Terrasse Restaurant and Radisson Blu Hotel Attack") stands between."""
    current = [s for s in sections if s.heading_start <= pos]
    if not current:
        return "Introduction"
    if kind == "timeline":
        pattern = re.compile(settings.timeline_section_pattern, re.IGNORECASE)
        for s in reversed(current):
            if pattern.search(s.title):
                return s.title
    return current[-1].title


def make_entry(source: SourceText, sections: list[Section], settings: Settings, layout: str,
               start: int, end: int, text_start: int, date: DateHeader | None,
               kind: str = "timeline") -> Entry:
    """An entry of ``source.text[start:end]`` whose text (after its list marker) starts at
    ``text_start``; ``date`` is the header it opens with, in source offsets.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.text import match_date_header
    >>> src = source_from_text("T\\n\\n_June 18: Gunmen kill nine.", Path("x.txt"), "0")
    >>> start = src.text.index("June")
    >>> e = make_entry(src, [], Settings(), "date_led", start - 1, len(src.text), start,
    ...                match_date_header(src.text, start))
    >>> e.text, e.header.text, e.text[e.body_start:]
    ('June 18: Gunmen kill nine.', 'June 18', 'Gunmen kill nine.')
    """
    text = source.text
    header = None
    if date is not None and date.date_text(text).strip("- "):
        header = Header(date.date_text(text).strip(), date.date_start, date.date_end,
                        date.separator)
    elif date is not None and date.date_start == text_start + 2:
        # An empty bold header "**- :**" carries nothing: leave it out of the cleaned text.
        text_start = date.body_start
    cleaned = clean(text, text_start, end, page_header=source.page_header, markers=True)
    body_start, body_end = body_span(cleaned.text, header.text if header else "")
    return Entry(kind, 0, section_for(start, kind, sections, settings), start, end, cleaned,
                 header, layout, body_start, body_end)
