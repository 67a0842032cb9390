"""Where published figures do not add up: discrepancies, reconciliation, SEN notes."""
