"""Finding the figures of a sentence in the four shapes the report uses (``verb_object``,
``subject_verb``, ``noun_of``, ``left_state``), each attached to its casualty word."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.fields.casualties.reader import _Fig, _Found, _Items, _Reader
from pipeline.fields.casualties.words import (
    _ACTIVE,
    _ADVERBS,
    _APOSTROPHE_S,
    _AUX,
    _CLAUSE_STARTS,
    _HOLD,
    _LEAVE,
    _NOUN_OF,
    _STATE_FORCES,
    _STATES,
    _TAKE,
)
from pipeline.schema import CasualtyKind


def _read_sentence(reader: _Reader, n: int, s: int, e: int) -> list[_Found]:
    """The figures of one sentence (tokens ``s`` to ``e``), attached to their casualty words."""
    toks, found = reader.toks, []
    words = [i for i in range(s, e) if reader.is_verb(i) or toks[i].low in _NOUN_OF]

    def attach(items: _Items, kind: CasualtyKind, shape: str, anchor: tuple[int, int]) -> None:
        for fig, part in items:
            span = (min(anchor[0], fig.start), max(anchor[1], fig.end))
            found.append(_Found(fig, kind, shape, span, n, part=part))

    for t in words:
        if t not in reader.consumed:
            _read_after(reader, t, s, e, attach)
    _read_subjects(reader, s, e, attach)
    _read_named_subjects(reader, s, e, attach)
    for f in found:
        before = [t for t in words if t < f.span[0]]
        after = [t for t in words if t >= f.span[1]]
        f.clause = (before[-1] + 1 if before else s, after[0] if after else e)
    return sorted(found, key=lambda f: f.fig.start)


_Attach = Callable[[_Items, CasualtyKind, str, tuple[int, int]], None]


def _read_after(reader: _Reader, t: int, s: int, e: int, attach: _Attach) -> None:
    """verb_object, noun_of and left_state: the figures after the casualty word at ``t``."""
    low = reader.low(t)
    if low in _NOUN_OF and reader.low(t + 1) == "of":
        if low == "lives" and reader.low(t - 1) != "the":
            return
        got = reader.read_list(t + 2, e, s, passive=False)
        if got:
            # "claims the lives of": the evidence starts at "claims".
            claims = low == "lives" and reader.low(t - 2).startswith("claim")
            attach(got[0], _NOUN_OF[low], "noun_of", (t - 2 if claims else t, t + 2))
            reader.consumed.update(range(t, got[1]))
        return
    if low in _LEAVE:
        _read_left(reader, t, s, e, attach)
        return
    before = reader.low(t - 1)
    if low not in _ACTIVE or before in _AUX or (before in _ADVERBS and reader.low(t - 2) in _AUX):
        return  # "are killed", "are reportedly massacred": a passive, read with its subject
    start = t + 1
    if reader.low(start) == "along" and reader.low(start + 1) == "with":
        start += 2  # "killed along with at least three other people"
    got = reader.read_list(start, e, s, passive=False)
    if not got:
        return
    items, stop = got
    if low in _TAKE:
        items = [(f, p) for f, p in items if f.noun in ("hostage", "hostages")]
    elif low in _HOLD:
        items = [(f, p) for f, p in items if f.noun is not None and not f.person]
        if reader.low(stop) == "hostage":
            stop += 1
    if items:
        attach(items, _captor_kind(reader, _ACTIVE[low], t, s, e), "verb_object", (t, t + 1))
        reader.consumed.update(range(t, stop))


def _captor_kind(reader: _Reader, kind: CasualtyKind, t: int, s: int, e: int) -> CasualtyKind:
    """A capture by state forces is an arrest: "French soldiers deployed under Operation
    Barkhane captured Oumeya Ould Albakaye"; "The assailants also capture seven fighters" stays
    a capture, counted with the kidnapped."""
    if kind != "captured":
        return kind
    if reader.low(t + 1) == "by":
        captor = range(t + 2, min(e, t + 8))
    else:
        start = t
        while start > s and reader.low(start - 1) not in _CLAUSE_STARTS:
            start -= 1
        captor = range(start, t)
    return "arrested" if any(reader.low(k) in _STATE_FORCES for k in captor) else kind


def _read_left(reader: _Reader, t: int, s: int, e: int, attach: _Attach) -> None:
    """"leave 14 soldiers dead and 11 wounded", "left six others wounded"."""
    k, stop = t + 1, t
    while True:
        fig = reader.figure(k, e, s, bare=True, person=False)
        if fig is None or reader.low(fig.end) not in _STATES:
            break
        stop = fig.end + 1
        attach([(fig, False)], _STATES[reader.low(fig.end)], "left_state", (t, stop))
        if reader.low(stop) != "and":
            break
        k = stop + 1
    reader.consumed.update(range(t, stop))


def _read_subjects(reader: _Reader, s: int, e: int, attach: _Attach) -> None:
    """subject_verb: figures before a passive or intransitive verb."""
    i = s
    while i < e:
        got = None if i in reader.consumed else reader.read_list(i, e, s, passive=True)
        verb = reader.passive(got[1], e) if got else None
        if (
            got is None
            or verb is None
            or any(j in reader.consumed for j in range(i, got[1]))
            or verb[1] - 1 in reader.consumed  # "two Islamists killed 20 people": active
        ):
            i += 1
            continue
        kind = _captor_kind(reader, verb[0], verb[1] - 1, s, e)
        attach(got[0], kind, "subject_verb", (got[1], verb[1]))
        reader.consumed.update(range(i, verb[1]))
        i = verb[1]


def _read_named_subjects(reader: _Reader, s: int, e: int, attach: _Attach) -> None:
    """A named person before a singular passive: "Soumailia Cisse is kidnapped"."""
    for t in range(s, e):
        if reader.low(t) not in ("is", "was") or t in reader.consumed:
            continue
        verb = reader.passive(t, e)
        if verb is None:
            continue
        j = t
        while j > s and reader.name_run(j - 1, t) == t:
            j -= 1
        if j == t or any(k in reader.consumed for k in range(j, t)):
            continue
        if reader.low(j - 1) in ("the", "a", "an") or _APOSTROPHE_S.search(reader.toks[t - 1].text):
            continue
        kind = _captor_kind(reader, verb[0], verb[1] - 1, s, e)
        attach([(_Fig(j, t, 1, 1, "exact", person=True), False)], kind, "subject_verb",
               (t, verb[1]))
        reader.consumed.update(range(j, verb[1]))
