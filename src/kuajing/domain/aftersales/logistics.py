"""Carriers a buyer can ship a return with (Taobao D3, 1688 I6), and the seller's return address."""

from __future__ import annotations

from dataclasses import dataclass

from kuajing.domain.errors import InvalidInputError


@dataclass(frozen=True, slots=True)
class Carrier:
    id: int
    code: str
    name: str
    phone: str


CARRIERS: tuple[Carrier, ...] = (
    Carrier(1, "SF", "顺丰速运", "95338"),
    Carrier(2, "ZTO", "中通快递", "95311"),
    Carrier(3, "YTO", "圆通速递", "95554"),
    Carrier(4, "STO", "申通快递", "95543"),
    Carrier(5, "YUNDA", "韵达快递", "95546"),
    Carrier(6, "EMS", "EMS", "11183"),
    Carrier(7, "JD", "京东物流", "950616"),
    Carrier(8, "JTSD", "极兔速递", "956025"),
)
_BY_CODE = {c.code: c for c in CARRIERS}


def carrier(code: str, *, field: str) -> Carrier:
    found = _BY_CODE.get(code.strip().upper())
    if found is None:
        raise InvalidInputError(f"unknown carrier {code!r}; see the logistics company list", field=field)
    return found


@dataclass(frozen=True, slots=True)
class ReturnAddress:
    receiver: str
    phone: str
    detail_address: str


def return_address(shop_name: str) -> ReturnAddress:
    """The embedded seller's return warehouse (the same for every seller in the sandbox)."""
    return ReturnAddress(f"{shop_name}售后", "0571-88886666", "浙江省杭州市余杭区仓前街道 文一西路 1 号 退货仓")
