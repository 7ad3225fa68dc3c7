"""Who may keep a copy of a read: shared caches for anonymous reads, only the caller when a key is involved."""

from dataclasses import dataclass
from functools import cached_property

from starlette.requests import Request

from app.core.config import Settings

PRIVATE = "private, no-cache"
VARY = "Authorization, Accept-Language"


@dataclass(frozen=True)
class ReadCaching:
    """How long a shared cache may serve an anonymous read, and whether anonymous reads exist at all."""

    max_age_seconds: int
    stale_while_revalidate_seconds: int
    keys_required: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> "ReadCaching":
        """The caching a server runs under."""
        return cls(
            max_age_seconds=settings.public_max_age_seconds,
            stale_while_revalidate_seconds=settings.public_stale_while_revalidate_seconds,
            keys_required=settings.require_key_for_reads,
        )

    @cached_property
    def _anonymous(self) -> dict[str, str]:
        if self.keys_required:
            # Every answer was checked against a key: nobody but that caller may be served a copy.
            return {"Cache-Control": PRIVATE, "Vary": "Accept-Language"}
        if self.max_age_seconds == 0:
            control = "public, no-cache"
        else:
            control = f"public, max-age={self.max_age_seconds}"
            if self.stale_while_revalidate_seconds:
                control += f", stale-while-revalidate={self.stale_while_revalidate_seconds}"
        # The same URL is answered privately to a caller with a key, so caches must tell the two apart;
        # names and titles are in the language asked.
        return {"Cache-Control": control, "Vary": VARY}

    @cached_property
    def _with_key(self) -> dict[str, str]:
        if self.keys_required:
            return {"Cache-Control": PRIVATE, "Vary": "Accept-Language"}
        return {"Cache-Control": PRIVATE, "Vary": VARY}

    def headers(self, *, with_key: bool) -> dict[str, str]:
        """Cache-Control (and Vary) for a successful read (200 or 304), asked with a key or without."""
        return dict(self._with_key if with_key else self._anonymous)


def read_cache_headers(request: Request) -> dict[str, str]:
    """The caching headers for a successful read of this request, under its app's settings."""
    caching: ReadCaching = request.app.state.read_caching
    return caching.headers(with_key="authorization" in request.headers)
