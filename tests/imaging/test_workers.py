"""Series decoding in real worker processes: first image first, every frame once, errors as data."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from workstation.imaging.errors import ErrorCode
from workstation.imaging.pixels import ImageSource
from workstation.imaging.scan import CancelToken, scan
from workstation.imaging.workers import (
    FrameRef,
    decode_frames,
    frames_of,
    make_pool,
    series_frames,
)

from .conftest import pydicom_file


@pytest.fixture(scope="module")
def pool():
    with make_pool(max_workers=2) as executor:
        yield executor


def test_process_pool_decodes_real_series_first_image_first(phantom_dir: Path, pool) -> None:
    series = scan(phantom_dir).catalog.all_series()[0]
    paths = [h.source for h in series.sorted_instances()]
    refs = series_frames(paths)
    assert len(refs) == 28
    assert frames_of(series.sorted_instances()) == refs
    results = list(decode_frames(refs, pool, first=10))
    assert results[0].order == 10  # the slice on screen comes back first
    assert sorted(r.order for r in results) == list(range(28))
    for r in results[:: 7]:
        assert r.problem is None
        assert r.array.dtype == np.uint16
        np.testing.assert_array_equal(r.array, ImageSource(r.ref.path).frame(r.ref.frame))


def test_multiframe_and_bad_files_in_workers(tmp_path: Path, pool) -> None:
    bad = tmp_path / "cut.dcm"
    shutil.copy(pydicom_file("MR_truncated.dcm"), bad)
    refs = series_frames([pydicom_file("rtdose.dcm"), bad])
    assert len(refs) == 16 and refs[14] == FrameRef(str(pydicom_file("rtdose.dcm")), 14)
    results = {r.order: r for r in decode_frames(refs, pool)}
    assert len(results) == 16
    assert all(results[i].problem is None for i in range(15))
    assert results[15].array is None
    assert results[15].problem.code == ErrorCode.TRUNCATED and "cut.dcm" in results[15].problem.source


def test_cancel_stops_the_stream(phantom_dir: Path) -> None:
    refs = series_frames(sorted(p for p in phantom_dir.iterdir() if p.name.startswith("I")))
    token = CancelToken()
    seen = []
    with ThreadPoolExecutor(max_workers=1) as executor:
        for frame in decode_frames(refs, executor, cancel=token):
            seen.append(frame.order)
            token.cancel()
    assert seen[0] == 0 and len(seen) < len(refs)
