"""The words the actor rules read: act, hit, claim and suspicion verbs, the nouns of forces,
perpetrators, vehicles and places, and the patterns around them.

Shared by the mention finders (``mentions``) and the rules that decide roles (``parse``,
``roles``, ``order``, ``description``); it imports nothing of the package.
"""

from __future__ import annotations

import re


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
        if base in ("kidnap", "trap", "gun", "ram", "stab"):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return frozenset(forms)


# Verbs whose subject carries out the act. Legal and release verbs are acts too: "The ICC
# convicts", "JNIM releases", "AQIM militants turn over two Austrian tourists".
_ACT_VERBS = (_inflect(
    "ambush", "attack", "raid", "storm", "fire", "open", "shoot", "kill", "wound", "injure",
    "kidnap", "abduct", "execute", "assassinate", "massacre", "murder", "detonate", "launch",
    "target", "invade", "seize", "capture", "destroy", "burn", "loot", "carry", "conduct",
    "neutralize", "clash", "exchange", "plant", "trap", "release", "free", "turn", "hand",
    "convict", "sentence", "charge", "designate", "sanction", "arrest", "detain", "extradite",
    "indict", "publish", "circulate", "begin", "cross", "attempt",
    # "TTP gunned down 20", "blew themselves up", "rammed a truck bomb into", "battle security
    # forces", "occupied an army post", "AQAP dispatches a suicide bomber", "Al-Qaeda gunmen hit
    # two army posts", "believed to be perpetrated by".
    "gun", "blow", "ram", "battle", "occupy", "dispatch", "perpetrate", "stab", "behead",
    "bomb", "shell", "hijack", "torch", "strike", "hit", "fight", "engage", "intercept",
    "recapture", "retake",
) | {"shot", "held", "hold", "holds", "took", "taken", "take", "takes", "taking", "began",
     "begun", "set", "sets", "slit", "slits", "blew", "blown", "struck", "fought", "overran",
     "overrun", "overruns", "retook", "retaken"}) - {"striking"}  # "within striking distance"
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
    "gun", "ram", "battle", "occupy", "stab", "behead", "shell", "hijack", "torch", "fight",
    "blow", "engage", "intercept",
) | {"shot", "hurt", "hit", "struck", "left", "overran", "slit", "fought", "blew", "blown"}
# Verbs that always take an object in the active voice: without one and without an auxiliary,
# their participle is a headline's passive ("Four soldiers killed in ambush").
_OBJECT_VERBS = _inflect(
    "kill", "wound", "injure", "kidnap", "abduct", "execute", "murder", "behead", "assassinate",
    "massacre",
) | {"slain", "shot", "hurt"}
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
_CUE_VERBS = _inflect("suspect", "believe", "blame", "attribute", "allege", "accuse") | {
    "thought"}  # "is thought to have been carried out by"
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
                          "raid", "raids", "offensive", "bombing", "operation", "operations",
                          "bombings", "blast", "blasts", "explosion", "explosions", "airstrike",
                          "airstrikes", "shelling", "siege", "invasion", "incursion",
                          "incursions", "counteroffensive", "counterattack"})
_CLASH_NOUNS = frozenset({"clashes", "clash", "fighting"})
# Nouns of an act whose modifier or "by" phrase names who did it: "an ELN ambush", "a Jordanian
# airstrike", "a police raid", "A raid by Boko Haram", "a bomb blast by members of SIMI".
_ACT_NOUNS = _EVENT_NOUNS | frozenset({
    "strike", "strikes", "massacre", "killing", "killings", "kidnapping", "kidnappings",
    "abduction", "abductions", "shooting", "shootings", "crackdown", "bombardment",
})
# Act nouns whose "of" object is what they hit: "The bombing of the frigate USS Marlin".
_OF_TARGET_NOUNS = frozenset({"bombing", "bombings", "shelling", "storming", "siege",
                              "bombardment", "hijacking", "assassination"})
# Heads through which a body's member is named, not the body: "two Pentagon employees", "an
# Al-Qaeda figure killed".
_MEMBER_NOUNS = frozenset({"employee", "employees", "staff", "staffer", "staffers", "worker",
                           "workers", "official", "officials", "member", "members",
                           "contractor", "contractors"})
_LEADER_NOUNS = frozenset({"leader", "leaders", "commander", "commanders", "chief", "figure",
                           "emir", "founder", "spokesman", "spokesperson", "head", "deputy"})
# Verbs that turn an attack back: who repels it was attacked ("Troops repelled an ISWAP raid").
_REPEL_VERBS = _inflect("repel", "repulse", "thwart", "foil", "prevent", "avert", "fend", "stop",
                        "counter", "resist") | {"repelled", "fended"}
# "in revenge for US-led operations", "in response to the Boko Haram attacks": an earlier act.
_RESPONSE_NOUNS = frozenset({"revenge", "retaliation", "reprisal", "response", "reaction"})
_TARGET_PREPS = frozenset({"on", "against", "at", "near", "upon", "outside", "inside"})
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
# ..., a former senior leader of al-Qaeda affiliate Ansar Dine"; nor the target when the person
# is hit: "a staff member of the Netherlands Red Cross are killed".
_ROLE_NOUNS = frozenset({"leader", "leaders", "commander", "commanders", "member", "members",
                         "head", "chief", "official", "officials", "emir", "spokesman",
                         "spokesperson", "founder", "preacher", "command", "second", "militant",
                         "staff", "employee", "employees", "worker", "workers", "volunteer",
                         "volunteers"})
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
    # The guidelines' criminal and communal violence: "bandits", "herdsmen", "cultists".
    "bandits", "herdsmen", "cultists", "pirates", "snipers", "sniper", "shooter", "shooters",
})
# Force words standing for a force when nothing else names one.
_FORCE_WORDS = frozenset({"soldiers", "soldier", "troops", "army", "military", "gendarmes",
                          "gendarme", "gendarmerie"})
# Gendarmes and the security services are always the state's own ("a gendarmerie—a police unit
# under the command of the military").
_HOME_ONLY_WORDS = frozenset({"gendarmes", "gendarme", "gendarmerie", "security", "government",
                              "govt"})
# Police words stand for the event country's police when no nationality names another: "Four
# police officers were shot dead", "storm a police station", "Policemen shot dead three
# kidnappers".
_POLICE_WORDS = frozenset({"police", "policeman", "policemen", "policewoman", "policewomen"})
_UN_WORDS = frozenset({"peacekeepers", "peacekeeper", "peacekeeping"})
# A country's missions abroad stand for its government: "the U.S. Embassy in Tunis", "an attack
# at the German consulate", "two Italian embassy guards".
_MISSION_WORDS = frozenset({"embassy", "embassies", "consulate", "consulates"})
# "security forces", "security checkpoints", "government troops": the state's force.
_QUALIFIED_FORCE = {"security": frozenset({"forces", "checkpoint", "checkpoints", "mission",
                                           "post", "posts", "force", "personnel", "officers",
                                           "officials", "complex", "offices", "headquarters"}),
                    "government": frozenset({"troops", "forces"}),
                    "govt": frozenset({"troops", "forces"})}
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
