"""Frame decoding: one frame at a time, kept in its stored integer type.

pydicom (with the pylibjpeg-openjpeg, pylibjpeg-rle, pyjpegls, python-gdcm and
Pillow plugins) does the decoding; this module chooses how to read the file so
only the requested frame is decoded, turns every failure into an
``ImagingError`` with a code, and normalises the result:

* native byte order (big endian files give ``>i2`` arrays; the LUTs expect native),
* YBR_* colour converted to RGB (pydicom's ``as_rgb``), PALETTE COLOR left as indices
  (the palette is applied at display time in ``voi``),
* no rescale: the modality LUT and VOI run later through a lookup table.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.encaps import get_frame
from pydicom.pixels import get_decoder, pixel_array
from pydicom.uid import (
    UID,
    DeflatedExplicitVRLittleEndian,
    JPEGBaseline8Bit,
    JPEGExtended12Bit,
    JPEGLossless,
    JPEGLosslessSV1,
)

from .errors import ErrorCode, ImagingError

try:  # BSD-3-Clause; libjpeg-turbo 3 inside decodes 12-bit JPEG, which GDCM's wheel cannot.
    import imagecodecs
except ImportError:  # pragma: no cover - optional plugin
    imagecodecs = None

_JPEG_FAMILY = {JPEGBaseline8Bit, JPEGExtended12Bit, JPEGLossless, JPEGLosslessSV1}



def decoder_status() -> dict[str, dict[str, object]]:
    """Which compressed transfer syntaxes can be decoded here, and by which plugins.

    Printed by ``inspect --json`` so support can see at once that a desk lacks a plugin.
    """
    from pydicom.uid import (
        JPEG2000,
        JPEG2000Lossless,
        JPEGLSLossless,
        JPEGLSNearLossless,
        RLELossless,
    )

    out: dict[str, dict[str, object]] = {}
    for uid in (
        JPEGBaseline8Bit,
        JPEGExtended12Bit,
        JPEGLossless,
        JPEGLosslessSV1,
        JPEGLSLossless,
        JPEGLSNearLossless,
        JPEG2000Lossless,
        JPEG2000,
        RLELossless,
    ):
        decoder = get_decoder(uid)
        plugins = list(decoder.available_plugins)
        if uid in _JPEG_FAMILY and imagecodecs is not None:
            plugins.append("imagecodecs (fallback)")
        out[str(uid)] = {"name": uid.name, "available": bool(plugins), "plugins": plugins}
    return out


def _native(arr: np.ndarray) -> np.ndarray:
    if arr.dtype.byteorder not in ("=", "|"):
        arr = arr.astype(arr.dtype.newbyteorder("="))
    return arr


def _classify(exc: Exception) -> ErrorCode:
    text = str(exc).lower()
    if isinstance(exc, EOFError | struct.error) or "reshape" in text or "truncat" in text:
        return ErrorCode.TRUNCATED
    if isinstance(exc, AttributeError) and "no pixel data" in text.replace("'", ""):
        return ErrorCode.NO_PIXELS
    if "no 'pixel data'" in text or "no pixel data" in text:
        return ErrorCode.NO_PIXELS
    if isinstance(exc, NotImplementedError) or "no pixel data decoders" in text or "missing required" in text:
        return ErrorCode.UNSUPPORTED_SYNTAX
    return ErrorCode.DECODE_FAILED


class ImageSource:
    """Pixel access for one stored instance: its header plus a frame accessor.

    The header is read once without pixels; each ``frame(i)`` decodes only frame i
    (for encapsulated data, only that frame's fragments are read).
    """

    def __init__(self, path: str | Path, data: bytes | None = None) -> None:
        # *path* names the instance in messages; *data*, when given, holds its bytes
        # (a zip member or a C-STORE buffer) and nothing is read from disk.
        self.path = Path(path)
        self._data = data
        try:
            self.header: Dataset = pydicom.dcmread(self._open(), stop_before_pixels=True, force=True)
        except Exception as exc:
            raise ImagingError(ErrorCode.MALFORMED, self.path, f"{type(exc).__name__}: {exc}") from exc
        meta = getattr(self.header, "file_meta", None)
        self.transfer_syntax = UID(str(getattr(meta, "TransferSyntaxUID", "") or "1.2.840.10008.1.2"))
        if "Rows" not in self.header or "Columns" not in self.header:
            raise ImagingError(ErrorCode.NO_PIXELS, self.path, "no Rows/Columns: not an image")
        try:
            self.frame_count = int(self.header.get("NumberOfFrames", 1) or 1)
        except (TypeError, ValueError) as exc:
            raise ImagingError(
                ErrorCode.MALFORMED, self.path, f"Number of Frames is not a number: {exc}"
            ) from exc
        self._full: Dataset | None = None  # only for deflated files, which cannot be seeked

    def _open(self) -> Path | io.BytesIO:
        return self.path if self._data is None else io.BytesIO(self._data)

    @property
    def photometric(self) -> str:
        return str(self.header.get("PhotometricInterpretation", "MONOCHROME2")).strip()

    @property
    def output_photometric(self) -> str:
        """Photometric interpretation of the arrays ``frame`` returns (YBR becomes RGB)."""
        return "RGB" if self.photometric.startswith("YBR") else self.photometric

    def _check_decoder(self) -> None:
        if not self.transfer_syntax.is_compressed:
            return
        try:
            decoder = get_decoder(self.transfer_syntax)
        except NotImplementedError as exc:
            raise ImagingError(
                ErrorCode.UNSUPPORTED_SYNTAX, self.path, f"{self.transfer_syntax.name}: no decoder"
            ) from exc
        if not decoder.is_available:
            raise ImagingError(
                ErrorCode.UNSUPPORTED_SYNTAX,
                self.path,
                f"{self.transfer_syntax.name}: no decoder plugin installed",
            )

    def frame(self, index: int = 0) -> np.ndarray:
        """Decode frame *index*: HxW in the stored integer type, or HxWx3 RGB."""
        if not 0 <= index < self.frame_count:
            raise IndexError(f"frame {index} out of range 0..{self.frame_count - 1}")
        self._check_decoder()
        try:
            if self.transfer_syntax == DeflatedExplicitVRLittleEndian:
                if self._full is None:
                    self._full = pydicom.dcmread(self._open())
                arr = get_decoder(self.transfer_syntax).as_array(self._full, index=index)[0]
            else:
                arr = pixel_array(self._open(), index=index)
        except ImagingError:
            raise
        except Exception as exc:
            arr = self._fallback(index, exc)
        if arr.ndim == 3 and arr.shape[-1] != 3 and self.frame_count == 1:
            arr = arr[0]
        return _native(arr)

    def _fallback(self, index: int, exc: Exception) -> np.ndarray:
        """JPEG frames pydicom's permissive plugins refuse (12-bit Extended) go to imagecodecs."""
        error = ImagingError(_classify(exc), self.path, f"frame {index}: {type(exc).__name__}: {exc}")
        if imagecodecs is None or self.transfer_syntax not in _JPEG_FAMILY:
            raise error from exc
        if int(self.header.get("SamplesPerPixel", 1)) != 1:
            raise error from exc  # colour JPEG decodes fine through Pillow/GDCM already
        try:
            ds = pydicom.dcmread(self._open())
            fragment = get_frame(ds.PixelData, index, number_of_frames=self.frame_count)
            if self.transfer_syntax in (JPEGLossless, JPEGLosslessSV1):
                arr = imagecodecs.ljpeg_decode(fragment)
            else:
                arr = imagecodecs.jpeg8_decode(fragment)
        except Exception as exc2:
            raise ImagingError(
                error.code, self.path, f"{error.detail}; imagecodecs: {type(exc2).__name__}: {exc2}"
            ) from exc2
        rows, cols = int(self.header.Rows), int(self.header.Columns)
        if arr.shape[:2] != (rows, cols):
            raise ImagingError(
                ErrorCode.DECODE_FAILED, self.path, f"frame {index}: decoded {arr.shape}, header says {rows}x{cols}"
            ) from exc
        if int(self.header.get("PixelRepresentation", 0)) == 1:
            bits = int(self.header.get("BitsStored", 16))
            signed = arr.astype(np.int32)
            signed[signed >= 1 << (bits - 1)] -= 1 << bits  # two's complement in BitsStored bits
            arr = signed.astype(np.int16 if bits <= 16 else np.int32)
        return arr

    def frames(self):
        """Frames one by one, so a 500-frame cine never sits in memory twice."""
        for i in range(self.frame_count):
            yield self.frame(i)
