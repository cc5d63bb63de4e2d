//! The generator on a second, different program (`tests/fixtures/ai-transition-2027`, a fictional
//! 2027 call): the same binary builds it from content alone, its pages and tools state its own
//! rules, and an agency's edit of a cap, share, fee tier, date or question wording — with its
//! worked examples updated — changes every page and tool answer that depends on it.
//! Nothing here asserts a figure of the bundled program.
#[path = "fixtures/site_checks.rs"]
mod site_checks;
#[path = "fixtures/support.rs"]
mod support;

use afsite::{build_site, check_site, BuildOptions};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use support::{copy_dir, files_with_ext, is_working_tool, repo_root, stale_tool_status, write};

const FIXTURE: &str = "tests/fixtures/ai-transition-2027";

fn fixture() -> PathBuf {
    repo_root().join(FIXTURE)
}

/// A private copy of the second program (content copied; templates and static from the repo).
fn copy_of_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture().join("content"), &dir.path().join("content"));
    copy_dir(
        &repo_root().join("templates"),
        &dir.path().join("templates"),
    );
    copy_dir(&repo_root().join("static"), &dir.path().join("static"));
    dir
}

/// Builds `root` under a sub-path and returns its HTML files as (path, text).
fn build(root: &Path, out: &Path) -> Vec<(String, String)> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        base_path: "/programs/ai-transition-2027/".to_string(),
        base_url: None,
    };
    if let Err(errors) = build_site(&options) {
        let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("{} does not build:\n{}", root.display(), listed.join("\n"));
    }
    files_with_ext(out, "html")
}

fn page<'a>(pages: &'a [(String, String)], path: &str) -> &'a str {
    pages
        .iter()
        .find(|(p, _)| p == path)
        .map(|(_, html)| html.as_str())
        .unwrap_or_else(|| panic!("no page {path}"))
}

/// `afsite eval TOOL FILE --root ROOT`, as the CLI runs it; returns the envelope.
fn eval(root: &Path, tool: &str, input: &Value) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("input.json");
    std::fs::write(&file, input.to_string()).expect("write input");
    let outcome = afsite::eval::run(root, tool, Some(file.to_str().expect("utf-8 path")))
        .unwrap_or_else(|errors| panic!("{errors:#?}"));
    serde_json::from_str(&outcome.json).expect("json")
}

fn result(root: &Path, tool: &str, input: &Value) -> Value {
    let envelope = eval(root, tool, input);
    assert_eq!(envelope["ok"], true, "{tool}: {envelope}");
    envelope["result"].clone()
}

#[test]
fn the_second_program_builds_from_its_folder_and_passes_check() {
    let report = check_site(&fixture()).unwrap_or_else(|errors| panic!("{errors:#?}"));
    assert!(report.pages >= 14, "{} pages", report.pages);
}

#[test]
fn its_pages_and_tool_pages_state_its_own_rules_and_wording() {
    let out = tempfile::tempdir().expect("tempdir");
    let pages = build(&fixture(), out.path());
    for path in [
        "index.html",
        "notice/index.html",
        "notice/overview/index.html",
        "notice/apply/index.html",
        "notice/budget/index.html",
        "notice/evaluation/index.html",
        "notice/levels/index.html",
        "notice/sme/index.html",
        "tools/index.html",
        "glossary/index.html",
        "404.html",
    ] {
        page(&pages, path);
    }
    for tool in ["eligibility", "budget", "score", "self-assessment"] {
        let html = page(&pages, &format!("tools/{tool}/index.html"));
        assert!(is_working_tool(html), "tools/{tool} has no working form");
    }
    let budget = page(&pages, "tools/budget/index.html");
    for figure in [
        "60% 이내",
        "연 2억 원 이내",
        "전체 4억 원 이내",
        "120만 원",
        "200만 원",
    ] {
        assert!(budget.contains(figure), "budget page lacks {figure:?}");
    }
    let eligibility = page(&pages, "tools/eligibility/index.html");
    for text in [
        "참여기업",
        "상시 근로자는 몇 명입니까?",
        "그렇다",
        "모르겠다",
    ] {
        assert!(
            eligibility.contains(text),
            "eligibility page lacks {text:?}"
        );
    }
    let assessment = page(&pages, "tools/self-assessment/index.html");
    assert!(assessment.contains("데이터 수집과 표준화"));
    assert!(assessment.contains("사람의 판단이 필요한 정도"));
    assert!(page(&pages, "glossary/index.html").contains("MLOps"));
    assert!(page(&pages, "404.html").contains("없는 주소입니다"));
    for (path, html) in &pages {
        if path != "404.html" {
            assert!(
                html.contains("2027-04-14 18:00"),
                "{path}: the application-window banner is not this program's"
            );
        }
    }
    let stale = stale_tool_status(&pages);
    assert!(stale.is_empty(), "{stale:?}");
    let all: Vec<&(String, String)> = pages.iter().collect();
    let without_404: Vec<&(String, String)> =
        pages.iter().filter(|(p, _)| p != "404.html").collect();
    let mut problems = site_checks::table_problems(&without_404);
    problems.extend(site_checks::heading_problems(&without_404));
    problems.extend(site_checks::broken_links(out.path(), &without_404));
    problems.extend(site_checks::absolute_urls(&without_404));
    problems.extend(site_checks::third_party_requests(out.path(), &all));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn its_tools_answer_by_its_rules_through_eval() {
    let root = fixture();
    let max = result(&root, "budget_max", &json!({ "years": 2 }));
    assert_eq!(max["overall"]["government"], 400_000_000); // 연 2억 × 2년
    assert_eq!(max["years"][0]["min_total"], 333_333_334); // 2억 ÷ 60 %, rounded up
    assert_eq!(max["settlement_fee"], 1_200_000); // 3억 초과 구간

    let plan = result(
        &root,
        "budget",
        &json!({ "years": [ { "government": "2억", "company_cash": "1억" } ] }),
    );
    assert_eq!(plan["breaches"][0]["rule"], "government_share"); // 2/3 > 60 %

    let answers = json!({ "sme_manufacturer": "yes", "basic_smart_factory": "yes",
        "employees": 9, "process_data": "yes", "closed": "no", "tax_arrears": "no" });
    let eligibility = result(
        &root,
        "eligibility",
        &json!({ "role": "adopter", "answers": answers }),
    );
    assert_eq!(eligibility["outcome"], "not_eligible"); // 10명 이상

    let window = result(
        &root,
        "application_window",
        &json!({ "now": "2027-04-14T18:00:00+09:00" }),
    );
    assert_eq!(window["windows"][0]["status"], "closed");

    let small = result(
        &root,
        "small_business",
        &json!({ "ksic": "C25", "average_revenue": "100억" }),
    );
    assert_eq!(small["cloud_fee_years"], 4);

    let score = result(
        &root,
        "score",
        &json!({ "items": { "sales_growth": { "rate": "15" } }, "direct_export": "no" }),
    );
    assert_eq!(score["items"][0]["points"], "5"); // 15%이상
}

/// Replaces `from` by `to` in a site file, insisting that `from` is there.
fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{rel} has no {from:?}");
    write(root, rel, &text.replace(from, to));
}

#[test]
fn an_agency_edit_of_rules_and_examples_changes_every_page_and_tool_answer() {
    let site = copy_of_fixture();
    let root = site.path();
    let before_dir = tempfile::tempdir().expect("tempdir");
    let before = build(root, before_dir.path());

    // The agency's edit: share 60 → 70 %, caps 2억/4억 → 2억 5천만/5억, top fee tier 120만 → 150만,
    // closing date 4월 14일 → 4월 21일, and a question reworded.
    let budget = "content/rules/budget.toml";
    edit(
        root,
        budget,
        "max_share_percent = 60",
        "max_share_percent = 70",
    );
    edit(
        root,
        budget,
        "max_per_year = 200000000",
        "max_per_year = 250000000",
    );
    edit(
        root,
        budget,
        "max_total = 400000000",
        "max_total = 500000000",
    );
    edit(root, budget, "fee = 1200000", "fee = 1500000");
    let schedule = "content/rules/schedule.toml";
    edit(root, schedule, "2027-04-14T18:00", "2027-04-21T18:00");
    let eligibility = "content/rules/eligibility.toml";
    edit(
        root,
        eligibility,
        "상시 근로자는 몇 명입니까?",
        "고용보험에 가입한 상시 근로자 수는?",
    );

    // Rules changed but not the worked examples: the build refuses, naming the examples.
    let errors = check_site(root).expect_err("stale worked examples must fail");
    let named: Vec<String> = errors.iter().map(ToString::to_string).collect();
    for file in ["examples/budget.toml", "examples/budget_max.toml"] {
        assert!(
            named.iter().any(|e| e.contains(file)),
            "{file} not named in {named:#?}"
        );
    }
    assert!(
        named.iter().any(|e| e.contains("application_window.toml")),
        "{named:#?}"
    );

    // The agency updates the worked examples to the new rules.
    let examples = "content/rules/examples/budget.toml";
    edit(root, examples, "cash = \"120만원\"", "cash = \"150만원\"");
    edit(root, examples, "amount = 1200000", "amount = 1500000");
    edit(
        root,
        examples,
        "government = \"2억\", company_cash = \"1억\"",
        "government = \"2억\", company_cash = \"8천만\"",
    );
    write(
        root,
        "content/rules/examples/budget_max.toml",
        r#"[[example]]
name = "2년: 정부출연금 5억원"
tool = "budget_max"
input = { years = 2 }
[example.expect]
overall = { government = 500000000, min_total = 714285716 }
years = [ { year = 1, government = 250000000, min_total = 357142858 }, { year = 2, government = 250000000 } ]
settlement_fee = 1500000
"#,
    );
    let window = "content/rules/examples/application_window.toml";
    let text = std::fs::read_to_string(root.join(window)).expect("read");
    write(root, window, &text.replace("2027-04-14T", "2027-04-21T"));

    let after_dir = tempfile::tempdir().expect("tempdir");
    let after = build(root, after_dir.path());

    // Every page changed (the application-window banner is on each of them)…
    assert_eq!(before.len(), after.len());
    for ((path, old), (new_path, new)) in before.iter().zip(&after) {
        assert_eq!(path, new_path);
        if path == "404.html" {
            continue;
        }
        assert_ne!(old, new, "{path} did not change");
        assert!(new.contains("2027-04-21 18:00"), "{path}: old closing date");
        assert!(
            !new.contains("2027-04-14 18:00"),
            "{path}: old closing date"
        );
    }
    // …the tool pages state the new figures and wording…
    let budget_page = page(&after, "tools/budget/index.html");
    for figure in [
        "70% 이내",
        "연 2억 5,000만 원 이내",
        "전체 5억 원 이내",
        "150만 원",
    ] {
        assert!(budget_page.contains(figure), "budget page lacks {figure:?}");
    }
    for stale in ["60% 이내", "전체 4억 원 이내", "120만 원"] {
        assert!(
            !budget_page.contains(stale),
            "budget page still says {stale:?}"
        );
    }
    let eligibility_page = page(&after, "tools/eligibility/index.html");
    assert!(eligibility_page.contains("고용보험에 가입한 상시 근로자 수는?"));
    assert!(!eligibility_page.contains("상시 근로자는 몇 명입니까?"));

    // …the rules the browser tools load are the new ones…
    let rules_json = std::fs::read_dir(after_dir.path().join("assets"))
        .expect("assets")
        .filter_map(Result::ok)
        .find(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("rules-budget.") && name.ends_with(".json")
        })
        .map(|e| std::fs::read_to_string(e.path()).expect("rules json"))
        .expect("the budget page's rules json published");
    let rules: Value = serde_json::from_str(&rules_json).expect("json");
    assert_eq!(rules["budget"]["government"]["max_share_percent"], 70);
    assert_eq!(rules["budget"]["government"]["max_per_year"], 250_000_000);

    // …and the tools answer by the new rules.
    let max = result(root, "budget_max", &json!({ "years": 2 }));
    assert_eq!(max["overall"]["government"], 500_000_000);
    assert_eq!(max["settlement_fee"], 1_500_000);
    let plan = result(
        root,
        "budget",
        &json!({ "years": [ { "government": "2억", "company_cash": "1억" } ] }),
    );
    assert_eq!(plan["breaches"], json!([])); // 2/3 is within 70 %
    let open = result(
        root,
        "application_window",
        &json!({ "now": "2027-04-14T18:00:00+09:00" }),
    );
    assert_eq!(open["windows"][0]["status"], "open");
}

#[test]
fn the_shared_site_checks_catch_what_they_look_for() {
    let out = tempfile::tempdir().expect("tempdir");
    write(out.path(), "a/index.html", "x");
    let bad = (
        "b/index.html".to_string(),
        r#"<html lang="en"><h2>없는 id</h2><table><tr><th>머리</th></tr></table>
<a href="../a/#nope">a</a> <a href="../gone/">g</a> <a href="/abs/">abs</a>
<script src="https://cdn.example/x.js"></script>"#
            .to_string(),
    );
    let pages = [&bad];
    assert_eq!(site_checks::table_problems(&pages).len(), 3); // caption, scoped, th scope
    assert_eq!(site_checks::heading_problems(&pages).len(), 4); // id, h1, lang, main
    let broken = site_checks::broken_links(out.path(), &pages);
    assert!(broken.iter().any(|b| b.contains("#nope")), "{broken:?}");
    assert!(broken.iter().any(|b| b.contains("gone")), "{broken:?}");
    assert_eq!(site_checks::absolute_urls(&pages).len(), 1);
    assert_eq!(
        site_checks::third_party_requests(out.path(), &pages).len(),
        1
    );
}

#[test]
fn a_page_calling_a_working_tool_not_ready_is_caught() {
    let tool = (
        "tools/budget/index.html".to_string(),
        r#"<main id="main"><form data-tool="budget"></form></main><script type="module" src="../../js/engine.js"></script>"#
            .to_string(),
    );
    let stale = (
        "index.html".to_string(),
        r#"<main id="main"><h2 id="t">도구</h2><p>아래 도구는 준비 중입니다.</p><a href="tools/budget/">사업비</a><h2 id="n">다음</h2><a href="tools/budget/">x</a></main>"#
            .to_string(),
    );
    let fine = (
        "tools/index.html".to_string(),
        r#"<main id="main"><p>준비할 것: 사업계획서</p><a href="budget/">사업비</a></main>"#
            .to_string(),
    );
    let found = stale_tool_status(&[tool.clone(), stale, fine.clone()]);
    assert_eq!(
        found,
        vec!["index.html: says \"준비 중\" but links to working tools/budget/index.html"]
    );
    assert!(stale_tool_status(&[tool, fine]).is_empty());
}
