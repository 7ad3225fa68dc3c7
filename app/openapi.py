"""Export the OpenAPI document: `python -m app.openapi` rewrites openapi/openapi.json and the client generated
from it in openapi/client/."""

import json
import sys
from pathlib import Path
from typing import Any

from app import __version__
from app.core.config import Settings
from app.main import create_app

DOCUMENT = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"
CLIENT = DOCUMENT.parent / "client"
CLIENT_CONFIG = DOCUMENT.parent / "client-config.yaml"


def document() -> dict[str, Any]:
    """The OpenAPI document of the app, independent of where it runs."""
    app = create_app(Settings(database_url="sqlite://"))
    return app.openapi()


def render() -> str:
    """The document as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_client(*, document: Path = DOCUMENT, target: Path = CLIENT) -> None:
    """Generate the Python client package from a document into `target`, replacing what was there."""
    from openapi_python_client import generate  # a development tool, installed with the test extra
    from openapi_python_client.config import Config, ConfigFile, MetaType
    from openapi_python_client.parser.errors import ErrorLevel

    settings = ConfigFile.load_from_path(CLIENT_CONFIG)
    settings.package_version_override = __version__  # the client's version is the service's
    # This environment's ruff, not whatever is on PATH, so that every run formats alike.
    settings.post_hooks = [
        f"{sys.executable} -m ruff {args} ." for args in ("check --no-cache --fix-only", "format --no-cache")
    ]
    config = Config.from_sources(settings, MetaType.UV, document, "utf-8", overwrite=True, output_path=target)
    # A skipped formatting hook is a warning to the generator, but would leave a client that differs.
    errors = [e for e in generate(config=config) if e.level == ErrorLevel.ERROR or e.header == "Skipping Integration"]
    if errors:
        raise SystemExit("the client could not be generated: " + "; ".join(str(e.header) for e in errors))


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
    write_client()
    print(f"wrote {CLIENT.name}/ from it")


if __name__ == "__main__":
    main()
