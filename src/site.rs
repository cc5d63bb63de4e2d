//! The pipeline, end to end: load → render → validate → write.
use crate::assets::{self, FileData, OutputFile};
use crate::content::{self, shown_path, url_of, ContentTree};
use crate::error::{BuildError, BuildResult};
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
    /// URL path the site is served under; used only by `404.html`. When it is `/` and a base URL
    /// is known, the base URL's path is used.
    pub base_path: String,
    /// Overrides `base_url` of `content/site.toml` (`--base-url`).
    pub base_url: Option<String>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        Self {
            root: PathBuf::from("."),
            out: PathBuf::from("public"),
            base_path: "/".to_string(),
            base_url: None,
        }
    }
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub elapsed: Duration,
    /// Things the author should know that are not errors (said after the summary).
    pub notes: Vec<String>,
}

/// The whole site in memory, validated, not yet written.
#[derive(Debug)]
pub struct RenderedSite {
    pub pages: Vec<HtmlPage>,
    pub files: Vec<OutputFile>,
    pub notes: Vec<String>,
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
    let target = crate::output::prepare(&options.root, &options.out).map_err(|e| vec![e])?;
    let site = render_site_with(
        &options.root,
        &options.base_path,
        options.base_url.as_deref(),
    )?;
    crate::output::write_site(&target, &site.pages, &site.files).map_err(|e| vec![e])?;
    Ok(BuildReport {
        pages: site.pages.len(),
        files: site.pages.len() + site.files.len(),
        elapsed: started.elapsed(),
        notes: site.notes,
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
        notes: Vec::new(),
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
        (Ok(config), Ok(tree), Ok(glossary), Ok(rules), Ok(tera)) => {
            if glossary.is_some() && tree.get(GLOSSARY_PATH).is_none() {
                return Err(vec![BuildError::in_file(
                    &glossary_file,
                    format!(
                        "용어 사전 페이지가 없습니다: content/{GLOSSARY_PATH}.md에 제목과 소개를 적고 \
                         template = \"glossary.html\"로 두세요"
                    ),
                )]);
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

/// Load, render and validate into memory.
pub fn render_site(root: &Path, base_path: &str) -> BuildResult<RenderedSite> {
    render_site_with(root, base_path, None)
}

/// [`render_site`] with the site's public address given on the command line (`--base-url`).
pub fn render_site_with(
    root: &Path,
    base_path: &str,
    base_url: Option<&str>,
) -> BuildResult<RenderedSite> {
    let mut loaded = load_all(root)?;
    if let Some(raw) = base_url {
        let url = site_config::normalize_base_url(raw)
            .map_err(|message| vec![BuildError::in_file("--base-url", message)])?;
        loaded.config.base_url = Some(url);
    }
    let base_path = match &loaded.config.base_url {
        Some(url) if base_path == "/" => site_config::path_of_base_url(url).to_string(),
        _ => base_path.to_string(),
    };
    let base_path = base_path.as_str();
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
    let with_examples = |mut errors: Vec<BuildError>| {
        errors.extend(loaded.rules.example_failures.iter().cloned());
        errors
    };
    let pages = render::render_pages(&inputs).map_err(with_examples)?;
    let not_found =
        render::render_not_found(&inputs, base_path).map_err(|e| with_examples(vec![e]))?;
    files.push(OutputFile {
        path: "404.html".to_string(),
        data: FileData::Owned(not_found.into_bytes()),
    });
    files.push(OutputFile {
        path: "_headers".to_string(),
        data: FileData::Owned(crate::headers::netlify_headers().into_bytes()),
    });
    files.push(OutputFile {
        path: ".htaccess".to_string(),
        data: FileData::Owned(crate::headers::htaccess().into_bytes()),
    });
    let mut notes = Vec::new();
    match &loaded.config.base_url {
        Some(base_url) => files.extend(crawler_files(&loaded.tree, base_url)),
        None => notes.push(
            "안내: 사이트 주소(base_url)가 없어 sitemap.xml, robots.txt, canonical 링크, Open Graph 주소를 \
             넣지 않았습니다. content/site.toml에 base_url을 적거나 --base-url을 주세요"
                .to_string(),
        ),
    }
    let mut errors = check_collisions(&pages, &files);
    errors.extend(
        validate_site(&pages, &files, &loaded.rules)
            .err()
            .unwrap_or_default(),
    );
    errors.extend(loaded.rules.example_failures.iter().cloned());
    if errors.is_empty() {
        Ok(RenderedSite {
            pages,
            files,
            notes,
        })
    } else {
        Err(errors)
    }
}

/// `sitemap.xml` with absolute URLs (the sitemap protocol requires them) and a `robots.txt`
/// naming it. Search engines read robots.txt only at the host root: copy it there when the site
/// lives under a sub-path.
fn crawler_files(tree: &ContentTree, base_url: &str) -> [OutputFile; 2] {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut paths: Vec<&str> = tree.pages.iter().map(|p| p.path.as_str()).collect();
    paths.sort_unstable();
    for path in paths {
        let mut loc = String::new();
        let _ =
            pulldown_cmark_escape::escape_html(&mut loc, &format!("{base_url}{}", url_of(path)));
        xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    let robots = format!("User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n");
    [
        OutputFile {
            path: "sitemap.xml".to_string(),
            data: FileData::Owned(xml.into_bytes()),
        },
        OutputFile {
            path: "robots.txt".to_string(),
            data: FileData::Owned(robots.into_bytes()),
        },
    ]
}

/// Two sources for one output path (a page, a content asset, a static file, a generated file),
/// or a file where another output needs a folder: the winner would depend on write order.
fn check_collisions(pages: &[HtmlPage], files: &[OutputFile]) -> Vec<BuildError> {
    let source_of = |file: &OutputFile| match &file.data {
        FileData::CopyFrom(source) => source.to_string_lossy().replace('\\', "/"),
        FileData::Owned(_) | FileData::Embedded(_) => {
            format!("afsite가 만드는 파일 {}", file.path)
        }
    };
    let outputs: Vec<(&str, String)> = pages
        .iter()
        .map(|page| (page.out_path.as_str(), page.source.clone()))
        .chain(
            files
                .iter()
                .map(|file| (file.path.as_str(), source_of(file))),
        )
        .collect();
    let mut first: HashMap<&str, &str> = HashMap::with_capacity(outputs.len());
    let mut errors = Vec::new();
    for (path, source) in &outputs {
        match first.get(path) {
            Some(earlier) => errors.push(BuildError::in_file(
                source.as_str(),
                format!("출력 경로 {path}가 {earlier}와 겹칩니다. 둘 중 하나의 이름이나 위치를 바꾸세요"),
            )),
            None => {
                first.insert(path, source);
            }
        }
    }
    for (path, source) in &outputs {
        for (slash, _) in path.match_indices('/') {
            if let Some(file_source) = first.get(&path[..slash]) {
                errors.push(BuildError::in_file(
                    source.as_str(),
                    format!(
                        "출력 경로 {path}에 폴더가 필요한데 {file_source}가 같은 이름의 파일 {}을(를) 만듭니다",
                        &path[..slash]
                    ),
                ));
            }
        }
    }
    errors
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
            let (page, anchor) = match cite.cite.split_once('#') {
                Some((page, anchor)) => (page, Some(anchor)),
                None => (cite.cite.as_str(), None),
            };
            let page = page.trim_matches('/');
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
