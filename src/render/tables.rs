//! Accessible tables: captions from `표:` paragraphs, scoped header cells, a scrollable wrapper.
use pulldown_cmark::Alignment;
use pulldown_cmark_escape::escape_html;

/// Marker that opens a caption paragraph directly above a table.
pub const CAPTION_PREFIX: &str = "표:";

/// How a table is shown on a narrow screen (the wide-screen table is the same for all three).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableLayout {
    /// Fits its box as it is (one or two columns): no scrolling, no change.
    Fit,
    /// Each row becomes a block of "header label: value" lines (`data-label` from the header row).
    Reflow,
    /// Scrolls sideways in a focusable region named by the caption, with a visible cue.
    Scroll,
}

impl TableLayout {
    /// The author's choice in a caption: `{.fit}`, `{.reflow}`, `{.scroll}`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "fit" => Some(Self::Fit),
            "reflow" => Some(Self::Reflow),
            "scroll" => Some(Self::Scroll),
            _ => None,
        }
    }

    /// The default for a Markdown table (which has no merged cells): two columns fit a phone,
    /// more columns read better as stacked rows.
    pub fn auto(columns: usize) -> Self {
        if columns <= 2 {
            Self::Fit
        } else {
            Self::Reflow
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Self::Fit => "table-fit",
            Self::Reflow => "table-reflow",
            Self::Scroll => "table-scroll",
        }
    }
}

/// What a caption's trailing `{…}` says: `표: 정산 수수료 {#fee .scroll}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CaptionAttrs<'a> {
    /// Caption text without the braces.
    pub text: &'a str,
    pub id: Option<&'a str>,
    pub layout: Option<TableLayout>,
    /// A token in the braces that is neither `#id` nor a known layout.
    pub unknown: Option<&'a str>,
}

/// Splits a trailing `{#id .layout}` (either part optional) off caption text.
pub fn split_caption_attrs(text: &str) -> CaptionAttrs<'_> {
    let plain = CaptionAttrs {
        text,
        ..CaptionAttrs::default()
    };
    let trimmed = text.trim_end();
    let Some(body) = trimmed.strip_suffix('}') else {
        return plain;
    };
    let Some(open) = body.rfind('{') else {
        return plain;
    };
    let tokens: Vec<&str> = body[open + 1..].split_whitespace().collect();
    if tokens.is_empty()
        || !tokens
            .iter()
            .all(|t| t.starts_with('#') || t.starts_with('.'))
    {
        return plain;
    }
    let mut attrs = CaptionAttrs {
        text: trimmed[..open].trim_end(),
        ..CaptionAttrs::default()
    };
    for token in tokens {
        if let Some(id) = token.strip_prefix('#').filter(|id| !id.is_empty()) {
            attrs.id = Some(id);
        } else if let Some(layout) = token.strip_prefix('.').and_then(TableLayout::from_name) {
            attrs.layout = Some(layout);
        } else {
            attrs.unknown = Some(token);
        }
    }
    attrs
}

/// Splits a trailing `{#id}` off caption text: `정산 수수료 {#fee}` → (`정산 수수료`, `fee`).
pub fn split_caption_id(text: &str) -> (&str, Option<&str>) {
    let attrs = split_caption_attrs(text);
    (attrs.text, attrs.id)
}

/// Opening markup: wrapper, table and caption. Only a scrolling table's wrapper is a
/// keyboard-focusable region named by the caption; the others never scroll.
pub fn open_table(id: &str, caption_html: &str, layout: TableLayout) -> String {
    let mut id_attr = String::new();
    let _ = escape_html(&mut id_attr, id);
    let class = layout.class();
    let (region, role) = match layout {
        TableLayout::Scroll => (
            format!(" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id_attr}-caption\""),
            "",
        ),
        TableLayout::Reflow => (String::new(), " role=\"table\""),
        TableLayout::Fit => (String::new(), ""),
    };
    format!(
        "<div class=\"table-wrap {class}\"{region}>\
         <table id=\"{id_attr}\"{role}><caption id=\"{id_attr}-caption\">{caption_html}</caption>"
    )
}

/// Opening markup for a table whose caption is missing (reported as an error; rendering goes on).
pub fn open_uncaptioned_table() -> String {
    "<div class=\"table-wrap table-scroll\" tabindex=\"0\"><table>".to_string()
}

pub const CLOSE_TABLE: &str = "</table></div>";

/// `<thead>`/`<tbody>`/`<tr>` opening tags; a reflowed table states its roles, because some
/// browsers drop table semantics once the cells are displayed as blocks.
pub fn open_group(tag: &str, layout: TableLayout) -> String {
    if layout == TableLayout::Reflow {
        let role = if tag == "tr" { "row" } else { "rowgroup" };
        format!("<{tag} role=\"{role}\">")
    } else {
        format!("<{tag}>")
    }
}

/// Where a cell sits: decides `th scope="col"`, `th scope="row"` or `td`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    ColumnHeader,
    RowHeader,
    Data,
}

impl CellKind {
    pub fn of(in_head: bool, column: usize) -> Self {
        if in_head {
            Self::ColumnHeader
        } else if column == 0 {
            Self::RowHeader
        } else {
            Self::Data
        }
    }

    /// Opening tag; a reflowed table's body cells carry their column header as `data-label`.
    pub fn open(
        self,
        alignment: Option<&Alignment>,
        layout: TableLayout,
        label: Option<&str>,
    ) -> String {
        let class = match alignment {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            _ => "",
        };
        let mut extra = String::new();
        if layout == TableLayout::Reflow {
            extra.push_str(match self {
                Self::ColumnHeader => " role=\"columnheader\"",
                Self::RowHeader => " role=\"rowheader\"",
                Self::Data => " role=\"cell\"",
            });
            if let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) {
                if self != Self::ColumnHeader {
                    extra.push_str(" data-label=\"");
                    let _ = escape_html(&mut extra, label);
                    extra.push('"');
                }
            }
        }
        match self {
            Self::ColumnHeader => format!("<th scope=\"col\"{class}{extra}>"),
            Self::RowHeader => format!("<th scope=\"row\"{class}{extra}>"),
            Self::Data => format!("<td{class}{extra}>"),
        }
    }

    pub fn close(self) -> &'static str {
        match self {
            Self::Data => "</td>",
            _ => "</th>",
        }
    }
}

/// Class that asks for a raw HTML table to be reflowed on a phone.
pub const RAW_REFLOW_CLASS: &str = "table-reflow";

/// Gives a raw HTML table marked `table-reflow` what the builder gives a Markdown one: ARIA
/// roles and, on every body cell, its column header as `data-label`. Such a table has one
/// header row and no merged cells (a merged cell has no single header to show).
pub fn label_raw_reflow_table(html: &str) -> Result<String, String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("colspan") || lower.contains("rowspan") {
        return Err(format!(
            "`{RAW_REFLOW_CLASS}` 표에는 합친 칸(colspan, rowspan)을 쓸 수 없습니다: `table-scroll`이나 `table-fit`을 쓰세요"
        ));
    }
    let head = match (lower.find("<thead"), lower.find("</thead")) {
        (Some(start), Some(end)) if start < end => &html[start..end],
        _ => return Err(format!("`{RAW_REFLOW_CLASS}` 표에 <thead>가 없습니다")),
    };
    if head.to_ascii_lowercase().matches("<tr").count() != 1 {
        return Err(format!(
            "`{RAW_REFLOW_CLASS}` 표의 <thead>는 한 줄이어야 합니다"
        ));
    }
    let mut labels = Vec::new();
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut in_head = false;
    let mut column = 0;
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        let tag = &rest[open + 1..close];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        let mut extra = String::new();
        match name.as_str() {
            "table" => extra.push_str(" role=\"table\""),
            "thead" => {
                in_head = true;
                extra.push_str(" role=\"rowgroup\"");
            }
            "/thead" => in_head = false,
            "tbody" => extra.push_str(" role=\"rowgroup\""),
            "tr" => {
                column = 0;
                extra.push_str(" role=\"row\"");
            }
            "th" | "td" if in_head => {
                let end = rest[close..]
                    .to_ascii_lowercase()
                    .find("</t")
                    .map_or(rest.len(), |e| close + e);
                labels.push(strip_tags(&rest[close + 1..end]));
                extra.push_str(" role=\"columnheader\"");
            }
            "th" | "td" => {
                extra.push_str(if name == "th" {
                    " role=\"rowheader\""
                } else {
                    " role=\"cell\""
                });
                if let Some(label) = labels.get(column).filter(|l| !l.is_empty()) {
                    extra.push_str(" data-label=\"");
                    extra.push_str(&label.replace('"', "&quot;"));
                    extra.push('"');
                }
                column += 1;
            }
            _ => {}
        }
        out.push_str(&rest[..close]);
        out.push_str(&extra);
        out.push('>');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Text of an HTML fragment without its tags, whitespace collapsed (entities kept as written).
fn strip_tags(fragment: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte offsets (within `html`) of raw `<table>` elements that have no `<caption>`.
pub fn raw_tables_without_caption(html: &str) -> Vec<usize> {
    let lower = html.to_ascii_lowercase();
    let mut missing = Vec::new();
    let mut from = 0;
    while let Some(found) = find_tag(&lower[from..], "<table") {
        let start = from + found;
        let after = start + "<table".len();
        let end = find_tag(&lower[after..], "</table").map_or(lower.len(), |e| after + e);
        let next_table = find_tag(&lower[after..], "<table").map_or(lower.len(), |t| after + t);
        let scope_end = end.min(next_table);
        if find_tag(&lower[after..scope_end], "<caption").is_none() {
            missing.push(start);
        }
        from = after;
    }
    missing
}

/// Finds `<name` followed by a tag-name boundary (so `<table` doesn't match `<tablex`).
fn find_tag(haystack: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = haystack[from..].find(tag) {
        let at = from + pos;
        let next = haystack[at + tag.len()..].chars().next();
        if next.is_none_or(|c| c == '>' || c == '/' || c.is_whitespace()) {
            return Some(at);
        }
        from = at + tag.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_ids() {
        assert_eq!(
            split_caption_id("정산 수수료 표준 {#settlement-fee}"),
            ("정산 수수료 표준", Some("settlement-fee"))
        );
        assert_eq!(split_caption_id("추진 일정"), ("추진 일정", None));
    }

    #[test]
    fn raw_reflow_tables_get_roles_and_labels() {
        let html = "<div class=\"table-wrap table-reflow\">\n<table id=\"a\">\n<caption>표</caption>\n\
                    <thead>\n<tr><th scope=\"col\">문제점</th><th scope=\"col\">적용<br>분야 \"A\"</th></tr>\n</thead>\n\
                    <tbody>\n<tr><td><ul><li>하나</li></ul></td><th scope=\"row\">둘</th></tr>\n</tbody>\n</table>\n</div>";
        let out = label_raw_reflow_table(html).expect("labels");
        assert!(out.contains("<table id=\"a\" role=\"table\">"), "{out}");
        assert!(out.contains("<thead role=\"rowgroup\">\n<tr role=\"row\"><th scope=\"col\" role=\"columnheader\">문제점</th>"), "{out}");
        assert!(out.contains("<tr role=\"row\"><td role=\"cell\" data-label=\"문제점\"><ul><li>하나</li></ul></td><th scope=\"row\" role=\"rowheader\" data-label=\"적용분야 &quot;A&quot;\">둘</th></tr>"), "{out}");
        let merged = html.replace("<td>", "<td rowspan=\"2\">");
        assert!(label_raw_reflow_table(&merged).is_err());
        let no_head = "<table><tbody><tr><td>1</td></tr></tbody></table>";
        assert!(label_raw_reflow_table(no_head).is_err());
    }

    #[test]
    fn finds_raw_tables_without_caption() {
        let ok = "<table class=\"x\"><caption>a</caption><tr><td>1</td></tr></table>";
        assert!(raw_tables_without_caption(ok).is_empty());
        let bad = "<div>\n<TABLE>\n<tr><td>1</td></tr></table>";
        assert_eq!(raw_tables_without_caption(bad), vec![6]);
        let second_bad = format!("{ok}<table><tr></tr></table>");
        assert_eq!(raw_tables_without_caption(&second_bad).len(), 1);
    }

    #[test]
    fn cell_kinds() {
        let fit = TableLayout::Fit;
        assert_eq!(
            CellKind::of(true, 0).open(None, fit, None),
            "<th scope=\"col\">"
        );
        assert_eq!(
            CellKind::of(false, 0).open(None, fit, Some("구분")),
            "<th scope=\"row\">"
        );
        assert_eq!(
            CellKind::of(false, 2).open(Some(&Alignment::Right), fit, None),
            "<td class=\"align-right\">"
        );
    }

    #[test]
    fn reflowed_cells_carry_roles_and_their_header_label() {
        let reflow = TableLayout::Reflow;
        assert_eq!(
            CellKind::of(true, 1).open(None, reflow, Some("금액")),
            "<th scope=\"col\" role=\"columnheader\">"
        );
        assert_eq!(
            CellKind::of(false, 0).open(None, reflow, Some("구분")),
            "<th scope=\"row\" role=\"rowheader\" data-label=\"구분\">"
        );
        assert_eq!(
            CellKind::of(false, 1).open(None, reflow, Some("\"A\" & B")),
            "<td role=\"cell\" data-label=\"&quot;A&quot; &amp; B\">"
        );
        assert_eq!(
            CellKind::of(false, 1).open(None, reflow, Some("  ")),
            "<td role=\"cell\">"
        );
    }

    #[test]
    fn caption_attributes_choose_id_and_layout() {
        let attrs = split_caption_attrs("정산 수수료 {#fee .scroll}");
        assert_eq!(attrs.text, "정산 수수료");
        assert_eq!(attrs.id, Some("fee"));
        assert_eq!(attrs.layout, Some(TableLayout::Scroll));
        assert_eq!(attrs.unknown, None);
        let attrs = split_caption_attrs("일정 {.reflow}");
        assert_eq!((attrs.text, attrs.id), ("일정", None));
        assert_eq!(attrs.layout, Some(TableLayout::Reflow));
        assert_eq!(split_caption_attrs("일정 {.wide}").unknown, Some(".wide"));
        // Braces that are not attributes stay in the caption.
        assert_eq!(split_caption_attrs("집합 {a, b}").text, "집합 {a, b}");
        assert_eq!(split_caption_attrs("일정").layout, None);
    }

    #[test]
    fn layout_by_shape_and_wrapper_markup() {
        assert_eq!(TableLayout::auto(2), TableLayout::Fit);
        assert_eq!(TableLayout::auto(3), TableLayout::Reflow);
        let scroll = open_table("t", "캡션", TableLayout::Scroll);
        assert!(scroll.starts_with("<div class=\"table-wrap table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"t-caption\"><table id=\"t\">"), "{scroll}");
        let reflow = open_table("t", "캡션", TableLayout::Reflow);
        assert!(
            reflow.starts_with(
                "<div class=\"table-wrap table-reflow\"><table id=\"t\" role=\"table\">"
            ),
            "{reflow}"
        );
        assert_eq!(open_group("tr", TableLayout::Reflow), "<tr role=\"row\">");
        assert_eq!(open_group("tbody", TableLayout::Fit), "<tbody>");
    }
}
