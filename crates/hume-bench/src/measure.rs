//! The measurements, one per file. Each runs in its own process, times only the operation
//! under test (clients are built and connections warmed before the clock starts where the
//! baseline does the same), and prints one [`Report`](crate::report::Report) line.

pub mod cli_summary;
pub mod details;
pub mod download;
pub mod images;
pub mod jobs;
pub mod predictions;
pub mod realtime;
pub mod soak;
pub mod submit;

#[cfg(test)]
mod tests;
