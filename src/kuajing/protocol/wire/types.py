"""Reusable wire types: written once, used by the server's request models and the client's response models.

PandaPon clients send the same value in several spellings: fen as ``689`` or ``"689"``, 19-digit 1688 ids as JSON
numbers (which JavaScript rounds) or strings, JSON documents inside string fields (``orderLineList``, ``receiver``,
``sort``), and empty strings for unset filters (``"priceStart": ""``). These annotated types accept every spelling
and always emit the spec's canonical one.

They also carry the input limits (docs/limits.md): every value is checked here, before any database sees it, so
SQLite and PostgreSQL accept and refuse exactly the same requests. Text fits its column, integers fit theirs
(``INTEGER`` is 32 bits on PostgreSQL, ``BIGINT`` 64), and numbers given as text are ASCII digits only — Python's
``int()`` also reads full-width ``"０３"`` and other Unicode digits, which no PandaPon client means as a number.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer

try:  # the server's JSON parser, also used for the outer body: the same depth limit and strictness inside and out
    import orjson

    _loads: Callable[[str], Any] = orjson.loads
except ImportError:  # the SDK installed without the server extras
    _loads = json.loads

SHANGHAI = timezone(timedelta(hours=8), "Asia/Shanghai")
PANDA_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

INT32_MAX = 2**31 - 1  # INTEGER columns (row ids, quantities, reason ids) on PostgreSQL
INT64_MAX = 2**63 - 1  # BIGINT columns: ids, amounts, times
MAX_FEN = 10**12  # 10,000,000,000 yuan: amount × quantity × lines still fits a BIGINT
MAX_QUANTITY = 1_000_000  # the 1688 cap; Taobao lines take at most 99,999
MAX_PAGE_NO = 1_000_000  # (page - 1) × page size stays far below 2^31
MAX_PAGE_SIZE = 1_000  # listings that clamp the size to their own cap take 0–1000
MAX_ID_LENGTH = 40  # the widest id column (source_order_id, message ids); v2 encrypted ids are 22
MAX_KEYWORD_LENGTH = 200  # a search keyword; longer ones made PostgreSQL's full-text query exceed its stack
MAX_JSON_DEPTH = 1024  # orjson's limit, which the outer body already has: JSON inside a string gets the same
NUL_REFUSAL = "text must not contain the NUL character (U+0000)"


def is_digits(text: str) -> bool:
    """ASCII decimal digits only (``str.isdecimal`` alone also accepts ``"０３"``, ``"٣"``…)."""
    return text.isascii() and text.isdecimal()


def _is_integer_text(text: str) -> bool:
    return is_digits(text.removeprefix("-"))


def _bounded(value: int) -> int:
    if not -INT64_MAX <= value <= INT64_MAX:
        raise ValueError("is out of range (at most 19 digits, below 2^63)")
    return value


def _fen(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("must be an integer amount in fen")
    if isinstance(value, int):
        result = value
    elif isinstance(value, str) and _is_integer_text(value.strip()):
        result = int(value.strip())
    elif isinstance(value, float) and value.is_integer():
        result = int(value)
    else:
        raise ValueError("must be an integer amount in fen (a number or a string of digits)")
    if result < 0:
        raise ValueError("must not be negative")
    if result > MAX_FEN:
        raise ValueError(f"must be at most {MAX_FEN} fen")
    return result


FenInt = Annotated[int, BeforeValidator(_fen)]
"""Integer fen (0–10^12) given as a number or a digit string; floats with a fraction and negatives are refused."""


def _loose_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("must be an integer")
    if isinstance(value, int):
        return _bounded(value)
    if isinstance(value, str) and _is_integer_text(value.strip()):
        return _bounded(int(value.strip()))
    if isinstance(value, float) and value.is_integer():
        return _bounded(int(value))
    raise ValueError("must be an integer (a number or a string of digits)")


LooseInt = Annotated[int, BeforeValidator(_loose_int)]
"""An integer sent as a JSON number or a digit string (``"pageSize": "20"``), within a BIGINT."""

Int32 = Annotated[LooseInt, Field(ge=-INT32_MAX - 1, le=INT32_MAX)]
"""A LooseInt that fits an INTEGER column (codes, reason ids)."""

RowId = Annotated[LooseInt, Field(ge=1, le=INT32_MAX)]
"""The id of one of Kuajing's own rows (cart line, address, parcel, shipment): a positive INTEGER."""

Quantity = Annotated[LooseInt, Field(ge=1, le=MAX_QUANTITY)]
"""A number of pieces, 1–1,000,000."""

PageNo = Annotated[LooseInt, Field(ge=1, le=MAX_PAGE_NO)]
"""A page number counted from 1."""

LoosePageNo = Annotated[LooseInt, Field(ge=0, le=MAX_PAGE_NO)]
"""A page number where 0 and 1 both mean the first page (goods listings, the 1688 order list)."""

PageSize = Annotated[LooseInt, Field(ge=0, le=MAX_PAGE_SIZE)]
"""A page size for listings that clamp it to their own cap (goods searches)."""


def _loose_id(value: Any) -> str:
    if isinstance(value, bool):
        raise ValueError("must be an id")
    if isinstance(value, int):
        return str(_bounded(value))
    if isinstance(value, float) and value.is_integer():
        return str(_bounded(int(value)))
    if isinstance(value, str) and value.strip():
        text = value.strip()
        if len(text) > MAX_ID_LENGTH:
            raise ValueError(f"must be an id of at most {MAX_ID_LENGTH} characters")
        if is_digits(text):
            _bounded(int(text))
        return text
    raise ValueError("must be an id (a number or a non-empty string)")


LooseId = Annotated[str, BeforeValidator(_loose_id)]
"""An id accepted as a number or a string (at most 40 characters), kept and emitted as a string (19-digit ids
survive JavaScript)."""

# Text, by what it holds; each bound is at most the column that stores it (store/tables/*.py).
Token = Annotated[str, Field(max_length=32)]
"""A code or enumerated word: carrier codes, ``flow``, ``tradeType``, ``sortType``, languages, countries."""
ShortText = Annotated[str, Field(max_length=64)]
"""A reference or number: order line numbers, ``sellerOrderNumber``, tracking numbers, ``orderSource``."""
NameText = Annotated[str, Field(max_length=100)]
"""A name: carrier names, titles a client repeats."""
Remark = Annotated[str, Field(max_length=500)]
"""Free text stored as is: reasons, remarks, buyer messages."""
UrlText = Annotated[str, Field(max_length=2048)]
"""A URL."""
Keyword = Annotated[str, Field(max_length=MAX_KEYWORD_LENGTH)]
"""A search keyword."""

MAX_BEHAVIOUR_NUMBER = 10**9  # seconds, hours, days or fen: × 86,400,000 still fits a BIGINT time
_BehaviourInt = Annotated[int, Field(ge=-MAX_BEHAVIOUR_NUMBER, le=MAX_BEHAVIOUR_NUMBER)]
BehaviourValue = bool | _BehaviourInt | Remark | Annotated[list[_BehaviourInt | ShortText], Field(max_length=50)] | None
Behaviour = Annotated[dict[ShortText, BehaviourValue], Field(max_length=50)]
"""Sandbox seller behaviour keys to merge: flat values only (a flag, a number, a text, a short list; ``null``
removes the key). A nested document would be stored and then break every answer that shows the seller."""


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


BlankToNone = BeforeValidator(_blank_to_none)
"""Treat ``""`` as "not given": real clients send empty strings for unset filters."""

OptionalKeyword = Annotated[Keyword | None, BlankToNone]
OptionalPageNo = Annotated[LoosePageNo | None, BlankToNone]
OptionalPageSize = Annotated[PageSize | None, BlankToNone]
OptionalFen = Annotated[FenInt | None, BlankToNone]


def _optional_loose_int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _loose_int(value)


OptionalLooseInt = Annotated[int | None, BeforeValidator(_optional_loose_int)]
"""Like LooseInt, but ``null`` and ``""`` mean "not given"."""


def _holds_nul(value: Any) -> bool:
    """Whether any text in a decoded document holds U+0000 (iteratively: documents nest up to 1024 deep)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def decode_json_text(text: str) -> Any:
    """A JSON document carried in a string field, held to the outer body's rules: at most 1024 levels deep, no
    lone surrogates, no U+0000 in any text (docs/errors.md). Raises ValueError, which names the field."""
    try:
        value = _loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"must be a JSON document in a string: {exc.msg} at position {exc.pos}") from None
    except RecursionError:  # only the standard library's parser (the SDK without orjson) recurses
        raise ValueError(f"must be a JSON document nested at most {MAX_JSON_DEPTH} deep") from None
    if "\\u0000" in text and _holds_nul(value):
        raise ValueError(NUL_REFUSAL)
    return value


def _json_string(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        return decode_json_text(text)
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
