"""Event type: the type of an entry's main act, read from the trigger words of its first sentences.

The gold guidelines type an entry by "the first, main" act it reports. Publishers state that act
in the entry's first sentence, in the present tense of a timeline ("JNIM militants ambush ...",
"The ICC convicts ...") or the past tense and passive voice of news copy ("5 police officers were
killed and 3 were wounded when Taliban militants attacked a checkpoint", "Fuel tanker blown up at
checkpoint"); later sentences add the outcome, the background and follow-ups ("He is released in
February 2010"), which do not change the type. So the first sentence that holds a trigger
decides, unless it leaves the act open (below).

Inside a sentence (``clauses.py``) quotations and intentions are not acts ('"... ready for
suicide attacks," ... tells Reuters', "would temporarily deploy"); an opening setting ("During
...,", "After ...,", "Despite ...,"), a cause or sequel hung on the main clause ("..., after a
bomb exploded aboard", "are later convicted") counts only when the main clause names nothing or
only a toll or an event noun ("At least 14 people were killed ... after gunmen opened fire").
Then the types are decided in this order (``decide.py``), each step motivated by the texts:

1. A claim of an act dated apart from it is a ``statement`` ("JNIM released statement claiming
   the attack against police station of Tera ... carried on 30 November 2018"); a sentence led
   by a statement verb whose other triggers are only event nouns is one too ("Human Rights Watch
   released a new report detailing the rising number of ... attacks").
2. ``killing`` words that name the act itself (execute, assassinate, massacre, murder, behead,
   "slit the throats", bodies found), unless a legal act comes first ("is arrested ... on
   suspicion of killing a woman") or the explosive is named as the means ("a horrible mass
   murder of Hazara Shia community in a twin suicide blast": a ``bombing``).
3. ``other``: disasters, accidents, a jailbreak, a suicide in a cell, a coup.
4. ``release`` (of people, not of "a joint statement"; not "force the release of"; a rescue by
   state forces is their operation), then ``legal_action`` ("the trial of two men accused of
   orchestrating terror attacks"), then ``military_operation``: "an operation", "neutralize",
   air and drone strikes, "a police raid", deployments, and acts of state forces against armed
   men or criminals ("Nigerian troops killed two bandits", "French soldiers captured Oumeya Ould
   Albakaye").
5. ``kidnapping`` when nobody is killed, or when the kidnapping is told first: "ambush several
   buses ..., kidnapping 40 people" and "hijack an Indian Airlines flight ..., kill one
   passenger" are kidnappings, "attack Malian soldiers ..., killing 82 and kidnapping 30" an
   attack.
6. The first means of attack: an attack verb ("storm", "ambush", "opened fire", "rammed", "set
   ... on fire") or an explosive ("IED", "suicide attack", "blew themselves up"). An attack "with
   IEDs" is a bombing; an explosive listed with other weapons ("using VBIEDs, mortars, and small
   arms") is an attack (settled: "An assault with several means ... is an attack"). An attack
   verb joined to a killing verb gives way to it ("Man stabs and kills a French police officer,
   Jean-Baptiste Salvaing").
7. Else a killing verb or an event noun, the first of them: "Two attackers enter a Catholic
   church ... and kill 85-year-old priest Jacques Hamel" is a killing, "Clashes ... kill at
   least 100 people" an attack. Killing soldiers, police or fighters is an ``attack`` (settled:
   "An armed group killing soldiers or police is an attack ... even when the verb is 'kill'"),
   unless they are a few people named. Civilians killed in an act named only by an event noun
   are a ``killing`` ("ten civilians including six women, were killed in an attack in Kokola").
8. Else an attempt (``killing`` until its means is named), the toll ("Two herdsmen were killed
   in Ivo, Ebonyi": ``killing``, or ``attack`` when the dead are soldiers or police), protests
   and territory taken without a fight (``other``), claims and statements.

An open reading lets the next two sentences complete it: a plain attack or an event noun takes
an explosive means given later ("GSIM claims to ambush a French military camp ... The al-Qaeda
linked group raided the camp with two explosive-packed vehicles"), an attempt its means, a claim
or a toll a later act, a kidnapping the execution of its hostages. A sentence after the first
decides only by an act, never by a statement, a toll or an event noun. With no trigger at all
the type is ``other`` ("Islamists destroy UNESCO world heritage sites").
"""

from __future__ import annotations

from pipeline.fields.event_type.clauses import find_hits, quoted_spans
from pipeline.fields.event_type.decide import decide_sentence, later_reading
from pipeline.schema import EventType, Evidence
from pipeline.text import body_span, split_sentences

__all__ = ["body_span", "classify_event", "sentence_spans"]

# How many sentences to read before giving up: "Jihadists on motorbikes invade the villages ...
# The suspected jihadists massacre more than 51 civilians" names the act in its second sentence.
_MAX_SENTENCES = 3
# How many sentences after the deciding one may complete an open reading: "Four army soldiers
# killed during hard combat with the FARCs 21 Front ... The soldiers were ambushed with landmines."
_LOOKAHEAD = 2
# Roles that decide only in the first sentence that holds a trigger.
_COMMENTARY = ("statement", "claim", "generic", "outcome", "protest")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as offsets (``pipeline.text.split_sentences``).

    >>> t = "A U.N. convoy strikes an IED. Two die."
    >>> [t[s:e] for s, e in sentence_spans(t, 0, len(t))]
    ['A U.N. convoy strikes an IED.', 'Two die.']
    """
    return split_sentences(text, start, end)


def classify_event(text: str, body: tuple[int, int] | None = None
                   ) -> tuple[EventType | None, Evidence | None]:
    """The type of the main act of an entry, and the trigger words it was read from.

    >>> kind, ev = classify_event(
    ...     "January 3, 2021: An armored vehicle carrying French soldiers hits an IED in Menaka.")
    >>> kind, ev.text, ev.method
    ('bombing', 'IED', 'rule:bombing-instrument')
    >>> kind, ev = classify_event(
    ...     "September 28: Boko Haram killed two Cameroonian soldiers in Zeleved, Cameroon.")
    >>> kind, ev.text, ev.method
    ('attack', 'killed', 'rule:kill-armed-victims')
    """
    start, end = body_span(text) if body is None else body
    if not text[start:end].strip():
        return None, None
    quotes = quoted_spans(text, start, end)
    sentences = sentence_spans(text, start, end)
    reading, deciding = None, 0
    for index, sentence in enumerate(sentences):
        if index >= (_MAX_SENTENCES if reading is None else deciding + _LOOKAHEAD + 1):
            break
        hits = find_hits(text, *sentence, quotes)
        found = decide_sentence(text, sentence, hits) if hits else None
        if reading is not None:
            later = later_reading(reading, found, text, sentence, hits)
            if later is not None:
                reading = later
                break
            continue
        if found is None or (index > 0 and found.hit.role in _COMMENTARY):
            # A later sentence decides by its act, not by what it says about it: "It is
            # uncertain if Wagner forces were to complete their mandates ... The name of the unit
            # ... fought", "... terminated the 2015 Algiers Accord peace deal ... The junta
            # claimed the signatories violated the agreement".
            continue
        reading, deciding = found, index
        if reading.open is None:
            break
    if reading is None:
        return "other", None
    hit = reading.hit
    return reading.kind, Evidence(text=text[hit.start:hit.end], start=hit.start, end=hit.end,
                                  method=f"rule:{reading.rule}")
