"""The uvicorn settings `exchange-ledger serve` uses, applied to the reference servers too."""

from typing import Any

import uvicorn

from app.core.config import get_settings
from app.core.protocol import server_options


def run(app: Any, *, port: int) -> None:
    """Serve an ASGI app on loopback exactly as the service is served: one worker, the same protocol and logging."""
    uvicorn.run(app, host="127.0.0.1", port=port, workers=1, **server_options(get_settings()))
