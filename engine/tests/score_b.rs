//! Score estimator tests: band edges written from the notice's table (annex 2), then checked
//! against the rules data, both sides of every boundary; rules of the notes; invariants.
#![cfg(feature = "toml")]

use af_engine::score::common::Num;
use af_engine::score::{evaluate, ScoreInput, ScoreRules};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn rules() -> ScoreRules {
    let text = include_str!("../../content/rules/score.toml");
    let rules: ScoreRules = toml::from_str(text).expect("score.toml parses");
    assert!(rules.validate().is_empty(), "{:?}", rules.validate());
    rules
}

fn input(json: serde_json::Value) -> ScoreInput {
    serde_json::from_value(json).expect("input parses")
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

/// Points of item `id` for a typed rate.
fn points_for_rate(rules: &ScoreRules, id: &str, rate: Decimal) -> Decimal {
    let out = evaluate(
        rules,
        &input(serde_json::json!({ "items": { id: { "rate": rate.to_string() } } })),
    )
    .expect("evaluates");
    let item = out.items.iter().find(|i| i.id == id).expect("item present");
    item.points.expect("decided").0
}

/// Edges from the notice table: (item, rate, points). "이상" includes the edge, "미만" excludes it.
#[test]
fn notice_table_edges() {
    let rules = rules();
    let cases = [
        ("sales_growth", "12", "5"),
        ("sales_growth", "11.99", "4"),
        ("sales_growth", "9", "4"),
        ("sales_growth", "8.999", "3"),
        ("sales_growth", "6", "3"),
        ("sales_growth", "5.9", "2"),
        ("sales_growth", "3", "2"),
        ("sales_growth", "2.99", "1"),
        ("sales_growth", "-40", "1"),
        ("operating_profit_growth", "10", "5"),
        ("operating_profit_growth", "9.99", "4"),
        ("operating_profit_growth", "7.5", "4"),
        ("operating_profit_growth", "7.49", "3"),
        ("operating_profit_growth", "5", "3"),
        ("operating_profit_growth", "4.99", "2"),
        ("operating_profit_growth", "2.5", "2"),
        ("operating_profit_growth", "2.49", "1"),
        ("debt_ratio", "59.99", "5"),
        ("debt_ratio", "60", "4"),
        ("debt_ratio", "99.99", "4"),
        ("debt_ratio", "100", "3"),
        ("debt_ratio", "139.99", "3"),
        ("debt_ratio", "140", "2"),
        ("debt_ratio", "179.99", "2"),
        ("debt_ratio", "180", "1"),
        ("debt_ratio", "0", "5"),
    ];
    for (id, rate, points) in cases {
        assert_eq!(
            points_for_rate(&rules, id, d(rate)),
            d(points),
            "{id} at {rate}%"
        );
    }
}

/// Every edge in the data, both sides, a hair apart: the band with the edge as `min` owns it.
#[test]
fn every_band_edge_both_sides_from_data() {
    let rules = rules();
    let hair = d("0.0000001");
    for item in &rules.rate_items {
        for band in &item.bands {
            if let Some(min) = band.min {
                assert_eq!(
                    points_for_rate(&rules, &item.id, min.0),
                    band.points.0,
                    "{} at min",
                    item.id
                );
                let below = item
                    .bands
                    .iter()
                    .find(|b| b.max == Some(min))
                    .expect("band below");
                assert_eq!(
                    points_for_rate(&rules, &item.id, min.0 - hair),
                    below.points.0
                );
            }
        }
    }
}

#[test]
fn figures_are_compared_exactly_not_rounded() {
    let rules = rules();
    // 112 / 100 → exactly 12% → 5; 111.99999 / 100 → below 12% → 4.
    let out = evaluate(&rules, &input(serde_json::json!({
        "items": { "sales_growth": { "base": 100_000_000_000_i64, "current": 111_999_999_999_i64 } }
    }))).unwrap();
    let item = &out.items[0];
    assert_eq!(item.points, Some(Num(d("4"))));
    // Displayed rounded to 12.00, yet scored 4: the band compares the exact fraction.
    assert_eq!(item.value, Some(Num(d("12"))));
    let out = evaluate(
        &rules,
        &input(serde_json::json!({
            "items": { "sales_growth": { "base": "10억", "current": "11억 2천만" } }
        })),
    )
    .unwrap();
    assert_eq!(out.items[0].points, Some(Num(d("5"))));
}

#[test]
fn debt_ratio_from_liabilities_and_equity() {
    let rules = rules();
    let out = evaluate(
        &rules,
        &input(serde_json::json!({
            "items": { "debt_ratio": { "liabilities": 60, "equity": 100 } }
        })),
    )
    .unwrap();
    let item = out.items.iter().find(|i| i.id == "debt_ratio").unwrap();
    assert_eq!(item.points, Some(Num(d("4"))), "60% is '100%미만~60%이상'");
    assert_eq!(item.band.as_deref(), Some("100%미만~60%이상"));
}

#[test]
fn undefined_cases_are_flagged_not_decided() {
    let rules = rules();
    for items in [
        serde_json::json!({ "operating_profit_growth": { "base": "△1억", "current": "2억" } }),
        serde_json::json!({ "sales_growth": { "base": 0, "current": 5 } }),
        serde_json::json!({ "debt_ratio": { "liabilities": 500, "equity": -100 } }),
        serde_json::json!({ "debt_ratio": { "liabilities": 500, "equity": 0 } }),
    ] {
        let out = evaluate(
            &rules,
            &input(serde_json::json!({ "items": items.clone() })),
        )
        .unwrap();
        let id = items.as_object().unwrap().keys().next().unwrap().clone();
        let item = out.items.iter().find(|i| i.id == id).unwrap();
        assert_eq!(item.points, None, "{items}");
        assert!(item.points_min < item.points_max);
        assert!(out.needs_checking);
        assert_eq!(out.subtotal, None);
    }
}

#[test]
fn startup_rules_apply_from_their_dates() {
    let rules = rules();
    let growth_date = rules.startup_rules[0].founded_on_or_after.unwrap();
    let debt_date = rules.startup_rules[1].founded_on_or_after.unwrap();
    let rich = serde_json::json!({
        "sales_growth": { "rate": 50 }, "operating_profit_growth": { "rate": 50 }, "debt_ratio": { "rate": 10 }
    });
    let pts = |founded: &str| {
        let out = evaluate(
            &rules,
            &input(
                serde_json::json!({ "founded_on": founded, "items": rich, "direct_export": "no" }),
            ),
        )
        .unwrap();
        out.items
            .iter()
            .map(|i| i.points.unwrap().0)
            .collect::<Vec<_>>()
    };
    // Written from the notice: '24.1.1 이후 → 3 on growth; '25.1.1 이후 → 3 on 부채비율.
    assert_eq!(growth_date.to_string(), "2024-01-01");
    assert_eq!(debt_date.to_string(), "2025-01-01");
    assert_eq!(pts("2023-12-31")[..3], [d("5"), d("5"), d("5")]);
    assert_eq!(pts("2024-01-01")[..3], [d("3"), d("3"), d("5")]);
    assert_eq!(pts("2024-12-31")[..3], [d("3"), d("3"), d("5")]);
    assert_eq!(pts("2025-01-01")[..3], [d("3"), d("3"), d("3")]);
}

#[test]
fn unverifiable_and_missing_financials_score_one() {
    let rules = rules();
    let out = evaluate(&rules, &input(serde_json::json!({
        "financials_verifiable": "no", "items": { "sales_growth": { "rate": 50 } }, "direct_export": "yes"
    }))).unwrap();
    let pts: Vec<_> = out.items.iter().map(|i| i.points.unwrap().0).collect();
    assert_eq!(pts, [d("1"), d("1"), d("1"), d("5")]);
    assert_eq!(out.subtotal, Some(Num(d("8"))));
    let out = evaluate(&rules, &input(serde_json::json!({ "direct_export": "no" }))).unwrap();
    assert_eq!(out.subtotal, Some(Num(d("4"))));
}

#[test]
fn bonus_caps_at_two_items_and_five_points() {
    let rules = rules();
    let bonus = |answers: serde_json::Value| {
        evaluate(&rules, &input(serde_json::json!({ "bonus": answers })))
            .unwrap()
            .bonus
    };
    assert_eq!(bonus(serde_json::json!({})).points, Some(Num(d("0"))));
    assert_eq!(
        bonus(serde_json::json!({ "level_check": "yes" })).points,
        Some(Num(d("3")))
    );
    let two = bonus(serde_json::json!({ "level_check": "yes", "global_1000": "yes" }));
    assert_eq!(two.points, Some(Num(d("5"))), "2 × 3 = 6, capped at 5");
    let three = bonus(
        serde_json::json!({ "level_check": "yes", "global_1000": "yes", "solution_utilization": "yes" }),
    );
    assert_eq!(
        (three.claimed, three.recognised_max, three.points),
        (3, 2, Some(Num(d("5"))))
    );
    let unsure = bonus(serde_json::json!({ "level_check": "unknown" }));
    assert_eq!(
        (unsure.points, unsure.points_min.0, unsure.points_max.0),
        (None, d("0"), d("3"))
    );
}

#[test]
fn bad_inputs_are_field_errors() {
    let rules = rules();
    let err = evaluate(
        &rules,
        &input(serde_json::json!({ "items": { "nope": { "rate": 1 } } })),
    )
    .unwrap_err();
    assert_eq!(err.field_errors[0].field, "items.nope");
    let err = evaluate(
        &rules,
        &input(serde_json::json!({ "items": { "sales_growth": { "base": 1 } } })),
    )
    .unwrap_err();
    assert_eq!(err.field_errors[0].field, "items.sales_growth.current");
    let err = evaluate(
        &rules,
        &input(serde_json::json!({ "items": { "debt_ratio": { "rate": 1, "equity": 3 } } })),
    )
    .unwrap_err();
    assert_eq!(err.field_errors[0].field, "items.debt_ratio.rate");
    let err = evaluate(
        &rules,
        &input(serde_json::json!({ "bonus": { "x": "yes" } })),
    )
    .unwrap_err();
    assert_eq!(err.field_errors[0].field, "bonus.x");
}

#[test]
fn rules_round_trip_through_json_exactly() {
    let rules = rules();
    let json = serde_json::to_string(&rules).unwrap();
    let back: ScoreRules = serde_json::from_str(&json).unwrap();
    assert_eq!(back, rules);
}

fn answer() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("yes"), Just("no"), Just("unknown")]
}

fn figure() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        (-1_000_000i64..1_000_000, 0u32..4)
            .prop_map(|(v, s)| serde_json::json!({ "rate": Decimal::new(v, s).to_string() })),
        (
            -1_000_000_000i64..1_000_000_000,
            -1_000_000_000i64..1_000_000_000
        )
            .prop_map(|(b, c)| serde_json::json!({ "base": b, "current": c })),
    ]
}

proptest! {
    #[test]
    fn subtotal_in_range_and_bonus_capped(
        sales in figure(), profit in figure(),
        liabilities in 0i64..1_000_000_000, equity in -1_000_000i64..1_000_000_000,
        verifiable in answer(), export in answer(),
        b1 in answer(), b2 in answer(), b3 in answer(),
        founded_year in 2015u16..2027,
    ) {
        let rules = rules();
        let json = serde_json::json!({
            "founded_on": format!("{founded_year}-01-01"),
            "financials_verifiable": verifiable,
            "items": {
                "sales_growth": sales, "operating_profit_growth": profit,
                "debt_ratio": { "liabilities": liabilities, "equity": equity }
            },
            "direct_export": export,
            "bonus": { "level_check": b1, "solution_utilization": b2, "global_1000": b3 }
        });
        let out = evaluate(&rules, &input(json)).unwrap();
        let (four, twenty) = (Decimal::from(4), rules.section_max.0);
        prop_assert!(four <= out.subtotal_min.0 && out.subtotal_min.0 <= out.subtotal_max.0 && out.subtotal_max.0 <= twenty);
        prop_assert!(out.bonus.points_min.0 >= Decimal::ZERO && out.bonus.points_max.0 <= rules.bonus.max_points.0);
        prop_assert_eq!(out.subtotal.is_some(), out.subtotal_min == out.subtotal_max);
        prop_assert_eq!(out.total_min.0, out.subtotal_min.0 + out.bonus.points_min.0);
        for item in &out.items {
            prop_assert!(!item.cite.is_empty() && !item.message.is_empty());
        }
    }
}
