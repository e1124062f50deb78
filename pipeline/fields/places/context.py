"""The words around a place: the patterns that find names the table does not know ("the
village of X", "X, central Mali"), the contexts that qualify a name ("Mopti region", "near
Sevare", "heading toward"), and the entry's sentences."""

from __future__ import annotations

import bisect
import re

from pipeline.geo.terms import division_terms, terms_of_kind
from pipeline.text import DATE_SEARCH, DAY, MONTH, YEAR, match_date_header
from pipeline.text import sentence_at, split_sentences

# "northern", "south-east", "southern-central", "Central" (as in "Guire district, Central Mali").
_COMPASS = (
    r"(?:north|south|east|west|central|centre|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?"
)
_DIRECTIONAL = rf"(?:{_COMPASS}(?:-{_COMPASS})?)"
# A place name: capitalised words, a number ("Gangafani 2"), hyphenated parts ("Marka-coungo"),
# an Arabic article before a capitalised part ("al-Jazeera", "Bab al-Sharji").
# A name starts where a word starts (not inside "McDonald" nor after "O'"), and its parts and
# words are bounded: a run of capitals is then tried from each word once, in linear time.
_NAME = (
    r"(?<![A-Za-z])(?<![A-Z]['’])(?:(?:al|el|ad|an|ar|as|ash|at|az)-)?[A-Z][\w'’]{0,60}"
    r"(?:-[\w'’]{1,60}|\s(?:[A-Z][\w'’]{0,60}|\d{1,9}\b|"
    r"(?:al|el|ad|an|ar|as|ash|at|az)-[A-Z][\w'’]{0,60})){0,9}"
)
# A name of at most three words, before a site's words ("the Bab al-Sharji market").
_ARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az)-"
_SHORT_NAME = (
    rf"(?<![A-Za-z])(?<![A-Z]['’])(?:{_ARTICLE})?[A-Z][\w'’]{{0,60}}"
    rf"(?:-[\w'’]{{1,60}}|\s(?:[A-Z][\w'’]{{0,60}}|{_ARTICLE}[A-Z][\w'’]{{0,60}})){{0,2}}"
)
# A list of names: "Karou, Ouatagouna, and Daoutegeft".
_NAMES = rf"{_NAME}(?:,\s+{_NAME}){{0,9}}(?:,?\s+and\s+{_NAME})?"
_SPLIT_NAMES = re.compile(r",\s+and\s+|,\s+|(?<!\s)\s+and\s+")
# The same list with each name taken whole (an atomic group), for patterns where a name is
# followed only by a comma or a lower-case word. No part of a name (a capitalised word, a number,
# an "al-" part, a hyphenated part) can begin either, so giving a name's words back never finds a
# match the whole name missed: it only costs time, ten words' worth from every capital of a long
# run of names (``benchmarks/bench_adversarial.py``). Not for patterns that read into a name's
# end ("Baghdad's", "Segue Village").
_WHOLE_NAME = rf"(?>{_NAME})"
_WHOLE_NAMES = rf"{_WHOLE_NAME}(?:,\s+{_WHOLE_NAME}){{0,9}}(?:,?\s+and\s+{_WHOLE_NAME})?"

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
    rf"(?:\b(?:near|outside(?:\s+of)?|around|close\s+to|{_DIRECTIONAL}\s+of)\s+"
    r"(?:the\s+(?:[\w-]+\s+)?(?:town|village|city|locality|capital)(?:\s+of|,)?\s+)?"
    # "95 km from Garissa", "about 30 miles from the capital Kabul", "15km from Birni N'Konni"
    r"|\b\d[\d,.]*\s*(?:km|kilometres|kilometers|miles)\s+(?:[a-z-]+\s+)?(?:of|from)\s+"
    r"(?:the\s+(?:[\w-]+\s+)?capital,?\s+)?)$",
    re.IGNORECASE,
)
# ", north of Bamako" after a place: Bamako only locates the place before it
# ("in Kwala, north of Bamako", "near Segou, northeast of Bamako").
_REFERENCE_BEFORE = re.compile(rf",\s*{_DIRECTIONAL}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# Where someone or something was going: "heading toward a refugee camp in Mauritania", "return to
# Rome", "They arrive in Niamey", "a bus transporting B2Gold employees from Fekola Mine to
# Bamako". Verb forms only: in "An army escort is ambushed in Mourdiah" Mourdiah is the event's.
# No comma between the verb and the place: in "return to Rome following their release from a
# terror group, presumably JNIM, in Mali" Mali is not a destination; nor "from": in "vehicles
# which returned from the weekly market in Banibangou" Banibangou is where they were.
_DESTINATION_VERB = re.compile(
    r"\b(?:head(?:s|ed|ing)|bound|return(?:s|ed|ing)?|arriv(?:e|es|ed|ing)|"
    r"transport(?:ed|ing)|escort(?:ed|ing)|relocat(?:e|es|ed|ing))\b",
    re.IGNORECASE,
)
_DESTINATION_STEMS = ("head", "bound", "return", "arriv", "transport", "escort", "relocat")
_DESTINATION_PREP = re.compile(r"\b(?:to|toward|towards|for|in|at)\s", re.IGNORECASE)
_NOT_WORD_CHAR = re.compile(r"[^\w\s'’-]")
_FROM = re.compile(r"\bfrom\b", re.IGNORECASE)


def _has_word_stem(text: str, stems: tuple[str, ...], pattern: re.Pattern) -> bool:
    """Whether ``text`` holds one of ``stems``, which every match of the case-blind ``pattern``
    begins with. ASCII text is lowered and searched for each stem, ten times faster than the
    pattern on text with none of them; other text takes the pattern, whose case folding
    ``str.lower`` does not copy letter for letter ("İ")."""
    if text.isascii():
        lowered = text.lower()
        return any(stem in lowered for stem in stems)
    return pattern.search(text) is not None


class _DestinationBefore:
    """Whether the words before a mention make it a destination: a verb of going, then within
    120 characters and no comma a preposition, then at most five words. Read from the end, in
    time linear in the words (a regex searched from every verb would read the rest of the
    sentence from each)."""

    def search(self, before: str) -> re.Match | None:
        tail = max(0, len(before) - 80)
        # Every verb the loop below could find lies in the last 200 characters: without one
        # there, no preposition is a destination's (one scan instead of one per preposition).
        if not _has_word_stem(before[max(0, tail - 120):], _DESTINATION_STEMS, _DESTINATION_VERB):
            return None
        for prep in _DESTINATION_PREP.finditer(before, tail):
            rest = before[prep.end() :]
            if len(rest.split()) > 5 or _NOT_WORD_CHAR.search(rest) or (
                rest and not rest[-1].isspace()
            ):
                continue  # at most five words between the preposition and the mention
            window = before[max(0, prep.start() - 120) : prep.start()]
            verbs = list(_DESTINATION_VERB.finditer(window))
            if not verbs:
                continue
            gap = window[verbs[-1].end() :]
            if re.search(r"[.;:,]", gap):
                continue
            if prep.group(0).strip().lower() in ("in", "at") and _FROM.search(gap):
                continue
            return prep
        return None


_DESTINATION_BEFORE = _DestinationBefore()
# Where hostages had been taken long before the event: "Stephen McGown, who had been kidnapped
# nearly six years earlier at a hotel in Timbuktu", "who the group kidnapped in southern Tunisia",
# "who they had held since January when they kidnapped him in Niger".
# ("who had been" alone is no capture: "attackers who came on motorcycles had killed ten people
# in a mosque near Tizigorou" tells the event.)
_CAPTURE_STEMS = ("kidnapp", "abduct", "held", "taken", "seized")
_CAPTURE_STEM = re.compile("|".join(_CAPTURE_STEMS), re.IGNORECASE)
# A word of capture, and the words that open the clause it must be in.
_CAPTURE_WORD = r"(?:kidnapp\w*|abduct\w*|held|taken|seized)"
_WHO_WORD = r"(?:who|whom|which|that)"


class _BackgroundBefore:
    """Whether the words before a mention tell where someone was once taken: "who", "which" or
    "that", then a word of capture within the same clause (no comma, at most 120 characters),
    then at most 200 characters to the mention.

    The answer is that of one pass over every word of the clause (the plain form in
    ``tests/test_fast_searchers.py``), found in three searches. A word of capture must end at
    most 200 characters before the mention: it starts in the word that holds that point or after
    it. A "who" before that word can reach only the first such word of capture, and the last
    "who" after the comma before it is the nearest; a "who" after that word reaches the first
    word of capture after it, or none."""

    # A "who", and the first word of capture after it in the same clause, within 120 characters.
    _WHO_THEN_CAPTURE = re.compile(
        rf"\b{_WHO_WORD}\b[^,]{{0,120}}?\b(?P<capture>{_CAPTURE_WORD})\b", re.IGNORECASE
    )
    # The last "who" of a stretch of text.
    _LAST_WHO = re.compile(rf"(?s:.*)\b(?P<who>{_WHO_WORD})\b", re.IGNORECASE)
    _CAPTURE = re.compile(rf"\b{_CAPTURE_WORD}\b", re.IGNORECASE)

    def search(self, before: str) -> re.Match | None:
        floor = max(0, len(before) - 400)
        start = max(floor, *(before.rfind(stop, floor) + 1 for stop in ".;—"))
        tail = max(start, len(before) - 200)
        word = tail - _word_run_before(before, start, tail)
        if not _has_word_stem(before[word:], _CAPTURE_STEMS, _CAPTURE_STEM):
            return None
        first = self._CAPTURE.search(before, word)
        if first is None:
            return None
        lo = max(start, first.start() - 125, before.rfind(",", start, first.start()) + 1)
        who = self._LAST_WHO.match(before, lo, word) if lo < word else None
        if who is not None and first.start() - who.end("who") <= 120:
            return first
        after = self._WHO_THEN_CAPTURE.search(before, word)
        return None if after is None else self._CAPTURE.match(before, after.start("capture"))


def _word_run_before(text: str, floor: int, end: int) -> int:
    """The length of the run of word characters that ends at ``end`` (not before ``floor``)."""
    return _WORD_RUN.match(text[floor:end][::-1]).end()


_WORD_RUN = re.compile(r"\w*")


_BACKGROUND_BEFORE = _BackgroundBefore()
# Where a group or a man is based or active is no place of the event: "said he operated
# terrorist cells in Kogi state", "a group based in the peninsula", "militants active in".
_BASE_BEFORE = re.compile(
    r"\b(?:based|operat(?:ed|es|ing)|active|headquartered|hiding)\b[^.;,]{0,40}\b(?:in|at)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# Where someone meant to go or to strike: "activists who wanted to go and help rebuild the city
# of Kobane", "militants about to fire a rocket into Israel".
_INTENT_BEFORE = re.compile(
    r"\b(?:(?:wanted|wanting|planned|planning|intended|hoped|hoping)\s+to\s+(?:go|travel|reach|"
    r"join|return)|(?:about|preparing|poised)\s+to\s+(?:fire|launch|attack|strike|cross|enter))"
    r"\b[^.;]{0,120}$",
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
# Words between a place's name and the site named after it ("the Shorja wholesale market", "Fafi
# Primary School", "the Nunwan base camp"), any case.
_SITE_GENERIC = (
    r"wholesale|weekly|central|main|grand|military|army|police|railway|bus|base|refugee|border|"
    r"primary|secondary|high|community|public|international|local|municipal|old|new|government|"
    r"girls['’]?|boys['’]?|science|technical|islamic|model|federal|state|IDP|fish|cattle|"
    r"livestock|vegetable|grain"
)
# Sites named after the place they stand in, whose place the guidelines take ("Leytonstone
# station", "the Nunwan base camp", "the Shorja market"); a name the gazetteer does not know is
# taken only before these. Airports are as often named after people ("Ataturk airport").
_PLACE_SITES = (
    r"railway\s+station|bus\s+station|station|airfield|air\s*base|base\s+camp|camp|"
    r"market|bazaar|school|checkpoint"
)
# Sites that give their place only when the gazetteer knows the name ("a well guarded Mogadishu
# hotel", "the Paris offices of ..."): hotels and mosques are as often named after people.
# A place joined to the one before it, which it contains: "Aguelhok in the Kidal region",
# "Bambara-Maoude, Timbuktu", "Niafounke district in Timbuktu", "Hombori municipality, in Douentza
# region", "Aguelhok, in Mali's northern Kidal region", "Kassela, both in the Koulikoro region".
_ATTACHED = re.compile(
    r"^(?:\s+(?:district|municipality|commune|cercle|village|town|area|camp|department|province|"
    rf"(?:(?:{_SITE_GENERIC})\s+)*(?:{_PLACE_SITES})))?\s*"
    r"(?:,\s*(?:both\s+)?(?:in\s+)?|\s+in\s+)(?:the\s+)?(?:[A-Z][\w'’ -]*?['’]s\s+)?"
    rf"(?:{_DIRECTIONAL}\s+)?$",
    re.IGNORECASE,
)
# Sentences that report another incident of the same entry: "That same day, JNIM militants
# ambush soldiers in the Koulikoro region", "The same day, insurgents attack ... in Aguelhok".
_SUB_EVENT = re.compile(
    r"^(?:(?:(?:Later|Earlier)\s+)?(?:That|The|On\s+the)\s+same\s+day|Also\s+on\b|"
    r"(?:The|That)\s+(?:following|next)\s+day|(?:Later|Earlier)\s+that\s+day|"
    r"Shortly\s+after|Meanwhile|First,|Then,)",
    re.IGNORECASE,
)
# A sentence opening with a day of the same year tells a part of the entry's event: "On
# September 3, militants blew themselves up in ...", "Between 5 and 8 July, militants raided three
# villages"; with a year it is as often background ("On November 3, 2017, he was kidnapped in").
_DATED_OPENER = re.compile(
    rf"^(?:On|Between|From)\s+(?:the\s+\w+\s+of\s+)?(?:{MONTH}\s+{DAY}|{DAY}\s+{MONTH}|"
    rf"{DAY}\s+and\s+{DAY}\s+{MONTH})(?![\w,]*\s*,?\s*{YEAR})"
)
# Where a flight was going or coming from is not a place of the event: "hijack an airliner flight
# from Kathmandu to New Delhi", "An international flight from Canada to India crashed".
_FLIGHT_BEFORE = re.compile(
    r"\b(?:flight|airliner|plane|aircraft|jet|jetliner)\b[^.;]{0,40}\b(?:from|to)\s+"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
# Where people come from is not where the event happened: "a Russian woman from Dagestan",
# "an African Union base ... manned by troops from Djibouti", "intercepted 60 people traveling
# from Nampula".
_ORIGIN_BEFORE = re.compile(
    r"\b(?:man|woman|men|women|people|nationals?|citizens?|natives?|residents?|bombers?|"
    r"militants?|fighters?|attackers?|gunm[ae]n|soldiers|troops|contingents?|refugees|migrants|"
    r"pilgrims|travell?ers)\s+(?:originally\s+|(?:travell?ing|coming|fleeing|returning)\s+)?"
    r"from\s+(?:the\s+)?(?:neighbou?ring\s+)?$",
    re.IGNORECASE,
)
# A division named in an official's title is not a place of the event: "the Mandera County
# Governor", "Diffa Region Governor".
_TITLE_AFTER = re.compile(
    r"^\s+(?:(?:Region|State|County|Province|District)\s+)?(?:Governor|governor|Commissioner|"
    r"commissioner|Administrator|administrator)\b"
)
# "Bab Sharqi, a busy commercial area in central Baghdad": the town the apposition puts it in.
_APPOSITION_IN = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:area|district|neighbou?rhood|quarter|suburb|"
    rf"town|village|city|locality)\s+(?:in|of)\s+(?:the\s+)?(?:{_DIRECTIONAL}\s+)?$",
    re.IGNORECASE,
)
# A sentence that opens with a bare incident noun tells another incident of the entry: "Bomb
# attack on British embassy in Sanaa."
_HEADLINE_EVENT = re.compile(
    r"^(?!(?:The|A|An|This|That|These|Those|Its|Their|His|Her)\b)(?:[A-Z][a-z-]+\s+){0,2}"
    r"(?:attacks?|bombings?|ambush(?:es)?|assaults?|raids?|blasts?|explosions?)\s+"
    r"(?:on|at|in|against)\b"
)
_COMPASS_NAME = re.compile(rf"^(?i:{_COMPASS})\b")
# Tally sentences that name the places of the victims: "The attacks kill four in Gorey, four in
# Djamnati, and one in Simikanda", "The ambushes kill at least 17—14 in Boya and three in Gaena",
# "One car bomb near a market in the central Sadriya neighbourhood kills 140".
_TALLY = re.compile(
    r"^(?:The|These|Both|One|Another)\s+(?:[\w-]+\s+){0,2}(?:attacks?|ambush(?:es)?|explosions?|"
    r"raids?|assaults?|clashes|blasts?|bombings?|bombs?)\b[^.]*\b(?:kill|kills|killed|wound\w*|"
    r"injur\w*)\b",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(rf"\bin\s+(?:the\s+)?(?:{_DIRECTIONAL}\s+)?$", re.IGNORECASE)
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
# Niono and Nampala", "The buses are rerouted toward a forest between Bandiagara and Bankass",
# "a road between the city of Banibangou and the locality of Tizigorou".
_ROUTE_END_KIND = (
    r"(?:the\s+(?:locality|town|village|city|localities|towns|villages|cities)\s+of\s+)?"
)
_BETWEEN = re.compile(
    rf"\bbetween\s+{_ROUTE_END_KIND}(?P<a>{_NAME})\s+and\s+{_ROUTE_END_KIND}(?P<b>{_NAME})"
)

_KNOWN_SITES = r"hotel|offices?|headquarters|prison|jail|hospital|university|mosque|church"
# An airport is named after its city only when the city is large ("Brussels airport"; not the
# hamlet of "Ataturk airport"): ``mentions`` checks the population.
_AIRPORT = r"airport"
# Words that end the names of sites, not of places: "Istiklal Street", "Umpqua Community
# College", "the American Center", "Westminster Bridge".
_SITE_SUFFIX = (
    r"Street|Road|Avenue|Bridge|Square|Boulevard|Highway|College|University|School|Hospital|"
    r"Hotel|Mosque|Church|Cathedral|Temple|Shrine|Market|Mall|Centre|Center|Stadium|Airport|"
    r"Station|Club|Pub|Restaurant|Cafe|Café|Palace|Parliament|Embassy|Consulate|Ministry|Prison|"
    r"Barracks|Complex|Compound|Plaza|Terminal|Office|Offices|Headquarters"
)
# Quarters and districts of a city, in either order: "the Baghdad district of Karrada", "the
# Sadriya quarter of central Baghdad", "the Molenbeek area of Brussels", "the Karrada and Sha'ab
# districts of Baghdad", "in Paris suburb of Magnanville". Which side is the city is read from the
# gazetteer (``mentions._quarters``).
_QUARTER = re.compile(
    rf"(?P<x>{_WHOLE_NAMES})\s+"
    r"(?:districts?|quarters?|neighbou?rhoods?|suburbs?|areas?|sections?)\s+"
    rf"of\s+(?:the\s+)?(?:{_DIRECTIONAL}\s+)?(?P<y>{_NAME})"
)
# An event named after its place, at the head of an entry: "2008 – Mumbai Attacks Casualties:
# ...", "The 27 April 2012 Damascus bombings was a suicide attack".
_EVENT_NAME = re.compile(
    rf"(?<![\w'’-])(?P<name>[A-Z][\w'’]*(?:[ -][A-Z][\w'’]*){{0,2}})\s+"
    r"(?i:attacks?|bombings?|shootings?|massacres?|killings|blasts?|siege|explosions?)\b"
)
# "Baghdad's Sadr City": a quarter the gazetteer places in the city before it.
_POSSESSIVE_QUARTER = re.compile(rf"(?P<y>{_NAME})['’]s\s+(?P<x>{_NAME})")
# Division terms read before a name, lower case only ("the eastern province of Marib", "the
# department of Banibangou"): "Department of Justice" and "State of Iraq" are names.
_DIVISION_OF_TERMS = "|".join(
    re.escape(t.term) for t in division_terms()
    if t.kind not in ("populated_place",) and t.term not in ("state", "states", "lga")
)

# Context patterns that find names the table does not know; each id becomes "rule:<id>". Group
# "names" holds one name or a list, groups "a" and "b" the two ends of a route.
_CONTEXT_RULES: tuple[tuple[str, re.Pattern], ...] = (
    # A site named after its place: "Leytonstone station", "the Nunwan base camp", "Fafi Primary
    # School", "a well guarded Mogadishu hotel" (``mentions`` trims and checks the name)
    (
        "site_of_place",
        re.compile(
            rf"(?P<names>{_SHORT_NAME})\s+(?:(?i:{_SITE_GENERIC})\s+){{0,3}}"
            rf"(?P<site>(?i:{_PLACE_SITES}|{_KNOWN_SITES}|{_AIRPORT}))\b"
        ),
    ),
    # A place after a named site and a comma: "an attack on the American Center, Kolkata by",
    # "near the Hadi Centre, Karrada, as families gathered"
    (
        "site_comma_place",
        re.compile(
            rf"\b[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*){{0,3}}\s+(?:{_SITE_SUFFIX}),\s+"
            rf"(?P<names>{_NAME})"
            r"(?=\s*[,.;:]|\s+[a-z]|\s*$)"
        ),
    ),
    # "the eastern province of Marib", "the department of Banibangou"
    (
        "division_of",
        re.compile(rf"\b(?P<term>{_DIVISION_OF_TERMS})\s+of\s+(?P<names>{_NAME})"),
    ),
    # "the capital Kabul", "in capital Sana'a", "the Syrian capital of Damascus", "the provincial
    # capital, Kandahar", "the commercial capital of Bombay"
    (
        "capital_x",
        re.compile(rf"\bcapital(?:\s+city)?(?:,\s*|\s+of\s+|\s+)(?P<names>{_NAME})"),
    ),
    # "in an area of Mogadishu controlled by ...", "on the outskirts of Kabul"
    (
        "area_of",
        re.compile(
            rf"\b(?:area|outskirts|suburbs|heart)\s+of\s+(?:the\s+)?(?:{_DIRECTIONAL}\s+)?"
            rf"(?P<names>{_NAME})"
        ),
    ),
    # "the villages of Yoro and Gangafani 2", "the towns of Menaka, Gao, and Kidal", "raided three
    # villages, Pandanguo, Jima, and Poromoko"
    (
        "villages_of",
        re.compile(rf"\b(?:villages|towns|localities|cities)(?:\s+of|,)\s+(?P<names>{_NAMES})"),
    ),
    # "the village of Koulogon Peul", "the town of Kadji", "the Dogon village of Sobane Da",
    # "the central Malian town of Sevare", "the northern city of Timbuktu", "the port of Ash-Shir"
    (
        "village_of",
        re.compile(rf"\b(?:village|town|city|locality|commune|port)\s+of\s+(?P<names>{_NAME})"),
    ),
    # "between the localities of Niono and Nampala", "between Dogofri and Nampala"
    ("between_localities", _BETWEEN),
    # "in Dembo, central Mali", "in Sevare, Niono, and Bapho, central Mali", "ambush Kimparana,
    # central Mali"
    (
        "x_region_of_country",
        re.compile(rf"(?P<names>{_WHOLE_NAMES}),\s+(?i:{_DIRECTIONAL})\s+[A-Z]"),
    ),
    # "Segue village", "Sebekoro town", "Guire district", "Hombori municipality"; not "the Dogon
    # village of ...", where the place comes after
    (
        "x_village",
        re.compile(
            rf"(?P<names>{_NAME})\s+(?P<kind>village|town|district|municipality|commune|Village|"
            r"neighbou?rhood|quarter|suburb)\b"
            r"(?!\s+of\b)"
        ),
    ),
    # "Talataye, a town in northern Mali", "Ogossagou, a village that is home to ...", "Gaganfani
    # and Yono, two ethnic Dogon villages", "Bab Sharqi, a busy commercial area in central Baghdad"
    (
        "x_a_town",
        re.compile(
            rf"(?P<names>{_WHOLE_NAMES}),\s+(?:a|an|the|two|three|both)\s+(?:[\w-]+\s+){{0,3}}?"
            r"(?P<kind>towns?|villages?|city|cities|locality|localities|area|district|"
            r"neighbou?rhood|quarter|suburb)\b"
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
    # "near Sevare", "near Kerena", "near Ayorou and Abala"
    ("near_x", re.compile(rf"\bnear\s+(?P<names>{_NAMES})")),
    # A name after "in" that ends a phrase: "in Tessalit.", "attacks in Djibo, ambushing ...",
    # "four in Gorey, four in Djamnati", "military bases in Boulikessi and Mondoro, both in ...",
    # "In Kismayo, fighting ...", "a shooting in southern Lyon.", "blasts ripped through Kano,",
    # "In the Barsalogho Department," (after "the" only a division's name, checked by ``mentions``)
    (
        "in_x",
        re.compile(
            rf"\b(?:[Ii]n|through)\s+(?:(?P<the>the)\s+)?(?:{_DIRECTIONAL}\s+)?(?P<names>{_NAMES})"
            r"(?=\s*[,.;:]|\s+(?:in|near|on|at|and|while|with|before|after|between|during)\b"
            r"|\s*$)"
        ),
    ),
    # A single name after "in" before a verb: "A chlorine attack in Idleb killed six" (the verb
    # is checked by ``mentions``)
    (
        "in_x_verb",
        re.compile(
            rf"\b(?:[Ii]n|through)\s+(?:{_DIRECTIONAL}\s+)?(?P<names>{_NAME})(?=\s+[a-z]+\b)"
        ),
    ),
    # "at Lower Munda in South Kashmir"
    ("at_x_in", re.compile(rf"\bat\s+(?P<names>{_NAME})(?=\s+in\s+(?:the\s+)?[A-Z])")),
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
    """``pipeline.text.sentence_at`` by bisection (an entry of many sentences and names).

    >>> _sentence_of([(0, 5), (6, 10)], 7), _sentence_of([(0, 5), (6, 10)], 12)
    (1, 1)
    """
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return i
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


class _Taken:
    """The character spans already given to a name, as a mask over the text: whether a span
    overlaps one of them costs its own length, not the number of spans (an entry of a
    thousand names is read in linear time)."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size + 1)

    def append(self, span: tuple[int, int]) -> None:
        start, end = span
        self.mask[start:end] = b"\x01" * max(0, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return 1 in self.mask[start:end]


def _overlaps(start: int, end: int, spans) -> bool:
    if isinstance(spans, _Taken):
        return spans.overlaps(start, end)
    return any(start < e and s < end for s, e in spans)


def heading_start(text: str) -> int:
    """Where an entry's words begin after its date: "April 24: Bangladesh ..." -> 10, "28-Dec
    Potiskum, Yobe ..." -> 7; 0 when it opens with no date.

    >>> t = "28-Dec Potiskum, Yobe Suspected Boko Haram"
    >>> t[heading_start(t):]
    'Potiskum, Yobe Suspected Boko Haram'
    """
    header = match_date_header(text)
    if header is not None and header.body_start < 60:
        return header.body_start
    m = DATE_SEARCH.match(text)
    if m and m.end() < 40:
        sep = re.match(r"\s*(?:[:–—-]+\s*)?", text[m.end():])
        return m.end() + sep.end()
    return 0
