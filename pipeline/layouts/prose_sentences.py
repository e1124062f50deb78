"""What one sentence of prose tells: the sentences of a paragraph, the dates of a sentence that
date its acts (not a background, a modifier, the day a source spoke, a statistic for a period),
whether it is an event at all, and where a sentence that tells two dated acts is cut in two.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from pipeline.schema import DateMention
from pipeline.text import split_sentences


# --- sentences -----------------------------------------------------------------------------------

# A sentence also ends after reference marks: "... by alleged Boko Haram members.[10][11] Between
# August 2015 and ...".
_REFERENCE_END = re.compile(r"[.!?][\"”’')\]]*(?:\[\d+\])+\s+(?=[\"“‘(]?[A-Z0-9])")


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


# --- what a sentence tells ----------------------------------------------------------------------


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
