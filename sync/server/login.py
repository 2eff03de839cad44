"""Password login with lock-out, and the administrator's unlock.

The password check runs outside any database transaction: argon2 takes tens of
milliseconds, and on SQLite a transaction held that long would queue every other writer.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sync.server.audit import Action, Outcome, record
from sync.server.clock import Clock, iso_utc
from sync.server.db import Database
from sync.server.errors import ApiError
from sync.server.models import User
from sync.server.passwords import PasswordHasher
from sync.server.settings import Settings
from sync.server.tokens import IssuedTokens, check_user_may_act, open_session


class LoginService:
    def __init__(self, db: Database, hasher: PasswordHasher, settings: Settings,
                 clock: Clock) -> None:
        self.db, self.hasher, self.settings, self.clock = db, hasher, settings, clock

    def login(self, username: str, password: str, device: str | None = None) -> IssuedTokens:
        now = self.clock.now()
        with self.db.read() as s:
            user = s.scalar(select(User).where(User.username == username))
            snapshot = None if user is None else (user.id, user.password_hash, user.locked_until)

        if snapshot is None:
            self.hasher.burn(password)
            self._audit_failure(None, username, "unknown_user")
            raise ApiError("invalid_credentials")
        user_id, stored_hash, locked_until = snapshot
        if locked_until is not None and locked_until > now:
            with self.db.write() as s:
                record(s, action=Action.LOGIN, outcome=Outcome.DENIED, now=now,
                       user_id=user_id, username=username, details={"reason": "locked"})
            raise ApiError("account_locked", {"locked_until": iso_utc(locked_until)})

        if stored_hash is None:
            self.hasher.burn(password)
            ok = False
        else:
            ok = self.hasher.verify(stored_hash, password)
        if not ok:
            raise self._register_failure(user_id, username, now)
        # Hashes made with older parameters are upgraded now that the password is known.
        assert stored_hash is not None
        new_hash = self.hasher.hash(password) if self.hasher.needs_rehash(stored_hash) else None

        tokens: IssuedTokens | None = None
        error: ApiError | None = None
        with self.db.write() as s:
            user = s.get(User, user_id)
            assert user is not None
            try:
                check_user_may_act(user, now)
            except ApiError as refusal:
                error = refusal  # raised after the commit, so the audit row is kept
                record(s, action=Action.LOGIN, outcome=Outcome.DENIED, now=now,
                       user_id=user.id, username=username, details={"reason": refusal.code})
            else:
                user.failed_logins, user.locked_until = 0, None
                if new_hash is not None:
                    user.password_hash = new_hash
                record(s, action=Action.LOGIN, outcome=Outcome.SUCCESS, now=now,
                       user_id=user.id, username=username, details={"device": device})
                tokens = open_session(s, user, now, self.settings, device)
        if error is not None:
            raise error
        assert tokens is not None
        return tokens

    def _register_failure(self, user_id: str, username: str, now) -> ApiError:
        with self.db.write() as s:
            # Row lock on PostgreSQL; SQLite writers are serialised already (db.py).
            user = s.get(User, user_id, with_for_update=True, populate_existing=True)
            assert user is not None
            if user.locked_until is not None and user.locked_until > now:
                # A concurrent attempt locked the account while this password was hashed.
                return ApiError("account_locked", {"locked_until": iso_utc(user.locked_until)})
            # Incremented in SQL so concurrent failures on several workers all count.
            s.execute(update(User).where(User.id == user_id)
                      .values(failed_logins=User.failed_logins + 1))
            s.refresh(user)
            record(s, action=Action.LOGIN, outcome=Outcome.FAILURE, now=now, user_id=user_id,
                   username=username, details={"reason": "wrong_password",
                                               "consecutive": user.failed_logins})
            if user.failed_logins < self.settings.lockout_threshold:
                return ApiError("invalid_credentials")
            user.locked_until = now + timedelta(minutes=self.settings.lockout_minutes)
            # The count starts afresh, so after the lock ends N new failures are needed.
            user.failed_logins = 0
            locked_until = iso_utc(user.locked_until)
            record(s, action=Action.LOCKOUT, outcome=Outcome.SUCCESS, now=now, user_id=user_id,
                   username=username, details={"locked_until": locked_until})
        return ApiError("account_locked", {"locked_until": locked_until})

    def _audit_failure(self, user_id: str | None, username: str, reason: str) -> None:
        with self.db.write() as s:
            record(s, action=Action.LOGIN, outcome=Outcome.FAILURE, now=self.clock.now(),
                   user_id=user_id, username=username[:64], details={"reason": reason})


def unlock(session: Session, user_id: str, *, actor: str, clock: Clock) -> None:
    user = session.get(User, user_id)
    if user is None:
        raise ApiError("not_found")
    now = clock.now()
    was_locked = user.locked_until is not None and user.locked_until > now
    user.failed_logins, user.locked_until = 0, None
    record(session, action=Action.UNLOCK, outcome=Outcome.SUCCESS, now=now, user_id=user.id,
           username=user.username, details={"by": actor, "was_locked": was_locked})
