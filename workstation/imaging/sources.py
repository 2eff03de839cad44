"""Where DICOM bytes come from: a file, a folder tree, a zip archive or a CD.

A source is named by a label the technician can read (``/media/cd/IMG001`` or
``study.zip!DICOM/IM1``) and can be read whole. Zip members are read through the
archive; nothing is extracted to disk outside the content store.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ErrorCode, ImagingError

MAX_MEMBER_BYTES = 1 << 30  # 1 GiB: far above a real instance (a 500-slice CT is ~250 MB)


@dataclass(frozen=True)
class SourceRef:
    path: Path  # the file on disk (the archive, for a zip member)
    member: str | None = None  # name inside the archive
    broken: str | None = None  # why the archive could not be listed, if it could not

    @property
    def label(self) -> str:
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @property
    def name(self) -> str:
        return (self.member or self.path.name).rsplit("/", 1)[-1]

    def read_bytes(self) -> bytes:
        if self.broken:
            raise ImagingError(ErrorCode.BAD_ARCHIVE, self.label, self.broken)
        try:
            if self.member is None:
                return self.path.read_bytes()
            with zipfile.ZipFile(self.path) as zf:
                return zf.read(self.member)
        except (OSError, zipfile.BadZipFile, KeyError, RuntimeError) as exc:
            # RuntimeError: encrypted members; zlib errors surface as BadZipFile/OSError.
            code = ErrorCode.BAD_ARCHIVE if self.member else ErrorCode.UNREADABLE
            raise ImagingError(code, self.label, f"{type(exc).__name__}: {exc}") from exc


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(132)
    except OSError:
        return False
    # A DICOM file with a preamble is never treated as an archive, whatever its tail says.
    if head[128:132] == b"DICM":
        return False
    return head[:4] == b"PK\x03\x04" and zipfile.is_zipfile(path)


def _zip_members(path: Path) -> Iterator[SourceRef]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
    except (OSError, zipfile.BadZipFile) as exc:
        raise ImagingError(ErrorCode.BAD_ARCHIVE, path, f"{type(exc).__name__}: {exc}") from exc
    for info in sorted(infos, key=lambda i: i.filename):
        if info.file_size > MAX_MEMBER_BYTES:
            # Members are read into memory; a (hostile or broken) giant one is refused, not loaded.
            yield SourceRef(path, info.filename, broken=f"member is {info.file_size} bytes, over the limit")
        else:
            yield SourceRef(path, info.filename)


def iter_sources(path: str | Path) -> Iterator[SourceRef]:
    """Every candidate file under *path*, folders recursively and zip archives opened.

    A DICOMDIR file given directly means "this CD": its whole folder is scanned,
    because vendor CDs often carry a partial DICOMDIR or none (see docs/imaging.md).
    """
    root = Path(path)
    if not root.exists():
        raise ImagingError(ErrorCode.NOT_FOUND, root, "path does not exist")
    if root.is_file() and root.name.upper() == "DICOMDIR":
        root = root.parent
    if root.is_file():
        if _is_zip(root):
            yield from _zip_members(root)
        else:
            yield SourceRef(root)
        return
    if not os.access(root, os.R_OK | os.X_OK):
        raise ImagingError(ErrorCode.UNREADABLE, root, "folder is not readable")
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for fname in sorted(filenames):
            fpath = Path(dirpath) / fname
            if fpath.is_symlink() and not fpath.exists():
                continue
            if _is_zip(fpath):
                try:
                    yield from _zip_members(fpath)
                except ImagingError as exc:
                    # Reported by the caller as a bad archive, never fatal here.
                    yield SourceRef(fpath, broken=exc.detail)
            else:
                yield SourceRef(fpath)
