//! The self-check pages in the browser: hydration of the pre-rendered forms (web-sys), live
//! results, state in the URL fragment and on this device, CSV download.
//!
//! Per tool, a module renders the engine's result JSON into HTML (pure functions, tested natively)
//! and the DOM layer (`dom`, wasm32 only) wires forms, results, errors and actions together.
//! The page contract is documented at the top of `dom.rs` and in `docs/tools-ui.md`.
pub mod html;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod dom;

pub mod autonomy;
pub mod budget;
pub mod eligibility;
pub mod score;

/// A result renderer: the engine's `result` object and the page's root prefix (`../../`, for
/// links to cited notice clauses) → HTML for `<section class="tool-result">`.
pub type Renderer = fn(&serde_json::Value, &str) -> String;

/// The renderer of an engine tool (the form's `data-tool`). A tool without one gets a plain
/// "no renderer" note; add yours here (one line).
pub fn renderer(tool: &str) -> Option<Renderer> {
    match tool {
        "eligibility" => Some(eligibility::render),
        "self_assessment" => Some(autonomy::render),
        "budget" => Some(budget::render),
        "budget_max" => Some(budget::render_max),
        "small_business" => Some(budget::render_small),
        "score" => Some(score::render),
        "kpi" => Some(score::render_kpi),
        _ => None,
    }
}

/// The committed rules (`content/rules/*.toml`), for the renderers' tests.
#[cfg(test)]
pub(crate) fn test_rules() -> af_engine::rules::Rules {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content/rules");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            files.push((path.display().to_string(), text));
        }
    }
    af_engine::load::from_toml_files(&files).unwrap_or_default()
}
