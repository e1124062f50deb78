"""The generic perpetrator phrase of an entry ("armed assailants", "unidentified gunmen"): it
goes to the record's description, lower case and without its article or count, and is never an
actor."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.fields.actors.mentions import _Mention
from pipeline.fields.actors.order import _DETERMINERS, _first_act_verb
from pipeline.fields.actors.parse import (
    _act_of,
    _adjacent_link,
    _complement_chain,
    _Entry,
    _Finding,
    _is_verb,
    _position,
    _narrated,
    _release_source,
    _sentence_of,
)
from pipeline.fields.actors.words import (
    _CLAIM_VERBS,
    _CUE_VERBS,
    _DEFINITE,
    _PERPETRATOR_NOUNS,
    _SAME_DAY,
    _STRUCK_VERBS,
)


_HEDGE_VERBS = frozenset({"believed", "suspected", "thought", "said", "reported"})
_NP_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
# Dropped before a phrase: "More than 100 suspected jihadists", "Two gunmen", "A group of".
_LEADING_NOISE = frozenset({"a", "an", "the", "more", "than", "over", "about", "at", "least",
                            "some", "several"})
_TRAILING_NOISE = frozenset({"and", "or", "with", "to", "of", "from", "links", "ties", "linked"})


def _description(entry: _Entry, findings: list[_Finding]) -> Span | None:
    """The first generic perpetrator phrase: "Armed assailants", "More than 100 suspected
    jihadists" -> "suspected jihadists", "A group of armed men dressed as traditional hunters"
    -> "armed men dressed as traditional hunters"."""
    named_at = sorted(
        f.mention.span.start for f in findings if f.role == "perpetrator" and not f.mention.generic
    )
    named_first = bool(named_at) and _sentence_of(entry, named_at[0]) == 0
    for index, sentence in enumerate(entry.sentences):
        same_day = bool(_SAME_DAY.search(sentence.text))
        later_act = index > 0 and (not named_first or same_day)
        for tok in sentence:
            if tok.lower_ not in _PERPETRATOR_NOUNS or tok.i in entry.owner:
                continue
            if tok.i in entry.generic or (tok.i > 0 and tok.i - 1 in entry.generic):
                continue  # "security forces", "police forces": a force, not a description
            if _definite(tok) and named_at and named_at[0] < sentence.end:
                continue  # "who the group kidnapped": the named group again
            span = None
            if entry.parsed:
                span = _description_from_parse(tok, entry, sentence, index, later_act, same_day)
            if span is None and (not entry.parsed or _position(
                _Mention(tok.doc[tok.i: tok.i + 1], "", None, ""), entry, sentence).verb is None
            ):
                span = _description_from_order(tok, entry, sentence, index)
            if span is not None:
                return span
    return None


def _definite(tok: Token) -> bool:
    """"the assailants", "the group": a phrase that points back at attackers already named."""
    first = tok.doc[min(t.i for t in tok.subtree)] if tok.dep_ != "conj" else tok
    return first.lower_ in _DEFINITE or any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)


def _description_from_parse(tok, entry, sentence, index, later_act, same_day) -> Span | None:
    """The phrase headed by ``tok`` when the parse puts it where a perpetrator stands: subject
    or agent of an act or a claim, or the object of a suspicion ("Security officials suspect
    jihadists planted the bomb", "attributes the attack to "jihadists.""). In a later sentence
    only for a second act ("The same day, unidentified armed men ambush a car") or when the first
    sentence named nobody ("The attacks are reportedly carried out by men on motorcycles")."""
    if (tok.dep_ in _NP_MODIFIER_DEPS and not _is_verb(tok.head)) or any(
        c.lower_ == "no" for c in tok.children
    ):
        return None  # "Islamist" in "Islamist militants"; "No group claims responsibility"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "group":
        return None  # read from its head: "A group of armed men ..."
    probe = _Mention(tok.doc[tok.i: tok.i + 1], "", None, "")
    pos = _position(probe, entry, sentence)
    verb = pos.verb
    if verb is None:
        return None
    word = verb.lower_
    chain = _complement_chain(verb, sentence)
    cue = any(v.lower_ in _CUE_VERBS for v in chain) or word in _CUE_VERBS
    act = _act_of(verb)
    perpetrator = (
        (pos.relation in ("subj", "agent") and (act is not None or word in _CLAIM_VERBS)
         and word not in _STRUCK_VERBS)
        or (word in _CUE_VERBS and pos.relation in ("obj", "prep:to"))
        or _release_source(probe, pos, False) is not None
    )
    if not perpetrator or pos.through_other:
        return None
    if index > 0 and not cue and word not in _CLAIM_VERBS:
        if not later_act or not (same_day or _narrated(verb, sentence, entry)):
            return None
        if _definite(tok):
            return None  # "The assailants kill 10": the attackers already described
    bounds = _phrase_tokens(tok, entry)
    if bounds is None:
        return None
    first, last = bounds
    if pos.relation == "subj" and act is not None and act.i != verb.i and word in _HEDGE_VERBS:
        # "A Malian militia believed to belong to the Fulani ethnic group raids ...": the
        # parser makes "believed" the verb; the hedge belongs to the phrase.
        hedge = [t.i for c in verb.children if c.dep_ == "xcomp" for t in c.subtree]
        last = max(hedge, default=last)
    return _trim(tok.doc[first: last + 1])


def _phrase_tokens(head: Token, entry: _Entry) -> tuple[int, int] | None:
    """First and last token of a generic phrase: its left modifiers and the right modifiers that
    name no actor ("Gunmen with links to AQIM" -> "Gunmen"). A phrase whose modifiers name a
    member group ("JNIM militants", "Militants from the CMA") is no generic phrase."""
    if head.lower_ == "group":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        men = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if men is not None and men.lower_ in _PERPETRATOR_NOUNS:
            return _phrase_tokens(men, entry)
    left = [c for c in head.lefts
            if c.dep_ not in ("det", "nummod", "quantmod", "predet", "cc", "punct")]
    for c in left:
        for t in c.subtree:
            mention = entry.owner.get(t.i)
            if mention is not None and not any(_adjacent_link(mention.span)):
                return None
    first = min([head.i] + [t.i for c in left for t in c.subtree])
    last = head.i
    for c in head.rights:
        if c.dep_ in ("conj", "cc", "appos"):
            break
        ids = [t.i for t in c.subtree]
        names = [i for i in ids if i in entry.owner]
        if names and c.lower_ not in ("dressed", "disguised"):
            if c.lower_ in ("from", "of", "belonging"):
                return None
            break
        last = max(ids)
    return first, last


def _description_from_order(tok, entry, sentence, index) -> Span | None:
    """The generic subject before the first act verb of the first sentence, by token order."""
    verb = _first_act_verb(sentence)
    if verb is None or tok.i > verb or index > 0:
        return None
    doc = sentence.doc
    for i in range(sentence.start, verb):
        mention = entry.owner.get(i)
        if mention is not None and not any(_adjacent_link(mention.span)):
            return None  # "JNIM militants ambush ...": a named group
    floor = sentence.start
    if tok.lower_ == "group" and tok.i + 2 < verb and doc[tok.i + 1].lower_ == "of":
        floor = tok.i + 2  # "A group of armed men dressed as traditional hunters attack"
        tok = doc[floor]
        while tok.i + 1 < verb and tok.lower_ not in _PERPETRATOR_NOUNS:
            tok = doc[tok.i + 1]
    first = tok.i
    while first > floor and (doc[first - 1].is_alpha or doc[first - 1].text == "-") and (
        doc[first - 1].lower_ not in _DETERMINERS
    ):
        first -= 1
    last = tok.i
    while last + 1 < verb and doc[last + 1].lower_ in _PERPETRATOR_NOUNS:
        last += 1  # "Insurgent forces"
    if last + 1 < verb and doc[last + 1].lower_ in ("dressed", "disguised"):
        last = verb - 1
    return _trim(doc[first: last + 1])


def _trim(span: Span) -> Span | None:
    """Drop the article and the count before a phrase and function words after it."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in _LEADING_NOISE or doc[start].like_num):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in _TRAILING_NOISE):
        end -= 1  # "Gunmen with links to" (AQIM) -> "Gunmen"
    return doc[start:end] if start < end else None
