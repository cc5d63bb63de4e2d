//! The program's rules as data: one field per rules file in `content/rules/`.
use serde::{Deserialize, Serialize};

/// Every rules file, merged. The field name is the file stem (`budget.toml` → `budget`).
///
/// Each field is read only when the engine feature of the same name is on (all are by default):
/// a browser module built for one page leaves the other files' readers out of its code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Rules {
    #[serde(default)]
    #[cfg_attr(not(feature = "eligibility"), serde(skip_deserializing))]
    pub eligibility: crate::eligibility::EligibilityRules,
    #[serde(default)]
    #[cfg_attr(not(feature = "budget"), serde(skip_deserializing))]
    pub budget: crate::budget::BudgetRules,
    #[serde(default)]
    #[cfg_attr(not(feature = "score"), serde(skip_deserializing))]
    pub score: crate::score::ScoreRules,
    #[serde(default)]
    #[cfg_attr(not(feature = "kpi"), serde(skip_deserializing))]
    pub kpi: crate::kpi::KpiRules,
    #[serde(default)]
    #[cfg_attr(not(feature = "autonomy"), serde(skip_deserializing))]
    pub autonomy: crate::autonomy::AutonomyRules,
    #[serde(default)]
    #[cfg_attr(not(feature = "small_business"), serde(skip_deserializing))]
    pub small_business: crate::small_business::SmallBusinessRules,
    #[serde(default)]
    #[cfg_attr(not(feature = "schedule"), serde(skip_deserializing))]
    pub schedule: crate::schedule::ScheduleRules,
    #[serde(default)]
    #[cfg_attr(not(feature = "documents"), serde(skip_deserializing))]
    pub documents: crate::documents::DocumentsRules,
}

impl Rules {
    /// Reads the rules from the JSON the builder publishes (`assets/rules.<hash>.json`), with the
    /// engine's one deserializer (see [`crate::de`]); the error names the failing key.
    pub fn from_json_value(value: &serde_json::Value) -> Result<Rules, crate::de::Error> {
        crate::de::from_value(value)
    }
}

impl Rules {
    /// Reads the rules from JSON text (the browser's rules file), with a message fit for a
    /// developer console (Korean, then the parser's English detail) when it cannot.
    pub fn from_json_str(text: &str) -> Result<Rules, String> {
        // serde would also read a struct from a JSON array (`[]` → all defaults); the rules file
        // is always an object, so anything else is a wrong file, not empty rules.
        if !text.trim_start().starts_with('{') {
            return Err(
                "규칙 데이터(JSON)는 객체({ … })여야 합니다. / The rules JSON must be an object."
                    .to_string(),
            );
        }
        // Text → `Value` → `Rules` through the engine's one deserializer (`crate::de`):
        // serde_json's text deserializer is generic over each struct and would be a second copy
        // of every rules struct's code; the tool inputs are read from a `Value` by the same one.
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            format!("규칙 데이터(JSON)를 읽을 수 없습니다. / Cannot parse the rules JSON: {e}")
        })?;
        Rules::from_json_value(&value).map_err(|e| {
            format!("규칙 데이터(JSON)를 읽을 수 없습니다. / Cannot parse the rules JSON: {e}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rules_json_is_an_error_message_not_a_panic() {
        let err = Rules::from_json_str("{not json").err().unwrap_or_default();
        assert!(err.contains("규칙 데이터"), "{err}");
        assert!(err.contains("Cannot parse the rules JSON"), "{err}");
    }

    #[test]
    fn rules_must_be_an_object() {
        for bad in ["[]", "null", "3", ""] {
            let err = Rules::from_json_str(bad).err().unwrap_or_default();
            assert!(err.contains("규칙 데이터"), "{bad}: {err}");
        }
    }

    #[test]
    fn empty_object_is_accepted_as_rules() {
        // Every rules field has a default, so `{}` parses; tools then report missing rules.
        assert_eq!(Rules::from_json_str("{}"), Ok(Rules::default()));
    }
}
