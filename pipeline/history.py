"""Every extract's outputs, kept, and the one step that makes a run's set of outputs current.

The output folder (``--out``, ``extracted/`` by default) holds::

    .lock                          taken by the extraction writing here (fcntl.flock), with its pid
    runs/<run_id>/                 one report's files of one run, never written twice:
        <slug>.jsonl .csv .parquet .source.txt, then <slug>.manifest.json (the sha256 of each)
    current/<slug> -> ../runs/<run_id>             the report's published run, switched by rename
    <slug>.jsonl -> current/<slug>/<slug>.jsonl    (and .csv .parquet .source.txt .manifest.json)

A run folder's manifest is written last, so a folder without one was interrupted: the next
extraction that holds the lock removes it, and the temporary names a kill left. Publishing is one
``os.replace`` of ``current/<slug>``: before it every path a user reads shows the whole previous
set, after it the whole new one. The links at the top are made once and never change; a reader
that reads several files and must see one set resolves ``current/<slug>`` once and reads there.

A run id is the run's UTC time to the microsecond and the first 8 hex digits of the report's
sha256, ``20250207T100000123456Z-ab12cd34``: ids sort by time as strings, and two reports
extracted in the same microsecond still differ.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.io import (
    TEMPORARY_NAME,
    ReportError,
    atomic_write_bytes,
    atomic_write_files,
    json_bytes,
    make_folder,
    read_records,
    replace_symlink,
    sha256_hex,
    sync_folder,
)
from pipeline.schema import Record

RUNS = "runs"
CURRENT = "current"
LOCK = ".lock"
_TIME_FORMAT = "%Y%m%dT%H%M%S%fZ"
# How often a run waiting for the lock tries again: short against any wait a user would set.
_LOCK_POLL_SECONDS = 0.1
# Out folders whose lock this process holds (real path -> pid), so that the command line can take
# the lock before loading the pipeline and ``extract_paths`` inside it does not wait for itself.
_HELD: dict[str, int] = {}


def _utc(value: str | None) -> dt.datetime:
    if value is None:
        return dt.datetime.now(dt.timezone.utc)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as e:
        raise ReportError(f"manifest: time {value!r} is not an ISO 8601 time") from e
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc)


def _run_key(name: str) -> tuple[str, int]:
    """Sort key of a run folder: its id, then the collision suffix as a number ("-2" < "-10")."""
    parts = name.split("-")
    if len(parts) == 3 and parts[2].isdigit():
        return "-".join(parts[:2]), int(parts[2])
    return name, 1


def save_run(out_dir: Path, slug: str, files: dict[str, bytes], manifest: dict) -> str:
    """Keep one extract's outputs under ``out_dir/runs/<run_id>/``; return the run id.

    ``manifest`` gets ``run_id``, ``time`` (taken from ``manifest["time"]`` when present, else
    now) and ``outputs`` (the sha256 and size of every file) and is written last, as
    ``<slug>.manifest.json``. Earlier runs are never overwritten; nothing is published
    (``publish_run`` does that). A failure or an interrupt removes the folder.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> manifest = {"report_sha256": "ab12cd34ef56", "time": "2025-02-07T10:00:00.000123+00:00"}
    >>> save_run(out, "mali", {"mali.jsonl": b""}, manifest), manifest["time"]
    ('20250207T100000000123Z-ab12cd34', '2025-02-07T10:00:00.000123Z')
    >>> save_run(out, "mali", {"mali.jsonl": b""}, manifest)
    '20250207T100000000123Z-ab12cd34-2'
    >>> manifest["outputs"]["mali.jsonl"]["sha256"][:8]
    'e3b0c442'
    """
    moment = _utc(manifest.get("time"))
    digest = manifest.get("report_sha256") or hashlib.sha256(
        b"".join(files[name] for name in sorted(files))
    ).hexdigest()
    base = f"{moment.strftime(_TIME_FORMAT)}-{digest[:8]}"
    runs = out_dir / RUNS
    try:
        runs.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ReportError(f"{runs}: cannot create the runs folder ({e.strerror})") from e
    run_id, n = base, 1
    while True:
        # mkdir either creates the folder or fails: two runs can never share one.
        try:
            (runs / run_id).mkdir()
            break
        except FileExistsError:
            n += 1
            run_id = f"{base}-{n}"
    run_dir = runs / run_id
    manifest["run_id"] = run_id
    manifest["time"] = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    manifest["outputs"] = {
        name: {"sha256": sha256_hex(data), "bytes": len(data)} for name, data in sorted(files.items())
    }
    try:
        atomic_write_files({run_dir / name: data for name, data in files.items()})
        # Last: its presence says every file above was written whole.
        atomic_write_bytes(run_dir / f"{slug}.manifest.json", json_bytes(manifest))
        sync_folder(runs)
    except BaseException as e:
        # An interrupt or a time limit too: a folder without its manifest is never left behind
        # by a process that lives on (a kill leaves one, which the next run removes).
        shutil.rmtree(run_dir, ignore_errors=True)
        if isinstance(e, OSError):
            raise ReportError(f"{run_dir}: cannot save the run ({e.strerror})") from e
        raise
    return run_id


def publish_run(out_dir: Path, slug: str, run_id: str) -> list[Path]:
    """Make run ``run_id`` the current outputs of report ``slug``; return the paths users read.

    One ``os.replace`` switches ``current/<slug>`` to the run folder; the links at the top of
    ``out_dir`` (``<slug>.jsonl`` -> ``current/<slug>/<slug>.jsonl`` ...) are made before it,
    the first time, and left alone after. Outputs still written as plain files by an earlier version of the
    pipeline are first shown from the run folder they were saved in, so that readers see the old
    set whole while the files are turned into links. Raises ``OSError``.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> run = save_run(out, "mali", {"mali.jsonl": b"{}\\n"}, {"report_sha256": "ab12cd34"})
    >>> [p.name for p in publish_run(out, "mali", run)]
    ['mali.jsonl', 'mali.manifest.json']
    >>> os.readlink(out / "mali.jsonl"), (out / "mali.jsonl").read_bytes()
    ('current/mali/mali.jsonl', b'{}\\n')
    """
    current = out_dir / CURRENT
    make_folder(current)
    _adopt_plain_outputs(out_dir, slug)
    names = _run_outputs(out_dir / RUNS / run_id, slug)
    # The links first: on a report's first run they lead nowhere until the switch below, so a
    # reader finds every file of the set or none, never some.
    _link_top(out_dir, slug, names)
    replace_symlink(f"../{RUNS}/{run_id}", current / slug)
    sync_folder(current)
    return [out_dir / name for name in names]


def _run_outputs(run_dir: Path, slug: str) -> list[str]:
    """The names of a run's outputs, its manifest last; from the manifest when it lists them."""
    manifest = run_dir / f"{slug}.manifest.json"
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8")).get("outputs")
    except (OSError, ValueError, AttributeError):
        listed = None
    names = sorted(listed) if isinstance(listed, dict) else sorted(
        p.name for p in run_dir.iterdir() if p.name != manifest.name and not p.name.startswith(".")
    )
    return names + [manifest.name]


def _link_top(out_dir: Path, slug: str, names: list[str]) -> None:
    """Make ``out_dir/<name>`` a link through ``current/<slug>/`` where it is not one already."""
    changed = False
    for name in names:
        target = f"{CURRENT}/{slug}/{name}"
        try:
            if os.readlink(out_dir / name) == target:
                continue
        except OSError:
            pass  # missing, or a plain file of an older pipeline version
        replace_symlink(target, out_dir / name)
        changed = True
    if changed:
        sync_folder(out_dir)


def _adopt_plain_outputs(out_dir: Path, slug: str) -> None:
    """Outputs of the pipeline before run folders were published: plain files at the top whose
    manifest names the run folder they were also saved in. Show that run as current and link the
    files to it, before the new run is published, so no reader sees a new file beside old ones."""
    manifest = out_dir / f"{slug}.manifest.json"
    if os.path.lexists(out_dir / CURRENT / slug) or manifest.is_symlink() or not manifest.is_file():
        return
    try:
        run_id = json.loads(manifest.read_text(encoding="utf-8")).get("run_id")
    except (OSError, ValueError, AttributeError):
        return
    run_dir = out_dir / RUNS / str(run_id)
    if not run_id or not (run_dir / manifest.name).is_file():
        return
    replace_symlink(f"../{RUNS}/{run_id}", out_dir / CURRENT / slug)
    _link_top(out_dir, slug, _run_outputs(run_dir, slug))


def current_run(out_dir: Path, slug: str) -> str | None:
    """The id of the run published for report ``slug`` in ``out_dir``, or None.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> current_run(out, "mali") is None
    True
    >>> run = save_run(out, "mali", {"mali.jsonl": b""}, {"report_sha256": "ab12cd34"})
    >>> _ = publish_run(out, "mali", run); current_run(out, "mali") == run
    True
    """
    try:
        target = os.readlink(out_dir / CURRENT / slug)
    except OSError:
        return None
    return Path(target).name or None


def check_run(run_dir: Path, slug: str) -> list[str]:
    """What is wrong with a run folder: a missing manifest, or an output missing or whose sha256
    differs from the manifest's. An empty list: the folder is whole.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> run = save_run(out, "mali", {"mali.jsonl": b"{}\\n"}, {"report_sha256": "ab12cd34"})
    >>> check_run(out / "runs" / run, "mali")
    []
    >>> _ = (out / "runs" / run / "mali.jsonl").write_bytes(b"edited\\n")
    >>> check_run(out / "runs" / run, "mali")
    ['mali.jsonl: sha256 differs from the manifest']
    """
    try:
        manifest = json.loads((run_dir / f"{slug}.manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return [f"{slug}.manifest.json: missing or not JSON"]
    problems = []
    for name, expected in sorted((manifest.get("outputs") or {}).items()):
        try:
            data = (run_dir / name).read_bytes()
        except OSError:
            problems.append(f"{name}: missing")
            continue
        if sha256_hex(data) != expected.get("sha256"):
            problems.append(f"{name}: sha256 differs from the manifest")
    return problems


# --- the lock, and what a killed run left --------------------------------------------------


@contextmanager
def hold_out(out_dir: Path, wait_seconds: float = 0) -> Iterator[list[str]]:
    """Hold ``out_dir`` for writing: its lock, its layout checked, a killed run's leftovers gone.

    Yields what was removed (one line each). Another process holding the lock is waited for up
    to ``wait_seconds``, then ``ReportError("<out>: busy: another extraction (pid N) is writing
    here; ...")``. Also a one-line ``ReportError`` when ``out_dir`` cannot be a folder, or when
    ``runs`` or ``current`` inside it is a link (``runs`` may point inside ``out_dir``): writes
    must never land outside the folder given. A folder this call created and left empty is
    removed again. Nested calls in the process holding the lock do nothing.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> with hold_out(out) as removed:
    ...     removed, (out / ".lock").read_text() == f"{os.getpid()}\\n"
    ([], True)
    >>> out.exists()
    False
    """
    out_dir = Path(out_dir)
    key = os.path.realpath(out_dir)
    if _HELD.get(key) == os.getpid():
        yield []
        return
    created = not os.path.lexists(out_dir)
    fd = _take_lock(out_dir, wait_seconds)
    _HELD[key] = os.getpid()
    try:
        _check_layout(out_dir)
        yield clean_out(out_dir)
    finally:
        del _HELD[key]
        if created:
            _remove_if_empty(out_dir)
        os.close(fd)


def _take_lock(out_dir: Path, wait_seconds: float) -> int:
    """Open and flock ``out_dir/.lock``; write our pid into it; return the descriptor."""
    lock = out_dir / LOCK
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            make_folder(out_dir)
            # O_NOFOLLOW: a ".lock" link pointing elsewhere must not make us create files there.
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise ReportError(f"{lock}: is a symbolic link: refusing to follow it; remove it") from e
            raise ReportError(f"{out_dir}: cannot write here ({e.strerror})") from e
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            left = deadline - time.monotonic()
            if left <= 0:
                raise ReportError(
                    f"{out_dir}: busy: another extraction (pid {holder}) is writing here; wait for "
                    "it or use another --out"
                ) from None
            time.sleep(min(_LOCK_POLL_SECONDS, left))
            continue
        # The run we waited for may have removed the lock file (a folder it created and left
        # empty): our lock is then on a file no one else opens. Take the one at the path.
        try:
            same = os.stat(lock, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
            return fd
        os.close(fd)


def _holder(fd: int) -> str:
    """The pid written in a lock file, or "unknown" (a holder that has not written it yet)."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return text if text.isdigit() else "unknown"


def _check_layout(out_dir: Path) -> None:
    """Refuse a ``runs`` link leading out of ``out_dir`` and a ``current`` that is a link or a file."""
    root = Path(os.path.realpath(out_dir))
    for name in (RUNS, CURRENT):
        path = out_dir / name
        if path.is_symlink():
            target = Path(os.path.realpath(path))
            if name == CURRENT or not target.is_relative_to(root):
                where = "outside" if not target.is_relative_to(root) else "inside"
                raise ReportError(
                    f"{path}: is a symbolic link to {target}, {where} {out_dir}: refusing to write "
                    "through it; remove it or use another --out"
                )
        elif os.path.lexists(path) and not path.is_dir():
            raise ReportError(f"{path}: is a file, not a folder: remove it or use another --out")


def clean_out(out_dir: Path) -> list[str]:
    """Remove what a killed run left in ``out_dir``: temporary files and links, and run folders
    without a manifest. Only for the holder of the lock: no one else is writing then.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / "runs" / "20250207T100000000000Z-ab12cd34").mkdir(parents=True)
    >>> _ = (out / ".mali.jsonl.k2j4h5g6.tmp").write_bytes(b"half")
    >>> clean_out(out)
    ['runs/20250207T100000000000Z-ab12cd34 (a run folder without its manifest)', '.mali.jsonl.k2j4h5g6.tmp']
    """
    removed: list[str] = []
    runs = out_dir / RUNS
    published = {current_run(out_dir, p.name) for p in _entries(out_dir / CURRENT)}
    for run_dir in _entries(runs):
        if run_dir.is_symlink() or not run_dir.is_dir():
            if TEMPORARY_NAME.match(run_dir.name) and not run_dir.is_dir():
                _unlink(run_dir, out_dir, removed)
            continue
        if run_dir.name.startswith(".") or run_dir.name in published:
            continue
        if not any(run_dir.glob("*.manifest.json")):
            shutil.rmtree(run_dir, ignore_errors=True)
            if not run_dir.exists():
                removed.append(f"{RUNS}/{run_dir.name} (a run folder without its manifest)")
            continue
        for path in _entries(run_dir):
            if TEMPORARY_NAME.match(path.name):
                _unlink(path, out_dir, removed)
    for folder in (out_dir, out_dir / CURRENT):
        for path in _entries(folder):
            if TEMPORARY_NAME.match(path.name) and (path.is_symlink() or not path.is_dir()):
                _unlink(path, out_dir, removed)
    return removed


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _unlink(path: Path, out_dir: Path, removed: list[str]) -> None:
    try:
        path.unlink()
    except OSError:
        return
    removed.append(path.relative_to(out_dir).as_posix())


def _remove_if_empty(out_dir: Path) -> None:
    """Undo the creation of an output folder that nothing was written to (every report failed)."""
    leftovers = {p.name for p in _entries(out_dir)}
    for name in (RUNS, CURRENT):
        if name in leftovers and not (out_dir / name).is_symlink():
            try:
                (out_dir / name).rmdir()
                leftovers.discard(name)
            except OSError:
                pass
    if leftovers <= {LOCK}:
        (out_dir / LOCK).unlink(missing_ok=True)
        try:
            out_dir.rmdir()
        except OSError:
            pass


# --- reading runs back ----------------------------------------------------------------------


def _complete_runs(runs_dir: Path, slug: str | None = None) -> list[Path]:
    """Run folders, oldest first, whose manifest was written (of ``slug`` when given)."""
    if not runs_dir.is_dir():
        return []
    found = []
    for path in runs_dir.iterdir():
        if not path.is_dir() or path.name.startswith("."):
            continue
        if slug is None:
            complete = any(path.glob("*.manifest.json"))
        else:
            complete = (path / f"{slug}.manifest.json").is_file()
        if complete:
            found.append(path)
    return sorted(found, key=lambda p: _run_key(p.name))


def latest_records(out_dir: Path, slug: str) -> list[Record] | None:
    """The records of the published run of report ``slug``, else of its newest complete run,
    else of a plain ``out_dir/<slug>.jsonl``, else None: the ``previous`` that
    ``pipeline.ids.assign_ids`` aligns a new run to.

    The published run comes first: a run saved by a worker whose parent was killed before
    publishing it is complete but was never shown to anyone.

    >>> import tempfile
    >>> latest_records(Path(tempfile.mkdtemp()), "mali") is None
    True
    """
    published = out_dir / CURRENT / slug / f"{slug}.jsonl"
    if published.is_file():
        return read_records(published)
    for run_dir in reversed(_complete_runs(out_dir / RUNS, slug)):
        path = run_dir / f"{slug}.jsonl"
        if path.is_file():
            return read_records(path)
    path = out_dir / f"{slug}.jsonl"
    return read_records(path) if path.is_file() else None


def resolve_run(ref: str, runs_dir: Path) -> Path:
    """The records file of a run, given its id or a prefix of it that only one run has.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> run = save_run(out, "mali", {"mali.jsonl": b""}, {"report_sha256": "ab12cd34", "time": "2025-02-07T10:00:00Z"})
    >>> resolve_run("20250207T10", out / "runs").name
    'mali.jsonl'
    """
    runs = _complete_runs(runs_dir)
    if not runs:
        raise ReportError(f"{runs_dir}: no runs saved there, so {ref!r} names no run")
    exact = [p for p in runs if p.name == ref]
    matches = exact or [p for p in runs if p.name.startswith(ref)]
    if not matches:
        raise ReportError(f"{runs_dir}: no run {ref!r} (newest: {runs[-1].name})")
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches[:4]) + (" ..." if len(matches) > 4 else "")
        raise ReportError(f"{runs_dir}: run {ref!r} is ambiguous ({len(matches)} runs: {names})")
    records = sorted(matches[0].glob("*.jsonl"))
    if len(records) != 1:
        raise ReportError(f"{matches[0]}: expected one records file (.jsonl), found {len(records)}")
    return records[0]
