"""The text toolkit every stage shares: markup cleaning with offsets, the one sentence splitter,
the one sources-tail parser and the one date-header parser.

- ``clean`` removes the markup of markdown-ish text ("**", "[Name](#)" kept as "Name",
  "*al-Naba*", the escapes "\\$", "\\(", "\\)"), drops page-header lines and stray "-" lines,
  and folds white space; every character of the result keeps the offset of the character it came
  from (``CleanText.raw_span``), so a span found in cleaned text maps back to the source text.
- ``split_sentences`` cuts at ". ", "! ", "? " (and closing quotes or brackets) before a capital,
  a digit or an opening quote, unless the period closes an abbreviation ("U.N.", "Dr.", "a.m.").
- ``sources_start`` finds the outlet list that ends an entry ("Sources: Defense Post, Reuters")
  or a paragraph ("(Sources: ...)").
- ``match_date_header`` recognises the date an entry opens with, in every common written form
  ("**February 7, 2025:**", "January 12:", "18 Jan 2012:", "2012-03-10 -", "March 3, 2013 —",
  "Oct. 12, 2000 The bombing ...", "2017: 22 March"), and says where its body starts. What the
  date means (its range and precision) is decided in ``pipeline.fields.dates``.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass

# --- markup --------------------------------------------------------------------------------------

# Markup tokens removed from cleaned text. Single "*" pairs are italics ("*al-Naba*"). Escapes are
# the backslash escapes a markdown converter writes ("\$150,000", "\(AQIM\)"). A blog's photo
# caption shortcode ("[caption id=...]The El-Tur bombing ...[/caption]") goes whole.
# A link's text and target hold no "[" (and are matched possessively): each character is then
# scanned by at most one link attempt, so a line of "[" or "[a](" runs takes linear time (it took
# 12 s for 10,000 "[" when a link's text could run over other "[" to the line's end). No link
# of the corpus has one; "[a [b](#)" now keeps "[a " and reads the link "[b](#)".
_MARKUP = re.compile(
    r"(?P<shortcode>\[caption\b[^\]\n]{0,300}\][^\[\n]{0,1000}\[/caption\])"
    r"|(?P<bold>\*\*)"
    r"|(?P<link>\[(?:[^\[\]\\]|\\.)*+\]\([^)\s\[]*+\))"
    r"|(?P<escape>\\[$()\[\]*_#.-])"
    r"|(?P<italic>(?<![*\w])\*(?=[^\s*])(?:[^*\n])+?(?<=[^\s*])\*(?![*\w]))"
)
_SPACE = re.compile(r"\s+")
# A list item's marker at the start of a line, after optional spaces: "- " (the Mali report's 193,
# some with a leading space: " - **September 10, 2020:** ..."), "* ", "• ", "– ", "— ", "-- ",
# "_June 18:" (an underscore glued to a capital), numbers "10. " and "#10: ".
BULLET = re.compile(
    r"^[ \t]*(?:(?:--?|[*•●▪◦‣·–—])[ \t]+|_(?=[A-Z0-9])|#\d{1,3}:[ \t]*|\d{1,3}\.[ \t]+)",
    re.MULTILINE,
)
# Lines holding only "-": a PDF converter's leftover list markers. The line may end in the
# carriage return of a Windows (CRLF) file, whose lines are split at "\n" only: without "\r?" the
# Mali report saved with CRLF kept a page-break dash in 5 of its 193 entries.
STRAY_DASH = re.compile(r"^[ \t]*-[ \t]*\r?$")


@dataclass(frozen=True)
class CleanText:
    """Cleaned text and, for every character, the offset of the source character it came from.

    >>> t = clean("**Feb 7:** [Reuters](#)", 0)
    >>> t.text, t.raw_span(7, 14)
    ('Feb 7: Reuters', (12, 19))
    """

    text: str
    offsets: array

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to a span of the source text (``end`` exclusive)."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.offsets[-1] + 1
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def slice(self, start: int, end: int) -> CleanText:
        """The part ``[start:end]`` of this text, its offsets kept.

        >>> clean("a **b** c", 0).slice(2, 5).raw_span(0, 1)
        (4, 5)
        """
        return CleanText(self.text[start:end], array("l", self.offsets[start:end]))


def clean(raw: str, start: int, end: int | None = None, *, page_header: str | None = None,
          markers: bool = False) -> CleanText:
    """Clean ``raw[start:end]``: drop page headers and stray dashes, markup, fold white space;
    with ``markers``, also the list markers that open its lines after the first (an entry's
    sub-bullets: "Jan. 9 / • As police track the two suspects ...").

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
        dropped = STRAY_DASH.match(line) or (
            page_header is not None and line.strip() == page_header
        )
        if not dropped:
            begin = line_start
            if markers and line_start > start:
                marker = BULLET.match(raw, line_start, line_end)
                begin = marker.end() if marker else line_start
            _emit_markup_free(raw, begin, line_end, chars, pos)
        if nl < 0:
            break
        chars.append(" ")
        pos.append(nl)
        line_start = nl + 1
    return _fold_space("".join(chars), pos)


def _emit_markup_free(raw: str, start: int, end: int, chars: list[str], pos: array) -> None:
    """Append the characters of ``raw[start:end]`` without markup, with their offsets."""
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


# --- spans ---------------------------------------------------------------------------------------


class SpanSet:
    """Spans (start, end) asked whether they cover a position or overlap a range, each question in
    logarithmic time: asking every span of a list took time quadratic in a report's entries.
    The answers are those of ``any(s <= pos < e ...)`` and ``any(start < e and s < end ...)``.

    >>> spans = SpanSet([(10, 20), (2, 5), (4, 8)])
    >>> [p for p in range(22) if spans.covers(p)] == [2, 3, 4, 5, 6, 7] + list(range(10, 20))
    True
    >>> spans.overlaps(8, 10), spans.overlaps(7, 9), spans.overlaps(19, 30)
    (False, True, True)
    """

    def __init__(self, spans=()) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end: list[int] = []
        top = None
        for _, e in ordered:
            top = e if top is None else max(top, e)
            self.max_end.append(top)

    def covers(self, pos: int) -> bool:
        k = bisect.bisect_right(self.starts, pos)
        return k > 0 and self.max_end[k - 1] > pos

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)
        return k > 0 and self.max_end[k - 1] > start


class LastWords:
    """An end-anchored pattern ("...$") whose match begins with a word of at most ``head``
    characters that ends one of the last ``words`` words of the text it is searched in ("with a
    car bomb"): searched from just before the first of those words ends, not tried at every
    character of a long window. The answers are ``pattern.search``'s: ``str.rsplit`` and the
    pattern's ``\\s`` know the same white space."""

    def __init__(self, pattern: re.Pattern, words: int, head: int) -> None:
        self.pattern = pattern
        self.words = words
        self.head = head

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        pos = max(0, pos)
        end = len(text) if endpos is None else min(endpos, len(text))
        window = text[pos:end]
        tokens = window.rsplit(None, self.words)
        skip = 0
        if len(tokens) > self.words:
            skip = len(tokens[0])
            tokens = tokens[1:]
        if not tokens:
            return None
        first_start = len(window) - len(window[skip:].lstrip())
        first_end = first_start + len(tokens[0])
        return self.pattern.search(text, pos + max(first_start, first_end - self.head), end)


def rstrip_end(text: str, end: int) -> int:
    """``len(text[:end].rstrip())`` without copying the text.

    >>> rstrip_end("ab  \\n cd", 5)
    2
    """
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# --- sentences -----------------------------------------------------------------------------------

# A sentence ends at . ! ? and the closing quotes or brackets after it, before white space and a
# capital, a digit or an opening quote or bracket.
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")
# ... unless the period closes an abbreviation: "U.N. Security Council", "Dr. Mahamadou Diawara",
# "the U.S. federal court", "9 a.m. Monday", "on Jan. 21".
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Dr|Mr|Mrs|Ms|St|Gen|Col|Lt|Sgt|No|Jr|vs|a\.m|p\.m"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$"
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as (start, end) offsets: each ends after its
    punctuation (a closing quote after it belongs to no sentence), trailing space left out.

    >>> t = "A U.N. convoy strikes an IED. Two die."
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['A U.N. convoy strikes an IED.', 'Two die.']
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cut = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.start() + 1
        if _ABBREVIATION.search(text, max(cut, stop - 12), stop):
            continue
        spans.append((cut, stop))
        cut = m.end()
    if text[cut:end].strip():
        spans.append((cut, len(text[:end].rstrip())))
    return spans


def sentence_at(spans: list[tuple[int, int]], pos: int) -> int:
    """The index of the sentence holding ``pos`` (the last one for a position after them all).

    >>> sentence_at([(0, 5), (6, 10)], 7)
    1
    """
    for i, (start, end) in enumerate(spans):
        if start <= pos < end:
            return i
    return len(spans) - 1


# --- sources -------------------------------------------------------------------------------------

# The label of the outlet list that ends an entry ("Source: Reuters", "Sources: Defense Post,
# France 24") or a prose paragraph ("(Sources: ...)").
SOURCES_LABEL = re.compile(r"\bSources?:")


def source_lists(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Every outlet list of ``text[start:end]``: from its label to the closing parenthesis of a
    prose citation, or to the end (outlet names are never dates or places: "France 24").

    >>> t = "On May 2 (Sources: France 24) gunmen attacked. Sources: News 24"
    >>> [t[s:e] for s, e in source_lists(t)]
    ['Sources: France 24', 'Sources: News 24']
    """
    end = len(text) if end is None else end
    spans = []
    for m in SOURCES_LABEL.finditer(text, start, end):
        close = text.find(")", m.end(), end)
        spans.append((m.start(), end if close < 0 else close))
    return spans


def sources_start(text: str, start: int = 0) -> int | None:
    """Where the last outlet list of ``text[start:]`` begins (its "(" when it has one), or None.

    >>> t = "kills 5. (Sources: CNN)"
    >>> t[sources_start(t):]
    '(Sources: CNN)'
    """
    last = None
    for m in SOURCES_LABEL.finditer(text, start):
        last = m
    if last is None:
        return None
    return last.start() - 1 if last.start() > start and text[last.start() - 1] == "(" else last.start()


def ends_sentence(line: str) -> bool:
    """Whether a line of text ends where a sentence ends: the text before a page break or a blank
    line is complete there ("... killing at least 26." but not "... Money Laundering in").

    >>> ends_sentence("killing at least 26."), ends_sentence("Sources: [Reuters](#)"), ends_sentence("Laundering in")
    (True, True, False)
    """
    return bool(_LINE_END.search(line.rstrip()))


_LINE_END = re.compile(r"""[.!?]["”’')\]]*$|\)$""")


# --- dates at the head of an entry ---------------------------------------------------------------

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
# Month names and their abbreviations, any case ("MAY 21, 2012", "Sept. 17", "Jan 7-9").
MONTH = (
    r"(?:(?i:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)|(?i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:(?i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?,?\s+)"
_PART = r"(?:(?i:early|mid|late)-?\s*)"
# One date as an entry opens with it. Day ranges inside a month ("Jan 7-9, 2015", "December 24-31,
# 1999", "14-15 April") and ranges of two dates ("July 25, 2024 - July 27, 2024") are one date here.
_ONE = (
    rf"(?:{_WEEKDAY}?{_PART}?{MONTH}(?![a-z])\s*(?:{DAY}(?:\s*[-–]\s*{DAY})?(?!\d)(?!:\d)(?:,?\s+{YEAR})?"
    rf"|,?\s+{YEAR})"
    rf"|{_WEEKDAY}?{DAY}(?:\s*[-–]\s*{DAY})?[\s-]+{MONTH}(?![a-z])(?:,?\s+{YEAR})?"
    rf"|{YEAR}-[01]\d-[0-3]\d"
    rf"|{_PART}{YEAR}"
    rf"|{MONTH}(?![a-z]))"
)
DATE_EXPR = rf"{_ONE}(?:\s*[-–]\s*{_ONE})?"
# A lone year is a header only with a separator after it ("- 2002: ...").
_LONE_YEAR = rf"{YEAR}"
# "2017: 22 March": the year first, then the day.
_YEAR_FIRST = rf"{YEAR}\s*:\s*{DAY}\s+{MONTH}(?![a-z])"
# What separates a header date from the entry's body: a colon, a dash or an em dash, a double
# hyphen, a full stop after a month-day ("Jan 12. –"); with optional place words between
# ("Month D – City").
_SEPARATOR = r"\s*(?:\.\s*)?(?::|--?|–|—)\s*|\.\s+"
_BOLD_HEADER = re.compile(r"\*\*(?P<date>[^*\n]*?)\s*:\s*\*\*")
_HEADER = re.compile(
    rf"(?P<date>{_YEAR_FIRST}|{DATE_EXPR}|{_LONE_YEAR})"
    rf"(?P<sep>{_SEPARATOR}|,\s+(?=[a-z])|\s+(?=[A-Za-z0-9\"“'‘])|\s*$)"
)


# A date anywhere in a text, for telling dated blocks from undated ones (not for reading it).
# Every date starts with a letter or a digit: the lookahead turns away the other characters
# before the alternatives are tried (a run of "\\" or "—" took 7 times as long as prose).
DATE_SEARCH = re.compile(
    rf"(?<![A-Za-z0-9/])(?=[A-Za-z0-9])(?:{DATE_EXPR}|{DAY}[-\s](?i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)"
)
# A block that opens with a dated clause: "On January 27, ...", "On 28 April 2019, ...", "On the
# evening of Friday, 11 October 2019 ...", "In March 2013, ...", "Early on 3 May, ...".
DATED_CLAUSE = re.compile(
    rf"(?:(?:Early|Late)\s+)?(?:On|In|During|Between|From)\s+(?:the\s+\w+\s+of\s+)?"
    rf"(?:{_WEEKDAY})?(?:{DATE_EXPR})"
)


@dataclass(frozen=True)
class DateHeader:
    """The date an entry opens with: the date's words and where the body starts (offsets)."""

    date_start: int
    date_end: int
    body_start: int
    bold: bool = False
    separator: str = ""

    def date_text(self, text: str) -> str:
        return text[self.date_start : self.date_end]


def body_span(text: str, header: str | None = None) -> tuple[int, int]:
    """Where the narrative of an entry's cleaned text lies: after its date header (``header``,
    the header's words, when the text opens with them; else a date header found at the start),
    before its last outlet list.

    >>> t = "May 3, 2017: A U.N. base is hit by rocket fire. Sources: Associated Press"
    >>> s, e = body_span(t); t[s:e]
    'A U.N. base is hit by rocket fire. '
    """
    start = 0
    if header is None:
        found = match_date_header(text)
        if found is not None and found.separator not in ("", "end"):
            header = text[found.date_start : found.date_end]
    if header and text.startswith(header):
        m = re.match(r"\s*[:.\-–—]*\s*", text[len(header):])
        start = len(header) + (m.end() if m else 0)
    tail = sources_start(text, start)
    return start, len(text) if tail is None else tail


def search_date_header(text: str, limit: int = 80) -> DateHeader | None:
    """A date near the head of an entry that a place or a name comes before, followed by a
    separator: "Fort Lauderdale, Florida, January 6, 2017: ...", "Sultanahmet, Istanbul – ...".

    >>> t = "Orlando, June 12, 2016: A gunman killed 49."
    >>> h = search_date_header(t); t[h.date_start:h.date_end], t[h.body_start:]
    ('June 12, 2016', 'A gunman killed 49.')
    """
    found = match_date_header(text)
    if found is not None:
        return found
    for m in DATE_SEARCH.finditer(text, 0, limit):
        if m.start() and text[m.start() - 1] not in " \t,(":
            continue
        found = match_date_header(text, m.start())
        if found is not None and found.separator in (":", "-", "--", "–", "—", ". –", ". -"):
            return found
    return None


def match_bold_header(text: str, pos: int = 0) -> DateHeader | None:
    """A bold date header "**February 7, 2025:**" at ``pos`` (the Mali report's bullets).

    The empty header "**- :**" is matched too; its date text is "-".

    >>> h = match_bold_header("**May 2, 2017:** Gunmen attack.")
    >>> h.date_text("**May 2, 2017:** Gunmen attack."), h.body_start
    ('May 2, 2017', 16)
    """
    m = _BOLD_HEADER.match(text, pos)
    if not m:
        return None
    raw = m.group("date")
    start = m.start("date") + (len(raw) - len(raw.lstrip()))
    return DateHeader(start, m.start("date") + len(raw.rstrip()), m.end(), bold=True, separator=":")


def match_date_header(text: str, pos: int = 0) -> DateHeader | None:
    """The date an entry's text opens with at ``pos``, in any common written form, or None.

    A date with no separator after it counts only when it has a year and a capitalised word
    follows ("Oct. 12, 2000 The bombing of the USS Cole ..."), or when it is all the text holds
    (a date line: "Feb 7", "Saturday August 6", "Early 2006"); a lone year needs a separator
    ("2002: ..."), so "2015 was a year of ..." is not a header.

    >>> t = "18 Jan 2012: Two soldiers die."
    >>> h = match_date_header(t); t[h.date_start:h.date_end], t[h.body_start:]
    ('18 Jan 2012', 'Two soldiers die.')
    >>> match_date_header("May 2015 saw attacks") is None
    True
    """
    bold = match_bold_header(text, pos)
    if bold is not None:
        return bold
    m = _HEADER.match(text, pos)
    if not m:
        return None
    date = m.group("date")
    sep = m.group("sep").strip()
    alone = m.end() == len(text)
    has_year = bool(re.search(YEAR + r"\b", date)) and not re.fullmatch(YEAR, date)
    if alone and not sep:
        sep = "end"
    elif not sep and not has_year:
        return None
    elif not sep and text[m.end()].islower() and not re.search(rf"\d(?:st|nd|rd|th)?\s+{MONTH}|{MONTH}\.?\s+\d{{1,2}}(?!\d)", date):
        # "11th July 2010 security forces killed ...": a lower-case word right after a date with
        # no separator, only when the date has its day ("May 2015 saw" is a sentence).
        return None
    if re.fullmatch(YEAR, date) and sep not in (":", "-", "--", "–", "—", "end"):
        return None
    # "March 2, six Islamists ... are killed": a comma, then the sentence goes on in lower case;
    # only a date with a day opens an entry so ("May, 2017" and "2015, the year" do not).
    if sep == "," and not re.search(r"\d", date.replace(re.search(YEAR, date).group(), "")
                                     if re.search(YEAR, date) else date):
        return None
    # A bare month ("May: ...") is a header only with a colon.
    if re.fullmatch(MONTH, date) and sep != ":":
        return None
    return DateHeader(m.start("date"), m.end("date"), m.end(), separator=sep)
