"""Sandbox endpoints: the developer's clock."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import LooseInt


class ClockInfo(WireModel):
    """``GET /sandbox/clock``."""

    now: int  # epoch ms on the developer's sandbox clock
    offset_ms: int = 0


class ClockAdvance(WireModel):
    model_config = ConfigDict(extra="ignore")

    seconds: Annotated[LooseInt, Field(ge=1, le=10 * 365 * 86400)]
