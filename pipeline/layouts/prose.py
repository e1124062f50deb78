"""Prose: the paragraphs no list layout claimed, and the dated events told in them.

A narrative event is what prose tells happened on a stated day, week or month ("On June 4, 2020,
French troops launched an operation in Talhandak ...", "Assailants 14 Jan killed ...", "Six people
were killed Monday in Lamu", "A few days later, fighters attacked a military base"), with an
actor, a place or a casualty figure. Its text is the sentence that dates it and the sentences
after it that go on telling the same incident (its toll, its claim, what the attackers did), up
to the next dated incident, a background sentence or the end of the paragraph.

Background dates are not events: "Since 2020", "As of September 2018", "Beginning in October
2011", "which was launched on August 1, 2014", "since the Charlie Hebdo shootings in January 2015",
a statistic for a period ("carried out over 10,000 airstrikes between October and March"), the
start of a war ("the civil war ... is considered to have begun in July of 1983"). Nor is the day
a source spoke ("..., officials said on 25 August"). A sentence giving only "On March 24" takes its
year from the paragraph's sentence before it (``pipeline.fields.dates.find_date_mentions``
carries it over).

A news article opens with its incident, often without a date: "An attack in Manchester has left
22 people dead and 59 injured after ..." is an event of the article's day when nothing dated was
told before it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from pipeline.fields.dates import find_date_mentions, to_edtf
from pipeline.layouts.base import Entry, Section, YearContext, section_for
from pipeline.layouts.lines import line_infos
from pipeline.readers.base import SourceText
from pipeline.schema import DateMention, Evidence
from pipeline.settings import Settings
from pipeline.text import MONTH_NAMES, body_span, clean, split_sentences


NAME = "prose"

# --- paragraphs ----------------------------------------------------------------------------------

# A line ends a sentence when it ends with . ! ? : ; and closing quotes or brackets, reference
# marks allowed after it ("... were slain in Samorogouan.[14][15]").
_LINE_END = re.compile(r"""[.!?:;]["”’')\]]*(?:\s*\[\d+\])*\s*$""")
# A row of a table turned to text: "---|---|---", "Belligerents | |||||||||".
_TABLE_ROW = re.compile(r"\|\s*\||^[\s\-|:]*-{3}")
# A title line that is the article's opening sentences, not its headline: "Six people were killed
# Monday in Lamu, a region in eastern Kenya bordering Somalia. A local official said that ...".
_LEAD_TITLE_WORDS = 15
# A line that ends no sentence is wrapped when it and the next line's first word would take more
# than this share of its block's longest line.
_FIT_SHARE = 0.9
_WIDTH_RANK = 0.8


def _is_heading_line(line: str, following: str | None, width: int, typeset: bool) -> bool:
    """A line of a prose block that is no sentence: a headline, a byline, a label, a table row
    ("Kenya: Al-Shabaab kills nine people in Lamu county July 8", "Le Monde with AFP", "Event").

    A line that ends no sentence is one only when another line follows it at once
    (``following``; before a page break, it is a sentence the break cut: "... Money Laundering
    in"), and when the next line's first word would have fitted on it: a typeset page wraps its
    sentences where the next word no longer fits the width of the column ("... the three
    neighboring" / "countries under the purview ..."), and a PDF's lines always are wrapped."""
    if _TABLE_ROW.search(line):
        return True
    if following is None or _LINE_END.search(line) or typeset:
        return False
    word = following.split()[0] if following.split() else ""
    return len(line) + 1 + len(word) <= _FIT_SHARE * width


class _Claimed:
    """The ranges the list layouts claimed, asked whether they overlap a line in logarithmic
    time (a report holds hundreds of entries and thousands of lines)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self.starts = [s for s, _ in ordered]
        self.ends: list[int] = []  # the furthest end of the ranges up to each one
        for _, e in ordered:
            self.ends.append(max(e, self.ends[-1]) if self.ends else e)

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)
        return k > 0 and self.ends[k - 1] > start


def _pieces(source: SourceText, first: int, last: int, claimed: _Claimed) -> list[tuple[int, int]]:
    """The prose runs of the lines ``first``..``last`` of one block: its lines outside the claimed
    ranges (a block that holds a list keeps the prose before and after it), cut at the lines that
    are no sentence."""
    runs: list[tuple[int, int]] = []
    run: list[int] | None = None
    lines = source.lines
    # The lines as shown (markup left out), and the width of the block: the length most of its
    # lines reach (one line holding a long address does not widen a wrapped paragraph).
    shown = {k: clean(source.text, lines[k].start, lines[k].end).text
             for k in range(first, last + 1) if lines[k].kind == "text"}
    lengths = sorted(len(t) for t in shown.values())
    width = lengths[min(len(lengths) - 1, int(len(lengths) * _WIDTH_RANK))] if lengths else 0
    typeset = source.format == "pdf"
    for k in range(first, last + 1):
        line = lines[k]
        if line.kind != "text":  # page headers and blank lines a page break left inside
            continue
        text = source.text[line.start : line.end]
        following = shown[k + 1] if k + 1 <= last and lines[k + 1].kind == "text" else None
        heading = _is_heading_line(shown[k], following, width, typeset)
        if heading or claimed.overlaps(line.start, line.end):
            if run is not None:
                runs.append((run[0], run[1]))
            run = None
            continue
        start = line.start + (len(text) - len(text.lstrip()))
        if run is None:
            run = [start, line.end]
        else:
            run[1] = line.end
    if run is not None:
        runs.append((run[0], run[1]))
    return runs


def _lead_title(source: SourceText, claimed: _Claimed) -> tuple[int, int] | None:
    """The title line when it is the article's opening sentences (a stored copy whose headline
    was lost): long and ending a sentence."""
    for line in source.lines:
        if line.kind != "title":
            continue
        text = source.text[line.start : line.end]
        if (len(text.split()) >= _LEAD_TITLE_WORDS and _LINE_END.search(text)
                and not claimed.overlaps(line.start, line.end)):
            return line.start + (len(text) - len(text.lstrip())), line.end
        return None
    return None


def find_paragraphs(source: SourceText, sections: list[Section], settings: Settings,
                    claimed: list[tuple[int, int]]) -> list[Entry]:
    """The paragraphs outside the claimed ranges, as narrative entries in text order.

    A paragraph is a block of text lines, without the lines that are no sentence (headlines,
    bylines, labels, table rows: they cut it in two) and without the parts a list claimed. A
    paragraph the page repeats word for word in the same section (a standfirst shown twice) is
    read once.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> src = source_from_text("T\\n\\nOn May 2, 2017, gunmen attacked Gao.", Path("x.txt"), "0")
    >>> [p.text for p in find_paragraphs(src, find_sections(src), Settings(), [])]
    ['On May 2, 2017, gunmen attacked Gao.']
    """
    spans: list[tuple[int, int]] = []
    taken = _Claimed(claimed)
    lead = _lead_title(source, taken)
    if lead is not None:
        spans.append(lead)
    for block in source.blocks:
        if block.kind != "paragraph":
            continue
        spans.extend(_pieces(source, block.first, block.last, taken))
    paragraphs: list[Entry] = []
    seen: set[tuple[str, str]] = set()
    months = _month_headings(source)
    for s, e in sorted(spans):
        # The title line is the page header of a PDF's page breaks: kept when it is the lead.
        header = None if (s, e) == lead else source.page_header
        cleaned = clean(source.text, s, e, page_header=header)
        section = section_for(s, "narrative", sections, settings)
        if not cleaned.text or (section, cleaned.text) in seen:
            continue
        seen.add((section, cleaned.text))
        start, end = body_span(cleaned.text, "")
        above = [year for pos, year in months if pos < s]
        year = YearContext(above[-1], "month_heading") if above and above[-1] else None
        paragraphs.append(Entry(
            "narrative", len(paragraphs) + 1, section, s, e, cleaned, None, NAME, start, end,
            year=year,
        ))
    return paragraphs


def _month_headings(source: SourceText) -> list[tuple[int, int | None]]:
    """(offset, year) of the month headings ("January 2023") a monthly update tells its prose
    under, and (offset, None) of the year headings, which ``pipeline.layouts.years`` reads."""
    out: list[tuple[int, int | None]] = []
    for info in line_infos(source):
        if info.year is not None:
            out.append((info.start, None))
        elif info.month is not None:
            out.append((info.start, info.month[0]))
    return out


# --- sentences -----------------------------------------------------------------------------------

# A sentence also ends after reference marks: "... by alleged Boko Haram members.[10][11] Between
# August 2015 and ...".
_REFERENCE_END = re.compile(r"[.!?][\"”’')\]]*(?:\[\d+\])+\s+(?=[\"“‘(]?[A-Z0-9])")
# The stored copy's date line heads the first paragraph: "date 2019-11-20 Since 30 October ...".
_STORED_DATE = re.compile(r"^date (\d{4})-(\d\d)-(\d\d)\s+")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for s, e in split_sentences(text, start, end):
        cut = s
        for m in _REFERENCE_END.finditer(text, s, e):
            spans.append((cut, len(text[: m.end()].rstrip())))
            cut = m.end()
        spans.append((cut, e))
    return spans


# --- dates that date an event --------------------------------------------------------------------

# The weekday written before a date, which the date finder leaves out: "on Saturday, July 8".
_WEEKDAY_BEFORE = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
# Words before a date that make it a bound or a background, not the day of an event:
# "Since 2020", "As of August 2023", "Beginning in October 2011", "until July 2022",
# "which was launched on August 1, 2014" (a relative clause about something else).
# "By" is not one: "By August 15, 2022, the last French unit left" is the day it happened.
_BACKGROUND_BEFORE = re.compile(
    r"(?:\bsince|\bas of|\bbeginning in|\bstarting in|\buntil|\bthrough|\bbefore|"
    r"\bwhich (?:was|were|had been) \w+(?: \w+)? (?:on|in)"
    # a schedule: "elections due in February", "talks scheduled for May 3"
    r"|\bdue (?:in|on|by)|\bscheduled (?:for|on|in)|\bplanned (?:for|on|in)"
    r"|\bexpected (?:in|on|by))"
    rf"\s+{_WEEKDAY_BEFORE}(?:early |late |mid-?)?$",
    re.IGNORECASE,
)
# A birth date is background: "Born in March 1970 in Kano, he joined the group in 2003".
_BORN_BEFORE = re.compile(r"\bborn\s+(?:on|in)\s+$", re.IGNORECASE)
# A date in a participle phrase describes the thing it follows: "Operation Serval, launched in
# January of 2013", "a support contract signed in July 2019", "Initially established as a pact in
# September 2023, the AES ...". Not a passive verb: "The force was launched in March 2024".
_PARTICIPLE_BEFORE = re.compile(
    r"\b(?:(?:initially|first|originally|formally)\s+)?(?:launched|established|founded|created"
    r"|formed|signed|set up|adopted|introduced)\s+(?:as\s+an?\s+(?:[\w-]+\s+){1,2})?(?:on|in)\s+$",
    re.IGNORECASE,
)
_AUXILIARY_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are|be|had|has|have)\s+(?:(?:initially|first|originally"
    r"|formally|officially|reportedly)\s+)?$",
    re.IGNORECASE,
)
_RELATIVE_PRONOUN = re.compile(r",\s+(?:which|who)\b")
# A date inside a "since" phrase is the start of a period: "a recap of major attacks since the
# Charlie Hebdo shootings in January 2015".
_SINCE_PHRASE = re.compile(r"\bsince\b[^,;.()]{0,70}\b(?:in|of|on)\s+$", re.IGNORECASE)
# ... but a date the sentence opens with "Since" is the day an act began that goes on: "Since 30
# October 2019, the Congolese government has launched military operations in North Kivu".
_SINCE_OPENING = re.compile(r"^\s*since\s+$", re.IGNORECASE)
# A date followed by "when" and a clause is the day of the act the clause tells, whatever the word
# before it: "until Sunday -- when seven suicide bombers perpetrated a series of blasts",
# "from as early as December 1998, when a shopping plaza was attacked".
_WHEN_AFTER = re.compile(r"\s*(?:,|--|—|–)?\s*when\s+\w")
# The date of an event is introduced as a time adverbial: "On June 4, 2020, ...", "in April 2012",
# "By August 15, 2022", "from as early as December 1998". A date used as a modifier names
# something else ("Niger's July 2023 coup", "an August/September 2014 poll", "the November 2015
# Bamako attack"), and "by" in the middle of a sentence is a deadline ("be reinstated by August
# 6", "withdraw ... by May 2024").
_INTRODUCER = re.compile(
    r"^\s*$|\b(?:on|in|during|that|of|from)\s+(?:as\s+(?:early|late)\s+as\s+)?"
    rf"{_WEEKDAY_BEFORE}(?:(?:early|late|mid-?)\s*)?$|^by\s+$",
    re.IGNORECASE,
)
# ... unless the modified noun is itself the event: "A January 2019 report ... confirmed",
# "killed in a November 2018 French attack", "a September 12 incident", "the April 2015 massacre
# at a university in Garissa, which killed over 140 people".
_EVENT_NOUN = re.compile(
    r"\s+(?:[A-Z][\w.-]*\s+){0,2}(?:report|attack|incident|operation|raid|ambush|statement"
    r"|massacre|bombing|shooting)s?\b"
)
_DEFINITE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
# The day of a weekday, in brackets after it: "on Wednesday (May 7)".
_RESTATED = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*\(\s*$")
# A month that is the subject of the sentence: "January 2013 witnessed a horrible mass murder".
_SUBJECT_OF = re.compile(r"\s+(?:witnessed|saw)\b")
# Polls and surveys are background, not events (guidelines, "Narrative events"); so is a share
# ("percent") unless a day dates an incident of the sentence.
_POLL = re.compile(r"\b(?:polls?|polled|survey)\b", re.IGNORECASE)
_PERCENT = re.compile(r"\bpercent\b|%", re.IGNORECASE)
# A sentence is an event only if something happens in it: a verb in the past or present tense
# of an act, a statement or a decision. The prose of the report is in the past tense.
_HAPPENED = re.compile(
    r"\b\w+(?:ed|ew|ung|ook|ent|ame|ade|ought|old|ave|ote|aid|et|ost|eft|ut|ound|an|un|egan)\b"
    r"|\b(?:shot|hit|struck|fled|led|held|fell|broke|blew|threw|drove|swept|won|slain|died|dead"
    r"|tore|rose|risen)\b"
    # ... or in the present of a news brief: "On 5 May, gunmen kill three farmers in Doro."
    # (not the words that are nouns as well: "after the attack in Nice")
    r"|\b(?:kills?|storms|abducts?|kidnaps|explodes|detonates|seizes|executes)\b"
)
# A date right before the verb is the day of the act in news-agency shorthand: "Assailants 14 Jan
# killed uncle of prominent politician", "Electoral commission 9 Jan warned that ...", "with Boko
# Haram (BH) 7 Jan reportedly killing 35 ...".
_VERB_AFTER = re.compile(
    r"\s+(?:reportedly\s+|allegedly\s+)?(?:\w+(?:ed|ew|ook|ought|aid|ave)|shot|hit|struck|set"
    r"|launched|stormed|fled|held|led|took|began|said|warned)\b"
    r"|\s+(?:reportedly|allegedly)\s+\w+ing\b"
)
# The day a source spoke, after what it said: "..., killing 15 people and kidnapping 8 others,
# officials said on 25 August", "..., diplomats and analysts said on Tuesday", "... were also
# killed,” a municipal official told AFP Sunday". Not "Mali's transitional government announced
# on September 26, 2021, that ...", whose statement is the event.
_ATTRIBUTION = re.compile(
    r"[,”\"]\s*(?P<who>[^,;“\"]{0,60}?)\b(?:said|told|reported|added|confirmed|stated)"
    r"(?:\s+(?!on\b)[\w-]+)?\s+(?:on\s+)?$"
)
_ATTRIBUTION_CLAUSE_WORDS = 6
# A statistic for a period is not an event: acts counted ("over 10,000 airstrikes", "more than
# 140 suicide attacks", "numerous assaults"), or a range of more than a season ("Between August
# 2015 and October 2016, seven different posts were attacked").
_NUMBER = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds|thousands|dozens|scores"
    r"|several|numerous|multiple)"
)
_MANY = r"(?:\d\d[\d,.]*|hundreds|thousands|dozens|scores|numerous)"
_COUNTED_ACTS = re.compile(
    rf"\b{_MANY}\s+(?:[\w-]+\s+){{0,2}}?(?:attacks|air\s?strikes|strikes|bombings|incidents"
    r"|raids|operations|ambushes|assaults|clashes)\b",
    re.IGNORECASE,
)
_SEASON_DAYS = 92
# The start of a war is background: "the civil war ... is considered to have begun in July of
# 1983", "An ongoing war and civil conflict ... began in August 2015".
_WAR_BEGAN = re.compile(
    r"\b(?:war|conflict|insurgency|rebellion|uprising)\b[^.;]{0,120}?"
    r"\b(?:began|begun|started|dates back|broke out)\b",
    re.IGNORECASE,
)
# Sentences that announce a list or describe the page are never events: "Here is a recap of major
# attacks ...", "The following is a timeline of terrorist attacks ...".
_META = re.compile(
    r"^\W*(?:here\s+(?:is|are)|here['’]s|the following\s+(?:is|are)|below\s+(?:is|are)"
    r"|a\s+look\s+at)\b"
    r"|\b(?:is|are)\s+(?:a|the)\s+(?:timeline|list|recap|chronology)\b",
    re.IGNORECASE,
)
# What will happen is not an event: "The curfew ... will run from Sunday, July 9, through
# October 9."
_FUTURE = re.compile(r"\b(?:will|shall)\s+(?:\w+\s+)?\w+")
# The past tense, strictly: a sentence without it (and without a casualty figure) is a caption or
# a description ("Pencils, candles and flowers are set up next to the newspaper office in Paris on
# Jan. 21."), and does not go on telling an incident.
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|made|took|gave|went|came|fled|led|held|fell|broke|blew"
    r"|threw|drove|swept|won|struck|shot|hit|set|put|left|lost|met|sent|built|began|begun|ran"
    r"|rose|risen|tore|fought|caught|brought|sought|found|kept|slain|died|stole|got|saw|knew"
    r"|grew|beat|bore|wrote|spoke|chose|overran|withdrew)\b"
    r"|\b[a-z]{2,}(?:ed)\b"
)
_NOT_PAST = frozenset({"hundred", "need", "speed", "seed", "feed", "indeed", "bed", "red", "shed",
                       "armed", "suspected", "alleged", "based", "backed", "linked", "affiliated",
                       "aligned", "related", "named", "called", "united", "detailed"})
_PRESENT_BEFORE = re.compile(r"\b(?:is|are|am|be|being)\s+$")
_ADJECTIVE_BEFORE = re.compile(r"\b(?:the|a|an|by|of|with)\s+$", re.IGNORECASE)
# A casualty figure: a number and a word of death or harm in the same sentence.
_HARM = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|died|deaths?|death toll|injur(?:ed|ing|ies)|wound(?:ed|ing)"
    r"|slain|massacred|lost their lives|beheaded)\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(rf"\b{_NUMBER}\b", re.IGNORECASE)
# What an incident is called: a caption names none.
_INCIDENT = re.compile(
    r"\b(?:attack|bomb|bombing|blast|explosion|shooting|ambush|raid|assault|massacre|killing"
    r"|kidnapping|abduction|siege|clash|strike|airstrike)s?\b",
    re.IGNORECASE,
)
# Mentions that date an event without being a day of the calendar: a weekday, "today", "the
# next day", "later that month", "four months later". They are time adverbials by themselves.
_DAY_WORDS = ("rule:weekday", "rule:today", "rule:yesterday", "rule:next_day", "rule:same_day",
              "rule:previous_day", "rule:few_days_later", "rule:same_month", "rule:later",
              "rule:ago")
# A weekday used as a modifier names a day's incident, it does not date the sentence's act:
# "The Easter Sunday bombings in Sri Lanka shattered ...", "the Sunday attack".
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
# A weekday in the possessive refers to an incident by its day: "Tuesday's attack", "Friday
# night's attack". It dates an event when nothing was told before it in its section (the
# article's opening: "The death toll from Saturday's bomb attack in Baghdad has risen to 250"),
# or when what was told last happened on another day; else it is the incident already told
# ("Officials had previously said 85 people died in Tuesday's attack").
_POSSESSIVE = re.compile(r"['’]s\b|\s+(?:night|morning|evening|afternoon)['’]s\b")
# Where a second event of the same sentence starts: "... killing policeman, and 20 Jan stormed
# ruling All Progressives Congress meeting ..."; "..., while another seven died on Sunday ...";
# "... in the capital Nairobi and 148 people were killed in an attack ... in April 2015".
_CLAUSE_BREAK = re.compile(r",\s+(?:and|while)\s+|;\s+|\s+and\s+(?=\d|[A-Z][a-z])")
# A clause that tells an act of its own before its date (not a relative clause about something
# else: ", and Operation Barkhane, which replaced Operation Serval in August 2014").
_RELATIVE_CLAUSE = re.compile(r"\b(?:which|who|whose|that)\b")
# A sentence that reports the claim of the incident just told goes on telling it: "The Islamic
# State on Tuesday claimed responsibility for the attacks.", "The jihadist group claimed the
# attack was in response to ...".
_CLAIM_OF_IT = re.compile(
    r"\b(?:claim(?:ed|s)?|took\s+credit\s+for)\s+(?:responsibility\s+for\s+|credit\s+for\s+)?"
    r"(?:the|this|that|these|those|both)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|bombings?|blasts?"
    r"|explosions?|assaults?|raids?|ambush(?:es)?|killings?|massacres?|operation)\b",
    re.IGNORECASE,
)
# A sentence that opens with what was just told: "The attackers ...", "The three trucks ...",
# "They ..." (not a name: "The United States, which currently deploys ...").
_BACK_REFERENCE = re.compile(r"^\W*(?:(?:The|These|Those|This)\s+[a-z]|(?:They|He|She)\s)")
# ... or that names the incident or its participants again: "... are believed to be behind the
# attack", "Ethiopia has yet to comment on this ambush", "the militants went through homes".
_INCIDENT_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?(?:attacks?|bombings?|blasts?|explosions?"
    r"|assaults?|raids?|ambush(?:es)?|massacres?|killings?|attackers|assailants|gunmen|militants"
    r"|victims|bombers?|hostages)\b",
    re.IGNORECASE,
)
# ... or that quotes a witness or an official: "A nurse said: "They came at dawn."".
_QUOTE_FOLLOWS = re.compile(
    r"\b(?:said|says|told\s+[\w\s]{1,30}?|added|recalled|explained|wrote)\s*[:,]?\s*[“\"]")
# Words that open another incident on a day already told: "Also on 28 August, ...".
_ANOTHER = re.compile(
    r"^\W*(?:separately|meanwhile|elsewhere|in another|in a separate)\b"
    r"|\b(?:also|another|second)\b",
    re.IGNORECASE)

# How long a mention is at most, in characters ("Just over a month later", "between 5 and 8 July
# 2019 and 12 August 2019"), for looking up the mentions that overlap another.
_LONGEST_EXTRA = 40
_LONGEST_MENTION = 80
# Mentions that count from the document's own date.
_DOCUMENT_DAY = ("rule:weekday", "rule:today", "rule:yesterday")

# --- dates the date finder does not read --------------------------------------------------------

# Holidays with a fixed day, and Easter: "on New Year's Eve", "on Christmas Eve 2000", "during
# Bastille Day celebrations".
_HOLIDAY_DAYS = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
    "christmas day": (12, 25), "boxing day": (12, 26), "bastille day": (7, 14),
    "valentine's day": (2, 14), "halloween": (10, 31),
}
_HOLIDAY = re.compile(
    r"\b(?P<name>New Year['’]s (?:Eve|Day)|Christmas (?:Eve|Day)|Boxing Day|Bastille Day"
    r"|Valentine['’]s Day|Halloween|Easter(?: Sunday)?)(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
)
# A time after the date told before: "four months later", "Just over a month later", "A few days
# later", "two weeks later".
_LATER = re.compile(
    r"\b(?:(?:[Jj]ust\s+)?(?:over|under|about|nearly|almost|some)\s+)?"
    r"(?P<n>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Ss]everal|[Aa]\s+few|\d{1,2})\s+(?P<unit>days?|weeks?|months?)\s+later\b"
)
# A time before the document's day: "Two days ago, gunmen stormed ...".
_AGO = re.compile(
    r"\b(?P<n>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en"
    r"|[Ss]everal|[Aa]\s+few|\d{1,2})\s+(?P<unit>days?|weeks?|months?)\s+ago\b"
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# A month of the year told before: "That January, men dressed as hunters ...".
_THAT_MONTH = re.compile(
    r"\b(?:[Tt]hat|[Tt]he\s+same|[Ll]ater\s+that|[Ee]arlier\s+that)\s+(?P<month>"
    + "|".join(MONTH_NAMES) + r")\b(?!\s+\d)"
)
# The day of the article: "ahead of leaving for Srinagar this evening", "Later in the day, the
# government issued a curfew".
_SAME_DAY = re.compile(
    r"\b[Tt]his\s+(?:evening|afternoon)\b"
    r"|\b(?:[Ll]ater|[Ee]arlier)\s+in\s+the\s+day\b"
)


def _easter(year: int) -> dt.date:
    """Easter Sunday of a year (the Gregorian computus).

    >>> _easter(2019)
    datetime.date(2019, 4, 21)
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = ((h + l - 7 * m + 114) % 31) + 1
    return dt.date(year, month, day)


def _mention(text: str, start: int, end: int, rule: str, first: dt.date | None,
             last: dt.date | None, precision: str | None, anchored: bool) -> DateMention:
    if first is None:
        last = precision = None
    return DateMention(
        start=first, end=last, precision=precision, edtf=to_edtf(first, last, precision),
        anchored=anchored,
        evidence=Evidence(text=text[start:end], start=start, end=end, method=f"rule:{rule}"),
    )


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def _before(resolved: list[DateMention], starts: list[int], pos: int) -> DateMention | None:
    """The nearest of the ``resolved`` mentions (in reading order, ``starts`` their offsets)
    before ``pos``."""
    k = bisect_left(starts, pos)
    return resolved[k - 1] if k else None


def _extra_mentions(text: str, found: list[DateMention], anchor: dt.date | None,
                    dated: bool = True) -> list[DateMention]:
    """The dates of ``text`` the date finder does not read: holidays, "four months later",
    "That January", "this evening". Each takes its year from the date told before it, else from
    ``anchor``."""
    out: list[DateMention] = []
    resolved = [m for m in found if m.start is not None]
    starts = [m.evidence.start for m in resolved]

    def before(pos: int) -> DateMention | None:
        return _before(resolved, starts, pos)

    def year_at(pos: int) -> int | None:
        prev = before(pos)
        return prev.start.year if prev is not None else (anchor.year if anchor else None)

    for m in _HOLIDAY.finditer(text):
        name = m.group("name").lower().replace("’", "'")
        year = int(m.group("year")) if m.group("year") else year_at(m.start())
        day = None
        if year is not None:
            if name.startswith("easter"):
                day = _easter(year)
            else:
                month, d = _HOLIDAY_DAYS[name]
                day = dt.date(year, month, d)
        out.append(_mention(text, m.start(), m.end(), "holiday", day, day, "day",
                            m.group("year") is None))
    for m in _LATER.finditer(text):
        prev = before(m.start())
        n_word = m.group("n").lower()
        n = int(n_word) if n_word.isdigit() else _NUMBER_WORDS.get(n_word)
        unit = m.group("unit").rstrip("s")
        first = last = None
        precision = None
        if prev is not None:
            if unit == "month" or prev.precision != "day" or n is None:
                months = (n or 0) if unit == "month" else 0
                y, mo = _add_months(prev.start, months)
                first, last, precision = dt.date(y, mo, 1), _month_end(y, mo), "month"
            else:
                first = last = prev.start + dt.timedelta(days=n * (7 if unit == "week" else 1))
                precision = "day"
        out.append(_mention(text, m.start(), m.end(), "later", first, last, precision, True))
    for m in _AGO.finditer(text):
        n_word = m.group("n").lower()
        n = int(n_word) if n_word.isdigit() else _NUMBER_WORDS.get(n_word)
        unit = m.group("unit").rstrip("s")
        first = last = None
        precision = None
        if dated and anchor is not None and n is not None and unit != "week":
            if unit == "day":
                first = last = anchor - dt.timedelta(days=n)
                precision = "day"
            else:
                y, mo = _add_months(anchor, -n)
                first, last, precision = dt.date(y, mo, 1), _month_end(y, mo), "month"
        out.append(_mention(text, m.start(), m.end(), "ago", first, last, precision, True))
    for m in _THAT_MONTH.finditer(text):
        year = year_at(m.start())
        month = MONTH_NAMES.index(m.group("month")) + 1
        first = dt.date(year, month, 1) if year else None
        last = _month_end(year, month) if year else None
        out.append(_mention(text, m.start(), m.end(), "same_month", first, last, "month", True))
    for m in _SAME_DAY.finditer(text):
        prev = before(m.start())
        day = prev.start if prev is not None and prev.precision == "day" else (
            anchor if dated else None)
        out.append(_mention(text, m.start(), m.end(), "same_day", day, day, "day", True))
    return out


def _date_mentions(text: str, anchor: dt.date | None, dated: bool = True) -> list[DateMention]:
    """Every date of a paragraph, the date finder's and the prose's own, in reading order. A
    holiday replaces the weekday it holds ("Easter Sunday"). ``dated``: the anchor is the
    document's own date; else it only chooses years, and a weekday or "today" stays unresolved
    (the Wednesday before the middle of a year is no date the text gives)."""
    found = find_date_mentions(text, anchor, carry_first=True)
    if not dated:
        found = [m if m.evidence.method not in _DOCUMENT_DAY or m.start is None else
                 m.model_copy(update={"start": None, "end": None, "precision": None, "edtf": None})
                 for m in found]
    extra = sorted(_extra_mentions(text, found, anchor, dated), key=lambda x: x.evidence.start)
    extra_starts = [x.evidence.start for x in extra]
    kept = []
    for m in found:
        # The prose's own mentions that overlap m: they start before m ends, and none is longer
        # than a few words.
        k = bisect_left(extra_starts, m.evidence.start - _LONGEST_EXTRA)
        over = [x for x in extra[k : bisect_left(extra_starts, m.evidence.end)]
                if m.evidence.start < x.evidence.end]
        # A holiday holds its weekday or its year ("Easter Sunday", "Christmas Eve 2000"); a
        # relative date the finder could not resolve is resolved here.
        if not over or (m.start is not None and m.precision != "year"
                        and m.evidence.method != "rule:weekday"
                        and not any(x.evidence.method == "rule:holiday" for x in over)):
            kept.append(m)
    kept_starts = [m.evidence.start for m in kept]
    for x in extra:
        k = bisect_left(kept_starts, x.evidence.start - _LONGEST_MENTION)
        if not any(x.evidence.start < m.evidence.end and m.evidence.start < x.evidence.end
                   for m in kept[k : bisect_left(kept_starts, x.evidence.end)]):
            kept.append(x)
    return sorted(kept, key=lambda m: m.evidence.start)


def _grain(m: DateMention) -> str | None:
    """"day" or "month" for a mention that dates to a day or a month, resolved or not ("14 Jan"
    without a year is a day); None for a year."""
    if m.precision is not None:
        return m.precision if m.precision in ("day", "month") else None
    if m.evidence.method in _DAY_WORDS or m.evidence.method in ("rule:holiday",):
        return "day"
    rule = m.evidence.method.removeprefix("rule:")
    if "year" in rule and "month" not in rule and "day" not in rule:
        return None
    if re.search(r"\d", re.sub(r"(?:19|20)\d\d", "", m.evidence.text)):
        return "day"
    return "month" if re.search(r"[A-Za-z]{3}", m.evidence.text) else None


def _possessive(text: str, m: DateMention) -> bool:
    """Whether a weekday is in the possessive: "Tuesday's attack", "Friday night's attack"."""
    return m.evidence.method == "rule:weekday" and bool(
        re.search(r"['’]s$", m.evidence.text) or _POSSESSIVE.match(text, m.evidence.end))


def _attribution(text: str, s: int, m: DateMention) -> bool:
    """Whether a date is the day a source spoke, after what it said: a quote, or a clause with a
    verb of its own."""
    before = text[max(s, m.evidence.start - 120) : m.evidence.start]
    found = _ATTRIBUTION.search(before)
    if found is None:
        return False
    if before[found.start()] in "”\"":
        return True
    said = text[s : m.evidence.start - len(before) + found.start()]
    return len(said.split()) >= _ATTRIBUTION_CLAUSE_WORDS and bool(
        _PAST.search(said) or re.search(r"\b(?:is|are|has|have|shows?)\b", said))


def _participle(before: str) -> bool:
    """Whether a date ends a participle phrase that describes a thing named before it."""
    m = _PARTICIPLE_BEFORE.search(before)
    return m is not None and not _AUXILIARY_BEFORE.search(before[: m.start()])


def _aside(text: str, s: int, m: DateMention) -> bool:
    """Whether a date is in a relative clause about something else, after a main clause with an
    act of its own: "France has provided ongoing military support ... and Operation Barkhane,
    which replaced Operation Serval in August 2014". Not when the relative clause tells the only
    act: "The villages are located near Pandanguo, which was assaulted ... on Wednesday, July 5"."""
    lo = max(s, m.evidence.start - 150)
    before = text[lo : m.evidence.start]
    found = None
    for found in _RELATIVE_PRONOUN.finditer(before):
        pass
    if found is None or re.search(r"[.;]", before[found.end():]):
        return False
    return _is_past(text, s, lo + found.start())


def _dates_event(text: str, s: int, m: DateMention) -> bool:
    """Whether a date mention dates the act of its sentence (not a background, not a modifier,
    not the day a source spoke)."""
    before = text[max(s, m.evidence.start - 40) : m.evidence.start]
    when = _WHEN_AFTER.match(text, m.evidence.end) is not None
    near = text[max(s, m.evidence.start - 60) : m.evidence.start]
    if (_attribution(text, s, m) or _participle(near) or _aside(text, s, m)
            or _BORN_BEFORE.search(before)):
        return False
    if _BACKGROUND_BEFORE.search(before) or _SINCE_PHRASE.search(text[max(s, m.evidence.start - 80)
                                                                       : m.evidence.start]):
        opening = _SINCE_OPENING.match(text[s : m.evidence.start]) and _grain(m) == "day"
        return bool(when or opening)
    if m.evidence.method in _DAY_WORDS:
        if (m.evidence.method == "rule:weekday" and _DETERMINER_BEFORE.search(before)
                and not _possessive(text, m)):
            return False
        return True
    if _INTRODUCER.search(text[s : m.evidence.start]) or when or _RESTATED.search(before):
        return True
    if m.evidence.text.lower().startswith(("between", "from")):
        return True
    if _EVENT_NOUN.match(text, m.evidence.end):
        # "the November 2015 Bamako attack" only names an incident told elsewhere, unless the
        # sentence tells its toll ("the April 2015 massacre at a university in Garissa, which
        # killed over 140 people").
        if not _DEFINITE_BEFORE.search(before):
            return True
        end = text.find(".", m.evidence.end)
        return _has_figure(text, s, len(text) if end < 0 else end)
    if _SUBJECT_OF.match(text, m.evidence.end):
        return True
    return _grain(m) == "day" and bool(_VERB_AFTER.match(text, m.evidence.end))


def _is_past(text: str, s: int, e: int) -> bool:
    """Whether a verb of the sentence is in the past tense (a participle used as an adjective is
    not: "Iran-backed", "an armed group", "are set up")."""
    for m in _PAST.finditer(text, s, e):
        word = m.group().lower()
        before = text[max(s, m.start() - 8) : m.start()]
        if (word in _NOT_PAST or _PRESENT_BEFORE.search(before) or before.endswith("-")
                or _ADJECTIVE_BEFORE.search(before)):
            continue
        return True
    return False


def _has_figure(text: str, s: int, e: int) -> bool:
    return bool(_HARM.search(text, s, e) and _FIGURE.search(text, s, e))


def _statistic(text: str, s: int, e: int, m: DateMention) -> bool:
    """Whether the sentence dated by ``m`` gives a statistic for a period."""
    if m.start is not None and m.end is not None and (m.end - m.start).days > _SEASON_DAYS:
        return True
    return _grain(m) != "day" and bool(_COUNTED_ACTS.search(text, s, e))


# --- events --------------------------------------------------------------------------------------


@dataclass
class _Sentence:
    start: int
    end: int
    dating: list[DateMention]  # the mentions that date an act of the sentence
    background: bool  # a date of the sentence is a background, or it is no event at all
    references: bool  # dated only by a weekday in the possessive ("Tuesday's attack")


def _within(mentions: list[DateMention], starts: list[int], s: int, e: int) -> list[DateMention]:
    """The mentions (in reading order, ``starts`` their offsets) that start in ``[s, e)``."""
    return mentions[bisect_left(starts, s) : bisect_left(starts, e)]


def _classify(text: str, s: int, e: int, inside: list[DateMention], alone: bool) -> _Sentence:
    """What one sentence of a paragraph is: dated (the mentions, ``inside`` it, that date its
    acts), background, or neither (it may go on telling the incident before it)."""
    candidates = [m for m in inside if _grain(m) is not None]
    if _META.search(text, s, e) or _POLL.search(text, s, e):
        return _Sentence(s, e, [], True, False)
    dating = [m for m in candidates if _dates_event(text, s, m)]
    # A date of the sentence that dates nothing (a background, a year) ends the incident before.
    others = [m for m in inside if m not in dating and not _attribution(text, s, m)]
    if not dating:
        return _Sentence(s, e, [], bool(others), False)
    day_dated = any(_grain(m) == "day" for m in dating)
    no_act = not _HAPPENED.search(text, s, e) or (
        _FUTURE.search(text, s, e) is not None and not _is_past(text, s, e))
    if (no_act or (_PERCENT.search(text, s, e) and not day_dated)
            or _statistic(text, s, e, dating[0])
            or (_grain(dating[0]) == "month" and _WAR_BEGAN.search(text, s, e))):
        return _Sentence(s, e, [], True, False)
    # A caption: one sentence, no act in the past, no incident, no figure.
    if alone and not (_is_past(text, s, e) or _INCIDENT.search(text, s, e)
                      or _has_figure(text, s, e)):
        return _Sentence(s, e, [], True, False)
    references = all(_possessive(text, m) for m in dating)
    return _Sentence(s, e, dating, False, references)


def _cuts(text: str, sentence: _Sentence) -> list[tuple[int, int, DateMention]]:
    """The events of one dated sentence: one, or one per dated act when the sentence tells two,
    cut where the second one's clause begins."""
    s, e = sentence.start, sentence.end
    dating = sentence.dating
    # A second date opens a second event only when its clause tells an act of its own: a day
    # ("..., and 20 Jan stormed ..."), or a month after a conjunction and a subject and verb of
    # its own ("... and 148 people were killed in an attack ... in April 2015"), not inside a
    # relative clause ("launched in January of 2013, and Operation Barkhane, which replaced
    # Operation Serval in August 2014").
    events: list[tuple[int, int, DateMention]] = []
    current = dating[0]
    cut = s
    for nxt in dating[1:]:
        breaks = list(_CLAUSE_BREAK.finditer(text, current.evidence.end, nxt.evidence.start))
        if not breaks:
            # Two dates of one clause: the calendar day says it best ("A few days later on
            # January 26, 2023, JNIM met ...").
            if _rank(nxt) < _rank(current):
                current = nxt
            continue
        # A comma or a semicolon marks the clause better than a bare "and" ("..., while another
        # Taliban suicide bombing ... left at least six people dead and 120 wounded on November
        # 10"): the last of them, else the last "and".
        breaks = [b for b in breaks if b.group().strip()[:1] in ",;"] or breaks
        if not breaks:
            continue
        clause = text[breaks[-1].end() : nxt.evidence.start]
        if _grain(nxt) != "day" and nxt.evidence.method not in _DAY_WORDS and (
                _RELATIVE_CLAUSE.search(clause) or not _HAPPENED.search(clause)):
            continue
        events.append((cut, breaks[-1].start(), current))
        # The second event opens with its conjunction ("and 20 Jan stormed ...", "while another
        # seven died on Sunday ..."), not with a semicolon.
        word = re.search(r"\b(?:and|while)\b", breaks[-1].group())
        cut = breaks[-1].start() + word.start() if word else breaks[-1].end()
        current = nxt
    events.append((cut, e, current))
    return events


def _rank(m: DateMention) -> int:
    """How well a mention dates an act: a calendar day, a relative day or a weekday, a month."""
    if _grain(m) == "day":
        return 0 if m.evidence.method not in _DAY_WORDS else 1
    return 2


def _day_keys(text: str, s: int, e: int, mention: DateMention) -> set:
    """What names an event's day: its date, and the weekday written with it ("on Saturday
    September 22")."""
    keys: set = set()
    if mention.start is not None and mention.precision == "day" and mention.start == mention.end:
        keys.add(mention.start)
    if mention.evidence.method == "rule:weekday":
        keys.add(re.sub(r"^(?:on|last|early|late)\s+|['’]s$", "", mention.evidence.text,
                        flags=re.IGNORECASE).lower())
    near = text[max(s, mention.evidence.start - 12) : mention.evidence.start]
    for day in re.findall(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", near):
        keys.add(day.lower())
    return keys


def _same_day(text: str, sentence: _Sentence, keys: set) -> bool:
    """Whether a dated sentence tells more of the incident before it, on the same day: "At least
    eleven civilians were killed ... on Saturday September 22 ... “Three trucks were intercepted
    Saturday around 11 am ..."."""
    # A sentence that opens with its date ("On Saturday, ...") or says it tells another incident
    # ("A bomb also exploded ...") starts a new one.
    opening = text[sentence.start : sentence.dating[0].evidence.start].strip().lower()
    if (not keys or opening in ("", "on", "by")
            or _ANOTHER.search(text, sentence.start, sentence.end)):
        return False
    for m in sentence.dating:
        if m.evidence.method == "rule:same_day" or _grain(m) != "day":
            return False
        own = _day_keys(text, sentence.start, sentence.end, m)
        if not own & keys:
            return False
    return True


def _goes_on(text: str, s: int, e: int, quoted: bool) -> bool:
    """Whether an undated sentence goes on telling the incident before it: its toll ("More than
    50 were killed and another 13 were injured."), its claim, what its participants did or were
    ("The attackers burned down around 30 houses.", "The victims were peasants gunned down ..."),
    what a source said of it ("Villagers said that the militants went through homes ..."), a
    quote, the outlets ("(The Hill, Reuters)"). Anything else ends it: "Mali has continued to
    experience regular attacks ...", "According to the CSIS, JNIM absorbed the MLF ..."."""
    if _has_figure(text, s, e) or _CLAIM_OF_IT.search(text, s, e):
        return True
    sentence = text[s:e]
    if sentence.startswith(("“", '"')) or (sentence.startswith("(") and sentence.endswith(")")):
        return True
    # A sentence inside a quotation that began before it (``quoted``): "... Mr Shah said,
    # "Anguished by the terror attack ... My thoughts are with the family members of the
    # deceased. ..."".
    if quoted or _QUOTE_FOLLOWS.search(sentence):
        return True
    told = _is_past(text, s, e) or re.search(r"\b(?:is|are|was|were)\b", sentence) is not None
    return told and bool(_BACK_REFERENCE.match(sentence) or _INCIDENT_REFERENCE.search(sentence))


def _stored_date(paragraph: Entry) -> dt.date | None:
    m = _STORED_DATE.match(paragraph.text)
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class _QuoteState:
    """Whether a quotation is open at a point of a text read from left to right. A straight
    quote opens after a space or a bracket and closes before one; curly quotes say which they
    are. A page mixing them ("including at least 89 women and 213 children”) is read as well."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.pos = start
        self.open = False

    def open_at(self, pos: int) -> bool:
        for k in range(self.pos, pos):
            char = self.text[k]
            if char == "“":
                self.open = True
            elif char == "”":
                self.open = False
            elif char == '"':
                before = self.text[k - 1] if k else " "
                self.open = before.isspace() or before in "([:—–-"
        self.pos = max(self.pos, pos)
        return self.open


@dataclass
class _Open:
    """The event being told: where it starts and ends, its date, and its day's names."""

    start: int
    end: int
    mention: DateMention | None
    keys: set


def _paragraph_events(paragraph: Entry, reference: dt.date | None, told: set | None
                      ) -> list[tuple[int, int, DateMention | None, set]]:
    """The events of one prose paragraph, in order: (start, end, the date mention that dates it,
    the names of its day), offsets in the paragraph's cleaned text. ``told``: the names of the
    day of the last event told before in the section (None when none was)."""
    text = paragraph.text
    start, end = body_span(text)
    stored = _STORED_DATE.match(text, start)
    if stored:
        start = stored.end()
    mentions = _date_mentions(text, _anchor(paragraph, reference), _dated(paragraph, reference))
    starts = [m.evidence.start for m in mentions]
    spans = _sentences(text, start, end)
    sentences = [_classify(text, s, e, _within(mentions, starts, s, e), len(spans) == 1)
                 for s, e in spans]
    events: list[tuple[int, int, DateMention | None, set]] = []
    current: _Open | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            events.append((current.start, current.end, current.mention, current.keys))
        current = None

    def same_incident(sentence: _Sentence) -> bool:
        """A weekday in the possessive names the incident told last ("Officials had previously
        said 85 people died in Tuesday's attack"), unless that one was told on another day."""
        keys = current.keys if current is not None else (events[-1][3] if events else told)
        if keys is None:
            return False
        own = set().union(*(_day_keys(text, sentence.start, sentence.end, m)
                            for m in sentence.dating))
        return not keys or bool(own & keys)

    quote = _QuoteState(text, start)
    for sentence in sentences:
        s, e = sentence.start, sentence.end
        quoted = quote.open_at(s)
        if sentence.dating:
            named = sentence.references and same_incident(sentence)
            continues = current is not None and (
                _CLAIM_OF_IT.search(text, s, e) is not None
                or named
                or _same_day(text, sentence, current.keys))
            if continues:
                current.end = e
                continue
            if named:
                # The incident told in a paragraph before, named by its day: not a new one.
                continue
            close()
            cuts = _cuts(text, sentence)
            for a, b, mention in cuts[:-1]:
                events.append((a, b, mention, _day_keys(text, a, b, mention)))
            a, b, mention = cuts[-1]
            current = _Open(a, b, mention, _day_keys(text, a, b, mention))
        elif sentence.background:
            close()
        elif current is not None:
            if _goes_on(text, s, e, quoted):
                current.end = e
            else:
                close()
    close()
    return events


def _lede(paragraph: Entry, reference: dt.date | None) -> tuple[int, int] | None:
    """The opening sentence of a news article when it tells its incident without a date: a
    casualty figure and an act in the past or present perfect, no statistic, no background date
    ("An attack in Manchester has left 22 people dead and 59 injured after a lone male suicide
    bomber targeted children ...")."""
    text = paragraph.text
    start, end = body_span(text)
    stored = _STORED_DATE.match(text, start)
    if stored:
        start = stored.end()
    mentions = _date_mentions(text, _anchor(paragraph, reference), _dated(paragraph, reference))
    starts = [m.evidence.start for m in mentions]
    for s, e in _sentences(text, start, end)[:1]:
        inside = _within(mentions, starts, s, e)
        if any(_grain(m) is not None and not _attribution(text, s, m) for m in inside):
            return None
        if (_has_figure(text, s, e) and (_INCIDENT.search(text, s, e) or _is_past(text, s, e))
                and not _COUNTED_ACTS.search(text, s, e) and not _META.search(text, s, e)
                and not _PERCENT.search(text, s, e) and not _PERIOD.search(text, s, e)):
            return s, e
    return None


def find_events(paragraphs: list[Entry], reference: dt.date | None = None) -> list[Entry]:
    """The dated events told in the prose paragraphs, each a narrative entry that carries the
    date mention dating it and its paragraph's source range (whose outlets it shares).

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> src = source_from_text("T\\n\\nH\\n\\nOn June 4, 2020, French troops launched an operation "
    ...     "in Talhandak. Since 2012, Mali has struggled. (Sources: [The Hill](#))\\n",
    ...     Path("x.txt"), "0")
    >>> paragraphs = find_paragraphs(src, find_sections(src), Settings(), [])
    >>> [(e.text, e.date_mention.edtf) for e in find_events(paragraphs)]
    [('On June 4, 2020, French troops launched an operation in Talhandak.', '2020-06-04')]
    """
    if reference is None:
        reference = next((d for d in map(_stored_date, paragraphs[:1]) if d), None)
    events: list[Entry] = []
    told: dict[str, set] = {}  # section -> the names of the day of its last event
    texts: set[str] = set()
    for k, para in enumerate(paragraphs):
        if _CREDIT.search(para.text):
            continue  # a photo caption
        found = _paragraph_events(para, reference, told.get(para.section))
        if not found and not events and k < _LEDE_PARAGRAPHS:
            lede = _lede(para, reference)
            if lede is not None:
                found = [(lede[0], lede[1], None, set())]
        for s, e, mention, keys in found:
            if mention is not None and mention.evidence.end > e:
                continue
            cleaned = para.clean.slice(s, e)
            if cleaned.text in texts:
                continue
            texts.add(cleaned.text)
            told[para.section] = keys
            start, end = para.clean.raw_span(s, e)
            local = None
            if mention is not None:
                # The mention's offsets, local to the sentence like every offset of the entry.
                local = mention.model_copy(update={"evidence": mention.evidence.model_copy(
                    update={"start": mention.evidence.start - s, "end": mention.evidence.end - s})})
            events.append(replace(
                para, n=len(events) + 1, start=start, end=end, clean=cleaned, body_start=0,
                body_end=None, date_mention=local, paragraph_span=(para.start, para.end),
            ))
    return events


# A photo caption ends with its credit: "France is in national mourning after the attack in Nice
# on July 14, 2016. Photo: AFP", "(Photo: Reuters)", "Image copyright EPA".
_CREDIT = re.compile(
    r"(?:(?:^|(?<=[.!?]\s)|(?<=\())(?:Photo|Image|Picture)s?\s*(?:by|:|[Cc]redit:?|[Cc]opyright)"
    r"|©)[^.]{0,60}\)?\s*$"
)
# The opening of an article: its incident is told in its first paragraphs.
# A period is no incident: "Over the last 20 years, terror organizations ... have continued to
# kill ...", "In the past year, the hardline Islamist group has killed at least 200 civilians"
# (but "the deadliest attack so far this year" is the incident's own).
_LEDE_PARAGRAPHS = 3
_PERIOD = re.compile(
    r"\b(?:over|in|during|for)\s+the\s+(?:last|past)\s+(?:\w+\s+)?(?:years?|months?|decades?)\b"
    r"|\bin recent (?:years|months|weeks)\b|\bover the (?:years|decades)\b",
    re.IGNORECASE,
)


def _dated(paragraph: Entry, reference: dt.date | None) -> bool:
    """Whether a paragraph's anchor is the document's own date."""
    return reference is not None and (paragraph.year is None or paragraph.year.rule == "dateline")


def _anchor(paragraph: Entry, reference: dt.date | None) -> dt.date | None:
    """What a paragraph's dates without a year count from: the document's date, or the middle of
    the year a heading above it gives (None for neither: the year of the date stated before)."""
    if reference is not None and (paragraph.year is None or paragraph.year.rule == "dateline"):
        return reference
    if paragraph.year is not None:
        return dt.date(paragraph.year.year, 7, 2)
    return None
