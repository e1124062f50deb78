"""The token reader: number phrases, the people a figure counts and lists of figures, read
from an entry's tokens. ``shapes`` attaches what it reads to the casualty words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.fields.casualties.numbers import (
    _DIGITS,
    _NUMBER_STARTS,
    _OPEN_BELOW,
    _ORDINALS,
    _QUALIFIERS,
    _QUOTES,
    _SCALES,
    _UNITS,
    _VAGUE,
    _value,
    parse_number,
)
from pipeline.fields.casualties.tokens import _MONTHS, _YEAR, _Tok
from pipeline.fields.casualties.words import (
    _ACTIVE,
    _ADVERBS,
    _AGE,
    _APOSTROPHE_S,
    _ATTACKERS,
    _AUX,
    _BARE_NEXT,
    _DASHES,
    _INJURIES_VERBS,
    _INTRANSITIVE,
    _LEAVE,
    _MODIFIERS,
    _NOT_NAMES,
    _PARTICLES,
    _PASSIVE,
    _PEOPLE,
    _SINGULAR,
    _STOPS,
    _TAIL_ENDS,
    _TAIL_PREPOSITIONS,
    _TITLES,
)
from pipeline.schema import CasualtyKind, Qualifier, VictimGroup


@dataclass
class _Fig:
    """A figure read from tokens: its token range, bounds and the people it counts."""

    start: int
    end: int
    low: int | None
    high: int | None
    qualifier: Qualifier
    noun: str | None = None
    group: VictimGroup = "unspecified"
    attacker: bool = False
    others: bool = False  # "others", "another", "12 of whom": the group of the figure before
    definite: bool = False  # "the two journalists": restates a figure told before
    ordinal: bool = False  # "A fourth peacekeeper": adds to the figures before
    person: bool = False
    of_whom: bool = False

    @property
    def value(self) -> int | None:
        """What the figure adds to a total: its lower bound, or its max for "up to"/"nearly"."""
        if self.qualifier in ("dozens", "several"):
            return None
        if self.low is not None:
            return self.low
        return self.high if self.qualifier in _OPEN_BELOW else None


@dataclass
class _Found:
    """A figure attached to its casualty word."""

    fig: _Fig
    kind: CasualtyKind
    shape: str
    span: tuple[int, int]  # tokens covering the figure and its word
    sentence: int
    part: bool = False
    claimed_by: str | None = None
    rival: bool = False
    clause: tuple[int, int] = (0, 0)


_Items = list[tuple[_Fig, bool]]  # figures of a list, each with "is a part of a total"


@dataclass
class _Reader:
    """Reads the figures of one entry from its tokens."""

    toks: list[_Tok]
    text: str
    consumed: set[int] = field(default_factory=set)

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def is_verb(self, i: int) -> bool:
        low = self.low(i)
        return low in _ACTIVE or low in _PASSIVE or low in _LEAVE

    # -- number phrases ---------------------------------------------------------------------

    def number(self, i: int, end: int, sent_start: int):
        """The number phrase at token ``i``: (end, min, max, qualifier, flags), or None."""
        low = self.low(i)
        if low not in _NUMBER_STARTS and not low[:1].isdigit() and "-" not in low:
            return None
        k, flags = i, {}
        while k < end and self.toks[k].text in _QUOTES:
            k += 1  # JNIM claims "dozens" of soldiers
        if k >= end:
            return None
        low = self.low(k)
        if low in ("all", "his", "her", "their") and self._is_count(k + 1, end):
            if low != "all" and self.low(k + 1) in ("a", "an", "one"):
                return None
            k += 1
        elif low == "the" and self._is_count(k + 1, end) and self.low(k + 1) not in ("a", "an"):
            flags["definite"] = True
            k += 1
        elif low == "another":
            flags["others"] = True
            if not self._is_count(k + 1, end):
                return self._finish(i, k + 1, end, flags)  # "injures another"
            k += 1
        core = k
        for prefix, _ in _QUALIFIERS:
            words = prefix.split()
            after = k + len(words)
            if [self.low(k + n) for n in range(len(words))] == words and after < end:
                if self._is_count(after, end):
                    k = after
                    break
        if self.low(k) == "between" and self.low(k + 2) == "and":
            if self._is_count(k + 1, end) and self._is_count(k + 3, end):
                return self._finish(i, k + 4, end, flags)
        if k >= end:
            return None
        low = self.low(k)
        if low in ("a", "an"):
            return self._article(i, k, core, end, flags)
        if low == "dozens" or low in _VAGUE:
            return self._finish(i, k + 1, end, flags)
        if low == "one":
            if self.low(k - 1) == "no":
                return None  # "no one was killed" is a zero, read by _NO_ONE
            flags["singular"] = True
        if low in _UNITS or self._is_digit(k, sent_start):
            j = k + 1
            while j < end and (self.low(j) in _UNITS or self.low(j) in _SCALES):
                j += 1
            return self._finish(i, j, end, flags)
        if re.fullmatch(r"[a-z]+-[a-z]+", low) and _value(low) is not None:
            return self._finish(i, k + 1, end, flags)  # "twenty-five"
        return None

    def _article(self, i: int, k: int, core: int, end: int, flags: dict):
        """"a dozen", "A fourth peacekeeper", "a soldier": a count that starts with an article."""
        if self.low(k + 1) == "dozen":
            return self._finish(i, k + 2, end, flags)
        flags["singular"] = True
        if self.low(k + 1) in _ORDINALS:
            flags["ordinal"] = True
            return self._finish(i, k + 2, end, flags)
        if k != core or self.low(k - 1) in _AUX or self.low(k - 1) == "as":
            return None  # "who is a Jordanian national" describes, it does not count
        return self._finish(i, k + 1, end, flags)

    def _is_count(self, k: int, end: int) -> bool:
        low = self.low(k)
        return k < end and (
            bool(_DIGITS.fullmatch(low)) or low in _UNITS or low in _VAGUE
            or low in ("dozens", "a", "dozen")
        )

    def _is_digit(self, k: int, sent_start: int) -> bool:
        """A digit token that can be a count: not a year, a date, a name's number or an age."""
        tok = self.toks[k]
        if not _DIGITS.fullmatch(tok.text) or _YEAR.match(tok.text):
            return False
        if k > 0:
            prev = self.toks[k - 1]
            # "July 25", "France 24", "Gangafani 2"; "Another 17" may start a sentence.
            if prev.low in _MONTHS or (prev.cap and prev.word and k - 1 > sent_start):
                return False
        return not _AGE.search(self.text[max(0, tok.start - 20) : tok.start])

    def _finish(self, i: int, j: int, end: int, flags: dict):
        while j < end and self.toks[j].text in _QUOTES:
            j += 1
        parsed = parse_number(self.text[self.toks[i].start : self.toks[j - 1].end])
        return None if parsed is None else (j, *parsed, flags)

    # -- one figure -------------------------------------------------------------------------

    def figure(
        self, i: int, end: int, sent_start: int, *, bare: bool, person: bool, names: bool = True
    ) -> _Fig | None:
        """The figure at token ``i``: a number phrase and the people it counts.

        ``bare`` allows a number without a noun ("killing more than 50"); ``person`` allows one
        person without a number ("executes the French citizen NGO worker"); ``names`` allows a
        bare name among them ("kidnap Olivier Dubois").
        """
        num = self.number(i, end, sent_start)
        if num is None:
            return self.person(i, end, names=names) if person else None
        j, low, high, qualifier, flags = num
        fig = _Fig(i, j, low, high, qualifier, others=flags.get("others", False),
                   definite=flags.get("definite", False), ordinal=flags.get("ordinal", False))
        singular = flags.get("singular", False)
        k = j
        if self.low(k) == "of" and self.low(k + 1) in ("whom", "them"):
            fig.others, fig.of_whom, fig.end = True, True, k + 2  # "12 of whom were German"
            return fig
        if self.low(k) == "of" and self.low(k + 1) in ("the", "its", "their", "those"):
            k += 2  # "31 of the attackers", "one of its soldiers"
            if self._is_count(k, end) and self.low(k) != "a":
                k += 1  # "Four of the seven French hostages"
            return self._with_noun(fig, k, end, singular=False)
        if self.low(k) == "of" and qualifier in ("dozens", "several"):
            k += 1  # "dozens of civilians"
        if self.low(k) == "others" or (self.low(k) == "more" and self.low(k + 1) != "than"):
            fig.others, fig.end = True, k + 1  # "wounding 60 others", "four more are wounded"
            return fig
        if self.low(k) == "other":
            fig.others, k = True, k + 1  # "one other soldier", "kills one other"
        noun = self._with_noun(fig, k, end, singular=singular)
        if noun is not None or self.noun(k, end) is not None:
            return noun
        if fig.others and k > j:
            fig.end = k
            return fig
        return self._bare(fig, j, k, end, bare=bare, singular=singular)

    def _with_noun(self, fig: _Fig, k: int, end: int, *, singular: bool) -> _Fig | None:
        nominal = self.noun(k, end)
        if nominal is None:
            return None
        fig.noun, fig.end, mods = nominal
        if singular and fig.noun not in _SINGULAR:
            return None  # "one of the largest number": not a person
        return self._group(fig, mods)

    def _bare(self, fig: _Fig, j: int, k: int, end: int, *, bare: bool, singular: bool):
        """A number without a noun, where the sentence goes on with a function word or a
        casualty word ("kill four in Gorey", "killing 77 and", "11 wounded")."""
        stop = k
        while stop < end and stop - k < 3 and self.toks[stop].cap and self.toks[stop].word:
            stop += 1  # "four Malian and ...": the count stands before the "and"
        after = self.low(stop) if stop < end else "."
        if not bare or after not in _BARE_NEXT or (singular and self.low(j - 1) != "one"):
            return None
        fig.end = stop if stop > k and after == "and" else k
        return fig

    def noun(self, k: int, end: int) -> tuple[str, int, list[str]] | None:
        """The head noun of the people counted, after modifiers: (noun, end, modifiers)."""
        mods: list[str] = []
        i = k
        while i < end and len(mods) <= 5:
            tok, low = self.toks[i], self.low(i)
            if low in _PEOPLE and not (low == "police" and self.low(i + 1) in _PEOPLE):
                return self._head(low, i + 1, end, mods)
            if tok.cap and tok.word and re.search(r"[a-z]ans$", tok.text) and (
                self.low(i + 1) in _STOPS or i + 1 >= end
            ):
                return "nationals", i + 1, mods  # "Three Malians are killed"
            if low == "and" and mods and self.toks[i - 1].cap and i + 1 < end and (
                self.toks[i + 1].cap
            ):
                i += 1  # "four Malian and Chadian soldiers"
                continue
            if (tok.cap and tok.word and low not in _MONTHS) or low in _MODIFIERS or (
                "." in tok.text and len(tok.text) > 2
            ):
                mods.append(low)
                i += 1
                continue
            return None
        return None

    def _head(self, head: str, i: int, end: int, mods: list[str]) -> tuple[str, int, list[str]]:
        """Extend a head noun over compounds and a name: "chief of staff", "citizen NGO worker",
        "British hostage Edwin Dyer"."""
        if head == "chief" and self.low(i) == "of" and self.low(i + 1) == "staff":
            i += 2
        j = i
        while j < end and j - i < 2 and (self.toks[j].cap or self.low(j) in _MODIFIERS):
            j += 1
        if j > i and self.low(j) in _PEOPLE:
            head, i = self.low(j), j + 1
        elif self.low(i) in _PEOPLE and self.low(i) != "police":
            head, i = self.low(i), i + 1  # "staff member"
        return head, max(i, self.name_run(i, end)), mods

    def name_run(self, i: int, end: int) -> int:
        """End of a run of name tokens starting at ``i`` (``i`` when there is none)."""
        j = i
        while j < end:
            tok, low = self.toks[j], self.low(j)
            if low in _TITLES and tok.cap:
                j += 2 if j + 1 < end and self.toks[j + 1].text == "." else 1
            elif tok.word and tok.cap and not (tok.text.isupper() and len(tok.text) > 1) and (
                low not in _NOT_NAMES
            ):
                j += 1
                if _APOSTROPHE_S.search(tok.text):
                    break  # "Assimi Goita's": a possessive ends the name
            elif j > i and low in _PARTICLES:
                j += 1
            else:
                break
        return j

    def person(self, i: int, end: int, *, names: bool = True) -> _Fig | None:
        """One person without a number: "Ali Maychou", "the French citizen NGO worker", "his
        wife", "Assimi Goita's chief of staff", "French citizen Pierre Camatte"."""
        k = i
        if self.low(k) in ("the", "his", "her"):
            k += 1
        else:
            run = self.name_run(k, end)
            if run > k and _APOSTROPHE_S.search(self.toks[run - 1].text):
                k = run
        nominal = self.noun(k, end)
        if nominal is not None:
            noun, j, mods = nominal
            if noun not in _SINGULAR:
                return None  # "killing Malian soldiers" gives no count
            named = j - i >= 2 and self.toks[j - 1].cap and self.low(j - 1) not in _PEOPLE
            if k == i and not named:
                return None  # a bare "Malian soldier" names nobody
            return self._group(_Fig(i, j, 1, 1, "exact", noun=noun, person=True), mods)
        if k != i or not names:
            return None
        run = self.name_run(i, end)
        if run == i or _APOSTROPHE_S.search(self.toks[run - 1].text):
            return None
        if run < end and (self.low(run) in _PEOPLE or self.toks[run].cap):
            return None
        return _Fig(i, run, 1, 1, "exact", person=True)

    def _group(self, fig: _Fig, mods: list[str]) -> _Fig:
        noun = fig.noun or ""
        group = _PEOPLE.get(noun, "unspecified")
        if noun in ("fighter", "fighters") and {"wagner", "russian"} & set(mods):
            group = "soldiers"
        if noun in ("officer", "officers") and {"police", "custom", "customs"} & set(mods):
            group = "police"
        if noun in ("guard", "guards") and "security" not in mods:
            group = "unspecified"
        fig.group = group
        fig.attacker = noun in _ATTACKERS
        return fig

    # -- lists of figures -------------------------------------------------------------------

    def tail(self, k: int, end: int) -> int:
        """Skip what describes a figure: "in Gorey", "from Guinea", "of the Netherlands Red
        Cross", ", who is a Jordanian national,"."""
        if self.low(k) == "," and self.low(k + 1) in ("who", "which"):
            j = k + 1
            while j < end and self.toks[j].text != "," and not self.is_verb(j):
                j += 1
            return j + 1 if j < end and self.toks[j].text == "," else k
        if self.low(k) not in _TAIL_PREPOSITIONS:
            return k
        j = k + 1
        while j < end and self.low(j) not in _TAIL_ENDS and not self.is_verb(j):
            j += 1
        return j

    def read_list(
        self, i: int, end: int, sent_start: int, *, passive: bool
    ) -> tuple[_Items, int] | None:
        """Figures joined by ",", "and", "along with", each with its tail: (items, end).

        The parts of a total are marked: "at least 17—14 in Boya and three in Gaena—", "at
        least 100 people, including dozens of civilians", "15 U.N. peacekeepers, 12 of whom were
        German". An appositive ends the list ("Olivier Dubois, a French journalist, in Gao").
        ``passive`` reads subjects: the list stops where a passive verb follows.
        """
        fig = self.figure(i, end, sent_start, bare=True, person=not passive)
        if fig is None:
            return None
        items: _Items = []
        while True:
            items.append((fig, False))
            k = self._parts(items, self.tail(fig.end, end), end, sent_start)
            if self.low(k) == "," and self._appositive(k + 1, end):
                k = self._to_comma(k + 1, end)
                break
            if passive and self.passive(k, end) is not None:
                break
            c = self._connector(k)
            if c == k or c >= end:
                break
            nxt = self.figure(c, end, sent_start, bare=True, person=not passive,
                              names=self.low(c - 1) != ",")
            if nxt is None:
                break
            if not passive and self.passive(self.tail(nxt.end, end), end) is not None:
                break  # "kills four and three others are wounded": a new clause
            fig = nxt
        return items, k

    def _parts(self, items: _Items, k: int, end: int, sent_start: int) -> int:
        """Read the parts told after a figure into ``items``; the position after them."""
        if self.low(k) in _DASHES:
            sub = self.read_list(k + 1, end, sent_start, passive=True)
            if sub is not None and self.low(sub[1]) in _DASHES:
                items.extend((f, True) for f, _ in sub[0])
                k = sub[1] + 1
        if self.low(k) == "including" or (self.low(k) == "," and self.low(k + 1) == "including"):
            start = k + 1 if self.low(k) == "including" else k + 2
            sub = self.read_list(start, end, sent_start, passive=True)
            if sub is None:
                return k  # "including children as young as eight" holds no count
            items.extend((f, True) for f, _ in sub[0])
            k = sub[1]
        if self.low(k) == ",":
            nxt = self.figure(k + 1, end, sent_start, bare=False, person=False)
            if nxt is not None and nxt.of_whom:
                items.append((nxt, True))
                k = self._to_comma(nxt.end, end)
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
        """A passive or intransitive casualty verb at ``k``: (kind, end of the verb)."""
        j, aux = k, False
        if self.low(j) in ("who", "that"):
            j += 1
        if self.low(j) in ("had", "have", "has") and self.low(j + 1) == "been":
            j, aux = j + 2, True
        while self.low(j) in _AUX:
            j, aux = j + 1, True
        while self.low(j) in _ADVERBS:
            j += 1
        if j >= end:
            return None
        low = self.low(j)
        if low in _INJURIES_VERBS and self.low(j + 1) == "injuries":
            return "injured", j + 2
        if low in ("taken", "held") and self.low(j + 1) == "hostage":
            return "kidnapped", j + 2
        if low not in _PASSIVE or (low == "dead" and not aux):
            return None
        # Without an auxiliary a participle may be a past tense with an object: "nine others
        # hurt when ..." is passive, "A suicide bomber killed himself" is not.
        if not aux and low not in _INTRANSITIVE and self.low(j + 1) not in _STOPS | {""}:
            return None
        return _PASSIVE[low], j + 1
