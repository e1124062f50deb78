"""Generated reports in every layout the finders know, as text, HTML and PDF (issue #18): no
exception but ``ReportError`` escapes, every record validates, and every evidence offset points
into the derived text the outputs are indexed by.

The layouts are those of ``tests/test_layouts_any.py`` (bold-date bullets under "-", "*", "•",
"–" and numbers; date-led lines in several date forms; dated-clause bullets and paragraphs; year
headings; markdown tables; prose), filled with drawn dates (years 1 and 9999, February 29,
impossible days), numbers (huge, zero, in words), names and unicode. The examples are
derandomised: the suite gives the same result on every run (set HYPOTHESIS_EXAMPLES to explore
further).
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.io import ReportError
from pipeline.readers import read_source
from pipeline.schema import Record, iter_evidence

from .conftest import needs_model

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ABBREVIATIONS = ["Jan.", "Feb", "Mar.", "Sept.", "Oct", "Dec."]

years = st.one_of(st.sampled_from([1, 9999, 2000, 2019, 2020, 2023, 1900, 2100]),
                  st.integers(1, 9999))
# Days 0 and 32 and "February 30" are impossible; "February 29" only in a leap year.
days = st.one_of(st.integers(1, 28), st.sampled_from([0, 29, 30, 31, 32, 99]))
months = st.one_of(st.sampled_from(MONTHS), st.sampled_from(ABBREVIATIONS),
                   st.sampled_from(MONTHS).map(str.upper))


@st.composite
def dates(draw) -> str:
    """A date in one of the written forms of the genre."""
    month, day, year = draw(months), draw(days), draw(years)
    month_number = (MONTHS.index(month.rstrip(".").capitalize()) + 1
                    if month.rstrip(".").capitalize() in MONTHS else 2)
    form = draw(st.sampled_from(["mdy", "md", "dmy", "iso", "my", "range", "weekday"]))
    return {
        "mdy": f"{month} {day}, {year}",
        "md": f"{month} {day}",
        "dmy": f"{day} {month} {year}",
        "iso": f"{year:04d}-{month_number:02d}-{day:02d}",
        "my": f"{month} {year}",
        "range": f"{month} {day}-{day + 2}, {year}",
        "weekday": f"Saturday, {month} {day}, {year}",
    }[form]


NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.sampled_from(["0", "zero", "one", "seven", "a dozen", "dozens of", "hundreds of",
                     "12345678901234567890", "1,200", "more than 50", "at least 3", "two to five",
                     "9" * 40]),
)
NAMES = st.sampled_from(["Gao", "Mopti", "Kidal", "Ségou", "Maiduguri", "Kabul", "Mogadishu",
                         "JNIM", "Boko Haram", "al-Shabaab", "the Taliban", "Wagner", "ISWAP",
                         "Islamic State", "Côte d'Ivoire", "Bamako", "Menaka", "Tessalit"])
WORDS = st.sampled_from(["gunmen", "militants", "soldiers", "civilians", "police officers",
                         "attack", "ambush", "kill", "killing", "wounding", "kidnap", "a market",
                         "a convoy", "an IED", "a suicide bomber", "claims responsibility",
                         "the following day", "near", "in", "the village of", "Sources:",
                         "[Reuters](#)", "(AP)", ",", ".", ";", "—", "’s", "*", "**", "[", "("])
UNICODE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                  max_size=6)


@st.composite
def sentences(draw) -> str:
    parts = [draw(NAMES), draw(WORDS), draw(NUMBERS), draw(WORDS), draw(WORDS), "in", draw(NAMES)]
    parts += draw(st.lists(st.one_of(WORDS, NAMES, NUMBERS, UNICODE), max_size=6))
    return " ".join(p for p in parts if p).replace("\n", " ") + "."


@st.composite
def reports(draw) -> tuple[str, list[dict]]:
    """A report as text, and its parts (for the HTML and PDF renderings): a title, then blocks in
    one or two layouts."""
    title = draw(st.sampled_from(["Mali: Extremism and Terrorism", "Attacks in Nigeria, 2014",
                                  "Timeline", "Chronology of attacks", ""]))
    parts: list[dict] = [{"kind": "title", "text": title}] if title else []
    for layout in draw(st.lists(st.sampled_from(LAYOUTS), min_size=1, max_size=2)):
        parts += draw(layout())
    lines = []
    for part in parts:
        lines.append(part["text"])
        lines.append("" if part["kind"] not in ("item", "row") or part.get("last") else None)
    text = "\n".join(line for line in lines if line is not None) + "\n"
    return text, parts


def _entries(draw, n: int) -> list[tuple[str, str]]:
    return [(draw(dates()), draw(sentences())) for _ in range(n)]


@st.composite
def bold_bullets(draw) -> list[dict]:
    marker = draw(st.sampled_from(["-", "*", "•", "–", "1."]))
    items = _entries(draw, draw(st.integers(1, 4)))
    out = [{"kind": "heading", "text": "Major Extremist and Terrorist Incidents"}]
    for k, (date, body) in enumerate(items, start=1):
        m = f"{k}." if marker == "1." else marker
        out.append({"kind": "item", "marker": m, "bold": date, "text": f"{m} **{date}:** {body}",
                    "body": body, "last": k == len(items)})
    return out


@st.composite
def date_led(draw) -> list[dict]:
    separator = draw(st.sampled_from([": ", " - ", " — ", " – "]))
    items = _entries(draw, draw(st.integers(1, 4)))
    return [{"kind": "paragraph", "text": f"{date}{separator}{body}"} for date, body in items]


@st.composite
def dated_clauses(draw) -> list[dict]:
    bullet = draw(st.booleans())
    items = _entries(draw, draw(st.integers(1, 4)))
    if bullet:
        return [{"kind": "item", "marker": "•", "text": f"• On {d}, {b[0].lower()}{b[1:]}",
                 "body": f"On {d}, {b[0].lower()}{b[1:]}", "last": k == len(items) - 1}
                for k, (d, b) in enumerate(items)]
    return [{"kind": "paragraph", "text": f"On {d}, {b[0].lower()}{b[1:]}"} for d, b in items]


@st.composite
def year_headings(draw) -> list[dict]:
    out = []
    for _ in range(draw(st.integers(1, 2))):
        out.append({"kind": "heading", "text": str(draw(years))})
        for _ in range(draw(st.integers(1, 3))):
            out.append({"kind": "paragraph",
                        "text": f"{draw(months)} {draw(days)}: {draw(sentences())}"})
    return out


@st.composite
def tables(draw) -> list[dict]:
    rows = [("Date", "Place", "Killed", "Description")]
    for _ in range(draw(st.integers(1, 4))):
        rows.append((draw(dates()), draw(NAMES), draw(NUMBERS), draw(sentences()).replace("|", "/")))
    out = []
    for k, row in enumerate(rows):
        out.append({"kind": "row", "cells": row, "text": "| " + " | ".join(row) + " |",
                    "last": k == len(rows) - 1})
        if k == 0:
            out.append({"kind": "row", "cells": None, "text": "|---|---|---|---|"})
    return out


@st.composite
def prose(draw) -> list[dict]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        text = " ".join(draw(st.lists(sentences(), min_size=1, max_size=3)))
        text += f" The attack came on {draw(dates())}, a week after militants struck {draw(NAMES)}."
        out.append({"kind": "paragraph", "text": text})
    return out


LAYOUTS = [bold_bullets, date_led, dated_clauses, year_headings, tables, prose]


def to_html(parts: list[dict]) -> str:
    out = ["<!doctype html><html><head><title>Report</title><script>var x = '<li>no</li>';"
           "</script></head><body>"]
    in_list = in_table = False
    for part in parts:
        kind, e = part["kind"], html.escape
        if in_list and kind != "item":
            out.append("</ul>")
            in_list = False
        if in_table and kind != "row":
            out.append("</table>")
            in_table = False
        if kind == "title":
            out.append(f"<h1>{e(part['text'])}</h1>")
        elif kind == "heading":
            out.append(f"<h2>{e(part['text'])}</h2>")
        elif kind == "paragraph":
            out.append(f"<p>{e(part['text'])}</p>")
        elif kind == "item":
            if not in_list:
                out.append("<ul>")
                in_list = True
            bold = f"<strong>{e(part['bold'])}:</strong> " if part.get("bold") else ""
            body = part["body"] if part.get("bold") else part["body"]
            out.append(f"<li>{bold}{e(body)}</li>")
        elif kind == "row" and part["cells"]:
            if not in_table:
                out.append("<table>")
                in_table = True
            out.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in part["cells"]) + "</tr>")
    out.append("</ul>" if in_list else "")
    out.append("</table>" if in_table else "")
    out.append("<footer>Copyright</footer></body></html>")
    return "".join(out)


def to_pdf(parts: list[dict], path: Path) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate
    from xml.sax.saxutils import escape

    styles = getSampleStyleSheet()
    flow = []
    items: list = []

    def flush() -> None:
        if items:
            flow.append(ListFlowable(list(items), bulletType="bullet", start="•"))
            items.clear()

    for part in parts:
        kind = part["kind"]
        if kind != "item":
            flush()
        if kind == "title":
            flow.append(Paragraph(escape(part["text"]), styles["Title"]))
        elif kind == "heading":
            flow.append(Paragraph(escape(part["text"]), styles["Heading2"]))
        elif kind == "item":
            bold = f"<b>{escape(part['bold'])}:</b> " if part.get("bold") else ""
            items.append(ListItem(Paragraph(bold + escape(part["body"]), styles["BodyText"])))
        elif kind in ("paragraph", "row") and part.get("cells", True):
            text = " | ".join(part["cells"]) if part.get("cells") else part["text"]
            flow.append(Paragraph(escape(text), styles["BodyText"]))
    flush()
    SimpleDocTemplate(str(path), pagesize=letter, invariant=1).build(flow)


def _check(records, text: str) -> None:
    for record in records:
        Record.model_validate(record.model_dump())
        assert 0 <= record.span.start <= record.span.end <= len(text)
        for evidence in iter_evidence(record):
            assert 0 <= evidence.start <= evidence.end <= len(text), evidence
            assert text[evidence.start:evidence.end] == evidence.text, evidence


def _extract_file(extractor, path: Path) -> None:
    try:
        source = read_source(path, extractor.settings)
    except ReportError as e:
        assert "\n" not in str(e) and str(path) in str(e)
        return
    records, _, _ = extractor.extract_source(source)
    _check(records, source.text)


_EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "0")) or None


def _profile(examples: int):
    n = _EXAMPLES or examples
    return settings(max_examples=n, deadline=None, derandomize=_EXAMPLES is None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@needs_model
@_profile(60)
@given(report=reports())
def test_text_reports_in_every_layout(extractor, report):
    text, _ = report
    records, warnings = extractor.extract_text(text, "generated")
    assert all("\n" not in w for w in warnings)
    _check(records, text)


@needs_model
@_profile(25)
@given(report=reports())
def test_html_reports_in_every_layout(extractor, report):
    _, parts = report
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.html"
        path.write_text(to_html(parts), encoding="utf-8")
        _extract_file(extractor, path)


@needs_model
@_profile(8)
@given(report=reports())
def test_pdf_reports_in_every_layout(extractor, report):
    pytest.importorskip("reportlab")
    _, parts = report
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.pdf"
        to_pdf(parts, path)
        _extract_file(extractor, path)
