//! The rules loader (`load::from_toml_files`) and the example runner on mutated rules files:
//! a loader may reject anything, but must never panic.
use af_engine::load::{from_toml_files, run_examples};
use afsite_fuzz::{args, mutate_bytes, run, toml_files};

fn main() {
    let (count, seed) = args();
    let files = toml_files("content/rules");
    let examples = toml_files("content/rules/examples");
    run(
        "rules_toml",
        count,
        seed,
        |rng| {
            let mut files = files.clone();
            let i = rng.below(files.len());
            files[i].1 = mutate_bytes(rng, &files[i].1);
            files
        },
        |files| {
            if let Ok(rules) = from_toml_files(files) {
                let _ = run_examples(&rules, &examples);
            }
        },
    );
}
