"""Stable ids (pipeline.ids) and the run history they are read from (pipeline.history).

The acceptance test re-extracts an updated copy of raw/mali.txt with the previous run's records
and checks that only the added entry gets a new id.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.history import latest_records, resolve_run, save_run
from pipeline.ids import SAME_DATE_CUTOFF, TEXT_CUTOFF, assign_ids, match_records
from pipeline.io import ReportError, records_jsonl
from pipeline.schema import DateValue, Evidence, Location, Record, TextSpan

from .conftest import needs_model


def make(text: str, day: str | None = "2024-11-23", *, id: str = "", kind: str = "timeline",
         places: tuple[str, ...] = (), same_as: tuple[str, ...] = ()) -> Record:
    """A record with just what alignment looks at: kind, text, date, places."""
    start = dt.date.fromisoformat(day) if day else None
    locations = [
        Location(text=p, name=p, admin1=None, country="ML", lat=None, lon=None,
                 evidence=Evidence(text=p, start=text.index(p), end=text.index(p) + len(p), method="test"))
        for p in places
    ]
    return Record(
        id=id, report="mali", section="Incidents", kind=kind, text=text,
        span=TextSpan(start=0, end=len(text)),
        date=DateValue(start=start, end=start, precision="day" if start else None, text=day),
        country="ML", locations=locations, actors=[], killed=None, injured=None, kidnapped=None,
        casualties=[], sources=[], event_type="attack", same_as=list(same_as),
    )


GAO = "November 23, 2024: Gunmen ambush a convoy near Gao, killing nine soldiers. Source: Reuters"
KIDAL = "November 20, 2024: A roadside bomb hits a U.N. vehicle in Kidal, injuring two. Source: AFP"
BAMAKO = "November 2, 2024: JNIM militants attack the airport in Bamako, killing 77. Source: CNN"


def content_ids(records: list[Record]) -> list[str]:
    assign_ids(records, "mali", None)
    return [r.id for r in records]


def test_without_previous_ids_are_content_ids_with_suffixes_for_repeats():
    from pipeline.ids import content_id

    records = [make(GAO), make(KIDAL, "2024-11-20"), make(GAO)]
    ids = content_ids(records)
    base = content_id("mali", make(GAO))
    assert ids == [base, content_id("mali", make(KIDAL, "2024-11-20")), f"{base}-2"]
    assert base.startswith("mali-20241123-")


def test_an_edited_entry_keeps_its_id_and_a_new_entry_gets_its_content_id():
    previous = [make(GAO), make(KIDAL, "2024-11-20")]
    old_ids = content_ids(previous)
    new = [
        make(BAMAKO, "2024-11-02"),
        make(GAO.replace("nine", "eleven")),
        make(KIDAL.replace("Source: AFP", "Sources: AFP, Reuters"), "2024-11-20"),
    ]
    fresh = content_ids([make(BAMAKO, "2024-11-02")])[0]
    assign_ids(new, "mali", previous)
    assert [r.id for r in new] == [fresh, old_ids[0], old_ids[1]]


def test_a_new_content_id_held_by_another_previous_entry_gets_a_suffix():
    # The previous run's Kidal entry holds the id the new Bamako entry would get from its content.
    bamako_id = content_ids([make(BAMAKO, "2024-11-02")])[0]
    previous = [make(KIDAL, "2024-11-20", id=bamako_id)]
    new = [make(BAMAKO, "2024-11-02"), make(KIDAL, "2024-11-20")]
    assign_ids(new, "mali", previous)
    assert [r.id for r in new] == [f"{bamako_id}-2", bamako_id]


def test_a_removed_entry_id_is_never_given_to_another_entry():
    previous = [make(GAO, id="mali-20241123-aaaaaaaa"), make(KIDAL, "2024-11-20", id="mali-x")]
    new = [make(KIDAL, "2024-11-20")]
    assign_ids(new, "mali", previous)
    assert [r.id for r in new] == ["mali-x"]


def test_one_previous_id_given_twice_goes_to_one_record_only():
    previous = [make(GAO, id="dup"), make(KIDAL, "2024-11-20", id="dup")]
    new = [make(GAO), make(KIDAL, "2024-11-20")]
    assign_ids(new, "mali", previous)
    assert new[0].id == "dup" and new[1].id not in ("dup", "")


def test_kinds_never_align():
    previous = [make(GAO, kind="narrative", id="n-1")]
    new = [make(GAO)]
    assign_ids(new, "mali", previous)
    assert new[0].id != "n-1"


def test_same_as_follows_renamed_ids():
    previous = [make(GAO, id="old-gao")]
    timeline = make(GAO.replace("nine", "ten"))
    narrative = make("On November 23, 2024, gunmen killed ten soldiers near Gao.", kind="narrative")
    new = [timeline, narrative]
    assign_ids(new, "mali", None)
    narrative.same_as = [timeline.id]
    assign_ids(new, "mali", previous)
    assert timeline.id == "old-gao" and narrative.same_as == ["old-gao"]


def test_same_date_lowers_the_text_cutoff():
    # Scores between the two cutoffs: aligned only when the dates are equal.
    old_text = "November 23, 2024: Gunmen ambush a convoy near Gao. Source: Reuters"
    new_text = ("November 23, 2024: Gunmen ambush a military convoy near Gao and burn two trucks. "
                "Source: Reuters")
    from rapidfuzz import fuzz, utils

    score = fuzz.token_sort_ratio(old_text, new_text, processor=utils.default_process)
    assert SAME_DATE_CUTOFF <= score < TEXT_CUTOFF
    assert match_records([make(old_text)], [make(new_text)]) == [(0, 0)]
    assert match_records([make(old_text)], [make(new_text, "2024-11-22")]) == []


def test_best_pairs_win_one_to_one():
    a = "November 23, 2024: Gunmen ambush a convoy near Gao, killing nine soldiers. Source: Reuters"
    b = "November 23, 2024: Gunmen ambush a convoy near Gao, killing two soldiers. Source: Reuters"
    old = [make(a), make(b)]
    new = [make(b), make(a)]
    assert match_records(old, new) == [(1, 0), (0, 1)]


def test_ties_go_to_the_closer_date_then_the_shared_place():
    text = "Gunmen ambush a convoy near Gao, killing nine soldiers. Source: Reuters"
    old = [make(text, "2024-01-01"), make(text, "2024-11-20")]
    assert match_records(old, [make(text, "2024-11-23")]) == [(1, 0)]
    old = [make(text, places=("Gao",)), make(text)]
    assert match_records(old, [make(text, places=("Gao",))]) == [(0, 0)]


def test_different_entries_do_not_align():
    assert match_records([make(GAO)], [make(KIDAL, "2024-11-20")]) == []


# --- history ------------------------------------------------------------------------------

def _match_every_pair(old: list[Record], new: list[Record]) -> list[tuple[int, int]]:
    """``match_records`` as first written: every pair scored, best pairs first."""
    from rapidfuzz import fuzz, utils

    from pipeline.ids import _date_distance, _shared_places

    candidates = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            if a.kind != b.kind:
                continue
            score = fuzz.token_sort_ratio(a.text, b.text, processor=utils.default_process)
            distance = _date_distance(a, b)
            if score < SAME_DATE_CUTOFF or (score < TEXT_CUTOFF and distance != 0):
                continue
            candidates.append((-score, distance, -_shared_places(a, b), i, j))
    pairs: dict[int, int] = {}
    for _, _, _, i, j in sorted(candidates):
        if i not in pairs.values() and j not in pairs:
            pairs[j] = i
    return sorted(((i, j) for j, i in pairs.items()), key=lambda pair: pair[1])


_WORDS = ["Gunmen", "kill", "nine", "soldiers", "near", "Gao", "Kidal", "a", "bomb", "hits",
          "convoy", "Reuters", ".", ","]
_RECORDS = st.builds(
    lambda words, day, places, kind: make(" ".join(words) + " Gao Kidal", day, places=places,
                                          kind=kind),
    st.lists(st.sampled_from(_WORDS), max_size=8),
    st.sampled_from([None, "2024-11-23", "2024-11-25", "2025-01-02"]),
    st.sampled_from([(), ("Gao",), ("Kidal",), ("Gao", "Kidal")]),
    st.sampled_from(["timeline", "narrative"]),
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(pool=st.lists(_RECORDS, min_size=1, max_size=6), data=st.data())
def test_pairing_same_words_first_matches_scoring_every_pair(pool, data):
    # Reports with repeated and reordered entries: the same pairs as scoring every pair.
    old = data.draw(st.lists(st.sampled_from(pool) | _RECORDS, max_size=10))
    new = data.draw(st.lists(st.sampled_from(pool) | _RECORDS, max_size=10))
    assert match_records(old, new) == _match_every_pair(old, new)


def test_runs_are_kept_sorted_and_never_overwritten(tmp_path):
    first = [make(GAO)]
    second = [make(KIDAL, "2024-11-20")]
    content_ids(first)
    content_ids(second)
    m1 = {"report": "mali", "report_sha256": "ab" * 32, "time": "2025-02-07T10:00:00.000001Z"}
    m2 = {"report": "mali", "report_sha256": "cd" * 32, "time": "2025-02-07T10:00:00.000002Z"}
    run1 = save_run(tmp_path, "mali", {"mali.jsonl": records_jsonl(first)}, m1)
    run2 = save_run(tmp_path, "mali", {"mali.jsonl": records_jsonl(second)}, m2)
    again = save_run(tmp_path, "mali", {"mali.jsonl": records_jsonl(first)}, dict(m1))
    assert (run1, run2, again) == (
        "20250207T100000000001Z-abababab", "20250207T100000000002Z-cdcdcdcd",
        "20250207T100000000001Z-abababab-2",
    )
    assert m1["run_id"] == run1 and m1["time"] == "2025-02-07T10:00:00.000001Z"
    saved = json.loads((tmp_path / "runs" / run1 / "mali.manifest.json").read_text(encoding="utf-8"))
    assert saved["run_id"] == run1
    # The newest run by time, whatever order the folders were written in.
    assert [r.id for r in latest_records(tmp_path, "mali")] == [second[0].id]
    assert resolve_run(run1, tmp_path / "runs") == tmp_path / "runs" / run1 / "mali.jsonl"


def test_a_run_without_its_manifest_is_ignored(tmp_path):
    records = [make(GAO)]
    content_ids(records)
    save_run(tmp_path, "mali", {"mali.jsonl": records_jsonl(records)},
             {"report_sha256": "ab" * 32, "time": "2025-01-01T00:00:00Z"})
    broken = tmp_path / "runs" / "20990101T000000000000Z-ffffffff"
    broken.mkdir()
    (broken / "mali.jsonl").write_bytes(b"not json\n")
    assert [r.id for r in latest_records(tmp_path, "mali")] == [records[0].id]


def test_latest_records_falls_back_to_the_output_file_then_none(tmp_path):
    assert latest_records(tmp_path, "mali") is None
    records = [make(GAO)]
    content_ids(records)
    (tmp_path / "mali.jsonl").write_bytes(records_jsonl(records))
    assert [r.id for r in latest_records(tmp_path, "mali")] == [records[0].id]
    # Another report's runs are not this report's history.
    save_run(tmp_path, "niger", {"niger.jsonl": b""}, {"report_sha256": "ef" * 32})
    assert [r.id for r in latest_records(tmp_path, "mali")] == [records[0].id]


def test_a_bad_manifest_time_is_one_line_error(tmp_path):
    with pytest.raises(ReportError, match="not an ISO 8601 time"):
        save_run(tmp_path, "mali", {"mali.jsonl": b""}, {"time": "yesterday"})


# --- acceptance: an updated report keeps its ids ------------------------------------------

@needs_model
@pytest.mark.slow
def test_updated_report_keeps_every_id_but_the_added_one(updated_runs):
    first, second, _ = updated_runs
    first_ids = {r.id for r in first}
    second_ids = {r.id for r in second}
    added = [r for r in second if r.id not in first_ids]
    removed = [r for r in first if r.id not in second_ids]
    assert [r.text[:40] for r in added] == ["March 3, 2025: Suspected jihadists ambus"]
    assert [r.text[:40] for r in removed] == ["December 20, 2024: Suspected militants a"]
    assert len(second_ids) == len(second) == len(first)
    by_id = {r.id: r for r in first}
    edited = {r.id for r in second if r.id in by_id and r.text != by_id[r.id].text}
    assert {by_id[i].text[:20] for i in edited} == {
        "December 16, 2024: S", "January 5, 2025: Wag", "May 29, 2016: Five U",
    }
    assert added[0].id not in first_ids and added[0].id.startswith("mali-20250303-")


@pytest.fixture(scope="module")
def updated_runs(extractor, mali_raw, mali_records):
    from .test_diff import extract_updated

    return extract_updated(extractor, mali_raw, mali_records)
