"""search: FTS5 splits documents on spaces only (``ascii`` tokenizer) and lists its terms (``product_fts_vocab``)

Search documents are already token streams made by ``kuajing.search.tokenize`` (folded words, CJK and Thai bigrams
and unigrams, filter tokens) joined by spaces. The ``unicode61`` tokenizer split them a second time by its own
Unicode tables, which differ from Python's in corners (a Thai currency sign inside a Thai run, letters newer than
SQLite's tables), so what FTS5 matched could not be computed from a document in Python. With ``ascii`` (non-ASCII
characters are token characters; our documents hold no ASCII punctuation and no upper case) FTS5's tokens are exactly
the document's space-separated words, and the kept search bitmaps can follow a changed document by reading it
(store/search_memory.py). ``product_fts_vocab`` lists every term with its document count: the bitmaps of the
broadest terms are read ahead, and a prefix is the union of its terms.

The index is rebuilt from the stored documents (at 1M products this takes minutes: docs/performance.md).
PostgreSQL is unchanged.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 22:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_TRIGGERS = (
    "CREATE TRIGGER product_search_ai AFTER INSERT ON product_search BEGIN"
    " INSERT INTO product_fts(rowid, body) VALUES (new.product_id, new.body); END",
    "CREATE TRIGGER product_search_ad AFTER DELETE ON product_search BEGIN"
    " INSERT INTO product_fts(product_fts, rowid, body) VALUES ('delete', old.product_id, old.body); END",
    "CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN"
    " INSERT INTO product_fts(product_fts, rowid, body) VALUES ('delete', old.product_id, old.body);"
    " INSERT INTO product_fts(rowid, body) VALUES (new.product_id, new.body); END",
)


def _recreate(tokenize: str) -> None:
    for trigger in ("product_search_ai", "product_search_ad", "product_search_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS product_fts_vocab")
    op.execute("DROP TABLE IF EXISTS product_fts")
    op.execute(
        "CREATE VIRTUAL TABLE product_fts USING fts5(body, content='product_search', content_rowid='product_id',"
        f" tokenize='{tokenize}', prefix='1 2 3')"
    )
    op.execute("INSERT INTO product_fts(product_fts) VALUES ('rebuild')")
    for trigger in _TRIGGERS:
        op.execute(trigger)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _recreate("ascii")
    op.execute("CREATE VIRTUAL TABLE product_fts_vocab USING fts5vocab(product_fts, 'row')")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _recreate("unicode61 remove_diacritics 0")  # as revision 0004c
