//! KPI plan check (annex 4): the chosen 공정개선 성과지표 and the company's own 자율형공장 지표,
//! each with baseline and target; the improvement rate in the indicator's direction; and the
//! rule "핵심지표 8개 중 2개 이상, 자율형공장 지표 2개 이상".
mod rate;
mod rules;

pub use rate::{Direction, Measure, RowStatus, ValueRule};
pub use rules::{Category, Indicator, KpiRules};

use crate::error::{Assumption, ToolError};
use serde::{Deserialize, Serialize};

/// One chosen indicator of the table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChosenIndicator {
    pub id: String,
    pub baseline: Measure,
    pub target: Measure,
}

/// One indicator the company defines itself (자율형공장 지표, 자체 개발·설정).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OwnIndicator {
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub direction: Direction,
    pub baseline: Measure,
    pub target: Measure,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KpiInput {
    #[serde(default)]
    pub indicators: Vec<ChosenIndicator>,
    #[serde(default)]
    pub own: Vec<OwnIndicator>,
}

/// One row of the plan with its improvement rate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiRow {
    /// Table id, or `own[i]` for the company's own indicators.
    pub id: String,
    /// `standard` (annex 4 table) or `own` (자율형공장 지표).
    pub kind: &'static str,
    pub category: String,
    pub name: String,
    pub metric: String,
    pub unit: String,
    pub direction: Direction,
    pub core: bool,
    pub baseline: Measure,
    pub target: Measure,
    /// Improvement in percent, in the indicator's direction (2 decimals); none when undefined.
    pub improvement_rate: Option<crate::score::common::Num>,
    pub status: RowStatus,
    pub message: String,
    pub cite: String,
}

/// The "2개 이상" rule as counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCheck {
    pub core_selected: u32,
    pub core_required: u32,
    pub core_ok: bool,
    pub own_selected: u32,
    pub own_required: u32,
    pub own_ok: bool,
    pub ok: bool,
    pub messages: Vec<String>,
    pub cite: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KpiOutput {
    pub rows: Vec<KpiRow>,
    pub rule: RuleCheck,
    /// True when some row is not an improvement or its rate is undefined.
    pub needs_checking: bool,
    pub assumptions: Vec<Assumption>,
}

/// Checks every baseline and target against its row's rule, all at once: one error with a
/// message per bad field, or the values with money text turned into numbers.
fn checked_values(
    rules: &KpiRules,
    input: &KpiInput,
) -> Result<Vec<(Measure, Measure)>, ToolError> {
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut values = Vec::new();
    let rows = input
        .indicators
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let ind = rules.indicators.iter().find(|ind| ind.id == c.id);
            let rule = ind.map_or(ValueRule::default(), |ind| ValueRule {
                money: ind.money,
                allow_negative: ind.allow_negative,
                whole: ind.whole,
                max: ind.max.map(|m| m.0),
            });
            let unit = ind.map(|ind| ind.unit.clone()).unwrap_or_default();
            (format!("indicators[{i}]"), rule, unit, c.baseline, c.target)
        })
        .chain(input.own.iter().enumerate().map(|(i, o)| {
            let rule = ValueRule {
                money: o.unit.contains('원'),
                ..ValueRule::default()
            };
            (
                format!("own[{i}]"),
                rule,
                o.unit.clone(),
                o.baseline,
                o.target,
            )
        }));
    for (field, rule, unit, baseline, target) in rows {
        let unit = if unit.trim().is_empty() {
            "단위 없음".to_string()
        } else {
            unit
        };
        let b = rate::check_value(rule, &unit, baseline)
            .map_err(|m| errors.push((format!("{field}.baseline"), m)));
        let t = rate::check_value(rule, &unit, target)
            .map_err(|m| errors.push((format!("{field}.target"), m)));
        if let (Ok(b), Ok(t)) = (b, t) {
            values.push((b, t));
        }
    }
    let mut iter = errors.into_iter();
    match iter.next() {
        None => Ok(values),
        Some((field, message)) => Err(iter
            .fold(ToolError::invalid_field(field, message), |e, (f, m)| {
                e.with_field(f, m)
            })),
    }
}

/// Checks the plan: rows with rates, then the counting rule.
pub fn evaluate(rules: &KpiRules, input: &KpiInput) -> Result<KpiOutput, ToolError> {
    let values = checked_values(rules, input)?;
    let mut values = values.into_iter();
    let mut rows = Vec::with_capacity(input.indicators.len().saturating_add(input.own.len()));
    let mut seen: Vec<&str> = Vec::new();
    for (i, chosen) in input.indicators.iter().enumerate() {
        let field = format!("indicators[{i}]");
        let indicator = rules
            .indicators
            .iter()
            .find(|ind| ind.id == chosen.id)
            .ok_or_else(|| {
                ToolError::invalid_field(
                    format!("{field}.id"),
                    format!("알 수 없는 지표입니다: {}", chosen.id),
                )
            })?;
        if seen.contains(&chosen.id.as_str()) {
            return Err(ToolError::invalid_field(
                format!("{field}.id"),
                "같은 지표를 두 번 선택했습니다.",
            ));
        }
        seen.push(&chosen.id);
        let category = rules
            .categories
            .iter()
            .find(|c| c.code == indicator.category);
        let (baseline, target) = values.next().unwrap_or((chosen.baseline, chosen.target));
        let row = rate::assess(
            &rules.messages,
            indicator.direction,
            baseline,
            target,
            &field,
        )?;
        rows.push(KpiRow {
            id: indicator.id.clone(),
            kind: "standard",
            category: category
                .map(|c| format!("{} ({})", c.label, c.code))
                .unwrap_or_default(),
            name: indicator.outcome_name.clone(),
            metric: indicator.metric.clone(),
            unit: indicator.unit.clone(),
            direction: indicator.direction,
            core: indicator.core,
            baseline,
            target,
            improvement_rate: row.rate,
            status: row.status,
            message: row.message,
            cite: indicator.cite.clone(),
        });
    }
    for (i, own) in input.own.iter().enumerate() {
        let field = format!("own[{i}]");
        if own.name.trim().is_empty() {
            return Err(ToolError::invalid_field(
                format!("{field}.name"),
                "지표 이름을 입력해 주세요.",
            ));
        }
        let (baseline, target) = values.next().unwrap_or((own.baseline, own.target));
        let row = rate::assess(&rules.messages, own.direction, baseline, target, &field)?;
        rows.push(KpiRow {
            id: field,
            kind: "own",
            category: rules.own_label.clone(),
            name: own.name.trim().to_string(),
            metric: own.name.trim().to_string(),
            unit: own.unit.clone(),
            direction: own.direction,
            core: false,
            baseline,
            target,
            improvement_rate: row.rate,
            status: row.status,
            message: row.message,
            cite: rules.rule.cite.clone(),
        });
    }
    let rule = rules::check_counts(rules, &rows);
    Ok(KpiOutput {
        needs_checking: rows.iter().any(|r| r.status != RowStatus::Improves),
        rows,
        rule,
        assumptions: rules.assumptions.clone(),
    })
}
