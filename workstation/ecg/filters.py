"""Display filters as pure functions (µV in, µV out), all zero-phase so that waves keep
their timing and the ST segment is not shifted: baseline high-pass (0.05 Hz diagnostic,
0.5 Hz for wander), 50/60 Hz notch, 35/40 Hz low-pass (non-diagnostic: it blunts QRS)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import signal

HIGHPASS_CHOICES = (0.05, 0.5)
NOTCH_CHOICES = (50.0, 60.0)
LOWPASS_CHOICES = (35.0, 40.0)


@dataclass(frozen=True)
class FilterLabel:
    """What the viewer prints on screen when a filter is active."""

    text: str
    diagnostic: bool


def _check(x: np.ndarray) -> np.ndarray:
    arr = np.asarray(x, dtype=np.float64)
    if arr.shape[-1] < 16:
        raise ValueError("signal too short to filter")
    return arr


def highpass(x: np.ndarray, fs: float, cutoff_hz: float = 0.5) -> np.ndarray:
    """Baseline-wander removal: 1st-order Butterworth run forward and backward."""
    if cutoff_hz not in HIGHPASS_CHOICES:
        raise ValueError(f"high-pass cut-off must be one of {HIGHPASS_CHOICES}")
    sos = signal.butter(1, cutoff_hz, btype="highpass", fs=fs, output="sos")
    return signal.sosfiltfilt(sos, _check(x), axis=-1)


def notch(x: np.ndarray, fs: float, mains_hz: float = 50.0, quality: float = 30.0
          ) -> np.ndarray:
    """Mains interference: a second-order IIR notch (bandwidth mains/Q), zero-phase."""
    if mains_hz not in NOTCH_CHOICES:
        raise ValueError(f"notch frequency must be one of {NOTCH_CHOICES}")
    if mains_hz >= fs / 2:
        return _check(x).copy()
    b, a = signal.iirnotch(mains_hz, quality, fs=fs)
    return signal.filtfilt(b, a, _check(x), axis=-1)


def lowpass(x: np.ndarray, fs: float, cutoff_hz: float = 40.0) -> np.ndarray:
    """Muscle-noise low-pass: 2nd-order Butterworth forward and backward."""
    if cutoff_hz not in LOWPASS_CHOICES:
        raise ValueError(f"low-pass cut-off must be one of {LOWPASS_CHOICES}")
    if cutoff_hz >= fs / 2:
        return _check(x).copy()
    sos = signal.butter(2, cutoff_hz, btype="lowpass", fs=fs, output="sos")
    return signal.sosfiltfilt(sos, _check(x), axis=-1)


def label(kind: str, value: float) -> FilterLabel:
    if kind == "highpass":
        return FilterLabel(f"高通 {value:g} Hz", diagnostic=value <= 0.05)
    if kind == "notch":
        return FilterLabel(f"陷波 {value:g} Hz", diagnostic=True)
    if kind == "lowpass":
        return FilterLabel(f"低通 {value:g} Hz（非诊断用）", diagnostic=False)
    raise ValueError(kind)
