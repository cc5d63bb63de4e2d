//! KPI plan tests, written from annex 4: 22 indicators, 8 core, "핵심지표 2개 이상,
//! 자율형공장 지표 2개 이상"; rates in the indicator's direction; invariants.
#![cfg(feature = "toml")]

use af_engine::kpi::{evaluate, Direction, KpiInput, KpiRules, RowStatus};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn rules() -> KpiRules {
    let rules: KpiRules =
        toml::from_str(include_str!("../../content/rules/kpi.toml")).expect("parses");
    assert!(rules.validate().is_empty(), "{:?}", rules.validate());
    rules
}

fn run(rules: &KpiRules, v: Value) -> af_engine::kpi::KpiOutput {
    evaluate(
        rules,
        &serde_json::from_value::<KpiInput>(v).expect("input"),
    )
    .expect("evaluates")
}

fn own(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({ "name": format!("AI 예측 정확도 {i}"), "unit": "%", "direction": "increase", "baseline": 80, "target": 90 }))
        .collect()
}

#[test]
fn the_table_as_in_the_notice() {
    let rules = rules();
    assert_eq!(rules.indicators.len(), 22);
    let core: Vec<&str> = rules
        .indicators
        .iter()
        .filter(|i| i.core)
        .map(|i| i.metric.as_str())
        .collect();
    assert_eq!(
        core,
        [
            "시간당 생산량",
            "제조리드타임",
            "공정 불량률",
            "완제품 불량률",
            "재공재고율",
            "납기소요일수",
            "에너지원단위",
            "안전 인증 취득"
        ]
    );
    let achieve: Vec<&str> = rules
        .indicators
        .iter()
        .filter(|i| i.direction == Direction::Achieve)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(achieve, ["s_safety_certification"]);
    // Every "증가율" is an increase, every 단축·감소·절감·감축 a decrease (납기준수율 개선율: increase).
    for ind in &rules.indicators {
        let name = &ind.outcome_name;
        if ["단축률", "감소율", "절감률", "감축률"]
            .iter()
            .any(|w| name.ends_with(w))
        {
            assert_eq!(ind.direction, Direction::Decrease, "{name}");
        } else if name.ends_with("증가율") || name.ends_with("개선율") {
            assert_eq!(ind.direction, Direction::Increase, "{name}");
        }
    }
}

#[test]
fn rule_needs_two_core_and_two_own_both_sides() {
    let rules = rules();
    let core2 = json!([
        { "id": "p_output_per_hour", "baseline": 100, "target": 120 },
        { "id": "q_process_defect_rate", "baseline": "2.5", "target": "1.5" },
    ]);
    let out = run(&rules, json!({ "indicators": core2, "own": own(2) }));
    assert!(out.rule.ok, "{:?}", out.rule);
    assert_eq!((out.rule.core_selected, out.rule.own_selected), (2, 2));
    let out = run(
        &rules,
        json!({ "indicators": [core2[0].clone()], "own": own(2) }),
    );
    assert!(!out.rule.core_ok && !out.rule.ok);
    let out = run(&rules, json!({ "indicators": core2, "own": own(1) }));
    assert!(!out.rule.own_ok && !out.rule.ok);
    // Non-core indicators do not count toward the core rule.
    let out = run(
        &rules,
        json!({ "indicators": [
        { "id": "p_sales", "baseline": 100, "target": 120 },
        { "id": "p_operating_margin", "baseline": 5, "target": 6 },
        { "id": "p_output_per_hour", "baseline": 100, "target": 120 },
    ], "own": own(3) }),
    );
    assert_eq!(out.rule.core_selected, 1);
    assert!(!out.rule.ok);
}

#[test]
fn rates_follow_the_direction() {
    let rules = rules();
    let out = run(
        &rules,
        json!({ "indicators": [
        { "id": "p_output_per_hour", "baseline": 100, "target": 120 },
        { "id": "p_manufacturing_lead_time", "baseline": 40, "target": 30 },
        { "id": "q_finished_defect_rate", "baseline": 3, "target": 2 },
        { "id": "s_safety_certification", "baseline": "X", "target": "O" },
    ] }),
    );
    let rate = |i: usize| out.rows[i].improvement_rate.map(|n| n.0);
    assert_eq!(rate(0), Some(Decimal::from(20)));
    assert_eq!(rate(1), Some(Decimal::from(25)));
    assert_eq!(rate(2), Some(Decimal::from_str("33.33").unwrap()));
    assert_eq!(rate(3), None);
    assert!(out.rows.iter().all(|r| r.status == RowStatus::Improves));
}

#[test]
fn no_improvement_and_undefined_rates_are_flagged() {
    let rules = rules();
    let out = run(
        &rules,
        json!({ "indicators": [
        { "id": "p_output_per_hour", "baseline": 100, "target": 100 },
        { "id": "p_manufacturing_lead_time", "baseline": 30, "target": 40 },
        { "id": "q_claims", "baseline": 0, "target": 0 },
        { "id": "p_product_count", "baseline": 0, "target": 3 },
        { "id": "s_safety_certification", "baseline": "O", "target": "O" },
    ] }),
    );
    let st: Vec<RowStatus> = out.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        st,
        [
            RowStatus::NoImprovement,
            RowStatus::NoImprovement,
            RowStatus::NoImprovement,
            RowStatus::RateUndefined,
            RowStatus::NoImprovement
        ]
    );
    assert!(out.needs_checking);
    assert!(out.rule.messages.iter().any(|m| m.contains("4개")));
}

#[test]
fn bad_inputs_are_field_errors() {
    let rules = rules();
    let err = |v: Value| evaluate(&rules, &serde_json::from_value(v).unwrap()).unwrap_err();
    assert_eq!(
        err(json!({ "indicators": [{ "id": "nope", "baseline": 1, "target": 2 }] })).field_errors
            [0]
        .field,
        "indicators[0].id"
    );
    let dup = json!({ "id": "p_sales", "baseline": 1, "target": 2 });
    assert_eq!(
        err(json!({ "indicators": [dup.clone(), dup] })).field_errors[0].field,
        "indicators[1].id"
    );
    assert_eq!(err(json!({ "indicators": [{ "id": "s_safety_certification", "baseline": 0, "target": 1 }] })).field_errors[0].field, "indicators[0].target");
    assert_eq!(
        err(json!({ "indicators": [{ "id": "p_sales", "baseline": "X", "target": "O" }] }))
            .field_errors[0]
            .field,
        "indicators[0].target"
    );
    assert_eq!(
        err(
            json!({ "own": [{ "name": " ", "direction": "increase", "baseline": 1, "target": 2 }] })
        )
        .field_errors[0]
            .field,
        "own[0].name"
    );
}

#[test]
fn rules_round_trip_through_json_exactly() {
    let rules = rules();
    let back: KpiRules = serde_json::from_str(&serde_json::to_string(&rules).unwrap()).unwrap();
    assert_eq!(back, rules);
}

proptest! {
    #[test]
    fn negative_hours_and_outputs_are_refused(base in -1_000_000i64..1_000_000, target in -1_000_000i64..0, decrease in any::<bool>()) {
        // Issue 10: 작업공수 2 → −5 hours was called "350% 감소"; time and output can't be negative.
        let rules = rules();
        let id = if decrease { "p_manufacturing_lead_time" } else { "p_output_per_hour" };
        let input = serde_json::from_value::<KpiInput>(json!({ "indicators": [{ "id": id, "baseline": base, "target": target }] })).expect("input");
        let e = evaluate(&rules, &input).expect_err("negative target refused");
        let fields: Vec<&str> = e.field_errors.iter().map(|f| f.field.as_str()).collect();
        prop_assert!(fields.contains(&"indicators[0].target"));
        prop_assert_eq!(fields.contains(&"indicators[0].baseline"), base < 0);
    }

    #[test]
    fn rate_sign_and_status_agree(base in 0i64..1_000_000, target in 0i64..1_000_000, decrease in any::<bool>()) {
        let rules = rules();
        let id = if decrease { "p_manufacturing_lead_time" } else { "p_output_per_hour" };
        let out = run(&rules, json!({ "indicators": [{ "id": id, "baseline": base, "target": target }] }));
        let row = &out.rows[0];
        let better = if decrease { target < base } else { target > base };
        prop_assert_eq!(row.status != RowStatus::NoImprovement, better);
        match row.improvement_rate {
            Some(rate) => prop_assert!(better && base > 0 && rate.0 > Decimal::ZERO),
            None => prop_assert!(!better || base <= 0),
        }
        prop_assert!(!row.cite.is_empty() && !row.message.is_empty());
    }

    #[test]
    fn rule_ok_iff_both_counts_met(picks in proptest::collection::btree_set(0usize..22, 0..8), own_n in 0usize..4) {
        let rules = rules();
        let indicators: Vec<Value> = picks.iter().map(|&i| {
            let ind = &rules.indicators[i];
            if ind.direction == Direction::Achieve { json!({ "id": ind.id, "baseline": "X", "target": "O" }) }
            else { json!({ "id": ind.id, "baseline": 10, "target": 10 }) }
        }).collect();
        let core = picks.iter().filter(|&&i| rules.indicators[i].core).count() as u32;
        let out = run(&rules, json!({ "indicators": indicators, "own": own(own_n) }));
        prop_assert_eq!(out.rule.core_selected, core);
        prop_assert_eq!(out.rule.ok, core >= rules.rule.core_min && own_n as u32 >= rules.rule.own_min);
    }
}
