"""The audit page (pipeline.audit): one offline HTML file, every value at its evidence, escaped."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from pathlib import Path

import pytest

from pipeline.audit import audit_html, write_audit
from pipeline.cli import main
from pipeline.io import ReportError, records_jsonl
from pipeline.schema import Actor, Casualty, DateValue, Evidence, Location, Record, TextSpan
from pipeline.layouts.detect import segment_text as segment

from .conftest import needs_model

TITLE = "Mali: Extremism and Terrorism"
HOSTILE = "<script>alert(1)</script>"
# A small report in the shape of raw/mali.txt: a title repeated as a page header inside an entry,
# bold date headers, link-marked sources; the second entry carries hostile text.
RAW = f"""
{TITLE}

Major Extremist and Terrorist Incidents

- **November 23, 2024:** JNIM militants ambush a camp near Sevare, killing nine soldiers.

{TITLE}

Source: [Strait Times](#)
- **March 3, 2023:** Gunmen post {HOSTILE} on a wall in "Gao" & leave. Source: [Reuters](#)
- **- :** Militants attack a checkpoint. Source: [AFP](#)
"""


def _ev(raw: str, words: str, after: int) -> Evidence:
    at = raw.index(words, after)
    return Evidence(text=words, start=at, end=at + len(words), method="test")


def build(raw: str = RAW) -> list[Record]:
    """One record per segmented entry, with evidence where the words are in ``raw``."""
    records = []
    days = [dt.date(2024, 11, 23), dt.date(2023, 3, 3), None]
    for block, day in zip(segment(raw).entries, days):
        s = block.start

        def ev(words: str) -> Evidence:
            return _ev(raw, words, s)

        date = DateValue(start=day, end=day, precision="day" if day else None,
                         text=block.header.text if block.header else None,
                         evidence=ev(block.header.text) if block.header else None)
        record = Record(
            id=f"mali-{day or 'undated'}-{block.n}", report="mali", section=block.section,
            kind="timeline", text=block.text, span=TextSpan(start=block.start, end=block.end),
            date=date, country="ML", locations=[], actors=[], killed=None, injured=None,
            kidnapped=None, casualties=[], sources=[], event_type=None,
        )
        records.append(record)
    first, second, third = records
    first.locations = [Location(text="Sevare", name="Sévaré", admin1="Mopti", country="ML",
                                lat=14.5, lon=-4.1, evidence=_ev(raw, "Sevare", first.span.start))]
    first.actors = [Actor(text="JNIM militants", name="JNIM", role="perpetrator", attribution="stated",
                          evidence=_ev(raw, "JNIM militants", first.span.start))]
    first.killed = 9
    first.casualties = [Casualty(kind="killed", min=9, max=9, qualifier="exact", group="soldiers",
                                 evidence=_ev(raw, "killing nine soldiers", first.span.start))]
    first.sources = ["Strait Times"]
    first.event_type = "attack"
    first.evidence = {"sources": [_ev(raw, "Strait Times", first.span.start)],
                      "event_type": [_ev(raw, "ambush", first.span.start)]}
    second.actors = [Actor(text=HOSTILE, name=f'{HOSTILE}"><img src=x>', role="perpetrator",
                           attribution=None, evidence=_ev(raw, HOSTILE, second.span.start))]
    second.sources = ["Reuters"]
    second.evidence = {"sources": [_ev(raw, "Reuters", second.span.start)]}
    third.sources = ["AFP"]
    third.event_type = "attack"
    return records


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    raw = tmp_path / "mali.txt"
    raw.write_text(RAW, encoding="utf-8")
    records = tmp_path / "mali.jsonl"
    records.write_bytes(records_jsonl(build()))
    return records, raw


def test_the_page_is_one_offline_file(files, tmp_path):
    records, raw = files
    out = tmp_path / "page" / "audit.html"
    assert write_audit(records, out, raw=raw) == out
    assert [p.name for p in out.parent.iterdir()] == ["audit.html"]
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"""\b(src|href)\s*=\s*["']?[^"'\s>]*http""", page, re.IGNORECASE)
    assert "http" not in page and "<link" not in page and "@import" not in page
    assert "<style>" in page and "<script>" in page


def test_report_text_is_escaped_everywhere(files, tmp_path):
    records, raw = files
    page = write_audit(records, tmp_path / "a.html", raw=raw).read_text(encoding="utf-8")
    # One <script> element: the page's own.
    assert page.count("<script>") == 1 and HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    # In attributes (the actor filter's option, the record's data-actors) quotes are escaped too.
    assert '<option value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x&gt;">' in page
    assert 'data-actors="[&quot;&lt;script&gt;alert(1)&lt;/script&gt;\\&quot;&gt;&lt;img src=x&gt;&quot;]"' in page
    assert "&quot;Gao&quot; &amp; leave" in page


def test_each_value_is_highlighted_at_its_evidence_in_the_cleaned_text(files, tmp_path):
    records, raw = files
    page = write_audit(records, tmp_path / "a.html", raw=raw).read_text(encoding="utf-8")
    first = page[page.index('id="r-mali-2024-11-23-1"'):page.index('id="r-mali-2023-03-03-2"')]
    text = re.search(r'<p class="text">(.*?)</p>', first).group(1)
    marks = re.findall(r'<mark class="([^"]+)" title="([^"]*)">([^<]*)</mark>', text)
    assert marks == [
        ("f-date", "date: 2024-11-23 (day)", "November 23, 2024"),
        ("f-actors", "actor: JNIM (perpetrator, stated)", "JNIM militants"),
        ("f-event_type", "event type: attack", "ambush"),
        ("f-places", "place: Sévaré (Mopti, ML)", "Sevare"),
        ("f-casualties", "casualties: killed 9 soldiers", "killing nine soldiers"),
        ("f-sources", "source: Strait Times", "Strait Times"),
    ]
    # Cleaned text: no bullet, no bold marks, no link markup, and the page header inside the
    # entry is gone.
    plain = re.sub(r"<[^>]+>", "", text)
    assert plain == ("November 23, 2024: JNIM militants ambush a camp near Sevare, killing nine "
                     "soldiers. Source: Strait Times")


def test_filters_know_what_each_record_lacks(files, tmp_path):
    records, raw = files
    page = write_audit(records, tmp_path / "a.html", raw=raw).read_text(encoding="utf-8")
    missing = re.findall(r'data-missing="([^"]*)"', page)
    assert missing == [
        "injured",
        "place killed injured event_type",
        "date place perpetrator killed injured",
    ]
    assert re.findall(r'data-year="([^"]*)"', page) == ["2024", "2023", "undated"]
    assert re.findall(r'data-type="([^"]*)"', page) == ["attack", "none", "attack"]
    year_options = re.search(r'<select id="f-year">(.*?)</select>', page).group(1)
    assert re.findall(r'value="([^"]*)"', year_options) == ["", "2024", "2023", "undated"]
    assert "3 of 3 records shown" in page


def test_with_an_older_file_changes_are_marked_side_by_side(files, tmp_path):
    records, raw = files
    old_records = build()
    old_records[0].killed = 7
    old_records[0].casualties[0].min = old_records[0].casualties[0].max = 7
    gone = old_records[2].model_copy(update={"id": "mali-gone", "text": "An entry since removed."})
    old_records[2] = gone
    old = tmp_path / "old.jsonl"
    old.write_bytes(records_jsonl(old_records))
    page = write_audit(records, tmp_path / "a.html", old=old, raw=raw).read_text(encoding="utf-8")
    statuses = re.findall(r'data-status="([^"]*)"', page)
    assert statuses == ["changed", "unchanged", "added", "removed"]
    assert '<td class="old">7<div class="ev">killing nine soldiers</div></td>' in page
    assert '<td class="new">9<div class="ev">killing nine soldiers</div></td>' in page
    assert "An entry since removed." in page
    assert '<select id="f-status">' in page


def test_the_page_is_deterministic(files, tmp_path):
    records, raw = files
    a = write_audit(records, tmp_path / "a.html", raw=raw).read_bytes()
    b = write_audit(records, tmp_path / "b.html", raw=raw).read_bytes()
    assert a == b


def test_a_raw_text_that_is_not_the_report_is_refused(files, tmp_path):
    records, _ = files
    other = tmp_path / "other.txt"
    other.write_text(RAW.replace("Sevare", "Sévaré"), encoding="utf-8")
    with pytest.raises(ReportError, match=r"other\.txt: is not the report .*mali\.jsonl"):
        write_audit(records, tmp_path / "a.html", raw=other)
    with pytest.raises(ReportError, match=r"nowhere\.txt: no such file .*pass --raw"):
        write_audit(records, tmp_path / "a.html", raw=tmp_path / "nowhere.txt")
    assert not (tmp_path / "a.html").exists()


def test_cli_writes_the_page_and_fails_in_one_line(files, tmp_path, capsys):
    records, raw = files
    out = tmp_path / "cli.html"
    assert main(["audit", str(records), "--raw", str(raw), "--out", str(out)]) == 0
    assert out.is_file()
    assert main(["audit", str(tmp_path / "none.jsonl"), "--out", str(out)]) == 2
    assert "none.jsonl: no such file" in " ".join(capsys.readouterr().err.split())


def test_an_entry_without_a_segmented_match_shows_its_raw_text():
    records = build()
    # Text that segmentation does not give: the raw slice is shown, still highlighted and escaped.
    records[0].text = "something else"
    page = audit_html(records, RAW, "t")
    first = page[page.index('id="r-mali-2024-11-23-1"'):page.index('id="r-mali-2023-03-03-2"')]
    assert "- **" in first and '<mark class="f-sources" title="source: Strait Times">Strait Times</mark>' in first


@needs_model
@pytest.mark.slow
def test_audit_of_the_real_report(mali_records, tmp_path):
    records = mali_records
    path = tmp_path / "mali.jsonl"
    path.write_bytes(records_jsonl(records))
    page = write_audit(path, tmp_path / "mali.html", raw=Path(__file__).parents[1] / "raw" / "mali.txt")
    html = page.read_text(encoding="utf-8")
    assert html.count('<article class="record') == len(records)
    assert sum(r.kind == "timeline" for r in records) == 193
    # Every record shows its words: the cleaned text, marks removed, equals the record's text.
    texts = re.findall(r'<p class="text">(.*?)</p>', html)
    shown = [unescape(re.sub(r"<[^>]+>", "", t)) for t in texts]
    assert shown == [r.text for r in records]


def test_figures_that_differ_between_two_mentions_are_shown_as_a_conflict():
    from pipeline.schema import Link

    records = build()
    records[2].links = [Link(id=records[0].id, score=0.8, reasons=["same day 2024-11-23"],
                             conflicts=["injured 6 vs 14"])]
    records[2].same_as = [records[0].id]
    page = audit_html(records, RAW, "t")
    assert "<dt>conflict to decide</dt><dd>injured 6 vs 14 (here vs " in page
    assert f"<dd>{records[0].id} (score 0.8: same day 2024-11-23)</dd>" in page
