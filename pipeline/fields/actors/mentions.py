"""Finding an entry's actor mentions: the table's aliases (entity ruler, dotted aliases), the
NER's ORG / NORP spans resolved against the table, nationality forces and generic force words.

Each mention is a span with a canonical name; ``roles`` decides what it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.fields.actors.resolve import ambiguous_alias, resolve_actor
from pipeline.fields.actors.words import (
    _ACT_NOUNS,
    _CARRY_VERBS,
    _DOTTED,
    _FIELD_NOUNS,
    _FORCE_KINDS,
    _FORCE_NOUNS_FOR_NATIONALITY,
    _FORCE_WORDS,
    _FOREIGN_WORDS,
    _HOME_ONLY_WORDS,
    _MISSION_WORDS,
    _NOT_A_FORCE_AFTER,
    _POLICE_WORDS,
    _QUALIFIED_FORCE,
    _UN_CONTEXT,
    _UN_WORDS,
)
from pipeline.text import split_sentences as sentence_spans
from pipeline.nlp import ACTOR
from pipeline.tables import ActorRow, PlaceRow, cache_by_identity, fold

# A vehicle another force drives: its maker's or owner's nationality names no actor.
_VEHICLE_WORDS = frozenset({"vehicle", "vehicles", "car", "armored", "tanker", "helicopters"})
# A nationality before the means of an armed force names that force: "A Jordanian airstrike
# killed", "a French air raid", "Turkish shelling".
_STRIKE_NOUNS = frozenset({"airstrike", "airstrikes", "drone", "drones", "warplane",
                           "warplanes", "jets", "artillery", "shelling", "bombardment"})
# Military ranks before a name: a nationality before them names the officer's force.
_RANKS = frozenset({"General", "Gen.", "Colonel", "Col.", "Lieutenant", "Lt.", "Captain", "Capt.",
                    "Sergeant", "Sgt.", "Brigadier", "Admiral", "Corporal", "Cpl."})
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+\.?")  # "U.S."
_OPERATED_BY = frozenset({"driven", "operated", "manned", "flown", "carrying", "transporting"})

# The statistical NER's labels for groups it knows nothing of: resolved through the table or
# dropped ("Allied French" ORG, "Strait Times" ORG).
_NER_LABELS = ("ORG", "NORP")


@dataclass(eq=False)
class _Mention:
    span: Span
    name: str
    kind: str | None
    method: str
    generic: bool = False


def _sentences(doc: Doc, start: int, end: int) -> list[Span]:
    """The body's sentences as spans, split by event_type.sentence_spans.

    Not the parser's: it glues the date header to the first sentence ("April 29, 2024: Mali's
    armed forces launch ...") and does not know the "Sources:" tail.
    """
    spans = []
    for s_start, s_end in sentence_spans(doc.text, start, end):
        span = doc.char_span(s_start, s_end, alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


def _mentions(doc, sentences, tables, settings, home_force, un_mission,
              country: str | None = None, home_police: str | None = None,
              document_group: str | None = None) -> list[_Mention]:
    kinds = tables.actor_kinds()
    first, last = sentences[0].start, sentences[-1].end
    taken: dict[int, _Mention] = {}
    mentions: list[_Mention] = []

    def add(span: Span, name: str, method: str, generic: bool = False,
            kind: str | None = None) -> None:
        if span.start < first or span.end > last or any(i in taken for i in range(span.start, span.end)):
            return
        mention = _Mention(span, name, kinds.get(name, kind), method, generic)
        for i in range(span.start, span.end):
            taken[i] = mention
        mentions.append(mention)

    found = []
    for ent in doc.ents:
        if ent.label_ != ACTOR or ent.ent_id_ not in kinds:
            continue
        name = ent.ent_id_
        if country is not None and _elsewhere(ent.text, tables.actors, country):
            continue  # "Al-Jihad" (Egypt's only) in the name of an Indian committee
        if ambiguous_alias(ent.text, tables.actors):
            # The ruler keeps one id per spelling; "ADF" in Cameroon is the Ambazonia Defence
            # Forces, in the DR Congo the Allied Democratic Forces.
            hit = resolve_actor(ent.text, tables.actors, 100.0, country)
            name = hit[0].name if hit else name
        found.append((ent, name))
    body = doc.text[: doc[last - 1].idx + len(doc[last - 1])]
    for m in _dotted_aliases(tables.actors).finditer(body, doc[first].idx):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        hit = resolve_actor(m.group(), tables.actors, 100.0, country)
        if span is not None and hit:
            found.append((span, hit[0].name))
    found.extend(_islamic_state(doc, body, first, tables))
    # Longest first, as the entity ruler does: "U.N. Security Council" over "Security Council".
    for span, name in sorted(found, key=lambda f: (-len(f[0].text), f[0].start)):
        add(span, name, "table")
    for ent in doc.ents:
        if ent.label_ in _NER_LABELS and not any(i in taken for i in range(ent.start, ent.end)):
            hit = resolve_actor(ent.text, tables.actors, settings.fuzzy_cutoff, country)
            if hit:
                add(ent, hit[0].name, "ner" if hit[1] == "table" else hit[1])
    un_bodies = _un_bodies(tables.actors)
    for mention in mentions:
        if un_mission is not None and mention.name in un_bodies and _field_noun_after(mention.span):
            mention.name, mention.kind = un_mission, kinds.get(un_mission)
            mention.method = "rule:un-field-presence"
    countries = _countries(tables.places)
    _nationality_forces(doc, tables, taken, add)
    if un_mission is not None:
        _contingents(mentions, sentences, tables, home_force, un_mission)
    _generic_forces(doc, sentences, tables, taken, add, home_force, un_mission, countries)
    if home_police is not None:
        _generic_police(doc, sentences, taken, add, home_police)
    _governments(doc, sentences, tables, taken, add, country, home_force)
    _the_group(doc, sentences, mentions, taken, add, document_group)
    return sorted(mentions, key=lambda m: m.span.start)


# The forms of the Islamic State the table leaves out because they are English words once
# lower-cased ("is", "an Islamic state"): read here in their case, "claimed by IS", "a bomb
# claimed by Islamic State", "the Islamic State (IS)"; not "an Islamic State", not in a line of
# capitals ("THIS IS").
_ISLAMIC_STATE = re.compile(
    r"(?P<short>(?<![\w.])IS(?![\w.]))|(?<!\b[Aa]n )(?<!\b[Aa] )\bIslamic State\b"
    r"(?!\s+(?:of|in)\s+(?:the\s+)?[A-Z])"  # not a longer name: "Islamic State of the Greater ..."
)


def _islamic_state(doc: Doc, text: str, first: int, tables) -> list[tuple[Span, str]]:
    """``text``: the doc's text up to the end of its last sentence read."""
    hit = resolve_actor("ISIS", tables.actors, 100.0)
    if hit is None:
        return []
    found = []
    for m in _ISLAMIC_STATE.finditer(text, doc[first].idx):
        if m.group("short"):
            around = re.findall(r"[A-Za-z]{2,}", text[max(0, m.start() - 20): m.end() + 20])
            if sum(w.isupper() for w in around) > 1:
                continue  # "THIS IS A TEST"
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            found.append((span, hit[0].name))
    return found


def _elsewhere(text: str, actors, country: str) -> bool:
    """An alias that holds only in other countries than the event's."""
    hit = resolve_actor(text, actors, 100.0, country)
    return hit is not None and hit[1] == "table" and bool(hit[0].in_countries) and (
        country not in hit[0].in_countries.split())


@cache_by_identity
def _un_bodies(actors: tuple[ActorRow, ...]) -> frozenset[str]:
    """The table's name of the U.N. itself, whose field presence is the U.N. mission."""
    return frozenset(row.name for row in actors if fold(row.alias) in ("u.n.", "united nations"))


def _contingents(mentions, sentences, tables, home_force, un_mission) -> None:
    """"four Malian and Chadian soldiers at a U.N. peacekeeping camp", "peacekeepers from the
    Burkinabe contingent of the U.N. ... Mission": a foreign force named by its nationality alone
    (a generated form, not a curated name like "Barkhane"), in a sentence about the U.N., is the
    mission's contingent. The event country's own force stays itself."""
    generated = _generated_aliases(tables.actors)
    kinds = tables.actor_kinds()
    for mention in mentions:
        if mention.name == home_force or mention.generic and mention.method != "rule:nationality-force":
            continue
        text = fold(mention.span.text)
        forms = [text] + [f"{text} {noun}" for noun in _FORCE_NOUNS_FOR_NATIONALITY]
        if not any(f in generated for f in forms[: 1 if len(mention.span) > 1 else None]):
            continue
        if any(s.start <= mention.span.start < s.end and _UN_CONTEXT.search(s.text)
               for s in sentences):
            mention.name, mention.kind = un_mission, kinds.get(un_mission)
            mention.method = "rule:un-contingent"


@cache_by_identity
def _generated_aliases(actors: tuple[ActorRow, ...]) -> frozenset[str]:
    """The forms of forces the table holds only as generated rows ("Chadian soldiers";
    ``pipeline.geo.forces``), folded."""
    from pipeline.geo.forces import SOURCE

    return frozenset(fold(row.alias) for row in actors if row.source == SOURCE)


@cache_by_identity
def _countries(places: tuple[PlaceRow, ...]) -> frozenset[str]:
    return frozenset(fold(p.name) for p in places if p.kind == "country")


@cache_by_identity
def _dotted_aliases(actors: tuple[ActorRow, ...]) -> re.Pattern:
    forms = sorted({row.alias for row in actors if _DOTTED.search(row.alias)}, key=len, reverse=True)
    if not forms:
        return re.compile(r"(?!x)x")
    return re.compile(
        r"(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE
    )


def _field_noun_after(span: Span) -> bool:
    """'U.N.' as the modifier of a military presence: "a U.N. logistics convoy", "U.N.-run camp";
    not "Dr. Diawara of the World Health Organization from his car"."""
    last = span[-1]
    if "-" in last.text and last.text.split("-", 1)[1]:
        return True
    for tok in span.doc[span.end: span.end + 3]:
        if tok.lower_ in _FIELD_NOUNS:
            return True
        if not tok.is_alpha or tok.pos_ in ("ADP", "DET", "VERB", "AUX", "PRON", "CCONJ"):
            return False
    return False


def _nationality_forces(doc, tables, taken, add) -> None:
    """'French and Malian forces', 'a French armored car': a nationality before a force noun
    names that country's force when the table knows it ("French forces")."""
    for tok in doc[:-1]:
        if tok.i in taken or not tok.text[:1].isupper() or not (
            tok.is_alpha or _INITIALS.fullmatch(tok.text)
        ):
            continue
        nxt = doc[tok.i + 1]
        if nxt.lower_ == "security" and tok.i + 2 < len(doc) and (
            doc[tok.i + 2].lower_ in _FIELD_NOUNS
        ):
            nxt = doc[tok.i + 2]  # "a U.S. security convoy"
        if nxt.text in _RANKS or (nxt.text == "Major" and tok.i + 2 < len(doc)
                                  and doc[tok.i + 2].text == "General"):
            nxt = doc[tok.i + 1]  # "Peruvian General Luis Ortega": an officer
            for noun in _FORCE_NOUNS_FOR_NATIONALITY:
                hit = resolve_actor(f"{tok.text} {noun}", tables.actors, 100.0)
                if hit:
                    add(doc[tok.i: tok.i + 1], hit[0].name, "rule:nationality-force", True)
                    break
            continue
        coordinated = nxt.lower_ == "and" and tok.i + 2 in taken
        strike = nxt.lower_ in _STRIKE_NOUNS or (
            nxt.lower_ == "air" and tok.i + 2 < len(doc)
            and doc[tok.i + 2].lower_ in ("strike", "strikes", "raid", "raids"))
        if not (coordinated or strike or nxt.lower_ in _FIELD_NOUNS or nxt.lower_ == "armored"):
            continue
        if nxt.lower_ in _UN_WORDS:
            continue  # "two Nigerian peacekeepers" serve the U.N. mission, not Nigeria's army
        if nxt.lower_ in _VEHICLE_WORDS and any(
            t.lower_ in _OPERATED_BY for t in doc[tok.i + 2: tok.i + 6]
        ):
            continue  # "a German vehicle being driven by Irish troops" carried the Irish
        for noun in _FORCE_NOUNS_FOR_NATIONALITY:
            hit = resolve_actor(f"{tok.text} {noun}", tables.actors, 100.0)
            if hit:
                # A vehicle or a camp stands for the force only as a target.
                add(doc[tok.i: tok.i + 1], hit[0].name, "rule:nationality-force", not coordinated)
                break


def _generic_forces(doc, sentences, tables, taken, add, home_force, un_mission, countries):
    """'soldiers', 'army', 'military checkpoints', 'peacekeepers' that no table row names."""
    last_force: str | None = None
    for sentence in sentences:
        un_context = bool(_UN_CONTEXT.search(sentence.text))
        for tok in sentence:
            mention = taken.get(tok.i)
            if mention is not None:
                if mention.kind in _FORCE_KINDS and not mention.generic:
                    last_force = mention.name
                continue
            word = tok.lower_
            if word in _UN_WORDS:
                if un_mission is not None:
                    add(doc[tok.i: tok.i + 1], un_mission, "rule:generic-peacekeepers", True)
                continue
            nxt = doc[tok.i + 1].lower_ if tok.i + 1 < sentence.end else ""
            qualified = word in _QUALIFIED_FORCE and nxt in _QUALIFIED_FORCE[word]
            if word not in _FORCE_WORDS and not qualified:
                continue
            if word in ("military", "army") and nxt in _NOT_A_FORCE_AFTER:
                continue
            if tok.i > sentence.start and doc[tok.i - 1].lower_ in _FOREIGN_WORDS:
                continue  # "foreign military personnel": not the home force, and no name
            if word in ("military", "army") and any(
                t.lower_ in _CARRY_VERBS for t in doc[tok.i + 1: min(tok.i + 4, sentence.end)]
            ):
                # "A military convoy carrying U.N. peacekeepers": the convoy is theirs.
                continue
            span = doc[tok.i: tok.i + 2] if qualified else doc[tok.i: tok.i + 1]
            method = "rule:generic-security" if word == "security" else "rule:generic-force"
            named = _forces_named_near(doc, tok, sentence, tables, taken, countries, un_context,
                                       un_mission)
            if named is None:
                home_only = word in _HOME_ONLY_WORDS or word in ("military", "army")
                named = [(tok.i, home_force if home_only or last_force is None else last_force)]
            for k, (i, name) in enumerate(named):
                # "four Malian and Chadian soldiers": the second force on its own adjective.
                where = span if k == 0 else doc[i: i + 1]
                if name is not None:
                    add(where, name, method, True)


def _generic_police(doc, sentences, taken, add, home_police) -> None:
    """'police', 'policemen', 'a police station' that no table row names are the event country's
    police ("Four police officers were killed", "storm a police station"); not after a force
    already named ("U.N. police") or a foreign word ("foreign police trainers")."""
    for sentence in sentences:
        for tok in sentence:
            if tok.i in taken or tok.lower_ not in _POLICE_WORDS:
                continue
            if tok.i > sentence.start:
                before = doc[tok.i - 1]
                named = taken.get(tok.i - 1)
                if before.lower_ in _FOREIGN_WORDS or (named is not None and named.kind in _FORCE_KINDS):
                    continue
                if before.lower_ == "military":
                    continue  # "military police" serve the army
            gloss = tok if tok.dep_ == "appos" else tok.head
            if gloss.dep_ == "appos" and gloss.head.i in taken:
                continue  # "a gendarmerie—a police unit under the command of the military": a gloss
            add(doc[tok.i: tok.i + 1], home_police, "rule:generic-police", True)


def _ethnic(word: str, countries) -> bool:
    """An adjective of a people or a faith, not of a state: "nine Tamil soldiers" are the event
    country's ("Nigerian soldiers" are Nigeria's)."""
    from pipeline.geo.world import shared_world

    return fold(word) not in countries and not shared_world().country_of_demonym(word)


def _army_of_country(tables, name: str) -> str | None:
    """The first army in the table of the country a place name is ("Burundi")."""
    from pipeline.geo.world import shared_world

    place = shared_world().country_by_name(name)
    code = place.country if place is not None else None
    return home_forces(tables.actors).get((code, False)) if code else None


@cache_by_identity
def home_forces(actors) -> dict[tuple[str, bool], str]:
    """(country, police) -> the country's first army (a state force, else a foreign force:
    France's forces are the "foreign force" of the Mali report) or its first police force."""
    found: dict[tuple[str, bool], str] = {}
    for kinds in (("state force",), ("state force", "foreign force")):
        # A country's "<adjective> Police" before its special police forces ("Indian Police",
        # not the Central Reserve Police Force).
        for row in sorted(actors, key=lambda r: not r.name.endswith(" Police")):
            if row.country and row.kind in kinds:
                found.setdefault((row.country, "police" in row.name.lower()), row.name)
    return found


# Kinds of the groups "the group" can point back to.
_GROUP_KINDS = frozenset({"jihadist group", "armed group", "militia"})
_GROUP_NOUNS = frozenset({"group", "organization", "organisation"})


def _the_group(doc, sentences, mentions, taken, add, document_group: str | None = None) -> None:
    """"the group", "the terror group" pointing back at the one armed group the entry named
    before it: "After police arrested members of the sect Boko Haram, the group launched revenge
    attacks"; in an entry that names no group, the one the document's title names
    (``document_group``). A generic mention: it only ever acts or is hit."""
    for sentence in sentences:
        for tok in sentence:
            if tok.i in taken or tok.lower_ not in _GROUP_NOUNS or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children
            ):
                continue
            if any(c.dep_ == "appos" or c.i in taken for c in tok.children) or (
                tok.dep_ == "appos" and tok.head.i in taken
            ) or (tok.i + 1 < len(doc) and tok.i + 1 in taken):
                continue  # "the group al-Qaeda in Yemen": the name itself follows
            before = {m.name for m in mentions if m.span.end <= tok.i and m.kind in _GROUP_KINDS
                      and not m.generic}
            if len(before) == 1:
                add(doc[tok.i: tok.i + 1], before.pop(), "rule:the-group", True)
            elif document_group is not None and not any(
                    m.kind in _GROUP_KINDS and not m.generic for m in mentions):
                add(doc[tok.i: tok.i + 1], document_group, "rule:the-title-group", True)


def _governments(doc, sentences, tables, taken, add, country, home_force=None) -> None:
    """A country's government: its missions abroad ("the U.S. Embassy", "the German consulate"),
    "<nationality> government" ("Nigerien government announced"), and a plain "the government"
    for the event country's (a generic mention: only ever an actor that acts or is hit). Not
    "government" qualifying another noun ("government positions", "a joint government, UN and
    INGO mission"), nor "anti-government"."""
    for sentence in sentences:
        for tok in sentence:
            word = tok.lower_
            if tok.i in taken or word not in _MISSION_WORDS and word not in (
                    "government", "court", "authorities"):
                continue
            left = doc[tok.i - 1] if tok.i > sentence.start else None
            code = _country_of(left.text, tables) if left is not None and left.i not in taken else None
            if word == "court":
                _court(doc, tok, left, code, country, sentence, add)
                continue
            if word == "authorities":
                _authorities(doc, tok, left, code, country, tables, add)
                continue
            if word in _MISSION_WORDS:
                name = _government_of(tables, code) if code else None
                if name is not None:
                    add(doc[left.i: tok.i + 1], name, "rule:mission-government",
                        kind="government body")
                continue
            if left is not None and left.text == "-":
                continue  # "anti-government", "pro-government"
            if tok.dep_ in ("compound", "amod", "nmod"):
                if tok.head.lower_ in _ACT_NOUNS and home_force is not None and code is None:
                    # "a government counteroffensive": the state's forces act.
                    add(doc[tok.i: tok.i + 1], home_force, "rule:generic-force", True)
                continue
            if code is not None:
                name = _government_of(tables, code)
                if name is not None:
                    add(doc[left.i: tok.i + 1], name, "rule:nationality-government",
                        kind="government body")
            elif country is not None and (left is None or left.lower_ in ("the", "its")):
                name = _government_of(tables, country)
                if name is not None:
                    add(doc[tok.i: tok.i + 1], name, "rule:generic-government", True,
                        kind="government body")


def _court(doc, tok, left, code, country, sentence, add) -> None:
    """"A court in Kenya", "a Kenyan court", "the court" (the event country's): the court
    under the name the guidelines give, "<adjective> court". Not a court the text names
    ("the Supreme Court": a name the table does not hold)."""
    from pipeline.geo.world import shared_world

    if tok.text[0].isupper() and left is not None and left.text[:1].isupper() and code is None:
        return
    start = left.i if code is not None else tok.i  # "a Kenyan court"
    if code is None and tok.i + 2 < sentence.end and doc[tok.i + 1].lower_ == "in":
        place = doc[tok.i + 2]
        hit = shared_world().country_by_name(place.ent_id_ or place.text) if (
            place.ent_type_ == "PLACE") else None
        code = hit.country if hit is not None else None
    where = code or country
    name = _national_name(where, "court")
    if name is None:
        return
    add(doc[start: tok.i + 1], name, "rule:court", where == country, kind="court")


def _authorities(doc, tok, left, code, country, tables, add) -> None:
    """"Nigerian authorities", "the authorities", "Authorities 3 Jan announced" (the event
    country's): a government body under the name the guidelines give, "<adjective> authorities",
    or the table's row for that name ("Malian authorities" is the Malian government)."""
    if code is None and left is not None and left.lower_ not in ("the", "local", "state"):
        return  # "security authorities", "Kurdish authorities" of no country the table knows
    where = code or country
    form = _national_name(where, "authorities")
    if form is None:
        return
    hit = resolve_actor(form, tables.actors, 100.0, where)
    start = left.i if code is not None else tok.i
    add(doc[start: tok.i + 1], hit[0].name if hit else form, "rule:authorities", code is None,
        kind="government body")


def _country_of(word: str, tables) -> str | None:
    """The country a nationality or a country's short name stands for, through the forms of its
    army the table holds ("U.S." -> US by "U.S. troops", "German" by "German troops")."""
    if not word[:1].isupper():
        return None
    hit = resolve_actor(f"{word} troops", tables.actors, 100.0)
    return hit[0].country if hit and hit[0].country else None


def _government_of(tables, code: str) -> str | None:
    """The table's government body seated in the country ("U.S. government", "Malian
    government"), else "<adjective> government"."""
    curated = _curated_governments(tables.actors)
    if code in curated:
        return curated[code]
    return _national_name(code, "government")


def _national_name(code: str | None, noun: str) -> str | None:
    """A country's body under the name the guidelines give: "<main adjective> <noun>"
    ("Kenyan court", "Nigerian authorities"); None for no country or one without an adjective."""
    from pipeline.geo.world import shared_world

    adjectives = shared_world().demonyms(code) if code else []
    return f"{adjectives[0]} {noun}" if adjectives else None


@cache_by_identity
def _curated_governments(actors: tuple[ActorRow, ...]) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in actors:
        if row.kind == "government body" and row.seat and row.name.lower().endswith("government"):
            found.setdefault(row.seat, row.name)
    return found


def _forces_named_near(doc, tok, sentence, tables, taken, countries, un_context, un_mission):
    """The forces a generic word's own modifiers name, as (token index, name) pairs with None for
    a force the table does not know; None when the modifiers name no force at all.

    "Chadian soldiers" at a U.N. base are the U.N. mission, "four U.S. soldiers" in Niger no
    force of the table; "soldiers from the Egyptian contingent of the United Nations ...
    (MINUSMA)" take the force named after them; "Mali's main military base" is Mali's.
    """
    if tok.i + 1 < sentence.end and doc[tok.i + 1].lower_ in ("from", "of"):
        for t in doc[tok.i + 2: min(tok.i + 12, sentence.end)]:
            if t.is_punct and t.text not in ("(", ")", "-"):
                break
            named = taken.get(t.i)
            if named is not None and named.kind in _FORCE_KINDS and not named.generic:
                return [(tok.i, named.name)]
            if t.ent_type_ == "PLACE":
                army = _army_of_country(tables, t.ent_id_ or t.text)
                if army is not None:
                    return [(tok.i, army)]  # "manned by troops from Burundi"
    found: list[tuple[int, str | None]] = []
    j = tok.i - 1
    while j >= sentence.start and j >= tok.i - 4:
        left = doc[j]
        if left.lower_ in ("and", ",", "or", "main", "’s", "'s") or left.like_num:
            j -= 1
            continue
        if not left.text[:1].isupper() or j in taken:
            break
        possessive = j + 1 < len(doc) and doc[j + 1].lower_ in ("’s", "'s")
        name = None
        for noun in (tok.lower_, *_FORCE_NOUNS_FOR_NATIONALITY):
            for form in ((f"{left.text}’s {noun}",) if possessive else ()) + (f"{left.text} {noun}",):
                hit = resolve_actor(form, tables.actors, 100.0)
                if hit and name is None:
                    name = hit[0].name
        foreign = left.ent_type_ in ("NORP", "GPE") or fold(left.text) in countries
        if name is not None:
            found.append((j, name))
        elif foreign and not left.is_sent_start and not _ethnic(left.text, countries):
            found.append((j, un_mission if un_context else None))
        j -= 1
    return found or None
