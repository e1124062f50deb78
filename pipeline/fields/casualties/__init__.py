"""Casualty figures of an entry: number phrases, who they count, and the entry's totals.

Pure functions over the cleaned entry text (markdown removed, the date header first, then ": "):

- ``parse_number`` turns a number phrase ("more than 50", "around a dozen", "between 200 and
  300") into bounds and a qualifier;
- ``find_casualties`` reads every casualty figure with its kind (killed, injured, kidnapped ...),
  its victim group, whether it counts the attackers, who claims it and whether it is a part of
  another figure of the entry;
- ``total_counts`` adds the figures up into the record's lower bounds, following the "Casualty
  counts" section of tests/gold/GUIDELINES.md.

How a figure is read. The entry (header and "Sources:" part left out) is cut into word tokens
with character offsets, and into sentences. A casualty word anchors each figure, in one of the
four shapes the Mali report uses; the shape is the rule id of the evidence ("rule:<shape>"):

- ``verb_object``: a verb and the figures after it: "killing more than 50 and wounding 13",
  "kill four in Gorey, four in Djamnati, and one in Simikanda", "take over 100 hostages";
- ``subject_verb``: figures before a passive or intransitive verb: "At least 29 soldiers are
  killed", "Another 17 died", "All five sustain injuries", "over 20 people missing";
- ``noun_of``: "claims the lives of up to 100 people", "the death of more than 500 civilians",
  "the kidnapping of an elderly French tourist";
- ``left_state``: "leave 14 soldiers dead and 11 wounded", "leaves one U.N. peacekeeper dead".

One person counts 1 when the text names or describes them without a number ("kidnap Dr.
Mahamadou Diawara", "executes the French citizen NGO worker", "his wife"); the method then ends
in "+person". A stated zero ("leaving no casualties") is read by ``rule:no_casualties``.

Numbers that are never casualties are refused where they are read: years, dates ("July 25"),
ages ("as young as eight"), money ("$15 million"), decimals and percentages ("8.8 million", "40
percent"), times ("2 a.m."), troop strengths ("5,000-troop", "4,500 French troops" has no
casualty word), names with a number ("France 24", "G5", "Gangafani 2"), spans of time ("711
days"), and numbers whose noun is not people ("three buses", "two attacks").

Figures that do not count. A court entry's figures belong to the attack on trial ("A U.S.
federal court charges ... The attacks killed 30 people"); a figure told with another year than
the header's is background ("the October 4, 2017, IS Sahel attack ..., which killed four U.S.
soldiers" in an entry of 2024).

Decisions this module makes where the guidelines leave the choice open:

- "gendarmes" are ``police``: the report calls the gendarmerie "a police unit under the command
  of the military" (February 25, 2021); a "custom officer" is ``police`` too.
- "local militiamen affiliated with the Malian government" are ``soldiers`` (armed men of the
  state's side); in this report "militants" always means the armed groups.
- "Wagner fighters" and "Russian fighters" are ``soldiers``; other "fighters" are ``militants``.
- Nationals ("three Malians"), "people" and bare numbers are ``unspecified``; "others" and
  "another" take the group of the figure before them in the sentence.
- "neutralized" is killed: of attackers ("neutralized 31 of the attackers") it counts
  perpetrators, of a named leader ("neutralizes Bah ag Moussa") one person killed.
- People the attackers "capture" ("The assailants also capture seven fighters") are counted
  with the kidnapped: GTD codes the capture of people by an armed group as hostage-taking. A
  capture by state forces ("French soldiers ... captured Oumeya Ould Albakaye") is an arrest.
- Attackers killed are perpetrators, unless the entry's first sentence reports an operation of
  state or foreign forces: then the militants it kills are its victims ("Allied French and
  Malian forces kills 20 ISIS militants in an operation"), as the guidelines say.
"""

from __future__ import annotations

import re

from pipeline.fields.casualties.claims import _mark_claims
from pipeline.fields.casualties.numbers import parse_number
from pipeline.fields.casualties.parts import _background, _mark_parts, _set_groups
from pipeline.fields.casualties.reader import _Found, _Reader
from pipeline.fields.casualties.shapes import _read_sentence
from pipeline.fields.casualties.tokens import _sentences, _tokens
from pipeline.text import body_span
from pipeline.fields.casualties.totals import _PERSON, _RIVAL, total_counts
from pipeline.fields.casualties.words import (
    _FORCES,
    _LEGAL,
    _NO_CASUALTIES,
    _NO_ONE,
    _OPERATION,
    _PASSIVE,
)
from pipeline.schema import Casualty, Evidence

__all__ = ["find_casualties", "parse_number", "total_counts"]


def find_casualties(text: str, body: tuple[int, int] | None = None) -> list[Casualty]:
    """Every casualty figure of a cleaned entry, in text order; stated zeros last.

    Evidence offsets are local to ``text`` and cover the number phrase and its casualty word.
    ``body`` is where the entry's narrative lies (after its date header, before its outlets).

    >>> [(c.kind, c.min, c.qualifier) for c in find_casualties(
    ...     "February 7, 2025: Armed assailants ambush several vehicles in Gao, killing more "
    ...     "than 50 and wounding 13. Sources: Defense Post, Reuters")]
    [('killed', 50, 'more than'), ('injured', 13, 'exact')]
    """
    body_start, body_end = body_span(text) if body is None else body
    toks = _tokens(text, body_start, body_end)
    out: list[Casualty] = []
    if toks:
        reader = _Reader(toks, text)
        sentences = _sentences(toks, text, body_start, body_end)
        found = [f for n, (s, e) in enumerate(sentences) for f in _read_sentence(reader, n, s, e)]
        first = text[toks[sentences[0][0]].start : toks[sentences[0][1] - 1].end]
        if _LEGAL.search(first) and not any(f.sentence == 0 for f in found):
            return []
        # The years of the date header: a figure of another year is background.
        years = set(re.findall(r"\b(?:1[89]\d\d|20\d\d)\b", text[:body_start]))
        found = [f for f in found if not _background(reader, f, years)]
        _set_groups(found, operation=bool(_OPERATION.search(first) and _FORCES.search(first)))
        _mark_claims(reader, sentences, found)
        _mark_parts(reader, sentences, found)
        out = [_casualty(text, reader, f) for f in found]
    zeros = [
        (m, ("killed", "injured")) for m in _NO_CASUALTIES.finditer(text, body_start, body_end)
    ]
    zeros += [
        (m, (_PASSIVE[m["verb"].lower()],)) for m in _NO_ONE.finditer(text, body_start, body_end)
    ]
    for m, kinds in zeros:
        ev = Evidence(text=m.group(), start=m.start(), end=m.end(), method="rule:no_casualties")
        out.extend(
            Casualty(kind=kind, min=0, max=0, qualifier="exact", group="unspecified", evidence=ev)
            for kind in kinds
        )
    return out


def _casualty(text: str, reader: _Reader, f: _Found) -> Casualty:
    start = reader.toks[f.span[0]].start
    end = reader.toks[f.span[1] - 1].end
    method = f"rule:{f.shape}" + (_PERSON if f.fig.person else "") + (_RIVAL if f.rival else "")
    return Casualty(
        kind=f.kind,
        min=f.fig.low,
        max=f.fig.high,
        qualifier=f.fig.qualifier,
        group=f.fig.group,
        perpetrators=f.fig.attacker,
        claimed_by=f.claimed_by,
        part_of_total=f.part,
        evidence=Evidence(text=text[start:end], start=start, end=end, method=method),
    )
