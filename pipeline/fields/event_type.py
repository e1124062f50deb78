"""Event type: the type of an entry's main act, read from the trigger words of its first sentence.

The gold guidelines type an entry by "the first, main" act it reports. The report states that
act in the entry's first sentence, in the present tense ("JNIM militants ambush ...", "A roadside
bomb strikes ...", "The ICC convicts ..."); later sentences add the outcome, the background and
follow-ups ("The suspects face charges", "He is released in February 2010"), which must not
change the type. So only the first sentence that holds a trigger word is read.

Inside that sentence the types are decided in this order, each step motivated by the report:

1. ``killing`` words that name the act itself (execute, assassinate, massacre, murder, "slit the
   throats"): "Assaultants shoot and slit the throats of soldiers and civilians" is a killing.
2. ``release``: a release sentence always names the earlier kidnapping ("hostages that were
   abducted by AQIM in September 2010 are released"), so release outranks kidnapping.
3. ``legal_action``: a trial or charge names the attacks it is about ("the trial of two men
   accused of orchestrating terror attacks").
4. ``military_operation``: "an operation" of forces, or forces that "neutralize" someone; an
   operation named only as the setting ("During a Malian operation ..., a military tanker ... is
   hit by an IED") does not count, nor a named operation ("Operation Barkhane").
5. ``kidnapping`` when nobody is killed: "ambush several buses ..., kidnapping 40 people" is a
   kidnapping, "attack Malian soldiers ..., killing 82 and kidnapping 30 others" an attack.
6. Otherwise the first of the attack, bombing and kill words, as the guidelines' "the main verb
   decides": "Islamists exchange gunfire ... after a suicide bomber is prevented from entering"
   is an attack, "detonate an IED and open fire" a bombing, "Gunmen on motorbikes kill at least
   34 Tuareg civilians" a killing, and "Unidentified gunmen attack the villages of Yoro and
   Gangafani 2" an attack although its victims are villagers. An attack "with IEDs" is a
   bombing. Passive casualty verbs ("are killed") are outcomes, never triggers.
7. ``statement`` words (publish, report, statement, announce ...) only when no act is named.

With no trigger at all the type is ``other`` ("Islamists destroy UNESCO world heritage sites").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.schema import EventType, Evidence
from pipeline.text import body_span, split_sentences

# How many sentences to read before giving up: "Jihadists on motorbikes invade the villages ...
# The suspected jihadists massacre more than 51 civilians" names the act in its second sentence.
_MAX_SENTENCES = 3

_PASSIVE = r"(?<!\bare )(?<!\bis )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )"


@dataclass(frozen=True)
class _Trigger:
    rule: str
    kind: str
    pattern: re.Pattern


def _t(rule: str, kind: str, pattern: str, flags: int = re.IGNORECASE) -> _Trigger:
    return _Trigger(rule, kind, re.compile(pattern, flags))


_TRIGGERS: tuple[_Trigger, ...] = (
    _t("killing-verb", "killing",
       r"\b(?:execut(?:e|es|ed|ing)|assassinat\w*|massacr\w*|murder\w*|behead\w*)\b"
       r"|\bslit(?:s|ting)?\b[^.]{0,40}?\bthroats?\b"),
    # "release a joint statement" is a statement, not a release (see _STATEMENT_RELEASE).
    _t("release", "release",
       r"\b(?:releas(?:e|es|ed|ing)|freed|frees|turn(?:s|ed)? over|hand(?:s|ed)? over)\b"),
    _t("legal", "legal_action",
       r"\b(?:convict\w*|court|trial|indict\w*|extradit\w*|designat(?:e|es|ed|ing)|sanction(?:s|ed)?"
       r"|arrest(?:s|ed)?|charg(?:e|es|ed)|sentenc(?:e|es|ed))\b"),
    # Lower-case "operation" only: "Operation Barkhane" names the force, not the act.
    _t("operation", "military_operation",
       # ... but launching a named one is the act: "France launched Operation Serval".
       r"\b(?:operation|[Nn]eutraliz\w*|[Aa]ir ?strikes?|launch(?:es|ed)? Operation)\b", flags=0),
    _t("kidnap", "kidnapping", r"\b(?:kidnap\w*|abduct\w*|hostages?)\b"),
    _t("bombing-instrument", "bombing",
       r"\b(?:IEDs?|VBIEDs?|(?:improvised )?explosive devices?|explosives?|explosive-packed"
       r"|vehicle-borne|(?:roadside |car |truck |makeshift )?bombs?|bomb(?:er|ers|ing|ings)"
       r"|landmines?|(?:a|the) mines?|detonat\w*|explod\w*|explosions?|booby-trap\w*)\b"),
    _t("attack-verb", "attack",
       r"\b(?:ambush\w*|attack\w*|raid(?:s|ed|ing)?|storm(?:s|ed|ing)?|open(?:s|ed)? fire"
       r"|fir(?:e|es|ed|ing) (?:mortars?|rockets?|on|at)|gunfire|shoot\w*|shelling|mortars?"
       r"|rockets?|rocket-propelled|small-arms|assaults?|clash\w*|target(?:s|ed|ing)?)\b"),
    _t("kill-verb", "killing", _PASSIVE + r"\bkill(?:s|ed|ing)?\b"),
    _t("statement", "statement",
       # "Nigerian security analysts reported that", "France stated that", "Mali first accused
       # France of supporting", "Keita delivered a brief address": the prose's statements.
       r"\b(?:publish\w*|statement|announc\w*|report(?:s|ed)?|tweet\w*|says|said|declar\w*"
       r"|warn\w*|claims?|video|stat(?:es|ed)|accus(?:e|es|ed)|address)\b"),
)
_STATEMENT = next(t for t in _TRIGGERS if t.kind == "statement")
_STATEMENT_RELEASE = re.compile(
    r"\breleas(?:e|es|ed|ing) (?:a |an |the )?(?:joint |new )?(?:statement|video|report|photos)",
    re.IGNORECASE,
)
# A leading "During <the setting>," names where the act happened, not the act.
_SETTING = re.compile(r"^During\b[^,]*,")
# "with IEDs", "with a roadside bomb", "using explosives": the instrument of an attack.
_INSTRUMENT = re.compile(r"\b(?:with|using)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_INSTITUTION = re.compile(r"court|trial", re.IGNORECASE)
_KILL_WORD = re.compile(r"\bkill\w*", re.IGNORECASE)
_ACTS = ("attack", "bombing", "killing")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as offsets (``pipeline.text.split_sentences``).

    >>> t = "A U.N. convoy strikes an IED. Two die."
    >>> [t[s:e] for s, e in sentence_spans(t, 0, len(t))]
    ['A U.N. convoy strikes an IED.', 'Two die.']
    """
    return split_sentences(text, start, end)


def classify_event(text: str, body: tuple[int, int] | None = None
                   ) -> tuple[EventType | None, Evidence | None]:
    """The type of the main act of an entry, and the trigger words it was read from.

    >>> kind, ev = classify_event(
    ...     "January 3, 2021: An armored vehicle carrying French soldiers hits an IED in Menaka.")
    >>> kind, ev.text, ev.method
    ('bombing', 'IED', 'rule:bombing-instrument')
    """
    start, end = body_span(text) if body is None else body
    if not text[start:end].strip():
        return None, None
    for s_start, s_end in sentence_spans(text, start, end)[:_MAX_SENTENCES]:
        found = _find_triggers(text, s_start, s_end)
        if found:
            return _decide(text, found, (s_start, s_end))
    return "other", None


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    trigger: _Trigger

    @property
    def kind(self) -> str:
        return self.trigger.kind


def _find_triggers(text: str, start: int, end: int) -> list[_Hit]:
    """Every trigger of ``text[start:end]`` in text order, the leading setting left out."""
    setting = _SETTING.match(text[start:end])
    begin = start + setting.end() if setting else start
    statements = [(m.start(), m.end()) for m in _STATEMENT_RELEASE.finditer(text, begin, end)]
    hits = []
    for trigger in _TRIGGERS:
        for m in trigger.pattern.finditer(text, begin, end):
            if trigger.kind == "release" and any(s <= m.start() < e for s, e in statements):
                trigger = _STATEMENT  # "JNIM and AQIM release a joint statement online"
            hits.append(_Hit(m.start(), m.end(), trigger))
    return sorted(hits, key=lambda h: (h.start, -h.end))


def _decide(text: str, hits: list[_Hit], sentence: tuple[int, int]) -> tuple[EventType, Evidence]:
    """The type of a sentence's act from its triggers, in the order of the module docstring."""

    def pick(kind: str) -> _Hit | None:
        return next((h for h in hits if h.kind == kind), None)

    def evidence(hit: _Hit, rule: str | None = None) -> Evidence:
        return Evidence(text=text[hit.start:hit.end], start=hit.start, end=hit.end,
                        method=f"rule:{rule or hit.trigger.rule}")

    for hit in hits:
        if hit.trigger.rule == "killing-verb":
            return "killing", evidence(hit)
    for kind in ("release", "legal_action", "military_operation"):
        hit = pick(kind)
        if hit and kind == "legal_action":
            # The act over the institution: "The International Criminal Court (ICC) convicts".
            hit = next((h for h in hits if h.kind == kind and not _INSTITUTION.fullmatch(
                text[h.start:h.end])), hit)
        if hit:
            return kind, evidence(hit)
    kidnap = pick("kidnapping")
    if kidnap and not _KILL_WORD.search(text, *sentence):
        return "kidnapping", evidence(kidnap)
    acts = [h for h in hits if h.kind in _ACTS]
    if acts:
        first = acts[0]
        if first.kind == "attack":
            for hit in acts:
                if hit.kind == "bombing" and _INSTRUMENT.search(text[first.start:hit.start]):
                    return "bombing", evidence(hit, "bombing-instrument-with")
        return first.kind, evidence(first)
    if kidnap:
        return "kidnapping", evidence(kidnap)
    return "statement", evidence(hits[0])
