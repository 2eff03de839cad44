"""Seed data: the demo county is valid and complete; every kind of error names the file
and the field; the import is idempotent; demo passwords exist only under --demo."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.server.db import Database, make_engine
from sync.server.migrate import upgrade
from sync.server.models import Department, Institution, User
from sync.server.passwords import PasswordHasher
from sync.server.seed import SeedError, load_seed
from sync.server.seed.importer import import_seed
from sync.server.seed.loader import display_path
from sync.server.seed.schema import SCHEMA_FILES, TITLE_LEVELS, json_schema_text
from sync.server.settings import default_seed_dir
from tests.server.helpers import CHEAP
from workstation.roles import Role, TitleLevel

DEMO = default_seed_dir()


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    target = tmp_path / "seed"
    shutil.copytree(DEMO, target)
    return target


def edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def problems_for(seed_dir: Path) -> list[str]:
    with pytest.raises(SeedError) as caught:
        load_seed(seed_dir)
    return caught.value.problems


# --- the demo county ---------------------------------------------------------------

def test_demo_county_loads_and_has_the_required_shape() -> None:
    seed = load_seed(DEMO)
    institutions = seed.institutions.institutions
    county = [i for i in institutions if i.kind == "county_hospital"]
    townships = [i for i in institutions if i.kind == "township_health_centre"]
    assert len(county) == 1 and len(townships) == 3
    assert county[0].name.endswith("县人民医院")
    centre_kinds = {d.kind.value for d in county[0].departments}
    assert {"ecg_centre", "imaging_centre", "pharmacy_centre", "clinical"} <= centre_kinds
    for township in townships:
        assert "卫生院" in township.name and township.parent == county[0].code
        kinds = {d.kind.value for d in township.departments}
        assert {"clinical", "ecg_room", "imaging_room", "pharmacy"} <= kinds

    users = seed.users.users
    for township in townships:
        roles = Counter(r for u in users if u.institution == township.code for r in u.roles)
        assert roles[Role.DOCTOR] >= 1, township.name
        assert roles[Role.ECG_TECHNICIAN] >= 1, township.name
        assert roles[Role.IMAGING_TECHNICIAN] >= 1, township.name
    county_roles = Counter(r for u in users if u.institution == county[0].code for r in u.roles)
    assert county_roles[Role.ECG_READER] >= 1
    assert county_roles[Role.IMAGING_READER] >= 1
    assert county_roles[Role.PHARMACIST] >= 2
    assert county_roles[Role.ADMIN] >= 1
    for user in users:
        assert user.demo_password == "Demo@2026"
        assert user.title in TITLE_LEVELS  # a known professional title, level checked
        assert any("\u4e00" <= ch <= "\u9fff" for ch in user.display_name)


def test_json_schema_files_are_generated_from_the_models() -> None:
    schema_dir = DEMO.parent / "schema"
    for name, model in SCHEMA_FILES.items():
        on_disk = (schema_dir / name).read_text(encoding="utf-8")
        assert on_disk == json_schema_text(model), (
            f"{name} is stale: run `python -m sync.server.seed`"
        )


def test_demo_files_point_at_their_schema() -> None:
    for name in ("institutions.json", "users.json"):
        ref = json.loads((DEMO / name).read_text(encoding="utf-8"))["$schema"]
        assert (DEMO / ref).resolve().is_file()


# --- each kind of error names the file and the field ----------------------------------

def test_bad_enum_value_names_file_and_field(seed_copy: Path) -> None:
    edit(seed_copy / "users.json", lambda d: d["users"][3].update(title_level="expert"))
    [problem] = problems_for(seed_copy)
    assert problem.startswith(f"{display_path(seed_copy / 'users.json')}: users[3].title_level: ")
    assert "primary" in problem  # the message lists what is allowed


def test_missing_field(seed_copy: Path) -> None:
    edit(seed_copy / "institutions.json", lambda d: d["institutions"][1].pop("name"))
    [problem] = problems_for(seed_copy)
    assert "institutions.json: institutions[1].name: Field required" in problem


def test_misspelt_field_is_an_error_not_ignored(seed_copy: Path) -> None:
    edit(seed_copy / "users.json", lambda d: d["users"][0].update(rolse=["doctor"]))
    [problem] = problems_for(seed_copy)
    assert "users.json: users[0].rolse: Extra inputs are not permitted" in problem


def test_bad_department_kind_deep_in_a_list(seed_copy: Path) -> None:
    edit(seed_copy / "institutions.json",
         lambda d: d["institutions"][2]["departments"][1].update(kind="canteen"))
    [problem] = problems_for(seed_copy)
    assert "institutions.json: institutions[2].departments[1].kind: Input should be" in problem


def test_unknown_role(seed_copy: Path) -> None:
    edit(seed_copy / "users.json", lambda d: d["users"][5].update(roles=["surgeon"]))
    [problem] = problems_for(seed_copy)
    assert "users.json: users[5].roles[0]: Input should be" in problem


def test_title_and_level_must_agree(seed_copy: Path) -> None:
    def demote(d):
        d["users"][0].update(title="主任医师", title_level="intermediate")

    edit(seed_copy / "users.json", demote)
    [problem] = problems_for(seed_copy)
    assert "users.json: users[0]: " in problem and "'senior'" in problem


def test_json_syntax_error_gives_line_and_column(seed_copy: Path) -> None:
    (seed_copy / "users.json").write_text('{"users": [\n  {"username": "a",,}\n]}',
                                          encoding="utf-8")
    [problem] = problems_for(seed_copy)
    assert problem.startswith(f"{display_path(seed_copy / 'users.json')}: line 2 column ")


def test_missing_file(seed_copy: Path) -> None:
    (seed_copy / "institutions.json").unlink()
    [problem] = problems_for(seed_copy)
    assert problem == f"{display_path(seed_copy / 'institutions.json')}: file not found"


def test_errors_in_both_files_are_all_reported(seed_copy: Path) -> None:
    edit(seed_copy / "users.json", lambda d: d["users"][1].update(username="Li Xiulan"))
    edit(seed_copy / "institutions.json", lambda d: d["institutions"][0].update(kind="clinic"))
    problems = problems_for(seed_copy)
    assert any("users.json: users[1].username:" in p for p in problems)
    assert any("institutions.json: institutions[0].kind:" in p for p in problems)


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        ("users.json", lambda d: d["users"][2].update(institution="NOWHERE"),
         "users.json: users[2].institution: unknown institution code 'NOWHERE'"),
        ("users.json", lambda d: d["users"][0].update(department="XDZX"),
         "users.json: users[0].department: no department 'XDZX' in 'QXSQZWSY'"),
        ("users.json", lambda d: d["users"][4].update(username=d["users"][0]["username"]),
         "users.json: users[4].username: duplicate 'wangjianguo'"),
        ("institutions.json", lambda d: d["institutions"][3].update(parent="NOWHERE"),
         "institutions.json: institutions[3].parent: unknown institution code 'NOWHERE'"),
        ("institutions.json", lambda d: d["institutions"][1].update(parent=None),
         "institutions.json: institutions[1].parent: a township health centre needs"),
        ("institutions.json",
         lambda d: d["institutions"][2].update(code=d["institutions"][1]["code"]),
         "institutions.json: institutions[2].code: duplicate 'QXSQZWSY'"),
    ],
    ids=["unknown-institution", "foreign-department", "duplicate-user", "unknown-parent",
         "orphan-township", "duplicate-institution"],
)
def test_cross_references(seed_copy: Path, file: str, change, expected: str) -> None:
    edit(seed_copy / file, change)
    problems = problems_for(seed_copy)
    assert any(expected in p for p in problems), problems


# --- import --------------------------------------------------------------------------

@pytest.fixture
def db(tmp_path: Path):
    database = Database(make_engine(f"sqlite:///{tmp_path / 'seed.sqlite3'}"))
    upgrade(database.engine)
    yield database
    database.dispose()


def _import(db: Database, seed_dir: Path, *, demo: bool, clock) -> None:
    with db.write() as s:
        import_seed(s, load_seed(seed_dir), demo=demo, hasher=PasswordHasher(CHEAP),
                    now=clock.now())


def test_import_is_idempotent_and_upserts_by_code(db: Database, seed_copy: Path, clock) -> None:
    _import(db, seed_copy, demo=False, clock=clock)
    with db.read() as s:
        ids = dict(s.execute(select(User.username, User.id)).all())
        counts = [s.scalar(select(func.count()).select_from(t))
                  for t in (Institution, Department, User)]
    assert counts == [4, 22, 15]

    edit(seed_copy / "users.json", lambda d: d["users"][0].update(display_name="王建军"))
    _import(db, seed_copy, demo=False, clock=clock)
    with db.read() as s:
        assert [s.scalar(select(func.count()).select_from(t))
                for t in (Institution, Department, User)] == counts
        renamed = s.scalar(select(User).where(User.username == "wangjianguo"))
        assert renamed.display_name == "王建军" and renamed.version == 2
        assert dict(s.execute(select(User.username, User.id)).all()) == ids
        township = s.scalar(select(Institution).where(Institution.code == "QXSQZWSY"))
        county = s.scalar(select(Institution).where(Institution.code == "QXRMYY"))
        assert township.parent_id == county.id and township.version == 1


def test_demo_passwords_only_with_demo(db: Database, clock) -> None:
    hasher = PasswordHasher(CHEAP)
    _import(db, DEMO, demo=False, clock=clock)
    with db.read() as s:
        assert s.scalars(select(User.password_hash)).all() == [None] * 15

    _import(db, DEMO, demo=True, clock=clock)
    with db.read() as s:
        user = s.scalar(select(User).where(User.username == "liuminghua"))
        assert user.password_is_demo and hasher.verify(user.password_hash, "Demo@2026")
        first_hash = user.password_hash

    _import(db, DEMO, demo=True, clock=clock)  # not re-hashed on every start
    with db.read() as s:
        assert s.scalar(select(User.password_hash).where(User.username == "liuminghua")) \
            == first_hash

    # Once run without --demo again, the demo passwords stop working.
    _import(db, DEMO, demo=False, clock=clock)
    with db.read() as s:
        assert s.scalars(select(User.password_hash)).all() == [None] * 15


def test_title_levels_cover_every_level() -> None:
    assert set(TITLE_LEVELS.values()) == set(TitleLevel)
