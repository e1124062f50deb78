"""Bytes to text: a report file's size bound and its decoding, with what was noticed on the way.

What a report may be, and why:

- at most ``MAX_REPORT_BYTES``: the size is checked before the bytes are read, so a 50 MB file
  or ``/dev/zero`` is refused in one line without filling memory;
- UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32 (with a byte-order mark, or UTF-16
  without one when every other byte is NUL, as Windows Notepad writes it), or a single-byte
  legacy encoding (Windows-1252, and Latin-1, which Windows-1252 reads the same for every
  printable letter).

Offsets in records are character offsets into the decoded text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from pipeline.io import ReportError

# The Mali report is 118 KB; 20 MB is 170 such reports in one file. benchmarks/bench.py shows
# memory and time growing linearly with size: peak RSS 333 MB for Mali, 586 MB for its timeline
# repeated 50 times (2.7 MB, 9,760 records): about 100 MB more per MB of report, and 24 ms of CPU
# per record. At this limit a run would need about 2.3 GB and half an hour: still within a laptop,
# and a larger file is far more likely a mistake (a log, a concatenation) than one report.
MAX_REPORT_BYTES = 20 * 1024 * 1024

# A decoded report with more control characters than this share (and more than
# ``_CONTROL_FLOOR`` of them) is binary data that happened to decode: real reports have none
# apart from line breaks, tabs and form feeds (pdftotext writes one per page).
_CONTROL_SHARE = 0.01
_CONTROL_FLOOR = 8
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

_LONE_CR = re.compile(r"\r(?!\n)")

# How many bytes to look at for the NUL pattern of UTF-16 without a byte-order mark.
_SNIFF_BYTES = 4096


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refused above ``MAX_REPORT_BYTES`` before they are read.

    The size is checked twice: ``stat`` refuses a large regular file without reading it, and the
    bounded read refuses what ``stat`` cannot size (``/dev/zero``, a pipe, a file growing while
    it is read).
    """
    limit = _megabytes(MAX_REPORT_BYTES)
    try:
        if path.is_dir():
            raise ReportError(f"{path}: is a folder, not a report file")
        size = path.stat().st_size
        if size > MAX_REPORT_BYTES:
            raise ReportError(
                f"{path}: is {_megabytes(size)}, above the {limit} limit for one report: "
                "split it into smaller files"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_REPORT_BYTES + 1)
    except FileNotFoundError as e:
        raise ReportError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise ReportError(f"{path}: is a folder, not a report file") from e
    except OSError as e:
        raise ReportError(f"{path}: cannot be read ({e.strerror or e})") from e
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(f"{path}: is larger than the {limit} limit for one report: split it")
    return data


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def decode_text(path: Path, data: bytes, warnings: list[str]) -> str:
    """Decode a text report's bytes; refuse binary data with a one-line reason.

    >>> decode_text(Path("r.txt"), "Gao".encode("utf-16"), [])
    'Gao'
    """
    if data.startswith(b"%PDF-"):
        raise ReportError(f"{path}: is a PDF, not text: convert it first (e.g. pdftotext -layout)")
    if data.startswith(b"PK\x03\x04"):
        raise ReportError(
            f"{path}: is a zip container (a .docx or .odt document?), not text: save it as plain text"
        )
    text = _decode_unicode(path, data, warnings)
    control = len(_CONTROL.findall(text))
    if control > max(_CONTROL_FLOOR, int(len(text) * _CONTROL_SHARE)):
        raise ReportError(f"{path}: holds binary data, not text")
    return text


def _decode_unicode(path: Path, data: bytes, warnings: list[str]) -> str:
    # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
    for bom, codec, name in (
        (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise ReportError(
                    f"{path}: starts with a {name} byte-order mark but is not valid {name} "
                    f"(at byte {e.start}: {e.reason})"
                ) from e
            warnings.append(f"decoded as {name} (byte-order mark)")
            return text
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise ReportError(f"{path}: holds binary data (NUL bytes), not text")
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as e:
            raise ReportError(f"{path}: holds binary data (NUL bytes), not text") from e
        warnings.append(f"decoded as {codec.upper()} (no byte-order mark; every other byte is NUL)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_error = e
    if first_error.reason == "unexpected end of data" and first_error.end == len(data):
        # Everything before the error decoded: only the last character was cut in two.
        warnings.append(
            f"the file ends inside a UTF-8 character (byte {first_error.start}): was it cut off? "
            "The incomplete character was dropped"
        )
        return data[: first_error.start].decode("utf-8")
    return _decode_mixed_or_legacy(data, first_error, warnings)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the NUL bytes sit at every other position, else None.

    English text in UTF-16 has a NUL as the high byte of almost every character: at odd
    positions in little-endian, at even positions in big-endian. Binary data has NULs anywhere.
    """
    sample = data[:_SNIFF_BYTES]
    pairs = len(sample) // 2
    if pairs == 0 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 0.9 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.9 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _decode_mixed_or_legacy(data: bytes, first_error: UnicodeDecodeError, warnings: list[str]) -> str:
    """Text that is not valid UTF-8: mostly UTF-8 with a few bad bytes, or a legacy encoding.

    A UTF-8 report with one stray byte (two files pasted together) keeps its UTF-8 letters and
    loses only the bad bytes; decoding all of it as Windows-1252 would garble every "’" into "â€™".
    A Windows-1252 report has no valid multi-byte UTF-8 sequence at all, so the count of
    correctly decoded non-ASCII letters against replaced bytes tells the two apart (a tie goes to
    UTF-8: a legacy file holds a valid UTF-8 pair only where it already shows mojibake).
    """
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = len(_NON_ASCII.findall(replaced)) - bad
    if good and good >= bad:
        warnings.append(
            f"not valid UTF-8: {bad} undecodable byte sequence(s) replaced by U+FFFD, "
            f"the first at byte {first_error.start}"
        )
        return replaced
    try:
        text = data.decode("cp1252")
        warnings.append("not UTF-8: decoded as Windows-1252 (which reads Latin-1 letters the same)")
    except UnicodeDecodeError:
        # Five bytes have no Windows-1252 character (0x81, 0x8D, 0x8F, 0x90, 0x9D); Latin-1
        # decodes every byte.
        text = data.decode("latin-1")
        warnings.append("not UTF-8: decoded as Latin-1")
    return text


def normalise_line_breaks(text: str, warnings: list[str]) -> str:
    """Lone carriage returns (classic Mac line ends) become newlines: one character for one, so
    every offset stays the same; Windows "\\r\\n" is left alone, segmentation reads it as is."""
    if "\r" not in text:
        return text
    lone = text.count("\r") - text.count("\r\n")
    if lone == 0:
        return text
    warnings.append(f"{lone} line break(s) written as a lone carriage return read as newlines")
    return _LONE_CR.sub("\n", text)
