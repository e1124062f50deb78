"""The victim rule family: what an act or an explosive hits, both sides of a clash, and a
group's own losses in the fight it made (there it is the perpetrator, not a target)."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.fields.actors.clause import _Clause, _GROUP_KINDS, _is_copula
from pipeline.fields.actors.mentions import _Mention
from pipeline.fields.actors.parse import (
    _background,
    _Finding,
    _governing_verb,
    _narrated,
    _perpetrator,
    _subject_of,
    _verb_chain,
)
from pipeline.fields.actors.words import (
    _BLAST_VERBS,
    _CARRY_VERBS,
    _CLAIM_VERBS,
    _CLASH_NOUNS,
    _CUE_VERBS,
    _EVENT_NOUNS,
    _EXPLOSIVES,
    _HIT_RELATIONS,
    _HIT_VERBS,
    _inflect,
    _INTENT_WORDS,
    _OBJECT_VERBS,
    _REPEL_VERBS,
    _STRUCK_VERBS,
    _TARGET_FORMS,
    _TARGET_PREPS,
    _VEHICLE_NOUNS,
    _VICTIM_NOUNS,
)


def _victim_roles(c: _Clause) -> list[_Finding] | None:
    """Targets: what an act hits ("kills two U.N. peacekeepers", "A U.N. base ... is attacked",
    "In an attack on French troops"), what an explosive hits ("A MINUSMA logistics convoy strikes
    an IED", "explodes near a unit of MINUSMA peacekeepers"), and both sides of a clash."""
    mention, word, relation, verb, pos = c.mention, c.word, c.relation, c.verb, c.pos
    workforce = mention.kind == "company" and pos.person is not None and (
        pos.person.lower_ in ("workers", "employees", "staff"))  # "a bus carrying workers of a mining firm"
    if (pos.of_person and mention.kind in _CIVIL_KINDS and not workforce) or (
        pos.member and mention.kind == "government body"
    ):  # "two Pentagon employees were killed": officials are people
        # The organisation of a person hit is not hit: "a staff member of the Netherlands Red
        # Cross are killed". An armed group is: "killing Ali Maychou, the second in command of
        # JNIM" acts against JNIM.
        return None
    if relation == "prep:between" and word in _CLASH_NOUNS:
        # "Clashes between ISIS and local al-Qaeda affiliates ...": each side did and suffered.
        mutual = [_Finding(mention, "target", mutual=True)]
        return mutual if mention.generic else _perpetrator(mention, c.suspected) + mutual
    if relation in ("prep:on", "prep:to") and word in _EVENT_NOUNS and verb.dep_ == "dobj" and (
        verb.head.lower_ in _CUE_VERBS
    ) and c.named_group:
        return _perpetrator(mention, True)  # "Police blamed the attack on the PKK" (not "attack on")
    if relation.startswith("prep:") and (word in _EVENT_NOUNS or relation == "prep:of"):
        governing = _governing_verb(verb, c.sentence)
        tense_ok = c.first or governing is None or _narrated(governing, c.sentence, c.entry)
        if (relation[5:] in _TARGET_PREPS or relation == "prep:of") and not pos.linked and (
            not pos.via_place and tense_ok
        ):
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
    if relation == "subj" and (word in _DIE_VERBS or (word in ("lost", "lose", "loses") and any(
        t.dep_ == "dobj" and t.lower_ in ("lives", "life") for t in verb.children
    ))) and not pos.linked:
        if mention.kind in _GROUP_KINDS and (_in_fighting(verb) or _names_attacker(mention)):
            # Its fighters fell in the fight it made; "an AQAP bomber dies in a failed bid".
            return _perpetrator(mention, c.suspected)
        return c.target()  # "five security force personnel lost their lives"
    if relation in ("pass", "subj") and word in _OBJECT_VERBS and mention.kind in _GROUP_KINDS and (
        _in_fighting(verb)
    ):
        # "One ELN fighter was also killed in the fighting": a side's losses, not the target.
        return _perpetrator(mention, c.suspected)
    if relation in ("prep:on", "prep:against") and any(
        t.dep_ == "dobj" and t.lower_ in _EVENT_NOUNS for t in verb.children
    ) and not pos.linked and (c.first or _narrated(verb, c.sentence, c.entry)):
        return c.target()  # "launched a night assault on an army base"
    along = any(t.lower_ in ("along", "together") for t in verb.children)
    if relation in ("prep:along", "prep:together", "prep:with") and word in _OBJECT_VERBS and any(
        p.lower_ == "with" and (along or p.head.lower_ in ("along", "together")) for p in pos.preps
    ) and any(a.dep_ == "auxpass" for a in verb.children):
        return c.target()  # "30 civilians were killed along with six soldiers"
    if relation == "subj" and word in _REPEL_VERBS and any(
        t.dep_ == "dobj" and t.lower_ in _EVENT_NOUNS for t in verb.children
    ):
        return c.target()  # "Government forces repelled an ISWAP ambush": they were attacked
    if relation == "prep:with" and word in _CLASH_VERBS and not pos.linked:
        return c.target()  # "Militants clashed with security forces for hours"
    if relation == "subj" and _is_copula(verb) and any(
        t.dep_ == "attr" and t.lower_ in ("target", "targets") for t in verb.children
    ):
        return c.target()  # "an AU base ... was the target of a truck bomb"
    if relation in ("attr", "pass", "subj") and _names_victims(verb):
        return c.target()  # "Included in the targets were Malian soldiers"
    blast = word in _BLAST_VERBS and (relation in ("prep:near", "prep:at", "prep:on") or any(
        p.lower_ in ("near", "at", "on") for p in pos.preps))
    if (word in _HIT_VERBS and relation in _HIT_RELATIONS) or blast:
        if pos.linked or pos.via_place or (
            _background(verb, c.sentence, c.entry.past) and c.cue is None
        ):
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


# Bodies that are not parties to the fighting: a person of theirs hit does not make them a target.
_CIVIL_KINDS = frozenset({"ngo", "company", "publisher", "international body"})


def _names_attacker(mention: _Mention) -> bool:
    """"AQAP bomber", "Boko Haram gunmen": the group names the attacker."""
    root = mention.span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.lower_ in _ATTACKER_NOUNS


def _in_fighting(verb: Token) -> bool:
    """"killed in the fighting", "killed during intense combat", "died in clashes"."""
    return any(
        p.dep_ == "prep" and p.lower_ in ("in", "during") and any(
            o.lower_ in _FIGHT_NOUNS for o in p.children)
        for p in verb.children
    )


def _object_is_explosive(verb: Token) -> bool:
    return any(
        c.dep_ in ("dobj", "prep") and any(t.lower_ in _EXPLOSIVES for t in c.subtree)
        for c in verb.children
    )


_ATTACKER_NOUNS = frozenset({"bomber", "bombers", "gunman", "gunmen", "attacker", "attackers",
                             "assailant", "assailants", "militants", "fighters", "insurgents"})
_CLASH_VERBS = _inflect("clash", "battle", "fight", "skirmish") | {"fought", "exchanged"}
_DIE_VERBS = frozenset({"die", "dies", "died", "perish", "perished", "perishes"})
_FIGHT_NOUNS = frozenset({"fighting", "combat", "clashes", "clash", "battle", "battles",
                          "shootout", "shootouts", "gunfight", "firefight", "exchange", "skirmish",
                          "skirmishes"})


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
