"""Derived figures for SEN needs and provision, and need beside support."""
