"""Small helpers every rule module uses to word and cite a finding."""

from __future__ import annotations

from workstation.review.context import Context
from workstation.review.findings import Category, Finding, Severity
from workstation.review.model import Item

RX_ADMIN = "rx_admin"
ABX_ADMIN = "abx_admin"
REVIEW_NORM = "review_norm2018"


def finding(
    ctx: Context,
    category: Category,
    severity: str,
    rule: str,
    summary: str,
    detail: str,
    items: tuple[Item, ...] = (),
    source: str | None = None,
    cite: str = "",
    suggestion: str | None = None,
) -> Finding:
    """Build a finding; `source` is a sources.json id, `cite` adds an article or the drug name."""
    text = ctx.kb.source_title(source) if source else ""
    if cite:
        text = f"{text}：{cite}" if text else cite
    return Finding(
        category=category,
        severity=Severity(severity),
        summary=summary,
        detail=detail,
        rule=rule,
        items=tuple(sorted(i.index for i in items)),
        drugs=tuple(i.name for i in sorted(items, key=lambda i: i.index)),
        source=text,
        suggestion=suggestion,
    )


def rule_source(item: Item, rule_source_id: str | None) -> str:
    return rule_source_id or item.entry.drug.source
