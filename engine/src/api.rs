//! One API, three doors: every tool is a function from JSON to JSON.
use crate::rules::Rules;

/// Version of the JSON shapes of every tool's input and output.
pub const SCHEMA_VERSION: u32 = 1;

/// Runs `tool` on `input` (JSON text) and returns JSON text: a result or a structured error.
pub fn eval(_rules: &Rules, tool: &str, _input: &str) -> String {
    serde_json::json!({
        "schema_version": SCHEMA_VERSION,
        "ok": false,
        "error": { "code": "unknown_tool", "message": format!("알 수 없는 도구입니다: {tool}") }
    })
    .to_string()
}
