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
/// A count is a whole number of 0 or more, as a JSON number or digits in a string ("9");
/// anything else gets a Korean message naming what is wrong (never serde's "did not match any
/// variant of untagged enum").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerValue {
    Choice(Answer),
    Count(u64),
}

/// Messages for answers that are neither a choice nor a count.
const COUNT_NEGATIVE: &str = "건수는 0 이상의 정수로 입력해 주세요(음수는 입력할 수 없습니다).";
const COUNT_FRACTION: &str = "건수는 정수로 입력해 주세요(소수는 입력할 수 없습니다).";
const COUNT_TOO_LARGE: &str = "건수가 너무 큽니다. 실제 건수를 정수로 입력해 주세요.";
const ANSWER_EXPECTED: &str =
    "답은 yes(예), no(아니요), unknown(잘 모르겠음) 중 하나이거나 0 이상의 정수(건수)여야 합니다.";

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerValueVisitor)
    }
}

struct AnswerValueVisitor;

impl serde::de::Visitor<'_> for AnswerValueVisitor {
    type Value = AnswerValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(ANSWER_EXPECTED)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Count(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<AnswerValue, E> {
        u64::try_from(v)
            .map(AnswerValue::Count)
            .map_err(|_| E::custom(COUNT_NEGATIVE))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<AnswerValue, E> {
        if v.is_nan() {
            Err(E::custom(ANSWER_EXPECTED))
        } else if v == 0.0 {
            Ok(AnswerValue::Count(0))
        } else if v < 0.0 {
            Err(E::custom(COUNT_NEGATIVE))
        } else if v.fract() != 0.0 {
            Err(E::custom(COUNT_FRACTION))
        } else {
            // Whole and positive: exact below 2^53; beyond that it is no real count.
            let max_exact = 9_007_199_254_740_992.0_f64;
            if v > max_exact {
                return Err(E::custom(COUNT_TOO_LARGE));
            }
            format!("{v:.0}")
                .parse::<u64>()
                .map(AnswerValue::Count)
                .map_err(|_| E::custom(COUNT_TOO_LARGE))
        }
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AnswerValue, E> {
        let t = v.trim();
        match t {
            "yes" => return Ok(AnswerValue::Choice(Answer::Yes)),
            "no" => return Ok(AnswerValue::Choice(Answer::No)),
            "unknown" => return Ok(AnswerValue::Choice(Answer::Unknown)),
            _ => {}
        }
        let digits = t.strip_suffix('건').unwrap_or(t).trim();
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            return digits
                .parse::<u64>()
                .map(AnswerValue::Count)
                .map_err(|_| E::custom(COUNT_TOO_LARGE));
        }
        if let Some(rest) = digits.strip_prefix(['-', '−']) {
            if rest.parse::<f64>().is_ok() {
                return Err(E::custom(COUNT_NEGATIVE));
            }
        }
        if digits.parse::<f64>().is_ok_and(|f| f.fract() != 0.0) {
            return Err(E::custom(COUNT_FRACTION));
        }
        Err(E::custom(ANSWER_EXPECTED))
    }
}

/// The visitor's role and answers by question id. A question left out counts as unknown.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityInput {
    pub role: String,
    #[serde(default)]
    pub answers: BTreeMap<String, AnswerValue>,
    /// The instant to check the application window at (RFC 3339), as `application_window` takes
    /// it; or `now_ms` (epoch milliseconds, from the browser). Neither: no window in the result.
    #[serde(default)]
    pub now: Option<String>,
    #[serde(default)]
    pub now_ms: Option<i64>,
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
    /// The role's application window at `now` (when given): after the deadline its `status` is
    /// `closed`, its `message` says so and `next_step` what to do instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<crate::schedule::WindowState>,
}

/// Like [`evaluate`], and when the input has `now`/`now_ms`, says whether the role's
/// application window (from the schedule rules) is open at that instant.
pub fn evaluate_with_schedule(
    rules: &EligibilityRules,
    schedule: &crate::schedule::ScheduleRules,
    input: &EligibilityInput,
) -> Result<EligibilityOutput, ToolError> {
    let mut out = evaluate(rules, input)?;
    if input.now.is_none() && input.now_ms.is_none() {
        return Ok(out);
    }
    let window_id = rules
        .roles
        .iter()
        .find(|r| r.id == input.role)
        .and_then(|r| r.window.as_deref());
    let Some(window_id) = window_id else {
        return Ok(out);
    };
    let states = crate::schedule::evaluate(
        schedule,
        &crate::schedule::WindowInput {
            now: input.now.clone(),
            now_ms: input.now_ms,
        },
    )?;
    let state = states
        .windows
        .into_iter()
        .find(|w| w.id == window_id)
        .ok_or_else(|| {
            ToolError::new(
                "rules_missing",
                format!("접수 기간 규칙(content/rules/schedule.toml)에서 접수 기간 항목 {window_id:?}을 찾을 수 없습니다."),
            )
        })?;
    out.window = Some(state);
    Ok(out)
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
        window: None,
    })
}
