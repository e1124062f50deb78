"""Actors in news and list phrasing of any country: the rules written for reports other than the
Mali one (tests/gold/GUIDELINES.md, "Actors in other reports" and "Settled after the first
labelling of the corpus"). Every sentence here is written for the test; none is copied from a
report.

Each case gives the event country (ISO 3166-1 alpha-2), as records.py passes it, and the
perpetrators (name: attribution) and targets expected; ``None`` for perpetrators means "not
checked".
"""

from __future__ import annotations

import pytest

from pipeline.fields.actors import find_actors
from pipeline.settings import Settings

from ..conftest import needs_model


@pytest.fixture(scope="module")
def parse(nlp):
    cache = {}

    def run(text):
        if text not in cache:
            cache[text] = nlp(text)
        return cache[text]

    return run


def _actors(parse, tables, text, country):
    """find_actors as records.py calls it: the event country's army and U.N. mission."""
    actors, description, _ = find_actors(
        parse(text), tables, Settings(),
        home_force=tables.force_of(country, "state force"),
        un_mission=tables.force_of(country, "international force"),
        country=country,
    )
    perpetrators = {a.name: a.attribution for a in actors if a.role == "perpetrator"}
    targets = {a.name for a in actors if a.role == "target"}
    return perpetrators, targets, description


def _check(parse, tables, text, country, perpetrators, targets):
    got_p, got_t, _ = _actors(parse, tables, text, country)
    if perpetrators is not None:
        assert got_p == perpetrators
    assert got_t == targets


# --- state forces named by plain words -------------------------------------------------------

POLICE = [
    # Plain police words are the event country's police, as targets ...
    ("May 4, 2019: Three police officers were shot dead at a checkpoint outside Kano.", "NG",
     {}, {"Nigerian Police"}),
    ("March 2: Gunmen storm a police station in Herat, killing a policeman.", "AF",
     {}, {"Afghan Police"}),
    # ... and as perpetrators when they act in the entry's first sentence.
    ("June 10: Policemen shot dead three suspected kidnappers near Enugu.", "NG",
     {"Nigerian Police": "stated"}, set()),
    ("April 2: A police raid on a flat in Lyon ends with the death of a wanted man.", "FR",
     {"French Police": "stated"}, set()),
    # A later sentence where police answer the attackers tells the response, not the act.
    ("June 2: Two gunmen open fire in a market in Marseille, killing four. They were shot dead "
     "by police forces an hour later.", "FR", {}, set()),
    ("October 3: Three armed men attack a bank in Izmir. One of them is killed by the police.",
     "TR", {}, set()),
    # Not "military police", and not the gloss of another force word.
    ("July 9: Gunmen attack a gendarmerie, a police unit under the army, in Dori.", "BF",
     {}, {"Burkina Faso Armed Forces"}),
    # The United States' police is "United States Police", not a city's department.
    ("Dallas, May 3: Two police officers were killed by a sniper.", "US",
     {}, {"United States Police"}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", POLICE)
def test_police_words_are_the_countrys_police(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


FORCES = [
    # A country whose army the table holds as a "foreign force" (France) still has one at home.
    ("Feb 9: A man with a knife attacks four soldiers patrolling a square in Lille.", "FR",
     {}, {"French Armed Forces"}),
    # A nationality before the means of a force names the force.
    ("August 2: A Jordanian airstrike killed six smugglers near the border.", "JO",
     {"Jordanian Armed Forces": "stated"}, set()),
    # ... but not when another's claim says so.
    ("May 5: A blast kills three fighters near Rafah. A militant group claimed Israeli drones "
     "carried out the strike.", "EG", None, set()),
    # A rank after a nationality names an officer of that force.
    ("March 8: Peruvian General Luis Ortega was kidnapped by rebels near Cusco.", "PE",
     {}, {"Peruvian Armed Forces"}),
    # A nationality, then "security", then a military noun.
    ("March 3: A car bomb targets a U.S. security convoy near Bagram.", "AF",
     {}, {"United States Armed Forces"}),
    # Troops "from" a country are its army.
    ("Today an AU base north of Kismayo, manned by troops from Burundi, was the target of a "
     "truck bomb.", "SO", None, {"AMISOM", "Burundian Armed Forces"}),
    # A people's or a faith's adjective is no state: the soldiers are the event country's.
    ("On May 3, 1986, the LTTE killed nine Tamil soldiers near Jaffna.", "LK",
     {"LTTE": "stated"}, {"Sri Lankan Armed Forces"}),
    # Security officials and personnel are the state's forces.
    ("June 2011 Attack on Mukalla security complex. Eight security officers said killed.", "YE",
     {}, {"Yemeni Armed Forces"}),
    # An army camp near where a group acted is no actor of the act.
    ("June 2015 Police cadets were abducted by the ISIL group near the Camp Taji army camp.",
     "IQ", {"ISIS": "stated"}, {"Iraqi Police"}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", FORCES)
def test_forces_named_by_nationality_and_plain_words(parse, tables, text, country, perpetrators,
                                                     targets):
    _check(parse, tables, text, country, perpetrators, targets)


# --- headlines and lists -----------------------------------------------------------------------

HEADLINES = [
    # A participle without its auxiliary is a headline's passive: the soldiers are hit.
    ("Nov 2010 Two soldiers, a driver killed in roadside blast near Kandahar.", "AF",
     {}, {"Afghan Armed Forces"}),
    ("2016 - Pathankot Attack Casualties: 7 CRPF personnel killed, 20 injured.", "IN",
     {}, {"Central Reserve Police Force"}),
    ("9th May 2011 security forces killed in 3 separate attacks in Abyan.", "YE",
     {}, {"Yemeni Armed Forces"}),
    # ... not an active verb with its object.
    ("May 6: Soldiers killed three bandits in a raid near Zamfara.", "NG",
     {"Nigerian Armed Forces": "stated"}, set()),
    # A group standing alone in a table row is its perpetrator column.
    ("3-Jan Bama, Borno Boko Haram 12 A raid on a market left 12 traders dead. 1 12", "NG",
     {"Boko Haram": "stated"}, set()),
    ("5-Jan Yola, Adamawa Suspected Boko Haram 8 15 the bomb went off at a market", "NG",
     {"Boko Haram": "suspected"}, set()),
    # The group of an attacker, when no act names a perpetrator.
    ("May 2011 AQAP bomber dies in failed bid to kill a provincial governor.", "YE",
     {"AQAP": "stated"}, set()),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", HEADLINES)
def test_headlines_and_table_rows(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


# --- the tense of news -------------------------------------------------------------------------

TENSE = [
    # An entry told in the past: its later past-tense sentences tell the event too.
    ("March 2013: Two car bombs exploded near a ministry in Aleppo. Jabhat al-Nusra claimed "
     "responsibility.[2]", "SY", {"Jabhat al-Nusra": "claimed"}, set()),
    ("12 July 2011 soldiers killed in an ambush in Marib. Al-Qaeda gunmen hit two army posts in "
     "the province.", "YE", {"al-Qaeda": "stated"}, {"Yemeni Armed Forces"}),
    # A later sentence opening with its own date tells an event.
    ("Yemen suicide attack The war has worn on for years. On March 9, ISIS militants blew "
     "themselves up at a mosque in Aden.", "YE", {"ISIS": "stated"}, set()),
    # An entry told in the present keeps past sentences as background.
    ("May 3, 2016: Gunmen ambush an army patrol near Menaka. JNIM fighters attacked the same "
     "road in 2014.", "ML", {}, {"Malian Armed Forces"}),
    # A habit or a series is background: "regularly targeted", "many of which".
    ("Maroua: The border area, where a suicide attack killed 9 on Sunday, has been regularly "
     "targeted by fighters from Boko Haram.", "CM", {}, set()),
    ("LYON: Eleven people died when a car hit a crowd, the latest of several attacks, many of "
     "which have been claimed by the Islamic State group.", "FR", {}, set()),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", TENSE)
def test_the_tense_of_the_entry(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


# --- attacks named by nouns -------------------------------------------------------------------

AUTHORS = [
    ("Kano - March 2014 A deadly raid by Boko Haram left dozens dead in the market.", "NG",
     {"Boko Haram": "stated"}, set()),
    ("May 2: Six soldiers were killed in the aftermath of an ELN ambush in Arauca.", "CO",
     {"ELN": "stated"}, {"Colombian Armed Forces"}),
    # "by" hung on the last noun before it still names the author.
    ("March 5, 2003 - Six people died in an attack on the British Council, Karachi by "
     "Lashkar-e-Taiba militants.", "PK", {"Lashkar-e-Taiba": "stated"}, set()),
    # An attack repelled was made, on who repelled it.
    ("Army troops 4 May repelled a Boko Haram raid near Gwoza, killing 12 assailants.", "NG",
     {"Boko Haram": "stated"}, {"Nigerian Armed Forces"}),
    # Not an earlier act, not the object of a protest, not the setting of another actor's act.
    ("Kabul - 2019 A blast killed 20, in revenge for US-led operations.", "AF", {}, set()),
    ("Chicago, May 3: Three police officers were hurt as a gunman opened fire at a rally against "
     "police shootings.", "US", {}, {"United States Police"}),
    ("The Counter Extremism Project (CEP) today published new material on Nigeria following "
     "recent Boko Haram and ISWAP raids.", "NG", {"Counter Extremism Project": "stated"}, set()),
    # A body before an attack noun is where it struck.
    ("Sept. 2, 2012 U.S. Embassy attack Armed men attack the U.S. Embassy in Tunis.", "TN",
     {}, {"U.S. government"}),
    # "The bombing of X": X is hit.
    ("Oct. 3, 2001 The bombing of the frigate USS Marlin in Aden kills nine sailors.", "YE",
     {}, {"United States Armed Forces"}),
    # Subject of "led / staged a series of attacks".
    ("9 May 2018 Al-Shabaab fighters have staged a series of raids in Kenya's Mandera County.",
     "KE", {"al-Shabaab": "stated"}, set()),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", AUTHORS)
def test_the_author_of_an_act_noun(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


# --- attribution -------------------------------------------------------------------------------

ATTRIBUTION = [
    ("May 2, 2015: Nine students are kidnapped during a raid blamed on Boko Haram near Mubi.",
     "NG", {"Boko Haram": "suspected"}, set()),
    ("Oct. 2, 2010 Two gunmen attack a hotel in Aden. Officials say the raid bears \"the "
     "hallmarks\" of al-Qaeda.", "YE", {"al-Qaeda": "suspected"}, set()),
    ("March 2, 2017: Nine people were killed in a blast at a bus stop. The bombing was widely "
     "believed to be perpetrated by al-Shabaab.", "SO", {"al-Shabaab": "suspected"}, set()),
    ("9 March 2016: Forty people killed near Kirkuk in a truck bombing claimed by IS", "IQ",
     {"ISIS": "claimed"}, set()),
    ("May 3, 2016: Ten people die when a bomb claimed by Islamic State explodes at a wedding.",
     "AF", {"ISIS": "claimed"}, set()),
    ("Beirut 1984 A truck bomb killed 24 at an embassy annex. The Islamic Jihad group took "
     "responsibility for the bombing.", "LB", {"Islamic Jihad Organization": "claimed"}, set()),
    ("On 3 May 2019 JNIM released a statement claiming the attack against the police post of "
     "Ayorou.", "NE", {"JNIM": "claimed"}, {"Nigerien Police"}),
    ("June 3: A bomb hits a NATO patrol near Kabul. A Taliban spokesman says the blast was "
     "aimed at the visiting minister.", "AF", {"Taliban": "stated"}, {"NATO"}),
    ("January 9th- A gunman found to be a member of the terrorist group Daesh killed five "
     "people in Izmir.", "TR", {"ISIS": "stated"}, set()),
    ("December 2: Suspected IPOB members shot dead two police officers in Aba.", "NG",
     {"IPOB": "suspected"}, {"Nigerian Police"}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", ATTRIBUTION)
def test_attributions_in_news_phrasing(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


NOT_ACTORS = [
    # "an Islamic state", a line of capitals: no Islamic State.
    ("May 3: The rebels want an Islamic state in the north. THIS IS A WAR, a leader says.",
     "ML", {}, set()),
    # An alias that holds only in another country ("al-Jihad", Egypt's group).
    ("March 4, 1998 - Bombs kill 20 in Chennai; members of the All India Al-Jihad Committee "
     "were arrested.", "IN", {}, set()),
    # A group named as another's branch or parent is not the actor.
    ("Shabaab, al Qaeda's branch in East Africa, launched two attacks in Kenya today.", "KE",
     {"al-Shabaab": "stated"}, set()),
    # A statement about results is no claim of the act.
    ("May 3, 2019: JNIM fighters attack an army base in Boni. JNIM later releases a statement "
     "claiming the raid caused heavy losses.", "ML", {"JNIM": "stated"}, {"Malian Armed Forces"}),
    # "turned the situation into a war" is no act.
    ("14 killed in Yemen The fight between Houthi rebels and the government has turned the "
     "country into a battlefield. On May 9, AQAP militants blew up a checkpoint in Mukalla.",
     "YE", {"AQAP": "stated"}, set()),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", NOT_ACTORS)
def test_names_that_are_not_the_actor(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


# --- victims -----------------------------------------------------------------------------------

VICTIMS = [
    ("April 3, 2004: Twelve people, including five security force personnel, lost their lives "
     "in a blast in Anantnag.", "IN", {}, {"Indian Armed Forces"}),
    # The fallen of a group that fought are its losses, not a target.
    ("January 9: One soldier and two ELN members killed during heavy combat in Arauca.",
     "CO", {"ELN": "stated"}, {"Colombian Armed Forces"}),
    ("March 5: ELN guerrillas attacked a police post in Cauca. One ELN fighter was also killed "
     "in the fighting.", "CO", {"ELN": "stated"}, {"Colombian Police"}),
    # Both sides of a clash.
    ("July 3: Militants clashed with security forces for six hours near Garissa.", "KE",
     None, {"Kenyan Armed Forces"}),
    # A state force hit and then acting keeps both roles.
    ("April 2, 2022: An army convoy strikes a mine near Djibo. The army then launches an "
     "operation that kills 20 people.", "BF",
     {"Burkina Faso Armed Forces": "stated"}, {"Burkina Faso Armed Forces"}),
    # Officials of a government body are people; a company's workers attacked make it a target.
    ("March 2, 2020: One U.S. soldier and two civilian Pentagon employees were killed in the "
     "attack on the base.", "KE", {}, {"United States Armed Forces"}),
    ("On 4 May 2019, gunmen ambushed a bus carrying workers of the mining firm Semafo.", "BF",
     {}, {"Semafo"}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", VICTIMS)
def test_victims(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


# --- governments and their missions ------------------------------------------------------------

GOVERNMENTS = [
    ("October 2003 Bomb attack on the British embassy in Riyadh.", "SA",
     {}, {"British government"}),
    ("May 2009 Nine killed in a car bombing outside the US embassy.", "YE",
     {}, {"U.S. government"}),
    ("June 3: A roadside bomb kills two Italian embassy guards outside the city.", "AF",
     {}, {"Italian government"}),
    ("Malian government announced on 5 May 2019 a curfew in Mopti Region.", "ML",
     {"Malian government": "stated"}, set()),
    ("On 9 March the government declared a curfew in Tahoua Region.", "NE",
     {"Nigerien government": "stated"}, set()),
    # "government" qualifying another noun names no body.
    ("June 4: Two rebel attacks on government positions killed 11 soldiers.", "CO",
     {}, {"Colombian Armed Forces"}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", GOVERNMENTS)
def test_governments_and_missions(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


MORE = [
    # "the group" pointing back at the one armed group named before.
    ("Kano - 2012 After police arrested members of the sect Boko Haram, the group launched "
     "revenge attacks across the city.", "NG", {"Boko Haram": "stated"}, set()),
    # ... not when the name itself follows ("the group al-Qaeda in Yemen").
    ("May 2003 Al-Qaeda figure killed Ali Saleh, reputed head of the group al-Qaeda in Yemen, is "
     "killed by a drone strike.", "YE", {}, {"al-Qaeda"}),
    # A court under the name the guidelines give: "<adjective> court".
    ("May 2: A Kenyan court sentences three men to life for the 2015 university attack.", "KE",
     {"Kenyan court": "stated"}, set()),
    # "Security" words hit are the army, unless the entry says they were police.
    ("April 3 - The Taliban overran two security posts in Kunduz, killing six policemen.", "AF",
     {"Taliban": "stated"}, {"Afghan Police"}),
    ("June 2012 Attack on a security post in Shabwa. Five security officers said killed.", "YE",
     {}, {"Yemeni Armed Forces"}),
    # One member of a force attacking alone is no actor.
    ("May 4: A former Afghan army officer opens fire at a base, killing three NATO soldiers.",
     "AF", {}, {"NATO"}),
    # Victims "along with" others, and the toll of a relative clause.
    ("The target was a market, but 30 civilians were killed along with six soldiers.", "BF",
     {}, {"Burkina Faso Armed Forces"}),
    ("May 1, 2001 - JeM militants attack a fort in Srinagar that left three army personnel "
     "dead.", "IN", {"Jaish-e-Mohammed": "stated"}, {"Indian Armed Forces"}),
    # "X are believed to be behind the attack".
    ("Nine people died in Garissa. An official said fighters from the militant group al-Shabaab "
     "are believed to be behind the attack.", "KE", {"al-Shabaab": "suspected"}, set()),
    # The object of "launched an assault on".
    ("The jihadist group ISWAP launched a night assault on a Chadian army base.", "TD",
     {"ISWAP": "stated"}, {"Chadian Armed Forces"}),
    # "engaged", "intercepted".
    ("Then, on 3 May, insurgents engaged an army convoy near Macomia.", "MZ",
     {}, {"Mozambican Armed Forces"}),
    ("Also on 4 May, in Pemba, security forces intercepted 30 people on a boat.", "MZ",
     {"Mozambican Armed Forces": "stated"}, set()),
    # The response to the attackers, told after the act.
    ("On May 2, gunmen killed 12 villagers near Gorom. Government troops killed 8 of the "
     "attackers.", "BF", {}, set()),
    # A rank is no act: "al-Shabaab has overtaken Boko Haram as the deadliest group".
    ("May 2017 Somalia-based al-Shabaab has overtaken ISWAP as the deadliest group in Africa, "
     "according to new figures.", "SO", {}, set()),
    # Govt, the abbreviation.
    ("Govt forces 9 Feb killed 20 ISWAP fighters near Monguno.", "NG",
     {"Nigerian Armed Forces": "stated"}, {"ISWAP"}),
    # A force's commander speaking in the entry's first sentence: the force's statement.
    ("On May 2, 2021, the Takuba Task Force commander, Colonel Jan Berg, told reporters that "
     "the mission would stay.", "ML", {"Takuba": "stated"}, set()),
    # The subject of a second main verb when no act names a perpetrator.
    ("The vote was postponed and in May 2012, the MNLA declared the north independent.", "ML",
     {"MNLA": "stated"}, set()),
    # An allegiance names no perpetrator; a means before an act noun is its author's.
    ("May 3: Gunmen loyal to the Islamic State ambushed a patrol near Ramadi.", "IQ", {}, set()),
    ("June 9: US drone strike kills al-Shabaab commander near Jilib.", "SO",
     {"United States Armed Forces": "stated"}, {"al-Shabaab"}),
    # A group's or a force's word that it did the act.
    ("May 3: A car bomb killed 12 in Kabul. ISIS said it carried out the bombing.", "AF",
     {"ISIS": "claimed"}, set()),
    ("May 3: A bomb killed 9 in Quetta. The Pakistani Taliban, who claimed responsibility, said "
     "the police were the target.", "PK", {"TTP": "claimed"}, {"Pakistani Police"}),
    ("May 3: The army said it killed 30 Boko Haram fighters in an operation in Borno.", "NG",
     {"Nigerian Armed Forces": "stated"}, {"Boko Haram"}),
    # An authority's word that a group did it is an allegation.
    ("May 3: The attack was carried out by the Haqqani network, officials said.", "AF",
     {"Haqqani Network": "suspected"}, set()),
    # "blamed the attack on X" read as "the attack on X" by the parser.
    ("May 3: Police blamed the attack on the PKK.", "TR", {"PKK": "suspected"}, set()),
    ("May 3: Two Turkish soldiers were killed in a PKK attack in Hakkari.", "TR",
     {"PKK": "stated"}, {"Turkish Armed Forces"}),
    # A company attacked through its offices.
    ("Jan 9: Two gunmen storm the Paris offices of the weekly Charlie Hebdo, killing 11.", "FR",
     {}, {"Charlie Hebdo"}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators, targets", MORE)
def test_more_news_phrasing(parse, tables, text, country, perpetrators, targets):
    _check(parse, tables, text, country, perpetrators, targets)


@needs_model
def test_home_police_can_be_given(parse, tables):
    """records.py may pass the event country's police; else it comes from ``country``."""
    doc = parse("May 2: Gunmen shot dead two policemen in Kano.")
    actors, _, _ = find_actors(doc, tables, Settings(), home_force="Nigerian Armed Forces",
                               home_police="Nigerian Police")
    assert [(a.name, a.role) for a in actors] == [("Nigerian Police", "target")]
    actors, _, _ = find_actors(doc, tables, Settings(), home_force="Nigerian Armed Forces")
    assert actors == []  # neither the police nor the country given: no police actor


def test_added_rows(tables):
    """The rows added for other reports resolve as the guidelines name them."""
    from pipeline.fields.actors import resolve_actor

    for alias, name, country in [
        ("United States government", "U.S. government", None),
        ("US police", "United States Police", None),
        ("USS", "United States Armed Forces", None),
        ("Islamic State of the Greater Sahara", "IS Sahel", None),
        ("Islamic Jihad group", "Islamic Jihad Organization", "LB"),
        ("Islamic Jihad group", "Islamic Jihad Union", None),
        ("African Union base", "AMISOM", "SO"),
    ]:
        row, how = resolve_actor(alias, tables.actors, country=country)
        assert (row.name, how) == (name, "table")


# --- an attacker's allegiance in an aside ------------------------------------------------------

ALLEGIANCE = [
    ("June 3, 2016: A suicide bomber, a local man who joined ISIS in Syria, blows himself up at a "
     "bus stop in Gaziantep, killing four.", "TR", {"ISIS": "stated"}),
    ("Gunmen, apparently acting in the name of the so-called Islamic State, stormed a clinic in "
     "Kunar on Monday, killing three nurses.", "AF", {"ISIS": "suspected"}),
    # The allegiance of someone who is not the attacker makes no perpetrator.
    ("May 9, 2018: A cleric who joined ISIS years ago was arrested by police in Kabul.", "AF",
     {"Afghan Police": "stated"}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators", ALLEGIANCE)
def test_the_attackers_allegiance_names_the_perpetrator(parse, tables, text, country, perpetrators):
    got, _, _ = _actors(parse, tables, text, country)
    assert got == perpetrators


# --- "authorities": the government under the name the text gives ----------------------------

AUTHORITIES = [
    ("January 3, 2023: Authorities announced the arrest of an ISWAP commander in Kogi state.", "NG",
     {"Nigerian authorities": "stated"}),
    ("January 3, 2023: Nigerian authorities arrested two ISWAP commanders in Kano.", "NG",
     {"Nigerian authorities": "stated"}),
    # The table's row holds the name where it has one.
    ("Malian authorities arrested two men in Bamako on May 2, 2019.", "ML",
     {"Malian government": "stated"}),
    # Authorities who only report an attack are its source, not an actor.
    ("Gunmen killed five people in Kano on Monday, authorities said.", "NG", {}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators", AUTHORITIES)
def test_authorities_are_the_government_of_the_country_named(parse, tables, text, country,
                                                             perpetrators):
    got, _, _ = _actors(parse, tables, text, country)
    assert got == perpetrators


BODIES = [
    ("May 7, 2025: India's Ministry of External Affairs (MEA) revealed the targets of the strikes "
     "at a press briefing.", "IN", {"Indian Ministry of External Affairs": "stated"}),
    ("January 9, 2023: The electoral commission warned that insecurity could derail the vote.",
     "NG", {"Independent National Electoral Commission": "stated"}),
    # "Electoral commission" is Nigeria's only where the table says so.
    ("January 9, 2023: The electoral commission warned that insecurity could derail the vote.",
     "KE", {}),
]


@needs_model
@pytest.mark.parametrize("text, country, perpetrators", BODIES)
def test_bodies_of_the_table_act_in_their_statements(parse, tables, text, country, perpetrators):
    got, _, _ = _actors(parse, tables, text, country)
    assert got == perpetrators


# --- "the group" of an entry that names none ---------------------------------------------------


@needs_model
def test_the_group_is_the_documents_group_when_the_entry_names_none(parse, tables):
    text = "A few days later, fighters from the terror group attacked a military base in Lamu."
    doc = parse(text)
    actors, _, _ = find_actors(doc, tables, Settings(), country="KE", document_group="al-Shabaab")
    assert {a.name: a.role for a in actors if a.role == "perpetrator"} == {"al-Shabaab": "perpetrator"}
    # Without a document group, "the group" names no one.
    actors, _, _ = find_actors(doc, tables, Settings(), country="KE")
    assert not [a for a in actors if a.role == "perpetrator"]
    # An entry naming its own group keeps it.
    doc = parse("ISWAP fighters attacked a base in Borno; the group later claimed the raid.")
    actors, _, _ = find_actors(doc, tables, Settings(), country="NG", document_group="al-Shabaab")
    assert {a.name for a in actors if a.role == "perpetrator"} == {"ISWAP"}


@needs_model
def test_a_prose_event_takes_the_group_its_paragraph_named_before_it(extractor):
    text = ("News\n\nIn January 2020, Al-Shabaab warned Kenya it would never be safe. A few days "
            "later, fighters from the terror organization attacked a military base in Lamu, "
            "killing three.\n")
    records, _ = extractor.extract_text(text, "news")
    attack = next(r for r in records if "military base" in r.text)
    assert [(a.name, a.role) for a in attack.actors if a.role == "perpetrator"] == [
        ("al-Shabaab", "perpetrator")]
