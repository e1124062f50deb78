"""Tests of the actor table and pipeline.fields.actors on entries of the Mali report."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.fields.actors import find_actors, resolve_actor
from pipeline.nlp import build_nlp
from pipeline.settings import Settings
from pipeline.tables import fold

from ..conftest import needs_model

# The canonical names listed in tests/gold/GUIDELINES.md ("Canonical names: JNIM (GSIM, ...").
GUIDELINE_NAMES = [
    "JNIM", "AQIM", "al-Qaeda", "Ansar Dine", "Al-Mourabitoun", "Al-Mulathamun Battalion",
    "MUJAO", "Katiba Macina", "IS Sahel", "ISIS", "ISWAP", "Ansarul Islam", "MNLA", "CMA",
    "CSP-DPA", "Dan Na Ambassagou", "Malian Armed Forces", "French Armed Forces", "MINUSMA",
    "G5 Sahel", "Wagner Group",
]
# The guidelines' aliases of those names.
GUIDELINE_ALIASES = [
    ("GSIM", "JNIM"), ("Group to Support Islam and Muslims", "JNIM"),
    ("Jama'at Nusrat al-Islam wal-Muslimin", "JNIM"), ("AAD", "Ansar Dine"),
    ("Ansar al-Dine", "Ansar Dine"), ("AMB", "Al-Mulathamun Battalion"),
    ("Macina Liberation Front", "Katiba Macina"), ("MLF", "Katiba Macina"), ("ISGS", "IS Sahel"),
    ("Islamic State in the Greater Sahara", "IS Sahel"), ("Dogon militia", "Dan Na Ambassagou"),
    ("Operation Barkhane", "French Armed Forces"),
]
# The forces plain "soldiers" and "peacekeepers" stand for in a Mali event (the guidelines'
# "Generic 'army', 'soldiers', 'troops' in a Mali event are the Malian Armed Forces; 'U.N.
# peacekeepers' are MINUSMA"); pipeline.records passes those of the event's country.
MALI = {"home_force": "Malian Armed Forces", "un_mission": "MINUSMA"}
# Merges and renamings the report dates (sections "Radicalization and Foreign Fighters").
DATED = [
    ("AQIM", "JNIM", "2017-03"),
    ("Ansar Dine", "JNIM", "2017-03"),
    ("Al-Mourabitoun", "JNIM", "2017-03"),
    ("Katiba Macina", "JNIM", "2017-03"),
    ("Al-Mulathamun Battalion", "Al-Mourabitoun", "2013-08"),
    ("MUJAO", "Al-Mourabitoun", "2013-08"),
]


# --- the table -----------------------------------------------------------------------------

def test_aliases_are_unique_once_folded(tables):
    # An alias may mean another actor in named countries only ("ADF" in Cameroon is the
    # Ambazonia Defence Forces): it repeats once per distinct set of countries, never twice
    # for the same set.
    seen: dict[tuple[str, str], str] = {}
    for row in tables.actors:
        key = (fold(row.alias), " ".join(sorted((row.in_countries or "").split())))
        assert key not in seen, f"{row.alias!r} is also an alias of {seen[key]!r}"
        seen[key] = row.name


@pytest.mark.parametrize("name", GUIDELINE_NAMES)
def test_every_guideline_name_is_canonical_and_its_own_alias(tables, name):
    assert any(row.name == name and row.alias == name for row in tables.actors)


@pytest.mark.parametrize("alias, name", GUIDELINE_ALIASES)
def test_guideline_aliases_resolve(tables, alias, name):
    row, how = resolve_actor(alias, tables.actors)
    assert (row.name, how) == (name, "table")


def test_rows_of_one_actor_agree_on_kind_and_parent(tables):
    facts = defaultdict(set)
    for row in tables.actors:
        facts[row.name].add((row.kind, row.parent))
    assert {name: f for name, f in facts.items() if len(f) > 1} == {}


@pytest.mark.parametrize("name, parent, since", DATED)
def test_merges_are_dated(tables, name, parent, since):
    rows = [row for row in tables.actors if row.name == name]
    assert rows and all((row.parent, row.since) == (parent, since) for row in rows)


def test_isgs_carries_the_date_of_its_renaming(tables):
    row, _ = resolve_actor("Islamic State in the Greater Sahara", tables.actors)
    assert (row.name, row.since) == ("IS Sahel", "2022-03")


def test_every_row_says_where_it_comes_from(tables):
    from pipeline.geo.forces import SOURCE

    allowed = ("report", "not in the report", "tests/gold/GUIDELINES.md")
    curated = [row for row in tables.actors if row.source != SOURCE]
    assert [row.alias for row in curated if not row.source.startswith(allowed)] == []
    # The generated rows are every country's forces, named after its adjectives.
    assert sum(row.source == SOURCE for row in tables.actors) > 3000


# --- resolve_actor -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, how", [
    ("GSIM", "JNIM", "table"),
    ("Jama’at Nusrat al-Islam wal Muslimeen", "JNIM", "table"),  # curly apostrophe folded
    ("the Wagner Group", "Wagner Group", "table"),
    ("Ansaroul Islam", "Ansarul Islam", "table"),
    ("Mali’s armed forces", "Malian Armed Forces", "table"),
    ("Ansar Eddine", "Ansar Dine", "fuzzy"),
    ("Jamaat Nusrat al-Islam wal-Muslimin", "JNIM", "fuzzy"),
    ("Al Mourabitoun", "Al-Mourabitoun", "fuzzy"),
])
def test_resolve_actor(tables, text, name, how):
    row, method = resolve_actor(text, tables.actors)
    assert row.name == name and method.split(":")[0] == how


@pytest.mark.parametrize("text", [
    "French",  # WRatio would give "French troops" 90
    "Mali",  # ... and "Malian army" 90
    "Islamic State",  # ... and "Islamic State in the Sahel" 90
    "ISG",  # acronyms are exact only
    "Voice of America",
    "",
])
def test_resolve_actor_rejects(tables, text):
    assert resolve_actor(text, tables.actors) is None


# --- find_actors on the report's entries -----------------------------------------------------------

MAF, FAF = "Malian Armed Forces", "French Armed Forces"

# (entry text as the segmenter cleans it, perpetrators with attribution, targets, description)
ENTRIES = [
    ("February 7, 2025: Armed assailants ambush several vehicles in Gao, killing more than 50 "
     "and wounding 13. The military convoys were transporting Malian soldiers and Wagner "
     "mercenaries who were escorting foreign travelers to mines located in northern Mali. "
     "Sources: Defense Post, Reuters",
     {}, {MAF, "Wagner Group"}, "armed assailants"),
    ("January 5, 2025: Wagner and Malian forces open fire on a vehicle between the localities of "
     "Niono and Nampala, killing at least eight civilians. Source: Defense Post",
     {"Wagner Group": "stated", MAF: "stated"}, set(), None),
    ("December 31, 2024: JNIM militants ambush military checkpoints in Mopti region, central "
     "Mali. Included in the targets were Malian soldiers and mercenaries from the Wagner Group. "
     "The number of casualties is not reported. Source: Middle East Media Research Institute",
     {"JNIM": "stated"}, {MAF, "Wagner Group"}, None),
    ("July 3, 2024: Suspected JNIM militants ambush a wedding ceremony in Djiguibombo, central "
     "Mali, killing at least 21. The assailants slit the throats of their victims, loot homes, "
     "and steal livestock. Source: Deutsche Welle",
     {"JNIM": "suspected"}, set(), None),
    ("July 25, 2024 - July 27, 2024: On July 25, separatist rebels launch a three-day ambush on "
     "Wagner and government troops in Tinzaouaten, northern Mali. Tuareg separatists from the "
     "Strategic Framework for the Defense of the People of Azawad (CSP-DPA) claim to kill at "
     "least 84 Wagner fighters and 47 Malian soldiers. Also on July 25, JNIM claims to have "
     "booby-trapped a Wagner convoy killing 50 Russian fighters and 10 Malians. Sources: Voice "
     "of America, Deutsche Welle",
     {"CSP-DPA": "claimed", "JNIM": "claimed"}, {"Wagner Group", MAF}, "separatist rebels"),
    ("April 29, 2024: Mali's armed forces launch an operation targeting and killing Abu Huzeifa, "
     "a senior commander of IS Sahel in Liptako region, a tri-border area and known ISIS hideout "
     "that encompasses parts of Mali, Burkina Faso, and Niger. Further details of the operation "
     "are not reported. Sources: New York Times, Rewards for Justice",
     {MAF: "stated"}, {"IS Sahel"}, None),
    ("February 27, 2024: Three Italian nationals return to Rome following their release from a "
     "terror group, presumably JNIM, in Mali. Source: Associated Press",
     {"JNIM": "suspected"}, set(), "terror group"),
    ("August 13, 2024: The International Criminal Court (ICC) convicts Al Hassan Ag Abdoul Aziz "
     "Ag Mohamed Ag Mahmoud, a former senior leader of al-Qaeda affiliate Ansar Dine, on charges "
     "of war crimes and crimes against humanity. Sources: International Criminal Court, Africa "
     "News",
     {"International Criminal Court": "stated"}, set(), None),
    ("October 13, 2023: Mali-based terror groups JNIM and AQIM release a joint statement online "
     "in response to the conflict between Hamas terrorists and Israel in Gaza. Source: Long War "
     "Journal",
     {"JNIM": "stated", "AQIM": "stated"}, set(), None),
    ("September 12, 2023: Militants from the Coalition of Azawad Movements (CMA), a coalition of "
     "Tuareg separatist groups, declares itself at war with Mali, launching an attack on the "
     "Malian army in Bourem. The CMA and the central government previously signed a peace "
     "agreement in 2015. According to the CMA, the attack reportedly kills 97 Malian soldiers, "
     "however, the Malian army claims 10 soldiers are killed and 47 CMA terrorists were "
     "neutralized. Source: Voice of America",
     {"CMA": "stated"}, {MAF}, None),
    ("January 15, 2023: Unidentified militants attack a security mission on the Kwala-Mourdiah "
     "road on the Gomitra-Kwala axis, killing five soldiers and wounding three. Malian air forces "
     "kill 15 militants. JNIM claims responsibility and shows photos of captured weapons and "
     "vehicles. Sources: Anadolu Agency, Afrik Soir, Long War Journal",
     {"JNIM": "claimed"}, {MAF}, "unidentified militants"),
    ("October 14, 2022: A passenger bus strikes an IED in Bandiagara region, central Mali. The "
     "explosion kills 10 and injures dozens of others. No group claims responsibility, but the "
     "Malian government believes that Katiba Macina, an al-Qaeda affiliated group, is "
     "responsible. Source: Associated Press",
     {"Katiba Macina": "suspected"}, set(), None),
    ("August 7, 2022: Suspected jihadists using drones and artillery launch an attack in Tessit. "
     "The attack kills 42 soldiers, one of the largest number of casualties in Mali's decadelong "
     "insurgency. Police claim IS Sahel was responsible for the attack. Source: Voice of America",
     {"IS Sahel": "suspected"}, {MAF}, "suspected jihadists"),
    ("March 27, 2022 - March 31, 2022: The Wagner Group, in coordinating with Malian troops, "
     "launch a multi-day operation in Moura, Mopti region. The operation was intended to target "
     "alleged members of JNIM, an al-Qaeda affiliated group. Sources: The Guardian, United "
     "Nations",
     {"Wagner Group": "stated", MAF: "stated"}, {"JNIM"}, None),
    ("June 21, 2021: A car bomb detonates near a French armored car in central Mali, the "
     "explosion injures ten, including six French soldiers. No group claims responsibility for "
     "the attack. Source: France 24",
     {}, {FAF}, None),
    ("December 29, 2020: An armored vehicle carrying French soldiers strikes an IED in Hombori, "
     "central Mali. The attack kills three soldiers. The al-Qaeda-linked Group to Support Islam "
     "and Muslims (GSIM) claims responsibility for the attack. Sources: Deutsche Welle, Defense "
     "Post",
     {"JNIM": "claimed"}, {FAF}, None),
    ("November 30, 2020: Al-Qaeda linked militants attack French military bases in the towns of "
     "Menaka, Gao, and Kidal. Sources: Defense Post, Reuters",
     {"al-Qaeda": "suspected"}, {FAF}, "al-qaeda linked militants"),
    ("June 13, 2020: Unidentified gunmen ambush a U.N. convoy traveling between Tessalit and Gao "
     "in northwest Mali. The attack kills two U.N. peacekeepers. Source: Al Jazeera",
     {}, {"MINUSMA"}, "unidentified gunmen"),
    ("April 6, 2020: Militants ambush a military base in Bamba. The attack kills over 25 "
     "soldiers. No group claims responsibility for the attack, however it is suspected that "
     "jihadist Group to Support Islam and Muslims (JNIM) was behind the ambush. Sources: Al "
     "Jazeera, International Crisis Group",
     {"JNIM": "suspected"}, {MAF}, "militants"),
    ("January 26, 2020: Militants ambush an army camp in Sokolo, central Mali. The attack kills "
     "at least 20 soldiers. No group claims responsibility for the attack, although it is "
     "suspected that the attackers were linked to al-Qaeda. Sources: North Africa Post, Reuters",
     {"al-Qaeda": "suspected"}, {MAF}, "militants"),
    ("October 3, 2019: Insurgent forces simultaneously attack the G5 Sahel force camp in "
     "Boulikessi and the Malian army base in Mondoro. The insurgents kill at least 25 Malian "
     "soldiers. No group claims the raids, but Malian authorities blame the al-Qaeda-linked "
     "Burkinabe jihadist group Ansaroul Islam for the assaults. Source: Long War Journal",
     {"Ansarul Islam": "suspected"}, {"G5 Sahel", MAF}, "insurgent forces"),
    ("June 16, 2019: Allied French and Malian forces kills 20 ISIS militants in an operation in "
     "Akabar, northern Mali. Source: Reuters",
     {FAF: "stated", MAF: "stated"}, {"ISIS"}, None),
    ("March 17, 2019: Gunmen launch an overnight raid on a military base in the village of "
     "Dioura in the Mopti region, killing at least 23 soldiers. Malian officials suspect "
     "jihadist militants linked to a Tuareg militia and al-Qaeda. JNIM claims responsibility. "
     "Sources: Al Jazeera, Reuters, Voice of America, Long War Journal",
     {"JNIM": "claimed", "al-Qaeda": "suspected"}, {MAF}, "gunmen"),
    ("November 12, 2018: Three Malians are killed and 30 others are wounded when two suicide "
     "bombers detonate vehicle-borne improvised explosive devices near U.N.-owned villas in the "
     "city of Gao. JNIM claims responsibility for the attack. Sources: News 24, News24, "
     "GardaWorld, GardaWorld, U.S. Department of State",
     {"JNIM": "claimed"}, {"MINUSMA"}, None),
    ("June 8, 2017: A U.N. base in Kidal, northern Mali, is attacked with heavy mortar fire. "
     "Three U.N. peacekeepers from Guinea are killed and five others are wounded. An al-Qaeda "
     "affiliate group claims responsibility for the attack. Sources: Al Jazeera, Associated Press",
     {}, {"MINUSMA"}, "al-qaeda affiliate group"),
    ("March 5, 2017: Assaultants target a Malian army post near the border with Burkina Faso, "
     "killing 11 soldiers. The attack is attributed to Ansar-ul-Islam lil-Ichad wal Jihad "
     "(IRSAD), an al-Qaeda-linked group led by extremist Burkinabe preacher Malam Ibrahim Dicko. "
     "Sources: International Business Times, International Business Times",
     {"Ansarul Islam": "suspected"}, {MAF}, "assaultants"),
    ("July 19, 2016: A joint attack—allegedly carried out by AQIM, the Macina Liberation Front, "
     "and an ethnic Peul group—targets an army base in central Mali, killing 17 Malian soldiers. "
     "Source: Reuters",
     {"AQIM": "suspected", "Katiba Macina": "suspected"}, {MAF}, "ethnic peul group"),
    ("April 12, 2016: Three French soldiers are killed by an improvised explosive device in "
     "Tessalit. AAD takes credit for the attack. Source: U.S. Department of State",
     {"Ansar Dine": "claimed"}, {FAF}, None),
    ("March 21, 2016: Gunmen attempt to attack the Bamako's Hotel Nord Sud, where the "
     "headquarters of the European Union training mission is based. Authorities suspect AQIM "
     "and AMB are involved. Source: U.S. Department of State",
     {"AQIM": "suspected", "Al-Mulathamun Battalion": "suspected"}, {"EUTM Mali"}, "gunmen"),
    ("March 13, 2016: Gunmen with links to AQIM attack a beach resort in Côte d'Ivoire, killing "
     "19 people and wounding 33. Shortly after, Malian forces arrest three people connected to "
     "the attack. Sources: France24, Voice of America",
     {"AQIM": "suspected"}, set(), "gunmen"),
    ("February 12, 2016: A mortar attack—claimed by Ansar al-Dine—kills five U.N. peacekeepers "
     "in Kidal. Source: BBC News",
     {"Ansar Dine": "claimed"}, {"MINUSMA"}, None),
    ("November 20, 2015: Two gunmen storm the Radisson Blu Hotel in Mali's capital, Bamako, "
     "killing 20 people and taking as many as 170 hostages. Al-Mourabitoun claims that it "
     "carried out the attack in conjunction with AQIM. Sources: BBC News, Reuters",
     {"Al-Mourabitoun": "claimed", "AQIM": "claimed"}, set(), "gunmen"),
    ("August 30, 2014: Two of the seven Algerian diplomats kidnapped by MUJAO in April 2012 are "
     "released. Source: Agence France-Presse",
     {"MUJAO": "stated"}, set(), None),
    ("June 11, 2014: A suicide bomber kills four Malian and Chadian soldiers at a U.N. "
     "peacekeeping camp in Aguelhok, Mali. Source: Agence France-Presse",
     {}, {MAF, "MINUSMA"}, "suicide bomber"),
    ("January 4, 2011: An individual who had trained in an AQIM camp in northern Mali attacks "
     "the French Embassy. The attack causes only minor injuries. Source: OSAC",
     {"AQIM": "suspected"}, {"French Embassy"}, "individual"),
    # "al-Qaeda affiliates" clashing are al-Qaeda's fighters; "an al-Qaeda affiliate group" (the
    # June 8, 2017 entry above) is another group.
    ("December 1, 2022: Clashes between ISIS and local al-Qaeda affiliates in and around Gao "
     "and Menaka kill at least 100 people, including dozens of civilians. Source: TRT World",
     {"ISIS": "stated", "al-Qaeda": "stated"}, {"ISIS", "al-Qaeda"}, None),
    ("October 31, 2008: AQIM militants turn over two Austrian tourists—who the group kidnapped in "
     "southern Tunisia in February 2008—to the Malian government after a ransom is paid. Source: "
     "U.S. Department of State",
     {"AQIM": "stated"}, set(), None),
]

# Known misses, kept so that fixing one turns the test red.
KNOWN_MISSES = [
    pytest.param(
        "November 26, 2019 - November 28, 2019: French troops launch an air operation to support "
        "ground forces engaged in combat with militants. Two helicopters collide, killing 13 "
        "French soldiers. On November 28, ISIS claims its West African branch caused the "
        "collision. The Islamic State in West Africa Province (ISWAP) said the helicopters "
        "collided after one of them retreated under fire from ISWAP fighters, but it did not "
        "provide evidence for its claim. Sources: Guardian, Reuters",
        {FAF: "stated", "ISWAP": "claimed"}, {FAF}, None,
        marks=pytest.mark.xfail(strict=True, reason="a claim made by ISIS for its branch and "
                                "'said' by ISWAP is not read as ISWAP's claim"),
    ),
]


@pytest.fixture(scope="module")
def parse(nlp):
    """nlp(text), once per text for the whole module."""
    cache = {}

    def run(text):
        if text not in cache:
            cache[text] = nlp(text)
        return cache[text]

    return run


def _roles(actors):
    perpetrators = {a.name: a.attribution for a in actors if a.role == "perpetrator"}
    targets = {a.name for a in actors if a.role == "target"}
    return perpetrators, targets


@needs_model
@pytest.mark.parametrize("text, perpetrators, targets, description", ENTRIES + KNOWN_MISSES)
def test_find_actors(parse, tables, text, perpetrators, targets, description):
    actors, found_description, _ = find_actors(parse(text), tables, Settings(), **MALI)
    assert _roles(actors) == (perpetrators, targets)
    assert found_description == description


@needs_model
@pytest.mark.parametrize("text", [case[0] for case in ENTRIES])
def test_evidence_offsets_are_local_to_the_text(parse, tables, text):
    actors, description, evidence = find_actors(parse(text), tables, Settings(), **MALI)
    for actor in actors:
        ev = actor.evidence
        assert text[ev.start:ev.end] == ev.text == actor.text
        assert ev.method == "table" or ev.method.startswith(("rule:", "ner", "fuzzy:"))
    if description is not None:
        assert text[evidence.start:evidence.end].lower() == description
        assert evidence.method == "rule:generic-perpetrator"


@needs_model
def test_the_sources_tail_never_yields_actors(nlp, tables):
    # Entry 111's text with the outlet list of entry 140, which names a U.S. department.
    text = ("March 29, 2020: An unidentified local official claims that a vehicle hit a landmine "
            "in N'gorkou, central Mali. At least nine people are killed. Sources: News 24, "
            "News24, GardaWorld, GardaWorld, U.S. Department of State, Voice of America, Long "
            "War Journal, International Criminal Court, United Nations")
    assert find_actors(nlp(text), tables, Settings(), **MALI) == ([], None, None)


@needs_model
def test_an_actor_named_in_the_body_and_the_tail_is_read_in_the_body(nlp, tables):
    text = ("July 24, 2023: The U.S. Department of the Treasury designates three Malian security "
            "and political officials. Source: U.S. Department of the Treasury")
    actors, _, _ = find_actors(nlp(text), tables, Settings(), **MALI)
    assert [(a.name, a.role, a.attribution, a.evidence.start) for a in actors] == [
        ("U.S. Department of the Treasury", "perpetrator", "stated", 19)
    ]


@needs_model
def test_other_actors_keep_no_attribution(nlp, tables):
    text = ("May 30, 2023: The U.S. Department of the Treasury designates Ivan Aleksandrovich "
            "Maslov, a Wagner Group senior official who leads the group's forces in Mali. "
            "Source: U.S. Department of the Treasury")
    actors, _, _ = find_actors(nlp(text), tables, Settings(), **MALI)
    assert [(a.name, a.role, a.attribution) for a in actors] == [
        ("U.S. Department of the Treasury", "perpetrator", "stated"),
        ("Wagner Group", "other", None),
    ]


@needs_model
def test_an_entry_without_actors(nlp, tables):
    text = "Islamists destroy UNESCO world heritage sites, including Sufi shrines, in Timbuktu, Mali."
    actors, description, _ = find_actors(nlp(text), tables, Settings(), **MALI)
    assert [(a.name, a.role) for a in actors] == [("UNESCO", "other")]
    assert description == "islamists"


@needs_model
def test_empty_text(nlp, tables):
    assert find_actors(nlp(""), tables, Settings(), **MALI) == ([], None, None)


# --- the same rules without a parser ----------------------------------------------------------------

@pytest.fixture(scope="module")
def blank_nlp(tables):
    nlp, info = build_nlp(Settings(model="not_an_installed_package"), tables)
    assert not info.statistical
    return nlp


# Entries whose every actor the token-order rules find: "Wagner and Malian forces open fire",
# "Suspected JNIM militants", "JNIM claims responsibility", "ambush a U.N. convoy", "it is
# suspected that ... (JNIM) was behind", "in conjunction with AQIM".
WITHOUT_MODEL = [ENTRIES[k] for k in (1, 3, 10, 17, 18, 31)]


@pytest.mark.parametrize("text, perpetrators, targets, description", WITHOUT_MODEL)
def test_find_actors_without_the_model(blank_nlp, tables, text, perpetrators, targets, description):
    actors, found_description, _ = find_actors(blank_nlp(text), tables, Settings(), **MALI)
    assert _roles(actors) == (perpetrators, targets)
    assert found_description == description


# --- any text ---------------------------------------------------------------------------------------

_WORDS = ("JNIM", "militants", "ambush", "claims", "responsibility", "suspected", "U.N.",
          "peacekeepers", "Malian", "soldiers", "the", "in", "Gao", ",", ".", "by", "linked",
          "to", "al-Qaeda", "Sources:", "Reuters", "French", "and", "forces", "kill", "an", "IED")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), max_size=30))
def test_any_sequence_of_report_words(blank_nlp, tables, words):
    text = " ".join(words)
    actors, description, evidence = find_actors(blank_nlp(text), tables, Settings(), **MALI)
    tail = text.rfind("Sources:")
    for actor in actors:
        assert text[actor.evidence.start:actor.evidence.end] == actor.text
        assert tail < 0 or actor.evidence.end <= tail
        assert (actor.attribution is not None) == (actor.role == "perpetrator")
    assert (description is None) == (evidence is None)


# Prose sentences (the narrative events): the subject of the main verb acts, whatever the verb.
MAIN_SUBJECTS = [
    ("On April 4, 2025, Mali, Burkina Faso, and Niger announced the formation of their joint "
     "anti-jihadist force.", ["Mali", "Burkina Faso", "Niger"]),
    ("In March 2017, AQIM, AAD, and al-Mourabitoun merged to form Jama'at Nusrat al-Islam "
     "wal-Muslimin (JNIM).", ["AQIM", "Ansar Dine", "Al-Mourabitoun"]),
    ("On February 2, 2020, France stated that it would boost its military presence in the Sahel "
     "by adding 600 troops to its counterterrorism effort, Operation Barkhane, in Mali and the "
     "four other countries in the region.", ["France"]),
    ('AMB merged with MUJAO to form Al-Mourabitoun ("The Sentinels") in August 2013.',
     ["Al-Mulathamun Battalion"]),
    # Victims before a verb are not its actors.
    ("May 11, 2020: A convoy of United Nations soldiers from Chad strikes a roadside bomb in "
     "Aguelhok, northern Mali. Three soldiers are killed in the attack. Source: Al Jazeera", []),
    ("May 15, 2017: Four U.N. peacekeepers and three Malian soldiers are hurt when a U.N. camp "
     "near Timbuktu is hit by mortar fire. Source: Sahelien", []),
]


@needs_model
@pytest.mark.parametrize("text, names", MAIN_SUBJECTS)
def test_the_subject_of_the_main_verb_acts(parse, tables, text, names):
    actors, _, _ = find_actors(parse(text), tables, Settings(), **MALI)
    assert [a.name for a in actors if a.role == "perpetrator"] == names
