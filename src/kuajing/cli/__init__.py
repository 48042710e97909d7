"""The ``kuajing`` command: serve the API, migrate, seed the demo, manage developers, keys and wallets.

Every command reads its configuration from flags or ``KUAJING_*`` environment variables (docs/configuration.md).
"""

from __future__ import annotations

import typer

from kuajing.cli import accounts, catalog, db, keys, messages, serve, warehouse, worker

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
app.command("serve")(serve.serve)
app.command("demo")(accounts.demo)
app.add_typer(db.app, name="db")
app.add_typer(keys.app, name="keys")
app.add_typer(accounts.app, name="accounts")
app.add_typer(catalog.app, name="catalog")
app.add_typer(warehouse.app, name="warehouse")
app.add_typer(messages.app, name="messages")
app.command("worker")(worker.worker)


def main() -> None:
    app()
