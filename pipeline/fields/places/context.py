"""The words around a place: the patterns that find names the table does not know ("the
village of X", "X, central Mali"), the contexts that qualify a name ("Mopti region", "near
Sevare", "heading toward"), and the entry's sentences."""

from __future__ import annotations

import re

from pipeline.geo.terms import terms_of_kind
from pipeline.text import sentence_at, split_sentences

# "northern", "south-east", "southern-central", "Central" (as in "Guire district, Central Mali").
_COMPASS = (
    r"(?:north|south|east|west|central|centre|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?"
)
_DIRECTIONAL = rf"(?:{_COMPASS}(?:-{_COMPASS})?)"
# A place name: capitalised words, a number ("Gangafani 2"), hyphenated parts ("Marka-coungo").
_NAME = r"[A-Z][\w'’]*(?:-[\w'’]+|\s(?:[A-Z][\w'’]*|\d+\b))*"
# A list of names: "Karou, Ouatagouna, and Daoutegeft".
_NAMES = rf"{_NAME}(?:,\s+{_NAME})*(?:,?\s+and\s+{_NAME})?"
_SPLIT_NAMES = re.compile(r",\s+and\s+|,\s+|\s+and\s+")

# A region context: "Mopti region", "the Ménaka and Timbuktu regions", "the northern region of
# Gao", "the northern Malian regions of Gao, Kidal, and Menaka".
# The first-level terms come from the division-terms table ("Borno State", "Kandahar province",
# "the governorate of Idlib"); "state of" is not read before a name, where it is mostly part of
# a group's name ("Islamic State of Iraq").
_ADMIN1_TERMS = "|".join(re.escape(t) for t in terms_of_kind("admin1", everywhere=True))
_REGION_AFTER = re.compile(rf"^(?:\s+and\s+[\w'’-]+)?\s+(?:{_ADMIN1_TERMS})\b", re.IGNORECASE)
_REGION_BEFORE = re.compile(
    rf"\b(?!states?\b)(?:{_ADMIN1_TERMS})\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
# "near Sevare", "outside Gao", "outside of Bamako", "in and around Gao", "southwest of Asongo",
# "near the town of Douentza": the event happened by the place, precision 2.
_NEAR_BEFORE = re.compile(
    rf"\b(?:near|outside(?:\s+of)?|around|close\s+to|{_DIRECTIONAL}\s+of)\s+"
    r"(?:the\s+(?:town|village|city|locality)\s+of\s+)?$",
    re.IGNORECASE,
)
# ", north of Bamako" after a place: Bamako only locates the place before it
# ("in Kwala, north of Bamako", "near Segou, northeast of Bamako").
_REFERENCE_BEFORE = re.compile(rf",\s*{_DIRECTIONAL}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# Where someone or something was going: "heading toward a refugee camp in Mauritania", "return to
# Rome", "They arrive in Niamey", "a bus transporting B2Gold employees from Fekola Mine to
# Bamako". Verb forms only: in "An army escort is ambushed in Mourdiah" Mourdiah is the event's.
# No comma between the verb and the place: in "return to Rome following their release from a
# terror group, presumably JNIM, in Mali" Mali is not a destination.
_DESTINATION_BEFORE = re.compile(
    r"\b(?:head(?:s|ed|ing)|bound|return(?:s|ed|ing)?|arriv(?:e|es|ed|ing)|"
    r"transport(?:ed|ing)|escort(?:ed|ing)|relocat(?:e|es|ed|ing))\b"
    r"[^.;:,]*?\b(?:to|toward|towards|for|in|at)\s+(?:[\w'’-]+\s+){0,5}$",
    re.IGNORECASE,
)
# Where hostages had been taken long before the event: "Stephen McGown, who had been kidnapped
# nearly six years earlier at a hotel in Timbuktu", "who the group kidnapped in southern Tunisia",
# "who they had held since January when they kidnapped him in Niger".
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:who|whom|which|that)\b[^.;,—]*?\b(?:had|kidnapp\w*|abduct\w*|held|taken|seized)\b"
    r"[^.;—]*$",
    re.IGNORECASE,
)
# Borders are not places: "near Mali's border with Niger", "near the borders with Mauritania and
# Côte d'Ivoire", "the desert frontier between Mali and Burkina Faso".
_BORDER_BEFORE = re.compile(
    r"\b(?:borders?|frontiers?)\s+(?:with|between)\s+(?:[\w'’-]+\s+){0,4}$", re.IGNORECASE
)
# A place inside an organisation's name the actor table does not know: "Islamic State in the
# Greater Sahara", "U.N. Multidimensional Integrated Stabilization Mission in Mali",
# "Coordination des mouvements de l'Azawad", "Coalition of Azawad Movements".
_IN_NAME_BEFORE = re.compile(
    r"\b(?:State|Mission|Movements?|mouvements|Coalition|Coordination|Council|Framework|People|"
    r"Liberation|Unity|Front|Province|Maghreb)\s+(?:in|of|for|de|des|du)\s+(?:the\s+)?"
    r"(?:(?:Greater|Islamic)\s+)?(?:l['’])?$"
)
# A place naming an agreement or a meeting: "the 2015 Algiers Accord", "the Lome Agreement", "the
# Doha Process".
_IN_NAME_AFTER = re.compile(
    r"^\s+(?:Movements?|Province|Front|Accords?|Agreements?|Process|Declaration|Charter|"
    r"Conference|Summit|Talks|Treaty|Protocol)\b"
)
# A place joined to the one before it, which it contains: "Aguelhok in the Kidal region",
# "Bambara-Maoude, Timbuktu", "Niafounke district in Timbuktu", "Hombori municipality, in Douentza
# region", "Aguelhok, in Mali's northern Kidal region", "Kassela, both in the Koulikoro region".
_ATTACHED = re.compile(
    r"^(?:\s+(?:district|municipality|commune|cercle|village|town|area|camp))?\s*"
    r"(?:,\s*(?:both\s+)?(?:in\s+)?|\s+in\s+)(?:the\s+)?(?:[A-Z][\w'’ -]*?['’]s\s+)?"
    rf"(?:{_DIRECTIONAL}\s+)?$",
    re.IGNORECASE,
)
# Sentences that report another incident of the same entry: "That same day, JNIM militants
# ambush soldiers in the Koulikoro region", "The same day, insurgents attack ... in Aguelhok".
_SUB_EVENT = re.compile(
    r"^(?:(?:That|The|On\s+the)\s+same\s+day|Also\s+on\b|(?:The|That)\s+(?:following|next)\s+day|"
    r"Shortly\s+after|Meanwhile)",
    re.IGNORECASE,
)
# Tally sentences that name the places of the victims: "The attacks kill four in Gorey, four in
# Djamnati, and one in Simikanda", "The ambushes kill at least 17—14 in Boya and three in Gaena".
_TALLY = re.compile(
    r"^(?:The|These|Both)\s+(?:[\w-]+\s+){0,2}(?:attacks?|ambush(?:es)?|explosions?|raids?|"
    r"assaults?|clashes|blasts?|bombings?)\b[^.]*\b(?:kill|kills|killed|wound\w*|injur\w*)\b",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?$", re.IGNORECASE)
# An entry whose event is a publication: its places are the document's subject, not where it
# was published ("According to a report published by the International Rescue Committee ...
# especially in the Ménaka and Timbuktu regions", "MEMRI publishes leaked documents ...").
_PUBLICATION = re.compile(
    r"^(?:[^:]{0,40}:\s*)?(?:According\s+to\s+(?:a|the|new)\b[^,.]*\breport\b|"
    r"[^.]*?\b(?:publish(?:es|ed)?|releases?|released)\s+(?:a\s+|an\s+|its\s+)?"
    r"(?:new\s+|joint\s+|leaked\s+)?(?:report|statement|documents?)\b)",
    re.IGNORECASE,
)
# Both ends of a route are places of the event, in any sentence: "between the localities of
# Niono and Nampala", "The buses are rerouted toward a forest between Bandiagara and Bankass".
_BETWEEN = re.compile(
    rf"\bbetween\s+(?:the\s+(?:localities|towns|villages|cities)\s+of\s+)?"
    rf"(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})"
)

# Context patterns that find names the table does not know; each id becomes "rule:<id>". Group
# "names" holds one name or a list, groups "a" and "b" the two ends of a route.
_CONTEXT_RULES: tuple[tuple[str, re.Pattern], ...] = (
    # "the villages of Yoro and Gangafani 2", "the towns of Menaka, Gao, and Kidal"
    (
        "villages_of",
        re.compile(rf"\b(?:villages|towns|localities|cities)\s+of\s+(?P<names>{_NAMES})"),
    ),
    # "the village of Koulogon Peul", "the town of Kadji", "the Dogon village of Sobane Da",
    # "the central Malian town of Sevare", "the northern city of Timbuktu"
    (
        "village_of",
        re.compile(rf"\b(?:village|town|city|locality|commune)\s+of\s+(?P<names>{_NAME})"),
    ),
    # "between the localities of Niono and Nampala", "between Dogofri and Nampala"
    ("between_localities", _BETWEEN),
    # "in Dembo, central Mali", "in Sevare, Niono, and Bapho, central Mali", "ambush Kimparana,
    # central Mali"
    (
        "x_region_of_country",
        re.compile(rf"(?P<names>{_NAMES}),\s+(?i:{_DIRECTIONAL})\s+[A-Z]"),
    ),
    # "Segue village", "Sebekoro town", "Guire district", "Hombori municipality"; not "the Dogon
    # village of ...", where the place comes after
    (
        "x_village",
        re.compile(
            rf"(?P<names>{_NAME})\s+(?P<kind>village|town|district|municipality|commune)\b"
            r"(?!\s+of\b)"
        ),
    ),
    # "Talataye, a town in northern Mali", "Ogossagou, a village that is home to ...", "Gaganfani
    # and Yono, two ethnic Dogon villages"
    (
        "x_a_town",
        re.compile(
            rf"(?P<names>{_NAMES}),\s+(?:a|an|the|two|three|both)\s+(?:[\w-]+\s+){{0,3}}?"
            r"(?P<kind>towns?|villages?|city|cities|locality|localities)\b"
        ),
    ),
    # "the Kwala-Mourdiah road", "the Tessalit-Gao highway", "the Gomitra-Kwala axis"
    (
        "road_between",
        re.compile(
            r"\b(?P<a>[A-Z][\w'’]+)-(?P<b>[A-Z][\w'’]+)\s+(?:road|highway|axis|route)\b"
        ),
    ),
    # "a bus traveling from Songho to a market in Bandiagara"
    ("travel_from", re.compile(rf"\btrav\w*\s+from\s+(?P<names>{_NAME})\s+to\b")),
    # "a military post southwest of Asongo"
    ("direction_of_x", re.compile(rf"(?i:\b{_DIRECTIONAL})\s+of\s+(?P<names>{_NAME})")),
    # "near Sevare", "near Kerena"
    ("near_x", re.compile(rf"\bnear\s+(?P<names>{_NAME})")),
    # A name after "in" that ends a phrase: "in Tessalit.", "attacks in Djibo, ambushing ...",
    # "four in Gorey, four in Djamnati", "military bases in Boulikessi and Mondoro, both in ..."
    (
        "in_x",
        re.compile(
            rf"\bin\s+(?P<names>{_NAMES})"
            r"(?=\s*[,.;:]|\s+(?:in|near|on|at|and|while|with|before|after)\b|\s*$)"
        ),
    ),
)
_CONTEXT_KINDS = {
    "village": "populated_place",
    "villages": "populated_place",
    "town": "populated_place",
    "towns": "populated_place",
    "city": "populated_place",
    "cities": "populated_place",
    "commune": "admin3",
    "municipality": "admin3",
    "district": "admin2",
}
_KIND_WORD_OF = re.compile(r"\b(villages?|towns?|city|cities|commune|municipality|district)\s+of\b")
# Capitalised words that the rules must not take for names: "between August 17 and August 21",
# "The village is home to members of the Fulani", "near U.N.-owned villas" ("U").
_CALENDAR_WORD = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_DETERMINER = re.compile(
    r"(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Both|Each|All|Several|Many|Some|"
    r"One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\b"
)
# NER names are kept only where the text uses them as places: "in X", "near X", "at X".
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|from|of\s+the\s+(?:town|village|city|locality)\s+of)\s+(?:the\s+)?$"
)

def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of an entry (``pipeline.text.split_sentences``); never empty.

    >>> _sentences("Gunmen attack the U.S. Embassy. Two die.")
    [(0, 31), (32, 40)]
    """
    return split_sentences(text) or [(0, len(text))]


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    return sentence_at(spans, pos)


def _is_region_context(text: str, start: int, end: int) -> bool:
    return bool(
        _REGION_AFTER.match(text[end : end + 40])
        or _REGION_BEFORE.search(text[max(0, start - 30) : start])
    )


def _in_name(text: str, start: int, end: int) -> bool:
    return bool(
        _IN_NAME_BEFORE.search(text[max(0, start - 60) : start])
        or _IN_NAME_AFTER.match(text[end:])
    )


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)
