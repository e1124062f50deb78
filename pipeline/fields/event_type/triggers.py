"""The trigger words of the event types, and the word lists that read who acts on whom.

Each trigger has a ``role`` that says how much it decides (see ``decide.py``):

- ``strong``: the killing itself is the verb (execute, massacre, behead, bodies found);
- ``other``: disasters, accidents, jailbreaks, a suicide in a cell, coups;
- ``release``, ``legal``, ``operation``, ``kidnap``: the act of their type;
- ``specific``: a means of attack, the verb that names it ("storm", "ambush", "ram") or the
  explosive ("IED", "blew himself up");
- ``kill``: an active killing verb ("killed ten soldiers", "shot dead six people"), whose victims
  decide between ``killing`` and ``attack``;
- ``generic``: the event nouns news copy uses for any violent act ("an attack", "clashes",
  "combat"): they give ``attack`` only when nothing more specific is named;
- ``outcome``: the toll ("were killed", "30 people killed in ...", "died"), never the act;
- ``attempt``: "attempted assassination" names the act but not its means;
- ``protest``, ``claim``, ``statement``: what is said or done without violence.

Patterns are matched case-insensitively unless they carry their own flags; where two overlap the
longer match wins ("suicide attack" over "attack", "shot dead" over "shot").
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Trigger:
    rule: str
    kind: str
    role: str
    pattern: re.Pattern


def _t(rule: str, kind: str, role: str, pattern: str, flags: int = re.IGNORECASE) -> Trigger:
    return Trigger(rule, kind, role, re.compile(pattern, flags))


# Explosive means, shared by the bombing trigger and the instrument rules of ``decide``.
# "rocket-propelled grenades" are fired, not thrown: an attack.
EXPLOSIVE = (
    r"IEDs?|VBIEDs?|(?:improvised )?explosive devices?|explosives?"
    r"|explosives?-(?:packed|laden|filled|rigged)|vehicle-borne"
    r"|(?:roadside |car |truck |makeshift |suicide )?bombs?|bomb(?:er|ers|ing|ings|ed)"
    r"|landmines?|(?:a|the) mines?|detonat\w*|explod\w*|explosions?|booby-trap\w*|blasts?"
    r"|(?<!rocket-propelled )grenades?"
)
# Other weapons beside the explosive: "using VBIEDs, mortars, and small arms", "a suicide bomb,
# automatic weapons and grenades", "suicide bombers and gunmen ... shot their way", "three armed
# men (two Russians and one Kyrgyz) wearing explosive belts attack the ... terminal".
FIREARMS = re.compile(
    r"\b(?:gunfire|small[- ]arms|automatic weapons|(?:assault )?rifles|guns|firearms|gunmen"
    r"|armed (?:men|assailants|attackers)|mortars?|Kalashnikovs?|heavy (?:and light )?weapons)\b",
    re.IGNORECASE,
)

TRIGGERS: tuple[Trigger, ...] = (
    # --- the killing is the verb ---------------------------------------------------------------
    _t("killing-verb", "killing", "strong",
       r"\b(?:execut(?:e|es|ed|ing|ions?)|assassinat\w*|massacr\w*|murder\w*|behead\w*)\b"
       r"|\bslit(?:s|ting)?\b[^.]{0,40}?\bthroats?\b"),
    # "The bodies of three kidnapped foreign women ... are found", "14 dead bodies ... were
    # discovered": the people were killed; the kidnapping or arrest before is background.
    _t("bodies-found", "killing", "strong",
       r"\bbod(?:y|ies)\b[^.]{0,120}?\b(?:(?:is|are|was|were|been) )?(?:found|discovered)\b"),
    # "Attempted assassination of Saudi prince ... AQAP dispatches a Saudi suicide bomber": the
    # attempt keeps the type of its means (guidelines: "a failed or foiled attack ... keeps the
    # type of the attack").
    _t("attempt", "killing", "attempt",
       r"\b(?:attempted|failed|foiled|botched) (?:\w+ )?(?:assassination|murder|killing)"
       r"|\bassassination (?:attempt|bid|plot)s?\b"
       r"|\b(?:attempt|bid|plot)s? to (?:assassinate|kill)\b"),
    # --- not a political act -------------------------------------------------------------------
    # "Jailbreak in Sanaa ... escape from a prison" (settled: a jailbreak is `other`).
    _t("jailbreak", "other", "other",
       r"\b(?:jail ?breaks?|prison ?breaks?|break-?outs?|escap(?:e|es|ed|ing) from (?:a |the )?"
       r"(?:\w+ )?(?:prison|jail))\b"),
    # "two people died in floods in Niamey", "the collapse of a clothing factory building".
    _t("disaster", "other", "other",
       r"\b(?:floods?|flooding|earthquakes?|cyclones?|hurricanes?|typhoons?|landslides?"
       r"|droughts?|famine|epidemics?|outbreak|cholera|ebola|measles|heavy rains?|collapse of"
       r"|accidents?)\b"),
    # "Yassin Salhi commits suicide in his prison cell".
    _t("suicide", "other", "other", r"\b(?:commit(?:s|ted)?|committing) suicide\b"),
    # "the military launched a coup on March 22", "the coup government that seized power from
    # the democratically elected President Mohamed Bazoum" ("the coup government" is no coup).
    _t("coup", "other", "other",
       r"\b(?:(?:seiz\w*|t(?:ook|akes?|aking)|grabb?\w*) power"
       r"|coup(?! (?:government|leaders?|regime|junta|authorities))"
       r"|putsch|mutiny|ousted|overthr\w+|deposed)\b"),
    # --- release, legal action, operation, kidnapping ------------------------------------------
    # A rescue by state forces is their operation (``decide``): "police storm the building ...,
    # killing them and rescuing a hostage". Lower case: "the International Rescue Committee"
    # rescues nobody.
    _t("release", "release", "release",
       r"\b(?:releas(?:e|es|ed|ing)|freed|frees|turn(?:s|ed)? over|hand(?:s|ed)? over"
       r"|(?-i:rescu(?:e|es|ed|ing)))\b"),
    # "security forces intercepted 60 people", "Mali's government banned NGOs".
    _t("legal", "legal_action", "legal",
       r"\b(?:convict\w*|court|trial|indict\w*|extradit\w*|designat(?:e|es|ed|ing)"
       r"|sanction(?:s|ed)?|arrest(?:s|ed)?|charg(?:e|es|ed)|sentenc(?:e|es|ed)|banned"
       r"|intercept(?:s|ed))\b"),
    # Lower-case "operation" only: "Operation Barkhane" names the force, not the act. Aircraft
    # are a state's: "Nigerian air force jets bombed Boko Haram hideouts".
    _t("operation", "military_operation", "operation",
       r"\b(?:operations?|[Nn]eutraliz\w*|[Aa]ir ?strikes?|[Dd]rone (?:strikes?|attacks?)"
       r"|[Ww]arplanes?|(?:[Ff]ighter )?jets|[Aa]ir raids?"
       r"|[Aa]erial (?:bombardment|bombing|attacks?)|[Hh]elicopter gunships?"
       r"|launch(?:es|ed)? Operation|[Cc]ounter-?offensive)\b", flags=0),
    # A raid is the forces' own when they are named with it: "a police raid".
    _t("force-raid", "military_operation", "operation",
       r"\b(?:police|army|military|security|commando|special forces|counter-?terror\w*|troops')"
       r" raids?\b"),
    # "a missile fired at his car by a Predator drone".
    _t("drone", "military_operation", "operation", r"\bby (?:a|an) (?:\w+ )?drones?\b"),
    # "The Cameroonian army starts to deploy", "began deploying troops", "Cameroon commits ...
    # its air force". A plain "deployed" is a description ("French troops deployed under
    # Operation Barkhane were beginning to withdraw").
    _t("deployment", "military_operation", "operation",
       r"\b(?:start(?:s|ed)? to deploy|beg[ia]n(?:s)? (?:deploying|to deploy)"
       r"|began its \w+ deployment|deploy(?:s|ed)? (?:\S+ ){0,2}(?:troops|soldiers|forces|units)"
       r"|commit(?:s|ted)? (?:\w+ ){0,5}?(?:its |their )?(?:troops|air ?force|army|forces))\b"),
    # "French and Nigerien forces conducted a" (the stored copy ends there), "French troops carry
    # out an operation": state forces as the subject of conducting (checked in ``clauses``).
    _t("forces-conduct", "military_operation", "operation",
       r"\b(?:troops|forces|army|military|soldiers|police|gendarmes)\s+(?:conduct(?:s|ed)?"
       r"|carr(?:y|ies|ied) out|launch(?:es|ed)?)\b"),
    _t("kidnap", "kidnapping", "kidnap", r"\b(?:kidnap\w*|abduct\w*|hostages?|hijack\w*)\b"),
    # --- means of attack -----------------------------------------------------------------------
    # A suicide attack is a bombing (corpus guidelines: "A suicide bombing ... explosion ...:
    # bombing"): "Suicide attack targets football match", "Suicide attacker strikes American
    # convoy", "The latest suicide assault ... when a truck bomb exploded".
    _t("suicide-attack", "bombing", "specific",
       r"\bsuicide (?:attacks?|attackers?|assaults?|missions?|operations?|strikes?|blasts?"
       r"|vests?|belts?)\b"),
    _t("bombing-instrument", "bombing", "specific", rf"\b(?:{EXPLOSIVE})\b"),
    # "ISIS militants blew themselves up", "Fuel tanker blown up", "set off three bombs", "a bomb
    # went off".
    _t("bombing-verb", "bombing", "specific",
       r"\b(?:bl(?:ew|ows?|own) (?:\w+ ){0,2}up|blow(?:ing)? (?:\w+ ){0,2}up|set(?:s|ting)? off"
       r"|went off|go(?:es)? off)\b"),
    # News verbs of an armed assault: "stormed", "opened fire", "overran three security
    # checkpoints", "the Taliban captured a major Afghan city", "a gunman takes over a kosher
    # grocery", "Terror struck at Chandanwari", "A truck ploughs into crowds", "set electoral
    # commission office on fire", "Communal violence led to four".
    _t("attack-verb", "attack", "specific",
       r"\b(?:ambush\w*|attacked|attacking|assaulted|raid(?:s|ed|ing)?|storm(?:s|ed|ing)?"
       r"|open(?:s|ed|ing)? fire|fir(?:e|es|ed|ing) (?:mortars?|rockets?|on|at)|gunfire"
       r"|shoot\w*|shot|shelling|shell(?:s|ed)|artillery|mortars?|rockets?"
       r"|rocket-propelled(?: grenades?)?|small-arms|clashed|target(?:s|ed|ing)?|overr[au]n\w*"
       r"|captur(?:e|es|ed|ing)|seiz(?:e|es|ed)|t(?:ook|akes?) over(?= (?:a|an|the) )|struck"
       r"|stab(?:s|bed|bing)|knife attack|hit-and-run|(?:plough|plow)(?:s|ed)? into"
       r"|ram(?:s|med|ming)|dr(?:ove|ives?) (?:a|an|his|her|the) \w+ into|torch(?:es|ed)"
       r"|set (?:\S+ ){0,4}on fire|set fire|arson|burn(?:s|ed|t)? down"
       r"|(?:communal|inter-?communal|sectarian|ethnic) violence"
       # "insurgents engaged a military convoy" ("engaged in talks" is no attack).
       r"|engag(?:e|es|ed|ing)(?= (?:a |an |the )?(?:\S+ ){0,2}(?:convoys?|patrols?|troops"
       r"|soldiers|forces|positions?|bases?|posts?)\b))\b"),
    # "attack(s)" is a verb when an object follows it ("Gunmen attack the villages"), an event
    # noun otherwise ("an attack on", "Attack on Beirut barracks"): see ``clauses.attack_role``.
    _t("attack-word", "attack", "generic", r"\b(?:attacks?|[Aa]ssaults?(?! rifles?))\b"),
    _t("attack-noun", "attack", "generic",
       r"\b(?:clash(?:es)?|combat|fighting|fought|battles?|gun ?battles?|firefights?|skirmish\w*"
       r"|offensive(?: strike)?)\b"),
    # "kill" verbs; a passive "killed" is a toll (``clauses.is_passive``), "Killed : 329" a field
    # label. "Thomas Mair shot and stabbed to death the Labour MP Jo Cox", "at least 20 attackers
    # shot dead six people": the manner of the killing is its verb, in either voice.
    _t("kill-verb", "killing", "kill",
       r"\bkill(?:s|ed|ing)?\b(?!\s*:)|\bshot (?:and killed|dead|to death)\b|\bgunned down\b"
       r"|\b(?:stabbed|hacked|beaten|bludgeoned|burned|burnt) to death\b|\bslain\b|\bslew\b"),
    # The toll in other words: "Officials had previously said 85 people died in Tuesday's
    # attack" reports the attack, it is no statement.
    _t("toll", "killing", "outcome", r"\b(?:died|dies|dead|death toll)\b"),
    # --- what is said or done without violence -------------------------------------------------
    _t("protest", "other", "protest",
       r"\b(?:protests?|protested|protesters|demonstrations?|demonstrators|rall(?:y|ies)"
       r"|took to the streets)\b"),
    # "Shabaab claimed it took control over the town of Halgan ... after Ethiopian troops
    # withdrew": territory taken without a fight (an attack that takes a town says so with its
    # own verb: "the Taliban captured a major Afghan city").
    _t("took-control", "other", "protest", r"\bt(?:ook|aken|akes?|aking) control\b"),
    # "Boko Haram claims responsibility", "claimed the attack", "Shabaab claimed it took control
    # over the town": what the claim is of decides (``decide``).
    _t("claim", "statement", "claim",
       r"\b(?:claim(?:s|ed|ing)? (?:responsibility|credit)"
       r"|t(?:ook|akes?) (?:responsibility|credit)"
       r"|claim(?:s|ed|ing)?(?= (?:the|an?) (?:\w+ )?(?:attacks?|bombings?|killings?"
       r"|kidnappings?)\b)"
       r"|claim(?:s|ed|ing)?(?= (?:that )?(?:it|they) ))"),
    # "Nigerian security analysts reported that", "France stated that" (not "United States"),
    # "Mali first accused France of supporting", "Keita delivered a brief address", "Taliban
    # commander Mullah Dadullah tells Reuters", "Amit Shah ... reiterated that resolve"; politics:
    # "wins parliamentary elections", "peace talks", "London conference", "a meeting on the
    # security situation", "recommendations were formulated". "claims the lives of" is a toll.
    _t("statement", "statement", "statement",
       r"\b(?:publish\w*|statement|announc\w*|report(?:s|ed)?|tweet\w*|says|said|declar\w*"
       r"|warn\w*|claim(?:s|ed)?(?! (?:the )?lives)|video|(?-i:stat(?:es|ed))"
       r"|accus(?:e|es|ed|ations?)|address|tells|told|reveal(?:s|ed)|confirm(?:s|ed)"
       r"|according to|threats?|threaten\w*|vow(?:s|ed)|reiterat\w*|condemn\w*|den(?:y|ies|ied)"
       r"|elections?|talks|negotiations?|conference|summit|meeting|recommendations?"
       r"|pledg(?:e|es|ed) allegiance|curfew|figures)\b"),
)
STATEMENT = next(t for t in TRIGGERS if t.rule == "statement")

# "release a joint statement", "released updated resources", "released photos": a publication.
PUBLICATION = re.compile(
    r"\breleas(?:e|es|ed|ing) (?:a |an |the |its |their )?(?:\S+ ){0,2}?(?:statements?|videos?"
    r"|reports?|photos?|resources|audio|messages?|recordings?|footage|list|figures|data|findings"
    r"|communiqu\w*|documents?)\b",
    re.IGNORECASE,
)
# "force the release of three jailed Muslim militants", "to secure Van Deventer's release":
# a release demanded or bought is not the act.
DEMANDED_RELEASE = re.compile(
    r"\b(?:forc\w*|demand\w*|secur\w*|negotiat\w*|call\w* for|exchange for|arrang\w* for|seek\w*"
    r"|sought)\s+(?:the\s+|\S+'s\s+|\S+’s\s+)?$",
    re.IGNORECASE,
)

# --- who acts, on whom ---------------------------------------------------------------------------
# A state's forces as the subject of an act: "Nigerian troops killed two bandits", "Police
# officers killed two robbers", "French soldiers captured Oumeya Ould Albakaye".
STATE_FORCE = re.compile(
    r"\b(?:troops|soldiers?|army|military|(?:armed|security|government|special) forces|forces"
    r"|police(?:m[ae]n)?|police officers?|officers|gendarmes?|gendarmerie|commandos?|marines"
    r"|navy|air ?force|paratroopers|KDF|AMISOM|NATO|ISAF|Barkhane)\b",
    re.IGNORECASE,
)
# Who is not a state force: armed groups by name or by description, and attackers dressed as
# soldiers ("Gunmen wearing army uniforms stormed ...").
NON_STATE = re.compile(
    r"\b(?:militants?|insurgents?|rebels?|gunmen|jihadists?|Islamists?|terrorists?|fighters?"
    r"|guerrillas?|attackers?|assailants?|bandits?|extremists?|separatists?|militias?"
    r"|militiam[ae]n|herdsmen|kidnappers?|suicide|wearing|dressed|disguised|posing|uniforms?"
    r"|Taliban|ISIS|ISIL|Daesh|Islamic State|Shabaab|Boko Haram|ISWAP?|JNIM|GSIM|AQIM|AQAP"
    r"|al-Qaeda|FARC|ELN|LTTE|PKK|Hamas|Hezbollah|Houthis?|Abu Sayyaf|ADF|IPOB)\b",
    re.IGNORECASE,
)
# Whom state forces fight: "killed six armed robbers", "killed AQIM leader Abdelmalek Droukdel",
# "captured Oumeya Ould Albakaye, a regional chief of the Islamic State in the Sahel".
ENEMY = re.compile(
    r"\b(?:militants?|insurgents?|rebels?|jihadists?|Islamists?|terrorists?|fighters?|guerrillas?"
    r"|bandits?|robbers?|gunmen|kidnappers?|criminals?|suspects?|cultists?|extremists?|attackers?"
    r"|assailants?|leader|commander|chief|emir|ringleader|mastermind|ISIS|ISIL|Daesh"
    r"|Islamic State|Shabaab|Boko Haram|ISWAP?|JNIM|AQIM|AQAP|al-Qaeda|Taliban|FARC|ELN)\b",
    re.IGNORECASE,
)
# Victims named as civilians: "ten civilians including six women, were killed in an attack in
# Kokola" is a killing of civilians, told with the toll and an event noun.
CIVILIANS = re.compile(r"\b(?:civilians?|villagers|residents|worshippers|women|children)\b",
                       re.IGNORECASE)
# Armed victims make a killing an armed clash (settled: "An armed group killing soldiers or
# police is an attack ... even when the verb is 'kill'"): "Boko Haram killed two Cameroonian
# soldiers", "killing eight policemen", "three police officers were shot dead".
ARMED_VICTIMS = re.compile(
    r"\b(?:soldiers?|troops|servicem[ae]n|service members|police(?:m[ae]n|wom[ae]n)?"
    r"|police officers?|officers|gendarmes?|peacekeepers?|security (?:forces|personnel|officials)"
    r"|personnel|militiam[ae]n|militants?|fighters|rebels|insurgents|jihadists|cadets|commandos"
    r"|marines|paratroopers|jawans)\b",
    re.IGNORECASE,
)
