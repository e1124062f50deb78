"""Lists of figures: "four in Gorey, four in Djamnati, and one in Simikanda", the parts told
with a total ("at least 17—14 in Boya and three in Gaena—", "including six assailants") and the
passive or intransitive verb after a list of subjects. A mixin of ``reader._Reader``."""

from __future__ import annotations

from pipeline.fields.casualties.figures import _Items
from pipeline.fields.casualties.words import (
    _ACTIVE,
    _ADVERBS,
    _AUX,
    _DASHES,
    _DEGREE,
    _FATAL_VERBS,
    _FATALLY,
    _HEDGES,
    _INJURIES_VERBS,
    _INTRANSITIVE,
    _LIVES,
    _LOSE,
    _PASSIVE,
    _QUANTIFIERS,
    _STATES,
    _STOPS,
    _INCLUDING,
    _NO_COUNT,
    _REFLEXIVES,
    _TAIL_ENDS,
    _TAIL_PREPOSITIONS,
)
from pipeline.schema import CasualtyKind


class _Lists:
    """List reading over ``self.toks``; ``figure``, ``low`` and ``is_verb`` come from the reader."""

    def tail(self, k: int, end: int) -> int:
        """Skip what describes a figure: "in Gorey", "from Guinea", "of the Netherlands Red
        Cross", ", who is a Jordanian national,", "(Spin Boldak and Kandahar)", "the gunman
        himself"."""
        if self.low(k) in _REFLEXIVES:
            k += 1
        if self.low(k) == "," and self.low(k + 1) in ("who", "which"):
            j = k + 1
            while j < end and self.toks[j].text != "," and not self.is_verb(j):
                j += 1
            return j + 1 if j < end and self.toks[j].text == "," else k
        if self.low(k) not in _TAIL_PREPOSITIONS:
            return k
        j = k + 1
        while j < end and self.low(j) not in _TAIL_ENDS and not self.is_verb(j):
            j = self._past_brackets(j, end) if self.low(j) == "(" else j + 1
        return j

    def _past_brackets(self, j: int, end: int) -> int:
        """Past the closing bracket of the bracket at ``j`` (``j + 1`` when it never closes)."""
        for k in range(j + 1, min(end, j + 15)):
            if self.low(k) == ")":
                return k + 1
        return j + 1

    def read_list(
        self, i: int, end: int, sent_start: int, *, passive: bool, persons: bool | None = None
    ) -> tuple[_Items, int] | None:
        """Figures joined by ",", "and", "along with", each with its tail: (items, end).

        The parts of a total are marked: "at least 17—14 in Boya and three in Gaena—", "at
        least 100 people, including dozens of civilians", "15 U.N. peacekeepers, 12 of whom were
        German". An appositive ends the list ("Olivier Dubois, a French journalist, in Gao")
        unless ", and" and another figure follow it ("kills a French police officer,
        Jean-Baptiste Salvaing, and his companion"). ``passive`` reads subjects: the list stops
        where a passive verb follows. One person with a determiner counts 1 anywhere ("the
        hostage-taker are killed", "his wife is abducted"); a bare name ("kidnap Olivier
        Dubois") only where ``persons`` allows it, by default among objects: a named subject is
        read by ``shapes._read_named_subjects``.
        """
        persons = not passive if persons is None else persons
        fig = self.figure(
            i, end, sent_start, bare=True, person=True, names=persons, telegraphic=not passive
        ) or (
            self.bare_person(i, end, sent_start) if passive else None
        )
        if fig is None:
            return None
        items: _Items = []
        while True:
            items.append((fig, False))
            k = self._parts(items, self.tail(fig.end, end), end, sent_start)
            if self.low(k) == "," and self._appositive(k + 1, end):
                k = self._to_comma(k + 1, end)
                if self.low(k) != "," or self.low(k + 1) != "and":
                    break
            if passive and self.passive(k, end) is not None:
                break
            c = self._connector(k)
            if c == k or c >= end:
                break
            # A bare name joins only a list of people named or described one by one:
            # "kidnap Olivier Dubois and Jeffery Woodke", not "kill 26 people ... and Kandahar".
            # Subjects after the first may be one person with a determiner: "A policeman and
            # his son were killed".
            names = self.low(c - 1) != "," and all(f.person for f, _ in items) and persons
            nxt = self.figure(c, end, sent_start, bare=True, person=True, names=names) or (
                self.bare_person(c, end, sent_start, after=fig) if fig.person else None
            )
            if nxt is None:
                break
            if not passive and self.passive(self.tail(nxt.end, end), end) is not None:
                break  # "kills four and three others are wounded": a new clause
            fig = nxt
        return items, k

    def _parts(self, items: _Items, k: int, end: int, sent_start: int) -> int:
        """Read the parts told after a figure into ``items``; the position after them.

        "at least 17—14 in Boya and three in Gaena—"; "including dozens of civilians"; ",
        among them 24 pilgrims bound for Amarnath,"; "15 U.N. peacekeepers, 12 of whom were
        German". A parenthesis opened by a comma closes at its comma: "Thirteen civilians,
        including two school children, and three CRPF officers were killed" is 13 + 3, the two
        children a part of the 13; ", mostly civilians," holds no count.
        """
        whole = items[-1][0]
        if self.low(k) in _DASHES:
            sub = self.read_list(k + 1, end, sent_start, passive=True)
            if sub is not None and self.low(sub[1]) in _DASHES:
                items.extend((f, True) for f, _ in sub[0])
                k = sub[1] + 1
        comma = self.low(k) == ","
        opener = k + comma
        if self.low(opener) in _INCLUDING or (
            self.low(opener) == "among" and self.low(opener + 1) in ("them", "whom")
        ):
            start = opener + (1 if self.low(opener) in _INCLUDING else 2)
            sub = self.read_list(start, end, sent_start, passive=True, persons=True)
            if sub is None:
                return k  # "including children as young as eight" holds no count
            parts, k = self._close_parts(sub[0], sub[1], end)
            for part, _ in parts:
                part.whole = whole
                items.append((part, True))
            if comma:
                k = self._closing_comma(k, end)
            elif self.low(k) == "," and self.passive(k + 1, end) is not None:
                k += 1  # "ten civilians including six women, were killed"
        elif comma and self.low(k + 1) in _NO_COUNT:
            return self._closing_comma(k + 1, end)  # ", mostly civilians,"
        if self.low(k) == ",":
            nxt = self.figure(k + 1, end, sent_start, bare=False, person=False)
            if nxt is not None and nxt.of_whom:
                items.append((nxt, True))
                k = self._to_comma(nxt.end, end)
        return k

    def _close_parts(self, parts: _Items, k: int, end: int) -> tuple[_Items, int]:
        """A list of parts closed by ", and" after its first part: the rest is the main list's
        ("including two school children, and three CRPF officers")."""
        if len(parts) > 1:
            second = parts[1][0].start
            if (self.low(second - 2), self.low(second - 1)) == (",", "and") and (
                self.tail(parts[0][0].end, end) == second - 2
            ):
                return parts[:1], second - 2
        return parts, k

    def _closing_comma(self, k: int, end: int) -> int:
        """Past the comma that closes a parenthesis (", among them 24 pilgrims bound for
        Amarnath,") when it comes before any casualty word; ``k`` when none does."""
        for j in range(k, min(end, k + 10)):
            if self.low(j) == ",":
                return j + 1 if self.low(j + 1) != "and" else j
            if self.is_verb(j) or self.low(j) in (";", "."):
                return k
        return k

    def _connector(self, k: int) -> int:
        """Past ", and", "and", "along with", "as well as" at ``k`` (``k`` when none)."""
        c = k
        if self.low(c) in _ACTIVE and self.low(c + 1) == "along":
            c += 1  # "kills Assimi Goita's chief of staff killed along with ..."
        if self.low(c) == ",":
            c += 1
        if self.low(c) == "and":
            return c + 1
        if self.low(c) == "along" and self.low(c + 1) == "with":
            return c + 2
        if (self.low(c), self.low(c + 1), self.low(c + 2)) == ("as", "well", "as"):
            return c + 3
        return c if c > k and self.low(k) == "," else k

    def _appositive(self, k: int, end: int) -> bool:
        return self.low(k) in ("a", "an", "the") or self.name_run(k, end) > k

    def _to_comma(self, k: int, end: int) -> int:
        while k < end and self.toks[k].text != ",":
            k += 1
        return k

    def passive(self, k: int, end: int) -> tuple[CasualtyKind, int] | None:
        """A passive or intransitive casualty verb at ``k``: (kind, end of the verb).

        "are killed", "had been massacred", "died", "were shot dead", "lost their lives", "said
        killed", "are feared dead", "left critically injured", "sustain injuries". A capitalised
        participle after a capitalised word is a headline's ("KENYA: Three Killed in al-Shabaab
        Attack"), not the entry's.
        """
        j, aux = k, False
        if self.low(j) in ("who", "that"):
            j += 1
        if self.low(j) in ("had", "have", "has") and self.low(j + 1) == "been":
            j, aux = j + 2, True
        while self.low(j) in _AUX:
            j, aux = j + 1, True
        while self.low(j) in _ADVERBS | _DEGREE | _HEDGES or (aux and self.low(j) in _QUANTIFIERS):
            j += 1
            if self.low(j) == "to" and self.low(j + 1) == "be":
                j, aux = j + 2, True  # "are believed to be dead"
            elif self.low(j) == "to" and (self.low(j + 1), self.low(j + 2)) == ("have", "been"):
                j, aux = j + 3, True  # "were believed to have been killed"
        if j >= end or self.headline(j):
            return None
        low = self.low(j)
        if low in _INJURIES_VERBS and self.low(j + 1) == "injuries":
            return "injured", j + 2
        if low in ("taken", "held") and self.low(j + 1) == "hostage":
            return "kidnapped", j + 2
        their = self.low(j + 1) in ("their", "his", "her")
        if low in _LOSE and their and self.low(j + 2) in _LIVES:
            return "killed", j + 3
        if low == "left":
            k2 = j + 1 + (self.low(j + 1) in _DEGREE)
            state = _STATES.get(self.low(k2))
            return (state, k2 + 1) if state and self.low(k2 + 1) in _STOPS | {""} else None
        kind, stop = None, j + 1
        if self.low(j) in _FATALLY and self.low(j + 1) in _FATAL_VERBS:
            kind, j, stop = "killed", j + 1, j + 2
        elif self.phrasal(j) is not None:
            kind, stop = "killed", self.phrasal(j)
        elif low in _PASSIVE:
            kind = _PASSIVE[low]
        elif j == self.cut and len(low) >= 3:
            # "Nineteen soldiers were kil": a participle cut by the stored copy.
            kinds = {kind for word, kind in _PASSIVE.items() if word.startswith(low)}
            kind = kinds.pop() if aux and len(kinds) == 1 else None
        if kind is None:
            return None
        # Without an auxiliary a participle may be a past tense with an object: "nine others
        # hurt when ..." is passive, "A suicide bomber killed himself" is not.
        if not aux and low not in _INTRANSITIVE and self.low(stop) not in _STOPS | {""}:
            return None
        return kind, stop
