"""The words of dates: month names, years, the shapes a date and a range take, relative words."""

from __future__ import annotations

import datetime as dt
import re

_RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2}
_FINER: dict[str, tuple[str, ...]] = {
    "year": ("year", "month", "day"),
    "month": ("month", "day"),
    "day": ("day",),
}

# RELATIVE_BASE for strings that carry their own year (headers and most mentions): dateparser
# then only fills the parts we drop (the day of "March 2023"), so one fixed date serves them all
# and one parser is built. Strings without a year get the entry's header date instead. Never today.
_FIXED_BASE = dt.date(2000, 1, 1)

# Days after the reference day that a relative mention covers, first and last. "A few days
# later" gives no number: two to seven days ("a few" is more than one; a week or more would be
# written as such).
_RELATIVE_DAYS: dict[str, tuple[int, int]] = {
    "today": (0, 0),
    "yesterday": (-1, -1),
    "same_day": (0, 0),
    "next_day": (1, 1),
    "previous_day": (-1, -1),
    "few_days_later": (2, 7),
}

# Month names and abbreviations, capitalised or all in capitals ("MAY 21, 2012"); "may" the verb
# is never one.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|(?:JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\.)"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A four-digit year of the 19th to 21st century standing alone: not part of "$500,000", "4,500",
# "2.2019", "2020s" or "20%".
_YEAR = r"(?<![\d$€£,.])(?:1[89]\d\d|20\d\d)(?![\d%]|s\b|,\d|\.\d)"
# Words after a number that make it a count, not a day or a year: "In January 12 soldiers ...".
_COUNTED = (
    r"(?:people|persons?|civilians?|soldiers?|troops|fighters?|militants?|hostages?"
    r"|peacekeepers?|men|women|children|villagers?|dead|killed|wounded|injured|others|members?"
    r"|refugees|families|km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|percent|tons?|dollars?"
    r"|euros?|years?|months?|weeks?|days?|hours?|minutes?)\b|%"
)
# "late March 2022", "mid-2020", "the end of 2012", "summer of 2020": the part is not narrowed
# (see ``_rule_id``), but the words belong to the mention.
_MODIFIER = (
    r"(?:\b(?:[Ee]arly|[Mm]id|[Ll]ate)(?:-|\s+)"
    r"|\b[Tt]he\s+(?:end|beginning|start|middle)\s+of\s+"
    r"|\b(?:[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)\s+(?:of\s+)?)"
)
# One date: "February 7, 2025", "May 2022", "March 24", "January", "2017", "late March 2022",
# "November of the same year". A bare month is kept only after a preposition (``_BARE_MONTH_AFTER``)
# or as the first end of a range, so that "May" the verb is not read.
# Day-first dates ("12 March 2019", "9 June 2016", "14 Jan", "28-Dec", "12th of March") and ISO
# dates ("2012-03-10") are the same dates written another way. A day range inside one month ("Jan
# 7-9, 2015", "December 24-31, 1999", "14-15 April", "between 5 and 8 July") is one mention.
_SINGLE = re.compile(
    rf"""
    (?P<mod>{_MODIFIER})?
    (?:
        (?<![\w.])(?P<iso_year>1[89]\d\d|20\d\d)-(?P<iso_month>0[1-9]|1[0-2])-(?P<iso_day>0[1-9]|[12]\d|3[01])(?!\d)
      | (?<![A-Za-z])(?P<month>{_MONTH})(?![a-z])
        (?:\s+(?P<day>{_DAY})(?:st|nd|rd|th)?(?!\d)(?!\s*{_COUNTED})
           (?:(?:\s*[-–]\s*|\s+(?:to|and)\s+)(?P<day_end>{_DAY})(?:st|nd|rd|th)?(?![\d:])(?!\s*{_COUNTED}))?)?
        (?:,?\s+(?:of\s+)?(?P<year>{_YEAR})(?!\s*{_COUNTED})
          |\s+of\s+(?P<same_year>the\s+same\s+year|that\s+(?:same\s+)?year))?
      | (?<![\w.,$€£])(?P<dday>{_DAY})(?:st|nd|rd|th)?
        (?:(?:\s*[-–]\s*|\s+(?:to|and)\s+)(?P<dday_end>{_DAY})(?:st|nd|rd|th)?)?
        (?:\s+of)?(?:\s+|-)(?P<dmonth>{_MONTH})(?![a-z])
        (?:,?\s+(?P<dyear>{_YEAR})(?!\s*{_COUNTED}))?
      | (?<!\w)(?P<lone_year>{_YEAR})(?!\s*{_COUNTED})
    )
    """,
    re.VERBOSE,
)
# A weekday the text puts an event on: "on Tuesday", "Saturday", "on Sunday night", "Monday's
# attack". Resolved to the latest such day on or before the entry's date or the document's date.
_WEEKDAY = re.compile(
    r"\b(?:(?:on|last|early|late)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:['’]s)?(?!,?\s+(?:\d|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b))\b"
)
_BARE_MONTH_AFTER = re.compile(
    r"\b(?:in|since|until|till|by|from|during|through|between|and|to|of|before|after|on)\s+$",
    re.IGNORECASE,
)
# A lone four-digit number after these words is a label, not a year: "Resolution 2100".
_NOT_YEAR_AFTER = re.compile(
    r"\b(?:resolution|no\.|number|article|law|decree|flight|route|page|chapter|section|paragraph"
    r"|code|room|case)\s+$",
    re.IGNORECASE,
)
# Two dates joined into one range: "July 25, 2024 - July 27, 2024" (the range headers),
# "January/February 2015", "between August 17 and August 21", "between 2012 and 2013",
# "from 2022 to August 2023", "from March 23 until March 31, 2022".
# They are matched whole against the gap between two dates (``fullmatch``); the "(?<!\s)" changes
# nothing there and keeps a scan linear (each run of spaces is tried once, not from each space).
_DASH_GAP = re.compile(r"(?<!\s)\s*[-–—/]\s*")
_AND_GAP = re.compile(r"(?<!\s)\s+and\s+")
_TO_GAP = re.compile(r"(?<!\s)\s+(?:to|until|till|through)\s+")
_BETWEEN_BEFORE = re.compile(r"\b[Bb]etween\s+$")
_FROM_BEFORE = re.compile(r"\b[Ff]rom\s+$")
# Mentions that count from another date. "A few days later on January 26, 2023" states its day:
# the relative words then add nothing and are skipped.
_RELATIVE = re.compile(
    rf"""
    \b(?:
        (?P<same_day>(?:[Tt]hat|[Tt]he)\s+same\s+day|[Ll]ater\s+that\s+day|[Ee]arlier\s+that\s+day)
      | (?P<next_day>[Tt]he\s+(?:following|next)\s+day|(?<![Tt]he\s)(?<=\s)next\s+day)
      | (?P<previous_day>[Tt]he\s+previous\s+day)
      | (?P<few_days_later>[Aa]\s+few\s+days\s+later)(?!\s*,?\s*on\s+{_MONTH})
      | (?P<same_month>[Ll]ater\s+that\s+month|(?:[Tt]hat|[Tt]he)\s+same\s+month)
      | (?P<same_year>[Ll]ater\s+that\s+year|(?:[Tt]hat|[Tt]he)\s+same\s+year)
      | (?P<today>(?:[Ee]arlier\s+|[Ll]ater\s+)?today|[Tt]onight|[Tt]his\s+morning)
      | (?P<yesterday>[Yy]esterday|[Ll]ast\s+night)
    )\b
    """,
    re.VERBOSE,
)
# What a relative mention can count from: a single day for "the following day", a day or a
# month for "later that month", any date for "the same year".
_REFERENCE_PRECISIONS: dict[str, frozenset[str]] = {
    "same_day": frozenset({"day"}),
    "next_day": frozenset({"day"}),
    "previous_day": frozenset({"day"}),
    "few_days_later": frozenset({"day"}),
    "same_month": frozenset({"day", "month"}),
    "same_year": frozenset({"day", "month", "year"}),
    # "today" and "yesterday" count from the document's own date only.
    "today": frozenset(),
    "yesterday": frozenset(),
}
# How a headerless entry states when its event happened: it opens with the date ("On March 5,
# 2019, ...", "In December 2009, ...") or puts a full day "on" it in its first sentence.
_OPENING = re.compile(
    r"^\s*(?:(?:On|In|on|in|During|Early\s+on|Late\s+on)\s+(?:the\s+\w+\s+of\s+)?|The\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?$"
)
# A field block's date: "Date : October 23, 1983".
_DATE_FIELD = re.compile(r"\bDate\s*:\s*$")
_ON_BEFORE = re.compile(r"\b(?:[Oo]n|[Ff]rom|[Bb]etween)\s+$")
