//! Reads `content/rules/*.toml` and the worked examples, and hands them to the pure engine.
//! The engine does no I/O, so this is the only place rule files touch the disk.
use crate::content::shown_path;
use crate::error::{BuildError, BuildResult};
use af_engine::load::{CiteRef, RuleError};
use af_engine::rules::Rules;
use std::path::Path;

/// The merged rules plus the raw files (kept to look up `cite` locations).
#[derive(Debug, Default)]
pub struct LoadedRules {
    pub rules: Rules,
    pub cites: Vec<CiteRef>,
    /// Worked examples that failed. Reported with the site's other errors (after rendering), so
    /// a broken cite on the same rule is shown too rather than hidden behind the example.
    pub example_failures: Vec<BuildError>,
}

/// Loads and validates the rules and runs the worked examples; the caller fails the build on
/// any example failure.
pub fn load(root: &Path) -> BuildResult<LoadedRules> {
    let files = read_toml_files(root, Path::new("content/rules"))?;
    let rules = af_engine::load::from_toml_files(&files)
        .map_err(|errors| errors.into_iter().map(from_rule_error).collect::<Vec<_>>())?;
    let examples = read_toml_files(root, Path::new("content/rules/examples"))?;
    let example_failures = af_engine::load::run_examples(&rules, &examples)
        .into_iter()
        .map(from_rule_error)
        .collect();
    let cites = af_engine::load::cite_refs(&files);
    Ok(LoadedRules {
        rules,
        cites,
        example_failures,
    })
}

/// Loads only the rules (for `afsite eval`), without examples or citations.
pub fn load_rules_only(root: &Path) -> BuildResult<Rules> {
    let files = read_toml_files(root, Path::new("content/rules"))?;
    af_engine::load::from_toml_files(&files)
        .map_err(|errors| errors.into_iter().map(from_rule_error).collect())
}

/// `(shown path, text)` of every `*.toml` directly in `dir`, sorted by name; a missing folder is empty.
fn read_toml_files(root: &Path, dir: &Path) -> BuildResult<Vec<(String, String)>> {
    let entries = match std::fs::read_dir(root.join(dir)) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => {
            return Err(vec![BuildError::in_file(
                shown_path(root, dir),
                format!("읽을 수 없습니다: {err}"),
            )])
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml") && !name.starts_with('.'))
        .collect();
    names.sort();
    let mut files = Vec::with_capacity(names.len());
    let mut errors = Vec::new();
    for name in names {
        let rel = dir.join(&name);
        let shown = shown_path(root, &rel);
        match crate::error::read_text(&root.join(&rel), &shown) {
            Ok(text) => files.push((shown, text)),
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

fn from_rule_error(err: RuleError) -> BuildError {
    let message = if err.key.is_empty() {
        err.message
    } else {
        format!("{}: {}", err.key, err.message)
    };
    BuildError::new(err.file, err.line, message)
}
