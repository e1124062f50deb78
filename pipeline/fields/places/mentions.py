"""Collecting the spans that may name a place: the entity ruler's ``PLACE`` spans, the context
patterns, then the statistical NER's ``GPE`` / ``LOC``; table rows resolved, nothing judged."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.fields.places.context import (
    _CALENDAR_WORD,
    _CONTEXT_KINDS,
    _CONTEXT_RULES,
    _KIND_WORD_OF,
    _LOCATIVE_BEFORE,
    _EVENT_NAME,
    _AIRPORT,
    _PLACE_SITES,
    _POSSESSIVE_QUARTER,
    _QUARTER,
    _SPLIT_NAMES,
    _Taken,
    _is_region_context,
    _overlaps,
    heading_start,
)
from pipeline.fields.places.names import (
    _ENDS_IN_TERM,
    _TERMS,
    _WATER,
    _division_name,
    _extend,
    _is_site_name,
    _plausible_name,
    _proper_noun,
    _site_name,
    _strip_possessive,
    _trim_leading,
    _world_rows,
)
from pipeline.fields.places.resolve import (
    LARGE_PLACE, _REGION_KINDS, _WORLD_SOURCES, _prefer, _rows_for, choose_world, hints_of,
    resolve_place,
)
from pipeline.geo.terms import term_kind
from pipeline.nlp import ACTOR, PLACE
from pipeline.tables import PlaceRow, fold
from pipeline.text import MONTH


@dataclass(eq=False)
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
    fixed: bool = False  # the row was chosen from the words around it: namesakes stay as chosen
    within: _Mention | None = None  # the city a quarter lies in ("the Sadriya quarter of Baghdad")
    heading: bool = False  # named in the entry's heading ("Houston, July 7, 2016: ...")
    rule: str | None = None  # the context rule that found it ("rule:villages_of")


def _collect(
    doc: Doc, places: Sequence[PlaceRow], hint: str | None, cutoff: float
) -> list[_Mention]:
    """Every span that may name a place, table rows resolved, in text order."""
    text = doc.text
    mentions: list[_Mention] = []
    taken = _Taken(len(text))
    for ent in doc.ents:
        if ent.label_ == ACTOR:
            taken.append((ent.start_char, ent.end_char))
            # A body named after its seat keeps the seat as a place: "A Bamako court begins the
            # trial" (the actor table knows "Bamako court"), "A U.S. federal court charges".
            for k in range(len(ent) - 1, 0, -1):
                head = ent[:k]
                rows = _rows_for(head.text, places)
                # Only a country, a division or a curated place is a seat: "Save" of "Save the
                # Children", "Liberation" of "Liberation Tigers" are not. A world division counts
                # only by a name the ruler labels: "Central" of "Central Reserve Police Force" is
                # a common word, not Uganda's Central Region.
                rows = tuple(r for r in rows if not r.source.startswith(_WORLD_SOURCES)
                             or r.kind == "country"
                             or (r.kind == "admin1" and _division_name(head.text)))
                row = _prefer(rows, hint, region=False)
                if row is not None:
                    mentions.append(
                        _Mention(head.start_char, head.end_char, head.text, row, "table")
                    )
                    break
        elif ent.label_ == PLACE:
            if ent.text[:1].islower():
                continue  # the ruler matches case-blind: "a lone male suicide bomber" is no Malé
            if _PERSON_BEFORE.search(text[max(0, ent.start_char - 30) : ent.start_char]):
                taken.append((ent.start_char, ent.end_char))
                continue  # "US singer Ariana Grande" is no Tunisian governorate
            start, end = _extend(text, ent.start_char, ent.end_char, places)
            if _overlaps(start, end, taken):
                continue
            name = text[start:end]
            region = _is_region_context(text, start, end)
            row = _prefer(_rows_for(name, places), hint, region)
            if region and (row is None or row.kind not in _REGION_KINDS):
                # "Suleja, Niger state": the table's Niger is the country; the world's Niger
                # State is the division the words name.
                row = choose_world(
                    [r for r in _world_rows(name, places) if r.kind == "admin1"],
                    hints_of(hint), region=True, name=name,
                ) or row
            if row is not None:
                mention = _Mention(start, end, name, row, "table")
                mention.as_region = region and row.kind in _REGION_KINDS
            else:
                mention = _resolve_mention(start, end, name, places, hint, cutoff, "table")
            if (start, end) != (ent.start_char, ent.end_char) and mention.row is None:
                mention.kind = "area" if _WATER.match(name) else "populated_place"
            mentions.append(mention)
            taken.append((start, end))
        elif ent.label_ == "DATE":
            # The other labels of the small model are not trusted to exclude a name: it calls
            # villages NORP, ORG or PERSON ("the village of Aguelhok", "between Koro and Bankass").
            # A date's capitalised words that are no calendar words are not the date's either:
            # it calls "the Sadriya quarter" and "January 6, 2015 – Sultanahmet" dates.
            for token in ent:
                if token.text[:1].isupper() and not _CALENDAR_WORD.match(token.text) and not (
                    re.fullmatch(MONTH, token.text)
                ):
                    continue
                taken.append((token.idx, token.idx + len(token.text)))

    for finder in (_before_containers, _heading, _quarters):
        mentions.extend(finder(doc, mentions, places, hint, cutoff, taken))

    for rule_id, pattern in _CONTEXT_RULES:
        for m in pattern.finditer(text):
            kind = _context_kind(m, hint)
            spans = _rule_names(m)
            if rule_id == "road_between" and not all(
                _plausible_name(text[s:e]) for s, e in spans
            ):
                continue  # "the Pan-American highway"
            for start, end in spans:
                name = _strip_possessive(text[start:end])
                end = start + len(name)
                if rule_id == "site_of_place":
                    site = _site_name(name)
                    start += name.find(site) if site else 0
                    name = site
                    end = start + len(name)
                    if not name or not _names_its_site(name, m.group("site"), places):
                        continue
                if _overlaps(start, end, taken) or not _plausible_name(name):
                    continue
                if rule_id == "in_x_verb" and not _verb_after(doc, end):
                    continue  # "in Yazidi residential compounds"
                if rule_id == "in_x" and m.group("the") and not _ENDS_IN_TERM.search(name):
                    continue  # "in the Defence Ministry"; "In the Barsalogho Department" is one
                if _is_site_name(name):
                    continue  # "Camp Speicher", "Istiklal Street" are sites, their town the place
                mention = _resolve_mention(
                    start, end, name, places, hint, cutoff, f"rule:{rule_id}"
                )
                if rule_id == "capital_x" and mention.row is not None and (
                    mention.row.kind == "country"
                ):
                    continue  # "the capital of Niger" names the country, not a place
                if rule_id == "site_of_place" and not _site_gives_place(mention, m.group("site")):
                    continue  # "the Serena Hotel", "Ataturk airport": no town of that name
                if rule_id in _WEAK_RULES and mention.row is None and (
                    not _proper_noun(doc, start, end)
                    or rule_id == "site_comma_place"
                    and not _PUNCT_AFTER.match(text[end : end + 3])
                ):
                    continue  # "at the Grand Mosque, Imam Ahmed said"; "at Mass in"
                mention.kind = mention.kind or kind
                _strip_term(mention, places, hint, cutoff)
                mentions.append(mention)
                taken.append((start, end))

    # The statistical NER last: the rules cut names more exactly ("Bouka Were", not "Bouka").
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC") or _overlaps(ent.start_char, ent.end_char, taken):
            continue
        # The small model calls "JNIM" and "Dogon" GPE: keep only capitalised words the text puts
        # in a place slot ("in X", "near X").
        if ent.text.isupper() or not ent.text[:1].isupper() or not _plausible_name(ent.text):
            continue
        before = text[max(0, ent.start_char - 40) : ent.start_char]
        if not _LOCATIVE_BEFORE.search(before):
            continue
        after = text[ent.end_char : ent.end_char + 30]
        # A name used as an adjective is not the place: "in Yazidi residential compounds", "near
        # the Khilani Shi'ite mosque" (a name after "the" only with a division term after it).
        if _ADJECTIVE_AFTER.match(after) or (
            before.rstrip().lower().endswith(" the") and not _TERM_AFTER.match(after)
        ):
            continue
        mention = _resolve_mention(
            ent.start_char, ent.end_char, ent.text, places, hint, cutoff, "ner"
        )
        _strip_term(mention, places, hint, cutoff)
        mentions.append(mention)
        taken.append((ent.start_char, ent.end_char))
    mentions = [
        m for m in mentions if not _VESSEL_BEFORE.search(text[max(0, m.start - 40) : m.start])
    ]
    mentions.sort(key=lambda m: m.start)
    return mentions


# A person's title or calling before a name: the name is the person's.
_PERSON_BEFORE = re.compile(
    r"\b(?:singer|actor|actress|rapper|footballer|player|journalist|reporter|presenter|"
    r"spokes(?:man|woman|person)|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sheikh|Imam|Pope|King|Queen|Prince|"
    r"Princess|President|Senator)\s+$"
)


# "Mandera County Governor", "Diffa Region Governor": a possessive or a title after a division.
_NOT_CONTAINER_AFTER = re.compile(
    r"^(?:['’]s\b|\s+(?:Governor|governor|Commissioner|commissioner|Administrator|"
    r"administrator|Assembly|assembly|Police|police)\b)"
)


# A name continuing a list after a place: ", and Herat", " and Herat", ", Herat".
_LIST_AFTER = re.compile(
    r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?"
    rf"(?!{MONTH}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z]"
)
_LEVELS = {"populated_place": 0, "site": 0, "admin3": 1, "admin2": 2, "admin1": 3, "area": 3,
           "country": 4}


def _in_list(text: str, c: _Mention, mentions: Sequence[_Mention]) -> bool:
    """Whether a place is one of a list of peers ("in Lashkar Gah, Kandahar and Herat") rather
    than a container in a chain of them ("Dablo Department, Sanmatenga Province, Centre-Nord
    Region", "Arbinda, Soum Province, Burkina Faso")."""
    if not _LIST_AFTER.match(text[c.end : c.end + 30]):
        return False
    # ``mentions`` are in text order: the next one is found by bisection, not by a scan.
    at = bisect.bisect_right(mentions, c.end, key=lambda x: x.start)
    nxt = mentions[at] if at < len(mentions) and mentions[at].start <= c.end + 12 else None
    if nxt is None:
        return True
    kind = lambda x: "admin1" if x.as_region else (x.row.kind if x.row else x.kind)  # noqa: E731
    return _LEVELS.get(kind(nxt) or "populated_place", 0) <= _LEVELS.get(
        kind(c) or "populated_place", 0
    ) and not _ENDS_IN_TERM.search(nxt.text)


# --- a name before its container ---------------------------------------------------------------

_CAP_WORD = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
class _NameBeforeComma:
    """The capitalised words right before a comma that ends the searched range ("Potiskum, "
    before "Yobe"). The comma is looked for first: tried from every capital of a range of
    capitalised words, the name pattern reads the rest of the range each time."""

    _pattern = re.compile(
        rf"(?<![\w'’.-])(?P<name>{_CAP_WORD}(?:[ \t]+(?:{_CAP_WORD}|\d+\b))*),[ \t]*$"
    )

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        k = end
        while k > start and text[k - 1] in " \t":
            k -= 1
        if k == start or text[k - 1] != ",":
            return None
        return self._pattern.search(text, start, end)


_NAME_BEFORE_COMMA = _NameBeforeComma()


def _is_container(row: PlaceRow | None) -> bool:
    """A division, a country, or a city whose division bears its name (Istanbul, Kabul)."""
    if row is None:
        return False
    if row.kind in ("admin1", "admin2", "country"):
        return True
    return row.kind == "populated_place" and fold(row.name) == fold(row.admin1 or "")


def _before_containers(doc, mentions, places, hint, cutoff, taken) -> list[_Mention]:
    """Names written before the division or country that holds them: "Potiskum, Yobe", "Lassa,
    Borno State", "Mai Kaddara, Tigray", "Sultanahmet, Istanbul". A name the gazetteer does not
    know is still a place here, kept with a null resolution, when its words are proper nouns."""
    text = doc.text
    found: list[_Mention] = []
    for c in list(mentions):
        if not _is_container(c.row) or _NOT_CONTAINER_AFTER.match(text[c.end : c.end + 20]):
            continue
        if c.row.kind != "country" and _in_list(text, c, mentions):
            continue  # "in Lashkar Gah, Kandahar and Herat": a list, not a container
        m = _NAME_BEFORE_COMMA.search(text, max(0, c.start - 50), c.start)
        if not m:
            continue
        start, end = _trim_leading(doc, m.start("name"), m.end("name"))
        if start is None or _overlaps(start, end, taken):
            continue
        name = text[start:end]
        if not _plausible_name(name) or _is_site_name(name):
            continue
        if not _rows_for(name, places) and not _proper_noun(doc, start, end):
            continue
        mention = _resolve_mention(start, end, name, places, hint, cutoff,
                                   "rule:x_comma_container")
        mention.kind = mention.kind or "populated_place"
        _strip_term(mention, places, hint, cutoff)
        found.append(mention)
        taken.append((start, end))
    return found


# --- the entry's heading -----------------------------------------------------------------------

_LEAD_NAME = rf"{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,3}}"
# "Houston, July 7, 2016: ...", "Diyarbakir (east): ...", "Istanbul, Ortakoy: ...", "Oregon,
# October 2, 2015: ...", "Mogadishu, Somalia - October 2017 ...".
_LEAD = re.compile(
    rf"(?P<a>{_LEAD_NAME})(?:,[ \t]*(?P<b>{_LEAD_NAME}))?"
    rf"(?=[ \t]*\([^)\n]{{0,20}}\)[ \t]*[:–—-]|[ \t]*:|[ \t]+[-–—]{{1,2}}[ \t]"
    rf"|,[ \t]*(?:{MONTH}|\d))"
)


def _heading(doc, mentions, places, hint, cutoff, taken) -> list[_Mention]:
    """The places an entry's heading names, before or after its date: "Houston, July 7, 2016:",
    "January 6, 2015 – Sultanahmet, Istanbul:", "June 5, 2015 – Diyarbakir (east):". A heading
    "City, Quarter" names the quarter: "Istanbul, Ortakoy" is Ortakoy."""
    text = doc.text
    start = heading_start(text)
    found: list[_Mention] = []
    event = _EVENT_NAME.search(text, start, min(len(text), start + 60))
    if event and _first_words(text, start, event.start()):
        s, e = event.span("name")
        name = text[s:e]
        if not _overlaps(s, e, taken) and _plausible_name(name):
            mention = _resolve_mention(s, e, name, places, hint, cutoff, "rule:heading")
            if mention.row is not None and mention.row.kind != "country":
                mention.heading = True
                found.append(mention)
                taken.append((s, e))
    m = _LEAD.match(text, start)
    if not m:
        return found
    spans = {}
    for group in ("a", "b"):
        if not m.group(group):
            continue
        s, e = m.span(group)
        spans[group] = (s, e)
        name = text[s:e]
        if _overlaps(s, e, taken) or not _plausible_name(name) or not _rows_for(name, places):
            continue
        if _is_site_name(name):
            continue
        mention = _resolve_mention(s, e, name, places, hint, cutoff, "rule:heading")
        if mention.row is None:
            continue
        found.append(mention)
        taken.append((s, e))
    every = mentions + found
    by_span = {(x.start, x.end): x for x in every}
    for x in every:
        if x.start < m.end() and x.start >= start:
            x.heading = True
    a, b = by_span.get(spans.get("a")), by_span.get(spans.get("b"))
    if a is not None and b is not None and _is_container(a.row) and a.row.kind != "country":
        keys = {fold(a.row.name), fold(a.row.admin1 or "")}
        inside = [r for r in _rows_for(b.text, places)
                  if r.country == a.row.country and r.kind == "populated_place"
                  and fold(r.admin1 or "") in keys]
        if inside:
            b.row = choose_world(inside, (a.row.country,), name=b.text) or inside[0]
            b.fixed = True
            a.contained = True
    return found


def _first_words(text: str, start: int, pos: int) -> bool:
    """Whether only an article or a date stands between the body's start and ``pos``: "The 27
    April 2012 Damascus bombings", "2008 – Mumbai Attacks"."""
    between = text[start:pos].strip()
    if not between:
        return True
    return bool(_ARTICLE_DATE.fullmatch(between)) and (
        between.startswith("The") or between[:1].isdigit()
    )


_ARTICLE_DATE = re.compile(r"(?:The\s+)?[\d\s,.–-]*(?:[A-Z][a-z]+\.?\s+[\d\s,.–-]*)?")


# --- quarters of a city ------------------------------------------------------------------------

def _quarters(doc, mentions, places, hint, cutoff, taken) -> list[_Mention]:
    """Quarters of a city, the most specific place: "the Baghdad district of Karrada", "the
    Sadriya quarter of central Baghdad", "Baghdad's Sadr City". The quarter takes the city's
    country and division; the city is its container."""
    text = doc.text
    found: list[_Mention] = []
    for m in _QUARTER.finditer(text):
        xs, ys = _split(m, "x"), _split(m, "y")
        if len(ys) != 1:
            continue
        x_pop = _population(text[xs[0][0] : xs[0][1]], places, hint) if len(xs) == 1 else -1
        y_pop = _population(text[ys[0][0] : ys[0][1]], places, hint)
        city_span, quarter_spans = (xs[0], ys) if x_pop > max(y_pop, 0) else (ys[0], xs)
        city, made = _city_mention(doc, city_span, mentions + found, places, hint, cutoff, taken)
        if city is None:
            continue
        if made:
            found.append(city)
        for s, e in quarter_spans:
            quarter = _quarter(text, s, e, city, places, taken)
            if quarter is not None:
                found.append(quarter)
    by_span = {(x.start, x.end): x for x in mentions + found}
    for m in _POSSESSIVE_QUARTER.finditer(text):
        # "Baghdad's Sadr City", "Borno's Konduga", "Nigeria's Maiduguri": a place the
        # gazetteer puts inside the city, division or country before it.
        city = by_span.get(m.span("y"))
        if city is None or city.row is None or city.row.kind not in (
            "populated_place", "admin1", "admin2", "country"
        ):
            continue
        s, e = m.span("x")
        quarter = _quarter(text, s, e, city, places, taken, known_only=True)
        if quarter is not None:
            found.append(quarter)
    return found


def _split(m: re.Match, group: str) -> list[tuple[int, int]]:
    offset, names, pos, spans = m.start(group), m.group(group), 0, []
    for sep in _SPLIT_NAMES.finditer(names):
        spans.append((offset + pos, offset + sep.start()))
        pos = sep.end()
    spans.append((offset + pos, offset + len(names)))
    return [(s, e) for s, e in spans if e > s]


def _population(name: str, places, hint) -> int:
    rows = [r for r in _rows_for(name, places) if r.kind == "populated_place"]
    hinted = [r for r in rows if r.country in hints_of(hint)] or rows
    return max((r.population for r in hinted), default=0) if rows else 0


def _city_mention(doc, span, mentions, places, hint, cutoff, taken):
    """The mention of a quarter's city, and whether it was made here."""
    for x in mentions:
        if (x.start, x.end) == span or (x.start <= span[0] and span[1] <= x.end):
            return (x if x.row is not None else None), False
    if _overlaps(*span, taken):
        return None, False
    name = doc.text[span[0] : span[1]]
    if not _plausible_name(name):
        return None, False
    city = _resolve_mention(*span, name, places, hint, cutoff, "rule:quarter_city")
    if city.row is None:
        return None, False
    taken.append(span)
    return city, True


def _quarter(text, s, e, city, places, taken, known_only=False) -> _Mention | None:
    name = _strip_possessive(text[s:e])
    e = s + len(name)
    if _overlaps(s, e, taken) or not _plausible_name(name):
        return None
    keys = {fold(city.row.name), fold(city.row.admin1 or "")}
    inside = [r for r in _rows_for(name, places)
              if r.country == city.row.country
              and (city.row.kind in ("country", "admin2") or fold(r.admin1 or "") in keys)
              and r.kind in ("populated_place", "admin2", "admin3")]
    if known_only and not inside:
        return None
    row = choose_world(inside, (city.row.country,), name=name) if inside else None
    quarter = _Mention(s, e, name, row, "rule:quarter")
    if row is None:
        quarter.kind = "populated_place"
        quarter.admin1, quarter.country = city.row.admin1, city.row.country
    quarter.fixed = True
    quarter.within = city
    taken.append((s, e))
    return quarter


# --- names found by the context rules ----------------------------------------------------------


# Rules whose names the gazetteer should know, or that must be proper nouns: a place after a
# named site and a comma only before punctuation ("the Hadi Centre, Karrada, as ...").
_WEAK_RULES = frozenset({"site_comma_place", "in_x_verb", "at_x_in"})
_PUNCT_AFTER = re.compile(r"\s*[,.;:)]|\s*$")
def _site_gives_place(mention: _Mention, site: str) -> bool:
    """Whether a site's first words name the place it stands in: a town the gazetteer knows
    (for an airport, a city: "Brussels airport", not the hamlet of "Ataturk airport"), or any
    name before a station, a camp or a market ("the Nunwan base camp")."""
    if re.fullmatch(_AIRPORT, site, re.IGNORECASE):
        return mention.row is not None and (
            mention.row.population >= LARGE_PLACE or mention.row.kind == "admin1"
        )
    if mention.row is not None:
        return True
    return bool(re.fullmatch(_PLACE_SITES, site, re.IGNORECASE))


def _verb_after(doc: Doc, end: int) -> bool:
    """Whether the word after ``end`` is a verb: "A chlorine attack in Idleb killed six"."""
    span = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    return doc[span.end].pos_ == "VERB"


def _names_its_site(name: str, site: str, places) -> bool:
    """A site's first words name its place when the gazetteer knows them, or when the site is
    of a kind named after its place (a station, a camp, a market)."""
    if _rows_for(name, places):
        return True
    return bool(re.fullmatch(_PLACE_SITES, site, re.IGNORECASE))


def _strip_term(mention: _Mention, places, hint, cutoff) -> None:
    """An unknown name ending in a division term is the name without it, of the term's kind:
    "Shabwa province" -> "Shabwa", a first-level division; "Dablo Department" -> "Dablo"."""
    if mention.row is not None:
        return
    head, _, last = mention.text.rpartition(" ")
    if not head or last.lower() not in _TERMS:
        return
    kind = term_kind(last, next(iter(hints_of(hint)), None))
    if kind in (None, "populated_place"):
        return
    found = resolve_place(head, places, hint, cutoff)
    mention.text = head
    mention.end = mention.start + len(head)
    if found is not None and found[0].kind == kind:
        mention.row, mention.method = found[0], mention.method
    else:
        mention.row = None
        mention.kind = kind


def _rule_names(m: re.Match) -> list[tuple[int, int]]:
    """The name spans a context rule matched: each name of a list, or both ends of a route."""
    spans: list[tuple[int, int]] = []
    for group in ("names", "a", "b"):
        if group not in m.re.groupindex or not m.group(group):
            continue
        if group != "names":
            spans.append((m.start(group), m.end(group)))
            continue
        spans.extend(_split(m, group))
    return [(s, e) for s, e in spans if e > s]


def _context_kind(m: re.Match, hint=None) -> str | None:
    """The kind a context rule gives an unknown name: "Segue village" a village, "Guire district"
    a cercle, "the town of Kadji" a town, "the department of Banibangou" a department."""
    if "term" in m.re.groupindex and m.group("term"):
        return term_kind(m.group("term"), next(iter(hints_of(hint)), None))
    if "kind" in m.re.groupindex and m.group("kind"):
        return _CONTEXT_KINDS.get(m.group("kind").lower())
    found = _KIND_WORD_OF.search(m.group(0))
    return _CONTEXT_KINDS.get(found.group(1).lower()) if found else None


def _resolve_mention(start, end, name, places, hint, cutoff, method) -> _Mention:
    """A mention of a name found outside the ruler: a table row when fuzzy matching finds one."""
    found = resolve_place(name, places, hint, cutoff)
    rule = method if method.startswith("rule:") else None
    if found is None:
        return _Mention(start, end, name, None, method, rule=rule)
    row, how = found
    return _Mention(start, end, name, row, how, rule=rule)


# A lower-case word after a name that is no division term makes the name an adjective.
_ADJECTIVE_AFTER = re.compile(
    r"^\s+(?!(?:and|or|in|on|at|near|of|to|from|with|where|which|who|while|after|before|"
    r"during|since|by|for|as|is|was|were|are|has|had|have|that|city|town|village|district|"
    r"province|region|state|county|area|governorate|department)\b)[a-z]"
)
_TERM_AFTER = re.compile(
    r"^\s+(?:district|province|region|state|county|governorate|department|quarter|area|"
    r"neighbou?rhood)\b", re.IGNORECASE
)
# A vessel's name is not a place: "the French supertanker Limburg", "the destroyer USS Cole".
_VESSEL_BEFORE = re.compile(
    r"\b(?:ship|tanker|supertanker|vessel|destroyer|frigate|warship|boat|ferry|yacht|cruiser|"
    r"freighter|trawler|USS|HMS)\s+$"
)
