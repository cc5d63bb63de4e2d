//! Thin browser binding of `af-engine`: the page hands over the rules (the JSON the builder
//! publishes for that page, `assets/rules-<module>.<hash>.json`) once, then asks for one tool at a
//! time, with a plain JS object (`run`) or JSON text (`eval`).
//!
//! All logic and all wording live in the engine so that the browser, the builder and the CLI give
//! the same answers; this crate only converts between JS values and the engine's JSON values.
//! Which tools a module answers is chosen by cargo features (one per rules file, forwarded to
//! `af-engine`); `wasm/modules.rs` says which page gets which. Nothing here may trap: a trap
//! would leave the page's module in a broken state, so every failure becomes a JS `Error`
//! (constructor) or an error envelope (`eval`, `run`).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod js;

use af_engine::rules::Rules;
use wasm_bindgen::prelude::*;

/// The rules engine with the program's rules loaded.
#[wasm_bindgen]
pub struct Engine {
    rules: Rules,
}

#[wasm_bindgen]
impl Engine {
    /// Parses the rules JSON. Bad JSON is reported as a JS `Error` with the engine's message,
    /// because a page without valid rules cannot answer anything.
    #[wasm_bindgen(constructor)]
    pub fn new(rules_json: &str) -> Result<Engine, JsError> {
        Rules::from_json_str(rules_json)
            .map(|rules| Engine { rules })
            .map_err(|msg| JsError::new(&msg))
    }

    /// Runs one tool (`eligibility`, `budget`, `money`, …) on its JSON input and returns the JSON
    /// envelope (`{"schema_version":1,"ok":…}`). Never throws: every problem is in the envelope.
    pub fn eval(&self, tool: &str, input_json: &str) -> String {
        af_engine::api::eval(&self.rules, tool, input_json)
    }

    /// Runs one tool on a plain JS object and returns the envelope as a JS object: the same
    /// answer as `JSON.parse(eval(tool, JSON.stringify(input)))`, without JSON text on either
    /// side. Never throws.
    pub fn run(&self, tool: &str, input: JsValue) -> JsValue {
        let envelope = match js::to_json(&input) {
            Some(value) => af_engine::api::eval_from_value(&self.rules, tool, &value),
            None => af_engine::api::too_deep(tool),
        };
        js::from_json(&envelope)
    }
}

/// The tools this module answers (`["budget", "budget_max", "small_business", "money"]` on the
/// budget page), in the engine's order.
#[wasm_bindgen]
pub fn tools() -> js_sys::Array {
    af_engine::api::tools()
        .into_iter()
        .map(JsValue::from_str)
        .collect()
}

/// Reads a Korean money string (eok/man units or plain digits, see `af_engine::money`) for a form
/// that shows the amount as the visitor types. Returns the same JSON envelope as the `money` tool
/// (it is that tool), so the page handles one shape; never throws.
#[wasm_bindgen]
pub fn parse_won(text: &str) -> String {
    let input = serde_json::json!({ "value": text });
    af_engine::api::eval_from_value(&Rules::default(), "money", &input).to_string()
}

/// Formats an amount (a money string such as "350000000" or one in eok/man units, or a JS number)
/// with the engine's formatter (`af_engine::money::format_won`), or returns "" when it cannot be
/// read (the page then shows the reason from [`parse_won`]).
#[wasm_bindgen]
pub fn format_won(amount: JsValue) -> String {
    let text = match (amount.as_string(), amount.as_f64()) {
        (Some(text), _) => text,
        (None, Some(n)) => match js::number(n) {
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return String::new(),
        },
        _ => return String::new(),
    };
    af_engine::money::parse_won(&text)
        .map(af_engine::money::format_won)
        .unwrap_or_default()
}

/// The URL of a rules `cite` (`notice/03-application#eligibility`) from a page whose root
/// prefix is `root` (`../../`): the engine's one cite → URL function, as the builder uses it.
#[wasm_bindgen]
pub fn cite_href(root: &str, cite: &str) -> String {
    af_engine::cite::cite_href(root, cite)
}
