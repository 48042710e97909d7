"""``kuajing db …``: schema migrations."""

from __future__ import annotations

import typer

from kuajing.cli.common import DbOption, settings
from kuajing.store import migrate

app = typer.Typer(no_args_is_help=True, help="Database schema.")


@app.command("upgrade")
def upgrade(db: DbOption = None) -> None:
    """Create or migrate the schema to this version (safe to run again)."""
    cfg = settings(db)
    if cfg.database_url.startswith("sqlite:"):
        from pathlib import Path

        from kuajing.store.database import sqlite_path_from_url

        path = sqlite_path_from_url(cfg.database_url)
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(cfg.database_url)
    typer.echo(f"database at {', '.join(sorted(migrate.expected_heads()))}")
