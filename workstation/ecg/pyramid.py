"""Min/max pyramid for drawing long records (DESIGN §4): level k holds, for consecutive
buckets of ``factor**k`` samples, the minimum and maximum raw sample, as integers. A
viewer picks the level whose bucket is about one pixel wide and draws a vertical line
per bucket, which looks exactly like drawing every sample, at a fraction of the cost."""

from __future__ import annotations

import numpy as np


class MinMaxPyramid:
    def __init__(self, samples: np.ndarray, factor: int = 4, min_buckets: int = 256) -> None:
        if factor < 2:
            raise ValueError("factor must be >= 2")
        raw = np.asarray(samples)
        if raw.ndim != 1 or not np.issubdtype(raw.dtype, np.integer):
            raise TypeError("a pyramid is built from one lead of integer samples")
        self.factor = factor
        self.n = len(raw)
        self.mins: list[np.ndarray] = []
        self.maxs: list[np.ndarray] = []
        lo = hi = raw
        bucket = 1
        while len(lo) > min_buckets:
            starts = np.arange(0, len(lo), factor)
            lo = np.minimum.reduceat(lo, starts)
            hi = np.maximum.reduceat(hi, starts)
            bucket *= factor
            self.mins.append(lo)
            self.maxs.append(hi)

    @property
    def levels(self) -> int:
        return len(self.mins)

    def bucket_size(self, level: int) -> int:
        """Samples per bucket at ``level`` (1-based; level 0 would be the raw data)."""
        return self.factor ** level

    def level_for(self, samples_per_pixel: float) -> int:
        """The coarsest level whose buckets are not wider than a pixel (0 = raw)."""
        level = 0
        while level < self.levels and self.bucket_size(level + 1) <= samples_per_pixel:
            level += 1
        return level

    def window(self, level: int, start: int, stop: int) -> tuple[np.ndarray, np.ndarray,
                                                                np.ndarray]:
        """Bucket start samples, mins and maxs covering samples [start, stop)."""
        if level == 0:
            raise ValueError("level 0 is the raw data")
        size = self.bucket_size(level)
        first = max(0, start // size)
        last = min(len(self.mins[level - 1]), -(-stop // size))
        idx = np.arange(first, last)
        return idx * size, self.mins[level - 1][first:last], self.maxs[level - 1][first:last]
