"""``total_counts``: the record's totals from an entry's figures, following the "Casualty
counts" section of tests/gold/GUIDELINES.md."""

from __future__ import annotations

from pipeline.fields.casualties.numbers import _OPEN_BELOW
from pipeline.schema import Casualty, VictimGroup

# Methods: "+person" for one person counted without a number, "+rival" for a claim set against
# an earlier figure for the same victims (total_counts keeps the lower of the two),
# "+attackers_apart" for a total the attackers it included were taken out of ("Nineteen people
# are killed, including six assailants": 13, the six counted as perpetrators).
_RIVAL = "+rival"
_PERSON = "+person"
_APART = "+attackers_apart"
# Kinds added up together in the totals.
_TOTAL_KEY: dict[str, str] = {
    "killed": "killed", "injured": "injured", "kidnapped": "kidnapped", "captured": "kidnapped",
}


def _contribution(c: Casualty) -> int | None:
    """What a figure adds: its lower bound; the max of "up to"/"nearly"; nothing for "dozens"."""
    if c.qualifier in ("dozens", "several"):
        return None
    if c.min is not None:
        return c.min
    return c.max if c.qualifier in _OPEN_BELOW else None


def total_counts(casualties: list[Casualty]) -> dict:
    """The entry's lower-bound totals per kind, attackers apart, and whether claims conflict.

    Figures are added unless marked as parts of another. A rival claim (method ending in
    "+rival") stands with the figure it contradicts, the lower of the two counting, and makes
    the entry disputed. A kind whose figures give no count ("dozens", "several") is None; a
    stated zero is 0. Captures count with the kidnapped.

    >>> from pipeline.schema import Evidence
    >>> ev = Evidence(text="kill", start=0, end=4, method="rule:verb_object")
    >>> figs = [Casualty(kind="killed", min=n, max=n, qualifier="exact", group="civilians",
    ...                  evidence=ev) for n in (4, 4, 1)]
    >>> total_counts(figs)["killed"], total_counts(figs)["disputed"]
    (9, False)
    """
    sums: dict[str, list[tuple[VictimGroup, int | None]]] = {
        "killed": [], "injured": [], "kidnapped": [], "perpetrators_killed": [],
    }
    disputed = False
    for c in casualties:
        if c.part_of_total:
            continue
        if c.perpetrators:
            key = "perpetrators_killed" if c.kind == "killed" else None
        else:
            key = _TOTAL_KEY.get(c.kind)
        if key is None:
            continue
        value = _contribution(c)
        rivals = [n for n, (group, _) in enumerate(sums[key]) if group == c.group]
        if c.evidence.method.endswith(_RIVAL) and rivals:
            disputed = True
            old = sums[key][rivals[-1]][1]
            if value is not None and (old is None or value < old):
                sums[key][rivals[-1]] = (c.group, value)
            continue
        sums[key].append((c.group, value))
    totals: dict = {}
    for key, items in sums.items():
        values = [v for _, v in items if v is not None]
        totals[key] = sum(values) if values else None
    totals["disputed"] = disputed
    return totals
