//! Terms of the search index. `static/js/search.js` cuts queries with the same rules; the two
//! must agree character for character (tests on both sides use the same cases).
//!
//! Text is read as runs of units: a Hangul syllable (or hanja, or a compatibility jamo) is one
//! unit, a run of ASCII letters and digits is one unit (`c25`, `1077`, `sminfo`). Spaces do not end
//! a run, so spacing never matters (사업비 편성 = 사업비편성); any other character does
//! (`·`, `/`, brackets, quotes), except `,` and `.` between digits (`1,000` = `1000`).
//! Terms: every pair of neighbouring units (character bigrams: matches inside compounds), every
//! Latin/digit word with its prefixes, amounts (`#910000`), and single syllables in headings only
//! (one-syllable queries find headings; indexing every syllable of the text doubled the build cost).

/// Longest Latin/digit word kept (longer ones are cut).
const MAX_WORD: usize = 24;
/// Prefixes of Latin words are indexed from 2 characters up to this length.
const MAX_PREFIX: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Syllable,
    Word,
    Space,
    Break,
}

fn fold(c: char) -> char {
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\u{FF10}'..='\u{FF19}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{FF21}'..='\u{FF3A}' => char::from_u32(c as u32 - 0xFEE0 + 32).unwrap_or(c),
        _ => c,
    }
}

fn class(c: char) -> Class {
    match c {
        'a'..='z' | '0'..='9' => Class::Word,
        '\u{AC00}'..='\u{D7A3}' | '\u{3131}'..='\u{318E}' | '\u{4E00}'..='\u{9FFF}' => {
            Class::Syllable
        }
        ' ' | '\t' | '\n' | '\r' | '\u{A0}' | '\u{3000}' => Class::Space,
        _ => Class::Break,
    }
}

/// One unit: a syllable or a Latin/digit word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    Syllable(char),
    Word(String),
}

/// Runs of units, as described in the module comment.
pub fn runs(text: &str) -> Vec<Vec<Unit>> {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut runs = Vec::new();
    let mut run: Vec<Unit> = Vec::new();
    let mut word = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let cls = class(c);
        if cls == Class::Word {
            if word.len() < MAX_WORD {
                word.push(c);
            }
            i += 1;
            continue;
        }
        let digit_separator = (c == ',' || c == '.')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && !word.is_empty();
        if digit_separator {
            i += 1;
            continue;
        }
        if !word.is_empty() {
            run.push(Unit::Word(std::mem::take(&mut word)));
        }
        match cls {
            Class::Syllable => run.push(Unit::Syllable(c)),
            Class::Space | Class::Word => {}
            Class::Break => {
                if !run.is_empty() {
                    runs.push(std::mem::take(&mut run));
                }
            }
        }
        i += 1;
    }
    if !word.is_empty() {
        run.push(Unit::Word(word));
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// The term naming a pair of neighbouring units.
pub fn pair(a: &Unit, b: &Unit, out: &mut String) {
    out.clear();
    match (a, b) {
        (Unit::Word(x), Unit::Word(y)) => {
            out.push_str(x);
            out.push(' ');
            out.push_str(y);
        }
        _ => {
            push_unit(a, out);
            push_unit(b, out);
        }
    }
}

fn push_unit(u: &Unit, out: &mut String) {
    match u {
        Unit::Syllable(c) => out.push(*c),
        Unit::Word(w) => out.push_str(w),
    }
}

/// Calls `f` with every index term of `text` (repeats included, so counts are term frequencies);
/// returns the number of units (the text's length for ranking).
pub fn for_each_term(text: &str, syllables: bool, mut f: impl FnMut(&str)) -> usize {
    let mut buf = String::new();
    let mut units = 0;
    for run in runs(text) {
        units += run.len();
        for (i, unit) in run.iter().enumerate() {
            match unit {
                Unit::Syllable(c) => {
                    if syllables {
                        buf.clear();
                        buf.push(*c);
                        f(&buf);
                    }
                }
                Unit::Word(w) => {
                    f(w);
                    if !w.bytes().all(|b| b.is_ascii_digit()) {
                        for len in 2..w.len().min(MAX_PREFIX + 1) {
                            f(&w[..len]);
                        }
                    }
                }
            }
            if let Some(next) = run.get(i + 1) {
                pair(unit, next, &mut buf);
                f(&buf);
            }
            if let Some(won) = amount(&run, i) {
                f(&won);
            }
        }
    }
    units
}

/// Korean number units after digits, longest first, with their value.
pub const NUMBER_UNITS: [(&str, u64); 5] = [
    ("백만", 1_000_000),
    ("천만", 10_000_000),
    ("억", 100_000_000),
    ("만", 10_000),
    ("천", 1_000),
];

/// `#<value>` when the word at `i` is a number followed by a Korean number unit: 910천원 and
/// 91만 원 both give `#910000`. `#` never occurs in other terms.
pub fn amount(run: &[Unit], i: usize) -> Option<String> {
    let Unit::Word(digits) = &run[i] else {
        return None;
    };
    if digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: u64 = digits.parse().ok()?;
    for (unit, factor) in NUMBER_UNITS {
        let matches = unit
            .chars()
            .enumerate()
            .all(|(k, c)| matches!(run.get(i + 1 + k), Some(Unit::Syllable(s)) if *s == c));
        if matches {
            return Some(format!("#{}", value * factor));
        }
    }
    None
}

/// FNV-1a over the UTF-8 bytes: picks a term's index shard (the browser computes the same).
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let _ = for_each_term(text, true, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn spacing_is_ignored_and_separators_split() {
        assert_eq!(terms("사업비 편성"), terms("사업비편성"));
        let t = terms("도입·공급기업");
        assert!(t.contains(&"공급".to_string()));
        assert!(!t.contains(&"입공".to_string()));
    }

    #[test]
    fn latin_digits_and_codes() {
        let t = terms("C25 sminfo 1,000만원 91만원");
        for want in [
            "c25", "c2", "sminfo", "smin", "1000", "1000만", "만원", "91", "91만",
        ] {
            assert!(t.contains(&want.to_string()), "{want} in {t:?}");
        }
        assert!(!t.contains(&"10".to_string()), "numbers have no prefixes");
        assert_eq!(terms("ＡＩ"), terms("ai"));
        assert!(terms("910천원").contains(&"#910000".to_string()));
        assert!(terms("91만 원").contains(&"#910000".to_string()));
        assert!(terms("400백만원").contains(&"#400000000".to_string()));
    }

    #[test]
    fn shard_hash_matches_the_browser() {
        // The same values are asserted in tests/e2e/search.test.mjs for the browser's hash.
        assert_eq!(shard_of("", 1 << 31), 0x811c_9dc5 % (1 << 31));
        assert_eq!(shard_of("공급", 1_000_003), 921_308);
        assert_eq!(shard_of("c25", 97), 48);
    }
}
