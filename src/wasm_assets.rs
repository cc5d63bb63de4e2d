//! The browser build of the engine (WASM + its JS glue), compiled by `build.rs` and embedded here
//! so that `afsite build` can write it into the site without any tool beyond cargo.
//!
//! Both names carry a content hash, so servers may cache them forever; the glue already points at
//! the hashed `.wasm` next to it, so a page only needs
//! `import init, { Engine } from "<root>assets/<entry_js>"; await init();`.

/// One file to write under `assets/` in the site.
pub struct Asset {
    /// File name, content-hashed (e.g. `af_engine.3f2a1c0b.js`).
    pub name: String,
    pub bytes: &'static [u8],
}

/// The files to publish, and the name of the JS module a page imports.
pub struct WasmBundle {
    pub files: Vec<Asset>,
    /// Name (under `assets/`) of the ES module that pages import; it loads the `.wasm` itself.
    pub entry_js: String,
}

const JS_NAME: &str = env!("AF_WASM_JS_NAME");
const WASM_NAME: &str = env!("AF_WASM_WASM_NAME");
static JS_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/af_engine.js"));
static WASM_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/af_engine_bg.wasm"));

/// Returns the embedded bundle: the glue module (the entry) and the `.wasm` it loads.
pub fn bundle() -> WasmBundle {
    WasmBundle {
        files: vec![
            Asset {
                name: JS_NAME.to_string(),
                bytes: JS_BYTES,
            },
            Asset {
                name: WASM_NAME.to_string(),
                bytes: WASM_BYTES,
            },
        ],
        entry_js: JS_NAME.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundle_holds_a_real_wasm_module_and_glue_that_loads_it() {
        let b = bundle();
        assert_eq!(b.files.len(), 2);
        let js = b.files.iter().find(|a| a.name == b.entry_js);
        let wasm = b.files.iter().find(|a| a.name.ends_with(".wasm"));
        let (Some(js), Some(wasm)) = (js, wasm) else {
            panic!("bundle lacks the entry JS or the wasm: {:?}", names(&b));
        };
        assert_eq!(&wasm.bytes[..4], b"\0asm", "not a wasm module");
        let glue = String::from_utf8_lossy(js.bytes);
        assert!(
            glue.contains(&format!("new URL('{}', import.meta.url)", wasm.name)),
            "the glue does not load {}",
            wasm.name
        );
        assert!(glue.contains("export class Engine"), "no Engine export");
    }

    #[test]
    fn names_are_content_hashed() {
        for name in names(&bundle()) {
            let parts: Vec<&str> = name.split('.').collect();
            assert_eq!(parts.len(), 3, "{name}");
            assert_eq!(parts[1].len(), 8, "{name}");
            assert!(parts[1].chars().all(|c| c.is_ascii_hexdigit()), "{name}");
        }
    }

    fn names(b: &WasmBundle) -> Vec<String> {
        b.files.iter().map(|a| a.name.clone()).collect()
    }
}
