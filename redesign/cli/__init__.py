"""The command line: ``python -m redesign ...``."""
