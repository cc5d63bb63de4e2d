//! `@/path.md#anchor` links: content paths resolved to page-relative URLs.
use crate::content::url_of;

/// Marker that starts an internal content link.
pub const CONTENT_LINK_PREFIX: &str = "@/";

/// The content path and anchor named by an `@/` link (`@/notice/_index.md#a` → (`notice`, `a`)).
pub fn parse_content_link(dest: &str) -> Option<(String, Option<&str>)> {
    let rest = dest.strip_prefix(CONTENT_LINK_PREFIX)?;
    let (file, anchor) = match rest.split_once('#') {
        Some((file, anchor)) => (file, Some(anchor).filter(|a| !a.is_empty())),
        None => (rest, None),
    };
    let file = file.trim_end_matches('/');
    let without_ext = file.strip_suffix(".md").unwrap_or(file);
    let path = match without_ext.strip_suffix("_index") {
        Some(dir) => dir.trim_end_matches('/'),
        None => without_ext,
    };
    Some((path.to_string(), anchor))
}

/// Relative URL from a page (whose root prefix is `root`) to a content path and anchor.
pub fn relative_url(root: &str, path: &str, anchor: Option<&str>) -> String {
    let mut url = format!("{root}{}", url_of(path));
    if let Some(anchor) = anchor {
        url.push('#');
        url.push_str(anchor);
    }
    url
}

/// Resolves an `@/` link; `Err` carries the author-facing message for a missing page.
pub fn resolve(
    dest: &str,
    root: &str,
    page_exists: &dyn Fn(&str) -> bool,
) -> Option<Result<String, String>> {
    let (path, anchor) = parse_content_link(dest)?;
    if !page_exists(&path) {
        return Some(Err(format!(
            "링크 대상 페이지가 없습니다: {dest} (content/{}.md 또는 _index.md)",
            if path.is_empty() { "_index" } else { &path }
        )));
    }
    Some(Ok(relative_url(root, &path, anchor)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths_and_anchors() {
        assert_eq!(
            parse_content_link("@/notice/annex-1.md#concurrent-restriction"),
            Some(("notice/annex-1".into(), Some("concurrent-restriction")))
        );
        assert_eq!(
            parse_content_link("@/notice/_index.md"),
            Some(("notice".into(), None))
        );
        assert_eq!(
            parse_content_link("@/_index.md"),
            Some((String::new(), None))
        );
        assert_eq!(parse_content_link("https://x"), None);
    }

    #[test]
    fn builds_relative_urls() {
        assert_eq!(
            relative_url("../../", "notice/annex-1", Some("a")),
            "../../notice/annex-1/#a"
        );
        assert_eq!(relative_url("./", "", None), "./");
    }

    #[test]
    fn missing_page_is_an_error() {
        let exists = |p: &str| p == "notice";
        assert!(matches!(
            resolve("@/notice/_index.md", "./", &exists),
            Some(Ok(_))
        ));
        assert!(matches!(resolve("@/nope.md", "./", &exists), Some(Err(_))));
    }
}
