//! Korean particles (조사) that agree with the word before them: 을/를, 이/가, 은/는, 과/와,
//! 으로/로 (and 이다/다 forms such as 이며/며 are left to the writer).
//!
//! The choice rests on how the last readable character is *pronounced*:
//! - a Hangul syllable: by its final consonant (받침); for 으로/로, a final ㄹ takes 로;
//! - digits: as the number is read in Sino-Korean (`1` 일 → 을, `2` 이 → 를, `10` 십 → 을,
//!   `100` 백, `1000` 천, `10000` 만, `100000000` 억 → 을, `0` 영 → 을; a decimal's last digit
//!   is read alone);
//! - Latin letters: as the letter is read in Korean (`C` 씨 → 를, `L` 엘 → 을, `M` 엠, `N` 엔,
//!   `R` 알 → 을; `L` and `R` end in ㄹ, so they take 로);
//! - `%` is read 퍼센트 (no final consonant).
//!
//! Closing brackets, quotes, spaces and full stops are skipped back to the last readable
//! character: `120억 원(2개년)` agrees with `년`. When nothing readable is found (an empty string,
//! a symbol, a Hanja), both forms are written as `을(를)`, the usual convention.

/// Which sound the word ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// Ends in a vowel (no 받침).
    Vowel,
    /// Ends in ㄹ (a 받침 that takes 로, not 으로).
    Rieul,
    /// Ends in any other final consonant.
    Consonant,
}

/// How `word` ends when read aloud, or `None` if it can't be told.
pub fn ending(word: &str) -> Option<Ending> {
    let trimmed = word.trim_end_matches(|c: char| c.is_whitespace() || is_skipped(c));
    let last = trimmed.chars().next_back()?;
    if last.is_ascii_digit() {
        return Some(number_ending(trimmed));
    }
    if last == '%' {
        return Some(Ending::Vowel);
    }
    if last.is_ascii_alphabetic() {
        return Some(letter_ending(last));
    }
    hangul_ending(last)
}

/// Characters passed over when looking for the last readable one.
fn is_skipped(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '>'
            | '"'
            | '\''
            | '.'
            | '」'
            | '』'
            | '》'
            | '〉'
            | '】'
            | '）'
            | '”'
            | '’'
            | '·'
    )
}

fn hangul_ending(c: char) -> Option<Ending> {
    let code = u32::from(c).checked_sub(0xAC00)?;
    if code >= 11_172 {
        return None;
    }
    Some(match code.checked_rem(28)? {
        0 => Ending::Vowel,
        8 => Ending::Rieul,
        _ => Ending::Consonant,
    })
}

/// The Korean name of a Latin letter: A 에이 … L 엘, M 엠, N 엔, R 알 … Z 제트.
fn letter_ending(c: char) -> Ending {
    match c.to_ascii_uppercase() {
        'L' | 'R' => Ending::Rieul,
        'M' | 'N' => Ending::Consonant,
        _ => Ending::Vowel,
    }
}

/// The reading of the number at the end of `text` (digits with `,` or `.` separators).
fn number_ending(text: &str) -> Ending {
    let run: String = text
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let run = run.trim_start_matches([',', '.']);
    // A decimal's digits after the point are read one by one.
    let digits: Vec<u8> = match run.rsplit_once('.') {
        Some((_, fraction)) if !fraction.is_empty() => {
            return digit_ending(fraction.bytes().last().unwrap_or(b'0'));
        }
        _ => run.bytes().filter(u8::is_ascii_digit).collect(),
    };
    let zeros = digits.iter().rev().take_while(|&&d| d == b'0').count();
    if zeros == digits.len() {
        return digit_ending(b'0'); // 영
    }
    match zeros {
        0 => digit_ending(digits.last().copied().unwrap_or(b'0')),
        1 => Ending::Consonant, // 십
        2 => Ending::Consonant, // 백
        3 => Ending::Consonant, // 천
        _ => match (zeros / 4) % 4 {
            // 만, 억, 조, 경 (the largest group unit that ends the reading)
            1 | 2 => Ending::Consonant,
            3 => Ending::Vowel, // 조
            _ => Ending::Consonant,
        },
    }
}

/// 영 일 이 삼 사 오 육 칠 팔 구.
fn digit_ending(d: u8) -> Ending {
    match d {
        b'1' | b'7' | b'8' => Ending::Rieul,
        b'2' | b'4' | b'5' | b'9' => Ending::Vowel,
        _ => Ending::Consonant, // 0 영, 3 삼, 6 육
    }
}

/// The pairs this module knows: (after a consonant, after a vowel).
const PAIRS: [(&str, &str); 5] = [
    ("을", "를"),
    ("이", "가"),
    ("은", "는"),
    ("과", "와"),
    ("으로", "로"),
];

/// The form of `particle` (either form of a pair, e.g. `"을"` or `"를"`, or `"을/를"`) that agrees
/// with `word`. An unknown particle is returned as given.
pub fn particle(word: &str, particle: &str) -> String {
    let wanted = particle.split('/').next().unwrap_or(particle);
    let Some(&(after_consonant, after_vowel)) =
        PAIRS.iter().find(|(c, v)| *c == wanted || *v == wanted)
    else {
        return particle.to_string();
    };
    let choice = match ending(word) {
        Some(Ending::Vowel) => after_vowel,
        Some(Ending::Rieul) if after_consonant == "으로" => after_vowel,
        Some(Ending::Rieul | Ending::Consonant) => after_consonant,
        None => return format!("{after_consonant}({after_vowel})"),
    };
    choice.to_string()
}

/// `word` followed by the agreeing form of `particle`: `attach("120억 원 이하", "을")` →
/// `"120억 원 이하를"`.
pub fn attach(word: &str, p: &str) -> String {
    let mut text = String::with_capacity(word.len().saturating_add(6));
    text.push_str(word);
    text.push_str(&particle(word, p));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cases: &[(&str, &str, &str)]) {
        for (word, p, want) in cases {
            assert_eq!(particle(word, p), *want, "{word} + {p}");
        }
    }

    #[test]
    fn hangul_by_final_consonant() {
        check(&[
            ("이하", "을", "를"),
            ("120억 원 이하", "을", "를"),
            ("한도", "이", "가"),
            ("총사업비", "이", "가"),
            ("정부출연금", "이", "이"),
            ("정부출연금", "가", "이"),
            ("기업", "은", "은"),
            ("회사", "은", "는"),
            ("사과", "과", "와"),
            ("수박", "와", "과"),
            ("서울", "으로", "로"),   // ㄹ takes 로
            ("부산", "으로", "으로"), // other 받침
            ("바다", "로", "로"),
            ("물", "을", "을"),
            ("물", "이", "이"),
        ]);
    }

    #[test]
    fn digits_read_in_sino_korean() {
        check(&[
            ("0", "을", "을"),         // 영
            ("1", "을", "을"),         // 일
            ("2", "을", "를"),         // 이
            ("3", "을", "을"),         // 삼
            ("4", "이", "가"),         // 사
            ("5", "은", "는"),         // 오
            ("6", "과", "과"),         // 육
            ("7", "으로", "로"),       // 칠
            ("8", "으로", "로"),       // 팔
            ("9", "을", "를"),         // 구
            ("10", "을", "을"),        // 십
            ("10", "으로", "으로"),    // 십
            ("100", "을", "을"),       // 백
            ("1000", "을", "을"),      // 천
            ("1,000", "을", "을"),     // 천
            ("10000", "을", "을"),     // 만
            ("100000", "을", "을"),    // 십만
            ("120000000", "이", "이"), // 1억 2천만
            ("12", "을", "를"),        // 십이
            ("2026", "을", "을"),      // 이천이십육
            ("1.5", "을", "를"),       // 일 점 오
            ("0.1", "으로", "로"),     // 영 점 일
            ("3 ", "을", "을"),
            ("50%", "을", "를"),           // 퍼센트
            ("1000000000000", "을", "를"), // 일조
        ]);
    }

    #[test]
    fn latin_letters_read_in_korean() {
        check(&[
            ("C", "을", "를"),   // 씨
            ("L", "을", "을"),   // 엘
            ("M", "을", "을"),   // 엠
            ("N", "이", "이"),   // 엔
            ("R", "을", "을"),   // 알
            ("R", "으로", "로"), // 알
            ("MES", "을", "를"), // 에스
            ("AI", "은", "는"),  // 아이
            ("KPI", "과", "와"), // 아이
            ("PLM", "을", "을"), // 엠
            ("ERP", "으로", "로"),
            ("e", "을", "를"),
        ]);
    }

    #[test]
    fn closing_brackets_quotes_and_spaces_are_skipped() {
        check(&[
            ("총사업비(VAT 제외)", "을", "를"), // 외
            ("'스마트공장'", "이", "이"),       // 장
            ("「중소기업기본법」", "은", "은"), // 법
            ("사업 (2개년) ", "을", "을"),      // 년
            ("120억 원.", "이", "이"),
            ("[C]", "을", "를"),
        ]);
    }

    #[test]
    fn unreadable_words_give_both_forms_and_unknown_particles_pass_through() {
        check(&[
            ("", "을", "을(를)"),
            ("—", "이", "이(가)"),
            ("漢", "으로", "으로(로)"),
            ("기업", "의", "의"),
            ("기업", "을/를", "을"),
        ]);
        assert_eq!(attach("120억 원 이하", "을"), "120억 원 이하를");
        assert_eq!(attach("3억 원", "이"), "3억 원이");
        assert_eq!(ending("한"), Some(Ending::Consonant));
        assert_eq!(ending("일"), Some(Ending::Rieul));
        assert_eq!(ending("가"), Some(Ending::Vowel));
    }
}
