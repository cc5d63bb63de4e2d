//! Site-wide settings from `content/site.toml` (title, description, footer lines).
use crate::error::BuildError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Settings shown on every page. Kept in content so agencies change them without touching code.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Footer line naming the notice the site is based on.
    #[serde(default)]
    pub source: String,
    /// Footer line stating what the site does (not) collect.
    #[serde(default)]
    pub privacy: String,
    /// Short menu labels by content path (`notice = "공고문"`), for sections whose titles are long.
    #[serde(default)]
    pub nav_labels: std::collections::BTreeMap<String, String>,
}

/// Reads `site.toml`; errors carry the line of the offending key.
pub fn load(path: &Path, shown_as: &str) -> Result<SiteConfig, BuildError> {
    let text = crate::error::read_text(path, shown_as)?;
    toml::from_str(&text).map_err(|err| {
        let line = err
            .span()
            .map(|span| 1 + text[..span.start.min(text.len())].matches('\n').count());
        BuildError::new(shown_as, line, format!("설정 오류: {}", err.message()))
    })
}
