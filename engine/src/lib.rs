//! Pure rules engine for the 2026 Autonomous Factory support program (2nd call).
//!
//! Rules are data (`content/rules/*.toml`, merged into [`rules::Rules`]); this crate holds only
//! the mechanisms. It does no I/O and keeps no global state, so the same code runs in the site
//! builder, on the CLI (`afsite eval`) and in the browser (the `af-wasm` crate).
//!
//! Each tool lives in its own module with the same shape: `XRules` (its slice of the rules data,
//! with `validate`), `XInput`, `XOutput` and `evaluate(&XRules, &XInput) -> Result<XOutput, ToolError>`.
//! [`api::eval`] is the JSON door to all of them.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects
    )
)]

pub mod api;
pub mod cite;
pub mod de;
pub mod error;
pub mod josa;
pub mod money;
pub mod rules;

pub mod autonomy;
pub mod budget;
pub mod documents;
pub mod eligibility;
pub mod kpi;
pub mod schedule;
pub mod score;
pub mod small_business;

#[cfg(feature = "toml")]
pub mod load;
