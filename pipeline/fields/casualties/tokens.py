"""An entry cut into word tokens with character offsets, and into sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
