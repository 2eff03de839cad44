from __future__ import annotations

import keyring.errors
from keyring.backends import chainer, fail, null

from sync.client import secrets
from sync.client.secrets import SecretStore

from .conftest import URL, MemoryKeyring


def test_a_working_keyring_keeps_tokens_across_stores(keyring_backend: MemoryKeyring) -> None:
    store = SecretStore(keyring_backend)
    assert store.persistent and store.reason is None and store.note is None
    store.save_refresh_token(URL, "wangjianguo", "r1")
    # A new store (the next run of the program) finds it in the keyring.
    again = SecretStore(keyring_backend)
    assert again.load_refresh_token(URL, "WangJianguo") == "r1"
    assert list(keyring_backend.store) == [(secrets.SERVICE, f"wangjianguo@{URL}")]
    again.forget_refresh_token(URL, "wangjianguo")
    assert keyring_backend.store == {}
    again.forget_refresh_token(URL, "wangjianguo")  # forgetting twice is fine


def test_tokens_are_kept_per_server_and_user(keyring_backend: MemoryKeyring) -> None:
    store = SecretStore(keyring_backend)
    store.save_refresh_token(URL, "a", "ra")
    store.save_refresh_token("http://other:1", "a", "rb")
    assert store.load_refresh_token(URL, "a") == "ra"
    assert store.load_refresh_token("http://other:1", "a") == "rb"
    assert store.load_refresh_token(URL, "b") is None


def test_no_keyring_means_memory_only_and_says_so(fail_keyring: fail.Keyring) -> None:
    store = SecretStore(fail_keyring)
    assert not store.persistent
    assert store.reason == secrets.NO_KEYRING
    assert "内存" in store.note
    store.save_refresh_token(URL, "u", "r1")
    assert store.load_refresh_token(URL, "u") == "r1"
    # The next run starts with nothing: nothing was written anywhere.
    assert SecretStore(fail_keyring).load_refresh_token(URL, "u") is None
    store.forget_refresh_token(URL, "u")
    assert store.load_refresh_token(URL, "u") is None


def test_null_and_empty_chainer_backends_are_not_keyrings(monkeypatch) -> None:
    assert secrets.unusable_reason(null.Keyring()) == secrets.NO_KEYRING
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    assert secrets.unusable_reason(chainer.ChainerBackend()) == secrets.NO_KEYRING


def test_a_plain_text_keyring_is_refused() -> None:
    class PlaintextKeyring(MemoryKeyring):
        """Looks like keyrings.alt.file.PlaintextKeyring."""

    backend = PlaintextKeyring()
    store = SecretStore(backend)
    assert store.reason == secrets.PLAINTEXT_KEYRING
    store.save_refresh_token(URL, "u", "r1")
    assert backend.store == {}


def test_a_keyring_that_fails_in_use_degrades_visibly() -> None:
    class LockedKeyring(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise keyring.errors.PasswordSetError("the collection is locked")

    store = SecretStore(LockedKeyring())
    assert store.persistent
    store.save_refresh_token(URL, "u", "r1")
    assert not store.persistent and store.reason == secrets.KEYRING_FAILED
    assert store.load_refresh_token(URL, "u") == "r1"
