"""Segmentation of real reports of other publishers against their hand-labelled entries.

Every corpus text with timeline entries in its gold (``tests/gold/corpus/<split>/``) is read and
segmented as ``extract`` does (no model: entries are found by the layout finders); its gold
timeline entries are aligned with the found entries by their text (``scoring.align``).
``dev`` texts are those rules may be written on; ``heldout`` texts were never read by anyone
writing rules, so their figures tell how the finders do on unseen text. Floors are in
``tests/gold/corpus/floors.json`` and only go up. The same figures are printed by
``python -m pipeline evaluate tests/gold/corpus/dev OUT`` after ``extract`` (rows "timeline
recall / precision").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from pipeline.layouts.detect import segment
from pipeline.readers import read_source
from pipeline.scoring import align, read_gold
from pipeline.settings import Settings

from .conftest import ROOT

GOLD = ROOT / "tests" / "gold" / "corpus"
CORPUS = ROOT / "raw" / "corpus"
FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


def _publishers() -> dict[str, str]:
    """File stem -> publisher, from the corpus README's table."""
    rows = re.findall(r"^\| `([^`]+)\.txt` \| ([^|]+) \|", (CORPUS / "README.md").read_text(
        encoding="utf-8"), re.MULTILINE)
    return {stem: publisher.strip() for stem, publisher in rows}


@lru_cache(maxsize=None)
def measure(split: str) -> dict:
    settings = Settings()
    publishers = _publishers()
    found = Counter()
    layouts: Counter = Counter()
    texts, names = 0, set()
    for path in sorted((GOLD / split).glob("*.jsonl")):
        gold = read_gold(path, "timeline")
        if not gold:
            continue
        texts += 1
        names.add(publishers[path.stem])
        document = segment(read_source(CORPUS / f"{path.stem}.txt"), settings)
        entries = [e.text for e in document.entries]
        pairs = align([g["text"] for g in gold], entries, settings.align_cutoff,
                      fuzz.token_sort_ratio)
        found["gold"] += len(gold)
        found["found"] += len(entries)
        found["aligned"] += len(pairs)
        for i, g in enumerate(gold):
            layouts[g.get("layout")] += 1
            layouts[(g.get("layout"), "aligned")] += i in pairs
    return {
        "texts": texts,
        "publishers": len(names),
        "layouts": sorted(k for k in layouts if not isinstance(k, tuple)),
        "recall": found["aligned"] / found["gold"],
        "precision": found["aligned"] / found["found"],
        "counts": dict(found),
    }


def test_the_dev_set_is_broad_enough():
    m = measure("dev")
    assert m["texts"] >= 20 and m["publishers"] >= 8 and len(m["layouts"]) >= 5, m


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_segmentation_floors(split):
    m = measure(split)
    floors = FLOORS["timeline_segmentation"][split]
    print(f"{split}: {m['texts']} texts, {m['publishers']} publishers, layouts {m['layouts']}, "
          f"recall {m['recall']:.3f}, precision {m['precision']:.3f} {m['counts']}")
    assert m["recall"] >= floors["recall"], m
    assert m["precision"] >= floors["precision"], m


def test_dev_segmentation_meets_the_bar():
    m = measure("dev")
    assert m["recall"] >= 0.95 and m["precision"] >= 0.95, m
