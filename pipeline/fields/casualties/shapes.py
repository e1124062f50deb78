"""Finding the figures of a sentence in their shapes (``verb_object``, ``subject_verb``,
``noun_of``, ``left_state``; ``toll`` in ``tolls``, ``field`` and ``table_row`` in ``rows``),
each attached to its casualty word."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from pipeline.fields.casualties.figures import _Fig, _Found, _Items
from pipeline.fields.casualties.reader import _Reader
from pipeline.fields.casualties.rows import _read_rows
from pipeline.fields.casualties.tolls import _read_tolls
from pipeline.fields.casualties.words import (
    _ADVERBS,
    _APOSTROPHE_S,
    _AUX,
    _CLAUSE_STARTS,
    _COMMIT,
    _FATAL_NOUNS,
    _FOUND,
    _HIJACK,
    _HOLD,
    _INCLUDING,
    _INTENT,
    _LEAVE,
    _MODALS,
    _NOUN_OF,
    _PRONOUNS,
    _REFLEXIVES,
    _SEE,
    _SHOOT,
    _STATE_FORCES,
    _STATES,
    _TAKE,
)
from pipeline.schema import CasualtyKind


def _read_sentence(reader: _Reader, n: int, s: int, e: int) -> list[_Found]:
    """The figures of one sentence (tokens ``s`` to ``e``), attached to their casualty words."""
    toks, found = reader.toks, []
    words = [
        i for i in range(s, e)
        if reader.is_verb(i) or toks[i].low in _NOUN_OF or toks[i].low in _FATAL_NOUNS
    ]

    def attach(items: _Items, kind: CasualtyKind, shape: str, anchor: tuple[int, int]) -> None:
        batch = (n, anchor[0])  # the figures of one list, read together
        for fig, part in items:
            span = (min(anchor[0], fig.start), max(anchor[1], fig.end))
            found.append(_Found(fig, kind, shape, span, n, part=part, batch=batch))

    _read_rows(reader, s, e, attach)
    _read_tolls(reader, s, e, attach)
    _read_hijack(reader, s, e, attach)
    _read_saw(reader, s, e, attach)
    for t in words:
        if t not in reader.consumed:
            _read_after(reader, t, s, e, attach)
    _read_subjects(reader, s, e, attach)
    _read_named_subjects(reader, s, e, attach)
    for f in found:
        # The casualty words around the figure, found by bisection (``words`` ascends): the last
        # one before it and the first one after it bound its clause.
        before, after = bisect_left(words, f.span[0]), bisect_left(words, f.span[1])
        f.clause = (
            words[before - 1] + 1 if before else s, words[after] if after < len(words) else e
        )
    return sorted(found, key=lambda f: f.fig.start)


_Attach = Callable[[_Items, CasualtyKind, str, tuple[int, int]], None]


def _read_after(reader: _Reader, t: int, s: int, e: int, attach: _Attach) -> None:
    """verb_object, noun_of and left_state: the figures after the casualty word at ``t``."""
    low = reader.low(t)
    if reader.headline(t):
        return  # "Al-Shabaab Militants Kill Seven Christian Men": a headline's words
    if low in _NOUN_OF and reader.low(t + 1) == "of" or (
        low in _FATAL_NOUNS and reader.low(t - 1) == "fatal" and reader.low(t + 1) == "of"
    ):
        _read_noun_of(reader, t, s, e, attach)
        return
    if low in _LEAVE:
        _read_left(reader, t, s, e, attach)
        return
    before = reader.low(t - 1)
    verb = reader.active(t) or ((None, t + 1) if low in _SHOOT else None)
    if verb is None or before in _AUX or (before in _ADVERBS and reader.low(t - 2) in _AUX):
        return  # "are killed", "are reportedly massacred": a passive, read with its subject
    if before in _MODALS or (before == "to" and reader.low(t - 2) in _INTENT):
        return  # "in failed bid to kill ...", "he will kill": no one was harmed
    kind, start = verb
    other = reader.active(start + 1) if reader.low(start) == "and" else None
    if other is not None and {kind, other[0]} == {"killed", "injured"}:
        # "kill and wound at least 796 people": one figure for two kinds gives neither.
        got = reader.read_list(start + 2, e, s, passive=False)
        reader.consumed.update(range(t, got[1] if got else start + 2))
        return
    if reader.low(start) == "along" and reader.low(start + 1) == "with":
        start += 2  # "killed along with at least three other people"
    if reader.low(start) in _REFLEXIVES | _PRONOUNS and kind in ("killed", "injured"):
        _read_pronoun(reader, t, start, kind, attach)
        return
    got = reader.read_list(start, e, s, passive=False)
    if not got:
        if low in _TAKE and reader.low(start) == "hostages":
            _read_hostages_of_whom(reader, t, start, s, e, attach)
        return
    items, stop = got
    if low in _TAKE:
        items = [(f, p) for f, p in items if f.noun in ("hostage", "hostages")]
    elif low in _HOLD:
        items = [(f, p) for f, p in items if f.noun is not None and not f.person]
        if reader.low(stop) == "hostage":
            stop += 1
    elif kind is None:
        # "shot the driver dead": the state after the object makes the shooting a killing.
        if reader.low(stop) != "dead":
            return
        kind, stop = "killed", stop + 1
    if items and kind is not None:
        attach(items, _captor_kind(reader, kind, t, s, e), "verb_object", (t, start))
        reader.consumed.update(range(t, stop))


def _read_hijack(reader: _Reader, s: int, e: int, attach: _Attach) -> None:
    """A hijacking takes the people aboard: "hijack an Indian Airlines flight from Kathmandu to
    New Delhi with 189 people aboard" is 189 kidnapped (GUIDELINES: a hijacking is a
    kidnapping)."""
    for t in range(s, e):
        if reader.low(t) not in _HIJACK:
            continue
        for k in range(t + 1, min(e, t + 15)):
            if reader.low(k) == "with":
                fig = reader.figure(k + 1, e, s, bare=True, person=False)
                aboard = reader.low(fig.end) if fig is not None else ""
                on_board = (aboard, reader.low(fig.end + 1)) == ("on", "board") if fig else False
                if aboard in ("aboard", "onboard") or on_board:
                    attach([(fig, False)], "kidnapped", "verb_object", (t, t + 1))
                    reader.consumed.update(range(t, fig.end + 1 + on_board))
                break
            if reader.low(k) in (",", ";") or reader.is_verb(k):
                break


def _read_saw(reader: _Reader, s: int, e: int, attach: _Attach) -> None:
    """"saw N people killed": the people seen harmed, an object with its participle ("One on
    November 25 saw 70 people, mostly Shiite pilgrims, killed south of Baghdad")."""
    for t in range(s, e):
        if reader.low(t) not in _SEE or t in reader.consumed:
            continue
        got = reader.read_list(t + 1, e, s, passive=True)
        verb = (reader.passive(got[1], e) or _after_parenthesis(reader, got[1], e)) if got else None
        if got and verb:
            attach(got[0], verb[0], "verb_object", (t, verb[1]))
            reader.consumed.update(range(t, verb[1]))


def _read_hostages_of_whom(
    reader: _Reader, t: int, k: int, s: int, e: int, attach: _Attach
) -> None:
    """"a gunman takes hostages at a Jewish supermarket, four of whom are killed": at least
    four hostages. The "of whom" figure stays for its own verb."""
    comma = reader.tail(k + 1, e)
    fig = reader.figure(comma + 1, e, s, bare=False, person=False)
    if reader.low(comma) != "," or fig is None or not fig.of_whom or fig.low is None:
        return
    hostages = _Fig(fig.start, fig.start + 1, fig.low, None, "at least", noun="hostages",
                    group="civilians")
    attach([(hostages, False)], "kidnapped", "verb_object", (t, k + 1))


def _read_noun_of(reader: _Reader, t: int, s: int, e: int, attach: _Attach) -> None:
    """noun_of: "claims the lives of up to 100 people", "the death of more than 500
    civilians", "the bodies of three kidnapped foreign women", "the fatal shooting of"."""
    low = reader.low(t)
    if low == "lives" and reader.low(t - 1) != "the":
        return
    got = reader.read_list(t + 2, e, s, passive=False)
    if got:
        # "claims the lives of": the evidence starts at "claims".
        claims = low == "lives" and reader.low(t - 2).startswith("claim")
        begin = t - 2 if claims else t - 1 if low in _FATAL_NOUNS else t
        attach(got[0], _NOUN_OF.get(low, "killed"), "noun_of", (begin, t + 2))
        reader.consumed.update(range(t, got[1]))


def _read_pronoun(reader: _Reader, t: int, k: int, kind: CasualtyKind, attach: _Attach) -> None:
    """"killing himself": the attacker's own death; "killing him", "severely injuring him": one
    person the sentence told before without counting them ("a wounded police officer lying on
    a sidewalk, killing him")."""
    attacker = reader.low(k) in _REFLEXIVES
    if attacker and reader.low(k) == "themselves":
        return  # "blow themselves up" counts no one
    # The pronoun adds to the figures before it, like an ordinal ("They kill 11 people ...
    # During their escape, they fire upon ... a wounded police officer ..., killing him").
    fig = _Fig(k, k + 1, 1, 1, "exact", person=True, attacker=attacker, ordinal=True,
               group="militants" if attacker else "unspecified")
    attach([(fig, False)], kind, "verb_object", (t, k))
    reader.consumed.update(range(t, k + 1))


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
    """"leave 14 soldiers dead and 11 wounded", "left six others wounded", "left two Army
    personnel and a civilian dead": lists of figures, each list with the state after it."""
    k, stop = t + 1, t
    while True:
        got = reader.read_list(k, e, s, passive=True)
        if got is None or reader.low(got[1]) not in _STATES:
            break
        stop = got[1] + 1
        attach(got[0], _STATES[reader.low(got[1])], "left_state", (t, stop))
        if reader.low(stop) != "and":
            break
        k = stop + 1
    reader.consumed.update(range(t, stop))


def _read_subjects(reader: _Reader, s: int, e: int, attach: _Attach) -> None:
    """subject_verb: figures before a passive or intransitive verb.

    A parenthesis between the subjects and the verb is skipped ("at least 69 members of a
    vigilance committee (self -defense militia), led by the mayor of Banibangou, had been
    massacred"); the parts told after the verb are parts of its subject ("Nineteen people are
    killed, including six assailants", "175 killed (including 9 attackers)").
    """
    i = s
    while i < e:
        got = None if i in reader.consumed else reader.read_list(i, e, s, passive=True)
        verb = None
        if got:
            verb = (
                reader.passive(got[1], e) or _after_parenthesis(reader, got[1], e)
                or _bodies_found(reader, got, e)
            )
        if (
            got is None
            or verb is None
            or any(j in reader.consumed for j in range(i, got[1]))
            or verb[1] - 1 in reader.consumed  # "two Islamists killed 20 people": active
        ):
            i += 1
            continue
        kind = _captor_kind(reader, verb[0], verb[1] - 1, s, e)
        items, stop = got[0], verb[1]
        parts = _parts_after(reader, stop, e, s)
        if parts is not None:
            whole = items[0][0] if len(items) == 1 else None
            for part, _ in parts[0]:
                part.whole = whole
            items, stop = items + [(f, True) for f, _ in parts[0]], parts[1]
        attach(items, kind, "subject_verb", (got[1], verb[1]))
        reader.consumed.update(range(i, stop))
        i = stop


def _after_parenthesis(reader: _Reader, k: int, e: int) -> tuple[CasualtyKind, int] | None:
    """The passive verb after a parenthesis between commas that holds no casualty word; ``k``
    is its opening comma, or the word after a comma that closed the parenthesis before it ("A
    French family of seven, including four children, on holiday, is abducted")."""
    if reader.low(k) != "," and reader.low(k - 1) != ",":
        return None
    for j in range(k + (reader.low(k) == ","), min(e, k + 14)):
        if reader.is_verb(j) or reader.low(j) in (";", "."):
            return None
        if reader.low(j) == ",":
            return reader.passive(j + 1, e)
    return None


def _bodies_found(reader: _Reader, got: tuple[_Items, int], e: int):
    """Bodies found are people killed: "14 dead bodies with their hands tied behind their backs
    were discovered in Gassel village" is 14 killed."""
    items, k = got
    if len(items) != 1 or items[0][0].noun != "bodies":
        return None
    for j in range(k, min(e, k + 12)):
        if reader.low(j) in _AUX and reader.low(j + 1) in _FOUND:
            return "killed", j + 2
        if reader.is_verb(j) or reader.low(j) in (",", ";"):
            return None
    return None


def _parts_after(reader: _Reader, k: int, e: int, s: int):
    """The parts told right after a verb: ", including six assailants", "(including 9
    attackers)", "including 11 Germans and a Peruvian": (items, end) or None."""
    bracket = reader.low(k) == "("
    opener = k + (reader.low(k) in (",", "("))
    if reader.low(opener) not in _INCLUDING:
        return None
    sub = reader.read_list(opener + 1, e, s, passive=True, persons=True)
    if sub is None:
        return None
    if bracket:
        return (sub[0], sub[1] + 1) if reader.low(sub[1]) == ")" else None
    return sub


def _read_named_subjects(reader: _Reader, s: int, e: int, attach: _Attach) -> None:
    """A named person before a singular passive: "Soumailia Cisse is kidnapped"; or who takes
    their own life: "Yassin Salhi commits suicide in his prison cell" is one death."""
    for t in range(s, e):
        if t in reader.consumed:
            continue
        if reader.low(t) in _COMMIT and reader.low(t + 1) == "suicide":
            verb: tuple[CasualtyKind, int] | None = ("killed", t + 2)
        elif reader.low(t) in ("is", "was"):
            verb = reader.passive(t, e)
        else:
            continue
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
