//! Glossary term links: finds the first occurrence of each term in ordinary text.
use crate::glossary::Term;
use aho_corasick::{AhoCorasick, Input, MatchKind};

/// Matcher over every term and alias; built once and shared by all pages.
pub struct TermMatcher {
    automaton: AhoCorasick,
    /// Pattern index → glossary entry index.
    entry_of: Vec<usize>,
    /// Entry index → glossary id.
    ids: Vec<String>,
}

/// A stretch of a text event: plain, or a term occurrence to link.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    Plain(std::ops::Range<usize>),
    Term {
        range: std::ops::Range<usize>,
        id: usize,
    },
}

impl TermMatcher {
    /// `None` when there are no terms to match.
    pub fn new(terms: &[Term]) -> Option<Self> {
        let mut patterns = Vec::new();
        let mut entry_of = Vec::new();
        for (index, term) in terms.iter().enumerate() {
            for name in std::iter::once(&term.term).chain(&term.aliases) {
                if !name.trim().is_empty() {
                    patterns.push(name.as_str());
                    entry_of.push(index);
                }
            }
        }
        if patterns.is_empty() {
            return None;
        }
        // Leftmost-longest: "스마트공장" wins over "공장" where both are terms.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok()?;
        Some(Self {
            automaton,
            entry_of,
            ids: terms.iter().map(|t| t.id.clone()).collect(),
        })
    }

    /// Glossary id of the entry at `index`.
    pub fn id(&self, index: usize) -> &str {
        &self.ids[index]
    }

    /// Number of glossary entries (for the per-page "already linked" flags).
    pub fn entry_count(&self) -> usize {
        self.ids.len()
    }

    /// Splits `text` around the first occurrences of terms not yet `linked` on this page.
    /// Returns `None` when nothing in `text` gets linked.
    pub fn split(&self, text: &str, linked: &mut [bool]) -> Option<Vec<Piece>> {
        let mut pieces = Vec::new();
        let mut plain_from = 0;
        let mut search_from = 0;
        while search_from < text.len() {
            let input = Input::new(text).span(search_from..text.len());
            let Some(found) = self.automaton.find(input) else {
                break;
            };
            let entry = self.entry_of[found.pattern().as_usize()];
            let (start, end) = (found.start(), found.end());
            if linked[entry] {
                // Already linked on this page: skip the whole occurrence, so shorter terms
                // inside it ("기업" in "도입기업") are not linked in its place.
                search_from = end;
                continue;
            }
            if !on_word_boundaries(text, start, end) {
                search_from = next_char_boundary(text, start);
                continue;
            }
            linked[entry] = true;
            if plain_from < start {
                pieces.push(Piece::Plain(plain_from..start));
            }
            pieces.push(Piece::Term {
                range: start..end,
                id: entry,
            });
            plain_from = end;
            search_from = end;
        }
        if pieces.is_empty() {
            return None;
        }
        if plain_from < text.len() {
            pieces.push(Piece::Plain(plain_from..text.len()));
        }
        Some(pieces)
    }
}

/// Latin-letter terms must not match inside longer Latin words ("AI" in "AIDT"). Korean terms
/// must not start inside a word ("소기업" in "중소기업"), and may be followed only by a particle
/// or a common suffix ("공장을", "기업별"), not by more of a longer noun ("협업체" in "협업체계").
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    latin_boundaries(text, start, end) && hangul_boundaries(text, start, end)
}

/// Syllables that may follow a Korean term directly: particles and common suffixes.
const FOLLOWERS: &str = "은는이가을를의에와과로으도만별들께서인임란나며고및";

fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

fn hangul_boundaries(text: &str, start: usize, end: usize) -> bool {
    let matched = &text[start..end];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let starts_hangul = matched.chars().next().is_some_and(is_hangul_syllable);
    let ends_hangul = matched.chars().next_back().is_some_and(is_hangul_syllable);
    let glued_before = starts_hangul && before.is_some_and(is_hangul_syllable);
    let glued_after =
        ends_hangul && after.is_some_and(|c| is_hangul_syllable(c) && !FOLLOWERS.contains(c));
    !glued_before && !glued_after
}

fn latin_boundaries(text: &str, start: usize, end: usize) -> bool {
    let matched = &text[start..end];
    let starts_latin = matched
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let ends_latin = matched
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphanumeric());
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued_before = starts_latin && before.is_some_and(|c| c.is_ascii_alphanumeric());
    let glued_after = ends_latin && after.is_some_and(|c| c.is_ascii_alphanumeric());
    !glued_before && !glued_after
}

fn next_char_boundary(text: &str, from: usize) -> usize {
    text[from..]
        .chars()
        .next()
        .map_or(text.len(), |c| from + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(id: &str, name: &str, aliases: &[&str]) -> Term {
        Term {
            id: id.into(),
            term: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            full: None,
            definition: String::new(),
            see: None,
            line: 1,
        }
    }

    fn linked_words(matcher: &TermMatcher, text: &str, linked: &mut [bool]) -> Vec<String> {
        matcher
            .split(text, linked)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|piece| match piece {
                Piece::Term { range, .. } => Some(text[range].to_string()),
                Piece::Plain(_) => None,
            })
            .collect()
    }

    #[test]
    fn links_first_occurrence_longest_first() {
        let terms = [
            term("factory", "공장", &[]),
            term("smart", "스마트공장", &[]),
        ];
        let matcher = TermMatcher::new(&terms).expect("terms");
        let mut linked = vec![false; 2];
        let words = linked_words(&matcher, "스마트공장과 공장, 다시 공장", &mut linked);
        assert_eq!(words, ["스마트공장", "공장"]);
        assert!(linked_words(&matcher, "공장", &mut linked).is_empty());
    }

    #[test]
    fn latin_terms_respect_word_boundaries() {
        let terms = [term("ai", "AI", &["인공지능"])];
        let matcher = TermMatcher::new(&terms).expect("terms");
        let mut linked = vec![false];
        assert_eq!(linked_words(&matcher, "AIDT와 AI·DT", &mut linked), ["AI"]);
        let mut fresh = vec![false];
        assert_eq!(
            linked_words(&matcher, "AI를 쓰는 인공지능", &mut fresh),
            ["AI"]
        );
    }

    #[test]
    fn korean_terms_do_not_link_inside_longer_words() {
        let terms = [
            term("small", "소기업", &[]),
            term("collab", "협업체", &[]),
            term("company", "도입기업", &[]),
        ];
        let matcher = TermMatcher::new(&terms).expect("terms");
        let mut linked = vec![false; 3];
        assert!(linked_words(&matcher, "중소기업과 협업체계", &mut linked).is_empty());
        assert_eq!(
            linked_words(
                &matcher,
                "소기업은 협업체(컨소시엄)와 도입기업별로",
                &mut linked
            ),
            ["소기업", "협업체", "도입기업"]
        );
    }

    #[test]
    fn an_already_linked_term_hides_the_shorter_terms_inside_it() {
        let terms = [term("company", "도입기업", &[]), term("firm", "기업", &[])];
        let matcher = TermMatcher::new(&terms).expect("terms");
        let mut linked = vec![true, false];
        assert_eq!(
            linked_words(&matcher, "도입기업 그리고 기업", &mut linked),
            ["기업"]
        );
    }

    #[test]
    fn aliases_share_the_entry() {
        let terms = [term("ai", "AI", &["인공지능"])];
        let matcher = TermMatcher::new(&terms).expect("terms");
        let mut linked = vec![false];
        assert_eq!(
            linked_words(&matcher, "인공지능과 AI", &mut linked),
            ["인공지능"]
        );
    }
}
