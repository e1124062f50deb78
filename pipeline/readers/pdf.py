"""PDF files: the text layer read by pdfplumber, laid out again as markdown-ish blocks.

What is read, and why:

- words with their font and position (pdfplumber, on pdfminer.six); a PDF without a text layer
  (a scan) is refused with "no text layer: run OCR first", an encrypted one with what to do;
- page headers and footers are dropped: lines in the top or bottom band of the page whose text
  (digits ignored) repeats on at least half the pages, and lone page numbers ("12", "Page 3",
  "3 of 40") there;
- lines are grouped into blocks by geometry: a line starting with a bullet glyph starts a list
  item and the lines indented under it continue it, across a page break too; a larger font, or
  a short line all in bold standing apart, is a heading; a vertical gap larger than the line
  spacing ends a paragraph, and a paragraph cut by a page break mid-sentence continues;
- bold words become ``**bold**`` and words under a link annotation ``[words](uri)``, so the
  "**February 7, 2025:**" header and the "Sources: [Reuters](#)" links of a report read alike in
  every format (the first ``MAX_PAGE_LINKS`` annotations of a page: a real page has dozens);
- a file the PDF libraries fail on in any way (cut off, damaged, encrypted) is refused in one
  line naming it; a PDF with more pages than ``Settings.max_pdf_pages`` is read up to that
  limit, with a warning.

Record offsets index the derived text; the origin map gives each block's page number.
"""

from __future__ import annotations

import hashlib
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipeline.io import ReportError
from pipeline.readers.base import Metadata, SourceText
from pipeline.readers.builder import TextBuilder
from pipeline.readers.decode import read_bytes
from pipeline.settings import Settings
from pipeline.text import ends_sentence

# Bullet glyphs a PDF list item starts with; a glyph the font does not map to Unicode comes out
# as "(cid:127)" (a standard-encoding bullet).
_BULLETS = frozenset("•●▪■◦‣–-*·")
_CID = re.compile(r"\(cid:\d+\)")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# The top and bottom share of a page where headers and footers stand.
_MARGIN_BAND = 0.1


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    link: int | None = None  # index of the link annotation the word stands under
    uri: str = "#"


@dataclass
class _Line:
    words: list[_Word]
    page: int
    top: float
    bottom: float
    x0: float
    size: float

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def read_pdf(path: Path, settings: Settings | None = None, data: bytes | None = None) -> SourceText:
    """Read a PDF report's text layer.

    >>> src = read_pdf(Path("tests/fixtures/mali.pdf"))
    >>> src.title, sum(b.kind == "list_item" for b in src.blocks)
    ('Mali: Extremism and Terrorism', 193)
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    settings = settings or Settings()
    path = Path(path)
    data = read_bytes(path) if data is None else data
    warnings: list[str] = []
    # pdfminer logs every oddity of a broken file; the reader reports what matters itself.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        import io

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > settings.max_pdf_pages:
                warnings.append(
                    f"the PDF has {len(pages):,} pages: only the first "
                    f"{settings.max_pdf_pages:,} were read"
                )
                pages = pages[: settings.max_pdf_pages]
            lines, sizes = _read_pages(pages)
            info = pdf.metadata or {}
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReportError(f"{path}: is an encrypted PDF: save an unencrypted copy first") from e
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, IndexError,
            OverflowError, RecursionError, AssertionError, EOFError) as e:
        raise ReportError(f"{path}: is not a PDF that can be read (a broken or cut-off file)") from e
    except Exception as e:
        # pdfplumber wraps pdfminer's errors in its own exception class (an encrypted file's
        # PDFPasswordIncorrect too), and a damaged file makes pdfminer itself fail in many
        # ways ("'PSKeyword' object has no attribute 'decode'", zlib.error): any exception
        # raised inside the PDF libraries is the file's fault, one raised in this module a bug.
        if _encrypted(e):
            raise ReportError(f"{path}: is an encrypted PDF: save an unencrypted copy first") from e
        if type(e).__module__.split(".")[0] in _PDF_LIBRARIES or _raised_in_library(e):
            raise ReportError(f"{path}: is not a PDF that can be read (a broken or cut-off file)") from e
        raise
    if not any(line.words for line in lines):
        raise ReportError(f"{path}: the PDF has no text layer (a scan?): run OCR first")
    lines = _drop_margins(lines)
    builder = TextBuilder()
    _blocks(lines, sizes, builder)
    title = info.get("Title") if isinstance(info.get("Title"), str) else None
    meta = Metadata(title=title or builder.title)
    return builder.source(path, hashlib.sha256(data).hexdigest(), "pdf", meta, warnings,
                          unit="page")


_PDF_LIBRARIES = ("pdfminer", "pdfplumber", "pypdfium2")


def _encrypted(error: BaseException) -> bool:
    """Whether ``error`` is, wraps or was caused by pdfminer's encryption errors."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: set[int] = set()
    todo = [error]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        todo.extend(x for x in (*e.args, e.__cause__, e.__context__) if isinstance(x, BaseException))
    return False


def _raised_in_library(error: BaseException) -> bool:
    """Whether the innermost Python frame of ``error``'s traceback is a PDF library's."""
    tb = error.__traceback__
    module = None
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        tb = tb.tb_next
    return module is not None and module.split(".")[0] in _PDF_LIBRARIES


# The link annotations read on one page: each word is looked up in them, so a page with
# thousands (a crafted file) would take words x links steps. A real page has a few dozen.
MAX_PAGE_LINKS = 500


def _read_pages(pages) -> tuple[list[_Line], list[float]]:
    lines: list[_Line] = []
    sizes: list[float] = []
    for number, page in enumerate(pages, start=1):
        links = [(h["x0"], h["top"], h["x1"], h["bottom"], h.get("uri") or "#")
                 for h in page.hyperlinks[:MAX_PAGE_LINKS]]
        words = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=True)
        height = float(page.height) or 1.0
        for w in words:
            cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
            link = next((k for k, (x0, top, x1, bottom, _) in enumerate(links)
                         if x0 <= cx <= x1 and top <= cy <= bottom), None)
            word = _Word(w["text"], w["x0"], w["x1"], w["top"] / height, w["bottom"] / height,
                         round(float(w["size"]), 1), "bold" in str(w["fontname"]).lower(),
                         None if link is None else number * 100_000 + link,
                         links[link][4] if link is not None else "#")
            sizes.append(word.size)
            if lines and lines[-1].page == number and abs(lines[-1].top - word.top) < 0.004 \
                    and word.x0 >= lines[-1].words[-1].x0:
                lines[-1].words.append(word)
                lines[-1].bottom = max(lines[-1].bottom, word.bottom)
            else:
                lines.append(_Line([word], number, word.top, word.bottom, word.x0, word.size))
        if not words:
            lines.append(_Line([], number, 0.0, 0.0, 0.0, 0.0))
    return lines, sizes


def _drop_margins(lines: list[_Line]) -> list[_Line]:
    """The lines without page headers, footers and page numbers."""
    pages = {line.page for line in lines}
    in_band = [line for line in lines
               if line.words and (line.top < _MARGIN_BAND or line.bottom > 1 - _MARGIN_BAND)]
    shapes = Counter(_shape(line) for line in in_band)
    repeated = {shape for shape, count in shapes.items()
                if len(pages) > 1 and count >= max(2, len(pages) / 2)}
    kept = []
    for line in lines:
        if not line.words:
            continue
        band = line.top < _MARGIN_BAND or line.bottom > 1 - _MARGIN_BAND
        if band and (_shape(line) in repeated or _PAGE_NUMBER.match(line.text)):
            continue
        kept.append(line)
    return kept


def _shape(line: _Line) -> tuple[str, bool, float]:
    """What a running header or footer repeats: its words (page numbers aside), its band and its
    font size (the title on the first page is the same words as the header, in a larger font)."""
    return _DIGITS.sub("#", line.text), line.top < _MARGIN_BAND, line.size


def _markup(words: list[_Word]) -> str:
    """The words of a line with bold runs as ``**...**`` and link runs as ``[...](uri)``."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w.link is not None:
            j = i
            while j < len(words) and words[j].link == w.link:
                j += 1
            # Punctuation after a link ("Reuters)," of "(Sources: ... Reuters),") is printed
            # beside the link, not in it: it stays outside the brackets.
            names = " ".join(x.text for x in words[i:j])
            trail = re.search(r"[,.;:)\]]+$", names)
            tail = trail.group() if trail else ""
            names = names[: len(names) - len(tail)]
            out.append(f"[{names}]({w.uri}){tail}")
            i = j
            continue
        if w.bold:
            j = i
            while j < len(words) and words[j].bold and words[j].link is None:
                j += 1
            out.append("**" + " ".join(x.text for x in words[i:j]) + "**")
            i = j
            continue
        out.append(w.text)
        i += 1
    return " ".join(out)


# A link the line wrap cut in two: "[Voice of](u)" ending one line and "[America](u)" opening
# the next, with nothing between (two outlets are separated by a comma).
# No "[" inside a part's name or target, and possessive runs: each character is scanned by one
# attempt at most, so a line of "[a](" runs takes linear time.
_WRAPPED_LINK = re.compile(r"\[([^\[\]\n]++)\]\(([^)\s\[]++)\)\n\[([^\[\]\n]++)\]\(\2\)")


def _join_wrapped_links(text: str) -> str:
    """One link for the parts of a link cut by a line wrap.

    >>> _join_wrapped_links("Sources: [Voice of](#)\\n[America](#), [Reuters](#)")
    'Sources: [Voice of America](#), [Reuters](#)'
    >>> _join_wrapped_links("[Reuters](#),\\n[AP](#)")
    '[Reuters](#),\\n[AP](#)'
    """
    while True:
        joined = _WRAPPED_LINK.sub(r"[\1 \3](\2)", text)
        if joined == text:
            return text
        text = joined


def _blocks(lines: list[_Line], sizes: list[float], builder: TextBuilder) -> None:
    """Group lines into title, headings, list items and paragraphs, in reading order."""
    body = statistics.mode(sizes) if sizes else 0.0
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.top]
    spacing = statistics.median(gaps) if gaps else 0.01
    margin = min((line.x0 for line in lines), default=0.0)
    kind: str | None = None
    parts: list[str] = []
    page = 1
    indent = margin
    title_done = False

    def flush() -> None:
        nonlocal kind, parts
        if kind is not None and parts:
            builder.add(kind, _join_wrapped_links("\n".join(parts)), page=page, origin=page)
        kind, parts = None, []

    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        text = line.text
        first = line.words[0].text
        glyph = first in _BULLETS or bool(_CID.fullmatch(first))
        bullet = glyph or (len(first) > 1 and first[0] in "•●▪■")
        larger = body and line.size > body * 1.15
        all_bold = all(w.bold for w in line.words) and len(line.words) <= 12
        new_page = prev is not None and prev.page != line.page
        gap = (line.top - prev.bottom) if prev is not None and not new_page else 0.0
        apart = prev is None or new_page or gap > spacing * 1.8
        if larger and not title_done:
            flush()
            builder.add("title", line.text, page=line.page, origin=line.page)
            title_done = True
            continue
        if larger or (all_bold and apart and not bullet and not (ends_sentence(text) or text.endswith(":"))
                      and kind != "list_item"):
            flush()
            builder.add("heading", line.text, page=line.page, origin=line.page)
            continue
        if bullet:
            flush()
            kind, page = "list_item", line.page
            words = line.words[1:] if glyph else line.words
            indent = words[0].x0 if words else line.x0
            parts = [_markup(words)] if words else []
            continue
        if kind == "list_item" and abs(line.x0 - indent) < 0.02 * 612 and (not apart or new_page):
            parts.append(_markup(line.words))
            continue
        if kind == "paragraph" and (not apart or (new_page and parts
                                                  and not ends_sentence(parts[-1]))):
            parts.append(_markup(line.words))
            continue
        flush()
        kind, page = "paragraph", line.page
        parts = [_markup(line.words)]
    flush()
