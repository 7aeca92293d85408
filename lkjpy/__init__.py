"""lkjpy: curated data, SAKIP measures and audits for Indonesian LKj performance reports.

The names below are imported when first used, so that the command line (``python -m lkjpy``)
starts without pandas when it does not need it (a no-op build only compares hashes).
"""

import importlib
import sys
import types

__version__ = "0.1.0"

#: Public name -> the module that defines it.
_PUBLIC = {"Agency": "load", "load_agency": "load", "audit": "audit", "audit_summary": "audit",
           "DataError": "errors", "Problem": "errors", "set_locale": "fmt", "Project": "project",
           "agencies": "registry", "data_dir": "registry"}

__all__ = [*sorted(_PUBLIC), "__version__"]


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'lkjpy' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """``lkjpy.audit`` is the function :func:`lkjpy.audit.audit`, also after the submodule of the same
    name is imported (which would otherwise replace the package's attribute by the module)."""

    @property
    def audit(self):
        from .audit import audit

        return audit

    @audit.setter
    def audit(self, value):
        pass  # the import system setting the submodule: ``lkjpy.audit`` stays the function


sys.modules[__name__].__class__ = _Package
