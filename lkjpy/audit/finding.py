"""A finding, the verdict vocabulary (:data:`SEVERITY_MEANING`, the one place it is written; the
book's pages show it with :func:`severity_glossary`), the one agreement rule, and the collector
that keeps one finding per problem."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from functools import lru_cache

import pandas as pd

from .. import fmt
from ..parse import printed_decimals

SEVERITIES = ("error", "warning", "unverifiable", "info")

#: What each severity means, for every page and file that explains it (Markdown).
SEVERITY_MEANING = {
    "error": ("the printed figure is wrong by the report's own figures: arithmetic that does not follow, a "
              "total that does not add up, two printings of one quantity that disagree, a label that puts a "
              "result higher on the report's own scale than its figure allows, a realisation in the wrong "
              "unit, a missing value, a printed spreadsheet error, a printed figure that does not read as a "
              "number (`malformed`), or a printed count that differs from what it counts. Each error carries "
              "its size, in the figure's unit and as a percentage of the recomputed value"),
    "warning": ("the figure follows a recognised method other than the standard one (a named formula variant, "
                "or the standard where the report states another formula, an unweighted mean standing for a "
                "whole), a label lower than its figure allows, one share printed two ways (rounded in one "
                "place, truncated in another), or a PK target that differs from the Renstra's"),
    "unverifiable": ("the figure cannot be recomputed because an input is missing, unreadable or printed in "
                     "another unit, or the formula divides zero by zero. This is not an accusation: such "
                     "figures are shown apart and feed no other check"),
    "info": ("the printed figure agrees with the recomputation: it is the recomputed value rounded or "
             "truncated to the decimals it prints"),
}


def severity_glossary() -> str:
    """The four severities and their meaning as a Markdown list (one item per severity)."""
    return "\n".join(f"- *{name}*: {SEVERITY_MEANING[name]};" if name != SEVERITIES[-1]
                     else f"- *{name}*: {SEVERITY_MEANING[name]}." for name in SEVERITIES)


@dataclass(kw_only=True)
class Finding:
    """One problem (or one agreeing check): what was printed, what it should be, and where."""

    agency_id: str
    check: str
    subject: str
    reported: str
    recomputed: str
    severity: str
    source_lines: str
    message: str
    reported_value: float = math.nan
    recomputed_value: float = math.nan
    abs_diff: float = math.nan
    rel_diff: float = math.nan
    unit: str = ""
    source_table: str = ""
    formula: str = ""
    printings: int = 1
    key: tuple = field(default=(), repr=False)


COLUMNS = [f.name for f in fields(Finding) if f.name != "key"]


#: decimals of a printed figure, read once per text
_decimals = lru_cache(maxsize=16384)(printed_decimals)


def tolerance(printed: str, number_format: str = "id") -> float:
    """Half a unit of the last printed decimal: the rounding a printed figure may carry."""
    return 0.5 * 10 ** -_decimals(printed, number_format) + 1e-9


def agrees(printed: str, reported: float, recomputed: float, number_format: str = "id") -> str | None:
    """``rounded`` or ``truncated`` when ``reported`` is ``recomputed`` shown at the printed
    precision, else None. The one agreement rule of the audit (figures, sums and versions)."""
    if math.isnan(reported) or math.isnan(recomputed):
        return None
    if abs(reported - recomputed) <= tolerance(printed, number_format):
        return "rounded"
    step = 10 ** -_decimals(printed, number_format)
    if abs(math.trunc(recomputed / step + 1e-9 * math.copysign(1, recomputed)) * step - reported) <= step * 1e-6:
        return "truncated"
    return None


def size_text(abs_diff: float, rel_diff: float, unit: str = "") -> str:
    """``off by Rp 1 (0.0 %)``: the size of a difference in the book's locale."""
    if math.isnan(abs_diff):
        return ""
    amount = fmt.rupiah(abs_diff) if unit == "Rp" else fmt.figure(abs_diff, 4) + (f" {unit}" if unit else "")
    rel = "" if math.isnan(rel_diff) else f", {fmt.figure(rel_diff, 2)} % of the recomputed figure"
    return f"off by {amount}{rel}"


def shown(value: float | str) -> str:
    """A recomputed value as the book shows it (locale, up to four decimals)."""
    return value if isinstance(value, str) else fmt.figure(value)


class Collector:
    """Findings of one agency. A warning, error or unverifiable finding whose ``key`` (its root
    cause) was seen before is folded into the first one: its lines and tables are added, and
    ``printings`` counts how often the report prints the problem. Agreeing findings stay one per
    check so they can be counted."""

    def __init__(self, agency_id: str):
        self.agency_id = agency_id
        self.findings: list[Finding] = []
        self._by_key: dict[tuple, Finding] = {}
        self._by_cell: dict[tuple, Finding] = {}

    def add(self, *, check: str, subject: str, reported: str, severity: str, lines, message: str,
            recomputed: float | str = math.nan, reported_value: float = math.nan, unit: str = "",
            table: str = "", formula: str = "", key: tuple = (), cell: tuple = ()) -> Finding:
        """Record a finding. ``key`` names its root cause within the check, ``cell`` the printed
        cell it accuses (line, text): a later non-agreeing finding with the same key, or about the
        same cell from another check, is the same problem and is folded into the first."""
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity!r}")
        value = math.nan if isinstance(recomputed, str) else float(recomputed)
        diff = abs(reported_value - value) if not (math.isnan(value) or math.isnan(reported_value)) else math.nan
        rel = diff / abs(value) * 100 if not math.isnan(diff) and value else math.nan
        lines = [int(n) for n in lines]
        if severity != "info":
            same = self._by_key.get((check, *key)) if key else None
            cells = list(cell) if cell and isinstance(cell[0], tuple) else ([cell] if cell else [])
            same = same or next((self._by_cell[c] for c in cells if c in self._by_cell), None)
            if same is not None:
                if key:
                    self._by_key.setdefault((check, *key), same)
                for c in cells:
                    self._by_cell.setdefault(c, same)
                return self._merge(same, lines, table, severity, check, message, subject, reported)
        if severity == "error" and not math.isnan(diff) and diff > 1e-9 and "off by" not in message:
            head, sep, tail = message.partition("; ")
            message = f"{head} ({size_text(diff, rel, unit)}){sep}{tail}"
        found = Finding(agency_id=self.agency_id, check=check, subject=subject, reported=reported,
                        recomputed="" if isinstance(recomputed, float) and math.isnan(recomputed) else shown(recomputed),
                        severity=severity, source_lines=join_lines(lines), message=message,
                        reported_value=reported_value, recomputed_value=value, abs_diff=diff, rel_diff=rel,
                        unit=unit, source_table=table, formula=formula, key=(check, *key) if key else ())
        self.findings.append(found)
        if severity != "info":
            if found.key:
                self._by_key[found.key] = found
            for c in cells:
                self._by_cell.setdefault(c, found)
        return found

    def on_line(self, line: int) -> list[Finding]:
        """The problems found so far whose accused cell is printed on ``line``."""
        found = {id(f): f for (at, _), f in self._by_cell.items() if at == line}
        return list(found.values())

    def _merge(self, first: Finding, lines: list[int], table: str, severity: str, check: str,
               message: str, subject: str, reported: str = "") -> Finding:
        first.source_lines = join_lines([*split_lines(first.source_lines), *lines])
        tables = first.source_table.split("; ") if first.source_table else []
        first.source_table = "; ".join(dict.fromkeys([*tables, *[t for t in table.split("; ") if t]]))
        if check == first.check:
            first.printings += 1
            head = subject.split()[0]
            if head not in first.subject.split(" (also ")[0].split()[0] and head not in first.subject:
                first.subject = (f"{first.subject[:-1]}, {head})" if first.subject.endswith(")") and " (also " in
                                 first.subject else f"{first.subject} (also {head})")
        if SEVERITIES.index(severity) < SEVERITIES.index(first.severity):
            first.severity = severity
        says_what = reported and message.startswith(f"{reported} is ")
        if says_what and message[len(reported):] not in first.message:
            # a verdict that says what the printed figure is continues the sentence
            first.message = f"{first.message}; {first.reported}{message[len(reported):]}"
        elif not says_what and check != first.check and f"; {check} check: " not in first.message:
            first.message = f"{first.message}; {check} check: {message}"
        return first

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame({c: [getattr(f, c) for f in self.findings] for c in COLUMNS}, columns=COLUMNS)
        frame["severity"] = pd.Categorical(frame["severity"], categories=SEVERITIES, ordered=True)
        return frame.sort_values(["severity", "check"], kind="stable").reset_index(drop=True)


def join_lines(lines) -> str:
    """Lines as ``a;b;c``, in the order given, each once."""
    return ";".join(str(n) for n in dict.fromkeys(int(n) for n in lines))


def split_lines(text: str) -> list[int]:
    return [int(n) for n in str(text).split(";") if n]
