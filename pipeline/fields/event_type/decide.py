"""Deciding the type of one sentence's act from its triggers (the order of the package docstring).

A decision can stay open: a sentence that names its act without its means ("GSIM claims to ambush
a French military camp") or only its toll ("Four army soldiers killed during hard combat") lets
the next sentences say more ("The al-Qaeda linked group raided the camp with two
explosive-packed vehicles", "The soldiers were ambushed with landmines").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.fields.event_type.clauses import (
    Hit, clause_after, clause_before, is_passive, is_state_subject,
)
from pipeline.fields.event_type.triggers import ARMED_VICTIMS, CIVILIANS, ENEMY, FIREARMS
from pipeline.text import LastWords

# Open decisions: what a later sentence may add.
INSTRUMENT = "instrument"  # a plain attack: a later "with/using <explosive>" makes it a bombing
MEANS = "means"            # an attempt: a later means of attack decides
ACT = "act"                # a claim, a toll: a later act decides
FATE = "fate"              # a kidnapping: a later execution of the hostages makes it a killing

# "with IEDs", "with a roadside bomb", "using explosives": the instrument of an attack, in
# the last four words before the means.
_INSTRUMENT = LastWords(
    re.compile(r"\b(?:with|using)\s+(?:\S+\s+){0,3}$", re.IGNORECASE), words=4, head=5
)
# A killing "in a twin suicide blast", "by a car bomb".
_BY_MEANS = LastWords(
    re.compile(r"\b(?:in|by|with|using)\s+(?:\S+\s+){0,3}$", re.IGNORECASE), words=4, head=5
)
_INSTITUTION = re.compile(r"court|trial", re.IGNORECASE)
# Attack verbs that name no means: a later sentence may give it.
_MEANSLESS = re.compile(r"(?:attack|ambush|raid|storm|target|assault|overr|struck|clash|t[ao]ok)",
                        re.IGNORECASE)
# Verbs of taking: by state forces an operation ("French soldiers captured Oumeya Ould
# Albakaye"), by an armed group an attack ("the Taliban captured a major Afghan city").
_TAKING = re.compile(r"captur|seiz", re.IGNORECASE)
# An object ends at the first preposition or clause: "killing eight policemen", not "... killing
# 20 people in an attack on soldiers"; a list runs on: "killed 30 civilians, soldiers and
# militiamen in an attack near the town of Markoye".
_OBJECT_END = re.compile(
    r"\s(?:in|at|on|near|during|while|who|which|after|as|when|from|of)\s|[.;:]|,\s*(?:\w+ing|and"
    r"|the|a|an|his|her|their|[A-Z])\b")
# The claimed act dated apart from the claim: "claiming the attack against police station of
# Tera ... carried on 30 November 2018", "claims the attack of November 30". Capitals: "may" is
# no month.
_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_ACT_ROLES = ("specific", "strong", "kill", "kidnap")
_WHEN = re.compile(
    rf"{_DATE.pattern}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_AND = re.compile(r"\s+and\s+")
# What an attack is on: "an attack on a village", "attacks on Saturday" (a date: no target).
_ON_TARGET = re.compile(r"\s+(?:\S+\s+){0,4}?(?:on|against)\s+(?:the\s+|a\s+|an\s+)?")
_BY_AGENT = re.compile(r"\s+(?:\S+\s+){0,4}?by\s+((?:\S+\s+){0,2}\S+)")
# A person named after the verb or in apposition: "the Labour MP Jo Cox", "a French police
# officer, Jean-Baptiste Salvaing": a few named people killed is a ``killing`` (settled rules).
_NAME = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)? (?:[A-Z][a-z]+ )*[A-Z][a-z]{2,}\b")


@dataclass(frozen=True)
class Reading:
    """The type a sentence gives, the hit it was read from, and what it leaves open."""

    kind: str
    hit: Hit
    rule: str
    open: str | None = None


def decide_sentence(text: str, sentence: tuple[int, int], hits: list[Hit]) -> Reading | None:
    """The main clause decides; its background only when the main clause names nothing."""
    main = [h for h in hits if not h.background]
    reading = _decide(text, sentence, main, hits)
    if reading is None:
        return _decide(text, sentence, hits, hits)
    if reading.open is not None:
        # The toll in the main clause, the act in the clause hung on it: "At least 14 people were
        # killed ... after gunmen opened fire at a social services centre".
        background = [h for h in hits if h.background]
        found = _decide(text, sentence, background, background)
        return later_reading(reading, found, text, sentence, background,
                             background=True) or reading
    return reading


def later_reading(first: Reading, later: Reading | None, text: str,
                  sentence: tuple[int, int], hits: list[Hit], *, background: bool = False
                  ) -> Reading | None:
    """What a later sentence adds to an open first reading, or None when it adds nothing.
    ``background``: the hits are the first sentence's own background, which may complete it."""
    if first.open == INSTRUMENT and background and first.hit.role == "generic" and (
            later is not None and later.hit.role == "specific"):
        # "An attack in Manchester has left 22 people dead ... after a lone male suicide bomber
        # targeted children": the event noun, then its means.
        return later
    if first.open == INSTRUMENT:
        for hit in hits:
            if (hit.kind == "bombing" and (background or not hit.background)
                    and _INSTRUMENT.search(text, max(sentence[0], hit.start - 40), hit.start)
                    and not _several_means(text, sentence, hit, hits)):
                return Reading("bombing", hit, "bombing-instrument-later")
        return None
    if later is None or later.hit.role not in _ACT_ROLES or (
            later.hit.background and not background):
        return None
    if first.open == MEANS and later.hit.role != "specific":
        return None
    if first.open == FATE and later.hit.role != "strong":
        return None
    return later


def _decide(text: str, sentence: tuple[int, int], hits: list[Hit],
            all_hits: list[Hit]) -> Reading | None:
    """The reading of ``hits`` (one clause tier of the sentence; ``all_hits`` every trigger of
    it), in the order of the package docstring."""
    if not hits:
        return None
    s_start, s_end = sentence

    def first(*roles: str) -> Hit | None:
        return next((h for h in hits if h.role in roles), None)

    def read(kind: str, hit: Hit, rule: str | None = None, open_: str | None = None) -> Reading:
        return Reading(kind, hit, rule or hit.trigger.rule, open_)

    claim = first("claim")
    if claim and _dated_act(text, claim, hits, s_end):
        return read("statement", claim, "claim-dated")
    if hits[0].role == "statement" and all(
            h.role in ("generic", "statement", "protest", "claim") for h in hits[1:]):
        return read("statement", hits[0], "statement-first")
    legal_at = min((h.start for h in hits if h.role == "legal"), default=s_end)
    strong = next((h for h in hits if h.role == "strong" and h.start < legal_at), None)
    if strong:
        # "a horrible mass murder of Hazara Shia community in a twin suicide blast in Quetta":
        # the explosive is the means (settled: "a bombing is an act whose means is the
        # explosive").
        means = next((h for h in hits if h.kind == "bombing" and strong.end <= h.start
                      and h.start - strong.end < 80
                      and _BY_MEANS.search(text, strong.end, h.start)), None)
        if means:
            return read("bombing", means, "killing-by-explosive")
        return read("killing", strong)
    if other := first("other"):
        return read("other", other)
    for role, kind in (("release", "release"), ("legal", "legal_action"),
                       ("operation", "military_operation")):
        hit = first(role)
        if hit and role == "release" and _by_state_forces(text, sentence, hit):
            return read("military_operation", hit, "state-forces-rescue")
        if hit and role == "legal":
            # The act over the institution: "The International Criminal Court (ICC) convicts".
            hit = next((h for h in hits if h.role == role and not _INSTITUTION.fullmatch(
                text[h.start:h.end])), hit)
        elif hit and role == "operation":
            # The operation over who conducts it: "Mali's armed forces launch an operation".
            hit = next((h for h in hits if h.role == role and h.trigger.rule != "forces-conduct"),
                       hit)
        if hit:
            return read(kind, hit)
    if forces := _state_forces_act(text, sentence, hits):
        return read("military_operation", forces, "state-forces-act")
    acts = [h for h in hits if h.role in ("specific", "kill", "generic")]
    kidnap = first("kidnap")
    if kidnap and (not any(h.role in ("kill", "outcome", "strong") for h in all_hits)
                   or all(kidnap.start < h.start for h in acts)):
        # "Iraqi army cadets were abducted by the ISIL group ... The terror group then selected
        # Shia and non-Muslim cadets to execute them."
        return read("kidnapping", kidnap, open_=FATE)
    specific = [h for h in acts if h.role == "specific"]
    if specific and not _and_kills(text, specific[0], acts):
        return _specific_act(text, sentence, specific[0], hits)
    if acts:
        hit = acts[0] if not specific else _and_kills(text, specific[0], acts)
        if hit.role == "kill":
            if _armed_victims(text, sentence, hit):
                return read("attack", hit, "kill-armed-victims")
            return read("killing", hit)
        if toll := _civilian_toll(text, sentence, hits, acts):
            return read("killing", toll, "toll-civilians")
        return read("attack", hit, open_=INSTRUMENT)
    if attempt := first("attempt"):
        return read("killing", attempt, open_=MEANS)
    if outcome := first("outcome"):
        if _armed_victims(text, sentence, outcome):
            return read("attack", outcome, "toll-armed-victims", ACT)
        return read("killing", outcome, "toll", ACT)
    if protest := first("protest"):
        return read("other", protest)
    if claim:
        return read("statement", claim, open_=ACT)
    return read("statement", hits[0])


def _specific_act(text: str, sentence: tuple[int, int], hit: Hit, hits: list[Hit]) -> Reading:
    """An attack verb, or an explosive: the means decides, "several means" make an attack."""
    if hit.kind == "bombing":
        if _several_means(text, sentence, hit, hits):
            return Reading("attack", hit, "several-means")
        return Reading("bombing", hit, hit.trigger.rule)
    for later in hits:
        if (later.kind == "bombing" and later.start > hit.start
                and _INSTRUMENT.search(text[hit.start:later.start])):
            if _several_means(text, sentence, later, hits):
                return Reading("attack", hit, "several-means")
            return Reading("bombing", later, "bombing-instrument-with")
    word = text[hit.start:hit.end]
    meansless = _MEANSLESS.match(word) and not FIREARMS.search(text, *sentence)
    return Reading("attack", hit, hit.trigger.rule, INSTRUMENT if meansless else None)


def _and_kills(text: str, hit: Hit, acts: list[Hit]) -> Hit | None:
    """The killing verb an attack verb is joined to: "Man stabs and kills a French police officer,
    Jean-Baptiste Salvaing", "Thomas Mair shot and stabbed to death the Labour MP Jo Cox". The
    second verb says what the act was."""
    following = next((h for h in acts if h.start >= hit.end), None)
    if following and following.role == "kill" and _AND.fullmatch(text, hit.end, following.start):
        return following
    return None


def _several_means(text: str, sentence: tuple[int, int], bomb: Hit, hits: list[Hit]) -> bool:
    """Whether the explosive is listed with other weapons: "with a suicide bomb, automatic
    weapons and grenades", "using VBIEDs, mortars, and small arms", "suicide bombers and
    gunmen". A list joins its items with commas or "and", and holds no other trigger."""
    s_start, s_end = sentence
    for m in FIREARMS.finditer(text, max(s_start, bomb.start - 50), min(s_end, bomb.end + 60)):
        gap = (bomb.end, m.start()) if m.start() >= bomb.end else (m.end(), bomb.start)
        words = text[gap[0]:gap[1]]
        if len(words) > 50 or not re.search(r",|\band\b|\bas well as\b", words):
            continue
        if any(gap[0] <= h.start < gap[1] for h in hits if h.kind != "bombing"):
            continue
        return True
    return False


def _state_forces_act(text: str, sentence: tuple[int, int], hits: list[Hit]) -> Hit | None:
    """An act of state forces against armed men or criminals (corpus guidelines: "Operations,
    raids, air strikes and killings by state forces ... against armed groups or criminals"):
    "Nigerian troops killed two bandits", "French soldiers captured Oumeya Ould Albakaye", "The
    army launched a major offensive strike". Against anyone else it stays the act it is ("Wagner
    and Malian forces open fire on a vehicle ..., killing at least eight civilians")."""
    s_start, s_end = sentence
    # The main verb only: in "Militants ambushed a patrol and troops killed five of them" the act
    # is the ambush.
    hit = next((h for h in hits if h.role in ("specific", "kill") or (
        h.role == "generic" and text[h.start:h.end].lower().startswith("offensive"))), None)
    if hit is None or hit.kind == "bombing":
        return None
    if hit.role == "kill" and is_passive(text, s_start, hit.start, hit.end):
        return None
    if not is_state_subject(clause_before(text, s_start, hit.start)):
        return None
    word = text[hit.start:hit.end]
    if (hit.role == "generic" or _TAKING.match(word)
            or ENEMY.search(clause_after(text, hit.end, s_end))):
        return hit
    return None


def _civilian_toll(text: str, sentence: tuple[int, int], hits: list[Hit],
                   acts: list[Hit]) -> Hit | None:
    """The toll of civilians when only event nouns name the act (Reliefweb: "ten civilians
    including six women, were killed in an attack in Kokola"; Garda: "nine civilians were killed
    by suspected Al-Shabaab militants ... during early morning attacks on Saturday"): a killing
    of civilians. An attack "on" a place stays an attack ("killed in an attack ... on the
    Raghunath Temple")."""
    if any(h.role != "generic" for h in acts):
        return None
    for hit in acts:
        target = _ON_TARGET.match(text, hit.end, sentence[1])
        if target and not _WHEN.match(text, target.end()):
            return None
    toll = next((h for h in hits if h.role == "outcome"), None)
    if toll is None:
        return None
    victims = re.split(r"[;:]", text[max(sentence[0], toll.start - 80):toll.start])[-1]
    # "three gendarmes, one rebel, and one civilian were slain during a battle": a clash.
    if CIVILIANS.search(victims) and not ARMED_VICTIMS.search(victims):
        return toll
    return None


def _by_state_forces(text: str, sentence: tuple[int, int], hit: Hit) -> bool:
    """Whether state forces did it: their subject ("Troops rescued 30 hostages") or their "by"
    ("30 hostages were freed by soldiers")."""
    s_start, s_end = sentence
    if is_state_subject(clause_before(text, s_start, hit.start)):
        return True
    agent = _BY_AGENT.match(text, hit.end, s_end)
    return bool(agent and is_state_subject(agent.group(1)))


def _armed_victims(text: str, sentence: tuple[int, int], hit: Hit) -> bool:
    """Whether the people a killing verb kills are soldiers, police or fighters: its object
    ("killing eight policemen"), or for a passive its subject ("three police officers were shot
    dead")."""
    s_start, s_end = sentence
    if hit.role == "outcome" or is_passive(text, s_start, hit.start, hit.end):
        victims = clause_before(text, s_start, hit.start)
        return bool(ARMED_VICTIMS.search(victims))
    after = clause_after(text, hit.end, s_end, 80)
    cut = _OBJECT_END.search(after)
    victims = after[:cut.start()] if cut else after
    if cut and after[cut.start()] == "," and _NAME.match(after[cut.start() + 1:].strip()):
        return False
    return bool(ARMED_VICTIMS.search(victims)) and not _NAME.search(victims)


def _dated_act(text: str, claim: Hit, hits: list[Hit], end: int) -> bool:
    """Whether a claim names an act dated apart from it ("claims the attack of November 30")."""
    act = next((h for h in hits if h.start >= claim.end and h.kind != "statement"), None)
    return act is not None and bool(_DATE.search(text, act.end, end))
