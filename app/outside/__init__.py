"""Handovers outside any agreement: kept per pair of parties in a record that is no agreement."""
