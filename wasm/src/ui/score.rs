//! Result rendering for the score page: 기업 역량 정량배점 with bonus points (`score`) and the
//! KPI plan check (`kpi`). Pure functions from the engine's `result` JSON to HTML and CSV rows.
use crate::ui::budget::{
    arr, assumption_rows, assumptions_html, cite_link, csv_link, num_text, pct, s,
};
use crate::ui::html::escape;
use serde_json::Value;

/// `5점`, or `1~5점` when the engine leaves a span (needs checking).
fn points(v: &Value, key: &str) -> String {
    if let Some(p) = num_text(v.get(key)) {
        return format!("{p}점");
    }
    let lo = num_text(v.get(format!("{key}_min").as_str())).unwrap_or_default();
    let hi = num_text(v.get(format!("{key}_max").as_str())).unwrap_or_default();
    if lo == hi {
        format!("{lo}점")
    } else {
        format!("{lo}~{hi}점")
    }
}

fn item_status(status: &str) -> &'static str {
    match status {
        "scored" => "구간 적용",
        "rule_applied" => "규정 적용",
        _ => "확인 필요",
    }
}

/// HTML for the capability score's result region.
pub fn render(result: &Value, root: &str) -> String {
    let label = s(result, "section_label");
    let max = num_text(result.get("section_max")).unwrap_or_default();
    let bonus = result.get("bonus").unwrap_or(&Value::Null);
    let mut out = format!(
        "<p class=\"result-status {}\"><strong>{} {} / {}점</strong>, 가점 {} (최대 {}점){}</p>",
        if result.get("needs_checking").and_then(Value::as_bool) == Some(true) {
            "result-check"
        } else {
            "result-ok"
        },
        escape(label),
        points(result, "subtotal"),
        escape(&max),
        points(bonus, "points"),
        escape(&num_text(bonus.get("max_points")).unwrap_or_default()),
        if result.get("needs_checking").and_then(Value::as_bool) == Some(true) {
            " — 확인이 필요한 항목이 있어 점수를 범위로 보여 줍니다."
        } else {
            ""
        }
    );
    out.push_str("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"score-items-caption\" tabindex=\"0\"><table class=\"score-items\"><caption id=\"score-items-caption\">항목별 점수</caption><thead><tr><th scope=\"col\">항목</th><th scope=\"col\">계산한 값</th><th scope=\"col\">구간(공고문)</th><th scope=\"col\">점수</th></tr></thead><tbody>");
    for item in arr(result, "items") {
        let value = num_text(item.get("value"))
            .map(|v| format!("{v}%"))
            .unwrap_or_else(|| "-".into());
        out.push_str(&format!(
            "<tr class=\"status-{}\" data-item=\"{}\"><th scope=\"row\">{}</th><td class=\"num\">{}</td><td>{}</td><td class=\"num\"><strong>{}</strong> <span class=\"status\">{}</span></td></tr>",
            escape(s(item, "status")),
            escape(s(item, "id")),
            escape(s(item, "label")),
            escape(&value),
            escape(item.get("band").and_then(Value::as_str).unwrap_or("-")),
            escape(&points(item, "points")),
            item_status(s(item, "status")),
        ));
        out.push_str(&format!(
            "<tr class=\"item-note\"><td colspan=\"4\">{}{}</td></tr>",
            escape(s(item, "message")),
            cite_link(root, s(item, "cite"))
        ));
    }
    out.push_str(&format!(
        "</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">{} 소계</th><td class=\"num\"><strong>{}</strong> / {}점</td></tr></tfoot></table></div>",
        escape(label),
        escape(&points(result, "subtotal")),
        escape(&max)
    ));

    // Bonus points.
    out.push_str("<h4>가점</h4><ul class=\"bonus-list\">");
    let items = arr(bonus, "items");
    if items.is_empty() {
        out.push_str("<li>해당한다고 고른 가점 항목이 없습니다.</li>");
    }
    for b in items {
        let answer = match s(b, "answer") {
            "yes" => "해당",
            "unknown" => "확인 필요",
            _ => "해당 없음",
        };
        out.push_str(&format!(
            "<li><strong>{}</strong>: {} (증빙: {}){}</li>",
            escape(s(b, "label")),
            answer,
            escape(s(b, "evidence")),
            cite_link(root, s(b, "cite"))
        ));
    }
    out.push_str("</ul>");
    out.push_str(&format!(
        "<p class=\"bonus-total\">고른 항목 {}개 → 가점 <strong>{}</strong>. {}{}</p>",
        escape(&num_text(bonus.get("claimed")).unwrap_or_else(|| "0".into())),
        escape(&points(bonus, "points")),
        escape(s(bonus, "message")),
        cite_link(root, s(bonus, "cite"))
    ));
    out.push_str(&format!(
        "<p>합계(참고): {} + 가점 = <strong>{}</strong></p>",
        escape(&points(result, "subtotal")),
        escape(&points(result, "total"))
    ));
    out.push_str(&assumptions_html(result, root));
    out.push_str("<h4>다음에 할 일</h4><ul class=\"next-steps\"><li>'확인 필요' 항목은 재무제표와 증빙(수출실적 증명, 수준 확인서 등)을 확인해 다시 입력하세요.</li><li>가점 증빙은 접수 마감일을 기준으로 유효해야 합니다.</li><li>실제 점수는 선정평가에서 평가위원회가 정합니다.</li></ul>");
    out.push_str(&csv_link("기업역량-점수.csv", &csv_rows(result)));
    out
}

/// CSV rows of the capability score.
pub fn csv_rows(result: &Value) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "항목".to_string(),
        "계산한 값(%)".to_string(),
        "구간".to_string(),
        "점수".to_string(),
        "설명".to_string(),
        "근거".to_string(),
    ]];
    for item in arr(result, "items") {
        rows.push(vec![
            s(item, "label").into(),
            num_text(item.get("value")).unwrap_or_default(),
            item.get("band")
                .and_then(Value::as_str)
                .unwrap_or("")
                .into(),
            points(item, "points"),
            s(item, "message").into(),
            s(item, "cite").into(),
        ]);
    }
    rows.push(vec![
        format!("{} 소계", s(result, "section_label")),
        String::new(),
        String::new(),
        points(result, "subtotal"),
    ]);
    let bonus = result.get("bonus").unwrap_or(&Value::Null);
    for b in arr(bonus, "items") {
        rows.push(vec![
            format!("가점: {}", s(b, "label")),
            String::new(),
            String::new(),
            s(b, "answer").into(),
            s(b, "evidence").into(),
            s(b, "cite").into(),
        ]);
    }
    rows.push(vec![
        "가점".into(),
        String::new(),
        String::new(),
        points(bonus, "points"),
        s(bonus, "message").into(),
        s(bonus, "cite").into(),
    ]);
    rows.push(vec![
        "합계(참고)".into(),
        String::new(),
        String::new(),
        points(result, "total"),
    ]);
    assumption_rows(result, &mut rows);
    rows
}

// --- kpi ----------------------------------------------------------------------------------------

fn direction(d: &str) -> &'static str {
    match d {
        "increase" => "증가",
        "decrease" => "감소",
        _ => "취득(O/X)",
    }
}

fn row_status(status: &str) -> &'static str {
    match status {
        "improves" => "개선",
        "rate_undefined" => "개선율 계산 불가",
        _ => "개선 안 됨",
    }
}

fn kind_label(row: &Value) -> &'static str {
    if s(row, "kind") == "own" {
        "자체 지표"
    } else if row.get("core").and_then(Value::as_bool) == Some(true) {
        "핵심지표"
    } else {
        "붙임 4 지표"
    }
}

/// HTML for the KPI plan check's result region.
pub fn render_kpi(result: &Value, root: &str) -> String {
    let rule = result.get("rule").unwrap_or(&Value::Null);
    let ok = rule.get("ok").and_then(Value::as_bool) == Some(true);
    let mut out = format!(
        "<p class=\"result-status {}\"><strong>{}</strong> 핵심지표 {}/{}개 이상, 자체 지표 {}/{}개 이상.</p>",
        if ok { "result-ok" } else { "result-breach" },
        if ok {
            "지표 설정 규칙을 충족합니다."
        } else {
            "지표 설정 규칙을 충족하지 못합니다."
        },
        escape(&num_text(rule.get("core_selected")).unwrap_or_default()),
        escape(&num_text(rule.get("core_required")).unwrap_or_default()),
        escape(&num_text(rule.get("own_selected")).unwrap_or_default()),
        escape(&num_text(rule.get("own_required")).unwrap_or_default()),
    );
    out.push_str("<ul class=\"rule-messages\">");
    for (m, key) in arr(rule, "messages").iter().zip(["core_ok", "own_ok"]) {
        let met = rule.get(key).and_then(Value::as_bool) == Some(true);
        out.push_str(&format!(
            "<li class=\"{}\"><span class=\"status\">{}</span> {}{}</li>",
            if met { "rule-met" } else { "rule-unmet" },
            if met { "충족" } else { "미충족" },
            escape(m.as_str().unwrap_or("")),
            cite_link(root, s(rule, "cite"))
        ));
    }
    out.push_str("</ul>");
    let rows = arr(result, "rows");
    if !rows.is_empty() {
        out.push_str("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"kpi-rows-caption\" tabindex=\"0\"><table class=\"kpi-rows-table\"><caption id=\"kpi-rows-caption\">성과지표 계획</caption><thead><tr><th scope=\"col\">지표</th><th scope=\"col\">구분</th><th scope=\"col\">방향</th><th scope=\"col\">현재값</th><th scope=\"col\">목표값</th><th scope=\"col\">개선율</th><th scope=\"col\">판단</th></tr></thead><tbody>");
        for r in rows {
            let unit = s(r, "unit");
            out.push_str(&format!(
                "<tr class=\"status-{}\"><th scope=\"row\">{}{}</th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}<span class=\"row-note\">{}{}</span></td></tr>",
                escape(s(r, "status")),
                escape(s(r, "name")),
                if unit.is_empty() {
                    String::new()
                } else {
                    format!("<span class=\"row-note\">{}</span>", escape(unit))
                },
                kind_label(r),
                direction(s(r, "direction")),
                escape(&num_text(r.get("baseline")).unwrap_or_default()),
                escape(&num_text(r.get("target")).unwrap_or_default()),
                pct(r.get("improvement_rate")),
                row_status(s(r, "status")),
                escape(s(r, "message")),
                cite_link(root, s(r, "cite"))
            ));
        }
        out.push_str("</tbody></table></div>");
    }
    out.push_str(&assumptions_html(result, root));
    out.push_str("<h4>다음에 할 일</h4><ul class=\"next-steps\">");
    if !ok {
        out.push_str("<li>부족한 지표를 더하세요: 붙임 4의 핵심지표와, AI·디지털 트윈을 반영한 자체 지표가 각각 2개 이상 필요합니다.</li>");
    }
    out.push_str("<li>현재값의 측정 기준(기간·방법)을 사업계획서에 함께 적고, 목표값은 구축 후 측정할 수 있는 값으로 정하세요.</li></ul>");
    out.push_str(&csv_link("성과지표-계획.csv", &csv_rows_kpi(result)));
    out
}

/// CSV rows of the KPI plan check.
pub fn csv_rows_kpi(result: &Value) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "지표".to_string(),
        "구분".to_string(),
        "분류".to_string(),
        "단위".to_string(),
        "방향".to_string(),
        "현재값".to_string(),
        "목표값".to_string(),
        "개선율(%)".to_string(),
        "판단".to_string(),
        "설명".to_string(),
    ]];
    for r in arr(result, "rows") {
        rows.push(vec![
            s(r, "name").into(),
            kind_label(r).into(),
            s(r, "category").into(),
            s(r, "unit").into(),
            direction(s(r, "direction")).into(),
            num_text(r.get("baseline")).unwrap_or_default(),
            num_text(r.get("target")).unwrap_or_default(),
            num_text(r.get("improvement_rate")).unwrap_or_default(),
            row_status(s(r, "status")).into(),
            s(r, "message").into(),
        ]);
    }
    let rule = result.get("rule").unwrap_or(&Value::Null);
    rows.push(Vec::new());
    rows.push(vec![
        "규칙 점검".into(),
        if rule.get("ok").and_then(Value::as_bool) == Some(true) {
            "충족".into()
        } else {
            "미충족".into()
        },
    ]);
    for m in arr(rule, "messages") {
        rows.push(vec![
            "규칙".into(),
            m.as_str().unwrap_or("").into(),
            s(rule, "cite").into(),
        ]);
    }
    assumption_rows(result, &mut rows);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ui::budget::tests::result;

    const SCORE: &str = r#"{"founded_on":"2019-05-01","items":{"sales_growth":{"base":"10억","current":"11억 2천만"},"operating_profit_growth":{"base":"△2억","current":"1억"},"debt_ratio":{"liabilities":"5억","equity":"5억"}},"direct_export":"yes","bonus":{"level_check":"yes","global_1000":"unknown"}}"#;
    const FULL: &str = r#"{"items":{"sales_growth":{"rate":"12"},"operating_profit_growth":{"rate":"10"},"debt_ratio":{"rate":"50"}},"direct_export":"yes","bonus":{"level_check":"yes","solution_utilization":"yes","global_1000":"yes"}}"#;
    const KPI: &str = r#"{"indicators":[{"id":"p_output_per_hour","baseline":100,"target":120},{"id":"s_safety_certification","baseline":"X","target":"O"}],"own":[{"name":"AI 불량 예측 정확도","unit":"%","direction":"increase","baseline":70,"target":90}]}"#;

    #[test]
    fn score_shows_bands_points_and_ranges() {
        let html = render(&result("score", SCORE), "../../");
        assert!(html.contains("12%이상"), "{html}");
        assert!(html.contains("<strong>5점</strong>"), "{html}");
        assert!(html.contains("14~18점"), "{html}");
        assert!(html.contains("확인 필요"), "{html}");
        assert!(html.contains("href=\"../../notice/annex-2/#capability-score\""));
    }

    #[test]
    fn three_bonus_items_are_capped_at_five_points() {
        let r = result("score", FULL);
        let html = render(&r, "./");
        assert!(
            html.contains("고른 항목 3개 → 가점 <strong>5점</strong>"),
            "{html}"
        );
        assert!(html.contains("20점</strong> / 20점"), "{html}");
        let rows = csv_rows(&r);
        assert_eq!(rows[0][0], "항목");
        assert!(rows.iter().any(|row| row[0] == "가점" && row[3] == "5점"));
    }

    #[test]
    fn kpi_shows_rates_and_the_rule_check() {
        let r = result("kpi", KPI);
        let html = render_kpi(&r, "../../");
        assert!(html.contains("충족하지 못합니다"), "{html}");
        assert!(html.contains(">20%<"), "{html}");
        assert!(html.contains("28.57%"), "{html}");
        assert!(html.contains("핵심지표"), "{html}");
        assert!(html.contains("미충족"), "{html}");
        let rows = csv_rows_kpi(&r);
        assert_eq!(rows[0][0], "지표");
        assert!(rows
            .iter()
            .any(|row| row[0] == "시간당 생산량 증가율" && row[7] == "20"));
    }

    #[test]
    fn band_edges_are_exact() {
        let at = |rate: &str| {
            let r = result(
                "score",
                &format!(r#"{{"items":{{"sales_growth":{{"rate":"{rate}"}}}}}}"#),
            );
            render(&r, "./")
        };
        assert!(at("12").contains("<strong>5점</strong>"));
        let below = at("11.99");
        assert!(below.contains("12%미만~9%이상"), "{below}");
        assert!(below.contains("<strong>4점</strong>"), "{below}");
    }

    #[test]
    fn two_core_and_two_own_indicators_meet_the_rule() {
        let r = result(
            "kpi",
            r#"{"indicators":[{"id":"p_output_per_hour","baseline":"100","target":"120"},{"id":"q_process_defect_rate","baseline":"5","target":"3"}],"own":[{"name":"A","unit":"%","direction":"increase","baseline":"70","target":"90"},{"name":"B","unit":"건","direction":"decrease","baseline":"10","target":"5"}]}"#,
        );
        let html = render_kpi(&r, "./");
        assert!(html.contains("지표 설정 규칙을 충족합니다"), "{html}");
        assert!(html.contains("40%"), "{html}");
    }

    #[test]
    fn junk_results_render_without_panicking() {
        for v in [
            Value::Null,
            serde_json::json!({}),
            serde_json::json!({"items": [1, {"value": {}}], "bonus": [], "rule": {"messages": [3]}}),
            serde_json::json!({"rows": [{"improvement_rate": "x", "core": "yes"}]}),
        ] {
            let _ = render(&v, "./");
            let _ = csv_rows(&v);
            let _ = render_kpi(&v, "./");
            let _ = csv_rows_kpi(&v);
        }
    }
}
