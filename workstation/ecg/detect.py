"""QRS detection: a multi-lead Pan-Tompkins-style energy detector (own implementation).

Each lead is band-passed (5-15 Hz, where QRS energy sits and P/T and baseline do not),
differentiated and squared; leads are normalised by their own robust scale and summed, so
one noisy lead cannot dominate; a 150 ms moving-window integral gives one hump per QRS.
Humps are classified with Pan-Tompkins adaptive signal/noise levels, a 200 ms refractory
period, T-wave rejection within 360 ms, and search-back after long gaps.
"""

from __future__ import annotations

import numpy as np
from scipy import signal

from workstation.ecg.model import EcgRecord

REFRACTORY_S = 0.20
T_WAVE_S = 0.36


def analysis_range(record: EcgRecord) -> tuple[int, int]:
    """Samples to analyse: stop before a calibration pulse a cart appended."""
    end = record.n_samples
    for ann in record.annotations:
        if ann.label == "calibration":
            end = min(end, ann.sample)
    return 0, end


def qrs_energy(leads_uv: np.ndarray, fs: float) -> tuple[np.ndarray, np.ndarray]:
    """Return (band-passed combined slope energy, moving-window integral), both 1-D."""
    sos = signal.butter(2, [5.0, 15.0], btype="bandpass", fs=fs, output="sos")
    bp = signal.sosfiltfilt(sos, leads_uv, axis=1)
    slope = np.gradient(bp, axis=1) * fs
    scale = np.percentile(np.abs(slope), 99, axis=1, keepdims=True)
    scale[scale == 0] = 1.0
    energy = np.sum((slope / scale) ** 2, axis=0)
    width = max(1, int(round(0.15 * fs)))
    mwi = np.convolve(energy, np.ones(width) / width, mode="same")
    return energy, mwi


def detect_qrs(leads_uv: np.ndarray, fs: float) -> np.ndarray:
    """Detect QRS complexes in an (n_leads, n_samples) µV array; return sample indices of
    the QRS energy maximum refined to the largest deflection."""
    leads_uv = np.atleast_2d(np.asarray(leads_uv, dtype=np.float64))
    if leads_uv.shape[1] < int(fs):
        return np.array([], dtype=np.int64)
    energy, mwi = qrs_energy(leads_uv, fs)
    cands, _ = signal.find_peaks(mwi, distance=max(1, int(REFRACTORY_S * fs)))
    if len(cands) == 0:
        return np.array([], dtype=np.int64)
    beats = _classify(cands, mwi, energy, fs)
    return _refine(beats, leads_uv, energy, fs)


def _classify(cands: np.ndarray, mwi: np.ndarray, energy: np.ndarray, fs: float) -> np.ndarray:
    # learning phase on the humps of the first 8 s: medians, so that one artefact cannot
    # set the signal level (a plain maximum would make every later QRS look like noise)
    first = mwi[cands[cands < int(8 * fs)]] if np.any(cands < int(8 * fs)) else mwi[cands[:1]]
    ordered = np.sort(first)
    spk = float(np.median(ordered[len(ordered) // 2:]))
    npk = float(np.median(ordered[: max(1, len(ordered) // 2)])) * 0.5
    beats: list[int] = []
    rr: list[int] = []
    slope_prev = 0.0
    half = int(0.075 * fs)
    last_accept = 0
    for p in (int(c) for c in cands):
        thr = npk + 0.25 * (spk - npk)
        value = float(mwi[p])
        slope = float(np.max(energy[max(0, p - half): p + half + 1]))
        is_beat = value > thr
        if is_beat and beats and p - beats[-1] < T_WAVE_S * fs and slope < 0.5 * slope_prev:
            is_beat = False  # a T wave: broad and slow compared with the last QRS
        if not is_beat:
            npk = 0.125 * value + 0.875 * npk
            if p - last_accept > 2.5 * fs:
                # nothing accepted for 2.5 s: an artefact set the signal level too high
                spk *= 0.5
                last_accept = p
            continue
        if beats and rr and p - beats[-1] > 1.66 * float(np.mean(rr[-8:])):
            before = beats[-1]
            spk = _search_back(beats, p, cands, mwi, thr, fs, spk)
            if beats[-1] != before:
                rr.append(beats[-1] - before)
        if beats:
            rr.append(p - beats[-1])
        beats.append(p)
        last_accept = p
        slope_prev = slope
        # a clipped update: one artefact hump must not lift the level above later QRSs
        spk = 0.125 * min(value, 4.0 * spk) + 0.875 * spk
    return np.array(sorted(set(beats)), dtype=np.int64)


def _search_back(beats: list[int], current: int, cands: np.ndarray, mwi: np.ndarray,
                 thr: float, fs: float, spk: float) -> float:
    """After a long gap, accept the strongest skipped hump above half the threshold."""
    refractory = int(REFRACTORY_S * fs)
    lo = np.searchsorted(cands, beats[-1] + refractory)
    hi = np.searchsorted(cands, current - refractory, side="right")
    window = [int(c) for c in cands[lo:hi] if mwi[c] > 0.5 * thr]
    if not window:
        return spk
    best = max(window, key=lambda c: mwi[c])
    beats.append(best)
    return 0.25 * float(mwi[best]) + 0.75 * spk


def _refine(beats: np.ndarray, leads_uv: np.ndarray, energy: np.ndarray, fs: float
            ) -> np.ndarray:
    """Move each hump to its QRS: the energy maximum within the integration window, then
    the largest deviation of the strongest lead within 50 ms."""
    width = int(round(0.15 * fs))
    near = int(round(0.05 * fs))
    n = leads_uv.shape[1]
    out = []
    for b in beats:
        lo, hi = max(0, b - width), min(n, b + width // 2 + 1)
        e = lo + int(np.argmax(energy[lo:hi]))
        lo, hi = max(0, e - near), min(n, e + near + 1)
        seg = leads_uv[:, lo:hi]
        dev = np.abs(seg - np.median(seg, axis=1, keepdims=True))
        lead = int(np.argmax(dev.max(axis=1)))
        out.append(lo + int(np.argmax(dev[lead])))
    result = np.unique(np.array(out, dtype=np.int64))
    # two humps refined onto one QRS collapse to one beat
    keep = np.concatenate(([True], np.diff(result) > REFRACTORY_S * fs))
    return result[keep]


def detect_beats(record: EcgRecord, lead: str | None = None) -> np.ndarray:
    """Beat sample indices for a record, using one named lead or all leads."""
    start, end = analysis_range(record)
    chosen = [record.lead(lead)] if lead else [x for x in record.leads if not x.derived]
    arr = np.vstack([x.microvolts()[start:end] for x in chosen])
    return detect_qrs(arr, record.sampling_rate) + start
