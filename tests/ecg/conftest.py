"""Paths of the real ECG files in ../shared/data (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydicom.data import get_testdata_file


@pytest.fixture(scope="session")
def ecg_dir(shared_data: Path) -> Path:
    return shared_data / "ecg"


@pytest.fixture(scope="session")
def files(ecg_dir: Path) -> dict[str, Path]:
    return {
        "wfdb100": ecg_dir / "wfdb" / "100.hea",
        "ptb": ecg_dir / "wfdb" / "s0010_re.hea",
        "test01": ecg_dir / "wfdb" / "test01_00s.hea",
        "aecg_min": ecg_dir / "aecg" / "minimum_aecg.xml",
        "aecg": ecg_dir / "aecg" / "subject1_0.xml",
        "scp": ecg_dir / "scp" / "Example.scp",
        "muse": ecg_dir / "muse" / "ge_muse_example1.xml",
        "sierra": ecg_dir / "philips" / "sierra_1_03.xml",
        "dicom": ecg_dir / "dicom" / "Example.dcm",
        "dicom_mortara": Path(get_testdata_file("waveform_ecg.dcm")),
    }
