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
    "medic medics crew commuter commuters",
    "militants": "militant militants terrorist terrorists jihadist jihadists insurgent insurgents "
    "attacker attackers assailant assailants gunman gunmen islamist islamists bomber bombers "
    "extremist extremists rebel rebels fighter fighters combatant combatants bandit bandits "
    "robber robbers kidnapper kidnappers hijacker hijackers hostage-taker hostage-takers "
    "cultist cultists guerrilla guerrillas guerilla guerillas sniper snipers",
    "unspecified": "people persons person man men individual individuals victim victims member "
    "members official officials officer officers leader leaders commander commanders chief "
    "chiefs national nationals inmate inmates prisoner prisoners suspect suspects driver "
    "drivers staff mayor mayors governor governors judge judges lawyer lawyers minister "
    "ministers ambassador ambassadors mp mps lawmaker lawmakers politician politicians agent "
    "agents",
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
    "foreigner reporter photographer cameraman medic commuter bandit robber kidnapper hijacker "
    "hostage-taker cultist guerrilla guerilla sniper mayor governor judge lawyer minister "
    "ambassador mp lawmaker politician agent".split()
)
# The attackers of the event; their deaths go to perpetrators_killed ("31 of the attackers",
# "15 militants", "One attacker is killed", "29 militants are killed"). "fighters" is not here:
# in this report they are the victims ("84 Wagner fighters", "several al-Qaeda fighters").
_ATTACKERS = frozenset(
    "militant militants terrorist terrorists jihadist jihadists insurgent insurgents attacker "
    "attackers assailant assailants gunman gunmen islamist islamists bomber bombers extremist "
    "extremists bandit bandits robber robbers kidnapper kidnappers hijacker hijackers "
    "hostage-taker hostage-takers cultist cultists".split()
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
    ", . ; : — – - ( )".split()
)
# What may follow a number that has no noun: "kill four in Gorey", "11 wounded", "All five
# sustain injuries", "Another 17 died"; not "three buses", "2 a.m.", "40 percent".
_BARE_NEXT = _STOPS | {
    "dead", "wounded", "injured", "hurt", "died", "dies", "die", "sustain", "sustains", "missing",
}
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
_AGE = re.compile(r"\b(?:as young as|as old as|aged?)\s*$", re.IGNORECASE)

# --- casualty words ----------------------------------------------------------------------------

# Verbs that take the people counted as their object ("kill", "abduct", "hold", "release").
_ACTIVE: dict[str, CasualtyKind] = _word_table({  # type: ignore[assignment]
    "killed": "kill kills killing killed massacre massacres massacring execute executes "
    "executing executed assassinate assassinates assassinating assassinated murder murders "
    "murdering neutralize neutralizes neutralizing neutralized neutralise neutralises "
    "neutralised",
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
    "released": "released", "freed": "released",
}
_INTRANSITIVE = frozenset({"missing", "died", "dies", "die"})
# Nouns whose "of" introduces the people counted ("the death of more than 500 civilians").
_NOUN_OF: dict[str, CasualtyKind] = {
    "death": "killed", "deaths": "killed", "murder": "killed", "murders": "killed",
    "massacre": "killed", "killing": "killed", "lives": "killed", "kidnapping": "kidnapped",
    "abduction": "kidnapped", "release": "released",
}
_AUX = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_ADVERBS = frozenset(
    {"reportedly", "also", "allegedly", "later", "eventually", "then", "subsequently", "reported"}
)
# "take" and "hold" count people only as hostages: "take over 100 hostages", "hold 110
# civilians", "hold over 170 guests and staff hostage".
_TAKE = frozenset({"take", "takes", "taking", "took"})
_HOLD = frozenset({"hold", "holds", "holding"})
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

# "leaving no casualties", "do not result in any casualties": killed and injured are 0.
_NO_CASUALTIES = re.compile(
    r"\b(?:(?:leaving|leaves|left|causing|causes|with)\s+no\s+casualties"
    r"|do(?:es)?\s+not\s+result\s+in\s+any\s+casualties|without\s+(?:any\s+)?casualties"
    r"|no\s+casualties\s+(?:are|were)\s+(?:reported|caused))\b",
    re.IGNORECASE,
)
# "No one was killed": a zero of one kind.
_NO_ONE = re.compile(
    r"\b(?:no one|nobody|none)\s+(?:was|were|is|are)\s+(?:reportedly\s+)?"
    r"(?P<verb>killed|injured|wounded|hurt)\b",
    re.IGNORECASE,
)
# A court entry recounts the attack it judges: "A U.S. federal court charges a Malian man ...
# The attacks killed 30 people" (January 16, 2020), "A Bamako court begins the trial ...".
_LEGAL = re.compile(
    r"\b(?:court|trial|convicts?|charges|indicts?|sentences|extradites|designates)\b", re.IGNORECASE
)
# An operation of state or foreign forces: the militants it kills are its victims.
_OPERATION = re.compile(r"\boperation\b", re.IGNORECASE)
_FORCES = re.compile(r"\b(?:forces|troops|army|military)\b", re.IGNORECASE)
# A sentence that opens another incident of the entry: its figures add to those before.
_NEW_EVENT = re.compile(
    r"^(?:(?:That|The) same day|Also on|On (?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December) \d|Shortly after|Meanwhile|Separately)\b"
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
