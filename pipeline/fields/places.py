"""Places: where an entry's event happened, the other places it names, and the event's country.

spaCy finds the spans: the entity ruler labels every spelling of ``places.csv`` ``PLACE`` (and the
actors' names ``ACTOR``, which win over a place inside them by being longer); context patterns
("the village of X", "X, central Mali") and the statistical NER (``GPE``/``LOC``) find the names
the table does not know. This module decides, with the labelling guidelines
(tests/gold/GUIDELINES.md, "Locations" and "Country"):

- which table row a span means: "Gao" is the town unless the text says "Gao region" or "the
  region of Gao"; "Timbuktu" after "Niafounke district in" is the region holding Niafounke;
- which places are the event's: those of the first sentence, of a sentence opening another
  incident ("That same day ... in Kayes"), of a tally sentence ("The attacks kill four in
  Gorey"), and both ends of "between X and Y". The rest goes to ``mentioned_places``, as do
  destinations ("heading toward a refugee camp in Mauritania"), where hostages were once taken
  ("who had been kidnapped ... in Timbuktu"), reference points ("Kwala, north of Bamako"), sites
  (a hotel, a camp), countries and vague areas ("the Sahel");
- the most specific level only: a region is dropped when a place inside it is a location
  ("Aguelhok, in Mali's northern Kidal region" is Aguelhok);
- ``geo_precision`` as ACLED uses it: 1 the place, 2 near it or a district, 3 a region alone
  (its capital's coordinates stand in).

The "Sources:" tail of an entry never yields a place ("Voice of America", "France 24").
Evidence offsets are local to the text the functions receive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from spacy.tokens import Doc

from pipeline.nlp import ACTOR, PLACE
from pipeline.schema import Evidence, Location
from pipeline.settings import Settings
from pipeline.tables import PlaceRow, Tables, cache_by_identity, fold

# --- the table ---------------------------------------------------------------------------------

# Which row a bare spelling means when several share it ("Gao" town and region): the most
# specific kind first. Sites come last: their names are only ever their own.
_KIND_ORDER = ("town", "village", "commune", "cercle", "region", "area", "country", "site")
_REGION_KINDS = frozenset({"region", "area"})
# The note prefix places.csv gives areas wider than a country (pipeline/data/README.md).
_SUPRANATIONAL = "supranational"
# Fuzzy matching of names shorter than this is noise: "Gao" is 86 from "Gaza".
_FUZZY_MIN_CHARS = 4
# From this length ratio on, WRatio scores the best partial match, which finds "Koro" inside
# "Koulikoro" (90) and "Kadji" inside "Kadji camp" (90): longer or shorter spellings are skipped.
_PARTIAL_RATIO = 1.5

# --- the words around a place ------------------------------------------------------------------

# The label of an entry's sources tail: "Source: Reuters", "Sources: Defense Post, France 24",
# "(Sources: ...)" in prose. pipeline.fields.sources reads the same label; it is repeated here so
# that the two field modules do not depend on each other.
_SOURCES_LABEL = re.compile(r"\bSources?:")
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
_REGION_AFTER = re.compile(r"^(?:\s+and\s+[\w'’-]+)?\s+regions?\b", re.IGNORECASE)
_REGION_BEFORE = re.compile(r"\bregions?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
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
_IN_NAME_AFTER = re.compile(r"^\s+(?:Movements?|Province|Front)\b")
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
    "village": "village",
    "villages": "village",
    "town": "town",
    "towns": "town",
    "city": "town",
    "cities": "town",
    "commune": "commune",
    "municipality": "commune",
    "district": "cercle",
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

# --- the country -------------------------------------------------------------------------------

# Bodies whose acts happen at their seat: "A U.S. federal court charges ...", "The U.S.
# Department of the Treasury designates ...", "The International Criminal Court (ICC) convicts".
_SEATS: tuple[tuple[str, re.Pattern, str], ...] = (
    (
        "us_body",
        re.compile(
            r"^(?:[^:]{0,40}:\s*)?(?:The|A|An)\s+(?P<body>(?:U\.S\.|United\s+States)\s+"
            r"(?:federal\s+court|court|Department\s+of\s+(?:the\s+)?[A-Z]\w+|Treasury|"
            r"government|Congress))"
        ),
        "US",
    ),
    (
        "icc",
        re.compile(r"^(?:[^:]{0,40}:\s*)?(?:The\s+)?(?P<body>International\s+Criminal\s+Court)"),
        "NL",
    ),
)
# "attack a beach resort in Côte d'Ivoire", "AQIM militants in Mali kidnap ...", "are released
# in Mali": the country the first sentence puts the event in.
_COUNTRY_IN_BEFORE = re.compile(
    r"\b(?:in|into|inside)\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE
)

# --- sentences ---------------------------------------------------------------------------------

_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Dr|Mr|Mrs|Ms|St|Gen|Col|Lt|No|vs|a\.m|p\.m)\.)$"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass
class _Mention:
    """A span that may name a place, before it is judged."""

    start: int
    end: int
    text: str
    row: PlaceRow | None  # None: a name the table does not know
    method: str
    kind: str | None = None  # from context when the table does not know the place
    admin1: str | None = None  # from context when the table does not know the place
    country: str | None = None  # from context when the table does not know the place
    sentence: int = 0
    as_region: bool = False  # the spelling means the region here ("Mopti region")
    contained: bool = False  # a region named as the container of a place before it
    near: bool = False  # "near X", "outside X", "southwest of X"


# --- the table ---------------------------------------------------------------------------------


@cache_by_identity
def _index(places: Sequence[PlaceRow]) -> dict[str, tuple[PlaceRow, ...]]:
    """Rows by folded spelling, most specific kind first (built once per table)."""
    grouped: dict[str, list[PlaceRow]] = {}
    for row in places:
        for spelling in row.spellings:
            grouped.setdefault(fold(spelling), []).append(row)
    return {
        key: tuple(sorted(rows, key=lambda r: _KIND_ORDER.index(r.kind)))
        for key, rows in grouped.items()
    }


def _key(text: str) -> str:
    """Folded lookup key of a span: no leading article, no possessive ("Mali’s" -> "mali")."""
    key = re.sub(r"^the\s+", "", fold(text))
    return re.sub(r"'s$", "", key)


def _rows_for(text: str, places: Sequence[PlaceRow]) -> tuple[PlaceRow, ...]:
    return _index(places).get(_key(text), ())


def _prefer(rows: Sequence[PlaceRow], country_hint: str | None, region: bool) -> PlaceRow | None:
    """The row a spelling means: the hint country first, then regions or points as context says."""
    if not rows:
        return None

    def rank(row: PlaceRow) -> tuple[int, int]:
        kind_rank = _KIND_ORDER.index(row.kind)
        if region and row.kind in _REGION_KINDS:
            kind_rank = -1
        return (0 if row.country == country_hint else 1, kind_rank)

    return min(rows, key=rank)


def resolve_place(
    text: str,
    places: Sequence[PlaceRow],
    country_hint: str | None = "ML",
    cutoff: float = 90.0,
) -> tuple[PlaceRow, str] | None:
    """The table row a name means, and how it was found: ``"table"`` or ``"fuzzy:<score>"``.

    An exact match of the accent-folded name or a variant wins, in the hint country first and the
    most specific kind first (the town of Gao before the region). Failing that, the closest
    spelling of comparable length by rapidfuzz WRatio at ``cutoff`` or above.

    >>> from pipeline.tables import load_tables
    >>> row, method = resolve_place("Sèvre", load_tables().places)
    >>> row.name, row.kind, method
    ('Sévaré', 'town', 'table')
    """
    rows = _rows_for(text, places)
    if rows:
        return _prefer(rows, country_hint, region=False), "table"
    key = _key(text)
    if len(key) < _FUZZY_MIN_CHARS:
        return None
    index = _index(places)
    comparable = [
        k for k in index if max(len(k), len(key)) < _PARTIAL_RATIO * min(len(k), len(key))
    ]
    hinted = [k for k in comparable if any(r.country == country_hint for r in index[k])]
    best: tuple[str, float] | None = None
    for choices in (hinted, comparable):
        if not choices:
            continue
        found = process.extractOne(
            key, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=cutoff
        )
        # The hint country's match stands unless another country's spelling scores higher.
        if found and (best is None or found[1] > best[1]):
            best = (found[0], found[1])
    if best is None:
        return None
    return _prefer(index[best[0]], country_hint, region=False), f"fuzzy:{best[1]:.0f}"


def _capital(region: PlaceRow, places: Sequence[PlaceRow]) -> PlaceRow | None:
    """The town that shares a spelling with a region: its capital (Gao, Bandiagara, Taoudenni)."""
    spellings = {fold(s) for s in region.spellings}
    for row in places:
        if row.kind != "town" or row.country != region.country:
            continue
        if spellings & {fold(s) for s in row.spellings}:
            return row
    return None


def _is_supranational(row: PlaceRow) -> bool:
    """Areas wider than a country (Sahel, Sahara, West Africa), marked so in places.csv's note."""
    return row.kind == "area" and (row.note or "").startswith(_SUPRANATIONAL)


# --- text structure ----------------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of an entry; "U.S." and "Dr." do not end a sentence.

    >>> _sentences("Gunmen attack the U.S. Embassy. Two die.")
    [(0, 31), (32, 40)]
    """
    spans = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if _ABBREVIATION.search(text[start : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (start, end) in enumerate(spans):
        if start <= pos < end:
            return i
    return len(spans) - 1


def _body_end(text: str) -> int:
    """Where the entry's "Sources:" tail starts (its last label), or the end of the text."""
    labels = list(_SOURCES_LABEL.finditer(text))
    return labels[-1].start() if labels else len(text)


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


# --- finding spans -----------------------------------------------------------------------------


def _collect(
    doc: Doc, places: Sequence[PlaceRow], hint: str | None, cutoff: float
) -> list[_Mention]:
    """Every span that may name a place, table rows resolved, in text order."""
    text = doc.text
    mentions: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ == ACTOR:
            taken.append((ent.start_char, ent.end_char))
            # A body named after its seat keeps the seat as a place: "A Bamako court begins the
            # trial" (the actor table knows "Bamako court"), "A U.S. federal court charges".
            for k in range(len(ent) - 1, 0, -1):
                head = ent[:k]
                row = _prefer(_rows_for(head.text, places), hint, region=False)
                if row is not None:
                    mentions.append(
                        _Mention(head.start_char, head.end_char, head.text, row, "table")
                    )
                    break
        elif ent.label_ == PLACE:
            region = _is_region_context(text, ent.start_char, ent.end_char)
            row = _prefer(_rows_for(ent.text, places), hint, region)
            if row is not None:
                mention = _Mention(ent.start_char, ent.end_char, ent.text, row, "table")
                mention.as_region = region and row.kind in _REGION_KINDS
            else:
                mention = _resolve_mention(
                    ent.start_char, ent.end_char, ent.text, places, hint, cutoff, "table"
                )
            mentions.append(mention)
            taken.append((ent.start_char, ent.end_char))
        elif ent.label_ == "DATE":
            # The other labels of the small model are not trusted to exclude a name: it calls
            # villages NORP, ORG or PERSON ("the village of Aguelhok", "between Koro and Bankass").
            taken.append((ent.start_char, ent.end_char))

    for rule_id, pattern in _CONTEXT_RULES:
        for m in pattern.finditer(text):
            kind = _context_kind(m)
            for start, end in _rule_names(m):
                name = _strip_possessive(text[start:end])
                end = start + len(name)
                if _overlaps(start, end, taken) or not _plausible_name(name):
                    continue
                mention = _resolve_mention(
                    start, end, name, places, hint, cutoff, f"rule:{rule_id}"
                )
                mention.kind = mention.kind or kind
                mentions.append(mention)
                taken.append((start, end))

    # The statistical NER last: the rules cut names more exactly ("Bouka Were", not "Bouka").
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or _overlaps(ent.start_char, ent.end_char, taken):
            continue
        # The small model calls "JNIM" and "Dogon" GPE: keep only capitalised words the text puts
        # in a place slot ("in X", "near X").
        if ent.text.isupper() or not ent.text[:1].isupper():
            continue
        if not _LOCATIVE_BEFORE.search(text[max(0, ent.start_char - 40) : ent.start_char]):
            continue
        mentions.append(
            _resolve_mention(ent.start_char, ent.end_char, ent.text, places, hint, cutoff, "ner")
        )
        taken.append((ent.start_char, ent.end_char))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _rule_names(m: re.Match) -> list[tuple[int, int]]:
    """The name spans a context rule matched: each name of a list, or both ends of a route."""
    spans: list[tuple[int, int]] = []
    for group in ("names", "a", "b"):
        if group not in m.re.groupindex or not m.group(group):
            continue
        if group != "names":
            spans.append((m.start(group), m.end(group)))
            continue
        offset, names, pos = m.start(group), m.group(group), 0
        for sep in _SPLIT_NAMES.finditer(names):
            spans.append((offset + pos, offset + sep.start()))
            pos = sep.end()
        spans.append((offset + pos, offset + len(names)))
    return [(s, e) for s, e in spans if e > s]


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip())


def _plausible_name(name: str) -> bool:
    """Not a date, a determiner or an abbreviation: "U" of "near U.N.-owned villas"."""
    if len(name) < 3 or name.isupper():
        return False
    return not (_CALENDAR_WORD.match(name) or _DETERMINER.match(name))


def _context_kind(m: re.Match) -> str | None:
    """The kind a context rule gives an unknown name: "Segue village" a village, "Guire district"
    a cercle, "the town of Kadji" a town."""
    if "kind" in m.re.groupindex and m.group("kind"):
        return _CONTEXT_KINDS.get(m.group("kind").lower())
    found = _KIND_WORD_OF.search(m.group(0))
    return _CONTEXT_KINDS.get(found.group(1).lower()) if found else None


def _resolve_mention(start, end, name, places, hint, cutoff, method) -> _Mention:
    """A mention of a name found outside the ruler: a table row when fuzzy matching finds one."""
    found = resolve_place(name, places, hint, cutoff)
    if found is None:
        return _Mention(start, end, name, None, method)
    row, how = found
    return _Mention(start, end, name, row, how)


# --- judging them ------------------------------------------------------------------------------


def _kind(m: _Mention) -> str | None:
    if m.as_region:
        return "region"
    return m.row.kind if m.row else m.kind


def _admin1(m: _Mention) -> str | None:
    return m.row.admin1 if m.row else m.admin1


def _region_row(m: _Mention, places: Sequence[PlaceRow]) -> PlaceRow | None:
    """The region or area row a mention stands for, when it stands for one."""
    if m.row is not None and m.row.kind in _REGION_KINDS:
        return m.row
    if m.as_region:
        return next((r for r in _rows_for(m.text, places) if r.kind in _REGION_KINDS), None)
    return None


def _event_sentences(text: str, spans: list[tuple[int, int]], mentions) -> set[int]:
    """Sentences whose places are the event's: the first, and those opening another incident of
    the same day (with the sentence after it when it names no place: "That same day, unidentified
    gunmen attack a convoy belonging to MINUSMA. The convoy was traveling from Kidal to Gao")."""
    chosen = {0}
    with_place = {m.sentence for m in mentions if _kind(m) != "country"}
    for i, (start, end) in enumerate(spans):
        if _SUB_EVENT.match(text[start:end]):
            chosen.add(i)
            if i not in with_place:
                chosen.add(i + 1)
    return chosen


def _candidates(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """The mentions that stand where the event's places stand, background cut away."""
    spans = _sentences(text)
    for m in mentions:
        m.sentence = _sentence_of(spans, m.start)
        m.near = bool(_NEAR_BEFORE.search(text[max(0, m.start - 40) : m.start]))
    if _PUBLICATION.match(text[spans[0][0] : spans[0][1]]):
        return []
    chosen = _event_sentences(text, spans, mentions)
    route_ends = {m.start(g) for m in _BETWEEN.finditer(text) for g in ("a", "b")}
    out = []
    for m in mentions:
        s_start, s_end = spans[m.sentence]
        before = text[s_start : m.start]
        on_route = m.start in route_ends
        eligible = (
            m.sentence in chosen
            or on_route
            or (_TALLY.match(text[s_start:s_end]) and _IN_BEFORE.search(before))
        )
        if not eligible or (_DESTINATION_BEFORE.search(before) and not on_route):
            continue
        if _BACKGROUND_BEFORE.search(before) or _REFERENCE_BEFORE.search(before[-30:]):
            continue
        if _BORDER_BEFORE.search(before[-60:]):
            continue
        out.append(m)
    return out


def _mark_containers(text: str, candidates: list[_Mention], places: Sequence[PlaceRow]) -> None:
    """Mark the regions named as containers of a place before them, and give unknown places
    their region: "Niafounke district in Timbuktu" is the region of Timbuktu, "Bambara-Maoude,
    Timbuktu" too, "Hombori municipality, in Douentza region" the region of Douentza,
    "Gaganfani and Yono, two ethnic Dogon villages in the Mopti region" the region of Mopti."""
    for i, m in enumerate(candidates):
        before = [p for p in candidates[:i] if p.sentence == m.sentence and _kind(p) != "country"]
        regions = [r for r in _rows_for(m.text, places) if r.kind in _REGION_KINDS]
        # The nearest place before it, a country in between ("Mali's") not breaking the link.
        prev = before[-1] if before else None
        if prev is not None and _kind(prev) not in _REGION_KINDS:
            if _ATTACHED.match(text[prev.end : m.start]) and (
                _kind(m) in _REGION_KINDS
                or any(r.name == _admin1(prev) for r in regions)
                # An unknown place has no admin1 to compare: a region name after it contains it.
                or (prev.row is None and regions)
            ):
                m.as_region = m.contained = True
                m.near = False
        if _kind(m) in _REGION_KINDS and any(p.row is None for p in before):
            m.contained = True
        if m.contained:
            region = _region_row(m, places)
            for p in before:
                if p.row is None and region is not None:
                    p.admin1 = p.admin1 or region.admin1 or region.name
                    p.country = p.country or region.country


def _judge(text: str, mentions: list[_Mention], places: Sequence[PlaceRow]) -> list[_Mention]:
    """The mentions that are event locations, most specific level only, each place once."""
    candidates = _candidates(text, mentions)
    _mark_containers(text, candidates, places)
    locations: list[_Mention] = []
    for m in candidates:
        if m.contained or _kind(m) in ("country", "site"):
            continue
        if m.row is not None and m.row.kind == "area" and (
            _is_supranational(m.row) or not _is_region_context(text, m.start, m.end)
        ):
            # "the Sahel", "Azawad": vague. "Liptako region" is a place (the guidelines' example);
            # "Africa's Sahel region" is not.
            continue
        locations.append(m)

    # A region goes when a place inside it is also a location, in any sentence.
    inner = {_admin1(m) for m in locations if _kind(m) not in _REGION_KINDS}
    unique: list[_Mention] = []
    seen: set[str] = set()
    for m in locations:
        region = _region_row(m, places) if _kind(m) in _REGION_KINDS else None
        if region is not None and region.name in inner:
            continue
        key = fold(m.row.name if m.row else m.text)
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique


# --- building values ---------------------------------------------------------------------------


def _location(m: _Mention, text: str, places: Sequence[PlaceRow], as_event: bool) -> Location:
    row = _region_row(m, places) or m.row
    kind = row.kind if row else m.kind
    lat = row.lat if row else None
    lon = row.lon if row else None
    precision = None
    if as_event:
        if kind in _REGION_KINDS:
            precision = 3
            capital = _capital(row, places) if row is not None and row.kind == "region" else None
            lat, lon = (capital.lat, capital.lon) if capital else (None, None)
        elif kind == "cercle" or m.near:
            precision = 2
        else:
            precision = 1
    return Location(
        text=m.text,
        name=row.name if row else m.text,
        kind=kind,
        admin1=row.admin1 if row else m.admin1,
        country=row.country if row else m.country,
        lat=lat,
        lon=lon,
        geo_precision=precision,
        evidence=Evidence(text=text[m.start : m.end], start=m.start, end=m.end, method=m.method),
    )


def find_places(
    doc: Doc, tables: Tables, settings: Settings, *, country_hint: str | None = "ML"
) -> tuple[list[Location], list[Location]]:
    """The event's locations and the other places an entry names, from its spaCy Doc.

    ``country_hint`` decides between rows of the same spelling in two countries.

    >>> from pipeline.nlp import build_nlp
    >>> from pipeline.tables import load_tables
    >>> nlp, _ = build_nlp()
    >>> doc = nlp("October 3, 2016: Unidentified assailants target a camp hosting a U.N. "
    ...     "peacekeeping mission in Aguelhok, in Mali's northern Kidal region. Source: News24")
    >>> locations, mentioned = find_places(doc, load_tables(), Settings())
    >>> [(p.name, p.geo_precision) for p in locations], [p.name for p in mentioned]
    ([('Aguelhok', 1)], ['Mali', 'Kidal'])
    """
    text = doc.text
    places = tables.places
    body_end = _body_end(text)
    mentions = [
        m
        for m in _collect(doc, places, country_hint, settings.fuzzy_cutoff)
        if m.start < body_end and not _in_name(text, m.start, m.end)
    ]
    # An unknown name takes its country from the words after it: "in Dembo, central Mali".
    for m, nxt in zip(mentions, mentions[1:]):
        if m.row is None and nxt.row is not None and nxt.row.kind == "country":
            if _ATTACHED.match(text[m.end : nxt.start]):
                m.country = nxt.row.country
    events = _judge(text, mentions, places)
    locations = [_location(m, text, places, as_event=True) for m in events]
    mentioned: list[Location] = []
    seen = {fold(loc.name) for loc in locations}
    for m in mentions:
        if any(m is e for e in events):
            continue
        loc = _location(m, text, places, as_event=False)
        if fold(loc.name) not in seen:
            seen.add(fold(loc.name))
            mentioned.append(loc)
    return locations, mentioned


def event_country(
    locations: Sequence[Location],
    mentioned: Sequence[Location],
    text: str,
    report_country: str | None,
) -> tuple[str | None, Evidence | None]:
    """ISO code of the country where the event happened, and the words that say so.

    In order (guidelines, "Country"): the country of the first event location; the seat of the
    body that acts ("A U.S. federal court" is US, "The International Criminal Court" NL); a
    country the first sentence puts the event in ("a beach resort in Côte d'Ivoire"), unless it is
    where hostages were once taken, a destination or a border; else the report's own country,
    without evidence. ``text`` is the text ``find_places`` read: evidence offsets are local to it.

    >>> ev = Evidence(text="Côte d'Ivoire", start=48, end=61, method="table")
    >>> ci = Location(text="Côte d'Ivoire", name="Côte d'Ivoire", kind="country", admin1=None,
    ...     country="CI", lat=None, lon=None, evidence=ev)
    >>> text = "March 13, 2016: Gunmen attack a beach resort in Côte d'Ivoire."
    >>> event_country([], [ci], text, "ML")[0]
    'CI'
    """
    for loc in locations:
        if loc.country:
            ev = loc.evidence
            return loc.country, ev.model_copy(update={"method": "rule:location_country"})
    first_start, first_end = _sentences(text)[0]
    first = text[first_start:first_end]
    for rule_id, pattern, code in _SEATS:
        m = pattern.match(first)
        if m:
            start, end = first_start + m.start("body"), first_start + m.end("body")
            return code, Evidence(
                text=text[start:end], start=start, end=end, method=f"rule:{rule_id}"
            )
    for place in mentioned:
        ev = place.evidence
        if place.kind != "country" or not first_start <= ev.start < first_end:
            continue
        if text[ev.start : ev.end] != ev.text:
            continue
        before = text[first_start : ev.start]
        if not _COUNTRY_IN_BEFORE.search(before[-30:]):
            continue
        if _BACKGROUND_BEFORE.search(before) or _BORDER_BEFORE.search(before[-60:]):
            continue
        if _DESTINATION_BEFORE.search(before):
            continue
        return place.country, ev.model_copy(update={"method": "rule:in_country"})
    return report_country, None
