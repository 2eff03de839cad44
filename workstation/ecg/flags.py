"""Critical-value flags (危急值) from the Chinese list in the product brief.

Each flag says which leads and numbers triggered it, in Chinese, and carries the
numbers as data so the reading queue can sort and the UI can highlight leads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workstation.ecg.measure import Fiducials
from workstation.ecg.median import MedianResult

PAUSE_S = 3.0
BRADY_BPM = 35.0
TACHY_BPM = 150.0
TACHY_SUSTAINED_S = 30.0
ST_AFTER_J_MS = 60.0
# ST elevation thresholds (µV) by lead group, as listed in the brief: 0.1 mV in limb leads
# and V4-V6, 0.3 mV in V1-V3 (where normal J-point elevation is largest).
ST_LIMIT_UV = {"I": 100, "II": 100, "III": 100, "aVL": 100, "aVF": 100,
               "V1": 300, "V2": 300, "V3": 300, "V4": 100, "V5": 100, "V6": 100}
# Anatomically contiguous pairs: inferior, high lateral, neighbouring precordial leads.
CONTIGUOUS = [("II", "III"), ("II", "aVF"), ("III", "aVF"), ("I", "aVL"),
              ("V1", "V2"), ("V2", "V3"), ("V3", "V4"), ("V4", "V5"), ("V5", "V6"), ("V6", "I")]
TERRITORY_ZH = {"II": "下壁", "III": "下壁", "aVF": "下壁", "I": "侧壁", "aVL": "高侧壁",
                "V1": "前间壁", "V2": "前间壁", "V3": "前壁", "V4": "前壁", "V5": "侧壁",
                "V6": "侧壁"}


@dataclass
class CriticalFlag:
    code: str  # PAUSE, BRADYCARDIA, TACHYCARDIA, STEMI
    title: str  # Chinese
    detail: str  # Chinese explanation with the triggering leads and values
    leads: list[str] = field(default_factory=list)
    values: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "title": self.title, "detail": self.detail,
                "leads": self.leads, "values": self.values}


def rhythm_flags(beats: np.ndarray, fs: float, n_samples: int) -> list[CriticalFlag]:
    flags: list[CriticalFlag] = []
    if len(beats) < 2:
        return flags
    rr = np.diff(beats) / fs
    longest = int(np.argmax(rr))
    if rr[longest] >= PAUSE_S:
        t = beats[longest] / fs
        flags.append(CriticalFlag(
            "PAUSE", "心脏停搏/长间歇 ≥ 3.0 秒",
            f"最长 RR 间期 {rr[longest]:.2f} 秒（起于 {t:.1f} 秒处）",
            values={"longest_rr_s": round(float(rr[longest]), 3), "at_s": round(t, 2)}))
    mean_bpm = 60.0 / float(np.mean(rr))
    if mean_bpm < BRADY_BPM:
        flags.append(CriticalFlag(
            "BRADYCARDIA", "平均心室率 < 35 次/分",
            f"平均心室率 {mean_bpm:.0f} 次/分（{len(beats)} 个心搏）",
            values={"mean_bpm": round(mean_bpm, 1)}))
    run = _longest_fast_run(rr)
    if run is not None:
        start, stop = run
        span = float(np.sum(rr[start:stop]))
        duration = n_samples / fs
        # sustained: >= 30 s, or nearly the whole record when it is shorter than 30 s
        needed = min(TACHY_SUSTAINED_S, 0.8 * duration)
        if span >= needed:
            rate = 60.0 * (stop - start) / span
            flags.append(CriticalFlag(
                "TACHYCARDIA", "持续心室率 ≥ 150 次/分",
                f"{span:.1f} 秒内连续 {stop - start} 个 RR 间期，平均 {rate:.0f} 次/分",
                values={"rate_bpm": round(rate, 1), "duration_s": round(span, 1),
                        "from_s": round(beats[start] / fs, 2)}))
    return flags


def _longest_fast_run(rr: np.ndarray) -> tuple[int, int] | None:
    fast = 60.0 / rr >= TACHY_BPM
    best, start = None, None
    for i, f in enumerate(np.append(fast, False)):
        if f and start is None:
            start = i
        elif not f and start is not None:
            if best is None or rr[start:i].sum() > rr[best[0]:best[1]].sum():
                best = (start, i)
            start = None
    return best


def st_baseline(med: MedianResult, fid: Fiducials) -> tuple[str, int, int]:
    """Where the isoelectric reference is taken: the TP segment (just after T offset), or
    the PR segment when the rate leaves no TP segment before the next P wave.

    The TP segment is the usual reference for ST deviation; the PR segment is the
    fallback. It matters in acute infarction, where atrial repolarisation and large P
    waves lift the PR segment (s0010_re: +0.1 mV in III), hiding the ST elevation."""
    ms = med.fs / 1000.0
    rr = float(np.mean(med.rr_ms)) if len(med.rr_ms) else 1000.0
    next_p = med.fiducial + int((rr - 250.0) * ms)
    if fid.t_off is not None:
        lo, hi = fid.t_off + int(round(10 * ms)), fid.t_off + int(round(30 * ms))
        if hi < min(next_p, len(next(iter(med.leads.values())))):
            return "TP", lo, hi
    return "PR", max(0, fid.qrs_on - int(round(30 * ms))), fid.qrs_on - int(round(10 * ms))


def st_levels(med: MedianResult, fid: Fiducials) -> dict[str, float]:
    """ST deviation (µV) at J + 60 ms against the isoelectric level, per standard lead."""
    ms = med.fs / 1000.0
    j60 = fid.qrs_off + int(round(ST_AFTER_J_MS * ms))
    w = max(1, int(round(10 * ms)))
    _kind, lo, hi = st_baseline(med, fid)
    out = {}
    for name, wave in med.leads.items():
        if name not in ST_LIMIT_UV or j60 + w >= len(wave) or hi <= lo:
            continue
        out[name] = float(np.mean(wave[j60 - w: j60 + w + 1]) - np.mean(wave[lo:hi]))
    return out


def stemi_flag(med: MedianResult, fid: Fiducials) -> CriticalFlag | None:
    st = st_levels(med, fid)
    elevated = {n for n, v in st.items() if v >= ST_LIMIT_UV[n]}
    pairs = [(a, b) for a, b in CONTIGUOUS if a in elevated and b in elevated]
    if not pairs:
        return None
    leads = [n for n in ST_LIMIT_UV if any(n in p for p in pairs)]
    territory = "、".join(dict.fromkeys(TERRITORY_ZH[n] for n in leads))
    parts = "，".join(f"{n} {st[n] / 1000:+.2f} mV" for n in leads)
    kind = st_baseline(med, fid)[0]
    return CriticalFlag(
        "STEMI", "疑似急性 ST 段抬高型心肌梗死",
        f"J 点后 60 ms ST 段抬高（{territory}，以 {kind} 段为基线）：{parts}；"
        "阈值：肢体导联及 V4–V6 ≥ 0.1 mV，V1–V3 ≥ 0.3 mV，至少两个相邻导联",
        leads=leads, values={n: round(st[n] / 1000, 3) for n in leads})
