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
with character offsets, and into sentences. A casualty word anchors each figure, in one of these
shapes; the shape is the rule id of the evidence ("rule:<shape>"):

- ``verb_object``: a verb and the figures after it: "killing more than 50 and wounding 13",
  "kill four in Gorey, four in Djamnati, and one in Simikanda", "take over 100 hostages", "shot
  dead six people", "fatally wounding an Afghan army officer", "claiming two lives", "saw 70
  people, mostly Shiite pilgrims, killed", "hijack an Indian Airlines flight ... with 189 people
  aboard";
- ``subject_verb``: figures before a passive or intransitive verb: "At least 29 soldiers are
  killed", "Another 17 died", "All five sustain injuries", "over 20 people missing", "16 killed
  in double car bombing", "Four dead.", "lost their lives", "10 security officers said killed";
- ``noun_of``: "claims the lives of up to 100 people", "the death of more than 500 civilians",
  "the kidnapping of an elderly French tourist", "the bodies of three kidnapped foreign women";
- ``left_state``: "leave 14 soldiers dead and 11 wounded", "left two Army personnel and a
  civilian dead";
- ``toll``: "The death toll later rises to 85", "pegged the death count at 150", "The dead are
  103": the latest toll is the entry's figure of the dead;
- ``field`` and ``table_row``: a field block ("Dead : Over 336", "Casualties: 26 killed, 17
  injured") or a table row's count cells ("| Mass shooting | 3 | 7 |"): the entry's total.

One person counts 1 when the text names or describes them without a number ("kidnap Dr.
Mahamadou Diawara", "executes the French citizen NGO worker", "his wife", "a policeman and his
son", "their guide and driver", "killing him", telegraphic "killing policeman"); the method
then ends in "+person". A stated zero ("leaving no casualties", "none of the 1,500 people ...
was wounded") is read by ``rule:no_casualties``. A total the attackers were taken out of ends in
"+attackers_apart".

Numbers that are never casualties are refused where they are read: years, dates ("July 25"),
ages ("as young as eight"), money ("$15 million"), decimals and percentages ("8.8 million", "40
percent"), times ("2 a.m."), troop strengths ("5,000-troop", "4,500 French troops" has no
casualty word), names with a number ("France 24", "G5", "Gangafani 2", "Air India Flight 182"),
spans of time ("711 days"), and numbers whose noun is not people ("three buses", "two attacks").

Figures that do not count. A court entry's figures belong to the attack on trial ("A U.S.
federal court charges ... The attacks killed 30 people"); a figure told with another year than
the header's (or, without one, than the first year the entry names) is background ("the October
4, 2017, IS Sahel attack ..., which killed four U.S. soldiers" in an entry of 2024); so are a
war's toll ("saw an estimated 100,000 people killed during the conflict with the LTTE"), a
period's statistic ("During the previous two months, about 200 people were killed"), an earlier
event set apart in time ("one day after a Canadian diplomat and two civilians were killed"), the
cause of an act that harmed no one ("held protests ... after four men were beheaded"), acts only
intended ("in failed bid to kill") and a headline's words ("KENYA: Three Killed in al-Shabaab
Attack"). A figure told again with the same number restates it ("43 Shias killed in Pakistan ...
gunned down 43 members"); one figure for two kinds ("kill and wound at least 796") gives neither.

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
- Attackers killed are perpetrators, unless the entry's first sentence reports an act of state
  or foreign forces: an operation or raid ("Allied French and Malian forces kills 20 ISIS
  militants in an operation"), or a killing whose subject is forces or air strikes ("Nigerian
  troops killed two bandits", "Air strikes killed ..."): then the militants it kills are its
  victims, as the guidelines say. Bandits, robbers, kidnappers, rebels and the members of a
  group named by its acronym ("One FARC member was also killed") are attackers.
- A table's count cells are read in the order casualty tables give them, the dead before the
  injured ("Date Location Perpetrator Dead Injured ...", Wikipedia's "| Dead | Injured |").
- A vague total counts its named or counted parts ("kill several militants including Yahia Abou
  Hamman" is 1); "about three dozen" is 36.
"""

from __future__ import annotations

import re

from pipeline.fields.casualties.claims import _mark_claims
from pipeline.fields.casualties.numbers import parse_number
from pipeline.fields.casualties.background import _background, _told_apart
from pipeline.fields.casualties.parts import (
    _mark_parts,
    _mark_restated,
    _mark_sums,
    _mark_tolls,
    _mark_totals,
    _set_groups,
    _split_parts,
    _state_act,
)
from pipeline.fields.casualties.figures import _Found
from pipeline.fields.casualties.reader import _Reader
from pipeline.fields.casualties.shapes import _read_sentence
from pipeline.fields.casualties.tokens import _sentences, _tokens
from pipeline.text import body_span
from pipeline.fields.casualties.totals import _APART, _PERSON, _RIVAL, total_counts
from pipeline.fields.casualties.words import (
    _LEGAL,
    _NO_CASUALTIES,
    _NO_ONE,
    _PASSIVE,
)
from pipeline.schema import Casualty, Evidence

__all__ = ["find_casualties", "parse_number", "total_counts"]

_YEARS = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")


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
        # The years of the date header: a figure of another year is background. Without one,
        # the first year the entry names dates it: "in September 2013, 67 people died in an
        # attack on a shopping centre ... and 148 people were killed in an attack on the
        # University of Garissa in April 2015" is 67.
        years = set(_YEARS.findall(text[:body_start]))
        if not years:
            years = set(_YEARS.findall(text, body_start, body_end)[:1])
        found = [f for f in found if not _background(reader, f, years)]
        apart = _told_apart(reader, sentences, found)
        found = [f for m, f in enumerate(found) if m not in apart]
        _set_groups(found, operation=_state_act(reader, *sentences[0], found))
        _split_parts(found)
        _mark_claims(reader, sentences, found)
        _mark_parts(reader, sentences, found)
        _mark_restated(found)
        _mark_sums(reader, sentences, found)
        _mark_tolls(found)
        _mark_totals(found)
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
    method += _APART if f.apart else ""
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
