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
    /// The page to contact about the program (a cite such as `notice/08-contacts`): the tools'
    /// "다음에 할 일" links to it; left out when absent.
    #[serde(default)]
    pub contacts_cite: Option<String>,
    /// Wording of the 404 page (the one page not written in Markdown).
    pub not_found: NotFound,
    /// The site's public address (`https://example.go.kr/programs/autonomous-factory/`), for the
    /// sitemap, canonical links, Open Graph and robots.txt. Internal links never use it.
    #[serde(default)]
    pub base_url: Option<String>,
}

/// `[not_found]` in `site.toml`: the 404 page's title, its sentence and the link back home.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotFound {
    pub title: String,
    pub text: String,
    pub home_link: String,
}

/// `https://host/sub` → `https://host/sub/`; only http(s) URLs with no characters that would
/// break the HTML or XML they are written into.
pub fn normalize_base_url(raw: &str) -> Result<String, String> {
    let bad_char = raw.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '#' | '?')
    });
    let host = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .map(|rest| rest.split('/').next().unwrap_or(""));
    match host {
        Some(host) if !host.is_empty() && !bad_char && !raw.contains('&') => Ok(if raw.ends_with('/') {
            raw.to_string()
        } else {
            format!("{raw}/")
        }),
        _ => Err(format!(
            "base_url은 https://로 시작하는 사이트 주소여야 합니다(예: https://example.go.kr/programs/autonomous-factory/): {raw}"
        )),
    }
}

/// The path part of a base URL (`https://host/sub/` → `/sub/`).
pub fn path_of_base_url(base_url: &str) -> &str {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or("/", |slash| &after_scheme[slash..])
}

/// Reads `site.toml`; errors carry the line of the offending key.
pub fn load(path: &Path, shown_as: &str) -> Result<SiteConfig, BuildError> {
    let text = crate::error::read_text(path, shown_as)?;
    let mut config: SiteConfig = toml::from_str(&text).map_err(|err| {
        let line = err
            .span()
            .map(|span| 1 + text[..span.start.min(text.len())].matches('\n').count());
        BuildError::new(shown_as, line, format!("설정 오류: {}", err.message()))
    })?;
    if let Some(raw) = &config.base_url {
        let line = text
            .lines()
            .position(|l| l.trim_start().starts_with("base_url"))
            .map(|i| i + 1);
        config.base_url = Some(
            normalize_base_url(raw).map_err(|message| BuildError::new(shown_as, line, message))?,
        );
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked_and_end_with_a_slash() {
        assert_eq!(
            normalize_base_url("https://example.go.kr/af").as_deref(),
            Ok("https://example.go.kr/af/")
        );
        assert_eq!(
            normalize_base_url("http://x.kr/").as_deref(),
            Ok("http://x.kr/")
        );
        for bad in [
            "/af/",
            "ftp://x",
            "https://",
            "https://x/\"a",
            "https://x/?q",
            "javascript:alert(1)",
        ] {
            assert!(normalize_base_url(bad).is_err(), "{bad}");
        }
        assert_eq!(path_of_base_url("https://x.kr/a/b/"), "/a/b/");
        assert_eq!(path_of_base_url("https://x.kr/"), "/");
    }
}
