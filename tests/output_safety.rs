//! The output folder belongs to the builder: it refuses folders it did not make and the project's
//! own folders, swaps a new site in with no gap, lets one build write at a time, and leaves the
//! last good site after a crash or a full disk.
#[path = "fixtures/support.rs"]
mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{afsite, minimal_site, snapshot, stderr, write};

fn sources_intact(root: &Path) {
    for file in [
        "content/_index.md",
        "content/site.toml",
        "templates/base.html",
        "static/css/style.css",
    ] {
        assert!(root.join(file).is_file(), "{file} was deleted");
    }
}

#[test]
fn a_folder_the_builder_did_not_make_is_never_replaced() {
    let site = minimal_site();
    let root = site.path();
    write(root, "docs/notes.md", "내 문서");
    for _ in 0..2 {
        let refused = afsite(root, &["build", "--out", "docs"]);
        assert_eq!(refused.status.code(), Some(1));
        assert!(
            stderr(&refused).contains("docs: afsite가 만든 출력 폴더가 아닙니다"),
            "{}",
            stderr(&refused)
        );
        assert_eq!(
            std::fs::read_to_string(root.join("docs/notes.md")).expect("kept"),
            "내 문서"
        );
    }
    let names: Vec<String> = std::fs::read_dir(root)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".docs."))
        .filter(|n| n != ".docs.lock")
        .collect();
    assert!(
        names.is_empty(),
        "work folders made for a refused build: {names:?}"
    );

    // An empty folder may become the output; then rebuilding it (the GitHub Pages habit) works.
    std::fs::create_dir(root.join("site")).expect("mkdir");
    for _ in 0..3 {
        let built = afsite(root, &["build", "--out", "site"]);
        assert!(built.status.success(), "{}", stderr(&built));
    }
    assert!(root.join("site/index.html").is_file());
    assert!(root.join("site/.afsite-output").is_file());

    // A file where the output folder should be is not overwritten either.
    write(root, "afile", "x");
    assert_eq!(
        afsite(root, &["build", "--out", "afile"]).status.code(),
        Some(1)
    );
    assert_eq!(
        std::fs::read_to_string(root.join("afile")).expect("kept"),
        "x"
    );
}

#[test]
fn the_project_and_its_sources_are_refused_however_spelled() {
    let site = minimal_site();
    let root = site.path();
    let name = root
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let absolute = root.to_string_lossy().into_owned();
    std::fs::create_dir(root.join("work")).expect("mkdir");
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("work/link-to-root")).expect("symlink");
    let spellings = [
        ".".to_string(),
        "./".to_string(),
        absolute.clone(),
        format!("{absolute}/"),
        format!("{absolute}/content/.."),
        format!("../{name}"),
        "work/link-to-root".to_string(),
        "..".to_string(),
        "content".to_string(),
        "content/public".to_string(),
        format!("{absolute}/templates"),
        "static/out".to_string(),
        "work/link-to-root/static".to_string(),
    ];
    for out in &spellings {
        let refused = afsite(root, &["build", "--out", out]);
        assert_eq!(refused.status.code(), Some(1), "--out {out} was accepted");
        let message = stderr(&refused);
        assert!(
            message.contains("프로젝트 폴더") || message.contains("폴더와 겹칩니다"),
            "--out {out}: {message}"
        );
        sources_intact(root);
    }
    // Run from elsewhere with --root: the root is still recognised.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let refused = afsite(
        elsewhere.path(),
        &["build", "--root", &absolute, "--out", &absolute],
    );
    assert_eq!(refused.status.code(), Some(1));
    sources_intact(root);
}

#[test]
fn a_second_build_waits_for_the_first() {
    use std::os::fd::AsRawFd;
    let site = minimal_site();
    let root = site.path();
    assert!(afsite(root, &["build", "--out", "out"]).status.success());
    // Hold the lock as a running build would.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(root.join(".out.lock"))
        .expect("lock file beside the output");
    // SAFETY: a valid open descriptor.
    assert_eq!(unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX) }, 0);
    write(
        root,
        "content/notice/new.md",
        "+++\ntitle = \"새\"\n+++\n본문\n",
    );
    let mut second = Command::new(env!("CARGO_BIN_EXE_afsite"))
        .current_dir(root)
        .args(["build", "--out", "out"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        second.try_wait().expect("poll").is_none(),
        "the second build did not wait for the lock"
    );
    assert!(!root.join("out/notice/new/index.html").exists());
    drop(lock);
    let done = second.wait_with_output().expect("finish");
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(stderr(&done).contains("다른 빌드가 이 출력 폴더에 쓰는 중입니다"));
    assert!(root.join("out/notice/new/index.html").is_file());
}

/// A page whose title carries the generation number, so a mixed site is visible.
fn set_generation(root: &Path, generation: usize) {
    write(
        root,
        "content/notice/overview.md",
        &format!(
            "+++\ntitle = \"세대 {generation}\"\n+++\n\n## 규모 {{#scale}}\n\n본문 {generation}\n"
        ),
    );
}

#[test]
fn readers_never_miss_a_file_during_rebuilds() {
    let site = minimal_site();
    let root = site.path().to_path_buf();
    set_generation(&root, 0);
    assert!(afsite(&root, &["build", "--out", "out"]).status.success());
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(AtomicU64::new(0));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (stop, reads, failures, root) =
                (stop.clone(), reads.clone(), failures.clone(), root.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    for page in ["out/index.html", "out/notice/overview/index.html"] {
                        let ok = std::fs::read_to_string(root.join(page))
                            .is_ok_and(|html| html.trim_end().ends_with("</html>"));
                        reads.fetch_add(1, Ordering::Relaxed);
                        if !ok {
                            failures.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect();
    let rebuilds = 60;
    for generation in 1..=rebuilds {
        set_generation(&root, generation);
        let built = afsite(&root, &["build", "--out", "out"]);
        assert!(built.status.success(), "{}", stderr(&built));
    }
    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        reader.join().expect("reader");
    }
    let (reads, failures) = (
        reads.load(Ordering::Relaxed),
        failures.load(Ordering::Relaxed),
    );
    eprintln!("swap test: {rebuilds} rebuilds, {reads} reads, {failures} failed");
    assert!(reads > 1000, "too few reads to mean anything: {reads}");
    assert_eq!(failures, 0, "{failures} of {reads} reads failed");
}

/// All pages of `out` belong to one generation and no file of the complete site is missing.
fn assert_complete(out: &Path, expected_files: &std::collections::BTreeSet<String>) {
    let files = snapshot(out);
    // The search index lives in a folder named by its content hash, which changes with each
    // generation: compare its files by their place in that folder.
    let unhashed =
        |name: &String| match name.strip_prefix("search/").and_then(|r| r.split_once('/')) {
            Some((hash, rest)) if hash.chars().all(|c| c.is_ascii_hexdigit()) => {
                format!("search/#/{rest}")
            }
            _ => name.clone(),
        };
    let names: std::collections::BTreeSet<String> = files.keys().map(unhashed).collect();
    let expected: std::collections::BTreeSet<String> =
        expected_files.iter().map(unhashed).collect();
    assert_eq!(names, expected, "the site in {out:?} is incomplete");
    let overview = String::from_utf8_lossy(&files["notice/overview/index.html"]).into_owned();
    let generation = overview
        .split("세대 ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .expect("generation in the title")
        .to_string();
    assert!(
        overview.contains(&format!("본문 {generation}")),
        "mixed page: {overview}"
    );
}

#[test]
fn kill_9_at_any_instant_leaves_a_complete_site() {
    let site = minimal_site();
    let root = site.path();
    set_generation(root, 0);
    assert!(afsite(root, &["build", "--out", "out"]).status.success());
    let expected: std::collections::BTreeSet<String> =
        snapshot(&root.join("out")).keys().cloned().collect();
    // Measure a warm build (the buffer exists, unchanged files are skipped), then kill builds at
    // instants spread over that time.
    let mut build_time = u64::MAX;
    for generation in 1..4 {
        set_generation(root, generation);
        let started = Instant::now();
        assert!(afsite(root, &["build", "--out", "out"]).status.success());
        build_time = build_time.min(started.elapsed().as_micros() as u64);
    }
    let build_time = build_time.max(2000);
    let mut killed_midway = 0;
    for round in 0..40u64 {
        set_generation(root, 4 + round as usize);
        let mut child = Command::new(env!("CARGO_BIN_EXE_afsite"))
            .current_dir(root)
            .args(["build", "--out", "out"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_micros(build_time * (round % 20) / 19));
        if child.try_wait().expect("poll").is_none() {
            killed_midway += 1;
        }
        child.kill().ok();
        child.wait().expect("reap");
        assert_complete(&root.join("out"), &expected);
    }
    eprintln!("kill -9 test: {killed_midway} of 40 builds killed while running");
    assert!(
        killed_midway > 5,
        "too few builds were killed while running"
    );
    // The next build repairs whatever the killed ones left.
    let built = afsite(root, &["build", "--out", "out"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert_complete(&root.join("out"), &expected);
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_crash_between_the_fallback_renames_is_repaired() {
    let site = minimal_site();
    let root = site.path();
    assert!(afsite(root, &["build", "--out", "out"]).status.success());
    // What a build killed inside the two-rename swap (systems without RENAME_EXCHANGE) leaves.
    std::fs::rename(root.join("out"), root.join(".out.swap.tmp")).expect("simulate");
    write(
        root,
        "content/notice/overview.md",
        "+++\ntitle = \"사업 개요\"\n+++\n\n[깨진](@/x.md)\n",
    );
    let failed = afsite(root, &["build", "--out", "out"]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(
        root.join("out/index.html").is_file(),
        "the swapped-out site was not put back: {}",
        stderr(&failed)
    );
    assert!(!root.join(".out.swap.tmp").exists());
}

#[test]
fn a_full_disk_leaves_the_last_site_and_no_half_written_folder() {
    let site = minimal_site();
    let root = site.path();
    for _ in 0..2 {
        assert!(afsite(root, &["build", "--out", "out"]).status.success());
    }
    let before = snapshot(&root.join("out"));
    // Remove the buffer so the next build must write every file, then cap the file size the
    // build may write (EFBIG, as a full disk gives ENOSPC): the WASM cannot be written.
    std::fs::remove_dir_all(root.join(".out.previous")).expect("remove buffer");
    set_generation(root, 7);
    let limited = Command::new("bash")
        .current_dir(root)
        .args([
            "-c",
            "trap '' XFSZ; ulimit -f 16; exec \"$0\" build --out out",
            env!("CARGO_BIN_EXE_afsite"),
        ])
        .output()
        .expect("run");
    assert_eq!(limited.status.code(), Some(1), "{}", stderr(&limited));
    assert!(
        stderr(&limited).contains("쓸 수 없습니다"),
        "{}",
        stderr(&limited)
    );
    assert_eq!(
        snapshot(&root.join("out")),
        before,
        "the visible site changed"
    );
    assert!(
        !root.join(".out.previous").exists(),
        "a half-written work folder was left"
    );
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut std::io::Cursor::new(bytes), &mut out).expect("valid brotli");
    out
}

/// Every text file and the WASM has `.gz` and `.br` copies that decode to its current bytes.
fn assert_sidecars_match(out: &Path) {
    let files = snapshot(out);
    let mut checked = 0;
    for (path, bytes) in &files {
        if path.ends_with(".gz") || path.ends_with(".br") || !afsite::output::compressible(path) {
            continue;
        }
        let gz = files
            .get(&format!("{path}.gz"))
            .unwrap_or_else(|| panic!("{path}.gz missing"));
        let br = files
            .get(&format!("{path}.br"))
            .unwrap_or_else(|| panic!("{path}.br missing"));
        assert!(gunzip(gz) == *bytes, "{path}.gz is stale");
        assert!(unbrotli(br) == *bytes, "{path}.br is stale");
        checked += 1;
    }
    assert!(
        files.keys().any(|p| p.ends_with(".wasm.br")),
        "the WASM has no .br copy"
    );
    assert!(checked >= 8, "only {checked} files checked");
}

#[test]
fn precompressed_copies_follow_every_change() {
    let site = minimal_site();
    let root = site.path();
    for generation in 0..4 {
        set_generation(root, generation);
        let built = afsite(root, &["build", "--out", "out"]);
        assert!(built.status.success(), "{}", stderr(&built));
        assert_sidecars_match(&root.join("out"));
    }
    // A page removed from the site takes its copies with it.
    std::fs::remove_file(root.join("content/notice/overview.md")).expect("remove");
    write(root, "content/_index.md", "+++\ntitle = \"홈\"\n+++\n홈\n");
    write(root, "content/glossary.toml", "");
    let built = afsite(root, &["build", "--out", "out"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(!root.join("out/notice/overview/index.html.gz").exists());
    assert_sidecars_match(&root.join("out"));
}
