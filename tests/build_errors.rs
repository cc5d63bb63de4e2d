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
    // home, notice section, overview, glossary
    assert_eq!(report.pages, 4);
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

#[test]
fn a_glossary_without_its_page_is_an_error_naming_the_page_to_write() {
    let site = minimal_site();
    std::fs::remove_file(site.path().join("content/glossary.md")).expect("remove");
    let errors = check_site(site.path()).expect_err("glossary page missing");
    find(&errors, "content/glossary.toml", "content/glossary.md");
}

#[test]
fn the_404_page_wording_comes_from_site_toml() {
    let site = minimal_site();
    let out = site.path().join("out");
    let options = afsite::BuildOptions {
        root: site.path().to_path_buf(),
        out: out.clone(),
        base_path: "/".to_string(),
        base_url: None,
    };
    afsite::build_site(&options).unwrap_or_else(|errors| panic!("{errors:#?}"));
    let html = std::fs::read_to_string(out.join("404.html")).expect("404.html");
    for text in ["없는 페이지", "주소를 확인하세요.", "처음으로"] {
        assert!(html.contains(text), "404.html lacks {text:?}");
    }
    let config = std::fs::read_to_string(site.path().join("content/site.toml")).expect("site");
    let without = config
        .split("[not_found]")
        .next()
        .expect("before the table")
        .to_string();
    write(site.path(), "content/site.toml", &without);
    let errors = check_site(site.path()).expect_err("no [not_found]");
    find(&errors, "content/site.toml", "not_found");
}

#[test]
fn static_file_at_a_page_path_names_both() {
    let site = minimal_site();
    write(
        site.path(),
        "static/notice/overview/index.html",
        "<p>정적</p>",
    );
    let errors = errors_of(site.path());
    let err = find(
        &errors,
        "static/notice/overview/index.html",
        "notice/overview/index.html",
    );
    assert!(err.message.contains("content/notice/overview.md"), "{err}");
}

#[test]
fn content_asset_and_static_file_at_one_path_name_both() {
    let site = minimal_site();
    write(site.path(), "content/notice/plan.pdf", "from content");
    write(site.path(), "static/notice/plan.pdf", "from static");
    let errors = errors_of(site.path());
    let err = errors
        .iter()
        .find(|e| e.message.contains("notice/plan.pdf") && e.message.contains("겹칩니다"))
        .unwrap_or_else(|| panic!("{errors:#?}"));
    let shown = err.to_string();
    assert!(shown.contains("content/notice/plan.pdf"), "{shown}");
    assert!(shown.contains("static/notice/plan.pdf"), "{shown}");
}

#[test]
fn a_static_file_where_a_page_needs_a_folder_is_reported() {
    let site = minimal_site();
    write(site.path(), "static/notice", "a file named like a section");
    let errors = errors_of(site.path());
    find(&errors, "content/notice/overview.md", "static/notice");
}

/// A broken cite whose worked example also fails: both are reported.
#[test]
fn a_cite_error_shows_even_when_an_example_fails() {
    let site = tempfile::tempdir().expect("tempdir");
    let repo = support::repo_root();
    for dir in ["content", "templates", "static"] {
        support::copy_dir(&repo.join(dir), &site.path().join(dir));
    }
    let rules = site.path().join("content/rules/small_business.toml");
    let text = std::fs::read_to_string(&rules).expect("bundled rules");
    let line = text
        .lines()
        .position(|l| l.contains("cite = \"notice/annex-6#small-business\""))
        .expect("the small-business cite");
    std::fs::write(
        &rules,
        text.replacen("annex-6#small-business\"", "annex-6#no-such-anchor\"", 1),
    )
    .expect("write rules");
    let examples = site
        .path()
        .join("content/rules/examples/small_business.toml");
    let text = std::fs::read_to_string(&examples).expect("bundled examples");
    std::fs::write(
        &examples,
        text.replacen("cloud_fee_years = 5", "cloud_fee_years = 4", 1),
    )
    .expect("write examples");
    let errors = errors_of(site.path());
    let cite = find(
        &errors,
        "content/rules/small_business.toml",
        "no-such-anchor",
    );
    assert_eq!(cite.line, Some(line + 1), "{cite}");
    find(
        &errors,
        "content/rules/examples/small_business.toml",
        "cloud_fee_years",
    );
}

/// Every error prints as exactly one `file:line: message` line.
fn one_line_at(errors: &[BuildError], file: &str, line: usize) -> String {
    let err = errors
        .iter()
        .find(|e| e.file.ends_with(file))
        .unwrap_or_else(|| panic!("no error about {file} in {errors:#?}"));
    let shown = err.to_string();
    assert_eq!(err.line, Some(line), "{shown}");
    assert!(!shown.contains('\n'), "more than one line: {shown:?}");
    assert!(shown.contains(&format!("{file}:{line}: ")), "{shown}");
    shown
}

#[test]
fn invalid_utf8_names_the_line() {
    let site = minimal_site();
    let path = site.path().join("content/notice/latin1.md");
    std::fs::write(&path, b"+++\ntitle = \"x\"\n+++\n\nabc\n\xc7\xd1\xb1\xdb\n").expect("write");
    let shown = one_line_at(&errors_of(site.path()), "content/notice/latin1.md", 6);
    assert!(shown.contains("UTF-8"), "{shown}");
    let rules = site.path().join("content/rules/budget.toml");
    std::fs::create_dir_all(rules.parent().expect("parent")).expect("mkdir");
    std::fs::write(&rules, b"# \xff\n").expect("write");
    one_line_at(&errors_of(site.path()), "content/rules/budget.toml", 1);
}

#[test]
fn image_and_raw_html_links_name_their_lines() {
    let site = minimal_site();
    write(
        site.path(),
        "content/notice/links.md",
        "+++\ntitle = \"링크\"\n+++\n\n문단\n\n![그림](missing.png)\n\n<p>\n<a href=\"gone/\">사라진 곳</a>\n</p>\n\n<img src='nope.svg' alt=''>\n",
    );
    let errors = errors_of(site.path());
    for (url, line) in [("missing.png", 7), ("gone/", 10), ("nope.svg", 13)] {
        let err = find(&errors, "content/notice/links.md", url);
        assert_eq!(err.line, Some(line), "{err}");
    }
}

#[test]
fn template_syntax_error_is_file_line_message() {
    let site = minimal_site();
    let path = site.path().join("templates/page.html");
    let mut text = std::fs::read_to_string(&path).expect("template");
    let line = text.lines().count() + 1;
    text.push_str("{% if %}\n");
    std::fs::write(&path, text).expect("write");
    let shown = one_line_at(&errors_of(site.path()), "templates/page.html", line);
    assert!(!shown.contains("-->"), "{shown}");
}

#[test]
fn toml_syntax_errors_are_one_line() {
    let site = minimal_site();
    write(
        site.path(),
        "content/rules/budget.toml",
        "# 사업비\n\nshare = = 50\n",
    );
    one_line_at(&errors_of(site.path()), "content/rules/budget.toml", 3);
    let config = site.path().join("content/site.toml");
    let mut text = std::fs::read_to_string(&config).expect("site.toml");
    let line = text.lines().count() + 1;
    text.push_str("title = = 1\n");
    std::fs::write(&config, text).expect("write");
    one_line_at(&errors_of(site.path()), "content/site.toml", line);
}
