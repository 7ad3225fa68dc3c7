"""Public HTML pages: the status of every agreement, for people rather than programs."""
