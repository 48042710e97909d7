"""Settings of the request edge: error statuses, strict fields, CORS origins."""

from __future__ import annotations

import pytest

from kuajing.config import Settings


def test_refusals_travel_with_http_200_and_unknown_fields_are_accepted_by_default() -> None:
    settings = Settings.from_env({})
    assert settings.error_http_status == "200" and settings.strict_fields is False
    assert Settings.from_env({"KUAJING_ERROR_HTTP_STATUS": "mirror", "KUAJING_STRICT_FIELDS": "1"}).strict_fields
    with pytest.raises(ValueError, match="KUAJING_ERROR_HTTP_STATUS"):
        Settings(error_http_status="404")


def test_cors_allows_any_origin_in_sandbox_mode_and_none_in_production_unless_configured() -> None:
    assert Settings.from_env({}).cors_allowed == ()
    assert Settings.from_env({"KUAJING_SANDBOX": "1"}).cors_allowed == ("*",)
    assert Settings.from_env({"KUAJING_SANDBOX": "1", "KUAJING_CORS_ORIGINS": ""}).cors_allowed == ()
    configured = Settings.from_env({"KUAJING_CORS_ORIGINS": " https://Shop.example , http://localhost:3000,"})
    assert configured.cors_allowed == ("https://shop.example", "http://localhost:3000")
    assert Settings.from_env({"KUAJING_CORS_ORIGINS": "*"}).cors_allowed == ("*",)


@pytest.mark.parametrize("origin", ["https://shop.example/", "shop.example", "https://shop.example/app", "null"])
def test_a_cors_origin_that_a_browser_would_never_send_is_refused_at_start(origin: str) -> None:
    with pytest.raises(ValueError, match="KUAJING_CORS_ORIGINS"):
        Settings.from_env({"KUAJING_CORS_ORIGINS": origin})
