//! Load stage: walks `content/` into pages and sections (skipping `rules/`), checking the structure.
use crate::error::{BuildError, BuildResult};
use crate::front_matter::{self, FrontMatter};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Files in `content/` that are settings or data, not pages or assets to publish.
const DATA_FILES: [&str; 2] = ["site.toml", "glossary.toml"];
const RULES_DIR: &str = "rules";

/// One Markdown page (a section's `_index.md` or an ordinary page).
#[derive(Debug, Clone)]
pub struct Page {
    /// Path shown in errors (e.g. `content/notice/01-overview.md`).
    pub shown_as: String,
    /// Content path used in links and citations: `notice/01-overview`, `notice`, `` (home).
    pub path: String,
    /// True for `_index.md`: the page of a section, which lists its children.
    pub is_section: bool,
    /// Path of the section holding this page (`None` only for the home page).
    pub parent: Option<String>,
    pub front: FrontMatter,
    pub body: String,
    /// File line on which `body` starts.
    pub body_line: usize,
}

impl Page {
    /// Published URL relative to the site root: `` for home, else `path/`.
    pub fn url(&self) -> String {
        url_of(&self.path)
    }

    /// Number of folders between the site root and this page's `index.html`.
    pub fn depth(&self) -> usize {
        depth_of(&self.path)
    }

    /// Sort key within a section: explicit order first, then the path.
    pub fn sort_key(&self) -> (i64, &str) {
        (self.front.order.unwrap_or(i64::MAX), &self.path)
    }
}

/// URL (relative to the site root) of the page at a content path.
pub fn url_of(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    }
}

/// Folder depth of the page at a content path (home is 0).
pub fn depth_of(path: &str) -> usize {
    if path.is_empty() {
        0
    } else {
        path.split('/').count()
    }
}

/// `../` once per folder level: the prefix that turns a root-relative URL into a page-relative one.
pub fn root_prefix(depth: usize) -> String {
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

/// A non-Markdown file in `content/` published next to the pages (e.g. an image).
#[derive(Debug, Clone)]
pub struct ContentAsset {
    pub source: PathBuf,
    /// Output path relative to the site root.
    pub out: String,
}

/// Every page, indexed by content path, with each section's children in order.
#[derive(Debug, Default)]
pub struct ContentTree {
    pub pages: Vec<Page>,
    pub by_path: HashMap<String, usize>,
    /// Section path → indices of its child pages and subsections, in display order.
    pub children: HashMap<String, Vec<usize>>,
    pub assets: Vec<ContentAsset>,
}

impl ContentTree {
    pub fn get(&self, path: &str) -> Option<&Page> {
        self.by_path.get(path).map(|&i| &self.pages[i])
    }

    /// The children of a section, in order.
    pub fn children_of(&self, section: &str) -> impl Iterator<Item = &Page> {
        self.children
            .get(section)
            .into_iter()
            .flatten()
            .map(|&i| &self.pages[i])
    }

    /// Adds a page built by the builder itself (e.g. the glossary when no file provides it).
    pub fn add_generated(&mut self, page: Page) {
        if self.by_path.contains_key(&page.path) {
            return;
        }
        let index = self.pages.len();
        self.by_path.insert(page.path.clone(), index);
        if let Some(parent) = &page.parent {
            self.children.entry(parent.clone()).or_default().push(index);
        }
        self.pages.push(page);
        self.sort_children();
    }

    fn sort_children(&mut self) {
        let pages = &self.pages;
        for list in self.children.values_mut() {
            list.sort_by(|&a, &b| pages[a].sort_key().cmp(&pages[b].sort_key()));
        }
    }
}

/// Shows paths relative to the working directory: `content/…` when the root is `.`.
pub fn shown_path(root: &Path, rel: &Path) -> String {
    let joined = if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    };
    joined.to_string_lossy().replace('\\', "/")
}

/// Loads every page under `root/content`.
pub fn load(root: &Path) -> BuildResult<ContentTree> {
    let content_dir = root.join("content");
    let (md_files, assets) = walk(root, &content_dir)?;
    let parsed: Vec<Result<Page, BuildError>> = md_files
        .par_iter()
        .map(|rel| read_page(root, rel))
        .collect();
    let mut errors = Vec::new();
    let mut pages = Vec::with_capacity(parsed.len());
    for result in parsed {
        match result {
            Ok(page) => pages.push(page),
            Err(err) => errors.push(err),
        }
    }
    let tree = index(pages, assets, &mut errors);
    if errors.is_empty() {
        Ok(tree)
    } else {
        Err(errors)
    }
}

/// Markdown files (relative to `root`, under `content/`) and other publishable files.
fn walk(root: &Path, content_dir: &Path) -> BuildResult<(Vec<PathBuf>, Vec<ContentAsset>)> {
    let mut md_files = Vec::new();
    let mut assets = Vec::new();
    let mut errors = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let is_rules = entry.depth() == 1 && entry.file_type().is_dir() && name == RULES_DIR;
            let hidden = entry.depth() > 0 && name.starts_with('.');
            !is_rules && !hidden
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let at = err.path().unwrap_or(content_dir);
                errors.push(BuildError::in_file(
                    shown_path(Path::new("."), at),
                    format!("읽을 수 없습니다: {err}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if name.ends_with('~') || (entry.depth() == 1 && DATA_FILES.contains(&name.as_ref())) {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if name.ends_with(".md") {
            md_files.push(rel.to_path_buf());
        } else if let Ok(inside) = entry.path().strip_prefix(content_dir) {
            assets.push(ContentAsset {
                source: entry.path().to_path_buf(),
                out: inside.to_string_lossy().replace('\\', "/"),
            });
        }
    }
    if errors.is_empty() {
        Ok((md_files, assets))
    } else {
        Err(errors)
    }
}

fn read_page(root: &Path, rel: &Path) -> Result<Page, BuildError> {
    let shown_as = shown_path(root, rel);
    let text = crate::error::read_text(&root.join(rel), &shown_as)?;
    let split = front_matter::split(&text)
        .map_err(|err| BuildError::at(&shown_as, err.line, err.message))?;
    let (path, is_section) = content_path(rel);
    let parent = parent_section(&path, is_section);
    Ok(Page {
        shown_as,
        path,
        is_section,
        parent,
        front: split.front,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

/// `content/notice/01-overview.md` → (`notice/01-overview`, false); `content/notice/_index.md` → (`notice`, true).
fn content_path(rel: &Path) -> (String, bool) {
    let inside = rel.strip_prefix("content").unwrap_or(rel);
    let text = inside.to_string_lossy().replace('\\', "/");
    let without_ext = text.strip_suffix(".md").unwrap_or(&text);
    match without_ext.strip_suffix("_index") {
        Some(dir) => (dir.trim_end_matches('/').to_string(), true),
        None => (without_ext.to_string(), false),
    }
}

/// The section (folder) a page belongs to; a section's own parent is the folder above.
fn parent_section(path: &str, is_section: bool) -> Option<String> {
    if is_section && path.is_empty() {
        return None;
    }
    Some(match path.rfind('/') {
        Some(slash) => path[..slash].to_string(),
        None => String::new(),
    })
}

/// Indexes pages by path, checking duplicates and that every page's folder is a section.
fn index(pages: Vec<Page>, assets: Vec<ContentAsset>, errors: &mut Vec<BuildError>) -> ContentTree {
    let mut tree = ContentTree {
        assets,
        ..ContentTree::default()
    };
    let sections: HashSet<&str> = pages
        .iter()
        .filter(|p| p.is_section)
        .map(|p| p.path.as_str())
        .collect();
    let mut unknown = Vec::new();
    for page in &pages {
        if let Some(parent) = &page.parent {
            if !sections.contains(parent.as_str()) {
                let folder = if parent.is_empty() {
                    "content/".to_string()
                } else {
                    format!("content/{parent}/")
                };
                unknown.push(BuildError::in_file(
                    &page.shown_as,
                    format!("알 수 없는 섹션입니다: 폴더 {folder}에 _index.md가 없습니다"),
                ));
            }
        }
    }
    errors.extend(unknown);
    for page in pages {
        if let Some(&existing) = tree.by_path.get(&page.path) {
            let other: &Page = &tree.pages[existing];
            errors.push(BuildError::in_file(
                &page.shown_as,
                format!(
                    "출력 경로가 겹칩니다: {}와 같은 주소({})로 발행됩니다",
                    other.shown_as,
                    display_url(&page.path)
                ),
            ));
            continue;
        }
        let index = tree.pages.len();
        tree.by_path.insert(page.path.clone(), index);
        if let Some(parent) = &page.parent {
            tree.children.entry(parent.clone()).or_default().push(index);
        }
        tree.pages.push(page);
    }
    tree.sort_children();
    tree
}

fn display_url(path: &str) -> String {
    format!("/{}", url_of(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_paths_follow_the_authoring_convention() {
        assert_eq!(
            content_path(Path::new("content/notice/01-overview.md")),
            ("notice/01-overview".to_string(), false)
        );
        assert_eq!(
            content_path(Path::new("content/notice/_index.md")),
            ("notice".to_string(), true)
        );
        assert_eq!(
            content_path(Path::new("content/_index.md")),
            (String::new(), true)
        );
    }

    #[test]
    fn parents_and_depths() {
        assert_eq!(parent_section("notice/a", false), Some("notice".into()));
        assert_eq!(parent_section("notice", true), Some(String::new()));
        assert_eq!(parent_section("", true), None);
        assert_eq!(depth_of("notice/a"), 2);
        assert_eq!(root_prefix(0), "./");
        assert_eq!(root_prefix(2), "../../");
    }
}
