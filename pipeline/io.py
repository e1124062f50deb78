"""Reading reports and writing outputs: every write is atomic (temporary file, then rename).

A report that cannot be read raises ``ReportError`` with one line naming the file and the problem;
the command line prints it and goes on with the other reports.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.schema import Record


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
    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise ReportError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise ReportError(f"{path}: is a folder, not a report file") from e
    except OSError as e:
        raise ReportError(f"{path}: cannot be read ({e.strerror})") from e
    warnings: list[str] = []
    text = _decode(path, data, warnings)
    if not text.strip():
        raise ReportError(f"{path}: the file is empty")
    head = text.lstrip()[:512].lower()
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head:
        raise ReportError(f"{path}: is an HTML page, not the report's text: save the page as plain text")
    return RawReport(path, path.stem, text, hashlib.sha256(data).hexdigest(), warnings)


def _decode(path: Path, data: bytes, warnings: list[str]) -> str:
    if data.startswith(b"%PDF-"):
        raise ReportError(f"{path}: is a PDF, not text: convert it first (e.g. pdftotext -layout)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        warnings.append("decoded as UTF-16 (byte-order mark)")
        return data.decode("utf-16")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if b"\x00" in data:
        raise ReportError(f"{path}: holds binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        warnings.append("not UTF-8: decoded as Windows-1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        warnings.append("not UTF-8: decoded as Latin-1")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if control > max(8, len(text) // 100):
        raise ReportError(f"{path}: holds binary data, not text")
    return text


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def records_jsonl(records: Iterable[Record]) -> bytes:
    """Records as JSON Lines, keys in model order, no floating timestamps: deterministic bytes."""
    lines = [r.model_dump_json(exclude_none=False) for r in records]
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def read_records(path: Path) -> list[Record]:
    """Load records written by ``records_jsonl``; a bad line fails with its file and line number."""
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
    """Pretty, key-sorted JSON for manifests."""
    return (json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n").encode("utf-8")
