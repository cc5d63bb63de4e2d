//! Issue 10 §3, engine side: the tools say exactly what the notice says.
//! - score: 기업 역량 (서면평가) and 가점 (최종선정, 현장평가 점수에 합산) are shown apart;
//! - settlement fee: 표준수수료 is 공급가액 기준, 부가세 제외 — the ×1.1 amount gets its own message;
//! - KPI: impossible values are field errors, all at once; money text where the unit is 원;
//! - no serde message reaches a field (기획기관 실적 `-5`, `9.5`, `1e30`);
//! - eligibility: the application window at `now`, and the smart-factory exception quoted.
mod common;

use serde_json::{json, Value};

fn ok(tool: &str, input: Value) -> Value {
    let rules = common::rules();
    let v = common::eval(&rules, tool, &input);
    assert_eq!(v["ok"], true, "{tool} {input}: {v}");
    v["result"].clone()
}

fn err(tool: &str, input: Value) -> Value {
    let rules = common::rules();
    let v = common::eval(&rules, tool, &input);
    assert_eq!(v["ok"], false, "{tool} {input}: {v}");
    v["error"].clone()
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('가'..='힣').contains(&c))
}

#[test]
fn score_stages_keep_written_points_and_bonus_apart() {
    // 5 + 1 + 3 + 5 = 14 points of 기업 역량; two bonus items (3 + 3, capped at 5).
    let r = ok(
        "score",
        json!({
            "items": {
                "sales_growth": {"rate": "12"},
                "operating_profit_growth": {"rate": "2"},
                "debt_ratio": {"rate": "100"}
            },
            "direct_export": "yes",
            "bonus": {"level_check": "yes", "global_1000": "yes"}
        }),
    );
    let stages = r["stages"].as_array().expect("stages");
    assert_eq!(stages.len(), 2);
    let written = &stages[0];
    let bonus = &stages[1];
    assert_eq!(written["id"], "written");
    assert_eq!(written["stage"], "서면평가");
    assert_eq!(written["points"], "14");
    assert_eq!(written["max_points"], "20");
    assert_eq!(bonus["id"], "bonus");
    assert_eq!(bonus["stage"], "최종선정");
    assert_eq!(bonus["points"], "5");
    // The notice's words: the bonus goes onto the 현장평가 score.
    let m = bonus["message"].as_str().unwrap();
    assert!(m.contains("현장평가 점수에 가점을 합산한 최종점수"), "{m}");
    assert!(!written["message"].as_str().unwrap().contains("가점"));
    assert_eq!(written["cite"], "notice/04-evaluation#evaluation-procedure");
    // An unknown bonus answer keeps the bonus a range, not the written points.
    let r = ok(
        "score",
        json!({"direct_export": "yes", "bonus": {"level_check": "unknown"}}),
    );
    assert_eq!(r["stages"][1]["points_min"], "0");
    assert_eq!(r["stages"][1]["points_max"], "3");
    assert_eq!(r["stages"][0]["points_min"], r["stages"][0]["points_max"]);
}

fn fee_status(fee: u64) -> Value {
    // 4억 in two years (≤ 400백만원 → 910천원), fee entered in 2차년도.
    let r = ok(
        "budget",
        json!({"years": [
            {"government": "1억", "company_cash": "1억", "items": [{"item": "education_fee", "cash": "100만"}]},
            {"government": "1억", "company_cash": "1억", "items": [
                {"item": "settlement_fee", "cash": fee}, {"item": "escrow_fee", "cash": "45만"}]}
        ]}),
    );
    r["mandatory_items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["item"] == "settlement_fee")
        .cloned()
        .expect("fee status")
}

#[test]
fn a_vat_inclusive_fee_gets_a_specific_message() {
    let at = fee_status(910_000);
    assert_eq!(at["status"], "included");
    let vat = fee_status(1_001_000);
    assert_eq!(vat["status"], "wrong_amount");
    let m = vat["message"].as_str().unwrap();
    assert!(
        m.contains("부가세") && m.contains("공급가액 기준, 부가세 제외") && m.contains("910,000원"),
        "{m}"
    );
    // One won off either way is just a wrong amount, not the VAT case.
    for fee in [1_000_999_u64, 1_001_001] {
        let other = fee_status(fee);
        assert_eq!(other["status"], "wrong_amount");
        assert!(
            !other["message"].as_str().unwrap().contains("부가세"),
            "{other}"
        );
    }
    let rules = common::rules();
    assert_eq!(
        rules.budget.settlement_fee.basis,
        "공급가액 기준, 부가세 제외"
    );
}

#[test]
fn kpi_impossible_values_are_field_errors_all_at_once() {
    // 작업공수 2 → −5 hours was "350% 감소"; 반품율 150%; claims 2.5건; and a negative baseline.
    let e = err(
        "kpi",
        json!({"indicators": [
            {"id": "c_man_hours", "baseline": 2, "target": -5},
            {"id": "q_return_rate", "baseline": 150, "target": 5},
            {"id": "q_claims", "baseline": "2.5", "target": 1},
            {"id": "p_manufacturing_lead_time", "baseline": -1, "target": 1}
        ]}),
    );
    let fields: Vec<&str> = e["field_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        [
            "indicators[0].target",
            "indicators[1].baseline",
            "indicators[2].baseline",
            "indicators[3].baseline"
        ]
    );
    for f in e["field_errors"].as_array().unwrap() {
        assert!(has_hangul(f["message"].as_str().unwrap()), "{f}");
    }
    assert!(e["field_errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("음수"));
    // Boundaries: 0 hours and exactly 100% are possible.
    let r = ok(
        "kpi",
        json!({"indicators": [
            {"id": "c_man_hours", "baseline": 2, "target": 0},
            {"id": "d_on_time_delivery_rate", "baseline": 90, "target": 100},
            {"id": "p_operating_margin", "baseline": -3, "target": 5}
        ]}),
    );
    assert_eq!(r["rows"][0]["improvement_rate"], "100");
    assert_eq!(r["rows"][1]["status"], "improves");
    // 영업이익율 may be negative (적자); the rate from a negative base is undefined, not refused.
    assert_eq!(r["rows"][2]["status"], "rate_undefined");
    let over = err(
        "kpi",
        json!({"indicators": [{"id": "d_on_time_delivery_rate", "baseline": 90, "target": "100.01"}]}),
    );
    assert_eq!(over["field_errors"][0]["field"], "indicators[0].target");
}

#[test]
fn kpi_money_units_accept_korean_money_text() {
    let r = ok(
        "kpi",
        json!({"indicators": [{"id": "p_sales", "baseline": "80억", "target": "88억원"}]}),
    );
    assert_eq!(r["rows"][0]["baseline"], "8000000000");
    assert_eq!(r["rows"][0]["improvement_rate"], "10");
    // Own indicator with 원 in its unit, too.
    let r = ok(
        "kpi",
        json!({"own": [{"name": "AI 예측 절감액", "unit": "원", "direction": "increase", "baseline": "1억", "target": "1억 5천만"}]}),
    );
    assert_eq!(r["rows"][0]["improvement_rate"], "50");
    // Not where the unit is hours; and an unreadable money text says why.
    let e = err(
        "kpi",
        json!({"indicators": [{"id": "c_man_hours", "baseline": "80억", "target": 1}]}),
    );
    assert_eq!(e["field_errors"][0]["field"], "indicators[0].baseline");
    assert!(e["field_errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("단위"));
    let e = err(
        "kpi",
        json!({"indicators": [{"id": "p_sales", "baseline": "1억2", "target": "2억"}]}),
    );
    assert_eq!(e["field_errors"][0]["field"], "indicators[0].baseline");
    assert!(e["field_errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("만 단위"));
}

#[test]
fn count_answers_never_show_a_serde_message() {
    for (value, needle) in [
        (json!(-5), "음수"),
        (json!(9.5), "정수"),
        (json!(1e30), "너무 큽니다"),
        (json!("-5"), "음수"),
        (json!("9.5"), "정수"),
        (json!("maybe"), "yes(예)"),
        (json!(true), "yes(예)"),
        (json!([1]), "yes(예)"),
    ] {
        let e = err(
            "eligibility",
            json!({"role": "planning_org", "answers": {"planning_track_record": value}}),
        );
        let f = &e["field_errors"][0];
        assert_eq!(f["field"], "answers.planning_track_record", "{value}");
        let m = f["message"].as_str().unwrap();
        assert!(m.contains(needle), "{value}: {m}");
        assert!(
            !m.contains("did not match") && !m.contains("untagged"),
            "{m}"
        );
    }
    // Accepted: whole counts as numbers or digit strings, and the three choices.
    for value in [
        json!(9),
        json!(10),
        json!(10.0),
        json!("10"),
        json!("10건"),
        json!("unknown"),
    ] {
        ok(
            "eligibility",
            json!({"role": "planning_org", "answers": {"planning_track_record": value}}),
        );
    }
}

fn adopter_window(now: &str) -> Value {
    ok(
        "eligibility",
        json!({"role": "adopter", "answers": {}, "now": now}),
    )["window"]
        .clone()
}

#[test]
fn eligibility_says_when_applications_are_closed() {
    // "2026년 6월 16일(화) 17시까지": 16:59:59 KST open, 17:00:00 closed.
    let open = adopter_window("2026-06-16T16:59:59+09:00");
    assert_eq!(open["status"], "open");
    assert!(open.get("next_step").is_none(), "{open}");
    let closed = adopter_window("2026-06-16T17:00:00+09:00");
    assert_eq!(closed["status"], "closed");
    let m = closed["message"].as_str().unwrap();
    assert!(m.contains("접수가 마감되었습니다"), "{m}");
    assert!(!m.contains("접수 접수"), "{m}");
    assert!(closed["next_step"]
        .as_str()
        .unwrap()
        .contains("smart-factory.kr"));
    assert_eq!(closed["cite"], "notice/03-application#application-period");
    assert_eq!(
        adopter_window("2026-04-26T23:59:59+09:00")["status"],
        "not_yet_open"
    );
    // The planning organisation's own window closed on 5월 15일 17시.
    let r = ok(
        "eligibility",
        json!({"role": "planning_org", "answers": {}, "now_ms": 1_779_000_000_000_i64}),
    );
    assert_eq!(r["window"]["id"], "planning_org");
    assert_eq!(r["window"]["status"], "closed");
    // Without `now` there is no window (old callers unchanged).
    let r = ok("eligibility", json!({"role": "adopter", "answers": {}}));
    assert!(r.get("window").is_none());
    let e = err(
        "eligibility",
        json!({"role": "adopter", "answers": {}, "now": "tomorrow"}),
    );
    assert_eq!(e["field_errors"][0]["field"], "now");
}

#[test]
fn every_role_window_exists_in_the_schedule() {
    let rules = common::rules();
    for role in &rules.eligibility.roles {
        let id = role.window.as_deref().expect("every role names its window");
        assert!(
            rules.schedule.window.iter().any(|w| w.id == id),
            "{}: {id}",
            role.id
        );
    }
    for w in &rules.schedule.window {
        assert!(!w.closed_next_step.is_empty(), "{}", w.id);
    }
}

#[test]
fn the_smart_factory_question_quotes_the_exception() {
    let rules = common::rules();
    let q = rules
        .eligibility
        .questions
        .iter()
        .find(|q| q.id == "ongoing_smart_factory")
        .expect("question");
    let quote = "최종선정 전 기 수행과제의 구축기간이 종료된 기업은 지원 가능";
    assert!(q.label.contains(quote), "{}", q.label);
    let notice = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../content/notice/03-application.md"),
    )
    .expect("notice page");
    assert!(
        notice.contains(quote),
        "the quote is the notice's own words"
    );
}

#[test]
fn small_business_messages_need_no_particle_after_the_threshold() {
    // "… 기준 평균매출액등 120억 원 이하을 넘으므로" was the slip (main fixed it with josa).
    for (revenue, status) in [
        ("120억", "small"),
        ("120억 1원", "not_small"),
        ("80억", "small"),
    ] {
        let r = ok(
            "small_business",
            json!({"ksic": "C25", "average_revenue": revenue}),
        );
        assert_eq!(r["status"], status, "{r}");
        let m = r["message"].as_str().unwrap();
        assert!(!m.contains("이하을"), "{m}");
    }
}
