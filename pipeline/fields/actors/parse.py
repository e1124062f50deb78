"""Reading the dependency parse around a mention: the verb that governs its noun phrase and
how, the tense of its clause, the verbs above it, and the token tests the role rules share.

Also the records that pass between the rules: ``_Entry`` (what every rule knows about the
entry being read) and ``_Finding`` (a mention with a role).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.fields.actors.mentions import _Mention
from pipeline.fields.actors.words import (
    _ACT_VERBS,
    _AFFILIATE_WORDS,
    _CARRY_VERBS,
    _CLASH_NOUNS,
    _EVENT_NOUNS,
    _FIRST_SENTENCE_ONLY,
    _FORCE_WORDS,
    _LINK_WORDS,
    _NOT_PLACES,
    _PERPETRATOR_NOUNS,
    _PLACE_PREPS,
    _ROLE_NOUNS,
    _SUSPECT_MODIFIERS,
    _TARGET_PREPS,
    _TRANSPARENT_WORDS,
)
from pipeline.schema import Attribution


@dataclass
class _Finding:
    mention: _Mention
    role: str
    attribution: Attribution | None = None


@dataclass
class _Position:
    """Where a mention's noun phrase stands in its clause: the verb governing it, and how."""

    verb: Token | None
    relation: str  # subj, pass, obj, agent, attr, prep:<word>, other, none
    head: Token  # the last token before the verb: the head of the noun phrase
    linked: bool = False  # reached through "linked to", "with links to", "X-linked"
    affiliate: bool = False  # "an al-Qaeda affiliate group"
    through_other: bool = False  # the phrase is another actor's: "GSIM" in "JNIM (GSIM)"
    via_place: bool = False  # under "in", "near" ...: "a known ISIS hideout" in a region
    of_person: bool = False  # "a former senior leader of ... Ansar Dine"
    preps: list[Token] = field(default_factory=list)  # prepositions passed on the way


@dataclass
class _Entry:
    """What every rule needs to know about the entry being read."""

    doc: Doc
    sentences: list[Span]
    kinds: dict[str, str]
    owner: dict[int, _Mention]
    parsed: bool


def _sentence_of(entry: _Entry, i: int) -> int:
    for k, s in enumerate(entry.sentences):
        if s.start <= i < s.end:
            return k
    return len(entry.sentences) - 1


def _is_verb(tok: Token) -> bool:
    """A verb of the parse, minus the nouns the small model tags as verbs ("JNIM militants fire
    mortars" parsed with "militants" as the root) and the prepositions "including", "among"."""
    word = tok.lower_
    if word in _PERPETRATOR_NOUNS or word in _FORCE_WORDS or word in _TRANSPARENT_WORDS:
        return False
    if word in _LINK_WORDS and tok.i > 0 and (tok.nbor(-1).text == "-" or tok.nbor(-1).tag_ == "NNP"):
        return False  # "Al-Qaeda linked militants attack": an adjective, not the main verb
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")


def _transparent(verb: Token) -> bool:
    """Participles a climb goes through: "Al-Qaeda linked militants", "a convoy carrying U.N.
    peacekeepers", "the Hotel Nord Sud, where the headquarters of the European Union training
    mission is based"; not "carried out", which is an act."""
    if verb.dep_ not in ("amod", "acl", "relcl"):
        return False
    word = verb.lower_
    if word in _CARRY_VERBS:
        return not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return word in _LINK_WORDS or verb.dep_ == "amod"


def _adjacent_link(span: Span) -> tuple[bool, bool]:
    """(linked, affiliate) from the words around a mention: "al-Qaeda-linked", "al-Qaeda
    affiliated", "an al-Qaeda affiliate group", "with links to AQIM"."""
    doc = span.doc
    k = span.end
    while k < len(doc) and doc[k].text == "-":
        k += 1
    after = doc[k].lower_ if k < len(doc) else ""
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 3): span.start])
    linked = after in _LINK_WORDS or bool(re.search(r"\b(?:links|linked|ties|tied) to$", before))
    return linked, after in _AFFILIATE_WORDS


def _position(mention: _Mention, entry: _Entry, sentence: Span) -> _Position:
    """Climb from a mention to the verb governing its noun phrase, noting what lies between."""
    linked, affiliate = _adjacent_link(mention.span)
    pos = _Position(None, "none", mention.span.root, linked, affiliate)
    cur = mention.span.root
    for _ in range(60):
        head = cur.head
        if head.i == cur.i or not sentence.start <= head.i < sentence.end:
            pos.head = cur
            return pos
        other = entry.owner.get(head.i)
        if other is not None and other is not mention and not other.generic:
            # "JNIM and AQIM" share a role; "(GSIM)" after "Group to Support Islam and Muslims"
            # or "al-Qaeda" in "The al-Qaeda-linked Group ..." only belong to the other name.
            if cur.dep_ != "conj":
                pos.through_other = True
            if other.span.root.i != cur.i and other.span.root.i != head.i:
                cur = other.span.root
                continue
        dep = cur.dep_
        if dep in ("prep", "agent") and cur.lower_ in _TARGET_PREPS | {"between"} and (
            head.lower_ in _EVENT_NOUNS | _CLASH_NOUNS
        ):
            pos.verb, pos.relation, pos.head = head, f"prep:{cur.lower_}", head
            return pos
        if dep == "prep" and not _inside(cur, mention):
            pos.preps.append(cur)
            objects = {c.lower_ for c in cur.children if c.dep_ == "pobj"}
            if cur.lower_ in _PLACE_PREPS and not _is_verb(head) and not objects & _NOT_PLACES:
                pos.via_place = True
            if cur.lower_ == "of" and head.lower_ in _ROLE_NOUNS:
                pos.of_person = True
        if _is_verb(head) and not _transparent(head):
            pos.verb, pos.relation, pos.head = head, _relation(cur), cur
            return pos
        if head.lower_ in _LINK_WORDS:
            pos.linked = True
        cur = head
    return pos


def _relation(child: Token) -> str:
    dep = child.dep_
    if dep in ("nsubj", "csubj", "expl"):
        return "subj"
    if dep == "nsubjpass":
        return "pass"
    if dep in ("dobj", "dative", "oprd"):
        return "obj"
    if dep in ("attr", "agent"):
        return dep
    if dep == "prep":
        return f"prep:{child.lower_}"
    if dep in ("compound", "npadvmod", "nmod") and child.i < child.head.i:
        return "subj"  # "Gunmen attack and burn down ..." parsed with "Gunmen" as a compound
    return "other"


def _complement_chain(verb: Token, sentence: Span) -> list[Token]:
    """The verbs above ``verb`` whose complement it is: "it is suspected that JNIM was behind",
    "Police claim IS Sahel was responsible". Not across "but": "No group claims responsibility,
    but the Malian government believes ..." does not put the belief under the claim."""
    chain = []
    cur = verb
    for _ in range(8):
        if not sentence.start <= cur.head.i < sentence.end or cur.head.i == cur.i:
            break
        if cur.dep_ in ("ccomp", "xcomp", "auxpass", "csubj"):
            cur = cur.head
            chain.append(cur)
        elif cur.dep_ == "conj" and cur.head.dep_ in ("ccomp", "xcomp"):
            cur = cur.head  # "claims 10 soldiers are killed and 47 CMA terrorists were neutralized"
        else:
            break
    return chain


def _present(verb: Token, sentence: Span) -> bool:
    """True when the clause of ``verb`` is in the present tense: "kills", "is kidnapped",
    "claims to ambush". The report tells background in the past ("was kidnapped in 2021")."""
    cur = verb
    for _ in range(6):
        auxes = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "VBD" or a.lower_ in ("had", "was", "were") for a in auxes):
            return False
        if any(a.tag_ in ("VBZ", "VBP") or a.lower_ in ("is", "are", "has", "have") for a in auxes):
            return True
        if cur.tag_ in ("VBZ", "VBP"):
            return True
        if cur.tag_ == "VBD":
            return False
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl") and (
            sentence.start <= cur.head.i < sentence.end and cur.head.i != cur.i
        ):
            cur = cur.head
            continue
        return False
    return False


def _background(verb: Token, sentence: Span) -> bool:
    """General statements rather than an act: "Local insurgent groups linked to al-Qaeda are
    known for placing ...", "the area is prone to attacks", "similar to those carried out by",
    "where ISIS fighters targeted soldiers" (a past relative clause)."""
    if verb.dep_ == "relcl" and verb.tag_ == "VBD":
        return True
    cur = verb
    for _ in range(8):
        if cur.lower_ in ("known", "prone", "similar") or any(
            c.lower_ in ("prone", "similar", "known", "previously") for c in cur.children
        ):
            return True
        if cur.head.i == cur.i or not sentence.start <= cur.head.i < sentence.end:
            return False
        cur = cur.head
    return False


def _suspected_np(mention: _Mention, pos: _Position) -> bool:
    """'Suspected JNIM militants', 'alleged members of JNIM', 'presumably JNIM'."""
    doc = mention.span.doc
    window = doc[max(0, mention.span.start - 3): mention.span.start]
    if any(t.lower_ in _SUSPECT_MODIFIERS for t in window):
        return True
    return any(c.lower_ in _SUSPECT_MODIFIERS for c in pos.head.children)


def _perpetrator(mention: _Mention, suspected: bool) -> list[_Finding]:
    return [_Finding(mention, "perpetrator", "suspected" if suspected else "stated")]


def _inside(tok: Token, mention: _Mention) -> bool:
    return mention.span.start <= tok.i < mention.span.end


def _name_at(entry: _Entry, tok: Token | None) -> str | None:
    if tok is None:
        return None
    mention = entry.owner.get(tok.i)
    if mention is not None:
        return mention.name
    for t in tok.subtree:
        mention = entry.owner.get(t.i)
        if mention is not None and t.head.i == tok.i and t.dep_ in ("compound", "amod", "nmod"):
            return mention.name
    return None


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _subject_side(mention: _Mention, verb: Token) -> bool:
    subject = _subject_of(verb)
    return subject is not None and any(_inside(t, mention) for t in subject.subtree)


def _verb_chain(verb: Token, sentence: Span) -> list[Token]:
    chain = [verb]
    cur = verb
    while cur.head.i != cur.i and sentence.start <= cur.head.i < sentence.end:
        cur = cur.head
        if _is_verb(cur):
            chain.append(cur)
    return chain


def _governing_verb(tok: Token, sentence: Span) -> Token | None:
    cur = tok
    while cur.head.i != cur.i and sentence.start <= cur.head.i < sentence.end:
        cur = cur.head
        if _is_verb(cur):
            return cur
    return None


def _act_of(verb: Token, first: bool = True) -> Token | None:
    """The act a subject performs: the verb itself, or the act it leads to ("declares itself at
    war with Mali, launching an attack"; "The military subsequently detains approximately 500
    people and launches an operation": detaining is an act only in a first sentence)."""
    candidates = [verb] + [c for c in verb.children if c.dep_ in ("conj", "advcl", "xcomp")]
    for c in candidates:
        if c.lower_ in _ACT_VERBS and (first or c.lower_ not in _FIRST_SENTENCE_ONLY):
            return c
    return None


def _release_source(mention, pos, suspected) -> list[_Finding] | None:
    """"following their release from a terror group, presumably JNIM": the group released them."""
    for prep in pos.preps:
        if prep.lower_ == "from" and prep.head.lower_ in ("release", "releases"):
            return _perpetrator(mention, suspected)
    return None
