"""RFC 9162's Merkle tree: hashing, proofs from stored subtrees, and their verification, with no database.

The few lines of the standard are written here rather than taken from a library: the tree lives in two tables
of our own (one node per complete subtree), and a proof must be built from the nodes it needs, read in one query,
which general-purpose tree libraries that keep the whole tree in memory or in their own store do not offer.
"""

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence

Node = tuple[int, int]
"""A complete subtree: (level, position), covering leaves [position * 2**level, (position + 1) * 2**level)."""


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data)."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def complete_subtrees(start: int, end: int) -> list[Node]:
    """The complete subtrees that make up leaves [start, end), left to right, as RFC 9162 splits that range."""
    nodes: list[Node] = []
    while start < end:
        level = (end - start).bit_length() - 1
        while start % (1 << level):
            level -= 1
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold(hashes: Sequence[bytes]) -> bytes:
    """The root of a range from its complete subtrees' hashes (largest first), as RFC 9162 combines them."""
    if not hashes:
        return EMPTY_ROOT
    root = hashes[-1]
    for left in reversed(hashes[:-1]):
        root = node_hash(left, root)
    return root


def inclusion_ranges(index: int, size: int) -> list[tuple[int, int]]:
    """The leaf ranges whose roots make the audit path of leaf `index` in a tree of `size` (RFC 9162 2.1.3.1)."""
    ranges: list[tuple[int, int]] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index - start < k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    return list(reversed(ranges))


def consistency_ranges(old_size: int, new_size: int) -> list[tuple[int, int]]:
    """The leaf ranges whose roots prove a tree of `new_size` extends one of `old_size` (RFC 9162 2.1.4.1)."""
    ranges: list[tuple[int, int]] = []
    start, end, m, whole = 0, new_size, old_size, True
    while m != end - start:
        k = _split(end - start)
        if m <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start, m, whole = start + k, m - k, False
    if not whole:
        ranges.append((start, end))
    return list(reversed(ranges))


def nodes_for(ranges: Iterable[tuple[int, int]]) -> set[Node]:
    """Every stored node the roots of these ranges are made of."""
    return {node for start, end in ranges for node in complete_subtrees(start, end)}


def range_root(start: int, end: int, stored: Mapping[Node, bytes]) -> bytes:
    """The root of leaves [start, end) from stored complete subtrees."""
    return fold([stored[node] for node in complete_subtrees(start, end)])


def appended_nodes(
    size: int, leaves: Sequence[bytes], read: Callable[[set[Node]], Mapping[Node, bytes]]
) -> dict[Node, bytes]:
    """The nodes that appending `leaves` to a tree of `size` completes, reading the tree's right edge once."""
    known = dict(read(set(complete_subtrees(0, size)))) if size and leaves else {}
    created: dict[Node, bytes] = {}
    for offset, leaf in enumerate(leaves):
        level, position, current = 0, size + offset, leaf
        created[(0, position)] = known[(0, position)] = current
        while position % 2:
            current = node_hash(known[(level, position - 1)], current)
            level, position = level + 1, position // 2
            created[(level, position)] = known[(level, position)] = current
    return created


def verify_inclusion(*, index: int, size: int, leaf: bytes, path: Sequence[bytes], root: bytes) -> bool:
    """Whether `path` proves `leaf` is leaf `index` of the tree of `size` with `root` (RFC 9162 2.1.3.2)."""
    if index >= size or index < 0:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(
    *, old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether `proof` shows the tree of `new_size` and `new_root` extends the one of `old_size` and `old_root`
    (RFC 9162 2.1.4.2)."""
    if old_size < 1 or old_size > new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is the proof's first node
        path.insert(0, old_root)
    if not path:
        return False
    fn, sn = old_size - 1, new_size - 1
    while fn % 2 == 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root


def tree_head_message(*, tree_size: int, root_hash: str, timestamp: int, key_id: str) -> bytes:
    """The bytes a signed tree head's Ed25519 signature covers: its size, root (hex), time (ms) and key id."""
    return f"exchange-ledger tree head v1\n{tree_size}\n{root_hash}\n{timestamp}\n{key_id}\n".encode()
