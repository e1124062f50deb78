"""Country names, codes and nationality adjectives, as the rest of the pipeline asks for them.

Thin functions over the world gazetteer (``pipeline.geo.world``); each takes the gazetteer as an
argument and defaults to the process's shared one, so a test can pass its own.

>>> country_code("Ivory Coast"), country_code("U.S."), country_code("AFG"), country_code("Gao")
('CI', 'US', 'AF', None)
>>> countries_of_demonym("Burkinabe"), main_demonym("NE")
(['BF'], 'Nigerien')
"""

from __future__ import annotations

from pipeline.geo.world import WorldGazetteer, shared_world


def country_code(name: str, world: WorldGazetteer | None = None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country's name, short form or code; None otherwise.

    >>> country_code("Democratic Republic of the Congo"), country_code("Burma")
    ('CD', 'MM')
    """
    place = (world or shared_world()).country_by_name(name)
    return place.country if place else None


def country_name(code: str, world: WorldGazetteer | None = None) -> str | None:
    """The canonical English name of a country code (pycountry's common name or name).

    >>> country_name("BO"), country_name("XX")
    ('Bolivia', None)
    """
    place = (world or shared_world()).country(code)
    return place.name if place else None


def countries_of_demonym(word: str, world: WorldGazetteer | None = None) -> list[str]:
    """The countries a nationality adjective or plural noun stands for ([] for none).

    >>> countries_of_demonym("Somalis"), countries_of_demonym("Congolese")
    (['SO'], ['CD', 'CG'])
    """
    return (world or shared_world()).country_of_demonym(word)


def main_demonym(code: str, world: WorldGazetteer | None = None) -> str | None:
    """A country's main nationality adjective, None when the table has none.

    >>> main_demonym("AF"), main_demonym("AQ")
    ('Afghan', None)
    """
    adjectives = (world or shared_world()).demonyms(code)
    return adjectives[0] if adjectives else None
