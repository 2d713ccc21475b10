"""``launchwatch serve``: the web app and HTTP API on the database the CLI uses."""

from __future__ import annotations

import threading

import typer

from ..api import Store
from ..errors import LaunchwatchError, StoreError
from ..pipeline import Pipeline
from ._app import DB_OPTION, app, console_err, settings_from_cli


@app.command()
def serve(
    db: str | None = DB_OPTION,
    host: str | None = typer.Option(None, "--host", help="address to bind to (setting: host; "
                                    "default 127.0.0.1, this computer only)"),
    port: int | None = typer.Option(None, "--port", min=1, max=65535,
                                    help="port to listen on (setting: port; default 8000)"),
    allow_local_writes: bool = typer.Option(
        False, "--allow-local-writes",
        help="let this computer save reports without the API token (a single-user desktop); "
             "other computers still need it"),
    create: bool = typer.Option(
        False, "--create",
        help="start on an empty database when the SQLite file does not exist yet (without "
             "it a missing file is refused, so a mistyped --db is not served empty)"),
) -> None:
    """Serve the map, the event pages, the paste form and the HTTP API.

    At start, in the background, it finishes what an ingest that was killed left: launches in
    no event are fused, and events never assessed (or assessed from other inputs) are.

    Writes through the API need 'Authorization: Bearer <token>' with LAUNCHWATCH_API_TOKEN;
    without a token set, writes are refused (reads stay open unless
    LAUNCHWATCH_API_READ_OPEN=false).  The OpenAPI document is at /api/openapi.json.

    Example: launchwatch serve --db launchwatch.sqlite3 --port 8080 --allow-local-writes
    """
    import uvicorn

    # start-up cost: the web app (FastAPI, templates) adds 0.3 s to every
    # command when imported at the top; only `serve` needs it.
    from ..web import create_app
    from ..web.data import Catalogue

    settings = settings_from_cli(db=db, host=host, port=port)
    try:
        catalogue = Catalogue.open(settings.resolved_database_url, create=create,
                                   context_window_days=settings.context_window_days)
    except StoreError as exc:
        raise StoreError(f"{exc}; or serve an empty one with --create") from None
    web_app = create_app(settings, catalogue=catalogue, allow_local_writes=allow_local_writes)
    address = f"http://{_shown_host(settings.host)}:{settings.port}/"
    console_err.print(f"launchwatch is serving {settings.resolved_database_url} at "
                      f"[bold]{address}[/bold] (Ctrl+C stops it)", highlight=False,
                      soft_wrap=True)
    if settings.host not in ("127.0.0.1", "localhost", "::1") and allow_local_writes:
        console_err.print("note: --allow-local-writes only lets this computer write; "
                          "others still need the API token", highlight=False)
    threading.Thread(target=finish_left_work, args=(settings.resolved_database_url,),
                     name="launchwatch-resume", daemon=True).start()
    uvicorn.run(web_app, host=settings.host, port=settings.port, log_level="warning",
                server_header=False)


def finish_left_work(url: str) -> None:
    """Fuse the launches in no event and assess every event whose assessment is missing or
    out of date (:meth:`Pipeline.refresh`): the work a killed ingest left.

    Run beside the server, on a store of its own: the server answers meanwhile, and what is
    done is done for good, batch by batch, so a server stopped halfway leaves the rest to
    the next start or ingest.
    """
    try:
        with Store.open(url) as store:
            done = Pipeline(store).refresh()
    except LaunchwatchError as exc:
        console_err.print(f"note: the work an earlier run left could not be finished "
                          f"({exc}); run `launchwatch events assess`", highlight=False,
                          soft_wrap=True)
        return
    fused, assessed = done.changes.launches, done.assessed
    if fused or assessed:
        console_err.print(f"finished what an earlier run left: {fused} "
                          f"launch{'' if fused == 1 else 'es'} fused, {assessed} "
                          f"event{'' if assessed == 1 else 's'} assessed", highlight=False,
                          soft_wrap=True)


def _shown_host(host: str) -> str:
    if host in ("0.0.0.0", "::"):
        return "localhost"
    return f"[{host}]" if ":" in host else host
