//! The real rules files load, validate, survive the JSON trip to the browser unchanged, and
//! reproduce every worked example.
mod common;

use af_engine::rules::Rules;

#[test]
fn rules_files_load_and_validate() {
    let rules = common::rules();
    assert_ne!(rules.budget, Default::default(), "budget.toml loaded");
}

#[test]
fn rules_json_round_trip_is_exact() {
    let rules = common::rules();
    let json = serde_json::to_string(&rules).expect("serialize");
    let back: Rules = serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back, rules);
    // And twice: the JSON itself is stable.
    assert_eq!(serde_json::to_string(&back).expect("serialize"), json);
}

#[test]
fn every_worked_example_passes() {
    let rules = common::rules();
    let files = common::example_files();
    let examples =
        af_engine::load::examples::parse_examples(&files).unwrap_or_else(|e| panic!("{e:?}"));
    let failures = af_engine::load::run_examples(&rules, &files);
    let lines: Vec<String> = failures.iter().map(|e| e.to_string()).collect();
    assert!(
        failures.is_empty(),
        "failing examples:\n{}",
        lines.join("\n")
    );
    println!("{} worked examples passed", examples.len());
    // engine-A's tools each have examples.
    for tool in [
        "budget",
        "budget_max",
        "small_business",
        "application_window",
        "money",
    ] {
        let n = examples.iter().filter(|(_, _, e)| e.tool == tool).count();
        if files
            .iter()
            .any(|(f, _)| f.ends_with(&format!("/{tool}.toml")))
        {
            assert!(n > 0, "no examples for {tool}");
        }
    }
}

#[test]
fn examples_catch_a_wrong_expectation() {
    // The runner must fail when an expectation is wrong, or the test above proves nothing.
    let rules = common::rules();
    let file = (
        "wrong.toml".to_string(),
        "[[example]]\nname = \"x\"\ntool = \"money\"\ninput = { value = \"3억\" }\nexpect = { won = 300000001 }\n"
            .to_string(),
    );
    let failures = af_engine::load::run_examples(&rules, &[file]);
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].line, Some(1));
    assert!(failures[0].message.contains("won"), "{}", failures[0]);
}

#[test]
fn cites_are_found_in_rules_files() {
    let refs = af_engine::load::cite_refs(&common::rule_files());
    let budget: Vec<_> = refs
        .iter()
        .filter(|r| r.file.ends_with("budget.toml"))
        .collect();
    assert!(budget
        .iter()
        .any(|r| r.cite == "notice/06-cautions#settlement-fee"));
    assert!(budget.iter().all(|r| r.line > 0 && !r.key.is_empty()));
}
