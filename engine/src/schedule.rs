//! The `application_window` tool: is an application window open at a given instant?
//!
//! No date library: the browser passes epoch milliseconds, the CLI an RFC 3339 time, and the
//! civil-date arithmetic (Howard Hinnant's days-from-civil) is a few lines that are easy to test
//! to the second. Windows are half-open: open from `opens_at` (inclusive) until `closes_at`
//! (exclusive), so "17시까지" means closed from 17:00:00.
use crate::error::{check_cite, Assumption, RuleIssue, ToolError};
use serde::{Deserialize, Serialize};

/// One application window.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub id: String,
    pub name: String,
    /// RFC 3339 with offset.
    pub opens_at: String,
    /// False when the notice gives only the day (the engine then says it assumed 00:00).
    pub opens_time_stated: bool,
    /// RFC 3339 with offset; the first instant at which the window is closed.
    pub closes_at: String,
    /// The notice's words on the deadline, quoted in the assumption ("'17시까지'").
    pub closing_rule: String,
    /// What to do once the window has closed (said by the eligibility check after the deadline).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub closed_next_step: String,
    pub cite: String,
}

/// This tool's slice of the rules data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleRules {
    /// Offset of the notice's local time (KST) from UTC, in minutes.
    pub utc_offset_minutes: i32,
    pub window: Vec<Window>,
}

impl ScheduleRules {
    pub fn validate(&self) -> Vec<RuleIssue> {
        let mut issues = Vec::new();
        if self.window.is_empty() {
            issues.push(RuleIssue::new("window", "needs at least one window"));
        }
        if !(-14 * 60..=14 * 60).contains(&self.utc_offset_minutes) {
            issues.push(RuleIssue::new(
                "utc_offset_minutes",
                "must be within ±14 hours",
            ));
        }
        for (i, w) in self.window.iter().enumerate() {
            check_cite(&format!("window[{i}].cite"), &w.cite, &mut issues);
            let opens = parse_rfc3339(&w.opens_at);
            let closes = parse_rfc3339(&w.closes_at);
            if let Err(e) = &opens {
                issues.push(RuleIssue::new(format!("window[{i}].opens_at"), e.clone()));
            }
            if let Err(e) = &closes {
                issues.push(RuleIssue::new(format!("window[{i}].closes_at"), e.clone()));
            }
            if let (Ok(o), Ok(c)) = (opens, closes) {
                if o >= c {
                    issues.push(RuleIssue::new(
                        format!("window[{i}].closes_at"),
                        "must be after opens_at",
                    ));
                }
            }
        }
        issues
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
/// Inputs are range-checked by the caller (year 1..=9999), so the arithmetic can't overflow.
#[allow(clippy::arithmetic_side_effects)]
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count (inverse of [`days_from_civil`]): (year, month, day).
#[allow(clippy::arithmetic_side_effects)]
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(text: &str, range: std::ops::Range<usize>) -> Result<u32, String> {
    text.get(range)
        .filter(|s| s.chars().all(|c| c.is_ascii_digit()))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            format!("RFC 3339 시각을 읽을 수 없습니다: {text} (형식: YYYY-MM-DDTHH:MM:SS+09:00)")
        })
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` into epoch seconds (fraction dropped:
/// windows are to the second).
#[allow(clippy::arithmetic_side_effects)] // every operand is range-checked first
pub fn parse_rfc3339(text: &str) -> Result<i64, String> {
    let t = text.trim();
    let bad = || format!("RFC 3339 시각을 읽을 수 없습니다: {t} (형식: YYYY-MM-DDTHH:MM:SS+09:00)");
    let bytes = t.as_bytes();
    let sep_ok = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && bytes.get(13) == Some(&b':')
        && bytes.get(16) == Some(&b':');
    if !sep_ok {
        return Err(bad());
    }
    let year = i64::from(digits(t, 0..4)?);
    let month = digits(t, 5..7)?;
    let day = digits(t, 8..10)?;
    let hour = digits(t, 11..13)?;
    let minute = digits(t, 14..16)?;
    let second = digits(t, 17..19)?;
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
        || year == 0
    {
        return Err(format!("존재하지 않는 날짜·시각입니다: {t}"));
    }
    let mut rest = t.get(19..).ok_or_else(bad)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.chars().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Err(bad());
        }
        rest = frac.get(n..).ok_or_else(bad)?;
    }
    let offset_seconds = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.get(..1) {
                Some("+") => 1,
                Some("-") => -1,
                _ => return Err(format!("시간대(+09:00 또는 Z)가 필요합니다: {t}")),
            };
            if rest.len() != 6 || rest.get(3..4) != Some(":") {
                return Err(bad());
            }
            let oh = i64::from(digits(rest, 1..3)?);
            let om = i64::from(digits(rest, 4..6)?);
            if oh > 23 || om > 59 {
                return Err(bad());
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    let local = days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Ok(local - offset_seconds)
}

/// Epoch seconds → RFC 3339 in the given offset ("2031-03-10T17:00:00+09:00").
pub fn format_rfc3339(epoch_seconds: i64, offset_minutes: i32) -> String {
    let offset = i64::from(offset_minutes).saturating_mul(60);
    let local = epoch_seconds.saturating_add(offset);
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let off = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60,
        off / 60,
        off % 60
    )
}

/// Korean reading of a KST time: "2026년 6월 16일 17:00".
fn format_korean(epoch_seconds: i64, offset_minutes: i32) -> String {
    let local = epoch_seconds.saturating_add(i64::from(offset_minutes).saturating_mul(60));
    let (y, m, d) = civil_from_days(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    format!(
        "{y}년 {m}월 {d}일 {:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// Exactly one of `now` (RFC 3339) or `now_ms` (epoch milliseconds, from the browser).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowInput {
    #[serde(default)]
    pub now: Option<String>,
    #[serde(default)]
    pub now_ms: Option<i64>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum WindowStatus {
    NotYetOpen,
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowState {
    pub id: String,
    pub name: String,
    pub status: WindowStatus,
    /// Local (KST) RFC 3339.
    pub opens_at: String,
    pub closes_at: String,
    pub message: String,
    /// Seconds until the next change (opening or closing); null once closed.
    pub seconds_to_change: Option<i64>,
    /// Once closed: what to do instead (rules data); empty otherwise.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub next_step: String,
    pub cite: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct WindowOutput {
    /// The instant checked, in KST.
    pub now: String,
    pub windows: Vec<WindowState>,
    pub assumptions: Vec<Assumption>,
}

/// Year range accepted for `now` (keeps every later sum far from overflow).
const MIN_EPOCH: i64 = -62_135_596_800; // 0001-01-01T00:00:00Z
const MAX_EPOCH: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

pub fn evaluate(rules: &ScheduleRules, input: &WindowInput) -> Result<WindowOutput, ToolError> {
    let now = match (&input.now, input.now_ms) {
        (Some(text), None) => {
            parse_rfc3339(text).map_err(|m| ToolError::invalid_field("now", m))?
        }
        (None, Some(ms)) => {
            let s = ms.div_euclid(1000);
            if !(MIN_EPOCH..=MAX_EPOCH).contains(&s) {
                return Err(ToolError::invalid_field(
                    "now_ms",
                    "시각이 허용 범위(1~9999년)를 벗어났습니다.",
                ));
            }
            s
        }
        _ => {
            return Err(ToolError::invalid_field(
                "now",
                "now(RFC 3339 시각) 또는 now_ms(밀리초) 중 하나만 입력해 주세요.",
            ))
        }
    };
    let offset = rules.utc_offset_minutes;
    let mut windows = Vec::new();
    let mut assumptions = Vec::new();
    for w in &rules.window {
        let bad_rule = |e: String| ToolError::new("rules_invalid", format!("{}: {e}", w.id));
        let opens = parse_rfc3339(&w.opens_at).map_err(bad_rule)?;
        let closes = parse_rfc3339(&w.closes_at).map_err(bad_rule)?;
        let (status, message, change) = if now < opens {
            (
                WindowStatus::NotYetOpen,
                format!(
                    "{} 접수 전입니다. {}부터 접수합니다.",
                    w.name,
                    format_korean(opens, offset)
                ),
                Some(opens.saturating_sub(now)),
            )
        } else if now < closes {
            (
                WindowStatus::Open,
                format!(
                    "{} 접수 중입니다. {} 전에 제출을 완료해야 합니다.",
                    w.name,
                    format_korean(closes, offset)
                ),
                Some(closes.saturating_sub(now)),
            )
        } else {
            (
                WindowStatus::Closed,
                format!(
                    "{} 접수가 마감되었습니다({} 마감).",
                    w.name,
                    format_korean(closes, offset)
                ),
                None,
            )
        };
        if !w.opens_time_stated {
            assumptions.push(Assumption::new(
                format!(
                    "{}: 공고문에 접수 시작 시각이 없어 첫날 {}(한국 시각)부터 접수하는 것으로 보았습니다.",
                    w.name,
                    format_korean(opens, offset)
                ),
                w.cite.clone(),
            ));
        }
        assumptions.push(Assumption::new(
            format!(
                "{}: {}에 따라 {}:00부터 마감으로 보았습니다.",
                w.name,
                w.closing_rule,
                format_korean(closes, offset)
            ),
            w.cite.clone(),
        ));
        windows.push(WindowState {
            id: w.id.clone(),
            name: w.name.clone(),
            status,
            opens_at: format_rfc3339(opens, offset),
            closes_at: format_rfc3339(closes, offset),
            message,
            seconds_to_change: change,
            next_step: if status == WindowStatus::Closed {
                w.closed_next_step.clone()
            } else {
                String::new()
            },
            cite: w.cite.clone(),
        });
    }
    Ok(WindowOutput {
        now: format_rfc3339(now, offset),
        windows,
        assumptions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn parses_rfc3339_with_offsets() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Ok(0));
        assert_eq!(parse_rfc3339("1970-01-01T09:00:00+09:00"), Ok(0));
        assert_eq!(parse_rfc3339("1969-12-31T15:00:00-09:00"), Ok(0));
        assert_eq!(parse_rfc3339("1970-01-01T00:00:01.999Z"), Ok(1));
        assert_eq!(format_rfc3339(0, 540), "1970-01-01T09:00:00+09:00");
        for bad in [
            "",
            "2031-03-10",
            "2031-03-10T16:59:59",
            "2031-02-29T00:00:00Z",
            "2031-13-01T00:00:00Z",
            "2031-03-10T24:00:00Z",
            "2031-03-10T16:59:59+0900",
            "2031-03-10T16:59:59.Z",
            "２０３１-03-10T16:59:59Z",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
        }
        assert!(parse_rfc3339("2024-02-29T00:00:00Z").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn format_then_parse(s in MIN_EPOCH..=MAX_EPOCH, off in -840_i32..=840) {
            proptest::prop_assert_eq!(parse_rfc3339(&format_rfc3339(s, off)), Ok(s));
        }

        #[test]
        fn parse_never_panics(text in "\\PC{0,40}") {
            let _ = parse_rfc3339(&text);
        }
    }
}
