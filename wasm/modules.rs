// The browser modules, one per kind of tool page: THE table of which page downloads which tools.
//
// Read by the root `build.rs` (one nested wasm build per row, with the engine features named in
// `rules`) and by the builder (`src/wasm_assets.rs`: a page whose template is in `templates`
// gets this module and a rules file holding only the `rules` sections). Adding a tool to a page is
// one word in its row; a new kind of tool page is one row.
//
// - `name`: file stem of the module (`af_engine-<name>.<hash>.js`) and its rules file
//   (`rules-<name>.<hash>.json`);
// - `templates`: the page templates (`template = "…"` in a page's front matter) that load it;
// - `rules`: rules files (`content/rules/<name>.toml`) = af-engine features: the module answers
//   the tools that read them (see `dispatch` in engine/src/api.rs), and the page's rules data
//   holds only these sections. `money` is in every module.

/// One browser module (see the table below).
#[allow(dead_code)] // each reader uses some of the fields
pub struct PageModule {
    pub name: &'static str,
    pub templates: &'static [&'static str],
    pub rules: &'static [&'static str],
}

pub const PAGE_MODULES: &[PageModule] = &[
    PageModule {
        name: "eligibility",
        templates: &["tools/eligibility.html"],
        // `schedule`: the answer says whether applications are still open.
        rules: &["eligibility", "schedule"],
    },
    PageModule {
        name: "budget",
        templates: &["tools/budget.html"],
        rules: &["budget", "small_business"],
    },
    PageModule {
        name: "score",
        templates: &["tools/score.html"],
        rules: &["score", "kpi"],
    },
    PageModule {
        name: "self-assessment",
        templates: &["tools/self-assessment.html"],
        rules: &["autonomy"],
    },
];
