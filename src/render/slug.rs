//! Heading ids: readable slugs that keep Hangul, unique within a page.
use std::collections::HashSet;

/// Slug of a heading's text: letters and digits of any script are kept (so `사업 목적` → `사업-목적`),
/// ASCII is lowercased, whitespace becomes `-`, other punctuation is dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            slug.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-') && !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let trimmed = slug.trim_end_matches('-');
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The ids already used on one page; hands out `-1`, `-2` suffixes on collisions.
#[derive(Debug, Default)]
pub struct PageIds {
    used: HashSet<String>,
}

impl PageIds {
    /// Claims an id chosen by the author; returns false if it was already taken.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// A fresh id based on `base`.
    pub fn unique(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 1;
        loop {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_hangul_and_lowercases_ascii() {
        assert_eq!(slugify("사업 목적"), "사업-목적");
        assert_eq!(slugify("1. 사업 개요"), "1-사업-개요");
        assert_eq!(slugify("AI·DT 기반 (Smart) 공장!"), "aidt-기반-smart-공장");
        assert_eq!(slugify("  A  ·  B  "), "a-b");
        assert_eq!(slugify("!!!"), "section");
    }

    #[test]
    fn deduplicates_within_a_page() {
        let mut ids = PageIds::default();
        assert!(ids.reserve("개요-1"));
        assert_eq!(ids.unique("개요"), "개요");
        assert_eq!(ids.unique("개요"), "개요-2");
        assert_eq!(ids.unique("개요"), "개요-3");
        assert!(!ids.reserve("개요"));
    }
}
