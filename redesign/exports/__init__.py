"""The workbook, the briefing pack's content and its PDF and PowerPoint renderings."""
