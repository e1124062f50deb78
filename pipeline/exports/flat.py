"""Flat rows: one record per row in the CSV and Parquet columns, and records back as a DataFrame.

Column names are part of the data contract (see docs/exports.md): renaming one is a major change.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.exports.common import neutralise, probe_record
from pipeline.io import ReportError, read_records
from pipeline.schema import Record


def _names(record: Record, role: str) -> list[str]:
    return [a.name for a in record.actors if a.role == role]


def flat_row(record: Record) -> dict:
    """One record as a flat dict of scalars and lists (the CSV and Parquet columns).

    Lists of names keep report order; for CSV they are joined with "; ".

    >>> flat_row(probe_record())["killed"], flat_row(probe_record())["locations"]
    (None, [])
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


def csv_frame(records: Sequence[Record]) -> pd.DataFrame:
    """The CSV table: lists joined with "; ", every text cell neutralised.

    >>> csv_frame([probe_record()]).shape
    (1, 33)
    """
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
    """The flat column names, in order.

    >>> flat_row_columns()[:3]
    ['id', 'schema_version', 'report']
    """
    return list(flat_row(probe_record()))


def to_csv_bytes(records: Sequence[Record]) -> bytes:
    """CSV bytes with a header row; empty cells for nulls.

    >>> to_csv_bytes([]).decode().split(",")[:2]
    ['id', 'schema_version']
    """
    return csv_frame(records).to_csv(index=False, lineterminator="\n").encode("utf-8")


def arrow_table(records: Sequence[Record]) -> pa.Table:
    """Typed columns: dates as date32, counts as nullable int64, lists as list<string>.

    >>> arrow_table([probe_record()]).schema.field("date_start").type
    DataType(date32[day])
    """
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


def _parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", write_statistics=False)
    return sink.getvalue()


def to_parquet_bytes(records: Sequence[Record]) -> bytes:
    """Parquet bytes, written without timestamps so the same records give the same bytes.

    >>> to_parquet_bytes([]) == to_parquet_bytes([])
    True
    """
    return _parquet_bytes(arrow_table(records))


def load_frame(path) -> pd.DataFrame:
    """A DataFrame of records from a ``.jsonl`` or ``.parquet`` output, typed as in Parquet.

    Both give the same frame: counts as nullable ``Int64``, coordinates as nullable ``Float64``,
    text as ``string`` with ``<NA>`` for null, dates as ``datetime.date`` (``None`` for null) and
    lists as Python lists.

    >>> load_frame("/dev/null").shape
    (0, 33)
    """
    path = Path(path)
    if path.suffix == ".parquet":
        try:
            table = pq.read_table(path)
        except FileNotFoundError as e:
            raise ReportError(f"{path}: no such file") from e
        except (OSError, pa.ArrowInvalid) as e:
            raise ReportError(f"{path}: not a readable Parquet file ({e})") from e
    else:
        table = arrow_table(read_records(path))
    return table_frame(table)


def table_frame(table: pa.Table) -> pd.DataFrame:
    """An Arrow table as a DataFrame that keeps every null a null and every list a list.

    pandas would otherwise turn a null count into NaN (a float), a null text into NaN and a
    list into a numpy array.

    >>> table_frame(pa.table({"n": pa.array([1, None])}))["n"].tolist()
    [1, <NA>]
    """
    frame = table.to_pandas(types_mapper=_pandas_types)
    for field in table.schema:
        if pa.types.is_list(field.type):
            frame[field.name] = pd.Series(table.column(field.name).to_pylist(), dtype=object)
    return frame


_PANDAS_TYPES = {
    pa.int64(): pd.Int64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
    pa.string(): pd.StringDtype(),
}


def _pandas_types(kind: pa.DataType):
    return _PANDAS_TYPES.get(kind)
