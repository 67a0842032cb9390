"""Redesign Explorer's domain package: load, validate and do all the arithmetic on the datasets.

Pure Python (no Streamlit). Pages and the CLI call this package; it never imports them.
"""

from redesign.dataset import Dataset, default_data_dir, load_dataset
from redesign.errors import DataError, DataProblem

__all__ = ["DataError", "DataProblem", "Dataset", "default_data_dir", "load_dataset"]
