//! The `small_business` tool: is the company a 소기업 under annex 6 (which decides whether cloud
//! service fees may be budgeted for 5 years instead of 3)?
//!
//! The table, the seat exceptions and the KSIC section ranges are data
//! (`content/rules/small_business.toml`); this module only matches codes and compares revenue.
use crate::error::{check_cite, Assumption, RuleIssue, ToolError};
use crate::money::{format_won, Won};
use serde::{Deserialize, Serialize};

/// One row of the annex 6 table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndustryRow {
    pub no: u32,
    pub name: String,
    /// KSIC code: a section letter, optionally followed by division digits ("C25", "D", "E").
    pub code: String,
    /// Codes inside `code` that this row leaves out ("E (E36 제외)").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<String>,
    /// 평균매출액등 N원 이하.
    pub max_revenue: Won,
    pub cite: String,
}

/// "위 표 제27호에도 불구하고 …": a narrower activity inside a 5-digit code with its own limit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatException {
    /// The table row it overrides.
    pub row: u32,
    pub within: String,
    pub parent_name: String,
    pub name: String,
    pub max_revenue: Won,
    pub cite: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudFeeRules {
    pub default_years: u32,
    pub small_business_years: u32,
    pub cite: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManufacturingRule {
    /// The KSIC section of manufacturing ("C").
    pub section: String,
    pub cite: String,
}

/// A KSIC section and its 2-digit division range, to read digit-only codes ("25112" → C).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KsicSection {
    pub letter: String,
    pub from: u32,
    pub to: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KsicRules {
    pub sections: Vec<KsicSection>,
    pub cite: String,
}

/// This tool's slice of the rules data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmallBusinessRules {
    pub cite: String,
    pub cloud_fee: CloudFeeRules,
    pub manufacturing: ManufacturingRule,
    pub ksic: KsicRules,
    pub row: Vec<IndustryRow>,
    #[serde(default)]
    pub exception: Vec<SeatException>,
}

/// A KSIC code split into its section letter and division digits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Code {
    section: char,
    digits: String,
}

impl Code {
    fn parse(text: &str) -> Option<Code> {
        let mut chars = text.chars();
        let section = chars.next()?.to_ascii_uppercase();
        let digits: String = chars.collect();
        (section.is_ascii_uppercase() && digits.chars().all(|c| c.is_ascii_digit()))
            .then_some(Code { section, digits })
    }

    /// Is `self` inside `other` (same section, digits extend `other`'s)?
    fn within(&self, other: &Code) -> bool {
        self.section == other.section && self.digits.starts_with(&other.digits)
    }

    /// Could `self` (a shorter code) contain `other`?
    fn may_contain(&self, other: &Code) -> bool {
        self.section == other.section && other.digits.starts_with(&self.digits)
    }

    fn text(&self) -> String {
        format!("{}{}", self.section, self.digits)
    }
}

impl SmallBusinessRules {
    pub fn validate(&self) -> Vec<RuleIssue> {
        let mut issues = Vec::new();
        check_cite("cite", &self.cite, &mut issues);
        check_cite("cloud_fee.cite", &self.cloud_fee.cite, &mut issues);
        check_cite("manufacturing.cite", &self.manufacturing.cite, &mut issues);
        check_cite("ksic.cite", &self.ksic.cite, &mut issues);
        if self.cloud_fee.small_business_years < self.cloud_fee.default_years {
            issues.push(RuleIssue::new(
                "cloud_fee.small_business_years",
                "must be at least default_years",
            ));
        }
        for (i, s) in self.ksic.sections.iter().enumerate() {
            if s.letter.len() != 1 || s.from > s.to {
                issues.push(RuleIssue::new(
                    format!("ksic.sections[{i}]"),
                    "letter must be one letter and from ≤ to",
                ));
            }
        }
        for (i, row) in self.row.iter().enumerate() {
            check_cite(&format!("row[{i}].cite"), &row.cite, &mut issues);
            if Code::parse(&row.code).is_none() {
                issues.push(RuleIssue::new(
                    format!("row[{i}].code"),
                    "must be a section letter and digits",
                ));
            }
            if self.row.iter().filter(|r| r.code == row.code).count() > 1 {
                issues.push(RuleIssue::new(
                    format!("row[{i}].code"),
                    format!("duplicate code {:?}", row.code),
                ));
            }
            if row.max_revenue.is_zero() {
                issues.push(RuleIssue::new(
                    format!("row[{i}].max_revenue"),
                    "must be positive",
                ));
            }
        }
        for (i, e) in self.exception.iter().enumerate() {
            check_cite(&format!("exception[{i}].cite"), &e.cite, &mut issues);
            let inside = self
                .row
                .iter()
                .find(|r| r.no == e.row)
                .and_then(|r| Some(Code::parse(&e.within)?.within(&Code::parse(&r.code)?)));
            if inside != Some(true) {
                issues.push(RuleIssue::new(
                    format!("exception[{i}].within"),
                    "must be a code inside the row it overrides",
                ));
            }
        }
        issues
    }

    /// Reads "C25", "c251", "25112", "E36", "D" (spaces, dots and dashes ignored).
    fn read_code(&self, raw: &str) -> Result<Code, String> {
        let cleaned: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-'))
            .collect();
        let first = cleaned.chars().next().ok_or("분류기호를 입력해 주세요.")?;
        if first.is_ascii_digit() {
            let division: u32 = cleaned
                .get(..2)
                .and_then(|d| d.parse().ok())
                .ok_or("숫자만 입력할 때는 중분류 2자리 이상을 입력해 주세요(예: 25112).")?;
            let letter = self
                .ksic
                .sections
                .iter()
                .find(|s| (s.from..=s.to).contains(&division))
                .and_then(|s| s.letter.chars().next())
                .ok_or(format!(
                    "한국표준산업분류에 없는 중분류입니다: {division:02}"
                ))?;
            return Code::parse(&format!("{letter}{cleaned}"))
                .ok_or_else(|| format!("분류기호를 읽을 수 없습니다: {raw}"));
        }
        let code = Code::parse(&cleaned)
            .filter(|c| c.digits.len() != 1)
            .ok_or_else(|| format!("분류기호를 읽을 수 없습니다: {raw} (예: C25, 25112, D)"))?;
        if let Some(d) = code.digits.get(..2).and_then(|d| d.parse::<u32>().ok()) {
            let matches_section = self
                .ksic
                .sections
                .iter()
                .any(|s| s.letter.starts_with(code.section) && (s.from..=s.to).contains(&d));
            if !matches_section {
                return Err(format!(
                    "{}의 중분류 {d:02}는 대분류 {}에 속하지 않습니다.",
                    code.text(),
                    code.section
                ));
            }
        }
        Ok(code)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmallBusinessInput {
    /// KSIC code of the company's main industry.
    pub ksic: String,
    /// 평균매출액등; without it the answer is "needs checking".
    #[serde(default)]
    pub average_revenue: Option<Won>,
    /// For codes under C31202/C31322: is it seat manufacturing? `null` = don't know.
    #[serde(default)]
    pub seat_manufacturing: Option<bool>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SmallStatus {
    Small,
    NotSmall,
    NeedsChecking,
}

/// The table row (or exception) the answer rests on.
#[derive(Debug, Clone, Serialize)]
pub struct Basis {
    pub row: u32,
    pub name: String,
    pub code: String,
    pub max_revenue: Won,
    /// "평균매출액등 120억 원 이하"
    pub threshold_text: String,
    pub cite: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub message: String,
    pub cite: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SmallBusinessOutput {
    pub status: SmallStatus,
    pub message: String,
    pub code: String,
    /// The row applied; null when it can't be told (several rows possible, or none).
    pub basis: Option<Basis>,
    /// Other rows still possible (when the code is too short or the seat question is open).
    pub candidates: Vec<Basis>,
    /// Cloud service fee budget years: 5 for a 소기업, 3 otherwise, null when unknown.
    pub cloud_fee_years: Option<u32>,
    pub cloud_fee_message: String,
    pub cloud_fee_cite: String,
    pub notes: Vec<Note>,
    pub assumptions: Vec<Assumption>,
}

fn basis_of_row(row: &IndustryRow) -> Basis {
    Basis {
        row: row.no,
        name: row.name.clone(),
        code: row.code.clone(),
        max_revenue: row.max_revenue,
        threshold_text: threshold_text(row.max_revenue),
        cite: row.cite.clone(),
    }
}

fn basis_of_exception(e: &SeatException) -> Basis {
    Basis {
        row: e.row,
        name: format!("{} 중 {}", e.parent_name, e.name),
        code: e.within.clone(),
        max_revenue: e.max_revenue,
        threshold_text: threshold_text(e.max_revenue),
        cite: e.cite.clone(),
    }
}

fn threshold_text(max: Won) -> String {
    format!("평균매출액등 {} 이하", crate::money::format_korean(max))
}

/// Rows the code falls in (most specific first) and rows it might fall in (code too short).
fn matching_rows<'a>(
    rules: &'a SmallBusinessRules,
    code: &Code,
) -> (Vec<&'a IndustryRow>, Vec<&'a IndustryRow>) {
    let mut inside = Vec::new();
    let mut possible = Vec::new();
    for row in &rules.row {
        let Some(row_code) = Code::parse(&row.code) else {
            continue;
        };
        let excluded: Vec<Code> = row.exclude.iter().filter_map(|e| Code::parse(e)).collect();
        if code.within(&row_code) {
            if !excluded.iter().any(|e| code.within(e)) {
                if excluded.iter().any(|e| code.may_contain(e)) {
                    possible.push(row); // "E3": E36 or other E
                } else {
                    inside.push(row);
                }
            }
        } else if code.may_contain(&row_code) {
            possible.push(row);
        }
    }
    inside.sort_by_key(|r| std::cmp::Reverse(r.code.len()));
    (inside, possible)
}

pub fn evaluate(
    rules: &SmallBusinessRules,
    input: &SmallBusinessInput,
) -> Result<SmallBusinessOutput, ToolError> {
    let code = rules
        .read_code(&input.ksic)
        .map_err(|m| ToolError::invalid_field("ksic", m))?;
    let mut notes = Vec::new();
    let mut assumptions = vec![Assumption::new(
        "업종은 기업의 주된 업종(한국표준산업분류)으로 판단합니다.",
        rules.ksic.cite.clone(),
    )];
    if !rules.manufacturing.section.starts_with(code.section) {
        notes.push(Note {
            message: format!(
                "입력한 업종({})은 제조업(대분류 {})이 아닙니다. 도입기업은 국내 제조기업이어야 합니다.",
                code.text(),
                rules.manufacturing.section
            ),
            cite: rules.manufacturing.cite.clone(),
        });
    }
    let (inside, mut possible) = matching_rows(rules, &code);
    let row = inside.first().copied();
    // Candidates: a definite row, or the possibilities.
    let mut candidates: Vec<Basis> = Vec::new();
    let mut basis: Option<Basis> = None;
    let mut open_reason: Option<String> = None;
    if let Some(row) = row {
        let exceptions: Vec<&SeatException> = rules
            .exception
            .iter()
            .filter(|e| e.row == row.no)
            .filter(|e| Code::parse(&e.within).is_some_and(|w| code.within(&w)))
            .collect();
        match (exceptions.first(), input.seat_manufacturing) {
            (None, seat) => {
                if seat == Some(true) {
                    let codes: Vec<&str> =
                        rules.exception.iter().map(|e| e.within.as_str()).collect();
                    assumptions.push(Assumption::new(
                        format!(
                            "의자 제조업 예외는 {} 안의 의자 제조업에만 적용되어, 입력한 분류기호에는 적용하지 않았습니다.",
                            codes.join("·")
                        ),
                        rules.exception.first().map(|e| e.cite.clone()).unwrap_or_default(),
                    ));
                }
                basis = Some(basis_of_row(row));
            }
            (Some(e), Some(true)) => basis = Some(basis_of_exception(e)),
            (Some(_), Some(false)) => basis = Some(basis_of_row(row)),
            (Some(e), None) => {
                candidates.push(basis_of_exception(e));
                candidates.push(basis_of_row(row));
                open_reason = Some(format!(
                    "{}({})에서는 {}만 기준이 다릅니다({}). 5자리 분류기호만으로는 알 수 없으니 의자 제조 여부를 선택해 주세요.",
                    e.parent_name,
                    e.within,
                    e.name,
                    threshold_text(e.max_revenue)
                ));
            }
        }
    } else if !possible.is_empty() {
        possible.sort_by_key(|r| r.no);
        candidates = possible.iter().map(|r| basis_of_row(r)).collect();
        open_reason = Some(format!(
            "분류기호 {}만으로는 붙임 6의 업종을 정할 수 없습니다(가능한 업종 {}개). 중분류 이상(예: C25, E36)을 입력해 주세요.",
            code.text(),
            candidates.len()
        ));
    } else {
        open_reason = Some(format!(
            "분류기호 {}의 업종은 붙임 6 표에 없습니다(확인 필요).",
            code.text()
        ));
    }
    let revenue = input.average_revenue;
    let (status, message) = decide(basis.as_ref(), &candidates, revenue, open_reason);
    let (cloud_fee_years, cloud_fee_message) = match status {
        SmallStatus::Small => (
            Some(rules.cloud_fee.small_business_years),
            format!(
                "소기업이므로 클라우드 서비스 이용료를 최대 {}년까지 편성할 수 있습니다.",
                rules.cloud_fee.small_business_years
            ),
        ),
        SmallStatus::NotSmall => (
            Some(rules.cloud_fee.default_years),
            format!(
                "소기업이 아니므로 클라우드 서비스 이용료는 최대 {}년까지 편성할 수 있습니다.",
                rules.cloud_fee.default_years
            ),
        ),
        SmallStatus::NeedsChecking => (
            None,
            format!(
                "소기업이면 최대 {}년, 아니면 최대 {}년까지 편성할 수 있습니다(확인 필요).",
                rules.cloud_fee.small_business_years, rules.cloud_fee.default_years
            ),
        ),
    };
    Ok(SmallBusinessOutput {
        status,
        message,
        code: code.text(),
        basis,
        candidates,
        cloud_fee_years,
        cloud_fee_message,
        cloud_fee_cite: rules.cloud_fee.cite.clone(),
        notes,
        assumptions,
    })
}

/// Compares revenue with the threshold (이하 = small). When the row is open, the answer is still
/// definite if every candidate row agrees.
fn decide(
    basis: Option<&Basis>,
    candidates: &[Basis],
    revenue: Option<Won>,
    open_reason: Option<String>,
) -> (SmallStatus, String) {
    let Some(revenue) = revenue else {
        let what = basis
            .map(|b| format!(" 기준: {}.", b.threshold_text))
            .unwrap_or_default();
        return (
            SmallStatus::NeedsChecking,
            format!(
                "평균매출액등을 입력하면 소기업 여부를 알려 드립니다(확인 필요).{what}{}",
                open_reason.map(|r| format!(" {r}")).unwrap_or_default()
            ),
        );
    };
    if let Some(b) = basis {
        return if revenue <= b.max_revenue {
            (
                SmallStatus::Small,
                format!(
                    "평균매출액등 {} {}({}) 기준 {}에 해당하므로 소기업입니다.",
                    crate::josa::attach(&format_won(revenue), "이"),
                    b.name,
                    b.code,
                    b.threshold_text
                ),
            )
        } else {
            (
                SmallStatus::NotSmall,
                format!(
                    "평균매출액등 {} {}({}) 기준 {} 넘으므로 소기업이 아닙니다.",
                    crate::josa::attach(&format_won(revenue), "이"),
                    b.name,
                    b.code,
                    crate::josa::attach(&b.threshold_text, "을")
                ),
            )
        };
    }
    let reason = open_reason.unwrap_or_default();
    if !candidates.is_empty() && candidates.iter().all(|c| revenue <= c.max_revenue) {
        return (
            SmallStatus::Small,
            format!(
                "평균매출액등 {} 가능한 모든 업종 기준 이하이므로 어느 경우든 소기업입니다. ({reason})",
                crate::josa::attach(&format_won(revenue), "은")
            ),
        );
    }
    if !candidates.is_empty() && candidates.iter().all(|c| revenue > c.max_revenue) {
        return (
            SmallStatus::NotSmall,
            format!(
                "평균매출액등 {} 가능한 모든 업종 기준을 넘으므로 어느 경우든 소기업이 아닙니다. ({reason})",
                crate::josa::attach(&format_won(revenue), "은")
            ),
        );
    }
    (SmallStatus::NeedsChecking, format!("확인 필요: {reason}"))
}
