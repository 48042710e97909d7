"""Settings of the request edge: error statuses, strict fields."""

from __future__ import annotations

import pytest

from kuajing.config import Settings


def test_refusals_travel_with_http_200_and_unknown_fields_are_accepted_by_default() -> None:
    settings = Settings.from_env({})
    assert settings.error_http_status == "200" and settings.strict_fields is False
    assert Settings.from_env({"KUAJING_ERROR_HTTP_STATUS": "mirror", "KUAJING_STRICT_FIELDS": "1"}).strict_fields
    with pytest.raises(ValueError, match="KUAJING_ERROR_HTTP_STATUS"):
        Settings(error_http_status="404")
