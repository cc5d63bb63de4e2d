//! Thin browser binding of `af-engine`.
use wasm_bindgen::prelude::*;

/// Runs one engine tool: JSON in, JSON out. Never throws.
#[wasm_bindgen]
pub fn eval(rules_json: &str, tool: &str, input_json: &str) -> String {
    let rules = serde_json::from_str(rules_json).unwrap_or_default();
    af_engine::api::eval(&rules, tool, input_json)
}
