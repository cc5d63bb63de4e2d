//! One question, one answer, one reason: the outcome, message, next step and list from the data.
use super::rules::{AnswerRule, EligibilityRules, Kind, ListItem, Question};
use super::AnswerValue;
use crate::error::ToolError;
use crate::score::common::Answer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Verdict of one question or of the whole check. Ordered by severity, so the overall verdict
/// is the maximum of the reasons'.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    #[default]
    Eligible,
    NeedsChecking,
    NotEligible,
}

/// Why one question came out as it did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub id: String,
    pub label: String,
    /// The answer as shown to the visitor (예, 아니요, 잘 모르겠음, or the number with its unit).
    pub answer: String,
    pub outcome: Outcome,
    pub message: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub next_step: String,
    pub cite: String,
    /// The notice's list the question refers to (programs, where to check), when not eligible.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ListItem>,
}

/// Questions made moot by a "예" elsewhere: target id → the waiving question.
pub fn waived_by<'a>(
    questions: &[&'a Question],
    answers: &BTreeMap<String, AnswerValue>,
) -> BTreeMap<&'a str, &'a Question> {
    let mut waived = BTreeMap::new();
    for q in questions {
        if answers.get(&q.id) == Some(&AnswerValue::Choice(Answer::Yes)) {
            for target in &q.waives {
                waived.insert(target.as_str(), *q);
            }
        }
    }
    waived
}

/// The reason for a question made moot by `by`.
pub fn waived_reason(question: &Question, by: &Question) -> Reason {
    Reason {
        id: question.id.clone(),
        label: question.label.clone(),
        answer: String::new(),
        outcome: Outcome::Eligible,
        message: by.waived_message.clone().unwrap_or_default(),
        next_step: String::new(),
        cite: by.cite.clone(),
        details: Vec::new(),
    }
}

/// The reason for one answered (or unanswered = unknown) question.
pub fn reason(
    rules: &EligibilityRules,
    question: &Question,
    answer: Option<&AnswerValue>,
) -> Result<Reason, ToolError> {
    let field = format!("answers.{}", question.id);
    let value = answer
        .copied()
        .unwrap_or(AnswerValue::Choice(Answer::Unknown));
    let missing = || {
        ToolError::new(
            "rules_missing",
            format!("질문 규칙이 없습니다: {}", question.id),
        )
    };
    let (rule, shown, count): (&AnswerRule, String, Option<u64>) = match (question.kind, value) {
        (_, AnswerValue::Choice(Answer::Unknown)) => (
            &question.unknown,
            rules.answer_label(Answer::Unknown).to_string(),
            None,
        ),
        (Kind::YesNo, AnswerValue::Choice(choice)) => {
            let rule = if choice == Answer::Yes {
                &question.yes
            } else {
                &question.no
            };
            (
                rule.as_ref().ok_or_else(missing)?,
                rules.answer_label(choice).to_string(),
                None,
            )
        }
        (Kind::Count, AnswerValue::Count(n)) => {
            let min = question.min.ok_or_else(missing)?;
            let rule = if n >= min {
                &question.at_least
            } else {
                &question.below
            };
            let unit = question.unit.as_deref().unwrap_or("");
            (
                rule.as_ref().ok_or_else(missing)?,
                format!("{n}{unit}"),
                Some(n),
            )
        }
        (Kind::YesNo, AnswerValue::Count(_)) => {
            return Err(ToolError::invalid_field(
                field,
                "예·아니요·잘 모르겠음 중 하나로 답해 주세요.",
            ))
        }
        (Kind::Count, AnswerValue::Choice(_)) => {
            return Err(ToolError::invalid_field(
                field,
                "숫자(0 이상) 또는 잘 모르겠음으로 답해 주세요.",
            ))
        }
    };
    let fill = |text: &str| {
        let mut text = text.to_string();
        if let Some(n) = count {
            text = text.replace("{value}", &n.to_string());
        }
        if let Some(min) = question.min {
            text = text.replace("{min}", &min.to_string());
        }
        text
    };
    let details = match (&question.list, rule.outcome) {
        (Some(list), outcome) if outcome != Outcome::Eligible => rules
            .lists
            .iter()
            .find(|l| &l.id == list)
            .map(|l| l.items.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(Reason {
        id: question.id.clone(),
        label: question.label.clone(),
        answer: shown,
        outcome: rule.outcome,
        message: fill(&rule.message),
        next_step: fill(&rule.next_step),
        cite: question.cite.clone(),
        details,
    })
}
