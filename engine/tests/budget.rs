//! Budget rules at every threshold, on both sides, with the figures taken from budget.toml
//! (written from chapter 1 and chapter 6 of the notice: 이내·이하 = allowed at the limit).
mod common;

use af_engine::budget::BudgetRules;
use af_engine::rules::Rules;
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use serde_json::{json, Value};

fn won(w: af_engine::money::Won) -> u64 {
    w.value().to_u64().expect("whole won")
}

fn br(rules: &Rules) -> &BudgetRules {
    &rules.budget
}

fn budget(rules: &Rules, years: Value) -> Value {
    let v = common::eval(rules, "budget", &json!({ "years": years }));
    assert_eq!(v["ok"], true, "{v}");
    v["result"].clone()
}

fn breach_rules(result: &Value) -> Vec<String> {
    result["breaches"]
        .as_array()
        .expect("breaches array")
        .iter()
        .map(|b| b["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn has_breach(result: &Value, rule: &str) -> bool {
    breach_rules(result).iter().any(|r| r == rule)
}

/// A year whose total is exactly `total`, government `gov`, no in-kind.
fn year(gov: u64, total: u64) -> Value {
    json!({ "government": gov, "company_cash": total - gov })
}

#[test]
fn government_per_year_cap_boundary() {
    let rules = common::rules();
    let cap = won(br(&rules).government.max_per_year);
    let pct = u64::from(br(&rules).government.max_share_percent);
    let total_for = |g: u64| g * 100 / pct + 100;
    let at = budget(&rules, json!([year(cap, total_for(cap))]));
    assert!(!has_breach(&at, "government_per_year"), "{at}");
    let over = budget(&rules, json!([year(cap + 1, total_for(cap + 1))]));
    assert!(has_breach(&over, "government_per_year"), "{over}");
    assert_eq!(over["ok"], false);
}

#[test]
fn government_share_boundary() {
    let rules = common::rules();
    let pct = u64::from(br(&rules).government.max_share_percent);
    let gov = 100_000_000_u64;
    let total = gov * 100 / pct; // exactly at the share
    let at = budget(&rules, json!([year(gov, total)]));
    assert!(!has_breach(&at, "government_share"), "{at}");
    assert_eq!(
        at["years"][0]["government_share_percent"].as_f64(),
        Some(pct as f64)
    );
    let under = budget(&rules, json!([year(gov, total - 1)]));
    assert!(has_breach(&under, "government_share"), "{under}");
}

#[test]
fn government_total_cap_uses_rules() {
    let mut rules = common::rules();
    // With a smaller overall cap than two yearly caps the total check must bite.
    let per_year = br(&rules).government.max_per_year;
    rules.budget.government.max_total = per_year;
    let y = year(won(per_year), won(per_year) * 3);
    let over = budget(&rules, json!([y.clone(), y.clone()]));
    assert!(has_breach(&over, "government_total"), "{over}");
    let one = budget(&rules, json!([y]));
    assert!(!has_breach(&one, "government_total"), "{one}");
}

#[test]
fn in_kind_share_and_yearly_cap_boundaries() {
    let rules = common::rules();
    let k = &br(&rules).in_kind;
    let pct = u64::from(k.max_percent_of_company);
    let cap = won(k.max_per_year);
    // Share: company total 100,000,000 → in-kind at most pct%.
    let company = 100_000_000_u64;
    let limit = company * pct / 100;
    let mk = |in_kind: u64| json!([{ "government": company, "company_cash": company - in_kind, "company_in_kind": in_kind }]);
    assert!(!has_breach(&budget(&rules, mk(limit)), "in_kind_share"));
    assert!(has_breach(&budget(&rules, mk(limit + 1)), "in_kind_share"));
    // Yearly cap: a company share large enough that the share rule doesn't bite.
    let big = cap * 100 / pct * 2;
    let mk = |in_kind: u64| json!([{ "government": big / 2, "company_cash": big - in_kind, "company_in_kind": in_kind }]);
    let at = budget(&rules, mk(cap));
    assert!(!has_breach(&at, "in_kind_per_year"), "{at}");
    let over = budget(&rules, mk(cap + 1));
    assert!(has_breach(&over, "in_kind_per_year"), "{over}");
    assert!(!has_breach(&over, "in_kind_share"), "{over}");
}

/// A two-year plan with all mandatory items, whose overall total is exactly `total`.
fn plan_with_total(rules: &Rules, total: u64, fee: u64) -> Value {
    let edu = won(br(rules).mandatory.item[0]
        .amount
        .expect("fixed education fee"));
    let escrow = won(br(rules).mandatory.item[2]
        .amount
        .expect("fixed escrow fee"));
    let y1 = total / 2;
    let y2 = total - y1;
    let gov = |t: u64| t / 4;
    json!([
        { "government": gov(y1), "company_cash": y1 - gov(y1),
          "items": [ { "item": "education_fee", "cash": edu } ] },
        { "government": gov(y2), "company_cash": y2 - gov(y2),
          "items": [ { "item": "settlement_fee", "cash": fee }, { "item": "escrow_fee", "cash": escrow } ] }
    ])
}

#[test]
fn settlement_fee_tier_boundaries() {
    let rules = common::rules();
    let tiers = &br(&rules).settlement_fee.tier;
    for (i, tier) in tiers.iter().enumerate() {
        let Some(max) = tier.max_total else { continue };
        let max = won(max);
        let fee_here = won(tier.fee);
        let fee_next = won(tiers[i + 1].fee);
        // 이하: the tier's own fee at exactly max_total…
        let at = budget(&rules, plan_with_total(&rules, max, fee_here));
        let status = &at["mandatory_items"][1];
        assert_eq!(status["item"], "settlement_fee");
        assert_eq!(status["amount"].as_u64(), Some(fee_here), "{at}");
        assert_eq!(status["status"], "included", "{at}");
        // …and the next tier's one won above (초과).
        let above = budget(&rules, plan_with_total(&rules, max + 1, fee_next));
        assert_eq!(
            above["mandatory_items"][1]["amount"].as_u64(),
            Some(fee_next)
        );
        // The wrong fee is a breach.
        let wrong = budget(&rules, plan_with_total(&rules, max + 1, fee_here));
        assert_eq!(wrong["mandatory_items"][1]["status"], "wrong_amount");
        assert!(has_breach(&wrong, "mandatory_amount"));
    }
}

#[test]
fn lifecycle_share_boundary() {
    let rules = common::rules();
    let item = br(&rules).item("lifecycle_management").expect("item");
    let pct = u64::from(item.max_percent_of_year_total.expect("percent"));
    let total = 400_000_000_u64;
    let mk = |fee: u64| {
        json!([{ "government": total / 4, "company_cash": total - total / 4,
                 "items": [ { "item": "lifecycle_management", "cash": fee } ] }])
    };
    let limit = total * pct / 100;
    assert!(!has_breach(&budget(&rules, mk(limit)), "item_share"));
    assert!(has_breach(&budget(&rules, mk(limit + 1)), "item_share"));
}

#[test]
fn funding_kinds_follow_the_notice() {
    let rules = common::rules();
    let base = |items: Value| {
        json!([{ "government": 100_000_000, "company_cash": 80_000_000,
                 "company_in_kind": 20_000_000, "items": items }])
    };
    // 도입기업 인건비: 현금 불가.
    let r = budget(
        &rules,
        base(json!([{ "item": "company_labor", "cash": 1, "in_kind": 20_000_000 }])),
    );
    assert!(has_breach(&r, "in_kind_only"), "{r}");
    // 클라우드: 현금·현물 가능.
    let r = budget(
        &rules,
        base(json!([{ "item": "cloud_fee", "cash": 5_000_000, "in_kind": 20_000_000 }])),
    );
    assert!(
        !has_breach(&r, "in_kind_only") && !has_breach(&r, "cash_only"),
        "{r}"
    );
    // 교육비 in kind: not among the in-kind items.
    let r = budget(
        &rules,
        base(json!([{ "item": "education_fee", "in_kind": 1_000_000 }])),
    );
    assert!(has_breach(&r, "cash_only"), "{r}");
}

#[test]
fn ai_dataset_only_in_year_two() {
    let rules = common::rules();
    let y = |items: Value| {
        json!({ "government": 100_000_000, "company_cash": 80_000_000,
                "company_in_kind": 20_000_000, "items": items })
    };
    let ds = json!([{ "item": "ai_dataset", "in_kind": 20_000_000 }]);
    let r = budget(&rules, json!([y(ds.clone()), y(json!([]))]));
    assert!(has_breach(&r, "item_year"), "{r}");
    let r = budget(&rules, json!([y(json!([])), y(ds)]));
    assert!(!has_breach(&r, "item_year"), "{r}");
}

#[test]
fn mandatory_items_missing_wrong_year_and_unchecked() {
    let rules = common::rules();
    // No breakdown at all: needs checking, not a guess.
    let r = budget(
        &rules,
        json!([
            year(100_000_000, 200_000_000),
            year(100_000_000, 200_000_000)
        ]),
    );
    for m in r["mandatory_items"].as_array().expect("array") {
        assert_eq!(m["status"], "not_checked");
        assert!(m["message"]
            .as_str()
            .unwrap_or_default()
            .contains("확인 필요"));
    }
    // Breakdown without the items: missing, paid outside the total, not a breach.
    let mut y = year(100_000_000, 200_000_000);
    y["items"] = json!([]);
    let r = budget(&rules, json!([y.clone(), y.clone()]));
    assert!(r["mandatory_items"]
        .as_array()
        .expect("array")
        .iter()
        .all(|m| m["status"] == "missing"));
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(
        r["mandatory_items"][0]["cite"],
        br(&rules).mandatory.missing_cite.as_str()
    );
    // Escrow fee in year 1 of a two-year plan: wrong year.
    let escrow = won(br(&rules).mandatory.item[2].amount.expect("amount"));
    let mut y1 = y.clone();
    y1["items"] = json!([{ "item": "escrow_fee", "cash": escrow }]);
    let r = budget(&rules, json!([y1, y]));
    assert_eq!(r["mandatory_items"][2]["status"], "wrong_year", "{r}");
    assert!(has_breach(&r, "mandatory_year"));
}

#[test]
fn one_year_plan_puts_year_two_items_in_year_one() {
    let rules = common::rules();
    let r = budget(&rules, json!([year(100_000_000, 200_000_000)]));
    let years: Vec<u64> = r["mandatory_items"]
        .as_array()
        .expect("array")
        .iter()
        .map(|m| m["year"].as_u64().unwrap_or(0))
        .collect();
    assert!(years.iter().all(|y| *y == 1), "{years:?}");
    let assumptions = r["assumptions"].to_string();
    assert!(
        assumptions.contains("1차년도(마지막 연차)"),
        "{assumptions}"
    );
}

#[test]
fn unusable_inputs_are_field_errors() {
    let rules = common::rules();
    let y = year(1, 2);
    for years in [json!([]), json!([y.clone(), y.clone(), y.clone()])] {
        let v = common::eval(&rules, "budget", &json!({ "years": years }));
        assert_eq!(v["error"]["field_errors"][0]["field"], "years", "{v}");
    }
    let v = common::eval(
        &rules,
        "budget",
        &json!({ "years": [ { "government": 1, "company_cash": "삼억" } ] }),
    );
    assert_eq!(
        v["error"]["field_errors"][0]["field"], "years[0].company_cash",
        "{v}"
    );
    let v = common::eval(
        &rules,
        "budget",
        &json!({ "years": [ { "government": 1, "company_cash": 1, "items": [ { "item": "x" } ] } ] }),
    );
    assert_eq!(
        v["error"]["field_errors"][0]["field"], "years[0].items[0].item",
        "{v}"
    );
}

#[test]
fn budget_max_is_the_tightest_plan() {
    let rules = common::rules();
    let g = &br(&rules).government;
    for n in 1..=g.max_years {
        let v = common::eval(&rules, "budget_max", &json!({ "years": n }));
        let r = &v["result"];
        for y in r["years"].as_array().expect("years") {
            let gov = y["government"].as_u64().expect("gov");
            let total = y["min_total"].as_u64().expect("total");
            assert!(gov <= won(g.max_per_year));
            // The plan itself passes the budget check…
            let plan = json!([{ "government": gov, "company_cash": y["company_cash_min"], "company_in_kind": y["company_in_kind_max"] }]);
            let checked = budget(&rules, plan);
            assert!(breach_rules(&checked).is_empty(), "{checked}");
            // …and one won less of total can't carry that support.
            let smaller = budget(&rules, json!([year(gov, total - 1)]));
            assert!(has_breach(&smaller, "government_share"));
        }
        let overall_gov = r["overall"]["government"].as_u64().expect("gov");
        assert!(overall_gov <= won(g.max_total));
    }
    let v = common::eval(&rules, "budget_max", &json!({ "years": g.max_years + 1 }));
    assert_eq!(v["error"]["code"], "invalid_input");
}

fn arb_amount() -> impl Strategy<Value = u64> {
    prop_oneof![
        0_u64..1_000,
        0_u64..1_000_000_000,
        Just(1_000_000_000_000_u64),
        0_u64..=1_000_000_000_000
    ]
}

fn arb_year() -> impl Strategy<Value = Value> {
    (arb_amount(), arb_amount(), proptest::option::of(arb_amount()), proptest::option::of(proptest::collection::vec(
        (prop::sample::select(vec!["education_fee", "settlement_fee", "escrow_fee", "lifecycle_management", "cloud_fee", "company_labor", "ai_dataset", "other"]), arb_amount(), arb_amount()),
        0..5,
    )))
        .prop_map(|(g, c, k, items)| {
            let mut y = json!({ "government": g, "company_cash": c });
            if let Some(k) = k {
                y["company_in_kind"] = json!(k);
            }
            if let Some(items) = items {
                y["items"] = items
                    .into_iter()
                    .map(|(id, cash, in_kind)| json!({ "item": id, "cash": cash, "in_kind": in_kind }))
                    .collect();
            }
            y
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_breach_means_within_caps_and_totals_add_up(years in proptest::collection::vec(arb_year(), 1..=2)) {
        let rules = common::rules();
        let v = common::eval(&rules, "budget", &json!({ "years": years }));
        prop_assert_eq!(&v["ok"], &json!(true), "{}", v);
        let r = &v["result"];
        let g = &rules.budget.government;
        let mut sum_total = 0_u128;
        for y in r["years"].as_array().expect("years") {
            let gov = u128::from(y["government"].as_u64().expect("gov"));
            let cash = u128::from(y["company_cash"].as_u64().expect("cash"));
            let kind = u128::from(y["company_in_kind"].as_u64().expect("kind"));
            let total = u128::from(y["total"].as_u64().expect("total"));
            prop_assert_eq!(total, gov + cash + kind);
            prop_assert_eq!(u128::from(y["company_total"].as_u64().expect("ct")), cash + kind);
            sum_total += total;
            if r["ok"] == json!(true) {
                prop_assert!(gov * 100 <= total * u128::from(g.max_share_percent));
                prop_assert!(gov <= u128::from(won(g.max_per_year)));
                prop_assert!(u128::from(y["government_limit"].as_u64().expect("limit")) >= gov);
            }
        }
        prop_assert_eq!(u128::from(r["overall"]["total"].as_u64().expect("total")), sum_total);
        if r["ok"] == json!(true) {
            prop_assert!(r["overall"]["government"].as_u64().expect("g") <= won(g.max_total));
        }
    }

    #[test]
    fn any_json_numbers_never_panic(g in any::<i64>(), c in any::<f64>(), k in any::<u64>()) {
        let rules = common::rules();
        let v = common::eval(&rules, "budget", &json!({ "years": [ { "government": g, "company_cash": c, "company_in_kind": k } ] }));
        prop_assert!(v["ok"].is_boolean());
    }
}
