"""Sealed bids: envelope encryption whose opening key exists only after the bid deadline.

Each bid's content (a canonical JSON document) is encrypted with AES-256-GCM under a fresh random
data key (DEK). The DEK is stored twice, wrapped (AES-GCM) under two key-encryption keys:

* the **opening key** of the procurement: HKDF-SHA256(master secret, salt = the procurement's random
  seal salt, info = "bid-opening" ‖ procurement id ‖ bid deadline). `opening_key()` refuses to derive
  it before the deadline (server clock, `procurement.clock`). The deadline is *bound into the key*:
  whoever moves the deadline in the database (SQL, the Django admin, a bug) derives a different key and
  the unwrapping fails its authentication check — nothing opens early.
* the **bidder key**: HKDF(master, salt, info = "bid-bidder" ‖ procurement id ‖ bidder organisation id),
  so the bidding organisation can read back, withdraw and replace its own bid before the deadline.
  Only `services.bid_content_for_bidder` uses it, after checking the caller's membership of the
  bidding organisation directly (not `has_perm`, which a superuser passes).

The associated data of every ciphertext names the bid (procurement, lot, bidder, submission time), so a
ciphertext moved to another row does not decrypt. The receipt hash is SHA-256 over the canonical
plaintext, which includes a random nonce (so a low-entropy price cannot be guessed from the hash).

The master secret is `settings.PROCUREMENT_SEALING_KEY` (a separate secret from SECRET_KEY in
production; derived from SECRET_KEY when unset). The threat model is in docs/procurement.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from urbanforum.procurement import clock


class SealError(Exception):
    """The seal refuses: too early, or the data does not authenticate."""


class TooEarly(SealError):
    pass


class Tampered(SealError):
    pass


def _master_secret() -> bytes:
    configured = getattr(settings, "PROCUREMENT_SEALING_KEY", "") or ""
    material = configured or ("procurement-sealing:" + settings.SECRET_KEY)
    return hashlib.sha256(material.encode()).digest()


def new_salt() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def _derive(salt: str, info: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=base64.b64decode(salt), info=info.encode()
    ).derive(_master_secret())


def _opening_info(procurement_id: int, deadline: datetime) -> str:
    return f"bid-opening|{procurement_id}|{deadline.timestamp():.6f}"


def opening_key(*, procurement_id: int, salt: str, deadline: datetime) -> bytes:
    """The key that unwraps every bid of the procurement; refuses before the deadline."""
    if clock.now() < deadline:
        raise TooEarly("The bid deadline has not passed: the bids stay sealed.")
    return _derive(salt, _opening_info(procurement_id, deadline))


def _sealing_key(*, procurement_id: int, salt: str, deadline: datetime) -> bytes:
    """The same key, for wrapping only (submission happens before the deadline by definition).
    Private to this module: nothing outside sealing.py may unwrap with it."""
    return _derive(salt, _opening_info(procurement_id, deadline))


def bidder_key(*, procurement_id: int, salt: str, bidder_id: int) -> bytes:
    return _derive(salt, f"bid-bidder|{procurement_id}|{bidder_id}")


def canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def receipt_hash(plaintext: bytes) -> str:
    return hashlib.sha256(plaintext).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode())


def _encrypt(key: bytes, data: bytes, aad: bytes) -> str:
    nonce = os.urandom(12)
    return _b64(nonce + AESGCM(key).encrypt(nonce, data, aad))


def _decrypt(key: bytes, blob: str, aad: bytes) -> bytes:
    raw = _unb64(blob)
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], aad)
    except Exception as exc:  # cryptography raises InvalidTag
        raise Tampered("The sealed bid does not authenticate: it was altered or moved.") from exc


@dataclass(frozen=True)
class Sealed:
    ciphertext: str
    key_for_opening: str
    key_for_bidder: str
    receipt_hash: str


def seal(
    *,
    document: dict[str, Any],
    aad: str,
    procurement_id: int,
    salt: str,
    deadline: datetime,
    bidder_id: int,
) -> Sealed:
    """Encrypt a bid document (which must contain the receipt fields and a nonce)."""
    plaintext = canonical(document)
    dek = AESGCM.generate_key(bit_length=256)
    aad_b = aad.encode()
    return Sealed(
        ciphertext=_encrypt(dek, plaintext, aad_b),
        key_for_opening=_encrypt(
            _sealing_key(procurement_id=procurement_id, salt=salt, deadline=deadline), dek, aad_b
        ),
        key_for_bidder=_encrypt(
            bidder_key(procurement_id=procurement_id, salt=salt, bidder_id=bidder_id), dek, aad_b
        ),
        receipt_hash=receipt_hash(plaintext),
    )


def open_sealed(
    *,
    ciphertext: str,
    wrapped_key: str,
    aad: str,
    procurement_id: int,
    salt: str,
    deadline: datetime,
) -> bytes:
    """Unwrap with the opening key (refused before the deadline) and decrypt."""
    kek = opening_key(procurement_id=procurement_id, salt=salt, deadline=deadline)
    dek = _decrypt(kek, wrapped_key, aad.encode())
    return _decrypt(dek, ciphertext, aad.encode())


def open_for_bidder(
    *, ciphertext: str, wrapped_key: str, aad: str, procurement_id: int, salt: str, bidder_id: int
) -> bytes:
    kek = bidder_key(procurement_id=procurement_id, salt=salt, bidder_id=bidder_id)
    dek = _decrypt(kek, wrapped_key, aad.encode())
    return _decrypt(dek, ciphertext, aad.encode())


def key_fingerprint() -> str:
    """A short, one-way fingerprint of the master secret (HKDF, its own label): a backup records
    it, so that a restore under another key is refused before anything is loaded. It reveals
    nothing about the secret."""
    return hashlib.sha256(_derive(_b64(b"fingerprint"), "sealing-key-fingerprint")).hexdigest()[:16]


def verify(
    *,
    ciphertext: str,
    key_for_opening: str | None,
    key_for_bidder: str,
    aad: str,
    procurement_id: int,
    salt: str,
    deadline: datetime,
    bidder_id: int,
    expected_receipt: str,
) -> None:
    """Check that a bid still authenticates, without opening it: both wrapped data keys unwrap
    under today's master secret (the opening one under the deadline-bound key, without the
    deadline check — nothing is opened), they hold the same data key, the ciphertext's GCM tag
    checks and the receipt hash matches. The plaintext exists only inside this function and is
    never returned, stored or logged. Raises `Tampered` naming what failed.

    `key_for_opening=None` skips the opening wrap (a withdrawn or replaced bid: its opening wrap
    is not renewed when the deadline moves)."""
    aad_b = aad.encode()
    try:
        dek = _decrypt(
            bidder_key(procurement_id=procurement_id, salt=salt, bidder_id=bidder_id),
            key_for_bidder,
            aad_b,
        )
    except Tampered as exc:
        raise Tampered(
            "the bidder's key does not unwrap (other sealing key, or altered row)"
        ) from exc
    if key_for_opening is not None:
        try:
            opening = _decrypt(
                _sealing_key(procurement_id=procurement_id, salt=salt, deadline=deadline),
                key_for_opening,
                aad_b,
            )
        except Tampered as exc:
            raise Tampered(
                "the opening key does not unwrap (other sealing key, moved deadline, or altered row)"
            ) from exc
        if opening != dek:
            raise Tampered("the two wrapped keys differ")
    try:
        plaintext = _decrypt(dek, ciphertext, aad_b)
    except Tampered as exc:
        raise Tampered("the content does not authenticate") from exc
    matches = receipt_hash(plaintext) == expected_receipt
    del plaintext
    if not matches:
        raise Tampered("the receipt hash does not match the content")


def rewrap_for_new_deadline(
    *,
    wrapped_key: str,
    aad: str,
    procurement_id: int,
    salt: str,
    old_deadline: datetime,
    new_deadline: datetime,
) -> str:
    """Re-wrap a bid's data key when the deadline moves (an extension). The data key never leaves
    this function and the content is never decrypted."""
    old = _sealing_key(procurement_id=procurement_id, salt=salt, deadline=old_deadline)
    dek = _decrypt(old, wrapped_key, aad.encode())
    new = _sealing_key(procurement_id=procurement_id, salt=salt, deadline=new_deadline)
    return _encrypt(new, dek, aad.encode())
