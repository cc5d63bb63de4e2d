//! Each authoring mistake fails the build with `file:line: message` naming the problem.
#[path = "fixtures/support.rs"]
mod support;

use afsite::{check_site, BuildError};
use support::{minimal_site, write};

fn errors_of(root: &std::path::Path) -> Vec<BuildError> {
    match check_site(root) {
        Ok(report) => panic!(
            "expected errors, but the check passed ({} pages)",
            report.pages
        ),
        Err(errors) => errors,
    }
}

/// The one error about `file` whose message contains `needle`.
fn find<'a>(errors: &'a [BuildError], file: &str, needle: &str) -> &'a BuildError {
    errors
        .iter()
        .find(|e| e.file.ends_with(file) && e.message.contains(needle))
        .unwrap_or_else(|| panic!("no error about {file} containing {needle:?} in {errors:#?}"))
}

#[test]
fn the_minimal_fixture_is_valid() {
    let site = minimal_site();
    let report = check_site(site.path()).unwrap_or_else(|errors| panic!("{errors:#?}"));
    // home, notice section, overview, generated glossary, search page and all-sections list
    assert_eq!(report.pages, 6);
}

#[test]
fn malformed_front_matter_names_file_and_line() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/bad.md",
        "+++\ntitle = \"제목\"\norder = = 2\n+++\n본문\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/notice/bad.md", "front matter");
    assert_eq!(err.line, Some(3));
}

#[test]
fn missing_title_is_reported() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/bad.md",
        "+++\norder = 2\n+++\n본문\n",
    );
    let errors = errors_of(site.path());
    find(&errors, "content/notice/bad.md", "title");
}

#[test]
fn missing_template_names_the_page() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/odd.md",
        "+++\ntitle = \"이상한 페이지\"\ntemplate = \"nope.html\"\n+++\n본문\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/notice/odd.md", "nope.html");
    assert!(err.message.contains("템플릿"), "{err}");
}

#[test]
fn duplicate_output_path_names_both_files() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/overview/_index.md",
        "+++\ntitle = \"겹침\"\n+++\n",
    );
    let errors = errors_of(site.path());
    let err = errors
        .iter()
        .find(|e| e.message.contains("출력 경로가 겹칩니다"))
        .unwrap_or_else(|| panic!("{errors:#?}"));
    let both = format!("{err}");
    assert!(both.contains("content/notice/overview.md"), "{both}");
    assert!(both.contains("content/notice/overview/_index.md"), "{both}");
}

#[test]
fn page_outside_a_section_is_an_unknown_section() {
    let site = minimal_site();
    write(
        site.path(),
        "content/orphans/page.md",
        "+++\ntitle = \"고아\"\n+++\n본문\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/orphans/page.md", "알 수 없는 섹션");
    assert!(err.message.contains("content/orphans/"), "{err}");
}

#[test]
fn broken_internal_link_names_file_and_line() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/links.md",
        "+++\ntitle = \"링크\"\n+++\n\n첫 줄\n\n[없는 곳](@/notice/missing.md)\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/notice/links.md", "notice/missing.md");
    assert_eq!(err.line, Some(7));
}

#[test]
fn missing_anchor_names_file_and_line() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/links.md",
        "+++\ntitle = \"링크\"\n+++\n\n[개요](@/notice/overview.md#no-such-anchor)\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/notice/links.md", "no-such-anchor");
    assert_eq!(err.line, Some(5));
    assert!(err.message.contains("앵커"), "{err}");
}

#[test]
fn relative_link_to_a_missing_file_is_reported() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/links.md",
        "+++\ntitle = \"링크\"\n+++\n\n<a href=\"../nowhere/\">어디</a>\n",
    );
    let errors = errors_of(site.path());
    find(&errors, "content/notice/links.md", "../nowhere/");
}

#[test]
fn table_without_caption_names_file_and_line() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/table.md",
        "+++\ntitle = \"표\"\n+++\n\n설명 문단\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/notice/table.md", "캡션");
    assert_eq!(err.line, Some(7));
}

#[test]
fn raw_html_table_without_caption_is_reported() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/table.md",
        "+++\ntitle = \"표\"\n+++\n\n<div>\n<table>\n<tr><th scope=\"col\">a</th></tr>\n</table>\n</div>\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/notice/table.md", "<caption>");
    assert_eq!(err.line, Some(6));
}

#[test]
fn glossary_see_link_must_resolve() {
    let site = minimal_site();
    write(
        site.path(),
        "content/glossary.toml",
        "[[term]]\nid = \"ai\"\nterm = \"AI\"\ndefinition = \"d\"\n\n[[term]]\nid = \"dt\"\nterm = \"DT\"\ndefinition = \"d\"\nsee = \"@/nope.md\"\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/glossary.toml", "nope.md");
    assert_eq!(err.line, Some(7));
}

#[test]
fn all_problems_are_reported_together() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/a.md",
        "+++\ntitle = \"a\"\n+++\n[x](@/nope.md)\n",
    );
    write(site.path(), "content/notice/b.md", "no front matter\n");
    let errors = errors_of(site.path());
    find(&errors, "content/notice/b.md", "front matter");
    // Loading stops before rendering, so a.md's link is reported once b.md is fixed.
    write(
        site.path(),
        "content/notice/b.md",
        "+++\ntitle = \"b\"\n+++\n[y](@/nope2.md)\n",
    );
    let errors = errors_of(site.path());
    find(&errors, "content/notice/a.md", "nope.md");
    find(&errors, "content/notice/b.md", "nope2.md");
}

#[test]
fn rules_file_syntax_error_names_file_and_line() {
    let site = minimal_site();
    write(
        site.path(),
        "content/rules/budget.toml",
        "# 사업비\n\nshare = = 50\n",
    );
    let errors = errors_of(site.path());
    let err = find(&errors, "content/rules/budget.toml", "");
    assert_eq!(err.line, Some(3), "{err}");
}

#[test]
fn unknown_rules_file_is_reported() {
    let site = minimal_site();
    write(site.path(), "content/rules/nonsense.toml", "a = 1\n");
    let errors = errors_of(site.path());
    find(&errors, "content/rules/nonsense.toml", "nonsense");
}

/// The bundled content with one rule citation pointed at an anchor that does not exist.
#[test]
fn rule_citation_must_resolve_to_a_page_anchor() {
    let site = tempfile::tempdir().expect("tempdir");
    let repo = support::repo_root();
    for dir in ["content", "templates", "static"] {
        support::copy_dir(&repo.join(dir), &site.path().join(dir));
    }
    // The worked examples are the engine's business; this test is about citations only.
    let _ = std::fs::remove_dir_all(site.path().join("content/rules/examples"));
    let budget = site.path().join("content/rules/budget.toml");
    let text = std::fs::read_to_string(&budget).expect("bundled budget rules");
    let first_cite = text
        .lines()
        .position(|line| line.contains("cite = \""))
        .expect("budget.toml has a cite");
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| match line.split_once("= \"") {
            Some((key, _)) if i == first_cite => {
                format!("{key}= \"notice/06-cautions#no-such-anchor\"")
            }
            _ => line.to_string(),
        })
        .collect();
    std::fs::write(&budget, broken.join("\n") + "\n").expect("write rules");
    let errors = errors_of(site.path());
    let err = find(&errors, "content/rules/budget.toml", "does not resolve");
    assert_eq!(err.line, Some(first_cite + 1), "{err}");
    assert!(err.message.contains("no-such-anchor"), "{err}");
}
