"""``extract`` as a user runs it on a folder of reports in several formats, with ``--explain``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pipeline.extract
from pipeline.cli import main

from .conftest import needs_model

FIXTURES = Path(__file__).parent / "fixtures"
DATED = ("Attacks in Kenya, 2012\n\nMarch 10: A grenade kills one in Garissa.\n\n"
         "March 31: Gunmen attack a church in Mombasa.\n\nApril 29: A blast hits a church in "
         "Nairobi.\n")


@pytest.fixture
def run(extractor, monkeypatch, capsys):
    monkeypatch.setattr(pipeline.extract, "Extractor", lambda *args, **kwargs: extractor)

    def go(*args):
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, " ".join(captured.err.split())

    return go


@needs_model
def test_a_folder_of_reports_in_every_format(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kenya.md").write_text(DATED, encoding="utf-8")
    shutil.copy(FIXTURES / "mali.html", folder / "mali_page.html")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not a report")  # not a report type: skipped
    (folder / "README.md").write_text("# Reports received in March\n", encoding="utf-8")  # skipped
    code, out, err = run("extract", folder, "--out", tmp_path / "out", "--explain")
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.jsonl")) == [
        "kenya.jsonl", "mali_page.jsonl"]
    assert "kenya.md: read as markdown" in out
    assert "timeline entries: 3 (date_led 3)" in out
    assert "years inferred: 3 from year heading" in out
    assert "report country: KE (from places); year 2012" in out
    assert "mali_page.html: read as html" in out
    assert "timeline entries: 193 (bold_date_bullets 193)" in out


@needs_model
def test_another_file_type_named_directly_is_read_as_text_with_a_warning(run, tmp_path):
    path = tmp_path / "kenya.log"
    path.write_text(DATED, encoding="utf-8")
    code, out, err = run("extract", path, "--out", tmp_path / "out")
    assert code == 0
    assert "unknown file type .log: read as plain text" in err


def test_a_missing_path_fails_with_one_line(run, tmp_path):
    code, _, err = run("extract", tmp_path / "nowhere", "--out", tmp_path / "out")
    assert code == 1 and f"error: {tmp_path / 'nowhere'}: no such file" in err


def test_a_folder_without_reports_names_what_it_looked_for(run, tmp_path):
    (tmp_path / "notes.log").write_text(DATED, encoding="utf-8")
    code, _, err = run("extract", tmp_path, "--out", tmp_path / "out")
    assert code == 1 and "holds no reports (.htm, .html, .markdown, .md, .pdf, .text, .txt, .xhtml)" in err
