"""Opaque, time-ordered identifiers: a prefix naming the kind, then 26 Crockford base32 characters."""

import os
import secrets
import time
from collections.abc import Iterator

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def new_id(prefix: str) -> str:
    """A new id such as ``agr_01jx...``: sortable by creation time, unguessable in its tail."""
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    chars = []
    for _ in range(26):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    return f"{prefix}_{''.join(reversed(chars))}"


def ids_in_order(prefix: str) -> Iterator[str]:
    """New ids that sort in the order drawn (a bulk import's file order): one random start, then counting up."""
    value = 0
    for char in new_id(prefix).removeprefix(prefix + "_"):
        value = value * 32 + _ALPHABET.index(char)
    value &= ~((1 << 60) - 1)  # room to count up without touching the time part
    value |= secrets.randbits(40) << 20
    while True:
        value += 1
        rest = value
        chars = []
        for _ in range(26):
            chars.append(_ALPHABET[rest & 31])
            rest >>= 5
        yield f"{prefix}_{''.join(reversed(chars))}"
