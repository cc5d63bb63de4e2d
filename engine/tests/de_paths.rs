//! `af_engine::de` (the engine's deserializer) must read what serde_json's `&Value` deserializer
//! reads and name the same field as `serde_path_to_error`, which the API used before. Checked on
//! the documented example inputs of every tool, mutated at random, and on the real rules.
mod common;

use af_engine::rules::Rules;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::fmt::Debug;

/// The `Input:` JSON blocks of docs/engine-api.md, by tool.
fn doc_inputs() -> Vec<(String, Value)> {
    let doc = include_str!("../../docs/engine-api.md");
    let (mut out, mut tool, mut want, mut block) = (Vec::new(), String::new(), false, None);
    for line in doc.lines() {
        if let Some(text) = block.as_mut() {
            if line.starts_with("```") {
                let text: String = block.take().unwrap_or_default();
                if let Ok(v) = serde_json::from_str::<Value>(&text) {
                    out.push((tool.clone(), v));
                }
            } else {
                text.push_str(line);
                text.push('\n');
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("## `") {
            tool = rest.split('`').next().unwrap_or_default().to_string();
        } else if line.starts_with("Input") {
            want = true;
        } else if line.starts_with("Output") {
            want = false;
        } else if line.starts_with("```json") && want {
            block = Some(String::new());
            want = false;
        }
    }
    out
}

/// Both deserializers agree: same value, or an error at the same path with the same
/// "expected …" text. One deliberate difference: a struct given as a JSON array is refused.
fn same<T: DeserializeOwned + Debug>(value: &Value) {
    let ours = af_engine::de::from_value::<T>(value);
    let theirs = serde_path_to_error::deserialize::<_, T>(value);
    match (ours, theirs) {
        (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{value}"),
        (Err(a), Err(b)) => {
            if a.message()
                .starts_with("invalid type: sequence, expected struct")
            {
                return; // serde_json would have tried the array as the struct's fields
            }
            assert_eq!(a.path(), b.path().to_string(), "{value}");
            let tail = |m: &str| m.split_once("expected").map(|(_, t)| t.to_string());
            let theirs = b.inner().to_string();
            assert_eq!(tail(a.message()), tail(&theirs), "{value}: {a} / {theirs}");
            if tail(&theirs).is_none() {
                assert_eq!(a.message(), theirs, "{value}");
            }
        }
        (Err(a), Ok(_)) => assert!(
            a.message()
                .starts_with("invalid type: sequence, expected struct"),
            "{value}: {a}"
        ),
        (Ok(a), Err(b)) => panic!("{value}: ours {a:?}, serde_path_to_error {b}"),
    }
}

fn check(tool: &str, v: &Value) {
    use af_engine::*;
    match tool {
        "money" => same::<money::MoneyInput>(v),
        "budget" => same::<budget::BudgetInput>(v),
        "budget_max" => same::<budget::BudgetMaxInput>(v),
        "budget_plan" => same::<budget::BudgetPlanInput>(v),
        "budget_for_support" => same::<budget::BudgetForSupportInput>(v),
        "documents" => same::<documents::DocumentsInput>(v),
        "small_business" => same::<small_business::SmallBusinessInput>(v),
        "application_window" => same::<schedule::WindowInput>(v),
        "eligibility" => same::<eligibility::EligibilityInput>(v),
        "score" => same::<score::ScoreInput>(v),
        "kpi" => same::<kpi::KpiInput>(v),
        "self_assessment" => same::<autonomy::AutonomyInput>(v),
        other => panic!("no input type for {other}"),
    }
}

/// Every node of `v` (by index in a depth-first walk) replaced with `with`, or removed if `with`
/// is `None`, or given an extra key.
fn mutate(v: &Value, target: usize, with: &Option<Value>, counter: &mut usize) -> Option<Value> {
    let here = *counter;
    *counter += 1;
    if here == target {
        return with.clone();
    }
    Some(match v {
        Value::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, x) in m {
                if let Some(x) = mutate(x, target, with, counter) {
                    out.insert(k.clone(), x);
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(
            a.iter()
                .filter_map(|x| mutate(x, target, with, counter))
                .collect(),
        ),
        other => other.clone(),
    })
}

fn replacement() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        Just(Some(json!(true))),
        Just(Some(json!(-3))),
        Just(Some(json!(7))),
        Just(Some(json!(1.5))),
        Just(Some(json!(1e300))),
        Just(Some(json!("3억"))),
        Just(Some(json!("zzz"))),
        Just(Some(json!("yes"))),
        Just(Some(json!([]))),
        Just(Some(json!([1, "a"]))),
        Just(Some(json!({}))),
        Just(Some(json!({"nope": 1}))),
    ]
}

#[test]
fn documented_inputs_read_the_same() {
    let inputs = doc_inputs();
    assert!(inputs.len() >= 9, "{}", inputs.len());
    for (tool, v) in &inputs {
        check(tool, v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn mutated_inputs_fail_at_the_same_field(pick in 0usize..1000, node in 0usize..400, with in replacement()) {
        let inputs = doc_inputs();
        let (tool, v) = &inputs[pick % inputs.len()];
        let mut n = 0;
        if let Some(m) = mutate(v, node, &with, &mut n) {
            check(tool, &m);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn mutated_rules_fail_at_the_same_key(node in 0usize..5000, with in replacement()) {
        let rules = serde_json::to_value(common::rules()).unwrap();
        let mut n = 0;
        if let Some(m) = mutate(&rules, node, &with, &mut n) {
            same::<Rules>(&m);
        }
    }
}

#[test]
fn real_rules_read_the_same() {
    let rules = common::rules();
    let v = serde_json::to_value(&rules).unwrap();
    assert_eq!(Rules::from_json_value(&v).unwrap(), rules);
    same::<Rules>(&v);
}
