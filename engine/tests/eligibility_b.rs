//! Eligibility tests, written from chapter 2–3 and annex 1 of the notice, then invariants.
#![cfg(feature = "toml")]

use af_engine::eligibility::{evaluate, EligibilityInput, EligibilityRules, Kind, Outcome};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn rules() -> EligibilityRules {
    let rules: EligibilityRules =
        toml::from_str(include_str!("../../content/rules/eligibility.toml")).expect("parses");
    assert!(rules.validate().is_empty(), "{:?}", rules.validate());
    rules
}

/// Answers that pass every question of `role` (derived from the data: the eligible answer).
fn passing(rules: &EligibilityRules, role: &str) -> Map<String, Value> {
    let mut answers = Map::new();
    for q in rules
        .questions
        .iter()
        .filter(|q| q.roles.iter().any(|r| r == role))
    {
        let value = match q.kind {
            Kind::Count => json!(q.min.expect("min")),
            Kind::YesNo => {
                let yes_ok = q
                    .yes
                    .as_ref()
                    .is_some_and(|r| r.outcome == Outcome::Eligible);
                let no_ok =
                    q.no.as_ref()
                        .is_some_and(|r| r.outcome == Outcome::Eligible);
                // Prefer "no" where both pass, so no waiver hides a count question.
                json!(if no_ok {
                    "no"
                } else if yes_ok {
                    "yes"
                } else {
                    panic!("{} has no passing answer", q.id)
                })
            }
        };
        answers.insert(q.id.clone(), value);
    }
    answers
}

fn run(
    rules: &EligibilityRules,
    role: &str,
    changes: Value,
) -> af_engine::eligibility::EligibilityOutput {
    let mut answers = passing(rules, role);
    for (k, v) in changes.as_object().expect("object") {
        answers.insert(k.clone(), v.clone());
    }
    let input: EligibilityInput =
        serde_json::from_value(json!({ "role": role, "answers": answers })).expect("input");
    evaluate(rules, &input).expect("evaluates")
}

fn reason<'a>(
    out: &'a af_engine::eligibility::EligibilityOutput,
    id: &str,
) -> &'a af_engine::eligibility::Reason {
    out.reasons
        .iter()
        .find(|r| r.id == id)
        .expect("reason present")
}

#[test]
fn each_role_can_be_eligible() {
    let rules = rules();
    for role in ["adopter", "supplier", "planning_org"] {
        let out = run(&rules, role, json!({}));
        assert_eq!(out.outcome, Outcome::Eligible, "{role}: {:?}", out.reasons);
    }
}

#[test]
fn adopter_requirements_from_chapter_3() {
    let rules = rules();
    for id in ["adopter_manufacturer", "adopter_size", "adopter_level"] {
        let out = run(&rules, "adopter", json!({ id: "no" }));
        assert_eq!(out.outcome, Outcome::NotEligible, "{id}");
    }
    let out = run(&rules, "adopter", json!({ "adopter_level": "no" }));
    assert!(reason(&out, "adopter_level")
        .next_step
        .contains("수준확인을 먼저 받으세요"));
    // A branch site (종된 사업장) may apply, with evidence.
    let out = run(&rules, "adopter", json!({ "adopter_branch": "yes" }));
    assert_eq!(out.outcome, Outcome::Eligible);
    assert!(reason(&out, "adopter_branch")
        .next_step
        .contains("종된사업장 명세"));
}

#[test]
fn every_disqualifier_excludes_the_adopter() {
    let rules = rules();
    for id in [
        "closed",
        "excluded_industry",
        "gambling_goods",
        "tax_arrears",
        "participation_restricted",
        "same_plan_funded",
    ] {
        let out = run(&rules, "adopter", json!({ id: "yes" }));
        assert_eq!(out.outcome, Outcome::NotEligible, "{id}");
        let expected = if id == "participation_restricted" {
            "notice/annex-1#participation-restriction"
        } else {
            "notice/03-application#disqualifiers"
        };
        assert_eq!(reason(&out, id).cite, expected);
    }
}

#[test]
fn participation_restriction_lists_where_to_check() {
    let rules = rules();
    let out = run(
        &rules,
        "supplier",
        json!({ "participation_restricted": "unknown" }),
    );
    assert_eq!(out.outcome, Outcome::NeedsChecking);
    let r = reason(&out, "participation_restricted");
    assert_eq!(r.details.len(), 5);
    assert!(r
        .details
        .iter()
        .any(|d| d.detail.contains("한국로봇산업진흥원")));
    assert!(r
        .details
        .iter()
        .any(|d| d.detail.contains("국가뿌리산업진흥센터")));
}

#[test]
fn ongoing_program_is_needs_checking_because_shading_is_lost() {
    let rules = rules();
    let out = run(&rules, "adopter", json!({ "ongoing_smart_factory": "yes" }));
    assert_eq!(out.outcome, Outcome::NeedsChecking);
    let r = reason(&out, "ongoing_smart_factory");
    assert!(r.message.contains("음영"));
    assert_eq!(r.details.len(), 7, "the seven programs of the table");
}

#[test]
fn joint_application_2026() {
    let rules = rules();
    assert_eq!(
        run(&rules, "adopter", json!({ "joint_2026_restricted": "yes" })).outcome,
        Outcome::NotEligible
    );
    assert_eq!(
        run(&rules, "adopter", json!({ "joint_2026_sitrack": "yes" })).outcome,
        Outcome::NotEligible
    );
    assert_eq!(
        run(&rules, "adopter", json!({ "joint_2026_mentoring": "yes" })).outcome,
        Outcome::NeedsChecking
    );
}

#[test]
fn supplier_rules() {
    let rules = rules();
    let out = run(&rules, "supplier", json!({ "supplier_pool": "no" }));
    assert_eq!(out.outcome, Outcome::NotEligible);
    assert!(reason(&out, "supplier_pool").next_step.contains("1077번"));
    assert_eq!(
        run(&rules, "supplier", json!({ "supplier_capability": "no" })).outcome,
        Outcome::NotEligible
    );
    assert_eq!(
        run(
            &rules,
            "supplier",
            json!({ "supplier_also_planning": "yes" })
        )
        .outcome,
        Outcome::NotEligible
    );
}

#[test]
fn planning_org_counts_at_both_sides_of_the_threshold() {
    let rules = rules();
    // Written from the notice: 실적 10건 이상, 상근 인력 5인 이상.
    let min = |id: &str| {
        rules
            .questions
            .iter()
            .find(|q| q.id == id)
            .and_then(|q| q.min)
            .expect("min")
    };
    assert_eq!(
        (min("planning_track_record"), min("planning_staff")),
        (10, 5)
    );
    let at = |id: &str, n: u64| run(&rules, "planning_org", json!({ id: n })).outcome;
    assert_eq!(at("planning_track_record", 10), Outcome::Eligible);
    assert_eq!(at("planning_track_record", 9), Outcome::NotEligible);
    assert_eq!(at("planning_staff", 5), Outcome::Eligible);
    assert_eq!(at("planning_staff", 4), Outcome::NotEligible);
    assert_eq!(at("planning_staff", 0), Outcome::NotEligible);
    let out = run(&rules, "planning_org", json!({ "planning_staff": 4 }));
    assert!(reason(&out, "planning_staff").message.contains("4인"));
    assert!(reason(&out, "planning_staff").message.contains("5인 이상"));
    assert_eq!(
        run(
            &rules,
            "planning_org",
            json!({ "planning_also_supplier": "yes" })
        )
        .outcome,
        Outcome::NotEligible
    );
    assert_eq!(
        run(
            &rules,
            "planning_org",
            json!({ "planning_subcontract": "yes" })
        )
        .outcome,
        Outcome::NotEligible
    );
}

#[test]
fn regional_tp_and_selected_2026_skip_the_counts() {
    let rules = rules();
    for waiver in ["planning_regional_tp", "planning_selected_2026"] {
        let out = run(
            &rules,
            "planning_org",
            json!({ waiver: "yes", "planning_track_record": 0, "planning_staff": "unknown" }),
        );
        assert_eq!(out.outcome, Outcome::Eligible, "{waiver}");
        assert_eq!(
            reason(&out, "planning_track_record").outcome,
            Outcome::Eligible
        );
        // Not a blanket pass: the other requirements still apply.
        let out = run(
            &rules,
            "planning_org",
            json!({ waiver: "yes", "planning_also_supplier": "yes" }),
        );
        assert_eq!(out.outcome, Outcome::NotEligible);
    }
}

#[test]
fn unanswered_is_unknown_and_needs_checking() {
    let rules = rules();
    let input: EligibilityInput = serde_json::from_value(json!({ "role": "supplier" })).unwrap();
    let out = evaluate(&rules, &input).unwrap();
    assert_eq!(out.outcome, Outcome::NeedsChecking);
    assert!(out
        .reasons
        .iter()
        .all(|r| r.outcome == Outcome::NeedsChecking && r.answer == "잘 모르겠음"));
}

#[test]
fn bad_inputs_are_field_errors() {
    let rules = rules();
    let eval = |v: Value| evaluate(&rules, &serde_json::from_value(v).unwrap()).unwrap_err();
    assert_eq!(
        eval(json!({ "role": "bank" })).field_errors[0].field,
        "role"
    );
    let err = eval(json!({ "role": "supplier", "answers": { "planning_staff": 3 } }));
    assert_eq!(err.field_errors[0].field, "answers.planning_staff");
    let err = eval(json!({ "role": "adopter", "answers": { "closed": 3 } }));
    assert_eq!(err.field_errors[0].field, "answers.closed");
    let err = eval(json!({ "role": "planning_org", "answers": { "planning_staff": "yes" } }));
    assert_eq!(err.field_errors[0].field, "answers.planning_staff");
}

#[test]
fn rules_round_trip_through_json_exactly() {
    let rules = rules();
    let back: EligibilityRules =
        serde_json::from_str(&serde_json::to_string(&rules).unwrap()).unwrap();
    assert_eq!(back, rules);
}

fn any_answer() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("yes")),
        Just(json!("no")),
        Just(json!("unknown")),
        (0u64..30).prop_map(|n| json!(n))
    ]
}

proptest! {
    #[test]
    fn verdict_is_the_worst_reason(role_ix in 0usize..3, picks in proptest::collection::vec(any_answer(), 40)) {
        let rules = rules();
        let role = ["adopter", "supplier", "planning_org"][role_ix];
        let mut answers = Map::new();
        for (q, pick) in rules.questions.iter().filter(|q| q.roles.iter().any(|r| r == role)).zip(picks) {
            // Keep answer types valid for the question kind.
            let value = match (q.kind, pick.is_u64()) {
                (Kind::Count, false) if pick != json!("unknown") => json!(3),
                (Kind::YesNo, true) => json!("unknown"),
                _ => pick,
            };
            answers.insert(q.id.clone(), value);
        }
        let any_unknown = answers.values().any(|v| v == "unknown");
        let input: EligibilityInput = serde_json::from_value(json!({ "role": role, "answers": answers })).unwrap();
        let out = evaluate(&rules, &input).unwrap();
        let worst = out.reasons.iter().map(|r| r.outcome).max().unwrap();
        prop_assert_eq!(out.outcome, worst);
        prop_assert!(out.reasons.iter().all(|r| !r.cite.is_empty() && !r.message.is_empty()));
        if any_unknown {
            // An unknown answer never ends in a silent "eligible" — unless a waiver made it moot.
            let waived_only = out.reasons.iter().all(|r| r.answer != "잘 모르겠음" || r.answer.is_empty());
            prop_assert!(out.outcome != Outcome::Eligible || waived_only);
        }
    }
}
