//! Small HTML-building helpers shared by the result renderers (pure, tested natively).
use serde_json::Value;

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The relative URL of a `cite` (`notice/03-application#eligibility`, `cases/case-1`) from a page
/// whose root prefix is `root` (`../../`): `../../notice/03-application/#eligibility`.
pub fn cite_href(root: &str, cite: &str) -> String {
    let (path, anchor) = match cite.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (cite, None),
    };
    let path = path.trim_matches('/');
    let mut out = String::from(root);
    if !path.is_empty() {
        out.push_str(path);
        out.push('/');
    }
    if let Some(anchor) = anchor {
        out.push('#');
        out.push_str(anchor);
    }
    out
}

/// A link to the notice clause a result item cites, e.g. `<a href="…">근거: 공고문</a>`.
pub fn cite_link(root: &str, cite: &str, text: &str) -> String {
    if cite.is_empty() {
        return String::new();
    }
    format!(
        "<a class=\"tool-cite\" href=\"{}\">{}</a>",
        escape(&cite_href(root, cite)),
        escape(text)
    )
}

/// A string field of a JSON object ("" when missing).
pub fn s<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// An array field of a JSON object (empty when missing).
pub fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// The "이 결과가 기대고 있는 가정" list every result ends with (empty when there are none).
pub fn assumptions(root: &str, result: &Value) -> String {
    let items = list(result, "assumptions");
    if items.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<details class=\"tool-assumptions\"><summary>이 결과가 기대고 있는 해석과 가정</summary><ul>",
    );
    for a in items {
        out.push_str(&format!(
            "<li>{} {}</li>",
            escape(s(a, "message")),
            cite_link(root, s(a, "cite"), "근거")
        ));
    }
    out.push_str("</ul></details>");
    out
}

/// One row of the check-your-answers summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub label: String,
    pub answer: String,
    /// Id of the first input of the question (the change link's target).
    pub target: String,
    /// Id of the step that holds the question.
    pub step: String,
}

/// The check-your-answers list (GOV.UK "summary list"): question, answer, change link.
pub fn summary_list(rows: &[SummaryRow]) -> String {
    let mut out = String::from("<dl class=\"tool-summary-list\">");
    for row in rows {
        out.push_str(&format!(
            "<div class=\"tool-summary-row\"><dt>{label}</dt><dd>{answer}</dd>\
             <dd class=\"tool-summary-change\"><a href=\"#{target}\" data-goto=\"{step}\">변경<span class=\"visually-hidden\"> — {label}</span></a></dd></div>",
            label = escape(&row.label),
            answer = escape(&row.answer),
            target = escape(&row.target),
            step = escape(&row.step),
        ));
    }
    out.push_str("</dl>");
    out
}

/// The error summary's list: each message links to its field (GOV.UK pattern).
pub fn error_list(items: &[(String, String)]) -> String {
    let mut out = String::from("<ul>");
    for (target, message) in items {
        if target.is_empty() {
            out.push_str(&format!("<li>{}</li>", escape(message)));
        } else {
            out.push_str(&format!(
                "<li><a href=\"#{}\">{}</a></li>",
                escape(target),
                escape(message)
            ));
        }
    }
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn cites_become_relative_links_to_the_page_and_anchor() {
        assert_eq!(
            cite_href("../../", "notice/03-application#eligibility"),
            "../../notice/03-application/#eligibility"
        );
        assert_eq!(cite_href("../", "cases/case-1"), "../cases/case-1/");
        assert_eq!(cite_href("./", "#x"), "./#x");
        assert_eq!(cite_link("../", "", "근거"), "");
        assert!(cite_link("../", "guide/level-2", "가이드").contains("href=\"../guide/level-2/\""));
    }

    #[test]
    fn summary_rows_link_to_the_field_and_step() {
        let html = summary_list(&[SummaryRow {
            label: "휴업 <중>?".into(),
            answer: "아니요".into(),
            target: "q-closed-no".into(),
            step: "step-disqualifiers".into(),
        }]);
        assert!(html.contains("<dt>휴업 &lt;중&gt;?</dt><dd>아니요</dd>"));
        assert!(html.contains("href=\"#q-closed-no\" data-goto=\"step-disqualifiers\""));
        assert!(html.contains("visually-hidden"));
    }

    #[test]
    fn errors_link_to_their_fields() {
        let html = error_list(&[
            ("f1".into(), "답을 골라 주세요.".into()),
            (String::new(), "규칙 없음".into()),
        ]);
        assert_eq!(
            html,
            "<ul><li><a href=\"#f1\">답을 골라 주세요.</a></li><li>규칙 없음</li></ul>"
        );
    }

    #[test]
    fn assumptions_list_with_cites() {
        let r = json!({"assumptions": [{"message": "가정", "cite": "notice/01-overview#a"}]});
        let html = assumptions("../", &r);
        assert!(html.contains(
            "<li>가정 <a class=\"tool-cite\" href=\"../notice/01-overview/#a\">근거</a></li>"
        ));
        assert_eq!(assumptions("../", &json!({})), "");
    }
}
