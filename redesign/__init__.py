"""Redesign Explorer's domain package: load, validate and do all the arithmetic on the datasets.

Pure Python (no Streamlit). Pages and the CLI call this package; it never imports them.
"""

from redesign.core.errors import DataError, DataProblem
from redesign.data.dataset import Dataset, default_data_dir, load_dataset

__all__ = ["DataError", "DataProblem", "Dataset", "default_data_dir", "load_dataset"]
