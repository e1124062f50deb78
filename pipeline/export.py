"""Records -> tables: the flat CSV and Parquet columns, the ACLED and GTD layouts, DuckDB.

Column names are part of the data contract (see docs/exports.md): renaming one is a major change.
Every export is deterministic (the same records give the same bytes) and written atomically; every
text cell of a CSV-like export is neutralised so that a spreadsheet never runs it as a formula.

The ACLED and GTD layouts map our values onto those datasets' codes. Each rule is written here
once, with the reason, and listed column by column in docs/exports.md with what the target format
cannot carry.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import os
import re
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.io import ReportError, atomic_write_bytes, read_records
from pipeline.schema import DateValue, Record, TextSpan

# Cells a spreadsheet program would run as a formula: neutralised with a leading apostrophe.
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def _names(record: Record, role: str) -> list[str]:
    return [a.name for a in record.actors if a.role == role]


def flat_row(record: Record) -> dict:
    """One record as a flat dict of scalars and lists (the CSV and Parquet columns).

    Lists of names keep report order; for CSV they are joined with "; ".

    >>> flat_row(_probe_record())["killed"], flat_row(_probe_record())["locations"]
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


def neutralise(value):
    """Make a CSV cell safe to open in a spreadsheet: formula-leading text gets an apostrophe.

    >>> neutralise("=HYPERLINK(1)"), neutralise("- : text"), neutralise(5)
    ("'=HYPERLINK(1)", "'- : text", 5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_LEAD):
        return "'" + value
    return value


def csv_frame(records: Sequence[Record]) -> pd.DataFrame:
    """The CSV table: lists joined with "; ", every text cell neutralised.

    >>> csv_frame([_probe_record()]).shape
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


def _probe_record() -> Record:
    """The emptiest valid record: every optional value null, every list empty."""
    return Record(
        id="", report="", section="", kind="timeline", text="", span=TextSpan(start=0, end=0),
        date=DateValue(start=None, end=None, precision=None, text=None), country=None,
        locations=[], actors=[], killed=None, injured=None, kidnapped=None, casualties=[],
        sources=[], event_type=None,
    )


def flat_row_columns() -> list[str]:
    """The flat column names, in order.

    >>> flat_row_columns()[:3]
    ['id', 'schema_version', 'report']
    """
    return list(flat_row(_probe_record()))


def to_csv_bytes(records: Sequence[Record]) -> bytes:
    """CSV bytes with a header row; empty cells for nulls.

    >>> to_csv_bytes([]).decode().split(",")[:2]
    ['id', 'schema_version']
    """
    return csv_frame(records).to_csv(index=False, lineterminator="\n").encode("utf-8")


def arrow_table(records: Sequence[Record]) -> pa.Table:
    """Typed columns: dates as date32, counts as nullable int64, lists as list<string>.

    >>> arrow_table([_probe_record()]).schema.field("date_start").type
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


# --- one record per event ------------------------------------------------------------------


def dedupe_records(records: Sequence[Record]) -> list[Record]:
    """One record per event: drop a record whose ``same_as`` names a record kept before it, or
    that a kept record's ``same_as`` names (a link written on one side only still counts).

    Report order decides which copy stays (timeline entries come before the narrative events
    that retell them), so the kept record is the dated timeline entry.

    >>> a = _probe_record().model_copy(update={"id": "a"})
    >>> b = _probe_record().model_copy(update={"id": "b", "same_as": ["a"]})
    >>> [r.id for r in dedupe_records([a, b])]
    ['a']
    """
    kept: list[Record] = []
    kept_ids: set[str] = set()
    named_by_kept: set[str] = set()
    for record in records:
        if record.id in named_by_kept or kept_ids.intersection(record.same_as):
            continue
        kept.append(record)
        kept_ids.add(record.id)
        named_by_kept.update(record.same_as)
    return kept


# --- countries -----------------------------------------------------------------------------

# ISO 3166-1 numeric codes and the names ACLED and GTD both use ("Ivory Coast", not "Côte
# d'Ivoire"), for the countries the Sahel reports' records fall in and for the home countries
# of the foreign forces, hostages and courts they name. A code missing here leaves ``iso``
# empty and the country name as the alpha-2 code: add the row (tests/test_export.py checks
# that every country of pipeline/data/places.csv is here).
COUNTRIES: dict[str, tuple[int, str]] = {
    "AE": (784, "United Arab Emirates"),
    "AF": (4, "Afghanistan"),
    "AT": (40, "Austria"),
    "AU": (36, "Australia"),
    "BE": (56, "Belgium"),
    "BF": (854, "Burkina Faso"),
    "BJ": (204, "Benin"),
    "CA": (124, "Canada"),
    "CF": (140, "Central African Republic"),
    "CH": (756, "Switzerland"),
    "CI": (384, "Ivory Coast"),
    "CM": (120, "Cameroon"),
    "CN": (156, "China"),
    "CZ": (203, "Czech Republic"),
    "DE": (276, "Germany"),
    "DK": (208, "Denmark"),
    "DZ": (12, "Algeria"),
    "EE": (233, "Estonia"),
    "EG": (818, "Egypt"),
    "EH": (732, "Western Sahara"),
    "ES": (724, "Spain"),
    "FR": (250, "France"),
    "GB": (826, "United Kingdom"),
    "GH": (288, "Ghana"),
    "GM": (270, "Gambia"),
    "GN": (324, "Guinea"),
    "GW": (624, "Guinea-Bissau"),
    "HU": (348, "Hungary"),
    "IE": (372, "Ireland"),
    "IL": (376, "Israel"),
    "IQ": (368, "Iraq"),
    "IT": (380, "Italy"),
    "LR": (430, "Liberia"),
    "LT": (440, "Lithuania"),
    "LY": (434, "Libya"),
    "MA": (504, "Morocco"),
    "ML": (466, "Mali"),
    "MR": (478, "Mauritania"),
    "NE": (562, "Niger"),
    "NG": (566, "Nigeria"),
    "NL": (528, "Netherlands"),
    "NO": (578, "Norway"),
    "PS": (275, "Palestine"),
    "PT": (620, "Portugal"),
    "QA": (634, "Qatar"),
    "RO": (642, "Romania"),
    "RU": (643, "Russia"),
    "SA": (682, "Saudi Arabia"),
    "SD": (729, "Sudan"),
    "SE": (752, "Sweden"),
    "SL": (694, "Sierra Leone"),
    "SN": (686, "Senegal"),
    "SO": (706, "Somalia"),
    "SY": (760, "Syria"),
    "TD": (148, "Chad"),
    "TG": (768, "Togo"),
    "TN": (788, "Tunisia"),
    "TR": (792, "Turkey"),
    "UA": (804, "Ukraine"),
    "US": (840, "United States"),
    "ZA": (710, "South Africa"),
}


def country_name(code: str | None) -> str | None:
    """The country's name as ACLED and GTD write it; the code itself when it is not in the table.

    >>> country_name("CI"), country_name("ML"), country_name(None)
    ('Ivory Coast', 'Mali', None)
    """
    if code is None:
        return None
    return COUNTRIES[code][1] if code in COUNTRIES else code


# --- dates ---------------------------------------------------------------------------------

# ACLED's time precision 2 covers "a week or a range of a few days": a day-precise range of up
# to seven calendar days (start and end included). Longer day-precise ranges are precision 3.
_WEEK_DAYS = 6


def _date_bounds(date: DateValue) -> tuple[dt.date, dt.date, bool] | None:
    """The first and last day the event can fall on, and whether either end was inferred."""
    if date.start is not None or date.end is not None:
        low = date.start or date.not_before or date.end
        high = date.end or date.not_after or date.start
        return low, high, date.start is None or date.end is None
    if date.not_before is not None and date.not_after is not None:
        return date.not_before, date.not_after, True
    return None


def time_precision(date: DateValue) -> int | None:
    """ACLED's time precision: 1 a day, 2 a week or a range of a few days, 3 a month or coarser
    (and every date inferred from the neighbouring entries); None when there is no date at all.

    >>> day = dt.date(2024, 7, 25)
    >>> time_precision(DateValue(start=day, end=day, precision="day", text=None))
    1
    >>> time_precision(DateValue(start=day, end=dt.date(2024, 7, 27), precision="day", text=None))
    2
    """
    bounds = _date_bounds(date)
    if bounds is None:
        return None
    low, high, inferred = bounds
    if inferred or date.precision != "day":
        return 3
    days = (high - low).days
    if days == 0:
        return 1
    return 2 if days <= _WEEK_DAYS else 3


def _middle(low: dt.date, high: dt.date) -> dt.date:
    # ACLED codes an event known only to a period on the period's middle day; rounding down keeps
    # a two-day range on its first day.
    return low + dt.timedelta(days=(high - low).days // 2)


def export_timestamp(records: Sequence[Record]) -> int:
    """A fixed Unix time for ACLED's ``timestamp``: midnight UTC of the latest stated event date.

    It says "data as of" and changes only when the records do; the current time would make
    every export differ. 0 when no record has a date.

    >>> day = dt.date(2025, 2, 7)
    >>> export_timestamp([_probe_record().model_copy(update={
    ...     "date": DateValue(start=day, end=day, precision="day", text=None)})])
    1738886400
    """
    days = [d for r in records for d in (r.date.start, r.date.end) if d is not None]
    return calendar.timegm(max(days).timetuple()) if days else 0


# --- ACLED ---------------------------------------------------------------------------------

ACLED_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("event_id_cnty", pa.string()),
    ("event_date", pa.date32()),
    ("year", pa.int64()),
    ("time_precision", pa.int64()),
    ("disorder_type", pa.string()),
    ("event_type", pa.string()),
    ("sub_event_type", pa.string()),
    ("actor1", pa.string()),
    ("assoc_actor_1", pa.string()),
    ("inter1", pa.int64()),
    ("actor2", pa.string()),
    ("interaction", pa.int64()),
    ("iso", pa.int64()),
    ("country", pa.string()),
    ("admin1", pa.string()),
    ("location", pa.string()),
    ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("geo_precision", pa.int64()),
    ("source", pa.string()),
    ("notes", pa.string()),
    ("fatalities", pa.int64()),
    ("tags", pa.string()),
    ("timestamp", pa.int64()),
)

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

DISORDER_TYPES = {
    BATTLES: "Political violence",
    EXPLOSIONS: "Political violence",
    VIOLENCE_AGAINST_CIVILIANS: "Political violence",
    PROTESTS: "Demonstrations",
    RIOTS: "Demonstrations",
    STRATEGIC: "Strategic developments",
}

# ACLED's actor types ("inter" codes): 1 state forces, 2 rebel groups, 3 political militias,
# 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
# Our actor kinds (pipeline/data/actors.csv) map onto them as ACLED codes the Sahel's actors:
# JNIM and IS Sahel are rebel groups; Dan Na Ambassagou and the Dozo are identity (ethnic)
# militias; French forces, MINUSMA and Wagner fight outside their own country (external).
INTER_BY_KIND: dict[str, int] = {
    "state force": 1,
    "government body": 1,
    "court": 1,
    "jihadist group": 2,
    "armed group": 2,
    "militia": 4,
    "foreign force": 8,
    "international force": 8,
    "international body": 8,
    "private military company": 8,
}
INTER_UNIDENTIFIED = 3
INTER_RIOTERS = 5
INTER_PROTESTERS = 6
INTER_CIVILIANS = 7

# Victim groups and actor kinds that are armed: violence against them is a battle, not violence
# against civilians (ACLED keeps that type for unarmed victims).
ARMED_GROUPS = frozenset({"soldiers", "peacekeepers", "police", "militants"})
ARMED_KINDS = frozenset({
    "state force", "jihadist group", "armed group", "militia", "foreign force",
    "international force", "private military company",
})
# Casualty kinds that say who was harmed; "arrested" and "released" do not.
_HARM_KINDS = frozenset({"killed", "injured", "kidnapped", "missing", "captured"})

# Words that choose a sub-event type; each must match the means, not a background mention.
# "suicide bomber", "suicide attack", "suicide car bomb" (not "suicided").
_SUICIDE = re.compile(r"\bsuicide\b", re.IGNORECASE)
# "airstrike", "air strike", "air raid", "drone strike", "aerial bombardment", "warplanes".
# Not "helicopters": "French ground forces and helicopters launch an operation" (November 13,
# 2020) is a ground operation with air support, a battle.
_AIR = re.compile(r"\b(air ?strikes?|air raids?|drones?|aerial|warplanes?)\b", re.IGNORECASE)
# "mortar fire", "rockets", "shelling", "artillery", "missiles" (an attack by indirect fire).
_SHELLING = re.compile(r"\b(mortars?|rockets?|shell(s|ing|ed)|artillery|missiles?)\b", re.IGNORECASE)
_GRENADE = re.compile(r"\bgrenades?\b", re.IGNORECASE)
# "arrest", "arrests", "arrested", "detain", "detained", "apprehended" (not "arresting officer"
# matters little: an arrest by any means is ACLED's Arrests).
_ARREST = re.compile(r"\b(arrest(s|ed)?|detain(s|ed)?|apprehend(s|ed)?)\b", re.IGNORECASE)
# "retake", "retook", "recaptured", "regain control": the state taking territory back.
_REGAIN = re.compile(r"\b(retakes?|retook|retaken|recaptur(e|es|ed)|regain(s|ed)?)\b", re.IGNORECASE)
# A group's own change: mergers, new names, pledges of allegiance, splits, dissolution.
_GROUP_CHANGE = re.compile(
    r"\b(merge[sd]?|merger|pledg(e|es|ed)|allegiance|renam(e|es|ed)|split|dissolv(e|es|ed))\b",
    re.IGNORECASE,
)
# Nouns only for demonstrations: "the attack demonstrates the group's reach" is no protest.
_PROTEST = re.compile(r"\b(protest(s|ers?|ed)?|demonstrations?|demonstrators?)\b", re.IGNORECASE)
# "Islamists destroy UNESCO world heritage sites ... in Timbuktu" (undated entry): ACLED's
# Looting/property destruction.
_DESTRUCTION = re.compile(
    r"\b(destroy(s|ed)?|loot(s|ed|ing)?|burn(s|ed|t)?|raze[sd]?|vandali[sz]e[sd]?)\b", re.IGNORECASE
)
_RIOT = re.compile(r"\b(riot(s|ers?|ed|ing)?)\b", re.IGNORECASE)


def _victim_groups(record: Record) -> set[str]:
    return {c.group for c in record.casualties if not c.perpetrators and c.kind in _HARM_KINDS}


def _kind_of(actor, actor_kinds: Mapping[str, str]) -> str | None:
    return actor_kinds.get(actor.name) or actor.kind


def _armed_victims(record: Record, actor_kinds: Mapping[str, str]) -> bool:
    targets = [a for a in record.actors if a.role == "target"]
    return any(_kind_of(a, actor_kinds) in ARMED_KINDS for a in targets) or bool(
        _victim_groups(record) & ARMED_GROUPS
    )


def acled_event(record: Record, actor_kinds: Mapping[str, str] | None = None) -> tuple[str, str]:
    """ACLED's event type and sub-event type, decided from our event type, the targets' kinds,
    the victim groups of the casualty figures and a few words of the text (the means).

    The rules, in order (docs/exports.md lists them as a table):

    - no type, ``other``, ``statement``: a riot is Riots / Violent demonstration, a protest is
      Protests / Peaceful protest, a merger or pledge is Strategic developments / Change to
      group/activity, destroying or looting is Strategic developments / Looting/property
      destruction, anything else Strategic developments / Other;
    - ``bombing``: Explosions/Remote violence, with Suicide bomb, Air/drone strike,
      Shelling/artillery/missile attack or Grenade when the text names that means, else
      Remote explosive/landmine/IED;
    - ``military_operation``: an air or drone strike is Explosions/Remote violence / Air/drone
      strike; arrests without deaths are Strategic developments / Arrests; civilian victims and
      no armed victims are Violence against civilians / Attack; retaking ground is Battles /
      Government regains territory; armed targets or any casualty is Battles / Armed clash;
      otherwise Strategic developments / Other;
    - ``attack`` and ``killing``: mortar, rocket or artillery fire is Explosions/Remote violence /
      Shelling/artillery/missile attack; armed targets or victims make Battles / Armed clash;
      otherwise Violence against civilians / Attack;
    - ``kidnapping``: Violence against civilians / Abduction/forced disappearance, unless every
      victim is armed (soldiers taken in a fight): Battles / Armed clash;
    - ``legal_action``: Strategic developments / Arrests when the text or a figure says arrest,
      else Strategic developments / Other;
    - ``release``: Strategic developments / Agreement (ACLED's type for hostage and prisoner
      releases).

    >>> acled_event(_probe_record().model_copy(update={"event_type": "bombing",
    ...     "text": "A suicide bomber strikes a camp."}))
    ('Explosions/Remote violence', 'Suicide bomb')
    """
    kinds = actor_kinds or {}
    text = record.text
    kind = record.event_type
    victims = _victim_groups(record)
    armed = _armed_victims(record, kinds)
    if kind in (None, "other", "statement"):
        if _RIOT.search(text):
            return RIOTS, "Violent demonstration"
        if _PROTEST.search(text):
            return PROTESTS, "Peaceful protest"
        if _GROUP_CHANGE.search(text):
            return STRATEGIC, "Change to group/activity"
        if _DESTRUCTION.search(text):
            return STRATEGIC, "Looting/property destruction"
        return STRATEGIC, "Other"
    if kind == "bombing":
        for pattern, sub_type in (
            (_SUICIDE, "Suicide bomb"),
            (_AIR, "Air/drone strike"),
            (_SHELLING, "Shelling/artillery/missile attack"),
            (_GRENADE, "Grenade"),
        ):
            if pattern.search(text):
                return EXPLOSIONS, sub_type
        return EXPLOSIONS, "Remote explosive/landmine/IED"
    harmed = any(
        n for n in (record.killed, record.injured, record.kidnapped, record.perpetrators_killed)
    )
    if kind == "military_operation":
        if _AIR.search(text):
            return EXPLOSIONS, "Air/drone strike"
        arrested = any(c.kind in ("arrested", "captured") for c in record.casualties)
        if (arrested or _ARREST.search(text)) and not record.killed:
            return STRATEGIC, "Arrests"
        # The victims decide, not the intended target: the Moura operation (March 27-31, 2022)
        # targeted JNIM and killed more than 500 civilians.
        if "civilians" in victims and not victims & ARMED_GROUPS:
            return VIOLENCE_AGAINST_CIVILIANS, "Attack"
        if _REGAIN.search(text):
            return BATTLES, "Government regains territory"
        if armed or harmed:
            return BATTLES, "Armed clash"
        return STRATEGIC, "Other"
    if kind in ("attack", "killing"):
        if _SHELLING.search(text):
            return EXPLOSIONS, "Shelling/artillery/missile attack"
        if armed:
            return BATTLES, "Armed clash"
        return VIOLENCE_AGAINST_CIVILIANS, "Attack"
    if kind == "kidnapping":
        if victims and victims <= ARMED_GROUPS:
            return BATTLES, "Armed clash"
        return VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance"
    if kind == "legal_action":
        arrested = any(c.kind in ("arrested", "captured") for c in record.casualties)
        if arrested or _ARREST.search(text):
            return STRATEGIC, "Arrests"
        return STRATEGIC, "Other"
    if kind == "release":
        return STRATEGIC, "Agreement"
    return STRATEGIC, "Other"


def acled_actors(
    record: Record, event_type: str, actor_kinds: Mapping[str, str] | None = None
) -> tuple[str | None, str | None, int | None, str | None, int | None]:
    """``actor1``, ``assoc_actor_1``, ``inter1``, ``actor2`` and ``interaction`` of a record.

    actor1 is the first named perpetrator (the others are its associates); with none, violence
    is by "Unidentified Armed Group (<country>)" (inter 3, as ACLED codes unnamed armed men),
    a protest by "Protesters (<country>)", a riot by "Rioters (<country>)", and a strategic
    development by the first actor named in any role. actor2 is the first named target, else
    "Civilians (<country>)" when civilians were harmed. The interaction is the two inter codes
    joined, lower first (17: state forces against civilians), or inter1 * 10 for one actor.

    >>> acled_actors(_probe_record().model_copy(update={"country": "ML"}), "Battles")
    ('Unidentified Armed Group (Mali)', None, 3, None, 30)
    """
    kinds = actor_kinds or {}
    where = country_name(record.country) or "International"
    perpetrators = [a for a in record.actors if a.role == "perpetrator"]
    targets = [a for a in record.actors if a.role == "target"]
    violent = DISORDER_TYPES[event_type] == "Political violence"
    actor1 = assoc = None
    inter1 = None
    if perpetrators:
        actor1 = perpetrators[0].name
        inter1 = INTER_BY_KIND.get(_kind_of(perpetrators[0], kinds))
        assoc = "; ".join(a.name for a in perpetrators[1:]) or None
    elif event_type == PROTESTS:
        actor1, inter1 = f"Protesters ({where})", INTER_PROTESTERS
    elif event_type == RIOTS:
        actor1, inter1 = f"Rioters ({where})", INTER_RIOTERS
    elif violent:
        actor1, inter1 = f"Unidentified Armed Group ({where})", INTER_UNIDENTIFIED
    elif record.actors:
        actor1 = record.actors[0].name
        inter1 = INTER_BY_KIND.get(_kind_of(record.actors[0], kinds))
    actor2 = None
    inter2 = None
    remaining = [a for a in targets if a.name != actor1]
    if remaining:
        actor2 = remaining[0].name
        inter2 = INTER_BY_KIND.get(_kind_of(remaining[0], kinds))
    elif "civilians" in _victim_groups(record):
        actor2, inter2 = f"Civilians ({where})", INTER_CIVILIANS
    if inter1 is None:
        interaction = None
    elif actor2 is None:
        interaction = inter1 * 10
    elif inter2 is None:
        interaction = None
    else:
        low, high = sorted((inter1, inter2))
        interaction = low * 10 + high
    return actor1, assoc, inter1, actor2, interaction


def _acled_tags(record: Record, inferred: bool) -> str | None:
    """What ACLED has no column for, so that it is not lost: injuries, abductions, attackers
    killed, and whether the fatalities are unknown (ACLED writes 0) or disputed."""
    tags = []
    if record.killed is None:
        tags.append("fatalities not reported")
    if record.disputed:
        tags.append("fatalities disputed")
    for label, value in (
        ("injured", record.injured),
        ("kidnapped", record.kidnapped),
        ("attackers killed", record.perpetrators_killed),
    ):
        if value is not None:
            tags.append(f"{label}: {value}")
    if inferred:
        tags.append("date inferred from neighbouring entries")
    return "; ".join(tags) or None


def acled_row(record: Record, actor_kinds: Mapping[str, str] | None, timestamp: int) -> dict:
    """One record in ACLED's columns (values typed as in ``ACLED_COLUMNS``).

    >>> acled_row(_probe_record(), None, 0)["fatalities"]
    0
    """
    bounds = _date_bounds(record.date)
    event_date = _middle(bounds[0], bounds[1]) if bounds else None
    event_type, sub_event_type = acled_event(record, actor_kinds)
    actor1, assoc, inter1, actor2, interaction = acled_actors(record, event_type, actor_kinds)
    first = record.locations[0] if record.locations else None
    code = COUNTRIES.get(record.country or "")
    return {
        "event_id_cnty": record.id,
        "event_date": event_date,
        "year": event_date.year if event_date else None,
        "time_precision": time_precision(record.date),
        "disorder_type": DISORDER_TYPES[event_type],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc,
        "inter1": inter1,
        "actor2": actor2,
        "interaction": interaction,
        "iso": code[0] if code else None,
        "country": country_name(record.country),
        "admin1": first.admin1 if first else None,
        "location": first.name if first else None,
        "latitude": first.lat if first else None,
        "longitude": first.lon if first else None,
        "geo_precision": first.geo_precision if first else None,
        "source": "; ".join(record.sources) or None,
        "notes": record.text,
        # The brief's choice, the most conservative figure: victims only. ACLED counts every
        # death, attackers included; they travel in tags as "attackers killed: n".
        "fatalities": record.killed or 0,
        "tags": _acled_tags(record, bool(bounds and bounds[2])),
        "timestamp": timestamp,
    }


def _typed_table(rows: list[dict], columns: Sequence[tuple[str, pa.DataType]]) -> pa.Table:
    schema = pa.schema([pa.field(name, kind) for name, kind in columns])
    return pa.table({name: [row[name] for row in rows] for name, _ in columns}, schema=schema)


def acled_table(
    records: Sequence[Record],
    actor_kinds: Mapping[str, str] | None = None,
    timestamp: int | None = None,
) -> pa.Table:
    """The ACLED layout, one row per record, typed (dates as date32, codes as int64).

    ``actor_kinds`` maps canonical actor names to their kind (``load_tables().actor_kinds()``);
    an actor missing from it falls back to the kind the record carries.

    >>> acled_table([_probe_record()]).num_rows
    1
    """
    stamp = export_timestamp(records) if timestamp is None else timestamp
    rows = [acled_row(r, actor_kinds, stamp) for r in records]
    return _typed_table(rows, ACLED_COLUMNS)


# --- GTD -----------------------------------------------------------------------------------

GTD_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("iyear", pa.int64()),
    ("imonth", pa.int64()),
    ("iday", pa.int64()),
    ("approxdate", pa.string()),
    ("extended", pa.int64()),
    ("resolution", pa.date32()),
    ("country_txt", pa.string()),
    ("provstate", pa.string()),
    ("city", pa.string()),
    ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("specificity", pa.int64()),
    ("attacktype1_txt", pa.string()),
    ("targtype1_txt", pa.string()),
    ("gname", pa.string()),
    ("guncertain1", pa.int64()),
    ("claimed", pa.int64()),
    ("nkill", pa.int64()),
    ("nkillter", pa.int64()),
    ("nwound", pa.int64()),
    ("nhostkid", pa.int64()),
    ("scite1", pa.string()),
    ("scite2", pa.string()),
    ("scite3", pa.string()),
    ("summary", pa.string()),
)

# GTD's attack types for our event types; the others (military operations, legal actions,
# releases, statements) are not terrorist attacks and are "Unknown": filter on it (or on
# records.event_type) to keep GTD's scope.
GTD_ATTACK_TYPES = {
    "attack": "Armed Assault",
    "killing": "Armed Assault",
    "bombing": "Bombing/Explosion",
    "kidnapping": "Hostage Taking (Kidnapping)",
}
# A hostage siege of a hotel or a building (Radisson Blu, Bamako, 2015) is GTD's barricade
# incident, not a kidnapping.
_BARRICADE = re.compile(r"\b(siege|besieged|barricaded?|holed up)\b", re.IGNORECASE)

# Target types: the first named target's kind decides, else the first harmed victim group.
# GTD files UN peacekeepers and international organisations under "Government (Diplomatic)".
GTD_TARGETS_BY_KIND = {
    "state force": "Military",
    "foreign force": "Military",
    "private military company": "Military",
    "international force": "Government (Diplomatic)",
    "international body": "Government (Diplomatic)",
    "government body": "Government (General)",
    "court": "Government (General)",
    "jihadist group": "Terrorists/Non-State Militia",
    "armed group": "Terrorists/Non-State Militia",
    "militia": "Terrorists/Non-State Militia",
}
GTD_TARGETS_BY_GROUP = {
    "soldiers": "Military",
    "peacekeepers": "Government (Diplomatic)",
    "police": "Police",
    "civilians": "Private Citizens & Property",
    "militants": "Terrorists/Non-State Militia",
    "unspecified": "Unknown",
}

# GTD's geocoding specificity from ACLED-style geo precision: 1 the place itself, 2 near a
# place or part of a region, 4 only the first-level region (our 3: the region's capital stands
# in); 5 when no place or no coordinates are known.
GTD_SPECIFICITY = {1: 1, 2: 2, 3: 4}
GTD_NO_PLACE = 5
GTD_UNKNOWN = -9


def _gtd_target(record: Record, actor_kinds: Mapping[str, str]) -> str:
    for actor in record.actors:
        if actor.role == "target":
            kind = _kind_of(actor, actor_kinds)
            if kind in GTD_TARGETS_BY_KIND:
                return GTD_TARGETS_BY_KIND[kind]
    for casualty in record.casualties:
        if not casualty.perpetrators and casualty.kind in _HARM_KINDS:
            return GTD_TARGETS_BY_GROUP[casualty.group]
    return "Unknown"


def _gtd_dates(date: DateValue) -> dict:
    """iyear, imonth, iday (0 when unknown), approxdate, extended and resolution."""
    bounds = _date_bounds(date)
    row = {"iyear": None, "imonth": 0, "iday": 0, "approxdate": None, "extended": 0, "resolution": None}
    if bounds is None:
        return row
    low, high, inferred = bounds
    if inferred:
        row["approxdate"] = (
            f"between {low.isoformat()} and {high.isoformat()} (inferred from neighbouring entries)"
        )
        if low.year == high.year:
            row["iyear"] = low.year
        return row
    row["iyear"] = low.year
    same_month = (low.year, low.month) == (high.year, high.month)
    if date.precision == "day":
        row["imonth"], row["iday"] = low.month, low.day
        # The report gives no hours: a day-precise range over two or more calendar days is
        # taken as an incident that lasted over 24 hours.
        if high > low:
            row["extended"], row["resolution"] = 1, high
    elif date.precision == "month" and same_month:
        row["imonth"] = low.month
    if date.precision != "day":
        row["approxdate"] = date.text or date.edtf or f"{low.isoformat()}/{high.isoformat()}"
    return row


def gtd_row(record: Record, actor_kinds: Mapping[str, str] | None = None) -> dict:
    """One record in GTD's columns (values typed as in ``GTD_COLUMNS``).

    >>> gtd_row(_probe_record())["gname"], gtd_row(_probe_record())["specificity"]
    ('Unknown', 5)
    """
    kinds = actor_kinds or {}
    first = record.locations[0] if record.locations else None
    perpetrators = [a for a in record.actors if a.role == "perpetrator"]
    attack_type = GTD_ATTACK_TYPES.get(record.event_type or "", "Unknown")
    if attack_type in ("Armed Assault", "Hostage Taking (Kidnapping)") and _BARRICADE.search(record.text):
        attack_type = "Hostage Taking (Barricade Incident)"
    if first is None or first.lat is None or first.lon is None:
        specificity = GTD_NO_PLACE
    else:
        # A place with coordinates but no stated precision is taken as "near the place" (2).
        specificity = GTD_SPECIFICITY.get(first.geo_precision, 2)
    if record.killed is None and record.perpetrators_killed is None:
        nkill = None
    else:
        # GTD's nkill counts every death, attackers included; nkillter is the attackers alone.
        nkill = (record.killed or 0) + (record.perpetrators_killed or 0)
    sources = list(record.sources) + [None, None, None]
    return {
        **_gtd_dates(record.date),
        "country_txt": country_name(record.country),
        "provstate": first.admin1 if first else None,
        "city": first.name if first else None,
        "latitude": first.lat if first else None,
        "longitude": first.lon if first else None,
        "specificity": specificity,
        "attacktype1_txt": attack_type,
        "targtype1_txt": _gtd_target(record, kinds),
        "gname": perpetrators[0].name if perpetrators else "Unknown",
        "guncertain1": (1 if perpetrators[0].attribution == "suspected" else 0) if perpetrators else None,
        "claimed": 1 if any(a.attribution == "claimed" for a in perpetrators) else GTD_UNKNOWN,
        "nkill": nkill,
        "nkillter": record.perpetrators_killed,
        "nwound": record.injured,
        "nhostkid": record.kidnapped,
        "scite1": sources[0],
        "scite2": sources[1],
        "scite3": sources[2],
        "summary": record.text,
    }


def gtd_table(records: Sequence[Record], actor_kinds: Mapping[str, str] | None = None) -> pa.Table:
    """The GTD layout, one row per record, typed.

    >>> gtd_table([_probe_record()]).column_names[:3]
    ['iyear', 'imonth', 'iday']
    """
    return _typed_table([gtd_row(r, actor_kinds) for r in records], GTD_COLUMNS)


# --- CSV-like bytes, DuckDB ----------------------------------------------------------------


def _csv_cell(value) -> str:
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
        writer.writerow([_csv_cell(row[name]) for name in table.column_names])
    return buffer.getvalue().encode("utf-8")


def to_acled_bytes(records: Sequence[Record], actor_kinds: Mapping[str, str] | None = None) -> bytes:
    """ACLED-layout CSV bytes.

    >>> to_acled_bytes([]).decode().split(",")[:2]
    ['event_id_cnty', 'event_date']
    """
    return table_csv_bytes(acled_table(records, actor_kinds))


def to_gtd_bytes(records: Sequence[Record], actor_kinds: Mapping[str, str] | None = None) -> bytes:
    """GTD-layout CSV bytes.

    >>> to_gtd_bytes([]).decode().split(",")[:2]
    ['iyear', 'imonth']
    """
    return table_csv_bytes(gtd_table(records, actor_kinds))


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


# --- the export command --------------------------------------------------------------------

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
