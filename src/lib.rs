//! `afsite`: builds the Autonomous Factory program site from `content/`, `templates/` and `static/`.
pub mod wasm_assets;
