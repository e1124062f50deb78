"""The commands: parse arguments, call a function, print. Nothing else.

Exit status: 0 success, 1 when any report failed (the others are still written; also when none
could be, the output folder being busy or unusable) or, for ``diff``, when there are differences,
2 for a usage error or trouble, 130 after Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.io import ReportError
from pipeline.tables import TableError

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline",
        description="Extract validated, evidence-backed incident records from conflict reports.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract records from reports")
    p.add_argument("reports", nargs="*", type=Path,
                   help="report files (.txt, .md, .html, .htm, .pdf) or folders holding them "
                        "(default: the reports in raw/)")
    p.add_argument("--out", type=Path, default=Path("extracted"), help="output folder")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract the reports in N processes, each with its own pipeline")
    p.add_argument("--time-limit", type=float, metavar="S",
                   help="stop a report that takes more than S seconds (default: the setting "
                        "report_time_limit_seconds, 1800; 0 for none)")
    p.add_argument("--lock-wait", type=float, metavar="S",
                   help="wait up to S seconds for another extraction writing to --out (default: "
                        "the setting lock_wait_seconds, 0)")
    p.add_argument("--explain", action="store_true",
                   help="say for each report how it was read: format, layouts and entries "
                        "found, where years came from, its countries")
    p.add_argument("--debug", action="store_true", help="show tracebacks")

    p = sub.add_parser(
        "evaluate", help="score predicted records against gold labels (a file, or a folder of them)")
    p.add_argument("gold", type=Path, help="a gold JSONL file, or a folder of them")
    p.add_argument("pred", type=Path, help="the extracted JSONL file, or the folder holding them")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--misses", action="store_true", help="list every disagreement")
    p.add_argument("--kind", choices=["timeline", "narrative"], default="timeline")
    p.add_argument("--debug", action="store_true", help="show tracebacks")

    p = sub.add_parser("agreement", help="how often two independent gold labellings agree")
    p.add_argument("first", type=Path, help="the gold labels")
    p.add_argument("second", type=Path, help="a second labelling of some of the same entries")
    p.add_argument("--misses", action="store_true", help="list every disagreement")
    p.add_argument("--debug", action="store_true", help="show tracebacks")

    p = sub.add_parser("diff", help="what changed between two extractions (exit 0 same, 1 different)")
    p.add_argument("old", help="old records: a JSONL file or a run id under extracted/runs/")
    p.add_argument("new", help="new records: a JSONL file or a run id")
    p.add_argument("--json", action="store_true", help="print the differences as JSON")
    p.add_argument("--html", type=Path, help="also write a self-contained HTML page of the diff")
    p.add_argument("--runs", type=Path, default=Path("extracted/runs"), help="where run ids live")
    p.add_argument("--debug", action="store_true", help="show tracebacks")

    p = sub.add_parser("audit", help="a self-contained HTML page of the records and their evidence")
    p.add_argument("records", type=Path, help="extracted JSONL")
    p.add_argument("--diff", type=Path, dest="old", help="older JSONL to mark what changed")
    p.add_argument("--raw", type=Path, help="the report text (default: raw/<report>.txt)")
    p.add_argument("--out", type=Path, required=True, help="the HTML file to write")
    p.add_argument("--debug", action="store_true", help="show tracebacks")

    p = sub.add_parser("export", help="export records to another format")
    p.add_argument("records", type=Path, help="extracted JSONL")
    p.add_argument("--format", required=True, choices=["csv", "parquet", "acled", "gtd", "duckdb"])
    p.add_argument("--out", type=Path, help="output file (default: beside the input)")
    p.add_argument("--dedupe", action="store_true", help="one record per event (drop same_as copies)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (ReportError, TableError) as e:
        if args.debug:
            raise
        err.print(f"error: {e}", markup=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err.print("interrupted: outputs already written are complete; nothing partial was left")
        return 130


def cmd_extract(args) -> int:
    from pipeline.history import current_run, hold_out
    from pipeline.settings import Settings

    paths, problems = _report_paths(args.reports or [Path("raw")])
    for problem in problems:
        err.print(f"error: {problem}", markup=False, soft_wrap=True)
    if problems and not paths:
        return 1
    if not paths:
        err.print("error: no reports given and none in raw/ (.txt, .md, .html, .htm, .pdf, ...)")
        return 2
    if args.workers < 1:
        err.print("error: --workers takes a whole number of at least 1")
        return 2
    for option, value in (("--time-limit", args.time_limit), ("--lock-wait", args.lock_wait)):
        if value is not None and not value >= 0:
            err.print(f"error: {option} takes a number of seconds, 0 or more")
            return 2
    settings = Settings()
    wait = settings.lock_wait_seconds if args.lock_wait is None else args.lock_wait
    before: dict[str, str | None] | None = None
    try:
        # The lock first: a busy folder is said at once, before seconds of loading the pipeline.
        with hold_out(args.out, wait) as removed:
            for line in removed:
                err.print(f"note: {args.out}: removed {line}, left by an interrupted run",
                          markup=False, soft_wrap=True)
            before = {Path(p).stem: current_run(args.out, Path(p).stem) for p in paths}
            try:
                results, errors = _extract_with_progress(paths, args, wait)
            except KeyboardInterrupt:
                # Said while the lock is held: no other run can have published since.
                err.print(_interrupted(args.out, before), markup=False, soft_wrap=True)
                return 130
    except ReportError as e:
        # The output folder is busy or unusable: no report was extracted.
        err.print(f"error: {e}", markup=False, soft_wrap=True)
        return 1
    except KeyboardInterrupt:
        err.print(_interrupted(args.out, before), markup=False, soft_wrap=True)
        return 130
    if results:
        out.print(_summary(results))
    if args.explain:
        for result in results:
            out.print(explain(result), markup=False, soft_wrap=True)
    if errors:
        # Each failure once more on stdout, under the summary: what a scheduled run's log keeps.
        out.print(f"failed: {len(errors)} of {len(paths)} report(s)", markup=False)
        for error in errors:
            out.print(f"  {error}", markup=False, soft_wrap=True)
    for result in results:
        for warning in result.manifest["warnings"]:
            err.print(f"warning: {result.path}: {warning}", markup=False, soft_wrap=True)
    return 1 if errors or problems else 0


def _extract_with_progress(paths, args, wait: float):
    from pipeline.extract import Extractor, extract_paths

    with Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(), console=err, transient=True,
    ) as progress:
        task = progress.add_task("loading the pipeline", total=len(paths))
        # With several workers each process loads its own pipeline.
        extractor = Extractor() if args.workers == 1 else None
        progress.update(task, description="extracting")
        return extract_paths(
            paths, args.out, extractor,
            on_error=lambda message: (err.print(f"error: {message}", markup=False, soft_wrap=True), progress.advance(task)),
            on_done=lambda result: progress.advance(task),
            debug=args.debug, workers=args.workers, time_limit=args.time_limit, lock_wait=wait,
        )


def _interrupted(out_dir: Path, before: dict[str, str | None] | None) -> str:
    """What Ctrl-C kept, read from the output folder itself: a report is published when its
    current run changed since the start (the lock kept every other process out)."""
    from pipeline.history import current_run

    if before is None:
        return "interrupted before any report was extracted: nothing was written"
    published = [slug for slug, run in before.items() if current_run(out_dir, slug) != run]
    kept = [slug for slug in before if slug not in published]
    parts = [f"interrupted: {len(published)} of {len(before)} report(s) published"]
    if published:
        parts[0] += f" ({', '.join(published)})"
    if kept:
        parts.append(f"not published, their previous outputs unchanged: {', '.join(kept)}")
    parts.append("anything half-written is removed by the next run")
    return "; ".join(parts)


def _report_paths(given: list[Path]) -> tuple[list[Path], list[str]]:
    """The report files named, a folder standing for the reports directly in it (.txt, .md,
    .html, .htm, .pdf; sorted; not its README). A file of another type is read as text with a
    warning (the reader says so); a path that does not exist fails alone when it is read; a
    folder holding no report is an error."""
    from pipeline.readers import REPORT_SUFFIXES

    paths, problems = [], []
    for path in given:
        if path.is_dir():
            # A folder's README describes the folder; it is not one of its reports.
            reports = sorted(p for p in path.iterdir()
                             if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                             and p.stem.lower() != "readme")
            if not reports:
                suffixes = ", ".join(sorted(REPORT_SUFFIXES))
                problems.append(f"{path}: is a folder, not a report file, and holds no reports ({suffixes})")
            paths += reports
        else:
            # A path that does not exist fails alone when it is read ("no such file"); the others
            # are still extracted.
            paths.append(path)
    return paths, problems


def explain(result) -> str:
    """How one report was read, from its manifest and records: what ``--explain`` prints.

    >>> from types import SimpleNamespace
    >>> m = {"format": "pdf", "layouts": {"date_led": 12}, "counts": {"entries": 12, "records": 15},
    ...      "scope": {"countries": ["NG"], "country_source": "entries", "year": 2020,
    ...                "published": None, "publisher": "CFR"}, "warnings": []}
    >>> print(explain(SimpleNamespace(path="r.pdf", manifest=m, records=[])))
    r.pdf: read as pdf
      timeline entries: 12 (date_led 12); narrative events: 3
      report country: NG (from entries); year 2020; publisher CFR
    """
    m = result.manifest
    layouts = ", ".join(f"{name} {n}" for name, n in sorted(m["layouts"].items())) or "none"
    entries, records = m["counts"]["entries"], m["counts"]["records"]
    lines = [f"{result.path}: read as {m['format']}",
             f"  timeline entries: {entries} ({layouts}); narrative events: {records - entries}"]
    years: dict[str, int] = {}
    for record in result.records:
        ev = record.date.evidence
        if ev is not None and ev.method.startswith("inferred:year-"):
            rule = ev.method.removeprefix("inferred:year-")
            years[rule] = years.get(rule, 0) + 1
    if years:
        lines.append("  years inferred: " + ", ".join(
            f"{n} from {rule.replace('_', ' ')}" for rule, n in sorted(years.items())))
    scope = m["scope"]
    where = ", ".join(scope["countries"]) or "none"
    facts = [f"report country: {where} (from {scope['country_source'] or 'nothing'})"]
    if scope.get("year"):
        facts.append(f"year {scope['year']}")
    if scope.get("published"):
        facts.append(f"published {scope['published']}")
    if scope.get("publisher"):
        facts.append(f"publisher {scope['publisher']}")
    lines.append("  " + "; ".join(facts))
    lines += [f"  warning: {w}" for w in m["warnings"]]
    return "\n".join(lines)


def _summary(results) -> Table:
    """One column per report and one row per count for a few reports; one row per report when
    there are many."""
    if len(results) > 4:
        return _summary_rows(results)
    table = Table(title="Extracted")
    table.add_column("")
    for r in results:
        table.add_column(r.slug, justify="right")
    rows = [("timeline entries", lambda m: m["counts"]["entries"]),
            ("records", lambda m: m["counts"]["records"])]
    rows += [(f"with {name}", lambda m, name=name: m["counts"]["with_field"][name])
             for name in results[0].manifest["counts"]["with_field"]]
    rows.append(("seconds", lambda m: f"{m['seconds']:.2f}"))
    for label, value in rows:
        table.add_row(label, *(str(value(r.manifest)) for r in results))
    return table


def _summary_rows(results) -> Table:
    table = Table(title="Extracted")
    for column in ("report", "entries", "records", "seconds"):
        table.add_column(column, justify="left" if column == "report" else "right")
    for r in results:
        m = r.manifest
        table.add_row(r.slug, str(m["counts"]["entries"]), str(m["counts"]["records"]),
                      f"{m['seconds']:.2f}")
    return table


def cmd_evaluate(args) -> int:
    import json

    from pipeline.scoring import evaluate_files, format_misses, format_scores

    if args.gold.is_dir():
        from pipeline.scorecard import format_scorecard, score_folders, write_json

        card = score_folders(args.gold, args.pred)
        if args.json:
            sys.stdout.write(write_json(card, args.misses) + "\n")
            return 0
        sys.stdout.write(format_scorecard(card) + "\n")
        if args.misses:
            sys.stdout.write(format_misses(card.total) + "\n")
        return 0
    report = evaluate_files(args.gold, args.pred, kind=args.kind)
    if args.json:
        out.print_json(json.dumps(report.as_dict(misses=args.misses)))
        return 0
    out.print(format_scores(report), markup=False)
    if args.misses:
        out.print(format_misses(report), markup=False)
    return 0


def cmd_agreement(args) -> int:
    from pipeline.scoring import agreement, format_misses, format_scores, read_gold

    if args.first.is_dir():
        # Folders: each file of SECOND against the same-named file of FIRST, both entry kinds,
        # entries paired by their text.
        from pipeline.scorecard import _add, _empty

        report = _empty()
        for path in sorted(args.second.glob("*.jsonl")):
            both = [read_gold(p, kind) for p in (args.first / path.name, path)
                    for kind in ("timeline", "narrative")]
            _add(report, agreement(both[0] + both[1], both[2] + both[3], by_text=True))
    else:
        report = agreement(read_gold(args.first), read_gold(args.second))
    header = f"entries labelled twice: {report.aligned} (single values: agreement; sets: F1)"
    out.print(format_scores(report, header, segmentation=False), markup=False)
    if args.misses:
        out.print(format_misses(report), markup=False)
    return 0


def cmd_diff(args) -> int:
    from pipeline.diff import diff_paths, format_diff, write_diff_html

    result = diff_paths(args.old, args.new, runs_dir=args.runs)
    if args.html:
        write_diff_html(result, args.html)
    if args.json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        out.print(format_diff(result), markup=False, soft_wrap=True)
    return 1 if result.has_changes else 0


def cmd_audit(args) -> int:
    from pipeline.audit import write_audit

    path = write_audit(args.records, args.out, old=args.old, raw=args.raw)
    out.print(f"wrote {path}", markup=False)
    return 0


def cmd_export(args) -> int:
    from pipeline.exports import export_file

    path = export_file(args.records, args.format, args.out, dedupe=args.dedupe)
    out.print(f"wrote {path}", markup=False)
    return 0


COMMANDS = {
    "extract": cmd_extract, "evaluate": cmd_evaluate, "agreement": cmd_agreement, "diff": cmd_diff,
    "audit": cmd_audit,
    "export": cmd_export,
}


if __name__ == "__main__":
    sys.exit(main())
