"""The extract job: reports in; per report a run folder (JSONL, CSV, Parquet, the source text
the offsets index, and the manifest) published in one step (``pipeline.history``).

One spaCy pipeline is loaded once and shared by every report of a process. A report that fails
(bad input, a bug a strange text brings out, the time limit, its worker killed) is reported in one
line and the others still run; its previous outputs are left as they were. The whole job holds
the output folder's lock.

With ``workers`` above 1 each report goes to one of that many worker processes, one report at a
time, so that the parent always knows which report a worker holds: a worker that dies (the
out-of-memory killer's SIGKILL) fails that report alone and a new worker takes the rest. Workers
only save run folders; the parent publishes them, and workers die with the parent
(``PR_SET_PDEATHSIG``), so a killed parent leaves no process that writes.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import multiprocessing
import multiprocessing.connection
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from pipeline import __version__ as PIPELINE_VERSION
from pipeline.checks import check_records
from pipeline.exports import to_csv_bytes, to_parquet_bytes
from pipeline.history import hold_out, latest_records, publish_run, save_run
from pipeline.ids import assign_ids
from pipeline.io import ReportError, records_jsonl
from pipeline.layouts.base import Document
from pipeline.layouts.detect import segment
from pipeline.links import link_records
from pipeline.nlp import ModelInfo, build_nlp
from pipeline.readers import read_source
from pipeline.readers.base import SourceText
from pipeline.readers.plain import source_from_text
from pipeline.records import extract_document
from pipeline.schema import SCHEMA_VERSION, Record
from pipeline.scope import Scope, report_scope
from pipeline.settings import Settings
from pipeline.tables import Tables, load_tables

# The longest report name (in UTF-8 bytes) whose outputs fit a file name: file systems allow 255
# bytes, and the longest name made from it is the manifest's temporary file,
# ".<name>.manifest.json.<8 characters>.tmp" (28 more). 200 leaves room for a longer suffix.
MAX_NAME_BYTES = 200
# A worker that overruns the time limit is stopped by its own SIGALRM within milliseconds, unless
# it is stuck in C code that never returns to Python (a regular expression, a parser): then its
# parent kills it this long after the limit, a tenth of the limit and at least a second.
_KILL_GRACE_SHARE, _KILL_GRACE_MIN = 0.1, 1.0
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class TimeLimitExceeded(BaseException):
    """Raised by SIGALRM in the process extracting a report that overran its time limit.

    A ``BaseException``, as ``KeyboardInterrupt`` is: an ``except Exception`` in a library (or in
    the pipeline) must not swallow it and carry on with the stalled report.
    """


@dataclass
class Extractor:
    """A loaded pipeline: spaCy, the tables and the settings, shared by every report of a run."""

    settings: Settings = field(default_factory=Settings)
    tables: Tables = field(default_factory=load_tables)
    nlp: Language | None = None
    model: ModelInfo | None = None

    def __post_init__(self) -> None:
        if self.nlp is None:
            self.nlp, self.model = build_nlp(self.settings, self.tables)

    def extract_source(
        self, source: SourceText, previous: list[Record] | None = None
    ) -> tuple[list[Record], Document, Scope]:
        """Records of one report, the segmented document and the report's scope.

        ``previous``: the last run's records of the same report, whose ids aligned entries keep.
        """
        document = segment(source, self.settings)
        scope = report_scope(document, source.slug, self.tables, self.settings)
        records = extract_document(document, source.slug, self.nlp, self.tables, scope,
                                   self.settings)
        assign_ids(records, source.slug, previous)
        link_records([r for r in records if r.kind == "narrative"],
                     [r for r in records if r.kind == "timeline"])
        return records, document, scope

    def extract_text(
        self, text: str, report: str, previous: list[Record] | None = None
    ) -> tuple[list[Record], list[str]]:
        """Records of a report given as text (plain or markdown), and the warnings noticed."""
        source = source_from_text(text, Path(f"{report}.txt"), "", settings=self.settings)
        records, document, _ = self.extract_source(source, previous)
        return records, list(document.warnings)


@dataclass
class ReportResult:
    """What one report's extraction produced."""

    slug: str
    path: Path
    records: list[Record]
    manifest: dict
    files: list[Path]  # the paths users read, in out_dir (links into the published run)
    run_id: str | None = None
    published: bool = False


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5,
            cwd=Path(__file__).resolve().parent,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def field_counts(records: Sequence[Record]) -> dict[str, int]:
    """How many records have each field filled, for the manifest and the summary table."""
    return {
        "date": sum(r.date.start is not None for r in records),
        "country": sum(r.country is not None for r in records),
        "locations": sum(bool(r.locations) for r in records),
        "perpetrators": sum(any(a.role == "perpetrator" for a in r.actors) for r in records),
        "killed": sum(r.killed is not None for r in records),
        "injured": sum(r.injured is not None for r in records),
        "kidnapped": sum(r.kidnapped is not None for r in records),
        "sources": sum(bool(r.sources) for r in records),
        "event_type": sum(r.event_type is not None for r in records),
    }


def build_outputs(
    extractor: Extractor, report: SourceText, out_dir: Path
) -> tuple[list[Record], dict, dict[str, bytes]]:
    """The records of one decoded report, its manifest (without ``run_id``, ``time`` and
    ``outputs``, which saving adds) and its output files by name; nothing is written."""
    started = time.perf_counter()
    try:
        previous = latest_records(out_dir, report.slug)
        unreadable = []
    except ReportError as e:
        # A hand-edited or outdated previous output must not block the report for good: the
        # new run starts its ids afresh and says so.
        previous, unreadable = None, [f"previous records unreadable, ids start afresh ({e})"]
    records, document, scope = extractor.extract_source(report, previous)
    warnings = report.warnings + unreadable + document.warnings + check_records(records, dt.date.today())
    seconds = round(time.perf_counter() - started, 3)
    model = extractor.model
    manifest = {
        "report": report.slug,
        "report_file": report.path.name,
        "report_sha256": report.sha256,
        "format": report.format,
        "layouts": dict(document.layouts),
        "scope": {
            "countries": list(scope.countries),
            "country_source": scope.country_source,
            "year": scope.year,
            "published": scope.published.isoformat() if scope.published else None,
            "publisher": scope.publisher,
        },
        "pipeline_version": PIPELINE_VERSION,
        "schema_version": SCHEMA_VERSION,
        "git_commit": _git_commit(),
        "model": {"name": model.name, "version": model.version, "statistical": model.statistical},
        "tables": extractor.tables.digest,
        "counts": {
            "entries": sum(r.kind == "timeline" for r in records),
            "records": len(records),
            "with_field": field_counts(records),
        },
        "seconds": seconds,
        "warnings": warnings + ([model.note] if model.note else []),
    }
    outputs = {
        f"{report.slug}.jsonl": records_jsonl(records),
        f"{report.slug}.csv": to_csv_bytes(records),
        f"{report.slug}.parquet": to_parquet_bytes(records),
        # The text every evidence offset indexes (for a .txt report, its decoded text): the audit
        # page reads it, so the records can be checked without the original file.
        f"{report.slug}.source.txt": report.text.encode("utf-8"),
    }
    return records, manifest, outputs


def write_report(
    report: SourceText, records: list[Record], manifest: dict, outputs: dict[str, bytes],
    out_dir: Path, publish: bool = True,
) -> ReportResult:
    """Save a report's outputs as a new run folder and, with ``publish``, make them current."""
    run_id = save_run(out_dir, report.slug, outputs, manifest)
    files: list[Path] = []
    if publish:
        try:
            files = publish_run(out_dir, report.slug, run_id)
        except OSError as e:
            raise ReportError(
                f"{report.path}: cannot publish its outputs in {out_dir} ({e.strerror})"
            ) from e
    return ReportResult(report.slug, report.path, records, manifest, files, run_id, publish)


def extract_report(
    extractor: Extractor, report: SourceText, out_dir: Path, publish: bool = True
) -> ReportResult:
    """Extract one decoded report, save its run folder under ``out_dir/runs/`` and publish it.

    The caller holds ``out_dir``'s lock (``pipeline.history.hold_out``); ``extract_paths`` does.
    """
    records, manifest, outputs = build_outputs(extractor, report, out_dir)
    return write_report(report, records, manifest, outputs, out_dir, publish)


def check_name(path: Path) -> None:
    """Refuse a report whose name cannot name its outputs, with one line.

    >>> check_name(Path("raw/" + "a" * 250 + ".txt"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    pipeline.io.ReportError: raw/aaa...aaa.txt: the report's name is 250 bytes long: ...
    """
    slug = Path(path).stem
    size = len(slug.encode("utf-8", "surrogateescape"))
    if size > MAX_NAME_BYTES:
        raise ReportError(
            f"{path}: the report's name is {size} bytes long: the outputs named after it would "
            f"pass the 255-byte limit of a file name; rename it to at most {MAX_NAME_BYTES} bytes"
        )
    if slug.startswith("."):
        raise ReportError(
            f"{path}: the report's name starts with '.': its outputs would be hidden files, "
            "taken for temporary ones; rename it"
        )


@contextmanager
def time_limit(seconds: float | None, path: Path) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the block once it has run ``seconds`` (SIGALRM).

    Nothing happens for ``None`` or 0, or outside the main thread (Python runs signal handlers in
    the main thread only). Code that never returns to Python (C) is not stopped; a worker's
    parent kills it then.

    >>> with time_limit(0.05, Path("r.txt")):
    ...     time.sleep(1)
    Traceback (most recent call last):
    pipeline.extract.TimeLimitExceeded: ...
    """
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = [True]

    def on_alarm(signum, frame) -> None:
        # The flag: an alarm already on its way when the block ended must not stop what follows.
        if armed[0]:
            raise TimeLimitExceeded(_where(frame))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _where(frame) -> str:
    """The innermost pipeline function of a stack, for a time-limit error a user can report."""
    inner = None
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("pipeline.") and inner is None:
            inner = f"{module}.{frame.f_code.co_name}"
        frame = frame.f_back
    return inner or "?"


def _extract_one(
    path: Path, out_dir: Path, extractor: Extractor | None, debug: bool,
    limit: float | None = None, publish: bool = True,
) -> tuple[ReportResult | None, str | None]:
    """One report: its result, or its one-line error. Outside ``debug``, an unexpected exception
    (a bug a strange text brought out) is that report's error too. ``limit`` bounds the reading
    and the extraction, not the writing: a write is never cut in the middle."""
    try:
        check_name(path)
        try:
            with time_limit(limit, path):
                report = read_source(path, extractor.settings if extractor else Settings())
                # Loaded on the first report that reads (workers load theirs before the clock).
                extractor = extractor or shared_extractor()
                records, manifest, outputs = build_outputs(extractor, report, out_dir)
        except TimeLimitExceeded as e:
            return None, (
                f"{path}: stopped after {limit:g} s (the time limit): nothing of it was written "
                f"(it was in {e}); raise the limit with --time-limit"
            )
        return write_report(report, records, manifest, outputs, out_dir, publish), None
    except ReportError as e:
        return None, str(e)
    except Exception as e:
        if debug:
            raise
        first = str(e).splitlines()[0] if str(e) else ""
        return None, (
            f"{path}: internal error while extracting ({type(e).__name__}: {first}); "
            "rerun with --debug for the traceback"
        )


def _same_names(paths: Sequence[Path]) -> dict[int, str]:
    """Errors for reports whose file name repeats an earlier one's: their outputs would collide."""
    errors: dict[int, str] = {}
    seen: dict[str, Path] = {}
    for k, path in enumerate(paths):
        other = seen.setdefault(Path(path).stem, Path(path))
        if other is not Path(path) and other.resolve() != Path(path).resolve():
            errors[k] = (
                f"{path}: has the same name as {other}: its outputs would overwrite that "
                "report's; rename one of them"
            )
    return errors


def extract_paths(
    paths: Sequence[Path],
    out_dir: Path,
    extractor: Extractor | None = None,
    on_error: Callable[[str], None] | None = None,
    on_done: Callable[[ReportResult], None] | None = None,
    debug: bool = False,
    workers: int = 1,
    time_limit: float | None = None,
    lock_wait: float | None = None,
) -> tuple[list[ReportResult], list[str]]:
    """Extract every report; a failing report adds its one-line error and the rest still run.

    One pipeline serves every report of a process. With ``workers`` above 1 the reports are
    shared out among that many processes, each loading its own pipeline. Results and errors come
    back in the order of ``paths``; ``on_error`` and ``on_done`` are called as each report ends.
    ``time_limit`` (seconds per report, 0 for none) and ``lock_wait`` (seconds to wait for another
    extraction writing to ``out_dir``) default to the settings'. Raises ``ReportError`` when
    ``out_dir`` is busy or unusable.

    >>> import tempfile
    >>> extract_paths([Path("missing.txt")], Path(tempfile.mkdtemp()) / "out")
    ([], ['missing.txt: no such file'])
    """
    settings = extractor.settings if extractor is not None else Settings()
    limit = settings.report_time_limit_seconds if time_limit is None else time_limit
    wait = settings.lock_wait_seconds if lock_wait is None else lock_wait
    paths = [Path(p) for p in paths]
    refused = _same_names(paths)
    outcomes: dict[int, tuple[ReportResult | None, str | None]] = {}

    def report(k: int, outcome: tuple[ReportResult | None, str | None]) -> None:
        outcomes[k] = outcome
        result, error = outcome
        if error is not None:
            if on_error:
                on_error(error)
        elif on_done:
            on_done(result)

    with hold_out(out_dir, wait):
        todo = [(k, p) for k, p in enumerate(paths) if k not in refused]
        if workers > 1 and len(todo) > 1:
            for k in refused:
                report(k, (None, refused[k]))
            _run_workers(todo, out_dir, min(workers, len(todo)), debug, limit, report)
        else:
            for k, path in enumerate(paths):
                report(k, (None, refused[k]) if k in refused
                       else _extract_one(path, out_dir, extractor, debug, limit))
    ordered = [outcomes[k] for k in sorted(outcomes)]
    return [r for r, _ in ordered if r is not None], [e for _, e in ordered if e is not None]


# --- worker processes ---------------------------------------------------------------------


@dataclass
class _Worker:
    """A worker process, the parent's end of its pipe, and the report it holds: its index, path
    and the time the worker started on it (None while the worker still loads its pipeline)."""

    process: multiprocessing.process.BaseProcess
    conn: multiprocessing.connection.Connection
    task: tuple[int, Path, float | None] | None = None


# The parent's ends of the pipes of the live workers. A worker forked later inherits copies of
# them, which it closes: otherwise a worker would not see its pipe close when the parent dies.
_PARENT_ENDS: list[multiprocessing.connection.Connection] = []


def _start_worker(context) -> _Worker:
    parent_end, child_end = context.Pipe()
    # Listed before the fork, so that the worker closes its copy of its own parent end too.
    _PARENT_ENDS.append(parent_end)
    process = context.Process(target=_worker_main, args=(child_end, os.getpid()), daemon=True)
    # PR_SET_PDEATHSIG follows the thread that forked the worker: start workers from the
    # thread that lives as long as the job (the main thread of the command line).
    process.start()
    child_end.close()
    return _Worker(process, parent_end)


def _stop_worker(worker: _Worker, kill: bool) -> None:
    if kill and worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=None if kill else 10)
    if worker.process.is_alive():
        worker.process.kill()
        worker.process.join()
    worker.conn.close()
    if worker.conn in _PARENT_ENDS:
        _PARENT_ENDS.remove(worker.conn)


def _run_workers(
    todo: list[tuple[int, Path]], out_dir: Path, count: int, debug: bool, limit: float | None,
    report: Callable[[int, tuple[ReportResult | None, str | None]], None],
) -> None:
    """Share ``todo`` among ``count`` workers, one report each at a time; publish what they save.

    A worker that dies fails the report it held and is replaced while reports remain; one that
    overruns the time limit by the grace is killed. Any exception here (Ctrl-C) kills them all.
    """
    context = multiprocessing.get_context()
    queue = deque(todo)
    pool: list[_Worker] = []
    grace = max(_KILL_GRACE_MIN, _KILL_GRACE_SHARE * limit) if limit else None
    finished = False
    try:
        while True:
            while queue and len(pool) < count:
                pool.append(_start_worker(context))
            for worker in pool:
                if worker.task is None and queue:
                    k, path = queue.popleft()
                    worker.task = (k, path, None)
                    try:
                        worker.conn.send((path, out_dir, debug, limit))
                    except OSError:
                        pass  # it died meanwhile: _collect sees it and fails this report
            busy = [w for w in pool if w.task is not None]
            if not busy:
                break
            timeout = None
            started = [w.task[2] for w in busy if w.task[2] is not None]
            if grace is not None and started:
                timeout = max(0.0, min(started) + limit + grace - time.monotonic())
            multiprocessing.connection.wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy], timeout
            )
            for worker in busy:
                outcome = _collect(worker, out_dir)
                k, path, since = worker.task
                if (outcome is None and grace is not None and since is not None
                        and time.monotonic() > since + limit + grace):
                    worker.process.kill()
                    worker.process.join()
                    outcome = (None, (
                        f"{path}: stopped after {limit:g} s (the time limit): its worker (pid "
                        f"{worker.process.pid}) did not stop by itself and was killed; nothing of "
                        "it was published"
                    ))
                if outcome is None:
                    continue
                worker.task = None
                if not worker.process.is_alive():
                    _stop_worker(worker, kill=True)
                    pool.remove(worker)
                report(k, outcome)
        finished = True
    finally:
        for worker in pool:
            if finished:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            _stop_worker(worker, kill=not finished)


def _collect(worker: _Worker, out_dir: Path) -> tuple[ReportResult | None, str | None] | None:
    """The outcome of the report a worker holds once it has one (published here), else None.
    Notes when the worker started on it: its time limit runs from then, its loading left out."""
    k, path, _ = worker.task
    while worker.conn.poll():
        try:
            kind, payload = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            return None, _died(worker, path)
        if kind == "started":
            worker.task = (k, path, time.monotonic())
            continue
        result, error = payload
        if result is None:
            return None, error
        try:
            result.files = publish_run(out_dir, result.slug, result.run_id)
            result.published = True
        except OSError as e:
            return None, f"{path}: cannot publish its outputs in {out_dir} ({e.strerror})"
        return result, None
    if not worker.process.is_alive():
        worker.process.join()
        return None, _died(worker, path)
    return None


def _died(worker: _Worker, path: Path) -> str:
    code = worker.process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        how = f"killed by {name}" + (", as the out-of-memory killer does" if -code == signal.SIGKILL else "")
    else:
        how = f"exit status {code}"
    return (
        f"{path}: its worker process (pid {worker.process.pid}) died while extracting it ({how}); "
        "nothing of it was published, the other reports went on"
    )


def _worker_main(conn: multiprocessing.connection.Connection, parent: int) -> None:
    """A worker: extract the reports its parent sends, one at a time, until told to stop."""
    _die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the parent decides, and kills the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for inherited in _PARENT_ENDS:
        inherited.close()
    _PARENT_ENDS.clear()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        path, out_dir, debug, limit = task
        # The pipeline is loaded before the first report's clock starts, here and in the parent.
        extractor = shared_extractor()
        conn.send(("started", None))
        conn.send(("done", _extract_one(path, out_dir, extractor, debug, limit, publish=False)))


def _die_with_parent(parent: int) -> None:
    """Make this process die with its parent: SIGKILL on the parent's death (Linux), else a thread
    that watches for it. A kill -9 of the parent then leaves no worker writing."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
                if os.getppid() != parent:
                    os._exit(1)  # the parent died before the request took effect
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


_SHARED: Extractor | None = None


def shared_extractor() -> Extractor:
    """One Extractor per process, built on first use (the notebook API shares it)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Extractor()
    return _SHARED
