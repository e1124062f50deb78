"""Plain text and markdown: the file decoded, its lines classified, grouped into blocks.

The reports are often PDFs turned into markdown-ish text. What this reader recognises, and why:

- a stored copy's first line ``# source: <URL>  publisher: <name>  retrieved: ...`` is metadata,
  not report text;
- the title is the first other non-empty line; where the title repeats on a line of its own it is
  the page header of a PDF's page break ("Mali: Extremism and Terrorism"): such lines, and lines
  holding only "-" (leftover list markers), count as blank, and text split by them is joined
  again (a bullet continues after the header: "killing at least 26.\\n\\nMali: Extremism and
  Terrorism\\n\\nSource: [Africa News](#)");
- a heading is a short title line standing alone between blank lines;
- a list item starts with a bullet ("- ") and runs over line breaks and page breaks to the next
  bullet, heading, or a blank line after which no continuation follows; a paragraph runs to its
  next blank line, joined over a page header when the text before it stops mid-sentence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from pipeline.io import ReportError
from pipeline.readers.base import Line, Metadata, OriginMap, SourceText, TextBlock
from pipeline.readers.decode import decode_text, normalise_line_breaks, read_bytes
from pipeline.settings import Settings
from pipeline.text import BULLET, STRAY_DASH, ends_sentence, match_date_header

# A stored copy's source line: "# source: https://...  publisher: Reuters  retrieved: stored copy".
_SOURCE_LINE = re.compile(
    r"^#\s*source:\s*(?P<url>\S+)(?:\s+publisher:\s*(?P<publisher>.*?))?(?:\s+retrieved:.*)?\s*$"
)
# Lines that stand where nothing of the report is: they separate blocks like blank lines.
_BLANK = frozenset({"blank", "page_header", "stray", "metadata", "title", "noise"})
# Web page debris on a line of its own: never report text.
_NOISE = re.compile(
    r"^\s*(?:advertisement|read more|read more »|skip to (?:main )?content|subscribe|share"
    r"|share this article|follow us|follow and subscribe!?|source link|click here to view the original\.?|\[\s*(?:\.\.\.|…)\s*\])\s*$",
    re.IGNORECASE,
)
# A first line longer than this, or one that opens with a dated entry, is text, not a title.
_TITLE_MAX_CHARS = 200
# A date in a URL path: "/2011/06/18/", "/2009/12/30/", or a story id ending "...20090819".
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/([01]\d)/([0-3]\d)/|(?<=\D)((?:19|20)\d\d)([01]\d)([0-3]\d)(?=\D|$)")
_URL_YEAR = re.compile(r"(?<![\d])((?:19|20)\d\d)(?![\d])")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/([01]\d)/")


def read_plain(path: Path, settings: Settings | None = None, data: bytes | None = None,
               fmt: str = "text") -> SourceText:
    """Read a plain-text or markdown report.

    >>> src = read_plain(Path("raw/mali.txt"))
    >>> src.title, src.page_header == src.title, sum(b.kind == "list_item" for b in src.blocks)
    ('Mali: Extremism and Terrorism', True, 193)
    """
    path = Path(path)
    data = read_bytes(path) if data is None else data
    warnings: list[str] = []
    text = decode_text(path, data, warnings)
    if not text.strip():
        what = "is empty" if not text else "holds only white space"
        raise ReportError(f"{path}: the file {what}: there is no report text to extract")
    text = normalise_line_breaks(text, warnings)
    return source_from_text(text, path, hashlib.sha256(data).hexdigest(), fmt, settings, warnings)


def source_from_text(text: str, path: Path, sha256: str, fmt: str = "text",
                     settings: Settings | None = None, warnings: list[str] | None = None,
                     metadata: Metadata | None = None, pages: list[int] | None = None,
                     **extra) -> SourceText:
    """A ``SourceText`` of markdown-ish text: lines classified and grouped into blocks.

    ``pages`` gives the page of every line when the text came from a paged document.

    >>> src = source_from_text("Title\\n\\nIntro text.\\n\\n- **May 2, 2017:** Gunmen attack Gao.",
    ...                        Path("demo.txt"), "0")
    >>> [b.kind for b in src.blocks]
    ['paragraph', 'list_item']
    """
    settings = settings or Settings()
    spans = _line_spans(text)
    meta_line = _metadata_line(text, spans)
    meta = metadata or Metadata()
    if meta_line is not None:
        meta = _metadata(text[spans[meta_line][0] : spans[meta_line][1]], meta)
    title_line = _title_line(text, spans, meta_line)
    title = None
    if title_line is not None:
        first = text[spans[title_line][0] : spans[title_line][1]]
        # A text that starts with its first bullet has no title line.
        title = None if BULLET.match(first) else first.strip()
    header = title if extra.get("page_header", "unset") == "unset" else extra["page_header"]
    kinds = _classify(text, spans, meta_line, title_line, header, settings)
    lines = tuple(
        Line(s, e, kinds[k], pages[k] if pages else None) for k, (s, e) in enumerate(spans)
    )
    blocks = _blocks(text, lines)
    return SourceText(
        path=path, slug=path.stem, sha256=sha256, format=fmt, text=text, lines=lines,
        blocks=tuple(blocks), title=extra.get("title", title), page_header=header,
        metadata=meta, origin=extra.get("origin") or OriginMap(), warnings=warnings or [],
    )


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Every line as (start, end), end excluding the newline."""
    out = []
    start = 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _metadata_line(text: str, spans) -> int | None:
    for k, (s, e) in enumerate(spans):
        line = text[s:e]
        if line.strip():
            return k if _SOURCE_LINE.match(line.strip()) else None
    return None


def _metadata(line: str, meta: Metadata) -> Metadata:
    """The URL, publisher and publication date of a stored copy's source line.

    >>> _metadata("# source: https://x.com/news/2011/06/18/a  publisher: AP  retrieved: stored copy",
    ...           Metadata()).published
    datetime.date(2011, 6, 18)
    """
    m = _SOURCE_LINE.match(line.strip())
    url = m.group("url")
    published = meta.published
    found = _URL_DATE.search(url)
    if found and published is None:
        parts = [int(p) for p in found.groups() if p is not None]
        try:
            published = dt.date(*parts)
        except ValueError:
            published = None
    years = set(_URL_YEAR.findall(url.split("?")[0]))
    url_year = int(years.pop()) if len(years) == 1 else None
    month = _URL_MONTH.search(url.split("?")[0])
    url_month = None
    if month and 1 <= int(month.group(2)) <= 12:
        url_month = (int(month.group(1)), int(month.group(2)))
    publisher = (m.group("publisher") or "").strip() or meta.publisher
    return Metadata(url=url, publisher=publisher, title=meta.title, published=published,
                    url_year=url_year, url_month=url_month)


def _title_line(text: str, spans, meta_line: int | None) -> int | None:
    """The first non-empty line, when it is short and does not open with a dated entry."""
    for k, (s, e) in enumerate(spans):
        line = text[s:e].strip()
        if k == meta_line or not line:
            continue
        header = match_date_header(line)
        if len(line) > _TITLE_MAX_CHARS or (header is not None and header.separator not in ("", "end")):
            return None
        return k
    return None


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
    if not text[0].isupper() or ends_sentence(text) or text.endswith((",", ":", ";")):
        return False
    return "(" not in text and "[" not in text and "**" not in text


def _classify(text, spans, meta_line, title_line, header, settings) -> list[str]:
    """The kind of every line: blank (page headers and stray dashes too), heading, bullet, text."""
    kinds: list[str] = []
    for k, (s, e) in enumerate(spans):
        line = text[s:e]
        if k == meta_line:
            kinds.append("metadata")
        elif k == title_line and header is not None:
            kinds.append("title")
        elif not line.strip():
            kinds.append("blank")
        elif header is not None and line.strip() == header and k != title_line:
            kinds.append("page_header")
        elif STRAY_DASH.match(line):
            kinds.append("stray")
        elif _NOISE.match(line):
            kinds.append("noise")
        elif BULLET.match(line):
            kinds.append("bullet")
        else:
            kinds.append("text")
    def is_blank(k: int) -> bool:
        return k < 0 or k >= len(kinds) or kinds[k] in _BLANK

    for k, (s, e) in enumerate(spans):
        if kinds[k] != "text" or k == title_line:
            continue
        if _is_heading(text[s:e], is_blank(k - 1), is_blank(k + 1), settings):
            # A heading is never the tail of a paragraph cut by a page break: the text before a
            # page header ends a sentence when a heading follows it.
            prev = k - 1
            while prev >= 0 and is_blank(prev):
                prev -= 1
            prev_text = text[spans[prev][0] : spans[prev][1]] if prev >= 0 else ""
            if prev < 0 or ends_sentence(prev_text) or k - 1 == title_line:
                kinds[k] = "heading"
    return kinds


def _blocks(text: str, lines: tuple[Line, ...]) -> list[TextBlock]:
    blocks: list[TextBlock] = []
    k = 0
    n = len(lines)
    while k < n:
        kind = lines[k].kind
        if kind == "heading":
            blocks.append(TextBlock("heading", k, k, lines[k].start, lines[k].end, lines[k].page))
            k += 1
            continue
        if kind == "bullet":
            end_k = bullet_end(text, lines, k)
            blocks.append(TextBlock("list_item", k, end_k, lines[k].start, lines[end_k].end,
                                    lines[k].page))
            k = end_k + 1
            continue
        if kind != "text":
            k += 1
            continue
        end_k = paragraph_end(text, lines, k)
        line_text = text[lines[k].start : lines[k].end]
        start = lines[k].start + (len(line_text) - len(line_text.lstrip()))
        blocks.append(TextBlock("paragraph", k, end_k, start, lines[end_k].end, lines[k].page))
        k = end_k + 1
    return blocks




def bullet_end(text: str, lines: tuple[Line, ...], k: int) -> int:
    """Last line of the list item starting at line ``k``.

    A list item continues over line breaks ("central Mali.\\nTuareg separatists ...") and over a
    page break: after a page header, text up to the next bullet belongs to it ("Source: [Africa
    News](#)"). It ends at the next bullet, a heading, or a blank line that no page header
    explains and after which no continuation follows.
    """
    last = k
    j = k + 1
    crossed_page = False
    while j < len(lines):
        kind = lines[j].kind
        if kind in ("bullet", "heading", "noise"):
            break
        if kind in _BLANK:
            if kind == "page_header":
                crossed_page = True
            j += 1
            continue
        # A text line after blank lines: a continuation only across a page break, or when the
        # item was cut mid-sentence.
        previous = text[lines[last].start : lines[last].end].rstrip()
        if j > last + 1 and not crossed_page and ends_sentence(previous):
            break
        last = j
        crossed_page = False
        j += 1
    return last


def paragraph_end(text: str, lines: tuple[Line, ...], k: int) -> int:
    """Last line of the paragraph starting at line ``k``: joined over a page header when the text
    before the header stops mid-sentence ("... Money Laundering in" / "West Africa (GIABA).")."""
    last = k
    j = k + 1
    while j < len(lines):
        kind = lines[j].kind
        if kind == "text" and j == last + 1:
            last = j
            j += 1
            continue
        if kind not in _BLANK or kind == "noise":
            break
        # Blank run: look past it for a page header and a mid-sentence cut.
        m = j
        saw_header = False
        while m < len(lines) and lines[m].kind in _BLANK:
            saw_header = saw_header or lines[m].kind == "page_header"
            m += 1
        previous = text[lines[last].start : lines[last].end].rstrip()
        if saw_header and m < len(lines) and lines[m].kind == "text" and not ends_sentence(previous):
            last = m
            j = m + 1
            continue
        break
    return last
