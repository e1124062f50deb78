"""The token reader: number phrases and the people a figure counts, read from an entry's
tokens (lists of figures in ``lists``). ``shapes`` attaches what it reads to the casualty
words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.fields.casualties.figures import _Fig
from pipeline.fields.casualties.lists import _Lists
from pipeline.fields.casualties.numbers import (
    _DIGITS,
    _NUMBER_STARTS,
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
    _FATAL_VERBS,
    _FATALLY,
    _PHRASAL,
    _SHOOT,
    _AGE,
    _APOSTROPHE_S,
    _ATTACKERS,
    _AUX,
    _BARE_NEXT,
    _COLLECTIVE,
    _DETERMINERS,
    _LEAVE,
    _MODIFIERS,
    _MONTH_ABBREVIATIONS,
    _NOT_DESCRIBING,
    _NOT_NAMES,
    _PARTICLES,
    _PASSIVE,
    _PEOPLE,
    _PLURAL_NAME,
    _ACRONYM,
    _AGED,
    _BODIES,
    _SINGULAR,
    _STOPS,
    _TITLES,
)
from pipeline.schema import CasualtyKind


def _by_first_word(prefixes: list[str]) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    for prefix in prefixes:
        found.setdefault(prefix.split()[0], []).append(prefix.split())
    return found


# The words of each qualifier, split once ("at least" -> ["at", "least"]), by their first word
# and in the order of ``_QUALIFIERS``: a token is tried only against the qualifiers it starts.
_QUALIFIER_WORDS = _by_first_word([prefix for prefix, _ in _QUALIFIERS])


@dataclass
class _Reader(_Lists):
    """Reads the figures of one entry from its tokens."""

    toks: list[_Tok]
    text: str
    consumed: set[int] = field(default_factory=set)
    # Walks over runs, each token's result kept so that a run is walked once, not once from each
    # of its tokens (issue #18): the first token at or after each token that is not a quote, and
    # where the run of name tokens that goes on at each token ends (``name_run``; -1 unknown).
    _past_quotes: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _name_ends: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def cut(self) -> int | None:
        """The last token when the entry stops without a full stop, as where the stored copy
        cuts it inside a word ("kills 63 peopl", "Nineteen soldiers were kil"): its fields are
        what the surviving words plainly say (GUIDELINES, "Entries")."""
        last = self.toks[-1] if self.toks else None
        if last is None or not last.word or self.text[last.end : last.end + 1].strip():
            return None
        return len(self.toks) - 1 if self.text[last.end :].strip() in ("", "[...]") else None

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def is_verb(self, i: int) -> bool:
        low = self.low(i)
        return (
            low in _ACTIVE or low in _PASSIVE or low in _LEAVE or low in _SHOOT
            or self.phrasal(i) is not None
        )

    def headline(self, i: int) -> bool:
        """A capitalised casualty word after a capitalised word is a headline's, not the
        entry's: "KENYA: Three Killed in al-Shabaab Attack", "Al-Shabaab Militants Kill Seven
        Christian Men"; "was Kidnapped by FARC" stays a verb."""
        return i > 0 and self.toks[i].cap and self.toks[i - 1].cap and self.toks[i - 1].word

    def phrasal(self, i: int) -> int | None:
        """Where a killing verb of several words at ``i`` ends: "shot dead", "gunned down",
        "stabbed to death"; None when there is none."""
        rest = _PHRASAL.get(self.low(i))
        if rest and all(self.low(i + 1 + n) == word for n, word in enumerate(rest)):
            return i + 1 + len(rest)
        return None

    def active(self, t: int) -> tuple[CasualtyKind, int] | None:
        """An active casualty verb at ``t``: (kind, end of the verb). A fatal wound kills:
        "fatally wounding an Afghan army officer"."""
        stop = self.phrasal(t)
        if stop is not None:
            return "killed", stop
        low = self.low(t)
        if low in _FATAL_VERBS and self.low(t - 1) in _FATALLY:
            return "killed", t + 1
        return (_ACTIVE[low], t + 1) if low in _ACTIVE else None

    # -- number phrases ---------------------------------------------------------------------

    def number(self, i: int, end: int, sent_start: int):
        """The number phrase at token ``i``: (end, min, max, qualifier, flags), or None."""
        low = self.low(i)
        if low not in _NUMBER_STARTS and not low[:1].isdigit() and "-" not in low:
            return None
        k, flags = self.past_quotes(i, end), {}  # JNIM claims "dozens" of soldiers
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
        for words in _QUALIFIER_WORDS.get(self.low(k), ()):
            after = k + len(words)
            if after < end and [self.low(k + n) for n in range(len(words))] == words:
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

    def past_quotes(self, k: int, end: int) -> int:
        """The first token from ``k`` on that is not a quotation mark (``end`` at most).

        The same as stepping over them one by one, but each run of quotes is stepped over once
        for the entry: a run of quotes is a number start at each of its quotes (issue #18)."""
        if k >= end:
            return k
        if self._past_quotes is None:
            after, past = len(self.toks), [0] * len(self.toks)
            for n in range(len(self.toks) - 1, -1, -1):
                if self.toks[n].text not in _QUOTES:
                    after = n
                past[n] = after
            self._past_quotes = past
        return min(self._past_quotes[k], end)

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
            # "July 25", "France 24", "Gangafani 2"; "Another 17" may start a sentence, and a
            # capitalised qualifier comes before its number in a field ("Dead : Over 336").
            named = prev.cap and prev.word and k - 1 > sent_start
            if prev.low in _MONTHS or (named and prev.low not in _NUMBER_STARTS):
                return False
        if self.low(k + 1) in _MONTH_ABBREVIATIONS or self.low(k + 1) in _MONTHS:
            return False  # "17 Jan raided Makilwe village": a date
        return not _AGE.search(self.text[max(0, tok.start - 20) : tok.start])

    def _finish(self, i: int, j: int, end: int, flags: dict):
        j = self.past_quotes(j, end)
        parsed = parse_number(self.text[self.toks[i].start : self.toks[j - 1].end])
        return None if parsed is None else (j, *parsed, flags)

    # -- one figure -------------------------------------------------------------------------

    def figure(
        self, i: int, end: int, sent_start: int, *, bare: bool, person: bool, names: bool = True,
        telegraphic: bool = False,
    ) -> _Fig | None:
        """The figure at token ``i``: a number phrase and the people it counts.

        ``bare`` allows a number without a noun ("killing more than 50"); ``person`` allows one
        person without a number ("executes the French citizen NGO worker"); ``names`` allows a
        bare name among them ("kidnap Olivier Dubois"), ``telegraphic`` a bare noun ("killing
        policeman").
        """
        family = self._family(i, end, sent_start)
        if family is not None:
            return family
        num = self.number(i, end, sent_start)
        if num is None:
            return self.person(i, end, names=names, telegraphic=telegraphic) if person else None
        j, low, high, qualifier, flags = num
        fig = _Fig(i, j, low, high, qualifier, others=flags.get("others", False),
                   definite=flags.get("definite", False), ordinal=flags.get("ordinal", False))
        singular = flags.get("singular", False)
        k = self._estimate(fig, j, end, sent_start)
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
        more = self.low(k) == "more" and self.low(k + 1) != "than"
        if more and self.noun(k + 1, end, counted=True):
            fig.others, k = True, k + 1  # "three more people were killed"
        elif self.low(k) == "others" or more:
            fig.others, fig.end = True, k + 1  # "wounding 60 others", "four more are wounded"
            return fig
        if self.low(k) == "other":
            fig.others, k = True, k + 1  # "one other soldier", "kills one other"
        noun = self._with_noun(fig, k, end, singular=singular)
        if noun is not None or self.noun(k, end, counted=True) is not None:
            return noun
        if fig.others and k > j:
            fig.end = k
            return fig
        return self._bare(fig, j, k, end, bare=bare, singular=singular)

    def _family(self, i: int, end: int, sent_start: int) -> _Fig | None:
        """"A French family of seven" counts its members: 7."""
        k = i + 1
        if self.low(i) not in ("a", "an"):
            return None
        while k < end and k - i < 4 and (self.toks[k].cap or self.low(k) in _MODIFIERS):
            k += 1
        if (self.low(k), self.low(k + 1)) != ("family", "of"):
            return None
        num = self.number(k + 2, end, sent_start)
        if num is None or num[1] is None:
            return None
        return _Fig(i, num[0], num[1], num[2], num[3], noun="family", group="civilians")

    def _estimate(self, fig: _Fig, j: int, end: int, sent_start: int) -> int:
        """A vague figure with its estimate in brackets takes the estimate: 'killed "several"
        (estimated at ten) Boko Haram militants' is about 10. Where the noun starts."""
        if fig.qualifier != "several" or self.low(j) != "(" or self.low(j + 1) != "estimated":
            return j
        k = j + 2 + (self.low(j + 2) in ("at", "to"))
        num = self.number(k, end, sent_start)
        if num is None or self.low(num[0]) != ")" or num[1] is None:
            return j
        fig.low, fig.high, fig.qualifier = num[1], num[2], "about"
        fig.end = num[0] + 1
        return num[0] + 1

    def _with_noun(self, fig: _Fig, k: int, end: int, *, singular: bool) -> _Fig | None:
        nominal = self.noun(k, end, counted=True)
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
        if stop == self.cut:
            after = "."  # "kills 63 peopl": the noun was cut, the count stands
        if not bare or after not in _BARE_NEXT or (singular and self.low(j - 1) != "one"):
            return None
        fig.end = stop if stop > k and after == "and" else k
        return fig

    def noun(
        self, k: int, end: int, *, counted: bool = False
    ) -> tuple[str, int, list[str]] | None:
        """The head noun of the people counted, after modifiers: (noun, end, modifiers).

        After a number (``counted``) a capitalised plural names people ("Three Malians are
        killed", "Seven Hindus killed", "24 Kashmiri Pandits"), never without one ("Olivier
        Dubois, a French journalist"); up to two unknown lower-case words may stand before a
        people noun ("two company drivers", "33 young pro-Kurdish activists", "three kidnapped
        foreign women").
        """
        mods: list[str] = []
        i, unknown = k, 0
        while i < end and len(mods) <= 5:
            tok, low = self.toks[i], self.low(i)
            if low in _PEOPLE and not (low == "police" and self.low(i + 1) in _PEOPLE):
                return self._head(low, i + 1, end, mods)
            if counted and tok.cap and tok.word and _PLURAL_NAME.fullmatch(tok.text) and (
                i + 1 >= end or self.low(i + 1) in _BARE_NEXT
            ) and low not in _MONTHS:
                return "nationals", i + 1, mods
            if low == "and" and mods and self.toks[i - 1].cap and i + 1 < end and (
                self.toks[i + 1].cap
            ):
                i += 1  # "four Malian and Chadian soldiers"
                continue
            if low == "(" and self.toks[min(i + 1, end - 1)].cap and self.low(i + 2) == ")":
                i += 3  # "Three International Security Assistance Force (ISAF) soldiers"
                continue
            if (tok.cap and tok.word and low not in _MONTHS) or low in _MODIFIERS or (
                "." in tok.text and len(tok.text) > 2
            ) or _AGED.fullmatch(low):
                mods.append(low)
                i += 1
                continue
            if unknown < 2 and self._describes(i) and self._people_ahead(i + 1, end):
                mods.append(low)
                unknown, i = unknown + 1, i + 1
                continue
            return None
        return None

    def _describes(self, i: int) -> bool:
        """A lower-case word that may describe people: no function word, number, verb form in
        -ing ("killing 15 and injuring 11" never reads "15 ... injuring") or plural noun, which
        heads its own phrase ("abduct three buses carrying civilians")."""
        tok, low = self.toks[i], self.low(i)
        return (
            tok.word and not tok.cap and low not in _STOPS and low not in _NOT_DESCRIBING
            and not low.endswith(("ing", "s"))
        )

    def _people_ahead(self, j: int, end: int) -> bool:
        """A people noun at ``j`` or after one more describing word."""
        for k in (j, j + 1):
            if k >= end:
                return False
            if self.low(k) in _PEOPLE:
                return True
            if not (self._describes(k) or self.low(k) in _MODIFIERS or self.toks[k].cap):
                return False
        return False

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
        stop = max(i, self.name_run(i, end))
        if self.low(stop) in ("and", "or") and head not in _SINGULAR:
            # One number for two plural nouns: "At least 11 civilians and police officers are
            # killed", "39 soldiers and policemen dead"; "soldiers and a civilian" is two figures.
            other = self.noun(stop + 1, end) if self.low(stop + 1) not in _DETERMINERS else None
            if other is not None and other[0] not in _SINGULAR:
                stop = other[1]
        return head, stop, mods

    def name_run(self, i: int, end: int) -> int:
        """End of a run of name tokens starting at ``i`` (``i`` when there is none).

        The walk steps over titles ("Dr."), capitalised words and, after the first token,
        particles ("Yahia Abou Hamman", "Ahmad ag Moussa"); a possessive ends it. After its first
        step it goes on the same way from wherever it stands: where it ends from each token is
        kept (``_name_end``), so that each run is walked once for the entry and not once from
        each of its words (issue #18). A walk that reaches ``end`` stops there: it ends at
        ``end`` or where the whole walk ends, whichever comes first.
        """
        if i >= end:
            return i
        j, stop = self._name_step(i, first=True)
        return min(j if stop else self._name_end(j), end)

    def _name_step(self, j: int, *, first: bool) -> tuple[int, bool]:
        """One step of ``name_run`` from token ``j``: (where it goes, whether the run ends
        there)."""
        tok, low = self.toks[j], self.low(j)
        if low in _TITLES and tok.cap:
            return j + (2 if j + 1 < len(self.toks) and self.toks[j + 1].text == "." else 1), False
        if tok.word and tok.cap and not (tok.text.isupper() and len(tok.text) > 1) and (
            low not in _NOT_NAMES
        ):
            # "Assimi Goita's": a possessive ends the name.
            return j + 1, bool(_APOSTROPHE_S.search(tok.text))
        if not first and low in _PARTICLES:
            return j + 1, False
        return j, True

    def _name_end(self, j: int) -> int:
        """Where a run of name tokens that goes on at token ``j`` ends, for the whole entry."""
        n = len(self.toks)
        if self._name_ends is None:
            self._name_ends = [-1] * n
        ends, path = self._name_ends, []
        while True:
            if j >= n:
                result = j
                break
            if ends[j] >= 0:
                result = ends[j]
                break
            path.append(j)
            j, stop = self._name_step(j, first=False)
            if stop:
                result = j
                break
        for k in path:
            ends[k] = result
        return result

    def person(
        self, i: int, end: int, *, names: bool = True, telegraphic: bool = False
    ) -> _Fig | None:
        """One person without a number: "Ali Maychou", "the French citizen NGO worker", "his
        wife", "their guide", "Assimi Goita's chief of staff", "French citizen Pierre Camatte",
        "85-year-old priest Jacques Hamel"; with ``telegraphic``, an object noun alone
        ("killing policeman")."""
        k = i
        if self.low(k) in ("the", "his", "her", "their"):
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
            # A bare "Malian soldier" names nobody; telegraphic copy drops the article before
            # the noun alone: "Gunmen ... set electoral commission office on fire in Enugu
            # state, killing policeman", "Assailants 14 Jan killed uncle of prominent
            # politician".
            telegraphic = telegraphic and not mods and not self.toks[i].cap and (
                j >= end or self.low(j) in _STOPS
            )
            if k == i and not named and not telegraphic:
                return None
            return self._group(_Fig(i, j, 1, 1, "exact", noun=noun, person=True), mods)
        if k != i or not names:
            return None
        run = self.name_run(i, end)
        if run == i or _APOSTROPHE_S.search(self.toks[run - 1].text):
            return None
        if run < end and (
            self.low(run) in _PEOPLE or self.toks[run].cap or self.low(run) in _COLLECTIVE
        ):
            return None
        return _Fig(i, run, 1, 1, "exact", person=True)

    def bare_person(
        self, i: int, end: int, sent_start: int, *, after: _Fig | None = None
    ) -> _Fig | None:
        """One person named by a singular noun without an article: headline copy at the start
        of a sentence ("Policeman, student killed in attempted bombing", "Attacker shot dead by
        police", "AQAP bomber dies"), or a noun sharing the determiner of the person before it
        (``after``: "Two Belgians, their guide and driver shot dead")."""
        if (after is None and i != sent_start) or (after is not None and not after.person):
            return None
        nominal = self.noun(i, end)
        if nominal is None or nominal[0] not in _SINGULAR:
            return None
        noun, j, mods = nominal
        return self._group(_Fig(i, j, 1, 1, "exact", noun=noun, person=True), mods)

    def _group(self, fig: _Fig, mods: list[str]) -> _Fig:
        noun = fig.noun or ""
        group = _PEOPLE.get(noun, "unspecified")
        if noun in ("fighter", "fighters") and {"wagner", "russian"} & set(mods):
            group = "soldiers"
        if noun in ("officer", "officers") and {"police", "custom", "customs"} & set(mods):
            group = "police"
        if noun in ("member", "members", "personnel") and {"service", "army", "military"} & set(
            mods
        ):
            group = "soldiers"  # "nine Kenyan service members", "two Army personnel"
        if noun in ("guard", "guards") and "security" not in mods:
            group = "unspecified"
        # Members of a group named by its acronym are its fighters: "One FARC member was also
        # killed in the fighting", "one member of FARC killed".
        named = [self.toks[k] for k in range(fig.start, fig.end)]
        if self.low(fig.end) == "of":
            named.append(self.toks[min(fig.end + 1, len(self.toks) - 1)])
        armed = noun in ("member", "members") and any(
            _ACRONYM.fullmatch(t.text) and t.text not in _BODIES for t in named
        )
        fig.group = "militants" if armed else group
        fig.attacker = noun in _ATTACKERS or armed
        return fig
