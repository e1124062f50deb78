"""Scoring: alignment by text, per-field scores, misses, and agreement between two labellings."""

from __future__ import annotations

import json

from pipeline.schema import Actor, DateValue, Evidence, Location, Record, TextSpan
from pipeline.scoring import agreement, evaluate, read_gold

EV = Evidence(text="x", start=0, end=1, method="test")


def gold(n, text, killed=None, locations=(), perpetrators=(), sources=("Reuters",)):
    return {
        "kind": "timeline", "n": n, "text": text,
        "date": {"start": "2020-01-01", "end": "2020-01-01", "precision": "day"},
        "country": "ML", "locations": list(locations),
        "perpetrators": [{"name": p, "attribution": "stated"} for p in perpetrators],
        "targets": [], "killed": killed, "injured": None, "kidnapped": None,
        "perpetrators_killed": None, "event_type": "attack", "sources": list(sources),
    }


def record(text, killed=None, locations=(), perpetrators=(), sources=("Reuters",)):
    day = DateValue(start="2020-01-01", end="2020-01-01", precision="day", text=None)
    return Record(
        id=f"r-{abs(hash(text)) % 1000}", report="mali", section="s", kind="timeline", text=text,
        span=TextSpan(start=0, end=1), date=day, country="ML",
        locations=[Location(text=p, name=p, admin1=None, country="ML", lat=None, lon=None, evidence=EV)
                   for p in locations],
        actors=[Actor(text=p, name=p, role="perpetrator", attribution="stated", evidence=EV)
                for p in perpetrators],
        killed=killed, injured=None, kidnapped=None, casualties=[], sources=list(sources),
        event_type="attack",
    )


GAO = "January 1, 2020: Gunmen kill nine soldiers in Gao. Source: Reuters"
KIDAL = "January 1, 2020: A roadside bomb kills two peacekeepers near Kidal. Source: Reuters"
MOPTI = "January 1, 2020: JNIM militants ambush a convoy in Mopti region. Source: Reuters"


def test_entries_align_by_text_so_a_missed_entry_costs_only_itself():
    golds = [gold(1, GAO, 9, ["Gao"]), gold(2, KIDAL, 2, ["Kidal"]), gold(3, MOPTI, None, ["Mopti"], ["JNIM"])]
    # The extractor missed the Kidal entry: the Mopti record is still scored against its own gold.
    report = evaluate(golds, [record(GAO, 9, ["Gao"]), record(MOPTI, None, ["Mopti"], ["JNIM"])])
    assert report.aligned == 2
    assert round(report.segmentation_recall, 3) == 0.667 and report.segmentation_precision == 1.0
    assert report.fields["killed"].correct == 2 and report.fields["killed"].total == 3
    assert report.fields["perpetrators"].f1 == 1.0
    assert report.fields["locations"].recall == 2 / 3 and report.fields["locations"].precision == 1.0


def test_spellings_the_tables_know_are_the_same_place_and_actor():
    golds = [gold(1, GAO, 9, ["Sévaré"], ["Group to Support Islam and Muslims"])]
    report = evaluate(golds, [record(GAO, 9, ["Sevare"], ["JNIM"])])
    assert report.fields["locations"].f1 == 1.0 and report.fields["perpetrators"].f1 == 1.0


def test_every_disagreement_is_listed_with_its_values():
    report = evaluate([gold(1, GAO, 9, ["Gao"])], [record(GAO, 7, ["Gao"], sources=("Reuters", "AFP"))])
    misses = {(m.field, m.gold_n): (m.gold, m.predicted) for m in report.misses}
    assert misses == {("killed", 1): (9, 7), ("sources", 1): (["reuters"], ["afp", "reuters"])}


def test_agreement_between_two_labellings_pairs_entries_by_number(tmp_path):
    first = [gold(1, GAO, 9, ["Gao"]), gold(2, KIDAL, 2, ["Kidal"]), gold(3, MOPTI, None, ["Mopti"])]
    second = [gold(3, MOPTI + " (second coder)", None, ["Mopti", "Sévaré"]), gold(1, GAO, 8, ["Gao"])]
    path = tmp_path / "second.jsonl"
    path.write_text("".join(json.dumps(g) + "\n" for g in second), encoding="utf-8")
    report = agreement(first, read_gold(path))
    assert report.aligned == 2
    assert report.fields["killed"].correct == 1 and report.fields["killed"].total == 2
    assert report.fields["locations"].tp == 2 and report.fields["locations"].fp == 1
    assert [(m.field, m.gold_n) for m in report.misses] == [("locations", 3), ("killed", 1)]


def test_agreement_of_two_folders_pairs_entries_by_text(tmp_path, capsys):
    from pipeline.cli import main

    item = {"kind": "timeline", "text": "May 2, 2019: Gunmen kill five in Gao.", "country": "ML",
            "date": {"start": "2019-05-02", "end": "2019-05-02", "precision": "day"},
            "locations": ["Gao"], "perpetrators": [], "targets": [], "killed": 5}
    other = {**item, "n": 7, "killed": 4, "text": "May 2, 2019: Gunmen kill five in Gao"}
    for folder, rows in (("first", [dict(item, n=1)]), ("second", [other])):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "r.jsonl").write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    assert main(["agreement", str(tmp_path / "first"), str(tmp_path / "second")]) == 0
    out = capsys.readouterr().out
    assert "entries labelled twice: 1" in out
    assert "killed                   0.000  accuracy 0/1" in out
    assert "country                  1.000  accuracy 1/1" in out
