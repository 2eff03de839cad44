"""The knowledge files: they load, they are big enough, they cite sources, and faults are named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workstation.review.knowledge import KnowledgeError, default_dir, load_knowledge, pinyin_of
from workstation.review.schema_export import rendered_schemas


def test_counts_meet_the_issue(kb):
    # Issue 7: at least 200 drugs and 150 interaction pairs; incompatibilities for infusions.
    assert len(kb.drugs) >= 200
    assert kb.interaction_count >= 150
    assert kb.incompatibility_count >= 20


@pytest.mark.parametrize(
    "name",
    [
        "阿莫西林", "头孢呋辛", "阿奇霉素", "左氧氟沙星", "美罗培南", "万古霉素", "布洛芬", "吗啡",
        "曲马多", "氨氯地平", "硝苯地平", "卡托普利", "依那普利", "氯沙坦", "美托洛尔", "氢氯噻嗪",
        "阿托伐他汀", "二甲双胍", "格列本脲", "胰岛素", "华法林", "阿司匹林", "氯吡格雷", "奥美拉唑",
        "雷尼替丁", "沙丁胺醇", "氯苯那敏", "泼尼松", "地塞米松", "连花清瘟胶囊", "复方丹参滴丸",
    ],
)
def test_the_clinically_important_drugs_are_there(kb, name):
    assert kb.find(name) is not None


def test_every_group_of_the_issue_is_covered(kb):
    atc = [e.drug.atc for e in kb.drugs.values()]
    for prefix in ("J01C", "J01D", "J01FA", "J01MA", "J01DH", "J01XA", "M01A", "N02A", "C09AA", "C09CA",
                   "C08", "C07", "C03", "C10AA", "A10BA", "A10BB", "A10A", "B01AA", "B01AC", "A02BC",
                   "A02BA", "R03", "R06", "H02AB"):
        assert any(a.startswith(prefix) for a in atc), prefix
    assert sum(e.drug.tcm for e in kb.drugs.values()) >= 15


def test_amoxicillin_label_numbers(kb):
    # 说明书: 成人一次0.5g每6～8小时，一日不超过4g; 小儿一日20～40mg/kg.
    amox = kb.find("阿莫西林").drug
    adult = next(d for d in amox.doses if d.band == "adult")
    child = next(d for d in amox.doses if d.band == "child")
    assert adult.daily_max == 4000 and child.per_kg and child.daily_max == 40
    assert amox.antibiotic_tier == "unrestricted" and "penicillins" in amox.allergy_classes
    assert [b.below for b in amox.renal] == [10, 30]  # sorted strictest first


def test_tiers_and_controlled_classes(kb):
    assert kb.find("美罗培南").drug.antibiotic_tier == "special"
    assert kb.find("头孢他啶").drug.antibiotic_tier == "restricted"
    assert kb.find("吗啡").drug.controlled == "narcotic"
    assert kb.find("曲马多").drug.controlled == "psychotropic_2"
    assert kb.find("哌甲酯").drug.controlled == "psychotropic_1"


def test_every_rule_cites_a_known_source(kb):
    for e in kb.drugs.values():
        assert e.drug.source in kb.sources
        for rule in [*e.drug.doses, *e.drug.renal, *e.drug.hepatic, *e.drug.child, *e.drug.contraindications]:
            assert (rule.source or e.drug.source) in kb.sources


def test_search_by_name_pinyin_and_initials(kb):
    assert kb.search("阿莫")[0].drug.name == "阿莫西林"
    assert kb.search("amoxilin")[0].drug.name == "阿莫西林"
    assert kb.search("amxl")[0].drug.name == "阿莫西林"
    assert kb.search("tbqs")[0].drug.name == "头孢曲松"
    assert kb.search("xyz_no_such") == []


def test_pinyin_writes_u_umlaut_as_v():
    assert pinyin_of("氯雷他定") == ("lvleitading", "lltd")


def test_lookup_by_code_alias_and_name(kb):
    assert kb.find("AMOX").drug.name == "阿莫西林"
    assert kb.find("amox").drug.name == "阿莫西林"
    assert kb.find("扑尔敏").drug.code == "CPM"
    assert kb.find("不存在的药") is None


def test_compound_inherits_its_ingredients(kb):
    # 维C银翘片 contains paracetamol: the duplicate check must see it.
    assert kb.find("对乙酰氨基酚").dup_groups <= kb.find("维C银翘片").dup_groups


def test_exported_schema_is_current():
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in (default_dir() / "schema").glob("*.json")}
    assert on_disk == rendered_schemas(), "run: python -m workstation.review schema"


def _edit(path: Path, fn) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_schema_error_names_file_and_field_path(kb_copy):
    f = kb_copy / "drugs" / "anti_infectives.json"
    _edit(f, lambda d: d["drugs"][0]["doses"][0].update(band="teen"))
    with pytest.raises(KnowledgeError) as e:
        load_knowledge(kb_copy)
    assert e.value.file.endswith("anti_infectives.json")
    assert e.value.path == "drugs[0](阿莫西林).doses[0].band"


def test_unknown_key_is_refused(kb_copy):
    f = kb_copy / "drugs" / "anti_infectives.json"
    _edit(f, lambda d: d["drugs"][1].update(dose_units="mg"))
    with pytest.raises(KnowledgeError, match=r"drugs\[1\]\(阿莫西林克拉维酸钾\)\.dose_units"):
        load_knowledge(kb_copy)


def test_bad_json_names_line_and_column(kb_copy):
    (kb_copy / "interactions.json").write_text('{"interactions": [\n  {,}\n]}', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"interactions\.json: line 2 column"):
        load_knowledge(kb_copy)


def test_unknown_source_is_refused(kb_copy):
    _edit(kb_copy / "drugs" / "digestive.json", lambda d: d["drugs"][0].update(source="wikipedia"))
    with pytest.raises(KnowledgeError, match="unknown source 'wikipedia'"):
        load_knowledge(kb_copy)


def test_interaction_side_must_match_a_drug(kb_copy):
    _edit(kb_copy / "interactions.json", lambda d: d["interactions"][0]["a"].update(tag="nsiad"))
    with pytest.raises(KnowledgeError, match=r"interactions\[0\]\(I001\)\.a: tag:nsiad matches no drug"):
        load_knowledge(kb_copy)


def test_duplicate_code_is_refused(kb_copy):
    def dup(d):
        d["drugs"][1]["code"] = d["drugs"][0]["code"]
    _edit(kb_copy / "drugs" / "tcm.json", dup)
    with pytest.raises(KnowledgeError, match="duplicate code"):
        load_knowledge(kb_copy)


def test_unknown_condition_is_refused(kb_copy):
    _edit(kb_copy / "drugs" / "cardiovascular.json", lambda d: d["drugs"][0].update(indications=["hypertensoin"]))
    with pytest.raises(KnowledgeError, match="unknown condition or group 'hypertensoin'"):
        load_knowledge(kb_copy)


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(KnowledgeError, match="file not found"):
        load_knowledge(tmp_path / "nowhere")


def test_data_lint(kb):
    """Hand-written data stays coherent: known frequency codes, single ≤ daily, antibiotics indicated."""
    from workstation.review.calc import FREQUENCIES

    for e in kb.drugs.values():
        d = e.drug
        used = set(d.frequencies) | {x for f in d.forms for x in (f.frequencies or [])}
        assert used <= set(FREQUENCIES), (d.name, used - set(FREQUENCIES))
        for lim in d.doses:
            if lim.single_max and lim.daily_max:
                assert lim.single_max <= lim.daily_max, d.name
        if d.antibiotic_tier:
            assert d.indications, d.name
        if d.controlled:
            assert not d.vehicle


def test_bench_runs():
    from workstation.review.bench import run

    out = run(5)
    assert out["review_drugs"] >= 200 and out["review_check_p95_ms"] > 0


def test_item_defaults_are_reviewable_without_serious_findings(kb):
    from tests.review.support import review, rx, serious
    from workstation.review.defaults import form_labels, item_defaults

    d = item_defaults(kb.find("阿莫西林"))
    assert d == {"drug": "阿莫西林", "code": "AMOX", "form": "capsule", "route": "po", "frequency": "q6h", "unit": "mg", "dose": 250}
    assert form_labels(kb.find("阿莫西林"))[0] == "胶囊 250mg/500mg"
    item = {k: v for k, v in d.items() if k != "code"} | {"days": 3}
    assert serious(review(kb, rx([item], diagnoses=["咽炎"]))) == []


def test_shared_knowledge_is_loaded_once():
    from workstation.review import shared_knowledge

    assert shared_knowledge() is shared_knowledge()
