//! The one `cite` → URL function. A rules `cite` names a page by its content path and optionally an
//! anchor (`notice/03-application#eligibility`, `cases/case-1`, `#x` for the page itself). The
//! builder (Tera function and filter `cite_href`, the banner, the cite check) and the browser (the
//! WASM export `cite_href`) all go through here, so a link is built one way everywhere.

/// Splits a cite into its page path (slashes trimmed; empty for the current page) and anchor.
pub fn split(cite: &str) -> (&str, Option<&str>) {
    let (path, anchor) = match cite.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (cite, None),
    };
    (path.trim_matches('/'), anchor)
}

/// The URL of a cite from a page whose root prefix is `root` (`./`, `../../`, or `""` for a
/// root-relative URL): `notice/03-application#eligibility` → `../../notice/03-application/#eligibility`.
pub fn cite_href(root: &str, cite: &str) -> String {
    let (path, anchor) = split(cite);
    let mut out = String::with_capacity(
        root.len()
            .saturating_add(path.len())
            .saturating_add(anchor.map_or(0, str::len))
            .saturating_add(2),
    );
    out.push_str(root);
    if !path.is_empty() {
        out.push_str(path);
        out.push('/');
    }
    if let Some(anchor) = anchor {
        out.push('#');
        out.push_str(anchor);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cites_become_relative_links_to_the_page_and_anchor() {
        assert_eq!(
            cite_href("../../", "notice/03-application#eligibility"),
            "../../notice/03-application/#eligibility"
        );
        assert_eq!(cite_href("../", "cases/case-1"), "../cases/case-1/");
        assert_eq!(cite_href("../", "/cases/case-1/"), "../cases/case-1/");
        assert_eq!(cite_href("./", "#x"), "./#x");
        assert_eq!(cite_href("", "notice/annex-1#a"), "notice/annex-1/#a");
        assert_eq!(cite_href("./", ""), "./");
    }

    #[test]
    fn split_gives_the_page_and_the_anchor() {
        assert_eq!(
            split("notice/01-overview#scale"),
            ("notice/01-overview", Some("scale"))
        );
        assert_eq!(split("/guide/level-2/"), ("guide/level-2", None));
        assert_eq!(split("#top"), ("", Some("top")));
    }
}
