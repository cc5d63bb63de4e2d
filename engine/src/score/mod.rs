//! The 기업 역량 (20점) score estimator of the 서면평가 and the 가점 (annex 2).
//!
//! Every band, rule date and point value comes from `content/rules/score.toml`. Where the notice
//! leaves a case open (zero or negative base year, 자본잠식, an unknown answer) the item is not
//! decided: it gets a points *range* and says why, so the subtotal is a range too.
pub mod bands;
mod bonus;
pub mod common;
mod items;

use crate::error::{check_cite, Assumption, RuleIssue, ToolError};
use bands::Band;
use common::{Answer, Date, Num, SignedWon};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use bonus::BonusResult;
pub use items::ItemResult;

/// This tool's slice of the rules data (`content/rules/score.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreRules {
    /// Heading of the table (e.g. `기업 역량`) and its maximum, for display and validation.
    #[serde(default)]
    pub section_label: String,
    #[serde(default)]
    pub section_max: Num,
    #[serde(default)]
    pub section_cite: String,
    /// 매출액증가율, 영업이익증가율, 부채비율: rated by bands.
    #[serde(default, rename = "rate_item")]
    pub rate_items: Vec<RateItem>,
    /// 수출실적여부: yes/no.
    #[serde(default)]
    pub export: ExportItem,
    /// "재무 현황을 확인할 수 없는 경우(1점)".
    #[serde(default)]
    pub unverifiable: FixedRule,
    /// "'24년1월1일 이후 창업기업 … (3점)" and the 부채비율 variant.
    #[serde(default, rename = "startup_rule")]
    pub startup_rules: Vec<StartupRule>,
    #[serde(default)]
    pub bonus: bonus::BonusRules,
    /// Where each part counts: the items in the 서면평가, the bonus in the final score
    /// (현장평가 점수에 합산). Shown apart; never added into one figure.
    #[serde(default)]
    pub stages: StageRules,
    /// Readings of the notice shown with every answer (formula of 부채비율, exact comparison…).
    #[serde(default, rename = "assumption")]
    pub assumptions: Vec<Assumption>,
}

/// Where the section and the bonus count (평가절차).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageRules {
    pub written: StageRule,
    pub bonus: StageRule,
}

/// One evaluation stage a part of the score counts in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageRule {
    /// Stage name as the notice writes it (`서면평가`, `최종선정`).
    pub stage: String,
    /// Where the points are added, said with the result.
    pub message: String,
    pub cite: String,
}

/// A part of the estimate with the stage it counts in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageResult {
    /// `written` (서면평가 기업 역량) or `bonus` (가점).
    pub id: String,
    pub label: String,
    pub stage: String,
    pub points: Option<Num>,
    pub points_min: Num,
    pub points_max: Num,
    pub max_points: Num,
    pub message: String,
    pub cite: String,
}

/// How the rate of an item is computed from raw figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RateKind {
    /// (current − base) / base × 100: 매출액·영업이익 증가율.
    #[default]
    Growth,
    /// liabilities / equity × 100: 부채비율.
    DebtRatio,
}

/// One banded row of the table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateItem {
    pub id: String,
    pub label: String,
    pub kind: RateKind,
    /// Which years the rate covers, as the notice says it (e.g. `'24년 대비 '25년 증가율`).
    pub period: String,
    pub cite: String,
    /// Said when the rate cannot be computed (base year ≤ 0, equity ≤ 0): the notice is silent.
    pub undefined_message: String,
    #[serde(rename = "band")]
    pub bands: Vec<Band>,
}

/// 수출실적여부: direct export in the recent five years, or not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportItem {
    pub id: String,
    pub label: String,
    pub cite: String,
    pub yes: Choice,
    pub no: Choice,
    /// Shown when the answer is "잘 모르겠음".
    pub unknown_message: String,
}

/// Points and the notice's wording for one answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub points: Num,
    pub text: String,
    pub message: String,
}

/// A fixed score the notice gives in a stated case.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FixedRule {
    pub points: Num,
    pub message: String,
    pub cite: String,
}

/// Companies founded on or after a date get fixed points on some items.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartupRule {
    pub items: Vec<String>,
    pub founded_on_or_after: Option<Date>,
    pub points: Num,
    pub message: String,
    pub cite: String,
}

/// Raw figures or a rate for one banded item; which fields apply depends on the item's kind.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureInput {
    /// The rate in percent, if the visitor already knows it.
    pub rate: Option<common::Num>,
    /// Growth items: the base year ('24) and the current year ('25) amounts.
    pub base: Option<SignedWon>,
    pub current: Option<SignedWon>,
    /// 부채비율: '25 부채총계 and 자본총계.
    pub liabilities: Option<SignedWon>,
    pub equity: Option<SignedWon>,
}

/// What the visitor tells the estimator.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreInput {
    /// 창업일 (YYYY-MM-DD), for the startup rules; absent = not a recent startup.
    #[serde(default)]
    pub founded_on: Option<Date>,
    /// Can the financial statements be verified (국세청 발급 재무제표)? Default: yes.
    #[serde(default)]
    pub financials_verifiable: Option<Answer>,
    /// Figures per banded item id (`sales_growth`, …); a missing item counts as unverifiable.
    #[serde(default)]
    pub items: BTreeMap<String, FigureInput>,
    /// Direct export confirmed in the recent five years.
    #[serde(default)]
    pub direct_export: Option<Answer>,
    /// Bonus item id → answer; a missing item is "no".
    #[serde(default)]
    pub bonus: BTreeMap<String, Answer>,
}

/// The estimate. Points are ranges: `min == max` (and `points`/`subtotal` set) when decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreOutput {
    pub section_label: String,
    pub section_max: Num,
    pub items: Vec<ItemResult>,
    /// Sum of the items when every item is decided.
    pub subtotal: Option<Num>,
    pub subtotal_min: Num,
    pub subtotal_max: Num,
    pub bonus: BonusResult,
    /// The 서면평가 section and the bonus, apart, each with the stage it counts in. Show these;
    /// the notice adds the bonus to the 현장평가 score, not to the 서면평가 section.
    pub stages: Vec<StageResult>,
    /// Deprecated: subtotal + bonus. The two count in different stages; kept for old pages only.
    pub total: Option<Num>,
    pub total_min: Num,
    pub total_max: Num,
    /// True when some item or bonus needs checking (the range is not a single value).
    pub needs_checking: bool,
    pub cite: String,
    pub assumptions: Vec<Assumption>,
}

impl ScoreRules {
    /// Checks the rules data: bands tile the line, ids are unique and known, points are within
    /// the section maximum, cites are well-formed.
    pub fn validate(&self) -> Vec<RuleIssue> {
        let mut issues = Vec::new();
        check_cite("section_cite", &self.section_cite, &mut issues);
        let mut ids: Vec<&str> = Vec::new();
        for (i, item) in self.rate_items.iter().enumerate() {
            let key = format!("rate_item[{i}]");
            if item.id.is_empty() || ids.contains(&item.id.as_str()) {
                issues.push(RuleIssue::new(&key, "id must be non-empty and unique"));
            }
            ids.push(&item.id);
            check_cite(&format!("{key}.cite"), &item.cite, &mut issues);
            bands::validate_bands(&format!("{key}.band"), &item.bands, &mut issues);
        }
        if self.export.id.is_empty() || ids.contains(&self.export.id.as_str()) {
            issues.push(RuleIssue::new(
                "export.id",
                "id must be non-empty and unique",
            ));
        }
        check_cite("export.cite", &self.export.cite, &mut issues);
        check_cite("unverifiable.cite", &self.unverifiable.cite, &mut issues);
        for (i, rule) in self.startup_rules.iter().enumerate() {
            let key = format!("startup_rule[{i}]");
            check_cite(&format!("{key}.cite"), &rule.cite, &mut issues);
            if rule.founded_on_or_after.is_none() {
                issues.push(RuleIssue::new(&key, "founded_on_or_after is required"));
            }
            for id in &rule.items {
                if !self.rate_items.iter().any(|item| &item.id == id) {
                    issues.push(RuleIssue::new(&key, format!("unknown rate item {id:?}")));
                }
            }
        }
        self.check_section_max(&mut issues);
        for (i, a) in self.assumptions.iter().enumerate() {
            check_cite(&format!("assumption[{i}].cite"), &a.cite, &mut issues);
        }
        self.bonus.validate(&mut issues);
        for (key, stage) in [
            ("stages.written", &self.stages.written),
            ("stages.bonus", &self.stages.bonus),
        ] {
            check_cite(&format!("{key}.cite"), &stage.cite, &mut issues);
            if stage.stage.is_empty() || stage.message.is_empty() {
                issues.push(RuleIssue::new(key, "stage and message are required"));
            }
        }
        issues
    }

    /// The items' top points must add up to the section maximum (20 for 기업 역량).
    fn check_section_max(&self, issues: &mut Vec<RuleIssue>) {
        let tops = self
            .rate_items
            .iter()
            .map(|item| items::points_span(&item.bands).map(|(_, max)| max));
        let export_top = self.export.yes.points.0.max(self.export.no.points.0);
        let sum = tops
            .into_iter()
            .try_fold(export_top, |acc, top| acc.checked_add(top?));
        if sum != Some(self.section_max.0) {
            issues.push(RuleIssue::new(
                "section_max",
                format!("the items' maximum points add up to {sum:?}, not section_max"),
            ));
        }
    }
}

/// Estimates the 기업 역량 points and the bonus.
pub fn evaluate(rules: &ScoreRules, input: &ScoreInput) -> Result<ScoreOutput, ToolError> {
    for id in input.items.keys() {
        if !rules.rate_items.iter().any(|item| &item.id == id) {
            return Err(ToolError::invalid_field(
                format!("items.{id}"),
                format!("알 수 없는 항목입니다: {id}"),
            ));
        }
    }
    let mut assumptions = rules.assumptions.clone();
    let mut results = Vec::new();
    for item in &rules.rate_items {
        results.push(items::rate_item(rules, item, input, &mut assumptions)?);
    }
    results.push(items::export_item(&rules.export, input.direct_export));
    let bonus = bonus::evaluate(&rules.bonus, &input.bonus)?;

    let overflow = || ToolError::out_of_range("점수 합계");
    let sum = |pick: fn(&ItemResult) -> Num| {
        results
            .iter()
            .try_fold(rust_decimal::Decimal::ZERO, |acc, r| {
                acc.checked_add(pick(r).0)
            })
            .ok_or_else(overflow)
    };
    let subtotal_min = sum(|r| r.points_min)?;
    let subtotal_max = sum(|r| r.points_max)?;
    let total_min = subtotal_min
        .checked_add(bonus.points_min.0)
        .ok_or_else(overflow)?;
    let total_max = subtotal_max
        .checked_add(bonus.points_max.0)
        .ok_or_else(overflow)?;
    let decided =
        |min: rust_decimal::Decimal, max: rust_decimal::Decimal| (min == max).then_some(Num(min));
    let stages = vec![
        StageResult {
            id: "written".into(),
            label: rules.section_label.clone(),
            stage: rules.stages.written.stage.clone(),
            points: decided(subtotal_min, subtotal_max),
            points_min: Num(subtotal_min),
            points_max: Num(subtotal_max),
            max_points: rules.section_max,
            message: rules.stages.written.message.clone(),
            cite: rules.stages.written.cite.clone(),
        },
        StageResult {
            id: "bonus".into(),
            label: "가점".into(),
            stage: rules.stages.bonus.stage.clone(),
            points: bonus.points,
            points_min: bonus.points_min,
            points_max: bonus.points_max,
            max_points: bonus.max_points,
            message: rules.stages.bonus.message.clone(),
            cite: rules.stages.bonus.cite.clone(),
        },
    ];
    Ok(ScoreOutput {
        section_label: rules.section_label.clone(),
        section_max: rules.section_max,
        subtotal: decided(subtotal_min, subtotal_max),
        subtotal_min: Num(subtotal_min),
        subtotal_max: Num(subtotal_max),
        stages,
        total: decided(total_min, total_max),
        total_min: Num(total_min),
        total_max: Num(total_max),
        needs_checking: subtotal_min != subtotal_max || total_min != total_max,
        items: results,
        bonus,
        cite: rules.section_cite.clone(),
        assumptions,
    })
}
