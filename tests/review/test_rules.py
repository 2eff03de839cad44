"""Every rule family with a case that fires and a close case that must not."""

from __future__ import annotations

from tests.review.support import item, of, review, rules, rx, serious


# ---- legality: antibiotic tiers by title, special tier never outpatient, narcotic rights
def test_restricted_antibiotic_needs_intermediate_title(kb):
    data = rx([item("头孢他啶", 1, "g", route="ivgtt", frequency="q12h", days=3)], title="primary", diagnoses=["肺炎"])
    f = of(review(kb, data), "legality")
    assert [x.rule for x in f] == ["legality.antibiotic_tier"] and f[0].severity.value == "critical"
    data["prescriber"]["title_level"] = "intermediate"
    assert of(review(kb, data), "legality") == []


def test_special_antibiotic_needs_senior_title_and_inpatient(kb):
    data = rx([item("美罗培南", 1, "g", route="ivgtt", frequency="q8h", days=3)], setting="inpatient", title="intermediate", diagnoses=["脓毒症"])
    assert rules(of(review(kb, data), "legality")) == {"legality.antibiotic_tier"}
    data["prescriber"]["title_level"] = "associate_senior"
    assert of(review(kb, data), "legality") == []
    data["setting"] = "outpatient"
    assert rules(of(review(kb, data), "legality")) == {"legality.special_tier_outpatient"}


def test_antibiotic_right_withdrawn(kb):
    data = rx([item("阿莫西林", 0.5, "g", frequency="tid")], prescriber={"antibiotic_right": False}, diagnoses=["咽炎"])
    assert "legality.antibiotic_right" in rules(review(kb, data))


def test_narcotic_needs_the_right(kb):
    data = rx([item("吗啡", 10, "mg", frequency="q4h", form="tablet", days=3)], diagnoses=["癌痛"])
    assert "legality.narcotic_right" in rules(review(kb, data))
    data["prescriber"]["narcotic_right"] = True
    assert "legality.narcotic_right" not in rules(review(kb, data))


def test_class2_psychotropic_needs_no_special_right(kb):
    data = rx([item("地西泮", 5, "mg", frequency="qn", days=5)], diagnoses=["失眠"])
    assert of(review(kb, data), "legality") == []


def test_missing_diagnosis_and_infant_age(kb):
    data = rx([item("对乙酰氨基酚", 120, "mg", frequency="q6h", days=2)], diagnoses=[], age_years=0, weight_kg=8)
    got = rules(review(kb, data))
    assert {"legality.no_diagnosis", "legality.infant_age"} <= got
    data["patient"].update(age_months=8, diagnoses=["发热"])
    assert not {"legality.no_diagnosis", "legality.infant_age"} & rules(review(kb, data))


# ---- count (> 5 drugs, outpatient)
SIX = [item(n, d, u, days=3) for n, d, u in [
    ("氨氯地平", 5, "mg"), ("阿托伐他汀", 20, "mg"), ("二甲双胍", 500, "mg"), ("阿司匹林", 100, "mg"),
    ("氯雷他定", 10, "mg"), ("奥美拉唑", 20, "mg"),
]]


def test_more_than_five_drugs(kb):
    data = rx(SIX, diagnoses=["高血压", "2型糖尿病", "冠心病", "过敏性鼻炎", "胃炎", "高脂血症"])
    assert [f.rule for f in of(review(kb, data), "count")] == ["count.over_five"]
    assert of(review(kb, rx(SIX[:5], diagnoses=["高血压"])), "count") == []
    assert of(review(kb, {**data, "setting": "inpatient"}), "count") == []


# ---- duration
def test_outpatient_over_seven_days_needs_reason(kb):
    data = rx([item("氨氯地平", 5, "mg", days=14)])
    assert rules(of(review(kb, data), "duration")) == {"duration.over_limit"}
    data["items"][0]["reason"] = "高血压慢性病长期用药"
    assert of(review(kb, data), "duration") == []


def test_emergency_three_days(kb):
    data = rx([item("布洛芬", 0.2, "g", frequency="tid", days=4)], setting="emergency", diagnoses=["头痛"])
    assert rules(of(review(kb, data), "duration")) == {"duration.over_limit"}
    data["items"][0]["days"] = 3
    assert of(review(kb, data), "duration") == []


def test_days_computed_from_quantity(kb):
    # 0.5 g tid = 1.5 g/day; 24 capsules of 0.25 g = 6 g → 4 days: fine in outpatient, too long in emergency.
    it = item("阿莫西林", 0.5, "g", frequency="tid", days=None, quantity=24, quantity_unit="粒", form="capsule", strength=250)
    assert of(review(kb, rx([it], diagnoses=["咽炎"])), "duration") == []
    assert rules(review(kb, rx([it], setting="emergency", diagnoses=["咽炎"]))) >= {"duration.over_limit"}


def test_narcotic_limits_by_form(kb):
    base = {"prescriber": {"narcotic_right": True}, "diagnoses": ["骨折术后疼痛"]}
    tab = rx([item("吗啡", 10, "mg", frequency="q6h", form="tablet", days=4)], **base)
    assert rules(of(review(kb, tab), "duration")) == {"duration.controlled"}
    tab["items"][0]["days"] = 3
    assert of(review(kb, tab), "duration") == []
    sr = rx([item("吗啡", 30, "mg", frequency="q12h", form="sustained_release", days=7)], **base)
    assert of(review(kb, sr), "duration") == []
    sr["items"][0]["days"] = 8
    assert of(review(kb, sr), "duration")[0].severity.value == "critical"


def test_narcotic_injection_is_one_dose(kb):
    inj = rx([item("哌替啶", 50, "mg", route="im", frequency="st", days=None, quantity=100, quantity_unit="mg")],
             prescriber={"narcotic_right": True}, setting="emergency", diagnoses=["肾绞痛"])
    assert rules(of(review(kb, inj), "duration")) == {"duration.controlled"}
    inj["items"][0]["quantity"] = 50
    assert of(review(kb, inj), "duration") == []


def test_cancer_pain_allows_fifteen_days_controlled_release(kb):
    data = rx([item("吗啡", 30, "mg", frequency="q12h", form="sustained_release", days=15)],
              prescriber={"narcotic_right": True}, diagnoses=["癌痛"])
    assert of(review(kb, data), "duration") == []
    data["items"][0]["days"] = 16
    assert rules(of(review(kb, data), "duration")) == {"duration.controlled"}


def test_class2_psychotropic_seven_days_unless_reason(kb):
    data = rx([item("艾司唑仑", 1, "mg", frequency="qn", days=14)], diagnoses=["失眠"])
    assert rules(of(review(kb, data), "duration")) == {"duration.controlled"}
    data["items"][0]["reason"] = "慢性失眠，长期随访"
    assert of(review(kb, data), "duration") == []


def test_inpatient_narcotic_day_by_day(kb):
    data = rx([item("吗啡", 10, "mg", route="sc", frequency="q6h", days=2)], setting="inpatient",
              prescriber={"narcotic_right": True}, diagnoses=["癌痛"])
    assert rules(of(review(kb, data), "duration")) == {"duration.controlled"}
    data["items"][0]["days"] = 1
    assert of(review(kb, data), "duration") == []


# ---- dose
def test_adult_daily_maximum(kb):
    data = rx([item("阿莫西林", 1, "g", frequency="q4h")], diagnoses=["肺炎"])  # 6 g/day > 4 g
    f = of(review(kb, data), "dose")
    assert [x.rule for x in f] == ["dose.daily_max"] and f[0].severity.value == "warning"
    data["items"][0]["frequency"] = "q6h"  # 4 g/day: the label's maximum, allowed
    assert of(review(kb, data), "dose") == []


def test_twice_the_maximum_is_critical(kb):
    data = rx([item("氨氯地平", 20, "mg")])
    assert of(review(kb, data), "dose")[0].severity.value == "critical"


def test_child_dose_per_kg_with_cap(kb):
    # 16 kg: ibuprofen ≤ 10 mg/kg single = 160 mg, ≤ 40 mg/kg/day = 640 mg.
    ok = rx([item("布洛芬", 160, "mg", frequency="q6h", days=2)], age_years=4, weight_kg=16, diagnoses=["发热"])
    assert of(review(kb, ok), "dose") == []
    high = rx([item("布洛芬", 200, "mg", frequency="q6h", days=2)], age_years=4, weight_kg=16, diagnoses=["发热"])
    f = of(review(kb, high), "dose")
    assert f[0].rule == "dose.single_max" and "160mg" in f[0].summary and "16kg" in f[0].summary
    # A heavy teenager is capped by the absolute maximum (400 mg single), not 10 mg/kg × 60 kg.
    teen = rx([item("布洛芬", 500, "mg", frequency="tid", days=2)], age_years=15, weight_kg=60, diagnoses=["头痛"])
    assert "400mg" in of(review(kb, teen), "dose")[0].summary


def test_tablet_count_converted_by_strength(kb):
    data = rx([item("氨氯地平", 3, "片", strength=5)])  # 15 mg
    assert of(review(kb, data), "dose")[0].rule == "dose.single_max"
    ambiguous = rx([item("氨氯地平", 1, "片")])  # 2.5/5/10 mg tablets: cannot tell
    assert [f.rule for f in of(review(kb, ambiguous), "dose")] == ["dose.unit_unknown"]
    assert serious(review(kb, ambiguous)) == []


def test_dose_rule_follows_the_form(kb):
    # Nifedipine controlled-release 60 mg qd is usual; 60 mg of immediate-release tid is not.
    cr = rx([item("硝苯地平", 60, "mg", form="controlled_release")])
    assert of(review(kb, cr), "dose") == []
    ir = rx([item("硝苯地平", 60, "mg", form="tablet", frequency="tid")])
    assert of(review(kb, ir), "dose")


def test_elderly_band(kb):
    data = rx([item("艾司西酞普兰", 20, "mg")], age_years=70, diagnoses=["抑郁"])
    assert of(review(kb, data), "dose")
    data["patient"]["age_years"] = 50
    assert of(review(kb, data), "dose") == []


def test_cancer_pain_titration_is_not_capped(kb):
    data = rx([item("吗啡", 60, "mg", form="sustained_release", frequency="q12h", days=3)], prescriber={"narcotic_right": True}, diagnoses=["癌痛"])
    assert of(review(kb, data), "dose") == []
    data["patient"]["diagnoses"] = ["骨折疼痛"]
    assert of(review(kb, data), "dose")


# ---- frequency
def test_frequency_unknown_and_unusual(kb):
    bad = rx([item("氨氯地平", 5, "mg", frequency="q5h")])
    assert rules(of(review(kb, bad), "frequency")) == {"frequency.unknown"}
    more = rx([item("硝苯地平", 30, "mg", form="controlled_release", frequency="bid")])
    f = of(review(kb, more), "frequency")
    assert f[0].rule == "frequency.unusual" and f[0].severity.value == "warning"
    usual = rx([item("硝苯地平", 30, "mg", form="controlled_release", frequency="qd")])
    assert of(review(kb, usual), "frequency") == []


# ---- route
def test_forbidden_and_unlabelled_routes(kb):
    kcl = rx([item("氯化钾", 1, "g", route="iv", frequency="st", days=1)], setting="inpatient", diagnoses=["低钾血症"])
    f = of(review(kb, kcl), "route")
    assert f[0].rule == "route.forbidden" and f[0].severity.value == "critical"
    oral_iv = rx([item("氨氯地平", 5, "mg", route="iv")])
    assert of(review(kb, oral_iv), "route")[0].severity.value == "critical"
    topical = rx([item("氨氯地平", 5, "mg", route="sl")])
    assert of(review(kb, topical), "route")[0].severity.value == "warning"
    assert of(review(kb, rx([item("氨氯地平", 5, "mg", route="po")])), "route") == []


# ---- duplicate
def test_duplicate_same_group_and_hidden_in_compound(kb):
    two_nsaids = rx([item("布洛芬", 0.2, "g", frequency="tid", days=3), item("双氯芬酸", 25, "mg", frequency="tid", days=3)], diagnoses=["腰痛"])
    assert rules(of(review(kb, two_nsaids), "duplicate")) == {"duplicate.same_group"}
    hidden = rx([item("维C银翘片", 2, "片", frequency="tid", days=3), item("对乙酰氨基酚", 0.5, "g", frequency="tid", days=3)], diagnoses=["感冒"])
    assert rules(of(review(kb, hidden), "duplicate")) == {"duplicate.same_group"}
    dapt = rx([item("阿司匹林", 100, "mg"), item("氯吡格雷", 75, "mg")], diagnoses=["冠心病"])
    assert of(review(kb, dapt), "duplicate") == []


def test_same_drug_twice(kb):
    data = rx([item("氨氯地平", 5, "mg"), item("氨氯地平", 5, "mg")])
    assert rules(of(review(kb, data), "duplicate")) == {"duplicate.same_drug"}


# ---- interaction
def test_interaction_found_either_order_and_most_severe_kept(kb):
    a = rx([item("辛伐他汀", 20, "mg", frequency="qn"), item("克拉霉素", 0.5, "g", frequency="bid")], diagnoses=["高脂血症", "肺炎"])
    f = of(review(kb, a), "interaction")
    assert len(f) == 1 and f[0].severity.value == "critical"
    b = rx([item("克拉霉素", 0.5, "g", frequency="bid"), item("辛伐他汀", 20, "mg", frequency="qn")], diagnoses=["高脂血症", "肺炎"])
    assert [x.rule for x in of(review(kb, b), "interaction")] == [f[0].rule]
    ok = rx([item("瑞舒伐他汀", 10, "mg"), item("阿莫西林", 0.5, "g", frequency="tid")], diagnoses=["高脂血症", "咽炎"])
    assert of(review(kb, ok), "interaction") == []


def test_class_interaction_warfarin_nsaid(kb):
    data = rx([item("华法林", 3, "mg"), item("布洛芬", 0.2, "g", frequency="tid", days=3)], diagnoses=["房颤", "腰痛"])
    f = of(review(kb, data), "interaction")
    assert f and f[0].severity.value == "warning" and f[0].suggestion


def test_disulfiram_reaction_with_tcm_tincture(kb):
    data = rx([item("甲硝唑", 0.4, "g", frequency="tid", days=5), item("藿香正气水", 10, "ml", frequency="bid", days=3)], diagnoses=["牙周炎", "胃肠型感冒"])
    assert of(review(kb, data), "interaction")[0].severity.value == "critical"


def test_chelation_only_when_both_oral(kb):
    oral = rx([item("左氧氟沙星", 0.5, "g"), item("碳酸钙", 0.5, "g")], diagnoses=["尿路感染", "骨质疏松"])
    assert of(review(kb, oral), "interaction")
    iv_calcium = rx([item("左氧氟沙星", 0.5, "g"), item("葡萄糖酸钙", 1, "g", route="iv", frequency="st", days=1)],
                    diagnoses=["尿路感染", "低钙血症"])
    assert of(review(kb, iv_calcium), "interaction") == []


# ---- incompatibility
def test_ceftriaxone_with_calcium_in_the_same_group(kb):
    same = rx([item("头孢曲松", 2, "g", route="ivgtt", iv_group="1"), item("葡萄糖酸钙", 1, "g", route="ivgtt", iv_group="1")],
              setting="inpatient", diagnoses=["肺炎", "低钙血症"])
    f = of(review(kb, same), "incompatibility")
    assert f[0].severity.value == "critical"
    apart = rx([item("头孢曲松", 2, "g", route="ivgtt", iv_group="1"), item("葡萄糖酸钙", 1, "g", route="ivgtt", iv_group="2")],
               setting="inpatient", diagnoses=["肺炎", "低钙血症"])
    assert of(review(kb, apart), "incompatibility") == []


def test_solvent_choice_and_infuse_alone(kb):
    pen_glucose = rx([item("青霉素", 400, "万U", route="ivgtt", frequency="q8h", iv_group="A"),
                      item("5%葡萄糖注射液", 100, "ml", route="ivgtt", frequency="q8h", iv_group="A")], setting="inpatient", diagnoses=["肺炎"])
    assert of(review(kb, pen_glucose), "incompatibility")[0].severity.value == "warning"
    pen_saline = rx([item("青霉素", 400, "万U", route="ivgtt", frequency="q8h", iv_group="A"),
                     item("0.9%氯化钠注射液", 100, "ml", route="ivgtt", frequency="q8h", iv_group="A")], setting="inpatient", diagnoses=["肺炎"])
    assert of(review(kb, pen_saline), "incompatibility") == []
    tcm_mix = rx([item("清开灵注射液", 40, "ml", route="ivgtt", iv_group="1"), item("维生素C", 2, "g", route="ivgtt", iv_group="1"),
                  item("5%葡萄糖注射液", 250, "ml", route="ivgtt", iv_group="1")], setting="inpatient", diagnoses=["发热"])
    f = of(review(kb, tcm_mix), "incompatibility")
    assert [x.rule for x in f] == ["incompatibility.infuse_alone"] and f[0].severity.value == "critical"


# ---- allergy
def test_allergy_class_drug_and_cross_reaction(kb):
    pen = rx([item("阿莫西林", 0.5, "g", frequency="tid")], allergies=["青霉素"], diagnoses=["咽炎"])
    assert of(review(kb, pen), "allergy")[0].severity.value == "critical"
    cross = rx([item("头孢呋辛酯", 250, "mg", frequency="bid")], allergies=["青霉素"], diagnoses=["咽炎"])
    f = of(review(kb, cross), "allergy")
    assert f[0].rule == "allergy.cross" and f[0].severity.value == "warning"
    drug = rx([item("维C银翘片", 2, "片", frequency="tid", days=3)], allergies=["对乙酰氨基酚"], diagnoses=["感冒"])
    assert of(review(kb, drug), "allergy")[0].rule == "allergy.drug"
    sulfa = rx([item("氢氯噻嗪", 25, "mg")], allergies=["磺胺类"])
    assert of(review(kb, sulfa), "allergy")[0].severity.value == "warning"
    none = rx([item("阿奇霉素", 0.5, "g")], allergies=["青霉素"], diagnoses=["支原体肺炎"])
    assert of(review(kb, none), "allergy") == []


def test_unrecognised_allergy_is_info_only(kb):
    f = of(review(kb, rx([item("氨氯地平", 5, "mg")], allergies=["海鲜"])), "allergy")
    assert [x.severity.value for x in f] == ["info"]


# ---- contraindication
def test_contraindication_by_diagnosis(kb):
    data = rx([item("普萘洛尔", 10, "mg", frequency="tid")], diagnoses=["高血压", "支气管哮喘"])
    f = of(review(kb, data), "contraindication")
    assert f[0].severity.value == "critical" and "哮喘" in f[0].summary
    assert of(review(kb, rx([item("普萘洛尔", 10, "mg", frequency="tid")], diagnoses=["高血压"])), "contraindication") == []


def test_contraindication_by_icd_code(kb):
    data = rx([item("布洛芬", 0.2, "g", frequency="tid", days=3)], diagnoses=["K25.3", "M54.5"])
    assert of(review(kb, data), "contraindication")[0].severity.value == "critical"


# ---- population
def test_children_quinolone_and_tetracycline(kb):
    q = rx([item("左氧氟沙星", 0.25, "g")], age_years=12, weight_kg=40, diagnoses=["尿路感染"])
    assert of(review(kb, q), "population")[0].severity.value == "critical"
    t = rx([item("多西环素", 50, "mg", frequency="bid")], age_years=7, weight_kg=22, diagnoses=["支原体肺炎"])
    assert of(review(kb, t), "population")[0].severity.value == "critical"
    adult = rx([item("多西环素", 100, "mg", frequency="bid")], age_years=20, diagnoses=["支原体肺炎"])
    assert of(review(kb, adult), "population") == []


def test_infant_age_in_days(kb):
    neonate = rx([item("头孢曲松", 0.2, "g", route="ivgtt")], setting="inpatient", age_years=None, age_days=10, weight_kg=3.2, diagnoses=["新生儿脓毒症"])
    assert "population.child" in rules(review(kb, neonate))
    older = rx([item("头孢曲松", 0.3, "g", route="ivgtt")], setting="inpatient", age_years=None, age_months=3, weight_kg=6, diagnoses=["脓毒症"])
    assert "population.child" not in rules(review(kb, older))


def test_elderly_pregnancy_lactation(kb):
    old = rx([item("格列本脲", 2.5, "mg")], age_years=75, diagnoses=["2型糖尿病"])
    assert of(review(kb, old), "population")[0].severity.value == "warning"
    preg = rx([item("卡托普利", 12.5, "mg", frequency="bid")], sex="female", age_years=30, pregnant=True)
    assert of(review(kb, preg), "population")[0].severity.value == "critical"
    lact = rx([item("甲硝唑", 0.4, "g", frequency="tid")], sex="female", age_years=30, lactating=True, diagnoses=["阴道炎"])
    assert of(review(kb, lact), "population")[0].severity.value == "warning"
    man = rx([item("卡托普利", 12.5, "mg", frequency="bid")], pregnant=True)  # nonsense flag on a man is ignored
    assert of(review(kb, man), "population") == []


# ---- renal
def test_renal_band_from_cockcroft_gault(kb):
    # 80 y, 50 kg, female, Scr 150 → CrCl 20.8: amoxicillin above 1 g/day must be reduced.
    p = {"sex": "female", "age_years": 80, "weight_kg": 50, "serum_creatinine_umol_l": 150, "diagnoses": ["肺炎"]}
    high = rx([item("阿莫西林", 0.5, "g", frequency="tid")], **p)
    f = of(review(kb, high), "renal")
    assert f[0].severity.value == "warning" and "CrCl 21" in f[0].summary
    adjusted = rx([item("阿莫西林", 0.5, "g", frequency="bid")], **p)
    assert of(review(kb, adjusted), "renal") == []
    normal = rx([item("阿莫西林", 0.5, "g", frequency="tid")], **{**p, "serum_creatinine_umol_l": 60})
    assert of(review(kb, normal), "renal") == []


def test_renal_contraindication_and_missing_weight(kb):
    met = rx([item("二甲双胍", 0.5, "g", frequency="bid")], age_years=70, weight_kg=60, serum_creatinine_umol_l=250, diagnoses=["2型糖尿病"])
    assert of(review(kb, met), "renal")[0].severity.value == "critical"
    no_w = rx([item("二甲双胍", 0.5, "g", frequency="bid")], age_years=70, weight_kg=None, serum_creatinine_umol_l=250, diagnoses=["2型糖尿病"])
    assert [f.rule for f in of(review(kb, no_w), "renal")] == ["renal.no_weight"]
    given = rx([item("二甲双胍", 0.5, "g", frequency="bid")], crcl_ml_min=25, diagnoses=["2型糖尿病"])
    assert of(review(kb, given), "renal")[0].severity.value == "critical"


# ---- hepatic
def test_hepatic_grade_applies_at_and_above(kb):
    data = rx([item("莫西沙星", 0.4, "g")], hepatic_impairment="severe", diagnoses=["肺炎"])
    assert of(review(kb, data), "hepatic")[0].severity.value == "critical"
    data["patient"]["hepatic_impairment"] = "moderate"
    assert of(review(kb, data), "hepatic") == []
    statin = rx([item("阿托伐他汀", 20, "mg")], hepatic_impairment="mild", diagnoses=["高脂血症"])
    assert of(review(kb, statin), "hepatic")[0].severity.value == "info"


# ---- indication
def test_antibiotic_without_infection(kb):
    data = rx([item("阿莫西林", 0.5, "g", frequency="tid")], diagnoses=["高血压"])
    f = of(review(kb, data), "indication")
    assert f[0].severity.value == "warning"
    data["patient"]["diagnoses"] = ["急性支气管炎"]
    assert of(review(kb, data), "indication") == []


def test_unrecognised_diagnosis_is_one_info(kb):
    data = rx([item("阿莫西林", 0.5, "g", frequency="tid"), item("氨氯地平", 5, "mg")], diagnoses=["某罕见综合征"])
    f = of(review(kb, data), "indication")
    assert [x.rule for x in f] == ["indication.unrecognised"]


def test_methotrexate_weekly_regimen(kb):
    # A weekly drug written as daily is a classic fatal error: 10 mg qd = 70 mg/week.
    daily = rx([item("甲氨蝶呤", 10, "mg", frequency="qd")], diagnoses=["类风湿关节炎"])
    f = of(review(kb, daily), "dose")
    assert f[0].rule == "dose.weekly_max" and f[0].severity.value == "critical"
    weekly = rx([item("甲氨蝶呤", 10, "mg", frequency="qw", days=7)], diagnoses=["类风湿关节炎"])
    assert serious(review(kb, weekly)) == []
    with_smz = rx([item("甲氨蝶呤", 10, "mg", frequency="qw", days=7), item("复方磺胺甲噁唑", 800, "mg", frequency="bid", days=5)],
                  diagnoses=["类风湿关节炎", "尿路感染"])
    assert of(review(kb, with_smz), "interaction")[0].severity.value == "critical"


def test_infusion_concentration(kb):
    strong = rx([item("氯化钾", 1, "g", route="ivgtt", iv_group="1"), item("0.9%氯化钠注射液", 100, "ml", route="ivgtt", iv_group="1")],
                setting="inpatient", diagnoses=["低钾血症"])
    f = [x for x in review(kb, strong) if x.rule == "dose.concentration"]
    assert f and f[0].severity.value == "critical" and "294ml" in f[0].suggestion
    diluted = rx([item("氯化钾", 1.5, "g", route="ivgtt", iv_group="1"), item("0.9%氯化钠注射液", 500, "ml", route="ivgtt", iv_group="1")],
                 setting="inpatient", diagnoses=["低钾血症"])
    assert "dose.concentration" not in rules(review(kb, diluted))
    vanco = rx([item("万古霉素", 1, "g", route="ivgtt", frequency="q12h", iv_group="1"), item("0.9%氯化钠注射液", 150, "ml", route="ivgtt", frequency="q12h", iv_group="1")],
               setting="inpatient", title="senior", diagnoses=["MRSA肺炎"])
    assert [x.severity.value for x in review(kb, vanco) if x.rule == "dose.concentration"] == ["warning"]


def test_narcotic_without_form_is_asked_not_blocked(kb):
    data = rx([item("吗啡", 30, "mg", frequency="q12h", days=5)], prescriber={"narcotic_right": True}, diagnoses=["骨折疼痛"])
    f = of(review(kb, data), "duration")
    assert f[0].severity.value == "warning" and "注明剂型" in f[0].detail


def test_inhaler_and_nebuliser_limits_are_apart(kb):
    neb = rx([item("沙丁胺醇", 5, "mg", route="inh", frequency="tid", form="nebuliser", days=3)], diagnoses=["哮喘"])
    assert of(review(kb, neb), "dose") == []
    puff = rx([item("沙丁胺醇", 5, "mg", route="inh", frequency="tid", form="inhalation", days=3)], diagnoses=["哮喘"])
    assert of(review(kb, puff), "dose")[0].severity.value == "critical"
    unstated = rx([item("沙丁胺醇", 200, "μg", route="inh", frequency="qid", days=3)], diagnoses=["哮喘"])
    assert of(review(kb, unstated), "dose") == []
