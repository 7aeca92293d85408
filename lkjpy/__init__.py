"""lkjpy: curated data, SAKIP measures and audits for Indonesian LKj performance reports."""

from .audit import audit, audit_summary
from .errors import DataError, Problem
from .load import Agency, load_agency
from .registry import agencies, data_dir

__version__ = "0.1.0"

__all__ = ["Agency", "DataError", "Problem", "agencies", "audit", "audit_summary", "data_dir", "load_agency",
           "__version__"]
