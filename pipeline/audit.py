"""The audit page: one self-contained HTML file to check every record against the report's words.

Each record shows its entry text with every extracted value highlighted where its evidence lies,
one colour per field, and the values beside it. Filters narrow the list to what needs checking:
missing fields ("no date", "no killed" ...), event type, year, actor, and, when an older
extraction is given, what was added, removed or changed (old and new values side by side).

The page works offline: inline CSS and script, no link, no font or image to fetch. Every piece
of report text is escaped with ``html.escape``, in attributes too; the page holds no inline JSON
block, so nothing from the report ever reaches a ``<script>`` element. Same records, same bytes.

Evidence offsets point into the raw report; the entry is shown as its cleaned text (markup and
page headers removed) when segmenting the raw report gives that same text, with each cleaned
character mapped to its raw offset (``pipeline.text.CleanText``), else as its raw text.
"""

from __future__ import annotations

import html
import json
import os
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.diff import (
    Change, DiffResult, change_rows_html, describe_value, diff_records, field_values,
)
from pipeline.io import ReportError, atomic_write_bytes, read_records
from pipeline.readers import read_source
from pipeline.schema import Evidence, Record, iter_evidence
from pipeline.layouts.base import Document
from pipeline.layouts.detect import segment_text
from pipeline.text import clean

# The highlighted fields, in the order they win when two highlights overlap, with legend labels.
FIELDS = {
    "date": "date",
    "places": "places",
    "actors": "actors",
    "casualties": "casualties",
    "sources": "sources",
    "event_type": "event type",
}
# Missing-field filters: token -> label. A record carries the tokens of the fields it lacks.
MISSING = {
    "date": "no date",
    "place": "no place",
    "perpetrator": "no perpetrator",
    "killed": "no killed",
    "injured": "no injured",
    "sources": "no source",
    "event_type": "no event type",
}


@dataclass(frozen=True)
class Highlight:
    """A value shown over a range of the report: raw offsets, its field and what it says."""

    start: int
    end: int
    field: str
    label: str


def _casualty_label(record: Record, index: int) -> str:
    return describe_value("casualties", [field_values(record)["casualties"][index]])


def highlights(record: Record) -> list[Highlight]:
    """Every evidence of a record as a highlight, in raw offsets, sorted.

    >>> from pipeline.schema import DateValue, TextSpan
    >>> r = Record(id="x", report="mali", section="s", kind="timeline", text="Gunmen attack Gao.",
    ...     span=TextSpan(start=0, end=18), country=None, locations=[], actors=[], killed=None,
    ...     date=DateValue(start=None, end=None, precision=None, text=None), injured=None,
    ...     kidnapped=None, casualties=[], sources=[], event_type="attack",
    ...     evidence={"event_type": [Evidence(text="attack", start=7, end=13, method="rule:attack")]})
    >>> highlights(r)
    [Highlight(start=7, end=13, field='event_type', label='event type: attack')]
    """
    found: list[Highlight] = []

    def add(evidence: Evidence | None, field: str, label: str) -> None:
        if evidence is not None:
            found.append(Highlight(evidence.start, evidence.end, field, label))

    date = record.date
    add(date.evidence, "date", f"date: {describe_value('date', field_values(record)['date'])}")
    for mention in date.mentions:
        day = mention.start if mention.start == mention.end else f"{mention.start} to {mention.end}"
        add(mention.evidence, "date", f"other date: {day}")
    for loc in record.locations:
        where = ", ".join(x for x in (loc.admin1, loc.country) if x)
        add(loc.evidence, "places", f"place: {loc.name}" + (f" ({where})" if where else ""))
    for loc in record.mentioned_places:
        add(loc.evidence, "places", f"mentioned place: {loc.name}")
    for ev in record.evidence.get("country", []):
        add(ev, "places", f"country: {record.country}")
    for actor in record.actors:
        add(actor.evidence, "actors", "actor: " + describe_value("actors", [actor.model_dump(mode="json")]))
    for ev in record.evidence.get("perpetrator_description", []):
        add(ev, "actors", f"perpetrator description: {record.perpetrator_description}")
    for index, casualty in enumerate(record.casualties):
        add(casualty.evidence, "casualties", "casualties: " + _casualty_label(record, index))
    for ev in record.evidence.get("sources", []):
        add(ev, "sources", f"source: {ev.text}")
    for ev in record.evidence.get("event_type", []):
        add(ev, "event_type", f"event type: {record.event_type}")
    order = list(FIELDS)
    return sorted(found, key=lambda h: (h.start, h.end, order.index(h.field), h.label))


def check_evidence(records: Sequence[Record], raw: str, raw_path: Path, records_path: Path) -> None:
    """Refuse a raw text the records were not extracted from: every evidence must read the same.

    >>> check_evidence([], "text", Path("raw/mali.txt"), Path("mali.jsonl"))
    """
    for record in records:
        if record.span.end > len(raw):
            raise ReportError(
                f"{raw_path}: is not the report {records_path} was extracted from (record "
                f"{record.id} ends at {record.span.end}, past the end of the text): pass --raw"
            )
        for ev in iter_evidence(record):
            if raw[ev.start : ev.end] != ev.text:
                raise ReportError(
                    f"{raw_path}: is not the report {records_path} was extracted from (record "
                    f"{record.id}: {ev.text!r} at {ev.start}-{ev.end} reads "
                    f"{raw[ev.start:ev.end]!r}): pass --raw"
                )


def _entry_views(document: Document) -> dict[tuple[int, int], tuple[str, Sequence[int]]]:
    """Cleaned text and raw offsets of every segmented entry and paragraph, by raw span."""
    return {
        (block.start, block.end): (block.text, block.clean.offsets)
        for block in (*document.entries, *document.paragraphs, *document.events)
    }


def highlighted_html(text: str, offsets: Sequence[int], marks: Sequence[Highlight]) -> str:
    """``text`` escaped, with each highlight's raw range wrapped in a coloured <mark>.

    ``offsets[k]`` is the raw offset of ``text[k]`` (increasing). Where highlights overlap, the
    first field of ``FIELDS`` gives the colour and the tooltip lists every value.

    >>> highlighted_html("kill <9>", [10, 11, 12, 13, 14, 15, 16, 17], [Highlight(15, 18, "casualties", "9 killed")])
    'kill <mark class="f-casualties" title="9 killed">&lt;9&gt;</mark>'
    """
    ranges = []
    for mark in marks:
        a, b = bisect_left(offsets, mark.start), bisect_left(offsets, mark.end)
        if b > a:
            ranges.append((a, b, mark))
    cuts = sorted({0, len(text), *(a for a, _, _ in ranges), *(b for _, b, _ in ranges)})
    order = list(FIELDS)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [m for s, e, m in ranges if s <= a and b <= e]
        piece = html.escape(text[a:b])
        if not covering:
            out.append(piece)
            continue
        covering.sort(key=lambda m: (order.index(m.field), m.label))
        classes = f"f-{covering[0].field}" + (" multi" if len(covering) > 1 else "")
        title = html.escape("; ".join(dict.fromkeys(m.label for m in covering)))
        out.append(f'<mark class="{classes}" title="{title}">{piece}</mark>')
    return "".join(out)


def missing_fields(record: Record) -> list[str]:
    """The missing-field filter tokens a record matches.

    >>> from pipeline.schema import DateValue, TextSpan
    >>> r = Record(id="x", report="mali", section="s", kind="timeline", text="Gunmen attack Gao.",
    ...     span=TextSpan(start=0, end=18), country=None, locations=[], actors=[], killed=0,
    ...     date=DateValue(start=None, end=None, precision=None, text=None), injured=None,
    ...     kidnapped=None, casualties=[], sources=["Reuters"], event_type="attack")
    >>> missing_fields(r)
    ['date', 'place', 'perpetrator', 'injured']
    """
    has = {
        "date": record.date.start is not None,
        "place": bool(record.locations),
        "perpetrator": any(a.role == "perpetrator" for a in record.actors)
        or record.perpetrator_description is not None,
        "killed": record.killed is not None,
        "injured": record.injured is not None,
        "sources": bool(record.sources),
        "event_type": record.event_type is not None,
    }
    return [token for token in MISSING if not has[token]]


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _values_html(record: Record) -> str:
    values = field_values(record)
    rows = [
        ("date", "date", describe_value("date", values["date"])),
        ("places", "country", describe_value("country", values["country"])),
        ("places", "places", describe_value("locations", values["locations"])),
        ("places", "mentioned places", describe_value("mentioned_places", values["mentioned_places"])),
        ("actors", "actors", describe_value("actors", values["actors"])),
        ("actors", "perpetrator description", describe_value("perpetrator_description", values["perpetrator_description"])),
        ("casualties", "killed / injured / kidnapped",
         " / ".join(describe_value(k, values[k]) for k in ("killed", "injured", "kidnapped"))),
        ("casualties", "perpetrators killed", describe_value("perpetrators_killed", values["perpetrators_killed"])),
        ("casualties", "figures", describe_value("casualties", values["casualties"])
         + (" (disputed)" if record.disputed else "")),
        ("sources", "sources", describe_value("sources", values["sources"])),
        ("event_type", "event type", describe_value("event_type", values["event_type"])),
    ]
    for link in record.links:
        rows.append(("", "same event as", f"{link.id} (score {link.score}: {', '.join(link.reasons)})"))
        if link.conflicts:
            # Figures that differ between two mentions of one event: a person decides.
            rows.append(("", "conflict to decide", f"{'; '.join(link.conflicts)} (here vs {link.id})"))
    if record.same_as and not record.links:
        rows.append(("", "same event as", ", ".join(record.same_as)))
    if record.warnings:
        rows.append(("", "warnings", "; ".join(record.warnings)))
    cells = "".join(
        f'<dt><span class="chip f-{field}"></span>{html.escape(label)}</dt><dd>{html.escape(text)}</dd>'
        if field else f"<dt>{html.escape(label)}</dt><dd>{html.escape(text)}</dd>"
        for field, label, text in rows
    )
    return f'<dl class="values">{cells}</dl>'


def _change_table(change: Change, old_name: str) -> str:
    renamed = (
        f"<p>id was {html.escape(change.old.id)}</p>" if change.old.id != change.new.id else ""
    )
    return (
        f'<div class="changes"><h3>Changed since {html.escape(old_name)}</h3>{renamed}'
        '<table><tr><th>field</th><th>old</th><th>new</th></tr>' + change_rows_html(change)
        + "</table></div>"
    )


def _article(record: Record, body: str, status: str, extra: str = "") -> str:
    actors = sorted({a.name for a in record.actors})
    day = record.date.start.isoformat() if record.date.start else "undated"
    badge = f'<span class="badge {status}">{status}</span>' if status not in ("", "unchanged") else ""
    attrs = {
        "class": f"record {status}".strip(),
        "id": f"r-{record.id}",
        "data-missing": " ".join(missing_fields(record)),
        "data-type": record.event_type or "none",
        "data-year": str(record.date.start.year) if record.date.start else "undated",
        "data-actors": json.dumps(actors, ensure_ascii=False),
        "data-status": status,
    }
    attr_text = " ".join(f'{k}="{_attr(v)}"' for k, v in attrs.items())
    section = html.escape(record.section)
    return (
        f"<article {attr_text}><h2><span class=\"rid\">{html.escape(record.id)}</span> "
        f'<span class="day">{html.escape(day)}</span> {badge}'
        f'<span class="section">{section}</span></h2>'
        f'<p class="text">{body}</p>{_values_html(record)}{extra}</article>'
    )


def _options(values: Sequence[str], everything: str) -> str:
    items = [f'<option value="">{html.escape(everything)}</option>']
    items += [f'<option value="{_attr(v)}">{html.escape(v)}</option>' for v in values]
    return "".join(items)


_CSS = """
:root{--date:#ffe08a;--places:#b9e8b9;--actors:#c4d8ff;--casualties:#ffb8b8;--sources:#e3cdff;--event_type:#ffd2a6}
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ccc;padding:.6em 1.2em;z-index:1}
h1{font-size:1.3em;margin:.2em 0}
main{max-width:75em;margin:0 auto;padding:0 1.2em 3em}
.legend span.item{margin-right:1em;white-space:nowrap}
.chip{display:inline-block;width:.9em;height:.9em;border-radius:2px;margin-right:.3em;vertical-align:-.1em}
form{display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center;margin:.4em 0}
fieldset{border:none;padding:0;margin:0}
label{white-space:nowrap}
#shown{font-weight:bold}
article{background:#fff;border:1px solid #ddd;border-left:6px solid #bbb;border-radius:4px;padding:.5em 1em;margin:.8em 0}
article[hidden]{display:none}
article.added{border-left-color:#2a9d3a}article.removed{border-left-color:#c62828}article.changed{border-left-color:#e39b00}
h2{font-size:1em;margin:.2em 0;font-weight:normal}
.rid{font-family:monospace;color:#555}.day{font-weight:bold;margin:0 .5em}.section{color:#777;font-size:90%;margin-left:.5em}
.badge{font-size:80%;padding:.05em .4em;border-radius:3px;color:#fff}
.badge.added{background:#2a9d3a}.badge.removed{background:#c62828}.badge.changed{background:#e39b00}
p.text{margin:.4em 0}
mark{border-radius:2px;padding:0 1px;color:inherit}
mark.multi{outline:1px dashed #444}
.f-date{background:var(--date)}.f-places{background:var(--places)}.f-actors{background:var(--actors)}
.f-casualties{background:var(--casualties)}.f-sources{background:var(--sources)}.f-event_type{background:var(--event_type)}
dl.values{display:grid;grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);gap:0 1em;margin:.3em 0;font-size:90%}
dl.values dt{color:#555}dl.values dd{margin:0}
.changes table{border-collapse:collapse;width:100%;font-size:90%}
.changes td,.changes th{border:1px solid #ddd;padding:.2em .5em;vertical-align:top;text-align:left}
.changes th{background:#f4f4f4}.changes h3{font-size:.95em;margin:.5em 0 .2em}
td.old{background:#fff3f3}td.new{background:#f3fff3}.ev{color:#666;font-size:90%}
del{background:#ffd6d6}ins{background:#d4f7d4;text-decoration:none}
"""

# The filters: every checked or chosen condition must hold for a record to stay shown.
_SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  var records = Array.prototype.slice.call(document.querySelectorAll("article.record"));
  var shown = document.getElementById("shown");
  function value(id) {
    var element = document.getElementById(id);
    return element ? element.value : "";
  }
  function apply() {
    var missing = Array.prototype.slice.call(form.querySelectorAll("input[name=missing]:checked"))
      .map(function (box) { return box.value; });
    var type = value("f-type"), year = value("f-year"), actor = value("f-actor"), status = value("f-status");
    var count = 0;
    records.forEach(function (record) {
      var lacks = record.getAttribute("data-missing").split(" ");
      var ok = missing.every(function (token) { return lacks.indexOf(token) >= 0; })
        && (!type || record.getAttribute("data-type") === type)
        && (!year || record.getAttribute("data-year") === year)
        && (!actor || JSON.parse(record.getAttribute("data-actors")).indexOf(actor) >= 0)
        && (!status || record.getAttribute("data-status") === status);
      record.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + records.length + " records shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
}());
"""


def audit_html(
    records: Sequence[Record],
    raw: str,
    title: str,
    diff: DiffResult | None = None,
) -> str:
    """The audit page of ``records`` (evidence offsets into ``raw``), marked with ``diff`` if given.

    >>> page = audit_html([], "", "mali.jsonl")
    >>> page.startswith("<!doctype html>"), "0 of 0 records shown" in page
    (True, True)
    """
    document = segment_text(raw) if raw else None
    views = _entry_views(document) if document else {}
    page_header = document.source.page_header if document else None
    status: dict[int, str] = {}
    changes: dict[int, Change] = {}
    if diff is not None:
        added = {id(r) for r in diff.added}
        by_new = {id(c.new): c for c in diff.changed}
        for index, record in enumerate(records):
            if id(record) in added:
                status[index] = "added"
            elif id(record) in by_new:
                status[index] = "changed"
                changes[index] = by_new[id(record)]
            else:
                status[index] = "unchanged"
    articles = []
    for index, record in enumerate(records):
        view = views.get((record.span.start, record.span.end))
        if view is None and raw:
            # Narrative records are sentences inside a paragraph: clean their own range.
            sentence = clean(raw, record.span.start, record.span.end, page_header=page_header)
            view = (sentence.text, sentence.offsets)
        if view is not None and view[0] == record.text:
            text, offsets = view
        else:
            text = raw[record.span.start : record.span.end]
            offsets = range(record.span.start, record.span.end)
        body = highlighted_html(text, offsets, highlights(record))
        extra = _change_table(changes[index], diff.old_name) if index in changes else ""
        articles.append(_article(record, body, status.get(index, ""), extra))
    removed = list(diff.removed) if diff is not None else []
    for record in removed:
        # The old report's text is not at hand: the old record's own text, without highlights.
        articles.append(_article(record, html.escape(record.text), "removed"))

    everything = [*records, *removed]
    types = sorted({r.event_type or "none" for r in everything})
    years = sorted({str(r.date.start.year) for r in everything if r.date.start}, reverse=True)
    if any(r.date.start is None for r in everything):
        years.append("undated")
    actors = sorted({a.name for r in everything for a in r.actors})
    legend = "".join(
        f'<span class="item"><span class="chip f-{key}"></span>{html.escape(label)}</span>'
        for key, label in FIELDS.items()
    )
    boxes = "".join(
        f'<label><input type="checkbox" name="missing" value="{_attr(token)}"> {html.escape(label)}</label>'
        for token, label in MISSING.items()
    )
    shown = f"{len(everything)} of {len(everything)} records shown"
    status_filter = ""
    summary = f"{len(records)} records"
    if diff is not None:
        counts = {
            "added": len(diff.added), "removed": len(diff.removed),
            "changed": len(diff.changed), "unchanged": diff.unchanged,
        }
        status_filter = (
            '<label>change <select id="f-status">' + _options(list(counts), "all")
            + "</select></label>"
        )
        summary += " · since " + html.escape(diff.old_name) + ": " + ", ".join(
            f"{n} {key}" for key, n in counts.items()
        )
    parts = [
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Audit: {html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>Audit: {html.escape(title)}</h1><div>{summary}</div>",
        f'<div class="legend">{legend}</div>',
        f'<form id="filters"><fieldset>{boxes}</fieldset>',
        f'<label>event type <select id="f-type">{_options(types, "all")}</select></label>',
        f'<label>year <select id="f-year">{_options(years, "all")}</select></label>',
        f'<label>actor <select id="f-actor">{_options(actors, "all")}</select></label>',
        status_filter,
        f'<button type="reset">clear</button> <span id="shown">{shown}</span></form></header>',
        f'<main>{"".join(articles)}</main>',
        f"<script>{_SCRIPT}</script></body></html>\n",
    ]
    return "\n".join(parts)


def write_audit(records_path: Path, out: Path, old: Path | None = None, raw: Path | None = None) -> Path:
    """Write the audit page of a records file to ``out``; return ``out``.

    The report text is ``raw``, else the ``<report>.source.txt`` an extraction writes beside the
    records (the text the offsets index, of the same run: looked for beside the file the records
    path leads to, so a link ``out/mali.jsonl`` finds its own run's text), else
    ``raw/<report>.txt``. With ``old`` (an older records file), the page marks what was added,
    removed and changed since.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "empty.jsonl").write_text("")
    >>> write_audit(folder / "empty.jsonl", folder / "audit.html")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    pipeline.io.ReportError: ...empty.jsonl: holds no records to audit
    """
    records_path, out = Path(records_path), Path(out)
    # The file the path leads to, read once: a run published meanwhile cannot pair these records
    # with another run's text.
    resolved = Path(os.path.realpath(records_path))
    records = read_records(resolved if resolved.is_file() else records_path)
    if not records:
        raise ReportError(f"{records_path}: holds no records to audit")
    reports = sorted({r.report for r in records})
    if len(reports) > 1:
        raise ReportError(
            f"{records_path}: holds records of {len(reports)} reports ({', '.join(reports)}): "
            "audit one report's file at a time"
        )
    source = resolved.parent / f"{reports[0]}.source.txt"
    if raw is None and source.is_file():
        raw_path = source
        try:
            # newline="": the offsets count a CRLF file's carriage returns.
            with open(source, encoding="utf-8", newline="") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as e:
            raise ReportError(f"{source}: cannot be read as UTF-8 text (pass --raw)") from e
    else:
        raw_path = Path(raw) if raw is not None else Path("raw") / f"{reports[0]}.txt"
        try:
            text = read_source(raw_path).text
        except ReportError as e:
            raise ReportError(f"{e} (the report text of {records_path}: pass --raw)") from e
    check_evidence(records, text, raw_path, records_path)
    diff = None
    if old is not None:
        diff = diff_records(read_records(Path(old)), records)
        diff.old_name, diff.new_name = str(old), str(records_path)
    page = audit_html(records, text, records_path.name, diff)
    try:
        atomic_write_bytes(out, page.encode("utf-8"))
    except OSError as e:
        raise ReportError(f"{out}: cannot write the audit page ({e.strerror})") from e
    return out
