"""The shape of the package: modules a reader can hold in mind, and a README that maps them.

No module of ``pipeline/`` is over ``MAX_LINES`` lines, and every package and top-level module
of ``pipeline/`` is named in the README's "How it works" or "Layout" section, so a newcomer can
find where a layout, a format, a table row or an export goes.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"
MAX_LINES = 700


def test_no_module_is_over_the_limit():
    long = {str(p.relative_to(ROOT)): n for p in sorted(PACKAGE.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def _readme_sections() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)
    return "\n".join(p for p in parts if p.startswith(("How it works", "Layout")))


def test_the_readme_maps_every_part_of_the_package():
    sections = _readme_sections()
    assert sections, "the README has no 'How it works' or 'Layout' section"
    parts = sorted(p.name for p in PACKAGE.iterdir()
                   if (p.is_dir() and (p / "__init__.py").exists() or p.suffix == ".py")
                   and not p.name.startswith("_"))
    parts += ["layouts"]  # a namespace package: no __init__.py
    missing = [p for p in sorted(set(parts)) if p.removesuffix(".py") not in sections]
    assert not missing, f"not in the README's architecture: {missing}"


def test_the_readme_names_no_module_that_is_gone():
    named = set(re.findall(r"`(?:[a-z_]+/)*([a-z_]+\.py)`", _readme_sections()))
    present = {p.name for folder in ("pipeline", "scripts", "benchmarks", "tests")
               for p in (ROOT / folder).rglob("*.py")}
    assert named, "the README's architecture names no module"
    assert not named - present, f"the README names modules that do not exist: {sorted(named - present)}"
