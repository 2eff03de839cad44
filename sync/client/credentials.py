"""The offline credential: a local argon2 verifier of the password of the last online login.

Made on this desk (never the server's hash, which the server never sends), so it proves
only "this person typed the password that worked online here last time".
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2-cffi's defaults (RFC 9106 "low memory" profile): slow enough to make a stolen
# cache file expensive to brute-force, fast enough (~50 ms) at a login dialog.
_HASHER = PasswordHasher()


def make_verifier(password: str, hasher: PasswordHasher = _HASHER) -> str:
    return hasher.hash(password)


def check_verifier(verifier: str, password: str, hasher: PasswordHasher = _HASHER) -> bool:
    try:
        return hasher.verify(verifier, password)
    except (VerificationError, InvalidHashError):
        return False
