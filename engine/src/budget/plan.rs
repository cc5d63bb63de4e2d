//! The `budget` tool: totals, shares and rule checks for a one- or two-year budget.
use super::rules::{BudgetRules, Funding, MandatoryItem};
use crate::error::{Assumption, ToolError};
use crate::money::{format_won, percent_of_floor, share_percent, within_percent, Won};
use serde::{Deserialize, Serialize};

/// One budget item entered by the visitor (an id from `[[item]]` in budget.toml).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemInput {
    pub item: String,
    #[serde(default)]
    pub cash: Won,
    #[serde(default)]
    pub in_kind: Won,
}

/// One year of the plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearInput {
    /// 정부출연금
    pub government: Won,
    /// 민간부담금(현금)
    pub company_cash: Won,
    /// 민간부담금(현물); when absent, the sum of the items' in-kind amounts.
    #[serde(default)]
    pub company_in_kind: Option<Won>,
    /// Optional breakdown; without it the mandatory items can't be checked.
    #[serde(default)]
    pub items: Option<Vec<ItemInput>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetInput {
    pub years: Vec<YearInput>,
}

/// Totals of one year or of the whole plan.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Totals {
    pub government: Won,
    pub company_cash: Won,
    pub company_in_kind: Won,
    /// 민간부담금 = 현금 + 현물
    pub company_total: Won,
    /// 총사업비 = 정부출연금 + 민간부담금(현금·현물)
    pub total: Won,
    /// 정부출연금 ÷ 총사업비 × 100 (two decimals); null when the total is 0.
    pub government_share_percent: Option<f64>,
    /// 현물 ÷ 민간부담금 × 100; null when the company share is 0.
    pub in_kind_share_percent: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearSummary {
    pub year: u32,
    #[serde(flatten)]
    pub totals: Totals,
    /// The most 정부출연금 this year's total allows (min of the share and the yearly cap).
    pub government_limit: Won,
}

/// A rule the plan does not meet.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Breach {
    /// Machine id of the rule (`government_share`, `in_kind_only`, …).
    pub rule: String,
    pub message: String,
    pub cite: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u32>,
}

/// Where a mandatory item stands.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MandatoryState {
    Included,
    /// Not in the budget: the company pays it outside the total.
    Missing,
    WrongAmount,
    WrongYear,
    /// No item breakdown given: 확인 필요.
    NotChecked,
}

#[derive(Debug, Clone, Serialize)]
pub struct MandatoryStatus {
    pub item: String,
    pub name: String,
    /// The year it goes in, for this plan.
    pub year: u32,
    pub amount: Won,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entered: Option<Won>,
    pub status: MandatoryState,
    pub message: String,
    pub cite: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetOutput {
    /// True when no rule is breached.
    pub ok: bool,
    pub years: Vec<YearSummary>,
    pub overall: Totals,
    pub breaches: Vec<Breach>,
    pub mandatory_items: Vec<MandatoryStatus>,
    pub assumptions: Vec<Assumption>,
}

/// "클라우드 서비스 이용료·도입기업 인건비·AI 제조 데이터셋": the items that may be in kind.
pub(super) fn in_kind_names(rules: &BudgetRules) -> String {
    rules
        .item
        .iter()
        .filter(|i| i.funding != Funding::Cash)
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join("·")
}

fn overflow() -> ToolError {
    ToolError::out_of_range("사업비 합계")
}

fn add(a: Won, b: Won) -> Result<Won, ToolError> {
    a.checked_add(b).ok_or_else(overflow)
}

fn totals(government: Won, company_cash: Won, company_in_kind: Won) -> Result<Totals, ToolError> {
    let company_total = add(company_cash, company_in_kind)?;
    let total = add(government, company_total)?;
    Ok(Totals {
        government,
        company_cash,
        company_in_kind,
        company_total,
        total,
        government_share_percent: share_percent(government, total),
        in_kind_share_percent: share_percent(company_in_kind, company_total),
    })
}

/// Checks a budget plan. Errors only for unusable input (no years, too many, unknown item);
/// rule problems are reported as breaches.
pub fn evaluate(rules: &BudgetRules, input: &BudgetInput) -> Result<BudgetOutput, ToolError> {
    let max_years = usize::try_from(rules.government.max_years).unwrap_or(usize::MAX);
    if input.years.is_empty() || input.years.len() > max_years {
        return Err(ToolError::invalid_field(
            "years",
            format!(
                "사업기간은 1년에서 최대 {}년까지 입력할 수 있습니다(입력: {}년).",
                rules.government.max_years,
                input.years.len()
            ),
        ));
    }
    let mut breaches = Vec::new();
    let mut assumptions = Vec::new();
    let mut years = Vec::new();
    for (index, year_input) in input.years.iter().enumerate() {
        let year = u32::try_from(index)
            .ok()
            .and_then(|i| i.checked_add(1))
            .ok_or_else(overflow)?;
        years.push(check_year(
            rules,
            index,
            year,
            year_input,
            &mut breaches,
            &mut assumptions,
        )?);
    }
    let sum = |f: fn(&Totals) -> Won| {
        Won::checked_sum(years.iter().map(|y| f(&y.totals))).ok_or_else(overflow)
    };
    let overall = totals(
        sum(|t| t.government)?,
        sum(|t| t.company_cash)?,
        sum(|t| t.company_in_kind)?,
    )?;
    if overall.government > rules.government.max_total {
        breaches.push(Breach {
            rule: "government_total".into(),
            message: format!(
                "정부출연금 합계 {}이 전체 한도 {}을 넘습니다.",
                format_won(overall.government),
                format_won(rules.government.max_total)
            ),
            cite: rules.government.cite.clone(),
            year: None,
        });
    }
    assumptions.push(Assumption::new(
        format!(
            "정부출연금 '총 사업비의 {}% 이내'는 연차별 사업비에 적용했습니다(공고문은 연차별인지 전체인지 밝히지 않으며, 연차마다 지키면 전체도 지켜집니다).",
            rules.government.max_share_percent
        ),
        rules.government.cite.clone(),
    ));
    assumptions.push(Assumption::new(
        format!(
            "현물 '기업부담금 중 {}% 이내'는 '연차별 최대 {}'과 함께 연차별 민간부담금에 적용했습니다.",
            rules.in_kind.max_percent_of_company,
            format_won(rules.in_kind.max_per_year)
        ),
        rules.in_kind.cite.clone(),
    ));
    let mandatory_items = check_mandatory(rules, input, &overall, &mut breaches, &mut assumptions)?;
    Ok(BudgetOutput {
        ok: breaches.is_empty(),
        years,
        overall,
        breaches,
        mandatory_items,
        assumptions,
    })
}

fn check_year(
    rules: &BudgetRules,
    index: usize,
    year: u32,
    input: &YearInput,
    breaches: &mut Vec<Breach>,
    assumptions: &mut Vec<Assumption>,
) -> Result<YearSummary, ToolError> {
    let items = input.items.as_deref().unwrap_or(&[]);
    // Unknown item ids are input errors, named at the field.
    for (j, item) in items.iter().enumerate() {
        if rules.item(&item.item).is_none() {
            let ids: Vec<&str> = rules.item.iter().map(|i| i.id.as_str()).collect();
            return Err(ToolError::invalid_field(
                format!("years[{index}].items[{j}].item"),
                format!(
                    "알 수 없는 사업비 항목입니다: {}. 가능한 항목: {}",
                    item.item,
                    ids.join(", ")
                ),
            ));
        }
    }
    let item_cash = Won::checked_sum(items.iter().map(|i| i.cash)).ok_or_else(overflow)?;
    let item_in_kind = Won::checked_sum(items.iter().map(|i| i.in_kind)).ok_or_else(overflow)?;
    let in_kind = input.company_in_kind.unwrap_or(item_in_kind);
    let t = totals(input.government, input.company_cash, in_kind)?;
    let mut breach = |rule: &str, message: String, cite: &str| {
        breaches.push(Breach {
            rule: rule.into(),
            message,
            cite: cite.to_string(),
            year: Some(year),
        })
    };
    let g = &rules.government;
    let share_limit = percent_of_floor(t.total, g.max_share_percent).ok_or_else(overflow)?;
    if t.government > g.max_per_year {
        breach(
            "government_per_year",
            format!(
                "{year}차년도 정부출연금 {}이 연 한도 {}을 넘습니다.",
                format_won(t.government),
                format_won(g.max_per_year)
            ),
            &g.cite,
        );
    }
    if !within_percent(t.government, t.total, g.max_share_percent).ok_or_else(overflow)? {
        breach(
            "government_share",
            format!(
                "{year}차년도 정부출연금 {}이 총사업비 {}의 {}%({})를 넘습니다.",
                format_won(t.government),
                format_won(t.total),
                g.max_share_percent,
                format_won(share_limit)
            ),
            &g.cite,
        );
    }
    let k = &rules.in_kind;
    if !within_percent(t.company_in_kind, t.company_total, k.max_percent_of_company)
        .ok_or_else(overflow)?
    {
        breach(
            "in_kind_share",
            format!(
                "{year}차년도 현물 {}이 민간부담금 {}의 {}%({})를 넘습니다.",
                format_won(t.company_in_kind),
                format_won(t.company_total),
                k.max_percent_of_company,
                format_won(
                    percent_of_floor(t.company_total, k.max_percent_of_company)
                        .ok_or_else(overflow)?
                )
            ),
            &k.cite,
        );
    }
    if t.company_in_kind > k.max_per_year {
        breach(
            "in_kind_per_year",
            format!(
                "{year}차년도 현물 {}이 연차별 한도 {}을 넘습니다.",
                format_won(t.company_in_kind),
                format_won(k.max_per_year)
            ),
            &k.cite,
        );
    }
    for item in items {
        let Some(rule) = rules.item(&item.item) else {
            continue;
        };
        let funding_cite = rule.funding_cite.as_deref().unwrap_or(&rule.cite);
        if rule.funding == Funding::InKind && !item.cash.is_zero() {
            breach(
                "in_kind_only",
                format!(
                    "{year}차년도 '{}' 항목은 현물로만 편성할 수 있습니다(현금 불가). 입력한 현금: {}.",
                    rule.name,
                    format_won(item.cash)
                ),
                funding_cite,
            );
        }
        if rule.funding == Funding::Cash && !item.in_kind.is_zero() {
            breach(
                "cash_only",
                format!(
                    "{year}차년도 '{}' 항목은 현물로 편성할 수 없습니다(현물은 {}만 가능). 입력한 현물: {}.",
                    rule.name,
                    in_kind_names(rules),
                    format_won(item.in_kind)
                ),
                funding_cite,
            );
        }
        let amount = add(item.cash, item.in_kind)?;
        if !rule.only_years.is_empty() && !rule.only_years.contains(&year) && !amount.is_zero() {
            let allowed: Vec<String> = rule
                .only_years
                .iter()
                .map(|y| format!("{y}차년도"))
                .collect();
            breach(
                "item_year",
                format!(
                    "'{}' 항목은 {} 사업비에만 편성할 수 있습니다({year}차년도 입력: {}).",
                    rule.name,
                    allowed.join("·"),
                    format_won(amount)
                ),
                &rule.cite,
            );
        }
    }
    // Percent-of-total items (전주기 관리비): the year's sum over entries of the same item.
    for rule in rules.item.iter() {
        let Some(pct) = rule.max_percent_of_year_total else {
            continue;
        };
        let amount = Won::checked_sum(
            items
                .iter()
                .filter(|i| i.item == rule.id)
                .filter_map(|i| i.cash.checked_add(i.in_kind)),
        )
        .ok_or_else(overflow)?;
        if !within_percent(amount, t.total, pct).ok_or_else(overflow)? {
            breach(
                "item_share",
                format!(
                    "{year}차년도 '{}' 항목 {}이 총사업비의 {pct}%({})를 넘습니다.",
                    rule.name,
                    format_won(amount),
                    format_won(percent_of_floor(t.total, pct).ok_or_else(overflow)?)
                ),
                &rule.cite,
            );
        }
    }
    let cash_total = add(t.government, t.company_cash)?;
    if item_cash > cash_total {
        breach(
            "items_exceed_cash",
            format!(
                "{year}차년도 항목별 현금 합계 {}이 정부출연금과 민간부담금(현금)의 합 {}보다 큽니다.",
                format_won(item_cash),
                format_won(cash_total)
            ),
            &rules.total_cite,
        );
    }
    if item_in_kind > t.company_in_kind {
        breach(
            "items_exceed_in_kind",
            format!(
                "{year}차년도 항목별 현물 합계 {}이 민간부담금(현물) {}보다 큽니다.",
                format_won(item_in_kind),
                format_won(t.company_in_kind)
            ),
            &rules.total_cite,
        );
    } else if t.company_in_kind > item_in_kind {
        assumptions.push(Assumption::new(
            format!(
                "{year}차년도 현물 중 항목을 밝히지 않은 {}은 현물 편성이 허용된 항목{} 보았습니다(확인 필요).",
                format_won(t.company_in_kind.checked_sub(item_in_kind).ok_or_else(overflow)?),
                crate::josa::attach(&format!("({})", in_kind_names(rules)), "으로")
            ),
            rules.in_kind.cite.clone(),
        ));
    }
    let government_limit = share_limit.min(g.max_per_year);
    Ok(YearSummary {
        year,
        totals: t,
        government_limit,
    })
}

/// Mandatory items: present, in the right year, with the right amount? Missing ones are paid by
/// the company outside the total — reported, not a breach.
fn check_mandatory(
    rules: &BudgetRules,
    input: &BudgetInput,
    overall: &Totals,
    breaches: &mut Vec<Breach>,
    assumptions: &mut Vec<Assumption>,
) -> Result<Vec<MandatoryStatus>, ToolError> {
    let plan_years = u32::try_from(input.years.len()).unwrap_or(u32::MAX);
    let itemized = input.years.iter().any(|y| y.items.is_some());
    let mut out = Vec::new();
    for m in &rules.mandatory.item {
        let name = rules
            .item(&m.item)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        let year = m.year.min(plan_years);
        if year != m.year {
            assumptions.push(Assumption::new(
                format!(
                    "사업기간이 {plan_years}년이라 {m_year}차년도 필수 항목 '{name}'의 편성 연차를 {year}차년도(마지막 연차)에 넣었습니다.",
                    m_year = m.year
                ),
                m.cite.clone(),
            ));
        }
        let amount = expected_amount(rules, m, overall.total)?;
        if m.tiered {
            assumptions.push(Assumption::new(
                format!(
                    "'{name}' 구간은 사업 전체의 총사업비(정부출연금+민간부담금 현금·현물, 편성한 수수료 포함) {}을 기준으로 정했습니다: {}({}).",
                    format_won(overall.total),
                    format_won(amount),
                    rules.settlement_fee.basis
                ),
                m.cite.clone(),
            ));
        }
        out.push(mandatory_status(
            rules, input, m, &name, year, amount, itemized, breaches,
        )?);
    }
    Ok(out)
}

/// `entered` is `fee` plus VAT (rounded to the won either way).
fn is_vat_inclusive(rules: &BudgetRules, fee: Won, entered: Won) -> bool {
    let vat = rules.settlement_fee.vat_percent;
    if vat == 0 {
        return false;
    }
    let Some(gross) = fee
        .value()
        .checked_mul(rust_decimal::Decimal::from(vat.saturating_add(100)))
        .and_then(|v| v.checked_div(rust_decimal::Decimal::ONE_HUNDRED))
    else {
        return false;
    };
    entered.value() == gross.floor() || entered.value() == gross.ceil()
}

fn expected_amount(rules: &BudgetRules, m: &MandatoryItem, total: Won) -> Result<Won, ToolError> {
    match m.amount {
        Some(a) => Ok(a),
        None => rules
            .settlement_fee_for(total)
            .ok_or_else(|| ToolError::new("rules_missing", "정산 수수료 구간 규칙이 없습니다.")),
    }
}

#[allow(clippy::too_many_arguments)]
fn mandatory_status(
    rules: &BudgetRules,
    input: &BudgetInput,
    m: &MandatoryItem,
    name: &str,
    year: u32,
    amount: Won,
    itemized: bool,
    breaches: &mut Vec<Breach>,
) -> Result<MandatoryStatus, ToolError> {
    let mut status = MandatoryStatus {
        item: m.item.clone(),
        name: name.to_string(),
        year,
        amount,
        entered: None,
        status: MandatoryState::NotChecked,
        message: String::new(),
        cite: m.cite.clone(),
    };
    if !itemized {
        status.message = format!(
            "항목 내역이 없어 {name}({year}차년도 {}) 편성 여부를 확인하지 못했습니다(확인 필요). 미편성하면 총사업비와 별개로 도입기업이 부담합니다.",
            format_won(amount)
        );
        return Ok(status);
    }
    // Amount entered per year for this item.
    let mut found: Vec<(u32, Won)> = Vec::new();
    for (index, y) in input.years.iter().enumerate() {
        let y_no = u32::try_from(index)
            .ok()
            .and_then(|i| i.checked_add(1))
            .unwrap_or(0);
        let entered = Won::checked_sum(
            y.items
                .as_deref()
                .unwrap_or(&[])
                .iter()
                .filter(|i| i.item == m.item)
                .filter_map(|i| i.cash.checked_add(i.in_kind)),
        )
        .ok_or_else(overflow)?;
        if !entered.is_zero() {
            found.push((y_no, entered));
        }
    }
    let in_year = found.iter().find(|(y, _)| *y == year).map(|(_, a)| *a);
    if let Some(entered) = in_year {
        status.entered = Some(entered);
        if entered == amount {
            status.status = MandatoryState::Included;
            status.message = format!(
                "'{name}' {}이 {year}차년도에 편성되어 있습니다.",
                format_won(amount)
            );
        } else {
            status.status = MandatoryState::WrongAmount;
            status.message = if m.tiered && is_vat_inclusive(rules, amount, entered) {
                format!(
                    "입력한 {}은 표준수수료 {}에 부가세 {}%를 더한 금액입니다. '{name}' 표준수수료는 {}이므로 {year}차년도에 {}을 편성하세요.",
                    format_won(entered),
                    format_won(amount),
                    rules.settlement_fee.vat_percent,
                    rules.settlement_fee.basis,
                    format_won(amount)
                )
            } else {
                format!(
                    "{year}차년도 '{name}' 항목은 {}이어야 합니다(입력: {}).",
                    format_won(amount),
                    format_won(entered)
                )
            };
            breaches.push(Breach {
                rule: "mandatory_amount".into(),
                message: status.message.clone(),
                cite: m.cite.clone(),
                year: Some(year),
            });
        }
    } else if let Some((other, entered)) = found.first() {
        status.entered = Some(*entered);
        status.status = MandatoryState::WrongYear;
        status.message =
            format!("'{name}' 항목은 {year}차년도에 편성해야 합니다(입력: {other}차년도).");
        breaches.push(Breach {
            rule: "mandatory_year".into(),
            message: status.message.clone(),
            cite: m.cite.clone(),
            year: Some(*other),
        });
    } else {
        status.status = MandatoryState::Missing;
        status.cite = rules.mandatory.missing_cite.clone();
        status.message = format!(
            "'{name}'({year}차년도 {}) 항목이 편성되지 않았습니다. 미편성하면 총사업비와 별개로 도입기업이 부담합니다.",
            format_won(amount)
        );
    }
    Ok(status)
}
