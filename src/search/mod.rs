//! Site search, built from the rendered pages: every page is cut into sections (headings,
//! glossary entries, captioned tables, form questions; see [`extract`]), the sections' text into
//! Korean-aware terms ([`tokenize`]), and the result written as a small sharded index under
//! `search/` that `static/js/search.js` reads in the browser. No query ever leaves the browser.
//!
//! Search is on when the templates provide `search.html`; it adds two generated pages: the search
//! page (`search/`) and the list of every section (`search/sections/`), which is where the header
//! field leads when JavaScript is off.
pub mod extract;
pub mod index;
pub mod tokenize;

use crate::content::{ContentTree, Page};
use crate::front_matter::FrontMatter;

/// Template of the search page; its presence turns search on.
pub const SEARCH_TEMPLATE: &str = "search.html";
/// Template of the page listing every section (JS-off fallback of the header field).
pub const SECTIONS_TEMPLATE: &str = "search-sections.html";
pub const SEARCH_PATH: &str = "search";
pub const SECTIONS_PATH: &str = "search/sections";
/// Where the sections list is put into the rendered sections page.
pub const SECTIONS_MARKER: &str = "<!--afsite:search-sections-->";

/// True when the templates ask for search.
pub fn enabled(tera: &tera::Tera) -> bool {
    tera.get_template_names().any(|n| n == SEARCH_TEMPLATE)
}

/// The two generated pages (outside the menu: no parent).
pub fn generated_pages(shown_as: &str) -> [Page; 2] {
    let page = |path: &str, title: &str, template: &str, order: i64| Page {
        shown_as: shown_as.to_string(),
        path: path.to_string(),
        is_section: false,
        parent: None,
        front: FrontMatter {
            title: title.to_string(),
            order: Some(order),
            description: None,
            template: Some(template.to_string()),
        },
        body: String::new(),
        body_line: 1,
    };
    [
        page(SEARCH_PATH, "검색", SEARCH_TEMPLATE, i64::MAX),
        page(SECTIONS_PATH, "모든 절 목록", SECTIONS_TEMPLATE, i64::MAX),
    ]
}

/// Output paths (`notice/01-overview/index.html`) of the pages in menu order (depth first).
pub fn page_order(tree: &ContentTree) -> Vec<String> {
    let mut order = Vec::with_capacity(tree.pages.len());
    let mut stack = vec![String::new()];
    let mut seen = std::collections::HashSet::new();
    while let Some(path) = stack.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        if let Some(page) = tree.get(&path) {
            order.push(format!("{}index.html", page.url()));
        }
        let children: Vec<String> = tree.children_of(&path).map(|p| p.path.clone()).collect();
        stack.extend(children.into_iter().rev());
    }
    // Pages outside the tree walk (generated, orphaned) keep their load order, after the rest.
    for page in &tree.pages {
        if !seen.contains(&page.path) {
            order.push(format!("{}index.html", page.url()));
        }
    }
    order
}
