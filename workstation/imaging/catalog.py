"""Patient / study / series / instance grouping of scanned headers.

Plain objects (the UI wraps them in Qt models later). A SOP Instance UID seen
twice is kept once: CDs often carry the same image in two folders, and a
technician re-importing a folder must not double a study.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .header import InstanceHeader


@dataclass
class SeriesNode:
    uid: str
    number: int | None = None
    modality: str = ""
    description: str = ""
    instances: list[InstanceHeader] = field(default_factory=list)

    def sorted_instances(self) -> list[InstanceHeader]:
        """Viewer order: Instance Number, then slice position, then UID for stability."""

        def key(h: InstanceHeader) -> tuple[float, float, str]:
            num = h.instance_number if h.instance_number is not None else math.inf
            z = h.position_z if h.position_z is not None else math.inf
            return (num, z, h.sop_uid)

        return sorted(self.instances, key=key)

    @property
    def frame_count(self) -> int:
        return sum(h.frames for h in self.instances)

    @property
    def transfer_syntaxes(self) -> list[str]:
        return sorted({h.transfer_syntax for h in self.instances})


@dataclass
class StudyNode:
    uid: str
    date: str = ""
    time: str = ""
    description: str = ""
    accession_number: str = ""
    series: dict[str, SeriesNode] = field(default_factory=dict)

    @property
    def modalities(self) -> list[str]:
        return sorted({s.modality for s in self.series.values() if s.modality})


@dataclass
class PatientNode:
    patient_id: str
    name: str
    birth_date: str = ""
    sex: str = ""
    studies: dict[str, StudyNode] = field(default_factory=dict)


@dataclass
class Catalog:
    patients: dict[tuple[str, str], PatientNode] = field(default_factory=dict)
    _sop_index: dict[str, InstanceHeader] = field(default_factory=dict, repr=False)
    _study_owner: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)

    def add(self, header: InstanceHeader) -> bool:
        """File the instance; False if its SOP Instance UID is already in the catalog."""
        if header.sop_uid in self._sop_index:
            return False
        self._sop_index[header.sop_uid] = header
        # A study belongs to the patient it was first seen with, so a study whose
        # slices disagree on the name (a typo on one slice) is not split in two.
        pkey = self._study_owner.setdefault(
            header.study_uid, (header.patient_id, header.patient_name)
        )
        patient = self.patients.get(pkey)
        if patient is None:
            patient = PatientNode(pkey[0], pkey[1], header.patient_birth_date, header.patient_sex)
            self.patients[pkey] = patient
        study = patient.studies.get(header.study_uid)
        if study is None:
            study = StudyNode(
                header.study_uid,
                header.study_date,
                header.study_time,
                header.study_description,
                header.accession_number,
            )
            patient.studies[header.study_uid] = study
        series = study.series.get(header.series_uid)
        if series is None:
            series = SeriesNode(
                header.series_uid, header.series_number, header.modality, header.series_description
            )
            study.series[header.series_uid] = series
        series.instances.append(header)
        return True

    def __contains__(self, sop_uid: object) -> bool:
        return sop_uid in self._sop_index

    def instance(self, sop_uid: str) -> InstanceHeader:
        return self._sop_index[sop_uid]

    @property
    def instance_count(self) -> int:
        return len(self._sop_index)

    def all_series(self) -> list[SeriesNode]:
        return [
            s
            for p in self.patients.values()
            for st in p.studies.values()
            for s in st.series.values()
        ]

    def counts(self) -> dict[str, int]:
        studies = [st for p in self.patients.values() for st in p.studies.values()]
        return {
            "patients": len(self.patients),
            "studies": len(studies),
            "series": len(self.all_series()),
            "instances": self.instance_count,
            "frames": sum(s.frame_count for s in self.all_series()),
        }

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready tree (used by the inspect command and by support logs)."""
        out: list[dict[str, Any]] = []
        for p in self.patients.values():
            studies = []
            for st in p.studies.values():
                series = []
                for s in sorted(
                    st.series.values(), key=lambda s: (s.number is None, s.number or 0)
                ):
                    series.append(
                        {
                            "series_uid": s.uid,
                            "number": s.number,
                            "modality": s.modality,
                            "description": s.description,
                            "instance_count": len(s.instances),
                            "frame_count": s.frame_count,
                            "transfer_syntaxes": [
                                {"uid": ts, "name": _ts_name(ts)} for ts in s.transfer_syntaxes
                            ],
                            "instances": [
                                {
                                    "sop_uid": h.sop_uid,
                                    "instance_number": h.instance_number,
                                    "frames": h.frames,
                                    "rows": h.rows,
                                    "columns": h.columns,
                                    "photometric": h.photometric,
                                    "transfer_syntax": h.transfer_syntax,
                                    "source": h.source,
                                }
                                for h in s.sorted_instances()
                            ],
                        }
                    )
                studies.append(
                    {
                        "study_uid": st.uid,
                        "date": st.date,
                        "description": st.description,
                        "accession_number": st.accession_number,
                        "modalities": st.modalities,
                        "series": series,
                    }
                )
            out.append(
                {
                    "patient_id": p.patient_id,
                    "name": p.name,
                    "birth_date": p.birth_date,
                    "sex": p.sex,
                    "studies": studies,
                }
            )
        return {"patients": out}


def _ts_name(uid: str) -> str:
    from pydicom.uid import UID

    return UID(uid).name
