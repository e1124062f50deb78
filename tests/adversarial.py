"""Adversarial inputs for the linear-time checks of issue #18, shared by
``tests/test_linear_patterns.py`` and ``benchmarks/bench_adversarial.py``.

Every compiled regular expression of the package is found by walking its modules (module-level
patterns, and patterns inside module-level tuples, lists, dicts and dataclasses, such as the
place context rules and the event-type triggers), plus the patterns built from the tables at run
time. Each is timed the way the pipeline uses it (``MODES``: a scan with ``finditer`` unless the
pipeline only ever anchors it) on a 50,000-character input made of one unit repeated (``UNITS``:
the characters quantifiers overlap on: words in capitals, runs of "[", "(", "*", spaces, digits,
commas, hyphens, dots, "of the of the ...") against 50,000 characters of a real report.

Times are the best of a few runs, and a time under ``FLOOR`` counts as ``FLOOR``: a pattern that
scans 50,000 characters in a millisecond is not compared with one that takes a tenth of one.
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import pkgutil
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 50_000
# A ratio above this fails (the "generous" bound); the benchmark's target is 3.
BOUND = 10.0
# Times under this count as this: ratios of sub-millisecond timings are noise.
FLOOR = 0.02
# The screening size: every unit is tried at this size first, the worst goes on to SIZE.
SCREEN = 2_000

# One unit per kind of overlap: repeated to SIZE characters.
UNITS: dict[str, str] = {
    "caps": "ABC DEFG HIJ KLMNO ",
    "capwords": "Gao Mopti Kidal Sevare ",
    "capcomma": "Gao, Mopti, ",
    "capinitial": "Abc ",
    "camel": "AbAb",
    "lbracket": "[",
    "rbracket": "]",
    "lparen": "(",
    "star": "*",
    "stars": "** ",
    "space": " ",
    "nbsp": "\u00a0",
    "newline": "\n",
    "digits": "1",
    "numbers": "12 ",
    "commas": ",",
    "comma_space": ", ",
    "of_the": "of the ",
    "hyphens": "-",
    "al_hyphen": "al-",
    "dots": ".",
    "dot_space": "a. ",
    "initials": "A.",
    "months": "January ",
    "month_days": "May 1 ",
    "dates": "January 1, 2019 ",
    "underscores": "_",
    "backslashes": "\\",
    "bars": "|",
    "who": "who ",
    # Keywords of the "before" patterns, which a run of makes every one a start.
    "who_held": "who held ",
    # ... and with each clause closed by a comma, so that every "who" is tried and fails.
    "who_comma_held": "who, held ",
    "held_comma": "held, ",
    "wanted_to_go": "wanted to go ",
    "heading_to": "heading to ",
    "based_in": "based in ",
    "and": "and ",
    "in_place": "in Gao ",
    "killed": "killed 5 ",
    "bomb": "bomb ",  # a trigger word of the event types, each one a hit
    "apostrophes": "'s ",
    "link_open": "[a](",
    "em_dash": "— ",
    "quote": '"',
    "colons": ":",
}


def repeat(unit: str, size: int = SIZE) -> str:
    """``unit`` repeated to exactly ``size`` characters.

    >>> repeat("ab", 5)
    'ababa'
    """
    return (unit * (size // len(unit) + 1))[:size]


@lru_cache(maxsize=None)
def plain(size: int = SIZE) -> str:
    """``size`` characters of a real report (the Mali report, repeated when it is shorter)."""
    text = (ROOT / "raw" / "mali.txt").read_text(encoding="utf-8")
    return repeat(text, size)


def plain_lower(size: int = SIZE) -> str:
    """Plain lower-case prose: no capital, no digit, no markup."""
    return repeat("the men came to the village and the people left the market after the rain ",
                  size)


# --- the inventory ---------------------------------------------------------------------------


def _collect(obj, label: str, found: dict[str, re.Pattern], seen: set[int], depth: int = 0) -> None:
    if isinstance(obj, re.Pattern) or _is_searcher(obj):
        if id(obj) not in seen:
            seen.add(id(obj))
            found[label] = obj
        return
    if depth >= 3:
        return
    if isinstance(obj, (tuple, list)):
        # ("rule_id", pattern) pairs are named after their rule.
        if len(obj) == 2 and isinstance(obj[0], str) and isinstance(obj[1], re.Pattern):
            _collect(obj[1], f"{label}[{obj[0]}]", found, seen, depth + 1)
            return
        for i, item in enumerate(obj):
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
                _collect(item[1], f"{label}[{item[0]}]", found, seen, depth + 1)
            else:
                _collect(item, f"{label}[{i}]", found, seen, depth + 1)
    elif isinstance(obj, dict):
        for key, item in obj.items():
            _collect(item, f"{label}[{key}]", found, seen, depth + 1)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        name = getattr(obj, "rule", None)
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name, None)
            if isinstance(value, re.Pattern) and isinstance(name, str):
                _collect(value, f"{label}[{name}]", found, seen, depth + 1)
            else:
                _collect(value, f"{label}.{f.name}", found, seen, depth + 1)


def _is_searcher(obj) -> bool:
    """An object of the package that stands in for a pattern: a ``search`` method, its class
    defined in a ``pipeline`` module (the place rules' ``_BackgroundBefore``)."""
    cls = type(obj)
    return (not isinstance(obj, type) and callable(getattr(obj, "search", None))
            and cls.__module__.startswith("pipeline.") and not dataclasses.is_dataclass(obj))


@lru_cache(maxsize=1)
def inventory() -> dict[str, re.Pattern]:
    """Every compiled pattern of the package, by "module:name", named where it is defined (a
    pattern imported into other modules is listed once)."""
    import pipeline

    candidates: dict[int, list[tuple[str, re.Pattern, bool]]] = {}
    modules = sorted(
        m.name for m in pkgutil.walk_packages(pipeline.__path__, "pipeline.")
        if not m.name.endswith("__main__")
    )
    for name in modules:
        module = importlib.import_module(name)
        source = Path(module.__file__).read_text(encoding="utf-8")
        for attr, value in vars(module).items():
            if not (isinstance(value, (re.Pattern, tuple, list, dict)) or _is_searcher(value) or (
                    dataclasses.is_dataclass(value) and not isinstance(value, type))):
                continue
            defined = re.search(rf"^{re.escape(attr)}\s*(?::[^=\n]*)?=", source, re.MULTILINE)
            found: dict[str, re.Pattern] = {}
            _collect(value, f"{name}:{attr}", found, set())
            for label, pattern in found.items():
                candidates.setdefault(id(pattern), []).append((label, pattern, defined is not None))
    result: dict[str, re.Pattern] = {}
    for labels in candidates.values():
        label, pattern, _ = next((c for c in labels if c[2]), labels[0])
        result[label] = pattern
    # Patterns built from the tables when the pipeline runs.
    from pipeline.fields.actors import mentions as actor_mentions
    from pipeline.fields.places import country as place_country
    from pipeline.tables import load_tables

    tables = load_tables()
    result["pipeline.fields.actors.mentions:_dotted_aliases()"] = actor_mentions._dotted_aliases(
        tables.actors)
    seats, _ = place_country._seats(tables.actors)
    if seats is not None:
        result["pipeline.fields.places.country:_seats()"] = seats
    return dict(sorted(result.items()))


# --- how each pattern is used ---------------------------------------------------------------

# Patterns the pipeline never scans a text with: only anchored at one position
# (``pattern.match(text, pos)``), matched whole against a short string it cut out
# (``fullmatch``), or searched in a window that ends where a mention starts ("before" patterns
# ending in "$"). Each is timed that way; every other pattern is timed with ``finditer``.
MODES: dict[str, str] = {
    "pipeline.fields.casualties.words:_AGED": "fullmatch",  # reader.py: _AGED.fullmatch(token)
    "pipeline.fields.event_type.clauses:_ATTACK_OBJECT": "match",  # .match(text, m.end())
    "pipeline.fields.event_type.clauses:_REDUCED_PASSIVE": "match",  # .match(text, end)
    "pipeline.fields.event_type.decide:_BY_AGENT": "match",  # .match(text, hit.end, s_end)
    "pipeline.text:_HEADER": "match",  # match_date_header: .match(text, pos)
    "pipeline.text:_BOLD_HEADER": "match",
    "pipeline.fields.places.context:_ATTACHED": "match",  # .match(text[m.end:nxt.start])
    "pipeline.fields.places.mentions:_LEAD": "match",  # _heading: .match(text, start)
    "pipeline.fields.event_type.decide:_ON_TARGET": "match",  # .match(text, hit.end, s_end)
    "pipeline.fields.event_type.decide:_AND": "fullmatch",  # .fullmatch(text, hit.end, start)
    "pipeline.fields.dates.resolve:_PLAIN_DATE": "fullmatch",  # _plain_date: .fullmatch(text)
    # Searched in the whole sentence before a mention or between two hits (judge.py,
    # country.py, prose.py, decide.py): a window of 400 characters here.
    "pipeline.fields.places.context:_BACKGROUND_BEFORE": "before:400",
    "pipeline.fields.places.context:_DESTINATION_BEFORE": "before:400",
    "pipeline.fields.places.judge:_PAST_CAPTURE": "before:400",
    "pipeline.fields.event_type.decide:_INSTRUMENT": "before:400",
    "pipeline.fields.event_type.decide:_BY_MEANS": "before:400",
    # .search(text, c.start - 50, c.start)
    "pipeline.fields.places.mentions:_NAME_BEFORE_COMMA": "before:50",
}
# The window a "before" pattern (one anchored at its end only) is searched in: its callers cut
# the 20 to 80 characters before a mention ("before[-60:]", "text[start - 40 : start]").
BEFORE_WINDOW = 80
# ... and the whole sentence before a mention, for the patterns searched in it.
LONG_WINDOW = 400
# How many positions a "match" or "before" pattern is tried at, spread over the text: the same
# number for every input, so that a unit with more words is not charged for its word count.
POSITIONS = 2_000


def mode_of(label: str, pattern) -> str:
    """How the pipeline uses a pattern: ``MODES``, else "before" for one anchored at its end
    only (searched in the text before a mention), else a scan."""
    if label in MODES:
        return MODES[label]
    if not isinstance(pattern, re.Pattern):
        # A searcher stands in for a "before" pattern searched in a whole sentence's start.
        return f"before:{LONG_WINDOW}"
    source = getattr(pattern, "pattern", "")
    if isinstance(source, str) and source.endswith("$") and not source.startswith("^") \
            and not pattern.flags & re.MULTILINE:
        return "before"
    return "scan"


def run_pattern(pattern: re.Pattern, text: str, mode: str) -> None:
    """Use ``pattern`` on ``text`` the way ``mode`` says."""
    if mode == "scan":
        for _ in pattern.finditer(text):
            pass
    elif mode == "fullmatch":
        pattern.fullmatch(text)
    elif mode == "match":
        # Anchored at word boundaries, as the pipeline anchors it after a word it found (in
        # cleaned text, where white space is folded: no run of spaces follows a word).
        for pos in _positions(text):
            pattern.match(text, pos)
    elif mode.startswith("before"):
        # Searched in the window before a word, as the place rules do before each mention.
        window = int(mode.partition(":")[2] or BEFORE_WINDOW)
        if isinstance(pattern, re.Pattern):
            for pos in _positions(text):
                pattern.search(text, max(0, pos - window), pos)
        else:  # a searcher is given the window itself
            for pos in _positions(text):
                pattern.search(text[max(0, pos - window):pos])
    else:
        raise ValueError(mode)


def _positions(text: str) -> list[int]:
    """``POSITIONS`` word boundaries spread evenly over ``text``."""
    bounds = [m.start() for m in _BOUNDARY.finditer(text)]
    step = max(1, len(bounds) // POSITIONS)
    return bounds[::step][:POSITIONS]


_BOUNDARY = re.compile(r"\b")


def best_time(run: Callable[[], object], repeat_: int = 3) -> float:
    """The fastest of ``repeat_`` wall times of ``run()``."""
    best = float("inf")
    for _ in range(repeat_):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def ratio(adversarial: float, plain_time: float) -> float:
    return max(adversarial, FLOOR) / max(plain_time, FLOOR)


def predict(run_at: Callable[[int, int], float], size: int, plain_time: float,
            linear: bool = True) -> tuple[float, bool]:
    """The time of ``run_at(size, repeat)`` (the best of ``repeat`` timings at a given size), or a
    prediction of it when smaller sizes already put it far past the bound: (seconds, predicted).

    ``run_at`` is timed at a fiftieth and a twentieth of ``size``; the growth between them gives
    the exponent (1 for linear, 2 for quadratic) and the twentieth's time grown by it to
    ``size`` the prediction. A prediction thirty times past the bound that grows faster than
    linearly is the answer, so that a quadratic case fails in seconds, not in minutes; when the
    twentieth took under a tenth of a second (a busy machine's pause weighs on it) the growth is
    confirmed at a tenth of the size first. Any other case is run at full size. For a pattern
    tried at a fixed number of positions (``linear`` False) the size does not matter and the
    full size is always run."""
    if linear:
        sizes = [max(1, size // 50), max(1, size // 20), max(1, size // 10)]
        times = [run_at(sizes[0], 3), run_at(sizes[1], 3)]

        def exponent(k: int) -> float:
            grown = max(times[k + 1], 1e-6) / max(times[k], 1e-6)
            return min(3.0, max(1.0, math.log(grown, sizes[k + 1] / sizes[k])))

        guess = times[1] * (size / sizes[1]) ** exponent(0)
        if exponent(0) > 1.5 and ratio(guess, plain_time) > 30 * BOUND:
            if times[1] >= 0.1:
                return guess, True
            times.append(run_at(sizes[2], 2))
            guess = times[2] * (size / sizes[2]) ** exponent(1)
            if exponent(1) > 1.5 and ratio(guess, plain_time) > 30 * BOUND:
                return guess, True
    return run_at(size, 3), False


@dataclass(frozen=True)
class Timing:
    """One adversarial input against the plain one, at ``size`` characters."""

    label: str
    unit: str
    size: int
    plain: float
    adversarial: float
    # Set when the time at a tenth of the size already rules the full size out: the full-size
    # input was not run (a quadratic pattern would take minutes).
    extrapolated: bool = False

    @property
    def ratio(self) -> float:
        return ratio(self.adversarial, self.plain)

    def describe(self) -> str:
        took = f"about {self.adversarial:.1f} s (predicted from smaller sizes)" \
            if self.extrapolated \
            else f"{self.adversarial:.3f} s"
        return (f"{self.label}: {self.size:,} chars of {UNITS.get(self.unit, self.unit)!r} took "
                f"{took}, plain text {self.plain:.3f} s: ratio "
                f"{self.ratio:.1f} (bound {BOUND:g})")


def time_pattern(label: str, pattern: re.Pattern, size: int = SIZE, repeat_: int = 3,
                 units: dict[str, str] | None = None) -> Timing:
    """The worst unit for ``pattern`` at ``size`` characters against the plain report text.

    Every unit is screened at ``SCREEN`` characters; the two slowest are timed at a tenth of
    ``size``, and the slowest of those at ``size`` (or predicted from smaller sizes: ``predict``).
    """
    mode = mode_of(label, pattern)
    units = UNITS if units is None else units
    screened = sorted(
        units, key=lambda u: -best_time(lambda: run_pattern(pattern, repeat(units[u], SCREEN), mode), 1)
    )[:2]
    tenth = max(SCREEN, size // 10)
    small = {u: best_time(lambda: run_pattern(pattern, repeat(units[u], tenth), mode), 2)
             for u in screened}
    unit = max(small, key=small.get)
    base = plain(size)
    plain_time = best_time(lambda: run_pattern(pattern, base, mode), repeat_)
    texts: dict[int, str] = {}

    def run_at(n: int, times: int) -> float:
        text = texts.setdefault(n, repeat(units[unit], n))
        return best_time(lambda: run_pattern(pattern, text, mode), min(times, repeat_))

    seconds, predicted = predict(run_at, size, plain_time, linear=mode in ("scan", "fullmatch"))
    return Timing(label, unit, size, plain_time, seconds, extrapolated=predicted)


# --- whole stages --------------------------------------------------------------------------

# The kinds of long entry the stages are timed on (units of ``UNITS``), against plain lower-case
# prose (``plain_lower``).
STAGE_KINDS = (
    "caps", "capwords", "capcomma", "camel", "lbracket", "rbracket", "lparen", "star", "stars",
    "space", "nbsp", "digits", "numbers", "commas", "comma_space", "of_the", "hyphens",
    "al_hyphen", "dots", "dot_space", "initials", "dates", "month_days", "who", "and", "in_place",
    "killed", "bomb", "apostrophes", "link_open", "underscores", "bars", "backslashes", "quote",
)
# spaCy reads an entry at about 4,000 characters a second on the test machine: the stages that
# need its doc (places, actors, the whole extraction) are timed on shorter entries.
SPACY_SIZE = 5_000


def entry_report(body: str) -> str:
    """A report of one timeline entry whose text is ``body``."""
    return "Report\n\n- **May 2, 2017:** " + body + "\n"


def entry_of(report: str):
    """The one entry ``segment`` finds in ``report`` (or its first)."""
    from pipeline.layouts.detect import segment
    from pipeline.readers.plain import source_from_text

    doc = segment(source_from_text(report, Path("adversarial.txt"), "0"))
    return doc.entries[0] if doc.entries else None


def rule_stages() -> dict[str, Callable[[str], object]]:
    """The stages that need no spaCy doc, each a function of the report text."""
    from pipeline.fields import casualties, dates, event_type
    from pipeline.fields.sources import find_sources
    from pipeline.layouts.detect import segment
    from pipeline.readers.plain import source_from_text
    from pipeline.settings import Settings
    from pipeline.text import clean

    settings = Settings()

    def with_entry(run):
        def stage(report: str):
            entry = entry_of(report)
            return None if entry is None else run(entry, report)
        return stage

    return {
        "segment": lambda report: segment(source_from_text(report, Path("a.txt"), "0")),
        "clean": lambda report: clean(report, 0, markers=True),
        "dates": with_entry(lambda e, r: dates.entry_date(
            e.header.text if e.header else None, e.text, settings)),
        # An entry without a date header: its dates carry their years over to each other.
        "dates_headerless": with_entry(lambda e, r: dates.entry_date(None, e.text, settings)),
        "casualties": with_entry(lambda e, r: casualties.find_casualties(e.text, e.body)),
        "event_type": with_entry(lambda e, r: event_type.classify_event(e.text, e.body)),
        # The outlet list ends the entry: everything after "Sources:" is read as outlets.
        "sources": lambda report: find_sources("Sources: " + report),
    }


def time_stage(stage: Callable[[str], object], kind: str, size: int = SIZE,
               plain_time: float | None = None, repeat_: int = 2) -> Timing:
    """A stage on a ``size``-character entry of ``kind`` against one of plain prose (the entry is
    built, and segmented for the field stages, inside the timing: segmenting is linear too).

    A case that smaller sizes already show quadratic is not run at full size (``predict``)."""
    if plain_time is None:
        plain_time = best_time(lambda: stage(entry_report(plain_lower(size))), repeat_)

    def run_at(n: int, times: int) -> float:
        report = entry_report(repeat(UNITS[kind], n))
        return best_time(lambda: stage(report), min(times, repeat_))

    seconds, predicted = predict(run_at, size, plain_time)
    return Timing(kind, kind, size, plain_time, seconds, extrapolated=predicted)


def tokenizer_stage(nlp) -> Callable[[str], object]:
    """spaCy's tokenizer (``nlp.make_doc``) as a stage. It caches what it has read by the words
    between spaces: each call glues a new number to the entry's first word, so that a long run
    of one word is read afresh each time, as in a new report."""
    calls = iter(range(10**12))

    def stage(report: str):
        return nlp.make_doc(report.replace(":** ", f":** {next(calls)}", 1))

    return stage
