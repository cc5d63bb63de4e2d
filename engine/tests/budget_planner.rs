//! The budget planner (`budget_plan`, `budget_for_support`), from the notice's figures: 정부출연금
//! 총사업비의 50% 이내·연 3억원·전체 6억원(최대 2년), 현물 기업부담금의 20% 이내·연 6천만원,
//! 교육비 100만원(1차년도), 정산 수수료 구간(2차년도), 기술임치비 45만원(2차년도).
//! Thresholds come from budget.toml; every proposed plan must pass the `budget` check.
mod common;

use af_engine::rules::Rules;
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{json, Value};

fn won(w: af_engine::money::Won) -> u64 {
    w.value().to_u64().expect("whole won")
}

fn plan(rules: &Rules, input: Value) -> Value {
    let v = common::eval(rules, "budget_plan", &input);
    assert_eq!(v["ok"], true, "{v}");
    v["result"].clone()
}

fn n(v: &Value) -> u64 {
    v.as_u64()
        .unwrap_or_else(|| panic!("not a whole number: {v}"))
}

/// The plan goes through `budget` again, through the public door, and passes.
fn assert_passes_budget(rules: &Rules, result: &Value) {
    let again = common::eval(rules, "budget", &result["plan"]);
    assert_eq!(again["ok"], true, "{again}");
    assert_eq!(again["result"]["ok"], true, "{again}");
    assert_eq!(result["check"]["ok"], true);
    for m in again["result"]["mandatory_items"].as_array().expect("list") {
        assert_eq!(m["status"], "included", "{m}");
    }
}

#[test]
fn twelve_eok_two_years_gets_the_full_six_eok() {
    let rules = common::rules();
    let g = &rules.budget.government;
    let r = plan(&rules, json!({"total": "12억", "years": 2}));
    assert_eq!(n(&r["government_total"]), won(g.max_total));
    for y in r["years"].as_array().expect("years") {
        assert_eq!(n(&y["government"]["amount"]), won(g.max_per_year));
        assert_eq!(n(&y["total"]["amount"]), 600_000_000);
        assert!(!y["government"]["cite"].as_str().unwrap().is_empty());
        // No in-kind planned: cash only, and the limit is said.
        assert_eq!(n(&y["company_in_kind"]["amount"]), 0);
        assert_eq!(y["company_in_kind"]["rule"], "in_kind_none");
        assert_eq!(n(&y["in_kind_max"]), 60_000_000);
    }
    // Mandatory items in the right year with the right fee tier (12억 > 400백만원 → 1,182천원).
    let y1: Vec<String> = r["years"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("{}={}", i["item"].as_str().unwrap(), i["cash"]))
        .collect();
    let y2: Vec<String> = r["years"][1]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("{}={}", i["item"].as_str().unwrap(), i["cash"]))
        .collect();
    assert_eq!(y1, ["education_fee=1000000"]);
    assert_eq!(y2, ["settlement_fee=1182000", "escrow_fee=450000"]);
    assert_passes_budget(&rules, &r);
}

#[test]
fn a_small_total_gets_half_and_the_lower_fee_tier() {
    let rules = common::rules();
    // 4억 over 2 years: 2억 a year, 1억 support each; 400백만원 이하 → 910천원 (boundary, 이하).
    let r = plan(&rules, json!({"total": "4억", "years": 2}));
    assert_eq!(n(&r["government_total"]), 200_000_000);
    assert_eq!(r["years"][0]["government"]["rule"], "government_share");
    assert_eq!(n(&r["years"][1]["items"][0]["cash"]), 910_000);
    assert_passes_budget(&rules, &r);
    // One won more crosses into the next tier (초과).
    let r = plan(&rules, json!({"total": 400_000_001_u64, "years": 2}));
    assert_eq!(n(&r["years"][1]["items"][0]["cash"]), 1_182_000);
    // Odd won: 1차년도 200,000,000 (a multiple of 2원, so 50% is whole), 2차년도 the rest.
    assert_eq!(n(&r["years"][0]["total"]["amount"]), 200_000_000);
    assert_eq!(n(&r["years"][1]["total"]["amount"]), 200_000_001);
    assert_eq!(n(&r["government_total"]), 200_000_000);
    // 4억 2원: 2억 1원 each would floor to 1억 twice; the split keeps the whole 2억 1원.
    let r = plan(&rules, json!({"total": 400_000_002_u64, "years": 2}));
    assert_eq!(n(&r["government_total"]), 200_000_001);
    assert_passes_budget(&rules, &r);
}

#[test]
fn the_yearly_cap_binds_above_six_eok_a_year() {
    let rules = common::rules();
    // 6억 a year: the share (50%) and the yearly cap meet exactly.
    let at = plan(&rules, json!({"total": "6억", "years": 1}));
    assert_eq!(n(&at["government_total"]), 300_000_000);
    // 6억 and 2원: the share would allow 3억 1원; the yearly cap holds it at 3억.
    let over = plan(&rules, json!({"total": 600_000_002_u64, "years": 1}));
    assert_eq!(n(&over["government_total"]), 300_000_000);
    assert_eq!(
        over["years"][0]["government"]["rule"],
        "government_per_year"
    );
    // A one-year plan carries all three mandatory items in 1차년도.
    assert_eq!(at["years"][0]["items"].as_array().unwrap().len(), 3);
    assert_passes_budget(&rules, &at);
    assert_passes_budget(&rules, &over);
    let big = plan(&rules, json!({"total": "20억", "years": 2}));
    assert_eq!(n(&big["government_total"]), 600_000_000);
    assert_eq!(n(&big["company_total"]), 1_400_000_000);
}

#[test]
fn planned_in_kind_is_kept_within_its_limits() {
    let rules = common::rules();
    // 12억/2년: company part 3억 a year, 20% = 6천만 = the yearly cap.
    let r = plan(
        &rules,
        json!({"total": "12억", "years": 2, "in_kind": "1억"}),
    );
    assert_eq!(n(&r["years"][0]["company_in_kind"]["amount"]), 60_000_000);
    assert_eq!(n(&r["years"][1]["company_in_kind"]["amount"]), 40_000_000);
    assert_eq!(n(&r["in_kind_total"]), 100_000_000);
    assert!(r["notes"].as_array().unwrap().is_empty());
    assert_passes_budget(&rules, &r);
    // At the limit (1억 2천만) all fits; one won more is capped, and said.
    let at = plan(
        &rules,
        json!({"total": "12억", "years": 2, "in_kind": "1억 2천만원"}),
    );
    assert!(at["notes"].as_array().unwrap().is_empty(), "{at}");
    let over = plan(
        &rules,
        json!({"total": "12억", "years": 2, "in_kind": 120_000_001_u64}),
    );
    assert_eq!(n(&over["in_kind_total"]), 120_000_000);
    assert_eq!(over["notes"][0]["rule"], "in_kind_capped");
    assert_passes_budget(&rules, &over);
    // A 2억 project: company part 1억; 20% = 2천만 binds before 6천만.
    let small = plan(
        &rules,
        json!({"total": "2억", "years": 1, "in_kind": "5천만"}),
    );
    assert_eq!(n(&small["in_kind_total"]), 20_000_000);
    assert_passes_budget(&rules, &small);
}

#[test]
fn bad_planner_inputs_are_field_errors() {
    let rules = common::rules();
    for (input, field) in [
        (json!({"total": "12억", "years": 3}), "years"),
        (json!({"total": "12억", "years": 0}), "years"),
        (json!({"total": 0, "years": 1}), "total"),
        // 2년, 180만: 1차년도 900,000원 cannot hold 교육비 100만원.
        (json!({"total": "180만", "years": 2}), "total"),
        (json!({"total": "1억2", "years": 1}), "total"),
        (json!({"total": "12억", "years": -1}), "years"),
    ] {
        let v = common::eval(&rules, "budget_plan", &input);
        assert_eq!(v["ok"], false, "{input}");
        assert_eq!(v["error"]["field_errors"][0]["field"], field, "{v}");
        let msg = v["error"]["field_errors"][0]["message"].as_str().unwrap();
        assert!(!msg.contains("did not match"), "{msg}");
    }
    // The smallest 1-year total that holds the mandatory items (100만 + 45만 + 455천) works.
    let r = plan(&rules, json!({"total": 1_905_000, "years": 1}));
    assert_passes_budget(&rules, &r);
    let v = common::eval(
        &rules,
        "budget_plan",
        &json!({"total": 1_904_999, "years": 1}),
    );
    assert_eq!(v["ok"], false, "{v}");
    // 2년: 200만 splits 100만 + 100만; 2차년도 holds 수수료 455천 + 기술임치비 45만 (90만 5천).
    let r = plan(&rules, json!({"total": "200만", "years": 2}));
    assert_passes_budget(&rules, &r);
}

#[test]
fn support_to_total_is_the_reverse() {
    let rules = common::rules();
    let r = common::eval(
        &rules,
        "budget_for_support",
        &json!({"government": "6억", "years": 2}),
    );
    assert_eq!(r["ok"], true, "{r}");
    let r = &r["result"];
    assert_eq!(n(&r["min_total"]), 1_200_000_000);
    assert_eq!(n(&r["company_total"]), 600_000_000);
    assert_eq!(n(&r["proposal"]["government_total"]), 600_000_000);
    assert_passes_budget(&rules, &r["proposal"]);
    // 3억 over 1 year: 6억. One won more than the 2-year cap is refused, at the cap accepted.
    let one = common::eval(
        &rules,
        "budget_for_support",
        &json!({"government": "3억", "years": 1}),
    );
    assert_eq!(n(&one["result"]["min_total"]), 600_000_000);
    let over = common::eval(
        &rules,
        "budget_for_support",
        &json!({"government": 300_000_001_u64, "years": 1}),
    );
    assert_eq!(over["error"]["field_errors"][0]["field"], "government");
    let over2 = common::eval(
        &rules,
        "budget_for_support",
        &json!({"government": 600_000_001_u64, "years": 2}),
    );
    assert_eq!(over2["error"]["field_errors"][0]["field"], "government");
    // A support too small for the mandatory items: the total grows to hold them, the support
    // stays what was asked.
    let tiny = common::eval(
        &rules,
        "budget_for_support",
        &json!({"government": "10만", "years": 1}),
    );
    assert_eq!(tiny["ok"], true, "{tiny}");
    assert_eq!(n(&tiny["result"]["proposal"]["government_total"]), 100_000);
    assert_eq!(n(&tiny["result"]["min_total"]), 1_905_000);
    assert_passes_budget(&rules, &tiny["result"]["proposal"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn every_proposed_plan_passes_the_budget_check(
        total in 4_000_000_u64..3_000_000_000,
        years in 1_u32..=2,
        in_kind in proptest::option::of(0_u64..200_000_000),
    ) {
        let rules = common::rules();
        let mut input = json!({"total": total, "years": years});
        if let Some(k) = in_kind {
            input["in_kind"] = json!(k);
        }
        let v = common::eval(&rules, "budget_plan", &input);
        prop_assert_eq!(&v["ok"], &json!(true), "{}", v);
        let r = &v["result"];
        prop_assert_eq!(n(&r["check"]["overall"]["total"]), total);
        let again = common::eval(&rules, "budget", &r["plan"]);
        prop_assert_eq!(&again["result"]["ok"], &json!(true), "{}", again);
        // Largest support: no year could take one won more.
        for y in r["years"].as_array().unwrap() {
            let gov = n(&y["government"]["amount"]);
            let year_total = n(&y["total"]["amount"]);
            let limit = (year_total / 2).min(300_000_000);
            prop_assert_eq!(gov, limit);
        }
    }

    #[test]
    fn the_reverse_gives_the_smallest_total(gov in 1_000_000_u64..=600_000_000) {
        let rules = common::rules();
        let v = common::eval(&rules, "budget_for_support", &json!({"government": gov, "years": 2}));
        prop_assert_eq!(&v["ok"], &json!(true), "{}", v);
        let min_total = n(&v["result"]["min_total"]);
        // The plan for that total gives at least the support; one won less per year would not.
        let p = plan(&rules, json!({"total": min_total, "years": 2}));
        prop_assert!(n(&p["government_total"]) >= gov);
        if min_total > 4_000_000 {
            let less = common::eval(&rules, "budget_plan", &json!({"total": min_total - 2, "years": 2}));
            if less["ok"] == json!(true) {
                prop_assert!(n(&less["result"]["government_total"]) < gov);
            }
        }
    }
}
