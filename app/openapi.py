"""Export the OpenAPI document: `python -m app.openapi` rewrites openapi/openapi.json and the client generated
from it in openapi/client/."""

import json
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from app import __version__
from app.core.config import Settings
from app.main import create_app

DOCUMENT = Path(__file__).resolve().parent.parent / "openapi" / "openapi.json"
CLIENT = DOCUMENT.parent / "client"
CLIENT_CONFIG = DOCUMENT.parent / "client-config.yaml"
# Templates of ours the generator prefers to its own (the client's README); the rest are its own.
CLIENT_TEMPLATES = DOCUMENT.parent / "templates"
PROJECT = DOCUMENT.parent.parent / "pyproject.toml"


def project_version() -> str:
    """The service's version as pyproject.toml declares it."""
    version: str = tomllib.loads(PROJECT.read_text())["project"]["version"]
    return version


def document() -> dict[str, Any]:
    """The OpenAPI document of the app, independent of where it runs."""
    app = create_app(Settings(database_url="sqlite://"))
    return app.openapi()


def render() -> str:
    """The document as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _as_the_generator_reads_it(spec: dict[str, Any]) -> dict[str, Any]:
    """The document with every body of several media types marked optional.

    openapi-python-client 0.29 types such a body `... | Unset = UNSET` whether it is required or not, and
    imports `Unset` only when the document says it is optional: told so, it writes a module that imports.
    The server still refuses a request without a body (415), as the document it serves says.
    """
    for operations in spec["paths"].values():
        for operation in operations.values():
            body = operation.get("requestBody")
            if body is not None and len(body.get("content", {})) > 1:
                body["required"] = False
    return spec


def write_client(*, document: Path = DOCUMENT, target: Path = CLIENT) -> None:
    """Generate the Python client package from a document into `target`, replacing what was there.

    SystemExit if the generator reports anything, a warning included: a warning is an operation or a model
    it left out, or a formatting hook it skipped, and the client would lack it or differ.
    """
    from openapi_python_client import generate  # a development tool, installed with the test extra
    from openapi_python_client.config import Config, ConfigFile, MetaType

    if __version__ != project_version():
        raise SystemExit(
            f"the installed service is {__version__}, pyproject.toml says {project_version()}: "
            "run `pip install -e .` so that the client gets the service's version"
        )
    settings = ConfigFile.load_from_path(CLIENT_CONFIG)
    settings.package_version_override = __version__  # the client's version is the service's
    # This environment's ruff, not whatever is on PATH, so that every run formats alike.
    settings.post_hooks = [
        f"{sys.executable} -m ruff {args} ." for args in ("check --no-cache --fix-only", "format --no-cache")
    ]
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / document.name
        source.write_text(json.dumps(_as_the_generator_reads_it(json.loads(document.read_text()))))
        config = Config.from_sources(settings, MetaType.UV, source, "utf-8", overwrite=True, output_path=target)
        reported = generate(config=config, custom_template_path=CLIENT_TEMPLATES)
    if reported:
        raise SystemExit(
            "the client generator reported:\n"
            + "\n".join(f"- {e.level.value.lower()}: {e.header} {e.detail or ''}".rstrip() for e in reported)
        )


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
