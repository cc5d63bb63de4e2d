//! Point bands of the 기업 역량 table (annex 2): each band is "min 이상 ~ max 미만", so a band
//! is lower-inclusive and upper-exclusive, and the bands of one item must tile the number line
//! without gaps or overlaps. Comparisons are exact (no rounding): 11.999…% is below 12%.
use super::common::Num;
use crate::error::RuleIssue;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One row cell of the table: the points and the range of the rate that earns them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub points: Num,
    /// Inclusive lower bound in percent (이상); absent = no lower bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Num>,
    /// Exclusive upper bound in percent (미만); absent = no upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Num>,
    /// The cell text exactly as in the notice table (e.g. `12%미만~9%이상`).
    pub text: String,
}

/// A rate given as an exact fraction `numerator / denominator × 100` (denominator > 0), so a
/// band edge is tested by cross-multiplication instead of a rounded division.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    pub numerator: Decimal,
    pub denominator: Decimal,
}

impl Ratio {
    /// A rate typed directly in percent.
    pub fn percent(value: Decimal) -> Ratio {
        Ratio {
            numerator: value,
            denominator: Decimal::ONE_HUNDRED,
        }
    }

    /// `value ≥ bound` (percent), exactly; `None` on arithmetic overflow.
    fn at_least(&self, bound: Decimal) -> Option<bool> {
        let lhs = self.numerator.checked_mul(Decimal::ONE_HUNDRED)?;
        let rhs = bound.checked_mul(self.denominator)?;
        Some(lhs >= rhs)
    }

    /// The rate in percent, rounded to two decimals for display only.
    pub fn display_percent(&self) -> Option<Decimal> {
        let scaled = self.numerator.checked_mul(Decimal::ONE_HUNDRED)?;
        Some(
            scaled
                .checked_div(self.denominator)?
                .round_dp(2)
                .normalize(),
        )
    }
}

/// The band containing `rate`; `None` if no band does (impossible for validated bands) or on
/// overflow.
pub fn find_band<'a>(bands: &'a [Band], rate: &Ratio) -> Option<&'a Band> {
    bands.iter().find(|band| {
        let above_min = match band.min {
            Some(min) => rate.at_least(min.0),
            None => Some(true),
        };
        let below_max = match band.max {
            Some(max) => rate.at_least(max.0).map(|ge| !ge),
            None => Some(true),
        };
        above_min == Some(true) && below_max == Some(true)
    })
}

/// Checks that `bands` tile the line: ordered by bound, the first open below, the last open
/// above, each `max` equal to the next `min`, and every band non-empty.
pub fn validate_bands(key: &str, bands: &[Band], issues: &mut Vec<RuleIssue>) {
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by(|a, b| match (a.min, b.min) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(&y),
    });
    let (Some(first), Some(last)) = (sorted.first(), sorted.last()) else {
        issues.push(RuleIssue::new(key, "at least one band is required"));
        return;
    };
    if first.min.is_some() {
        issues.push(RuleIssue::new(
            key,
            "the lowest band must have no `min` (gap below)",
        ));
    }
    if last.max.is_some() {
        issues.push(RuleIssue::new(
            key,
            "the highest band must have no `max` (gap above)",
        ));
    }
    for band in &sorted {
        if let (Some(min), Some(max)) = (band.min, band.max) {
            if min >= max {
                issues.push(RuleIssue::new(
                    key,
                    format!("band {:?}: `min` must be below `max`", band.text),
                ));
            }
        }
        if band.text.trim().is_empty() {
            issues.push(RuleIssue::new(
                key,
                "every band needs its `text` from the notice",
            ));
        }
    }
    for pair in sorted.windows(2) {
        if let [lower, upper] = pair {
            if lower.max.is_none() || lower.max != upper.min {
                issues.push(RuleIssue::new(
                    key,
                    format!(
                        "bands {:?} and {:?} must meet exactly (`max` of one = `min` of the next): gap or overlap",
                        lower.text, upper.text
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(points: i64, min: Option<i64>, max: Option<i64>) -> Band {
        Band {
            points: Num(Decimal::from(points)),
            min: min.map(|v| Num(Decimal::from(v))),
            max: max.map(|v| Num(Decimal::from(v))),
            text: format!("{points}"),
        }
    }

    #[test]
    fn gaps_and_overlaps_are_reported() {
        let mut issues = Vec::new();
        validate_bands(
            "x",
            &[band(1, None, Some(3)), band(2, Some(3), None)],
            &mut issues,
        );
        assert!(issues.is_empty(), "{issues:?}");
        validate_bands(
            "gap",
            &[band(1, None, Some(3)), band(2, Some(4), None)],
            &mut issues,
        );
        assert_eq!(issues.len(), 1);
        validate_bands(
            "open",
            &[band(1, Some(0), Some(3)), band(2, Some(3), None)],
            &mut issues,
        );
        assert_eq!(issues.len(), 2);
        validate_bands("empty", &[], &mut issues);
        assert_eq!(issues.len(), 3);
    }

    #[test]
    fn exact_cross_multiplication_at_an_edge() {
        let bands = [band(1, None, Some(12)), band(5, Some(12), None)];
        // 11.9999…% (12 - 1e-20 of the base) must not round up into the 12% band.
        let just_below = Ratio {
            numerator: Decimal::from_i128_with_scale(11_999_999_999_999_999_999_999, 21),
            denominator: Decimal::ONE_HUNDRED,
        };
        assert_eq!(
            find_band(&bands, &just_below).map(|b| b.text.as_str()),
            Some("1")
        );
        let exactly = Ratio {
            numerator: Decimal::from(12),
            denominator: Decimal::from(100),
        };
        assert_eq!(
            find_band(&bands, &exactly).map(|b| b.text.as_str()),
            Some("5")
        );
        // 1/3 growth: 33.33…% — division would be inexact, cross-multiplication is not.
        let third = Ratio {
            numerator: Decimal::ONE,
            denominator: Decimal::from(3),
        };
        assert_eq!(
            find_band(&bands, &third).map(|b| b.text.as_str()),
            Some("5")
        );
    }
}
