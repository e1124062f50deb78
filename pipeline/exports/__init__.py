"""Records -> tables: the flat CSV and Parquet columns, the ACLED and GTD layouts, DuckDB.

One module per target: ``flat`` (CSV, Parquet, ``load_frame``), ``acled``, ``gtd``,
``duckdb_file``; ``dedupe`` keeps one record per event, ``common`` holds what the targets share,
``countries`` the country names and ISO numeric codes, ``files`` the export command.

Column names are part of the data contract (see docs/exports.md): renaming one is a major change.
Every export is deterministic (the same records give the same bytes) and written atomically; every
text cell of a CSV-like export is neutralised so that a spreadsheet never runs it as a formula.
"""

from pipeline.exports.acled import acled_actors, acled_event, acled_table, time_precision, to_acled_bytes
from pipeline.exports.common import export_timestamp, neutralise, table_csv_bytes
from pipeline.exports.dedupe import dedupe_records
from pipeline.exports.duckdb_file import duckdb_tables, write_duckdb
from pipeline.exports.files import EXPORT_SUFFIXES, export_file, export_path
from pipeline.exports.flat import (
    arrow_table,
    flat_row,
    flat_row_columns,
    load_frame,
    table_frame,
    to_csv_bytes,
    to_parquet_bytes,
)
from pipeline.exports.gtd import gtd_row, gtd_table, to_gtd_bytes

__all__ = [
    "EXPORT_SUFFIXES", "acled_actors", "acled_event", "acled_table", "arrow_table",
    "dedupe_records", "duckdb_tables", "export_file", "export_path", "export_timestamp",
    "flat_row", "flat_row_columns", "gtd_row", "gtd_table", "load_frame", "neutralise",
    "table_csv_bytes", "table_frame", "time_precision", "to_acled_bytes", "to_csv_bytes",
    "to_gtd_bytes", "to_parquet_bytes", "write_duckdb",
]
