//! `afsite init DIR`: the scaffold builds and passes `check` on its own, and a non-empty folder is
//! refused without touching it.
#[path = "fixtures/support.rs"]
mod support;

use std::process::Command;

fn afsite(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_afsite"))
        .args(args)
        .output()
        .expect("run afsite")
}

#[test]
fn init_scaffolds_a_site_that_builds_and_passes_check() {
    let parent = tempfile::tempdir().expect("tempdir");
    let dir = parent.path().join("new-program");
    let dir_text = dir.to_str().expect("utf-8");
    let made = afsite(&["init", dir_text]);
    assert!(made.status.success(), "{made:?}");
    for rel in [
        "content/site.toml",
        "content/_index.md",
        "content/glossary.md",
        "content/glossary.toml",
        "content/notice/_index.md",
        "templates/base.html",
        "static/css/style.css",
    ] {
        assert!(dir.join(rel).is_file(), "init did not write {rel}");
    }
    // One rules file per tool, each with at least one worked example.
    for tool in [
        "eligibility",
        "budget",
        "score",
        "kpi",
        "autonomy",
        "schedule",
    ] {
        assert!(
            dir.join(format!("content/rules/{tool}.toml")).is_file(),
            "{tool}"
        );
    }
    for example in [
        "eligibility",
        "budget",
        "score",
        "kpi",
        "self_assessment",
        "application_window",
    ] {
        let text =
            std::fs::read_to_string(dir.join(format!("content/rules/examples/{example}.toml")))
                .unwrap_or_else(|e| panic!("{example}: {e}"));
        assert!(
            text.contains("[[example]]"),
            "{example} has no worked example"
        );
    }
    // The scaffold is self-contained: no link back into this checkout.
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.expect("walk");
        assert!(
            !entry.path_is_symlink(),
            "{} is a link",
            entry.path().display()
        );
    }
    let check = afsite(&["check", "--root", dir_text]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let out = parent.path().join("out");
    let build = afsite(&[
        "build",
        "--root",
        dir_text,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(out.join("index.html").is_file());
    assert!(out.join("tools/budget/index.html").is_file());
}

#[test]
fn init_refuses_a_non_empty_folder_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    support::write(dir.path(), "keep.txt", "mine");
    let refused = afsite(&["init", dir.path().to_str().expect("utf-8")]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("비어 있지 않습니다"), "{stderr}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["keep.txt".to_string()]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.txt")).expect("read"),
        "mine"
    );
}

#[test]
fn init_needs_exactly_one_folder() {
    assert!(!afsite(&["init"]).status.success());
    assert!(!afsite(&["init", "a", "b"]).status.success());
}
