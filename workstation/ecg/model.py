"""The record model every reader produces (DESIGN §4: integer samples plus gain)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

import numpy as np

from workstation.ecg.leads import LIMB_DERIVED, STANDARD_12


@dataclass(frozen=True)
class Lead:
    """One lead: integer samples; microvolts = (samples - baseline) * gain_uv."""

    name: str
    samples: np.ndarray  # integer dtype, never scaled
    gain_uv: float  # microvolts per sample unit
    baseline: float = 0.0  # in sample units
    derived: bool = False  # computed by us from other leads (e.g. III = II - I)

    def __post_init__(self) -> None:
        if not np.issubdtype(self.samples.dtype, np.integer):
            raise TypeError(f"lead {self.name}: samples must be integers")

    def microvolts(self) -> np.ndarray:
        return (self.samples.astype(np.float64) - self.baseline) * self.gain_uv


@dataclass
class Patient:
    name: str | None = None
    patient_id: str | None = None
    sex: str | None = None  # "M", "F" or None
    birth_date: dt.date | None = None
    age_years: int | None = None


@dataclass
class DeviceMeasurements:
    """Values the acquiring cart computed (ms, bpm, degrees); None when absent."""

    hr_bpm: float | None = None
    rr_ms: float | None = None
    pr_ms: float | None = None
    qrs_ms: float | None = None
    qt_ms: float | None = None
    qtc_ms: float | None = None
    p_axis_deg: float | None = None
    qrs_axis_deg: float | None = None
    t_axis_deg: float | None = None

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)
                if getattr(self, f.name) is not None}

    def is_empty(self) -> bool:
        return not self.as_dict()


@dataclass(frozen=True)
class Annotation:
    sample: int
    label: str
    end_sample: int | None = None
    lead: str | None = None


@dataclass
class MedianBeat:
    """A representative beat stored by the cart (same lead model, own sampling rate)."""

    leads: list[Lead]
    sampling_rate: float


@dataclass
class EcgRecord:
    format: str
    source: str
    sampling_rate: float
    leads: list[Lead]
    patient: Patient = field(default_factory=Patient)
    acquisition_time: dt.datetime | None = None
    device: str | None = None
    device_measurements: DeviceMeasurements = field(default_factory=DeviceMeasurements)
    statements: list[str] = field(default_factory=list)
    median: MedianBeat | None = None
    annotations: list[Annotation] = field(default_factory=list)

    @property
    def lead_names(self) -> list[str]:
        return [lead.name for lead in self.leads]

    @property
    def n_samples(self) -> int:
        return max((len(lead.samples) for lead in self.leads), default=0)

    @property
    def duration_s(self) -> float:
        return self.n_samples / self.sampling_rate

    def lead(self, name: str) -> Lead:
        for lead in self.leads:
            if lead.name == name:
                return lead
        raise KeyError(name)

    def has(self, name: str) -> bool:
        return any(lead.name == name for lead in self.leads)


def derive_limb_leads(leads: list[Lead]) -> list[Lead]:
    """Add III, aVR, aVL, aVF from I and II when a cart stores only 8 leads.

    Einthoven/Goldberger: III = II - I, aVR = -(I+II)/2, aVL = I - II/2, aVF = II - I/2.
    The augmented leads are kept exact in integers by halving the gain instead of the
    samples. Returns the list in standard order (derived leads after I and II).
    """
    names = {lead.name: lead for lead in leads}
    if "I" not in names or "II" not in names or all(n in names for n in LIMB_DERIVED):
        return standard_order(leads)
    one, two = names["I"], names["II"]
    if one.gain_uv != two.gain_uv or len(one.samples) != len(two.samples):
        return standard_order(leads)
    g = one.gain_uv
    a = one.samples.astype(np.int64) - int(round(one.baseline))
    b = two.samples.astype(np.int64) - int(round(two.baseline))
    made = {
        "III": Lead("III", (b - a).astype(np.int32), g, 0.0, True),
        "aVR": Lead("aVR", (-(a + b)).astype(np.int32), g / 2, 0.0, True),
        "aVL": Lead("aVL", (2 * a - b).astype(np.int32), g / 2, 0.0, True),
        "aVF": Lead("aVF", (2 * b - a).astype(np.int32), g / 2, 0.0, True),
    }
    return standard_order(leads + [made[n] for n in LIMB_DERIVED if n not in names])


def standard_order(leads: list[Lead]) -> list[Lead]:
    """The 12 standard leads in their usual order first, then any others as stored."""
    if not any(lead.name == "I" for lead in leads):
        return leads  # not a standard limb-lead set (e.g. MLII + V5): keep the file's order
    rank = {name: i for i, name in enumerate(STANDARD_12)}
    return sorted(leads, key=lambda lead: rank.get(lead.name, len(rank)))
