"""The transactional outbox: messages are rows written in the transaction of the change they describe.

The delivery worker reads committed rows; a rolled-back change leaves no message behind, and a committed change
cannot lose its message. Each message gets a stable ``message_id`` and a per-aggregate ``sequence``.
"""

from __future__ import annotations

import json
import uuid

from kuajing.domain.messages import OutgoingMessage, StoredMessage
from kuajing.store.db import Row, Tx


def write_message(tx: Tx, message: OutgoingMessage, *, now_ms: int) -> str:
    # The aggregate's own version check serialises its changes, so MAX+1 cannot race for one aggregate; the unique
    # constraint on (aggregate_type, aggregate_id, sequence) turns any slip into a refused commit, not a duplicate.
    sequence = tx.scalar(
        "SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM outbox WHERE aggregate_type = :t AND aggregate_id = :i",
        {"t": message.aggregate_type, "i": message.aggregate_id},
    )
    message_id = "msg_" + uuid.uuid4().hex
    tx.execute(
        "INSERT INTO outbox (message_id, develop_id, message_type, platform, aggregate_type, aggregate_id, sequence,"
        " body, created_at_ms) VALUES (:mid, :d, :type, :platform, :agg_t, :agg_i, :seq, :body, :at)",
        {
            "mid": message_id,
            "d": message.develop_id,
            "type": message.message_type,
            "platform": int(message.platform),
            "agg_t": message.aggregate_type,
            "agg_i": message.aggregate_id,
            "seq": int(sequence),
            "body": json.dumps(message.body, ensure_ascii=False, separators=(",", ":")),
            "at": now_ms,
        },
    )
    return message_id


def read_messages(tx: Tx, *, develop_id: str, after_id: int = 0, limit: int = 100) -> list[StoredMessage]:
    rows = tx.all(
        "SELECT * FROM outbox WHERE develop_id = :d AND id > :after ORDER BY id LIMIT :limit",
        {"d": develop_id, "after": after_id, "limit": limit},
    )
    return [stored_message(r) for r in rows]


def stored_message(row: Row) -> StoredMessage:
    return StoredMessage(
        id=row["id"],
        message_id=row["message_id"],
        develop_id=row["develop_id"],
        message_type=row["message_type"],
        platform=row["platform"],
        aggregate_type=row["aggregate_type"],
        aggregate_id=row["aggregate_id"],
        sequence=row["sequence"],
        body=json.loads(row["body"]),
        created_at_ms=row["created_at_ms"],
    )
