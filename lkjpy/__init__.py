"""lkjpy: curated data, SAKIP measures and audits for Indonesian LKj performance reports."""

from .audit import audit, audit_summary
from .errors import DataError, Problem
from .fmt import set_locale
from .load import Agency, load_agency
from .project import Project
from .registry import agencies, data_dir

__version__ = "0.1.0"

__all__ = ["Agency", "DataError", "Problem", "Project", "agencies", "audit", "audit_summary", "data_dir",
           "load_agency", "set_locale", "__version__"]
