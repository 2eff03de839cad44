"""Alert fatigue is a defect: realistic correct prescriptions raise no warning and no critical."""

from __future__ import annotations

import pytest

from tests.review.support import item, review, rx, serious
from workstation.review import verdict

CLEAN = {
    "hypertension_lipids_elderly": rx(
        [item("氨氯地平", 5, "mg", days=7), item("阿托伐他汀", 20, "mg", frequency="qn", days=7),
         item("缬沙坦", 80, "mg", days=7)],
        age_years=70, weight_kg=65, serum_creatinine_umol_l=80, diagnoses=["高血压", "高脂血症"],
    ),
    "tonsillitis_amoxicillin": rx(
        [item("阿莫西林", 0.5, "g", frequency="tid", days=5), item("布洛芬", 0.2, "g", frequency="q6h", days=3)],
        title="primary", diagnoses=["急性化脓性扁桃体炎", "发热"],
    ),
    "child_fever_by_weight": rx(
        [item("布洛芬", 150, "mg", frequency="q6h", days=3), item("头孢克洛", 125, "mg", frequency="tid", days=5)],
        age_years=4, age_months=2, weight_kg=16, diagnoses=["急性中耳炎", "发热"],
    ),
    "type2_diabetes": rx(
        [item("二甲双胍", 0.5, "g", frequency="tid", days=7), item("格列美脲", 2, "mg", days=7),
         item("阿卡波糖", 50, "mg", frequency="tid", days=7)],
        age_years=58, weight_kg=75, serum_creatinine_umol_l=90, diagnoses=["E11.9 2型糖尿病"],
    ),
    "asthma_inhalers": rx(
        [item("沙丁胺醇", 200, "μg", route="inh", frequency="prn", days=7), item("布地奈德", 400, "μg", route="inh", frequency="bid", days=7),
         item("孟鲁司特", 10, "mg", frequency="qn", days=7)],
        age_years=32, sex="female", weight_kg=55, diagnoses=["支气管哮喘"],
    ),
    "coronary_dapt": rx(
        [item("阿司匹林", 100, "mg", days=7), item("氯吡格雷", 75, "mg", days=7), item("阿托伐他汀", 20, "mg", days=7),
         item("美托洛尔", 47.5, "mg", form="sustained_release", days=7), item("泮托拉唑", 40, "mg", days=7)],
        age_years=62, weight_kg=72, serum_creatinine_umol_l=85, diagnoses=["冠状动脉粥样硬化性心脏病", "PCI术后"],
    ),
    "inpatient_pneumonia_iv": rx(
        [item("头孢曲松", 2, "g", route="ivgtt", days=5, iv_group="1"), item("0.9%氯化钠注射液", 100, "ml", route="ivgtt", days=5, iv_group="1"),
         item("阿奇霉素", 0.5, "g", route="ivgtt", days=5, iv_group="2"), item("5%葡萄糖注射液", 250, "ml", route="ivgtt", days=5, iv_group="2"),
         item("氨溴索", 30, "mg", frequency="tid", days=5)],
        setting="inpatient", diagnoses=["J18.9 社区获得性肺炎"],
    ),
    "cancer_pain_morphine": rx(
        [item("吗啡", 30, "mg", frequency="q12h", form="sustained_release", days=14), item("吗啡", 10, "mg", frequency="prn", form="tablet", days=7),
         item("乳果糖", 15, "ml", days=7)],
        prescriber={"narcotic_right": True}, age_years=66, weight_kg=58, diagnoses=["肺癌", "癌痛", "便秘"],
    ),
    "pregnant_uti": rx(
        [item("头孢呋辛酯", 250, "mg", frequency="bid", days=5)],
        sex="female", age_years=28, weight_kg=60, pregnant=True, diagnoses=["急性膀胱炎"],
    ),
    "influenza_tcm": rx(
        [item("连花清瘟胶囊", 4, "粒", frequency="tid", days=5), item("对乙酰氨基酚", 0.5, "g", frequency="prn", days=3)],
        age_years=35, diagnoses=["流行性感冒"],
    ),
    "gastritis_hp_quadruple": rx(
        [item("雷贝拉唑", 20, "mg", frequency="bid", days=14), item("阿莫西林", 1, "g", frequency="bid", days=14),
         item("克拉霉素", 0.5, "g", frequency="bid", days=14), item("枸橼酸铋钾", 220, "mg", frequency="bid", days=14)],
        reason="幽门螺杆菌根除疗程14日", diagnoses=["慢性胃炎", "幽门螺杆菌感染"],
    ),
    "chronic_supply_with_reason": rx(
        [item("氨氯地平", 5, "mg", days=28, reason="慢性病长期用药，病情稳定")], age_years=68, diagnoses=["I10 高血压"],
    ),
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_prescription_raises_nothing_serious(kb, name):
    findings = review(kb, CLEAN[name])
    assert serious(findings) == [], [f.summary for f in serious(findings)]
    assert verdict(findings) == "pass"
