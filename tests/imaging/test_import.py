"""Import into the local content store: copies, de-duplication, progress, cancel, atomic writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pydicom
import pytest

from workstation.imaging import store as store_module
from workstation.imaging.scan import CancelToken, import_into
from workstation.imaging.store import ContentStore, safe_name


def test_import_real_ct_into_store(tmp_path: Path, phantom_dir: Path) -> None:
    store = ContentStore(tmp_path / "store")
    progress = []
    report = import_into(store, phantom_dir, progress=progress.append)
    assert report.catalog.instance_count == 28
    assert len(report.stored) == 28
    files = list(store.iter_files())
    assert len(files) == 28
    # Layout: studies/<study>/<series>/<sop>.dcm, and the bytes are the original bytes.
    some = next(iter(report.stored.values()))
    rel = some.path.relative_to(store.studies).parts
    ds = pydicom.dcmread(some.path, stop_before_pixels=True)
    assert rel == (ds.StudyInstanceUID, ds.SeriesInstanceUID, f"{ds.SOPInstanceUID}.dcm")
    original = next(p for p in phantom_dir.iterdir() if p.read_bytes() == some.path.read_bytes())
    assert original.exists()
    # Headers now point at the local copy, not the (slow) CD.
    assert all(
        h.source.startswith(str(store.root)) for s in report.catalog.all_series() for h in s.instances
    )
    assert [p.done for p in progress] == list(range(1, 31))
    assert progress[-1].total == 30 and progress[-1].instances == 28 and progress[-1].skipped == 2


def test_reimport_stores_nothing_twice(tmp_path: Path, phantom_dir: Path) -> None:
    store = ContentStore(tmp_path / "store")
    import_into(store, phantom_dir)
    again = import_into(store, phantom_dir)
    assert all(s.already_stored for s in again.stored.values())
    assert len(list(store.iter_files())) == 28


def test_cancel_leaves_only_whole_files(tmp_path: Path, phantom_dir: Path) -> None:
    store = ContentStore(tmp_path / "store")
    token = CancelToken()

    def progress(p):
        if p.done == 10:
            token.cancel()

    report = import_into(store, phantom_dir, progress=progress, cancel=token)
    assert report.cancelled
    files = list(store.iter_files())
    assert 0 < len(files) <= 10
    for f in files:
        pydicom.dcmread(f).pixel_array  # every stored file is complete  # noqa: B018
    assert not [p for p in store.root.rglob("*") if p.name.endswith(".partial")]


def test_failed_write_leaves_no_half_file(tmp_path: Path, phantom_dir: Path, monkeypatch) -> None:
    store = ContentStore(tmp_path / "store")

    def exploding_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module.os, "replace", exploding_replace)
    report = import_into(store, phantom_dir / "I10")
    assert [p.code for p in report.errors] == ["unreadable"]
    assert "No space left" in report.errors[0].detail
    leftovers = [p for p in store.root.rglob("*") if p.is_file()]
    assert leftovers == []


def test_stale_partials_of_a_killed_import_are_removed(tmp_path: Path) -> None:
    root = tmp_path / "store"
    series = root / "studies" / "1.2" / "1.2.3"
    series.mkdir(parents=True)
    (series / ".1.2.3.4.abc.partial").write_bytes(b"half")
    store = ContentStore(root)
    assert store.removed_partials == 1
    assert list(series.iterdir()) == []


def test_hostile_uids_cannot_escape_the_store() -> None:
    assert safe_name("1.2.840.113619") == "1.2.840.113619"
    for bad in ("../../etc", "1.2/3", "", "x" * 80):
        name = safe_name(bad)
        assert name.startswith("sha256-") and "/" not in name


def test_import_mixes_good_and_bad_without_aborting(tmp_path: Path, phantom_dir: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(phantom_dir / "I10", src / "good")
    (src / "cut").write_bytes((phantom_dir / "I20").read_bytes()[:3000])
    (src / "notes.txt").write_text("hello")
    store = ContentStore(tmp_path / "store")
    report = import_into(store, src)
    assert len(report.stored) == 1 and len(report.errors) == 1 and len(report.skipped) == 1
    assert os.path.exists(next(iter(report.stored.values())).path)


@pytest.mark.parametrize("member_dir", ["", "DICOM/"])
def test_import_from_zip(tmp_path: Path, phantom_dir: Path, member_dir: str) -> None:
    import zipfile

    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name in ("I10", "I20", "I30"):
            zf.write(phantom_dir / name, member_dir + name)
    store = ContentStore(tmp_path / "store")
    report = import_into(store, archive)
    assert len(report.stored) == 3


def test_stored_copy_is_byte_identical_with_its_sha256(tmp_path: Path, phantom_dir: Path) -> None:
    import hashlib

    store = ContentStore(tmp_path / "store")
    report = import_into(store, phantom_dir / "I10")
    (stored,) = report.stored.values()
    original = (phantom_dir / "I10").read_bytes()
    assert stored.path.read_bytes() == original
    assert stored.sha256 == hashlib.sha256(original).hexdigest() and stored.size == len(original)
    again = import_into(store, phantom_dir / "I10")
    assert next(iter(again.stored.values())).sha256 == stored.sha256  # same digest when already stored
