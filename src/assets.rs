//! Site-wide files besides pages: `static/` (CSS content-hashed), and per page module (tool
//! pages) its WASM, JS glue and rules data.
use crate::content::shown_path;
use crate::error::{BuildError, BuildResult};
use crate::render::AssetUrls;
use crate::walk::FoundFile;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The stylesheet whose name gets a content hash (so browsers never use a stale copy).
const STYLESHEET: &str = "css/style.css";
const FAVICON: &str = "favicon.svg";
const ASSETS_DIR: &str = "assets";

/// Bytes of an output file: produced in memory, embedded in the binary, or copied from disk.
#[derive(Debug, Clone)]
pub enum FileData {
    Owned(Vec<u8>),
    Embedded(&'static [u8]),
    CopyFrom(PathBuf),
}

/// A non-page file of the site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the site root.
    pub path: String,
    pub data: FileData,
}

/// First 10 hex digits of the SHA-256 of `bytes`: short, and stable across builds and Rust versions.
pub fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

/// `static/` files and the page modules with their rules data, with the URLs templates need.
pub fn collect(
    root: &Path,
    rules: &af_engine::rules::Rules,
) -> BuildResult<(Vec<OutputFile>, AssetUrls)> {
    let mut files = Vec::new();
    let mut urls = AssetUrls::default();
    collect_static(root, &mut files, &mut urls)?;

    let all_rules = serde_json::to_value(rules).map_err(|err| {
        vec![BuildError::in_file(
            shown_path(root, Path::new("content/rules")),
            format!("규칙을 JSON으로 바꿀 수 없습니다: {err}"),
        )]
    })?;
    for (module, built) in crate::wasm_assets::modules() {
        let json = module_rules_json(&all_rules, module.rules).map_err(|err| {
            vec![BuildError::in_file(
                shown_path(root, Path::new("wasm/modules.rs")),
                format!("{}: {err}", module.name),
            )]
        })?;
        let page = crate::render::ToolAssets {
            wasm_js: format!("{ASSETS_DIR}/{}", built.js_name),
            rules_json: format!(
                "{ASSETS_DIR}/rules-{}.{}.json",
                module.name,
                short_hash(&json)
            ),
        };
        files.push(OutputFile {
            path: page.rules_json.clone(),
            data: FileData::Owned(json),
        });
        for (name, bytes) in [(built.js_name, built.js), (built.wasm_name, built.wasm)] {
            files.push(OutputFile {
                path: format!("{ASSETS_DIR}/{name}"),
                data: FileData::Embedded(bytes),
            });
        }
        for template in module.templates {
            urls.tool_pages
                .insert((*template).to_string(), page.clone());
        }
    }
    Ok((files, urls))
}

/// The rules data of one page module: only the sections (rules files) its tools read, as compact
/// JSON (`{"budget":{…},"small_business":{…}}`). The module reads it at run time, so editing
/// `content/rules/` never needs the WASM rebuilt.
fn module_rules_json(all: &serde_json::Value, sections: &[&str]) -> Result<Vec<u8>, String> {
    let mut picked = serde_json::Map::new();
    for section in sections {
        let value = all
            .get(*section)
            .ok_or_else(|| format!("규칙 파일 종류 {section}이(가) 엔진에 없습니다"))?;
        picked.insert((*section).to_string(), value.clone());
    }
    serde_json::to_vec(&picked).map_err(|err| format!("규칙을 JSON으로 바꿀 수 없습니다: {err}"))
}

fn collect_static(
    root: &Path,
    files: &mut Vec<OutputFile>,
    urls: &mut AssetUrls,
) -> BuildResult<()> {
    if !root.join("static").is_dir() {
        return Ok(());
    }
    let (found, mut errors) = crate::walk::files_in(root, "static");
    for FoundFile { path, rel } in found {
        if rel == STYLESHEET {
            match std::fs::read(&path) {
                Ok(css) => {
                    urls.style_css = format!("css/style.{}.css", short_hash(&css));
                    files.push(OutputFile {
                        path: urls.style_css.clone(),
                        data: FileData::Owned(css),
                    });
                }
                Err(err) => errors.push(BuildError::in_file(
                    shown_path(root, &Path::new("static").join(STYLESHEET)),
                    format!("읽을 수 없습니다: {err}"),
                )),
            }
            continue;
        }
        if rel == FAVICON {
            urls.favicon = FAVICON.to_string();
        }
        files.push(OutputFile {
            path: rel,
            data: FileData::CopyFrom(path),
        });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_hash_is_stable_and_content_based() {
        assert_eq!(short_hash(b"abc"), "ba7816bf8f");
        assert_ne!(short_hash(b"a"), short_hash(b"b"));
    }

    #[test]
    fn module_rules_hold_only_their_sections() {
        let all = serde_json::json!({"budget": {"a": 1}, "score": {"b": 2}, "kpi": {}});
        let json = module_rules_json(&all, &["budget", "kpi"]).unwrap();
        assert_eq!(json, br#"{"budget":{"a":1},"kpi":{}}"#);
        assert!(module_rules_json(&all, &["nope"]).is_err());
    }

    #[test]
    fn every_page_module_names_rules_the_engine_has() {
        let all = serde_json::to_value(af_engine::rules::Rules::default()).unwrap();
        for module in crate::wasm_assets::PAGE_MODULES {
            assert!(
                module_rules_json(&all, module.rules).is_ok(),
                "{}",
                module.name
            );
        }
    }
}
