"""The committed JSON Schema (schemas/record.v1.json) stays what the models generate."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from pydantic import BaseModel, Field, create_model

from pipeline import schema_export
from pipeline.io import ReportError
from pipeline.schema import (
    SCHEMA_VERSION,
    Actor,
    Casualty,
    DateMention,
    DateValue,
    Evidence,
    Link,
    Location,
    Record,
    TextSpan,
)
from pipeline.schema_export import (
    REGENERATE,
    check_schema,
    models_of,
    schema_bytes,
    schema_differences,
    schema_path,
    undocumented_fields,
)


def _evidence(text: str, start: int = 0) -> Evidence:
    return Evidence(text=text, start=start, end=start + len(text), method="rule:test")


def full_record() -> Record:
    """A record with every nested model and every optional value filled."""
    day = dt.date(2025, 2, 7)
    return Record(
        id="mali-20250207-aaaaaaaa",
        report="mali",
        section="Major Extremist and Terrorist Incidents",
        kind="timeline",
        text="February 7, 2025: Armed assailants ambush several vehicles in Gao, killing more than 50.",
        span=TextSpan(start=10, end=99),
        date=DateValue(
            start=day, end=day, precision="day", text="February 7, 2025", edtf="2025-02-07",
            evidence=_evidence("February 7, 2025", 12),
            mentions=[DateMention(
                start=dt.date(2024, 5, 1), end=dt.date(2024, 5, 31), precision="month",
                edtf="2024-05", anchored=True, evidence=_evidence("in May", 60),
            )],
        ),
        country="ML",
        locations=[Location(
            text="Gao", name="Gao", kind="populated_place", admin1="Gao", country="ML", lat=16.27,
            lon=-0.04, geo_precision=1, evidence=_evidence("Gao", 70),
        )],
        mentioned_places=[Location(
            text="Mauritania", name="Mauritania", admin1=None, country="MR", lat=None, lon=None,
            evidence=_evidence("Mauritania", 80),
        )],
        actors=[Actor(
            text="JNIM", name="JNIM", kind="jihadist group", role="perpetrator",
            attribution="claimed", evidence=_evidence("JNIM", 30),
        )],
        perpetrator_description="armed assailants",
        killed=50, injured=13, kidnapped=0, perpetrators_killed=3,
        casualties=[Casualty(
            kind="killed", min=50, max=None, qualifier="more than", group="unspecified",
            claimed_by="the Malian army", part_of_total=False, evidence=_evidence("more than 50", 75),
        )],
        disputed=True,
        sources=["Reuters"],
        event_type="attack",
        evidence={"sources": [_evidence("Reuters", 95)]},
        same_as=["mali-n-20250207-bbbbbbbb"],
        links=[Link(id="mali-n-20250207-bbbbbbbb", score=0.9, reasons=["same day", "place Gao"],
                    conflicts=["injured 6 vs 13"])],
        warnings=["two dates in the header"],
    )


# --- a small validator for the JSON Schema keywords pydantic generates -------------------------
# jsonschema is not installed and no package may be added: this covers exactly the keywords the
# committed file uses, and refuses any other, so a new keyword cannot be silently ignored.
_KNOWN = {
    "$defs", "$ref", "$schema", "additionalProperties", "anyOf", "default", "description",
    "enum", "format", "items", "maximum", "minimum", "properties", "required", "title", "type",
}
_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}


def validate(instance, schema: dict, root: dict, where: str = "") -> list[str]:
    """Errors of ``instance`` against ``schema``, each with its JSON pointer; empty when valid."""
    unknown = set(schema) - _KNOWN
    if unknown:
        raise AssertionError(f"{where}: the test's validator does not know {sorted(unknown)}")
    errors: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        errors += validate(instance, root["$defs"][name], root, where)
    if "anyOf" in schema:
        if all(validate(instance, branch, root, where) for branch in schema["anyOf"]):
            errors.append(f"{where}: matches no branch of anyOf")
    if "type" in schema and not _TYPES[schema["type"]](instance):
        return errors + [f"{where}: {instance!r} is not {schema['type']}"]
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{where}: {instance!r} not in {schema['enum']}")
    if "minimum" in schema and instance < schema["minimum"]:
        errors.append(f"{where}: {instance} < {schema['minimum']}")
    if "maximum" in schema and instance > schema["maximum"]:
        errors.append(f"{where}: {instance} > {schema['maximum']}")
    if schema.get("format") == "date":
        try:
            dt.date.fromisoformat(instance)
        except ValueError:
            errors.append(f"{where}: {instance!r} is not an ISO date")
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in instance:
                errors.append(f"{where}/{key}: required")
        for key, value in instance.items():
            if key in properties:
                errors += validate(value, properties[key], root, f"{where}/{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}/{key}: not allowed")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(value, schema["additionalProperties"], root, f"{where}/{key}")
    if isinstance(instance, list) and "items" in schema:
        for i, value in enumerate(instance):
            errors += validate(value, schema["items"], root, f"{where}/{i}")
    return errors


@pytest.fixture(scope="module")
def committed() -> dict:
    return json.loads(schema_path().read_text(encoding="utf-8"))


# --- the committed file is in sync ---------------------------------------------------------


def test_committed_schema_matches_the_models():
    differences = check_schema()
    assert not differences, (
        f"{schema_path().name} is stale: run `{REGENERATE}` and commit the file.\n"
        + "\n".join(differences[:20])
    )


def test_schema_file_is_named_for_the_major_version():
    assert schema_path().name == f"record.v{SCHEMA_VERSION.split('.')[0]}.json"
    assert schema_path("2.3.1").name == "record.v2.json"
    with pytest.raises(ReportError, match="not semver"):
        schema_path("v1")


def test_schema_bytes_are_deterministic_sorted_and_end_with_one_newline():
    data = schema_bytes()
    assert data == schema_bytes()
    assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
    text = data.decode("utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- the comparison reports a changed model -------------------------------------------------


def test_a_changed_field_type_is_reported(committed):
    changed = create_model(
        "Record", __base__=Record, __doc__=Record.__doc__,
        killed=(str | None, Field(description=Record.model_fields["killed"].description)),
    )
    differences = schema_differences(committed, schema_export.schema_dict(changed))
    assert differences == [
        "/properties/killed/anyOf/0/maximum: no longer generated by the models",
        '/properties/killed/anyOf/0/type: committed "integer", models generate "string"',
    ]


def test_an_added_field_and_a_changed_description_are_reported(committed):
    changed = create_model(
        "Record", __base__=Record, __doc__=Record.__doc__,
        confidence=(float, Field(description="How sure the extractor is.")),
        report=(str, Field(description="Another description.")),
    )
    differences = schema_differences(committed, schema_export.schema_dict(changed))
    assert "/properties/confidence: not in the committed file" in differences
    assert any(d.startswith("/properties/report/description: committed") for d in differences)
    assert any(d.startswith("/required: committed") for d in differences)


def test_a_removed_field_is_reported(committed):
    generated = schema_export.schema_dict()
    del generated["properties"]["warnings"]
    assert schema_differences(committed, generated) == [
        "/properties/warnings: no longer generated by the models"
    ]


def test_check_and_main_on_a_stale_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(schema_export, "SCHEMAS_DIR", tmp_path)
    assert check_schema() == [f"{schema_path()}: missing: run `{REGENERATE}`"]
    assert schema_export.main(["--check"]) == 1
    assert REGENERATE in capsys.readouterr().err

    assert schema_export.main([]) == 0
    assert (tmp_path / schema_path().name).read_bytes() == schema_bytes()
    assert schema_export.main(["--check"]) == 0

    # Reformatting the generated file (same content) is still reported.
    path = tmp_path / schema_path().name
    path.write_text(json.dumps(json.loads(path.read_text())), encoding="utf-8")
    assert check_schema() == [f"{path}: same schema, different bytes (hand-edited?)"]
    path.write_text("{not json", encoding="utf-8")
    assert "not readable JSON" in check_schema()[0]


# --- descriptions ---------------------------------------------------------------------------


def test_every_field_of_every_model_is_described_in_the_schema(committed):
    assert undocumented_fields(schema=committed) == []
    names = {m.__name__ for m in models_of()}
    assert {"Record", "DateValue", "Evidence", "Location", "Actor", "Casualty"} <= names
    assert names - {"Record"} == set(committed["$defs"])


def test_an_undescribed_field_is_reported():
    class Inner(BaseModel):
        a: int = Field(description="Described.")
        b: int

    class Outer(BaseModel):
        inner: Inner = Field(description="Nested.")
        c: str

    assert undocumented_fields(Outer) == ["Outer.c", "Inner.b"]


# --- a record validates against the committed schema -------------------------------------------


def _models_in(value) -> set[type]:
    if isinstance(value, BaseModel):
        found = {type(value)}
        for name in type(value).model_fields:
            found |= _models_in(getattr(value, name))
        return found
    if isinstance(value, (list, tuple)):
        return set().union(*map(_models_in, value)) if value else set()
    if isinstance(value, dict):
        return _models_in(list(value.values()))
    return set()


def test_the_full_record_holds_every_model():
    assert _models_in(full_record()) == set(models_of()), "extend full_record() with the new model"


def test_a_full_record_validates_against_the_committed_schema(committed):
    record = full_record()
    instance = json.loads(record.model_dump_json())
    assert validate(instance, committed, committed) == []
    # The pydantic round trip agrees: the JSON reads back into the same record.
    assert Record.model_validate_json(record.model_dump_json()) == record


def test_the_emptiest_record_validates(committed):
    record = Record(
        id="x", report="mali", section="s", kind="narrative", text="t", span=TextSpan(start=0, end=1),
        date=DateValue(start=None, end=None, precision=None, text=None), country=None,
        locations=[], actors=[], killed=None, injured=None, kidnapped=None, casualties=[],
        sources=[], event_type=None,
    )
    assert validate(json.loads(record.model_dump_json()), committed, committed) == []


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda r: r.update(killed="many"), r"/killed: matches no branch"),
        (lambda r: r.update(confidence=0.5), r"/confidence: not allowed"),
        (lambda r: r.pop("sources"), r"/sources: required"),
        (lambda r: r["span"].update(start=-1), r"/span/start: -1 < 0"),
        (lambda r: r["date"].update(start="07/02/2025"), r"/date/start: matches no branch"),
        (lambda r: r["actors"][0].update(role="victim"), r"/actors/0/role: 'victim' not in"),
        (lambda r: r["evidence"]["sources"][0].pop("method"), r"/evidence/sources/0/method: required"),
        (lambda r: r["links"][0].update(score=1.5), r"/links/0/score: 1.5 > 1"),
    ],
)
def test_the_validator_rejects_what_the_schema_forbids(committed, change, error):
    instance = json.loads(full_record().model_dump_json())
    change(instance)
    errors = validate(instance, committed, committed)
    assert any(re.search(error, e) for e in errors), errors
