//! Result rendering for the `self_assessment` tool page.
use serde_json::Value;

/// Renders the self-assessment result (filled in below).
pub fn render(_result: &Value, _root: &str) -> String {
    String::new()
}
