"""One module per rule family of 《医疗机构处方审核规范》; each exposes `check(ctx) -> list[Finding]`."""

from workstation.review.rules import (
    allergy,
    concentration,
    contraindication,
    count,
    dose,
    duplicate,
    duration,
    hepatic,
    incompatibility,
    indication,
    interaction,
    legality,
    population,
    renal,
    route,
)

# Order does not matter for the result (findings are sorted), only for reading.
RULE_FAMILIES = (
    legality, count, duration, dose, concentration, route, duplicate, interaction, incompatibility, allergy,
    contraindication, population, renal, hepatic, indication,
)
