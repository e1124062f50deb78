"""Raw report text -> sections, timeline entries and narrative paragraphs, with offsets.

The reports are PDFs turned into markdown-ish text. What this module repairs, and why:

- the report title repeats as a page header line ("Mali: Extremism and Terrorism") wherever a
  page broke; it is dropped, and text split by it is joined again (a bullet continues after the
  header: "killing at least 26.\\n\\nMali: Extremism and Terrorism\\n\\nSource: [Africa News](#)");
- lines holding only "-" are PDF artifacts of list markers and are dropped;
- markup is removed from the cleaned text: "**", "[Name](#)" (kept as "Name"), "*al-Naba*",
  and the escapes "\\$", "\\(", "\\)".

Every cleaned text keeps, for each of its characters, the offset of the raw character it came from,
so any span found in cleaned text maps back to the raw file (``CleanText.raw_span``).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from pipeline.settings import Settings

# A bullet: "- " at the start of a line, after optional spaces. The Mali report has 193 of them in
# its incident section, some with a leading space (" - **September 10, 2020:** ...").
BULLET = re.compile(r"^[ \t]*- ", re.MULTILINE)
# The bold header of a bullet: "**February 7, 2025:**", "**July 25, 2024 - July 27, 2024:**", or
# the empty "**- :**". Group "date" is the text between the bold marks, without the colon.
HEADER = re.compile(r"\*\*(?P<date>[^*\n]*?)\s*:\s*\*\*")
# Markup tokens removed from cleaned text. Single "*" pairs are italics ("*al-Naba*").
_MARKUP = re.compile(
    r"(?P<bold>\*\*)"
    r"|(?P<link>\[(?:[^\]\\]|\\.)*\]\([^)\s]*\))"
    r"|(?P<escape>\\[$()\[\]*_#.-])"
    r"|(?P<italic>(?<![*\w])\*(?=[^\s*])(?:[^*\n])+?(?<=[^\s*])\*(?![*\w]))"
)
_SPACE = re.compile(r"\s+")
_STRAY_DASH = re.compile(r"^[ \t]*-[ \t]*$")
_SENTENCE_END = re.compile(r"""[.!?]["”’')\]]*$|\)$""")


@dataclass(frozen=True)
class CleanText:
    """Cleaned text and, for every character, the offset of the raw character it came from.

    >>> t = clean("**Feb 7:** [Reuters](#)", 0)
    >>> t.text, t.raw_span(7, 14)
    ('Feb 7: Reuters', (12, 19))
    """

    text: str
    offsets: array

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to a span of the raw file (``end`` exclusive)."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.offsets[-1] + 1
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True)
class Header:
    """The bold date header of a bullet; ``text`` is what stands between the bold marks."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    """A heading and the raw range it governs (up to the next heading)."""

    title: str
    start: int
    end: int
    heading_start: int


@dataclass(frozen=True)
class Block:
    """A timeline entry or a narrative paragraph."""

    kind: str  # "timeline" or "narrative"
    n: int  # 1-based position among the blocks of its kind
    section: str
    start: int  # raw offsets of the whole block (page headers inside it included)
    end: int
    clean: CleanText
    header: Header | None = None

    @property
    def text(self) -> str:
        return self.clean.text


@dataclass(frozen=True)
class Document:
    """A segmented report."""

    raw: str
    title: str | None
    sections: list[Section]
    entries: list[Block]
    paragraphs: list[Block]
    warnings: list[str]


def clean(raw: str, start: int, end: int | None = None, *, page_header: str | None = None) -> CleanText:
    """Clean ``raw[start:end]``: drop page headers and stray dashes, markup, fold white space.

    >>> clean("a **b**\\n-\\nc [D](#)", 0).text
    'a b c D'
    """
    end = len(raw) if end is None else end
    chars: list[str] = []
    pos = array("l")
    line_start = start
    while line_start < end:
        nl = raw.find("\n", line_start, end)
        line_end = end if nl < 0 else nl
        line = raw[line_start:line_end]
        dropped = _STRAY_DASH.match(line) or (
            page_header is not None and line.strip() == page_header
        )
        if not dropped:
            _emit_markup_free(raw, line_start, line_end, chars, pos)
        if nl < 0:
            break
        chars.append(" ")
        pos.append(nl)
        line_start = nl + 1
    return _fold_space("".join(chars), pos)


def _emit_markup_free(raw: str, start: int, end: int, chars: list[str], pos: array) -> None:
    """Append the characters of ``raw[start:end]`` without markup, with their raw offsets."""
    i = start
    for m in _MARKUP.finditer(raw, start, end):
        for k in range(i, m.start()):
            chars.append(raw[k])
            pos.append(k)
        if m.group("link"):
            name_start = m.start() + 1
            name_end = raw.index("](", name_start) if "](" in m.group() else m.end()
            # The link text itself may hold escapes: "[al-Qaeda ... \(AQIM\)](#)".
            _emit_markup_free(raw, name_start, name_end, chars, pos)
        elif m.group("escape"):
            chars.append(raw[m.start() + 1])
            pos.append(m.start() + 1)
        elif m.group("italic"):
            _emit_markup_free(raw, m.start() + 1, m.end() - 1, chars, pos)
        i = m.end()
    for k in range(i, end):
        chars.append(raw[k])
        pos.append(k)


def _fold_space(text: str, pos: array) -> CleanText:
    out: list[str] = []
    out_pos = array("l")
    i = 0
    for m in _SPACE.finditer(text):
        out.append(text[i : m.start()])
        out_pos.extend(pos[i : m.start()])
        out.append(" ")
        out_pos.append(pos[m.start()])
        i = m.end()
    out.append(text[i:])
    out_pos.extend(pos[i:])
    folded = "".join(out)
    lead = len(folded) - len(folded.lstrip(" "))
    trail = len(folded.rstrip(" "))
    return CleanText(folded[lead:trail], out_pos[lead:trail])


def find_title(raw: str) -> str | None:
    """The report title: its first non-empty line, which the PDF repeats as a page header.

    >>> find_title("\\n\\nMali: Extremism and Terrorism\\n\\nOn April 4 ...")
    'Mali: Extremism and Terrorism'
    """
    for line in raw.splitlines():
        if line.strip():
            # A text that starts with its first bullet has no title line.
            return None if BULLET.match(line) else line.strip()
    return None


def _lines(raw: str) -> list[tuple[int, int, str]]:
    """Every line as (start, end, text), end excluding the newline."""
    out = []
    start = 0
    for line in raw.split("\n"):
        out.append((start, start + len(line), line))
        start += len(line) + 1
    return out


def _is_heading(line: str, prev_blank: bool, next_blank: bool, settings: Settings) -> bool:
    """A heading is a short title line standing alone between blank lines.

    Headings of the Mali report: "Overview", "Radicalization and Foreign Fighters",
    "La Terrasse Restaurant and Radisson Blu Hotel Attack", "Domestic Counter-Extremism" ...
    A paragraph cut by a page break ("As Islamists") is not one: it is followed by a page header,
    which the caller checks, and continues in lower case.
    """
    text = line.strip()
    if not (prev_blank and next_blank) or not text or BULLET.match(line):
        return False
    if len(text.split()) > settings.heading_max_words or len(text) > settings.heading_max_chars:
        return False
    if not text[0].isupper() or _SENTENCE_END.search(text) or text.endswith((",", ":", ";")):
        return False
    return "(" not in text and "[" not in text and "**" not in text


def segment(raw: str, settings: Settings | None = None) -> Document:
    """Split a raw report into sections, timeline entries and narrative paragraphs.

    >>> doc = segment(open("raw/mali.txt", encoding="utf-8").read())
    >>> len(doc.entries), doc.entries[0].header.text
    (193, 'February 7, 2025')
    """
    settings = settings or Settings()
    title = find_title(raw)
    lines = _lines(raw)
    warnings: list[str] = []

    def is_page_header(text: str) -> bool:
        return title is not None and text.strip() == title

    def is_blank(k: int) -> bool:
        # Page headers and stray dashes count as blank: they stand where the page broke.
        if k < 0 or k >= len(lines):
            return True
        text = lines[k][2]
        return not text.strip() or is_page_header(text) or bool(_STRAY_DASH.match(text))

    # 1. Classify every line: heading, bullet start, page header / blank, or text.
    first_title_line = (
        next((k for k, (_, _, t) in enumerate(lines) if t.strip()), None) if title else None
    )
    headings: list[int] = []
    for k, (_, _, text) in enumerate(lines):
        if k == first_title_line or is_blank(k):
            continue
        if _is_heading(text, is_blank(k - 1), is_blank(k + 1), settings):
            # A heading is never the tail of a paragraph cut by a page break: the text before a
            # page header ends a sentence when a heading follows it.
            prev = _previous_text_line(lines, k, is_blank)
            if prev is None or _SENTENCE_END.search(lines[prev][2].rstrip()) or k - 1 == first_title_line:
                headings.append(k)

    sections = _sections(lines, headings, len(raw), title)

    # 2. Blocks: a bullet runs to the next bullet, heading, or a paragraph start; a paragraph runs
    # to its next blank line, unless a page header cut it mid-sentence.
    entries: list[Block] = []
    paragraphs: list[Block] = []
    heading_set = set(headings)
    k = 0
    n_lines = len(lines)
    while k < n_lines:
        text = lines[k][2]
        if k == first_title_line or k in heading_set or is_blank(k):
            k += 1
            continue
        if BULLET.match(text):
            end_k = _bullet_end(lines, k, heading_set, is_blank, is_page_header)
            block_start = lines[k][0]
            block_end = lines[end_k][1]
            entries.append(
                _make_block("timeline", len(entries) + 1, raw, block_start, block_end, sections,
                            settings, title)
            )
            k = end_k + 1
            continue
        end_k = _paragraph_end(lines, k, heading_set, is_blank, is_page_header)
        block_start = lines[k][0] + (len(text) - len(text.lstrip()))
        block_end = lines[end_k][1]
        paragraphs.append(
            _make_block("narrative", len(paragraphs) + 1, raw, block_start, block_end, sections,
                        settings, title)
        )
        k = end_k + 1

    if not entries:
        warnings.append("no timeline entries found (no '- ' bullets)")
    return Document(raw, title, sections, entries, paragraphs, warnings)


def _previous_text_line(lines, k, is_blank) -> int | None:
    j = k - 1
    while j >= 0 and is_blank(j):
        j -= 1
    return j if j >= 0 else None


def _bullet_end(lines, k, headings, is_blank, is_page_header) -> int:
    """Last line of the bullet starting at line ``k``.

    A bullet continues over line breaks ("central Mali.\\nTuareg separatists ...") and over a page
    break: after a page header, text up to the next bullet belongs to it ("Source: [Africa News](#)").
    It ends at the next bullet, a heading, or a blank line that no page header explains and after
    which no continuation follows.
    """
    last = k
    j = k + 1
    crossed_page = False
    while j < len(lines):
        text = lines[j][2]
        if BULLET.match(text) or j in headings:
            break
        if is_blank(j):
            if is_page_header(text):
                crossed_page = True
            j += 1
            continue
        # A text line after blank lines: a continuation only across a page break, or when the
        # bullet was cut mid-sentence.
        if j > last + 1 and not crossed_page and _SENTENCE_END.search(lines[last][2].rstrip()):
            break
        last = j
        crossed_page = False
        j += 1
    return last


def _paragraph_end(lines, k, headings, is_blank, is_page_header) -> int:
    """Last line of the paragraph starting at line ``k``: joined over a page header when the text
    before the header stops mid-sentence ("... Money Laundering in" / "West Africa (GIABA).")."""
    last = k
    j = k + 1
    while j < len(lines):
        if not is_blank(j) and j == last + 1 and j not in headings and not BULLET.match(lines[j][2]):
            last = j
            j += 1
            continue
        if not is_blank(j):
            break
        # Blank run: look past it for a page header and a mid-sentence cut.
        m = j
        saw_header = False
        while m < len(lines) and is_blank(m):
            saw_header = saw_header or is_page_header(lines[m][2])
            m += 1
        if (
            saw_header
            and m < len(lines)
            and m not in headings
            and not BULLET.match(lines[m][2])
            and not _SENTENCE_END.search(lines[last][2].rstrip())
        ):
            last = m
            j = m + 1
            continue
        break
    return last


def _sections(lines, headings: list[int], raw_len: int, title: str | None) -> list[Section]:
    sections: list[Section] = []
    first_text = next((k for k, (_, _, t) in enumerate(lines) if t.strip()), 0)
    # The introduction starts after the title line (there is none when the text opens with a bullet).
    intro_start = lines[first_text][1] + 1 if lines and title else 0
    if not headings or lines[headings[0]][0] > intro_start:
        end = lines[headings[0]][0] if headings else raw_len
        sections.append(Section("Introduction", intro_start, end, intro_start))
    for i, k in enumerate(headings):
        start = lines[k][0]
        end = lines[headings[i + 1]][0] if i + 1 < len(headings) else raw_len
        sections.append(Section(lines[k][2].strip(), lines[k][1] + 1, end, start))
    return sections


def _make_block(kind, n, raw, start, end, sections, settings: Settings, title) -> Block:
    section = _section_for(start, kind, sections, settings)
    header = None
    clean_start = start
    if kind == "timeline":
        bullet = BULLET.match(raw, start)
        clean_start = bullet.end() if bullet else start
        m = HEADER.match(raw, clean_start)
        if m:
            date_text = m.group("date").strip()
            date_start = m.start("date") + (len(m.group("date")) - len(m.group("date").lstrip()))
            if date_text.strip("- ") :
                header = Header(date_text, date_start, date_start + len(date_text))
            else:
                # The empty header "**- :**" carries nothing: leave it out of the cleaned text.
                clean_start = m.end()
    return Block(kind, n, section, start, end,
                 clean(raw, clean_start, end, page_header=title), header)


def _section_for(pos: int, kind: str, sections: list[Section], settings: Settings) -> str:
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
