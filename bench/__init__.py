"""Benchmarks for Redesign Explorer: browser latency, script time, load, scale and soak.

Run ``python -m bench`` (``--help`` for options). Every figure is a median and p90 over repeated
runs, measured beside the empty one-slider app (``bench/baseline_app.py``) in the same run and
reported as a ratio to it. See bench/README.md.
"""
