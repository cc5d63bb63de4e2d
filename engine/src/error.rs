//! Structured errors returned by the tools (never panics).
use serde::Serialize;

/// A tool could not give a result: the input was not usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolError {
    /// Machine-readable code: `invalid_json`, `invalid_input`, `unknown_tool`, `rules_missing`, …
    pub code: String,
    /// A Korean message for the visitor.
    pub message: String,
    /// Messages tied to input fields (dotted path, e.g. `years[0].company_cash`), shown at the field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub field_errors: Vec<FieldError>,
}

/// A message for one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl ToolError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_string(),
            message: message.into(),
            field_errors: Vec::new(),
        }
    }
}

/// A problem found while validating rules data: dotted key path and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleIssue {
    pub key: String,
    pub message: String,
}
