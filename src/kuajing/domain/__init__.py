"""The rules of the platform, free of HTTP and SQL: one package per bounded context."""
