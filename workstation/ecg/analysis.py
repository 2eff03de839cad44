"""One call that runs detection, the median beat, measurements and critical flags."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from workstation.ecg.detect import analysis_range, detect_beats
from workstation.ecg.flags import CriticalFlag, rhythm_flags, stemi_flag
from workstation.ecg.measure import Fiducials, Measurements, measure
from workstation.ecg.median import MedianResult, build_median
from workstation.ecg.model import EcgRecord


@dataclass
class Analysis:
    beats: np.ndarray
    measurements: Measurements
    flags: list[CriticalFlag] = field(default_factory=list)
    median: MedianResult | None = None
    fiducials: Fiducials | None = None


def analyse(record: EcgRecord) -> Analysis:
    beats = detect_beats(record)
    start, end = analysis_range(record)
    flags = rhythm_flags(beats, record.sampling_rate, end - start)
    med = build_median(record, beats) if len(beats) >= 2 else None
    if med is None:
        return Analysis(beats, Measurements(), flags)
    measurements, fid = measure(record, med)
    if fid is not None:
        stemi = stemi_flag(med, fid)
        if stemi is not None:
            flags.append(stemi)
    return Analysis(beats, measurements, flags, med, fid)
