//! Scoring one row of the 기업 역량 table: the rules of the notes (startup, unverifiable) first,
//! then the band of the rate computed from the visitor's figures.
use super::bands::{find_band, Band, Ratio};
use super::common::{Answer, Num};
use super::{ExportItem, FigureInput, RateItem, RateKind, ScoreInput, ScoreRules};
use crate::error::{Assumption, ToolError};
use rust_decimal::Decimal;
use serde::Serialize;

/// How the points of an item were reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// From the visitor's rate or figures and the table's bands.
    Scored,
    /// A rule of the notes fixed the points (startup, unverifiable financials).
    RuleApplied,
    /// The notice does not settle it or the answer is unknown: a range, to be checked.
    NeedsChecking,
}

/// One scored row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    pub id: String,
    pub label: String,
    /// The rate in percent (rounded to 2 decimals for display; bands compare exactly).
    pub value: Option<Num>,
    /// The band's text as in the notice table.
    pub band: Option<String>,
    pub points: Option<Num>,
    pub points_min: Num,
    pub points_max: Num,
    pub status: ItemStatus,
    pub message: String,
    pub cite: String,
}

/// Lowest and highest points of a set of bands.
pub fn points_span(bands: &[Band]) -> Option<(Decimal, Decimal)> {
    let min = bands.iter().map(|b| b.points.0).min()?;
    let max = bands.iter().map(|b| b.points.0).max()?;
    Some((min, max))
}

fn fixed(
    item: &RateItem,
    points: Num,
    status: ItemStatus,
    message: &str,
    cite: &str,
) -> ItemResult {
    ItemResult {
        id: item.id.clone(),
        label: item.label.clone(),
        value: None,
        band: None,
        points: Some(points),
        points_min: points,
        points_max: points,
        status,
        message: message.to_string(),
        cite: cite.to_string(),
    }
}

/// Scores one banded item.
pub fn rate_item(
    rules: &ScoreRules,
    item: &RateItem,
    input: &ScoreInput,
    assumptions: &mut Vec<Assumption>,
) -> Result<ItemResult, ToolError> {
    let startup = rules.startup_rules.iter().find(|rule| {
        rule.items.contains(&item.id)
            && matches!((input.founded_on, rule.founded_on_or_after), (Some(f), Some(d)) if f >= d)
    });
    if let Some(rule) = startup {
        return Ok(fixed(
            item,
            rule.points,
            ItemStatus::RuleApplied,
            &rule.message,
            &rule.cite,
        ));
    }
    let unverifiable = &rules.unverifiable;
    let verifiable = input.financials_verifiable.unwrap_or(Answer::Yes);
    if verifiable == Answer::No {
        return Ok(fixed(
            item,
            unverifiable.points,
            ItemStatus::RuleApplied,
            &unverifiable.message,
            &unverifiable.cite,
        ));
    }
    let Some(figures) = input.items.get(&item.id) else {
        return Ok(fixed(
            item,
            unverifiable.points,
            ItemStatus::RuleApplied,
            &unverifiable.message,
            &unverifiable.cite,
        ));
    };
    let field = |name: &str| format!("items.{}.{name}", item.id);
    let (min_points, max_points) = points_span(&item.bands)
        .ok_or_else(|| ToolError::new("rules_missing", "배점 구간이 없습니다."))?;
    let Some(ratio) = ratio_of(item, figures, &field)? else {
        return Ok(ItemResult {
            id: item.id.clone(),
            label: item.label.clone(),
            value: None,
            band: None,
            points: None,
            points_min: Num(min_points.min(unverifiable.points.0)),
            points_max: Num(max_points),
            status: ItemStatus::NeedsChecking,
            message: item.undefined_message.clone(),
            cite: item.cite.clone(),
        });
    };
    let band =
        find_band(&item.bands, &ratio).ok_or_else(|| ToolError::out_of_range(&item.label))?;
    let value = ratio.display_percent().map(Num);
    let shown = value.map(|v| format!("{}%", v.0)).unwrap_or_default();
    let mut result = ItemResult {
        id: item.id.clone(),
        label: item.label.clone(),
        value,
        band: Some(band.text.clone()),
        points: Some(band.points),
        points_min: band.points,
        points_max: band.points,
        status: ItemStatus::Scored,
        message: format!(
            "{} {} {shown}: {} → {}점",
            item.label, item.period, band.text, band.points.0
        ),
        cite: item.cite.clone(),
    };
    if verifiable == Answer::Unknown {
        // Either the figures count, or the statements can't be verified (1점): check which.
        result.points = None;
        result.points_min = Num(band.points.0.min(unverifiable.points.0));
        result.points_max = Num(band.points.0.max(unverifiable.points.0));
        result.status = ItemStatus::NeedsChecking;
        let note = Assumption::new(unverifiable.message.clone(), unverifiable.cite.clone());
        if !assumptions.contains(&note) {
            assumptions.push(note);
        }
    }
    Ok(result)
}

/// The exact rate of an item from a typed rate or raw figures; `Ok(None)` when the notice
/// leaves it undefined (base year ≤ 0, equity ≤ 0).
fn ratio_of(
    item: &RateItem,
    figures: &FigureInput,
    field: &dyn Fn(&str) -> String,
) -> Result<Option<Ratio>, ToolError> {
    let growth_fields = figures.base.is_some() || figures.current.is_some();
    let debt_fields = figures.liabilities.is_some() || figures.equity.is_some();
    if let Some(rate) = figures.rate {
        if growth_fields || debt_fields {
            return Err(ToolError::invalid_field(
                field("rate"),
                "비율과 금액 중 하나만 입력해 주세요.",
            ));
        }
        return Ok(Some(Ratio::percent(rate.0)));
    }
    match item.kind {
        RateKind::Growth => {
            if debt_fields {
                return Err(ToolError::invalid_field(
                    field("liabilities"),
                    "이 항목은 전년도(base)·당해연도(current) 금액으로 입력합니다.",
                ));
            }
            let (Some(base), Some(current)) = (figures.base, figures.current) else {
                let missing = if figures.base.is_none() {
                    "base"
                } else {
                    "current"
                };
                return Err(ToolError::invalid_field(
                    field(missing),
                    "두 해의 금액을 모두 입력해 주세요.",
                ));
            };
            if base.0 <= Decimal::ZERO {
                return Ok(None);
            }
            let change = current
                .0
                .checked_sub(base.0)
                .ok_or_else(|| ToolError::out_of_range(&item.label))?;
            Ok(Some(Ratio {
                numerator: change,
                denominator: base.0,
            }))
        }
        RateKind::DebtRatio => {
            if growth_fields {
                return Err(ToolError::invalid_field(
                    field("base"),
                    "이 항목은 부채총계(liabilities)·자본총계(equity)로 입력합니다.",
                ));
            }
            let (Some(liabilities), Some(equity)) = (figures.liabilities, figures.equity) else {
                let missing = if figures.liabilities.is_none() {
                    "liabilities"
                } else {
                    "equity"
                };
                return Err(ToolError::invalid_field(
                    field(missing),
                    "부채총계와 자본총계를 모두 입력해 주세요.",
                ));
            };
            if liabilities.0 < Decimal::ZERO {
                return Err(ToolError::invalid_field(
                    field("liabilities"),
                    "부채총계는 음수일 수 없습니다.",
                ));
            }
            if equity.0 <= Decimal::ZERO {
                return Ok(None);
            }
            Ok(Some(Ratio {
                numerator: liabilities.0,
                denominator: equity.0,
            }))
        }
    }
}

/// Scores 수출실적여부.
pub fn export_item(export: &ExportItem, answer: Option<Answer>) -> ItemResult {
    let base = |choice: &super::Choice, status| ItemResult {
        id: export.id.clone(),
        label: export.label.clone(),
        value: None,
        band: Some(choice.text.clone()),
        points: Some(choice.points),
        points_min: choice.points,
        points_max: choice.points,
        status,
        message: choice.message.clone(),
        cite: export.cite.clone(),
    };
    match answer.unwrap_or(Answer::Unknown) {
        Answer::Yes => base(&export.yes, ItemStatus::Scored),
        Answer::No => base(&export.no, ItemStatus::Scored),
        Answer::Unknown => {
            let (low, high) = (
                export.yes.points.min(export.no.points),
                export.yes.points.max(export.no.points),
            );
            ItemResult {
                band: None,
                points: None,
                points_min: low,
                points_max: high,
                status: ItemStatus::NeedsChecking,
                message: export.unknown_message.clone(),
                ..base(&export.no, ItemStatus::NeedsChecking)
            }
        }
    }
}
