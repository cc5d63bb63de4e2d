//! Sections of a rendered page, read from its HTML: the text inside `<main>`, cut at headings and
//! at anchored units (glossary entries, captioned tables, form questions), with page furniture
//! (navigation, scripts, buttons, hidden helpers) left out.
//!
//! A hand-written scanner rather than an HTML parser: the input is this generator's own output, and
//! the scan runs over every page of a 10,000-page site within the build-time budget.

/// One searchable unit of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Fragment id without `#`; empty means the top of the page.
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// Elements whose text is furniture, not content.
const SKIP: [&str; 9] = [
    "nav", "script", "style", "template", "noscript", "button", "svg", "select", "textarea",
];
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];
/// Children whose text titles an anchored unit.
const TITLES: [&str; 4] = ["dt", "legend", "caption", "summary"];

struct Open {
    name: String,
    skip: bool,
    /// This element opened a unit section; closing it returns to `resume`.
    resume: Option<usize>,
    /// Closing this element ends the capture of a heading.
    ends_heading: bool,
}

/// Splits the `<main>` of `html` into sections; the first one is titled by the page's `<h1>`.
pub fn sections(html: &str) -> Vec<Section> {
    let Some(start) = find_main(html) else {
        return Vec::new();
    };
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |i| start + i);
    let body = &html[start..end];
    let mut out = vec![Section {
        anchor: String::new(),
        heading: String::new(),
        text: String::new(),
    }];
    let mut current = 0usize;
    let mut stack: Vec<Open> = Vec::new();
    let mut skipping = 0usize;
    // Section whose heading text is being captured (None: text goes to the body).
    let mut capturing: Option<usize> = None;
    // A unit opened but not yet titled: its first dt/legend/caption gives the heading.
    let mut untitled: Option<usize> = None;
    let mut first_h1 = true;
    let mut pos = 0;
    while pos < body.len() {
        let Some(lt) = body[pos..].find('<').map(|i| pos + i) else {
            if skipping == 0 {
                push_text(
                    &mut out,
                    capturing.unwrap_or(current),
                    capturing.is_some(),
                    &body[pos..],
                );
            }
            break;
        };
        if lt > pos && skipping == 0 {
            push_text(
                &mut out,
                capturing.unwrap_or(current),
                capturing.is_some(),
                &body[pos..lt],
            );
        }
        if body[lt..].starts_with("<!--") {
            pos = body[lt..].find("-->").map_or(body.len(), |i| lt + i + 3);
            continue;
        }
        let tag_end = tag_end(body, lt);
        let tag = &body[lt + 1..tag_end.saturating_sub(1).max(lt + 1)];
        pos = tag_end;
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            while let Some(open) = stack.pop() {
                if open.skip {
                    skipping -= 1;
                }
                if open.ends_heading {
                    capturing = None;
                }
                if let Some(resume) = open.resume {
                    if untitled == Some(current) {
                        untitled = None;
                    }
                    current = resume;
                }
                if open.name == name {
                    break;
                }
            }
            if skipping == 0 && is_block(&name) {
                push_text(
                    &mut out,
                    capturing.unwrap_or(current),
                    capturing.is_some(),
                    " ",
                );
            }
            continue;
        }
        let (name, attrs) = split_tag(tag);
        if name.is_empty() {
            continue;
        }
        let self_closing = tag.ends_with('/');
        if VOID.contains(&name.as_str()) || self_closing {
            if skipping == 0 {
                push_text(
                    &mut out,
                    capturing.unwrap_or(current),
                    capturing.is_some(),
                    " ",
                );
            }
            continue;
        }
        let skip = skipping > 0
            || SKIP.contains(&name.as_str())
            || attr(attrs, "aria-hidden").as_deref() == Some("true")
            || attr(attrs, "hidden").is_some()
            || attr(attrs, "data-search-skip").is_some();
        let mut open = Open {
            name: name.clone(),
            skip: skip && skipping == 0,
            resume: None,
            ends_heading: false,
        };
        if open.skip {
            skipping += 1;
        }
        if skipping == 0 {
            let id = attr(attrs, "id");
            let is_heading = matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            if is_heading {
                if name == "h1" && first_h1 {
                    // The page title: the first section's heading.
                    first_h1 = false;
                    capturing = Some(0);
                    open.ends_heading = true;
                } else {
                    out.push(Section {
                        anchor: id.unwrap_or_default(),
                        heading: String::new(),
                        text: String::new(),
                    });
                    current = out.len() - 1;
                    capturing = Some(current);
                    open.ends_heading = true;
                    untitled = None;
                }
            } else if let Some(id) = id.filter(|_| is_unit(&name, attrs)) {
                out.push(Section {
                    anchor: id,
                    heading: String::new(),
                    text: String::new(),
                });
                open.resume = Some(current);
                current = out.len() - 1;
                untitled = Some(current);
            } else if TITLES.contains(&name.as_str())
                && untitled == Some(current)
                && capturing.is_none()
            {
                capturing = Some(current);
                open.ends_heading = true;
                untitled = None;
            }
            if is_block(&name) {
                push_text(
                    &mut out,
                    capturing.unwrap_or(current),
                    capturing.is_some(),
                    " ",
                );
            }
        }
        stack.push(open);
    }
    let title = squeeze(&out[0].heading);
    for section in &mut out {
        section.heading = squeeze(&section.heading);
        section.text = squeeze(&section.text);
        if section.heading.is_empty() {
            section.heading.clone_from(&title);
        }
    }
    // The page-top section stays (it carries the title); empty units do not.
    let mut index = 0;
    out.retain(|s| {
        index += 1;
        index == 1 || !s.text.is_empty() || !s.anchor.is_empty()
    });
    out
}

fn find_main(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<main") {
        let at = from + i;
        let next = html.as_bytes().get(at + 5).copied();
        if matches!(next, Some(b'>' | b' ' | b'\n' | b'\t')) {
            return Some(tag_end(html, at));
        }
        from = at + 5;
    }
    None
}

/// Index just past the `>` closing the tag that starts at `lt` (quotes respected).
fn tag_end(s: &str, lt: usize) -> usize {
    let bytes = s.as_bytes();
    let mut quote = 0u8;
    let mut i = lt + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else if b == b'"' || b == b'\'' {
            quote = b;
        } else if b == b'>' {
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

fn split_tag(tag: &str) -> (String, &str) {
    let cut = tag
        .find(|c: char| c.is_ascii_whitespace() || c == '/')
        .unwrap_or(tag.len());
    (tag[..cut].to_ascii_lowercase(), &tag[cut..])
}

/// Value of attribute `name` (`Some("")` when present without a value).
fn attr(attrs: &str, name: &str) -> Option<String> {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let key_start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && bytes[i] != b'='
            && bytes[i] != b'/'
        {
            i += 1;
        }
        let key = &attrs[key_start..i];
        let mut value = None;
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                let v_start = i + 1;
                let v_end = attrs[v_start..]
                    .find(q as char)
                    .map_or(attrs.len(), |e| v_start + e);
                value = Some(&attrs[v_start..v_end]);
                i = v_end + 1;
            } else {
                let v_start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = Some(&attrs[v_start..i]);
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(decode(value.unwrap_or("")));
        }
        if key.is_empty() {
            i += 1;
        }
    }
    None
}

/// Anchored elements that are searchable units of their own.
fn is_unit(name: &str, attrs: &str) -> bool {
    matches!(name, "fieldset" | "table" | "dt")
        || attr(attrs, "data-search-section").is_some()
        || attr(attrs, "class").is_some_and(|c| c.split_whitespace().any(|c| c == "glossary-entry"))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "caption"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "fieldset"
            | "legend"
            | "label"
            | "details"
            | "summary"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "option"
            | "output"
    )
}

fn push_text(out: &mut [Section], index: usize, heading: bool, raw: &str) {
    let target = if heading {
        &mut out[index].heading
    } else {
        &mut out[index].text
    };
    if raw.contains('&') {
        target.push_str(&decode(raw));
    } else {
        target.push_str(raw);
    }
}

/// Decodes the entities this generator's escapers write (and numeric ones).
pub fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest.bytes().take(12).position(|b| b == b';');
        let decoded = semi.and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                    } else if let Some(dec) = name.strip_prefix('#') {
                        dec.parse().ok().and_then(char::from_u32)
                    } else {
                        None
                    }
                }
            };
            c.map(|c| (c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collapses runs of whitespace into one space and trims.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_main_at_headings_and_units_and_drops_furniture() {
        let html = r##"<body><nav>메뉴</nav><aside>배너 2026-04-27</aside><main id="main">
<h1>제목</h1><nav class="toc"><a href="#a">목차</a></nav><p>머리말 &amp; 소개</p>
<h2 id="a">첫 절</h2><p>본문 <a href="x">링크</a> 글</p>
<div class="glossary-entry" id="term-x"><dt>공급기업 <span>(Supplier)</span></dt><dd>뜻풀이</dd></div>
<p>다시 첫 절</p><script>var a = "<h2>";</script>
<fieldset id="q-1"><legend>질문?</legend><button>고르기</button></fieldset>
<h3>번호 없는 절</h3><p>끝</p></main><footer>바닥</footer>"##;
        let got = sections(html);
        let brief: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            brief,
            vec![
                ("", "제목", "머리말 & 소개"),
                ("a", "첫 절", "본문 링크 글 다시 첫 절"),
                ("term-x", "공급기업 (Supplier)", "뜻풀이"),
                ("q-1", "질문?", ""),
                ("", "번호 없는 절", "끝"),
            ]
        );
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(decode("a&amp;b&#39;c&#x2F;d&lt;"), "a&b'c/d<");
        assert_eq!(decode("R&D &x"), "R&D &x");
    }
}
