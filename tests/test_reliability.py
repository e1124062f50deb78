"""Nothing a report contains can stall, crash or corrupt a run: outputs, workers and limits.

- A report's outputs are published as one set (``pipeline.history``): a process killed at any
  rename, link or sync of a run leaves every path a user reads showing the whole previous set
  or the whole new one, and the next run removes what the kill left and succeeds.
- One extraction writes to an output folder at a time (its lock); the second fails "busy" with
  one line or waits, and no set is ever mixed.
- A worker killed as the out-of-memory killer does fails its report alone; a killed parent leaves
  no worker running, and none writes afterwards.
- The limits that gave internal errors (a 5,000-digit figure, a 250-character name, years 1 and
  9999, a ``runs`` link leading out of the folder, CRLF line ends, a report that never ends)
  give one line or a warning, and the other reports run.

Killed runs are forked from the test process, which has the pipeline loaded: a kill costs the
extraction of a three-line report, not seconds of loading spaCy. A forked child always leaves
through ``os._exit``, never back into pytest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

import pipeline.extract
from pipeline.cli import main
from pipeline.extract import extract_paths
from pipeline.history import check_run, current_run, hold_out, publish_run, save_run
from pipeline.layouts.detect import segment
from pipeline.readers import read_source
from pipeline.settings import Settings

from .conftest import ROOT

TITLE = "Mali: Extremism and Terrorism"
HEADING = "Major Extremist and Terrorist Incidents"
SUFFIXES = (".jsonl", ".csv", ".parquet", ".source.txt", ".manifest.json")


def entry(header: str, text: str) -> str:
    return f"- **{header}:** {text} Source: [Reuters](#)\n"


def write_report(folder: Path, name: str, *bullets: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(f"{TITLE}\n\n{HEADING}\n\n" + "".join(bullets), encoding="utf-8")
    return path


OLD = (entry("March 3, 2021", "Gunmen attack a camp in Gao."),)
NEW = (entry("March 4, 2021", "Gunmen kill nine soldiers in Kidal."), *OLD)


@dataclasses.dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@pytest.fixture
def cli(extractor, monkeypatch, capsys):
    """``python -m pipeline ...`` in-process with the session's pipeline (workers fork it)."""
    monkeypatch.setattr(pipeline.extract, "Extractor", lambda *args, **kwargs: extractor)
    monkeypatch.setattr(pipeline.extract, "shared_extractor", lambda: extractor)
    monkeypatch.delenv("COLUMNS", raising=False)

    def run(*args) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def snapshot(out: Path, slug: str) -> dict[str, bytes | None]:
    """What a reader of the paths users read sees: each output's bytes, None where it is absent."""
    seen = {}
    for suffix in SUFFIXES:
        try:
            seen[suffix] = (out / f"{slug}{suffix}").read_bytes()
        except FileNotFoundError:
            seen[suffix] = None
    return seen


def assert_whole_new(seen: dict[str, bytes | None], old_run: str | None) -> str:
    """``seen`` is one whole set of a run other than ``old_run``: every output present and its
    sha256 the manifest's. Returns that run's id."""
    assert all(data is not None for data in seen.values()), seen.keys()
    manifest = json.loads(seen[".manifest.json"])
    assert manifest["run_id"] != old_run
    for suffix, data in seen.items():
        if suffix != ".manifest.json":
            name = f"{manifest['report']}{suffix}"
            assert hashlib.sha256(data).hexdigest() == manifest["outputs"][name]["sha256"], name
    return manifest["run_id"]


def assert_clean(out: Path) -> None:
    """No temporary name and no run folder without its manifest anywhere under ``out``."""
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    for run in (out / "runs").iterdir():
        assert list(run.glob("*.manifest.json")), f"{run.name} has no manifest"


def forked(body) -> int:
    """Run ``body()`` (returning an exit code) in a forked child; return the child's exit code."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 70
        try:
            with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
                code = body()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


# --- the output set: run folder, manifest, links -----------------------------------------------


def test_a_run_writes_a_run_folder_and_links_to_it(cli, tmp_path):
    report = write_report(tmp_path, "mali", *NEW)
    out = tmp_path / "out"
    run = cli("extract", report, "--out", out)
    assert run.code == 0, run.err
    run_id = current_run(out, "mali")
    run_dir = out / "runs" / run_id
    assert sorted(p.name for p in run_dir.iterdir()) == sorted(f"mali{s}" for s in SUFFIXES)
    assert check_run(run_dir, "mali") == []
    for suffix in SUFFIXES:
        assert os.readlink(out / f"mali{suffix}") == f"current/mali/mali{suffix}"
    assert os.readlink(out / "current" / "mali") == f"../runs/{run_id}"
    manifest = json.loads((out / "mali.manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["outputs"]) == sorted(f"mali{s}" for s in SUFFIXES if s != ".manifest.json")
    assert manifest["format"] == "text"
    assert manifest["layouts"] == {"bold_date_bullets": 2}
    assert manifest["scope"] == {"countries": ["ML"], "country_source": "title", "year": None,
                                 "published": None, "publisher": None}
    # The source text is the decoded report: every evidence offset indexes it.
    assert (out / "mali.source.txt").read_text(encoding="utf-8") == read_source(report).text


def test_the_next_run_aligns_ids_and_the_tools_read_the_links(cli, tmp_path):
    report = write_report(tmp_path, "mali", *OLD)
    out = tmp_path / "out"
    assert cli("extract", report, "--out", out).code == 0
    first = json.loads((out / "mali.jsonl").read_text(encoding="utf-8").splitlines()[0])["id"]
    write_report(tmp_path, "mali", *NEW)
    assert cli("extract", report, "--out", out).code == 0
    ids = [json.loads(line)["id"] for line in (out / "mali.jsonl").read_text(encoding="utf-8").splitlines()]
    assert ids[1] == first and ids[0] != first
    old_run = sorted((out / "runs").iterdir())[0].name
    run = cli("diff", old_run, out / "mali.jsonl", "--runs", out / "runs")
    assert run.code == 1 and "1 added" in " ".join(run.out.split())
    # The audit page finds the text beside the records, without raw/mali.txt.
    report.unlink()
    run = cli("audit", out / "mali.jsonl", "--out", tmp_path / "audit.html")
    assert run.code == 0, run.err
    assert "Kidal" in (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert cli("export", out / "mali.jsonl", "--format", "acled").code == 0
    assert (out / "mali.acled.csv").is_file()
    import pipeline as api

    assert len(api.load(out / "mali.jsonl")) == 2


def test_plain_outputs_of_an_older_version_are_turned_into_links(cli, tmp_path):
    report = write_report(tmp_path, "mali", *OLD)
    out = tmp_path / "out"
    assert cli("extract", report, "--out", out).code == 0
    old = snapshot(out, "mali")
    _as_plain_files(out, "mali")
    write_report(tmp_path, "mali", *NEW)
    assert cli("extract", report, "--out", out).code == 0
    assert_whole_new(snapshot(out, "mali"), json.loads(old[".manifest.json"])["run_id"])
    assert all((out / f"mali{s}").is_symlink() for s in SUFFIXES)


def _as_plain_files(out: Path, slug: str) -> None:
    """The layout of the pipeline before run folders were published: plain files at the top."""
    for suffix in SUFFIXES:
        data = (out / f"{slug}{suffix}").read_bytes()
        (out / f"{slug}{suffix}").unlink()
        (out / f"{slug}{suffix}").write_bytes(data)
    shutil.rmtree(out / "current")


# --- crash consistency -----------------------------------------------------------------------


def _kill_at(k: int, args: list[str]):
    """A body for ``forked``: the extraction, killed (exit 137, no clean-up) at its k-th rename,
    link or sync, the steps between which a real kill leaves the folder in a new state."""

    def body() -> int:
        calls = [0]

        def deadly(real):
            def call(*a, **kw):
                calls[0] += 1
                if calls[0] == k:
                    os._exit(137)
                return real(*a, **kw)

            return call

        os.replace, os.symlink, os.fsync = deadly(os.replace), deadly(os.symlink), deadly(os.fsync)
        return main(args)

    return body


@pytest.mark.slow
@pytest.mark.parametrize("start", ["first run", "previous run", "plain files of an older version"])
def test_a_kill_at_any_step_of_publishing_leaves_a_whole_set(cli, tmp_path, start):
    report = write_report(tmp_path, "mali", *OLD)
    base = tmp_path / "base"
    if start != "first run":
        assert cli("extract", report, "--out", base).code == 0
        if start.startswith("plain"):
            _as_plain_files(base, "mali")
    else:
        base.mkdir()
    old = snapshot(base, "mali")
    old_run = json.loads(old[".manifest.json"])["run_id"] if old[".manifest.json"] else None
    write_report(tmp_path, "mali", *NEW)
    outcomes = []
    for k in range(1, 200):
        out = tmp_path / f"out{k}"
        shutil.copytree(base, out, symlinks=True)
        code = forked(_kill_at(k, ["extract", str(report), "--out", str(out)]))
        if code == 0:
            break  # k is past the last step: the run went through
        assert code == 137
        seen = snapshot(out, "mali")
        if seen == old:
            outcomes.append("old")
        else:
            assert_whole_new(seen, old_run)
            outcomes.append("new")
        # The next run removes what the kill left, and publishes a whole new set.
        run = cli("extract", report, "--out", out)
        assert run.code == 0, run.err
        assert all(line.startswith(("note: ", "warning: ")) for line in run.lines), run.err
        assert_clean(out)
        assert_whole_new(snapshot(out, "mali"), old_run)
        shutil.rmtree(out)
    else:
        pytest.fail("the run never finished")
    # Every step was tried: the kills before the switch show the old set, those after it the new.
    assert len(outcomes) >= 15
    assert outcomes == sorted(outcomes, key=["old", "new"].index)
    assert "old" in outcomes and "new" in outcomes


def test_stale_leftovers_are_removed_by_the_next_run_and_said(cli, tmp_path):
    report = write_report(tmp_path, "mali", *OLD)
    out = tmp_path / "out"
    assert cli("extract", report, "--out", out).code == 0
    complete = current_run(out, "mali")
    unpublished = save_run(out, "mali", {"mali.jsonl": b""}, {"report_sha256": "cd" * 32})
    (out / "runs" / "20250101T000000000000Z-abababab").mkdir()  # killed before its manifest
    (out / "runs" / "20250101T000000000000Z-abababab" / "mali.jsonl").write_bytes(b"half")
    (out / ".mali.csv.k2j4h5g6.tmp").write_bytes(b"half")
    (out / "current" / ".mali.0badf00d.tmp").symlink_to("../runs/x")
    run = cli("extract", report, "--out", out)
    assert run.code == 0, run.err
    assert [line for line in run.lines if line.startswith("note: ")] == [
        f"note: {out}: removed runs/20250101T000000000000Z-abababab (a run folder without its "
        "manifest), left by an interrupted run",
        f"note: {out}: removed .mali.csv.k2j4h5g6.tmp, left by an interrupted run",
        f"note: {out}: removed current/.mali.0badf00d.tmp, left by an interrupted run",
    ]
    assert_clean(out)
    # Complete runs are history, published or not.
    assert (out / "runs" / complete).is_dir() and (out / "runs" / unpublished).is_dir()


# --- one extraction per output folder ----------------------------------------------------------


def test_a_second_extraction_fails_busy_with_one_line_before_loading_anything(tmp_path):
    report = write_report(tmp_path, "mali", *OLD)
    out = tmp_path / "out"
    with hold_out(out):
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "extract", str(report), "--out", str(out)],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
        seconds = time.monotonic() - started
    assert done.returncode == 1
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        f"error: {out}: busy: another extraction (pid {os.getpid()}) is writing here; wait for it "
        "or use another --out"
    ]
    assert not (out / "mali.jsonl").exists()
    # It fails before loading spaCy and the model (seconds on their own): imports only.
    assert seconds < 6, seconds


def test_a_second_extraction_waits_for_the_first_when_told_to(cli, tmp_path):
    report = write_report(tmp_path, "mali", *OLD)
    out = tmp_path / "out"
    ready = tmp_path / "ready"

    def hold() -> int:
        with hold_out(out):
            ready.touch()
            time.sleep(1.5)
        return 0

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            hold()
        finally:
            os._exit(0)
    try:
        while not ready.exists():
            time.sleep(0.01)
        busy = cli("extract", report, "--out", out, "--lock-wait", "0.2")
        assert busy.code == 1
        assert busy.lines == [
            f"error: {out}: busy: another extraction (pid {pid}) is writing here; wait for it or "
            "use another --out"
        ]
        started = time.monotonic()
        waited = cli("extract", report, "--out", out, "--lock-wait", "30")
        assert waited.code == 0, waited.err
        assert time.monotonic() - started > 0.5
        assert_whole_new(snapshot(out, "mali"), None)
    finally:
        os.waitpid(pid, 0)


@pytest.mark.parametrize("wait", ["0", "30"])
def test_concurrent_extractions_never_mix_sets(cli, tmp_path, wait):
    out = tmp_path / "out"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    versions = [write_report(tmp_path / "a", "mali", *OLD), write_report(tmp_path / "b", "mali", *NEW)]

    def loop(report: Path):
        def body() -> int:
            codes = []
            for _ in range(4):
                err = io.StringIO()
                with redirect_stderr(err):
                    code = main(["extract", str(report), "--out", str(out), "--lock-wait", wait])
                busy = [line for line in err.getvalue().splitlines() if "busy: another extraction" in line]
                # Success, or exactly the busy line: nothing else can happen to a run that
                # shares its folder.
                codes.append(code == 0 or (code == 1 and len(busy) == 1))
            return 0 if all(codes) else 1

        return body

    children = []
    for report in versions:
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 70
            try:
                with redirect_stdout(io.StringIO()):
                    code = loop(report)()
            finally:
                os._exit(code)
        children.append(pid)
    codes: dict[int, int] = {}
    samples = 0
    while len(codes) < len(children):
        # A reader that resolves the current run once sees a whole run folder, every time.
        run_dir = os.path.realpath(out / "current" / "mali")
        if os.path.isdir(run_dir):
            assert check_run(Path(run_dir), "mali") == []
            samples += 1
        for pid in children:
            if pid not in codes and (status := os.waitpid(pid, os.WNOHANG))[0] == pid:
                codes[pid] = os.waitstatus_to_exitcode(status[1])
        time.sleep(0.002)
    assert list(codes.values()) == [0, 0]
    assert samples > 0
    assert_whole_new(snapshot(out, "mali"), None)
    assert_clean(out)


# --- workers ---------------------------------------------------------------------------------


def _reports(folder: Path, names: list[str]) -> list[Path]:
    return [write_report(folder, name, entry("March 3, 2021", f"Gunmen attack {name} in Gao."))
            for name in names]


def test_a_worker_killed_as_by_the_oom_killer_fails_only_its_report(cli, monkeypatch, tmp_path):
    real = pipeline.extract.build_outputs

    def build(extractor, report, out_dir):
        if report.slug == "doomed":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(extractor, report, out_dir)

    monkeypatch.setattr(pipeline.extract, "build_outputs", build)
    # The doomed report first: a new worker must take up the reports after it.
    paths = _reports(tmp_path, ["doomed", "first", "second", "third"])
    run = cli("extract", *paths, "--out", tmp_path / "out", "--workers", "2")
    assert run.code == 1
    (line,) = run.lines
    assert line.startswith(f"error: {paths[0]}: its worker process (pid ")
    assert line.endswith("died while extracting it (killed by SIGKILL, as the out-of-memory killer "
                         "does); nothing of it was published, the other reports went on")
    for name in ("first", "second", "third"):
        assert_whole_new(snapshot(tmp_path / "out", name), None)
    assert not (tmp_path / "out" / "doomed.jsonl").exists()
    assert "failed: 1 of 4 report(s)" in run.out
    assert f"  {line.removeprefix('error: ')}" in run.out.splitlines()
    assert_clean(tmp_path / "out")


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state in ("Z", "X")  # a zombie runs no code: it waits for init to reap it


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_parent_leaves_no_worker_and_nothing_written_after(extractor, monkeypatch, tmp_path):
    real = pipeline.extract.build_outputs

    def slow(extractor, report, out_dir):
        time.sleep(3)  # a worker that outlived its parent would write after this
        return real(extractor, report, out_dir)

    monkeypatch.setattr(pipeline.extract, "build_outputs", slow)
    monkeypatch.setattr(pipeline.extract, "shared_extractor", lambda: extractor)
    paths = _reports(tmp_path, ["first", "second"])
    out = tmp_path / "out"
    parent = os.fork()
    if parent == 0:  # pragma: no cover - the child
        try:
            with redirect_stderr(io.StringIO()):
                extract_paths(paths, out, workers=2)
        finally:
            os._exit(0)
    deadline = time.monotonic() + 20
    while len(workers := _children(parent)) < 2:
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.01)
    os.kill(parent, signal.SIGKILL)
    killed = time.monotonic()
    os.waitpid(parent, 0)
    # Gone at once, long before their 3 s of work would end (and their writing begin).
    while not all(_gone(pid) for pid in workers):
        assert time.monotonic() < killed + 1, f"workers still running: {workers}"
        time.sleep(0.01)
    time.sleep(max(0.0, killed + 3.5 - time.monotonic()))
    for folder in ("runs", "current"):
        assert not (out / folder).exists() or not list((out / folder).iterdir())


# --- limits ----------------------------------------------------------------------------------


def test_a_figure_of_5000_digits_is_a_warning_not_an_internal_error(cli, tmp_path):
    huge = "9" * 5000
    path = write_report(
        tmp_path, "huge",
        entry("March 3, 2021", f"Gunmen kill {huge} civilians in Gao; {huge} fled."),
        entry("March 2, 2021", f"Gunmen kill nine soldiers in Gao, case {'1' * 4301}."),
    )
    run = cli("extract", path, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    records = [json.loads(line) for line in (tmp_path / "out" / "huge.jsonl").read_text().splitlines()]
    assert records[0]["killed"] is None and records[1]["killed"] == 9
    warnings = json.loads((tmp_path / "out" / "huge.manifest.json").read_text())["warnings"]
    assert f"{records[0]['id']}: the figure 999999999999...9999 (5,000 digits) is larger than any " \
           "count (10,000,000): not read as one" in warnings
    # One line each on the terminal, not 5,000 digits.
    assert max(len(line) for line in run.lines) < 300


def test_a_250_character_report_name_fails_alone_with_one_line(cli, tmp_path):
    long = write_report(tmp_path, "a" * 250, *OLD)
    good = write_report(tmp_path, "good", *OLD)
    run = cli("extract", long, good, "--out", tmp_path / "out")
    assert run.code == 1
    assert run.lines == [
        f"error: {long}: the report's name is 250 bytes long: the outputs named after it would pass "
        "the 255-byte limit of a file name; rename it to at most 200 bytes"
    ]
    assert_whole_new(snapshot(tmp_path / "out", "good"), None)


def test_a_report_named_like_a_hidden_file_fails_alone(cli, tmp_path):
    # Its outputs would start with "." as temporary names do: a clean-up could take them for one.
    hidden = write_report(tmp_path, ".mali.0badf00d", *OLD)
    run = cli("extract", hidden, "--out", tmp_path / "out")
    assert run.code == 1
    assert run.lines == [f"error: {hidden}: the report's name starts with '.': its outputs would be "
                         "hidden files, taken for temporary ones; rename it"]


@pytest.mark.parametrize("header, year", [("March 3, 0001", 1), ("March 3, 1", 1), ("December 31, 9999", 9999)])
def test_a_year_outside_the_years_read_is_a_warning(cli, tmp_path, header, year):
    path = write_report(tmp_path, "years", entry(header, "Gunmen attack a camp in Gao."))
    run = cli("extract", path, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    (record,) = [json.loads(line) for line in (tmp_path / "out" / "years.jsonl").read_text().splitlines()]
    assert record["date"]["start"] is None
    warning = (f"{record['id']}: header date {header!r} was not read as a date (the year {year} is "
               "outside the years read as dates): no date kept")
    assert warning in json.loads((tmp_path / "out" / "years.manifest.json").read_text())["warnings"]
    assert f"warning: {path}: {warning}" in run.lines


@pytest.mark.parametrize("name", ["runs", "current", ".lock"])
def test_a_link_leading_out_of_the_output_folder_is_refused(cli, tmp_path, name):
    report = write_report(tmp_path, "mali", *OLD)
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / name).symlink_to(elsewhere if name != ".lock" else elsewhere / "lock")
    run = cli("extract", report, "--out", out)
    assert run.code == 1
    (line,) = run.lines
    assert line.startswith(f"error: {out / name}: is a symbolic link")
    assert list(elsewhere.iterdir()) == []
    assert not (out / "mali.jsonl").exists()


def test_a_runs_link_inside_the_output_folder_is_followed(cli, tmp_path):
    report = write_report(tmp_path, "mali", *OLD)
    out = tmp_path / "out"
    (out / "archive").mkdir(parents=True)
    (out / "runs").symlink_to("archive")
    assert cli("extract", report, "--out", out).code == 0
    assert len(list((out / "archive").iterdir())) == 1
    assert_whole_new(snapshot(out, "mali"), None)


def test_windows_line_ends_drop_the_page_break_dashes_too(mali_raw, tmp_path):
    # Five Mali entries hold a page break's stray "-" line; with CRLF the line is "-\r".
    crlf = tmp_path / "mali.txt"
    crlf.write_bytes(mali_raw.replace("\n", "\r\n").encode("utf-8"))
    lf = [e.text for e in segment(read_source(ROOT / "raw" / "mali.txt")).entries]
    got = [e.text for e in segment(read_source(crlf)).entries]
    assert len(got) == 193 and got == lf


@pytest.mark.slow
def test_the_mali_report_with_windows_line_ends_gives_the_same_records(
    extractor, mali_raw, mali_records, tmp_path
):
    crlf = tmp_path / "mali.txt"
    crlf.write_bytes(mali_raw.replace("\n", "\r\n").encode("utf-8"))
    records, _, _ = extractor.extract_source(read_source(crlf))
    timeline = [r.text for r in records if r.kind == "timeline"]
    assert len(timeline) == 193
    assert timeline == [r.text for r in mali_records if r.kind == "timeline"]


# --- the time limit ---------------------------------------------------------------------------


def _stall(monkeypatch, block_alarm: bool = False) -> None:
    """Make the report named "stalled" never end (a sleep); with ``block_alarm``, as C code that
    never returns to Python, which SIGALRM cannot stop."""
    real = pipeline.extract.build_outputs

    def build(extractor, report, out_dir):
        if report.slug == "stalled":
            if block_alarm:
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return real(extractor, report, out_dir)

    monkeypatch.setattr(pipeline.extract, "build_outputs", build)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_report_over_the_time_limit_fails_alone(cli, monkeypatch, tmp_path, workers):
    _stall(monkeypatch)
    paths = _reports(tmp_path, ["stalled", "first", "second"])
    started = time.monotonic()
    run = cli("extract", *paths, "--out", tmp_path / "out", "--time-limit", "0.5", "--workers", workers)
    assert time.monotonic() - started < 20
    assert run.code == 1
    (line,) = run.lines
    assert line.startswith(f"error: {paths[0]}: stopped after 0.5 s (the time limit): nothing of it "
                           "was written (it was in ")
    assert line.endswith("); raise the limit with --time-limit")
    for name in ("first", "second"):
        assert_whole_new(snapshot(tmp_path / "out", name), None)
    assert_clean(tmp_path / "out")


def test_a_worker_that_ignores_the_alarm_is_killed_after_a_grace(cli, monkeypatch, tmp_path):
    _stall(monkeypatch, block_alarm=True)
    paths = _reports(tmp_path, ["stalled", "first"])
    started = time.monotonic()
    run = cli("extract", *paths, "--out", tmp_path / "out", "--time-limit", "0.5", "--workers", "2")
    # 0.5 s, then the grace of at least a second.
    assert 1.4 < time.monotonic() - started < 20
    assert run.code == 1
    (line,) = run.lines
    assert line.startswith(f"error: {paths[0]}: stopped after 0.5 s (the time limit): its worker (pid ")
    assert line.endswith("did not stop by itself and was killed; nothing of it was published")
    assert_whole_new(snapshot(tmp_path / "out", "first"), None)


def test_the_time_limit_comes_from_the_settings(extractor, monkeypatch, tmp_path):
    assert Settings().report_time_limit_seconds == 1800 and Settings().lock_wait_seconds == 0
    _stall(monkeypatch)
    strict = dataclasses.replace(extractor, settings=Settings(report_time_limit_seconds=0.3))
    results, errors = extract_paths(_reports(tmp_path, ["stalled"]), tmp_path / "out", strict)
    assert results == [] and "stopped after 0.3 s (the time limit)" in errors[0]


# --- Ctrl-C ----------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_says_which_reports_were_published(cli, monkeypatch, tmp_path, workers):
    paths = _reports(tmp_path, ["first", "second", "third"])
    out = tmp_path / "out"
    assert cli("extract", paths[1], "--out", out).code == 0
    before = snapshot(out, "second")
    real = pipeline.extract.publish_run

    def publish(out_dir, slug, run_id):
        if slug == "second":
            raise KeyboardInterrupt
        return real(out_dir, slug, run_id)

    # The parent publishes, with workers or without: the interrupt comes where a user's would.
    monkeypatch.setattr(pipeline.extract, "publish_run", publish)
    if workers == "2":
        monkeypatch.setattr(pipeline.extract, "_run_workers", _in_order(pipeline.extract._run_workers))
    # Other tests' helpers may live on (multiprocessing's resource tracker): only new ones count.
    children = _children(os.getpid())
    run = cli("extract", *paths, "--out", out, "--workers", workers)
    assert run.code == 130
    assert run.lines[-1] == (
        "interrupted: 1 of 3 report(s) published (first); not published, their previous outputs "
        "unchanged: second, third; anything half-written is removed by the next run"
    )
    assert snapshot(out, "second") == before and not (out / "third.jsonl").exists()
    assert_whole_new(snapshot(out, "first"), None)
    assert _children(os.getpid()) <= children, "a worker outlived the interrupt"


def _in_order(run_workers):
    """One worker at a time, so that "first" is published before "second" is interrupted."""

    def run(todo, out_dir, count, debug, limit, report):
        return run_workers(todo, out_dir, 1, debug, limit, report)

    return run
