"""Every extract's outputs, kept: ``<out>/runs/<run_id>/`` holds one report's files of one run.

A run id is the run's UTC time to the microsecond and the first 8 hex digits of the report's
sha256, ``20250207T100000123456Z-ab12cd34``: ids sort by time as strings, and two reports
extracted in the same microsecond still differ. A run folder is never written twice. Its
manifest is written last, so a run whose manifest is missing was interrupted and is ignored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

from pipeline.io import ReportError, atomic_write_bytes, json_bytes, read_records
from pipeline.schema import Record

RUNS = "runs"
_TIME_FORMAT = "%Y%m%dT%H%M%S%fZ"


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

    ``manifest`` gets ``run_id`` and ``time`` (taken from ``manifest["time"]`` when present, else
    now) and is written last, as ``<slug>.manifest.json``. Earlier runs are never overwritten.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> manifest = {"report_sha256": "ab12cd34ef56", "time": "2025-02-07T10:00:00.000123+00:00"}
    >>> save_run(out, "mali", {"mali.jsonl": b""}, manifest), manifest["time"]
    ('20250207T100000000123Z-ab12cd34', '2025-02-07T10:00:00.000123Z')
    >>> save_run(out, "mali", {"mali.jsonl": b""}, manifest)
    '20250207T100000000123Z-ab12cd34-2'
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
    try:
        for name in sorted(files):
            atomic_write_bytes(run_dir / name, files[name])
        atomic_write_bytes(run_dir / f"{slug}.manifest.json", json_bytes(manifest))
    except OSError as e:
        shutil.rmtree(run_dir, ignore_errors=True)
        raise ReportError(f"{run_dir}: cannot save the run ({e.strerror})") from e
    return run_id


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
    """The records of the newest complete run of report ``slug``, else of ``out_dir/<slug>.jsonl``,
    else None: the ``previous`` that ``pipeline.ids.assign_ids`` aligns a new run to.

    >>> import tempfile
    >>> latest_records(Path(tempfile.mkdtemp()), "mali") is None
    True
    """
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
