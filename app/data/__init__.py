"""Data shipped with the package: the published record the demo ledger is made of."""
