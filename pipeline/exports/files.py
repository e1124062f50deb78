"""The export command: which file a format goes to, and writing it there atomically."""

from __future__ import annotations

from pathlib import Path

from pipeline.exports.acled import to_acled_bytes
from pipeline.exports.dedupe import dedupe_records
from pipeline.exports.duckdb_file import write_duckdb
from pipeline.exports.flat import to_csv_bytes, to_parquet_bytes
from pipeline.exports.gtd import to_gtd_bytes
from pipeline.io import ReportError, atomic_write_bytes, read_records

EXPORT_SUFFIXES = {
    "csv": ".csv",
    "parquet": ".parquet",
    "acled": ".acled.csv",
    "gtd": ".gtd.csv",
    "duckdb": ".duckdb",
}


def export_path(records_path: Path, fmt: str, dedupe: bool = False) -> Path:
    """The default output beside the input: ``<stem><suffix>``, with ``.dedupe`` before the
    suffix when deduplicated, so that it never overwrites the extract job's own CSV or Parquet.

    >>> export_path(Path("extracted/mali.jsonl"), "acled").as_posix()
    'extracted/mali.acled.csv'
    >>> export_path(Path("extracted/mali.jsonl"), "csv", dedupe=True).name
    'mali.dedupe.csv'
    """
    name = records_path.name
    stem = name.removesuffix(".jsonl") if name.endswith(".jsonl") else records_path.stem
    middle = ".dedupe" if dedupe else ""
    return records_path.with_name(f"{stem}{middle}{EXPORT_SUFFIXES[fmt]}")


def export_file(records_path: Path, fmt: str, out: Path | None = None, dedupe: bool = False) -> Path:
    """Export an extracted JSONL file to ``fmt``; return the path written.

    ``fmt`` is one of csv, parquet, acled, gtd, duckdb; ``out`` defaults to ``export_path``, and
    an existing folder as ``out`` receives the file under its default name; ``dedupe`` keeps one
    record per event (``dedupe_records``). Actor kinds for the ACLED and
    GTD codes come from ``pipeline/data/actors.csv``. Bad input raises ``ReportError`` naming
    the file and the problem.

    >>> export_file(Path("/dev/null"), "xml")
    Traceback (most recent call last):
    pipeline.io.ReportError: /dev/null: unknown export format 'xml': use one of csv, parquet, acled, gtd, duckdb
    """
    records_path = Path(records_path)
    if fmt not in EXPORT_SUFFIXES:
        raise ReportError(
            f"{records_path}: unknown export format {fmt!r}: use one of {', '.join(EXPORT_SUFFIXES)}"
        )
    if records_path.suffix == ".parquet":
        raise ReportError(
            f"{records_path}: export reads the extracted JSONL, not Parquet: give the .jsonl file"
        )
    out = Path(out) if out is not None else export_path(records_path, fmt, dedupe)
    if out.is_dir():
        out = out / export_path(records_path, fmt, dedupe).name
    if out.resolve() == records_path.resolve():
        raise ReportError(f"{out}: would overwrite the records being exported: choose another --out")
    records = read_records(records_path)
    if dedupe:
        records = dedupe_records(records)
    actor_kinds = _actor_kinds() if fmt in ("acled", "gtd", "duckdb") else {}
    try:
        if fmt == "duckdb":
            write_duckdb(records, out, actor_kinds)
        else:
            writers = {
                "csv": to_csv_bytes,
                "parquet": to_parquet_bytes,
                "acled": lambda rs: to_acled_bytes(rs, actor_kinds),
                "gtd": lambda rs: to_gtd_bytes(rs, actor_kinds),
            }
            atomic_write_bytes(out, writers[fmt](records))
    except OSError as e:
        raise ReportError(f"{out}: cannot write the {fmt} export ({e.strerror or e})") from e
    return out


def _actor_kinds() -> dict[str, str]:
    from pipeline.tables import load_tables

    return load_tables().actor_kinds()
