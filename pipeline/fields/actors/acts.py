"""The act rule families: the author of an act noun ("A raid by Boko Haram") and the subject or
agent of an act verb ("JNIM militants ambush"), with their special cases: an earlier act the
event answers, a force's response to the attackers, one service member acting alone, the
attacker's group, the captor of released hostages."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.fields.actors.claims import _spokesman_says
from pipeline.fields.actors.clause import _Clause, _is_copula, _names_culprit
from pipeline.fields.actors.parse import (
    _act_of,
    _background,
    _Finding,
    _governing_verb,
    _inside,
    _narrated,
    _perpetrator,
    _release_source,
    _subject_of,
    _subject_side,
    _verb_chain,
)
from pipeline.fields.actors.words import (
    _ACT_VERBS,
    _COORDINATION_WORDS,
    _CUE_VERBS,
    _EVENT_NOUNS,
    _FORCE_KINDS,
    _HIT_VERBS,
    _inflect,
    _LINK_WORDS,
    _PERPETRATOR_NOUNS,
    _REPORT_NOUNS,
    _RESPONSE_NOUNS,
    _SAME_DAY,
    _STATE_KINDS,
    _SUSPECT_MODIFIERS,
)


def _author_roles(c: _Clause) -> list[_Finding] | None:
    """The author of an act noun: "A raid by Boko Haram left dozens dead", "in the aftermath of
    an ELN ambush", "A Jordanian airstrike killed", "shot dead during a police raid". Not an
    earlier act the event answers ("in revenge for US-led operations"), not background in another
    tense. An attack repelled was made: "Troops repelled an ISWAP raid" (the troops are hit)."""
    if c.relation != "author":
        return None
    event = c.verb
    if c.mention.kind not in _ARMED_KINDS and not c.mention.generic and not any(
        p.lower_ == "by" for p in c.pos.preps
    ):
        return c.target() if c.mention.kind in _BODY_KINDS else c.other()  # "U.S. Embassy attack" (a title)
    governing = _governing_verb(event, c.sentence)
    if _answers_earlier_act(event) or (event.dep_ == "pobj" and event.head.lower_ == "against"):
        return c.other()  # "a rally against police shootings"
    head = event
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "after recent ISWAP and Boko Haram raids"
    if governing is not None and governing.dep_ == "prep" and governing.head.i != governing.i:
        head, governing = governing, governing.head  # "following" read as a verb
    if governing is not None and head.dep_ in ("pobj", "prep") and (
        governing.lower_ not in _HIT_VERBS  # not "Two soldiers were killed in a PKK attack"
    ):
        subject = _subject_of(governing)
        other = c.entry.owner.get(subject.i) if subject is not None and (
            subject.dep_ == "nsubj") else None
        if other is not None and other.name != c.mention.name:
            # "The institute today published new material following recent Taliban raids":
            # another actor's act, set after the attacks.
            return c.other()
    if not (c.first or governing is None or _narrated(governing, c.sentence, c.entry)):
        return c.other()
    if governing is not None and _background(governing, c.sentence, c.entry.past):
        return c.other()
    suspected = c.suspected or any(
        t.lower_ in _SUSPECT_MODIFIERS for t in event.children) or c.cue is not None
    return _perpetrator(c.mention, suspected)


def _answers_earlier_act(event: Token) -> bool:
    """"in revenge for US-led operations", "in response to the Boko Haram attacks"."""
    cur = event
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lower_ in _RESPONSE_NOUNS:
            return True
    return False


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
        if pos.via_place:
            return c.other()  # "abducted by the group near an army camp"
        spoken = _spokesman_says(c)
        if spoken is not None:
            return spoken
        if mention.kind in _FORCE_KINDS and relation == "subj" and pos.head.tag_ == "NN" and (
            pos.head.lower_ in _SERVICE_PERSONS and not _inside(pos.head, mention)
        ):
            return c.other()  # "A former army officer opens fire": one man, not the force
        member = pos.person is not None and pos.person.lower_ in _FIGHTER_NOUNS
        if act is None or (pos.of_person and not member):
            # "a former senior leader of ... Ansar Dine"; not "a gunman found to be a member of
            # the group Daesh killed five people"
            return _release_source(mention, pos, c.suspected) or c.other()
        if verb.dep_ in ("acl", "relcl") and c.sentence.start <= verb.head.i < c.sentence.end and (
            verb.head.lower_ not in _EVENT_NOUNS and verb.head.lower_ not in _REPORT_NOUNS
        ):
            # A participle on anything but the attack or a report tells background ("those
            # carried out by al-Qaeda linked groups"), save the captor of released hostages.
            return _release_captor(mention, verb, relation, c.sentence) or c.other()
        if c.cue is not None:
            return _perpetrator(mention, True)
        if mention.generic and c.claim_above is not None and not _subject_side(
            mention, c.claim_above
        ):
            return c.other()  # "A militant group claimed Israeli drones carried out the strike"
        same_day = bool(_SAME_DAY.search(c.sentence.text))
        if mention.generic and any(
            m.dep_ == "mark" and (m.lower_ in _TIME_MARKS if not c.first else m.lower_ in _BEFORE_MARKS)
            for m in verb.children
        ):
            # "... killing 20 before police stormed the building", "After police arrested
            # members of the sect, the group launched revenge attacks": around the act.
            return c.other()
        if not (c.first or same_day or _narrated(verb, c.sentence, c.entry)) or _background(
            verb, c.sentence, c.entry.past
        ):
            return c.other()
        if not c.first and mention.kind in _STATE_KINDS and _acts_on_attackers(act, relation):
            # "Malian air forces kill 15 militants", "They were shot dead by police forces an
            # hour later", "One of them is killed by the police": the response, not the act.
            return c.other()
        return _perpetrator(mention, c.suspected)
    if relation == "attr" and pos.person is not None and pos.person.lower_ in _FIGHTER_NOUNS:
        found = _member_of_attacker(c)
        if found is not None:
            return found
    if c.cue is not None and relation in ("attr", "other") and not _subject_side(mention, c.cue):
        return _perpetrator(mention, True) if c.named_group else c.other()
    return _release_source(mention, pos, c.suspected)


# Kinds of actors that carry out attacks; a body before an attack noun is where it struck.
_ARMED_KINDS = frozenset({"jihadist group", "armed group", "militia", "state force",
                          "foreign force", "international force", "private military company"})
_BODY_KINDS = frozenset({"government body", "international body", "ngo", "company", "court"})


def _member_of_attacker(c: _Clause) -> list[_Finding] | None:
    """"A gunman found to be a member of the terrorist group Daesh killed five people": the
    attacker's group, stated (suspected when "believed to be")."""
    cur, hedges = c.verb, []
    for _ in range(3):
        if cur.dep_ not in ("xcomp", "ccomp") or cur.head.i == cur.i:
            break
        cur = cur.head
        hedges.append(cur.lower_)
    subject = _subject_of(cur)
    if subject is None or subject.lower_ not in _PERPETRATOR_NOUNS:
        return None
    act = _act_of(cur, c.first)
    if act is None or not (c.first or _narrated(act, c.sentence, c.entry)):
        return None
    return _perpetrator(c.mention, c.suspected or any(w in _CUE_VERBS for w in hedges))


def _acts_on_attackers(verb: Token, relation: str) -> bool:
    """The force's act falls on the attackers: its object ("kill 15 militants") or, for a
    passive, its subject ("they were shot dead by police") is an attacker word or a pronoun."""
    dep = "nsubjpass" if relation == "agent" else "dobj"

    def attackers(tok: Token) -> bool:
        return tok.lower_ in _PERPETRATOR_NOUNS or tok.lower_ in _BACK_REFERENCES or tok.tag_ == "PRP"

    return any(
        c.dep_ == dep and (attackers(c) or any(  # "killed 8 of the attackers"
            p.lower_ == "of" and any(attackers(o) for o in p.children) for p in c.children))
        for c in verb.children
    )


# One member of a force: acting alone he is no actor ("a police officer opened fire").
_SERVICE_PERSONS = frozenset({"pilot", "officer", "soldier", "policeman", "policewoman", "guard",
                              "recruit", "trainee", "conscript", "sergeant", "corporal", "private",
                              "cadet", "commando", "sniper"})
# Persons whose act is their group's: "a gunman found to be a member of ... Daesh".
_FIGHTER_NOUNS = frozenset({"member", "members", "militant", "militants", "fighter", "fighters"})
# Subordinate clauses of time: in a later sentence they tell what came around the act.
_TIME_MARKS = frozenset({"before", "until", "after", "when", "as", "once"})
_BEFORE_MARKS = frozenset({"after", "before", "until", "once", "since"})
# Words that point back at attackers already told: "One of them is killed by the police".
_BACK_REFERENCES = frozenset({"other", "others", "suspect", "suspects", "couple", "pair", "duo",
                              "hostage-taker", "shooter", "shooters", "bombers"})


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
