"""The words of the API, each described once (`texts`), and the lookups that give a field, a parameter or an
export column its description (`describe`)."""
