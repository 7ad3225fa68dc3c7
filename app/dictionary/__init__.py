"""The published data dictionary: every term of the API with where it appears, as JSON, CSV and a page."""
