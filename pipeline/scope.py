"""A report's scope: what every field needs to know about the report as a whole.

Computed once per report, before any entry is read, and passed to every field function:

- ``countries``: the country or countries the report is about, most likely first. From the
  settings when the user names them for the report's slug; else from the places the report names
  (every country, first-level division and known place counts for its country), with the title
  and the headings as priors: "Mali: Extremism and Terrorism" makes Mali the report's country
  however many other countries its prose names. An entry's own places always come first; these
  are the fallback for an entry that names none, and the tie-breaker between namesakes.
- ``year`` and ``published``: the year the report's undated entries belong to when the document
  says so (a title "Timeline 2012", a dateline, a stored copy's URL), and its publication date.
- ``publisher``: who published it, when the file says so.

Which forces "soldiers" and "peacekeepers" mean is not a report-wide fact: they are the forces of
the entry's own country (``pipeline.records``), which the scope only defaults.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.geo.terms import generic_division
from pipeline.layouts.base import Document
from pipeline.framing import title_group
from pipeline.settings import Settings
from pipeline.tables import Tables, cache_by_identity, fold

# How much a name counts toward the report's country where it stands: the title decides unless
# the text names another country far more often; a heading counts more than a line of text.
HEADING_WEIGHT = 3
# Words that name a division somewhere but are common in any report ("Centre", "North").
_NOT_NAMES = frozenset({"north", "south", "east", "west", "central", "centre", "center",
                        "capital", "coast", "national", "federal", "security", "state"})
# A country is one of the report's countries when it has at least this share of the best one's
# weight ("Mali, Burkina Faso and Niger" reports name all three often).
SECOND_COUNTRY_SHARE = 0.5
_WORD = re.compile(
    r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|d['’]\w+|of|the|and|da|de|do|dos|das|du|des|del|"
    r"di|el|al|la|le|ben|bin|ibn))*"
)
# Lowercase words that join the parts of one name ("Mocimboa da Praia", "Ras el Ma"): a part
# after one of them is no place of its own ("Praia" there is not Cape Verde's capital).
_PARTICLES = frozenset({"da", "de", "do", "dos", "das", "du", "des", "del", "di", "el", "al", "la",
                        "le", "ben", "bin", "ibn"})
# A place's or country's name weighs twice an adjective: "French soldiers" in a report on Niger
# name the soldiers' country, "western Niger" the report's.
_NAME_WEIGHT = 2
_ADJECTIVE_WEIGHT = 1
_BESIDE = re.compile(
    r"\b(?:close\s+to|near|bordering|borders?\s+(?:with|of)|neighbou?ring|next\s+to)\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True)
class Scope:
    """What the fields need to know about the whole report."""

    countries: tuple[str, ...] = ()
    # How the countries were decided: "settings", "title", "places" or None when unknown.
    country_source: str | None = None
    year: int | None = None
    published: dt.date | None = None
    publisher: str | None = None
    weights: dict[str, int] = field(default_factory=dict)
    # The one armed group the title names: what "the group" means in an entry that names none.
    group: str | None = None

    @property
    def country(self) -> str | None:
        """The report's main country, or None."""
        return self.countries[0] if self.countries else None


def report_scope(document: Document, report: str, tables: Tables, settings: Settings) -> Scope:
    """The scope of a segmented report.

    >>> from pathlib import Path
    >>> from pipeline.readers import read_source
    >>> from pipeline.layouts.detect import segment
    >>> from pipeline.tables import load_tables
    >>> scope = report_scope(segment(read_source(Path("raw/mali.txt"))), "mali", load_tables(), Settings())
    >>> scope.countries[:1], scope.country_source
    (('ML',), 'title')
    """
    source = document.source
    meta = source.metadata
    year = _title_year(document.title)
    published = meta.published
    if report in settings.report_countries:
        code = settings.report_countries[report]
        return Scope((code,), "settings", year, published, meta.publisher,
                     group=title_group(document.title, tables))
    weights, named = _country_weights(document, tables)
    title_code = _title_country(document.title, tables)
    ranked = sorted(weights, key=lambda c: (-weights[c], c))
    if title_code is not None:
        ranked = [title_code] + [c for c in ranked if c != title_code]
        how = "title"
    else:
        how = "places" if ranked else None
    if ranked:
        best = weights.get(ranked[0], 0)
        ranked = [ranked[0]] + [c for c in ranked[1:] if c in named
                                and best and weights[c] >= SECOND_COUNTRY_SHARE * best]
    return Scope(tuple(ranked), how, year, published, meta.publisher, weights,
                 title_group(document.title, tables))


@cache_by_identity
def _country_index(places) -> dict[str, tuple[str, bool, int]]:
    """Folded spelling -> country code: every place the curated table knows (areas wider than a
    country left out: their country column is a stand-in), every country and first-level
    division of the world, and every country's adjective ("Nigerian", "Somali"). The flag says
    whether the spelling names the country itself (its name or adjective), which a report's
    second country needs: a division's name alone can be another country's namesake
    ("Manchester" is also a parish of Jamaica). The weight: a name counts twice an adjective."""
    from pipeline.geo.world import shared_world

    index: dict[str, tuple[str, bool, int]] = {}
    for row in places:
        if row.kind == "area":
            continue
        for spelling in row.spellings:
            index.setdefault(fold(spelling), (row.country, row.kind == "country", _NAME_WEIGHT))
    world = shared_world()
    for name, kind, country in world.division_names():
        if country and fold(name) not in _NOT_NAMES and not generic_division(fold(name)):
            index.setdefault(fold(name), (country, kind == "country", _NAME_WEIGHT))
    for country in world.countries():
        for adjective in world.demonyms(country.country or ""):
            index.setdefault(fold(adjective), (country.country, True, _ADJECTIVE_WEIGHT))
    return index


def _country_weights(document: Document, tables: Tables) -> tuple[dict[str, int], set[str]]:
    """How often the report's text names a place of each country, headings weighing more; and
    the countries it names by name or adjective."""
    index = _country_index(tables.places)
    source = document.source
    weights: Counter[str] = Counter()
    named: set[str] = set()
    for line in source.lines:
        if line.kind not in ("text", "bullet", "heading", "title"):
            continue
        text = source.text[line.start : line.end]
        weight = HEADING_WEIGHT if line.kind in ("heading", "title") else 1
        for m in _WORD.finditer(text):
            if _BESIDE.search(text[max(0, m.start() - 30) : m.start()]):
                continue  # "a region close to Mali": a neighbour named to locate, not the subject
            words = m.group().split()
            # The longest run of capitalised words that names a known place.
            for size in range(min(len(words), 5), 0, -1):
                found = False
                for k in range(len(words) - size + 1):
                    if k and words[k - 1] in _PARTICLES or words[k] in _PARTICLES:
                        continue
                    hit = index.get(fold(" ".join(words[k : k + size]).strip(".,'’")))
                    if hit:
                        weights[hit[0]] += weight * hit[2]
                        if hit[1]:
                            named.add(hit[0])
                        found = True
                if found:
                    break
    return dict(weights), named


def _title_country(title: str | None, tables: Tables) -> str | None:
    """The country a title names as its subject: "Mali: Extremism and Terrorism" -> ML.

    The subject is the part before a colon; a country row's spelling must be all of it.
    """
    if not title:
        return None
    subject = fold(title.split(":")[0])
    for row in tables.places:
        if row.kind == "country" and any(fold(s) == subject for s in row.spellings):
            return row.country
    from pipeline.geo.world import shared_world

    country = shared_world().country_by_name(title.split(":")[0].strip())
    return country.country if country is not None else None


def _title_year(title: str | None) -> int | None:
    """The one year a title names ("Timeline 2012"), or None for none or several."""
    if not title:
        return None
    years = set(_YEAR.findall(title))
    return int(years.pop()) if len(years) == 1 else None


@lru_cache(maxsize=4096)
def section_country(heading: str | None) -> str | None:
    """The country a section's heading is, when the heading is a country's name and nothing
    else ("CAMEROON", "DR Congo" in a regional snapshot): the entries under it happened there
    unless they say otherwise.

    >>> section_country("CENTRAL AFRICAN REPUBLIC"), section_country("Russian Cooperation with Mali")
    ('CF', None)
    """
    from pipeline.geo.world import shared_world

    if not heading or len(heading) > 60:
        return None
    country = shared_world().country_by_name(heading.strip().strip(":").strip())
    return country.country if country is not None else None
