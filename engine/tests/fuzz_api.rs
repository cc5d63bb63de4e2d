//! Fuzzing the JSON door: arbitrary JSON values and arbitrary strings, to every tool, with the
//! real rules and with empty rules. The answer must always be a JSON envelope with `ok`.
mod common;

use af_engine::api::{eval, SCHEMA_VERSION, TOOLS};
use af_engine::rules::Rules;
use proptest::prelude::*;
use serde_json::Value;
use std::sync::atomic::{AtomicUsize, Ordering};

static RUNS: AtomicUsize = AtomicUsize::new(0);

fn check_envelope(rules: &Rules, tool: &str, input: &str) -> Result<(), TestCaseError> {
    RUNS.fetch_add(1, Ordering::Relaxed);
    let out = eval(rules, tool, input);
    let v: Value = serde_json::from_str(&out)
        .map_err(|e| TestCaseError::fail(format!("not JSON ({e}): {out}")))?;
    prop_assert_eq!(&v["schema_version"], &Value::from(SCHEMA_VERSION));
    prop_assert_eq!(&v["tool"], &Value::from(tool));
    match v["ok"].as_bool() {
        Some(true) => prop_assert!(v.get("result").is_some()),
        Some(false) => {
            prop_assert!(v["error"]["code"].is_string(), "{}", out);
            prop_assert!(v["error"]["message"].is_string(), "{}", out);
        }
        None => prop_assert!(false, "no ok: {}", out),
    }
    Ok(())
}

/// Arbitrary JSON, biased towards the shapes and names the tools use so that deserialization
/// gets deep before it fails.
fn arb_json() -> impl Strategy<Value = Value> {
    let names = prop::sample::select(vec![
        "years",
        "government",
        "company_cash",
        "company_in_kind",
        "items",
        "item",
        "cash",
        "in_kind",
        "value",
        "ksic",
        "average_revenue",
        "seat_manufacturing",
        "now",
        "now_ms",
        "answers",
        "x",
        "",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::from),
        prop::sample::select(vec![
            "3억",
            "-5억",
            "1,182천원",
            "C31202",
            "2026-06-16T16:59:59+09:00",
            "education_fee",
            "ai_dataset",
            "yes",
            "no",
            "unknown",
            "99999999999999999999억",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((names.clone(), inner), 0..6).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

fn runner(cases: u32) -> proptest::test_runner::TestRunner {
    proptest::test_runner::TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    })
}

/// One test drives every strategy so it can report how many inputs it ran.
#[test]
fn fuzz_every_tool() {
    let rules = common::rules();
    let empty = Rules::default();
    let before = RUNS.load(Ordering::Relaxed);
    runner(3000)
        .run(
            &(prop::sample::select(TOOLS.to_vec()), arb_json()),
            |(tool, value)| {
                check_envelope(&rules, tool, &value.to_string())?;
                check_envelope(&empty, tool, &value.to_string())
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    runner(2000)
        .run(
            &(prop::sample::select(TOOLS.to_vec()), "\\PC{0,64}"),
            |(tool, text)| check_envelope(&rules, tool, &text),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    runner(500)
        .run(&"\\PC{0,16}", |tool| check_envelope(&rules, &tool, "{}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let ran = RUNS.load(Ordering::Relaxed) - before;
    println!("fuzz_api: {ran} inputs run through api::eval, all answered with a JSON envelope");
    assert!(ran >= 3000 * 2 + 2000 + 500);
}

#[test]
fn deep_and_huge_inputs() {
    let rules = common::rules();
    for tool in TOOLS {
        for input in [
            "[".repeat(200_000),
            format!("{{\"years\":{}{}}}", "[".repeat(1000), "]".repeat(1000)),
            format!("{{\"value\":\"{}\"}}", "9".repeat(100_000)),
            r#"{"years":[{"government":1e400,"company_cash":1}]}"#.to_string(),
        ] {
            check_envelope(&rules, tool, &input).expect("envelope");
        }
    }
}
