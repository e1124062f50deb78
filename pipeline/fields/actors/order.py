"""The fallback on token order: roles when the parse gives a mention no verb (the small model
reads "JNIM militants fire mortars" as a noun phrase) or there is no parser."""

from __future__ import annotations

from spacy.tokens import Span

from pipeline.fields.actors.parse import _adjacent_link, _Finding, _perpetrator
from pipeline.fields.actors.words import (
    _ACT_VERBS,
    _BLAST_VERBS,
    _CARRY_VERBS,
    _CLAIM_VERBS,
    _CUE_VERBS,
    _FIRST_SENTENCE_ONLY,
    _FORCE_KINDS,
    _HIT_VERBS,
    _LEADER_NOUNS,
    _STATE_KINDS,
    _STRUCK_VERBS,
    _SUSPECT_MODIFIERS,
)


_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "his", "her", "no"})
_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "been", "be"})
# "separatist rebels launch a three-day ambush on Wagner": what comes after is attacked.
_LAUNCH_VERBS = frozenset({"launch", "launches", "carry", "carries"})
_CUE_WORDS = _CUE_VERBS | {"presumably", "allegedly"}


def _roles_from_order(mention, entry, sentence, first) -> list[_Finding]:
    """Roles without a usable parse: the mention's place around the first act verb of its
    clause ("Gunmen fire rockets at the camp; Taliban fighters in suicide vests battle the
    guards": the Taliban open the second clause)."""
    other = [_Finding(mention, "other")]
    sentence = _clause_of(mention, sentence)
    words = [t.lower_ for t in sentence]
    offset = sentence.start
    rel = mention.span.start - offset
    before = words[:rel]
    after = words[mention.span.end - offset:]
    linked, affiliate = _adjacent_link(mention.span)
    named_group = mention.kind not in _FORCE_KINDS and not mention.generic
    verb = _first_act_verb(sentence)
    np_end = verb if verb is not None and verb > mention.span.end else min(
        mention.span.end + 8, sentence.end)
    if affiliate or (linked and any(
        entry.owner.get(i) not in (None, mention) for i in range(mention.span.end, np_end)
    )):
        return other  # "the al-Qaeda-linked Burkinabe jihadist group Ansaroul Islam"
    if mention.kind in _STATE_KINDS and any(w in _CLAIM_VERBS for w in words) and not mention.generic:
        return other
    root = mention.span.root
    if root.dep_ == "compound" and root.head.lower_ in _LEADER_NOUNS:
        return other  # "Al-Qaeda figure killed Ali Saleh" (a title): a person of the group
    suspected = linked or any(w in _SUSPECT_MODIFIERS for w in before[-3:])
    verb_after = _first_act_verb(entry.doc[mention.span.end: sentence.end])
    claimed_after = verb_after is not None and entry.doc[verb_after].lower_ in _CLAIM_VERBS and (
        "." not in entry.doc[mention.span.end: verb_after].text)
    if named_group and (claimed_after or after[:2] in (["takes", "credit"], ["take", "credit"])):
        # "Tuareg separatists from the Strategic Framework ... (CSP-DPA) claim to kill ..."
        return [_Finding(mention, "perpetrator", "claimed")]
    if named_group and (
        before[-2:] == ["claimed", "by"] or " ".join(before[-3:]).endswith("conjunction with")
    ):
        return [_Finding(mention, "perpetrator", "claimed")]
    cue = next((k for k, w in enumerate(words) if w in _CUE_WORDS), None)
    if cue is not None and cue < rel and named_group:
        return _perpetrator(mention, True)
    if named_group and before[-1:] == ["by"] and len(before) > 1 and before[-2] not in _CARRY_VERBS:
        return _perpetrator(mention, suspected)  # "diplomats kidnapped by MUJAO", "carried out by"
    if verb is None:
        return other
    k = verb - offset
    passive = k > 0 and words[k - 1] in _PASSIVE_AUX
    if rel < k:
        if (passive and words[k] in _HIT_VERBS) or words[k] in _STRUCK_VERBS:
            return [_Finding(mention, "target")]
        if mention.generic or (words[k] in _FIRST_SENTENCE_ONLY and not first):
            return other
        if not first and not words[k].endswith("s") and not entry.past:
            return other  # later sentences count in the entry's tense: "JNIM claims"
        return _perpetrator(mention, suspected)
    if passive and "by" in words[k:rel]:
        return other if mention.generic else _perpetrator(mention, suspected)
    if words[k] in _HIT_VERBS or words[k] in _BLAST_VERBS or words[k] in _LAUNCH_VERBS:
        return [_Finding(mention, "target")]
    return other


def _clause_of(mention, sentence: Span) -> Span:
    """The part of a sentence between semicolons that holds the mention."""
    start, end = sentence.start, sentence.end
    for tok in sentence:
        if tok.text == ";":
            if tok.i < mention.span.start:
                start = tok.i + 1
            elif tok.i >= mention.span.end:
                end = tok.i
                break
    return sentence.doc[start:end] if start < end else sentence


# Words before an act noun: "a mortar attack", "a three-day ambush", "a suicide bomber".
_NOUN_MODIFIERS = _DETERMINERS | {"suicide", "mortar", "car", "roadside", "day", "joint",
                                  "coordinated", "deadly", "double", "-", "overnight", "air",
                                  "drone", "missile", "rocket"}


def _first_act_verb(sentence: Span) -> int | None:
    """Index of the first word used as an act verb. Not after a determiner or a modifier ("the
    ambush", "a mortar attack"); the tagger is not asked, as it reads "Gunmen storm Le
    Campement" and "JNIM militants fire mortars" with nouns for verbs."""
    previous = None
    for tok in sentence:
        word = tok.lower_
        if (word in _ACT_VERBS or word in _STRUCK_VERBS or word in _BLAST_VERBS
                or word in _CLAIM_VERBS) and (
            previous not in _NOUN_MODIFIERS and not (previous or "x").isdigit()
        ):
            return tok.i
        previous = word
    return None
