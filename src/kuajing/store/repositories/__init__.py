"""Repository implementations: SQL in, domain objects out. ``_from_row``/``_to_row`` are the only mappers."""
