"""Records in ACLED's columns and codes.

Each rule mapping our values onto ACLED's codes is written here once, with the reason, and listed
column by column in docs/exports.md with what ACLED's format cannot carry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

import pyarrow as pa

from pipeline.exports.common import (
    HARM_KINDS,
    date_bounds,
    export_timestamp,
    kind_of,
    table_csv_bytes,
    typed_table,
)
from pipeline.exports.countries import country_name, country_number
from pipeline.schema import DateValue, Record


# --- dates ---------------------------------------------------------------------------------

# ACLED's time precision 2 covers "a week or a range of a few days": a day-precise range of up
# to seven calendar days (start and end included). Longer day-precise ranges are precision 3.
_WEEK_DAYS = 6


def time_precision(date: DateValue) -> int | None:
    """ACLED's time precision: 1 a day, 2 a week or a range of a few days, 3 a month or coarser
    (and every date inferred from the neighbouring entries); None when there is no date at all.

    >>> day = dt.date(2024, 7, 25)
    >>> time_precision(DateValue(start=day, end=day, precision="day", text=None))
    1
    >>> time_precision(DateValue(start=day, end=dt.date(2024, 7, 27), precision="day", text=None))
    2
    """
    bounds = date_bounds(date)
    if bounds is None:
        return None
    low, high, inferred = bounds
    if inferred or date.precision != "day":
        return 3
    days = (high - low).days
    if days == 0:
        return 1
    return 2 if days <= _WEEK_DAYS else 3


def _middle(low: dt.date, high: dt.date) -> dt.date:
    # ACLED codes an event known only to a period on the period's middle day; rounding down keeps
    # a two-day range on its first day.
    return low + dt.timedelta(days=(high - low).days // 2)


# --- columns and codes ---------------------------------------------------------------------

ACLED_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("event_id_cnty", pa.string()),
    ("event_date", pa.date32()),
    ("year", pa.int64()),
    ("time_precision", pa.int64()),
    ("disorder_type", pa.string()),
    ("event_type", pa.string()),
    ("sub_event_type", pa.string()),
    ("actor1", pa.string()),
    ("assoc_actor_1", pa.string()),
    ("inter1", pa.int64()),
    ("actor2", pa.string()),
    ("interaction", pa.int64()),
    ("iso", pa.int64()),
    ("country", pa.string()),
    ("admin1", pa.string()),
    ("location", pa.string()),
    ("latitude", pa.float64()),
    ("longitude", pa.float64()),
    ("geo_precision", pa.int64()),
    ("source", pa.string()),
    ("notes", pa.string()),
    ("fatalities", pa.int64()),
    ("tags", pa.string()),
    ("timestamp", pa.int64()),
)

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

DISORDER_TYPES = {
    BATTLES: "Political violence",
    EXPLOSIONS: "Political violence",
    VIOLENCE_AGAINST_CIVILIANS: "Political violence",
    PROTESTS: "Demonstrations",
    RIOTS: "Demonstrations",
    STRATEGIC: "Strategic developments",
}

# ACLED's actor types ("inter" codes): 1 state forces, 2 rebel groups, 3 political militias,
# 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
# Our actor kinds (pipeline/data/actors.csv) map onto them as ACLED codes the Sahel's actors:
# JNIM and IS Sahel are rebel groups; Dan Na Ambassagou and the Dozo are identity (ethnic)
# militias; French forces, MINUSMA and Wagner fight outside their own country (external).
INTER_BY_KIND: dict[str, int] = {
    "state force": 1,
    "government body": 1,
    "court": 1,
    "jihadist group": 2,
    "armed group": 2,
    "militia": 4,
    "foreign force": 8,
    "international force": 8,
    "international body": 8,
    "private military company": 8,
    # Aid agencies, companies and publishers are unarmed: ACLED counts their people as civilians.
    "ngo": 7,
    "company": 7,
    "publisher": 7,
}
INTER_UNIDENTIFIED = 3
INTER_RIOTERS = 5
INTER_PROTESTERS = 6
INTER_CIVILIANS = 7

# Victim groups and actor kinds that are armed: violence against them is a battle, not violence
# against civilians (ACLED keeps that type for unarmed victims).
ARMED_GROUPS = frozenset({"soldiers", "peacekeepers", "police", "militants"})
ARMED_KINDS = frozenset({
    "state force", "jihadist group", "armed group", "militia", "foreign force",
    "international force", "private military company",
})

# Words that choose a sub-event type; each must match the means, not a background mention.
# "suicide bomber", "suicide attack", "suicide car bomb" (not "suicided").
_SUICIDE = re.compile(r"\bsuicide\b", re.IGNORECASE)
# "airstrike", "air strike", "air raid", "drone strike", "aerial bombardment", "warplanes".
# Not "helicopters": "French ground forces and helicopters launch an operation" (November 13,
# 2020) is a ground operation with air support, a battle.
_AIR = re.compile(r"\b(air ?strikes?|air raids?|drones?|aerial|warplanes?)\b", re.IGNORECASE)
# "mortar fire", "rockets", "shelling", "artillery", "missiles" (an attack by indirect fire).
_SHELLING = re.compile(r"\b(mortars?|rockets?|shell(s|ing|ed)|artillery|missiles?)\b", re.IGNORECASE)
_GRENADE = re.compile(r"\bgrenades?\b", re.IGNORECASE)
# "arrest", "arrests", "arrested", "detain", "detained", "apprehended" (not "arresting officer"
# matters little: an arrest by any means is ACLED's Arrests).
_ARREST = re.compile(r"\b(arrest(s|ed)?|detain(s|ed)?|apprehend(s|ed)?)\b", re.IGNORECASE)
# "retake", "retook", "recaptured", "regain control": the state taking territory back.
_REGAIN = re.compile(r"\b(retakes?|retook|retaken|recaptur(e|es|ed)|regain(s|ed)?)\b", re.IGNORECASE)
# A group's own change: mergers, new names, pledges of allegiance, splits, dissolution.
_GROUP_CHANGE = re.compile(
    r"\b(merge[sd]?|merger|pledg(e|es|ed)|allegiance|renam(e|es|ed)|split|dissolv(e|es|ed))\b",
    re.IGNORECASE,
)
# Nouns only for demonstrations: "the attack demonstrates the group's reach" is no protest.
_PROTEST = re.compile(r"\b(protest(s|ers?|ed)?|demonstrations?|demonstrators?)\b", re.IGNORECASE)
# "Islamists destroy UNESCO world heritage sites ... in Timbuktu" (undated entry): ACLED's
# Looting/property destruction.
_DESTRUCTION = re.compile(
    r"\b(destroy(s|ed)?|loot(s|ed|ing)?|burn(s|ed|t)?|raze[sd]?|vandali[sz]e[sd]?)\b", re.IGNORECASE
)
_RIOT = re.compile(r"\b(riot(s|ers?|ed|ing)?)\b", re.IGNORECASE)


def _victim_groups(record: Record) -> set[str]:
    return {c.group for c in record.casualties if not c.perpetrators and c.kind in HARM_KINDS}


def _armed_victims(record: Record, actor_kinds: Mapping[str, str]) -> bool:
    targets = [a for a in record.actors if a.role == "target"]
    return any(kind_of(a, actor_kinds) in ARMED_KINDS for a in targets) or bool(
        _victim_groups(record) & ARMED_GROUPS
    )


def acled_event(record: Record, actor_kinds: Mapping[str, str] | None = None) -> tuple[str, str]:
    """ACLED's event type and sub-event type, decided from our event type, the targets' kinds,
    the victim groups of the casualty figures and a few words of the text (the means).

    The rules, in order (docs/exports.md lists them as a table):

    - no type, ``other``, ``statement``: a riot is Riots / Violent demonstration, a protest is
      Protests / Peaceful protest, a merger or pledge is Strategic developments / Change to
      group/activity, destroying or looting is Strategic developments / Looting/property
      destruction, anything else Strategic developments / Other;
    - ``bombing``: Explosions/Remote violence, with Suicide bomb, Air/drone strike,
      Shelling/artillery/missile attack or Grenade when the text names that means, else
      Remote explosive/landmine/IED;
    - ``military_operation``: an air or drone strike is Explosions/Remote violence / Air/drone
      strike; arrests without deaths are Strategic developments / Arrests; civilian victims and
      no armed victims are Violence against civilians / Attack; retaking ground is Battles /
      Government regains territory; armed targets or any casualty is Battles / Armed clash;
      otherwise Strategic developments / Other;
    - ``attack`` and ``killing``: mortar, rocket or artillery fire is Explosions/Remote violence /
      Shelling/artillery/missile attack; armed targets or victims make Battles / Armed clash;
      otherwise Violence against civilians / Attack;
    - ``kidnapping``: Violence against civilians / Abduction/forced disappearance, unless every
      victim is armed (soldiers taken in a fight): Battles / Armed clash;
    - ``legal_action``: Strategic developments / Arrests when the text or a figure says arrest,
      else Strategic developments / Other;
    - ``release``: Strategic developments / Agreement (ACLED's type for hostage and prisoner
      releases).

    >>> from pipeline.exports.common import probe_record
    >>> acled_event(probe_record().model_copy(update={"event_type": "bombing",
    ...     "text": "A suicide bomber strikes a camp."}))
    ('Explosions/Remote violence', 'Suicide bomb')
    """
    kinds = actor_kinds or {}
    text = record.text
    kind = record.event_type
    victims = _victim_groups(record)
    armed = _armed_victims(record, kinds)
    if kind in (None, "other", "statement"):
        if _RIOT.search(text):
            return RIOTS, "Violent demonstration"
        if _PROTEST.search(text):
            return PROTESTS, "Peaceful protest"
        if _GROUP_CHANGE.search(text):
            return STRATEGIC, "Change to group/activity"
        if _DESTRUCTION.search(text):
            return STRATEGIC, "Looting/property destruction"
        return STRATEGIC, "Other"
    if kind == "bombing":
        for pattern, sub_type in (
            (_SUICIDE, "Suicide bomb"),
            (_AIR, "Air/drone strike"),
            (_SHELLING, "Shelling/artillery/missile attack"),
            (_GRENADE, "Grenade"),
        ):
            if pattern.search(text):
                return EXPLOSIONS, sub_type
        return EXPLOSIONS, "Remote explosive/landmine/IED"
    harmed = any(
        n for n in (record.killed, record.injured, record.kidnapped, record.perpetrators_killed)
    )
    if kind == "military_operation":
        if _AIR.search(text):
            return EXPLOSIONS, "Air/drone strike"
        arrested = any(c.kind in ("arrested", "captured") for c in record.casualties)
        if (arrested or _ARREST.search(text)) and not record.killed:
            return STRATEGIC, "Arrests"
        # The victims decide, not the intended target: the Moura operation (March 27-31, 2022)
        # targeted JNIM and killed more than 500 civilians.
        if "civilians" in victims and not victims & ARMED_GROUPS:
            return VIOLENCE_AGAINST_CIVILIANS, "Attack"
        if _REGAIN.search(text):
            return BATTLES, "Government regains territory"
        if armed or harmed:
            return BATTLES, "Armed clash"
        return STRATEGIC, "Other"
    if kind in ("attack", "killing"):
        if _SHELLING.search(text):
            return EXPLOSIONS, "Shelling/artillery/missile attack"
        if armed:
            return BATTLES, "Armed clash"
        return VIOLENCE_AGAINST_CIVILIANS, "Attack"
    if kind == "kidnapping":
        if victims and victims <= ARMED_GROUPS:
            return BATTLES, "Armed clash"
        return VIOLENCE_AGAINST_CIVILIANS, "Abduction/forced disappearance"
    if kind == "legal_action":
        arrested = any(c.kind in ("arrested", "captured") for c in record.casualties)
        if arrested or _ARREST.search(text):
            return STRATEGIC, "Arrests"
        return STRATEGIC, "Other"
    if kind == "release":
        return STRATEGIC, "Agreement"
    return STRATEGIC, "Other"


def acled_actors(
    record: Record, event_type: str, actor_kinds: Mapping[str, str] | None = None
) -> tuple[str | None, str | None, int | None, str | None, int | None]:
    """``actor1``, ``assoc_actor_1``, ``inter1``, ``actor2`` and ``interaction`` of a record.

    actor1 is the first named perpetrator (the others are its associates); with none, violence
    is by "Unidentified Armed Group (<country>)" (inter 3, as ACLED codes unnamed armed men),
    a protest by "Protesters (<country>)", a riot by "Rioters (<country>)", and a strategic
    development by the first actor named in any role. actor2 is the first named target, else
    "Civilians (<country>)" when civilians were harmed. The interaction is the two inter codes
    joined, lower first (17: state forces against civilians), or inter1 * 10 for one actor.

    >>> from pipeline.exports.common import probe_record
    >>> from pipeline.exports.countries import country_name_rows
    >>> where = country_name_rows()[0].code
    >>> acled_actors(probe_record().model_copy(update={"country": where}), "Battles")
    ('Unidentified Armed Group (Ivory Coast)', None, 3, None, 30)
    """
    kinds = actor_kinds or {}
    where = country_name(record.country) or "International"
    perpetrators = [a for a in record.actors if a.role == "perpetrator"]
    targets = [a for a in record.actors if a.role == "target"]
    violent = DISORDER_TYPES[event_type] == "Political violence"
    actor1 = assoc = None
    inter1 = None
    if perpetrators:
        actor1 = perpetrators[0].name
        inter1 = INTER_BY_KIND.get(kind_of(perpetrators[0], kinds))
        assoc = "; ".join(a.name for a in perpetrators[1:]) or None
    elif event_type == PROTESTS:
        actor1, inter1 = f"Protesters ({where})", INTER_PROTESTERS
    elif event_type == RIOTS:
        actor1, inter1 = f"Rioters ({where})", INTER_RIOTERS
    elif violent:
        actor1, inter1 = f"Unidentified Armed Group ({where})", INTER_UNIDENTIFIED
    elif record.actors:
        actor1 = record.actors[0].name
        inter1 = INTER_BY_KIND.get(kind_of(record.actors[0], kinds))
    actor2 = None
    inter2 = None
    remaining = [a for a in targets if a.name != actor1]
    if remaining:
        actor2 = remaining[0].name
        inter2 = INTER_BY_KIND.get(kind_of(remaining[0], kinds))
    elif "civilians" in _victim_groups(record):
        actor2, inter2 = f"Civilians ({where})", INTER_CIVILIANS
    if inter1 is None:
        interaction = None
    elif actor2 is None:
        interaction = inter1 * 10
    elif inter2 is None:
        interaction = None
    else:
        low, high = sorted((inter1, inter2))
        interaction = low * 10 + high
    return actor1, assoc, inter1, actor2, interaction


def _acled_tags(record: Record, inferred: bool) -> str | None:
    """What ACLED has no column for, so that it is not lost: injuries, abductions, attackers
    killed, and whether the fatalities are unknown (ACLED writes 0) or disputed."""
    tags = []
    if record.killed is None:
        tags.append("fatalities not reported")
    if record.disputed:
        tags.append("fatalities disputed")
    for label, value in (
        ("injured", record.injured),
        ("kidnapped", record.kidnapped),
        ("attackers killed", record.perpetrators_killed),
    ):
        if value is not None:
            tags.append(f"{label}: {value}")
    if inferred:
        tags.append("date inferred from neighbouring entries")
    return "; ".join(tags) or None


def acled_row(record: Record, actor_kinds: Mapping[str, str] | None, timestamp: int) -> dict:
    """One record in ACLED's columns (values typed as in ``ACLED_COLUMNS``).

    >>> from pipeline.exports.common import probe_record
    >>> acled_row(probe_record(), None, 0)["fatalities"]
    0
    """
    bounds = date_bounds(record.date)
    event_date = _middle(bounds[0], bounds[1]) if bounds else None
    event_type, sub_event_type = acled_event(record, actor_kinds)
    actor1, assoc, inter1, actor2, interaction = acled_actors(record, event_type, actor_kinds)
    first = record.locations[0] if record.locations else None
    return {
        "event_id_cnty": record.id,
        "event_date": event_date,
        "year": event_date.year if event_date else None,
        "time_precision": time_precision(record.date),
        "disorder_type": DISORDER_TYPES[event_type],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc,
        "inter1": inter1,
        "actor2": actor2,
        "interaction": interaction,
        "iso": country_number(record.country),
        "country": country_name(record.country),
        "admin1": first.admin1 if first else None,
        "location": first.name if first else None,
        "latitude": first.lat if first else None,
        "longitude": first.lon if first else None,
        "geo_precision": first.geo_precision if first else None,
        "source": "; ".join(record.sources) or None,
        "notes": record.text,
        # The brief's choice, the most conservative figure: victims only. ACLED counts every
        # death, attackers included; they travel in tags as "attackers killed: n".
        "fatalities": record.killed or 0,
        "tags": _acled_tags(record, bool(bounds and bounds[2])),
        "timestamp": timestamp,
    }


def acled_table(
    records: Sequence[Record],
    actor_kinds: Mapping[str, str] | None = None,
    timestamp: int | None = None,
) -> pa.Table:
    """The ACLED layout, one row per record, typed (dates as date32, codes as int64).

    ``actor_kinds`` maps canonical actor names to their kind (``load_tables().actor_kinds()``);
    an actor missing from it falls back to the kind the record carries.

    >>> from pipeline.exports.common import probe_record
    >>> acled_table([probe_record()]).num_rows
    1
    """
    stamp = export_timestamp(records) if timestamp is None else timestamp
    rows = [acled_row(r, actor_kinds, stamp) for r in records]
    return typed_table(rows, ACLED_COLUMNS)


def to_acled_bytes(records: Sequence[Record], actor_kinds: Mapping[str, str] | None = None) -> bytes:
    """ACLED-layout CSV bytes.

    >>> to_acled_bytes([]).decode().split(",")[:2]
    ['event_id_cnty', 'event_date']
    """
    return table_csv_bytes(acled_table(records, actor_kinds))
