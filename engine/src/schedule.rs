//! Placeholder (being written).
use crate::error::ToolError;
use serde::{Deserialize, Serialize};

/// This tool's slice of the rules data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRules {}

impl ScheduleRules {
    pub fn validate(&self) -> Vec<crate::error::RuleIssue> {
        Vec::new()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {}

pub fn evaluate(_rules: &ScheduleRules, _input: &Input) -> Result<serde_json::Value, ToolError> {
    Err(ToolError::new("not_ready", "준비 중입니다."))
}
