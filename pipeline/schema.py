"""The public record contract: one ``Record`` per timeline entry or narrative event.

Every field carries a description that reaches the JSON Schema in ``schemas/``. Absent values are
``None``, never ``""``. Every extracted value keeps its ``Evidence``: the words it came from, their
character offsets into the raw report file, and the rule that produced it.

Versioning: ``SCHEMA_VERSION`` is semver. A new optional field is a minor bump; a rename, a removal
or a type change is a major bump with a new ``schemas/record.v<major>.json`` beside the old one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1.0"

# The largest figure a count may hold. No single event a report tells counts ten million victims;
# a larger number in a text is a year range, an amount or a typo, and would overflow Parquet's
# int64 from 20 digits on. Figures above it are not read as counts (see pipeline.checks).
MAX_COUNT = 10_000_000

Precision = Literal["day", "month", "year"]
EventType = Literal[
    "attack",
    "bombing",
    "kidnapping",
    "killing",
    "military_operation",
    "legal_action",
    "release",
    "statement",
    "other",
]
ActorRole = Literal["perpetrator", "target", "other"]
Attribution = Literal["claimed", "suspected", "stated"]
CasualtyKind = Literal[
    "killed", "injured", "kidnapped", "missing", "captured", "arrested", "released"
]
Qualifier = Literal[
    "exact",
    "at least",
    "more than",
    "over",
    "up to",
    "about",
    "nearly",
    "between",
    "dozens",
    "several",
]
VictimGroup = Literal[
    "soldiers", "civilians", "peacekeepers", "militants", "police", "unspecified"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where a value came from: ``raw[start:end] == text`` in the raw report file."""

    text: str = Field(description="The words of the report the value was read from.")
    start: int = Field(ge=0, description="Start offset of the words in the raw report file.")
    end: int = Field(ge=0, description="End offset (exclusive) in the raw report file.")
    method: str = Field(
        description=(
            "The rule that produced the value: 'rule:<pattern id>', 'ner', "
            "'fuzzy:<score>', 'table', 'inferred:<how>'."
        )
    )


class TextSpan(_Model):
    """A character range of the raw report file."""

    start: int = Field(ge=0, description="Start offset into the raw report file.")
    end: int = Field(ge=0, description="End offset (exclusive) into the raw report file.")


class DateMention(_Model):
    """A date stated inside an entry (a sub-event, a background date), resolved to a range."""

    start: dt.date | None = Field(description="First day the mention can mean (ISO).")
    end: dt.date | None = Field(description="Last day the mention can mean (ISO).")
    precision: Precision | None = Field(description="day, month or year.")
    edtf: str | None = Field(description="The same range as an EDTF string, e.g. '2009-12'.")
    anchored: bool = Field(
        default=False,
        description="True when the mention gave no year (or was relative) and was resolved "
        "against the entry's header date.",
    )
    evidence: Evidence = Field(description="The words of the mention.")


class DateValue(_Model):
    """The date of the event a record reports, as a range with its precision."""

    start: dt.date | None = Field(description="First day of the event (ISO), null when unknown.")
    end: dt.date | None = Field(description="Last day of the event (ISO), null when unknown.")
    precision: Precision | None = Field(
        description="day, month or year: the coarsest precision of the two ends; null when unknown."
    )
    text: str | None = Field(description="The words the date was read from.")
    edtf: str | None = Field(
        default=None,
        description="The range as an EDTF string: '2025-02-07', '2024-07-25/2024-07-27', '2009-12'.",
    )
    not_before: dt.date | None = Field(
        default=None,
        description="Inferred, not stated: the earliest date the neighbouring entries allow "
        "(the timeline is newest first). Filled only when start is null.",
    )
    not_after: dt.date | None = Field(
        default=None,
        description="Inferred, not stated: the latest date the neighbouring entries allow. "
        "Filled only when end is null.",
    )
    inferred: bool = Field(
        default=False,
        description="True when not_before / not_after come from neighbouring entries.",
    )
    evidence: Evidence | None = Field(default=None, description="Where the date was read.")
    mentions: list[DateMention] = Field(
        default_factory=list,
        description="Other dates stated in the entry (sub-events, background), each resolved; "
        "they never change start / end.",
    )


class Location(_Model):
    """A place where the event happened."""

    text: str = Field(description="The place as the text names it.")
    name: str = Field(description="Canonical name from the places table, or the text's name.")
    kind: str | None = Field(
        default=None,
        description="Generic place kind: country, admin1, admin2, admin3 (first- to third-level "
        "divisions), populated_place, area or site.",
    )
    admin1: str | None = Field(description="First-level administrative region, null if unknown.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of the place's country.")
    lat: float | None = Field(description="Latitude (WGS84) where a documented source gives it.")
    lon: float | None = Field(description="Longitude (WGS84) where a documented source gives it.")
    geo_precision: Literal[1, 2, 3] | None = Field(
        default=None,
        description="As ACLED uses it: 1 the place itself, 2 near a place or part of a region, "
        "3 only the region (its capital's coordinates stand in).",
    )
    evidence: Evidence = Field(description="Where the place was read.")


class Actor(_Model):
    """A named group, force or body the entry mentions."""

    text: str = Field(description="The actor as the text names it.")
    name: str = Field(description="Canonical name from the actors table.")
    kind: str | None = Field(
        default=None,
        description="Kind from the actors table: jihadist group, state force, foreign force ...",
    )
    role: ActorRole = Field(description="perpetrator, target or other.")
    attribution: Attribution | None = Field(
        description="For perpetrators: claimed, suspected or stated; null for other roles."
    )
    evidence: Evidence = Field(description="Where the actor was read.")


class Casualty(_Model):
    """One casualty figure stated in the entry."""

    kind: CasualtyKind = Field(description="What happened to the people counted.")
    min: int | None = Field(le=MAX_COUNT, description="Lower bound of the figure; null when the text gives none.")
    max: int | None = Field(le=MAX_COUNT, description="Upper bound; null when open ('more than 50').")
    qualifier: Qualifier = Field(description="How the text qualifies the figure.")
    group: VictimGroup = Field(description="Who the people counted were.")
    perpetrators: bool = Field(
        default=False,
        description="True when the people counted are the attackers (kept out of killed/injured).",
    )
    claimed_by: str | None = Field(
        default=None, description="Who claims the figure when the text says so ('the army', 'the group')."
    )
    part_of_total: bool = Field(
        default=False,
        description="True when the figure is a part of another figure of the entry and is not "
        "added to the totals again.",
    )
    evidence: Evidence = Field(description="Where the figure was read.")


class Link(_Model):
    """A link to another record that tells the same event, with why it was made."""

    id: str = Field(description="Id of the other record.")
    score: float = Field(ge=0, le=1, description="How strongly the evidence supports the link.")
    reasons: list[str] = Field(description="What matched: 'same day', 'place Gao', 'killed 20' ...")
    conflicts: list[str] = Field(
        default_factory=list,
        description="Figures that differ between the two mentions ('injured 6 vs 14'), left "
        "for a person to decide.",
    )


class Record(_Model):
    """One timeline entry (or narrative event) of a report, with every field extracted."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Semver of this contract.")
    id: str = Field(description="Stable id: the same entry keeps it across re-runs.")
    report: str = Field(description="The report's slug (its file stem).")
    section: str = Field(description="Heading of the section the entry belongs to.")
    kind: Literal["timeline", "narrative"] = Field(description="Timeline bullet or narrative event.")
    text: str = Field(description="The cleaned entry text (markdown and page headers removed).")
    span: TextSpan = Field(description="Offsets of the whole entry in the raw report file.")
    date: DateValue = Field(description="When the event happened.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of where it happened.")
    country_source: Literal["place", "body", "text", "heading", "report"] | None = Field(
        default=None,
        description="What gave the country: 'place' the first event location's country, 'body' "
        "the seat of the court or government body that acts, 'text' a country the first "
        "sentence puts the event in, 'heading' the country a section heading above the entry "
        "names, 'report' the report's own country (the fallback); null when there is no country.",
    )
    locations: list[Location] = Field(description="Places where the event happened.")
    mentioned_places: list[Location] = Field(
        default_factory=list,
        description="Places the entry names that are not where the event happened "
        "(destinations, earlier events, home countries).",
    )
    actors: list[Actor] = Field(description="Named actors with their role and attribution.")
    perpetrator_description: str | None = Field(
        default=None,
        description="A generic description of the perpetrator ('armed men') when no group is named.",
    )
    killed: int | None = Field(
        le=MAX_COUNT,
        description="Lower bound of the total killed (perpetrators apart); 0 when the text says "
        "none; null when not reported."
    )
    injured: int | None = Field(le=MAX_COUNT, description="Lower bound of the total injured; as killed.")
    kidnapped: int | None = Field(le=MAX_COUNT, description="Lower bound of the total kidnapped; as killed.")
    perpetrators_killed: int | None = Field(
        default=None, le=MAX_COUNT, description="Lower bound of the attackers killed; null when not reported."
    )
    casualties: list[Casualty] = Field(description="Every casualty figure with its bounds.")
    disputed: bool = Field(
        default=False,
        description="True when the entry gives conflicting figures for the same victims.",
    )
    sources: list[str] = Field(description="Outlet names after 'Source:'/'Sources:', in order.")
    event_type: EventType | None = Field(description="The type of the main act.")
    evidence: dict[str, list[Evidence]] = Field(
        default_factory=dict,
        description="Evidence for values that are plain strings: 'sources', 'event_type', "
        "'country', 'perpetrator_description'.",
    )
    same_as: list[str] = Field(
        default_factory=list,
        description="Ids of records that tell the same event (narrative-to-timeline links).",
    )
    links: list[Link] = Field(
        default_factory=list,
        description="The same_as links with their score, reasons and conflicting figures.",
    )
    warnings: list[str] = Field(
        default_factory=list, description="What the extractor could not decide."
    )


def iter_evidence(value) -> Iterator[Evidence]:
    """Every Evidence inside a record (or any part of one), however deep, in field order.

    >>> ev = Evidence(text="Gao", start=3, end=6, method="table")
    >>> [e.text for e in iter_evidence({"places": [ev], "date": None})]
    ['Gao']
    """
    if isinstance(value, Evidence):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_evidence(getattr(value, name))
    elif isinstance(value, list):
        for item in value:
            yield from iter_evidence(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from iter_evidence(item)
