"""Filter frequency responses measured on sine waves, and pyramid exactness."""

from __future__ import annotations

import numpy as np
import pytest

from workstation.ecg.filters import highpass, label, lowpass, notch
from workstation.ecg.pyramid import MinMaxPyramid

FS = 500.0


def gain(filt, freq: float, seconds: float = 40.0, **kw) -> float:
    t = np.arange(int(seconds * FS)) / FS
    x = np.sin(2 * np.pi * freq * t)
    y = filt(x, FS, **kw)
    mid = slice(len(t) // 4, 3 * len(t) // 4)  # away from the edges
    return float(np.sqrt(np.mean(y[mid] ** 2)) / np.sqrt(np.mean(x[mid] ** 2)))


@pytest.mark.parametrize("cutoff", [0.05, 0.5])
def test_highpass_response(cutoff):
    assert gain(highpass, 10.0, cutoff_hz=cutoff) == pytest.approx(1.0, abs=0.01)
    # forward-backward 1st order: |H|^2 = 0.5 at the cut-off
    seconds = 400.0 if cutoff == 0.05 else 40.0
    assert gain(highpass, cutoff, seconds=seconds, cutoff_hz=cutoff) == pytest.approx(
        0.5, abs=0.05)
    assert gain(highpass, cutoff / 10, seconds=seconds * 10, cutoff_hz=cutoff) < 0.02


def test_highpass_removes_offset_and_keeps_timing():
    t = np.arange(int(10 * FS)) / FS
    pulse = np.exp(-0.5 * ((t - 5) / 0.01) ** 2) * 1000
    y = highpass(pulse + 300.0, FS, cutoff_hz=0.5)
    assert abs(np.median(y)) < 5
    assert np.argmax(y) == np.argmax(pulse)  # zero phase: the peak does not move


@pytest.mark.parametrize("mains", [50.0, 60.0])
def test_notch_response(mains):
    assert gain(notch, mains, mains_hz=mains) < 0.03  # > 30 dB
    assert gain(notch, mains - 5, mains_hz=mains) > 0.95  # Q 30: about 1.7 Hz wide
    assert gain(notch, 10.0, mains_hz=mains) == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize("cutoff", [35.0, 40.0])
def test_lowpass_response(cutoff):
    assert gain(lowpass, 5.0, cutoff_hz=cutoff) == pytest.approx(1.0, abs=0.01)
    assert gain(lowpass, cutoff, cutoff_hz=cutoff) == pytest.approx(0.5, abs=0.03)
    assert gain(lowpass, 150.0, cutoff_hz=cutoff) < 0.01


def test_invalid_settings_and_labels():
    with pytest.raises(ValueError):
        highpass(np.zeros(100), FS, cutoff_hz=1.0)
    with pytest.raises(ValueError):
        notch(np.zeros(100), FS, mains_hz=55.0)
    assert "非诊断" in label("lowpass", 40).text and not label("lowpass", 40).diagnostic
    assert label("highpass", 0.05).diagnostic and not label("highpass", 0.5).diagnostic


@pytest.mark.parametrize("n, factor", [(1_000_003, 4), (65_536, 2), (5000, 8)])
def test_pyramid_min_max_equal_the_raw_data_at_every_level(n, factor):
    rng = np.random.default_rng(n)
    raw = np.cumsum(rng.integers(-50, 51, n)).astype(np.int32)
    pyr = MinMaxPyramid(raw, factor=factor)
    assert pyr.levels >= 1
    for level in range(1, pyr.levels + 1):
        size = pyr.bucket_size(level)
        starts, mins, maxs = pyr.window(level, 0, n)
        assert len(starts) == -(-n // size)
        pad = (-n) % size  # compare bucket by bucket, the last one partial
        padded_lo = np.concatenate([raw, np.full(pad, raw.max())]).reshape(-1, size)
        padded_hi = np.concatenate([raw, np.full(pad, raw.min())]).reshape(-1, size)
        np.testing.assert_array_equal(mins, padded_lo.min(axis=1))
        np.testing.assert_array_equal(maxs, padded_hi.max(axis=1))
        assert mins.dtype == raw.dtype


def test_pyramid_window_and_level_choice():
    raw = np.arange(100_000, dtype=np.int32)
    pyr = MinMaxPyramid(raw, factor=4)
    assert pyr.level_for(1.0) == 0
    level = pyr.level_for(20.0)
    assert pyr.bucket_size(level) <= 20 < pyr.bucket_size(level + 1)
    starts, mins, maxs = pyr.window(level, 1000, 2000)
    assert starts[0] <= 1000 and starts[-1] + pyr.bucket_size(level) >= 2000
    np.testing.assert_array_equal(mins, starts)
    with pytest.raises(TypeError):
        MinMaxPyramid(raw.astype(float))
