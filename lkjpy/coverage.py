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


def covers(agency, section: str) -> bool:
    """Whether ``section`` of ``agency`` (an :class:`lkjpy.Agency`) is curated."""
    if section not in SECTIONS:
        raise ValueError(f"unknown coverage section {section!r}; known: {', '.join(SECTIONS)}")
    return section in declared(agency.meta)


def not_covered(agency) -> list[str]:
    """Sections the agency's report is not curated for, in documented order."""
    return [s for s in SECTIONS if not covers(agency, s)]
