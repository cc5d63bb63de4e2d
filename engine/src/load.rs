//! Rules from TOML text (feature `toml`, native only). Pure: the caller reads the files.
//!
//! The people who edit `content/rules/*.toml` are not Rust programmers, so every problem is
//! reported as `file:line: key: message`.
use crate::error::RuleIssue;
use crate::rules::Rules;
use serde::de::DeserializeOwned;
use std::fmt;

pub mod examples;
mod locate;

pub use examples::run_examples;
use locate::{line_of_key, line_of_offset};

/// A problem in a rules or example file, located for the person who edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Path as given by the caller (e.g. `content/rules/budget.toml`).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Dotted key path (e.g. `government_share.max_ratio`), when known.
    pub key: String,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: ", self.file, line)?,
            None => write!(f, "{}: ", self.file)?,
        }
        if !self.key.is_empty() {
            write!(f, "`{}`: ", self.key)?;
        }
        f.write_str(&self.message)
    }
}

/// A `cite` found in a rules file: the builder checks that it resolves to a page anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteRef {
    pub file: String,
    pub line: usize,
    pub key: String,
    /// `page-path#anchor`, e.g. `notice/06-cautions#settlement-fee`.
    pub cite: String,
}

/// The rules file stems, one per field of [`Rules`].
pub const RULE_FILES: &[&str] = &[
    "eligibility",
    "budget",
    "score",
    "kpi",
    "autonomy",
    "small_business",
    "schedule",
    "documents",
];

/// `content/rules/budget.toml` → `budget`.
fn stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".toml").unwrap_or(name)
}

/// Parses one file into its typed slice, locating syntax and unknown-key errors.
fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, RuleError> {
    toml::from_str(text).map_err(|e| RuleError {
        file: file.to_string(),
        line: e.span().map(|s| line_of_offset(text, s.start)),
        key: String::new(),
        message: e.message().trim().to_string(),
    })
}

/// Turns `validate()` issues into located errors.
fn located(file: &str, text: &str, issues: Vec<RuleIssue>) -> Vec<RuleError> {
    issues
        .into_iter()
        .map(|issue| RuleError {
            file: file.to_string(),
            line: line_of_key(text, &issue.key),
            key: issue.key,
            message: issue.message,
        })
        .collect()
}

/// Parses and validates every rules file (`(path, text)` pairs) into one [`Rules`].
/// A module without a file keeps its empty default: its tools answer `rules_missing`.
pub fn from_toml_files(files: &[(String, String)]) -> Result<Rules, Vec<RuleError>> {
    let mut rules = Rules::default();
    let mut errors = Vec::new();
    for (file, text) in files {
        let outcome = match stem(file) {
            "eligibility" => parse(file, text).map(|r| {
                rules.eligibility = r;
                rules.eligibility.validate()
            }),
            "budget" => parse(file, text).map(|r| {
                rules.budget = r;
                rules.budget.validate()
            }),
            "score" => parse(file, text).map(|r| {
                rules.score = r;
                rules.score.validate()
            }),
            "kpi" => parse(file, text).map(|r| {
                rules.kpi = r;
                rules.kpi.validate()
            }),
            "autonomy" => parse(file, text).map(|r| {
                rules.autonomy = r;
                rules.autonomy.validate()
            }),
            "small_business" => parse(file, text).map(|r| {
                rules.small_business = r;
                rules.small_business.validate()
            }),
            "schedule" => parse(file, text).map(|r| {
                rules.schedule = r;
                rules.schedule.validate()
            }),
            "documents" => parse(file, text).map(|r| {
                rules.documents = r;
                rules.documents.validate()
            }),
            other => Err(RuleError {
                file: file.clone(),
                line: None,
                key: String::new(),
                message: format!(
                    "unknown rules file `{other}.toml`; expected one of: {}",
                    RULE_FILES.join(", ")
                ),
            }),
        };
        match outcome {
            Ok(issues) => errors.extend(located(file, text, issues)),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

/// Every `cite` in the given rules files, with its location: keys `cite`, `*_cite`, and `guide`
/// (a page path in autonomy.toml). Files that don't parse are skipped (`from_toml_files` reports
/// them).
pub fn cite_refs(files: &[(String, String)]) -> Vec<CiteRef> {
    let mut out = Vec::new();
    for (file, text) in files {
        for (key, cite, offset) in
            locate::string_values(text, |k| k == "cite" || k.ends_with("_cite"))
        {
            out.push(CiteRef {
                file: file.clone(),
                line: line_of_offset(text, offset),
                key,
                cite,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(name: &str, text: &str) -> Vec<(String, String)> {
        vec![(format!("content/rules/{name}.toml"), text.to_string())]
    }

    #[test]
    fn unknown_file_is_named() {
        let errs = from_toml_files(&files("bogus", "")).unwrap_err();
        assert!(errs[0].to_string().contains("bogus.toml"), "{}", errs[0]);
    }

    #[test]
    fn unknown_key_is_located() {
        let text = "total_cite = \"a#b\"\n\n[government]\nmax_share_percnt = 50\n";
        let errs = from_toml_files(&files("budget", text)).unwrap_err();
        assert_eq!(errs[0].line, Some(4), "{}", errs[0]);
        assert!(errs[0].message.contains("max_share_percnt"), "{}", errs[0]);
    }

    #[test]
    fn syntax_error_is_located() {
        let errs = from_toml_files(&files("budget", "a = 1\nb = \n")).unwrap_err();
        assert_eq!(errs[0].line, Some(2), "{}", errs[0]);
    }

    #[test]
    fn missing_file_leaves_defaults() {
        let rules = from_toml_files(&[]).unwrap();
        assert_eq!(rules, Rules::default());
    }

    #[test]
    fn cite_refs_have_keys_and_lines() {
        let text = "x = 1\n[a]\ncite = \"notice#schedule\"\n[[a.b]]\nfunding_cite = \"p#q\"\n[[a.b]]\ncite = \"r#s\"\n";
        let refs = cite_refs(&files("budget", text));
        let got: Vec<(usize, &str, &str)> = refs
            .iter()
            .map(|r| (r.line, r.key.as_str(), r.cite.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, "a.cite", "notice#schedule"),
                (5, "a.b[0].funding_cite", "p#q"),
                (7, "a.b[1].cite", "r#s")
            ]
        );
    }
}
