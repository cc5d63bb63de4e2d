//! Structured errors returned by the tools (never panics), and the explanation types every
//! answer carries: a result the visitor can't trace back to the notice is not worth showing.
use serde::{Deserialize, Serialize};

/// A tool could not give a result: the input was not usable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ToolError {
    /// Machine-readable code: `invalid_json`, `invalid_input`, `unknown_tool`, `rules_missing`,
    /// `not_ready`, `out_of_range`, `internal`.
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

    /// The input is well-formed JSON but a value is not usable; `field` is the dotted path.
    pub fn invalid_field(field: impl Into<String>, message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            code: "invalid_input".to_string(),
            message: message.clone(),
            field_errors: vec![FieldError {
                field: field.into(),
                message,
            }],
        }
    }

    /// A computation left the safe range (absurd inputs): an answer, never a wrap or a panic.
    pub fn out_of_range(what: &str) -> Self {
        Self::new(
            "out_of_range",
            format!("계산 범위를 벗어났습니다({what}). 입력한 금액·값을 확인해 주세요."),
        )
    }

    /// Adds a field message (several problems may be reported at once).
    pub fn with_field(mut self, field: impl Into<String>, message: impl Into<String>) -> Self {
        self.field_errors.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
        self
    }
}

impl std::fmt::Display for ToolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        for fe in &self.field_errors {
            write!(f, "; {}: {}", fe.field, fe.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ToolError {}

/// Something the notice does not settle, and how the engine read it. Shown with every answer
/// that rests on it, with the notice passage (`cite`, `page-path#anchor`) that left it open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assumption {
    pub message: String,
    pub cite: String,
}

impl Assumption {
    pub fn new(message: impl Into<String>, cite: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            cite: cite.into(),
        }
    }
}

/// A problem found while validating rules data: dotted key path and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleIssue {
    pub key: String,
    pub message: String,
}

impl RuleIssue {
    pub fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            message: message.into(),
        }
    }
}

/// Checks that a `cite` looks like `page-path#anchor` or a bare page path (`cases/case-1`);
/// whether the anchor exists is the builder's job (it knows the pages).
pub fn check_cite(key: &str, cite: &str, issues: &mut Vec<RuleIssue>) {
    let valid_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '_' | '#');
    let ok = !cite.is_empty()
        && cite.chars().all(valid_char)
        && cite.matches('#').count() <= 1
        && !cite.starts_with(['/', '#'])
        && !cite.ends_with(['/', '#']);
    if !ok {
        issues.push(RuleIssue::new(
            key,
            format!("cite must be \"page-path#anchor\" or a page path, got {cite:?}"),
        ));
    }
}
