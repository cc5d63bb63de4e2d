//! Listing the files of a site folder (`static/`, `templates/`), shared by the loaders.
use crate::content::shown_path;
use crate::error::BuildError;
use std::path::{Path, PathBuf};

/// A file found under a folder.
pub struct FoundFile {
    pub path: PathBuf,
    /// Path inside the folder, with `/` separators (`css/style.css`).
    pub rel: String,
}

/// Every file under `root/folder`, sorted by name, skipping hidden ones (`.DS_Store`, editor
/// swap files); entries that cannot be read become errors naming the folder.
pub fn files_in(root: &Path, folder: &str) -> (Vec<FoundFile>, Vec<BuildError>) {
    let dir = root.join(folder);
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(BuildError::in_file(
                    shown_path(root, Path::new(folder)),
                    format!("읽을 수 없습니다: {err}"),
                ));
                continue;
            }
        };
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !entry.file_type().is_file() || hidden {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        files.push(FoundFile {
            path: entry.into_path(),
            rel,
        });
    }
    (files, errors)
}
