"""Extract validated, evidence-backed incident records from narrative conflict reports.

Notebook API:

    >>> import pipeline
    >>> records = pipeline.extract_text("- **May 2, 2017:** Gunmen kill nine soldiers in Gao. Source: [Reuters](#)", report="demo")
    >>> records[0].killed, records[0].sources
    (9, ['Reuters'])
"""

from __future__ import annotations

__version__ = "0.1.0"


def extract_text(text: str, report: str = "report"):
    """Extract the timeline records of a report's text: ``list[Record]``."""
    from pipeline.extract import shared_extractor

    records, _ = shared_extractor().extract_text(text, report)
    return records


def load(path):
    """Load an extracted JSONL (or Parquet) file as a pandas DataFrame, one row per record."""
    from pipeline.exports import load_frame

    return load_frame(path)
