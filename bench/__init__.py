"""Benchmarks for Redesign Explorer (added by a later issue)."""
