//! `afsite init DIR`: a new program site to edit, like `zola init`.
//!
//! The starting point is a small, complete, fictional program (the one the generator's own tests
//! build, `tests/fixtures/ai-transition-2027/content`): a notice split into a few pages, one rules
//! file per tool with worked examples, tool pages, a glossary and `site.toml`, plus this
//! checkout's `templates/` and `static/`. It builds and passes `check` as it is; the agency then
//! replaces its wording and figures (see `docs/authoring.md`).
//!
//! The files are copied from the source checkout `afsite` was built from (the project is used
//! through `cargo run`); a binary moved away from its checkout says so instead of guessing.
use crate::error::BuildError;
use std::path::{Path, PathBuf};

/// Folder (inside the checkout) whose `content/` is the starting point.
pub const STARTER: &str = "tests/fixtures/ai-transition-2027";

/// What `init` wrote.
#[derive(Debug)]
pub struct InitReport {
    pub files: usize,
}

/// The afsite source checkout (holds `templates/`, `static/` and the starter content).
pub fn checkout() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Scaffolds a new site in `dir`, which must be missing or empty.
pub fn run(dir: &Path) -> Result<InitReport, BuildError> {
    run_from(&checkout(), dir)
}

/// [`run`] with the checkout given (tests).
pub fn run_from(checkout: &Path, dir: &Path) -> Result<InitReport, BuildError> {
    let shown = dir.to_string_lossy().into_owned();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(BuildError::in_file(
                    &shown,
                    "폴더가 비어 있지 않습니다: 덮어쓰지 않도록 빈 폴더나 새 폴더 이름을 주세요",
                ));
            }
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => {
            return Err(BuildError::in_file(
                &shown,
                format!("폴더를 읽을 수 없습니다: {err}"),
            ))
        }
    }
    let sources = [
        (checkout.join(STARTER).join("content"), "content"),
        (checkout.join("templates"), "templates"),
        (checkout.join("static"), "static"),
    ];
    for (source, _) in &sources {
        if !source.is_dir() {
            return Err(BuildError::in_file(
                source.to_string_lossy(),
                "시작 파일이 없습니다: afsite를 빌드한 소스 폴더에서 실행하세요 (cargo run --release -- init DIR)",
            ));
        }
    }
    let mut files = 0;
    for (source, target) in &sources {
        files += copy_tree(source, &dir.join(target))?;
    }
    Ok(InitReport { files })
}

/// Copies a folder (following links, skipping hidden and backup files); returns the file count.
fn copy_tree(from: &Path, to: &Path) -> Result<usize, BuildError> {
    let fail = |path: &Path, err: &dyn std::fmt::Display| {
        BuildError::in_file(path.to_string_lossy(), format!("복사할 수 없습니다: {err}"))
    };
    let mut count = 0;
    let walker = walkdir::WalkDir::new(from)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name.ends_with('~'))
        });
    for entry in walker {
        let entry = entry.map_err(|err| fail(from, &err))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|err| fail(&target, &err))?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|err| fail(&target, &err))?;
            count += 1;
        }
    }
    Ok(count)
}
