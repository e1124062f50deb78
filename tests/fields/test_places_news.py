"""Event places and country in reports of other publishers: news timelines, tables turned to
text, lists of attacks (tests/gold/GUIDELINES.md, "Locations in other reports", "Country in other
reports", "Settled after the first labelling"). Every sentence is written for these tests; each
rule has a case where it applies and one where it must not."""

from __future__ import annotations

from pathlib import Path

from pipeline.fields.places import event_country, find_places
from pipeline.fields.places.frame import list_place, place_entries
from pipeline.fields.places.resolve import choose_world
from pipeline.geo.index import place_index
from pipeline.layouts.detect import segment
from pipeline.readers.plain import source_from_text
from pipeline.settings import Settings
from pipeline.tables import fold
from tests.conftest import needs_model

pytestmark = needs_model


def places(nlp, tables, text, hint=None):
    """(location names, mentioned names, country) of an entry, ``hint`` the report's countries."""
    locations, mentioned = find_places(nlp(text), tables, Settings(), country_hint=hint)
    country, _ = event_country(locations, mentioned, text, hint[0] if hint else None,
                               tables.actors)
    return [loc.text for loc in locations], [m.text for m in mentioned], country


def test_lowercase_text_is_no_place(nlp, tables):
    # The ruler matches case-blind: "male" is not Malé, "nice" not Nice.
    names, mentioned, _ = places(nlp, tables, "A lone male attacker stabbed two guards at a nice "
                                 "hotel in Lyon.", ("FR",))
    assert names == ["Lyon"]
    assert "male" not in mentioned


# --- namesakes ------------------------------------------------------------------------------


def test_a_country_is_the_country_whatever_the_hints(tables):
    rows = place_index(tables).world_rows("Lebanon")
    assert choose_world(rows, ("US",), name="Lebanon").kind == "country"


def test_a_state_before_a_small_town_of_its_name(tables):
    rows = place_index(tables).world_rows("Nevada")
    chosen = choose_world(rows, ("US",), name="Nevada")
    assert (chosen.kind, chosen.country) == ("admin1", "US")
    # A town in the division of its own name is the town: Kandahar the city.
    rows = place_index(tables).world_rows("Kandahar")
    assert choose_world(rows, ("AF",), name="Kandahar").kind == "populated_place"


def test_an_alternate_name_alone_does_not_take_a_large_foreign_place(tables):
    rows = place_index(tables).world_rows("Jima")  # an alternate name of Jimma, Ethiopia
    assert choose_world(rows, ("KE",), name="Jima") is None
    assert choose_world(rows, ("ET",), name="Jima").country == "ET"


def test_a_name_in_a_person_title_is_no_place(nlp, tables):
    names, _, _ = places(nlp, tables, "A bomber struck the arena in Leeds after a show by the "
                         "singer Ariana Grande.", ("GB",))
    assert names == ["Leeds"]


def test_a_common_word_of_a_force_is_no_seat(nlp, tables):
    # "Central" of "Central Reserve Police Force" is no Central Region of any country.
    names, _, country = places(nlp, tables, "March 2, 2019: A bomb hit a Central Reserve Police "
                               "Force convoy in Pulwama.", ("IN",))
    assert names == ["Pulwama"] and country == "IN"


# --- names the ruler cuts short ---------------------------------------------------------------


def test_a_name_grown_by_its_first_word(nlp, tables):
    names, _, country = places(nlp, tables, "May 2, 2008: A truck bomb exploded in the northern "
                               "town of Tal Afar, killing 40.", ("IQ",))
    assert names == ["Tal Afar"] and country == "IQ"
    names, _, country = places(nlp, tables, "Two gunmen opened fire at an office party in "
                               "San Bernardino, killing 14.", ("US",))
    assert names == ["San Bernardino"] and country == "US"


def test_a_name_joined_by_a_particle(nlp, tables):
    names, _, country = places(nlp, tables, "On 3 June, insurgents raided Mocimboa da Praia "
                               "before dawn.", ("MZ",))
    assert names == ["Mocimboa da Praia"] and country == "MZ"


def test_a_name_alone_is_not_grown(nlp, tables):
    names, _, _ = places(nlp, tables, "Gunmen attacked a convoy in Gao.", ("ML",))
    assert names == ["Gao"]


# --- a town before its container ----------------------------------------------------------------


def test_a_town_before_its_state_is_the_town(nlp, tables):
    names, mentioned, country = places(nlp, tables, "12-Mar Damaturu, Yobe Suspected Boko Haram "
                                       "6 Gunmen stormed a market.", ("NG",))
    assert names == ["Damaturu"] and "Yobe" in mentioned and country == "NG"


def test_an_unknown_town_before_its_state_is_kept_unresolved(nlp, tables):
    locations, _ = find_places(nlp("Bandits raided Kwaple, Borno State, killing three farmers."),
                               tables, Settings(), country_hint=("NG",))
    assert [(loc.text, loc.country, loc.lat) for loc in locations] == [("Kwaple", "NG", None)]


def test_an_unknown_town_before_its_country(nlp, tables):
    names, _, country = places(nlp, tables, "Dalori, Nigeria - February 2016 Suicide bombers "
                               "struck a camp for displaced people.", ("IQ",))
    assert names == ["Dalori"] and country == "NG"


def test_no_town_before_a_country_that_opens_a_sentence(nlp, tables):
    names, _, _ = places(nlp, tables, "Meanwhile, Kenya sent more troops to the border.",
                         ("KE",))
    assert names == []


def test_an_official_of_a_division_is_not_its_town(nlp, tables):
    names, _, _ = places(nlp, tables, "On 4 May, Mr. Ali Bako, Diffa Region Governor, met "
                         "religious leaders.", ("NE",))
    assert names == []


# --- the heading of an entry ------------------------------------------------------------------


def test_a_town_heading_before_the_date(nlp, tables):
    names, _, country = places(nlp, tables, "Dallas, July 9, 2016: A sniper shot five police "
                               "officers during a march.", ("US",))
    assert names == ["Dallas"] and country == "US"


def test_a_heading_city_then_its_quarter(nlp, tables):
    names, mentioned, country = places(nlp, tables, "March 13, 2016 – Ankara, Kizilay: a car "
                                       "bomb explodes at a bus stop.", ("TR",))
    assert names == ["Kizilay"] and "Ankara" in mentioned and country == "TR"


def test_no_heading_place_without_a_place_name(nlp, tables):
    names, _, _ = places(nlp, tables, "June 2: Insurgents fire rockets at a peace conference.",
                         ("AF",))
    assert names == []


def test_an_event_named_after_its_town_heads_the_entry(nlp, tables):
    names, _, country = places(nlp, tables, "2016 – Nice Attack Casualties: 86 killed What "
                               "Happened: A truck drove into a crowd.", ("IN",))
    assert names == ["Nice"] and country == "FR"


def test_an_event_name_in_the_body_is_background(nlp, tables):
    names, _, _ = places(nlp, tables, "May 3, 2017: Gunmen killed two guards, the deadliest "
                         "attack since the Nice attack of last year.", ("FR",))
    assert "Nice" not in names


def test_a_country_heading_gives_the_country(nlp, tables):
    _, _, country = places(nlp, tables, "May 2: Pakistan More than 40 people die when a bus "
                           "falls into a ravine.", ("IN",))
    assert country == "PK"
    _, _, country = places(nlp, tables, "14-Jan Northern Chad Boko Haram 12 Militants raided "
                           "two villages.", ("NG",))
    assert country == "TD"


def test_a_country_opening_a_sentence_is_no_heading(nlp, tables):
    _, _, country = places(nlp, tables, "May 2, 2013: France sends troops to fight militants "
                           "in Mali.", ("FR",))
    assert country == "ML"


def test_the_location_field_of_a_block_gives_the_country(nlp, tables):
    _, _, country = places(nlp, tables, "Flight 772 Killed : 170 Location : Sahara desert near "
                           "Niger Date : September 19, 1989 A bomb exploded aboard a flight "
                           "from Brazzaville to Paris.", ("FR",))
    assert country == "NE"


# --- quarters, sites, the most specific place --------------------------------------------------


def test_the_quarter_of_a_city(nlp, tables):
    for text in (
        "A car bomb killed 30 in the Baghdad district of Mansour.",
        "A car bomb killed 30 in the Mansour quarter of central Baghdad.",
    ):
        locations, _ = find_places(nlp(text), tables, Settings(), country_hint=("IQ",))
        assert [(loc.text, loc.country) for loc in locations] == [("Mansour", "IQ")], text


def test_a_community_is_no_quarter(nlp, tables):
    names, _, _ = places(nlp, tables, "Car bombs killed 50, most of them in a Shia district of "
                         "Baghdad.", ("IQ",))
    assert names == ["Baghdad"]


def test_the_city_of_a_quarter_goes_in_every_sentence(nlp, tables):
    names, _, _ = places(nlp, tables, "Attack on Baghdad Killed : 40 Location : Iraq A bomb "
                         "killed 40 in the Mansour and Karada districts of Baghdad, Iraq.", ("IQ",))
    assert names == ["Mansour", "Karada"]


def test_a_quarter_a_later_sentence_gives(nlp, tables):
    names, _, _ = places(nlp, tables, "May 2: Militants claimed the attempt on a judge in Berlin. "
                         "A bomb went off outside his office in Mitte, killing two guards.",
                         ("DE",))
    assert names == ["Mitte"]
    # A town far from the city is another place, not a quarter of it.
    names, _, _ = places(nlp, tables, "May 2: Militants claimed the attempt on a judge in Berlin. "
                         "A bomb went off outside his office in Hamburg, killing two guards.",
                         ("DE",))
    assert names == ["Berlin"]


def test_a_site_named_after_its_place(nlp, tables):
    names, _, _ = places(nlp, tables, "A bomb exploded at the crowded Tando railway station in "
                         "Karachi, killing 12.", ("PK",))
    assert names == ["Tando"]
    names, _, _ = places(nlp, tables, "Gunmen stormed a well guarded Kismayo hotel.", ("SO",))
    assert names == ["Kismayo"]


def test_a_site_named_after_a_person_is_not_a_place(nlp, tables):
    names, _, _ = places(nlp, tables, "Gunmen stormed the Intercontinental Hotel, killing 21.",
                         ("AF",))
    assert names == []
    names, _, _ = places(nlp, tables, "Istanbul: three bombers attack the terminal of Ataturk "
                         "airport.", ("TR",))
    assert names == ["Istanbul"]


def test_a_street_or_a_camp_is_a_site(nlp, tables):
    names, _, _ = places(nlp, tables, "March 5, 2016 – Istiklal Avenue, Istanbul: a bomber "
                         "kills four.", ("TR",))
    assert names == ["Istanbul"]
    names, _, _ = places(nlp, tables, "Camp Bastion, Afghanistan - September 2012 Insurgents "
                         "attacked the base near Lashkar Gah.", ("AF",))
    assert "Camp Bastion" not in names


def test_a_place_after_a_named_site(nlp, tables):
    names, _, _ = places(nlp, tables, "Four guards were killed in an attack on the Canadian "
                         "Embassy, Kabul by gunmen.", ("AF",))
    assert names == ["Kabul"]


def test_a_reference_point_after_a_town_is_not_a_place(nlp, tables):
    names, _, _ = places(nlp, tables, "Gunmen attacked Bula village just outside the town of "
                         "Gwoza, killing 15.", ("NG",))
    assert names == ["Bula"]
    names, _, _ = places(nlp, tables, "Militants entered Garo Primary School, 80 km from "
                         "Garissa, and shot a teacher.", ("KE",))
    assert names == ["Garo"]


def test_a_place_near_which_a_second_attack_happened_is_kept(nlp, tables):
    names, _, _ = places(nlp, tables, "Militants attacked a boat near Kidal and an army post in "
                         "Tessalit.", ("ML",))
    assert names == ["Kidal", "Tessalit"]


def test_a_town_in_a_region_of_the_same_sentence(nlp, tables):
    names, _, _ = places(nlp, tables, "Meanwhile, in Benue state, herders on 9 Jan killed seven "
                         "people in Yelwata town.", ("NG",))
    assert names == ["Yelwata"]
    names, _, _ = places(nlp, tables, "In Borno state, militants on 7 Jan killed 12 fighters "
                         "near Kukawa town.", ("NG",))
    assert names == ["Kukawa"]


def test_a_lower_division_after_a_town(nlp, tables):
    names, _, _ = places(nlp, tables, "On 2 May 2019, gunmen killed four in Kaya Department, "
                         "Sanmatenga Province, Centre-Nord Region.", ("BF",))
    assert names == ["Kaya"]


def test_a_division_term_ends_an_unknown_name(nlp, tables):
    locations, _ = find_places(nlp("Militants hit two checkpoints in Abyanwa province."), tables,
                               Settings(), country_hint=("YE",))
    assert [(loc.text, loc.kind) for loc in locations] == [("Abyanwa", "admin1")]


def test_a_vague_compass_area_is_not_a_place(nlp, tables):
    names, _, _ = places(nlp, tables, "A blast at Upper Dara in South Kashmirwa killed 9.",
                         ("IN",))
    assert names == ["Upper Dara"]


# --- what is not where the event happened ------------------------------------------------------


def test_a_vessel_is_no_place(nlp, tables):
    names, _, country = places(nlp, tables, "Oct. 6, 2002 A blast damaged the cargo ship "
                               "Gelderland in the port of Mukalla.", ("YE",))
    assert "Gelderland" not in names and country == "YE"


def test_the_ends_of_a_flight_are_no_places(nlp, tables):
    names, _, _ = places(nlp, tables, "Gunmen hijacked a flight from Karachi to Lahore with 90 "
                         "people aboard.", ("PK",))
    assert names == []
    # A convoy's route is the event's.
    names, _, _ = places(nlp, tables, "Militants ambushed a convoy traveling between Kidal and "
                         "Gao.", ("ML",))
    assert names == ["Kidal", "Gao"]


def test_where_people_come_from_is_no_place(nlp, tables):
    names, _, _ = places(nlp, tables, "In Ankara, a bomber, a woman from Dagestan, killed two.",
                         ("TR",))
    assert names == ["Ankara"]


# --- later sentences and sub-events -------------------------------------------------------------


def test_a_later_sentence_gives_the_town_of_a_country(nlp, tables):
    names, _, country = places(nlp, tables, "June 3, 2017: A market in southern Somalia was "
                               "bombed. The blast hit the cattle market in Kismayo, killing 9.",
                               ("KE",))
    assert names == ["Kismayo"] and country == "SO"


def test_a_later_sentence_with_its_own_year_is_another_event(nlp, tables):
    names, _, _ = places(nlp, tables, "June 3, 2017: Militants attacked a market in southern "
                         "Somalia. Their leader was killed in Kismayo on May 2, 2019.", ("SO",))
    assert names == []


def test_a_later_sentence_with_another_day_is_another_event(nlp, tables):
    names, _, _ = places(nlp, tables, "9 June 2017 Residents of Lamu County protested on 7 and "
                         "8 June. Men had been seen near Mkunumbi village on 5 June.", ("KE",))
    assert names == ["Lamu County"]


def test_a_later_sentence_gives_the_town_of_a_state(nlp, tables):
    names, _, _ = places(nlp, tables, "Ohio, August 4, 2019: A gunman killed nine people. He "
                         "opened fire outside a bar in Dayton, 70 km north of Cincinnati.",
                         ("US",))
    assert names == ["Dayton"]


def test_a_legal_act_takes_no_place_from_later_sentences(nlp, tables):
    names, _, _ = places(nlp, tables, "A U.S. court charges a man over two 2016 attacks in "
                         "Burkina Faso. He scouted targets for attacks in Ouagadougou.", ("ML",))
    assert names == []


def test_a_name_in_passing_in_a_later_sentence_is_no_place(nlp, tables):
    names, _, _ = places(nlp, tables, "August 9: An airstrike killed four militants about to "
                         "fire rockets into Israel. A group blamed drones, a claim denied by "
                         "Tel Aviv.", ("EG",))
    assert names == []


def test_a_sentence_opening_with_a_day_tells_a_part_of_the_event(nlp, tables):
    names, _, _ = places(nlp, tables, "The bombing was claimed by ISIS in Yemen. On May 3, "
                         "militants blew themselves up in a mosque in capital Aden.", ("YE",))
    assert names == ["Aden"]
    # With a year of its own it is as often background.
    names, _, _ = places(nlp, tables, "JNIM releases a paramedic held since 2018. On May 3, "
                         "2017, he was kidnapped in Libya south of the capital of Tripoli.",
                         ("ML",))
    assert names == []


def test_a_bare_incident_sentence_is_another_incident(nlp, tables):
    names, _, _ = places(nlp, tables, "May 2001 Suicide attack on a warship in Aden. Bomb attack "
                         "on the Saudi embassy in Sanaa.", ("YE",))
    assert names == ["Aden", "Sanaa"]


def test_a_claim_of_an_attack_keeps_the_attack_place(nlp, tables):
    names, _, _ = places(nlp, tables, "On 3 May 2019 JNIM released statement claiming the attack "
                         "against the police post of Ayorou, Tillabéri Region.", ("NE",))
    assert names == ["Ayorou"]
    names, _, _ = places(nlp, tables, "On 3 May 2019 the agency released a report on schools in "
                         "the Tillabéri Region.", ("NE",))
    assert names == []


# --- context rules ------------------------------------------------------------------------------


def test_places_the_context_rules_find(nlp, tables):
    cases = [
        ("A chlorine attack on 16 March in Idlib killed six people.", ["Idlib"]),
        ("Thirteen blasts ripped through Kano, killing 40.", ["Kano"]),
        ("Insurgents killed 20 in the eastern province of Helmand.", ["Helmand"]),
        ("A car bomb exploded in the Iraqi capital, Baghdad, killing 30.", ["Baghdad"]),
        ("The militants raided three villages, Ngama, Dogo and Tuba, killing 11.",
         ["Ngama", "Dogo", "Tuba"]),
        ("A blast at Upper Dara in Kupwara killed 9 soldiers.", ["Upper Dara"]),
        ("In the Djibasso Department, a bus struck a mine.", ["Djibasso"]),
    ]
    for text, expected in cases:
        names, _, _ = places(nlp, tables, text, ("NG", "SY", "AF", "IQ", "IN", "BF"))
        assert names == expected, text


def test_what_the_context_rules_leave(nlp, tables):
    cases = [
        "Gunmen killed two in Yazidi residential compounds.",
        "The capital of Niger hosted the talks.",
        "Soldiers killed 12 near an Afghan town.",
        "Rebels attacked the military along the Pan-American highway.",
        "Troops moved in the Defence Ministry to secure it.",
    ]
    for text in cases:
        names, _, _ = places(nlp, tables, text, ("AF",))
        assert names == [], text


# --- a list titled after its town ---------------------------------------------------------------


def _document(text: str):
    return segment(source_from_text(text, Path("list.txt"), "0"))


def test_a_list_titled_after_a_capital_places_its_entries(nlp, tables):
    doc = _document("A look at recent attacks in the Iraqi capital\n\n- May 2, 2011: A bomb "
                    "kills two.\n- May 9, 2011: Gunmen kill a guard in Mosul.")
    place = list_place(doc, tables)
    assert (place.name, place.country) == ("Baghdad", "IQ")


def test_a_list_titled_after_a_town(nlp, tables):
    doc = _document("A Timeline of Major Attacks in Karachi Over the Last Year\n\n- May 2, 2011: "
                    "A bomb kills two.\n- May 9, 2011: Gunmen kill a guard.")
    assert list_place(doc, tables).name == "Karachi"


def test_a_news_peg_or_a_country_is_no_frame(nlp, tables):
    for text in (
        "Timeline of attacks in France\n\n- May 2, 2011: A bomb kills two.",
        "The death toll from the attack in Kabul rose to 90.\n\n- May 2, 2011: A bomb kills two.",
    ):
        assert list_place(_document(text), tables) is None, text


def test_the_frame_goes_to_entries_without_a_place(nlp, tables):
    from pipeline.extract import Extractor

    text = ("Attacks in the Afghan capital\n\n- May 2, 2011: A suicide bomber kills two guards.\n"
            "- May 9, 2011: Gunmen kill a guard in Jalalabad.\n")
    records, _ = Extractor().extract_text(text, "kabul")
    place_entries(records, list_place(_document(text), tables))
    assert [[fold(loc.name) for loc in r.locations] for r in records] == [["kabul"],
                                                                          ["jalalabad"]]
    assert [r.country for r in records] == ["AF", "AF"]


# --- what the new rules must leave alone --------------------------------------------------------


def test_a_list_of_towns_is_no_container(nlp, tables):
    names, _, _ = places(nlp, tables, "Bombs went off in Lashkar Gah, Kandahar and Herat.",
                         ("AF",))
    assert names == ["Lashkar Gah", "Kandahar", "Herat"]


def test_a_school_named_after_no_place(nlp, tables):
    names, _, _ = places(nlp, tables, "Gunmen seized 300 pupils from the Government Girls "
                         "Secondary School in Jangebe.", ("NG",))
    assert names == ["Jangebe"]


def test_words_that_stand_where_places_stand(nlp, tables):
    for text in (
        "A bomb went off at the Grand Mosque, Imam Ahmed said.",
        "A bomb went off at Christmas Mass in a church.",
        "Militants killed three at Friday prayers in a mosque.",
    ):
        names, _, _ = places(nlp, tables, text, ("NG",))
        assert names == [], text


def test_a_later_sentence_about_an_earlier_attack_is_background(nlp, tables):
    names, _, _ = places(nlp, tables, "May 4: Gunmen killed a chief in northern Nigeria. The "
                         "attack comes a week after bandits killed 12 in Kaduna.", ("NG",))
    assert names == []


def test_both_ends_of_a_road_named_with_their_kinds(nlp, tables):
    names, _, _ = places(nlp, tables, "In Niger on Saturday, gunmen killed nine truck drivers. "
                         "The trucks were attacked on the road between the town of Dagara and "
                         "the village of Kourteye.", ("NE",))
    assert names == ["Dagara", "Kourteye"]
    # A time span is no route.
    names, _, _ = places(nlp, tables, "Gunmen killed nine people in Dagara between May and "
                         "June.", ("NE",))
    assert names == ["Dagara"]


def test_where_an_attack_was_meant_to_strike_is_not_its_country(nlp, tables):
    _, _, country = places(nlp, tables, "May 9: Troops killed three militants about to launch "
                           "mortars into Chad.", ("NG",))
    assert country == "NG"
    # Fired, the rockets landed there.
    _, _, country = places(nlp, tables, "May 9: Militants fired rockets into Chad.", ("NG",))
    assert country == "TD"


def test_an_aircraft_attacked_in_flight_with_no_place_has_no_country(nlp, tables):
    _, _, country = places(nlp, tables, "December 2009 A man tries to down a Chicago-bound "
                           "airliner with explosives sewn into his clothes.", ("YE",))
    assert country is None
    # A place named for it gives its country.
    _, _, country = places(nlp, tables, "A bomb exploded aboard a jet over Lockerbie, Scotland.",
                           ("US",))
    assert country == "GB"


def test_a_hamlet_of_the_report_country_does_not_hide_a_famous_place(tables):
    rows = place_index(tables).world_rows("Paris")
    assert choose_world(rows, ("US",), name="Paris").country == "FR"
    # A town of the report's country comparable in size keeps its name: Birmingham, Alabama.
    rows = place_index(tables).world_rows("Birmingham")
    assert choose_world(rows, ("US",), name="Birmingham").country == "US"
