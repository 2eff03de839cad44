"""Qt-free ECG core: one record model, one reader per format, detection, measurements,
critical flags and filters. ``read_ecg(path)`` is the entry point."""

from workstation.ecg.errors import EcgReadError
from workstation.ecg.model import DeviceMeasurements, EcgRecord, Lead, MedianBeat, Patient
from workstation.ecg.reader import read_ecg

__all__ = ["DeviceMeasurements", "EcgReadError", "EcgRecord", "Lead", "MedianBeat", "Patient",
           "read_ecg"]
