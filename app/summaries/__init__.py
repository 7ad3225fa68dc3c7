"""Summaries across agreements: what each party received and handed over, per category."""
