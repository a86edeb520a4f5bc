//! Measuring many files: a pool of workers ([`pool`]), the JSON Lines results file and resuming
//! it ([`results_file`]), Ctrl-C ([`interrupt`]) and the progress bar ([`progress`]).
//!
//! The rules, end to end:
//! - every file is one request; `--jobs N` requests are in flight at once;
//! - each outcome is one [`Record`](hume_analysis::records::Record) line, written by one
//!   thread with one `write` of the complete line, so the file is never interleaved and a
//!   crash leaves at most a torn last line;
//! - `--resume` keeps the files recorded `ok`, drops failed records of the files being
//!   measured again (they are retried) and a torn last line, then measures the rest: a crash or
//!   Ctrl-C loses nothing and repeats nothing;
//! - the first Ctrl-C stops taking files and lets the requests in flight finish (their
//!   records are written); a second one exits at once (130); an interrupted run exits 130.

pub mod interrupt;
pub mod pool;
pub mod progress;
pub mod results_file;
