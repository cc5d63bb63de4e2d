//! Build-time benchmark on the shared corpus (`../shared/bench/gen_corpus.py`): N = 100, 1,000
//! and 10,000 Korean pages of about 4 KB, built with this project's own templates (navigation,
//! breadcrumbs, table of contents, table captions and link checking included), so the figure is
//! what an agency gets. Reports wall time per build and pages per second.
//!
//! `cargo bench --bench build`; `AFSITE_BENCH_SIZES=100,1000` and `AFSITE_BENCH_RUNS=5` tune it.
//! The comparison with Hugo on the same pages is `scripts/bench-hugo.sh` (hyperfine runs both).
use afsite::{build_site, BuildOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sizes = env_list("AFSITE_BENCH_SIZES").unwrap_or_else(|| vec![100, 1_000, 10_000]);
    let runs = env_list("AFSITE_BENCH_RUNS")
        .and_then(|v| v.first().copied())
        .unwrap_or(5)
        .max(1);
    let work = manifest.join("target/bench-corpus");
    println!("pages\truns\tmean\tmin\tpages/s (mean)");
    for n in sizes {
        let root = prepare_corpus(&manifest, &work, n);
        let out = work.join(format!("out-{n}"));
        let options = BuildOptions {
            root: root.clone(),
            out: out.clone(),
            base_path: "/".to_string(),
            base_url: None,
        };
        // Warm-up: fills the page cache the same way for every size.
        let warm = build_site(&options).unwrap_or_else(|errors| fail(&errors));
        assert!(
            warm.pages > n,
            "expected more than {n} pages, built {}",
            warm.pages
        );
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = Instant::now();
            build_site(&options).unwrap_or_else(|errors| fail(&errors));
            times.push(started.elapsed());
        }
        let mean = times.iter().sum::<Duration>() / runs as u32;
        let min = times.iter().min().copied().unwrap_or(mean);
        println!(
            "{}\t{}\t{:.3} s\t{:.3} s\t{:.0}",
            warm.pages,
            runs,
            mean.as_secs_f64(),
            min.as_secs_f64(),
            warm.pages as f64 / mean.as_secs_f64()
        );
    }
}

fn env_list(name: &str) -> Option<Vec<usize>> {
    let value = std::env::var(name).ok()?;
    let list: Vec<usize> = value
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    (!list.is_empty()).then_some(list)
}

fn fail(errors: &[afsite::BuildError]) -> ! {
    for error in errors {
        eprintln!("{error}");
    }
    panic!("benchmark build failed");
}

/// Generates the corpus once (cached under `target/bench-corpus/`) and lays a site root around it:
/// the project's templates, static files and site settings, plus the two section index pages the
/// builder requires (Hugo renders its own list pages for the same folders). This builder requires a
/// caption on every table (accessibility), so each page's table gets a one-line `표:` caption.
fn prepare_corpus(manifest: &Path, work: &Path, n: usize) -> PathBuf {
    let raw = work.join(format!("raw-{n}"));
    if !raw.join("content/docs").is_dir() {
        let script = manifest.join("../shared/bench/gen_corpus.py");
        assert!(
            script.is_file(),
            "the shared corpus generator is missing: {}",
            script.display()
        );
        let status = Command::new("python3")
            .arg(&script)
            .arg(&raw)
            .arg(n.to_string())
            .status()
            .expect("python3 must be installed to generate the corpus");
        assert!(status.success(), "gen_corpus.py failed for N = {n}");
    }
    let root = work.join(format!("site-{n}"));
    if root.is_dir() {
        std::fs::remove_dir_all(&root).expect("clear the previous corpus root");
    }
    copy_dir(&raw.join("content"), &root.join("content"));
    copy_dir(&manifest.join("templates"), &root.join("templates"));
    copy_dir(&manifest.join("static"), &root.join("static"));
    std::fs::copy(
        manifest.join("content/site.toml"),
        root.join("content/site.toml"),
    )
    .expect("copy site.toml");
    std::fs::write(
        root.join("content/_index.md"),
        "+++\ntitle = \"벤치마크\"\n+++\n\n벤치마크 코퍼스.\n",
    )
    .expect("write home page");
    std::fs::write(
        root.join("content/docs/_index.md"),
        "+++\ntitle = \"문서\"\norder = 1\n+++\n\n문서 목록.\n",
    )
    .expect("write section page");
    root
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk corpus");
        let rel = entry.path().strip_prefix(from).expect("inside the corpus");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
        } else if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).expect("read page");
            let captioned = text.replacen("\n| 구분 |", "\n표: 구분별 비율\n\n| 구분 |", 1);
            std::fs::write(&target, captioned).expect("write page");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}
