//! The `documents` tool: the 제출서류 checklist (3장 신청 및 접수) for one company, from its
//! eligibility answers (and score/bonus answers where given).
//!
//! The list and its conditions are `content/rules/documents.toml`; the deadline comes from the
//! schedule rules and the bonus evidence names from the score rules, so each fact has one place.
//! For "발행일로부터 N개월 이내" the tool gives the earliest issue date still valid on the
//! deadline, counting periods as the Civil Act does (첫날 불산입; a period of months ends on the
//! day before the corresponding day, or on the month's last day when there is none).
use crate::error::{check_cite, Assumption, RuleIssue, ToolError};
use crate::schedule::{civil_from_days, days_from_civil, parse_rfc3339, ScheduleRules};
use crate::score::common::Answer;
use crate::score::ScoreRules;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// When a document is needed: an answer equals a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// `answers.<question id>`, `direct_export` or `statements_2025`.
    pub field: String,
    /// `yes` or `no`.
    pub is: Answer,
}

/// One line of the notice's list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRule {
    pub id: String,
    /// The notice's number ("2"; a sub-item shares its parent's number).
    pub number: String,
    pub label: String,
    /// Where to get it (발급처), when the notice says.
    #[serde(default, rename = "where", skip_serializing_if = "String::is_empty")]
    pub where_to_get: String,
    /// "발행일로부터 N개월 이내".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_within_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub applies_message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unknown_message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub not_needed_message: String,
    /// Leave the line out (rather than "확인 필요") when the answer is unknown: another line
    /// already says both cases.
    #[serde(default)]
    pub hide_when_unknown: bool,
    pub cite: String,
}

/// Validity of one bonus item's evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BonusValidity {
    pub bonus: String,
    pub issued_within_months: u32,
    pub cite: String,
}

/// "가점 증빙 서류(해당시, 접수 마감일을 기준으로 유효한 서류)": one line per claimed bonus item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BonusEvidenceRule {
    pub number: String,
    pub label: String,
    /// The evidence must be valid on the deadline.
    pub valid_on_deadline: bool,
    pub unknown_message: String,
    #[serde(default)]
    pub validity: Vec<BonusValidity>,
    pub cite: String,
}

/// This tool's slice of the rules data (`content/rules/documents.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentsRules {
    /// Id of the application window whose close is the deadline.
    pub window: String,
    pub cite: String,
    pub submission: String,
    pub forms_note: String,
    #[serde(rename = "document")]
    pub documents: Vec<DocumentRule>,
    pub bonus_evidence: BonusEvidenceRule,
    #[serde(default, rename = "assumption")]
    pub assumptions: Vec<Assumption>,
}

impl DocumentsRules {
    pub fn validate(&self) -> Vec<RuleIssue> {
        let mut issues = Vec::new();
        check_cite("cite", &self.cite, &mut issues);
        if self.window.is_empty() {
            issues.push(RuleIssue::new("window", "must name a schedule window id"));
        }
        let mut ids: Vec<&str> = Vec::new();
        for (i, d) in self.documents.iter().enumerate() {
            let key = format!("document[{i}]");
            if d.id.is_empty() || ids.contains(&d.id.as_str()) {
                issues.push(RuleIssue::new(
                    format!("{key}.id"),
                    "id must be non-empty and unique",
                ));
            }
            ids.push(&d.id);
            check_cite(&format!("{key}.cite"), &d.cite, &mut issues);
            if d.issued_within_months == Some(0) {
                issues.push(RuleIssue::new(
                    format!("{key}.issued_within_months"),
                    "must be at least 1",
                ));
            }
            if let Some(c) = &d.when {
                let known = c.field.starts_with("answers.")
                    || c.field == "direct_export"
                    || c.field == "statements_2025";
                if !known || c.is == Answer::Unknown {
                    issues.push(RuleIssue::new(
                        format!("{key}.when"),
                        "field must be answers.<id>, direct_export or statements_2025, and `is` yes or no",
                    ));
                }
                if d.applies_message.is_empty() || d.not_needed_message.is_empty() {
                    issues.push(RuleIssue::new(
                        &key,
                        "a conditional document needs applies_message and not_needed_message",
                    ));
                }
                if !d.hide_when_unknown && d.unknown_message.is_empty() {
                    issues.push(RuleIssue::new(
                        &key,
                        "a conditional document needs unknown_message (or hide_when_unknown)",
                    ));
                }
            }
        }
        check_cite(
            "bonus_evidence.cite",
            &self.bonus_evidence.cite,
            &mut issues,
        );
        for (i, v) in self.bonus_evidence.validity.iter().enumerate() {
            check_cite(
                &format!("bonus_evidence.validity[{i}].cite"),
                &v.cite,
                &mut issues,
            );
            if v.issued_within_months == 0 {
                issues.push(RuleIssue::new(
                    format!("bonus_evidence.validity[{i}].issued_within_months"),
                    "must be at least 1",
                ));
            }
        }
        for (i, a) in self.assumptions.iter().enumerate() {
            check_cite(&format!("assumption[{i}].cite"), &a.cite, &mut issues);
        }
        issues
    }
}

/// The visitor's answers: the eligibility answers (도입기업), and optionally the score tool's.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentsInput {
    /// Eligibility answers by question id (as the `eligibility` tool takes them).
    #[serde(default)]
    pub answers: BTreeMap<String, crate::eligibility::AnswerValue>,
    /// 최근 5년 직접 수출 실적 (the score tool's `direct_export`).
    #[serde(default)]
    pub direct_export: Option<Answer>,
    /// Is the 2025 financial statement settled (결산 확정)?
    #[serde(default)]
    pub statements_2025: Option<Answer>,
    /// Bonus item id → answer (the score tool's `bonus`).
    #[serde(default)]
    pub bonus: BTreeMap<String, Answer>,
}

/// Whether a line is needed for this company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Required,
    /// The answer that decides it is missing or "잘 모르겠음".
    Check,
    NotNeeded,
}

/// The date a document must still be valid on, and the earliest issue date that is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Validity {
    /// `YYYY-MM-DD`: the deadline's date.
    pub valid_on: String,
    /// `YYYY-MM-DD`; absent when the document has no stated period (bonus evidence in general).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest_issue_date: Option<String>,
    pub message: String,
    pub cite: String,
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentLine {
    pub id: String,
    pub number: String,
    pub label: String,
    pub need: Need,
    /// Why it is (not) needed; empty for documents every applicant submits.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    #[serde(rename = "where", skip_serializing_if = "String::is_empty")]
    pub where_to_get: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity: Option<Validity>,
    pub cite: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentsOutput {
    /// The deadline (KST, RFC 3339) every validity is counted to.
    pub deadline: String,
    /// `YYYY-MM-DD` of the deadline.
    pub deadline_date: String,
    pub submission: String,
    /// Lines to submit or check, in the notice's order (tick boxes on the page).
    pub documents: Vec<DocumentLine>,
    /// Lines this company does not submit, with why.
    pub not_needed: Vec<DocumentLine>,
    pub forms_note: String,
    pub cite: String,
    pub assumptions: Vec<Assumption>,
}

fn date_text(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn korean_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y}년 {m}월 {d}일")
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year.saturating_add(1), 1)
    } else {
        (year, month.saturating_add(1))
    };
    let len = days_from_civil(ny, nm, 1).saturating_sub(days_from_civil(year, month, 1));
    u32::try_from(len).unwrap_or(28)
}

/// The last day a document issued on `issued` (day number) is valid, for a period of `months`:
/// counting starts the next day; the period ends the day before the corresponding day `months`
/// later, or on the last day of that month when it has no such day (민법 제157조, 제160조).
pub fn valid_until(issued: i64, months: u32) -> i64 {
    let start = issued.saturating_add(1);
    let (y, m, d) = civil_from_days(start);
    let total = i64::from(m)
        .saturating_sub(1)
        .saturating_add(i64::from(months));
    let year = y.saturating_add(total.div_euclid(12));
    let month = u32::try_from(total.rem_euclid(12))
        .unwrap_or(0)
        .saturating_add(1);
    if d > days_in_month(year, month) {
        // No corresponding day: the period ends on the month's last day.
        let last = days_in_month(year, month);
        days_from_civil(year, month, last)
    } else {
        days_from_civil(year, month, d).saturating_sub(1)
    }
}

/// The earliest issue date whose validity of `months` still covers `on`.
pub fn earliest_issue(on: i64, months: u32) -> i64 {
    // Start a little more than the period earlier and walk forward: valid_until is monotone.
    let span = i64::from(months).saturating_mul(31).saturating_add(2);
    let mut day = on.saturating_sub(span);
    while valid_until(day, months) < on {
        day = day.saturating_add(1);
    }
    day
}

/// The state of a condition for the given input.
fn condition_state(cond: &Condition, input: &DocumentsInput) -> Option<Answer> {
    let answer = if let Some(id) = cond.field.strip_prefix("answers.") {
        match input.answers.get(id) {
            Some(crate::eligibility::AnswerValue::Choice(a)) => Some(*a),
            _ => None,
        }
    } else if cond.field == "direct_export" {
        input.direct_export
    } else if cond.field == "statements_2025" {
        input.statements_2025
    } else {
        None
    };
    match answer {
        None | Some(Answer::Unknown) => None,
        Some(a) => Some(a),
    }
}

/// Builds the checklist.
pub fn evaluate(
    rules: &DocumentsRules,
    schedule: &ScheduleRules,
    score: &ScoreRules,
    input: &DocumentsInput,
) -> Result<DocumentsOutput, ToolError> {
    for id in input.bonus.keys() {
        if !score.bonus.items.iter().any(|b| &b.id == id) {
            let known: Vec<&str> = score.bonus.items.iter().map(|b| b.id.as_str()).collect();
            return Err(ToolError::invalid_field(
                format!("bonus.{id}"),
                format!(
                    "알 수 없는 가점 항목입니다: {id} (가능: {})",
                    known.join(", ")
                ),
            ));
        }
    }
    let window = schedule
        .window
        .iter()
        .find(|w| w.id == rules.window)
        .ok_or_else(|| {
            ToolError::new(
                "rules_missing",
                format!(
                    "접수 기간 규칙(content/rules/schedule.toml)에서 접수 기간 항목 {:?}을 찾을 수 없습니다.",
                    rules.window
                ),
            )
        })?;
    let closes = parse_rfc3339(&window.closes_at)
        .map_err(|e| ToolError::new("rules_invalid", format!("{}: {e}", window.id)))?;
    let offset = i64::from(schedule.utc_offset_minutes).saturating_mul(60);
    // The deadline's local date (마감 17:00 KST is still that day).
    let deadline_day = closes.saturating_add(offset).div_euclid(86_400);
    let deadline = crate::schedule::format_rfc3339(closes, schedule.utc_offset_minutes);
    let validity_for = |months: u32, cite: &str| {
        let earliest = earliest_issue(deadline_day, months);
        Validity {
            valid_on: date_text(deadline_day),
            earliest_issue_date: Some(date_text(earliest)),
            message: format!(
                "접수 마감일({})에 유효하려면 {} 이후에 발행(발급)된 서류여야 합니다.",
                korean_date(deadline_day),
                korean_date(earliest)
            ),
            cite: cite.to_string(),
        }
    };
    let mut documents = Vec::new();
    let mut not_needed = Vec::new();
    for d in &rules.documents {
        let (need, reason) = match &d.when {
            None => (Need::Required, String::new()),
            Some(cond) => match condition_state(cond, input) {
                Some(a) if a == cond.is => (Need::Required, d.applies_message.clone()),
                Some(_) => (Need::NotNeeded, d.not_needed_message.clone()),
                None if d.hide_when_unknown => continue,
                None => (Need::Check, d.unknown_message.clone()),
            },
        };
        let line = DocumentLine {
            id: d.id.clone(),
            number: d.number.clone(),
            label: d.label.clone(),
            need,
            reason,
            where_to_get: d.where_to_get.clone(),
            validity: d.issued_within_months.map(|m| validity_for(m, &d.cite)),
            cite: d.cite.clone(),
        };
        if need == Need::NotNeeded {
            not_needed.push(line);
        } else {
            documents.push(line);
        }
    }
    let be = &rules.bonus_evidence;
    for item in &score.bonus.items {
        let answer = input.bonus.get(&item.id).copied();
        let need = match answer {
            Some(Answer::Yes) => Need::Required,
            Some(Answer::Unknown) => Need::Check,
            Some(Answer::No) | None => continue,
        };
        let validity = match be.validity.iter().find(|v| v.bonus == item.id) {
            Some(v) => {
                let mut val = validity_for(v.issued_within_months, &v.cite);
                val.message = format!(
                    "{} 접수 마감일({})을 기준으로 유효해야 합니다: {} 이후 발급분.",
                    item.evidence,
                    korean_date(deadline_day),
                    val.earliest_issue_date.clone().unwrap_or_default()
                );
                Some(val)
            }
            None if be.valid_on_deadline => Some(Validity {
                valid_on: date_text(deadline_day),
                earliest_issue_date: None,
                message: format!(
                    "접수 마감일({})을 기준으로 유효한 서류여야 합니다.",
                    korean_date(deadline_day)
                ),
                cite: be.cite.clone(),
            }),
            None => None,
        };
        documents.push(DocumentLine {
            id: format!("bonus_{}", item.id),
            number: be.number.clone(),
            label: format!("{} — {}: {}", be.label, item.label, item.evidence),
            need,
            reason: if need == Need::Check {
                be.unknown_message.clone()
            } else {
                format!("신청하는 가점 항목({})의 증빙입니다.", item.label)
            },
            where_to_get: String::new(),
            validity,
            cite: be.cite.clone(),
        });
    }
    let mut assumptions = rules.assumptions.clone();
    assumptions.push(Assumption::new(
        format!(
            "접수 마감일은 '{}' 기간의 마지막 날({}, {})로 보았습니다.",
            window.name,
            korean_date(deadline_day),
            window.closing_rule
        ),
        window.cite.clone(),
    ));
    Ok(DocumentsOutput {
        deadline,
        deadline_date: date_text(deadline_day),
        submission: rules.submission.clone(),
        documents,
        not_needed,
        forms_note: rules.forms_note.clone(),
        cite: rules.cite.clone(),
        assumptions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i64, m: u32, d: u32) -> i64 {
        days_from_civil(y, m, d)
    }

    #[test]
    fn three_months_from_issue_covers_the_same_day_three_months_later() {
        // Issued 3/16: counting from 3/17, ends 6/16.
        assert_eq!(valid_until(day(2026, 3, 16), 3), day(2026, 6, 16));
        assert_eq!(valid_until(day(2026, 3, 15), 3), day(2026, 6, 15));
        assert_eq!(earliest_issue(day(2026, 6, 16), 3), day(2026, 3, 16));
        // Month ends: issued 11/30 → counting from 12/1 → ends 2/28 (no 3/1-1 issue).
        assert_eq!(valid_until(day(2026, 11, 30), 3), day(2027, 2, 28));
        // Issued 1/30 (2027): counting from 1/31; April has no 31st → ends 4/30.
        assert_eq!(valid_until(day(2027, 1, 30), 3), day(2027, 4, 30));
        // Deadline 5/31: issued 2/28, counting from 3/1, ends 5/31; 2/27 ends 5/27.
        assert_eq!(earliest_issue(day(2027, 5, 31), 3), day(2027, 2, 28));
        assert_eq!(valid_until(day(2027, 2, 27), 3), day(2027, 5, 27));
        // Three years for the 수준 확인서.
        assert_eq!(earliest_issue(day(2026, 6, 16), 36), day(2023, 6, 16));
    }

    #[test]
    fn earliest_issue_is_tight_on_both_sides() {
        for on in (day(2025, 1, 1)..day(2029, 1, 1)).step_by(7) {
            for months in [1_u32, 3, 12, 36] {
                let e = earliest_issue(on, months);
                assert!(valid_until(e, months) >= on);
                assert!(valid_until(e - 1, months) < on, "{on} {months}");
            }
        }
    }
}
