"""1688 sections of the API."""
