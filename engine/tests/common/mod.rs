//! Shared helpers for the integration tests: the real rules and examples from `content/rules/`.
#![allow(dead_code)]
use af_engine::rules::Rules;
use std::path::{Path, PathBuf};

pub fn content_rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/rules")
}

/// `(path, text)` of every `*.toml` directly in `dir`, sorted by name.
pub fn toml_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable rules file");
            (p.display().to_string(), text)
        })
        .collect();
    files.sort();
    files
}

pub fn rule_files() -> Vec<(String, String)> {
    toml_files(&content_rules_dir())
}

pub fn example_files() -> Vec<(String, String)> {
    toml_files(&content_rules_dir().join("examples"))
}

/// The real rules (parsed once per test binary); panics with every located error.
pub fn rules() -> Rules {
    static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
    RULES.get_or_init(load_rules).clone()
}

fn load_rules() -> Rules {
    match af_engine::load::from_toml_files(&rule_files()) {
        Ok(r) => r,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("rules don't load:\n{}", lines.join("\n"));
        }
    }
}

/// Runs a tool and parses the envelope.
pub fn eval(rules: &Rules, tool: &str, input: &serde_json::Value) -> serde_json::Value {
    let out = af_engine::api::eval(rules, tool, &input.to_string());
    serde_json::from_str(&out).expect("eval always returns JSON")
}
