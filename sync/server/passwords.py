"""argon2id password hashing (argon2-cffi).

Cost m=19 MiB, t=2, p=1 is OWASP's first recommended argon2id setting: ~20-40 ms per
hash on one core, so 50 desks logging in at the start of a shift on a 2-core server are
served in about a second, while an offline guesser pays the same per guess. A semaphore
caps the hashes in flight, because each one holds its memory block and more of them
than there are cores only costs RAM (50 x 19 MiB would be ~1 GB).
"""

from __future__ import annotations

import threading

from argon2 import PasswordHasher as _Argon2
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from sync.server.settings import PasswordParams


class PasswordHasher:
    def __init__(self, params: PasswordParams | None = None) -> None:
        params = params or PasswordParams()
        self._argon2 = _Argon2(
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            hash_len=32,
            salt_len=16,
            type=Type.ID,
        )
        self._slots = threading.BoundedSemaphore(params.max_concurrent)
        self._dummy: str | None = None

    def hash(self, password: str) -> str:
        with self._slots:
            return self._argon2.hash(password)

    def verify(self, stored_hash: str, password: str) -> bool:
        with self._slots:
            try:
                return self._argon2.verify(stored_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return False

    def needs_rehash(self, stored_hash: str) -> bool:
        try:
            return self._argon2.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return True

    def burn(self, password: str) -> None:
        """Spend the time of one verification, for a user who does not exist or has no
        password, so response time does not tell which usernames are real."""
        if self._dummy is None:
            self._dummy = self.hash("dummy password that matches nothing")
        self.verify(self._dummy, password)
