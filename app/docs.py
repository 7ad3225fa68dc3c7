"""Interactive API documentation at /docs: Swagger UI served from its PyPI package, never from a CDN, with
a security policy that allows exactly what it needs (its own script and styles, data: icons and calls back
to this service); every other answer keeps the API's `default-src 'none'`."""

from pathlib import Path

import swagger_ui
from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from app.core.errors import NotFound

SWAGGER_UI = Path(swagger_ui.__file__).parent / "static"
OWN = Path(__file__).parent / "docs_assets"
ASSETS = {
    "swagger-ui-bundle.js": (SWAGGER_UI / "swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
    "swagger-ui.css": (SWAGGER_UI / "swagger-ui.css", "text/css; charset=utf-8"),
    "start.js": (OWN / "start.js", "text/javascript; charset=utf-8"),
}
# Swagger UI sets style attributes from script, hence 'unsafe-inline' for styles only; no inline script runs.
DOCS_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
ASSET_CACHE = "public, max-age=86400"
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>exchange-ledger API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/start.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def docs() -> HTMLResponse:
    """The interactive documentation of every operation."""
    return HTMLResponse(PAGE, headers={"Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY})


@router.get("/docs/assets/{name}")
async def docs_asset(name: str) -> FileResponse:
    """One of the few files the documentation page loads."""
    found = ASSETS.get(name)
    if found is None:
        raise NotFound(f"No documentation asset {name!r}.")
    path, media_type = found
    return FileResponse(
        path,
        media_type=media_type,
        headers={"Cache-Control": ASSET_CACHE, "Content-Security-Policy": DOCS_CONTENT_SECURITY_POLICY},
    )
