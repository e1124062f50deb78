"""The words that say who a figure counts (victim groups, attackers, names) and the casualty
words that anchor a figure (verbs, participles, nouns), with the patterns for stated zeros,
court entries, operations, new incidents and claims."""

from __future__ import annotations

import re

from pipeline.fields.casualties.tokens import _MONTHS
from pipeline.schema import CasualtyKind, VictimGroup


# --- who a figure counts -----------------------------------------------------------------------


def _word_table(groups: dict[str, str]) -> dict[str, str]:
    return {word: key for key, words in groups.items() for word in words.split()}


# Head nouns of the people counted, singular and plural, with their victim group.
_PEOPLE: dict[str, VictimGroup] = _word_table({  # type: ignore[assignment]
    "soldiers": "soldier soldiers troop troops serviceman servicemen militiaman militiamen "
    "sailor sailors marine marines commando commandos trooper troopers guardsman guardsmen "
    "personnel recruit recruits cadet cadets",
    "peacekeepers": "peacekeeper peacekeepers",
    "police": "police policeman policemen gendarme gendarmes policewoman policewomen constable "
    "constables",
    "civilians": "civilian civilians villager villagers resident residents passenger passengers "
    "hostage hostages guest guests tourist tourists journalist journalists worker workers "
    "employee employees diplomat diplomats citizen citizens child children woman women "
    "paramedic paramedics missionary missionaries observer observers guard guards wife husband "
    "farmer farmers herder herders trader traders student students worshippers teacher "
    "teachers doctor doctors nurse nurses son sons daughter daughters miner miners pilgrim "
    "pilgrims priest priests nun nuns pastor pastors cleric clerics imam imams monk monks "
    "worshipper worshiper worshipers activist activists cartoonist cartoonists bodyguard "
    "bodyguards elder elders boy boys girl girls schoolboy schoolboys schoolgirl schoolgirls "
    "schoolchildren pupil pupils infant infants baby babies teenager teenagers youth youths "
    "vendor vendors sweeper sweepers bystander bystanders passerby passersby contractor "
    "contractors owner owners shopkeeper shopkeepers merchant merchants businessman "
    "businessmen fisherman fishermen herdsman herdsmen labourer labourers laborer laborers "
    "engineer engineers volunteer volunteers customer customers shopper shoppers spectator "
    "spectators protester protesters protestor protestors demonstrator demonstrators mourner "
    "mourners relative relatives brother brothers sister sisters father fathers mother "
    "mothers companion companions colleague colleagues refugee refugees migrant migrants "
    "foreigner foreigners reporter reporters photographer photographers cameraman cameramen "
    "medic medics crew commuter commuters guide guides uncle uncles nephew nephews",
    "militants": "militant militants terrorist terrorists jihadist jihadists insurgent insurgents "
    "attacker attackers assailant assailants gunman gunmen islamist islamists bomber bombers "
    "extremist extremists rebel rebels fighter fighters combatant combatants bandit bandits "
    "robber robbers kidnapper kidnappers hijacker hijackers hostage-taker hostage-takers "
    "cultist cultists guerrilla guerrillas guerilla guerillas sniper snipers shooter shooters",
    "unspecified": "people persons person man men individual individuals victim victims member "
    "members official officials officer officers leader leaders commander commanders chief "
    "chiefs national nationals inmate inmates prisoner prisoners suspect suspects driver "
    "drivers staff mayor mayors governor governors judge judges lawyer lawyers minister "
    "ministers ambassador ambassadors mp mps lawmaker lawmakers politician politicians agent "
    "agents bodies",
})
_SINGULAR = frozenset(
    "soldier troop serviceman militiaman peacekeeper policeman gendarme civilian villager "
    "resident passenger hostage guest tourist journalist worker employee diplomat citizen child "
    "woman paramedic missionary observer guard wife husband farmer herder trader student teacher "
    "doctor nurse son daughter miner pilgrim militant terrorist jihadist insurgent attacker "
    "assailant gunman islamist bomber extremist rebel fighter combatant person man individual "
    "victim member official officer leader commander chief national inmate prisoner suspect "
    "driver staff sailor marine commando trooper guardsman recruit cadet policewoman constable "
    "priest nun pastor cleric imam monk worshipper worshiper activist cartoonist bodyguard elder "
    "boy girl schoolboy schoolgirl pupil infant baby teenager youth vendor sweeper bystander "
    "passerby contractor owner shopkeeper merchant businessman fisherman herdsman labourer "
    "laborer engineer volunteer customer shopper spectator protester protestor demonstrator "
    "mourner relative brother sister father mother companion colleague refugee migrant "
    "foreigner reporter photographer cameraman medic commuter guide bandit robber kidnapper "
    "hijacker hostage-taker cultist guerrilla guerilla sniper shooter mayor governor judge "
    "lawyer minister ambassador mp lawmaker politician agent uncle nephew".split()
)
# The attackers of the event; their deaths go to perpetrators_killed ("31 of the attackers",
# "15 militants", "One attacker is killed", "29 militants are killed"). "fighters" is not here:
# in this report they are the victims ("84 Wagner fighters", "several al-Qaeda fighters").
# Bandits, robbers and kidnappers are the attackers of criminal violence (GUIDELINES, "Actors in
# other reports"): "Nigerian police officers killed six armed robbers" kills them in an act of
# the police, where they are its victims. Rebels fight the state's forces: "three gendarmes,
# one rebel, and one civilian were slain during a battle in Samorogouan".
_ATTACKERS = frozenset(
    "militant militants terrorist terrorists jihadist jihadists insurgent insurgents attacker "
    "attackers assailant assailants gunman gunmen islamist islamists bomber bombers extremist "
    "extremists bandit bandits robber robbers kidnapper kidnappers hijacker hijackers "
    "hostage-taker hostage-takers cultist cultists shooter shooters rebel rebels".split()
)
# Lower-case words that may stand between a number and its noun ("10 local militiamen", "an
# elderly French tourist", "one electoral observer", "a staff member", "a custom officer").
_MODIFIERS = frozenset(
    "local other elderly electoral civil aid staff security military foreign senior suicide "
    "ethnic armed opposition police custom customs state election village defense defence "
    "private young innocent unarmed additional suspected alleged government army top former "
    "humanitarian medical health rescue".split()
)
# Words that end a figure's noun phrase without refusing it ("killing 77 and wounding 255").
_STOPS = frozenset(
    "and or in on at near while with from of who which that as after before during when but to "
    "by since including for outside inside just across between is are was were "
    # "saw 70 people, mostly Shiite pilgrims, killed south of Baghdad"
    "north south east west northeast northwest southeast southwest "
    ", . ; : — – - ( )".split()
)
# What may follow a number that has no noun: "kill four in Gorey", "11 wounded", "All five
# sustain injuries", "Another 17 died"; not "three buses", "2 a.m.", "40 percent".
_BARE_NEXT = _STOPS | {
    "dead", "wounded", "injured", "hurt", "died", "dies", "die", "sustain", "sustains", "missing",
    # Headline and table copy drops the auxiliary: "16 killed in double car bombing",
    # "Casualties: 26 killed, 17 injured", "10 security officers said killed".
    "killed", "kidnapped", "abducted", "massacred", "slain", "beheaded", "executed", "murdered",
    "shot", "gunned", "lost", "said", "left",
}
# A capitalised plural after a number names people ("Seven Hindus killed", "24 Kashmiri
# Pandits, including 11 women"), when the phrase ends there; "ss" ends no plural ("Congress").
_PLURAL_NAME = re.compile(r"[A-Z][a-z]*[a-rt-z]s")
# Words that never describe the people of a figure: determiners, numbers, vague quantities.
_DETERMINERS = frozenset(
    "a an the his her their its this that these those one two three four five six seven eight "
    "nine ten another all some several many numerous no dozens".split()
)
_NOT_DESCRIBING = _DETERMINERS | frozenset("other others more than whom them".split())
_APOSTROPHE_S = re.compile(r"['’]s$")
# Particles inside a person's name ("Bah ag Moussa", "Gerco van Deventer").
_PARTICLES = frozenset({"ag", "van", "bin", "ben", "ould", "de", "du", "el", "al", "ibn", "abu"})
# Capitalised words that start no person's name: determiners, pronouns, and the armed groups the
# report writes in mixed case ("killed al-Qaeda in the Islamic Maghreb leader ...").
_NOT_NAMES = frozenset(
    "the this that these those it he she they his her its their a an on in at according after "
    "also during while when unidentified suspected armed local no nobody none al-qaeda islamic "
    "wagner al-mourabitoun ansar".split()
) | _MONTHS
_TITLES = frozenset({"dr", "colonel", "col", "general", "gen", "captain", "president", "mr", "mrs"})
# A name before these words names a group, not a person: "a horrible mass murder of Hazara Shia
# community".
_COLLECTIVE = frozenset(
    "community communities tribe tribes sect sects clan clans minority minorities group "
    "groups".split()
)
# Month abbreviations: a number before a month is a date ("Boko Haram 17 Jan raided Makilwe
# village").
_MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# Both or all of the figure, between an auxiliary and its participle: "nine members on board
# were all murdered".
_QUANTIFIERS = frozenset({"all", "both"})
# A war's or an insurgency's toll is no incident's: "a country that saw an estimated 100,000
# people killed during the conflict with the LTTE".
_WAR = re.compile(
    r"\b(?:during|throughout)\s+the\s+(?:\w+\s+){0,2}?(?:conflict|war|insurgency)(?![\w-])",
    re.IGNORECASE,
)
# An acronym names a group; these name bodies whose members are no fighters.
_ACRONYM = re.compile(r"[A-Z]{3,}")
_BODIES = frozenset("NGO NATO ICRC MSF WHO UNHCR UNICEF USAID OSCE ECOWAS".split())
# An age before the noun describes the person: "kill 85-year-old priest Jacques Hamel".
_AGED = re.compile(r"\d+-years?-old")
_AGE = re.compile(r"\b(?:as young as|as old as|aged?)\s*$", re.IGNORECASE)

# --- casualty words ----------------------------------------------------------------------------

# Verbs that take the people counted as their object ("kill", "abduct", "hold", "release").
_ACTIVE: dict[str, CasualtyKind] = _word_table({  # type: ignore[assignment]
    "killed": "kill kills killing killed massacre massacres massacring execute executes "
    "executing executed assassinate assassinates assassinating assassinated murder murders "
    "murdering murdered massacred neutralize neutralizes neutralizing neutralized neutralise "
    "neutralises neutralised slaughter slaughters slaughtering slaughtered slay slays slaying "
    "slew behead beheads beheading beheaded lynch lynches lynching lynched",
    "injured": "wound wounds wounding wounded injure injures injuring injured hurt hurts hurting",
    "kidnapped": "kidnap kidnaps kidnapping kidnapped abduct abducts abducting abducted hold "
    "holds holding take takes taking took",
    "captured": "capture captures capturing captured",
    "arrested": "arrest arrests arresting arrested detain detains detaining detained",
    "released": "release releases releasing released",
})
# Passive participles and intransitive verbs after their figures ("are killed", "died", "hurt").
_PASSIVE: dict[str, CasualtyKind] = {
    "killed": "killed", "massacred": "killed", "executed": "killed", "assassinated": "killed",
    "murdered": "killed", "neutralized": "killed", "neutralised": "killed", "die": "killed",
    "dies": "killed", "died": "killed", "dead": "killed", "wounded": "injured",
    "injured": "injured", "hurt": "injured", "kidnapped": "kidnapped", "abducted": "kidnapped",
    "missing": "missing", "captured": "captured", "arrested": "arrested", "detained": "arrested",
    "released": "released", "freed": "released", "slaughtered": "killed", "slain": "killed",
    "beheaded": "killed", "lynched": "killed",
}
_INTRANSITIVE = frozenset({"missing", "died", "dies", "die"})
# Nouns whose "of" introduces the people counted ("the death of more than 500 civilians").
_NOUN_OF: dict[str, CasualtyKind] = {
    "death": "killed", "deaths": "killed", "murder": "killed", "murders": "killed",
    "massacre": "killed", "killing": "killed", "lives": "killed", "kidnapping": "kidnapped",
    "abduction": "kidnapped", "release": "released", "bodies": "killed",
}
# "the fatal shooting of Mohamed Belkaid": these nouns count the killed after "fatal".
_FATAL_NOUNS = frozenset({"shooting", "shootings", "stabbing", "stabbings"})
# Killing verbs of more than one word: "shot dead six people", "three police officers were shot
# dead", "gunned down 43 members", "stabbed to death the Labour MP Jo Cox".
_PHRASAL: dict[str, tuple[str, ...]] = (
    dict.fromkeys("shot shoot shoots shooting".split(), ("dead",))
    | dict.fromkeys("gunned gun guns gunning".split(), ("down",))
    | dict.fromkeys(
        "stabbed stab stabs stabbing hacked hack hacks hacking beaten beat beats beating burned "
        "burnt burn burns burning stoned stone stones stoning".split(), ("to", "death"),
    )
)
# "shot the driver dead": a shooting verb whose object is followed by "dead".
_SHOOT = frozenset("shot shoot shoots shooting".split())
# A wound that kills: "fatally wounding an Afghan army officer", "fatally shot".
_FATALLY = frozenset({"fatally", "mortally"})
_FATAL_VERBS = frozenset(
    "wound wounds wounding wounded injure injures injuring injured shot shoot shoots shooting "
    "stabbed stab stabs stabbing".split()
)
# "lost their lives", "claiming two lives", "cost 20 lives".
_LOSE = frozenset({"lose", "loses", "lost", "losing"})
_LIVES = frozenset({"lives", "life"})
_COST = frozenset({"claim", "claims", "claimed", "claiming", "cost", "costs", "costing"})
# How badly people were hurt, between the verb's auxiliary and its participle ("22 left
# critically injured", "were seriously wounded").
_DEGREE = frozenset(
    "critically seriously severely badly gravely slightly lightly lethally".split()
)
# Reported, not witnessed: "10 security officers said killed", "are feared dead", "were
# believed to have been killed".
_HEDGES = frozenset("said believed feared thought presumed confirmed".split())
# An act only intended or threatened harms no one: "in failed bid to kill Saudi Deputy
# Interior Minister ...", "whom the gunman says he will kill".
_INTENT = frozenset(
    "bid bids attempt attempts attempted attempting plot plots plotted plan plans planned "
    "planning try tries tried trying fail fails failed failing seek seeks sought aim aims aimed "
    "threaten threatens threatened threatening vow vows vowed intend intends intended".split()
)
_MODALS = frozenset("will would could might may can shall should must".split())
# "killing himself": the attacker's own death; "killing him", "severely injuring him": one person.
_REFLEXIVES = frozenset({"himself", "herself", "themselves"})
_PRONOUNS = frozenset({"him", "her"})
_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_ADVERBS = frozenset(
    {"reportedly", "also", "allegedly", "later", "eventually", "then", "subsequently", "reported"}
)
# "take" and "hold" count people only as hostages: "take over 100 hostages", "hold 110
# civilians", "hold over 170 guests and staff hostage".
_TAKE = frozenset({"take", "takes", "taking", "took"})
_HOLD = frozenset({"hold", "holds", "holding"})
_HIJACK = frozenset({"hijack", "hijacks", "hijacked", "hijacking"})
_COMMIT = frozenset({"commits", "committed", "commit"})
_SEE = frozenset({"saw", "see", "sees", "seeing", "seen"})
_FOUND = frozenset({"found", "discovered", "recovered", "exhumed", "unearthed"})
_LEAVE = frozenset({"leave", "leaves", "left", "leaving"})
_STATES: dict[str, CasualtyKind] = {
    "dead": "killed", "wounded": "injured", "injured": "injured", "hurt": "injured",
}
_INJURIES_VERBS = frozenset({"sustain", "sustains", "sustained", "suffer", "suffers", "suffered"})
_TAIL_PREPOSITIONS = frozenset(
    {"in", "at", "near", "from", "of", "on", "outside", "inside", "just", "across", "during"}
)
_TAIL_ENDS = frozenset(
    {",", "and", ";", "while", "who", "when", "before", "after", "as", "but", "with", "—", "–"}
) | _AUX
_DASHES = frozenset({"—", "–"})
# What opens the parts of a total ("including six assailants", "among them 24 pilgrims") and
# the words of a parenthesis that holds no count (", mostly civilians,", ", most of them
# foreigners").
_INCLUDING = frozenset({"including", "includes", "included"})
_NO_COUNT = frozenset({"mostly", "most", "mainly", "many", "largely", "predominantly"})

# "leaving no casualties", "do not result in any casualties": killed and injured are 0.
_NO_CASUALTIES = re.compile(
    r"\b(?:(?:leaving|leaves|left|causing|causes|with)\s+no\s+casualties"
    r"|do(?:es)?\s+not\s+result\s+in\s+any\s+casualties|without\s+(?:any\s+)?casualties"
    r"|no\s+casualties\s+(?:are|were)\s+(?:reported|caused))\b",
    re.IGNORECASE,
)
# "No one was killed", "no one was hurt", "none of the 1,500 people attending the conference
# was wounded": a zero of one kind.
_NO_ONE = re.compile(
    r"\b(?:no one|nobody|none(?:\s+of\s+(?:the|them|those)\b[^.;:]{0,80}?)?)\s+"
    r"(?:was|were|is|are|has been|have been)\s+(?:reportedly\s+)?"
    r"(?P<verb>killed|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
# A court entry recounts the attack it judges: "A U.S. federal court charges a Malian man ...
# The attacks killed 30 people" (January 16, 2020), "A Bamako court begins the trial ...".
_LEGAL = re.compile(
    r"\b(?:court|trial|convicts?|charges|indicts?|sentences|extradites|designates)\b", re.IGNORECASE
)
# An operation of state or foreign forces: the militants it kills are its victims. A raid of
# the police is one too: "A police operation in the southern Brussels district of Forest ends
# with the fatal shooting of Mohamed Belkaid"; "Abdelhamid Abaaoud ... is killed during a police
# raid".
_OPERATION = re.compile(r"\b(?:operation|raid)\b", re.IGNORECASE)
_FORCES = re.compile(r"\b(?:forces|troops|army|military|police)\b", re.IGNORECASE)
# The subject of the first killing verb that makes the entry an act of state forces: "Nigerian
# troops killed two bandits", "Police officers killed two robbers", "Air strikes killed
# 'several' ...", "An Egyptian airstrike killed four Egyptian militants".
_STATE_SUBJECTS = frozenset(
    "troops soldiers army military police forces airstrike airstrikes air-strike "
    "air-strikes".split()
)
_STRIKES = frozenset({"strike", "strikes"})
_STRIKE_OWNERS = frozenset({"air", "drone", "military", "missile"})
# A sentence that opens another incident of the entry: its figures add to those before.
_NEW_EVENT = re.compile(
    r"^(?:(?:That|The) same day|Also on|On (?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December) \d|Shortly after|Meanwhile|Separately)\b"
)
# A later day is another incident, or a later death, and adds ("A policewoman is killed just
# outside Paris the following day"); "later the same day" may still be part of a summed total
# ("kill 26 people in two separate attacks ... Later the same day, at least 20 people are
# killed").
_LATER_DAY = re.compile(
    r"\b(?:the\s+(?:following|next)\s+day|a\s+day\s+later|(?:two|three|several)\s+days\s+later)\b",
    re.IGNORECASE,
)
# Captors whose captures are arrests.
_STATE_FORCES = frozenset(
    "soldiers troops forces army military police gendarmes authorities government".split()
)
_CONTRASTS = frozenset({"however", "but", "although", "whereas", "while"})
_CLAIM_VERBS = frozenset({"claim", "claims", "claimed", "claiming"})
# "claims responsibility", "claimed by Ansar al-Dine", "claims the lives of": no claimed figure.
_NOT_A_CLAIM = frozenset({"responsibility", "credit", "the", "its", "a", "by"})
_CLAUSE_STARTS = frozenset({",", ";", "however", "although", "but", "while", "whereas"})
