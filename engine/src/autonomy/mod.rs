//! Autonomy self-assessment (annex 3 levels, annex 5 application areas and cases).
//!
//! The level is gated, as in SIRI-style assessments: level N holds when every dimension the
//! data marks as required at N is answered at N or above, and the result is the highest N such
//! that levels 1..=N all hold. Unknown answers don't count against the level ("computed on
//! known answers"); the output also gives the level if they all fell short, and names the
//! unknowns that could change it. A self-check, never the official 수준확인.
mod matching;
mod rules;

pub use matching::{AreaMatch, CaseMatch};
pub use rules::{
    Area, AutonomyRules, Case, Dimension, Disclaimer, Level, LevelOption, Messages, Problem,
};

use crate::error::{Assumption, ToolError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Answers by dimension id (option id, `none` or `unknown`; missing = unknown) and the
/// problems the visitor recognises (annex 5).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutonomyInput {
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    #[serde(default)]
    pub problems: Vec<String>,
}

/// How a dimension was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerStatus {
    Known,
    /// 해당 없음: below every option (level 0).
    None,
    /// 잘 모르겠음 or not answered.
    Unknown,
}

/// One dimension of the profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileItem {
    pub dimension: String,
    pub label: String,
    pub answer: String,
    pub answer_text: String,
    /// The level the answer evidences (0 for 해당 없음; none when unknown).
    pub level: Option<u8>,
    pub status: AnswerStatus,
    pub cite: String,
}

/// A dimension that keeps the next level from holding, and the descriptor it would need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    pub dimension: String,
    pub label: String,
    pub current: String,
    pub needed: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextLevel {
    pub number: u8,
    pub name: String,
    pub summary: String,
    pub missing: Vec<Gap>,
    pub cite: String,
    pub guide: String,
}

/// An unknown answer and whether it could lower the level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnknownAnswer {
    pub dimension: String,
    pub label: String,
    pub could_change_level: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AutonomyOutput {
    /// Highest level holding on the known answers (0 = 1단계 미만).
    pub level: u8,
    pub level_name: String,
    pub level_summary: String,
    /// Level if every unknown answer fell short.
    pub level_lower_bound: u8,
    pub cite: String,
    pub guide: Option<String>,
    pub profile: Vec<ProfileItem>,
    pub next_level: Option<NextLevel>,
    pub unknowns: Vec<UnknownAnswer>,
    pub areas: Vec<AreaMatch>,
    pub cases: Vec<CaseMatch>,
    pub disclaimer: Disclaimer,
    pub assumptions: Vec<Assumption>,
}

/// The answer to one dimension: its level (`Some(0)` for 해당 없음) or `None` when unknown.
fn answer_level(
    rules: &AutonomyRules,
    input: &AutonomyInput,
) -> Result<Vec<(usize, Option<u8>, String)>, ToolError> {
    let mut out = Vec::with_capacity(rules.dimensions.len());
    for (i, dim) in rules.dimensions.iter().enumerate() {
        let answer = input
            .answers
            .get(&dim.id)
            .map(String::as_str)
            .unwrap_or(rules::UNKNOWN);
        let (level, text) = match answer {
            rules::UNKNOWN => (None, rules.unknown_label.clone()),
            rules::NONE => (Some(0), rules.none_label.clone()),
            id => {
                let option = dim.options.iter().find(|o| o.id == id).ok_or_else(|| {
                    ToolError::invalid_field(
                        format!("answers.{}", dim.id),
                        format!("이 질문의 보기가 아닙니다: {id}"),
                    )
                })?;
                (Some(option.level), option.text.clone())
            }
        };
        out.push((i, level, text));
    }
    Ok(out)
}

/// Highest N such that levels 1..=N hold; `optimistic` decides how unknown answers count.
fn gated_level(rules: &AutonomyRules, levels: &BTreeMap<&str, Option<u8>>, optimistic: bool) -> u8 {
    let mut reached = 0;
    for level in &rules.levels {
        let holds = level
            .required
            .iter()
            .all(|dim| match levels.get(dim.as_str()) {
                Some(Some(answered)) => *answered >= level.number,
                _ => optimistic,
            });
        if !holds {
            break;
        }
        reached = level.number;
    }
    reached
}

/// Assesses the answers.
pub fn evaluate(rules: &AutonomyRules, input: &AutonomyInput) -> Result<AutonomyOutput, ToolError> {
    if let Some(id) = input
        .answers
        .keys()
        .find(|id| !rules.dimensions.iter().any(|d| &d.id == *id))
    {
        return Err(ToolError::invalid_field(
            format!("answers.{id}"),
            format!("알 수 없는 질문입니다: {id}"),
        ));
    }
    let answers = answer_level(rules, input)?;
    let mut by_dim: BTreeMap<&str, Option<u8>> = BTreeMap::new();
    let mut profile = Vec::with_capacity(answers.len());
    for ((_, level, text), dim) in answers.iter().zip(&rules.dimensions) {
        by_dim.insert(dim.id.as_str(), *level);
        profile.push(ProfileItem {
            dimension: dim.id.clone(),
            label: dim.label.clone(),
            answer: input
                .answers
                .get(&dim.id)
                .cloned()
                .unwrap_or_else(|| rules::UNKNOWN.to_string()),
            answer_text: text.clone(),
            level: *level,
            status: match level {
                None => AnswerStatus::Unknown,
                Some(0) => AnswerStatus::None,
                Some(_) => AnswerStatus::Known,
            },
            cite: dim.cite.clone(),
        });
    }
    let level = gated_level(rules, &by_dim, true);
    let lower = gated_level(rules, &by_dim, false);
    let current = rules.levels.iter().find(|l| l.number == level);
    let unknowns = unknown_answers(rules, &by_dim, lower, level);
    let next_level = next_level(rules, &profile, level);
    let (areas, cases) = matching::match_problems(rules, &input.problems, level)?;
    Ok(AutonomyOutput {
        level,
        level_name: current
            .map(|l| l.name.clone())
            .unwrap_or_else(|| rules.below_first_label.clone()),
        level_summary: current.map(|l| l.summary.clone()).unwrap_or_default(),
        level_lower_bound: lower,
        cite: current.map(|l| l.cite.clone()).unwrap_or_else(|| {
            rules
                .levels
                .first()
                .map(|l| l.cite.clone())
                .unwrap_or_default()
        }),
        guide: current.map(|l| l.guide.clone()),
        profile,
        next_level,
        unknowns,
        areas,
        cases,
        disclaimer: rules.disclaimer.clone(),
        assumptions: rules.assumptions.clone(),
    })
}

/// Unknown answers; one could change the level if a level in (lower, level] requires it.
fn unknown_answers(
    rules: &AutonomyRules,
    by_dim: &BTreeMap<&str, Option<u8>>,
    lower: u8,
    level: u8,
) -> Vec<UnknownAnswer> {
    rules
        .dimensions
        .iter()
        .filter(|d| by_dim.get(d.id.as_str()) == Some(&None))
        .map(|d| UnknownAnswer {
            dimension: d.id.clone(),
            label: d.label.clone(),
            could_change_level: rules
                .levels
                .iter()
                .any(|l| l.number > lower && l.number <= level && l.required.contains(&d.id)),
        })
        .collect()
}

/// What the level above `level` requires that the answers don't show.
fn next_level(rules: &AutonomyRules, profile: &[ProfileItem], level: u8) -> Option<NextLevel> {
    let next = rules.levels.iter().find(|l| l.number > level)?;
    let missing = next
        .required
        .iter()
        .filter_map(|id| {
            let dim = rules.dimensions.iter().find(|d| &d.id == id)?;
            let item = profile.iter().find(|p| &p.dimension == id)?;
            if item.level.is_some_and(|l| l >= next.number) {
                return None;
            }
            let needed = dim
                .options
                .iter()
                .filter(|o| o.level >= next.number)
                .min_by_key(|o| o.level)?;
            Some(Gap {
                dimension: dim.id.clone(),
                label: dim.label.clone(),
                current: item.answer_text.clone(),
                needed: needed.text.clone(),
            })
        })
        .collect();
    Some(NextLevel {
        number: next.number,
        name: next.name.clone(),
        summary: next.summary.clone(),
        missing,
        cite: next.cite.clone(),
        guide: next.guide.clone(),
    })
}
