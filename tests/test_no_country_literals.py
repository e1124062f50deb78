"""No country is written into the pipeline's code: countries live in data tables.

A string literal in ``pipeline/`` (outside docstrings; comments are not literals) must not be an
ISO 3166-1 code ("ML", "USA") nor hold a country's name, short form or adjective as a word
("Mali", "U.S.", "Malian"). Knowledge of countries belongs in ``pipeline/data``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pycountry

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
# Short forms and adjectives the ISO names do not spell out.
_EXTRA = (
    "U.S.", "U.K.", "USA", "UK", "Ivory Coast", "Russia", "Syria", "Iran", "Congo", "Burma",
    "Turkey", "Vietnam", "Laos", "Tanzania", "Bolivia", "Venezuela", "Moldova", "Korea",
    "Malian", "Nigerian", "Nigerien", "Burkinabe", "French", "American", "British", "Somali",
    "Kenyan", "Afghan", "Iraqi", "Syrian", "Yemeni", "Egyptian", "Pakistani", "Indian",
    "Cameroonian", "Chadian", "Mauritanian", "Algerian", "Libyan", "Ivorian", "Russian",
    "German", "Italian", "Spanish", "Chinese", "Turkish", "Israeli", "Palestinian", "Colombian",
)


def _names() -> re.Pattern:
    names = set(_EXTRA)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
    alternatives = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


_CODES = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}
_NAMES = _names()


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def country_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every string literal outside docstrings that names a country."""
    tree = ast.parse(source)
    docstrings = _docstring_ids(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if node.value in _CODES or _NAMES.search(node.value):
                found.append((node.lineno, node.value))
    return sorted(found)


def test_the_check_finds_what_it_looks_for():
    code = 'def f(x="ML"):\n    """Mali is fine here."""\n    return x in ("Malian Armed Forces", "Gao")\n'
    assert country_literals(code) == [(1, "ML"), (3, "Malian Armed Forces")]


def test_no_module_names_a_country():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {literal[:60]!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, literal in country_literals(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "\n".join(offenders)
