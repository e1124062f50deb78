"""Tests of pipeline.fields.event_type on the first sentences of the Mali report's entries."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.fields.event_type import body_span, classify_event, sentence_spans

# (an entry's text up to its first sentence or two, the type the guidelines give it, the trigger)
FIRST_SENTENCES = [
    # attack: ambush, raid, storm, open fire, mortar or rocket fire, clashes
    ("February 7, 2025: Armed assailants ambush several vehicles in Gao, killing more than 50 and "
     "wounding 13.", "attack", "ambush"),
    ("January 5, 2025: Wagner and Malian forces open fire on a vehicle between the localities of "
     "Niono and Nampala, killing at least eight civilians.", "attack", "open fire"),
    ("November 2, 2024: JNIM militants fire mortars at security checkpoints in Boni-Douentza in "
     "southern-central Mali.", "attack", "fire mortars"),
    ("March 17, 2019: Gunmen launch an overnight raid on a military base in the village of Dioura "
     "in the Mopti region, killing at least 23 soldiers.", "attack", "raid"),
    ("June 18, 2017: Gunmen storm Le Campement, a luxury hotel outside of Bamako, killing five "
     "people.", "attack", "storm"),
    ("May 3, 2017: At least one U.N. peacekeeper is killed and nine others hurt when a U.N. base in "
     "the northern city of Timbuktu is hit by rocket fire.", "attack", "rocket"),
    ("December 1, 2022: Clashes between ISIS and local al-Qaeda affiliates in and around Gao and "
     "Menaka kill at least 100 people, including dozens of civilians.", "attack", "Clashes"),
    ("June 29, 2018: Islamists exchange gunfire with security officials after a suicide bomber is "
     "prevented from entering the headquarters of an anti-terror taskforce located Sévaré.",
     "attack", "gunfire"),
    # "the main verb decides": an attack on villages is an attack although its victims are villagers
    ("June 18, 2019: Unidentified gunmen attack the villages of Yoro and Gangafani 2.", "attack",
     "attack"),
    ("July 3, 2024: Suspected JNIM militants ambush a wedding ceremony in Djiguibombo, central "
     "Mali, killing at least 21. The assailants slit the throats of their victims, loot homes, and "
     "steal livestock.", "attack", "ambush"),
    # bombing: IED, mine, roadside or car bomb, suicide bomber, an attack "with IEDs"
    ("January 3, 2021: An armored vehicle carrying French soldiers hits an IED in Menaka, "
     "northwestern Mali.", "bombing", "IED"),
    ("July 5, 2022: A U.N. armored vehicle strikes a mine on the Tessalit-Gao highway in central "
     "Mali.", "bombing", "a mine"),
    ("October 6, 2021: Suspected jihadists detonate an IED and open fire on Malian troops in the "
     "Mopti region, central Mali.", "bombing", "detonate"),
    ("January 10, 2023: Militants attack security forces in the towns of Mopti and Segou with "
     "IEDs.", "bombing", "IEDs"),
    ("January 18, 2017: A suicide car bomber targets a military camp in Gao, killing 47 people and "
     "wounding more than 100 others.", "bombing", "bomber"),
    ("April 23, 2020: During a Malian operation targeting “armed terrorist groups” in the Liptako "
     "region of southeast Mali, a military tanker belonging to the French-led Operation Barkhane is "
     "hit by an IED.", "bombing", "IED"),
    ("Three IED attacks throughout the month kill nine Malian soldiers and wound eight in southern "
     "and central Mali. Source: Agence France-Presse", "bombing", "IED"),
    # kidnapping, unless somebody is killed too
    ("November 7, 2023: Suspected jihadists ambush several buses in central Mali, kidnapping 40 "
     "people between Koro and Bankass.", "kidnapping", "kidnapping"),
    ("March 25, 2020 - March 27, 2020: Malian opposition leader Soumailia Cisse is kidnapped by "
     "suspected Katiba Macina militants while campaigning in the Niafounke district in Timbuktu.",
     "kidnapping", "kidnapped"),
    ("AAD insurgents attack Malian soldiers in Aguelhok, killing 82 and kidnapping 30 others. "
     "Source: U.S. Department of State", "attack", "attack"),
    # killing: the killing itself is the verb
    ("July 24, 2010: AQIM executes the French citizen NGO worker abducted in December 2009.",
     "killing", "executes"),
    ("June 10, 2009: AQIM militants assassinate Malian State Security officer Colonel Lamana Ould "
     "Bou at his house in Tumbuktu.", "killing", "assassinate"),
    ("January 24, 2012: Assaultants shoot and slit the throats of soldiers and civilians in "
     "Aguelhok, a town located in eastern Mali.", "killing", "slit the throats"),
    ("January 1, 2019: Armed men dressed as traditional Donzo hunters kill at least 37 Fulani "
     "civilians in the village of Koulogon Peul in the Mopti region.", "killing", "kill"),
    ("August 8, 2021: Jihadists on motorbikes invade the villages of Karou, Ouatagouna, and "
     "Daoutegeft near Mali's border with Niger. The suspected jihadists massacre more than 51 "
     "civilians in the coordinated attacks.", "killing", "massacre"),
    # military operation
    ("April 29, 2024: Mali's armed forces launch an operation targeting and killing Abu Huzeifa, a "
     "senior commander of IS Sahel in Liptako region.", "military_operation", "operation"),
    ("June 16, 2019: Allied French and Malian forces kills 20 ISIS militants in an operation in "
     "Akabar, northern Mali.", "military_operation", "operation"),
    ("September 15, 2021: French President Emmanuel Macron tweets that French forces neutralize "
     "Adnan Abu Walid al-Sahrawi, the leader of Islamic State in the Greater Sahara (ISGS).",
     "military_operation", "neutralize"),
    # legal action
    ("August 13, 2024: The International Criminal Court (ICC) convicts Al Hassan Ag Abdoul Aziz Ag "
     "Mohamed Ag Mahmoud, a former senior leader of al-Qaeda affiliate Ansar Dine, on charges of "
     "war crimes and crimes against humanity.", "legal_action", "convicts"),
    ("October 27, 2020: A Bamako court begins the trial of two men accused of orchestrating terror "
     "attacks in 2015 that targeted foreigners in Mali.", "legal_action", "court"),
    ("July 24, 2023: The U.S. Department of the Treasury designates three Malian security and "
     "political officials.", "legal_action", "designates"),
    # release: outranks the kidnapping it names
    ("March 14, 2020: A Canadian woman and an Italian man who were kidnapped in December 2018 in "
     "Burkina Faso are released in Mali.", "release", "released"),
    ("October 31, 2008: AQIM militants turn over two Austrian tourists—who the group kidnapped in "
     "southern Tunisia in February 2008—to the Malian government after a ransom is paid.",
     "release", "turn over"),
    # statement
    ("October 13, 2023: Mali-based terror groups JNIM and AQIM release a joint statement online in "
     "response to the conflict between Hamas terrorists and Israel in Gaza.", "statement",
     "release a joint statement"),
    ("August 3, 2023: According to a report published by the U.N. Security Council, from 2022 to "
     "August 2023, IS Sahel has almost doubled its areas of control in Mali.", "statement",
     "report"),
    ("November 29, 2023: The Middle East Media Research Institute (MEMRI) publishes leaked "
     "documents revealing that in 2011 the emir of Qatar instructed that $15 million be allocated "
     "to burgeoning Islamist movements across northern Mali and the Sahel.", "statement",
     "publishes"),
    # other
    ("Islamists destroy UNESCO world heritage sites, including Sufi shrines, in Timbuktu, Mali. "
     "Source: Atlantic", "other", None),
]


@pytest.mark.parametrize("text, kind, trigger", FIRST_SENTENCES)
def test_classify_event(text, kind, trigger):
    found, evidence = classify_event(text)
    assert found == kind
    if trigger is None:
        assert evidence is None
    else:
        assert evidence.text.startswith(trigger) or trigger.startswith(evidence.text)
        assert text[evidence.start:evidence.end] == evidence.text
        assert evidence.method.startswith("rule:")


def test_the_sources_tail_is_not_read():
    # "International Criminal Court" and "U.S. Department of Justice" are outlets here.
    text = ("March 29, 2020: An unidentified local official claims that a vehicle hit a landmine in "
            "N'gorkou, central Mali. Sources: International Criminal Court, U.S. Department of "
            "Justice")
    assert classify_event(text)[0] == "bombing"


def test_later_sentences_do_not_change_the_type():
    # Entry 189: the release two months later is a sub-event.
    text = ("November 25, 2009: AQIM militants kidnap French citizen Pierre Camatte near Mali's "
            "border with Niger. He is released in February 2010 in exchange for four AQIM "
            "militants. Source: France24")
    assert classify_event(text)[0] == "kidnapping"


@pytest.mark.parametrize("text", ["", "   ", "June 1, 2017: Source: Associated Press"])
def test_nothing_to_read(text):
    assert classify_event(text) == (None, None)


def test_body_span_drops_the_header_and_the_sources():
    text = "May 3, 2017: A U.N. base is hit by rocket fire. Sources: Associated Press, United Nations"
    start, end = body_span(text)
    assert text[start:end].strip() == "A U.N. base is hit by rocket fire."


def test_sentences_keep_abbreviations_whole():
    text = ("January 24, 2023: Unidentified assailants kidnap Dr. Mahamadou Diawara of the World "
            "Health Organization. The U.N. Security Council meets. The U.S. federal court waits.")
    start, end = body_span(text)
    assert [text[s:e] for s, e in sentence_spans(text, start, end)] == [
        "Unidentified assailants kidnap Dr. Mahamadou Diawara of the World Health Organization.",
        "The U.N. Security Council meets.",
        "The U.S. federal court waits.",
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ambush IED kill Source: .,AQIM released court ")),
               max_size=80))
def test_any_text_gives_a_type_or_nothing(text):
    kind, evidence = classify_event(text)
    if evidence is not None:
        assert text[evidence.start:evidence.end] == evidence.text
        assert kind is not None
    assert kind is None or kind in ("attack", "bombing", "kidnapping", "killing",
                                    "military_operation", "legal_action", "release", "statement",
                                    "other")


# Prose sentences of the narrative sections.
@pytest.mark.parametrize("text, kind", [
    ("On November 8, 2024, Nigerian security analysts reported that a new IS Sahel faction, "
     "Laukawas, had emerged in the country’s northwestern region.", "statement"),
    ("On February 2, 2020, France stated that it would boost its military presence in the Sahel "
     "by adding 600 troops to its counterterrorism effort.", "statement"),
    ("On January 11, 2013, France launched Operation Serval, which sought to put an abrupt end to "
     "the advance of jihadist groups.", "military_operation"),
])
def test_prose_statements_and_named_operations(text, kind):
    assert classify_event(text)[0] == kind
