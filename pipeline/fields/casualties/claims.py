"""Who claims a figure: the claim scopes of a sentence ("According to the CMA", "the Malian
army claims"), and rival claims for the same victims."""

from __future__ import annotations

import re
from bisect import bisect_right

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
        # Within the sentence: "according to" without a comma after it runs to its end, and
        # its scope starts past it (read past the entry's last token, this raised IndexError).
        stop = next((j for j in range(start, min(stop, e)) if toks[j].low in _CONTRASTS), stop)
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
    one of the sentence, claimed by someone else after a contrast ("however").

    Linear in the figures (issue #18): a contrast between an earlier figure and this one lies
    between them exactly when it lies between this one and the earliest end of such a figure.
    So the figures keep, for their victims, the earliest end of each of the two claimants whose
    ends are earliest (the earliest of another claimant is among them), and a count of the
    contrasts before each token tells whether one lies between.
    """
    by_sentence: dict[int, list[_Found]] = {}
    for f in found:
        by_sentence.setdefault(f.sentence, []).append(f)
    contrasts = _Contrasts(reader)
    for n, (s, e) in enumerate(sentences):
        here = by_sentence.get(n, [])
        if not here:
            # No figure to claim: the scopes are not needed (reading them has no effect).
            continue
        claimant = _Claimants(_claims(reader, s, e))
        for f in here:
            f.claimed_by = claimant.of(f.fig.start)
        # Victims (kind, group, attackers) -> [earliest end, claimant] of the figures told
        # before, at most two claimants, the earliest first.
        earliest: dict[tuple, list[list]] = {}
        for b in here:
            key = (b.kind, b.fig.group, b.fig.attacker)
            ends = earliest.setdefault(key, [])
            if b.part:
                b.rival = False
                continue
            first = next((end for end, who in ends if who != b.claimed_by), None)
            b.rival = first is not None and contrasts.between(first, b.fig.start)
            _keep_earliest(ends, b.span[1], b.claimed_by)


class _Claimants:
    """Who claims a token: the first claim scope that holds it.

    Scopes that start in order are apart (each ends where the next starts at the latest): only
    the last one that starts at or before the token can hold it, found by bisection. Others
    ("according to" a claimant named after a claim verb) are scanned in order."""

    def __init__(self, scopes: list[tuple[int, int, str | None]]):
        self.scopes = scopes
        self.starts = [a for a, _, _ in scopes]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))

    def of(self, k: int) -> str | None:
        if not self.ordered:
            return next((who for a, b, who in self.scopes if a <= k < b), None)
        last = bisect_right(self.starts, k) - 1
        return self.scopes[last][2] if last >= 0 and k < self.scopes[last][1] else None


def _keep_earliest(ends: list[list], end: int, who: str | None) -> None:
    """Keep ``end`` for the claimant ``who`` in ``ends``: the earliest end of each of the two
    claimants whose ends are earliest, the earliest first. A claimant left out has ends no
    earlier than those of the two kept, and the kept ends only move earlier: it is never
    needed again."""
    for item in ends:
        if item[1] == who:
            item[0] = min(item[0], end)
            break
    else:
        ends.append([end, who])
    ends.sort(key=lambda item: item[0])
    del ends[2:]


class _Contrasts:
    """Whether a contrast ("however", "but", "while") lies between two tokens: a count of the
    contrasts before each token, made once per entry as the sentences ask for it."""

    def __init__(self, reader: _Reader):
        self.reader = reader
        self.counts = [0]  # contrasts before token k: counts[k]

    def before(self, k: int) -> int:
        counts, reader = self.counts, self.reader
        while len(counts) <= k:
            n = len(counts) - 1
            counts.append(counts[-1] + (reader.low(n) in _CONTRASTS))
        return counts[k]

    def between(self, i: int, j: int) -> bool:
        """A contrast among the tokens ``i`` to ``j`` (``j`` left out)."""
        return i < j and self.before(j) > self.before(i)
