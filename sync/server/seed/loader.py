"""Read and validate a seed directory. Every problem is reported as
`<file>: <field path>: <what is wrong>`, so whoever edits the data can find it."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sync.server.seed.schema import InstitutionKind, InstitutionsFile, UsersFile

M = TypeVar("M", bound=BaseModel)

INSTITUTIONS_FILE = "institutions.json"
USERS_FILE = "users.json"


class SeedError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SeedData:
    institutions: InstitutionsFile
    users: UsersFile
    source: Path


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it: shorter, and what people type."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _read_json(path: Path) -> Any:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SeedError([f"{shown}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError([f"{shown}: cannot read: {exc}"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SeedError([f"{shown}: line {exc.lineno} column {exc.colno}: {exc.msg}"]) from None


def _validate(path: Path, model: type[M]) -> M:
    data = _read_json(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        shown = display_path(path)
        raise SeedError(
            [f"{shown}: {field_path(tuple(e['loc']))}: {e['msg']}" for e in exc.errors()]
        ) from None


def _cross_check(seed_dir: Path, inst: InstitutionsFile, users: UsersFile) -> list[str]:
    inst_file = display_path(seed_dir / INSTITUTIONS_FILE)
    users_file = display_path(seed_dir / USERS_FILE)
    problems: list[str] = []
    by_code: dict[str, Any] = {}
    for i, institution in enumerate(inst.institutions):
        if institution.code in by_code:
            problems.append(f"{inst_file}: institutions[{i}].code: duplicate {institution.code!r}")
        by_code[institution.code] = institution
    for i, institution in enumerate(inst.institutions):
        where = f"{inst_file}: institutions[{i}].parent"
        if institution.parent is None:
            if institution.kind is not InstitutionKind.COUNTY_HOSPITAL:
                problems.append(f"{where}: a township health centre needs its lead institution")
        elif institution.parent not in by_code:
            problems.append(f"{where}: unknown institution code {institution.parent!r}")
        elif institution.parent == institution.code:
            problems.append(f"{where}: an institution cannot be its own parent")
    seen_users: set[str] = set()
    for i, user in enumerate(users.users):
        where = f"{users_file}: users[{i}]"
        if user.username in seen_users:
            problems.append(f"{where}.username: duplicate {user.username!r}")
        seen_users.add(user.username)
        institution = by_code.get(user.institution)
        if institution is None:
            problems.append(f"{where}.institution: unknown institution code {user.institution!r}")
        elif user.department is not None and user.department not in {
            d.code for d in institution.departments
        }:
            problems.append(
                f"{where}.department: no department {user.department!r} in {user.institution!r}"
            )
    return problems


def load_seed(seed_dir: Path) -> SeedData:
    """Validate both files completely; raise SeedError listing every problem found."""
    seed_dir = Path(seed_dir)
    if not seed_dir.is_dir():
        raise SeedError([f"{display_path(seed_dir)}: seed directory not found"])
    problems: list[str] = []
    parsed: dict[str, Any] = {}
    for name, model in ((INSTITUTIONS_FILE, InstitutionsFile), (USERS_FILE, UsersFile)):
        try:
            parsed[name] = _validate(seed_dir / name, model)
        except SeedError as exc:
            problems.extend(exc.problems)
    if not problems:
        problems = _cross_check(seed_dir, parsed[INSTITUTIONS_FILE], parsed[USERS_FILE])
    if problems:
        raise SeedError(problems)
    return SeedData(parsed[INSTITUTIONS_FILE], parsed[USERS_FILE], seed_dir)
