"""A report about another Sahel country needs only new table rows, no code change.

The report below is written in the format of the CEP country reports, about places and forces
that the Mali tables do not know. With the shipped tables the villages come out without a region
and nobody is named; with rows added to copies of the tables, the same code resolves them.
"""

from __future__ import annotations

import shutil

import pytest

from pipeline.extract import Extractor
from pipeline.tables import DATA_DIR, load_tables

from .conftest import needs_model

REPORT = """

Niger: Extremism and Terrorism

Overview

Niger has faced a jihadist insurgency since 2015. (Sources: [Reuters](#))

Major Extremist and Terrorist Incidents

- **December 10, 2019:** Suspected IS Sahel militants attack a military camp in Inates, killing 71 soldiers. Source: [Reuters](#)
- **March 21, 2021:** Gunmen on motorbikes attack an army post in Tillia, killing more than 100 soldiers. Sources: [Reuters](#), [Al Jazeera](#)
- **February 10, 2023:** Men in army uniforms kill at least 17 civilians in Banibangou. The Tillaberi Vigilance Committees are suspected. Source: [Associated Press](#)

Domestic Counter-Extremism

On May 15, 2022, the government banned gatherings. (Source: [Reuters](#))
"""

NEW_PLACES = [
    "Inates,,populated_place,Tillabéri,NE,,,test: written for this test,",
    "Tillia,,populated_place,Tahoua,NE,,,test: written for this test,",
    "Banibangou,,populated_place,Tillabéri,NE,,,test: written for this test,",
]
NEW_ACTORS = [
    "Tillaberi Vigilance Committees,Tillaberi Vigilance Committees,militia,NE,,,,test",
    "Niger Armed Forces,Niger Armed Forces,state force,NE,,,,test",
    "Niger Armed Forces,FAN,state force,NE,,,,test",
]


@pytest.fixture(scope="module")
def extended_tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    for name in ("actors.csv", "places.csv"):
        shutil.copy(DATA_DIR / name, folder / name)
    with (folder / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(NEW_PLACES) + "\n")
    with (folder / "actors.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(NEW_ACTORS) + "\n")
    return load_tables(folder)


def _by_date(records):
    return {r.date.start.isoformat(): r for r in records if r.kind == "timeline"}


@needs_model
def test_the_shipped_data_alone(extractor):
    records, _ = extractor.extract_text(REPORT, "niger")
    entries = _by_date(records)
    assert len(entries) == 3
    # The country comes from the report's own words, not from a setting.
    assert {r.country for r in entries.values()} == {"NE"}
    # Tillia is in the world gazetteer (GeoNames); Inates and Banibangou are villages it does not
    # hold: they are kept with their text and no resolution, never forced onto a namesake.
    tillia = entries["2021-03-21"]
    assert [(loc.name, loc.admin1, loc.country) for loc in tillia.locations] == [
        ("Tillia", "Tahoua", "NE")]
    assert tillia.country_source == "place"
    for day, name in (("2019-12-10", "Inates"), ("2023-02-10", "Banibangou")):
        assert [(loc.name, loc.country, loc.lat) for loc in entries[day].locations] == [
            (name, None, None)]
        assert entries[day].country_source == "report"
    # Plain "soldiers" in a Niger event are Niger's forces (generated from its adjective), never
    # Mali's army.
    targets = {a.name for r in entries.values() for a in r.actors if a.role == "target"}
    assert targets == {"Nigerien Armed Forces"}


@needs_model
def test_new_rows_alone_resolve_places_and_actors(extended_tables):
    records, _ = Extractor(tables=extended_tables).extract_text(REPORT, "niger")
    entries = _by_date(records)
    inates = entries["2019-12-10"]
    assert [(loc.name, loc.admin1, loc.country) for loc in inates.locations] == [
        ("Inates", "Tillabéri", "NE")
    ]
    assert inates.killed == 71
    assert [(a.name, a.attribution) for a in inates.actors if a.role == "perpetrator"] == [
        ("IS Sahel", "suspected")
    ]
    # The first state force of the event's country stands for its plain "soldiers".
    assert [a.name for a in inates.actors if a.role == "target"] == ["Niger Armed Forces"]
    tillia = entries["2021-03-21"]
    assert [loc.name for loc in tillia.locations] == ["Tillia"] and tillia.killed == 100
    assert tillia.perpetrator_description == "gunmen on motorbikes"
    assert tillia.sources == ["Reuters", "Al Jazeera"]
    banibangou = entries["2023-02-10"]
    assert [loc.admin1 for loc in banibangou.locations] == ["Tillabéri"]
    assert [(a.name, a.role, a.attribution) for a in banibangou.actors] == [
        ("Tillaberi Vigilance Committees", "perpetrator", "suspected")
    ]
    assert {r.country for r in entries.values()} == {"NE"}
