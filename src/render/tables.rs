//! Accessible tables: captions from `표:` paragraphs, scoped header cells, a scrollable wrapper.
use pulldown_cmark::Alignment;
use pulldown_cmark_escape::escape_html;

/// Marker that opens a caption paragraph directly above a table.
pub const CAPTION_PREFIX: &str = "표:";

/// Splits a trailing `{#id}` off caption text: `정산 수수료 {#fee}` → (`정산 수수료`, `fee`).
pub fn split_caption_id(text: &str) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    if let Some(open) = trimmed.rfind("{#") {
        if let Some(id) = trimmed[open + 2..].strip_suffix('}') {
            let id = id.trim();
            if !id.is_empty() && !id.contains(char::is_whitespace) {
                return (trimmed[..open].trim_end(), Some(id));
            }
        }
    }
    (text, None)
}

/// Opening markup: wrapper (keyboard-scrollable region named by the caption), table and caption.
pub fn open_table(id: &str, caption_html: &str) -> String {
    let mut id_attr = String::new();
    let _ = escape_html(&mut id_attr, id);
    format!(
        "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id_attr}-caption\">\
         <table id=\"{id_attr}\"><caption id=\"{id_attr}-caption\">{caption_html}</caption>"
    )
}

/// Opening markup for a table whose caption is missing (reported as an error; rendering goes on).
pub fn open_uncaptioned_table() -> String {
    "<div class=\"table-wrap\" tabindex=\"0\"><table>".to_string()
}

pub const CLOSE_TABLE: &str = "</table></div>";

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

    pub fn open(self, alignment: Option<&Alignment>) -> String {
        let class = match alignment {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            _ => "",
        };
        match self {
            Self::ColumnHeader => format!("<th scope=\"col\"{class}>"),
            Self::RowHeader => format!("<th scope=\"row\"{class}>"),
            Self::Data => format!("<td{class}>"),
        }
    }

    pub fn close(self) -> &'static str {
        match self {
            Self::Data => "</td>",
            _ => "</th>",
        }
    }
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
        assert_eq!(CellKind::of(true, 0).open(None), "<th scope=\"col\">");
        assert_eq!(CellKind::of(false, 0).open(None), "<th scope=\"row\">");
        assert_eq!(
            CellKind::of(false, 2).open(Some(&Alignment::Right)),
            "<td class=\"align-right\">"
        );
    }
}
