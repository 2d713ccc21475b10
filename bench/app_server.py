"""The web app served by Uvicorn in a thread, on a free port of 127.0.0.1, for the bench
scripts that drive it over HTTP or in a browser (``web.py``, ``screenshots.py``)."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any


class AppServer:
    """``with AppServer(app) as server:`` serves ``app`` at ``server.url`` until the block
    ends."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.app = app
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> AppServer:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
