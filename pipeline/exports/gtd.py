"""Records in the Global Terrorism Database's columns and codes.

Each rule mapping our values onto GTD's codes is written here once, with the reason, and listed
column by column in docs/exports.md with what GTD's format cannot carry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pyarrow as pa

from pipeline.exports.common import HARM_KINDS, date_bounds, kind_of, table_csv_bytes, typed_table
from pipeline.exports.countries import country_name
from pipeline.schema import DateValue, Record

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
    "ngo": "NGO",
    "company": "Business",
    "publisher": "Journalists & Media",
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
            kind = kind_of(actor, actor_kinds)
            if kind in GTD_TARGETS_BY_KIND:
                return GTD_TARGETS_BY_KIND[kind]
    for casualty in record.casualties:
        if not casualty.perpetrators and casualty.kind in HARM_KINDS:
            return GTD_TARGETS_BY_GROUP[casualty.group]
    return "Unknown"


def _gtd_dates(date: DateValue) -> dict:
    """iyear, imonth, iday (0 when unknown), approxdate, extended and resolution."""
    bounds = date_bounds(date)
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

    >>> from pipeline.exports.common import probe_record
    >>> gtd_row(probe_record())["gname"], gtd_row(probe_record())["specificity"]
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

    >>> from pipeline.exports.common import probe_record
    >>> gtd_table([probe_record()]).column_names[:3]
    ['iyear', 'imonth', 'iday']
    """
    return typed_table([gtd_row(r, actor_kinds) for r in records], GTD_COLUMNS)


def to_gtd_bytes(records: Sequence[Record], actor_kinds: Mapping[str, str] | None = None) -> bytes:
    """GTD-layout CSV bytes.

    >>> to_gtd_bytes([]).decode().split(",")[:2]
    ['iyear', 'imonth']
    """
    return table_csv_bytes(gtd_table(records, actor_kinds))
