//! Application windows to the second, from schedule.toml: open from the first day 00:00 KST,
//! closed from 17:00:00 KST on the last day.
mod common;

use af_engine::schedule::{format_rfc3339, parse_rfc3339};
use serde_json::{json, Value};

fn status(now: Value) -> Vec<(String, String)> {
    let v = common::eval(&common::rules(), "application_window", &now);
    assert_eq!(v["ok"], true, "{v}");
    v["result"]["windows"]
        .as_array()
        .expect("windows")
        .iter()
        .map(|w| {
            (
                w["id"].as_str().unwrap_or_default().to_string(),
                w["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn status_of(now: Value, id: &str) -> String {
    status(now)
        .into_iter()
        .find(|(i, _)| i == id)
        .map(|(_, s)| s)
        .expect("window")
}

#[test]
fn every_window_at_its_boundaries() {
    let rules = common::rules();
    let offset = rules.schedule.utc_offset_minutes;
    for w in &rules.schedule.window {
        let opens = parse_rfc3339(&w.opens_at).expect("opens");
        let closes = parse_rfc3339(&w.closes_at).expect("closes");
        let at = |s: i64| json!({ "now": format_rfc3339(s, offset) });
        let ms = |s: i64| json!({ "now_ms": s * 1000 });
        assert_eq!(status_of(at(opens - 1), &w.id), "not_yet_open");
        assert_eq!(status_of(at(opens), &w.id), "open");
        assert_eq!(status_of(at(closes - 1), &w.id), "open");
        assert_eq!(status_of(at(closes), &w.id), "closed");
        assert_eq!(status_of(ms(closes - 1), &w.id), "open");
        assert_eq!(status_of(ms(closes), &w.id), "closed");
        // Milliseconds just before the close are still open.
        assert_eq!(
            status_of(json!({ "now_ms": closes * 1000 - 1 }), &w.id),
            "open"
        );
        // The same instant in UTC.
        assert_eq!(
            status_of(json!({ "now": format_rfc3339(closes - 1, 0) }), &w.id),
            "open"
        );
    }
}

#[test]
fn the_notice_dates_in_kst() {
    // Written from the notice: 지원과제 ~ 2026-06-16 17시, 기획기관 ~ 2026-05-15 17시.
    assert_eq!(
        status_of(json!({ "now": "2026-06-16T16:59:59+09:00" }), "project"),
        "open"
    );
    assert_eq!(
        status_of(json!({ "now": "2026-06-16T17:00:00+09:00" }), "project"),
        "closed"
    );
    assert_eq!(
        status_of(json!({ "now": "2026-06-16T07:59:59Z" }), "project"),
        "open"
    );
    assert_eq!(
        status_of(json!({ "now_ms": 1_781_596_799_000_i64 }), "project"),
        "open"
    );
    assert_eq!(
        status_of(json!({ "now_ms": 1_781_596_800_000_i64 }), "project"),
        "closed"
    );
    assert_eq!(
        status_of(
            json!({ "now": "2026-05-15T16:59:59+09:00" }),
            "planning_org"
        ),
        "open"
    );
    assert_eq!(
        status_of(
            json!({ "now": "2026-05-15T17:00:00+09:00" }),
            "planning_org"
        ),
        "closed"
    );
    assert_eq!(
        status_of(json!({ "now": "2026-04-26T23:59:59+09:00" }), "project"),
        "not_yet_open"
    );
    assert_eq!(
        status_of(json!({ "now": "2026-04-27T00:00:00+09:00" }), "project"),
        "open"
    );
}

#[test]
fn assumptions_are_stated_and_inputs_checked() {
    let rules = common::rules();
    let v = common::eval(
        &rules,
        "application_window",
        &json!({ "now": "2026-05-01T12:00:00+09:00" }),
    );
    let text = v["result"]["assumptions"].to_string();
    assert!(
        text.contains("00:00") && text.contains("17:00:00"),
        "{text}"
    );
    assert_eq!(v["result"]["now"], "2026-05-01T12:00:00+09:00");
    for bad in [
        json!({}),
        json!({ "now": "x", "now_ms": 1 }),
        json!({ "now": "2026-06-16" }),
        json!({ "now_ms": i64::MAX }),
    ] {
        let v = common::eval(&rules, "application_window", &bad);
        assert_eq!(v["error"]["code"], "invalid_input", "{bad}: {v}");
    }
}
