//! Small input types shared by engine-B's tools (eligibility, score, KPI, self-assessment):
//! a three-way answer, numbers typed either as JSON numbers or as text, signed money and dates.
//!
//! They live here (not in a crate-level module) only because of file ownership during parallel
//! work; they are re-exported where needed and may move to a shared module later.
use crate::money::{parse_won, MoneyError};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A visitor's answer to a yes/no question. "잘 모르겠음" is a first-class answer: it leads to
/// "확인 필요", never to a silent guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Yes,
    No,
    Unknown,
}

/// A decimal number typed by a visitor or an author: a JSON/TOML number or a string such as
/// `"12.5"`, `"12.5%"` or `"1,234"`. Serializes as a string, so the JSON round trip is exact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Num(pub Decimal);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.normalize().to_string())
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Num, D::Error> {
        deserializer.deserialize_any(NumVisitor)
    }
}

struct NumVisitor;

impl serde::de::Visitor<'_> for NumVisitor {
    type Value = Num;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("숫자(예: 12.5 또는 \"12.5%\")")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Num, E> {
        Ok(Num(Decimal::from(v)))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Num, E> {
        Ok(Num(Decimal::from(v)))
    }

    /// Shortest round-trip text of the float, so `7.5` stays `7.5` and `0.1` stays `0.1`.
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Num, E> {
        parse_num(&v.to_string()).ok_or_else(|| E::custom("숫자로 읽을 수 없습니다."))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Num, E> {
        parse_num(v).ok_or_else(|| E::custom(format!("숫자로 읽을 수 없습니다: {v:?}")))
    }
}

/// Parses `"12.5"`, `" 12.5 % "`, `"1,234"`, `"-3"`, `"△3"` (Korean accounting minus).
pub fn parse_num(text: &str) -> Option<Num> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t).trim();
    let (negative, t) = match t.strip_prefix(['-', '△', '▲']) {
        Some(rest) => (true, rest.trim()),
        None => (false, t),
    };
    let cleaned: String = t.chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value = Decimal::from_str(&cleaned).ok()?;
    let value = if negative {
        Decimal::ZERO.checked_sub(value)?
    } else {
        value
    };
    Some(Num(value))
}

/// Money that may be negative (영업이익, 자본총계): a number, or a Korean money string
/// ([`parse_won`]) optionally preceded by `-` or `△`. Whole won.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct SignedWon(pub Decimal);

impl Serialize for SignedWon {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.normalize().to_string())
    }
}

impl<'de> Deserialize<'de> for SignedWon {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SignedWon, D::Error> {
        deserializer.deserialize_any(SignedWonVisitor)
    }
}

struct SignedWonVisitor;

impl SignedWonVisitor {
    fn whole<E: serde::de::Error>(value: Decimal) -> Result<SignedWon, E> {
        if !value.fract().is_zero() {
            return Err(E::custom(MoneyError::Fraction.message()));
        }
        if value.abs() > crate::money::MAX_WON {
            return Err(E::custom(MoneyError::TooLarge.message()));
        }
        Ok(SignedWon(value))
    }
}

impl serde::de::Visitor<'_> for SignedWonVisitor {
    type Value = SignedWon;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("금액(숫자 또는 \"3억원\", 손실은 \"-3억원\"·\"△3억원\")")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<SignedWon, E> {
        Self::whole(Decimal::from(v))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<SignedWon, E> {
        Self::whole(Decimal::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<SignedWon, E> {
        let n = parse_num(&v.to_string()).ok_or_else(|| E::custom("금액으로 읽을 수 없습니다."))?;
        Self::whole(n.0)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<SignedWon, E> {
        let t = v.trim();
        let (negative, rest) = match t.strip_prefix(['-', '△', '▲']) {
            Some(rest) => (true, rest.trim()),
            None => (false, t),
        };
        let won = parse_won(rest).map_err(|e| E::custom(e.message()))?;
        let value = if negative {
            Decimal::ZERO
                .checked_sub(won.value())
                .ok_or_else(|| E::custom(MoneyError::TooLarge.message()))?
        } else {
            won.value()
        };
        Ok(SignedWon(value))
    }
}

/// A calendar date `YYYY-MM-DD` (founding dates, rule dates). Ordered field by field, which is
/// chronological order; no time zone is involved because the notice counts whole days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day against the month (leap years included).
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let year: u16 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        if parts.next().is_some() || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days_in_month = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= days_in_month).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("날짜는 YYYY-MM-DD 형식이어야 합니다: {text:?}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_accepts_numbers_and_text() {
        let n: Num = serde_json::from_str("7.5").unwrap();
        assert_eq!(n.0, Decimal::new(75, 1));
        let n: Num = serde_json::from_str("\"12.5 %\"").unwrap();
        assert_eq!(n.0, Decimal::new(125, 1));
        let n: Num = serde_json::from_str("\"△1,200\"").unwrap();
        assert_eq!(n.0, Decimal::from(-1200));
        assert!(serde_json::from_str::<Num>("\"12a\"").is_err());
        assert!(serde_json::from_str::<Num>("\"\"").is_err());
    }

    #[test]
    fn num_json_round_trip_is_exact() {
        let n = Num(Decimal::new(1_000_000_000_000_001, 3));
        let text = serde_json::to_string(&n).unwrap();
        assert_eq!(serde_json::from_str::<Num>(&text).unwrap(), n);
    }

    #[test]
    fn signed_won_reads_losses() {
        let w: SignedWon = serde_json::from_str("\"△3억원\"").unwrap();
        assert_eq!(w.0, Decimal::from(-300_000_000));
        let w: SignedWon = serde_json::from_str("-5").unwrap();
        assert_eq!(w.0, Decimal::from(-5));
        assert!(serde_json::from_str::<SignedWon>("1.5").is_err());
    }

    #[test]
    fn dates_check_the_calendar() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("2024-1-1").is_some());
        assert!(Date::parse("2024-01-01-1").is_none());
        assert!(Date::parse("2024-01-01").unwrap() < Date::parse("2024-01-02").unwrap());
    }
}
