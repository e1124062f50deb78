"""Tests of pipeline.fields.casualties on phrases of the Mali report (raw/mali.txt) and of the
other publishers' dev texts (raw/corpus, tests/gold/corpus/dev).

Every phrase below is cleaned entry text of its report, cut to the sentences that matter; the
header is kept where the year decides (background figures, court entries). Phrases of other
reports name their text in a comment.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.fields.casualties import find_casualties, parse_number, total_counts
from pipeline.schema import Casualty, Evidence
from pipeline.scoring import read_gold
from pipeline.layouts.detect import segment_text as segment

GOLD = Path(__file__).resolve().parent.parent / "gold" / "mali.jsonl"

# --- parse_number ------------------------------------------------------------------------------

NUMBER_WORDS = [
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("Fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("Nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50),
]


@pytest.mark.parametrize(("word", "value"), NUMBER_WORDS)
def test_number_words(word, value):
    assert parse_number(word) == (value, value, "exact")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("13", (13, 13, "exact")),
        ("1,100", (1100, 1100, "exact")),  # "Germany has around 1,100 soldiers in Mali"
        ("at least 18", (18, None, "at least")),
        ("At least 29", (29, None, "at least")),
        ("more than 50", (50, None, "more than")),
        ("More than 100", (100, None, "more than")),
        ("over 31", (31, None, "over")),
        ("up to 100", (None, 100, "up to")),
        ("as many as 170", (None, 170, "up to")),
        ("around 27", (27, 27, "about")),
        ("approximately 500", (500, 500, "about")),
        ("an estimated 300", (300, 300, "about")),
        ("nearly six", (None, 6, "nearly")),
        ("between 200 and 300", (200, 300, "between")),
        ("a dozen", (12, 12, "exact")),
        ("around a dozen", (12, 12, "about")),
        ("about three dozen", (36, 36, "about")),  # strategypage: "killing about three dozen"
        ("almost 200", (None, 200, "nearly")),  # factsnigeriaviolence: "almost 200 were kidnapped"
        ("dozens", (12, None, "dozens")),
        ('"dozens"', (12, None, "dozens")),
        ("several", (None, None, "several")),
        ("numerous", (None, None, "several")),
        ("many", (None, None, "several")),
        ("a", (1, 1, "exact")),
        ("an", (1, 1, "exact")),
        ("One", (1, 1, "exact")),
        ("A fourth", (1, 1, "exact")),
        ("another 42", (42, 42, "exact")),
        ("All five", (5, 5, "exact")),
        ("the two", (2, 2, "exact")),
    ],
)
def test_parse_number(phrase, expected):
    assert parse_number(phrase) == expected


@pytest.mark.parametrize("phrase", ["France 24", "G5", "711 days", "$15 million", "the", "", "x"])
def test_parse_number_refuses_what_is_no_number(phrase):
    assert parse_number(phrase) is None


# --- figures -----------------------------------------------------------------------------------


def figures(text: str) -> list[tuple]:
    """(kind, min, max, qualifier) of every figure, "part" appended to parts of a total."""
    return [
        (c.kind, c.min, c.max, c.qualifier) + (("part",) if c.part_of_total else ())
        for c in find_casualties(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Armed assailants ambush several vehicles in Gao, killing more than 50 and wounding "
            "13.",
            [("killed", 50, None, "more than"), ("injured", 13, 13, "exact")],
        ),
        (
            "At least 29 soldiers are killed and at least five others are wounded.",
            [("killed", 29, None, "at least"), ("injured", 5, None, "at least")],
        ),
        (
            "Three soldiers are killed in the attack and four more are wounded.",
            [("killed", 3, 3, "exact"), ("injured", 4, 4, "exact")],
        ),
        (
            "The attack kills two and injures one other soldier.",
            [("killed", 2, 2, "exact"), ("injured", 1, 1, "exact")],
        ),
        (
            "The attack kills a police officer and a soldier.",
            [("killed", 1, 1, "exact"), ("killed", 1, 1, "exact")],
        ),
        (
            "The vehicle carried a U.N. peacekeeper and four others. All five sustain injuries.",
            [("injured", 5, 5, "exact")],
        ),
        (
            "The assailants, who detonated an IED and used heavy weapons, kill four soldiers and "
            "injure around a dozen others.",
            [("killed", 4, 4, "exact"), ("injured", 12, 12, "about")],
        ),
        (
            "Assaultants shoot and slit the throats of soldiers and civilians in Aguelhok, a town "
            "located in eastern Mali. The attack, which claims the lives of up to 100 people, is "
            "believed to have been carried out by AQIM and MNLA.",
            [("killed", None, 100, "up to")],
        ),
        (
            "Two gunmen storm the Radisson Blu Hotel in Mali's capital, Bamako, killing 20 people "
            "and taking as many as 170 hostages.",
            [("killed", 20, 20, "exact"), ("kidnapped", None, 170, "up to")],
        ),
        (
            "The militants take over 100 hostages, most of whom are foreign expatriates.",
            [("kidnapped", 100, None, "over")],
        ),
        (
            "Suspected jihadists ambush several buses in central Mali, kidnapping 40 people "
            "between Koro and Bankass.",
            [("kidnapped", 40, 40, "exact")],
        ),
        (
            "AAD insurgents attack Malian soldiers in Aguelhok, killing 82 and kidnapping 30 "
            "others.",
            [("killed", 82, 82, "exact"), ("kidnapped", 30, 30, "exact")],
        ),
        (
            "Clashes between ISIS and local al-Qaeda affiliates in and around Gao and Menaka kill "
            "at least 100 people, including dozens of civilians. Hundreds of civilians are "
            "reportedly displaced due to the fighting. On December 4, between 200 and 300 "
            "civilians are reportedly massacred during the fighting.",
            [
                ("killed", 100, None, "at least"),
                ("killed", 12, None, "dozens", "part"),
                ("killed", 200, 300, "between"),
            ],
        ),
        (
            "IS Sahel militants ambush the villages of Gaena and Boya in Gao region, northern "
            "Mali. The ambushes kill at least 17—14 in Boya and three in Gaena—and injure several "
            "others.",
            [
                ("killed", 17, None, "at least"),
                ("killed", 14, 14, "exact", "part"),
                ("killed", 3, 3, "exact", "part"),
                ("injured", None, None, "several"),
            ],
        ),
        (
            "The explosion injures 15 U.N. peacekeepers, 12 of whom were German. Germany has "
            "around 1,100 soldiers in Mali, mostly based in Gao.",
            [("injured", 15, 15, "exact"), ("injured", 12, 12, "exact", "part")],
        ),
        (
            "A series of attacks on Tuareg camps in the Ménaka region of eastern Mali claims the "
            "lives of at least 42 people, including children as young as eight.",
            [("killed", 42, None, "at least")],
        ),
        (
            "Allied French and Malian forces kills 20 ISIS militants in an operation in Akabar, "
            "northern Mali. Despite the deployment of 4,500 French troops meant to contain the "
            "violence in the Sahel, it has steadily worsened.",
            [("killed", 20, 20, "exact")],
        ),
        (
            "The Middle East Media Research Institute (MEMRI) publishes leaked documents revealing "
            "that in 2011 the emir of Qatar instructed that $15 million be allocated to burgeoning "
            "Islamist movements across northern Mali and the Sahel.",
            [],
        ),
        (
            "approximately 40 percent or 8.8 million people in Mali are in need of humanitarian "
            "assistance",
            [],
        ),
        (
            "After 711 days in captivity, JNIM releases French journalist Olivier Dubois and U.S. "
            "aid worker Jeffery Woodke.",
            [("released", 1, 1, "exact"), ("released", 1, 1, "exact")],
        ),
        (
            "JNIM militants ambush a dozen military vehicles in Bouka Were. The ambush kills more "
            "than 24 soldiers.",
            [("killed", 24, None, "more than")],
        ),
        (
            "More than 100 suspected jihadists ambush an army position in Kwala, north of Bamako. "
            "The attack reportedly kills several soldiers.",
            [("killed", None, None, "several")],
        ),
        (
            "The military subsequently detains approximately 500 people and launches an operation "
            "that kills at least 50 civilians, according to a U.N. report.",
            [("arrested", 500, 500, "about"), ("killed", 50, None, "at least")],
        ),
        (
            "The mercenaries reportedly carry out large numbers of extrajudicial killings, leading "
            "to the death of more than 500 civilians.",
            [("killed", 500, None, "more than")],
        ),
        (
            "The insurgents kill at least 25 Malian soldiers. At least 60 soldiers are missing.",
            [("killed", 25, None, "at least"), ("missing", 60, None, "at least")],
        ),
        (
            "AQIM militants in Mali kidnap an Italian citizen, his wife, and a French NGO worker.",
            [("kidnapped", 1, 1, "exact")] * 3,
        ),
        (
            "Unidentified assailants kidnap Dr. Mahamadou Diawara of the World Health Organization "
            "from his car in the eastern town of Ménaka.",
            [("kidnapped", 1, 1, "exact")],
        ),
        (
            "An unreported number of village chiefs, election officials, and one electoral "
            "observer are kidnapped.",
            [("kidnapped", 1, 1, "exact")],
        ),
        (
            "The attack injures around 27 peacekeepers and kills one other.",
            [("injured", 27, 27, "about"), ("killed", 1, 1, "exact")],
        ),
        (
            "The attack leaves one U.N. peacekeeper dead and eight wounded.",
            [("killed", 1, 1, "exact"), ("injured", 8, 8, "exact")],
        ),
        (
            "Six people are killed and others are wounded.",
            [("killed", 6, 6, "exact")],
        ),
        (
            "The explosion kills 10 and injures dozens of others.",
            [("killed", 10, 10, "exact"), ("injured", 12, None, "dozens")],
        ),
        # Captures by the attackers count with the kidnapped; by state forces they are arrests.
        (
            "The assailants also capture seven fighters.",
            [("captured", 7, 7, "exact")],
        ),
        (
            "On June 11, 2022, French soldiers deployed under Operation Barkhane captured Oumeya "
            "Ould Albakaye, a regional leader and explosives expert of the Islamic State in the "
            "Sahel (IS Sahel).",
            [("arrested", 1, 1, "exact")],
        ),
    ],
)
def test_find_casualties(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "index", "group", "perpetrators"),
    [
        ("The ambush kills five gendarmes and injures four others.", 0, "police", False),
        ("The assailants kill 10 local militiamen affiliated with the Malian government.", 0,
         "soldiers", False),
        ("The attack kills over 31 villagers and nine soldiers.", 0, "civilians", False),
        ("The explosion wounds seven U.N. peacekeepers.", 0, "peacekeepers", False),
        ("Tuareg separatists claim to kill at least 84 Wagner fighters.", 0, "soldiers", False),
        ("The suspected jihadists kill a custom officer in Sebekoro town.", 0, "police", False),
        # The forces answer the militants' attack: the militants they kill are attackers.
        ("Unidentified militants attack a security mission on the Kwala-Mourdiah road on the "
         "Gomitra-Kwala axis, killing five soldiers and wounding three. Malian air forces kill 15 "
         "militants.", -1, "militants", True),
        ("Militants attack security forces in the towns of Mopti and Segou with IEDs. Subsequent "
         "clashes between the militants and security forces leave 14 soldiers dead and 11 "
         "wounded. The Malian army claims it neutralized 31 of the attackers.", -1, "militants",
         True),
        ("One attacker is killed while trying to penetrate the perimeter.", 0, "militants", True),
        ("Three Malians are killed and 30 others are wounded.", 0, "unspecified", False),
        # An act of the forces: those they kill are its victims (GUIDELINES, "French troops
        # kill 20 ISIS militants"). cfr_nigeria_security-tracker-weekly-updates_2020,
        # egypttoday_egypt_sinai-brothers-in-arms-chronology_2013.
        ("Nigerian troops killed two bandits in Kajuru, Kaduna.", 0, "militants", False),
        ("Police officers killed two robbers in Suleja, Niger state.", 0, "militants", False),
        ('Air strikes killed "several" (estimated at ten) Boko Haram militants in Marte, Borno.',
         0, "militants", False),
        ("An Egyptian airstrike killed four Egyptian militants about to fire a rocket into "
         "Israel.", 0, "militants", False),
        # A member of a group named by its acronym is its fighter
        # (wikipedia-detailedpedia_colombia_attacks-attributed-to-farc_2012-2014).
        ("One soldier and one member of FARC killed during intense combat between state forces "
         "and guerrillas in Caquetá.", -1, "militants", True),
        ("One policeman killed as guerrilla fighters from the FARC's Southern Bloc attacked "
         "police station in Putumayo, southern Colombia. One FARC member was also killed in the "
         "fighting.", -1, "militants", True),
        # Service members are soldiers (usstate-ecoi_kenya_crt-chapter_2017).
        ("The KDF claimed nine Kenyan service members and 70 al-Shabaab terrorists died.", 0,
         "soldiers", False),
    ],
)
def test_victim_group(text, index, group, perpetrators):
    figure = find_casualties(text)[index]
    assert (figure.group, figure.perpetrators) == (group, perpetrators)


def test_others_take_the_group_of_the_figure_before():
    text = "The ambush kills five gendarmes and injures four others who were escorting the convoy."
    assert [c.group for c in find_casualties(text)] == ["police", "police"]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (
            "According to the CMA, the attack reportedly kills 97 Malian soldiers, however, the "
            "Malian army claims 10 soldiers are killed and 47 CMA terrorists were neutralized.",
            ["the CMA", "the Malian army", "the Malian army"],
        ),
        (
            "Tuareg separatists from the Strategic Framework for the Defense of the People of "
            "Azawad (CSP-DPA) claim to kill at least 84 Wagner fighters and 47 Malian soldiers.",
            ["CSP-DPA", "CSP-DPA"],
        ),
        (
            "The number of casualties is not confirmed, although JNIM later releases a statement "
            'claiming "dozens" of soldiers were killed.',
            ["JNIM"],
        ),
        (
            "According to a source at the United Nations, five soldiers are killed.",
            ["a source at the United Nations"],
        ),
        ("A mortar attack—claimed by Ansar al-Dine—kills five U.N. peacekeepers in Kidal.", [None]),
    ],
)
def test_claimed_by(text, claims):
    assert [c.claimed_by for c in find_casualties(text)] == claims


# --- totals ------------------------------------------------------------------------------------

KEYS = ("killed", "injured", "kidnapped", "perpetrators_killed", "disputed")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Sums of places and sub-events.
        (
            "Suspected Islamist militants attack three villages in central Mali. The attacks kill "
            "four in Gorey, four in Djamnati, and one in Simikanda.",
            (9, None, None, None, False),
        ),
        (
            "Al-Qaeda-linked militants reportedly launch coordinated attacks in Kalumba—near the "
            "Mauritanian border—and Sokolo, central Mali. The attacks kill 12 in Kalumba while six "
            "are killed and 25 others are wounded in Sokolo.",
            (18, 25, None, None, False),
        ),
        (
            "JNIM carries out a double suicide bombing in Sèvre, central Mali. The explosions kill "
            "13. The assailants reportedly targeted the camp as it was housing Russian combatants "
            "from the Wagner Group. That same day, JNIM militants ambush soldiers in the Koulikoro "
            "region, killing 10.",
            (23, None, None, None, False),
        ),
        (
            "Unidentified armed men ambush several villages in central Mali. The attack kills over "
            "31 villagers and nine soldiers.",
            (40, None, None, None, False),
        ),
        (
            "JNIM militants ambush an official Malian delegation near Nara. The ambush kills "
            "Assimi Goita's chief of staff killed along with at least three other people.",
            (4, None, None, None, False),
        ),
        (
            "On July 25, separatist rebels launch a three-day ambush on Wagner and government "
            "troops in Tinzaouaten, northern Mali. Tuareg separatists from the Strategic Framework "
            "for the Defense of the People of Azawad (CSP-DPA) claim to kill at least 84 Wagner "
            "fighters and 47 Malian soldiers. The assailants also capture seven fighters. Also on "
            "July 25, JNIM claims to have booby-trapped a Wagner convoy killing 50 Russian "
            "fighters and 10 Malians.",
            (191, None, 7, None, False),
        ),
        (
            "A convoy patrolling the town of Kidal in northern Mali comes under attack by "
            "small-arms fire and rocket-propelled grenades. One U.N. peacekeeper, who is a "
            "Jordanian national, is killed and three others are injured. The same day, "
            "unidentified armed men ambush a car in Kayes, western Mali. The Malian drivers and a "
            "staff member of the Netherlands Red Cross are killed.",
            (2, 3, None, None, False),
        ),
        (
            "Malian opposition leader Soumailia Cisse is kidnapped by suspected Katiba Macina "
            "militants while campaigning in the Niafounke district in Timbuktu. Five others were "
            "kidnapped with Cisse but were released on March 27.",
            (None, None, 6, None, False),
        ),
        # A later death adds once.
        (
            "The explosion kills three U.N. peacekeepers and injures three others. A fourth "
            "peacekeeper dies from his injuries the following day.",
            (4, 3, None, None, False),
        ),
        # Parts of a total are not added again.
        (
            "The ambushes kill at least 17—14 in Boya and three in Gaena—and injure several "
            "others.",
            (17, None, None, None, False),
        ),
        (
            "Unidentified gunmen attack the villages of Yoro and Gangafani 2. The attacks kill at "
            "least 41. The victims of the raids were mostly ethnic Dogons, where 24 people were "
            "killed. Another 17 died in Gangafani 2.",
            (41, None, None, None, False),
        ),
        (
            "JNIM attacks a defense post in Marka-coungo and a local toll station in the town of "
            "Kassela, both in the Koulikoro region, killing at least seven people. Two members of "
            "the civil defense force and three civilians are killed in the attack on defense post.",
            (7, None, None, None, False),
        ),
        (
            "The attack kills at least 54 people and injures another 10. French forces claim that "
            "included among the casualties was one of its soldiers who died after his vehicle hit "
            "an improvised explosive device.",
            (54, 10, None, None, False),
        ),
        (
            "A U.N. base in Kidal, northern Mali, is attacked with heavy mortar fire. Three U.N. "
            "peacekeepers from Guinea are killed and five others are wounded. Three Guinea "
            "soldiers are killed just outside the base.",
            (3, 5, None, None, False),
        ),
        (
            "November 2, 2013: AQIM claims responsibility for the murder of two French "
            "journalists, Ghislaine Dupont and Claude Verlon, in northern Mali. The prime suspect "
            "in the deaths of the two journalists is AQIM militant and well known drug trafficker, "
            "Bayes Ag Bakabo. Bakabo was killed in a French-led operation in Aguelhok, northern "
            "Mali, on June 5, 2021.",
            (2, None, None, None, False),
        ),
        (
            "The explosion injures 15 U.N. peacekeepers, 12 of whom were German.",
            (None, 15, None, None, False),
        ),
        # Attackers apart.
        (
            "During the siege, which lasts four days, 39 hostages, one Algerian security guard, "
            "and 29 militants are killed.",
            (40, None, None, 29, False),
        ),
        (
            "Subsequent clashes between the militants and security forces leave 14 soldiers dead "
            "and 11 wounded. The Malian army claims it neutralized 31 of the attackers.",
            (14, 11, None, 31, False),
        ),
        (
            "Gunmen attempt to attack the Bamako's Hotel Nord Sud, where the headquarters of the "
            "European Union training mission is based. One attacker is killed while trying to "
            "penetrate the perimeter as another is arrested.",
            (None, None, None, 1, False),
        ),
        (
            "Allied French and Malian forces kills 20 ISIS militants in an operation in Akabar, "
            "northern Mali.",
            (20, None, None, None, False),
        ),
        # Conflicting claims: the lowest, disputed.
        (
            "According to the CMA, the attack reportedly kills 97 Malian soldiers, however, the "
            "Malian army claims 10 soldiers are killed and 47 CMA terrorists were neutralized.",
            (10, None, None, 47, True),
        ),
        # Stated zeros and unreported figures.
        ("Militants target two airports in Gao, leaving no casualties.", (0, 0, None, None, False)),
        (
            "The suspected coordinated assaults do not result in any casualties.",
            (0, 0, None, None, False),
        ),
        ("The number of casualties is not reported.", (None, None, None, None, False)),
        ("Casualties are not reported.", (None, None, None, None, False)),
        (
            "No further details of casualties or injuries are reported.",
            (None, None, None, None, False),
        ),
        (
            "Casualty numbers for each attack were not reported, but 16 soldiers were killed and "
            "18 others were wounded in the two attacks.",
            (16, 18, None, None, False),
        ),
        # Vague figures give no count.
        (
            "The number of casualties is not confirmed, although JNIM later releases a statement "
            'claiming "dozens" of soldiers were killed.',
            (None, None, None, None, False),
        ),
        (
            "The attack kills 38 and leaves many others wounded.",
            (38, None, None, None, False),
        ),
        # Hostages held, released, or taken years before.
        (
            "The attackers immediately release women and children but hold 110 civilians. On April "
            "24, dozens of men are reportedly released due to local agreements between "
            "JNIM-affiliate Katibat Macina and the assailants.",
            (None, None, 110, None, False),
        ),
        (
            "March 16, 2023: After 711 days in captivity, JNIM releases French journalist Olivier "
            "Dubois and U.S. aid worker Jeffery Woodke. Dubois was kidnapped in northern Mali on "
            "April 8, 2021, whereas Woodke was abducted in southwest Niger in October 2016.",
            (None, None, None, None, False),
        ),
        (
            "March 14, 2020: A Canadian woman and an Italian man who were kidnapped in December "
            "2018 in Burkina Faso are released in Mali. It is unreported who kidnapped the two or "
            "who arranged for the release of the hostages.",
            (None, None, None, None, False),
        ),
        # One person, named or described.
        (
            "July 24, 2010: AQIM executes the French citizen NGO worker abducted in December 2009.",
            (1, None, None, None, False),
        ),
        (
            "AQIM insurgents execute British hostage Edwin Dyer, who they had held since January "
            "when they kidnapped him in Niger.",
            (1, None, None, None, False),
        ),
        (
            "November 13, 2020: French ground forces and helicopters launch an operation in the "
            "Menaka region of eastern Mali. The operation targets and neutralizes Bah ag Moussa, "
            "an AQIM military leader.",
            (1, None, None, None, False),
        ),
        # A named person counts even inside a vague figure (GUIDELINES).
        (
            "French troops carry out an operation involving air and ground assets in Timbuktu. "
            "French troops kill several militants including Yahia Abou Hamman, the number two in "
            "command of JNIM.",
            (1, None, None, None, False),
        ),
        # Background figures: another year, or the attack a court judges.
        (
            "April 29, 2024: Mali's armed forces launch an operation targeting and killing Abu "
            "Huzeifa, a senior commander of IS Sahel in Liptako region. The United States accused "
            "Abu Huzeifa's crimes of participation in the October 4, 2017, IS Sahel attack in "
            "Tongo Tongo Niger, which killed four U.S. soldiers and four Nigerien soldiers.",
            (1, None, None, None, False),
        ),
        (
            "January 16, 2020: A U.S. federal court charges a Malian man in absentia for his role "
            "in two 2016 terror attacks in Burkina Faso. The attacks killed 30 people, including "
            "Michael J. Riddering, an American missionary. Nineteen people were killed.",
            (None, None, None, None, False),
        ),
    ],
)
def test_total_counts(text, expected):
    totals = total_counts(find_casualties(text))
    assert tuple(totals[k] for k in KEYS) == expected


def _figure(kind: str, low, high, qualifier: str, method: str = "rule:verb_object", **kw):
    ev = Evidence(text="x", start=0, end=1, method=method)
    return Casualty(kind=kind, min=low, max=high, qualifier=qualifier, group="soldiers",
                    evidence=ev, **kw)


@pytest.mark.parametrize(
    ("figs", "killed"),
    [
        ([_figure("killed", None, 100, "up to")], 100),
        ([_figure("killed", None, 20, "nearly")], 20),
        ([_figure("killed", 12, None, "dozens")], None),
        ([_figure("killed", None, None, "several")], None),
        ([_figure("killed", 10, 10, "exact"), _figure("killed", 12, None, "dozens")], 10),
        ([_figure("killed", 17, None, "at least"),
          _figure("killed", 14, 14, "exact", part_of_total=True)], 17),
        ([_figure("killed", 97, 97, "exact"),
          _figure("killed", 10, 10, "exact", method="rule:subject_verb+rival")], 10),
        ([_figure("killed", 5, 5, "exact", perpetrators=True)], None),
        ([_figure("released", 5, 5, "exact"), _figure("arrested", 2, 2, "exact")], None),
    ],
)
def test_total_counts_of_figures(figs, killed):
    assert total_counts(figs)["killed"] == killed


def test_captures_count_with_the_kidnapped():
    totals = total_counts([_figure("kidnapped", 3, 3, "exact"), _figure("captured", 7, 7, "exact")])
    assert totals["kidnapped"] == 10


def test_no_figures_give_no_totals():
    assert total_counts([]) == dict.fromkeys(KEYS[:4]) | {"disputed": False}


# --- other publishers' reports -----------------------------------------------------------------
# Phrases of the dev texts of raw/corpus (tests/gold/corpus/dev), cut to the sentences that matter,
# each under the name of its text; the totals are the gold's (killed, injured, kidnapped,
# perpetrators_killed).


def _totals(text: str) -> tuple:
    totals = total_counts(find_casualties(text))
    return tuple(totals[k] for k in KEYS[:4])


# Who a figure counts: nouns, described and coordinated people, a family, an estimate.
PEOPLE_COUNTED = [
    (  # ap-townhall_afghanistan_kabul-recent-attacks_2011
        "Two suicide bombers attack a private security company building, killing two company "
        "drivers.",
        (2, None, None, None),
    ),
    (  # reuters-eurasiaro_afghanistan_kabul-attacks-chronology_2008
        "A roadside bomb kills three German embassy bodyguards just outside the city.",
        (3, None, None, None),
    ),
    (  # sparkchronicles_turkey_attacks-list_2017
        "a suicide bomber blows himself up in a municipal cultural center, killing 33 young "
        "pro-Kurdish activists who wanted to go and contribute to the reconstruction of the "
        "Kurdish-Syrian city of Kobane.",
        (33, None, None, None),
    ),
    (  # globeandmail_yemen_al-qaeda-activity-timeline_2010
        "The bombing of the destroyer USS Cole in Aden harbour kills 17 sailors and blows a hole "
        "in the ship's hull.",
        (17, None, None, None),
    ),
    (  # washingtonpost_yemen_al-qaeda-major-events_2009
        "Al-Qaeda militants ram the USS Cole with an explosives-packed speedboat off the southern "
        "city of Aden, killing 17 U.S. sailors.",
        (17, None, None, None),
    ),
    (  # cep-blog-repost_afghanistan_press-release-taliban-isis-attacks_2016
        "In October, ISIS killed four tribal elders in Nangahar and 18 worshipers at a Shite "
        "shrine.",
        (22, None, None, None),
    ),
    (  # afp-ndtv_cameroon_boko-haram-timeline_2015
        "Two Italian priests and a Canadian nun are abducted in their parish 800 kilometres (497 "
        "miles) to the north of the capital.",
        (None, None, 3, None),
    ),
    (  # worldofterror-blog_india_major-terrorist-attacks_2010
        "Seven Hindus killed in an attack by Islamic militants on the Raghunath Temple in Jammu.",
        (7, None, None, None),
    ),
    (  # india-com_world_10-most-deadly-attacks-of-2015-numbered_2015
        "Tehrik-e-Taliban Pakistan (TTP) gunned down 43 members of Shia community travelling in a "
        "bus on May 13.",
        (43, None, None, None),
    ),
    (  # ndtv_india_jammu-kashmir-major-attacks-since-2000_2025
        "Terrorists massacred at least 24 Kashmiri Pandits, including 11 women and two children, "
        "at Nandimarg village in Pulwama district.",
        (24, None, None, None),
    ),
    (  # mercenary-wars_yemen_al-qaeda-history-timeline_2010
        "Two Belgians, their guide and driver shot dead in attack in Wadi Hadramout.",
        (4, None, None, None),
    ),
    (  # reuters-eurasiaro_afghanistan_kabul-attacks-chronology_2008
        "At least 11 civilians and police officers are killed in a suicide bomb attack on a bus "
        "carrying Afghan police.",
        (11, None, None, None),
    ),
    (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014
        "An attack on military and government facilites left at least 39 soldiers and policemen "
        "dead.",
        (39, None, None, None),
    ),
    (  # usstate-ecoi_kenya_crt-chapter_2017
        "In four attacks from May 16 to 25, police reported approximately 30 security officials "
        "and civilians died, including five police officers in an attack on the Mandera County "
        "Governor.",
        (30, None, None, None),
    ),
    (  # dawnnews-uk_kenya_six-killed-lamu_2020
        "The same month, three more people were killed in an attack on a bus travelling from the "
        "tourist island of Lamu to the southern town of Malindi.",
        (3, None, None, None),
    ),
    (  # strategypage_somalia_daily-notes_2010
        "Several al Shabaab suicide bombers and gunmen, disguised as Transitional Government "
        "soldiers to get past security, shot their way into a well guarded Mogadishu hotel, "
        "killing about three dozen people.",
        (36, None, None, None),
    ),
    (  # afp-ndtv_cameroon_boko-haram-timeline_2015
        "A French family of seven, including four children, on holiday, is abducted by armed men "
        "on motorcycles.",
        (None, None, 7, None),
    ),
    (  # cfr_nigeria_security-tracker-weekly-updates_2020
        'Military air strikes killed "several" (estimated at ten) Boko Haram militants in Ngala, '
        "Borno.",
        (10, None, None, None),
    ),
    (  # euronews_france-belgium_attacks-since-charlie-hebdo_2016
        "Two attackers enter a Catholic church in Normandy, northern France, and kill 85-year-old "
        "priest Jacques Hamel.",
        (1, None, None, None),
    ),
    (  # rferl_afghanistan_suicide-attacks-chronology_2006
        "Three International Security Assistance Force (ISAF) soldiers are injured in a "
        "suicide-bomb explosion in the western Herat Province.",
        (None, 3, None, None),
    ),
    (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014
        "Maiduguri, Borno Boko Haram 35 At least 35 people were murdered in an attack on a "
        "village and almost 200 were kidnapped in Boko haram attack.",
        (35, None, 200, None),
    ),
    (  # crisisgroup_nigeria_crisiswatch-january_2023
        "Gunmen next day set electoral commission office on fire in Enugu state, killing policeman",
        (1, None, None, None),
    ),
    (  # crisisgroup_nigeria_crisiswatch-january_2023
        "Assailants 14 Jan killed uncle of prominent politician in Akokwa town, Imo state.",
        (1, None, None, None),
    ),
    (  # wikipedia-kiwix_burkina-faso_jihadist-insurgency_2015-2016
        "On 9 October, three gendarmes, one rebel, and one civilian were slain during a battle in "
        "Samorogouan, Hauts-Bassins.[14][15]",
        (4, None, None, 1),
    ),
    (  # pips_pakistan_monthly-security-report-jan_2013
        "January 2013 witnessed a horrible mass murder of Hazara Shia community in a twin suicide "
        "blast in Quetta that led to the imposition of Governor’s rule in Balochistan.",
        (None, None, None, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE_COUNTED)
def test_people_counted_in_other_reports(text, expected):
    """Counted nouns as other publishers write them."""
    assert _totals(text) == expected

# Casualty words of news copy: verbs of one or several words, lives, headline and cut copy.
CASUALTY_WORDS = [
    (  # afp-baghdadpost_iraq_history-of-deadly-attacks_2017
        "More than 400 people are slaughtered when four suicide truck bombs target members of the "
        "ancient Yazidi religious sect in two Kurdish villages in northern Iraq.",
        (400, None, None, None),
    ),
    (  # wikipedia-wikimili_burkina-faso_2019-attacks_2019
        "On 12 May 2019, at least 20 attackers shot dead six people in a church in Dablo "
        "Department, Sanmatenga Province, Centre-Nord Region.",
        (6, None, None, None),
    ),
    # wikipedia-kiwix_burkina-faso_jihadist-insurgency_2015-2016
    ("On 31 May 2016, three police officers were shot dead in Intangom.", (3, None, None, None)),
    (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014
        "Militants kidnapped at least 185 young men, women, and children, while also shooting "
        "dead 30.",
        (30, None, 185, None),
    ),
    (  # vom-australia_kenya_al-shabaab-attacks-tag-page_2017
        "Al-Shabaab militants walked into Fafi Primary School, 95 km from Garissa, and shot dead "
        "a Christian teacher, Elly Oloo Ojiema ─ right in front of his pupils. They kidnapped "
        "another Christian teacher, Joseph Kamau, and a Muslim colleague who tried to protect him.",
        (1, None, 2, None),
    ),
    (  # bbc_uk_attacks-timeline-manchester_2017
        "Thomas Mair shot and stabbed to death the Labour MP Jo Cox in Birstall, West Yorkshire.",
        (1, None, None, None),
    ),
    (  # vom-australia_kenya_al-shabaab-attacks-tag-page_2017
        "At least three men were beheaded and several houses torched on 18 August during an early "
        "morning raid on a village on the northern coast of Kenya by members of the Somali "
        "Islamist terror group, al-Shabaab.",
        (3, None, None, None),
    ),
    (  # ap-townhall_afghanistan_kabul-recent-attacks_2011
        "Suicide attacker sneaks past security at the Afghan Defense Ministry, killing two Afghan "
        "soldiers and fatally wounding an Afghan army officer.",
        (3, None, None, None),
    ),
    (  # ndtv_india_jammu-kashmir-major-attacks-since-2000_2025
        "Nineteen people, including nine security force personnel, three women and two children, "
        "lost their lives in an Improvised Explosive Device blast at Lower Munda in South Kashmir "
        "on the Jammu-Srinagar national highway.",
        (19, None, None, None),
    ),
    (  # aspi-strategist_indonesia_response-since-bali-bombings_2022
        "One bombing on 1 August 2000 targeted the Philippine ambassador outside his residence, "
        "severely injuring him and claiming two lives.",
        (2, 1, None, None),
    ),
    # mercenary-wars_yemen_al-qaeda-history-timeline_2010
    ("Attack on Aden security complex. 10 security officers said killed.", (10, None, None, None)),
    # mercenary-wars_yemen_al-qaeda-history-timeline_2010
    ("16 killed in double car bombing outside US embassy.", (16, None, None, None)),
    # mercenary-wars_yemen_al-qaeda-history-timeline_2010
    ("Policeman, student killed in attempted bombing of US embassy.", (2, None, None, None)),
    (  # mercenary-wars_yemen_al-qaeda-history-timeline_2010
        "AQAP bomber dies in failed bid to kill Saudi Deputy Interior Minister Prince Mohammed "
        "bin Nayef.",
        (None, None, None, 1),
    ),
    (  # sparkchronicles_turkey_attacks-list_2017
        "Diyarbakir (east): two bombs explode at a demonstration of the pro-Kurdish party HDP. "
        "Four dead.",
        (4, None, None, None),
    ),
    (  # sparkchronicles_turkey_attacks-list_2017
        "Sultanahmet, Istanbul: suicide bomber against tourists. Twelve dead including 11 Germans "
        "and a Peruvian.",
        (12, None, None, None),
    ),
    # india-com_world_10-most-deadly-attacks-of-2015-numbered_2015
    ("14 people were killed, 22 left critically injured.", (14, 22, None, None)),
    (  # usatoday_france_year-of-terror-timeline_2015
        "A police officer is killed and a street sweeper injured in a shooting in southern Paris.",
        (1, 1, None, None),
    ),
    (  # euronews_france-belgium_attacks-since-charlie-hebdo_2016
        "Man stabs and kills a French police officer, Jean-Baptiste Salvaing, and his companion "
        "in Paris suburb of Magnanville. Attacker shot dead by police.",
        (2, None, None, 1),
    ),
    (  # euronews_france-belgium_attacks-since-charlie-hebdo_2016
        "A police operation in the southern Brussels district of Forest ends with the fatal "
        "shooting of Mohamed Belkaid, until that point unknown to anti-terrorism agencies, and "
        "the escape of two men, including Salah Abdeslam.",
        (1, None, None, None),
    ),
    # euronews_france-belgium_attacks-since-charlie-hebdo_2016
    ("Yassin Salhi commits suicide in his prison cell in Fleury-Mérogis.", (1, None, None, None)),
    (  # globeandmail_yemen_al-qaeda-activity-timeline_2010
        "The bodies of three kidnapped foreign women - two Germans and a South Korean - are found "
        "in t",
        (3, None, None, None),
    ),
    (  # worldofterror-blog_india_major-terrorist-attacks_2010
        "Lashkar-e-Taiba militants attack the Red Fort in Delhi that left two Army personnel and "
        "a civilian dead.",
        (3, None, None, None),
    ),
    (  # worldofterror-blog_india_major-terrorist-attacks_2010
        "Pakistani militants hijack an Indian Airlines flight from Kathmandu to New Delhi with "
        "189 people aboard, kill one passenger and force the release of three jailed Muslim "
        "militants in exchange.",
        (1, None, 189, None),
    ),
    (  # reuters_iraq_deadliest-bomb-attacks-timeline_2009
        "At least three suicide bombers driving fuel tankers kill and wound at least 796 people "
        "in Yazidi residential compounds in the villages of Kahtaniya and al-Jazeera in northern "
        "Iraq near the Syrian border.",
        (None, None, None, None),
    ),
    (  # rferl_afghanistan_suicide-attacks-chronology_2006
        "A suspected suicide bomber detonates explosives in a car near a U.S. military convoy in "
        "the southern city of Kandahar, killing himself and wounding a U.S. soldier and two "
        "passersby.",
        (None, 3, None, 1),
    ),
    (  # wikipedia_world_list-of-terrorist-incidents_2016
        "A gunman fired into a crowded pub and several other businesses in Dizengoff Street. The "
        "attacker then took a cab and then shot the driver dead.",
        (1, None, None, None),
    ),
    (  # ndtv_india_jammu-kashmir-major-attacks-since-2000_2025
        "Four Jaish-e-Mohammed terrorists attacked the Indian Army brigade headquarters in Uri. "
        "Nineteen soldiers were kil",
        (19, None, None, None),
    ),
    (  # reuters_iraq_deadliest-bomb-attacks-timeline_2009
        "A suicide bomber targeting pilgrims heading to one of Shi’ite Islam’s holiest rites in "
        "southern Kerbala kills 63 peopl",
        (63, None, None, None),
    ),
    (  # vom-australia_kenya_al-shabaab-attacks-tag-page_2017
        "Residents were reportedly angered by police inaction after reporting the presence of "
        "suspicious men near Silini-Mashambani village on 5 September. […] Read More KENYA: Three "
        "Killed in al-Shabaab Attack",
        (None, None, None, None),
    ),
    (  # afp-baghdadpost_iraq_history-of-deadly-attacks_2017
        "One on November 25 saw 70 people, mostly Shiite pilgrims, killed south of Baghdad.",
        (70, None, None, None),
    ),
    (  # crisisgroup_nigeria_crisiswatch-january_2023
        "Notably, Boko Haram 17 Jan raided Makilwe village, killing one farmer and abducting "
        "eight others.",
        (1, None, 8, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASUALTY_WORDS)
def test_casualty_words_in_other_reports(text, expected):
    """Verbs, participles and nouns that count the killed, injured and kidnapped."""
    assert _totals(text) == expected

# Tolls (the latest figure), field blocks and table rows (the row's figure is the total).
TOLLS_AND_TABLES = [
    (  # euronews_france-belgium_attacks-since-charlie-hebdo_2016
        "A truck ploughs into crowds celebrating Bastille Day in Nice, killing 84 people. The "
        "death toll later rises to 85.",
        (85, None, None, None),
    ),
    (  # reuters_iraq_deadliest-bomb-attacks-chronology_2007
        "(Reuters) - The final death toll from a massive truck bomb attack in the Iraqi town of "
        "Tal Afar earlier this week reached 152, officials said on Saturday, making it the single "
        "deadliest bombing since the war began in 2003. Officials had previously said 85 people "
        "died in Tuesday’s attack in a Shi’ite area of the northwestern Iraqi town.",
        (152, None, None, None),
    ),
    (  # cnbctv18_world_worst-attacks-since-9-11_2021
        "An incredibly deadly attack by Boko Haram left hundreds dead in the street who drove "
        "into the town of Baga firing on civilians with assault rifles and rocket propelled "
        "grenades. Many, like Amnesty International, claimed over 2,000 dead as bodies clogged "
        "the streets but Nigerian official estimates pegged the death count at 150.",
        (150, None, None, None),
    ),
    (  # sparkchronicles_turkey_attacks-list_2017
        "Ankara: double suicide bombing three weeks before the early elections. Two explosions "
        "take place outside the central station where a demonstration by the HDP and left-wing "
        "trade unions is taking place. The dead are 103.",
        (103, None, None, None),
    ),
    (  # ariave_world_10-deadliest-terrorist-attacks-numbered_2016
        "Attack on Beirut barracks Dead : 307 Injured : 161 Location : Lebanon Date : October 23, "
        "1983 Suicide attacks during Lebanon's Civil War in 1983 killed at least 299 US and "
        "French soldiers in barracks in Beirut.",
        (307, 161, None, None),
    ),
    (  # ariave_world_10-deadliest-terrorist-attacks-numbered_2016
        "Air India Flight 182 Killed : 329 Injured : No survivors Location : Atlantic Ocean South "
        "of Ireland Date : June 23, 1985 An international flight from Canada to India crashed "
        "into the Atlantic Ocean after a bomb exploded aboard and caused the aircraft to "
        "depressurize. All 307 passengers and 22 crew members died. An hour later, a suitcase "
        "exploded at an airport in Japan, leaving no fatalities.",
        (329, None, None, None),
    ),
    (  # ariave_world_10-deadliest-terrorist-attacks-numbered_2016
        "Attacks on Gamboru and Ngala Dead : Over 336 Injured : not known Location : Nigeria Date "
        ": May 7, 2014 Terrorist group Boko Haram has made a series of AK-47 gunfire attacks on "
        "the twin cities of Gamboru and Ngala in Nigeria, leaving at least 336 people dead. On "
        "the same day, eleven boys were kidnapped by supporters of the movement.",
        (336, None, 11, None),
    ),
    (  # wion_india_cross-border-attacks-mea-list_2025
        "Pahalgam Attack Casualties: 26 killed, 17 injured What Happened: On 22 April, 2025, "
        "terrorists targeted Hindu tourists in Pahalgam, Jammu and Kashmir.",
        (26, 17, None, None),
    ),
    (  # wion_india_cross-border-attacks-mea-list_2025
        "Mumbai Attacks Casualties: 175 killed (including 9 attackers), over 300 injured What "
        "Happened: Between 26–29 November 2008, ten gunmen from the Pakistan-ba",
        (166, 300, None, 9),
    ),
    (  # wikipedia_world_list-of-terrorist-incidents_2016
        "| Mass shooting | 3 | 7 | Tel Aviv, Israel | January 2016 Tel Aviv shooting | A gunman "
        "fired into a crowded pub and several other businesses in Dizengoff Street. The attacker "
        "then took a cab and then shot the driver dead.",
        (3, 7, None, None),
    ),
    (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014
        "Potiskum, Yobe Suspected Boko Haram 1 A water vendor has died a bomb burried at the "
        "assembly ground of primary school 1 1 1",
        (1, None, None, None),
    ),
    (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014
        "Gombe City, Gombe Suspected Boko Haram 20 60 the explosive went off at the bus station 1 "
        "1 20",
        (20, 60, None, None),
    ),
    (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014
        "Lassa, Borno State Boko Haram 11 Boko Haram stormed the town destroying churches and "
        "buildings, killing 11 people and kidnapping 20 women. 1 11",
        (11, None, 20, None),
    ),
    (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014
        "Kano Boko Haram 100 135 Gunmen set off three bombs and opened fire on worshippers in the "
        "central mos",
        (100, 135, None, None),
    ),
    (  # bbc-safetravels_iraq_daesh-attacks-timeline_2016
        "The death toll from Saturday’s bomb attack in Baghdad has risen to 250 and will possibly "
        "rise further.",
        (250, None, None, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), TOLLS_AND_TABLES)
def test_tolls_and_tables_in_other_reports(text, expected):
    """A toll, a field or a table cell gives the entry's total for its kind."""
    assert _totals(text) == expected

# Parts of totals, attackers apart, restatements, stated zeros and background figures.
PARTS_AND_BACKGROUND = [
    (  # ap-foxnews_afghanistan_deadly-insurgent-attacks_2017
        "18 people, mostly civilians, were killed when a suicide car bomber targeted a convoy of "
        "provincial security forces in eastern Afghanistan.",
        (18, None, None, None),
    ),
    (  # ndtv_india_jammu-kashmir-major-attacks-since-2000_2025
        "Thirty-two people, among them 24 pilgrims bound for Amarnath, were killed in a terror "
        "attack at the Nunwan base camp.",
        (32, None, None, None),
    ),
    (  # ndtv_india_jammu-kashmir-major-attacks-since-2000_2025
        "Thirteen civilians, including two school children, and three CRPF officers were killed, "
        "and over 100 people sustained injuries when an explosives-laden car blew up at a crowded "
        "marketplace in Pulwama.",
        (16, 100, None, None),
    ),
    (  # lemonde-afp-altusintel_niger_banibangou-attacks_2023
        "On November 2, 2021, at least 69 members of a vigilance committee (self -defense "
        "militia), led by the mayor of Banibangou, had been massacred by armed men, according to "
        "the authorities.",
        (69, None, None, None),
    ),
    (  # washingtonpost_yemen_al-qaeda-major-events_2009
        "Heavily armed al-Qaeda gunmen attack the U.S. Embassy in Sanaa, detonating two car "
        "bombs. Nineteen people are killed, including six assailants.",
        (13, None, None, 6),
    ),
    (  # bbc_uk_attacks-timeline-manchester_2017
        "Six people, including the attacker, died and 50 people were injured after a terror "
        "attack near the Houses of Parliament.",
        (5, 50, None, 1),
    ),
    (  # ians-business-standard_us_mass-shootings-chronology_2017
        "At least 10 people, including the gunman himself, died in a shooting at a community "
        "college in the state of Oregon.",
        (9, None, None, 1),
    ),
    (  # reuters_iraq_deadliest-bomb-attacks-chronology_2007
        "Multiple car bombs explode in the Shorja wholesale market, killing at least 71 people "
        "and wounding 165. At least nine others are killed at the Bab al-Sharji market, also in "
        "central Baghdad.",
        (80, 165, None, None),
    ),
    (  # reuters_iraq_deadliest-bomb-attacks-chronology_2007
        "Two suicide bombers strike in Hilla, south of Baghdad, killing 105 pilgrims. Insurgents "
        "also launch attacks against Shi’ite pilgrims in a total of 12 attacks. In all 137 "
        "pilgrims died and 310 were wounded.",
        (137, 310, None, None),
    ),
    (  # reuters_iraq_deadliest-bomb-attacks-timeline_2009
        "Two suicide bombers strike in Hilla, south of Baghdad, killing 105 pilgrims. Insurgents "
        "launch a total of 12 attacks against Shi’ite pilgrims. In all, 137 pilgrims are killed "
        "and 310 are wounded.",
        (137, 310, None, None),
    ),
    (  # afp-todayonline_france_attacks-since-charlie-hebdo_2016
        "Two men armed with Kalashnikov rifles storm the Paris offices of satirical weekly "
        "Charlie Hebdo killing 12 people including eight cartoonists. A policewoman is killed "
        "just outside Paris the following day, while a gunman takes hostages at a Jewish "
        "supermarket, four of whom are killed.",
        (17, None, 4, None),
    ),
    (  # usatoday_france_year-of-terror-timeline_2015
        "They kill 11 people, 10 of them execution-style — including cartoonists whom the "
        "attackers had singled out by name. During their escape, they fire upon a patrol car and "
        "then a wounded police officer lying on a sidewalk, killing him.",
        (12, None, None, None),
    ),
    (  # india-com_world_10-most-deadly-attacks-of-2015-numbered_2015
        "43 Shias killed in Pakistan Also Read - Operation All-Out: Security Forces Within "
        "Striking Distance of Eradicating Terrorism in Kashmir Tehrik-e-Taliban Pakistan (TTP) "
        "gunned down 43 members of Shia community travelling in a bus on May 13.",
        (43, None, None, None),
    ),
    (  # garda-crisis24_kenya_lamu-alert_2017
        "Al-Shabaab kills nine people in Lamu county July 8 Suspected Al-Shabaab militants behead "
        "nine civilians in Lamu county on July 8 in cross-border attack; curfew ordered in Lamu, "
        "Garissa, and Tana River counties Event Kenyan officials confirmed that nine civilians "
        "were killed by suspected Al-Shabaab militants in Lamu county during early morning "
        "attacks on Saturday, July 8.",
        (9, None, None, None),
    ),
    (  # usstate-ecoi_kenya_crt-chapter_2017
        "The KDF claimed nine Kenyan service members and 70 al-Shabaab terrorists died, while "
        "media reported at least 20 KDF soldiers had been killed.",
        (9, None, None, 70),
    ),
    (  # ap-townhall_afghanistan_kabul-recent-attacks_2011
        "Two militants killed, but none of the 1,500 people attending the conference was wounded.",
        (None, 0, None, 2),
    ),
    (  # scis_south-asia_news-timeline_2013
        "A series of bomb attacks targeting Shia Muslims kill 45 people, injure 150, and destroy "
        "several buildings in the Pakistani city of Karachi. During the previous two months, "
        "about 200 people were killed in several attacks on Shia communities.",
        (45, 150, None, None),
    ),
    (  # wikipedia-kiwix_burkina-faso_jihadist-insurgency_2015-2016
        "Between August 2015 and October 2016, seven different posts were attacked across the "
        "country, slaying 15 and injuring 11.",
        (None, None, None, None),
    ),
    (  # rferl_afghanistan_suicide-attacks-chronology_2006
        "16 January 2006 -- Bombers kill 26 people in two separate attacks in the Kandahar "
        "Province (Spin Boldak and Kandahar) in southern Afghanistan one day after a Canadian "
        "diplomat and two civilians were killed in the same area. First, a suicide bomber hurls "
        "himself in front of an Afghan Army vehicle in the heart of the provincial capital, "
        "Kandahar, killing three Afghan soldiers and two civilians and wounding four soldiers and "
        "10 civilians. Later the same day, at least 20 people are killed and 20 others injured "
        "when a bomb attached to a motorcycle explodes at a playground where hundreds of people "
        "were gathered for a festival in Spin Boldak, bordering Pakistan.",
        (26, 34, None, None),
    ),
    (  # vom-australia_kenya_al-shabaab-attacks-tag-page_2017
        "Residents of Lamu County held protests on 6 and 7 September demanding enhanced security "
        "measures after four men were beheaded and several houses raided by suspected members of "
        "the Somali Islamist terror group, al Shabaab.",
        (None, None, None, None),
    ),
    (  # cep-blog-repost_afghanistan_press-release-taliban-isis-attacks_2016
        "The Counter Extremism Project (CEP) today released updated resources on Afghanistan "
        "following recent Taliban and ISIS attacks that left at least 32 people dead and more "
        "than 180 others wounded.",
        (None, None, None, None),
    ),
    (  # thenewhumanitarian_world_cheat-sheet-afghan-attack-congo-killings_2018
        'UN Secretary-General Antonio Guterres has called for "credible investigations" after at '
        "least six people were killed in Kinshasa on Sunday during a crackdown on demonstrations "
        "against President Joseph Kabila.",
        (6, None, None, None),
    ),
    (  # dawnnews-uk_kenya_six-killed-lamu_2020
        "For example, in September 2013, 67 people died in an attack on a shopping centre in the "
        "capital Nairobi and 148 people were killed in an attack on the University of Garissa in "
        "April 2015.",
        (67, None, None, None),
    ),
    (  # reuters-eurasiaro_afghanistan_kabul-attacks-chronology_2008
        "In the worst suicide bombing so far in Kabul, a suicide bomb attack on an army bus kills "
        "28 Afghan troops and two civilians.",
        (30, None, None, None),
    ),
    (  # reliefweb_drcongo_beni-humanitarian-deterioration_2019
        "On 5 November, ten civilians including six women, were killed in an attack in Kokola.",
        (10, None, None, None),
    ),
    (  # lemonde-afp-altusintel_niger_banibangou-attacks_2023
        "At least eleven civilians were killed in western Niger on Saturday September 22, during "
        "several attacks by alleged jihadists occurring after several months of lull in this "
        "region close to Mali. “Three trucks were intercepted Saturday around 11 am by armed men "
        "and nine members on board were all murdered. Two other people on a motorcycle were also "
        "killed,” a municipal official told AFP Sunday de Banibangou, the town where the attacks "
        "took place.",
        (11, None, None, None),
    ),
    (  # business-standard_sri-lanka_ltte-to-easter-bombings_2019
        "when seven suicide bombers, originally reported to be members of the National Thowheed "
        "Jamath, perpetrated a series of blasts that ripped through three churches and luxury "
        "hotels, killing over 350 people and wounding more than 500 others. With this, they "
        "brought back the spectre of violence in a country that saw an estimated 100,000 people "
        "killed during the conflict with the LTTE, which was fought to the bitter end.",
        (350, 500, None, None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARTS_AND_BACKGROUND)
def test_parts_and_background_in_other_reports(text, expected):
    """What a figure adds: parts, attackers, restatements, zeros and background."""
    assert _totals(text) == expected

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # euronews_france-belgium_attacks-since-charlie-hebdo_2016: the toll is the latest
            "A truck ploughs into crowds celebrating Bastille Day in Nice, killing 84 people. The "
            "death toll later rises to 85.",
            [("killed", 84, 84, "exact", "part"), ("killed", 85, 85, "exact")],
        ),
        (  # cfr_nigeria_security-tracker-weekly-updates_2020: the estimate of a vague figure
            'Air strikes killed "several" (estimated at ten) Boko Haram militants in Marte, Borno.',
            [("killed", 10, 10, "about")],
        ),
        (  # ariave_world_10-deadliest-terrorist-attacks-numbered_2016: a field keeps its bound
            "Attacks on Gamboru and Ngala Dead : Over 336 Injured : not known Location : Nigeria",
            [("killed", 336, None, "over")],
        ),
        (  # washingtonpost_yemen_al-qaeda-major-events_2009: the attackers taken out
            "Heavily armed al-Qaeda gunmen attack the U.S. Embassy in Sanaa, detonating two car "
            "bombs. Nineteen people are killed, including six assailants.",
            [("killed", 13, 13, "exact"), ("killed", 6, 6, "exact")],
        ),
        (  # reuters_iraq_deadliest-bomb-attacks-timeline_2009: one figure for two kinds
            "At least three suicide bombers driving fuel tankers kill and wound at least 796 "
            "people in Yazidi residential compounds in the villages of Kahtaniya and al-Jazeera.",
            [],
        ),
        (  # afp-todayonline_france_attacks-since-charlie-hebdo_2016: hostages "of whom"
            "A policewoman is killed just outside Paris the following day, while a gunman takes "
            "hostages at a Jewish supermarket, four of whom are killed.",
            [("killed", 1, 1, "exact"), ("kidnapped", 4, None, "at least"),
             ("killed", 4, 4, "exact")],
        ),
        (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014: "almost" keeps its maximum
            "At least 35 people were murdered in an attack on a village and almost 200 were "
            "kidnapped in Boko haram attack.",
            [("killed", 35, None, "at least"), ("kidnapped", None, 200, "nearly")],
        ),
        (  # wikipedia_world_list-of-terrorist-incidents_2016: the count cells, dead then injured
            "| Mass shooting | 3 | 7 | Tel Aviv, Israel | January 2016 Tel Aviv shooting |",
            [("killed", 3, 3, "exact"), ("injured", 7, 7, "exact")],
        ),
        (  # ap-townhall_afghanistan_kabul-recent-attacks_2011: a zero for what it says
            "Two militants killed, but none of the 1,500 people attending the conference was "
            "wounded.",
            [("killed", 2, 2, "exact"), ("injured", 0, 0, "exact")],
        ),
    ],
)
def test_figures_in_other_reports(text, expected):
    assert figures(text) == expected


@pytest.mark.parametrize(
    ("text", "methods"),
    [
        (  # euronews_france-belgium_attacks-since-charlie-hebdo_2016
            "The death toll later rises to 85.",
            ["rule:toll"],
        ),
        (  # wion_india_cross-border-attacks-mea-list_2025
            "Mumbai Attacks Casualties: 175 killed (including 9 attackers), over 300 injured What "
            "Happened: Between 26–29 November 2008, ten gunmen from the Pakistan-ba",
            ["rule:field+attackers_apart", "rule:field", "rule:field"],
        ),
        (  # factsnigeriaviolence_nigeria_spreadsheet-table_2014
            "Gombe City, Gombe Suspected Boko Haram 20 60 the explosive went off at the bus "
            "station 1 1 20",
            ["rule:table_row", "rule:table_row"],
        ),
        (  # aspi-strategist_indonesia_response-since-bali-bombings_2022
            "One bombing on 1 August 2000 targeted the Philippine ambassador outside his "
            "residence, severely injuring him and claiming two lives.",
            ["rule:verb_object+person", "rule:verb_object"],
        ),
    ],
)
def test_methods_say_which_rule_read_the_figure(text, methods):
    assert [c.evidence.method for c in find_casualties(text)] == methods


# --- evidence ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def read_entries(mali_raw) -> list[tuple[int, str, list[Casualty]]]:
    """Every timeline entry of the report (n, text, figures), read once for the module."""
    return [(e.n, e.text, find_casualties(e.text)) for e in segment(mali_raw).entries]


def _phrases(words: list[str]):
    for n in range(1, 6):
        for i in range(len(words) - n + 1):
            yield " ".join(words[i : i + n])


def _check_evidence(text: str, c: Casualty) -> None:
    ev = c.evidence
    assert text[ev.start : ev.end] == ev.text, ev
    if ev.method == "rule:no_casualties":
        assert "casualties" in ev.text or re.search(r"no one|nobody|none", ev.text, re.I)
    elif ev.method.endswith("+person") or "+person+" in ev.method:
        assert (c.min, c.max, c.qualifier) == (1, 1, "exact")
    else:
        words = re.split(r"[\s—–]+", ev.text)
        bounds = (c.min, c.max, c.qualifier)
        assert any(parse_number(p) == bounds for p in _phrases(words)), (ev.text, bounds)


def test_evidence_covers_the_number_phrase_in_every_entry(read_entries):
    checked = 0
    for _, text, casualties in read_entries:
        for c in casualties:
            _check_evidence(text, c)
            checked += 1
    assert checked > 250


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(
    "At least 29 soldiers are killed and , more than 50 wounding kills two the a one another "
    "dozens of civilians hold hostages — including 12 of whom 2019 : Sources: were missing "
    "leaves dead Abu Huzeifa is kidnapped claims According to however".split()
), max_size=25))
def test_never_raises_and_evidence_stays_in_the_text(words):
    text = " ".join(words)
    for c in find_casualties(text):
        assert 0 <= c.evidence.start <= c.evidence.end <= len(text)
        assert text[c.evidence.start : c.evidence.end] == c.evidence.text
    total_counts(find_casualties(text))


# --- the gold ----------------------------------------------------------------------------------

# Lowest share of the labelled timeline entries whose total must equal the gold's, per field.
# Measured on the gold (193 entries): 193 of 193 for each field, since "kill several militants
# including Yahia Abou Hamman" (entry 135) counts the named man.
FLOORS = {"killed": 0.99, "injured": 0.99, "kidnapped": 0.99, "perpetrators_killed": 0.99}


def _gold() -> dict[int, dict]:
    """The labelled timeline entries of the gold, by their position ``n``."""
    return {row["n"]: row for row in read_gold(GOLD, "timeline")}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_totals_meet_their_floor_on_the_gold(read_entries, key):
    gold = _gold()
    labelled = [(n, figs) for n, _, figs in read_entries if n in gold]
    assert labelled, "the gold labels no timeline entry"
    right = sum(total_counts(figs)[key] == gold[n][key] for n, figs in labelled)
    assert right / len(labelled) >= FLOORS[key], f"{key}: {right}/{len(labelled)}"
