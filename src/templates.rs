//! Tera templates from `templates/`, and the data every template receives.
use crate::error::{error_chain, BuildError, BuildResult};
use crate::render::markdown::TocEntry;
use crate::site_config::SiteConfig;
use serde::Serialize;
use std::path::Path;
use tera::Tera;

/// Default templates by page kind (a `template` front-matter field overrides them).
pub const HOME_TEMPLATE: &str = "home.html";
pub const SECTION_TEMPLATE: &str = "section.html";
pub const PAGE_TEMPLATE: &str = "page.html";
pub const GLOSSARY_TEMPLATE: &str = "glossary.html";
pub const NOT_FOUND_TEMPLATE: &str = "404.html";

/// Loads every `*.html` under `templates/`, named by its path inside that folder.
pub fn load(root: &Path) -> BuildResult<Tera> {
    let mut sources = Vec::new();
    let (found, mut errors) = crate::walk::files_in(root, "templates");
    for file in found.into_iter().filter(|f| f.rel.ends_with(".html")) {
        let name = file.rel;
        match std::fs::read_to_string(&file.path) {
            Ok(text) => sources.push((name, text)),
            Err(err) => errors.push(BuildError::in_file(
                format!("templates/{name}"),
                format!("읽을 수 없습니다: {err}"),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(sources).map_err(|err| {
        vec![BuildError::in_file(
            crate::content::shown_path(root, Path::new("templates")),
            format!("템플릿 오류: {}", error_chain(&err)),
        )]
    })?;
    Ok(tera)
}

/// A link in nav, breadcrumbs, prev/next and section listings (URL relative to the current page).
#[derive(Debug, Clone, Serialize)]
pub struct LinkItem {
    pub title: String,
    pub url: String,
    pub description: String,
    /// The current page is this item or lies inside it (nav highlighting).
    pub active: bool,
    /// This item is the current page (`aria-current="page"`).
    pub current: bool,
}

/// The page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// Content path (`notice/01-overview`).
    pub path: &'a str,
    pub content: &'a str,
    /// Nested by heading level (h2 → h3).
    pub toc: &'a [TocEntry],
    /// Number of entries at every level (the TOC shows from two).
    pub toc_len: usize,
    pub is_home: bool,
    pub is_section: bool,
}

/// A glossary entry as the glossary page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub id: String,
    pub term: String,
    pub aliases: Vec<String>,
    pub full: String,
    /// Rendered HTML.
    pub definition: String,
    /// Relative URL of the notice passage, empty if none.
    pub see: String,
}

/// Everything a template sees. URLs are relative to the page (`root` = `./` or `../` × depth),
/// except on the 404 page, which may be served from any folder and so uses the base path.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub site: &'a SiteConfig,
    pub root: &'a str,
    pub page: PageView<'a>,
    pub nav: Vec<LinkItem>,
    pub breadcrumbs: Vec<LinkItem>,
    pub prev: Option<LinkItem>,
    pub next: Option<LinkItem>,
    /// A section's pages in order (empty for ordinary pages).
    pub children: Vec<LinkItem>,
    /// Glossary entries (only on the glossary page).
    pub glossary: &'a [TermView],
    pub style_css: String,
    pub favicon: String,
    /// ES module of the browser engine, empty until the WASM bundle exists.
    pub wasm_js: String,
    /// The rules as JSON for the browser tools.
    pub rules_json: String,
    /// The rules data, on tool pages only (`tool*.html`): forms are rendered from it.
    pub rules: Option<&'a af_engine::rules::Rules>,
    /// The application-window banner (every page).
    pub banner: &'a [crate::banner::BannerWindow],
}

/// Renders one template; errors name the page file that asked for it.
pub fn render(
    tera: &Tera,
    template: &str,
    context: &PageContext,
    page_file: &str,
) -> Result<String, BuildError> {
    if !tera.get_template_names().any(|name| name == template) {
        return Err(BuildError::in_file(
            page_file,
            format!("템플릿을 찾을 수 없습니다: templates/{template}"),
        ));
    }
    let ctx = tera::Context::from_serialize(context).map_err(|err| {
        BuildError::in_file(
            page_file,
            format!("템플릿 데이터 오류: {}", error_chain(&err)),
        )
    })?;
    tera.render(template, &ctx).map_err(|err| {
        BuildError::in_file(
            page_file,
            format!("templates/{template} 렌더링 오류: {}", error_chain(&err)),
        )
    })
}
