//! The eligibility rules data: roles, question groups, questions and the lists of programs
//! (annex 1) that questions point to. The web form is rendered from the same data.
use super::check::Outcome;
use crate::error::{check_cite, Assumption, RuleIssue};
use crate::score::common::Answer;
use serde::{Deserialize, Serialize};

/// This tool's slice of the rules data (`content/rules/eligibility.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRules {
    /// Labels of the three answers (예 / 아니요 / 잘 모르겠음).
    #[serde(default)]
    pub answer_labels: AnswerLabels,
    #[serde(default, rename = "role")]
    pub roles: Vec<Role>,
    /// Form sections, in display order.
    #[serde(default, rename = "group")]
    pub groups: Vec<Group>,
    #[serde(default, rename = "list")]
    pub lists: Vec<NamedList>,
    #[serde(default, rename = "question")]
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerLabels {
    pub yes: String,
    pub no: String,
    pub unknown: String,
}

/// 도입기업, 공급기업 or 기획기관, with the verdict messages and the readings it rests on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub label: String,
    pub cite: String,
    pub eligible_message: String,
    pub needs_checking_message: String,
    pub not_eligible_message: String,
    /// Id of the application window (`content/rules/schedule.toml`) this role applies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    #[serde(default, rename = "assumption")]
    pub assumptions: Vec<Assumption>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub label: String,
}

/// A list from the notice (e.g. annex 1's participation-restriction programs).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedList {
    pub id: String,
    pub title: String,
    pub cite: String,
    #[serde(rename = "item")]
    pub items: Vec<ListItem>,
}

/// One entry of a list: a program and, where the notice gives it, where to check or the rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// The kind of answer a question takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 예 / 아니요 / 잘 모르겠음.
    #[default]
    YesNo,
    /// A whole number compared with `min` (이상), or 잘 모르겠음.
    Count,
}

/// One question of the form and what each answer means.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub roles: Vec<String>,
    pub group: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    #[serde(default)]
    pub kind: Kind,
    /// Count questions: the unit shown after the number (건, 인).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Count questions: the threshold, inclusive (이상).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    pub cite: String,
    /// Id of a [`NamedList`] shown with the question and with a non-eligible answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list: Option<String>,
    /// Questions that a "예" here makes moot (e.g. 지역테크노파크 is designated by default).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waives: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waived_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<AnswerRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<AnswerRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<AnswerRule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<AnswerRule>,
    pub unknown: AnswerRule,
}

/// What one answer leads to. `{value}` and `{min}` in the texts are replaced for counts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRule {
    pub outcome: Outcome,
    pub message: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_step: String,
}

impl EligibilityRules {
    /// Checks ids, references between questions, roles and lists, answer rules per kind, and
    /// that "잘 모르겠음" always leads to "확인 필요".
    pub fn validate(&self) -> Vec<RuleIssue> {
        let mut issues = Vec::new();
        let role_ids: Vec<&str> = self.roles.iter().map(|r| r.id.as_str()).collect();
        unique("role", role_ids.iter().copied(), &mut issues);
        unique(
            "group",
            self.groups.iter().map(|g| g.id.as_str()),
            &mut issues,
        );
        unique(
            "list",
            self.lists.iter().map(|l| l.id.as_str()),
            &mut issues,
        );
        unique(
            "question",
            self.questions.iter().map(|q| q.id.as_str()),
            &mut issues,
        );
        for (i, role) in self.roles.iter().enumerate() {
            check_cite(&format!("role[{i}].cite"), &role.cite, &mut issues);
            for (j, a) in role.assumptions.iter().enumerate() {
                check_cite(
                    &format!("role[{i}].assumption[{j}].cite"),
                    &a.cite,
                    &mut issues,
                );
            }
            if !self.questions.iter().any(|q| q.roles.contains(&role.id)) {
                issues.push(RuleIssue::new(
                    format!("role[{i}]"),
                    "role has no questions",
                ));
            }
        }
        for (i, list) in self.lists.iter().enumerate() {
            check_cite(&format!("list[{i}].cite"), &list.cite, &mut issues);
        }
        for (i, q) in self.questions.iter().enumerate() {
            self.validate_question(&format!("question[{i}]"), q, &role_ids, &mut issues);
        }
        issues
    }

    fn validate_question(
        &self,
        key: &str,
        q: &Question,
        roles: &[&str],
        issues: &mut Vec<RuleIssue>,
    ) {
        check_cite(&format!("{key}.cite"), &q.cite, issues);
        if q.roles.is_empty() || q.roles.iter().any(|r| !roles.contains(&r.as_str())) {
            issues.push(RuleIssue::new(
                format!("{key}.roles"),
                "roles must be known role ids",
            ));
        }
        if !self.groups.iter().any(|g| g.id == q.group) {
            issues.push(RuleIssue::new(
                format!("{key}.group"),
                format!("unknown group {:?}", q.group),
            ));
        }
        if let Some(list) = &q.list {
            if !self.lists.iter().any(|l| &l.id == list) {
                issues.push(RuleIssue::new(
                    format!("{key}.list"),
                    format!("unknown list {list:?}"),
                ));
            }
        }
        for id in &q.waives {
            let target = self.questions.iter().find(|t| &t.id == id);
            if target.is_none() || id == &q.id {
                issues.push(RuleIssue::new(
                    format!("{key}.waives"),
                    format!("unknown question {id:?}"),
                ));
            }
        }
        if !q.waives.is_empty() && q.waived_message.is_none() {
            issues.push(RuleIssue::new(
                format!("{key}.waived_message"),
                "required with `waives`",
            ));
        }
        if q.unknown.outcome != Outcome::NeedsChecking {
            issues.push(RuleIssue::new(
                format!("{key}.unknown.outcome"),
                "\"잘 모르겠음\" must lead to needs_checking",
            ));
        }
        let (needed, forbidden) = match q.kind {
            Kind::YesNo => ([&q.yes, &q.no], [&q.at_least, &q.below]),
            Kind::Count => ([&q.at_least, &q.below], [&q.yes, &q.no]),
        };
        if needed.iter().any(|r| r.is_none()) || forbidden.iter().any(|r| r.is_some()) {
            issues.push(RuleIssue::new(
                key,
                "yes_no questions need `yes` and `no`; count questions need `min`, `at_least` and `below`",
            ));
        }
        if (q.kind == Kind::Count) != q.min.is_some() {
            issues.push(RuleIssue::new(
                format!("{key}.min"),
                "`min` is for count questions only, and required there",
            ));
        }
    }

    /// The label of an answer, for echoing it in a reason.
    pub fn answer_label(&self, answer: Answer) -> &str {
        match answer {
            Answer::Yes => &self.answer_labels.yes,
            Answer::No => &self.answer_labels.no,
            Answer::Unknown => &self.answer_labels.unknown,
        }
    }
}

fn unique<'a>(what: &str, ids: impl Iterator<Item = &'a str>, issues: &mut Vec<RuleIssue>) {
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        if id.is_empty() || seen.contains(&id) {
            issues.push(RuleIssue::new(
                what,
                format!("{what} id {id:?} is empty or repeated"),
            ));
        }
        seen.push(id);
    }
}
