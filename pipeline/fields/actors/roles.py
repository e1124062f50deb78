"""Deciding each mention's role (perpetrator, target or other) and attribution (claimed,
stated or suspected) from the parse, rule family by rule family: claims, suspicion, victims,
acts. A mention the parse cannot place goes to the token-order fallback (``order``).

Also the main-subject reading, for an entry whose acts name no perpetrator, and the merge into
one actor per canonical name and role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.fields.actors.mentions import _Mention
from pipeline.fields.actors.order import _roles_from_order
from pipeline.fields.actors.parse import (
    _act_of,
    _background,
    _complement_chain,
    _Entry,
    _Finding,
    _governing_verb,
    _inside,
    _name_at,
    _perpetrator,
    _Position,
    _position,
    _present,
    _release_source,
    _sentence_of,
    _subject_of,
    _subject_side,
    _suspected_np,
    _verb_chain,
)
from pipeline.fields.actors.words import (
    _ACT_VERBS,
    _BLAST_VERBS,
    _CARRY_VERBS,
    _CLAIM_VERBS,
    _CLASH_NOUNS,
    _COORDINATION_WORDS,
    _CUE_VERBS,
    _CULPRIT,
    _EVENT_NOUNS,
    _EXPLOSIVES,
    _FORCE_KINDS,
    _HIT_RELATIONS,
    _HIT_VERBS,
    _INTENT_WORDS,
    _LINK_WORDS,
    _PERPETRATOR_NOUNS,
    _PLACE_NOUNS,
    _REPORT_NOUNS,
    _SAME_DAY,
    _STATE_KINDS,
    _STRUCK_VERBS,
    _SUSPECT_MODIFIERS,
    _TARGET_FORMS,
    _TARGET_PREPS,
    _VEHICLE_NOUNS,
    _VICTIM_NOUNS,
    _inflect,
)
from pipeline.nlp import ACTOR
from pipeline.schema import Actor, Evidence
from pipeline.tables import Tables


def _roles(mention: _Mention, entry: _Entry) -> list[_Finding]:
    index = _sentence_of(entry, mention.span.start)
    sentence = entry.sentences[index]
    if entry.parsed:
        pos = _position(mention, entry, sentence)
        if pos.verb is not None:
            found = _roles_from_parse(mention, pos, entry, sentence, index == 0)
            if found is not None:
                return found
    return _roles_from_order(mention, entry, sentence, index == 0)


@dataclass
class _Clause:
    """A mention in its clause, as the role rules read it."""

    mention: _Mention
    pos: _Position
    entry: _Entry
    sentence: Span
    first: bool  # the entry's first sentence
    chain: list[Token]  # verbs whose complement the clause is
    cue: Token | None  # a suspicion verb above: "it is suspected that ..."
    claim_above: Token | None  # a claim verb above: "Police claim ..."
    suspected: bool
    named_group: bool  # a named group or body, not a force and not a generic word

    @property
    def verb(self) -> Token:
        return self.pos.verb

    @property
    def word(self) -> str:
        return self.pos.verb.lower_

    @property
    def relation(self) -> str:
        return self.pos.relation

    def other(self) -> list[_Finding]:
        return [_Finding(self.mention, "other")]

    def target(self) -> list[_Finding]:
        return [_Finding(self.mention, "target")]


def _roles_from_parse(mention, pos, entry, sentence, first) -> list[_Finding] | None:
    """Roles from the parse, rule families in order; None hands the mention to token order."""
    chain = _complement_chain(pos.verb, sentence)
    clause = _Clause(
        mention, pos, entry, sentence, first, chain,
        cue=next((v for v in chain
                  if v.lower_ in _CUE_VERBS and (first or _present(v, sentence))), None),
        claim_above=next((v for v in chain if v.lower_ in _CLAIM_VERBS), None),
        suspected=False,
        named_group=mention.kind not in _FORCE_KINDS and not mention.generic,
    )
    if _not_an_actor(clause):
        return clause.other()
    clause.suspected = (
        pos.linked or _suspected_np(mention, pos) or _alleged_before(mention, sentence)
        or any(c.dep_ == "advmod" and c.lower_ in _SUSPECT_MODIFIERS
               for v in [pos.verb, *chain] for c in v.children)
    )
    for rule in (_claim_roles, _suspicion_roles, _victim_roles, _act_roles):
        found = rule(clause)
        if found is not None:
            return found
    if clause.relation == "other" and clause.word in _ACT_VERBS:
        return None  # a parse the rules cannot read: "Gunmen with links to AQIM attack"
    return clause.other()


def _not_an_actor(c: _Clause) -> bool:
    """Names that only qualify something else: "an al-Qaeda affiliate group", "The
    al-Qaeda-linked Group to Support Islam and Muslims", "a known ISIS hideout", and the groups in
    a state force's claim ("the Malian army claims ... 47 CMA terrorists were neutralized": the
    army's figures, not CMA's act)."""
    pos = c.pos
    if pos.affiliate or (pos.linked and (pos.through_other or _names_another(pos, c.entry, c.mention))):
        return True
    if _names_a_place(c.mention):
        return True
    if c.claim_above is not None and c.named_group:
        claimant = _subject_of(c.claim_above)
        return c.entry.kinds.get(_name_at(c.entry, claimant)) in _STATE_KINDS
    return False


def _claim_roles(c: _Clause) -> list[_Finding] | None:
    """"JNIM claims responsibility", "claimed by Ansar al-Dine", "AAD takes credit", "claims that
    it carried out the attack in conjunction with AQIM"; somebody else's claim that a group did it
    is an allegation ("Police claim IS Sahel was responsible for the attack")."""
    mention, word, relation = c.mention, c.word, c.relation
    if _after_conjunction_with(mention.span) and c.named_group:
        if c.claim_above is not None or word in _CLAIM_VERBS:
            return [_Finding(mention, "perpetrator", "claimed")]
        if _act_of(c.verb, c.first) is not None or _governing_verb(c.verb, c.sentence) is not None:
            return _perpetrator(mention, c.suspected)
    takes_credit = word in ("takes", "take", "took") and any(
        t.lower_ == "credit" for t in c.verb.children)
    if (word in _CLAIM_VERBS or takes_credit) and relation in ("subj", "agent"):
        if mention.kind in _STATE_KINDS or mention.kind == "government body" or mention.generic:
            return c.other()  # "The Malian army claims it neutralized 31 of the attackers"
        if relation == "agent" or takes_credit or _claims_an_act(c.verb, c.sentence):
            return [_Finding(mention, "perpetrator", "claimed")]
        return c.other()  # "ISIS claims its West African branch caused the collision"
    if not c.named_group:
        return None
    # Only a claim about responsibility: not "claimed that the lack of progress in the fight
    # against militants linked to al-Qaeda and ISIS precipitated the decision".
    about_culprit = _CULPRIT.search(c.sentence.doc[mention.span.end: c.sentence.end].text)
    if word in _CLAIM_VERBS and relation in ("other", "obj") and about_culprit:
        claimant = _subject_of(c.verb)
        if claimant is not None and _name_at(c.entry, claimant) is None:
            return _perpetrator(mention, True)
    if c.claim_above is not None and relation in ("subj", "attr", "agent") and (
        _names_culprit(c.verb) or _act_of(c.verb) is not None
    ):
        claimant = _subject_of(c.claim_above)
        if claimant is not None and not _inside(claimant, mention) and (
            _name_at(c.entry, claimant) is None
        ):
            return _perpetrator(mention, True)
    return None


def _suspicion_roles(c: _Clause) -> list[_Finding] | None:
    """"Malian authorities blame ... Ansaroul Islam", "The attack is attributed to IRSAD",
    "Malian officials suspect jihadist militants linked to ... al-Qaeda". The one who suspects is
    no perpetrator. Only present-tense suspicion: "The United States accused Abu Huzeifa's
    crimes of participation in the ... IS Sahel attack" tells background."""
    if c.word not in _CUE_VERBS or not (c.first or _present(c.verb, c.sentence)):
        return None
    if c.relation in ("obj", "prep:to", "agent", "other") and not _subject_side(c.mention, c.verb):
        if c.named_group or (c.relation == "obj" and _accused_of_harm(c.verb)):
            return _perpetrator(c.mention, True)
        return c.other()
    root = c.mention.span.root
    if c.named_group and root.dep_ == "nsubjpass" and root.head == c.verb and c.verb.dep_ == "ROOT":
        return _perpetrator(c.mention, True)  # "The Volunteers for the Defense ... are suspected."
    return c.other()


def _accused_of_harm(verb: Token) -> bool:
    """"accused Malian armed forces ... of summarily executing an estimated 300 civilian men": a
    force accused of a violent act is its suspected perpetrator (accused of "supporting
    militants", it is not)."""
    return any(
        prep.lower_ == "of" and any(t.lower_ in _HIT_VERBS for t in prep.children)
        for prep in verb.children if prep.dep_ == "prep"
    )


def _victim_roles(c: _Clause) -> list[_Finding] | None:
    """Targets: what an act hits ("kills two U.N. peacekeepers", "A U.N. base ... is attacked",
    "In an attack on French troops"), what an explosive hits ("A MINUSMA logistics convoy strikes
    an IED", "explodes near a unit of MINUSMA peacekeepers"), and both sides of a clash."""
    mention, word, relation, verb, pos = c.mention, c.word, c.relation, c.verb, c.pos
    if pos.of_person and mention.kind in _CIVIL_KINDS:
        # The organisation of a person hit is not hit: "a staff member of the Netherlands Red
        # Cross are killed". An armed group is: "killing Ali Maychou, the second in command of
        # JNIM" acts against JNIM.
        return None
    if relation == "prep:between" and word in _CLASH_NOUNS:
        # "Clashes between ISIS and local al-Qaeda affiliates ...": each side did and suffered.
        return c.target() if mention.generic else _perpetrator(mention, c.suspected) + c.target()
    if relation.startswith("prep:") and word in _EVENT_NOUNS:
        governing = _governing_verb(verb, c.sentence)
        tense_ok = c.first or governing is None or _present(governing, c.sentence)
        if relation[5:] in _TARGET_PREPS and not pos.linked and not pos.via_place and tense_ok:
            return c.target()
        return c.other()  # "a series of al-Qaeda reprisal attacks against ISIS" (background)
    if word in _STRUCK_VERBS and relation == "subj" and _object_is_explosive(verb):
        return c.target()
    if relation == "subj" and word in ("come", "comes", "came") and any(
        t.lower_ == "under" for t in verb.children
    ):
        return c.target()  # "A convoy patrolling the town of Kidal ... comes under attack"
    if word in _CARRY_VERBS and relation == "obj" and _subject_is_vehicle(verb):
        return c.target()  # "The military convoys were transporting Malian soldiers"
    if relation in ("attr", "pass", "subj") and _names_victims(verb):
        return c.target()  # "Included in the targets were Malian soldiers"
    blast = word in _BLAST_VERBS and (relation in ("prep:near", "prep:at", "prep:on") or any(
        p.lower_ in ("near", "at", "on") for p in pos.preps))
    if (word in _HIT_VERBS and relation in _HIT_RELATIONS) or blast:
        if pos.linked or pos.via_place or (_background(verb, c.sentence) and c.cue is None):
            return c.other()
        above = [v.lower_ for v in _verb_chain(verb, c.sentence)[1:]]
        if any(w in _INTENT_WORDS for w in above) and any(w in _CLAIM_VERBS for w in above):
            return c.other()  # "claiming they intended to target French troops and not civilians"
        return c.target()
    if relation in ("attr", "obj", "pass") and any(
        v.lower_ in _TARGET_FORMS for v in _verb_chain(verb, c.sentence)[1:]
    ):
        return c.target()  # "targeted the camp as it was housing Russian combatants from Wagner"
    return None


def _act_roles(c: _Clause) -> list[_Finding] | None:
    """Perpetrators: the subject or agent of an act ("JNIM militants ambush", "is kidnapped by
    suspected Katiba Macina militants"), the culprit of a copula ("it is suspected that ... JNIM
    was behind the ambush"), a partner ("in coordinating with Malian troops"), the group a
    hostage is released from."""
    mention, word, relation, verb, pos = c.mention, c.word, c.relation, c.verb, c.pos
    if _is_copula(verb) and relation == "subj" and _names_culprit(verb):
        return _perpetrator(mention, bool(c.cue) or _culprit_suspected(verb) or c.suspected)
    if relation in ("pass", "subj") and word in ("involved", "responsible") and c.cue is not None:
        return _perpetrator(mention, True)  # "Authorities suspect AQIM and AMB are involved"
    if word in _LINK_WORDS and relation == "prep:to" and c.named_group:
        subject = _subject_of(verb)
        if subject is not None and subject.lower_ in _PERPETRATOR_NOUNS:
            return _perpetrator(mention, True)  # "suspected that the attackers were linked to al-Qaeda"
    if relation == "prep:with" and word in _COORDINATION_WORDS:
        act = _governing_verb(verb, c.sentence)
        if act is not None and act.lower_ in _ACT_VERBS:
            return _perpetrator(mention, c.suspected)
    if relation in ("subj", "agent"):
        act = _act_of(verb, c.first)
        if act is None or pos.of_person:
            return _release_source(mention, pos, c.suspected) or c.other()
        if verb.dep_ in ("acl", "relcl") and c.sentence.start <= verb.head.i < c.sentence.end and (
            verb.head.lower_ not in _EVENT_NOUNS and verb.head.lower_ not in _REPORT_NOUNS
        ):
            # A participle on anything but the attack or a report tells background ("those
            # carried out by al-Qaeda linked groups"), save the captor of released hostages.
            return _release_captor(mention, verb, relation, c.sentence) or c.other()
        if c.cue is not None:
            return _perpetrator(mention, True)
        same_day = bool(_SAME_DAY.search(c.sentence.text))
        if not (c.first or same_day or _present(verb, c.sentence)) or _background(verb, c.sentence):
            return c.other()
        if not c.first and mention.kind in _STATE_KINDS and _object_is_attackers(act):
            return c.other()  # "Malian air forces kill 15 militants": the response, not the act
        return _perpetrator(mention, c.suspected)
    if c.cue is not None and relation in ("attr", "other") and not _subject_side(mention, c.cue):
        return _perpetrator(mention, True) if c.named_group else c.other()
    return _release_source(mention, pos, c.suspected)


# Bodies that are not parties to the fighting: a person of theirs hit does not make them a target.
_CIVIL_KINDS = frozenset({"ngo", "company", "publisher", "international body"})


def _names_a_place(mention: _Mention) -> bool:
    """"a tri-border area and known ISIS hideout": the group names a place, not an actor."""
    doc = mention.span.doc
    return mention.span.end < len(doc) and doc[mention.span.end].lower_ in _PLACE_NOUNS


def _alleged_before(mention: _Mention, sentence: Span) -> bool:
    """"A joint attack—allegedly carried out by AQIM, the Macina Liberation Front, and an ethnic
    Peul group—": the adverb covers every name of the list."""
    window = sentence.doc[max(sentence.start, mention.span.start - 12): mention.span.start]
    return any(t.lower_ in ("allegedly", "presumably") for t in window)


def _names_another(pos: _Position, entry: _Entry, mention: _Mention) -> bool:
    """"the al-Qaeda-linked Burkinabe jihadist group Ansaroul Islam": the linked name only
    describes the actor in apposition."""
    for c in pos.head.children:
        if c.dep_ == "appos":
            other = entry.owner.get(c.i)
            if other is not None and other is not mention:
                return True
    return False


def _claims_an_act(verb: Token, sentence: Span) -> bool:
    """"claims responsibility", "claims to ambush", "claims that it carried out the attack",
    "claims to have booby-trapped a Wagner convoy"; not "claims its West African branch caused
    the collision". The words after the verb are read too: the parser makes "JNIM claims
    responsibility." a noun phrase with "claims" as a compound."""
    after = sentence.doc[verb.i + 1: min(verb.i + 12, sentence.end)]
    for tok in [*verb.subtree, *after]:
        word = tok.lower_
        if word in ("responsibility", "credit") or word in _EVENT_NOUNS:
            return True
        if word in _ACT_VERBS or word in _HIT_VERBS:
            return True
    return False


def _after_conjunction_with(span: Span) -> bool:
    """"Al-Mourabitoun claims that it carried out the attack in conjunction with AQIM"."""
    before = span.doc[max(0, span.start - 4): span.start].text.lower()
    return bool(re.search(r"\b(?:conjunction with|together with|jointly with|alongside)$", before))


def _object_is_explosive(verb: Token) -> bool:
    return any(
        c.dep_ in ("dobj", "prep") and any(t.lower_ in _EXPLOSIVES for t in c.subtree)
        for c in verb.children
    )


def _object_is_attackers(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ in _PERPETRATOR_NOUNS for c in verb.children)


def _subject_is_vehicle(verb: Token) -> bool:
    subject = _subject_of(verb)
    return subject is not None and subject.lower_ in _VEHICLE_NOUNS


def _names_victims(verb: Token) -> bool:
    """"Included in the targets were ...", "included among the casualties was ..."."""
    for tok in [verb, verb.head, *verb.children]:
        if tok.lower_ in ("included", "include", "includes") and any(
            c.dep_ == "prep" and any(t.lower_ in _VICTIM_NOUNS for t in c.subtree)
            for c in tok.children
        ):
            return True
    return False


def _is_copula(verb: Token) -> bool:
    return verb.lower_ in ("is", "are", "was", "were", "be", "been")


def _names_culprit(verb: Token) -> bool:
    """"X was behind the ambush", "X is responsible", "AQIM is the suspected perpetrator"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "behind":
            return True
        if c.dep_ in ("acomp", "attr") and c.lower_ in ("responsible", "perpetrator", "culprit",
                                                        "perpetrators", "involved"):
            return True
    return False


def _culprit_suspected(verb: Token) -> bool:
    return any(t.lower_ in _SUSPECT_MODIFIERS for c in verb.children for t in c.subtree)


def _release_captor(mention, verb, relation, sentence) -> list[_Finding] | None:
    """"the seven Algerian diplomats kidnapped by MUJAO in April 2012 are released": the captor
    named in the background is the releasing group (the guidelines' "for a release by a group,
    the group")."""
    if relation != "agent" or verb.lower_ not in _inflect("kidnap", "abduct") | {"held"}:
        return None
    release = _inflect("release", "free") | {"freed"}
    if any(v.lower_ in release for v in _verb_chain(verb, sentence)[1:]):
        return [_Finding(mention, "perpetrator", "stated")]
    return None


def _main_subjects(sentence: Span, tables: Tables) -> list[Actor]:
    """The states and named actors that are the subject of a sentence's main verb, whatever the
    verb: "Mali, Burkina Faso, and Niger announced the formation of their joint force", "France
    stated that it would boost its military presence", "AMB merged with MUJAO". Read only when the
    act rules found no perpetrator and no generic attacker is described; a name the act rules made
    a target stays one ("A convoy of United Nations soldiers from Chad strikes a roadside bomb")."""
    countries = {row.name for row in tables.places if row.kind == "country"}
    kinds = tables.actor_kinds()
    root = sentence.root
    subjects = [t for t in root.children if t.dep_ == "nsubj"]
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
    for ent in sorted(ents, key=lambda e: e.start):
        if any(a.name == ent.ent_id_ for a in found):
            continue
        if ent.label_ == "PLACE" and ent.ent_id_ in countries:
            kind = "country"
        elif ent.label_ == ACTOR and ent.ent_id_ in kinds:
            kind = kinds[ent.ent_id_]
        else:
            continue
        found.append(Actor(
            text=ent.text, name=ent.ent_id_, kind=kind, role="perpetrator", attribution="stated",
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


# --- merging ---------------------------------------------------------------------------------------

_ATTRIBUTION_RANK = {"claimed": 0, "stated": 1, "suspected": 2}


def _merge(findings: list[_Finding]) -> list[Actor]:
    """One actor per canonical name and role, in text order; the strongest attribution wins (a
    claim over a plain statement over a suspicion: "JNIM attacks ... JNIM later claims
    responsibility" is claimed). A name with a role is not repeated as "other"."""
    best: dict[tuple[str, str], _Finding] = {}
    for f in findings:
        if f.role == "other" and f.mention.generic:
            continue
        key = (f.mention.name, f.role)
        kept = best.get(key)
        if kept is None or (
            f.attribution is not None and kept.attribution is not None
            and _ATTRIBUTION_RANK[f.attribution] < _ATTRIBUTION_RANK[kept.attribution]
        ):
            best[key] = f
    with_role = {name for name, role in best if role != "other"}
    actors = []
    for (name, role), f in sorted(best.items(), key=lambda kv: kv[1].mention.span.start):
        if role == "other" and name in with_role:
            continue
        span = f.mention.span
        actors.append(Actor(
            text=span.text, name=name, kind=f.mention.kind, role=role,
            attribution=f.attribution if role == "perpetrator" else None,
            evidence=Evidence(text=span.text, start=span.start_char, end=span.end_char,
                              method=f.mention.method),
        ))
    return actors
