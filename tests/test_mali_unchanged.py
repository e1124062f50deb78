"""The redesign changed no value of the Mali report's records.

``tests/fixtures/mali.before-redesign.jsonl`` is the output of ``extract raw/mali.txt`` before
the pipeline was cut into readers, layouts, scope and fields. Every value of every record, ids
and evidence offsets included, must be the same today; a key the redesign added is not a change.
A value that changes on purpose is listed in ``EXPECTED_CHANGES`` with its reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import needs_model

BEFORE = Path(__file__).parent / "fixtures" / "mali.before-redesign.jsonl"
# (record id, path of the value) -> (old, new): changes made on purpose, each with its reason.
EXPECTED_CHANGES: dict[tuple[str, str], tuple[object, object]] = {}


def _differences(old, new, path: str = "") -> list[tuple[str, object, object]]:
    """Every value of ``old`` that ``new`` does not hold at the same path."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [d for key in old for d in _differences(old[key], new.get(key, _MISSING),
                                                      f"{path}.{key}")]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [d for i, (a, b) in enumerate(zip(old, new)) for d in _differences(a, b, f"{path}[{i}]")]
    return [] if old == new else [(path, old, new)]


_MISSING = object()


def test_the_comparison_sees_a_change():
    old = {"id": "a", "killed": 5, "locations": [{"name": "Gao", "evidence": {"start": 3}}]}
    new = {"id": "a", "killed": 5, "locations": [{"name": "Gao", "evidence": {"start": 4}}],
           "added": 1}
    assert _differences(old, new) == [(".locations[0].evidence.start", 3, 4)]


@needs_model
def test_every_mali_value_is_unchanged(mali_records):
    before = [json.loads(line) for line in BEFORE.read_text(encoding="utf-8").splitlines()]
    after = [json.loads(r.model_dump_json()) for r in mali_records]
    assert len(after) == len(before) == 309
    found = {}
    for old, new in zip(before, after):
        for path, a, b in _differences(old, new):
            found[(old["id"], path)] = (a, b)
    unexpected = {k: v for k, v in found.items() if EXPECTED_CHANGES.get(k) != v}
    missing = sorted(set(EXPECTED_CHANGES) - set(found))
    assert not unexpected, f"{len(unexpected)} values changed, e.g. {sorted(unexpected.items())[:5]}"
    assert not missing, f"expected changes that did not happen: {missing[:5]}"
