"""search: documents rewritten with marked context words, attribute values, spelling variants and joined compounds

Every search document is written again by the current ``catalog_search.build_document``: title words as they are,
the context (category path, shop names and now the attribute values) with its words marked ``zx…`` so that relevance
can rank title matches first, English spelling variants (``grey`` also ``gray``) and hyphenated or apostrophised
compounds also joined (``t-shirt`` also ``tshirt``). The schema does not change. On SQLite the FTS5 index is rebuilt
once from the new documents instead of updated row by row (the update trigger is dropped meanwhile).

Downgrade leaves the documents as they are: the code of revision 0011 reads them as titles only (marked context
words are words it never looks for).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from kuajing.domain.catalog.model import Category
from kuajing.store.repositories.catalog_rows import product as _product
from kuajing.store.repositories.catalog_search import build_document, category_path

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_CHUNK = 2000
_UPDATE_TRIGGER = (
    "CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN"
    " INSERT INTO product_fts(product_fts, rowid, body) VALUES ('delete', old.product_id, old.body);"
    " INSERT INTO product_fts(rowid, body) VALUES (new.product_id, new.body); END"
)


def _categories(bind: sa.Connection) -> dict[int, Category]:
    rows = bind.execute(sa.text("SELECT id, parent_id, key, names, level, shape FROM categories")).mappings()
    return {
        r["id"]: Category(r["id"], r["parent_id"], r["key"], json.loads(r["names"]), r["level"], r["shape"])
        for r in rows
    }


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    categories = _categories(bind)
    sellers = {
        r["id"]: [r["shop_name"], *json.loads(r["names"]).values()]
        for r in bind.execute(sa.text("SELECT id, shop_name, names FROM sellers")).mappings()
    }
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS product_search_au")
    after = 0
    while True:
        rows = bind.execute(
            sa.text("SELECT * FROM products WHERE id > :a ORDER BY id LIMIT :n"), {"a": after, "n": _CHUNK}
        ).mappings()
        products = [_product(dict(r)) for r in rows]
        if not products:
            break
        bind.execute(
            sa.text("UPDATE product_search SET body = :body WHERE product_id = :id"),
            [
                {
                    "id": p.id,
                    "body": build_document(p, category_path(categories, p.category_id), sellers.get(p.seller_id, [])),
                }
                for p in products
            ],
        )
        after = products[-1].id
    if sqlite:
        op.execute("INSERT INTO product_fts(product_fts) VALUES ('rebuild')")
        op.execute(_UPDATE_TRIGGER)


def downgrade() -> None:
    """Nothing to undo in the schema; the documents stay (see above)."""
