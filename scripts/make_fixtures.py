"""Typeset a markdown-ish report as an HTML page and as a PDF, for the reader tests.

    .venv/bin/pip install -e ".[fixtures]"
    .venv/bin/python scripts/make_fixtures.py raw/mali.txt tests/fixtures/mali

writes ``tests/fixtures/mali.html`` and ``tests/fixtures/mali.pdf``: the same report, its headings,
paragraphs and bulleted entries, bold dates and outlet links, as a publisher would put it on the
web (with a site menu and footer around it) and in print (A4, the title as a running page header
and a page number at the foot of every page). The plain-text reader reads the structure; this
script only writes it out again. The outputs are committed; tests never run this script.
"""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

from pipeline.readers.plain import BULLET, read_plain

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)\)")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_ESCAPE = re.compile(r"\\([$()\[\]*_#.-])")


def inline_html(text: str) -> str:
    """Markdown-ish inline markup as HTML: bold, links, italics, escapes.

    >>> inline_html("**May 2:** x \\\\$5 [AP](#)")
    '<strong>May 2:</strong> x $5 <a href="#">AP</a>'
    """
    out = html.escape(" ".join(text.split()), quote=False)
    out = _LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    return _ESCAPE.sub(r"\1", out)


def blocks(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """The report's title and its blocks as (kind, markdown-ish text), page headers left out."""
    source = read_plain(path)
    out: list[tuple[str, str]] = []
    for block in source.blocks:
        lines = [source.line_text(k) for k in range(block.first, block.last + 1)
                 if source.lines[k].kind in ("bullet", "text", "heading")]
        text = " ".join(line.strip() for line in lines)
        if block.kind == "list_item":
            text = BULLET.sub("", text, count=1)
        out.append((block.kind, text))
    return source.title or path.stem, out


def write_html(title: str, items: list[tuple[str, str]], path: Path) -> None:
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{html.escape(title)} | Country reports</title>", "</head>", "<body>",
        '<header class="site"><a href="/">Home</a></header>',
        '<nav><ul><li><a href="/reports">Reports</a></li><li><a href="/about">About</a></li></ul></nav>',
        "<main>", f"<h1>{html.escape(title)}</h1>",
    ]
    in_list = False
    for kind, text in items:
        if kind == "list_item" and not in_list:
            parts.append("<ul>")
            in_list = True
        if kind != "list_item" and in_list:
            parts.append("</ul>")
            in_list = False
        tag = {"heading": "h2", "list_item": "li", "paragraph": "p"}[kind]
        parts.append(f"<{tag}>{inline_html(text)}</{tag}>")
    if in_list:
        parts.append("</ul>")
    parts += ["</main>", "<footer><p>Copyright notice and contact details.</p></footer>",
              "</body>", "</html>", ""]
    path.write_text("\n".join(parts), encoding="utf-8")


def write_pdf(title: str, items: list[tuple[str, str]], path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=18, bulletIndent=6)
    heading = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=13, leading=16,
                             spaceBefore=10, spaceAfter=6)
    big = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=18, leading=22,
                         spaceAfter=12)

    def markup(text: str) -> str:
        out = inline_html(text)
        out = out.replace("<strong>", "<b>").replace("</strong>", "</b>")
        out = out.replace("<em>", "<i>").replace("</em>", "</i>")
        # A PDF link needs a URL with a scheme: the report's bare "#" targets get one.
        return re.sub(r'<a href="(?![a-z]+:)([^"]*)">', r'<a href="https://source.invalid/\1" color="blue">', out)

    story = [Paragraph(html.escape(title), big)]
    for kind, text in items:
        if kind == "heading":
            story.append(Paragraph(markup(text), heading))
        elif kind == "list_item":
            story.append(Paragraph(markup(text), bullet, bulletText="•"))
        else:
            story.append(Paragraph(markup(text), body))
    story.append(Spacer(1, 6))

    def page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(doc.leftMargin, A4[1] - 40, title)
        canvas.drawRightString(A4[0] - doc.rightMargin, 30, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, title=title, author="", subject="",
                            creator="", producer="", invariant=1)
    doc.build(story, onFirstPage=page, onLaterPages=page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("out", type=Path, help="output path without suffix")
    args = parser.parse_args()
    title, items = blocks(args.report)
    write_html(title, items, args.out.with_suffix(".html"))
    write_pdf(title, items, args.out.with_suffix(".pdf"))


if __name__ == "__main__":
    main()
