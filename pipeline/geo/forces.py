"""The armed forces and police of every country, generated from its adjectives.

A report on any country calls its forces "Nigerian troops", "Kenyan police", "the Somali army";
``actors.csv`` names the forces of the countries reports cover most, with their official names
and acronyms ("Kenya Defence Forces", "KDF"). For every country with an adjective
(``pipeline/data/demonyms.csv``), this adds the common forms the table does not already hold:

- "<adjective> Armed Forces", "<adjective> army / troops / soldiers / soldier / military /
  forces / security forces / gendarmes / gendarmerie / air force / navy" for its armed forces;
- "<adjective> Police", "<adjective> police / policemen / policeman / police officers / police
  officer" for its police.

The canonical name is the curated one when the table has a force of that country (its first
"state force" row that is not a police force, or its first "foreign force"), else "<adjective>
Armed Forces" and "<adjective> Police" with the country's main adjective. A form any curated
row already holds stays that row's. Every generated row says where it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence

ARMY_NOUNS = ("Armed Forces", "army", "troops", "soldiers", "soldier", "military", "forces",
              "security forces", "gendarmes", "gendarmerie", "air force", "navy")
POLICE_NOUNS = ("Police", "police", "policemen", "policeman", "police officers",
                "police officer")
SOURCE = "generated from demonyms.csv: the common forms of a country's forces"


def force_rows(curated: Sequence, row_model, world) -> list:
    """The generated rows for every country's forces (``row_model`` is ``ActorRow``).

    >>> from pipeline.tables import ActorRow, load_tables
    >>> from pipeline.geo.world import shared_world
    >>> rows = force_rows(load_tables(generate_forces=False).actors, ActorRow, shared_world())
    >>> next(r.name for r in rows if r.alias == "Bhutanese troops")
    'Bhutanese Armed Forces'
    """
    from pipeline.tables import fold

    taken = {fold(r.alias) for r in curated if not r.in_countries}
    kinds = {r.name: (r.kind, r.parent) for r in curated}
    armies: dict[str, str] = {}
    police: dict[str, str] = {}
    for r in curated:
        if not r.country or r.kind not in ("state force", "foreign force"):
            continue
        target = police if "police" in r.name.lower() else armies
        target.setdefault(r.country, r.name)
    out = []
    for country in world.countries():
        code = country.country
        adjectives = world.demonyms(code or "")
        if not code or not adjectives:
            continue
        main = adjectives[0]
        for nouns, names, default in ((ARMY_NOUNS, armies, f"{main} Armed Forces"),
                                      (POLICE_NOUNS, police, f"{main} Police")):
            name = names.get(code, default)
            kind, parent = kinds.get(name, ("state force", None))
            forms = [name] + [f"{adj} {noun}" for adj in adjectives for noun in nouns]
            for form in forms:
                if fold(form) in taken:
                    continue
                taken.add(fold(form))
                out.append(row_model(name=name, alias=form, kind=kind, country=code,
                                     parent=parent, source=SOURCE))
    return out
