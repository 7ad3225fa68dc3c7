"""Files of the documentation page that are the service's own."""
