//! Post-render checks on the HTML actually written: every relative `href`/`src` must reach a file,
//! every `#anchor` an element id; internal URLs must be relative so the site works under any sub-path.
use crate::error::BuildError;
use lol_html::{element, HtmlRewriter, Settings};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// An HTML page to check, as rendered.
pub struct PageToCheck<'a> {
    /// Output path relative to the site root (`notice/01-overview/index.html`).
    pub out_path: &'a str,
    /// Source file shown in errors.
    pub source: &'a str,
    pub html: &'a str,
    /// Link target → source line, when the link came from Markdown.
    pub link_lines: &'a HashMap<String, usize>,
}

/// Ids and link targets found in one page.
#[derive(Debug, Default)]
pub struct Scan {
    pub ids: HashSet<String>,
    pub refs: Vec<String>,
}

/// Collects `id`, `href` and `src` attribute values (entities decoded) with a real HTML tokenizer,
/// so raw HTML in content, comments and scripts are handled like a browser would.
pub fn scan(html: &str) -> Result<Scan, String> {
    let mut found = Scan::default();
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new().append_element_content_handler(element!("*", |el| {
                for attr in el.attributes() {
                    match attr.name().as_str() {
                        "id" => {
                            found.ids.insert(decode_entities(&attr.value()));
                        }
                        "href" | "src" => found.refs.push(decode_entities(&attr.value())),
                        _ => {}
                    }
                }
                Ok(())
            })),
            |_: &[u8]| {},
        );
        rewriter.write(html.as_bytes()).map_err(|e| e.to_string())?;
        rewriter.end().map_err(|e| e.to_string())?;
    }
    Ok(found)
}

/// Decodes the entities our own output can contain in attribute values.
fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    html_escape_decode(value)
}

fn html_escape_decode(value: &str) -> String {
    const ENTITIES: [(&str, &str); 7] = [
        ("&quot;", "\""),
        ("&#x27;", "'"),
        ("&#39;", "'"),
        ("&#x2F;", "/"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ];
    let mut result = value.to_string();
    for (entity, plain) in ENTITIES {
        result = result.replace(entity, plain);
    }
    result
}

/// A link that needs checking: relative (not `scheme:`, not `//host`, not `/absolute`).
fn is_relative(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with('/')
        && !url.contains("//")
        && url
            .split(['/', '?', '#'])
            .next()
            .is_none_or(|first| !first.contains(':'))
}

/// Resolves `url` against the folder of `from` (an output path); `None` if it climbs above the root.
/// Percent escapes are decoded, as a browser or server would before looking the file up.
pub fn resolve_relative(from: &str, url: &str) -> Option<(String, Option<String>)> {
    let (path_and_query, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (url, None),
    };
    let path = percent_decode(path_and_query.split('?').next().unwrap_or(""));
    let path = path.as_str();
    let mut segments: Vec<&str> = from.split('/').collect();
    segments.pop();
    if path.is_empty() {
        return Some((from.to_string(), fragment));
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            other => segments.push(other),
        }
    }
    let mut target = segments.join("/");
    if path.ends_with('/') || path.ends_with("/.") || path == "." || path.ends_with("..") {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Some((target, fragment))
}

/// Checks every page's relative links against the files and ids of the site.
pub fn check_links(
    pages: &[PageToCheck],
    other_files: &HashSet<&str>,
) -> (HashMap<String, HashSet<String>>, Vec<BuildError>) {
    let scans: Vec<(usize, Result<Scan, String>)> = pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| (i, scan(page.html)))
        .collect();
    let mut errors = Vec::new();
    let mut ids: HashMap<String, HashSet<String>> = HashMap::with_capacity(pages.len());
    let mut refs: Vec<(usize, Vec<String>)> = Vec::with_capacity(pages.len());
    for (i, result) in scans {
        match result {
            Ok(scan) => {
                ids.insert(pages[i].out_path.to_string(), scan.ids);
                refs.push((i, scan.refs));
            }
            Err(message) => errors.push(BuildError::in_file(
                pages[i].source,
                format!("HTML을 읽을 수 없습니다: {message}"),
            )),
        }
    }
    let link_errors: Vec<BuildError> = refs
        .par_iter()
        .flat_map_iter(|(i, urls)| {
            let page = &pages[*i];
            urls.iter()
                .filter_map(|url| check_one(page, url, &ids, other_files))
                .collect::<Vec<_>>()
        })
        .collect();
    errors.extend(link_errors);
    (ids, errors)
}

fn check_one(
    page: &PageToCheck,
    url: &str,
    ids: &HashMap<String, HashSet<String>>,
    other_files: &HashSet<&str>,
) -> Option<BuildError> {
    let line = page.link_lines.get(url).copied();
    if url.starts_with('/') && !url.starts_with("//") {
        return Some(BuildError::new(
            page.source,
            line,
            format!("절대 경로 링크입니다: {url} (하위 경로에 올려도 동작하도록 상대 경로나 @/ 링크를 쓰세요)"),
        ));
    }
    if !is_relative(url) {
        return None;
    }
    let Some((target, fragment)) = resolve_relative(page.out_path, url) else {
        return Some(BuildError::new(
            page.source,
            line,
            format!("링크가 사이트 밖을 가리킵니다: {url}"),
        ));
    };
    let target_ids = ids.get(&target);
    if target_ids.is_none() && !other_files.contains(target.as_str()) {
        return Some(BuildError::new(
            page.source,
            line,
            format!("링크 대상 파일이 없습니다: {url}"),
        ));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    match target_ids {
        Some(set) if !set.contains(&fragment) => Some(BuildError::new(
            page.source,
            line,
            format!("링크 대상 앵커가 없습니다: {url} (#{fragment}가 {target}에 없습니다)"),
        )),
        _ => None,
    }
}

/// Decodes `%XX` escapes (browsers escape Hangul and spaces in URLs); invalid escapes stay as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && text.is_char_boundary(i + 3) {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                decoded.push(byte);
                i += 3;
                continue;
            }
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_urls() {
        let from = "notice/01-overview/index.html";
        assert_eq!(
            resolve_relative(from, "../../notice/annex-1/#x"),
            Some(("notice/annex-1/index.html".into(), Some("x".into())))
        );
        assert_eq!(
            resolve_relative(from, "./"),
            Some(("notice/01-overview/index.html".into(), None))
        );
        assert_eq!(
            resolve_relative(from, "#a"),
            Some((from.into(), Some("a".into())))
        );
        assert_eq!(
            resolve_relative("index.html", "./"),
            Some(("index.html".into(), None))
        );
        assert_eq!(
            resolve_relative("index.html", "css/a.css"),
            Some(("css/a.css".into(), None))
        );
        assert_eq!(resolve_relative("index.html", "../x"), None);
        assert_eq!(
            resolve_relative("index.html", "notice/#%EC%82%AC"),
            Some(("notice/index.html".into(), Some("사".into())))
        );
    }

    #[test]
    fn relative_means_no_scheme_no_host_no_root() {
        assert!(is_relative("../a/"));
        assert!(is_relative("#x"));
        assert!(!is_relative("https://example.com"));
        assert!(!is_relative("mailto:a@b"));
        assert!(!is_relative("/abs"));
        assert!(!is_relative("//cdn"));
    }

    #[test]
    fn scan_finds_ids_and_links_with_entities() {
        let scan =
            scan("<h2 id=\"사업-목적\">a</h2><a href=\"..&#x2F;x/\">b</a><img src=\"i.png\">")
                .expect("scan");
        assert!(scan.ids.contains("사업-목적"));
        assert_eq!(scan.refs, ["../x/", "i.png"]);
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("notice/%EC%82%AC"), "notice/사");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("a%zz"), "a%zz");
    }
}
