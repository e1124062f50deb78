"""Actors of any country: generated forces, aliases that differ by country, U.N. contingents,
bodies acting at their seat, accusations of violence."""

from __future__ import annotations

import pytest

from pipeline.fields.actors import find_actors, resolve_actor
from pipeline.fields.places.country import event_country
from pipeline.geo.forces import SOURCE
from pipeline.settings import Settings

from ..conftest import needs_model


@pytest.fixture(scope="module")
def parse(nlp):
    return nlp


@pytest.mark.parametrize("form, name, country", [
    ("Ghanaian police", "Ghanaian Police", "GH"),
    ("Bhutanese soldiers", "Bhutanese Armed Forces", "BT"),
    ("Burkinabe troops", "Burkina Faso Armed Forces", "BF"),  # generated form, curated name
    ("Somali soldiers", None, "SO"),  # a curated form
    ("Nigerian army", None, "NG"),
])
def test_every_country_has_its_forces(tables, form, name, country):
    row, how = resolve_actor(form, tables.actors)
    assert how == "table" and row.country == country
    if name is not None:
        assert row.name == name and row.source == SOURCE
    else:
        assert row.source != SOURCE  # the table's own forms come first


def test_curated_forms_are_never_overridden(tables):
    generated = {row.alias for row in tables.actors if row.source == SOURCE}
    curated = {row.alias for row in tables.actors if row.source != SOURCE and not row.in_countries}
    assert not generated & curated


@pytest.mark.parametrize("alias, country, expected", [
    ("ADF", None, "ADF"),  # the Allied Democratic Forces anywhere
    ("ADF", "CM", "Ambazonia Defence Forces"),
    ("ADF", "UG", "ADF"),  # a country the restricted row does not name
    ("al-Shabaab", "SO", "al-Shabaab"),
    ("al-Shabaab", "MZ", "Ansar al-Sunna"),
])
def test_an_alias_means_what_it_means_in_the_event_country(tables, alias, country, expected):
    row, _ = resolve_actor(alias, tables.actors, country=country)
    assert row.name == expected


@pytest.mark.parametrize("text, code, method", [
    ("January 16, 2020: A U.S. federal court charges a man in absentia.", "US", "rule:body_seat"),
    ("The International Criminal Court (ICC) convicts Al Hassan.", "NL", "rule:body_seat"),
    ("Gunmen attack a market. The International Criminal Court says nothing.", "ML", None),
])
def test_a_body_acts_at_its_seat(tables, text, code, method):
    country, evidence = event_country([], [], text, "ML", tables.actors)
    assert country == code
    assert (evidence.method if evidence else None) == method


def test_seats_are_data_not_code(tables):
    seats = {row.name: row.seat for row in tables.actors if row.seat}
    assert seats["International Criminal Court"] == "NL"
    assert all(tables.actor_kinds()[name] in ("court", "government body") for name in seats)


@needs_model
@pytest.mark.parametrize("text, perpetrators, targets", [
    # A foreign force named by its nationality beside the U.N. is the mission's contingent.
    ("June 11, 2014: A suicide bomber kills four Malian and Chadian soldiers at a U.N. "
     "peacekeeping camp in Aguelhok, Mali.", [], ["MINUSMA", "Malian Armed Forces"]),
    # Without the U.N., the country's own forces.
    ("May 2, 2021: Boko Haram fighters ambush Cameroonian troops near Mora.",
     ["Boko Haram"], ["Cameroonian Armed Forces"]),
    # A vehicle another force drives names no actor of its own.
    ("February 26, 2020: A roadside bomb strikes a German vehicle being driven by Irish troops "
     "near Gao.", [], ["Irish Defence Forces"]),
])
def test_forces_of_other_countries(parse, tables, text, perpetrators, targets):
    actors, _, _ = find_actors(parse(text), tables, Settings(), home_force="Malian Armed Forces",
                               un_mission="MINUSMA", country="ML")
    assert sorted(a.name for a in actors if a.role == "perpetrator") == perpetrators
    assert sorted(a.name for a in actors if a.role == "target") == targets


@needs_model
def test_a_force_accused_of_killing_is_the_suspected_perpetrator(parse, tables):
    text = ("Human Rights Watch accused Malian armed forces and associated foreign soldiers of "
            "summarily executing an estimated 300 civilian men in the town of Moura.")
    actors, _, _ = find_actors(parse(text), tables, Settings(), home_force="Malian Armed Forces",
                               un_mission="MINUSMA", country="ML")
    perpetrators = [(a.name, a.attribution) for a in actors if a.role == "perpetrator"]
    assert perpetrators == [("Malian Armed Forces", "suspected")]


@needs_model
def test_an_accusation_of_no_violence_is_the_accusers_statement(parse, tables):
    text = "Mali first accused France of supporting Islamist militants on August 18."
    actors, _, _ = find_actors(parse(text), tables, Settings(), home_force="Malian Armed Forces",
                               un_mission="MINUSMA", country="ML")
    assert "French Armed Forces" not in [a.name for a in actors if a.role == "perpetrator"]
