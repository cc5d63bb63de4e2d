//! Shared pieces of the fuzz loops: a deterministic generator, mutators, and a runner that
//! counts inputs, reports the speed and stops at the first panic (printing the input).
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

/// xorshift64*: fast, seeded, reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Strings that have broken parsers before: money words, signs, exponents, huge and odd numbers.
pub const TRICKY: &[&str] = &[
    "",
    "0",
    "-0",
    "+0",
    "-1",
    "1e-7",
    "5e-324",
    "1e308",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "-inf",
    "0.1",
    "0.30000000000000004",
    "9007199254740993",
    "99999999999999999999999999999",
    "80억",
    "80억원",
    "1조",
    "120억 1원",
    "3억 5천만",
    "1,000,000",
    "1_000",
    "  12  ",
    "억",
    "원",
    "-5억",
    "0x10",
    "1e3",
    "١٢٣",
    "１２３",
    "\u{0}",
    "\u{feff}1",
    "C25",
    "25112",
    "C31202",
    "Z99",
    "2026-02-29",
    "2026-13-01",
    "9999-12-31",
    "0000-01-01",
    "2026-04-17",
    "true",
    "null",
    "=1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1)",
    "\t1",
    "\r1",
    "<script>",
    "\"",
    "\\",
];

/// Bytes-level mutation of a text: flips, inserts, deletes, duplicates a slice.
pub fn mutate_bytes(rng: &mut Rng, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..=rng.below(4) {
        let len = bytes.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                let piece = rng.pick(TRICKY).as_bytes().to_vec();
                bytes.splice(i..i, piece);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = rng.below((len - i).min(64) + 1);
                bytes.drain(i..i + n);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = rng.below((len - i).min(64) + 1);
                let piece = bytes[i..i + n].to_vec();
                let at = rng.below(len + 1);
                bytes.splice(at..at, piece);
            }
            4 => {
                let i = rng.below(len + 1);
                let b = *rng.pick(b"{}[]\",:=\n#+-.0123456789e\\");
                bytes.insert(i, b);
            }
            _ => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Runs `one` on `count` inputs from `make`, stopping on the first panic with the input shown.
pub fn run<I: std::fmt::Debug>(
    name: &str,
    count: u64,
    seed: u64,
    mut make: impl FnMut(&mut Rng) -> I,
    mut one: impl FnMut(&I),
) {
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    for n in 0..count {
        let input = make(&mut rng);
        if catch_unwind(AssertUnwindSafe(|| one(&input))).is_err() {
            eprintln!("{name}: PANIC on input {n} (seed {seed}): {input:?}");
            std::process::exit(1);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{name}: {count} inputs, no panic, {secs:.1} s, {:.0} inputs/s (seed {seed})",
        count as f64 / secs.max(1e-9)
    );
}

/// `(count, seed)` from the command line: `fuzz_x [COUNT] [SEED]`.
pub fn args() -> (u64, u64) {
    let mut args = std::env::args().skip(1);
    let count = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(0x5eed);
    (count, seed)
}

/// `(shown path, text)` of every `*.toml` in a folder of the repository.
pub fn toml_files(rel: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(rel);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| {
            let name = format!("{rel}/{}", e.file_name().to_string_lossy());
            (name, std::fs::read_to_string(e.path()).expect("read"))
        })
        .collect();
    files.sort();
    files
}
