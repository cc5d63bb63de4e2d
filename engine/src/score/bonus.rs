//! 가점 (annex 2): points per recognised item, at most N items, at most M points in all.
//! "잘 모르겠음" widens the range instead of counting or dropping the item.
use super::common::{Answer, Num};
use crate::error::{check_cite, RuleIssue, ToolError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The bonus rules: items and caps.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BonusRules {
    pub points_per_item: Num,
    /// At most this many items are recognised (최대 2개까지 인정).
    pub max_items: u32,
    /// At most this many points in all (최대 5점).
    pub max_points: Num,
    pub cite: String,
    /// Where the bonus counts (현장평가 점수에 합산), said with the result.
    pub message: String,
    #[serde(rename = "item")]
    pub items: Vec<BonusItem>,
}

/// One bonus item with its criterion and evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BonusItem {
    pub id: String,
    pub label: String,
    pub detail: String,
    pub evidence: String,
    pub cite: String,
}

/// One bonus item as answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BonusItemResult {
    pub id: String,
    pub label: String,
    pub answer: Answer,
    pub evidence: String,
    pub cite: String,
}

/// The bonus: claimed items, how many count, and the points (a range when some are unknown).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BonusResult {
    pub items: Vec<BonusItemResult>,
    pub claimed: u32,
    pub recognised_min: u32,
    pub recognised_max: u32,
    pub points: Option<Num>,
    pub points_min: Num,
    pub points_max: Num,
    pub max_points: Num,
    pub message: String,
    pub cite: String,
}

impl BonusRules {
    pub fn validate(&self, issues: &mut Vec<RuleIssue>) {
        check_cite("bonus.cite", &self.cite, issues);
        if self.max_items == 0
            || self.points_per_item.0 <= Decimal::ZERO
            || self.max_points.0 <= Decimal::ZERO
        {
            issues.push(RuleIssue::new(
                "bonus",
                "max_items, points_per_item and max_points must be positive",
            ));
        }
        let mut ids: Vec<&str> = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            if item.id.is_empty() || ids.contains(&item.id.as_str()) {
                issues.push(RuleIssue::new(
                    format!("bonus.item[{i}].id"),
                    "id must be non-empty and unique",
                ));
            }
            ids.push(&item.id);
            check_cite(&format!("bonus.item[{i}].cite"), &item.cite, issues);
        }
    }

    /// Points for `count` claimed items: capped by item count, then by the point cap.
    fn points_for(&self, count: u32) -> Option<Decimal> {
        let recognised = count.min(self.max_items);
        let raw = self
            .points_per_item
            .0
            .checked_mul(Decimal::from(recognised))?;
        Some(raw.min(self.max_points.0))
    }
}

/// Evaluates the bonus answers (missing items = not claimed).
pub fn evaluate(
    rules: &BonusRules,
    answers: &BTreeMap<String, Answer>,
) -> Result<BonusResult, ToolError> {
    if let Some(id) = answers
        .keys()
        .find(|id| !rules.items.iter().any(|item| &item.id == *id))
    {
        return Err(ToolError::invalid_field(
            format!("bonus.{id}"),
            format!("알 수 없는 가점 항목입니다: {id}"),
        ));
    }
    let items: Vec<BonusItemResult> = rules
        .items
        .iter()
        .map(|item| BonusItemResult {
            id: item.id.clone(),
            label: item.label.clone(),
            answer: answers.get(&item.id).copied().unwrap_or(Answer::No),
            evidence: item.evidence.clone(),
            cite: item.cite.clone(),
        })
        .collect();
    let count = |wanted: &[Answer]| {
        u32::try_from(items.iter().filter(|r| wanted.contains(&r.answer)).count())
            .unwrap_or(u32::MAX)
    };
    let claimed = count(&[Answer::Yes]);
    let possible = count(&[Answer::Yes, Answer::Unknown]);
    let overflow = || ToolError::out_of_range("가점");
    let points_min = rules.points_for(claimed).ok_or_else(overflow)?;
    let points_max = rules.points_for(possible).ok_or_else(overflow)?;
    Ok(BonusResult {
        claimed,
        recognised_min: claimed.min(rules.max_items),
        recognised_max: possible.min(rules.max_items),
        points: (points_min == points_max).then_some(Num(points_min)),
        points_min: Num(points_min),
        points_max: Num(points_max),
        max_points: rules.max_points,
        message: rules.message.clone(),
        cite: rules.cite.clone(),
        items,
    })
}
