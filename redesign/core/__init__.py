"""Shared foundations: errors, sourced-figure records, arithmetic, formatting, palette."""
