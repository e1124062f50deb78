"""The extract job: reports in, four files per report out (JSONL, CSV, Parquet, manifest).

One spaCy pipeline is loaded once and shared by every report of a run. A report that fails is
reported in one line and the others still run; its previous outputs are left as they were.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from concurrent.futures import ProcessPoolExecutor
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from pipeline import __version__ as PIPELINE_VERSION
from pipeline.checks import check_records
from pipeline.exports import to_csv_bytes, to_parquet_bytes
from pipeline.history import latest_records, save_run
from pipeline.ids import assign_ids
from pipeline.io import ReportError, atomic_write_files, json_bytes, records_jsonl
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
    files: list[Path]


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


def extract_report(extractor: Extractor, report: SourceText, out_dir: Path) -> ReportResult:
    """Extract one decoded report and write its four files atomically into ``out_dir``."""
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
    }
    try:
        # The run keeps its own copy first: the files at the top of out_dir are the latest run's.
        save_run(out_dir, report.slug, outputs, manifest)
        # The four files are replaced together or not at all: never a new JSONL beside an old
        # Parquet file.
        top = {out_dir / name: data for name, data in outputs.items()}
        top[out_dir / f"{report.slug}.manifest.json"] = json_bytes(manifest)
        atomic_write_files(top)
    except OSError as e:
        raise ReportError(f"{report.path}: cannot write outputs to {out_dir} ({e.strerror})") from e
    return ReportResult(report.slug, report.path, records, manifest, list(top))


def _extract_one(
    path: Path, out_dir: Path, extractor: Extractor | None, debug: bool
) -> tuple[ReportResult | None, str | None]:
    """One report: its result, or its one-line error. Outside ``debug``, an unexpected exception
    (a bug a strange text brought out) is that report's error too."""
    try:
        report = read_source(path, (extractor or shared_extractor()).settings)
        return extract_report(extractor or shared_extractor(), report, out_dir), None
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


def _work(path: Path, out_dir: Path, debug: bool) -> tuple[ReportResult | None, str | None]:
    """A worker process's job: its own pipeline, loaded once on its first report."""
    return _extract_one(path, out_dir, None, debug)


def extract_paths(
    paths: Sequence[Path],
    out_dir: Path,
    extractor: Extractor | None = None,
    on_error: Callable[[str], None] | None = None,
    on_done: Callable[[ReportResult], None] | None = None,
    debug: bool = False,
    workers: int = 1,
) -> tuple[list[ReportResult], list[str]]:
    """Extract every report; a failing report adds its one-line error and the rest still run.

    One pipeline serves every report of a process. With ``workers`` above 1 the reports are
    shared out among that many processes, each loading its own pipeline; results come back in
    the order of ``paths`` either way.
    """
    paths = [Path(p) for p in paths]
    refused = _same_names(paths)
    todo = [p for k, p in enumerate(paths) if k not in refused]
    results: list[ReportResult] = []
    errors: list[str] = []

    def report(outcome: tuple[ReportResult | None, str | None]) -> None:
        result, error = outcome
        if error is not None:
            errors.append(error)
            if on_error:
                on_error(error)
        else:
            results.append(result)
            if on_done:
                on_done(result)

    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
            done = pool.map(_work, todo, [out_dir] * len(todo), [debug] * len(todo))
            for k in range(len(paths)):
                report((None, refused[k]) if k in refused else next(done))
    else:
        for k, path in enumerate(paths):
            report((None, refused[k]) if k in refused else _extract_one(path, out_dir, extractor, debug))
    return results, errors


_SHARED: Extractor | None = None


def shared_extractor() -> Extractor:
    """One Extractor per process, built on first use (the notebook API shares it)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = Extractor()
    return _SHARED
