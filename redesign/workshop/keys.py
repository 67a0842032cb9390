"""The secrets of a workshop, each for one job and never derived from another (``secrets``):

- the join code, shown on the projector and typed on phones: 8 characters from 30 that cannot be
  misread for one another (no 0/O, 1/I/L, 5/S), about 39 bits, written ``ABCD-EFGH``; wrong
  codes are slowed down (redesign.workshop.guard), so it cannot be found by trying;
- the facilitator key, in the facilitator's link only: 32 URL-safe characters (192 bits);
- a participant's token, given back after its first answer: 32 URL-safe characters; with it, and
  only with it, that answer can be changed.

The store keeps SHA-256 digests of the key and the tokens, never the secrets themselves.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ23456789"
CODE_LENGTH = 8
KEY_BYTES = 24
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    """``ABCDEFGH`` as it is shown and read out: ``ABCD-EFGH``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def normal_code(typed: object) -> str | None:
    """A typed code in its stored form (capitals, no spaces or dashes; O read as 0 is not in the
    alphabet, so a code with it is simply wrong); None if it cannot be a code."""
    if not isinstance(typed, str) or len(typed) > 40:
        return None
    code = re.sub(r"[\s\-]", "", typed).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def new_key() -> str:
    """A secret that starts with a letter or digit (a command line never reads it as an option)."""
    while True:
        key = secrets.token_urlsafe(KEY_BYTES)
        if key[0].isalnum():
            return key


def new_token() -> str:
    """A participant's token: made as a facilitator key is, and kept apart from it."""
    return new_key()


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def could_be_secret(value: object) -> bool:
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None


def matches(secret: object, stored_digest: str) -> bool:
    """Does ``secret`` have ``stored_digest``? In constant time."""
    if not could_be_secret(secret):
        return False
    assert isinstance(secret, str)
    return hmac.compare_digest(digest(secret), stored_digest)


def client_key(where: str) -> str:
    """Where an attempt came from (an IP address, a session), as a digest: the store counts wrong
    codes by it without keeping anyone's address."""
    return digest("redesign-workshop-client:" + where)
