"""Adversarial input against plain input: the time of every pattern and stage (issue #18).

    .venv/bin/python benchmarks/bench_adversarial.py                  # patterns and rule stages
    .venv/bin/python benchmarks/bench_adversarial.py --spacy          # + places, actors, whole
    .venv/bin/python benchmarks/bench_adversarial.py --only context   # labels containing "context"
    .venv/bin/python benchmarks/bench_adversarial.py --size 20000     # another size

For every compiled pattern of the package (found by walking its modules: see
``tests/adversarial.py``) it prints the plain time (50,000 characters of the Mali report), the
time of the worst adversarial input of the same size (one unit repeated: words in capitals, runs
of "[", "(", "*", spaces, digits, commas, "of the of the ...", hyphens, dots ...), their ratio and
the unit; then the same for each stage (``segment``, ``clean``, each field finder) on one long
entry of each adversarial kind against plain lower-case prose; and at the end the worst ratio,
against the issue's target of 3. A time under 20 ms counts as 20 ms, so that sub-millisecond
timings make no ratio. A case that smaller sizes already show quadratic is not run at full size:
its time is predicted from them and marked "~". The whole run takes a few minutes; the pattern
checks take one to two. It asserts nothing: ``tests/test_linear_patterns.py`` does, with the
bound of 10.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import adversarial  # noqa: E402
from tests.adversarial import (  # noqa: E402
    STAGE_KINDS, Timing, best_time, entry_report, inventory, plain_lower, rule_stages,
    time_pattern, time_stage,
)

TARGET = 3.0


def _row(name: str, timing: Timing) -> str:
    mark = "~" if timing.extrapolated else " "
    unit = adversarial.UNITS.get(timing.unit, timing.unit)
    return (f"{name:<72} {timing.plain:9.3f} {mark}{timing.adversarial:9.3f} "
            f"{timing.ratio:9.1f}  {unit!r}")


def _header(title: str) -> None:
    print(f"\n{title}")
    print(f"{'':<72} {'plain s':>9} {'adversarial s':>10} {'ratio':>9}  unit")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=adversarial.SIZE, help="characters per input")
    parser.add_argument("--only", default="", help="only the patterns and stages whose name holds this")
    parser.add_argument("--no-patterns", action="store_true", help="skip the patterns")
    parser.add_argument("--no-stages", action="store_true", help="skip the rule stages")
    parser.add_argument("--spacy", action="store_true",
                        help="also places, actors and the whole extraction (spaCy; slow)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    worst: list[tuple[float, str]] = []

    if not args.no_patterns:
        _header(f"Patterns: finditer (or their anchored use) on {args.size:,} characters")
        for label, pattern in inventory().items():
            if args.only not in label:
                continue
            timing = time_pattern(label, pattern, size=args.size)
            worst.append((timing.ratio, f"pattern {label}"))
            print(_row(label.removeprefix("pipeline."), timing), flush=True)

    if not args.no_stages:
        _header(f"Stages: one entry of {args.size:,} characters against plain prose")
        for name, stage in rule_stages().items():
            if args.only not in name:
                continue
            plain = best_time(lambda: stage(entry_report(plain_lower(args.size))), 2)
            for kind in STAGE_KINDS:
                timing = time_stage(stage, kind, size=args.size, plain_time=plain)
                worst.append((timing.ratio, f"stage {name} on {kind}"))
                print(_row(f"{name} / {kind}", timing), flush=True)

    if args.spacy:
        from pipeline.extract import Extractor
        from tests.test_linear_patterns import SPACY_KINDS, _spacy_times

        extractor = Extractor()
        size = min(args.size, adversarial.SPACY_SIZE)
        _header(f"spaCy stages: one entry of {size:,} characters against plain prose (one run)")
        plain = _spacy_times(extractor, plain_lower(size))
        for kind in SPACY_KINDS:
            times = _spacy_times(extractor, adversarial.repeat(adversarial.UNITS[kind], size))
            for stage, seconds in times.items():
                timing = Timing(stage, kind, size, plain[stage], seconds)
                worst.append((timing.ratio, f"{stage} on {kind}"))
                print(_row(f"{stage} / {kind}", timing), flush=True)

    if worst:
        print()
        # The figure is the worst pattern's; stages are given apart, as they do more
        # per character on input holding more of what they read (dates, place names).
        for what, rows in (("pattern", [w for w in worst if w[1].startswith("pattern ")]),
                           ("stage", [w for w in worst if not w[1].startswith("pattern ")])):
            if rows:
                ratio, name = max(rows)
                print(f"Worst {what} ratio: {ratio:.1f} ({name}); target {TARGET:g}: "
                      f"{'PASS' if ratio <= TARGET else 'MISS'}")
        ratio, name = max(worst)
        print(f"Worst ratio: {ratio:.1f} ({name}); target {TARGET:g}: "
              f"{'PASS' if ratio <= TARGET else 'MISS'}")
        over = sum(r > TARGET for r, _ in worst)
        print(f"Above the target: {over} of {len(worst)}; above the test bound "
              f"({adversarial.BOUND:g}): {sum(r > adversarial.BOUND for r, _ in worst)}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
