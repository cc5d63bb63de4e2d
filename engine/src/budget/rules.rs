//! The budget's slice of the rules data (`content/rules/budget.toml`) and its validation.
use crate::error::{check_cite, RuleIssue};
use crate::money::Won;
use serde::{Deserialize, Serialize};

/// Government contribution limits (지원조건).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernmentRules {
    /// 총 사업비의 N% 이내.
    pub max_share_percent: u32,
    /// 연 N원 이내.
    pub max_per_year: Won,
    /// 전체 N원 이내.
    pub max_total: Won,
    /// 최대 N년.
    pub max_years: u32,
    pub cite: String,
}

/// In-kind (현물) limits: a share of the company's part, capped per year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InKindRules {
    /// 기업부담금 중 N% 이내.
    pub max_percent_of_company: u32,
    /// 연차별 최대 N원.
    pub max_per_year: Won,
    pub cite: String,
}

/// How an item may be funded by the company.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Funding {
    /// Cash only (not among the in-kind items the notice lists).
    #[default]
    Cash,
    /// In-kind only ("현금 불가").
    InKind,
    /// Cash or in-kind ("현금·현물 가능").
    CashOrInKind,
}

/// A budget item a visitor can enter (`years[].items[].item`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRule {
    pub id: String,
    pub name: String,
    pub funding: Funding,
    /// Years the item may be in (empty: any year).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_years: Vec<u32>,
    /// At most this percent of the year's total (e.g. 전주기 관리비).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_percent_of_year_total: Option<u32>,
    pub cite: String,
    /// Cite of the funding rule, when it differs from the item's own cite.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding_cite: Option<String>,
}

/// An item that must be in the budget (필수계상), in a given year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MandatoryItem {
    /// An [`ItemRule::id`].
    pub item: String,
    pub year: u32,
    /// Fixed amount; `None` when the amount comes from the settlement fee tiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Won>,
    #[serde(default)]
    pub tiered: bool,
    pub cite: String,
}

/// One settlement-fee tier: totals up to `max_total` (이하); the last tier has none (초과).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeTier {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_total: Option<Won>,
    pub fee: Won,
}

/// Settlement fee (정산 수수료) by project total.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettlementFeeRules {
    pub tier: Vec<FeeTier>,
    /// How the fee is stated ("공급가액 기준, 부가세 제외"), said at the field and in messages.
    #[serde(default)]
    pub basis: String,
    /// 부가가치세율(%): a fee entered as fee × (100 + this)% is the VAT-inclusive amount and gets
    /// its own message. 0 = no such check.
    #[serde(default)]
    pub vat_percent: u32,
    pub cite: String,
}

/// Where the mandatory items go when missing (미편성 시 총사업비와 별개로 도입기업 부담).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MandatoryRules {
    pub item: Vec<MandatoryItem>,
    /// Cite of "미편성할 경우, 총사업비와 별개로 도입기업 부담".
    pub missing_cite: String,
}

/// This tool's slice of the rules data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetRules {
    pub government: GovernmentRules,
    pub in_kind: InKindRules,
    pub settlement_fee: SettlementFeeRules,
    pub mandatory: MandatoryRules,
    pub item: Vec<ItemRule>,
    /// Cite for how the 총사업비 is made up (정부출연금 + 민간부담금 현금·현물).
    pub total_cite: String,
}

impl BudgetRules {
    pub fn item(&self, id: &str) -> Option<&ItemRule> {
        self.item.iter().find(|i| i.id == id)
    }

    /// The settlement fee for a project total, from the tiers.
    pub fn settlement_fee_for(&self, total: Won) -> Option<Won> {
        self.settlement_fee
            .tier
            .iter()
            .find(|t| t.max_total.is_none_or(|max| total <= max))
            .map(|t| t.fee)
    }

    pub fn validate(&self) -> Vec<RuleIssue> {
        let mut issues = Vec::new();
        let g = &self.government;
        if g.max_share_percent == 0 || g.max_share_percent > 100 {
            issues.push(RuleIssue::new(
                "government.max_share_percent",
                "must be between 1 and 100",
            ));
        }
        if g.max_years == 0 {
            issues.push(RuleIssue::new("government.max_years", "must be at least 1"));
        }
        if g.max_per_year.is_zero() || g.max_total < g.max_per_year {
            issues.push(RuleIssue::new(
                "government.max_total",
                "must be at least max_per_year, which must be positive",
            ));
        }
        check_cite("government.cite", &g.cite, &mut issues);
        if self.in_kind.max_percent_of_company > 100 {
            issues.push(RuleIssue::new(
                "in_kind.max_percent_of_company",
                "must be at most 100",
            ));
        }
        check_cite("in_kind.cite", &self.in_kind.cite, &mut issues);
        check_cite("total_cite", &self.total_cite, &mut issues);
        self.validate_tiers(&mut issues);
        self.validate_items(&mut issues);
        issues
    }

    /// Tiers must be ordered, with no gap or overlap: each covers (previous max, max], and only
    /// the last is open-ended.
    fn validate_tiers(&self, issues: &mut Vec<RuleIssue>) {
        let tiers = &self.settlement_fee.tier;
        check_cite("settlement_fee.cite", &self.settlement_fee.cite, issues);
        if tiers.is_empty() {
            issues.push(RuleIssue::new(
                "settlement_fee.tier",
                "needs at least one tier",
            ));
            return;
        }
        let last = tiers.len().saturating_sub(1);
        let mut previous: Option<Won> = None;
        for (i, tier) in tiers.iter().enumerate() {
            let key = format!("settlement_fee.tier[{i}].max_total");
            match (tier.max_total, i == last) {
                (None, false) => issues.push(RuleIssue::new(
                    key,
                    "only the last tier may be open-ended (초과)",
                )),
                (Some(_), true) => issues.push(RuleIssue::new(
                    key,
                    "the last tier must be open-ended (no max_total), or larger totals have no fee",
                )),
                (Some(max), false) => {
                    if previous.is_some_and(|p| max <= p) {
                        issues.push(RuleIssue::new(
                            key,
                            "tiers must be in increasing order of max_total (no overlap)",
                        ));
                    }
                    previous = Some(max);
                }
                (None, true) => {}
            }
            if tier.fee.is_zero() {
                issues.push(RuleIssue::new(
                    format!("settlement_fee.tier[{i}].fee"),
                    "must be positive",
                ));
            }
        }
    }

    fn validate_items(&self, issues: &mut Vec<RuleIssue>) {
        for (i, item) in self.item.iter().enumerate() {
            check_cite(&format!("item[{i}].cite"), &item.cite, issues);
            if let Some(c) = &item.funding_cite {
                check_cite(&format!("item[{i}].funding_cite"), c, issues);
            }
            if self.item.iter().filter(|o| o.id == item.id).count() > 1 {
                issues.push(RuleIssue::new(
                    format!("item[{i}].id"),
                    format!("duplicate item id {:?}", item.id),
                ));
            }
            if item
                .only_years
                .iter()
                .any(|y| *y == 0 || *y > self.government.max_years)
            {
                issues.push(RuleIssue::new(
                    format!("item[{i}].only_years"),
                    "years must be between 1 and government.max_years",
                ));
            }
        }
        check_cite(
            "mandatory.missing_cite",
            &self.mandatory.missing_cite,
            issues,
        );
        for (i, m) in self.mandatory.item.iter().enumerate() {
            check_cite(&format!("mandatory.item[{i}].cite"), &m.cite, issues);
            if self.item(&m.item).is_none() {
                issues.push(RuleIssue::new(
                    format!("mandatory.item[{i}].item"),
                    format!("{:?} is not an [[item]] id", m.item),
                ));
            }
            if m.amount.is_some() == m.tiered {
                issues.push(RuleIssue::new(
                    format!("mandatory.item[{i}]"),
                    "give either amount or tiered = true",
                ));
            }
            if m.year == 0 || m.year > self.government.max_years {
                issues.push(RuleIssue::new(
                    format!("mandatory.item[{i}].year"),
                    "must be between 1 and government.max_years",
                ));
            }
        }
    }
}
