"""A report about another Sahel country needs only new table rows, no code change.

The report below is written in the format of the CEP country reports, about places and a force
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

Burkina Faso: Extremism and Terrorism

Overview

Burkina Faso has faced a jihadist insurgency since 2015. (Sources: [Reuters](#))

Major Extremist and Terrorist Incidents

- **August 24, 2024:** Suspected JNIM militants attack soldiers and civilians digging trenches in Barsalogho, killing at least 133. Source: [Reuters](#)
- **June 11, 2024:** JNIM militants attack an army base in Mansila, killing more than 100 soldiers. Sources: [Reuters](#), [Al Jazeera](#)
- **April 27, 2023:** Men in army uniforms kill at least 60 civilians in Karma. The Volunteers for the Defense of the Homeland are suspected. Source: [Associated Press](#)

Domestic Counter-Extremism

On May 15, 2022, the government banned gatherings. (Source: [Reuters](#))
"""

NEW_PLACES = [
    "Barsalogho,,town,Centre-Nord,BF,,,test: written for this test,",
    "Mansila,,village,Sahel,BF,,,test: written for this test,",
    "Karma,,village,Nord,BF,,,test: written for this test,",
]
NEW_ACTORS = [
    "Volunteers for the Defense of the Homeland,Volunteers for the Defense of the Homeland,militia,BF,,,,test",
    "Volunteers for the Defense of the Homeland,VDP,militia,BF,,,,test",
    "Burkina Faso Armed Forces,Burkina Faso Armed Forces,state force,BF,,,,test",
    "Burkina Faso Armed Forces,Burkinabe army,state force,BF,,,,test",
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
def test_the_shipped_tables_do_not_know_the_villages(extractor):
    records, _ = extractor.extract_text(REPORT, "burkina")
    entries = _by_date(records)
    assert len(entries) == 3
    # The country comes from the report's title, not from a setting.
    assert {r.country for r in entries.values()} == {"BF"}
    assert all(loc.admin1 is None for r in entries.values() for loc in r.locations)
    # Plain "soldiers" in a Burkina Faso event are not taken for Mali's army.
    assert "Malian Armed Forces" not in {a.name for r in entries.values() for a in r.actors}


@needs_model
def test_new_rows_alone_resolve_places_and_actors(extended_tables):
    records, _ = Extractor(tables=extended_tables).extract_text(REPORT, "burkina")
    entries = _by_date(records)
    barsalogho = entries["2024-08-24"]
    assert [(loc.name, loc.admin1, loc.country) for loc in barsalogho.locations] == [
        ("Barsalogho", "Centre-Nord", "BF")
    ]
    assert barsalogho.killed == 133
    assert [(a.name, a.attribution) for a in barsalogho.actors if a.role == "perpetrator"] == [
        ("JNIM", "suspected")
    ]
    mansila = entries["2024-06-11"]
    assert [loc.name for loc in mansila.locations] == ["Mansila"] and mansila.killed == 100
    # The first state force of the event's country stands for its plain "soldiers".
    assert [a.name for a in mansila.actors if a.role == "target"] == ["Burkina Faso Armed Forces"]
    assert mansila.sources == ["Reuters", "Al Jazeera"]
    karma = entries["2023-04-27"]
    assert [loc.admin1 for loc in karma.locations] == ["Nord"]
    assert [(a.name, a.role, a.attribution) for a in karma.actors] == [
        ("Volunteers for the Defense of the Homeland", "perpetrator", "suspected")
    ]
    assert {r.country for r in entries.values()} == {"BF"}
