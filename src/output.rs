//! Write stage. The output folder belongs to the builder alone, is replaced in one atomic step,
//! and only one build writes it at a time.
//!
//! - **Ownership.** A folder the builder made holds the marker file [`MARKER`]. A non-empty folder
//!   without it is never replaced, and neither is the project root, any folder above it, or any
//!   folder that holds or lies inside `content/`, `templates/` or `static/` (paths compared after
//!   resolving symlinks, `..` and absolute spellings).
//! - **Double buffering.** The new site is laid down in the hidden sibling `.<out>.previous`: the
//!   generation the last build swapped out, brought up to date (only files whose bytes differ are
//!   written, stale ones removed). Creating and deleting 10,000 folders per build dominated the
//!   build time on disks where each metadata operation waits on the device.
//! - **The swap.** On Linux `renameat2(RENAME_EXCHANGE)` exchanges the two folders in one step:
//!   readers never see a missing file, and `kill -9` at any instant leaves a complete site. Where
//!   that call is missing (other systems, or a file system without it) the old site is renamed to
//!   `.<out>.swap.tmp` and the new one renamed in: a short gap, and a crash inside it is repaired
//!   by the next build, which renames the swapped-out site back.
//! - **One build at a time.** `.<out>.lock` beside the output is held with `flock` from before
//!   rendering until the swap; a second build into the same folder waits for the first.
//! - **Precompressed copies.** Each text file and the WASM gets `.gz` and `.br` siblings
//!   (only rewritten when the file changed), for servers that send them as they are.
//! - **Failures.** If writing fails (a full disk, say), the half-written buffer is deleted and the
//!   visible site is left as it was.
use crate::assets::{FileData, OutputFile};
use crate::error::BuildError;
use crate::render::HtmlPage;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// File inside every output folder the builder made; its absence protects a folder from replacement.
pub const MARKER: &str = ".afsite-output";
const MARKER_TEXT: &str =
    "afsite build가 만든 출력 폴더입니다. 빌드할 때마다 통째로 바뀝니다. 직접 고친 내용은 사라집니다.\n";

/// Folders of the project that an output folder may never hold or be inside.
const SOURCE_DIRS: [&str; 3] = ["content", "templates", "static"];

/// An output folder checked and locked for one build (the lock is released when this is dropped).
#[derive(Debug)]
pub struct Target {
    /// The output folder, absolute, symlinks resolved.
    out: PathBuf,
    /// As the user wrote it, for messages.
    shown: String,
    staging: PathBuf,
    swap_tmp: PathBuf,
    _lock: Option<std::fs::File>,
}

impl Target {
    pub fn out(&self) -> &Path {
        &self.out
    }
}

/// Checks that `out` may be replaced by a build of `root`, takes the build lock (waiting for
/// another build into the same folder), and repairs what a crashed build left behind.
pub fn prepare(root: &Path, out: &Path) -> Result<Target, BuildError> {
    let shown = out.to_string_lossy().into_owned();
    let fail = |message: String| BuildError::in_file(&shown, message);
    let resolved =
        resolve(out).map_err(|err| fail(format!("출력 폴더 경로를 확인할 수 없습니다: {err}")))?;
    let root = resolve(root).map_err(|err| {
        BuildError::in_file(
            root.to_string_lossy(),
            format!("프로젝트 폴더를 확인할 수 없습니다: {err}"),
        )
    })?;
    check_not_project(&root, &resolved).map_err(fail)?;
    let name = resolved
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| fail("출력 폴더 이름이 올바르지 않습니다".to_string()))?;
    let parent = resolved.parent().unwrap_or(Path::new("/")).to_path_buf();
    std::fs::create_dir_all(&parent)
        .map_err(|err| fail(format!("출력 폴더의 상위 폴더를 만들 수 없습니다: {err}")))?;
    let lock = lock_beside(&parent.join(format!(".{name}.lock")), &shown).map_err(fail)?;
    let target = Target {
        staging: parent.join(format!(".{name}.previous")),
        swap_tmp: parent.join(format!(".{name}.swap.tmp")),
        out: resolved,
        shown: shown.clone(),
        _lock: lock,
    };
    recover_interrupted_swap(&target).map_err(fail)?;
    check_owned(&target.out, &target.shown).map_err(fail)?;
    let staging_shown = target.staging.to_string_lossy().into_owned();
    check_owned(&target.staging, &staging_shown)
        .map_err(|message| BuildError::in_file(&staging_shown, message))?;
    Ok(target)
}

/// Absolute form of `path` with symlinks resolved in the part that exists and `.`/`..` applied
/// to the rest.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(mut resolved) => {
                for part in rest.iter().rev() {
                    match part {
                        Component::ParentDir => {
                            resolved.pop();
                        }
                        Component::Normal(name) => resolved.push(name),
                        _ => {}
                    }
                }
                return Ok(resolved);
            }
            Err(err) => {
                let Some(parent) = existing.parent() else {
                    return Err(err);
                };
                if let Some(last) = existing.components().next_back() {
                    rest.push(last);
                }
                existing = parent;
            }
        }
    }
}

/// The output may not be the project root or above it, nor hold or sit inside its sources.
fn check_not_project(root: &Path, out: &Path) -> Result<(), String> {
    if root.starts_with(out) {
        return Err(format!(
            "출력 폴더가 프로젝트 폴더({})이거나 그 상위 폴더입니다. 빌드는 출력 폴더를 통째로 바꾸므로 \
             content/, templates/, static/이 지워질 수 있어 멈췄습니다. --out에 전용 폴더(예: public)를 지정하세요",
            root.display()
        ));
    }
    for dir in SOURCE_DIRS {
        let source = resolve(&root.join(dir)).unwrap_or_else(|_| root.join(dir));
        if out.starts_with(&source) || source.starts_with(out) {
            return Err(format!(
                "출력 폴더가 {dir}/ 폴더와 겹칩니다({}). 빌드는 출력 폴더를 통째로 바꾸므로 멈췄습니다. \
                 --out에 전용 폴더(예: public)를 지정하세요",
                source.display()
            ));
        }
    }
    Ok(())
}

/// A folder may be replaced only if it is missing, empty, or carries the builder's marker.
fn check_owned(dir: &Path, shown: &str) -> Result<(), String> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(err) => return Err(format!("확인할 수 없습니다: {err}")),
    };
    if !meta.is_dir() {
        return Err(format!(
            "{shown}은(는) 폴더가 아닙니다. 덮어쓰지 않으려고 빌드를 멈췄습니다"
        ));
    }
    if dir.join(MARKER).is_file() {
        return Ok(());
    }
    let empty = std::fs::read_dir(dir)
        .map_err(|err| format!("읽을 수 없습니다: {err}"))?
        .next()
        .is_none();
    if empty {
        Ok(())
    } else {
        Err(format!(
            "afsite가 만든 출력 폴더가 아닙니다({MARKER} 표시 파일이 없음). 안의 파일을 지우지 않으려고 \
             빌드를 멈췄습니다. 다른 폴더를 --out으로 지정하거나, 이 폴더가 예전 빌드의 출력이라면 직접 지운 뒤 다시 빌드하세요"
        ))
    }
}

/// Holds an exclusive `flock` on `path`; if another build holds it, says so and waits.
#[cfg(unix)]
fn lock_beside(path: &Path, shown: &str) -> Result<Option<std::fs::File>, String> {
    use std::os::fd::AsRawFd;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|err| format!("잠금 파일 {}을(를) 열 수 없습니다: {err}", path.display()))?;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is an open descriptor owned by `file`, which outlives the lock.
    if unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(Some(file));
    }
    eprintln!("{shown}: 다른 빌드가 이 출력 폴더에 쓰는 중입니다. 끝나기를 기다립니다…");
    loop {
        // SAFETY: as above.
        if unsafe { libc::flock(fd, libc::LOCK_EX) } == 0 {
            return Ok(Some(file));
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("잠글 수 없습니다: {err}"));
        }
    }
}

#[cfg(not(unix))]
fn lock_beside(_path: &Path, _shown: &str) -> Result<Option<std::fs::File>, String> {
    Ok(None)
}

/// A build killed between the two renames of the fallback swap left no output and the last site
/// in `.<out>.swap.tmp`: put it back. A leftover next to a present output goes back to being the
/// buffer, or is removed.
fn recover_interrupted_swap(target: &Target) -> Result<(), String> {
    if !target.swap_tmp.join(MARKER).is_file() {
        return Ok(());
    }
    let restore = |to: &Path| {
        std::fs::rename(&target.swap_tmp, to)
            .map_err(|err| format!("중단된 빌드가 남긴 폴더를 되돌릴 수 없습니다: {err}"))
    };
    if !target.out.exists() {
        eprintln!(
            "{}: 중단된 빌드가 남긴 이전 사이트를 되돌려 놓았습니다",
            target.shown
        );
        restore(&target.out)
    } else if !target.staging.exists() {
        restore(&target.staging)
    } else {
        std::fs::remove_dir_all(&target.swap_tmp)
            .map_err(|err| format!("중단된 빌드가 남긴 폴더를 지울 수 없습니다: {err}"))
    }
}

/// Writes pages and files, then swaps them in for the current output in one step.
pub fn write_site(
    target: &Target,
    pages: &[HtmlPage],
    files: &[OutputFile],
) -> Result<(), BuildError> {
    let staging = &target.staging;
    if let Err(err) = with_io_pool(|| sync_tree(staging, pages, files)) {
        // A full disk, say: free what was half written; the visible site is untouched.
        let _ = std::fs::remove_dir_all(staging);
        return Err(err);
    }
    swap_in(&target.out, staging, &target.swap_tmp).map_err(|err| {
        BuildError::in_file(
            &target.shown,
            format!("출력 폴더를 바꿀 수 없습니다: {err}"),
        )
    })
}

/// Puts `staging` in place of `out`, and keeps the replaced generation as the next staging folder.
fn swap_in(out: &Path, staging: &Path, swap_tmp: &Path) -> std::io::Result<()> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(staging, out);
    }
    match exchange(staging, out) {
        Ok(()) => return Ok(()),
        Err(err) if !exchange_unsupported(&err) => return Err(err),
        Err(_) => {}
    }
    // Fallback with a short gap; `recover_interrupted_swap` repairs a crash inside it.
    std::fs::rename(out, swap_tmp)?;
    if let Err(err) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(swap_tmp, out);
        return Err(err);
    }
    std::fs::rename(swap_tmp, staging)
}

/// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: both are valid NUL-terminated paths that live across the call. The raw system call
    // is used so this works with every libc (musl had no wrapper until 1.2.4).
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// The exchange is not available here (old kernel, file system without it, other OS).
fn exchange_unsupported(err: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    if matches!(
        err.raw_os_error(),
        Some(libc::ENOSYS | libc::EINVAL | libc::ENOTSUP)
    ) {
        return true;
    }
    err.kind() == std::io::ErrorKind::Unsupported
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
    let sidecars: Vec<String> = pages
        .iter()
        .map(|p| p.out_path.as_str())
        .chain(files.iter().map(|f| f.path.as_str()))
        .filter(|path| compressible(path))
        .flat_map(|path| SIDECARS.map(|(ext, _)| format!("{path}.{ext}")))
        .collect();
    let wanted_files: BTreeSet<&str> = pages
        .iter()
        .map(|p| p.out_path.as_str())
        .chain(files.iter().map(|f| f.path.as_str()))
        .chain(sidecars.iter().map(String::as_str))
        .chain([MARKER])
        .collect();
    let wanted_folders: BTreeSet<&str> = wanted_files
        .iter()
        .flat_map(|path| ancestors(path))
        .collect();
    std::fs::create_dir_all(dir)
        .map_err(|err| BuildError::in_file(shown(""), format!("폴더를 만들 수 없습니다: {err}")))?;
    write_if_changed(dir, MARKER, MARKER_TEXT.as_bytes())
        .map_err(|err| BuildError::in_file(shown(MARKER), format!("쓸 수 없습니다: {err}")))?;
    remove_unwanted(dir, &wanted_files, &wanted_folders);
    create_folders(dir, &wanted_folders)?;

    let page_writes = pages.par_iter().map(|page| {
        (
            page.out_path.as_str(),
            write_with_sidecars(dir, &page.out_path, page.html.as_bytes()),
        )
    });
    let file_writes = files.par_iter().map(|file| {
        let result = match &file.data {
            FileData::Owned(bytes) => write_with_sidecars(dir, &file.path, bytes),
            FileData::Embedded(bytes) => write_with_sidecars(dir, &file.path, bytes),
            FileData::CopyFrom(source) => {
                std::fs::read(source).and_then(|bytes| write_with_sidecars(dir, &file.path, &bytes))
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

/// Precompressed copies written beside each text file and the WASM, for servers that send them
/// as they are (nginx `gzip_static`/`brotli_static`, Apache rewrite rules, most static hosts).
const SIDECARS: [(&str, Compressor); 2] = [("gz", gzip), ("br", brotli)];
type Compressor = fn(&[u8]) -> std::io::Result<Vec<u8>>;

/// Text formats and the WASM; images and fonts are compressed already.
pub fn compressible(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    !name.starts_with('.')
        && matches!(
            name.rsplit_once('.').map(|(_, ext)| ext),
            Some("html" | "css" | "js" | "mjs" | "json" | "svg" | "xml" | "txt" | "wasm")
        )
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Quality 11 (the maximum) costs little here: only files whose bytes changed are compressed.
fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut std::io::Cursor::new(bytes), &mut out, &params)?;
    Ok(out)
}

/// Writes a file and, for compressible ones, its `.gz` and `.br` copies. The copies are written
/// before the file itself: a build killed in between leaves the file unchanged, so the next build
/// sees it differ and rewrites the copies too (a stale copy is never kept beside a fresh file).
fn write_with_sidecars(dir: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    if !compressible(rel) {
        return write_if_changed(dir, rel, bytes);
    }
    let unchanged = holds(&dir.join(rel), bytes)?;
    for (ext, compress) in SIDECARS {
        let sidecar = format!("{rel}.{ext}");
        if !unchanged || !dir.join(&sidecar).is_file() {
            write_if_changed(dir, &sidecar, &compress(bytes)?)?;
        }
    }
    if unchanged {
        Ok(())
    } else {
        write_if_changed(dir, rel, bytes)
    }
}

/// True when `path` is a file holding exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    let same_size = std::fs::metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.len() == bytes.len() as u64);
    Ok(same_size && std::fs::read(path)? == bytes)
}

/// Writes `bytes` to `dir/rel` unless the file already holds exactly these bytes. A changed file
/// is unlinked first and written as a new one: this buffer was the visible site until the last
/// swap, and a reader that opened a file then must not see it truncated.
fn write_if_changed(dir: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = dir.join(rel);
    if holds(&target, bytes)? {
        return Ok(());
    }
    if std::fs::symlink_metadata(&target).is_ok() {
        let _ = std::fs::remove_file(&target);
    }
    std::fs::write(target, bytes)
}
