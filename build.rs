//! Builds the browser engine (`af-wasm`), one module per kind of tool page, and prepares the
//! modules for embedding, so that the single command `cargo run --release -- build` produces a
//! site with the engine inside.
//!
//! Steps: make sure the `wasm32-unknown-unknown` target exists (installing it through rustup on a
//! fresh machine); for each row of `wasm/modules.rs`, run a nested `cargo build -p af-wasm` for
//! that target with the `wasm-release` profile and that row's engine features, into
//! `<target>/wasm-build` (its own lock, so it cannot deadlock with this build; the rows share the
//! compiled dependencies), run wasm-bindgen (`--target web`) as a library, then give both files
//! content-hashed names so that a static server may cache them forever. `src/wasm_assets.rs`
//! embeds the results through `OUT_DIR/page_modules.rs`, written here.
//!
//! A failure anywhere fails the build with a message: a site must never ship without its engine.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const WASM_PROFILE: &str = "wasm-release";
/// Stem of the emitted files (`af_engine-<module>.js`, `af_engine-<module>_bg.wasm`) before hashing.
const STEM: &str = "af_engine";

include!("wasm/modules.rs");

fn main() {
    if let Err(message) = run() {
        eprintln!("error: building the browser engine (af-wasm) failed:\n{message}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let manifest_dir = PathBuf::from(env_var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env_var("OUT_DIR")?);
    for path in ["wasm", "engine", "Cargo.toml", "Cargo.lock", "build.rs"] {
        println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join(path).display()
        );
    }
    // The nested build reads these; a change must rebuild the engine too.
    for var in ["RUSTUP_TOOLCHAIN", "CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL"] {
        println!("cargo:rerun-if-env-changed={var}");
    }

    ensure_wasm_target()?;
    let wasm_target_dir = target_dir(&out_dir)?.join("wasm-build");
    let mut table = String::from(
        "// Written by build.rs: the built browser modules, in the order of wasm/modules.rs.\n\
         pub static BUILT_MODULES: &[BuiltModule] = &[\n",
    );
    for module in PAGE_MODULES {
        let started = std::time::Instant::now();
        let raw_wasm = build_wasm_crate(&manifest_dir, &wasm_target_dir, module)?;
        let stem = format!("{STEM}-{}", module.name);
        let (js, wasm) = bindgen(&raw_wasm, &stem)?;
        table.push_str(&emit(&out_dir, &stem, js, wasm)?);
        eprintln!(
            "afsite build.rs: module {} built in {:.1} s",
            module.name,
            started.elapsed().as_secs_f64()
        );
    }
    table.push_str("];\n");
    write(&out_dir.join("page_modules.rs"), table.as_bytes())
}

fn env_var(name: &str) -> Result<String, String> {
    env::var(name)
        .map_err(|_| format!("environment variable {name} is not set (run through cargo)"))
}

/// The sysroot of the compiler cargo gave us, to look for the wasm32 standard library.
fn sysroot() -> Result<PathBuf, String> {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let out = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("cannot run `{rustc} --print sysroot`: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{rustc} --print sysroot` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

/// Installs the wasm32 target for the active toolchain if its standard library is missing.
///
/// `RUSTUP_AUTO_INSTALL=0` on these machines means nothing installs it implicitly, and a
/// `rust-toolchain.toml` would pin a channel that may itself be missing; so ask rustup directly,
/// for exactly the toolchain running this build (rustup sets `RUSTUP_TOOLCHAIN` for its proxies).
fn ensure_wasm_target() -> Result<(), String> {
    let libdir = sysroot()?.join("lib/rustlib").join(WASM_TARGET).join("lib");
    if libdir.is_dir() {
        return Ok(());
    }
    let mut cmd = Command::new("rustup");
    cmd.args(["target", "add", WASM_TARGET]);
    if let Ok(toolchain) = env::var("RUSTUP_TOOLCHAIN") {
        cmd.args(["--toolchain", &toolchain]);
    }
    eprintln!("afsite build.rs: the {WASM_TARGET} target is missing; installing it: {cmd:?}");
    // rustup's progress goes to stderr; keep stdout free of anything cargo could read.
    let status = cmd
        .stdout(Stdio::from(std::io::stderr()))
        .status()
        .map_err(|e| {
            format!(
                "the {WASM_TARGET} target is not installed and rustup could not be run ({e}).\n\
                 Install it by hand: rustup target add {WASM_TARGET}"
            )
        })?;
    if !status.success() || !libdir.is_dir() {
        return Err(format!(
            "the {WASM_TARGET} target is not installed and `{cmd:?}` failed ({status}).\n\
             Install it by hand: rustup target add {WASM_TARGET}"
        ));
    }
    eprintln!("afsite build.rs: installed the {WASM_TARGET} target");
    // cargo shows a successful build script's stderr only with -vv; a warning is always shown.
    println!("cargo:warning=installed the {WASM_TARGET} Rust target (rustup target add) to build the browser engine");
    Ok(())
}

/// The outer build's target directory, found from `OUT_DIR`
/// (`<target>[/<triple>]/<profile>/build/<pkg>-<hash>/out`); cargo marks it with `CACHEDIR.TAG`.
fn target_dir(out_dir: &Path) -> Result<PathBuf, String> {
    let build = out_dir
        .ancestors()
        .find(|p| p.file_name().is_some_and(|n| n == "build"))
        .ok_or_else(|| format!("unexpected OUT_DIR layout: {}", out_dir.display()))?;
    let profile_dir = build
        .parent()
        .ok_or_else(|| format!("unexpected OUT_DIR layout: {}", out_dir.display()))?;
    let found = profile_dir
        .ancestors()
        .skip(1)
        .take(2)
        .find(|p| p.join("CACHEDIR.TAG").is_file());
    Ok(match found {
        Some(dir) => dir.to_path_buf(),
        None => profile_dir
            .parent()
            .ok_or_else(|| format!("unexpected OUT_DIR layout: {}", out_dir.display()))?
            .to_path_buf(),
    })
}

/// Runs `cargo build -p af-wasm --target wasm32-unknown-unknown --profile wasm-release` with the
/// module's features and returns the path of the raw `.wasm`.
fn build_wasm_crate(
    manifest_dir: &Path,
    target_dir: &Path,
    module: &PageModule,
) -> Result<PathBuf, String> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let features: Vec<String> = module
        .rules
        .iter()
        .map(|rules| format!("af-engine/{rules}"))
        .collect();
    let mut cmd = Command::new(&cargo);
    cmd.current_dir(manifest_dir)
        .args(["build", "-p", "af-wasm", "--target", WASM_TARGET])
        .args(["--profile", WASM_PROFILE, "--no-default-features"])
        .arg("--features")
        .arg(features.join(","))
        .arg("--target-dir")
        .arg(target_dir);
    // Variables cargo or clippy set for this build script that must not leak into the nested
    // build: a workspace wrapper (clippy-driver) or host flags would break or slow the wasm build.
    for var in [
        "RUSTC_WORKSPACE_WRAPPER",
        "RUSTC_WRAPPER",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "CARGO_BUILD_TARGET_DIR",
        "CARGO_PRIMARY_PACKAGE",
    ] {
        cmd.env_remove(var);
    }
    // The nested cargo prints to stdout too; cargo would read that as build-script directives.
    cmd.stdout(Stdio::from(std::io::stderr()));
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run `{cargo}`: {e}"))?;
    if !status.success() {
        return Err(format!(
            "`{cmd:?}` failed ({status}); see the messages above"
        ));
    }
    let wasm = target_dir
        .join(WASM_TARGET)
        .join(WASM_PROFILE)
        .join("af_wasm.wasm");
    if !wasm.is_file() {
        return Err(format!("the nested build produced no {}", wasm.display()));
    }
    Ok(wasm)
}

/// Runs wasm-bindgen for ES-module pages (`--target web`) and returns (JS glue, final wasm).
fn bindgen(raw_wasm: &Path, stem: &str) -> Result<(String, Vec<u8>), String> {
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(raw_wasm)
        .out_name(stem)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?
        .typescript(false)
        // The library form omits the default `new URL('…_bg.wasm', import.meta.url)` unless told
        // not to; pages call `init()` with no argument and rely on it.
        .omit_default_module_path(false)
        // Function names only help debugging; they cost several KB gzipped.
        .remove_name_section(true)
        .remove_producers_section(true);
    let mut output = bindgen
        .generate_output()
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    if output.snippets().values().any(|s| !s.is_empty()) || !output.local_modules().is_empty() {
        return Err(
            "wasm-bindgen produced JS snippets; src/wasm_assets.rs would not publish \
                    them (avoid `inline_js` / `module = …` in the wasm crate)"
                .to_string(),
        );
    }
    let js = output.js().to_string();
    let wasm = output.wasm_mut().emit_wasm();
    Ok((js, wasm))
}

/// Writes `<stem>.js` and `<stem>_bg.wasm` into `OUT_DIR` and returns their row of the
/// `BUILT_MODULES` table, with their published, content-hashed names. The glue's default `.wasm`
/// URL is rewritten to the hashed name, so `await init()` finds the module next to the glue under
/// any sub-path.
fn emit(out_dir: &Path, stem: &str, js: String, wasm: Vec<u8>) -> Result<String, String> {
    let wasm_name = format!("{stem}_bg.{}.wasm", hash8(&wasm));
    let default_url = format!("new URL('{stem}_bg.wasm', import.meta.url)");
    let hashed_url = format!("new URL('{wasm_name}', import.meta.url)");
    let count = js.matches(&default_url).count();
    if count != 1 {
        return Err(format!(
            "expected exactly one `{default_url}` in the wasm-bindgen glue, found {count}; \
             the wasm-bindgen output format changed"
        ));
    }
    let js = js.replace(&default_url, &hashed_url);
    let js_name = format!("{stem}.{}.js", hash8(js.as_bytes()));

    let js_path = out_dir.join(format!("{stem}.js"));
    let wasm_path = out_dir.join(format!("{stem}_bg.wasm"));
    write(&js_path, js.as_bytes())?;
    write(&wasm_path, &wasm)?;
    Ok(format!(
        "    BuiltModule {{ js_name: {js_name:?}, js: include_bytes!({:?}), \
         wasm_name: {wasm_name:?}, wasm: include_bytes!({:?}) }},\n",
        js_path.display().to_string(),
        wasm_path.display().to_string()
    ))
}

/// Writes only when the content differs, so an unchanged engine does not touch `include_bytes!`
/// inputs and force the builder to recompile.
fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// First 8 hex digits of a 64-bit FNV-1a hash: enough to bust caches when a file changes
/// (this is a cache key, not an integrity check), and no extra build dependency.
fn hash8(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:016x}", h).chars().take(8).collect()
}
