"""Deciding which mentions are the event's locations: the event's sentences, background cut
away, regions named as containers, the most specific level only; and each place's value with
its ``geo_precision``."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from pipeline.fields.places.context import (
    _ATTACHED,
    _BACKGROUND_BEFORE,
    _BASE_BEFORE,
    _BETWEEN,
    _BORDER_BEFORE,
    _COMPASS_NAME,
    _DATED_OPENER,
    _APPOSITION_IN,
    _DESTINATION_BEFORE,
    _FLIGHT_BEFORE,
    _HEADLINE_EVENT,
    _IN_BEFORE,
    _INTENT_BEFORE,
    _NEAR_BEFORE,
    _ORIGIN_BEFORE,
    _PUBLICATION,
    _REFERENCE_BEFORE,
    _SUB_EVENT,
    _TALLY,
    _TITLE_AFTER,
    _is_region_context,
    _sentence_of,
    _sentences,
)
from pipeline.fields.places.mentions import _Mention, _in_list
from pipeline.fields.places.resolve import _REGION_KINDS, _capital, _is_supranational, _rows_for
from pipeline.schema import Evidence, Location
from pipeline.text import DAY, MONTH, YEAR
from pipeline.tables import PlaceRow, fold

# How specific a kind is: a container has a higher level than what it contains.
_LEVEL = {"populated_place": 0, "site": 0, "admin3": 1, "admin2": 2, "admin1": 3, "area": 3,
          "country": 4}
# "Chattisinghpora village in Anantnag district": a name the term after it makes a division.
_DIVISION_AFTER = re.compile(
    r"^\s+(?:district|county|prefecture|cercle|department|province|lga)\b", re.IGNORECASE
)
# A place in a later sentence that tells how someone was once taken is background: "The
# victims ... were kidnapped in Koutiala, southeast of Bamako, in May 2022."
class _PastCapture:
    """The pattern below, searched only from where a match can start: its verb of capture ends at
    most 120 characters before the end (or before a final newline), so an ASCII text with none in
    its last 131 characters has no match, and one with a verb there has none starting before the
    words that can come before the first verb ("had been first"), white space and all."""

    _VERBS = ("kidnapped", "abducted", "taken", "seized", "captured", "held")
    _PATTERN = re.compile(
        rf"\b(?:were|was|had\s+been|been)\s+(?:first\s+)?(?:{'|'.join(_VERBS)})\b[^.;]{{0,120}}$",
        re.IGNORECASE,
    )

    def search(self, before: str) -> re.Match | None:
        tail = before[-131:]
        if not tail.isascii():
            return self._PATTERN.search(before)
        lowered = tail.lower()
        first = min((i for i in (lowered.find(verb) for verb in self._VERBS) if i >= 0),
                    default=None)
        if first is None:
            return None
        # Back from the first verb over "first", the auxiliary ("been", "were") and "had", each
        # at its longest, with the white space before each.
        pos = len(before) - len(tail) + first
        for width in (5, 4, 3):
            pos = max(0, len(before[:pos].rstrip()) - width)
        return self._PATTERN.search(before, pos)


_PAST_CAPTURE = _PastCapture()
# An entry whose event is a legal act tells the places of the acts it is about, not its own
# ("A U.S. federal court charges a man for his role in two attacks in Burkina Faso").
_LEGAL_ACT = re.compile(
    r"\b(?:court|tribunal|charges?|charged|convicts?|convicted|sentences?|sentenced|indicts?|"
    r"indicted|designates?|designated|extradit\w*|trial|sanctions?|sanctioned)\b",
    re.IGNORECASE,
)


_DAY_MONTH = re.compile(rf"\b(?:{DAY}\s+{MONTH}|{MONTH}\s+{DAY})(?![\d])")


def _day_key(date: str) -> str:
    """"Aug. 4", "4 August" and "August 4th" alike: "4 aug"."""
    words = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\.", "", date.lower()).split()
    return " ".join(sorted(w if w.isdigit() else w[:3] for w in words))


def _other_day(sentence: str, event_days: set[str]) -> bool:
    return any(_day_key(d) not in event_days for d in _DAY_MONTH.findall(sentence))


_EARLIER = re.compile(
    r"\b(?:comes?|came)\s+(?:\w+\s+){0,3}(?:after|since)\b|\b(?:last|previous|earlier)\s+"
    r"(?:week|month|year|attacks?)\b|\bago\b|\bsince\b",
    re.IGNORECASE,
)
_YEAR_DATE = re.compile(rf"(?<![\d,.]){YEAR}\b")
_CLAIMED_ATTACK = re.compile(
    r"\bclaim(?:s|ed|ing)?\s+(?:responsibility\s+for\s+)?(?:the|an|a)\s+(?:[\w-]+\s+){0,2}"
    r"(?:attacks?|bombings?|ambush|assault|raid)\b",
    re.IGNORECASE,
)
# What lies between a town and a reference point that locates it: "Gakara village just outside
# the town of ", "Bagram Airfield, located about 30 miles from the capital ".
_QUALIFIES = re.compile(r"[^;.]{0,70}", re.DOTALL)
_AND = re.compile(r"\s(?:and|or|while)\s")
# A place in a compound adjective: "a Lagos-based company", "a Detroit-bound airliner".
_COMPOUND_AFTER = re.compile(r"^-(?:based|born|bound|registered|headquartered)\b")
# A place slot: "in X", "at X", "near X", "into the market in X".
_LOCATIVE_SLOT = re.compile(
    r"\b(?:in|at|near|outside|inside|into|through)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$"
)
# Rules that say a name is a town or a village: "the villages of Jima and Poromoko", "Maleli
# Village", "Salmossi, a village close to the border".
_PLACE_RULES = frozenset({"rule:villages_of", "rule:village_of", "rule:x_village",
                          "rule:x_a_town", "rule:near_x", "rule:in_x", "rule:in_x_verb",
                          "rule:at_x_in"})


def _kind(m: _Mention) -> str | None:
    if m.as_region:
        return "admin1"
    return m.row.kind if m.row else m.kind


def _admin1(m: _Mention) -> str | None:
    return m.row.admin1 if m.row else m.admin1


def _country(m: _Mention) -> str | None:
    return m.row.country if m.row else m.country


def _region_row(m: _Mention, places: Sequence[PlaceRow]) -> PlaceRow | None:
    """The region or area row a mention stands for, when it stands for one."""
    if m.row is not None and m.row.kind in _REGION_KINDS:
        return m.row
    if m.as_region:
        return next((r for r in _rows_for(m.text, places) if r.kind in _REGION_KINDS), None)
    return None


def _event_sentences(text: str, spans: list[tuple[int, int]], mentions) -> set[int]:
    """Sentences whose places are the event's: the first, those opening another incident of
    the same day (with the sentence after it when it names no place: "That same day, unidentified
    gunmen attack a convoy belonging to MINUSMA. The convoy was traveling from Kidal to Gao"), and
    those opening with a day of the entry ("On September 3, militants blew themselves up in ...")
    or with a bare incident noun ("Bomb attack on British embassy in Sanaa.")."""
    chosen = {0}
    with_place = {m.sentence for m in mentions if _kind(m) != "country"}
    for i, (start, end) in enumerate(spans):
        if _SUB_EVENT.match(text[start:end]):
            chosen.add(i)
            if i not in with_place:
                chosen.add(i + 1)
        elif _DATED_OPENER.match(text[start:end]) or (
            i and _HEADLINE_EVENT.match(text[start:end]) and len(text[start:end].split()) <= 12
        ):
            chosen.add(i)
    return chosen


def _excluded(text: str, m: _Mention, before: str, on_route: bool) -> bool:
    """Whether the words around a mention make it no place of the event: a destination, where
    hostages were taken, a reference point, a border, a flight's ends, an official's title, a
    vague area ("South Kashmir")."""
    if _DESTINATION_BEFORE.search(before) and not on_route:
        return True
    if _BACKGROUND_BEFORE.search(before) or _REFERENCE_BEFORE.search(before[-30:]):
        return True
    if _BORDER_BEFORE.search(before[-60:]) or _FLIGHT_BEFORE.search(before[-80:]):
        return True
    if _ORIGIN_BEFORE.search(before[-60:]) or _BASE_BEFORE.search(before[-60:]):
        return True
    if _INTENT_BEFORE.search(before[-120:]):
        return True
    if _TITLE_AFTER.match(text[m.end : m.end + 40]) or _COMPOUND_AFTER.match(text[m.end :]):
        return True
    return m.row is None and bool(_COMPASS_NAME.match(m.text))


def _candidates(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """The mentions that stand where the event's places stand, background cut away."""
    spans = _sentences(text)
    for m in mentions:
        m.sentence = _sentence_of(spans, m.start)
        m.near = bool(_NEAR_BEFORE.search(text[max(0, m.start - 50) : m.start]))
    first = text[spans[0][0] : spans[0][1]]
    # A statement claiming an attack keeps the attack's place: "JNIM released statement claiming
    # the attack against police station of Tera".
    if _PUBLICATION.match(first) and not _CLAIMED_ATTACK.search(first):
        return []
    chosen = _event_sentences(text, spans, mentions)
    route_ends = {m.start(g) for m in _BETWEEN.finditer(text) for g in ("a", "b")}
    tally: dict[int, bool] = {}
    out = []
    for m in mentions:
        s_start, s_end = spans[m.sentence]
        if m.sentence not in tally:
            sentence = text[s_start:s_end]
            tally[m.sentence] = bool(_TALLY.match(sentence)) and not _EARLIER.search(sentence)
        before = _before(text, s_start, m.start)
        on_route = m.start in route_ends
        eligible = (
            m.sentence in chosen
            or on_route
            or m.heading
            or (tally[m.sentence] and _IN_BEFORE.search(before))
        )
        if not eligible or _excluded(text, m, before, on_route):
            continue
        out.append(m)
    return out


# How far back in its sentence the words before a mention are read: every test on them looks at
# fewer (a mention's tests then cost the same in a sentence of a thousand names).
BEFORE_CHARS = 400


def _before(text: str, sentence_start: int, start: int) -> str:
    return text[max(sentence_start, start - BEFORE_CHARS) : start]


def _contains(text: str, prev: _Mention, m: _Mention, places: Sequence[PlaceRow],
              candidates: Sequence[_Mention] = ()) -> bool:
    """Whether ``m``, attached right after ``prev``, is named as the place that holds it."""
    gap = text[prev.end : m.start]
    if _APPOSITION_IN.fullmatch(gap) and _kind(m) == "populated_place":
        return True  # "Bab Sharqi, a busy commercial area in central Baghdad"
    if not _ATTACHED.match(gap):
        return False
    if _kind(m) != "country" and "," in gap and _in_list(text, m, candidates):
        return False  # a list: "in Lashkar Gah, Kandahar and Herat"
    regions = [r for r in _rows_for(m.text, places) if r.kind in _REGION_KINDS]
    if (
        _kind(m) in _REGION_KINDS
        or any(r.name == _admin1(prev) for r in regions)
        # An unknown place has no admin1 to compare: a region name after it contains it.
        or (prev.row is None and regions)
    ):
        return True
    level_prev = _LEVEL.get(_kind(prev) or "populated_place", 0)
    # "Arbinda, Soum Province", "Dablo Department, Sanmatenga Province", "Chattisinghpora village
    # in Anantnag district": a lower division after a place.
    if _kind(m) in ("admin2", "admin3") or _DIVISION_AFTER.match(text[m.end : m.end + 20]):
        return _LEVEL.get(_kind(m) or "admin2", 2) > level_prev or bool(
            _DIVISION_AFTER.match(text[m.end : m.end + 20])
        )
    # "the Ghatkopar railway station in Mumbai", "Leytonstone station in east London": a place
    # located "in" a town is inside it (a name the gazetteer does not know, or a place of the
    # town's own division).
    if _kind(m) == "populated_place" and re.search(r"\bin\s", gap) and level_prev == 0:
        return prev.row is None or (
            _kind(prev) == "populated_place" and _country(prev) == _country(m)
            and fold(_admin1(prev) or "") == fold(_admin1(m) or "")
        )
    return False


def _mark_containers(text: str, candidates: list[_Mention], places: Sequence[PlaceRow]) -> None:
    """Mark the places named as containers of a place before them, and give unknown places
    their region: "Niafounke district in Timbuktu" is the region of Timbuktu, "Bambara-Maoude,
    Timbuktu" too, "Hombori municipality, in Douentza region" the region of Douentza,
    "Gaganfani and Yono, two ethnic Dogon villages in the Mopti region" the region of Mopti."""
    # Per sentence, in one pass: the last place before (a country in between, "Mali's", not
    # breaking the link), whether an unknown place came before, and the unknown places no
    # region has placed yet.
    last: dict[int, _Mention] = {}
    unknown: set[int] = set()
    pending: dict[int, list[_Mention]] = {}
    for m in candidates:
        prev = last.get(m.sentence)
        if prev is not None and _kind(prev) not in _REGION_KINDS and _contains(
            text, prev, m, places, candidates
        ):
            if _kind(m) in _REGION_KINDS or any(
                r.kind in _REGION_KINDS for r in _rows_for(m.text, places)
            ):
                m.as_region = True
            m.contained = True
            m.near = False
            if prev.row is None:
                prev.admin1 = prev.admin1 or (_admin1(m) if _kind(m) != "admin1" else None)
                prev.country = prev.country or _country(m)
        if _kind(m) in _REGION_KINDS and m.sentence in unknown:
            m.contained = True
        if m.contained:
            region = _region_row(m, places)
            if region is not None:
                for p in pending.pop(m.sentence, []):
                    p.admin1 = p.admin1 or region.admin1 or region.name
                    p.country = p.country or region.country
        if _kind(m) != "country":
            last[m.sentence] = m
            if m.row is None:
                unknown.add(m.sentence)
                pending.setdefault(m.sentence, []).append(m)
    # A quarter's city is its container: "the Sadriya quarter of central Baghdad" is Sadriya.
    for m in candidates:
        if m.within is not None:
            m.within.contained = True


def _is_location(text: str, m: _Mention) -> bool:
    if m.contained or _kind(m) in ("country", "site"):
        return False
    if m.row is not None and m.row.kind == "area" and (
        _is_supranational(m.row) or not _is_region_context(text, m.start, m.end)
    ):
        # "the Sahel", "Azawad": vague. "Liptako region" is a place (the guidelines' example);
        # "Africa's Sahel region" is not.
        return False
    return True


def _judge(text: str, mentions: list[_Mention], places: Sequence[PlaceRow]) -> list[_Mention]:
    """The mentions that are event locations, most specific level only, each place once."""
    candidates = _candidates(text, mentions)
    _mark_containers(text, candidates, places)
    locations = [m for m in candidates if _is_location(text, m)]
    locations = _elaborate(text, mentions, candidates, locations, places)
    locations = _without_references(text, locations)

    # A quarter's city goes wherever the entry names it: "Attack on Baghdad ... in the Karrada
    # and Sha'ab districts of Baghdad" is Karrada and Sha'ab.
    cities = {fold(m.within.row.name) for m in locations if m.within is not None}
    locations = [m for m in locations if not (m.row is not None and fold(m.row.name) in cities
                                              and m.within is None)]
    # A region goes when a place inside it is also a location, in any sentence; a town the
    # gazetteer does not know is taken to lie in the region the entry names ("Meanwhile, in Benue
    # state, ... killed nine people in Abagena town" is Abagena).
    inner = {_admin1(m) for m in locations if _kind(m) not in _REGION_KINDS}
    unknown = {_kind(m) for m in locations if m.row is None and not m.near}
    if unknown & {"populated_place", "admin3", None}:
        inner |= {
            (_region_row(m, places).name if _region_row(m, places) else None)
            for m in locations if _kind(m) in ("admin1", "admin2")
        }
    elif "admin2" in unknown:  # "in Nangarhar's Achin district": the district
        inner |= {
            (_region_row(m, places).name if _region_row(m, places) else None)
            for m in locations if _kind(m) == "admin1"
        }
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


def _without_references(text: str, locations: list[_Mention]) -> list[_Mention]:
    """"Near X", "N km from X" right after a town of the event only says where that town is:
    "Gakara village just outside the town of Kolofata" is Gakara, "Fafi Primary School, 95 km
    from Garissa" is Fafi. Alone, or joined by "and" ("near Timbuktu and an army base in Bamba"),
    X is a place of the event; a region before it ("In Borno state, ... near Kukawa") is no town."""
    kept = []
    plain: dict[int, _Mention] = {}  # the last town of each sentence so far
    for m in locations:
        prev = plain.get(m.sentence)
        if prev is not None and prev.end > m.start:
            prev = None
        gap = text[prev.end : m.start] if prev is not None else ""
        if m.near and prev is not None and _QUALIFIES.fullmatch(gap) and not _AND.search(gap):
            continue
        kept.append(m)
        if not m.near and _kind(m) not in ("admin1", "area"):
            plain[m.sentence] = m
    return kept


def _elaborate(text: str, mentions, candidates, locations, places) -> list[_Mention]:
    """Places that later sentences give to an event its first sentences place only in a country
    or a division: "a mosque in northern Burkina Faso was attacked. ... inside the Grand Mosque
    in Salmossi" is Salmossi; "Oregon, October 2, 2015: ... at a college in Roseburg" is
    Roseburg, a town of Oregon."""
    spans = _sentences(text)
    chosen = {m.sentence for m in candidates} | {0}
    first = text[spans[0][0] : spans[0][1]]
    if _LEGAL_ACT.search(first):
        return locations
    regions = [m for m in locations if _kind(m) in ("admin1", "admin2", "area")]
    if locations and len(regions) < len(locations):
        return _quarters_later(text, mentions, chosen, locations)
    countries = {_country(m) for m in candidates if _kind(m) == "country"}
    keys = {fold(r) for m in regions for r in (
        (_region_row(m, places).name if _region_row(m, places) else m.text),)}
    if not (countries or keys):
        return locations
    event_days = {_day_key(d) for i in chosen if i < len(spans)
                  for d in _DAY_MONTH.findall(text[spans[i][0] : spans[i][1]])}
    later: list[_Mention] = []
    for m in mentions:
        if _kind(m) in ("country", "site", "area") or m.sentence in chosen:
            continue
        if later and m.sentence != later[0].sentence:
            break
        s_start, s_end = spans[m.sentence]
        sentence = text[s_start:s_end]
        if _YEAR_DATE.search(sentence) or _other_day(sentence, event_days) or (
            _EARLIER.search(sentence)
        ):
            # Another day, another event: "Bakabo was killed in ... Aguelhok, northern Mali, on
            # June 5, 2021"; "... suspicious men near Silini village on 5 September"; "The
            # attack comes a week after gunmen killed 12 in Kaduna".
            continue
        s_start = spans[m.sentence][0]
        before = _before(text, s_start, m.start)
        if _excluded(text, m, before, False) or _PAST_CAPTURE.search(before):
            continue
        # Where the later sentence puts something, not a name in passing ("a claim denied by
        # Tel Aviv").
        if not (_LOCATIVE_SLOT.search(before[-40:]) or m.rule in _PLACE_RULES):
            continue
        if m.row is None:
            inside = m.country is None or m.country in countries or bool(keys)
        else:
            inside = (fold(_admin1(m) or "") in keys) if keys else _country(m) in countries
        if inside:
            later.append(m)
    if not later:
        return locations
    return [m for m in locations if m not in regions] + later


# How far from a city's point a place the gazetteer knows is still a part of it.
QUARTER_KM = 15.0


def _km(a: PlaceRow, b: PlaceRow) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(h))


def _quarters_later(text: str, mentions, chosen: set[int], locations) -> list[_Mention]:
    """A city of the event told more exactly in a later sentence: "... the attempted
    assassination of the minister in Cairo. A bomb was set off ... in front of his home in Nasr
    City" is Nasr City, a place the gazetteer puts within a few kilometres of Cairo."""
    spans = _sentences(text)
    out = list(locations)
    later = [m for m in mentions if m.sentence not in chosen and m.row is not None
             and m.row.kind == "populated_place" and m.row.lat is not None]
    if not later:
        return out
    for i, city in enumerate(locations):
        if city.row is None or city.row.kind != "populated_place":
            continue
        for m in later:
            if m.row is city.row or fold(m.row.name) == fold(city.row.name):
                continue
            distance = _km(city.row, m.row)
            if distance is None or distance > QUARTER_KM:
                continue
            s_start, s_end = spans[m.sentence]
            before = _before(text, s_start, m.start)
            if _YEAR_DATE.search(text[s_start:s_end]) or not _LOCATIVE_SLOT.search(before[-40:]):
                continue
            if _excluded(text, m, before, False):
                continue
            out[i] = m
            break
    return out


def _location(m: _Mention, text: str, places: Sequence[PlaceRow], as_event: bool) -> Location:
    row = _region_row(m, places) or m.row
    kind = row.kind if row else m.kind
    lat = row.lat if row else None
    lon = row.lon if row else None
    precision = None
    if as_event:
        if kind in _REGION_KINDS:
            precision = 3
            capital = _capital(row, places) if row is not None and row.kind == "admin1" else None
            lat, lon = (capital.lat, capital.lon) if capital else (None, None)
        elif kind == "admin2" or m.near:  # a district; a commune is the place itself
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
