"""Segmentation of raw/mali.txt into sections and bold-date bullet entries: 193 entries,
page-break repair, odd headers, cleaned text and its offsets."""

from __future__ import annotations

import re

import pytest

from pipeline.layouts.detect import segment_text as segment
from pipeline.text import clean


@pytest.fixture(scope="module")
def doc(mali_raw):
    return segment(mali_raw)


def test_entry_count_and_order(doc):
    assert len(doc.entries) == 193
    assert [e.n for e in doc.entries] == list(range(1, 194))
    assert doc.entries[0].text.startswith("February 7, 2025: Armed assailants ambush several vehicles in Gao")
    assert doc.entries[-1].text.startswith("October 31, 2008: AQIM militants turn over two Austrian tourists")


def test_every_entry_span_holds_the_whole_bullet(doc, mali_raw):
    for entry in doc.entries:
        chunk = mali_raw[entry.start : entry.end]
        assert re.match(r"[ \t]*- ", chunk), entry.n
        # No other bullet inside, and the entry ends with its sources.
        assert not re.search(r"\n[ \t]*- \S", chunk), entry.n
        assert re.search(r"Sources?: \[[^\]]+\]\(#\)(, \[[^\]]+\]\(#\))*\s*$", chunk), entry.n


def test_spans_are_disjoint_and_increasing(doc):
    ends = [(e.start, e.end) for e in doc.entries]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(ends, ends[1:]))


@pytest.mark.parametrize(
    "n, header",
    [
        (11, "July 25, 2024 - July 27, 2024"),
        (16, "April 16, 2024 - April 29, 2024"),
        (179, "January 16, 2013 - January 19, 2013"),
        (97, "September 10, 2020"),  # a bullet with a leading space: " - **September 10, 2020:**"
    ],
)
def test_headers(doc, n, header):
    assert doc.entries[n - 1].header.text == header


def test_ten_range_headers_and_seven_without_a_date(doc):
    ranges = [e for e in doc.entries if e.header and " - " in e.header.text]
    assert len(ranges) == 10
    headerless = [e.n for e in doc.entries if e.header is None]
    # One empty "**- :**" header (181) and six bullets with no bold date at all.
    assert headerless == [55, 107, 181, 182, 183, 188, 192]
    assert doc.entries[180].text.startswith("Islamists destroy UNESCO world heritage sites")


@pytest.mark.parametrize(
    "n, tail",
    [
        # "killing at least 26.\n\nMali: Extremism and Terrorism\n\nSource: [Africa News](#)"
        (10, "central Mali, killing at least 26. Source: Africa News"),
        # A stray "-" line, then the page header, then the rest of the sentence.
        (109, "the details of the attack are unreported. Sources: Al Jazeera, International Crisis Group"),
        (151, "killing 11 soldiers. The attack is attributed to Ansar-ul-Islam lil-Ichad wal Jihad (IRSAD)"),
    ],
)
def test_entries_split_by_a_page_break_are_joined(doc, n, tail):
    assert tail in doc.entries[n - 1].text


def test_no_artifacts_left_in_cleaned_text(doc):
    for entry in doc.entries:
        text = entry.text
        assert "Mali: Extremism and Terrorism" not in text, entry.n
        assert "**" not in text and "](#)" not in text and "\\$" not in text, entry.n
        assert not text.startswith("-"), entry.n


def test_escaped_dollar_is_unescaped(doc):
    entry = next(e for e in doc.entries if "bounty" in e.text)
    assert "offered a $5 million bounty" in entry.text


def test_cleaned_offsets_point_into_the_raw_file(doc, mali_raw):
    for entry in doc.entries:
        for word in re.finditer(r"[A-Za-z]{4,}", entry.text):
            start, end = entry.clean.raw_span(word.start(), word.end())
            assert mali_raw[start:end] == word.group(), (entry.n, word.group())


def test_sections(doc):
    titles = [s.title for s in doc.sections]
    for expected in [
        "Overview", "Radicalization and Foreign Fighters", "Recruitment", "Foreign Fighters",
        "Major Extremist and Terrorist Incidents", "Domestic Counter-Extremism",
        "Security Agencies",
    ]:
        assert expected in titles
    assert titles[0] == "Introduction"
    assert {e.section for e in doc.entries} == {"Major Extremist and Terrorist Incidents"}


def test_narrative_paragraph_split_by_a_page_break_is_joined(doc):
    giaba = [p for p in doc.paragraphs if p.text.startswith("In April 2017, Mali, Mauritania")]
    assert len(giaba) == 1
    assert "Group against Money Laundering in West Africa (GIABA)." in giaba[0].text
    assert not any(p.text.startswith("West Africa (GIABA)") for p in doc.paragraphs)


def test_italics_and_escaped_parentheses_are_removed():
    raw = "reported in *al-Naba* that [al-Qaeda in the Islamic Maghreb \\(AQIM\\)](#) and \\$5"
    assert clean(raw, 0).text == "reported in al-Naba that al-Qaeda in the Islamic Maghreb (AQIM) and $5"


def test_title_is_the_first_line(doc):
    assert doc.title == "Mali: Extremism and Terrorism"
    assert doc.source.page_header == doc.title


def test_the_layout_found_is_named(doc):
    assert doc.layouts == {"bold_date_bullets": 193}
    assert {e.layout for e in doc.entries} == {"bold_date_bullets"}


def test_report_without_bullets_warns():
    doc = segment("Title\n\nOverview\n\nSome prose. (Source: [X](#))\n")
    assert doc.entries == [] and doc.warnings
    assert doc.paragraphs[0].text == "Some prose. (Source: X)"


def test_a_narrative_event_goes_on_with_its_toll_and_its_claim(doc):
    texts = [e.text for e in doc.events]
    feb7 = [t for t in texts if t.startswith("On February 7, 2025, suspected Islamists")]
    assert len(feb7) == 1
    assert feb7[0].endswith("More than 50 were killed and another 13 were injured.")
    terrasse = [t for t in texts if t.startswith("On March 7, 2015, a masked gunman")]
    assert len(terrasse) == 1
    assert "claimed responsibility for the attack." in terrasse[0]
    # The claim's motive, dated by what it answered, is the same event, not one of December 2014.
    assert "The jihadist group claimed the attack was in response" in terrasse[0]
    assert not any(t.startswith("The jihadist group claimed") for t in texts)


def test_narrative_events_dated_by_the_month_told_before(doc):
    texts = [e.text for e in doc.events]
    assert any(t.startswith("That January, men dressed as hunters") for t in texts)
    assert any("later that month, the Defense Ministry launched" in t for t in texts)


def test_a_date_describing_what_it_follows_is_no_narrative_event(doc):
    texts = [e.text for e in doc.events]
    assert not any(t.startswith("Initially established as a pact in September 2023") for t in texts)
    assert not any("contract signed in July 2019" in t for t in texts)
    assert not any(t.startswith("France has provided ongoing military support") for t in texts)
