"""Writing outputs and reading records back: every write is atomic (temporary file, then rename).

A file is written under a temporary name beside its final one (``.<name>.<random>.tmp``) and
renamed over it; a symbolic link is switched the same way (``replace_symlink``). A kill leaves at
most such temporary names behind, which the next extraction removes
(``pipeline.history.clean_out``). How a whole set of outputs is published in one step is
``pipeline.history``'s work.

A report that cannot be read or written raises ``ReportError`` with one line naming the file and
the problem; the command line prints it and goes on with the other reports. Reading a report's
file is ``pipeline.readers``' work.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from pipeline.schema import Record


class ReportError(Exception):
    """A report cannot be processed; the message is one line naming the file and the problem."""


def _file_mode() -> int:
    # The umask can only be read by setting it; set it back at once (at import, before any thread).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()


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
    """Write several files: all of them are replaced, or none is, unless the process is killed.

    Every file is first written and flushed to a temporary file beside it; only when all were
    written are they renamed over the old ones. A failure while writing (disk full, a folder that
    cannot be created, an interrupt) removes the temporary files and leaves every previous file
    byte for byte as it was. The renames themselves do not fail on a local file system once the
    temporary files exist in the same folder, but a kill between two of them leaves some files
    new and some old: a set that readers must see whole is published as a run folder instead
    (``pipeline.history.publish_run``), which this writes into.

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


# The names temporary files and links take: ``.<final name>.<8 random characters>.tmp``
# (tempfile.mkstemp's 8 characters, or 8 hex digits for links). Anything else is never removed.
TEMPORARY_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def replace_symlink(target: str, link: Path) -> None:
    """Point ``link`` at ``target`` in one step: a new link under a temporary name beside it,
    renamed over the old one, so that a reader finds the old target or the new, never neither.

    ``os.replace`` replaces the link itself, never the file it points to: a link pointing out of
    the folder is replaced, not written through.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> replace_symlink("runs/1", folder / "current"); replace_symlink("runs/2", folder / "current")
    >>> os.readlink(folder / "current"), sorted(p.name for p in folder.iterdir())
    ('runs/2', ['current'])
    """
    link = Path(link)
    while True:
        tmp = link.with_name(f".{link.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.symlink(target, tmp)
            break
        except FileExistsError:
            continue  # 2**32 names: another process's temporary link, try another one
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def sha256_hex(data: bytes) -> str:
    """The sha256 of ``data`` as 64 hex digits, as manifests record every output's.

    >>> sha256_hex(b"")[:16]
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()


def make_folder(folder: Path) -> None:
    """Create ``folder`` and its parents; a file standing in the way is a one-line
    ``NotADirectoryError`` ("is a file, not a folder").

    >>> make_folder(Path("/dev/null/x"))
    Traceback (most recent call last):
    NotADirectoryError: [Errno 20] a part of the path is a file, not a folder: '/dev/null/x'
    """
    _make_folder(folder)


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


def sync_folder(folder: Path) -> None:
    """Flush the renames and links made in ``folder`` to disk, so that a power cut after we return
    keeps them (a rename is durable only once its folder is synced)."""
    _sync_folder(folder)


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
