//! Result rendering for the `self_assessment` tool page (자율형공장 구축수준 자가진단).
use super::html::{assumptions, cite_href, cite_link, escape, list, s};
use serde_json::Value;

fn level_of(v: &Value) -> Option<u64> {
    v.get("level").and_then(Value::as_u64)
}

/// "2단계 관제 (Monitoring)" or "1단계 미만".
fn level_title(result: &Value) -> String {
    match level_of(result) {
        Some(0) | None => "1단계 미만".to_string(),
        Some(n) => format!("{n}단계 {}", s(result, "level_name")),
    }
}

/// Renders the self-assessment: level, profile (inline SVG + the same data as a table), the gaps
/// to the next level, fitting annex 5 areas, matching cases, and the "not 수준확인" note.
pub fn render(result: &Value, root: &str) -> String {
    let lower = result.get("level_lower_bound").and_then(Value::as_u64);
    let uncertain = lower.is_some_and(|l| Some(l) != level_of(result));
    let title = if uncertain {
        // '잘 모르겠음' answers are left out of the level: show the range they leave open.
        let low = match lower {
            Some(0) | None => "1단계 미만".to_string(),
            Some(n) => format!("{n}단계"),
        };
        format!("{low} ~ {} (확인 필요)", level_title(result))
    } else {
        level_title(result)
    };
    let mut out = format!(
        "<h3 class=\"tool-result-title\">자가진단 결과: <span class=\"tool-level\">{}</span></h3>",
        escape(&title)
    );
    let summary = s(result, "level_summary");
    if !summary.is_empty() {
        out.push_str(&format!(
            "<p class=\"tool-result-lead\">{} {}</p>",
            escape(summary),
            cite_link(root, s(result, "cite"), "붙임 3 단계 정의")
        ));
    }
    if uncertain {
        out.push_str(
            "<p>‘잘 모르겠음’으로 답한 항목은 판정에서 뺐습니다. 그 항목이 모두 미달이면 낮은 쪽 단계입니다. 확인해 답을 바꾸면 결과가 정확해집니다.</p>",
        );
    }
    let guide = s(result, "guide");
    if !guide.is_empty() {
        out.push_str(&format!(
            "<p><a href=\"{}\">이 단계의 구축 가이드 보기</a></p>",
            escape(&cite_href(root, guide))
        ));
    }
    out.push_str(&profile(list(result, "profile")));
    out.push_str(&next_level(result, root));
    out.push_str(&areas(list(result, "areas"), root));
    out.push_str(&cases(list(result, "cases"), root));
    if let Some(d) = result.get("disclaimer") {
        out.push_str(&format!(
            "<p class=\"tool-disclaimer\"><strong>알아 두세요:</strong> {} {}</p>",
            escape(s(d, "message")),
            cite_link(root, s(d, "cite"), "근거")
        ));
    }
    out.push_str(&assumptions(root, result));
    out
}

/// Per-dimension profile: a bar chart (0–5) with a text alternative, and the same data as a table.
fn profile(items: &[Value]) -> String {
    if items.is_empty() {
        return String::new();
    }
    const ROW: usize = 46;
    const LEFT: usize = 8;
    const WIDTH: usize = 560;
    let height = 28 + ROW * items.len();
    let step = WIDTH / 5;
    let mut alt = Vec::new();
    let mut svg = format!(
        "<figure class=\"tool-figure\"><figcaption>항목별 수준</figcaption>\
         <svg class=\"tool-profile\" viewBox=\"0 0 {w} {height}\" width=\"{w}\" height=\"{height}\" role=\"img\" aria-labelledby=\"profile-title profile-desc\">",
        w = WIDTH + 2 * LEFT
    );
    let mut rows = String::new();
    for (i, item) in items.iter().enumerate() {
        let y = 20 + i * ROW;
        let label = s(item, "label");
        let status = s(item, "status");
        let level = item.get("level").and_then(Value::as_u64).unwrap_or(0) as usize;
        let shown = match status {
            "unknown" => "잘 모르겠음".to_string(),
            "none" => "해당 없음 (0)".to_string(),
            _ => format!("{level}단계"),
        };
        alt.push(format!("{label}: {shown}"));
        svg.push_str(&format!(
            "<text x=\"{LEFT}\" y=\"{ty}\" font-size=\"14\" fill=\"#1e2124\">{l} — {sh}</text>",
            ty = y + 12,
            l = escape(label),
            sh = escape(&shown)
        ));
        if status == "unknown" {
            svg.push_str(&format!(
                "<rect x=\"{LEFT}\" y=\"{by}\" width=\"{WIDTH}\" height=\"14\" fill=\"none\" stroke=\"#464c53\" stroke-dasharray=\"4 4\"/>",
                by = y + 18
            ));
        } else {
            svg.push_str(&format!(
                "<rect x=\"{LEFT}\" y=\"{by}\" width=\"{WIDTH}\" height=\"14\" fill=\"#f4f5f6\" stroke=\"#cdd1d5\"/>\
                 <rect x=\"{LEFT}\" y=\"{by}\" width=\"{bw}\" height=\"14\" fill=\"#0b50d0\"/>",
                by = y + 18,
                bw = step * level.min(5)
            ));
        }
        rows.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            escape(label),
            escape(&shown),
            escape(s(item, "answer_text"))
        ));
    }
    for n in 1..=5 {
        let x = LEFT + step * n;
        svg.push_str(&format!(
            "<line x1=\"{x}\" y1=\"16\" x2=\"{x}\" y2=\"{height}\" stroke=\"#464c53\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>\
             <text x=\"{tx}\" y=\"12\" font-size=\"12\" fill=\"#464c53\">{n}</text>",
            tx = x - 4
        ));
    }
    svg.push_str(&format!(
        "<title id=\"profile-title\">항목별 구축수준(0~5단계)</title><desc id=\"profile-desc\">{}</desc></svg></figure>",
        escape(&alt.join(", "))
    ));
    format!(
        "{svg}<div class=\"table-wrap\"><table class=\"tool-profile-table\"><caption>항목별 수준(표)</caption>\
         <thead><tr><th scope=\"col\">항목</th><th scope=\"col\">수준</th><th scope=\"col\">고른 답</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )
}

fn next_level(result: &Value, root: &str) -> String {
    let Some(next) = result.get("next_level").filter(|v| v.is_object()) else {
        return "<h4>다음 단계</h4><p>가장 높은 5단계입니다.</p>".to_string();
    };
    let number = next
        .get("number")
        .and_then(Value::as_u64)
        .unwrap_or_default();
    let mut out = format!(
        "<h4>다음 단계({number}단계 {})로 가려면</h4><p>{}</p><ul class=\"tool-gaps\">",
        escape(s(next, "name")),
        escape(s(next, "summary"))
    );
    for gap in list(next, "missing") {
        out.push_str(&format!(
            "<li><strong>{}</strong>: 지금 ‘{}’ → 필요 ‘{}’</li>",
            escape(s(gap, "label")),
            escape(s(gap, "current")),
            escape(s(gap, "needed"))
        ));
    }
    out.push_str("</ul>");
    let guide = s(next, "guide");
    if !guide.is_empty() {
        out.push_str(&format!(
            "<p><a href=\"{}\">{number}단계 구축 가이드 보기</a> {}</p>",
            escape(&cite_href(root, guide)),
            cite_link(root, s(next, "cite"), "붙임 3 근거")
        ));
    }
    out
}

fn areas(items: &[Value], root: &str) -> String {
    if items.is_empty() {
        return "<h4>맞는 적용분야(붙임 5)</h4><p>문제점을 고르면 붙임 5의 적용분야와 기대효과를 보여 드립니다.</p>".to_string();
    }
    let mut out = String::from("<h4>맞는 적용분야(붙임 5)</h4><ul class=\"tool-areas\">");
    for a in items {
        out.push_str(&format!(
            "<li><strong>{}</strong> ({}) — {}<br>기술: {}<br>기대효과: {}<br>{}</li>",
            escape(s(a, "name")),
            escape(s(a, "stage_label")),
            escape(s(a, "message")),
            escape(s(a, "technology")),
            escape(s(a, "effect")),
            cite_link(root, s(a, "cite"), "붙임 5 근거")
        ));
    }
    out.push_str("</ul>");
    out
}

fn cases(items: &[Value], root: &str) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut out = String::from("<h4>비슷한 구축 사례</h4><ul class=\"tool-cases\">");
    for c in items {
        out.push_str(&format!(
            "<li><a href=\"{}\">{}</a>: {}</li>",
            escape(&cite_href(root, s(c, "cite"))),
            escape(s(c, "title")),
            escape(s(c, "summary"))
        ));
    }
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> Value {
        let answer = af_engine::api::eval(&super::super::test_rules(), "self_assessment", input);
        let env: Value = serde_json::from_str(&answer).unwrap_or_default();
        env["result"].clone()
    }

    #[test]
    fn level_profile_gaps_areas_and_case_from_a_real_answer() {
        let result = run(
            r#"{"answers":{"twin_scope":"twin_l3","ai_role":"ai_l2","data_standard":"unknown","sim_to_field":"sim_l3","process_linkage":"link_l1","worker_intervention":"worker_l2"},"problems":["uncertain_production_plan"]}"#,
        );
        let html = render(&result, "../../");
        assert!(html.contains("2단계 관제 (Monitoring)"), "{html}");
        assert!(html.contains("role=\"img\""));
        assert!(html.contains("<desc id=\"profile-desc\">디지털 트윈 범위: 3단계"));
        assert!(html.contains("<caption>항목별 수준(표)</caption>"));
        assert!(html.contains("데이터 표준 (AAS, OPC-UA)</th><td>잘 모르겠음</td>"));
        assert!(html.contains("다음 단계(3단계"));
        assert!(html.contains("생산 계획 최적화"));
        assert!(html.contains("href=\"../../cases/case-1/\""));
        assert!(html.contains("href=\"../../guide/level-2/\""));
        assert!(html.contains("수준확인"), "the not-수준확인 note");
    }

    #[test]
    fn nothing_answered_is_below_level_one() {
        let html = render(&run("{}"), "../");
        assert!(html.contains("1단계 미만 ~ 5단계"), "{html}");
        assert!(html.contains("확인 필요"));
        assert!(html.contains("문제점을 고르면"));
    }
}
