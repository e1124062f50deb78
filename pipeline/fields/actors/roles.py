"""Deciding each mention's role (perpetrator, target or other) and attribution (claimed,
stated or suspected) from the parse, rule family by rule family: claims and suspicion
(``claims``), victims (``victims``), acts (``acts``), each reading the mention's ``_Clause``
(``clause``). A mention the parse cannot place goes to the token-order fallback (``order``).

Also the merge into one actor per canonical name and role. The main-subject reading, for an entry
whose acts name no perpetrator, is in ``subjects``.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline.fields.actors.acts import _act_roles, _author_roles
from pipeline.fields.actors.claims import _authority_says, _claim_roles, _suspicion_roles
from pipeline.fields.actors.clause import _Clause, _GROUP_KINDS
from pipeline.fields.actors.mentions import _Mention
from pipeline.fields.actors.order import _roles_from_order
from pipeline.fields.actors.parse import (
    _complement_chain,
    _Entry,
    _Finding,
    _name_at,
    _narrated,
    _perpetrator,
    _Position,
    _position,
    _sentence_of,
    _subject_of,
    _suspected_np,
)
from pipeline.fields.actors.victims import _victim_roles
from pipeline.fields.actors.words import (
    _ACT_VERBS,
    _CLAIM_VERBS,
    _CUE_VERBS,
    _FORCE_KINDS,
    _PERPETRATOR_NOUNS,
    _PLACE_NOUNS,
    _STATE_KINDS,
    _SUSPECT_MODIFIERS,
)
from pipeline.schema import Actor, Evidence


def _roles(mention: _Mention, entry: _Entry) -> list[_Finding]:
    index = _sentence_of(entry, mention.span.start)
    sentence = entry.sentences[index]
    sworn = _sworn_attacker(mention, sentence)
    if sworn is not None:
        return sworn
    if entry.parsed:
        pos = _position(mention, entry, sentence)
        if pos.verb is not None:
            found = _roles_from_parse(mention, pos, entry, sentence, index == 0)
            if found is not None:
                return found
    return _roles_from_order(mention, entry, sentence, index == 0)


def _roles_from_parse(mention, pos, entry, sentence, first) -> list[_Finding] | None:
    """Roles from the parse, rule families in order; None hands the mention to token order."""
    chain = _complement_chain(pos.verb, sentence)
    clause = _Clause(
        mention, pos, entry, sentence, first, chain,
        cue=next((v for v in chain
                  if (v.lower_ in _CUE_VERBS or _authority_says(v, entry))
                  and (first or _narrated(v, sentence, entry))), None),
        claim_above=next((v for v in chain if v.lower_ in _CLAIM_VERBS), None),
        suspected=False,
        named_group=mention.kind not in _FORCE_KINDS and not mention.generic,
    )
    if _not_an_actor(clause) or _negated(pos.verb):
        return clause.other()
    clause.suspected = (
        pos.linked or _suspected_np(mention, pos) or _alleged_before(mention, sentence)
        or any(c.dep_ == "advmod" and c.lower_ in _SUSPECT_MODIFIERS
               for v in [pos.verb, *chain] for c in v.children)
    )
    for rule in (_author_roles, _claim_roles, _suspicion_roles, _victim_roles, _act_roles):
        found = rule(clause)
        if found is not None:
            return found
    if clause.relation == "other" and clause.word in _ACT_VERBS:
        return None  # a parse the rules cannot read: "Gunmen with links to AQIM attack"
    return clause.other()


# The attacker's allegiance, written before the group's name: "a suicide bomber, a Turk who
# joined ISIS in Syria, blows himself up", "gunmen, apparently acting in the name of so-called
# Islamic State, stormed the office". The parse seldom links such an aside to the act.
_ALLEGIANCE_BEFORE = re.compile(
    r"(?:\bwho\s+(?:had\s+)?(?:joined|pledged\s+(?:allegiance|loyalty)\s+to)"
    r"|\b(?:acting|operating|fighting)\s+(?:in\s+the\s+name\s+of|on\s+behalf\s+of))"
    r"\s+(?:the\s+)?(?:so[- ]called\s+)?$", re.IGNORECASE)
_HEDGES = frozenset({"apparently", "reportedly", "allegedly", "believed", "suspected", "possibly"})


def _sworn_attacker(mention: _Mention, sentence: Span) -> list[_Finding] | None:
    """A group named as the attacker's allegiance, the attacker named just before it: the
    perpetrator, suspected when the aside hedges it."""
    if mention.kind not in _GROUP_KINDS or mention.generic:
        return None
    doc = sentence.doc
    start = max(sentence.start, mention.span.start - 16)
    before = doc[start: mention.span.start].text
    if not before or _ALLEGIANCE_BEFORE.search(before + " ") is None:
        return None
    words = [t.lower_ for t in doc[sentence.start: mention.span.start]]
    if not any(w in _PERPETRATOR_NOUNS for w in words[-16:]):
        return None
    return _perpetrator(mention, any(w in _HEDGES for w in words[-16:]))


def _negated(verb: Token) -> bool:
    """"Al-Shabaab ... did not claim the attack", "the army has not confirmed": no act."""
    return any(c.dep_ == "neg" for c in verb.children)


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
    acting = {name for name, role in best if role == "perpetrator"}
    for name, role in list(best):
        if role == "target" and name in acting and not best[(name, role)].mutual and (
            best[(name, role)].mention.kind in _GROUP_KINDS
        ):
            # One side of the entry, not both: "ELN guerrillas attacked a police post ... One ELN
            # fighter was also killed in the fighting" (its losses), save a clash between two names.
            del best[(name, role)]
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
