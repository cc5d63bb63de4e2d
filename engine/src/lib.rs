//! Pure rules engine for the 2026 Autonomous Factory support program (2nd call).
//!
//! Rules are data (`content/rules/*.toml`, see [`rules::Rules`]); this crate holds only the
//! mechanisms. It does no I/O and keeps no global state, so the same code runs in the site
//! builder, on the CLI (`afsite eval`) and in the browser (the `af-wasm` crate).

pub mod api;
pub mod rules;
#[cfg(feature = "toml")]
pub mod load;
