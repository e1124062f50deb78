"""Reading one sentence: its triggers, with what the words around each one say about it.

News copy tells the act in the main clause and hangs the rest on it: a setting ("During a Malian
operation ..., a military tanker ... is hit by an IED"), a cause ("held protests ... after four
men were beheaded"), a follow-up ("in an attack for which five ... Yemenis are later
convicted"), a quotation ('"... ready for suicide attacks," Taliban commander Mullah Dadullah
tells Reuters'), an intention ("confirmed that it would temporarily deploy 3,000 troops"). A
trigger in such a part is not the act of the entry: quoted and intended ones are dropped, the
others are read only when the main clause names no act (``Hit.background``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from pipeline.fields.event_type.triggers import (
    DEMANDED_RELEASE, PUBLICATION, STATE_FORCE, STATEMENT, NON_STATE, TRIGGERS, Trigger,
)


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    trigger: Trigger
    role: str
    background: bool = False

    @property
    def kind(self) -> str:
        return self.trigger.kind


# A sentence that opens with its setting: "During a Malian operation ...,", "After Nigerian
# officials launched an investigation ... and arrested its members, the group launched
# retaliatory attacks", "Despite the increase of extremist attacks in the Sahel, on January 26,
# 2020, the Pentagon announced". Case-sensitive: the capital marks the start of the clause, also
# after a title ("Maiduguri, Nigeria - July 2009 After Nigerian officials ...").
_SETTING = re.compile(
    r"(?:During|After|Following|Despite|Amid|Amidst|Apart from|Besides|In addition to"
    r"|In response to|In retaliation for)\b[^,]*,")
_AFTER_TITLE = re.compile(r"(?<=\d )|(?<=: )")
# A clause hung on the main one that gives its cause or what followed: "..., after a bomb
# exploded aboard", "following recent Taliban and ISIS attacks that left ...". "The following
# day" and "shortly after, Malian forces arrest" are not.
_BACKGROUND = re.compile(
    r"(?<![Tt]he )(?<![Ss]hortly )\b(?:after|following|in retaliation for|in response to|ahead of"
    r"|despite)\b(?!,)")
# Follow-ups told in the same sentence: "are later convicted", "subsequently ousted".
_FOLLOW_UP = re.compile(r"\b(?:later|subsequently|eventually|afterwards)\s+(?:\w+\s+)?$",
                        re.IGNORECASE)
# Intentions and calls are not acts: "would temporarily deploy", "planned to deploy", "called for
# attacks on US interests", "are ready for suicide attacks".
_INTENT = re.compile(
    r"\b(?:would|will|could|can|might|shall|plans? to|planned to|plott\w* to|threaten\w* to"
    r"|vow\w* to|intend\w* to|ready for|call(?:s|ed|ing)? for|urg\w*|considering)"
    r"\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE)
# Quotations, straight or curly, within one paragraph.
_QUOTE = re.compile(r"“[^”\n]{1,400}”|\"[^\"\n]{1,400}\"")
# "is killed", "were also killed", "had been killed", "was reportedly killed".
_PASSIVE_AUX = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+|also\s+|not\s+|then\s+)?$",
    re.IGNORECASE)
# A participle the toll follows: "30 people killed in ...", "2 local drivers killed by car bomb",
# "70 people, mostly Shiite pilgrims, killed south of Baghdad",
# "40 CRPF personnel killed, 35 injured", "Two Belgians ... shot dead in attack". An active verb
# is followed by its object ("killed 13 Sinhalese soldiers", "killed at least 21", 'killed
# "several"').
_REDUCED_PASSIVE = re.compile(
    r"\s*(?:$|[,.;:)\]]|(?:in|by|during|when|as|after|at(?! least)|on|while|near|outside|inside"
    r"|with|following|and (?:\w+ )?(?:wounded|injured)|and \d|since|for"
    r"|(?:north|south|east|west)\w* of)\b)",
    re.IGNORECASE)
# "attack" is a verb when its object follows: "Gunmen attack the villages", "insurgents attack
# Gaganfani and Yono", "Militants attack security forces"; a noun after a determiner ("an attack
# on", "the attack kills") or with a capital ("Attack on Beirut barracks").
_ATTACK_OBJECT = re.compile(
    r"\s+(?:the|a|an|two|three|four|five|several|\d+|[A-Z]\w*|security|military|army|police"
    r"|civilians|villages?|convoys?|soldiers|troops|forces|peacekeepers)\b")
_DETERMINER = re.compile(
    r"\b(?:a|an|the|this|that|these|those|its|their|his|her|of|in|by|for|deadly|suicide)\s+$",
    re.IGNORECASE)
# An event noun as the object of an act: "launch an attack", "carried out a series of attacks".
_LAUNCHED = re.compile(
    r"\b(?:launch\w*|carr(?:y|ies|ied|ying) out|stag(?:e|es|ed|ing)|mount\w*|conduct\w*)"
    r"\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
# "was the target of a suicide bombing": the noun, not the verb.
_TARGET_NOUN = re.compile(r"\b(?:the|a)\s+$", re.IGNORECASE)
# "the head of Saudi Arabia's counterterrorism operations", "the 'heart' of the operation": an
# operation named as someone's domain is not an event.
_OPERATION_OWNER = re.compile(r"(?:'s|’s|\bof(?: the| its| their)?)\s+(?:\S+\s+){0,1}$")
_CLAUSE_CUT = re.compile(r"[,;:(]|\s[–—-]{1,2}\s")


def quoted_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the quotations in ``text[start:end]``.

    >>> t = 'A "rocket attack" was "feared" today.'
    >>> [t[s:e] for s, e in quoted_spans(t, 0, len(t))]
    ['"rocket attack"', '"feared"']
    """
    return [(m.start(), m.end()) for m in _QUOTE.finditer(text, start, end)]


def find_hits(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> list[Hit]:
    """The triggers of the sentence ``text[start:end]``, in text order, each with its role.

    >>> t = "Fuel tanker blown up at checkpoint near Hilla, killing 47."
    >>> [(t[h.start:h.end], h.role) for h in find_hits(t, 0, len(t), [])]
    [('blown up', 'specific'), ('killing', 'kill')]
    """
    found: list[Hit] = []
    setting = _setting(text, start, end)
    setting_span = (setting.start(), setting.end()) if setting else (start, start)
    background_at = _background_start(text, setting_span[1] if setting else start, end)
    quoted = _Quoted(quotes)
    for trigger in TRIGGERS:
        for m in trigger.pattern.finditer(text, start, end):
            if quoted.holds(m.start()):
                continue
            hit = _read(text, start, m, trigger)
            if hit is None:
                continue
            background = (setting_span[0] <= m.start() < setting_span[1]
                          or m.start() >= background_at
                          or bool(_FOLLOW_UP.search(text, max(start, m.start() - 30), m.start())))
            found.append(Hit(hit.start, hit.end, hit.trigger, hit.role, background))
    return _without_overlaps(found)


def _setting(text: str, start: int, end: int) -> re.Match | None:
    """The setting clause the sentence opens with, also after a title's date."""
    found = _SETTING.match(text, start, end)
    if found is None:
        found = next((m for m in _SETTING.finditer(text, start, end)
                      if m.start() < start + 60 and _AFTER_TITLE.match(text, m.start())), None)
    return found


def _background_start(text: str, start: int, end: int) -> int:
    m = _BACKGROUND.search(text, start, end)
    return m.start() if m else end


def _before(text: str, start: int, pos: int, width: int = 40) -> str:
    return text[max(start, pos - width):pos]


def _read(text: str, start: int, m: re.Match, trigger: Trigger) -> Hit | None:
    """The hit of a match with its role read from the words around it, or None to drop it."""
    before = _before(text, start, m.start())
    if _INTENT.search(before):
        return None
    role = trigger.role
    word = m.group(0)
    if trigger.rule == "release":
        if PUBLICATION.match(text, m.start()):
            return Hit(m.start(), m.end(), STATEMENT, "statement")
        if word.lower() == "release" and DEMANDED_RELEASE.search(before):
            return None
    elif trigger.rule == "operation" and word.lower().startswith("operation"):
        if _OPERATION_OWNER.search(before):
            return None
    elif trigger.rule == "forces-conduct":
        if not is_state_subject(clause_before(text, start, m.end())):
            return None
    elif trigger.rule == "attack-verb" and word.lower().startswith("target"):
        if _TARGET_NOUN.search(before):
            return None
    elif trigger.rule == "attack-word":
        role = attack_role(text, m)
    elif trigger.rule == "kill-verb" and word.lower() in ("killed", "slain") and is_passive(
            text, start, m.start(), m.end()):
        # Only a plain "killed" or "slain" is a toll ("one civilian were slain during a battle");
        # "Two Belgians, their guide and driver shot dead in attack" is told by its killing verb.
        role = "outcome"
    if role == "generic" and _LAUNCHED.search(before):
        # "launching an attack on the Malian army", "carry out attacks": the noun is the act.
        role = "specific"
    return Hit(m.start(), m.end(), trigger, role)


def attack_role(text: str, m: re.Match) -> str:
    """``specific`` for the verb "attack(s)" before its object, ``generic`` for the noun.

    >>> t = "Gunmen attack the villages. An attack on the camp."
    >>> [attack_role(t, m) for m in re.finditer("attack|Attack", t)]
    ['specific', 'generic']
    """
    word = m.group(0)
    if word[0].isupper() or not word.lower().startswith("attack"):
        return "generic"
    if _DETERMINER.search(text[max(0, m.start() - 20):m.start()]):
        return "generic"
    return "specific" if _ATTACK_OBJECT.match(text, m.end()) else "generic"


def is_passive(text: str, start: int, begin: int, end: int) -> bool:
    """Whether the "kill" verb at ``text[begin:end]`` is passive: a toll rather than an act.

    >>> t = "Seven Hindus killed in an attack. Militants killed 25 police officers."
    >>> [is_passive(t, 0, m.start(), m.end()) for m in re.finditer("killed", t)]
    [True, False]
    """
    word = text[begin:end].lower()
    if word.startswith(("kills", "killing")) or word in ("kill", "slew"):
        return False
    if _PASSIVE_AUX.search(_before(text, start, begin)):
        return True
    return bool(_REDUCED_PASSIVE.match(text, end))


def clause_before(text: str, start: int, pos: int) -> str:
    """The words of the clause before ``pos``, back to a comma, colon or dash (at most 80
    characters): the subject of a verb at ``pos``.

    >>> t = "Despite France's withdrawal, on June 11, 2022, French soldiers captured him."
    >>> clause_before(t, 0, t.index("captured"))
    'French soldiers '
    """
    window = text[max(start, pos - 80):pos]
    cuts = list(_CLAUSE_CUT.finditer(window))
    return (window[cuts[-1].end():] if cuts else window).lstrip()


def clause_after(text: str, pos: int, end: int, width: int = 90) -> str:
    """The words after ``pos`` up to the end of the sentence (at most ``width`` characters): the
    object of a verb that ends at ``pos``.

    >>> t = "Nigerian troops killed two bandits in Kajuru, Kaduna."
    >>> clause_after(t, t.index(" two"), len(t), 20)
    ' two bandits in Kaju'
    """
    return text[pos:min(end, pos + width)]


def is_state_subject(words: str) -> bool:
    """Whether a subject names a state's forces and no armed group.

    >>> is_state_subject("Nigerian police officers ")
    True
    >>> is_state_subject("Gunmen wearing army uniforms ")
    False
    """
    return bool(STATE_FORCE.search(words)) and not NON_STATE.search(words)


class _Quoted:
    """Whether an offset lies in one of the quotations of a sentence: a bisection over their
    starts, not a scan of every quotation for every trigger (issue #18)."""

    def __init__(self, quotes: list[tuple[int, int]]):
        self.quotes = quotes
        # The quotations come from one scan, in text order and apart: their starts and ends
        # both ascend. Any other list is scanned as given.
        self.ordered = all(a[1] <= b[0] and a[0] <= a[1] for a, b in zip(quotes, quotes[1:]))
        self.starts = [s for s, _ in quotes]

    def holds(self, pos: int) -> bool:
        if not self.ordered:
            return any(s <= pos < e for s, e in self.quotes)
        n = bisect_right(self.starts, pos)
        # Only the last quotation starting at or before ``pos`` can hold it.
        return n > 0 and pos < self.quotes[n - 1][1]


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """Where two matches overlap the longer one stays ("suicide attack" over "attack").

    The spans kept so far are apart, so sorted by start (then end) their ends ascend too: a hit
    overlaps one of them exactly when it overlaps the last one starting before the hit ends,
    found by bisection (a scan of every kept span for every hit was quadratic, issue #18).

    >>> t = "a suicide attack and an attack"
    >>> [t[h.start:h.end] for h in _without_overlaps([
    ...     Hit(10, 16, TRIGGERS[0], "generic"), Hit(2, 16, TRIGGERS[0], "specific"),
    ...     Hit(24, 30, TRIGGERS[0], "generic")])]
    ['suicide attack', 'attack']
    """
    kept: list[Hit] = []
    spans: list[tuple[int, int]] = []  # the kept spans, sorted
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        # The kept spans that start before the hit ends; the last of them ends last.
        n = bisect_left(spans, (hit.end,))
        if n == 0 or spans[n - 1][1] <= hit.start:
            kept.append(hit)
            insort(spans, (hit.start, hit.end))
    return sorted(kept, key=lambda h: (h.start, -h.end))
