//! The budget tool: checks a one- or two-year budget against chapter 1 (지원 규모 및 조건) and
//! chapter 6 (사업비 편성 관련), and `budget_max` (the most support a plan can earn).
//!
//! Every figure (caps, ratios, fee tiers, mandatory items) is in `content/rules/budget.toml`.
mod max;
mod plan;
mod planner;
mod rules;

pub use max::{evaluate_max, BudgetMaxInput, BudgetMaxOutput};
pub use plan::{evaluate, BudgetInput, BudgetOutput, ItemInput, YearInput};
pub use planner::{
    evaluate_for_support, evaluate_plan, BudgetForSupportInput, BudgetForSupportOutput,
    BudgetPlanInput, BudgetPlanOutput,
};
pub use rules::{BudgetRules, Funding, ItemRule, MandatoryItem};
