"""What several export targets share: spreadsheet-safe CSV cells, typed tables, the days a
record's date allows, the export timestamp, and who an actor is and who was harmed.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence

import pyarrow as pa

from pipeline.schema import DateValue, Record, TextSpan

# Cells a spreadsheet program would run as a formula: neutralised with a leading apostrophe.
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")

# Casualty kinds that say who was harmed; "arrested" and "released" do not.
HARM_KINDS = frozenset({"killed", "injured", "kidnapped", "missing", "captured"})


def probe_record() -> Record:
    """The emptiest valid record: every optional value null, every list empty.

    >>> probe_record().country, probe_record().actors
    (None, [])
    """
    return Record(
        id="", report="", section="", kind="timeline", text="", span=TextSpan(start=0, end=0),
        date=DateValue(start=None, end=None, precision=None, text=None), country=None,
        locations=[], actors=[], killed=None, injured=None, kidnapped=None, casualties=[],
        sources=[], event_type=None,
    )


def neutralise(value):
    """Make a CSV cell safe to open in a spreadsheet: formula-leading text gets an apostrophe.

    >>> neutralise("=HYPERLINK(1)"), neutralise("- : text"), neutralise(5)
    ("'=HYPERLINK(1)", "'- : text", 5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_LEAD):
        return "'" + value
    return value


def csv_cell(value) -> str:
    """One value of a typed table as a CSV cell: empty for null, ISO dates, floats as Python
    writes them, text neutralised.

    >>> csv_cell(None), csv_cell(dt.date(2024, 7, 25)), csv_cell(-3.5), csv_cell("=1")
    ('', '2024-07-25', '-3.5', "'=1")
    """
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(neutralise(value))


def table_csv_bytes(table: pa.Table) -> bytes:
    """A typed table as CSV: a header row, empty cells for nulls, ISO dates, every text cell
    neutralised (numbers are left as numbers: a longitude of -3.5 stays -3.5).

    >>> table_csv_bytes(pa.table({"a": ["=1", None], "b": [-3.5, 2.0]}))
    b"a,b\\n'=1,-3.5\\n,2.0\\n"
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.column_names)
    for row in table.to_pylist():
        writer.writerow([csv_cell(row[name]) for name in table.column_names])
    return buffer.getvalue().encode("utf-8")


def typed_table(rows: list[dict], columns: Sequence[tuple[str, pa.DataType]]) -> pa.Table:
    """Rows of dicts as an Arrow table with exactly ``columns``, in that order and of those types.

    >>> typed_table([{"n": 1, "x": "a"}], [("n", pa.int64())]).schema
    n: int64
    """
    schema = pa.schema([pa.field(name, kind) for name, kind in columns])
    return pa.table({name: [row[name] for row in rows] for name, _ in columns}, schema=schema)


def date_bounds(date: DateValue) -> tuple[dt.date, dt.date, bool] | None:
    """The first and last day the event can fall on, and whether either end was inferred.

    >>> day = dt.date(2024, 7, 25)
    >>> date_bounds(DateValue(start=day, end=day, precision="day", text=None))
    (datetime.date(2024, 7, 25), datetime.date(2024, 7, 25), False)
    """
    if date.start is not None or date.end is not None:
        low = date.start or date.not_before or date.end
        high = date.end or date.not_after or date.start
        return low, high, date.start is None or date.end is None
    if date.not_before is not None and date.not_after is not None:
        return date.not_before, date.not_after, True
    return None


def export_timestamp(records: Sequence[Record]) -> int:
    """A fixed Unix time for ACLED's ``timestamp``: midnight UTC of the latest stated event date.

    It says "data as of" and changes only when the records do; the current time would make
    every export differ. 0 when no record has a date.

    >>> day = dt.date(2025, 2, 7)
    >>> export_timestamp([probe_record().model_copy(update={
    ...     "date": DateValue(start=day, end=day, precision="day", text=None)})])
    1738886400
    """
    days = [d for r in records for d in (r.date.start, r.date.end) if d is not None]
    return calendar.timegm(max(days).timetuple()) if days else 0


def kind_of(actor, actor_kinds: Mapping[str, str]) -> str | None:
    """An actor's kind: the actors table's (``actor_kinds``) first, else the one it carries.

    >>> from pipeline.schema import Actor, Evidence
    >>> jnim = Actor(text="JNIM", name="JNIM", role="perpetrator", attribution="stated",
    ...              evidence=Evidence(text="JNIM", start=0, end=4, method="rule:test"))
    >>> kind_of(jnim, {"JNIM": "jihadist group"}), kind_of(jnim, {})
    ('jihadist group', None)
    """
    return actor_kinds.get(actor.name) or actor.kind
