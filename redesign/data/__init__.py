"""Reading and validating the data folder into typed, immutable records."""
