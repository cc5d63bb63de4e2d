//! The budget planner: `budget_plan` proposes a whole plan from the 총사업비 and the number of
//! years; `budget_for_support` answers the reverse, the smallest 총사업비 for a given
//! 정부출연금. Every proposed figure names the rule that set it, and the proposed plan is run
//! through the `budget` check (it must pass) before it is returned.
use super::plan::{evaluate, BudgetInput, BudgetOutput, ItemInput, YearInput};
use super::rules::BudgetRules;
use crate::error::{Assumption, ToolError};
use crate::money::{format_won, percent_of_floor, whole_for_percent_ceil, Won};
use serde::{Deserialize, Serialize};

/// Input of `budget_plan`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetPlanInput {
    /// 총사업비 (정부출연금 + 민간부담금 현금·현물), the whole project.
    pub total: Won,
    /// Plan length in years (1 … government.max_years).
    pub years: u32,
    /// 현물 the company plans over the whole project; absent = no in-kind (cash only).
    #[serde(default)]
    pub in_kind: Option<Won>,
}

/// Input of `budget_for_support`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetForSupportInput {
    /// The 정부출연금 wanted over the whole project.
    pub government: Won,
    pub years: u32,
    /// 현물 the company plans over the whole project; absent = no in-kind.
    #[serde(default)]
    pub in_kind: Option<Won>,
}

/// One proposed figure and the rule that set it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Figure {
    pub amount: Won,
    /// Machine id of the rule (`government_max`, `company_rest`, `in_kind_planned`, …).
    pub rule: String,
    pub message: String,
    pub cite: String,
}

/// A proposed budget item (the mandatory items) with its rule.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlannedItem {
    pub item: String,
    pub name: String,
    pub cash: Won,
    pub rule: String,
    pub message: String,
    pub cite: String,
}

/// One year of the proposal.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlannedYear {
    pub year: u32,
    pub total: Figure,
    pub government: Figure,
    pub company_cash: Figure,
    pub company_in_kind: Figure,
    /// The most 현물 this year's company share allows (min of the share and the yearly cap).
    pub in_kind_max: Won,
    pub items: Vec<PlannedItem>,
}

/// The proposal: per-year figures with reasons, the same plan as a `budget` input (to fill the
/// editable table), and the `budget` check of it.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetPlanOutput {
    pub total: Won,
    pub government_total: Won,
    pub company_total: Won,
    pub in_kind_total: Won,
    pub years: Vec<PlannedYear>,
    /// The plan in the `budget` tool's input shape.
    pub plan: PlanAsInput,
    /// The `budget` tool's answer for `plan` (`check.ok` is always true).
    pub check: BudgetOutput,
    /// Messages about the visitor's input that the plan had to change (in-kind over its limit).
    pub notes: Vec<Figure>,
    pub assumptions: Vec<Assumption>,
}

/// Output of `budget_for_support`: the smallest total that earns the support, and its plan.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetForSupportOutput {
    pub government: Won,
    /// The smallest 총사업비 that earns `government`.
    pub min_total: Won,
    /// Of which the company pays (현금·현물).
    pub company_total: Won,
    pub reasons: Vec<Figure>,
    /// The full proposal for `min_total`, as `budget_plan` makes it.
    pub proposal: BudgetPlanOutput,
}

/// `budget` input, serialized (`years[].government`, `company_cash`, …).
#[derive(Debug, Clone, Serialize)]
pub struct PlanAsInput {
    pub years: Vec<PlanYearAsInput>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanYearAsInput {
    pub government: Won,
    pub company_cash: Won,
    pub company_in_kind: Won,
    pub items: Vec<PlanItemAsInput>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlanItemAsInput {
    pub item: String,
    pub cash: Won,
}

fn overflow() -> ToolError {
    ToolError::out_of_range("사업비 계획")
}

fn sub(a: Won, b: Won) -> Result<Won, ToolError> {
    a.checked_sub(b)
        .filter(|w| !w.value().is_sign_negative())
        .ok_or_else(overflow)
}

fn check_years(rules: &BudgetRules, years: u32) -> Result<(), ToolError> {
    if years == 0 || years > rules.government.max_years {
        return Err(ToolError::invalid_field(
            "years",
            format!(
                "사업기간은 1년에서 최대 {}년까지입니다(입력: {years}년).",
                rules.government.max_years
            ),
        ));
    }
    Ok(())
}

/// The mandatory items of each year of an `n`-year plan with project total `total`:
/// (year index from 0, item id, name, amount, cite, rule message).
fn mandatory_by_year(
    rules: &BudgetRules,
    years: u32,
    total: Won,
) -> Result<Vec<Vec<PlannedItem>>, ToolError> {
    let mut out: Vec<Vec<PlannedItem>> = (0..years).map(|_| Vec::new()).collect();
    for m in &rules.mandatory.item {
        let name = rules
            .item(&m.item)
            .map(|i| i.name.clone())
            .unwrap_or_default();
        let year = m.year.min(years);
        let (amount, rule, message) = match m.amount {
            Some(a) => (
                a,
                "mandatory_item",
                format!(
                    "'{name}' {}은 {}차년도 필수 편성 항목입니다.",
                    format_won(a),
                    m.year
                ),
            ),
            None => {
                let fee = rules.settlement_fee_for(total).ok_or_else(|| {
                    ToolError::new("rules_missing", "정산 수수료 구간 규칙이 없습니다.")
                })?;
                (
                    fee,
                    "mandatory_fee_tier",
                    format!(
                        "'{name}'는 총사업비 {} 구간의 표준수수료 {}(공급가액 기준, 부가세 제외)이며 {}차년도 필수 편성 항목입니다.",
                        format_won(total),
                        format_won(fee),
                        m.year
                    ),
                )
            }
        };
        let message = if year == m.year {
            message
        } else {
            format!("{message} 사업기간이 {years}년이라 {year}차년도(마지막 연차)에 넣었습니다.")
        };
        let index = usize::try_from(year.saturating_sub(1)).unwrap_or(0);
        if let Some(list) = out.get_mut(index) {
            list.push(PlannedItem {
                item: m.item.clone(),
                name,
                cash: amount,
                rule: rule.to_string(),
                message,
                cite: m.cite.clone(),
            });
        }
    }
    Ok(out)
}

/// Splits `total` into `n` equal whole-won parts; the remainder goes to the first years.
fn split_even(total: Won, n: u32) -> Result<Vec<Won>, ToolError> {
    use rust_decimal::Decimal;
    let n_dec = Decimal::from(n);
    let base = total
        .value()
        .checked_div(n_dec)
        .ok_or_else(overflow)?
        .floor();
    let mut rest = total
        .value()
        .checked_sub(base.checked_mul(n_dec).ok_or_else(overflow)?)
        .ok_or_else(overflow)?;
    let mut parts = Vec::new();
    for _ in 0..n {
        let extra = if rest > Decimal::ZERO {
            rest = rest.checked_sub(Decimal::ONE).ok_or_else(overflow)?;
            Decimal::ONE
        } else {
            Decimal::ZERO
        };
        parts.push(
            Won::computed(base.checked_add(extra).ok_or_else(overflow)?).ok_or_else(overflow)?,
        );
    }
    Ok(parts)
}

/// The smallest whole-won step at which `percent`% of an amount is whole (2원 for 50%).
fn share_step(percent: u32) -> u32 {
    let (mut a, mut b) = (percent.max(1), 100_u32);
    while let Some(r) = a.checked_rem(b) {
        a = b;
        b = r;
    }
    100_u32.checked_div(a).unwrap_or(1)
}

/// Splits `total` into `n` nearly equal parts; every part but the last is a multiple of `step`
/// (so its share is whole won and no won of support is lost to rounding), the last takes the rest.
fn split_for_share(total: Won, n: u32, step: u32) -> Result<Vec<Won>, ToolError> {
    use rust_decimal::Decimal;
    let step = Decimal::from(step.max(1));
    let even = split_even(total, n)?;
    let mut parts = Vec::new();
    let mut used = Won::ZERO;
    for (i, part) in even.iter().enumerate() {
        let last = i.saturating_add(1) == even.len();
        let value = if last {
            sub(total, used)?
        } else {
            let v = part
                .value()
                .checked_div(step)
                .ok_or_else(overflow)?
                .floor()
                .checked_mul(step)
                .ok_or_else(overflow)?;
            Won::computed(v).ok_or_else(overflow)?
        };
        used = used.checked_add(value).ok_or_else(overflow)?;
        parts.push(value);
    }
    Ok(parts)
}

/// `budget_plan`: the largest support the rules allow for a given total, and the rest.
pub fn evaluate_plan(
    rules: &BudgetRules,
    input: &BudgetPlanInput,
) -> Result<BudgetPlanOutput, ToolError> {
    check_years(rules, input.years)?;
    let step = share_step(rules.government.max_share_percent);
    let year_totals = split_for_share(input.total, input.years, step)?;
    let mut assumptions = vec![Assumption::new(
        format!(
            "연차별 총사업비는 {}을 {}개 연차에 거의 똑같이 나누었습니다. 공고문은 연차별 배분을 정하지 않으며, 연 한도({}) 안에서 고르게 나눌 때 정부출연금이 가장 큽니다. 금액은 원 단위이고, 앞 연차는 {}%가 원 단위로 떨어지도록 {step}원 단위로 내려 나머지를 마지막 연차에 넣었습니다.",
            format_won(input.total),
            input.years,
            format_won(rules.government.max_per_year),
            rules.government.max_share_percent
        ),
        rules.government.cite.clone(),
    )];
    propose(
        rules,
        input.total,
        &year_totals,
        None,
        input.in_kind,
        &mut assumptions,
    )
}

/// `budget_for_support`: the smallest 총사업비 that earns a given 정부출연금.
pub fn evaluate_for_support(
    rules: &BudgetRules,
    input: &BudgetForSupportInput,
) -> Result<BudgetForSupportOutput, ToolError> {
    check_years(rules, input.years)?;
    let g = &rules.government;
    let yearly_cap = Won::checked_sum((0..input.years).map(|_| g.max_per_year))
        .ok_or_else(overflow)?
        .min(g.max_total);
    if input.government.is_zero() || input.government > yearly_cap {
        return Err(ToolError::invalid_field(
            "government",
            format!(
                "{}년 사업의 정부출연금은 1원 이상 {} 이하로 입력해 주세요(연 {} 이내, 전체 {} 이내). 입력: {}.",
                input.years,
                format_won(yearly_cap),
                format_won(g.max_per_year),
                format_won(g.max_total),
                format_won(input.government)
            ),
        ));
    }
    let gov_years = split_even(input.government, input.years)?;
    let mut reasons = vec![Figure {
        amount: input.government,
        rule: "government_split".into(),
        message: format!(
            "정부출연금 {}을 {}개 연차에 똑같이 나누었습니다(연 {} 이내).",
            format_won(input.government),
            input.years,
            format_won(g.max_per_year)
        ),
        cite: g.cite.clone(),
    }];
    // Each year's total: at least twice its support (50% 이내), and large enough for the
    // mandatory items. The fee tier depends on the total, so settle it by iterating (the tiers
    // only grow with the total; a few rounds always suffice).
    let mut year_totals: Vec<Won> = Vec::new();
    let mut total = Won::ZERO;
    for _ in 0..8 {
        let mandatory = mandatory_by_year(rules, input.years, total)?;
        let mut next = Vec::new();
        for (i, gov) in gov_years.iter().enumerate() {
            let by_share =
                whole_for_percent_ceil(*gov, g.max_share_percent).ok_or_else(overflow)?;
            let items = Won::checked_sum(mandatory.get(i).into_iter().flatten().map(|m| m.cash))
                .ok_or_else(overflow)?;
            next.push(by_share.max(items));
        }
        let next_total = Won::checked_sum(next.iter().copied()).ok_or_else(overflow)?;
        let settled = next_total == total;
        total = next_total;
        year_totals = next;
        if settled {
            break;
        }
    }
    reasons.push(Figure {
        amount: total,
        rule: "government_share".into(),
        message: format!(
            "정부출연금은 총사업비의 {}% 이내이므로, 연차마다 총사업비는 정부출연금의 {}배 이상이어야 합니다: 최소 총사업비 {}.",
            g.max_share_percent,
            rust_decimal::Decimal::ONE_HUNDRED
                .checked_div(rust_decimal::Decimal::from(g.max_share_percent))
                .map(|d| d.normalize().to_string())
                .unwrap_or_default(),
            format_won(total)
        ),
        cite: g.cite.clone(),
    });
    let mut assumptions = vec![Assumption::new(
        "정부출연금은 연차별로 똑같이 나누고(원 단위, 남는 원은 앞 연차에), 연차별 총사업비는 그 연차 정부출연금을 받을 수 있는 가장 작은 금액으로 정했습니다.",
        g.cite.clone(),
    )];
    let proposal = propose(
        rules,
        total,
        &year_totals,
        Some(&gov_years),
        input.in_kind,
        &mut assumptions,
    )?;
    let company_total = sub(total, proposal.government_total)?;
    if proposal.government_total != input.government {
        return Err(ToolError::new(
            "internal",
            format!(
                "계획의 정부출연금 {}이 요청한 {}과 다릅니다.",
                format_won(proposal.government_total),
                format_won(input.government)
            ),
        ));
    }
    Ok(BudgetForSupportOutput {
        government: input.government,
        min_total: total,
        company_total,
        reasons,
        proposal,
    })
}

/// Fills every year of a plan whose yearly totals are given.
fn propose(
    rules: &BudgetRules,
    total: Won,
    year_totals: &[Won],
    wanted_government: Option<&[Won]>,
    planned_in_kind: Option<Won>,
    assumptions: &mut Vec<Assumption>,
) -> Result<BudgetPlanOutput, ToolError> {
    let n = u32::try_from(year_totals.len()).map_err(|_| overflow())?;
    let g = &rules.government;
    let k = &rules.in_kind;
    let mandatory = mandatory_by_year(rules, n, total)?;
    let mandatory_sum =
        Won::checked_sum(mandatory.iter().flatten().map(|m| m.cash)).ok_or_else(overflow)?;
    for (i, year_total) in year_totals.iter().enumerate() {
        let need = Won::checked_sum(mandatory.get(i).into_iter().flatten().map(|m| m.cash))
            .ok_or_else(overflow)?;
        if *year_total < need {
            let year = i.saturating_add(1);
            return Err(ToolError::invalid_field(
                "total",
                format!(
                    "총사업비가 너무 작습니다: {year}차년도 총사업비 {}로는 필수 편성 항목({}) {}을 담을 수 없습니다. 필수 항목은 모두 {}입니다.",
                    format_won(*year_total),
                    mandatory
                        .get(i)
                        .into_iter()
                        .flatten()
                        .map(|m| m.name.as_str())
                        .collect::<Vec<_>>()
                        .join("·"),
                    format_won(need),
                    format_won(mandatory_sum)
                ),
            ));
        }
    }
    let mut remaining_gov = g.max_total;
    let mut remaining_in_kind = planned_in_kind.unwrap_or(Won::ZERO);
    let mut notes = Vec::new();
    let mut years = Vec::new();
    for (i, year_total) in year_totals.iter().enumerate() {
        let year = u32::try_from(i)
            .ok()
            .and_then(|y| y.checked_add(1))
            .ok_or_else(overflow)?;
        let items = mandatory.get(i).cloned().unwrap_or_default();
        let items_cash = Won::checked_sum(items.iter().map(|m| m.cash)).ok_or_else(overflow)?;
        // 정부출연금: the least of the share, the yearly cap and what is left of the total cap.
        let by_share = percent_of_floor(*year_total, g.max_share_percent).ok_or_else(overflow)?;
        let allowed = by_share.min(g.max_per_year).min(remaining_gov);
        let wanted = wanted_government.and_then(|w| w.get(i)).copied();
        let government_amount = wanted.map_or(allowed, |w| w.min(allowed));
        remaining_gov = sub(remaining_gov, government_amount)?;
        let (gov_rule, gov_message) = if wanted.is_some_and(|w| w == government_amount) {
            (
                "government_wanted",
                format!(
                    "요청한 정부출연금을 연차별로 나눈 금액입니다({year}차년도 한도 {} 이내).",
                    format_won(allowed)
                ),
            )
        } else if government_amount == by_share {
            (
                "government_share",
                format!(
                    "{year}차년도 총사업비 {}의 {}% 이내에서 가장 큰 금액입니다.",
                    format_won(*year_total),
                    g.max_share_percent
                ),
            )
        } else if government_amount == g.max_per_year {
            (
                "government_per_year",
                format!(
                    "연 {} 이내: {year}차년도 정부출연금의 상한입니다.",
                    format_won(g.max_per_year)
                ),
            )
        } else {
            (
                "government_total",
                format!(
                    "전체 {} 이내: 앞 연차를 빼고 남은 한도입니다.",
                    format_won(g.max_total)
                ),
            )
        };
        let company = sub(*year_total, government_amount)?;
        // 현물: within its share of the company part and the yearly cap, and never so much that
        // the cash can't pay for the mandatory (cash-only) items.
        let by_company =
            percent_of_floor(company, k.max_percent_of_company).ok_or_else(overflow)?;
        let cash_floor_room = sub(*year_total, items_cash)?;
        let in_kind_max = by_company.min(k.max_per_year).min(cash_floor_room);
        let in_kind_amount = remaining_in_kind.min(in_kind_max);
        remaining_in_kind = sub(remaining_in_kind, in_kind_amount)?;
        let in_kind_message = if planned_in_kind.is_none() {
            format!(
                "현물 계획을 입력하지 않아 현금으로만 편성했습니다. 이 연차에 현물은 {}까지 넣을 수 있습니다(민간부담금의 {}% 이내, 연차별 최대 {}).",
                format_won(in_kind_max),
                k.max_percent_of_company,
                format_won(k.max_per_year)
            )
        } else {
            format!(
                "계획한 현물을 앞 연차부터 넣었습니다. 이 연차 한도는 {}입니다(민간부담금의 {}% 이내, 연차별 최대 {}).",
                format_won(in_kind_max),
                k.max_percent_of_company,
                format_won(k.max_per_year)
            )
        };
        let cash = sub(company, in_kind_amount)?;
        years.push(PlannedYear {
            year,
            total: Figure {
                amount: *year_total,
                rule: "year_total".into(),
                message: format!("{year}차년도 총사업비입니다(정부출연금 + 민간부담금 현금·현물)."),
                cite: rules.total_cite.clone(),
            },
            government: Figure {
                amount: government_amount,
                rule: gov_rule.into(),
                message: gov_message,
                cite: g.cite.clone(),
            },
            company_cash: Figure {
                amount: cash,
                rule: "company_rest".into(),
                message: format!(
                    "총사업비에서 정부출연금과 현물을 뺀 나머지를 기업이 현금으로 부담합니다({}).",
                    format_won(cash)
                ),
                cite: rules.total_cite.clone(),
            },
            company_in_kind: Figure {
                amount: in_kind_amount,
                rule: if planned_in_kind.is_none() {
                    "in_kind_none".into()
                } else {
                    "in_kind_planned".into()
                },
                message: in_kind_message,
                cite: k.cite.clone(),
            },
            in_kind_max,
            items,
        });
    }
    if !remaining_in_kind.is_zero() {
        let placed = sub(planned_in_kind.unwrap_or(Won::ZERO), remaining_in_kind)?;
        notes.push(Figure {
            amount: placed,
            rule: "in_kind_capped".into(),
            message: format!(
                "계획한 현물 {} 중 {}만 넣었습니다. 현물은 민간부담금의 {}% 이내, 연차별 최대 {}까지라 나머지 {}은 현금으로 부담합니다.",
                format_won(planned_in_kind.unwrap_or(Won::ZERO)),
                format_won(placed),
                k.max_percent_of_company,
                format_won(k.max_per_year),
                format_won(remaining_in_kind)
            ),
            cite: k.cite.clone(),
        });
    }
    if planned_in_kind.is_some_and(|w| !w.is_zero()) {
        assumptions.push(Assumption::new(
            format!(
                "현물은 항목을 나누지 않고 연차별 합계로만 제안합니다. 현물은 {}에만 편성할 수 있으니 표에서 항목을 골라 주세요.",
                super::plan::in_kind_names(rules)
            ),
            k.cite.clone(),
        ));
    }
    let plan = PlanAsInput {
        years: years
            .iter()
            .map(|y| PlanYearAsInput {
                government: y.government.amount,
                company_cash: y.company_cash.amount,
                company_in_kind: y.company_in_kind.amount,
                items: y
                    .items
                    .iter()
                    .map(|m| PlanItemAsInput {
                        item: m.item.clone(),
                        cash: m.cash,
                    })
                    .collect(),
            })
            .collect(),
    };
    let check = evaluate(rules, &as_budget_input(&plan))?;
    if !check.ok {
        let first = check
            .breaches
            .first()
            .map(|b| b.message.clone())
            .unwrap_or_default();
        return Err(ToolError::new(
            "internal",
            format!("제안한 계획이 사업비 점검을 통과하지 못했습니다: {first}"),
        ));
    }
    let government_total =
        Won::checked_sum(years.iter().map(|y| y.government.amount)).ok_or_else(overflow)?;
    let in_kind_total =
        Won::checked_sum(years.iter().map(|y| y.company_in_kind.amount)).ok_or_else(overflow)?;
    Ok(BudgetPlanOutput {
        total,
        government_total,
        company_total: sub(total, government_total)?,
        in_kind_total,
        years,
        plan,
        check,
        notes,
        assumptions: std::mem::take(assumptions),
    })
}

fn as_budget_input(plan: &PlanAsInput) -> BudgetInput {
    BudgetInput {
        years: plan
            .years
            .iter()
            .map(|y| YearInput {
                government: y.government,
                company_cash: y.company_cash,
                company_in_kind: Some(y.company_in_kind),
                items: Some(
                    y.items
                        .iter()
                        .map(|i| ItemInput {
                            item: i.item.clone(),
                            cash: i.cash,
                            in_kind: Won::ZERO,
                        })
                        .collect(),
                ),
            })
            .collect(),
    }
}
