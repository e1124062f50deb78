"""Records -> tables: the flat CSV columns and the typed Parquet columns.

Column names are part of the data contract (see docs/exports.md): renaming one is a major change.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import Record

# Cells a spreadsheet program would run as a formula: neutralised with a leading apostrophe.
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def _names(record: Record, role: str) -> list[str]:
    return [a.name for a in record.actors if a.role == role]


def flat_row(record: Record) -> dict:
    """One record as a flat dict of scalars and lists (the CSV and Parquet columns).

    Lists of names keep report order; for CSV they are joined with "; ".
    """
    first = record.locations[0] if record.locations else None
    perpetrators = [a for a in record.actors if a.role == "perpetrator"]
    return {
        "id": record.id,
        "schema_version": record.schema_version,
        "report": record.report,
        "section": record.section,
        "kind": record.kind,
        "date_start": record.date.start,
        "date_end": record.date.end,
        "date_precision": record.date.precision,
        "date_edtf": record.date.edtf,
        "date_not_before": record.date.not_before,
        "date_not_after": record.date.not_after,
        "country": record.country,
        "locations": [loc.name for loc in record.locations],
        "admin1": first.admin1 if first else None,
        "latitude": first.lat if first else None,
        "longitude": first.lon if first else None,
        "geo_precision": first.geo_precision if first else None,
        "perpetrators": [a.name for a in perpetrators],
        "perpetrator_attributions": [a.attribution or "" for a in perpetrators],
        "perpetrator_description": record.perpetrator_description,
        "targets": _names(record, "target"),
        "other_actors": _names(record, "other"),
        "killed": record.killed,
        "injured": record.injured,
        "kidnapped": record.kidnapped,
        "perpetrators_killed": record.perpetrators_killed,
        "disputed": record.disputed,
        "event_type": record.event_type,
        "sources": list(record.sources),
        "same_as": list(record.same_as),
        "text": record.text,
        "span_start": record.span.start,
        "span_end": record.span.end,
    }


LIST_COLUMNS = (
    "locations", "perpetrators", "perpetrator_attributions", "targets", "other_actors",
    "sources", "same_as",
)
COUNT_COLUMNS = ("killed", "injured", "kidnapped", "perpetrators_killed", "geo_precision")
DATE_COLUMNS = ("date_start", "date_end", "date_not_before", "date_not_after")


def neutralise(value):
    """Make a CSV cell safe to open in a spreadsheet: formula-leading text gets an apostrophe.

    >>> neutralise("=HYPERLINK(1)"), neutralise("- : text"), neutralise(5)
    ("'=HYPERLINK(1)", "'- : text", 5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_LEAD):
        return "'" + value
    return value


def csv_frame(records: Sequence[Record]) -> pd.DataFrame:
    """The CSV table: lists joined with "; ", every text cell neutralised."""
    rows = []
    for record in records:
        row = flat_row(record)
        for key in LIST_COLUMNS:
            row[key] = "; ".join(row[key])
        rows.append({k: neutralise(v) for k, v in row.items()})
    frame = pd.DataFrame(rows, columns=list(flat_row_columns()))
    for key in COUNT_COLUMNS:
        frame[key] = frame[key].astype("Int64")
    return frame


def flat_row_columns() -> list[str]:
    from pipeline.schema import DateValue, TextSpan

    probe = Record(
        id="", report="", section="", kind="timeline", text="", span=TextSpan(start=0, end=0),
        date=DateValue(start=None, end=None, precision=None, text=None), country=None,
        locations=[], actors=[], killed=None, injured=None, kidnapped=None, casualties=[],
        sources=[], event_type=None,
    )
    return list(flat_row(probe))


def to_csv_bytes(records: Sequence[Record]) -> bytes:
    """CSV bytes with a header row; empty cells for nulls."""
    return csv_frame(records).to_csv(index=False, lineterminator="\n").encode("utf-8")


def arrow_table(records: Sequence[Record]) -> pa.Table:
    """Typed columns: dates as date32, counts as nullable int64, lists as list<string>."""
    rows = [flat_row(r) for r in records]
    columns = flat_row_columns()
    fields = []
    for name in columns:
        if name in DATE_COLUMNS:
            kind = pa.date32()
        elif name in COUNT_COLUMNS or name in ("span_start", "span_end"):
            kind = pa.int64()
        elif name in LIST_COLUMNS:
            kind = pa.list_(pa.string())
        elif name in ("latitude", "longitude"):
            kind = pa.float64()
        elif name == "disputed":
            kind = pa.bool_()
        else:
            kind = pa.string()
        fields.append(pa.field(name, kind))
    schema = pa.schema(fields)
    data = {name: [row[name] for row in rows] for name in columns}
    return pa.table(data, schema=schema)


def to_parquet_bytes(records: Sequence[Record]) -> bytes:
    """Parquet bytes, written without timestamps so the same records give the same bytes."""
    sink = io.BytesIO()
    pq.write_table(arrow_table(records), sink, compression="zstd", write_statistics=False)
    return sink.getvalue()


def load_frame(path) -> pd.DataFrame:
    """A DataFrame of records from a ``.jsonl`` or ``.parquet`` output, typed as in Parquet.

    >>> load_frame("extracted/mali.jsonl").shape[0]
    193
    """
    from pathlib import Path

    from pipeline.io import read_records

    path = Path(path)
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pandas(types_mapper=_pandas_types)
    return arrow_table(read_records(path)).to_pandas(types_mapper=_pandas_types)


def _pandas_types(kind: pa.DataType):
    if kind == pa.int64():
        return pd.Int64Dtype()
    return None
