"""What every reader returns: the text the pipeline reads, its lines and blocks, and where they
came from.

A reader turns one input file (plain text or markdown, an HTML page, a PDF) into a
``SourceText``: markdown-ish text (bold as ``**``, links as ``[name](target)``, list items as
lines starting with a list marker, headings as lines of their own), its lines classified, its
blocks (headings, list items, paragraphs, table rows) with the page they sit on, and a map from
every offset of that text back to an offset of the original file. Everything after the reader
(layouts, fields, records) sees only the ``SourceText``; record offsets index ``SourceText.text``,
which is written beside the outputs.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

LineKind = Literal[
    "blank", "page_header", "stray", "heading", "bullet", "text", "metadata", "title", "noise"
]
BlockKind = Literal["heading", "list_item", "paragraph", "table_row"]


@dataclass(frozen=True)
class Line:
    """One line of the text: offsets (the newline left out), its kind and its page."""

    start: int
    end: int
    kind: LineKind
    page: int | None = None


@dataclass(frozen=True)
class TextBlock:
    """A heading, a list item, a paragraph or a table row: its lines and its page."""

    kind: BlockKind
    first: int  # index of its first line
    last: int  # index of its last line
    start: int  # text offset of its first character
    end: int  # text offset after its last character
    page: int | None = None


@dataclass(frozen=True)
class Metadata:
    """What the file says about itself: a stored copy's source line, a PDF's or a page's title."""

    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    # The publication date, when the file states it (a dateline, a URL path "/2011/06/18/").
    published: dt.date | None = None
    # The one year the stored copy's address names ("/spreadsheet/2014-2/"), a weaker hint.
    url_year: int | None = None
    # The year and month of a stored copy's address that names no day ("/2016/10/"): what
    # "today" or "on Monday" can be resolved to when the file gives no day of its own.
    url_month: tuple[int, int] | None = None


@dataclass(frozen=True)
class OriginMap:
    """Offsets of the read text back to offsets of the original file.

    ``starts[i]`` is the text offset where run ``i`` begins and ``origins[i]`` the file offset it
    came from; inside a run offsets advance together. Plain text is one run from 0 (the text is
    the file, decoded). An HTML run is the text of one element; a PDF run is one page, whose
    origin is the page number.

    >>> OriginMap((0, 10), (100, 500)).origin(12)
    502
    """

    starts: tuple[int, ...] = (0,)
    origins: tuple[int, ...] = (0,)
    unit: Literal["character", "page"] = "character"

    def origin(self, offset: int) -> int:
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        if self.unit == "page":
            return self.origins[i]
        return self.origins[i] + offset - self.starts[i]


@dataclass
class SourceText:
    """One report as the pipeline reads it."""

    path: Path
    slug: str
    sha256: str  # of the original file's bytes
    format: Literal["text", "markdown", "html", "pdf"]
    text: str
    lines: tuple[Line, ...]
    blocks: tuple[TextBlock, ...]
    title: str | None = None
    # A line repeated where pages broke (the title of a PDF turned to text): never report text.
    page_header: str | None = None
    metadata: Metadata = field(default_factory=Metadata)
    origin: OriginMap = field(default_factory=OriginMap)
    warnings: list[str] = field(default_factory=list)

    def line_text(self, k: int) -> str:
        line = self.lines[k]
        return self.text[line.start : line.end]
