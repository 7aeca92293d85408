"""Pieces of the book written by lkjpy: the source viewer, per-agency outputs, safe HTML tables."""

from __future__ import annotations

import csv
import html
import json
import math
from pathlib import Path

import pandas as pd

from .audit import audit
from .downloads import write_combined_parts
from .load import Agency
from .measures import SUMMARY_NUMBERS, indicator_measures, summary
from .registry import agency_entry, source_path
from .text import split_lines

#: Where, relative to a chapter page (book/agencies/<id>/), the source viewer pages are.
SOURCES_FROM_CHAPTER = "../../sources"




def source_page(agency_id: str, data: Path) -> str:
    """The source viewer page of one report: every line escaped, with an anchor ``L<n>``, marked as
    Indonesian text, and a link back to the agency's chapter. A range ``#L<n>-L<m>`` is highlighted
    by the book's script (``book/_static/lkjpy.js``)."""
    entry = agency_entry(agency_id, data)
    lines = split_lines(source_path(entry, data).read_text(encoding="utf-8"))
    width = len(str(len(lines)))
    # One block per line, no newline between them: a newline inside <pre> would double the spacing.
    body = "".join(
        f'<span class="src-line" id="L{n}"><a class="src-ln" href="#L{n}" aria-label="line {n}">{n:>{width}}</a> '
        f"{html.escape(text)}</span>" for n, text in enumerate(lines, start=1))
    return (f"# Source: {entry['id']}\n\n"
            f"[Back to the chapter](../agencies/{agency_id}/agency.ipynb)\n\n"
            f'<p class="src-about">The text of the report of the <span lang="id">{html.escape(entry["name"])}</span> '
            f"({html.escape(str(entry['year']))}) as vendored in <code>data/{html.escape(entry['source'])}</code> "
            f'(sha256 <code class="src-hash">{html.escape(entry["sha256"])}</code>), one anchor per line: '
            f"<code>#L&lt;line&gt;</code>, or <code>#L&lt;first&gt;-L&lt;last&gt;</code> for a range.</p>\n\n"
            f"{origin_html(entry)}"
            f'<pre class="src-view" lang="id" tabindex="0" aria-label="Source text, one numbered line per '
            f'report line">{body}</pre>\n')


def origin_html(entry: dict) -> str:
    """Where the report was published and how its text was made, from the registry's optional
    origin fields (``new-agency`` records them); empty when the entry has none. Texts escaped."""
    parts = []
    url = entry.get("url")
    if url:
        parts.append(f'Published at <a href="{html.escape(url)}">{html.escape(url)}</a>')
    if entry.get("retrieved"):
        parts.append(f"retrieved {html.escape(str(entry['retrieved']))}")
    if entry.get("converter"):
        made = f"text made by {html.escape(entry['converter'])} {html.escape(str(entry.get('converter_version', '')))}"
        if entry.get("pdf_sha256"):
            made += f' from the PDF with sha256 <code class="src-hash">{html.escape(entry["pdf_sha256"])}</code>'
        parts.append(made.strip())
    return f'<p class="src-origin">{"; ".join(parts)}.</p>\n\n' if parts else ""


def write_source_page(agency_id: str, out_dir: Path, data: Path) -> Path:
    """Write ``<out_dir>/<agency_id>.md``, the source viewer page of the agency registered in ``data``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{agency_id}.md"
    path.write_text(source_page(agency_id, data), encoding="utf-8")
    return path


def line_links(lines: str, agency_id: str, base: str = SOURCES_FROM_CHAPTER) -> str:
    """HTML links to the source viewer for ``"457;469"``-style line lists; a part ``N-M`` links the
    range ``#LN-LM``."""
    links = []
    for part in str(lines).split(";"):
        first, _, last = part.strip().partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            continue
        first, last = int(first), int(last or first)
        if last > first:
            links.append(f'<a class="src-ref" href="{base}/{agency_id}.html#L{first}-L{last}">{first}–{last}</a>')
        else:
            links.append(f'<a class="src-ref" href="{base}/{agency_id}.html#L{first}">{first}</a>')
    return ", ".join(links)


def cited_lines(row, figures: tuple[str, ...] | None = None, gap: int = 3) -> str:
    """The lines a table row's figures stand on, as ``"N"``, ``"N-M"`` or ``"N-M;K"``: the row's
    ``source_line`` and each figure's ``X_line`` (``N`` or ``N-M``) where given (``figures=None``:
    every ``X_line`` of the row). Lines at most ``gap`` apart are joined into one range, so a row
    broken over neighbouring lines is cited whole."""
    spans = [(int(row["source_line"]), int(row["source_line"]))]
    if figures is None:
        names = row.keys()  # a dict's keys or a Series' index (iterating a Series gives its values)
        figures = tuple(str(k)[:-5] for k in names if str(k).endswith("_line") and k != "source_line")
    for figure in figures:
        cite = str(row.get(f"{figure}_line", "") or "").strip()
        if cite and cite.lower() != "nan":
            first, _, last = cite.partition("-")
            spans.append((int(first), int(last or first)))
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + gap:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return ";".join(f"{a}-{b}" if b > a else str(a) for a, b in merged)


def chapter_link(agency_id: str, label: str, title: str = "", base: str = "../agencies") -> str:
    """An HTML link from a cross-agency page to an agency's chapter; texts escaped."""
    hint = f' title="{html.escape(title)}"' if title else ""
    return f'<a href="{base}/{html.escape(agency_id)}/agency.html"{hint}>{html.escape(label)}</a>'


#: Column headers whose cells hold text as the report printed it, in Indonesian.
PRINTED_MARK = "as printed"


def html_table(frame: pd.DataFrame, raw: tuple[str, ...] = (), classes: str = "lkj-table", caption: str = "",
               indonesian: tuple[str, ...] | None = None) -> str:
    """An HTML table whose cells are escaped, except the ``raw`` columns (built by lkjpy itself),
    with a ``caption``, in a box that scrolls sideways (keyboard-focusable) when the table is wider
    than the page. Cells of the ``indonesian`` columns (by default those whose header says
    *as printed*) carry ``lang="id"``."""
    if indonesian is None:
        indonesian = tuple(str(c) for c in frame.columns if PRINTED_MARK in str(c).lower())
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for col in frame.columns:
            value = row[col]
            text = "" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else str(value)
            lang = ' lang="id"' if str(col) in indonesian and text else ""
            cells.append(f"<td{lang}>{text if col in raw else html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    table = f'<table class="{classes}">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    label = f' aria-label="{html.escape(caption)}"' if caption else ""
    return f'<div class="lkj-scroll" tabindex="0" role="region"{label}>{table}</div>'


def write_outputs(agency: Agency, out_dir: Path, findings: pd.DataFrame | None = None,
                  indicators: pd.DataFrame | None = None) -> dict:
    """Write the agency's outputs for the cross-agency pages (summary.json, indicators.csv, audit.csv)
    and for the archive (its parts of the combined tables, :func:`lkjpy.downloads.write_combined_parts`).
    ``findings`` (:func:`lkjpy.audit.audit`) and ``indicators`` (:func:`lkjpy.measures.indicator_measures`)
    of the agency, when already computed, are written as they are instead of being computed again."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if agency.curated and indicators is None:
        indicators = indicator_measures(agency)
    info = {k: _plain(v) for k, v in summary(agency, indicators).items()}
    (out_dir / "summary.json").write_text(json.dumps(info, indent=1, sort_keys=True), encoding="utf-8")
    if agency.curated:
        cols = ["agency_id", "indicator_id", "indicator", "indicator_en", "theme", "unit", "polarity",
                "target_printed", "realisasi_printed", "capaian_reported", "capaian_standard", "target_met",
                "category_reported", "category_reference", "formula_variant"]
        indicators[cols].to_csv(out_dir / "indicators.csv", index=False)
    (audit(agency) if findings is None else findings).to_csv(out_dir / "audit.csv", index=False)
    write_combined_parts(agency, out_dir)
    return info


def _plain(value):
    """A JSON-safe scalar: NaN becomes null, NumPy scalars Python ones."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


STATUS_FILE = "status.json"


def write_status(out_dir: Path, ok: bool, reason: str = "", name: str = "") -> None:
    """Record whether an agency's chapter was built (``outputs/status.json``), and why not."""
    out_dir.mkdir(parents=True, exist_ok=True)
    status = {"ok": ok, "reason": reason, "name": name}
    (out_dir / STATUS_FILE).write_text(json.dumps(status, indent=1, sort_keys=True), encoding="utf-8")


def failed_agencies(ids: list[str], chapters: Path) -> list[dict]:
    """The registry's agencies whose chapter has no outputs to compare: its build failed (with the
    reason it recorded) or its outputs are missing. Each: ``id``, ``name``, ``reason``."""
    out = []
    for agency_id in ids:
        outputs = Path(chapters) / agency_id / "outputs"
        try:
            status = json.loads((outputs / STATUS_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            status = {"ok": False, "reason": "its outputs are missing"}
        if not isinstance(status, dict):
            status = {"ok": False, "reason": "its build status is unreadable"}
        if status.get("ok") is not True or not (outputs / "summary.json").is_file():
            out.append({"id": agency_id, "name": str(status.get("name") or agency_id),
                        "reason": str(status.get("reason") or "its outputs are missing")})
    return out


def failure_notice(failed: list[dict], base: str = "../agencies") -> str:
    """HTML note naming the agencies a cross-agency page leaves out, each linked to its chapter
    (which says why); empty when none is left out. Texts escaped."""
    if not failed:
        return ""
    items = "".join(
        f"<li>{chapter_link(f['id'], f['name'], base=base)}: "
        f"{html.escape(f['reason'].strip().splitlines()[0] if f['reason'].strip() else 'build failed')}</li>"
        for f in failed)
    n = len(failed)
    return ('<div class="admonition warning"><p class="admonition-title">Left out of this page</p>'
            f"<p>{n} registered report{'s' if n != 1 else ''} could not be built from the current data "
            f"and {'are' if n != 1 else 'is'} not counted below:</p><ul>{items}</ul></div>")


def read_outputs(kind: str, ids: list[str], pages: Path) -> pd.DataFrame:
    """Concatenate one kind of per-agency output (``summary``, ``indicators``, ``audit``) of the
    agencies ``ids`` whose chapter wrote it, read in one go (a national book has hundreds)."""
    name = f"{kind}.json" if kind == "summary" else f"{kind}.csv"
    paths = [p for p in (pages / agency_id / "outputs" / name for agency_id in ids) if p.exists()]
    if not paths:
        return pd.DataFrame()
    if kind != "summary":
        return read_output_csvs(paths, kind)
    out = pd.DataFrame([json.loads(path.read_text(encoding="utf-8")) for path in paths])
    for col in SUMMARY_NUMBERS:
        out[col] = pd.to_numeric(out[col].astype(object).where(out[col].notna(), None), errors="coerce").astype(float)
    return out


#: Computed columns of the per-agency CSV outputs, read as numbers and flags; every other column is
#: read as the text written (a printed ``1.350`` stays ``1.350``, ``2`` stays ``2``).
OUTPUT_NUMBERS = {"indicators": ("capaian_reported", "capaian_standard")}
OUTPUT_FLAGS = {"indicators": ("target_met",)}


def read_output_csvs(paths: list[Path], kind: str) -> pd.DataFrame:
    """Per-agency CSV outputs of one kind, one after the other: text as written, computed columns as
    numbers (empty: NaN) and flags as booleans (empty: NA); a column a file lacks is missing (NaN) in
    its rows. Consecutive files of the same columns are read into one table at once."""
    runs: list[tuple[list[str], list[list[str]]]] = []  # (columns, rows) of consecutive files
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            header, *rows = [row for row in csv.reader(handle) if row]
        if runs and runs[-1][0] == header:
            runs[-1][1].extend(rows)
        else:
            runs.append((header, rows))
    frame = pd.concat([pd.DataFrame(rows, columns=header, dtype=str) for header, rows in runs], ignore_index=True)
    for col in OUTPUT_NUMBERS.get(kind, ()):
        if col in frame:
            frame[col] = pd.to_numeric(frame[col].where(frame[col] != "", None), errors="raise").astype(float)
    for col in OUTPUT_FLAGS.get(kind, ()):
        if col in frame:
            frame[col] = pd.array([{"True": True, "False": False}.get(v) for v in frame[col]], dtype="boolean")
    return frame
