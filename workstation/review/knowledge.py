"""Load the knowledge files once, check their cross references, and index them.

`load_knowledge()` is what the desk and the server call at start-up; the result is
immutable and shared by every check, so a check only does dictionary look-ups.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ValidationError
from pypinyin import lazy_pinyin

from workstation.review.schema import (
    ClassFile,
    Condition,
    ConditionFile,
    Drug,
    DrugFile,
    Incompatibility,
    IncompatibilityFile,
    Interaction,
    InteractionFile,
    Selector,
    SourceFile,
)


class KnowledgeError(ValueError):
    """A knowledge file is missing, not JSON, or breaks the schema or a cross reference."""

    def __init__(self, file: Path | str, path: str, message: str) -> None:
        self.file = str(file)
        self.path = path
        self.message = message
        where = f"{self.file}: {path}" if path else self.file
        super().__init__(f"{where}: {message}")


def default_dir() -> Path:
    """`resources/drugs` in a checkout, an installed tree or a PyInstaller bundle."""
    # Same lookup as workstation.resources, kept local so the engine stays self-contained.
    override = os.environ.get("WS_RESOURCES")
    if override:
        return Path(override) / "drugs"
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources" / "drugs"
    return Path(__file__).resolve().parents[2] / "resources" / "drugs"


def _read(file: Path, model: type[BaseModel]) -> BaseModel:
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeError(file, "", "file not found") from None
    except json.JSONDecodeError as e:
        raise KnowledgeError(file, f"line {e.lineno} column {e.colno}", f"not JSON: {e.msg}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        err = e.errors()[0]
        path = _path(raw, err["loc"])
        more = f" (and {e.error_count() - 1} more)" if e.error_count() > 1 else ""
        raise KnowledgeError(file, path, f"{err['msg']}{more}") from None


def _path(raw: object, loc: tuple) -> str:
    """`drugs[3](阿莫西林).doses[0].band` — the index plus the drug's name, to find it fast."""
    out = ""
    node = raw
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("name") or node.get("id"), str):
                out += f"({node.get('name') or node.get('id')})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def pinyin_of(name: str) -> tuple[str, str]:
    """Full pinyin without tones and the initials, both lower case, for drug search."""
    syllables = [s for s in lazy_pinyin(name, errors="ignore") if s.isalpha()]
    initials = "".join(s[0] for s in syllables)
    # 'ü' is written 'v' on keyboards (氯 → lv).
    return "".join(syllables).replace("ü", "v"), initials.replace("ü", "v")


@dataclass(frozen=True)
class DrugEntry:
    """A drug plus what the engine derives from it once at load time."""

    drug: Drug
    file: str
    pinyin: str
    initials: str
    dup_groups: frozenset[str]
    keys: frozenset[str]  # selector keys it matches: drug:, atc: prefixes, tag:


@dataclass
class Knowledge:
    directory: Path
    sources: dict[str, str]
    drugs: dict[str, DrugEntry]
    by_name: dict[str, DrugEntry]
    conditions: dict[str, Condition]
    condition_groups: dict[str, str]
    dup_groups: dict[str, str]
    allergy_classes: dict[str, str]  # id → Chinese name
    allergy_by_name: dict[str, str]  # name or alias → id
    cross_reactions: dict[tuple[str, str], tuple[str, str, str]]  # (a, b) → severity, note, source
    interactions: dict[str, list[Interaction]] = field(default_factory=dict)
    incompatibilities: dict[str, list[Incompatibility]] = field(default_factory=dict)
    interaction_count: int = 0
    incompatibility_count: int = 0
    version: str = ""  # sha256 of the knowledge files: which rules screened a prescription


    def find(self, name_or_code: str) -> DrugEntry | None:
        key = name_or_code.strip()
        return self.drugs.get(key.upper()) or self.by_name.get(key)

    def search(self, text: str, limit: int = 20) -> list[DrugEntry]:
        """Drugs whose name, alias, pinyin or initials start with (or name contains) text."""
        t = text.strip().lower()
        if not t:
            return []
        hits = [
            e
            for e in self.drugs.values()
            if e.pinyin.startswith(t)
            or e.initials.startswith(t)
            or t in e.drug.name
            or any(t in a for a in e.drug.aliases)
            or e.drug.code.lower() == t
        ]
        hits.sort(key=lambda e: (not e.drug.name.startswith(text.strip()), len(e.drug.name)))
        return hits[:limit]

    def source_title(self, source_id: str) -> str:
        return self.sources.get(source_id, source_id)


def _keys_of(drug: Drug) -> frozenset[str]:
    keys = {f"drug:{drug.code}"} | {f"tag:{t}" for t in drug.tags}
    keys |= {f"atc:{drug.atc[:n]}" for n in range(1, len(drug.atc) + 1)}
    return frozenset(keys)


def load_knowledge(directory: Path | str | None = None) -> Knowledge:
    """Read, validate and index every knowledge file; raise KnowledgeError on the first fault."""
    d = Path(directory) if directory else default_dir()
    sources_f = d / "sources.json"
    sources = {s.id: s.title for s in _read(sources_f, SourceFile).sources}  # type: ignore[attr-defined]
    classes_f = d / "classes.json"
    classes: ClassFile = _read(classes_f, ClassFile)  # type: ignore[assignment]
    cond_f = d / "conditions.json"
    cond: ConditionFile = _read(cond_f, ConditionFile)  # type: ignore[assignment]

    def need_source(file: Path, path: str, sid: str | None) -> None:
        if sid is not None and sid not in sources:
            raise KnowledgeError(file, path, f"unknown source {sid!r} (add it to sources.json)")

    conditions: dict[str, Condition] = {}
    for i, c in enumerate(cond.conditions):
        if c.id in conditions:
            raise KnowledgeError(cond_f, f"conditions[{i}].id", f"duplicate id {c.id!r}")
        for g in c.groups:
            if g not in cond.groups:
                raise KnowledgeError(cond_f, f"conditions[{i}]({c.id}).groups", f"unknown group {g!r}")
        conditions[c.id] = c
    allergy = {a.id: a.name for a in classes.allergy_classes}
    allergy_by_name: dict[str, str] = {}
    for a in classes.allergy_classes:
        for n in (a.id, a.name, *a.aliases):
            allergy_by_name[n] = a.id
    cross: dict[tuple[str, str], tuple[str, str, str]] = {}
    for i, x in enumerate(classes.cross_reactions):
        for side in (x.a, x.b):
            if side not in allergy:
                raise KnowledgeError(classes_f, f"cross_reactions[{i}]", f"unknown allergy class {side!r}")
        need_source(classes_f, f"cross_reactions[{i}].source", x.source)
        cross[(x.a, x.b)] = cross[(x.b, x.a)] = (x.severity, x.note, x.source)

    drugs: dict[str, DrugEntry] = {}
    by_name: dict[str, DrugEntry] = {}
    drug_files = sorted((d / "drugs").glob("*.json"))
    if not drug_files:
        raise KnowledgeError(d / "drugs", "", "no drug files")
    for f in drug_files:
        df: DrugFile = _read(f, DrugFile)  # type: ignore[assignment]
        for i, drug in enumerate(df.drugs):
            where = f"drugs[{i}]({drug.name})"
            _check_drug(f, where, drug, sources, conditions, cond.groups, classes, allergy, need_source)
            if drug.code in drugs:
                raise KnowledgeError(f, f"{where}.code", f"duplicate code {drug.code!r}")
            for n in (drug.name, *drug.aliases):
                if n in by_name:
                    raise KnowledgeError(f, f"{where}.name", f"name {n!r} already used by {by_name[n].drug.code}")
            if drug.pinyin:  # stored as space-separated syllables
                py, ini = drug.pinyin.replace(" ", ""), "".join(w[0] for w in drug.pinyin.split())
            else:
                py, ini = pinyin_of(drug.name)
            entry = DrugEntry(
                drug=drug,
                file=f.name,
                pinyin=py,
                initials=ini,
                dup_groups=frozenset({drug.dup_group or drug.atc[:5]}),
                keys=_keys_of(drug),
            )
            drugs[drug.code] = entry
            for n in (drug.name, *drug.aliases):
                by_name[n] = entry
    # A compound (复方) also duplicates, interacts and cross-reacts as its ingredients.
    for code, e in list(drugs.items()):
        if e.drug.contains:
            groups, keys = set(e.dup_groups), set(e.keys)
            for i, c in enumerate(e.drug.contains):
                part = drugs.get(c)
                if part is None:
                    raise KnowledgeError(e.file, f"{code}.contains[{i}]", f"unknown drug code {c!r}")
                groups |= part.dup_groups
                keys |= part.keys
            drugs[code] = DrugEntry(e.drug, e.file, e.pinyin, e.initials, frozenset(groups), frozenset(keys))
            for n in (e.drug.name, *e.drug.aliases):
                by_name[n] = drugs[code]

    all_keys = set().union(*(e.keys for e in drugs.values()))
    k = Knowledge(
        directory=d,
        sources=sources,
        drugs=drugs,
        by_name=by_name,
        conditions=conditions,
        condition_groups=dict(cond.groups),
        dup_groups=dict(classes.dup_groups),
        allergy_classes=allergy,
        allergy_by_name=allergy_by_name,
        cross_reactions=cross,
    )
    inter_f = d / "interactions.json"
    inter: InteractionFile = _read(inter_f, InteractionFile)  # type: ignore[assignment]
    k.interactions = _index_pairs(inter_f, "interactions", inter.interactions, all_keys, need_source)
    k.interaction_count = len(inter.interactions)
    inc_f = d / "incompatibilities.json"
    inc: IncompatibilityFile = _read(inc_f, IncompatibilityFile)  # type: ignore[assignment]
    k.incompatibilities = _index_pairs(inc_f, "incompatibilities", inc.incompatibilities, all_keys, need_source)
    k.incompatibility_count = len(inc.incompatibilities)
    k.version = _version(d)
    return k


def _version(d: Path) -> str:
    """Digest of every knowledge file (not the exported schema), stable across machines."""
    h = hashlib.sha256()
    for f in sorted(d.glob("*.json")) + sorted((d / "drugs").glob("*.json")):
        h.update(f.relative_to(d).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _index_pairs(file: Path, name: str, rules: list, all_keys: set[str], need_source) -> dict[str, list]:
    """Index pair rules by the key of each side, so a check looks up only what can match."""
    index: dict[str, list] = defaultdict(list)
    seen_ids: set[str] = set()
    seen_pairs: set[frozenset[str]] = set()
    for i, r in enumerate(rules):
        where = f"{name}[{i}]({r.id})"
        if r.id in seen_ids:
            raise KnowledgeError(file, f"{where}.id", "duplicate id")
        seen_ids.add(r.id)
        side: Selector
        for label, side in (("a", r.a), ("b", r.b)):
            if side.key not in all_keys:
                raise KnowledgeError(file, f"{where}.{label}", f"{side.key} matches no drug in the dictionary")
        pair = frozenset({r.a.key, r.b.key})
        if pair in seen_pairs:
            raise KnowledgeError(file, where, f"pair {sorted(pair)} is listed twice")
        seen_pairs.add(pair)
        need_source(file, f"{where}.source", r.source)
        index[r.a.key].append(r)
        if r.b.key != r.a.key:
            index[r.b.key].append(r)
    return dict(index)


def _check_drug(file, where, drug: Drug, sources, conditions, groups, classes: ClassFile, allergy, need_source) -> None:
    need_source(file, f"{where}.source", drug.source)
    for attr in ("doses", "renal", "hepatic", "child", "contraindications", "forbidden_routes"):
        for j, rule in enumerate(getattr(drug, attr)):
            need_source(file, f"{where}.{attr}[{j}].source", rule.source)
    for attr in ("pregnancy", "lactation", "elderly"):
        flag = getattr(drug, attr)
        if flag is not None:
            need_source(file, f"{where}.{attr}.source", flag.source)
    for j, c in enumerate(drug.contraindications):
        if c.condition not in conditions and c.condition not in groups:
            raise KnowledgeError(file, f"{where}.contraindications[{j}].condition", f"unknown condition {c.condition!r}")
    for j, c in enumerate(drug.indications):
        if c not in conditions and c not in groups:
            raise KnowledgeError(file, f"{where}.indications[{j}]", f"unknown condition or group {c!r}")
    for j, a in enumerate(drug.allergy_classes):
        if a not in allergy:
            raise KnowledgeError(file, f"{where}.allergy_classes[{j}]", f"unknown allergy class {a!r}")
    group = drug.dup_group or drug.atc[:5]
    if group not in classes.dup_groups:
        raise KnowledgeError(file, f"{where}.dup_group", f"duplicate group {group!r} not named in classes.json")
    for j, dl in enumerate(drug.doses):
        if not dl.per_kg and (dl.abs_daily_max or dl.abs_single_max):
            raise KnowledgeError(file, f"{where}.doses[{j}]", "abs_* caps only make sense with per_kg")
        for c in dl.except_conditions:
            if c not in conditions and c not in groups:
                raise KnowledgeError(file, f"{where}.doses[{j}].except_conditions", f"unknown condition {c!r}")
    for attr in ("infuse_alone", "max_concentration"):
        if getattr(drug, attr) is not None:
            need_source(file, f"{where}.{attr}.source", getattr(drug, attr).source)


@lru_cache(maxsize=4)
def _cached(directory: str) -> Knowledge:
    return load_knowledge(directory)


def shared_knowledge(directory: Path | str | None = None) -> Knowledge:
    """The process-wide knowledge, loaded on first use (desk and server share this)."""
    return _cached(str(Path(directory) if directory else default_dir()))
