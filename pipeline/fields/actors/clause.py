"""The clause a mention stands in, as the role rules of ``claims``, ``victims`` and ``acts`` read
it (``_Clause``), and the actor kinds and verb tests that more than one rule family shares."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from pipeline.fields.actors.mentions import _Mention
from pipeline.fields.actors.parse import _Entry, _Finding, _Position


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


_GROUP_KINDS = frozenset({"jihadist group", "armed group", "militia"})


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
