"""The same report as text, as an HTML page and as a PDF gives the same timeline records.

``tests/fixtures/mali.html`` and ``mali.pdf`` are the Mali report typeset by
``scripts/make_fixtures.py``: a web page with navigation, header and footer around the article,
and an A4 PDF with a running page header, page numbers, bold dates and outlet links that wrap.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.readers import read_source

from .conftest import needs_model

FIXTURES = Path(__file__).parent / "fixtures"


def _values(record) -> tuple:
    """Everything a dataset takes from a record, offsets and ids apart."""
    return (
        record.date.start, record.date.end, record.date.precision, record.country,
        record.killed, record.injured, record.kidnapped, record.perpetrators_killed,
        tuple(loc.name for loc in record.locations),
        tuple(sorted((a.name, a.role, a.attribution) for a in record.actors)),
        tuple(record.sources), record.event_type, record.perpetrator_description,
    )


@pytest.fixture(scope="module")
def from_text(mali_records):
    return [r for r in mali_records if r.kind == "timeline"]


@pytest.fixture(scope="module")
def typeset(extractor):
    """name -> (source, records, document) of each typeset copy, extracted once."""
    found = {}
    for name in ("mali.html", "mali.pdf"):
        source = read_source(FIXTURES / name)
        records, document, _ = extractor.extract_source(source)
        found[name] = source, records, document
    return found


@needs_model
@pytest.mark.parametrize("name, fmt", [("mali.html", "html"), ("mali.pdf", "pdf")])
def test_the_same_193_timeline_records(typeset, from_text, name, fmt):
    source, records, document = typeset[name]
    assert source.format == fmt
    timeline = [r for r in records if r.kind == "timeline"]
    assert len(timeline) == len(from_text) == 193
    assert document.layouts == {"bold_date_bullets": 193}
    differing = [(a.text[:60], _values(a), _values(b))
                 for a, b in zip(from_text, timeline) if _values(a) != _values(b)]
    assert not differing, differing[:3]


@needs_model
@pytest.mark.parametrize("name", ["mali.html", "mali.pdf"])
def test_evidence_points_into_the_derived_text(typeset, name):
    source, records, _ = typeset[name]
    for record in records:
        for loc in record.locations:
            assert source.text[loc.evidence.start:loc.evidence.end] == loc.evidence.text
        for actor in record.actors:
            assert source.text[actor.evidence.start:actor.evidence.end] == actor.evidence.text


def test_page_furniture_is_not_read():
    pdf = read_source(FIXTURES / "mali.pdf").text
    html = read_source(FIXTURES / "mali.html").text
    # The running header is kept once, as the title; page numbers and site navigation go.
    assert pdf.count("Mali: Extremism and Terrorism") == 1
    assert "Reports" not in html.split("\n")[:3] and "Home" not in html


@needs_model
@pytest.mark.parametrize("name", ["mali.html", "mali.pdf"])
def test_the_same_narrative_events(typeset, mali_records, name):
    _, records, _ = typeset[name]
    text = [(r.date.start, r.killed, r.country) for r in mali_records if r.kind == "narrative"]
    other = [(r.date.start, r.killed, r.country) for r in records if r.kind == "narrative"]
    assert other == text
