"""launchwatch.web: the web app and HTTP API, served by ``launchwatch serve``.

    from launchwatch.web import create_app
    app = create_app()            # settings from the config file and environment

Pages: ``/`` (map and timeline), ``/events`` (table), ``/events/{id}`` (an event with its
evidence), ``/paste`` (extract and save a report).  API: ``/api/`` documented in
``/api/openapi.json``.  Who may read and write is described in :mod:`launchwatch.web.security`.
"""

from .app import create_app

__all__ = ["create_app"]
