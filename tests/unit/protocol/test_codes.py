"""docs/errors.md and the code table must say the same thing."""

from __future__ import annotations

from pathlib import Path

from kuajing.protocol.codes import CODE_INFO, Code

DOC = Path(__file__).resolve().parents[3] / "docs" / "errors.md"


def test_every_code_has_info_and_a_status_from_its_first_three_digits() -> None:
    assert set(CODE_INFO) == set(Code)
    for code in Code:
        assert code.http_status == (200 if code is Code.SUCCESS else int(code) // 100)


def test_errors_doc_lists_every_code_with_its_status_and_message() -> None:
    text = DOC.read_text()
    for code, info in CODE_INFO.items():
        assert f"| {int(code)} | {code.http_status} | {info.msg} | {info.en} |" in text, code
