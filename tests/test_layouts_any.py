"""Entries found in every common layout of the genre, alone, and their years from the document.

The texts are written for the tests, one per layout the finders know
(``pipeline.layouts.detect.FINDERS``); ``tests/gold/corpus`` holds the real ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.layouts.detect import segment
from pipeline.readers.plain import source_from_text

from .conftest import needs_model

LAYOUTS = {
    "bold_date_bullets": [
        "Attacks in 2019\n\n* **March 2, 2019:** Gunmen attack a market in Gao.\n"
        "* **March 9, 2019:** A bomb kills two in Mopti.\n* **April 1, 2019:** Soldiers repel "
        "an attack.\n",
        "Attacks\n\n1. **March 2, 2019:** Gunmen attack a market in Gao.\n2. **March 9, 2019:** "
        "A bomb kills two in Mopti.\n3. **April 1, 2019:** Soldiers repel an attack.\n",
        "Attacks\n\n• **March 2, 2019:** Gunmen attack a market in Gao.\n• **March 9, 2019:** A "
        "bomb kills two in Mopti.\n• **April 1, 2019:** Soldiers repel an attack.\n",
        "Attacks\n\n– **March 2, 2019:** Gunmen attack a market in Gao.\n– **March 9, 2019:** A "
        "bomb kills two in Mopti.\n– **April 1, 2019:** Soldiers repel an attack.\n",
    ],
    "date_led": [
        "Timeline\n\nJanuary 12: At least six people die in an attack on a bus near Kano.\n\n"
        "February 3: Gunmen kill two police officers in Maiduguri.\n\nMarch 9: A bomb explodes "
        "at a market in Yola.\n",
        "Timeline\n\n18 Jan 2012: Two soldiers are killed in Kismayo.\n22 Jan 2012: A car bomb "
        "hits a hotel in Mogadishu.\n3 Feb 2012: Militants attack a base near Baidoa.\n",
        "Log\n\n2012-03-10 - A roadside bomb kills three in Kandahar.\n2012-03-14 - Gunmen attack "
        "a checkpoint in Helmand.\n2012-03-20 - A suicide bomber strikes Kabul.\n",
        "Chronology\n\nMarch 3, 2013 — Militants attack a church in Jos.\nApril 9, 2013 — A bomb "
        "kills 12 at a bus station in Kano.\nMay 1, 2013 — Soldiers raid a camp in Borno.\n",
    ],
    "dated_list": [
        "Recent attacks\n\n• On January 2, terrorists attacked a police post in Djibo, killing "
        "four.\n• On January 9, gunmen kidnapped a priest in Arbinda.\n• On February 1, an IED "
        "killed three soldiers near Dori.\n",
    ],
    "dated_paragraphs": [
        "Report 2020\n\nOn February 17, 2020, a group of armed men attacked the village of "
        "Ogossagou, killing 31.\n\nOn March 2, 2020, militants ambushed a patrol near Mondoro, "
        "killing nine soldiers.\n\nOn March 19, 2020, an IED struck a convoy near Tarkint.\n",
    ],
    "table_rows": [
        "Incidents\n\n| Date | Place | Killed | Description |\n|---|---|---|---|\n"
        "| 2014-12-22 | Gombe | 27 | Bomb at a bus station |\n| 2014-12-28 | Potiskum | 4 | "
        "Suicide bombing |\n| 2015-01-03 | Baga | 150 | Attack on the town |\n",
    ],
}
CASES = [(layout, text) for layout, texts in LAYOUTS.items() for text in texts]


def _segment(text: str, name: str = "t.txt"):
    return segment(source_from_text(text, Path(name), "0"))


@pytest.mark.parametrize("layout, text", CASES)
def test_each_layout_is_found_and_named(layout, text):
    doc = _segment(text)
    assert doc.layouts == {layout: 3}
    assert [e.layout for e in doc.entries] == [layout] * 3
    assert not doc.warnings


@pytest.mark.parametrize("layout, text", CASES)
def test_entries_keep_their_raw_offsets(layout, text):
    doc = _segment(text)
    for entry in doc.entries:
        # Every word of the cleaned entry is in the raw span it came from.
        words = entry.text.replace("|", " ").split()
        raw = text[entry.start:entry.end]
        assert all(w.strip("*") in raw for w in words), entry.text


def test_layouts_mixed_in_one_file():
    text = LAYOUTS["date_led"][0] + "\n\nOlder incidents\n\n" + LAYOUTS["table_rows"][0].split(
        "\n\n", 1)[1]
    doc = _segment(text)
    assert doc.layouts == {"date_led": 3, "table_rows": 3}


def test_a_file_in_no_known_layout_warns_and_keeps_its_prose():
    doc = _segment("Violence in the north\n\nOn Monday, gunmen killed 12 people in the village "
                   "of Zak. The attack came a week after militants burned a market in Tora on "
                   "14 March 2021.\n")
    assert doc.entries == []
    assert doc.warnings == ["no timeline entries found in any known layout: only the prose was read"]
    assert doc.events  # the dated sentences are narrative events


def test_a_file_with_no_text_at_all_warns():
    doc = _segment("\n\n   \n")
    assert doc.entries == [] and doc.events == [] and doc.warnings


YEAR_HEADINGS = (
    "Timeline\n\n2013\n\nMarch 3: Militants attack a church in Jos.\n\nApril 9: A bomb kills 12 "
    "in Kano.\n\n2014\n\nJanuary 5: Gunmen kill 30 in Konduga.\n\nFebruary 25: Boko Haram "
    "attacks a school in Buni Yadi.\n"
)


@needs_model
def test_years_from_headings_say_so_and_invent_no_day(extractor):
    records, _ = extractor.extract_text(YEAR_HEADINGS, "years")
    timeline = [r for r in records if r.kind == "timeline"]
    assert [r.date.start.isoformat() for r in timeline] == [
        "2013-03-03", "2013-04-09", "2014-01-05", "2014-02-25"]
    assert {r.date.evidence.method for r in timeline} == {"inferred:year-year_heading"}


@needs_model
def test_a_title_year_dates_entries_without_one(extractor):
    text = ("Attacks in Kenya, 2012\n\nMarch 10: A grenade kills one in Garissa.\n\n"
            "March 31: Gunmen attack a church in Mombasa.\n\nApril 29: A blast hits a church in "
            "Nairobi.\n")
    records, _ = extractor.extract_text(text, "title-year")
    timeline = [r for r in records if r.kind == "timeline"]
    assert [r.date.start.isoformat() for r in timeline] == ["2012-03-10", "2012-03-31", "2012-04-29"]
    assert all(r.date.evidence.method.startswith("inferred:year-") for r in timeline)


@needs_model
def test_no_year_anywhere_leaves_the_date_open(extractor):
    text = ("Attacks\n\nMarch 10: A grenade kills one in Garissa.\n\nMarch 31: Gunmen attack a "
            "church in Mombasa.\n\nApril 29: A blast hits a church in Nairobi.\n")
    records, _ = extractor.extract_text(text, "no-year")
    timeline = [r for r in records if r.kind == "timeline"]
    assert len(timeline) == 3
    assert all(r.date.start is None and r.date.precision is None for r in timeline)
