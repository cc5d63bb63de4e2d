//! The program's rules as data. Placeholder: the full schema arrives with the engine.
use serde::{Deserialize, Serialize};

/// Every rules file, merged.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rules {}
