"""HTML pages: the page's main text as markdown-ish blocks, parsed by BeautifulSoup.

What is read, and why:

- the page is parsed by BeautifulSoup with Python's own ``html.parser``, which keeps every tag's
  line and column (``sourceline``/``sourcepos``): each block's origin is the offset of its tag in
  the HTML file;
- scripts, styles, forms, navigation, asides and footers are never report text; a site header
  is dropped unless it holds the page's ``<h1>``;
- the main text is the page's ``<main>`` or its longest ``<article>`` when it has one, else the
  body;
- ``<h1>`` is the title (the first one; later ones are headings), ``<h2>``-``<h6>`` headings,
  ``<li>`` list items (a nested list's items continue their parent item), ``<tr>`` table rows
  (cells joined by " | "), ``<p>``, ``<div>``, ``<blockquote>``, ``<dd>`` paragraphs; inside
  them ``<strong>``/``<b>`` become ``**bold**``, links ``[words](href)``, ``<br>`` a line break.

The tree is walked with an explicit stack, never by recursion, so markup nested thousands of
levels deep is read like any other.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from pipeline.io import ReportError
from pipeline.readers.base import Metadata, SourceText
from pipeline.readers.builder import TextBuilder
from pipeline.readers.decode import decode_text, read_bytes

_DROP = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "button",
    "iframe", "select", "head", "object", "canvas", "math",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "dd", "dt", "figcaption", "pre",
    "address", "center", "td", "th", "header", "body", "html", "table", "tbody", "thead", "tfoot",
    "ul", "ol", "dl", "figure", "details", "summary",
})
_BOLD = frozenset({"strong", "b"})
_SPACE = re.compile(r"\s+")
# A link target is kept only when it is short and has no markup characters of its own.
_PLAIN_TARGET = re.compile(r"[^\s()\[\]]{0,300}")


def read_html(path: Path, data: bytes | None = None) -> SourceText:
    """Read an HTML page.

    >>> import tempfile
    >>> page = Path(tempfile.mkdtemp()) / "r.html"
    >>> _ = page.write_text("<html><body><nav>Home</nav><h1>Mali</h1><ul><li><b>May 2, 2017:</b> "
    ...     "Gunmen attack Gao. Sources: <a href='#'>AP</a></li></ul></body></html>")
    >>> read_html(page).text
    'Mali\\n\\n- **May 2, 2017:** Gunmen attack Gao. Sources: [AP](#)\\n'
    """
    path = Path(path)
    data = read_bytes(path) if data is None else data
    warnings: list[str] = []
    markup = decode_text(path, data, warnings)
    try:
        soup = BeautifulSoup(markup, "html.parser")
    except (AssertionError, ValueError) as e:  # html.parser's own complaints on broken markup
        raise ReportError(f"{path}: is not HTML that can be parsed ({e})") from e
    offsets = _line_offsets(markup)
    title_tag = soup.find("title")
    page_title = _SPACE.sub(" ", title_tag.get_text()).strip() if title_tag else None
    builder = TextBuilder()
    root = _main(soup)
    _walk(root, builder, offsets)
    if builder.title is None and page_title:
        warnings.append("the page has no <h1>: its <title> is taken as the report's title")
        builder.title = page_title
    if not builder._lines:
        raise ReportError(f"{path}: the page holds no text")
    meta = Metadata(title=page_title or builder.title)
    return builder.source(path, hashlib.sha256(data).hexdigest(), "html", meta, warnings)


def _line_offsets(markup: str) -> list[int]:
    """Offset of the first character of every line, for sourceline/sourcepos."""
    starts = [0]
    for m in re.finditer("\n", markup):
        starts.append(m.end())
    return starts


def _origin(tag: Tag, offsets: list[int]) -> int:
    line = getattr(tag, "sourceline", None)
    col = getattr(tag, "sourcepos", None)
    if line is None or col is None or line - 1 >= len(offsets):
        return 0
    return offsets[line - 1] + col


def _main(soup: BeautifulSoup) -> Tag:
    main = soup.find("main")
    if main is not None:
        return main
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    return soup.body or soup


def _walk(root: Tag, builder: TextBuilder, offsets: list[int]) -> None:
    """Every block of ``root`` in reading order, iteratively."""
    stack: list[Tag | NavigableString] = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name in _DROP or (name == "header" and node.find("h1") is None):
            continue
        if name in _HEADINGS:
            kind = "title" if name == "h1" else "heading"
            builder.add(kind, _inline(node), origin=_origin(node, offsets))
            continue
        if name == "li":
            builder.add("list_item", _inline(node, nested_items=True), origin=_origin(node, offsets))
            continue
        if name == "tr":
            cells = [_inline(c) for c in node.find_all(["td", "th"], recursive=False)]
            builder.add("table_row", " | ".join(c.replace("\n", " ") for c in cells if c.strip()),
                        origin=_origin(node, offsets))
            continue
        if name in _BLOCKS and _has_block_child(node):
            # A container: its inline runs between child blocks are paragraphs of their own.
            children = list(node.children)
            pending: list = []
            for child in reversed(children):
                if isinstance(child, Tag) and (child.name in _BLOCKS or child.name in _HEADINGS
                                               or child.name in ("li", "tr")):
                    if pending:
                        stack.append(_Run(list(reversed(pending))))
                        pending = []
                    stack.append(child)
                elif not isinstance(child, Comment):
                    pending.append(child)
            if pending:
                stack.append(_Run(list(reversed(pending))))
            continue
        builder.add("paragraph", _inline(node), origin=_origin(node, offsets))


class _Run(Tag):
    """Inline nodes standing between blocks, read as one paragraph."""

    def __init__(self, nodes: list) -> None:  # noqa: D107 - a light holder, not a parsed tag
        self.name = "run"
        self.nodes = nodes
        self.sourceline = getattr(nodes[0], "sourceline", None) if nodes else None
        self.sourcepos = getattr(nodes[0], "sourcepos", None) if nodes else None


def _has_block_child(node: Tag) -> bool:
    if isinstance(node, _Run):
        return False
    return any(isinstance(c, Tag) and (c.name in _BLOCKS or c.name in _HEADINGS
                                       or c.name in ("li", "tr"))
               for c in node.children)


def _inline(node: Tag, nested_items: bool = False) -> str:
    """The markdown-ish text of an element: bold, links and line breaks kept, iteratively."""
    out: list[str] = []
    roots = node.nodes if isinstance(node, _Run) else list(node.children)
    # Work items: a node to read, or a literal string to emit when its element closes.
    stack: list = list(reversed(roots))
    while stack:
        item = stack.pop()
        if isinstance(item, str) and not isinstance(item, NavigableString):
            out.append(item)
            continue
        if isinstance(item, Comment):
            continue
        if isinstance(item, NavigableString):
            out.append(str(item))
            continue
        name = item.name
        if name in _DROP:
            continue
        if name == "br":
            out.append("\n")
            continue
        if name in ("ul", "ol") and nested_items:
            stack.append("\n")
            stack.extend(reversed(list(item.children)))
            continue
        if name == "li":
            stack.append("\n")
            stack.extend(reversed(list(item.children)))
            stack.append("\n")
            continue
        if name in _BOLD:
            stack.append("**")
            stack.extend(reversed(list(item.children)))
            stack.append("**")
            continue
        if name == "a":
            href = item.get("href")
            href = href if isinstance(href, str) else ""
            target = href if _PLAIN_TARGET.fullmatch(href) else "#"
            stack.append(f"]({target})")
            stack.extend(reversed(list(item.children)))
            stack.append("[")
            continue
        if name in _BLOCKS or name in _HEADINGS:
            stack.append("\n")
            stack.extend(reversed(list(item.children)))
            stack.append("\n")
            continue
        stack.extend(reversed(list(item.children)))
    text = "".join(out)
    # Bold and links that hold nothing, and spaces inside bold marks, are noise of the markup.
    text = re.sub(r"\*\*(\s*)\*\*", r"\1", text)
    text = re.sub(r"\*\*([^*\n]*?)(\s+)\*\*", r"**\1**\2", text)
    text = re.sub(r"\[\s*\]\([^)]*\)", "", text)
    return "\n".join(_SPACE.sub(" ", line).strip() for line in text.split("\n"))
