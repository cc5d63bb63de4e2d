//! The self-assessment data: the five levels of annex 3, the questionnaire (dimensions whose
//! options each describe one level), and annex 5's problems, application areas and cases.
use crate::error::{check_cite, Assumption, RuleIssue};
use serde::{Deserialize, Serialize};

/// This tool's slice of the rules data (`content/rules/autonomy.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutonomyRules {
    /// "This is a self-check, not the official 수준확인", shown with every result.
    #[serde(default)]
    pub disclaimer: Disclaimer,
    /// Labels of the two answers every dimension has besides its level options.
    #[serde(default)]
    pub none_label: String,
    #[serde(default)]
    pub unknown_label: String,
    /// Name shown when not even level 1 holds.
    #[serde(default)]
    pub below_first_label: String,
    #[serde(default)]
    pub messages: Messages,
    #[serde(default, rename = "level")]
    pub levels: Vec<Level>,
    #[serde(default, rename = "dimension")]
    pub dimensions: Vec<Dimension>,
    #[serde(default, rename = "problem")]
    pub problems: Vec<Problem>,
    #[serde(default, rename = "area")]
    pub areas: Vec<Area>,
    #[serde(default, rename = "case")]
    pub cases: Vec<Case>,
    #[serde(default, rename = "assumption")]
    pub assumptions: Vec<Assumption>,
}

/// Templates; `{stage_label}`, `{stage}` and `{level}` are filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    /// The area's stage is above the self-assessed level.
    pub area_above: String,
    /// The self-assessed level already reaches the area's stage.
    pub area_reached: String,
}

/// A statement shown with every result, and where it comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disclaimer {
    pub message: String,
    pub cite: String,
}

/// One of the five levels, and the dimensions whose answers must reach it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub number: u8,
    /// 정의 (e.g. 시뮬레이션 (simulation)).
    pub name: String,
    /// 주요 내용.
    pub summary: String,
    /// The guide page for this level (`guide/level-N`).
    pub guide: String,
    pub cite: String,
    /// Dimensions that must be at this level or above for the level to hold (gated).
    pub required: Vec<String>,
}

/// One question: an aspect of the factory, answered by picking the option that describes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
    pub cite: String,
    #[serde(rename = "option")]
    pub options: Vec<LevelOption>,
}

/// An option: a descriptor of the level it evidences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelOption {
    pub id: String,
    pub level: u8,
    pub text: String,
}

/// A problem from annex 5's 문제점 column, pointing to its application area.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    pub id: String,
    pub text: String,
    pub area: String,
}

/// An application area (적용분야) with its expected effect and stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub name: String,
    pub technology: String,
    pub effect: String,
    /// The level number of 단계 (e.g. 3 for "3단계 -모의-").
    pub stage: u8,
    /// The 단계 cell as in the notice.
    pub stage_label: String,
    pub cite: String,
}

/// A case study and the application areas it illustrates (our reading of annex 5's cases).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub cite: String,
    pub areas: Vec<String>,
}

/// Reserved answer ids.
pub const NONE: &str = "none";
pub const UNKNOWN: &str = "unknown";

impl AutonomyRules {
    /// Checks numbering, references and reachability (a level's required dimension must have an
    /// option at that level or above), unique ids and cites.
    pub fn validate(&self) -> Vec<RuleIssue> {
        let mut issues = Vec::new();
        check_cite("disclaimer.cite", &self.disclaimer.cite, &mut issues);
        let top = u8::try_from(self.levels.len()).unwrap_or(u8::MAX);
        for (i, level) in self.levels.iter().enumerate() {
            let key = format!("level[{i}]");
            if usize::from(level.number) != i.saturating_add(1) {
                issues.push(RuleIssue::new(
                    format!("{key}.number"),
                    "levels must be numbered 1, 2, … in order",
                ));
            }
            check_cite(&format!("{key}.cite"), &level.cite, &mut issues);
            check_cite(&format!("{key}.guide"), &level.guide, &mut issues);
            for dim in &level.required {
                match self.dimensions.iter().find(|d| &d.id == dim) {
                    None => issues.push(RuleIssue::new(
                        format!("{key}.required"),
                        format!("unknown dimension {dim:?}"),
                    )),
                    Some(d) if !d.options.iter().any(|o| o.level >= level.number) => {
                        issues.push(RuleIssue::new(
                            format!("{key}.required"),
                            format!(
                                "dimension {dim:?} has no option at level {} or above",
                                level.number
                            ),
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
        let mut option_ids: Vec<&str> = vec![NONE, UNKNOWN];
        let mut dim_ids: Vec<&str> = Vec::new();
        for (i, dim) in self.dimensions.iter().enumerate() {
            let key = format!("dimension[{i}]");
            if dim.id.is_empty() || dim_ids.contains(&dim.id.as_str()) {
                issues.push(RuleIssue::new(
                    format!("{key}.id"),
                    "id must be non-empty and unique",
                ));
            }
            dim_ids.push(&dim.id);
            check_cite(&format!("{key}.cite"), &dim.cite, &mut issues);
            for (j, option) in dim.options.iter().enumerate() {
                if option.id.is_empty() || option_ids.contains(&option.id.as_str()) {
                    issues.push(RuleIssue::new(
                        format!("{key}.option[{j}].id"),
                        "id must be unique and not none/unknown",
                    ));
                }
                option_ids.push(&option.id);
                if option.level == 0 || option.level > top {
                    issues.push(RuleIssue::new(
                        format!("{key}.option[{j}].level"),
                        "level must be one of the levels",
                    ));
                }
            }
        }
        for (i, p) in self.problems.iter().enumerate() {
            if !self.areas.iter().any(|a| a.id == p.area) {
                issues.push(RuleIssue::new(
                    format!("problem[{i}].area"),
                    format!("unknown area {:?}", p.area),
                ));
            }
        }
        for (i, a) in self.areas.iter().enumerate() {
            check_cite(&format!("area[{i}].cite"), &a.cite, &mut issues);
            if a.stage == 0 || a.stage > top {
                issues.push(RuleIssue::new(
                    format!("area[{i}].stage"),
                    "stage must be one of the levels",
                ));
            }
        }
        for (i, c) in self.cases.iter().enumerate() {
            check_cite(&format!("case[{i}].cite"), &c.cite, &mut issues);
            for area in &c.areas {
                if !self.areas.iter().any(|a| &a.id == area) {
                    issues.push(RuleIssue::new(
                        format!("case[{i}].areas"),
                        format!("unknown area {area:?}"),
                    ));
                }
            }
        }
        for (i, a) in self.assumptions.iter().enumerate() {
            check_cite(&format!("assumption[{i}].cite"), &a.cite, &mut issues);
        }
        issues
    }
}
