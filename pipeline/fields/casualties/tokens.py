"""An entry cut into word tokens with character offsets, and into sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text import split_sentences

# A number keeps a glued hyphen suffix, so "5,000-troop" is one token and never a count (and a
# comma after it is its own token: "October 4, 2017,"); "U.N." and "a.m." are one token; words
# keep inner hyphens and apostrophes ("al-Sahrawi", "Goita's", "AK-47s", "G5", "three-day").
_TOKEN = re.compile(
    r"\$?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:-[A-Za-z]+)*"
    r"|(?:[A-Za-z]\.){2,}"
    r"|[A-Za-z][A-Za-z0-9]*(?:['’\-][A-Za-z0-9]+)*"
    r"|\S"
)
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
# "al-Qaeda", "el-Sisi", "ag-Ghaly": names that start in lower case.
_ARTICLE_NAME = re.compile(r"(?:al|el|ag)-[A-Z]")
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int
    low: str

    @property
    def cap(self) -> bool:
        # "al-Qaeda", "al-Sahrawi": names that start in lower case.
        return self.text[:1].isupper() or (
            self.text[2:3] == "-" and _ARTICLE_NAME.match(self.text) is not None
        )

    @property
    def word(self) -> bool:
        return self.text[:1].isalpha()


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [
        _Tok(m.group(), m.start(), m.end(), m.group().lower())
        for m in _TOKEN.finditer(text, start, end)
    ]


def _sentences(toks: list[_Tok], text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of the sentences of ``text[start:end]`` (``pipeline.text.split_sentences``);
    a closing quote after a sentence's full stop stays with that sentence."""
    spans = split_sentences(text, start, end)
    out: list[tuple[int, int]] = []
    begin = 0
    for s_start, _ in spans[1:]:
        j = begin
        while j < len(toks) and toks[j].start < s_start:
            j += 1
        if j > begin:
            out.append((begin, j))
            begin = j
    if begin < len(toks):
        out.append((begin, len(toks)))
    return out
