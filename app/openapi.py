"""Export the OpenAPI document: `python -m app.openapi` rewrites openapi/openapi.json."""

import json
import sys
from pathlib import Path
from typing import Any

from app.core.config import Settings
from app.main import create_app

DOCUMENT = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"


def document() -> dict[str, Any]:
    """The OpenAPI document of the app, independent of where it runs."""
    app = create_app(Settings(database_url="sqlite://"))
    return app.openapi()


def render() -> str:
    """The document as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> None:
    """Write the document, or with --check exit 1 when the committed one is stale."""
    text = render()
    if "--check" in sys.argv:
        if not DOCUMENT.exists() or DOCUMENT.read_text() != text:
            print("openapi/openapi.json is stale: run `python -m app.openapi`", file=sys.stderr)
            raise SystemExit(1)
        return
    DOCUMENT.parent.mkdir(exist_ok=True)
    DOCUMENT.write_text(text)
    print(f"wrote {DOCUMENT.name}")


if __name__ == "__main__":
    main()
