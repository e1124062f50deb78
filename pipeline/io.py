"""Reading reports and writing outputs: every write is atomic (temporary file, then rename).

A report that cannot be read raises ``ReportError`` with one line naming the file and the problem;
the command line prints it and goes on with the other reports. A report that can be read but is
not clean UTF-8 is decoded anyway and says how in ``RawReport.warnings``, which reach the manifest
and the terminal.

What a report may be, and why:

- at most ``MAX_REPORT_BYTES``: the size is checked before the bytes are read, so a 50 MB file
  or ``/dev/zero`` is refused in one line without filling memory;
- UTF-8 (with or without a byte-order mark), UTF-16 or UTF-32 (with a byte-order mark, or UTF-16
  without one when every other byte is NUL, as Windows Notepad writes it), or a single-byte
  legacy encoding (Windows-1252, and Latin-1, which Windows-1252 reads the same for every
  printable letter);
- not a PDF, a zip container (.docx, .odt), an RTF document or an HTML page: each is named, with
  what to do about it.

Offsets in records are character offsets into the decoded text (``RawReport.text``).
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.schema import Record

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


def _file_mode() -> int:
    # The umask can only be read by setting it; set it back at once (at import, before any thread).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()

# How many bytes to look at for the NUL pattern of UTF-16 without a byte-order mark.
_SNIFF_BYTES = 4096


class ReportError(Exception):
    """A report cannot be processed; the message is one line naming the file and the problem."""


@dataclass
class RawReport:
    """A report's decoded text, its slug and what was noticed while decoding it."""

    path: Path
    slug: str
    text: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


def read_report(path: Path) -> RawReport:
    """Read and decode a report; refuse what is not a text report, with a one-line reason.

    Offsets in records are character offsets into the decoded text.

    >>> read_report(Path("raw/mali.txt")).slug
    'mali'
    """
    path = Path(path)
    data = _read_bounded(path)
    warnings: list[str] = []
    text = _decode(path, data, warnings)
    if not text.strip():
        what = "is empty" if not text else "holds only white space"
        raise ReportError(f"{path}: the file {what}: there is no report text to extract")
    head = text.lstrip()[:512].lower()
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head:
        raise ReportError(f"{path}: is an HTML page, not the report's text: save the page as plain text")
    if head.startswith("{\\rtf"):
        raise ReportError(f"{path}: is an RTF document, not plain text: save it as plain text")
    text = _normalise_line_breaks(text, warnings)
    return RawReport(path, path.stem, text, hashlib.sha256(data).hexdigest(), warnings)


def _read_bounded(path: Path) -> bytes:
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


def _decode(path: Path, data: bytes, warnings: list[str]) -> str:
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


def _normalise_line_breaks(text: str, warnings: list[str]) -> str:
    """Lone carriage returns (classic Mac line ends) become newlines: one character for one, so
    every offset stays the same; Windows "\\r\\n" is left alone, segmentation reads it as is."""
    if "\r" not in text:
        return text
    lone = text.count("\r") - text.count("\r\n")
    if lone == 0:
        return text
    warnings.append(f"{lone} line break(s) written as a lone carriage return read as newlines")
    return _LONE_CR.sub("\n", text)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A failure or an interrupt at any point leaves the previous file as it was and no temporary
    file behind. Raises ``OSError``; a file standing where the folder should be is reported as
    ``NotADirectoryError`` with the strerror "is a file, not a folder".

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> atomic_write_bytes(folder / "a.txt", b"one"); (folder / "a.txt").read_bytes()
    b'one'
    """
    atomic_write_files({path: data})


def atomic_write_files(files: Mapping[Path, bytes]) -> None:
    """Write several files as one step: all of them are replaced, or none is.

    Every file is first written and flushed to a temporary file beside it; only when all were
    written are they renamed over the old ones. A failure while writing (disk full, a folder that
    cannot be created, an interrupt) removes the temporary files and leaves every previous file
    byte for byte as it was. The renames themselves do not fail on a local file system once the
    temporary files exist in the same folder.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> atomic_write_files({folder / "a.jsonl": b"{}\\n", folder / "a.csv": b"id\\n"})
    >>> sorted(p.name for p in folder.iterdir())
    ['a.csv', 'a.jsonl']
    """
    temporary: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path = Path(path)
            _make_folder(path.parent)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temporary.append((Path(tmp), path))
            # mkstemp creates the file readable by its owner only; give it the mode a plain
            # open() would, so other users and tools can still read the outputs.
            os.chmod(tmp, _FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, path in temporary:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in temporary:
            tmp.unlink(missing_ok=True)
        raise
    for folder in {path.parent for _, path in temporary}:
        _sync_folder(folder)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as e:
        # mkdir says "File exists" when a file stands where the folder should be: say which.
        raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(folder)) from e
    except NotADirectoryError as e:
        raise NotADirectoryError(
            errno.ENOTDIR, "a part of the path is a file, not a folder", str(folder)
        ) from e


def _sync_folder(folder: Path) -> None:
    """Flush the renames to disk, so that a power cut after we return keeps the new files."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        # Some file systems (and Windows) cannot sync a folder; the files themselves are synced.
        pass
    finally:
        os.close(fd)


def records_jsonl(records: Iterable[Record]) -> bytes:
    """Records as JSON Lines, keys in model order, no floating timestamps: deterministic bytes.

    >>> records_jsonl([])
    b''
    """
    lines = [r.model_dump_json(exclude_none=False) for r in records]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def read_records(path: Path) -> list[Record]:
    """Load records written by ``records_jsonl``; a bad line fails with its file and line number.

    >>> len(read_records(Path("/dev/null")))
    0
    """
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise ReportError(f"{path}: no such file") from e
    except (OSError, UnicodeDecodeError) as e:
        raise ReportError(f"{path}: cannot be read as UTF-8 JSON Lines") from e
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(Record.model_validate_json(line))
        except ValueError as e:
            first = str(e).splitlines()[0]
            raise ReportError(f"{path}:{number}: not a valid record ({first})") from e
    return records


def json_bytes(obj) -> bytes:
    """Pretty, key-sorted JSON for manifests.

    >>> json_bytes({"b": 1, "a": "é"})
    b'{\\n  "a": "\\xc3\\xa9",\\n  "b": 1\\n}\\n'
    """
    return (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n").encode("utf-8")
