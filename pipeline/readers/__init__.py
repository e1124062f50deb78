"""Readers: one module per input format, each returning a ``SourceText``.

``read_source`` chooses the reader by the file's first bytes and then its suffix:

| what | reader |
|---|---|
| ``%PDF-`` at the start, or ``.pdf`` | ``pdf.read_pdf`` (pdfplumber) |
| an HTML document (``<!doctype html``, ``<html``, ``<body``), or ``.html``/``.htm`` | ``html.read_html`` (BeautifulSoup) |
| ``.txt``, ``.md``, ``.markdown``, ``.text``, or no suffix | ``plain.read_plain`` |
| anything else that decodes as text | ``plain.read_plain``, with a warning naming the suffix |

A zip container (.docx, .odt, .epub), an RTF document or binary data is refused in one line that
says what to do.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.io import ReportError
from pipeline.readers.base import SourceText
from pipeline.readers.decode import read_bytes
from pipeline.settings import Settings

PLAIN_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text", ""})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# What ``extract`` reads from a folder.
REPORT_SUFFIXES = PLAIN_SUFFIXES - {""} | HTML_SUFFIXES | {".pdf"}


def read_source(path: Path, settings: Settings | None = None) -> SourceText:
    """Read a report file in any supported format.

    >>> read_source(Path("raw/mali.txt")).format
    'text'
    """
    path = Path(path)
    data = read_bytes(path)
    suffix = path.suffix.lower()
    head = data[:1024].lstrip().lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise ReportError(f"{path}: is named .pdf but is not a PDF (it does not start with %PDF-)")
        from pipeline.readers.pdf import read_pdf

        return read_pdf(path, settings, data)
    if data.startswith(b"PK\x03\x04"):
        raise ReportError(
            f"{path}: is a zip container (a .docx, .odt or .epub document?): save it as .txt, "
            ".html or .pdf"
        )
    if head.startswith(b"{\\rtf"):
        raise ReportError(f"{path}: is an RTF document: save it as .txt, .html or .pdf")
    if suffix in HTML_SUFFIXES or _looks_like_html(head):
        from pipeline.readers.html import read_html

        source = read_html(path, data)
        if suffix not in HTML_SUFFIXES:
            source.warnings.append(f"the file is named {suffix or 'without a suffix'} but holds "
                                   "an HTML page: read as HTML")
        return source
    from pipeline.readers.plain import read_plain

    fmt = "markdown" if suffix in (".md", ".markdown") else "text"
    source = read_plain(path, settings, data, fmt)
    if suffix not in PLAIN_SUFFIXES:
        source.warnings.append(f"unknown file type {suffix}: read as plain text")
    return source


def _looks_like_html(head: bytes) -> bool:
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head
