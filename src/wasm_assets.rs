//! The browser builds of the engine (WASM + JS glue), one per kind of tool page, compiled by
//! `build.rs` from the table in `wasm/modules.rs` and embedded here, so that `afsite build` can
//! write them into the site without any tool beyond cargo.
//!
//! Every name carries a content hash, so servers may cache the files forever; a glue module
//! already points at the hashed `.wasm` next to it, so a page only needs
//! `import init, { Engine } from "<root>assets/<js_name>"; await init();`.

mod table {
    include!("../wasm/modules.rs");
}
pub use table::{PageModule, PAGE_MODULES};

/// One built module (a row of `BUILT_MODULES`, written by `build.rs`).
pub struct BuiltModule {
    /// Published name of the ES module pages import (`af_engine-budget.3f2a1c0b.js`).
    pub js_name: &'static str,
    pub js: &'static [u8],
    /// Published name of the `.wasm` the glue loads.
    pub wasm_name: &'static str,
    pub wasm: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/page_modules.rs"));

/// Each page module with its built files.
pub fn modules() -> impl Iterator<Item = (&'static PageModule, &'static BuiltModule)> {
    PAGE_MODULES.iter().zip(BUILT_MODULES.iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_module_is_built_real_wasm_with_glue_that_loads_it() {
        assert_eq!(BUILT_MODULES.len(), PAGE_MODULES.len());
        for (module, built) in modules() {
            assert_eq!(
                &built.wasm[..4],
                b"\0asm",
                "{}: not a wasm module",
                module.name
            );
            let glue = String::from_utf8_lossy(built.js);
            assert!(
                glue.contains(&format!("new URL('{}', import.meta.url)", built.wasm_name)),
                "the glue of {} does not load {}",
                module.name,
                built.wasm_name
            );
            assert!(
                glue.contains("export class Engine"),
                "{}: no Engine export",
                module.name
            );
            assert!(glue.contains("run("), "{}: no Engine.run", module.name);
        }
    }

    #[test]
    fn names_are_content_hashed_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for (module, built) in modules() {
            for name in [built.js_name, built.wasm_name] {
                let parts: Vec<&str> = name.split('.').collect();
                assert_eq!(parts.len(), 3, "{name}");
                assert!(parts[0].contains(module.name), "{name}");
                assert_eq!(parts[1].len(), 8, "{name}");
                assert!(parts[1].chars().all(|c| c.is_ascii_hexdigit()), "{name}");
                assert!(seen.insert(name), "{name} twice");
            }
        }
    }

    #[test]
    fn a_template_belongs_to_one_module_at_most() {
        let mut seen = std::collections::HashSet::new();
        for module in PAGE_MODULES {
            for template in module.templates {
                assert!(seen.insert(*template), "{template} is in two modules");
            }
        }
    }
}
