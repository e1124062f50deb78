"""Attribution: the claim and suspicion rule families. Who claims an act ("JNIM claims
responsibility", "ISIS said it carried out the bombing"), who speaks for a group (its spokesman),
and whom others blame or suspect ("The attack is attributed to IRSAD"); an authority's word that
a group did it is an allegation."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pipeline.fields.actors.clause import _Clause, _GROUP_KINDS, _names_culprit
from pipeline.fields.actors.mentions import _Mention
from pipeline.fields.actors.parse import (
    _act_of,
    _background,
    _Entry,
    _Finding,
    _governing_verb,
    _inside,
    _name_at,
    _narrated,
    _perpetrator,
    _subject_of,
    _subject_side,
)
from pipeline.fields.actors.words import (
    _ACT_VERBS,
    _CLAIM_VERBS,
    _CUE_VERBS,
    _CULPRIT,
    _EVENT_NOUNS,
    _HIT_VERBS,
    _LEADER_NOUNS,
    _STATE_KINDS,
)


def _authority_says(verb: Token, entry: _Entry) -> bool:
    """"The attack was carried out by the Haqqani network, officials said": an authority's word
    that a group did it is an allegation, as a suspicion is."""
    if verb.lower_ not in _SAY_VERBS:
        return False
    subject = _subject_of(verb)
    if subject is None:
        return False
    mention = entry.owner.get(subject.i)
    if mention is not None:
        return mention.kind in _STATE_KINDS or mention.kind == "government body"
    return subject.lower_ in _AUTHORITY_NOUNS


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
    takes_credit = word in ("takes", "take", "took", "taken", "taking") and any(
        _RESPONSIBILITY.match(t.lower_) for t in c.verb.subtree)  # "took responsibility"
    if relation == "subj" and mention.kind in _GROUP_KINDS and any(
        t.dep_ == "dobj" and t.lower_ in _STATEMENT_NOUNS and any(
            d.lower_ in _CLAIM_VERBS and any(
                o.dep_ == "dobj" and (o.lower_ in _EVENT_NOUNS or _RESPONSIBILITY.match(o.lower_))
                for o in d.children)
            for d in t.children)
        for t in c.verb.children
    ):
        return [_Finding(mention, "perpetrator", "claimed")]  # "issued a statement claiming the raid"
    if relation == "subj" and mention.kind in _GROUP_KINDS and (
        word in _SAY_VERBS or word in ("stated", "states", "admitted", "admits")
    ) and any(
        x.dep_ == "ccomp" and any(t.dep_ in ("nsubj", "nsubjpass") and t.tag_ == "PRP"
                                  for t in x.children)
        and (_act_of(x) is not None or _names_culprit(x))
        for x in c.verb.children
    ) and (c.first or _narrated(c.verb, c.sentence, c.entry)):
        return [_Finding(mention, "perpetrator", "claimed")]  # "ISIS said it carried out the bombing"
    if relation == "subj" and mention.kind in _STATE_KINDS and c.first and word in _SAY_VERBS and any(
        x.dep_ == "ccomp" and any(t.dep_ == "nsubj" and t.lower_ in ("it", "they") for t in x.children)
        and _act_of(x) is not None
        for x in c.verb.children
    ):
        return _perpetrator(mention, False)  # "The army said it killed 30 Boko Haram fighters"
    if _claims_in_relative(mention):
        return [_Finding(mention, "perpetrator", "claimed")]  # "The Taliban, who claimed responsibility, ..."
    if (word in _CLAIM_VERBS or takes_credit) and relation in ("subj", "agent"):
        if mention.kind in _STATE_KINDS or mention.kind == "government body" or mention.generic:
            return c.other()  # "The Malian army claims it neutralized 31 of the attackers"
        if _background(c.verb, c.sentence, c.entry.past):
            return c.other()  # "a series of attacks, many of which IS claimed"
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
    if c.named_group and any(p.lower_ == "of" and p.head.lower_ in _HALLMARK_NOUNS
                             for p in c.pos.preps):
        return _perpetrator(c.mention, True)  # "the raid bore the hallmarks of al-Qaeda"
    if c.word not in _CUE_VERBS or not (c.first or _narrated(c.verb, c.sentence, c.entry)):
        return None
    if c.relation in ("obj", "prep:to", "prep:on", "agent", "other") and not _subject_side(
        c.mention, c.verb
    ):  # "a raid blamed on Boko Haram"
        if c.named_group or (c.relation == "obj" and _accused_of_harm(c.verb)):
            return _perpetrator(c.mention, True)
        return c.other()
    if c.named_group and c.relation == "pass" and any(
        x.dep_ == "xcomp" and _names_culprit(x) for x in c.verb.children
    ):
        return _perpetrator(c.mention, True)  # "fighters of al-Shabaab are believed to be behind it"
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


def _claims_an_act(verb: Token, sentence: Span) -> bool:
    """"claims responsibility", "claims to ambush", "claims that it carried out the attack",
    "claims to have booby-trapped a Wagner convoy"; not "claims its West African branch caused
    the collision". The words after the verb are read too: the parser makes "JNIM claims
    responsibility." a noun phrase with "claims" as a compound."""
    after = sentence.doc[verb.i + 1: min(verb.i + 12, sentence.end)]
    for tok in [*verb.subtree, *after]:
        word = tok.lower_
        if _RESPONSIBILITY.match(word) or word in _EVENT_NOUNS:
            return True
        if word in _ACT_VERBS or word in _HIT_VERBS:
            return True
    return False


def _claims_in_relative(mention: _Mention) -> bool:
    """A relative clause of the group that claims the act: "The Taliban, who claimed
    responsibility, said ...", "Boko Haram, which claimed the raid, ..."."""
    root = mention.span.root
    heads = [root] + ([root.head] if root.dep_ == "compound" else [])
    return mention.kind in _GROUP_KINDS and any(
        v.dep_ == "relcl" and v.lower_ in _CLAIM_VERBS and any(
            t.dep_ == "dobj" and (t.lower_ in _EVENT_NOUNS or _RESPONSIBILITY.match(t.lower_))
            for t in v.children)
        for h in heads for v in h.children
    )


def _after_conjunction_with(span: Span) -> bool:
    """"Al-Mourabitoun claims that it carried out the attack in conjunction with AQIM"."""
    before = span.doc[max(0, span.start - 4): span.start].text.lower()
    return bool(re.search(r"\b(?:conjunction with|together with|jointly with|alongside)$", before))


def _spokesman_says(c: _Clause) -> list[_Finding] | None:
    """A group's spokesman or commander speaking for it: "A Taliban spokesman says the blast was
    aimed at the visiting minister", "a Taliban commander tells a news agency": the group's word,
    a claim when it takes responsibility. A force's or a body's in the first sentence ("Operation
    Barkhane's commander told a press briefing that ...")."""
    pos = c.pos
    if not (pos.of_person and pos.person is not None and pos.person.lower_ in _LEADER_NOUNS):
        return None
    if c.relation != "subj" or c.word not in _SAY_VERBS:
        return None
    if c.mention.kind not in _GROUP_KINDS and not (c.first and not c.mention.generic):
        return None  # a force's or a body's word is the entry's act only in its first sentence
    if not (c.first or _narrated(c.verb, c.sentence, c.entry)):
        return None
    told = [t for child in c.verb.children if child.dep_ in ("ccomp", "dobj", "xcomp")
            for t in child.subtree]
    owned = any(_RESPONSIBILITY.match(t.lower_) for t in told)
    return [_Finding(c.mention, "perpetrator", "claimed" if owned else "stated")]


# "claims responsibility", "took credit", "claimed authorship"; the tokenizer may leave a
# reference mark on the word ("responsibility.[1").
_RESPONSIBILITY = re.compile(r"(?:responsibility|credit|authorship)\b")
_HALLMARK_NOUNS = frozenset({"hallmarks", "hallmark", "signature", "trademarks", "trademark"})
_STATEMENT_NOUNS = frozenset({"statement", "statements", "video", "communique", "message",
                             "audio", "recording", "post"})
# Who speaks for the state: "officials said", "police say".
_AUTHORITY_NOUNS = frozenset({"officials", "official", "police", "authorities", "government",
                              "army", "military", "ministry", "spokesman", "spokesperson",
                              "governor", "minister", "president", "prosecutors", "prosecutor",
                              "investigators"})
# Verbs of speaking for a group.
_SAY_VERBS = frozenset({"says", "say", "said", "tells", "tell", "told", "warns", "warned",
                        "announces", "announced", "threatens", "threatened", "vows", "vowed"})
