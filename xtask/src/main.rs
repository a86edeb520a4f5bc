//! Project chores behind `cargo xtask` (see `.cargo/config.toml`):
//!
//! - `cargo xtask ci`: everything CI checks, in one command (fmt, clippy, each feature set of
//!   `hume`, docs, tests, doctests, dependency-tree invariants, packaging, fixture
//!   conformance when `../shared/api/fixtures` exists), with the time of every step;
//! - `cargo xtask conformance DIR`: parse every published example payload in DIR with its type;
//! - `cargo xtask bench`: the speed and memory benchmarks, printed as a table;
//! - `cargo xtask fuzz [--seconds N] [--seed S]`: the fuzz harness (`hume-fuzz`) for N
//!   seconds (CI runs it for a few).
//!
//! Map: [`ci`], [`conformance`], [`bench`](mod@bench), [`fuzz`] (one module per subcommand) and [`cargo`] (running
//! cargo from here).

mod bench;
mod cargo;
mod ci;
mod conformance;
mod fuzz;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci::run(),
        Some("bench") => bench::run(),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("conformance") => match args.get(1) {
            Some(dir) => conformance::run(std::path::Path::new(dir)),
            None => {
                eprintln!("usage: cargo xtask conformance DIR");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: cargo xtask <ci | conformance DIR | bench | fuzz [--seconds N]>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            ExitCode::FAILURE
        }
    }
}
