"""Fixtures for the imaging core: pydicom's own test files and the real CT phantom.

Data attributions (see docs/imaging.md): pydicom test files (MIT); the CT series
is dcm_qa_ct by Chris Rorden (BSD-2-Clause), read in place from ../shared/data.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pydicom
import pytest
from pydicom.data import get_testdata_file

PYDICOM_DATA = Path(pydicom.data.__file__).parent / "test_files"


def pydicom_file(name: str) -> Path:
    """A pydicom test file shipped in the wheel (never downloaded)."""
    path = PYDICOM_DATA / name
    if not path.exists():
        found = get_testdata_file(name, download=False)
        if found is None:
            pytest.fail(f"pydicom test file {name} is not shipped with this pydicom")
        path = Path(found)
    return path


@pytest.fixture(scope="session")
def phantom_dir(shared_data: Path) -> Path:
    path = shared_data / "dicom" / "ct-philips-phantom"
    assert path.is_dir(), path
    return path


@pytest.fixture(scope="session")
def dicomdir_tests() -> Path:
    return PYDICOM_DATA / "dicomdirtests"


@pytest.fixture(autouse=True)
def _quiet_pydicom():
    # pydicom warns about the deliberately odd test files; the tests assert on our reports.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield
