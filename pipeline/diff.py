"""What changed between two extractions of a report: records added, removed and changed.

Records are aligned by id first (ids are stable across re-runs, see ``pipeline.ids``), then the
rest by content (``pipeline.ids.match_records``), so two outputs extracted independently, with
different ids for edited entries, still align.

Only values are compared, never positions: an entry that moved in the file (a page header moved,
an entry added above it) is unchanged. Ignored: ``span``, every Evidence (its offsets, its words
and its method), the ``text`` of a location or an actor (how the report spells it; the entry's
``text`` is compared), the ``id``, ``schema_version``, ``report`` and ``warnings``. Ids in
``same_as`` are compared after mapping old ids to the ids of the new records they align with.
"""

from __future__ import annotations

import difflib
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.history import resolve_run
from pipeline.ids import match_records
from pipeline.io import ReportError, atomic_write_bytes, read_records
from pipeline.schema import Record

COMPARED_FIELDS = (
    "section", "text", "date", "country", "country_source", "locations", "mentioned_places", "actors",
    "perpetrator_description", "killed", "injured", "kidnapped", "perpetrators_killed",
    "casualties", "disputed", "sources", "event_type", "same_as",
)
_COUNT_KINDS = {"killed": "killed", "injured": "injured", "kidnapped": "kidnapped"}


@dataclass
class FieldChange:
    """One field whose value differs, with the words each side read it from."""

    old: object
    new: object
    old_evidence: list[str]
    new_evidence: list[str]

    def as_dict(self) -> dict:
        return {
            "old": self.old, "new": self.new,
            "evidence": {"old": self.old_evidence, "new": self.new_evidence},
        }


@dataclass
class Change:
    """A record present on both sides with at least one field changed."""

    old: Record
    new: Record
    fields: dict[str, FieldChange]

    def as_dict(self) -> dict:
        return {
            "id": self.new.id,
            "old": self.old.model_dump(mode="json"),
            "new": self.new.model_dump(mode="json"),
            "fields": {name: change.as_dict() for name, change in self.fields.items()},
        }


@dataclass
class DiffResult:
    """Records added (new only), removed (old only), changed, and how many are unchanged."""

    added: list[Record] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    old_name: str = "old"
    new_name: str = "new"

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_dict(self) -> dict:
        return {
            "added": [r.model_dump(mode="json") for r in self.added],
            "removed": [r.model_dump(mode="json") for r in self.removed],
            "changed": [c.as_dict() for c in self.changed],
            "unchanged": self.unchanged,
        }

    def to_json(self) -> str:
        """The differences as JSON: added, removed, changed (with each field), unchanged."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def _without(item: dict, keys: tuple[str, ...]) -> dict:
    return {k: v for k, v in item.items() if k not in keys}


def field_values(record: Record) -> dict[str, object]:
    """The compared values of a record, as JSON values, without offsets or evidence.

    >>> from pipeline.schema import DateValue, TextSpan
    >>> r = Record(id="x", report="mali", section="s", kind="timeline", text="Gunmen kill 9.",
    ...     span=TextSpan(start=0, end=14), country="ML", locations=[], actors=[], killed=9,
    ...     date=DateValue(start=None, end=None, precision=None, text=None), injured=None,
    ...     kidnapped=None, casualties=[], sources=["Reuters"], event_type="attack")
    >>> values = field_values(r)
    >>> values["killed"], values["sources"], values["date"]["start"]
    (9, ['Reuters'], None)
    """
    data = record.model_dump(mode="json")
    values = {name: data[name] for name in COMPARED_FIELDS}
    date = _without(data["date"], ("evidence", "text", "mentions"))
    date["mentions"] = [_without(m, ("evidence",)) for m in data["date"]["mentions"]]
    values["date"] = date
    for name in ("locations", "mentioned_places", "actors"):
        values[name] = [_without(item, ("evidence", "text")) for item in data[name]]
    values["casualties"] = [_without(item, ("evidence",)) for item in data["casualties"]]
    return values


def field_evidence(record: Record, name: str) -> list[str]:
    """The report's words behind one field of a record (empty for text, section, same_as).

    >>> from pipeline.schema import DateValue, Evidence, TextSpan
    >>> r = Record(id="x", report="mali", section="s", kind="timeline", text="Gunmen kill 9.",
    ...     span=TextSpan(start=0, end=14), country=None, locations=[], actors=[], killed=None,
    ...     date=DateValue(start=None, end=None, precision=None, text=None), injured=None,
    ...     kidnapped=None, casualties=[], sources=[], event_type="attack",
    ...     evidence={"event_type": [Evidence(text="kill", start=7, end=11, method="rule:kill")]})
    >>> field_evidence(r, "event_type")
    ['kill']
    """
    if name == "date":
        found = [record.date.evidence] if record.date.evidence else []
        return [e.text for e in found] + [m.evidence.text for m in record.date.mentions]
    if name in ("locations", "mentioned_places", "actors"):
        return [item.evidence.text for item in getattr(record, name)]
    if name in _COUNT_KINDS:
        return [c.evidence.text for c in record.casualties
                if c.kind == _COUNT_KINDS[name] and not c.perpetrators]
    if name == "perpetrators_killed":
        return [c.evidence.text for c in record.casualties if c.kind == "killed" and c.perpetrators]
    if name in ("casualties", "disputed"):
        return [c.evidence.text for c in record.casualties]
    return [e.text for e in record.evidence.get(name, [])]


def _align(old: Sequence[Record], new: Sequence[Record]) -> list[tuple[int, int]]:
    """Pairs (old index, new index): equal ids first, then the rest by content."""
    old_by_id: dict[str, int] = {}
    for i, record in enumerate(old):
        old_by_id.setdefault(record.id, i)
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    for j, record in enumerate(new):
        i = old_by_id.get(record.id)
        if i is not None and i not in used_old and old[i].kind == record.kind:
            pairs.append((i, j))
            used_old.add(i)
    used_new = {j for _, j in pairs}
    old_left = [i for i in range(len(old)) if i not in used_old]
    new_left = [j for j in range(len(new)) if j not in used_new]
    by_content = match_records([old[i] for i in old_left], [new[j] for j in new_left])
    pairs.extend((old_left[a], new_left[b]) for a, b in by_content)
    return sorted(pairs, key=lambda pair: pair[1])


def diff_records(old: Sequence[Record], new: Sequence[Record]) -> DiffResult:
    """Align two lists of records and list what was added, removed and changed.

    >>> from pipeline.schema import DateValue, TextSpan
    >>> def entry(id, text, killed):
    ...     return Record(id=id, report="mali", section="s", kind="timeline", text=text,
    ...         span=TextSpan(start=0, end=1), country=None, locations=[], actors=[], killed=killed,
    ...         date=DateValue(start=None, end=None, precision=None, text=None), injured=None,
    ...         kidnapped=None, casualties=[], sources=[], event_type=None)
    >>> result = diff_records([entry("a", "Gunmen kill 9 in Gao.", 9)], [entry("a", "Gunmen kill 11 in Gao.", 11)])
    >>> result.has_changes, sorted(result.changed[0].fields), result.unchanged
    (True, ['killed', 'text'], 0)
    """
    pairs = _align(old, new)
    id_map = {old[i].id: new[j].id for i, j in pairs}
    result = DiffResult()
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    for i, j in pairs:
        before, after = field_values(old[i]), field_values(new[j])
        before_links = sorted(id_map.get(x, x) for x in old[i].same_as)
        changes: dict[str, FieldChange] = {}
        for name in COMPARED_FIELDS:
            same = (
                before_links == sorted(after[name]) if name == "same_as"
                else before[name] == after[name]
            )
            if not same:
                changes[name] = FieldChange(
                    before[name], after[name],
                    field_evidence(old[i], name), field_evidence(new[j], name),
                )
        if changes:
            result.changed.append(Change(old[i], new[j], changes))
        else:
            result.unchanged += 1
    result.added = [r for j, r in enumerate(new) if j not in paired_new]
    result.removed = [r for i, r in enumerate(old) if i not in paired_old]
    return result


def _load_side(ref: str | Path, runs_dir: Path) -> tuple[list[Record], str]:
    path = Path(ref)
    if path.is_file():
        return read_records(path), str(path)
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if len(files) != 1:
            raise ReportError(f"{path}: expected one records file (.jsonl), found {len(files)}")
        return read_records(files[0]), str(files[0])
    if path.suffix == ".jsonl" or len(path.parts) > 1:
        raise ReportError(f"{path}: no such file")
    found = resolve_run(str(ref), runs_dir)
    return read_records(found), f"{ref} ({found})"


def diff_paths(old: str | Path, new: str | Path, runs_dir: Path) -> DiffResult:
    """Diff two records files; each side is a JSONL path, a run folder or a run id (or prefix).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text(""), (folder / "b.jsonl").write_text("")
    >>> diff_paths(folder / "a.jsonl", folder / "b.jsonl", folder / "runs").has_changes
    False
    """
    old_records, old_name = _load_side(old, runs_dir)
    new_records, new_name = _load_side(new, runs_dir)
    result = diff_records(old_records, new_records)
    result.old_name, result.new_name = old_name, new_name
    return result


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The words of two texts as runs: ("=", kept), ("-", removed), ("+", added).

    >>> word_diff("kill nine in Sevare", "kill 11 in Sevare")
    [('=', 'kill'), ('-', 'nine'), ('+', '11'), ('=', 'in Sevare')]
    """
    a, b = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            runs.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(b[j1:j2])))
    return runs


def _short_text(text: str, words: int = 6) -> str:
    """Kept words between changes, cut to a few on each side."""
    parts = text.split()
    if len(parts) <= 2 * words:
        return text
    return " ".join(parts[:words]) + " … " + " ".join(parts[-words:])


def describe_value(name: str, value: object) -> str:
    """A field's compared value in a few words, for the terminal and the audit page.

    >>> describe_value("actors", [{"name": "JNIM", "role": "perpetrator", "attribution": "claimed"}])
    'JNIM (perpetrator, claimed)'
    >>> describe_value("killed", None)
    'none'
    """
    if value is None or value == []:
        return "none"
    if name == "date" and isinstance(value, dict):
        start, end = value.get("start"), value.get("end")
        if start is None and end is None:
            bounds = f"between {value.get('not_before')} and {value.get('not_after')}"
            return f"unknown ({bounds})" if value.get("inferred") else "unknown"
        span = start if start == end else f"{start} to {end}"
        return f"{span} ({value.get('precision')})"
    if name in ("locations", "mentioned_places"):
        return ", ".join(str(item.get("name")) for item in value)
    if name == "actors":
        return ", ".join(
            f"{a.get('name')} ({a.get('role')}" + (f", {a['attribution']})" if a.get("attribution") else ")")
            for a in value
        )
    if name == "casualties":
        return "; ".join(_describe_casualty(c) for c in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _describe_casualty(c: dict) -> str:
    low, high = c.get("min"), c.get("max")
    # The qualifier says how open the figure is ("at least 7", "dozens"): the bounds add the rest.
    if low is None:
        figure = "" if high is None else str(high)
    elif high is None or high == low:
        figure = str(low)
    else:
        figure = f"{low}-{high}"
    words = [str(c.get("kind"))]
    if c.get("qualifier") != "exact":
        words.append(str(c.get("qualifier")))
    words += [figure] if figure else []
    if c.get("group") != "unspecified":
        words.append(str(c.get("group")))
    if c.get("perpetrators"):
        words.append("(perpetrators)")
    return " ".join(words)


def _field_lines(name: str, change: FieldChange) -> list[str]:
    if name == "text":
        runs = word_diff(change.old, change.new)
        shown = [
            _short_text(text) if op == "=" else f"[-{text}-]" if op == "-" else f"{{+{text}+}}"
            for op, text in runs
        ]
        return [f"    text: {' '.join(shown)}"]
    old, new = describe_value(name, change.old), describe_value(name, change.new)
    if old == new:
        # The short forms hide what differs (a latitude, a kind): show the values in full.
        old = json.dumps(change.old, ensure_ascii=False, sort_keys=True)
        new = json.dumps(change.new, ensure_ascii=False, sort_keys=True)
    lines = [f"    {name}: {old} -> {new}"]
    if change.old_evidence or change.new_evidence:
        before = " | ".join(change.old_evidence) or "-"
        after = " | ".join(change.new_evidence) or "-"
        lines.append(f"      evidence: {before!r} -> {after!r}")
    return lines


def _headline(sign: str, record: Record) -> str:
    day = record.date.start.isoformat() if record.date.start else "undated"
    text = record.text if len(record.text) <= 100 else record.text[:99] + "…"
    return f"{sign} {record.id}  {day}  {text}"


def format_diff(result: DiffResult) -> str:
    """The differences for the terminal: one line per added or removed record, and for each
    changed record its fields, old -> new, with their evidence; a count line at the end.

    >>> print(format_diff(DiffResult(unchanged=3)))
    --- old
    +++ new
    no changes: 3 records unchanged
    """
    lines = [f"--- {result.old_name}", f"+++ {result.new_name}"]
    lines += [_headline("+", r) for r in result.added]
    lines += [_headline("-", r) for r in result.removed]
    for change in result.changed:
        lines.append(_headline("~", change.new))
        if change.old.id != change.new.id:
            lines.append(f"    id: {change.old.id} -> {change.new.id}")
        for name, field_change in change.fields.items():
            lines.extend(_field_lines(name, field_change))
    if result.has_changes:
        lines.append(
            f"{len(result.added)} added, {len(result.removed)} removed, "
            f"{len(result.changed)} changed, {result.unchanged} unchanged"
        )
    else:
        lines.append(f"no changes: {result.unchanged} records unchanged")
    return "\n".join(lines)


def word_diff_html(old: str, new: str) -> str:
    """Two texts as one HTML fragment, removed words in <del>, added words in <ins>, escaped.

    >>> word_diff_html("kill <b>9</b>", "kill 11")
    'kill <del>&lt;b&gt;9&lt;/b&gt;</del> <ins>11</ins>'
    """
    parts = []
    for op, text in word_diff(old, new):
        escaped = html.escape(text)
        parts.append(escaped if op == "=" else f"<del>{escaped}</del>" if op == "-" else f"<ins>{escaped}</ins>")
    return " ".join(parts)


_DIFF_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h2{margin-top:1.6em;border-bottom:1px solid #ccc}
.rec{border:1px solid #ddd;border-left:6px solid #999;border-radius:4px;padding:.5em .8em;margin:.6em 0}
.added{border-left-color:#2a9d3a}.removed{border-left-color:#c62828}.changed{border-left-color:#e39b00}
.id{font-family:monospace;color:#555}
table{border-collapse:collapse;width:100%;margin-top:.4em}
td,th{border:1px solid #ddd;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4}.ev{color:#666;font-size:90%}
del{background:#ffd6d6;text-decoration:line-through}ins{background:#d4f7d4;text-decoration:none}
"""


def _record_html(kind: str, record: Record) -> str:
    day = record.date.start.isoformat() if record.date.start else "undated"
    return (
        f'<div class="rec {kind}"><div><span class="id">{html.escape(record.id)}</span> '
        f"{html.escape(day)}</div><p>{html.escape(record.text)}</p></div>"
    )


def change_rows_html(change: Change) -> str:
    """The table rows of one changed record: field, old value and new value with their evidence,
    the text as a word diff. The diff page and the audit page both show changes with them."""
    rows = []
    for name, fc in change.fields.items():
        if name == "text":
            rows.append(f'<tr><td>text</td><td colspan="2">{word_diff_html(fc.old, fc.new)}</td></tr>')
            continue
        old, new = describe_value(name, fc.old), describe_value(name, fc.new)
        if old == new:
            old = json.dumps(fc.old, ensure_ascii=False, sort_keys=True)
            new = json.dumps(fc.new, ensure_ascii=False, sort_keys=True)
        old_ev = html.escape(" | ".join(fc.old_evidence))
        new_ev = html.escape(" | ".join(fc.new_evidence))
        rows.append(
            f"<tr><td>{html.escape(name)}</td>"
            f'<td class="old">{html.escape(old)}<div class="ev">{old_ev}</div></td>'
            f'<td class="new">{html.escape(new)}<div class="ev">{new_ev}</div></td></tr>'
        )
    return "".join(rows)


def _change_html(change: Change) -> str:
    day = change.new.date.start.isoformat() if change.new.date.start else "undated"
    return (
        f'<div class="rec changed"><div><span class="id">{html.escape(change.new.id)}</span> '
        f"{html.escape(day)}</div><table><tr><th>field</th><th>old</th><th>new</th></tr>"
        + change_rows_html(change) + "</table></div>"
    )


def diff_html(result: DiffResult) -> str:
    """The differences as one self-contained HTML page (inline CSS, no script, no links).

    >>> "no changes" in diff_html(DiffResult(unchanged=2))
    True
    """
    summary = (
        f"{len(result.added)} added, {len(result.removed)} removed, {len(result.changed)} changed, "
        f"{result.unchanged} unchanged" if result.has_changes
        else f"no changes: {result.unchanged} records unchanged"
    )
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Diff: {html.escape(result.old_name)} → {html.escape(result.new_name)}</title>",
        f"<style>{_DIFF_CSS}</style></head><body>",
        f"<h1>What changed</h1><p>old: {html.escape(result.old_name)}<br>new: "
        f"{html.escape(result.new_name)}</p><p><strong>{html.escape(summary)}</strong></p>",
    ]
    for title, kind, items in (("Added", "added", result.added), ("Removed", "removed", result.removed)):
        if items:
            parts.append(f"<h2>{title} ({len(items)})</h2>")
            parts.extend(_record_html(kind, r) for r in items)
    if result.changed:
        parts.append(f"<h2>Changed ({len(result.changed)})</h2>")
        parts.extend(_change_html(c) for c in result.changed)
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_diff_html(result: DiffResult, path: Path) -> Path:
    """Write ``diff_html(result)`` atomically to ``path``; return the path.

    >>> import tempfile
    >>> write_diff_html(DiffResult(), Path(tempfile.mkdtemp()) / "diff.html").name
    'diff.html'
    """
    path = Path(path)
    try:
        atomic_write_bytes(path, diff_html(result).encode("utf-8"))
    except OSError as e:
        raise ReportError(f"{path}: cannot write the diff page ({e.strerror})") from e
    return path
