//! The `budget_max` tool: the most government support an N-year plan can earn, and the smallest
//! total (and company share) that earns it.
use super::rules::BudgetRules;
use crate::error::{Assumption, ToolError};
use crate::money::{format_won, percent_of_floor, whole_for_percent_ceil, Won};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetMaxInput {
    /// Plan length in years (1 or 2).
    pub years: u32,
}

/// The largest support and the smallest budget that earns it, for one year or in all.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MaxPlan {
    /// 최대 정부출연금
    pub government: Won,
    /// 그 출연금을 받는 가장 작은 총사업비
    pub min_total: Won,
    /// 필요한 민간부담금(현금+현물)
    pub company_total: Won,
    /// 현물로 채울 수 있는 최대 금액
    pub company_in_kind_max: Won,
    /// 그때 필요한 최소 현금
    pub company_cash_min: Won,
}

#[derive(Debug, Clone, Serialize)]
pub struct MaxYear {
    pub year: u32,
    #[serde(flatten)]
    pub plan: MaxPlan,
}

/// Why each figure is what it is.
#[derive(Debug, Clone, Serialize)]
pub struct Reason {
    pub message: String,
    pub cite: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetMaxOutput {
    pub years: Vec<MaxYear>,
    pub overall: MaxPlan,
    /// 정산 수수료 for the overall minimum total (it is part of that total).
    pub settlement_fee: Won,
    pub reasons: Vec<Reason>,
    pub assumptions: Vec<Assumption>,
}

fn overflow() -> ToolError {
    ToolError::out_of_range("최대 지원금 계산")
}

pub fn evaluate_max(
    rules: &BudgetRules,
    input: &BudgetMaxInput,
) -> Result<BudgetMaxOutput, ToolError> {
    let g = &rules.government;
    let k = &rules.in_kind;
    if input.years == 0 || input.years > g.max_years {
        return Err(ToolError::invalid_field(
            "years",
            format!(
                "사업기간은 1년에서 최대 {}년까지입니다(입력: {}년).",
                g.max_years, input.years
            ),
        ));
    }
    let mut remaining = g.max_total;
    let mut years = Vec::new();
    for year in 1..=input.years {
        let government = g.max_per_year.min(remaining);
        remaining = remaining.checked_sub(government).ok_or_else(overflow)?;
        years.push(MaxYear {
            year,
            plan: plan_for(rules, government)?,
        });
    }
    let sum = |f: fn(&MaxPlan) -> Won| {
        Won::checked_sum(years.iter().map(|y| f(&y.plan))).ok_or_else(overflow)
    };
    let overall = MaxPlan {
        government: sum(|p| p.government)?,
        min_total: sum(|p| p.min_total)?,
        company_total: sum(|p| p.company_total)?,
        company_in_kind_max: sum(|p| p.company_in_kind_max)?,
        company_cash_min: sum(|p| p.company_cash_min)?,
    };
    let settlement_fee = rules
        .settlement_fee_for(overall.min_total)
        .ok_or_else(|| ToolError::new("rules_missing", "정산 수수료 구간 규칙이 없습니다."))?;
    let reasons = vec![
        Reason {
            message: format!(
                "정부출연금은 연 {} 이내, 전체 {} 이내, 총사업비의 {}% 이내입니다.",
                format_won(g.max_per_year),
                format_won(g.max_total),
                g.max_share_percent
            ),
            cite: g.cite.clone(),
        },
        Reason {
            message: format!(
                "현물은 민간부담금의 {}% 이내, 연차별 최대 {}까지입니다.",
                k.max_percent_of_company,
                format_won(k.max_per_year)
            ),
            cite: k.cite.clone(),
        },
        Reason {
            message: format!(
                "정산 수수료 {}은 총사업비 {} 안에 편성합니다.",
                format_won(settlement_fee),
                format_won(overall.min_total)
            ),
            cite: rules.settlement_fee.cite.clone(),
        },
    ];
    let assumptions = vec![Assumption::new(
        format!(
            "정부출연금 {}% 이내와 현물 {}% 이내는 연차별로 적용했습니다.",
            g.max_share_percent, k.max_percent_of_company
        ),
        g.cite.clone(),
    )];
    Ok(BudgetMaxOutput {
        years,
        overall,
        settlement_fee,
        reasons,
        assumptions,
    })
}

/// The smallest budget for a given government contribution in one year.
fn plan_for(rules: &BudgetRules, government: Won) -> Result<MaxPlan, ToolError> {
    let min_total = whole_for_percent_ceil(government, rules.government.max_share_percent)
        .ok_or_else(overflow)?;
    let company_total = min_total.checked_sub(government).ok_or_else(overflow)?;
    let company_in_kind_max = percent_of_floor(company_total, rules.in_kind.max_percent_of_company)
        .ok_or_else(overflow)?
        .min(rules.in_kind.max_per_year);
    let company_cash_min = company_total
        .checked_sub(company_in_kind_max)
        .ok_or_else(overflow)?;
    Ok(MaxPlan {
        government,
        min_total,
        company_total,
        company_in_kind_max,
        company_cash_min,
    })
}
