//! Result rendering for the budget page: the plan check (`budget`), the largest-support helper
//! (`budget_max`) and the small-business lookup (`small_business`).
//!
//! Pure functions from the engine's `result` JSON to HTML for the page's result region and to CSV
//! rows; no DOM, so they are tested natively on real engine answers. Everything the engine says
//! is escaped; every rule and item carries a link to the notice clause it cites.
use crate::ui::html::escape;
use af_engine::money::{format_digits, format_korean, Won};
use serde_json::Value;

// --- shared helpers (also used by `score`) ------------------------------------------------------

pub(crate) use crate::ui::html::{list as arr, s};

/// A number or numeric string as shown text: `50.0` → `50`, `"12"` → `12`; null → `None`.
pub(crate) fn num_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(i.to_string())
            } else {
                let f = n.as_f64()?;
                if f.fract() == 0.0 && f.abs() < 1e15 {
                    Some(format!("{f:.0}"))
                } else {
                    Some(format!("{f:.2}").trim_end_matches('0').to_string())
                }
            }
        }
        Value::String(t) if !t.is_empty() => Some(t.clone()),
        _ => None,
    }
}

/// The won amount at `v` (a JSON integer of won).
fn won_of(v: Option<&Value>) -> Option<Won> {
    v?.as_u64().map(Won::from_u64)
}

/// `300,000,000원 (3억 원)` as HTML: the digits, then the Korean reading in a smaller span.
pub(crate) fn won_html(v: Option<&Value>) -> String {
    match won_of(v) {
        Some(w) => format!(
            "<span class=\"won\">{}원</span> <span class=\"won-korean\">({})</span>",
            escape(&format_digits(w)),
            escape(&format_korean(w))
        ),
        None => "-".to_string(),
    }
}

/// `300,000,000원 (3억 원)` as text (for messages and CSV).
pub(crate) fn won_text(v: Option<&Value>) -> String {
    won_of(v)
        .map(af_engine::money::format_won)
        .unwrap_or_default()
}

/// Plain digits of won for a CSV cell (a spreadsheet reads it as a number).
pub(crate) fn won_cell(v: Option<&Value>) -> String {
    v.and_then(Value::as_u64)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// ` <a class="tool-cite" href="…">공고문 근거</a>` for a cite, or "" when there is none.
pub(crate) fn cite_link(root: &str, cite: &str) -> String {
    let link = crate::ui::html::cite_link(root, cite, "공고문 근거");
    if link.is_empty() {
        link
    } else {
        format!(" {link}")
    }
}

/// The engine's `assumptions[]` as a collapsed list with their cites.
pub(crate) fn assumptions_html(result: &Value, root: &str) -> String {
    crate::ui::html::assumptions(root, result)
}

/// A percentage such as `52.17` → `52.17%`; null → `-`.
pub(crate) fn pct(v: Option<&Value>) -> String {
    num_text(v)
        .map(|t| format!("{t}%"))
        .unwrap_or_else(|| "-".into())
}

/// A "CSV로 내려받기" link carrying the rows as a `data:` URL (UTF-8 with BOM, so Excel reads
/// Korean): the download works without any script state and sends nothing anywhere.
pub(crate) fn csv_link(filename: &str, rows: &[Vec<String>]) -> String {
    let text = crate::ui::state::csv_text(rows);
    let mut href = String::with_capacity(text.len() * 3 + 32);
    href.push_str("data:text/csv;charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            href.push(char::from(b));
        } else {
            href.push_str(&format!("%{b:02X}"));
        }
    }
    format!(
        "<p class=\"result-download\"><a class=\"button csv-download\" href=\"{href}\" download=\"{}\">CSV로 내려받기</a></p>",
        escape(filename)
    )
}

/// The engine's `assumptions[]` as CSV rows.
pub(crate) fn assumption_rows(result: &Value, rows: &mut Vec<Vec<String>>) {
    for a in arr(result, "assumptions") {
        rows.push(vec![
            "가정".into(),
            s(a, "message").into(),
            s(a, "cite").into(),
        ]);
    }
}

// --- budget -------------------------------------------------------------------------------------

/// The rows of the totals table: (key in the totals objects, label, is money).
const TOTAL_ROWS: [(&str, &str, bool); 7] = [
    ("government", "정부출연금", true),
    ("company_cash", "민간부담금 현금", true),
    ("company_in_kind", "민간부담금 현물", true),
    ("company_total", "민간부담금 계", true),
    ("total", "총사업비", true),
    (
        "government_share_percent",
        "정부출연금 비율(총사업비 대비)",
        false,
    ),
    ("in_kind_share_percent", "현물 비율(민간부담금 대비)", false),
];

/// Which totals row a breach belongs under; `None` = an item rule (listed with the items).
fn breach_row(rule: &str) -> Option<&'static str> {
    match rule {
        "government_per_year" | "government_share" | "government_total" => Some("government"),
        "in_kind_share" | "in_kind_per_year" => Some("company_in_kind"),
        _ => None,
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "included" => "편성됨",
        "missing" => "빠짐",
        "wrong_amount" => "금액 다름",
        "wrong_year" => "연차 다름",
        _ => "확인 필요",
    }
}

fn breach_html(b: &Value, root: &str) -> String {
    format!(
        "<p class=\"breach\"><strong class=\"breach-label\">규칙 위반</strong> {}{}</p>",
        escape(s(b, "message")),
        cite_link(root, s(b, "cite"))
    )
}

/// HTML for the budget check's result region.
pub fn render(result: &Value, root: &str) -> String {
    let years = arr(result, "years");
    let overall = result.get("overall").unwrap_or(&Value::Null);
    let breaches = arr(result, "breaches");
    let mut out = String::new();

    if breaches.is_empty() {
        out.push_str("<p class=\"result-status result-ok\"><strong>규칙 위반이 없습니다.</strong> 정부출연금·현물 한도와 항목 규칙을 지킵니다.</p>");
    } else {
        out.push_str(&format!(
            "<p class=\"result-status result-breach\"><strong>규칙 위반 {}건</strong>이 있습니다. 해당 줄 아래에 규칙과 근거를 표시했습니다.</p>",
            breaches.len()
        ));
    }

    // Totals per year and overall, breaches under the row they concern.
    let cols = years.len() + 2;
    out.push_str("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"budget-totals-caption\" tabindex=\"0\"><table class=\"budget-totals\"><caption id=\"budget-totals-caption\">연차별·전체 합계</caption><thead><tr><th scope=\"col\">구분</th>");
    for y in years {
        out.push_str(&format!(
            "<th scope=\"col\">{}차년도</th>",
            num_text(y.get("year")).unwrap_or_default()
        ));
    }
    out.push_str("<th scope=\"col\">전체</th></tr></thead><tbody>");
    for (key, label, money) in TOTAL_ROWS {
        let row_class = if key == "total" {
            " class=\"total-row\""
        } else {
            ""
        };
        out.push_str(&format!(
            "<tr{row_class} data-row=\"{key}\"><th scope=\"row\">{label}</th>"
        ));
        for t in years.iter().chain(std::iter::once(overall)) {
            let cell = if money {
                won_html(t.get(key))
            } else {
                pct(t.get(key))
            };
            out.push_str("<td class=\"num\">");
            out.push_str(&cell);
            if key == "government" {
                if let Some(limit) = t.get("government_limit") {
                    out.push_str(&format!(
                        "<span class=\"limit\">한도 {}</span>",
                        escape(&won_text(Some(limit)))
                    ));
                }
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>");
        let here: Vec<&Value> = breaches
            .iter()
            .filter(|b| breach_row(s(b, "rule")) == Some(key))
            .collect();
        if !here.is_empty() {
            out.push_str(&format!(
                "<tr class=\"breach-row\"><td colspan=\"{cols}\"><div class=\"breach-cell\">"
            ));
            for b in here {
                out.push_str(&breach_html(b, root));
            }
            out.push_str("</div></td></tr>");
        }
    }
    out.push_str("</tbody></table></div>");

    // Item rules (funding kind, year, share, mandatory amount/year).
    let item_breaches: Vec<&Value> = breaches
        .iter()
        .filter(|b| breach_row(s(b, "rule")).is_none())
        .collect();
    if !item_breaches.is_empty() {
        out.push_str("<h4>항목 규칙 위반</h4><div class=\"breach-list\">");
        for b in item_breaches {
            out.push_str(&breach_html(b, root));
        }
        out.push_str("</div>");
    }

    // Mandatory items.
    let mandatory = arr(result, "mandatory_items");
    if !mandatory.is_empty() {
        out.push_str("<h4>필수 편성 항목</h4><ul class=\"mandatory-list\">");
        for m in mandatory {
            let status = s(m, "status");
            out.push_str(&format!(
                "<li class=\"mandatory status-{}\"><strong>{}</strong> <span class=\"status\">{}</span> {}{}</li>",
                escape(status),
                escape(s(m, "name")),
                status_label(status),
                escape(s(m, "message")),
                cite_link(root, s(m, "cite"))
            ));
        }
        out.push_str("</ul>");
    }

    out.push_str(&assumptions_html(result, root));
    out.push_str("<h4>다음에 할 일</h4><ul class=\"next-steps\">");
    if breaches.is_empty() {
        out.push_str("<li>이 금액으로 사업계획서의 사업비 표를 작성하고, 공급기업·기획기관과 연차별 금액을 맞추세요.</li>");
    } else {
        out.push_str("<li>표시된 줄의 금액을 고친 뒤 결과를 다시 확인하세요. 정부출연금은 총사업비의 50%를 넘을 수 없습니다.</li>");
    }
    out.push_str("<li>빠진 필수 항목은 사업비 '기타비용'에 넣으세요. 넣지 않으면 총사업비와 별개로 도입기업이 부담합니다.</li>");
    out.push_str("<li>실제 사업비는 현장평가의 원가 검토와 협약으로 정해집니다.</li></ul>");
    out.push_str(&csv_link("사업비-계획.csv", &csv_rows(result)));
    out
}

/// The CSV header of a per-year table: 구분, N차년도 for each year, 전체.
fn year_header(years: &[Value]) -> Vec<String> {
    let mut header = vec!["구분".to_string()];
    header.extend(
        years
            .iter()
            .map(|y| format!("{}차년도", num_text(y.get("year")).unwrap_or_default())),
    );
    header.push("전체".into());
    header
}

/// CSV rows of the budget check: totals (plain won), then breaches, mandatory items, assumptions.
pub fn csv_rows(result: &Value) -> Vec<Vec<String>> {
    let years = arr(result, "years");
    let overall = result.get("overall").unwrap_or(&Value::Null);
    let mut rows = vec![year_header(years)];
    for (key, label, money) in TOTAL_ROWS {
        let unit = if money { "(원)" } else { "(%)" };
        let mut row = vec![format!("{label}{unit}")];
        for t in years.iter().chain(std::iter::once(overall)) {
            row.push(if money {
                won_cell(t.get(key))
            } else {
                num_text(t.get(key)).unwrap_or_default()
            });
        }
        rows.push(row);
    }
    let mut limit = vec!["정부출연금 한도(원)".to_string()];
    for y in years {
        limit.push(won_cell(y.get("government_limit")));
    }
    limit.push(String::new());
    rows.push(limit);
    rows.push(Vec::new());
    rows.push(vec![
        "점검".into(),
        if arr(result, "breaches").is_empty() {
            "규칙 위반 없음".into()
        } else {
            format!("규칙 위반 {}건", arr(result, "breaches").len())
        },
    ]);
    for b in arr(result, "breaches") {
        rows.push(vec![
            "규칙 위반".into(),
            num_text(b.get("year"))
                .map(|y| format!("{y}차년도"))
                .unwrap_or_default(),
            s(b, "message").into(),
            s(b, "cite").into(),
        ]);
    }
    for m in arr(result, "mandatory_items") {
        rows.push(vec![
            "필수 항목".into(),
            s(m, "name").into(),
            format!("{}차년도", num_text(m.get("year")).unwrap_or_default()),
            status_label(s(m, "status")).into(),
            won_cell(m.get("amount")),
            s(m, "message").into(),
            s(m, "cite").into(),
        ]);
    }
    assumption_rows(result, &mut rows);
    rows
}

// --- budget_max ---------------------------------------------------------------------------------

const MAX_ROWS: [(&str, &str); 5] = [
    ("government", "정부출연금(최대)"),
    ("min_total", "최소 총사업비"),
    ("company_total", "민간부담금 계"),
    ("company_cash_min", "민간부담금 현금(최소)"),
    ("company_in_kind_max", "민간부담금 현물(최대)"),
];

/// HTML for the largest-support helper's result region.
pub fn render_max(result: &Value, root: &str) -> String {
    let years = arr(result, "years");
    let overall = result.get("overall").unwrap_or(&Value::Null);
    let mut out = format!(
        "<p class=\"result-status result-ok\"><strong>정부출연금은 최대 {}</strong>이고, 이를 받으려면 총사업비가 적어도 {}이어야 합니다.</p>",
        escape(&won_text(overall.get("government"))),
        escape(&won_text(overall.get("min_total")))
    );
    out.push_str("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"budget-max-caption\" tabindex=\"0\"><table class=\"budget-totals\"><caption id=\"budget-max-caption\">최대 지원을 받는 가장 작은 사업비</caption><thead><tr><th scope=\"col\">구분</th>");
    for y in years {
        out.push_str(&format!(
            "<th scope=\"col\">{}차년도</th>",
            num_text(y.get("year")).unwrap_or_default()
        ));
    }
    out.push_str("<th scope=\"col\">전체</th></tr></thead><tbody>");
    for (key, label) in MAX_ROWS {
        out.push_str(&format!("<tr><th scope=\"row\">{label}</th>"));
        for t in years.iter().chain(std::iter::once(overall)) {
            out.push_str("<td class=\"num\">");
            out.push_str(&won_html(t.get(key)));
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    if result.get("settlement_fee").is_some() {
        out.push_str(&format!(
            "<p>정산 수수료(총사업비 안에 편성): {}</p>",
            won_html(result.get("settlement_fee"))
        ));
    }
    let reasons = arr(result, "reasons");
    if !reasons.is_empty() {
        out.push_str("<h4>왜 이 금액인가요</h4><ul>");
        for r in reasons {
            out.push_str(&format!(
                "<li>{}{}</li>",
                escape(s(r, "message")),
                cite_link(root, s(r, "cite"))
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str(&assumptions_html(result, root));
    out.push_str("<h4>다음에 할 일</h4><ul class=\"next-steps\"><li>위 사업비 계획 점검 표에 연차별 금액을 넣어 필수 항목과 현물 한도까지 확인하세요.</li></ul>");
    out.push_str(&csv_link("최대-지원-계획.csv", &csv_rows_max(result)));
    out
}

/// CSV rows of the largest-support helper.
pub fn csv_rows_max(result: &Value) -> Vec<Vec<String>> {
    let years = arr(result, "years");
    let overall = result.get("overall").unwrap_or(&Value::Null);
    let mut rows = vec![year_header(years)];
    for (key, label) in MAX_ROWS {
        let mut row = vec![format!("{label}(원)")];
        for t in years.iter().chain(std::iter::once(overall)) {
            row.push(won_cell(t.get(key)));
        }
        rows.push(row);
    }
    rows.push(vec![
        "정산 수수료(원)".into(),
        won_cell(result.get("settlement_fee")),
    ]);
    for r in arr(result, "reasons") {
        rows.push(vec![
            "근거".into(),
            s(r, "message").into(),
            s(r, "cite").into(),
        ]);
    }
    assumption_rows(result, &mut rows);
    rows
}

// --- small_business -----------------------------------------------------------------------------

fn small_status(status: &str) -> &'static str {
    match status {
        "small" => "소기업입니다",
        "not_small" => "소기업이 아닙니다",
        _ => "확인이 필요합니다",
    }
}

/// HTML for the small-business lookup's result region.
pub fn render_small(result: &Value, root: &str) -> String {
    let status = s(result, "status");
    let class = match status {
        "small" => "result-ok",
        "not_small" => "result-info",
        _ => "result-check",
    };
    let years = num_text(result.get("cloud_fee_years"));
    let mut out = format!(
        "<p class=\"result-status {class}\"><strong>{}</strong>{}</p>",
        small_status(status),
        match &years {
            Some(y) => format!(
                " — 클라우드 서비스 이용료는 <strong>최대 {}년</strong>까지 편성할 수 있습니다.",
                escape(y)
            ),
            None => String::new(),
        }
    );
    out.push_str(&format!("<p>{}</p>", escape(s(result, "message"))));
    if let Some(basis) = result.get("basis").filter(|b| b.is_object()) {
        out.push_str(&format!(
            "<p>기준: 붙임 6 {}번 {}({}) — {}{}</p>",
            escape(&num_text(basis.get("row")).unwrap_or_default()),
            escape(s(basis, "name")),
            escape(s(basis, "code")),
            escape(s(basis, "threshold_text")),
            cite_link(root, s(basis, "cite"))
        ));
    }
    let candidates = arr(result, "candidates");
    if !result.get("basis").is_some_and(Value::is_object) && !candidates.is_empty() {
        out.push_str("<p>해당할 수 있는 기준:</p><ul>");
        for c in candidates {
            out.push_str(&format!(
                "<li>{}({}) — {}{}</li>",
                escape(s(c, "name")),
                escape(s(c, "code")),
                escape(s(c, "threshold_text")),
                cite_link(root, s(c, "cite"))
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str(&format!(
        "<p>클라우드 서비스 이용료: {}{}</p>",
        escape(s(result, "cloud_fee_message")),
        cite_link(root, s(result, "cloud_fee_cite"))
    ));
    let notes = arr(result, "notes");
    if !notes.is_empty() {
        out.push_str("<ul class=\"notes\">");
        for n in notes {
            let text = n.as_str().unwrap_or_else(|| s(n, "message"));
            out.push_str(&format!(
                "<li>{}{}</li>",
                escape(text),
                cite_link(root, s(n, "cite"))
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str(&assumptions_html(result, root));
    out.push_str(&csv_link("소기업-확인.csv", &csv_rows_small(result)));
    out
}

/// CSV rows of the small-business lookup.
pub fn csv_rows_small(result: &Value) -> Vec<Vec<String>> {
    let mut rows = vec![
        vec!["구분".to_string(), "내용".to_string()],
        vec!["분류기호".into(), s(result, "code").into()],
        vec!["판정".into(), small_status(s(result, "status")).into()],
        vec![
            "클라우드 이용료 편성 기간(년)".into(),
            num_text(result.get("cloud_fee_years")).unwrap_or_else(|| "확인 필요".into()),
        ],
        vec!["설명".into(), s(result, "message").into()],
    ];
    if let Some(basis) = result.get("basis").filter(|b| b.is_object()) {
        rows.push(vec![
            "기준".into(),
            format!(
                "{}({}) {}",
                s(basis, "name"),
                s(basis, "code"),
                s(basis, "threshold_text")
            ),
            s(basis, "cite").into(),
        ]);
    }
    assumption_rows(result, &mut rows);
    rows
}

#[cfg(test)]
pub(crate) mod tests {
    //! Real engine answers on the committed rules, rendered natively.
    use super::*;

    /// Runs `tool` on `input` with the committed rules and returns its `result`.
    pub(crate) fn result(tool: &str, input: &str) -> Value {
        let answer = af_engine::api::eval(&crate::ui::test_rules(), tool, input);
        let v: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
        assert_eq!(v.get("ok"), Some(&Value::Bool(true)), "{answer}");
        v.get("result").cloned().unwrap_or(Value::Null)
    }

    fn ok_plan() -> Value {
        result(
            "budget",
            r#"{"years":[{"government":"3억","company_cash":"2억 4천만","company_in_kind":"6천만","items":[{"item":"education_fee","cash":"100만"},{"item":"company_labor","in_kind":"6천만"}]},{"government":"3억","company_cash":"3억","items":[{"item":"settlement_fee","cash":"1,182천원"},{"item":"escrow_fee","cash":"45만"}]}]}"#,
        )
    }

    fn breach_plan() -> Value {
        result(
            "budget",
            r#"{"years":[{"government":"3억 5천만","company_cash":"3억"},{"government":"3억","company_cash":"2억 9천만"}]}"#,
        )
    }

    #[test]
    fn plan_at_the_caps_shows_totals_and_no_breach() {
        let html = render(&ok_plan(), "../../");
        assert!(html.contains("규칙 위반이 없습니다"), "{html}");
        assert!(!html.contains("class=\"breach\""), "{html}");
        // 6억 government over the plan, 12억 total, 50% share.
        assert!(html.contains("600,000,000원"), "{html}");
        assert!(html.contains("1,200,000,000원"), "{html}");
        assert!(html.contains("(12억 원)"), "{html}");
        assert!(html.contains(">50%<"), "{html}");
        assert!(html.contains("교육비"), "{html}");
        assert!(html.contains("편성됨"), "{html}");
        assert!(html.contains("href=\"../../notice/06-cautions/#education-fee\""));
    }

    #[test]
    fn breaches_sit_under_the_government_row_with_their_rule_and_link() {
        let html = render(&breach_plan(), "./");
        assert!(html.contains("규칙 위반 4건"), "{html}");
        let row = html.find("data-row=\"government\"").unwrap_or(usize::MAX);
        let breach = html.find("class=\"breach-row\"").unwrap_or(0);
        let next_row = html.find("data-row=\"company_cash\"").unwrap_or(0);
        assert!(
            row < breach && breach < next_row,
            "breach not under its row"
        );
        assert!(html.contains("연 한도"), "{html}");
        assert!(html.contains("href=\"./notice/01-overview/#support-terms\""));
        // Mandatory items not itemised: 확인 필요.
        assert!(html.contains("확인 필요"), "{html}");
    }

    #[test]
    fn budget_csv_has_korean_header_and_plain_won() {
        let rows = csv_rows(&ok_plan());
        assert_eq!(rows[0], vec!["구분", "1차년도", "2차년도", "전체"]);
        let gov = rows.iter().find(|r| r[0] == "정부출연금(원)").cloned();
        assert_eq!(
            gov,
            Some(vec![
                "정부출연금(원)".to_string(),
                "300000000".into(),
                "300000000".into(),
                "600000000".into()
            ])
        );
        assert!(rows
            .iter()
            .any(|r| r.first().is_some_and(|c| c == "필수 항목")));
        let breach = csv_rows(&breach_plan());
        assert!(breach
            .iter()
            .any(|r| r.first().is_some_and(|c| c == "규칙 위반")));
    }

    #[test]
    fn largest_support_names_the_amount_and_the_smallest_total() {
        let r = result("budget_max", r#"{"years":2}"#);
        let html = render_max(&r, "../../");
        assert!(html.contains("600,000,000원 (6억 원)"), "{html}");
        assert!(html.contains("1,200,000,000원 (12억 원)"), "{html}");
        assert!(html.contains("공고문 근거"), "{html}");
        let rows = csv_rows_max(&r);
        assert!(rows
            .iter()
            .any(|row| row.first().is_some_and(|c| c == "최소 총사업비(원)")
                && row.last().is_some_and(|c| c == "1200000000")));
    }

    #[test]
    fn small_business_shows_status_and_cloud_years() {
        let html = render_small(
            &result(
                "small_business",
                r#"{"ksic":"C25","average_revenue":"120억"}"#,
            ),
            "../../",
        );
        assert!(html.contains("소기업입니다"), "{html}");
        assert!(html.contains("최대 5년"), "{html}");
        let check = render_small(
            &result(
                "small_business",
                r#"{"ksic":"C31202","average_revenue":"100억"}"#,
            ),
            "../../",
        );
        assert!(check.contains("확인이 필요합니다"), "{check}");
        assert!(check.contains("의자"), "{check}");
        let rows = csv_rows_small(&result(
            "small_business",
            r#"{"ksic":"C31202","average_revenue":"100억"}"#,
        ));
        assert!(rows
            .iter()
            .any(|r| r.get(1).is_some_and(|c| c == "확인 필요")));
    }

    #[test]
    fn csv_link_is_a_bom_data_url_with_a_korean_file_name() {
        let html = render(&ok_plan(), "./");
        assert!(html.contains("download=\"사업비-계획.csv\""), "{html}");
        assert!(
            html.contains("href=\"data:text/csv;charset=utf-8,%EF%BB%BF"),
            "{html}"
        );
        // 구분 = EA B5 AC EB B6 84
        assert!(html.contains("%EA%B5%AC%EB%B6%84"), "{html}");
        assert!(html.contains("300000000"), "{html}");
    }

    #[test]
    fn junk_results_render_without_panicking() {
        for v in [
            Value::Null,
            serde_json::json!({}),
            serde_json::json!({"years": "x", "breaches": [1, null], "overall": 3}),
            serde_json::json!({"years": [{"year": -1, "government": -5, "total": 1e300}]}),
        ] {
            let _ = render(&v, "./");
            let _ = csv_rows(&v);
            let _ = render_max(&v, "./");
            let _ = csv_rows_max(&v);
            let _ = render_small(&v, "./");
            let _ = csv_rows_small(&v);
        }
    }

    #[test]
    fn engine_text_is_escaped() {
        let v = serde_json::json!({"breaches": [{"rule": "government_share", "message": "<script>", "cite": "a\"b#c"}], "years": [], "overall": {}});
        let html = render(&v, "./");
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("a&quot;b/#c"));
    }
}
