"""Property tests: arbitrary text never crashes segmentation nor extraction, and what comes out
keeps the record contract (valid records, offsets inside the text, evidence equal to its slice).

The texts are built from the report's own markup ("- **", "**", "[x](#)", "Sources:", the page
header line, figures, dates) mixed with arbitrary unicode, so that most examples reach the field
extractors instead of stopping at "no bullets". The examples are derandomised: the suite gives the
same result on every run; set HYPOTHESIS_EXAMPLES to explore further.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.exports import to_parquet_bytes
from pipeline.io import records_jsonl
from pipeline.schema import Record, iter_evidence
from pipeline.layouts.detect import segment_text as segment

TITLE = "Mali: Extremism and Terrorism"

FRAGMENTS = [
    "- ", "- **", " - **", "**", ":**", "**- :**", "*al-Naba*", "[x](#)", "[Reuters](#)", "](#)", "[",
    "Source: ", "Sources: ", "(Sources: [BBC](#), [AP](#))", TITLE, "\n", "\n\n", "\n-\n", " ",
    "\r\n", "\f", "\t", "\\(", "\\)", "\\$", "February 7, 2025", "February 30, 2024",
    "July 25, 2024 - July 27, 2024", "March 3, 2091", "In January", "the following day", "2012",
    "0", "13", "1,200", "12345678901234567890", "killing 1,200 civilians", "more than 50", "at least",
    "dozens of",
    "killing", "kill", "wounding", "kidnap", "soldiers", "civilians", "JNIM", "Wagner", "Gao",
    "Mopti region", "Bamako", "Mali", "claims responsibility", "suspected", "gunmen",
    "ambush", "attack", ".", ",", ";", "(", ")", "’", "—", "é", "\u00a0", "\u200b",
]

_piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8))
_body = st.lists(_piece, max_size=14).map(" ".join)
_line = st.tuples(
    st.sampled_from(["", "- ", " - ", "- **", "-"]),
    st.sampled_from(["", "February 7, 2025:** ", "March 3, 2091:** ", "February 30, 2024:** ", "- :** "]),
    _body,
).map("".join)
REPORTS = st.tuples(
    st.sampled_from(["", f"{TITLE}\n\n", f"{TITLE}\n\nMajor Extremist and Terrorist Incidents\n\n"]),
    st.lists(_line, max_size=3).map("\n".join),
).map("".join)

_EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "60"))
PROFILE = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    derandomize=_EXAMPLES <= 60,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@PROFILE
@given(raw=st.one_of(REPORTS, st.text(max_size=300)))
def test_segmentation_never_crashes_and_maps_back_to_the_text(raw):
    document = segment(raw)
    for block in document.entries + document.paragraphs:
        assert 0 <= block.start <= block.end <= len(raw)
        assert len(block.clean.offsets) == len(block.text)
        for char, offset in zip(block.text, block.clean.offsets):
            assert block.start <= offset < block.end
            # Folded white space stands for any run of white space; every other character is
            # the raw character it came from.
            if not char.isspace():
                assert raw[offset] == char


@PROFILE
@given(raw=REPORTS)
def test_extraction_never_crashes_and_keeps_the_record_contract(extractor, raw):
    records, warnings = extractor.extract_text(raw, "prop")
    assert all(isinstance(w, str) and "\n" not in w for w in warnings)
    assert len({r.id for r in records}) == len(records)
    for record in records:
        # model_copy(update=...) skips validation: validate the finished record again.
        Record.model_validate(record.model_dump())
        assert 0 <= record.span.start <= record.span.end <= len(raw)
        for evidence in iter_evidence(record):
            assert 0 <= evidence.start <= evidence.end <= len(raw), evidence
            assert raw[evidence.start : evidence.end] == evidence.text, evidence
    # The outputs of a run are written from these records: they must serialise too. Parquet
    # stands for the typed outputs (its int64 columns are the strictest); the CSV goes through
    # the same flat rows.
    records_jsonl(records)
    to_parquet_bytes(records)
