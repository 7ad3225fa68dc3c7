"""The ASGI application that servers import: `app.asgi:app`."""

from app.main import create_app

app = create_app()
