"""Signed audit checkpoints: ``audit verify`` checks only what came after the last one (issue 11).

A checkpoint says "the audit chain was intact up to entry N, whose hash is H,
and the audited tables held these numbers of rows". It is written after a
verify found everything intact, and signed with HMAC-SHA256 under a key that
lives outside the database, in this installation's configuration folder
(``audit-checkpoint.key``, readable by its owner only). Someone who can edit
the database file but not that folder cannot forge a checkpoint.

The incremental verify (:func:`verify_since_checkpoint`) checks:

* the checkpoint's signature, and that entry N still has hash H;
* the chain from entry N on, entry by entry;
* every row that an entry after N touched, against that entry's ``after``;
* the number of rows in each audited table, against the checkpoint's count
  and the inserts and deletes since.

So tampering after the checkpoint is found; a row changed in place before it,
without an audit entry and without changing the row count, is found only by
the full verify (``audit verify --full``), which reads every row. A
checkpoint signed with another installation's key is passed over (the full
verify runs instead); one whose signature does not match is a problem.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from atmp_desktop.storage import codec
from atmp_desktop.storage.errors import StoreError
from atmp_desktop.storage.schema import AUDITED_TABLES

if TYPE_CHECKING:
    from atmp_desktop.storage.db import Store

log = logging.getLogger(__name__)

KEY_FILE = "audit-checkpoint.key"


def key_path() -> Path:
    import platformdirs

    from atmp_desktop.settings import APP_DIR_NAME

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)) / KEY_FILE


def signing_key(create: bool = True) -> bytes | None:
    """This installation's checkpoint key (made on first use, owner-only); None when it cannot be had."""
    path = key_path()
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        if not create:
            return None
    except (OSError, ValueError):
        log.warning("the audit checkpoint key %s cannot be read; the full verify runs instead", path)
        return None
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex())
    except FileExistsError:  # another process made it meanwhile
        return signing_key(create=False)
    except OSError:
        log.warning("cannot write the audit checkpoint key %s; no checkpoint is made", path)
        return None
    return key


def key_id(key: bytes) -> str:
    return hashlib.sha256(b"atmp-checkpoint-key" + key).hexdigest()[:16]


def _message(entry_id: int, entry_hash: str, row_counts: dict[str, int], made_at: str) -> bytes:
    return json.dumps([entry_id, entry_hash, sorted(row_counts.items()), made_at],
                      separators=(",", ":")).encode()


@dataclass(frozen=True)
class Checkpoint:
    id: int
    entry_id: int
    entry_hash: str
    row_counts: dict[str, int]
    made_at: str
    key_id: str
    signature: str

    def signed_by(self, key: bytes) -> bool:
        expected = hmac.new(key, _message(self.entry_id, self.entry_hash, self.row_counts, self.made_at),
                            hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, self.signature)


def row_counts(store: "Store") -> dict[str, int]:
    return {t: int(store.fetchone(f"SELECT COUNT(*) FROM {t}")[0]) for t in AUDITED_TABLES}  # type: ignore[index]


def latest(store: "Store", key: bytes) -> tuple[Checkpoint | None, list[Checkpoint]]:
    """The newest checkpoint signed by *key*, and the checkpoints of this key whose signature is wrong."""
    mine = key_id(key)
    forged = []
    for row in store.fetchall(
            "SELECT id, entry_id, entry_hash, row_counts, made_at, key_id, signature FROM audit_checkpoints"
            " WHERE key_id = ? ORDER BY entry_id DESC, id DESC", [mine]):
        try:
            cp = Checkpoint(row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6])
        except (ValueError, TypeError):
            forged.append(Checkpoint(row[0], row[1], row[2], {}, row[4], row[5], row[6]))
            continue
        if cp.signed_by(key):
            return cp, forged
        forged.append(cp)
    return None, forged


def make(store: "Store", key: bytes, entry_id: int, entry_hash: str, counts: dict[str, int]) -> bool:
    """Sign and keep a checkpoint at *entry_id* (False when the store cannot be written now)."""
    if store.read_only or entry_id <= 0:
        return False
    made_at = codec.utc_text()
    signature = hmac.new(key, _message(entry_id, entry_hash, counts, made_at), hashlib.sha256).hexdigest()
    try:
        with store.write():
            store.execute(
                "INSERT INTO audit_checkpoints (entry_id, entry_hash, row_counts, made_at, key_id, signature)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [entry_id, entry_hash, json.dumps(counts, sort_keys=True), made_at, key_id(key), signature])
    except StoreError:
        log.info("no audit checkpoint made (the store is busy or cannot be written)", exc_info=True)
        return False
    return True
