"""The DuckDB export: the flat, ACLED and GTD tables in one database file.

Named ``duckdb_file`` so that it does not shadow the ``duckdb`` package.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa

from pipeline.exports.acled import acled_table
from pipeline.exports.flat import arrow_table
from pipeline.exports.gtd import gtd_table
from pipeline.io import ReportError
from pipeline.schema import Record


def duckdb_tables(
    records: Sequence[Record], actor_kinds: Mapping[str, str] | None = None
) -> dict[str, pa.Table]:
    """The tables of the DuckDB export: ``records`` (the flat typed columns), ``acled``, ``gtd``.

    Values are not neutralised (a database is not a spreadsheet). ``gtd`` starts with a
    ``record_id`` column, GTD's layout having no id to join on (ACLED's ``event_id_cnty`` is the
    record id already).

    >>> sorted(duckdb_tables([]))
    ['acled', 'gtd', 'records']
    """
    gtd = gtd_table(records, actor_kinds)
    ids = pa.array([r.id for r in records], pa.string())
    gtd = gtd.add_column(0, pa.field("record_id", pa.string()), ids)
    return {"records": arrow_table(records), "acled": acled_table(records, actor_kinds), "gtd": gtd}


def write_duckdb(records: Sequence[Record], path: Path, actor_kinds: Mapping[str, str] | None = None) -> None:
    """Write the DuckDB database to a temporary file beside ``path``, then rename it over ``path``.

    An existing database at ``path`` is replaced whole, never changed in place, so a failed
    export leaves the previous one as it was.

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> write_duckdb([], folder / "x.duckdb"); sorted(p.name for p in folder.iterdir())
    ['x.duckdb']
    """
    import duckdb

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # DuckDB creates its own file (and a write-ahead log beside it): give it a private folder.
    folder = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    try:
        tmp = folder / path.name
        connection = duckdb.connect(str(tmp))
        try:
            connection.execute("BEGIN TRANSACTION")
            for name, table in duckdb_tables(records, actor_kinds).items():
                connection.register("incoming", table)
                connection.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
                connection.unregister("incoming")
            connection.execute("COMMIT")
            # Fold the write-ahead log into the file: only the file is renamed into place.
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        os.replace(tmp, path)
    except duckdb.Error as e:
        raise ReportError(f"{path}: cannot write the DuckDB database ({e})") from e
    finally:
        shutil.rmtree(folder, ignore_errors=True)
