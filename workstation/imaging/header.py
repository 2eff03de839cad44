"""Header scan: read what grouping, sorting and the overlays need, never the pixels.

``stop_before_pixels`` keeps a 250 MB CT study cheap to scan, and ``defer_size``
keeps other large elements (private blobs, embedded PDFs) unread. We still check
that the Pixel Data the header announces is actually there, because a file cut
short on a scratched CD is the most common bad input at a township desk.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.uid import UID, DeflatedExplicitVRLittleEndian

from .charset import read_text
from .errors import ErrorCode, ImagingError

MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10"
_DEFER = "64 KB"
_LONG_VRS = {
    b"OB",
    b"OW",
    b"OF",
    b"OD",
    b"OL",
    b"OV",
    b"SQ",
    b"UC",
    b"UN",
    b"UR",
    b"UT",
    b"SV",
    b"UV",
}
_PIXEL_DATA_LE = b"\xe0\x7f\x10\x00"
_PIXEL_DATA_BE = b"\x7f\xe0\x00\x10"
_SEQ_DELIM = b"\xfe\xff\xdd\xe0\x00\x00\x00\x00"


@dataclass
class InstanceHeader:
    """One image instance as the catalog sees it."""

    source: str
    sop_uid: str
    study_uid: str
    series_uid: str
    sop_class_uid: str = ""
    transfer_syntax: str = ""
    patient_id: str = ""
    patient_name: str = ""
    patient_birth_date: str = ""
    patient_sex: str = ""
    study_date: str = ""
    study_time: str = ""
    study_description: str = ""
    accession_number: str = ""
    series_number: int | None = None
    series_description: str = ""
    modality: str = ""
    body_part: str = ""
    instance_number: int | None = None
    position_z: float | None = None
    rows: int = 0
    columns: int = 0
    frames: int = 0
    has_pixels: bool = False
    photometric: str = ""
    charset_declared: str = ""
    charset_fixed: list[str] = field(default_factory=list)  # keywords decoded despite the label
    origin: object | None = field(default=None, repr=False, compare=False)  # the SourceRef read

    @property
    def transfer_syntax_name(self) -> str:
        return UID(self.transfer_syntax).name if self.transfer_syntax else ""


@dataclass
class DicomDirHeader:
    """A DICOMDIR: not an instance, but the list of files the CD claims to hold."""

    source: str
    referenced: list[str]  # ReferencedFileID as relative POSIX paths


def _text(ds: Dataset, keyword: str, fixed: list[str]) -> str:
    decoded = read_text(ds, keyword)
    if decoded is None:
        return ""
    if decoded.mislabelled:
        fixed.append(keyword)
    return decoded.text.strip()


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _str(ds: Dataset, keyword: str) -> str:
    try:
        value = ds.get(keyword, "")
    except Exception:  # a malformed value of a field we only display
        return ""
    return "" if value is None else str(value).strip()


def _read(fp: BinaryIO, label: str) -> Dataset:
    start = fp.tell()
    try:
        return pydicom.dcmread(fp, stop_before_pixels=True, defer_size=_DEFER)
    except InvalidDicomError:
        pass  # no preamble: maybe an old file without meta, tried below
    except (EOFError, struct.error) as exc:
        raise ImagingError(ErrorCode.TRUNCATED, label, f"header ends early: {exc}") from exc
    except Exception as exc:
        raise ImagingError(ErrorCode.MALFORMED, label, f"{type(exc).__name__}: {exc}") from exc
    fp.seek(start)
    try:
        ds = pydicom.dcmread(fp, stop_before_pixels=True, defer_size=_DEFER, force=True)
        # force=True accepts any bytes; only keep it if it looks like a real image header.
        uid = str(ds.get("SOPInstanceUID", "") or "")
        ok = bool(uid) and all(part.isdigit() for part in uid.split("."))
    except Exception:
        ok = False
    if not ok:
        raise ImagingError(
            ErrorCode.NOT_DICOM, label, "no DICM preamble and no readable DICOM header"
        )
    return ds


def _check_pixel_data(fp: BinaryIO, ds: Dataset, label: str, total: int) -> bool:
    """Compare the Pixel Data length announced in the header with the bytes present.

    pydicom leaves *fp* at the start of the Pixel Data tag after ``stop_before_pixels``.
    Returns whether the file has pixel data at all.
    """
    ts = getattr(getattr(ds, "file_meta", None), "TransferSyntaxUID", None)
    if ts == DeflatedExplicitVRLittleEndian:
        return "Rows" in ds  # the stream is compressed: the decoder checks it later
    pos = fp.tell()
    head = fp.read(12)
    if len(head) < 8 or head[:4] not in (_PIXEL_DATA_LE, _PIXEL_DATA_BE):
        return False
    little = head[:4] == _PIXEL_DATA_LE
    endian = "<" if little else ">"
    implicit = getattr(ds, "original_encoding", (None, None))[0]
    if implicit is None:  # not known: explicit VR shows a VR code and two zero bytes
        implicit = not (head[4:6] in _LONG_VRS and head[6:8] == b"\x00\x00")
    if not implicit:
        if len(head) < 12:
            raise ImagingError(ErrorCode.TRUNCATED, label, "file ends inside the Pixel Data header")
        (length,) = struct.unpack(endian + "I", head[8:12])
        value_start = pos + 12
    else:  # implicit VR: tag + 4-byte length
        (length,) = struct.unpack(endian + "I", head[4:8])
        value_start = pos + 8
    if length == 0xFFFFFFFF:
        # Encapsulated: a complete file ends its fragments with a Sequence Delimitation Item.
        # Usually the last 8 bytes; only a file with trailing padding needs the full read.
        fp.seek(max(total - 8, value_start))
        if fp.read(8) == _SEQ_DELIM:
            return True
        fp.seek(value_start)
        if _SEQ_DELIM not in fp.read():
            raise ImagingError(
                ErrorCode.TRUNCATED,
                label,
                "compressed Pixel Data has no end marker (Sequence Delimitation Item): file cut short",
            )
        return True
    present = total - value_start
    if present < length:
        raise ImagingError(
            ErrorCode.TRUNCATED,
            label,
            f"Pixel Data announces {length} bytes but only {max(present, 0)} are present",
        )
    return True


def read_header(source: str | Path, data: bytes | None = None) -> InstanceHeader | DicomDirHeader:
    """Scan one file's header (from *data* when the bytes are already in memory)."""
    label = str(source)
    try:
        fp: BinaryIO = io.BytesIO(data) if data is not None else open(source, "rb")  # noqa: SIM115
    except OSError as exc:
        raise ImagingError(ErrorCode.UNREADABLE, label, f"{type(exc).__name__}: {exc}") from exc
    with fp:
        fp.seek(0, io.SEEK_END)
        total = fp.tell()
        fp.seek(0)
        if total == 0:
            raise ImagingError(ErrorCode.NOT_DICOM, label, "empty file")
        ds = _read(fp, label)
        meta = getattr(ds, "file_meta", None)
        media_class = str(getattr(meta, "MediaStorageSOPClassUID", "") or "")
        if media_class == MEDIA_STORAGE_DIRECTORY or "DirectoryRecordSequence" in ds:
            return _dicomdir(ds, label)
        if fp.tell() > total:
            # A deferred element's announced length runs past the end of the file.
            raise ImagingError(
                ErrorCode.TRUNCATED,
                label,
                f"an element runs past the end of the file ({total} bytes)",
            )
        has_pixels = _check_pixel_data(fp, ds, label, total)
        promised_uid = bool(getattr(meta, "MediaStorageSOPInstanceUID", None))
        group_length = getattr(meta, "FileMetaInformationGroupLength", None)
        meta_cut = isinstance(group_length, int) and 144 + group_length > total
        lost_uid = (promised_uid or meta_cut) and "SOPInstanceUID" not in ds
        if not has_pixels and fp.tell() >= total and ("Rows" in ds or lost_uid):
            # pydicom stops quietly at end of file; an image header without its
            # Pixel Data, or a header without its identity, was cut short.
            raise ImagingError(
                ErrorCode.TRUNCATED, label, f"file ends after {total} bytes, before the Pixel Data"
            )
    return _instance(ds, label, has_pixels)


def _instance(ds: Dataset, label: str, has_pixels: bool) -> InstanceHeader:
    fixed: list[str] = []
    # Text first, from the raw bytes, before anything converts those elements.
    patient_name = _text(ds, "PatientName", fixed)
    study_description = _text(ds, "StudyDescription", fixed)
    series_description = _text(ds, "SeriesDescription", fixed)
    uids = {k: _str(ds, k) for k in ("SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID")}
    missing = [k for k, v in uids.items() if not v]
    if missing:
        raise ImagingError(ErrorCode.MISSING_UID, label, "missing " + ", ".join(missing))
    meta = getattr(ds, "file_meta", None)
    ts = str(getattr(meta, "TransferSyntaxUID", "") or "")
    if not ts:
        implicit, little = ds.original_encoding
        ts = (
            "1.2.840.10008.1.2"
            if implicit
            else ("1.2.840.10008.1.2.1" if little else "1.2.840.10008.1.2.2")
        )
    position_z = None
    try:
        ipp = ds.get("ImagePositionPatient")
        if ipp is not None and len(ipp) == 3:
            position_z = float(ipp[2])
    except (TypeError, ValueError):
        position_z = None
    frames = _int(_str(ds, "NumberOfFrames")) or (1 if has_pixels else 0)
    return InstanceHeader(
        source=label,
        sop_uid=uids["SOPInstanceUID"],
        study_uid=uids["StudyInstanceUID"],
        series_uid=uids["SeriesInstanceUID"],
        sop_class_uid=_str(ds, "SOPClassUID"),
        transfer_syntax=ts,
        patient_id=_str(ds, "PatientID"),
        patient_name=patient_name,
        patient_birth_date=_str(ds, "PatientBirthDate"),
        patient_sex=_str(ds, "PatientSex"),
        study_date=_str(ds, "StudyDate"),
        study_time=_str(ds, "StudyTime"),
        study_description=study_description,
        accession_number=_str(ds, "AccessionNumber"),
        series_number=_int(_str(ds, "SeriesNumber")),
        series_description=series_description,
        modality=_str(ds, "Modality"),
        body_part=_str(ds, "BodyPartExamined"),
        instance_number=_int(_str(ds, "InstanceNumber")),
        position_z=position_z,
        rows=_int(_str(ds, "Rows")) or 0,
        columns=_int(_str(ds, "Columns")) or 0,
        frames=frames if has_pixels else 0,
        has_pixels=has_pixels,
        photometric=_str(ds, "PhotometricInterpretation"),
        charset_declared="\\".join(str(v) for v in ds.get("SpecificCharacterSet", []) or [])
        if not isinstance(ds.get("SpecificCharacterSet"), str)
        else str(ds.get("SpecificCharacterSet")),
        charset_fixed=fixed,
    )


def _dicomdir(ds: Dataset, label: str) -> DicomDirHeader:
    referenced: list[str] = []
    try:
        records = ds.get("DirectoryRecordSequence", []) or []
        for rec in records:
            fid = rec.get("ReferencedFileID")
            if not fid:
                continue
            parts = [fid] if isinstance(fid, str) else list(fid)
            referenced.append("/".join(str(p).strip() for p in parts))
    except Exception as exc:
        raise ImagingError(
            ErrorCode.MALFORMED, label, f"DICOMDIR records unreadable: {exc}"
        ) from exc
    return DicomDirHeader(source=label, referenced=referenced)
