"""argon2id hashing with the production parameters (docs/server.md explains them)."""

from __future__ import annotations

from argon2 import extract_parameters
from argon2.low_level import Type

from sync.server.passwords import PasswordHasher
from sync.server.settings import PasswordParams
from tests.server.helpers import CHEAP


def test_production_parameters_are_owasp_argon2id() -> None:
    hasher = PasswordHasher()  # the defaults the server runs with
    stored = hasher.hash("Demo@2026")
    params = extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert (params.type, params.memory_cost, params.time_cost, params.parallelism) == (
        Type.ID, 19 * 1024, 2, 1)
    assert hasher.verify(stored, "Demo@2026")
    assert not hasher.verify(stored, "demo@2026")


def test_same_password_gets_different_salts() -> None:
    hasher = PasswordHasher(CHEAP)
    assert hasher.hash("secret-pass") != hasher.hash("secret-pass")


def test_garbage_hash_is_a_failed_check_not_a_crash() -> None:
    hasher = PasswordHasher(CHEAP)
    assert not hasher.verify("not a hash", "anything")
    assert not hasher.verify("$argon2id$v=19$m=8,t=1,p=1$AAAA$BBBB", "anything")
    assert hasher.needs_rehash("not a hash")


def test_hash_made_with_weaker_parameters_needs_rehash() -> None:
    weak = PasswordHasher(CHEAP).hash("Demo@2026")
    assert PasswordHasher().needs_rehash(weak)
    assert not PasswordHasher(CHEAP).needs_rehash(weak)


def test_unicode_passwords() -> None:
    hasher = PasswordHasher(CHEAP)
    stored = hasher.hash("心电图@2026")
    assert hasher.verify(stored, "心电图@2026")
    assert not hasher.verify(stored, "心电图@2025")


def test_burn_spends_a_verification_and_matches_nothing() -> None:
    hasher = PasswordHasher(PasswordParams(memory_kib=8, time_cost=1, max_concurrent=1))
    hasher.burn("dummy password that matches nothing")  # must not raise, even for itself
    hasher.burn("anything")
