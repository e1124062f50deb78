"""Bad input never loses data nor crashes: each case is run through the command line, as a user would.

A bad report either succeeds with its warnings in the manifest and on the terminal, or fails alone
with one line on stderr naming the file and the problem (exit 1, the other reports still written).
A usage error exits 2. Outputs are written atomically: a failed run leaves the previous outputs
byte for byte as they were and no temporary file.

The command runs in-process through ``pipeline.cli.main`` with the session's one loaded pipeline;
a single test starts the real ``python -m pipeline`` to check what a user sees from a shell.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import io
import json
import os
import random
import subprocess
import sys
import tracemalloc
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import pipeline.extract
import pipeline.io
from pipeline.cli import main
from pipeline.exports import to_csv_bytes, to_parquet_bytes
from pipeline.io import (
    ReportError,
    atomic_write_bytes,
    atomic_write_files,
    records_jsonl,
)
from pipeline.readers import read_source as read_report
from pipeline.layouts.detect import segment_text as segment
import pipeline.readers.decode

from .conftest import ROOT

TITLE = "Mali: Extremism and Terrorism"
HEADING = "Major Extremist and Terrorist Incidents"
OUTPUTS = (".jsonl", ".csv", ".parquet", ".source.txt", ".manifest.json")
# Typographic characters of the Mali report that Latin-1 cannot encode, and their plain forms.
PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def flat_err(self) -> str:
        """stderr with white space folded, so that no check depends on where a console breaks lines."""
        return " ".join(self.err.split())


@pytest.fixture
def cli(extractor, monkeypatch, capsys):
    """Run ``python -m pipeline ...`` in-process, with the session's loaded pipeline."""
    monkeypatch.setattr(pipeline.extract, "Extractor", lambda *args, **kwargs: extractor)

    def run(*args) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="module")
def sample(mali_raw) -> str:
    """Timeline entries 3 to 5 of the Mali report (5 has a "’") under its title and incident heading."""
    entries = segment(mali_raw).entries
    body = mali_raw[entries[2].start : entries[4].end]
    return f"{TITLE}\n\n{HEADING}\n\n{body}\n"


@pytest.fixture(scope="module")
def sample_jsonl(extractor, sample) -> bytes:
    """The records of the sample extracted in-process, as the JSONL bytes a run writes."""
    return records_jsonl(extractor.extract_text(sample, "r")[0])


@pytest.fixture(scope="module")
def case(extractor, sample, tmp_path_factory):
    """One command-line run per case, shared by the tests that look at different sides of it
    (what the records say, what the warnings say): ``case(name) -> (report, out folder, Run)``."""
    texts = {
        "cut": sample[: sample.index("property damage to the village pharmacy")],
        "feb30": report_of(entry("February 30, 2024", "Gunmen attack a camp in Gao.")),
        "twice": report_of(*[entry("March 3, 2021", "Gunmen attack a camp in Gao.")] * 2),
    }
    done: dict[str, tuple[Path, Path, Run]] = {}

    def run(name: str) -> tuple[Path, Path, Run]:
        if name not in done:
            folder = tmp_path_factory.mktemp(name)
            path = folder / f"{name}.txt"
            path.write_text(texts[name], encoding="utf-8")
            out, err = io.StringIO(), io.StringIO()
            # The module-scoped run cannot use capsys; the consoles write to sys.stdout and
            # sys.stderr as they are when they print, so redirecting those captures them.
            with pytest.MonkeyPatch.context() as patch, redirect_stdout(out), redirect_stderr(err):
                patch.setattr(pipeline.extract, "Extractor", lambda *args, **kwargs: extractor)
                code = main(["extract", str(path), "--out", str(folder / "out")])
            done[name] = (path, folder / "out", Run(code, out.getvalue(), err.getvalue()))
        return done[name]

    return run


def entry(header: str, text: str) -> str:
    return f"- **{header}:** {text} Source: [Reuters](#)\n"


def report_of(*bullets: str) -> str:
    return f"{TITLE}\n\n{HEADING}\n\n" + "".join(bullets)


def outputs(folder: Path, slug: str) -> dict[str, bytes]:
    return {s: (folder / f"{slug}{s}").read_bytes() for s in OUTPUTS if (folder / f"{slug}{s}").exists()}


def manifest(folder: Path, slug: str) -> dict:
    return json.loads((folder / f"{slug}.manifest.json").read_text(encoding="utf-8"))


def records(folder: Path, slug: str) -> list[dict]:
    lines = (folder / f"{slug}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def assert_failed_alone(run: Run, path: Path, *phrases: str) -> None:
    assert run.code == 1, run.err
    assert f"error: {path}: " in run.flat_err
    for phrase in phrases:
        assert phrase in run.flat_err
    assert "Traceback" not in run.err


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    """One real ``python -m pipeline`` run over bad reports, started but not waited for.

    Only bad reports: every case runs in-process too, and a good report would add nothing but the
    cost of extracting it. The process loads spaCy whatever it is given, which takes seconds.
    """
    folder = tmp_path_factory.mktemp("shell")
    bad = {"empty": folder / "empty.txt", "pdf": folder / "scan.txt", "missing": folder / "missing.txt"}
    bad["empty"].write_bytes(b"")
    bad["pdf"].write_bytes(b"%PDF-1.4\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", *map(str, bad.values()), "--out", str(folder / "out")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    yield folder, bad, process
    if process.poll() is None:
        process.kill()
        process.communicate()


@pytest.fixture(scope="module", autouse=True)
def _shell_first(shell):
    """Start the real process before the first test, so that its seconds of loading overlap the
    in-process cases instead of adding to them; ``test_the_command_line_a_user_runs`` waits for it."""


# --- reports refused with one line ------------------------------------------------------------

_NOISE = random.Random(8)
NO_NUL_NOISE = bytes(_NOISE.randrange(1, 256) for _ in range(4000))

REFUSED = [
    ("empty", b"", "the file is empty"),
    ("white space only", b"  \n\t\n\r\n   \n", "holds only white space"),
    ("binary with NUL bytes", bytes(range(256)) * 8, "holds binary data"),
    ("binary without NUL bytes", NO_NUL_NOISE, "holds binary data"),
    ("broken PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
     "is not a PDF that can be read"),
    ("docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "is a zip container"),
    ("truncated UTF-16", codecs.BOM_UTF16_LE + "- Gunmen".encode("utf-16-le")[:-1], "not valid UTF-16"),
]


@pytest.mark.parametrize("content, problem", [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_a_report_that_is_not_text_fails_with_one_line(cli, tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    run = cli("extract", bad, "--out", tmp_path / "out")
    assert_failed_alone(run, bad, problem)
    assert not (tmp_path / "out").exists()


def test_a_path_that_does_not_exist_fails_alone(cli, tmp_path, sample):
    good = tmp_path / "good.txt"
    good.write_text(sample, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    run = cli("extract", missing, good, "--out", tmp_path / "out")
    assert_failed_alone(run, missing, "no such file")
    # The report after the failing one is still extracted and written.
    assert set(outputs(tmp_path / "out", "good")) == set(OUTPUTS)
    assert len(records(tmp_path / "out", "good")) == 3


def test_a_folder_given_as_a_report_fails_alone(cli, tmp_path):
    run = cli("extract", tmp_path, "--out", tmp_path / "out")
    assert_failed_alone(run, tmp_path, "is a folder, not a report file")


def _write_big(path: Path, size: int, chunk: str) -> None:
    data = chunk.encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(size // len(data) + 1):
            handle.write(data)


def test_a_50_mb_report_is_refused_before_it_is_read(cli, tmp_path, sample):
    big = tmp_path / "big.txt"
    _write_big(big, 50 * 1024 * 1024, sample)
    tracemalloc.start()
    try:
        with pytest.raises(ReportError) as refused:
            read_report(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # The size is checked before reading: refusing must not hold the 50 MB in memory.
    assert peak < 1024 * 1024
    assert str(refused.value).startswith(f"{big}: is 50.0 MB, above the 20.0 MB limit")
    run = cli("extract", big, "--out", tmp_path / "out")
    assert_failed_alone(run, big, "above the 20.0 MB limit for one report")


def test_the_limit_is_inclusive(monkeypatch, tmp_path):
    # A small limit stands in for the real one: the same comparisons, without 20 MB of test data.
    monkeypatch.setattr(pipeline.readers.decode, "MAX_REPORT_BYTES", 1000)
    at_limit = tmp_path / "at.txt"
    at_limit.write_bytes(b"x" * 999 + b"\n")
    assert len(read_report(at_limit).text) == 1000
    above = tmp_path / "above.txt"
    above.write_bytes(b"x" * 1000 + b"\n")
    with pytest.raises(ReportError, match="above the 0.0 MB limit"):
        read_report(above)


def test_a_device_without_a_size_is_refused_at_the_limit():
    # /dev/zero has st_size 0 and never ends: only the bounded read stops it.
    with pytest.raises(ReportError, match=r"^/dev/zero: is larger than the 20.0 MB limit"):
        read_report(Path("/dev/zero"))


# --- reports decoded with a warning -----------------------------------------------------------


def _latin1_sample(sample: str) -> str:
    return sample.translate(PLAIN) + entry("March 3, 2021", "Gunmen kill five soldiers in Ségou and Niéna.")


DECODED = [
    ("UTF-16 with a byte-order mark", "utf-16", False, "decoded as UTF-16 (byte-order mark)"),
    ("UTF-16-LE without a byte-order mark", "utf-16-le", False, "decoded as UTF-16-LE (no byte-order mark"),
    ("Windows-1252", "cp1252", False, "not UTF-8: decoded as Windows-1252"),
    ("Latin-1", "latin-1", True, "not UTF-8: decoded as Windows-1252"),
]


@pytest.mark.parametrize("codec, plain, warning", [c[1:] for c in DECODED], ids=[c[0] for c in DECODED])
def test_a_report_in_another_encoding_gives_the_same_records_and_a_warning(
    cli, extractor, tmp_path, sample, sample_jsonl, codec, plain, warning
):
    text = _latin1_sample(sample) if plain else sample
    other = tmp_path / "r.txt"
    other.write_bytes(text.encode(codec))
    run = cli("extract", other, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    assert f"warning: {other}: {warning}" in run.flat_err
    assert any(w.startswith(warning) for w in manifest(tmp_path / "out", "r")["warnings"])
    # Same characters, same offsets: the records are byte for byte those of the UTF-8 text.
    expected = records_jsonl(extractor.extract_text(text, "r")[0]) if plain else sample_jsonl
    assert (tmp_path / "out" / "r.jsonl").read_bytes() == expected


def test_windows_line_ends_give_the_same_entries(cli, tmp_path, sample):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(sample.replace("\n", "\r\n").encode("cp1252"))
    run = cli("extract", crlf, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    got = records(tmp_path / "out", "crlf")
    expected = segment(sample).entries
    assert [r["text"] for r in got] == [e.text for e in expected]
    raw = read_report(crlf).text
    for record in got:
        assert raw[record["span"]["start"] : record["span"]["end"]].lstrip().startswith("- ")


def test_a_stray_byte_in_a_utf8_report_costs_only_that_byte(tmp_path, sample):
    path = tmp_path / "stray.txt"
    path.write_bytes(sample.encode("utf-8") + b"- **March 3, 2021:** Gunmen attack Gao\x92s market.\n")
    report = read_report(path)
    # The UTF-8 letters stay letters: decoding all as Windows-1252 would turn "’" into "â€™".
    assert report.text.startswith(sample)
    assert "Gao\ufffds market" in report.text
    assert report.warnings == [
        f"not valid UTF-8: 1 undecodable byte sequence(s) replaced by U+FFFD, the first at byte "
        f"{len(sample.encode('utf-8')) + 38}"
    ]


def test_classic_mac_line_ends_are_read_as_lines(tmp_path, sample):
    path = tmp_path / "mac.txt"
    path.write_bytes(sample.replace("\n", "\r").encode("utf-8"))
    report = read_report(path)
    assert report.text == sample
    breaks = sample.count("\n")
    assert report.warnings == [f"{breaks} line break(s) written as a lone carriage return read as newlines"]


# --- reports that succeed with warnings -------------------------------------------------------


def test_a_report_without_incidents_gives_no_records_and_a_warning(cli, tmp_path, mali_raw):
    narrative = tmp_path / "narrative.txt"
    # The report's title and first paragraph: prose, no "- " bullet.
    narrative.write_text(mali_raw[: mali_raw.index("\nOn February 7, 2025")], encoding="utf-8")
    run = cli("extract", narrative, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    warning = "no timeline entries found in any known layout: only the prose was read"
    assert f"warning: {narrative}: {warning}" in run.flat_err
    assert warning in manifest(tmp_path / "out", "narrative")["warnings"]
    # No timeline record; the prose paragraphs may still give narrative records.
    got = records(tmp_path / "out", "narrative")
    assert all(r["kind"] == "narrative" for r in got)
    table = pq.read_table(tmp_path / "out" / "narrative.parquet")
    assert table.num_rows == len(got) and "killed" in table.column_names
    assert manifest(tmp_path / "out", "narrative")["counts"]["entries"] == 0


def test_a_report_cut_off_mid_entry_keeps_every_entry(case):
    path, out, run = case("cut")
    assert run.code == 0, run.err
    got = records(out, "cut")
    assert len(got) == 3
    assert [r["text"] for r in got[:-1]] == [e.text for e in segment(path.read_text()).entries[:2]]
    assert got[-1]["text"].endswith("The attack results in extensive")
    assert got[-1]["sources"] == []


def test_a_report_cut_off_mid_entry_is_a_warning(case):
    path, out, run = case("cut")
    last = records(out, "cut")[-1]
    warning = f"{last['id']}: the last entry has no sources while the others have: is the file cut off?"
    assert warning in manifest(out, "cut")["warnings"]
    assert f"warning: {path}: {warning}" in run.flat_err


def test_a_report_cut_inside_a_utf8_character_keeps_the_rest(tmp_path, sample):
    data = sample.encode("utf-8")
    cut = data[: data.index("’".encode("utf-8")) + 2]
    path = tmp_path / "cut.txt"
    path.write_bytes(cut)
    report = read_report(path)
    assert report.text == cut[:-2].decode("utf-8")
    assert report.warnings[0].startswith("the file ends inside a UTF-8 character")


def test_unbalanced_bold_marks_do_not_stop_the_entries(cli, tmp_path):
    path = tmp_path / "bold.txt"
    path.write_text(
        report_of(
            "- **March 3, 2021: Gunmen kill nine soldiers in Gao. Source: [Reuters](#)\n",
            entry("March 4, 2021", "Gunmen ** attack a camp in Timbuktu."),
            "- **March 5, 2021:** Gunmen attack Kidal. Source: [Reuters](#) **\n",
        ),
        encoding="utf-8",
    )
    run = cli("extract", path, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    got = records(tmp_path / "out", "bold")
    assert len(got) == 3
    assert not any("**" in r["text"] for r in got)
    assert [r["date"]["start"] for r in got[1:]] == ["2021-03-04", "2021-03-05"]


def test_an_impossible_date_is_not_invented(case):
    _, out, run = case("feb30")
    assert run.code == 0, run.err
    (record,) = records(out, "feb30")
    assert record["date"]["start"] is None and record["date"]["end"] is None


def test_an_impossible_date_is_a_warning(case):
    path, out, run = case("feb30")
    (record,) = records(out, "feb30")
    warning = f"{record['id']}: header date 'February 30, 2024' is not a calendar date: no date kept"
    assert warning in manifest(out, "feb30")["warnings"]
    assert f"warning: {path}: {warning}" in run.flat_err


def test_the_same_entry_twice_gives_two_records_with_distinct_ids(case):
    _, out, run = case("twice")
    assert run.code == 0, run.err
    first, second = records(out, "twice")
    assert first["text"] == second["text"]
    assert first["id"] != second["id"]


def test_the_same_entry_twice_is_a_warning(case):
    path, out, run = case("twice")
    first, second = records(out, "twice")
    warning = f"{second['id']}: repeats {first['id']} word for word (both kept)"
    assert warning in manifest(out, "twice")["warnings"]
    assert f"warning: {path}: {warning}" in run.flat_err


def test_a_date_in_the_future_is_kept_with_a_warning(cli, tmp_path):
    path = tmp_path / "future.txt"
    path.write_text(report_of(entry("March 3, 2091", "Gunmen attack a camp in Gao.")), encoding="utf-8")
    run = cli("extract", path, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    (record,) = records(tmp_path / "out", "future")
    # The report says 2091: the record keeps what it says, the warning tells a reader to look.
    assert record["date"]["start"] == "2091-03-03"
    warnings = manifest(tmp_path / "out", "future")["warnings"]
    today = dt.date.today().isoformat()
    warning = f"{record['id']}: date 2091-03-03 is after the day of the run ({today})"
    assert warning in warnings
    assert f"warning: {path}: {warning}" in run.flat_err


def test_an_absurd_figure_is_not_claimed_as_a_count(cli, tmp_path):
    path = tmp_path / "absurd.txt"
    path.write_text(
        report_of(
            entry("March 3, 2021", "Gunmen kill 12345678901234567890 civilians in Gao."),
            entry("March 2, 2021", "Gunmen kill nine soldiers in Gao."),
        ),
        encoding="utf-8",
    )
    run = cli("extract", path, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    absurd, plain = records(tmp_path / "out", "absurd")
    assert absurd["killed"] is None
    assert all(c["min"] is None or c["min"] < 10**7 for c in absurd["casualties"])
    assert plain["killed"] == 9
    assert pq.read_table(tmp_path / "out" / "absurd.parquet").num_rows == 2
    warning = (
        f"{absurd['id']}: the figure 12345678901234567890 is larger than any count (10,000,000): "
        "not read as one"
    )
    assert warning in manifest(tmp_path / "out", "absurd")["warnings"]


def test_an_entry_longer_than_spacy_accepts_fails_no_report(cli, monkeypatch, extractor, tmp_path):
    # spaCy refuses a text over nlp.max_length (1,000,000 characters) with a ValueError; the
    # limit is lowered here so that the test need not build a million-character entry.
    monkeypatch.setattr(extractor.nlp, "max_length", 5_000)
    huge = entry("March 3, 2021", "Gunmen attack Gao. " + "The convoy was long. " * 300)
    path = tmp_path / "huge.txt"
    path.write_text(report_of(entry("March 4, 2021", "Gunmen attack Kidal."), huge), encoding="utf-8")
    run = cli("extract", path, "--out", tmp_path / "out")
    assert run.code == 0, run.err
    got = records(tmp_path / "out", "huge")
    assert [r["date"]["start"] for r in got] == ["2021-03-04", "2021-03-03"]


# --- outputs -----------------------------------------------------------------------------------


def test_an_output_folder_that_is_a_file_fails_with_one_line(cli, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(report_of(entry("March 3, 2021", "Gunmen attack Gao.")), encoding="utf-8")
    blocker = tmp_path / "out"
    blocker.write_bytes(b"not a folder")
    run = cli("extract", report, "--out", blocker)
    assert run.code == 1
    (line,) = [line for line in run.err.splitlines() if line.strip()]
    assert line.startswith(f"error: {blocker}")
    assert "Not a directory" in line or "is a file, not a folder" in line
    assert blocker.read_bytes() == b"not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "r.txt"]


class _FailingHandle:
    """A file handle that writes half of what it is given, then fails as a full disk does."""

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()
        return False

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self.handle, name)


def _fail_when_writing(
    monkeypatch, name_part: str, error: type[BaseException] = OSError, folder: Path | None = None
) -> None:
    """Make the temporary file of the output whose name holds ``name_part`` (in ``folder`` when
    given, else in any folder) fail midway."""
    real_fdopen = os.fdopen
    real_mkstemp = pipeline.io.tempfile.mkstemp
    doomed: set[int] = set()

    def mkstemp(*args, **kwargs):
        fd, tmp = real_mkstemp(*args, **kwargs)
        if name_part in Path(tmp).name and folder in (None, Path(tmp).parent):
            doomed.add(fd)
        return fd, tmp

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        if fd in doomed:
            if error is OSError:
                return _FailingHandle(handle)
            handle.close()
            raise error()
        return handle

    monkeypatch.setattr(pipeline.io.tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(pipeline.io.os, "fdopen", fdopen)


@pytest.mark.parametrize("error", [OSError, KeyboardInterrupt])
def test_a_write_failing_midway_leaves_the_previous_file(monkeypatch, tmp_path, error):
    target = tmp_path / "mali.jsonl"
    target.write_bytes(b'{"previous": true}\n')
    _fail_when_writing(monkeypatch, "mali.jsonl", error)
    with pytest.raises(error):
        atomic_write_bytes(target, b'{"new": true}\n' * 1000)
    assert target.read_bytes() == b'{"previous": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["mali.jsonl"]


def test_a_set_of_files_is_replaced_whole_or_not_at_all(monkeypatch, tmp_path):
    previous = {tmp_path / f"mali{s}": f"old {s}".encode() for s in OUTPUTS}
    for path, data in previous.items():
        path.write_bytes(data)
    _fail_when_writing(monkeypatch, "mali.parquet")
    with pytest.raises(OSError):
        atomic_write_files({path: b"new" * 1000 for path in previous})
    assert {p: p.read_bytes() for p in previous} == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in previous)


def test_written_outputs_can_be_read_by_others(tmp_path):
    atomic_write_bytes(tmp_path / "a.csv", b"id\n")
    umask = os.umask(0)
    os.umask(umask)
    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o666 & ~umask


def _previous_run(cli, tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """Outputs of an older version of the report (one entry), then the newer version (two)."""
    older = entry("March 3, 2021", "Gunmen attack Gao.")
    report = tmp_path / "mali.txt"
    report.write_text(report_of(older), encoding="utf-8")
    assert cli("extract", report, "--out", tmp_path / "out").code == 0
    before = outputs(tmp_path / "out", "mali")
    newer = entry("March 4, 2021", "Gunmen kill nine soldiers in Kidal.")
    report.write_text(report_of(newer, older), encoding="utf-8")
    return report, tmp_path / "out", before


def _assert_kept(out: Path, before: dict[str, bytes]) -> None:
    """The previous outputs byte for byte, still links into the one run folder published, and no
    temporary file nor run folder of the failed run anywhere under ``out``."""
    assert outputs(out, "mali") == before
    assert {p.name for p in out.iterdir()} == {f"mali{s}" for s in OUTPUTS} | {".lock", "current", "runs"}
    assert all(os.readlink(out / f"mali{s}") == f"current/mali/mali{s}" for s in OUTPUTS)
    (run,) = (out / "runs").iterdir()
    assert os.readlink(out / "current" / "mali") == f"../runs/{run.name}"
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_a_run_failing_on_its_first_write_leaves_the_previous_outputs(cli, monkeypatch, tmp_path):
    report, out, before = _previous_run(cli, tmp_path)
    _fail_when_writing(monkeypatch, "mali.jsonl")
    run = cli("extract", report, "--out", out)
    assert run.code == 1
    (line,) = [line for line in run.err.splitlines() if line.strip()]
    assert line.startswith("error: ") and line.endswith("(No space left on device)")
    _assert_kept(out, before)


def test_a_run_failing_on_a_later_write_leaves_every_previous_output(cli, monkeypatch, tmp_path):
    report, out, before = _previous_run(cli, tmp_path)
    # Every data file of the new run folder is written; its manifest, written last, fails.
    _fail_when_writing(monkeypatch, "mali.manifest.json")
    run = cli("extract", report, "--out", out)
    assert run.code == 1
    (line,) = [line for line in run.err.splitlines() if line.strip()]
    assert line.startswith("error: ") and line.endswith("(No space left on device)")
    _assert_kept(out, before)


def test_the_same_input_gives_the_same_bytes(cli, extractor, tmp_path, sample, sample_jsonl):
    report = tmp_path / "r.txt"
    report.write_text(sample, encoding="utf-8")
    assert cli("extract", report, "--out", tmp_path / "out").code == 0
    # A second extraction, in-process, gives the same bytes for every data file.
    again, _ = extractor.extract_text(sample, "r")
    assert (tmp_path / "out" / "r.jsonl").read_bytes() == sample_jsonl == records_jsonl(again)
    assert (tmp_path / "out" / "r.csv").read_bytes() == to_csv_bytes(again)
    assert (tmp_path / "out" / "r.parquet").read_bytes() == to_parquet_bytes(again)


def test_two_reports_with_the_same_name_do_not_overwrite_each_other(cli, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "mali.txt"
    second = tmp_path / "b" / "mali.txt"
    first.write_text(report_of(entry("March 4, 2021", "Gunmen attack Kidal.")), encoding="utf-8")
    second.write_text(report_of(entry("March 3, 2021", "Gunmen attack Gao.")), encoding="utf-8")
    run = cli("extract", first, second, "--out", tmp_path / "out")
    assert_failed_alone(run, second, f"same name as {first}")
    assert [r["date"]["start"] for r in records(tmp_path / "out", "mali")] == ["2021-03-04"]


def test_an_unreadable_previous_output_does_not_block_a_new_run(cli, tmp_path):
    report = tmp_path / "mali.txt"
    report.write_text(report_of(entry("March 3, 2021", "Gunmen attack Gao.")), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    # A hand-edited file, or one written by an older major version of the schema.
    (out / "mali.jsonl").write_text('{"id": "mali-1", "text": "edited by hand"}\n', encoding="utf-8")
    run = cli("extract", report, "--out", out)
    assert run.code == 0, run.err
    assert len(records(out, "mali")) == 1
    assert any("previous" in w for w in manifest(out, "mali")["warnings"])


# --- exit status and what the terminal shows ---------------------------------------------------


@pytest.mark.parametrize("argv", [["extract", "--no-such-option"], ["frobnicate"], []])
def test_a_usage_error_exits_2(capsys, argv):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_an_error_is_one_line_however_long_the_path(cli, tmp_path, monkeypatch):
    # Without a terminal the console assumes 80 columns: a long message must not be wrapped.
    monkeypatch.delenv("COLUMNS", raising=False)
    deep = tmp_path / ("a-long-folder-name-" * 4) / "missing-report-with-a-long-name.txt"
    run = cli("extract", deep, "--out", tmp_path / "out")
    assert [line for line in run.err.splitlines() if line.strip()] == [f"error: {deep}: no such file"]


def test_an_unexpected_failure_in_one_report_spares_the_others(cli, monkeypatch, tmp_path):
    import pipeline.records

    real = pipeline.records.extract_document

    def explode(document, report, *args, **kwargs):
        if report == "bad":
            raise ValueError("something no test foresaw")
        return real(document, report, *args, **kwargs)

    monkeypatch.setattr(pipeline.extract, "extract_document", explode)
    text = report_of(entry("March 3, 2021", "Gunmen attack Gao."))
    (tmp_path / "bad.txt").write_text(text, encoding="utf-8")
    (tmp_path / "good.txt").write_text(text, encoding="utf-8")
    run = cli("extract", tmp_path / "bad.txt", tmp_path / "good.txt", "--out", tmp_path / "out")
    assert_failed_alone(run, tmp_path / "bad.txt", "ValueError: something no test foresaw")
    assert len(records(tmp_path / "out", "good")) == 1


def test_the_command_line_a_user_runs(shell):
    """The real ``python -m pipeline`` process: exit 1, one error line per bad file, no traceback."""
    folder, bad, process = shell
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, err
    assert "Traceback" not in err
    assert [line for line in err.splitlines() if line.startswith("error: ")] == [
        f"error: {bad['empty']}: the file is empty: there is no report text to extract",
        f"error: {bad['pdf']}: is not a PDF that can be read (a broken or cut-off file)",
        f"error: {bad['missing']}: no such file",
    ]
    assert not (folder / "out").exists()


def test_several_workers_write_what_one_process_writes(tmp_path):
    from pipeline.cli import main as cli_main

    for name, place in (("first", "Gao"), ("second", "Kidal")):
        (tmp_path / f"{name}.txt").write_text(
            report_of(entry("March 3, 2021", f"Gunmen attack a camp in {place}.")), encoding="utf-8"
        )
    reports = [str(tmp_path / "first.txt"), str(tmp_path / "second.txt")]
    assert cli_main(["extract", *reports, "--out", str(tmp_path / "one")]) == 0
    assert cli_main(["extract", *reports, "--out", str(tmp_path / "two"), "--workers", "2"]) == 0
    for name in ("first", "second"):
        for suffix in (".jsonl", ".csv", ".parquet"):
            assert (tmp_path / "one" / f"{name}{suffix}").read_bytes() == (
                tmp_path / "two" / f"{name}{suffix}"
            ).read_bytes()
