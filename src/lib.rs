//! `afsite`: builds the Autonomous Factory program site from `content/`, `templates/` and `static/`.
//!
//! The pipeline is load ([`content`], [`glossary`], [`rules_files`], [`templates`]) → render
//! ([`render`]) → validate ([`validate`]) → write ([`output`]); [`site`] runs it end to end.
pub mod assets;
pub mod banner;
pub mod cli;
pub mod content;
pub mod error;
pub mod eval;
pub mod front_matter;
pub mod glossary;
pub mod headers;
pub mod init;
pub mod output;
pub mod render;
pub mod rules_files;
pub mod serve;
pub mod site;
pub mod site_config;
pub mod templates;
pub mod validate;
pub mod walk;
pub mod wasm_assets;

pub use error::BuildError;
pub use site::{build_site, check_site, render_site, BuildOptions, BuildReport};
