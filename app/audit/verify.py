"""Checks an outsider runs on what they kept (signed heads, proofs, signed answers), with no database."""

import base64
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.audit import merkle
from app.core.signing import SignatureProblem, VerifiedAnswer, key_id, load_public_key, verify_answer


class VerificationFailed(ValueError):
    """What was kept does not check out; the message says why."""


def public_keys(kept: bytes) -> dict[str, Ed25519PublicKey]:
    """The keys in a kept file: a PEM public key, or the JSON of /api/v1/log/key (with its retired keys)."""
    if kept.lstrip().startswith(b"{"):
        document = json.loads(kept)
        pems = [document["public_key_pem"], *(k["public_key_pem"] for k in document.get("retired", []))]
    else:
        pems = [kept.decode()]
    keys = [load_public_key(pem.encode()) for pem in pems]
    return {key_id(key): key for key in keys}


@dataclass(frozen=True)
class TreeHead:
    """A tree head whose signature checked out."""

    tree_size: int
    root_hash: bytes
    timestamp: int
    key_id: str


def tree_head(head: dict[str, Any], keys: dict[str, Ed25519PublicKey]) -> TreeHead:
    """A kept signed tree head, its signature checked."""
    try:
        size, root, timestamp, kid = (
            int(head["tree_size"]),
            str(head["root_hash"]),
            int(head["timestamp"]),
            head["key_id"],
        )
        signature = base64.b64decode(head["signature"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise VerificationFailed(f"not a signed tree head: {exc}") from None
    if kid not in keys:
        raise VerificationFailed(f"the head is signed with key {kid}, which is not among the keys given")
    message = merkle.tree_head_message(tree_size=size, root_hash=root, timestamp=timestamp, key_id=kid)
    try:
        keys[kid].verify(signature, message)
    except InvalidSignature:
        raise VerificationFailed("the tree head's signature does not match its size, root and time") from None
    return TreeHead(tree_size=size, root_hash=bytes.fromhex(root), timestamp=timestamp, key_id=kid)


def inclusion(head: TreeHead, proof: dict[str, Any], *, entry_hash: str | None = None) -> int:
    """Check that the proof puts its entry in the tree of the head; returns the entry's sequence number. With
    `entry_hash` (the chain hash you kept for that entry), check the proof is about that entry too."""
    if int(proof["tree_size"]) != head.tree_size:
        raise VerificationFailed(f"the proof is for a tree of {proof['tree_size']}, the head for {head.tree_size}")
    entry = int(proof["entry"])
    leaf = merkle.leaf_hash(bytes.fromhex(proof["entry_hash"]))
    if entry_hash is not None and entry_hash != proof["entry_hash"]:
        raise VerificationFailed(f"entry {entry} is not the one kept: its hash differs")
    path = [bytes.fromhex(node) for node in proof["audit_path"]]
    if not merkle.verify_inclusion(index=entry - 1, size=head.tree_size, leaf=leaf, path=path, root=head.root_hash):
        raise VerificationFailed(f"entry {entry} as served now is not in the tree of the signed head")
    return entry


def consistency(old: TreeHead, new: TreeHead, proof: dict[str, Any]) -> None:
    """Check that the tree of the newer head extends the tree of the older one, every old entry unchanged."""
    if (int(proof["from_size"]), int(proof["to_size"])) != (old.tree_size, new.tree_size):
        raise VerificationFailed(
            f"the proof is from {proof['from_size']} to {proof['to_size']}, the heads {old.tree_size} and "
            f"{new.tree_size}"
        )
    nodes = [bytes.fromhex(node) for node in proof["proof"]]
    if not merkle.verify_consistency(
        old_size=old.tree_size, new_size=new.tree_size, old_root=old.root_hash, new_root=new.root_hash, proof=nodes
    ):
        raise VerificationFailed(
            f"the log of {new.tree_size} entries does not extend the one of {old.tree_size} signed before: "
            "an earlier entry was changed, removed or moved"
        )


def saved_answer(kept: bytes, body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and exact body of an answer kept with `curl -i` (or its headers kept
    with `curl -D` and the body apart)."""
    head, separator, rest = kept.partition(b"\r\n\r\n")
    if not separator:
        head, separator, rest = kept.partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    # A proxy's or an interim answer's block comes first: the last status line is the answer's.
    while lines and lines[0].startswith("HTTP/") and rest.startswith(b"HTTP/") and " 200" not in lines[0]:
        head, separator, rest = rest.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").splitlines()
    if not lines or not lines[0].startswith("HTTP/"):
        raise VerificationFailed("not an HTTP answer: keep it with curl -i (or -D for the headers)")
    status = int(lines[0].split()[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body if body is not None else rest


def signed_answer(
    kept: bytes, keys: dict[str, Ed25519PublicKey], *, body: bytes | None = None
) -> tuple[VerifiedAnswer, bytes]:
    """Check a kept signed answer; returns what the signature vouches for and the body."""
    status, headers, content = saved_answer(kept, body)
    try:
        return verify_answer(keys, status=status, headers=headers, body=content), content
    except SignatureProblem as exc:
        raise VerificationFailed(str(exc)) from None
