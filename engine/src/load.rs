//! Rules from TOML text (feature `toml`, native only). Pure: the caller reads the files.
//! Placeholder signatures; the engine fills them in.
use crate::rules::Rules;
use std::fmt;

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

/// Parses and validates every rules file (`(path, text)` pairs) into one [`Rules`].
pub fn from_toml_files(_files: &[(String, String)]) -> Result<Rules, Vec<RuleError>> {
    Ok(Rules::default())
}

/// Every `cite` in the given rules files, with its location.
pub fn cite_refs(_files: &[(String, String)]) -> Vec<CiteRef> {
    Vec::new()
}

/// Runs the worked examples (`content/rules/examples/*.toml`) against `rules`;
/// returns one error per failing example (empty when all pass).
pub fn run_examples(_rules: &Rules, _files: &[(String, String)]) -> Vec<RuleError> {
    Vec::new()
}
