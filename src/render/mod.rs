//! Render stage: Markdown bodies through the event pass, then into Tera templates, in parallel.
pub mod links;
pub mod markdown;
pub mod slug;
pub mod tables;
pub mod terms;

use crate::content::{root_prefix, url_of, ContentTree, Page};
use crate::error::{BuildError, BuildResult};
use crate::glossary::Term;
use crate::site_config::SiteConfig;
use crate::templates::{self, LinkItem, PageContext, PageView, TermView};
use markdown::{MarkdownContext, RenderedMarkdown};
use rayon::prelude::*;
use std::collections::HashMap;
use tera::Tera;
use terms::TermMatcher;

/// Content path of the glossary page.
pub const GLOSSARY_PATH: &str = "glossary";

/// Root-relative URLs of the site-wide assets (empty when absent).
#[derive(Debug, Clone, Default)]
pub struct AssetUrls {
    pub style_css: String,
    pub favicon: String,
    pub wasm_js: String,
    pub rules_json: String,
}

/// Everything shared by all pages while rendering.
pub struct RenderInputs<'a> {
    pub config: &'a SiteConfig,
    pub tree: &'a ContentTree,
    pub tera: &'a Tera,
    pub glossary: &'a [Term],
    pub matcher: Option<&'a TermMatcher>,
    pub assets: &'a AssetUrls,
    /// The program's rules, given to the tool templates (`tool*.html`) so that forms are rendered
    /// from the same data the engine checks against.
    pub rules: &'a af_engine::rules::Rules,
    /// The application-window banner shown on every page.
    pub banner: &'a [crate::banner::BannerWindow],
    /// Glossary file as shown in errors.
    pub glossary_file: &'a str,
}

/// One rendered HTML page, ready to validate and write.
#[derive(Debug)]
pub struct HtmlPage {
    /// Output path relative to the site root (`notice/index.html`).
    pub out_path: String,
    /// Source file shown in errors.
    pub source: String,
    pub html: String,
    pub link_lines: HashMap<String, usize>,
}

/// Renders every page; all errors from all pages are returned together.
pub fn render_pages(inputs: &RenderInputs) -> BuildResult<Vec<HtmlPage>> {
    let neighbours = neighbours(inputs.tree);
    let results: Vec<Result<HtmlPage, Vec<BuildError>>> = inputs
        .tree
        .pages
        .par_iter()
        .enumerate()
        .map(|(index, page)| render_page(inputs, page, neighbours.get(&index)))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(errs) => errors.extend(errs),
        }
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        Err(errors)
    }
}

/// Previous and next ordinary page within each page's section, computed once (sections can be large).
fn neighbours(tree: &ContentTree) -> HashMap<usize, (Option<usize>, Option<usize>)> {
    let mut map = HashMap::new();
    for children in tree.children.values() {
        let siblings: Vec<usize> = children
            .iter()
            .copied()
            .filter(|&i| !tree.pages[i].is_section)
            .collect();
        for (position, &index) in siblings.iter().enumerate() {
            let prev = position.checked_sub(1).map(|p| siblings[p]);
            let next = siblings.get(position + 1).copied();
            map.insert(index, (prev, next));
        }
    }
    map
}

fn template_for(page: &Page) -> &str {
    if let Some(template) = &page.front.template {
        return template;
    }
    if page.is_section && page.path.is_empty() {
        templates::HOME_TEMPLATE
    } else if page.is_section {
        templates::SECTION_TEMPLATE
    } else if page.path == GLOSSARY_PATH {
        templates::GLOSSARY_TEMPLATE
    } else {
        templates::PAGE_TEMPLATE
    }
}

fn render_page(
    inputs: &RenderInputs,
    page: &Page,
    neighbours: Option<&(Option<usize>, Option<usize>)>,
) -> Result<HtmlPage, Vec<BuildError>> {
    let root = root_prefix(page.depth());
    let is_glossary = page.path == GLOSSARY_PATH;
    let tree = inputs.tree;
    let page_exists = |path: &str| tree.by_path.contains_key(path);
    let md_context = MarkdownContext {
        shown_as: &page.shown_as,
        body_line: page.body_line,
        root: &root,
        page_exists: &page_exists,
        terms: inputs.matcher.filter(|_| !is_glossary),
        glossary_url: &url_of(GLOSSARY_PATH),
    };
    let RenderedMarkdown {
        html: content,
        toc,
        mut link_lines,
    } = markdown::render(&page.body, &md_context)?;
    let glossary = if is_glossary {
        glossary_view(inputs, &root, &page_exists, &mut link_lines)?
    } else {
        Vec::new()
    };
    let item = |p: &Page| link_item(p, &root, &page.path);
    let (prev, next) = neighbours.copied().unwrap_or_default();
    let children = if page.is_section {
        tree.children_of(&page.path).map(item).collect()
    } else {
        Vec::new()
    };
    let template = template_for(page);
    let context = PageContext {
        site: inputs.config,
        root: &root,
        page: PageView {
            title: &page.front.title,
            description: page.front.description.as_deref().unwrap_or(""),
            path: &page.path,
            content: &content,
            toc: &toc,
            toc_len: markdown::toc_len(&toc),
            is_home: page.path.is_empty(),
            is_section: page.is_section,
        },
        nav: nav_items(inputs, &root, &page.path),
        breadcrumbs: breadcrumbs(tree, page, &root),
        prev: prev.map(|i| item(&tree.pages[i])),
        next: next.map(|i| item(&tree.pages[i])),
        children,
        glossary: &glossary,
        style_css: prefixed(&root, &inputs.assets.style_css),
        favicon: prefixed(&root, &inputs.assets.favicon),
        wasm_js: prefixed(&root, &inputs.assets.wasm_js),
        rules_json: prefixed(&root, &inputs.assets.rules_json),
        // Only tool pages carry the rules: serializing them into every page's context would cost
        // large sites (10,000 pages) for nothing.
        rules: template.starts_with("tool").then_some(inputs.rules),
        banner: inputs.banner,
    };
    let html = templates::render(inputs.tera, template, &context, &page.shown_as)
        .map_err(|err| vec![err])?;
    Ok(HtmlPage {
        out_path: format!("{}index.html", page.url()),
        source: page.shown_as.clone(),
        html,
        link_lines,
    })
}

/// Joins a page's root prefix and a root-relative URL; empty stays empty (asset absent).
fn prefixed(root: &str, url: &str) -> String {
    if url.is_empty() {
        String::new()
    } else {
        format!("{root}{url}")
    }
}

fn link_item(target: &Page, root: &str, current_path: &str) -> LinkItem {
    let inside = !target.path.is_empty()
        && current_path
            .strip_prefix(target.path.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    LinkItem {
        title: target.front.title.clone(),
        url: format!("{root}{}", target.url()),
        description: target.front.description.clone().unwrap_or_default(),
        active: inside || target.path == current_path,
        current: target.path == current_path,
    }
}

/// Top-level navigation: the home page's children in order, with short labels from site.toml.
fn nav_items(inputs: &RenderInputs, root: &str, current_path: &str) -> Vec<LinkItem> {
    inputs
        .tree
        .children_of("")
        .map(|p| {
            let mut item = link_item(p, root, current_path);
            if let Some(label) = inputs.config.nav_labels.get(&p.path) {
                item.title = label.clone();
            }
            item
        })
        .collect()
}

/// Home → enclosing sections → the page itself.
fn breadcrumbs(tree: &ContentTree, page: &Page, root: &str) -> Vec<LinkItem> {
    let mut chain = Vec::new();
    let mut cursor = page.parent.clone();
    while let Some(path) = cursor {
        match tree.get(&path) {
            Some(section) => {
                chain.push(link_item(section, root, &page.path));
                cursor = section.parent.clone();
            }
            None => break,
        }
    }
    chain.reverse();
    chain.push(link_item(page, root, &page.path));
    chain
}

/// Glossary entries with definitions rendered and `see` links resolved (relative to the glossary page).
fn glossary_view(
    inputs: &RenderInputs,
    root: &str,
    page_exists: &(dyn Fn(&str) -> bool + Sync),
    link_lines: &mut HashMap<String, usize>,
) -> Result<Vec<TermView>, Vec<BuildError>> {
    let mut errors = Vec::new();
    let file = inputs.glossary_file;
    let mut views = Vec::with_capacity(inputs.glossary.len());
    for term in inputs.glossary {
        let context = MarkdownContext {
            shown_as: file,
            body_line: term.line,
            root,
            page_exists,
            terms: None,
            glossary_url: "",
        };
        let definition = match markdown::render(&term.definition, &context) {
            Ok(rendered) => {
                for (url, _) in rendered.link_lines {
                    link_lines.entry(url).or_insert(term.line);
                }
                rendered.html
            }
            Err(errs) => {
                errors.extend(errs);
                String::new()
            }
        };
        let see = match term
            .see
            .as_deref()
            .map(|see| links::resolve(see, root, page_exists))
        {
            Some(Some(Ok(url))) => {
                link_lines.entry(url.clone()).or_insert(term.line);
                url
            }
            Some(Some(Err(message))) => {
                errors.push(BuildError::at(file, term.line, message));
                String::new()
            }
            Some(None) => {
                errors.push(BuildError::at(
                    file,
                    term.line,
                    "see는 @/로 시작하는 링크여야 합니다",
                ));
                String::new()
            }
            None => String::new(),
        };
        views.push(TermView {
            id: term.id.clone(),
            term: term.term.clone(),
            aliases: term.aliases.clone(),
            full: term.full.clone().unwrap_or_default(),
            definition,
            see,
        });
    }
    if errors.is_empty() {
        Ok(views)
    } else {
        Err(errors)
    }
}

/// The 404 page: served from whatever folder the visitor asked for, so its links use the base path.
pub fn render_not_found(inputs: &RenderInputs, base_path: &str) -> Result<String, BuildError> {
    let context = PageContext {
        site: inputs.config,
        root: base_path,
        page: PageView {
            title: &inputs.config.not_found.title,
            description: "",
            path: "404",
            content: "",
            toc: &[],
            toc_len: 0,
            is_home: false,
            is_section: false,
        },
        nav: nav_items(inputs, base_path, "404"),
        breadcrumbs: Vec::new(),
        prev: None,
        next: None,
        children: Vec::new(),
        glossary: &[],
        style_css: prefixed(base_path, &inputs.assets.style_css),
        favicon: prefixed(base_path, &inputs.assets.favicon),
        wasm_js: String::new(),
        rules_json: String::new(),
        rules: None,
        banner: inputs.banner,
    };
    templates::render(
        inputs.tera,
        templates::NOT_FOUND_TEMPLATE,
        &context,
        "templates/404.html",
    )
}
