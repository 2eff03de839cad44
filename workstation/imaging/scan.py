"""Scan and import: walk sources, read headers, group, and (for import) store.

One loop serves both ``scan`` (inspect, preview: headers only) and
``import_into`` (copy into the content store). Every per-file failure becomes a
``Problem`` in the report; only an unusable *input* (path missing) raises.
Progress and cancel are plain callables/objects so the UI can wrap them in its
own task runner (DESIGN §2) and tests can drive them directly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .catalog import Catalog
from .errors import ErrorCode, ImagingError, Problem
from .header import DicomDirHeader, InstanceHeader, read_header
from .sources import SourceRef, iter_sources
from .store import ContentStore, StoredInstance


class CancelToken:
    """Set from any thread (the UI's cancel button); checked between files."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    current: str
    instances: int
    skipped: int
    errors: int


@dataclass
class DicomDirCheck:
    """What a DICOMDIR promised against what the scan found on the medium."""

    source: str
    referenced: int
    missing: list[str]
    unreferenced: list[str]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.unreferenced


@dataclass
class ScanReport:
    catalog: Catalog = field(default_factory=Catalog)
    files_seen: int = 0
    skipped: list[Problem] = field(default_factory=list)  # not DICOM images: not an error
    errors: list[Problem] = field(default_factory=list)  # DICOM-looking but unusable
    duplicates: int = 0
    dicomdirs: list[DicomDirCheck] = field(default_factory=list)
    stored: dict[str, StoredInstance] = field(default_factory=dict)  # by SOP UID (import only)
    cancelled: bool = False

    def summary(self) -> dict[str, Any]:
        return {
            **self.catalog.counts(),
            "files_seen": self.files_seen,
            "skipped": len(self.skipped),
            "errors": len(self.errors),
            "duplicates": self.duplicates,
            "cancelled": self.cancelled,
        }


ProgressCallback = Callable[[Progress], None]


def _labels_key(label: str) -> str:
    # CD file systems are case-insensitive (ISO 9660 names are upper case).
    return label.replace("\\", "/").lower()


def _check_dicomdirs(report: ScanReport, dirs: list[DicomDirHeader], seen: list[str]) -> None:
    seen_keys = {_labels_key(s) for s in seen}
    for d in dirs:
        base = str(PurePosixPath(d.source.replace("\\", "/")).parent)
        expected = {_labels_key(f"{base}/{ref}"): f"{base}/{ref}" for ref in d.referenced}
        missing = sorted(label for key, label in expected.items() if key not in seen_keys)
        prefix = _labels_key(base) + "/"
        unreferenced = sorted(
            h.source
            for s in report.catalog.all_series()
            for h in s.instances
            if _labels_key(h.source).startswith(prefix) and _labels_key(h.source) not in expected
        )
        report.dicomdirs.append(DicomDirCheck(d.source, len(d.referenced), missing, unreferenced))


def _media_root(path: Path) -> Path:
    """A directory file given directly (DICOMDIR, Philips DIRFILE) stands for its whole medium.

    We scan the folder it sits in instead of trusting it: vendor CDs often carry a
    partial or wrongly laid out directory (the check in the report says what differs).
    """
    if path.is_file() and path.name.upper() != "DICOMDIR":
        try:
            if isinstance(read_header(path), DicomDirHeader):
                return path.parent
        except ImagingError:
            pass  # reported when the file itself is scanned
    return path


def _run(
    paths: Iterable[str | Path],
    store: ContentStore | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> ScanReport:
    sources: list[SourceRef] = []
    for p in paths:
        sources.extend(iter_sources(_media_root(Path(p))))  # raises for an unusable input
    report = ScanReport()
    dirs: list[DicomDirHeader] = []
    seen: list[str] = []
    total = len(sources)
    for i, ref in enumerate(sources):
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break
        report.files_seen += 1
        seen.append(ref.label)
        try:
            if ref.member is None:
                header = read_header(ref.path)  # the header only; import then streams the copy
                data = None
            else:
                data = ref.read_bytes()  # a zip member: read once, parse and store from memory
                header = read_header(ref.label, data)
        except ImagingError as exc:
            if exc.code == ErrorCode.NOT_DICOM:
                report.skipped.append(exc.problem())
            else:
                report.errors.append(exc.problem())
        else:
            if isinstance(header, DicomDirHeader):
                dirs.append(header)
                report.skipped.append(
                    Problem(
                        ErrorCode.NOT_DICOM, ref.label, "directory file (DICOMDIR), not an image"
                    )
                )
            else:
                header.origin = ref
                if not report.catalog.add(header):
                    report.duplicates += 1
                elif store is not None:
                    _store(report, store, header, ref, data)
        if progress is not None:
            progress(
                Progress(
                    i + 1,
                    total,
                    ref.label,
                    report.catalog.instance_count,
                    len(report.skipped),
                    len(report.errors),
                )
            )
    _check_dicomdirs(report, dirs, seen)
    return report


def _store(
    report: ScanReport,
    store: ContentStore,
    header: InstanceHeader,
    ref: SourceRef,
    data: bytes | None,
) -> None:
    uids = (header.study_uid, header.series_uid, header.sop_uid)
    try:
        stored = store.put(data, *uids) if data is not None else store.put_file(ref.path, *uids)
    except OSError as exc:
        report.errors.append(Problem(ErrorCode.UNREADABLE, header.source, f"cannot store: {exc}"))
        return
    report.stored[header.sop_uid] = stored
    header.source = str(stored.path)  # from now on the viewer reads the local copy
    header.origin = SourceRef(stored.path)


def scan(
    paths: str | Path | Iterable[str | Path],
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ScanReport:
    """Header scan of files, folders, zip archives or a CD (DICOMDIR); nothing is written."""
    return _run(_as_list(paths), None, progress, cancel)


def import_into(
    store: ContentStore,
    paths: str | Path | Iterable[str | Path],
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ScanReport:
    """Copy every DICOM instance under *paths* into *store* and return the grouped report."""
    return _run(_as_list(paths), store, progress, cancel)


def _as_list(paths: str | Path | Iterable[str | Path]) -> list[str | Path]:
    if isinstance(paths, str | Path):
        return [paths]
    return list(paths)
