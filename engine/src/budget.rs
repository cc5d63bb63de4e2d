//! Placeholder: the budget tool (being written).
use crate::error::ToolError;
use serde::{Deserialize, Serialize};

/// This tool's slice of the rules data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BudgetRules {}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetInput {}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetMaxInput {}

pub fn evaluate(
    _rules: &BudgetRules,
    _input: &BudgetInput,
) -> Result<serde_json::Value, ToolError> {
    Err(ToolError::new("not_ready", "준비 중입니다."))
}

pub fn evaluate_max(
    _rules: &BudgetRules,
    _input: &BudgetMaxInput,
) -> Result<serde_json::Value, ToolError> {
    Err(ToolError::new("not_ready", "준비 중입니다."))
}
