"""What a developer reads and asks of their messages: the pull feed, one message's delivery log, redelivery."""

from __future__ import annotations

from collections.abc import Sequence

from kuajing.domain.delivery.model import FeedPage, MessageDelivery
from kuajing.domain.delivery.ports import UnitOfWork
from kuajing.domain.delivery.states import DeliveryState
from kuajing.domain.errors import InvalidInputError, NotFoundError, StateConflictError

FEED_MAX_LIMIT = 200
REDELIVER_DEFAULT_STATES = (
    DeliveryState.DEAD,
    DeliveryState.FAILED,
    DeliveryState.RETRYING,
    DeliveryState.UNSUBSCRIBED,
    DeliveryState.DELIVERED,
)


def list_messages(
    uow: UnitOfWork,
    *,
    develop_id: str,
    after_id: int = 0,
    limit: int = 50,
    message_type: str | None = None,
    state: DeliveryState | None = None,
) -> FeedPage:
    if not 1 <= limit <= FEED_MAX_LIMIT:
        raise InvalidInputError(f"limit must be 1–{FEED_MAX_LIMIT}", field="limit")
    if after_id < 0:
        raise InvalidInputError("cursor must not be negative", field="cursor")
    rows = uow.deliveries.feed(develop_id, after_id=after_id, limit=limit + 1, message_type=message_type, state=state)
    items = rows[:limit]
    return FeedPage(items=items, next_cursor=items[-1].id if items else after_id, has_more=len(rows) > limit)


def delivery_log(uow: UnitOfWork, *, develop_id: str, message_id: str) -> MessageDelivery:
    found = uow.deliveries.get(develop_id, message_id, with_attempts=True)
    if found is None:
        raise NotFoundError(f"message {message_id} does not exist", field="messageId")
    return found


def redeliver(
    uow: UnitOfWork,
    *,
    develop_id: str,
    message_id: str | None = None,
    start_ms: int | None = None,
    end_ms: int | None = None,
    states: Sequence[DeliveryState] | None = None,
    now_ms: int,
) -> int:
    """Queue one message, or every message created in ``[start_ms, end_ms)`` (optionally only in ``states``),
    for a new round of delivery attempts now. Needs a callback URL. Returns how many were queued."""
    if uow.deliveries.get_endpoint(develop_id) is None:
        raise StateConflictError("no callback URL is set; set one first (message/callback/set)")
    if message_id is None and start_ms is None:
        raise InvalidInputError("give messageId, or startTime (and optionally endTime)", field="messageId")
    if message_id is not None and (start_ms is not None or end_ms is not None):
        raise InvalidInputError("give messageId or a time range, not both", field="messageId")
    if start_ms is not None and end_ms is not None and end_ms <= start_ms:
        raise InvalidInputError("endTime must be after startTime", field="endTime")
    if message_id is not None:
        if uow.deliveries.get(develop_id, message_id, with_attempts=False) is None:
            raise NotFoundError(f"message {message_id} does not exist", field="messageId")
        states = list(DeliveryState)
    return uow.deliveries.redeliver(
        develop_id,
        message_id=message_id,
        start_ms=start_ms,
        end_ms=end_ms,
        states=tuple(states or REDELIVER_DEFAULT_STATES),
        now_ms=now_ms,
    )
