"""Shared fixtures: the repository root, the registry, a strict book build."""

from __future__ import annotations

from pathlib import Path

import pytest

import lkjpy

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def agency_ids() -> list[str]:
    return lkjpy.agencies()


@pytest.fixture(scope="session")
def built_site() -> Path:
    """Build the site strictly (jupyter-book -W -n, as `make book` does) and publish it; return _build/html.

    The chapters must have been executed (`python -m lkjpy build`, which `make test` runs first).
    """
    from lkjpy.build import publish
    from lkjpy.project import Project

    paths = Project(ROOT)
    assert (paths.book / "pages" / "comparison.ipynb").exists(), "run `python -m lkjpy build` first"
    publish(paths)  # raises with jupyter-book's output if the strict build fails
    return paths.site


# --- One agency's curated data, for the test modules that pin it by hand. A module names its
# agency with ``AGENCY_ID = "..."``.

@pytest.fixture(scope="module")
def agency(request):
    return lkjpy.load_agency(request.module.AGENCY_ID)


@pytest.fixture(scope="module")
def ind(agency):
    """The PK indicators, indexed by id."""
    return agency.indicators.set_index("indicator_id")


@pytest.fixture(scope="module")
def results(agency):
    return agency.table("indicator_results")


@pytest.fixture(scope="module")
def budget(agency):
    return agency.table("budget")


@pytest.fixture(scope="module")
def findings(agency):
    return lkjpy.audit(agency)
