"""Actors: the named groups, forces and bodies of an entry, with their role and attribution.

How an entry's actors are found, and why:

- Mentions. The entity ruler labels every alias of ``actors.csv`` ``ACTOR`` with the canonical
  name as ``ent_id_``. The statistical NER's ORG / NORP spans are resolved against the table
  (exact, then fuzzy) or dropped. Three rules add what no table row can hold:
  generic force words ("soldiers", "army", "military checkpoints", "gendarmes") stand for the
  report country's own force, "peacekeepers" and the U.N.'s field presence ("a U.N. convoy",
  "a U.N.-run camp") for the U.N. mission, and a nationality before a military noun ("a French
  armored car", "French and Malian forces") for that country's force when the table knows it.
  Generic mentions only ever become targets or perpetrators, never "other".
- The "Sources: ..." tail is never read: "Voice of America" and "Long War Journal" are outlets.
- Roles come from the dependency parse: the subject (or "by" agent) of an act verb is the
  perpetrator, its object (or passive subject, or what an attack is "on") the target. The report
  tells the event in the present tense and its background in the past ("Dubois was kidnapped in
  northern Mali"), so perpetrators come from the first sentence or from present-tense verbs.
  When the parse gives a mention no verb (the small model reads "JNIM militants fire mortars" as
  a noun phrase), or there is no parser, the order of the tokens decides.
- Attribution follows the guidelines: ``claimed`` for the subject of "claims" / "takes credit" /
  "claimed by"; ``suspected`` under "suspected", "believed", "blamed", "attributed", "alleged",
  "presumably", for "Suspected JNIM militants" and for a group named through a link ("Al-Qaeda
  linked militants", "Gunmen with links to AQIM"); otherwise ``stated``.
- A generic perpetrator phrase ("armed assailants", "unidentified gunmen") goes to the
  description, lower case and without its article or count; it is never an actor.

What other reports' news and list phrasing adds (tests/fields/test_actors_news.py):

- Plain police words are the event country's police ("Four police officers were shot dead");
  "security" officials and posts its army, unless the entry says they were police; missions
  abroad ("the British embassy") and "<nationality> government" / "the government" a
  government; "a Kenyan court", "a court in Kenya" a court; a nationality before a rank or a
  force's means ("Peruvian General ...", "a Jordanian airstrike") that country's force.
- An entry told in the past tense (news style) reads its later past-tense sentences as the
  event, as the report's present-tense entries do; headlines' participles without an auxiliary
  are passives ("Two soldiers killed in blast").
- Act nouns name their author ("a raid by Boko Haram", "an ELN ambush", "a police raid") and,
  with "on", "of" or a name before them, what they hit ("the bombing of the frigate USS ...");
  suspicion also comes from "blamed on", "bore the hallmarks of", "believed to be behind".
- Later-sentence answers of a force to the attackers are no act of the entry ("They were shot
  dead by police"), nor is one member of a force acting alone ("a former army officer opens
  fire"); a group standing alone in a table row, or naming the attacker ("AQAP bomber dies"),
  is the perpetrator when no act names one.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.fields.actors.description import _description
from pipeline.fields.actors.mentions import _mentions, _sentences, home_forces
from pipeline.fields.actors.parse import (
    _Entry,
    _Finding,
    _perpetrator,
    _position,
    _suspected_np,
    _told_in_past,
)
from pipeline.fields.actors.resolve import resolve_actor
from pipeline.fields.actors.roles import _merge, _roles
from pipeline.fields.actors.subjects import _main_subjects
from pipeline.fields.actors.victims import _names_attacker
from pipeline.fields.actors.words import _SUSPECT_MODIFIERS
from pipeline.text import body_span
from pipeline.schema import Actor, Evidence
from pipeline.settings import Settings
from pipeline.tables import Tables

__all__ = ["find_actors", "resolve_actor"]


def find_actors(
    doc: Doc, tables: Tables, settings: Settings, *, home_force: str | None = None,
    un_mission: str | None = None, body: tuple[int, int] | None = None,
    country: str | None = None, home_police: str | None = None,
    document_group: str | None = None,
) -> tuple[list[Actor], str | None, Evidence | None]:
    """The actors of one entry with roles and attributions, and the generic perpetrator phrase.

    ``home_force`` and ``un_mission`` are the canonical names that plain "soldiers", "army" and
    "peacekeepers" stand for: the event country's own force and the U.N. mission there (the
    guidelines' "Generic 'army', 'soldiers', 'troops' in a Mali event are the Malian Armed
    Forces; 'U.N. peacekeepers' are MINUSMA"). None: those words name no actor. ``body`` is
    where the entry's narrative lies (its date header and outlet list are never read).
    ``country`` (ISO 3166-1 alpha-2) is the event's: it chooses what an alias means where one
    names different groups in different countries ("ADF"), and gives the forces plain words
    stand for when the caller gives none: its first army and its first police in the table
    (``home_police``: "Four police officers were killed" in a Kenyan event are the Kenyan Police).
    ``document_group``: the one group the document's title names, which "the group" means in an
    entry that names none.

    >>> from pipeline.nlp import build_nlp
    >>> from pipeline.tables import load_tables
    >>> nlp, _ = build_nlp()
    >>> doc = nlp("June 13, 2020: Unidentified gunmen ambush a U.N. convoy. Source: Al Jazeera")
    >>> actors, description, _ = find_actors(
    ...     doc, load_tables(), Settings(), home_force="Malian Armed Forces", un_mission="MINUSMA")
    >>> [(a.name, a.role) for a in actors], description
    ([('MINUSMA', 'target')], 'unidentified gunmen')
    """
    start, end = body_span(doc.text) if body is None else body
    sentences = _sentences(doc, start, end)
    if not sentences:
        return [], None, None
    kinds = tables.actor_kinds()
    if country is not None:
        home_force = home_force or _home_force(tables, country, police=False)
        home_police = home_police or _home_force(tables, country, police=True)
    mentions = _mentions(doc, sentences, tables, settings, home_force, un_mission, country,
                         home_police, document_group)
    owner = {i: m for m in mentions if not m.generic for i in range(m.span.start, m.span.end)}
    parsed = doc.has_annotation("DEP")
    entry = _Entry(doc, sentences, kinds, owner, parsed,
                   past=parsed and _told_in_past(sentences[0]),
                   generic=frozenset(i for m in mentions if m.generic
                                     for i in range(m.span.start, m.span.end)))
    findings: list[_Finding] = []
    for mention in mentions:
        findings.extend(_roles(mention, entry))
    span = _description(entry, findings)
    actors = _merge(_security_or_police(findings))
    if entry.parsed and not any(a.role == "perpetrator" for a in actors) and span is None:
        fragment = _named_alone(mentions, findings, entry)
        if fragment:
            actors = _merge(findings + fragment)
    if entry.parsed and not any(a.role == "perpetrator" for a in actors) and span is None:
        targets = {a.name for a in actors if a.role == "target"}
        subjects = [a for a in _main_subjects(sentences[0], tables, mentions)
                    if a.name not in targets]
        acting = {a.name for a in subjects}
        actors = subjects + [a for a in actors if a.role != "other" or a.name not in acting]
    if span is None:
        return actors, None, None
    evidence = Evidence(text=span.text, start=span.start_char, end=span.end_char,
                        method="rule:generic-perpetrator")
    return actors, span.text.lower(), evidence


def _security_or_police(findings: list[_Finding]) -> list[_Finding]:
    """"Security" forces, officials or posts hit are the army, unless the entry says who they
    were: police ("The Taliban overran two security posts, killing six policemen")."""
    police = any(f.role == "target" and f.mention.method == "rule:generic-police" for f in findings)
    if not police:
        return findings
    return [f for f in findings
            if not (f.role == "target" and f.mention.method == "rule:generic-security")]


def _named_alone(mentions, findings, entry) -> list[_Finding]:
    """An armed group standing alone in the first sentence, outside any clause, or naming the
    attackers, when no act names a perpetrator: the perpetrator column of a table row ("3-Jan
    Bama, Borno Boko Haram 12 A raid on a market left 12 traders dead", "5-Jan Yola, Adamawa
    Suspected Boko Haram 8 15 the bomb went off"), "an AQAP bomber dies in a failed bid ..."."""
    roles: dict[int, set[str]] = {}
    for f in findings:
        roles.setdefault(id(f.mention), set()).add(f.role)
    first = entry.sentences[0]
    for mention in mentions:
        if mention.generic or mention.kind not in _ARMED_GROUPS or roles.get(id(mention)) != {"other"}:
            continue
        if not first.start <= mention.span.start < first.end:
            continue
        pos = _position(mention, entry, first)
        before = entry.doc[mention.span.start - 1].lower_ if mention.span.start else ""
        attacker = _names_attacker(mention) and pos.relation in ("subj", "agent", "other")
        alone = pos.verb is None or before in _SUSPECT_MODIFIERS or attacker
        if alone and not pos.linked and not pos.affiliate and not pos.through_other:
            return _perpetrator(mention, _suspected_np(mention, pos))
    return []


_ARMED_GROUPS = frozenset({"jihadist group", "armed group", "militia"})


def _home_force(tables: Tables, country: str, police: bool) -> str | None:
    """The country's first army or police force in the table, by name (``home_forces``)."""
    return home_forces(tables.actors).get((country, police))
