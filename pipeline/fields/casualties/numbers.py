"""Number phrases: ``parse_number`` turns "more than 50", "around a dozen", "between 200 and
300" into bounds and a qualifier."""

from __future__ import annotations

import re

from pipeline.schema import MAX_COUNT, Qualifier

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
# "about three dozen people" is 36: "dozen" multiplies like "hundred" (GUIDELINES, "N dozen").
_SCALES: dict[str, int] = {"dozen": 12, "hundred": 100, "thousand": 1000}
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
        value = int(words.replace(",", "").lstrip("0")[:20] or "0")  # int() refuses > 4,300 digits
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
        elif part in _SCALES and (seen or part in ("dozen", "hundred")):
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
