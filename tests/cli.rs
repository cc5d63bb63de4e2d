//! The `afsite` binary: exit codes, `path:line: message` errors, and a failed build keeping the
//! previous output.
#[path = "fixtures/support.rs"]
mod support;

use support::{afsite, minimal_site, snapshot, stderr, write};

#[test]
fn failed_build_leaves_the_previous_site_intact() {
    let site = minimal_site();
    let root = site.path();
    let first = afsite(root, &["build", "--out", "out"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let index = root.join("out/notice/overview/index.html");
    let before = std::fs::read_to_string(&index).expect("built page");
    assert!(String::from_utf8_lossy(&first.stdout).contains("페이지 6개"));

    write(
        root,
        "content/notice/overview.md",
        "+++\ntitle = \"사업 개요\"\n+++\n\n바뀐 본문 [깨진 링크](@/notice/gone.md)\n",
    );
    let second = afsite(root, &["build", "--out", "out"]);
    assert_eq!(second.status.code(), Some(1));
    let message = stderr(&second);
    assert!(
        message.contains("content/notice/overview.md:5: ") && message.contains("gone.md"),
        "{message}"
    );
    let after = std::fs::read_to_string(&index).expect("old page still there");
    assert_eq!(before, after, "the previous output must stay untouched");
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .expect("list root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary folders left behind: {leftovers:?}"
    );
}

#[test]
fn successful_rebuild_replaces_the_output() {
    let site = minimal_site();
    let root = site.path();
    assert!(afsite(root, &["build", "--out", "out"]).status.success());
    std::fs::write(root.join("out/stale.txt"), "old").expect("write stale file");
    write(
        root,
        "content/notice/new.md",
        "+++\ntitle = \"새 페이지\"\n+++\n새 내용\n",
    );
    let rebuilt = afsite(root, &["build", "--out", "out"]);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert!(root.join("out/notice/new/index.html").is_file());
    assert!(
        !root.join("out/stale.txt").exists(),
        "old files are replaced, not merged"
    );
}

#[test]
fn check_writes_nothing_and_reports_problems() {
    let site = minimal_site();
    let root = site.path();
    let ok = afsite(root, &["check"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(!root.join("public").exists(), "check must not write output");

    write(
        root,
        "content/notice/t.md",
        "+++\ntitle = \"표\"\n+++\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    );
    let bad = afsite(root, &["check"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("content/notice/t.md:5: "),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn root_flag_and_base_path() {
    let site = minimal_site();
    let out = site.path().join("elsewhere");
    let root = site.path().to_string_lossy().into_owned();
    let output = afsite(
        std::env::temp_dir().as_path(),
        &[
            "build",
            "--root",
            &root,
            "--out",
            &out.to_string_lossy(),
            "--base-path",
            "af/2026",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let not_found = std::fs::read_to_string(out.join("404.html")).expect("404 page");
    assert!(
        not_found.contains("href=\"/af/2026/notice/\""),
        "{not_found}"
    );
    let home = std::fs::read_to_string(out.join("index.html")).expect("home");
    assert!(
        !home.contains("/af/2026/"),
        "only 404.html and the sitemap use the base path"
    );
}

#[test]
fn bad_arguments_exit_with_usage() {
    let site = minimal_site();
    let output = afsite(site.path(), &["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("사용법"));
}

#[test]
fn eval_fails_when_the_tool_reports_not_ok() {
    let site = minimal_site();
    write(site.path(), "input.json", "{}");
    let output = afsite(site.path(), &["eval", "no-such-tool", "input.json"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("eval prints JSON");
    assert_eq!(json["ok"], serde_json::Value::Bool(false));
}

/// Rebuilds reuse the generation swapped out by the previous build (`.out.previous`); after
/// several builds with changes in between, the output must equal a fresh build of the same content.
#[test]
fn recycled_output_equals_a_fresh_build() {
    let site = minimal_site();
    let root = site.path();
    let edits = [
        "+++\ntitle = \"사업 개요\"\n+++\n\n## 지원 규모 {#scale}\n\n첫 번째 본문\n",
        "+++\ntitle = \"사업 개요\"\n+++\n\n## 지원 규모 {#scale}\n\n두 번째 본문, 더 깁니다\n",
        "+++\ntitle = \"사업 개요\"\n+++\n\n## 지원 규모 {#scale}\n\n세 번째\n",
    ];
    for (round, body) in edits.iter().enumerate() {
        write(root, "content/notice/overview.md", body);
        if round == 1 {
            write(
                root,
                "content/notice/extra.md",
                "+++\ntitle = \"추가\"\n+++\n추가 내용\n",
            );
        }
        if round == 2 {
            std::fs::remove_file(root.join("content/notice/extra.md")).expect("remove page");
        }
        let built = afsite(root, &["build", "--out", "out"]);
        assert!(built.status.success(), "{}", stderr(&built));
    }
    let fresh = afsite(root, &["build", "--out", "fresh"]);
    assert!(fresh.status.success(), "{}", stderr(&fresh));
    assert_eq!(snapshot(&root.join("out")), snapshot(&root.join("fresh")));
    assert!(
        !root.join("out/notice/extra").exists(),
        "a removed page must not linger"
    );
}
