//! `hume`: see the workspace ARCHITECTURE.md for what this crate is for.
#![forbid(unsafe_code)]
