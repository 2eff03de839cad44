from __future__ import annotations

import uuid

from local_db import LocalCache, desk

COUNTY = str(uuid.uuid4())
TOWN = str(uuid.uuid4())
ECG = str(uuid.uuid4())
CLINIC = str(uuid.uuid4())


def _directory() -> list[dict]:
    return [
        {
            "id": COUNTY,
            "code": "C01",
            "name": "县人民医院",
            "kind": "county_hospital",
            "parent_id": None,
            "departments": [
                {
                    "id": ECG,
                    "code": "ECG",
                    "name": "心电诊断中心",
                    "kind": "ecg_centre",
                    "institution_id": COUNTY,
                }
            ],
        },
        {
            "id": TOWN,
            "code": "T01",
            "name": "城关镇卫生院",
            "kind": "township_health_centre",
            "parent_id": COUNTY,
            "departments": [
                {
                    "id": CLINIC,
                    "code": "MZ",
                    "name": "全科门诊",
                    "kind": "clinical",
                    "institution_id": TOWN,
                }
            ],
        },
    ]


def _user(**over) -> dict:
    d = _directory()
    user = {
        "id": str(uuid.uuid4()),
        "username": "zhangwei",
        "display_name": "张伟",
        "title": "主治医师",
        "title_level": "intermediate",
        "roles": ["doctor"],
        "institution": {k: v for k, v in d[1].items() if k != "departments"},
        "department": d[1]["departments"][0],
    }
    user.update(over)
    return user


def test_profile_round_trips_in_the_wire_shape(cache: LocalCache) -> None:
    user = _user()
    cache.write_and_wait(lambda s: desk.save_profile(s, user))
    assert cache.read(desk.load_profile) == user


def test_directory_is_replaced_and_versions_bump_only_on_change(cache: LocalCache) -> None:
    cache.write_and_wait(lambda s: desk.replace_directory(s, _directory()))
    assert [i["code"] for i in cache.read(desk.load_directory)] == ["C01", "T01"]
    changed = _directory()[:1]
    changed[0]["name"] = "县人民医院（总院）"
    cache.write_and_wait(lambda s: desk.replace_directory(s, changed))
    from local_db.schema import Institution

    rows = cache.read(lambda s: [(i.code, i.version) for i in s.query(Institution)])
    assert rows == [("C01", 2)]
    cache.write_and_wait(lambda s: desk.replace_directory(s, changed))
    assert cache.read(lambda s: s.get(Institution, uuid.UUID(COUNTY)).version) == 2


def test_the_users_own_institution_survives_a_partial_directory(cache: LocalCache) -> None:
    user = _user()
    cache.write_and_wait(lambda s: desk.save_profile(s, user))
    cache.write_and_wait(lambda s: desk.replace_directory(s, _directory()[:1]))
    assert cache.read(desk.load_profile) == user


def test_verifier_is_replaced_not_duplicated(cache: LocalCache) -> None:
    user = _user()
    cache.write_and_wait(lambda s: desk.save_profile(s, user))
    cache.write_and_wait(lambda s: desk.save_verifier(s, user["id"], "$argon2id$first"))
    cache.write_and_wait(lambda s: desk.save_verifier(s, user["id"], "$argon2id$second"))
    assert cache.read(desk.load_verifier) == "$argon2id$second"
    from local_db.schema import OfflineCredential

    assert cache.read(lambda s: s.query(OfflineCredential).count()) == 1


def test_empty_cache_has_no_profile_and_no_verifier(cache: LocalCache) -> None:
    assert cache.read(desk.load_profile) is None
    assert cache.read(desk.load_verifier) is None
