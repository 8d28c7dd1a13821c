"""Validation of a data repository: every problem as data, never as an exception."""
