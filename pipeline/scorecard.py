"""Score a folder of reports against a folder of gold, per report and per field, with a baseline.

``python -m pipeline evaluate GOLD_DIR PRED_DIR`` scores every ``GOLD_DIR/<name>.jsonl`` against
``PRED_DIR/<name>.jsonl`` (a report with no predictions scores as all missed) and adds up the
counts of every report, so each entry weighs the same whichever report it is in.

- **Entries** of both kinds are scored together: a gold entry is aligned with the extracted
  record of any kind whose text matches it best (``scoring.align``: token_sort_ratio of the
  whole texts; token_set_ratio when the two texts are of comparable length, so that a
  narrative entry of two sentences matches the record of its dated sentence). Segmentation is
  also scored per kind: timeline gold against timeline records, narrative gold against
  narrative records.
- **Fields** are scored as ``scoring.evaluate`` scores them: accuracy for single values, micro
  F1 for sets; a gold entry with no aligned record counts as wrong for every field.
- **The baseline** is what a reader gets without the pipeline's fields, given the entries: every
  entry takes its report's country (the one most of the report's gold entries have), no date,
  no place, no actor, no figure, no event type. The table shows the two side by side, so a reader
  sees what the pipeline adds.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, utils

from pipeline.io import ReportError, read_records
from pipeline.schema import DateValue, Record, TextSpan
from pipeline.scoring import SET_FIELDS, SINGLE_FIELDS, EvaluationReport, FieldScore, evaluate, read_gold
from pipeline.settings import Settings

# Two texts whose lengths are within this ratio may be aligned on their shared words
# (token_set_ratio); further apart, only on their whole wording (token_sort_ratio).
COMPARABLE_LENGTH = 0.5


def corpus_scorer(a: str, b: str, *, processor=None, score_cutoff=0) -> float:
    """Alignment score of a gold and an extracted text: the whole wording, or the shared words
    when the two are of comparable length.

    >>> corpus_scorer("On May 2, gunmen attacked Gao. Five died.", "On May 2, gunmen attacked Gao.")
    100.0
    >>> corpus_scorer("2013", "2013: Gunmen attacked Gao and killed five people in the market.") < 80
    True
    """
    whole = fuzz.token_sort_ratio(a, b, processor=processor or utils.default_process)
    short, long = sorted((len(a), len(b)))
    if long and short / long >= COMPARABLE_LENGTH:
        return max(whole, fuzz.token_set_ratio(a, b, processor=processor or utils.default_process))
    return whole


@dataclass
class ReportScore:
    """One report's scores: every entry together, and segmentation per kind."""

    name: str
    report: EvaluationReport
    baseline: EvaluationReport
    kinds: dict[str, EvaluationReport] = field(default_factory=dict)


@dataclass
class Scorecard:
    """Every report's scores and their sum."""

    reports: list[ReportScore]
    total: EvaluationReport
    baseline: EvaluationReport
    kinds: dict[str, EvaluationReport]

    def scores(self) -> dict[str, float]:
        """One number per field over every report, and segmentation per kind."""
        out = self.total.scores()
        for kind, rep in self.kinds.items():
            out[f"{kind}_segmentation_recall"] = round(rep.segmentation_recall, 4)
            out[f"{kind}_segmentation_precision"] = round(rep.segmentation_precision, 4)
        return out

    def as_dict(self, misses: bool = False) -> dict:
        return {
            "reports": {
                r.name: {"gold": r.report.gold_count, "predicted": r.report.pred_count,
                         "scores": r.report.scores(),
                         **({"misses": [m.as_dict() for m in r.report.misses]} if misses else {})}
                for r in self.reports
            },
            "total": self.total.as_dict(),
            "baseline": self.baseline.scores(),
            "scores": self.scores(),
        }


def _baseline_records(gold: list[dict], report: str) -> list[Record]:
    """The baseline's records: the gold entries' own texts, the report's country, nothing else."""
    countries = Counter(g.get("country") for g in gold if g.get("country"))
    country = countries.most_common(1)[0][0] if countries else None
    empty = DateValue(start=None, end=None, precision=None, text=None)
    return [
        Record(id=f"baseline-{i}", report=report, section="", kind=g.get("kind", "timeline"),
               text=g["text"], span=TextSpan(start=0, end=0), date=empty, country=country,
               locations=[], actors=[], killed=None, injured=None, kidnapped=None,
               casualties=[], sources=[], event_type=None)
        for i, g in enumerate(gold)
    ]


def _add(into: EvaluationReport, part: EvaluationReport) -> None:
    into.gold_count += part.gold_count
    into.pred_count += part.pred_count
    into.aligned += part.aligned
    for name, s in part.fields.items():
        t = into.fields[name]
        t.correct += s.correct
        t.total += s.total
        t.tp += s.tp
        t.fp += s.fp
        t.fn += s.fn
    into.misses.extend(part.misses)


def _empty() -> EvaluationReport:
    fields = {name: FieldScore(name, "accuracy") for name in SINGLE_FIELDS}
    fields.update({name: FieldScore(name, "set") for name in SET_FIELDS})
    return EvaluationReport(0, 0, 0, fields)


def _read_all_gold(path: Path) -> list[dict]:
    return read_gold(path, "timeline") + read_gold(path, "narrative")


def score_folders(gold_dir: Path, pred_dir: Path, settings: Settings | None = None) -> Scorecard:
    """Score every gold file of ``gold_dir`` against the same-named records of ``pred_dir``."""
    settings = settings or Settings()
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    gold_files = sorted(gold_dir.glob("*.jsonl"))
    if not gold_files:
        raise ReportError(f"{gold_dir}: holds no gold files (*.jsonl)")
    reports: list[ReportScore] = []
    total, baseline = _empty(), _empty()
    kinds = {"timeline": _empty(), "narrative": _empty()}
    for path in gold_files:
        gold = _read_all_gold(path)
        pred_path = pred_dir / path.name
        records = read_records(pred_path) if pred_path.exists() else []
        rep = evaluate(gold, records, settings=settings, scorer=corpus_scorer)
        base = evaluate(gold, _baseline_records(gold, path.stem), settings=settings,
                        scorer=corpus_scorer)
        for m in rep.misses:
            m.report = path.stem
        per_kind = {}
        for kind in kinds:
            g = [x for x in gold if x.get("kind", "timeline") == kind]
            p = [r for r in records if r.kind == kind]
            scorer = fuzz.token_sort_ratio if kind == "timeline" else corpus_scorer
            per_kind[kind] = evaluate(g, p, settings=settings, scorer=scorer)
            _add(kinds[kind], per_kind[kind])
        _add(total, rep)
        _add(baseline, base)
        reports.append(ReportScore(path.stem, rep, base, per_kind))
    return Scorecard(reports, total, baseline, kinds)


def format_scorecard(card: Scorecard, per_report: bool = True) -> str:
    """The field table (pipeline beside baseline), then one row per report."""
    total = card.total
    lines = [
        f"reports {len(card.reports)}, gold entries {total.gold_count}, predicted "
        f"{total.pred_count}, aligned {total.aligned}",
        f"{'field':<26}{'pipeline':>9}{'baseline':>9}  detail",
        f"{'segmentation recall':<26}{total.segmentation_recall:>9.3f}{1.0:>9.3f}",
        f"{'segmentation precision':<26}{total.segmentation_precision:>9.3f}{1.0:>9.3f}",
    ]
    for kind, rep in card.kinds.items():
        lines.append(f"{'  ' + kind + ' recall':<26}{rep.segmentation_recall:>9.3f}"
                     f"{'':>9}  {rep.aligned}/{rep.gold_count}")
        lines.append(f"{'  ' + kind + ' precision':<26}{rep.segmentation_precision:>9.3f}"
                     f"{'':>9}  {rep.aligned}/{rep.pred_count}")
    for name, s in total.fields.items():
        b = card.baseline.fields[name]
        if s.kind == "accuracy":
            detail = f"accuracy {s.correct}/{s.total}"
        else:
            detail = f"F1  P {s.precision:.3f}  R {s.recall:.3f}  (tp {s.tp} fp {s.fp} fn {s.fn})"
        lines.append(f"{name:<26}{s.score:>9.3f}{b.score:>9.3f}  {detail}")
    if per_report:
        names = ["date_start", "country", "killed", "locations", "perpetrators", "event_type"]
        lines.append("")
        lines.append(f"{'report':<58}{'gold':>5}{'seg R':>7}{'seg P':>7}"
                     + "".join(f"{n[:8]:>9}" for n in names))
        for r in card.reports:
            sc = r.report.scores()
            lines.append(f"{r.name[:57]:<58}{r.report.gold_count:>5}"
                         f"{r.report.segmentation_recall:>7.2f}{r.report.segmentation_precision:>7.2f}"
                         + "".join(f"{sc[n]:>9.2f}" for n in names))
    return "\n".join(lines)


def write_json(card: Scorecard, misses: bool) -> str:
    return json.dumps(card.as_dict(misses=misses), indent=2, sort_keys=True)
