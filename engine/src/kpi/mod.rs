//! Placeholder: the kpi tool.
use serde::{Deserialize, Serialize};

/// This tool's slice of the rules data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KpiRules {}
