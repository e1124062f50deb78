"""What a document says of all its entries at once: a list titled after one group, a claim of
a series of attacks.

"List of attacks attributed to FARC", "The BBC has this timeline of Daesh attacks in Iraq": the
title or the introduction before the first entry gives every entry a perpetrator. The guidelines
("Settled after the first labelling", Perpetrators) give that group, ``suspected``, to the
entries of the list that name no perpetrator of their own, when the entry's act is an attack, a
bombing, a killing or a kidnapping.

"ISIS group has claimed responsibility for a series of deadly attacks in Iraq since mid-October":
an article's opening claim of a series gives the group, ``claimed``, to the attacks its prose
goes on to tell (before any list of entries) that name no perpetrator of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.fields.actors import resolve_actor
from pipeline.layouts.base import Document
from pipeline.schema import Actor, Evidence, Record
from pipeline.tables import ActorRow, Tables

# The kinds of actors a list of attacks can be titled after.
GROUP_KINDS = frozenset({"jihadist group", "armed group", "militia"})
_ACTS = frozenset({"attack", "bombing", "killing", "kidnapping"})
# A name: up to eight words, the first capitalised or an Arabic article ("al-Qaeda").
_WORDS = r"(?P<group>(?:al-|el-|Al-)?[A-Z][\w'’.-]*(?:\s+(?:[A-Z(][\w'’.()-]*|of|the|in|al|wa|and)){0,7})"
_ATTACK_NOUNS = r"(?i:attacks?|bombings?|incidents?|operations?|killings?|massacres?|activity)"
_LIST_NOUNS = r"(?i:list|timeline|chronology|history|calendar)"
# "attacks attributed to FARC", "bombings claimed by the Islamic State", "attacks carried out
# by al-Shabaab".
_BY = re.compile(
    rf"\b{_ATTACK_NOUNS}\s+(?:attributed\s+to|claimed\s+by|carried\s+out\s+by|blamed\s+on)\s+"
    rf"(?:the\s+)?{_WORDS}"
)
# "timeline of Daesh attacks", "a history of al-Qaeda activity", "list of major Boko Haram
# attacks", "a timeline tracing al-Qaeda activity".
_OF = re.compile(
    rf"\b{_LIST_NOUNS}\s+(?:of|tracing|charting|on)\s+"
    rf"(?:(?i:major|deadly|deadliest|recent|notable|significant|the)\s+)*"
    rf"{_WORDS}\s+{_ATTACK_NOUNS}\b"
)
# A name within one line.
_LINE_WORDS = _WORDS.replace(r"(?:\s+(?:", r"(?:[ \t]+(?:")
# "ISIS group has claimed responsibility for a series of deadly attacks", "Al-Shabaab claimed a
# wave of bombings".
_SERIES = re.compile(
    rf"(?:^|(?<=[.!?)]\s)|(?<=\n)){_LINE_WORDS}\s+(?:(?i:group|militants|fighters)\s+)?"
    rf"(?:has\s+|have\s+)?claimed\s+(?:responsibility\s+for\s+|credit\s+for\s+)?"
    rf"(?:a|the)\s+(?:series|string|wave|spate)\s+of\s+(?:[\w-]+\s+){{0,2}}?{_ATTACK_NOUNS}\b"
)
# The part of the document read: before the first entry, at most this many characters.
_PREAMBLE = 3000


def list_group(document: Document, tables: Tables) -> tuple[ActorRow, Evidence] | None:
    """The group a list's title or introduction attributes every entry to, with its words.

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.detect import segment
    >>> from pipeline.tables import load_tables
    >>> text = ("List of attacks attributed to FARC\\n\\n- May 2, 2001: A bomb kills two in Cali."
    ...         "\\n- May 9, 2001: Gunmen kill a mayor.")
    >>> row, ev = list_group(segment(source_from_text(text, Path("f.txt"), "0")), load_tables())
    >>> row.name, ev.text, ev.method
    ('FARC', 'FARC', 'rule:list-title')
    """
    if not document.entries:
        return None
    end = min(document.entries[0].start, _PREAMBLE)
    preamble = document.raw[:end]
    for pattern in (_BY, _OF):
        for m in pattern.finditer(preamble):
            found = _resolve(m, tables.actors)
            if found is not None:
                return found
    return None


def _resolve(m: re.Match, actors: Sequence[ActorRow]) -> tuple[ActorRow, Evidence] | None:
    """The longest prefix of the matched words that is a group of the table."""
    words = list(re.finditer(r"\S+", m.group("group")))
    base = m.start("group")
    for n in range(len(words), 0, -1):
        start, stop = words[0].start(), words[n - 1].end()
        text = m.group("group")[start:stop].strip("().,;:")
        hit = resolve_actor(text, actors, 100.0)
        if hit is not None and hit[0].kind in GROUP_KINDS:
            begin = base + start + m.group("group")[start:stop].index(text)
            return hit[0], Evidence(text=text, start=begin, end=begin + len(text),
                                    method="rule:list-title")
    return None


def attribute_to_list_group(records: list[Record], found: tuple[ActorRow, Evidence] | None) -> None:
    """Give the list's group, ``suspected``, to its timeline entries that name no perpetrator of
    their own and tell an attack, a bombing, a killing or a kidnapping."""
    if found is None:
        return
    row, evidence = found
    for record in records:
        if record.kind != "timeline" or record.event_type not in _ACTS:
            continue
        if any(a.role == "perpetrator" for a in record.actors):
            continue
        if any(a.name == row.name and a.role == "target" for a in record.actors):
            continue  # the entry makes the group a target ("a raid on FARC")
        # A mention of the group in passing ("five al-Qaeda-linked Yemenis are later convicted")
        # gives way to its role.
        record.actors[:] = [a for a in record.actors if a.name != row.name]
        record.actors.append(Actor(text=evidence.text, name=row.name, kind=row.kind,
                                   role="perpetrator", attribution="suspected",
                                   evidence=evidence))


def series_claim(document: Document, tables: Tables) -> tuple[ActorRow, Evidence, int] | None:
    """The group an article's opening claims a series of attacks for, its words, and where the
    prose it covers ends (the first list entry, or the end of the text).

    >>> from pathlib import Path
    >>> from pipeline.readers.plain import source_from_text
    >>> from pipeline.layouts.detect import segment
    >>> from pipeline.tables import load_tables
    >>> text = ("News\\n\\nISIS group has claimed responsibility for a series of deadly attacks."
    ...         "\\n\\nOn Monday a car bomb killed 30 in Baghdad.")
    >>> row, ev, _ = series_claim(segment(source_from_text(text, Path("f.txt"), "0")), load_tables())
    >>> row.name, ev.text, ev.method
    ('ISIS', 'ISIS', 'rule:series-claim')
    """
    end = document.entries[0].start if document.entries else len(document.raw)
    head = document.raw[: min(end, _PREAMBLE)]
    for m in _SERIES.finditer(head):
        found = _resolve(m, tables.actors)
        if found is not None:
            row, evidence = found
            return row, evidence.model_copy(update={"method": "rule:series-claim"}), end
    return None


def attribute_to_series_claim(records: list[Record],
                              found: tuple[ActorRow, Evidence, int] | None) -> None:
    """Give the claiming group, ``claimed``, to the narrative events told after the claim and
    before the document's list, that name no perpetrator of their own and tell an attack, a
    bombing, a killing or a kidnapping."""
    if found is None:
        return
    row, evidence, end = found
    for record in records:
        if record.kind != "narrative" or record.event_type not in _ACTS:
            continue
        if not evidence.end <= record.span.start < end:
            continue
        if any(a.role == "perpetrator" for a in record.actors):
            continue
        if any(a.name == row.name for a in record.actors):
            continue
        record.actors.append(Actor(text=evidence.text, name=row.name, kind=row.kind,
                                   role="perpetrator", attribution="claimed", evidence=evidence))


def title_group(title: str | None, tables: Tables) -> str | None:
    """The one armed group a document's title names ("Boko Haram Violence Spreads in Cameroon"),
    which "the group" of an entry naming none points back to; None for none or several.

    >>> from pipeline.tables import load_tables
    >>> title_group("Boko Haram Violence Spreads in Cameroon", load_tables())
    'Boko Haram'
    >>> title_group("Mali: Extremism and Terrorism", load_tables()) is None
    True
    """
    names = set()
    for m in re.finditer(_LINE_WORDS, title or ""):
        found = _resolve(m, tables.actors)
        if found is not None:
            names.add(found[0].name)
    return names.pop() if len(names) == 1 else None
