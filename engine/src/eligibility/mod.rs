//! Eligibility self-check for the three roles of a consortium (도입기업, 공급기업, 기획기관).
//!
//! The questions are data (`content/rules/eligibility.toml`): each says which roles it concerns,
//! what each answer leads to (outcome, message, next step) and where the notice says so. The
//! engine only walks them: any `not_eligible` makes the answer "not eligible", otherwise any
//! `needs_checking` (every "잘 모르겠음" leads there) makes it "needs checking".
mod check;
mod rules;

pub use check::{Outcome, Reason};
pub use rules::{AnswerRule, EligibilityRules, Kind, ListItem, Question, Role};

use crate::error::{Assumption, ToolError};
use crate::score::common::Answer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer: yes/no/unknown, or a count (e.g. 실적 건수) — `"unknown"` works for counts too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Choice(Answer),
    Count(u64),
}

/// The visitor's role and answers by question id. A question left out counts as unknown.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityInput {
    pub role: String,
    #[serde(default)]
    pub answers: BTreeMap<String, AnswerValue>,
}

/// The verdict with one reason per question and the readings it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EligibilityOutput {
    pub role: String,
    pub role_label: String,
    pub outcome: Outcome,
    pub message: String,
    pub reasons: Vec<Reason>,
    pub assumptions: Vec<Assumption>,
}

/// Walks the role's questions in order and combines their outcomes.
pub fn evaluate(
    rules: &EligibilityRules,
    input: &EligibilityInput,
) -> Result<EligibilityOutput, ToolError> {
    let role = rules
        .roles
        .iter()
        .find(|r| r.id == input.role)
        .ok_or_else(|| {
            let known: Vec<&str> = rules.roles.iter().map(|r| r.id.as_str()).collect();
            ToolError::invalid_field(
                "role",
                format!(
                    "알 수 없는 역할입니다: {} (가능: {})",
                    input.role,
                    known.join(", ")
                ),
            )
        })?;
    let questions: Vec<&Question> = rules
        .questions
        .iter()
        .filter(|q| q.roles.contains(&role.id))
        .collect();
    if let Some(id) = input
        .answers
        .keys()
        .find(|id| !questions.iter().any(|q| &q.id == *id))
    {
        return Err(ToolError::invalid_field(
            format!("answers.{id}"),
            format!("{}에 해당하지 않는 질문입니다: {id}", role.label),
        ));
    }
    let waived = check::waived_by(&questions, &input.answers);
    let mut reasons = Vec::with_capacity(questions.len());
    for question in &questions {
        let reason = match waived.get(question.id.as_str()) {
            Some(by) => check::waived_reason(question, by),
            None => check::reason(rules, question, input.answers.get(&question.id))?,
        };
        reasons.push(reason);
    }
    let outcome = reasons
        .iter()
        .map(|r| r.outcome)
        .max()
        .unwrap_or(Outcome::Eligible);
    let message = match outcome {
        Outcome::Eligible => &role.eligible_message,
        Outcome::NeedsChecking => &role.needs_checking_message,
        Outcome::NotEligible => &role.not_eligible_message,
    };
    Ok(EligibilityOutput {
        role: role.id.clone(),
        role_label: role.label.clone(),
        outcome,
        message: message.clone(),
        reasons,
        assumptions: role.assumptions.clone(),
    })
}
