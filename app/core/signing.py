"""The service's Ed25519 key: signing tree heads and answers (RFC 9421 HTTP Message Signatures), and checking
them again with only the public key, as an outsider would."""

import base64
import hashlib
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fastapi import Depends, Query, Request, Response

from app.core.config import Settings
from app.core.errors import ServiceUnavailable

log = logging.getLogger(__name__)

SIGNATURE_LABEL = "ledger"
# What a signed answer's signature covers: its status, its media type and the digest of its exact bytes.
# The time is the signature's own `created` parameter (a Date header may be added again by the server).
COVERED = ("@status", "content-type", "content-digest")


def key_id(public_key: Ed25519PublicKey) -> str:
    """A key's id: the first 16 hex digits of the SHA-256 of its 32 raw bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_pem(public_key: Ed25519PublicKey) -> str:
    """A public key as PEM (SubjectPublicKeyInfo)."""
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM; ValueError for anything else."""
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


@dataclass(frozen=True)
class Signer:
    """The configured private key, with the id and public key outsiders check its signatures with."""

    private_key: Ed25519PrivateKey
    generated: bool

    @property
    def public_key(self) -> Ed25519PublicKey:
        """The public half."""
        return self.private_key.public_key()

    @property
    def key_id(self) -> str:
        """The id every signature names."""
        return key_id(self.public_key)

    def sign(self, message: bytes) -> bytes:
        """An Ed25519 signature of these bytes."""
        return self.private_key.sign(message)


def _private_key(pem: bytes) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("LOG_SIGNING_KEY must be an Ed25519 private key (PEM, PKCS#8)")
    return key


def load_signer(settings: Settings) -> Signer | None:
    """The configured key; in development and tests a throwaway one, said so; in production none if unset."""
    if settings.log_signing_key is not None:
        return Signer(_private_key(settings.log_signing_key.get_secret_value().encode()), generated=False)
    if settings.log_signing_key_file:
        return Signer(_private_key(Path(settings.log_signing_key_file).read_bytes()), generated=False)
    if settings.environment == "production":
        log.warning("No LOG_SIGNING_KEY or LOG_SIGNING_KEY_FILE: signed tree heads and answers are answered 503.")
        return None
    signer = Signer(Ed25519PrivateKey.generate(), generated=True)
    log.warning("Signing with a throwaway key %s made at start-up (%s only).", signer.key_id, settings.environment)
    return signer


def private_pem(key: Ed25519PrivateKey) -> str:
    """A private key as unencrypted PKCS#8 PEM, for `exchange-ledger log generate-key`."""
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


# ---- HTTP Message Signatures (RFC 9421) over an answer's exact bytes ---------------------------------------


def content_digest(body: bytes) -> str:
    """The Content-Digest field of these bytes (RFC 9530, SHA-256)."""
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"


def _signature_params(created: int, keyid: str) -> str:
    components = " ".join(f'"{c}"' for c in COVERED)
    return f'({components});created={created};keyid="{keyid}";alg="ed25519"'


def signature_base(values: dict[str, str], params: str) -> bytes:
    """The signature base of RFC 9421 section 2.5: one line per covered component, then the parameters."""
    lines = [f'"{component}": {values[component]}' for component in COVERED]
    lines.append(f'"@signature-params": {params}')
    return "\n".join(lines).encode("ascii")


def signed_answer_headers(
    signer: Signer, *, status: int, content_type: str, body: bytes, created: int
) -> dict[str, str]:
    """Content-Digest, Signature-Input and Signature for an answer with this status, media type and body."""
    digest = content_digest(body)
    params = _signature_params(created, signer.key_id)
    base = signature_base({"@status": str(status), "content-type": content_type, "content-digest": digest}, params)
    signature = base64.b64encode(signer.sign(base)).decode()
    return {
        "Content-Digest": digest,
        "Signature-Input": f"{SIGNATURE_LABEL}={params}",
        "Signature": f"{SIGNATURE_LABEL}=:{signature}:",
    }


_INPUT = re.compile(
    r'^ledger=(\((?:"[a-z@-]+"(?: "[a-z@-]+")*)\);created=(\d{1,12});keyid="([0-9a-f]{16})";alg="ed25519")$'
)
_SIGNATURE = re.compile(r"^ledger=:([A-Za-z0-9+/=]+):$")


@dataclass(frozen=True)
class VerifiedAnswer:
    """What a good signature vouches for."""

    key_id: str
    created: int


class SignatureProblem(ValueError):
    """A signed answer that does not check out, and why."""


def verify_answer(
    public_keys: dict[str, Ed25519PublicKey], *, status: int, headers: dict[str, str], body: bytes
) -> VerifiedAnswer:
    """Check a saved answer (status, headers with lower-case names, exact body) against the service's keys."""
    found = _INPUT.match(headers.get("signature-input", ""))
    signature = _SIGNATURE.match(headers.get("signature", ""))
    if found is None or signature is None:
        raise SignatureProblem("no ledger signature (Signature-Input and Signature) in the headers")
    params, created, keyid = found.group(1), int(found.group(2)), found.group(3)
    if params != _signature_params(created, keyid):
        raise SignatureProblem("the signature covers other components than the ledger signs")
    if keyid not in public_keys:
        raise SignatureProblem(f"signed with key {keyid}, which is not among the keys given")
    digest = content_digest(body)
    if headers.get("content-digest") != digest:
        raise SignatureProblem("the body is not the one signed: its digest differs from Content-Digest")
    values = {"@status": str(status), "content-type": headers.get("content-type", ""), "content-digest": digest}
    try:
        public_keys[keyid].verify(base64.b64decode(signature.group(1)), signature_base(values, params))
    except InvalidSignature:
        raise SignatureProblem("the signature does not match the answer") from None
    return VerifiedAnswer(key_id=keyid, created=created)


def signer_of(request: Request) -> Signer:
    """The app's signer, or 503 when production runs without a key."""
    signer: Signer | None = request.app.state.signer
    if signer is None:
        raise ServiceUnavailable("No signing key is configured (LOG_SIGNING_KEY or LOG_SIGNING_KEY_FILE).")
    return signer


SignerDep = Annotated[Signer, Depends(signer_of)]
# Opt-in, so the plain poll stays on its fast path and cacheable: `?signed=true` asks for a signed answer.
SignedQuery = Annotated[bool, Query(alias="signed")]


def signed(request: Request, response: Response) -> Response:
    """The same answer with an RFC 9421 signature over its status, media type and exact bytes, made now."""
    signer = signer_of(request)
    response.headers.update(
        signed_answer_headers(
            signer,
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            body=bytes(response.body),
            created=int(time.time()),
        )
    )
    return response
