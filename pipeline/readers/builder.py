"""Build a ``SourceText`` block by block, for readers that know the structure (HTML, PDF).

The HTML and PDF readers know which text is a heading, a list item, a paragraph or a table row;
they add the blocks here in reading order, each as markdown-ish text (bold as ``**``, links as
``[name](target)``), and get back the same ``SourceText`` the plain-text reader makes, so every
later stage reads all formats alike. Blocks are separated by a blank line; a list item's first
line starts with "- ".
"""

from __future__ import annotations

from pathlib import Path

from pipeline.readers.base import Line, Metadata, OriginMap, SourceText, TextBlock


class TextBuilder:
    """Collects blocks and writes the text, its lines, blocks and origin map.

    >>> b = TextBuilder()
    >>> b.add("title", "Mali report", origin=0)
    >>> b.add("list_item", "**May 2, 2017:** Gunmen attack Gao.", origin=40)
    >>> src = b.source(Path("x.html"), "0", "html")
    >>> src.text, [line.kind for line in src.lines], src.title
    ('Mali report\\n\\n- **May 2, 2017:** Gunmen attack Gao.\\n', ['title', 'blank', 'bullet', 'blank'], 'Mali report')
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._lines: list[Line] = []
        self._blocks: list[TextBlock] = []
        self._starts: list[int] = []
        self._origins: list[int] = []
        self.title: str | None = None

    def add(self, kind: str, text: str, *, page: int | None = None, origin: int = 0) -> None:
        """Add one block: kind "title", "heading", "list_item", "paragraph" or "table_row".

        ``text`` may hold line breaks (a list item's continuation lines). ``origin`` is where the
        block starts in the original file (a character offset, or a page number for PDFs).
        """
        lines = [" ".join(part.split()) for part in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return
        if kind == "title" and self.title is not None:
            kind = "heading"
        if self._lines:
            self._line("", "blank", page)
        if kind == "list_item":
            lines[0] = "- " + lines[0]
        if kind == "title":
            self.title = lines[0]
        self._starts.append(self._length)
        self._origins.append(origin)
        first = len(self._lines)
        start = self._length
        for i, line in enumerate(lines):
            if kind in ("title", "heading"):
                line_kind = kind
            else:
                line_kind = "bullet" if kind == "list_item" and i == 0 else "text"
            self._line(line, line_kind, page)
        last = len(self._lines) - 1
        if kind != "title":
            self._blocks.append(TextBlock(kind, first, last, start, self._lines[last].end, page))

    def _line(self, text: str, kind: str, page: int | None) -> None:
        start = self._length
        self._parts.append(text + "\n")
        self._length += len(text) + 1
        self._lines.append(Line(start, start + len(text), kind, page))

    def source(self, path: Path, sha256: str, fmt: str, metadata: Metadata | None = None,
               warnings: list[str] | None = None, unit: str = "character") -> SourceText:
        """The ``SourceText`` of everything added."""
        if self._lines:
            # The text ends with a newline: the empty line after it closes the list of lines.
            self._lines.append(Line(self._length, self._length, "blank", self._lines[-1].page))
        return SourceText(
            path=Path(path), slug=Path(path).stem, sha256=sha256, format=fmt,
            text="".join(self._parts), lines=tuple(self._lines), blocks=tuple(self._blocks),
            title=self.title, page_header=None, metadata=metadata or Metadata(title=self.title),
            origin=OriginMap(tuple(self._starts) or (0,), tuple(self._origins) or (0,), unit),
            warnings=list(warnings or []),
        )
