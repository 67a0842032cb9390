"""The money and staffing model: per-service figures, totals, waterfall steps."""
