//! The KPI rules data: the 22 indicators of annex 4, their categories, and the counting rule.
use super::rate::{Direction, RowStatus};
use super::{KpiRow, RuleCheck};
use crate::error::{check_cite, Assumption, RuleIssue};
use serde::{Deserialize, Serialize};

/// This tool's slice of the rules data (`content/rules/kpi.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiRules {
    /// Label of the company's own indicators (자율형공장 지표).
    #[serde(default)]
    pub own_label: String,
    #[serde(default)]
    pub rule: CountRule,
    #[serde(default)]
    pub messages: Messages,
    #[serde(default, rename = "category")]
    pub categories: Vec<Category>,
    #[serde(default, rename = "indicator")]
    pub indicators: Vec<Indicator>,
    #[serde(default, rename = "assumption")]
    pub assumptions: Vec<Assumption>,
}

/// "핵심지표 N개 중 2개 이상, 자율형공장 지표 2개 이상 필수 설정".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountRule {
    /// Number of core indicators in the table (checked against the data).
    pub core_total: u32,
    /// Number of indicators in the table (checked against the data).
    pub indicator_total: u32,
    pub core_min: u32,
    pub own_min: u32,
    pub cite: String,
    /// Texts; `{count}`, `{min}` are filled in.
    pub core_ok: String,
    pub core_short: String,
    pub own_ok: String,
    pub own_short: String,
}

/// Row messages; `{rate}` is filled in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    pub increase: String,
    pub decrease: String,
    pub no_improvement: String,
    pub rate_undefined: String,
    pub achieve_planned: String,
    pub already_achieved: String,
    pub achieve_missing: String,
}

/// 구분 (P/Q/C/D/E/S).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub code: String,
    pub label: String,
    pub definition: String,
}

/// One row of the table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub category: String,
    /// 공정관리지표 (e.g. 시간당 생산량).
    pub metric: String,
    pub unit: String,
    /// 공정개선 성과지표 (e.g. 시간당 생산량 증가율).
    pub outcome_name: String,
    pub direction: Direction,
    pub core: bool,
    pub cite: String,
    /// The unit is 원: Korean money text ("80억") is accepted for the values.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub money: bool,
    /// Values may be below zero (영업이익율); otherwise a negative value is refused.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_negative: bool,
    /// Counts (건수, 개): whole numbers only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub whole: bool,
    /// The largest possible value (100 for a rate in %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<crate::score::common::Num>,
}

impl KpiRules {
    /// Checks ids, categories, cites and the table's totals (22 indicators, 8 core).
    pub fn validate(&self) -> Vec<RuleIssue> {
        let mut issues = Vec::new();
        check_cite("rule.cite", &self.rule.cite, &mut issues);
        let mut ids: Vec<&str> = Vec::new();
        for (i, ind) in self.indicators.iter().enumerate() {
            let key = format!("indicator[{i}]");
            if ind.id.is_empty() || ids.contains(&ind.id.as_str()) {
                issues.push(RuleIssue::new(
                    format!("{key}.id"),
                    "id must be non-empty and unique",
                ));
            }
            ids.push(&ind.id);
            if !self.categories.iter().any(|c| c.code == ind.category) {
                issues.push(RuleIssue::new(
                    format!("{key}.category"),
                    format!("unknown category {:?}", ind.category),
                ));
            }
            check_cite(&format!("{key}.cite"), &ind.cite, &mut issues);
        }
        let count = |pred: &dyn Fn(&Indicator) -> bool| {
            u32::try_from(self.indicators.iter().filter(|i| pred(i)).count()).unwrap_or(u32::MAX)
        };
        if count(&|_| true) != self.rule.indicator_total {
            issues.push(RuleIssue::new(
                "rule.indicator_total",
                "does not match the number of indicators",
            ));
        }
        if count(&|i| i.core) != self.rule.core_total {
            issues.push(RuleIssue::new(
                "rule.core_total",
                "does not match the number of core indicators",
            ));
        }
        if self.rule.core_min > self.rule.core_total {
            issues.push(RuleIssue::new("rule.core_min", "cannot exceed core_total"));
        }
        for (i, a) in self.assumptions.iter().enumerate() {
            check_cite(&format!("assumption[{i}].cite"), &a.cite, &mut issues);
        }
        issues
    }
}

/// Counts core and own rows against the rule. Every row set counts (the rule is about setting
/// indicators); rows that are no improvement are flagged on the row itself.
pub fn check_counts(rules: &KpiRules, rows: &[KpiRow]) -> RuleCheck {
    let count = |pred: &dyn Fn(&KpiRow) -> bool| {
        u32::try_from(rows.iter().filter(|r| pred(r)).count()).unwrap_or(u32::MAX)
    };
    let core_selected = count(&|r| r.core);
    let own_selected = count(&|r| r.kind == "own");
    let rule = &rules.rule;
    let core_ok = core_selected >= rule.core_min;
    let own_ok = own_selected >= rule.own_min;
    let fill = |text: &str, n: u32, min: u32| {
        text.replace("{count}", &n.to_string())
            .replace("{min}", &min.to_string())
    };
    let mut messages = vec![
        fill(
            if core_ok {
                &rule.core_ok
            } else {
                &rule.core_short
            },
            core_selected,
            rule.core_min,
        ),
        fill(
            if own_ok {
                &rule.own_ok
            } else {
                &rule.own_short
            },
            own_selected,
            rule.own_min,
        ),
    ];
    let weak = count(&|r| r.status == RowStatus::NoImprovement);
    if weak > 0 {
        messages.push(format!(
            "목표값이 현재값보다 개선되지 않은 지표가 {weak}개 있습니다."
        ));
    }
    RuleCheck {
        core_selected,
        core_required: rule.core_min,
        core_ok,
        own_selected,
        own_required: rule.own_min,
        own_ok,
        ok: core_ok && own_ok,
        messages,
        cite: rule.cite.clone(),
    }
}
