//! Self-assessment tests: gated levels from annex 3, unknown answers, the next-level gaps,
//! annex 5 problem → area → case matching, and invariants.
#![cfg(feature = "toml")]

use af_engine::autonomy::{evaluate, AutonomyInput, AutonomyRules};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn rules() -> AutonomyRules {
    let rules: AutonomyRules =
        toml::from_str(include_str!("../../content/rules/autonomy.toml")).expect("parses");
    assert!(rules.validate().is_empty(), "{:?}", rules.validate());
    rules
}

/// Every dimension answered with its option at `level` (or the highest one below it).
fn all_at(rules: &AutonomyRules, level: u8) -> Map<String, Value> {
    rules
        .dimensions
        .iter()
        .map(|d| {
            let option = d
                .options
                .iter()
                .filter(|o| o.level <= level)
                .max_by_key(|o| o.level);
            (
                d.id.clone(),
                json!(option.map(|o| o.id.as_str()).unwrap_or("none")),
            )
        })
        .collect()
}

fn run(rules: &AutonomyRules, v: Value) -> af_engine::autonomy::AutonomyOutput {
    evaluate(
        rules,
        &serde_json::from_value::<AutonomyInput>(v).expect("input"),
    )
    .expect("evaluates")
}

#[test]
fn five_levels_as_in_annex_3() {
    let rules = rules();
    let names: Vec<&str> = rules.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "모사 (Mirroring)",
            "관제 (Monitoring)",
            "시뮬레이션 (simulation)",
            "공정연합 (Federated)",
            "자율제조 (Autonomous)"
        ]
    );
    for level in &rules.levels {
        assert_eq!(level.guide, format!("guide/level-{}", level.number));
    }
}

#[test]
fn uniform_answers_give_that_level() {
    let rules = rules();
    for n in 1..=5u8 {
        let out = run(&rules, json!({ "answers": all_at(&rules, n) }));
        assert_eq!((out.level, out.level_lower_bound), (n, n), "all at {n}");
        assert_eq!(
            out.guide.as_deref(),
            Some(format!("guide/level-{n}").as_str())
        );
    }
    let none: Map<String, Value> = rules
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), json!("none")))
        .collect();
    let out = run(&rules, json!({ "answers": none }));
    assert_eq!((out.level, out.level_name.as_str()), (0, "1단계 미만"));
}

#[test]
fn the_weakest_required_dimension_gates_the_level() {
    let rules = rules();
    let mut answers = all_at(&rules, 5);
    answers.insert("ai_role".into(), json!("ai_l2"));
    let out = run(&rules, json!({ "answers": answers }));
    assert_eq!(out.level, 2);
    let next = out.next_level.expect("next level");
    assert_eq!(next.number, 3);
    assert_eq!(next.missing.len(), 1);
    assert_eq!(next.missing[0].dimension, "ai_role");
    assert!(next.missing[0].needed.contains("예측"));
    // A dimension required only from level 5 does not hold back level 4.
    let mut answers = all_at(&rules, 4);
    answers.insert("worker_intervention".into(), json!("worker_l2"));
    assert_eq!(run(&rules, json!({ "answers": answers })).level, 4);
}

#[test]
fn gating_is_cumulative() {
    let rules = rules();
    // Level-5 twin and AI, but no data standard at all: level 2 (data standard is required from 3).
    let mut answers = all_at(&rules, 5);
    answers.insert("data_standard".into(), json!("none"));
    let out = run(&rules, json!({ "answers": answers }));
    assert_eq!(out.level, 2);
    assert!(out
        .next_level
        .unwrap()
        .missing
        .iter()
        .any(|g| g.dimension == "data_standard" && g.current == "해당 없음"));
}

#[test]
fn unknowns_are_reported_and_bound_the_level() {
    let rules = rules();
    let mut answers = all_at(&rules, 4);
    answers.insert("sim_to_field".into(), json!("unknown"));
    answers.remove("worker_intervention");
    let out = run(&rules, json!({ "answers": answers }));
    assert_eq!((out.level, out.level_lower_bound), (4, 2));
    let changing: Vec<(&str, bool)> = out
        .unknowns
        .iter()
        .map(|u| (u.dimension.as_str(), u.could_change_level))
        .collect();
    assert_eq!(
        changing,
        [("sim_to_field", true), ("worker_intervention", false)]
    );
}

#[test]
fn problems_lead_to_areas_and_cases() {
    let rules = rules();
    let out = run(
        &rules,
        json!({ "answers": all_at(&rules, 3), "problems": ["new_product_development", "uncertain_production_plan"] }),
    );
    let areas: Vec<&str> = out.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        areas,
        ["product_design_simulation", "production_plan_optimization"]
    );
    assert_eq!((out.areas[0].stage, out.areas[1].stage), (3, 4));
    assert!(out.areas[1].message.contains("높은 단계"));
    let cases: Vec<&str> = out.cases.iter().map(|c| c.cite.as_str()).collect();
    assert_eq!(cases, ["cases/case-1", "cases/case-2"]);
    let out = run(
        &rules,
        json!({ "problems": ["reactive_maintenance", "manual_quality_judgement"] }),
    );
    assert_eq!(out.areas.len(), 1);
    assert_eq!(out.areas[0].problems.len(), 2);
    assert_eq!(
        out.cases.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["case-3"]
    );
    let out = run(&rules, json!({ "problems": ["data_silos"] }));
    assert!(out.cases.is_empty());
}

#[test]
fn self_check_disclaimer_is_always_there() {
    let rules = rules();
    let out = run(&rules, json!({}));
    assert!(out.disclaimer.message.contains("자가진단"));
    assert!(out.disclaimer.message.contains("수준확인"));
    assert_eq!(out.unknowns.len(), rules.dimensions.len());
}

#[test]
fn bad_inputs_are_field_errors() {
    let rules = rules();
    let err = |v: Value| evaluate(&rules, &serde_json::from_value(v).unwrap()).unwrap_err();
    assert_eq!(
        err(json!({ "answers": { "nope": "none" } })).field_errors[0].field,
        "answers.nope"
    );
    assert_eq!(
        err(json!({ "answers": { "ai_role": "twin_l3" } })).field_errors[0].field,
        "answers.ai_role"
    );
    assert_eq!(
        err(json!({ "problems": ["x"] })).field_errors[0].field,
        "problems[0]"
    );
}

#[test]
fn rules_round_trip_through_json_exactly() {
    let rules = rules();
    let back: AutonomyRules =
        serde_json::from_str(&serde_json::to_string(&rules).unwrap()).unwrap();
    assert_eq!(back, rules);
}

proptest! {
    #[test]
    fn level_bounds_and_gaps_agree(picks in proptest::collection::vec(0usize..8, 6)) {
        let rules = rules();
        let mut answers = Map::new();
        for (dim, pick) in rules.dimensions.iter().zip(&picks) {
            let value = match dim.options.get(*pick) {
                Some(o) => o.id.clone(),
                None if pick % 2 == 0 => "none".to_string(),
                None => "unknown".to_string(),
            };
            answers.insert(dim.id.clone(), json!(value));
        }
        let out = run(&rules, json!({ "answers": answers }));
        prop_assert!(out.level_lower_bound <= out.level && out.level <= 5);
        // Without unknowns the bounds meet.
        if out.unknowns.is_empty() { prop_assert_eq!(out.level, out.level_lower_bound); }
        // Level N holds: every required dimension of N is known at ≥ N or unknown.
        if let Some(level) = rules.levels.iter().find(|l| l.number == out.level) {
            for dim in &level.required {
                let item = out.profile.iter().find(|p| &p.dimension == dim).unwrap();
                prop_assert!(item.level.is_none_or(|l| l >= level.number));
            }
        }
        // The next level is blocked by at least one listed gap.
        if let Some(next) = &out.next_level {
            prop_assert!(!next.missing.is_empty());
        }
    }
}
