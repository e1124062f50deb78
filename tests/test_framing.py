"""A list titled after one group gives that group to its entries (pipeline.framing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.framing import list_group, series_claim
from pipeline.layouts.detect import segment
from pipeline.readers.plain import source_from_text

from .conftest import needs_model

ENTRIES = (
    "\n\n- March 3, 2015: A car bomb kills nine people at a market in Kirkuk."
    "\n- March 9, 2015: Police arrest two men planning an attack in Mosul."
    "\n- March 12, 2015: PKK fighters ambush a convoy near Sinjar, killing four."
)


def _group(preamble: str, tables):
    found = list_group(segment(source_from_text(preamble + ENTRIES, Path("t.txt"), "0")), tables)
    return (found[0].name, found[1].text) if found else None


@pytest.mark.parametrize("preamble, expected", [
    ("List of attacks attributed to FARC", ("FARC", "FARC")),
    ("The agency published this timeline of Daesh attacks in Iraq", ("ISIS", "Daesh")),
    ("A chronology of major Boko Haram attacks", ("Boko Haram", "Boko Haram")),
    ("Bombings claimed by al-Shabaab since 2010", ("al-Shabaab", "al-Shabaab")),
    ("Following is a timeline tracing al-Qaeda activity in Yemen since 2000.",
     ("al-Qaeda", "al-Qaeda")),
])
def test_a_title_naming_one_group(tables, preamble, expected):
    assert _group(preamble, tables) == expected


@pytest.mark.parametrize("preamble", [
    "Deadliest attacks in Iraq since 2003",
    # A news lede about one day's attacks is no title of the list.
    "A series of Islamic State group attacks killed dozens on Wednesday.",
    # A force or a body is not a group lists of attacks are titled after.
    "List of operations carried out by the Kenya Defence Forces",
])
def test_no_group_for_other_titles(tables, preamble):
    assert _group(preamble, tables) is None


@needs_model
def test_entries_without_a_perpetrator_take_the_group(extractor):
    text = "A timeline of Daesh attacks in Iraq" + ENTRIES
    records, _ = extractor.extract_text(text, "daesh")
    by_day = {r.date.start.day: r for r in records if r.kind == "timeline"}
    bomb = [(a.name, a.attribution, a.evidence.method) for a in by_day[3].actors
            if a.role == "perpetrator"]
    assert bomb == [("ISIS", "suspected", "rule:list-title")]
    ev = next(a.evidence for a in by_day[3].actors if a.role == "perpetrator")
    assert text[ev.start:ev.end] == "Daesh"
    # An arrest is no attack; an entry naming its own attackers keeps them.
    assert not [a for a in by_day[9].actors if a.evidence.method == "rule:list-title"]
    assert not [a for a in by_day[12].actors if a.evidence.method == "rule:list-title"]


@needs_model
def test_a_group_mentioned_in_passing_still_takes_the_attack(extractor):
    text = ("A history of al-Qaeda activity in Yemen\n\n- October 6, 2002: An explosion damages a "
            "tanker in the Gulf of Aden in an attack for which five al-Qaeda-linked men are later "
            "convicted.\n- October 9, 2002: Gunmen ambush a patrol near Marib, killing two.\n")
    records, _ = extractor.extract_text(text, "yemen")
    tanker = next(r for r in records if "tanker" in r.text)
    assert [(a.name, a.role, a.attribution) for a in tanker.actors if a.name == "al-Qaeda"] == [
        ("al-Qaeda", "perpetrator", "suspected")]


def _series(text: str, tables):
    found = series_claim(segment(source_from_text(text, Path("t.txt"), "0")), tables)
    return (found[0].name, found[1].text, found[1].method) if found else None


@pytest.mark.parametrize("opening, expected", [
    ("(AFP) ISIS group has claimed responsibility for a series of deadly attacks in Iraq.",
     ("ISIS", "ISIS", "rule:series-claim")),
    ("Al-Shabaab claimed a wave of bombings across Mogadishu this week.",
     ("al-Shabaab", "Al-Shabaab", "rule:series-claim")),
])
def test_an_opening_claim_of_a_series_names_its_group(tables, opening, expected):
    text = f"News\n\n{opening}\n\nOn Monday a car bomb killed 30 people in a market.\n"
    assert _series(text, tables) == expected


@pytest.mark.parametrize("opening", [
    # One attack claimed is that attack's claim, not a frame for the others.
    "ISIS claimed the attack on a market in Baghdad.",
    # A series carried out, not claimed, names no claimant.
    "A series of deadly attacks hit Iraq since mid-October.",
])
def test_no_series_claim_in_other_openings(tables, opening):
    assert _series(f"News\n\n{opening}\n\nOn Monday a car bomb killed 30 people.\n", tables) is None


@needs_model
def test_the_claimed_group_goes_to_the_attacks_told_after_it(extractor):
    text = ("News\n\nISIS group has claimed responsibility for a series of deadly attacks in Iraq."
            "\n\nOn March 6, 2017, a suicide car bombing killed 32 people in Baghdad.\n\n"
            "On March 8, 2017, gunmen loyal to a local militia shot two traders in Basra.\n")
    records, _ = extractor.extract_text(text, "news")
    perpetrators = [[(a.name, a.attribution) for a in r.actors if a.role == "perpetrator"]
                    for r in records]
    assert perpetrators[0] == [("ISIS", "claimed")]
