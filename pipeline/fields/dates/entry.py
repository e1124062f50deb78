"""The date of an entry: its header's, or what a headerless entry plainly states; bounds for
undated entries from their neighbours."""

from __future__ import annotations

import datetime as dt

from pipeline.fields.dates.mentions import _find_mentions, parse_date_text
from pipeline.fields.dates.patterns import _DATE_FIELD, _ON_BEFORE, _OPENING

# The year rules after which an entry that states no date at all is of the rule's year: a year
# heading over it or the year its title names (not a neighbour's, not a dateline's).
_YEAR_ONLY_RULES = frozenset({"year_heading", "title"})
from pipeline.fields.dates.resolve import _languages, to_edtf
from pipeline.schema import DateMention, DateValue, Evidence
from pipeline.settings import Settings
from pipeline.text import split_sentences

def _first_sentence_end(text: str) -> int:
    """Where the first sentence of an entry ends ("U.N. peacekeepers" and "Dr. Mahamadou
    Diawara" do not end it)."""
    spans = split_sentences(text)
    return spans[0][1] if spans else len(text)


def _ends_with(text: str, end: int, pattern) -> bool:
    """``pattern.search(text[:end])`` for a pattern that matches only a word or two and the white
    space before ``end`` ("Date :", "on"): searched from the word before that white space, not
    from the start of the text, which made every mention cost the whole text before it.

    >>> _ends_with("Place: Gao. Date :  May 2", 20, _DATE_FIELD), _ends_with("Up-to-date: May", 12, _DATE_FIELD)
    (True, False)
    """
    start = end
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while start > 0 and text[start - 1] in ":-.":  # "Date :", "Date:-" (only ":" counts)
        start -= 1
    while start > 0 and text[start - 1].isspace():
        start -= 1
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return pattern.search(text, start, end) is not None


def _headerless_date(text: str, mentions: list[DateMention], in_year: bool = False
                     ) -> tuple[DateMention, str] | None:
    """The date a headerless entry states: a field block's "Date : October 23, 1983" wherever it
    stands, else its first sentence's (``_first_sentence_date``). ``in_year``: the document
    gives the entry a year, so a date without one ("On January 27, ...") counts too."""
    for m in mentions:
        if m.start is not None and not m.anchored and _ends_with(text, m.evidence.start, _DATE_FIELD):
            return m, "date_field"
    return _first_sentence_date(text, mentions, in_year)


def _first_sentence_date(text: str, mentions: list[DateMention], in_year: bool = False
                         ) -> tuple[DateMention, str] | None:
    """The event date of an entry without a header, when its text plainly states it.

    Conservative on purpose: of the 7 headerless entries of the Mali report, the only dates are
    background ("held since his January 2009 abduction") or none ("throughout the month"). Kept:
    a date with its own year that opens the entry ("On March 5, 2019, ...", "In December 2009,
    ..."), or a full day "on" which something happens in the first sentence.
    """
    first_end = _first_sentence_end(text)
    for m in mentions:
        if m.start is None or (m.anchored and not in_year) or m.evidence.start >= first_end:
            continue
        if m.anchored and m.evidence.method.startswith(("rule:weekday", "rule:same", "rule:next",
                                                         "rule:previous", "rule:few")):
            continue
        if _OPENING.fullmatch(text, 0, m.evidence.start):
            # "January 2012 al-Midan bombing - On 6 January 2012, a bomb exploded": a wiki item's
            # title opens with the month, its sentence gives the day.
            if m.precision != "day":
                inner = next((o for o in mentions if o is not m and o.precision == "day"
                              and o.start is not None and m.start <= o.start <= o.end <= m.end
                              and o.evidence.start < first_end), None)
                if inner is not None:
                    return inner, "first_sentence_day"
            return m, "opening_date"
        if m.precision == "day" and _ends_with(text, m.evidence.start, _ON_BEFORE):
            return m, "first_sentence_on_date"
    return None


def entry_date(header: str | None, text: str, settings: Settings | None = None, *,
               year: tuple[int, str] | None = None,
               reference: dt.date | None = None, loose: bool = False) -> DateValue:
    """The date of a timeline entry: its header's, with the other dates of the text as mentions.

    ``text`` is the cleaned entry, which starts with the header followed by ": ". Mentions in the
    rest of the text are anchored on the header's start and never change start / end. Without a
    header the date stays unknown unless the text plainly states it (``_headerless_date``).

    ``year`` is (year, rule) the document gives a date that states none ("June 18" under a
    "Posted: Jun 18, 2011" dateline): the header is read in that year and its evidence says so
    (``inferred:year-<rule>``); a headerless entry's mentions without a year take it too, and an
    entry that states no date at all under a year heading or a titled year gets that year.
    ``reference`` is the document's own date, from which a headerless entry's weekdays count.
    A header that names only a year, or only a month with no separator after it (a title:
    "December 2011 Damascus bombings - On 23 December 2011, ..."; ``loose``), is narrowed to
    the day its first sentence puts the event on inside that month or year.

    >>> v = entry_date("July 1, 2018", "July 1, 2018: JNIM militants kill four French soldiers."
    ...                " Macron is scheduled to arrive in Mauritania the following day.")
    >>> v.edtf, v.evidence.method, [(m.evidence.text, m.edtf) for m in v.mentions]
    ('2018-07-01', 'rule:header', [('the following day', '2018-07-02')])
    """
    languages = _languages(settings)
    if header is not None and header.strip():
        parsed = parse_date_text(header, settings)
        method = "rule:header"
        if parsed is None and year is not None:
            # Mid-year: the year nearest it is the year itself, whatever the month and day.
            parsed = parse_date_text(header, settings, anchor=dt.date(year[0], 7, 2))
            method = f"inferred:year-{year[1]}"
        pos = text.find(header)
        body = pos + len(header) if pos >= 0 else 0
        if parsed is None:
            return DateValue(start=None, end=None, precision=None, text=None,
                             mentions=_find_mentions(text, body, len(text), None, languages))
        start, end, precision = parsed
        evidence = (
            Evidence(text=header, start=pos, end=pos + len(header), method=method)
            if pos >= 0 else None
        )
        mentions = _find_mentions(text, body, len(text), start, languages)
        if precision == "year" or (precision == "month" and loose):
            inside = _day_inside(text, body, mentions, start, end)
            if inside is not None:
                return DateValue(
                    start=inside.start, end=inside.end, precision=inside.precision,
                    text=inside.evidence.text, edtf=inside.edtf,
                    evidence=inside.evidence.model_copy(update={"method": "rule:header_narrowed"}),
                    mentions=[m for m in mentions if m is not inside],
                )
        return DateValue(
            start=start, end=end, precision=precision, text=header,
            edtf=to_edtf(start, end, precision), evidence=evidence, mentions=mentions,
        )
    anchor = reference or (dt.date(year[0], 7, 2) if year is not None else None)
    if year is not None and reference is not None and year[0] != reference.year:
        anchor = dt.date(year[0], 7, 2)
    mentions = _find_mentions(text, 0, len(text), anchor, languages, carry_first=anchor is not None)
    found = _headerless_date(text, mentions, in_year=year is not None)
    if found is None and year is not None and year[1] in _YEAR_ONLY_RULES and not any(
            m.start is not None and not m.anchored for m in mentions):
        # Under a year heading or a title's year, an entry that states no date is of that year.
        start, end = dt.date(year[0], 1, 1), dt.date(year[0], 12, 31)
        return DateValue(start=start, end=end, precision="year", text=None,
                         edtf=to_edtf(start, end, "year"), mentions=mentions,
                         evidence=Evidence(text="", start=0, end=0,
                                           method=f"inferred:year-{year[1]}"))
    if found is None:
        return DateValue(start=None, end=None, precision=None, text=None, mentions=mentions)
    m, rule = found
    return DateValue(
        start=m.start, end=m.end, precision=m.precision, text=m.evidence.text, edtf=m.edtf,
        evidence=m.evidence.model_copy(update={"method": f"rule:{rule}"}),
        mentions=[other for other in mentions if other is not m],
    )


def _day_inside(text: str, body: int, mentions: list[DateMention], start: dt.date,
                end: dt.date) -> DateMention | None:
    """The first day the first sentence after the header states inside [start, end]."""
    spans = split_sentences(text, body)
    first_end = spans[0][1] if spans else len(text)
    for m in mentions:
        if m.evidence.start >= first_end:
            break
        if m.precision == "day" and m.start is not None and start <= m.start <= m.end <= end \
                and not m.evidence.method.startswith("rule:weekday"):
            return m
    return None


def infer_bounds(dates: list[DateValue]) -> list[DateValue]:
    """Bounds for undated records of a newest-first timeline, from their dated neighbours.

    An undated record gets not_before = the start of the next dated record (older) and
    not_after = the end of the previous dated record (newer), and inferred=True. When the
    neighbours are out of order (the Mali timeline lists May 31, 2009 above June 10, 2009), the
    bounds are the two dates in order: all the position says is that the event lies between them.

    >>> d = lambda y, m, day: DateValue(start=dt.date(y, m, day), end=dt.date(y, m, day),
    ...                                 precision="day", text=None)
    >>> none = DateValue(start=None, end=None, precision=None, text=None)
    >>> r = infer_bounds([d(2012, 11, 20), none, d(2012, 1, 24)])[1]
    >>> r.not_before, r.not_after, r.inferred
    (datetime.date(2012, 1, 24), datetime.date(2012, 11, 20), True)
    """
    dated = [v.start is not None and v.end is not None for v in dates]
    # The nearest dated record on each side of every record, in two passes (looking each up
    # from every undated record was quadratic in a run of undated ones).
    newer_of: list[DateValue | None] = []
    last = None
    for i, value in enumerate(dates):
        newer_of.append(last)
        if dated[i]:
            last = value
    older_of: list[DateValue | None] = [None] * len(dates)
    last = None
    for i in range(len(dates) - 1, -1, -1):
        older_of[i] = last
        if dated[i]:
            last = dates[i]
    out: list[DateValue] = []
    for i, value in enumerate(dates):
        if dated[i]:
            out.append(value)
            continue
        newer, older = newer_of[i], older_of[i]
        not_before = older.start if older else None
        not_after = newer.end if newer else None
        if not_before and not_after and not_before > not_after:
            not_before, not_after = min(older.start, newer.start), max(older.end, newer.end)
        if not_before is None and not_after is None:
            out.append(value)
            continue
        out.append(value.model_copy(
            update={"not_before": not_before, "not_after": not_after, "inferred": True}
        ))
    return out
