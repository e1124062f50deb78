"""Casualty figures of an entry: number phrases, who they count, and the entry's totals.

Pure functions over the cleaned entry text (markdown removed, the date header first, then ": "):

- ``parse_number`` turns a number phrase ("more than 50", "around a dozen", "between 200 and
  300") into bounds and a qualifier;
- ``find_casualties`` reads every casualty figure with its kind (killed, injured, kidnapped ...),
  its victim group, whether it counts the attackers, who claims it and whether it is a part of
  another figure of the entry;
- ``total_counts`` adds the figures up into the record's lower bounds, following the "Casualty
  counts" section of tests/gold/GUIDELINES.md.

How a figure is read. The entry (header and "Sources:" part left out) is cut into word tokens
with character offsets, and into sentences. A casualty word anchors each figure, in one of the
four shapes the Mali report uses; the shape is the rule id of the evidence ("rule:<shape>"):

- ``verb_object``: a verb and the figures after it: "killing more than 50 and wounding 13",
  "kill four in Gorey, four in Djamnati, and one in Simikanda", "take over 100 hostages";
- ``subject_verb``: figures before a passive or intransitive verb: "At least 29 soldiers are
  killed", "Another 17 died", "All five sustain injuries", "over 20 people missing";
- ``noun_of``: "claims the lives of up to 100 people", "the death of more than 500 civilians",
  "the kidnapping of an elderly French tourist";
- ``left_state``: "leave 14 soldiers dead and 11 wounded", "leaves one U.N. peacekeeper dead".

One person counts 1 when the text names or describes them without a number ("kidnap Dr.
Mahamadou Diawara", "executes the French citizen NGO worker", "his wife"); the method then ends
in "+person". A stated zero ("leaving no casualties") is read by ``rule:no_casualties``.

Numbers that are never casualties are refused where they are read: years, dates ("July 25"),
ages ("as young as eight"), money ("$15 million"), decimals and percentages ("8.8 million", "40
percent"), times ("2 a.m."), troop strengths ("5,000-troop", "4,500 French troops" has no
casualty word), names with a number ("France 24", "G5", "Gangafani 2"), spans of time ("711
days"), and numbers whose noun is not people ("three buses", "two attacks").

Figures that do not count. A court entry's figures belong to the attack on trial ("A U.S.
federal court charges ... The attacks killed 30 people"); a figure told with another year than
the header's is background ("the October 4, 2017, IS Sahel attack ..., which killed four U.S.
soldiers" in an entry of 2024).

Decisions this module makes where the guidelines leave the choice open:

- "gendarmes" are ``police``: the report calls the gendarmerie "a police unit under the command
  of the military" (February 25, 2021); a "custom officer" is ``police`` too.
- "local militiamen affiliated with the Malian government" are ``soldiers`` (armed men of the
  state's side); in this report "militants" always means the armed groups.
- "Wagner fighters" and "Russian fighters" are ``soldiers``; other "fighters" are ``militants``.
- Nationals ("three Malians"), "people" and bare numbers are ``unspecified``; "others" and
  "another" take the group of the figure before them in the sentence.
- "neutralized" is killed: of attackers ("neutralized 31 of the attackers") it counts
  perpetrators, of a named leader ("neutralizes Bah ag Moussa") one person killed.
- People the attackers "capture" ("The assailants also capture seven fighters") are counted
  with the kidnapped: GTD codes the capture of people by an armed group as hostage-taking. A
  capture by state forces ("French soldiers ... captured Oumeya Ould Albakaye") is an arrest.
- Attackers killed are perpetrators, unless the entry's first sentence reports an operation of
  state or foreign forces: then the militants it kills are its victims ("Allied French and
  Malian forces kills 20 ISIS militants in an operation"), as the guidelines say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.schema import MAX_COUNT, Casualty, CasualtyKind, Evidence, Qualifier, VictimGroup

# --- number phrases ----------------------------------------------------------------------------

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000}
# "A fourth peacekeeper dies from his injuries the following day": an ordinal after an article
# counts one person, and always adds to the figures before it.
_ORDINALS = frozenset(
    {"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
)
# Words that give a figure and no count ("several others", "numerous soldiers", "many others").
_VAGUE = frozenset({"several", "numerous", "many"})
# Qualifier words with the qualifier they mean; longer phrases first.
_QUALIFIERS: tuple[tuple[str, Qualifier], ...] = (
    ("as many as", "up to"),
    ("an estimated", "about"),
    ("at least", "at least"),
    ("more than", "more than"),
    ("up to", "up to"),
    ("over", "over"),
    ("approximately", "about"),
    ("around", "about"),
    ("about", "about"),
    ("roughly", "about"),
    ("some", "about"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
)
_OPEN_ABOVE = frozenset({"at least", "more than", "over"})
_OPEN_BELOW = frozenset({"up to", "nearly"})
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_QUOTES = "\"“”'‘’"
# Determiners dropped before the number itself: "All five", "another 42", "the two journalists".
_LEADING = re.compile(r"^(?:all|another|the|his|her|their)\s+(?=\S)")
# Words that may start a number phrase (digits and "twenty-five" aside): a quick refusal for
# the other tokens, which are most of them.
_NUMBER_STARTS = frozenset(
    {"all", "his", "her", "their", "the", "another", "between", "a", "an", "dozens", "dozen"}
    | {prefix.split()[0] for prefix, _ in _QUALIFIERS}
    | set(_QUOTES)
) | _VAGUE | _UNITS.keys()


def _value(words: str) -> int | None:
    """The integer a bare number phrase names: "13", "1,200", "nineteen", "a dozen", "a"."""
    if _DIGITS.fullmatch(words):
        value = int(words.replace(",", ""))
        # Larger than any count (a typo, an amount): not a figure; pipeline.checks warns.
        return value if value <= MAX_COUNT else None
    if words in ("a dozen", "dozen"):
        return 12
    if words in ("a", "an", "one", "another"):
        return 1
    parts = words.split()
    if len(parts) == 2 and parts[0] in ("a", "an") and parts[1] in _ORDINALS:
        return 1
    total, current, seen = 0, 0, False
    for part in re.split(r"[\s-]+", words):
        if part == "and" and seen:
            continue  # "one hundred and twenty"
        if part in _UNITS:
            current += _UNITS[part]
        elif part in _SCALES and (seen or part == "hundred"):
            current = max(current, 1) * _SCALES[part]
            if part == "thousand":
                total, current = total + current, 0
        elif part == "a" and not seen:
            current = 1  # "a hundred"
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> tuple[int | None, int | None, Qualifier] | None:
    """A number phrase as ``(min, max, qualifier)``; None when it is no number phrase.

    Lower bounds are conservative: "more than 50" is 50. "up to", "as many as" and "nearly" keep
    only a maximum; "dozens" is at least 12 (ACLED's lower bound); "several", "numerous" and
    "many" give no bound; "a", "an" and "one" are 1.

    >>> parse_number("more than 50"), parse_number("as many as 170"), parse_number("a dozen")
    ((50, None, 'more than'), (None, 170, 'up to'), (12, 12, 'exact'))
    """
    words = " ".join(re.sub(f"[{_QUOTES}]", "", text).lower().replace("—", " ").split())
    if " " in words:
        words = _LEADING.sub("", words)
    m = re.fullmatch(r"between (.+) and (.+)", words)
    if m:
        low, high = _value(m.group(1)), _value(m.group(2))
        return (low, high, "between") if low is not None and high is not None else None
    for prefix, qualifier in _QUALIFIERS:
        if words.startswith(prefix + " "):
            value = _value(words[len(prefix) + 1 :])
            if value is None:
                return None
            if qualifier in _OPEN_ABOVE:
                return value, None, qualifier
            if qualifier in _OPEN_BELOW:
                return None, value, qualifier
            return value, value, qualifier
    if words == "dozens":
        return 12, None, "dozens"
    if words in _VAGUE:
        return None, None, "several"
    value = _value(words)
    return (value, value, "exact") if value is not None else None


# --- tokens and sentences ----------------------------------------------------------------------

# A number keeps a glued hyphen suffix, so "5,000-troop" is one token and never a count (and a
# comma after it is its own token: "October 4, 2017,"); "U.N." and "a.m." are one token; words
# keep inner hyphens and apostrophes ("al-Sahrawi", "Goita's", "AK-47s", "G5", "three-day").
_TOKEN = re.compile(
    r"\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:-[A-Za-z]+)*"
    r"|(?:[A-Za-z]\.){2,}"
    r"|[A-Za-z][A-Za-z0-9]*(?:['’\-][A-Za-z0-9]+)*"
    r"|\S"
)
# The header that starts a cleaned entry: "February 7, 2025: ", "July 25, 2024 - July 27, 2024: ".
_HEADER = re.compile(
    r"^(?:[A-Z][a-z]+\.? )?(?:\d{1,2}, )?\d{4}"
    r"(?:\s*[-–]\s*(?:[A-Z][a-z]+\.? )?(?:\d{1,2}, )?\d{4})?\s*:\s+"
)
_SOURCES = re.compile(r"\bSources?:")
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# A period after these ends an abbreviation, not a sentence ("Dr. Mahamadou Diawara").
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "st", "col", "gen", "lt", "no", "vs"})


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int
    low: str

    @property
    def cap(self) -> bool:
        # "al-Qaeda", "al-Sahrawi": names that start in lower case.
        return self.text[:1].isupper() or bool(re.match(r"(?:al|el|ag)-[A-Z]", self.text))

    @property
    def word(self) -> bool:
        return self.text[:1].isalpha()


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [
        _Tok(m.group(), m.start(), m.end(), m.group().lower())
        for m in _TOKEN.finditer(text, start, end)
    ]


def _sentences(toks: list[_Tok]) -> list[tuple[int, int]]:
    """Token ranges of the sentences: ".", "!" or "?" (and closing quotes) before a capital."""
    out, begin = [], 0
    for i, tok in enumerate(toks):
        if tok.text not in (".", "!", "?"):
            continue
        j = i + 1
        while j < len(toks) and toks[j].text in "”’\")":
            j += 1
        prev = toks[i - 1].low if i else ""
        abbreviation = prev in _ABBREVIATIONS or (len(prev) == 1 and prev.isalpha())
        if j < len(toks) and not abbreviation and (
            toks[j].cap or toks[j].text[:1] in "“\"" or toks[j].text[:1].isdigit()
        ):
            out.append((begin, j))
            begin = j
    if begin < len(toks):
        out.append((begin, len(toks)))
    return out


# --- who a figure counts -----------------------------------------------------------------------


def _word_table(groups: dict[str, str]) -> dict[str, str]:
    return {word: key for key, words in groups.items() for word in words.split()}


# Head nouns of the people counted, singular and plural, with their victim group.
_PEOPLE: dict[str, VictimGroup] = _word_table({  # type: ignore[assignment]
    "soldiers": "soldier soldiers troop troops serviceman servicemen militiaman militiamen",
    "peacekeepers": "peacekeeper peacekeepers",
    "police": "police policeman policemen gendarme gendarmes",
    "civilians": "civilian civilians villager villagers resident residents passenger passengers "
    "hostage hostages guest guests tourist tourists journalist journalists worker workers "
    "employee employees diplomat diplomats citizen citizens child children woman women "
    "paramedic paramedics missionary missionaries observer observers guard guards wife husband "
    "farmer farmers herder herders trader traders student students worshippers teacher "
    "teachers doctor doctors nurse nurses son sons daughter daughters miner miners pilgrim "
    "pilgrims",
    "militants": "militant militants terrorist terrorists jihadist jihadists insurgent insurgents "
    "attacker attackers assailant assailants gunman gunmen islamist islamists bomber bombers "
    "extremist extremists rebel rebels fighter fighters combatant combatants",
    "unspecified": "people persons person man men individual individuals victim victims member "
    "members official officials officer officers leader leaders commander commanders chief "
    "chiefs national nationals inmate inmates prisoner prisoners suspect suspects driver "
    "drivers staff",
})
_SINGULAR = frozenset(
    "soldier troop serviceman militiaman peacekeeper policeman gendarme civilian villager "
    "resident passenger hostage guest tourist journalist worker employee diplomat citizen child "
    "woman paramedic missionary observer guard wife husband farmer herder trader student teacher "
    "doctor nurse son daughter miner pilgrim militant terrorist jihadist insurgent attacker "
    "assailant gunman islamist bomber extremist rebel fighter combatant person man individual "
    "victim member official officer leader commander chief national inmate prisoner suspect "
    "driver staff".split()
)
# The attackers of the event; their deaths go to perpetrators_killed ("31 of the attackers",
# "15 militants", "One attacker is killed", "29 militants are killed"). "fighters" is not here:
# in this report they are the victims ("84 Wagner fighters", "several al-Qaeda fighters").
_ATTACKERS = frozenset(
    "militant militants terrorist terrorists jihadist jihadists insurgent insurgents attacker "
    "attackers assailant assailants gunman gunmen islamist islamists bomber bombers extremist "
    "extremists".split()
)
# Lower-case words that may stand between a number and its noun ("10 local militiamen", "an
# elderly French tourist", "one electoral observer", "a staff member", "a custom officer").
_MODIFIERS = frozenset(
    "local other elderly electoral civil aid staff security military foreign senior suicide "
    "ethnic armed opposition police custom customs state election village defense defence "
    "private young innocent unarmed additional suspected alleged government army top former "
    "humanitarian medical health rescue".split()
)
# Words that end a figure's noun phrase without refusing it ("killing 77 and wounding 255").
_STOPS = frozenset(
    "and or in on at near while with from of who which that as after before during when but to "
    "by since including for outside inside just across between is are was were "
    ", . ; : — – - ( )".split()
)
# What may follow a number that has no noun: "kill four in Gorey", "11 wounded", "All five
# sustain injuries", "Another 17 died"; not "three buses", "2 a.m.", "40 percent".
_BARE_NEXT = _STOPS | {
    "dead", "wounded", "injured", "hurt", "died", "dies", "die", "sustain", "sustains", "missing",
}
_APOSTROPHE_S = re.compile(r"['’]s$")
# Particles inside a person's name ("Bah ag Moussa", "Gerco van Deventer").
_PARTICLES = frozenset({"ag", "van", "bin", "ben", "ould", "de", "du", "el", "al", "ibn", "abu"})
# Capitalised words that start no person's name: determiners, pronouns, and the armed groups the
# report writes in mixed case ("killed al-Qaeda in the Islamic Maghreb leader ...").
_NOT_NAMES = frozenset(
    "the this that these those it he she they his her its their a an on in at according after "
    "also during while when unidentified suspected armed local no nobody none al-qaeda islamic "
    "wagner al-mourabitoun ansar".split()
) | _MONTHS
_TITLES = frozenset({"dr", "colonel", "col", "general", "gen", "captain", "president", "mr", "mrs"})
_AGE = re.compile(r"\b(?:as young as|as old as|aged?)\s*$", re.IGNORECASE)

# --- casualty words ----------------------------------------------------------------------------

# Verbs that take the people counted as their object ("kill", "abduct", "hold", "release").
_ACTIVE: dict[str, CasualtyKind] = _word_table({  # type: ignore[assignment]
    "killed": "kill kills killing killed massacre massacres massacring execute executes "
    "executing executed assassinate assassinates assassinating assassinated murder murders "
    "murdering neutralize neutralizes neutralizing neutralized neutralise neutralises "
    "neutralised",
    "injured": "wound wounds wounding wounded injure injures injuring injured hurt hurts hurting",
    "kidnapped": "kidnap kidnaps kidnapping kidnapped abduct abducts abducting abducted hold "
    "holds holding take takes taking took",
    "captured": "capture captures capturing captured",
    "arrested": "arrest arrests arresting arrested detain detains detaining detained",
    "released": "release releases releasing released",
})
# Passive participles and intransitive verbs after their figures ("are killed", "died", "hurt").
_PASSIVE: dict[str, CasualtyKind] = {
    "killed": "killed", "massacred": "killed", "executed": "killed", "assassinated": "killed",
    "murdered": "killed", "neutralized": "killed", "neutralised": "killed", "die": "killed",
    "dies": "killed", "died": "killed", "dead": "killed", "wounded": "injured",
    "injured": "injured", "hurt": "injured", "kidnapped": "kidnapped", "abducted": "kidnapped",
    "missing": "missing", "captured": "captured", "arrested": "arrested", "detained": "arrested",
    "released": "released", "freed": "released",
}
_INTRANSITIVE = frozenset({"missing", "died", "dies", "die"})
# Nouns whose "of" introduces the people counted ("the death of more than 500 civilians").
_NOUN_OF: dict[str, CasualtyKind] = {
    "death": "killed", "deaths": "killed", "murder": "killed", "murders": "killed",
    "massacre": "killed", "killing": "killed", "lives": "killed", "kidnapping": "kidnapped",
    "abduction": "kidnapped", "release": "released",
}
_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_ADVERBS = frozenset(
    {"reportedly", "also", "allegedly", "later", "eventually", "then", "subsequently", "reported"}
)
# "take" and "hold" count people only as hostages: "take over 100 hostages", "hold 110
# civilians", "hold over 170 guests and staff hostage".
_TAKE = frozenset({"take", "takes", "taking", "took"})
_HOLD = frozenset({"hold", "holds", "holding"})
_LEAVE = frozenset({"leave", "leaves", "left", "leaving"})
_STATES: dict[str, CasualtyKind] = {
    "dead": "killed", "wounded": "injured", "injured": "injured", "hurt": "injured",
}
_INJURIES_VERBS = frozenset({"sustain", "sustains", "sustained", "suffer", "suffers", "suffered"})
_TAIL_PREPOSITIONS = frozenset(
    {"in", "at", "near", "from", "of", "on", "outside", "inside", "just", "across", "during"}
)
_TAIL_ENDS = frozenset(
    {",", "and", ";", "while", "who", "when", "before", "after", "as", "but", "with", "—", "–"}
) | _AUX
_DASHES = frozenset({"—", "–"})

# "leaving no casualties", "do not result in any casualties": killed and injured are 0.
_NO_CASUALTIES = re.compile(
    r"\b(?:(?:leaving|leaves|left|causing|causes|with)\s+no\s+casualties"
    r"|do(?:es)?\s+not\s+result\s+in\s+any\s+casualties|without\s+(?:any\s+)?casualties"
    r"|no\s+casualties\s+(?:are|were)\s+(?:reported|caused))\b",
    re.IGNORECASE,
)
# "No one was killed": a zero of one kind.
_NO_ONE = re.compile(
    r"\b(?:no one|nobody|none)\s+(?:was|were|is|are)\s+(?:reportedly\s+)?"
    r"(?P<verb>killed|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
# A court entry recounts the attack it judges: "A U.S. federal court charges a Malian man ...
# The attacks killed 30 people" (January 16, 2020), "A Bamako court begins the trial ...".
_LEGAL = re.compile(
    r"\b(?:court|trial|convicts?|charges|indicts?|sentences|extradites|designates)\b", re.IGNORECASE
)
# An operation of state or foreign forces: the militants it kills are its victims.
_OPERATION = re.compile(r"\boperation\b", re.IGNORECASE)
_FORCES = re.compile(r"\b(?:forces|troops|army|military)\b", re.IGNORECASE)
# A sentence that opens another incident of the entry: its figures add to those before.
_NEW_EVENT = re.compile(
    r"^(?:(?:That|The) same day|Also on|On (?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December) \d|Shortly after|Meanwhile|Separately)\b"
)
# Captors whose captures are arrests.
_STATE_FORCES = frozenset(
    "soldiers troops forces army military police gendarmes authorities government".split()
)
_CONTRASTS = frozenset({"however", "but", "although", "whereas", "while"})
_CLAIM_VERBS = frozenset({"claim", "claims", "claimed", "claiming"})
# "claims responsibility", "claimed by Ansar al-Dine", "claims the lives of": no claimed figure.
_NOT_A_CLAIM = frozenset({"responsibility", "credit", "the", "its", "a", "by"})
_CLAUSE_STARTS = frozenset({",", ";", "however", "although", "but", "while", "whereas"})
# Methods: "+person" for one person counted without a number, "+rival" for a claim set against
# an earlier figure for the same victims (total_counts keeps the lower of the two).
_RIVAL = "+rival"
_PERSON = "+person"
# Kinds added up together in the totals.
_TOTAL_KEY: dict[str, str] = {
    "killed": "killed", "injured": "injured", "kidnapped": "kidnapped", "captured": "kidnapped",
}


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


# --- claims ------------------------------------------------------------------------------------


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


# --- an entry ----------------------------------------------------------------------------------


def find_casualties(text: str) -> list[Casualty]:
    """Every casualty figure of a cleaned entry, in text order; stated zeros last.

    Evidence offsets are local to ``text`` and cover the number phrase and its casualty word.

    >>> [(c.kind, c.min, c.qualifier) for c in find_casualties(
    ...     "February 7, 2025: Armed assailants ambush several vehicles in Gao, killing more "
    ...     "than 50 and wounding 13. Sources: Defense Post, Reuters")]
    [('killed', 50, 'more than'), ('injured', 13, 'exact')]
    """
    header = _HEADER.match(text)
    body_start = header.end() if header else 0
    sources = list(_SOURCES.finditer(text, body_start))
    body_end = sources[-1].start() if sources else len(text)
    toks = _tokens(text, body_start, body_end)
    out: list[Casualty] = []
    if toks:
        reader = _Reader(toks, text)
        sentences = _sentences(toks)
        found = [f for n, (s, e) in enumerate(sentences) for f in _read_sentence(reader, n, s, e)]
        first = text[toks[sentences[0][0]].start : toks[sentences[0][1] - 1].end]
        if _LEGAL.search(first) and not any(f.sentence == 0 for f in found):
            return []
        years = set(re.findall(r"\b(?:1[89]\d\d|20\d\d)\b", header.group())) if header else set()
        found = [f for f in found if not _background(reader, f, years)]
        _set_groups(found, operation=bool(_OPERATION.search(first) and _FORCES.search(first)))
        _mark_claims(reader, sentences, found)
        _mark_parts(reader, sentences, found)
        out = [_casualty(text, reader, f) for f in found]
    zeros = [
        (m, ("killed", "injured")) for m in _NO_CASUALTIES.finditer(text, body_start, body_end)
    ]
    zeros += [
        (m, (_PASSIVE[m["verb"].lower()],)) for m in _NO_ONE.finditer(text, body_start, body_end)
    ]
    for m, kinds in zeros:
        ev = Evidence(text=m.group(), start=m.start(), end=m.end(), method="rule:no_casualties")
        out.extend(
            Casualty(kind=kind, min=0, max=0, qualifier="exact", group="unspecified", evidence=ev)
            for kind in kinds
        )
    return out


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


def _background(reader: _Reader, f: _Found, years: set[str]) -> bool:
    """A figure told with another year than the header's, in its own clause: "the October 4,
    2017, IS Sahel attack ..., which killed four U.S. soldiers"; "Dubois was kidnapped ... on
    April 8, 2021". The clause runs to the casualty words before and after the figure, so "AQIM
    executes the French citizen NGO worker abducted in December 2009" still counts."""
    lo, hi = f.clause
    return bool(years) and any(
        _YEAR.match(t.text) and t.text not in years for t in reader.toks[lo:hi]
    )


def _set_groups(found: list[_Found], *, operation: bool) -> None:
    """"others" and "another" take the group of the figure before them in the sentence; no
    one is a perpetrator in an operation against the militants."""
    previous: _Fig | None = None
    sentence = -1
    for f in found:
        if f.sentence != sentence:
            previous, sentence = None, f.sentence
        if f.fig.others and f.fig.noun is None and previous is not None:
            f.fig.group, f.fig.attacker = previous.group, previous.attacker
        if operation:
            f.fig.attacker = False
        previous = f.fig


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


def _mark_parts(reader: _Reader, sentences: list[tuple[int, int]], found: list[_Found]) -> None:
    """Figures of later sentences that restate or break down an earlier total are parts.

    "The attacks kill at least 41. ... where 24 people were killed. Another 17 died in
    Gangafani 2.": 24 + 17 fit in the 41. A sentence that opens another incident ("That same
    day", "Also on July 25", "On December 4") starts afresh; an ordinal ("A fourth peacekeeper
    dies") always adds; a definite figure ("the two journalists") never does.
    """
    event, events = 0, []
    for s, _ in sentences:
        start = reader.toks[s].start
        if events and _NEW_EVENT.match(reader.text[start : start + 40]):
            event += 1
        events.append(event)
    groups: dict[tuple, list[_Found]] = {}
    for f in found:
        f.part = f.part or f.fig.definite
        key = (events[f.sentence], _TOTAL_KEY.get(f.kind, f.kind), f.fig.attacker)
        groups.setdefault(key, []).append(f)
    for figures in groups.values():
        first = figures[0].sentence
        values = [f.fig.value for f in figures if f.sentence == first and not (f.part or f.rival)]
        if not values or None in values:
            continue
        base, seen = sum(values), 0  # type: ignore[arg-type]
        for f in figures:
            if f.sentence == first or f.part or f.rival:
                continue
            if f.fig.ordinal or f.fig.value is None:
                seen = base + 1
                continue
            seen += f.fig.value
            f.part = seen <= base


def _casualty(text: str, reader: _Reader, f: _Found) -> Casualty:
    start = reader.toks[f.span[0]].start
    end = reader.toks[f.span[1] - 1].end
    method = f"rule:{f.shape}" + (_PERSON if f.fig.person else "") + (_RIVAL if f.rival else "")
    return Casualty(
        kind=f.kind,
        min=f.fig.low,
        max=f.fig.high,
        qualifier=f.fig.qualifier,
        group=f.fig.group,
        perpetrators=f.fig.attacker,
        claimed_by=f.claimed_by,
        part_of_total=f.part,
        evidence=Evidence(text=text[start:end], start=start, end=end, method=method),
    )


# --- totals ------------------------------------------------------------------------------------


def _contribution(c: Casualty) -> int | None:
    """What a figure adds: its lower bound; the max of "up to"/"nearly"; nothing for "dozens"."""
    if c.qualifier in ("dozens", "several"):
        return None
    if c.min is not None:
        return c.min
    return c.max if c.qualifier in _OPEN_BELOW else None


def total_counts(casualties: list[Casualty]) -> dict:
    """The entry's lower-bound totals per kind, attackers apart, and whether claims conflict.

    Figures are added unless marked as parts of another. A rival claim (method ending in
    "+rival") stands with the figure it contradicts, the lower of the two counting, and makes
    the entry disputed. A kind whose figures give no count ("dozens", "several") is None; a
    stated zero is 0. Captures count with the kidnapped.

    >>> ev = Evidence(text="kill", start=0, end=4, method="rule:verb_object")
    >>> figs = [Casualty(kind="killed", min=n, max=n, qualifier="exact", group="civilians",
    ...                  evidence=ev) for n in (4, 4, 1)]
    >>> total_counts(figs)["killed"], total_counts(figs)["disputed"]
    (9, False)
    """
    sums: dict[str, list[tuple[VictimGroup, int | None]]] = {
        "killed": [], "injured": [], "kidnapped": [], "perpetrators_killed": [],
    }
    disputed = False
    for c in casualties:
        if c.part_of_total:
            continue
        if c.perpetrators:
            key = "perpetrators_killed" if c.kind == "killed" else None
        else:
            key = _TOTAL_KEY.get(c.kind)
        if key is None:
            continue
        value = _contribution(c)
        rivals = [n for n, (group, _) in enumerate(sums[key]) if group == c.group]
        if c.evidence.method.endswith(_RIVAL) and rivals:
            disputed = True
            old = sums[key][rivals[-1]][1]
            if value is not None and (old is None or value < old):
                sums[key][rivals[-1]] = (c.group, value)
            continue
        sums[key].append((c.group, value))
    totals: dict = {}
    for key, items in sums.items():
        values = [v for _, v in items if v is not None]
        totals[key] = sum(values) if values else None
    totals["disputed"] = disputed
    return totals
