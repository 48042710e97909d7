"""Reusable wire types: written once, used by the server's request models and the client's response models.

PandaPon clients send the same value in several spellings: fen as ``689`` or ``"689"``, 19-digit 1688 ids as JSON
numbers (which JavaScript rounds) or strings, JSON documents inside string fields (``orderLineList``, ``receiver``,
``sort``), and empty strings for unset filters (``"priceStart": ""``). These annotated types accept every spelling
and always emit the spec's canonical one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
PANDA_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


INT64_MAX = 2**63 - 1  # every integer column is BIGINT; larger values are refused here, not by the database


def _bounded(value: int) -> int:
    if not -INT64_MAX <= value <= INT64_MAX:
        raise ValueError("is out of range (at most 19 digits, below 2^63)")
    return value


def _fen(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("must be an integer amount in fen")
    if isinstance(value, int):
        result = value
    elif isinstance(value, str) and value.strip().lstrip("-").isdecimal():
        result = int(value.strip())
    elif isinstance(value, float) and value.is_integer():
        result = int(value)
    else:
        raise ValueError("must be an integer amount in fen (a number or a string of digits)")
    if result < 0:
        raise ValueError("must not be negative")
    return _bounded(result)


FenInt = Annotated[int, BeforeValidator(_fen)]
"""Integer fen given as a number or a digit string; floats with a fraction and negatives are refused."""


def _loose_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("must be an integer")
    if isinstance(value, int):
        return _bounded(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdecimal():
        return _bounded(int(value.strip()))
    if isinstance(value, float) and value.is_integer():
        return _bounded(int(value))
    raise ValueError("must be an integer (a number or a string of digits)")


LooseInt = Annotated[int, BeforeValidator(_loose_int)]
"""An integer sent as a JSON number or a digit string (``"pageSize": "20"``)."""


def _loose_id(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError("must be an id")
    if isinstance(value, int):
        return str(_bounded(value))
    if isinstance(value, float) and value.is_integer():
        return str(_bounded(int(value)))
    if isinstance(value, str) and value.strip():
        text = value.strip()
        if text.isdecimal():
            _bounded(int(text))
        return text
    raise ValueError("must be an id (a number or a non-empty string)")


LooseId = Annotated[str, BeforeValidator(_loose_id)]
"""An id accepted as a number or a string, kept and emitted as a string (19-digit ids survive JavaScript)."""


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


BlankToNone = BeforeValidator(_blank_to_none)
"""Treat ``""`` as "not given": real clients send empty strings for unset filters."""


def _optional_loose_int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _loose_int(value)


OptionalLooseInt = Annotated[int | None, BeforeValidator(_optional_loose_int)]
"""Like LooseInt, but ``null`` and ``""`` mean "not given"."""


def _json_string(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"must be a JSON document in a string: {exc.msg} at position {exc.pos}") from None
    return value


def _dump_json_string(value: Any) -> str:
    if hasattr(value, "model_dump"):
        value = value.model_dump(by_alias=True, exclude_none=True)
    elif isinstance(value, list):
        value = [v.model_dump(by_alias=True, exclude_none=True) if hasattr(v, "model_dump") else v for v in value]
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


JsonStringDecoder = BeforeValidator(_json_string)
"""Put in ``Annotated[T, JsonStringDecoder, JsonStringEncoder]``: accepts a JSON string (or the decoded value)."""
JsonStringEncoder = PlainSerializer(_dump_json_string, return_type=str)


def panda_time(dt: datetime) -> str:
    """Render an aware datetime as PandaPon's ``yyyy-MM-dd HH:mm:ss`` in Asia/Shanghai."""
    return dt.astimezone(SHANGHAI).strftime(PANDA_TIME_FORMAT)


def panda_time_from_ms(ms: int) -> str:
    return panda_time(datetime.fromtimestamp(ms / 1000, tz=UTC))


def parse_panda_time(text: str) -> datetime:
    """Read ``yyyy-MM-dd HH:mm:ss`` as Asia/Shanghai local time and return an aware UTC datetime."""
    return datetime.strptime(text, PANDA_TIME_FORMAT).replace(tzinfo=SHANGHAI).astimezone(UTC)
