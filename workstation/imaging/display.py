"""One call from a stored instance to a display image, for thumbnails, export and tests.

The viewer keeps an ``ImageSource`` and a ``DisplayPipeline`` per image instead,
so a window change re-renders without decoding again.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .pixels import ImageSource
from .voi import DisplayPipeline, Window


def render_file(path: str | Path, frame: int = 0, window: Window | None = None) -> np.ndarray:
    """Decode frame *frame* of *path* and map it to uint8 HxW (grey) or HxWx3 (colour)."""
    source = ImageSource(path)
    pipe = DisplayPipeline.from_header(source.header, frame, photometric=source.output_photometric)
    pipe.window = window
    return pipe.render(source.frame(frame))


def thumbnail(image: np.ndarray, size: int = 128) -> np.ndarray:
    """Nearest-neighbour thumbnail with the longer side at most *size* (no extra dependency)."""
    h, w = image.shape[:2]
    step = max(1, int(np.ceil(max(h, w) / size)))
    return image[::step, ::step]
