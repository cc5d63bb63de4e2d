//! The program's rules as data: one field per rules file in `content/rules/`.
use serde::{Deserialize, Serialize};

/// Every rules file, merged. The field name is the file stem (`budget.toml` → `budget`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rules {
    #[serde(default)]
    pub eligibility: crate::eligibility::EligibilityRules,
    #[serde(default)]
    pub budget: crate::budget::BudgetRules,
    #[serde(default)]
    pub score: crate::score::ScoreRules,
    #[serde(default)]
    pub kpi: crate::kpi::KpiRules,
    #[serde(default)]
    pub autonomy: crate::autonomy::AutonomyRules,
    #[serde(default)]
    pub small_business: crate::small_business::SmallBusinessRules,
    #[serde(default)]
    pub schedule: crate::schedule::ScheduleRules,
    #[serde(default)]
    pub documents: crate::documents::DocumentsRules,
}

impl Rules {
    /// Reads the rules from the JSON the builder publishes (`assets/rules.<hash>.json`), with the
    /// engine's one deserializer (see [`crate::de`]); the error names the failing key.
    pub fn from_json_value(value: &serde_json::Value) -> Result<Rules, crate::de::Error> {
        crate::de::from_value(value)
    }
}
