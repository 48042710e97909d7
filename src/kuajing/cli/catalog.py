"""``kuajing catalog import|export`` and the catalog part of ``kuajing demo``."""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kuajing.cli.common import DbOption, fail, runtime
from kuajing.market import catalog_io
from kuajing.market.embedding import embed_missing
from kuajing.market.seed import seed_catalog
from kuajing.runtime import Runtime

app = typer.Typer(
    no_args_is_help=True, help="Import and export the embedded catalog (JSON Lines, docs/catalog-format.md)."
)

MAX_ERRORS_SHOWN = 50


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        transient=False, disable=not sys.stderr.isatty(),
    )  # fmt: skip


def embed_with_progress(rt: Runtime) -> int:
    from kuajing.search.image.embedder import ImageEmbedder

    with rt.uow() as uow:
        todo = uow.catalog.count_products()
    seen = [0]

    def advance(n: int) -> None:
        bar.advance(task, n)
        seen[0] += n
        if not sys.stderr.isatty() and seen[0] // 500 != (seen[0] - n) // 500:  # a line per 500 in logs
            typer.echo(f"embedding pictures: {seen[0]}/{todo} products checked", err=True)

    with _progress() as bar:
        task = bar.add_task("embedding pictures", total=todo)
        return embed_missing(rt.uow, ImageEmbedder(), now_ms=rt.clock.now_ms(), progress=advance)


def seed_with_progress(rt: Runtime, *, products: int, seed: int, images: bool, background: bool = False) -> str:
    with _progress() as bar:
        task = bar.add_task(f"catalog seed {seed}", total=products)
        result = seed_catalog(
            rt.uow, seed=seed, n_products=products, now_ms=rt.clock.now_ms(), progress=lambda n: bar.advance(task, n)
        )
    head = f"catalog: {result.added} products added, {result.skipped} already there"
    if images and background:
        log = start_background_embedding(rt)
        return f"{head}; pictures are being embedded in the background (log: {log})"
    embedded = embed_with_progress(rt) if images else 0
    return f"{head}, {embedded} pictures embedded"


def _embed_lock_path(rt: Runtime) -> Path:
    return Path(rt.settings.var_dir) / "embedding.lock"


@contextlib.contextmanager
def embed_lock(rt: Runtime) -> Iterator[bool]:
    """An exclusive, non-blocking lock in the var directory: ``True`` if this process may embed (one embedder per
    var directory at a time, so a second ``make run`` does not embed the same pictures twice)."""
    path = _embed_lock_path(rt)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def start_background_embedding(rt: Runtime) -> Path:
    """Start ``kuajing catalog embed`` as a detached process (it outlives this command; the server's image index
    picks its vectors up before every image query). Returns the path of its log."""
    log = Path(rt.settings.var_dir) / "embedding.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        subprocess.Popen(  # our own interpreter and module, no shell
            [sys.executable, "-m", "kuajing.cli", "catalog", "embed", "--db", rt.settings.database_url],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True, env=os.environ.copy(),
        )  # fmt: skip
    return log


@app.command("import")
def import_catalog(
    file: Annotated[
        Path, typer.Argument(help="A JSON Lines file (docs/catalog-format.md).", exists=True, dir_okay=False)
    ],
    images: Annotated[bool, typer.Option(help="Embed generated pictures for image search after importing.")] = True,
    db: DbOption = None,
) -> None:
    """Validate the whole file, then write it in one transaction (nothing is written if any line is bad)."""
    with file.open(encoding="utf-8") as fh:
        records, errors = catalog_io.parse_lines(fh)
    with runtime(db) as rt:
        if not errors:
            with rt.uow() as uow:
                errors = catalog_io.check_references(records, uow)
        if errors:
            for e in errors[:MAX_ERRORS_SHOWN]:
                typer.secho(f"{file}:{e}", err=True, fg=typer.colors.RED)
            fail(f"{len(errors)} error(s); nothing was imported")
        n_products = sum(isinstance(r, catalog_io.ProductLine) for r in records)
        with _progress() as bar, rt.uow() as uow:
            task = bar.add_task("importing products", total=n_products)
            counts = catalog_io.import_records(
                uow, records, now_ms=rt.clock.now_ms(), progress=lambda n: bar.advance(task, n)
            )
            uow.commit()
        embedded = embed_with_progress(rt) if images else 0
    typer.echo(
        f"imported: {counts['added']} products added, {counts['updated']} updated, {counts['categories']} categories,"
        f" {counts['sellers']} sellers; {embedded} pictures embedded"
    )


@app.command("embed")
def embed_pictures(db: DbOption = None) -> None:
    """Embed the main picture of every product that has no vector yet (what ``kuajing demo`` runs in the background;
    safe to run while the server runs: new vectors are picked up by the next image search)."""
    with runtime(db) as rt, embed_lock(rt) as mine:
        if not mine:
            typer.echo(f"another embedder holds {_embed_lock_path(rt)}; nothing to do")
            return
        embedded = embed_with_progress(rt)
    typer.echo(f"{embedded} pictures embedded")


@app.command("export")
def export_catalog(
    out: Annotated[Path | None, typer.Option("--out", help="Write here instead of standard output.")] = None,
    db: DbOption = None,
) -> None:
    """Write the whole catalog as JSON Lines (the import format)."""
    with runtime(db) as rt, rt.uow() as uow:
        fh = out.open("w", encoding="utf-8") if out else sys.stdout
        try:
            for line in catalog_io.export_lines(uow):
                fh.write(line + "\n")
        finally:
            if out:
                fh.close()
