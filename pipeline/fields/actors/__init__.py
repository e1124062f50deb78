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
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.fields.actors.description import _description
from pipeline.fields.actors.mentions import _mentions, _sentences
from pipeline.fields.actors.parse import _Entry, _Finding
from pipeline.fields.actors.resolve import resolve_actor
from pipeline.fields.actors.roles import _main_subjects, _merge, _roles
from pipeline.text import body_span
from pipeline.schema import Actor, Evidence
from pipeline.settings import Settings
from pipeline.tables import Tables

__all__ = ["find_actors", "resolve_actor"]


def find_actors(
    doc: Doc, tables: Tables, settings: Settings, *, home_force: str | None = None,
    un_mission: str | None = None, body: tuple[int, int] | None = None,
    country: str | None = None,
) -> tuple[list[Actor], str | None, Evidence | None]:
    """The actors of one entry with roles and attributions, and the generic perpetrator phrase.

    ``home_force`` and ``un_mission`` are the canonical names that plain "soldiers", "army" and
    "peacekeepers" stand for: the event country's own force and the U.N. mission there (the
    guidelines' "Generic 'army', 'soldiers', 'troops' in a Mali event are the Malian Armed
    Forces; 'U.N. peacekeepers' are MINUSMA"). None: those words name no actor. ``body`` is
    where the entry's narrative lies (its date header and outlet list are never read).
    ``country`` (ISO 3166-1 alpha-2) is the event's: it chooses what an alias means where one
    names different groups in different countries ("ADF").

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
    mentions = _mentions(doc, sentences, tables, settings, home_force, un_mission, country)
    owner = {i: m for m in mentions if not m.generic for i in range(m.span.start, m.span.end)}
    entry = _Entry(doc, sentences, kinds, owner, doc.has_annotation("DEP"))
    findings: list[_Finding] = []
    for mention in mentions:
        findings.extend(_roles(mention, entry))
    span = _description(entry, findings)
    actors = _merge(findings)
    if entry.parsed and not any(a.role == "perpetrator" for a in actors) and span is None:
        targets = {a.name for a in actors if a.role == "target"}
        actors = [a for a in _main_subjects(sentences[0], tables) if a.name not in targets] + actors
    if span is None:
        return actors, None, None
    evidence = Evidence(text=span.text, start=span.start_char, end=span.end_char,
                        method="rule:generic-perpetrator")
    return actors, span.text.lower(), evidence
