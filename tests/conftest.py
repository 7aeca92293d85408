"""Shared fixtures: the repository root, the registry, the book's published site, a small built project,
headless Chromium."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from projects import built_once, copy_built

import lkjpy

ROOT = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(items):
    """The modules marked ``slow(seconds)`` first, the longest first; the rest in their order.
    `make test` keeps this order (--no-loadscope-reorder), so the two test processes start with
    the long modules and end together, instead of one of them running a long module alone at the end."""
    def start(item):
        mark = item.get_closest_marker("slow")
        return -mark.args[0] if mark else 0

    items.sort(key=start)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's), one for the tests of a module; skipped where it is not installed."""
    from browsing import ARGS, CHROMIUM, has_chromium

    if not has_chromium():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def agency_ids() -> list[str]:
    return lkjpy.agencies()


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The book's published site, _build/html, as `python -m lkjpy build` (which `make test` runs
    first) built it strictly (jupyter-book -W -n); tests only read it. Its build record must say
    that the site was built without error from the inputs the project has now: the chapters and
    pages as executed, the hand-written pages, the configuration and the table of contents."""
    from lkjpy.build import site_is_current
    from lkjpy.project import Project

    paths = Project(ROOT, os.environ.get("LKJPY_LOCALE", "en"))
    assert (paths.book / "pages" / "comparison.ipynb").exists(), "run `python -m lkjpy build` first"
    assert site_is_current(paths), ("the published site is missing, failed, or older than the project's files: "
                                    "run `python -m lkjpy build` again")
    return paths.site


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A small project (one agency, sibolga) built once per test run, its site included; read only.
    A test that builds works in its own copy (``built_copy``), where a build executes only what
    the test changed. Parallel test processes share it (the first builds it)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return built_once(shared / "built-sibolga", ["sibolga"])


@pytest.fixture
def built_copy(built_project, tmp_path) -> Path:
    """This test's own copy of ``built_project``, build products included."""
    return copy_built(built_project, tmp_path / "project")


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
