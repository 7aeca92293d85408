"""The book project: where its pieces are and how it is built, in one object passed explicitly.

Every path and setting of a build comes from a :class:`Project`: the command line makes one from
its options (and ``$LKJPY_LOCALE``, the only environment variable lkjpy reads, there and nowhere
else), ``lkjpy.build.build`` receives it, and each executed notebook gets its ``project_root`` and
``locale`` as papermill parameters and opens the same project with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: The project that holds this package (the default when no root is given).
PACKAGE_PROJECT = Path(__file__).resolve().parent.parent
#: The locales a book can be built in (see :mod:`lkjpy.fmt`).
SUPPORTED = ("en", "id")


@dataclass(frozen=True)
class Project:
    """A book project: ``root`` holds ``data/``, ``notebooks/``, ``book/``, ``_config.yml`` and
    ``_toc.yml``; builds write under ``_build/``. ``locale`` formats computed numbers (``en`` or
    ``id``). ``Project()`` is the project holding the package."""

    root: Path = PACKAGE_PROJECT
    locale: str = "en"
    data: Path = field(init=False)

    def __post_init__(self):
        if self.locale not in SUPPORTED:
            raise ValueError(f"locale {self.locale!r} is not supported; use one of {', '.join(SUPPORTED)}")
        object.__setattr__(self, "root", Path(self.root or PACKAGE_PROJECT).resolve())
        object.__setattr__(self, "data", self.root / "data")

    # --- where things are ---
    @property
    def templates(self) -> Path:
        return self.root / "notebooks"

    @property
    def book(self) -> Path:
        return self.root / "book"

    @property
    def build(self) -> Path:
        return self.root / "_build"

    @property
    def manifest(self) -> Path:
        return self.build / "manifest.json"

    @property
    def site(self) -> Path:
        return self.build / "html"

    @property
    def scratch(self) -> Path:
        """Notebooks being executed: outside ``book/``, so a killed run leaves nothing the site build reads."""
        return self.build / "running"

    @property
    def lock(self) -> Path:
        return self.build / "build.lock"

    def chapter(self, agency_id: str) -> Path:
        """The folder of an agency's executed chapter and its outputs."""
        return self.book / "agencies" / agency_id

    # --- what is in it ---
    def registry(self) -> list[dict]:
        """The registry's entries (validated)."""
        from .registry import read_registry

        return read_registry(self.data)

    def agency_ids(self) -> list[str]:
        """The registry's agency ids, in its order."""
        from .registry import agencies

        return agencies(self.data)

    def entry(self, agency_id: str) -> dict:
        """An agency's registry entry."""
        from .registry import agency_entry

        return agency_entry(agency_id, self.data)

    def agency(self, agency_id: str):
        """An agency's curated tables, loaded and validated (:func:`lkjpy.load.load_agency`)."""
        from .load import load_agency

        return load_agency(agency_id, self.data)

    def parameters(self) -> dict:
        """What an executed notebook needs to open this project (papermill parameters)."""
        return {"project_root": str(self.root), "locale": self.locale}
