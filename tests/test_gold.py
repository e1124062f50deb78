"""The gold test: extract raw/mali.txt and fail when any field falls below its floor.

Floors live in tests/gold/floors.json. They are raised in the change that earns them and never
lowered to make a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.scoring import evaluate_files, read_gold

from .conftest import needs_model

GOLD = Path(__file__).parent / "gold"


@pytest.fixture(scope="module")
def scores(mali_records, tmp_path_factory):
    """Scores of both kinds, computed as ``python -m pipeline evaluate`` computes them."""
    from pipeline.io import atomic_write_bytes, records_jsonl

    path = tmp_path_factory.mktemp("gold") / "mali.jsonl"
    atomic_write_bytes(path, records_jsonl(mali_records))
    return {kind: evaluate_files(GOLD / "mali.jsonl", path, kind).scores() for kind in FLOORS}


FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


@needs_model
@pytest.mark.parametrize(
    "kind, field", [(kind, field) for kind in sorted(FLOORS) for field in sorted(FLOORS[kind])]
)
def test_field_meets_its_floor(scores, kind, field):
    floor = FLOORS[kind][field]
    got = scores[kind][field]
    assert got >= floor, f"{kind} {field}: {got:.4f} is below its floor {floor}"


def test_floors_cover_every_scored_field():
    from pipeline.scoring import SET_FIELDS, SINGLE_FIELDS

    expected = set(SINGLE_FIELDS) | set(SET_FIELDS) | {"segmentation_recall", "segmentation_precision"}
    assert set(FLOORS["timeline"]) == expected
    assert set(FLOORS["narrative"]) == expected | {"links"}


def test_gold_file_is_complete():
    gold = read_gold(GOLD / "mali.jsonl", "timeline")
    assert [g["n"] for g in gold] == list(range(1, 194))
    for g in gold:
        assert g["text"] and isinstance(g["sources"], list), g["n"]
    narrative = read_gold(GOLD / "mali.jsonl", "narrative")
    assert len(narrative) >= 40
    timeline_numbers = {g["n"] for g in gold}
    for g in narrative:
        assert g["date"]["start"] and g["section"], g["n"]
        assert g["same_as_timeline"] is None or g["same_as_timeline"] in timeline_numbers, g["n"]
    # The second, independent labelling of every fifth entry, for the agreement figures.
    second = read_gold(GOLD / "mali.second.jsonl", "timeline")
    assert len(second) == 40 and {g["n"] for g in second} <= timeline_numbers
