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
    _ACT_NOUNS,
    _AFFILIATE_WORDS,
    _CARRY_VERBS,
    _CLASH_NOUNS,
    _EVENT_NOUNS,
    _FIRST_SENTENCE_ONLY,
    _FORCE_WORDS,
    _LINK_WORDS,
    _LEADER_NOUNS,
    _MEMBER_NOUNS,
    _NOT_PLACES,
    _OF_TARGET_NOUNS,
    _OBJECT_VERBS,
    _PERPETRATOR_NOUNS,
    _PLACE_PREPS,
    _ROLE_NOUNS,
    _SUSPECT_MODIFIERS,
    _TARGET_PREPS,
    _TRANSPARENT_WORDS,
    _inflect,
)
from pipeline.schema import Attribution


@dataclass
class _Finding:
    mention: _Mention
    role: str
    attribution: Attribution | None = None
    mutual: bool = False  # a side of a clash: it did and it suffered


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
    member: bool = False  # "two private Pentagon employees": a body's people
    person: Token | None = None  # the person noun of_person passed: "leader", "members"
    preps: list[Token] = field(default_factory=list)  # prepositions passed on the way


@dataclass
class _Entry:
    """What every rule needs to know about the entry being read."""

    doc: Doc
    sentences: list[Span]
    kinds: dict[str, str]
    owner: dict[int, _Mention]
    parsed: bool
    # The entry tells its event in the past tense ("Gunmen stormed ...", news style), not in the
    # report's present ("Gunmen storm ..."): its later sentences in the simple past tell the
    # event too ("Jabhat al-Nusra claimed responsibility").
    past: bool = False
    # Tokens of generic force mentions ("police forces", "security forces"): never a generic
    # perpetrator phrase.
    generic: frozenset[int] = frozenset()


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
    # "Gunmen loyal to the Islamic State", "claiming allegiance to al-Qaeda", "inspired by ISIS":
    # an allegiance names no perpetrator (the guidelines), as an affiliation does not.
    wide = " ".join(t.lower_ for t in doc[max(0, span.start - 4): span.start])
    allegiance = bool(re.search(r"\b(?:loyal|allegiance|loyalty) to(?: the)?$|\binspired by(?: the)?$",
                                wide))
    # "an al-Qaeda affiliate group" is another group; "local al-Qaeda affiliates" clashing with
    # ISIS are al-Qaeda's own fighters, as "al-Qaeda militants" are.
    following = doc[k + 1].lower_ if k + 1 < len(doc) else ""
    affiliate = after == "affiliate" or (after == "affiliates" and following in _GROUP_WORDS)
    return linked, affiliate or allegiance


def _position(mention: _Mention, entry: _Entry, sentence: Span) -> _Position:
    """Climb from a mention to the verb governing its noun phrase, noting what lies between."""
    linked, affiliate = _adjacent_link(mention.span)
    pos = _Position(None, "none", mention.span.root, linked, affiliate)
    cur = mention.span.root
    for _ in range(60):
        # The parser hangs the participle on the last of a list: "Two soldiers, a driver killed".
        nouns = [cur] + [c for c in cur.children if c.dep_ in ("conj", "appos")]
        nouns += [g for c in nouns[1:] for g in c.children if g.dep_ in ("conj", "appos")]
        reduced = next((c for n in nouns for c in n.children if c.dep_ == "acl"
                        and c.i >= mention.span.end and _headline_passive(c)), None)
        if reduced is not None and not _is_verb(cur):
            # "security forces killed in 3 separate attacks", "7 CRPF personnel killed": a
            # reduced relative clause, passive.
            pos.verb, pos.relation, pos.head = reduced, "pass", cur
            return pos
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
        if dep in ("prep", "agent") and cur.lower_ == "by" and not _is_verb(head):
            event = _act_noun_above(head)
            if event is not None:
                # "an attack on the British Council, Karachi by Lashkar-e-Taiba militants": the
                # parser hangs "by" on the last noun before it.
                pos.preps.append(cur)
                pos.verb, pos.relation, pos.head = event, "author", event
                return pos
        if dep == "prep" and cur.lower_ == "of" and head.lower_ in _OF_TARGET_NOUNS:
            pos.verb, pos.relation, pos.head = head, "prep:of", head
            return pos  # "The bombing of the frigate USS Marlin"
        if dep == "poss" and _inside(cur, mention) and head.lower_ in _BRANCH_NOUNS:
            pos.affiliate = True  # "al-Shabaab, al-Qaeda's East African branch, struck ..."
        if dep == "compound" and _inside(cur, mention):
            if head.lower_ in _LEADER_NOUNS:
                pos.of_person = True  # "Al-Qaeda figure killed Ali Saleh" (a title)
                pos.person = head
            elif head.lower_ in _MEMBER_NOUNS:
                pos.member = True  # "two Pentagon employees were killed"
        if head.lower_ in _ACT_NOUNS and not _is_verb(head) and dep == "compound" and (
            not _inside(cur, mention) and cur.i < head.i
        ):
            # "USS Marlin attack": a name before the act noun is what it struck; "US drone
            # strike": a means before it is its author's.
            relation = "prep:on" if cur.tag_.startswith("NNP") else "author"
            pos.verb, pos.relation, pos.head = head, relation, head
            return pos
        if head.lower_ in _ACT_NOUNS and not _is_verb(head) and (
            dep in ("compound", "amod", "nmod", "poss") and cur.i < head.i
            and _inside(cur, mention)
        ):
            # "A raid by Boko Haram", "an ELN ambush", "a Jordanian airstrike", "a police
            # raid": the act noun's author.
            pos.verb, pos.relation, pos.head = head, "author", head
            return pos
        if dep == "prep" and not _inside(cur, mention):
            pos.preps.append(cur)
            objects = {c.lower_ for c in cur.children if c.dep_ == "pobj"}
            if cur.lower_ in _PLACE_PREPS and not _is_verb(head) and not objects & _NOT_PLACES:
                pos.via_place = True
            if cur.lower_ == "of" and head.lower_ in _ROLE_NOUNS:
                pos.of_person = True
                pos.person = head
        if _is_verb(head) and not _transparent(head):
            pos.verb, pos.relation, pos.head = head, _relation(cur), cur
            if pos.relation in ("prep:on", "prep:in") and _after_date(mention, cur):
                pos.relation = "subj"  # "On 3 May 2019 JNIM released a statement ..."
            if pos.relation == "subj" and _headline_passive(head):
                pos.relation = "pass"  # "Guard, driver killed in failed bombing"
            return pos
        if head.lower_ in _LINK_WORDS:
            pos.linked = True
        cur = head
    return pos


def _after_date(mention: _Mention, prep: Token) -> bool:
    """The parser reads a name right after an opening date as the date's: "On 3 May 2019 JNIM
    released ..."."""
    doc = mention.span.doc
    between = doc[prep.i + 1: mention.span.start]
    opening = prep.i == 0 or prep.is_sent_start or doc[prep.i - 1].is_punct
    return opening and len(between) > 0 and all(t.ent_type_ == "DATE" for t in between)


def _headline_passive(verb: Token) -> bool:
    """A participle without its auxiliary, as headlines and lists write the passive: "Guard,
    driver killed in failed bombing", "7 CRPF personnel killed, 20 injured", "One soldier and two
    ELN members killed during heavy combat". Only verbs that always take an object in the active
    voice, and only when nothing stands where the object would ("Soldiers killed three bandits"
    is active)."""
    word = verb.lower_
    if word not in _OBJECT_VERBS or verb.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "xcomp", "prt") for c in verb.children):
        return False
    if any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children):
        return False  # "gunmen shot at the convoy"
    doc = verb.doc
    if verb.i + 1 < len(doc):
        nxt = doc[verb.i + 1]
        if nxt.like_num or nxt.pos_ in ("DET", "NUM", "PROPN") or nxt.tag_ == "PRP$":
            return False  # an object the parser hung elsewhere: "killed nine Tamil soldiers"
    return True


def _act_noun_above(tok: Token) -> Token | None:
    """The act noun a "by" phrase hangs from, through the nouns the parser put between."""
    cur = tok
    for _ in range(6):
        if cur.lower_ in _ACT_NOUNS:
            return cur
        if _is_verb(cur) or cur.head.i == cur.i or cur.dep_ not in (
            "pobj", "conj", "appos", "prep", "compound"
        ):
            return None
        cur = cur.head
    return None


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


# "has been regularly targeted by fighters from Boko Haram": a habit, not the entry's act.
_HABITUAL_WORDS = frozenset({"prone", "similar", "known", "previously", "regularly", "repeatedly",
                             "frequently", "often", "routinely", "usually", "typically"})
_SERIES_WORDS = frozenset({"many", "most", "some", "several", "all", "both", "each", "none",
                           "few", "one"})


def _told_in_past(sentence: Span) -> bool:
    """Whether a first sentence tells its event in the past: more past-tense verbs (and bare
    participles: "Guard, driver killed in ...") than present-tense ones."""
    past = present = 0
    for tok in sentence:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
            continue
        bare = tok.tag_ == "VBN" and (
            tok.dep_ in ("ROOT", "conj") or (tok.dep_ == "acl" and tok.head.dep_ == "ROOT")
        ) and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        if tok.tag_ == "VBD" or bare:
            past += 1  # "killed", "was killed", "Guard, driver killed in ..."
        elif tok.tag_ in ("VBZ", "VBP"):
            present += 1  # "kills", "is killed"
    return past > present


def _simple_past(verb: Token, sentence: Span) -> bool:
    """A clause in the simple past or the present perfect ("killed", "was attacked", "has
    claimed"), not in the past perfect, which tells what came before ("had been kidnapped")."""
    cur = verb
    for _ in range(6):
        auxes = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in ("had", "'d") for a in auxes):
            return False
        if auxes or cur.tag_ in ("VBD", "VBN"):
            return True
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl") and (
            sentence.start <= cur.head.i < sentence.end and cur.head.i != cur.i
        ):
            cur = cur.head
            continue
        return False
    return False


def _narrated(verb: Token, sentence: Span, entry: _Entry) -> bool:
    """The clause tells the entry's event, by its tense: the present in the report's style, the
    simple past too in an entry told in the past."""
    return _present(verb, sentence) or (
        (entry.past or _dated(sentence)) and _simple_past(verb, sentence))


def _dated(sentence: Span) -> bool:
    """A sentence that opens with its own date tells an event whatever its tense: "On March 9,
    ISIS militants blew themselves up at a mosque"."""
    first = sentence[0]
    return first.lower_ in ("on", "in") and len(sentence) > 1 and sentence[1].ent_type_ == "DATE"


def _background(verb: Token, sentence: Span, past: bool = False) -> bool:
    """General statements rather than an act: "Local insurgent groups linked to al-Qaeda are
    known for placing ...", "the area is prone to attacks", "similar to those carried out by",
    "where ISIS fighters targeted soldiers" (a past relative clause)."""
    toll = verb.lower_ == "left" and any(
        t.lower_ in ("dead", "injured", "wounded") for t in verb.subtree)
    if verb.dep_ == "relcl" and verb.tag_ == "VBD" and not toll and not (
        past and verb.head.lower_ in _EVENT_NOUNS
    ):  # not the toll: "attack a fort in Srinagar that left three army personnel dead"
        return True  # not "a car bombing that targeted the army" in a past entry
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _SERIES_WORDS and any(
        p.lower_ == "of" for p in c.children
    ) for c in verb.children):
        return True  # "several attacks, many of which have been claimed by the IS group"
    cur = verb
    for _ in range(8):
        if cur.lower_ in ("known", "prone", "similar") or any(
            c.lower_ in _HABITUAL_WORDS for c in cur.children
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


_GROUP_WORDS = frozenset({"group", "groups", "organization", "organizations", "organisation",
                          "organisations", "network", "networks", "faction", "factions"})


# A group's part or partner named through it: "al-Qaeda's East African branch".
# Not its own parts: "the PKK's armed wing" is the PKK.
_BRANCH_NOUNS = frozenset({"branch", "branches", "affiliate", "affiliates", "franchise",
                           "offshoot", "ally", "allies", "province"})


# Verbs whose object is an attack its subject made: "led a series of attacks", "staged an assault".
_LEAD_VERBS = _inflect("stage", "mount", "unleash", "wage", "orchestrate", "mastermind",
                       "organize", "organise", "spearhead") | {
    "lead", "leads", "led", "leading", "commit", "commits", "committed", "committing", "plan",
    "plans", "planned", "planning"}


def _act_of(verb: Token, first: bool = True) -> Token | None:
    """The act a subject performs: the verb itself, or the act it leads to ("declares itself at
    war with Mali, launching an attack"; "The military subsequently detains approximately 500
    people and launches an operation": detaining is an act only in a first sentence)."""
    candidates = [verb] + [c for c in verb.children if c.dep_ in ("conj", "advcl", "xcomp")]
    for c in candidates:
        if c.lower_ in _ACT_VERBS and (first or c.lower_ not in _FIRST_SENTENCE_ONLY):
            if c.lower_[:4] in ("turn", "hand") and not any(
                t.dep_ == "prt" and t.lower_ == "over" for t in c.children
            ):
                continue  # "has turned the country into a battlefield": no act
            return c
        if c.lower_ in _LEAD_VERBS and any(
            t.dep_ == "dobj" and (t.lower_ in _EVENT_NOUNS or any(
                p.lower_ == "of" and any(o.lower_ in _EVENT_NOUNS for o in p.children)
                for p in t.children))
            for t in c.children
        ):
            return c  # "Al-Shabaab fighters have led a series of raids", "staged an assault"
    return None


def _release_source(mention, pos, suspected) -> list[_Finding] | None:
    """"following their release from a terror group, presumably JNIM": the group released them."""
    for prep in pos.preps:
        if prep.lower_ == "from" and prep.head.lower_ in ("release", "releases"):
            return _perpetrator(mention, suspected)
    return None
