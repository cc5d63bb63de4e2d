//! The one content test of the bundled program (2026 Autonomous Factory, 2nd call): its pages are
//! all there, the checks every built site must pass (tests/fixtures/site_checks.rs) hold on it,
//! every figure of the notice (content/rules/source/) is visible on the site, and no page calls a
//! working tool "준비 중". Its rule figures are tested by content/rules/examples/; the generator's
//! own tests run on fixture programs and assert none of this program's figures.
#[path = "fixtures/site_checks.rs"]
mod site_checks;
#[path = "fixtures/support.rs"]
mod support;

use afsite::{build_site, BuildOptions};
use regex::Regex;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;
use support::{files_with_ext, repo_root, stale_tool_status};

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

fn page_list() -> Vec<&'static (String, String)> {
    pages().collect()
}

#[test]
fn every_table_has_a_caption_and_scoped_headers() {
    let pages = page_list();
    let problems = site_checks::table_problems(&pages);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let notice_tables = pages
        .iter()
        .filter(|(path, _)| path.starts_with("notice/"))
        .map(|(_, html)| html.matches("<table").count())
        .sum::<usize>();
    assert!(
        notice_tables > 20,
        "only {notice_tables} tables on the notice pages"
    );
}

#[test]
fn every_heading_has_an_id_and_each_page_one_h1() {
    let problems = site_checks::heading_problems(&page_list());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let broken = site_checks::broken_links(&site_dir().join("site"), &page_list());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn internal_urls_are_relative_and_only_404_uses_the_base_path() {
    let absolute = site_checks::absolute_urls(&page_list());
    assert!(absolute.is_empty(), "{}", absolute.join("\n"));
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
    let all: Vec<&(String, String)> = built().1.iter().collect();
    let problems = site_checks::third_party_requests(&site_dir().join("site"), &all);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
    let source =
        repo_root().join("content/rules/source/notice-2026-autonomous-factory-2nd-call.txt");
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

#[test]
fn no_page_calls_a_working_tool_not_ready() {
    let pages = &built().1;
    let tools = pages
        .iter()
        .filter(|(_, html)| support::is_working_tool(html))
        .count();
    assert!(tools >= 4, "only {tools} working tool pages found");
    let stale = stale_tool_status(pages);
    assert!(stale.is_empty(), "stale tool status:\n{}", stale.join("\n"));
}
