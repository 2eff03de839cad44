from workstation.roles import Mode, Role, TitleLevel, modes_for, parse_roles


def test_each_role_opens_its_mode():
    assert modes_for({Role.DOCTOR}) == [Mode.DOCTOR]
    assert modes_for({Role.ECG_READER}) == [Mode.DOCTOR]
    assert modes_for({Role.IMAGING_TECHNICIAN}) == [Mode.TECHNICIAN]
    assert modes_for({Role.PHARMACIST}) == [Mode.PHARMACIST]
    assert modes_for({Role.ADMIN}) == [Mode.ADMIN]


def test_several_roles_give_modes_in_switcher_order():
    assert modes_for({Role.PHARMACIST, Role.ECG_TECHNICIAN, Role.DOCTOR}) == [
        Mode.DOCTOR, Mode.TECHNICIAN, Mode.PHARMACIST]


def test_unknown_wire_roles_are_dropped():
    assert parse_roles(["doctor", "superuser"]) == frozenset({Role.DOCTOR})


def test_title_levels_order_for_antibiotic_tiers():
    assert TitleLevel.SENIOR.at_least(TitleLevel.ASSOCIATE_SENIOR)
    assert TitleLevel.INTERMEDIATE.at_least(TitleLevel.INTERMEDIATE)
    assert not TitleLevel.PRIMARY.at_least(TitleLevel.INTERMEDIATE)
