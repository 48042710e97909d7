"""The ``messageType`` values Kuajing pushes (spec §3.3), the contract the order and after-sales flows publish
with.

Names marked provisional were not retrieved from PandaPon's pages; they follow the naming of the documented
ones (docs/messages.md lists every type with an example body). Change them here, in one place, if the real
ones surface.
"""

from __future__ import annotations

# Taobao (messagePlatform 0)
TAOBAO_PRICE_MODIFY = "TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY"  # documented
TAOBAO_STATUS_CHANGE = "TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_CHANGE"  # provisional
TAOBAO_REFUND = "TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND"  # provisional

# 1688 (messagePlatform 1)
ORDER_CREATE = "ORDER_CREATE"  # sister platform
ORDER_PAY_SUCCESS = "ORDER_PAY_SUCCESS"  # sister platform
ORDER_CANCEL = "ORDER_CANCEL"  # sister platform
ORDER_PRICE_MODIFY = "ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY"  # sister platform
ORDER_REFUND = "ORDER_BUYER_VIEW_ORDER_BUYER_REFUND"  # sister platform
ORDER_SHIPPED = "ORDER_BUYER_VIEW_ANNOUNCE_SENDGOODS"  # provisional (upstream 1688 topic)
ORDER_RECEIPT_CONFIRMED = (
    "ORDER_BUYER_VIEW_ORDER_COMFIRM_RECEIVEGOODS"  # provisional (upstream spelling kept)
)
ORDER_SUCCESS = "ORDER_BUYER_VIEW_ORDER_SUCCESS"  # provisional (upstream 1688 topic)

# Kuajing's own (messagePlatform 9)
CALLBACK_VERIFY = "CALLBACK_VERIFY"  # the test POST sent when a callback URL is set

TAOBAO_TYPES = (TAOBAO_PRICE_MODIFY, TAOBAO_STATUS_CHANGE, TAOBAO_REFUND)
ALIBABA_TYPES = (
    ORDER_CREATE,
    ORDER_PAY_SUCCESS,
    ORDER_CANCEL,
    ORDER_PRICE_MODIFY,
    ORDER_REFUND,
    ORDER_SHIPPED,
    ORDER_RECEIPT_CONFIRMED,
    ORDER_SUCCESS,
)
