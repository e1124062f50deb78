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
    _CARRY_VERBS,
    _DOTTED,
    _FIELD_NOUNS,
    _FORCE_KINDS,
    _FORCE_NOUNS_FOR_NATIONALITY,
    _FORCE_WORDS,
    _FOREIGN_WORDS,
    _HOME_ONLY_WORDS,
    _NOT_A_FORCE_AFTER,
    _QUALIFIED_FORCE,
    _UN_CONTEXT,
    _UN_WORDS,
)
from pipeline.text import split_sentences as sentence_spans
from pipeline.nlp import ACTOR
from pipeline.tables import ActorRow, PlaceRow, cache_by_identity, fold

# A vehicle another force drives: its maker's or owner's nationality names no actor.
_VEHICLE_WORDS = frozenset({"vehicle", "vehicles", "car", "armored", "tanker", "helicopters"})
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
              country: str | None = None) -> list[_Mention]:
    kinds = tables.actor_kinds()
    first, last = sentences[0].start, sentences[-1].end
    taken: dict[int, _Mention] = {}
    mentions: list[_Mention] = []

    def add(span: Span, name: str, method: str, generic: bool = False) -> None:
        if span.start < first or span.end > last or any(i in taken for i in range(span.start, span.end)):
            return
        mention = _Mention(span, name, kinds.get(name), method, generic)
        for i in range(span.start, span.end):
            taken[i] = mention
        mentions.append(mention)

    found = []
    for ent in doc.ents:
        if ent.label_ != ACTOR or ent.ent_id_ not in kinds:
            continue
        name = ent.ent_id_
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
    return sorted(mentions, key=lambda m: m.span.start)


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
        if tok.i in taken or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        nxt = doc[tok.i + 1]
        coordinated = nxt.lower_ == "and" and tok.i + 2 in taken
        if not (coordinated or nxt.lower_ in _FIELD_NOUNS or nxt.lower_ == "armored"):
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
            named = _forces_named_near(doc, tok, sentence, tables, taken, countries, un_context,
                                       un_mission)
            if named is None:
                home_only = word in _HOME_ONLY_WORDS or word in ("military", "army")
                named = [(tok.i, home_force if home_only or last_force is None else last_force)]
            for k, (i, name) in enumerate(named):
                # "four Malian and Chadian soldiers": the second force on its own adjective.
                where = span if k == 0 else doc[i: i + 1]
                if name is not None:
                    add(where, name, "rule:generic-force", True)


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
        elif foreign and not left.is_sent_start:
            found.append((j, un_mission if un_context else None))
        j -= 1
    return found or None
