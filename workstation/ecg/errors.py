"""The one exception every ECG reader raises, with a machine code and a Chinese message.

Readers never return a half-built record: they parse everything into locals and only
construct the :class:`~workstation.ecg.model.EcgRecord` at the very end, so any failure
surfaces as an :class:`EcgReadError` before a record exists.
"""

from __future__ import annotations

from pathlib import Path

# Machine codes -> Chinese text shown to technicians (the UI may translate the code).
MESSAGES_ZH: dict[str, str] = {
    "NOT_FOUND": "文件不存在",
    "EMPTY": "文件为空",
    "UNKNOWN_FORMAT": "无法识别的心电文件格式",
    "TRUNCATED": "文件不完整（被截断）",
    "BAD_XML": "XML 结构错误",
    "BAD_BASE64": "波形 Base64 编码错误",
    "BAD_HEADER": "文件头信息错误",
    "BAD_DATA": "波形数据错误",
    "CHECKSUM": "校验和不一致，文件已损坏",
    "UNSUPPORTED": "不支持的编码或压缩方式",
    "NO_LEADS": "文件中没有可用的导联波形",
}


class EcgReadError(Exception):
    """A file could not be read as an ECG. ``code`` is stable; ``message`` is Chinese."""

    def __init__(self, path: str | Path, code: str, detail: str = "") -> None:
        self.path = Path(path)
        self.code = code if code in MESSAGES_ZH else "BAD_DATA"
        self.message = MESSAGES_ZH[self.code]
        self.detail = detail
        text = f"{self.path.name}: {self.message} [{self.code}]"
        if detail:
            text += f" — {detail}"
        super().__init__(text)
