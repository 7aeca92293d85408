"""Coverage: what a report is curated for, and whether its rows are confirmed."""

import pytest
from synthetic import make_agency

from lkjpy.coverage import (
    coverage_sentence,
    covers,
    figure_markdown,
    indicator_review,
    not_covered,
    review_counts,
    review_label,
)


def _agency(coverage=None, review=("", "proposed")):
    agency = make_agency({"indicators": [{"indicator_id": "I1", "indicator": "A", "review": review[0]},
                                         {"indicator_id": "I2", "indicator": "B", "review": review[1]}]})
    if coverage is not None:
        agency.meta["coverage"] = coverage
    return agency


def test_absent_coverage_means_fully_curated():
    agency = _agency()
    assert covers(agency, "efficiency") and not_covered(agency) == []
    assert coverage_sentence(agency).startswith("This report is fully curated.")


def test_declared_coverage():
    agency = _agency(["profile", "pk", "budget_total"])
    assert covers(agency, "pk") and not covers(agency, "history") and not covers(agency, "budget_programs")
    assert not_covered(agency)[:2] == ["history", "renstra"]
    text = coverage_sentence(agency)
    assert text.startswith("This report is curated for the profile (head, dates, plan periods), the PK indicators "
                           "and the year's results and the budget total. Not curated: earlier years' results, ")


def test_unknown_section_is_an_error():
    with pytest.raises(ValueError, match="unknown coverage section 'charts'"):
        covers(_agency(), "charts")


def test_proposed_rows_are_counted_and_marked_unconfirmed():
    agency = _agency(review=("confirmed", "proposed"))
    assert review_counts(agency) == (1, 1)
    assert [review_label(v) for v in ("", "confirmed", "proposed")] == ["confirmed", "confirmed", "unconfirmed"]
    assert "2 rows of profile, indicators and budget, 1 were proposed" in coverage_sentence(agency)
    assert "proposed" not in coverage_sentence(_agency(review=("", "confirmed")))


def test_indicator_review_and_figure_markdown():
    agency = make_agency({"indicators": [{"indicator_id": "I1", "indicator": "A"}, {"indicator_id": "I2", "indicator": "B"}],
                          "indicator_results": [{"indicator_id": "I1"}, {"indicator_id": "I2", "review": "proposed"}]})
    assert indicator_review(agency, ["I1", "I2"]) == ["confirmed", "unconfirmed"]
    assert figure_markdown("k", "A caption.", True) == "```{glue:figure} k\n:figwidth: 100%\n\nA caption.\n```\n"
    assert figure_markdown("k", "A caption.", False) == ""
