"""What part of a report is curated: the registry's optional ``coverage`` list.

A report may be curated to a declared coverage (for example its profile, its PK indicators and
its budget total) instead of every table. What is not covered is "not curated", never "not
printed": the chapter leaves those sections out and says so. An entry without ``coverage`` is
fully curated.
"""

from __future__ import annotations

#: Each section of a chapter, the tables that feed it, and what it shows.
SECTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "profile": (("meta",), "the report's identity: head, dates, plan periods"),
    "pk": (("indicators", "indicator_results"), "the PK indicators with the report year's target, "
           "realisation, capaian and category"),
    "history": (("indicator_results",), "realisations of earlier years"),
    "renstra": (("renstra_targets",), "the Renstra's yearly and end-of-period targets"),
    "budget_total": (("budget",), "the agency's whole budget for the year (item 'total')"),
    "budget_programs": (("budget",), "pagu, realisasi and serapan by program"),
    "budget_detail": (("budget",), "kegiatan, sub-kegiatan, belanja types, funding sources"),
    "aggregates": (("aggregates",), "printed averages and totals of indicator results"),
    "efficiency": (("efficiency",), "capaian kinerja against serapan anggaran"),
    "rating_scales": (("rating_scales",), "the report's own rating scales"),
    "benchmarks": (("benchmarks",), "the same indicators at other bodies"),
    "staff": (("staff",), "staff counts"),
    "context": (("context",), "quantitative context series"),
}
#: The minimal profile of a report that ``new-agency`` and ``extract`` aim at.
MINIMAL = ("profile", "pk", "budget_total", "budget_programs")


def declared(entry_or_meta: dict) -> tuple[str, ...]:
    """The sections a registry entry (or an agency's meta) declares curated; every section when
    it declares none."""
    coverage = entry_or_meta.get("coverage")
    return tuple(SECTIONS) if coverage is None else tuple(coverage)


def covered_tables(entry_or_meta: dict) -> set[str] | None:
    """The curated tables that a declared coverage feeds (the audit reads no other); None when the
    report declares none (fully curated)."""
    coverage = entry_or_meta.get("coverage")
    if coverage is None:
        return None
    return {table for section in coverage if section in SECTIONS for table in SECTIONS[section][0]}


def covers(agency, section: str) -> bool:
    """Whether ``section`` of ``agency`` (an :class:`lkjpy.Agency`) is curated."""
    if section not in SECTIONS:
        raise ValueError(f"unknown coverage section {section!r}; known: {', '.join(SECTIONS)}")
    return section in declared(agency.meta)


def not_covered(agency) -> list[str]:
    """Sections the agency's report is not curated for, in documented order."""
    return [s for s in SECTIONS if not covers(agency, s)]

#: How each section is named in prose.
SECTION_NAMES = {
    "profile": "the profile (head, dates, plan periods)", "pk": "the PK indicators and the year's results",
    "history": "earlier years' results", "renstra": "the Renstra targets", "budget_total": "the budget total",
    "budget_programs": "the budget by program", "budget_detail": "the budget below programs",
    "aggregates": "printed averages", "efficiency": "the efficiency tables", "rating_scales": "the rating scales",
    "benchmarks": "comparisons with other bodies", "staff": "staff counts", "context": "context series",
}
REVIEWED_TABLES = ("meta", "indicators", "indicator_results", "budget")


def is_proposed(value: object) -> bool:
    """A row's ``review`` cell: proposed by ``extract`` and not yet confirmed by a person."""
    return str(value or "").strip() == "proposed"


def review_label(value: object) -> str:
    """How the book marks a row: ``unconfirmed`` (proposed) or ``confirmed``."""
    return "unconfirmed" if is_proposed(value) else "confirmed"


def review_counts(agency) -> tuple[int, int]:
    """(confirmed, proposed) rows of the tables ``extract`` proposes into."""
    proposed = total = 0
    for name in REVIEWED_TABLES:
        frame = agency.table(name)
        total += len(frame)
        if "review" in frame:
            proposed += sum(is_proposed(v) for v in frame["review"])
    return total - proposed, proposed


def coverage_sentence(agency) -> str:
    """What the chapter's report is curated for, and how much of it a person has confirmed."""
    covered = [s for s in SECTIONS if covers(agency, s)]
    if agency.meta.get("coverage") is None:
        parts = ["This report is fully curated."]
    else:
        parts = [f"This report is curated for {_listed(covered) or 'nothing yet'}."]
        missing = not_covered(agency)
        if missing:
            parts.append(f"Not curated: {_listed(missing)}; the chapter leaves these out and the audit does not "
                         "check them (not curated is not the same as not printed).")
    confirmed, proposed = review_counts(agency)
    if proposed:
        parts.append(f"Of its {confirmed + proposed} rows of profile, indicators and budget, {proposed} were "
                     "proposed by the extraction from the source text and are not yet confirmed by a person: "
                     "they are marked *unconfirmed*.")
    return " ".join(parts)


def _listed(sections: list[str]) -> str:
    names = [SECTION_NAMES[s] for s in sections]
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""


def indicator_review(agency, ids) -> list[str]:
    """``unconfirmed`` for each indicator whose definition or report-year result is proposed."""
    proposed = set()
    for name in ("indicators", "indicator_results"):
        frame = agency.table(name)
        if "review" in frame:
            proposed |= {i for i, v in zip(frame["indicator_id"], frame["review"]) if is_proposed(v)}
    return ["unconfirmed" if i in proposed else "confirmed" for i in ids]


def figure_markdown(key: str, caption: str, shown: bool) -> str:
    """The MyST block showing glued figure ``key`` with its caption, or nothing when the
    section has nothing curated to draw (no empty chart frame)."""
    return f"```{{glue:figure}} {key}\n:figwidth: 100%\n\n{caption}\n```\n" if shown else ""
