"""Sandbox endpoints: the developer's clock."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kuajing.protocol.wire.types import LooseInt


class ClockInfo(BaseModel):
    """``GET /sandbox/clock``."""

    now: int  # epoch ms on the developer's sandbox clock
    offsetMs: int = 0  # noqa: N815


class ClockAdvance(BaseModel):
    model_config = ConfigDict(extra="ignore")

    seconds: Annotated[LooseInt, Field(ge=1, le=10 * 365 * 86400)]
