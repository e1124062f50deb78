"""What every finder needs to know about a line: its list marker, the date it opens with, and
whether it is a year or month heading.

Finders look at the same few facts of each line, so they are worked out once per document:

- ``marker_end``: where the text starts after a list marker ("- ", "• ", "_", "10. ", "#10: ");
- ``date``: the date header the text opens with (``pipeline.text.match_date_header``), with the
  separator that follows it ("January 12:", "18 Jan 2012 -", "Oct. 12, 2000 The");
- ``date_line``: the whole line is a date, or a date with a place or a title
  ("Feb 7", "2017: 22 March", "Saturday August 6", "March 3: Pakistan", "2025 – Pahalgam Attack",
  "Maiduguri, Nigeria - July 2009");
- ``year`` / ``month``: the line is a year or month heading ("2013", "-- 2013 --", "– 2012 –",
  "August 2016", "January 2023") that governs the entries under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from pipeline.readers.base import SourceText
from pipeline.readers.plain import BULLET
from pipeline.text import DATE_SEARCH, MONTH, MONTH_NAMES, YEAR, DateHeader, match_date_header

_YEAR_LINE = re.compile(rf"^[\s\-–—=*#|]*({YEAR})[\s\-–—=*#|:]*$")
_MONTH_LINE = re.compile(rf"^[\s\-–—=*#]*({MONTH})\s*,?\s+({YEAR})[\s\-–—=*#:]*$")
# A place, then a date: "Maiduguri, Nigeria - July 2009", "Baga, Nigeria - January 2015".
_PLACE_THEN_DATE = re.compile(
    rf"^[A-Z][\w'’ ,.-]{{1,60}}?\s+[-–—]\s+(?P<date>(?:{MONTH})\s+(?:\d{{1,2}},?\s+)?{YEAR})\s*$"
)
# A heading that ends with its year: "Balochistan Timeline - 2018", "News Timeline: South Asia 2013".
_TITLE_YEAR = re.compile(rf"^[A-Z][\w'’ :,.-]{{2,60}}?(?:\s+[-–—]\s+|\s+)({YEAR})\s*$")
# A hedged year is a caption's or a sentence's, never a heading's: "Shabaab fighters in Kenya
# sometime in 2015", "Militants near Kunduz around 2016".
HEDGED_YEAR = re.compile(rf"\b(?:sometime|some\s+time|around|circa|c\.|about|probably|possibly)"
                          rf"(?:\s+in)?\s+{YEAR}\s*$", re.IGNORECASE)
# A line of at most this many words, not ending a sentence, may be a heading ending with its year.
_HEADING_WORDS = 8
_MONTH_NUMBER = {name.lower()[:3]: i for i, name in enumerate(MONTH_NAMES, start=1)}
# A date line may carry a short title or place after its date: "March 3: Pakistan",
# "2025 – Pahalgam Attack", "January 6, 2015 – Sultanahmet, Istanbul".
_SHORT_TAIL = 60


def month_number(word: str) -> int | None:
    """The number of a month name or abbreviation.

    >>> month_number("Sept."), month_number("MAY"), month_number("Monday")
    (9, 5, None)
    """
    key = word.strip(".").lower()[:3]
    return _MONTH_NUMBER.get(key) if word[:3].isalpha() else None


@dataclass(frozen=True)
class LineInfo:
    """One line of a document and the facts finders read from it."""

    index: int
    start: int
    end: int
    kind: str  # the reader's line kind
    marker_end: int  # where the text starts after a list marker (= start + indentation)
    text: str  # the line's text after its marker, stripped

    @cached_property
    def date(self) -> DateHeader | None:
        """The date header the line opens with, offsets in the source text."""
        found = match_date_header(self.text)
        if found is None:
            return None
        shift = self.marker_end
        return DateHeader(found.date_start + shift, found.date_end + shift, found.body_start + shift,
                          found.bold, found.separator)

    @cached_property
    def year(self) -> int | None:
        """The year of a line that is only a year ("2013", "-- 2013 --", "– 2012 –"), or a
        heading that ends with one ("Balochistan Timeline - 2018")."""
        m = _YEAR_LINE.match(self.text)
        short = len(self.text.split()) <= _HEADING_WORDS and not re.search(r"[.!?]$", self.text)
        if m is None and (self.kind in ("heading", "title") or short) and not re.search(MONTH, self.text):
            date = match_date_header(self.text)
            # ... but "Early 2006" is a date line, not a heading.
            if (date is None or date.separator != "end") and not HEDGED_YEAR.search(self.text):
                m = _TITLE_YEAR.match(self.text)
        return int(m.group(1)) if m else None

    @cached_property
    def month(self) -> tuple[int, int] | None:
        """(year, month) of a line that is only a month and a year: "August 2016"."""
        m = _MONTH_LINE.match(self.text)
        if not m:
            return None
        number = month_number(m.group(1))
        return (int(m.group(2)), number) if number else None

    @cached_property
    def date_line(self) -> bool:
        """The line is a date, alone or with a short place or title, and no sentence."""
        if self.year is not None or self.month is not None:
            return False
        if _PLACE_THEN_DATE.match(self.text):
            return True
        date = self.date
        if date is None:
            return False
        tail = self.text[date.body_start - self.marker_end :].strip()
        return len(tail) <= _SHORT_TAIL and not re.search(r"[.!?]\s*$", tail) and (
            date.separator in ("end", ":", "-", "–", "—", "--", ". –", ". -") or not tail
        )

    @property
    def blank(self) -> bool:
        return self.kind in ("blank", "page_header", "stray", "metadata", "title", "noise")


# A run-in entry starts after the end of a sentence or a colon: "... Tracker. September 26:
# Kidnappers ...", "... forfeited legitimacy: July 5: Five policemen ...".
_SENTENCE_BEFORE = re.compile(r"[.!?:\"”)\]]$")


def run_in_starts(text: str, start: int, end: int) -> list[tuple[int, DateHeader]]:
    """Where run-in entries start inside a block: a date with a colon opening a sentence.

    >>> t = "The week's incidents. September 26: Four abducted. September 27: One killed."
    >>> [t[p:p + 12] for p, _ in run_in_starts(t, 0, len(t))]
    ['September 26', 'September 27']
    """
    found: list[tuple[int, DateHeader]] = []
    for m in DATE_SEARCH.finditer(text, start, end):
        before = text[max(start, m.start() - 40) : m.start()]
        if m.start() > start and (before == before.rstrip() or not _SENTENCE_BEFORE.search(before.rstrip())):
            continue
        date = match_date_header(text, m.start())
        if date is not None and date.separator == ":" and date.date_start == m.start():
            found.append((m.start(), date))
    return found


def governs(lines: list[LineInfo], k: int) -> bool:
    """Whether the year or month line ``k`` heads the entries under it: its next non-blank line
    opens with a date. "January 2009" followed by "Al-Qaeda merger" and a paragraph is an entry's
    date line instead.
    """
    for info in lines[k + 1 :]:
        if info.blank:
            continue
        return info.date is not None or info.date_line or info.year is not None or info.month is not None
    return False


def line_infos(source: SourceText) -> list[LineInfo]:
    """The facts of every line of a document."""
    out = []
    text = source.text
    for k, line in enumerate(source.lines):
        raw = text[line.start : line.end]
        marker = BULLET.match(raw) if line.kind == "bullet" else None
        body_start = line.start + (marker.end() if marker else len(raw) - len(raw.lstrip()))
        out.append(LineInfo(k, line.start, line.end, line.kind, body_start,
                            text[body_start : line.end].rstrip()))
    return out


def place_then_date(text: str) -> re.Match | None:
    """A heading that names the place first: "Baga, Nigeria - January 2015".

    >>> place_then_date("Baga, Nigeria - January 2015").group("date")
    'January 2015'
    """
    return _PLACE_THEN_DATE.match(text)
