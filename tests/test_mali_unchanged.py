"""The redesign changed no value of the Mali report's records, save those listed with a reason.

``tests/fixtures/mali.before-redesign.jsonl`` is the output of ``extract raw/mali.txt`` before
the pipeline was cut into readers, layouts, scope and fields. Every value of every record, ids
and evidence offsets included, must be the same today; a key added since is not a change.

Two renames apply to every record and are mapped before comparing: the contract's version
(``schema_version``, a minor bump for the added optional fields) and the place kinds, which became
generic (``RENAMED_KINDS``: a "town" is a ``populated_place`` in any country). Every other change
is listed in ``tests/fixtures/mali.redesign-changes.json`` by record and field, with the values
before and after as ``summary`` gives them and the reason (each checked against the text and the
Mali gold); records whose id changed are listed as removed and added. A change that is not
listed, or a listed change that did not happen, fails.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.schema import SCHEMA_VERSION

from .conftest import needs_model

BEFORE = Path(__file__).parent / "fixtures" / "mali.before-redesign.jsonl"
# Every change since, by record and field: {"removed": {id: reason}, "added": {id: reason},
# "fields": [{"id", "field", "before", "after", "reason"}]}, before and after as ``summary`` gives them.
CHANGES = Path(__file__).parent / "fixtures" / "mali.redesign-changes.json"
RENAMED_KINDS = {"town": "populated_place", "village": "populated_place", "commune": "admin3",
                 "cercle": "admin2", "region": "admin1"}


def summary(field: str, value):
    """What a field's change is judged on: names and roles for actors, names and kinds for
    places, the value itself otherwise."""
    if field == "actors":
        return sorted((a["name"], a["role"], a["attribution"], a["text"], a["evidence"]["method"])
                      for a in value)
    if field in ("locations", "mentioned_places"):
        return [(p["text"], p["name"], p["kind"], p["country"], p.get("geo_precision"))
                for p in value]
    if field == "evidence":
        return {k: [(e["text"], e["method"]) for e in v] for k, v in sorted(value.items())}
    if field == "casualties":
        return [(c["kind"], c["min"], c["max"], c["evidence"]["text"]) for c in value]
    if field == "links":
        return [(link["id"], link["score"], tuple(link["reasons"])) for link in value]
    return value


def _renamed(old: dict) -> dict:
    old = json.loads(json.dumps(old))
    old["schema_version"] = SCHEMA_VERSION
    for key in ("locations", "mentioned_places"):
        for place in old.get(key, []):
            place["kind"] = RENAMED_KINDS.get(place["kind"], place["kind"])
    return old


def _changed_fields(old: dict, new: dict) -> list[str]:
    """The top-level fields of ``old`` whose value ``new`` does not hold."""
    return [key for key in old if new.get(key, _MISSING) != old[key]]


_MISSING = object()


def test_the_comparison_sees_a_change():
    old = {"id": "a", "killed": 5, "locations": [{"name": "Gao", "kind": "town"}]}
    new = {"id": "a", "killed": 5, "locations": [{"name": "Gao", "kind": "populated_place"}],
           "added": 1, "schema_version": SCHEMA_VERSION}
    assert _changed_fields(_renamed(old), new) == []
    assert _changed_fields(_renamed(old), {**new, "killed": 6}) == ["killed"]


def _listed() -> dict:
    return json.loads(CHANGES.read_text(encoding="utf-8"))


def _plain(value):
    """A summary as JSON holds it (tuples become lists)."""
    return json.loads(json.dumps(value))


@needs_model
def test_every_mali_value_is_unchanged(mali_records):
    before = {r["id"]: r for r in map(json.loads, BEFORE.read_text(encoding="utf-8").splitlines())}
    after = {r.id: json.loads(r.model_dump_json()) for r in mali_records}
    listed = _listed()
    assert len(before) == 309
    # A narrative event re-cut gets a new id (a hash of its span): each one is listed.
    assert sorted(set(before) - set(after)) == sorted(listed["removed"])
    assert sorted(set(after) - set(before)) == sorted(listed["added"])
    found = {}
    for id_ in sorted(set(before) & set(after)):
        old, new = before[id_], after[id_]
        for key in _changed_fields(_renamed(old), new):
            found[(id_, key)] = _plain([summary(key, old[key]), summary(key, new[key])])
    expected = {(c["id"], c["field"]): [c["before"], c["after"]] for c in listed["fields"]}
    unexpected = sorted(k for k in found if expected.get(k) != found[k])
    missing = sorted(set(expected) - set(found))
    assert not unexpected, f"{len(unexpected)} unlisted changes, e.g. {[(k, found[k]) for k in unexpected[:3]]}"
    assert not missing, f"listed changes that did not happen: {missing[:5]}"


def test_every_listed_change_has_a_reason():
    listed = _listed()
    reasons = [*listed["removed"].values(), *listed["added"].values(),
               *(c["reason"] for c in listed["fields"])]
    assert reasons and all(len(reason) > 20 for reason in reasons)
