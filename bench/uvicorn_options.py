"""The uvicorn settings `exchange-ledger serve` uses, applied to the reference servers too."""

from typing import Any

import uvicorn

from app.core.config import get_settings


def run(app: Any, *, port: int) -> None:
    """Serve an ASGI app on loopback exactly as the service is served: one worker, no reload, production logging."""
    settings = get_settings()
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        workers=1,
        access_log=settings.access_log,
        log_level=settings.log_level,
        proxy_headers=True,
        server_header=False,
    )
