"""The main-subject reading, for an entry whose acts name no perpetrator: the states and named
actors that are the subject of a sentence's main verb ("Mali, Burkina Faso, and Niger announced
the formation of their joint force")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.fields.actors.words import _inflect
from pipeline.nlp import ACTOR
from pipeline.schema import Actor, Evidence
from pipeline.tables import Tables


_STANDING_VERBS = _inflect("overtake", "surpass", "outrank", "deny") | {"overtaken", "overtook"}


def _main_subjects(sentence: Span, tables: Tables, mentions=()) -> list[Actor]:
    """The states and named actors that are the subject of a sentence's main verb, whatever the
    verb: "Mali, Burkina Faso, and Niger announced the formation of their joint force", "France
    stated that it would boost its military presence", "AMB merged with MUJAO". Read only when the
    act rules found no perpetrator and no generic attacker is described; a name the act rules made
    a target stays one ("A convoy of United Nations soldiers from Chad strikes a roadside bomb")."""
    countries = {row.name for row in tables.places if row.kind == "country"}
    kinds = tables.actor_kinds()
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX") or root.lower_ in _STANDING_VERBS:
        # A title without a verb ("Kenya mall"); a rank, not an act ("al-Shabaab has overtaken
        # ISWAP as the deadliest group in Africa"); a denial ("The Taliban denied involvement").
        return []
    subjects = [t for t in root.children if t.dep_ == "nsubj"]
    # "The coup plunged the country into chaos and in April 2012, MNLA declared ...": the
    # subject of a second main verb.
    subjects += [t for v in root.children if v.dep_ == "conj" and v.pos_ in ("VERB", "AUX")
                 and not any(a.dep_ == "auxpass" for a in v.children)
                 for t in v.children if t.dep_ == "nsubj"]
    subjects += [c for t in subjects for c in t.conjuncts]
    ents = [e for e in sentence.ents if any(e.start <= t.i < e.end for t in subjects)]
    if not any(t.dep_ == "auxpass" for t in root.children):
        # Not before a passive verb ("three Malian soldiers are hurt" names victims), and not
        # when the subject is another noun ("A convoy of United Nations soldiers from Chad").
        listed = _listed_before(sentence, root)
        heads = [t for t in subjects if not any(e.start <= t.i < e.end for e in listed)]
        if not heads:
            ents += listed
    found: list[Actor] = []
    for m in mentions:
        # A government or court named by rule: "Malian government announced", "the government
        # declared a curfew", "A court in Kenya orders the arrest of ...".
        if m.kind in ("government body", "court") and m.method.startswith("rule:") and len(subjects) == 1 and (
            m.span.start <= subjects[0].i < m.span.end
        ):
            found.append(Actor(
                text=m.span.text, name=m.name, kind=m.kind, role="perpetrator",
                attribution="stated", evidence=Evidence(
                    text=m.span.text, start=m.span.start_char, end=m.span.end_char,
                    method="rule:main-subject")))
    for ent in sorted(ents, key=lambda e: e.start):
        name = ent.ent_id_
        if ent.label_ == "PLACE" and name in countries:
            kind = "country"
        elif ent.label_ == ACTOR and name in kinds:
            # The name the mention finder gave it: an alias read in the event's country ("ADF"),
            # none for an alias that holds only in other countries.
            mention = next((m for m in mentions if m.span.start <= ent.start < m.span.end), None)
            if mention is None:
                continue
            name = mention.name
            kind = kinds.get(name, kinds[ent.ent_id_])
        else:
            continue
        if any(a.name == name for a in found):
            continue
        found.append(Actor(
            text=ent.text, name=name, kind=kind, role="perpetrator", attribution="stated",
            evidence=Evidence(text=ent.text, start=ent.start_char, end=ent.end_char,
                              method="rule:main-subject"),
        ))
    return sorted(found, key=lambda a: a.evidence.start)


def _listed_before(sentence: Span, verb: Token) -> list[Span]:
    """The names listed right before a verb, which the parser often leaves out of the subject
    after an introductory date: "On April 4, 2025, Mali, Burkina Faso, and Niger announced",
    "In March 2017, AQIM, AAD, and al-Mourabitoun merged"."""
    doc = sentence.doc
    i = verb.i - 1
    while i >= sentence.start and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    listed: list[Span] = []
    while i >= sentence.start:
        ent = next((e for e in sentence.ents if e.start <= i < e.end), None)
        if ent is not None and ent.label_ in (ACTOR, "PLACE"):
            listed.append(ent)
            i = ent.start - 1
        elif doc[i].text in (",", "and", "or") and listed:
            i -= 1
        else:
            break
    return listed
