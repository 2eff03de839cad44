"""The rational-drug-use engine (合理用药/前置审方), Qt-free: the desk and the server run it alike.

Typical use::

    from workstation.review import check, shared_knowledge, parse_prescription
    findings = check(parse_prescription(data, shared_knowledge()), shared_knowledge())

The knowledge (drugs, interactions, IV incompatibilities) lives in `resources/drugs/*.json`
and is validated and indexed once by `load_knowledge()`.
"""

from workstation.review.knowledge import Knowledge, KnowledgeError, load_knowledge, shared_knowledge

__all__ = ["Knowledge", "KnowledgeError", "load_knowledge", "shared_knowledge"]
