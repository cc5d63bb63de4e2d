//! The pipeline, end to end: load → render → validate → write.
use crate::assets::{self, FileData, OutputFile};
use crate::content::{self, shown_path, url_of, ContentTree, Page};
use crate::error::{BuildError, BuildResult};
use crate::front_matter::FrontMatter;
use crate::render::{self, terms::TermMatcher, HtmlPage, RenderInputs, GLOSSARY_PATH};
use crate::rules_files::{self, LoadedRules};
use crate::site_config;
use crate::templates;
use crate::validate::{self, PageToCheck};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where to read the site from and where to write it.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Folder holding `content/`, `templates/` and `static/`.
    pub root: PathBuf,
    pub out: PathBuf,
    /// URL path the site is served under; used only by `404.html` and `sitemap.xml`.
    pub base_path: String,
}

impl Default for BuildOptions {
    fn default() -> Self {
        Self {
            root: PathBuf::from("."),
            out: PathBuf::from("public"),
            base_path: "/".to_string(),
        }
    }
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
}

/// The whole site in memory, validated, not yet written.
#[derive(Debug)]
pub struct RenderedSite {
    pub pages: Vec<HtmlPage>,
    pub files: Vec<OutputFile>,
}

impl RenderedSite {
    /// Every output file as (path, bytes); copies from disk are read here (used by `serve`).
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let pages = self
            .pages
            .into_iter()
            .map(|p| (p.out_path, p.html.into_bytes()));
        let files = self.files.into_iter().filter_map(|f| {
            let bytes = match f.data {
                FileData::Owned(bytes) => bytes,
                FileData::Embedded(bytes) => bytes.to_vec(),
                FileData::CopyFrom(source) => std::fs::read(source).ok()?,
            };
            Some((f.path, bytes))
        });
        pages.chain(files).collect()
    }
}

/// Builds the site into `options.out`; the previous output stays if anything fails.
pub fn build_site(options: &BuildOptions) -> BuildResult<BuildReport> {
    let started = Instant::now();
    let site = render_site(&options.root, &options.base_path)?;
    crate::output::write_site(&options.out, &site.pages, &site.files).map_err(|e| vec![e])?;
    Ok(BuildReport {
        pages: site.pages.len(),
        files: site.pages.len() + site.files.len(),
        elapsed: started.elapsed(),
    })
}

/// Loads, renders and validates everything without writing anything.
pub fn check_site(root: &Path) -> BuildResult<BuildReport> {
    let started = Instant::now();
    let site = render_site(root, "/")?;
    Ok(BuildReport {
        pages: site.pages.len(),
        files: site.pages.len() + site.files.len(),
        elapsed: started.elapsed(),
    })
}

/// `/sub/path` → `/sub/path/`; rejects characters that would break the HTML it is written into.
pub fn normalize_base_path(raw: &str) -> Result<String, String> {
    if raw
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '&' | '\\'))
    {
        return Err(format!("--base-path에 쓸 수 없는 문자가 있습니다: {raw}"));
    }
    let trimmed = raw.trim_matches('/');
    Ok(if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    })
}

/// Everything read from disk before rendering.
struct Loaded {
    config: site_config::SiteConfig,
    tree: ContentTree,
    glossary: Vec<crate::glossary::Term>,
    rules: LoadedRules,
    tera: tera::Tera,
}

/// Runs every loader and reports all their problems at once.
fn load_all(root: &Path) -> BuildResult<Loaded> {
    let site_file = shown_path(root, Path::new("content/site.toml"));
    let glossary_file = shown_path(root, Path::new("content/glossary.toml"));
    let config =
        site_config::load(&root.join("content/site.toml"), &site_file).map_err(|e| vec![e]);
    let tree = content::load(root);
    let glossary = crate::glossary::load(&root.join("content/glossary.toml"), &glossary_file);
    let rules = rules_files::load(root);
    let tera = templates::load(root);
    match (config, tree, glossary, rules, tera) {
        (Ok(config), Ok(mut tree), Ok(glossary), Ok(rules), Ok(tera)) => {
            if glossary.is_some() {
                tree.add_generated(glossary_page(&glossary_file));
            }
            Ok(Loaded {
                config,
                tree,
                glossary: glossary.unwrap_or_default(),
                rules,
                tera,
            })
        }
        (config, tree, glossary, rules, tera) => {
            let mut errors = Vec::new();
            errors.extend(config.err().unwrap_or_default());
            errors.extend(tree.err().unwrap_or_default());
            errors.extend(glossary.err().unwrap_or_default());
            errors.extend(rules.err().unwrap_or_default());
            errors.extend(tera.err().unwrap_or_default());
            Err(errors)
        }
    }
}

/// The glossary page when no `content/glossary.md` provides one: last in the menu.
fn glossary_page(glossary_file: &str) -> Page {
    Page {
        shown_as: glossary_file.to_string(),
        path: GLOSSARY_PATH.to_string(),
        is_section: false,
        parent: Some(String::new()),
        front: FrontMatter {
            title: "용어 사전".to_string(),
            order: Some(i64::MAX - 1),
            description: Some("공고문에 나오는 용어와 약어 풀이".to_string()),
            template: None,
        },
        body: String::new(),
        body_line: 1,
    }
}

/// Load, render and validate into memory.
pub fn render_site(root: &Path, base_path: &str) -> BuildResult<RenderedSite> {
    let loaded = load_all(root)?;
    let (mut files, urls) = assets::collect(root, &loaded.rules.rules)?;
    files.extend(loaded.tree.assets.iter().map(|asset| OutputFile {
        path: asset.out.clone(),
        data: FileData::CopyFrom(asset.source.clone()),
    }));
    let matcher = TermMatcher::new(&loaded.glossary);
    let glossary_file = shown_path(root, Path::new("content/glossary.toml"));
    let banner = crate::banner::windows(&loaded.rules.rules);
    let inputs = RenderInputs {
        config: &loaded.config,
        tree: &loaded.tree,
        tera: &loaded.tera,
        glossary: &loaded.glossary,
        matcher: matcher.as_ref(),
        assets: &urls,
        rules: &loaded.rules.rules,
        banner: &banner,
        glossary_file: &glossary_file,
    };
    let pages = render::render_pages(&inputs)?;
    let not_found = render::render_not_found(&inputs, base_path).map_err(|e| vec![e])?;
    files.push(OutputFile {
        path: "404.html".to_string(),
        data: FileData::Owned(not_found.into_bytes()),
    });
    files.push(OutputFile {
        path: "sitemap.xml".to_string(),
        data: FileData::Owned(render::sitemap(&loaded.tree, base_path).into_bytes()),
    });
    validate_site(&pages, &files, &loaded.rules)?;
    Ok(RenderedSite { pages, files })
}

/// Link and citation checks over the rendered pages.
fn validate_site(pages: &[HtmlPage], files: &[OutputFile], rules: &LoadedRules) -> BuildResult<()> {
    let to_check: Vec<PageToCheck> = pages
        .iter()
        .map(|page| PageToCheck {
            out_path: &page.out_path,
            source: &page.source,
            html: &page.html,
            link_lines: &page.link_lines,
        })
        .collect();
    let other_files: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let (ids, mut errors) = validate::check_links(&to_check, &other_files);
    errors.extend(check_cites(rules, &ids));
    if errors.is_empty() {
        Ok(())
    } else {
        errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        errors.dedup();
        Err(errors)
    }
}

/// Every `cite = "page#anchor"` in the rules must name an existing page and id.
fn check_cites(rules: &LoadedRules, ids: &HashMap<String, HashSet<String>>) -> Vec<BuildError> {
    rules
        .cites
        .iter()
        .filter_map(|cite| {
            let (page, anchor) = af_engine::cite::split(&cite.cite);
            let problem = match ids.get(&format!("{}index.html", url_of(page))) {
                None => Some(format!("페이지 {page}가 없습니다")),
                Some(set) => match anchor {
                    Some(anchor) if !set.contains(anchor) => {
                        Some(format!("{page} 페이지에 #{anchor}가 없습니다"))
                    }
                    _ => None,
                },
            }?;
            Some(BuildError::at(
                &cite.file,
                cite.line,
                format!(
                    "{}: cite \"{}\" does not resolve ({problem})",
                    cite.key, cite.cite
                ),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalized() {
        assert_eq!(normalize_base_path("").as_deref(), Ok("/"));
        assert_eq!(normalize_base_path("/").as_deref(), Ok("/"));
        assert_eq!(normalize_base_path("sub/path").as_deref(), Ok("/sub/path/"));
        assert_eq!(normalize_base_path("/af/").as_deref(), Ok("/af/"));
        assert!(normalize_base_path("/a\"b/").is_err());
    }
}
