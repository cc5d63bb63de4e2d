//! Builds the bundled content and checks the published site against the spec: every page of the
//! notice, accessible tables, heading ids, working relative links, no third-party requests,
//! and every figure of the notice visible somewhere on the site.
#[path = "fixtures/support.rs"]
mod support;

use afsite::{build_site, BuildOptions};
use regex::Regex;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;
use support::{files_with_ext, repo_root};

/// The bundled site, built once for all tests in this file (under a sub-path, to prove relativity).
fn built() -> &'static (tempfile::TempDir, Vec<(String, String)>) {
    static SITE: OnceLock<(tempfile::TempDir, Vec<(String, String)>)> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = tempfile::tempdir().expect("tempdir");
        let options = BuildOptions {
            root: repo_root(),
            out: out.path().join("site"),
            base_path: "/some/sub/path/".to_string(),
            base_url: Some("https://example.go.kr/some/sub/path".to_string()),
        };
        if let Err(errors) = build_site(&options) {
            let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("bundled content does not build:\n{}", listed.join("\n"));
        }
        let pages = files_with_ext(&out.path().join("site"), "html");
        (out, pages)
    })
}

fn site_dir() -> &'static Path {
    built().0.path()
}

/// Pages other than 404.html (the one page allowed to use the base path).
fn pages() -> impl Iterator<Item = &'static (String, String)> {
    built().1.iter().filter(|(path, _)| path != "404.html")
}

#[test]
fn every_chapter_annex_and_section_page_exists() {
    let out = site_dir().join("site");
    let mut expected: Vec<String> = vec!["index.html".into(), "glossary/index.html".into()];
    for section in ["notice", "guide", "cases", "tools"] {
        expected.push(format!("{section}/index.html"));
    }
    for n in 1..=6 {
        expected.push(format!("notice/annex-{n}/index.html"));
    }
    for n in 1..=5 {
        expected.push(format!("guide/level-{n}/index.html"));
    }
    for n in 1..=3 {
        expected.push(format!("cases/case-{n}/index.html"));
    }
    for tool in ["eligibility", "budget", "score", "self-assessment"] {
        expected.push(format!("tools/{tool}/index.html"));
    }
    let missing: Vec<&String> = expected.iter().filter(|p| !out.join(p).is_file()).collect();
    assert!(missing.is_empty(), "missing pages: {missing:?}");
    let notice = std::fs::read_dir(out.join("notice")).expect("notice folder");
    let chapters: BTreeSet<String> = notice
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.len() > 3 && name.as_bytes()[0].is_ascii_digit())
        .map(|name| name[..2].to_string())
        .collect();
    let wanted: BTreeSet<String> = (1..=8).map(|n| format!("{n:02}")).collect();
    assert_eq!(chapters, wanted, "notice chapters 01–08");
}

#[test]
fn every_table_has_a_caption_and_scoped_headers() {
    let table = Regex::new(r"(?s)<table\b.*?</table>").expect("regex");
    let unscoped = Regex::new(r"<th(\s[^>]*)?>").expect("regex");
    let mut notice_tables = 0;
    for (path, html) in pages() {
        for found in table.find_iter(html) {
            let t = found.as_str();
            assert!(
                t.contains("<caption"),
                "{path}: table without caption: {}",
                &t[..t.len().min(200)]
            );
            assert!(
                t.contains("<th scope="),
                "{path}: table without scoped headers: {}",
                &t[..t.len().min(200)]
            );
            for th in unscoped.find_iter(t) {
                assert!(
                    th.as_str().contains("scope="),
                    "{path}: {} has no scope",
                    th.as_str()
                );
            }
            if path.starts_with("notice/") {
                notice_tables += 1;
            }
        }
    }
    assert!(
        notice_tables > 20,
        "only {notice_tables} tables on the notice pages"
    );
}

#[test]
fn every_heading_has_an_id_and_each_page_one_h1() {
    let heading = Regex::new(r"<h([1-6])(\s[^>]*)?>").expect("regex");
    for (path, html) in pages() {
        let mut h1 = 0;
        for found in heading.captures_iter(html) {
            let level = &found[1];
            let attrs = found.get(2).map_or("", |m| m.as_str());
            if level == "1" {
                h1 += 1;
            } else {
                assert!(
                    attrs.contains("id=\""),
                    "{path}: heading without id: {}",
                    &found[0]
                );
            }
        }
        assert_eq!(h1, 1, "{path} must have exactly one h1");
        assert!(html.contains("<html lang=\"ko\">"), "{path}: lang=ko");
        assert!(html.contains("<main id=\"main\""), "{path}: main landmark");
    }
}

/// (page, attribute value) for every href/src in the pages.
fn references() -> Vec<(&'static str, String)> {
    let attr = Regex::new(r#"\s(?:href|src)="([^"]*)""#).expect("regex");
    let mut refs = Vec::new();
    for (path, html) in pages() {
        for found in attr.captures_iter(html) {
            refs.push((
                path.as_str(),
                html_escape::decode_html_entities(&found[1]).into_owned(),
            ));
        }
    }
    refs
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let out = site_dir().join("site");
    let id = Regex::new(r#"\sid="([^"]*)""#).expect("regex");
    let ids: HashMap<&str, HashSet<String>> = pages()
        .map(|(path, html)| {
            let set = id
                .captures_iter(html)
                .map(|c| html_escape::decode_html_entities(&c[1]).into_owned())
                .collect();
            (path.as_str(), set)
        })
        .collect();
    let mut broken = Vec::new();
    for (page, url) in references() {
        if url.contains(':') || url.starts_with("//") {
            continue;
        }
        let (path, fragment) = url.split_once('#').unwrap_or((&url, ""));
        let base = Path::new(page).parent().unwrap_or(Path::new(""));
        let mut target = base.join(path);
        if path.is_empty() {
            target = Path::new(page).to_path_buf();
        } else if path.ends_with('/') || path == "." {
            target = target.join("index.html");
        }
        let normal = normalize(&target);
        if !out.join(&normal).is_file() {
            broken.push(format!("{page}: {url} (no file {normal})"));
            continue;
        }
        if !fragment.is_empty() {
            let found = ids
                .get(normal.as_str())
                .is_some_and(|set| set.contains(fragment));
            if !found {
                broken.push(format!("{page}: {url} (no #{fragment} in {normal})"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// Resolves `.` and `..` without touching the disk.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                assert!(
                    parts.pop().is_some(),
                    "link climbs above the site root: {}",
                    path.display()
                );
            }
            std::path::Component::Normal(name) => parts.push(name.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn internal_urls_are_relative_and_only_404_uses_the_base_path() {
    for (page, url) in references() {
        assert!(
            !url.starts_with('/'),
            "{page}: absolute URL {url} (only 404.html may use the base path)"
        );
    }
    let not_found = built()
        .1
        .iter()
        .find(|(p, _)| p == "404.html")
        .expect("404.html");
    assert!(
        not_found.1.contains("href=\"/some/sub/path/"),
        "404 links use the base path"
    );
    let sitemap = std::fs::read_to_string(site_dir().join("site/sitemap.xml")).expect("sitemap");
    assert!(
        sitemap.contains("<loc>https://example.go.kr/some/sub/path/notice/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn no_third_party_requests() {
    let out = site_dir().join("site");
    let src = Regex::new(r#"\ssrc="(https?:)?//"#).expect("regex");
    let link = Regex::new(r#"<link\b[^>]*\shref="(https?:)?//"#).expect("regex");
    let css_url = Regex::new(r#"url\(\s*['"]?(https?:)?//"#).expect("regex");
    for (path, html) in &built().1 {
        assert!(!src.is_match(html), "{path}: external src");
        // `rel="canonical"` names the page's own public address; browsers do not fetch it.
        let fetched = link
            .find_iter(html)
            .any(|m| !m.as_str().starts_with("<link rel=\"canonical\""));
        assert!(!fetched, "{path}: external <link href>");
        assert!(
            !css_url.is_match(html),
            "{path}: external url() in inline CSS"
        );
    }
    for (path, css) in files_with_ext(&out, "css") {
        assert!(!css_url.is_match(&css), "{path}: external url()");
        assert!(!css.contains("@import"), "{path}: @import");
    }
}

/// Visible text: scripts and styles removed, inline tags dropped, block tags turned into spaces,
/// entities decoded, whitespace collapsed.
fn visible_text(html: &str) -> String {
    let scripts = Regex::new(r"(?is)<(script|style)\b.*?</(script|style)>").expect("regex");
    let inline =
        Regex::new(r"(?i)</?(a|strong|b|em|i|span|code|sup|sub|abbr|mark|small|s|del|u)\b[^>]*>")
            .expect("regex");
    let tags = Regex::new(r"<[^>]*>").expect("regex");
    let text = scripts.replace_all(html, " ");
    let text = inline.replace_all(&text, "");
    let text = tags.replace_all(&text, " ");
    normalize_space(&html_escape::decode_html_entities(&text))
}

fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Figures of the notice: digit runs with separators and attached units, joined across spaces
/// when several make one figure (`4월 27일`, `1,182천원`, `12%이상`, `044-300-0952`).
fn notice_figures(notice: &str) -> BTreeSet<String> {
    let figure = Regex::new(r"\d+(?:[,.:\-]\d+)*%?[가-힣]*(?:\s\d+(?:[,.:\-]\d+)*%?[가-힣]+)*")
        .expect("regex");
    figure
        .find_iter(notice)
        .map(|m| normalize_space(m.as_str()))
        .collect()
}

#[test]
fn every_figure_of_the_notice_appears_on_the_site() {
    let source = repo_root().join("../shared/source/notice-2026-autonomous-factory-2nd-call.txt");
    let notice = std::fs::read_to_string(&source).unwrap_or_else(|err| {
        panic!(
            "the notice text is needed for this test but could not be read at {}: {err}",
            source.display()
        )
    });
    let figures = notice_figures(&normalize_space(&notice));
    assert!(
        figures.len() > 100,
        "only {} figures found: the regex is wrong",
        figures.len()
    );
    let site_text: String = built()
        .1
        .iter()
        .map(|(_, html)| visible_text(html))
        .collect::<Vec<_>>()
        .join(" ");
    let missing: Vec<&String> = figures
        .iter()
        .filter(|f| !site_text.contains(f.as_str()))
        .collect();
    println!(
        "{} distinct figures in the notice, e.g. {:?}",
        figures.len(),
        figures.iter().rev().take(8).collect::<Vec<_>>()
    );
    if !missing.is_empty() {
        println!(
            "{} of {} figures missing from the site:",
            missing.len(),
            figures.len()
        );
        for figure in &missing {
            println!("  {figure}");
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} figures of the notice are not on the site (listed above): {:?}",
        missing.len(),
        figures.len(),
        missing
    );
}

#[test]
fn figure_regex_finds_the_documented_shapes() {
    let found = notice_figures("금액 1,182천원 및 '26년 4월 27일, 12%이상 문의 044-300-0952");
    for wanted in ["1,182천원", "26년 4월 27일", "12%이상", "044-300-0952"] {
        assert!(found.contains(wanted), "{wanted} not in {found:?}");
    }
}
