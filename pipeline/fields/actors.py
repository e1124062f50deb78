"""Actors: the named groups, forces and bodies of an entry, with their role and attribution.

How an entry's actors are found, and why:

- Mentions. The entity ruler labels every alias of ``actors.csv`` ``ACTOR`` with the canonical
  name as ``ent_id_``. The statistical NER's ORG / NORP spans are resolved against the table
  (exact, then fuzzy) or dropped. Three rules add what no table row can hold:
  generic force words ("soldiers", "army", "military checkpoints", "gendarmes") stand for the
  report country's own force, "peacekeepers" and the U.N.'s field presence ("a U.N. convoy",
  "a U.N.-run camp") for the U.N. mission, and a nationality before a military noun ("a French
  armored car", "French and Malian forces") for that country's force when the table knows it.
  Generic mentions only ever become targets or perpetrators, never "other".
- The "Sources: ..." tail is never read: "Voice of America" and "Long War Journal" are outlets.
- Roles come from the dependency parse: the subject (or "by" agent) of an act verb is the
  perpetrator, its object (or passive subject, or what an attack is "on") the target. The report
  tells the event in the present tense and its background in the past ("Dubois was kidnapped in
  northern Mali"), so perpetrators come from the first sentence or from present-tense verbs.
  When the parse gives a mention no verb (the small model reads "JNIM militants fire mortars" as
  a noun phrase), or there is no parser, the order of the tokens decides.
- Attribution follows the guidelines: ``claimed`` for the subject of "claims" / "takes credit" /
  "claimed by"; ``suspected`` under "suspected", "believed", "blamed", "attributed", "alleged",
  "presumably", for "Suspected JNIM militants" and for a group named through a link ("Al-Qaeda
  linked militants", "Gunmen with links to AQIM"); otherwise ``stated``.
- A generic perpetrator phrase ("armed assailants", "unidentified gunmen") goes to the
  description, lower case and without its article or count; it is never an actor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils
from spacy.tokens import Doc, Span, Token

from pipeline.fields.event_type import body_span, sentence_spans
from pipeline.nlp import ACTOR
from pipeline.schema import Actor, Attribution, Evidence
from pipeline.settings import Settings
from pipeline.tables import ActorRow, PlaceRow, Tables, cache_by_identity, fold

# The Mali report's own force and the U.N. mission there: the guidelines' "Generic 'army',
# 'soldiers', 'troops' in a Mali event are the Malian Armed Forces; 'U.N. peacekeepers' are
# MINUSMA". Another report passes its own.
HOME_FORCE = "Malian Armed Forces"
UN_MISSION = "MINUSMA"

# The statistical NER's labels for groups it knows nothing of: resolved through the table or
# dropped ("Allied French" ORG, "Strait Times" ORG).
_NER_LABELS = ("ORG", "NORP")
# "JNIM", "CSP-DPA", "U.N.", "G5": an acronym is matched exactly or not at all ("ISGS" must not
# fuzzily become "ISIS").
_ACRONYM = re.compile(r"[A-Z][A-Z0-9.\-]+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def resolve_actor(
    text: str, actors: Sequence[ActorRow], cutoff: float = 90.0
) -> tuple[ActorRow, str] | None:
    """The table row a name refers to, and how it was matched ('table' or 'fuzzy:<score>').

    Exact match on the case- and accent-folded alias first, then rapidfuzz's token_sort_ratio for
    spelling variants. token_sort_ratio, not WRatio: WRatio scores a part of a name as high as the
    name ("French" vs "French troops", "Mali" vs "Malian army", "Islamic State" vs "Islamic State
    in the Sahel" all score 90), while the report's variants are whole-name respellings
    ("Ansaroul Islam" / "Ansarul Islam" 96, "al-Murabitoun" / "Al-Mourabitoun" 96), which
    token_sort_ratio keeps and the partial names it rejects (63, 53, 67). Acronyms are exact only.

    >>> from pipeline.tables import load_tables
    >>> row, how = resolve_actor("Group to Support Islam and Muslims", load_tables().actors)
    >>> row.name, how
    ('JNIM', 'table')
    """
    name = _ARTICLE.sub("", text.strip())
    if not name:
        return None
    index, aliases = _alias_index(tuple(actors))
    hit = index.get(fold(name))
    if hit is not None:
        return hit, "table"
    if _ACRONYM.fullmatch(name):
        return None
    best = process.extractOne(
        name, aliases, scorer=fuzz.token_sort_ratio, processor=utils.default_process,
        score_cutoff=cutoff,
    )
    if best is None:
        return None
    _, score, key = best
    return index[key], f"fuzzy:{score:.0f}"


@cache_by_identity
def _alias_index(actors: tuple[ActorRow, ...]) -> tuple[dict[str, ActorRow], dict[str, str]]:
    index: dict[str, ActorRow] = {}
    for row in actors:
        index.setdefault(fold(row.alias), row)
    # Fuzzy choices exclude acronyms: "ISGS" must not be the closest spelling of "ISIS".
    choices = {key: row.alias for key, row in index.items() if not _ACRONYM.fullmatch(row.alias)}
    return index, choices


# --- words ---------------------------------------------------------------------------------

def _inflect(*bases: str) -> frozenset[str]:
    """Every inflected form of regular English verbs: attack -> attacks, attacked, attacking."""
    forms: set[str] = set()
    for base in bases:
        forms.add(base)
        if base.endswith("e"):
            forms |= {base + "s", base + "d", base[:-1] + "ing"}
        elif base.endswith("y") and base[-2] not in "aeiou":
            forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
        elif base.endswith(("sh", "ch", "s", "x")):
            forms |= {base + "es", base + "ed", base + "ing"}
        else:
            forms |= {base + "s", base + "ed", base + "ing"}
        if base in ("kidnap", "trap"):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return frozenset(forms)


# Verbs whose subject carries out the act. Legal and release verbs are acts too: "The ICC
# convicts", "JNIM releases", "AQIM militants turn over two Austrian tourists".
_ACT_VERBS = _inflect(
    "ambush", "attack", "raid", "storm", "fire", "open", "shoot", "kill", "wound", "injure",
    "kidnap", "abduct", "execute", "assassinate", "massacre", "murder", "detonate", "launch",
    "target", "invade", "seize", "capture", "destroy", "burn", "loot", "carry", "conduct",
    "neutralize", "clash", "exchange", "plant", "trap", "release", "free", "turn", "hand",
    "convict", "sentence", "charge", "designate", "sanction", "arrest", "detain", "extradite",
    "indict", "publish", "circulate", "begin", "cross", "attempt",
) | {"shot", "held", "hold", "holds", "took", "taken", "take", "takes", "taking", "began",
     "begun", "set", "sets", "slit", "slits"}
# Acts only in the first sentence: "The Malian army arrests two suspects following the attacks"
# is a follow-up of an ambush, not the entry's act.
_FIRST_SENTENCE_ONLY = _inflect(
    "convict", "sentence", "charge", "designate", "sanction", "arrest", "detain", "extradite",
    "indict", "publish", "circulate", "begin",
) | {"began", "begun"}
# Verbs whose object (or passive subject) is hit: "kills two U.N. peacekeepers", "A U.N. base in
# Kidal ... is attacked", "leave 14 soldiers dead".
_HIT_VERBS = _inflect(
    "ambush", "attack", "raid", "storm", "fire", "shoot", "kill", "wound", "injure", "hurt",
    "kidnap", "abduct", "execute", "assassinate", "massacre", "murder", "target", "invade",
    "neutralize", "hit", "strike", "leave", "overrun", "bomb", "burn",
) | {"shot", "hurt", "hit", "struck", "left", "overran", "slit"}
# Bombs go off "near a unit of MINUSMA peacekeepers" or "at a military camp".
_BLAST_VERBS = _inflect("detonate", "explode")
_TARGET_FORMS = frozenset({"target", "targets", "targeted", "targeting"})
# "A MINUSMA logistics convoy strikes an IED": the subject of strike/hit is the victim when the
# object is an explosive.
_STRUCK_VERBS = _inflect("strike", "hit") | {"struck", "hit"}
_EXPLOSIVES = frozenset({
    "ied", "ieds", "bomb", "bombs", "mine", "mines", "landmine", "device", "devices",
    "explosive", "explosives",
})
_CLAIM_VERBS = _inflect("claim")
_CUE_VERBS = _inflect("suspect", "believe", "blame", "attribute", "allege", "accuse")
_SUSPECT_MODIFIERS = frozenset({"suspected", "alleged", "presumed", "presumably", "allegedly"})
# "Gunmen with links to AQIM", "Al-Qaeda-linked militants", "an individual who had trained in an
# AQIM camp": a link to a group, not the group.
_LINK_WORDS = frozenset({"linked", "links", "link", "ties", "tied", "affiliated", "trained",
                         "associated"})
# "An al-Qaeda affiliate group claims responsibility": a group affiliated with al-Qaeda is not
# al-Qaeda.
_AFFILIATE_WORDS = frozenset({"affiliate", "affiliates"})
# Participles that say who a vehicle or a base carries, or where a body sits: "a convoy carrying
# U.N. peacekeepers", "a German vehicle being driven by Irish troops", "a military complex manned
# by MINUSMA", "the Hotel Nord Sud, where the headquarters of the European Union training
# mission is based". Not "carried out": that is an act.
_CARRY_VERBS = _inflect("carry", "transport", "escort", "house", "man", "drive", "belong") | {
    "driven", "manned", "based", "located", "stationed"}
_VEHICLE_NOUNS = frozenset({"convoy", "convoys", "vehicle", "vehicles", "bus", "buses", "truck",
                            "trucks", "camp", "base", "tanker", "car"})
# Nouns naming an attack, whose "on" / "against" / "at" object is its target: "In an attack on
# French troops", "a three-day ambush on Wagner and government troops".
_EVENT_NOUNS = frozenset({"attack", "attacks", "ambush", "ambushes", "assault", "assaults",
                          "raid", "raids", "offensive", "bombing", "operation", "operations"})
_CLASH_NOUNS = frozenset({"clashes", "clash", "fighting"})
_TARGET_PREPS = frozenset({"on", "against", "at", "near", "upon"})
# "Included in the targets were Malian soldiers", "included among the casualties was one of its
# soldiers".
_VICTIM_NOUNS = frozenset({"targets", "casualties", "victims", "dead"})
# "The Wagner Group, in coordinating with Malian troops, launch a multi-day operation".
_COORDINATION_WORDS = frozenset({"coordinating", "coordination", "cooperation", "conjunction",
                                 "alongside"})
# Words a climb passes through without stopping: "kill several militants including Yahia Abou
# Hamman, the number two in command of JNIM".
_TRANSPARENT_WORDS = frozenset({"including", "among"})
_PLACE_PREPS = frozenset({"in", "near", "outside", "around", "across", "throughout", "within",
                          "along"})
# ... but not "the second in command of JNIM", "in conjunction with AQIM".
_NOT_PLACES = frozenset({"command", "charge", "conjunction", "coordination", "response"})
# A group named as the organization of a person is not the actor: "The ICC convicts Al Hassan
# ..., a former senior leader of al-Qaeda affiliate Ansar Dine".
_ROLE_NOUNS = frozenset({"leader", "leaders", "commander", "commanders", "member", "members",
                         "head", "chief", "official", "officials", "emir", "spokesman",
                         "spokesperson", "founder", "preacher", "command", "second", "militant"})
# A group named as a place: "a tri-border area and known ISIS hideout".
_PLACE_NOUNS = frozenset({"hideout", "hideouts", "stronghold", "strongholds", "territory",
                          "fiefdom"})
# "According to a report published by the U.N. Security Council": the publisher is the actor of
# a statement.
_REPORT_NOUNS = frozenset({"report", "reports", "statement", "study", "documents", "video"})
_CULPRIT = re.compile(r"\b(?:responsible|behind|carried out|perpetrat\w*)\b")
_HIT_RELATIONS = frozenset({"obj", "pass", "prep:on", "prep:at", "prep:against", "prep:near"})
_INTENT_WORDS = frozenset({"intended", "intend", "intends", "planned", "aimed", "sought"})
# Generic heads of a perpetrator phrase: "armed assailants", "unidentified gunmen", "suspected
# jihadists", "a suicide car bomber", "an ethnic Peul group".
_PERPETRATOR_NOUNS = frozenset({
    "assailants", "assailant", "gunmen", "gunman", "militants", "militant", "jihadists",
    "jihadist", "insurgents", "insurgent", "islamists", "islamist", "terrorists", "terrorist",
    "extremists", "extremist", "men", "rebels", "separatists", "fighters", "attackers",
    "attacker", "group", "militia", "bomber", "bombers", "individual", "forces", "assaultants",
    "elements", "perpetrators", "kidnappers",
})
# Force words standing for a force when nothing else names one.
_FORCE_WORDS = frozenset({"soldiers", "soldier", "troops", "army", "military", "gendarmes",
                          "gendarme", "gendarmerie"})
# Gendarmes and the security services are always the state's own ("a gendarmerie—a police unit
# under the command of the military").
_HOME_ONLY_WORDS = frozenset({"gendarmes", "gendarme", "gendarmerie", "security", "government"})
_UN_WORDS = frozenset({"peacekeepers", "peacekeeper", "peacekeeping"})
# "security forces", "security checkpoints", "government troops": the state's force.
_QUALIFIED_FORCE = {"security": frozenset({"forces", "checkpoint", "checkpoints", "mission",
                                           "post", "posts"}),
                    "government": frozenset({"troops", "forces"})}
# "military" and "army" that name no force: "military aircraft", "the military government".
_NOT_A_FORCE_AFTER = frozenset({"intelligence", "aircraft", "equipment", "coup", "support",
                                "government", "junta", "leaders", "leader", "official",
                                "officials", "pact", "partnerships", "assistance", "campaigns",
                                "presence", "operations", "operation", "intervention",
                                # "Men in army uniforms kill ...": dressed as soldiers, not soldiers.
                                "uniform", "uniforms"})
# Nouns of a military presence after "U.N." or a nationality: "a U.N. convoy", "U.N.-owned
# villas", "a French armored car", "Russian military camp".
_FIELD_NOUNS = frozenset({"convoy", "convoys", "base", "bases", "camp", "camps", "patrol",
                          "patrols", "vehicle", "vehicles", "armored", "logistics", "soldiers",
                          "troops", "forces", "villas", "unit", "units", "contingent", "mission",
                          "police", "peacekeepers", "peacekeeper", "peacekeeping", "post",
                          "outpost", "car", "tanker", "helicopters", "military", "complex",
                          "position", "checkpoint"})
_FORCE_NOUNS_FOR_NATIONALITY = ("forces", "troops", "soldiers", "army", "military")
_UN_CONTEXT = re.compile(r"\bU\.N\.|\bUnited Nations\b|\bpeacekeep|\bMINUSMA\b")
# Actor names the entity ruler cannot match as patterns written with periods ("U.N.", "U.S.
# federal court"): nlp.table_patterns lower-cases a pattern before tokenizing it, and the
# tokenizer splits "u.n." differently from "U.N.". They are looked for in the text here.
_DOTTED = re.compile(r"[A-Z]\.[A-Z]\.")
_DEFINITE = frozenset({"the", "these", "those", "this", "that", "they", "its", "their"})
# "The same day, unidentified armed men ambush a car in Kayes": a second act of the entry.
_SAME_DAY = re.compile(r"^(?:Also )?(?:on )?(?:that|the) same day\b|^Also on\b", re.IGNORECASE)
_FORCE_KINDS = frozenset({"state force", "foreign force", "international force"})
_STATE_KINDS = frozenset({"state force", "foreign force"})
# "foreign military personnel and traditional hunters allegedly killed ...": no home force.
_FOREIGN_WORDS = frozenset({"foreign", "international", "western"})


@dataclass(eq=False)
class _Mention:
    span: Span
    name: str
    kind: str | None
    method: str
    generic: bool = False


@dataclass
class _Finding:
    mention: _Mention
    role: str
    attribution: Attribution | None = None


@dataclass
class _Position:
    """Where a mention's noun phrase stands in its clause: the verb governing it, and how."""

    verb: Token | None
    relation: str  # subj, pass, obj, agent, attr, prep:<word>, other, none
    head: Token  # the last token before the verb: the head of the noun phrase
    linked: bool = False  # reached through "linked to", "with links to", "X-linked"
    affiliate: bool = False  # "an al-Qaeda affiliate group"
    through_other: bool = False  # the phrase is another actor's: "GSIM" in "JNIM (GSIM)"
    via_place: bool = False  # under "in", "near" ...: "a known ISIS hideout" in a region
    of_person: bool = False  # "a former senior leader of ... Ansar Dine"
    preps: list[Token] = field(default_factory=list)  # prepositions passed on the way


@dataclass
class _Entry:
    """What every rule needs to know about the entry being read."""

    doc: Doc
    sentences: list[Span]
    kinds: dict[str, str]
    owner: dict[int, _Mention]
    parsed: bool


def find_actors(
    doc: Doc, tables: Tables, settings: Settings, *, home_force: str | None = HOME_FORCE,
    un_mission: str | None = UN_MISSION,
) -> tuple[list[Actor], str | None, Evidence | None]:
    """The actors of one entry with roles and attributions, and the generic perpetrator phrase.

    >>> from pipeline.nlp import build_nlp
    >>> from pipeline.tables import load_tables
    >>> nlp, _ = build_nlp()
    >>> doc = nlp("June 13, 2020: Unidentified gunmen ambush a U.N. convoy. Source: Al Jazeera")
    >>> actors, description, _ = find_actors(doc, load_tables(), Settings())
    >>> [(a.name, a.role) for a in actors], description
    ([('MINUSMA', 'target')], 'unidentified gunmen')
    """
    start, end = body_span(doc.text)
    sentences = _sentences(doc, start, end)
    if not sentences:
        return [], None, None
    kinds = tables.actor_kinds()
    mentions = _mentions(doc, sentences, tables, settings, home_force, un_mission)
    owner = {i: m for m in mentions if not m.generic for i in range(m.span.start, m.span.end)}
    entry = _Entry(doc, sentences, kinds, owner, doc.has_annotation("DEP"))
    findings: list[_Finding] = []
    for mention in mentions:
        findings.extend(_roles(mention, entry))
    span = _description(entry, findings)
    actors = _merge(findings)
    if entry.parsed and not any(a.role == "perpetrator" for a in actors) and span is None:
        targets = {a.name for a in actors if a.role == "target"}
        actors = [a for a in _main_subjects(sentences[0], tables) if a.name not in targets] + actors
    if span is None:
        return actors, None, None
    evidence = Evidence(text=span.text, start=span.start_char, end=span.end_char,
                        method="rule:generic-perpetrator")
    return actors, span.text.lower(), evidence


def _main_subjects(sentence: Span, tables: Tables) -> list[Actor]:
    """The states and named actors that are the subject of a sentence's main verb, whatever the
    verb: "Mali, Burkina Faso, and Niger announced the formation of their joint force", "France
    stated that it would boost its military presence", "AMB merged with MUJAO". Read only when the
    act rules found no perpetrator and no generic attacker is described; a name the act rules made
    a target stays one ("A convoy of United Nations soldiers from Chad strikes a roadside bomb")."""
    countries = {row.name for row in tables.places if row.kind == "country"}
    kinds = tables.actor_kinds()
    root = sentence.root
    subjects = [t for t in root.children if t.dep_ == "nsubj"]
    subjects += [c for t in subjects for c in t.conjuncts]
    ents = [e for e in sentence.ents if any(e.start <= t.i < e.end for t in subjects)]
    if not any(t.dep_ == "auxpass" for t in root.children):
        # Not before a passive verb ("three Malian soldiers are hurt" names victims), and not
        # when the subject is another noun ("A convoy of United Nations soldiers from Chad").
        listed = _listed_before(sentence, root)
        heads = [t for t in subjects if not any(e.start <= t.i < e.end for e in listed)]
        if not heads:
            ents += listed
    found: list[Actor] = []
    for ent in sorted(ents, key=lambda e: e.start):
        if any(a.name == ent.ent_id_ for a in found):
            continue
        if ent.label_ == "PLACE" and ent.ent_id_ in countries:
            kind = "country"
        elif ent.label_ == ACTOR and ent.ent_id_ in kinds:
            kind = kinds[ent.ent_id_]
        else:
            continue
        found.append(Actor(
            text=ent.text, name=ent.ent_id_, kind=kind, role="perpetrator", attribution="stated",
            evidence=Evidence(text=ent.text, start=ent.start_char, end=ent.end_char,
                              method="rule:main-subject"),
        ))
    return sorted(found, key=lambda a: a.evidence.start)


def _listed_before(sentence: Span, verb: Token) -> list[Span]:
    """The names listed right before a verb, which the parser often leaves out of the subject
    after an introductory date: "On April 4, 2025, Mali, Burkina Faso, and Niger announced",
    "In March 2017, AQIM, AAD, and al-Mourabitoun merged"."""
    doc = sentence.doc
    i = verb.i - 1
    while i >= sentence.start and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    listed: list[Span] = []
    while i >= sentence.start:
        ent = next((e for e in sentence.ents if e.start <= i < e.end), None)
        if ent is not None and ent.label_ in (ACTOR, "PLACE"):
            listed.append(ent)
            i = ent.start - 1
        elif doc[i].text in (",", "and", "or") and listed:
            i -= 1
        else:
            break
    return listed


# --- sentences and mentions ------------------------------------------------------------------

def _sentences(doc: Doc, start: int, end: int) -> list[Span]:
    """The body's sentences as spans, split by event_type.sentence_spans.

    Not the parser's: it glues the date header to the first sentence ("April 29, 2024: Mali's
    armed forces launch ...") and does not know the "Sources:" tail.
    """
    spans = []
    for s_start, s_end in sentence_spans(doc.text, start, end):
        span = doc.char_span(s_start, s_end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


def _sentence_of(entry: _Entry, i: int) -> int:
    for k, s in enumerate(entry.sentences):
        if s.start <= i < s.end:
            return k
    return len(entry.sentences) - 1


def _mentions(doc, sentences, tables, settings, home_force, un_mission) -> list[_Mention]:
    kinds = tables.actor_kinds()
    first, last = sentences[0].start, sentences[-1].end
    taken: dict[int, _Mention] = {}
    mentions: list[_Mention] = []

    def add(span: Span, name: str, method: str, generic: bool = False) -> None:
        if span.start < first or span.end > last or any(i in taken for i in range(span.start, span.end)):
            return
        mention = _Mention(span, name, kinds.get(name), method, generic)
        for i in range(span.start, span.end):
            taken[i] = mention
        mentions.append(mention)

    found = [(ent, ent.ent_id_) for ent in doc.ents if ent.label_ == ACTOR and ent.ent_id_ in kinds]
    body = doc.text[: doc[last - 1].idx + len(doc[last - 1])]
    for m in _dotted_aliases(tables.actors).finditer(body, doc[first].idx):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        hit = resolve_actor(m.group(), tables.actors, 100.0)
        if span is not None and hit:
            found.append((span, hit[0].name))
    # Longest first, as the entity ruler does: "U.N. Security Council" over "Security Council".
    for span, name in sorted(found, key=lambda f: (-len(f[0].text), f[0].start)):
        add(span, name, "table")
    for ent in doc.ents:
        if ent.label_ in _NER_LABELS and not any(i in taken for i in range(ent.start, ent.end)):
            hit = resolve_actor(ent.text, tables.actors, settings.fuzzy_cutoff)
            if hit:
                add(ent, hit[0].name, "ner" if hit[1] == "table" else hit[1])
    un_bodies = _un_bodies(tables.actors)
    for mention in mentions:
        if un_mission is not None and mention.name in un_bodies and _field_noun_after(mention.span):
            mention.name, mention.kind = un_mission, kinds.get(un_mission)
            mention.method = "rule:un-field-presence"
    countries = _countries(tables.places)
    _nationality_forces(doc, tables, taken, add)
    _generic_forces(doc, sentences, tables, taken, add, home_force, un_mission, countries)
    return sorted(mentions, key=lambda m: m.span.start)


@cache_by_identity
def _un_bodies(actors: tuple[ActorRow, ...]) -> frozenset[str]:
    """The table's name of the U.N. itself, whose field presence is the U.N. mission."""
    return frozenset(row.name for row in actors if fold(row.alias) in ("u.n.", "united nations"))


@cache_by_identity
def _countries(places: tuple[PlaceRow, ...]) -> frozenset[str]:
    return frozenset(fold(p.name) for p in places if p.kind == "country")


@cache_by_identity
def _dotted_aliases(actors: tuple[ActorRow, ...]) -> re.Pattern:
    forms = sorted({row.alias for row in actors if _DOTTED.search(row.alias)}, key=len, reverse=True)
    if not forms:
        return re.compile(r"(?!x)x")
    return re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE
    )


def _field_noun_after(span: Span) -> bool:
    """'U.N.' as the modifier of a military presence: "a U.N. logistics convoy", "U.N.-run camp";
    not "Dr. Diawara of the World Health Organization from his car"."""
    last = span[-1]
    if "-" in last.text and last.text.split("-", 1)[1]:
        return True
    for tok in span.doc[span.end: span.end + 3]:
        if tok.lower_ in _FIELD_NOUNS:
            return True
        if not tok.is_alpha or tok.pos_ in ("ADP", "DET", "VERB", "AUX", "PRON", "CCONJ"):
            return False
    return False


def _nationality_forces(doc, tables, taken, add) -> None:
    """'French and Malian forces', 'a French armored car': a nationality before a force noun
    names that country's force when the table knows it ("French forces")."""
    for tok in doc[:-1]:
        if tok.i in taken or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        nxt = doc[tok.i + 1]
        coordinated = nxt.lower_ == "and" and tok.i + 2 in taken
        if not (coordinated or nxt.lower_ in _FIELD_NOUNS or nxt.lower_ == "armored"):
            continue
        for noun in _FORCE_NOUNS_FOR_NATIONALITY:
            hit = resolve_actor(f"{tok.text} {noun}", tables.actors, 100.0)
            if hit:
                # A vehicle or a camp stands for the force only as a target.
                add(doc[tok.i: tok.i + 1], hit[0].name, "rule:nationality-force", not coordinated)
                break


def _generic_forces(doc, sentences, tables, taken, add, home_force, un_mission, countries):
    """'soldiers', 'army', 'military checkpoints', 'peacekeepers' that no table row names."""
    last_force: str | None = None
    for sentence in sentences:
        un_context = bool(_UN_CONTEXT.search(sentence.text))
        for tok in sentence:
            mention = taken.get(tok.i)
            if mention is not None:
                if mention.kind in _FORCE_KINDS and not mention.generic:
                    last_force = mention.name
                continue
            word = tok.lower_
            if word in _UN_WORDS:
                if un_mission is not None:
                    add(doc[tok.i: tok.i + 1], un_mission, "rule:generic-peacekeepers", True)
                continue
            nxt = doc[tok.i + 1].lower_ if tok.i + 1 < sentence.end else ""
            qualified = word in _QUALIFIED_FORCE and nxt in _QUALIFIED_FORCE[word]
            if word not in _FORCE_WORDS and not qualified:
                continue
            if word in ("military", "army") and nxt in _NOT_A_FORCE_AFTER:
                continue
            if tok.i > sentence.start and doc[tok.i - 1].lower_ in _FOREIGN_WORDS:
                continue  # "foreign military personnel": not the home force, and no name
            if word in ("military", "army") and any(
                t.lower_ in _CARRY_VERBS for t in doc[tok.i + 1: min(tok.i + 4, sentence.end)]
            ):
                # "A military convoy carrying U.N. peacekeepers": the convoy is theirs.
                continue
            span = doc[tok.i: tok.i + 2] if qualified else doc[tok.i: tok.i + 1]
            named = _forces_named_near(doc, tok, sentence, tables, taken, countries, un_context,
                                       un_mission)
            if named is None:
                home_only = word in _HOME_ONLY_WORDS or word in ("military", "army")
                named = [(tok.i, home_force if home_only or last_force is None else last_force)]
            for k, (i, name) in enumerate(named):
                # "four Malian and Chadian soldiers": the second force on its own adjective.
                where = span if k == 0 else doc[i: i + 1]
                if name is not None:
                    add(where, name, "rule:generic-force", True)


def _forces_named_near(doc, tok, sentence, tables, taken, countries, un_context, un_mission):
    """The forces a generic word's own modifiers name, as (token index, name) pairs with None for
    a force the table does not know; None when the modifiers name no force at all.

    "Chadian soldiers" at a U.N. base are the U.N. mission, "four U.S. soldiers" in Niger no
    force of the table; "soldiers from the Egyptian contingent of the United Nations ...
    (MINUSMA)" take the force named after them; "Mali's main military base" is Mali's.
    """
    if tok.i + 1 < sentence.end and doc[tok.i + 1].lower_ in ("from", "of"):
        for t in doc[tok.i + 2: min(tok.i + 12, sentence.end)]:
            if t.is_punct and t.text not in ("(", ")", "-"):
                break
            named = taken.get(t.i)
            if named is not None and named.kind in _FORCE_KINDS and not named.generic:
                return [(tok.i, named.name)]
    found: list[tuple[int, str | None]] = []
    j = tok.i - 1
    while j >= sentence.start and j >= tok.i - 4:
        left = doc[j]
        if left.lower_ in ("and", ",", "or", "main", "’s", "'s") or left.like_num:
            j -= 1
            continue
        if not left.text[:1].isupper() or j in taken:
            break
        possessive = j + 1 < len(doc) and doc[j + 1].lower_ in ("’s", "'s")
        name = None
        for noun in (tok.lower_, *_FORCE_NOUNS_FOR_NATIONALITY):
            for form in ((f"{left.text}’s {noun}",) if possessive else ()) + (f"{left.text} {noun}",):
                hit = resolve_actor(form, tables.actors, 100.0)
                if hit and name is None:
                    name = hit[0].name
        foreign = left.ent_type_ in ("NORP", "GPE") or fold(left.text) in countries
        if name is not None:
            found.append((j, name))
        elif foreign and not left.is_sent_start:
            found.append((j, un_mission if un_context else None))
        j -= 1
    return found or None


# --- roles -------------------------------------------------------------------------------------

def _roles(mention: _Mention, entry: _Entry) -> list[_Finding]:
    index = _sentence_of(entry, mention.span.start)
    sentence = entry.sentences[index]
    if entry.parsed:
        pos = _position(mention, entry, sentence)
        if pos.verb is not None:
            found = _roles_from_parse(mention, pos, entry, sentence, index == 0)
            if found is not None:
                return found
    return _roles_from_order(mention, entry, sentence, index == 0)


def _is_verb(tok: Token) -> bool:
    """A verb of the parse, minus the nouns the small model tags as verbs ("JNIM militants fire
    mortars" parsed with "militants" as the root) and the prepositions "including", "among"."""
    word = tok.lower_
    if word in _PERPETRATOR_NOUNS or word in _FORCE_WORDS or word in _TRANSPARENT_WORDS:
        return False
    if word in _LINK_WORDS and tok.i > 0 and (tok.nbor(-1).text == "-" or tok.nbor(-1).tag_ == "NNP"):
        return False  # "Al-Qaeda linked militants attack": an adjective, not the main verb
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")


def _transparent(verb: Token) -> bool:
    """Participles a climb goes through: "Al-Qaeda linked militants", "a convoy carrying U.N.
    peacekeepers", "the Hotel Nord Sud, where the headquarters of the European Union training
    mission is based"; not "carried out", which is an act."""
    if verb.dep_ not in ("amod", "acl", "relcl"):
        return False
    word = verb.lower_
    if word in _CARRY_VERBS:
        return not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return word in _LINK_WORDS or verb.dep_ == "amod"


def _adjacent_link(span: Span) -> tuple[bool, bool]:
    """(linked, affiliate) from the words around a mention: "al-Qaeda-linked", "al-Qaeda
    affiliated", "an al-Qaeda affiliate group", "with links to AQIM"."""
    doc = span.doc
    k = span.end
    while k < len(doc) and doc[k].text == "-":
        k += 1
    after = doc[k].lower_ if k < len(doc) else ""
    before = " ".join(t.lower_ for t in doc[max(0, span.start - 3): span.start])
    linked = after in _LINK_WORDS or bool(re.search(r"\b(?:links|linked|ties|tied) to$", before))
    return linked, after in _AFFILIATE_WORDS


def _position(mention: _Mention, entry: _Entry, sentence: Span) -> _Position:
    """Climb from a mention to the verb governing its noun phrase, noting what lies between."""
    linked, affiliate = _adjacent_link(mention.span)
    pos = _Position(None, "none", mention.span.root, linked, affiliate)
    cur = mention.span.root
    for _ in range(60):
        head = cur.head
        if head.i == cur.i or not sentence.start <= head.i < sentence.end:
            pos.head = cur
            return pos
        other = entry.owner.get(head.i)
        if other is not None and other is not mention and not other.generic:
            # "JNIM and AQIM" share a role; "(GSIM)" after "Group to Support Islam and Muslims"
            # or "al-Qaeda" in "The al-Qaeda-linked Group ..." only belong to the other name.
            if cur.dep_ != "conj":
                pos.through_other = True
            if other.span.root.i != cur.i and other.span.root.i != head.i:
                cur = other.span.root
                continue
        dep = cur.dep_
        if dep in ("prep", "agent") and cur.lower_ in _TARGET_PREPS | {"between"} and (
            head.lower_ in _EVENT_NOUNS | _CLASH_NOUNS
        ):
            pos.verb, pos.relation, pos.head = head, f"prep:{cur.lower_}", head
            return pos
        if dep == "prep" and not _inside(cur, mention):
            pos.preps.append(cur)
            objects = {c.lower_ for c in cur.children if c.dep_ == "pobj"}
            if cur.lower_ in _PLACE_PREPS and not _is_verb(head) and not objects & _NOT_PLACES:
                pos.via_place = True
            if cur.lower_ == "of" and head.lower_ in _ROLE_NOUNS:
                pos.of_person = True
        if _is_verb(head) and not _transparent(head):
            pos.verb, pos.relation, pos.head = head, _relation(cur), cur
            return pos
        if head.lower_ in _LINK_WORDS:
            pos.linked = True
        cur = head
    return pos


def _relation(child: Token) -> str:
    dep = child.dep_
    if dep in ("nsubj", "csubj", "expl"):
        return "subj"
    if dep == "nsubjpass":
        return "pass"
    if dep in ("dobj", "dative", "oprd"):
        return "obj"
    if dep in ("attr", "agent"):
        return dep
    if dep == "prep":
        return f"prep:{child.lower_}"
    if dep in ("compound", "npadvmod", "nmod") and child.i < child.head.i:
        return "subj"  # "Gunmen attack and burn down ..." parsed with "Gunmen" as a compound
    return "other"


def _complement_chain(verb: Token, sentence: Span) -> list[Token]:
    """The verbs above ``verb`` whose complement it is: "it is suspected that JNIM was behind",
    "Police claim IS Sahel was responsible". Not across "but": "No group claims responsibility,
    but the Malian government believes ..." does not put the belief under the claim."""
    chain = []
    cur = verb
    for _ in range(8):
        if not sentence.start <= cur.head.i < sentence.end or cur.head.i == cur.i:
            break
        if cur.dep_ in ("ccomp", "xcomp", "auxpass", "csubj"):
            cur = cur.head
            chain.append(cur)
        elif cur.dep_ == "conj" and cur.head.dep_ in ("ccomp", "xcomp"):
            cur = cur.head  # "claims 10 soldiers are killed and 47 CMA terrorists were neutralized"
        else:
            break
    return chain


def _present(verb: Token, sentence: Span) -> bool:
    """True when the clause of ``verb`` is in the present tense: "kills", "is kidnapped",
    "claims to ambush". The report tells background in the past ("was kidnapped in 2021")."""
    cur = verb
    for _ in range(6):
        auxes = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "VBD" or a.lower_ in ("had", "was", "were") for a in auxes):
            return False
        if any(a.tag_ in ("VBZ", "VBP") or a.lower_ in ("is", "are", "has", "have") for a in auxes):
            return True
        if cur.tag_ in ("VBZ", "VBP"):
            return True
        if cur.tag_ == "VBD":
            return False
        if cur.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acl") and (
            sentence.start <= cur.head.i < sentence.end and cur.head.i != cur.i
        ):
            cur = cur.head
            continue
        return False
    return False


def _background(verb: Token, sentence: Span) -> bool:
    """General statements rather than an act: "Local insurgent groups linked to al-Qaeda are
    known for placing ...", "the area is prone to attacks", "similar to those carried out by",
    "where ISIS fighters targeted soldiers" (a past relative clause)."""
    if verb.dep_ == "relcl" and verb.tag_ == "VBD":
        return True
    cur = verb
    for _ in range(8):
        if cur.lower_ in ("known", "prone", "similar") or any(
            c.lower_ in ("prone", "similar", "known", "previously") for c in cur.children
        ):
            return True
        if cur.head.i == cur.i or not sentence.start <= cur.head.i < sentence.end:
            return False
        cur = cur.head
    return False


def _suspected_np(mention: _Mention, pos: _Position) -> bool:
    """'Suspected JNIM militants', 'alleged members of JNIM', 'presumably JNIM'."""
    doc = mention.span.doc
    window = doc[max(0, mention.span.start - 3): mention.span.start]
    if any(t.lower_ in _SUSPECT_MODIFIERS for t in window):
        return True
    return any(c.lower_ in _SUSPECT_MODIFIERS for c in pos.head.children)


def _perpetrator(mention: _Mention, suspected: bool) -> list[_Finding]:
    return [_Finding(mention, "perpetrator", "suspected" if suspected else "stated")]


@dataclass
class _Clause:
    """A mention in its clause, as the role rules read it."""

    mention: _Mention
    pos: _Position
    entry: _Entry
    sentence: Span
    first: bool  # the entry's first sentence
    chain: list[Token]  # verbs whose complement the clause is
    cue: Token | None  # a suspicion verb above: "it is suspected that ..."
    claim_above: Token | None  # a claim verb above: "Police claim ..."
    suspected: bool
    named_group: bool  # a named group or body, not a force and not a generic word

    @property
    def verb(self) -> Token:
        return self.pos.verb

    @property
    def word(self) -> str:
        return self.pos.verb.lower_

    @property
    def relation(self) -> str:
        return self.pos.relation

    def other(self) -> list[_Finding]:
        return [_Finding(self.mention, "other")]

    def target(self) -> list[_Finding]:
        return [_Finding(self.mention, "target")]


def _roles_from_parse(mention, pos, entry, sentence, first) -> list[_Finding] | None:
    """Roles from the parse, rule families in order; None hands the mention to token order."""
    chain = _complement_chain(pos.verb, sentence)
    clause = _Clause(
        mention, pos, entry, sentence, first, chain,
        cue=next((v for v in chain
                  if v.lower_ in _CUE_VERBS and (first or _present(v, sentence))), None),
        claim_above=next((v for v in chain if v.lower_ in _CLAIM_VERBS), None),
        suspected=False,
        named_group=mention.kind not in _FORCE_KINDS and not mention.generic,
    )
    if _not_an_actor(clause):
        return clause.other()
    clause.suspected = (
        pos.linked or _suspected_np(mention, pos) or _alleged_before(mention, sentence)
        or any(c.dep_ == "advmod" and c.lower_ in _SUSPECT_MODIFIERS
               for v in [pos.verb, *chain] for c in v.children)
    )
    for rule in (_claim_roles, _suspicion_roles, _victim_roles, _act_roles):
        found = rule(clause)
        if found is not None:
            return found
    if clause.relation == "other" and clause.word in _ACT_VERBS:
        return None  # a parse the rules cannot read: "Gunmen with links to AQIM attack"
    return clause.other()


def _not_an_actor(c: _Clause) -> bool:
    """Names that only qualify something else: "an al-Qaeda affiliate group", "The
    al-Qaeda-linked Group to Support Islam and Muslims", "a known ISIS hideout", and the groups in
    a state force's claim ("the Malian army claims ... 47 CMA terrorists were neutralized": the
    army's figures, not CMA's act)."""
    pos = c.pos
    if pos.affiliate or (pos.linked and (pos.through_other or _names_another(pos, c.entry, c.mention))):
        return True
    if _names_a_place(c.mention):
        return True
    if c.claim_above is not None and c.named_group:
        claimant = _subject_of(c.claim_above)
        return c.entry.kinds.get(_name_at(c.entry, claimant)) in _STATE_KINDS
    return False


def _claim_roles(c: _Clause) -> list[_Finding] | None:
    """"JNIM claims responsibility", "claimed by Ansar al-Dine", "AAD takes credit", "claims that
    it carried out the attack in conjunction with AQIM"; somebody else's claim that a group did it
    is an allegation ("Police claim IS Sahel was responsible for the attack")."""
    mention, word, relation = c.mention, c.word, c.relation
    if _after_conjunction_with(mention.span) and c.named_group:
        if c.claim_above is not None or word in _CLAIM_VERBS:
            return [_Finding(mention, "perpetrator", "claimed")]
        if _act_of(c.verb, c.first) is not None or _governing_verb(c.verb, c.sentence) is not None:
            return _perpetrator(mention, c.suspected)
    takes_credit = word in ("takes", "take", "took") and any(
        t.lower_ == "credit" for t in c.verb.children)
    if (word in _CLAIM_VERBS or takes_credit) and relation in ("subj", "agent"):
        if mention.kind in _STATE_KINDS or mention.kind == "government body" or mention.generic:
            return c.other()  # "The Malian army claims it neutralized 31 of the attackers"
        if relation == "agent" or takes_credit or _claims_an_act(c.verb, c.sentence):
            return [_Finding(mention, "perpetrator", "claimed")]
        return c.other()  # "ISIS claims its West African branch caused the collision"
    if not c.named_group:
        return None
    # Only a claim about responsibility: not "claimed that the lack of progress in the fight
    # against militants linked to al-Qaeda and ISIS precipitated the decision".
    about_culprit = _CULPRIT.search(c.sentence.doc[mention.span.end: c.sentence.end].text)
    if word in _CLAIM_VERBS and relation in ("other", "obj") and about_culprit:
        claimant = _subject_of(c.verb)
        if claimant is not None and _name_at(c.entry, claimant) is None:
            return _perpetrator(mention, True)
    if c.claim_above is not None and relation in ("subj", "attr", "agent") and (
        _names_culprit(c.verb) or _act_of(c.verb) is not None
    ):
        claimant = _subject_of(c.claim_above)
        if claimant is not None and not _inside(claimant, mention) and (
            _name_at(c.entry, claimant) is None
        ):
            return _perpetrator(mention, True)
    return None


def _suspicion_roles(c: _Clause) -> list[_Finding] | None:
    """"Malian authorities blame ... Ansaroul Islam", "The attack is attributed to IRSAD",
    "Malian officials suspect jihadist militants linked to ... al-Qaeda". The one who suspects is
    no perpetrator. Only present-tense suspicion: "The United States accused Abu Huzeifa's
    crimes of participation in the ... IS Sahel attack" tells background."""
    if c.word not in _CUE_VERBS or not (c.first or _present(c.verb, c.sentence)):
        return None
    if c.relation in ("obj", "prep:to", "agent", "other") and not _subject_side(c.mention, c.verb):
        return _perpetrator(c.mention, True) if c.named_group else c.other()
    root = c.mention.span.root
    if c.named_group and root.dep_ == "nsubjpass" and root.head == c.verb and c.verb.dep_ == "ROOT":
        return _perpetrator(c.mention, True)  # "The Volunteers for the Defense ... are suspected."
    return c.other()


def _victim_roles(c: _Clause) -> list[_Finding] | None:
    """Targets: what an act hits ("kills two U.N. peacekeepers", "A U.N. base ... is attacked",
    "In an attack on French troops"), what an explosive hits ("A MINUSMA logistics convoy strikes
    an IED", "explodes near a unit of MINUSMA peacekeepers"), and both sides of a clash."""
    mention, word, relation, verb, pos = c.mention, c.word, c.relation, c.verb, c.pos
    if relation == "prep:between" and word in _CLASH_NOUNS:
        # "Clashes between ISIS and local al-Qaeda affiliates ...": each side did and suffered.
        return c.target() if mention.generic else _perpetrator(mention, c.suspected) + c.target()
    if relation.startswith("prep:") and word in _EVENT_NOUNS:
        governing = _governing_verb(verb, c.sentence)
        tense_ok = c.first or governing is None or _present(governing, c.sentence)
        if relation[5:] in _TARGET_PREPS and not pos.linked and not pos.via_place and tense_ok:
            return c.target()
        return c.other()  # "a series of al-Qaeda reprisal attacks against ISIS" (background)
    if word in _STRUCK_VERBS and relation == "subj" and _object_is_explosive(verb):
        return c.target()
    if relation == "subj" and word in ("come", "comes", "came") and any(
        t.lower_ == "under" for t in verb.children
    ):
        return c.target()  # "A convoy patrolling the town of Kidal ... comes under attack"
    if word in _CARRY_VERBS and relation == "obj" and _subject_is_vehicle(verb):
        return c.target()  # "The military convoys were transporting Malian soldiers"
    if relation in ("attr", "pass", "subj") and _names_victims(verb):
        return c.target()  # "Included in the targets were Malian soldiers"
    blast = word in _BLAST_VERBS and (relation in ("prep:near", "prep:at", "prep:on") or any(
        p.lower_ in ("near", "at", "on") for p in pos.preps))
    if (word in _HIT_VERBS and relation in _HIT_RELATIONS) or blast:
        if pos.linked or pos.via_place or (_background(verb, c.sentence) and c.cue is None):
            return c.other()
        above = [v.lower_ for v in _verb_chain(verb, c.sentence)[1:]]
        if any(w in _INTENT_WORDS for w in above) and any(w in _CLAIM_VERBS for w in above):
            return c.other()  # "claiming they intended to target French troops and not civilians"
        return c.target()
    if relation in ("attr", "obj", "pass") and any(
        v.lower_ in _TARGET_FORMS for v in _verb_chain(verb, c.sentence)[1:]
    ):
        return c.target()  # "targeted the camp as it was housing Russian combatants from Wagner"
    return None


def _act_roles(c: _Clause) -> list[_Finding] | None:
    """Perpetrators: the subject or agent of an act ("JNIM militants ambush", "is kidnapped by
    suspected Katiba Macina militants"), the culprit of a copula ("it is suspected that ... JNIM
    was behind the ambush"), a partner ("in coordinating with Malian troops"), the group a
    hostage is released from."""
    mention, word, relation, verb, pos = c.mention, c.word, c.relation, c.verb, c.pos
    if _is_copula(verb) and relation == "subj" and _names_culprit(verb):
        return _perpetrator(mention, bool(c.cue) or _culprit_suspected(verb) or c.suspected)
    if relation in ("pass", "subj") and word in ("involved", "responsible") and c.cue is not None:
        return _perpetrator(mention, True)  # "Authorities suspect AQIM and AMB are involved"
    if word in _LINK_WORDS and relation == "prep:to" and c.named_group:
        subject = _subject_of(verb)
        if subject is not None and subject.lower_ in _PERPETRATOR_NOUNS:
            return _perpetrator(mention, True)  # "suspected that the attackers were linked to al-Qaeda"
    if relation == "prep:with" and word in _COORDINATION_WORDS:
        act = _governing_verb(verb, c.sentence)
        if act is not None and act.lower_ in _ACT_VERBS:
            return _perpetrator(mention, c.suspected)
    if relation in ("subj", "agent"):
        act = _act_of(verb, c.first)
        if act is None or pos.of_person:
            return _release_source(mention, pos, c.suspected) or c.other()
        if verb.dep_ in ("acl", "relcl") and c.sentence.start <= verb.head.i < c.sentence.end and (
            verb.head.lower_ not in _EVENT_NOUNS and verb.head.lower_ not in _REPORT_NOUNS
        ):
            # A participle on anything but the attack or a report tells background ("those
            # carried out by al-Qaeda linked groups"), save the captor of released hostages.
            return _release_captor(mention, verb, relation, c.sentence) or c.other()
        if c.cue is not None:
            return _perpetrator(mention, True)
        same_day = bool(_SAME_DAY.search(c.sentence.text))
        if not (c.first or same_day or _present(verb, c.sentence)) or _background(verb, c.sentence):
            return c.other()
        if not c.first and mention.kind in _STATE_KINDS and _object_is_attackers(act):
            return c.other()  # "Malian air forces kill 15 militants": the response, not the act
        return _perpetrator(mention, c.suspected)
    if c.cue is not None and relation in ("attr", "other") and not _subject_side(mention, c.cue):
        return _perpetrator(mention, True) if c.named_group else c.other()
    return _release_source(mention, pos, c.suspected)


def _names_a_place(mention: _Mention) -> bool:
    """"a tri-border area and known ISIS hideout": the group names a place, not an actor."""
    doc = mention.span.doc
    return mention.span.end < len(doc) and doc[mention.span.end].lower_ in _PLACE_NOUNS


def _alleged_before(mention: _Mention, sentence: Span) -> bool:
    """"A joint attack—allegedly carried out by AQIM, the Macina Liberation Front, and an ethnic
    Peul group—": the adverb covers every name of the list."""
    window = sentence.doc[max(sentence.start, mention.span.start - 12): mention.span.start]
    return any(t.lower_ in ("allegedly", "presumably") for t in window)


def _names_another(pos: _Position, entry: _Entry, mention: _Mention) -> bool:
    """"the al-Qaeda-linked Burkinabe jihadist group Ansaroul Islam": the linked name only
    describes the actor in apposition."""
    for c in pos.head.children:
        if c.dep_ == "appos":
            other = entry.owner.get(c.i)
            if other is not None and other is not mention:
                return True
    return False


def _inside(tok: Token, mention: _Mention) -> bool:
    return mention.span.start <= tok.i < mention.span.end


def _name_at(entry: _Entry, tok: Token | None) -> str | None:
    if tok is None:
        return None
    mention = entry.owner.get(tok.i)
    if mention is not None:
        return mention.name
    for t in tok.subtree:
        mention = entry.owner.get(t.i)
        if mention is not None and t.head.i == tok.i and t.dep_ in ("compound", "amod", "nmod"):
            return mention.name
    return None


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _subject_side(mention: _Mention, verb: Token) -> bool:
    subject = _subject_of(verb)
    return subject is not None and any(_inside(t, mention) for t in subject.subtree)


def _verb_chain(verb: Token, sentence: Span) -> list[Token]:
    chain = [verb]
    cur = verb
    while cur.head.i != cur.i and sentence.start <= cur.head.i < sentence.end:
        cur = cur.head
        if _is_verb(cur):
            chain.append(cur)
    return chain


def _governing_verb(tok: Token, sentence: Span) -> Token | None:
    cur = tok
    while cur.head.i != cur.i and sentence.start <= cur.head.i < sentence.end:
        cur = cur.head
        if _is_verb(cur):
            return cur
    return None


def _act_of(verb: Token, first: bool = True) -> Token | None:
    """The act a subject performs: the verb itself, or the act it leads to ("declares itself at
    war with Mali, launching an attack"; "The military subsequently detains approximately 500
    people and launches an operation": detaining is an act only in a first sentence)."""
    candidates = [verb] + [c for c in verb.children if c.dep_ in ("conj", "advcl", "xcomp")]
    for c in candidates:
        if c.lower_ in _ACT_VERBS and (first or c.lower_ not in _FIRST_SENTENCE_ONLY):
            return c
    return None


def _claims_an_act(verb: Token, sentence: Span) -> bool:
    """"claims responsibility", "claims to ambush", "claims that it carried out the attack",
    "claims to have booby-trapped a Wagner convoy"; not "claims its West African branch caused
    the collision". The words after the verb are read too: the parser makes "JNIM claims
    responsibility." a noun phrase with "claims" as a compound."""
    after = sentence.doc[verb.i + 1: min(verb.i + 12, sentence.end)]
    for tok in [*verb.subtree, *after]:
        word = tok.lower_
        if word in ("responsibility", "credit") or word in _EVENT_NOUNS:
            return True
        if word in _ACT_VERBS or word in _HIT_VERBS:
            return True
    return False


def _after_conjunction_with(span: Span) -> bool:
    """"Al-Mourabitoun claims that it carried out the attack in conjunction with AQIM"."""
    before = span.doc[max(0, span.start - 4): span.start].text.lower()
    return bool(re.search(r"\b(?:conjunction with|together with|jointly with|alongside)$", before))


def _object_is_explosive(verb: Token) -> bool:
    return any(
        c.dep_ in ("dobj", "prep") and any(t.lower_ in _EXPLOSIVES for t in c.subtree)
        for c in verb.children
    )


def _object_is_attackers(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ in _PERPETRATOR_NOUNS for c in verb.children)


def _subject_is_vehicle(verb: Token) -> bool:
    subject = _subject_of(verb)
    return subject is not None and subject.lower_ in _VEHICLE_NOUNS


def _names_victims(verb: Token) -> bool:
    """"Included in the targets were ...", "included among the casualties was ..."."""
    for tok in [verb, verb.head, *verb.children]:
        if tok.lower_ in ("included", "include", "includes") and any(
            c.dep_ == "prep" and any(t.lower_ in _VICTIM_NOUNS for t in c.subtree)
            for c in tok.children
        ):
            return True
    return False


def _is_copula(verb: Token) -> bool:
    return verb.lower_ in ("is", "are", "was", "were", "be", "been")


def _names_culprit(verb: Token) -> bool:
    """"X was behind the ambush", "X is responsible", "AQIM is the suspected perpetrator"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "behind":
            return True
        if c.dep_ in ("acomp", "attr") and c.lower_ in ("responsible", "perpetrator", "culprit",
                                                        "perpetrators", "involved"):
            return True
    return False


def _culprit_suspected(verb: Token) -> bool:
    return any(t.lower_ in _SUSPECT_MODIFIERS for c in verb.children for t in c.subtree)


def _release_captor(mention, verb, relation, sentence) -> list[_Finding] | None:
    """"the seven Algerian diplomats kidnapped by MUJAO in April 2012 are released": the captor
    named in the background is the releasing group (the guidelines' "for a release by a group,
    the group")."""
    if relation != "agent" or verb.lower_ not in _inflect("kidnap", "abduct") | {"held"}:
        return None
    release = _inflect("release", "free") | {"freed"}
    if any(v.lower_ in release for v in _verb_chain(verb, sentence)[1:]):
        return [_Finding(mention, "perpetrator", "stated")]
    return None


def _release_source(mention, pos, suspected) -> list[_Finding] | None:
    """"following their release from a terror group, presumably JNIM": the group released them."""
    for prep in pos.preps:
        if prep.lower_ == "from" and prep.head.lower_ in ("release", "releases"):
            return _perpetrator(mention, suspected)
    return None


# --- the fallback on token order -----------------------------------------------------------------

_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "its", "their", "his", "her", "no"})
_PASSIVE_AUX = frozenset({"is", "are", "was", "were", "been", "be"})
# "separatist rebels launch a three-day ambush on Wagner": what comes after is attacked.
_LAUNCH_VERBS = frozenset({"launch", "launches", "carry", "carries"})
_CUE_WORDS = _CUE_VERBS | {"presumably", "allegedly"}


def _roles_from_order(mention, entry, sentence, first) -> list[_Finding]:
    """Roles without a usable parse: the mention's place around the first act verb."""
    other = [_Finding(mention, "other")]
    words = [t.lower_ for t in sentence]
    offset = sentence.start
    rel = mention.span.start - offset
    before = words[:rel]
    after = words[mention.span.end - offset:]
    linked, affiliate = _adjacent_link(mention.span)
    named_group = mention.kind not in _FORCE_KINDS and not mention.generic
    verb = _first_act_verb(sentence)
    np_end = verb if verb is not None and verb > mention.span.end else min(
        mention.span.end + 8, sentence.end)
    if affiliate or (linked and any(
        entry.owner.get(i) not in (None, mention) for i in range(mention.span.end, np_end)
    )):
        return other  # "the al-Qaeda-linked Burkinabe jihadist group Ansaroul Islam"
    if mention.kind in _STATE_KINDS and any(w in _CLAIM_VERBS for w in words) and not mention.generic:
        return other
    suspected = linked or any(w in _SUSPECT_MODIFIERS for w in before[-3:])
    verb_after = _first_act_verb(entry.doc[mention.span.end: sentence.end])
    claimed_after = verb_after is not None and entry.doc[verb_after].lower_ in _CLAIM_VERBS and (
        "." not in entry.doc[mention.span.end: verb_after].text)
    if named_group and (claimed_after or after[:2] in (["takes", "credit"], ["take", "credit"])):
        # "Tuareg separatists from the Strategic Framework ... (CSP-DPA) claim to kill ..."
        return [_Finding(mention, "perpetrator", "claimed")]
    if named_group and (
        before[-2:] == ["claimed", "by"] or " ".join(before[-3:]).endswith("conjunction with")
    ):
        return [_Finding(mention, "perpetrator", "claimed")]
    cue = next((k for k, w in enumerate(words) if w in _CUE_WORDS), None)
    if cue is not None and cue < rel and named_group:
        return _perpetrator(mention, True)
    if named_group and before[-1:] == ["by"] and len(before) > 1 and before[-2] not in _CARRY_VERBS:
        return _perpetrator(mention, suspected)  # "diplomats kidnapped by MUJAO", "carried out by"
    if verb is None:
        return other
    k = verb - offset
    passive = k > 0 and words[k - 1] in _PASSIVE_AUX
    if rel < k:
        if (passive and words[k] in _HIT_VERBS) or words[k] in _STRUCK_VERBS:
            return [_Finding(mention, "target")]
        if mention.generic or (words[k] in _FIRST_SENTENCE_ONLY and not first):
            return other
        if not first and not words[k].endswith("s"):
            return other  # later sentences count in the present tense only: "JNIM claims"
        return _perpetrator(mention, suspected)
    if passive and "by" in words[k:rel]:
        return other if mention.generic else _perpetrator(mention, suspected)
    if words[k] in _HIT_VERBS or words[k] in _BLAST_VERBS or words[k] in _LAUNCH_VERBS:
        return [_Finding(mention, "target")]
    return other


# Words before an act noun: "a mortar attack", "a three-day ambush", "a suicide bomber".
_NOUN_MODIFIERS = _DETERMINERS | {"suicide", "mortar", "car", "roadside", "day", "joint",
                                  "coordinated", "deadly", "double", "-", "overnight"}


def _first_act_verb(sentence: Span) -> int | None:
    """Index of the first word used as an act verb. Not after a determiner or a modifier ("the
    ambush", "a mortar attack"); the tagger is not asked, as it reads "Gunmen storm Le
    Campement" and "JNIM militants fire mortars" with nouns for verbs."""
    previous = None
    for tok in sentence:
        word = tok.lower_
        if (word in _ACT_VERBS or word in _STRUCK_VERBS or word in _BLAST_VERBS
                or word in _CLAIM_VERBS) and (
            previous not in _NOUN_MODIFIERS and not (previous or "x").isdigit()
        ):
            return tok.i
        previous = word
    return None


# --- the description ----------------------------------------------------------------------------

_HEDGE_VERBS = frozenset({"believed", "suspected", "thought", "said", "reported"})
_NP_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
# Dropped before a phrase: "More than 100 suspected jihadists", "Two gunmen", "A group of".
_LEADING_NOISE = frozenset({"a", "an", "the", "more", "than", "over", "about", "at", "least",
                            "some", "several"})
_TRAILING_NOISE = frozenset({"and", "or", "with", "to", "of", "from", "links", "ties", "linked"})


def _description(entry: _Entry, findings: list[_Finding]) -> Span | None:
    """The first generic perpetrator phrase: "Armed assailants", "More than 100 suspected
    jihadists" -> "suspected jihadists", "A group of armed men dressed as traditional hunters"
    -> "armed men dressed as traditional hunters"."""
    named_at = sorted(
        f.mention.span.start for f in findings if f.role == "perpetrator" and not f.mention.generic
    )
    named_first = bool(named_at) and _sentence_of(entry, named_at[0]) == 0
    for index, sentence in enumerate(entry.sentences):
        same_day = bool(_SAME_DAY.search(sentence.text))
        later_act = index > 0 and (not named_first or same_day)
        for tok in sentence:
            if tok.lower_ not in _PERPETRATOR_NOUNS or tok.i in entry.owner:
                continue
            if _definite(tok) and named_at and named_at[0] < sentence.end:
                continue  # "who the group kidnapped": the named group again
            span = None
            if entry.parsed:
                span = _description_from_parse(tok, entry, sentence, index, later_act, same_day)
            if span is None and (not entry.parsed or _position(
                _Mention(tok.doc[tok.i: tok.i + 1], "", None, ""), entry, sentence).verb is None
            ):
                span = _description_from_order(tok, entry, sentence, index)
            if span is not None:
                return span
    return None


def _definite(tok: Token) -> bool:
    """"the assailants", "the group": a phrase that points back at attackers already named."""
    first = tok.doc[min(t.i for t in tok.subtree)] if tok.dep_ != "conj" else tok
    return first.lower_ in _DEFINITE or any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children)


def _description_from_parse(tok, entry, sentence, index, later_act, same_day) -> Span | None:
    """The phrase headed by ``tok`` when the parse puts it where a perpetrator stands: subject
    or agent of an act or a claim, or the object of a suspicion ("Security officials suspect
    jihadists planted the bomb", "attributes the attack to "jihadists.""). In a later sentence
    only for a second act ("The same day, unidentified armed men ambush a car") or when the first
    sentence named nobody ("The attacks are reportedly carried out by men on motorcycles")."""
    if (tok.dep_ in _NP_MODIFIER_DEPS and not _is_verb(tok.head)) or any(
        c.lower_ == "no" for c in tok.children
    ):
        return None  # "Islamist" in "Islamist militants"; "No group claims responsibility"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "group":
        return None  # read from its head: "A group of armed men ..."
    probe = _Mention(tok.doc[tok.i: tok.i + 1], "", None, "")
    pos = _position(probe, entry, sentence)
    verb = pos.verb
    if verb is None:
        return None
    word = verb.lower_
    chain = _complement_chain(verb, sentence)
    cue = any(v.lower_ in _CUE_VERBS for v in chain) or word in _CUE_VERBS
    act = _act_of(verb)
    perpetrator = (
        (pos.relation in ("subj", "agent") and (act is not None or word in _CLAIM_VERBS)
         and word not in _STRUCK_VERBS)
        or (word in _CUE_VERBS and pos.relation in ("obj", "prep:to"))
        or _release_source(probe, pos, False) is not None
    )
    if not perpetrator or pos.through_other:
        return None
    if index > 0 and not cue and word not in _CLAIM_VERBS:
        if not later_act or not (same_day or _present(verb, sentence)):
            return None
        if _definite(tok):
            return None  # "The assailants kill 10": the attackers already described
    bounds = _phrase_tokens(tok, entry)
    if bounds is None:
        return None
    first, last = bounds
    if pos.relation == "subj" and act is not None and act.i != verb.i and word in _HEDGE_VERBS:
        # "A Malian militia believed to belong to the Fulani ethnic group raids ...": the
        # parser makes "believed" the verb; the hedge belongs to the phrase.
        hedge = [t.i for c in verb.children if c.dep_ == "xcomp" for t in c.subtree]
        last = max(hedge, default=last)
    return _trim(tok.doc[first: last + 1])


def _phrase_tokens(head: Token, entry: _Entry) -> tuple[int, int] | None:
    """First and last token of a generic phrase: its left modifiers and the right modifiers that
    name no actor ("Gunmen with links to AQIM" -> "Gunmen"). A phrase whose modifiers name a
    member group ("JNIM militants", "Militants from the CMA") is no generic phrase."""
    if head.lower_ == "group":
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        men = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if men is not None and men.lower_ in _PERPETRATOR_NOUNS:
            return _phrase_tokens(men, entry)
    left = [c for c in head.lefts
            if c.dep_ not in ("det", "nummod", "quantmod", "predet", "cc", "punct")]
    for c in left:
        for t in c.subtree:
            mention = entry.owner.get(t.i)
            if mention is not None and not any(_adjacent_link(mention.span)):
                return None
    first = min([head.i] + [t.i for c in left for t in c.subtree])
    last = head.i
    for c in head.rights:
        if c.dep_ in ("conj", "cc", "appos"):
            break
        ids = [t.i for t in c.subtree]
        names = [i for i in ids if i in entry.owner]
        if names and c.lower_ not in ("dressed", "disguised"):
            if c.lower_ in ("from", "of", "belonging"):
                return None
            break
        last = max(ids)
    return first, last


def _description_from_order(tok, entry, sentence, index) -> Span | None:
    """The generic subject before the first act verb of the first sentence, by token order."""
    verb = _first_act_verb(sentence)
    if verb is None or tok.i > verb or index > 0:
        return None
    doc = sentence.doc
    for i in range(sentence.start, verb):
        mention = entry.owner.get(i)
        if mention is not None and not any(_adjacent_link(mention.span)):
            return None  # "JNIM militants ambush ...": a named group
    floor = sentence.start
    if tok.lower_ == "group" and tok.i + 2 < verb and doc[tok.i + 1].lower_ == "of":
        floor = tok.i + 2  # "A group of armed men dressed as traditional hunters attack"
        tok = doc[floor]
        while tok.i + 1 < verb and tok.lower_ not in _PERPETRATOR_NOUNS:
            tok = doc[tok.i + 1]
    first = tok.i
    while first > floor and (doc[first - 1].is_alpha or doc[first - 1].text == "-") and (
        doc[first - 1].lower_ not in _DETERMINERS
    ):
        first -= 1
    last = tok.i
    while last + 1 < verb and doc[last + 1].lower_ in _PERPETRATOR_NOUNS:
        last += 1  # "Insurgent forces"
    if last + 1 < verb and doc[last + 1].lower_ in ("dressed", "disguised"):
        last = verb - 1
    return _trim(doc[first: last + 1])


def _trim(span: Span) -> Span | None:
    """Drop the article and the count before a phrase and function words after it."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in _LEADING_NOISE or doc[start].like_num):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in _TRAILING_NOISE):
        end -= 1  # "Gunmen with links to" (AQIM) -> "Gunmen"
    return doc[start:end] if start < end else None


# --- merging ---------------------------------------------------------------------------------------

_ATTRIBUTION_RANK = {"claimed": 0, "stated": 1, "suspected": 2}


def _merge(findings: list[_Finding]) -> list[Actor]:
    """One actor per canonical name and role, in text order; the strongest attribution wins (a
    claim over a plain statement over a suspicion: "JNIM attacks ... JNIM later claims
    responsibility" is claimed). A name with a role is not repeated as "other"."""
    best: dict[tuple[str, str], _Finding] = {}
    for f in findings:
        if f.role == "other" and f.mention.generic:
            continue
        key = (f.mention.name, f.role)
        kept = best.get(key)
        if kept is None or (
            f.attribution is not None and kept.attribution is not None
            and _ATTRIBUTION_RANK[f.attribution] < _ATTRIBUTION_RANK[kept.attribution]
        ):
            best[key] = f
    with_role = {name for name, role in best if role != "other"}
    actors = []
    for (name, role), f in sorted(best.items(), key=lambda kv: kv[1].mention.span.start):
        if role == "other" and name in with_role:
            continue
        span = f.mention.span
        actors.append(Actor(
            text=span.text, name=name, kind=f.mention.kind, role=role,
            attribution=f.attribution if role == "perpetrator" else None,
            evidence=Evidence(text=span.text, start=span.start_char, end=span.end_char,
                              method=f.mention.method),
        ))
    return actors
