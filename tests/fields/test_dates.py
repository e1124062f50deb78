"""Tests of pipeline.fields.dates on phrases of the Mali report (raw/mali.txt)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.fields.dates import (
    entry_date,
    find_date_mentions,
    infer_bounds,
    parse_date_text,
    to_edtf,
)
from pipeline.schema import DateValue
from pipeline.layouts.detect import segment_text as segment

D = dt.date


@pytest.fixture(scope="module")
def mali(mali_raw):
    return segment(mali_raw)


# The ten range headers of the Mali timeline.
RANGE_HEADERS = [
    ("July 25, 2024 - July 27, 2024", D(2024, 7, 25), D(2024, 7, 27)),
    ("April 16, 2024 - April 29, 2024", D(2024, 4, 16), D(2024, 4, 29)),
    ("March 27, 2022 - March 31, 2022", D(2022, 3, 27), D(2022, 3, 31)),
    ("March 25, 2020 - March 27, 2020", D(2020, 3, 25), D(2020, 3, 27)),
    ("November 26, 2019 - November 28, 2019", D(2019, 11, 26), D(2019, 11, 28)),
    ("June 9, 2019 - June 10, 2019", D(2019, 6, 9), D(2019, 6, 10)),
    ("December 11, 2018 - December 12, 2018", D(2018, 12, 11), D(2018, 12, 12)),
    ("August 5, 2016 - August 7, 2016", D(2016, 8, 5), D(2016, 8, 7)),
    ("October 7, 2013 - October 8, 2013", D(2013, 10, 7), D(2013, 10, 8)),
    ("January 16, 2013 - January 19, 2013", D(2013, 1, 16), D(2013, 1, 19)),
]


@pytest.mark.parametrize(("header", "start", "end"), RANGE_HEADERS)
def test_range_headers(header, start, end):
    assert parse_date_text(header) == (start, end, "day")
    assert to_edtf(start, end, "day") == f"{start.isoformat()}/{end.isoformat()}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 7, 2025", (D(2025, 2, 7), D(2025, 2, 7), "day")),
        ("October 4, 2017", (D(2017, 10, 4), D(2017, 10, 4), "day")),
        ("December 2009", (D(2009, 12, 1), D(2009, 12, 31), "month")),
        ("in December 2009", (D(2009, 12, 1), D(2009, 12, 31), "month")),
        ("May 2022", (D(2022, 5, 1), D(2022, 5, 31), "month")),
        ("February 2008", (D(2008, 2, 1), D(2008, 2, 29), "month")),
        ("February 2010", (D(2010, 2, 1), D(2010, 2, 28), "month")),
        # "late" is not narrowed: the whole month, precision month.
        ("late March 2022", (D(2022, 3, 1), D(2022, 3, 31), "month")),
        ("late January 2025", (D(2025, 1, 1), D(2025, 1, 31), "month")),
        ("2017", (D(2017, 1, 1), D(2017, 12, 31), "year")),
        ("in 2017", (D(2017, 1, 1), D(2017, 12, 31), "year")),
        ("late 2012", (D(2012, 1, 1), D(2012, 12, 31), "year")),
        ("summer of 2020", (D(2020, 1, 1), D(2020, 12, 31), "year")),
        # Ranges: the precision is that of the coarsest end.
        ("between 2012 and 2013", (D(2012, 1, 1), D(2013, 12, 31), "year")),
        ("from 2022 to August 2023", (D(2022, 1, 1), D(2023, 8, 31), "year")),
        ("between May and July of 2012", (D(2012, 5, 1), D(2012, 7, 31), "month")),
        ("from March 23 until March 31, 2022", (D(2022, 3, 23), D(2022, 3, 31), "day")),
        ("January/February 2015", (D(2015, 1, 1), D(2015, 2, 28), "month")),
    ],
)
def test_parse_date_text(text, expected):
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "France 24",
        "News 24",
        "24 hours",
        "Resolution 2100",
        "Resolution 2085",
        "February 30, 2024",
        "April 31, 2019",
        "the early 2020s",
        "$500,000",
        "4,500 French troops",
        # No year and no anchor: the year cannot be known.
        "between August 17 and August 21",
        "On March 24",
    ],
)
def test_not_a_date(text):
    assert parse_date_text(text) is None


def test_year_from_anchor():
    assert parse_date_text("between August 17 and August 21", anchor=D(2021, 9, 15)) == (
        D(2021, 8, 17), D(2021, 8, 21), "day",
    )


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        (
            "According to media sources, al-Sahrawi was killed in a French-led air and ground "
            "operation in Mali sometime between August 17 and August 21.",
            D(2021, 9, 15),
            [("between August 17 and August 21", "2021-08-17/2021-08-21", True)],
        ),
        (
            "On March 24, the Mali government dissolves a Dogon militia, which had previously "
            "helped in counterterrorism operations.",
            D(2019, 3, 23),
            [("March 24", "2019-03-24", True)],
        ),
        (
            "A fourth peacekeeper dies from his injuries the following day.",
            D(2022, 10, 17),
            [("the following day", "2022-10-18", True)],
        ),
        (
            "A Malian army patrol was sent to the targeted communities the next day.",
            D(2021, 8, 8),
            [("the next day", "2021-08-09", True)],
        ),
        (
            "That same day, JNIM militants ambush soldiers in the Koulikoro region, killing 10.",
            D(2023, 4, 23),
            [("That same day", "2023-04-23", True)],
        ),
        (
            "The same day, unidentified armed men ambush a car in Kayes, western Mali.",
            D(2022, 6, 1),
            [("The same day", "2022-06-01", True)],
        ),
        (
            "The same camp was attacked with rockets on May 3.",
            D(2017, 5, 15),
            [("May 3", "2017-05-03", True)],
        ),
        (
            "AQIM insurgents execute British hostage Edwin Dyer, who they had held since January "
            "when they kidnapped him in Niger.",
            D(2009, 5, 31),
            [("January", "2009-01", True)],
        ),
        (
            # A count after a date is not part of it; "between 200 and 300" is not a range.
            "On December 4, between 200 and 300 civilians are reportedly massacred during the "
            "fighting.",
            D(2022, 12, 1),
            [("December 4", "2022-12-04", True)],
        ),
        (
            "On April 16, suspected jihadists ambush and abduct three buses carrying civilians in "
            "central Mali. On April 24, dozens of men are reportedly released.",
            D(2024, 4, 16),
            [("April 16", "2024-04-16", True), ("April 24", "2024-04-24", True)],
        ),
        (
            "Dubois was kidnapped in northern Mali on April 8, 2021, whereas Woodke was abducted "
            "in southwest Niger in October 2016.",
            D(2023, 3, 16),
            [("April 8, 2021", "2021-04-08", False), ("October 2016", "2016-10", False)],
        ),
        (
            "At least 26 people were killed and at least 14 others were injured in an attack at "
            "La Terrasse restaurant in March 2015 and at the Radisson Blu hotel in November of "
            "the same year.",
            D(2020, 10, 27),
            [("March 2015", "2015-03", False), ("November of the same year", "2015-11", True)],
        ),
        (
            # The explicit date says when: the relative words add nothing.
            "A few days later on January 26, 2023, JNIM met with several armed groups in "
            "northeastern Mali.",
            None,
            [("January 26, 2023", "2023-01-26", False)],
        ),
        (
            # Relative mentions count from the nearest day stated before them.
            "On January 11, 2013, France launched Operation Serval. Later that month, the "
            "Economic Community of West African States (ECOWAS) began deploying troops to Mali.",
            None,
            [("January 11, 2013", "2013-01-11", False), ("Later that month", "2013-01", True)],
        ),
        (
            "on August 18, 2020, Malian soldiers ambushed Bamako, the West African country's "
            "capital, and arrested the president. Later that day, Keita delivered a brief address "
            "from the military base in Kati.",
            None,
            [("August 18, 2020", "2020-08-18", False), ("Later that day", "2020-08-18", True)],
        ),
        (
            # No anchor in prose: the year of the nearest full date before, not of the
            # background "July 2019".
            "Despite the U.N.’s extension of MINUSMA, on July 10, 2022, Mali’s military "
            "government arrested 49 Ivorian soldiers at Mali’s international airport in Bamako. "
            "However, according to Côte d’Ivoire officials, the soldiers were deployed as part "
            "of a security and logistics support contract signed in July 2019 with MINUSMA. "
            "As of September 27, only three of the soldiers—all women have been released.",
            None,
            [("July 10, 2022", "2022-07-10", False), ("July 2019", "2019-07", False),
             ("September 27", "2022-09-27", True)],
        ),
        (
            "Mali and Burkina Faso further distanced themselves from their former Western allies "
            "when they dispatched a joint delegation to Niamey, Niger to support the coup "
            "government that seized power from the democratically elected President Mohamed "
            "Bazoum on July 26.",
            None,
            [("July 26", None, True)],
        ),
        (
            "The Malian army launched the operation from March 23 until March 31, 2022, and "
            "according to the army, an estimated 300 were killed.",
            None,
            [("from March 23 until March 31, 2022", "2022-03-23/2022-03-31", False)],
        ),
        (
            "Baba was eventually captured in 2017 in Mali, where he remains in custody.",
            D(2020, 1, 16),
            [("2017", "2017", False)],
        ),
        (
            "A U.S. federal court charges a Malian man in absentia for his role in two 2016 terror "
            "attacks in Burkina Faso. The attacks killed 30 people.",
            D(2020, 1, 16),
            [("2016", "2016", False)],
        ),
    ],
)
def test_find_date_mentions(text, anchor, expected):
    mentions = find_date_mentions(text, anchor)
    assert [(m.evidence.text, m.edtf, m.anchored) for m in mentions] == expected
    for m in mentions:
        assert text[m.evidence.start : m.evidence.end] == m.evidence.text
        assert m.evidence.method.startswith("rule:")


@pytest.mark.parametrize(
    "text",
    [
        "Sources: Defense Post, France 24",
        "Sources: News 24, News24, GardaWorld, GardaWorld, U.S. Department of State",
        "Sources: France24, Voice of America",
        "The attack kills 24 soldiers within 24 hours.",
        "The Secretary-General welcomed Resolution 2100 on MINUSMA.",
        "the head of the Islamic police in Timbuktu faces sentences ranging from 30 years to life",
        "Mali's junta governments in the early 2020s became increasingly hostile",
        "The South African charity was able to secure Van Deventer's release for $500,000.",
    ],
)
def test_no_mentions(text):
    assert find_date_mentions(text, D(2024, 1, 1)) == []


def test_yearless_date_takes_the_nearest_year():
    # No phrase of the report crosses a new year; the rule must still not put "December 28"
    # eleven months after a January 5 header.
    [m] = find_date_mentions("On December 28, gunmen attack a convoy.", D(2019, 1, 5))
    assert m.edtf == "2018-12-28"
    [m] = find_date_mentions("On January 2, gunmen attack a convoy.", D(2018, 12, 30))
    assert m.edtf == "2019-01-02"


def test_number_of_people_is_not_a_day():
    # Constructed: no phrase of the report puts a count right after a month name.
    [m] = find_date_mentions("In January 12 soldiers were killed.", D(2019, 3, 1))
    assert (m.evidence.text, m.edtf) == ("January", "2019-01")


def test_impossible_date_is_not_a_mention():
    assert find_date_mentions("The convoy was hit on February 30, 2024.", D(2024, 3, 1)) == []


def test_mentions_without_anchor_are_listed_unresolved():
    [m] = find_date_mentions("On October 29, the suspects are found guilty.", None)
    assert (m.evidence.text, m.start, m.end, m.precision, m.anchored) == (
        "October 29", None, None, None, True,
    )


@pytest.mark.parametrize(
    ("start", "end", "precision", "edtf"),
    [
        (D(2025, 2, 7), D(2025, 2, 7), "day", "2025-02-07"),
        (D(2024, 7, 25), D(2024, 7, 27), "day", "2024-07-25/2024-07-27"),
        (D(2009, 12, 1), D(2009, 12, 31), "month", "2009-12"),
        (D(2017, 1, 1), D(2017, 12, 31), "year", "2017"),
        (D(2009, 12, 1), D(2010, 2, 28), "month", "2009-12/2010-02"),
        (D(2012, 1, 1), D(2013, 12, 31), "year", "2012/2013"),
        # "from 2022 to August 2023": the end is not a year's end, so it keeps its month.
        (D(2022, 1, 1), D(2023, 8, 31), "year", "2022/2023-08"),
        (None, None, None, None),
    ],
)
def test_to_edtf(start, end, precision, edtf):
    assert to_edtf(start, end, precision) == edtf


def test_entry_date_header_and_mentions():
    text = (
        "July 1, 2018: In an attack on French troops in Gao, JNIM militants kill four French "
        "soldiers and four civilians. JNIM claims that the attack is intended to send a message "
        "to French President Emmanuel Macron, who is scheduled to arrive in Mauritania the "
        "following day. Source: Reuters"
    )
    v = entry_date("July 1, 2018", text)
    assert (v.start, v.end, v.precision, v.text, v.edtf) == (
        D(2018, 7, 1), D(2018, 7, 1), "day", "July 1, 2018", "2018-07-01",
    )
    assert (v.evidence.start, v.evidence.end, v.evidence.method) == (0, 12, "rule:header")
    [m] = v.mentions
    assert (m.evidence.text, m.edtf, m.anchored) == ("the following day", "2018-07-02", True)
    assert text[m.evidence.start : m.evidence.end] == "the following day"


def test_entry_date_range_header_keeps_its_ends():
    text = (
        "March 25, 2020 - March 27, 2020: Malian opposition leader Soumailia Cisse is kidnapped "
        "by suspected Katiba Macina militants while campaigning in the Niafounke district in "
        "Timbuktu. Five others were kidnapped with Cisse but were released on March 27. Sources: "
        "Al Jazeera, Al Jazeera, International Crisis Group"
    )
    v = entry_date("March 25, 2020 - March 27, 2020", text)
    assert (v.edtf, v.precision) == ("2020-03-25/2020-03-27", "day")
    assert [(m.evidence.text, m.edtf) for m in v.mentions] == [("March 27", "2020-03-27")]


@pytest.mark.parametrize(
    ("text", "edtf", "method"),
    [
        # Headerless entries of the report: background dates or none, so no date.
        ("AQIM insurgents execute a French tourist they had held since his January 2009 "
         "abduction near Mali's border with Niger. Source: Guardian", None, None),
        ("Three IED attacks throughout the month kill nine Malian soldiers and wound eight in "
         "southern and central Mali. Source: Agence France-Presse", None, None),
        # Sentences of the report's prose that do state when.
        ("On February 7, 2025, suspected Islamists ambushed several vehicles in Gao in "
         "northeastern Mali.", "2025-02-07", "rule:opening_date"),
        ("From January to March 2012, Mali relied on its military to suppress the northern "
         "Tuareg rebellion.", "2012-01/2012-03", "rule:opening_date"),
        ("A few days later on January 26, 2023, JNIM met with several armed groups in "
         "northeastern Mali.", "2023-01-26", "rule:first_sentence_on_date"),
    ],
)
def test_entry_date_without_header(text, edtf, method):
    v = entry_date(None, text)
    assert v.edtf == edtf
    assert (v.evidence.method if v.evidence else None) == method
    if edtf is None:
        assert (v.start, v.end, v.precision) == (None, None, None)


def _day(y, m, d):
    return DateValue(start=D(y, m, d), end=D(y, m, d), precision="day", text=None)


UNDATED = DateValue(start=None, end=None, precision=None, text=None)


def test_infer_bounds_between_neighbours():
    # Entries 180-184 of the report: November 20, 2012, three undated, January 24, 2012.
    dates = [_day(2012, 11, 20), UNDATED, UNDATED, UNDATED, _day(2012, 1, 24)]
    out = infer_bounds(dates)
    assert out[0] == dates[0] and out[4] == dates[4]
    for v in out[1:4]:
        assert (v.not_before, v.not_after, v.inferred) == (D(2012, 1, 24), D(2012, 11, 20), True)
        assert v.start is None
    assert dates[1].inferred is False


def test_infer_bounds_at_the_edges_and_out_of_order():
    out = infer_bounds([UNDATED, _day(2025, 2, 7)])
    assert (out[0].not_before, out[0].not_after) == (D(2025, 2, 7), None)
    # Entries 190-191 of the report are out of order (May 31, 2009 above June 10, 2009).
    out = infer_bounds([_day(2009, 5, 31), UNDATED, _day(2009, 6, 10)])
    assert (out[1].not_before, out[1].not_after) == (D(2009, 5, 31), D(2009, 6, 10))
    assert infer_bounds([UNDATED]) == [UNDATED]


def _header_days(header: str) -> tuple[dt.date, dt.date]:
    """An independent reading of a header: every one is "Month D, YYYY" or two joined by " - "."""
    parts = [dt.datetime.strptime(p.strip(), "%B %d, %Y").date() for p in header.split(" - ")]
    return parts[0], parts[-1]


def test_every_entry_of_the_report(mali):
    headerless = 0
    for e in mali.entries:
        v = entry_date(e.header.text if e.header else None, e.text)
        for m in v.mentions:
            assert e.text[m.evidence.start : m.evidence.end] == m.evidence.text
        if e.header is None:
            headerless += 1
            assert (v.start, v.end, v.precision) == (None, None, None), e.n
            continue
        assert v.start <= v.end, e.n
        assert (v.start, v.end) == _header_days(e.header.text), e.n
        assert v.precision == "day"
        assert e.text[v.evidence.start : v.evidence.end] == e.header.text
        assert all(not (m.evidence.start < v.evidence.end) for m in v.mentions), e.n
    assert len(mali.entries) == 193
    assert headerless == 7


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)))
def test_any_full_date_reads_back(day):
    text = f"{day:%B} {day.day}, {day.year}"
    assert parse_date_text(text) == (day, day, "day")
    assert to_edtf(day, day, "day") == day.isoformat()


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31)))
def test_any_month_keeps_the_whole_month(day):
    start, end, precision = parse_date_text(f"{day:%B} {day.year}")
    assert (start.day, precision) == (1, "month")
    assert (end + dt.timedelta(days=1)).day == 1 and start.month == end.month == day.month
    assert to_edtf(start, end, precision) == f"{day.year:04d}-{day.month:02d}"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("On March 24, 2019 - the following day 0123456789.$")),
               max_size=60))
def test_mentions_never_raise_and_point_at_their_words(text):
    for m in find_date_mentions(text, D(2019, 3, 23)):
        assert text[m.evidence.start : m.evidence.end] == m.evidence.text
        assert m.start is None or m.start <= m.end


# --- plain dates read without dateparser ------------------------------------------------------

def _month_words() -> list[str]:
    import calendar

    words = {"Sept", "Sept.", "SEPT", "Mai", "Junee", "Sep."}
    for m in range(1, 13):
        for w in (calendar.month_name[m], calendar.month_abbr[m]):
            words |= {w, w.upper(), w.lower(), w + ".", w.upper() + "."}
    return sorted(words)


@pytest.mark.parametrize("year", ["0001", "1850", "2024", "9999"])
def test_plain_dates_read_as_dateparser_reads_them(year):
    # Every month word and its abbreviations, days that the month has and has not: where the
    # fast reading answers, dateparser gives the same (year, month, day, period).
    from pipeline.fields.dates.patterns import _FIXED_BASE
    from pipeline.fields.dates.resolve import _RANK, _parser, _plain_date

    parser = _parser(("en",), _FIXED_BASE)

    def by_dateparser(text):
        data = parser.get_date_data(text)
        if data.date_obj is None or data.period not in _RANK:
            return None
        d = data.date_obj
        return d.year, d.month, d.day, data.period

    read = 0
    for word in _month_words():
        for text in [f"{word} {year}", year] + [f"{word} {day}, {year}" for day in
                                                ("0", "1", "05", "28", "29", "30", "31", "32")]:
            fast = _plain_date(text)
            if fast is not None:
                read += 1
                assert fast == by_dateparser(text), text
    assert read > 500  # the fast reading is not a stub that never answers
    assert _plain_date(f"Mai 3, {year}") is None and _plain_date(f"February 30, {year}") is None
