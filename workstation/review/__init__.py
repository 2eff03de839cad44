"""The rational-drug-use engine (合理用药/前置审方), Qt-free: the desk and the server run it alike.

Typical use::

    from workstation.review import check, parse_prescription, shared_knowledge
    kb = shared_knowledge()                      # loaded, validated and indexed once
    findings = check(parse_prescription(data, kb), kb)

The knowledge (drugs, interactions, IV incompatibilities) lives in `resources/drugs/*.json`.
"""

from workstation.review.engine import check, review, verdict
from workstation.review.findings import Category, Finding, Severity
from workstation.review.knowledge import Knowledge, KnowledgeError, load_knowledge, shared_knowledge
from workstation.review.model import (
    InputError,
    Item,
    Patient,
    Prescriber,
    Prescription,
    Setting,
    parse_prescription,
)

__all__ = [
    "Category", "Finding", "InputError", "Item", "Knowledge", "KnowledgeError", "Patient", "Prescriber",
    "Prescription", "Setting", "Severity", "check", "load_knowledge", "review", "parse_prescription", "shared_knowledge",
    "verdict",
]
