"""The words of a candidate place name itself, as context.py holds the words around it: where a
span the ruler cut short really ends ("Tal Afar", "Gulf of Aden"), and whether a span is a place's
name at all (not a title, a community, a site's name, nor words that are no proper nouns)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from pipeline.fields.places.context import _CALENDAR_WORD, _DETERMINER, _SITE_GENERIC, _SITE_SUFFIX
from pipeline.fields.places.resolve import _rows_for
from pipeline.fields.places.resolve import _world_rows as _world_namesakes
from pipeline.geo.countries import countries_of_demonym
from pipeline.geo.index import PlaceIndex
from pipeline.geo.terms import division_terms
from pipeline.nlp import world_division_names
from pipeline.tables import PlaceRow, fold


# --- names the ruler cut short -------------------------------------------------------------------

# Words that begin a place's name before a name of its own: "Tal Afar", "San Bernardino", "Fort
# Lauderdale", "Port Harcourt", "Ras Lanuf", "Deir ez-Zor".
_NAME_PREFIXES = frozenset({
    "tal", "tall", "tel", "san", "santa", "santo", "sao", "saint", "st.", "fort", "port", "mount",
    "ras", "bir", "ain", "deir", "kafr", "umm",
})
# A sea or gulf named after a place: "the Gulf of Aden".
_WATER = re.compile(r"(?:Gulf|Bay|Strait|Straits|Sea)\s+of\s+")
_WATER_BEFORE = re.compile(r"\b(?:Gulf|Bay|Strait|Straits|Sea)\s+of\s+$")
_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’]*\.?) $")
_PARTICLE_BEFORE = re.compile(
    r"(?<![\w'’.-])[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*)?[ -]"
    r"(?:da|de|do|dos|das|del|di|du|des|la|el)[ -]$"
)
_WORD_AFTER = re.compile(r"^ ([A-Z][\w'’]*)")


def _world_rows(name: str, places) -> tuple[PlaceRow, ...]:
    """The world gazetteer's namesakes even when the curated table knows the name."""
    return _world_namesakes(name, places) if isinstance(places, PlaceIndex) else ()


def _extend(text: str, start: int, end: int, places) -> tuple[int, int]:
    """A ruler span grown to the whole name it is part of: "Afar" of "Tal Afar", "San" of "San
    Bernardino", "Sadr City", "Gulf of Aden". A word is added when the longer name is in the
    gazetteer, or it is a word that begins or ends place names ("Tal", "Fort", "City")."""
    name = text[start:end]
    water = _WATER_BEFORE.search(text[max(0, start - 12) : start])
    if water:
        return start - len(water.group(0)), end
    particle = _PARTICLE_BEFORE.search(text[max(0, start - 30) : start])
    if particle and _rows_for(particle.group(0) + name, places):
        # "Mocimboa da Praia", "Ciudad del Este": a name joined by a particle.
        return start - len(particle.group(0)), end
    before = _WORD_BEFORE.search(text[max(0, start - 20) : start])
    if before:
        word = before.group(1)
        if fold(word) in _NAME_PREFIXES or (
            word.lower() not in STOP_WORDS and _rows_for(f"{word} {name}", places)
        ):
            start -= len(word) + 1
            name = text[start:end]
    after = _WORD_AFTER.match(text[end : end + 30])
    if after:
        word = after.group(1)
        if word == "City" or (
            word.lower() not in _TERMS and _rows_for(f"{name} {word}", places)
        ):
            end += len(word) + 1
    return start, end


# --- division names and terms ------------------------------------------------------------------

_TERMS = frozenset(t.term for t in division_terms())


@lru_cache(maxsize=1)
def _division_names() -> frozenset[str]:
    return frozenset(fold(n) for n in world_division_names())


def _division_name(text: str) -> bool:
    """Whether the entity ruler labels ``text`` as a country's or a division's name."""
    return fold(text) in _division_names()


# --- whether a span is a place's name ----------------------------------------------------------

# Parts of speech a place name's words never have ("Meanwhile, Kenya ...", "In Mogadishu").
_NOT_NAME_POS = frozenset({"ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "VERB", "AUX", "NUM",
                           "PART", "INTJ"})


def _trim_leading(doc: Doc, start: int, end: int) -> tuple[int | None, int]:
    """A name without the sentence words before it: "In Mogadishu" -> "Mogadishu"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, end
    tokens = list(span)
    while tokens and (tokens[0].is_stop or tokens[0].pos_ in _NOT_NAME_POS
                      or _CALENDAR_WORD.fullmatch(tokens[0].text)):
        tokens = tokens[1:]
    if not tokens:
        return None, end
    return max(start, tokens[0].idx), end


def _proper_noun(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and all(
        t.pos_ not in _NOT_NAME_POS and not t.is_stop for t in span if not t.is_punct
    )


# Capitalised words that stand where a place stands but name none: titles of people, feasts,
# faiths ("at Christmas Mass in", "in Islam remains", "Imam Ahmed").
_NOT_PLACE_WORDS = frozenset({
    "mr", "mrs", "ms", "dr", "president", "imam", "sheikh", "general", "gen", "colonel", "col",
    "captain", "capt", "governor", "senator", "minister", "commander", "king", "prince", "pope",
    "mass", "christmas", "easter", "ramadan", "eid", "islam", "christianity", "judaism", "jihad",
    "sharia", "parliament", "congress", "senate",
})
_COMMUNITY = frozenset({
    "shia", "shiite", "shi'ite", "sunni", "yazidi", "kurdish", "christian", "muslim", "jewish",
    "catholic", "coptic", "alawite", "druze", "tuareg", "fulani", "dogon", "arab", "islamic",
})


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip())


def _plausible_name(name: str) -> bool:
    """Not a date, a determiner, an abbreviation, a nationality or a community: "U" of "near
    U.N.-owned villas", "an Afghan town", "the Pan-American highway", "Yazidi compounds"."""
    if len(name) < 3 or name.isupper():
        return False
    if _CALENDAR_WORD.match(name) or _DETERMINER.match(name):
        return False
    first = name.split()[0].split("-")[0]
    if fold(first) in _NOT_PLACE_WORDS:
        return False
    return fold(first) not in _COMMUNITY and not countries_of_demonym(first)


# --- a site's name -----------------------------------------------------------------------------

# A name that begins or ends with a site's word is the site's: "Camp Speicher", "Istiklal
# Street", "Umpqua Community College" ("Fort Hood" is a town).
_SITE_NAME = re.compile(r"(?:Camp|Hotel|Base|Airport|Mosque|Church|Hospital)\b")
_SITE_END = re.compile(rf"\s(?:{_SITE_SUFFIX})$")
_ENDS_IN_TERM = re.compile(
    r"\s(?:Department|Province|Region|District|State|County|Prefecture|Governorate)$",
    re.IGNORECASE,
)


def _is_site_name(name: str) -> bool:
    return bool(_SITE_NAME.match(name) or _SITE_END.search(name))


def _site_name(name: str) -> str:
    """The place's words of a site's name: "Fafi Primary" (School) -> "Fafi"."""
    words = name.split()
    while words and re.fullmatch(_SITE_GENERIC, words[-1], re.IGNORECASE):
        words.pop()
    if words and _DETERMINER.fullmatch(words[0]):
        words = words[1:]  # "The Paris offices of ..." at a sentence's start
    return " ".join(words)
