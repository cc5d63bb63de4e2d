//! The self-check pages in the browser: hydration of the pre-rendered forms (web-sys), live
//! results, state in the URL fragment and on this device, CSV download.
//!
//! Per tool, a module renders the engine's result JSON into HTML (pure functions, tested natively)
//! and the DOM layer (`dom`, wasm32 only) wires forms, results, errors and actions together.
pub mod html;

pub mod autonomy;
pub mod budget;
pub mod eligibility;
pub mod score;
