//! From the visitor's problems (annex 5 문제점) to application areas and case studies.
use super::rules::AutonomyRules;
use crate::error::ToolError;
use serde::Serialize;

/// An application area matching at least one chosen problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaMatch {
    pub id: String,
    pub name: String,
    pub technology: String,
    pub effect: String,
    pub stage: u8,
    pub stage_label: String,
    /// The chosen problems this area answers.
    pub problems: Vec<String>,
    /// How the area's stage compares with the self-assessed level.
    pub message: String,
    pub cite: String,
}

/// A case study illustrating one of the matched areas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseMatch {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub areas: Vec<String>,
    pub cite: String,
}

/// Areas in the order of the annex, then the cases that illustrate any of them.
pub fn match_problems(
    rules: &AutonomyRules,
    problems: &[String],
    level: u8,
) -> Result<(Vec<AreaMatch>, Vec<CaseMatch>), ToolError> {
    let mut chosen = Vec::with_capacity(problems.len());
    for (i, id) in problems.iter().enumerate() {
        let problem = rules.problems.iter().find(|p| &p.id == id).ok_or_else(|| {
            ToolError::invalid_field(
                format!("problems[{i}]"),
                format!("알 수 없는 문제점입니다: {id}"),
            )
        })?;
        if !chosen.contains(&problem) {
            chosen.push(problem);
        }
    }
    let areas: Vec<AreaMatch> = rules
        .areas
        .iter()
        .filter_map(|area| {
            let problems: Vec<String> = chosen
                .iter()
                .filter(|p| p.area == area.id)
                .map(|p| p.text.clone())
                .collect();
            if problems.is_empty() {
                return None;
            }
            let template = if area.stage > level {
                &rules.messages.area_above
            } else {
                &rules.messages.area_reached
            };
            let message = template
                .replace("{stage_label}", &area.stage_label)
                .replace("{stage}", &area.stage.to_string())
                .replace("{level}", &level.to_string());
            Some(AreaMatch {
                id: area.id.clone(),
                name: area.name.clone(),
                technology: area.technology.clone(),
                effect: area.effect.clone(),
                stage: area.stage,
                stage_label: area.stage_label.clone(),
                problems,
                message,
                cite: area.cite.clone(),
            })
        })
        .collect();
    let cases = rules
        .cases
        .iter()
        .filter_map(|case| {
            let matched: Vec<String> = areas
                .iter()
                .filter(|a| case.areas.contains(&a.id))
                .map(|a| a.name.clone())
                .collect();
            (!matched.is_empty()).then(|| CaseMatch {
                id: case.id.clone(),
                title: case.title.clone(),
                summary: case.summary.clone(),
                areas: matched,
                cite: case.cite.clone(),
            })
        })
        .collect();
    Ok((areas, cases))
}
