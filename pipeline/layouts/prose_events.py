"""The events of prose paragraphs: a dated sentence opens one, and the sentences after it that
go on telling the same incident (its toll, its claim, a quote, what its participants did) are
its text, up to the next dated incident, a background sentence or the end of the paragraph; a
news article's undated opening sentence (its lede) is an event of the article's day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from pipeline.layouts.base import Entry
from pipeline.layouts.prose_dates import _date_mentions, in_month
from pipeline.layouts.prose_sentences import (
    _COUNTED_ACTS, _INCIDENT, _META, _PERCENT, _Sentence, _attribution, _classify, _cuts, _grain,
    _has_figure, _is_past, _sentences, _within,
)
from pipeline.schema import DateMention
from pipeline.text import body_span


# The stored copy's date line heads the first paragraph: "date 2019-11-20 Since 30 October ...".
_STORED_DATE = re.compile(r"^date (\d{4})-(\d\d)-(\d\d)\s+")

# --- the sentences that go on telling an incident -----------------------------------------------

# The nouns of an incident the patterns below read: "the attack", "these raids".
_INCIDENT_NOUNS = r"attacks?|bombings?|blasts?|explosions?|assaults?|raids?|ambush(?:es)?"
# A sentence that reports the claim of the incident just told goes on telling it: "The Islamic
# State on Tuesday claimed responsibility for the attacks.", "The jihadist group claimed the
# attack was in response to ...".
_CLAIM_OF_IT = re.compile(
    r"\b(?:claim(?:ed|s)?|took\s+credit\s+for)\s+(?:responsibility\s+for\s+|credit\s+for\s+)?"
    rf"(?:the|this|that|these|those|both)\s+(?:[\w-]+\s+){{0,2}}?(?:{_INCIDENT_NOUNS}"
    r"|killings?|massacres?|operation)\b",
    re.IGNORECASE,
)
# A sentence that opens with what was just told: "The attackers ...", "The three trucks ...",
# "They ..." (not a name: "The United States, which currently deploys ...").
_BACK_REFERENCE = re.compile(r"^\W*(?:(?:The|These|Those|This)\s+[a-z]|(?:They|He|She)\s)")
# ... or that names the incident or its participants again: "... are believed to be behind the
# attack", "Ethiopia has yet to comment on this ambush", "the militants went through homes".
_INCIDENT_REFERENCE = re.compile(
    rf"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?(?:{_INCIDENT_NOUNS}"
    r"|massacres?|killings?|attackers|assailants|gunmen|militants"
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

# --- events --------------------------------------------------------------------------------------


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


def find_events(paragraphs: list[Entry], reference: dt.date | None = None,
                month: tuple[int, int] | None = None) -> list[Entry]:
    """The dated events told in the prose paragraphs, each a narrative entry that carries the
    date mention dating it and its paragraph's source range (whose outlets it shares).
    ``month``: the publication month when the document names no day of its own (see
    ``_date_mentions``).

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.base import find_sections
    >>> from pipeline.layouts.prose import find_paragraphs
    >>> from pipeline.settings import Settings
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
                mention = in_month(mention, _month(para, reference, month))
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
    """Whether a paragraph's anchor is the document's own date: no other year is given above it,
    or the year given is the dateline's own (a title line "This Article is From Jul 23, 2015")."""
    return reference is not None and (paragraph.year is None or paragraph.year.rule == "dateline"
                                      or paragraph.year.year == reference.year)


def _month(paragraph: Entry, reference: dt.date | None,
           month: tuple[int, int] | None) -> tuple[int, int] | None:
    """The publication month a paragraph's weekdays and "today" mean, when the document has no
    day of its own and no other year is given above the paragraph."""
    if reference is not None or month is None:
        return None
    if paragraph.year is not None and paragraph.year.year != month[0]:
        return None
    return month


def _anchor(paragraph: Entry, reference: dt.date | None) -> dt.date | None:
    """What a paragraph's dates without a year count from: the document's date, or the middle of
    the year a heading above it gives (None for neither: the year of the date stated before)."""
    if _dated(paragraph, reference):
        return reference
    if paragraph.year is not None:
        return dt.date(paragraph.year.year, 7, 2)
    return None
