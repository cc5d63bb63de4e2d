//! `afsite eval`: runs one self-check tool on JSON input with the site's rules, like the browser does.
use crate::error::{BuildError, BuildResult};
use std::io::Read;
use std::path::Path;

/// The tool's JSON output and whether it reported success (`"ok"` not `false`).
pub struct EvalOutcome {
    pub json: String,
    pub ok: bool,
}

/// Reads input from `source` (a file, or stdin for `-`/none) and evaluates `tool`.
pub fn run(root: &Path, tool: &str, source: Option<&str>) -> BuildResult<EvalOutcome> {
    let input = read_input(source).map_err(|e| vec![e])?;
    let rules = crate::rules_files::load_rules_only(root)?;
    let json = af_engine::api::eval(&rules, tool, &input);
    Ok(EvalOutcome {
        ok: reports_ok(&json),
        json,
    })
}

fn read_input(source: Option<&str>) -> Result<String, BuildError> {
    match source {
        None | Some("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|err| {
                BuildError::in_file("<stdin>", format!("읽을 수 없습니다: {err}"))
            })?;
            Ok(text)
        }
        Some(path) => std::fs::read_to_string(path)
            .map_err(|err| BuildError::in_file(path, format!("읽을 수 없습니다: {err}"))),
    }
}

/// False only when the output is JSON with `"ok": false` (or not JSON at all).
fn reports_ok(json: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(value) => value.get("ok") != Some(&serde_json::Value::Bool(false)),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_flag_is_read_from_the_json() {
        assert!(reports_ok(r#"{"ok": true, "result": {}}"#));
        assert!(!reports_ok(r#"{"ok": false, "error": {}}"#));
        assert!(!reports_ok("not json"));
    }
}
