"""The Merkle tree over the audit entries, kept in `audit_tree_node`: appended with each batch, read for proofs."""

from collections.abc import Mapping

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from app.audit import merkle
from app.audit.merkle import Node
from app.audit.models import AuditTreeNode
from app.core.db import insert_now, table_of

NODES = table_of(AuditTreeNode)
NODES_INSERT = insert(NODES)


def entry_leaf(entry_hash: str) -> bytes:
    """An entry's leaf: the hash of the 32 bytes of its chain hash (RFC 9162's leaf prefix)."""
    return merkle.leaf_hash(bytes.fromhex(entry_hash))


def nodes_sql(nodes: set[Node], *, marker: str) -> tuple[str, tuple[int, ...]]:
    """The query of these nodes' hashes in the driver's parameter `marker`, with its parameters: one term per
    level, each a search of the primary key (a list of (level, position) pairs would be read by scanning the
    whole table: SQLite searches no index for a row-value IN list). Written out, not built and compiled by
    SQLAlchemy at every batch: its shape changes with the tree's size, so no compiled form would be reused."""
    by_level: dict[int, list[int]] = {}
    for level, position in sorted(nodes):
        by_level.setdefault(level, []).append(position)
    terms = []
    params: list[int] = []
    for level, positions in by_level.items():
        terms.append(f"(level = {marker} AND position IN ({', '.join([marker] * len(positions))}))")
        params += [level, *positions]
    # Only markers and the table's own name are written into the text; every value is a parameter.
    return f"SELECT level, position, hash FROM {NODES.name} WHERE {' OR '.join(terms)}", tuple(params)  # noqa: S608


def read_nodes(session: Session, nodes: set[Node]) -> dict[Node, bytes]:
    """The stored hashes of these complete subtrees, in one query."""
    if not nodes:
        return {}
    connection = session.connection()
    sql, params = nodes_sql(nodes, marker="?" if connection.dialect.paramstyle == "qmark" else "%s")
    return {(level, position): bytes(digest) for level, position, digest in connection.exec_driver_sql(sql, params)}


def append(session: Session, *, size: int, leaves: list[bytes]) -> None:
    """Add the leaves after the first `size` and every subtree they complete: O(log n) reads, one insert."""
    created = merkle.appended_nodes(size, leaves, lambda nodes: read_nodes(session, nodes))
    insert_now(session, NODES_INSERT, [{"level": lv, "position": pos, "hash": h} for (lv, pos), h in created.items()])


def _complete(stored: Mapping[Node, bytes], wanted: set[Node], size: int) -> None:
    missing = wanted - stored.keys()
    if missing:
        raise LookupError(f"the Merkle tree lacks {len(missing)} node(s) for size {size}")


def root(session: Session, *, size: int) -> bytes:
    """The root hash of the first `size` entries."""
    wanted = set(merkle.complete_subtrees(0, size))
    stored = read_nodes(session, wanted)
    _complete(stored, wanted, size)
    return merkle.range_root(0, size, stored)


def proof(session: Session, ranges: list[tuple[int, int]], *, size: int) -> list[bytes]:
    """The roots of these leaf ranges, from the stored nodes read in one query."""
    wanted = merkle.nodes_for(ranges)
    stored = read_nodes(session, wanted)
    _complete(stored, wanted, size)
    return [merkle.range_root(start, end, stored) for start, end in ranges]


def rebuild(session: Session, entry_hashes: list[str]) -> None:
    """Replace the whole tree with one over these entry hashes, in order (after a migration or a restore)."""
    session.execute(delete(NODES))
    batch = 10_000
    for start in range(0, len(entry_hashes), batch):
        append(session, size=start, leaves=[entry_leaf(h) for h in entry_hashes[start : start + batch]])
