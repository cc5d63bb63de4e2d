//! Korean money: parsing "3억 5천만" and friends, formatting "300,000,000원 (3억 원)".
//!
//! Visitors type amounts the way the notice writes them ("6천만원", "300백만원", "1,182천원"), so
//! every money field of every tool accepts those forms as well as plain numbers. Amounts are
//! whole won held in a [`Decimal`]: the notice never goes below one won, and decimals keep the
//! ratio arithmetic exact.
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Sanity bound for one money field (1조 원). Not a program rule: no amount in the program comes
/// near it, and it keeps every sum and product far from `Decimal`'s limits.
pub const MAX_WON: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 10^12

/// Longest digit run accepted in one number (before any unit): more is certainly a typo.
const MAX_DIGITS: usize = 16;

/// An amount in whole won (never fractional). Deserializes from a JSON/TOML integer or from a
/// Korean money string ([`parse_won`]); serializes as a JSON integer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Won(Decimal);

impl Won {
    pub const ZERO: Won = Won(Decimal::ZERO);

    /// A whole, non-negative amount within [`MAX_WON`]; `None` otherwise.
    pub fn new(value: Decimal) -> Option<Won> {
        (value.fract().is_zero() && !value.is_sign_negative() && value <= MAX_WON)
            .then(|| Won(value.normalize()))
    }

    /// An amount computed by the engine (sums may exceed [`MAX_WON`]); must still be whole.
    pub fn computed(value: Decimal) -> Option<Won> {
        value.fract().is_zero().then(|| Won(value.normalize()))
    }

    pub fn from_u64(value: u64) -> Won {
        Won(Decimal::from(value))
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn checked_add(self, other: Won) -> Option<Won> {
        self.0.checked_add(other.0).map(Won)
    }

    pub fn checked_sub(self, other: Won) -> Option<Won> {
        self.0.checked_sub(other.0).map(Won)
    }

    /// Sum of many amounts; `None` on overflow.
    pub fn checked_sum<I: IntoIterator<Item = Won>>(items: I) -> Option<Won> {
        items
            .into_iter()
            .try_fold(Won::ZERO, |acc, item| acc.checked_add(item))
    }
}

impl fmt::Display for Won {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_won(*self))
    }
}

impl Serialize for Won {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use rust_decimal::prelude::ToPrimitive;
        match self.0.to_i64() {
            // JS numbers are exact up to 2^53; every amount we emit is far below.
            Some(v) => serializer.serialize_i64(v),
            None => serializer.serialize_str(&self.0.to_string()),
        }
    }
}

impl<'de> Deserialize<'de> for Won {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Won, D::Error> {
        deserializer.deserialize_any(WonVisitor)
    }
}

struct WonVisitor;

impl serde::de::Visitor<'_> for WonVisitor {
    type Value = Won;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("금액(숫자 또는 \"3억 5천만원\" 같은 문자열)")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Won, E> {
        Won::new(Decimal::from(v)).ok_or_else(|| E::custom(MoneyError::TooLarge.message()))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Won, E> {
        if v < 0 {
            return Err(E::custom(MoneyError::Negative.message()));
        }
        Won::new(Decimal::from(v)).ok_or_else(|| E::custom(MoneyError::TooLarge.message()))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Won, E> {
        won_from_f64(v).map_err(|e| E::custom(e.message()))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Won, E> {
        parse_won(v).map_err(|e| E::custom(e.message()))
    }
}

/// Reads a JSON/TOML float as whole won, with one rule for every oddity: zero of either sign
/// (`-0`, `-0.0`) is 0원; any other negative is [`MoneyError::Negative`]; any non-whole value,
/// however tiny (`5e-324`, `1e-7`), is [`MoneyError::Fraction`]; above [`MAX_WON`], infinite or
/// not a number is [`MoneyError::TooLarge`] / [`MoneyError::NotANumber`]. Integers up to 1조 are
/// exact in an `f64`, so nothing is rounded.
pub fn won_from_f64(v: f64) -> Result<Won, MoneyError> {
    if v.is_nan() {
        return Err(MoneyError::NotANumber);
    }
    if v == 0.0 {
        return Ok(Won::ZERO);
    }
    if v < 0.0 {
        return Err(MoneyError::Negative);
    }
    if v.is_infinite() {
        return Err(MoneyError::TooLarge);
    }
    if v.fract() != 0.0 {
        return Err(MoneyError::Fraction);
    }
    Decimal::from_f64_retain(v)
        .and_then(Won::new)
        .ok_or(MoneyError::TooLarge)
}

/// Why a money string was refused. [`MoneyError::message`] says it in Korean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    Negative,
    /// A character that is neither a digit, a separator nor a unit.
    UnexpectedChar(char),
    BadComma,
    BadDecimalPoint,
    /// A unit repeated or out of order ("3억억", "5만 3억", "5백3천").
    UnitOrder(char),
    /// "3억 5천", "1억2": 5천 or 5천만? 2 or 2천만? The reader must say. Carries the two
    /// readings ("1억 2,000만 원", "100,000,002원") when both are amounts.
    Ambiguous(Option<(Won, Won)>),
    /// Not a number at all (NaN from a TOML `nan`).
    NotANumber,
    Fraction,
    TooLarge,
}

impl MoneyError {
    pub fn message(&self) -> String {
        match self {
            MoneyError::Empty => "금액을 입력해 주세요.".to_string(),
            MoneyError::Negative => "금액은 0원 이상이어야 합니다(음수는 입력할 수 없습니다).".to_string(),
            MoneyError::UnexpectedChar(c) => format!(
                "금액으로 읽을 수 없는 글자가 있습니다: '{c}'. 숫자와 조·억·만·천·백·십·원만 쓸 수 있습니다."
            ),
            MoneyError::BadComma => "쉼표(,) 위치가 올바르지 않습니다. 세 자리마다 찍어 주세요(예: 300,000,000).".to_string(),
            MoneyError::BadDecimalPoint => "소수점 표기가 올바르지 않습니다(예: 1.5억).".to_string(),
            MoneyError::UnitOrder(c) => format!(
                "단위 '{c}'가 반복되었거나 순서가 맞지 않습니다(예: 3억 5천만원)."
            ),
            MoneyError::Ambiguous(None) => "'억' 뒤의 숫자는 만 단위인지 알 수 없습니다. '3억 5천만원'처럼 '만'까지 적거나, 숫자만 적어 주세요(예: 350,000,000).".to_string(),
            MoneyError::Ambiguous(Some((as_man, literal))) => format!(
                "'억' 뒤의 숫자는 만 단위인지 알 수 없습니다: {}인지 {}원인지 적어 주세요(예: '{}' 또는 '{}').",
                format_korean(*as_man),
                format_digits(*literal),
                format_korean(*as_man),
                format_digits(*literal)
            ),
            MoneyError::NotANumber => "금액은 숫자로 입력해 주세요.".to_string(),
            MoneyError::Fraction => "1원 미만의 금액은 입력할 수 없습니다.".to_string(),
            MoneyError::TooLarge => "금액이 너무 큽니다(1조 원 이하로 입력해 주세요).".to_string(),
        }
    }
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for MoneyError {}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Num(Decimal),
    /// 십·백·천: power of ten inside a 만-group.
    Small(u32, char),
    /// 만·억·조: power of ten of a whole group.
    Big(u32, char),
}

/// Full-width digits and commas become ASCII; spaces go.
fn normalize(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => u32::from(c)
                .checked_sub(u32::from('０'))
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c),
            '，' => ',',
            '．' => '.',
            _ => c,
        })
        .collect()
}

/// Checks "1,234,567" grouping and builds the number (commas removed).
fn number_token(raw: &str) -> Result<Decimal, MoneyError> {
    let (int_part, frac_part) = match raw.split_once('.') {
        Some((i, f)) => {
            if f.contains('.') || f.contains(',') || f.is_empty() || i.is_empty() {
                return Err(MoneyError::BadDecimalPoint);
            }
            (i, Some(f))
        }
        None => (raw, None),
    };
    if int_part.contains(',') {
        let mut groups = int_part.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return Err(MoneyError::BadComma);
        }
    }
    let digits: String = int_part.chars().filter(|c| *c != ',').collect();
    if digits.len() > MAX_DIGITS || frac_part.is_some_and(|f| f.len() > MAX_DIGITS) {
        return Err(MoneyError::TooLarge);
    }
    let text = match frac_part {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    text.parse::<Decimal>().map_err(|_| MoneyError::TooLarge)
}

fn tokenize(chars: &[char]) -> Result<Vec<Token>, MoneyError> {
    let mut tokens = Vec::new();
    let mut number = String::new();
    for &c in chars {
        if c.is_ascii_digit() || c == ',' || c == '.' {
            number.push(c);
            continue;
        }
        if !number.is_empty() {
            tokens.push(Token::Num(number_token(&number)?));
            number.clear();
        }
        tokens.push(match c {
            '십' => Token::Small(1, c),
            '백' => Token::Small(2, c),
            '천' => Token::Small(3, c),
            '만' => Token::Big(4, c),
            '억' => Token::Big(8, c),
            '조' => Token::Big(12, c),
            _ => return Err(MoneyError::UnexpectedChar(c)),
        });
    }
    if !number.is_empty() {
        tokens.push(Token::Num(number_token(&number)?));
    }
    Ok(tokens)
}

fn pow10(exp: u32) -> Decimal {
    Decimal::from_i128_with_scale(10_i128.checked_pow(exp).unwrap_or(0), 0)
}

/// Parses a Korean money string into whole won.
///
/// Accepts "300000000", "300,000,000", "3억", "3억 5천만", "3억5천만원", "300백만원", "45만원",
/// "1,182천원", "6,000만원", "1.5억", full-width digits and spaces anywhere. Units 조·억·만 close a
/// group; 천·백·십 multiply inside a group or as a suffix ("300백만" = 300×100×10,000).
pub fn parse_won(text: &str) -> Result<Won, MoneyError> {
    let mut chars = normalize(text);
    if chars.first() == Some(&'₩') {
        chars.remove(0);
    }
    let ends_in_won = chars.last() == Some(&'원');
    if ends_in_won {
        chars.pop();
    }
    if chars.is_empty() {
        return Err(MoneyError::Empty);
    }
    if matches!(chars.first(), Some('-' | '−')) {
        // "-0" is 0원, like the number -0; any other amount after a minus is negative.
        let rest: String = chars.iter().skip(1).collect();
        return match parse_won(&rest) {
            Ok(w) if w.is_zero() && !rest.is_empty() && !rest.starts_with(['-', '−']) => Ok(w),
            _ => Err(MoneyError::Negative),
        };
    }
    let tokens = tokenize(&chars)?;
    let too_large = || MoneyError::TooLarge;

    let mut total = Decimal::ZERO;
    let mut group = Decimal::ZERO;
    let mut group_empty = true;
    let mut pending: Option<Decimal> = None;
    let mut last_small: Option<u32> = None;
    let mut last_big: Option<u32> = None;

    for token in tokens {
        match token {
            Token::Num(n) => {
                if pending.is_some() {
                    return Err(MoneyError::BadDecimalPoint);
                }
                pending = Some(n);
            }
            Token::Small(exp, c) => {
                if last_small.is_some_and(|prev| exp >= prev) {
                    return Err(MoneyError::UnitOrder(c));
                }
                let n = pending.take().unwrap_or(Decimal::ONE);
                let term = n.checked_mul(pow10(exp)).ok_or_else(too_large)?;
                group = group.checked_add(term).ok_or_else(too_large)?;
                group_empty = false;
                last_small = Some(exp);
            }
            Token::Big(exp, c) => {
                if last_big.is_some_and(|prev| exp >= prev) {
                    return Err(MoneyError::UnitOrder(c));
                }
                if let Some(n) = pending.take() {
                    group = group.checked_add(n).ok_or_else(too_large)?;
                } else if group_empty {
                    group = Decimal::ONE; // "만원" = 1만 원
                }
                let value = group.checked_mul(pow10(exp)).ok_or_else(too_large)?;
                total = total.checked_add(value).ok_or_else(too_large)?;
                group = Decimal::ZERO;
                group_empty = true;
                last_small = None;
                last_big = Some(exp);
            }
        }
    }
    if let Some(n) = pending {
        group = group.checked_add(n).ok_or_else(too_large)?;
    }
    // "3억 5천", "1억2", "3억 5000": a last group after 억·조 with no 만 is read as 5천만 / 2천만 by
    // many; refuse to guess, and offer both readings. A bare number written right before '원'
    // ("6억 1원", "1억 2,000원", the way amounts are shown) is won.
    let bare_won = ends_in_won && last_small.is_none();
    if let Some(big) = last_big.filter(|b| *b >= 8 && !group.is_zero() && !bare_won) {
        // The other reading: "3억 5천"/"3억 5000" → 3억 5천만; "1억2" → 1.2억 = 1억 2천만.
        let digits = u32::try_from(group.trunc().to_string().len()).unwrap_or(u32::MAX);
        let shift = if last_small.is_some() || digits >= 4 {
            big.saturating_sub(4)
        } else {
            big.saturating_sub(digits)
        };
        let readings = group
            .checked_mul(pow10(shift))
            .and_then(|g| total.checked_add(g))
            .and_then(Won::new)
            .zip(total.checked_add(group).and_then(Won::new));
        return Err(MoneyError::Ambiguous(readings));
    }
    total = total.checked_add(group).ok_or_else(too_large)?;
    if !total.fract().is_zero() {
        return Err(MoneyError::Fraction);
    }
    Won::new(total).ok_or(MoneyError::TooLarge)
}

/// "1234567" → "1,234,567".
fn group_thousands(digits: &str) -> String {
    let len = digits.chars().count();
    let mut out = String::with_capacity(len.saturating_add(len / 3));
    for (i, c) in digits.chars().enumerate() {
        let remaining = len.saturating_sub(i);
        if i > 0 && remaining % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Digits of a whole amount with thousands separators ("300,000,000").
pub fn format_digits(amount: Won) -> String {
    let text = amount.value().trunc().abs().to_string();
    let sign = if amount.value().is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", group_thousands(&text))
}

/// The Korean reading of an amount: "3억 5,000만 원", "45만 5,000원".
pub fn format_korean(amount: Won) -> String {
    let digits = amount.value().trunc().abs().to_string();
    // Split into 4-digit groups from the right: 조, 억, 만, (ones).
    let chars: Vec<char> = digits.chars().collect();
    let mut groups: Vec<u64> = Vec::new();
    for chunk in chars.rchunks(4) {
        let s: String = chunk.iter().collect();
        groups.push(s.parse().unwrap_or(0));
    }
    let units = ["", "만", "억", "조", "경"];
    let mut parts = Vec::new();
    for (i, g) in groups.iter().enumerate().rev() {
        if *g == 0 {
            continue;
        }
        let unit = units.get(i).copied().unwrap_or("?");
        parts.push(format!("{}{unit}", group_thousands(&g.to_string())));
    }
    let ones = groups.first().copied().unwrap_or(0);
    let sign = if amount.value().is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    if parts.is_empty() {
        return "0원".to_string();
    }
    let joined = parts.join(" ");
    if ones == 0 {
        format!("{sign}{joined} 원")
    } else {
        format!("{sign}{joined}원")
    }
}

/// "300,000,000원 (3억 원)"; amounts under 1만 원 have no reading to add ("5,000원", "0원").
pub fn format_won(amount: Won) -> String {
    let digits = format_digits(amount);
    if amount.value().abs() < Decimal::from(10_000) {
        return format!("{digits}원");
    }
    format!("{digits}원 ({})", format_korean(amount))
}

/// `part ≤ whole × percent / 100`, computed without division (exact at the boundary).
/// `None` only on overflow.
pub fn within_percent(part: Won, whole: Won, percent: u32) -> Option<bool> {
    let lhs = part.value().checked_mul(Decimal::ONE_HUNDRED)?;
    let rhs = whole.value().checked_mul(Decimal::from(percent))?;
    Some(lhs <= rhs)
}

/// `whole × percent / 100`, rounded down to the won (the largest amount still within the share).
pub fn percent_of_floor(whole: Won, percent: u32) -> Option<Won> {
    let v = whole
        .value()
        .checked_mul(Decimal::from(percent))?
        .checked_div(Decimal::ONE_HUNDRED)?
        .floor();
    Won::computed(v)
}

/// The smallest whole `w` with `part ≤ w × percent / 100`, i.e. `ceil(part × 100 / percent)`.
pub fn whole_for_percent_ceil(part: Won, percent: u32) -> Option<Won> {
    if percent == 0 {
        return None;
    }
    let v = part
        .value()
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(Decimal::from(percent))?
        .ceil();
    Won::computed(v)
}

/// `part / whole × 100`, to two decimals, for display; `None` when `whole` is zero.
pub fn share_percent(part: Won, whole: Won) -> Option<f64> {
    use rust_decimal::prelude::ToPrimitive;
    if whole.is_zero() {
        return None;
    }
    part.value()
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(whole.value())?
        .round_dp(2)
        .to_f64()
}

/// Input of the `money` tool: one amount, as a number or a Korean money string.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyInput {
    pub value: Won,
}

/// Output of the `money` tool: the amount read back in every form the site shows.
#[derive(Debug, Clone, Serialize)]
pub struct MoneyOutput {
    pub won: Won,
    /// "350,000,000"
    pub digits: String,
    /// "3억 5,000만 원"
    pub korean: String,
    /// "350,000,000원 (3억 5,000만 원)"
    pub formatted: String,
}

/// The `money` tool: lets a form show "3억 5,000만 원" as the visitor types.
pub fn evaluate(input: &MoneyInput) -> MoneyOutput {
    MoneyOutput {
        won: input.value,
        digits: format_digits(input.value),
        korean: format_korean(input.value),
        formatted: format_won(input.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn won(text: &str) -> u64 {
        use rust_decimal::prelude::ToPrimitive;
        parse_won(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .value()
            .to_u64()
            .unwrap()
    }

    #[test]
    fn max_won_is_one_jo() {
        assert_eq!(MAX_WON, Decimal::from(1_000_000_000_000_u64));
    }

    #[test]
    fn parses_plain_and_grouped_digits() {
        assert_eq!(won("300000000"), 300_000_000);
        assert_eq!(won("300,000,000"), 300_000_000);
        assert_eq!(won("1000000원"), 1_000_000);
        assert_eq!(won("0"), 0);
        assert_eq!(won("₩45,000"), 45_000);
    }

    #[test]
    fn parses_big_units() {
        assert_eq!(won("3억"), 300_000_000);
        assert_eq!(won("3억 5천만"), 350_000_000);
        assert_eq!(won("3억5천만원"), 350_000_000);
        assert_eq!(won("45만원"), 450_000);
        assert_eq!(won("6천만원"), 60_000_000);
        assert_eq!(won("6,000만원"), 60_000_000);
        assert_eq!(won("1조"), 1_000_000_000_000);
        assert_eq!(won("45만 5천원"), 455_000);
        assert_eq!(won("1만 5천"), 15_000);
        assert_eq!(won("만원"), 10_000);
        assert_eq!(won("천만원"), 10_000_000);
        assert_eq!(won("3천5백만"), 35_000_000);
    }

    #[test]
    fn parses_suffix_multipliers() {
        assert_eq!(won("300백만원"), 300_000_000);
        assert_eq!(won("50백만원"), 50_000_000);
        assert_eq!(won("1,182천원"), 1_182_000);
        assert_eq!(won("455천원"), 455_000);
        assert_eq!(won("10백만원"), 10_000_000);
    }

    #[test]
    fn parses_decimals_that_make_whole_won() {
        assert_eq!(won("1.5억"), 150_000_000);
        assert_eq!(won("0.5만"), 5_000);
    }

    #[test]
    fn tolerates_spaces_and_full_width_digits() {
        assert_eq!(won(" 3 억  5 천 만 원 "), 350_000_000);
        assert_eq!(won("３억"), 300_000_000);
        assert_eq!(won("３００，０００원"), 300_000);
    }

    #[test]
    fn rejects_with_reasons() {
        assert_eq!(parse_won(""), Err(MoneyError::Empty));
        assert_eq!(parse_won("  원 "), Err(MoneyError::Empty));
        assert_eq!(parse_won("-5억"), Err(MoneyError::Negative));
        assert_eq!(parse_won("abc"), Err(MoneyError::UnexpectedChar('a')));
        assert_eq!(parse_won("3억억"), Err(MoneyError::UnitOrder('억')));
        assert_eq!(parse_won("5만 3억"), Err(MoneyError::UnitOrder('억')));
        assert_eq!(parse_won("5백3천"), Err(MoneyError::UnitOrder('천')));
        assert_eq!(parse_won("1.5.6"), Err(MoneyError::BadDecimalPoint));
        assert_eq!(parse_won("1."), Err(MoneyError::BadDecimalPoint));
        assert_eq!(parse_won("1,00"), Err(MoneyError::BadComma));
        assert_eq!(parse_won("1234,567"), Err(MoneyError::BadComma));
        assert_eq!(parse_won("1.5"), Err(MoneyError::Fraction));
        assert!(matches!(
            parse_won("3억 5천"),
            Err(MoneyError::Ambiguous(_))
        ));
        assert_eq!(parse_won("2조"), Err(MoneyError::TooLarge));
        assert_eq!(parse_won("99999999999999999999"), Err(MoneyError::TooLarge));
        assert_eq!(parse_won("1000000000001"), Err(MoneyError::TooLarge));
        assert!(parse_won("1000000000000").is_ok());
        for bad in ["abc", "-5억", "3억억", "1.5.6", ""] {
            let message = parse_won(bad).unwrap_err().message();
            assert!(
                message.chars().any(|c| ('가'..='힣').contains(&c)),
                "{message}"
            );
        }
    }

    #[test]
    fn a_bare_number_after_eok_is_ambiguous_with_both_readings() {
        let e = parse_won("1억2").unwrap_err();
        assert_eq!(
            e,
            MoneyError::Ambiguous(Some((
                Won::from_u64(120_000_000),
                Won::from_u64(100_000_002)
            )))
        );
        let m = e.message();
        assert!(
            m.contains("1억 2,000만 원") && m.contains("100,000,002원"),
            "{m}"
        );
        for text in ["3억 5000", "1조 5", "3억 5천", "3억 5천원", "1억2천"] {
            assert!(
                matches!(parse_won(text), Err(MoneyError::Ambiguous(_))),
                "{text}"
            );
        }
        // Either reading, written out, is accepted; so is a bare number right before 원.
        assert_eq!(won("1억 2,000만 원"), 120_000_000);
        assert_eq!(won("100,000,002"), 100_000_002);
        assert_eq!(won("6억 1원"), 600_000_001);
        assert_eq!(won("1억 2,000원"), 100_002_000);
        // After 만 there is nothing to confuse: 45만 5000 is 455,000.
        assert_eq!(won("45만 5000"), 455_000);
        assert_eq!(won("3억 0"), 300_000_000);
    }

    #[test]
    fn float_edges_have_one_rule() {
        // Zero of either sign is zero.
        for z in [0.0_f64, -0.0] {
            assert_eq!(won_from_f64(z), Ok(Won::ZERO));
        }
        // Any non-whole amount, however tiny, is a fraction (5e-324 was read as 0원).
        for f in [
            5e-324_f64,
            1e-7,
            0.5,
            1.5,
            999_999_999_999.5,
            f64::MIN_POSITIVE,
        ] {
            assert_eq!(won_from_f64(f), Err(MoneyError::Fraction), "{f}");
        }
        for n in [-5e-324_f64, -1e-7, -1.0, -1e300, f64::NEG_INFINITY] {
            assert_eq!(won_from_f64(n), Err(MoneyError::Negative), "{n}");
        }
        assert_eq!(won_from_f64(1e12), Ok(Won::from_u64(1_000_000_000_000)));
        assert_eq!(won_from_f64(1e12 + 1.0), Err(MoneyError::TooLarge));
        assert_eq!(won_from_f64(1e300), Err(MoneyError::TooLarge));
        assert_eq!(won_from_f64(f64::INFINITY), Err(MoneyError::TooLarge));
        assert_eq!(won_from_f64(f64::NAN), Err(MoneyError::NotANumber));
        assert_eq!(won_from_f64(3e8), Ok(Won::from_u64(300_000_000)));
        // Through JSON: -0 and -0.0 are 0원; the strings "-0" and "-0원" too.
        for text in ["-0", "-0.0", "0.0", "-0e5", "\"-0\"", "\"-0원\"", "\"−0\""] {
            assert_eq!(
                serde_json::from_str::<Won>(text).unwrap(),
                Won::ZERO,
                "{text}"
            );
        }
        for text in ["5e-324", "1e-7", "0.1"] {
            let err = serde_json::from_str::<Won>(text).unwrap_err().to_string();
            assert!(err.contains("1원 미만"), "{text}: {err}");
        }
        assert!(parse_won("-0.5").is_err());
        assert_eq!(parse_won("-1"), Err(MoneyError::Negative));
    }

    #[test]
    fn formats_with_korean_reading() {
        let f = |n: u64| format_won(Won::from_u64(n));
        assert_eq!(f(300_000_000), "300,000,000원 (3억 원)");
        assert_eq!(f(350_000_000), "350,000,000원 (3억 5,000만 원)");
        assert_eq!(f(455_000), "455,000원 (45만 5,000원)");
        assert_eq!(f(0), "0원");
        assert_eq!(f(5_000), "5,000원");
        assert_eq!(f(10_000), "10,000원 (1만 원)");
        assert_eq!(f(1_182_000), "1,182,000원 (118만 2,000원)");
        assert_eq!(f(1_000_000_000_000), "1,000,000,000,000원 (1조 원)");
        assert_eq!(f(600_000_001), "600,000,001원 (6억 1원)");
    }

    #[test]
    fn deserializes_numbers_and_strings() {
        let a: Won = serde_json::from_str("300000000").unwrap();
        let b: Won = serde_json::from_str("\"3억\"").unwrap();
        let c: Won = serde_json::from_str("3e8").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert!(serde_json::from_str::<Won>("-1").is_err());
        assert!(serde_json::from_str::<Won>("1.5").is_err());
        assert!(serde_json::from_str::<Won>("1e300").is_err());
        assert!(serde_json::from_str::<Won>("true").is_err());
        assert_eq!(serde_json::to_string(&a).unwrap(), "300000000");
    }

    proptest::proptest! {
        #[test]
        fn format_then_parse_round_trips(n in 0_u64..=1_000_000_000_000) {
            let w = Won::from_u64(n);
            proptest::prop_assert_eq!(parse_won(&format_digits(w)), Ok(w));
            let korean = format_korean(w);
            proptest::prop_assert_eq!(parse_won(&korean), Ok(w), "{}", korean);
        }

        #[test]
        fn never_panics_on_any_text(s in "\\PC{0,40}") {
            let _ = parse_won(&s);
        }

        #[test]
        fn never_panics_on_money_like_text(s in "[0-9,.\\s억만천백십조원-]{0,30}") {
            if let Ok(w) = parse_won(&s) {
                proptest::prop_assert!(w.value() <= MAX_WON);
                proptest::prop_assert!(w.value().fract().is_zero());
            }
        }
    }
}
