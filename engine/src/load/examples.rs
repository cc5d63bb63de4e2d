//! Worked examples (`content/rules/examples/*.toml`): each runs one tool through [`api::eval`]
//! and compares the answer with `expect`, so the published figures can't drift from the engine.
//!
//! ```toml
//! [[example]]
//! name = "2년, 최대 지원"
//! tool = "budget"
//! input = { years = [ … ] }            # the tool input, as TOML
//! expect = { overall = { total = 1200000000 } }
//! ```
//!
//! `expect` is a JSON subset: every key given must match; arrays must have the same length and
//! are compared element by element; numbers compare by value (50 = 50.0). It is matched against
//! the tool's `result`, or against the whole envelope when it has a `result` or `error` key
//! (to check errors: `expect = { ok = false, error = { code = "invalid_input" } }`).
use super::{locate::line_of_key, RuleError};
use crate::api;
use crate::rules::Rules;
use serde::Deserialize;
use serde_json::Value;

/// One worked example.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub name: String,
    pub tool: String,
    pub input: toml::Value,
    pub expect: toml::Value,
    /// Free text for the reader (why this case matters); not checked.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFile {
    #[serde(default)]
    example: Vec<Example>,
}

/// Parses example files: (file, index in file, example).
pub fn parse_examples(
    files: &[(String, String)],
) -> Result<Vec<(String, usize, Example)>, Vec<RuleError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (file, text) in files {
        match toml::from_str::<ExampleFile>(text) {
            Ok(parsed) => out.extend(
                parsed
                    .example
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| (file.clone(), i, e)),
            ),
            Err(e) => errors.push(RuleError {
                file: file.clone(),
                line: e.span().map(|s| super::line_of_offset(text, s.start)),
                key: String::new(),
                message: e.message().trim().to_string(),
            }),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Runs the worked examples (`content/rules/examples/*.toml`) against `rules`;
/// returns one error per failing example (empty when all pass).
pub fn run_examples(rules: &Rules, files: &[(String, String)]) -> Vec<RuleError> {
    let examples = match parse_examples(files) {
        Ok(e) => e,
        Err(errors) => return errors,
    };
    let text_of = |file: &str| {
        files
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    };
    let mut errors = Vec::new();
    for (file, index, example) in examples {
        if let Err(message) = run_one(rules, &example) {
            errors.push(RuleError {
                file: file.clone(),
                line: line_of_key(text_of(&file), &format!("example[{index}]")),
                key: format!("example[{index}]"),
                message: format!("{}: {message}", example.name),
            });
        }
    }
    errors
}

/// Runs one example; `Err` says what differs.
pub fn run_one(rules: &Rules, example: &Example) -> Result<(), String> {
    let input = serde_json::to_string(&example.input).map_err(|e| e.to_string())?;
    let envelope = api::eval_to_value(rules, &example.tool, &input);
    let expect = serde_json::to_value(&example.expect).map_err(|e| e.to_string())?;
    let envelope_mode = expect.get("result").is_some() || expect.get("error").is_some();
    let actual = if envelope_mode {
        &envelope
    } else {
        match envelope.get("result") {
            Some(r) => r,
            None => {
                return Err(format!(
                    "the tool returned an error: {}",
                    envelope.get("error").unwrap_or(&Value::Null)
                ))
            }
        }
    };
    let mut diffs = Vec::new();
    subset_diff(&expect, actual, "", &mut diffs);
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(diffs.join("; "))
    }
}

/// Collects the places where `actual` does not contain `expect`.
pub fn subset_diff(expect: &Value, actual: &Value, path: &str, diffs: &mut Vec<String>) {
    let at = |p: &str| {
        if p.is_empty() {
            "(top)".to_string()
        } else {
            p.to_string()
        }
    };
    match (expect, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match a.get(k) {
                    Some(av) => subset_diff(ev, av, &p, diffs),
                    None => diffs.push(format!("{p}: missing in the output")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                diffs.push(format!(
                    "{}: expected {} elements, got {}: {}",
                    at(path),
                    e.len(),
                    a.len(),
                    actual
                ));
                return;
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                subset_diff(ev, av, &format!("{path}[{i}]"), diffs);
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let same = match (e.as_f64(), a.as_f64()) {
                (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                _ => e == a,
            };
            if !same {
                diffs.push(format!("{}: expected {e}, got {a}", at(path)));
            }
        }
        (e, a) => {
            if e != a {
                diffs.push(format!("{}: expected {e}, got {a}", at(path)));
            }
        }
    }
}
