//! `afsite` command line; the work is done in the library (see `afsite::cli`).
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    afsite::cli::run(&args)
}
