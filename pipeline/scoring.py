"""Score predicted records against hand-labelled gold, field by field.

Entries are aligned by their text (rapidfuzz), not by position, so a missed or an extra entry
costs only itself. A gold entry with no aligned prediction counts as wrong for every field.

- single values (date start and end, country, killed, injured, kidnapped, perpetrators killed,
  event type): accuracy over the gold entries;
- sets (locations, perpetrators, targets, sources): micro precision, recall and F1 over the
  aligned entries plus the misses of unaligned ones. Names are compared after folding case and
  accents and mapping every spelling the tables know to its canonical name; a predicted place
  also matches a gold label equal to the words the entry names it by (the gazetteer's "As
  Samawah" is the gold's "Samawa" when the entry says "Samawa");
- segmentation: recall (gold entries aligned) and precision (predicted entries aligned).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from pipeline.io import ReportError, read_records
from pipeline.schema import Record
from pipeline.settings import Settings
from pipeline.tables import Tables, fold, load_tables

SINGLE_FIELDS = (
    "date_start", "date_end", "country", "killed", "injured", "kidnapped",
    "perpetrators_killed", "event_type",
)
SET_FIELDS = ("locations", "perpetrators", "targets", "sources")


@dataclass
class Miss:
    """One disagreement between gold and prediction."""

    field: str
    gold_n: int | None
    record_id: str | None
    gold: object
    predicted: object
    evidence: str
    report: str | None = None

    def as_dict(self) -> dict:
        return {
            "report": self.report, "field": self.field, "gold_n": self.gold_n, "id": self.record_id,
            "gold": self.gold, "predicted": self.predicted, "evidence": self.evidence,
        }


@dataclass
class FieldScore:
    """Accuracy for a single-valued field, or precision / recall / F1 for a set field."""

    name: str
    kind: str  # "accuracy" or "set"
    correct: int = 0
    total: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def score(self) -> float:
        if self.kind == "accuracy":
            return self.correct / self.total if self.total else 1.0
        return self.f1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        if self.kind == "accuracy":
            return {"accuracy": round(self.score, 4), "correct": self.correct, "total": self.total}
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn,
        }


@dataclass
class EvaluationReport:
    """Scores per field, segmentation, and the list of misses."""

    gold_count: int
    pred_count: int
    aligned: int
    fields: dict[str, FieldScore]
    misses: list[Miss] = field(default_factory=list)
    pairs: dict[int, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    @property
    def segmentation_recall(self) -> float:
        return self.aligned / self.gold_count if self.gold_count else 1.0

    @property
    def segmentation_precision(self) -> float:
        return self.aligned / self.pred_count if self.pred_count else 1.0

    def scores(self) -> dict[str, float]:
        """One number per field (accuracy or F1), the form floors are kept in."""
        out = {name: round(s.score, 4) for name, s in self.fields.items()}
        out["segmentation_recall"] = round(self.segmentation_recall, 4)
        out["segmentation_precision"] = round(self.segmentation_precision, 4)
        return out

    def as_dict(self, misses: bool = False) -> dict:
        data = {
            "gold": self.gold_count, "predicted": self.pred_count, "aligned": self.aligned,
            "segmentation": {
                "recall": round(self.segmentation_recall, 4),
                "precision": round(self.segmentation_precision, 4),
            },
            "fields": {name: s.as_dict() for name, s in self.fields.items()},
            "scores": self.scores(),
        }
        if misses:
            data["misses"] = [m.as_dict() for m in self.misses]
        if self.conflicts:
            data["conflicts"] = self.conflicts
        return data


class Canon:
    """Maps any spelling the tables know to one folded canonical key."""

    def __init__(self, tables: Tables):
        self.places: dict[str, str] = {}
        for row in tables.places:
            for spelling in row.spellings:
                self.places.setdefault(fold(spelling), fold(row.name))
        self.actors = {fold(row.alias): fold(row.name) for row in tables.actors}

    def place(self, name: str) -> str:
        key = fold(name)
        return self.places.get(key, key)

    def actor(self, name: str) -> str:
        key = fold(name)
        return self.actors.get(key, key)


_CANON: dict[int, Canon] = {}


def _canon(tables: Tables | None) -> Canon:
    """One ``Canon`` per loaded tables: building it folds every spelling of the tables."""
    tables = tables or load_tables()
    if id(tables) not in _CANON:
        _CANON.clear()
        _CANON[id(tables)] = Canon(tables)
    return _CANON[id(tables)]


def read_gold(path: Path, kind: str = "timeline") -> list[dict]:
    """The gold entries of one kind; a broken line fails with its file and line number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise ReportError(f"{path}: no such file") from e
    gold = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise ReportError(f"{path}:{number}: not valid JSON ({e.msg})") from e
        if not isinstance(item, dict) or "text" not in item:
            raise ReportError(f"{path}:{number}: a gold line needs at least a 'text' key")
        if item.get("kind", "timeline") == kind:
            gold.append(item)
    return gold


def align(
    gold_texts: list[str], pred_texts: list[str], cutoff: float, scorer=fuzz.token_sort_ratio
) -> dict[int, int]:
    """Pair gold and predicted entries one to one by text similarity, best pairs first.

    Timeline entries compare whole texts (token_sort_ratio). Narrative events use
    token_set_ratio: a labeller may take two sentences where the extractor takes the one that
    holds the date, and the shorter text's words all stand in the longer one.

    >>> align(["Gunmen kill five in Gao.", "A bomb hits Kidal."], ["A bomb hits Kidal!", "x"], 80)
    {1: 0}
    """
    if not gold_texts or not pred_texts:
        return {}
    matrix = process.cdist(
        gold_texts, pred_texts, scorer=scorer, processor=utils.default_process,
        score_cutoff=cutoff,
    )
    candidates = sorted(
        ((float(matrix[g, p]), g, p) for g, p in zip(*matrix.nonzero())),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in candidates:
        if g not in pairs and p not in used:
            pairs[int(g)] = int(p)
            used.add(p)
    return dict(sorted(pairs.items()))


def _pred_values(record: Record, canon: Canon) -> dict:
    return {
        "date_start": record.date.start.isoformat() if record.date.start else None,
        "date_end": record.date.end.isoformat() if record.date.end else None,
        "country": record.country,
        "killed": record.killed,
        "injured": record.injured,
        "kidnapped": record.kidnapped,
        "perpetrators_killed": record.perpetrators_killed,
        "event_type": record.event_type,
        "locations": Counter({canon.place(loc.name) for loc in record.locations}),
        "perpetrators": Counter({canon.actor(a.name) for a in record.actors if a.role == "perpetrator"}),
        "targets": Counter({canon.actor(a.name) for a in record.actors if a.role == "target"}),
        "sources": Counter(fold(s) for s in record.sources),
    }


def _places_as_labelled(record: Record, canon: Canon, want: Counter) -> Counter:
    """The record's locations keyed as the gold may write them: a place the gazetteer names
    otherwise ("As Samawah") matches a gold label that spells it as the entry does ("Samawa")."""
    keys = set()
    for loc in record.locations:
        key = canon.place(loc.name)
        if key not in want and canon.place(loc.text) in want:
            key = canon.place(loc.text)
        keys.add(key)
    return Counter(keys)


def _gold_values(item: dict, canon: Canon) -> dict:
    date = item.get("date") or {}
    perpetrators = [p["name"] if isinstance(p, dict) else p for p in item.get("perpetrators") or []]
    return {
        "date_start": date.get("start"),
        "date_end": date.get("end"),
        "country": item.get("country"),
        "killed": item.get("killed"),
        "injured": item.get("injured"),
        "kidnapped": item.get("kidnapped"),
        "perpetrators_killed": item.get("perpetrators_killed"),
        "event_type": item.get("event_type"),
        "locations": Counter({canon.place(n) for n in item.get("locations") or []}),
        "perpetrators": Counter({canon.actor(n) for n in perpetrators}),
        "targets": Counter({canon.actor(n) for n in item.get("targets") or []}),
        "sources": Counter(fold(s) for s in item.get("sources") or []),
    }


def _evidence(record: Record | None, name: str) -> str:
    if record is None:
        return ""
    if name.startswith("date") and record.date.evidence:
        return record.date.evidence.text
    if name in ("killed", "injured", "kidnapped", "perpetrators_killed"):
        texts = [c.evidence.text for c in record.casualties]
        if texts:
            return " | ".join(texts)
    if name == "locations":
        texts = [loc.evidence.text for loc in record.locations]
        if texts:
            return " | ".join(texts)
    if name in ("perpetrators", "targets"):
        texts = [f"{a.evidence.text} ({a.role})" for a in record.actors]
        if texts:
            return " | ".join(texts)
    if name in record.evidence:
        return " | ".join(e.text for e in record.evidence[name])
    return record.text[:160]


def evaluate(
    gold: list[dict], predicted: list[Record], tables: Tables | None = None,
    settings: Settings | None = None, kind: str = "timeline", scorer=None,
) -> EvaluationReport:
    """Score ``predicted`` against ``gold`` (dicts in the format of tests/gold/GUIDELINES.md).

    ``scorer`` aligns the texts; by default token_sort_ratio for timeline entries and
    token_set_ratio for narrative events (see ``align``)."""
    settings = settings or Settings()
    canon = _canon(tables)
    if scorer is None:
        scorer = fuzz.token_set_ratio if kind == "narrative" else fuzz.token_sort_ratio
    pairs = align([g["text"] for g in gold], [r.text for r in predicted], settings.align_cutoff, scorer)
    scores = {name: FieldScore(name, "accuracy") for name in SINGLE_FIELDS}
    scores.update({name: FieldScore(name, "set") for name in SET_FIELDS})
    misses: list[Miss] = []
    for g_index, item in enumerate(gold):
        record = predicted[pairs[g_index]] if g_index in pairs else None
        gold_values = _gold_values(item, canon)
        pred_values = _pred_values(record, canon) if record else None
        if record is not None:
            pred_values["locations"] = _places_as_labelled(record, canon, gold_values["locations"])
        n = item.get("n")
        rid = record.id if record else None
        if record is None:
            misses.append(Miss("segmentation", n, None, item["text"][:120], None, ""))
        for name in SINGLE_FIELDS:
            s = scores[name]
            s.total += 1
            want = gold_values[name]
            got = pred_values[name] if pred_values else None
            if record is not None and want == got:
                s.correct += 1
            elif record is not None:
                misses.append(Miss(name, n, rid, want, got, _evidence(record, name)))
        for name in SET_FIELDS:
            s = scores[name]
            want = gold_values[name]
            got = pred_values[name] if pred_values else Counter()
            tp = sum((want & got).values())
            s.tp += tp
            s.fn += sum(want.values()) - tp
            s.fp += sum(got.values()) - tp
            if record is not None and want != got:
                misses.append(Miss(name, n, rid, sorted(want.elements()), sorted(got.elements()),
                                   _evidence(record, name)))
    matched_preds = set(pairs.values())
    for p_index, record in enumerate(predicted):
        if p_index not in matched_preds:
            misses.append(Miss("segmentation", None, record.id, None, record.text[:120], ""))
            for name in SET_FIELDS:
                scores[name].fp += sum(_pred_values(record, canon)[name].values())
    return EvaluationReport(len(gold), len(predicted), len(pairs), scores, misses, pairs)


def score_links(
    narrative_gold: list[dict], narrative_pred: list[Record], narrative_pairs: dict[int, int],
    timeline_gold: list[dict], timeline_pred: list[Record], timeline_pairs: dict[int, int],
) -> tuple[FieldScore, list[Miss]]:
    """Precision / recall / F1 of the narrative-to-timeline links (``same_as`` against the gold's
    ``same_as_timeline``), over the aligned narrative events; timeline ids map to gold numbers
    through the timeline alignment."""
    id_to_n = {timeline_pred[p].id: timeline_gold[g].get("n") for g, p in timeline_pairs.items()}
    timeline_ids = {r.id for r in timeline_pred}
    score = FieldScore("links", "set")
    misses = []
    for g_index, item in enumerate(narrative_gold):
        want = {item["same_as_timeline"]} if item.get("same_as_timeline") is not None else set()
        record = narrative_pred[narrative_pairs[g_index]] if g_index in narrative_pairs else None
        got = {id_to_n.get(i, i) for i in record.same_as if i in timeline_ids} if record else set()
        score.tp += len(want & got)
        score.fn += len(want - got)
        score.fp += len(got - want)
        if record is not None and want != got:
            misses.append(Miss("links", item.get("n"), record.id, sorted(want), sorted(map(str, got)),
                               "; ".join(f"{link.id}: {', '.join(link.reasons)}" for link in record.links)))
    return score, misses


def conflicts(predicted: list[Record]) -> list[str]:
    """Figures that differ between linked mentions of the same event, for a person to decide."""
    return [
        f"{r.id} ~ {link.id}: {c}" for r in predicted for link in r.links for c in link.conflicts
    ]


def evaluate_files(gold_path: Path, pred_path: Path, kind: str = "timeline") -> EvaluationReport:
    """Score a records JSONL file against a gold JSONL file (records of ``kind`` only).

    For narrative events the links to the timeline are scored too, and conflicting figures
    between linked records are listed."""
    gold = read_gold(gold_path, kind)
    records = read_records(pred_path)
    predicted = [r for r in records if r.kind == kind]
    report = evaluate(gold, predicted, kind=kind)
    if kind == "narrative":
        timeline_gold = read_gold(gold_path, "timeline")
        timeline_pred = [r for r in records if r.kind == "timeline"]
        timeline = evaluate(timeline_gold, timeline_pred)
        links, link_misses = score_links(
            gold, predicted, report.pairs, timeline_gold, timeline_pred, timeline.pairs
        )
        report.fields["links"] = links
        report.misses.extend(link_misses)
        report.conflicts = conflicts(predicted)
    return report


def agreement(first: list[dict], second: list[dict], tables: Tables | None = None,
              by_text: bool = False) -> EvaluationReport:
    """How often two independent labellings of the same entries agree, field by field.

    Entries are paired by their number ``n``, or with ``by_text`` by their text (``align``: two
    labellers of a report of other publishers may cut and number entries differently); single
    values count exact agreement, sets the F1 of the second labelling against the first
    (symmetric for F1). The misses are the disagreements, the first labelling as ``gold``, the
    second as ``predicted``.
    """
    canon = Canon(tables or load_tables())
    if by_text:
        aligned = align([x["text"] for x in second], [x["text"] for x in first],
                        Settings().align_cutoff, fuzz.token_sort_ratio)
        matches = {index: first[j] for index, j in aligned.items()}
    else:
        by_n = {item.get("n"): item for item in first}
        matches = {index: by_n.get(other.get("n")) for index, other in enumerate(second)}
    scores = {name: FieldScore(name, "accuracy") for name in SINGLE_FIELDS}
    scores.update({name: FieldScore(name, "set") for name in SET_FIELDS})
    misses: list[Miss] = []
    pairs = {}
    for index, other in enumerate(second):
        item = matches.get(index)
        if item is None:
            continue
        pairs[index] = index
        a, b = _gold_values(item, canon), _gold_values(other, canon)
        for name in SINGLE_FIELDS:
            scores[name].total += 1
            if a[name] == b[name]:
                scores[name].correct += 1
            else:
                misses.append(Miss(name, item.get("n"), None, a[name], b[name], item["text"][:160]))
        for name in SET_FIELDS:
            tp = sum((a[name] & b[name]).values())
            scores[name].tp += tp
            scores[name].fn += sum(a[name].values()) - tp
            scores[name].fp += sum(b[name].values()) - tp
            if a[name] != b[name]:
                misses.append(Miss(name, item.get("n"), None, sorted(a[name].elements()),
                                   sorted(b[name].elements()), item["text"][:160]))
    return EvaluationReport(len(second), len(second), len(pairs), scores, misses, pairs)


def format_scores(report: EvaluationReport, header: str | None = None, segmentation: bool = True) -> str:
    """A plain-text table of the scores, as the README shows it."""
    lines = [
        header or f"gold entries {report.gold_count}, predicted {report.pred_count}, aligned {report.aligned}",
        f"{'field':<22}{'score':>8}  detail",
    ]
    if segmentation:
        lines += [
            f"{'segmentation recall':<22}{report.segmentation_recall:>8.3f}",
            f"{'segmentation precision':<22}{report.segmentation_precision:>8.3f}",
        ]
    for name, s in report.fields.items():
        if s.kind == "accuracy":
            detail = f"accuracy {s.correct}/{s.total}"
        else:
            detail = f"F1  P {s.precision:.3f}  R {s.recall:.3f}  (tp {s.tp} fp {s.fp} fn {s.fn})"
        lines.append(f"{name:<22}{s.score:>8.3f}  {detail}")
    if report.conflicts:
        lines.append(f"conflicting figures between linked mentions ({len(report.conflicts)}):")
        lines.extend(f"  {c}" for c in report.conflicts)
    return "\n".join(lines)


def format_misses(report: EvaluationReport) -> str:
    """Every disagreement: field, gold entry number, record id, gold and predicted, evidence."""
    lines = []
    for m in report.misses:
        where = f"{m.report} " if m.report else ""
        lines.append(
            f"{where}[{m.field}] gold n={m.gold_n} id={m.record_id}: gold={m.gold!r} predicted={m.predicted!r}"
            + (f"  evidence: {m.evidence!r}" if m.evidence else "")
        )
    return "\n".join(lines)
