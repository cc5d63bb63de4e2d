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
    register_engine_helpers(&mut tera);
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

/// The engine's one money formatter and one cite → URL function, for templates (the browser uses
/// the same functions through the WASM exports `format_won` and `cite_href`):
///
/// - `{{ amount | won }}` → `350,000,000원 (3억 5,000만 원)`; `won(style="korean")` →
///   `3억 5,000만 원`; `won(style="digits")` → `350,000,000원`. The amount is a number or a money
///   string (`"3억 5천만"`); anything else fails the build with the template's name.
/// - `{{ cite | cite_href(root=root) }}` or `{{ cite_href(root=root, cite=cite) }}` →
///   `../../notice/03-application/#eligibility`.
fn register_engine_helpers(tera: &mut Tera) {
    tera.register_filter("won", won_filter);
    tera.register_filter("josa", josa_filter);
    tera.register_filter(
        "cite_href",
        |value: &tera::Value, args: &std::collections::HashMap<String, tera::Value>| {
            let cite = value
                .as_str()
                .ok_or_else(|| tera::Error::msg("cite_href: the cite must be a string"))?;
            let root = string_arg(args, "root", "cite_href")?;
            Ok(tera::Value::String(af_engine::cite::cite_href(root, cite)))
        },
    );
    tera.register_function(
        "cite_href",
        |args: &std::collections::HashMap<String, tera::Value>| {
            let root = string_arg(args, "root", "cite_href")?;
            let cite = string_arg(args, "cite", "cite_href")?;
            Ok(tera::Value::String(af_engine::cite::cite_href(root, cite)))
        },
    );
}

fn string_arg<'a>(
    args: &'a std::collections::HashMap<String, tera::Value>,
    name: &str,
    what: &str,
) -> tera::Result<&'a str> {
    args.get(name).and_then(tera::Value::as_str).ok_or_else(|| {
        tera::Error::msg(format!(
            "{what}: the argument `{name}` (a string) is required"
        ))
    })
}

fn won_filter(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    use af_engine::money;
    let text = match value {
        tera::Value::String(text) => text.clone(),
        tera::Value::Number(n) => n.to_string(),
        other => return Err(tera::Error::msg(format!("won: not an amount: {other}"))),
    };
    let amount = money::parse_won(&text)
        .map_err(|err| tera::Error::msg(format!("won: {text}: {}", err.message())))?;
    let style = match args.get("style") {
        None => "full",
        Some(style) => style
            .as_str()
            .ok_or_else(|| tera::Error::msg("won: `style` must be a string"))?,
    };
    let formatted = match style {
        "full" => money::format_won(amount),
        "korean" => money::format_korean(amount),
        "digits" => format!("{}원", money::format_digits(amount)),
        other => {
            return Err(tera::Error::msg(format!(
                "won: unknown style \"{other}\" (full, korean, digits)"
            )))
        }
    };
    Ok(tera::Value::String(formatted))
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
        register_engine_helpers(&mut tera);
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

    fn render_str(template: &str, context: &tera::Context) -> tera::Result<String> {
        let mut tera = Tera::default();
        register_engine_helpers(&mut tera);
        tera.render_str(template, context)
    }

    #[test]
    fn won_filter_is_the_engines_formatter() {
        let mut ctx = tera::Context::new();
        ctx.insert("n", &350_000_000_u64);
        ctx.insert("s", "6,000만원");
        assert_eq!(
            render_str("{{ n | won }}", &ctx).unwrap(),
            af_engine::money::format_won(af_engine::money::Won::from_u64(350_000_000))
        );
        assert_eq!(
            render_str("{{ n | won(style=\"korean\") }}", &ctx).unwrap(),
            "3억 5,000만 원"
        );
        assert_eq!(
            render_str("{{ n | won(style=\"digits\") }}", &ctx).unwrap(),
            "350,000,000원"
        );
        assert_eq!(
            render_str("{{ s | won(style=\"korean\") }}", &ctx).unwrap(),
            "6,000만 원"
        );
        assert!(render_str("{{ n | won(style=\"x\") }}", &ctx).is_err());
        assert!(render_str("{{ \"abc\" | won }}", &ctx).is_err());
    }

    #[test]
    fn cite_href_is_the_engines_function() {
        let mut ctx = tera::Context::new();
        ctx.insert("root", "../../");
        ctx.insert("c", "notice/03-application#eligibility");
        let want = "../../notice/03-application/#eligibility";
        assert_eq!(
            render_str("{{ c | cite_href(root=root) }}", &ctx).unwrap(),
            want
        );
        assert_eq!(
            render_str("{{ cite_href(root=root, cite=c) }}", &ctx).unwrap(),
            want
        );
        assert!(render_str("{{ cite_href(cite=c) }}", &ctx).is_err());
    }
}
