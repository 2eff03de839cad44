"""One error type for everything that can go wrong with an image file.

Every failure carries a machine code (for logs, the UI and tests), the file it
concerns, a Chinese message for the technician and an English detail for support.
Import and inspect collect these per file instead of stopping, so one bad file on
a CD never aborts the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    NOT_DICOM = "not_dicom"
    TRUNCATED = "truncated"
    MALFORMED = "malformed"
    MISSING_UID = "missing_uid"
    NO_PIXELS = "no_pixels"
    UNSUPPORTED_SYNTAX = "unsupported_syntax"
    DECODE_FAILED = "decode_failed"
    BAD_ARCHIVE = "bad_archive"
    NO_DICOM_FOUND = "no_dicom_found"
    CANCELLED = "cancelled"


# Chinese first: this is what the technician reads on screen.
MESSAGES_ZH: dict[ErrorCode, str] = {
    ErrorCode.NOT_FOUND: "路径不存在",
    ErrorCode.UNREADABLE: "无法读取文件",
    ErrorCode.NOT_DICOM: "不是DICOM文件",
    ErrorCode.TRUNCATED: "文件不完整（被截断）",
    ErrorCode.MALFORMED: "DICOM文件结构损坏",
    ErrorCode.MISSING_UID: "缺少必需的UID",
    ErrorCode.NO_PIXELS: "文件中没有图像数据",
    ErrorCode.UNSUPPORTED_SYNTAX: "不支持的传输语法",
    ErrorCode.DECODE_FAILED: "图像解码失败",
    ErrorCode.BAD_ARCHIVE: "压缩包损坏或无法读取",
    ErrorCode.NO_DICOM_FOUND: "未找到DICOM文件",
    ErrorCode.CANCELLED: "已取消",
}


@dataclass(frozen=True)
class Problem:
    """A per-file failure as data (what import reports and inspect prints)."""

    code: ErrorCode
    source: str
    detail: str

    @property
    def message_zh(self) -> str:
        return MESSAGES_ZH[self.code]

    def as_dict(self) -> dict[str, str]:
        return {
            "code": str(self.code),
            "source": self.source,
            "message_zh": self.message_zh,
            "detail": self.detail,
        }


class ImagingError(Exception):
    """A file-level failure: names the file, says what is wrong, in Chinese and as a code."""

    def __init__(self, code: ErrorCode, source: str | Path, detail: str) -> None:
        self.code = code
        self.source = str(source)
        self.detail = detail
        super().__init__(f"{self.source}: {MESSAGES_ZH[code]} [{code}] — {detail}")

    @property
    def message_zh(self) -> str:
        return MESSAGES_ZH[self.code]

    def problem(self) -> Problem:
        return Problem(self.code, self.source, self.detail)


class ImportCancelled(ImagingError):
    def __init__(
        self, source: str | Path = "", detail: str = "import cancelled by the user"
    ) -> None:
        super().__init__(ErrorCode.CANCELLED, source, detail)
