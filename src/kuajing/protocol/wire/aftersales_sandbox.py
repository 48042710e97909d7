"""Sandbox seller actions on refunds (both platforms): ``/sandbox/taobao/refund/…`` and ``/sandbox/1688/refund/…``."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from kuajing.protocol.wire.model import WireModel
from kuajing.protocol.wire.types import LooseId


class SandboxRefundAction(WireModel):
    """Which refund; ``reason``/``describe`` for a refusal or a rejection after inspection."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    refund_id: LooseId
    reason: Annotated[str, Field(max_length=200)] = ""
    describe: Annotated[str, Field(max_length=200)] = ""
