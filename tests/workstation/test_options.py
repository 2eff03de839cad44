import json

import pytest

from workstation import options as opt


def test_defaults_when_no_file(tmp_path):
    options = opt.Options(tmp_path / "options.json")
    assert options.get(opt.LANGUAGE) == "zh_CN"
    assert options.get(opt.CONNECTIVITY_PROBE_S) == 30


def test_values_survive_save_and_reload(tmp_path):
    path = tmp_path / "options.json"
    options = opt.Options(path)
    options.set(opt.LANGUAGE, "en")
    options.set(opt.LAST_SERVER, "http://127.0.0.1:47810")
    options.save()
    again = opt.Options(path)
    assert again.get(opt.LANGUAGE) == "en"
    assert again.get(opt.LAST_SERVER) == "http://127.0.0.1:47810"
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == opt.CURRENT_VERSION


@pytest.mark.parametrize(
    ("option", "value", "error"),
    [
        (opt.LANGUAGE, "fr", ValueError),
        (opt.LANGUAGE, 3, TypeError),
        (opt.CONNECTIVITY_PROBE_S, True, TypeError),
        (opt.CONNECTIVITY_PROBE_S, "30", TypeError),
    ],
)
def test_wrong_types_and_values_are_refused(tmp_path, option, value, error):
    options = opt.Options(tmp_path / "o.json")
    with pytest.raises(error):
        options.set(option, value)
    assert options.get(option) == option.default


def test_damaged_file_falls_back_to_defaults_and_keeps_valid_values(tmp_path):
    path = tmp_path / "options.json"
    path.write_text("{not json", encoding="utf-8")
    assert opt.Options(path).get(opt.LANGUAGE) == "zh_CN"
    path.write_text(json.dumps({"version": 1, "values": {
        "ui.language": "klingon", "login.last_user": "wangfang", "unknown.key": 1}}),
        encoding="utf-8")
    options = opt.Options(path)
    assert options.get(opt.LANGUAGE) == "zh_CN"
    assert options.get(opt.LAST_USER) == "wangfang"


def test_older_layouts_are_upgraded(tmp_path, monkeypatch):
    path = tmp_path / "options.json"
    path.write_text(json.dumps({"version": 1, "values": {"lang": "en"}}), encoding="utf-8")
    monkeypatch.setattr(opt, "CURRENT_VERSION", 2)
    monkeypatch.setitem(opt.UPGRADES, 1, lambda v: {"ui.language": v.pop("lang")})
    assert opt.Options(path).get(opt.LANGUAGE) == "en"


def test_config_dir_honours_override(tmp_path, monkeypatch):
    monkeypatch.setenv("WS_CONFIG_DIR", str(tmp_path / "cfg"))
    assert opt.config_dir() == tmp_path / "cfg"
    assert opt.Options().path == tmp_path / "cfg" / "options.json"
