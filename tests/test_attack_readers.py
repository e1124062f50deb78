"""Hostile files for the PDF and HTML readers (issue #18): each gives records or one line naming
the file (a ``ReportError``), within seconds.

Every input is made here, in ``tmp_path``: truncated, damaged and encrypted PDFs, PDFs of 3,000
pages, with no text layer (an image, drawn shapes); HTML nested 100,000 levels deep, a 20 MB
page, scripts and styles, entities (broken ones too), NUL bytes and mixed encodings. Two of them
go through the command line, as a user runs it: exit 1 and one line on stderr naming the file.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.io import ReportError
from pipeline.readers import read_source
from pipeline.settings import Settings

from .conftest import ROOT

ENTRY = ("<ul><li><b>May 2, 2017:</b> Gunmen attack a market in Gao, killing five. Sources: "
         "<a href='#'>AP</a></li></ul>")
PAGE = "<html><body><h1>Mali</h1>{}</body></html>"
# What a hostile file may take to be read or refused, on a busy machine.
SECONDS = 20


def _read(path: Path, settings: Settings | None = None, seconds: float = SECONDS):
    """The file read (its ``SourceText``) or its ``ReportError``, and that it took < ``seconds``."""
    started = time.perf_counter()
    try:
        result = read_source(path, settings)
    except ReportError as e:
        result = e
    took = time.perf_counter() - started
    assert took < seconds, f"{path.name} took {took:.1f} s"
    return result


def _refused(result, path: Path, *words: str) -> str:
    assert isinstance(result, ReportError), f"{path.name} was read: {result.text[:80]!r}"
    message = str(result)
    assert "\n" not in message and message.startswith(str(path)), message
    for word in words:
        assert word in message, message
    return message


# --- PDF -------------------------------------------------------------------------------------


def _pdf(path: Path, pages: int = 1, text: bool = True, encrypt=None, shapes: bool = False,
         image: bool = False) -> Path:
    reportlab = pytest.importorskip("reportlab")  # noqa: F841 - the fixtures extra
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter, encrypt=encrypt, invariant=1)
    for _ in range(pages):
        if shapes:
            c.rect(100, 100, 200, 200, fill=1)
            c.line(50, 50, 500, 700)
        if image:
            from PIL import Image
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(Image.new("RGB", (300, 100), "white")), 72, 500)
        if text:
            c.drawString(72, 720, "Mali: Extremism and Terrorism")
            c.drawString(72, 690, "- May 2, 2017: Gunmen attack a market in Gao, killing five.")
        c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory) -> bytes:
    return _pdf(tmp_path_factory.mktemp("pdf") / "good.pdf").read_bytes()


@pytest.mark.parametrize("cut", [5, 40, 0.25, 0.5, 0.9, -30, -1])
def test_a_truncated_pdf_is_one_line(tmp_path, good_pdf, cut):
    end = int(len(good_pdf) * cut) if isinstance(cut, float) else cut
    path = tmp_path / "cut.pdf"
    path.write_bytes(good_pdf[:end])
    result = _read(path)
    if not isinstance(result, ReportError):
        assert "Gao" in result.text  # pdfminer recovered the text before the cut
    else:
        _refused(result, path, "PDF")


def test_the_mali_pdf_cut_or_damaged_anywhere_is_read_or_one_line(tmp_path):
    # Damage in the middle of a real report: pdfminer fails in many ways (AttributeError on a
    # PSKeyword, zlib errors): each is the file's fault, said in one line.
    import random

    data = (ROOT / "tests" / "fixtures" / "mali.pdf").read_bytes()
    rng = random.Random(18)
    path = tmp_path / "damaged.pdf"
    for k in range(12):
        if k % 2:
            damaged = data[: rng.randrange(10, len(data))]
        else:
            damaged = bytearray(data)
            for _ in range(20):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        result = _read(path, seconds=30)
        if isinstance(result, ReportError):
            _refused(result, path)


def test_garbage_with_a_pdf_header_is_one_line(tmp_path):
    import random

    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(1).randbytes(20_000))
    _refused(_read(path), path, "not a PDF that can be read")
    path.write_bytes(b"%PDF-")
    _refused(_read(path), path, "not a PDF that can be read")


def test_a_pdf_named_txt_is_still_read_as_a_pdf(tmp_path, good_pdf):
    path = tmp_path / "report.txt"
    path.write_bytes(good_pdf)
    assert "Gao" in _read(path).text


def test_an_encrypted_pdf_says_so(tmp_path):
    path = _pdf(tmp_path / "locked.pdf", encrypt="secret")
    _refused(_read(path), path, "encrypted")


def test_an_encrypted_pdf_with_an_empty_user_password_is_read(tmp_path):
    # Owner-password protection only (no printing, no copying): every reader opens it.
    from reportlab.lib import pdfencrypt

    path = _pdf(tmp_path / "owner.pdf",
                encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0))
    assert "Gao" in _read(path).text


@pytest.mark.parametrize("kind", ["shapes", "image", "blank"])
def test_a_pdf_without_a_text_layer_says_run_ocr(tmp_path, kind):
    path = _pdf(tmp_path / f"{kind}.pdf", text=False, shapes=kind == "shapes", image=kind == "image")
    _refused(_read(path), path, "no text layer", "run OCR first")


def test_3000_blank_pages_are_refused_in_seconds(tmp_path):
    path = _pdf(tmp_path / "blank.pdf", pages=3000, text=False)
    _refused(_read(path), path, "no text layer")


def test_pages_past_the_limit_are_not_read_and_a_warning_says_so(tmp_path):
    # 3,000 pages of text against a limit of 200 (the default, 2,000, reads for about 12 s).
    path = _pdf(tmp_path / "long.pdf", pages=3000)
    source = _read(path, Settings(max_pdf_pages=200))
    assert source.text.count("Gunmen attack") == 200
    assert source.warnings == ["the PDF has 3,000 pages: only the first 200 were read"]


def test_a_page_with_thousands_of_links_reads_in_seconds(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "links.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "Mali: Extremism and Terrorism")
    for k in range(3000):
        x, y = 20 + (k % 60) * 9, 40 + (k // 60) * 12
        c.drawString(x, y, "a")
        c.linkURL(f"https://example.org/{k}", (x, y, x + 8, y + 10), relative=0)
    c.showPage()
    c.save()
    source = _read(path)
    assert "Mali" in source.text


# --- HTML ------------------------------------------------------------------------------------


def _html(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _entry_text(source) -> str:
    assert "- **May 2, 2017:** Gunmen attack a market in Gao, killing five." in source.text
    return source.text


@pytest.mark.parametrize("wrap", [
    lambda n: "<div>" * n + ENTRY + "</div>" * n,  # nested, closed
    lambda n: "<div>" * n + ENTRY,  # nested, never closed
    lambda n: ENTRY + "<p>" + "<b>" * n + "x" + "</b>" * n + "</p>",  # inline nesting
    lambda n: ENTRY + "<ul><li>" * (n // 10) + "x",  # nested list items
], ids=["divs", "unclosed-divs", "bold", "list-items"])
def test_html_nested_100000_levels_deep(tmp_path, wrap):
    path = _html(tmp_path, "deep.html", PAGE.format(wrap(100_000)))
    _entry_text(_read(path))


@pytest.mark.parametrize("filler", [
    "<script>{}</script>", "<style>{}</style>", "<!--{}-->", "<p>{}</p>",
], ids=["script", "style", "comment", "paragraph"])
def test_a_20_mb_page_is_read_in_seconds(tmp_path, filler):
    # Just under the 20 MB limit of one report (pipeline.readers.decode.MAX_REPORT_BYTES).
    body = ("word " * (19 * 1024 * 1024 // 5)).strip()
    path = _html(tmp_path, "big.html", PAGE.format(ENTRY + filler.format(body)))
    text = _entry_text(_read(path, seconds=60))
    assert ("word word" in text) == filler.startswith("<p>")


def test_a_page_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path):
    path = _html(tmp_path, "huge.html", PAGE.format(ENTRY + "<!--" + "x" * (21 * 1024 * 1024) + "-->"))
    _refused(_read(path, seconds=5), path, "limit")


def test_scripts_and_styles_are_never_text(tmp_path):
    script = ("<script>var s = '<li><b>May 3, 2017:</b> SCRIPTED attack</li>'; if (a < b && c > d) "
              "{ document.write('<p>' + x + '</p>'); }</script>")
    style = "<style>li::before { content: 'STYLED'; } p > b { color: red }</style>"
    noscript = "<noscript><p>NOSCRIPT text</p></noscript>"
    path = _html(tmp_path, "scripts.html",
                 PAGE.format(script + ENTRY + style + noscript + "<template><p>TEMPLATE</p></template>"))
    text = _entry_text(_read(path))
    for word in ("SCRIPTED", "STYLED", "NOSCRIPT", "TEMPLATE", "document.write", "color"):
        assert word not in text


def test_entities_are_decoded_and_broken_ones_kept_harmless(tmp_path):
    path = _html(tmp_path, "entities.html", PAGE.format(
        "<ul><li><b>May 2, 2017:</b> Gunmen &amp; bandits attack Gao &#x2014; five die "
        "&#99999999; &#0; &#xD800; &bogus; &amp &lt;script&gt;alert(1)&lt;/script&gt;</li></ul>"))
    text = _read(path).text
    assert "Gunmen & bandits attack Gao — five die" in text
    assert "<script>alert(1)</script>" in text  # text that looks like markup stays text
    assert "\x00" not in text and "\ud800" not in text


def test_nul_bytes_are_one_line(tmp_path):
    path = _html(tmp_path, "nul.html", PAGE.format(ENTRY).encode().replace(b"Gunmen", b"Gun\x00men"))
    result = _read(path)
    if isinstance(result, ReportError):
        _refused(result, path, "NUL")
    else:
        assert "\x00" not in result.text


def test_mixed_encodings_cost_only_the_bad_bytes(tmp_path):
    # UTF-8, with one list item pasted from a Windows-1252 page.
    head, tail = PAGE.split("{}")
    content = ((head + "<p>Malí</p>").encode("utf-8")
               + "<ul><li><b>May 2, 2017:</b> Gunmen attack a market in Ségou.</li></ul>".encode("cp1252")
               + tail.encode("utf-8"))
    source = _read(_html(tmp_path, "mixed.html", content))
    assert "Malí" in source.text and "Gunmen attack a market in S" in source.text
    assert any("UTF-8" in w for w in source.warnings)


def test_a_page_of_markup_without_text_is_one_line(tmp_path):
    path = _html(tmp_path, "empty.html", PAGE.replace("<h1>Mali</h1>", "").format(
        "<div><span></span></div>" * 10_000 + "<script>var a = 1;</script>"))
    _refused(_read(path), path, "no text")


# --- the command line --------------------------------------------------------------------------


@pytest.mark.slow
def test_the_command_line_refuses_hostile_files_in_one_line_each(tmp_path):
    encrypted = _pdf(tmp_path / "locked.pdf", encrypt="secret")
    scan = _pdf(tmp_path / "scan.pdf", text=False, image=True)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(_pdf(tmp_path / "whole.pdf").read_bytes()[:300])
    deep = _html(tmp_path, "deep.html", PAGE.format("<div>" * 100_000 + ENTRY + "</div>" * 100_000))
    expected = {encrypted: "encrypted", scan: "run OCR first", cut: "cut-off"}
    run = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", *map(str, expected), str(deep),
         "--out", str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    for path, words in expected.items():
        errors = [line for line in lines if str(path) in line]
        assert len(errors) == 1 and words in errors[0], run.stderr
    # The good file among them is extracted all the same.
    assert (tmp_path / "out" / "deep.jsonl").read_text(encoding="utf-8").count("\n") == 1
