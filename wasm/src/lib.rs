//! Thin browser binding of `af-engine`: the page hands over the rules (the same JSON the builder
//! publishes as `assets/rules.<hash>.json`) once, then asks for one tool at a time with JSON text.
//!
//! All logic lives in the engine so that the browser, the builder and the CLI give the same
//! answers; this crate only converts between JS strings and the engine's JSON door. Nothing here
//! may trap: a trap would leave the page's module in a broken state, so every failure becomes a
//! JS `Error` (constructor) or a JSON error envelope (`eval`).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use af_engine::rules::Rules;
use wasm_bindgen::prelude::*;

/// The rules engine with the program's rules loaded.
#[wasm_bindgen]
pub struct Engine {
    rules: Rules,
}

#[wasm_bindgen]
impl Engine {
    /// Parses the rules JSON. Bad JSON is reported as a JS `Error` with a Korean message (and the
    /// parser's English detail), because a page without valid rules cannot answer anything.
    #[wasm_bindgen(constructor)]
    pub fn new(rules_json: &str) -> Result<Engine, JsError> {
        parse_rules(rules_json)
            .map(|rules| Engine { rules })
            .map_err(|msg| JsError::new(&msg))
    }

    /// Runs one tool (`eligibility`, `budget`, `money`, …) on its JSON input and returns the JSON
    /// envelope (`{"schema_version":1,"ok":…}`). Never throws: every problem is in the envelope.
    pub fn eval(&self, tool: &str, input_json: &str) -> String {
        af_engine::api::eval(&self.rules, tool, input_json)
    }
}

/// Reads a Korean money string ("3억 5천만원", "300,000,000") for a form that shows the amount as
/// the visitor types. Returns the same JSON envelope as the `money` tool (it is that tool), so the
/// page handles one shape; never throws.
#[wasm_bindgen]
pub fn parse_won(text: &str) -> String {
    let input = serde_json::json!({ "value": text }).to_string();
    af_engine::api::eval(&Rules::default(), "money", &input)
}

/// Formats a money string as "350,000,000원 (3억 5,000만 원)", or returns "" when it cannot be
/// read (the page then shows the reason from [`parse_won`]).
#[wasm_bindgen]
pub fn format_won(text: &str) -> String {
    af_engine::money::parse_won(text)
        .map(af_engine::money::format_won)
        .unwrap_or_default()
}

/// Parses rules JSON into the engine's rules, with a message fit for a developer console.
fn parse_rules(rules_json: &str) -> Result<Rules, String> {
    // serde would also read a struct from a JSON array (`[]` → all defaults); the rules file is
    // always an object, so anything else is a wrong file, not empty rules.
    if !rules_json.trim_start().starts_with('{') {
        return Err(
            "규칙 데이터(JSON)는 객체({ … })여야 합니다. / The rules JSON must be an object."
                .to_string(),
        );
    }
    // Text → `Value` → `Rules` through the engine's one deserializer (`af_engine::de`): serde_json's
    // text deserializer is generic over each struct and would be a second copy of every rules
    // struct's code; the tool inputs are read from a `Value` by the same deserializer.
    let value: serde_json::Value = serde_json::from_str(rules_json).map_err(|e| {
        format!("규칙 데이터(JSON)를 읽을 수 없습니다. / Cannot parse the rules JSON: {e}")
    })?;
    Rules::from_json_value(&value).map_err(|e| {
        format!("규칙 데이터(JSON)를 읽을 수 없습니다. / Cannot parse the rules JSON: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rules_json_is_an_error_message_not_a_panic() {
        let err = parse_rules("{not json").err().unwrap_or_default();
        assert!(err.contains("규칙 데이터"), "{err}");
        assert!(err.contains("Cannot parse the rules JSON"), "{err}");
    }

    #[test]
    fn rules_must_be_an_object() {
        for bad in ["[]", "null", "3", ""] {
            let err = parse_rules(bad).err().unwrap_or_default();
            assert!(err.contains("규칙 데이터"), "{bad}: {err}");
        }
    }

    #[test]
    fn empty_object_is_accepted_as_rules() {
        // Every rules field has a default, so `{}` parses; tools then report missing rules.
        assert!(parse_rules("{}").is_ok());
    }
}
