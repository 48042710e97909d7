"""goods: FTS5 prefix indexes for 1-, 2- and 3-character prefixes (SQLite only)

A short Latin query word is a prefix term (``do`` finds ``doll``); without a prefix index FTS5 merges the doclists
of every term with that prefix on each query — at 1M products ``"d"*`` alone costs tens of milliseconds. With
``prefix='1 2 3'`` such terms read one precomputed doclist (100k products: ``"mau"* AND "moi"*`` 7.4 → 4.1 ms,
``"plush"* AND "do"*`` 3.0 → 0.8 ms, ``"d"*`` 29 → 2.6 ms; the index grows about 2.5×). Longer prefixes match few
terms and are cheap either way. PostgreSQL's GIN handles ``:*`` prefixes itself: nothing to do there.

Revision ID: 0004c
Revises: 0004b
"""

from __future__ import annotations

from alembic import op

revision = "0004c"
down_revision = "0004b"
branch_labels = None
depends_on = None

_TOKENIZE = "unicode61 remove_diacritics 0"  # as revision 0004 (kuajing.search.tokenize.SQLITE_FTS5_TOKENIZE)
_TRIGGERS = (
    "CREATE TRIGGER product_search_ai AFTER INSERT ON product_search BEGIN"
    " INSERT INTO product_fts(rowid, body) VALUES (new.product_id, new.body); END",
    "CREATE TRIGGER product_search_ad AFTER DELETE ON product_search BEGIN"
    " INSERT INTO product_fts(product_fts, rowid, body) VALUES ('delete', old.product_id, old.body); END",
    "CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN"
    " INSERT INTO product_fts(product_fts, rowid, body) VALUES ('delete', old.product_id, old.body);"
    " INSERT INTO product_fts(rowid, body) VALUES (new.product_id, new.body); END",
)


def _recreate(prefix: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("product_search_ai", "product_search_ad", "product_search_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS product_fts")
    op.execute(
        "CREATE VIRTUAL TABLE product_fts USING fts5(body, content='product_search', content_rowid='product_id',"
        f" tokenize='{_TOKENIZE}'{prefix})"
    )
    op.execute("INSERT INTO product_fts(product_fts) VALUES ('rebuild')")
    for trigger in _TRIGGERS:
        op.execute(trigger)


def upgrade() -> None:
    _recreate(", prefix='1 2 3'")


def downgrade() -> None:
    _recreate("")
