"""Every pattern and every stage that runs on report text takes time linear in its input (issue
#18): on 50,000 characters built to make its quantifiers overlap (words in capitals, runs of "[",
"(", "*", spaces, digits, commas, "of the of the ...", hyphens, dots) it takes at most ``BOUND``
times as long as on 50,000 characters of a real report (patterns) or of plain prose (stages).

The inventory is every compiled pattern of the package (``tests.adversarial.inventory``): a new
pattern is checked without being listed here. ``benchmarks/bench_adversarial.py`` prints the same
figures.

Patterns and stages still quadratic are marked ``xfail(strict=True)`` with the fix proposed for
them: they live in modules being edited by others. Once the fix is in, the test passes, the strict
xfail fails, and the mark goes.
"""

from __future__ import annotations

import pytest

from tests.adversarial import (
    BOUND,
    SIZE,
    SPACY_SIZE,
    STAGE_KINDS,
    best_time,
    entry_of,
    entry_report,
    inventory,
    plain_lower,
    repeat,
    ratio,
    rule_stages,
    time_pattern,
    time_stage,
    UNITS,
)

from .conftest import needs_model

_CONTEXT = "pipeline.fields.places.context"
# Label -> why it is still quadratic, with the fix proposed (the report of issue #18). Empty: the
# place rules' _NAME patterns, _SPLIT_NAMES, _BACKGROUND_BEFORE and _DESTINATION_BEFORE, the last
# ones, are linear now.
QUADRATIC: dict[str, str] = {}


def _pattern_params():
    for label in inventory():
        marks = []
        if label in QUADRATIC:
            marks.append(pytest.mark.xfail(strict=True, reason=QUADRATIC[label]))
        yield pytest.param(label, marks=marks, id=label.removeprefix("pipeline."))


@pytest.mark.parametrize("label", _pattern_params())
def test_pattern_is_linear(label):
    timing = time_pattern(label, inventory()[label])
    assert timing.ratio <= BOUND, timing.describe()


def test_the_inventory_holds_the_patterns_that_were_quadratic():
    # The inventory walks the modules: a pattern it missed would go unchecked.
    labels = set(inventory())
    assert len(labels) > 150
    for name in ("pipeline.text:_MARKUP", "pipeline.fields.sources:LINK",
                 "pipeline.readers.pdf:_WRAPPED_LINK", "pipeline.fields.dates.patterns:_DASH_GAP",
                 f"{_CONTEXT}:_CONTEXT_RULES[site_of_place]", f"{_CONTEXT}:_QUARTER",
                 "pipeline.fields.actors.mentions:_dotted_aliases()"):
        assert name in labels, name
    # ... and the searchers that stand in for patterns (objects with a ``search`` method), which
    # the walk must find as well as compiled patterns.
    for name in (f"{_CONTEXT}:_BACKGROUND_BEFORE", f"{_CONTEXT}:_DESTINATION_BEFORE",
                 "pipeline.fields.places.judge:_PAST_CAPTURE",
                 "pipeline.fields.event_type.decide:_INSTRUMENT",
                 "pipeline.fields.event_type.decide:_BY_MEANS"):
        assert name in labels, name


def test_a_quadratic_pattern_is_caught():
    # The check itself: a pattern that backtracks over a run fails it (on a small size).
    import re

    # From each capital the run is scanned to its end and given back: quadratic, not worse.
    timing = time_pattern("demo", re.compile(r"[A-Z][A-Za-z ]*\bmarket"), size=10_000,
                          units={"caps": UNITS["caps"]})
    assert timing.ratio > BOUND, timing.describe()


# --- stages ----------------------------------------------------------------------------------

# Stage and kind -> why it is still quadratic (a reason, or (reason, strict)). Empty: the casualty
# reader's name runs and quote runs are walked once per entry, each figure's clause is bisected
# from its sentence's casualty words, rival claims keep the earliest figure of each claimant, and
# the event-type hits are kept apart by bisection (issue #18): all linear now.
QUADRATIC_STAGES: dict[tuple[str, str], str | tuple[str, bool]] = {}

_STAGES = rule_stages()
_PLAIN: dict[str, float] = {}


def _plain_time(name: str) -> float:
    if name not in _PLAIN:
        stage = _STAGES[name]
        _PLAIN[name] = best_time(lambda: stage(entry_report(plain_lower(SIZE))), 2)
    return _PLAIN[name]


def _stage_params():
    for name in _STAGES:
        for kind in STAGE_KINDS:
            marks = []
            if (name, kind) in QUADRATIC_STAGES:
                why = QUADRATIC_STAGES[(name, kind)]
                reason, strict = why if isinstance(why, tuple) else (why, True)
                marks.append(pytest.mark.xfail(strict=strict, reason=reason))
            yield pytest.param(name, kind, marks=marks, id=f"{name}-{kind}")


@pytest.mark.parametrize("name, kind", _stage_params())
def test_stage_is_linear(name, kind):
    timing = time_stage(_STAGES[name], kind, plain_time=_plain_time(name))
    assert timing.ratio <= BOUND, f"stage {name}: " + timing.describe()


# The stages that read spaCy's doc, on shorter entries (spaCy itself takes most of the time):
# the whole extraction first (spaCy's tokenizer caches what it has read: the kind must be new to
# it), then the place and actor finders on the entry's doc.
# Kind -> why a spaCy stage is still quadratic on it (none: the place finders are linear now; the
# tokenizer's runs of punctuation are checked below, on their own, at full size).
QUADRATIC_SPACY: dict[str, str] = {}
SPACY_KINDS = ("caps", "capwords", "capcomma", "lbracket", "lparen", "commas", "underscores",
               "numbers", "of_the", "dates", "month_days", "in_place", "killed", "who", "al_hyphen")


def _spacy_times(extractor, body: str, plain: dict[str, float] | None = None) -> dict[str, float]:
    """The whole extraction of a one-entry report of ``body``, then the place and actor finders
    on its doc; with ``plain``, the finders are not run once the extraction is past the bound."""
    from pipeline.fields import actors, places

    report = entry_report(body)
    times = {"extract_text": best_time(lambda: extractor.extract_text(report, "adversarial"), 1)}
    if plain is not None and ratio(times["extract_text"], plain["extract_text"]) > BOUND:
        return times
    entry = entry_of(report)
    doc = extractor.nlp(entry.text)
    tables, settings = extractor.tables, extractor.settings
    times["places"] = best_time(lambda: places.find_places(doc, tables, settings, body=entry.body), 1)
    times["actors"] = best_time(lambda: actors.find_actors(doc, tables, settings, body=entry.body), 1)
    return times


@pytest.fixture(scope="module")
def spacy_plain(extractor):
    return _spacy_times(extractor, plain_lower(SPACY_SIZE))


def _spacy_params():
    for kind in SPACY_KINDS:
        marks = [pytest.mark.slow]
        if kind in QUADRATIC_SPACY:
            marks.append(pytest.mark.xfail(strict=True, reason=QUADRATIC_SPACY[kind]))
        yield pytest.param(kind, marks=marks, id=kind)


@needs_model
@pytest.mark.parametrize("kind", _spacy_params())
def test_spacy_stages_are_linear(extractor, spacy_plain, kind):
    times = _spacy_times(extractor, repeat(UNITS[kind], SPACY_SIZE), spacy_plain)
    slow = {stage: (t, spacy_plain[stage]) for stage, t in times.items()
            if ratio(t, spacy_plain[stage]) > BOUND}
    assert not slow, (
        f"{SPACY_SIZE:,} chars of {UNITS[kind]!r}: "
        + ", ".join(f"{stage} {t:.2f} s against {p:.2f} s" for stage, (t, p) in slow.items())
    )


# The pipeline's tokenizer alone, on the full size: spaCy's own was quadratic on runs of "[",
# "(", "*", ",", "_", '"' and "]"; pipeline.nlp.BoundedTokenizer cuts such runs linearly.
QUADRATIC_TOKENIZER: dict[str, str] = {}


@pytest.fixture(scope="module")
def tokenizer(extractor):
    from tests.adversarial import tokenizer_stage

    stage = tokenizer_stage(extractor.nlp)
    return stage, best_time(lambda: stage(entry_report(plain_lower(SIZE))), 3)


def _tokenizer_params():
    for kind in STAGE_KINDS:
        marks = []
        if kind in QUADRATIC_TOKENIZER:
            marks.append(pytest.mark.xfail(strict=True, reason=QUADRATIC_TOKENIZER[kind]))
        yield pytest.param(kind, marks=marks, id=kind)


@needs_model
@pytest.mark.parametrize("kind", _tokenizer_params())
def test_the_tokenizer_is_linear(tokenizer, kind):
    stage, plain = tokenizer
    timing = time_stage(stage, kind, plain_time=plain, repeat_=3)
    assert timing.ratio <= BOUND, "spaCy's tokenizer: " + timing.describe()
