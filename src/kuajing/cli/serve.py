"""``kuajing serve``: the API on uvicorn."""

from __future__ import annotations

import gc
from typing import Annotated

import typer

from kuajing.cli.common import DbOption, fail, settings


def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind. Env: KUAJING_HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Port. Env: KUAJING_PORT.")] = None,
    db: DbOption = None,
    sandbox: Annotated[
        bool | None,
        typer.Option("--sandbox/--no-sandbox", help="Sandbox endpoints and clocks. Env: KUAJING_SANDBOX."),
    ] = None,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = False,
) -> None:
    """Serve the PandaPon-compatible API (refuses an unmigrated database)."""
    import uvicorn

    from kuajing.api.app import create_app
    from kuajing.runtime import Runtime
    from kuajing.store.migrate import NotMigratedError

    cfg = settings(db, host=host, port=port, sandbox=sandbox)
    rt = Runtime.build(cfg)
    try:
        app = create_app(rt)
    except NotMigratedError as exc:
        rt.close()
        fail(str(exc))
    mode = "sandbox" if cfg.sandbox else "production"
    typer.echo(f"Kuajing serving on {cfg.base_url} ({mode} mode, {rt.db.dialect}); docs at {cfg.base_url}/docs")
    # What exists now (modules, pydantic schemas, routes: ~120k tracked objects) lives as long as the process. Freezing it
    # keeps the collector's full passes from walking all of it again: they stalled requests for tens of milliseconds
    # and were the signed read's latency spikes (docs/performance.md, "Signed requests").
    gc.collect()
    gc.freeze()
    try:
        uvicorn.run(app, host=cfg.host, port=cfg.port, log_level="warning", access_log=access_log)
    finally:
        rt.close()
