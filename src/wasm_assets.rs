//! The browser build of the engine (WASM + its JS glue), compiled by `build.rs` and embedded here
//! so that `afsite build` can write it into the site. Placeholder until the WASM pipeline lands.

/// One file to write under `assets/` in the site.
pub struct Asset {
    /// File name, content-hashed (e.g. `af_engine.3f2a1c.js`).
    pub name: String,
    pub bytes: &'static [u8],
}

/// The files to publish, and the name of the JS module a page imports.
pub struct WasmBundle {
    pub files: Vec<Asset>,
    /// Name (under `assets/`) of the ES module that pages import; it loads the `.wasm` itself.
    pub entry_js: String,
}

/// Returns the embedded bundle (empty placeholder for now).
pub fn bundle() -> WasmBundle {
    WasmBundle {
        files: Vec::new(),
        entry_js: String::new(),
    }
}
