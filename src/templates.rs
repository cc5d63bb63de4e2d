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
        match crate::error::read_text(&file.path, &format!("templates/{name}")) {
            Ok(text) => sources.push((name, text)),
            Err(err) => errors.push(err),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("josa", josa_filter);
    tera.add_raw_templates(sources)
        .map_err(|err| vec![template_error(root, &err)])?;
    Ok(tera)
}

/// A Tera parse error as `templates/<name>:<line>: message`. Tera writes
/// `Failed to parse 'page.html'` and then a pest report (` --> 7:7`, the line, a caret, `= why`).
fn template_error(root: &Path, err: &tera::Error) -> BuildError {
    let chain = error_chain(err);
    let full = match std::error::Error::source(err) {
        Some(_) => chain.clone(),
        None => err.to_string(),
    };
    let name = full
        .split_once("Failed to parse '")
        .and_then(|(_, rest)| rest.split_once('\''))
        .map(|(name, _)| name.to_string());
    let line = full
        .split_once("--> ")
        .and_then(|(_, rest)| rest.split(':').next())
        .and_then(|n| n.trim().parse::<usize>().ok());
    let why = full
        .rsplit_once("= ")
        .map(|(_, why)| why.trim().to_string())
        .filter(|why| !why.is_empty());
    match (name, line) {
        (Some(name), Some(line)) => BuildError::at(
            crate::content::shown_path(root, &Path::new("templates").join(&name)),
            line,
            format!("템플릿 문법 오류: {}", why.unwrap_or(chain)),
        ),
        _ => BuildError::in_file(
            crate::content::shown_path(root, Path::new("templates")),
            format!("템플릿 오류: {chain}"),
        ),
    }
}

/// `{{ word | josa(p="을") }}` → the word followed by the particle that agrees with it
/// (을/를, 이/가, 은/는, 과/와, 으로/로): the engine's one helper, [`af_engine::josa`].
fn josa_filter(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let word = match value {
        tera::Value::String(text) => text.clone(),
        tera::Value::Number(n) => n.to_string(),
        other => {
            return Err(tera::Error::msg(format!(
                "josa: 글자나 숫자가 아닙니다: {other}"
            )))
        }
    };
    let particle = args
        .get("p")
        .and_then(tera::Value::as_str)
        .ok_or_else(|| tera::Error::msg("josa: p=\"을\"처럼 조사를 적어 주세요"))?;
    Ok(tera::Value::String(af_engine::josa::attach(
        &word, particle,
    )))
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
    let mut ctx = tera::Context::from_serialize(context).map_err(|err| {
        BuildError::in_file(
            page_file,
            format!("템플릿 데이터 오류: {}", error_chain(&err)),
        )
    })?;
    ctx.insert("csp", crate::headers::CSP);
    // Absolute address of this page (canonical link, og:url); none on the 404 page.
    if let Some(base_url) = context.site.base_url.as_deref() {
        if template != NOT_FOUND_TEMPLATE {
            let url = format!("{base_url}{}", crate::content::url_of(context.page.path));
            ctx.insert("canonical_url", &url);
        }
    }
    tera.render(template, &ctx).map_err(|err| {
        BuildError::in_file(
            page_file,
            format!("templates/{template} 렌더링 오류: {}", error_chain(&err)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_raw(template: &str, context: &tera::Context) -> tera::Result<String> {
        let mut tera = Tera::default();
        tera.register_filter("josa", josa_filter);
        tera.add_raw_template("t.html", template)?;
        tera.render("t.html", context)
    }

    #[test]
    fn josa_filter_agrees_with_the_value() {
        let mut context = tera::Context::new();
        context.insert("limit", "120억 원 이하");
        context.insert("count", &3);
        context.insert("place", "서울");
        let html = render_raw(
            "{{ limit | josa(p=\"을\") }} / {{ count | josa(p=\"가\") }} / {{ place | josa(p=\"으로\") }}",
            &context,
        )
        .expect("renders");
        assert_eq!(html, "120억 원 이하를 / 3이 / 서울로");
    }

    #[test]
    fn josa_filter_needs_a_particle() {
        let mut context = tera::Context::new();
        context.insert("x", "기업");
        assert!(render_raw("{{ x | josa }}", &context).is_err());
        context.insert("x", &true);
        assert!(render_raw("{{ x | josa(p=\"을\") }}", &context).is_err());
    }
}
