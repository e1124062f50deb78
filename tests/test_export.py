"""Exports: CSV, Parquet, the ACLED and GTD layouts, DuckDB, and the DataFrame API."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import get_args

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pycountry
import pytest

import pipeline
from pipeline.cli import main as cli_main
from pipeline.exports import (
    EXPORT_SUFFIXES,
    acled_actors,
    acled_event,
    acled_table,
    dedupe_records,
    export_file,
    export_path,
    export_timestamp,
    flat_row,
    flat_row_columns,
    gtd_row,
    load_frame,
    time_precision,
)
from pipeline.exports.acled import INTER_BY_KIND
from pipeline.exports.countries import COUNTRY_NAMES, country_name, country_name_rows, country_number
from pipeline.exports.gtd import GTD_TARGETS_BY_KIND
from pipeline.io import ReportError, records_jsonl
from pipeline.schema import Actor, Casualty, DateValue, Evidence, Location, Record, TextSpan
from pipeline.tables import DATA_DIR, ActorKind, PlaceRow, TableError, load_rows

# The columns as the brief and docs/exports.md give them: written out, not imported, so that a
# change in the module fails here.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "interaction", "iso",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities", "tags", "timestamp",
]
GTD_COLUMNS = [
    "iyear", "imonth", "iday", "approxdate", "extended", "resolution", "country_txt", "provstate",
    "city", "latitude", "longitude", "specificity", "attacktype1_txt", "targtype1_txt", "gname",
    "guncertain1", "claimed", "nkill", "nkillter", "nwound", "nhostkid", "scite1", "scite2",
    "scite3", "summary",
]
# Columns holding numbers or dates: a cell there may start with "-" (a longitude west of
# Greenwich, GTD's -9 for unknown) and must parse as a number or a date instead.
NUMERIC = {
    "year", "time_precision", "inter1", "interaction", "iso", "latitude", "longitude",
    "geo_precision", "fatalities", "timestamp", "iyear", "imonth", "iday", "extended",
    "specificity", "guncertain1", "claimed", "nkill", "nkillter", "nwound", "nhostkid",
    "killed", "injured", "kidnapped", "perpetrators_killed", "span_start", "span_end",
}
DATES = {"event_date", "resolution", "date_start", "date_end", "date_not_before", "date_not_after"}
FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")

KINDS = {
    "JNIM": "jihadist group",
    "IS Sahel": "jihadist group",
    "Malian Armed Forces": "state force",
    "Wagner Group": "private military company",
    "MINUSMA": "international force",
    "French Armed Forces": "foreign force",
    "Dan Na Ambassagou": "militia",
    "International Criminal Court": "court",
}


# --- a small record factory -------------------------------------------------------------------


def ev(text: str = "x") -> Evidence:
    return Evidence(text=text, start=0, end=len(text), method="rule:test")


def place(name: str, admin1: str | None = None, lat=None, lon=None, precision=None, country="ML") -> Location:
    return Location(
        text=name, name=name, admin1=admin1, country=country, lat=lat, lon=lon,
        geo_precision=precision, evidence=ev(name),
    )


def actor(name: str, role: str = "perpetrator", attribution: str | None = "stated", kind=None) -> Actor:
    return Actor(
        text=name, name=name, kind=kind, role=role,
        attribution=attribution if role == "perpetrator" else None, evidence=ev(name),
    )


def hurt(kind: str, n: int | None, group: str = "unspecified", perpetrators: bool = False) -> Casualty:
    return Casualty(
        kind=kind, min=n, max=n, qualifier="exact", group=group, perpetrators=perpetrators,
        evidence=ev(str(n)),
    )


def date(start=None, end=None, precision="day", text=None, **extra) -> DateValue:
    start = dt.date.fromisoformat(start) if isinstance(start, str) else start
    end = dt.date.fromisoformat(end) if isinstance(end, str) else (end or start)
    return DateValue(start=start, end=end, precision=precision if start else None, text=text, **extra)


def make(
    id: str = "mali-1",
    text: str = "Gunmen attack a village.",
    *,
    when: DateValue | None = None,
    country: str | None = "ML",
    locations=(),
    actors=(),
    casualties=(),
    sources=("Reuters",),
    event_type: str | None = "attack",
    killed: int | None = None,
    injured: int | None = None,
    kidnapped: int | None = None,
    **fields,
) -> Record:
    """A valid record; counts default to null and the date to February 7, 2025."""
    return Record(
        id=id, report="mali", section="Major Extremist and Terrorist Incidents", kind="timeline",
        text=text, span=TextSpan(start=0, end=len(text)),
        date=when or date("2025-02-07", text="February 7, 2025"),
        country=country, locations=list(locations), actors=list(actors),
        casualties=list(casualties), sources=list(sources), event_type=event_type,
        killed=killed, injured=injured, kidnapped=kidnapped, **fields,
    )


def full(id: str = "mali-full") -> Record:
    """Every flat column filled, with two of each list."""
    return make(
        id,
        "February 7, 2025: JNIM ambushes a convoy in Gao and Ansongo, killing 50 soldiers.",
        when=date("2025-02-07", "2025-02-09", text="February 7, 2025 - February 9, 2025",
                  edtf="2025-02-07/2025-02-09"),
        locations=[place("Gao", "Gao", 16.27, -0.04, 1), place("Ansongo", "Gao", 15.66, 0.5, 1)],
        actors=[
            actor("JNIM", attribution="claimed"), actor("IS Sahel", attribution="suspected"),
            actor("Malian Armed Forces", "target"), actor("Wagner Group", "target"),
            actor("MINUSMA", "other"),
        ],
        casualties=[hurt("killed", 50, "soldiers"), hurt("killed", 4, "militants", perpetrators=True)],
        killed=50, injured=13, kidnapped=2, perpetrators_killed=4, disputed=True,
        perpetrator_description="militants", sources=["Reuters", "Defense Post", "RFI", "VOA"],
        same_as=["mali-n-1", "mali-n-2"],
    )


def emptiest(id: str = "mali-empty") -> Record:
    """Every optional value null, every list empty, no date."""
    return make(id, "- : Something happened.", when=date(), country=None, event_type=None, sources=[])


def hostile(id: str = "mali-hostile") -> Record:
    """Text cells that a spreadsheet would run as formulas, in every kind of text column."""
    return make(
        id,
        "=HYPERLINK(\"http://evil\",\"x\") kills 3",
        locations=[place("-Gao", "+Gao region", -3.5, -0.04, 2)],
        actors=[actor("@JNIM"), actor("=Target", "target")],
        casualties=[hurt("killed", 3, "civilians")],
        killed=3,
        perpetrator_description="-armed men",
        sources=["=cmd|' /C calc'!A0", "-Reuters", "+VOA", "@Africa News"],
    )


def write_jsonl(path: Path, records) -> Path:
    path.write_bytes(records_jsonl(records))
    return path


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def assert_no_formula_cells(rows: list[dict]) -> None:
    for row in rows:
        for column, cell in row.items():
            if not cell:
                continue
            if column in NUMERIC:
                float(cell)
            elif column in DATES:
                dt.date.fromisoformat(cell)
            else:
                assert not cell.startswith(FORMULA_LEAD), (column, cell)


# --- JSONL -> Parquet -> DataFrame loses nothing ------------------------------------------------


def _same(cell, value) -> bool:
    """The frame's cell holds the record's value: a null as a null (never NaN or ""), a list as a
    list, a date as a date."""
    if value is None:
        return cell is None or cell is pd.NA
    if cell is None or cell is pd.NA:
        return False
    if isinstance(value, list):
        return type(cell) is list and cell == value
    if isinstance(value, dt.date):
        return type(cell) is dt.date and cell == value
    return cell == value


def test_jsonl_parquet_dataframe_round_trip_loses_nothing(tmp_path):
    records = [full(), emptiest(), hostile()]
    jsonl = write_jsonl(tmp_path / "mali.jsonl", records)
    parquet = export_file(jsonl, "parquet")
    from_jsonl = pipeline.load(jsonl)
    from_parquet = pipeline.load(parquet)
    pd.testing.assert_frame_equal(from_jsonl, from_parquet)
    assert list(from_parquet.columns) == flat_row_columns()
    for index, record in enumerate(records):
        expected = flat_row(record)
        for column in flat_row_columns():
            cell = from_parquet.at[index, column]
            assert _same(cell, expected[column]), (record.id, column, cell, expected[column])
    # Nulls are nulls, not NaN or "": the emptiest record's optional cells are all missing.
    empty = from_parquet.iloc[1]
    assert from_parquet.at[1, "locations"] == []
    assert from_parquet.at[0, "date_end"] == dt.date(2025, 2, 9)
    assert str(from_parquet["killed"].dtype) == "Int64"
    assert str(from_parquet["latitude"].dtype) == "Float64"
    assert str(from_parquet["disputed"].dtype) == "boolean"


def test_parquet_columns_are_typed(tmp_path):
    parquet = export_file(write_jsonl(tmp_path / "mali.jsonl", [full()]), "parquet")
    schema = pq.read_schema(parquet)
    assert str(schema.field("date_start").type) == "date32[day]"
    assert str(schema.field("killed").type) == "int64"
    assert pa.types.is_list(schema.field("locations").type)
    assert schema.field("locations").type.value_type == pa.string()
    assert str(schema.field("latitude").type) == "double"


def test_load_refuses_a_broken_parquet_file_in_one_line(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    with pytest.raises(ReportError, match=r"bad\.parquet: not a readable Parquet file"):
        load_frame(bad)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_export_keeps_the_flat_columns_and_neutralises_text(tmp_path):
    out = export_file(write_jsonl(tmp_path / "mali.jsonl", [full(), hostile()]), "csv")
    assert out == tmp_path / "mali.csv"
    rows = read_csv(out.read_bytes())
    assert list(rows[0]) == flat_row_columns() and len(rows) == 2
    assert_no_formula_cells(rows)
    assert rows[1]["text"].startswith("'=HYPERLINK")
    assert rows[0]["locations"] == "Gao; Ansongo"


# --- ACLED ----------------------------------------------------------------------------------


def test_acled_export_has_one_row_per_record_and_exactly_the_columns(tmp_path):
    records = [full(), emptiest(), hostile()]
    out = export_file(write_jsonl(tmp_path / "mali.jsonl", records), "acled")
    assert out == tmp_path / "mali.acled.csv"
    rows = read_csv(out.read_bytes())
    assert list(rows[0]) == ACLED_COLUMNS
    assert [r["event_id_cnty"] for r in rows] == [r.id for r in records]


def test_acled_export_neutralises_every_text_cell(tmp_path):
    out = export_file(write_jsonl(tmp_path / "mali.jsonl", [hostile()]), "acled")
    (row,) = read_csv(out.read_bytes())
    assert_no_formula_cells([row])
    assert row["notes"].startswith("'=HYPERLINK")
    assert row["actor1"] == "'@JNIM" and row["actor2"] == "'=Target"
    assert row["location"] == "'-Gao" and row["admin1"] == "'+Gao region"
    assert row["source"] == "'=cmd|' /C calc'!A0; -Reuters; +VOA; @Africa News"
    assert row["latitude"] == "-3.5"


def test_acled_row_of_a_full_record():
    row = acled_table([full()], KINDS).to_pylist()[0]
    assert row == {
        "event_id_cnty": "mali-full",
        "event_date": dt.date(2025, 2, 8),  # the middle of February 7-9
        "year": 2025,
        "time_precision": 2,
        "disorder_type": "Political violence",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "JNIM",
        "assoc_actor_1": "IS Sahel",
        "inter1": 2,
        "actor2": "Malian Armed Forces",
        "interaction": 12,
        "iso": 466,
        "country": "Mali",
        "admin1": "Gao",
        "location": "Gao",
        "latitude": 16.27,
        "longitude": -0.04,
        "geo_precision": 1,
        "source": "Reuters; Defense Post; RFI; VOA",
        "notes": full().text,
        "fatalities": 50,
        "tags": "fatalities disputed; injured: 13; kidnapped: 2; attackers killed: 4",
        "timestamp": export_timestamp([full()]),
    }


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param(
            dict(text="February 7, 2025: Armed assailants ambush several vehicles in Gao, killing more "
                 "than 50 and wounding 13.", event_type="attack",
                 actors=[actor("Malian Armed Forces", "target"), actor("Wagner Group", "target")]),
            ("Battles", "Armed clash"), id="ambush-of-soldiers",
        ),
        pytest.param(
            dict(text="January 5, 2025: Wagner and Malian forces open fire on a vehicle between the "
                 "localities of Niono and Nampala, killing at least eight civilians.", event_type="attack",
                 actors=[actor("Wagner Group"), actor("Malian Armed Forces")],
                 casualties=[hurt("killed", 8, "civilians")]),
            ("Violence against civilians", "Attack"), id="forces-fire-on-civilians",
        ),
        pytest.param(
            dict(text="December 20, 2024: Suspected militants ambush six villages in Bandiagara, "
                 "central Mali. The attacks kill more than 20.", event_type="attack"),
            ("Violence against civilians", "Attack"), id="attack-no-armed-target",
        ),
        pytest.param(
            dict(text="March 27, 2022 - March 31, 2022: The Wagner Group, in coordinating with Malian "
                 "troops, launch a multi-day operation in Moura ... the death of more than 500 civilians.",
                 event_type="military_operation",
                 actors=[actor("Wagner Group"), actor("JNIM", "target")],
                 casualties=[hurt("killed", 500, "civilians")]),
            ("Violence against civilians", "Attack"), id="moura-operation",
        ),
        pytest.param(
            dict(text="April 29, 2024: Mali's armed forces launch an operation targeting and killing "
                 "Abu Huzeifa, a senior commander of IS Sahel.", event_type="military_operation",
                 actors=[actor("Malian Armed Forces"), actor("IS Sahel", "target")]),
            ("Battles", "Armed clash"), id="operation-against-a-group",
        ),
        pytest.param(
            dict(text="French drone strike kills five militants.", event_type="military_operation"),
            ("Explosions/Remote violence", "Air/drone strike"), id="drone-strike",
        ),
        pytest.param(
            dict(text="Malian troops recapture the town of Anefis.", event_type="military_operation"),
            ("Battles", "Government regains territory"), id="regains",
        ),
        pytest.param(
            dict(text="Malian forces arrest 12 suspects in Segou.", event_type="military_operation",
                 casualties=[hurt("arrested", 12)]),
            ("Strategic developments", "Arrests"), id="operation-arrests",
        ),
        pytest.param(
            dict(text="Troops deploy to Kidal.", event_type="military_operation"),
            ("Strategic developments", "Other"), id="operation-no-fight",
        ),
        pytest.param(
            dict(text="September 28, 2023: A suicide bomber from Coordination des mouvements de "
                 "l'Azawad (CMA) detonates an explosive at a military camp in Dioura.", event_type="bombing"),
            ("Explosions/Remote violence", "Suicide bomb"), id="suicide",
        ),
        pytest.param(
            dict(text="May 8, 2023: A roadside bomb detonates in Douentza, central Mali.", event_type="bombing"),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"), id="roadside-bomb",
        ),
        pytest.param(
            dict(text="Militants fire mortar rounds at the MINUSMA camp in Tessalit.", event_type="attack",
                 actors=[actor("MINUSMA", "target")]),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"), id="mortars",
        ),
        pytest.param(
            dict(text="A grenade is thrown at a bar.", event_type="bombing"),
            ("Explosions/Remote violence", "Grenade"), id="grenade",
        ),
        pytest.param(
            dict(text="November 7, 2023: Suspected jihadists ambush several buses in central Mali, "
                 "kidnapping 40 people between Koro and Bankass.", event_type="kidnapping",
                 casualties=[hurt("kidnapped", 40)]),
            ("Violence against civilians", "Abduction/forced disappearance"), id="kidnapping",
        ),
        pytest.param(
            dict(text="Militants capture three soldiers at a checkpoint.", event_type="kidnapping",
                 casualties=[hurt("kidnapped", 3, "soldiers")]),
            ("Battles", "Armed clash"), id="soldiers-taken",
        ),
        pytest.param(
            dict(text="August 8, 2021: The suspected jihadists massacre more than 51 civilians.",
                 event_type="killing", casualties=[hurt("killed", 51, "civilians")]),
            ("Violence against civilians", "Attack"), id="massacre",
        ),
        pytest.param(
            dict(text="August 13, 2024: The International Criminal Court (ICC) convicts Al Hassan.",
                 event_type="legal_action", actors=[actor("International Criminal Court")]),
            ("Strategic developments", "Other"), id="conviction",
        ),
        pytest.param(
            dict(text="Police arrest a JNIM financier in Bamako.", event_type="legal_action"),
            ("Strategic developments", "Arrests"), id="arrest",
        ),
        pytest.param(
            dict(text="December 17, 2023: JNIM releases Gerco van Deventer.", event_type="release",
                 actors=[actor("JNIM")]),
            ("Strategic developments", "Agreement"), id="release",
        ),
        pytest.param(
            dict(text="October 13, 2023: JNIM and AQIM release a joint statement online.",
                 event_type="statement"),
            ("Strategic developments", "Other"), id="statement",
        ),
        pytest.param(
            dict(text="Ansar Dine, Al-Mourabitoun and the Macina Liberation Front merge to form JNIM.",
                 event_type="statement"),
            ("Strategic developments", "Change to group/activity"), id="merger",
        ),
        pytest.param(
            dict(text="- : Islamists destroy UNESCO world heritage sites, including Sufi shrines, in "
                 "Timbuktu, Mali.", event_type="other"),
            ("Strategic developments", "Looting/property destruction"), id="destruction",
        ),
        pytest.param(
            dict(text="Thousands protest in Bamako against the French presence.", event_type="other"),
            ("Protests", "Peaceful protest"), id="protest",
        ),
        pytest.param(
            dict(text="Rioters set fire to the MINUSMA compound.", event_type=None),
            ("Riots", "Violent demonstration"), id="riot",
        ),
        pytest.param(
            dict(text="The attack demonstrates the group's reach.", event_type="statement"),
            ("Strategic developments", "Other"), id="demonstrates-is-no-protest",
        ),
    ],
)
def test_acled_event_type_rules(spec, expected):
    assert acled_event(make(**spec), KINDS) == expected


@pytest.mark.parametrize(
    ("spec", "event_type", "expected"),
    [
        pytest.param(
            dict(actors=[actor("Malian Armed Forces", "target"), actor("Wagner Group", "target")]),
            "Battles", ("Unidentified Armed Group (Mali)", None, 3, "Malian Armed Forces", 13),
            id="unnamed-attackers",
        ),
        pytest.param(
            dict(actors=[actor("Wagner Group"), actor("Malian Armed Forces")],
                 casualties=[hurt("killed", 8, "civilians")]),
            "Violence against civilians", ("Wagner Group", "Malian Armed Forces", 8, "Civilians (Mali)", 78),
            id="pmc-against-civilians",
        ),
        pytest.param(
            dict(actors=[actor("Dan Na Ambassagou")], casualties=[hurt("killed", 160, "civilians")]),
            "Violence against civilians", ("Dan Na Ambassagou", None, 4, "Civilians (Mali)", 47),
            id="militia",
        ),
        pytest.param(
            dict(actors=[actor("JNIM")]), "Strategic developments", ("JNIM", None, 2, None, 20), id="alone",
        ),
        pytest.param(
            dict(actors=[actor("Some New Front", kind="armed group")]), "Strategic developments",
            ("Some New Front", None, 2, None, 20), id="kind-from-the-record",
        ),
        pytest.param(
            dict(actors=[actor("Unknown Body")]), "Strategic developments",
            ("Unknown Body", None, None, None, None), id="kind-unknown",
        ),
        pytest.param(
            dict(country="BF"), "Protests", ("Protesters (Burkina Faso)", None, 6, None, 60), id="protesters",
        ),
        pytest.param(dict(), "Strategic developments", (None, None, None, None, None), id="nobody"),
    ],
)
def test_acled_actors_and_inter_codes(spec, event_type, expected):
    assert acled_actors(make(**spec), event_type, KINDS) == expected


def test_every_actor_kind_has_an_inter_code_and_a_gtd_target_type():
    assert set(INTER_BY_KIND) == set(get_args(ActorKind))
    assert set(GTD_TARGETS_BY_KIND) == set(get_args(ActorKind))


def test_inter_codes_come_from_the_actors_table(tmp_path):
    # The record carries no kind: export_file reads it from pipeline/data/actors.csv.
    record = make(actors=[actor("JNIM")], event_type="release", text="JNIM releases two hostages.")
    out = export_file(write_jsonl(tmp_path / "mali.jsonl", [record]), "acled")
    (row,) = read_csv(out.read_bytes())
    assert row["actor1"] == "JNIM" and row["inter1"] == "2" and row["interaction"] == "20"


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date("2025-02-07"), 1),
        (date("2024-07-25", "2024-07-27"), 2),
        (date("2024-07-25", "2024-07-31"), 2),
        (date("2024-07-25", "2024-08-01"), 3),
        (date("2009-12-01", "2009-12-31", "month"), 3),
        (date("2017-01-01", "2017-12-31", "year"), 3),
        (date(not_before=dt.date(2012, 1, 1), not_after=dt.date(2012, 3, 5), inferred=True), 3),
        (date(), None),
    ],
)
def test_time_precision(when, expected):
    assert time_precision(when) == expected


def test_acled_dates_fatalities_and_tags():
    undated = make(when=date(not_before=dt.date(2012, 1, 1), not_after=dt.date(2012, 1, 31), inferred=True))
    month = make(when=date("2009-12-01", "2009-12-31", "month"), killed=0)
    rows = acled_table([undated, month, emptiest()]).to_pylist()
    assert rows[0]["event_date"] == dt.date(2012, 1, 16) and rows[0]["time_precision"] == 3
    assert rows[0]["tags"] == "fatalities not reported; date inferred from neighbouring entries"
    assert rows[0]["fatalities"] == 0
    assert rows[1]["event_date"] == dt.date(2009, 12, 16) and rows[1]["year"] == 2009
    assert rows[1]["fatalities"] == 0 and rows[1]["tags"] is None
    assert rows[2]["event_date"] is None and rows[2]["time_precision"] is None
    assert rows[2]["iso"] is None and rows[2]["country"] is None


@pytest.mark.parametrize(("code", "number"), [("ML", 466), ("BF", 854), ("NE", 562), ("DZ", 12),
                                               ("CI", 384), ("MR", 478), ("US", 840), ("NL", 528)])
def test_iso_numeric_codes(code, number):
    (row,) = acled_table([make(country=code)]).to_pylist()
    assert row["iso"] == number


def test_every_country_of_the_places_table_has_an_iso_code_and_a_name():
    countries = {row.country for row in load_rows(DATA_DIR / "places.csv", PlaceRow)}
    assert {c for c in countries if country_number(c) is None} == set()
    assert {c for c in countries if country_name(c) == c} == set()


# The names the exports wrote before pycountry replaced the hand-typed table: overrides, common
# names and ISO names that pycountry releases have changed before ("Turkey" became "Türkiye").
@pytest.mark.parametrize(("code", "name"), [
    ("ML", "Mali"), ("CI", "Ivory Coast"), ("CZ", "Czech Republic"), ("PS", "Palestine"),
    ("RU", "Russia"), ("SY", "Syria"), ("TR", "Turkey"), ("GB", "United Kingdom"),
    ("US", "United States"), ("NL", "Netherlands"), ("GM", "Gambia"),
    ("CF", "Central African Republic"), ("EH", "Western Sahara"), ("AE", "United Arab Emirates"),
])
def test_country_names_are_the_ones_acled_and_gtd_write(code, name):
    assert country_name(code) == name
    (row,) = acled_table([make(country=code)]).to_pylist()
    assert row["country"] == name
    assert gtd_row(make(country=code))["country_txt"] == name


def test_a_code_pycountry_does_not_know_is_exported_as_written():
    assert country_name("XK") == "XK" and country_number("XK") is None
    assert country_name("ml") == "ml" and country_number("ml") is None


def test_the_country_names_table_holds_only_overrides_one_per_code():
    rows = country_name_rows()
    assert rows and len({row.code for row in rows}) == len(rows)
    for row in rows:
        iso = pycountry.countries.get(alpha_2=row.code)
        assert row.name not in (iso.name, getattr(iso, "common_name", None)), row.code


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("XX,Nowhere,test\n", r"country_names\.csv:2 \[code\] Value error, XX is not an ISO"),
        ("ci,Ivory Coast,test\n", r"country_names\.csv:2 \[code\] String should match pattern"),
        ("CI,Ivory Coast,test\nCI,Cote d'Ivoire,test\n", r"country_names\.csv:3 duplicate code 'CI'"),
    ],
)
def test_a_bad_country_names_row_fails_at_load_time(tmp_path, monkeypatch, rows, message):
    from pipeline.exports import countries

    table = tmp_path / COUNTRY_NAMES.name
    table.write_text("code,name,source\n" + rows, encoding="utf-8")
    monkeypatch.setattr(countries, "COUNTRY_NAMES", table)
    with pytest.raises(TableError, match=message):
        countries.country_name_rows.__wrapped__()


def test_timestamp_is_derived_from_the_records_not_the_clock():
    records = [make(when=date("2020-03-14")), make(when=date("2025-02-07", "2025-02-09"))]
    assert export_timestamp(records) == int(dt.datetime(2025, 2, 9, tzinfo=dt.timezone.utc).timestamp())
    assert export_timestamp([emptiest()]) == 0
    assert {r["timestamp"] for r in acled_table(records).to_pylist()} == {export_timestamp(records)}


# --- GTD ------------------------------------------------------------------------------------


def test_gtd_export_has_one_row_per_record_exactly_the_columns_and_no_formulas(tmp_path):
    records = [full(), emptiest(), hostile()]
    out = export_file(write_jsonl(tmp_path / "mali.jsonl", records), "gtd")
    assert out == tmp_path / "mali.gtd.csv"
    rows = read_csv(out.read_bytes())
    assert list(rows[0]) == GTD_COLUMNS and len(rows) == 3
    assert_no_formula_cells(rows)
    assert rows[2]["summary"].startswith("'=HYPERLINK") and rows[2]["gname"] == "'@JNIM"
    assert (rows[2]["scite1"], rows[2]["scite2"], rows[2]["scite3"]) == ("'=cmd|' /C calc'!A0", "'-Reuters", "'+VOA")
    assert rows[1]["claimed"] == "-9"


def test_gtd_row_of_a_full_record():
    row = gtd_row(full(), KINDS)
    assert row == {
        "iyear": 2025, "imonth": 2, "iday": 7, "approxdate": None, "extended": 1,
        "resolution": dt.date(2025, 2, 9), "country_txt": "Mali", "provstate": "Gao", "city": "Gao",
        "latitude": 16.27, "longitude": -0.04, "specificity": 1, "attacktype1_txt": "Armed Assault",
        "targtype1_txt": "Military", "gname": "JNIM", "guncertain1": 0, "claimed": 1,
        "nkill": 54, "nkillter": 4, "nwound": 13, "nhostkid": 2, "scite1": "Reuters",
        "scite2": "Defense Post", "scite3": "RFI", "summary": full().text,
    }


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (date("2025-02-07"), (2025, 2, 7, None, 0, None)),
        (date("2009-12-01", "2009-12-31", "month", text="in December 2009"),
         (2009, 12, 0, "in December 2009", 0, None)),
        (date("2017-01-01", "2017-12-31", "year", edtf="2017"), (2017, 0, 0, "2017", 0, None)),
        (date("2012-03-01", "2012-05-31", "month"), (2012, 0, 0, "2012-03-01/2012-05-31", 0, None)),
        (date(not_before=dt.date(2012, 1, 1), not_after=dt.date(2012, 3, 5), inferred=True),
         (2012, 0, 0, "between 2012-01-01 and 2012-03-05 (inferred from neighbouring entries)", 0, None)),
        (date(), (None, 0, 0, None, 0, None)),
    ],
)
def test_gtd_dates(when, expected):
    row = gtd_row(make(when=when))
    assert (row["iyear"], row["imonth"], row["iday"], row["approxdate"], row["extended"], row["resolution"]) == expected


@pytest.mark.parametrize(
    ("spec", "attack", "target"),
    [
        (dict(event_type="bombing", actors=[actor("MINUSMA", "target")]), "Bombing/Explosion", "Government (Diplomatic)"),
        (dict(event_type="kidnapping", casualties=[hurt("kidnapped", 40, "civilians")]),
         "Hostage Taking (Kidnapping)", "Private Citizens & Property"),
        (dict(event_type="attack", text="Two armed men hold over 170 guests during a siege of the Radisson Blu hotel."),
         "Hostage Taking (Barricade Incident)", "Unknown"),
        (dict(event_type="killing", casualties=[hurt("killed", 2, "police")]), "Armed Assault", "Police"),
        (dict(event_type="legal_action", actors=[actor("JNIM", "target")]), "Unknown", "Terrorists/Non-State Militia"),
        (dict(event_type="attack", casualties=[hurt("killed", 3, "peacekeepers")]), "Armed Assault", "Government (Diplomatic)"),
    ],
)
def test_gtd_attack_and_target_types(spec, attack, target):
    row = gtd_row(make(**spec), KINDS)
    assert (row["attacktype1_txt"], row["targtype1_txt"]) == (attack, target)


@pytest.mark.parametrize(
    ("locations", "specificity"),
    [([place("Gao", lat=16.2, lon=-0.04, precision=1)], 1), ([place("Gao", lat=16.2, lon=-0.04, precision=2)], 2),
     ([place("Mopti", lat=14.5, lon=-4.2, precision=3)], 4), ([place("Gao", lat=16.2, lon=-0.04)], 2),
     ([place("Gao")], 5), ([], 5)],
)
def test_gtd_specificity(locations, specificity):
    assert gtd_row(make(locations=locations))["specificity"] == specificity


def test_gtd_perpetrator_uncertainty_and_counts():
    suspected = gtd_row(make(actors=[actor("JNIM", attribution="suspected")], perpetrators_killed=5))
    assert (suspected["guncertain1"], suspected["claimed"]) == (1, -9)
    assert (suspected["nkill"], suspected["nkillter"]) == (5, 5)
    unnamed = gtd_row(make())
    assert (unnamed["gname"], unnamed["guncertain1"], unnamed["nkill"]) == ("Unknown", None, None)


# --- DuckDB ---------------------------------------------------------------------------------


def _dump(path: Path) -> dict:
    connection = duckdb.connect(str(path), read_only=True)
    try:
        tables = [t for (t,) in connection.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {
            t: (connection.execute(f"DESCRIBE {t}").fetchall(), connection.execute(f"SELECT * FROM {t}").fetchall())
            for t in tables
        }
    finally:
        connection.close()


def test_duckdb_export_has_typed_records_and_one_table_per_export(tmp_path):
    records = [full(), emptiest(), hostile()]
    out = export_file(write_jsonl(tmp_path / "mali.jsonl", records), "duckdb")
    assert out == tmp_path / "mali.duckdb"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mali.duckdb", "mali.jsonl"]
    dump = _dump(out)
    assert sorted(dump) == ["acled", "gtd", "records"]
    types = {name: kind for name, kind, *_ in dump["records"][0]}
    assert types["date_start"] == "DATE" and types["killed"] == "BIGINT"
    assert types["locations"] == "VARCHAR[]" and types["latitude"] == "DOUBLE"
    assert [c[0] for c in dump["acled"][0]] == ACLED_COLUMNS
    assert [c[0] for c in dump["gtd"][0]] == ["record_id", *GTD_COLUMNS]
    assert all(len(rows) == 3 for _, rows in dump.values())
    # A database is not a spreadsheet: values are stored as extracted, not neutralised.
    assert dump["acled"][1][2][ACLED_COLUMNS.index("notes")] == hostile().text
    assert dump["records"][1][1][flat_row_columns().index("killed")] is None




# --- dedupe ---------------------------------------------------------------------------------


def test_dedupe_drops_same_as_copies_of_records_kept_earlier():
    a = make("a")
    b = make("b", same_as=["a"])
    c = make("c", same_as=["not-here"])
    d = make("d", same_as=["b"])  # b was dropped, so d is the only record of its event kept
    e = make("e", same_as=["c", "a"])
    assert [r.id for r in dedupe_records([a, b, c, d, e])] == ["a", "c", "d"]


def test_dedupe_keeps_the_earlier_record_whichever_side_links(tmp_path):
    narrative = make("n", same_as=["t"])
    timeline = make("t", same_as=["n"])
    assert [r.id for r in dedupe_records([timeline, narrative])] == ["t"]
    assert [r.id for r in dedupe_records([timeline, make("n")])] == ["t"]
    assert [r.id for r in dedupe_records([make("t"), narrative])] == ["t"]
    jsonl = write_jsonl(tmp_path / "mali.jsonl", [timeline, narrative])
    out = export_file(jsonl, "acled", dedupe=True)
    assert out.name == "mali.dedupe.acled.csv"
    assert [r["event_id_cnty"] for r in read_csv(out.read_bytes())] == ["t"]


# --- determinism, paths and errors -------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "parquet", "acled", "gtd"])
def test_exporting_twice_gives_the_same_bytes(tmp_path, fmt):
    jsonl = write_jsonl(tmp_path / "mali.jsonl", [full(), emptiest(), hostile()])
    first = export_file(jsonl, fmt, tmp_path / "one").read_bytes()
    second = export_file(jsonl, fmt, tmp_path / "two").read_bytes()
    assert first == second


def test_exporting_duckdb_twice_gives_the_same_contents_and_replaces_the_old_file(tmp_path):
    # DuckDB writes a random database identifier into its file header, so its bytes differ
    # between runs; every table, column type and row is the same (docs/exports.md).
    jsonl = write_jsonl(tmp_path / "mali.jsonl", [full(), hostile()])
    one = export_file(jsonl, "duckdb", tmp_path / "one.duckdb")
    assert _dump(one) == _dump(export_file(jsonl, "duckdb", tmp_path / "two.duckdb"))
    write_jsonl(jsonl, [emptiest()])
    export_file(jsonl, "duckdb", one)
    assert [row[0] for row in _dump(one)["records"][1]] == ["mali-empty"]


def test_default_output_paths(tmp_path):
    assert export_path(Path("out/mali.jsonl"), "parquet") == Path("out/mali.parquet")
    assert export_path(Path("out/mali.jsonl"), "gtd") == Path("out/mali.gtd.csv")
    assert export_path(Path("out/mali.jsonl"), "duckdb", dedupe=True) == Path("out/mali.dedupe.duckdb")
    # A folder as --out receives the default name.
    (tmp_path / "exports").mkdir()
    jsonl = write_jsonl(tmp_path / "mali.jsonl", [full()])
    assert export_file(jsonl, "acled", tmp_path / "exports") == tmp_path / "exports" / "mali.acled.csv"


@pytest.mark.parametrize(
    ("setup", "fmt", "message"),
    [
        (lambda d: d / "missing.jsonl", "csv", r"missing\.jsonl: no such file"),
        (lambda d: (d / "bad.jsonl").write_text('{"id": 1}\n') and d / "bad.jsonl", "csv",
         r"bad\.jsonl:1: not a valid record"),
        (lambda d: d / "mali.jsonl", "xlsx", r"mali\.jsonl: unknown export format 'xlsx'"),
        (lambda d: d / "mali.parquet", "csv", r"mali\.parquet: export reads the extracted JSONL"),
    ],
)
def test_bad_input_fails_in_one_line_naming_the_file(tmp_path, setup, fmt, message):
    with pytest.raises(ReportError, match=message) as info:
        export_file(setup(tmp_path), fmt)
    assert "\n" not in str(info.value)


def test_an_export_never_overwrites_its_input(tmp_path):
    jsonl = write_jsonl(tmp_path / "mali.jsonl", [full()])
    with pytest.raises(ReportError, match="would overwrite the records"):
        export_file(jsonl, "csv", jsonl)
    assert load_frame(jsonl).shape[0] == 1


def test_an_unwritable_output_fails_in_one_line_and_keeps_the_old_file(tmp_path):
    jsonl = write_jsonl(tmp_path / "mali.jsonl", [full()])
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(ReportError, match=r"file/x\.csv: cannot write the csv export"):
        export_file(jsonl, "csv", tmp_path / "file" / "x.csv")
    with pytest.raises(ReportError, match=r"cannot write the duckdb export"):
        export_file(jsonl, "duckdb", tmp_path / "file" / "x.duckdb")
    assert (tmp_path / "file").read_text() == "not a folder"


def test_cli_export(tmp_path, capsys):
    jsonl = write_jsonl(tmp_path / "mali.jsonl", [full(), hostile()])
    assert cli_main(["export", str(jsonl), "--format", "gtd"]) == 0
    # rich folds long lines at the terminal width: compare without the line breaks.
    assert f"wrote {tmp_path / 'mali.gtd.csv'}" in capsys.readouterr().out.replace("\n", "")
    assert (tmp_path / "mali.gtd.csv").exists()
    assert cli_main(["export", str(tmp_path / "nope.jsonl"), "--format", "acled"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert err.startswith("error: ") and "no such file" in err


def test_the_documented_columns_match_the_exports():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    for column in ACLED_COLUMNS + GTD_COLUMNS + flat_row_columns():
        assert f"`{column}`" in doc, column
    for suffix in EXPORT_SUFFIXES.values():
        assert f"`<stem>{suffix}`" in doc, suffix
