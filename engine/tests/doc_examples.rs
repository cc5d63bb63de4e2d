//! docs/engine-api.md must match the code: every `Input:` JSON block is run through the tool of
//! its section (`## \`tool\``) and the `Output:` block after it must match the real answer.
//! Documented arrays may be cut short (the doc says so): their elements must appear, in order, in
//! the real ones.
mod common;

use serde_json::Value;

/// (tool, input, documented output) triples, in document order.
fn doc_pairs(doc: &str) -> Vec<(String, String, String)> {
    let mut pairs = Vec::new();
    let mut tool = String::new();
    let mut pending_input: Option<String> = None;
    let mut want: Option<&str> = None; // "input" | "output": the next json block's role
    let mut block: Option<String> = None;
    for line in doc.lines() {
        if let Some(text) = block.as_mut() {
            if line.starts_with("```") {
                let text = block.take().unwrap_or_default();
                match want.take() {
                    Some("input") => pending_input = Some(text),
                    Some("output") => {
                        if let Some(input) = pending_input.take() {
                            pairs.push((tool.clone(), input, text));
                        }
                    }
                    _ => {}
                }
            } else {
                text.push_str(line);
                text.push('\n');
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("## `") {
            tool = rest.split('`').next().unwrap_or_default().to_string();
            pending_input = None;
        } else if line.starts_with("Input") {
            want = Some("input");
        } else if line.starts_with("Output") {
            want = Some("output");
        } else if line.starts_with("```json") && want.is_some() {
            block = Some(String::new());
        }
    }
    pairs
}

/// Where `actual` does not contain `doc` (arrays: documented elements are an ordered subsequence).
fn diff(doc: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (doc, actual) {
        (Value::Object(d), Value::Object(a)) => {
            for (k, dv) in d {
                match a.get(k) {
                    Some(av) => diff(dv, av, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: not in the real output")),
                }
            }
        }
        (Value::Array(d), Value::Array(a)) => {
            // Cut arrays: the documented elements must appear in the real array, in order.
            let mut next = 0;
            for (i, dv) in d.iter().enumerate() {
                let found = (next..a.len()).find(|&j| {
                    let mut probe = Vec::new();
                    diff(dv, &a[j], "", &mut probe);
                    probe.is_empty()
                });
                match found {
                    Some(j) => next = j + 1,
                    None => {
                        // Report against the element at the same position, for a readable diff.
                        match a.get(i) {
                            Some(av) => diff(dv, av, &format!("{path}[{i}]"), out),
                            None => {
                                out.push(format!("{path}[{i}]: no such element in the real output"))
                            }
                        }
                        return;
                    }
                }
            }
        }
        (d, a) if d != a => out.push(format!("{path}: documented {d}, real {a}")),
        _ => {}
    }
}

#[test]
fn documented_examples_match_the_engine() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/engine-api.md");
    let doc = std::fs::read_to_string(&path).expect("docs/engine-api.md");
    let pairs = doc_pairs(&doc);
    let rules = common::rules();
    let mut failures = Vec::new();
    let mut tools_seen = std::collections::BTreeSet::new();
    for (tool, input, output) in &pairs {
        tools_seen.insert(tool.clone());
        let documented: Value = serde_json::from_str(output)
            .unwrap_or_else(|e| panic!("{tool}: documented output is not JSON: {e}"));
        let input_value: Value = serde_json::from_str(input)
            .unwrap_or_else(|e| panic!("{tool}: documented input is not JSON: {e}"));
        let actual = common::eval(&rules, tool, &input_value);
        let mut diffs = Vec::new();
        diff(&documented, &actual, tool, &mut diffs);
        failures.extend(diffs);
    }
    assert!(
        failures.is_empty(),
        "docs/engine-api.md is out of date:\n{}",
        failures.join("\n")
    );
    println!("{} documented examples checked", pairs.len());
    for tool in af_engine::api::TOOLS {
        assert!(
            tools_seen.contains(*tool),
            "no documented example for {tool}"
        );
    }
}

#[test]
fn the_doc_comparison_catches_differences() {
    use serde_json::json;
    let check = |doc: Value, actual: Value| {
        let mut out = Vec::new();
        diff(&doc, &actual, "", &mut out);
        out
    };
    assert!(check(json!({ "a": [1, 3] }), json!({ "a": [1, 2, 3], "b": 0 })).is_empty());
    assert!(!check(json!({ "a": [3, 1] }), json!({ "a": [1, 2, 3] })).is_empty());
    assert!(!check(json!({ "a": 2 }), json!({ "a": 1 })).is_empty());
    assert!(!check(json!({ "c": 1 }), json!({ "a": 1 })).is_empty());
    let pairs = doc_pairs(
        "## `money`\n\nInput:\n```json\n{}\n```\nOutput:\n```json\n{\"ok\":false}\n```\n",
    );
    assert_eq!(
        pairs,
        vec![(
            "money".to_string(),
            "{}\n".to_string(),
            "{\"ok\":false}\n".to_string()
        )]
    );
}
