"""What changed between two extractions (pipeline.diff), and the acceptance test of issue 6.

The acceptance test edits a copy of raw/mali.txt as an updated report would be edited (an entry
added at the top, a figure corrected, an entry removed, a place respelled, a source added, a page
header moved), extracts both, and expects exactly those five record changes, both when the new
run inherits the previous run's ids and when the two runs were extracted independently.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from pipeline.cli import main
from pipeline.diff import diff_html, diff_paths, diff_records, format_diff, write_diff_html
from pipeline.history import save_run
from pipeline.ids import assign_ids
from pipeline.io import ReportError, records_jsonl
from pipeline.schema import Actor, Casualty, DateValue, Evidence, Location, Record, TextSpan

from .conftest import needs_model


def make(text: str, day: str | None = "2024-11-23", *, id: str = "x", killed: int | None = None,
         places: tuple[str, ...] = (), sources: tuple[str, ...] = (), actors: tuple[str, ...] = (),
         offset: int = 0, same_as: tuple[str, ...] = ()) -> Record:
    """A record whose evidence points at its words, the entry starting at raw offset ``offset``."""

    def ev(words: str) -> Evidence:
        at = offset + text.index(words)
        return Evidence(text=words, start=at, end=at + len(words), method="test")

    start = dt.date.fromisoformat(day) if day else None
    figure = f"killing {killed}"
    return Record(
        id=id, report="mali", section="Incidents", kind="timeline", text=text,
        span=TextSpan(start=offset, end=offset + len(text)),
        date=DateValue(start=start, end=start, precision="day" if start else None, text=day,
                       evidence=ev(text.split(":")[0]) if start else None),
        country="ML",
        locations=[Location(text=p, name=p.replace("Sevare", "Sévaré"), admin1="Mopti", country="ML",
                            lat=None, lon=None, evidence=ev(p)) for p in places],
        actors=[Actor(text=a, name=a, role="perpetrator", attribution="stated", evidence=ev(a))
                for a in actors],
        killed=killed, injured=None, kidnapped=None,
        casualties=[Casualty(kind="killed", min=killed, max=killed, qualifier="exact",
                             group="soldiers", evidence=ev(figure))] if killed is not None else [],
        sources=list(sources), event_type="attack",
        evidence={"sources": [ev(s) for s in sources]} if sources else {},
        same_as=list(same_as),
    )


GAO = "November 23, 2024: JNIM ambush a convoy near Sevare, killing 9 soldiers. Source: Reuters"
KIDAL = "November 20, 2024: A roadside bomb hits a U.N. vehicle in Kidal. Source: AFP"
BAMAKO = "November 2, 2024: Militants attack the airport in Bamako, killing 77. Source: CNN"


def gao(text: str = GAO, killed: int = 9, **kw) -> Record:
    return make(text, killed=killed, places=("Sevare" if "Sevare" in text else "Sévaré",),
                sources=("Reuters",), actors=("JNIM",), **kw)


def kidal(**kw) -> Record:
    return make(KIDAL, "2024-11-20", places=("Kidal",), sources=("AFP",), **kw)


def test_same_records_at_other_offsets_are_unchanged():
    old = [gao(id="a"), kidal(id="b")]
    new = [gao(id="a", offset=500), kidal(id="b", offset=900)]
    result = diff_records(old, new)
    assert not result.has_changes
    assert result.to_json() == json.dumps(
        {"added": [], "removed": [], "changed": [], "unchanged": 2}, indent=2
    )


def test_added_removed_changed_in_the_exact_json_shape():
    old = [gao(id="a"), kidal(id="b")]
    fixed = gao(GAO.replace("killing 9", "killing 11"), killed=11, id="a")
    new = [make(BAMAKO, "2024-11-02", id="c"), fixed]
    data = json.loads(diff_records(old, new).to_json())
    assert list(data) == ["added", "removed", "changed", "unchanged"]
    assert data["added"] == [new[0].model_dump(mode="json")]
    assert data["removed"] == [old[1].model_dump(mode="json")]
    assert data["unchanged"] == 0
    [change] = data["changed"]
    assert list(change) == ["id", "old", "new", "fields"]
    assert change["id"] == "a" and change["old"] == old[0].model_dump(mode="json")
    assert list(change["fields"]) == ["text", "killed", "casualties"]
    assert change["fields"]["killed"] == {
        "old": 9, "new": 11, "evidence": {"old": ["killing 9"], "new": ["killing 11"]},
    }
    assert change["fields"]["casualties"]["new"] == [{
        "kind": "killed", "min": 11, "max": 11, "qualifier": "exact", "group": "soldiers",
        "perpetrators": False, "claimed_by": None, "part_of_total": False,
    }]


def test_records_with_different_ids_align_by_content():
    old = [gao(id="mali-20241123-aaaa"), kidal(id="mali-20241120-bbbb")]
    new = [kidal(id="mali-20241120-bbbb"), gao(GAO + ", AFP", id="mali-20241123-cccc")]
    result = diff_records(old, new)
    assert (result.added, result.removed, result.unchanged) == ([], [], 1)
    [change] = result.changed
    assert (change.old.id, change.new.id, list(change.fields)) == (
        "mali-20241123-aaaa", "mali-20241123-cccc", ["text"]
    )


def test_a_respelled_place_with_the_same_name_changes_only_the_text():
    old = [gao(id="a")]
    new = [gao(GAO.replace("Sevare", "Sévaré"), id="a")]
    [change] = diff_records(old, new).changed
    assert list(change.fields) == ["text"]


def test_an_added_source_is_a_change_of_sources_with_its_evidence():
    old = [kidal(id="b")]
    new = [make(KIDAL.replace("Source: AFP", "Sources: AFP, Reuters"), "2024-11-20", id="b",
                places=("Kidal",), sources=("AFP", "Reuters"))]
    [change] = diff_records(old, new).changed
    assert list(change.fields) == ["text", "sources"]
    assert change.fields["sources"].new_evidence == ["AFP", "Reuters"]


def test_same_as_is_compared_through_the_alignment():
    old = [gao(id="a"), make("On November 23, 2024, JNIM killed 9 soldiers.", id="n", same_as=("a",))]
    new = [gao(id="z"), make("On November 23, 2024, JNIM killed 9 soldiers.", id="n", same_as=("z",))]
    assert not diff_records(old, new).has_changes
    new[1].same_as = ["elsewhere"]
    [change] = diff_records(old, new).changed
    assert change.fields["same_as"].old == ["a"] and change.fields["same_as"].new == ["elsewhere"]


def test_format_diff_lists_each_change_and_the_changed_words():
    old = [gao(id="a"), kidal(id="b")]
    new = [gao(GAO.replace("killing 9", "killing 11"), killed=11, id="a"), make(BAMAKO, "2024-11-02", id="c")]
    text = format_diff(diff_records(old, new))
    lines = text.splitlines()
    assert lines[0] == "--- old" and lines[1] == "+++ new"
    assert lines[2].startswith("+ c  2024-11-02  November 2, 2024: Militants attack")
    assert lines[3].startswith("- b  2024-11-20  November 20, 2024: A roadside bomb")
    assert lines[4].startswith("~ a  2024-11-23")
    assert "[-9-] {+11+}" in lines[5]
    assert "    killed: 9 -> 11" in lines
    assert "      evidence: 'killing 9' -> 'killing 11'" in lines
    assert lines[-1] == "1 added, 1 removed, 1 changed, 0 unchanged"


def test_diff_page_escapes_the_report_text(tmp_path):
    hostile = "November 2, 2024: <script>alert(1)</script> attack in Bamako. Source: CNN"
    result = diff_records([], [make(hostile)])
    page = write_diff_html(result, tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"(src|href)=", page)
    assert page == diff_html(result)


def _write(path, records):
    path.write_bytes(records_jsonl(records))
    return path


def test_diff_paths_takes_files_run_folders_and_run_ids(tmp_path):
    old = _write(tmp_path / "old.jsonl", [gao(id="a")])
    runs = tmp_path / "runs"
    run = save_run(tmp_path, "mali", {"mali.jsonl": records_jsonl([gao(id="a"), kidal(id="b")])},
                   {"report_sha256": "ab" * 32, "time": "2025-01-01T00:00:00Z"})
    by_file = diff_paths(old, runs / run / "mali.jsonl", runs)
    by_id = diff_paths(str(old), run, runs)
    by_prefix = diff_paths(str(old), run[:10], runs)
    by_folder = diff_paths(str(old), str(runs / run), runs)
    for result in (by_file, by_id, by_prefix, by_folder):
        assert [r.id for r in result.added] == ["b"] and result.unchanged == 1


def test_diff_paths_errors_are_one_line(tmp_path):
    runs = tmp_path / "runs"
    with pytest.raises(ReportError, match=r"missing\.jsonl: no such file"):
        diff_paths(tmp_path / "missing.jsonl", tmp_path / "missing.jsonl", runs)
    with pytest.raises(ReportError, match="no runs saved there"):
        diff_paths("2025", "2025", runs)
    for t in ("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z"):
        save_run(tmp_path, "mali", {"mali.jsonl": b""}, {"report_sha256": "ab" * 32, "time": t})
    with pytest.raises(ReportError, match="ambiguous"):
        diff_paths("2025", "2025", runs)
    with pytest.raises(ReportError, match="no run '1999'"):
        diff_paths("1999", "2025", runs)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(ReportError, match=r"bad\.jsonl:1: not a valid record") as caught:
        diff_paths(bad, bad, runs)
    assert "\n" not in str(caught.value)


def test_cli_exit_status_follows_diff(tmp_path, capsys):
    a = _write(tmp_path / "a.jsonl", [gao(id="a")])
    b = _write(tmp_path / "b.jsonl", [gao(id="a", offset=40)])
    c = _write(tmp_path / "c.jsonl", [gao(id="a"), kidal(id="b")])
    assert main(["diff", str(a), str(b)]) == 0
    assert main(["diff", str(a), str(c), "--json", "--html", str(tmp_path / "d.html")]) == 1
    printed = capsys.readouterr().out
    assert json.loads(printed[printed.index("{"):])["added"][0]["id"] == "b"
    assert (tmp_path / "d.html").is_file()
    assert main(["diff", str(a), str(tmp_path / "none.jsonl")]) == 2
    # The terminal may wrap a long line: compare the words.
    assert "none.jsonl: no such file" in " ".join(capsys.readouterr().err.split())


# --- acceptance ---------------------------------------------------------------------------

TOP = "- **February 7, 2025:**"
NEW_ENTRY = (
    "- **March 3, 2025:** Suspected jihadists ambush a military convoy near Tessit, northeastern "
    "Mali, killing 12 soldiers. Source: [Reuters](#)\n"
)
PAGE_HEADER = "Mali: Extremism and Terrorism"


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def updated_report(raw: str) -> str:
    """raw/mali.txt as its next edition might read: six edits, five of them to records."""
    text = _replace_once(raw, TOP, NEW_ENTRY + TOP)
    # A figure corrected (December 16, 2024).
    text = _replace_once(text, "Mopti region, killing at least seven.", "Mopti region, killing at least nine.")
    # An entry removed (December 20, 2024), its dated neighbours kept.
    removed = re.search(r"^- \*\*December 20, 2024:\*\*.*\n", text, re.MULTILINE)
    text = text[: removed.start()] + text[removed.end():]
    # A place respelled (May 29, 2016).
    text = _replace_once(text, "near a convoy near Sevare in central Mali",
                         "near a convoy near Sévaré in central Mali")
    # A source added (January 5, 2025).
    text = _replace_once(text, "refugee camp in Mauritania. Source: [Defense Post](#)",
                         "refugee camp in Mauritania. Sources: [Defense Post](#), [Reuters](#)")
    # A page header moved: out of the dashes after the January 16, 2021 entry, into the middle of
    # the September 28, 2023 entry, where a page break would cut it.
    text = _replace_once(text, f"[United Nations](#)\n-\n\n{PAGE_HEADER}\n\n-\n- **January 14, 2021:**",
                         "[United Nations](#)\n-\n\n-\n- **January 14, 2021:**")
    text = _replace_once(text, "in Dioura, central Mali.\nNo further details",
                         f"in Dioura, central Mali.\n\n{PAGE_HEADER}\n\nNo further details")
    return text


_UPDATED: dict[int, tuple[list[Record], list[Record], list[Record]]] = {}


def extract_updated(
    extractor, raw: str, original: list[Record]
) -> tuple[list[Record], list[Record], list[Record]]:
    """The first run (a copy of the session's extraction of ``raw``), the updated run with ids
    from the first, and the updated run extracted independently (its own content ids);
    extracted once per session and shared read-only."""
    key = id(extractor)
    if key not in _UPDATED:
        first = [r.model_copy(deep=True) for r in original]
        assign_ids(first, "mali", None)
        second, _ = extractor.extract_text(updated_report(raw), "mali")
        independent = [r.model_copy(deep=True) for r in second]
        assign_ids(independent, "mali", None)
        assign_ids(second, "mali", first)
        _UPDATED[key] = (first, second, independent)
    return _UPDATED[key]


@pytest.fixture(scope="module")
def updated_runs(extractor, mali_raw, mali_records):
    return extract_updated(extractor, mali_raw, mali_records)


def _expect_the_five_changes(result, first):
    assert [r.text[:33] for r in result.added] == ["March 3, 2025: Suspected jihadist"]
    assert [r.text[:33] for r in result.removed] == ["December 20, 2024: Suspected mili"]
    changed = {c.old.text[:17]: c for c in result.changed}
    assert sorted(changed) == ["December 16, 2024", "January 5, 2025: ", "May 29, 2016: Fiv"]
    assert set(changed["December 16, 2024"].fields) == {"text", "killed", "casualties"}
    assert changed["December 16, 2024"].fields["killed"].old == 7
    assert changed["December 16, 2024"].fields["killed"].new == 9
    assert set(changed["January 5, 2025: "].fields) == {"text", "sources"}
    assert changed["January 5, 2025: "].fields["sources"].new == ["Defense Post", "Reuters"]
    assert set(changed["May 29, 2016: Fiv"].fields) == {"text"}
    assert result.unchanged == len(first) - 1 - 3


@needs_model
@pytest.mark.slow
def test_acceptance_with_ids_from_the_previous_run(updated_runs):
    first, second, _ = updated_runs
    result = diff_records(first, second)
    _expect_the_five_changes(result, first)
    # Aligned by id alone: every changed record kept its previous id.
    assert all(c.old.id == c.new.id for c in result.changed)
    assert result.added[0].id not in {r.id for r in first}


@needs_model
@pytest.mark.slow
def test_acceptance_between_independent_extractions(updated_runs):
    first, _, independent = updated_runs
    result = diff_records(first, independent)
    _expect_the_five_changes(result, first)
    # The edited entries have new content ids: they were aligned by content.
    assert all(c.old.id != c.new.id for c in result.changed)


@needs_model
@pytest.mark.slow
def test_acceptance_through_files_and_the_command_line(updated_runs, tmp_path, capsys):
    first, second, _ = updated_runs
    old = _write(tmp_path / "old.jsonl", first)
    new = _write(tmp_path / "new.jsonl", second)
    assert main(["diff", str(old), str(new), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert (len(data["added"]), len(data["removed"]), len(data["changed"])) == (1, 1, 3)
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.strip().endswith(f"no changes: {len(first)} records unchanged")
