//! Result rendering for the `eligibility` tool page (신청자격 자가진단).
use super::html::{assumptions, cite_link, escape, list, s};
use serde_json::Value;

/// The headline of an outcome.
fn outcome_label(outcome: &str) -> &'static str {
    match outcome {
        "eligible" => "신청 가능 (답변 기준)",
        "not_eligible" => "신청 불가 (답변 기준)",
        _ => "확인 필요",
    }
}

/// Renders the engine's eligibility result: outcome, why (each reason with its message, next
/// step and cited clause), what to do next, and the readings it rests on.
pub fn render(result: &Value, root: &str) -> String {
    let outcome = s(result, "outcome");
    let mut out = format!(
        "<h3 class=\"tool-result-title\">결과: <span class=\"tool-badge tool-badge-{o}\">{label}</span></h3>\
         <p class=\"tool-result-lead\" data-outcome=\"{o}\">{role} · {message}</p>",
        o = escape(outcome),
        label = outcome_label(outcome),
        role = escape(s(result, "role_label")),
        message = escape(s(result, "message")),
    );
    let reasons = list(result, "reasons");
    let groups = [
        ("not_eligible", "신청할 수 없는 이유"),
        ("needs_checking", "확인이 필요한 항목"),
    ];
    for (kind, title) in groups {
        let items: Vec<&Value> = reasons.iter().filter(|r| s(r, "outcome") == kind).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<h4>{title} ({n}건)</h4><ol class=\"tool-reasons tool-reasons-{kind}\">",
            n = items.len()
        ));
        for r in items {
            out.push_str(&reason(r, root));
        }
        out.push_str("</ol>");
    }
    let met: Vec<&Value> = reasons
        .iter()
        .filter(|r| s(r, "outcome") == "eligible")
        .collect();
    if !met.is_empty() {
        out.push_str(&format!(
            "<details class=\"tool-met\"><summary>충족한 항목 ({}건)</summary><ul>",
            met.len()
        ));
        for r in met {
            out.push_str(&format!(
                "<li>{} — {} {}</li>",
                escape(s(r, "label")),
                escape(s(r, "message")),
                cite_link(root, s(r, "cite"), "근거")
            ));
        }
        out.push_str("</ul></details>");
    }
    out.push_str("<h4>다음에 할 일</h4><ul class=\"tool-next\">");
    match outcome {
        "eligible" => out.push_str(&format!(
            "<li>신청 기간과 방법을 확인하고 서류를 준비하세요. {}</li>",
            cite_link(root, "notice/03-application#application-period", "신청 기간·방법")
        )),
        "not_eligible" => out.push_str(
            "<li>위 ‘신청할 수 없는 이유’의 안내를 확인하세요. 답을 잘못 골랐다면 ‘변경’을 눌러 고치면 결과가 바로 바뀝니다.</li>",
        ),
        _ => out.push_str(
            "<li>‘확인이 필요한 항목’마다 적힌 곳에서 확인한 뒤, 답을 바꿔 다시 점검하세요.</li>",
        ),
    }
    out.push_str(&format!(
        "<li>궁금한 점은 추진기관에 문의하세요. {}</li></ul>",
        cite_link(root, "notice/08-contacts", "문의처")
    ));
    out.push_str(&assumptions(root, result));
    out
}

fn reason(r: &Value, root: &str) -> String {
    let mut out = format!(
        "<li class=\"tool-reason\"><p class=\"tool-reason-q\"><strong>{}</strong> <span class=\"tool-reason-answer\">(답: {})</span></p><p>{}</p>",
        escape(s(r, "label")),
        escape(s(r, "answer")),
        escape(s(r, "message")),
    );
    let next = s(r, "next_step");
    if !next.is_empty() {
        out.push_str(&format!(
            "<p class=\"tool-reason-next\"><strong>할 일:</strong> {}</p>",
            escape(next)
        ));
    }
    let details = list(r, "details");
    if !details.is_empty() {
        out.push_str("<ul class=\"tool-details\">");
        for d in details {
            let detail = s(d, "detail");
            out.push_str(&format!(
                "<li>{}{}</li>",
                escape(s(d, "label")),
                if detail.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", escape(detail))
                }
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str(&format!(
        "<p>{}</p></li>",
        cite_link(root, s(r, "cite"), "공고문 근거 보기")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "outcome": "not_eligible",
            "role_label": "도입기업",
            "message": "답변 기준으로 … 항목이 있습니다.",
            "reasons": [
                {"id": "adopter_level", "label": "스마트화 수준 '중간1' 이상?", "answer": "아니요",
                 "outcome": "not_eligible", "message": "중간1 이상이어야 합니다.",
                 "next_step": "수준확인을 먼저 받으세요.", "cite": "notice/03-application#eligibility"},
                {"id": "participation_restricted", "label": "참여제한 <중>?", "answer": "잘 모르겠음",
                 "outcome": "needs_checking", "message": "확인이 필요합니다.", "cite": "notice/annex-1#participation-restriction",
                 "details": [{"label": "① 제조로봇도입", "detail": "053-210-9532~9"}]},
                {"id": "closed", "label": "휴업?", "answer": "아니요", "outcome": "eligible",
                 "message": "휴·폐업 중이 아닙니다.", "cite": "notice/03-application#disqualifiers"}
            ],
            "assumptions": [{"message": "마감일 기준", "cite": "notice/03-application#disqualifiers"}]
        })
    }

    #[test]
    fn shows_outcome_reasons_next_steps_and_cited_clauses() {
        let html = render(&sample(), "../../");
        assert!(html.contains("신청 불가 (답변 기준)"));
        assert!(html.contains("tool-badge-not_eligible"));
        assert!(html.contains("신청할 수 없는 이유 (1건)"));
        assert!(html.contains("확인이 필요한 항목 (1건)"));
        assert!(html.contains("충족한 항목 (1건)"));
        assert!(html.contains("<strong>할 일:</strong> 수준확인을 먼저 받으세요."));
        assert!(html.contains("href=\"../../notice/03-application/#eligibility\""));
        assert!(html.contains("href=\"../../notice/annex-1/#participation-restriction\""));
        assert!(html.contains("① 제조로봇도입 — 053-210-9532~9"));
        assert!(html.contains("참여제한 &lt;중&gt;?"), "labels are escaped");
        assert!(html.contains("마감일 기준"));
        // Not-eligible reasons come before needs-checking ones.
        assert!(
            html.find("신청할 수 없는").unwrap_or(0) < html.find("확인이 필요한 항목").unwrap_or(0)
        );
    }

    #[test]
    fn eligible_result_points_to_the_application_period() {
        let html = render(
            &json!({"outcome": "eligible", "role_label": "공급기업", "message": "갖춘 것으로 보입니다.", "reasons": []}),
            "../",
        );
        assert!(html.contains("신청 가능 (답변 기준)"));
        assert!(html.contains("../notice/03-application/#application-period"));
        assert!(!html.contains("신청할 수 없는 이유"));
    }

    #[test]
    fn renders_a_real_engine_answer() {
        let rules = super::super::test_rules();
        let answer = af_engine::api::eval(
            &rules,
            "eligibility",
            r#"{"role":"adopter","answers":{"adopter_manufacturer":"yes","closed":"unknown"}}"#,
        );
        let env: Value = serde_json::from_str(&answer).unwrap_or_default();
        let html = render(&env["result"], "../../");
        assert!(html.contains("확인 필요"), "{html}");
        assert!(
            html.contains("홈택스"),
            "the next step of 'closed: unknown' is shown"
        );
    }
}
