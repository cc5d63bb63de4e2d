//! One API, three doors: every tool is a function from JSON to JSON.
//!
//! The builder, the CLI (`afsite eval`) and the browser (WASM) all call [`eval`], so a visitor's
//! self-check and a worked example in the docs go through exactly the same code. The envelope:
//!
//! - success: `{"schema_version":1,"ok":true,"tool":"budget","result":{…}}`
//! - failure: `{"schema_version":1,"ok":false,"tool":"budget","error":{"code":…,"message":…,"field_errors":[…]}}`
use crate::error::ToolError;
use crate::rules::Rules;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Version of the JSON shapes of every tool's input and output.
pub const SCHEMA_VERSION: u32 = 1;

/// Every tool name [`eval`] answers to.
pub const TOOLS: &[&str] = &[
    "eligibility",
    "budget",
    "budget_max",
    "budget_plan",
    "budget_for_support",
    "score",
    "kpi",
    "self_assessment",
    "small_business",
    "application_window",
    "documents",
    "money",
];

/// Runs `tool` on `input` (JSON text) and returns JSON text: a result or a structured error.
/// Never panics, whatever the input.
pub fn eval(rules: &Rules, tool: &str, input: &str) -> String {
    eval_to_value(rules, tool, input).to_string()
}

/// Like [`eval`], but returns the envelope as a [`Value`] (for the builder and tests).
pub fn eval_to_value(rules: &Rules, tool: &str, input: &str) -> Value {
    envelope(tool, eval_value(rules, tool, input))
}

/// Like [`eval_to_value`], for an input that is already a [`Value`] (the browser's typed door:
/// no JSON text on either side). Same envelope, same checks.
pub fn eval_from_value(rules: &Rules, tool: &str, input: &Value) -> Value {
    envelope(
        tool,
        known_tool(tool).and_then(|()| eval_input(rules, tool, input)),
    )
}

/// The tools this build answers: all of [`TOOLS`], unless the engine was built with only some of
/// its rules features (a browser page module). Found by asking, so there is no second list.
pub fn tools() -> Vec<&'static str> {
    let empty = Value::Object(serde_json::Map::new());
    TOOLS
        .iter()
        .copied()
        .filter(|tool| {
            !matches!(dispatch(&Rules::default(), tool, &empty), Err(e) if e.code == "unknown_tool")
        })
        .collect()
}

/// How deep a typed input ([`eval_from_value`]) may nest; as serde_json's limit for text.
pub const MAX_INPUT_DEPTH: usize = 128;

/// The envelope for a typed input nested deeper than [`MAX_INPUT_DEPTH`] (or cyclic), which a
/// binding refuses before converting it.
pub fn too_deep(tool: &str) -> Value {
    envelope(
        tool,
        Err(ToolError::new(
            "invalid_input",
            "입력의 중첩이 너무 깊습니다.",
        )),
    )
}

fn envelope(tool: &str, outcome: Result<Value, ToolError>) -> Value {
    match outcome {
        Ok(result) => serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "ok": true,
            "tool": tool,
            "result": result,
        }),
        Err(error) => serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "ok": false,
            "tool": tool,
            "error": error,
        }),
    }
}

/// Parses the input (syntax errors are `invalid_json`), then dispatches.
fn eval_value(rules: &Rules, tool: &str, input: &str) -> Result<Value, ToolError> {
    known_tool(tool)?;
    // serde_json keeps its recursion limit (128) here: deep nesting is an error, not a crash.
    let value: Value = serde_json::from_str(input).map_err(|e| {
        ToolError::new(
            "invalid_json",
            format!(
                "입력이 올바른 JSON이 아닙니다({}행 {}열): {}",
                e.line(),
                e.column(),
                json_error_korean(&e)
            ),
        )
    })?;
    eval_input(rules, tool, &value)
}

fn known_tool(tool: &str) -> Result<(), ToolError> {
    if TOOLS.contains(&tool) {
        return Ok(());
    }
    Err(ToolError::new(
        "unknown_tool",
        format!(
            "알 수 없는 도구입니다: {tool}. 사용할 수 있는 도구: {}",
            TOOLS.join(", ")
        ),
    ))
}

fn eval_input(rules: &Rules, tool: &str, value: &Value) -> Result<Value, ToolError> {
    if !value.is_object() {
        return Err(ToolError::new(
            "invalid_input",
            "입력은 JSON 객체({ … })여야 합니다.",
        ));
    }
    dispatch(rules, tool, value)
}

fn dispatch(rules: &Rules, tool: &str, input: &Value) -> Result<Value, ToolError> {
    match tool {
        "money" => run(input, |i| Ok(crate::money::evaluate(i))),
        #[cfg(feature = "budget")]
        "budget" => {
            require(&rules.budget, "budget")?;
            run(input, |i| crate::budget::evaluate(&rules.budget, i))
        }
        #[cfg(feature = "budget")]
        "budget_max" => {
            require(&rules.budget, "budget")?;
            run(input, |i| crate::budget::evaluate_max(&rules.budget, i))
        }
        #[cfg(feature = "budget")]
        "budget_plan" => {
            require(&rules.budget, "budget")?;
            run(input, |i| crate::budget::evaluate_plan(&rules.budget, i))
        }
        #[cfg(feature = "budget")]
        "budget_for_support" => {
            require(&rules.budget, "budget")?;
            run(input, |i| {
                crate::budget::evaluate_for_support(&rules.budget, i)
            })
        }
        #[cfg(feature = "small_business")]
        "small_business" => {
            require(&rules.small_business, "small_business")?;
            run(input, |i| {
                crate::small_business::evaluate(&rules.small_business, i)
            })
        }
        // No page runs it in the browser (the builder words the banner with it), so a module whose
        // page needs the schedule rules (eligibility) does not carry it: only the full engine has it.
        #[cfg(all(feature = "schedule", feature = "tools"))]
        "application_window" => {
            require(&rules.schedule, "schedule")?;
            run(input, |i| crate::schedule::evaluate(&rules.schedule, i))
        }
        #[cfg(feature = "eligibility")]
        "eligibility" => {
            require(&rules.eligibility, "eligibility")?;
            run(input, |i| {
                crate::eligibility::evaluate_with_schedule(&rules.eligibility, &rules.schedule, i)
            })
        }
        #[cfg(feature = "score")]
        "score" => {
            require(&rules.score, "score")?;
            run(input, |i| crate::score::evaluate(&rules.score, i))
        }
        #[cfg(feature = "documents")]
        "documents" => {
            require(&rules.documents, "documents")?;
            require(&rules.schedule, "schedule")?;
            run(input, |i| {
                crate::documents::evaluate(&rules.documents, &rules.schedule, &rules.score, i)
            })
        }
        #[cfg(feature = "kpi")]
        "kpi" => {
            require(&rules.kpi, "kpi")?;
            run(input, |i| crate::kpi::evaluate(&rules.kpi, i))
        }
        #[cfg(feature = "autonomy")]
        "self_assessment" => {
            require(&rules.autonomy, "autonomy")?;
            run(input, |i| crate::autonomy::evaluate(&rules.autonomy, i))
        }
        _ => Err(ToolError::new(
            "unknown_tool",
            format!("알 수 없는 도구입니다: {tool}"),
        )),
    }
}

/// A module whose rules file was not loaded has the default (empty) rules: say so instead of
/// answering from nothing.
fn require<R: Default + PartialEq>(rules: &R, file_stem: &str) -> Result<(), ToolError> {
    if *rules == R::default() {
        return Err(ToolError::new(
            "rules_missing",
            format!("규칙 데이터(content/rules/{file_stem}.toml)가 없어 계산할 수 없습니다."),
        ));
    }
    Ok(())
}

/// Deserializes the tool input (naming the failing field) and serializes the output.
fn run<I, O, F>(input: &Value, f: F) -> Result<Value, ToolError>
where
    I: DeserializeOwned,
    O: Serialize,
    F: FnOnce(&I) -> Result<O, ToolError>,
{
    let parsed: I = parse_input(input)?;
    let output = f(&parsed)?;
    serde_json::to_value(output)
        .map_err(|e| ToolError::new("internal", format!("결과를 만들지 못했습니다: {e}")))
}

/// Deserializes a tool input from JSON, mapping serde's English errors to a Korean message that
/// names the field (`years[0].company_cash`). Public so engine modules can share it in tests.
pub fn parse_input<I: DeserializeOwned>(input: &Value) -> Result<I, ToolError> {
    crate::de::from_value(input).map_err(|err| {
        let (field, message) = input_error_korean(&err.path(), err.message());
        ToolError::invalid_field(field, message)
    })
}

/// Joins a parent path and a field name ("." is the root).
fn join_path(parent: &str, name: &str) -> String {
    if parent.is_empty() || parent == "." {
        name.to_string()
    } else {
        format!("{parent}.{name}")
    }
}

/// Text between the first pair of backticks: serde quotes field and variant names that way.
fn first_quoted(text: &str) -> Option<&str> {
    let (_, rest) = text.split_once('`')?;
    let (name, _) = rest.split_once('`')?;
    Some(name)
}

/// Backticked names after "expected": the allowed fields or variants.
fn expected_list(text: &str) -> String {
    let Some((_, rest)) = text.split_once("expected") else {
        return String::new();
    };
    rest.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Maps a serde error message to (field path, Korean message).
fn input_error_korean(path: &str, raw: &str) -> (String, String) {
    let at_path = || {
        if path.is_empty() || path == "." {
            "(입력 전체)".to_string()
        } else {
            path.to_string()
        }
    };
    if raw.starts_with("unknown field") {
        let name = first_quoted(raw).unwrap_or("?");
        let allowed = expected_list(raw);
        let hint = if allowed.is_empty() {
            String::new()
        } else {
            format!(" 사용할 수 있는 항목: {allowed}")
        };
        // The path already points at the unknown key itself.
        let field = if path == name || path.ends_with(&format!(".{name}")) {
            path.to_string()
        } else {
            join_path(path, name)
        };
        return (
            field.clone(),
            format!("알 수 없는 항목입니다: {field}.{hint}"),
        );
    }
    if raw.starts_with("missing field") {
        let field = join_path(path, first_quoted(raw).unwrap_or("?"));
        return (field.clone(), format!("필수 항목이 없습니다: {field}"));
    }
    if raw.starts_with("unknown variant") {
        let allowed = expected_list(raw);
        return (
            at_path(),
            format!(
                "{}: 허용되지 않는 값입니다({}). 가능한 값: {allowed}",
                at_path(),
                first_quoted(raw).unwrap_or("?")
            ),
        );
    }
    if raw.starts_with("invalid type") || raw.starts_with("invalid value") {
        let expected = raw
            .split_once("expected ")
            .map(|(_, e)| e.to_string())
            .unwrap_or_default();
        return (
            at_path(),
            format!(
                "{}: 값의 형식이 맞지 않습니다(필요한 형식: {}).",
                at_path(),
                korean_expected(&expected)
            ),
        );
    }
    if raw.starts_with("invalid length") {
        return (
            at_path(),
            format!("{}: 항목 수가 맞지 않습니다.", at_path()),
        );
    }
    // Custom messages (money, dates, …) are already Korean. Anything else from serde (English,
    // e.g. "data did not match any variant of untagged enum …") never reaches a field.
    if !raw.chars().any(|c| ('가'..='힣').contains(&c)) {
        return (
            at_path(),
            format!(
                "{}: 값의 형식이 맞지 않습니다. 안내된 형식으로 다시 입력해 주세요.",
                at_path()
            ),
        );
    }
    (at_path(), format!("{}: {raw}", at_path()))
}

/// serde's type names in Korean, for the common ones.
fn korean_expected(expected: &str) -> String {
    let e = expected.trim();
    let known = [
        ("a boolean", "참/거짓(true/false)"),
        ("a string", "문자열"),
        ("a sequence", "배열([ … ])"),
        ("u8", "0 이상의 정수"),
        ("u16", "0 이상의 정수"),
        ("u32", "0 이상의 정수"),
        ("u64", "0 이상의 정수"),
        ("usize", "0 이상의 정수"),
        ("i64", "정수"),
        ("f64", "숫자"),
    ];
    for (en, ko) in known {
        if e == en {
            return ko.to_string();
        }
    }
    if e.starts_with("struct") || e.starts_with("a map") {
        return "객체({ … })".to_string();
    }
    if e.chars().any(|c| ('가'..='힣').contains(&c)) {
        // A visitor's own description (money, answers, dates) is already Korean.
        return e.to_string();
    }
    if e.starts_with('i') || e.starts_with('u') || e.starts_with('f') {
        return "숫자".to_string();
    }
    "안내된 형식의 값".to_string()
}

fn json_error_korean(e: &serde_json::Error) -> String {
    let raw = e.to_string();
    if raw.contains("recursion limit") {
        "중첩이 너무 깊습니다.".to_string()
    } else if e.is_eof() {
        "입력이 중간에 끝났습니다.".to_string()
    } else {
        "문법 오류입니다.".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(tool: &str, input: &str) -> Value {
        let out = eval(&Rules::default(), tool, input);
        serde_json::from_str(&out).expect("eval returns JSON")
    }

    #[test]
    fn unknown_tool_is_an_error_envelope() {
        let v = call("nope", "{}");
        assert_eq!(v["ok"], false);
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
        assert_eq!(v["tool"], "nope");
        assert_eq!(v["error"]["code"], "unknown_tool");
    }

    #[test]
    fn malformed_json_is_invalid_json() {
        for bad in ["", "{", "nul", "{\"a\":}", "[1,2"] {
            let v = call("money", bad);
            assert_eq!(v["error"]["code"], "invalid_json", "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let v = call("money", &deep);
        assert_eq!(v["error"]["code"], "invalid_json");
        let deep_obj = format!("{{\"value\":{}1{}}}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(call("money", &deep_obj)["ok"], false);
    }

    #[test]
    fn non_object_input_is_rejected() {
        assert_eq!(call("money", "[]")["error"]["code"], "invalid_input");
        assert_eq!(call("money", "3")["error"]["code"], "invalid_input");
    }

    #[test]
    fn money_tool_round_trips() {
        let v = call("money", r#"{"value":"3억 5천만원"}"#);
        assert_eq!(v["ok"], true, "{v}");
        assert_eq!(v["result"]["won"], 350_000_000);
        assert_eq!(v["result"]["formatted"], "350,000,000원 (3억 5,000만 원)");
    }

    #[test]
    fn unknown_field_is_named() {
        let v = call("money", r#"{"value":"1억","extra":1}"#);
        assert_eq!(v["error"]["code"], "invalid_input");
        assert_eq!(v["error"]["field_errors"][0]["field"], "extra");
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(
            msg.contains("extra") && msg.contains("알 수 없는 항목"),
            "{msg}"
        );
    }

    #[test]
    fn missing_and_bad_fields_are_named() {
        let v = call("money", "{}");
        assert_eq!(v["error"]["field_errors"][0]["field"], "value");
        let v = call("money", r#"{"value":"-5억"}"#);
        assert_eq!(v["error"]["field_errors"][0]["field"], "value");
        assert!(v["error"]["message"].as_str().unwrap().contains("음수"));
        let v = call("money", r#"{"value":true}"#);
        assert_eq!(v["error"]["field_errors"][0]["field"], "value");
    }

    #[test]
    fn an_object_given_as_an_array_is_refused() {
        // serde_json alone would read a struct from an array of its fields, in order.
        let input = serde_json::json!({"years": [[2026, []]]});
        let err =
            parse_input::<crate::budget::BudgetInput>(&input).expect_err("array for a struct");
        assert_eq!(err.field_errors[0].field, "years[0]");
        assert!(err.message.contains("객체"), "{err}");
        let mut rules = serde_json::to_value(Rules::default()).expect("rules serialize");
        rules["budget"] = serde_json::json!([]);
        let err = Rules::from_json_value(&rules).expect_err("array for a struct");
        assert_eq!(err.path(), "budget");
        assert!(err.message().contains("expected struct"), "{err}");
    }

    #[test]
    fn a_full_build_answers_every_tool() {
        assert_eq!(tools(), TOOLS);
    }

    #[test]
    fn the_typed_door_answers_as_the_text_door() {
        let rules = Rules::default();
        for (tool, input) in [
            ("money", r#"{"value":"3억 5천만원"}"#),
            ("money", r#"{"value":"-1"}"#),
            ("money", "[]"),
            ("nope", "{}"),
            ("budget", "{}"),
        ] {
            let value: Value = serde_json::from_str(input).expect("test input is JSON");
            assert_eq!(
                eval_from_value(&rules, tool, &value),
                eval_to_value(&rules, tool, input),
                "{tool} {input}"
            );
        }
        assert_eq!(too_deep("money")["error"]["code"], "invalid_input");
    }

    #[test]
    fn no_english_serde_message_reaches_a_field() {
        for raw in [
            "data did not match any variant of untagged enum AnswerValue",
            "invalid length 3, expected a tuple of size 2",
            "trailing characters",
        ] {
            let (field, message) = input_error_korean("answers.x", raw);
            assert_eq!(field, "answers.x");
            assert!(!message.contains("did not match"), "{message}");
            assert!(!message.contains("expected"), "{message}");
            assert!(
                message.chars().any(|c| ('가'..='힣').contains(&c)),
                "{message}"
            );
        }
        let (_, message) = input_error_korean("value", "금액을 입력해 주세요.");
        assert_eq!(message, "value: 금액을 입력해 주세요.");
    }

    #[test]
    fn tools_without_rules_answer_rules_missing() {
        for tool in [
            "budget",
            "budget_max",
            "small_business",
            "application_window",
        ] {
            assert_eq!(call(tool, "{}")["error"]["code"], "rules_missing", "{tool}");
        }
    }
}
