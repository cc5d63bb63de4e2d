//! Site-wide files besides pages: `static/` (CSS content-hashed), the rules as JSON, the WASM bundle.
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

/// `static/` files, the rules JSON and the WASM bundle, with the URLs templates need.
pub fn collect(
    root: &Path,
    rules: &af_engine::rules::Rules,
) -> BuildResult<(Vec<OutputFile>, AssetUrls)> {
    let mut files = Vec::new();
    let mut urls = AssetUrls::default();
    collect_static(root, &mut files, &mut urls)?;

    let json = serde_json::to_vec(rules).map_err(|err| {
        vec![BuildError::in_file(
            shown_path(root, Path::new("content/rules")),
            format!("규칙을 JSON으로 바꿀 수 없습니다: {err}"),
        )]
    })?;
    urls.rules_json = format!("{ASSETS_DIR}/rules.{}.json", short_hash(&json));
    files.push(OutputFile {
        path: urls.rules_json.clone(),
        data: FileData::Owned(json),
    });

    let bundle = crate::wasm_assets::bundle();
    for asset in bundle.files {
        files.push(OutputFile {
            path: format!("{ASSETS_DIR}/{}", asset.name),
            data: FileData::Embedded(asset.bytes),
        });
    }
    if !bundle.entry_js.is_empty() {
        urls.wasm_js = format!("{ASSETS_DIR}/{}", bundle.entry_js);
    }
    Ok((files, urls))
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
}
