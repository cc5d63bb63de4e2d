//! Glossary entries from `content/glossary.toml`: the glossary page and in-text term links come from here.
use crate::error::{BuildError, BuildResult};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Anchor on the glossary page: `#term-<id>`.
    pub id: String,
    pub term: String,
    pub aliases: Vec<String>,
    /// Spelled-out form (e.g. of an abbreviation).
    pub full: Option<String>,
    /// Markdown; rendered like page text (so `@/` links work).
    pub definition: String,
    /// `@/…` link to where the notice treats the term.
    pub see: Option<String>,
    /// Line of the entry's `id` in glossary.toml, for error messages.
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    #[serde(default)]
    term: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: toml::Spanned<String>,
    term: String,
    #[serde(default)]
    aliases: Vec<String>,
    full: Option<String>,
    definition: String,
    see: Option<String>,
}

/// Reads the glossary; a missing file means an empty glossary (and no glossary page).
pub fn load(path: &Path, shown_as: &str) -> BuildResult<Option<Vec<Term>>> {
    if !path.exists() {
        return Ok(None);
    }
    let text = crate::error::read_text(path, shown_as).map_err(|err| vec![err])?;
    let line_of = |offset: usize| 1 + text[..offset.min(text.len())].matches('\n').count();
    let file: GlossaryFile = toml::from_str(&text).map_err(|err| {
        let line = err.span().map(|span| line_of(span.start));
        vec![BuildError::new(
            shown_as,
            line,
            format!("용어 사전 오류: {}", err.message()),
        )]
    })?;
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut terms = Vec::with_capacity(file.term.len());
    for raw in file.term {
        let line = line_of(raw.id.span().start);
        let id = raw.id.into_inner();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            errors.push(BuildError::at(
                shown_as,
                line,
                format!("용어 id \"{id}\"는 영문 소문자·숫자·하이픈만 쓸 수 있습니다"),
            ));
        }
        if !seen.insert(id.clone()) {
            errors.push(BuildError::at(
                shown_as,
                line,
                format!("용어 id \"{id}\"가 중복됩니다"),
            ));
        }
        if raw.term.trim().is_empty() {
            errors.push(BuildError::at(shown_as, line, "term이 비어 있습니다"));
        }
        terms.push(Term {
            id,
            term: raw.term,
            aliases: raw
                .aliases
                .into_iter()
                .filter(|a| !a.trim().is_empty())
                .collect(),
            full: raw.full,
            definition: raw.definition,
            see: raw.see,
            line,
        });
    }
    if errors.is_empty() {
        Ok(Some(terms))
    } else {
        Err(errors)
    }
}
