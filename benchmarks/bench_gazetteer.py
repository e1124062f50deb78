"""What the world gazetteer costs: file size, cold import and open, memory, lookups per second,
and the time of one entry's ~20 candidate names. It prints figures; it asserts nothing.

    .venv/bin/python benchmarks/bench_gazetteer.py
    .venv/bin/python benchmarks/bench_gazetteer.py --repeat 10 --names 20000

Cold figures come from fresh child processes (best of ``--repeat``), each timing, from inside:
``import pipeline.geo.world``, opening the file (the first question opens it), and the first
lookup, which also imports ``pipeline.tables`` for ``fold`` (and pydantic with it) unless the
process has it already, as every process running the pipeline has. RSS is read from
/proc/self/status before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# One realistic entry: the capitalised words and spans a timeline bullet offers the place field
# ("On 3 June 2019, Boko Haram militants attacked Marte in Borno State, Nigeria, killing ...").
ENTRY_CANDIDATES = [
    "Boko Haram", "Marte", "Borno State", "Nigeria", "Nigerian", "Maiduguri", "ISWAP",
    "Islamic State", "West Africa Province", "Reuters", "AFP", "Monday", "June", "Army",
    "Lake Chad", "Cameroon", "Diffa", "Niger", "Shekau", "Yobe",
]

CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
def rss_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
preload = sys.argv[1] == "preloaded"
if preload:
    import pipeline.tables  # what a process running the pipeline has loaded already
t_pre = time.perf_counter()
rss0 = rss_kb()
import pipeline.geo.world as w
t1 = time.perf_counter()
world = w.WorldGazetteer()
world.meta()  # opens the file
t2 = time.perf_counter()
world.lookup("Maiduguri")
t3 = time.perf_counter()
rss1 = rss_kb()
print(json.dumps({"import": t1 - t_pre, "open": t2 - t1, "first_lookup": t3 - t2,
                  "total": t3 - t_pre, "rss_added_kb": rss1 - rss0}))
"""


def cold(repeat: int, mode: str) -> dict:
    """The best of ``repeat`` fresh processes, from inside each."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, mode], cwd=ROOT, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout))
    return {key: min(run[key] for run in runs) for key in runs[0]}


def wall(repeat: int, code: str) -> float:
    """The best wall time of a whole child process running ``code``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="cold processes per figure (best kept)")
    parser.add_argument("--names", type=int, default=10_000, help="names in the lookup-rate sample")
    args = parser.parse_args()

    from pipeline.geo.world import WORLD_DB, WorldGazetteer

    print(f"file                {WORLD_DB.relative_to(ROOT)}  {WORLD_DB.stat().st_size / 1e6:.2f} MB")
    meta = WorldGazetteer().meta()
    print(
        "holds               "
        + ", ".join(f"{meta[f'count.{k}']} {k}" for k in ("country", "admin1", "admin2", "populated_place"))
        + f"; {meta['count.names']} names ({meta['count.name_keys']} distinct)"
    )

    bare = wall(args.repeat, "pass")
    whole = wall(args.repeat, "import pipeline.geo.world as w; w.WorldGazetteer().lookup('Maiduguri')")
    print(f"\ncold process        python -c pass {bare * 1e3:.0f} ms; import + open + lookup {whole * 1e3:.0f} ms"
          f" (+{(whole - bare) * 1e3:.0f} ms)")
    for mode, label in (("bare", "alone"), ("preloaded", "pipeline.tables already loaded")):
        c = cold(args.repeat, mode)
        print(
            f"cold, {label:31} import {c['import'] * 1e3:6.1f} ms  open {c['open'] * 1e3:5.1f} ms  "
            f"first lookup {c['first_lookup'] * 1e3:6.1f} ms  total {c['total'] * 1e3:6.1f} ms  "
            f"RSS +{c['rss_added_kb'] / 1024:.1f} MB"
        )

    # A sample of real names (every n-th folded key of the index) and as many misses.
    con = sqlite3.connect(f"file:{WORLD_DB}?mode=ro", uri=True)
    total = int(meta["count.names"])
    step = max(1, total // args.names)
    rows = con.execute("SELECT key FROM name ORDER BY key")
    keys = [key for i, (key,) in enumerate(rows) if i % step == 0][: args.names]
    con.close()
    rng = random.Random(0)
    misses = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(9)) for _ in keys]

    world = WorldGazetteer()
    world.lookup("warm up")
    rss0 = rss_kb()
    for label, sample in (("known names", keys), ("unknown names", misses)):
        start = time.perf_counter()
        for name in sample:
            world._lookup_uncached(name)  # uncached: what a name asked for the first time costs
        took = time.perf_counter() - start
        print(f"\nlookup, {label:14} {len(sample) / took:9.0f} per second uncached  "
              f"({took / len(sample) * 1e6:.1f} µs each)")
    start = time.perf_counter()
    for name in keys:
        world.lookup(name)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for name in keys:
        world.lookup(name)
    again = time.perf_counter() - start
    print(f"lookup, through lookup()  {len(keys) / first:9.0f} per second first time (folding included), "
          f"{len(keys) / again:9.0f} per second cached")
    print(f"RSS added by {len(keys)} cached answers: {(rss_kb() - rss0) / 1024:.1f} MB")

    fresh = WorldGazetteer()
    fresh.lookup("warm up")
    start = time.perf_counter()
    answers = [fresh.lookup(name) for name in ENTRY_CANDIDATES]
    entry_cold = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(100):
        for name in ENTRY_CANDIDATES:
            fresh.lookup(name)
    entry_warm = (time.perf_counter() - start) / 100
    found = sum(1 for a in answers if a)
    print(f"\none entry, {len(ENTRY_CANDIDATES)} candidate names ({found} known): "
          f"{entry_cold * 1e3:.2f} ms first time, {entry_warm * 1e3:.3f} ms when the names repeat")
    print(f"(machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
