"""Benchmarks: deterministic data sets, the service under load, and two references measured beside it."""
