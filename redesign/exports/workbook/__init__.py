"""The Excel workbook: the dataset's tables, and with a scenario its sheet and the comparison's."""

from redesign.exports.pack.model import long_date
from redesign.exports.workbook.book import workbook_bytes
from redesign.exports.workbook.sheets import sheet_name

__all__ = ["long_date", "sheet_name", "workbook_bytes"]
