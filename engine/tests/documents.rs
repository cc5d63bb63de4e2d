//! The 제출서류 checklist (3장 신청 및 접수), from the notice's list: every applicant's papers,
//! the conditional ones on both sides of their condition, and the dates for "발행일로부터 3개월
//! 이내" and "접수 마감일을 기준으로 유효한 서류" counted to the deadline (2026년 6월 16일).
mod common;

use serde_json::{json, Value};

fn docs(input: Value) -> Value {
    let rules = common::rules();
    let v = common::eval(&rules, "documents", &input);
    assert_eq!(v["ok"], true, "{input}: {v}");
    v["result"].clone()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("list")
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect()
}

fn line<'a>(r: &'a Value, id: &str) -> &'a Value {
    r["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {r}"))
}

#[test]
fn every_applicant_gets_the_fixed_papers_with_dates() {
    let r = docs(
        json!({"answers": {"adopter_branch": "no"}, "statements_2025": "yes", "direct_export": "no"}),
    );
    assert_eq!(r["deadline_date"], "2026-06-16");
    assert_eq!(
        ids(&r["documents"]),
        [
            "application_form",
            "business_registration",
            "sme_certificate",
            "tax_clearance",
            "corporate_seal",
            "financial_statements",
            "social_insurance_roster",
            "credit_info_consent",
            "sme_support_consent"
        ]
    );
    for id in ["business_registration", "tax_clearance", "corporate_seal"] {
        let v = &line(&r, id)["validity"];
        assert_eq!(v["valid_on"], "2026-06-16", "{id}");
        assert_eq!(v["earliest_issue_date"], "2026-03-16", "{id}");
        assert!(v["message"].as_str().unwrap().contains("2026년 3월 16일"));
    }
    let sme = line(&r, "sme_certificate");
    let w = sme["where"].as_str().unwrap();
    assert!(
        w.contains("sminfo.mss.go.kr") && w.contains("www.fomek.or.kr"),
        "{w}"
    );
    assert_eq!(
        ids(&r["not_needed"]),
        [
            "branch_statement",
            "financial_statements_2022_2024",
            "export_record"
        ]
    );
    for d in r["documents"].as_array().unwrap() {
        assert_eq!(d["cite"], "notice/03-application#application-documents");
        assert_eq!(d["need"], "required");
    }
}

#[test]
fn conditional_papers_follow_the_answers() {
    // 종사업장에 구축: 명세 추가. 2025 미확정: 2022~2024. 직접수출: 수출실적 (한국무역협회).
    let r = docs(
        json!({"answers": {"adopter_branch": "yes"}, "statements_2025": "no", "direct_export": "yes"}),
    );
    let got = ids(&r["documents"]);
    assert!(got.contains(&"branch_statement".to_string()));
    assert!(got.contains(&"financial_statements_2022_2024".to_string()));
    assert!(!got.contains(&"financial_statements".to_string()));
    assert!(line(&r, "export_record")["where"]
        .as_str()
        .unwrap()
        .contains("www.kita.net"));
    assert_eq!(ids(&r["not_needed"]), ["financial_statements"]);
    // Unknown (or not answered): 확인 필요, and the 2022~2024 line is not doubled.
    let r = docs(json!({"answers": {"adopter_branch": "unknown"}}));
    assert_eq!(line(&r, "branch_statement")["need"], "check");
    assert_eq!(line(&r, "financial_statements")["need"], "check");
    assert_eq!(line(&r, "export_record")["need"], "check");
    assert!(!ids(&r["documents"]).contains(&"financial_statements_2022_2024".to_string()));
    assert!(r["not_needed"].as_array().unwrap().is_empty());
}

#[test]
fn bonus_evidence_is_valid_on_the_deadline() {
    let r = docs(
        json!({"bonus": {"level_check": "yes", "global_1000": "yes", "solution_utilization": "no"}}),
    );
    let level = line(&r, "bonus_level_check");
    assert_eq!(level["number"], "11");
    assert!(level["label"].as_str().unwrap().contains("수준 확인서"));
    assert_eq!(level["validity"]["valid_on"], "2026-06-16");
    // "발급일로부터 3년이내" on the deadline: issued on or after 2023-06-16.
    assert_eq!(level["validity"]["earliest_issue_date"], "2023-06-16");
    let global = line(&r, "bonus_global_1000");
    assert_eq!(global["validity"]["valid_on"], "2026-06-16");
    assert!(global["validity"].get("earliest_issue_date").is_none());
    assert!(global["validity"]["message"]
        .as_str()
        .unwrap()
        .contains("2026년 6월 16일"));
    assert!(!ids(&r["documents"]).contains(&"bonus_solution_utilization".to_string()));
    let r = docs(json!({"bonus": {"solution_utilization": "unknown"}}));
    assert_eq!(line(&r, "bonus_solution_utilization")["need"], "check");
}

#[test]
fn bad_inputs_are_named_fields() {
    let rules = common::rules();
    for (input, field) in [
        (json!({"bonus": {"nope": "yes"}}), "bonus.nope"),
        (json!({"statements_2025": "maybe"}), "statements_2025"),
        (
            json!({"answers": {"adopter_branch": -1}}),
            "answers.adopter_branch",
        ),
        (json!({"extra": 1}), "extra"),
    ] {
        let v = common::eval(&rules, "documents", &input);
        assert_eq!(v["ok"], false, "{input}");
        assert_eq!(v["error"]["field_errors"][0]["field"], field, "{v}");
    }
}

#[test]
fn the_rules_list_matches_the_notice_list() {
    // Every numbered line of the notice's list (1~11) is in the rules.
    let rules = common::rules();
    let mut numbers: Vec<u32> = rules
        .documents
        .documents
        .iter()
        .map(|d| d.number.parse().expect("number"))
        .collect();
    numbers.push(
        rules
            .documents
            .bonus_evidence
            .number
            .parse()
            .expect("number"),
    );
    numbers.dedup();
    assert_eq!(numbers, (1..=11).collect::<Vec<_>>());
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../content/notice/03-application.md"),
    )
    .expect("notice page")
    .replace('\\', "");
    for d in &rules.documents.documents {
        let head: String = d.label.chars().take(8).collect();
        assert!(page.contains(&head), "{}: {head}", d.id);
    }
}
