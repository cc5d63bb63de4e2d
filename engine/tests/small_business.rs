//! Annex 6 (소기업 규모 기준) at its thresholds, the C31 seat exceptions and code reading.
mod common;

use rust_decimal::prelude::ToPrimitive;
use serde_json::{json, Value};

fn run(input: Value) -> Value {
    let v = common::eval(&common::rules(), "small_business", &input);
    assert_eq!(v["ok"], true, "{v}");
    v["result"].clone()
}

fn threshold(code: &str) -> u64 {
    let rules = common::rules();
    let row = rules
        .small_business
        .row
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("row {code}"));
    row.max_revenue.value().to_u64().expect("whole")
}

#[test]
fn every_row_at_and_above_its_threshold() {
    let rules = common::rules();
    for row in &rules.small_business.row {
        let max = row.max_revenue.value().to_u64().expect("whole");
        // A row with exclusions ("E (E36 제외)"): use a division inside it that isn't excluded.
        let code = if row.exclude.is_empty() {
            row.code.clone()
        } else {
            let section = &rules
                .small_business
                .ksic
                .sections
                .iter()
                .find(|s| s.letter == row.code)
                .expect("section");
            (section.from..=section.to)
                .map(|d| format!("{}{d:02}", row.code))
                .find(|c| !row.exclude.contains(c))
                .expect("a division not excluded")
        };
        let at = run(json!({ "ksic": code, "average_revenue": max }));
        assert_eq!(at["status"], "small", "{} {at}", row.code);
        assert_eq!(at["basis"]["row"], row.no);
        assert_eq!(
            at["cloud_fee_years"],
            rules.small_business.cloud_fee.small_business_years
        );
        let above = run(json!({ "ksic": code, "average_revenue": max + 1 }));
        assert_eq!(above["status"], "not_small", "{} {above}", row.code);
        assert_eq!(
            above["cloud_fee_years"],
            rules.small_business.cloud_fee.default_years
        );
    }
}

#[test]
fn codes_in_many_forms() {
    let c25 = threshold("C25");
    for code in ["C25", "c25", "C251", "25112", "C25112", " C 25 "] {
        let r = run(json!({ "ksic": code, "average_revenue": c25 }));
        assert_eq!(r["basis"]["code"], "C25", "{code}: {r}");
    }
    // E36 (수도업) vs the rest of E.
    assert_eq!(
        run(json!({ "ksic": "E36", "average_revenue": 1 }))["basis"]["code"],
        "E36"
    );
    assert_eq!(
        run(json!({ "ksic": "E37", "average_revenue": 1 }))["basis"]["code"],
        "E"
    );
    assert_eq!(
        run(json!({ "ksic": "36001", "average_revenue": 1 }))["basis"]["code"],
        "E36"
    );
    // Sections.
    assert_eq!(
        run(json!({ "ksic": "D", "average_revenue": 1 }))["basis"]["code"],
        "D"
    );
    assert_eq!(
        run(json!({ "ksic": "F", "average_revenue": 1 }))["basis"]["code"],
        "F"
    );
}

#[test]
fn too_short_codes_need_checking_unless_all_rows_agree() {
    let r = run(json!({ "ksic": "E", "average_revenue": threshold("E36") }));
    // 120억 is above the E row (10억) but within E36: can't tell.
    assert_eq!(r["status"], "needs_checking", "{r}");
    assert_eq!(r["candidates"].as_array().map(Vec::len), Some(2));
    // 1 won is small under every E row.
    assert_eq!(
        run(json!({ "ksic": "E", "average_revenue": 1 }))["status"],
        "small"
    );
    // C alone: many rows.
    let r = run(json!({ "ksic": "C", "average_revenue": threshold("C31") }));
    assert_eq!(r["status"], "needs_checking", "{r}");
}

#[test]
fn seat_exceptions_inside_c31202_and_c31322() {
    let rules = common::rules();
    for e in &rules.small_business.exception {
        let seat_max = e.max_revenue.value().to_u64().expect("whole");
        let row_max = threshold("C31");
        assert!(seat_max > row_max);
        let between = row_max + 1;
        let code = format!("{}0", e.within); // a 6-digit code inside it
        let yes =
            run(json!({ "ksic": code, "average_revenue": between, "seat_manufacturing": true }));
        assert_eq!(yes["status"], "small", "{yes}");
        assert_eq!(yes["basis"]["cite"], e.cite.as_str());
        let no = run(
            json!({ "ksic": e.within, "average_revenue": between, "seat_manufacturing": false }),
        );
        assert_eq!(no["status"], "not_small", "{no}");
        // Unknown: needs checking, saying the code alone can't tell…
        let open = run(
            json!({ "ksic": e.within, "average_revenue": between, "seat_manufacturing": null }),
        );
        assert_eq!(open["status"], "needs_checking", "{open}");
        assert!(
            open["message"]
                .as_str()
                .unwrap_or_default()
                .contains("5자리"),
            "{open}"
        );
        // …unless the revenue decides it either way.
        let low = run(json!({ "ksic": e.within, "average_revenue": row_max }));
        assert_eq!(low["status"], "small");
        let high = run(json!({ "ksic": e.within, "average_revenue": seat_max + 1 }));
        assert_eq!(high["status"], "not_small");
        // At the seat threshold itself (이하).
        let at = run(
            json!({ "ksic": e.within, "average_revenue": seat_max, "seat_manufacturing": true }),
        );
        assert_eq!(at["status"], "small");
    }
    // Other C31 codes ignore the seat flag.
    let other = run(
        json!({ "ksic": "C31110", "average_revenue": threshold("C31") + 1, "seat_manufacturing": true }),
    );
    assert_eq!(other["status"], "not_small", "{other}");
}

#[test]
fn non_manufacturing_gets_a_note_and_revenue_strings_work() {
    let r = run(json!({ "ksic": "G47", "average_revenue": "30억원" }));
    assert_eq!(r["status"], "small");
    assert!(r["notes"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("제조기업"));
    let r = run(json!({ "ksic": "C25", "average_revenue": "100억" }));
    assert!(r["notes"].as_array().is_some_and(Vec::is_empty));
    let r = run(json!({ "ksic": "C25" }));
    assert_eq!(r["status"], "needs_checking");
    assert!(r["cloud_fee_years"].is_null());
}

#[test]
fn bad_codes_are_field_errors() {
    let rules = common::rules();
    for bad in ["", "C4", "ZZ", "C25a", "45", "9"] {
        let v = common::eval(&rules, "small_business", &json!({ "ksic": bad }));
        if bad == "45" {
            // 45 is a valid G division: not an error.
            assert_eq!(v["ok"], true, "{v}");
            continue;
        }
        assert_eq!(v["error"]["field_errors"][0]["field"], "ksic", "{bad}: {v}");
    }
}
