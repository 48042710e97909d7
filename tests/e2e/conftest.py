"""End-to-end flows use the same in-process app and SDK fixtures as the API tests."""

from tests.api.conftest import client, http

__all__ = ["client", "http"]
