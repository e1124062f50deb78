"""Who claims a figure: the claim scopes of a sentence ("According to the CMA", "the Malian
army claims"), and rival claims for the same victims."""

from __future__ import annotations

import re

from pipeline.fields.casualties.figures import _Found
from pipeline.fields.casualties.reader import _Reader
from pipeline.fields.casualties.words import (
    _ADVERBS,
    _CLAIM_VERBS,
    _CLAUSE_STARTS,
    _CONTRASTS,
    _NOT_A_CLAIM,
)


def _claims(reader: _Reader, s: int, e: int) -> list[tuple[int, int, str | None]]:
    """Claim scopes of a sentence: (first token, end token, who claims).

    "According to the CMA, the attack reportedly kills 97 Malian soldiers, however, the Malian
    army claims 10 soldiers are killed": the CMA claims 97, the Malian army 10. A scope ends at
    the next claim or at a contrast ("however", "but", "while").
    """
    toks = reader.toks
    marks: list[tuple[int, str | None]] = []
    for i in range(s, e):
        low = toks[i].low
        if low == "according" and reader.low(i + 1) == "to":
            j = i + 2
            while j < e and toks[j].text != ",":
                j += 1
            marks.append((j + 1, _who(reader, i + 2, j)))
        elif low in _CLAIM_VERBS and reader.low(i + 1) not in _NOT_A_CLAIM:
            clause = i
            while clause > s and toks[clause - 1].low not in _CLAUSE_STARTS:
                clause -= 1
            marks.append((i + 1, _who(reader, clause, i, leading=low == "claiming")))
    scopes = []
    for n, (start, who) in enumerate(marks):
        stop = marks[n + 1][0] if n + 1 < len(marks) else e
        stop = next((j for j in range(start, stop) if toks[j].low in _CONTRASTS), stop)
        scopes.append((start, stop, who))
    return scopes


def _who(reader: _Reader, i: int, j: int, *, leading: bool = False) -> str | None:
    """The claimant named by tokens ``i`` to ``j``, trimmed of adverbs.

    ``leading`` keeps only the capitalised words that start the clause: "JNIM later releases a
    statement claiming ..." is JNIM's claim.
    """
    toks = reader.toks
    if leading:
        run = i + (1 if reader.low(i) == "the" else 0)
        while run < j and toks[run].cap and toks[run].word:
            run += 1
        j = run
    while j > i and toks[j - 1].low in _ADVERBS | {"it", "that"}:
        j -= 1
    if j <= i:
        return None
    words = reader.text[toks[i].start : toks[j - 1].end]
    # "Tuareg separatists from the Strategic Framework for the Defense of the People of Azawad
    # (CSP-DPA) claim to kill ...": the acronym names the claimant.
    acronym = re.search(r"\(([A-Z][A-Za-z-]+)\)$", words)
    if acronym and j - i > 4:
        return acronym.group(1)
    if j - i > 12:
        return None
    return "t" + words[1:] if words.startswith("The ") else words


def _mark_claims(reader: _Reader, sentences: list[tuple[int, int]], found: list[_Found]) -> None:
    """Who claims each figure, and rival claims: a figure for the same victims as an earlier
    one of the sentence, claimed by someone else after a contrast ("however")."""
    for n, (s, e) in enumerate(sentences):
        scopes = _claims(reader, s, e)
        here = [f for f in found if f.sentence == n]
        for f in here:
            f.claimed_by = next((who for a, b, who in scopes if a <= f.fig.start < b), None)
        for j, b in enumerate(here):
            b.rival = any(
                a.kind == b.kind and a.fig.group == b.fig.group and a.fig.attacker == b.fig.attacker
                and a.claimed_by != b.claimed_by and not (a.part or b.part)
                and any(reader.low(k) in _CONTRASTS for k in range(a.span[1], b.fig.start))
                for a in here[:j]
            )
