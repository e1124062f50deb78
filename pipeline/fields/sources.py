"""Sources: the outlet names after "Source:" / "Sources:" at the end of an entry.

Read from the raw text, where each outlet is a markdown link (``[Defense Post](#)``): the link
brackets delimit names that hold commas or ampersands ("Center for Strategic & International
Studies") exactly. A plain-text report without links falls back to splitting on commas.
"""

from __future__ import annotations

import re

from pipeline.schema import Evidence
from pipeline.text import SOURCES_LABEL

# A link's name and target hold no "[" and are matched possessively, as in
# ``pipeline.text._MARKUP``: each character is then scanned by one link attempt at most, and a
# tail of "[" or "[a](" runs takes linear time (no link of the corpus has a "[" inside).
LINK = re.compile(r"\[(?P<name>(?:[^\[\]\\]|\\.)*+)\]\((?P<target>[^)\s\[]*+)\)")
_PLAIN_NAME = re.compile(r"[^,()\n]+")
_ESCAPE = re.compile(r"\\(.)")


# A paragraph closed by its outlets in brackets, after its last sentence: "... in the attack.
# (EuroNews, Market Research)". Each name a few words, capitalised.
_CREDIT_LIST = re.compile(
    r"[.!?\"”’)]\s*\((?P<list>[A-Z0-9][\w.&'’-]*(?:[ ][A-Z0-9][\w.&'’-]*){0,4}"
    r"(?:,[ ][A-Z0-9][\w.&'’-]*(?:[ ][\w.&'’-]+){0,4}){0,9})\)\s*$"
)


def find_sources(text: str) -> list[Evidence]:
    """Outlet names after the last "Source:"/"Sources:" of ``text``, in order, repeats kept;
    without such a label, the outlets a paragraph closes with in brackets.

    >>> [(e.text, e.start) for e in find_sources("kills 5. Sources: [CNN](#), [Al Jazeera](#)")]
    [('CNN', 19), ('Al Jazeera', 29)]
    >>> [e.text for e in find_sources("Gunmen killed 37 in Banibangou. (EuroNews, Market Research)")]
    ['EuroNews', 'Market Research']
    >>> find_sources("The group is known as the EIGS (Islamic State in the Greater Sahara)")
    []
    """
    labels = list(SOURCES_LABEL.finditer(text))
    if not labels:
        return _credit_list(text)
    tail_start = labels[-1].end()
    found = [
        Evidence(text=m.group("name"), start=m.start("name"), end=m.end("name"), method="rule:source-link")
        for m in LINK.finditer(text, tail_start)
    ]
    if found:
        return found
    return _plain_names(text, tail_start, len(text), "rule:source-plain", ".")


def _plain_names(text: str, start: int, end: int, method: str, strip: str) -> list[Evidence]:
    """The comma-separated names of ``text[start:end]``, trimmed, then without the ``strip``
    characters at their end (a plain "Sources:" tail drops its closing full stop)."""
    out = []
    for m in _PLAIN_NAME.finditer(text, start, end):
        name = m.group().strip().rstrip(strip)
        if name:
            begin = m.start() + m.group().index(name)
            out.append(Evidence(text=name, start=begin, end=begin + len(name), method=method))
    return out


def source_name(evidence: Evidence) -> str:
    """The outlet name of a found source, escapes removed.

    >>> source_name(Evidence(text="U.N. News Centre", start=0, end=16, method="x"))
    'U.N. News Centre'
    """
    return " ".join(_ESCAPE.sub(r"\1", evidence.text).split())


def _credit_list(text: str) -> list[Evidence]:
    # Only the text's last 300 characters are read: the list closes it.
    offset = max(0, len(text) - 300)
    m = _CREDIT_LIST.search(text, offset)
    if m is None:
        return []
    return _plain_names(text, m.start("list"), m.end("list"), "rule:source-credit", "")
