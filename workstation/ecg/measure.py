"""Global interval and axis measurements from the multi-lead median beat.

Wave boundaries are found on global (all independent leads) curves, as carts do:
* QRS onset/offset: where the spatial velocity (root-sum-square of the lead slopes)
  rises above / falls below 4 % of its QRS peak (or twice the PR-segment noise).
* P onset: on a 15 Hz low-pass spatial magnitude (root-sum-square of the leads relative
  to the isoelectric level before QRS onset), where the most prominent P hump falls to
  5 % of its height; P offset: tangent of the P descent to its floor.
* T offset: after the steepest descent of the T hump, where the slope has flattened to
  12 % of that steepest slope.
Axes: atan2 of the net deflections in I and aVF (aVF scaled by 2/sqrt(3), hexaxial).
The thresholds were tuned on the four shared recordings with device values (docs/ecg.md).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
from scipy import signal

from workstation.ecg.leads import LIMB_DERIVED
from workstation.ecg.median import MedianResult, build_median
from workstation.ecg.model import EcgRecord

QRS_FRACTION = 0.04
P_ONSET_FRACTION = 0.05
T_FLAT_FRACTION = 0.12
P_LOWPASS_HZ = 15.0


@dataclass
class Fiducials:
    """Indices into the median beat arrays."""

    p_on: int | None
    p_off: int | None
    qrs_on: int
    qrs_off: int
    t_off: int | None


@dataclass
class Measurements:
    hr_bpm: float | None = None
    rr_ms: float | None = None
    pr_ms: float | None = None
    qrs_ms: float | None = None
    qt_ms: float | None = None
    qtc_bazett_ms: float | None = None
    qtc_fridericia_ms: float | None = None
    p_axis_deg: float | None = None
    qrs_axis_deg: float | None = None
    t_axis_deg: float | None = None

    def as_dict(self) -> dict[str, float | None]:
        return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def _smooth(x: np.ndarray, fs: float, cutoff: float = 40.0) -> np.ndarray:
    sos = signal.butter(2, min(cutoff, 0.45 * fs), btype="lowpass", fs=fs, output="sos")
    return signal.sosfiltfilt(sos, x, axis=-1)


def _matrix(med: MedianResult) -> np.ndarray:
    """The leads that carry independent information: with I and II present, III, aVR,
    aVL and aVF are combinations of them and would only weight the limb leads double."""
    names = list(med.leads)
    if "I" in med.leads and "II" in med.leads:
        names = [n for n in names if n not in LIMB_DERIVED]
    return np.vstack([med.leads[n] for n in names])


def delineate(med: MedianResult) -> Fiducials:
    fs = med.fs
    x = _smooth(_matrix(med), fs)
    f = med.fiducial
    ms = fs / 1000.0
    vel = np.sqrt(np.sum(np.gradient(x, axis=1) ** 2, axis=0))
    lo, hi = f - int(60 * ms), f + int(60 * ms)
    peak = float(vel[lo:hi].max())
    noise = float(np.median(vel[max(0, f - int(300 * ms)): f - int(100 * ms)] if f > 100 * ms
                            else vel[:10]))
    thr = max(QRS_FRACTION * peak, 2.0 * noise)
    first = lo + int(np.argmax(vel[lo:hi] > thr * 4))  # a sure point inside the QRS
    qrs_on = first
    while qrs_on > max(1, f - int(150 * ms)) and vel[qrs_on - 1] > thr:
        qrs_on -= 1
    last = hi - 1 - int(np.argmax(vel[lo:hi][::-1] > thr * 4))
    qrs_off = last
    while qrs_off < min(len(vel) - 2, f + int(150 * ms)) and vel[qrs_off + 1] > thr:
        qrs_off += 1

    # the P wave is slow: find it on a 15 Hz low-pass copy, where noise no longer lifts
    # the floor its onset threshold is measured from
    slow = _smooth(_matrix(med), fs, P_LOWPASS_HZ)
    iso = _iso_level(slow, qrs_on, ms)  # the flattest 20 ms just before QRS onset
    mag = np.sqrt(np.sum((slow - iso[:, None]) ** 2, axis=0))
    p_on, p_off = _p_wave(mag, qrs_on, ms)
    # the T end is a change of slope, which the 40 Hz copy keeps sharper
    iso40 = _iso_level(x, qrs_on, ms)
    t_off = _t_offset(np.sqrt(np.sum((x - iso40[:, None]) ** 2, axis=0)), qrs_off, ms, x.shape[1])
    return Fiducials(p_on, p_off, qrs_on, qrs_off, t_off)


def _iso_level(x: np.ndarray, qrs_on: int, ms: float) -> np.ndarray:
    w = max(2, int(20 * ms))
    best, best_var = qrs_on - w, np.inf
    for s in range(max(0, qrs_on - int(80 * ms)), qrs_on - w + 1):
        v = float(np.sum(np.var(x[:, s:s + w], axis=1)))
        if v < best_var:
            best, best_var = s, v
    return np.mean(x[:, best:best + w], axis=1)


def _tangent_end(curve: np.ndarray, peak: int, stop: int, base: float) -> int:
    """Tangent at the steepest descent after ``peak`` meets the ``base`` level."""
    d = np.gradient(curve)
    seg = d[peak:stop]
    if len(seg) < 2:
        return stop
    k = peak + int(np.argmin(seg))
    slope = float(d[k])
    if slope >= 0:
        return stop
    return int(round(k + (base - curve[k]) / slope))


def _t_offset(mag: np.ndarray, qrs_off: int, ms: float, n: int) -> int | None:
    """T end: after the steepest descent of the T hump, the first point where the slope
    has flattened to 12 % of that steepest slope (the curve has reached its floor).
    The classic tangent-to-baseline variant ended T 14-38 ms before every cart here."""
    lo = qrs_off + int(80 * ms)
    hi = min(n - 1, qrs_off + int(520 * ms))
    if hi - lo < 10:
        return None
    peak = lo + int(np.argmax(mag[lo:hi]))
    d = np.gradient(mag)
    if hi - peak < 3:
        return None
    steep = peak + int(np.argmin(d[peak:hi]))
    if d[steep] >= 0:
        return None
    end = steep
    while end < hi and abs(d[end]) > T_FLAT_FRACTION * abs(d[steep]):
        end += 1
    return end


def _p_wave(mag: np.ndarray, qrs_on: int, ms: float) -> tuple[int | None, int | None]:
    """P onset: walking back from the P peak, where the spatial magnitude falls to 5 % of
    the P amplitude above its floor; P offset: the tangent of the P descent to its floor."""
    lo = max(1, qrs_on - int(330 * ms))
    hi = qrs_on - int(40 * ms)
    if hi - lo < 10:
        return None, None
    # the most prominent hump, not simply the maximum: at fast rates the window starts in
    # the previous T wave, whose tail is higher than the P wave
    humps, props = signal.find_peaks(mag[lo:hi], prominence=10.0)
    if len(humps) == 0:  # no visible P wave (< 10 µV): atrial fibrillation, junctional rhythm
        return None, None
    peak = lo + int(humps[int(np.argmax(props["prominences"]))])
    left_base = float(np.min(mag[max(lo, peak - int(150 * ms)):peak + 1]))
    right_base = float(np.min(mag[peak:qrs_on])) if qrs_on > peak else float(mag[peak])
    amp = float(mag[peak]) - left_base
    on = peak
    while on > max(lo, peak - int(150 * ms)) and mag[on] - left_base > P_ONSET_FRACTION * amp:
        on -= 1
    off = _tangent_end(mag, peak, qrs_on, right_base)
    return on, min(max(off, peak + 1), qrs_on)


def _axis(med: MedianResult, a: int | None, b: int | None) -> float | None:
    """Frontal axis from the net deflection (largest positive + largest negative, relative
    to the level at the wave's start) in I and aVF; aVF sees only sqrt(3)/2 of the
    vertical component in the hexaxial system, hence the 2/sqrt(3)."""
    if a is None or b is None or b <= a or "I" not in med.leads:
        return None
    if "aVF" in med.leads:
        avf = med.leads["aVF"]
    elif "II" in med.leads and "III" in med.leads:
        avf = (med.leads["II"] + med.leads["III"]) / 2
    else:
        return None
    seg_i = med.leads["I"][a:b + 1] - med.leads["I"][a]
    seg_f = avf[a:b + 1] - avf[a]
    x = float(seg_i.max() + seg_i.min())
    y = float(seg_f.max() + seg_f.min()) * 2 / math.sqrt(3)
    if x == 0 and y == 0:
        return None
    return float(round(math.degrees(math.atan2(y, x))))


def measure(record: EcgRecord, med: MedianResult | None = None) -> tuple[Measurements,
                                                                        Fiducials | None]:
    med = med or build_median(record)
    if med is None:
        return Measurements(), None
    out = Measurements()
    if len(med.rr_ms):
        rr = float(np.mean(med.rr_ms))
        out.rr_ms = rr
        out.hr_bpm = 60000.0 / rr
    fid = delineate(med)
    to_ms = 1000.0 / med.fs
    out.qrs_ms = (fid.qrs_off - fid.qrs_on) * to_ms
    if fid.p_on is not None:
        out.pr_ms = (fid.qrs_on - fid.p_on) * to_ms
    if fid.t_off is not None:
        out.qt_ms = (fid.t_off - fid.qrs_on) * to_ms
        if out.rr_ms:
            rr_s = out.rr_ms / 1000.0
            out.qtc_bazett_ms = out.qt_ms / math.sqrt(rr_s)
            out.qtc_fridericia_ms = out.qt_ms / rr_s ** (1 / 3)
    out.p_axis_deg = _axis(med, fid.p_on, fid.p_off)
    out.qrs_axis_deg = _axis(med, fid.qrs_on, fid.qrs_off)
    out.t_axis_deg = _axis(med, fid.qrs_off, fid.t_off)
    return out, fid
