"""Which URLs a webhook subscription may name, and where a delivery may really go."""

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.core.config import Settings
from app.core.errors import InvalidInput


@dataclass(frozen=True)
class UrlPolicy:
    """What a webhook URL may point at."""

    allow_private: bool
    deny_hosts: frozenset[str]
    # (host, port) pairs this service answers on, as far as the request that creates a subscription shows.
    own_origins: frozenset[tuple[str, int]] = frozenset()


def url_policy(settings: Settings, *, own_origins: Iterable[tuple[str, int]] = ()) -> UrlPolicy:
    """The URL policy of these settings, knowing where the service itself answers."""
    deny = {_normal_host(h) for h in settings.webhook_deny_hosts.split(",") if h.strip()}
    return UrlPolicy(
        allow_private=settings.webhook_allow_private,
        deny_hosts=frozenset(deny),
        own_origins=frozenset((_normal_host(h), p) for h, p in own_origins),
    )


def _normal_host(host: str) -> str:
    return host.strip().lower().rstrip(".").strip("[]")


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = _ip(host)
    return address is not None and (address.is_loopback or address.is_unspecified)


def _split(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    host = _normal_host(parts.hostname or "")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise InvalidInput("The webhook URL has an invalid port.") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise InvalidInput("A webhook URL must be an http or https URL with a host.")
    return host, port


def check_url(url: str, *, policy: UrlPolicy) -> None:
    """Refuse a URL that points at the service itself, at a denied host, or (unless allowed) a private address."""
    host, port = _split(url)
    if host in policy.deny_hosts:
        raise InvalidInput(f"Webhook URLs may not point at {host}.")
    own_ports = {p for _, p in policy.own_origins}
    if (host, port) in policy.own_origins or (_is_loopback(host) and port in own_ports):
        raise InvalidInput("A webhook URL may not point at this service itself.")
    if policy.allow_private:
        return
    address = _ip(host)
    if _is_loopback(host) or (address is not None and not address.is_global):
        raise InvalidInput(f"Webhook URLs may not point at the loopback or a private address ({host}).")


def check_destination(url: str, *, policy: UrlPolicy) -> str | None:
    """Why a delivery may not go to this URL now (its name resolved), or None when it may."""
    try:
        check_url(url, policy=policy)
    except InvalidInput as refused:
        return refused.detail
    if policy.allow_private:
        return None
    host, port = _split(url)
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)}
    except OSError as exc:
        return f"cannot resolve {host}: {exc}"
    for text in addresses:
        address = _ip(str(text).split("%", 1)[0])
        if address is None or not address.is_global:
            return f"{host} resolves to a non-public address ({text})"
    return None
