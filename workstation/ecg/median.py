"""A median (representative) beat built across all leads from the detected beats."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import signal

from workstation.ecg.detect import analysis_range, detect_beats
from workstation.ecg.model import EcgRecord

PRE_S = 0.45  # window before the QRS fiducial: long PR intervals still fit
POST_S = 0.65  # after: the end of a long QT at slow rates
MAX_BEATS = 120  # a Holter record has ~100,000 beats; a spread-out sample is plenty


@dataclass
class MedianResult:
    leads: dict[str, np.ndarray]  # µV, baseline-corrected, aligned at ``fiducial``
    fs: float
    fiducial: int  # index of the QRS fiducial within each median array
    beats: np.ndarray  # all detected beats (record sample indices)
    used: np.ndarray  # beats that went into the median
    rr_ms: np.ndarray  # RR intervals of all detected beats


def _highpass(x: np.ndarray, fs: float) -> np.ndarray:
    # zero-phase 0.5 Hz: removes wander without shifting or skewing the ST segment much
    sos = signal.butter(1, 0.5, btype="highpass", fs=fs, output="sos")
    return signal.sosfiltfilt(sos, x, axis=-1)


def _fiducials(data: np.ndarray, beats: np.ndarray, fs: float) -> np.ndarray:
    """Re-time each beat at the peak of the multi-lead QRS slope energy so every beat is
    aligned on the same feature, whichever lead the detector used."""
    sos = signal.butter(2, [5.0, 30.0], btype="bandpass", fs=fs, output="sos")
    bp = signal.sosfiltfilt(sos, data, axis=1)
    energy = np.sum(np.gradient(bp, axis=1) ** 2, axis=0)
    half = int(0.06 * fs)
    out = []
    for b in beats:
        lo, hi = max(0, b - half), min(len(energy), b + half + 1)
        seg = energy[lo:hi]
        # centroid of energy: steadier than the arg-max when the QRS has two humps
        w = seg - seg.min()
        out.append(lo + int(round(np.sum(w * np.arange(len(w))) / max(w.sum(), 1e-12))))
    return np.array(out, dtype=np.int64)


def build_median(record: EcgRecord, beats: np.ndarray | None = None) -> MedianResult | None:
    start, end = analysis_range(record)
    fs = record.sampling_rate
    if beats is None:
        beats = detect_beats(record)
    beats = beats[(beats >= start) & (beats < end)]
    leads = [x for x in record.leads]
    data = _highpass(np.vstack([x.microvolts()[start:end] for x in leads]), fs)
    rel = beats - start
    pre, post = int(PRE_S * fs), int(POST_S * fs)
    rr_ms = np.diff(beats) / fs * 1000.0
    if len(rel) < 2:
        return None
    fid = _fiducials(data, rel, fs)
    ok = (fid - pre >= 0) & (fid + post < data.shape[1])
    if ok.sum() < 1:
        return None
    fid = fid[ok]
    if len(fid) > MAX_BEATS:
        fid = fid[np.linspace(0, len(fid) - 1, MAX_BEATS).round().astype(int)]
    stack = np.stack([data[:, f - pre: f + post] for f in fid])  # beats x leads x samples
    # keep the dominant morphology: drop beats whose QRS differs from the first median
    qrs = slice(pre - int(0.08 * fs), pre + int(0.08 * fs))
    template = np.median(stack, axis=0)
    keep = []
    for k in range(len(stack)):
        a, b = stack[k][:, qrs].ravel(), template[:, qrs].ravel()
        c = np.corrcoef(a, b)[0, 1] if np.std(a) > 0 and np.std(b) > 0 else 0.0
        keep.append(c > 0.9)
    keep_arr = np.array(keep)
    if keep_arr.sum() >= max(1, len(stack) // 3):
        stack = stack[keep_arr]
    med = np.median(stack, axis=0)
    return MedianResult(
        leads={x.name: med[i] for i, x in enumerate(leads)}, fs=fs, fiducial=pre,
        beats=beats, used=(fid + start)[keep_arr] if keep_arr.sum() else fid + start,
        rr_ms=rr_ms,
    )


def from_stored(record: EcgRecord) -> MedianResult | None:
    """Wrap the cart's own median beat so the same delineation can run on it (lets the
    viewer show our boundaries on the cart's beat, and lets tests compare fiducials)."""
    if record.median is None or not record.median.leads:
        return None
    fs = record.median.sampling_rate
    leads = {x.name: x.microvolts() for x in record.median.leads}
    data = np.vstack([x.microvolts() for x in record.median.leads if not x.derived])
    sos = signal.butter(2, [5.0, 30.0], btype="bandpass", fs=fs, output="sos")
    energy = np.sum(np.gradient(signal.sosfiltfilt(sos, data, axis=1), axis=1) ** 2, axis=0)
    n = len(energy)
    # the QRS sits in the middle of a stored median; the edges can hold filter artefacts
    lo, hi = n // 5, n - n // 5
    fiducial = lo + int(np.argmax(energy[lo:hi]))
    rr = record.device_measurements.rr_ms or 1000.0
    return MedianResult(leads=leads, fs=fs, fiducial=fiducial, beats=np.array([], np.int64),
                        used=np.array([], np.int64), rr_ms=np.array([rr]))
