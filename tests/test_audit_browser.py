"""The audit page in a real headless Chromium: it loads offline, logs no error, and filters work.

Needs Debian's chromium (``apt-get install -y chromium``) and the playwright package
(``pip install playwright``); playwright's own browser download is never used.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.audit import write_audit
from pipeline.io import records_jsonl

from .test_audit import RAW, build

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None,
                       reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    old = build()
    old[0].killed = 7
    (tmp_path / "old.jsonl").write_bytes(records_jsonl(old))
    (tmp_path / "mali.jsonl").write_bytes(records_jsonl(build()))
    (tmp_path / "mali.txt").write_text(RAW, encoding="utf-8")
    return write_audit(tmp_path / "mali.jsonl", tmp_path / "audit.html",
                       old=tmp_path / "old.jsonl", raw=tmp_path / "mali.txt")


def test_page_loads_filters_and_renders(page_file: Path, tmp_path: Path):
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            shown = page.locator("#shown")
            assert shown.inner_text() == "3 of 3 records shown"
            records = page.locator("article.record")

            def visible() -> list[str]:
                return [records.nth(i).get_attribute("id") for i in range(records.count())
                        if records.nth(i).is_visible()]

            page.check("input[name=missing][value=killed]")
            assert visible() == ["r-mali-2023-03-03-2", "r-mali-undated-3"]
            assert shown.inner_text() == "2 of 3 records shown"
            page.select_option("#f-year", "undated")
            assert visible() == ["r-mali-undated-3"]
            page.click("button[type=reset]")
            page.select_option("#f-status", "changed")
            assert visible() == ["r-mali-2024-11-23-1"]
            page.select_option("#f-status", "")
            page.select_option("#f-actor", index=1)
            assert visible() == ["r-mali-2023-03-03-2"]
            # The hostile text of that record is shown as text, never run.
            assert "<script>alert(1)</script>" in records.nth(1).inner_text()
            page.select_option("#f-actor", "")
            shot = tmp_path / "audit.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert requests == [page_file.as_uri()]
    assert shot.stat().st_size > 10_000
