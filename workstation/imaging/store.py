"""The desk's local content store for DICOM instances.

Layout: ``<root>/studies/<StudyUID>/<SeriesUID>/<SOPInstanceUID>.dcm``. UIDs are
digits and dots, so they are safe file names; a UID that is not (hostile or
broken files) is replaced by its SHA-256 so nothing can escape the root.

Every file is written to a temporary name in the same folder, flushed to disk and
then renamed: a rename is atomic on one file system, so an import that is
cancelled, crashes or loses power leaves either the whole file or nothing.
Stale temporaries from a killed process are removed when the store is opened.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_UID_RE = re.compile(r"^[0-9]+(\.[0-9]+)*$")
_TMP_SUFFIX = ".partial"
_CHUNK = 1 << 20


def _hash_file(path: Path) -> tuple[str, int]:
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(_CHUNK):
            sha.update(block)
            size += len(block)
    return sha.hexdigest(), size


def safe_name(uid: str) -> str:
    if len(uid) <= 64 and _UID_RE.match(uid):
        return uid
    return "sha256-" + hashlib.sha256(uid.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class StoredInstance:
    sop_uid: str
    path: Path
    sha256: str
    size: int
    already_stored: bool  # True when an earlier import had stored this instance


class ContentStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.studies = self.root / "studies"
        self.studies.mkdir(parents=True, exist_ok=True)
        self.removed_partials = self._remove_partials()

    def _remove_partials(self) -> int:
        count = 0
        for tmp in self.studies.rglob(f"*{_TMP_SUFFIX}"):
            try:
                tmp.unlink()
                count += 1
            except OSError:
                pass
        return count

    def path_for(self, study_uid: str, series_uid: str, sop_uid: str) -> Path:
        return (
            self.studies
            / safe_name(study_uid)
            / safe_name(series_uid)
            / f"{safe_name(sop_uid)}.dcm"
        )

    def put(self, data: bytes, study_uid: str, series_uid: str, sop_uid: str) -> StoredInstance:
        """Store one instance's bytes atomically; an instance already stored is not rewritten."""
        return self._write(iter([data]), study_uid, series_uid, sop_uid)

    def put_file(self, source: Path, study_uid: str, series_uid: str, sop_uid: str) -> StoredInstance:
        """Like ``put`` but streams from disk, so a 250 MB multi-frame file is never all in memory."""

        def chunks() -> Iterator[bytes]:
            with open(source, "rb") as fh:
                while block := fh.read(_CHUNK):
                    yield block

        return self._write(chunks(), study_uid, series_uid, sop_uid)

    def _write(
        self, chunks: Iterator[bytes], study_uid: str, series_uid: str, sop_uid: str
    ) -> StoredInstance:
        target = self.path_for(study_uid, series_uid, sop_uid)
        if target.exists():
            digest, size = _hash_file(target)
            return StoredInstance(sop_uid, target, digest, size, True)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=_TMP_SUFFIX, dir=target.parent)
        sha = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as fh:
                for block in chunks:
                    sha.update(block)
                    size += len(block)
                    fh.write(block)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            # Includes KeyboardInterrupt: the half-written temporary never stays behind.
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            raise
        return StoredInstance(sop_uid, target, sha.hexdigest(), size, False)

    def iter_files(self) -> Iterator[Path]:
        yield from sorted(self.studies.rglob("*.dcm"))
