//! Integration tests: a plain reqwest client against emulators started on 127.0.0.1.

mod artifacts;
mod blocking;
mod callback;
mod cli;
mod common;
mod concurrency;
mod endpoints;
mod errors;
mod faults;
mod lifecycle;
mod limits;
mod list;
mod multipart;
mod predictions;
mod ranges;
mod samples;
mod v1;
