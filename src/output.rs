//! Write stage. The new site is laid down in a hidden sibling folder and swapped in only when
//! everything was written, so a failed build never leaves a half-written site.
//!
//! The sibling is not a fresh folder each time: the generation that the last build swapped out is
//! kept as `.<out>.previous` and brought up to date for the next build (double buffering). Only
//! files whose bytes differ are written, stale ones removed, and nothing is deleted wholesale.
//! Creating and deleting 10,000 folders per build dominated the build time on disks where each
//! metadata operation waits on the device (ext4 with `discard`: a 10,000-page rebuild spent
//! 7 s of system time deleting and recreating trees against 1 s of rendering).
use crate::assets::{FileData, OutputFile};
use crate::error::BuildError;
use crate::render::HtmlPage;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Writes pages and files into `out`, replacing what was there only once everything is written.
pub fn write_site(out: &Path, pages: &[HtmlPage], files: &[OutputFile]) -> Result<(), BuildError> {
    let shown = out.to_string_lossy().to_string();
    let staging = sibling(out, "previous")?;
    with_io_pool(|| sync_tree(&staging, pages, files))?;
    swap_in(out, &staging)
        .map_err(|err| BuildError::in_file(&shown, format!("출력 폴더를 바꿀 수 없습니다: {err}")))
}

/// A hidden folder next to `out` (same file system, so `rename` is atomic).
fn sibling(out: &Path, tag: &str) -> Result<PathBuf, BuildError> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            BuildError::in_file(out.to_string_lossy(), "출력 폴더 이름이 올바르지 않습니다")
        })?;
    let parent = out.parent().unwrap_or(Path::new(""));
    Ok(parent.join(format!(".{name}.{tag}")))
}

/// Puts `staging` in place of `out`, and keeps the replaced generation as the next staging folder.
fn swap_in(out: &Path, staging: &Path) -> std::io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out);
    }
    let old = sibling(out, &format!("swap-{}.tmp", std::process::id()))
        .map_err(|e| std::io::Error::other(e.message))?;
    std::fs::rename(out, &old)?;
    if let Err(err) = std::fs::rename(staging, out) {
        // Put the previous site back rather than leave nothing.
        let _ = std::fs::rename(&old, out);
        return Err(err);
    }
    // The replaced site becomes the buffer the next build brings up to date.
    std::fs::rename(&old, staging)
}

/// Many file operations in flight at once: on disks where each create or delete waits on the
/// device, concurrent operations ran ~15× faster than one at a time. Threads mostly wait, so this
/// exceeds the CPU count. `AFSITE_IO_THREADS` overrides it for measuring on other disks.
const IO_THREADS: usize = 16;

fn with_io_pool<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    let threads = std::env::var("AFSITE_IO_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(IO_THREADS);
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    }
}

/// Makes `dir` hold exactly `pages` and `files`: removes what is not wanted, creates missing
/// folders, and writes each file whose bytes differ from what is there.
fn sync_tree(dir: &Path, pages: &[HtmlPage], files: &[OutputFile]) -> Result<(), BuildError> {
    let shown = |rel: &str| dir.join(rel).to_string_lossy().into_owned();
    let wanted_files: BTreeSet<&str> = pages
        .iter()
        .map(|p| p.out_path.as_str())
        .chain(files.iter().map(|f| f.path.as_str()))
        .collect();
    let wanted_folders: BTreeSet<&str> = wanted_files
        .iter()
        .flat_map(|path| ancestors(path))
        .collect();
    std::fs::create_dir_all(dir)
        .map_err(|err| BuildError::in_file(shown(""), format!("폴더를 만들 수 없습니다: {err}")))?;
    remove_unwanted(dir, &wanted_files, &wanted_folders);
    create_folders(dir, &wanted_folders)?;

    let page_writes = pages.par_iter().map(|page| {
        (
            page.out_path.as_str(),
            write_if_changed(dir, &page.out_path, page.html.as_bytes()),
        )
    });
    let file_writes = files.par_iter().map(|file| {
        let result = match &file.data {
            FileData::Owned(bytes) => write_if_changed(dir, &file.path, bytes),
            FileData::Embedded(bytes) => write_if_changed(dir, &file.path, bytes),
            FileData::CopyFrom(source) => {
                std::fs::read(source).and_then(|bytes| write_if_changed(dir, &file.path, &bytes))
            }
        };
        (file.path.as_str(), result)
    });
    let failure = page_writes
        .chain(file_writes)
        .find_any(|(_, result)| result.is_err());
    match failure {
        Some((path, Err(err))) => Err(BuildError::in_file(
            shown(path),
            format!("쓸 수 없습니다: {err}"),
        )),
        _ => Ok(()),
    }
}

/// Every folder above a relative file path: `a/b/c.html` → `a`, `a/b`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/')
        .map(move |(slash, _)| &path[..slash])
}

/// Removes files and folders of `dir` that the new site does not have (a file where a folder is
/// wanted, or the reverse, counts as unwanted).
fn remove_unwanted(dir: &Path, wanted_files: &BTreeSet<&str>, wanted_folders: &BTreeSet<&str>) {
    let mut files = Vec::new();
    let mut folders: Vec<(usize, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        let Some(rel) = entry
            .path()
            .strip_prefix(dir)
            .ok()
            .and_then(|rel| rel.to_str())
            .map(|rel| rel.replace(std::path::MAIN_SEPARATOR, "/"))
        else {
            continue;
        };
        if entry.file_type().is_dir() {
            if !wanted_folders.contains(rel.as_str()) {
                folders.push((entry.depth(), entry.into_path()));
            }
        } else if !wanted_files.contains(rel.as_str()) {
            files.push(entry.into_path());
        }
    }
    files.par_iter().for_each(|file| {
        let _ = std::fs::remove_file(file);
    });
    // Deepest first. Everything inside an unwanted folder is unwanted too (a wanted file's
    // ancestors are all wanted), so its files are gone already; `remove_dir_all` catches the rest.
    folders.sort_by_key(|(depth, _)| std::cmp::Reverse(*depth));
    folders.par_iter().for_each(|(_, folder)| {
        let _ = std::fs::remove_dir_all(folder);
    });
}

/// Creates the wanted folders, one depth level at a time so threads never race on a parent.
fn create_folders(dir: &Path, folders: &BTreeSet<&str>) -> Result<(), BuildError> {
    let mut by_depth: Vec<&str> = folders
        .iter()
        .copied()
        .filter(|f| !dir.join(f).is_dir())
        .collect();
    by_depth.sort_by_key(|f| f.matches('/').count());
    for level in by_depth.chunk_by(|a, b| a.matches('/').count() == b.matches('/').count()) {
        let failed = level
            .par_iter()
            .map(|folder| (folder, std::fs::create_dir_all(dir.join(folder))))
            .find_any(|(_, result)| result.is_err());
        if let Some((folder, Err(err))) = failed {
            return Err(BuildError::in_file(
                dir.join(folder).to_string_lossy(),
                format!("폴더를 만들 수 없습니다: {err}"),
            ));
        }
    }
    Ok(())
}

/// Writes `bytes` to `dir/rel` unless the file already holds exactly these bytes.
fn write_if_changed(dir: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = dir.join(rel);
    let same_size = std::fs::metadata(&target)
        .is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64);
    if same_size && std::fs::read(&target)? == bytes {
        return Ok(());
    }
    std::fs::write(target, bytes)
}
