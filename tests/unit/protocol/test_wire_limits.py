"""The input limits of the wire types (docs/limits.md): ASCII digits only, integers that fit their columns, JSON
inside a string held to the outer body's depth and NUL rules."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
import pytest
from pydantic import BaseModel, ValidationError

from kuajing.protocol.ids import numeric_id
from kuajing.protocol.wire.alibaba_goods import YuanText
from kuajing.protocol.wire.types import (
    FenInt,
    JsonStringDecoder,
    LooseId,
    LooseInt,
    LoosePageNo,
    PageNo,
    Quantity,
    RowId,
)


class Model(BaseModel):
    fen: FenInt = 0
    id: LooseId = "0"
    n: LooseInt = 0
    row: RowId = 1
    quantity: Quantity = 1
    page: PageNo = 1
    loose_page: LoosePageNo = 0
    yuan: YuanText = None
    doc: Annotated[Any, JsonStringDecoder] = None


UNICODE_DIGITS = ["０３", "٣", "३", "²", "１２３"]  # full-width, Arabic-Indic, Devanagari, superscript


@pytest.mark.parametrize("text", UNICODE_DIGITS)
@pytest.mark.parametrize("field", ["fen", "n", "row", "quantity", "page"])
def test_numbers_in_text_are_ascii_digits_only(field: str, text: str) -> None:
    with pytest.raises(ValidationError, match="must be an integer"):
        Model.model_validate({field: text})


@pytest.mark.parametrize("text", UNICODE_DIGITS)
def test_a_unicode_digit_id_is_not_a_numeric_id(text: str) -> None:
    assert numeric_id(text) is None
    assert Model(id=text).id == text  # kept as an opaque (v2) id, which then names nothing


def test_ascii_digits_still_read_as_numbers() -> None:
    m = Model.model_validate({"fen": " 689 ", "n": "-12", "row": "7", "quantity": "3", "page": "2", "yuan": "12.50"})
    assert (m.fen, m.n, m.row, m.quantity, m.page, m.yuan) == (689, -12, 7, 3, 2, "12.50")


@pytest.mark.parametrize(
    ("field", "ok", "refused"),
    [
        ("fen", 10**12, 10**12 + 1),
        ("row", 2**31 - 1, 2**31),
        ("quantity", 1_000_000, 1_000_001),
        ("page", 1_000_000, 1_000_001),
        ("loose_page", 1_000_000, 2**62),
        ("n", 2**63 - 1, 2**63),
    ],
)
def test_integers_fit_their_columns(field: str, ok: int, refused: int) -> None:
    assert getattr(Model.model_validate({field: ok}), field) == ok
    with pytest.raises(ValidationError):
        Model.model_validate({field: refused})
    with pytest.raises(ValidationError):
        Model.model_validate({field: str(refused)})


def test_a_row_id_page_and_quantity_start_at_one() -> None:
    for field in ("row", "quantity", "page"):
        with pytest.raises(ValidationError):
            Model.model_validate({field: 0})
    assert Model(loose_page=0).loose_page == 0  # 0 and 1 both mean the first page


def test_ids_are_at_most_40_characters() -> None:
    assert Model(id="x" * 40).id == "x" * 40
    with pytest.raises(ValidationError, match="at most 40 characters"):
        Model(id="x" * 41)


@pytest.mark.parametrize("text", ["1e3", "12,50", "-1", "１２", "nan", "12.5.0", "99999999999"])
def test_yuan_is_plain_decimal_digits_up_to_ten_billion(text: str) -> None:
    with pytest.raises(ValidationError, match="amount in yuan"):
        Model(yuan=text)


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_json_in_a_string_nests_exactly_as_deep_as_the_body_may() -> None:
    orjson.loads(_nested(1024))  # the outer body's parser: 1024 levels pass, 1025 do not
    with pytest.raises(orjson.JSONDecodeError):
        orjson.loads(_nested(1025))
    assert Model(doc=_nested(1024)).doc is not None
    with pytest.raises(ValidationError, match="depth"):
        Model(doc=_nested(1025))
    with pytest.raises(ValidationError, match="depth"):
        Model(doc=_nested(10_000))


@pytest.mark.parametrize(
    "doc",
    ['{"name": "a\\u0000b"}', '[[[{"x": ["\\u0000"]}]]]', '{"k\\u0000": 1}', '"\\u0000"'],
    ids=["value", "deep", "key", "bare"],
)
def test_nul_inside_json_in_a_string_is_refused(doc: str) -> None:
    with pytest.raises(ValidationError, match="NUL"):
        Model(doc=doc)


def test_an_escaped_backslash_before_u0000_is_ordinary_text() -> None:
    assert Model(doc='{"name": "a\\\\u0000"}').doc == {"name": "a\\u0000"}


def test_a_lone_surrogate_inside_json_in_a_string_is_refused() -> None:
    with pytest.raises(ValidationError, match="JSON document"):
        Model(doc='{"name": "\\ud800"}')
