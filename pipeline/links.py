"""Links between mentions of the same event, and the figures they disagree on.

Each narrative record is compared with the timeline records (and the narrative records before
it) by date, places, actors, figures and wording; a strong enough match becomes a ``Link`` in
``links`` and its id goes to ``same_as``. Figures that differ between two linked mentions
(Radisson Blu: "injured six others" here, "wounding 14 others" there) are kept as conflicts for a
person to decide, never merged.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz, utils

from pipeline.schema import DateValue, Link, Record
from pipeline.tables import fold

# Weights of the evidence that two mentions tell the same event, set on the Mali gold's 15
# narrative-to-timeline links: a same-day match with a shared place or close wording reaches
# LINK_CUTOFF; a month-level date needs two more signals (place, actor, figure or wording).
W_SAME_DAY = 0.45
W_OVERLAP = 0.25
# An undated entry's bounds come from its neighbours, not its text: weaker evidence.
W_INFERRED_OVERLAP = 0.15
W_PLACE = 0.25
W_ACTOR = 0.15
W_FIGURE = 0.2
W_NEAR_FIGURE = 0.1
W_WORDS = 0.2
W_CLOSE_WORDS = 0.3
LINK_CUTOFF = 0.6
# token_set_ratio of the two texts above which the wording counts as shared, and as close.
WORDS_CUTOFF = 55.0
CLOSE_WORDS_CUTOFF = 75.0
# Two figures for the same victims within this ratio support a link ("more than 150" and "at
# least 157" for the Ogossagou massacre) while still being reported as a conflict.
NEAR_FIGURE_RATIO = 0.9


def _range(date: DateValue):
    """The days a record's date allows: stated, or the bounds its neighbours give."""
    if date.start and date.end:
        return date.start, date.end
    if date.not_before and date.not_after:
        return date.not_before, date.not_after
    return None


def link_score(a: Record, b: Record) -> tuple[float, list[str], list[str]]:
    """How strongly two records tell the same event: (score, reasons, conflicting figures).

    Dates must overlap (an undated entry's inferred bounds count); then shared places, actors,
    figures and wording add up.
    """
    ra, rb = _range(a.date), _range(b.date)
    if ra is None or rb is None or not (ra[0] <= rb[1] and rb[0] <= ra[1]):
        return 0.0, [], []
    reasons = []
    score = 0.0
    if a.date.precision == b.date.precision == "day" and a.date.start == b.date.start:
        score += W_SAME_DAY
        reasons.append(f"same day {a.date.start.isoformat()}")
    elif a.date.start is None or b.date.start is None:
        score += W_INFERRED_OVERLAP
        reasons.append("within the inferred dates of an undated entry")
    else:
        score += W_OVERLAP
        reasons.append("dates overlap")
    places = {fold(x.name) for x in a.locations} & {fold(x.name) for x in b.locations}
    if places:
        score += W_PLACE
        reasons.append("place " + ", ".join(sorted(places)))
    actors = {x.name for x in a.actors} & {x.name for x in b.actors}
    if actors:
        score += W_ACTOR
        reasons.append("actor " + ", ".join(sorted(actors)))
    conflicts = []
    for kind in ("killed", "injured", "kidnapped"):
        x, y = getattr(a, kind), getattr(b, kind)
        if x is None or y is None:
            continue
        if x == y and x > 0:
            score += W_FIGURE
            reasons.append(f"{kind} {x}")
        elif x != y:
            conflicts.append(f"{kind} {x} vs {y}")
            if min(x, y) >= NEAR_FIGURE_RATIO * max(x, y):
                score += W_NEAR_FIGURE
                reasons.append(f"{kind} close ({x}, {y})")
    words = fuzz.token_set_ratio(a.text, b.text, processor=utils.default_process)
    if words >= CLOSE_WORDS_CUTOFF:
        score += W_CLOSE_WORDS
        reasons.append(f"wording {words:.0f}")
    elif words >= WORDS_CUTOFF:
        score += W_WORDS
        reasons.append(f"wording {words:.0f}")
    return min(score, 1.0), reasons, conflicts


def link_records(narrative: Sequence[Record], others: Sequence[Record]) -> None:
    """Link each narrative record to the best-matching timeline record and to earlier narrative
    records that tell the same event; fill ``links`` and ``same_as`` in place."""
    for i, record in enumerate(narrative):
        candidates = list(others) + list(narrative[:i])
        best_timeline: tuple[float, Record, list[str], list[str]] | None = None
        links = []
        for other in candidates:
            score, reasons, conflicts = link_score(record, other)
            if score < LINK_CUTOFF:
                continue
            if other.kind == "timeline":
                if best_timeline is None or score > best_timeline[0]:
                    best_timeline = (score, other, reasons, conflicts)
            else:
                links.append(Link(id=other.id, score=round(score, 3), reasons=reasons, conflicts=conflicts))
        if best_timeline:
            score, other, reasons, conflicts = best_timeline
            links.insert(0, Link(id=other.id, score=round(score, 3), reasons=reasons, conflicts=conflicts))
        else:
            # Same event as an earlier narrative mention that is linked to the timeline: the
            # link carries over ("operation from March 23 until March 31, 2022" -> the Moura
            # mention before it -> the Moura timeline entry).
            inherited = _timeline_link_via(links, narrative[:i], {r.id for r in others})
            if inherited:
                links.insert(0, inherited)
        record.links = links
        record.same_as = [link.id for link in links]
        record.warnings.extend(
            f"conflict with {link.id}: {c}" for link in links for c in link.conflicts
        )


def _timeline_link_via(links: list[Link], earlier: Sequence[Record], timeline_ids: set[str]) -> Link | None:
    """The timeline link of the best-scored earlier narrative record this one is linked to."""
    by_id = {r.id: r for r in earlier}
    for link in sorted(links, key=lambda l: -l.score):
        other = by_id.get(link.id)
        first = other.links[0] if other and other.links else None
        if first and first.id in timeline_ids:
            score = round(min(link.score, first.score), 3)
            return Link(id=first.id, score=score, reasons=[f"via {other.id}", *link.reasons])
    return None
