"""What every stage of an extraction costs, against the bare spaCy pipeline it is built on.

    .venv/bin/python benchmarks/bench.py                  # the Mali report, sizes 1, 10 and 50
    .venv/bin/python benchmarks/bench.py --sizes 1,5      # a quicker growth check

One run prints: the whole extraction against ``nlp.pipe`` over the same entry texts (and their
ratio), words per second, the time of each stage measured by calling its function directly, the
peak memory, the cold command-line time, and how time and memory grow when the report's timeline
is repeated 1, 10 and 50 times in one report (each size in its own child process, so that its
peak RSS is its own). Targets are printed with PASS or MISS. Times are the best of ``--repeat``
runs after one warm-up run, so that they measure the code and not the disk cache. Each time is
given as wall seconds and as CPU seconds: on a shared machine the wall time grows with the other
processes' load (printed at the start and the end) while the CPU time stays close to what the code
costs. The targets are judged on wall time, which is what a user waits for.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The package is run from a checkout, not installed: make it importable from here, and in the
# child processes, which start in ROOT.
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from pipeline.exports import to_csv_bytes, to_parquet_bytes  # noqa: E402
from pipeline.extract import Extractor, extract_report  # noqa: E402
from pipeline.fields import actors as actor_field  # noqa: E402
from pipeline.fields import casualties as casualty_field  # noqa: E402
from pipeline.fields import dates as date_field  # noqa: E402
from pipeline.fields import event_type as event_field  # noqa: E402
from pipeline.fields import places as place_field  # noqa: E402
from pipeline.fields.sources import find_sources, source_name  # noqa: E402
from pipeline.ids import assign_ids  # noqa: E402
from pipeline.io import atomic_write_files, json_bytes, records_jsonl  # noqa: E402
from pipeline.layouts.detect import segment, segment_text  # noqa: E402
from pipeline.links import link_records  # noqa: E402
from pipeline.readers import read_source  # noqa: E402
from pipeline.records import extract_entries  # noqa: E402
from pipeline.scope import report_scope  # noqa: E402

# Targets of issue 8.
TARGET_RATIO = 1.5  # whole extraction / bare spaCy
TARGET_COLD_SECONDS = 5.0  # `python -m pipeline extract raw/mali.txt`, model load included
# Growth is linear when the time per entry at the largest size is at most this multiple of the
# time per entry at the next size down (the smallest size pays warm-up costs, so it is not used).
TARGET_GROWTH = 1.25
TARGET_PEAK_MB = 700.0  # peak RSS of the largest size
# A re-run aligns every record to the previous run's (pipeline.ids.match_records); it is timed
# up to this size by default, as it grows faster than the first run.
RERUN_MAX = 10

# Wide enough for the tables when the output goes to a file or a pipe (rich assumes 80 columns).
console = Console(highlight=False, width=120)


@dataclass(frozen=True)
class Timing:
    """Wall and CPU seconds of one measure."""

    wall: float
    cpu: float


def best_of(repeat: int, run: Callable[[], object]) -> Timing:
    """The fastest wall time and the fastest CPU time of ``repeat`` calls, after a warm-up call.

    >>> timing = best_of(3, lambda: sorted(range(1000)))
    >>> timing.cpu >= 0 and timing.wall >= 0
    True
    """
    run()
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing(min(walls), min(cpus))


def load_average() -> str:
    """The 1-minute load average against the number of CPUs, e.g. '0.42 on 2 CPUs'."""
    return f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"


def scaled_report(raw: str, times: int) -> str:
    """The report with its timeline (first bullet to last) repeated ``times`` times.

    >>> raw = open(ROOT / "raw" / "mali.txt", encoding="utf-8").read()
    >>> len(segment_text(scaled_report(raw, 2)).entries)
    386
    """
    entries = segment_text(raw).entries
    start, end = entries[0].start, entries[-1].end
    timeline = raw[start:end].rstrip("\n") + "\n"
    return raw[:start] + timeline * times + raw[end:].lstrip("\n")


def run_child(args: list[str]) -> tuple[Timing, float, str]:
    """Run a child process; return its wall and CPU seconds, its own peak RSS in MB, its stdout.

    ``os.wait4`` gives the rusage of that child alone, where RUSAGE_CHILDREN would give the
    largest of every child waited for so far.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise SystemExit(f"child failed ({process.returncode}): {' '.join(args)}\n" + "\n".join(tail))
        # ru_maxrss is in kilobytes on Linux.
        timing = Timing(seconds, usage.ru_utime + usage.ru_stime)
        return timing, usage.ru_maxrss / 1024, out.read().decode("utf-8")


def child(path: Path, out_dir: Path, rerun: bool) -> None:
    """In a child process: load the pipeline, then read, extract and write one report; with
    ``rerun``, once more into the same folder, where the ids are aligned to the first run's."""
    started = time.perf_counter()
    extractor = Extractor()
    figures = {"load": time.perf_counter() - started}
    for run in ("job", "rerun") if rerun else ("job",):
        wall, cpu = time.perf_counter(), time.process_time()
        result = extract_report(extractor, read_source(path), out_dir)
        figures[run] = time.perf_counter() - wall
        figures[f"{run}_cpu"] = time.process_time() - cpu
    figures["records"] = len(result.records)
    print(json.dumps(figures))


def stage_times(extractor: Extractor, path: Path, repeat: int) -> tuple[list[tuple[str, Timing]], dict]:
    """Timings of each stage over the whole report, each stage's function called directly.

    The stages are those ``Extractor.extract_source`` runs, in its order; the facts returned hold
    the texts spaCy reads in a whole extraction (timeline entries and narrative sentences), for
    the bare spaCy comparison.
    """
    settings, tables, nlp = extractor.settings, extractor.tables, extractor.nlp
    report = read_source(path, settings)
    raw, slug = report.text, report.slug
    document = segment(report, settings)
    scope = report_scope(document, slug, tables, settings)
    blocks = document.entries
    texts = [b.text for b in blocks]
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    country = scope.country
    timeline = extract_entries(blocks, raw, slug, nlp, tables, scope, settings)
    narrative = extract_entries(document.events, raw, slug, nlp, tables, scope, settings)

    def dates():
        values = [
            date_field.entry_date(b.header.text if b.header else None, b.text, settings) for b in blocks
        ]
        date_field.infer_bounds(values)

    def casualties():
        for b in blocks:
            casualty_field.total_counts(casualty_field.find_casualties(b.text, b.body))

    def places():
        for doc, b in zip(docs, blocks):
            locations, mentioned = place_field.find_places(
                doc, tables, settings, country_hint=country, body=b.body
            )
            place_field.event_country(locations, mentioned, b.text, country)

    def actors():
        for doc, b in zip(docs, blocks):
            actor_field.find_actors(
                doc, tables, settings,
                home_force=tables.force_of(country, "state force"),
                un_mission=tables.force_of(country, "international force"), body=b.body,
            )

    def event_types():
        for b in blocks:
            event_field.classify_event(b.text, b.body)

    def sources():
        for b in blocks:
            [source_name(ev) for ev in find_sources(raw[b.start : b.end])]

    records, _ = extractor.extract_text(raw, slug)
    files = {
        "jsonl": lambda: records_jsonl(records),
        "csv": lambda: to_csv_bytes(records),
        "parquet": lambda: to_parquet_bytes(records),
        "manifest": lambda: json_bytes({"report": slug, "counts": len(records)}),
    }
    out_dir = Path(tempfile.mkdtemp(prefix="bench-"))
    outputs = {out_dir / f"{slug}.{name}": make() for name, make in files.items()}

    stages = [
        ("reading (read_source)", best_of(repeat, lambda: read_source(path, settings))),
        ("segmentation (segment)", best_of(repeat, lambda: segment(report, settings))),
        ("scope (report_scope)", best_of(repeat, lambda: report_scope(document, slug, tables, settings))),
        ("spaCy over the entries (nlp.pipe)",
         best_of(repeat, lambda: list(nlp.pipe(texts, batch_size=settings.batch_size)))),
        ("dates", best_of(repeat, dates)),
        ("casualties", best_of(repeat, casualties)),
        ("places", best_of(repeat, places)),
        ("actors", best_of(repeat, actors)),
        ("event type", best_of(repeat, event_types)),
        ("sources", best_of(repeat, sources)),
        ("narrative records (spaCy and fields)",
         best_of(repeat, lambda: extract_entries(document.events, raw, slug, nlp, tables, scope, settings))),
        ("ids (assign_ids, no previous run)",
         best_of(repeat, lambda: assign_ids(timeline + narrative, slug, None))),
        ("same-event links (link_records)", best_of(repeat, lambda: link_records(narrative, timeline))),
    ]
    writing = [(f"serialise {name}", best_of(repeat, make)) for name, make in files.items()]
    writing.append(("write the four files (atomic)", best_of(repeat, lambda: atomic_write_files(outputs))))
    facts = {
        "entries": len(blocks),
        "records": len(records),
        "words": sum(len(t.split()) for t in texts) + sum(len(r.text.split()) for r in narrative),
        "spacy_texts": texts + [r.text for r in narrative],
        "raw": raw,
        "slug": slug,
    }
    return stages + writing, facts


def verdict(ok: bool) -> str:
    return "[green]PASS[/green]" if ok else "[red]MISS[/red]"


def _row(table: Table, name: str, timing: Timing, records: int, whole: Timing | None) -> None:
    share = f"{100 * timing.cpu / whole.cpu:.0f}%" if whole else ""
    per_record = f"{1000 * timing.cpu / records:.2f}"
    table.add_row(name, f"{timing.wall:.3f}", f"{timing.cpu:.3f}", per_record, share)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=ROOT / "raw" / "mali.txt")
    parser.add_argument("--sizes", default="1,10,50", help="timeline repetitions for the growth table")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per measure (best kept)")
    parser.add_argument("--rerun-max", type=int, default=RERUN_MAX,
                        help="largest size whose re-run (ids aligned to the previous run) is timed")
    parser.add_argument("--child", nargs=2, type=Path, metavar=("REPORT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--child-rerun", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child, rerun=args.child_rerun)
        return 0

    path = args.report.resolve()
    sizes = [int(s) for s in args.sizes.split(",")]
    console.print(
        f"benchmark of {path.name} ({path.stat().st_size / 1024:.0f} KB), best of {args.repeat}; "
        f"load average {load_average()}"
    )

    started = time.perf_counter()
    extractor = Extractor()
    load_seconds = time.perf_counter() - started
    stages, facts = stage_times(extractor, path, args.repeat)
    raw, slug, records, words = facts["raw"], facts["slug"], facts["records"], facts["words"]
    nlp, batch = extractor.nlp, extractor.settings.batch_size

    whole = best_of(args.repeat, lambda: extractor.extract_text(raw, slug))
    # The same pipeline (pipeline.nlp.build_nlp, as loaded by Extractor) over the same texts a
    # whole extraction gives it: the timeline entries and the narrative event sentences.
    bare = best_of(args.repeat, lambda: list(nlp.pipe(facts["spacy_texts"], batch_size=batch)))
    tracemalloc.start()
    extractor.extract_text(raw, slug)
    traced_peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    tracemalloc.stop()

    # --- stages -----------------------------------------------------------------------------
    table = Table(
        title=f"Stages over {facts['entries']} timeline entries and {records - facts['entries']} "
        f"narrative records ({words:,} words), each stage's function called directly"
    )
    for column in ("stage", "wall s", "CPU s", "CPU ms / record", "% of whole extraction (CPU)"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    names = [name for name, _ in stages]
    extraction_stages = stages[1 : names.index("same-event links (link_records)") + 1]
    for name, timing in stages:
        _row(table, name, timing, records, whole if (name, timing) in extraction_stages else None)
    glue = Timing(
        whole.wall - sum(t.wall for _, t in extraction_stages),
        whole.cpu - sum(t.cpu for _, t in extraction_stages),
    )
    # The glue (evidence offsets, Record validation) is what the stage functions do not cover;
    # when it comes out negative, the stages varied between runs by more than the glue costs.
    _row(table, "records glue (whole - the stages it runs)", glue, records, whole)
    _row(table, "whole extraction (Extractor.extract_text)", whole, records, whole)
    _row(table, "bare spaCy over the same texts (nlp.pipe)", bare, records, whole)
    table.add_row("loading the pipeline (Extractor())", f"{load_seconds:.3f}", "", "", "")
    console.print(table)

    # --- cold command line --------------------------------------------------------------------
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as out:
        cold, cold_rss, _ = run_child([sys.executable, "-m", "pipeline", "extract", str(path), "--out", out])

    # --- growth -------------------------------------------------------------------------------
    growth = Table(title="Growth: the timeline repeated in one report, each size in its own child process")
    for column in ("times", "MB", "records", "load s", "job wall s", "job CPU s", "CPU ms / record",
                   "re-run CPU s", "re-run CPU ms / record", "peak RSS MB"):
        growth.add_column(column, justify="right")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
        for times in sizes:
            folder = Path(tmp) / f"x{times}"
            folder.mkdir()
            report = folder / path.name
            report.write_text(scaled_report(raw, times), encoding="utf-8")
            command = [sys.executable, str(Path(__file__).resolve()), "--child", str(report),
                       str(folder / "out")]
            if times <= args.rerun_max:
                command.append("--child-rerun")
            _, rss, out = run_child(command)
            figures = json.loads(out.strip().splitlines()[-1])
            n = figures["records"]
            rerun = figures.get("rerun_cpu")
            rows.append((times, figures["job_cpu"] / n, rss, rerun / n if rerun is not None else None))
            growth.add_row(
                str(times), f"{report.stat().st_size / (1024 * 1024):.1f}", str(n),
                f"{figures['load']:.2f}", f"{figures['job']:.2f}", f"{figures['job_cpu']:.2f}",
                f"{1000 * figures['job_cpu'] / n:.2f}",
                f"{rerun:.2f}" if rerun is not None else "not run",
                f"{1000 * rerun / n:.2f}" if rerun is not None else "",
                f"{rss:.0f}",
            )
    console.print(
        "job: read_source + extract_report (extraction and the four files, the run's copy under "
        "runs/ included), model load apart; re-run: the same again into the same folder, ids "
        "aligned to the first run"
    )
    console.print(growth)

    # --- summary ------------------------------------------------------------------------------
    ratio = whole.wall / bare.wall
    summary = Table(title=f"Targets (load average at the end: {load_average()})")
    for column in ("measure", "value", "target", ""):
        summary.add_column(column, justify="left" if column == "measure" else "right")
    summary.add_row(
        "whole extraction / bare spaCy (wall)", f"{whole.wall:.2f} s / {bare.wall:.2f} s = {ratio:.2f}x",
        f"<= {TARGET_RATIO}x", verdict(ratio <= TARGET_RATIO),
    )
    summary.add_row(
        "whole extraction / bare spaCy (CPU)",
        f"{whole.cpu:.2f} s / {bare.cpu:.2f} s = {whole.cpu / bare.cpu:.2f}x", "", "",
    )
    summary.add_row("words per second, whole extraction (wall)", f"{words / whole.wall:,.0f}", "", "")
    summary.add_row("words per second, bare spaCy (wall)", f"{words / bare.wall:,.0f}", "", "")
    summary.add_row(
        "cold `python -m pipeline extract` (wall; CPU)", f"{cold.wall:.2f} s; {cold.cpu:.2f} s",
        f"< {TARGET_COLD_SECONDS} s", verdict(cold.wall < TARGET_COLD_SECONDS),
    )
    summary.add_row("peak RSS of that command", f"{cold_rss:.0f} MB", "", "")
    summary.add_row("peak Python heap of one extraction (tracemalloc)", f"{traced_peak:.0f} MB", "", "")
    if len(rows) >= 2:
        # The smallest size pays warm-up costs: compare the largest with the next size down.
        pivot, last = rows[-2], rows[-1]
        growth_ratio = last[1] / pivot[1]
        summary.add_row(
            f"CPU per record, x{last[0]} / x{pivot[0]}", f"{growth_ratio:.2f}",
            f"<= {TARGET_GROWTH} (linear)", verdict(growth_ratio <= TARGET_GROWTH),
        )
        summary.add_row(
            f"peak RSS at x{last[0]}", f"{last[2]:.0f} MB", f"< {TARGET_PEAK_MB:.0f} MB",
            verdict(last[2] < TARGET_PEAK_MB),
        )
        reruns = [row for row in rows if row[3] is not None]
        if len(reruns) >= 2:
            rerun_ratio = reruns[-1][3] / reruns[0][3]
            summary.add_row(
                f"re-run CPU per record, x{reruns[-1][0]} / x{reruns[0][0]}", f"{rerun_ratio:.2f}",
                f"<= {TARGET_GROWTH} (linear)", verdict(rerun_ratio <= TARGET_GROWTH),
            )
    console.print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
