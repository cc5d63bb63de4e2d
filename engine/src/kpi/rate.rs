//! Improvement of one indicator from baseline to target, in the indicator's direction.
//! increase: (target − base) / base × 100; decrease: (base − target) / base × 100; a base of
//! zero or below leaves the rate undefined (flagged, never guessed). O/X indicators (안전 인증
//! 취득) are "achieve": X → O is the improvement.
use super::rules::Messages;
use crate::error::ToolError;
use crate::score::common::{parse_num, Num};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Which way is better.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Increase,
    Decrease,
    /// O/X: obtaining it is the goal.
    Achieve,
}

/// A baseline or target: a number, or O/X (`"O"`/`"X"` or `true`/`false`) for achieve indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    Number(Num),
    Flag(bool),
    /// Korean money text ("80억", "3억 5천만원"), whole won: a number only where the unit is 원.
    Amount(Num),
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Measure::Number(n) | Measure::Amount(n) => n.serialize(serializer),
            Measure::Flag(true) => serializer.serialize_str("O"),
            Measure::Flag(false) => serializer.serialize_str("X"),
        }
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Measure, D::Error> {
        deserializer.deserialize_any(MeasureVisitor)
    }
}

struct MeasureVisitor;

impl serde::de::Visitor<'_> for MeasureVisitor {
    type Value = Measure;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("숫자 또는 O/X")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Measure, E> {
        Ok(Measure::Flag(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Measure, E> {
        Ok(Measure::Number(Num(Decimal::from(v))))
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Measure, E> {
        Ok(Measure::Number(Num(Decimal::from(v))))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Measure, E> {
        if !v.is_finite() {
            return Err(E::custom("숫자로 읽을 수 없습니다."));
        }
        parse_num(&v.to_string())
            .map(Measure::Number)
            .ok_or_else(|| E::custom("숫자로 읽을 수 없습니다."))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Measure, E> {
        match v.trim() {
            "O" | "o" | "○" => Ok(Measure::Flag(true)),
            "X" | "x" | "×" => Ok(Measure::Flag(false)),
            other => match parse_num(other) {
                Some(n) => Ok(Measure::Number(n)),
                None => match crate::money::parse_won(other) {
                    Ok(w) => Ok(Measure::Amount(Num(w.value()))),
                    // Looks like money ("1억2", "80억원") but is not readable: say why.
                    Err(e) if other.contains(['억', '만', '천', '원', '조']) => {
                        Err(E::custom(e.message()))
                    }
                    Err(_) => Err(E::custom(format!("숫자 또는 O/X로 입력해 주세요: {v:?}"))),
                },
            },
        }
    }
}

/// What values a row accepts (from the indicator's rules, or the defaults for own indicators).
#[derive(Debug, Clone, Copy, Default)]
pub struct ValueRule {
    pub money: bool,
    pub allow_negative: bool,
    pub whole: bool,
    pub max: Option<Decimal>,
}

/// Checks one value against the row's rule; `Amount` becomes `Number` where money is allowed.
/// Returns the Korean message for the field otherwise.
pub fn check_value(rule: ValueRule, unit: &str, value: Measure) -> Result<Measure, String> {
    let n = match value {
        Measure::Flag(_) => return Ok(value),
        Measure::Number(n) => n,
        Measure::Amount(n) if rule.money => n,
        Measure::Amount(_) => {
            return Err(format!(
                "금액 표기(억·만·원)는 단위가 원인 지표에만 쓸 수 있습니다. 이 지표의 단위는 '{unit}'이니 숫자로 입력해 주세요."
            ))
        }
    };
    if n.0 < Decimal::ZERO && !rule.allow_negative {
        return Err(format!(
            "음수는 입력할 수 없습니다(단위: {unit}). 0 이상의 값을 입력해 주세요."
        ));
    }
    if rule.whole && !n.0.fract().is_zero() {
        return Err(format!("정수로 입력해 주세요(단위: {unit})."));
    }
    if let Some(max) = rule.max {
        if n.0 > max {
            return Err(format!(
                "{}보다 클 수 없습니다(단위: {unit}). 입력: {}.",
                max.normalize(),
                n.0.normalize()
            ));
        }
    }
    Ok(Measure::Number(n))
}

/// How a row came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// The target is better than the baseline (rate given when defined).
    Improves,
    /// The target is better, but the rate is undefined (baseline ≤ 0).
    RateUndefined,
    /// The target is equal to or worse than the baseline.
    NoImprovement,
}

pub struct Assessed {
    pub rate: Option<Num>,
    pub status: RowStatus,
    pub message: String,
}

/// Assesses one row; `field` names the row in errors.
pub fn assess(
    messages: &Messages,
    direction: Direction,
    baseline: Measure,
    target: Measure,
    field: &str,
) -> Result<Assessed, ToolError> {
    let done = |status, rate: Option<Decimal>, template: &str| Assessed {
        rate: rate.map(Num),
        status,
        message: template.replace("{rate}", &rate.map(|r| r.to_string()).unwrap_or_default()),
    };
    match (direction, baseline, target) {
        (Direction::Achieve, Measure::Flag(base), Measure::Flag(goal)) => Ok(match (base, goal) {
            (false, true) => done(RowStatus::Improves, None, &messages.achieve_planned),
            (true, true) => done(RowStatus::NoImprovement, None, &messages.already_achieved),
            (_, false) => done(RowStatus::NoImprovement, None, &messages.achieve_missing),
        }),
        (Direction::Achieve, _, _) => Err(ToolError::invalid_field(
            format!("{field}.target"),
            "O/X 지표는 현재값과 목표값을 O 또는 X로 입력해 주세요.",
        )),
        (_, Measure::Number(base), Measure::Number(goal)) => {
            let overflow = || ToolError::out_of_range("개선율");
            let gain = match direction {
                Direction::Decrease => base.0.checked_sub(goal.0),
                _ => goal.0.checked_sub(base.0),
            }
            .ok_or_else(overflow)?;
            if gain <= Decimal::ZERO {
                return Ok(done(
                    RowStatus::NoImprovement,
                    None,
                    &messages.no_improvement,
                ));
            }
            if base.0 <= Decimal::ZERO {
                return Ok(done(
                    RowStatus::RateUndefined,
                    None,
                    &messages.rate_undefined,
                ));
            }
            let rate = gain
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|scaled| scaled.checked_div(base.0))
                .ok_or_else(overflow)?
                .round_dp(2)
                .normalize();
            let template = match direction {
                Direction::Decrease => &messages.decrease,
                _ => &messages.increase,
            };
            Ok(done(RowStatus::Improves, Some(rate), template))
        }
        _ => Err(ToolError::invalid_field(
            format!("{field}.target"),
            "이 지표는 현재값과 목표값을 숫자로 입력해 주세요.",
        )),
    }
}
